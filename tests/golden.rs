//! Golden frames: hand-commented byte vectors that `build_frame` must produce
//! exactly and `dissect_ethernet` must explain field by field, their checksums
//! and FCS re-derived here by independent code (RFC 1071 and a bitwise
//! CRC-32), damaged copies of them (wrong checksums, offload, cut short), and
//! `parse_hex` on the forms a user types.

use std::net::Ipv4Addr;

use stackviz::build::{build_frame, DatagramSpec};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::input::{parse_hex, HexError};
use stackviz::model::{Check, CheckVerdict, Dissection, Layer, LayerKind, Pdu, Span, Value};

// ---------------------------------------------------------------------------
// Independent arithmetic: nothing here calls stackviz or etherparse.
// ---------------------------------------------------------------------------

/// RFC 1071: the plain (unfolded) sum of big-endian 16-bit words, an odd last
/// byte taken as the high byte of a word whose low byte is zero.
fn word_sum(bytes: &[u8]) -> u32 {
    let mut sum = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        let hi = u32::from(bytes[i]);
        let lo = if i + 1 < bytes.len() {
            u32::from(bytes[i + 1])
        } else {
            0
        };
        sum += hi << 8 | lo;
        i += 2;
    }
    sum
}

/// End-around carry until the sum fits 16 bits; every step as (before, after).
fn fold(mut sum: u32) -> (u16, Vec<(u32, u32)>) {
    let mut steps = Vec::new();
    while sum > 0xffff {
        let after = (sum >> 16) + (sum & 0xffff);
        steps.push((sum, after));
        sum = after;
    }
    (sum as u16, steps)
}

/// The IPv4 header checksum of `header` (20 bytes), its checksum field taken
/// as zero: (unfolded sum, fold steps, checksum).
fn ipv4_checksum(header: &[u8]) -> (u32, Vec<(u32, u32)>, u16) {
    let mut copy = header.to_vec();
    copy[10] = 0;
    copy[11] = 0;
    let sum = word_sum(&copy);
    let (folded, steps) = fold(sum);
    (sum, steps, !folded)
}

/// The IPv4 UDP pseudo-header: source, destination, zero, 17, UDP length.
fn pseudo_header(src: [u8; 4], dst: [u8; 4], udp_length: u16) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    p.push(0);
    p.push(17);
    p.extend_from_slice(&udp_length.to_be_bytes());
    p
}

/// The UDP checksum of `udp` (header and payload) carried between `src` and
/// `dst`: (unfolded sum, fold steps, checksum as sent: a computed 0 goes out
/// as 0xffff).
fn udp_checksum(src: [u8; 4], dst: [u8; 4], udp: &[u8]) -> (u32, Vec<(u32, u32)>, u16) {
    let mut covered = pseudo_header(src, dst, udp.len() as u16);
    covered.extend_from_slice(udp);
    let at = 12 + 6;
    covered[at] = 0;
    covered[at + 1] = 0;
    let sum = word_sum(&covered);
    let (folded, steps) = fold(sum);
    let checksum = match !folded {
        0 => 0xffff,
        c => c,
    };
    (sum, steps, checksum)
}

/// The folded pseudo-header sum, not complemented: what a kernel leaves in
/// the UDP checksum field for the network card to finish.
fn partial_sum(src: [u8; 4], dst: [u8; 4], udp_length: u16) -> u16 {
    fold(word_sum(&pseudo_header(src, dst, udp_length))).0
}

/// CRC-32 of IEEE 802.3, one bit at a time: reflected polynomial 0xEDB88320,
/// initial value and final XOR all ones.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                crc >> 1 ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Replaces the last four bytes with a correct FCS (least significant byte
/// first), so a test damages exactly one thing.
fn refcs(frame: &mut [u8]) {
    let at = frame.len() - 4;
    let fcs = crc32(&frame[..at]);
    frame[at..].copy_from_slice(&fcs.to_le_bytes());
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

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

// ---------------------------------------------------------------------------
// Golden frame 1: `stackviz send` with its defaults.
// ---------------------------------------------------------------------------

/// "Hello!!" from 127.0.0.1:42036 to 127.0.0.1:15001 over loopback.
const DEFAULT_FRAME: [u8; 64] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //  0: destination MAC 00:00:00:00:00:00 (loopback)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //  6: source MAC 00:00:00:00:00:00
    0x08, 0x00, //                          12: EtherType 0x0800 = IPv4
    // IPv4 header
    0x45, //       14: version 4 (0100), IHL 5 (0101) = 20 bytes
    0x00, //       15: DSCP 0 (000000), ECN 0 (00)
    0x00, 0x23, // 16: total length 35 = 20 + 8 + 7
    0x00, 0x00, // 18: identification 0
    0x40, 0x00, // 20: flags 010 (reserved 0, DF 1, MF 0), fragment offset 0
    0x40, //       22: TTL 64
    0x11, //       23: protocol 17 = UDP
    0x3c, 0xc8, // 24: header checksum 0x3cc8 (sum 0x1c336 -> 0xc337, complemented)
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // UDP header
    0xa4, 0x34, // 34: source port 42036
    0x3a, 0x99, // 36: destination port 15001
    0x00, 0x0f, // 38: length 15 = 8 + 7
    0xde, 0x0c, // 40: checksum 0xde0c (sum 0x321f0 -> 0x21f3, complemented)
    // Application data
    0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0x21, // 42: "Hello!!"
    // Ethernet trailer
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 49: padding, 11 zero bytes up to the
    0x00, 0x00, 0x00, //                               57: 60-byte minimum (64 with FCS)
    0x1e, 0x74, 0xb6, 0x5b, // 60: FCS 0x5bb6741e, least significant byte first
];

fn default_spec() -> DatagramSpec {
    DatagramSpec {
        src_mac: [0; 6],
        dst_mac: [0; 6],
        src_ip: "127.0.0.1".parse().unwrap(),
        dst_ip: "127.0.0.1".parse().unwrap(),
        ttl: 64,
        identification: 0,
        dont_fragment: true,
        flow_label: 0,
        dscp: 0,
        ecn: 0,
        src_port: 42036,
        dst_port: 15001,
        payload: b"Hello!!".to_vec(),
    }
}

// ---------------------------------------------------------------------------
// Golden frame 2: two hosts on a private network, no padding needed.
// ---------------------------------------------------------------------------

const SENTENCE: &[u8; 51] = b"The quick brown fox jumps over the lazy dog, twice.";

/// 51 bytes from 10.200.0.1:33333 to 10.200.0.2:7 (echo), DSCP EF, ECT(0),
/// TTL 17, DF clear.
const LAN_FRAME: [u8; 97] = [
    // Ethernet II header
    0x02, 0xfc, 0x00, 0x00, 0x00, 0x02, //  0: destination MAC 02:fc:00:00:00:02 (unicast)
    0x02, 0xfc, 0x00, 0x00, 0x00, 0x01, //  6: source MAC 02:fc:00:00:00:01
    0x08, 0x00, //                          12: EtherType 0x0800 = IPv4
    // IPv4 header
    0x45, //       14: version 4 (0100), IHL 5 (0101) = 20 bytes
    0xba, //       15: DSCP 46 = EF (101110), ECN 2 = ECT(0) (10)
    0x00, 0x4f, // 16: total length 79 = 20 + 8 + 51
    0x1c, 0x46, // 18: identification 0x1c46 = 7238
    0x00, 0x00, // 20: flags 000 (reserved 0, DF 0, MF 0), fragment offset 0
    0x11, //       22: TTL 17
    0x11, //       23: protocol 17 = UDP
    0x77, 0x0c, // 24: header checksum 0x770c (sum 0x88f3, no carry, complemented)
    0x0a, 0xc8, 0x00, 0x01, // 26: source 10.200.0.1
    0x0a, 0xc8, 0x00, 0x02, // 30: destination 10.200.0.2
    // UDP header
    0x82, 0x35, // 34: source port 33333
    0x00, 0x07, // 36: destination port 7
    0x00, 0x3b, // 38: length 59 = 8 + 51
    0xb0, 0xde, // 40: checksum 0xb0de (sum 0xa4f17 -> 0x4f21, complemented)
    // Application data, 51 bytes: odd, so the checksum pads it with one zero
    0x54, 0x68, 0x65, 0x20, 0x71, 0x75, 0x69, 0x63, // 42: "The quic"
    0x6b, 0x20, 0x62, 0x72, 0x6f, 0x77, 0x6e, 0x20, // 50: "k brown "
    0x66, 0x6f, 0x78, 0x20, 0x6a, 0x75, 0x6d, 0x70, // 58: "fox jump"
    0x73, 0x20, 0x6f, 0x76, 0x65, 0x72, 0x20, 0x74, // 66: "s over t"
    0x68, 0x65, 0x20, 0x6c, 0x61, 0x7a, 0x79, 0x20, // 74: "he lazy "
    0x64, 0x6f, 0x67, 0x2c, 0x20, 0x74, 0x77, 0x69, // 82: "dog, twi"
    0x63, 0x65, 0x2e, //                               90: "ce."
    // Ethernet trailer: 93 bytes already exceed 60, so no padding
    0x2b, 0x0a, 0x97, 0x06, // 93: FCS 0x06970a2b, least significant byte first
];

fn lan_spec() -> DatagramSpec {
    DatagramSpec {
        src_mac: [0x02, 0xfc, 0, 0, 0, 0x01],
        dst_mac: [0x02, 0xfc, 0, 0, 0, 0x02],
        src_ip: "10.200.0.1".parse().unwrap(),
        dst_ip: "10.200.0.2".parse().unwrap(),
        ttl: 17,
        identification: 0x1c46,
        dont_fragment: false,
        flow_label: 0,
        dscp: 46,
        ecn: 2,
        src_port: 33333,
        dst_port: 7,
        payload: SENTENCE.to_vec(),
    }
}

// ---------------------------------------------------------------------------
// The golden bytes are right by the standards, before stackviz is asked.
// ---------------------------------------------------------------------------

/// Checks the checksums and FCS written into a golden frame against the
/// independent computation; returns nothing, panics with the field named.
fn assert_self_consistent(frame: &[u8], udp_end: usize) {
    let (_, _, ip) = ipv4_checksum(&frame[14..34]);
    assert_eq!(
        u16::from_be_bytes([frame[24], frame[25]]),
        ip,
        "IPv4 checksum"
    );
    let src: [u8; 4] = frame[26..30].try_into().unwrap();
    let dst: [u8; 4] = frame[30..34].try_into().unwrap();
    let (_, _, udp) = udp_checksum(src, dst, &frame[34..udp_end]);
    assert_eq!(
        u16::from_be_bytes([frame[40], frame[41]]),
        udp,
        "UDP checksum"
    );
    // A correct header sums (checksum included) to 0xffff.
    assert_eq!(fold(word_sum(&frame[14..34])).0, 0xffff);
    let at = frame.len() - 4;
    assert_eq!(
        frame[at..],
        crc32(&frame[..at]).to_le_bytes(),
        "FCS (least significant byte first)"
    );
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

// ---------------------------------------------------------------------------
// dissect_ethernet explains every field.
// ---------------------------------------------------------------------------

/// One expected field: id, byte offset, byte length, bit span (offset,
/// length) for bit fields, value.
type Want = (&'static str, usize, usize, Option<(u8, u8)>, Value);

fn n(v: u64) -> Value {
    Value::Number(v)
}

fn t(s: &str) -> Value {
    Value::Text(s.into())
}

/// The layer has exactly these fields, in this order, each with its place,
/// bit span, value and the hex of its bytes in `frame`.
fn assert_fields(layer: &Layer, frame: &[u8], want: &[Want]) {
    let ids: Vec<&str> = layer.fields.iter().map(|f| f.id).collect();
    let want_ids: Vec<&str> = want.iter().map(|w| w.0).collect();
    assert_eq!(ids, want_ids, "fields of {}", layer.protocol);
    for (field, (id, offset, length, bits, value)) in layer.fields.iter().zip(want) {
        assert_eq!(field.offset, Some(*offset), "{id} offset");
        assert_eq!(field.length, *length, "{id} length");
        assert_eq!(
            field.bits.map(|b| (b.offset, b.length)),
            *bits,
            "{id} bit span"
        );
        if let Some(b) = field.bits {
            assert_eq!(Value::Number(u64::from(b.pattern)), *value, "{id} pattern");
            assert_eq!(b.binary().len(), usize::from(b.length), "{id} binary");
        }
        assert_eq!(&field.value, value, "{id} value");
        assert_eq!(field.hex, hex(&frame[*offset..offset + length]), "{id} hex");
    }
}

fn assert_layer(layer: &Layer, kind: LayerKind, protocol: &str, pdu: Pdu, header: (usize, usize)) {
    assert_eq!(layer.layer, kind);
    assert_eq!(layer.protocol, protocol);
    assert_eq!(layer.pdu, pdu);
    assert_eq!(
        layer.header,
        Span {
            offset: header.0,
            length: header.1
        },
        "{protocol} header span"
    );
}

fn check<'a>(d: &'a Dissection, field: &str) -> &'a Check {
    d.layers
        .iter()
        .flat_map(|l| &l.checks)
        .find(|c| c.field == field)
        .unwrap_or_else(|| panic!("no check for {field}"))
}

fn steps(check: &Check) -> Vec<(u32, u32)> {
    check.folds.iter().map(|s| (s.before, s.after)).collect()
}

/// The worked IPv4 checksum agrees with the independent one.
fn assert_ipv4_check(d: &Dissection, frame: &[u8]) {
    let (sum, folds, computed) = ipv4_checksum(&frame[14..34]);
    let c = check(d, "ipv4.checksum");
    assert_eq!(c.sum, Some(sum), "IPv4 unfolded sum");
    assert_eq!(steps(c), folds, "IPv4 fold steps");
    assert_eq!(c.computed, u32::from(computed));
    assert_eq!(
        c.stored,
        u32::from(u16::from_be_bytes([frame[24], frame[25]]))
    );
    assert_eq!(c.terms.iter().map(|t| t.sum).sum::<u32>(), sum);
    assert!(c.pseudo_header.is_empty());
}

/// The worked UDP checksum agrees with the independent one.
fn assert_udp_check(d: &Dissection, frame: &[u8], udp_end: usize) {
    let src: [u8; 4] = frame[26..30].try_into().unwrap();
    let dst: [u8; 4] = frame[30..34].try_into().unwrap();
    let (sum, folds, computed) = udp_checksum(src, dst, &frame[34..udp_end]);
    let c = check(d, "udp.checksum");
    assert_eq!(c.sum, Some(sum), "UDP unfolded sum");
    assert_eq!(steps(c), folds, "UDP fold steps");
    assert_eq!(c.computed, u32::from(computed));
    assert_eq!(
        c.stored,
        u32::from(u16::from_be_bytes([frame[40], frame[41]]))
    );
    assert_eq!(c.terms.iter().map(|t| t.sum).sum::<u32>(), sum);
    let pseudo: Vec<(&str, Option<usize>, String)> = c
        .pseudo_header
        .iter()
        .map(|f| (f.id, f.offset, f.hex.clone()))
        .collect();
    let udp_len = (udp_end - 34) as u16;
    assert_eq!(
        pseudo,
        vec![
            ("pseudo.src", None, hex(&src)),
            ("pseudo.dst", None, hex(&dst)),
            ("pseudo.zero", None, "00".to_string()),
            ("pseudo.protocol", None, "11".to_string()),
            ("pseudo.length", None, hex(&udp_len.to_be_bytes())),
        ]
    );
}

/// The FCS check agrees with the bitwise CRC.
fn assert_fcs_check(d: &Dissection, frame: &[u8]) {
    let at = frame.len() - 4;
    let c = check(d, "eth.fcs");
    assert_eq!(c.computed, crc32(&frame[..at]));
    assert_eq!(
        c.stored,
        u32::from_le_bytes(frame[at..].try_into().unwrap())
    );
    assert_eq!(c.sum, None);
    assert!(c.folds.is_empty());
}

fn verdicts(d: &Dissection) -> Vec<(&'static str, CheckVerdict)> {
    d.layers
        .iter()
        .flat_map(|l| &l.checks)
        .map(|c| (c.field, c.verdict))
        .collect()
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

// ---------------------------------------------------------------------------
// Negative goldens: one thing damaged at a time.
// ---------------------------------------------------------------------------

fn verdict(d: &Dissection, field: &str) -> CheckVerdict {
    check(d, field).verdict
}

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

// ---------------------------------------------------------------------------
// Impossible lengths: reported, never a panic.
// ---------------------------------------------------------------------------

fn malformed(d: &Dissection) -> (&'static str, usize, String) {
    let m = d.malformed.as_ref().expect("a malformed report");
    (m.protocol, m.offset, m.message.clone())
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
