//! ICMP for IPv4 (RFC 792 and the RFCs that added types and codes): type,
//! code, checksum, and the second word and body each type defines (echo
//! identifier and sequence, next-hop MTU, gateway, pointer, router
//! addresses, timestamps, address mask). Error messages quote the failed
//! datagram's IPv4 header and the start of its payload, dissected in turn,
//! because that quote is how the sender learns which datagram failed.

use super::fields::Meaning;
use std::net::Ipv4Addr;

use super::checksum::{InternetSum, PseudoHeader};
use super::fields::FieldReader;
use super::icmp_names::{code_meaning, has_identifier, is_error, type_meaning, type_name};
use super::{ipv4, payload, quote};
use crate::field_id;
use crate::model::MalformedKind;
use crate::model::{Field, Layer, LayerKind, Malformed, Pdu, Span, Value};
use crate::t;

pub const HEADER_LEN: usize = 8;

use super::view::offsets::icmp as offset;

/// Bytes the fixed part of a type needs (header and fixed body).
fn fixed_len(kind: u8) -> usize {
    match kind {
        13 | 14 => 20,
        17 | 18 => 12,
        _ => HEADER_LEN,
    }
}

/// What the body of one message turned out to hold.
struct Body {
    fields: Vec<Field>,
    /// Where the ICMP layer's own bytes end (echo data and quotes are
    /// layers of their own).
    end: usize,
    problem: Option<Malformed>,
}

/// Dissects the ICMP message at `start..end`, `declared` bytes long as the
/// IPv4 header says. Pushes its layer (and the echo data, or the layers of a
/// quoted datagram); returns a problem that did not stop the dissection.
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    declared: usize,
    layers: &mut Vec<Layer>,
) -> Result<Option<Malformed>, Malformed> {
    let available = end.saturating_sub(start);
    if available < HEADER_LEN {
        return Err(Malformed {
            protocol: "ICMP",
            offset: start,
            kind: MalformedKind::TooShort,
            message: t!(
                "ICMP header needs 8 bytes, {available} left at offset {offset}",
                available,
                offset = start
            ),
        });
    }
    let r = FieldReader::new(&frame[..end]);
    let at = |o: usize| start + o;
    let (kind, code) = (frame[at(offset::TYPE)], frame[at(offset::CODE)]);
    let stored = r.uint(at(offset::CHECKSUM), 2) as u16;
    let cut_short = available < declared;

    let mut fields = vec![
        r.number(field_id::ICMP_TYPE, "Type", at(offset::TYPE), 1, || {
            type_meaning(kind)
        }),
        r.number(field_id::ICMP_CODE, "Code", at(offset::CODE), 1, || {
            code_meaning(kind, code)
        }),
        r.number("icmp.checksum", "Checksum", at(offset::CHECKSUM), 2, ""),
    ];
    let mut body = body(&r, kind, code, start, end);
    fields.reserve(body.fields.len() + 1);
    if body.problem.is_none() && !cut_short && available < fixed_len(kind) {
        body.problem = Some(Malformed {
            protocol: "ICMP",
            offset: start,
            kind: MalformedKind::TooShort,
            message: t!(
                "ICMP {name} needs {length} bytes, {available} left at offset {offset}",
                name = type_name(kind).unwrap_or_default(),
                length = fixed_len(kind),
                available,
                offset = start
            ),
        });
    }
    if cut_short {
        body.problem = None;
    }
    fields.extend(body.fields);

    let mut notes = Vec::new();
    let mut checks = Vec::new();
    if cut_short {
        // The sum covers the whole message: with bytes missing it cannot be
        // recomputed, which says nothing about the bytes that were sent.
        notes.push(t!(
            "the IPv4 header says the message is {declared} bytes but only {available} are present: it was cut short",
            declared,
            available
        ));
        fields[2].meaning = t!("not verifiable: the message is cut short").into_meaning();
    } else {
        let mut sum = InternetSum::new();
        sum.add_icmp_message(&frame[at(0)..end]);
        let check = sum.finish(
            "icmp.checksum",
            t!(
                "the whole {available}-byte ICMP message, checksum field taken as zero",
                available
            ),
            Vec::new(),
            stored,
            false,
            None,
        );
        fields[2].meaning = t!(
            "over the ICMP message: {verdict}", @meaning,
            verdict = check.verdict.words(4)
        )
        .into_meaning();
        checks.push(check);
    }
    layers.push(Layer {
        layer: LayerKind::Network,
        protocol: "ICMP",
        pdu: Pdu::Message,
        header: Span {
            offset: start,
            length: body.end - start,
        },
        trailer: Vec::new(),
        pdu_length: declared.max(available),
        fields,
        checks,
        notes,
    });
    let rest = Span {
        offset: at(offset::BODY),
        length: end - at(offset::BODY),
    };
    if matches!(kind, 0 | 8) && rest.length > 0 {
        let sent = declared.max(available) - HEADER_LEN;
        layers.push(echo_data(frame, rest, sent, kind));
    }
    if is_error(kind) && rest.length > 0 {
        match quote_datagram(frame, kind, rest.offset, end, layers) {
            // The capture, not the sender, cut the quote too short to read:
            // its bytes are shown as they are.
            Err(_) if cut_short => layers.push(payload::undissected(
                frame,
                rest,
                t!("quoted datagram"),
                LayerKind::Network,
                t!(
                    "the capture cut the quote short: {bytes} bytes of it are here, too few to dissect",
                    bytes = rest.length
                ),
            )),
            result => result?,
        }
    }
    Ok(body.problem)
}

/// The fields after type, code and checksum, as the type defines them.
fn body(r: &FieldReader<'_>, kind: u8, code: u8, start: usize, end: usize) -> Body {
    let at = |o: usize| start + o;
    let has = |n: usize| end - start >= n;
    // Room for the most fields a type has before its data, so they are not
    // moved as they are added.
    let mut fields = Vec::with_capacity(6);
    let mut problem = None;
    let mut body_end = at(HEADER_LEN);
    let unused = |from: usize, length: usize| {
        r.number(
            "icmp.unused",
            "Unused",
            at(from),
            length,
            t!("unused, zero"),
        )
    };
    match kind {
        _ if has_identifier(kind) => {
            let echo = matches!(kind, 0 | 8);
            fields.push(r.number(
                "icmp.identifier",
                "Identifier",
                at(offset::WORD),
                2,
                if echo {
                    t!("chosen by the pinging program, so it can match replies to requests")
                } else {
                    t!("chosen by the requester; the reply carries the request's, to match them")
                },
            ));
            fields.push(r.number(
                "icmp.sequence",
                "Sequence Number",
                at(offset::SEQUENCE),
                2,
                t!("counts the requests; a reply carries the request's"),
            ));
            match kind {
                13 | 14 if has(20) => {
                    for (id, name, o, meaning) in [
                        (
                            "icmp.originate_timestamp",
                            "Originate Timestamp",
                            offset::BODY,
                            t!("when the requester sent the request"),
                        ),
                        (
                            "icmp.receive_timestamp",
                            "Receive Timestamp",
                            offset::RECEIVE_TIMESTAMP,
                            t!("when the replier received the request (0 in a request)"),
                        ),
                        (
                            "icmp.transmit_timestamp",
                            "Transmit Timestamp",
                            offset::TRANSMIT_TIMESTAMP,
                            t!("when the replier sent the reply (0 in a request)"),
                        ),
                    ] {
                        let ms = r.uint(at(o), 4);
                        fields.push(r.number(
                            id,
                            name,
                            at(o),
                            4,
                            t!("{meaning}: {time}", meaning, time = clock(ms)),
                        ));
                    }
                    body_end = at(20);
                }
                17 | 18 if has(12) => {
                    let mask = Ipv4Addr::from(r.uint(at(offset::BODY), 4) as u32);
                    let meaning = if kind == 17 && mask.is_unspecified() {
                        t!("0 in a request: the reply fills in the subnet mask (RFC 950)")
                            .to_string()
                    } else {
                        t!(
                            "the subnet mask of the network (RFC 950): /{prefix}",
                            prefix = u32::from(mask).count_ones()
                        )
                    };
                    fields.push(r.bytes(
                        "icmp.address_mask",
                        "Address Mask",
                        at(offset::BODY),
                        4,
                        Value::Text(mask.to_string()),
                        meaning,
                    ));
                    body_end = at(12);
                }
                _ => {}
            }
            if !echo && end > body_end && has(fixed_len(kind)) {
                let length = end - body_end;
                fields.push(r.bytes(
                    "icmp.extra",
                    t!("Extra bytes"),
                    body_end,
                    length,
                    Value::Number(length as u64),
                    t!(
                        "{length} bytes after the message's fixed part, which its RFC does not define",
                        length
                    ),
                ));
                body_end = end;
            }
        }
        3 if code == 4 => {
            fields.push(unused(offset::WORD, 2));
            let mtu = r.uint(at(offset::NEXT_HOP_MTU), 2);
            fields.push(r.number(
                "icmp.mtu",
                "Next-Hop MTU",
                at(offset::NEXT_HOP_MTU),
                2,
                if mtu == 0 {
                    t!("0: the router predates RFC 1191 and did not say; the sender must guess a smaller size").to_string()
                } else {
                    t!(
                        "the next link takes packets of at most {mtu} bytes (RFC 1191): the sender must send smaller ones or clear DF",
                        mtu
                    )
                },
            ));
        }
        3 | 4 | 11 => fields.push(unused(offset::WORD, 4)),
        5 => {
            let gateway = Ipv4Addr::from(r.uint(at(offset::WORD), 4) as u32);
            fields.push(r.bytes(
                "icmp.gateway",
                "Gateway Internet Address",
                at(offset::WORD),
                4,
                Value::Text(gateway.to_string()),
                t!(
                    "the router on the sender's network to use instead, for datagrams like the quoted one (RFC 792)"
                ),
            ));
        }
        12 => {
            let pointer = r.uint(at(offset::WORD), 1);
            let meaning = if code == 0 {
                t!(
                    "byte {pointer} of the quoted IPv4 header is where the problem is: {field}",
                    pointer,
                    field = ipv4_byte(pointer)
                )
            } else {
                t!(
                    "{pointer}: only code 0 says the pointer marks the problem",
                    pointer
                )
            };
            fields.push(r.number("icmp.pointer", "Pointer", at(offset::WORD), 1, meaning));
            fields.push(unused(offset::POINTER_UNUSED, 3));
        }
        9 => {
            let (entries, entries_end, entry_problem) = router_advertisement(r, start, end);
            fields.extend(entries);
            body_end = entries_end;
            problem = entry_problem;
        }
        10 => fields.push(r.number(
            "icmp.reserved",
            "Reserved",
            at(offset::WORD),
            4,
            t!("reserved, zero"),
        )),
        _ => {
            fields.push(r.number(
                "icmp.rest",
                t!("Rest of header"),
                at(offset::WORD),
                4,
                t!("depends on the type"),
            ));
            if end > body_end {
                let length = end - body_end;
                fields.push(r.bytes(
                    "icmp.data",
                    "Message body",
                    body_end,
                    length,
                    Value::Number(length as u64),
                    t!("{length} bytes, not dissected by stackviz", length),
                ));
                body_end = end;
            }
        }
    }
    Body {
        fields,
        end: body_end,
        problem,
    }
}

/// A timestamp of RFC 792: milliseconds since midnight UT, unless the high
/// bit marks a time in some other unit.
fn clock(ms: u64) -> String {
    if ms >= 1 << 31 {
        return t!(
            "high bit set: a non-standard time, not milliseconds since midnight UT (RFC 792)"
        )
        .into();
    }
    if ms >= 86_400_000 {
        return t!("{ms} ms, more than a day: not a time of day", ms);
    }
    let (s, milli) = (ms / 1000, ms % 1000);
    t!(
        "{ms} ms after midnight UT = {clock} UT",
        ms,
        clock = format!(
            "{:02}:{:02}:{:02}.{milli:03}",
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    )
}

/// Which field of an IPv4 header byte `index` belongs to, for a Parameter
/// Problem's pointer.
fn ipv4_byte(index: u64) -> String {
    let name = match index {
        0 => "Version, IHL",
        1 => "DSCP, ECN",
        2 | 3 => "Total Length",
        4 | 5 => "Identification",
        6 | 7 => "Flags, Fragment Offset",
        8 => "Time to Live",
        9 => "Protocol",
        10 | 11 => "Header Checksum",
        12..=15 => "Source Address",
        16..=19 => "Destination Address",
        20..=59 => return t!("byte {index} is in the options", index),
        _ => return t!("beyond any IPv4 header (at most 60 bytes)").into(),
    };
    name.into()
}

/// Router Advertisement (RFC 1256): Num Addrs, Addr Entry Size, Lifetime,
/// then each entry's Router Address and Preference Level. Returns the
/// fields, where they end, and a problem if the entries do not fit.
fn router_advertisement(
    r: &FieldReader<'_>,
    start: usize,
    end: usize,
) -> (Vec<Field>, usize, Option<Malformed>) {
    let at = |o: usize| start + o;
    let count = r.uint(at(offset::WORD), 1);
    let size = r.uint(at(offset::ENTRY_SIZE), 1);
    let lifetime = r.uint(at(offset::LIFETIME), 2);
    let mut fields = vec![
        r.number(
            "icmp.num_addrs",
            "Num Addrs",
            at(offset::WORD),
            1,
            t!("{count} router addresses follow", count),
        ),
        r.number(
            "icmp.addr_entry_size",
            "Addr Entry Size",
            at(offset::ENTRY_SIZE),
            1,
            t!(
                "{size} 32-bit words per address: a Router Address and a Preference Level (RFC 1256 says 2)",
                size
            ),
        ),
        r.number(
            "icmp.lifetime",
            "Lifetime",
            at(offset::LIFETIME),
            2,
            t!(
                "the addresses may be used as routers for {lifetime} seconds (RFC 1256's default is 1800)",
                lifetime
            ),
        ),
    ];
    let mut done = at(HEADER_LEN);
    if count > 0 && size < 2 {
        let problem = Malformed {
            protocol: "ICMP",
            offset: at(offset::ENTRY_SIZE),
            kind: MalformedKind::BadValue,
            message: t!(
                "Router Advertisement Addr Entry Size {size} is below 2 (an address and a preference level), at offset {offset}",
                size,
                offset = at(offset::ENTRY_SIZE)
            ),
        };
        return (fields, done, Some(problem));
    }
    let step = size as usize * 4;
    for i in 0..count as usize {
        let entry = at(HEADER_LEN) + i * step;
        if entry + 8 > end {
            let problem = Malformed {
                protocol: "ICMP",
                offset: entry,
                kind: MalformedKind::TooShort,
                message: t!(
                    "Router Advertisement says {count} addresses, but entry {n} does not fit, at offset {offset}",
                    count,
                    n = i + 1,
                    offset = entry
                ),
            };
            return (fields, done, Some(problem));
        }
        let address = Ipv4Addr::from(r.uint(entry, 4) as u32);
        fields.push(r.bytes(
            "icmp.router_address",
            "Router Address",
            entry,
            4,
            Value::Text(address.to_string()),
            t!(
                "entry {n} of {count}: an address of the advertising router",
                n = i + 1,
                count
            ),
        ));
        let preference = r.uint(entry + 4, 4) as u32 as i32;
        fields.push(r.bytes(
            "icmp.preference_level",
            "Preference Level",
            entry + 4,
            4,
            Value::Text(preference.to_string()),
            if preference == i32::MIN {
                t!(
                    "entry {n}: 0x80000000, the lowest: never use this address as a default router",
                    n = i + 1
                )
            } else {
                t!(
                    "entry {n}: signed; hosts prefer the highest as their default router",
                    n = i + 1
                )
            },
        ));
        done = (entry + step).min(end);
    }
    (fields, done, None)
}

/// The data of an echo request or reply (`sent` bytes of it were sent),
/// shown as data the way a UDP payload is.
fn echo_data(frame: &[u8], span: Span, sent: usize, kind: u8) -> Layer {
    let mut data = payload::layer(frame, span, t!("echo data"));
    data.fields[0].id = "icmp.data";
    let meaning = if span.length < sent {
        t!(
            "{present} of the {sent} bytes of echo data; the rest is cut off",
            present = span.length,
            sent
        )
    } else if kind == 8 {
        t!(
            "{length} bytes the reply must carry back unchanged",
            length = span.length
        )
    } else {
        t!(
            "{length} bytes carried back unchanged from the request",
            length = span.length
        )
    };
    data.fields[0].meaning = meaning.into_meaning();
    data
}

/// The datagram an error message of type `kind` quotes: its IPv4 header,
/// then the start of its UDP or TCP header when the quote holds the
/// datagram's beginning.
fn quote_datagram(
    frame: &[u8],
    kind: u8,
    start: usize,
    end: usize,
    layers: &mut Vec<Layer>,
) -> Result<(), Malformed> {
    let quoted = ipv4::dissect(frame, start, end)?;
    let mut layer = quoted.layer;
    layer.protocol = t!("IPv4 (quoted original header)");
    layer.checks.clear();
    layer.notes = vec![match kind {
        // A router that redirects still forwards the datagram.
        5 => t!("the header of the datagram that made the router send the redirect (it still forwarded that datagram), sent back so the sender can match it"),
        4 => t!("the header of the datagram that made the receiver ask the sender to slow down, sent back so the sender can match it"),
        _ => t!("the header of the datagram that could not be delivered, sent back so the sender can match it"),
    }
    .into()];
    let total = layer.pdu_length;
    let held = end - start;
    if total > held {
        layer.notes.push(t!(
            "total length says {total} bytes, the quote holds {held}: an ICMP error quotes only the start of a datagram",
            total,
            held
        ));
    }
    // A fragment other than the first does not begin with the transport
    // header. (Read from the dissection's numbers, not the layer's fields:
    // at brief detail the field is not built.)
    let first_bytes = quoted.fragment_byte == 0;
    let declared = layer.pdu_length.saturating_sub(layer.header.length);
    layers.push(layer);
    if !first_bytes {
        return Ok(());
    }
    quote::transport(
        frame,
        quoted.payload,
        quoted.protocol,
        declared,
        PseudoHeader::V4 {
            source: quoted.source,
            destination: quoted.destination,
        },
        layers,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_milliseconds_since_midnight() {
        assert_eq!(
            clock(3_723_004),
            "3723004 ms after midnight UT = 01:02:03.004 UT"
        );
        assert!(clock(1 << 31).starts_with("high bit set"));
    }

    #[test]
    fn type_name_is_known_for_every_dissected_type() {
        for kind in [0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18] {
            assert!(type_name(kind).is_some(), "{kind}");
        }
    }
}
