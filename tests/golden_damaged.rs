//! Negative goldens: the golden frames damaged one thing at a time (wrong
//! checksums, offload's partial sum, a wrong FCS), cut short at every layer,
//! the FCS detector, and `parse_hex` on the forms a user types.

mod common;

use common::golden::*;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::input::{parse_hex, HexError};
use stackviz::model::{CheckVerdict, LayerKind, Span};
use std::net::Ipv4Addr;

#[test]
fn corrupted_ipv4_checksum_is_incorrect_and_names_the_right_value() {
    let mut frame = DEFAULT_FRAME;
    frame[24..26].copy_from_slice(&[0x3c, 0xc9]);
    refcs(&mut frame);
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(d.malformed, None);
    assert_eq!(
        verdict(&d, "ipv4.checksum"),
        CheckVerdict::Incorrect { expected: 0x3cc8 }
    );
    assert_eq!(check(&d, "ipv4.checksum").stored, 0x3cc9);
    assert_eq!(verdict(&d, "udp.checksum"), CheckVerdict::Correct);
    assert_eq!(verdict(&d, "eth.fcs"), CheckVerdict::Correct);
    let meaning = &d.field("ipv4.checksum").unwrap().meaning;
    assert!(meaning.contains("incorrect (expected 0x3cc8)"), "{meaning}");
}

#[test]
fn a_changed_ttl_breaks_the_ipv4_checksum_but_not_the_udp_one() {
    let mut frame = DEFAULT_FRAME;
    frame[22] = 63; // as if a router had decremented it without fixing the sum
    refcs(&mut frame);
    let (_, _, expected) = ipv4_checksum(&frame[14..34]);
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(
        verdict(&d, "ipv4.checksum"),
        CheckVerdict::Incorrect {
            expected: u32::from(expected)
        }
    );
    // 0x3cc8 + 0x0100: one less in the high byte of the summed word.
    assert_eq!(expected, 0x3dc8);
    assert_eq!(verdict(&d, "udp.checksum"), CheckVerdict::Correct);
}

#[test]
fn corrupted_udp_checksum_is_incorrect_and_names_the_right_value() {
    let mut frame = DEFAULT_FRAME;
    frame[40..42].copy_from_slice(&[0xde, 0x0d]);
    refcs(&mut frame);
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(
        verdict(&d, "udp.checksum"),
        CheckVerdict::Incorrect { expected: 0xde0c }
    );
    assert_eq!(verdict(&d, "ipv4.checksum"), CheckVerdict::Correct);
    assert_eq!(verdict(&d, "eth.fcs"), CheckVerdict::Correct);
}

#[test]
fn a_changed_payload_byte_breaks_the_udp_checksum() {
    let mut frame = DEFAULT_FRAME;
    frame[42] = b'h';
    refcs(&mut frame);
    let (_, _, expected) = udp_checksum([127, 0, 0, 1], [127, 0, 0, 1], &frame[34..49]);
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(
        verdict(&d, "udp.checksum"),
        CheckVerdict::Incorrect {
            expected: u32::from(expected)
        }
    );
    assert_eq!(d.field("app.data").unwrap().value, t("hello!!"));
}

#[test]
fn udp_checksum_zero_means_not_used() {
    let mut frame = DEFAULT_FRAME;
    frame[40..42].copy_from_slice(&[0, 0]);
    refcs(&mut frame);
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(verdict(&d, "udp.checksum"), CheckVerdict::NotUsed);
    let c = check(&d, "udp.checksum");
    assert_eq!((c.stored, c.computed), (0, 0xde0c));
    assert_eq!(verdict(&d, "ipv4.checksum"), CheckVerdict::Correct);
}

#[test]
fn udp_checksum_equal_to_the_pseudo_header_sum_is_partial_offload() {
    let partial = partial_sum([127, 0, 0, 1], [127, 0, 0, 1], 15);
    // 7f00 + 0001 + 7f00 + 0001 + 0011 + 000f
    assert_eq!(partial, 0xfe22);
    let mut frame = DEFAULT_FRAME;
    frame[40..42].copy_from_slice(&partial.to_be_bytes());
    refcs(&mut frame);
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(verdict(&d, "udp.checksum"), CheckVerdict::PartialOffload);
    assert_eq!(check(&d, "udp.checksum").computed, 0xde0c);

    // The same on the LAN frame, whose pseudo-header sum differs.
    let partial = partial_sum([10, 200, 0, 1], [10, 200, 0, 2], 59);
    let mut frame = LAN_FRAME;
    frame[40..42].copy_from_slice(&partial.to_be_bytes());
    refcs(&mut frame);
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(verdict(&d, "udp.checksum"), CheckVerdict::PartialOffload);
}

#[test]
fn corrupted_fcs_is_incorrect_and_names_the_right_crc() {
    let mut frame = DEFAULT_FRAME;
    frame[60] ^= 0x01;
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(
        verdict(&d, "eth.fcs"),
        CheckVerdict::Incorrect {
            expected: 0x5bb6_741e
        }
    );
    assert_eq!(check(&d, "eth.fcs").stored, 0x5bb6_741f);
    assert_eq!(verdict(&d, "ipv4.checksum"), CheckVerdict::Correct);
    assert_eq!(verdict(&d, "udp.checksum"), CheckVerdict::Correct);

    // A damaged data byte and an untouched FCS: the CRC catches it.
    let mut frame = LAN_FRAME;
    frame[50] ^= 0x20;
    let d = dissect_ethernet(&frame, Fcs::Present);
    assert_eq!(
        verdict(&d, "eth.fcs"),
        CheckVerdict::Incorrect {
            expected: crc32(&frame[..93])
        }
    );
    assert!(matches!(
        verdict(&d, "udp.checksum"),
        CheckVerdict::Incorrect { .. }
    ));
}

#[test]
fn ten_bytes_are_not_an_ethernet_header() {
    for fcs in [Fcs::Present, Fcs::Absent, Fcs::Detect] {
        let d = dissect_ethernet(&DEFAULT_FRAME[..10], fcs);
        assert_eq!(
            malformed(&d),
            (
                "Ethernet II",
                0,
                "Ethernet II header needs 14 bytes, 10 left at offset 0".into()
            ),
            "{fcs:?}"
        );
        assert!(d.layers.is_empty());
        assert_eq!(d.frame_length, 10);
    }
    let d = dissect_ethernet(&[], Fcs::Present);
    assert_eq!(
        malformed(&d).2,
        "Ethernet II header needs 14 bytes, 0 left at offset 0"
    );
}

#[test]
fn twenty_bytes_leave_six_for_ipv4() {
    let d = dissect_ethernet(&DEFAULT_FRAME[..20], Fcs::Absent);
    assert_eq!(
        malformed(&d),
        (
            "IPv4",
            14,
            "IPv4 header needs 20 bytes, 6 left at offset 14".into()
        )
    );
    // The Ethernet header was whole and is still explained.
    assert_eq!(d.layers.len(), 1);
    assert_eq!(d.field("eth.type").unwrap().value, n(0x0800));

    // Told the last four bytes are an FCS, only two are left for IPv4.
    let d = dissect_ethernet(&DEFAULT_FRAME[..20], Fcs::Present);
    assert_eq!(
        malformed(&d),
        (
            "IPv4",
            14,
            "IPv4 header needs 20 bytes, 2 left at offset 14".into()
        )
    );
    assert!(matches!(
        verdict(&d, "eth.fcs"),
        CheckVerdict::Incorrect { .. }
    ));
}

#[test]
fn fifteen_bytes_of_ipv4_header() {
    let d = dissect_ethernet(&DEFAULT_FRAME[..14 + 15], Fcs::Absent);
    assert_eq!(
        malformed(&d),
        (
            "IPv4",
            14,
            "IPv4 header needs 20 bytes, 15 left at offset 14".into()
        )
    );
    assert_eq!(d.layers.len(), 1);
}

#[test]
fn a_whole_ipv4_header_and_five_bytes_of_udp() {
    let d = dissect_ethernet(&DEFAULT_FRAME[..14 + 20 + 5], Fcs::Absent);
    assert_eq!(
        malformed(&d),
        (
            "UDP",
            34,
            "UDP header needs 8 bytes, 5 left at offset 34".into()
        )
    );
    let kinds: Vec<LayerKind> = d.layers.iter().map(|l| l.layer).collect();
    assert_eq!(kinds, [LayerKind::Link, LayerKind::Network]);
    let ip = &d.layers[1];
    assert_eq!(
        ip.notes,
        vec!["total length says 35 bytes but only 25 are present: the packet was cut short"]
    );
    // The IPv4 header itself is whole, so its checksum is still verified.
    assert_eq!(verdict(&d, "ipv4.checksum"), CheckVerdict::Correct);
}

// ---------------------------------------------------------------------------
// Fcs::Detect
// ---------------------------------------------------------------------------

#[test]
fn detect_finds_the_fcs_of_a_built_frame_and_none_once_stripped() {
    for golden in [&DEFAULT_FRAME[..], &LAN_FRAME[..]] {
        let d = dissect_ethernet(golden, Fcs::Detect);
        assert_eq!(d, dissect_ethernet(golden, Fcs::Present));
        assert_eq!(verdict(&d, "eth.fcs"), CheckVerdict::Correct);

        let stripped = &golden[..golden.len() - 4];
        let d = dissect_ethernet(stripped, Fcs::Detect);
        assert_eq!(d, dissect_ethernet(stripped, Fcs::Absent));
        assert_eq!(d.malformed, None);
        assert!(d.field("eth.fcs").is_none(), "no FCS in a stripped frame");
        assert!(d.layers[0].checks.is_empty());
        assert_eq!(
            verdicts(&d),
            vec![
                ("ipv4.checksum", CheckVerdict::Correct),
                ("udp.checksum", CheckVerdict::Correct),
            ]
        );
    }
    // The stripped default frame keeps its padding, now at the very end.
    let d = dissect_ethernet(&DEFAULT_FRAME[..60], Fcs::Detect);
    assert_eq!(
        d.layers[0].trailer,
        vec![Span {
            offset: 49,
            length: 11
        }]
    );
    assert_eq!(d.field("eth.padding").unwrap().value, n(11));
    // And a stripped LAN frame has no trailer at all.
    let d = dissect_ethernet(&LAN_FRAME[..93], Fcs::Detect);
    assert!(d.layers[0].trailer.is_empty());
    assert!(d.field("eth.padding").is_none());
}

// ---------------------------------------------------------------------------
// parse_hex
// ---------------------------------------------------------------------------

#[test]
fn parse_hex_accepts_separators_and_prefixes() {
    let want = vec![0x45, 0x00, 0x00, 0x1c];
    for text in [
        "4500001c",
        "45 00 00 1c",
        "45:00:00:1c",
        "45-00-00-1c",
        "0x45 0x00 0x00 0x1c",
        "0x450x000x000x1c",
        "0X45 00\t00\n1C",
        "  45 00 00 1c  ",
    ] {
        assert_eq!(parse_hex(text), Ok(want.clone()), "{text:?}");
    }
    assert_eq!(
        parse_hex("00:00:00:00:00:00 08 00"),
        Ok(vec![0, 0, 0, 0, 0, 0, 8, 0])
    );
    // A leading zero digit is data, not the start of a prefix.
    assert_eq!(parse_hex("00 0a"), Ok(vec![0x00, 0x0a]));
}

#[test]
fn parse_hex_rejects_odd_digit_counts() {
    assert_eq!(parse_hex("abc"), Err(HexError::OddDigits { digits: 3 }));
    assert_eq!(parse_hex("45 00 0"), Err(HexError::OddDigits { digits: 5 }));
    assert_eq!(
        parse_hex("abc").unwrap_err().to_string(),
        "odd number of hex digits (3): every byte needs two"
    );
}

#[test]
fn parse_hex_names_the_first_non_hex_character_and_its_position() {
    assert_eq!(
        parse_hex("45 0g"),
        Err(HexError::NotHex {
            found: 'g',
            position: 5
        })
    );
    assert_eq!(
        parse_hex("45 0g").unwrap_err().to_string(),
        "'g' at position 5 is not a hex digit"
    );
    assert_eq!(
        parse_hex("zz"),
        Err(HexError::NotHex {
            found: 'z',
            position: 1
        })
    );
    // Positions count characters, not bytes: "é" is two bytes in UTF-8.
    assert_eq!(
        parse_hex("é45 x"),
        Err(HexError::NotHex {
            found: 'é',
            position: 1
        })
    );
    assert_eq!(
        parse_hex("45 é"),
        Err(HexError::NotHex {
            found: 'é',
            position: 4
        })
    );
    assert_eq!(
        parse_hex("4500,1c"),
        Err(HexError::NotHex {
            found: ',',
            position: 5
        })
    );
}

#[test]
fn parse_hex_rejects_empty_input() {
    for text in ["", "   ", " : - ", "0x"] {
        assert_eq!(parse_hex(text), Err(HexError::Empty), "{text:?}");
    }
    assert_eq!(HexError::Empty.to_string(), "no hex digits given");
}

#[test]
fn parse_hex_of_a_golden_frame_round_trips() {
    let text: Vec<String> = DEFAULT_FRAME.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(parse_hex(&text.join(" ")).unwrap(), DEFAULT_FRAME);
    let d = dissect_ethernet(&parse_hex(&hex(&LAN_FRAME)).unwrap(), Fcs::Detect);
    assert_eq!(
        d.field("ipv4.src").unwrap().value,
        t(&Ipv4Addr::new(10, 200, 0, 1).to_string())
    );
}
