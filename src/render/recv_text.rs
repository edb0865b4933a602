//! The human-readable output of `stackviz recv`: the setup calls, then per
//! datagram what recvfrom() returned (truncation made visible) and the frame
//! decapsulated outermost first, then the summary.

use std::io::{self, Write};
use std::net::SocketAddr;

use super::{exchange, heading, layers, paint, RenderOptions};
use crate::dissect::fields::escape_text;
use crate::field_id;
use crate::model::{to_hex, Dissection, Layer, LayerKind};
use crate::net::exchange::{Exchange, SocketCall};
use crate::recv::{Ended, RecvSummary, Started};
use crate::session::trace::FrameEvent;
use crate::t;

/// The socket calls as a table (reusing the exchange renderer's layout).
pub(super) fn calls_table(
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
    let out = &mut super::wrap::Wrap::new(out, options.width);
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "stackviz recv: a real UDP receiver on {bound}",
                bound = started.bound
            )
        )
    )?;
    calls_table(started.setup, out, options)?;
    if let Some((note, hint)) = &started.capture_note {
        writeln!(out, "{}", t!("note: {note}", note))?;
        writeln!(out, "{}", t!("hint: {hint}", hint))?;
    }
    writeln!(
        out,
        "{}",
        t!("waiting for datagrams (Ctrl-C ends; --count and --timeout bound the wait)…")
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
    let next = next.map(|n| n.protocol).unwrap_or(t!("the payload"));
    let (header, size, protocol) = (layer.header.length, layer.pdu_length, layer.protocol);
    match layer.layer {
        LayerKind::Link => t!(
            "the network card accepts the frame for its MAC; the host strips the {header}-byte Ethernet header and EtherType hands the rest to {next}",
            header,
            next
        ),
        LayerKind::Network => t!(
            "the destination address is this host's, so the kernel strips the {header}-byte {protocol} header; {field} hands the rest to {next}",
            header,
            protocol,
            // The field that names what comes next, as the header calls it.
            field = [field_id::IPV4_PROTOCOL, field_id::IPV6_NEXT_HEADER]
                .iter()
                .find_map(|id| layer.field(id))
                .map_or("Protocol", |f| f.name),
            next
        ),
        LayerKind::Transport => t!(
            "destination port {port} belongs to the socket bound to {delivered_to}: the kernel strips the 8-byte UDP header and queues the data there",
            port = delivered_to.port(),
            delivered_to
        ),
        LayerKind::Application if copied < layer.pdu_length => t!(
            "the datagram carries {size} bytes; recvfrom() handed the program only {copied}: the buffer was smaller, the rest is discarded",
            size,
            copied
        ),
        LayerKind::Application if size == 1 => t!("recvfrom() hands the program this 1 byte").into(),
        LayerKind::Application => t!("recvfrom() hands the program these {size} bytes", size),
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
    let headline = t!(
        "Up {number} of {total} · {layer} layer · {protocol} ({size}): {what}",
        number = i + 1,
        total = dissection.layers.len(),
        layer = layer.layer.title(),
        protocol = layer.protocol,
        size = super::words::bytes(layer.pdu_length),
        what = strip_sentence(layer, dissection.layers.get(i + 1), delivered_to, copied)
    );
    writeln!(
        out,
        "{}",
        paint(options, layer.layer, &heading(options, &headline))
    )?;
    layers::fields_table_same_origin(layer, out, options)?;
    for check in &layer.checks {
        writeln!(out, "  {}", super::check_line(layer, check))?;
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
            "{}",
            t!(
                "malformed: {protocol} at offset {offset}: {message}",
                protocol = m.protocol,
                offset = m.offset,
                message = m.message
            )
        )?;
    }
    Ok(())
}

/// One received datagram of the trace, drawn as it arrives; any other kind
/// of event draws nothing here.
pub fn datagram(
    event: &FrameEvent<'_>,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let Some((number, delivered)) = event.received() else {
        return Ok(());
    };
    let out = &mut super::wrap::Wrap::new(out, options.width);
    let d = delivered.datagram;
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "Datagram {number}: {size} from {from} to port {port}",
                number,
                size = super::words::bytes(d.length),
                from = d.from,
                port = delivered.to.port()
            )
        )
    )?;
    calls_table(&d.calls, out, options)?;
    if d.truncated {
        let line = t!(
            "TRUNCATED: the datagram had {size} bytes, the buffer holds {buffer}: the program got \"{data}\", and {lost} bytes are lost: \"{lost_text}\" (hex {lost_hex})",
            size = d.length,
            buffer = d.buffer,
            data = escape_text(&d.data),
            lost = d.lost.len(),
            lost_text = escape_text(&d.lost),
            lost_hex = to_hex(&d.lost)
        );
        writeln!(out, "{}", heading(options, &line))?;
        writeln!(
            out,
            "{}",
            t!("UDP keeps datagram boundaries: the rest is not kept for the next recvfrom(), it is discarded.")
        )?;
    } else {
        writeln!(
            out,
            "{}",
            t!(
                "data: \"{data}\" ({size}, hex {hex})",
                data = escape_text(&d.data),
                size = super::words::bytes(d.data.len()),
                hex = to_hex(&d.data)
            )
        )?;
    }
    match event.captured {
        Some(frame) => {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                heading(
                    options,
                    t!("Decapsulation on this host, outermost first (the order headers are stripped)")
                )
            )?;
            writeln!(
                out,
                "{}",
                t!("every value below was observed: the frame as captured with pnet")
            )?;
            decapsulation(&frame.dissection, delivered.to, d.data.len(), out, options)?;
        }
        None => writeln!(
            out,
            "{}",
            t!("(no frame: capture is off or did not see it)")
        )?,
    }
    writeln!(out)
}

/// The closing line, wrapped at the table width like every other sentence.
pub fn summary(
    summary: &RecvSummary,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let why = match summary.ended {
        Ended::Count => t!("--count reached"),
        Ended::Timeout => t!("--timeout reached"),
        Ended::Interrupted => t!("interrupted (Ctrl-C)"),
    };
    let (count, bytes, truncated, bound) = (
        summary.datagrams,
        super::words::bytes(summary.bytes),
        summary.truncated,
        summary.bound,
    );
    let seconds = format!("{:.1}", summary.seconds);
    let line = if count == 1 {
        t!(
            "summary: 1 datagram ({bytes}, {truncated} truncated) on {bound} in {seconds} s; ended: {why}",
            bytes,
            truncated,
            bound,
            seconds,
            why
        )
    } else {
        t!(
            "summary: {count} datagrams ({bytes}, {truncated} truncated) on {bound} in {seconds} s; ended: {why}",
            count,
            bytes,
            truncated,
            bound,
            seconds,
            why
        )
    };
    writeln!(
        out,
        "{}",
        super::wrap::wrap_line(&line, usize::from(options.width))
    )?;
    // Never silently missing: what the wire brought and the socket dropped.
    let dropped = summary.dropped_before_recvfrom;
    if dropped > 0 {
        let note = if dropped == 1 {
            t!("1 more datagram reached this host (the capture saw it) but recvfrom() never returned it: a later one from the same sender came first, so the kernel dropped it (the socket's receive queue was full)").to_string()
        } else {
            t!(
                "at least {count} more datagrams reached this host (the capture saw them) but recvfrom() never returned them: later ones from the same senders came first, so the kernel dropped them (the socket's receive queue was full)",
                count = dropped
            )
        };
        writeln!(
            out,
            "{}",
            super::wrap::wrap_line(&t!("note: {note}", note), usize::from(options.width))
        )?;
    }
    Ok(())
}
