//! `--format json`: one document per run, with its own serde types so the
//! schema (docs/json.md) stays stable whatever the internals do.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{to_hex, Layer, Malformed, Step};
use crate::net::exchange::Exchange;
use crate::send::SendReport;

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
    notes: &'a [String],
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
        notes: &report.notes,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
