//! UDP (RFC 768): the 8-byte header, and the checksum over the IPv4
//! pseudo-header, header and payload, worked out.

use std::net::IpAddr;

use super::checksum::{fold, word_sum, InternetSum};
use super::fields::FieldReader;
use crate::model::{to_hex, CheckVerdict, Field, Layer, LayerKind, Malformed, Pdu, Span, Value};

pub const HEADER_LEN: usize = 8;

mod offset {
    pub const SOURCE_PORT: usize = 0;
    pub const DESTINATION_PORT: usize = 2;
    pub const LENGTH: usize = 4;
    pub const CHECKSUM: usize = 6;
}

/// What follows the UDP header.
pub struct UdpNext {
    pub layer: Layer,
    pub payload: Span,
}

fn port_meaning(port: u16, whose: &str) -> String {
    let range = match port {
        0 => "0: reserved; in bind() it means \"let the OS choose\"",
        1..=1023 => "IANA well-known range 0-1023",
        1024..=49151 => "IANA registered range 1024-49151",
        _ => "IANA dynamic range 49152-65535",
    };
    format!("the {whose} socket's port; {range}")
}

fn ip_octets(addr: IpAddr) -> Vec<u8> {
    match addr {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    }
}

/// A pseudo-header field: a value the checksum covers without it being sent
/// in the UDP header.
fn pseudo(
    id: &'static str,
    name: &'static str,
    bytes: &[u8],
    value: Value,
    meaning: &str,
) -> Field {
    Field {
        id,
        name,
        offset: None,
        length: bytes.len(),
        bits: None,
        value,
        hex: to_hex(bytes),
        meaning: meaning.into(),
        origin: None,
    }
}

/// Dissects the UDP header at `start` of a datagram that ends at `end`,
/// carried in IPv4 between `source` and `destination`.
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    source: IpAddr,
    destination: IpAddr,
) -> Result<UdpNext, Malformed> {
    let available = end - start;
    if available < HEADER_LEN {
        return Err(Malformed {
            protocol: "UDP",
            offset: start,
            message: format!("UDP header needs 8 bytes, {available} left at offset {start}"),
        });
    }
    let r = FieldReader::new(&frame[..end]);
    let at = |o: usize| start + o;
    let src_port = r.uint(at(offset::SOURCE_PORT), 2) as u16;
    let dst_port = r.uint(at(offset::DESTINATION_PORT), 2) as u16;
    let length = r.uint(at(offset::LENGTH), 2) as usize;
    let stored = r.uint(at(offset::CHECKSUM), 2) as u16;
    if length < HEADER_LEN {
        return Err(Malformed {
            protocol: "UDP",
            offset: at(offset::LENGTH),
            message: format!(
                "UDP length {length} is below the 8-byte header, at offset {}",
                at(offset::LENGTH)
            ),
        });
    }
    let mut notes = Vec::new();
    let datagram_end = if start + length > end {
        notes.push(format!(
            "length says {length} bytes but only {available} are present"
        ));
        end
    } else {
        start + length
    };
    let payload = Span {
        offset: start + HEADER_LEN,
        length: datagram_end - start - HEADER_LEN,
    };

    let mut fields = vec![
        r.number(
            "udp.src_port",
            "Source Port",
            at(offset::SOURCE_PORT),
            2,
            port_meaning(src_port, "sending"),
        ),
        r.number(
            "udp.dst_port",
            "Destination Port",
            at(offset::DESTINATION_PORT),
            2,
            port_meaning(dst_port, "receiving"),
        ),
        r.number(
            "udp.length",
            "Length",
            at(offset::LENGTH),
            2,
            format!(
                "8-byte header + {}-byte payload = {length} bytes",
                length - HEADER_LEN
            ),
        ),
        r.number("udp.checksum", "Checksum", at(offset::CHECKSUM), 2, ""),
    ];

    let mut checks = Vec::new();
    if start + length <= end {
        let length_bytes = (length as u16).to_be_bytes();
        let (src_bytes, dst_bytes) = (ip_octets(source), ip_octets(destination));
        let v6 = source.is_ipv6();
        let copied = if v6 {
            "copied from the IPv6 header"
        } else {
            "copied from the IPv4 header"
        };
        let mut pseudo_header = vec![
            pseudo(
                "pseudo.src",
                "Source Address",
                &src_bytes,
                Value::Text(source.to_string()),
                copied,
            ),
            pseudo(
                "pseudo.dst",
                "Destination Address",
                &dst_bytes,
                Value::Text(destination.to_string()),
                copied,
            ),
        ];
        let mut sum = InternetSum::new();
        sum.add("pseudo: source address", &src_bytes);
        sum.add("pseudo: destination address", &dst_bytes);
        if v6 {
            // RFC 8200 section 8.1: a 32-bit length, three zero bytes, next header.
            let long_length = (length as u32).to_be_bytes();
            pseudo_header.push(pseudo(
                "pseudo.length",
                "Upper-Layer Packet Length",
                &long_length,
                Value::Number(length as u64),
                "the UDP length, as 32 bits",
            ));
            pseudo_header.push(pseudo(
                "pseudo.zero",
                "Zero",
                &[0, 0, 0],
                Value::Number(0),
                "three bytes of zeros",
            ));
            pseudo_header.push(pseudo(
                "pseudo.protocol",
                "Next Header",
                &[17],
                Value::Number(17),
                "17 = UDP",
            ));
            sum.add("pseudo: upper-layer length (32 bits)", &long_length);
            sum.add("pseudo: zeros | next header 17", &[0, 0, 0, 17]);
        } else {
            pseudo_header.push(pseudo(
                "pseudo.zero",
                "Zero",
                &[0],
                Value::Number(0),
                "one byte of zeros",
            ));
            pseudo_header.push(pseudo(
                "pseudo.protocol",
                "Protocol",
                &[17],
                Value::Number(17),
                "17 = UDP, as in the IPv4 header",
            ));
            pseudo_header.push(pseudo(
                "pseudo.length",
                "UDP Length",
                &length_bytes,
                Value::Number(length as u64),
                "copied from the UDP header",
            ));
            sum.add("pseudo: zero | protocol 17", &[0, 17]);
            sum.add("pseudo: UDP length", &length_bytes);
        }
        // With checksum offload the kernel stores the folded pseudo-header sum
        // and leaves the rest to the network card.
        let partial = fold(word_sum(&src_bytes) + word_sum(&dst_bytes) + 17 + length as u64).0;
        sum.add("source port", &frame[at(0)..at(2)]);
        sum.add("destination port", &frame[at(2)..at(4)]);
        sum.add("length", &frame[at(4)..at(6)]);
        sum.add("checksum taken as 0000", &[0, 0]);
        let data = &frame[payload.offset..payload.end()];
        let label = if data.len() % 2 == 1 {
            format!(
                "payload ({} bytes, one zero byte added to make whole words)",
                data.len()
            )
        } else {
            format!("payload ({} bytes)", data.len())
        };
        sum.add(label, data);
        let check = sum.finish(
            "udp.checksum",
            format!(
                "a {}-byte pseudo-header (from {}), the UDP header with checksum 0, and the {}-byte payload",
                if v6 { 40 } else { 12 },
                if v6 { "IPv6" } else { "IPv4" },
                data.len()
            ),
            pseudo_header,
            stored,
            true,
            Some(partial),
        );
        let mut check = check;
        if v6 && check.verdict == CheckVerdict::NotUsed {
            // Over IPv6 the checksum is mandatory: 0 is not "none", it is wrong.
            check.verdict = CheckVerdict::Incorrect {
                expected: check.computed,
            };
        }
        fields[3].meaning = format!(
            "over pseudo-header, header and payload: {}",
            check.verdict.describe(4)
        );
        checks.push(check);
    } else {
        fields[3].meaning = "not verifiable: the datagram is cut short".into();
    }

    Ok(UdpNext {
        layer: Layer {
            layer: LayerKind::Transport,
            protocol: "UDP",
            pdu: Pdu::Datagram,
            header: Span {
                offset: start,
                length: HEADER_LEN,
            },
            trailer: Vec::new(),
            pdu_length: length,
            fields,
            checks,
            notes,
        },
        payload,
    })
}
