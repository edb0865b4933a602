//! The golden frames of tests/golden*.rs (built by `build_frame`, explained
//! by `dissect_ethernet`) with their specs, the checksum arithmetic that
//! shows its fold steps (independent of stackviz and etherparse), and the
//! readers those tests share.
#![allow(dead_code)]

use stackviz::build::DatagramSpec;
use stackviz::model::{Check, CheckVerdict, Dissection, Layer, LayerKind, Pdu, Span, Value};

pub use super::{crc32, hex};

// ---------------------------------------------------------------------------
// Independent arithmetic: nothing here calls stackviz or etherparse.
// ---------------------------------------------------------------------------

/// RFC 1071: the plain (unfolded) sum of big-endian 16-bit words, an odd last
/// byte taken as the high byte of a word whose low byte is zero.
pub fn word_sum(bytes: &[u8]) -> u32 {
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
pub fn fold(mut sum: u32) -> (u16, Vec<(u32, u32)>) {
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
pub fn ipv4_checksum(header: &[u8]) -> (u32, Vec<(u32, u32)>, u16) {
    let mut copy = header.to_vec();
    copy[10] = 0;
    copy[11] = 0;
    let sum = word_sum(&copy);
    let (folded, steps) = fold(sum);
    (sum, steps, !folded)
}

/// The IPv4 UDP pseudo-header: source, destination, zero, 17, UDP length.
pub fn pseudo_header(src: [u8; 4], dst: [u8; 4], udp_length: u16) -> Vec<u8> {
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
pub fn udp_checksum(src: [u8; 4], dst: [u8; 4], udp: &[u8]) -> (u32, Vec<(u32, u32)>, u16) {
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
pub fn partial_sum(src: [u8; 4], dst: [u8; 4], udp_length: u16) -> u16 {
    fold(word_sum(&pseudo_header(src, dst, udp_length))).0
}

/// Replaces the last four bytes with a correct FCS (least significant byte
/// first), so a test damages exactly one thing.
pub fn refcs(frame: &mut [u8]) {
    let at = frame.len() - 4;
    let fcs = crc32(&frame[..at]);
    frame[at..].copy_from_slice(&fcs.to_le_bytes());
}

// ---------------------------------------------------------------------------
// Golden frame 1: `stackviz send` with its defaults.
// ---------------------------------------------------------------------------

/// "Hello!!" from 127.0.0.1:42036 to 127.0.0.1:15001 over loopback.
pub const DEFAULT_FRAME: [u8; 64] = [
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

pub fn default_spec() -> DatagramSpec {
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

pub const SENTENCE: &[u8; 51] = b"The quick brown fox jumps over the lazy dog, twice.";

/// 51 bytes from 10.200.0.1:33333 to 10.200.0.2:7 (echo), DSCP EF, ECT(0),
/// TTL 17, DF clear.
pub const LAN_FRAME: [u8; 97] = [
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

/// 02:..:01 / 10.0.0.1 port 40000 to 02:..:02 / 10.0.0.2 `dst_port`, TTL
/// 64, identification 7, DF: the datagram hand-made frames are built from.
pub fn a_to_b_spec(payload: &[u8], dst_port: u16) -> DatagramSpec {
    DatagramSpec {
        src_mac: [2, 0, 0, 0, 0, 1],
        dst_mac: [2, 0, 0, 0, 0, 2],
        src_ip: "10.0.0.1".parse().unwrap(),
        dst_ip: "10.0.0.2".parse().unwrap(),
        flow_label: 0,
        ttl: 64,
        identification: 7,
        dont_fragment: true,
        dscp: 0,
        ecn: 0,
        src_port: 40000,
        dst_port,
        payload: payload.to_vec(),
    }
}

pub fn lan_spec() -> DatagramSpec {
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
pub fn assert_self_consistent(frame: &[u8], udp_end: usize) {
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

// ---------------------------------------------------------------------------
// dissect_ethernet explains every field.
// ---------------------------------------------------------------------------

/// One expected field: id, byte offset, byte length, bit span (offset,
/// length) for bit fields, value.
pub type Want = (&'static str, usize, usize, Option<(u8, u8)>, Value);

pub fn n(v: u64) -> Value {
    Value::Number(v)
}

pub fn t(s: &str) -> Value {
    Value::Text(s.into())
}

/// The layer has exactly these fields, in this order, each with its place,
/// bit span, value and the hex of its bytes in `frame`.
pub fn assert_fields(layer: &Layer, frame: &[u8], want: &[Want]) {
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

pub fn assert_layer(
    layer: &Layer,
    kind: LayerKind,
    protocol: &str,
    pdu: Pdu,
    header: (usize, usize),
) {
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

pub fn check<'a>(d: &'a Dissection, field: &str) -> &'a Check {
    d.layers
        .iter()
        .flat_map(|l| &l.checks)
        .find(|c| c.field == field)
        .unwrap_or_else(|| panic!("no check for {field}"))
}

pub fn steps(check: &Check) -> Vec<(u32, u32)> {
    check.folds.iter().map(|s| (s.before, s.after)).collect()
}

/// The worked IPv4 checksum agrees with the independent one.
pub fn assert_ipv4_check(d: &Dissection, frame: &[u8]) {
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
pub fn assert_udp_check(d: &Dissection, frame: &[u8], udp_end: usize) {
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
        .map(|f| (f.id, f.offset, f.hex.to_string()))
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
pub fn assert_fcs_check(d: &Dissection, frame: &[u8]) {
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

pub fn verdicts(d: &Dissection) -> Vec<(&'static str, CheckVerdict)> {
    d.layers
        .iter()
        .flat_map(|l| &l.checks)
        .map(|c| (c.field, c.verdict))
        .collect()
}

// ---------------------------------------------------------------------------
// Negative goldens: one thing damaged at a time.
// ---------------------------------------------------------------------------

pub fn verdict(d: &Dissection, field: &str) -> CheckVerdict {
    check(d, field).verdict
}

// ---------------------------------------------------------------------------
// Impossible lengths: reported, never a panic.
// ---------------------------------------------------------------------------

pub fn malformed(d: &Dissection) -> (&'static str, usize, String) {
    let m = d.malformed.as_ref().expect("a malformed report");
    (m.protocol, m.offset, m.message.clone())
}
