//! `stackviz send` as a trace: the report's datagram, the fragments built
//! for the MTU and those the kernel cut, the neighbour exchange and the ICMP
//! answer become frame events in the order they happen on the wire.

use super::trace::{Built, Direction, EventKind, FrameEvent, Piece, Trace};
use crate::net::capture;
use crate::send::{CaptureOutcome, SendReport};

/// The trace of a send: the neighbour exchange comes first (the kernel holds
/// the datagram until the next hop's MAC is known), then the datagram, its
/// fragments by offset, and the ICMP answer it provoked.
pub fn send_trace(report: &SendReport) -> Trace<'_> {
    let caught = match &report.capture {
        CaptureOutcome::Caught(c) => Some(c.as_ref()),
        _ => None,
    };
    let mut events = Vec::new();
    for frame in caught.iter().flat_map(|c| &c.arp) {
        events.push(FrameEvent {
            kind: EventKind::Neighbour,
            // The capture keeps only frames between us and the next hop:
            // a request is ours, an answer is the next hop's.
            direction: if capture::is_neighbour_request(&frame.bytes) {
                Direction::Out
            } else {
                Direction::In
            },
            at: Some(frame.read_at),
            built: None,
            captured: Some(frame),
            comparison: None,
            delivered: None,
        });
    }
    let datagram = caught.and_then(|c| c.datagram.as_ref());
    events.push(FrameEvent {
        kind: EventKind::Datagram,
        direction: Direction::Out,
        at: datagram.map(|d| d.read_at),
        built: Some(Built {
            bytes: &report.frame.bytes,
            dissection: &report.dissection,
            piece: None,
        }),
        captured: datagram,
        comparison: caught.and_then(|c| c.comparison.as_ref()),
        delivered: None,
    });
    let built_fragments = report
        .fragmentation
        .as_ref()
        .map(|f| f.fragments.as_slice())
        .unwrap_or_default();
    let caught_fragments = caught.map(|c| c.fragments.as_slice()).unwrap_or_default();
    for index in 0..built_fragments.len().max(caught_fragments.len()) {
        let captured = caught_fragments.get(index);
        // The first fragment's comparison is the datagram's (the report
        // compares the kernel's first fragment with ours there).
        let comparison = match (caught, index) {
            (Some(c), 0) if c.fragments.len() > 1 => c.comparison.as_ref(),
            (Some(c), i) if i > 0 => c.fragment_comparisons.get(i - 1),
            _ => None,
        };
        events.push(FrameEvent {
            kind: EventKind::Fragment { index },
            direction: Direction::Out,
            at: captured.map(|f| f.read_at),
            built: built_fragments.get(index).map(|f| Built {
                bytes: &f.fragment.bytes,
                dissection: &f.dissection,
                piece: Some(Piece {
                    offset: f.fragment.offset,
                    length: f.fragment.length,
                    more_fragments: f.fragment.more_fragments,
                }),
            }),
            captured,
            comparison,
            delivered: None,
        });
    }
    if let Some(icmp) = caught.and_then(|c| c.icmp.as_ref()) {
        events.push(FrameEvent {
            kind: EventKind::IcmpAnswer,
            direction: Direction::In,
            at: Some(icmp.read_at),
            built: None,
            captured: Some(icmp),
            comparison: None,
            delivered: None,
        });
    }
    Trace {
        calls: &report.exchange.calls,
        interface: caught.map(|c| c.interface.as_str()),
        events,
    }
}
