//! Built versus captured without a network: a "captured" frame is made from
//! a built one the way Linux changes it (no padding, no FCS, a kernel-chosen
//! identification, a partial UDP checksum), and every verdict is checked.

use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use stackviz::build::{build_frame, DatagramSpec};
use stackviz::compare::{compare, CaptureContext, Verdict};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::net::capture::{classify, collect, FrameKind, ListSource};

fn spec() -> DatagramSpec {
    DatagramSpec {
        src_mac: [0; 6],
        dst_mac: [0; 6],
        src_ip: Ipv4Addr::LOCALHOST.into(),
        dst_ip: Ipv4Addr::LOCALHOST.into(),
        flow_label: 0,
        ttl: 64,
        identification: 0,
        dont_fragment: true,
        dscp: 0,
        ecn: 0,
        src_port: 42036,
        dst_port: 15001,
        payload: b"Hello!!".to_vec(),
    }
}

/// Independent RFC 1071 folded sum (not complemented).
fn folded(words: &[u8]) -> u16 {
    let mut sum: u32 = words
        .chunks(2)
        .map(|c| u32::from(u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])))
        .sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}

/// What Linux puts on lo for this datagram, with identification `id`.
fn as_linux_sends_it(built: &[u8], id: u16) -> Vec<u8> {
    let mut frame = built[..14 + 35].to_vec(); // no padding, no FCS
    frame[18..20].copy_from_slice(&id.to_be_bytes());
    frame[24..26].copy_from_slice(&[0, 0]);
    let ip_sum = !folded(&frame[14..34]);
    frame[24..26].copy_from_slice(&ip_sum.to_be_bytes());
    // Checksum offload: the folded pseudo-header sum, not the final checksum.
    let mut pseudo = frame[26..34].to_vec();
    pseudo.extend_from_slice(&[0, 17, 0, 15]);
    frame[40..42].copy_from_slice(&folded(&pseudo).to_be_bytes());
    frame
}

fn verdict_of<'a>(c: &'a stackviz::compare::Comparison, id: &str) -> &'a Verdict {
    &c.fields
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
        .verdict
}

#[test]
fn loopback_capture_differences_are_all_explained() {
    let built = build_frame(&spec()).unwrap().bytes;
    let captured = as_linux_sends_it(&built, 0x1234);
    let c = compare(
        &dissect_ethernet(&built, Fcs::Present),
        &dissect_ethernet(&captured, Fcs::Absent),
        CaptureContext { loopback: true },
    );
    assert_eq!(c.unexpected, 0, "{:#?}", c.fields);
    for id in [
        "eth.padding",
        "eth.fcs",
        "ipv4.identification",
        "ipv4.checksum",
        "udp.checksum",
    ] {
        assert!(
            matches!(verdict_of(&c, id), Verdict::Explained { .. }),
            "{id}: {:?}",
            verdict_of(&c, id)
        );
    }
    assert_eq!(c.explained, 5);
    assert_eq!(c.identical + c.explained, c.fields.len());
    assert_eq!(*verdict_of(&c, "ipv4.ttl"), Verdict::Same);
    match verdict_of(&c, "udp.checksum") {
        Verdict::Explained { reason } => assert!(
            reason.contains("offload") && reason.contains("0xfe22"),
            "{reason}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_changed_ttl_or_payload_is_unexpected() {
    let built = build_frame(&spec()).unwrap().bytes;
    let mut captured = as_linux_sends_it(&built, 0);
    captured[22] = 63; // TTL
    captured[24..26].copy_from_slice(&[0, 0]);
    let ip_sum = !folded(&captured[14..34]);
    captured[24..26].copy_from_slice(&ip_sum.to_be_bytes());
    captured[44] = b'X'; // payload
    let c = compare(
        &dissect_ethernet(&built, Fcs::Present),
        &dissect_ethernet(&captured, Fcs::Absent),
        CaptureContext { loopback: true },
    );
    assert_eq!(*verdict_of(&c, "ipv4.ttl"), Verdict::Unexpected);
    assert_eq!(*verdict_of(&c, "app.data"), Verdict::Unexpected);
    // The IPv4 checksum differs because the TTL does, with the same ID: not explained.
    assert_eq!(*verdict_of(&c, "ipv4.checksum"), Verdict::Unexpected);
    assert_eq!(c.unexpected, 3);
}

#[test]
fn on_a_real_link_missing_fcs_is_explained_by_the_card() {
    let mut s = spec();
    s.src_mac = [2, 0, 0, 0, 0, 1];
    s.dst_mac = [2, 0, 0, 0, 0, 2];
    let built = build_frame(&s).unwrap().bytes;
    let captured = built[..49].to_vec();
    let c = compare(
        &dissect_ethernet(&built, Fcs::Present),
        &dissect_ethernet(&captured, Fcs::Absent),
        CaptureContext { loopback: false },
    );
    match verdict_of(&c, "eth.fcs") {
        Verdict::Explained { reason } => assert!(reason.contains("network card"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.unexpected, 0);
}

#[test]
fn collect_keeps_our_frames_once_and_ignores_the_rest() {
    let built = build_frame(&spec()).unwrap().bytes;
    let ours = as_linux_sends_it(&built, 0);
    let mut other = ours.clone();
    other[36..38].copy_from_slice(&9999u16.to_be_bytes()); // another destination port
    let mut source = ListSource {
        interface: "lo".into(),
        frames: VecDeque::from(vec![other, ours.clone(), ours.clone()]),
    };
    let sender = SocketAddr::from((Ipv4Addr::LOCALHOST, 42036));
    let receiver = SocketAddr::from((Ipv4Addr::LOCALHOST, 15001));
    let caught = collect(
        &mut source,
        Duration::from_secs(1),
        |f| classify(f, sender, receiver),
        |frames| frames.iter().any(|f| f.kind == FrameKind::Datagram),
    )
    .unwrap();
    assert_eq!(caught.frames.len(), 1);
    assert_eq!(caught.frames[0].bytes, ours);
    assert_eq!(caught.duplicates, 1);
    assert_eq!(caught.ignored, 1);
}

#[test]
fn classify_recognises_an_icmp_error_quoting_our_datagram() {
    let built = build_frame(&spec()).unwrap().bytes;
    let ours = as_linux_sends_it(&built, 0);
    // Ethernet + IPv4 (protocol 1) + ICMP type 3 code 3 + quoted IPv4 header + 8 bytes.
    let mut icmp = ours[..14].to_vec();
    let quoted = &ours[14..14 + 28];
    let total = (20 + 8 + quoted.len()) as u16;
    icmp.extend_from_slice(&[0x45, 0xc0]);
    icmp.extend_from_slice(&total.to_be_bytes());
    icmp.extend_from_slice(&[0, 0, 0, 0, 64, 1, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]);
    icmp.extend_from_slice(&[3, 3, 0, 0, 0, 0, 0, 0]);
    icmp.extend_from_slice(quoted);
    let sender = SocketAddr::from((Ipv4Addr::LOCALHOST, 42036));
    let receiver = SocketAddr::from((Ipv4Addr::LOCALHOST, 15001));
    assert_eq!(
        classify(&icmp, sender, receiver),
        Some(FrameKind::IcmpError)
    );
    assert_eq!(classify(&ours, sender, receiver), Some(FrameKind::Datagram));
    let stranger = SocketAddr::from((Ipv4Addr::LOCALHOST, 1));
    assert_eq!(classify(&icmp, stranger, receiver), None);
    // The dissector walks the ICMP message and its quote.
    let d = dissect_ethernet(&icmp, Fcs::Absent);
    let protocols: Vec<&str> = d.layers.iter().map(|l| l.protocol).collect();
    assert_eq!(
        protocols,
        [
            "Ethernet II",
            "IPv4",
            "ICMP",
            "IPv4 (quoted original header)",
            "UDP (quoted)"
        ]
    );
    assert!(d.malformed.is_none(), "{:?}", d.malformed);
}
