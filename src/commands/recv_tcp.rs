//! `stackviz recv --tcp` as the binary runs it: Ctrl-C handling, each
//! connection written as it ends, the summary.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use stackviz::cli::{Format, RecvArgs};
use stackviz::error::Error;
use stackviz::render::{self, RenderOptions};

use super::{capture_mode, Finished};

/// Runs the TCP server, streaming each connection to stdout. `RunFailed`
/// when it ended by timeout without a single connection.
pub fn recv_tcp(
    args: &RecvArgs,
    format: Format,
    options: &RenderOptions,
) -> Result<Finished, Error> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // If the handler cannot be installed Ctrl-C still ends the process, only
    // without the summary.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let recv_options = stackviz::recv_tcp::TcpRecvOptions {
        bind: args.bind_address(),
        buffer: args.buf as usize,
        count: args.count.map(|c| c as usize),
        timeout: args.timeout.map(Duration::from_secs_f64),
        capture: capture_mode(args.capture),
    };
    let emit = |bytes: Vec<u8>| -> std::io::Result<()> {
        let mut lock = std::io::stdout().lock();
        lock.write_all(&bytes)?;
        lock.flush()
    };
    let result = stackviz::recv_tcp::run(
        &recv_options,
        &stop,
        |started| {
            let mut buf = Vec::new();
            match format {
                Format::Table => render::recv_tcp_text::start(started, &mut buf, options)?,
                Format::Json => render::json::recv_tcp::started(started, &mut buf)?,
            }
            emit(buf)
        },
        |connection| {
            let mut buf = Vec::new();
            match format {
                Format::Table => render::recv_tcp_text::connection(connection, &mut buf, options)?,
                Format::Json => render::json::recv_tcp::connection(connection, &mut buf)?,
            }
            emit(buf)
        },
    );
    let summary = match result {
        Ok(summary) => summary,
        // A closed pipe ends the server quietly.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(Finished::Done)
        }
        Err(e) => return Err(e),
    };
    let mut buf = Vec::new();
    match format {
        Format::Table => render::recv_tcp_text::summary(&summary, &mut buf, options),
        Format::Json => render::json::recv_tcp::summary(&summary, &mut buf),
    }
    .map_err(Error::Output)?;
    match emit(buf) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(Error::Output(e)),
        _ => {}
    }
    // A server no client reached before its --timeout did not do its job.
    Ok(Finished::run_failed_if(
        summary.connections == 0 && summary.ended == stackviz::recv::Ended::Timeout,
    ))
}
