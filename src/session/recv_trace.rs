//! `stackviz recv` as a trace: each datagram the receiving socket took is
//! an event, with the frame the capture saw it arrive in when it saw one,
//! in the order recvfrom() returned them.

use super::trace::{Delivered, Direction, EventKind, FrameEvent, Trace};
use crate::net::exchange::SocketCall;
use crate::recv::DatagramReport;

/// One datagram as an event of the receiver's trace. `recv` builds it as
/// each datagram arrives and renders it at once (the views stream).
pub fn received_event(report: &DatagramReport) -> FrameEvent<'_> {
    let frame = report.frame.as_ref();
    FrameEvent {
        kind: EventKind::Received {
            number: report.number,
        },
        direction: Direction::In,
        at: frame.map(|f| f.read_at),
        built: None,
        captured: frame,
        comparison: None,
        delivered: Some(Delivered {
            datagram: &report.datagram,
            to: report.delivered_to,
        }),
        read: None,
    }
}

/// The trace of a receiver: its setup calls, and one event per datagram
/// (a view that shows the wire keeps those whose frame the capture caught).
pub fn recv_trace<'a>(setup: &'a [SocketCall], datagrams: &'a [DatagramReport]) -> Trace<'a> {
    Trace {
        calls: setup,
        interface: None,
        events: datagrams.iter().map(received_event).collect(),
    }
}
