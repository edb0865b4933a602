//! Golden frames: hand-commented byte vectors that `build_frame` must produce
//! exactly and `dissect_ethernet` must explain field by field, their checksums
//! and FCS re-derived here by independent code (RFC 1071 and a bitwise
//! CRC-32), damaged copies of them (wrong checksums, offload, cut short), and
//! `parse_hex` on the forms a user types.

mod common;

use common::golden::*;
use stackviz::build::build_frame;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::{CheckVerdict, LayerKind, Pdu, Span};

#[test]
fn the_independent_crc_and_sum_agree_with_published_values() {
    // The CRC-32 check value from the catalogue of parametrised CRCs.
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    // RFC 1071 section 3's worked example: 00 01 f2 03 f4 f5 f6 f7 sums to
    // 2ddf0, which folds to ddf2.
    let sum = word_sum(&[0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    assert_eq!(sum, 0x2ddf0);
    assert_eq!(fold(sum), (0xddf2, vec![(0x2ddf0, 0xddf2)]));
    // An odd byte counts as the high half of a word.
    assert_eq!(word_sum(&[0x12, 0x34, 0x56]), 0x1234 + 0x5600);
}

#[test]
fn golden_frames_carry_the_independently_computed_checksums() {
    assert_self_consistent(&DEFAULT_FRAME, 49);
    assert_self_consistent(&LAN_FRAME, 93);
}

// ---------------------------------------------------------------------------
// build_frame produces the golden bytes.
// ---------------------------------------------------------------------------

#[test]
fn build_frame_default_spec_gives_the_golden_bytes() {
    let built = build_frame(&default_spec()).unwrap();
    assert_eq!(hex(&built.bytes), hex(&DEFAULT_FRAME));
    assert_eq!(built.padding, 11);
}

#[test]
fn build_frame_lan_spec_gives_the_golden_bytes() {
    let built = build_frame(&lan_spec()).unwrap();
    assert_eq!(hex(&built.bytes), hex(&LAN_FRAME));
    assert_eq!(built.padding, 0);
}

#[test]
fn dissect_default_frame_every_field() {
    let frame = &DEFAULT_FRAME;
    let d = dissect_ethernet(frame, Fcs::Present);
    assert_eq!(d.malformed, None);
    assert_eq!(d.frame_length, 64);
    let kinds: Vec<LayerKind> = d.layers.iter().map(|l| l.layer).collect();
    assert_eq!(
        kinds,
        [
            LayerKind::Link,
            LayerKind::Network,
            LayerKind::Transport,
            LayerKind::Application
        ]
    );

    let link = &d.layers[0];
    assert_layer(link, LayerKind::Link, "Ethernet II", Pdu::Frame, (0, 14));
    assert_eq!(link.pdu_length, 64);
    assert_eq!(
        link.trailer,
        vec![
            Span {
                offset: 49,
                length: 11
            },
            Span {
                offset: 60,
                length: 4
            }
        ]
    );
    assert_fields(
        link,
        frame,
        &[
            ("eth.dst", 0, 6, None, t("00:00:00:00:00:00")),
            ("eth.src", 6, 6, None, t("00:00:00:00:00:00")),
            ("eth.type", 12, 2, None, n(0x0800)),
            ("eth.padding", 49, 11, None, n(11)),
            ("eth.fcs", 60, 4, None, n(0x5bb6_741e)),
        ],
    );

    let ip = &d.layers[1];
    assert_layer(ip, LayerKind::Network, "IPv4", Pdu::Packet, (14, 20));
    assert_eq!(ip.pdu_length, 35);
    assert!(ip.notes.is_empty(), "{:?}", ip.notes);
    assert_fields(
        ip,
        frame,
        &[
            ("ipv4.version", 14, 1, Some((0, 4)), n(4)),
            ("ipv4.ihl", 14, 1, Some((4, 4)), n(5)),
            ("ipv4.dscp", 15, 1, Some((0, 6)), n(0)),
            ("ipv4.ecn", 15, 1, Some((6, 2)), n(0)),
            ("ipv4.total_length", 16, 2, None, n(35)),
            ("ipv4.identification", 18, 2, None, n(0)),
            ("ipv4.flags.reserved", 20, 1, Some((0, 1)), n(0)),
            ("ipv4.flags.df", 20, 1, Some((1, 1)), n(1)),
            ("ipv4.flags.mf", 20, 1, Some((2, 1)), n(0)),
            ("ipv4.fragment_offset", 20, 2, Some((3, 13)), n(0)),
            ("ipv4.ttl", 22, 1, None, n(64)),
            ("ipv4.protocol", 23, 1, None, n(17)),
            ("ipv4.checksum", 24, 2, None, n(0x3cc8)),
            ("ipv4.src", 26, 4, None, t("127.0.0.1")),
            ("ipv4.dst", 30, 4, None, t("127.0.0.1")),
        ],
    );
    // The bit patterns as a learner reads them.
    let binary = |id: &str| d.field(id).unwrap().bits.unwrap().binary();
    assert_eq!(binary("ipv4.version"), "0100");
    assert_eq!(binary("ipv4.ihl"), "0101");
    assert_eq!(binary("ipv4.dscp"), "000000");
    assert_eq!(binary("ipv4.flags.df"), "1");
    assert_eq!(binary("ipv4.fragment_offset"), "0000000000000");

    let udp = &d.layers[2];
    assert_layer(udp, LayerKind::Transport, "UDP", Pdu::Datagram, (34, 8));
    assert_eq!(udp.pdu_length, 15);
    assert!(udp.notes.is_empty(), "{:?}", udp.notes);
    assert_fields(
        udp,
        frame,
        &[
            ("udp.src_port", 34, 2, None, n(42036)),
            ("udp.dst_port", 36, 2, None, n(15001)),
            ("udp.length", 38, 2, None, n(15)),
            ("udp.checksum", 40, 2, None, n(0xde0c)),
        ],
    );

    let app = &d.layers[3];
    assert_layer(
        app,
        LayerKind::Application,
        "application data",
        Pdu::Message,
        (42, 7),
    );
    assert_eq!(app.pdu_length, 7);
    assert_fields(app, frame, &[("app.data", 42, 7, None, t("Hello!!"))]);

    assert_eq!(
        verdicts(&d),
        vec![
            ("eth.fcs", CheckVerdict::Correct),
            ("ipv4.checksum", CheckVerdict::Correct),
            ("udp.checksum", CheckVerdict::Correct),
        ]
    );
    // The worked sums, against the values written in the golden comments.
    assert_ipv4_check(&d, frame);
    assert_eq!(check(&d, "ipv4.checksum").sum, Some(0x1c336));
    assert_eq!(steps(check(&d, "ipv4.checksum")), vec![(0x1c336, 0xc337)]);
    assert_udp_check(&d, frame, 49);
    assert_eq!(check(&d, "udp.checksum").sum, Some(0x321f0));
    assert_eq!(steps(check(&d, "udp.checksum")), vec![(0x321f0, 0x21f3)]);
    assert_fcs_check(&d, frame);
}

#[test]
fn dissect_lan_frame_every_field() {
    let frame = &LAN_FRAME;
    let d = dissect_ethernet(frame, Fcs::Present);
    assert_eq!(d.malformed, None);
    assert_eq!(d.frame_length, 97);
    assert_eq!(d.layers.len(), 4);

    let link = &d.layers[0];
    assert_layer(link, LayerKind::Link, "Ethernet II", Pdu::Frame, (0, 14));
    assert_eq!(link.pdu_length, 97);
    // No padding: only the FCS trails the packet.
    assert_eq!(
        link.trailer,
        vec![Span {
            offset: 93,
            length: 4
        }]
    );
    assert_fields(
        link,
        frame,
        &[
            ("eth.dst", 0, 6, None, t("02:fc:00:00:00:02")),
            ("eth.src", 6, 6, None, t("02:fc:00:00:00:01")),
            ("eth.type", 12, 2, None, n(0x0800)),
            ("eth.fcs", 93, 4, None, n(0x0697_0a2b)),
        ],
    );

    let ip = &d.layers[1];
    assert_layer(ip, LayerKind::Network, "IPv4", Pdu::Packet, (14, 20));
    assert_eq!(ip.pdu_length, 79);
    assert_fields(
        ip,
        frame,
        &[
            ("ipv4.version", 14, 1, Some((0, 4)), n(4)),
            ("ipv4.ihl", 14, 1, Some((4, 4)), n(5)),
            ("ipv4.dscp", 15, 1, Some((0, 6)), n(46)),
            ("ipv4.ecn", 15, 1, Some((6, 2)), n(2)),
            ("ipv4.total_length", 16, 2, None, n(79)),
            ("ipv4.identification", 18, 2, None, n(0x1c46)),
            ("ipv4.flags.reserved", 20, 1, Some((0, 1)), n(0)),
            ("ipv4.flags.df", 20, 1, Some((1, 1)), n(0)),
            ("ipv4.flags.mf", 20, 1, Some((2, 1)), n(0)),
            ("ipv4.fragment_offset", 20, 2, Some((3, 13)), n(0)),
            ("ipv4.ttl", 22, 1, None, n(17)),
            ("ipv4.protocol", 23, 1, None, n(17)),
            ("ipv4.checksum", 24, 2, None, n(0x770c)),
            ("ipv4.src", 26, 4, None, t("10.200.0.1")),
            ("ipv4.dst", 30, 4, None, t("10.200.0.2")),
        ],
    );
    let binary = |id: &str| d.field(id).unwrap().bits.unwrap().binary();
    assert_eq!(binary("ipv4.dscp"), "101110");
    assert_eq!(binary("ipv4.ecn"), "10");
    assert_eq!(binary("ipv4.flags.df"), "0");

    let udp = &d.layers[2];
    assert_layer(udp, LayerKind::Transport, "UDP", Pdu::Datagram, (34, 8));
    assert_eq!(udp.pdu_length, 59);
    assert_fields(
        udp,
        frame,
        &[
            ("udp.src_port", 34, 2, None, n(33333)),
            ("udp.dst_port", 36, 2, None, n(7)),
            ("udp.length", 38, 2, None, n(59)),
            ("udp.checksum", 40, 2, None, n(0xb0de)),
        ],
    );

    let app = &d.layers[3];
    assert_layer(
        app,
        LayerKind::Application,
        "application data",
        Pdu::Message,
        (42, 51),
    );
    assert_fields(
        app,
        frame,
        &[(
            "app.data",
            42,
            51,
            None,
            t("The quick brown fox jumps over the lazy dog, twice."),
        )],
    );

    assert_eq!(
        verdicts(&d),
        vec![
            ("eth.fcs", CheckVerdict::Correct),
            ("ipv4.checksum", CheckVerdict::Correct),
            ("udp.checksum", CheckVerdict::Correct),
        ]
    );
    assert_ipv4_check(&d, frame);
    assert!(
        check(&d, "ipv4.checksum").folds.is_empty(),
        "0x88f3 needs no fold"
    );
    assert_udp_check(&d, frame, 93);
    // The odd payload is summed with a zero byte added.
    let last = check(&d, "udp.checksum").terms.last().unwrap();
    assert_eq!(last.sum, word_sum(SENTENCE));
    assert!(last.label.contains("51 bytes"), "{}", last.label);
    assert_fcs_check(&d, frame);
}

/// A UDP checksum that computes to 0 is sent as 0xffff (RFC 768), because
/// 0 means "no checksum".
#[test]
fn a_computed_zero_udp_checksum_is_sent_as_ffff() {
    let mut spec = default_spec();
    // Choose the payload word that brings the folded sum to exactly 0xffff.
    let mut udp = vec![0xa4, 0x34, 0x3a, 0x99, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00];
    let (sum, _, _) = udp_checksum([127, 0, 0, 1], [127, 0, 0, 1], &udp);
    let word = 0xffff - fold(sum).0;
    spec.payload = word.to_be_bytes().to_vec();
    udp[8..].copy_from_slice(&spec.payload);
    let (_, _, sent) = udp_checksum([127, 0, 0, 1], [127, 0, 0, 1], &udp);
    assert_eq!(sent, 0xffff);

    let frame = build_frame(&spec).unwrap().bytes;
    assert_eq!(frame[40..42], [0xff, 0xff], "the UDP checksum field");
    let d = dissect_ethernet(&frame, Fcs::Present);
    let c = check(&d, "udp.checksum");
    assert_eq!(c.verdict, CheckVerdict::Correct);
    assert_eq!(c.computed, 0xffff);
    assert_eq!(c.stored, 0xffff);
}
