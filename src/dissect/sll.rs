//! The Linux "cooked" capture header (pcap link type LINUX_SLL, 113): the 16
//! bytes the kernel writes in front of each packet captured on the "any"
//! device or on links without an Ethernet header. The wire never carried it.

use super::fields::FieldReader;
use crate::model::{mac_text, Layer, LayerKind, Pdu, Span, Value};
use crate::t;

pub const HEADER_LEN: usize = 16;
/// ARPHRD_NETLINK: the protocol field holds a netlink family, not an EtherType.
pub const ARPHRD_NETLINK: u16 = 824;

/// Offsets from the start of the cooked header.
mod offset {
    pub const PACKET_TYPE: usize = 0;
    pub const ARPHRD: usize = 2;
    pub const ADDRESS_LENGTH: usize = 4;
    pub const ADDRESS: usize = 6;
    pub const PROTOCOL: usize = 14;
}

/// Bytes reserved for the address, whatever its length.
const ADDRESS_ROOM: usize = 8;

fn packet_type_meaning(value: u64) -> &'static str {
    match value {
        0 => t!("0 = to us: addressed to this host"),
        1 => t!("1 = broadcast: to every host on the link"),
        2 => t!("2 = multicast: to a group"),
        3 => t!("3 = to another host, seen because the interface is promiscuous"),
        4 => t!("4 = sent by us: an outgoing packet"),
        _ => t!("not a packet type Linux defines"),
    }
}

fn arphrd_meaning(value: u16) -> String {
    let name = match value {
        1 => t!("Ethernet"),
        24 => "IEEE 1394",
        32 => "InfiniBand",
        256 => "SLIP",
        512 => "PPP",
        768 => t!("IP-in-IP tunnel"),
        769 => t!("IPv6-in-IPv6 tunnel"),
        772 => t!("loopback"),
        776 => t!("SIT (IPv6-in-IPv4 tunnel)"),
        778 => t!("GRE tunnel"),
        801 => t!("IEEE 802.11 (Wi-Fi)"),
        803 => t!("IEEE 802.11 with radiotap"),
        823 => t!("IPv6 over IEEE 802.15.4"),
        824 => "netlink",
        65534 => t!("none (a tun device: bare IP packets)"),
        280 => "CAN",
        _ => t!("a link type stackviz does not know"),
    };
    t!(
        "{value} = {name}: the kind of link the packet was captured on (ARPHRD_*)",
        value,
        name
    )
}

/// Name of a protocol value below 0x0600, where Linux puts its own numbers
/// (ETH_P_* in if_ether.h) instead of an EtherType.
pub fn special_protocol_name(value: u16) -> &'static str {
    match value {
        0x0001 => t!("802.3 frame without an LLC header (Novell raw)"),
        0x0002 => "AX.25",
        0x0003 => t!("every protocol (ETH_P_ALL)"),
        0x0004 => t!("802.2 LLC frame"),
        0x0005 => "SNAP",
        0x0007 => t!("PPP on a WAN link"),
        0x000c => "CAN",
        0x000d => "CAN FD",
        0x0011 => t!("802.2 on token ring"),
        0x0019 => "HDLC",
        0x00f6 => "IEEE 802.15.4",
        _ => t!("a Linux protocol number stackviz does not know"),
    }
}

/// The header's fields; `frame` holds at least `HEADER_LEN` bytes. Returns the
/// layer, the ARPHRD type and the protocol value.
pub fn header_layer(frame: &[u8]) -> (Layer, u16, u16) {
    let r = FieldReader::new(frame);
    let packet_type = r.uint(offset::PACKET_TYPE, 2);
    let arphrd = r.uint(offset::ARPHRD, 2) as u16;
    let address_len = r.uint(offset::ADDRESS_LENGTH, 2) as usize;
    let used = address_len.min(ADDRESS_ROOM);
    let protocol = r.uint(offset::PROTOCOL, 2) as u16;
    let protocol_meaning = if arphrd == ARPHRD_NETLINK {
        t!(
            "netlink family {protocol} (on a netlink capture this is no EtherType)",
            protocol
        )
    } else if protocol < 0x0600 {
        t!(
            "{number} = {name}: a Linux protocol number, not an EtherType",
            number = format!("0x{protocol:04x}"),
            name = special_protocol_name(protocol)
        )
    } else {
        t!(
            "{number} = {name}: an EtherType, as in an Ethernet header",
            number = format!("0x{protocol:04x}"),
            name = super::ethernet::ether_type_name(protocol)
        )
    };
    let address = &frame[offset::ADDRESS..offset::ADDRESS + used];
    let fields = vec![
        r.number(
            "sll.packet_type",
            "Packet Type",
            offset::PACKET_TYPE,
            2,
            packet_type_meaning(packet_type),
        ),
        r.number(
            "sll.arphrd",
            "ARPHRD Type",
            offset::ARPHRD,
            2,
            arphrd_meaning(arphrd),
        ),
        r.number(
            "sll.address_length",
            "Address Length",
            offset::ADDRESS_LENGTH,
            2,
            if address_len > ADDRESS_ROOM {
                t!(
                    "{address_len} bytes: more than the 8 the header has room for, so only 8 are kept",
                    address_len
                )
            } else {
                t!("{address_len} of the 8 address bytes are used", address_len)
            },
        ),
        r.bytes(
            "sll.address",
            "Source Address",
            offset::ADDRESS,
            ADDRESS_ROOM,
            Value::Text(mac_text(address)),
            if used == 0 {
                t!("none: this link type has no link-layer addresses").to_string()
            } else if packet_type == 4 {
                t!("this host's own link-layer address (an outgoing packet)").to_string()
            } else {
                t!("the sender's link-layer address (the destination address is not kept)").to_string()
            },
        ),
        r.number(
            "sll.protocol",
            "Protocol",
            offset::PROTOCOL,
            2,
            protocol_meaning,
        ),
    ];
    let layer = Layer {
        layer: LayerKind::Link,
        protocol: "Linux cooked capture (SLL)",
        pdu: Pdu::Frame,
        header: Span {
            offset: 0,
            length: HEADER_LEN,
        },
        trailer: Vec::new(),
        pdu_length: frame.len(),
        fields,
        checks: Vec::new(),
        notes: vec![t!("a capture on Linux's \"any\" device (or a link without Ethernet): the kernel writes this header, the wire never carried it; the link's own header is gone").into()],
    };
    (layer, arphrd, protocol)
}

/// Bytes after the packet's end in a cooked capture: the padding of a short
/// Ethernet frame, which the capture keeps.
pub fn add_padding(layer: &mut Layer, frame: &[u8], span: Span) {
    if span.length == 0 {
        return;
    }
    let r = FieldReader::new(frame);
    layer.fields.push(r.bytes(
        "sll.padding",
        "Padding",
        span.offset,
        span.length,
        Value::Number(span.length as u64),
        t!(
            "{bytes} bytes after the packet's end: padding of the original frame (Ethernet pads frames to 60 bytes), not part of the packet",
            bytes = span.length
        ),
    ));
    layer.trailer.push(span);
}
