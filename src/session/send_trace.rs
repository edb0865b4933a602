//! `stackviz send` as a trace: the report's datagram, the fragments built
//! for the MTU and those the kernel cut, the neighbour exchange and the ICMP
//! answer become frame events in the order they happen on the wire.

use super::trace::{Built, EventKind, FrameEvent, Piece, Trace};
use crate::send::{CaptureOutcome, SendReport};

/// The trace of a send: the report's frames as events, in the order the
/// report keeps them (the wire's: the neighbour exchange first, since the
/// kernel holds the datagram until the next hop's MAC is known, then the
/// datagram, its fragments by offset, and the ICMP answer it provoked).
pub fn send_trace(report: &SendReport) -> Trace<'_> {
    let events = report
        .frames
        .iter()
        .map(|frame| FrameEvent {
            kind: frame.kind,
            direction: frame.direction,
            at: frame.captured.as_ref().map(|c| c.read_at),
            built: match (frame.kind, &frame.built) {
                // The datagram's built frame is the report's own.
                (EventKind::Datagram, _) => Some(Built {
                    bytes: &report.frame.bytes,
                    dissection: &report.dissection,
                    piece: None,
                }),
                (_, Some(f)) => Some(Built {
                    bytes: &f.fragment.bytes,
                    dissection: &f.dissection,
                    piece: Some(Piece {
                        offset: f.fragment.offset,
                        length: f.fragment.length,
                        more_fragments: f.fragment.more_fragments,
                    }),
                }),
                (_, None) => None,
            },
            captured: frame.captured.as_ref(),
            comparison: frame.comparison.as_ref(),
            delivered: None,
            read: None,
        })
        .collect();
    let interface = match &report.capture {
        CaptureOutcome::Caught(c) => Some(c.interface.as_str()),
        _ => None,
    };
    Trace {
        calls: &report.exchange.calls,
        interface,
        events,
    }
}
