//! The commands as the binary runs them: each takes its parsed arguments and
//! the output options, calls the library, and writes to stdout (all at once,
//! or streamed for recv and decode). main.rs only parses and maps exit codes.

pub mod decode;
pub mod recv;
pub mod send;

use std::path::Path;

use stackviz::cli::CaptureArg;
use stackviz::error::Error;
use stackviz::render;
use stackviz::send::CaptureMode;

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

/// Writes the HTML report (atomically).
pub fn write_html(page: &render::html::HtmlPage<'_>, path: &Path) -> Result<(), Error> {
    stackviz::output::write_atomically(path, |mut w| render::html::write(page, &mut w))
}
