//! `--format json`: one document per run (`send`), one line per event
//! (`recv`, `decode`). The documents are this module's own serde types,
//! built from the model at this edge, so the schema (docs/json.md) is
//! written here and nowhere else: the model, net and recv types carry no
//! serde attributes, and renaming one of them changes no key.

mod brief;
mod fast;
pub mod flow;
mod frame;
mod lines;
pub mod loss;
pub mod recv_tcp;
mod send;
pub mod tcp;
mod tcp_parts;
mod tcp_segment;
pub mod transports;

use std::io::{self, Write};

use serde::Serialize;

use crate::send::SendReport;

/// Bumped on any incompatible change; documented in docs/json.md.
pub const SCHEMA: &str = "stackviz.send/1";

/// Schema of `stackviz recv --format json` (JSON Lines).
pub const RECV_SCHEMA: &str = "stackviz.recv/1";

/// Schema of `stackviz decode --format json` (JSON Lines, one frame a line).
pub const DECODE_SCHEMA: &str = "stackviz.decode/1";

/// Schema of `send --compare-families --format json`.
pub const FAMILIES_SCHEMA: &str = "stackviz.families/1";

/// A document pretty-printed, then a newline.
fn pretty(doc: &impl Serialize, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    writeln!(out)
}

/// A document on one line (JSON Lines).
fn line(doc: &impl Serialize, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, doc)?;
    writeln!(out)
}

pub fn render_send(report: &SendReport, out: &mut impl Write) -> io::Result<()> {
    let steps = report.dissection.encapsulation_steps();
    pretty(&send::SendDoc::new(SCHEMA, report, &steps), out)
}

/// The first line of `recv`: the socket is bound and waiting (senders may
/// start now).
pub fn render_recv_started(
    started: &crate::recv::Started<'_>,
    out: &mut impl Write,
) -> io::Result<()> {
    line(&lines::StartedDoc::new(RECV_SCHEMA, started), out)
}

/// One line per received datagram of the trace, written as it arrives; any
/// other kind of event writes nothing.
pub fn render_recv_datagram(
    event: &crate::session::trace::FrameEvent<'_>,
    out: &mut impl Write,
) -> io::Result<()> {
    match lines::ReceivedDoc::new(RECV_SCHEMA, event) {
        Some(doc) => line(&doc, out),
        None => Ok(()),
    }
}

/// The last line: the summary.
pub fn render_recv_summary(
    summary: &crate::recv::RecvSummary,
    out: &mut impl Write,
) -> io::Result<()> {
    line(&lines::SummaryDoc::new(RECV_SCHEMA, summary), out)
}

/// `recv --summary`: one short line per datagram, or where the kernel
/// dropped some.
pub fn render_recv_brief(
    event: &crate::recv_summary::SummaryEvent<'_>,
    out: &mut impl Write,
) -> io::Result<()> {
    line(&brief::SummaryEventDoc::new(RECV_SCHEMA, event), out)
}

/// Full detail: what queued up or was dropped while a datagram was drawn.
pub fn render_recv_backlog(backlog: &crate::recv::Backlog, out: &mut impl Write) -> io::Result<()> {
    line(&brief::BacklogDoc::new(RECV_SCHEMA, backlog), out)
}

/// One compact line per frame, by the hand-written writer (`fast`): the
/// bytes `render_decoded_reference` writes, several times faster. Into a
/// `Vec` so the frame's text goes straight into the buffer the frame is
/// handed on in.
pub fn render_decoded(
    event: &crate::session::trace::FrameEvent<'_>,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    // Any other kind of event writes nothing.
    match lines::DecodedDoc::new(DECODE_SCHEMA, event) {
        Some(doc) => fast::decoded(&doc, out),
        None => Ok(()),
    }
}

/// The same line written by serde_json from the same document: the
/// reference the fast writer is tested against
/// (tests/jsonfast_same_output.rs) and nothing else uses.
pub fn render_decoded_reference(
    event: &crate::session::trace::FrameEvent<'_>,
    out: &mut impl Write,
) -> io::Result<()> {
    match lines::DecodedDoc::new(DECODE_SCHEMA, event) {
        Some(doc) => line(&doc, out),
        None => Ok(()),
    }
}

/// `stackviz layers --format json`: the five-layer model as a plain array
/// (no schema version yet, see docs/json.md).
pub fn render_layers(rows: &[crate::teaching::LayerRow], out: &mut impl Write) -> io::Result<()> {
    pretty(&frame::Each::<_, lines::LayerRowDoc>::new(rows), out)
}

#[derive(Serialize)]
struct FamiliesDocument {
    schema: &'static str,
    ipv4: serde_json::Value,
    ipv6: serde_json::Value,
}

/// Both send documents, under `ipv4` and `ipv6`.
pub fn render_families(v4: &SendReport, v6: &SendReport, out: &mut impl Write) -> io::Result<()> {
    // Through serde_json::Value, as since the first release: its maps keep
    // keys in sorted order, which this schema's readers have always seen.
    let mut a = Vec::new();
    let mut b = Vec::new();
    render_send(v4, &mut a)?;
    render_send(v6, &mut b)?;
    let doc = FamiliesDocument {
        schema: FAMILIES_SCHEMA,
        ipv4: serde_json::from_slice(&a).map_err(io::Error::other)?,
        ipv6: serde_json::from_slice(&b).map_err(io::Error::other)?,
    };
    pretty(&doc, out)
}
