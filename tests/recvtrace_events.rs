//! recv's terminal view and JSON line draw one trace event each: the socket
//! the datagram was delivered to comes with the event, a datagram without a
//! caught frame is an event too (the HTML page still leaves it out), and an
//! event that is not a received datagram draws nothing.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use stackviz::capturing::CapturedDissection;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::net::receiver::Datagram;
use stackviz::recv::DatagramReport;
use stackviz::render::{html, json, recv_text, RenderOptions};
use stackviz::session::recv_trace::{received_event, recv_trace};
use stackviz::session::{Direction, EventKind, FrameEvent};

fn report(number: usize, frame: bool) -> DatagramReport {
    let bytes = vec![0u8; 60];
    DatagramReport {
        number,
        datagram: Datagram {
            calls: Vec::new(),
            data: b"hi".to_vec(),
            length: 2,
            lost: Vec::new(),
            buffer: 65_536,
            from: "127.0.0.1:40000".parse().unwrap(),
            truncated: false,
        },
        frame: frame.then(|| CapturedDissection {
            dissection: dissect_ethernet(&bytes, Fcs::Absent),
            bytes,
            read_at: Duration::from_secs(1),
        }),
        delivered_to: "127.0.0.1:15017".parse().unwrap(),
    }
}

fn options() -> RenderOptions {
    RenderOptions {
        color: false,
        width: 100,
        rfc: false,
    }
}

#[test]
fn the_text_view_of_a_frameless_event_names_its_number_port_and_missing_frame() {
    let report = report(7, false);
    let mut out = Vec::new();
    recv_text::datagram(&received_event(&report), &mut out, &options()).unwrap();
    let text = String::from_utf8(out).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "Datagram 7: 2 bytes from 127.0.0.1:40000 to port 15017"
    );
    assert!(text.contains("(no frame: capture is off or did not see it)"));
}

#[test]
fn the_json_line_takes_number_and_delivered_to_from_the_event() {
    let report = report(4, true);
    let mut out = Vec::new();
    json::render_recv_datagram(&received_event(&report), &mut out).unwrap();
    let line: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(line["kind"], "datagram");
    assert_eq!(line["number"], 4);
    assert_eq!(line["delivered_to"], "127.0.0.1:15017");
    assert_eq!(line["datagram"]["data"], "6869");
    assert_eq!(line["frame"]["frame_length"], 60);
    assert_eq!(line["frame"]["frame"].as_str().map(str::len), Some(120));
}

#[test]
fn an_event_that_is_not_a_received_datagram_draws_nothing() {
    let event = FrameEvent {
        kind: EventKind::IcmpAnswer,
        direction: Direction::In,
        at: None,
        built: None,
        captured: None,
        comparison: None,
        delivered: None,
        read: None,
    };
    let mut text = Vec::new();
    recv_text::datagram(&event, &mut text, &options()).unwrap();
    let mut line = Vec::new();
    json::render_recv_datagram(&event, &mut line).unwrap();
    assert_eq!((text.len(), line.len()), (0, 0));
}

#[test]
fn the_html_page_keeps_only_the_datagrams_whose_frame_was_caught() {
    let reports = [report(1, true), report(2, false), report(3, true)];
    let trace = recv_trace(&[], &reports);
    assert_eq!(trace.events.len(), 3);
    let page = html::recv_page("t".into(), &trace, Vec::new());
    let titles: Vec<&str> = page.frames.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Datagram 1: 2 bytes from 127.0.0.1:40000, as it arrived",
            "Datagram 3: 2 bytes from 127.0.0.1:40000, as it arrived"
        ]
    );
}

#[test]
fn a_delivered_socket_other_than_the_bound_one_is_what_the_views_show() {
    // The port comes from the event, not from anywhere else.
    let mut report = report(1, false);
    report.delivered_to = SocketAddr::from(([127, 0, 0, 1], 15999));
    let mut out = Vec::new();
    json::render_recv_datagram(&received_event(&report), &mut out).unwrap();
    let line: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(line["delivered_to"], "127.0.0.1:15999");
    assert!(line.get("frame").is_none());
}
