//! `send --tcp --format json` (schema `stackviz.tcp/1`): the trace of one
//! connection as data: the ends, how it ended, the sysctls and the saved
//! SYN it was predicted from, every socket call with the state and TCP_INFO
//! after it, every segment (predicted, built, captured, compared), the
//! order they happened in, and what the capture saw. Built from the TCP
//! report at this edge; the report's types know nothing of JSON.

use std::io::{self, Write};
use std::net::SocketAddr;

use serde::Serialize;

use super::frame::CapturedDoc;
use super::tcp_parts::{peer_name, SynDoc, SysctlsDoc, TableEntryDoc, TcpInfoDoc};
use super::tcp_segment::SegmentDoc;
use crate::model::to_hex;
use crate::net::tcp_exchange::{TcpCall, TcpOutcome};
use crate::send::CaptureOutcome;
use crate::t;
use crate::tcp::ladder::{steps, Step};
use crate::tcp::TcpReport;

/// Bumped on any incompatible change; documented in docs/json.md.
pub const TCP_SCHEMA: &str = "stackviz.tcp/1";

pub fn render(report: &TcpReport, out: &mut impl Write) -> io::Result<()> {
    let notes = notes(report);
    super::pretty(&TcpDoc::new(report, &notes), out)
}

/// The report's notes, and why numbers are null when they are.
fn notes(report: &TcpReport) -> Vec<String> {
    let mut notes = report.notes.clone();
    if !report.segments.is_empty() && !report.ends.server_isn.is_known() {
        notes.push(t!("without a capture the server's ISN is unknown: the absolute sequence and acknowledgment numbers that depend on it are null, and the built frames carry 0 in their place with origin \"unknown\"").to_string());
    }
    notes
}

#[derive(Serialize)]
struct TcpDoc<'a> {
    schema: &'static str,
    command: &'static str,
    client: SocketAddr,
    server: SocketAddr,
    interface: Option<&'a str>,
    mtu: Option<usize>,
    outcome: OutcomeDoc<'a>,
    client_isn: Option<u32>,
    server_isn: Option<u32>,
    sysctls: SysctlsDoc<'a>,
    syn: Option<SynDoc>,
    calls: Vec<CallDoc<'a>>,
    segments: Vec<SegmentDoc<'a>>,
    timeline: Vec<StepDoc>,
    acks: Vec<AckDoc>,
    received: String,
    server_reads: &'a [usize],
    capture: CaptureDoc<'a>,
    client_after_close: Option<TableEntryDoc>,
    notes: &'a [String],
}

impl<'a> TcpDoc<'a> {
    fn new(report: &'a TcpReport, notes: &'a [String]) -> Self {
        let ex = &report.exchange;
        let isn = |k: crate::tcp::predict::Known<u32>| k.is_known().then(|| k.value());
        TcpDoc {
            schema: TCP_SCHEMA,
            command: "send",
            client: ex.client,
            server: ex.server,
            interface: report.interface.as_deref(),
            mtu: report.mtu,
            outcome: (&ex.outcome).into(),
            client_isn: isn(report.ends.client_isn),
            server_isn: isn(report.ends.server_isn),
            sysctls: (&ex.sysctls).into(),
            syn: report.syn.as_ref().map(SynDoc::from),
            calls: ex.calls.iter().map(CallDoc::from).collect(),
            segments: report
                .segments
                .iter()
                .map(|s| SegmentDoc::new(s, &report.ends))
                .collect(),
            timeline: steps(report)
                .into_iter()
                .map(|step| match step {
                    Step::Call(i) => StepDoc::Call(i),
                    Step::Segment(k) => StepDoc::Segment(report.segments[k].number),
                })
                .collect(),
            acks: crate::tcp::acks::sums(&report.segments)
                .iter()
                .map(AckDoc::from)
                .collect(),
            received: to_hex(&ex.received),
            server_reads: &ex.server_reads,
            capture: CaptureDoc::new(report),
            client_after_close: ex.client_after_close.as_ref().map(TableEntryDoc::from),
            notes,
        }
    }
}

/// `{"status": ...}`: how the client's calls said the connection ended.
#[derive(Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum OutcomeDoc<'a> {
    Completed,
    Refused { error: &'a str, errno: Option<i32> },
    TimedOut { waited_ms: u64 },
}

impl<'a> From<&'a TcpOutcome> for OutcomeDoc<'a> {
    fn from(outcome: &'a TcpOutcome) -> Self {
        match outcome {
            TcpOutcome::Completed => OutcomeDoc::Completed,
            TcpOutcome::Refused { error, errno } => OutcomeDoc::Refused {
                error,
                errno: *errno,
            },
            TcpOutcome::TimedOut { waited } => OutcomeDoc::TimedOut {
                waited_ms: u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
            },
        }
    }
}

/// One socket call with the state and TCP_INFO right after it.
#[derive(Serialize)]
struct CallDoc<'a> {
    peer: &'static str,
    call: &'a str,
    result: &'a str,
    note: &'a str,
    started_us: u64,
    returned_us: u64,
    state: Option<String>,
    tcp_info: Option<TcpInfoDoc>,
    tcp_timestamp: Option<u32>,
}

fn micros(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

impl<'a> From<&'a TcpCall> for CallDoc<'a> {
    fn from(call: &'a TcpCall) -> Self {
        CallDoc {
            peer: peer_name(call.peer),
            call: &call.call,
            result: &call.result,
            note: &call.note,
            started_us: micros(call.started),
            returned_us: micros(call.returned),
            state: call.state.map(|s| s.name()),
            tcp_info: call.info.as_ref().map(TcpInfoDoc::from),
            tcp_timestamp: call.timestamp,
        }
    }
}

/// `{"call": i}` (index into `calls`) or `{"segment": n}` (its number).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum StepDoc {
    Call(usize),
    Segment(usize),
}

/// `{"status": ...}`: whether the real segments were captured.
#[derive(Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum CaptureDoc<'a> {
    Off,
    Unavailable { reason: &'a str, hint: &'a str },
    Caught(CaughtDoc<'a>),
}

/// A capture ran: how much of the connection it saw.
#[derive(Serialize)]
struct CaughtDoc<'a> {
    interface: &'a str,
    caught: usize,
    missed: usize,
    unexpected: usize,
    duplicates_dropped: usize,
    unpredicted: Vec<CapturedDoc<'a>>,
}

impl<'a> CaptureDoc<'a> {
    fn new(report: &'a TcpReport) -> Self {
        match &report.capture {
            CaptureOutcome::Off => CaptureDoc::Off,
            CaptureOutcome::Unavailable { reason, hint } => {
                CaptureDoc::Unavailable { reason, hint }
            }
            CaptureOutcome::Caught(c) => CaptureDoc::Caught(CaughtDoc {
                interface: &c.interface,
                caught: report
                    .segments
                    .iter()
                    .filter(|s| s.captured.is_some())
                    .count(),
                missed: report.missed(),
                unexpected: report.unexpected_differences(),
                duplicates_dropped: c.duplicates,
                unpredicted: report
                    .caught
                    .iter()
                    .flat_map(|t| &t.unpredicted)
                    .map(CapturedDoc::from)
                    .collect(),
            }),
        }
    }
}

/// `{segment, ack, answers, seq, data, extra, consumed}`: where one
/// acknowledgment number comes from (`tcp::acks`).
#[derive(Serialize)]
struct AckDoc {
    segment: usize,
    ack: u32,
    answers: usize,
    seq: u32,
    data: usize,
    extra: u32,
    consumed: &'static str,
}

impl From<&crate::tcp::acks::AckSum> for AckDoc {
    fn from(sum: &crate::tcp::acks::AckSum) -> Self {
        use crate::tcp::acks::Consumed;
        AckDoc {
            segment: sum.segment,
            ack: sum.ack,
            answers: sum.answers,
            seq: sum.seq,
            data: sum.data,
            extra: sum.extra,
            consumed: match sum.consumed {
                Consumed::Syn => "syn",
                Consumed::Fin => "fin",
                Consumed::Data => "data",
            },
        }
    }
}
