//! `stackviz send` as the binary runs it: the payload from the arguments,
//! the run, the files (--pcap, --html), and the output (--step pauses).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use stackviz::capturing::CaptureMode;
use stackviz::cli::{Format, SendArgs};
use stackviz::error::Error;
use stackviz::input;
use stackviz::net::exchange::{Family, Request, Target};
use stackviz::render::{self, RenderOptions};
use stackviz::send::SendReport;
use stackviz::t;

use stackviz::output::OutputFile;

use super::{capture_mode, plan_outputs, stdout_taken, tell_written, write_html, Finished};

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

/// Runs `send`; `RunFailed` when the output is complete but the run failed
/// (unexpected differences, or a required capture that saw nothing).
pub fn send(
    args: &SendArgs,
    format: Format,
    options: &RenderOptions,
    out: &mut Vec<u8>,
) -> Result<Finished, Error> {
    // Every output path is judged before anything is sent: a bad one must
    // not throw away a run that already happened.
    let (pcap_file, html_file) =
        plan_outputs(args.pcap.as_deref(), args.html.as_deref(), args.force)?;
    if stdout_taken(&[&pcap_file, &html_file]) {
        let mut report = Vec::new();
        let result = run_and_render(args, format, options, &mut report, &pcap_file, &html_file);
        let mut stderr = std::io::stderr().lock();
        stderr
            .write_all(&report)
            .and_then(|()| stderr.flush())
            .map_err(Error::Output)?;
        return result;
    }
    run_and_render(args, format, options, out, &pcap_file, &html_file)
}

fn run_and_render(
    args: &SendArgs,
    format: Format,
    options: &RenderOptions,
    out: &mut Vec<u8>,
    pcap_file: &Option<OutputFile>,
    html_file: &Option<OutputFile>,
) -> Result<Finished, Error> {
    if let (Some(count), true) = (args.count, args.tcp) {
        return super::flow::run(args, count, payload(args)?, format, options, out);
    }
    if let Some(count) = args.count {
        if args.capture != stackviz::cli::CaptureArg::Auto {
            eprintln!(
                "{}",
                t!("note: --capture has no effect on UDP's --count: nothing is captured there")
            );
        }
        return super::loss::run(args, count, payload(args)?, format, options, out);
    }
    let mode = capture_mode(args.capture);
    if args.tcp {
        return run_tcp(args, format, options, out, mode, pcap_file, html_file);
    }
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
    if args.compare_transports {
        return compare_transports(args, request, format, options, out, mode);
    }
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
        return Ok(Finished::run_failed_if(
            r4.unexpected_differences() + r6.unexpected_differences() > 0,
        ));
    }
    let report = stackviz::send::run(&request, mode, args.mtu.map(usize::from))?;
    match (format, args.step) {
        (Format::Table, true) => {
            let chunks =
                render::send_text::chunks(&report, options, true).map_err(Error::Output)?;
            if stdout_taken(&[pcap_file, html_file]) {
                // Standard output carries a file: no pauses, the report goes
                // with everything else to standard error.
                chunks.iter().for_each(|chunk| out.extend_from_slice(chunk));
            } else {
                step_through(&chunks, false).map_err(Error::Output)?;
            }
        }
        (Format::Table, false) => {
            render::send_text::render(&report, out, options).map_err(Error::Output)?
        }
        (Format::Json, _) => render::json::render_send(&report, out).map_err(Error::Output)?,
    }
    // The files come after the report is rendered: if one cannot be written
    // (a full disk, /dev/full), the run is still shown before the error.
    if let Some(file) = pcap_file {
        write_pcap(&report, file)?;
    }
    if let Some(file) = html_file {
        write_html(&render::html::send_page(&report), file)?;
    }
    Ok(Finished::run_failed_if(
        report.unexpected_differences() > 0
            || (mode == CaptureMode::On && report.datagram_missed()),
    ))
}

/// `send --tcp`: one real connection, its segments, the timeline and the
/// ladder.
fn run_tcp(
    args: &SendArgs,
    format: Format,
    options: &RenderOptions,
    out: &mut Vec<u8>,
    mode: CaptureMode,
    pcap_file: &Option<OutputFile>,
    html_file: &Option<OutputFile>,
) -> Result<Finished, Error> {
    use stackviz::cli::Scenario as Chosen;
    use stackviz::net::tcp_exchange::{Scenario, TcpRequest, TcpTarget};
    let scenario = match args.scenario {
        None | Some(Chosen::ClosedPort) => Scenario::Plain,
        Some(Chosen::NoAccept) => Scenario::NoAccept,
        Some(Chosen::TwoSends) => Scenario::TwoSends,
        Some(Chosen::Reset) => Scenario::Reset,
        Some(Chosen::UnreadClose) => Scenario::UnreadClose,
        Some(Chosen::SmallMss) => Scenario::SmallMss(args.mss.unwrap_or(536)),
        Some(Chosen::NoAnswer) => Scenario::NoAnswer,
    };
    if args.mss.is_some() && !matches!(scenario, Scenario::SmallMss(_)) {
        // Bad usage, said the way clap says it (exit 2), before any work.
        let mut command = stackviz::i18n::help::command();
        let send = command.find_subcommand_mut("send").cloned();
        send.unwrap_or(command)
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                t!("--mss sets the MSS of --scenario small-mss; it means nothing in another scenario"),
            )
            .exit();
    }
    let given = args.message.is_some() || args.hex.is_some() || args.file.is_some();
    let payload = match scenario {
        // "Hello" and "World": two sends, one recv().
        Scenario::TwoSends if !given => b"HelloWorld".to_vec(),
        // Longer than two of the small MSS's segments.
        Scenario::SmallMss(_) if !given => DEFAULT_MESSAGE
            .bytes()
            .chain(std::iter::once(b' '))
            .cycle()
            .take(1200)
            .collect(),
        _ => payload(args)?,
    };
    let request = TcpRequest {
        payload,
        target: match (
            args.to,
            args.no_receiver || args.scenario == Some(Chosen::ClosedPort),
        ) {
            (Some(addr), _) => TcpTarget::Remote(addr),
            (None, true) => TcpTarget::Closed { port: args.port },
            (None, false) => TcpTarget::Embedded { port: args.port },
        },
        family: if args.ipv6 { Family::V6 } else { Family::V4 },
        from: args.from,
        timeout: Duration::from_secs_f64(args.timeout),
        scenario,
    };
    let report = stackviz::tcp::run(&request, mode)?;
    let expand = render::tcp_text::Expand {
        segments: args.segment.iter().map(|n| usize::from(*n)).collect(),
        all: args.all,
        absolute: args.absolute,
    };
    match (format, args.step) {
        (Format::Table, true) => {
            let chunks =
                render::tcp_text::chunks(&report, options, &expand).map_err(Error::Output)?;
            if stdout_taken(&[pcap_file, html_file]) {
                chunks.iter().for_each(|chunk| out.extend_from_slice(chunk));
            } else {
                step_through(&chunks, true).map_err(Error::Output)?;
            }
        }
        (Format::Table, false) => {
            render::tcp_text::render(&report, out, options, &expand).map_err(Error::Output)?
        }
        (Format::Json, _) => render::json::tcp::render(&report, out).map_err(Error::Output)?,
    }
    if let Some(file) = pcap_file {
        let frames = render::pcap::tcp_frames(&report);
        let written = file.write(|w| {
            render::pcap::write(&frames, w).map_err(|e| std::io::Error::other(e.to_string()))
        })?;
        tell_written("--pcap", &written);
    }
    if let Some(file) = html_file {
        write_html(&render::html::tcp_page(&report), file)?;
    }
    Ok(Finished::run_failed_if(
        report.unexpected_differences() > 0 || (mode == CaptureMode::On && report.missed() > 0),
    ))
}

/// `send --compare-transports`: the same message over UDP, then over TCP
/// (the same port number: UDP's and TCP's ports are separate).
fn compare_transports(
    args: &SendArgs,
    request: Request,
    format: Format,
    options: &RenderOptions,
    out: &mut Vec<u8>,
    mode: CaptureMode,
) -> Result<Finished, Error> {
    use stackviz::net::tcp_exchange::{TcpRequest, TcpTarget};
    let udp = stackviz::send::run(&request, mode, None)?;
    let tcp_request = TcpRequest {
        payload: request.payload.clone(),
        target: TcpTarget::Embedded { port: args.port },
        family: request.family,
        from: request.from,
        timeout: request.timeout,
        scenario: stackviz::net::tcp_exchange::Scenario::Plain,
    };
    let tcp = stackviz::tcp::run(&tcp_request, mode)?;
    let comparison = stackviz::transports::compare(&udp, &tcp);
    let ip = if args.ipv6 { "IPv6" } else { "IPv4" };
    match format {
        Format::Table => render::transports::render(&comparison, ip, out, options),
        Format::Json => render::json::transports::render(&comparison, out),
    }
    .map_err(Error::Output)?;
    Ok(Finished::run_failed_if(
        udp.unexpected_differences() + tcp.unexpected_differences() > 0,
    ))
}

/// `--step`: print one piece, wait for Enter, print the next. Only when both
/// ends are a terminal; otherwise everything at once.
fn step_through(chunks: &[Vec<u8>], tcp: bool) -> std::io::Result<()> {
    match show_steps(chunks, tcp) {
        // A reader that stopped reading (`| head`) ends the walk, not the run.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn show_steps(chunks: &[Vec<u8>], tcp: bool) -> std::io::Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut stdout = std::io::stdout().lock();
    for (i, chunk) in chunks.iter().enumerate() {
        stdout.write_all(chunk)?;
        stdout.flush()?;
        if interactive && i + 1 < chunks.len() {
            let (step, total) = (i + 1, chunks.len());
            eprint!(
                "{}",
                if tcp {
                    t!(
                        "-- press Enter for the next segment ({step} of {total}) --",
                        step,
                        total
                    )
                } else {
                    t!(
                        "-- press Enter for the next layer ({step} of {total}) --",
                        step,
                        total
                    )
                }
            );
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line)? == 0 {
                break;
            }
        }
    }
    Ok(())
}

/// Writes the pcapng file where it was planned to go (see `output`).
fn write_pcap(report: &SendReport, file: &OutputFile) -> Result<(), Error> {
    let frames = render::pcap::send_frames(report);
    let written = file.write(|w| {
        render::pcap::write(&frames, w).map_err(|e| std::io::Error::other(e.to_string()))
    })?;
    tell_written("--pcap", &written);
    Ok(())
}
