//! Where each header field sits, defined once, and a thin read-only view
//! over the few fields a capture filter asks about. The protocol files read
//! their offsets from here (`use super::view::offsets::ipv4 as offset`);
//! `net/capture.rs` reads the same offsets through the views below, so
//! deciding "is this frame ours?" for every captured frame costs a few byte
//! reads instead of a whole dissection (meanings, checks, allocations).
//!
//! The views check only what they read: a length too short for a field
//! gives `None`, never a panic. What a field means is the dissector's job.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::{arp, ethernet, icmp, ipv4, ipv6};

pub mod offsets {
    /// Offsets from the start of the Ethernet II header.
    pub mod ethernet {
        pub const DESTINATION: usize = 0;
        pub const SOURCE: usize = 6;
        pub const ETHER_TYPE: usize = 12;
    }

    /// Offsets from the start of the ARP message; the addresses follow at
    /// offsets that depend on the two lengths.
    pub mod arp {
        pub const HTYPE: usize = 0;
        pub const PTYPE: usize = 2;
        pub const HLEN: usize = 4;
        pub const PLEN: usize = 5;
        pub const OPER: usize = 6;
        pub const SHA: usize = 8;
    }

    /// Offsets from the start of the IPv4 header.
    pub mod ipv4 {
        pub const VERSION_IHL: usize = 0;
        pub const DSCP_ECN: usize = 1;
        pub const TOTAL_LENGTH: usize = 2;
        pub const IDENTIFICATION: usize = 4;
        pub const FLAGS_FRAGMENT: usize = 6;
        pub const TTL: usize = 8;
        pub const PROTOCOL: usize = 9;
        pub const CHECKSUM: usize = 10;
        pub const SOURCE: usize = 12;
        pub const DESTINATION: usize = 16;
        pub const OPTIONS: usize = 20;
    }

    /// Offsets from the start of the IPv6 header.
    pub mod ipv6 {
        pub const VERSION_CLASS_FLOW: usize = 0;
        pub const PAYLOAD_LENGTH: usize = 4;
        pub const NEXT_HEADER: usize = 6;
        pub const HOP_LIMIT: usize = 7;
        pub const SOURCE: usize = 8;
        pub const DESTINATION: usize = 24;
    }

    /// Offsets from the start of an extension header.
    pub mod ipv6_ext {
        pub const NEXT_HEADER: usize = 0;
        pub const LENGTH: usize = 1;
        /// Options (hop-by-hop, destination) start here.
        pub const OPTIONS: usize = 2;
        pub const ROUTING_TYPE: usize = 2;
        pub const SEGMENTS_LEFT: usize = 3;
        pub const ROUTING_DATA: usize = 4;
        pub const FRAGMENT_RESERVED: usize = 1;
        pub const FRAGMENT_OFFSET: usize = 2;
        pub const FRAGMENT_ID: usize = 4;
        pub const AH_RESERVED: usize = 2;
        pub const AH_SPI: usize = 4;
        pub const AH_SEQUENCE: usize = 8;
        pub const AH_ICV: usize = 12;
    }

    /// Offsets from the start of the ICMP message.
    pub mod icmp {
        pub const TYPE: usize = 0;
        pub const CODE: usize = 1;
        pub const CHECKSUM: usize = 2;
        /// The second 32-bit word: its meaning depends on the type.
        pub const WORD: usize = 4;
        pub const SEQUENCE: usize = 6;
        pub const NEXT_HOP_MTU: usize = 6;
        pub const POINTER_UNUSED: usize = 5;
        pub const ENTRY_SIZE: usize = 5;
        pub const LIFETIME: usize = 6;
        /// After the 8-byte header: echo data, the quoted datagram, router
        /// addresses, timestamps, the address mask.
        pub const BODY: usize = 8;
        pub const RECEIVE_TIMESTAMP: usize = 12;
        pub const TRANSMIT_TIMESTAMP: usize = 16;
    }

    /// Offsets from the start of the ICMPv6 message.
    pub mod icmpv6 {
        pub const TYPE: usize = 0;
        pub const CODE: usize = 1;
        pub const CHECKSUM: usize = 2;
        /// The second 32-bit word: identifier and sequence, MTU, pointer, flags.
        pub const BODY: usize = 4;
        pub const SEQUENCE: usize = 6;
        pub const ECHO_DATA: usize = 8;
        /// The invoking packet in an error message.
        pub const QUOTED: usize = 8;
        pub const TARGET: usize = 8;
        pub const ND_OPTIONS: usize = 24;
        pub const REDIRECT_DESTINATION: usize = 24;
        pub const REDIRECT_OPTIONS: usize = 40;
        pub const RS_OPTIONS: usize = 8;
        pub const RA_HOP_LIMIT: usize = 4;
        pub const RA_FLAGS: usize = 5;
        pub const RA_LIFETIME: usize = 6;
        pub const RA_REACHABLE: usize = 8;
        pub const RA_RETRANS: usize = 12;
        pub const RA_OPTIONS: usize = 16;
    }

    /// Offsets from the start of the UDP header.
    pub mod udp {
        pub const SOURCE_PORT: usize = 0;
        pub const DESTINATION_PORT: usize = 2;
        pub const LENGTH: usize = 4;
        pub const CHECKSUM: usize = 6;
    }
}

/// The big-endian number in the two bytes at `at`, if both are there.
fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
}

fn array_at<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at + N)?.try_into().ok()
}

/// EtherType values the views follow.
pub mod ether_type {
    pub const IPV4: u16 = 0x0800;
    pub const ARP: u16 = 0x0806;
    pub const IPV6: u16 = 0x86dd;
}

/// IP protocol / IPv6 next-header numbers the views follow.
pub mod protocol {
    pub const ICMP: u8 = 1;
    pub const UDP: u8 = 17;
    pub const TCP: u8 = 6;
    pub const IPV6_FRAGMENT: u8 = 44;
    pub const ICMPV6: u8 = 58;
}

/// An Ethernet II frame (no 802.1Q tag: captured frames arrive untagged).
#[derive(Debug, Clone, Copy)]
pub struct Ethernet<'a> {
    frame: &'a [u8],
}

impl<'a> Ethernet<'a> {
    pub fn new(frame: &'a [u8]) -> Option<Self> {
        (frame.len() >= ethernet::HEADER_LEN).then_some(Ethernet { frame })
    }
    pub fn ether_type(&self) -> u16 {
        u16_at(self.frame, offsets::ethernet::ETHER_TYPE).unwrap_or(0)
    }
    /// Everything after the header (an FCS, if any, included).
    pub fn payload(&self) -> &'a [u8] {
        &self.frame[ethernet::HEADER_LEN..]
    }
    /// The IPv4 packet this frame carries, if its EtherType says IPv4.
    pub fn ipv4(&self) -> Option<Ipv4<'a>> {
        (self.ether_type() == ether_type::IPV4)
            .then(|| Ipv4::new(self.payload()))
            .flatten()
    }
    /// The IPv6 packet this frame carries, if its EtherType says IPv6.
    pub fn ipv6(&self) -> Option<Ipv6<'a>> {
        (self.ether_type() == ether_type::IPV6)
            .then(|| Ipv6::new(self.payload()))
            .flatten()
    }
    /// The ARP message this frame carries, if its EtherType says ARP.
    pub fn arp(&self) -> Option<Arp<'a>> {
        (self.ether_type() == ether_type::ARP)
            .then(|| Arp::new(self.payload()))
            .flatten()
    }
}

/// An IPv4 packet: the header and as much payload as the total length
/// claims and the bytes hold.
#[derive(Debug, Clone, Copy)]
pub struct Ipv4<'a> {
    header: &'a [u8],
    payload: &'a [u8],
}

impl<'a> Ipv4<'a> {
    /// The packet at the start of `bytes`: version 4 and a whole fixed header.
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        let header = bytes.get(..ipv4::MIN_HEADER_LEN)?;
        let first = header[offsets::ipv4::VERSION_IHL];
        if first >> 4 != 4 {
            return None;
        }
        let ihl = usize::from(first & 0x0f) * 4;
        let total = usize::from(u16_at(header, offsets::ipv4::TOTAL_LENGTH)?);
        let end = total.min(bytes.len()).max(ihl);
        Some(Ipv4 {
            header,
            payload: bytes.get(ihl..end)?,
        })
    }
    pub fn protocol(&self) -> u8 {
        self.header[offsets::ipv4::PROTOCOL]
    }
    pub fn source(&self) -> Ipv4Addr {
        Ipv4Addr::from(array_at::<4>(self.header, offsets::ipv4::SOURCE).unwrap_or_default())
    }
    pub fn destination(&self) -> Ipv4Addr {
        Ipv4Addr::from(array_at::<4>(self.header, offsets::ipv4::DESTINATION).unwrap_or_default())
    }
    fn flags_fragment(&self) -> u16 {
        u16_at(self.header, offsets::ipv4::FLAGS_FRAGMENT).unwrap_or(0)
    }
    /// MF: more fragments of this datagram follow.
    pub fn more_fragments(&self) -> bool {
        self.flags_fragment() & 0x2000 != 0
    }
    /// Where this piece belongs in the datagram's payload, in bytes.
    pub fn fragment_offset(&self) -> usize {
        usize::from(self.flags_fragment() & 0x1fff) * 8
    }
    /// After the header (options included), up to the total length.
    pub fn payload(&self) -> &'a [u8] {
        self.payload
    }
}

/// An IPv6 packet: the fixed header and as much payload as the payload
/// length claims and the bytes hold.
#[derive(Debug, Clone, Copy)]
pub struct Ipv6<'a> {
    header: &'a [u8],
    payload: &'a [u8],
}

impl<'a> Ipv6<'a> {
    /// The packet at the start of `bytes`: version 6 and a whole fixed header.
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        let header = bytes.get(..ipv6::HEADER_LEN)?;
        if header[offsets::ipv6::VERSION_CLASS_FLOW] >> 4 != 6 {
            return None;
        }
        let length = usize::from(u16_at(header, offsets::ipv6::PAYLOAD_LENGTH)?);
        let end = (ipv6::HEADER_LEN + length).min(bytes.len());
        Some(Ipv6 {
            header,
            payload: bytes.get(ipv6::HEADER_LEN..end)?,
        })
    }
    pub fn next_header(&self) -> u8 {
        self.header[offsets::ipv6::NEXT_HEADER]
    }
    pub fn source(&self) -> Ipv6Addr {
        Ipv6Addr::from(array_at::<16>(self.header, offsets::ipv6::SOURCE).unwrap_or_default())
    }
    pub fn destination(&self) -> Ipv6Addr {
        Ipv6Addr::from(array_at::<16>(self.header, offsets::ipv6::DESTINATION).unwrap_or_default())
    }
    /// After the fixed header, up to the payload length.
    pub fn payload(&self) -> &'a [u8] {
        self.payload
    }
    /// The Fragment header right after the fixed header, if next header says so.
    pub fn fragment(&self) -> Option<Ipv6Fragment<'a>> {
        (self.next_header() == protocol::IPV6_FRAGMENT)
            .then(|| Ipv6Fragment::new(self.payload))
            .flatten()
    }
}

/// An IPv6 Fragment header and what follows it.
#[derive(Debug, Clone, Copy)]
pub struct Ipv6Fragment<'a> {
    bytes: &'a [u8],
}

/// The Fragment header is always 8 bytes (RFC 8200 section 4.5).
pub const IPV6_FRAGMENT_LEN: usize = 8;

impl<'a> Ipv6Fragment<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        (bytes.len() >= IPV6_FRAGMENT_LEN).then_some(Ipv6Fragment { bytes })
    }
    /// The header of what the reassembled datagram carries.
    pub fn next_header(&self) -> u8 {
        self.bytes[offsets::ipv6_ext::NEXT_HEADER]
    }
    fn offset_word(&self) -> u16 {
        u16_at(self.bytes, offsets::ipv6_ext::FRAGMENT_OFFSET).unwrap_or(0)
    }
    /// Where this piece belongs in the datagram, in bytes.
    pub fn offset(&self) -> usize {
        usize::from(self.offset_word() >> 3) * 8
    }
    /// The M flag: more fragments of this datagram follow.
    pub fn more_fragments(&self) -> bool {
        self.offset_word() & 1 != 0
    }
    pub fn payload(&self) -> &'a [u8] {
        &self.bytes[IPV6_FRAGMENT_LEN..]
    }
}

/// The ports of a UDP header (a whole header is not needed: an ICMP error
/// may quote fewer bytes than the kernel sent).
#[derive(Debug, Clone, Copy)]
pub struct Udp<'a> {
    bytes: &'a [u8],
}

impl<'a> Udp<'a> {
    /// Needs the two ports; the rest of the header may be cut off.
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        (bytes.len() >= offsets::udp::LENGTH).then_some(Udp { bytes })
    }
    pub fn source_port(&self) -> u16 {
        u16_at(self.bytes, offsets::udp::SOURCE_PORT).unwrap_or(0)
    }
    pub fn destination_port(&self) -> u16 {
        u16_at(self.bytes, offsets::udp::DESTINATION_PORT).unwrap_or(0)
    }
}

/// An ICMP (IPv4) or ICMPv6 message: both put the type first and the body
/// after an 8-byte header.
#[derive(Debug, Clone, Copy)]
pub struct Icmp<'a> {
    bytes: &'a [u8],
}

impl<'a> Icmp<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        (bytes.len() >= icmp::HEADER_LEN).then_some(Icmp { bytes })
    }
    pub fn kind(&self) -> u8 {
        self.bytes[offsets::icmp::TYPE]
    }
    /// The invoking packet an ICMP (v4) error quotes.
    pub fn quoted_ipv4(&self) -> Option<Ipv4<'a>> {
        Ipv4::new(self.bytes.get(offsets::icmp::BODY..)?)
    }
    /// The invoking packet an ICMPv6 error quotes.
    pub fn quoted_ipv6(&self) -> Option<Ipv6<'a>> {
        Ipv6::new(self.bytes.get(offsets::icmpv6::QUOTED..)?)
    }
    /// The Target Address of a Neighbor Solicitation or Advertisement.
    pub fn nd_target(&self) -> Option<Ipv6Addr> {
        array_at::<16>(self.bytes, offsets::icmpv6::TARGET).map(Ipv6Addr::from)
    }
}

/// Neighbor Solicitation and Advertisement (RFC 4861), the ICMPv6 types
/// that ask for and give a MAC.
pub mod icmpv6_type {
    pub const NEIGHBOR_SOLICITATION: u8 = 135;
    pub const NEIGHBOR_ADVERTISEMENT: u8 = 136;
}

/// An ARP message for IPv4 addresses (protocol type 0x0800, 4-byte
/// addresses), whatever the hardware address length.
#[derive(Debug, Clone, Copy)]
pub struct Arp<'a> {
    bytes: &'a [u8],
}

impl<'a> Arp<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        (bytes.len() >= arp::FIXED_LEN).then_some(Arp { bytes })
    }
    /// 1 = request, 2 = reply.
    pub fn operation(&self) -> u16 {
        u16_at(self.bytes, offsets::arp::OPER).unwrap_or(0)
    }
    /// Sender and target protocol addresses, when they are IPv4 addresses.
    pub fn ipv4_addresses(&self) -> Option<(Ipv4Addr, Ipv4Addr)> {
        let b = self.bytes;
        if u16_at(b, offsets::arp::PTYPE)? != ether_type::IPV4 || b[offsets::arp::PLEN] != 4 {
            return None;
        }
        let hlen = usize::from(b[offsets::arp::HLEN]);
        // The addresses follow one another: SHA, SPA, THA, TPA.
        let spa = offsets::arp::SHA + hlen;
        let tpa = spa + 4 + hlen;
        Some((
            Ipv4Addr::from(array_at::<4>(b, spa)?),
            Ipv4Addr::from(array_at::<4>(b, tpa)?),
        ))
    }
}
