//! `stackviz decode` as a trace: each frame read from the input is an
//! event, made on the worker thread that dissected it and handed to the
//! renderers there, so decode still streams in constant memory.

use super::trace::{Direction, EventKind, FrameEvent, Read};
use crate::decode::DecodedFrame;

/// One frame of decode's input as an event of its trace.
pub fn decoded_event<'a>(frame: &'a DecodedFrame<'_>) -> FrameEvent<'a> {
    let raw = &frame.raw;
    FrameEvent {
        kind: EventKind::Decoded {
            number: raw.number,
            link: raw.link,
            original_length: raw.original_length,
        },
        // Whoever sent it, it came to decode from outside.
        direction: Direction::In,
        at: raw.timestamp,
        built: None,
        captured: None,
        comparison: None,
        delivered: None,
        read: Some(Read {
            bytes: raw.data,
            dissection: &frame.dissection,
            comment: raw.comment,
        }),
    }
}
