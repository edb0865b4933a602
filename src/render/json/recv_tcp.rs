//! The JSON Lines of `stackviz recv --tcp --format json` (schema
//! `stackviz.recv-tcp/1`, docs/json.md): a `started` line, one
//! `connection` line per connection as it ends, a `summary` line.

use std::io::{self, Write};
use std::net::SocketAddr;

use serde::Serialize;

use super::frame::{Each, LayerDoc};
use super::line;
use crate::model::to_hex;
use crate::net::tcp_exchange::TcpCall;
use crate::recv::Ended;
use crate::recv_tcp::{
    options_text, Connection, ConnectionEnd, SegmentRow, TcpRecvSummary, TcpStarted,
};

/// Bumped on any incompatible change; documented in docs/json.md.
pub const SCHEMA: &str = "stackviz.recv-tcp/1";

/// One socket call with the state it left.
#[derive(Serialize)]
struct CallDoc<'a> {
    call: &'a str,
    result: &'a str,
    note: &'a str,
    /// Since the listener's socket() (setup) or accept() (a connection).
    ms: f64,
    state: Option<String>,
}

impl<'a> From<&'a TcpCall> for CallDoc<'a> {
    fn from(c: &'a TcpCall) -> Self {
        CallDoc {
            call: &c.call,
            result: &c.result,
            note: &c.note,
            ms: (c.returned.as_secs_f64() * 1e6).round() / 1e3,
            state: c.state.map(|s| s.name()),
        }
    }
}

#[derive(Serialize)]
struct StartedDoc<'a> {
    schema: &'static str,
    kind: &'static str,
    bound: SocketAddr,
    setup: Each<'a, TcpCall, CallDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    capture_note: Option<&'a str>,
}

/// The client's SYN as TCP_SAVED_SYN returned it.
#[derive(Serialize)]
struct SynDoc<'a> {
    bytes: String,
    isn: u32,
    window: u16,
    options: String,
    tsval: Option<u32>,
    layers: Each<'a, crate::model::Layer, LayerDoc<'a>>,
}

#[derive(Serialize)]
struct SegmentDoc {
    from: &'static str,
    flags: String,
    seq: u32,
    ack: Option<u32>,
    len: usize,
    window: u16,
    window_scale: Option<u8>,
    ip_length: usize,
}

impl From<&SegmentRow> for SegmentDoc {
    fn from(r: &SegmentRow) -> Self {
        SegmentDoc {
            from: if r.from_client { "client" } else { "server" },
            flags: r.flags.names(),
            seq: r.seq,
            ack: r.ack,
            len: r.len,
            window: r.window,
            window_scale: r.window_scale,
            ip_length: r.ip_length,
        }
    }
}

#[derive(Serialize)]
struct ConnectionDoc<'a> {
    schema: &'static str,
    kind: &'static str,
    number: usize,
    peer: SocketAddr,
    local: SocketAddr,
    syn: Option<SynDoc<'a>>,
    calls: Each<'a, TcpCall, CallDoc<'a>>,
    reads: &'a [usize],
    data: String,
    bytes: usize,
    end: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    segments: Option<Each<'a, SegmentRow, SegmentDoc>>,
}

#[derive(Serialize)]
struct SummaryDoc<'a> {
    schema: &'static str,
    kind: &'static str,
    bound: SocketAddr,
    connections: usize,
    bytes: usize,
    ended: &'static str,
    seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    capture_note: Option<&'a str>,
}

pub fn started(started: &TcpStarted<'_>, out: &mut impl Write) -> io::Result<()> {
    line(
        &StartedDoc {
            schema: SCHEMA,
            kind: "started",
            bound: started.bound,
            setup: Each::new(started.setup),
            capture_note: started.capture_note.as_ref().map(|(n, _)| n.as_str()),
        },
        out,
    )
}

pub fn connection(c: &Connection, out: &mut impl Write) -> io::Result<()> {
    let syn = match (&c.syn, &c.syn_bytes, &c.syn_dissection) {
        (Some(syn), Some(bytes), Some(dissection)) => Some(SynDoc {
            bytes: to_hex(bytes),
            isn: syn.isn,
            window: syn.window,
            options: options_text(&syn.options),
            tsval: syn.tsval,
            layers: Each::new(&dissection.layers),
        }),
        _ => None,
    };
    line(
        &ConnectionDoc {
            schema: SCHEMA,
            kind: "connection",
            number: c.number,
            peer: c.peer,
            local: c.local,
            syn,
            calls: Each::new(&c.calls),
            reads: &c.reads,
            data: to_hex(&c.data),
            bytes: c.bytes,
            end: match c.end {
                ConnectionEnd::PeerClosed => "peer_closed",
                ConnectionEnd::Failed => "failed",
                ConnectionEnd::Stopped => "stopped",
            },
            segments: c.segments.as_deref().map(Each::new),
        },
        out,
    )
}

pub fn summary(s: &TcpRecvSummary, out: &mut impl Write) -> io::Result<()> {
    line(
        &SummaryDoc {
            schema: SCHEMA,
            kind: "summary",
            bound: s.bound,
            connections: s.connections,
            bytes: s.bytes,
            ended: match s.ended {
                Ended::Count => "count",
                Ended::Timeout => "timeout",
                Ended::Interrupted => "interrupted",
            },
            seconds: s.seconds,
            capture_note: s.capture_note.as_deref(),
        },
        out,
    )
}
