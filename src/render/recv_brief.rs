//! The text of `stackviz recv --summary` (one line per datagram, cheap to
//! write) and the kernel's drop counts both recv modes report: where drops
//! happened, what queued up while a datagram was drawn, and the totals.

use std::io::{self, Write};

use super::{heading, RenderOptions};
use crate::recv::{Backlog, RecvSummary};
use crate::recv_summary::{Brief, SummaryStarted};
use crate::t;
use crate::text::{escape_text, text_prefix};

/// How much of each datagram a line shows.
const PREVIEW: usize = 24;

pub fn start(
    started: &SummaryStarted<'_>,
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
                "stackviz recv --summary: a real UDP receiver on {bound}, one line per datagram",
                bound = started.bound
            )
        )
    )?;
    super::recv_text::calls_table(started.setup, out, options)?;
    writeln!(
        out,
        "{}",
        t!("waiting for datagrams (Ctrl-C ends; --count and --timeout bound the wait)…")
    )?;
    writeln!(
        out,
        "{}",
        t!("columns: number, seconds since bind (when recvmmsg() returned it), sender, length in bytes, the data (its first 24 bytes)")
    )
}

/// One datagram, one line: written straight into `out`, no string built
/// unless the data needs escaping.
pub fn line(brief: &Brief<'_>, buffer: usize, out: &mut impl Write) -> io::Result<()> {
    write!(out, "{:>7} {:>11.6} ", brief.number, brief.seconds)?;
    match brief.from {
        Some(from) => write!(out, "{from:<21}")?,
        None => write!(out, "{:<21}", "?")?,
    }
    write!(out, " {:>5} \"", brief.length)?;
    let shown = text_prefix(brief.data, PREVIEW);
    match std::str::from_utf8(shown) {
        Ok(text)
            if !text
                .chars()
                .any(|c| c.is_control() || c == '"' || c == '\\') =>
        {
            out.write_all(shown)?
        }
        _ => out.write_all(escape_text(shown).as_bytes())?,
    }
    out.write_all(b"\"")?;
    if brief.length > shown.len() {
        out.write_all("…".as_bytes())?;
    }
    if brief.truncated() {
        write!(
            out,
            "  {}",
            t!("(TRUNCATED to {buffer} bytes by --buf)", buffer = buffer)
        )?;
    }
    out.write_all(b"\n")
}

/// Where the kernel dropped datagrams: between the previous line and the
/// next, as SO_RXQ_OVFL says.
pub fn dropped(dropped: u64, total: u64, out: &mut impl Write) -> io::Result<()> {
    let line = if dropped == 1 {
        t!(
            "the kernel dropped 1 datagram here: the socket's receive queue was full ({total} so far, SO_RXQ_OVFL)",
            total
        )
    } else {
        t!(
            "the kernel dropped {dropped} datagrams here: the socket's receive queue was full ({total} so far, SO_RXQ_OVFL)",
            dropped,
            total
        )
    };
    writeln!(out, "        -- {line}")
}

/// Full detail: what queued up, and what the kernel dropped, while stackviz
/// drew the previous datagram; said before the next one.
pub fn backlog(backlog: &Backlog, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let Backlog {
        next,
        queued_bytes,
        dropped,
        total_dropped,
    } = *backlog;
    let waiting = if queued_bytes > 0 {
        t!(
            "{queued_bytes} bytes of further datagrams wait in the socket's receive queue (kernel memory, SO_MEMINFO); each is shown, in order",
            queued_bytes
        )
    } else {
        t!("nothing waits in the socket's receive queue").into()
    };
    let line = match dropped {
        0 => t!(
            "datagrams arrive faster than stackviz shows them: as it takes datagram {next}, {waiting}",
            next,
            waiting
        ),
        1 => t!(
            "before datagram {next}, the kernel dropped 1 datagram: the socket's receive queue was full ({total_dropped} so far, SO_RXQ_OVFL); it is gone. {waiting}",
            next,
            total_dropped,
            waiting
        ),
        _ => t!(
            "before datagram {next}, the kernel dropped {dropped} datagrams: the socket's receive queue was full ({total_dropped} so far, SO_RXQ_OVFL); they are gone. {waiting}",
            next,
            dropped,
            total_dropped,
            waiting
        ),
    };
    writeln!(
        out,
        "{}",
        super::wrap::wrap_line(&t!("note: {note}", note = line), usize::from(options.width))
    )?;
    writeln!(out)
}

/// The kernel's side of the closing summary: datagrams it dropped, the
/// queue's size, and with --summary the rate.
pub fn closing(
    summary: &RecvSummary,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let width = usize::from(options.width);
    let mut lines = Vec::new();
    if let Some(rate) = summary.datagrams_per_second {
        lines.push(t!(
            "rate: {rate} datagrams/s from the first to the last",
            rate = format!("{rate:.0}")
        ));
    }
    let buffer = summary
        .receive_buffer
        .map(|b| {
            t!(
                "; the receive queue holds at most {bytes} bytes (SO_RCVBUF)",
                bytes = b
            )
        })
        .unwrap_or_default();
    match summary.dropped_by_kernel {
        Some(0) => lines.push(t!(
            "received {received}, dropped by the kernel 0 (SO_RXQ_OVFL){buffer}",
            received = summary.datagrams,
            buffer
        )),
        Some(dropped) => lines.push(t!(
            "received {received}, dropped by the kernel {dropped}: {total} datagrams reached the socket and {dropped} of them found its receive queue full (SO_RXQ_OVFL){buffer}; their senders were never told",
            received = summary.datagrams,
            dropped,
            total = (summary.datagrams + summary.unread_at_end) as u64 + dropped,
            buffer
        )),
        None => lines.push(t!("this kernel does not say how many datagrams it dropped on the socket (SO_MEMINFO needs Linux 4.6)").into()),
    }
    for line in lines {
        writeln!(out, "{}", super::wrap::wrap_line(&line, width))?;
    }
    unread(summary, out, options)
}

/// The datagrams still queued when recv ended: counted, never silently
/// lost with the socket. Nothing when there were none.
pub fn unread(
    summary: &RecvSummary,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let note = match summary.unread_at_end {
        0 => return Ok(()),
        1 => t!("1 more datagram was still waiting in the socket's receive queue when recv ended: taken off unread, not shown").to_string(),
        count => t!(
            "{count} more datagrams were still waiting in the socket's receive queue when recv ended: taken off unread, not shown",
            count
        ),
    };
    writeln!(
        out,
        "{}",
        super::wrap::wrap_line(&t!("note: {note}", note), usize::from(options.width))
    )
}
