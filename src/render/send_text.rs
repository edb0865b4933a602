//! The full human-readable page of `stackviz send`: the exchange, the
//! encapsulation step by step (innermost first), the growing sizes, the hex
//! dump, and the notes.

use std::io::{self, Write};

use super::words::{article, bytes};
use super::{compare, exchange, heading, hex, layers, new_table, paint, RenderOptions};
use crate::header_len;
use crate::model::{LayerKind, Step};
use crate::net::exchange::Delivery;
use crate::net::netlink::NeighbourEntry;
use crate::send::{CaptureOutcome, SendReport};
use crate::t;

pub(crate) fn step_headline(step: &Step, number: usize, total: usize, header_len: usize) -> String {
    let (protocol, size, pdu, overhead) =
        (step.protocol, step.size, step.pdu.name(), step.overhead);
    let what = match step.layer {
        LayerKind::Application => t!("the message: {size} of data", size = bytes(size)),
        LayerKind::Physical => t!(
            "adds {article} {added}-byte preamble and SFD → {size} bytes as {bits} bits",
            article = article(step.added),
            added = step.added,
            size,
            bits = step.size * 8
        ),
        // Ethernet's trailer is padding (up to the 60-byte minimum) then the
        // 4-byte FCS: named apart, since padding is not part of the trailer.
        _ if step.added >= header_len + 4 && step.protocol.starts_with("Ethernet") => {
            let padding = step.added - header_len - 4;
            if padding == 0 {
                t!(
                    "{protocol} adds {article} {header}-byte header and a 4-byte FCS → {pdu} of {size} bytes (overhead {overhead})",
                    protocol,
                    article = article(header_len),
                    header = header_len,
                    pdu,
                    size,
                    overhead
                )
            } else {
                t!(
                    "{protocol} adds {article} {header}-byte header, {padding} of padding and a 4-byte FCS → {pdu} of {size} bytes (overhead {overhead})",
                    protocol,
                    article = article(header_len),
                    header = header_len,
                    padding = bytes(padding),
                    pdu,
                    size,
                    overhead
                )
            }
        }
        // "an 18-byte trailer" (padding and FCS) but "a 4-byte trailer".
        _ if step.added > header_len && article(step.added - header_len) == "an" => t!(
            "{protocol} adds {article} {header}-byte header and an {trailer}-byte trailer → {pdu} of {size} bytes (overhead {overhead})",
            protocol,
            article = article(header_len),
            header = header_len,
            trailer = step.added - header_len,
            pdu,
            size,
            overhead
        ),
        _ if step.added > header_len => t!(
            "{protocol} adds {article} {header}-byte header and a {trailer}-byte trailer → {pdu} of {size} bytes (overhead {overhead})",
            protocol,
            article = article(header_len),
            header = header_len,
            trailer = step.added - header_len,
            pdu,
            size,
            overhead
        ),
        _ => t!(
            "{protocol} adds {article} {header}-byte header → {pdu} of {size} bytes (overhead {overhead})",
            protocol,
            article = article(step.added),
            header = step.added,
            pdu,
            size,
            overhead
        ),
    };
    t!(
        "Step {number} of {total} · {layer} layer · {what}",
        number,
        total,
        layer = step.layer.title(),
        what
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
            &match &report.interface {
                Some(interface) => t!(
                    "stackviz send: one real UDP datagram, {source} → {destination}, {size} of data, via {interface}",
                    source = ex.source,
                    destination = ex.destination,
                    size = bytes(report.spec.payload.len()),
                    interface
                ),
                None => t!(
                    "stackviz send: one real UDP datagram, {source} → {destination}, {size} of data",
                    source = ex.source,
                    destination = ex.destination,
                    size = bytes(report.spec.payload.len())
                ),
            }
        )
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        heading(
            options,
            t!("1. The exchange: real socket calls, in the order they ran")
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
            t!("2. Encapsulation: down the sender's stack, one layer at a time")
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
            writeln!(out, "  {}", t!("note: {note}", note))?;
        }
        for check in &layer.checks {
            layers::check(check, layer, out, options)?;
        }
        chunks.push(std::mem::take(out));
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        heading(options, t!("The PDU grows at each step"))
    )?;
    let mut table = new_table(options);
    table.set_header(vec![
        t!("step"),
        t!("layer"),
        t!("protocol"),
        "PDU",
        t!("added"),
        t!("size"),
        t!("overhead"),
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
        heading(options, t!("The same, as boxes drawn to scale"))
    )?;
    super::diagram::encapsulation(&report.dissection, out, options)?;
    writeln!(out)?;
    chunks.push(std::mem::take(out));

    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "3. The frame, byte by byte ({size} bytes, FCS included)",
                size = report.frame.bytes.len()
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
        writeln!(out, "{}", t!("note: {note}", note))?;
    }
    writeln!(
        out,
        "{}",
        t!("note: [observed] values came from the OS during this run; [predicted] ones were computed by stackviz; [protocol] ones are fixed by the standard; [chosen] ones you chose on the command line")
    )?;
    chunks.push(buffer);
    // --width holds for headings, notes and every other line too.
    Ok(chunks
        .iter()
        .map(|c| super::wrap::wrap_bytes(c, options.width))
        .collect())
}

/// Up the receiver's stack, one layer a chunk: the captured frame when there
/// is one (what really arrived), else the built one.
fn receiver_side(
    report: &SendReport,
    chunks: &mut Vec<Vec<u8>>,
    options: &RenderOptions,
) -> io::Result<()> {
    let trace = report.trace();
    let (dissection, what) = match trace.datagram().and_then(|d| d.captured) {
        Some(d) => (&d.dissection, t!("the captured frame")),
        None => (&report.dissection, t!("the built frame")),
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
                heading(options, &t!("Decapsulation: up the receiver's stack, one header stripped at a time ({what})", what))
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
        Some(Delivery::Refused {
            error,
            errno: Some(libc::ECONNREFUSED),
        }) => t!(
            "The datagram was dropped: nobody was bound to {dest}. The kernel answered with ICMP Destination Unreachable (Port Unreachable), and the sender's next call failed with {error}.",
            dest,
            error
        ),
        Some(Delivery::Refused { error, .. }) => t!(
            "The datagram did not arrive: an ICMP error came back about it, and the sender's next call failed with {error}. The captured ICMP message below says which error and who sent it.",
            error
        ),
        Some(Delivery::Silence { waited_ms }) => t!(
            "Sent to {dest}. In {waited_ms} ms no error and no answer came back: UDP never tells the sender whether anyone received it.",
            dest,
            waited_ms
        ),
        Some(Delivery::Reply { data, from }) => {
            t!("{from} answered with {size} bytes.", from, size = data.len())
        }
        Some(Delivery::TooBig) if dest.is_ipv6() => t!(
            "Nothing was sent: the {size}-byte IPv6 packet is bigger than the route's MTU and IPV6_PMTUDISC_DO (--dont-fragment) forbids fragmenting it, so the kernel refused with EMSGSIZE. An IPv6 router never fragments: it drops the packet and answers ICMPv6 \"Packet Too Big\" (type 2).",
            size = header_len::udp_packet(report.spec.payload.len(), true)
        ),
        Some(Delivery::TooBig) => t!(
            "Nothing was sent: DF is set (--dont-fragment) and the {size}-byte packet is bigger than the route's MTU, so the kernel refused with EMSGSIZE instead of fragmenting. On a router the same packet would be dropped with ICMP \"Fragmentation Needed\" (type 3, code 4).",
            size = header_len::udp_packet(report.spec.payload.len(), false)
        ),
        Some(Delivery::Unresolved {
            next_hop,
            state,
            requests,
        }) => {
            let asked = match (next_hop.is_ipv6(), requests) {
                (false, Some(n)) => t!(
                    "the kernel asked for {next_hop}'s MAC address with ARP and nobody answered (ARP requests captured: {n}; replies: 0)",
                    next_hop,
                    n
                ),
                (true, Some(n)) => t!(
                    "the kernel asked for {next_hop}'s MAC address with IPv6 Neighbor Solicitations and nobody answered (solicitations captured: {n}; advertisements: 0)",
                    next_hop,
                    n
                ),
                (false, None) => t!(
                    "the kernel asked for {next_hop}'s MAC address with ARP and nobody answered",
                    next_hop
                ),
                (true, None) => t!(
                    "the kernel asked for {next_hop}'s MAC address with IPv6 Neighbor Solicitations and nobody answered",
                    next_hop
                ),
            };
            match state {
                NeighbourEntry::Failed => t!(
                    "The datagram never left this host: {asked}. Without the next hop's MAC no frame can be built, so the kernel dropped the datagram: the neighbour entry is FAILED (as `ip neigh` shows). sendto() returned {sent} all the same: it only hands the datagram to the kernel.",
                    asked,
                    sent = report.exchange.bytes_sent
                ),
                _ => t!(
                    "The datagram never left this host: {asked}. Without the next hop's MAC no frame can be built, so the kernel holds the datagram in the neighbour entry's queue (state {state}, as `ip neigh` shows) and drops it when resolution fails. sendto() returned {sent} all the same: it only hands the datagram to the kernel.",
                    asked,
                    state = state.name(),
                    sent = report.exchange.bytes_sent
                ),
            }
        }
        Some(Delivery::Received) | None => return Ok(()),
    };
    writeln!(
        out,
        "{}",
        heading(options, t!("What became of the datagram"))
    )?;
    writeln!(out, "{text}")?;
    writeln!(out)
}

/// The real frame: built vs captured, and the ICMP answer if there was one.
/// The frames come from the trace; the capture report gives the interface
/// and the count of copies dropped.
fn capture(report: &SendReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let trace = report.trace();
    let datagram = trace.datagram();
    let (captured, comparison) = (
        datagram.and_then(|d| d.captured),
        datagram.and_then(|d| d.comparison),
    );
    let caught_fragments = trace.caught_fragments().count();
    match &report.capture {
        CaptureOutcome::Off => Ok(()),
        CaptureOutcome::Unavailable { reason, hint } => {
            writeln!(
                out,
                "{}",
                t!(
                    "note: {reason}; the built frame above is not compared with the real one",
                    reason
                )
            )?;
            writeln!(out, "{}", t!("hint: {hint}", hint))?;
            writeln!(out)
        }
        CaptureOutcome::Caught(caught) => {
            writeln!(
                out,
                "{}",
                heading(
                    options,
                    &if captured.is_some() {
                        t!(
                            "4. The real frame: what the kernel put on {interface}, field by field",
                            interface = caught.interface
                        )
                    } else {
                        t!(
                            "4. The capture on {interface}",
                            interface = caught.interface
                        )
                    }
                )
            )?;
            // Only copies of the datagram are counted on its line; the ICMP
            // message's copy is mentioned with it.
            let copies = if caught.duplicated_datagram > 0 {
                let (count, interface) = (caught.duplicated_datagram, &caught.interface);
                if count == 1 {
                    t!(
                        "; 1 identical copy dropped ({interface} hands the capture each frame twice: outgoing and incoming)",
                        interface
                    )
                } else {
                    t!(
                        "; {count} identical copies dropped ({interface} hands the capture each frame twice: outgoing and incoming)",
                        count,
                        interface
                    )
                }
            } else {
                String::new()
            };
            match (captured, comparison) {
                (Some(datagram), Some(comparison)) if caught_fragments > 0 => {
                    let total = caught_fragments;
                    writeln!(
                        out,
                        "{}{copies}",
                        t!(
                            "the kernel sent {total} fragments; captured with pnet on {interface}",
                            total,
                            interface = caught.interface
                        )
                    )?;
                    writeln!(
                        out,
                        "{}",
                        t!(
                            "fragment 1 of {total} ({size} bytes):",
                            total,
                            size = datagram.bytes.len()
                        )
                    )?;
                    compare::render(comparison, out, options)?;
                    for (i, c) in trace.later_fragment_comparisons().enumerate() {
                        writeln!(
                            out,
                            "{}",
                            t!("fragment {number} of {total}:", number = i + 2, total)
                        )?;
                        compare::render(c, out, options)?;
                    }
                }
                (Some(datagram), Some(comparison)) => {
                    writeln!(
                        out,
                        "{}{copies}",
                        t!(
                            "captured with pnet on {interface}: {size} bytes",
                            interface = caught.interface,
                            size = datagram.bytes.len()
                        )
                    )?;
                    compare::render(comparison, out, options)?;
                }
                _ if matches!(report.delivery, Some(Delivery::Unresolved { .. })) => writeln!(
                    out,
                    "{}",
                    t!(
                        "the capture on {interface} saw no datagram of ours: it never left; only the kernel's requests for the next hop's MAC address went out (below)",
                        interface = caught.interface
                    )
                )?,
                _ if matches!(report.delivery, Some(Delivery::TooBig)) => writeln!(
                    out,
                    "{}",
                    t!(
                        "the capture on {interface} saw nothing of ours: nothing was sent",
                        interface = caught.interface
                    )
                )?,
                _ => writeln!(
                    out,
                    "{}",
                    t!(
                        "the capture on {interface} did not see the datagram in time",
                        interface = caught.interface
                    )
                )?,
            }
            writeln!(out)?;
            if trace.neighbour_frames().next().is_some() {
                let title = match &report.delivery {
                    Some(Delivery::Unresolved {
                        next_hop,
                        requests: Some(n),
                        ..
                    }) => t!(
                        "The evidence: requests for {next_hop}'s MAC address captured on {interface}: {n}; answers: 0",
                        n,
                        next_hop,
                        interface = caught.interface
                    ),
                    _ => t!("How the destination MAC was learned: the kernel asked with ARP before sending").into(),
                };
                writeln!(out, "{}", heading(options, &title))?;
                for frame in trace.neighbour_frames() {
                    layers::layers_outermost_first(&frame.dissection, &frame.bytes, out, options)?;
                }
                writeln!(out)?;
            }
            if let Some(icmp) = trace.icmp_answer() {
                writeln!(
                    out,
                    "{}",
                    heading(options, t!("5. What came back: the kernel's ICMP message, layer by layer (outermost first)"))
                )?;
                writeln!(
                    out,
                    "{}",
                    t!(
                        "every value below was observed: the frame as captured on {interface} with pnet",
                        interface = caught.interface
                    )
                )?;
                layers::layers_outermost_first(&icmp.dissection, &icmp.bytes, out, options)?;
                if caught.duplicated_icmp > 0 {
                    writeln!(
                        out,
                        "{}",
                        t!(
                            "note: {interface} handed the capture this ICMP message twice too (outgoing and incoming); the identical copy was dropped",
                            interface = caught.interface
                        )
                    )?;
                }
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
    // The pieces are the trace's built fragments, by offset.
    let trace = report.trace();
    let pieces: Vec<_> = trace
        .built_fragments()
        .filter_map(|b| b.piece.map(|p| (p, b)))
        .collect();
    let payload = report.spec.payload.len() + 8;
    let v6 = report.spec.dst_ip.is_ipv6();
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "Fragmentation: the {size}-byte {version} packet does not fit MTU {mtu}: {count} fragments",
                size = payload + if v6 { 40 } else { 20 },
                version = if v6 { "IPv6" } else { "IPv4" },
                mtu = f.mtu,
                count = pieces.len()
            )
        )
    )?;
    writeln!(
        out,
        "{}",
        t!(
            "{tag} MTU {mtu}: {source}",
            tag = f.mtu_origin.kind.tag(),
            mtu = f.mtu,
            source = f.mtu_origin.source
        )
    )?;
    if let Some(real) = f.interface_mtu.filter(|m| *m != f.mtu) {
        writeln!(
            out,
            "{}",
            t!(
                "note: the real outgoing interface has MTU {real}: the kernel sends this datagram whole; the fragments below are what a link with MTU {mtu} would carry",
                real,
                mtu = f.mtu
            )
        )?;
    }
    writeln!(
        out,
        "{}",
        if v6 {
            t!("IPv6 routers never fragment: only the sender may, adding a Fragment extension header (next header 44) to each piece, with the offset in 8-byte units, M set on all but the last, and one identification for all")
        } else {
            t!("each fragment: the same identification, its own IPv4 header and checksum, an offset in 8-byte units, MF set on all but the last; every piece but the last is a multiple of 8 bytes")
        }
    )?;
    let mut table = new_table(options);
    table.set_header(vec![
        t!("fragment"),
        t!("bytes of the payload"),
        t!("offset field"),
        t!("more"),
        t!("packet length"),
        t!("frame"),
    ]);
    for (i, (frag, b)) in pieces.iter().enumerate() {
        table.add_row(vec![
            t!("{number} of {total}", number = i + 1, total = pieces.len()),
            t!(
                "{first}-{last} ({size} bytes)",
                first = frag.offset,
                last = frag.offset + frag.length - 1,
                size = frag.length
            ),
            format!("{} (× 8 = {})", frag.offset / 8, frag.offset),
            u8::from(frag.more_fragments).to_string(),
            // Each fragment's packet: its IP header(s) and its piece.
            (frag.length
                + if v6 {
                    header_len::IPV6 + header_len::IPV6_FRAGMENT
                } else {
                    header_len::IPV4
                })
            .to_string(),
            t!("{size} bytes", size = b.bytes.len()),
        ]);
    }
    writeln!(out, "{table}")?;
    for (i, (_, b)) in pieces.iter().enumerate() {
        if let Some(ip) = b.dissection.layer(crate::model::LayerKind::Network) {
            writeln!(
                out,
                "{}",
                paint(
                    options,
                    ip.layer,
                    &t!(
                        "Fragment {number} · {protocol} header",
                        number = i + 1,
                        protocol = ip.protocol
                    )
                )
            )?;
            layers::fields_table_same_origin(ip, out, options)?;
        }
    }
    writeln!(
        out,
        "{}",
        t!("Reassembly: the receiving kernel keeps fragments with the same (source, destination, protocol, identification), orders them by offset, and hands the datagram up only when the piece with MF = 0 has arrived and no gap is left; one lost fragment loses the whole datagram.")
    )?;
    // Only fragments that really crossed a link were reassembled: on lo (or
    // any link whose MTU fits the packet) the kernel sends it whole.
    let packet = payload + if v6 { 40 } else { 20 };
    let captured_fragments = trace.caught_fragments().count() > 1;
    let fragmented_on_path = captured_fragments || f.interface_mtu.is_some_and(|m| packet > m);
    match (&report.exchange.received, fragmented_on_path, f.interface_mtu) {
        (Some(r), true, _) => writeln!(
            out,
            "{}",
            t!(
                "The embedded receiver's recvfrom() returned all {size} bytes: reassembled before it saw them.",
                size = r.data.len()
            )
        )?,
        (Some(r), false, Some(real)) => writeln!(
            out,
            "{}",
            t!(
                "What really happened: nothing was fragmented on the path. {interface} (MTU {real}) carried the {packet}-byte packet whole, and the embedded receiver's recvfrom() returned all {size} bytes in one piece.",
                interface = report.interface.as_deref().unwrap_or("?"),
                real,
                packet,
                size = r.data.len()
            )
        )?,
        _ => {}
    }
    writeln!(out)
}
