//! Property tests: any IPv4/UDP or IPv6/UDP spec builds a frame that the
//! dissector reads back value for value, its checksums and FCS right by an
//! independent RFC 1071 / CRC-32 computation (tests/common, not etherparse
//! or stackviz) and judged correct by the dissector; payloads over 65,507 bytes
//! are refused; and any bytes at all (random, IPv4-shaped, or a built frame
//! damaged by flips and cuts) dissect and render without a panic, every field
//! inside the frame.

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use proptest::sample::Index;

use stackviz::build::{build_frame, DatagramSpec, MAX_UDP_PAYLOAD_V4};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::error::Error;
use stackviz::model::{CheckVerdict, Dissection, Value};
use stackviz::render::{hex, layers, RenderOptions};

use common::hex as hex_of;

fn mac_of(mac: &[u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Every header value of an IPv4/UDP spec, with the payload from `payload`.
fn spec_with(payload: impl Strategy<Value = Vec<u8>>) -> impl Strategy<Value = DatagramSpec> {
    spec_of(
        (any::<u32>(), any::<u32>())
            .prop_map(|(s, d)| (IpAddr::V4(Ipv4Addr::from(s)), IpAddr::V4(Ipv4Addr::from(d)))),
        payload,
    )
}

/// The same over IPv6 (any addresses, any flow label).
fn spec_v6_with(payload: impl Strategy<Value = Vec<u8>>) -> impl Strategy<Value = DatagramSpec> {
    (
        spec_of(
            (any::<u128>(), any::<u128>())
                .prop_map(|(s, d)| (IpAddr::V6(Ipv6Addr::from(s)), IpAddr::V6(Ipv6Addr::from(d)))),
            payload,
        ),
        0u32..=0xf_ffff,
    )
        .prop_map(|(mut spec, flow)| {
            spec.flow_label = flow;
            spec
        })
}

fn spec_of(
    addresses: impl Strategy<Value = (IpAddr, IpAddr)>,
    payload: impl Strategy<Value = Vec<u8>>,
) -> impl Strategy<Value = DatagramSpec> {
    (
        (any::<[u8; 6]>(), any::<[u8; 6]>(), addresses),
        (1u8..=255, any::<u16>(), any::<bool>(), 0u8..64, 0u8..4),
        (any::<u16>(), any::<u16>(), payload),
    )
        .prop_map(
            |(
                (src_mac, dst_mac, (src_ip, dst_ip)),
                (ttl, identification, dont_fragment, dscp, ecn),
                (src_port, dst_port, payload),
            )| DatagramSpec {
                src_mac,
                dst_mac,
                src_ip,
                dst_ip,
                ttl,
                identification,
                dont_fragment,
                flow_label: 0,
                dscp,
                ecn,
                src_port,
                dst_port,
                payload,
            },
        )
}

fn any_spec() -> impl Strategy<Value = DatagramSpec> {
    spec_with(proptest::collection::vec(any::<u8>(), 0..2000))
}

/// Payloads within 64 bytes of the IPv4 maximum, filled from a seed (a
/// 65-kilobyte random vector per case would only slow shrinking down).
fn near_max_spec() -> impl Strategy<Value = DatagramSpec> {
    spec_with(
        (MAX_UDP_PAYLOAD_V4 - 64..=MAX_UDP_PAYLOAD_V4, any::<u8>()).prop_map(|(len, seed)| {
            (0..len)
                .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
                .collect()
        }),
    )
}

fn number(d: &Dissection, id: &str) -> Option<u64> {
    match d.field(id).map(|f| &f.value) {
        Some(Value::Number(n)) => Some(*n),
        _ => None,
    }
}

fn text(d: &Dissection, id: &str) -> Option<String> {
    d.field(id)?.value.text().map(|t| t.into_owned())
}

/// The checksums and FCS of a built frame, recomputed by the independent
/// code in tests/common from the bytes alone: (IPv4 header checksum or None,
/// UDP checksum, FCS) each as (stored, computed).
/// (stored, computed).
type Sum16 = (u16, u16);
type Crc = (u32, u32);

fn independent_checks(frame: &[u8], ipv6: bool) -> (Option<Sum16>, Sum16, Crc) {
    let be = |at: usize| u16::from_be_bytes([frame[at], frame[at + 1]]);
    let (ip, udp_at, pseudo) = if ipv6 {
        let plen = usize::from(be(18));
        let pseudo = common::pseudo_v6(&frame[22..38], &frame[38..54], 17, plen as u32);
        (None, 54, pseudo)
    } else {
        let ip = (
            be(24),
            common::checksum_with_zero_at(&[], &frame[14..34], 10),
        );
        let pseudo = common::pseudo_v4(&frame[26..30], &frame[30..34], 17, be(38));
        (Some(ip), 34, pseudo)
    };
    let udp_len = usize::from(be(udp_at + 4));
    let udp = &frame[udp_at..udp_at + udp_len];
    // RFC 768: a computed 0 is sent as 0xffff.
    let computed = match common::checksum_with_zero_at(&pseudo, udp, 6) {
        0 => 0xffff,
        c => c,
    };
    let body = frame.len() - 4;
    let fcs = u32::from_le_bytes(frame[body..].try_into().unwrap());
    (
        ip,
        (be(udp_at + 6), computed),
        (fcs, common::crc32(&frame[..body])),
    )
}

/// Builds `spec`, dissects the frame and checks that every value came back.
fn round_trip(spec: &DatagramSpec) -> Result<(), TestCaseError> {
    let ipv6 = spec.src_ip.is_ipv6();
    let ip_len = if ipv6 { 40 } else { 20 };
    let len = spec.payload.len();
    let built = build_frame(spec).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let frame = &built.bytes;
    prop_assert_eq!(frame.len(), (14 + ip_len + 8 + len + 4).max(64));
    prop_assert_eq!(built.padding, 60usize.saturating_sub(14 + ip_len + 8 + len));

    // The checksums are right by the standards, computed independently.
    let (ip_sum, udp_sum, fcs) = independent_checks(frame, ipv6);
    if let Some((stored, computed)) = ip_sum {
        prop_assert_eq!(stored, computed, "IPv4 header checksum");
    }
    prop_assert_eq!(udp_sum.0, udp_sum.1, "UDP checksum");
    prop_assert_eq!(fcs.0, fcs.1, "FCS");

    let d = dissect_ethernet(frame, Fcs::Present);
    prop_assert_eq!(&d.malformed, &None);
    prop_assert_eq!(d.frame_length, frame.len());

    prop_assert_eq!(text(&d, "eth.dst"), Some(mac_of(&spec.dst_mac)));
    prop_assert_eq!(text(&d, "eth.src"), Some(mac_of(&spec.src_mac)));
    prop_assert_eq!(
        number(&d, "eth.type"),
        Some(if ipv6 { 0x86dd } else { 0x0800 })
    );
    prop_assert_eq!(
        number(&d, "eth.padding"),
        (built.padding > 0).then_some(built.padding as u64)
    );

    if ipv6 {
        prop_assert_eq!(number(&d, "ipv6.version"), Some(6));
        prop_assert_eq!(number(&d, "ipv6.dscp"), Some(u64::from(spec.dscp)));
        prop_assert_eq!(number(&d, "ipv6.ecn"), Some(u64::from(spec.ecn)));
        prop_assert_eq!(
            number(&d, "ipv6.flow_label"),
            Some(u64::from(spec.flow_label))
        );
        prop_assert_eq!(number(&d, "ipv6.payload_length"), Some(8 + len as u64));
        prop_assert_eq!(number(&d, "ipv6.next_header"), Some(17));
        prop_assert_eq!(number(&d, "ipv6.hop_limit"), Some(u64::from(spec.ttl)));
        prop_assert_eq!(text(&d, "ipv6.src"), Some(spec.src_ip.to_string()));
        prop_assert_eq!(text(&d, "ipv6.dst"), Some(spec.dst_ip.to_string()));
    } else {
        prop_assert_eq!(number(&d, "ipv4.version"), Some(4));
        prop_assert_eq!(number(&d, "ipv4.ihl"), Some(5));
        prop_assert_eq!(number(&d, "ipv4.dscp"), Some(u64::from(spec.dscp)));
        prop_assert_eq!(number(&d, "ipv4.ecn"), Some(u64::from(spec.ecn)));
        prop_assert_eq!(number(&d, "ipv4.total_length"), Some(28 + len as u64));
        prop_assert_eq!(
            number(&d, "ipv4.identification"),
            Some(u64::from(spec.identification))
        );
        prop_assert_eq!(number(&d, "ipv4.flags.reserved"), Some(0));
        prop_assert_eq!(
            number(&d, "ipv4.flags.df"),
            Some(u64::from(spec.dont_fragment))
        );
        prop_assert_eq!(number(&d, "ipv4.flags.mf"), Some(0));
        prop_assert_eq!(number(&d, "ipv4.fragment_offset"), Some(0));
        prop_assert_eq!(number(&d, "ipv4.ttl"), Some(u64::from(spec.ttl)));
        prop_assert_eq!(number(&d, "ipv4.protocol"), Some(17));
        prop_assert_eq!(text(&d, "ipv4.src"), Some(spec.src_ip.to_string()));
        prop_assert_eq!(text(&d, "ipv4.dst"), Some(spec.dst_ip.to_string()));
        prop_assert_eq!(
            number(&d, "ipv4.checksum"),
            ip_sum.map(|(s, _)| u64::from(s))
        );
    }

    prop_assert_eq!(number(&d, "udp.src_port"), Some(u64::from(spec.src_port)));
    prop_assert_eq!(number(&d, "udp.dst_port"), Some(u64::from(spec.dst_port)));
    prop_assert_eq!(number(&d, "udp.length"), Some(8 + len as u64));
    prop_assert_eq!(number(&d, "udp.checksum"), Some(u64::from(udp_sum.0)));

    let data = d.field("app.data").expect("an app.data field");
    prop_assert_eq!(data.offset, Some(14 + ip_len + 8));
    prop_assert_eq!(data.length, len);
    prop_assert!(data.hex == hex_of(&spec.payload), "payload hex differs");

    // The dissector's verdicts agree with the independent computation.
    let verdicts: Vec<(&str, CheckVerdict)> = d
        .layers
        .iter()
        .flat_map(|l| &l.checks)
        .map(|c| (c.field, c.verdict))
        .collect();
    let mut want = vec![("eth.fcs", CheckVerdict::Correct)];
    if !ipv6 {
        want.push(("ipv4.checksum", CheckVerdict::Correct));
    }
    want.push(("udp.checksum", CheckVerdict::Correct));
    prop_assert_eq!(verdicts, want);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_spec_round_trips(spec in any_spec()) {
        round_trip(&spec)?;
    }

    #[test]
    fn any_ipv6_spec_round_trips(
        spec in spec_v6_with(proptest::collection::vec(any::<u8>(), 0..2000)),
    ) {
        round_trip(&spec)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn specs_near_the_largest_payload_round_trip(spec in near_max_spec()) {
        round_trip(&spec)?;
    }

    #[test]
    fn payloads_over_65507_bytes_are_refused(
        spec in any_spec(),
        len in MAX_UDP_PAYLOAD_V4 + 1..=MAX_UDP_PAYLOAD_V4 + 3000,
    ) {
        let mut spec = spec;
        spec.payload = vec![0x5a; len];
        match build_frame(&spec) {
            Err(e @ Error::PayloadTooLarge { length }) => {
                prop_assert_eq!(length, len);
                let message = e.to_string();
                prop_assert!(message.contains(&len.to_string()), "{}", message);
                prop_assert!(message.contains("65507"), "{}", message);
            }
            Err(other) => prop_assert!(false, "wrong error: {other}"),
            Ok(frame) => prop_assert!(false, "built a {}-byte frame", frame.bytes.len()),
        }
    }
}

#[test]
fn the_largest_payload_builds_and_one_more_byte_does_not() {
    let mut spec = DatagramSpec {
        src_mac: [2, 0, 0, 0, 0, 1],
        dst_mac: [2, 0, 0, 0, 0, 2],
        src_ip: "192.0.2.1".parse().unwrap(),
        dst_ip: "192.0.2.2".parse().unwrap(),
        ttl: 64,
        identification: 1,
        dont_fragment: true,
        flow_label: 0,
        dscp: 0,
        ecn: 0,
        src_port: 1,
        dst_port: 2,
        payload: vec![0xa5; MAX_UDP_PAYLOAD_V4],
    };
    let frame = build_frame(&spec).unwrap();
    assert_eq!(frame.bytes.len(), 14 + 65_535 + 4);
    spec.payload.push(0);
    assert!(matches!(
        build_frame(&spec),
        Err(Error::PayloadTooLarge { length: 65_508 })
    ));
}

// ---------------------------------------------------------------------------
// Anything in, no panic out.
// ---------------------------------------------------------------------------

const MODES: [Fcs; 3] = [Fcs::Present, Fcs::Absent, Fcs::Detect];

/// Dissects `frame` in every FCS mode and renders the result: no panic, every
/// field and span inside the frame.
fn survives(frame: &[u8]) -> Result<(), TestCaseError> {
    let narrow = RenderOptions {
        color: true,
        width: 80,
        rfc: true,
    };
    for fcs in MODES {
        let d = dissect_ethernet(frame, fcs);
        prop_assert_eq!(d.frame_length, frame.len());
        for layer in &d.layers {
            for field in &layer.fields {
                if let Some(offset) = field.offset {
                    prop_assert!(
                        offset + field.length <= frame.len(),
                        "{:?}: {} at {}+{} is outside the {}-byte frame",
                        fcs,
                        field.id,
                        offset,
                        field.length,
                        frame.len()
                    );
                    prop_assert_eq!(
                        &field.hex,
                        &hex_of(&frame[offset..offset + field.length]),
                        "{} hex is not the frame's bytes at {}",
                        field.id,
                        offset
                    );
                }
            }
            for span in std::iter::once(&layer.header).chain(&layer.trailer) {
                prop_assert!(
                    span.end() <= frame.len(),
                    "{:?}: a {} span {:?} is outside the {}-byte frame",
                    fcs,
                    layer.protocol,
                    span,
                    frame.len()
                );
            }
        }
        if let Some(m) = &d.malformed {
            prop_assert!(m.offset <= frame.len(), "malformed at {}", m.offset);
            prop_assert!(!m.message.is_empty());
        }
        for options in [RenderOptions::default(), narrow] {
            let mut out = Vec::new();
            hex::render(frame, &d, &mut out, &options)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            for layer in &d.layers {
                layers::fields_table(layer, &mut out, &options)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                for check in &layer.checks {
                    layers::check(check, layer, &mut out, &options)
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                }
            }
            layers::layers_outermost_first(&d, frame, &mut out, &options)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        // The hex dump shows exactly the frame's bytes, in order.
        let mut dump = Vec::new();
        hex::render(frame, &d, &mut dump, &RenderOptions::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let dumped = dumped_bytes(&String::from_utf8_lossy(&dump));
        prop_assert!(
            dumped == frame,
            "the hex dump does not show the frame's bytes"
        );
    }
    Ok(())
}

/// The bytes a hex dump shows: each line "OFFSET  xx xx ... |ascii|".
fn dumped_bytes(dump: &str) -> Vec<u8> {
    dump.lines()
        .filter_map(|l| {
            let (offset, rest) = l.split_once("  ")?;
            (offset.len() >= 4 && offset.bytes().all(|b| b.is_ascii_hexdigit())).then_some(rest)
        })
        .flat_map(|rest| {
            let hex = rest.split('|').next().unwrap_or_default();
            hex.split_whitespace()
                .map(|pair| u8::from_str_radix(pair, 16).expect("a hex byte"))
                .collect::<Vec<u8>>()
        })
        .collect()
}

/// Random bytes that look like Ethernet + IPv4 often enough to get past the
/// EtherType: the type forced to 0x0800, and often version/IHL 0x45 and a
/// protocol of UDP or ICMP.
fn ipv4_shaped() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec(any::<u8>(), 14..300),
        any::<bool>(),
        prop_oneof![Just(17u8), Just(1u8), any::<u8>()],
    )
        .prop_map(|(mut bytes, v45, protocol)| {
            bytes[12] = 0x08;
            bytes[13] = 0x00;
            if v45 && bytes.len() > 14 {
                bytes[14] = 0x45;
            }
            if bytes.len() > 23 {
                bytes[23] = protocol;
            }
            bytes
        })
}

/// A built frame damaged: some bytes XORed, then perhaps cut short, then
/// perhaps some bytes appended.
fn damaged_frame() -> impl Strategy<Value = Vec<u8>> {
    (
        spec_with(proptest::collection::vec(any::<u8>(), 0..120)),
        proptest::collection::vec((any::<Index>(), 1u8..=255), 0..6),
        proptest::option::of(any::<Index>()),
        proptest::collection::vec(any::<u8>(), 0..6),
    )
        .prop_map(|(spec, flips, cut, extra)| {
            let mut frame = build_frame(&spec).map(|b| b.bytes).unwrap_or_default();
            for (at, mask) in flips {
                let i = at.index(frame.len());
                frame[i] ^= mask;
            }
            if let Some(cut) = cut {
                frame.truncate(cut.index(frame.len() + 1));
            }
            frame.extend_from_slice(&extra);
            frame
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(frame in proptest::collection::vec(any::<u8>(), 0..2000)) {
        survives(&frame)?;
    }

    #[test]
    fn ipv4_shaped_bytes_never_panic(frame in ipv4_shaped()) {
        survives(&frame)?;
    }

    #[test]
    fn damaged_built_frames_never_panic(frame in damaged_frame()) {
        survives(&frame)?;
    }
}

#[test]
fn every_prefix_of_a_built_frame_survives() {
    // The LAN datagram of the golden tests, with its own identification
    // and payload.
    let spec = DatagramSpec {
        identification: 9,
        payload: b"every cut of this frame".to_vec(),
        ..common::golden::lan_spec()
    };
    let frame = build_frame(&spec).unwrap().bytes;
    for end in 0..=frame.len() {
        if let Err(e) = survives(&frame[..end]) {
            panic!("prefix of {end} bytes: {e}");
        }
    }
}
