//! Where each acknowledgment number comes from: the peer's segment it
//! answers (the last one before it that took sequence space) and the sum
//! that gives it. The text's "arithmetic" and the JSON's `acks` both read
//! this; neither works it out itself.

use crate::net::tcp_exchange::Peer;

use super::SegmentEvent;

/// What the answered segment took of the sequence space beyond its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consumed {
    /// A SYN takes one sequence number.
    Syn,
    /// A FIN takes one sequence number.
    Fin,
    /// Data only: the ack names the next byte expected.
    Data,
}

/// `ack = seq + data + extra` for one segment that carries an ACK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AckSum {
    /// The acknowledging segment's number.
    pub segment: usize,
    /// Its acknowledgment number (relative to the peer's ISN).
    pub ack: u32,
    /// The number of the peer's segment it answers.
    pub answers: usize,
    /// That segment's sequence number and data length.
    pub seq: u32,
    pub data: usize,
    /// 1 for a SYN or FIN, else 0.
    pub extra: u32,
    pub consumed: Consumed,
}

/// The sums of every segment with an ACK that answers a segment of this
/// run (the first ACK of a connection to a server elsewhere may answer
/// nothing stackviz predicted: it has no sum).
pub fn sums(segments: &[SegmentEvent]) -> Vec<AckSum> {
    segments
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let ack = s.predicted.ack?;
            let peer = match s.predicted.from {
                Peer::Client => Peer::Server,
                Peer::Server => Peer::Client,
            };
            let answered = segments[..i].iter().rev().find(|o| {
                let p = &o.predicted;
                p.from == peer && (p.flags.syn || p.flags.fin || !p.data.is_empty())
            })?;
            let p = &answered.predicted;
            let consumed = if p.flags.syn {
                Consumed::Syn
            } else if p.flags.fin {
                Consumed::Fin
            } else {
                Consumed::Data
            };
            Some(AckSum {
                segment: s.number,
                ack,
                answers: answered.number,
                seq: p.seq,
                data: p.data.len(),
                extra: u32::from(consumed != Consumed::Data),
                consumed,
            })
        })
        .collect()
}
