//! Every slot of a send report lands in its trace, in wire order: the
//! neighbour exchange (request out, answer in), the datagram, each fragment
//! with its own built frame, captured frame and comparison, then the ICMP
//! answer. The pcapng file and the HTML page pick their frames from that
//! trace exactly as they did from the slots. No network: the report is
//! assembled from a fixed exchange and given a made-up capture.

mod common;

use common::report::{caught, report};
use stackviz::capturing::CapturedDissection;
use stackviz::compare::Comparison;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::Origin;
use stackviz::render::{html, pcap};
use stackviz::send::{
    BuiltFragment, CaptureOutcome, CaptureReport, Fragmentation, SendFrame, SendReport,
};
use stackviz::session::{Direction, EventKind};

/// A comparison told apart by its count of unexpected fields.
fn comparison(tag: usize) -> Comparison {
    Comparison {
        fields: Vec::new(),
        identical: 0,
        explained: 0,
        unexpected: tag,
    }
}

/// An ARP frame: EtherType 0x0806, operation 1 (request) or 2 (reply).
fn arp(operation: u8) -> Vec<u8> {
    let mut frame = vec![0u8; 42];
    frame[12..14].copy_from_slice(&[0x08, 0x06]);
    frame[14..22].copy_from_slice(&[0, 1, 0x08, 0x00, 6, 4, 0, operation]);
    frame
}

fn with_capture() -> SendReport {
    let mut report = report();
    let built: Vec<BuiltFragment> = stackviz::fragment::fragment(&report.frame, 68, 0)
        .into_iter()
        .map(|fragment| BuiltFragment {
            dissection: dissect_ethernet(&fragment.bytes, Fcs::Present),
            fragment,
        })
        .collect();
    assert_eq!(built.len(), 3, "128 bytes in 48-byte pieces");
    // The kernel's fragments, as caught (no FCS).
    let fragments: Vec<CapturedDissection> = built
        .iter()
        .enumerate()
        .map(|(i, f)| {
            caught(
                &f.fragment.bytes[..f.fragment.bytes.len() - 4],
                10 + i as u64,
            )
        })
        .collect();
    let icmp = caught(&[0x45; 70], 20);
    // The report's frames, as `send::run` leaves them: in wire order.
    let frame = |kind, direction, captured: CapturedDissection| SendFrame {
        kind,
        direction,
        built: None,
        captured: Some(captured),
        comparison: None,
    };
    let mut frames = vec![
        frame(EventKind::Neighbour, Direction::Out, caught(&arp(1), 1)),
        frame(EventKind::Neighbour, Direction::In, caught(&arp(2), 2)),
        SendFrame {
            comparison: Some(comparison(10)),
            ..frame(EventKind::Datagram, Direction::Out, fragments[0].clone())
        },
    ];
    for (index, (f, b)) in fragments.into_iter().zip(built).enumerate() {
        frames.push(SendFrame {
            built: Some(b),
            comparison: Some(comparison(10 + index)),
            ..frame(EventKind::Fragment { index }, Direction::Out, f)
        });
    }
    frames.push(frame(EventKind::IcmpAnswer, Direction::In, icmp));
    report.frames = frames;
    report.capture = CaptureOutcome::Caught(Box::new(CaptureReport {
        interface: "eth0".into(),
        duplicates: 0,
        duplicated_datagram: 0,
        duplicated_icmp: 0,
    }));
    report.fragmentation = Some(Fragmentation {
        mtu: 68,
        mtu_origin: Origin::chosen("--mtu 68"),
        interface_mtu: None,
    });
    report
}

#[test]
fn the_trace_orders_every_slot_as_on_the_wire() {
    let report = with_capture();
    let trace = report.trace();
    let kinds: Vec<EventKind> = trace.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Neighbour,
            EventKind::Neighbour,
            EventKind::Datagram,
            EventKind::Fragment { index: 0 },
            EventKind::Fragment { index: 1 },
            EventKind::Fragment { index: 2 },
            EventKind::IcmpAnswer,
        ]
    );
    let directions: Vec<Direction> = trace.events.iter().map(|e| e.direction).collect();
    use Direction::{In, Out};
    assert_eq!(directions, [Out, In, Out, Out, Out, Out, In]);
    let unexpected: Vec<Option<usize>> = trace
        .events
        .iter()
        .map(|e| e.comparison.map(|c| c.unexpected))
        .collect();
    assert_eq!(
        unexpected,
        [None, None, Some(10), Some(10), Some(11), Some(12), None]
    );
    let at: Vec<Option<u64>> = trace
        .events
        .iter()
        .map(|e| e.at.map(|d| d.as_secs()))
        .collect();
    assert_eq!(
        at,
        [
            Some(1),
            Some(2),
            Some(10),
            Some(10),
            Some(11),
            Some(12),
            Some(20)
        ]
    );
    let datagram = &trace.events[2];
    assert_eq!(datagram.built.unwrap().bytes, report.frame.bytes.as_slice());
    for (event, frame) in trace.events[3..6].iter().zip(&report.frames[3..6]) {
        let built = frame.built.as_ref().expect("a built fragment");
        assert_eq!(event.built.unwrap().bytes, built.fragment.bytes.as_slice());
        let piece = event.built.unwrap().piece.expect("a fragment's piece");
        assert_eq!(piece.offset, built.fragment.offset);
        assert_eq!(
            event.captured.unwrap().bytes,
            frame.captured.as_ref().unwrap().bytes
        );
    }
    assert_eq!(trace.interface, Some("eth0"));
}

#[test]
fn the_pcap_file_and_the_page_pick_the_frames_they_always_did() {
    let report = with_capture();
    let frames = pcap::send_frames(&report);
    let comments: Vec<&str> = frames.iter().map(|f| f.comment.as_str()).collect();
    assert_eq!(
        comments,
        [
            "built by stackviz: what Ethernet would carry for this datagram",
            "captured on eth0: our datagram as the kernel sent it",
            "captured on eth0: ICMP error as the kernel sent it",
        ]
    );
    // The built frame is filed at the captured datagram's time.
    let seconds: Vec<u64> = frames.iter().map(|f| f.timestamp.as_secs()).collect();
    assert_eq!(seconds, [10, 10, 20]);
    let page = html::send_page(&report);
    let titles: Vec<&str> = page.frames.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "The frame stackviz built (146 bytes, FCS included)",
            "The frame the kernel sent, captured on eth0",
            "ARP: how the destination MAC was learned",
            "ARP: how the destination MAC was learned",
            "What came back: the kernel's ICMP message",
        ]
    );
    assert_eq!(page.comparison.map(|c| c.unexpected), Some(10));
}
