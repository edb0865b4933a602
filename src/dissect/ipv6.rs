//! IPv6 (RFC 8200): the fixed 40-byte header with its bit fields, then the
//! extension headers walked one by one (hop-by-hop, routing, fragment,
//! destination options, AH), each its own layer.

use std::net::Ipv6Addr;

use super::fields::FieldReader;
use crate::model::{Layer, LayerKind, Malformed, Pdu, Span, Value};

pub const HEADER_LEN: usize = 40;

mod offset {
    pub const VERSION_CLASS_FLOW: usize = 0;
    pub const PAYLOAD_LENGTH: usize = 4;
    pub const NEXT_HEADER: usize = 6;
    pub const HOP_LIMIT: usize = 7;
    pub const SOURCE: usize = 8;
    pub const DESTINATION: usize = 24;
}

/// What follows the IPv6 header and its extension headers.
pub struct Ipv6Next {
    pub layers: Vec<Layer>,
    /// The upper-layer protocol (after every extension header).
    pub protocol: u8,
    pub source: Ipv6Addr,
    pub destination: Ipv6Addr,
    pub payload: Span,
    /// True when a Fragment header says this is not the whole datagram.
    pub fragment: bool,
}

/// Name of an IPv6 next-header value.
pub fn next_header_name(value: u8) -> &'static str {
    match value {
        0 => "Hop-by-Hop Options",
        6 => "TCP",
        17 => "UDP",
        43 => "Routing",
        44 => "Fragment",
        50 => "ESP",
        51 => "Authentication Header",
        58 => "ICMPv6",
        59 => "No Next Header",
        60 => "Destination Options",
        _ => "not dissected by stackviz",
    }
}

fn address_meaning(addr: Ipv6Addr) -> &'static str {
    if addr.is_loopback() {
        "loopback (::1): never leaves this host"
    } else if addr.is_multicast() {
        "multicast group"
    } else if addr.segments()[0] & 0xffc0 == 0xfe80 {
        "link-local (fe80::/10): valid on one link only"
    } else if addr.segments()[0] & 0xfe00 == 0xfc00 {
        "unique local address (fc00::/7)"
    } else if addr.is_unspecified() {
        "unspecified (::)"
    } else {
        "unicast address"
    }
}

fn addr_at(frame: &[u8], at: usize) -> Ipv6Addr {
    let mut octets = [0u8; 16];
    octets.copy_from_slice(&frame[at..at + 16]);
    Ipv6Addr::from(octets)
}

/// Dissects the IPv6 header at `start` and its extension headers; `end` is
/// where the frame's data ends.
pub fn dissect(frame: &[u8], start: usize, end: usize) -> Result<Ipv6Next, Malformed> {
    let available = end - start;
    let broken = |offset: usize, message: String| Malformed {
        protocol: "IPv6",
        offset,
        message,
    };
    if available < HEADER_LEN {
        return Err(broken(
            start,
            format!("IPv6 header needs 40 bytes, {available} left at offset {start}"),
        ));
    }
    let version = frame[start] >> 4;
    if version != 6 {
        return Err(broken(
            start,
            format!("IPv6 version field is {version}, not 6, at offset {start}"),
        ));
    }
    let r = FieldReader::new(&frame[..end]);
    let at = |o: usize| start + o;
    let payload_len = r.uint(at(offset::PAYLOAD_LENGTH), 2) as usize;
    let first_next = frame[at(offset::NEXT_HEADER)];
    let hop_limit = frame[at(offset::HOP_LIMIT)];
    let source = addr_at(frame, at(offset::SOURCE));
    let destination = addr_at(frame, at(offset::DESTINATION));
    let word = (at(offset::VERSION_CLASS_FLOW), 4);
    let mut fields = vec![
        r.bits("ipv6.version", "Version", (at(0), 1), (0, 4), "6 = IPv6"),
        r.bits("ipv6.dscp", "DSCP (Traffic Class)", (at(0), 2), (4, 6), ""),
        r.bits("ipv6.ecn", "ECN (Traffic Class)", (at(0), 2), (10, 2), ""),
        r.bits("ipv6.flow_label", "Flow Label", word, (12, 20), "labels a flow for routers; 0 = none, Linux picks one per flow by default"),
        r.number(
            "ipv6.payload_length",
            "Payload Length",
            at(offset::PAYLOAD_LENGTH),
            2,
            format!("bytes after this 40-byte header (extension headers included): {payload_len}"),
        ),
        r.number(
            "ipv6.next_header",
            "Next Header",
            at(offset::NEXT_HEADER),
            1,
            format!("{first_next} = {}: what follows this header", next_header_name(first_next)),
        ),
        r.number(
            "ipv6.hop_limit",
            "Hop Limit",
            at(offset::HOP_LIMIT),
            1,
            format!("IPv6's TTL: each router subtracts 1 and drops the packet at 0; at most {hop_limit} more hops"),
        ),
        r.bytes("ipv6.src", "Source Address", at(offset::SOURCE), 16, Value::Text(source.to_string()), address_meaning(source)),
        r.bytes(
            "ipv6.dst",
            "Destination Address",
            at(offset::DESTINATION),
            16,
            Value::Text(destination.to_string()),
            address_meaning(destination),
        ),
    ];
    let dscp = match fields[1].value {
        Value::Number(n) => n,
        _ => 0,
    };
    fields[1].meaning = format!(
        "DSCP {dscp}: {}",
        if dscp == 0 {
            "default, best effort"
        } else {
            "a differentiated-services code point"
        }
    );
    let ecn = match fields[2].value {
        Value::Number(n) => n,
        _ => 0,
    };
    fields[2].meaning = [
        "00: not ECN-capable transport",
        "01: ECT(1)",
        "10: ECT(0)",
        "11: congestion experienced",
    ][ecn as usize & 3]
        .into();

    let mut notes = vec![
        "no header checksum in IPv6: the link's FCS and the transport checksums cover the data"
            .to_string(),
    ];
    let packet_end = if start + HEADER_LEN + payload_len > end {
        notes.push(format!(
            "payload length says {payload_len} bytes but only {} are present: the packet was cut short",
            end - start - HEADER_LEN
        ));
        end
    } else {
        start + HEADER_LEN + payload_len
    };
    let mut layers = vec![Layer {
        layer: LayerKind::Network,
        protocol: "IPv6",
        pdu: Pdu::Packet,
        header: Span {
            offset: start,
            length: HEADER_LEN,
        },
        trailer: Vec::new(),
        pdu_length: HEADER_LEN + payload_len,
        fields,
        checks: Vec::new(),
        notes,
    }];

    // Walk the extension headers.
    let mut next = first_next;
    let mut at_ext = start + HEADER_LEN;
    let mut fragment = false;
    while matches!(next, 0 | 43 | 44 | 51 | 60) {
        let left = packet_end.saturating_sub(at_ext);
        if left < 8 {
            return Err(broken(
                at_ext,
                format!(
                    "IPv6 {} header needs 8 bytes, {left} left at offset {at_ext}",
                    next_header_name(next)
                ),
            ));
        }
        let len = match next {
            44 => 8,
            51 => (usize::from(frame[at_ext + 1]) + 2) * 4,
            _ => (usize::from(frame[at_ext + 1]) + 1) * 8,
        };
        if len > left {
            return Err(broken(
                at_ext,
                format!(
                    "IPv6 {} header needs {len} bytes, {left} left at offset {at_ext}",
                    next_header_name(next)
                ),
            ));
        }
        let inner = frame[at_ext];
        let mut ext_fields = vec![r.number(
            "ipv6.ext.next_header",
            "Next Header",
            at_ext,
            1,
            format!("{inner} = {}", next_header_name(inner)),
        )];
        let protocol: &'static str = match next {
            44 => {
                let offset_word = r.uint(at_ext + 2, 2);
                let more = offset_word & 1 == 1;
                let frag_offset = offset_word >> 3;
                fragment = more || frag_offset != 0;
                ext_fields.push(r.number("ipv6.frag.reserved", "Reserved", at_ext + 1, 1, "zero"));
                ext_fields.push(r.bits(
                    "ipv6.frag.offset",
                    "Fragment Offset",
                    (at_ext + 2, 2),
                    (0, 13),
                    format!(
                        "{frag_offset} × 8 = byte {} of the fragmentable part",
                        frag_offset * 8
                    ),
                ));
                ext_fields.push(r.bits(
                    "ipv6.frag.res",
                    "Res",
                    (at_ext + 2, 2),
                    (13, 2),
                    "reserved, zero",
                ));
                ext_fields.push(r.bits(
                    "ipv6.frag.m",
                    "M (More Fragments)",
                    (at_ext + 2, 2),
                    (15, 1),
                    if more {
                        "set: more fragments follow"
                    } else {
                        "clear: the last fragment"
                    },
                ));
                ext_fields.push(r.number(
                    "ipv6.frag.identification",
                    "Identification",
                    at_ext + 4,
                    4,
                    "the same in every fragment of one datagram; chosen by the sender (routers never fragment in IPv6)",
                ));
                "IPv6 Fragment header"
            }
            _ => {
                ext_fields.push(r.number(
                    "ipv6.ext.length",
                    "Hdr Ext Len",
                    at_ext + 1,
                    1,
                    format!("header length: {len} bytes"),
                ));
                if len > 2 {
                    ext_fields.push(r.bytes(
                        "ipv6.ext.data",
                        "Options / data",
                        at_ext + 2,
                        len - 2,
                        Value::Number((len - 2) as u64),
                        format!("{} bytes of options", len - 2),
                    ));
                }
                match next {
                    0 => "IPv6 Hop-by-Hop Options",
                    43 => "IPv6 Routing header",
                    51 => "IPv6 Authentication Header",
                    _ => "IPv6 Destination Options",
                }
            }
        };
        layers.push(Layer {
            layer: LayerKind::Network,
            protocol,
            pdu: Pdu::Packet,
            header: Span {
                offset: at_ext,
                length: len,
            },
            trailer: Vec::new(),
            pdu_length: packet_end - at_ext,
            fields: ext_fields,
            checks: Vec::new(),
            notes: Vec::new(),
        });
        next = inner;
        at_ext += len;
    }
    Ok(Ipv6Next {
        layers,
        protocol: next,
        source,
        destination,
        payload: Span {
            offset: at_ext,
            length: packet_end.saturating_sub(at_ext),
        },
        fragment,
    })
}
