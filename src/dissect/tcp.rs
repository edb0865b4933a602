//! TCP (RFC 9293): ports, sequence and acknowledgment numbers, the data
//! offset, the flags bit by bit, window, checksum over the IPv4 or IPv6
//! pseudo-header worked out, urgent pointer, and the options walked one by one.

use super::checksum::{InternetSum, PseudoHeader, Upper};
use super::fields::FieldReader;
use super::fields::Meaning;
use super::port::{self, Side};
use crate::field_id;
use crate::model::MalformedKind;
use crate::model::{Field, Layer, LayerKind, Malformed, Pdu, Span, Value};
use crate::t;

pub const MIN_HEADER_LEN: usize = 20;

/// Offsets from the start of the TCP header.
mod offset {
    pub const SOURCE_PORT: usize = 0;
    pub const DESTINATION_PORT: usize = 2;
    pub const SEQUENCE: usize = 4;
    pub const ACKNOWLEDGMENT: usize = 8;
    pub const DATA_OFFSET: usize = 12;
    pub const FLAGS: usize = 13;
    pub const WINDOW: usize = 14;
    pub const CHECKSUM: usize = 16;
    pub const URGENT_POINTER: usize = 18;
    pub const OPTIONS: usize = 20;
}

/// What follows the TCP header.
pub struct TcpNext {
    pub layer: Layer,
    pub payload: Span,
    /// An option that could not be read; the segment is still dissected.
    pub problem: Option<Malformed>,
}

/// The flags in byte 13, most significant bit first: id, name.
const FLAGS: [(&str, &str); 8] = [
    (field_id::TCP_FLAGS_CWR, "CWR"),
    (field_id::TCP_FLAGS_ECE, "ECE"),
    (field_id::TCP_FLAGS_URG, "URG"),
    (field_id::TCP_FLAGS_ACK, "ACK"),
    (field_id::TCP_FLAGS_PSH, "PSH"),
    (field_id::TCP_FLAGS_RST, "RST"),
    (field_id::TCP_FLAGS_SYN, "SYN"),
    (field_id::TCP_FLAGS_FIN, "FIN"),
];

/// What "set" means for the flag at `index` in `FLAGS`; ECE and CWR mean
/// something else on the handshake's SYN and SYN-ACK (RFC 3168 section 6.1.1).
fn flag_meaning(index: usize, syn: bool, ack: bool) -> &'static str {
    match index {
        0 if syn && ack => {
            t!("in a SYN-ACK: RFC 3168's ECN setup leaves it clear; Accurate ECN's negotiation sets it")
        }
        0 if syn => {
            t!("in a SYN, with ECE: the sender asks to use ECN on this connection (RFC 3168), not a slowdown")
        }
        0 => t!("congestion window reduced: the sender slowed down after an ECN echo"),
        1 if syn && ack => {
            t!("in a SYN-ACK: the receiver agrees to use ECN on this connection (RFC 3168)")
        }
        1 if syn => {
            t!("in a SYN, with CWR: the sender asks to use ECN on this connection (RFC 3168)")
        }
        1 => {
            t!("ECN echo: a router on the path marked congestion; the other side should slow down")
        }
        2 => t!("the urgent pointer is valid"),
        3 => t!("the acknowledgment number is valid"),
        4 => t!("push: hand the data to the application now"),
        5 => t!("reset: abort the connection"),
        6 => t!("synchronise sequence numbers: opening a connection"),
        _ => t!("the sender has finished sending"),
    }
}

/// What the set flags say about this segment's place in a connection.
fn flags_story(set: &[&str], data: usize) -> &'static str {
    let has = |f: &str| set.contains(&f);
    // Impossible combinations first: no state of RFC 9293 sends them, so
    // they are never a handshake step, whatever else is set.
    if has("SYN") && has("FIN") {
        t!("invalid: SYN (open) and FIN (close) together never occur in a real connection; such segments come from port scans and probes")
    } else if has("SYN") && has("RST") {
        t!("invalid: SYN and RST together never occur in a real connection; such segments come from port scans and probes")
    } else if set.is_empty() {
        t!("invalid: a segment with no flags at all never occurs in a real connection (a null-scan probe)")
    } else if has("FIN") && has("PSH") && has("URG") && !has("ACK") {
        t!("invalid: FIN, PSH and URG without ACK never occur in a real connection (an Xmas-scan probe)")
    } else if has("FIN") && !has("ACK") && !has("RST") {
        t!("invalid: FIN without ACK never occurs in a real connection, where every segment after the first SYN carries ACK (a FIN-scan probe)")
    } else if has("RST") {
        t!("a reset: the connection is aborted (or a segment arrived for no connection)")
    } else if has("SYN") && has("ACK") {
        t!("step 2 of the three-way handshake: the server accepts and sends its own sequence number")
    } else if has("SYN") {
        t!("step 1 of the three-way handshake: the client opens a connection")
    } else if has("FIN") {
        t!("the sender closes its direction of the connection")
    } else if has("ACK") && data == 0 {
        t!("a pure acknowledgment (step 3 of the handshake looks like this)")
    } else if has("ACK") {
        t!("data, with an acknowledgment of what arrived from the other side")
    } else {
        t!("no ACK set: unusual outside the first SYN")
    }
}

/// Name of a TCP option kind (IANA "TCP Option Kind Numbers").
fn option_kind_name(kind: u8) -> &'static str {
    match kind {
        2 => "Maximum Segment Size",
        3 => "Window Scale",
        4 => "SACK Permitted",
        5 => "SACK",
        8 => "Timestamps",
        19 => "MD5 Signature (RFC 2385)",
        28 => "User Timeout",
        29 => "TCP Authentication Option",
        30 => "Multipath TCP",
        34 => "TCP Fast Open cookie",
        69 => "Encryption Negotiation (TCP-ENO)",
        253 | 254 => t!("experimental (RFC 4727)"),
        _ => t!("an option kind stackviz does not know"),
    }
}

/// Dissects the TCP segment at `start`: `end` is where its bytes end in the
/// frame, `declared` its length as the IP header says (what the
/// pseudo-header carries), `pseudo` the IP addresses around it.
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    declared: usize,
    pseudo: PseudoHeader,
) -> Result<TcpNext, Malformed> {
    let available = end.saturating_sub(start);
    let broken = |kind: MalformedKind, offset: usize, message: String| Malformed {
        protocol: "TCP",
        offset,
        kind,
        message,
    };
    if available < MIN_HEADER_LEN {
        return Err(broken(
            MalformedKind::TooShort,
            start,
            t!(
                "TCP header needs 20 bytes, {available} left at offset {offset}",
                available,
                offset = start
            ),
        ));
    }
    let at = |o: usize| start + o;
    let data_offset = usize::from(frame[at(offset::DATA_OFFSET)] >> 4);
    let header_len = data_offset * 4;
    if data_offset < 5 {
        return Err(broken(MalformedKind::BadLength,
            at(offset::DATA_OFFSET),
            t!(
                "TCP data offset is {data_offset} ({header_len} bytes), below the minimum of 5 (20 bytes), at offset {offset}",
                data_offset,
                header_len,
                offset = at(offset::DATA_OFFSET)
            ),
        ));
    }
    if available < header_len {
        return Err(broken(MalformedKind::TooShort,
            start,
            t!(
                "TCP header with options needs {header_len} bytes, {available} left at offset {offset}",
                header_len,
                available,
                offset = start
            ),
        ));
    }
    let r = FieldReader::new(&frame[..end]);
    let flag_byte = frame[at(offset::FLAGS)];
    let flag = |name: &str| {
        FLAGS
            .iter()
            .position(|(_, n)| *n == name)
            .is_some_and(|i| flag_byte >> (7 - i) & 1 == 1)
    };
    let (syn, ack, urg) = (flag("SYN"), flag("ACK"), flag("URG"));
    let sport = r.uint(at(offset::SOURCE_PORT), 2);
    let dport = r.uint(at(offset::DESTINATION_PORT), 2);
    let ack_number = r.uint(at(offset::ACKNOWLEDGMENT), 4);
    let window = r.uint(at(offset::WINDOW), 2);
    let urgent = r.uint(at(offset::URGENT_POINTER), 2);
    let options_len = header_len - MIN_HEADER_LEN;
    let data_len = available - header_len;

    let mut fields = Vec::with_capacity(2 + 4 + FLAGS.len() + 4 + options_len);
    fields.extend([
        r.number(
            field_id::TCP_SRC_PORT,
            "Source Port",
            at(offset::SOURCE_PORT),
            2,
            || {
                port::meaning(
                    sport,
                    Side::Sending,
                    t!("0: reserved, never valid on the wire"),
                )
            },
        ),
        r.number(
            field_id::TCP_DST_PORT,
            "Destination Port",
            at(offset::DESTINATION_PORT),
            2,
            || {
                port::meaning(
                    dport,
                    Side::Receiving,
                    t!("0: reserved, never valid on the wire"),
                )
            },
        ),
    ]);
    // Room above for the fields below, the flags and the options (at most
    // a field per byte), so the fields are not moved as they grow. A
    // summary reads only the ports and the flags that are set: at brief
    // detail the rest are not built (`detail::without_sentences`).
    let full = crate::detail::full();
    if full {
        fields.extend([
        r.number(
            field_id::TCP_SEQ,
            "Sequence Number",
            at(offset::SEQUENCE),
            4,
            if syn {
                t!("the initial sequence number (ISN), chosen at random; the SYN carries no data but consumes one sequence number")
            } else {
                t!("number of this segment's first data byte (absolute; Wireshark shows it relative to the ISN)")
            },
        ),
        r.number(
            field_id::TCP_ACK,
            "Acknowledgment Number",
            at(offset::ACKNOWLEDGMENT),
            4,
            if ack {
                t!(
                    "the next byte expected from the other side: every byte before {ack_number} arrived",
                    ack_number
                )
            } else {
                t!("not used: ACK is clear").to_string()
            },
        ),
        r.bits(
            field_id::TCP_DATA_OFFSET,
            "Data Offset",
            (at(offset::DATA_OFFSET), 1),
            (0, 4),
            if options_len == 0 {
                t!(
                    "header length in 32-bit words: {data_offset} × 4 = {header_len} bytes (no options)", @meaning,
                    data_offset,
                    header_len
                )
            } else {
                t!(
                    "header length in 32-bit words: {data_offset} × 4 = {header_len} bytes ({options_len} bytes of options)", @meaning,
                    data_offset,
                    header_len,
                    options_len
                )
            },
        ),
        r.bits(
            field_id::TCP_RESERVED,
            "Reserved",
            (at(offset::DATA_OFFSET), 1),
            (4, 4),
            t!("reserved, must be 0 (RFC 9293; the last bit was RFC 3540's NS flag, now historic)"),
        ),
    ]);
    }
    let mut set = Vec::new();
    for (i, (id, name)) in FLAGS.iter().enumerate() {
        let is_set = flag_byte >> (7 - i) & 1 == 1;
        if is_set {
            set.push(*name);
        } else if !full {
            continue;
        }
        fields.push(r.bits(
            id,
            name,
            (at(offset::FLAGS), 1),
            (i as u8, 1),
            if is_set {
                t!("set: {meaning}", @meaning, meaning = flag_meaning(i, syn, ack))
            } else {
                t!("clear").into_meaning()
            },
        ));
    }
    if full {
        fields.push(r.number(
        field_id::TCP_WINDOW,
        "Window",
        at(offset::WINDOW),
        2,
        if syn {
            t!(
                "the sender can take {window} bytes; a SYN's window is never scaled", @meaning,
                window
            )
        } else {
            t!(
                "raw window {window}, not yet scaled: the sender can take {window} × 2^shift bytes more, the shift being what its Window Scale option announced in the handshake (0 without one); this segment alone does not say it", @meaning,
                window
            )
        },
    ));
        fields.push(r.number(
            field_id::TCP_CHECKSUM,
            "Checksum",
            at(offset::CHECKSUM),
            2,
            "",
        ));
        fields.push(r.number(
            field_id::TCP_URGENT,
            "Urgent Pointer",
            at(offset::URGENT_POINTER),
            2,
            if urg {
                t!(
                    "urgent data ends {urgent} bytes after this segment's sequence number", @meaning,
                    urgent
                )
            } else {
                t!("not used: URG is clear").into_meaning()
            },
        ));
    }
    let walked = options(
        &r,
        (at(offset::OPTIONS), at(header_len)),
        &pseudo,
        (syn, ack),
    );
    fields.extend(walked.fields);
    let problem = walked.problem;

    let mut notes = vec![t!(
        "flags set: {flags}: {story}",
        flags = if set.is_empty() {
            t!("none").to_string()
        } else {
            set.join(t!(", "))
        },
        story = flags_story(&set, data_len)
    )];
    notes.extend(walked.notes);

    // The checksum covers a pseudo-header, the header and the data.
    // (None at brief detail, where the field is not built.)
    let checksum_index = fields.iter().position(|f| f.id == field_id::TCP_CHECKSUM);
    let mut checks = Vec::new();
    if available < declared {
        notes.push(t!(
            "the IP header says the segment is {declared} bytes but only {available} are present: it was cut short",
            declared,
            available
        ));
        if let Some(i) = checksum_index {
            fields[i].meaning = t!("not verifiable: the segment is cut short").into_meaning();
        }
    } else {
        let mut sum = InternetSum::new();
        let pseudo_header = pseudo.add_to(
            &mut sum,
            Upper {
                protocol: 6,
                length_name: "TCP Length",
                length: declared,
                length_meaning: if pseudo.is_v6() {
                    t!("computed: IPv6 payload length minus extension headers (TCP has no length field)")
                } else {
                    t!("computed: IPv4 total length minus the IPv4 header (TCP has no length field)")
                },
            },
        );
        let partial = pseudo.partial(6, declared);
        sum.add(t!("source port"), &frame[at(0)..at(2)]);
        sum.add(t!("destination port"), &frame[at(2)..at(4)]);
        sum.add(t!("sequence number"), &frame[at(4)..at(8)]);
        sum.add(t!("acknowledgment number"), &frame[at(8)..at(12)]);
        sum.add(
            t!("data offset, reserved, flags | window"),
            &frame[at(12)..at(16)],
        );
        sum.add(t!("checksum taken as 0000"), &[0, 0]);
        sum.add(t!("urgent pointer"), &frame[at(18)..at(20)]);
        if options_len > 0 {
            sum.add(
                t!("options ({options_len} bytes)", @meaning, options_len),
                &frame[at(20)..at(header_len)],
            );
        }
        let data = &frame[at(header_len)..end];
        if !data.is_empty() {
            let length = data.len();
            let label = if length % 2 == 1 {
                t!(
                    "data ({length}, one zero byte added to make whole words)", @meaning,
                    length = crate::i18n::words::bytes(length)
                )
            } else {
                t!(
                    "data ({length})", @meaning,
                    length = crate::i18n::words::bytes(length)
                )
            };
            sum.add(label, data);
        }
        let stored = r.uint(at(offset::CHECKSUM), 2) as u16;
        let check = sum.finish(
            field_id::TCP_CHECKSUM,
            t!(
                "a {pseudo_len}-byte pseudo-header (from {family}), the {header_len}-byte TCP header with checksum 0, and the {data_len}-byte data",
                pseudo_len = pseudo.byte_length(),
                family = pseudo.family(),
                header_len,
                data_len
            ),
            pseudo_header,
            stored,
            false,
            Some(partial),
        );
        if let Some(i) = checksum_index {
            fields[i].meaning = t!(
                "over pseudo-header, header and data (always mandatory in TCP): {verdict}", @meaning,
                verdict = check.verdict.words(4)
            )
            .into_meaning();
        }
        checks.push(check);
    }
    Ok(TcpNext {
        layer: Layer {
            layer: LayerKind::Transport,
            protocol: "TCP",
            pdu: Pdu::Segment,
            header: Span {
                offset: start,
                length: header_len,
            },
            trailer: Vec::new(),
            pdu_length: declared.max(available),
            fields,
            checks,
            notes,
        },
        payload: Span {
            offset: at(header_len),
            length: data_len,
        },
        problem,
    })
}

/// What the options walk found: a field per option (and per value inside
/// one), the first option that could not be read, and notes.
struct Options {
    fields: Vec<Field>,
    problem: Option<Malformed>,
    notes: Vec<String>,
}

/// The options between `from` and `to` (the end of the header), one field
/// each: EOL and NOP are one byte (kind only), the others kind, length,
/// value; options with more than one value (Timestamps, SACK) get a field
/// for each value as well, so every value has its own id.
fn options(
    r: &FieldReader<'_>,
    (from, to): (usize, usize),
    pseudo: &PseudoHeader,
    (syn, ack): (bool, bool),
) -> Options {
    let frame = r.frame;
    let mut out = Options {
        fields: Vec::new(),
        problem: None,
        notes: Vec::new(),
    };
    let mut at = from;
    while at < to {
        let kind = frame[at];
        if kind == 0 {
            out.fields.push(r.number(
                field_id::TCP_OPT_EOL,
                "Option: End of Option List",
                at,
                1,
                t!("kind 0 = End of Option List, one byte with no length: no more options"),
            ));
            if at + 1 < to {
                out.fields.push(r.bytes(
                    field_id::TCP_OPT_PADDING,
                    "Padding",
                    at + 1,
                    to - at - 1,
                    Value::Number((to - at - 1) as u64),
                    t!("fills the header to a multiple of 4 bytes"),
                ));
            }
            break;
        }
        if kind == 1 {
            out.fields.push(r.number(
                field_id::TCP_OPT_NOP,
                "Option: No-Operation",
                at,
                1,
                t!("kind 1 = No-Operation, one byte with no length: a filler, so the next option starts where the sender wants"),
            ));
            at += 1;
            continue;
        }
        let left = to - at;
        let len = if left >= 2 {
            usize::from(frame[at + 1])
        } else {
            0
        };
        let name = option_kind_name(kind);
        if len < 2 || len > left {
            out.fields.push(r.bytes(
                field_id::TCP_OPT_UNREADABLE,
                t!("Option (unreadable)"),
                at,
                left,
                Value::Number(u64::from(kind)),
                t!(
                    "kind {kind} ({name}): its length does not fit the options",
                    kind,
                    name
                ),
            ));
            let message = if left < 2 {
                t!(
                    "TCP option {kind} ({name}) needs a length byte, 1 byte left in the options at offset {at}",
                    kind,
                    name,
                    at
                )
            } else if len < 2 {
                t!(
                    "TCP option {kind} ({name}) has length {len}, below the minimum of 2, at offset {at}",
                    kind,
                    name,
                    len,
                    at
                )
            } else {
                t!(
                    "TCP option {kind} ({name}) needs {len} bytes, {left} left in the options at offset {at}",
                    kind,
                    name,
                    len,
                    left,
                    at
                )
            };
            out.problem = Some(Malformed {
                protocol: "TCP",
                offset: at,
                kind: MalformedKind::BadOption,
                message,
            });
            return out;
        }
        let data = &frame[at + 2..at + len];
        let expected_len = match kind {
            2 => Some(4),
            3 => Some(3),
            4 => Some(2),
            8 => Some(10),
            _ => None,
        };
        let sack_ok = kind != 5 || (len - 2) % 8 == 0;
        let readable = expected_len.is_none_or(|n| n == len) && sack_ok;
        if !readable {
            let message = match expected_len {
                Some(n) => t!(
                    "TCP option {kind} ({name}) must be {n} bytes, says {len}, at offset {at}",
                    kind,
                    name,
                    n,
                    len,
                    at
                ),
                None => t!(
                    "TCP option {kind} ({name}) says {len} bytes, not 2 plus a multiple of 8, at offset {at}",
                    kind,
                    name,
                    len,
                    at
                ),
            };
            if out.problem.is_none() {
                out.problem = Some(Malformed {
                    protocol: "TCP",
                    offset: at,
                    kind: MalformedKind::BadOption,
                    message: message.clone(),
                });
            }
            out.fields.push(r.bytes(
                field_id::TCP_OPT_OTHER,
                "Option",
                at,
                len,
                Value::Number(u64::from(kind)),
                message,
            ));
            at += len;
            continue;
        }
        // RFC 9293 section 3.7.1 and RFC 7323 sections 2.2 and 3.2: MSS,
        // Window Scale and SACK Permitted belong on a SYN only.
        if matches!(kind, 2..=4) && !syn {
            out.notes.push(t!(
                "option {kind} ({name}) is only valid on a SYN; this segment is not one, so a receiver ignores it",
                kind,
                name
            ));
        }
        option_fields(r, at, (kind, len, data), pseudo, ack, &mut out.fields);
        at += len;
    }
    out
}

/// Big-endian number of `d` (at most 8 bytes).
fn word(d: &[u8]) -> u64 {
    d.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b))
}

/// The fields of one well-formed option at `at`: `data` is its value bytes
/// after kind and length.
fn option_fields(
    r: &FieldReader<'_>,
    at: usize,
    (kind, len, data): (u8, usize, &[u8]),
    pseudo: &PseudoHeader,
    ack: bool,
    fields: &mut Vec<Field>,
) {
    match kind {
        2 => {
            let mss = word(data);
            let headers = if pseudo.is_v6() { 60 } else { 40 };
            fields.push(r.bytes(
                field_id::TCP_OPT_MSS,
                "Option: Maximum Segment Size",
                at,
                len,
                Value::Number(mss),
                t!(
                    "kind 2 = MSS, length 4, value {mss}: the sender takes at most {mss} bytes of data per segment (fits an MTU of {mss} + {headers} = {mtu})",
                    mss,
                    headers,
                    mtu = mss + headers
                ),
            ));
        }
        3 => {
            let shift = data[0];
            fields.push(r.bytes(
                field_id::TCP_OPT_WSCALE,
                "Option: Window Scale",
                at,
                len,
                Value::Number(u64::from(shift)),
                if shift > 14 {
                    // RFC 7323 section 2.3: log it and use 14 instead.
                    t!(
                        "kind 3 = Window Scale, length 3, shift {shift}: above the maximum of 14, so the receiver uses 14 (RFC 7323): the sender's windows after the handshake count in units of 2^14 = 16384 bytes",
                        shift
                    )
                } else {
                    t!(
                        "kind 3 = Window Scale, length 3, shift {shift}: the sender's windows after the handshake count in units of 2^{shift} = {factor} bytes (a SYN's window is never scaled)",
                        shift,
                        factor = 1u64 << shift
                    )
                },
            ));
        }
        4 => fields.push(r.bytes(
            field_id::TCP_OPT_SACK_PERM,
            "Option: SACK Permitted",
            at,
            len,
            Value::Number(u64::from(kind)),
            t!("kind 4 = SACK Permitted, length 2, no value: the sender understands selective acknowledgments"),
        )),
        5 => {
            let blocks: Vec<(u64, u64)> = data
                .chunks_exact(8)
                .map(|b| (word(&b[..4]), word(&b[4..])))
                .collect();
            let text: Vec<String> = blocks.iter().map(|(left, right)| format!("{left}-{right}")).collect();
            fields.push(r.bytes(
                field_id::TCP_OPT_SACK,
                "Option: SACK",
                at,
                len,
                Value::Text(text.join(", ")),
                t!(
                    "kind 5 = SACK, length {len}: {blocks} block(s) that arrived beyond the acknowledged byte (left edge to right edge, exclusive)",
                    len,
                    blocks = blocks.len()
                ),
            ));
            for (i, _) in blocks.iter().enumerate() {
                let block = at + 2 + i * 8;
                fields.push(r.number(
                    field_id::TCP_OPT_SACK_LE,
                    "SACK Left Edge",
                    block,
                    4,
                    t!(
                        "block {n}: the first sequence number that arrived",
                        n = i + 1
                    ),
                ));
                fields.push(r.number(
                    field_id::TCP_OPT_SACK_RE,
                    "SACK Right Edge",
                    block + 4,
                    4,
                    t!(
                        "block {n}: the sequence number after the last byte that arrived",
                        n = i + 1
                    ),
                ));
            }
        }
        8 => {
            let (tsval, tsecr) = (word(&data[..4]), word(&data[4..]));
            fields.push(r.bytes(
                field_id::TCP_OPT_TIMESTAMPS,
                "Option: Timestamps",
                at,
                len,
                Value::Text(format!("TSval {tsval}, TSecr {tsecr}")),
                t!("kind 8 = Timestamps, length 10: two 4-byte values, TSval and TSecr"),
            ));
            fields.push(r.number(
                field_id::TCP_OPT_TSVAL,
                "Timestamp Value (TSval)",
                at + 2,
                4,
                t!("the sender's timestamp clock when it sent this segment"),
            ));
            fields.push(r.number(
                field_id::TCP_OPT_TSECR,
                "Timestamp Echo Reply (TSecr)",
                at + 6,
                4,
                if ack {
                    t!("echoes the latest TSval received from the other side")
                } else {
                    // RFC 7323 section 3.2: without ACK the field is ignored.
                    t!("not used: ACK is clear, so nothing is echoed yet (receivers ignore it)")
                },
            ));
        }
        _ => fields.push(r.bytes(
            field_id::TCP_OPT_OTHER,
            "Option",
            at,
            len,
            Value::Number(u64::from(kind)),
            t!(
                "kind {kind} = {name}, length {len}: not dissected by stackviz",
                kind,
                name = option_kind_name(kind),
                len
            ),
        )),
    }
}
