//! decode hands each frame to its views as a trace event: the event carries
//! the frame's number, link, timestamp, length on the wire and pcapng
//! comment, and the views draw the same text and JSON from it; an event
//! of another kind draws nothing in decode's views.

use std::time::Duration;

use serde_json::Value;
use stackviz::decode::{dissect, DecodedFrame, Link, RawFrame};
use stackviz::dissect::Fcs;
use stackviz::net::receiver::Datagram;
use stackviz::recv::DatagramReport;
use stackviz::render::{decode_text, json};
use stackviz::session::decode_trace::decoded_event;
use stackviz::session::recv_trace::received_event;
use stackviz::session::{Direction, EventKind};

fn decoded(data: &[u8]) -> DecodedFrame<'_> {
    let raw = RawFrame {
        number: 12,
        timestamp: Some(Duration::from_micros(3_723_000_042)),
        data,
        original_length: data.len() + 4,
        link: Link::RawIp,
        fcs: Fcs::Absent,
        comment: Some("built by stackviz: the frame as sent"),
    };
    DecodedFrame {
        dissection: dissect(&raw),
        raw,
    }
}

#[test]
fn a_decoded_frame_event_carries_number_link_time_length_and_comment() {
    let data = [
        0x45u8, 0, 0, 20, 0, 0, 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
    ];
    let frame = decoded(&data);
    let event = decoded_event(&frame);
    assert_eq!(
        event.kind,
        EventKind::Decoded {
            number: 12,
            link: Link::RawIp,
            original_length: 24
        }
    );
    assert_eq!(event.direction, Direction::In);
    assert_eq!(event.at, Some(Duration::from_micros(3_723_000_042)));
    let read = event.read.unwrap();
    assert!(std::ptr::eq(read.bytes, &data[..]));
    assert!(std::ptr::eq(read.dissection, &frame.dissection));
    assert_eq!(read.comment, Some("built by stackviz: the frame as sent"));
    assert!(event.captured.is_none() && event.built.is_none() && event.delivered.is_none());
}

#[test]
fn the_views_draw_the_event_s_values() {
    let data = [
        0x45u8, 0, 0, 20, 0, 0, 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
    ];
    let frame = decoded(&data);
    let event = decoded_event(&frame);
    assert_eq!(
        decode_text::summary_line(&event),
        "    12 01:02:03.000042 IPv4 127.0.0.1 > 127.0.0.1, frame cut short by the capture at 20 of 24 bytes; comment: built by stackviz: the frame as sent"
    );
    let mut out = Vec::new();
    json::render_decoded(&event, &mut out).unwrap();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["number"], 12);
    assert_eq!(doc["original_length"], 24);
    assert_eq!(doc["frame_length"], 20);
    assert_eq!(doc["timestamp"], 3723.000042);
}

#[test]
fn a_received_datagram_event_draws_nothing_in_decode_s_views() {
    let report = DatagramReport {
        number: 1,
        datagram: Datagram {
            calls: Vec::new(),
            data: b"hi".to_vec(),
            length: 2,
            lost: Vec::new(),
            buffer: 65_536,
            from: "127.0.0.1:40000".parse().unwrap(),
            truncated: false,
        },
        frame: None,
        delivered_to: "127.0.0.1:15001".parse().unwrap(),
    };
    let event = received_event(&report);
    let mut json_out = Vec::new();
    json::render_decoded(&event, &mut json_out).unwrap();
    let mut text = Vec::new();
    decode_text::frame(&event, &mut text, &Default::default()).unwrap();
    assert_eq!(
        (
            json_out.len(),
            text.len(),
            decode_text::summary_line(&event)
        ),
        (0, 0, String::new())
    );
}
