//! `stackviz recv` as the binary runs it: Ctrl-C handling, each datagram
//! written as it arrives, the summary, the optional HTML report.

use std::io::Write;
use std::time::Duration;

use stackviz::cli::{Format, RecvArgs};
use stackviz::error::Error;
use stackviz::render::{self, RenderOptions};
use stackviz::t;

use super::{capture_mode, plan_outputs, stdout_taken, write_html, Finished, HTML_FRAME_LIMIT};

/// Runs `recv`, streaming each datagram to stdout as it arrives. `RunFailed`
/// when it ended by timeout without a single datagram.
pub fn recv(args: &RecvArgs, format: Format, options: &RenderOptions) -> Result<Finished, Error> {
    if args.tcp {
        return super::recv_tcp::recv_tcp(args, format, options);
    }
    if args.summary {
        return super::recv_summary::recv_summary(args, format, options);
    }
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // If the handler cannot be installed Ctrl-C still ends the process, only
    // without the summary.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let recv_options = stackviz::recv::RecvOptions {
        bind: args.bind_address(),
        buffer: args.buf as usize,
        count: args.count.map(|c| c as usize),
        timeout: args.timeout.map(Duration::from_secs_f64),
        capture: capture_mode(args.capture),
        rcvbuf: args.rcvbuf.map(|b| b as usize),
    };
    let (_, html_file) = plan_outputs(None, args.html.as_deref(), args.force)?;
    let report_to_stderr = stdout_taken(&[&html_file]);
    // The datagrams that go on the HTML page: those with a frame, up to the limit.
    let mut kept: Vec<stackviz::recv::DatagramReport> = Vec::new();
    let mut setup_calls = Vec::new();
    let stdout = std::io::stdout();
    let emit = |bytes: Vec<u8>| -> std::io::Result<()> {
        if report_to_stderr {
            // `--html -`: standard output is the report file's.
            let mut lock = std::io::stderr().lock();
            lock.write_all(&bytes)?;
            return lock.flush();
        }
        let mut lock = stdout.lock();
        lock.write_all(&bytes)?;
        lock.flush()
    };
    let result = stackviz::recv::run_watching(
        &recv_options,
        &stop,
        |started| {
            setup_calls = started.setup.to_vec();
            let mut buf = Vec::new();
            match format {
                Format::Table => render::recv_text::start(started, &mut buf, options)?,
                Format::Json => render::json::render_recv_started(started, &mut buf)?,
            }
            emit(buf)
        },
        |datagram| {
            if html_file.is_some() && datagram.frame.is_some() && kept.len() < HTML_FRAME_LIMIT {
                kept.push(datagram.clone());
            }
            // Each datagram is an event of the trace, drawn as it arrives
            // (nothing is collected for the terminal or JSON views).
            let event = stackviz::session::recv_trace::received_event(datagram);
            let mut buf = Vec::new();
            match format {
                Format::Table => render::recv_text::datagram(&event, &mut buf, options)?,
                Format::Json => render::json::render_recv_datagram(&event, &mut buf)?,
            }
            emit(buf)
        },
        |backlog| {
            // Never silently: what queued up or was dropped meanwhile.
            let mut buf = Vec::new();
            match format {
                Format::Table => render::recv_brief::backlog(backlog, &mut buf, options)?,
                Format::Json => render::json::render_recv_backlog(backlog, &mut buf)?,
            }
            emit(buf)
        },
    );
    let summary = match result {
        Ok(summary) => summary,
        // A closed pipe ends the receiver quietly.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(Finished::Done)
        }
        Err(e) => return Err(e),
    };
    let mut buf = Vec::new();
    match format {
        Format::Table => render::recv_text::summary(&summary, &mut buf, options).and_then(|()| {
            // The kernel's count, when it dropped any.
            match summary.dropped_by_kernel {
                Some(0) => render::recv_brief::unread(&summary, &mut buf, options),
                _ => render::recv_brief::closing(&summary, &mut buf, options),
            }
        }),
        Format::Json => render::json::render_recv_summary(&summary, &mut buf),
    }
    .map_err(Error::Output)?;
    match emit(buf) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(Error::Output(e)),
        _ => {}
    }
    if let Some(file) = &html_file {
        let title = t!(
            "stackviz recv on {bound}: {count} datagrams",
            bound = summary.bound,
            count = summary.datagrams
        );
        let notes = summary.capture_note.iter().cloned().collect();
        let trace = stackviz::session::recv_trace::recv_trace(&setup_calls, &kept);
        let page = render::html::recv_page(title, &trace, notes);
        write_html(&page, file)?;
    }
    // A receiver that heard nothing before its --timeout did not do its job.
    Ok(Finished::run_failed_if(
        summary.datagrams == 0 && summary.ended == stackviz::recv::Ended::Timeout,
    ))
}
