//! From a spec to frame bytes: etherparse writes the Ethernet, IPv4 and UDP
//! headers (lengths and checksums included); we add what it leaves out, the
//! padding to Ethernet's 60-byte minimum and the CRC-32 FCS.

use std::net::Ipv4Addr;

use etherparse::{IpDscp, IpEcn, IpHeaders, IpNumber, Ipv4Header, PacketBuilder};

use crate::dissect::ethernet::{FCS_LEN, MIN_FRAME_NO_FCS};
use crate::error::Error;

/// The largest UDP payload IPv4 can carry: 65,535 − 20 (IPv4) − 8 (UDP).
pub const MAX_UDP_PAYLOAD_V4: usize = 65_507;

/// Everything that decides the bytes of one Ethernet/IPv4/UDP frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatagramSpec {
    pub src_mac: [u8; 6],
    pub dst_mac: [u8; 6],
    pub src_ip: Ipv4Addr,
    pub dst_ip: Ipv4Addr,
    pub ttl: u8,
    pub identification: u16,
    pub dont_fragment: bool,
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
    if spec.payload.len() > MAX_UDP_PAYLOAD_V4 {
        return Err(Error::PayloadTooLarge {
            length: spec.payload.len(),
        });
    }
    // The payload bound above keeps the IPv4 payload within u16, so these
    // conversions cannot fail; map them to the same error anyway.
    let too_large = || Error::PayloadTooLarge {
        length: spec.payload.len(),
    };
    let udp_len = u16::try_from(spec.payload.len() + 8).map_err(|_| too_large())?;
    let mut ip = Ipv4Header::new(
        udp_len,
        spec.ttl,
        IpNumber::UDP,
        spec.src_ip.octets(),
        spec.dst_ip.octets(),
    )
    .map_err(|_| too_large())?;
    ip.identification = spec.identification;
    ip.dont_fragment = spec.dont_fragment;
    ip.dscp = IpDscp::try_new(spec.dscp & 0x3f).unwrap_or_default();
    ip.ecn = IpEcn::try_new(spec.ecn & 0x03).unwrap_or_default();

    let builder = PacketBuilder::ethernet2(spec.src_mac, spec.dst_mac)
        .ip(IpHeaders::Ipv4(ip, Default::default()))
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
