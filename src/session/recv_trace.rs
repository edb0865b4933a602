//! `stackviz recv` as a trace: each datagram the receiving socket took,
//! with the frame the capture saw it arrive in, is an event, in the order
//! recvfrom() returned them.

use super::trace::{Direction, EventKind, FrameEvent, Trace};
use crate::net::exchange::SocketCall;
use crate::recv::DatagramReport;

/// The trace of a receiver: its setup calls, and one event per datagram
/// whose frame the capture caught (without a frame there is nothing from
/// the wire to show).
pub fn recv_trace<'a>(setup: &'a [SocketCall], datagrams: &'a [DatagramReport]) -> Trace<'a> {
    let events = datagrams
        .iter()
        .filter_map(|report| {
            let frame = report.frame.as_ref()?;
            Some(FrameEvent {
                kind: EventKind::Received {
                    number: report.number,
                },
                direction: Direction::In,
                at: Some(frame.read_at),
                built: None,
                captured: Some(frame),
                comparison: None,
                delivered: Some(&report.datagram),
            })
        })
        .collect();
    Trace {
        calls: setup,
        interface: None,
        events,
    }
}
