//! Entry point: parse the command line, decide the output options once, run
//! the command, print its output in one piece, and map errors to exit codes
//! (0 ok, 1 the run failed, 2 bad usage).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use stackviz::cli::{
    CaptureArg, Cli, ColorChoice, Command, DecodeArgs, Format, LinkArg, OutputArgs, RecvArgs,
    SendArgs,
};
use stackviz::error::Error;
use stackviz::input;
use stackviz::net::exchange::{Family, Request, Target};
use stackviz::render::{self, RenderOptions};
use stackviz::send::{CaptureMode, SendReport};

/// How many frames an HTML report holds: a page is for people, not for a
/// whole capture file.
const HTML_FRAME_LIMIT: usize = 200;

/// The message of the classic first UDP program.
const DEFAULT_MESSAGE: &str = "Hello!!";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = render_options(&cli.output);
    let mut buffer = Vec::new();
    let result = match &cli.command {
        Command::Send(args) => send(args, cli.output.format, &options, &mut buffer),
        Command::Recv(args) => recv(args, cli.output.format, &options),
        Command::Decode(args) => decode(args, cli.output.format, &options),
        Command::Layers(args) => {
            let written = match cli.output.format {
                Format::Table => render::teaching::layers(args.osi, &mut buffer, &options),
                Format::Json => {
                    serde_json::to_writer_pretty(&mut buffer, &stackviz::teaching::MODEL)
                        .map_err(std::io::Error::from)
                        .and_then(|()| writeln!(buffer))
                }
            };
            written.map(|()| false).map_err(Error::Output)
        }
    };
    match result {
        Ok(failed) => {
            let code = write_stdout(&buffer);
            if failed && code == ExitCode::SUCCESS {
                ExitCode::from(1)
            } else {
                code
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            if let Some(hint) = error.hint() {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(error.exit_code())
        }
    }
}

/// Writes the whole output at once; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", Error::Output(e));
            ExitCode::from(1)
        }
    }
}

/// Runs `decode`, streaming each frame to stdout. Ok(true) when any frame
/// was malformed.
fn decode(args: &DecodeArgs, format: Format, options: &RenderOptions) -> Result<bool, Error> {
    use stackviz::decode::{Flow, Input, Link};
    let link = args.link.map(|l| match l {
        LinkArg::Ethernet => Link::Ethernet,
        LinkArg::RawIp => Link::RawIp,
        LinkArg::LinuxSll => Link::LinuxSll,
    });
    let input = if args.input.len() == 1 && args.input[0] == "-" {
        Input::Stdin
    } else if args.input.len() == 1 && Path::new(&args.input[0]).is_file() {
        Input::File(args.input[0].clone().into())
    } else {
        // Several words are one hex text: `decode 45 00 00 1c …` works unquoted.
        Input::Text(args.input.join(" "))
    };
    if let Some(path) = &args.html {
        stackviz::output::check_free(path, args.force)?;
    }
    // For --html: owned copies of the shown frames, a bounded number.
    let mut kept: Vec<render::html::KeptFrame> = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let (mut read, mut shown, mut malformed) = (0usize, 0usize, 0usize);
    let result = stackviz::decode::run(&input, link, |frame| {
        read += 1;
        if (read as u64) <= args.skip {
            return Ok(Flow::Continue);
        }
        if args
            .filter
            .as_ref()
            .is_some_and(|f| !f.matches(&frame.dissection))
        {
            return Ok(Flow::Continue);
        }
        shown += 1;
        malformed += usize::from(frame.dissection.malformed.is_some());
        if args.html.is_some() && kept.len() < HTML_FRAME_LIMIT {
            kept.push(render::html::KeptFrame {
                title: format!("Frame {}", frame.raw.number),
                bytes: frame.raw.data.to_vec(),
                dissection: frame.dissection.clone(),
            });
        }
        let written = match (format, args.summary) {
            (Format::Json, _) => render::json::render_decoded(&frame, &mut out),
            (Format::Table, true) => writeln!(out, "{}", render::decode_text::summary_line(&frame)),
            (Format::Table, false) => render::decode_text::frame(&frame, &mut out, options),
        };
        written.map_err(Error::Output)?;
        Ok(if args.count.is_some_and(|c| shown as u64 >= c) {
            Flow::Stop
        } else {
            Flow::Continue
        })
    });
    let closing = |out: &mut std::io::BufWriter<std::io::StdoutLock<'_>>| -> std::io::Result<()> {
        if format == Format::Table {
            render::decode_text::closing(read, shown, malformed, out)?;
        }
        out.flush()
    };
    match result {
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(false),
        Err(e) => {
            // Frames already shown stay; the error comes after them.
            let _ = out.flush();
            return Err(e);
        }
        Ok(()) => {}
    }
    match closing(&mut out) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(Error::Output(e)),
        _ => {}
    }
    if let Some(path) = &args.html {
        let mut notes = Vec::new();
        if shown > kept.len() {
            notes.push(format!(
                "{shown} frames matched; the report holds the first {}",
                kept.len()
            ));
        }
        let title = format!(
            "stackviz decode: {} frame{}",
            kept.len(),
            if kept.len() == 1 { "" } else { "s" }
        );
        let page = render::html::HtmlPage::of_kept(title, &[], &kept, notes);
        write_html(&page, path)?;
    }
    Ok(malformed > 0)
}

fn capture_mode(arg: CaptureArg) -> CaptureMode {
    match arg {
        CaptureArg::Auto => CaptureMode::Auto,
        CaptureArg::On => CaptureMode::On,
        CaptureArg::Off => CaptureMode::Off,
    }
}

/// Runs `recv`, streaming each datagram to stdout as it arrives. Ok(true)
/// when it ended by timeout without a single datagram.
fn recv(args: &RecvArgs, format: Format, options: &RenderOptions) -> Result<bool, Error> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // If the handler cannot be installed Ctrl-C still ends the process, only
    // without the summary.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let recv_options = stackviz::recv::RecvOptions {
        bind: args.bind,
        buffer: args.buf as usize,
        count: args.count.map(|c| c as usize),
        timeout: args.timeout.map(Duration::from_secs_f64),
        capture: capture_mode(args.capture),
    };
    if let Some(path) = &args.html {
        stackviz::output::check_free(path, args.force)?;
    }
    let mut kept: Vec<render::html::KeptFrame> = Vec::new();
    let mut setup_calls = Vec::new();
    let stdout = std::io::stdout();
    let emit = |bytes: Vec<u8>| -> std::io::Result<()> {
        let mut lock = stdout.lock();
        lock.write_all(&bytes)?;
        lock.flush()
    };
    let result = stackviz::recv::run(
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
            if let (Some(frame), true) = (&datagram.frame, kept.len() < HTML_FRAME_LIMIT) {
                let title = format!(
                    "Datagram {}: {} bytes from {}, as it arrived",
                    datagram.number, datagram.datagram.length, datagram.datagram.from
                );
                kept.push(render::html::KeptFrame {
                    title,
                    bytes: frame.bytes.clone(),
                    dissection: frame.dissection.clone(),
                });
            }
            let mut buf = Vec::new();
            match format {
                Format::Table => render::recv_text::datagram(datagram, &mut buf, options)?,
                Format::Json => render::json::render_recv_datagram(datagram, &mut buf)?,
            }
            emit(buf)
        },
    );
    let summary = match result {
        Ok(summary) => summary,
        // A closed pipe ends the receiver quietly.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(false),
        Err(e) => return Err(e),
    };
    let mut buf = Vec::new();
    match format {
        Format::Table => render::recv_text::summary(&summary, &mut buf),
        Format::Json => render::json::render_recv_summary(&summary, &mut buf),
    }
    .map_err(Error::Output)?;
    match emit(buf) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(Error::Output(e)),
        _ => {}
    }
    if let Some(path) = &args.html {
        let title = format!(
            "stackviz recv on {}: {} datagrams",
            summary.bound, summary.datagrams
        );
        let notes = summary.capture_note.iter().cloned().collect();
        let page = render::html::HtmlPage::of_kept(title, &setup_calls, &kept, notes);
        write_html(&page, path)?;
    }
    Ok(summary.datagrams == 0 && summary.ended == stackviz::recv::Ended::Timeout)
}

fn render_options(output: &OutputArgs) -> RenderOptions {
    let terminal = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match output.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    };
    let width = output.width.unwrap_or_else(|| {
        let from_terminal = terminal
            .then(|| terminal_size::terminal_size_of(std::io::stdout()))
            .flatten()
            .map(|(w, _)| w.0);
        from_terminal.unwrap_or(100).max(40)
    });
    RenderOptions {
        color,
        width,
        rfc: output.rfc,
    }
}

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
            what: "the message".into(),
        }),
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => Ok(DEFAULT_MESSAGE.as_bytes().to_vec()),
    }
}

/// Runs `send`; Ok(true) when the output is complete but the run failed
/// (unexpected differences, or a required capture that saw nothing).
fn send(
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
                "-- press Enter for the next layer ({} of {}) --",
                i + 1,
                chunks.len()
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

/// Writes the HTML report (atomically).
fn write_html(page: &render::html::HtmlPage<'_>, path: &Path) -> Result<(), Error> {
    stackviz::output::write_atomically(path, |mut w| render::html::write(page, &mut w))
}
