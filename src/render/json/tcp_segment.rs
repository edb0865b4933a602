//! One segment of `stackviz.tcp/1`: its numbers (relative and absolute),
//! flags, window and options as predicted, the frame stackviz built with
//! the same layer and field objects as `stackviz.send/1`, the captured
//! frame and the comparison with the same shape as UDP's.

use serde::Serialize;

use super::frame::{CapturedDoc, Each, Layers};
use super::send::ComparisonDoc;
use super::tcp_parts::{flag_list, options, peer_name, OptionDoc};
use crate::model::to_hex;
use crate::net::tcp_exchange::Peer;
use crate::tcp::build::Ends;
use crate::tcp::predict::{Cause, Known};
use crate::tcp::SegmentEvent;

/// What made the segment go out: `{"call": 5}` (index into `calls`) or
/// `{"answer_to": 1}` (the number of the segment it answers).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum CauseDoc {
    Call(usize),
    AnswerTo(usize),
}

#[derive(Serialize)]
pub(super) struct SegmentDoc<'a> {
    number: usize,
    from: &'static str,
    flags: Vec<&'static str>,
    seq: u32,
    seq_absolute: Option<u32>,
    ack: Option<u32>,
    ack_absolute: Option<u32>,
    length: usize,
    data: String,
    window: Option<u16>,
    window_scale: Option<u8>,
    window_scaled: Option<u32>,
    options: Vec<OptionDoc>,
    cause: CauseDoc,
    why: &'a str,
    frame: String,
    frame_length: usize,
    layers: Layers<'a>,
    captured: Option<CapturedDoc<'a>>,
    comparison: Option<ComparisonDoc<'a>>,
}

/// A known value, or null for a stand-in.
fn known<T: Copy>(value: Known<T>) -> Option<T> {
    value.is_known().then(|| value.value())
}

impl<'a> SegmentDoc<'a> {
    pub(super) fn new(event: &'a SegmentEvent, ends: &Ends) -> Self {
        let p = &event.predicted;
        let to = match p.from {
            Peer::Client => Peer::Server,
            Peer::Server => Peer::Client,
        };
        let window = known(p.window);
        SegmentDoc {
            number: event.number,
            from: peer_name(p.from),
            flags: flag_list(&p.flags),
            seq: p.seq,
            // Absolute numbers only where the ISN they add to is known.
            seq_absolute: known(ends.isn(p.from)).map(|isn| isn.wrapping_add(p.seq)),
            ack: p.ack,
            ack_absolute: p
                .ack
                .and_then(|ack| known(ends.isn(to)).map(|isn| isn.wrapping_add(ack))),
            length: p.data.len(),
            data: to_hex(&p.data),
            window,
            window_scale: p.window_scale,
            // A SYN's window is never scaled (RFC 7323).
            window_scaled: window.map(|w| u32::from(w) << p.window_scale.unwrap_or(0)),
            options: options(&p.options),
            cause: match p.cause {
                Cause::Call(i) => CauseDoc::Call(i),
                Cause::Answer(i) => CauseDoc::AnswerTo(i + 1),
            },
            why: p.why,
            frame: to_hex(&event.bytes),
            frame_length: event.bytes.len(),
            layers: Each::new(&event.dissection.layers),
            captured: event.captured.as_ref().map(CapturedDoc::from),
            comparison: event.comparison.as_ref().map(ComparisonDoc::from),
        }
    }
}
