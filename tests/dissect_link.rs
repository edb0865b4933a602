//! 802.1Q tags, ARP, IPv4 options, the Linux cooked and raw-IP entry points,
//! and EtherTypes and IP protocols named but not dissected: golden frames
//! checked field by field, every checksum against an independent computation.

mod common;

use common::dissection::*;
use common::frames::*;
use common::{checksum_with_zero_at, crc32, internet_checksum, pseudo_v4};
use stackviz::dissect::{dissect_ethernet, dissect_linux_sll, dissect_raw_ip, Fcs};
use stackviz::model::{CheckVerdict, LayerKind, Span, Value};

#[test]
fn the_independent_sum_and_crc_agree_with_published_values() {
    // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, so the
    // checksum is its complement 220d.
    assert_eq!(
        internet_checksum(&[&[0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]]),
        0x220d
    );
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
}

// ---------------------------------------------------------------------------
// 802.1Q: a VLAN-tagged UDP datagram.
// ---------------------------------------------------------------------------

#[test]
fn vlan_tagged_udp_is_explained_through_the_tag() {
    let f = &VLAN_UDP;
    // The stored checksums, worked out independently.
    assert_eq!(checksum_with_zero_at(&[], &f[18..38], 10), 0x26cc);
    let pseudo = pseudo_v4(&IP_A, &IP_B, 17, 10);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[38..48], 6), 0xe6f8);

    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "vlan");
    assert_eq!(d.malformed, None);
    assert_eq!(
        protocols(&d),
        ["Ethernet II", "IPv4", "UDP", "application data"]
    );
    let link = &d.layers[0];
    assert_eq!(link.layer, LayerKind::Link);
    // The tag belongs to the link layer's header: 14 + 4 bytes.
    assert_eq!(
        link.header,
        Span {
            offset: 0,
            length: 18
        }
    );
    assert_eq!(num(&d, "eth.type"), 0x8100);
    assert_eq!(num(&d, "vlan.pcp"), 5);
    assert_eq!(bits(&d, "vlan.pcp"), (14, 2, 0, 3));
    assert!(field(&d, "vlan.pcp").meaning.contains("voice"));
    assert_eq!(num(&d, "vlan.dei"), 0);
    assert_eq!(bits(&d, "vlan.dei"), (14, 2, 3, 1));
    assert_eq!(num(&d, "vlan.id"), 42);
    assert_eq!(bits(&d, "vlan.id"), (14, 2, 4, 12));
    assert_eq!(num(&d, "vlan.type"), 0x0800);
    assert_eq!(at(&d, "vlan.type"), (16, 2));
    // Everything after the tag sits 4 bytes further on.
    assert_eq!(at(&d, "ipv4.src"), (30, 4));
    assert_eq!(text(&d, "ipv4.src"), "10.0.0.1");
    assert_eq!(at(&d, "udp.dst_port"), (40, 2));
    assert_eq!(check(&d, "ipv4.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(check(&d, "udp.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(text(&d, "app.data"), "hi");
    // The padding after the packet is still found, with the tag in front.
    assert_eq!(at(&d, "eth.padding"), (48, 12));
}

#[test]
fn stacked_tags_are_read_one_after_another() {
    // An 802.1ad service tag (VLAN 100) around the customer's 802.1Q tag.
    let mut f = Vec::new();
    f.extend_from_slice(&VLAN_UDP[..12]); //  0: the two MAC addresses
    f.extend_from_slice(&[0x88, 0xa8]); //    12: EtherType 0x88a8 = service tag
    f.extend_from_slice(&[0x00, 0x64]); //    14: PCP 0, DEI 0, VID 100
    f.extend_from_slice(&[0x81, 0x00]); //    16: then an 802.1Q tag
    f.extend_from_slice(&VLAN_UDP[14..48]); // 18: its TCI, 0x0800, IPv4, UDP, "hi"
    f.resize(60, 0); //                       56: padding
    let d = dissect_ethernet(&f, Fcs::Absent);
    assert_inside(&d, &f, "qinq");
    assert_eq!(d.malformed, None);
    let ids: Vec<u64> = all(&d, "vlan.id")
        .iter()
        .map(|f| match f.value {
            Value::Number(n) => n,
            _ => panic!(),
        })
        .collect();
    assert_eq!(ids, [100, 42]);
    assert!(all(&d, "vlan.id")[0].meaning.contains("service VLAN"));
    assert_eq!(d.layers[0].header.length, 22);
    assert_eq!(at(&d, "ipv4.src"), (34, 4));
    assert_eq!(check(&d, "udp.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(at(&d, "eth.padding"), (52, 8));
}

// ---------------------------------------------------------------------------
// ARP: request and reply, each padded to the 60-byte minimum.
// ---------------------------------------------------------------------------

#[test]
fn arp_request_names_the_question_and_its_padding() {
    let f = &ARP_REQUEST;
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "arp request");
    assert_eq!(d.malformed, None);
    assert_eq!(protocols(&d), ["Ethernet II", "ARP"]);
    let arp = &d.layers[1];
    assert_eq!(arp.layer, LayerKind::Network);
    assert_eq!(
        arp.header,
        Span {
            offset: 14,
            length: 28
        }
    );
    assert!(arp.notes[0].contains("serves the data link layer"));
    for (id, offset, length) in [
        ("arp.htype", 14, 2),
        ("arp.ptype", 16, 2),
        ("arp.hlen", 18, 1),
        ("arp.plen", 19, 1),
        ("arp.oper", 20, 2),
        ("arp.sha", 22, 6),
        ("arp.spa", 28, 4),
        ("arp.tha", 32, 6),
        ("arp.tpa", 38, 4),
    ] {
        assert_eq!(at(&d, id), (offset, length), "{id}");
    }
    assert_eq!(num(&d, "arp.htype"), 1);
    assert_eq!(num(&d, "arp.ptype"), 0x0800);
    assert_eq!(num(&d, "arp.oper"), 1);
    assert_eq!(
        field(&d, "arp.oper").meaning,
        "1 = request: who has 10.0.0.2? tell 10.0.0.1"
    );
    assert_eq!(text(&d, "arp.sha"), "02:00:00:00:00:01");
    assert_eq!(text(&d, "arp.spa"), "10.0.0.1");
    assert_eq!(text(&d, "arp.tha"), "00:00:00:00:00:00");
    assert_eq!(text(&d, "arp.tpa"), "10.0.0.2");
    // The 18 bytes after the 28-byte message are the frame's padding.
    assert_eq!(at(&d, "eth.padding"), (42, 18));
    assert_eq!(
        d.layers[0].trailer,
        [Span {
            offset: 42,
            length: 18
        }]
    );
}

#[test]
fn arp_reply_says_who_is_where_and_its_fcs_checks_out() {
    let f = &ARP_REPLY;
    assert_eq!(crc32(&f[..60]), 0x8e19_fd01);
    for fcs in [Fcs::Present, Fcs::Detect] {
        let d = dissect_ethernet(f, fcs);
        assert_inside(&d, f, "arp reply");
        assert_eq!(d.malformed, None);
        assert_eq!(
            field(&d, "arp.oper").meaning,
            "2 = reply: 10.0.0.2 is at 02:00:00:00:00:02"
        );
        assert_eq!(at(&d, "eth.padding"), (42, 18));
        assert_eq!(at(&d, "eth.fcs"), (60, 4));
        assert_eq!(check(&d, "eth.fcs").verdict, CheckVerdict::Correct);
    }
}

#[test]
fn arp_probe_and_gratuitous_arp_are_told_apart() {
    let mut probe = ARP_REQUEST;
    probe[28..32].copy_from_slice(&[0, 0, 0, 0]); // sender IP 0.0.0.0
    let d = dissect_ethernet(&probe, Fcs::Absent);
    assert!(field(&d, "arp.oper").meaning.contains("ARP probe"));
    let mut gratuitous = ARP_REQUEST;
    gratuitous[38..42].copy_from_slice(&IP_A); // target IP = sender IP
    let d = dissect_ethernet(&gratuitous, Fcs::Absent);
    assert!(field(&d, "arp.oper").meaning.contains("gratuitous"));
}

// ---------------------------------------------------------------------------
// IPv4 options.
// ---------------------------------------------------------------------------

#[test]
fn ipv4_options_are_shown_one_by_one() {
    let f = &IPV4_OPTIONS;
    assert_eq!(checksum_with_zero_at(&[], &f[14..50], 10), 0x86ae);
    let pseudo = pseudo_v4(&IP_A, &IP_B, 17, 8);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[50..58], 6), 0x4f66);
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "ipv4 options");
    assert_eq!(d.malformed, None);
    assert_eq!(num(&d, "ipv4.ihl"), 9);
    assert_eq!(at(&d, "ipv4.option.router_alert"), (34, 4));
    assert!(field(&d, "ipv4.option.router_alert")
        .meaning
        .contains("every router on the path examines this packet"));
    assert_eq!(at(&d, "ipv4.option.nop"), (38, 1));
    assert_eq!(at(&d, "ipv4.option.record_route"), (39, 7));
    assert!(field(&d, "ipv4.option.record_route")
        .meaning
        .contains("room for 1 addresses, 0 filled"));
    assert_eq!(at(&d, "ipv4.option.eol"), (46, 1));
    assert_eq!(at(&d, "ipv4.option.padding"), (47, 3));
    assert_eq!(check(&d, "ipv4.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(check(&d, "udp.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(at(&d, "udp.src_port"), (50, 2));
    assert_eq!(at(&d, "eth.padding"), (58, 2));
}

// ---------------------------------------------------------------------------
// Linux cooked capture and raw IP: offsets count from the buffer given.
// ---------------------------------------------------------------------------

#[test]
fn raw_ip_starts_at_the_ip_header() {
    let f = &RAW_IPV4;
    assert_eq!(checksum_with_zero_at(&[], &f[..20], 10), 0x3cc8);
    let pseudo = pseudo_v4(&[127, 0, 0, 1], &[127, 0, 0, 1], 17, 15);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[20..], 6), 0xe600);
    let d = dissect_raw_ip(f);
    assert_inside(&d, f, "raw ipv4");
    assert_eq!(d.malformed, None);
    assert_eq!(protocols(&d), ["IPv4", "UDP", "application data"]);
    assert_eq!(at(&d, "ipv4.src"), (12, 4));
    assert_eq!(at(&d, "udp.checksum"), (26, 2));
    assert_eq!(check(&d, "udp.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(text(&d, "app.data"), "Hello!!");

    // IPv6 is chosen by the version nibble: the echo request without Ethernet.
    let v6 = &ICMPV6_ECHO[14..];
    let d = dissect_raw_ip(v6);
    assert_inside(&d, v6, "raw ipv6");
    assert_eq!(d.malformed, None);
    assert_eq!(protocols(&d), ["IPv6", "ICMPv6"]);
    assert_eq!(at(&d, "icmpv6.type"), (40, 1));
    assert_eq!(check(&d, "icmpv6.checksum").verdict, CheckVerdict::Correct);

    // Bytes after the packet are named, not taken for part of it.
    let mut longer = RAW_IPV4.to_vec();
    longer.extend_from_slice(&[0, 0, 0]);
    let d = dissect_raw_ip(&longer);
    assert_eq!(d.malformed, None);
    assert!(d.layers[0]
        .notes
        .iter()
        .any(|n| n.contains("3 bytes after")));
}

#[test]
fn linux_cooked_capture_header_then_the_packet() {
    let mut f = SLL_HEADER.to_vec();
    f.extend_from_slice(&RAW_IPV4);
    let d = dissect_linux_sll(&f);
    assert_inside(&d, &f, "sll");
    assert_eq!(d.malformed, None);
    assert_eq!(
        protocols(&d),
        [
            "Linux cooked capture (SLL)",
            "IPv4",
            "UDP",
            "application data"
        ]
    );
    assert_eq!(d.layers[0].layer, LayerKind::Link);
    assert_eq!(num(&d, "sll.packet_type"), 4);
    assert!(field(&d, "sll.packet_type").meaning.contains("sent by us"));
    assert_eq!(num(&d, "sll.arphrd"), 772);
    assert!(field(&d, "sll.arphrd").meaning.contains("loopback"));
    assert_eq!(num(&d, "sll.address_length"), 6);
    assert_eq!(at(&d, "sll.address"), (6, 8));
    assert_eq!(text(&d, "sll.address"), "00:00:00:00:00:00");
    assert_eq!(num(&d, "sll.protocol"), 0x0800);
    // Offsets are absolute: the IPv4 header starts at byte 16.
    assert_eq!(at(&d, "ipv4.src"), (28, 4));
    assert_eq!(at(&d, "udp.src_port"), (36, 2));
    assert_eq!(check(&d, "ipv4.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(check(&d, "udp.checksum").verdict, CheckVerdict::Correct);
}

#[test]
fn linux_cooked_arp_keeps_the_padding_apart() {
    let mut f = vec![
        0x00, 0x01, // 0: packet type 1 = broadcast
        0x00, 0x01, // 2: ARPHRD 1 = Ethernet
        0x00, 0x06, // 4: address length 6
        0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, // 6: sender MAC, 2 unused
        0x08, 0x06, // 14: protocol 0x0806 = ARP
    ];
    f.extend_from_slice(&ARP_REQUEST[14..]); // 16: ARP (28) and the padding (18)
    let d = dissect_linux_sll(&f);
    assert_inside(&d, &f, "sll arp");
    assert_eq!(d.malformed, None);
    assert_eq!(text(&d, "sll.address"), "02:00:00:00:00:01");
    assert_eq!(at(&d, "arp.tpa"), (40, 4));
    assert_eq!(at(&d, "sll.padding"), (44, 18));
}

// ---------------------------------------------------------------------------
// Named but not dissected: never an error.
// ---------------------------------------------------------------------------

#[test]
fn unknown_ethertypes_and_ip_protocols_are_named_by_number() {
    let mut lldp = VLAN_UDP[..12].to_vec();
    lldp.extend_from_slice(&[0x88, 0xcc]); // 12: EtherType 0x88cc = LLDP
    lldp.resize(60, 0x02);
    let d = dissect_ethernet(&lldp, Fcs::Absent);
    assert_inside(&d, &lldp, "lldp");
    assert_eq!(d.malformed, None);
    assert_eq!(protocols(&d), ["Ethernet II", "LLDP"]);
    assert_eq!(
        d.layers[1].notes,
        ["EtherType 0x88cc = LLDP, not dissected by stackviz: its 46 bytes are shown as they are"]
    );
    assert_eq!(at(&d, "app.data"), (14, 46));

    let mut unknown = lldp.clone();
    unknown[12..14].copy_from_slice(&[0x12, 0x34]);
    let d = dissect_ethernet(&unknown, Fcs::Absent);
    assert_eq!(d.malformed, None);
    assert_eq!(protocols(&d), ["Ethernet II", "unknown EtherType"]);
    assert!(d.layers[1].notes[0].starts_with("EtherType 0x1234 is not one stackviz knows"));

    // GRE inside IPv4: protocol 47.
    let mut gre = VLAN_UDP[..12].to_vec();
    gre.extend_from_slice(&[
        0x08, 0x00, // 12: IPv4
        0x45, 0x00, 0x00, 0x18, 0x00, 0x01, 0x40, 0x00, // 14: total length 24
        0x40, 0x2f, 0x26, 0xb4, // 22: TTL 64, protocol 47 = GRE, checksum 0x26b4
        0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, // 26: addresses
        0x00, 0x00, 0x08, 0x00, // 34: a GRE header carrying IPv4
    ]);
    assert_eq!(checksum_with_zero_at(&[], &gre[14..34], 10), 0x26b4);
    gre.resize(60, 0);
    let d = dissect_ethernet(&gre, Fcs::Absent);
    assert_inside(&d, &gre, "gre");
    assert_eq!(d.malformed, None);
    assert_eq!(protocols(&d), ["Ethernet II", "IPv4", "GRE"]);
    assert_eq!(d.layers[2].layer, LayerKind::Transport);
    assert_eq!(
        d.layers[2].notes,
        ["IP protocol 47 = GRE, not dissected by stackviz: its 4 bytes are shown as they are"]
    );
    assert_eq!(at(&d, "eth.padding"), (38, 22));
}

#[test]
fn an_ieee_802_3_length_frame_is_named_and_its_padding_found() {
    // A spanning-tree BPDU: the type field is a length (38), LLC 42 42 03.
    let mut stp = vec![0x01, 0x80, 0xc2, 0x00, 0x00, 0x00]; // 0: STP multicast
    stp.extend_from_slice(&MAC_A); //                          6: source
    stp.extend_from_slice(&[0x00, 0x26]); //                  12: length 38
    stp.extend_from_slice(&[0x42, 0x42, 0x03]); //            14: LLC DSAP, SSAP, control
    stp.resize(14 + 38, 0); //                                 17: the BPDU
    stp.resize(60, 0); //                                      52: padding
    let d = dissect_ethernet(&stp, Fcs::Absent);
    assert_inside(&d, &stp, "stp");
    assert_eq!(d.malformed, None);
    assert!(d.layers[1].notes[0].contains("spanning tree"));
    assert_eq!(at(&d, "app.data"), (14, 38));
    assert_eq!(at(&d, "eth.padding"), (52, 8));
}
