//! One order for the timeline and the ladder: every socket call as it
//! returned, each followed by the segments it made the kernel send and the
//! segments the kernel sent in answer to those. Segment times are not in
//! the capture (pnet gives none), so the order comes from cause and effect,
//! which is what a learner reasons with anyway.

use super::predict::Cause;
use super::TcpReport;
use crate::net::tcp_exchange::Peer;
use crate::session::ladder::{Arrow, End, Ladder, LadderRow};

/// One step of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A socket call, by index into the exchange's calls.
    Call(usize),
    /// A segment, by index into the report's segments.
    Segment(usize),
}

fn push_with_answers(report: &TcpReport, index: usize, out: &mut Vec<Step>, done: &mut [bool]) {
    if done[index] {
        return;
    }
    done[index] = true;
    out.push(Step::Segment(index));
    for (j, s) in report.segments.iter().enumerate() {
        if s.predicted.cause == Cause::Answer(index) {
            push_with_answers(report, j, out, done);
        }
    }
}

/// The calls and segments in the order they happened.
pub fn steps(report: &TcpReport) -> Vec<Step> {
    let mut out = Vec::new();
    let mut done = vec![false; report.segments.len()];
    for (i, _) in report.exchange.calls.iter().enumerate() {
        out.push(Step::Call(i));
        for (k, s) in report.segments.iter().enumerate() {
            if s.predicted.cause == Cause::Call(i) {
                push_with_answers(report, k, &mut out, &mut done);
            }
        }
    }
    for k in 0..report.segments.len() {
        if !done[k] {
            push_with_answers(report, k, &mut out, &mut done);
        }
    }
    out
}

fn end_of(peer: Peer) -> End {
    match peer {
        Peer::Client => End::Left,
        Peer::Server => End::Right,
    }
}

/// The ladder diagram of the run.
pub fn ladder(report: &TcpReport) -> Ladder {
    let mut rows = Vec::new();
    let mut last_state = [None, None];
    for step in steps(report) {
        match step {
            Step::Call(i) => {
                let call = &report.exchange.calls[i];
                let end = end_of(call.peer);
                rows.push(LadderRow::Call {
                    end,
                    call: call.call.clone(),
                    result: call.result.clone(),
                    at: Some(call.happened()),
                });
                let slot = usize::from(end == End::Right);
                if let Some(state) = call.state {
                    if last_state[slot] != Some(state) {
                        last_state[slot] = Some(state);
                        rows.push(LadderRow::State {
                            end,
                            state: state.name(),
                        });
                    }
                }
            }
            Step::Segment(k) => {
                let s = &report.segments[k];
                let p = &s.predicted;
                let (seq_absolute, ack_absolute) = super::build::absolute(p, &report.ends);
                rows.push(LadderRow::Segment(Arrow {
                    number: s.number,
                    from: end_of(p.from),
                    flags: p.flags.names(),
                    seq: p.seq,
                    ack: p.ack,
                    seq_absolute,
                    ack_absolute: p.ack.map(|_| ack_absolute),
                    length: p.data.len(),
                    window: p.window.value(),
                    window_bytes: p
                        .window_scale
                        .filter(|_| p.window.is_known())
                        .map(|scale| u32::from(p.window.value()) << scale),
                    at: None,
                    lost: false,
                    retransmission: false,
                    observed: s.captured.is_some(),
                }));
            }
        }
    }
    Ladder {
        left: crate::t!("client {address}", address = report.exchange.client),
        right: crate::t!("server {address}", address = report.exchange.server),
        rows,
    }
}
