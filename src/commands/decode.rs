//! `stackviz decode` as the binary runs it: input chosen from the
//! arguments, each frame written as it is read, the closing count, the
//! optional HTML report.

use std::io::Write;
use std::path::Path;

use stackviz::cli::{DecodeArgs, Format, LinkArg};
use stackviz::error::Error;
use stackviz::render::{self, RenderOptions};
use stackviz::t;

use super::{write_html, HTML_FRAME_LIMIT};

/// Runs `decode`, streaming each frame to stdout. Ok(true) when any frame
/// was malformed.
pub fn decode(args: &DecodeArgs, format: Format, options: &RenderOptions) -> Result<bool, Error> {
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
                title: t!("Frame {number}", number = frame.raw.number),
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
            notes.push(t!(
                "{shown} frames matched; the report holds the first {kept}",
                shown,
                kept = kept.len()
            ));
        }
        let title = if kept.len() == 1 {
            t!("stackviz decode: {count} frame", count = kept.len())
        } else {
            t!("stackviz decode: {count} frames", count = kept.len())
        };
        let page = render::html::HtmlPage::of_kept(title, &[], &kept, notes);
        write_html(&page, path)?;
    }
    Ok(malformed > 0)
}
