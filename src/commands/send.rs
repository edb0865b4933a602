//! `stackviz send` as the binary runs it: the payload from the arguments,
//! the run, the files (--pcap, --html), and the output (--step pauses).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use stackviz::cli::{Format, SendArgs};
use stackviz::error::Error;
use stackviz::input;
use stackviz::net::exchange::{Family, Request, Target};
use stackviz::render::{self, RenderOptions};
use stackviz::send::{CaptureMode, SendReport};
use stackviz::t;

use super::{capture_mode, write_html};

/// The message of the classic first UDP program.
const DEFAULT_MESSAGE: &str = "Hello!!";

fn payload(args: &SendArgs) -> Result<Vec<u8>, Error> {
    if let Some(bytes) = &args.hex {
        return Ok(bytes.0.clone());
    }
    if let Some(path) = &args.file {
        return input::read_payload_file(path);
    }
    match args.message.as_deref() {
        Some("-") => input::read_payload_file(Path::new("-")),
        Some("") => Err(Error::EmptyPayload {
            what: stackviz::error::EmptyInput::Message,
        }),
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => Ok(DEFAULT_MESSAGE.as_bytes().to_vec()),
    }
}

/// Runs `send`; Ok(true) when the output is complete but the run failed
/// (unexpected differences, or a required capture that saw nothing).
pub fn send(
    args: &SendArgs,
    format: Format,
    options: &RenderOptions,
    out: &mut Vec<u8>,
) -> Result<bool, Error> {
    for path in [&args.pcap, &args.html].into_iter().flatten() {
        stackviz::output::check_free(path, args.force)?;
    }
    let mode = capture_mode(args.capture);
    let request = Request {
        payload: payload(args)?,
        target: match (args.to, args.no_receiver) {
            (Some(addr), _) => Target::Remote(addr),
            (None, true) => Target::Unbound { port: args.port },
            (None, false) => Target::Embedded { port: args.port },
        },
        from: args.from,
        ttl: args.ttl,
        timeout: Duration::from_secs_f64(args.timeout),
        dont_fragment: args.dont_fragment,
        fragmentable: false,
        family: if args.ipv6 { Family::V6 } else { Family::V4 },
    };
    if args.compare_families {
        let mut v4 = request.clone();
        v4.family = Family::V4;
        let mut v6 = request.clone();
        v6.family = Family::V6;
        let r4 = stackviz::send::run(&v4, mode, args.mtu.map(usize::from))?;
        let r6 = stackviz::send::run(&v6, mode, args.mtu.map(usize::from))?;
        match format {
            Format::Table => render::families::render(&r4, &r6, out, options),
            Format::Json => render::json::render_families(&r4, &r6, out),
        }
        .map_err(Error::Output)?;
        return Ok(r4.unexpected_differences() + r6.unexpected_differences() > 0);
    }
    let report = stackviz::send::run(&request, mode, args.mtu.map(usize::from))?;
    if let Some(path) = &args.pcap {
        write_pcap(&report, path)?;
    }
    if let Some(path) = &args.html {
        write_html(&stackviz::send::html_page(&report), path)?;
    }
    match (format, args.step) {
        (Format::Table, true) => {
            let chunks =
                render::send_text::chunks(&report, options, true).map_err(Error::Output)?;
            step_through(&chunks).map_err(Error::Output)?;
        }
        (Format::Table, false) => {
            render::send_text::render(&report, out, options).map_err(Error::Output)?
        }
        (Format::Json, _) => render::json::render_send(&report, out).map_err(Error::Output)?,
    }
    Ok(
        report.unexpected_differences() > 0
            || (mode == CaptureMode::On && report.datagram_missed()),
    )
}

/// `--step`: print one piece, wait for Enter, print the next. Only when both
/// ends are a terminal; otherwise everything at once.
fn step_through(chunks: &[Vec<u8>]) -> std::io::Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut stdout = std::io::stdout().lock();
    for (i, chunk) in chunks.iter().enumerate() {
        stdout.write_all(chunk)?;
        stdout.flush()?;
        if interactive && i + 1 < chunks.len() {
            eprint!(
                "{}",
                t!(
                    "-- press Enter for the next layer ({step} of {total}) --",
                    step = i + 1,
                    total = chunks.len()
                )
            );
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line)? == 0 {
                break;
            }
        }
    }
    Ok(())
}

/// Writes the pcapng file (atomically, see `output`).
fn write_pcap(report: &SendReport, path: &Path) -> Result<(), Error> {
    let frames = stackviz::send::pcap_frames(report);
    stackviz::output::write_atomically(path, |w| {
        render::pcap::write(&frames, w).map_err(|e| std::io::Error::other(e.to_string()))
    })
}
