//! ARP (RFC 826): how a host learns the MAC of an IPv4 address on its link.
//! It sits between the data link and the network layer: carried in an
//! Ethernet frame (EtherType 0x0806), it serves IPv4.

use std::net::Ipv4Addr;

use super::fields::FieldReader;
use crate::model::{mac_text, Layer, LayerKind, Malformed, Pdu, Span, Value};

/// ARP for IPv4 over Ethernet: 28 bytes.
pub const LEN: usize = 28;

/// Dissects the ARP message at `start`; returns the layer and where it ends.
pub fn dissect(frame: &[u8], start: usize, end: usize) -> Result<(Layer, usize), Malformed> {
    let available = end - start;
    if available < 8 {
        return Err(Malformed {
            protocol: "ARP",
            offset: start,
            message: format!("ARP header needs 8 bytes, {available} left at offset {start}"),
        });
    }
    let r = FieldReader::new(&frame[..end]);
    let (hlen, plen) = (usize::from(frame[start + 4]), usize::from(frame[start + 5]));
    let len = 8 + 2 * hlen + 2 * plen;
    if available < len {
        return Err(Malformed {
            protocol: "ARP",
            offset: start,
            message: format!("ARP message needs {len} bytes, {available} left at offset {start}"),
        });
    }
    let oper = r.uint(start + 6, 2);
    let sha = start + 8;
    let spa = sha + hlen;
    let tha = spa + plen;
    let tpa = tha + hlen;
    let addr = |at: usize, n: usize| -> Value {
        if n == 4 {
            Value::Text(
                Ipv4Addr::new(frame[at], frame[at + 1], frame[at + 2], frame[at + 3]).to_string(),
            )
        } else {
            Value::Text(mac_text(&frame[at..at + n]))
        }
    };
    let text = |v: &Value| v.to_string();
    let (spa_v, tpa_v, sha_v) = (addr(spa, plen), addr(tpa, plen), addr(sha, hlen));
    let oper_meaning = match oper {
        1 => format!(
            "1 = request: who has {}? tell {}",
            text(&tpa_v),
            text(&spa_v)
        ),
        2 => format!("2 = reply: {} is at {}", text(&spa_v), text(&sha_v)),
        n => format!("{n}: not a request or a reply"),
    };
    let fields = vec![
        r.number("arp.htype", "Hardware Type", start, 2, "1 = Ethernet"),
        r.number(
            "arp.ptype",
            "Protocol Type",
            start + 2,
            2,
            "0x0800 = IPv4 addresses are being resolved",
        ),
        r.number(
            "arp.hlen",
            "Hardware Address Length",
            start + 4,
            1,
            "6 bytes: a MAC address",
        ),
        r.number(
            "arp.plen",
            "Protocol Address Length",
            start + 5,
            1,
            "4 bytes: an IPv4 address",
        ),
        r.number("arp.oper", "Operation", start + 6, 2, oper_meaning),
        r.bytes(
            "arp.sha",
            "Sender Hardware Address",
            sha,
            hlen,
            sha_v,
            "the sender's MAC",
        ),
        r.bytes(
            "arp.spa",
            "Sender Protocol Address",
            spa,
            plen,
            spa_v,
            "the sender's IPv4 address",
        ),
        r.bytes(
            "arp.tha",
            "Target Hardware Address",
            tha,
            hlen,
            addr(tha, hlen),
            if oper == 1 {
                "unknown yet: that is the question"
            } else {
                "the MAC of the one who asked"
            },
        ),
        r.bytes(
            "arp.tpa",
            "Target Protocol Address",
            tpa,
            plen,
            tpa_v,
            "the IPv4 address being resolved",
        ),
    ];
    Ok((
        Layer {
            layer: LayerKind::Network,
            protocol: "ARP",
            pdu: Pdu::Packet,
            header: Span { offset: start, length: len },
            trailer: Vec::new(),
            pdu_length: len,
            fields,
            checks: Vec::new(),
            notes: vec!["ARP serves the data link layer: it turns an IPv4 address into the MAC a frame needs".into()],
        },
        start + len,
    ))
}
