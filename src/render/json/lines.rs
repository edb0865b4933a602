//! The JSON Lines of `stackviz recv` (`stackviz.recv/1`) and `stackviz
//! decode` (`stackviz.decode/1`), and the rows of `stackviz layers`: one
//! document each, built from the command's data at the edge.

use std::net::SocketAddr;

use serde::Serialize;

use super::frame::{layer_name, CapturedDoc, CutShortDoc, Each, Hex, Layers, MalformedDoc};
use super::send::Calls;
use crate::decode::Link;
use crate::model::to_hex;
use crate::net::receiver::Datagram;
use crate::recv::{Ended, RecvSummary, Started};
use crate::session::trace::FrameEvent;
use crate::teaching::LayerRow;

/// The first line: the socket is bound.
#[derive(Serialize)]
pub(super) struct StartedDoc<'a> {
    schema: &'static str,
    kind: &'static str,
    bound: SocketAddr,
    setup: Calls<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    capture_note: Option<&'a str>,
}

impl<'a> StartedDoc<'a> {
    pub(super) fn new(schema: &'static str, started: &'a Started<'_>) -> Self {
        StartedDoc {
            schema,
            kind: "started",
            bound: started.bound,
            setup: Each::new(started.setup),
            capture_note: started.capture_note.as_ref().map(|(note, _)| note.as_str()),
        }
    }
}

/// What recvfrom() gave the program.
#[derive(Serialize)]
struct DatagramDoc<'a> {
    calls: Calls<'a>,
    data: String,
    length: usize,
    lost: String,
    buffer: usize,
    from: SocketAddr,
    truncated: bool,
}

impl<'a> From<&'a Datagram> for DatagramDoc<'a> {
    fn from(datagram: &'a Datagram) -> Self {
        DatagramDoc {
            calls: Each::new(&datagram.calls),
            data: to_hex(&datagram.data),
            length: datagram.length,
            lost: to_hex(&datagram.lost),
            buffer: datagram.buffer,
            from: datagram.from,
            truncated: datagram.truncated,
        }
    }
}

/// One line per datagram.
#[derive(Serialize)]
pub(super) struct ReceivedDoc<'a> {
    schema: &'static str,
    kind: &'static str,
    number: usize,
    delivered_to: SocketAddr,
    datagram: DatagramDoc<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frame: Option<CapturedDoc<'a>>,
}

impl<'a> ReceivedDoc<'a> {
    /// `None` for an event that is not a received datagram.
    pub(super) fn new(schema: &'static str, event: &FrameEvent<'a>) -> Option<Self> {
        let (number, delivered) = event.received()?;
        Some(ReceivedDoc {
            schema,
            kind: "datagram",
            number,
            delivered_to: delivered.to,
            datagram: delivered.datagram.into(),
            frame: event.captured.map(CapturedDoc::from),
        })
    }
}

/// The last line.
#[derive(Serialize)]
pub(super) struct SummaryDoc<'a> {
    schema: &'static str,
    kind: &'static str,
    bound: SocketAddr,
    datagrams: usize,
    truncated: usize,
    bytes: usize,
    ended: &'static str,
    seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    capture_note: Option<&'a str>,
    /// Only when the capture saw datagrams recvfrom() never returned.
    #[serde(skip_serializing_if = "Option::is_none")]
    dropped_before_recvfrom: Option<usize>,
    /// The kernel's count (SO_MEMINFO / SO_RXQ_OVFL), when it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    dropped_by_kernel: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    receive_buffer: Option<usize>,
    /// Only with `--summary` (and two datagrams or more).
    #[serde(skip_serializing_if = "Option::is_none")]
    datagrams_per_second: Option<f64>,
    /// Only when datagrams were still queued at the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    unread_at_end: Option<usize>,
}

impl<'a> SummaryDoc<'a> {
    pub(super) fn new(schema: &'static str, summary: &'a RecvSummary) -> Self {
        SummaryDoc {
            schema,
            kind: "summary",
            bound: summary.bound,
            datagrams: summary.datagrams,
            truncated: summary.truncated,
            bytes: summary.bytes,
            ended: match summary.ended {
                Ended::Count => "count",
                Ended::Timeout => "timeout",
                Ended::Interrupted => "interrupted",
            },
            seconds: summary.seconds,
            capture_note: summary.capture_note.as_deref(),
            dropped_before_recvfrom: (summary.dropped_before_recvfrom > 0)
                .then_some(summary.dropped_before_recvfrom),
            dropped_by_kernel: summary.dropped_by_kernel,
            receive_buffer: summary.receive_buffer,
            datagrams_per_second: summary.datagrams_per_second,
            unread_at_end: (summary.unread_at_end > 0).then_some(summary.unread_at_end),
        }
    }
}

/// How the frame's bytes begin: `"ethernet"`, `"raw-ip"`, `"linux-sll"`,
/// or `{"other": N}` for a pcap link type stackviz does not dissect.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum LinkDoc {
    Ethernet,
    RawIp,
    LinuxSll,
    Other(u32),
}

impl From<Link> for LinkDoc {
    fn from(link: Link) -> Self {
        match link {
            Link::Ethernet => LinkDoc::Ethernet,
            Link::RawIp => LinkDoc::RawIp,
            Link::LinuxSll => LinkDoc::LinuxSll,
            Link::Other(n) => LinkDoc::Other(n),
        }
    }
}

/// One decoded frame.
#[derive(Serialize)]
pub(super) struct DecodedDoc<'a> {
    pub(super) schema: &'static str,
    pub(super) number: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) timestamp: Option<f64>,
    pub(super) link: LinkDoc,
    pub(super) frame: Hex<'a>,
    pub(super) frame_length: usize,
    pub(super) original_length: usize,
    pub(super) layers: Layers<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) malformed: Option<MalformedDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cut_short: Option<CutShortDoc<'a>>,
}

impl<'a> DecodedDoc<'a> {
    /// `None` for an event that is not a decoded frame.
    pub(super) fn new(schema: &'static str, event: &FrameEvent<'a>) -> Option<Self> {
        let f = event.decoded()?;
        let dissection = f.read.dissection;
        Some(DecodedDoc {
            schema,
            number: f.number,
            timestamp: f.at.map(|t| t.as_secs_f64()),
            link: f.link.into(),
            frame: Hex(f.read.bytes),
            frame_length: f.read.bytes.len(),
            original_length: f.original_length,
            layers: Each::new(&dissection.layers),
            malformed: dissection.malformed.as_ref().map(MalformedDoc::from),
            cut_short: dissection.cut_short.as_ref().map(CutShortDoc::from),
        })
    }
}

/// One row of the five-layer model (`stackviz layers --format json`).
#[derive(Serialize)]
pub(super) struct LayerRowDoc<'a> {
    layer: &'static str,
    does: &'a str,
    pdu: &'a str,
    header: &'a str,
    address: &'a str,
    lives_in: &'a str,
    shown_by: &'a str,
    osi: &'a [&'a str],
}

impl<'a> From<&'a LayerRow> for LayerRowDoc<'a> {
    fn from(row: &'a LayerRow) -> Self {
        LayerRowDoc {
            layer: layer_name(row.layer),
            does: row.does,
            pdu: row.pdu,
            header: row.header,
            address: row.address,
            lives_in: row.lives_in,
            shown_by: row.shown_by,
            osi: &row.osi,
        }
    }
}
