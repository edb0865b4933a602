//! The human-readable output of `stackviz recv`: the setup calls, then per
//! datagram what recvfrom() returned (truncation made visible) and the frame
//! decapsulated outermost first, then the summary.

use std::io::{self, Write};
use std::net::SocketAddr;

use super::{exchange, heading, layers, paint, RenderOptions};
use crate::dissect::fields::escape_text;
use crate::model::{to_hex, Dissection, Layer, LayerKind};
use crate::net::exchange::{Exchange, SocketCall};
use crate::recv::{DatagramReport, Ended, RecvSummary, Started};

/// The socket calls as a table (reusing the exchange renderer's layout).
fn calls_table(
    calls: &[SocketCall],
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let view = Exchange {
        calls: calls.to_vec(),
        source: SocketAddr::from(([0, 0, 0, 0], 0)),
        source_learned_from: String::new(),
        destination: SocketAddr::from(([0, 0, 0, 0], 0)),
        bytes_sent: 0,
        received: None,
        pmtu_discovery_do: false,
    };
    exchange::render(&view, out, options)
}

pub fn start(
    started: &Started<'_>,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        heading(
            options,
            &format!("stackviz recv: a real UDP receiver on {}", started.bound)
        )
    )?;
    calls_table(started.setup, out, options)?;
    if let Some((note, hint)) = &started.capture_note {
        writeln!(out, "note: {note}")?;
        writeln!(out, "hint: {hint}")?;
    }
    writeln!(
        out,
        "waiting for datagrams (Ctrl-C ends; --count and --timeout bound the wait)…"
    )?;
    writeln!(out)
}

/// What the receiving host does at one layer, in a sentence.
fn strip_sentence(
    layer: &Layer,
    next: Option<&Layer>,
    delivered_to: SocketAddr,
    copied: usize,
) -> String {
    let next_name = next.map(|n| n.protocol).unwrap_or("the payload");
    match layer.layer {
        LayerKind::Link => format!(
            "the network card accepts the frame for its MAC; the host strips the {}-byte Ethernet header and EtherType hands the rest to {next_name}",
            layer.header.length
        ),
        LayerKind::Network => format!(
            "the destination address is this host's, so the kernel strips the {}-byte IPv4 header; Protocol hands the rest to {next_name}",
            layer.header.length
        ),
        LayerKind::Transport => format!(
            "destination port {} belongs to the socket bound to {delivered_to}: the kernel strips the 8-byte UDP header and queues the data there",
            delivered_to.port()
        ),
        LayerKind::Application if copied < layer.pdu_length => format!(
            "the datagram carries {} bytes; recvfrom() handed the program only {copied}: the buffer was smaller, the rest is discarded",
            layer.pdu_length
        ),
        LayerKind::Application => format!("recvfrom() hands the program these {} bytes", layer.pdu_length),
        LayerKind::Physical => String::new(),
    }
}

/// One layer of the walk up the receiver's stack: what the host does there,
/// the layer's fields and its checks. Shared with `send --step`.
pub fn decapsulation_step(
    dissection: &Dissection,
    i: usize,
    delivered_to: SocketAddr,
    copied: usize,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let Some(layer) = dissection.layers.get(i) else {
        return Ok(());
    };
    let headline = format!(
        "Up {} of {} · {} layer · {} ({} bytes): {}",
        i + 1,
        dissection.layers.len(),
        layer.layer.title(),
        layer.protocol,
        layer.pdu_length,
        strip_sentence(layer, dissection.layers.get(i + 1), delivered_to, copied)
    );
    writeln!(
        out,
        "{}",
        paint(options, layer.layer, &heading(options, &headline))
    )?;
    layers::fields_table_same_origin(layer, out, options)?;
    for check in &layer.checks {
        writeln!(
            out,
            "  {} {}: {}",
            layer.protocol,
            check.field,
            check.verdict.describe(4)
        )?;
    }
    Ok(())
}

/// A captured frame taken apart the way a receiving host does it.
pub fn decapsulation(
    dissection: &Dissection,
    delivered_to: SocketAddr,
    copied: usize,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    for i in 0..dissection.layers.len() {
        decapsulation_step(dissection, i, delivered_to, copied, out, options)?;
    }
    if let Some(m) = &dissection.malformed {
        writeln!(
            out,
            "malformed: {} at offset {}: {}",
            m.protocol, m.offset, m.message
        )?;
    }
    Ok(())
}

pub fn datagram(
    report: &DatagramReport,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let d = &report.datagram;
    writeln!(
        out,
        "{}",
        heading(
            options,
            &format!(
                "Datagram {}: {} bytes from {} to port {}",
                report.number,
                d.length,
                d.from,
                report.delivered_to.port()
            )
        )
    )?;
    calls_table(&d.calls, out, options)?;
    if d.truncated {
        let line = format!(
            "TRUNCATED: the datagram had {} bytes, the buffer holds {}: the program got \"{}\", and {} bytes are lost: \"{}\" (hex {})",
            d.length,
            d.buffer,
            escape_text(&d.data),
            d.lost.len(),
            escape_text(&d.lost),
            to_hex(&d.lost)
        );
        writeln!(out, "{}", heading(options, &line))?;
        writeln!(out, "UDP keeps datagram boundaries: the rest is not kept for the next recvfrom(), it is discarded.")?;
    } else {
        writeln!(
            out,
            "data: \"{}\" ({} bytes, hex {})",
            escape_text(&d.data),
            d.data.len(),
            to_hex(&d.data)
        )?;
    }
    match &report.frame {
        Some(frame) => {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                heading(
                    options,
                    "Decapsulation on this host, outermost first (the order headers are stripped)"
                )
            )?;
            writeln!(
                out,
                "every value below was observed: the frame as captured with pnet"
            )?;
            decapsulation(
                &frame.dissection,
                report.delivered_to,
                d.data.len(),
                out,
                options,
            )?;
        }
        None => writeln!(out, "(no frame: capture is off or did not see it)")?,
    }
    writeln!(out)
}

pub fn summary(summary: &RecvSummary, out: &mut impl Write) -> io::Result<()> {
    let why = match summary.ended {
        Ended::Count => "--count reached",
        Ended::Timeout => "--timeout reached",
        Ended::Interrupted => "interrupted (Ctrl-C)",
    };
    writeln!(
        out,
        "summary: {} datagram{} ({} bytes, {} truncated) on {} in {:.1} s; ended: {why}",
        summary.datagrams,
        if summary.datagrams == 1 { "" } else { "s" },
        summary.bytes,
        summary.truncated,
        summary.bound,
        summary.seconds
    )
}
