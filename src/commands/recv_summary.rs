//! `stackviz recv --summary` as the binary runs it: one buffered writer for
//! every line, flushed as the receiver ticks, on Ctrl-C and at the end.

use std::cell::RefCell;
use std::io::{BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use stackviz::cli::{Format, RecvArgs};
use stackviz::error::Error;
use stackviz::recv::{Ended, Started};
use stackviz::recv_summary::{SummaryEvent, SummaryOptions, SUMMARY_RCVBUF};
use stackviz::render::{self, RenderOptions};

use super::Finished;

pub fn recv_summary(
    args: &RecvArgs,
    format: Format,
    options: &RenderOptions,
) -> Result<Finished, Error> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // Without the handler Ctrl-C still ends the process, only without the
    // summary.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let summary_options = SummaryOptions {
        bind: args.bind_address(),
        buffer: args.buf as usize,
        count: args.count.map(|c| c as usize),
        timeout: args.timeout.map(Duration::from_secs_f64),
        rcvbuf: args.rcvbuf.map_or(SUMMARY_RCVBUF, |b| b as usize),
    };
    let buffer = summary_options.buffer;
    let stdout = std::io::stdout();
    let out = RefCell::new(BufWriter::with_capacity(1 << 16, stdout.lock()));
    let result = stackviz::recv_summary::run(
        &summary_options,
        &stop,
        |started| {
            let mut out = out.borrow_mut();
            match format {
                Format::Table => render::recv_brief::start(started, &mut *out, options)?,
                Format::Json => {
                    let as_recv = Started {
                        bound: started.bound,
                        setup: started.setup,
                        capture_note: None,
                    };
                    render::json::render_recv_started(&as_recv, &mut *out)?
                }
            }
            // Senders may start now: say so at once.
            out.flush()
        },
        |event| {
            let mut out = out.borrow_mut();
            match (format, event) {
                (Format::Json, event) => render::json::render_recv_brief(event, &mut *out),
                (Format::Table, SummaryEvent::Datagram(brief)) => {
                    render::recv_brief::line(brief, buffer, &mut *out)
                }
                (Format::Table, SummaryEvent::Dropped { dropped, total }) => {
                    render::recv_brief::dropped(*dropped, *total, &mut *out)
                }
            }
        },
        || out.borrow_mut().flush(),
    );
    let mut out = out.into_inner();
    let summary = match result {
        Ok(summary) => summary,
        // A closed pipe ends the receiver quietly.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(Finished::Done)
        }
        Err(e) => return Err(e),
    };
    let closing = match format {
        Format::Table => render::recv_text::summary(&summary, &mut out, options)
            .and_then(|()| render::recv_brief::closing(&summary, &mut out, options)),
        Format::Json => render::json::render_recv_summary(&summary, &mut out),
    }
    .and_then(|()| out.flush());
    match closing {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(Error::Output(e)),
        _ => {}
    }
    Ok(Finished::run_failed_if(
        summary.datagrams == 0 && summary.ended == Ended::Timeout,
    ))
}
