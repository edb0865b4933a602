//! `--format json`: one document per run, with its own serde types so the
//! schema (docs/json.md) stays stable whatever the internals do.

use std::io::{self, Write};

use serde::Serialize;

use crate::capturing::CapturedDissection;
use crate::compare::Comparison;
use crate::model::{to_hex, Layer, Malformed, Step};
use crate::net::exchange::{Delivery, Exchange};
use crate::send::{CaptureOutcome, SendReport};

/// Bumped on any incompatible change; documented in docs/json.md.
pub const SCHEMA: &str = "stackviz.send/1";

#[derive(Serialize)]
struct SendDocument<'a> {
    schema: &'static str,
    command: &'static str,
    interface: Option<&'a str>,
    frame: String,
    frame_length: usize,
    padding: usize,
    layers: &'a [Layer],
    encapsulation: Vec<Step>,
    exchange: &'a Exchange,
    #[serde(skip_serializing_if = "Option::is_none")]
    malformed: Option<&'a Malformed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery: Option<&'a Delivery>,
    capture: CaptureDocument<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fragmentation: Option<FragmentationDocument<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct FragmentationDocument<'a> {
    mtu: usize,
    mtu_origin: &'a crate::model::Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    interface_mtu: Option<usize>,
    fragments: Vec<FragmentDocument<'a>>,
}

#[derive(Serialize)]
struct FragmentDocument<'a> {
    offset: usize,
    length: usize,
    more_fragments: bool,
    frame: String,
    frame_length: usize,
    layers: &'a [Layer],
}

/// A captured frame: its bytes and its layers, outermost first.
#[derive(Serialize)]
struct FrameDocument<'a> {
    frame: String,
    frame_length: usize,
    layers: &'a [Layer],
    #[serde(skip_serializing_if = "Option::is_none")]
    malformed: Option<&'a Malformed>,
}

impl<'a> FrameDocument<'a> {
    fn new(captured: &'a CapturedDissection) -> Self {
        FrameDocument {
            frame: to_hex(&captured.bytes),
            frame_length: captured.bytes.len(),
            layers: &captured.dissection.layers,
            malformed: captured.dissection.malformed.as_ref(),
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum CaptureDocument<'a> {
    Off,
    Unavailable {
        reason: &'a str,
        hint: &'a str,
    },
    Caught {
        interface: &'a str,
        duplicates_dropped: usize,
        datagram: Option<FrameDocument<'a>>,
        comparison: Option<&'a Comparison>,
        #[serde(skip_serializing_if = "Option::is_none")]
        icmp: Option<FrameDocument<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        arp: Vec<FrameDocument<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        fragments: Vec<FrameDocument<'a>>,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        fragment_comparisons: &'a [Comparison],
    },
}

fn capture_document(outcome: &CaptureOutcome) -> CaptureDocument<'_> {
    match outcome {
        CaptureOutcome::Off => CaptureDocument::Off,
        CaptureOutcome::Unavailable { reason, hint } => {
            CaptureDocument::Unavailable { reason, hint }
        }
        CaptureOutcome::Caught(c) => CaptureDocument::Caught {
            interface: &c.interface,
            duplicates_dropped: c.duplicates,
            datagram: c.datagram.as_ref().map(FrameDocument::new),
            comparison: c.comparison.as_ref(),
            icmp: c.icmp.as_ref().map(FrameDocument::new),
            arp: c.arp.iter().map(FrameDocument::new).collect(),
            fragments: c.fragments.iter().map(FrameDocument::new).collect(),
            fragment_comparisons: &c.fragment_comparisons,
        },
    }
}

pub fn render_send(report: &SendReport, out: &mut impl Write) -> io::Result<()> {
    let doc = SendDocument {
        schema: SCHEMA,
        command: "send",
        interface: report.interface.as_deref(),
        frame: to_hex(&report.frame.bytes),
        frame_length: report.frame.bytes.len(),
        padding: report.frame.padding,
        layers: &report.dissection.layers,
        encapsulation: report.dissection.encapsulation_steps(),
        exchange: &report.exchange,
        malformed: report.dissection.malformed.as_ref(),
        delivery: report.delivery.as_ref(),
        capture: capture_document(&report.capture),
        fragmentation: report
            .fragmentation
            .as_ref()
            .map(|f| FragmentationDocument {
                mtu: f.mtu,
                mtu_origin: &f.mtu_origin,
                interface_mtu: f.interface_mtu,
                fragments: f
                    .fragments
                    .iter()
                    .map(|b| FragmentDocument {
                        offset: b.fragment.offset,
                        length: b.fragment.length,
                        more_fragments: b.fragment.more_fragments,
                        frame: to_hex(&b.fragment.bytes),
                        frame_length: b.fragment.bytes.len(),
                        layers: &b.dissection.layers,
                    })
                    .collect(),
            }),
        notes: &report.notes,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Schema of `stackviz recv --format json` (JSON Lines).
pub const RECV_SCHEMA: &str = "stackviz.recv/1";

#[derive(Serialize)]
struct RecvDatagramDocument<'a> {
    schema: &'static str,
    kind: &'static str,
    number: usize,
    delivered_to: std::net::SocketAddr,
    datagram: &'a crate::net::receiver::Datagram,
    #[serde(skip_serializing_if = "Option::is_none")]
    frame: Option<FrameDocument<'a>>,
}

/// One line per datagram.
pub fn render_recv_datagram(
    report: &crate::recv::DatagramReport,
    out: &mut impl Write,
) -> io::Result<()> {
    let doc = RecvDatagramDocument {
        schema: RECV_SCHEMA,
        kind: "datagram",
        number: report.number,
        delivered_to: report.delivered_to,
        datagram: &report.datagram,
        frame: report.frame.as_ref().map(FrameDocument::new),
    };
    serde_json::to_writer(&mut *out, &doc)?;
    writeln!(out)
}

#[derive(Serialize)]
struct RecvSummaryDocument<'a> {
    schema: &'static str,
    kind: &'static str,
    #[serde(flatten)]
    summary: &'a crate::recv::RecvSummary,
}

/// The last line: the summary.
pub fn render_recv_summary(
    summary: &crate::recv::RecvSummary,
    out: &mut impl Write,
) -> io::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &RecvSummaryDocument {
            schema: RECV_SCHEMA,
            kind: "summary",
            summary,
        },
    )?;
    writeln!(out)
}

#[derive(Serialize)]
struct RecvStartedDocument<'a> {
    schema: &'static str,
    kind: &'static str,
    bound: std::net::SocketAddr,
    setup: &'a [crate::net::exchange::SocketCall],
    #[serde(skip_serializing_if = "Option::is_none")]
    capture_note: Option<&'a str>,
}

/// The first line: the socket is bound and waiting (senders may start now).
pub fn render_recv_started(
    started: &crate::recv::Started<'_>,
    out: &mut impl Write,
) -> io::Result<()> {
    let doc = RecvStartedDocument {
        schema: RECV_SCHEMA,
        kind: "started",
        bound: started.bound,
        setup: started.setup,
        capture_note: started.capture_note.as_ref().map(|(note, _)| note.as_str()),
    };
    serde_json::to_writer(&mut *out, &doc)?;
    writeln!(out)
}

/// Schema of `stackviz decode --format json` (JSON Lines, one frame a line).
pub const DECODE_SCHEMA: &str = "stackviz.decode/1";

#[derive(Serialize)]
struct DecodeDocument<'a> {
    schema: &'static str,
    number: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<f64>,
    link: crate::decode::Link,
    frame: String,
    frame_length: usize,
    original_length: usize,
    layers: &'a [Layer],
    #[serde(skip_serializing_if = "Option::is_none")]
    malformed: Option<&'a Malformed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cut_short: Option<&'a crate::model::CutShort>,
}

/// One compact line per frame.
pub fn render_decoded(
    decoded: &crate::decode::DecodedFrame<'_>,
    out: &mut impl Write,
) -> io::Result<()> {
    let doc = DecodeDocument {
        schema: DECODE_SCHEMA,
        number: decoded.raw.number,
        timestamp: decoded.raw.timestamp.map(|t| t.as_secs_f64()),
        link: decoded.raw.link,
        frame: to_hex(decoded.raw.data),
        frame_length: decoded.raw.data.len(),
        original_length: decoded.raw.original_length,
        layers: &decoded.dissection.layers,
        malformed: decoded.dissection.malformed.as_ref(),
        cut_short: decoded.dissection.cut_short.as_ref(),
    };
    serde_json::to_writer(&mut *out, &doc)?;
    writeln!(out)
}

/// Schema of `send --compare-families --format json`.
pub const FAMILIES_SCHEMA: &str = "stackviz.families/1";

#[derive(Serialize)]
struct FamiliesDocument {
    schema: &'static str,
    ipv4: serde_json::Value,
    ipv6: serde_json::Value,
}

/// Both send documents, under `ipv4` and `ipv6`.
pub fn render_families(v4: &SendReport, v6: &SendReport, out: &mut impl Write) -> io::Result<()> {
    let mut a = Vec::new();
    let mut b = Vec::new();
    render_send(v4, &mut a)?;
    render_send(v6, &mut b)?;
    let doc = FamiliesDocument {
        schema: FAMILIES_SCHEMA,
        ipv4: serde_json::from_slice(&a).map_err(io::Error::other)?,
        ipv6: serde_json::from_slice(&b).map_err(io::Error::other)?,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
