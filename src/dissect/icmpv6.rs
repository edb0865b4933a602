//! ICMPv6 (RFC 4443, RFC 4861): type, code, the checksum over the IPv6
//! pseudo-header worked out; echo identifier and sequence; for errors the
//! quoted packet, dissected in turn; for neighbour discovery (IPv6's ARP) the
//! target address, the flags and each option (link-layer addresses, prefix).

use super::fields::Meaning;
use std::net::Ipv6Addr;

use super::checksum::{InternetSum, PseudoHeader, Upper};
use super::fields::{escape_text, FieldReader};
use super::ipv6;
use crate::field_id;
use crate::model::MalformedKind;
use crate::model::{mac_text, Field, Layer, LayerKind, Malformed, Pdu, Span, Value};
use crate::t;

pub const HEADER_LEN: usize = 8;

use super::view::offsets::icmpv6 as offset;

/// The codes of the error types (RFC 4443), by number.
fn codes(kind: u8) -> Vec<&'static str> {
    match kind {
        1 => vec![
            t!("No Route to Destination"),
            t!("Administratively Prohibited"),
            t!("Beyond Scope of Source Address"),
            t!("Address Unreachable"),
            t!("Port Unreachable"),
            t!("Source Address Failed Ingress/Egress Policy"),
            t!("Reject Route to Destination"),
            t!("Error in Source Routing Header"),
        ],
        3 => vec![
            t!("Hop Limit Exceeded in Transit"),
            t!("Fragment Reassembly Time Exceeded"),
        ],
        4 => vec![
            t!("Erroneous Header Field"),
            t!("Unrecognized Next Header Type"),
            t!("Unrecognized IPv6 Option"),
        ],
        _ => Vec::new(),
    }
}

/// The name of a type alone.
fn type_name(kind: u8) -> String {
    match kind {
        1 => t!("Destination Unreachable").into(),
        2 => t!("Packet Too Big").into(),
        3 => t!("Time Exceeded").into(),
        4 => t!("Parameter Problem").into(),
        128 => t!("Echo Request").into(),
        129 => t!("Echo Reply").into(),
        130 => t!("Multicast Listener Query").into(),
        131 => t!("Multicast Listener Report").into(),
        132 => t!("Multicast Listener Done").into(),
        133 => t!("Router Solicitation").into(),
        134 => t!("Router Advertisement").into(),
        135 => t!("Neighbor Solicitation").into(),
        136 => t!("Neighbor Advertisement").into(),
        137 => t!("Redirect").into(),
        143 => t!("Multicast Listener Report v2").into(),
        _ => t!("type {kind} (not dissected by stackviz)", kind),
    }
}

/// The name of an ICMPv6 type and code.
pub fn describe(kind: u8, code: u8) -> String {
    if codes(kind).is_empty() {
        return type_name(kind);
    }
    t!(
        "{kind}: {code}",
        kind = type_name(kind),
        code = code_meaning(kind, code)
    )
}

/// The Code row: the code's own meaning, not the type's name again.
fn code_meaning(kind: u8, code: u8) -> String {
    let codes = codes(kind);
    match codes.get(usize::from(code)) {
        Some(name) => name.to_string(),
        None if !codes.is_empty() => t!("code {code}", code),
        None if !matches!(kind, 2 | 128..=137 | 143) => {
            t!("code {code}: its meaning depends on the type", code)
        }
        None if code == 0 => t!("0: this type has no codes; 0 means nothing more").into(),
        None => t!(
            "{code}: {name} defines no codes, it should be 0",
            code,
            name = type_name(kind)
        ),
    }
}

/// Bytes before the options of a neighbour-discovery message (8 for the rest).
fn fixed_len(kind: u8) -> usize {
    match kind {
        133 => offset::RS_OPTIONS,
        134 => offset::RA_OPTIONS,
        135 | 136 => offset::ND_OPTIONS,
        137 => offset::REDIRECT_OPTIONS,
        _ => HEADER_LEN,
    }
}

fn addr_at(frame: &[u8], at: usize) -> Ipv6Addr {
    let mut octets = [0u8; 16];
    octets.copy_from_slice(&frame[at..at + 16]);
    Ipv6Addr::from(octets)
}

/// What the message is, in one line (the decode summary shows it).
fn headline(
    kind: u8,
    code: u8,
    target: Option<Ipv6Addr>,
    mac: Option<&str>,
    source: Ipv6Addr,
) -> String {
    let name = describe(kind, code);
    match (kind, target) {
        (135, Some(target)) if source.is_unspecified() => t!(
            "{name}: is anyone using {target}? (duplicate address detection, before taking it)",
            name,
            target
        ),
        (135, Some(target)) => t!(
            "{name}: who has {target}? (IPv6's ARP request)",
            name,
            target
        ),
        (136, Some(target)) => match mac {
            Some(mac) => t!(
                "{name}: {target} is at {mac} (IPv6's ARP reply)",
                name,
                target,
                mac
            ),
            None => t!("{name}: {target} is here (IPv6's ARP reply)", name, target),
        },
        (128, _) => t!("{name} (ping)", name),
        (129, _) => t!("{name} (the answer to a ping)", name),
        _ => name,
    }
}

/// Dissects the ICMPv6 message at `start..end`, `declared` bytes long as the
/// IPv6 header says, sent from `source` to `destination`. Pushes its layer
/// (and the layers of a quoted packet); returns a problem that did not stop
/// the dissection (an unreadable option).
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    declared: usize,
    source: Ipv6Addr,
    destination: Ipv6Addr,
    layers: &mut Vec<Layer>,
) -> Result<Option<Malformed>, Malformed> {
    let available = end.saturating_sub(start);
    if available < HEADER_LEN {
        return Err(Malformed {
            protocol: "ICMPv6",
            offset: start,
            kind: MalformedKind::TooShort,
            message: t!(
                "ICMPv6 header needs 8 bytes, {available} left at offset {offset}",
                available,
                offset = start
            ),
        });
    }
    let r = FieldReader::new(&frame[..end]);
    let at = |o: usize| start + o;
    let (kind, code) = (frame[at(offset::TYPE)], frame[at(offset::CODE)]);
    let stored = r.uint(at(offset::CHECKSUM), 2) as u16;
    // Room for a Neighbor Discovery message's fields and options, so they
    // are not moved as they are added.
    let mut fields = Vec::with_capacity(12);
    fields.extend([
        r.number(field_id::ICMPV6_TYPE, "Type", at(offset::TYPE), 1, ""),
        r.number(
            "icmpv6.code",
            "Code",
            at(offset::CODE),
            1,
            code_meaning(kind, code),
        ),
        r.number("icmpv6.checksum", "Checksum", at(offset::CHECKSUM), 2, ""),
    ]);
    let mut notes = Vec::new();
    let mut problem = None;
    let mut target = None;
    let mut quoted_at = None;
    let mut header_len = available;
    // Needs `n` bytes of the message for a type's fixed part.
    let has = |n: usize| available >= n;
    match kind {
        1..=4 => {
            let (id, name, meaning) = match kind {
                2 => (
                    "icmpv6.mtu",
                    "MTU",
                    t!(
                        "the next link takes packets of at most {mtu} bytes: the sender must send smaller ones (routers never fragment in IPv6)",
                        mtu = r.uint(at(offset::BODY), 4)
                    ),
                ),
                4 => (
                    "icmpv6.pointer",
                    "Pointer",
                    t!(
                        "byte {pointer} of the quoted packet is where the problem is",
                        pointer = r.uint(at(offset::BODY), 4)
                    ),
                ),
                _ => ("icmpv6.unused", "Unused", t!("unused, zero").to_string()),
            };
            fields.push(r.number(id, name, at(offset::BODY), 4, meaning));
            header_len = HEADER_LEN;
            quoted_at = Some(at(offset::QUOTED));
        }
        128 | 129 => {
            fields.push(r.number(
                "icmpv6.identifier",
                "Identifier",
                at(offset::BODY),
                2,
                t!("chosen by the pinging program, so it can match replies to requests"),
            ));
            fields.push(r.number(
                "icmpv6.sequence",
                "Sequence Number",
                at(offset::SEQUENCE),
                2,
                t!("counts the requests; a reply carries the request's"),
            ));
            if available > HEADER_LEN {
                let data = &frame[at(offset::ECHO_DATA)..end];
                fields.push(r.bytes(
                    "icmpv6.data",
                    "Data",
                    at(offset::ECHO_DATA),
                    data.len(),
                    Value::Text(escape_text(super::fields::text_prefix(
                        data,
                        super::payload::TEXT_LIMIT,
                    ))),
                    t!(
                        "{length} bytes the reply must carry back unchanged",
                        length = data.len()
                    ),
                ));
            }
        }
        135..=137 if has(fixed_len(kind)) => {
            if kind == 136 {
                let flags = (at(offset::BODY), 4);
                let bit = |i: u32| r.uint(at(offset::BODY), 1) >> (7 - i) & 1 == 1;
                fields.push(r.bits(
                    "icmpv6.nd.flags.r",
                    "R (Router)",
                    flags,
                    (0, 1),
                    if bit(0) {
                        t!("set: the sender is a router")
                    } else {
                        t!("clear: the sender is a host")
                    },
                ));
                fields.push(r.bits(
                    "icmpv6.nd.flags.s",
                    "S (Solicited)",
                    flags,
                    (1, 1),
                    if bit(1) {
                        t!("set: the answer to a Neighbor Solicitation")
                    } else {
                        t!("clear: unsolicited, an announcement (e.g. after a MAC change)")
                    },
                ));
                fields.push(r.bits(
                    "icmpv6.nd.flags.o",
                    "O (Override)",
                    flags,
                    (2, 1),
                    if bit(2) {
                        t!("set: replace a cached link-layer address")
                    } else {
                        t!("clear: do not replace a cached link-layer address")
                    },
                ));
                fields.push(r.bits(
                    "icmpv6.nd.reserved",
                    "Reserved",
                    flags,
                    (3, 29),
                    t!("reserved, zero"),
                ));
            } else {
                fields.push(r.number(
                    "icmpv6.nd.reserved",
                    "Reserved",
                    at(offset::BODY),
                    4,
                    t!("reserved, zero"),
                ));
            }
            let t = addr_at(frame, at(offset::TARGET));
            target = Some(t);
            fields.push(r.bytes(
                "icmpv6.nd.target",
                "Target Address",
                at(offset::TARGET),
                16,
                Value::Text(t.to_string()),
                match kind {
                    135 => t!("the address whose link-layer address is asked for"),
                    136 => t!("the address whose link-layer address is announced"),
                    _ => t!("a better first hop for the destination (or the destination itself, on-link)"),
                },
            ));
            let mut options_at = at(offset::ND_OPTIONS);
            if kind == 137 {
                let d = addr_at(frame, at(offset::REDIRECT_DESTINATION));
                fields.push(r.bytes(
                    "icmpv6.redirect.destination",
                    "Destination Address",
                    at(offset::REDIRECT_DESTINATION),
                    16,
                    Value::Text(d.to_string()),
                    t!("the destination that should be reached through the target"),
                ));
                options_at = at(offset::REDIRECT_OPTIONS);
            }
            // Whose MAC a Target Link-Layer Address option carries depends
            // on the message: an answer, an announcement or a redirect.
            let target_mac = match kind {
                136 if r.uint(at(offset::BODY), 1) & 0x40 != 0 => TargetMac::Answer,
                136 => TargetMac::Announcement,
                137 => TargetMac::Redirect,
                _ => TargetMac::Other,
            };
            problem = nd_options(&r, options_at, end, target_mac, &mut fields);
            if kind == 135 && source.is_unspecified() {
                notes.push(t!("source :: : the sender has no address yet; this checks that nobody else uses the target (duplicate address detection)").into());
            }
            if kind == 135 {
                notes.push(t!("sent to the target's solicited-node multicast group, not to everyone: IPv6 has no broadcast").into());
            }
        }
        133 | 134 if has(fixed_len(kind)) => {
            let options_at = if kind == 133 {
                fields.push(r.number(
                    "icmpv6.nd.reserved",
                    "Reserved",
                    at(offset::BODY),
                    4,
                    t!("reserved, zero"),
                ));
                at(offset::RS_OPTIONS)
            } else {
                router_advertisement(&r, start, &mut fields);
                at(offset::RA_OPTIONS)
            };
            problem = nd_options(&r, options_at, end, TargetMac::Other, &mut fields);
        }
        _ => {
            if !has(fixed_len(kind)) {
                problem = Some(Malformed {
                    protocol: "ICMPv6",
                    offset: start,
                    kind: MalformedKind::TooShort,
                    message: t!(
                        "ICMPv6 {name} needs {length} bytes, {available} left at offset {offset}",
                        name = describe(kind, code),
                        length = fixed_len(kind),
                        available,
                        offset = start
                    ),
                });
            }
            fields.push(r.number(
                "icmpv6.rest",
                t!("Rest of header"),
                at(offset::BODY),
                4,
                t!("depends on the type"),
            ));
            if available > HEADER_LEN {
                fields.push(r.bytes(
                    "icmpv6.data",
                    "Message body",
                    at(HEADER_LEN),
                    available - HEADER_LEN,
                    Value::Number((available - HEADER_LEN) as u64),
                    t!(
                        "{length} bytes, not dissected by stackviz",
                        length = available - HEADER_LEN
                    ),
                ));
            }
        }
    }
    let mac = fields
        .iter()
        .find(|f| f.id == "icmpv6.nd.target_mac")
        .map(|f| f.value.to_string());
    // The summary line shows this sentence: it is built at every level of
    // detail (`detail::with_sentences`).
    fields[0].meaning =
        crate::detail::with_sentences(|| headline(kind, code, target, mac.as_deref(), source))
            .into_meaning();

    // The checksum covers the IPv6 pseudo-header and the whole message.
    let mut checks = Vec::new();
    if available < declared {
        notes.push(t!(
            "the IPv6 header says the message is {declared} bytes but only {available} are present: it was cut short",
            declared,
            available
        ));
        fields[2].meaning = t!("not verifiable: the message is cut short").into_meaning();
    } else {
        let mut sum = InternetSum::new();
        let pseudo = PseudoHeader::V6 {
            source,
            destination,
        };
        let pseudo_header = pseudo.add_to(
            &mut sum,
            Upper {
                protocol: 58,
                length_name: "ICMPv6 Length",
                length: declared,
                length_meaning: t!("the ICMPv6 message length, from the IPv6 header"),
            },
        );
        sum.add_icmp_message(&frame[at(0)..end]);
        let check = sum.finish(
            "icmpv6.checksum",
            t!(
                "a 40-byte IPv6 pseudo-header and the whole {available}-byte ICMPv6 message, checksum taken as zero",
                available
            ),
            pseudo_header,
            stored,
            false,
            None,
        );
        fields[2].meaning = t!(
            "over the IPv6 pseudo-header and the message (unlike ICMP for IPv4, which has no pseudo-header): {verdict}",
            verdict = check.verdict.words(4)
        )
        .into_meaning();
        checks.push(check);
    }
    layers.push(Layer {
        layer: LayerKind::Network,
        protocol: "ICMPv6",
        pdu: Pdu::Message,
        header: Span {
            offset: start,
            length: header_len,
        },
        trailer: Vec::new(),
        pdu_length: declared.max(available),
        fields,
        checks,
        notes,
    });
    if let Some(q) = quoted_at.filter(|q| *q < end) {
        quote(frame, q, end, layers)?;
    }
    Ok(problem)
}

/// The invoking packet an error message quotes, as far as it goes: its IPv6
/// header (with extension headers), and the UDP or TCP header behind it.
fn quote(frame: &[u8], q: usize, end: usize, layers: &mut Vec<Layer>) -> Result<(), Malformed> {
    let quoted = ipv6::dissect(frame, q, end, true)?;
    let mut quoted_layers = quoted.layers;
    if let Some(first) = quoted_layers.first_mut() {
        first.protocol = t!("IPv6 (quoted original header)");
        first.notes.insert(
            0,
            t!("the header of the packet that could not be delivered, sent back so the sender can match it").into(),
        );
    }
    layers.extend(quoted_layers);
    if quoted.fragment {
        return Ok(());
    }
    let pseudo = PseudoHeader::V6 {
        source: quoted.source,
        destination: quoted.destination,
    };
    super::quote::transport(
        frame,
        quoted.payload,
        quoted.protocol,
        quoted.declared,
        pseudo,
        layers,
    )
}

/// The fixed part of a Router Advertisement.
fn router_advertisement(r: &FieldReader<'_>, start: usize, fields: &mut Vec<Field>) {
    let at = |o: usize| start + o;
    let hop_limit = r.uint(at(offset::RA_HOP_LIMIT), 1);
    let flags = r.uint(at(offset::RA_FLAGS), 1);
    fields.push(r.number(
        "icmpv6.ra.hop_limit",
        "Cur Hop Limit",
        at(offset::RA_HOP_LIMIT),
        1,
        if hop_limit == 0 {
            t!("0: unspecified, hosts keep their own").to_string()
        } else {
            t!(
                "hosts on this link should send with hop limit {hop_limit}",
                hop_limit
            )
        },
    ));
    let pos = (at(offset::RA_FLAGS), 1);
    fields.push(r.bits(
        "icmpv6.ra.flags.m",
        "M (Managed address configuration)",
        pos,
        (0, 1),
        if flags & 0x80 != 0 {
            t!("set: addresses come from DHCPv6")
        } else {
            t!("clear: no addresses from DHCPv6")
        },
    ));
    fields.push(r.bits(
        "icmpv6.ra.flags.o",
        "O (Other configuration)",
        pos,
        (1, 1),
        if flags & 0x40 != 0 {
            t!("set: other settings (DNS) come from DHCPv6")
        } else {
            t!("clear: no other settings from DHCPv6")
        },
    ));
    fields.push(r.bits(
        "icmpv6.ra.flags.other",
        "H, Prf, P, reserved",
        pos,
        (2, 6),
        t!("home agent (H), router preference (Prf, RFC 4191), proxy (P), reserved"),
    ));
    let lifetime = r.uint(at(offset::RA_LIFETIME), 2);
    fields.push(r.number(
        "icmpv6.ra.router_lifetime",
        "Router Lifetime",
        at(offset::RA_LIFETIME),
        2,
        if lifetime == 0 {
            t!("0: not a default router").to_string()
        } else {
            t!(
                "usable as the default router for {lifetime} seconds",
                lifetime
            )
        },
    ));
    fields.push(r.number(
        "icmpv6.ra.reachable_time",
        "Reachable Time",
        at(offset::RA_REACHABLE),
        4,
        t!("milliseconds a neighbour counts as reachable after a confirmation (0 = unspecified)"),
    ));
    fields.push(r.number(
        "icmpv6.ra.retrans_timer",
        "Retrans Timer",
        at(offset::RA_RETRANS),
        4,
        t!("milliseconds between Neighbor Solicitations (0 = unspecified)"),
    ));
}

/// What a Target Link-Layer Address option answers, by the message it is in.
#[derive(Clone, Copy)]
enum TargetMac {
    /// A Neighbor Advertisement with S=1: it answers a solicitation.
    Answer,
    /// A Neighbor Advertisement with S=0: nobody asked (RFC 4861 7.2.6).
    Announcement,
    /// A Redirect: the MAC of the better first hop (RFC 4861 8.2).
    Redirect,
    /// Anywhere else, where RFC 4861 gives it no role.
    Other,
}

/// The neighbour-discovery options from `from` to `end`: type, length in
/// 8-byte units, data. Returns a problem when one cannot be read.
fn nd_options(
    r: &FieldReader<'_>,
    from: usize,
    end: usize,
    target_mac: TargetMac,
    fields: &mut Vec<Field>,
) -> Option<Malformed> {
    let frame = r.frame;
    let mut at = from;
    while at < end {
        let kind = frame[at];
        let left = end - at;
        let len = if left >= 2 {
            usize::from(frame[at + 1]) * 8
        } else {
            0
        };
        let name = match kind {
            1 => "Source Link-Layer Address",
            2 => "Target Link-Layer Address",
            3 => "Prefix Information",
            4 => "Redirected Header",
            5 => "MTU",
            14 => "Nonce",
            24 => "Route Information",
            25 => "Recursive DNS Server",
            31 => "DNS Search List",
            _ => t!("an option stackviz does not know"),
        };
        if len == 0 || len > left {
            fields.push(r.bytes(
                "icmpv6.nd.option.unreadable",
                t!("Option (unreadable)"),
                at,
                left,
                Value::Number(u64::from(kind)),
                t!(
                    "type {kind} ({name}): its length does not fit the message",
                    kind,
                    name
                ),
            ));
            let message = if left < 2 {
                t!(
                    "ICMPv6 option {kind} ({name}) needs a length byte, 1 byte left in the message at offset {at}",
                    kind,
                    name,
                    at
                )
            } else if len == 0 {
                t!(
                    "ICMPv6 option {kind} ({name}) has length 0, which RFC 4861 forbids (the message must be dropped), at offset {at}",
                    kind,
                    name,
                    at
                )
            } else {
                t!(
                    "ICMPv6 option {kind} ({name}) needs {len} bytes, {left} left in the message at offset {at}",
                    kind,
                    name,
                    len,
                    left,
                    at
                )
            };
            return Some(Malformed {
                protocol: "ICMPv6",
                offset: at,
                kind: MalformedKind::BadOption,
                message,
            });
        }
        let data = &frame[at + 2..at + len];
        let field = match kind {
            1 | 2 if data.len() >= 6 => {
                let mac = mac_text(&data[..6]);
                let (id, meaning) = if kind == 1 {
                    (
                        "icmpv6.nd.source_mac",
                        t!(
                            "1 = {name}: the sender's MAC is {mac}; the receiver may cache it and answer without asking back",
                            name,
                            mac
                        ),
                    )
                } else {
                    (
                        "icmpv6.nd.target_mac",
                        match target_mac {
                            TargetMac::Answer => t!(
                                "2 = {name}: the target's MAC is {mac}: the answer to the solicitation",
                                name,
                                mac
                            ),
                            TargetMac::Announcement => t!(
                                "2 = {name}: the target's MAC is {mac}, announced without being asked (S=0: unsolicited, e.g. after the MAC changed), not an answer to any solicitation",
                                name,
                                mac
                            ),
                            TargetMac::Redirect => t!(
                                "2 = {name}: the MAC of the better first hop (the target) is {mac}",
                                name,
                                mac
                            ),
                            TargetMac::Other => t!(
                                "2 = {name}: the target's MAC is {mac} (RFC 4861 defines this option only for Neighbor Advertisements and Redirects)",
                                name,
                                mac
                            ),
                        },
                    )
                };
                r.bytes(id, "Option", at, len, Value::Text(mac), meaning)
            }
            3 if data.len() >= 30 => {
                let prefix_len = data[0];
                let flags = data[1];
                let word = |d: &[u8]| u32::from_be_bytes([d[0], d[1], d[2], d[3]]);
                let prefix = addr_at(data, 14);
                r.bytes(
                    "icmpv6.nd.prefix",
                    "Option",
                    at,
                    len,
                    Value::Text(format!("{prefix}/{prefix_len}")),
                    t!(
                        "3 = {name}: {prefix}/{prefix_len}, {on_link}, {autonomous}; valid {valid} s, preferred {preferred} s",
                        name,
                        prefix,
                        prefix_len,
                        on_link = if flags & 0x80 != 0 {
                            t!("on-link (L)")
                        } else {
                            t!("not on-link")
                        },
                        autonomous = if flags & 0x40 != 0 {
                            t!("hosts may make their own address from it (A, SLAAC)")
                        } else {
                            t!("not for SLAAC")
                        },
                        valid = word(&data[2..6]),
                        preferred = word(&data[6..10])
                    ),
                )
            }
            5 if data.len() >= 6 => {
                let mtu = u32::from_be_bytes([data[2], data[3], data[4], data[5]]);
                r.bytes(
                    "icmpv6.nd.mtu",
                    "Option",
                    at,
                    len,
                    Value::Number(u64::from(mtu)),
                    t!(
                        "5 = {name}: hosts on this link should use MTU {mtu}",
                        name,
                        mtu
                    ),
                )
            }
            25 if data.len() >= 6 => {
                let servers: Vec<String> = data[6..]
                    .chunks_exact(16)
                    .map(|a| addr_at(a, 0).to_string())
                    .collect();
                r.bytes(
                    "icmpv6.nd.rdnss",
                    "Option",
                    at,
                    len,
                    Value::Text(servers.join(", ")),
                    t!(
                        "25 = {name} (RFC 8106): DNS servers for {lifetime} s",
                        name,
                        lifetime = u32::from_be_bytes([data[2], data[3], data[4], data[5]])
                    ),
                )
            }
            _ => r.bytes(
                "icmpv6.nd.option",
                "Option",
                at,
                len,
                Value::Number(u64::from(kind)),
                t!(
                    "{kind} = {name}, {len} bytes: not dissected by stackviz",
                    kind,
                    name,
                    len
                ),
            ),
        };
        fields.push(field);
        at += len;
    }
    None
}
