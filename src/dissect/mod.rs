//! The one dissector: any Ethernet II frame, built by us or caught off the
//! wire, becomes a `Dissection` (layers, fields, checks). Each protocol lives
//! in its own file; this one walks from the outermost layer inwards.

pub mod arp;
pub mod checksum;
pub mod ethernet;
pub mod fields;
pub mod icmp;
pub mod icmpv6;
pub mod ipv4;
pub mod ipv6;
pub mod payload;
pub mod physical;
pub mod tcp;
pub mod udp;

use crate::model::{Dissection, Layer, LayerKind, Malformed, Pdu, Span, Value};

/// Whether the frame's last four bytes are its FCS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fcs {
    /// Built frames carry one.
    Present,
    /// Captured frames do not: the network card strips it.
    Absent,
    /// Frames from elsewhere: present if the last four bytes are a correct CRC-32.
    Detect,
}

/// Dissects an Ethernet II frame. Never panics: whatever cannot be dissected
/// is reported in `malformed` with the layer and the byte offset.
pub fn dissect_ethernet(frame: &[u8], fcs: Fcs) -> Dissection {
    let has_fcs = match fcs {
        Fcs::Present => frame.len() >= ethernet::HEADER_LEN + ethernet::FCS_LEN,
        Fcs::Absent => false,
        Fcs::Detect => ethernet::ends_with_valid_fcs(frame),
    };
    let data_end = if has_fcs {
        frame.len() - ethernet::FCS_LEN
    } else {
        frame.len()
    };
    let mut dissection = Dissection {
        frame_length: frame.len(),
        layers: Vec::new(),
        malformed: None,
    };
    if data_end < ethernet::HEADER_LEN {
        dissection.malformed = Some(Malformed {
            protocol: "Ethernet II",
            offset: 0,
            message: format!(
                "Ethernet II header needs 14 bytes, {} left at offset 0",
                data_end
            ),
        });
        return dissection;
    }
    let (mut link, mut ether_type) = ethernet::header_layer(frame, frame.len());
    let mut inner: Vec<Layer> = Vec::new();
    let mut packet_end = data_end;
    // 802.1Q / 802.1ad tags sit between the MAC addresses and the EtherType.
    let mut start = ethernet::HEADER_LEN;
    let mut result = Ok(());
    while matches!(ether_type, 0x8100 | 0x88a8) {
        if data_end < start + 4 {
            result = Err(Malformed {
                protocol: "802.1Q VLAN tag",
                offset: start,
                message: format!(
                    "802.1Q tag needs 4 bytes, {} left at offset {start}",
                    data_end - start
                ),
            });
            break;
        }
        ether_type = vlan_tag(frame, start, &mut link);
        start += 4;
    }
    if result.is_ok() {
        result = dissect_network(
            frame,
            ether_type,
            start,
            data_end,
            &mut inner,
            &mut packet_end,
        );
    }
    if let Err(problem) = result {
        dissection.malformed = Some(problem);
    }
    ethernet::add_padding(
        &mut link,
        frame,
        Span {
            offset: packet_end,
            length: data_end - packet_end,
        },
    );
    if has_fcs {
        ethernet::add_fcs(&mut link, frame);
    }
    dissection.layers.push(link);
    dissection.layers.extend(inner);
    dissection
}

/// One VLAN tag at `start`: its fields join the link layer; returns the
/// EtherType that follows it.
fn vlan_tag(frame: &[u8], start: usize, link: &mut Layer) -> u16 {
    let r = fields::FieldReader::new(frame);
    let vid = r.uint(start, 2) & 0x0fff;
    let inner = r.uint(start + 2, 2) as u16;
    link.fields.push(r.bits(
        "vlan.pcp",
        "PCP (Priority Code Point)",
        (start, 1),
        (0, 3),
        "802.1p priority, 0 = best effort",
    ));
    link.fields.push(r.bits(
        "vlan.dei",
        "DEI (Drop Eligible)",
        (start, 1),
        (3, 1),
        "1 = may be dropped first under congestion",
    ));
    link.fields.push(r.bits(
        "vlan.id",
        "VLAN Identifier",
        (start, 2),
        (4, 12),
        format!("VLAN {vid}: the virtual LAN this frame belongs to"),
    ));
    link.fields.push(r.number(
        "vlan.type",
        "EtherType (inner)",
        start + 2,
        2,
        format!("0x{inner:04x} = {}", ethernet::ether_type_name(inner)),
    ));
    link.header.length += 4;
    inner
}

/// What an EtherType carries, from `start` to `end`.
fn dissect_network(
    frame: &[u8],
    ether_type: u16,
    start: usize,
    end: usize,
    inner: &mut Vec<Layer>,
    packet_end: &mut usize,
) -> Result<(), Malformed> {
    match ether_type {
        0x0800 => dissect_ipv4(frame, start, end, inner, packet_end),
        0x86dd => dissect_ipv6(frame, start, end, inner, packet_end),
        0x0806 => {
            let (layer, arp_end) = arp::dissect(frame, start, end)?;
            *packet_end = arp_end;
            inner.push(layer);
            Ok(())
        }
        other => {
            let mut layer = payload::layer(
                frame,
                Span {
                    offset: start,
                    length: end - start,
                },
                ethernet::ether_type_name(other),
            );
            layer.layer = LayerKind::Network;
            layer.pdu = Pdu::Packet;
            layer.notes.push(format!(
                "EtherType 0x{other:04x}: the bytes are shown as they are"
            ));
            inner.push(layer);
            Ok(())
        }
    }
}

/// The upper layer of an IP packet: UDP, ICMP or ICMPv6, else bytes named by number.
fn dissect_transport(
    frame: &[u8],
    protocol: u8,
    span: Span,
    addresses: (std::net::IpAddr, std::net::IpAddr),
    inner: &mut Vec<Layer>,
) -> Result<(), Malformed> {
    match (protocol, addresses) {
        (17, (src, dst)) => {
            let datagram = udp::dissect(frame, span.offset, span.end(), src, dst)?;
            let data = datagram.payload;
            inner.push(datagram.layer);
            inner.push(payload::layer(frame, data, "application data"));
        }
        (6, (src, dst)) => {
            let segment = tcp::dissect(frame, span.offset, span.end(), src, dst)?;
            let data = segment.payload;
            inner.push(segment.layer);
            inner.push(payload::layer(frame, data, "application data"));
        }
        (1, (std::net::IpAddr::V4(_), _)) => icmp::dissect(frame, span.offset, span.end(), inner)?,
        (58, (std::net::IpAddr::V6(src), std::net::IpAddr::V6(dst))) => {
            icmpv6::dissect(frame, span.offset, span.end(), src, dst, inner)?
        }
        (other, _) => {
            let mut layer = payload::layer(frame, span, ipv4::protocol_name(other));
            layer.layer = LayerKind::Transport;
            layer.notes.push(format!(
                "IP protocol {other}: the bytes are shown as they are"
            ));
            inner.push(layer);
        }
    }
    Ok(())
}

fn dissect_ipv6(
    frame: &[u8],
    start: usize,
    end: usize,
    inner: &mut Vec<Layer>,
    packet_end: &mut usize,
) -> Result<(), Malformed> {
    let ip = ipv6::dissect(frame, start, end)?;
    *packet_end = ip.payload.end();
    inner.extend(ip.layers);
    if ip.fragment {
        inner.push(payload::layer(frame, ip.payload, "IPv6 fragment data"));
        return Ok(());
    }
    dissect_transport(
        frame,
        ip.protocol,
        ip.payload,
        (ip.source.into(), ip.destination.into()),
        inner,
    )
}

/// A packet that starts at its IP header (pcap link type RAW, or hex from a
/// book): IPv4 or IPv6 by the version nibble.
pub fn dissect_raw_ip(packet: &[u8]) -> Dissection {
    let mut dissection = Dissection {
        frame_length: packet.len(),
        layers: Vec::new(),
        malformed: None,
    };
    let mut packet_end = packet.len();
    let result = match packet.first().map(|b| b >> 4) {
        Some(4) => dissect_ipv4(
            packet,
            0,
            packet.len(),
            &mut dissection.layers,
            &mut packet_end,
        ),
        Some(6) => dissect_ipv6(
            packet,
            0,
            packet.len(),
            &mut dissection.layers,
            &mut packet_end,
        ),
        Some(v) => Err(Malformed {
            protocol: "IP",
            offset: 0,
            message: format!("IP version {v} at offset 0 is neither 4 nor 6"),
        }),
        None => Err(Malformed {
            protocol: "IP",
            offset: 0,
            message: "an IP header needs at least 20 bytes, 0 given".into(),
        }),
    };
    dissection.malformed = result.err();
    dissection
}

/// A frame from a Linux "cooked" capture (pcap link type LINUX_SLL): a
/// 16-byte header instead of Ethernet's, then the EtherType's protocol.
pub fn dissect_linux_sll(frame: &[u8]) -> Dissection {
    let mut dissection = Dissection {
        frame_length: frame.len(),
        layers: Vec::new(),
        malformed: None,
    };
    if frame.len() < 16 {
        dissection.malformed = Some(Malformed {
            protocol: "Linux cooked capture",
            offset: 0,
            message: format!(
                "Linux cooked capture header needs 16 bytes, {} left at offset 0",
                frame.len()
            ),
        });
        return dissection;
    }
    let r = fields::FieldReader::new(frame);
    let packet_type = r.uint(0, 2);
    let address_len = (r.uint(4, 2) as usize).min(8);
    let protocol = r.uint(14, 2) as u16;
    let kind = match packet_type {
        0 => "0 = to us",
        1 => "1 = broadcast",
        2 => "2 = multicast",
        3 => "3 = to another host",
        4 => "4 = sent by us",
        _ => "not a known packet type",
    };
    let link = Layer {
        layer: LayerKind::Link,
        protocol: "Linux cooked capture (SLL)",
        pdu: Pdu::Frame,
        header: Span { offset: 0, length: 16 },
        trailer: Vec::new(),
        pdu_length: frame.len(),
        fields: vec![
            r.number("sll.packet_type", "Packet Type", 0, 2, kind),
            r.number("sll.arphrd", "ARPHRD Type", 2, 2, "the link type the kernel captured from (1 = Ethernet, 772 = loopback)"),
            r.number("sll.address_length", "Address Length", 4, 2, "bytes of the address that follow"),
            r.bytes("sll.address", "Source Address", 6, 8, Value::Text(crate::model::mac_text(&frame[6..6 + address_len])), "the sender's link-layer address"),
            r.number("sll.protocol", "Protocol", 14, 2, format!("0x{protocol:04x} = {}", ethernet::ether_type_name(protocol))),
        ],
        checks: Vec::new(),
        notes: vec!["a capture on Linux's \"any\" device: the kernel writes this header, the wire never carried it".into()],
    };
    let mut inner = Vec::new();
    let mut packet_end = frame.len();
    dissection.malformed = dissect_network(
        frame,
        protocol,
        16,
        frame.len(),
        &mut inner,
        &mut packet_end,
    )
    .err();
    dissection.layers.push(link);
    dissection.layers.extend(inner);
    dissection
}

fn dissect_ipv4(
    frame: &[u8],
    start: usize,
    end: usize,
    inner: &mut Vec<Layer>,
    packet_end: &mut usize,
) -> Result<(), Malformed> {
    let ip = ipv4::dissect(frame, start, end)?;
    *packet_end = ip.payload.end();
    let payload_span = ip.payload;
    inner.push(ip.layer);
    if ip.fragment {
        inner.push(payload::layer(frame, payload_span, "IPv4 fragment data"));
        return Ok(());
    }
    dissect_transport(
        frame,
        ip.protocol,
        payload_span,
        (ip.source.into(), ip.destination.into()),
        inner,
    )
}
