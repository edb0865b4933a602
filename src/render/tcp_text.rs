//! The output of `stackviz send --tcp`: the timeline of both ends (every
//! call, what it returned, the TCP state after it, and the segments between
//! them), the ladder diagram, one row per segment, the SYN and the first
//! data segment layer by layer (any segment with `--segment N`, all with
//! `--all`), the arithmetic of sequence numbers, windows and MSS, where the
//! values came from, and the capture's verdict.

use std::io::{self, Write};

use super::words::bytes;
use super::{compare, heading, layers, new_table, RenderOptions};
use crate::net::tcp_exchange::{Peer, TcpOutcome};
use crate::send::CaptureOutcome;
use crate::t;
use crate::tcp::acks::Consumed;
use crate::tcp::ladder::{steps, Step};
use crate::tcp::predict::{Known, TcpOption};
use crate::tcp::{SegmentEvent, TcpReport};

/// Which segments to show layer by layer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expand {
    /// Segment numbers (1 for the first); empty: the SYN and the first data segment.
    pub segments: Vec<usize>,
    pub all: bool,
    /// Absolute sequence numbers in the ladder and the rows.
    pub absolute: bool,
}

fn peer_name(peer: Peer) -> &'static str {
    match peer {
        Peer::Client => t!("client"),
        Peer::Server => t!("server"),
    }
}

/// Who sent a segment: with no server listening (a closed port), the
/// server's side is that host's kernel.
fn sender_name(report: &TcpReport, peer: Peer) -> &'static str {
    match (peer, &report.exchange.outcome) {
        (Peer::Server, TcpOutcome::Refused { .. }) => t!("kernel (no server)"),
        _ => peer_name(peer),
    }
}

/// The whole report.
pub fn render(
    report: &TcpReport,
    out: &mut impl Write,
    options: &RenderOptions,
    expand: &Expand,
) -> io::Result<()> {
    for chunk in chunks(report, options, expand)? {
        out.write_all(&chunk)?;
    }
    Ok(())
}

/// The report in the pieces `--step` pauses between: the timeline, then one
/// piece per segment of the ladder, then the rest.
pub fn chunks(
    report: &TcpReport,
    options: &RenderOptions,
    expand: &Expand,
) -> io::Result<Vec<Vec<u8>>> {
    let mut chunks = Vec::new();
    let mut out = Vec::new();
    let ex = &report.exchange;
    let data: usize = report.segments.iter().map(|s| s.predicted.data.len()).sum();
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "stackviz send --tcp: one real TCP connection, {client} → {server}, {size} of data, {count} segments",
                client = ex.client,
                server = ex.server,
                size = bytes(data),
                count = report.segments.len()
            )
        )
    )?;
    writeln!(out)?;
    timeline(report, &mut out, options)?;
    chunks.push(std::mem::take(&mut out));
    let ladder = crate::tcp::ladder::ladder(report);
    writeln!(
        out,
        "{}",
        heading(
            options,
            t!("The ladder: every segment between the two sockets")
        )
    )?;
    chunks.push(std::mem::take(&mut out));
    chunks.extend(super::ladder::chunks(&ladder, options, expand.absolute)?);
    writeln!(out)?;
    segment_rows(report, &mut out, options, expand.absolute)?;
    arithmetic(report, &mut out, options)?;
    chunks.push(std::mem::take(&mut out));
    for s in &report.segments {
        let chosen = if expand.all {
            true
        } else if expand.segments.is_empty() {
            s.number == 1 || Some(s.number) == first_data(report)
        } else {
            expand.segments.contains(&s.number)
        };
        if chosen {
            segment_in_full(report, s, &mut out, options)?;
            chunks.push(std::mem::take(&mut out));
        }
    }
    sources(report, &mut out, options)?;
    capture(report, &mut out, options)?;
    chunks.push(out);
    // Sentences longer than the width fold at it (tables already fit).
    Ok(chunks
        .iter()
        .map(|c| super::wrap::wrap_bytes(c, options.width))
        .collect())
}

fn first_data(report: &TcpReport) -> Option<usize> {
    report
        .segments
        .iter()
        .find(|s| !s.predicted.data.is_empty())
        .map(|s| s.number)
}

/// Every call and segment in order, with the state each call left.
fn timeline(report: &TcpReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        heading(
            options,
            t!("Timeline: both ends' socket calls and the segments between them")
        )
    )?;
    let mut table = new_table(options);
    table.set_header(vec![
        t!("time"),
        t!("end"),
        t!("call or segment"),
        t!("returned"),
        t!("state after (TCP_INFO)"),
    ]);
    for step in steps(report) {
        match step {
            Step::Call(i) => {
                let c = &report.exchange.calls[i];
                let mut call = c.call.clone();
                if !c.note.is_empty() {
                    call.push('\n');
                    call.push_str(&c.note);
                }
                table.add_row(vec![
                    // Right-aligned to one width up to 999.999 ms: a run
                    // that takes 10 ms or more must not widen the column
                    // and so re-wrap every other column of the table.
                    format!("{:>7.3} ms", c.happened().as_secs_f64() * 1000.0),
                    peer_name(c.peer).to_string(),
                    call,
                    c.result.clone(),
                    c.state.map(|s| s.name()).unwrap_or_default(),
                ]);
            }
            Step::Segment(k) => {
                let s = &report.segments[k];
                let p = &s.predicted;
                let arrow = match p.from {
                    Peer::Client => t!("client → server"),
                    Peer::Server => t!("server → client"),
                };
                table.add_row(vec![
                    String::new(),
                    String::new(),
                    format!(
                        "{}\n{}",
                        t!(
                            "segment {n}: {arrow} [{flags}] seq={seq} ack={ack} len={len}",
                            n = s.number,
                            arrow,
                            flags = p.flags.names(),
                            seq = p.seq,
                            ack = p.ack.map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
                            len = p.data.len()
                        ),
                        p.why
                    ),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}",
        t!("time: when a call that waits for the peer (connect, accept, recv) returned, when any other call was made; the state is TCP_INFO's right after the call, and on loopback the peer often answers before stackviz reads it")
    )?;
    writeln!(out)
}

fn options_text(options: &[TcpOption]) -> String {
    options
        .iter()
        .map(|o| match *o {
            TcpOption::Mss(m) => format!("MSS {m}"),
            TcpOption::SackPermitted => "SACK_PERM".into(),
            TcpOption::Timestamps { value, echo } => format!("TS {value}/{echo}"),
            TcpOption::Nop => "NOP".into(),
            TcpOption::WindowScale(s) => format!("WS {s}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn verdict_cell(s: &SegmentEvent) -> String {
    match &s.comparison {
        Some(c) => compare::summary(c),
        None => t!("predicted only (not captured)").into(),
    }
}

/// One row per segment: what changed from one to the next.
fn segment_rows(
    report: &TcpReport,
    out: &mut impl Write,
    options: &RenderOptions,
    absolute: bool,
) -> io::Result<()> {
    writeln!(out, "{}", heading(options, t!("Every segment")))?;
    let mut table = new_table(options);
    table.set_header(vec![
        t!("#"),
        t!("from"),
        t!("flags"),
        t!("seq"),
        t!("ack"),
        t!("len"),
        t!("window"),
        t!("options"),
        t!("built vs captured"),
    ]);
    for s in &report.segments {
        let p = &s.predicted;
        let (seq_abs, ack_abs) = crate::tcp::build::absolute(p, &report.ends);
        let (seq, ack) = if absolute {
            (seq_abs.to_string(), p.ack.map(|_| ack_abs.to_string()))
        } else {
            (p.seq.to_string(), p.ack.map(|a| a.to_string()))
        };
        let window = match (p.window, p.window_scale) {
            (Known::Yes(w), Some(scale)) => format!("{w} ×2^{scale} = {}", u32::from(w) << scale),
            (Known::Yes(w), None) => w.to_string(),
            (Known::No(_), _) => t!("unknown").into(),
        };
        table.add_row(vec![
            s.number.to_string(),
            sender_name(report, p.from).to_string(),
            p.flags.names(),
            seq,
            ack.unwrap_or_else(|| "-".into()),
            p.data.len().to_string(),
            window,
            options_text(&p.options),
            verdict_cell(s),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}",
        if absolute {
            t!("seq and ack as on the wire (absolute)")
        } else {
            t!("seq and ack relative to each end's ISN (0 for its SYN), as Wireshark shows them; --absolute shows the numbers on the wire")
        }
    )?;
    writeln!(out)
}

/// The rules behind the numbers: ack, windows and the MSS values.
fn arithmetic(report: &TcpReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    writeln!(out, "{}", heading(options, t!("The arithmetic")))?;
    for sum in crate::tcp::acks::sums(&report.segments) {
        writeln!(
            out,
            "  {}",
            t!(
                "segment {n}: ack {ack} = segment {m}'s seq {seq} + {len} bytes + {extra} ({what})",
                n = sum.segment,
                ack = sum.ack,
                m = sum.answers,
                seq = sum.seq,
                len = sum.data,
                extra = sum.extra,
                what = match sum.consumed {
                    Consumed::Syn => t!("a SYN takes one sequence number"),
                    Consumed::Fin => t!("a FIN takes one sequence number"),
                    Consumed::Data => t!("data only: the next byte expected"),
                }
            )
        )?;
    }
    let client = report
        .exchange
        .client_final
        .or_else(|| report.exchange.calls_of(Peer::Client).find_map(|c| c.info));
    // Scales and MSS values are agreed by a handshake: without one there is
    // nothing to show.
    let connected = report.exchange.outcome == TcpOutcome::Completed;
    if let Some(info) = client.filter(|_| connected) {
        writeln!(
            out,
            "  {}",
            t!(
                "window scale: the client multiplies the server's windows by 2^{snd} and the server the client's by 2^{rcv} (TCP_INFO); a SYN's window is never scaled",
                snd = info.snd_wscale,
                rcv = info.rcv_wscale
            )
        )?;
        let option = report.syn.as_ref().and_then(|s| {
            s.options.iter().find_map(|o| match o {
                TcpOption::Mss(m) => Some(*m),
                _ => None,
            })
        });
        writeln!(
            out,
            "  {}",
            t!(
                "three MSS values: the option in the SYN says {option} (the MTU minus the IP and TCP headers); TCP_INFO's advmss is {advmss} (the option minus the 12 bytes every segment spends on timestamps); TCP_MAXSEG after connect() is {maxseg} (what the client really puts in one segment: capped by the peer's window too)",
                option = option.map(|m| m.to_string()).unwrap_or_else(|| t!("unknown").into()),
                advmss = info.advmss,
                maxseg = report
                    .exchange
                    .client_maxseg
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| t!("unknown").into())
            )
        )?;
    }
    writeln!(out)
}

/// One segment, layer by layer, with the comparison when captured.
fn segment_in_full(
    report: &TcpReport,
    s: &SegmentEvent,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let _ = report;
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "Segment {n}: {flags} from the {from}, layer by layer ({size})",
                n = s.number,
                flags = s.predicted.flags.names(),
                from = sender_name(report, s.predicted.from),
                size = bytes(s.bytes.len())
            )
        )
    )?;
    writeln!(out, "{}", s.predicted.why)?;
    let mut layers_out = Vec::new();
    for layer in s.dissection.layers.iter().rev() {
        let headline = t!(
            "{layer} layer · {protocol} · {size}",
            layer = layer.layer.title(),
            protocol = layer.protocol,
            size = bytes(layer.pdu_length)
        );
        writeln!(
            layers_out,
            "{}",
            super::paint(options, layer.layer, &heading(options, &headline))
        )?;
        layers::fields_table(layer, &mut layers_out, options)?;
        if options.rfc
            && layer.header.length > 0
            && layer.layer != crate::model::LayerKind::Application
        {
            super::diagram::header(layer, &mut layers_out, options)?;
        }
        for check in &layer.checks {
            writeln!(
                layers_out,
                "  {} {}",
                layers::mark(&check.verdict),
                super::check_line(layer, check)
            )?;
        }
    }
    out.write_all(&layers_out)?;
    if let Some(c) = &s.comparison {
        writeln!(
            out,
            "{}",
            heading(options, &t!("Segment {n}: built vs captured", n = s.number))
        )?;
        compare::render(c, out, options)?;
    }
    writeln!(out)
}

/// What was seen without privileges and what only a capture can tell.
fn sources(report: &TcpReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        heading(options, t!("Where the values came from"))
    )?;
    let ex = &report.exchange;
    match &report.syn {
        Some(syn) => writeln!(
            out,
            "  {}",
            t!(
                "the client's SYN exactly as the server's kernel received it (TCP_SAVED_SYN, no privilege needed): ISN {isn}, window {window}, options {options}",
                isn = syn.isn,
                window = syn.window,
                options = options_text(&syn.options)
            )
        )?,
        None => writeln!(
            out,
            "  {}",
            t!("the client's SYN was not saved (no embedded server): its ISN and options are predicted")
        )?,
    }
    if !report.ends.server_isn.is_known() {
        writeln!(
            out,
            "  {}",
            t!("the server's ISN and its IP IDs cannot be known without a capture: they are random and no socket option reveals them; 0 stands in, marked [unknown]")
        )?;
    }
    let mut table = new_table(options);
    table.set_header(vec![t!("sysctl"), t!("value"), t!("decides")]);
    let decides = [
        t!("Timestamps option (TSval/TSecr) on every segment"),
        t!("SACK permitted in the SYN"),
        t!("the Window Scale option"),
        t!("ECN: 1 asks for it in the SYN (ECE, CWR), 2 only accepts it"),
        t!("receive buffer min/default/max: the window and its scale"),
        t!("how many times an unanswered SYN is sent again"),
    ];
    for ((name, value), decides) in ex.sysctls.entries().into_iter().zip(decides) {
        table.add_row(vec![
            name.to_string(),
            value
                .map(str::to_string)
                .unwrap_or_else(|| t!("unreadable").into()),
            decides.to_string(),
        ]);
    }
    writeln!(out, "{table}")?;
    if let Some(tw) = ex.client_after_close {
        writeln!(
            out,
            "  {}",
            t!(
                "after close(), the kernel's connection table (what ss -tan shows) still holds the client's side in {state}{left}: the end that closed first waits 2×MSL (60 s on Linux) so a late segment of this connection cannot be taken for one of the next",
                state = tw.state.name(),
                left = tw
                    .timer_ms
                    .map(|ms| t!(" for another {s} s", s = format!("{:.1}", ms as f64 / 1000.0)))
                    .unwrap_or_default()
            )
        )?;
    }
    match &ex.outcome {
        TcpOutcome::Completed => {}
        TcpOutcome::Refused { error, .. } => writeln!(
            out,
            "  {}",
            t!("connect() failed: {error}", error = error.clone())
        )?,
        TcpOutcome::TimedOut { waited } => writeln!(
            out,
            "  {}",
            t!(
                "connect() had no answer within {seconds} s",
                seconds = waited.as_secs_f64()
            )
        )?,
    }
    writeln!(out)
}

fn capture(report: &TcpReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    match &report.capture {
        CaptureOutcome::Off => Ok(()),
        CaptureOutcome::Unavailable { reason, hint } => {
            writeln!(out, "{reason}")?;
            writeln!(out, "{}", t!("hint: {hint}", hint = hint.clone()))
        }
        CaptureOutcome::Caught(c) => {
            writeln!(out, "{}", heading(options, t!("Captured")))?;
            let caught = report
                .segments
                .iter()
                .filter(|s| s.captured.is_some())
                .count();
            writeln!(
                out,
                "{}",
                t!(
                    "capture on {interface}: {caught} of {total} predicted segments caught, {unexpected} unexpected differences",
                    interface = c.interface.clone(),
                    caught,
                    total = report.segments.len(),
                    unexpected = report.unexpected_differences()
                )
            )?;
            if let Some(t) = &report.caught {
                for u in &t.unpredicted {
                    writeln!(
                        out,
                        "  {}",
                        t!(
                            "caught but not predicted: a {size} frame",
                            size = bytes(u.bytes.len())
                        )
                    )?;
                }
            }
            Ok(())
        }
    }
}
