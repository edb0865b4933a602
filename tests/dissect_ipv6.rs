//! IPv6 with extension headers, UDP and TCP checksums over the IPv6 pseudo-
//! header, and ICMPv6 (echo, neighbour discovery, port unreachable): golden
//! frames checked field by field.

mod common;

use common::dissection::*;
use common::frames::*;
use common::{checksum_with_zero_at, internet_checksum, pseudo_v4, pseudo_v6};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::{CheckVerdict, Span, Value};

// ---------------------------------------------------------------------------
// IPv6 and UDP over IPv6.
// ---------------------------------------------------------------------------

#[test]
fn ipv6_header_fields_are_read_bit_by_bit() {
    let f = &IPV6_UDP;
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "ipv6 udp");
    assert_eq!(d.malformed, None);
    assert_eq!(
        protocols(&d),
        ["Ethernet II", "IPv6", "UDP", "application data"]
    );
    assert_eq!(num(&d, "ipv6.version"), 6);
    assert_eq!(bits(&d, "ipv6.version"), (14, 1, 0, 4));
    // The traffic class spans bytes 14 and 15: DSCP then ECN.
    assert_eq!(num(&d, "ipv6.dscp"), 46);
    assert_eq!(bits(&d, "ipv6.dscp"), (14, 2, 4, 6));
    assert!(field(&d, "ipv6.dscp").meaning.contains("EF"));
    assert_eq!(num(&d, "ipv6.ecn"), 0);
    assert_eq!(bits(&d, "ipv6.ecn"), (14, 2, 10, 2));
    assert_eq!(num(&d, "ipv6.flow_label"), 0x12345);
    assert_eq!(bits(&d, "ipv6.flow_label"), (14, 4, 12, 20));
    assert_eq!(num(&d, "ipv6.payload_length"), 15);
    assert_eq!(at(&d, "ipv6.payload_length"), (18, 2));
    assert_eq!(num(&d, "ipv6.next_header"), 17);
    assert_eq!(num(&d, "ipv6.hop_limit"), 64);
    assert_eq!(text(&d, "ipv6.src"), "2001:db8::1");
    assert_eq!(at(&d, "ipv6.src"), (22, 16));
    assert_eq!(text(&d, "ipv6.dst"), "2001:db8::2");
    assert_eq!(at(&d, "ipv6.dst"), (38, 16));
    assert!(field(&d, "ipv6.src").meaning.contains("documentation"));
    let ip = &d.layers[1];
    assert_eq!(ip.pdu_length, 55);
    assert!(ip.checks.is_empty(), "IPv6 has no header checksum");
}

#[test]
fn udp_over_ipv6_checksum_covers_the_ipv6_pseudo_header() {
    let f = &IPV6_UDP;
    let pseudo = pseudo_v6(&DOC_1, &DOC_2, 17, 15);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[54..69], 6), 0x888e);
    // With the stored value in place the whole sum comes to zero.
    assert_eq!(internet_checksum(&[&pseudo, &f[54..69]]), 0);

    let d = dissect_ethernet(f, Fcs::Absent);
    let c = check(&d, "udp.checksum");
    assert_eq!(c.verdict, CheckVerdict::Correct);
    assert_eq!(c.computed, 0x888e);
    assert!(
        c.covers.contains("40-byte pseudo-header (from IPv6)"),
        "{}",
        c.covers
    );
    let pseudo_fields: Vec<(&str, String)> = c
        .pseudo_header
        .iter()
        .map(|f| (f.id, f.hex.to_string()))
        .collect();
    assert_eq!(
        pseudo_fields,
        [
            ("pseudo.src", "20010db8000000000000000000000001".to_string()),
            ("pseudo.dst", "20010db8000000000000000000000002".to_string()),
            ("pseudo.length", "0000000f".to_string()),
            ("pseudo.zero", "000000".to_string()),
            ("pseudo.protocol", "11".to_string()),
        ]
    );
    assert!(c.pseudo_header.iter().all(|f| f.offset.is_none()));
    let concatenated: String = c.pseudo_header.iter().map(|f| f.hex.to_string()).collect();
    let expected: String = pseudo.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(concatenated, expected, "the pseudo-header in sum order");
    assert!(field(&d, "udp.checksum")
        .meaning
        .contains("mandatory over IPv6 (0 is invalid there, unlike IPv4)"));
}

#[test]
fn a_wrong_or_zero_udp_checksum_over_ipv6_is_incorrect() {
    let mut wrong = IPV6_UDP;
    wrong[61] = 0x8f; // 0x888f instead of 0x888e
    let d = dissect_ethernet(&wrong, Fcs::Absent);
    assert_eq!(
        check(&d, "udp.checksum").verdict,
        CheckVerdict::Incorrect { expected: 0x888e }
    );
    assert!(field(&d, "udp.checksum")
        .meaning
        .contains("incorrect (expected 0x888e)"));

    // 0 means "no checksum" over IPv4 only.
    let mut zero = IPV6_UDP;
    zero[60] = 0;
    zero[61] = 0;
    let d = dissect_ethernet(&zero, Fcs::Absent);
    assert_eq!(
        check(&d, "udp.checksum").verdict,
        CheckVerdict::Incorrect { expected: 0x888e }
    );
    assert!(
        field(&d, "udp.checksum")
            .meaning
            .starts_with("0 is invalid over IPv6"),
        "{}",
        field(&d, "udp.checksum").meaning
    );
}

#[test]
fn ipv6_hop_by_hop_and_fragment_headers_are_walked() {
    let f = &IPV6_HBH_FRAGMENT;
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "hbh fragment");
    assert_eq!(d.malformed, None);
    assert_eq!(
        protocols(&d),
        [
            "Ethernet II",
            "IPv6",
            "IPv6 Hop-by-Hop Options",
            "IPv6 Fragment header",
            "UDP",
            "application data"
        ]
    );
    let hbh = &d.layers[2];
    assert_eq!(
        hbh.header,
        Span {
            offset: 54,
            length: 8
        }
    );
    assert_eq!(
        hbh.field("ipv6.ext.next_header").unwrap().value,
        Value::Number(44)
    );
    assert_eq!(hbh.field("ipv6.ext.length").unwrap().offset, Some(55));
    let options: Vec<(usize, usize, String)> = hbh
        .fields
        .iter()
        .filter(|f| f.id == "ipv6.ext.option")
        .map(|f| (f.offset.unwrap(), f.length, f.value.to_string()))
        .collect();
    assert_eq!(
        options,
        [(56, 4, "5".to_string()), (60, 2, "1".to_string())]
    );
    assert!(hbh.fields[2]
        .meaning
        .contains("Router Alert, value 0 (MLD)"));
    let frag = &d.layers[3];
    assert_eq!(
        frag.header,
        Span {
            offset: 62,
            length: 8
        }
    );
    assert_eq!(num(&d, "ipv6.frag.offset"), 0);
    assert_eq!(bits(&d, "ipv6.frag.offset"), (64, 2, 0, 13));
    assert_eq!(num(&d, "ipv6.frag.m"), 1);
    assert_eq!(bits(&d, "ipv6.frag.m"), (64, 2, 15, 1));
    assert_eq!(num(&d, "ipv6.frag.identification"), 0xdead_beef);
    assert_eq!(at(&d, "ipv6.frag.identification"), (66, 4));
    // The first fragment (offset 0, M set) carries the UDP header, read as
    // tshark does; the checksum covers the whole datagram, so it cannot be
    // checked from this piece.
    let udp = &d.layers[4];
    assert_eq!(
        udp.header,
        Span {
            offset: 70,
            length: 8
        }
    );
    assert_eq!(num(&d, "udp.length"), 24);
    assert!(udp.checks.is_empty());
    assert!(udp
        .field("udp.checksum")
        .unwrap()
        .meaning
        .starts_with("not verifiable from one fragment"));
}

#[test]
fn a_later_ipv6_fragment_is_data_even_when_its_next_header_is_an_extension() {
    // Offset 2 (16 bytes), M clear; its next header says Destination Options,
    // but the bytes are the middle of the datagram, not a header.
    let mut f = IPV6_HBH_FRAGMENT.to_vec();
    f[62] = 60; // next header 60 = Destination Options
    f[64] = 0x00;
    f[65] = 0x10; // offset 2 << 3, res 00, M 0
    let d = dissect_ethernet(&f, Fcs::Absent);
    assert_inside(&d, &f, "later fragment");
    assert_eq!(d.malformed, None);
    assert_eq!(
        protocols(&d).last(),
        Some(&"IPv6 fragment data"),
        "{:?}",
        protocols(&d)
    );
    assert!(!protocols(&d).contains(&"IPv6 Destination Options"));
    assert_eq!(num(&d, "ipv6.frag.offset"), 2);
    assert_eq!(num(&d, "ipv6.frag.m"), 0);
}

#[test]
fn a_hop_by_hop_header_before_udp_keeps_the_upper_layer_length_right() {
    // Payload length 8 + 15, Hop-by-Hop (PadN 6) then the UDP datagram of
    // IPV6_UDP: the pseudo-header carries 15, not the payload length 23.
    let mut f = IPV6_UDP[..54].to_vec();
    f[18..20].copy_from_slice(&23u16.to_be_bytes());
    f[20] = 0; //                                       next header: Hop-by-Hop
    f.extend_from_slice(&[17, 0, 1, 4, 0, 0, 0, 0]); // 54: next UDP, 8 bytes, PadN
    f.extend_from_slice(&IPV6_UDP[54..]); //            62: UDP as before
    let d = dissect_ethernet(&f, Fcs::Absent);
    assert_inside(&d, &f, "hbh udp");
    assert_eq!(d.malformed, None);
    assert_eq!(check(&d, "udp.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(at(&d, "udp.checksum"), (68, 2));
}

// ---------------------------------------------------------------------------
// ICMPv6: echo request, neighbour solicitation and advertisement.
// ---------------------------------------------------------------------------

#[test]
fn icmpv6_echo_request() {
    let f = &ICMPV6_ECHO;
    let pseudo = pseudo_v6(&FD00_1, &FD00_2, 58, 12);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[54..66], 2), 0xa6db);
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "echo");
    assert_eq!(d.malformed, None);
    assert_eq!(protocols(&d), ["Ethernet II", "IPv6", "ICMPv6"]);
    assert_eq!(num(&d, "icmpv6.type"), 128);
    assert_eq!(field(&d, "icmpv6.type").meaning, "Echo Request (ping)");
    assert_eq!(num(&d, "icmpv6.code"), 0);
    assert_eq!(num(&d, "icmpv6.identifier"), 7);
    assert_eq!(at(&d, "icmpv6.identifier"), (58, 2));
    assert_eq!(num(&d, "icmpv6.sequence"), 1);
    assert_eq!(at(&d, "icmpv6.sequence"), (60, 2));
    assert_eq!(text(&d, "icmpv6.data"), "ping");
    assert_eq!(at(&d, "icmpv6.data"), (62, 4));
    let c = check(&d, "icmpv6.checksum");
    assert_eq!(c.verdict, CheckVerdict::Correct);
    assert_eq!(c.pseudo_header.len(), 5);
    assert_eq!(c.pseudo_header[4].hex, "3a");
    assert_eq!(c.pseudo_header[2].hex, "0000000c");
}

#[test]
fn icmpv6_neighbor_solicitation() {
    let f = &NEIGHBOR_SOLICITATION;
    let pseudo = pseudo_v6(&FE80_1, &SOLICITED_2, 58, 32);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[54..86], 2), 0x7a97);
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "ns");
    assert_eq!(d.malformed, None);
    assert_eq!(check(&d, "icmpv6.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(num(&d, "icmpv6.type"), 135);
    assert_eq!(
        field(&d, "icmpv6.type").meaning,
        "Neighbor Solicitation: who has fe80::2? (IPv6's ARP request)"
    );
    assert_eq!(at(&d, "icmpv6.nd.reserved"), (58, 4));
    assert_eq!(text(&d, "icmpv6.nd.target"), "fe80::2");
    assert_eq!(at(&d, "icmpv6.nd.target"), (62, 16));
    assert_eq!(text(&d, "icmpv6.nd.source_mac"), "02:00:00:00:00:01");
    assert_eq!(at(&d, "icmpv6.nd.source_mac"), (78, 8));
    assert!(field(&d, "ipv6.dst").meaning.contains("solicited-node"));
    assert!(field(&d, "ipv6.src").meaning.contains("link-local"));
    // The whole message is explained by its one layer.
    assert_eq!(
        d.layers[2].header,
        Span {
            offset: 54,
            length: 32
        }
    );
}

#[test]
fn icmpv6_neighbor_advertisement() {
    let f = &NEIGHBOR_ADVERTISEMENT;
    let pseudo = pseudo_v6(&FE80_2, &FE80_1, 58, 32);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[54..86], 2), 0x181a);
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "na");
    assert_eq!(d.malformed, None);
    assert_eq!(check(&d, "icmpv6.checksum").verdict, CheckVerdict::Correct);
    assert_eq!(
        field(&d, "icmpv6.type").meaning,
        "Neighbor Advertisement: fe80::2 is at 02:00:00:00:00:02 (IPv6's ARP reply)"
    );
    assert_eq!(num(&d, "icmpv6.nd.flags.r"), 0);
    assert_eq!(num(&d, "icmpv6.nd.flags.s"), 1);
    assert_eq!(num(&d, "icmpv6.nd.flags.o"), 1);
    assert_eq!(bits(&d, "icmpv6.nd.flags.s"), (58, 4, 1, 1));
    assert_eq!(bits(&d, "icmpv6.nd.reserved"), (58, 4, 3, 29));
    assert_eq!(text(&d, "icmpv6.nd.target_mac"), "02:00:00:00:00:02");
}

#[test]
fn icmpv6_port_unreachable_quotes_the_failed_datagram() {
    // 2001:db8::2 answers IPV6_UDP: nobody listens on port 15001.
    let quoted = &IPV6_UDP[14..]; // the whole 55-byte packet
    let mut f = IPV6_UDP[..14].to_vec();
    f.extend_from_slice(&[0x60, 0, 0, 0]); //                 14: version 6
    f.extend_from_slice(&(8 + quoted.len() as u16).to_be_bytes()); // 18: payload length 63
    f.extend_from_slice(&[58, 64]); //                          20: ICMPv6, hop limit 64
    f.extend_from_slice(&DOC_2); //                             22: source 2001:db8::2
    f.extend_from_slice(&DOC_1); //                             38: destination 2001:db8::1
    f.extend_from_slice(&[1, 4, 0, 0, 0, 0, 0, 0]); //          54: type 1, code 4, unused
    f.extend_from_slice(quoted); //                             62: the invoking packet
    let pseudo = pseudo_v6(&DOC_2, &DOC_1, 58, 63);
    let sum = checksum_with_zero_at(&pseudo, &f[54..], 2);
    f[56..58].copy_from_slice(&sum.to_be_bytes());

    let d = dissect_ethernet(&f, Fcs::Absent);
    assert_inside(&d, &f, "port unreachable");
    assert_eq!(d.malformed, None);
    assert_eq!(
        protocols(&d),
        [
            "Ethernet II",
            "IPv6",
            "ICMPv6",
            "IPv6 (quoted original header)",
            "UDP (quoted)"
        ]
    );
    let c = check(&d, "icmpv6.checksum");
    assert_eq!(c.verdict, CheckVerdict::Correct);
    assert_eq!(c.computed, u32::from(sum));
    assert_eq!(
        field(&d, "icmpv6.type").meaning,
        "Destination Unreachable: Port Unreachable"
    );
    assert_eq!(at(&d, "icmpv6.unused"), (58, 4));
    // The ICMPv6 layer's own header is 8 bytes; the quote is its own layers.
    assert_eq!(d.layers[2].header.length, 8);
    assert_eq!(d.layers[3].header.offset, 62);
    let quoted_udp = &d.layers[4];
    assert_eq!(
        quoted_udp.field("udp.dst_port").unwrap().value,
        Value::Number(15001)
    );
    assert_eq!(quoted_udp.field("udp.dst_port").unwrap().offset, Some(104));
    assert!(
        quoted_udp.checks.is_empty(),
        "a quote's checksum is not judged"
    );

    // A quote cut after the UDP header is expected, not malformed.
    let mut cut = f[..62 + 48].to_vec();
    cut[18..20].copy_from_slice(&56u16.to_be_bytes());
    let pseudo = pseudo_v6(&DOC_2, &DOC_1, 58, 56);
    cut[56..58].copy_from_slice(&[0, 0]);
    let sum = checksum_with_zero_at(&pseudo, &cut[54..], 2);
    cut[56..58].copy_from_slice(&sum.to_be_bytes());
    let d = dissect_ethernet(&cut, Fcs::Absent);
    assert_inside(&d, &cut, "cut quote");
    assert_eq!(d.malformed, None);
    assert_eq!(check(&d, "icmpv6.checksum").verdict, CheckVerdict::Correct);
    assert!(d.layers[3]
        .notes
        .iter()
        .any(|n| n.contains("quotes only the start")));
}

#[test]
fn ipv6_destination_options_routing_and_ah_headers() {
    let mut f = IPV6_UDP[..54].to_vec();
    f[18..20].copy_from_slice(&56u16.to_be_bytes()); // payload length 8 + 24 + 24
    f[20] = 60; //                                      next header 60 = Destination Options
    f.extend_from_slice(&[
        43, 0, //             54: next header 43 = Routing; 8 bytes
        0x01, 0x04, 0, 0, 0, 0, // 56: PadN, 4 bytes of padding
    ]);
    f.extend_from_slice(&[
        51, 2, //             62: next header 51 = AH; (2 + 1) × 8 = 24 bytes
        4, 1, //              64: routing type 4 = SRH, segments left 1
        0, 0, 0, 0, //        66: last entry 0, flags 0, tag 0
    ]);
    f.extend_from_slice(&DOC_2); // 70: segment list: 2001:db8::2
    f.extend_from_slice(&[
        59, 4, 0, 0, //       86: next header 59 = none; (4 + 2) × 4 = 24 bytes; reserved
        0, 0, 0x10, 0x01, //  90: SPI 0x1001
        0, 0, 0, 7, //        94: sequence number 7
    ]);
    f.extend_from_slice(&[0xaa; 12]); // 98: integrity check value
    let d = dissect_ethernet(&f, Fcs::Absent);
    assert_inside(&d, &f, "ext chain");
    assert_eq!(d.malformed, None);
    assert_eq!(
        protocols(&d),
        [
            "Ethernet II",
            "IPv6",
            "IPv6 Destination Options",
            "IPv6 Routing header",
            "IPv6 Authentication Header"
        ]
    );
    assert_eq!(num(&d, "ipv6.ext.routing_type"), 4);
    assert_eq!(num(&d, "ipv6.ext.segments_left"), 1);
    assert_eq!(text(&d, "ipv6.ext.data"), "2001:db8::2");
    assert_eq!(at(&d, "ipv6.ext.data"), (66, 20));
    assert_eq!(num(&d, "ipv6.ext.ah.spi"), 0x1001);
    assert_eq!(num(&d, "ipv6.ext.ah.sequence"), 7);
    assert_eq!(at(&d, "ipv6.ext.ah.icv"), (98, 12));
    let ah = &d.layers[4];
    assert!(ah
        .field("ipv6.ext.length")
        .unwrap()
        .meaning
        .contains("(4 + 2) × 4 = 24 bytes"));
}

#[test]
fn tcp_data_of_odd_length_is_summed_with_a_zero_byte_added() {
    // ACK + PSH carrying "hello" (5 bytes): the checksum pads the data.
    let mut f = TCP_SYN[..54].to_vec();
    f[16..18].copy_from_slice(&45u16.to_be_bytes()); // total length 20 + 20 + 5
    f[24..26].copy_from_slice(&[0, 0]);
    let ip = checksum_with_zero_at(&[], &f[14..34], 10);
    f[24..26].copy_from_slice(&ip.to_be_bytes());
    f[42..46].copy_from_slice(&1000u32.to_be_bytes()); // ack 1000
    f[46] = 0x50; //                                      data offset 5
    f[47] = 0x18; //                                      ACK + PSH
    f.extend_from_slice(b"hello");
    f[50..52].copy_from_slice(&[0, 0]);
    let pseudo = pseudo_v4(&IP_A, &IP_B, 6, 25);
    let tcp = checksum_with_zero_at(&pseudo, &f[34..], 16);
    f[50..52].copy_from_slice(&tcp.to_be_bytes());
    f.resize(60, 0); // padding: the IPv4 total length says where the segment ends
    let d = dissect_ethernet(&f, Fcs::Absent);
    assert_inside(&d, &f, "tcp data");
    assert_eq!(d.malformed, None);
    assert_eq!(check(&d, "ipv4.checksum").verdict, CheckVerdict::Correct);
    let c = check(&d, "tcp.checksum");
    assert_eq!(c.verdict, CheckVerdict::Correct);
    assert!(c
        .terms
        .last()
        .unwrap()
        .label
        .contains("5 bytes, one zero byte added"));
    assert_eq!(text(&d, "app.data"), "hello");
    assert_eq!(at(&d, "app.data"), (54, 5));
    assert_eq!(at(&d, "eth.padding"), (59, 1));
    assert!(d.layers[2].notes[0].contains("ACK, PSH"));
}
