//! A varied set of Ethernet frames for the tests that hold a fast path to
//! its reference (tests/speed_same_output.rs: the table writer against
//! comfy-table; tests/jsonfast_same_output.rs: the JSON writer against
//! serde_json): every protocol the dissector knows, characters that need
//! escaping, bad checksums, malformed and cut-short frames. Each frame comes
//! with the number of bytes the capture cut off its end (0: it is whole).
//! `link_cases` reads each under every link type it can be read as
//! (tests/brief_same_summary.rs: the summary's brief dissection against the
//! full one, as well).

use std::time::Duration;

use etherparse::{icmpv4, Icmpv4Type, PacketBuilder, TcpHeader, TcpOptionElement, VlanId};
use stackviz::decode::{Link, RawFrame};
use stackviz::dissect::Fcs;

pub const A: [u8; 6] = [2, 0, 0, 0, 0, 1];
pub const B: [u8; 6] = [2, 0, 0, 0, 0, 2];
pub const IP_A: [u8; 4] = [192, 168, 1, 10];
pub const IP_B: [u8; 4] = [8, 8, 8, 8];
pub const IP6_A: [u8; 16] = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
pub const IP6_B: [u8; 16] = [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];

/// A UDP datagram from A to B over IPv4.
pub fn udp4(sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv4(IP_A, IP_B, 64)
        .udp(sport, dport)
        .write(&mut f, payload)
        .unwrap();
    f
}

/// The frames, each with the bytes the capture cut off (0: whole).
pub fn ethernet_frames() -> Vec<(Vec<u8>, usize)> {
    let long: Vec<u8> = (0..1400u32).map(|i| (i * 7) as u8).collect();
    let every_byte: Vec<u8> = (0..=255u8).collect();
    let mut out: Vec<(Vec<u8>, usize)> = [
        udp4(40000, 15001, b"Hello!!"),
        udp4(
            53000,
            53,
            b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00",
        ),
        udp4(
            1024,
            65535,
            "普通的 UDP 用户数据报：你好，世界！".as_bytes(),
        ),
        udp4(
            7,
            9,
            b"tab\there \"quoted\" back\\slash \x00\x1f\x7f\r\n\x08\x0c",
        ),
        udp4(33000, 33001, &every_byte),
        udp4(33000, 33001, &long),
        udp4(0, 0, b""),
        udp4(
            5353,
            5353,
            "naïve café… zero\u{200b}width \u{2028}".as_bytes(),
        ),
    ]
    .into_iter()
    .map(|f| (f, 0))
    .collect();
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv6(IP6_A, IP6_B, 255)
        .udp(546, 547)
        .write(&mut f, b"dhcpv6")
        .unwrap();
    out.push((f, 0));
    let mut tcp = TcpHeader::new(40001, 443, 123_456, 64_240);
    tcp.syn = true;
    tcp.ack = true;
    tcp.acknowledgment_number = 99;
    tcp.set_options(&[
        TcpOptionElement::MaximumSegmentSize(1460),
        TcpOptionElement::SelectiveAcknowledgementPermitted,
        TcpOptionElement::Timestamp(99, 0),
        TcpOptionElement::Noop,
        TcpOptionElement::WindowScale(7),
    ])
    .unwrap();
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv4(IP_A, IP_B, 64)
        .tcp_header(tcp)
        .write(&mut f, b"GET / HTTP/1.1\r\nHost: example\r\n\r\n")
        .unwrap();
    out.push((f, 0));
    // ARP request and reply.
    for (oper, target) in [(1u8, IP_B), (2, IP_A)] {
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&A);
        f.extend_from_slice(&[0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4, 0, oper]);
        f.extend_from_slice(&A);
        f.extend_from_slice(&IP_A);
        f.extend_from_slice(&[0; 6]);
        f.extend_from_slice(&target);
        out.push((f, 0));
    }
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv4(IP_A, IP_B, 1)
        .icmpv4_echo_request(7, 1)
        .write(&mut f, b"ping")
        .unwrap();
    out.push((f, 0));
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv6(IP6_A, IP6_B, 64)
        .icmpv6_echo_request(7, 1)
        .write(&mut f, b"ping")
        .unwrap();
    out.push((f, 0));
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .single_vlan(VlanId::try_new(42).unwrap())
        .ipv4(IP_A, IP_B, 64)
        .udp(40002, 53)
        .write(&mut f, b"vlan")
        .unwrap();
    out.push((f, 0));
    let mut f = Vec::new();
    PacketBuilder::ethernet2(B, A)
        .ipv4(IP_B, IP_A, 64)
        .icmpv4(Icmpv4Type::DestinationUnreachable(
            icmpv4::DestUnreachableHeader::Port,
        ))
        .write(&mut f, &udp4(40000, 15001, b"lost")[14..])
        .unwrap();
    out.push((f, 0));
    // IPv6 with a Hop-by-Hop options header (PadN) before UDP.
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv6(IP6_A, IP6_B, 64)
        .udp(546, 547)
        .write(&mut f, b"hop-by-hop")
        .unwrap();
    let length = u16::from_be_bytes([f[18], f[19]]) + 8;
    f[18..20].copy_from_slice(&length.to_be_bytes());
    f[20] = 0;
    f.splice(54..54, [17, 0, 1, 4, 0, 0, 0, 0]);
    out.push((f, 0));
    // Bad UDP and IPv4 header checksums.
    let mut f = udp4(40000, 15001, b"bad sums");
    f[40] ^= 0xff;
    out.push((f.clone(), 0));
    f[24] ^= 0x55;
    out.push((f, 0));
    // IPv4 options; a first fragment.
    let mut f = udp4(40000, 15001, b"options");
    f[14] = 0x46;
    f.splice(34..34, [1, 1, 1, 0]);
    out.push((f, 0));
    let mut f = udp4(40000, 15001, b"fragment");
    f[20] |= 0x20;
    out.push((f, 0));
    // Malformed: the IPv4 header runs past the frame; version 7.
    let mut f = udp4(40000, 15001, b"x");
    f.truncate(24);
    out.push((f, 0));
    let mut f = udp4(40000, 15001, b"x");
    f[14] = 0x75;
    out.push((f, 0));
    // Cut short by the capture inside the payload, and inside the IPv4 header.
    let mut f = udp4(40000, 15001, &long[..300]);
    f.truncate(80);
    out.push((f, 262));
    let mut f = udp4(40000, 15001, &long[..300]);
    f.truncate(20);
    out.push((f, 322));
    // An unknown EtherType.
    let mut f = vec![0xff; 6];
    f.extend_from_slice(&A);
    f.extend_from_slice(&[0x88, 0xb5]);
    f.extend_from_slice(&[0xab; 46]);
    out.push((f, 0));
    out
}

/// `frame` read from a capture of `link`, `missing` bytes cut off by the
/// snap length, at `at` seconds into the capture.
pub fn raw(data: &[u8], link: Link, missing: usize, at: Option<Duration>) -> RawFrame<'_> {
    RawFrame {
        number: 7,
        timestamp: at,
        data,
        original_length: data.len() + missing,
        link,
        fcs: Fcs::Detect,
        comment: None,
    }
}

/// Every frame under every link type it can be read as (its IP packet
/// raw and behind a Linux cooked header too), at several times.
pub fn link_cases() -> Vec<(Vec<u8>, Link, usize, Option<Duration>)> {
    let times = [
        None,
        Some(Duration::ZERO),
        Some(Duration::new(1_700_000_000, 1_000)),
        Some(Duration::new(3723, 42_000)),
        Some(Duration::new(1, 500_000_000)),
    ];
    let mut out = Vec::new();
    for (i, (frame, missing)) in ethernet_frames().into_iter().enumerate() {
        let at = times[i % times.len()];
        if frame.len() > 14 && frame[12..14] == [0x08, 0x00] {
            let ip = frame[14..].to_vec();
            let mut cooked = vec![0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00];
            cooked.extend_from_slice(&ip);
            out.push((ip, Link::RawIp, missing, at));
            out.push((cooked, Link::LinuxSll, missing, at));
        }
        out.push((frame.clone(), Link::Other(147), missing, at));
        out.push((frame, Link::Ethernet, missing, at));
    }
    out
}
