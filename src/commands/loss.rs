//! `stackviz send --count N` as the binary runs it: Ctrl-C stops the sender
//! (what was sent is still read and counted), then the table or JSON.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use stackviz::cli::{Format, SendArgs, DEFAULT_LOSS_RCVBUF};
use stackviz::error::Error;
use stackviz::net::overflow::OverflowRequest;
use stackviz::render::{self, RenderOptions};

use super::Finished;

/// Runs the loss demonstration; `RunFailed` when sent = received + dropped
/// does not hold (or the drop counter never came back).
pub fn run(
    args: &SendArgs,
    count: u64,
    text: Vec<u8>,
    format: Format,
    options: &RenderOptions,
    out: &mut Vec<u8>,
) -> Result<Finished, Error> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // Without the handler Ctrl-C still ends the process, only without the
    // summary.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let request = OverflowRequest {
        port: args.port,
        count,
        rate: args.rate.unwrap_or(0),
        rcvbuf: args.rcvbuf.unwrap_or(DEFAULT_LOSS_RCVBUF) as usize,
        slow_receiver: args
            .slow_receiver
            .map(|ms| Duration::from_millis(u64::from(ms))),
        text,
        timeout: Duration::from_secs_f64(args.timeout),
    };
    let report = stackviz::loss::run(&request, &stop)?;
    match format {
        Format::Table => render::loss_text::render(&report, out, options, args.order),
        Format::Json => render::json::loss::render(&report, out),
    }
    .map_err(Error::Output)?;
    Ok(Finished::run_failed_if(!report.balanced()))
}
