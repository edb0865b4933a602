//! The JSON document and the terminal page of a send draw their frames from
//! the trace: a report with every kind of frame (neighbour request and
//! answer, the datagram cut in three fragments, each compared, the ICMP
//! answer) renders byte for byte as it did when the views read the report's
//! slots. The snapshots were written by the slot-reading views. No network:
//! the report is assembled from a fixed exchange and given a made-up capture.

mod common;

use common::report::{caught, report};
use stackviz::capturing::CapturedDissection;
use stackviz::compare::Comparison;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::Origin;
use stackviz::render::RenderOptions;
use stackviz::send::{
    BuiltFragment, CaptureOutcome, CaptureReport, Fragmentation, SendFrame, SendReport,
};
use stackviz::session::{Direction, EventKind};

/// A comparison of the frames' own fields, told apart by `unexpected`.
fn comparison(built: &[u8], captured: &[u8], tag: usize) -> Comparison {
    let mut c = stackviz::compare::compare(
        &dissect_ethernet(built, Fcs::Present),
        &dissect_ethernet(captured, Fcs::Absent),
        stackviz::compare::CaptureContext { loopback: false },
    );
    c.unexpected = tag;
    c
}

/// An ARP frame: EtherType 0x0806, operation 1 (request) or 2 (reply).
fn arp(operation: u8) -> Vec<u8> {
    let mut frame = vec![0u8; 42];
    frame[12..14].copy_from_slice(&[0x08, 0x06]);
    frame[14..22].copy_from_slice(&[0, 1, 0x08, 0x00, 6, 4, 0, operation]);
    frame
}

/// Every kind of frame a send can show; `built_fragments` says whether
/// stackviz cut the datagram for an MTU too (else only the kernel did).
fn with_capture(built_fragments: bool) -> SendReport {
    let mut report = report();
    let built: Vec<BuiltFragment> = stackviz::fragment::fragment(&report.frame, 68, 0)
        .into_iter()
        .map(|fragment| BuiltFragment {
            dissection: dissect_ethernet(&fragment.bytes, Fcs::Present),
            fragment,
        })
        .collect();
    assert_eq!(built.len(), 3, "128 bytes in 48-byte pieces");
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
    let compared = |i: usize, tag| comparison(&built[i].fragment.bytes, &fragments[i].bytes, tag);
    let frame = |kind, direction, captured: &CapturedDissection| SendFrame {
        kind,
        direction,
        built: None,
        captured: Some(captured.clone()),
        comparison: None,
    };
    let mut frames = vec![
        frame(EventKind::Neighbour, Direction::Out, &caught(&arp(1), 1)),
        frame(EventKind::Neighbour, Direction::In, &caught(&arp(2), 2)),
        SendFrame {
            comparison: Some(compared(0, 10)),
            ..frame(EventKind::Datagram, Direction::Out, &fragments[0])
        },
    ];
    for (index, f) in fragments.iter().enumerate() {
        // The first fragment shares the datagram's comparison; the others
        // are compared only with a fragment built for them.
        frames.push(SendFrame {
            built: built_fragments.then(|| built[index].clone()),
            comparison: match index {
                0 => Some(compared(0, 10)),
                _ if built_fragments => Some(compared(index, 10 + index)),
                _ => None,
            },
            ..frame(EventKind::Fragment { index }, Direction::Out, f)
        });
    }
    frames.push(frame(
        EventKind::IcmpAnswer,
        Direction::In,
        &caught(&[0x45; 70], 20),
    ));
    report.frames = frames;
    report.capture = CaptureOutcome::Caught(Box::new(CaptureReport {
        interface: "eth0".into(),
        duplicates: 3,
        duplicated_datagram: 2,
        duplicated_icmp: 1,
    }));
    report.fragmentation = built_fragments.then(|| Fragmentation {
        mtu: 68,
        mtu_origin: Origin::chosen("--mtu 68"),
        interface_mtu: Some(1500),
    });
    report
}

fn json(report: &SendReport) -> String {
    let mut out = Vec::new();
    stackviz::render::json::render_send(report, &mut out).expect("renders");
    String::from_utf8(out).expect("UTF-8")
}

fn text(report: &SendReport) -> String {
    let options = RenderOptions {
        color: false,
        width: 100,
        rfc: false,
    };
    // With the walk up the receiver's stack, which starts from the caught
    // datagram when there is one.
    let chunks = stackviz::render::send_text::chunks(report, &options, true).expect("renders");
    String::from_utf8(chunks.concat()).expect("UTF-8")
}

#[test]
fn the_json_document_keeps_every_frame_under_its_key() {
    insta::assert_snapshot!("json_built_and_caught", json(&with_capture(true)));
    insta::assert_snapshot!("json_caught_only", json(&with_capture(false)));
}

#[test]
fn the_terminal_page_shows_every_frame_where_it_did() {
    insta::assert_snapshot!("text_built_and_caught", text(&with_capture(true)));
    insta::assert_snapshot!("text_caught_only", text(&with_capture(false)));
}
