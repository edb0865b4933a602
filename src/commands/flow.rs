//! `stackviz send --tcp --count N` as the binary runs it: Ctrl-C stops the
//! client after the message in hand (the server still reads what was sent,
//! without pausing), then the table or JSON.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use stackviz::cli::{
    Format, SendArgs, DEFAULT_FLOW_PAUSE_MS, DEFAULT_FLOW_SNDBUF, DEFAULT_LOSS_RCVBUF,
};
use stackviz::error::Error;
use stackviz::net::tcp_flow::FlowRequest;
use stackviz::render::{self, RenderOptions};

use super::{capture_mode, Finished};

/// How often TCP_INFO of both sockets is read.
const SAMPLE_EVERY: Duration = Duration::from_millis(2);

/// Runs the flow-control demonstration; `RunFailed` when the stream did
/// not arrive whole and in order.
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
    let request = FlowRequest {
        port: args.port,
        count,
        rate: args.rate.unwrap_or(0),
        rcvbuf: args.rcvbuf.unwrap_or(DEFAULT_LOSS_RCVBUF) as usize,
        sndbuf: match args.sndbuf.unwrap_or(DEFAULT_FLOW_SNDBUF) {
            0 => None,
            bytes => Some(bytes as usize),
        },
        pause: Duration::from_millis(u64::from(
            args.slow_receiver.unwrap_or(DEFAULT_FLOW_PAUSE_MS),
        )),
        text,
        timeout: Duration::from_secs_f64(args.timeout),
        sample_every: SAMPLE_EVERY,
    };
    let report = stackviz::flow::run(&request, capture_mode(args.capture), &stop)?;
    match format {
        Format::Table => render::flow_text::render(&report, out, options),
        Format::Json => render::json::flow::render(&report, out),
    }
    .map_err(Error::Output)?;
    Ok(Finished::run_failed_if(!report.intact))
}
