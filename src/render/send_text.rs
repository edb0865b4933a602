//! The full human-readable page of `stackviz send`: the exchange, the
//! encapsulation step by step (innermost first), the growing sizes, the hex
//! dump, and the notes.

use std::io::{self, Write};

use super::{compare, exchange, heading, hex, layers, new_table, paint, RenderOptions};
use crate::model::{LayerKind, Step};
use crate::net::exchange::Delivery;
use crate::send::{CaptureOutcome, SendReport};

/// "a" or "an" before a number said in English (an 8, an 11, an 18).
fn article(n: usize) -> &'static str {
    let text = n.to_string();
    if text.starts_with('8')
        || n == 11
        || n == 18
        || (11..=19).contains(&n) && text.starts_with("18")
    {
        "an"
    } else {
        "a"
    }
}

fn step_headline(step: &Step, number: usize, total: usize, header_len: usize) -> String {
    let what = match step.layer {
        LayerKind::Application => format!("the message: {} bytes of data", step.size),
        LayerKind::Physical => format!(
            "adds {} {}-byte preamble and SFD → {} bytes as {} bits",
            article(step.added),
            step.added,
            step.size,
            step.size * 8
        ),
        _ if step.added > header_len => format!(
            "{} adds {} {header_len}-byte header and a {}-byte trailer → {} of {} bytes (overhead {})",
            step.protocol,
            article(header_len),
            step.added - header_len,
            step.pdu.name(),
            step.size,
            step.overhead
        ),
        _ => format!(
            "{} adds {} {}-byte header → {} of {} bytes (overhead {})",
            step.protocol,
            article(step.added),
            step.added,
            step.pdu.name(),
            step.size,
            step.overhead
        ),
    };
    format!(
        "Step {number} of {total} · {} layer · {what}",
        step.layer.title()
    )
}

/// The whole page.
pub fn render(
    report: &SendReport,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    for chunk in chunks(report, options, false)? {
        out.write_all(&chunk)?;
    }
    Ok(())
}

/// The page in the pieces `--step` pauses between: the exchange, each layer
/// down the sender's stack, the sizes, the bytes, (with `receiver_walk`) each
/// layer up the receiver's stack, and the rest.
pub fn chunks(
    report: &SendReport,
    options: &RenderOptions,
    receiver_walk: bool,
) -> io::Result<Vec<Vec<u8>>> {
    let mut chunks = Vec::new();
    let mut buffer = Vec::new();
    let out = &mut buffer;
    let ex = &report.exchange;
    writeln!(
        out,
        "{}",
        heading(
            options,
            &format!(
                "stackviz send: one real UDP datagram, {} → {}, {} bytes of data{}",
                ex.source,
                ex.destination,
                report.spec.payload.len(),
                report
                    .interface
                    .as_ref()
                    .map(|i| format!(", via {i}"))
                    .unwrap_or_default()
            )
        )
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        heading(
            options,
            "1. The exchange: real socket calls, in the order they ran"
        )
    )?;
    exchange::render(ex, out, options)?;
    writeln!(out)?;
    chunks.push(std::mem::take(out));

    writeln!(
        out,
        "{}",
        heading(
            options,
            "2. Encapsulation: down the sender's stack, one layer at a time"
        )
    )?;
    let steps = report.dissection.encapsulation_steps();
    let layers_inner_first: Vec<_> = report.dissection.layers.iter().rev().collect();
    for (i, (step, layer)) in steps.iter().zip(&layers_inner_first).enumerate() {
        writeln!(out)?;
        let headline = step_headline(step, i + 1, steps.len(), layer.header.length);
        writeln!(
            out,
            "{}",
            paint(options, step.layer, &heading(options, &headline))
        )?;
        layers::fields_table(layer, out, options)?;
        if options.rfc && layer.header.length > 0 && layer.layer != LayerKind::Application {
            super::diagram::header(layer, out, options)?;
        }
        for note in &layer.notes {
            writeln!(out, "  note: {note}")?;
        }
        for check in &layer.checks {
            layers::check(check, layer, out, options)?;
        }
        chunks.push(std::mem::take(out));
    }
    writeln!(out)?;
    writeln!(out, "{}", heading(options, "The PDU grows at each step"))?;
    let mut table = new_table(options);
    table.set_header(vec![
        "step", "layer", "protocol", "PDU", "added", "size", "overhead",
    ]);
    for (i, step) in steps.iter().enumerate() {
        table.add_row(vec![
            (i + 1).to_string(),
            step.layer.title().to_string(),
            step.protocol.to_string(),
            step.pdu.name().to_string(),
            format!("+{}", step.added),
            step.size.to_string(),
            step.overhead.to_string(),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        heading(options, "The same, as boxes drawn to scale")
    )?;
    super::diagram::encapsulation(&report.dissection, out, options)?;
    writeln!(out)?;
    chunks.push(std::mem::take(out));

    writeln!(
        out,
        "{}",
        heading(
            options,
            &format!(
                "3. The frame, byte by byte ({} bytes, FCS included)",
                report.frame.bytes.len()
            )
        )
    )?;
    hex::render(&report.frame.bytes, &report.dissection, out, options)?;
    writeln!(out)?;
    chunks.push(std::mem::take(out));
    if receiver_walk {
        receiver_side(report, &mut chunks, options)?;
    }
    fragmentation(report, out, options)?;
    delivery(report, out, options)?;
    capture(report, out, options)?;
    for note in &report.notes {
        writeln!(out, "note: {note}")?;
    }
    writeln!(
        out,
        "note: [observed] values came from the OS during this run; [predicted] ones were computed by stackviz; [protocol] ones are fixed by the standard; [chosen] ones you chose on the command line"
    )?;
    chunks.push(buffer);
    Ok(chunks)
}

/// Up the receiver's stack, one layer a chunk: the captured frame when there
/// is one (what really arrived), else the built one.
fn receiver_side(
    report: &SendReport,
    chunks: &mut Vec<Vec<u8>>,
    options: &RenderOptions,
) -> io::Result<()> {
    let (dissection, what) = match &report.capture {
        CaptureOutcome::Caught(c) => match &c.datagram {
            Some(d) => (&d.dissection, "the captured frame"),
            None => (&report.dissection, "the built frame"),
        },
        _ => (&report.dissection, "the built frame"),
    };
    // The physical layer never reaches the receiving stack: walk the frame.
    let mut frame = dissection.clone();
    frame.layers.retain(|l| l.layer != LayerKind::Physical);
    let copied = report
        .exchange
        .received
        .as_ref()
        .map(|r| r.data.len())
        .unwrap_or(report.spec.payload.len());
    for i in 0..frame.layers.len() {
        let mut out = Vec::new();
        if i == 0 {
            writeln!(
                out,
                "{}",
                heading(options, &format!("Decapsulation: up the receiver's stack, one header stripped at a time ({what})"))
            )?;
        }
        super::recv_text::decapsulation_step(
            &frame,
            i,
            report.exchange.destination,
            copied,
            &mut out,
            options,
        )?;
        writeln!(out)?;
        chunks.push(out);
    }
    Ok(())
}

/// What became of the datagram, said plainly.
fn delivery(report: &SendReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let dest = report.exchange.destination;
    let text = match &report.delivery {
        Some(Delivery::Refused { error }) if error.starts_with("ECONNREFUSED") => format!(
            "The datagram was dropped: nobody was bound to {dest}. The kernel answered with ICMP Destination Unreachable (Port Unreachable), and the sender's next call failed with {error}."
        ),
        Some(Delivery::Refused { error }) => format!(
            "The datagram did not arrive: an ICMP error came back about it, and the sender's next call failed with {error}. The captured ICMP message below says which error and who sent it."
        ),
        Some(Delivery::Silence { waited_ms }) => format!(
            "Sent to {dest}. In {waited_ms} ms no error and no answer came back: UDP never tells the sender whether anyone received it."
        ),
        Some(Delivery::Reply { data, from }) => format!("{from} answered with {} bytes.", data.len()),
        Some(Delivery::TooBig) => format!(
            "Nothing was sent: DF is set (--dont-fragment) and the {}-byte packet is bigger than the route's MTU, so the kernel refused with EMSGSIZE instead of fragmenting. On a router the same packet would be dropped with ICMP \"Fragmentation Needed\" (type 3, code 4).",
            report.spec.payload.len() + 28
        ),
        Some(Delivery::Received) | None => return Ok(()),
    };
    writeln!(out, "{}", heading(options, "What became of the datagram"))?;
    writeln!(out, "{text}")?;
    writeln!(out)
}

/// The real frame: built vs captured, and the ICMP answer if there was one.
fn capture(report: &SendReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    match &report.capture {
        CaptureOutcome::Off => Ok(()),
        CaptureOutcome::Unavailable { reason, hint } => {
            writeln!(
                out,
                "note: {reason}; the built frame above is not compared with the real one"
            )?;
            writeln!(out, "hint: {hint}")?;
            writeln!(out)
        }
        CaptureOutcome::Caught(caught) => {
            writeln!(
                out,
                "{}",
                heading(
                    options,
                    &format!(
                        "4. The real frame: what the kernel put on {}, field by field",
                        caught.interface
                    )
                )
            )?;
            let copies = if caught.duplicates > 0 {
                format!(
                    "; {} identical cop{} dropped ({} hands the capture each frame twice: outgoing and incoming)",
                    caught.duplicates,
                    if caught.duplicates == 1 { "y" } else { "ies" },
                    caught.interface
                )
            } else {
                String::new()
            };
            match (&caught.datagram, &caught.comparison) {
                (Some(datagram), Some(comparison)) if !caught.fragments.is_empty() => {
                    writeln!(
                        out,
                        "the kernel sent {} fragments; captured with pnet on {}{copies}",
                        caught.fragments.len(),
                        caught.interface
                    )?;
                    writeln!(
                        out,
                        "fragment 1 of {} ({} bytes):",
                        caught.fragments.len(),
                        datagram.bytes.len()
                    )?;
                    compare::render(comparison, out, options)?;
                    for (i, c) in caught.fragment_comparisons.iter().enumerate() {
                        writeln!(out, "fragment {} of {}:", i + 2, caught.fragments.len())?;
                        compare::render(c, out, options)?;
                    }
                }
                (Some(datagram), Some(comparison)) => {
                    writeln!(
                        out,
                        "captured with pnet on {}: {} bytes{copies}",
                        caught.interface,
                        datagram.bytes.len()
                    )?;
                    compare::render(comparison, out, options)?;
                }
                _ if matches!(report.delivery, Some(Delivery::TooBig)) => writeln!(
                    out,
                    "the capture on {} saw nothing of ours: nothing was sent",
                    caught.interface
                )?,
                _ => writeln!(
                    out,
                    "the capture on {} did not see the datagram in time",
                    caught.interface
                )?,
            }
            writeln!(out)?;
            if !caught.arp.is_empty() {
                writeln!(
                    out,
                    "{}",
                    heading(options, "How the destination MAC was learned: the kernel asked with ARP before sending")
                )?;
                for frame in &caught.arp {
                    layers::layers_outermost_first(&frame.dissection, &frame.bytes, out, options)?;
                }
                writeln!(out)?;
            }
            if let Some(icmp) = &caught.icmp {
                writeln!(
                    out,
                    "{}",
                    heading(options, "5. What came back: the kernel's ICMP message, layer by layer (outermost first)")
                )?;
                writeln!(
                    out,
                    "every value below was observed: the frame as captured on {} with pnet",
                    caught.interface
                )?;
                layers::layers_outermost_first(&icmp.dissection, &icmp.bytes, out, options)?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

/// How the datagram is cut for the MTU, fragment by fragment.
fn fragmentation(
    report: &SendReport,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let Some(f) = &report.fragmentation else {
        return Ok(());
    };
    let payload = report.spec.payload.len() + 8;
    let v6 = report.spec.dst_ip.is_ipv6();
    writeln!(
        out,
        "{}",
        heading(
            options,
            &format!(
                "Fragmentation: the {}-byte {} packet does not fit MTU {}: {} fragments",
                payload + if v6 { 40 } else { 20 },
                if v6 { "IPv6" } else { "IPv4" },
                f.mtu,
                f.fragments.len()
            )
        )
    )?;
    writeln!(
        out,
        "[{}] MTU {}: {}",
        f.mtu_origin.kind.label(),
        f.mtu,
        f.mtu_origin.source
    )?;
    if let Some(real) = f.interface_mtu.filter(|m| *m != f.mtu) {
        writeln!(
            out,
            "note: the real outgoing interface has MTU {real}: the kernel sends this datagram whole; the fragments below are what a link with MTU {} would carry",
            f.mtu
        )?;
    }
    writeln!(
        out,
        "{}",
        if v6 {
            "IPv6 routers never fragment: only the sender may, adding a Fragment extension header (next header 44) to each piece, with the offset in 8-byte units, M set on all but the last, and one identification for all"
        } else {
            "each fragment: the same identification, its own IPv4 header and checksum, an offset in 8-byte units, MF set on all but the last; every piece but the last is a multiple of 8 bytes"
        }
    )?;
    let mut table = new_table(options);
    table.set_header(vec![
        "fragment",
        "bytes of the payload",
        "offset field",
        "more",
        "packet length",
        "frame",
    ]);
    for (i, b) in f.fragments.iter().enumerate() {
        let frag = &b.fragment;
        table.add_row(vec![
            format!("{} of {}", i + 1, f.fragments.len()),
            format!(
                "{}-{} ({} bytes)",
                frag.offset,
                frag.offset + frag.length - 1,
                frag.length
            ),
            format!("{} (× 8 = {})", frag.offset / 8, frag.offset),
            u8::from(frag.more_fragments).to_string(),
            (frag.length + if v6 { 48 } else { 20 }).to_string(),
            format!("{} bytes", frag.bytes.len()),
        ]);
    }
    writeln!(out, "{table}")?;
    for (i, b) in f.fragments.iter().enumerate() {
        if let Some(ip) = b.dissection.layer(crate::model::LayerKind::Network) {
            writeln!(
                out,
                "{}",
                paint(
                    options,
                    ip.layer,
                    &format!("Fragment {} · {} header", i + 1, ip.protocol)
                )
            )?;
            layers::fields_table_same_origin(ip, out, options)?;
        }
    }
    writeln!(
        out,
        "Reassembly: the receiving kernel keeps fragments with the same (source, destination, protocol, identification), orders them by offset, and hands the datagram up only when the piece with MF = 0 has arrived and no gap is left; one lost fragment loses the whole datagram."
    )?;
    if let Some(r) = &report.exchange.received {
        writeln!(out, "The embedded receiver's recvfrom() returned all {} bytes: reassembled before it saw them.", r.data.len())?;
    }
    writeln!(out)
}
