//! The fixed header sizes every room counts with, named once: the dissector
//! reads its layouts with them, the builder and the plan size packets with
//! them, net words the EMSGSIZE refusal with them. Imports nothing.

/// Ethernet II header: destination MAC, source MAC, EtherType.
pub const ETHERNET: usize = 14;
/// Ethernet's frame check sequence (CRC-32) at the end of the frame.
pub const FCS: usize = 4;
/// IPv4 header without options (the kernel adds none to UDP).
pub const IPV4: usize = 20;
/// IPv6 base header.
pub const IPV6: usize = 40;
/// IPv6 Fragment extension header.
pub const IPV6_FRAGMENT: usize = 8;
/// UDP header.
pub const UDP: usize = 8;

/// The IP header a UDP datagram of this family carries.
pub const fn ip(v6: bool) -> usize {
    if v6 {
        IPV6
    } else {
        IPV4
    }
}

/// The IP packet that carries `payload` bytes of UDP data: IP header, UDP
/// header, data.
pub const fn udp_packet(payload: usize, v6: bool) -> usize {
    ip(v6) + UDP + payload
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_udp_packet_counts_both_headers() {
        // 7 bytes: 20 + 8 + 7 over IPv4, 40 + 8 + 7 over IPv6.
        assert_eq!(udp_packet(7, false), 35);
        assert_eq!(udp_packet(7, true), 55);
    }
}
