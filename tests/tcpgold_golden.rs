//! Golden TCP segments with hand-commented bytes, as Linux sends them on
//! loopback (the SYN with MSS, SACK_PERM, Timestamps, NOP, WScale; a data
//! segment; a FIN; the RST of a closed port; a SYN over IPv6; an ACK with a
//! SACK block, an unknown kind and EOL): every field, every option value and
//! the checksum verdict, the checksums recomputed by the independent RFC 1071
//! arithmetic of tests/common (nothing there calls stackviz).

mod common;
mod tcpgold;

use common::dissection::*;
use common::{checksum_with_zero_at, folded_sum, pseudo_v4, pseudo_v6};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::field_id as id;
use stackviz::model::{CheckVerdict, Dissection, LayerKind, Span};
use tcpgold::frames::*;

// ---------------------------------------------------------------------------
// Readers.
// ---------------------------------------------------------------------------

/// Dissects a loopback frame (no FCS) that must be read without complaint.
fn clean(frame: &[u8], what: &str) -> Dissection {
    let d = dissect_ethernet(frame, Fcs::Absent);
    assert_inside(&d, frame, what);
    assert_eq!(d.malformed, None, "{what}");
    d
}

/// The flags set, as the id suffixes in bit order (CWR first).
fn flags_set(d: &Dissection) -> Vec<&'static str> {
    [
        (id::TCP_FLAGS_CWR, "CWR"),
        (id::TCP_FLAGS_ECE, "ECE"),
        (id::TCP_FLAGS_URG, "URG"),
        (id::TCP_FLAGS_ACK, "ACK"),
        (id::TCP_FLAGS_PSH, "PSH"),
        (id::TCP_FLAGS_RST, "RST"),
        (id::TCP_FLAGS_SYN, "SYN"),
        (id::TCP_FLAGS_FIN, "FIN"),
    ]
    .into_iter()
    .filter(|(i, _)| num(d, i) == 1)
    .map(|(_, name)| name)
    .collect()
}

/// The ids of the TCP layer's option fields, in order.
fn option_ids(d: &Dissection) -> Vec<&'static str> {
    d.layers
        .iter()
        .find(|l| l.protocol == "TCP")
        .expect("a TCP layer")
        .fields
        .iter()
        .map(|f| f.id)
        .filter(|i| i.starts_with("tcp.option"))
        .collect()
}

/// The TCP checksum of the segment at `tcp` in `frame`, recomputed
/// independently over the IPv4 pseudo-header.
fn independent_v4(frame: &[u8], tcp: usize) -> u16 {
    let segment = &frame[tcp..];
    let pseudo = pseudo_v4(&LOOPBACK, &LOOPBACK, 6, segment.len() as u16);
    checksum_with_zero_at(&pseudo, segment, 16)
}

// ---------------------------------------------------------------------------
// The SYN.
// ---------------------------------------------------------------------------

#[test]
fn syn_every_field_and_option_value() {
    let d = clean(&SYN, "syn");
    assert_eq!(
        protocols(&d),
        ["Ethernet II", "IPv4", "TCP", "application data"]
    );
    let tcp = &d.layers[2];
    assert_eq!(tcp.layer, LayerKind::Transport);
    assert_eq!(
        tcp.header,
        Span {
            offset: 34,
            length: 40
        }
    );
    assert_eq!(num(&d, id::TCP_SRC_PORT), 42036);
    assert_eq!(num(&d, id::TCP_DST_PORT), 15001);
    assert_eq!(num(&d, id::TCP_SEQ), 2_621_340_176);
    assert_eq!(at(&d, id::TCP_SEQ), (38, 4));
    assert_eq!(num(&d, id::TCP_ACK), 0);
    assert_eq!(num(&d, id::TCP_DATA_OFFSET), 10);
    assert_eq!(bits(&d, id::TCP_DATA_OFFSET), (46, 1, 0, 4));
    assert!(field(&d, id::TCP_DATA_OFFSET)
        .meaning
        .contains("10 × 4 = 40 bytes (20 bytes of options)"));
    assert_eq!(num(&d, id::TCP_RESERVED), 0);
    assert_eq!(flags_set(&d), ["SYN"]);
    assert_eq!(bits(&d, id::TCP_FLAGS_SYN), (47, 1, 6, 1));
    assert_eq!(num(&d, id::TCP_WINDOW), 65495);
    assert!(
        field(&d, id::TCP_WINDOW)
            .meaning
            .contains("a SYN's window is never scaled"),
        "{}",
        field(&d, id::TCP_WINDOW).meaning
    );
    assert_eq!(num(&d, id::TCP_URGENT), 0);

    // Options in Linux's order, each value under its own id.
    assert_eq!(
        option_ids(&d),
        [
            id::TCP_OPT_MSS,
            id::TCP_OPT_SACK_PERM,
            id::TCP_OPT_TIMESTAMPS,
            id::TCP_OPT_TSVAL,
            id::TCP_OPT_TSECR,
            id::TCP_OPT_NOP,
            id::TCP_OPT_WSCALE,
        ]
    );
    assert_eq!(
        (num(&d, id::TCP_OPT_MSS), at(&d, id::TCP_OPT_MSS)),
        (65495, (54, 4))
    );
    assert_eq!(
        field(&d, id::TCP_OPT_MSS).meaning,
        "kind 2 = MSS, length 4, value 65495: the sender takes at most 65495 bytes of data per segment (fits an MTU of 65495 + 40 = 65535)"
    );
    assert_eq!(at(&d, id::TCP_OPT_SACK_PERM), (58, 2));
    assert!(field(&d, id::TCP_OPT_SACK_PERM)
        .meaning
        .starts_with("kind 4 = SACK Permitted, length 2"));
    assert_eq!(at(&d, id::TCP_OPT_TIMESTAMPS), (60, 10));
    assert_eq!(text(&d, id::TCP_OPT_TIMESTAMPS), "TSval 169552957, TSecr 0");
    assert_eq!(
        (num(&d, id::TCP_OPT_TSVAL), at(&d, id::TCP_OPT_TSVAL)),
        (169_552_957, (62, 4))
    );
    assert_eq!(
        (num(&d, id::TCP_OPT_TSECR), at(&d, id::TCP_OPT_TSECR)),
        (0, (66, 4))
    );
    // RFC 7323: without ACK, TSecr carries nothing.
    assert!(field(&d, id::TCP_OPT_TSECR)
        .meaning
        .starts_with("not used: ACK is clear"));
    assert_eq!(at(&d, id::TCP_OPT_NOP), (70, 1));
    assert_eq!(
        (num(&d, id::TCP_OPT_WSCALE), at(&d, id::TCP_OPT_WSCALE)),
        (10, (71, 3))
    );
    assert!(field(&d, id::TCP_OPT_WSCALE).meaning.contains(
        "shift 10: the sender's windows after the handshake count in units of 2^10 = 1024 bytes"
    ));
    // Only the flags note: nothing is out of place on a SYN.
    assert_eq!(tcp.notes.len(), 1, "{:?}", tcp.notes);
    assert!(tcp.notes[0].contains("step 1 of the three-way handshake"));
    assert_eq!(d.layers[3].pdu_length, 0);
}

#[test]
fn syn_checksum_is_full_and_agrees_with_rfc_1071() {
    assert_eq!(checksum_with_zero_at(&[], &SYN[14..34], 10), 0x1d8c);
    assert_eq!(independent_v4(&SYN, 34), 0x248a);
    let d = clean(&SYN, "syn");
    let c = check(&d, id::TCP_CHECKSUM);
    assert_eq!((c.stored, c.computed), (0x248a, 0x248a));
    assert_eq!(c.verdict, CheckVerdict::Correct);
    assert_eq!(c.sum, Some(0x5db70));
    let length = c.pseudo_header.iter().find(|f| f.id == "pseudo.length");
    assert_eq!(length.map(|f| f.hex.as_str()), Some("0028"));
    assert!(field(&d, id::TCP_CHECKSUM).meaning.ends_with(": correct"));
}

/// On lo the kernel leaves the checksum to an offload that never happens:
/// the field holds the folded pseudo-header sum, as for UDP.
#[test]
fn syn_as_captured_on_loopback_has_a_partial_checksum() {
    let pseudo = pseudo_v4(&LOOPBACK, &LOOPBACK, 6, 40);
    let partial = folded_sum(&pseudo);
    assert_eq!(partial, 0xfe30);
    let mut captured = SYN;
    captured[50..52].copy_from_slice(&partial.to_be_bytes());
    let d = clean(&captured, "partial syn");
    let c = check(&d, id::TCP_CHECKSUM);
    assert_eq!(c.verdict, CheckVerdict::PartialOffload);
    assert_eq!((c.stored, c.computed), (0xfe30, 0x248a));
    assert!(field(&d, id::TCP_CHECKSUM)
        .meaning
        .contains("partial: the pseudo-header sum left for checksum offload"));

    // One bit away from both is plainly wrong.
    captured[51] ^= 0x01;
    let d = dissect_ethernet(&captured, Fcs::Absent);
    assert_eq!(
        check(&d, id::TCP_CHECKSUM).verdict,
        CheckVerdict::Incorrect { expected: 0x248a }
    );
}

/// RFC 7323 section 2.3: a shift above 14 is used as 14. The meaning must
/// not invent 2^40 (it used to show a clamped 2^30 under the name 2^40).
#[test]
fn window_scale_above_14_is_used_as_14() {
    for shift in [15u8, 40, 255] {
        let mut frame = SYN;
        frame[73] = shift;
        let d = dissect_ethernet(&frame, Fcs::Absent);
        assert_eq!(num(&d, id::TCP_OPT_WSCALE), u64::from(shift));
        let meaning = &field(&d, id::TCP_OPT_WSCALE).meaning;
        assert!(
            meaning.contains("so the receiver uses 14 (RFC 7323)")
                && meaning.contains("2^14 = 16384 bytes"),
            "{shift}: {meaning}"
        );
        assert!(!meaning.contains(&format!("2^{shift}")), "{meaning}");
    }
    let mut frame = SYN;
    frame[73] = 14;
    let d = dissect_ethernet(&frame, Fcs::Absent);
    assert!(field(&d, id::TCP_OPT_WSCALE)
        .meaning
        .contains("2^14 = 16384 bytes (a SYN's window is never scaled)"));
}

// ---------------------------------------------------------------------------
// Data, FIN, RST.
// ---------------------------------------------------------------------------

#[test]
fn data_segment_hello() {
    let d = clean(&DATA, "data");
    assert_eq!(d.layers[2].header.length, 32);
    assert_eq!(num(&d, id::TCP_SEQ), 2_621_340_177);
    assert_eq!(num(&d, id::TCP_ACK), 1_528_630_341);
    assert!(field(&d, id::TCP_ACK)
        .meaning
        .contains("every byte before 1528630341 arrived"));
    assert_eq!(num(&d, id::TCP_DATA_OFFSET), 8);
    assert_eq!(flags_set(&d), ["ACK", "PSH"]);
    assert_eq!(num(&d, id::TCP_WINDOW), 512);
    assert_eq!(
        field(&d, id::TCP_WINDOW).meaning,
        "raw window 512, not yet scaled: the sender can take 512 × 2^shift bytes more, the shift being what its Window Scale option announced in the handshake (0 without one); this segment alone does not say it"
    );
    assert_eq!(
        option_ids(&d),
        [
            id::TCP_OPT_NOP,
            id::TCP_OPT_NOP,
            id::TCP_OPT_TIMESTAMPS,
            id::TCP_OPT_TSVAL,
            id::TCP_OPT_TSECR,
        ]
    );
    assert_eq!(num(&d, id::TCP_OPT_TSVAL), 169_552_958);
    assert_eq!(num(&d, id::TCP_OPT_TSECR), 1_011_703_407);
    assert_eq!(at(&d, id::TCP_OPT_TSECR), (62, 4));
    assert_eq!(
        field(&d, id::TCP_OPT_TSECR).meaning,
        "echoes the latest TSval received from the other side"
    );
    let data = &d.layers[3];
    assert_eq!(
        data.header,
        Span {
            offset: 66,
            length: 7
        }
    );
    assert!(d.layers[2].notes[0].contains("data, with an acknowledgment"));

    assert_eq!(independent_v4(&DATA, 34), 0x0423);
    let c = check(&d, id::TCP_CHECKSUM);
    assert_eq!((c.stored, c.verdict), (0x0423, CheckVerdict::Correct));
    // The odd data byte is padded with a zero byte for the sum.
    assert_eq!(c.sum, Some(0x5fbd7));
    assert!(c
        .terms
        .iter()
        .any(|t| t.label == "data (7 bytes, one zero byte added to make whole words)"));
}

#[test]
fn fin_ack_closes_one_direction() {
    let d = clean(&FIN, "fin");
    assert_eq!(flags_set(&d), ["ACK", "FIN"]);
    assert_eq!(num(&d, id::TCP_SEQ), 2_621_340_184);
    assert_eq!(num(&d, id::TCP_ACK), 1_528_630_341);
    assert_eq!(num(&d, id::TCP_OPT_TSVAL), 169_552_959);
    assert_eq!(d.layers[3].pdu_length, 0);
    assert!(d.layers[2].notes[0].contains("closes its direction"));
    assert_eq!(independent_v4(&FIN, 34), 0x491c);
    let c = check(&d, id::TCP_CHECKSUM);
    assert_eq!((c.stored, c.verdict), (0x491c, CheckVerdict::Correct));
}

#[test]
fn rst_ack_from_a_closed_port() {
    let d = clean(&RST, "rst");
    assert_eq!(num(&d, id::TCP_SRC_PORT), 15001);
    assert_eq!(num(&d, id::TCP_DST_PORT), 42036);
    assert_eq!(num(&d, id::TCP_SEQ), 0);
    assert_eq!(num(&d, id::TCP_ACK), 2_621_340_177);
    assert_eq!(num(&d, id::TCP_DATA_OFFSET), 5);
    assert!(field(&d, id::TCP_DATA_OFFSET)
        .meaning
        .contains("5 × 4 = 20 bytes (no options)"));
    assert_eq!(flags_set(&d), ["ACK", "RST"]);
    assert_eq!(num(&d, id::TCP_WINDOW), 0);
    assert!(option_ids(&d).is_empty());
    assert!(d.layers[2].notes[0].contains("a reset"));
    assert_eq!(independent_v4(&RST, 34), 0xbcb0);
    let c = check(&d, id::TCP_CHECKSUM);
    assert_eq!((c.stored, c.verdict), (0xbcb0, CheckVerdict::Correct));
    assert_eq!(c.sum, Some(0x3434c));
}

// ---------------------------------------------------------------------------
// IPv6.
// ---------------------------------------------------------------------------

#[test]
fn syn_over_ipv6_uses_the_40_byte_pseudo_header() {
    let d = clean(&SYN_V6, "syn v6");
    assert_eq!(protocols(&d)[1], "IPv6");
    assert_eq!(num(&d, id::TCP_SEQ), 2_621_340_176);
    assert_eq!(num(&d, id::TCP_WINDOW), 65476);
    assert_eq!(num(&d, id::TCP_OPT_MSS), 65476);
    assert!(field(&d, id::TCP_OPT_MSS)
        .meaning
        .contains("65476 + 60 = 65536"));
    assert_eq!(num(&d, id::TCP_OPT_WSCALE), 10);
    assert_eq!(num(&d, id::TCP_OPT_TSVAL), 169_552_957);

    let pseudo = pseudo_v6(&LOOPBACK_V6, &LOOPBACK_V6, 6, 40);
    assert_eq!(checksum_with_zero_at(&pseudo, &SYN_V6[54..], 16), 0x22b1);
    let c = check(&d, id::TCP_CHECKSUM);
    assert_eq!((c.stored, c.verdict), (0x22b1, CheckVerdict::Correct));
    let hex: Vec<(&str, &str)> = c
        .pseudo_header
        .iter()
        .map(|f| (f.id, f.hex.as_str()))
        .collect();
    assert_eq!(
        hex,
        [
            ("pseudo.src", "00000000000000000000000000000001"),
            ("pseudo.dst", "00000000000000000000000000000001"),
            ("pseudo.length", "00000028"),
            ("pseudo.zero", "000000"),
            ("pseudo.protocol", "06"),
        ]
    );

    // The partial sum over IPv6 is the 40-byte pseudo-header's.
    let mut captured = SYN_V6;
    captured[70..72].copy_from_slice(&folded_sum(&pseudo).to_be_bytes());
    let d = clean(&captured, "partial syn v6");
    assert_eq!(
        check(&d, id::TCP_CHECKSUM).verdict,
        CheckVerdict::PartialOffload
    );
}

// ---------------------------------------------------------------------------
// The rarer options.
// ---------------------------------------------------------------------------

#[test]
fn sack_block_unknown_kind_and_eol() {
    let d = clean(&SACK_ACK, "sack ack");
    assert_eq!(
        option_ids(&d),
        [
            id::TCP_OPT_MSS,
            id::TCP_OPT_SACK,
            id::TCP_OPT_SACK_LE,
            id::TCP_OPT_SACK_RE,
            id::TCP_OPT_OTHER,
            id::TCP_OPT_EOL,
            id::TCP_OPT_PADDING,
        ]
    );
    assert_eq!(text(&d, id::TCP_OPT_SACK), "2621340276-2621340376");
    assert!(field(&d, id::TCP_OPT_SACK)
        .meaning
        .starts_with("kind 5 = SACK, length 10: 1 block(s)"));
    assert_eq!(
        (num(&d, id::TCP_OPT_SACK_LE), at(&d, id::TCP_OPT_SACK_LE)),
        (2_621_340_276, (60, 4))
    );
    assert_eq!(
        (num(&d, id::TCP_OPT_SACK_RE), at(&d, id::TCP_OPT_SACK_RE)),
        (2_621_340_376, (64, 4))
    );
    assert_eq!(
        (num(&d, id::TCP_OPT_OTHER), at(&d, id::TCP_OPT_OTHER)),
        (254, (68, 4))
    );
    assert_eq!(
        field(&d, id::TCP_OPT_OTHER).meaning,
        "kind 254 = experimental (RFC 4727), length 4: not dissected by stackviz"
    );
    assert_eq!(at(&d, id::TCP_OPT_EOL), (72, 1));
    assert_eq!(
        (num(&d, id::TCP_OPT_PADDING), at(&d, id::TCP_OPT_PADDING)),
        (1, (73, 1))
    );
    // MSS belongs on a SYN only: what a receiver does with it here is said.
    assert_eq!(
        d.layers[2].notes[1],
        "option 2 (Maximum Segment Size) is only valid on a SYN; this segment is not one, so a receiver ignores it"
    );
    assert_eq!(independent_v4(&SACK_ACK, 34), 0x1ed8);
    assert_eq!(check(&d, id::TCP_CHECKSUM).verdict, CheckVerdict::Correct);
}

// ---------------------------------------------------------------------------
// ECN: ECE and CWR on the handshake negotiate ECN, they signal nothing.
// ---------------------------------------------------------------------------

/// With net.ipv4.tcp_ecn=1 Linux's SYN carries ECE and CWR (RFC 3168
/// section 6.1.1): a request to use ECN, not a slowdown.
#[test]
fn ece_and_cwr_on_the_handshake_negotiate_ecn() {
    let meaning = |frame: &[u8], flags: u8, id: &str| {
        let mut f = frame.to_vec();
        f[47] = flags;
        let d = dissect_ethernet(&f, Fcs::Absent);
        assert_eq!(num(&d, id), 1, "{id} in {flags:#04x}");
        field(&d, id).meaning.to_string()
    };
    // SYN with ECE and CWR (1100 0010).
    assert_eq!(
        meaning(&SYN, 0xc2, id::TCP_FLAGS_CWR),
        "set: in a SYN, with ECE: the sender asks to use ECN on this connection (RFC 3168), not a slowdown"
    );
    assert_eq!(
        meaning(&SYN, 0xc2, id::TCP_FLAGS_ECE),
        "set: in a SYN, with CWR: the sender asks to use ECN on this connection (RFC 3168)"
    );
    // SYN-ACK with ECE (0101 0010): the server agrees.
    assert_eq!(
        meaning(&SYN, 0x52, id::TCP_FLAGS_ECE),
        "set: in a SYN-ACK: the receiver agrees to use ECN on this connection (RFC 3168)"
    );
    // Later, ECE echoes a congestion mark and CWR answers it.
    assert_eq!(
        meaning(&DATA, 0x58, id::TCP_FLAGS_ECE),
        "set: ECN echo: a router on the path marked congestion; the other side should slow down"
    );
    assert_eq!(
        meaning(&DATA, 0x98, id::TCP_FLAGS_CWR),
        "set: congestion window reduced: the sender slowed down after an ECN echo"
    );
}
