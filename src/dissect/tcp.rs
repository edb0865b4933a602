//! TCP (RFC 9293): ports, sequence and acknowledgment numbers, the data
//! offset, the flags bit by bit, window, checksum over the pseudo-header
//! worked out, urgent pointer, and the options walked one by one.

use std::net::IpAddr;

use super::checksum::InternetSum;
use super::fields::FieldReader;
use crate::model::{Layer, LayerKind, Malformed, Pdu, Span, Value};

pub const MIN_HEADER_LEN: usize = 20;

/// What follows the TCP header.
pub struct TcpNext {
    pub layer: Layer,
    pub payload: Span,
}

fn octets(addr: IpAddr) -> Vec<u8> {
    match addr {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    }
}

const FLAGS: [(&str, &str, &str); 8] = [
    ("tcp.flags.cwr", "CWR", "congestion window reduced"),
    ("tcp.flags.ece", "ECE", "ECN echo"),
    ("tcp.flags.urg", "URG", "the urgent pointer is valid"),
    ("tcp.flags.ack", "ACK", "the acknowledgment number is valid"),
    (
        "tcp.flags.psh",
        "PSH",
        "push the data to the application now",
    ),
    ("tcp.flags.rst", "RST", "reset: abort the connection"),
    (
        "tcp.flags.syn",
        "SYN",
        "synchronise sequence numbers: opening a connection",
    ),
    ("tcp.flags.fin", "FIN", "the sender has finished sending"),
];

/// Dissects the TCP segment at `start..end` between `source` and `destination`.
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    source: IpAddr,
    destination: IpAddr,
) -> Result<TcpNext, Malformed> {
    let available = end - start;
    let broken = |offset: usize, message: String| Malformed {
        protocol: "TCP",
        offset,
        message,
    };
    if available < MIN_HEADER_LEN {
        return Err(broken(
            start,
            format!("TCP header needs 20 bytes, {available} left at offset {start}"),
        ));
    }
    let data_offset = usize::from(frame[start + 12] >> 4);
    let header_len = data_offset * 4;
    if data_offset < 5 {
        return Err(broken(
            start + 12,
            format!("TCP data offset {data_offset} ({header_len} bytes) is below the minimum of 5, at offset {}", start + 12),
        ));
    }
    if available < header_len {
        return Err(broken(start, format!("TCP header with options needs {header_len} bytes, {available} left at offset {start}")));
    }
    let r = FieldReader::new(&frame[..end]);
    let port = |p: u64| match p {
        0..=1023 => "well-known range",
        1024..=49151 => "registered range",
        _ => "dynamic range",
    };
    let (sport, dport) = (r.uint(start, 2), r.uint(start + 2, 2));
    let mut fields = vec![
        r.number(
            "tcp.src_port",
            "Source Port",
            start,
            2,
            format!("the sending socket's port; IANA {}", port(sport)),
        ),
        r.number(
            "tcp.dst_port",
            "Destination Port",
            start + 2,
            2,
            format!("the receiving socket's port; IANA {}", port(dport)),
        ),
        r.number(
            "tcp.seq",
            "Sequence Number",
            start + 4,
            4,
            "number of the first data byte (of the SYN itself when SYN is set)",
        ),
        r.number(
            "tcp.ack",
            "Acknowledgment Number",
            start + 8,
            4,
            "the next byte the sender expects (valid when ACK is set)",
        ),
        r.bits(
            "tcp.data_offset",
            "Data Offset",
            (start + 12, 1),
            (0, 4),
            format!("header length in 32-bit words: {data_offset} × 4 = {header_len} bytes"),
        ),
        r.bits(
            "tcp.reserved",
            "Reserved",
            (start + 12, 1),
            (4, 4),
            "reserved, zero",
        ),
    ];
    let mut set = Vec::new();
    for (i, (id, name, meaning)) in FLAGS.iter().enumerate() {
        let field = r.bits(id, name, (start + 13, 1), (i as u8, 1), *meaning);
        if field.value == Value::Number(1) {
            set.push(*name);
        }
        fields.push(field);
    }
    fields.push(r.number(
        "tcp.window",
        "Window",
        start + 14,
        2,
        "bytes the sender can still receive (before window scaling)",
    ));
    fields.push(r.number("tcp.checksum", "Checksum", start + 16, 2, ""));
    fields.push(r.number(
        "tcp.urgent",
        "Urgent Pointer",
        start + 18,
        2,
        "offset of urgent data, when URG is set",
    ));

    // Options: kind, length, data; EOL and NOP are one byte.
    let mut at = start + MIN_HEADER_LEN;
    let options_end = start + header_len;
    let mut notes = vec![format!(
        "flags set: {}",
        if set.is_empty() {
            "none".to_string()
        } else {
            set.join(", ")
        }
    )];
    while at < options_end {
        let kind = frame[at];
        if kind == 0 {
            fields.push(r.number(
                "tcp.option.eol",
                "Option: End of List",
                at,
                1,
                "no more options",
            ));
            break;
        }
        if kind == 1 {
            fields.push(r.number(
                "tcp.option.nop",
                "Option: No-Operation",
                at,
                1,
                "padding to align the next option",
            ));
            at += 1;
            continue;
        }
        let len = frame.get(at + 1).map(|l| usize::from(*l)).unwrap_or(0);
        if len < 2 || at + len > options_end {
            notes.push(format!("option {kind} at offset {at} has a bad length {len}; the rest of the options is not read"));
            break;
        }
        let (id, name, meaning) = match (kind, len) {
            (2, 4) => (
                "tcp.option.mss",
                "Option: Maximum Segment Size",
                format!("MSS {} bytes", r.uint(at + 2, 2)),
            ),
            (3, 3) => (
                "tcp.option.wscale",
                "Option: Window Scale",
                format!(
                    "shift {}: windows are multiplied by {}",
                    frame[at + 2],
                    1u64 << frame[at + 2].min(30)
                ),
            ),
            (4, 2) => (
                "tcp.option.sack_permitted",
                "Option: SACK Permitted",
                "selective acknowledgments may be used".to_string(),
            ),
            (5, _) => (
                "tcp.option.sack",
                "Option: SACK",
                format!("{} block(s) received out of order", (len - 2) / 8),
            ),
            (8, 10) => (
                "tcp.option.timestamps",
                "Option: Timestamps",
                format!("value {}, echo {}", r.uint(at + 2, 4), r.uint(at + 6, 4)),
            ),
            _ => (
                "tcp.option",
                "Option",
                format!("kind {kind}, {len} bytes: not dissected by stackviz"),
            ),
        };
        fields.push(r.bytes(id, name, at, len, Value::Number(u64::from(kind)), meaning));
        at += len;
    }

    // The checksum covers a pseudo-header, the header and the data.
    let (src, dst) = (octets(source), octets(destination));
    let tcp_len = available;
    let mut sum = InternetSum::new();
    sum.add("pseudo: source address", &src);
    sum.add("pseudo: destination address", &dst);
    if source.is_ipv6() {
        sum.add(
            "pseudo: upper-layer length (32 bits)",
            &(tcp_len as u32).to_be_bytes(),
        );
        sum.add("pseudo: zeros | next header 6", &[0, 0, 0, 6]);
    } else {
        sum.add("pseudo: zero | protocol 6", &[0, 6]);
        sum.add("pseudo: TCP length", &(tcp_len as u16).to_be_bytes());
    }
    let partial = super::checksum::fold(
        super::checksum::word_sum(&src) + super::checksum::word_sum(&dst) + 6 + tcp_len as u64,
    )
    .0;
    sum.add("header up to the checksum", &frame[start..start + 16]);
    sum.add("checksum taken as 0000", &[0, 0]);
    sum.add(
        format!(
            "rest of the header and the data ({} bytes)",
            end - start - 18
        ),
        &frame[start + 18..end],
    );
    let stored = r.uint(start + 16, 2) as u16;
    let check = sum.finish(
        "tcp.checksum",
        format!(
            "a pseudo-header, the {header_len}-byte header with checksum 0, and {} bytes of data",
            tcp_len - header_len
        ),
        Vec::new(),
        stored,
        false,
        Some(partial),
    );
    if let Some(f) = fields.iter_mut().find(|f| f.id == "tcp.checksum") {
        f.meaning = format!(
            "over pseudo-header, header and data: {}",
            check.verdict.describe(4)
        );
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
            pdu_length: available,
            fields,
            checks: vec![check],
            notes,
        },
        payload: Span {
            offset: start + header_len,
            length: available - header_len,
        },
    })
}
