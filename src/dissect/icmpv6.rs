//! ICMPv6 (RFC 4443, RFC 4861): type, code, the checksum over the IPv6
//! pseudo-header worked out; for errors the quoted packet, for neighbour
//! discovery (the IPv6 ARP) the target address and link-layer options.

use std::net::Ipv6Addr;

use super::checksum::InternetSum;
use super::fields::FieldReader;
use super::{ipv6, udp};
use crate::model::{mac_text, Layer, LayerKind, Malformed, Pdu, Span, Value};

pub const HEADER_LEN: usize = 8;

/// The name of an ICMPv6 type and code.
pub fn describe(kind: u8, code: u8) -> String {
    match (kind, code) {
        (1, 4) => "Destination Unreachable: Port Unreachable".into(),
        (1, _) => format!("Destination Unreachable (code {code})"),
        (2, _) => "Packet Too Big".into(),
        (3, _) => "Time Exceeded".into(),
        (4, _) => "Parameter Problem".into(),
        (128, _) => "Echo Request".into(),
        (129, _) => "Echo Reply".into(),
        (133, _) => "Router Solicitation".into(),
        (134, _) => "Router Advertisement".into(),
        (135, _) => "Neighbor Solicitation: who has this address? (IPv6's ARP request)".into(),
        (136, _) => "Neighbor Advertisement: this address is at this MAC (IPv6's ARP reply)".into(),
        _ => format!("type {kind} (not dissected by stackviz)"),
    }
}

/// Dissects the ICMPv6 message at `start..end` sent from `source` to `destination`.
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    source: Ipv6Addr,
    destination: Ipv6Addr,
    layers: &mut Vec<Layer>,
) -> Result<(), Malformed> {
    let available = end - start;
    if available < HEADER_LEN {
        return Err(Malformed {
            protocol: "ICMPv6",
            offset: start,
            message: format!("ICMPv6 header needs 8 bytes, {available} left at offset {start}"),
        });
    }
    let r = FieldReader::new(&frame[..end]);
    let (kind, code) = (frame[start], frame[start + 1]);
    let stored = u16::from_be_bytes([frame[start + 2], frame[start + 3]]);
    let mut sum = InternetSum::new();
    sum.add("pseudo: source address", &source.octets());
    sum.add("pseudo: destination address", &destination.octets());
    sum.add(
        "pseudo: upper-layer length (32 bits)",
        &(available as u32).to_be_bytes(),
    );
    sum.add("pseudo: zeros | next header 58", &[0, 0, 0, 58]);
    sum.add("type | code", &frame[start..start + 2]);
    sum.add("checksum taken as 0000", &[0, 0]);
    sum.add(
        format!("rest of the message ({} bytes)", available - 4),
        &frame[start + 4..end],
    );
    let check = sum.finish(
        "icmpv6.checksum",
        format!("a 40-byte IPv6 pseudo-header and the whole {available}-byte ICMPv6 message, checksum taken as zero"),
        Vec::new(),
        stored,
        false,
        None,
    );
    let mut fields = vec![
        r.number("icmpv6.type", "Type", start, 1, describe(kind, code)),
        r.number("icmpv6.code", "Code", start + 1, 1, describe(kind, code)),
        r.number(
            "icmpv6.checksum",
            "Checksum",
            start + 2,
            2,
            format!(
                "over the IPv6 pseudo-header and the message: {}",
                check.verdict.describe(4)
            ),
        ),
    ];
    let mut quoted_at = None;
    match kind {
        1..=4 => {
            let meaning = match kind {
                2 => format!("MTU of the next link: {}", r.uint(start + 4, 4)),
                4 => format!("pointer to the problem: byte {}", r.uint(start + 4, 4)),
                _ => "unused, zero".into(),
            };
            fields.push(r.bytes(
                "icmpv6.rest",
                "Rest of header",
                start + 4,
                4,
                Value::Number(r.uint(start + 4, 4)),
                meaning,
            ));
            quoted_at = Some(start + HEADER_LEN);
        }
        135 | 136 if available >= 24 => {
            fields.push(r.number(
                "icmpv6.nd.flags",
                "Flags / Reserved",
                start + 4,
                4,
                "R, S, O flags (advertisement) or zero",
            ));
            let mut target = [0u8; 16];
            target.copy_from_slice(&frame[start + 8..start + 24]);
            let target = Ipv6Addr::from(target);
            fields.push(r.bytes(
                "icmpv6.nd.target",
                "Target Address",
                start + 8,
                16,
                Value::Text(target.to_string()),
                "the address whose MAC is asked for (or announced)",
            ));
            // Options: type, length in 8-byte units, data.
            let mut at = start + 24;
            while at + 8 <= end {
                let (opt, len) = (frame[at], usize::from(frame[at + 1]) * 8);
                if len == 0 || at + len > end {
                    break;
                }
                let (id, name) = match opt {
                    1 => ("icmpv6.nd.source_mac", "Source Link-Layer Address"),
                    2 => ("icmpv6.nd.target_mac", "Target Link-Layer Address"),
                    _ => ("icmpv6.nd.option", "Option"),
                };
                let meaning = if matches!(opt, 1 | 2) {
                    "the MAC the asker wants"
                } else {
                    "not dissected"
                };
                fields.push(r.bytes(
                    id,
                    name,
                    at + 2,
                    (len - 2).min(6),
                    Value::Text(mac_text(&frame[at + 2..at + 2 + (len - 2).min(6)])),
                    meaning,
                ));
                at += len;
            }
        }
        _ => {
            fields.push(r.number(
                "icmpv6.rest",
                "Rest of header",
                start + 4,
                4,
                "identifier and sequence (echo) or message data",
            ));
        }
    }
    layers.push(Layer {
        layer: LayerKind::Network,
        protocol: "ICMPv6",
        pdu: Pdu::Message,
        header: Span {
            offset: start,
            length: if kind == 135 || kind == 136 {
                available.min(24)
            } else {
                HEADER_LEN
            },
        },
        trailer: Vec::new(),
        pdu_length: available,
        fields,
        checks: vec![check],
        notes: Vec::new(),
    });
    if let Some(q) = quoted_at.filter(|q| *q < end) {
        // The quoted packet is cut to fit 1280 bytes, so its length fields overshoot.
        let quoted = ipv6::dissect(frame, q, end)?;
        let mut quoted_layers = quoted.layers;
        if let Some(first) = quoted_layers.first_mut() {
            first.protocol = "IPv6 (quoted original header)";
            first.notes = vec!["the header of the packet that could not be delivered, sent back so the sender can match it".into()];
        }
        layers.extend(quoted_layers);
        if quoted.protocol == 17 && quoted.payload.length >= udp::HEADER_LEN {
            let datagram = udp::dissect(
                frame,
                quoted.payload.offset,
                quoted.payload.end(),
                quoted.source.into(),
                quoted.destination.into(),
            )?;
            let mut quoted_udp = datagram.layer;
            quoted_udp.protocol = "UDP (quoted)";
            quoted_udp.checks.clear();
            layers.push(quoted_udp);
        }
    }
    Ok(())
}
