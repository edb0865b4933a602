//! `stackviz decode --format json` written by hand: the same bytes
//! serde_json writes for `lines::DecodedDoc`, several times faster.
//!
//! Why by hand: decode writes about 10 KB of JSON per frame, thousands of
//! frames a second, and through serde most of that time went to its
//! byte-by-byte string escaping, the frame's hex built as a String first,
//! and the generic `io::Write` calls per key and value. Here a string that
//! needs no escaping (nearly all of them) is found so by a check over
//! 16-byte blocks and copied in one go, the frame's hex goes straight into
//! the output, and keys are constant bytes.
//!
//! One source of truth: this writer reads the very document types serde
//! writes (`frame.rs`, `lines.rs`: the schema of docs/json.md, checked by
//! tests/jsonown_documented_keys.rs), so which values appear, and when an
//! optional one is left out, is decided in one place; only the key
//! spelling and order are written twice. The one exception is a field
//! (`FieldDoc`), written from the model's `Field` itself: its document's
//! conversion, out of line, read every string again and was a tenth of a
//! field's cost (2.75M instructions per 1,000 mixed frames); it maps each
//! value unchanged, and the tests below compare the two.
//! tests/jsonfast_same_output.rs compares this writer with serde_json's output of the same document
//! (`super::render_decoded_reference`) byte for byte: every protocol,
//! malformed and cut-short frames, every link type, both languages, random
//! bytes, and strings holding every character JSON escapes. The timestamp
//! (a float, whose shortest form is subtle) is written by serde_json itself.

use std::io;

use super::frame::{
    CheckDoc, CutShortDoc, Each, FoldDoc, Hex, LayerDoc, MalformedDoc, OriginDoc, SpanDoc, TermDoc,
    VerdictDoc,
};
use super::lines::{DecodedDoc, LinkDoc};
use crate::model::{Field, ShownBytes, Value};

/// A document this module can write (into a `Vec`, which cannot fail).
pub(super) trait Fast {
    fn fast(&self, out: &mut Vec<u8>);
}

/// One decoded frame as one line.
pub(super) fn decoded(doc: &DecodedDoc<'_>, out: &mut Vec<u8>) -> io::Result<()> {
    keyed_string(out, b"{\"schema\":\"", doc.schema);
    out.extend_from_slice(b",\"number\":");
    size(out, doc.number);
    if let Some(seconds) = doc.timestamp {
        out.extend_from_slice(b",\"timestamp\":");
        // A float's shortest form is subtle: serde_json's own.
        serde_json::to_writer(&mut *out, &seconds)?;
    }
    out.extend_from_slice(b",\"link\":");
    doc.link.fast(out);
    out.extend_from_slice(b",\"frame\":");
    doc.frame.fast(out);
    out.extend_from_slice(b",\"frame_length\":");
    size(out, doc.frame_length);
    out.extend_from_slice(b",\"original_length\":");
    size(out, doc.original_length);
    out.extend_from_slice(b",\"layers\":");
    doc.layers.fast(out);
    if let Some(malformed) = &doc.malformed {
        out.extend_from_slice(b",\"malformed\":");
        malformed.fast(out);
    }
    if let Some(cut) = &doc.cut_short {
        out.extend_from_slice(b",\"cut_short\":");
        cut.fast(out);
    }
    out.extend_from_slice(b"}\n");
    Ok(())
}

/// Whether serde_json would escape a byte of `bytes`: a control character
/// (below 0x20), `"` or `\`. Every string the writer writes is checked
/// (names, meanings, hex, labels: 8% of JSON's instructions), so: 32
/// bytes at a time, each 32 tested with no branch by a few vector
/// instructions (the word-at-a-time test below cost three times the
/// instructions), stopping at the first 32 that escape; a string shorter
/// than 16 bytes as one or two words, overlapping.
#[inline]
fn needs_escape(bytes: &[u8]) -> bool {
    let bad = |x: u64| escape_bits(x) != 0;
    let n = bytes.len();
    if n < 8 {
        // Gathered in a register, padded with spaces (which need no
        // escape): a copy through memory would stall the load after it.
        let padded = bytes.iter().rev().fold(ONES * u64::from(b' '), |word, &b| {
            (word << 8) | u64::from(b)
        });
        return bad(padded);
    }
    if n < 16 {
        return bad(word(&bytes[..8])) || bad(word(&bytes[n - 8..]));
    }
    long_needs_escape(bytes)
}

/// [`needs_escape`] of 16 bytes or more. Out of line, so the short
/// strings' test stays small enough to be inlined into its callers
/// (with this loop inside, it was called, and saved five registers each
/// time: 1.3M instructions per 1,000 mixed frames).
#[inline(never)]
fn long_needs_escape(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n < 16 {
        return needs_escape(bytes);
    }
    if n <= 32 {
        // The first and the last 16 bytes, overlapping.
        return blocks_need_escape(&bytes[..16], &bytes[n - 16..]);
    }
    // Done at the first escape: a payload shown as text (hundreds of
    // bytes, escaping every few) is escaped from its start anyway, and
    // checking all of it first was a tenth of its cost.
    for pair in bytes.chunks_exact(32) {
        if blocks_need_escape(&pair[..16], &pair[16..]) {
            return true;
        }
    }
    // The last 32 bytes again, overlapping the whole pairs: no tail loop.
    blocks_need_escape(&bytes[n - 32..n - 16], &bytes[n - 16..])
}

/// [`needs_escape`] of two blocks of 16 bytes, written for the vectoriser:
/// every byte tested, the least of their answers taken, no branch (the
/// three compares or-ed took a sixth more instructions, through pairs
/// of bytes compared as 16-bit words). Two blocks a call
/// since the call costs as much as a block's test; out of line, since
/// inlined into the loop above it was vectorised across the blocks (a
/// byte from each of 16 blocks gathered one by one, 4% more
/// instructions in all).
#[inline(never)]
fn blocks_need_escape(first: &[u8], second: &[u8]) -> bool {
    let (Some(first), Some(second)) = (first.first_chunk::<16>(), second.first_chunk::<16>())
    else {
        // Cannot happen (every caller gives 16 bytes or more); "escape"
        // is always safe to say: the escaper writes clean text unchanged.
        return true;
    };
    // Zero for exactly the bytes escaped: `"`, `\` and those below 0x20.
    let clean = |b: u8| (b ^ b'"').min(b ^ b'\\').min(b & 0xe0);
    let mut least = u8::MAX;
    for i in 0..16 {
        least = least.min(clean(first[i]).min(clean(second[i])));
    }
    least == 0
}

const ONES: u64 = u64::MAX / 255;
const HIGH: u64 = ONES * 0x80;

/// The top bit of each byte of `x` (eight bytes, the first in the lowest)
/// that serde_json escapes. The lowest bit set is exact: a borrow only
/// moves up from a byte that is flagged rightly, so a byte above it may
/// be flagged wrongly, never one below. That is all [`needs_escape`] and
/// [`escaped`] read.
#[inline]
fn escape_bits(x: u64) -> u64 {
    let control = x.wrapping_sub(ONES * 0x20) & !x;
    let quote = x ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = x ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | quote | backslash) & HIGH
}

/// Eight bytes as one word, the first in the lowest byte.
#[inline]
fn word(eight: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(eight);
    u64::from_le_bytes(word)
}

/// A JSON string.
#[inline]
fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    contents(out, bytes);
    out.push(b'"');
}

/// Bytes shown as text, as the JSON string of that text: the text is
/// written already escaped for JSON, straight from the bytes, not escaped
/// as text and then each of its escapes escaped again.
fn shown_string(out: &mut Vec<u8>, shown: &ShownBytes) {
    out.push(b'"');
    crate::text::escape_text_json_into(&shown.bytes, out);
    contents(out, shown.after.as_bytes());
    out.push(b'"');
}

/// A string's contents, escaped where they need it.
#[inline]
fn contents(out: &mut Vec<u8>, bytes: &[u8]) {
    if needs_escape(bytes) {
        escaped(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
}

/// `key` (which ends with the string's opening quote), then the string's
/// contents escaped and its closing quote: one call where a key and
/// [`string`] made two, for the key-and-string pairs every field writes
/// (5% of JSON's instructions fewer).
#[inline]
fn keyed_string(out: &mut Vec<u8>, key: &[u8], text: &str) {
    let bytes = text.as_bytes();
    out.reserve(key.len() + bytes.len() + 1);
    out.extend_from_slice(key);
    contents(out, bytes);
    out.push(b'"');
}

/// How serde_json writes each byte inside a string: 0 as itself, `u` as
/// `\u00xx` (lowercase hex), any other as a backslash and that letter.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// A string's bytes escaped as serde_json escapes them: `\"`, `\\`, the
/// five short forms (`\b \t \n \f \r`), and `\u00xx` for the other
/// control characters; everything else, UTF-8 included, as is. Byte by
/// byte: the strings that get here (a payload shown as text, with a `\xNN`
/// every few bytes) escape often, so the bytes up to the next escape are
/// found eight at a time ([`escape_bits`]) and copied as one word, and
/// everything is gathered in a block on the stack, copied out a block at
/// a time: pushing each byte onto the output checked its room every time.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    /// Room kept free in the block: up to seven bytes of a word's run,
    /// then the longest escape (`\u00xx`), fit in it.
    const ROOM: usize = 16;
    let mut block = [0u8; 512];
    let mut n = 0;
    let mut i = 0;
    out.reserve(bytes.len() + bytes.len() / 2);
    while i < bytes.len() {
        if n > block.len() - ROOM {
            out.extend_from_slice(&block[..n]);
            n = 0;
        }
        if let Some(eight) = bytes.get(i..i + 8) {
            // The word is copied whole; only its bytes before the first
            // escape count.
            block[n..n + 8].copy_from_slice(eight);
            let bits = escape_bits(word(eight));
            let run = (bits.trailing_zeros() / 8) as usize;
            n += run;
            i += run;
            if run == 8 {
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        match ESCAPE[usize::from(b)] {
            0 => {
                block[n] = b;
                n += 1;
            }
            b'u' => {
                block[n..n + 6].copy_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    DIGITS[usize::from(b >> 4)],
                    DIGITS[usize::from(b & 0x0f)],
                ]);
                n += 6;
            }
            short => {
                block[n..n + 2].copy_from_slice(&[b'\\', short]);
                n += 2;
            }
        }
    }
    out.extend_from_slice(&block[..n]);
}

/// An unsigned number in decimal, as serde_json (itoa) writes it; the
/// short ones (most offsets and lengths) without a loop.
#[inline]
fn number(out: &mut Vec<u8>, n: u64) {
    use crate::model::DIGIT_PAIRS as PAIRS;
    // Two digits at a time from a table, as itoa does.
    if n < 10 {
        out.push(b'0' + n as u8);
    } else if n < 100 {
        out.extend_from_slice(&PAIRS[n as usize]);
    } else if n < 1000 {
        let [tens, ones] = PAIRS[(n % 100) as usize];
        out.extend_from_slice(&[b'0' + (n / 100) as u8, tens, ones]);
    } else if n < 10_000 {
        let ([a, b], [c, d]) = (PAIRS[(n / 100) as usize], PAIRS[(n % 100) as usize]);
        out.extend_from_slice(&[a, b, c, d]);
    } else if n < 1_000_000 {
        // Five or six digits (ports, a checksum's sums): three pairs,
        // the first digit left out when it is a leading zero, with no
        // loop (`long_number` was a third of JSON's number cost).
        let (high, low) = (n / 10_000, n % 10_000);
        let [a, b] = PAIRS[high as usize];
        let ([c, d], [e, f]) = (PAIRS[(low / 100) as usize], PAIRS[(low % 100) as usize]);
        let six = [a, b, c, d, e, f];
        out.extend_from_slice(if n < 100_000 { &six[1..] } else { &six });
    } else {
        long_number(out, n);
    }
}

/// Out of line: kept inside `number`, its buffer made every call save
/// registers for the short numbers too.
#[inline(never)]
fn long_number(out: &mut Vec<u8>, n: u64) {
    let mut buffer = [0u8; 20];
    out.extend_from_slice(crate::model::decimal_digits(n, &mut buffer));
}

/// `usize` as `u64`: lossless on every target Rust supports here.
#[inline]
fn size(out: &mut Vec<u8>, n: usize) {
    number(out, n as u64);
}

/// Bytes as a quoted lowercase hex string, written straight into `out`.
fn hex(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'"');
    // Room made first, then filled by the dissector's own hex writer
    // (arithmetic that compiles to vector instructions).
    let start = out.len();
    out.resize(start + bytes.len() * 2, 0);
    crate::model::write_hex(&mut out[start..], bytes);
    out.push(b'"');
}

/// A JSON array of `items`, each written as its document `D`.
impl<'a, T, D: From<&'a T> + Fast> Fast for Each<'a, T, D> {
    fn fast(&self, out: &mut Vec<u8>) {
        array(out, self.items, |out, item| D::from(item).fast(out));
    }
}

impl Fast for LinkDoc {
    fn fast(&self, out: &mut Vec<u8>) {
        match self {
            LinkDoc::Ethernet => out.extend_from_slice(b"\"ethernet\""),
            LinkDoc::RawIp => out.extend_from_slice(b"\"raw-ip\""),
            LinkDoc::LinuxSll => out.extend_from_slice(b"\"linux-sll\""),
            LinkDoc::Other(n) => {
                out.extend_from_slice(b"{\"other\":");
                number(out, u64::from(*n));
                out.push(b'}');
            }
        }
    }
}

impl Fast for Hex<'_> {
    fn fast(&self, out: &mut Vec<u8>) {
        hex(out, self.0);
    }
}

impl Fast for LayerDoc<'_> {
    /// The layer, the thread's memos borrowed once for all of it (once a
    /// field was a measurable cost).
    fn fast(&self, out: &mut Vec<u8>) {
        MEMOS.with(|memos| {
            let mut fresh = Memos::none();
            let mut kept = memos.try_borrow_mut();
            // Borrowed already (cannot happen: nothing here writes JSON
            // inside a layer): written afresh, through tables of no slots.
            let memos = kept.as_deref_mut().unwrap_or(&mut fresh);
            layer(out, memos, self);
        })
    }
}

/// A layer, its fields' starts and static strings through `memos`.
fn layer(out: &mut Vec<u8>, memos: &mut Memos, doc: &LayerDoc<'_>) {
    keyed_static(out, &mut memos.clean, b"{\"layer\":\"", doc.layer);
    keyed_string(out, b",\"protocol\":\"", doc.protocol);
    keyed_static(out, &mut memos.clean, b",\"pdu\":\"", doc.pdu);
    out.extend_from_slice(b",\"header\":");
    doc.header.fast(out);
    if !doc.trailer.is_empty() {
        out.extend_from_slice(b",\"trailer\":");
        doc.trailer.fast(out);
    }
    out.extend_from_slice(b",\"pdu_length\":");
    size(out, doc.pdu_length);
    out.extend_from_slice(b",\"fields\":");
    fields(out, memos, doc.fields.items);
    if !doc.checks.is_empty() {
        out.extend_from_slice(b",\"checks\":");
        array(out, doc.checks.items, |out, item| check(out, memos, item));
    }
    if !doc.notes.is_empty() {
        out.extend_from_slice(b",\"notes\":");
        array(out, doc.notes, |out, note| string(out, note));
    }
    out.push(b'}');
}

impl Fast for SpanDoc<usize> {
    fn fast(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"offset\":");
        size(out, self.offset);
        out.extend_from_slice(b",\"length\":");
        size(out, self.length);
        out.push(b'}');
    }
}

impl Fast for SpanDoc<u8> {
    fn fast(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"offset\":");
        number(out, u64::from(self.offset));
        out.extend_from_slice(b",\"length\":");
        number(out, u64::from(self.length));
        out.push(b'}');
    }
}

/// A field's start, `{"id":…,"name":…,"offset":…,"length":…,"bits":…,"value":`,
/// as last written for that field at that place, per thread: the same few
/// hundred fields come back at the same offsets in frame after frame, and
/// writing their two strings, two numbers and bit span each time was an
/// eighth of a field's cost (3.3M of 26M instructions per 1,000 mixed
/// frames). An entry is found by the identity of the two
/// `&'static str`s (the same address and length is the same text, for
/// text that lives as long as the program) and the numbers.
struct Head {
    key: HeadKey,
    bytes: Vec<u8>,
}

/// What a field's start is written from, packed into four words compared
/// at once: its id's and name's addresses, their lengths, and its offset,
/// length and bit span. All zero is an empty entry (no text is at address
/// zero).
type HeadKey = [u64; 4];

/// The field's key, or `None` for a field too far into its frame or too
/// long to pack exactly (then it is written afresh, never mistaken).
fn head_key(field: &Field) -> Option<HeadKey> {
    const NO_OFFSET: u64 = u32::MAX as u64;
    let offset = match field.offset {
        Some(offset) => u64::try_from(offset).ok().filter(|&o| o < NO_OFFSET)?,
        None => NO_OFFSET,
    };
    let length = u64::try_from(field.length).ok().filter(|&l| l < 1 << 15)?;
    let bits = field.bits.as_ref().map_or(0, |b| {
        1 << 16 | u64::from(b.offset) << 8 | u64::from(b.length)
    });
    let (id, name) = (field.id, field.name);
    let short = |text: &str| u64::try_from(text.len()).ok().filter(|&n| n < 1 << 32);
    let lengths = short(id)? << 32 | short(name)?;
    Some([
        id.as_ptr() as u64,
        name.as_ptr() as u64,
        lengths,
        offset << 32 | length << 17 | bits,
    ])
}

/// The key's slot, from its id's address mixed with its place, so one
/// field at several offsets (TCP after IPv4 and after IPv6) keeps
/// several entries; always even (its pair is `slot + 1`).
fn head_slot(key: &HeadKey) -> usize {
    let mixed = (key[0] ^ key[1].rotate_left(17) ^ key[3].rotate_left(29))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    ((mixed >> 40) as usize % (HEAD_SLOTS / 2)) * 2
}

/// Entries in the thread's table of heads, in pairs: a field's start is
/// kept in one of its slot's two places.
const HEAD_SLOTS: usize = 1024;

/// The thread's table of heads.
type Heads = Vec<Head>;

fn empty_heads() -> Heads {
    (0..HEAD_SLOTS)
        .map(|_| Head {
            key: [0; 4],
            bytes: Vec::new(),
        })
        .collect()
}

/// The thread's memos: the heads, and the `&'static str`s seen to need
/// no escape.
struct Memos {
    heads: Heads,
    clean: Vec<CleanKey>,
}

impl Memos {
    fn new() -> Self {
        Memos {
            heads: empty_heads(),
            clean: vec![[0; 2]; CLEAN_SLOTS],
        }
    }

    /// A table of no slots: everything written afresh.
    fn none() -> Self {
        Memos {
            heads: Vec::new(),
            clean: Vec::new(),
        }
    }
}

thread_local! {
    static MEMOS: std::cell::RefCell<Memos> = std::cell::RefCell::new(Memos::new());
}

/// A `&'static str` known by its address and length: for text that lives
/// as long as the program, the same address and length is the same text.
/// All zero is an empty place (no text is at address zero).
type CleanKey = [usize; 2];

/// Places in the thread's set of clean static strings, in pairs as the
/// heads are.
const CLEAN_SLOTS: usize = 1024;

/// `key`, then a `&'static str` and its closing quote, as
/// [`keyed_string`] writes them. Most meanings are now sentences the
/// dissector remembers (the same `&'static str` frame after frame), so
/// whether one needs escaping is looked up by its address and length
/// instead of checked again: most are longer than 16 bytes, and their
/// check was the dearest part of writing a field.
#[inline(always)]
fn keyed_static(out: &mut Vec<u8>, clean: &mut [CleanKey], key: &[u8], text: &'static str) {
    let bytes = text.as_bytes();
    if bytes.len() < 16 {
        // Checked in a word or two: cheaper than the lookup.
        return keyed_string(out, key, text);
    }
    let id = [text.as_ptr() as usize, text.len()];
    let slot = clean_slot(&id);
    match clean.get(slot..slot + 2) {
        Some(pair) if pair[0] == id || pair[1] == id => {
            out.reserve(key.len() + bytes.len() + 1);
            out.extend_from_slice(key);
            out.extend_from_slice(bytes);
            out.push(b'"');
        }
        _ => remember_static(out, clean, key, text),
    }
}

/// The place of a static string's pair in the set of clean ones.
#[inline(always)]
fn clean_slot(id: &CleanKey) -> usize {
    let mixed = (id[0] as u64 ^ (id[1] as u64).rotate_left(32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    ((mixed >> 40) as usize % (CLEAN_SLOTS / 2)) * 2
}

/// [`keyed_static`] of a string not in the set: checked, kept when clean
/// (in the first place when it is free, else in the second), and written
/// as [`keyed_string`] writes it. Out of line, so the lookup stays small.
#[inline(never)]
fn remember_static(out: &mut Vec<u8>, clean: &mut [CleanKey], key: &[u8], text: &'static str) {
    let id = [text.as_ptr() as usize, text.len()];
    let slot = clean_slot(&id);
    if let Some(pair) = clean.get_mut(slot..slot + 2) {
        if !needs_escape(text.as_bytes()) {
            let place = if pair[0] == [0; 2] { 0 } else { 1 };
            pair[place] = id;
        }
    }
    keyed_string(out, key, text);
}

/// A field's start written afresh.
fn write_head(out: &mut Vec<u8>, field: &Field) {
    keyed_string(out, b"{\"id\":\"", field.id);
    keyed_string(out, b",\"name\":\"", field.name);
    out.extend_from_slice(b",\"offset\":");
    match field.offset {
        Some(offset) => size(out, offset),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"length\":");
    size(out, field.length);
    if let Some(bits) = &field.bits {
        out.extend_from_slice(b",\"bits\":");
        SpanDoc::from(bits).fast(out);
    }
    out.extend_from_slice(b",\"value\":");
}

/// Writes the field's start, from `heads` when it is there (and keeps it
/// there when not). Two places a slot: with one, two fields of a frame
/// whose slots collide (a UDP frame's DSCP and EtherType did) pushed each
/// other out in every frame.
fn field_head(out: &mut Vec<u8>, heads: &mut Heads, field: &Field) {
    let Some(key) = head_key(field) else {
        return write_head(out, field);
    };
    let slot = head_slot(&key);
    let Some(pair) = heads.get_mut(slot..slot + 2) else {
        return write_head(out, field);
    };
    for head in pair.iter() {
        if head.key == key {
            out.extend_from_slice(&head.bytes);
            return;
        }
    }
    // Kept in the first place when it is free, else in the second (the
    // first keeps its field), its buffer reused.
    let start = out.len();
    write_head(out, field);
    let place = if pair[0].key == [0; 4] { 0 } else { 1 };
    let head = &mut pair[place];
    head.key = key;
    head.bytes.clear();
    head.bytes.extend_from_slice(&out[start..]);
}

/// Fields as a JSON array, through the thread's `memos`.
fn fields(out: &mut Vec<u8>, memos: &mut Memos, items: &[Field]) {
    array(out, items, |out, item| field(out, memos, item));
}

/// A JSON array: each of `items` written by `item`, commas between.
#[inline]
fn array<'a, T>(out: &mut Vec<u8>, items: &'a [T], mut item: impl FnMut(&mut Vec<u8>, &'a T)) {
    out.push(b'[');
    for (i, each) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, each);
    }
    out.push(b']');
}

/// One field, straight from the model, as serde_json writes its
/// `FieldDoc`: its start through the heads; its meaning, when it is a
/// `&'static str` (a sentence the dissector remembers, borrowed for the
/// program's life), through the set of clean static strings.
fn field(out: &mut Vec<u8>, memos: &mut Memos, field: &Field) {
    field_head(out, &mut memos.heads, field);
    match &field.value {
        Value::Number(n) => number(out, *n),
        Value::Text(text) => string(out, text),
        Value::Shown(shown) => shown_string(out, shown),
    }
    keyed_string(out, b",\"hex\":\"", &field.hex);
    match field.meaning.as_static_str() {
        Some(text) => keyed_static(out, &mut memos.clean, b",\"meaning\":\"", text),
        None => keyed_string(out, b",\"meaning\":\"", &field.meaning),
    }
    if let Some(origin) = &field.origin {
        out.extend_from_slice(b",\"origin\":");
        OriginDoc::from(origin).fast(out);
    }
    out.push(b'}');
}

impl Fast for OriginDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) {
        keyed_string(out, b"{\"kind\":\"", self.kind);
        keyed_string(out, b",\"source\":\"", self.source);
        out.push(b'}');
    }
}

/// A check, its static strings (the model's own, which its document
/// borrows), its pseudo-header's fields and its terms' fixed labels
/// through `memos`.
fn check(out: &mut Vec<u8>, memos: &mut Memos, item: &crate::model::Check) {
    let doc = CheckDoc::from(item);
    keyed_static(out, &mut memos.clean, b"{\"field\":\"", item.field);
    keyed_static(out, &mut memos.clean, b",\"algorithm\":\"", item.algorithm);
    keyed_string(out, b",\"covers\":\"", doc.covers);
    if !doc.pseudo_header.is_empty() {
        out.extend_from_slice(b",\"pseudo_header\":");
        fields(out, memos, doc.pseudo_header.items);
    }
    if !doc.terms.is_empty() {
        out.extend_from_slice(b",\"terms\":");
        array(out, doc.terms.items, |out, item| {
            let label = item.label.as_static_str();
            term(out, &mut memos.clean, &TermDoc::from(item), label);
        });
    }
    if let Some(sum) = doc.sum {
        out.extend_from_slice(b",\"sum\":");
        number(out, u64::from(sum));
    }
    if !doc.folds.is_empty() {
        out.extend_from_slice(b",\"folds\":");
        doc.folds.fast(out);
    }
    out.extend_from_slice(b",\"computed\":");
    number(out, u64::from(doc.computed));
    out.extend_from_slice(b",\"stored\":");
    number(out, u64::from(doc.stored));
    out.extend_from_slice(b",\"verdict\":");
    doc.verdict.fast(out);
    out.push(b'}');
}

/// A checksum's term; its label, when it is `static_label` (a fixed label,
/// borrowed), through the set of clean static strings.
fn term(
    out: &mut Vec<u8>,
    clean: &mut [CleanKey],
    doc: &TermDoc<'_>,
    static_label: Option<&'static str>,
) {
    match static_label {
        Some(label) => keyed_static(out, clean, b"{\"label\":\"", label),
        None => keyed_string(out, b"{\"label\":\"", doc.label),
    }
    keyed_string(out, b",\"words\":\"", doc.words);
    out.extend_from_slice(b",\"sum\":");
    number(out, u64::from(doc.sum));
    out.push(b'}');
}

impl Fast for FoldDoc {
    fn fast(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"before\":");
        number(out, u64::from(self.before));
        out.extend_from_slice(b",\"after\":");
        number(out, u64::from(self.after));
        out.push(b'}');
    }
}

impl Fast for VerdictDoc {
    fn fast(&self, out: &mut Vec<u8>) {
        keyed_string(out, b"{\"status\":\"", self.status);
        if let Some(expected) = self.expected {
            out.extend_from_slice(b",\"expected\":");
            number(out, u64::from(expected));
        }
        out.push(b'}');
    }
}

impl Fast for MalformedDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) {
        keyed_string(out, b"{\"protocol\":\"", self.protocol);
        out.extend_from_slice(b",\"offset\":");
        size(out, self.offset);
        keyed_string(out, b",\"kind\":\"", self.kind);
        keyed_string(out, b",\"message\":\"", self.message);
        out.push(b'}');
    }
}

impl Fast for CutShortDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"captured\":");
        size(out, self.captured);
        out.extend_from_slice(b",\"original\":");
        size(out, self.original);
        if let Some(ran_out) = &self.ran_out {
            out.extend_from_slice(b",\"ran_out\":");
            ran_out.fast(out);
        }
        out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings as serde_json writes them, long ones too (across the
    /// escaper's blocks, with an escape of every length at every place).
    #[test]
    fn long_strings_are_escaped_as_serde_json_escapes_them() {
        let pieces = [
            "a", "\\", "\"", "\n", "\u{1}", "\u{1f}", "é", "字", " ", "\\x0f",
        ];
        for len in (0..1200).step_by(7) {
            for shift in 0..pieces.len() {
                let text: String = (0..len)
                    .map(|i| pieces[(i * 7 + shift) % pieces.len()])
                    .collect();
                let mut out = b"x".to_vec();
                string(&mut out, &text);
                assert_eq!(
                    out[1..],
                    serde_json::to_vec(&text).unwrap()[..],
                    "{len} {shift}"
                );
            }
        }
        // Runs of every length up to a word and more before the longest
        // escape, shifted so each lands at every place of the block's end.
        for run in 0..12 {
            for shift in 0..24 {
                let unit = format!("{}\u{1}", "r".repeat(run));
                let text = format!("{}{}", "s".repeat(shift), unit.repeat(300));
                let mut out = Vec::new();
                string(&mut out, &text);
                assert_eq!(out, serde_json::to_vec(&text).unwrap(), "{run} {shift}");
            }
        }
    }

    /// The escape check says what a byte-by-byte check says: every length
    /// to 140 (short words, one pair of blocks, several and the
    /// overlapping last pair) with each escaped byte at every place, alone
    /// and next to bytes that look like it (0x20, 0x21, 0x23, 0x3f, 0x5b,
    /// 0x5d, 0xe0, and UTF-8's: `×` is c3 97, `…` e2 80 a6).
    #[test]
    fn the_escape_check_finds_every_escaped_byte_at_every_place() {
        let slow = |bytes: &[u8]| bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        let fillers = [
            b'a', b' ', b'!', b'#', b'?', b'[', b']', 0xdc, 0xe5, 0x7f, 0xe0, 0xc3, 0x97, 0x80,
        ];
        for len in 0..140 {
            for &fill in &fillers {
                let clean = vec![fill; len];
                assert!(!needs_escape(&clean), "{len} {fill:#x}");
                for at in 0..len {
                    for bad in [0x00, 0x0a, 0x1f, b'"', b'\\'] {
                        let mut text = clean.clone();
                        text[at] = bad;
                        assert_eq!(needs_escape(&text), slow(&text), "{len} {at} {bad:#x}");
                    }
                }
            }
        }
    }

    /// Text of both languages (ASCII, `×`, `…`, Chinese) of every length
    /// to 200 bytes, clean and with an escaped character at every place:
    /// the check says what a byte-by-byte check says, and the string is
    /// serde_json's (the escape check stops at the first escape it finds).
    #[test]
    fn text_of_both_languages_is_checked_and_written_as_serde_json_writes_it() {
        let slow = |text: &str| text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
        let pieces = ["port ", "64240 × 2^7", "…", "源端口", "，", "a", "字段 "];
        for len in 0..60 {
            for shift in 0..pieces.len() {
                let clean: String = (0..len)
                    .map(|i| pieces[(i * 3 + shift) % pieces.len()])
                    .collect();
                assert!(!needs_escape(clean.as_bytes()), "{clean:?}");
                let places: Vec<usize> = (0..=clean.len())
                    .filter(|&at| clean.is_char_boundary(at))
                    .collect();
                for &at in places.iter().step_by(1 + len / 20) {
                    for bad in ["\"", "\\", "\n", "\u{1}", "\u{1f}"] {
                        let text = format!("{}{bad}{}", &clean[..at], &clean[at..]);
                        assert_eq!(needs_escape(text.as_bytes()), slow(&text), "{text:?}");
                        let mut out = Vec::new();
                        string(&mut out, &text);
                        assert_eq!(out, serde_json::to_vec(&text).unwrap(), "{text:?}");
                    }
                }
            }
        }
    }

    /// Numbers as serde_json writes them, at every length.
    #[test]
    fn numbers_are_serde_jsons() {
        let mut values: Vec<u64> = (0..120_000)
            .chain((120_000..2_000_000).step_by(7))
            .collect();
        for p in 0..20u32 {
            let ten = 10u64.pow(p);
            values.extend([ten - 1, ten, ten + 1]);
        }
        values.push(u64::MAX);
        for n in values {
            let mut out = b"x".to_vec();
            number(&mut out, n);
            assert_eq!(out[1..], serde_json::to_vec(&n).unwrap()[..], "{n}");
        }
    }

    use super::super::frame::FieldDoc;
    use crate::model::{BitSpan, Origin};
    use compact_str::CompactString;

    /// A field as its document, which serde_json writes.
    fn serde_field(field: &Field) -> Vec<u8> {
        serde_json::to_vec(&FieldDoc::from(field)).unwrap()
    }

    /// Heads from the thread's table are the heads written afresh, and
    /// whole fields (written from the model, not through their documents)
    /// the fields serde_json writes: more fields than slots (so entries
    /// are replaced), each asked for three times, names that need
    /// escaping, the same text at another address (a different entry, the
    /// same bytes), one field at several places, with and without bits,
    /// offset and origin, and meanings static and not, short and long,
    /// clean and escaped.
    #[test]
    fn a_remembered_head_is_the_head_written_afresh() {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let meanings = [
            "4 = IPv4",
            "header length in 32-bit words: 5 × 4 = 20 bytes",
            "源端口：发送方套接字的端口",
            "a \"quoted\" meaning, long enough to be looked up",
            "two\nlines of a meaning longer than sixteen",
        ];
        let docs: Vec<Field> = (0..3 * HEAD_SLOTS)
            .map(|i| {
                let name = match i % 4 {
                    0 => format!("Field {i}"),
                    1 => format!("say \"{i}\"\\"),
                    2 => format!("字段 {i}\u{1}"),
                    _ => "Field 0".to_string(),
                };
                // Every third field is the same id at another place.
                let id = leak(format!("proto.f{}", i - i % 3));
                let meaning = meanings[i % meanings.len()];
                Field {
                    id,
                    name: leak(name),
                    offset: (i % 7 != 0).then_some(i % 50),
                    length: 1 + i % 3,
                    bits: (i % 2 == 0).then_some(BitSpan {
                        offset: (i % 8) as u8,
                        length: 1 + (i % 5) as u8,
                        pattern: 0,
                    }),
                    value: if i % 5 == 0 {
                        Value::Text("a \"text\"".to_string())
                    } else {
                        Value::Number(i as u64 * 977)
                    },
                    hex: CompactString::from(
                        ["0a1b", "", "00112233445566778899aabbccddeeff"][i % 3],
                    ),
                    meaning: if i % 2 == 0 {
                        CompactString::const_new(meaning)
                    } else {
                        CompactString::from(meaning)
                    },
                    origin: (i % 11 == 0).then(|| Origin::observed(format!("seen \"{i}\""))),
                }
            })
            .collect();
        let mut memos = Memos::new();
        for _ in 0..3 {
            for doc in &docs {
                let mut fresh = Vec::new();
                write_head(&mut fresh, doc);
                let mut remembered = b"before".to_vec();
                field_head(&mut remembered, &mut memos.heads, doc);
                assert_eq!(&remembered[..6], b"before");
                assert_eq!(remembered[6..], fresh[..], "{} {:?}", doc.id, doc.name);
                let mut whole = Vec::new();
                field(&mut whole, &mut memos, doc);
                assert_eq!(whole, serde_field(doc), "{}", doc.id);
            }
        }
        // Most slots were filled: the table was really exercised.
        let filled = memos.heads.iter().filter(|h| h.key != [0; 4]).count();
        assert!(filled > HEAD_SLOTS / 2);
    }

    /// Two fields whose slots collide are both kept (one in the slot's
    /// neighbour), not pushing each other out frame after frame.
    #[test]
    fn two_fields_of_one_slot_are_both_kept() {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let doc = |i: usize| Field {
            id: leak(format!("proto.f{i}")),
            name: "Name",
            offset: Some(14),
            length: 1,
            bits: None,
            value: Value::Number(4),
            hex: CompactString::const_new("45"),
            meaning: CompactString::const_new("4 = IPv4"),
            origin: None,
        };
        let docs: Vec<Field> = (0..4 * HEAD_SLOTS).map(doc).collect();
        let first = &docs[0];
        let other = docs[1..]
            .iter()
            .find(|d| head_slot(&head_key(d).unwrap()) == head_slot(&head_key(first).unwrap()))
            .expect("a colliding field among 4,095");
        let mut memos = Memos::new();
        let kept = |heads: &Heads, d: &Field| heads.iter().any(|h| Some(h.key) == head_key(d));
        for _ in 0..3 {
            for d in [first, other] {
                let mut written = Vec::new();
                field(&mut written, &mut memos, d);
                assert_eq!(written, serde_field(d));
            }
            assert!(kept(&memos.heads, first) && kept(&memos.heads, other));
        }
    }

    /// A static string written through the set of clean ones is the string
    /// [`keyed_string`] writes, the first time and when it comes again:
    /// both languages' text, clean and with an escaped character at every
    /// place, more strings than places (so places are taken over), and
    /// strings at one address of every length (a clean start of a string
    /// that needs escaping is clean; the whole is not, though its address
    /// is the start's).
    #[test]
    fn a_remembered_static_string_is_written_as_keyed_string_writes_it() {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let pieces = ["port ", "64240 × 2^7", "…", "源端口", "，", "a", "字段 "];
        let mut texts: Vec<&'static str> = Vec::new();
        for len in 0..40 {
            let clean: String = (0..len)
                .map(|i| pieces[(i * 3 + len) % pieces.len()])
                .collect();
            let places: Vec<usize> = (0..=clean.len())
                .filter(|&at| clean.is_char_boundary(at))
                .collect();
            for &at in places.iter().step_by(1 + len / 4) {
                for bad in ["\"", "\\", "\n", "\u{1}"] {
                    let text = leak(format!("{}{bad}{}", &clean[..at], &clean[at..]));
                    // Every start of it, at the same address.
                    for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
                        texts.push(&text[..end]);
                    }
                }
            }
        }
        assert!(texts.len() > 4 * CLEAN_SLOTS);
        let mut memos = Memos::new();
        for round in 0..3 {
            for (i, &text) in texts.iter().enumerate() {
                let mut fresh = b"x".to_vec();
                keyed_string(&mut fresh, b",\"meaning\":\"", text);
                let mut remembered = b"x".to_vec();
                keyed_static(&mut remembered, &mut memos.clean, b",\"meaning\":\"", text);
                assert_eq!(remembered, fresh, "{round} {i} {text:?}");
                // Twice in a row: the second time surely from the set
                // when clean.
                let mut again = b"x".to_vec();
                keyed_static(&mut again, &mut memos.clean, b",\"meaning\":\"", text);
                assert_eq!(again, fresh, "{round} {i} {text:?}");
            }
        }
        let filled = memos.clean.iter().filter(|k| **k != [0; 2]).count();
        assert!(filled > CLEAN_SLOTS / 2);
        // A clean start remembered, then the whole string at the same
        // address and in the same pair of places, ending in a quote: the
        // whole is escaped all the same (its length is compared too).
        let text = leak(format!("{}\"", "源端口 × a…".repeat(400)));
        let whole = [text.as_ptr() as usize, text.len()];
        let start = (16..text.len())
            .filter(|&end| text.is_char_boundary(end))
            .find(|&end| clean_slot(&[whole[0], end]) == clean_slot(&whole))
            .expect("a start in the whole's pair among thousands");
        let mut memos = Memos::new();
        for text in [&text[..start], text, &text[..start], text] {
            let mut fresh = Vec::new();
            keyed_string(&mut fresh, b"{\"label\":\"", text);
            let mut remembered = Vec::new();
            keyed_static(&mut remembered, &mut memos.clean, b"{\"label\":\"", text);
            assert_eq!(remembered, fresh, "{}", text.len());
        }
    }
}
