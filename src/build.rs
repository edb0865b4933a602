//! From a spec to frame bytes: etherparse writes the Ethernet, IPv4 or IPv6,
//! and UDP headers (lengths and checksums included); we add what it leaves
//! out, the padding to Ethernet's 60-byte minimum and the CRC-32 FCS.

use std::net::IpAddr;

use etherparse::{
    IpDscp, IpEcn, IpHeaders, IpNumber, Ipv4Header, Ipv6FlowLabel, Ipv6Header, PacketBuilder,
};

use crate::dissect::ethernet::{FCS_LEN, MIN_FRAME_NO_FCS};
use crate::error::Error;

/// The largest UDP payload IPv4 can carry: 65,535 − 20 (IPv4) − 8 (UDP).
pub const MAX_UDP_PAYLOAD_V4: usize = 65_507;

/// The largest UDP payload IPv6 can carry without jumbograms: the UDP length
/// field's 65,535 − 8.
pub const MAX_UDP_PAYLOAD_V6: usize = 65_527;

/// Everything that decides the bytes of one Ethernet/IP/UDP frame. Both
/// addresses must be of the same family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatagramSpec {
    pub src_mac: [u8; 6],
    pub dst_mac: [u8; 6],
    pub src_ip: IpAddr,
    pub dst_ip: IpAddr,
    /// TTL (IPv4) or hop limit (IPv6).
    pub ttl: u8,
    /// IPv4 only.
    pub identification: u16,
    /// IPv4 only.
    pub dont_fragment: bool,
    /// IPv6 only: 20 bits.
    pub flow_label: u32,
    /// 6 bits.
    pub dscp: u8,
    /// 2 bits.
    pub ecn: u8,
    pub src_port: u16,
    pub dst_port: u16,
    pub payload: Vec<u8>,
}

/// The frame as it would cross an Ethernet cable, FCS included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltFrame {
    pub bytes: Vec<u8>,
    /// Zero bytes added after the IPv4 packet to reach the minimum size.
    pub padding: usize,
}

/// Builds the frame for `spec`.
pub fn build_frame(spec: &DatagramSpec) -> Result<BuiltFrame, Error> {
    let too_large = || Error::PayloadTooLarge {
        length: spec.payload.len(),
    };
    let ip = match (spec.src_ip, spec.dst_ip) {
        (IpAddr::V4(src), IpAddr::V4(dst)) => {
            if spec.payload.len() > MAX_UDP_PAYLOAD_V4 {
                return Err(too_large());
            }
            // The bound above keeps the IPv4 payload within u16.
            let udp_len = u16::try_from(spec.payload.len() + 8).map_err(|_| too_large())?;
            let mut ip =
                Ipv4Header::new(udp_len, spec.ttl, IpNumber::UDP, src.octets(), dst.octets())
                    .map_err(|_| too_large())?;
            ip.identification = spec.identification;
            ip.dont_fragment = spec.dont_fragment;
            ip.dscp = IpDscp::try_new(spec.dscp & 0x3f).unwrap_or_default();
            ip.ecn = IpEcn::try_new(spec.ecn & 0x03).unwrap_or_default();
            IpHeaders::Ipv4(ip, Default::default())
        }
        (IpAddr::V6(src), IpAddr::V6(dst)) => {
            if spec.payload.len() > MAX_UDP_PAYLOAD_V6 {
                return Err(Error::PayloadTooLargeV6 {
                    length: spec.payload.len(),
                });
            }
            let ip = Ipv6Header {
                traffic_class: (spec.dscp & 0x3f) << 2 | (spec.ecn & 0x03),
                flow_label: Ipv6FlowLabel::try_new(spec.flow_label & 0xf_ffff).unwrap_or_default(),
                payload_length: 0,
                next_header: IpNumber::UDP,
                hop_limit: spec.ttl,
                source: src.octets(),
                destination: dst.octets(),
            };
            IpHeaders::Ipv6(ip, Default::default())
        }
        _ => return Err(Error::MixedFamilies),
    };
    let builder = PacketBuilder::ethernet2(spec.src_mac, spec.dst_mac)
        .ip(ip)
        .udp(spec.src_port, spec.dst_port);
    let mut bytes = Vec::with_capacity(builder.size(spec.payload.len()) + 64);
    builder
        .write(&mut bytes, &spec.payload)
        .map_err(|_| too_large())?;
    let padding = MIN_FRAME_NO_FCS.saturating_sub(bytes.len());
    bytes.resize(bytes.len() + padding, 0);
    let fcs = crc32fast::hash(&bytes);
    // IEEE 802.3 sends the CRC least significant byte first.
    bytes.extend_from_slice(&fcs.to_le_bytes());
    debug_assert!(bytes.len() >= MIN_FRAME_NO_FCS + FCS_LEN);
    Ok(BuiltFrame { bytes, padding })
}
