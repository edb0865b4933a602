//! ARP (RFC 826): how a host learns the MAC of an IPv4 address on its link.
//! It sits between the data link and the network layer: carried straight in
//! an Ethernet frame (EtherType 0x0806), it serves the link layer and IPv4.

use super::fields::Meaning;
use std::net::Ipv4Addr;

use super::ethernet::ether_type_name;
use super::fields::FieldReader;
use crate::field_id;
use crate::model::MalformedKind;
use crate::model::{mac_text, to_hex, Layer, LayerKind, Malformed, Pdu, Span, Value};
use crate::t;

/// The fixed part: hardware and protocol types, their lengths, operation.
pub const FIXED_LEN: usize = 8;
/// ARP for IPv4 over Ethernet: 28 bytes.
pub const LEN: usize = 28;

use super::view::offsets::arp as offset;

fn htype_meaning(htype: u64) -> String {
    let name = match htype {
        1 => t!("Ethernet"),
        6 => t!("IEEE 802 networks"),
        15 => t!("Frame Relay"),
        16 => "ATM",
        20 => t!("serial line"),
        24 => "IEEE 1394",
        32 => "InfiniBand",
        _ => t!("a hardware type stackviz does not know"),
    };
    t!(
        "{htype} = {name}: the kind of link-layer address asked for",
        htype,
        name
    )
}

fn oper_name(oper: u64) -> &'static str {
    match oper {
        1 => t!("request"),
        2 => t!("reply"),
        3 => t!("RARP request"),
        4 => t!("RARP reply"),
        8 => t!("InARP request"),
        9 => t!("InARP reply"),
        _ => t!("unknown operation"),
    }
}

/// What the two target fields hold: it depends on the operation. In a
/// request the target is the host asked about; in a reply (ARP, RARP or
/// InARP) the host that asked; InARP (RFC 2390) knows the hardware address
/// and asks for the protocol one, the reverse of ARP; a gratuitous ARP has
/// no other side at all.
fn target_meanings(oper: u64, gratuitous: bool) -> (&'static str, &'static str) {
    match oper {
        1 | 2 if gratuitous => (
            t!("nobody asked: a gratuitous ARP has no answer to carry here (zeros, broadcast or the sender's own MAC, as the implementation likes)"),
            t!("the sender's own IPv4 address again: a gratuitous ARP announces it, nobody asked"),
        ),
        1 => (
            t!("unknown yet: that is the question (usually zeros)"),
            t!("the IPv4 address whose MAC is asked for"),
        ),
        2 | 9 => (
            t!("the MAC of the host that asked"),
            t!("the IPv4 address of the host that asked"),
        ),
        3 => (
            t!("the MAC whose IPv4 address is asked for (usually the sender's own: a host without an address asks for one)"),
            t!("undefined in a RARP request: the address is the question"),
        ),
        4 => (
            t!("the MAC of the host that asked"),
            t!("the IPv4 address given to the host that asked"),
        ),
        8 => (
            t!("the MAC whose protocol address is asked for: InARP knows the hardware address and asks for the other"),
            t!("unknown yet: that is the question (usually zeros)"),
        ),
        _ => (
            t!("the target's hardware address (the operation is one stackviz does not know)"),
            t!("the target's protocol address (the operation is one stackviz does not know)"),
        ),
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
            kind: MalformedKind::TooShort,
            message: t!(
                "ARP header needs 8 bytes, {available} left at offset {start}",
                available,
                start
            ),
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
            kind: MalformedKind::TooShort,
            message: t!(
                "ARP message needs {len} bytes (hardware addresses of {hlen}, protocol addresses of {plen}), {available} left at offset {start}",
                len,
                hlen,
                plen,
                available,
                start
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
    // A gratuitous ARP (RFC 5227 "announcement"): the sender names its own
    // address as the target, so no other host asked or is asked.
    let gratuitous = spa_v == tpa_v && !unspecified(&spa_v);
    let (tha_meaning, tpa_meaning) = target_meanings(oper, gratuitous);
    // The summary line shows this sentence: it is built at every level of
    // detail (`detail::with_sentences`).
    let oper_meaning = crate::detail::with_sentences(|| {
        match oper {
        1 if unspecified(&spa_v) => t!(
            "1 = request, an ARP probe (RFC 5227): is anyone using {tpa}? (asked before taking the address)",
            tpa = &tpa_v
        ),
        1 if spa_v == tpa_v => t!(
            "1 = request, gratuitous: {spa} is at {sha} (announced to everyone, nobody asked)",
            spa = &spa_v,
            sha = &sha_v
        ),
        1 => t!(
            "1 = request: who has {tpa}? tell {spa}",
            tpa = &tpa_v,
            spa = &spa_v
        ),
        2 if gratuitous => t!(
            "2 = reply, gratuitous: {spa} is at {sha} (announced to everyone, nobody asked)",
            spa = &spa_v,
            sha = &sha_v
        ),
        2 => t!(
            "2 = reply: {spa} is at {sha}",
            spa = &spa_v,
            sha = &sha_v
        ),
        8 => t!(
            "8 = InARP request (RFC 2390): which protocol address does {tha} have? tell {spa}",
            tha = &tha_v,
            spa = &spa_v
        ),
        9 => t!(
            "9 = InARP reply (RFC 2390): {sha} has {spa}",
            sha = &sha_v,
            spa = &spa_v
        ),
        n => format!("{n} = {}", oper_name(n)),
    }
    });
    let mut fields = vec![
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
            t!(
                "{ptype} = {name}: the addresses being resolved (numbered like EtherTypes)",
                ptype = format!("0x{ptype:04x}"),
                name = ether_type_name(ptype)
            ),
        ),
        r.number(
            "arp.hlen",
            "Hardware Address Length",
            at(offset::HLEN),
            1,
            if hlen == 6 {
                t!("6 bytes: a MAC address").to_string()
            } else {
                t!("{hlen} bytes per hardware address", hlen)
            },
        ),
        r.number(
            "arp.plen",
            "Protocol Address Length",
            at(offset::PLEN),
            1,
            if plen == 4 {
                t!("4 bytes: an IPv4 address").to_string()
            } else {
                t!("{plen} bytes per protocol address", plen)
            },
        ),
        r.number(field_id::ARP_OPER, "Operation", at(offset::OPER), 2, ""),
        r.bytes(
            "arp.sha",
            "Sender Hardware Address",
            sha,
            hlen,
            sha_v,
            t!("the sender's MAC: every host that reads this may cache it"),
        ),
        r.bytes(
            field_id::ARP_SPA,
            "Sender Protocol Address",
            spa,
            plen,
            spa_v.clone(),
            if unspecified(&spa_v) {
                t!("0.0.0.0: the sender has no address yet (a probe)")
            } else {
                t!("the sender's IPv4 address")
            },
        ),
        r.bytes(
            "arp.tha",
            "Target Hardware Address",
            tha,
            hlen,
            tha_v,
            tha_meaning,
        ),
        r.bytes(
            field_id::ARP_TPA,
            "Target Protocol Address",
            tpa,
            plen,
            tpa_v,
            tpa_meaning,
        ),
    ];
    if let Some(operation) = fields.iter_mut().find(|f| f.id == field_id::ARP_OPER) {
        operation.meaning = oper_meaning.into_meaning();
    }
    let mut notes = vec![
        t!("ARP serves the data link layer: it turns an IPv4 address into the MAC a frame needs; it rides straight in the frame (no IP header) and never crosses a router").to_string(),
    ];
    if !ethernet_ipv4 {
        notes.push(t!(
            "not the usual Ethernet/IPv4 ARP: hardware type {htype}, {hlen}-byte hardware addresses, protocol {ptype}, {plen}-byte protocol addresses",
            htype,
            hlen,
            ptype = format!("0x{ptype:04x}"),
            plen
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
