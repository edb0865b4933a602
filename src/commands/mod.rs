//! The commands as the binary runs them: each takes its parsed arguments and
//! the output options, calls the library, and writes to stdout (all at once,
//! or streamed for recv and decode). main.rs only parses and maps exit codes.

pub mod decode;
pub mod flow;
pub mod lab;
pub mod layers;
pub mod loss;
pub mod manual;
pub mod recv;
pub mod recv_summary;
pub mod recv_tcp;
pub mod send;

use std::path::Path;

use stackviz::capturing::CaptureMode;
use stackviz::cli::CaptureArg;
use stackviz::error::Error;
use stackviz::output::{self, Destination, OutputFile, SpecialFile, Written};
use stackviz::render;
use stackviz::t;

/// How a command that ran to its end went (an `Err` is the other way to
/// end, with its own exit code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// It did what was asked: exit 0.
    Done,
    /// Its output is complete but the run did not do what was asked (an
    /// unexplained difference, a required capture that saw nothing, a
    /// malformed frame, a receiver that heard nothing): exit 1.
    RunFailed,
}

impl Finished {
    /// `RunFailed` when `failed`, else `Done`.
    pub fn run_failed_if(failed: bool) -> Finished {
        if failed {
            Finished::RunFailed
        } else {
            Finished::Done
        }
    }
}

/// How many frames an HTML report holds: a page is for people, not for a
/// whole capture file.
pub const HTML_FRAME_LIMIT: usize = 200;

pub fn capture_mode(arg: CaptureArg) -> CaptureMode {
    match arg {
        CaptureArg::Auto => CaptureMode::Auto,
        CaptureArg::On => CaptureMode::On,
        CaptureArg::Off => CaptureMode::Off,
    }
}

/// Writes the HTML report where `file` was planned to go.
pub fn write_html(page: &render::html::HtmlPage<'_>, file: &OutputFile) -> Result<(), Error> {
    let written = file.write(|mut w| render::html::write(page, &mut w))?;
    tell_written("--html", &written);
    Ok(())
}

/// Plans the output files of one run (before anything is sent).
pub fn plan_outputs(
    pcap: Option<&Path>,
    html: Option<&Path>,
    force: bool,
) -> Result<(Option<OutputFile>, Option<OutputFile>), Error> {
    let named: Vec<(&str, &Path)> = [("--pcap", pcap), ("--html", html)]
        .into_iter()
        .filter_map(|(option, path)| path.map(|p| (option, p)))
        .collect();
    let mut planned = output::plan_all(&named, force)?.into_iter();
    let pcap = pcap.and_then(|_| planned.next());
    let html = html.and_then(|_| planned.next());
    Ok((pcap, html))
}

/// True when an output file is standard output: the report then goes to
/// standard error, as `tcpdump -w -` does, so the file stays whole.
pub fn stdout_taken(files: &[&Option<OutputFile>]) -> bool {
    files.iter().any(|f| {
        f.as_ref()
            .is_some_and(|f| f.destination == Destination::Stdout)
    })
}

/// Says what a write did when it was not simply a new file: a file replaced
/// with --force, a device or FIFO written in place, standard output.
pub fn tell_written(option: &str, written: &Written) {
    let path = written.path.display();
    let bytes = written.bytes;
    let line = match written.destination {
        Destination::Regular { replaces: false } => return,
        Destination::Regular { replaces: true } => t!(
            "{option}: replaced the file {path} ({bytes} bytes, --force)",
            option,
            path,
            bytes
        ),
        Destination::InPlace {
            what: SpecialFile::CharDevice,
        } => t!(
            "{option}: wrote {bytes} bytes into the character device {path} (written in place, not replaced)",
            option,
            bytes,
            path
        ),
        Destination::InPlace {
            what: SpecialFile::Fifo,
        } => t!(
            "{option}: wrote {bytes} bytes into the FIFO {path} (written in place, not replaced)",
            option,
            bytes,
            path
        ),
        Destination::Stdout => t!(
            "{option}: wrote {bytes} bytes to standard output; the report went to standard error",
            option,
            bytes
        ),
    };
    eprintln!("{}", t!("note: {note}", note = line));
}

/// Reads this host's ephemeral port range for the port meanings of `send`
/// and `recv`; when the file cannot be read, Linux's default stays named as
/// such rather than passed off as this host's.
pub fn observe_ephemeral_range() {
    let path = "/proc/sys/net/ipv4/ip_local_port_range";
    if let Some((low, high)) = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| stackviz::dissect::port::parse_range(&text))
    {
        stackviz::dissect::port::set_host_range(low, high);
    }
}
