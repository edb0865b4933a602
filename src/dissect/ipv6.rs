//! IPv6 (RFC 8200): the fixed 40-byte header with its bit fields, then the
//! extension headers walked one by one (hop-by-hop and destination options
//! with each option, routing, fragment, AH), each its own layer.

use super::fields::Meaning;
use std::net::Ipv6Addr;

use super::fields::FieldReader;
use crate::field_id;
use crate::model::MalformedKind;
use crate::model::{Field, Layer, LayerKind, Malformed, Pdu, Span, Value};
use crate::t;

pub const HEADER_LEN: usize = crate::header_len::IPV6;

use super::view::offsets::ipv6 as offset;

use super::view::offsets::ipv6_ext as ext;

/// What follows the IPv6 header and its extension headers.
pub struct Ipv6Next {
    pub layers: Vec<Layer>,
    /// The upper-layer protocol (after every extension header).
    pub protocol: u8,
    pub source: Ipv6Addr,
    pub destination: Ipv6Addr,
    /// The upper-layer data in the frame (clamped to the bytes present).
    pub payload: Span,
    /// Upper-layer length as the header says (payload length minus the
    /// extension headers): what a pseudo-header carries.
    pub declared: usize,
    /// True when a Fragment header says this is not the whole datagram.
    pub fragment: bool,
    /// Where this fragment's data starts in the fragmentable part, in bytes
    /// (0 for the first fragment, whose headers are walked on).
    pub fragment_byte: usize,
    /// The final destination a Routing header with segments left names, with
    /// the sentence that says where it came from (RFC 8200 section 8.1).
    pub final_destination: Option<(Ipv6Addr, String)>,
    /// Something wrong that did not stop the dissection (the payload length
    /// beyond the frame, an unreadable option).
    pub problem: Option<Malformed>,
    /// Where an extension header could not be read: nothing after it is
    /// dissected, the layers before it are kept.
    pub stop: Option<Malformed>,
}

/// Name of an IPv6 next-header value (in English whatever the language: it
/// names layers; sentences use [`next_header_label`]).
pub fn next_header_name(value: u8) -> &'static str {
    match value {
        0 => "Hop-by-Hop Options",
        43 => "Routing",
        44 => "Fragment",
        51 => "Authentication Header",
        59 => "No Next Header",
        60 => "Destination Options",
        other => super::ipv4::protocol_name(other),
    }
}

/// [`next_header_name`] for a sentence, in the current language.
pub fn next_header_label(value: u8) -> &'static str {
    match value {
        0 | 43 | 44 | 51 | 59 | 60 => next_header_name(value),
        other => super::ipv4::protocol_label(other),
    }
}

/// True for the next-header values stackviz walks as extension headers.
fn is_extension(value: u8) -> bool {
    matches!(value, 0 | 43 | 44 | 51 | 60)
}

fn multicast_scope(addr: Ipv6Addr) -> &'static str {
    match addr.segments()[0] & 0x000f {
        1 => t!("interface-local"),
        2 => t!("link-local"),
        4 => t!("admin-local"),
        5 => t!("site-local"),
        8 => t!("organization-local"),
        0xe => t!("global"),
        _ => t!("reserved scope"),
    }
}

fn address_meaning(addr: Ipv6Addr) -> String {
    let s = addr.segments();
    if addr.is_loopback() {
        t!("loopback (::1): never leaves this host").into()
    } else if addr.is_unspecified() {
        t!("unspecified (::): the sender has no address yet").into()
    } else if addr.is_multicast() {
        let scope = multicast_scope(addr);
        match addr.octets() {
            [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] => {
                t!("multicast group, {scope} scope: all nodes on the link", scope)
            }
            [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2] => {
                t!("multicast group, {scope} scope: all routers on the link", scope)
            }
            [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, a, b, c] => t!(
                "multicast group, {scope} scope: the solicited-node group of the addresses whose last 3 bytes are {bytes} (where neighbour discovery asks)",
                scope,
                bytes = format!("{a:02x} {b:02x} {c:02x}")
            ),
            _ => t!("multicast group, {scope} scope", scope),
        }
    } else if s[0] & 0xffc0 == 0xfe80 {
        t!("link-local (fe80::/10): valid on one link only").into()
    } else if s[0] & 0xfe00 == 0xfc00 {
        t!("unique local address (fc00::/7), like IPv4's private ranges").into()
    } else if s[0] == 0x2001 && s[1] == 0x0db8 {
        t!("documentation range (2001:db8::/32)").into()
    } else if s[..5] == [0; 5] && s[5] == 0xffff {
        t!("IPv4-mapped address (::ffff:0:0/96)").into()
    } else if s[0] & 0xe000 == 0x2000 {
        t!("global unicast address (2000::/3)").into()
    } else {
        t!("unicast address").into()
    }
}

fn addr_at(frame: &[u8], at: usize) -> Ipv6Addr {
    let mut octets = [0u8; 16];
    octets.copy_from_slice(&frame[at..at + 16]);
    Ipv6Addr::from(octets)
}

fn number(field: &Field) -> u64 {
    match field.value {
        Value::Number(n) => n,
        Value::Text(_) | Value::Shown(_) => 0,
    }
}

/// Dissects the IPv6 header at `start` and its extension headers; `end` is
/// where the frame's data ends. `quoted`: the packet is a quote inside an
/// ICMPv6 error, cut short on purpose, so a payload length beyond the bytes
/// is expected rather than a problem.
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    quoted: bool,
) -> Result<Ipv6Next, Malformed> {
    let available = end.saturating_sub(start);
    let broken = |kind: MalformedKind, offset: usize, message: String| Malformed {
        protocol: "IPv6",
        offset,
        kind,
        message,
    };
    if available < HEADER_LEN {
        return Err(broken(
            MalformedKind::TooShort,
            start,
            t!(
                "IPv6 header needs 40 bytes, {available} left at offset {start}",
                available,
                start
            ),
        ));
    }
    let version = frame[start] >> 4;
    if version != 6 {
        return Err(broken(
            MalformedKind::BadVersion,
            start,
            t!(
                "IPv6 version field is {version}, not 6, at offset {start}",
                version,
                start
            ),
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
    let pair = (at(offset::VERSION_CLASS_FLOW), 2);
    let mut dscp = r.bits(
        field_id::IPV6_DSCP,
        "DSCP (Traffic Class)",
        pair,
        (4, 6),
        "",
    );
    let dscp_value = number(&dscp);
    dscp.meaning = t!(
        "traffic class bits 0-5, DSCP {dscp}: {class}", @meaning,
        dscp = dscp_value,
        class = super::ipv4::dscp_class(dscp_value)
    );
    let mut ecn = r.bits(field_id::IPV6_ECN, "ECN (Traffic Class)", pair, (10, 2), "");
    ecn.meaning = t!(
        "traffic class bits 6-7, {ecn}", @meaning,
        ecn = super::ipv4::ecn_meaning(number(&ecn))
    );
    let mut flow = r.bits(field_id::IPV6_FLOW_LABEL, "Flow Label", word, (12, 20), "");
    let flow_value = number(&flow);
    flow.meaning = if flow_value == 0 {
        t!("0: no flow label").into_meaning()
    } else {
        t!(
            "{label}: the sender's label for this flow (RFC 6437); routers may use it to keep a flow on one path (Linux picks one per flow by default)",
            label = format!("0x{flow_value:05x}")
        )
        .into_meaning()
    };
    let jumbo = payload_len == 0 && first_next == 0;
    let fields = vec![
        r.bits(
            field_id::IPV6_VERSION,
            "Version",
            (at(offset::VERSION_CLASS_FLOW), 1),
            (0, 4),
            "6 = IPv6",
        ),
        dscp,
        ecn,
        flow,
        r.number(
            field_id::IPV6_PAYLOAD_LENGTH,
            "Payload Length",
            at(offset::PAYLOAD_LENGTH),
            2,
            if jumbo {
                t!("0 with a Hop-by-Hop header: a jumbogram (RFC 2675), its length is in the Jumbo Payload option").into_meaning()
            } else {
                t!(
                    "bytes after this 40-byte header (extension headers included): {payload_len}", @meaning,
                    payload_len
                )
            },
        ),
        r.number(
            field_id::IPV6_NEXT_HEADER,
            "Next Header",
            at(offset::NEXT_HEADER),
            1,
            t!(
                "{next} = {name}: what follows this header", @meaning,
                next = first_next,
                name = next_header_label(first_next)
            ),
        ),
        r.number(
            field_id::IPV6_HOP_LIMIT,
            "Hop Limit",
            at(offset::HOP_LIMIT),
            1,
            t!(
                "IPv6's TTL: each router subtracts 1 and drops the packet at 0; at most {hop_limit} more hops", @meaning,
                hop_limit
            ),
        ),
        r.bytes(
            field_id::IPV6_SRC,
            "Source Address",
            at(offset::SOURCE),
            16,
            Value::Text(crate::model::ipv6_text(source)),
            || address_meaning(source),
        ),
        r.bytes(
            field_id::IPV6_DST,
            "Destination Address",
            at(offset::DESTINATION),
            16,
            Value::Text(crate::model::ipv6_text(destination)),
            || address_meaning(destination),
        ),
    ];

    let mut notes = vec![t!(
        "no header checksum in IPv6: the link's FCS and the transport checksums cover the data"
    )
    .to_string()];
    let mut problem = None;
    let payload_start = at(HEADER_LEN);
    let packet_end = if jumbo {
        end
    } else if payload_start + payload_len > end {
        let left = end - payload_start;
        if quoted {
            notes.push(t!(
                "payload length says {payload_len} bytes, the quote holds {left}: an ICMPv6 error quotes only the start of a packet",
                payload_len,
                left
            ));
        } else {
            notes.push(t!(
                "payload length says {payload_len} bytes but only {left} are present: the packet was cut short",
                payload_len,
                left
            ));
            problem = Some(broken(MalformedKind::BadLength,
                payload_start,
                t!(
                    "IPv6 payload needs {payload_len} bytes (Payload Length), {left} left at offset {payload_start}",
                    payload_len,
                    left,
                    payload_start
                ),
            ));
        }
        end
    } else {
        payload_start + payload_len
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
        pdu_length: if jumbo {
            end - start
        } else {
            HEADER_LEN + payload_len
        },
        fields,
        checks: Vec::new(),
        notes,
    }];

    // Walk the extension headers.
    let mut next = first_next;
    let mut at_ext = payload_start;
    let mut fragment = false;
    let mut fragment_byte = 0;
    let mut final_destination = None;
    let mut first = true;
    let mut stop = None;
    while is_extension(next) {
        let name = next_header_name(next);
        let left = packet_end.saturating_sub(at_ext);
        if left < 8 {
            stop = Some(broken(
                MalformedKind::TooShort,
                at_ext,
                t!(
                    "IPv6 {name} header needs 8 bytes, {left} left at offset {at}",
                    name,
                    left,
                    at = at_ext
                ),
            ));
            break;
        }
        let len_byte = frame[at_ext + ext::LENGTH];
        let len = match next {
            44 => 8,
            51 => (usize::from(len_byte) + 2) * 4,
            _ => (usize::from(len_byte) + 1) * 8,
        };
        if len > left {
            stop = Some(broken(MalformedKind::TooShort,
                at_ext,
                t!(
                    "IPv6 {name} header needs {len} bytes ({field} {len_byte}), {left} left at offset {at}",
                    name,
                    len,
                    field = if next == 51 { "Payload Len" } else { "Hdr Ext Len" },
                    len_byte,
                    left,
                    at = at_ext
                ),
            ));
            break;
        }
        if next == 51 && len < ext::AH_ICV {
            stop = Some(broken(MalformedKind::BadLength,
                at_ext + ext::LENGTH,
                t!(
                    "IPv6 Authentication Header says {len} bytes (Payload Len {len_byte}), below its 12-byte minimum, at offset {at}",
                    len,
                    len_byte,
                    at = at_ext + ext::LENGTH
                ),
            ));
            break;
        }
        let inner = frame[at_ext + ext::NEXT_HEADER];
        let mut ext_fields = vec![r.number(
            "ipv6.ext.next_header",
            "Next Header",
            at_ext + ext::NEXT_HEADER,
            1,
            t!(
                "{next} = {name}: what follows this header", @meaning,
                next = inner,
                name = next_header_label(inner)
            ),
        )];
        let mut ext_notes = Vec::new();
        if next == 0 && !first {
            ext_notes.push(
                t!("a Hop-by-Hop header must come right after the IPv6 header (RFC 8200 section 4.1)")
                    .to_string(),
            );
        }
        let header_end = at_ext + len;
        let protocol: &'static str = match next {
            44 => {
                let word = r.uint(at_ext + ext::FRAGMENT_OFFSET, 2);
                let more = word & 1 == 1;
                let frag_offset = word >> 3;
                fragment = more || frag_offset != 0;
                fragment_byte = frag_offset as usize * 8;
                let pos = (at_ext + ext::FRAGMENT_OFFSET, 2);
                ext_fields.push(r.number(
                    "ipv6.frag.reserved",
                    "Reserved",
                    at_ext + ext::FRAGMENT_RESERVED,
                    1,
                    t!("reserved, zero"),
                ));
                ext_fields.push(r.bits(
                    "ipv6.frag.offset",
                    "Fragment Offset",
                    pos,
                    (0, 13),
                    t!(
                        "{frag_offset} × 8 = byte {byte} of the fragmentable part",
                        frag_offset,
                        byte = frag_offset * 8
                    ),
                ));
                ext_fields.push(r.bits("ipv6.frag.res", "Res", pos, (13, 2), t!("reserved, zero")));
                ext_fields.push(r.bits(
                    "ipv6.frag.m",
                    "M (More Fragments)",
                    pos,
                    (15, 1),
                    if more {
                        t!("set: more fragments follow")
                    } else {
                        t!("clear: the last fragment")
                    },
                ));
                ext_fields.push(r.number(
                    field_id::IPV6_FRAG_IDENTIFICATION,
                    "Identification",
                    at_ext + ext::FRAGMENT_ID,
                    4,
                    t!("the same in every fragment of one datagram; chosen by the sender (routers never fragment in IPv6)"),
                ));
                if fragment && frag_offset == 0 {
                    ext_notes.push(
                        t!("the first fragment: the headers that follow (up to the transport header) are here; the rest of the datagram comes in later fragments")
                            .into(),
                    );
                } else if fragment {
                    ext_notes.push(t!(
                        "a later fragment: what follows is bytes {first}-{last} of the fragmentable part; the transport header was in the first fragment",
                        first = fragment_byte,
                        last = (fragment_byte + packet_end.saturating_sub(header_end)).saturating_sub(1)
                    ));
                }
                if !fragment {
                    ext_notes.push(
                        t!("offset 0 and M clear: an atomic fragment, the whole datagram in one piece (RFC 6946)")
                            .into(),
                    );
                }
                "IPv6 Fragment header"
            }
            51 => {
                ext_fields.push(r.number(
                    "ipv6.ext.length",
                    "Payload Len",
                    at_ext + ext::LENGTH,
                    1,
                    t!(
                        "header length in 4-byte words minus 2: ({len_byte} + 2) × 4 = {len} bytes",
                        len_byte,
                        len
                    ),
                ));
                ext_fields.push(r.number(
                    "ipv6.ext.ah.reserved",
                    "Reserved",
                    at_ext + ext::AH_RESERVED,
                    2,
                    t!("reserved, zero"),
                ));
                ext_fields.push(r.number(
                    "ipv6.ext.ah.spi",
                    "Security Parameters Index",
                    at_ext + ext::AH_SPI,
                    4,
                    t!("which security association (keys, algorithm) the receiver uses"),
                ));
                ext_fields.push(r.number(
                    "ipv6.ext.ah.sequence",
                    "Sequence Number",
                    at_ext + ext::AH_SEQUENCE,
                    4,
                    t!("counts up with each packet: protects against replay"),
                ));
                if len > ext::AH_ICV {
                    ext_fields.push(r.bytes(
                        "ipv6.ext.ah.icv",
                        "Integrity Check Value",
                        at_ext + ext::AH_ICV,
                        len - ext::AH_ICV,
                        Value::Number((len - ext::AH_ICV) as u64),
                        t!(
                            "{length} bytes: a keyed hash over the packet; only the holder of the key can check it",
                            length = len - ext::AH_ICV
                        ),
                    ));
                }
                "IPv6 Authentication Header"
            }
            43 => {
                ext_fields.push(length_field(&r, at_ext, len_byte, len));
                let routing_type = frame[at_ext + ext::ROUTING_TYPE];
                let segments_left = frame[at_ext + ext::SEGMENTS_LEFT];
                ext_fields.push(r.number(
                    "ipv6.ext.routing_type",
                    "Routing Type",
                    at_ext + ext::ROUTING_TYPE,
                    1,
                    match routing_type {
                        0 => t!("0 = source route (deprecated by RFC 5095: routers drop it)"),
                        2 => t!("2 = Mobile IPv6 home address (RFC 6275)"),
                        3 => t!("3 = RPL source route (RFC 6554)"),
                        4 => t!("4 = Segment Routing Header (RFC 8754)"),
                        _ => t!("a routing type stackviz does not know"),
                    },
                ));
                ext_fields.push(r.number(
                    "ipv6.ext.segments_left",
                    "Segments Left",
                    at_ext + ext::SEGMENTS_LEFT,
                    1,
                    t!(
                        "{segments_left} more routers to visit on the listed route",
                        segments_left
                    ),
                ));
                if len > ext::ROUTING_DATA {
                    ext_fields.push(routing_data(&r, at_ext, len, routing_type));
                }
                if segments_left > 0 {
                    final_destination = routed_destination(
                        &frame[at_ext + ext::ROUTING_DATA..header_end],
                        routing_type,
                    );
                }
                "IPv6 Routing header"
            }
            _ => {
                ext_fields.push(length_field(&r, at_ext, len_byte, len));
                let (option_fields, option_problem) =
                    tlv_options(&r, at_ext + ext::OPTIONS, header_end, next == 0);
                ext_fields.extend(option_fields);
                if problem.is_none() {
                    problem = option_problem;
                }
                if next == 0 {
                    "IPv6 Hop-by-Hop Options"
                } else {
                    "IPv6 Destination Options"
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
            notes: ext_notes,
        });
        next = inner;
        at_ext = header_end;
        first = false;
        // A later fragment carries data from the middle of the datagram:
        // nothing after its Fragment header is a header. The first one
        // carries the headers that follow, up to the transport header.
        if fragment && fragment_byte != 0 {
            break;
        }
    }
    let ext_total = at_ext - payload_start;
    Ok(Ipv6Next {
        layers,
        protocol: next,
        source,
        destination,
        payload: Span {
            offset: at_ext,
            length: packet_end.saturating_sub(at_ext),
        },
        declared: if jumbo {
            packet_end.saturating_sub(at_ext)
        } else {
            payload_len.saturating_sub(ext_total)
        },
        fragment,
        fragment_byte,
        final_destination,
        problem,
        stop,
    })
}

/// The final destination a Routing header names while segments are left
/// (RFC 8200 section 8.1): the last address of a type 0 route, the home
/// address of type 2, the first entry of a Segment Routing Header's list
/// (kept last segment first, RFC 8754). `data` starts after Segments Left.
fn routed_destination(data: &[u8], routing_type: u8) -> Option<(Ipv6Addr, String)> {
    // 4 bytes (reserved, or SRH's Last Entry, Flags and Tag), then addresses.
    let list = data.get(4..)?;
    let count = list.len() / 16;
    if count == 0 {
        return None;
    }
    let (index, why) = match routing_type {
        0 => (
            count - 1,
            t!("final destination from the Routing header (type 0, its last address), as RFC 8200 section 8.1 says: the header's Destination Address is only the next hop while segments are left"),
        ),
        2 => (
            0,
            t!("final destination from the Routing header (type 2, the home address), as RFC 8200 section 8.1 says: the header's Destination Address is only the next hop while segments are left"),
        ),
        4 => (
            0,
            t!("final destination from the Segment Routing Header (segment list entry 0, the last segment), as RFC 8200 section 8.1 says: the header's Destination Address is only the next hop while segments are left"),
        ),
        _ => return None,
    };
    Some((addr_at(list, index * 16), why.into()))
}

/// The Hdr Ext Len field of a header counted in 8-byte units.
fn length_field(r: &FieldReader<'_>, at_ext: usize, len_byte: u8, len: usize) -> Field {
    r.number(
        "ipv6.ext.length",
        "Hdr Ext Len",
        at_ext + ext::LENGTH,
        1,
        t!(
            "header length in 8-byte units, the first 8 not counted: ({len_byte} + 1) × 8 = {len} bytes",
            len_byte,
            len
        ),
    )
}

/// The type-specific data of a Routing header.
fn routing_data(r: &FieldReader<'_>, at_ext: usize, len: usize, routing_type: u8) -> Field {
    let from = at_ext + ext::ROUTING_DATA;
    let data = &r.frame[from..at_ext + len];
    let addresses = |bytes: &[u8]| -> String {
        bytes
            .chunks_exact(16)
            .map(|a| addr_at(a, 0).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (value, meaning) = match routing_type {
        // 4 reserved bytes, then the addresses.
        0 | 2 if data.len() >= 4 => {
            let list = addresses(&data[4..]);
            (
                Value::Text(list.clone()),
                t!("4 reserved bytes, then the route: {list}", list),
            )
        }
        // Last Entry, Flags, Tag (4 bytes), then the segment list, last segment first.
        4 if data.len() >= 4 => {
            let list = addresses(&data[4..]);
            (
                Value::Text(list.clone()),
                t!(
                    "last entry {last}, flags {flags}, tag {tag}; segments (the final one first): {list}",
                    last = data[0],
                    flags = format!("0x{:02x}", data[1]),
                    tag = u16::from_be_bytes([data[2], data[3]]),
                    list
                ),
            )
        }
        _ => (
            Value::Number(data.len() as u64),
            t!("{length} bytes of type-specific data", length = data.len()),
        ),
    };
    r.bytes(
        "ipv6.ext.data",
        "Type-specific data",
        from,
        data.len(),
        value,
        meaning,
    )
}

/// Name of a hop-by-hop or destination option type (IANA).
fn option_name(kind: u8) -> &'static str {
    match kind {
        0x00 => "Pad1",
        0x01 => "PadN",
        0x04 => "Tunnel Encapsulation Limit",
        0x05 => "Router Alert",
        0x07 => "CALIPSO",
        0x08 => "SMF_DPD",
        0x11 | 0x31 => "IOAM",
        0x26 => "Quick-Start",
        0x63 => "RPL Option",
        0x6d => "MPL Option",
        0x8b => "ILNP Nonce",
        0xc2 => "Jumbo Payload",
        0xc9 => "Home Address",
        _ => t!("an option stackviz does not know"),
    }
}

/// What a router or host does with an option type it does not know: the
/// type's two highest bits say (RFC 8200 section 4.2).
fn unknown_action(kind: u8) -> &'static str {
    match kind >> 6 {
        0 => t!("a node that does not know it must skip it"),
        1 => t!("a node that does not know it must drop the packet"),
        2 => t!("a node that does not know it must drop the packet and send ICMPv6 Parameter Problem"),
        _ => t!(
            "a node that does not know it must drop the packet and send ICMPv6 Parameter Problem unless the destination is multicast"
        ),
    }
}

/// The TLV options between `from` and `to`, one field each; `hop_by_hop`:
/// every router reads them (else only the destination).
fn tlv_options(
    r: &FieldReader<'_>,
    from: usize,
    to: usize,
    hop_by_hop: bool,
) -> (Vec<Field>, Option<Malformed>) {
    let frame = r.frame;
    let mut fields = Vec::new();
    let mut at = from;
    while at < to {
        let kind = frame[at];
        if kind == 0 {
            fields.push(r.number(
                "ipv6.ext.option",
                "Option: Pad1",
                at,
                1,
                t!("0 = Pad1: one byte of padding"),
            ));
            at += 1;
            continue;
        }
        let left = to - at;
        let len = if left >= 2 {
            2 + usize::from(frame[at + 1])
        } else {
            0
        };
        if len == 0 || len > left {
            fields.push(r.bytes(
                "ipv6.ext.option.unreadable",
                "Option (unreadable)",
                at,
                left,
                Value::Number(u64::from(kind)),
                t!(
                    "type {kind}: its length does not fit the header",
                    kind = format!("0x{kind:02x}")
                ),
            ));
            let message = if len == 0 {
                t!(
                    "IPv6 option {kind} needs a length byte, 1 byte left in the header at offset {at}",
                    kind = format!("0x{kind:02x}"),
                    at
                )
            } else {
                t!(
                    "IPv6 option {kind} ({name}) needs {len} bytes, {left} left in the header at offset {at}",
                    kind = format!("0x{kind:02x}"),
                    name = option_name(kind),
                    len,
                    left,
                    at
                )
            };
            return (
                fields,
                Some(Malformed {
                    protocol: "IPv6",
                    offset: at,
                    kind: MalformedKind::BadOption,
                    message,
                }),
            );
        }
        let data = &frame[at + 2..at + len];
        let word = |d: &[u8]| d.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b));
        let meaning = match kind {
            0x01 => t!("1 = PadN: {len} bytes of padding", len),
            0x05 if data.len() == 2 => {
                let value = match word(data) {
                    0 => "0 (MLD)".to_string(),
                    1 => "1 (RSVP)".to_string(),
                    2 => "2 (Active Networks)".to_string(),
                    n => n.to_string(),
                };
                if hop_by_hop {
                    t!(
                        "5 = Router Alert, value {value}: every router on the path looks inside this packet",
                        value
                    )
                } else {
                    t!(
                        "5 = Router Alert, value {value}: the destination looks inside this packet",
                        value
                    )
                }
            }
            0xc2 if data.len() == 4 => t!(
                "0xc2 = Jumbo Payload: the packet is {length} bytes after the IPv6 header",
                length = word(data)
            ),
            0x04 if data.len() == 1 => t!(
                "4 = Tunnel Encapsulation Limit: at most {levels} more levels of tunnelling",
                levels = data[0]
            ),
            0xc9 if data.len() == 16 => t!(
                "0xc9 = Home Address: the mobile node's home address {address}",
                address = addr_at(data, 0)
            ),
            _ if kind & 0x20 != 0 => t!(
                "{kind} = {name}, {length} bytes of data; {action}; its data may change on the way",
                kind = format!("0x{kind:02x}"),
                name = option_name(kind),
                length = data.len(),
                action = unknown_action(kind)
            ),
            _ => t!(
                "{kind} = {name}, {length} bytes of data; {action}",
                kind = format!("0x{kind:02x}"),
                name = option_name(kind),
                length = data.len(),
                action = unknown_action(kind)
            ),
        };
        fields.push(r.bytes(
            "ipv6.ext.option",
            "Option",
            at,
            len,
            Value::Number(u64::from(kind)),
            meaning,
        ));
        at += len;
    }
    (fields, None)
}
