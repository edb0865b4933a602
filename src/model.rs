//! The vocabulary every other room speaks: a `Dissection` is a frame explained
//! as layers, each layer a list of `Field`s with their exact place in the frame,
//! their value, what they mean and where the value came from. No I/O here.

use compact_str::CompactString;
use std::borrow::Cow;

use crate::field_id;

/// The five layers of the TCP/IP teaching model, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LayerKind {
    Physical,
    Link,
    Network,
    Transport,
    Application,
}

impl LayerKind {
    /// The name a textbook gives this layer.
    pub fn title(self) -> &'static str {
        match self {
            LayerKind::Physical => crate::t!("Physical"),
            LayerKind::Link => crate::t!("Data link"),
            LayerKind::Network => crate::t!("Network"),
            LayerKind::Transport => crate::t!("Transport"),
            LayerKind::Application => crate::t!("Application"),
        }
    }
}

/// What the unit of data is called at each layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pdu {
    Message,
    Datagram,
    Segment,
    Packet,
    Frame,
    Bits,
}

impl Pdu {
    pub fn name(self) -> &'static str {
        match self {
            Pdu::Message => crate::t!("message"),
            Pdu::Datagram => crate::t!("datagram"),
            Pdu::Segment => crate::t!("segment"),
            Pdu::Packet => crate::t!("packet"),
            Pdu::Frame => crate::t!("frame"),
            Pdu::Bits => crate::t!("bits"),
        }
    }
}

/// Whether a value was seen (from the OS or the wire), computed by us from other
/// values, or fixed by the protocol itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginKind {
    Observed,
    Predicted,
    Protocol,
    /// Chosen by the user on the command line (--ttl, --mtu).
    Chosen,
    /// Not knowable without a capture (the server's ISN, a kernel's random
    /// start): the value shown stands in, and its source says so.
    Unknown,
}

impl OriginKind {
    /// The tag a table puts before the value's source, e.g. `[observed]`.
    pub fn tag(self) -> &'static str {
        match self {
            OriginKind::Observed => crate::t!("[observed]"),
            OriginKind::Predicted => crate::t!("[predicted]"),
            OriginKind::Protocol => crate::t!("[protocol]"),
            OriginKind::Chosen => crate::t!("[chosen]"),
            OriginKind::Unknown => crate::t!("[unknown]"),
        }
    }
}

/// Where one value came from, in words a learner can check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub kind: OriginKind,
    pub source: String,
}

impl Origin {
    pub fn observed(source: impl Into<String>) -> Self {
        Origin {
            kind: OriginKind::Observed,
            source: source.into(),
        }
    }
    pub fn predicted(source: impl Into<String>) -> Self {
        Origin {
            kind: OriginKind::Predicted,
            source: source.into(),
        }
    }
    pub fn chosen(source: impl Into<String>) -> Self {
        Origin {
            kind: OriginKind::Chosen,
            source: source.into(),
        }
    }
    pub fn unknown(source: impl Into<String>) -> Self {
        Origin {
            kind: OriginKind::Unknown,
            source: source.into(),
        }
    }
    pub fn protocol(source: impl Into<String>) -> Self {
        Origin {
            kind: OriginKind::Protocol,
            source: source.into(),
        }
    }
}

/// A field's value: a number where the protocol has one, text otherwise
/// (addresses, sentences), or bytes shown as text (a payload). JSON writes
/// it as a plain number or string.
#[derive(Debug, Clone)]
pub enum Value {
    Number(u64),
    Text(String),
    /// Bytes shown as text: kept as the bytes, so that each writer escapes
    /// them once, in its own form. JSON had escaped the text's escapes a
    /// second time (see `text::escape_text_json_into`). Boxed: a value in
    /// every field stays as small as a `String`.
    Shown(Box<ShownBytes>),
}

impl Value {
    /// The value as text; None for a number.
    pub fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::Number(_) => None,
            Value::Text(text) => Some(Cow::Borrowed(text)),
            Value::Shown(shown) => Some(Cow::Owned(shown.text())),
        }
    }

    /// Whether the value is empty text.
    pub fn is_empty_text(&self) -> bool {
        match self {
            Value::Number(_) => false,
            Value::Text(text) => text.is_empty(),
            Value::Shown(shown) => shown.is_empty(),
        }
    }
}

/// Two values are equal when they show the same: a number the same
/// number, text the same text, however it is kept.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::Number(_), _) | (_, Value::Number(_)) => false,
            (a, b) => a.text() == b.text(),
        }
    }
}

impl Eq for Value {}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(t) => f.write_str(t),
            Value::Shown(shown) => f.write_str(&shown.text()),
        }
    }
}

/// Bytes shown as `text::escape_text` writes them, then `after`: empty, or
/// for a long payload shown in part the words saying so ("… (1400
/// bytes)").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShownBytes {
    pub bytes: Vec<u8>,
    pub after: String,
}

impl ShownBytes {
    /// The whole text.
    pub fn text(&self) -> String {
        let mut out = Vec::new();
        self.write_text(&mut out);
        // Bytes escaped as text, then text: the check cannot fail.
        String::from_utf8(out).unwrap_or_default()
    }

    /// The whole text appended to `out`.
    pub fn write_text(&self, out: &mut Vec<u8>) {
        crate::text::escape_text_into(&self.bytes, out);
        out.extend_from_slice(self.after.as_bytes());
    }

    /// Whether the text is empty (no bytes escape to nothing).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty() && self.after.is_empty()
    }
}

/// Bits inside a field's bytes, counted from the most significant bit of the
/// field's first byte (the way RFC diagrams count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BitSpan {
    pub offset: u8,
    pub length: u8,
    /// The bits themselves, most significant first, e.g. "0100".
    pub pattern: u32,
}

impl BitSpan {
    /// The bits as 0/1 text, most significant first.
    pub fn binary(&self) -> String {
        (0..self.length)
            .rev()
            .map(|i| if self.pattern >> i & 1 == 1 { '1' } else { '0' })
            .collect()
    }
}

/// One field of one header or trailer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Stable identifier, `protocol.field`, used by JSON readers and by compare.
    pub id: &'static str,
    /// The name the RFC or IEEE standard uses.
    pub name: &'static str,
    /// Byte offset in the frame; `None` for what is not part of the frame
    /// (preamble, SFD and gap on the physical layer).
    pub offset: Option<usize>,
    /// Length in bytes (of the bytes that hold the field, for a bit field).
    pub length: usize,
    pub bits: Option<BitSpan>,
    pub value: Value,
    /// The field's bytes in hex (lowercase, no separators). Up to 12 bytes'
    /// hex is held inline, without an allocation.
    pub hex: CompactString,
    /// What the value means, in plain words; a fixed sentence is borrowed.
    pub meaning: CompactString,
    pub origin: Option<Origin>,
}

/// A byte range of the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub offset: usize,
    pub length: usize,
}

impl Span {
    pub fn end(&self) -> usize {
        self.offset + self.length
    }
}

/// One term of a one's-complement sum: a group of 16-bit words and their sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumTerm {
    /// A fixed label is borrowed, not copied.
    pub label: CompactString,
    /// The 16-bit words of this term, in hex (may be abbreviated for long
    /// payloads); up to five words are held inline.
    pub words: CompactString,
    /// Plain (not yet folded) sum of this term's words.
    pub sum: u32,
}

/// One end-around-carry step: the carry above bit 15 is added back in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldStep {
    pub before: u32,
    pub after: u32,
}

/// Whether a stored checksum agrees with the one computed from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckVerdict {
    Correct,
    Incorrect {
        expected: u32,
    },
    /// The stored value is the folded pseudo-header sum the kernel leaves
    /// for the NIC to finish (checksum offload).
    PartialOffload,
    /// UDP over IPv4 may send 0: "no checksum computed".
    NotUsed,
}

impl CheckVerdict {
    pub fn describe(&self, width_hex: usize) -> String {
        self.words(width_hex).into_owned()
    }

    /// [`describe`](Self::describe) without a copy of the fixed verdicts:
    /// the dissector puts it straight into a sentence, once per checksum
    /// of every frame.
    pub fn words(&self, width_hex: usize) -> Cow<'static, str> {
        match self {
            CheckVerdict::Correct => crate::t!("correct").into(),
            CheckVerdict::Incorrect { expected } => crate::t!(
                "incorrect (expected {expected})",
                expected = format!("0x{expected:0width_hex$x}")
            )
            .into(),
            CheckVerdict::PartialOffload => {
                crate::t!("partial: the pseudo-header sum left for checksum offload").into()
            }
            CheckVerdict::NotUsed => {
                crate::t!("0 = sender computed no checksum (allowed for UDP over IPv4)").into()
            }
        }
    }
}

/// A checksum or CRC verified, with the worked computation kept as data so any
/// renderer can show it step by step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Id of the field that stores the checksum.
    pub field: &'static str,
    pub algorithm: &'static str,
    /// What the computation covers, in words.
    pub covers: String,
    /// The pseudo-header the UDP checksum covers (not sent; built for the sum).
    pub pseudo_header: Vec<Field>,
    pub terms: Vec<SumTerm>,
    /// Sum of all terms before folding.
    pub sum: Option<u32>,
    pub folds: Vec<FoldStep>,
    pub computed: u32,
    pub stored: u32,
    pub verdict: CheckVerdict,
}

impl Check {
    /// Hex digits its values are written with: 8 for the Ethernet FCS
    /// (CRC-32), 4 for the 16-bit Internet checksums.
    pub fn hex_digits(&self) -> usize {
        if self.field == field_id::ETH_FCS {
            8
        } else {
            4
        }
    }

    /// The verdict in words, its expected value at the check's own width.
    pub fn describe(&self) -> String {
        self.verdict.describe(self.hex_digits())
    }
}

/// One layer of a dissected frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    pub layer: LayerKind,
    pub protocol: &'static str,
    pub pdu: Pdu,
    /// The bytes this layer added in front (header; the payload bytes for the
    /// application layer).
    pub header: Span,
    /// What this layer added behind (Ethernet padding and FCS).
    pub trailer: Vec<Span>,
    /// Size of this layer's PDU: its header, everything inside, its trailer.
    pub pdu_length: usize,
    pub fields: Vec<Field>,
    pub checks: Vec<Check>,
    pub notes: Vec<String>,
}

impl Layer {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }
    /// Bytes this layer added: header plus trailer.
    pub fn overhead(&self) -> usize {
        self.header.length + self.trailer.iter().map(|s| s.length).sum::<usize>()
    }
}

/// Where dissection stopped because the bytes ran out or made no sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub protocol: &'static str,
    pub offset: usize,
    /// What went wrong, as data: programs (and `decode`) branch on this,
    /// never on the sentence.
    pub kind: MalformedKind,
    pub message: String,
}

/// The ways a layer can be malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MalformedKind {
    /// The bytes ran out before the header (or message) did.
    TooShort,
    /// A length field contradicts the bytes or the header around it (an
    /// IPv4 total length beyond the frame, a UDP length below 8).
    BadLength,
    /// A version field names another protocol (IPv4's says 6).
    BadVersion,
    /// An option (IPv4, IPv6 extension, TCP, ICMPv6) runs past its space or
    /// has an impossible length.
    BadOption,
    /// Another field holds a value the protocol forbids.
    BadValue,
}

/// A frame the capture saved only the start of (pcap's caplen below the
/// original length, the snap length at work): a limit of the capture, not a
/// fault of the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutShort {
    /// Bytes the capture saved.
    pub captured: usize,
    /// Bytes the frame had on the wire.
    pub original: usize,
    /// What the saved bytes could not finish (a header, or a length field
    /// that reaches past them), which without the cut would be malformed.
    pub ran_out: Option<Malformed>,
}

/// A frame explained: its layers, outermost first (the order a receiver strips
/// them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dissection {
    pub frame_length: usize,
    pub layers: Vec<Layer>,
    pub malformed: Option<Malformed>,
    /// Set when the capture saved fewer bytes than the frame had; what ran
    /// out because of that is told here, never as `malformed`.
    pub cut_short: Option<CutShort>,
}

impl Dissection {
    pub fn layer(&self, kind: LayerKind) -> Option<&Layer> {
        self.layers.iter().find(|l| l.layer == kind)
    }
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.layers.iter().find_map(|l| l.field(id))
    }
    pub fn fields_mut(&mut self) -> impl Iterator<Item = &mut Field> {
        self.layers.iter_mut().flat_map(|l| l.fields.iter_mut())
    }
    /// Which layer a byte of the frame belongs to (for colouring a hex dump).
    pub fn layer_of_byte(&self, index: usize) -> Option<LayerKind> {
        self.layers
            .iter()
            .rev()
            .find(|l| {
                let inside = |s: &Span| index >= s.offset && index < s.end();
                inside(&l.header) || l.trailer.iter().any(inside)
            })
            .map(|l| l.layer)
    }
}

/// The lowercase hex digit of a nibble, by arithmetic rather than a table
/// lookup: the loops below then compile to vector instructions.
const fn hex_digit(nibble: u8) -> u8 {
    nibble + if nibble < 10 { b'0' } else { b'a' - 10 }
}

/// Writes the hex digits of `bytes` into `digits` (twice as long).
pub(crate) fn write_hex(digits: &mut [u8], bytes: &[u8]) {
    for (pair, &b) in digits.chunks_exact_mut(2).zip(bytes) {
        pair[0] = hex_digit(b >> 4);
        pair[1] = hex_digit(b & 0x0f);
    }
}

/// `bytes` as lowercase hex, a field's: up to 12 bytes (24 digits) held
/// inline, written on the stack without a `String` first.
pub fn hex_text(bytes: &[u8]) -> CompactString {
    const INLINE: usize = 12;
    // About 32,000 fields in 1,000 frames. Each byte's two digits come
    // from a table of all 256 pairs. One or two bytes (most fields) are
    // slices of a `str`, copied in with no UTF-8 check; longer fields are
    // written on the stack and checked once, a whole aligned buffer (the
    // check cost 50 to 60 instructions whatever the length, and pushing
    // pair after pair cost 30 a push).
    match *bytes {
        [a] => CompactString::new(hex_pair(a)),
        [a, b] => {
            let mut text = CompactString::new(hex_pair(a));
            text.push_str(hex_pair(b));
            text
        }
        // The check costs by the buffer's length: the smallest that fits.
        _ if bytes.len() <= 8 => {
            CompactString::new(hex_on_stack::<16>(bytes).text(2 * bytes.len()))
        }
        _ if bytes.len() <= INLINE => {
            CompactString::new(hex_on_stack::<32>(bytes).text(2 * bytes.len()))
        }
        _ => CompactString::from_string_buffer(to_hex(bytes)),
    }
}

/// The hex digits of up to `N / 2` bytes (more are left out), each
/// byte's pair from the table, in a buffer for one UTF-8 check of the
/// whole.
fn hex_on_stack<const N: usize>(bytes: &[u8]) -> AsciiBuffer<N> {
    let mut digits = AsciiBuffer::<N>::new();
    for (pair, &b) in digits.bytes.chunks_exact_mut(2).zip(bytes) {
        pair.copy_from_slice(&HEX_PAIRS[usize::from(b)]);
    }
    digits
}

/// The two lowercase hex digits of every byte value, byte `b`'s at `2 * b`.
static HEX_PAIR_TEXT: &str = match std::str::from_utf8(&HEX_PAIR_BYTES) {
    // Checked once, when the program is compiled.
    Ok(text) => text,
    Err(_) => panic!("hex digits are ASCII"),
};

/// `HEX_PAIRS` laid end to end.
static HEX_PAIR_BYTES: [u8; 512] = {
    let mut digits = [0u8; 512];
    let mut n = 0;
    while n < 256 {
        digits[2 * n] = HEX_PAIRS[n][0];
        digits[2 * n + 1] = HEX_PAIRS[n][1];
        n += 1;
    }
    digits
};

/// Byte `b`'s two lowercase hex digits, as text.
#[inline]
pub(crate) fn hex_pair(b: u8) -> &'static str {
    let at = 2 * usize::from(b);
    HEX_PAIR_TEXT.get(at..at + 2).unwrap_or_default()
}

/// The two lowercase hex digits of every byte value.
pub(crate) static HEX_PAIRS: [[u8; 2]; 256] = {
    let mut pairs = [[0u8; 2]; 256];
    let mut n = 0;
    while n < 256 {
        pairs[n] = [hex_digit((n >> 4) as u8), hex_digit((n & 0x0f) as u8)];
        n += 1;
    }
    pairs
};

/// ASCII text written on the stack (hex digits, spaces), on its way into a
/// `CompactString`. Aligned, and a multiple of 16 bytes long, so that the
/// UTF-8 check of the whole buffer runs its word-pair loop from the first
/// byte to the last: checking only the written part, a few bytes of
/// unaligned length, went byte by byte (about 60 instructions for a
/// field's hex, twice what the whole aligned buffer costs).
#[repr(align(16))]
pub(crate) struct AsciiBuffer<const N: usize> {
    pub(crate) bytes: [u8; N],
}

impl<const N: usize> AsciiBuffer<N> {
    /// Zeros: ASCII, so the unwritten rest passes the check.
    pub(crate) fn new() -> Self {
        AsciiBuffer { bytes: [0; N] }
    }

    /// The whole buffer as text; empty if it is not ASCII (writers put
    /// only ASCII here).
    pub(crate) fn all(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_default()
    }

    /// The first `length` bytes as text; empty if `length` is beyond the
    /// buffer.
    pub(crate) fn text(&self, length: usize) -> &str {
        self.all().get(..length).unwrap_or_default()
    }
}

/// Lowercase hex without separators. No `format!`: decoding a capture
/// calls this for every field of every frame, and for every payload.
pub fn to_hex(bytes: &[u8]) -> String {
    if bytes.len() <= 16 {
        // An IPv6 address's (a thousand in 1,000 frames): from the pair
        // table into an aligned buffer checked whole, then one copy, where
        // pushing digit by digit cost 500 instructions an address.
        return String::from(hex_on_stack::<32>(bytes).text(2 * bytes.len()));
    }
    // A payload's: all its digits written in one vectorised pass, then
    // one check over the whole (ASCII, which the check passes a word at a
    // time), instead of a check and a copy per 64-byte block.
    let mut digits = vec![0u8; bytes.len() * 2];
    write_hex(&mut digits, bytes);
    String::from_utf8(digits).unwrap_or_default()
}

/// `n` in decimal, as `{}` writes it, in the end of `digits`: the one
/// digit loop of the writers that skip the formatting machinery (`t!`'s
/// numbers, the JSON writer's).
pub fn decimal_digits(mut n: u64, digits: &mut [u8; 20]) -> &[u8] {
    // Two digits a step, from a table (as itoa does): half the divisions.
    let mut at = digits.len();
    while n >= 100 {
        let pair = DIGIT_PAIRS[(n % 100) as usize];
        n /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&pair);
    }
    if n >= 10 {
        at -= 2;
        digits[at..at + 2].copy_from_slice(&DIGIT_PAIRS[n as usize]);
    } else {
        at -= 1;
        digits[at] = b'0' + n as u8;
    }
    &digits[at..]
}

/// "00" to "99": the two decimal digits of each number below 100.
pub(crate) static DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0u8; 2]; 100];
    let mut n = 0;
    while n < 100 {
        pairs[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        n += 1;
    }
    pairs
};

/// Appends `bytes` as lowercase hex to `out`. A field's few bytes digit by
/// digit (ASCII pushes need no UTF-8 check); a payload through a stack
/// buffer, 64 bytes at a time, checked once per block.
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    const CHUNK: usize = 64;
    out.reserve(bytes.len() * 2);
    if bytes.len() <= 16 {
        for &b in bytes {
            out.push(char::from(hex_digit(b >> 4)));
            out.push(char::from(hex_digit(b & 0x0f)));
        }
        return;
    }
    let mut buffer = [0u8; CHUNK * 2];
    for chunk in bytes.chunks(CHUNK) {
        let digits = &mut buffer[..chunk.len() * 2];
        write_hex(digits, chunk);
        // Hex digits are ASCII: the check cannot fail.
        out.push_str(std::str::from_utf8(digits).unwrap_or_default());
    }
}

/// A MAC address the way `ip link` prints it.
pub fn mac_text(mac: &[u8]) -> String {
    let mut out = String::with_capacity(mac.len() * 3);
    for (i, b) in mac.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        push_hex(&mut out, std::slice::from_ref(b));
    }
    out
}

/// An IPv4 address in dotted decimal, exactly as its `Display` writes it,
/// without the formatting machinery (two per frame, and two more in the
/// checksum's pseudo-header).
pub fn ipv4_text(address: std::net::Ipv4Addr) -> String {
    let mut out = String::with_capacity(15);
    for (i, octet) in address.octets().into_iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        if octet >= 100 {
            out.push(char::from(b'0' + octet / 100));
        }
        if octet >= 10 {
            out.push(char::from(b'0' + octet / 10 % 10));
        }
        out.push(char::from(b'0' + octet % 10));
    }
    out
}

/// An IPv6 address exactly as its `Display` writes it (RFC 5952: lowercase,
/// no leading zeros, the longest run of two or more zero groups, the first
/// of equal runs, as `::`; an IPv4-mapped address as `::ffff:a.b.c.d`),
/// without the formatting machinery: two per IPv6 frame, and two more in
/// the checksum's pseudo-header, at 760 instructions each through
/// `Display`.
pub fn ipv6_text(address: std::net::Ipv6Addr) -> String {
    if let Some(v4) = address.to_ipv4_mapped() {
        let mut out = String::with_capacity(22);
        out.push_str("::ffff:");
        out.push_str(&ipv4_text(v4));
        return out;
    }
    let groups = address.segments();
    // The longest run of zero groups (the first of equal ones).
    let (mut zeros_at, mut zeros_len) = (0, 0);
    let mut run_at = 0;
    for (i, &group) in groups.iter().enumerate() {
        if group != 0 {
            run_at = i + 1;
        } else if i + 1 - run_at > zeros_len {
            (zeros_at, zeros_len) = (run_at, i + 1 - run_at);
        }
    }
    // Pushed character by character (ASCII pushes need no check): on the
    // stack and checked once, then copied, cost a sixth more.
    let mut out = String::with_capacity(39);
    if zeros_len > 1 {
        push_groups(&mut out, &groups[..zeros_at]);
        out.push_str("::");
        push_groups(&mut out, &groups[zeros_at + zeros_len..]);
    } else {
        push_groups(&mut out, &groups);
    }
    out
}

/// IPv6 groups in hex without leading zeros, colons between them.
fn push_groups(out: &mut String, groups: &[u16]) {
    for (i, &group) in groups.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        let digits = [group >> 12, group >> 8 & 0xf, group >> 4 & 0xf, group & 0xf];
        let first = digits.iter().position(|&d| d != 0).unwrap_or(3);
        for &digit in &digits[first..] {
            out.push(char::from(hex_digit(digit as u8)));
        }
    }
}

/// One encapsulation step: what a layer added and how big the PDU became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub layer: LayerKind,
    pub protocol: &'static str,
    pub pdu: Pdu,
    /// Bytes this layer added (header, padding, FCS; preamble+SFD on the wire).
    pub added: usize,
    /// Size of the PDU after this step.
    pub size: usize,
    /// Everything added so far, i.e. size minus the application data.
    pub overhead: usize,
}

impl Dissection {
    /// The encapsulation steps, innermost (application) first: the order a
    /// sending host adds headers.
    pub fn encapsulation_steps(&self) -> Vec<Step> {
        let data = self
            .layer(LayerKind::Application)
            .map(|l| l.pdu_length)
            .unwrap_or(0);
        let mut previous = 0;
        self.layers
            .iter()
            .rev()
            .map(|l| {
                let added = if l.layer == LayerKind::Application {
                    l.pdu_length
                } else {
                    l.pdu_length.saturating_sub(previous)
                };
                previous = l.pdu_length;
                Step {
                    layer: l.layer,
                    protocol: l.protocol,
                    pdu: l.pdu,
                    added,
                    size: l.pdu_length,
                    overhead: l.pdu_length.saturating_sub(data),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every number below 200,000, each power of ten and its neighbours,
    /// and the largest: the digits `{}` writes.
    #[test]
    fn decimal_digits_are_displays_digits() {
        let mut values: Vec<u64> = (0..200_000).collect();
        for p in 0..20u32 {
            let ten = 10u64.pow(p);
            values.extend([
                ten - 1,
                ten,
                ten + 1,
                ten.saturating_mul(7).saturating_add(3),
            ]);
        }
        values.extend([u64::MAX, u64::MAX - 1]);
        let mut buffer = [0u8; 20];
        for n in values {
            assert_eq!(
                decimal_digits(n, &mut buffer),
                n.to_string().as_bytes(),
                "{n}"
            );
        }
    }

    /// A field's hex, inline or not, is the same text as `to_hex`'s.
    #[test]
    fn hex_text_is_to_hex_at_every_length() {
        for len in 0..300usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 5) as u8).collect();
            let formatted: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(to_hex(&bytes), formatted, "{len} bytes");
            let hex = hex_text(&bytes);
            assert_eq!(hex.as_str(), to_hex(&bytes), "{len} bytes");
            assert_eq!(hex.is_heap_allocated(), len > 12, "{len} bytes");
        }
    }

    /// The one- and two-byte fast paths (`str` slices of the pair table)
    /// and the stack buffer's lengths, on every byte value: `format!`'s
    /// digits, held inline.
    #[test]
    fn hex_text_fast_paths_are_formats_digits() {
        for a in 0..=255u8 {
            assert_eq!(hex_text(&[a]), format!("{a:02x}"));
            for b in 0..=255u8 {
                let hex = hex_text(&[a, b]);
                assert_eq!(hex, format!("{a:02x}{b:02x}"));
                assert!(!hex.is_heap_allocated());
            }
            for len in 3..=12usize {
                let bytes: Vec<u8> = (0..len).map(|i| a.wrapping_mul(i as u8 + 1)).collect();
                let formatted: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                assert_eq!(hex_text(&bytes), formatted, "{bytes:?}");
            }
        }
        assert_eq!(hex_text(&[]), "");
    }

    /// The hand-written IPv6 text is what `Display` writes: every address
    /// of zero and 0xffff groups (all runs of zeros and their ties), the
    /// IPv4-mapped and -compatible ones, and a spread of others.
    #[test]
    fn ipv6_text_is_displays_text() {
        let mut addresses = Vec::new();
        for pattern in 0..(1u32 << 8) {
            for (zero, other) in [(0u16, 0xffffu16), (0, 1), (0, 0x0a0b), (0, 0x1000)] {
                let groups: Vec<u16> = (0..8)
                    .map(|i| if pattern >> i & 1 == 1 { other } else { zero })
                    .collect();
                let groups: [u16; 8] = groups.try_into().unwrap_or_default();
                addresses.push(std::net::Ipv6Addr::from(groups));
            }
        }
        let mut x = 0x2001_0db8_85a3_0000_0000_8a2e_0370_7334u128;
        for _ in 0..5000 {
            x = x.wrapping_mul(0x2545_f491_4f6c_dd1d_9e37_79b9_7f4a_7c15) ^ (x >> 67);
            addresses.push(std::net::Ipv6Addr::from(x));
            addresses.push(std::net::Ipv6Addr::from(
                x & 0xffff_0000_ffff_0000_0000_ffff_0000_0fff,
            ));
        }
        addresses.extend([
            std::net::Ipv6Addr::UNSPECIFIED,
            std::net::Ipv6Addr::LOCALHOST,
            "::ffff:192.0.2.1"
                .parse()
                .unwrap_or(std::net::Ipv6Addr::UNSPECIFIED),
            "::192.0.2.1"
                .parse()
                .unwrap_or(std::net::Ipv6Addr::UNSPECIFIED),
            "fe80::1".parse().unwrap_or(std::net::Ipv6Addr::UNSPECIFIED),
            "ff02::1:ff00:1"
                .parse()
                .unwrap_or(std::net::Ipv6Addr::UNSPECIFIED),
        ]);
        for address in addresses {
            assert_eq!(ipv6_text(address), address.to_string());
        }
    }

    /// The hand-written hex, MAC and address text is what `format!` writes,
    /// for every byte value and across the 64-byte blocks of `push_hex`.
    #[test]
    fn hex_and_address_text_match_format() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(to_hex(&bytes), expected);
        for length in [0, 1, 63, 64, 65, 129] {
            let mut out = String::from("x");
            push_hex(&mut out, &bytes[..length]);
            assert_eq!(out, format!("x{}", &expected[..length * 2]));
        }
        assert_eq!(
            mac_text(&[0x02, 0, 0xab, 0x10, 0xff, 0x09]),
            "02:00:ab:10:ff:09"
        );
        for octets in [
            [0, 0, 0, 0],
            [255, 255, 255, 255],
            [10, 1, 100, 99],
            [192, 0, 2, 9],
        ] {
            let address = std::net::Ipv4Addr::from(octets);
            assert_eq!(ipv4_text(address), address.to_string());
        }
    }
}
