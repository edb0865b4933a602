//! The human-readable output of `stackviz recv --tcp`: the listener's setup
//! calls, then one block per connection as it ends (the client's SYN as it
//! arrived, every call with its result and the TCP state after it, the
//! bytes received, the captured segments), then the summary.

use std::io::{self, Write};

use super::words::bytes;
use super::{heading, layers, new_table, RenderOptions};
use crate::dissect::fields::escape_text;
use crate::model::{to_hex, LayerKind};
use crate::net::tcp_exchange::TcpCall;
use crate::net::tcp_info::TcpState;
use crate::recv::Ended;
use crate::recv_tcp::{
    options_text, Connection, ConnectionEnd, SegmentRow, TcpRecvSummary, TcpStarted, KEPT_BYTES,
};
use crate::t;

/// Calls as rows: time, call and why, what it returned, the state after it.
fn calls_table(calls: &[TcpCall], out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let mut table = new_table(options);
    table.set_header(vec![
        t!("time"),
        t!("call"),
        t!("returned"),
        t!("state after (TCP_INFO)"),
    ]);
    for c in calls {
        let mut text = c.call.clone();
        if !c.note.is_empty() {
            text.push('\n');
            text.push_str(&c.note);
        }
        table.add_row(vec![
            format!("{:.3} ms", c.returned.as_secs_f64() * 1000.0),
            text,
            c.result.clone(),
            c.state.map(|s| s.name()).unwrap_or_default(),
        ]);
    }
    writeln!(out, "{table}")
}

pub fn start(
    started: &TcpStarted<'_>,
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
                "stackviz recv --tcp: a real TCP server on {bound}",
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
        t!(
            "waiting for connections, e.g. python3 -c 'import socket; socket.create_connection((\"{host}\", {port})).sendall(b\"Hello!!\")' (Ctrl-C ends; --count and --timeout bound the wait)…",
            host = started.bound.ip(),
            port = started.bound.port()
        )
    )?;
    writeln!(out)
}

/// The client's SYN as TCP_SAVED_SYN returned it: a line of what matters,
/// then its TCP header field by field.
fn syn(connection: &Connection, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let Some(syn) = &connection.syn else {
        return writeln!(
            out,
            "{}",
            t!("the client's SYN: not available (TCP_SAVED_SYN returned nothing)")
        );
    };
    let length = connection.syn_bytes.as_ref().map_or(0, Vec::len);
    writeln!(
        out,
        "{}",
        t!(
            "the client's SYN exactly as it arrived ({length} bytes of IP and TCP headers, from TCP_SAVED_SYN, observed without capture): ISN {isn}, window {window}, options: {options}",
            length,
            isn = syn.isn,
            window = syn.window,
            options = options_text(&syn.options)
        )
    )?;
    if let Some(tsval) = syn.tsval {
        writeln!(
            out,
            "{}",
            t!(
                "its TSval {tsval} is the client's millisecond clock plus a per-connection offset; the server echoes it in its SYN,ACK",
                tsval
            )
        )?;
    }
    if let Some(layer) = connection
        .syn_dissection
        .as_ref()
        .and_then(|d| d.layers.iter().find(|l| l.layer == LayerKind::Transport))
    {
        layers::fields_table_same_origin(layer, out, options)?;
    }
    Ok(())
}

fn segments(rows: &[SegmentRow], out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(
            out,
            "{}",
            t!("the capture saw no segment of this connection")
        );
    }
    writeln!(
        out,
        "{}",
        t!(
            "{count} segments captured (observed), seq and ack relative to each end's ISN:",
            count = rows.len()
        )
    )?;
    let mut table = new_table(options);
    table.set_header(vec![
        t!("#"),
        t!("direction"),
        t!("flags"),
        t!("seq"),
        t!("ack"),
        t!("len"),
        t!("window"),
    ]);
    for (i, r) in rows.iter().enumerate() {
        table.add_row(vec![
            (i + 1).to_string(),
            if r.from_client {
                t!("client → server")
            } else {
                t!("server → client")
            }
            .to_string(),
            r.flags.names(),
            r.seq.to_string(),
            r.ack.map_or_else(|| "-".to_string(), |a| a.to_string()),
            r.len.to_string(),
            match r.window_scale {
                Some(s) => format!("{} ×2^{s} = {}", r.window, u64::from(r.window) << s),
                None => r.window.to_string(),
            },
        ]);
    }
    writeln!(out, "{table}")
}

/// One connection, drawn when it has ended.
pub fn connection(
    connection: &Connection,
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
                "Connection {number}: {peer} → {local}, {size} received",
                number = connection.number,
                peer = connection.peer,
                local = connection.local,
                size = bytes(connection.bytes)
            )
        )
    )?;
    syn(connection, out, options)?;
    calls_table(&connection.calls, out, options)?;
    if connection.calls.first().and_then(|c| c.state) == Some(TcpState::CloseWait) {
        writeln!(
            out,
            "{}",
            t!("accept() returned a connection already in CLOSE_WAIT: the client had sent its data and its FIN before this server called accept(); the kernel queued both and acknowledged them on its own")
        )?;
    }
    let reads: Vec<String> = connection.reads.iter().map(usize::to_string).collect();
    writeln!(
        out,
        "{}",
        t!(
            "recv() returned {reads}: a stream has no message boundaries; the reads need not match the client's send() calls",
            reads = reads.join(", ")
        )
    )?;
    if connection.bytes > 0 {
        let shown = if connection.bytes > connection.data.len() {
            t!(
                "data (the first {kept} of {size} bytes): \"{text}\" (hex {hex})",
                kept = KEPT_BYTES,
                size = connection.bytes,
                text = escape_text(&connection.data),
                hex = to_hex(&connection.data)
            )
        } else {
            t!(
                "data: \"{data}\" ({size}, hex {hex})",
                data = escape_text(&connection.data),
                size = bytes(connection.bytes),
                hex = to_hex(&connection.data)
            )
        };
        writeln!(out, "{shown}")?;
    }
    match connection.end {
        ConnectionEnd::PeerClosed => {}
        ConnectionEnd::Failed => writeln!(
            out,
            "{}",
            t!("the connection ended abnormally: see the last recv()")
        )?,
        ConnectionEnd::Stopped => writeln!(
            out,
            "{}",
            t!("stopped while the client was still connected: this server closed first")
        )?,
    }
    match &connection.segments {
        Some(rows) => segments(rows, out, options)?,
        None => writeln!(
            out,
            "{}",
            t!("(no segments: capture is off or not permitted)")
        )?,
    }
    writeln!(out)
}

pub fn summary(
    summary: &TcpRecvSummary,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let why = match summary.ended {
        Ended::Count => t!("--count reached"),
        Ended::Timeout => t!("--timeout reached"),
        Ended::Interrupted => t!("interrupted (Ctrl-C)"),
    };
    let (size, bound, seconds) = (
        bytes(summary.bytes),
        summary.bound,
        format!("{:.1}", summary.seconds),
    );
    let line = if summary.connections == 1 {
        t!(
            "summary: 1 connection, {size} received on {bound} in {seconds} s; ended: {why}",
            size,
            bound,
            seconds,
            why
        )
    } else {
        t!(
            "summary: {connections} connections, {size} received on {bound} in {seconds} s; ended: {why}",
            connections = summary.connections,
            size,
            bound,
            seconds,
            why
        )
    };
    writeln!(
        out,
        "{}",
        super::wrap::wrap_line(&line, usize::from(options.width))
    )
}
