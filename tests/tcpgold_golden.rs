//! Golden TCP segments with hand-commented bytes, as Linux sends them on
//! loopback (the SYN with MSS, SACK_PERM, Timestamps, NOP, WScale; a data
//! segment; a FIN; the RST of a closed port; a SYN over IPv6; an ACK with a
//! SACK block, an unknown kind and EOL): every field, every option value and
//! the checksum verdict, the checksums recomputed by the independent RFC 1071
//! arithmetic of tests/common (nothing there calls stackviz).

mod common;

use common::dissection::*;
use common::{checksum_with_zero_at, folded_sum, pseudo_v4, pseudo_v6};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::field_id as id;
use stackviz::model::{CheckVerdict, Dissection, LayerKind, Span};

pub const LOOPBACK: [u8; 4] = [127, 0, 0, 1];
pub const LOOPBACK_V6: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

/// The client's SYN, 127.0.0.1:42036 to 127.0.0.1:15001, with the options
/// in Linux's order (20 bytes, header 40). No FCS, no padding: lo has none.
pub const SYN: [u8; 74] = [
    // Ethernet II header (loopback: all-zero MACs)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //  0: destination MAC
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //  6: source MAC
    0x08, 0x00, //                          12: EtherType IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x3c, // 14: version 4, IHL 5, total length 60 = 20 + 40
    0x1f, 0x2e, 0x40, 0x00, // 18: identification 0x1f2e, DF
    0x40, 0x06, 0x1d, 0x8c, // 22: TTL 64, protocol 6 = TCP, checksum 0x1d8c
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0xa4, 0x34, //             34: source port 42036
    0x3a, 0x99, //             36: destination port 15001
    0x9c, 0x3e, 0x7a, 0x10, // 38: sequence number 2621340176 (the ISN)
    0x00, 0x00, 0x00, 0x00, // 42: acknowledgment number 0 (ACK clear)
    0xa0, //                   46: data offset 1010 = 10 words = 40 bytes, reserved 0000
    0x02, //                   47: flags 0000 0010 (CWR ECE URG ACK PSH RST SYN FIN) = SYN
    0xff, 0xd7, //             48: window 65495 (a SYN's window is never scaled)
    0x24, 0x8a, //             50: checksum 0x248a (sum 0x5db70 -> 0xdb75, complemented)
    0x00, 0x00, //             52: urgent pointer 0
    // TCP options (20 bytes)
    0x02, 0x04, 0xff, 0xd7, // 54: kind 2 = MSS, length 4, 65495 = MTU 65535 - 40
    0x04, 0x02, //             58: kind 4 = SACK permitted, length 2
    0x08, 0x0a, //             60: kind 8 = Timestamps, length 10,
    0x0a, 0x1b, 0x2c, 0x3d, // 62:   TSval 169552957
    0x00, 0x00, 0x00, 0x00, // 66:   TSecr 0 (nothing to echo yet)
    0x01, //                   70: kind 1 = NOP (aligns what follows)
    0x03, 0x03, 0x0a, //       71: kind 3 = Window Scale, length 3, shift 10 (x 1024)
];

/// The client's first data segment, "Hello!!", PSH,ACK with NOP, NOP,
/// Timestamps (12 bytes of options, header 32).
pub const DATA: [u8; 73] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x08, 0x00, // 12: IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x3b, // 14: version 4, IHL 5, total length 59 = 20 + 32 + 7
    0x1f, 0x30, 0x40, 0x00, // 18: identification 0x1f30, DF
    0x40, 0x06, 0x1d, 0x8b, // 22: TTL 64, TCP, checksum 0x1d8b
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0xa4, 0x34, //             34: source port 42036
    0x3a, 0x99, //             36: destination port 15001
    0x9c, 0x3e, 0x7a, 0x11, // 38: sequence number 2621340177 = ISN + 1 (the SYN took one)
    0x5b, 0x1d, 0x0c, 0x45, // 42: acknowledgment number 1528630341 = server ISN + 1
    0x80, //                   46: data offset 1000 = 8 words = 32 bytes, reserved 0000
    0x18, //                   47: flags 0001 1000 = ACK, PSH
    0x02, 0x00, //             48: window 512 (raw: times 2^10 as agreed)
    0x04, 0x23, //             50: checksum 0x0423 (sum 0x5fbd7 -> 0xfbdc, complemented)
    0x00, 0x00, //             52: urgent pointer 0
    // TCP options (12 bytes)
    0x01, //                   54: kind 1 = NOP
    0x01, //                   55: kind 1 = NOP
    0x08, 0x0a, //             56: kind 8 = Timestamps, length 10,
    0x0a, 0x1b, 0x2c, 0x3e, // 58:   TSval 169552958
    0x3c, 0x4d, 0x5e, 0x6f, // 62:   TSecr 1011703407 (the server's TSval)
    // Data
    0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21,
    0x21, // 66: "Hello!!" (odd: padded with 00 for the sum)
];

/// The client closes: FIN,ACK, seq = ISN + 1 + 7, no data.
pub const FIN: [u8; 66] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x08, 0x00, // 12: IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x34, // 14: version 4, IHL 5, total length 52 = 20 + 32
    0x1f, 0x31, 0x40, 0x00, // 18: identification 0x1f31, DF
    0x40, 0x06, 0x1d, 0x91, // 22: TTL 64, TCP, checksum 0x1d91
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0xa4, 0x34, //             34: source port 42036
    0x3a, 0x99, //             36: destination port 15001
    0x9c, 0x3e, 0x7a, 0x18, // 38: sequence number 2621340184 = ISN + 1 + 7
    0x5b, 0x1d, 0x0c, 0x45, // 42: acknowledgment number 1528630341
    0x80, //                   46: data offset 8 = 32 bytes
    0x11, //                   47: flags 0001 0001 = ACK, FIN
    0x02, 0x00, //             48: window 512
    0x49, 0x1c, //             50: checksum 0x491c (sum 0x4b6df -> 0xb6e3, complemented)
    0x00, 0x00, //             52: urgent pointer 0
    // TCP options
    0x01, 0x01, //             54: NOP, NOP
    0x08, 0x0a, //             56: kind 8 = Timestamps, length 10,
    0x0a, 0x1b, 0x2c, 0x3f, // 58:   TSval 169552959
    0x3c, 0x4d, 0x5e, 0x6f, // 62:   TSecr 1011703407
];

/// A SYN to a closed port is answered with RST,ACK: seq 0, ack = ISN + 1,
/// window 0, no options, IP ID 0, and (unlike data segments on lo) a full
/// checksum.
pub const RST: [u8; 54] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x08, 0x00, // 12: IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x28, // 14: version 4, IHL 5, total length 40 = 20 + 20
    0x00, 0x00, 0x40, 0x00, // 18: identification 0, DF
    0x40, 0x06, 0x3c, 0xce, // 22: TTL 64, TCP, checksum 0x3cce
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0x3a, 0x99, //             34: source port 15001 (the closed port answers)
    0xa4, 0x34, //             36: destination port 42036
    0x00, 0x00, 0x00, 0x00, // 38: sequence number 0
    0x9c, 0x3e, 0x7a, 0x11, // 42: acknowledgment number 2621340177 = ISN + 1
    0x50, //                   46: data offset 0101 = 5 words = 20 bytes: no options
    0x14, //                   47: flags 0001 0100 = ACK, RST
    0x00, 0x00, //             48: window 0
    0xbc, 0xb0, //             50: checksum 0xbcb0 (sum 0x3434c -> 0x434f, complemented)
    0x00, 0x00, //             52: urgent pointer 0
];

/// The SYN over IPv6, [::1]:42036 to [::1]:15001: MSS 65476 = 65536 - 60.
pub const SYN_V6: [u8; 94] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x86, 0xdd, // 12: IPv6
    // IPv6 header
    0x60, 0x08, 0xa3, 0xf1, // 14: version 6, traffic class 0, flow label 0x8a3f1
    0x00, 0x28, 0x06, 0x40, // 18: payload length 40, next header 6 = TCP, hop limit 64
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 22: source ::1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // 30:   (second half)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 38: destination ::1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // 46:   (second half)
    // TCP header
    0xa4, 0x34, //             54: source port 42036
    0x3a, 0x99, //             56: destination port 15001
    0x9c, 0x3e, 0x7a, 0x10, // 58: sequence number 2621340176
    0x00, 0x00, 0x00, 0x00, // 62: acknowledgment number 0
    0xa0, //                   66: data offset 10 = 40 bytes
    0x02, //                   67: flags = SYN
    0xff, 0xc4, //             68: window 65476
    0x22, 0xb1, //             70: checksum 0x22b1 (sum 0x4dd4a -> 0xdd4e, complemented)
    0x00, 0x00, //             72: urgent pointer 0
    // TCP options
    0x02, 0x04, 0xff, 0xc4, // 74: kind 2 = MSS, length 4, 65476
    0x04, 0x02, //             78: kind 4 = SACK permitted, length 2
    0x08, 0x0a, //             80: kind 8 = Timestamps, length 10,
    0x0a, 0x1b, 0x2c, 0x3d, // 82:   TSval 169552957
    0x00, 0x00, 0x00, 0x00, // 86:   TSecr 0
    0x01, //                   90: NOP
    0x03, 0x03, 0x0a, //       91: kind 3 = Window Scale, length 3, shift 10
];

/// An ACK from the server with the rarer options: MSS where it does not
/// belong (not a SYN), one SACK block, experimental kind 254, then EOL and
/// one byte of padding.
pub const SACK_ACK: [u8; 74] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x08, 0x00, // 12: IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x3c, // 14: version 4, IHL 5, total length 60 = 20 + 40
    0x4d, 0x2e, 0x40, 0x00, // 18: identification 0x4d2e, DF
    0x40, 0x06, 0xef, 0x8b, // 22: TTL 64, TCP, checksum 0xef8b
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0x3a, 0x99, //             34: source port 15001
    0xa4, 0x34, //             36: destination port 42036
    0x5b, 0x1d, 0x0c, 0x45, // 38: sequence number 1528630341
    0x9c, 0x3e, 0x7a, 0x18, // 42: acknowledgment number 2621340184
    0xa0, //                   46: data offset 10 = 40 bytes
    0x10, //                   47: flags 0001 0000 = ACK
    0x02, 0x00, //             48: window 512
    0x1e, 0xd8, //             50: checksum 0x1ed8 (sum 0x7e120 -> 0xe127, complemented)
    0x00, 0x00, //             52: urgent pointer 0
    // TCP options (20 bytes)
    0x02, 0x04, 0x05, 0xb4, // 54: kind 2 = MSS, length 4, 1460 (only valid on a SYN)
    0x05, 0x0a, //             58: kind 5 = SACK, length 10 = 2 + one 8-byte block:
    0x9c, 0x3e, 0x7a, 0x74, // 60:   left edge 2621340276
    0x9c, 0x3e, 0x7a, 0xd8, // 64:   right edge 2621340376
    0xfe, 0x04, 0xab, 0xcd, // 68: kind 254 = experimental, length 4, value abcd
    0x00, //                   72: kind 0 = End of Option List
    0x00, //                   73: padding
];

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
        .contains("2^14 = 16384 bytes (never on a SYN)"));
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
    assert!(field(&d, id::TCP_WINDOW)
        .meaning
        .contains("before window scaling"));
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
