//! Which captured frames `send` and `recv` keep, checked on frames written
//! byte by byte here (not built by stackviz, so a wrong offset in the
//! shared field view cannot hide behind the same mistake in a builder).

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

use stackviz::net::capture::{
    carries_datagram, classify, fragment_offset, is_arp_between, is_datagram_to_port,
    is_neighbour_discovery_for, is_neighbour_request, more_fragments, udp_destination_port,
    FrameKind,
};

const OURS4: [u8; 4] = [10, 0, 0, 1];
const THEIRS4: [u8; 4] = [10, 0, 0, 2];
const OURS6: [u8; 16] = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const THEIRS6: [u8; 16] = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
const OUR_PORT: u16 = 40000;
const THEIR_PORT: u16 = 9;

fn v4(ip: [u8; 4], port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::from(ip), port))
}
fn v6(ip: [u8; 16], port: u16) -> SocketAddr {
    SocketAddr::from((Ipv6Addr::from(ip), port))
}

/// Ethernet header (made-up MACs) + `payload`.
fn ethernet(ether_type: u16, payload: &[u8]) -> Vec<u8> {
    let mut f = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1];
    f.extend(ether_type.to_be_bytes());
    f.extend(payload);
    f
}

/// An IPv4 packet; `flags_fragment` is the 16-bit flags + offset word.
fn ipv4(protocol: u8, src: [u8; 4], dst: [u8; 4], flags_fragment: u16, payload: &[u8]) -> Vec<u8> {
    let total = (20 + payload.len()) as u16;
    let mut p = vec![0x45, 0];
    p.extend(total.to_be_bytes());
    p.extend([0x12, 0x34]);
    p.extend(flags_fragment.to_be_bytes());
    p.extend([64, protocol, 0, 0]);
    p.extend(src);
    p.extend(dst);
    p.extend(payload);
    p
}

fn ipv6(next: u8, src: [u8; 16], dst: [u8; 16], payload: &[u8]) -> Vec<u8> {
    let mut p = vec![0x60, 0, 0, 0];
    p.extend((payload.len() as u16).to_be_bytes());
    p.extend([next, 64]);
    p.extend(src);
    p.extend(dst);
    p.extend(payload);
    p
}

fn udp(src: u16, dst: u16, data: &[u8]) -> Vec<u8> {
    let mut u = Vec::new();
    u.extend(src.to_be_bytes());
    u.extend(dst.to_be_bytes());
    u.extend(((8 + data.len()) as u16).to_be_bytes());
    u.extend([0, 0]);
    u.extend(data);
    u
}

/// An ICMP / ICMPv6 message: type, code 0, checksum left 0, unused word, body.
fn icmp(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut m = vec![kind, 0, 0, 0, 0, 0, 0, 0];
    m.extend(body);
    m
}

/// IPv6 Fragment header: next header, offset in bytes, M flag.
fn fragment6(next: u8, offset: u16, more: bool, data: &[u8]) -> Vec<u8> {
    let mut h = vec![next, 0];
    h.extend((offset | u16::from(more)).to_be_bytes());
    h.extend([0, 0, 0, 7]);
    h.extend(data);
    h
}

fn our_datagram4() -> Vec<u8> {
    ethernet(
        0x0800,
        &ipv4(
            17,
            OURS4,
            THEIRS4,
            0x4000,
            &udp(OUR_PORT, THEIR_PORT, b"hi"),
        ),
    )
}

fn our_packet6() -> Vec<u8> {
    ipv6(17, OURS6, THEIRS6, &udp(OUR_PORT, THEIR_PORT, b"hi"))
}

fn classify4(frame: &[u8]) -> Option<FrameKind> {
    classify(frame, v4(OURS4, OUR_PORT), v4(THEIRS4, THEIR_PORT))
}
fn classify6(frame: &[u8]) -> Option<FrameKind> {
    classify(frame, v6(OURS6, OUR_PORT), v6(THEIRS6, THEIR_PORT))
}

/// An ICMP error of `kind` from the peer to us quoting our datagram's IP
/// header and first 8 bytes.
fn icmp_error4(kind: u8, quoted_ports: (u16, u16)) -> Vec<u8> {
    let quoted = ipv4(
        17,
        OURS4,
        THEIRS4,
        0x4000,
        &udp(quoted_ports.0, quoted_ports.1, b"hi"),
    );
    ethernet(
        0x0800,
        &ipv4(1, THEIRS4, OURS4, 0, &icmp(kind, &quoted[..28])),
    )
}

fn icmp_error6(kind: u8, quoted_ports: (u16, u16)) -> Vec<u8> {
    let quoted = ipv6(
        17,
        OURS6,
        THEIRS6,
        &udp(quoted_ports.0, quoted_ports.1, b"hi"),
    );
    ethernet(0x86dd, &ipv6(58, THEIRS6, OURS6, &icmp(kind, &quoted)))
}

#[test]
fn our_ipv4_datagram_is_kept_and_others_are_not() {
    assert_eq!(classify4(&our_datagram4()), Some(FrameKind::Datagram));
    let other_port = ethernet(
        0x0800,
        &ipv4(17, OURS4, THEIRS4, 0, &udp(OUR_PORT, 53, b"hi")),
    );
    assert_eq!(classify4(&other_port), None);
    let reversed = ethernet(
        0x0800,
        &ipv4(17, THEIRS4, OURS4, 0, &udp(THEIR_PORT, OUR_PORT, b"hi")),
    );
    assert_eq!(classify4(&reversed), None);
    // The same IPv4 bytes under the ARP EtherType are not ours.
    let mut wrong_type = our_datagram4();
    wrong_type[12..14].copy_from_slice(&[0x08, 0x06]);
    assert_eq!(classify4(&wrong_type), None);
}

#[test]
fn ipv4_fragments_are_ours_and_say_where_they_belong() {
    // First fragment: MF set, offset 0, the UDP header is in it.
    let first = ethernet(
        0x0800,
        &ipv4(
            17,
            OURS4,
            THEIRS4,
            0x2000,
            &udp(OUR_PORT, THEIR_PORT, &[0; 16]),
        ),
    );
    // Last fragment: offset 3 × 8 = 24 bytes, MF clear, no UDP header.
    let last = ethernet(0x0800, &ipv4(17, OURS4, THEIRS4, 3, &[0xab; 10]));
    assert_eq!(classify4(&first), Some(FrameKind::Datagram));
    assert_eq!(classify4(&last), Some(FrameKind::Datagram));
    assert_eq!((fragment_offset(&first), more_fragments(&first)), (0, true));
    assert_eq!((fragment_offset(&last), more_fragments(&last)), (24, false));
    // DF (0x4000) is not MF.
    assert!(!more_fragments(&our_datagram4()));
}

#[test]
fn every_icmp_error_about_our_datagram_is_an_icmp_error() {
    // Destination Unreachable, Source Quench, Time Exceeded, Parameter Problem.
    for kind in [3, 4, 11, 12] {
        assert_eq!(
            classify4(&icmp_error4(kind, (OUR_PORT, THEIR_PORT))),
            Some(FrameKind::IcmpError),
            "ICMP type {kind}"
        );
    }
    // Redirect (the router forwarded it anyway), echo reply, echo request.
    for kind in [5, 0, 8] {
        assert_eq!(
            classify4(&icmp_error4(kind, (OUR_PORT, THEIR_PORT))),
            None,
            "ICMP type {kind}"
        );
    }
    // An error about someone else's datagram (another source port).
    assert_eq!(classify4(&icmp_error4(3, (OUR_PORT + 1, THEIR_PORT))), None);
}

#[test]
fn every_icmpv6_error_about_our_datagram_is_an_icmp_error() {
    // Destination Unreachable, Packet Too Big, Time Exceeded, Parameter Problem.
    for kind in [1, 2, 3, 4] {
        assert_eq!(
            classify6(&icmp_error6(kind, (OUR_PORT, THEIR_PORT))),
            Some(FrameKind::IcmpError),
            "ICMPv6 type {kind}"
        );
    }
    for kind in [128, 129, 137] {
        assert_eq!(
            classify6(&icmp_error6(kind, (OUR_PORT, THEIR_PORT))),
            None,
            "ICMPv6 type {kind}"
        );
    }
    assert_eq!(classify6(&icmp_error6(1, (OUR_PORT, 53))), None);
}

#[test]
fn our_ipv6_datagram_and_its_fragments_are_kept() {
    assert_eq!(
        classify6(&ethernet(0x86dd, &our_packet6())),
        Some(FrameKind::Datagram)
    );
    let first = ethernet(
        0x86dd,
        &ipv6(
            44,
            OURS6,
            THEIRS6,
            &fragment6(17, 0, true, &udp(OUR_PORT, THEIR_PORT, &[0; 16])),
        ),
    );
    let last = ethernet(
        0x86dd,
        &ipv6(44, OURS6, THEIRS6, &fragment6(17, 1232, false, &[0xab; 10])),
    );
    let someone_elses = ethernet(
        0x86dd,
        &ipv6(
            44,
            OURS6,
            THEIRS6,
            &fragment6(17, 0, true, &udp(OUR_PORT, 53, &[0; 16])),
        ),
    );
    assert_eq!(classify6(&first), Some(FrameKind::Datagram));
    assert_eq!(classify6(&last), Some(FrameKind::Datagram));
    assert_eq!(classify6(&someone_elses), None);
    // The Fragment header's offset and M flag, not bytes of the IPv6 header.
    assert_eq!((fragment_offset(&first), more_fragments(&first)), (0, true));
    assert_eq!(
        (fragment_offset(&last), more_fragments(&last)),
        (1232, false)
    );
    let unfragmented = ethernet(0x86dd, &our_packet6());
    assert_eq!(
        (
            fragment_offset(&unfragmented),
            more_fragments(&unfragmented)
        ),
        (0, false)
    );
}

/// A Neighbor Solicitation (135) or Advertisement (136) about `target`.
fn neighbour(kind: u8, src: [u8; 16], dst: [u8; 16], target: [u8; 16]) -> Vec<u8> {
    ethernet(0x86dd, &ipv6(58, src, dst, &icmp(kind, &target)))
}

#[test]
fn neighbour_discovery_is_recognised_by_type_and_target() {
    let solicitation = neighbour(135, OURS6, THEIRS6, THEIRS6);
    let advertisement = neighbour(136, THEIRS6, OURS6, THEIRS6);
    assert_eq!(classify6(&solicitation), Some(FrameKind::Arp));
    assert_eq!(classify6(&advertisement), Some(FrameKind::Arp));
    assert!(is_neighbour_request(&solicitation));
    assert!(!is_neighbour_request(&advertisement));
    let peer = Ipv6Addr::from(THEIRS6);
    assert!(is_neighbour_discovery_for(&solicitation, peer));
    assert!(is_neighbour_discovery_for(&advertisement, peer));
    assert!(!is_neighbour_discovery_for(
        &neighbour(135, OURS6, THEIRS6, OURS6),
        peer
    ));
    // A router solicitation (133) is not about a neighbour's MAC.
    assert!(!is_neighbour_discovery_for(
        &neighbour(133, OURS6, THEIRS6, THEIRS6),
        peer
    ));
}

/// An ARP message for IPv4 over Ethernet.
fn arp(operation: u16, spa: [u8; 4], tpa: [u8; 4]) -> Vec<u8> {
    let mut a = vec![0, 1, 0x08, 0x00, 6, 4];
    a.extend(operation.to_be_bytes());
    a.extend([2, 0, 0, 0, 0, 1]);
    a.extend(spa);
    a.extend([0; 6]);
    a.extend(tpa);
    ethernet(0x0806, &a)
}

#[test]
fn arp_between_us_and_the_next_hop_in_either_direction() {
    let (ours, hop) = (Ipv4Addr::from(OURS4), Ipv4Addr::from(THEIRS4));
    assert!(is_arp_between(&arp(1, OURS4, THEIRS4), ours, hop));
    assert!(is_arp_between(&arp(2, THEIRS4, OURS4), ours, hop));
    assert!(!is_arp_between(&arp(1, OURS4, [10, 0, 0, 9]), ours, hop));
    assert!(is_neighbour_request(&arp(1, OURS4, THEIRS4)));
    assert!(!is_neighbour_request(&arp(2, THEIRS4, OURS4)));
    // ARP for another protocol type is not about IPv4 addresses.
    let mut other = arp(1, OURS4, THEIRS4);
    other[16..18].copy_from_slice(&[0x86, 0xdd]);
    assert!(!is_arp_between(&other, ours, hop));
}

#[test]
fn recv_finds_the_datagram_by_sender_and_port() {
    let frame = our_datagram4();
    assert!(is_datagram_to_port(&frame, v4(OURS4, OUR_PORT), THEIR_PORT));
    // An IPv6 socket names an IPv4 sender ::ffff:10.0.0.1.
    let mapped = v6(Ipv4Addr::from(OURS4).to_ipv6_mapped().octets(), OUR_PORT);
    assert!(is_datagram_to_port(&frame, mapped, THEIR_PORT));
    assert!(!is_datagram_to_port(
        &frame,
        v4(OURS4, OUR_PORT + 1),
        THEIR_PORT
    ));
    assert!(!is_datagram_to_port(
        &frame,
        v4(THEIRS4, OUR_PORT),
        THEIR_PORT
    ));
    assert_eq!(udp_destination_port(&frame), Some(THEIR_PORT));
    let frame6 = ethernet(0x86dd, &our_packet6());
    assert!(is_datagram_to_port(
        &frame6,
        v6(OURS6, OUR_PORT),
        THEIR_PORT
    ));
    assert_eq!(udp_destination_port(&frame6), Some(THEIR_PORT));
    assert_eq!(udp_destination_port(&arp(1, OURS4, THEIRS4)), None);
}

#[test]
fn cut_frames_never_panic_and_are_not_mistaken_for_whole_ones() {
    let frames = [
        our_datagram4(),
        icmp_error4(3, (OUR_PORT, THEIR_PORT)),
        icmp_error6(1, (OUR_PORT, THEIR_PORT)),
        neighbour(136, THEIRS6, OURS6, THEIRS6),
        arp(1, OURS4, THEIRS4),
    ];
    for frame in &frames {
        for cut in 0..frame.len() {
            let f = &frame[..cut];
            let _ = (
                classify4(f),
                classify6(f),
                fragment_offset(f),
                more_fragments(f),
            );
            let _ = udp_destination_port(f);
            let _ = is_neighbour_request(f);
            let _ = is_neighbour_discovery_for(f, Ipv6Addr::from(THEIRS6));
            let _ = is_arp_between(f, Ipv4Addr::from(OURS4), Ipv4Addr::from(THEIRS4));
        }
    }
    // Cut inside the quoted UDP ports: the error cannot be matched to us.
    let error = icmp_error4(3, (OUR_PORT, THEIR_PORT));
    assert_eq!(classify4(&error[..14 + 20 + 8 + 20 + 3]), None);
    assert_eq!(
        classify4(&error[..14 + 20 + 8 + 20 + 4]),
        Some(FrameKind::IcmpError)
    );
}

/// The dissection's number field `id` in the layer at `index`.
fn number(d: &stackviz::model::Dissection, index: usize, id: &str) -> u64 {
    match d.layers[index].field(id).map(|f| &f.value) {
        Some(stackviz::model::Value::Number(n)) => *n,
        other => panic!("{id} in layer {index}: {other:?}"),
    }
}

/// The view capture reads and the dissector a user sees read the same
/// bytes as the same fields (one table of positions): checked on a packet
/// with IPv4 options, where a fixed 20-byte header would read the wrong
/// bytes as ports.
#[test]
fn the_view_and_the_dissector_read_the_same_fields() {
    use stackviz::dissect::view::Ethernet;
    use stackviz::dissect::{dissect_ethernet, Fcs};
    use stackviz::field_id;

    // IHL 6: one 4-byte option (NOP × 3 + End of Options List).
    let mut packet = ipv4(17, OURS4, THEIRS4, 0x2000 | 5, &[]);
    packet[0] = 0x46;
    packet.extend([1, 1, 1, 0]);
    packet.extend(udp(OUR_PORT, THEIR_PORT, b"hey"));
    let total = packet.len() as u16;
    packet[2..4].copy_from_slice(&total.to_be_bytes());
    let frame = ethernet(0x0800, &packet);

    let d = dissect_ethernet(&frame, Fcs::Absent);
    let ip = Ethernet::new(&frame).and_then(|e| e.ipv4()).expect("IPv4");
    assert_eq!(
        u64::from(ip.protocol()),
        number(&d, 1, field_id::IPV4_PROTOCOL)
    );
    assert_eq!(
        ip.fragment_offset() as u64,
        number(&d, 1, field_id::IPV4_FRAGMENT_OFFSET) * 8
    );
    assert_eq!(
        u64::from(ip.more_fragments()),
        number(&d, 1, field_id::IPV4_FLAGS_MF)
    );
    let src = d.layers[1]
        .field(field_id::IPV4_SRC)
        .unwrap()
        .value
        .to_string();
    assert_eq!(ip.source().to_string(), src);
    assert_eq!(ip.fragment_offset(), 40);
    // A fragment at offset 40 has no UDP header; the first piece does.
    packet[6..8].copy_from_slice(&0x2000u16.to_be_bytes());
    let first = ethernet(0x0800, &packet);
    let d = dissect_ethernet(&first, Fcs::Absent);
    assert_eq!(
        udp_destination_port(&first).map(u64::from),
        Some(number(&d, 2, field_id::UDP_DST_PORT))
    );
    assert_eq!(udp_destination_port(&first), Some(THEIR_PORT));
    assert_eq!(classify4(&first), Some(FrameKind::Datagram));

    // ICMPv6 Packet Too Big: the type the dissector shows is the one
    // capture classified by.
    let error = icmp_error6(2, (OUR_PORT, THEIR_PORT));
    let d = dissect_ethernet(&error, Fcs::Absent);
    assert_eq!(number(&d, 2, field_id::ICMPV6_TYPE), 2);
    assert_eq!(classify6(&error), Some(FrameKind::IcmpError));
}

/// recv tells one sender's datagrams apart by their bytes: the ports are the
/// same for all of them (a frame the socket dropped must not stand in for the
/// next datagram).
#[test]
fn a_datagram_is_matched_by_its_bytes_not_only_its_ports() {
    let sender = v4([10, 0, 0, 1], 40000);
    let frame = |data: &[u8]| {
        ethernet(
            0x0800,
            &ipv4(
                17,
                [10, 0, 0, 1],
                [10, 0, 0, 2],
                0,
                &udp(40000, 15001, data),
            ),
        )
    };
    let first = frame(b"datagram 0390");
    let second = frame(b"datagram 0471");
    assert!(is_datagram_to_port(&first, sender, 15001));
    assert!(is_datagram_to_port(&second, sender, 15001));
    assert!(carries_datagram(&second, sender, 15001, b"datagram 0471"));
    assert!(!carries_datagram(&first, sender, 15001, b"datagram 0471"));
    // A frame the capture cut still matches the start of its datagram.
    let cut = &second[..second.len() - 2];
    assert!(carries_datagram(cut, sender, 15001, b"datagram 0471"));
    assert!(!carries_datagram(cut, sender, 15001, b"datagram 0390"));
    // Another sender's port, or another destination port: not ours.
    assert!(!carries_datagram(
        &second,
        v4([10, 0, 0, 1], 40001),
        15001,
        b"datagram 0471"
    ));
    assert!(!carries_datagram(&second, sender, 15002, b"datagram 0471"));
}
