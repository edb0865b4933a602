//! IPv4 (RFC 791): every header field, the bit fields bit by bit, the options
//! one by one, and the header checksum worked out.

use super::fields::Meaning;
use std::net::Ipv4Addr;

use super::checksum::InternetSum;
use super::fields::FieldReader;
use crate::field_id;
use crate::model::MalformedKind;
use crate::model::{ipv4_text, Field, Layer, LayerKind, Malformed, Pdu, Span, Value};
use crate::t;

pub const MIN_HEADER_LEN: usize = crate::header_len::IPV4;

use super::view::offsets::ipv4 as offset;

/// Name of an IP protocol number (IANA). Stays in English whatever the
/// language: it names layers and other code compares it; sentences use
/// [`protocol_label`].
pub fn protocol_name(value: u8) -> &'static str {
    known_protocol(value).unwrap_or("not dissected by stackviz")
}

/// [`protocol_name`] for a sentence: the descriptive names in the current
/// language, the protocol names as they are.
pub fn protocol_label(value: u8) -> &'static str {
    match value {
        4 => t!("IPv4 encapsulation (IP in IP)"),
        41 => t!("IPv6 encapsulation"),
        50 => t!("ESP (IPsec, encrypted)"),
        51 => t!("AH (IPsec authentication)"),
        143 => t!("Ethernet (in IPv6)"),
        253 | 254 => t!("experimental (RFC 3692)"),
        other => known_protocol(other).unwrap_or_else(|| t!("not dissected by stackviz")),
    }
}

/// The name of an IP protocol stackviz knows by number, None for the rest.
pub fn known_protocol(value: u8) -> Option<&'static str> {
    Some(match value {
        0 => "IPv6 Hop-by-Hop Options",
        1 => "ICMP",
        2 => "IGMP",
        4 => "IPv4 encapsulation (IP in IP)",
        6 => "TCP",
        8 => "EGP",
        17 => "UDP",
        27 => "RDP",
        33 => "DCCP",
        41 => "IPv6 encapsulation",
        43 => "IPv6 Routing",
        44 => "IPv6 Fragment",
        46 => "RSVP",
        47 => "GRE",
        50 => "ESP (IPsec, encrypted)",
        51 => "AH (IPsec authentication)",
        58 => "ICMPv6",
        59 => "IPv6 No Next Header",
        60 => "IPv6 Destination Options",
        88 => "EIGRP",
        89 => "OSPF",
        97 => "EtherIP",
        103 => "PIM",
        112 => "VRRP",
        115 => "L2TP",
        132 => "SCTP",
        135 => "Mobility Header",
        136 => "UDP-Lite",
        137 => "MPLS in IP",
        139 => "HIP",
        140 => "Shim6",
        143 => "Ethernet (in IPv6)",
        253 | 254 => "experimental (RFC 3692)",
        _ => return None,
    })
}

/// What the dissector needs to go on after the IPv4 header.
pub struct Ipv4Next {
    pub layer: Layer,
    pub protocol: u8,
    pub source: Ipv4Addr,
    pub destination: Ipv4Addr,
    /// The packet's payload in the frame (clamped to the bytes present).
    pub payload: Span,
    /// True when this packet is a fragment (MF set or offset > 0).
    pub fragment: bool,
    /// Where this fragment's data starts in the datagram's payload, in bytes
    /// (0 for the first fragment, which carries the transport header).
    pub fragment_byte: usize,
    /// The final destination a source route option names, with the sentence
    /// that says where it came from: UDP and TCP checksum it in place of the
    /// header's Destination Address, which is only the next hop.
    pub final_destination: Option<(Ipv4Addr, String)>,
    /// An option that could not be read; the packet is still dissected.
    pub problem: Option<Malformed>,
}

/// What a DSCP value asks for (shared with IPv6's traffic class).
pub(super) fn dscp_class(dscp: u64) -> &'static str {
    match dscp {
        0 => t!("default, best effort"),
        46 => t!("EF, expedited forwarding (voice)"),
        8 | 16 | 24 | 32 | 40 | 48 | 56 => t!("a class selector"),
        _ => t!("a differentiated-services code point"),
    }
}

fn dscp_meaning(dscp: u64) -> compact_str::CompactString {
    t!("DSCP {dscp}: {class}", @meaning, dscp, class = dscp_class(dscp))
}

/// The two ECN bits explained (shared with IPv6's traffic class).
pub(super) fn ecn_meaning(ecn: u64) -> &'static str {
    match ecn & 3 {
        0 => t!("00: not ECN-capable transport"),
        1 => t!("01: ECN-capable transport ECT(1)"),
        2 => t!("10: ECN-capable transport ECT(0)"),
        _ => t!("11: congestion experienced"),
    }
}

/// Dissects the IPv4 header at `start`; `end` is where the frame's data ends
/// (before any FCS).
pub fn dissect(frame: &[u8], start: usize, end: usize) -> Result<Ipv4Next, Malformed> {
    let available = end - start;
    let broken = |kind: MalformedKind, message: String| Malformed {
        protocol: "IPv4",
        offset: start,
        kind,
        message,
    };
    if available < MIN_HEADER_LEN {
        return Err(broken(
            MalformedKind::TooShort,
            t!(
                "IPv4 header needs 20 bytes, {available} left at offset {start}",
                available,
                start
            ),
        ));
    }
    let r = FieldReader::new(&frame[..end]);
    let version = frame[start] >> 4;
    let ihl = usize::from(frame[start] & 0x0f);
    if version != 4 {
        return Err(broken(
            MalformedKind::BadVersion,
            t!(
                "IPv4 version field is {version}, not 4, at offset {start}",
                version,
                start
            ),
        ));
    }
    let header_len = ihl * 4;
    if header_len < MIN_HEADER_LEN {
        return Err(broken(MalformedKind::BadLength, t!(
            "IPv4 IHL is {ihl} ({header_len} bytes), below the minimum of 5 (20 bytes), at offset {start}",
            ihl,
            header_len,
            start
        )));
    }
    if available < header_len {
        return Err(broken(
            MalformedKind::TooShort,
            t!(
            "IPv4 header with options needs {header_len} bytes, {available} left at offset {start}",
            header_len,
            available,
            start
        ),
        ));
    }
    let total_len = r.uint(start + offset::TOTAL_LENGTH, 2) as usize;
    if total_len < header_len {
        return Err(broken(MalformedKind::BadLength, t!(
            "IPv4 total length {total_len} is smaller than its own header ({header_len} bytes), at offset {at}",
            total_len,
            header_len,
            at = start + offset::TOTAL_LENGTH
        )));
    }
    let at = |o: usize| start + o;
    let flags_word = r.uint(at(offset::FLAGS_FRAGMENT), 2);
    let df = flags_word >> 14 & 1 == 1;
    let mf = flags_word >> 13 & 1 == 1;
    let frag_offset = flags_word & 0x1fff;
    let ttl = frame[at(offset::TTL)];
    let protocol = frame[at(offset::PROTOCOL)];
    let source = Ipv4Addr::from(
        <[u8; 4]>::try_from(&frame[at(offset::SOURCE)..at(offset::SOURCE) + 4]).unwrap_or_default(),
    );
    let destination = Ipv4Addr::from(
        <[u8; 4]>::try_from(&frame[at(offset::DESTINATION)..at(offset::DESTINATION) + 4])
            .unwrap_or_default(),
    );
    let payload_len = total_len - header_len;

    // 15 fixed fields, and at most one per option byte: pushing into a
    // vector sized to fit moves no field twice. A summary reads only the
    // addresses: at brief detail the
    // other fixed fields are not built (`detail::without_sentences`).
    let mut fields = Vec::with_capacity(15 + (header_len - MIN_HEADER_LEN).min(8));
    if crate::detail::full() {
        let dscp = r.bits(
            field_id::IPV4_DSCP,
            "DSCP",
            (at(offset::DSCP_ECN), 1),
            (0, 6),
            "",
        );
        let ecn = r.bits(
            field_id::IPV4_ECN,
            "ECN",
            (at(offset::DSCP_ECN), 1),
            (6, 2),
            "",
        );
        fields.extend([
            r.bits(
                field_id::IPV4_VERSION,
                "Version",
                (at(offset::VERSION_IHL), 1),
                (0, 4),
                "4 = IPv4",
            ),
            r.bits(
                field_id::IPV4_IHL,
                "IHL",
                (at(offset::VERSION_IHL), 1),
                (4, 4),
                if ihl == 5 {
                    t!(
                    "header length in 32-bit words: {ihl} × 4 = {header_len} bytes (no options)",
                    @meaning,
                    ihl,
                    header_len
                )
                } else {
                    t!(
                        "header length in 32-bit words: {ihl} × 4 = {header_len} bytes",
                        @meaning,
                        ihl,
                        header_len
                    )
                },
            ),
        ]);
        let mut dscp = dscp;
        dscp.meaning = dscp_meaning(match dscp.value {
            Value::Number(n) => n,
            _ => 0,
        })
        .into_meaning();
        let mut ecn = ecn;
        ecn.meaning = ecn_meaning(match ecn.value {
            Value::Number(n) => n,
            _ => 0,
        })
        .into_meaning();
        fields.push(dscp);
        fields.push(ecn);
        fields.push(r.number(
        field_id::IPV4_TOTAL_LENGTH,
        "Total Length",
        at(offset::TOTAL_LENGTH),
        2,
        t!(
            "whole packet: {header_len}-byte header + {payload_len}-byte payload = {total_len} bytes",
            @meaning,
            header_len,
            payload_len,
            total_len
        ),
    ));
        fields.push(r.number(
            field_id::IPV4_IDENTIFICATION,
            "Identification",
            at(offset::IDENTIFICATION),
            2,
            t!("groups the fragments of one datagram"),
        ));
        let flag_pos = (at(offset::FLAGS_FRAGMENT), 1);
        fields.push(r.bits(
            field_id::IPV4_FLAGS_RESERVED,
            "Reserved flag",
            flag_pos,
            (0, 1),
            t!("reserved, must be 0"),
        ));
        fields.push(r.bits(
            field_id::IPV4_FLAGS_DF,
            "DF (Don't Fragment)",
            flag_pos,
            (1, 1),
            if df {
                t!("set: routers must drop rather than fragment")
            } else {
                t!("clear: routers may fragment")
            },
        ));
        fields.push(r.bits(
            field_id::IPV4_FLAGS_MF,
            "MF (More Fragments)",
            flag_pos,
            (2, 1),
            if mf {
                t!("set: more fragments follow")
            } else {
                t!("clear: last (or only) fragment")
            },
        ));
        fields.push(r.bits(
            field_id::IPV4_FRAGMENT_OFFSET,
            "Fragment Offset",
            (at(offset::FLAGS_FRAGMENT), 2),
            (3, 13),
            t!(
                "{frag_offset} × 8 = byte {byte} of the original datagram's payload",
                @meaning,
                frag_offset,
                byte = frag_offset * 8
            ),
        ));
        fields.push(r.number(
            field_id::IPV4_TTL,
            "Time to Live",
            at(offset::TTL),
            1,
            t!(
                "each router subtracts 1 and drops the packet at 0: at most {ttl} more hops",
                @meaning,
                ttl
            ),
        ));
        fields.push(r.number(
            field_id::IPV4_PROTOCOL,
            "Protocol",
            at(offset::PROTOCOL),
            1,
            t!(
                "{protocol} = {name}: what the payload is",
                @meaning,
                protocol,
                name = protocol_label(protocol)
            ),
        ));
        fields.push(r.number(
            field_id::IPV4_CHECKSUM,
            "Header Checksum",
            at(offset::CHECKSUM),
            2,
            "",
        ));
    }
    fields.push(r.bytes(
        field_id::IPV4_SRC,
        "Source Address",
        at(offset::SOURCE),
        4,
        Value::Text(ipv4_text(source)),
        || address_meaning(source),
    ));
    fields.push(r.bytes(
        field_id::IPV4_DST,
        "Destination Address",
        at(offset::DESTINATION),
        4,
        Value::Text(ipv4_text(destination)),
        || address_meaning(destination),
    ));
    let problem = if header_len > MIN_HEADER_LEN {
        let (option_fields, problem) = options(&r, at(offset::OPTIONS), start + header_len);
        fields.extend(option_fields);
        problem
    } else {
        None
    };

    // The checksum covers the header only, with its own field taken as zero.
    let header = &frame[start..start + header_len];
    let stored = u16::from_be_bytes([header[offset::CHECKSUM], header[offset::CHECKSUM + 1]]);
    let mut sum = InternetSum::new();
    sum.add(t!("version, IHL, DSCP, ECN | total length"), &header[0..4]);
    sum.add(t!("identification | flags, fragment offset"), &header[4..8]);
    sum.add(
        t!("TTL, protocol | checksum taken as 0000"),
        &[header[8], header[9], 0, 0],
    );
    sum.add(t!("source address"), &header[12..16]);
    sum.add(t!("destination address"), &header[16..20]);
    if header_len > MIN_HEADER_LEN {
        sum.add(t!("options"), &header[20..]);
    }
    let check = sum.finish(
        field_id::IPV4_CHECKSUM,
        t!(
            "the {header_len}-byte IPv4 header, checksum field taken as zero",
            header_len
        ),
        Vec::new(),
        stored,
        false,
        None,
    );
    if let Some(field) = fields.iter_mut().find(|f| f.id == field_id::IPV4_CHECKSUM) {
        field.meaning = t!(
            "one's-complement sum of the header: {verdict}",
            @meaning,
            verdict = check.verdict.words(4)
        );
    }

    let mut notes = Vec::new();
    let mut problem = problem;
    let present = end.min(start + total_len);
    if start + total_len > end {
        notes.push(t!(
            "total length says {total_len} bytes but only {present} are present: the packet was cut short",
            total_len,
            present = end - start
        ));
        // The same rule as IPv6's Payload Length: a packet shorter than its
        // own length field is truncated. (A capture that saved fewer bytes
        // than were on the wire is told apart by the caller, which knows the
        // original length.)
        if problem.is_none() {
            problem = Some(broken(
                MalformedKind::BadLength,
                t!(
                    "IPv4 total length says {total_len} bytes, {present} left at offset {start}",
                    total_len,
                    present = end - start,
                    start
                ),
            ));
        }
    }
    let fragment = mf || frag_offset != 0;
    let fragment_byte = usize::from(frag_offset as u16) * 8;
    if fragment && frag_offset == 0 {
        notes.push(
            t!("this packet is the first fragment: it carries the transport header and the first part of the data; the rest of the datagram comes in later fragments")
                .into(),
        );
    } else if fragment {
        notes.push(t!(
            "this packet is a fragment: its payload is bytes {first}-{last} of the original datagram's payload; the transport header was in the first fragment",
            first = fragment_byte,
            last = (fragment_byte + payload_len).saturating_sub(1)
        ));
    }
    let final_destination = route_destination(frame, at(offset::OPTIONS), start + header_len);
    Ok(Ipv4Next {
        layer: Layer {
            layer: LayerKind::Network,
            protocol: "IPv4",
            pdu: Pdu::Packet,
            header: Span {
                offset: start,
                length: header_len,
            },
            trailer: Vec::new(),
            pdu_length: total_len,
            fields,
            checks: vec![check],
            notes,
        },
        protocol,
        source,
        destination,
        payload: Span {
            offset: start + header_len,
            length: present.saturating_sub(start + header_len),
        },
        fragment,
        fragment_byte,
        final_destination,
        problem,
    })
}

/// The final destination a Loose or Strict Source Route option names: the
/// route's last address while the pointer says addresses are still unused
/// (RFC 791); once the route is used up, the Destination Address field
/// holds the final destination itself and None is returned.
fn route_destination(frame: &[u8], from: usize, to: usize) -> Option<(Ipv4Addr, String)> {
    let mut at = from;
    while at < to {
        let kind = frame[at];
        match kind {
            0 => return None,
            1 => {
                at += 1;
                continue;
            }
            _ => {}
        }
        let len = usize::from(*frame.get(at + 1).filter(|_| at + 1 < to)?);
        if len < 2 || at + len > to {
            return None;
        }
        if matches!(kind, 131 | 137) && len >= 7 {
            let pointer = usize::from(frame[at + 2]);
            let addresses = (len - 3) / 4;
            // 1-based, from the option's first byte: the last address starts
            // at 4 + 4 × (addresses - 1).
            let last_at = 4 + 4 * (addresses - 1);
            if pointer <= last_at {
                let a = &frame[at + 3 + 4 * (addresses - 1)..at + 3 + 4 * addresses];
                let address = Ipv4Addr::new(a[0], a[1], a[2], a[3]);
                let why = if kind == 131 {
                    t!("final destination from the Loose Source Route option (its last address): the header's Destination Address is only the next router on the route (RFC 791); UDP and TCP checksum the final destination (RFC 1122, RFC 9293)")
                } else {
                    t!("final destination from the Strict Source Route option (its last address): the header's Destination Address is only the next router on the route (RFC 791); UDP and TCP checksum the final destination (RFC 1122, RFC 9293)")
                };
                return Some((address, why.into()));
            }
        }
        at += len;
    }
    None
}

fn address_meaning(addr: Ipv4Addr) -> String {
    if addr.is_loopback() {
        t!("loopback (127.0.0.0/8): never leaves this host").into()
    } else if addr.is_private() {
        t!("private address (RFC 1918)").into()
    } else if addr.is_broadcast() {
        t!("limited broadcast").into()
    } else if addr.is_multicast() {
        t!("multicast group").into()
    } else if addr.is_unspecified() {
        t!("unspecified (0.0.0.0)").into()
    } else {
        t!("unicast address").into()
    }
}

/// Name and field id of an IPv4 option type (IANA "IP Option Numbers").
fn option_name(kind: u8) -> (&'static str, &'static str) {
    match kind {
        7 => ("ipv4.option.record_route", "Option: Record Route"),
        68 => ("ipv4.option.timestamp", "Option: Timestamp"),
        131 => ("ipv4.option.lsrr", "Option: Loose Source Route"),
        137 => ("ipv4.option.ssrr", "Option: Strict Source Route"),
        148 => ("ipv4.option.router_alert", "Option: Router Alert"),
        130 => ("ipv4.option", "Option: Security (RIPSO)"),
        133 => ("ipv4.option", "Option: Extended Security"),
        134 => ("ipv4.option", "Option: Commercial Security (CIPSO)"),
        136 => ("ipv4.option", "Option: Stream ID"),
        82 => ("ipv4.option", "Option: Traceroute"),
        _ => ("ipv4.option", "Option"),
    }
}

/// The addresses in a route option's data (4 bytes each), and how many of
/// them the pointer says are filled.
fn route_text(data: &[u8], pointer: usize) -> String {
    let addresses: Vec<String> = data
        .chunks_exact(4)
        .map(|a| Ipv4Addr::new(a[0], a[1], a[2], a[3]).to_string())
        .collect();
    // The pointer counts from the option's first byte, 1-based: 4 = no entry yet.
    let room = addresses.len();
    let filled = (pointer.saturating_sub(4) / 4).min(room);
    if addresses.is_empty() {
        t!(
            "room for {room} addresses, {filled} filled (pointer {pointer})",
            room,
            filled,
            pointer
        )
    } else {
        t!(
            "room for {room} addresses, {filled} filled (pointer {pointer}): {addresses}",
            room,
            filled,
            pointer,
            addresses = addresses.join(", ")
        )
    }
}

/// The option at `at` (type, length, data) explained.
fn option_meaning(kind: u8, data: &[u8]) -> String {
    let copied = if kind & 0x80 != 0 {
        t!("copied into every fragment")
    } else {
        t!("only in the first fragment")
    };
    let detail = match kind {
        7 | 131 | 137 if !data.is_empty() => {
            let what = match kind {
                7 => t!("each router writes its address into the next free slot"),
                131 => t!("the packet must pass these routers, others may come between"),
                _ => t!("the packet must pass exactly these routers"),
            };
            let route = route_text(&data[1..], usize::from(data[0]));
            t!("{what}; {route}", what, route)
        }
        68 if data.len() >= 2 => {
            let (overflow, flag) = (data[1] >> 4, data[1] & 0x0f);
            let pointer = data[0];
            match flag {
                0 => t!(
                    "routers add 32-bit timestamps only (milliseconds since midnight UT); pointer {pointer}, {overflow} routers found no room",
                    pointer,
                    overflow
                ),
                1 => t!(
                    "routers add address and timestamp pairs (milliseconds since midnight UT); pointer {pointer}, {overflow} routers found no room",
                    pointer,
                    overflow
                ),
                3 => t!(
                    "routers add timestamps from prespecified routers (milliseconds since midnight UT); pointer {pointer}, {overflow} routers found no room",
                    pointer,
                    overflow
                ),
                _ => t!(
                    "routers add an unknown form (milliseconds since midnight UT); pointer {pointer}, {overflow} routers found no room",
                    pointer,
                    overflow
                ),
            }
        }
        148 if data.len() == 2 => {
            let value = u16::from_be_bytes([data[0], data[1]]);
            if value == 0 {
                t!(
                    "value {value} = router shall examine: every router on the path examines this packet (RSVP, IGMP, MLD use it)",
                    value
                )
            } else {
                t!(
                    "value {value}: every router on the path examines this packet (RSVP, IGMP, MLD use it)",
                    value
                )
            }
        }
        _ => t!(
            "type {kind}, {length} bytes of data: not dissected by stackviz",
            kind,
            length = data.len()
        ),
    };
    t!("{detail}; {copied}", detail, copied)
}

/// The options between `from` and `to` (the end of the header), one field
/// each; a broken option ends the walk and is reported.
fn options(r: &FieldReader<'_>, from: usize, to: usize) -> (Vec<Field>, Option<Malformed>) {
    let frame = r.frame;
    let mut fields = Vec::new();
    let mut at = from;
    while at < to {
        let kind = frame[at];
        match kind {
            0 => {
                fields.push(r.number(
                    "ipv4.option.eol",
                    "Option: End of Option List",
                    at,
                    1,
                    t!("0: no more options"),
                ));
                if at + 1 < to {
                    fields.push(r.bytes(
                        "ipv4.option.padding",
                        "Padding",
                        at + 1,
                        to - at - 1,
                        Value::Number((to - at - 1) as u64),
                        t!("zeros that fill the header to a multiple of 4 bytes"),
                    ));
                }
                return (fields, None);
            }
            1 => {
                fields.push(r.number(
                    "ipv4.option.nop",
                    "Option: No Operation",
                    at,
                    1,
                    t!("1: a filler byte, to align the next option"),
                ));
                at += 1;
                continue;
            }
            _ => {}
        }
        let len = if at + 1 < to {
            usize::from(frame[at + 1])
        } else {
            0
        };
        let (id, name) = option_name(kind);
        let short = name
            .strip_prefix("Option: ")
            .unwrap_or_else(|| t!("a type stackviz does not know"));
        if len < 2 || at + len > to {
            let left = to - at;
            fields.push(r.bytes(
                "ipv4.option.unreadable",
                "Option (unreadable)",
                at,
                left,
                Value::Number(u64::from(kind)),
                t!(
                    "type {kind}: its length byte does not fit the options",
                    kind
                ),
            ));
            let message = if at + 1 >= to {
                t!(
                    "IPv4 option {kind} ({short}) needs a length byte, 1 byte left in the options at offset {at}",
                    kind,
                    short,
                    at
                )
            } else if len < 2 {
                t!(
                    "IPv4 option {kind} ({short}) has length {len}, below the minimum of 2, at offset {at}",
                    kind,
                    short,
                    len,
                    at
                )
            } else {
                t!(
                    "IPv4 option {kind} ({short}) needs {len} bytes, {left} left in the options at offset {at}",
                    kind,
                    short,
                    len,
                    left,
                    at
                )
            };
            return (
                fields,
                Some(Malformed {
                    protocol: "IPv4",
                    offset: at,
                    kind: MalformedKind::BadOption,
                    message,
                }),
            );
        }
        let data = &frame[at + 2..at + len];
        fields.push(r.bytes(
            id,
            name,
            at,
            len,
            Value::Number(u64::from(kind)),
            t!(
                "type {kind}, {len} bytes: {meaning}",
                kind,
                len,
                meaning = option_meaning(kind, data)
            ),
        ));
        at += len;
    }
    (fields, None)
}
