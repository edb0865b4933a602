//! A receiver's run is a trace too: one event per datagram (with the frame
//! the capture caught, when it caught one), numbered as recvfrom() returned
//! them, carrying what recvfrom() said; the recv HTML page titles its frames from those events.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::TempDir;
use stackviz::capturing::CapturedDissection;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::net::receiver::Datagram;
use stackviz::recv::DatagramReport;
use stackviz::session::recv_trace::recv_trace;
use stackviz::session::{Direction, EventKind};

fn report(number: usize, frame: Option<Vec<u8>>) -> DatagramReport {
    let from: SocketAddr = "127.0.0.1:40000".parse().unwrap();
    DatagramReport {
        number,
        datagram: Datagram {
            calls: Vec::new(),
            data: b"hi".to_vec(),
            length: 2,
            lost: Vec::new(),
            buffer: 65_536,
            from,
            truncated: false,
        },
        frame: frame.map(|bytes| CapturedDissection {
            dissection: dissect_ethernet(&bytes, Fcs::Absent),
            bytes,
            read_at: Duration::from_secs(number as u64),
        }),
        delivered_to: "127.0.0.1:15001".parse().unwrap(),
    }
}

#[test]
fn every_datagram_is_an_event_with_its_frame_when_one_was_caught() {
    let frame = vec![0u8; 60];
    let reports = [
        report(1, Some(frame.clone())),
        report(2, None),
        report(3, Some(frame)),
    ];
    let trace = recv_trace(&[], &reports);
    let numbers: Vec<EventKind> = trace.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        numbers,
        [
            EventKind::Received { number: 1 },
            EventKind::Received { number: 2 },
            EventKind::Received { number: 3 }
        ]
    );
    for (event, report) in trace.events.iter().zip(&reports) {
        assert_eq!(event.direction, Direction::In);
        assert!(event.built.is_none() && event.comparison.is_none());
        let delivered = event.delivered.unwrap();
        assert!(std::ptr::eq(delivered.datagram, &report.datagram));
        assert_eq!(delivered.to, report.delivered_to);
        match &report.frame {
            Some(frame) => {
                assert_eq!(event.at, Some(Duration::from_secs(report.number as u64)));
                assert!(std::ptr::eq(event.captured.unwrap(), frame));
            }
            None => assert!(event.at.is_none() && event.captured.is_none()),
        }
    }
}

#[test]
fn the_recv_page_titles_each_datagram_it_caught() {
    if !common::can_capture("the_recv_page_titles_each_datagram_it_caught") {
        return;
    }
    let dir = TempDir::new("trace-recv");
    let file = dir.join("recv.html");
    let from = common::recv_html_report(&file, &[b"one", b"second"]);
    let page = std::fs::read_to_string(&file).expect("the page was written");
    for title in [
        format!("Datagram 1: 3 bytes from {from}, as it arrived"),
        format!("Datagram 2: 6 bytes from {from}, as it arrived"),
    ] {
        // Once as the step's name, once as its heading (as before the trace).
        assert_eq!(page.matches(&title).count(), 2, "{title} in the page");
    }
}
