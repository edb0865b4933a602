//! ARP (RFC 826): how a host learns the MAC of an IPv4 address on its link.
//! It sits between the data link and the network layer: carried straight in
//! an Ethernet frame (EtherType 0x0806), it serves the link layer and IPv4.

use std::net::Ipv4Addr;

use super::ethernet::ether_type_name;
use super::fields::FieldReader;
use crate::model::{mac_text, to_hex, Layer, LayerKind, Malformed, Pdu, Span, Value};

/// The fixed part: hardware and protocol types, their lengths, operation.
pub const FIXED_LEN: usize = 8;
/// ARP for IPv4 over Ethernet: 28 bytes.
pub const LEN: usize = 28;

/// Offsets from the start of the ARP message; the addresses follow at
/// offsets that depend on the two lengths.
mod offset {
    pub const HTYPE: usize = 0;
    pub const PTYPE: usize = 2;
    pub const HLEN: usize = 4;
    pub const PLEN: usize = 5;
    pub const OPER: usize = 6;
    pub const SHA: usize = 8;
}

fn htype_meaning(htype: u64) -> String {
    let name = match htype {
        1 => "Ethernet",
        6 => "IEEE 802 networks",
        15 => "Frame Relay",
        16 => "ATM",
        20 => "serial line",
        24 => "IEEE 1394",
        32 => "InfiniBand",
        _ => "a hardware type stackviz does not know",
    };
    format!("{htype} = {name}: the kind of link-layer address asked for")
}

fn oper_name(oper: u64) -> &'static str {
    match oper {
        1 => "request",
        2 => "reply",
        3 => "RARP request",
        4 => "RARP reply",
        8 => "InARP request",
        9 => "InARP reply",
        _ => "unknown operation",
    }
}

/// Dissects the ARP message at `start`; returns the layer and where the
/// message ends (what follows is the frame's padding).
pub fn dissect(frame: &[u8], start: usize, end: usize) -> Result<(Layer, usize), Malformed> {
    let available = end.saturating_sub(start);
    if available < FIXED_LEN {
        return Err(Malformed {
            protocol: "ARP",
            offset: start,
            message: format!("ARP header needs 8 bytes, {available} left at offset {start}"),
        });
    }
    let r = FieldReader::new(&frame[..end]);
    let at = |o: usize| start + o;
    let htype = r.uint(at(offset::HTYPE), 2);
    let ptype = r.uint(at(offset::PTYPE), 2) as u16;
    let hlen = usize::from(frame[at(offset::HLEN)]);
    let plen = usize::from(frame[at(offset::PLEN)]);
    let len = FIXED_LEN + 2 * hlen + 2 * plen;
    if available < len {
        return Err(Malformed {
            protocol: "ARP",
            offset: start,
            message: format!(
                "ARP message needs {len} bytes (hardware addresses of {hlen}, protocol addresses of {plen}), {available} left at offset {start}"
            ),
        });
    }
    let oper = r.uint(at(offset::OPER), 2);
    let sha = at(offset::SHA);
    let spa = sha + hlen;
    let tha = spa + plen;
    let tpa = tha + hlen;
    let ethernet_ipv4 = htype == 1 && hlen == 6 && ptype == 0x0800 && plen == 4;
    let hw = |at: usize| -> Value {
        if hlen == 6 {
            Value::Text(mac_text(&frame[at..at + 6]))
        } else {
            Value::Text(to_hex(&frame[at..at + hlen]))
        }
    };
    let proto = |at: usize| -> Value {
        if plen == 4 {
            Value::Text(
                Ipv4Addr::new(frame[at], frame[at + 1], frame[at + 2], frame[at + 3]).to_string(),
            )
        } else {
            Value::Text(to_hex(&frame[at..at + plen]))
        }
    };
    let (sha_v, spa_v, tha_v, tpa_v) = (hw(sha), proto(spa), hw(tha), proto(tpa));
    let unspecified = |v: &Value| v.to_string() == "0.0.0.0";
    let oper_meaning = match oper {
        1 if unspecified(&spa_v) => format!(
            "1 = request, an ARP probe (RFC 5227): is anyone using {tpa_v}? (asked before taking the address)"
        ),
        1 if spa_v == tpa_v => format!(
            "1 = request, gratuitous: {spa_v} is at {sha_v} (announced to everyone, nobody asked)"
        ),
        1 => format!("1 = request: who has {tpa_v}? tell {spa_v}"),
        2 => format!("2 = reply: {spa_v} is at {sha_v}"),
        n => format!("{n} = {}", oper_name(n)),
    };
    let fields = vec![
        r.number(
            "arp.htype",
            "Hardware Type",
            at(offset::HTYPE),
            2,
            htype_meaning(htype),
        ),
        r.number(
            "arp.ptype",
            "Protocol Type",
            at(offset::PTYPE),
            2,
            format!(
                "0x{ptype:04x} = {}: the addresses being resolved (numbered like EtherTypes)",
                ether_type_name(ptype)
            ),
        ),
        r.number(
            "arp.hlen",
            "Hardware Address Length",
            at(offset::HLEN),
            1,
            if hlen == 6 {
                "6 bytes: a MAC address".to_string()
            } else {
                format!("{hlen} bytes per hardware address")
            },
        ),
        r.number(
            "arp.plen",
            "Protocol Address Length",
            at(offset::PLEN),
            1,
            if plen == 4 {
                "4 bytes: an IPv4 address".to_string()
            } else {
                format!("{plen} bytes per protocol address")
            },
        ),
        r.number("arp.oper", "Operation", at(offset::OPER), 2, oper_meaning),
        r.bytes(
            "arp.sha",
            "Sender Hardware Address",
            sha,
            hlen,
            sha_v,
            "the sender's MAC: every host that reads this may cache it",
        ),
        r.bytes(
            "arp.spa",
            "Sender Protocol Address",
            spa,
            plen,
            spa_v.clone(),
            if unspecified(&spa_v) {
                "0.0.0.0: the sender has no address yet (a probe)"
            } else {
                "the sender's IPv4 address"
            },
        ),
        r.bytes(
            "arp.tha",
            "Target Hardware Address",
            tha,
            hlen,
            tha_v,
            if oper == 1 {
                "unknown yet: that is the question (usually zeros)"
            } else {
                "the MAC of the host that asked"
            },
        ),
        r.bytes(
            "arp.tpa",
            "Target Protocol Address",
            tpa,
            plen,
            tpa_v,
            if oper == 1 {
                "the IPv4 address whose MAC is asked for"
            } else {
                "the IPv4 address of the host that asked"
            },
        ),
    ];
    let mut notes = vec![
        "ARP serves the data link layer: it turns an IPv4 address into the MAC a frame needs; it rides straight in the frame (no IP header) and never crosses a router".to_string(),
    ];
    if !ethernet_ipv4 {
        notes.push(format!(
            "not the usual Ethernet/IPv4 ARP: hardware type {htype}, {hlen}-byte hardware addresses, protocol 0x{ptype:04x}, {plen}-byte protocol addresses"
        ));
    }
    Ok((
        Layer {
            layer: LayerKind::Network,
            protocol: "ARP",
            pdu: Pdu::Packet,
            header: Span {
                offset: start,
                length: len,
            },
            trailer: Vec::new(),
            pdu_length: len,
            fields,
            checks: Vec::new(),
            notes,
        },
        start + len,
    ))
}
