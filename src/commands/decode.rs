//! `stackviz decode` as the binary runs it: input chosen from the
//! arguments, each frame written in input order as soon as it is rendered
//! (on worker threads for big inputs, see `decode::parallel`), the closing
//! count, the optional HTML report; Ctrl-C ends it like the end of its
//! input.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use stackviz::cli::{DecodeArgs, Format, LinkArg};
use stackviz::error::Error;
use stackviz::render::{self, RenderOptions};
use stackviz::t;

use super::{plan_outputs, stdout_taken, write_html, Finished, HTML_FRAME_LIMIT};

/// One frame that passed the filter, rendered (by a worker thread).
struct Rendered {
    malformed: bool,
    /// Cut short by the capture's snap length: said, but not a failure.
    cut_short: bool,
    text: Vec<u8>,
    /// Rendering into memory fails only where serialization would.
    written: std::io::Result<()>,
    /// An owned copy for the --html report, while it has room.
    kept: Option<render::html::KeptFrame>,
}

/// Runs `decode`, streaming each frame to stdout. `RunFailed` when any frame
/// was malformed; a frame only cut short by the capture's snap length is
/// not (the capture's limit, not the frame's fault).
pub fn decode(
    args: &DecodeArgs,
    format: Format,
    options: &RenderOptions,
) -> Result<Finished, Error> {
    use stackviz::decode::{parallel, DecodedFrame, Flow, Link};
    let link = args.link.map(|l| match l {
        LinkArg::Ethernet => Link::Ethernet,
        LinkArg::RawIp => Link::RawIp,
        LinkArg::LinuxSll => Link::LinuxSll,
    });
    let input = stackviz::decode::choose_input(&args.input);
    // Standard input may be a live capture (a pipe from tcpdump), shown
    // frame by frame; a file redirected to it (`< capture.pcap`) is not,
    // and is written in large pieces like any file.
    let live = matches!(input, stackviz::decode::Input::Stdin) && !stdin_is_a_file();
    let (_, html_file) = plan_outputs(None, args.html.as_deref(), args.force)?;
    let interrupted = stop_on_ctrl_c();
    // For --html: owned copies of the shown frames, a bounded number.
    let mut kept: Vec<render::html::KeptFrame> = Vec::new();
    // Workers copy frames for the report only while it has room.
    let keep_more = AtomicBool::new(args.html.is_some());
    // `--html -`: standard output is the report file's, the frames go to
    // standard error.
    let sink: Box<dyn Write> = if stdout_taken(&[&html_file]) {
        Box::new(std::io::stderr().lock())
    } else {
        Box::new(std::io::stdout().lock())
    };
    // Frame texts go round: written, then handed back for the next frames.
    let pool = std::sync::Arc::new(stackviz::buffers::BufferPool::default());
    let mut out = stackviz::pieces::Pieces::with_pool(
        std::io::BufWriter::with_capacity(1 << 16, sink),
        std::sync::Arc::clone(&pool),
    );
    let (mut shown, mut malformed, mut cut_short) = (0usize, 0usize, 0usize);
    // On a worker thread: everything about a frame that does not depend on
    // the frames before it (filter, rendering), so it can run ahead.
    let work = |frame: DecodedFrame<'_>| -> Option<Rendered> {
        if args
            .filter
            .as_ref()
            .is_some_and(|f| !f.matches(&frame.dissection))
        {
            return None;
        }
        // The frame as an event of decode's trace, made and drawn here on
        // the worker (one at a time: nothing is collected).
        let event = stackviz::session::decode_trace::decoded_event(&frame);
        // Room for what the frame will need, so the text is not moved as it
        // grows (reallocating was a tenth of decode's time). Full detail
        // writes about 10 bytes per frame byte plus 10-16 KB of tables (at
        // 12 KB, 2,268 of 1,000 mixed frames' texts grew); JSON about
        // 5 plus 6-12 KB (the benchmark's mixed frames: 9.4 KB for 384
        // bytes on average, 16 KB at most).
        let mut text = match (format, args.summary) {
            // A line is a small allocation, cheaper than the pool's lock.
            (Format::Table, true) => Vec::with_capacity(160),
            (Format::Table, false) => pool.take(16384 + 12 * frame.raw.data.len()),
            (Format::Json, _) => pool.take(14336 + 6 * frame.raw.data.len()),
        };
        let written = match (format, args.summary) {
            (Format::Json, _) => render::json::render_decoded(&event, &mut text),
            (Format::Table, true) => {
                render::decode_text::write_summary_line(&event, &mut text);
                text.push(b'\n');
                Ok(())
            }
            (Format::Table, false) => render::decode_text::frame(&event, &mut text, options),
        };
        let kept = keep_more
            .load(Ordering::Relaxed)
            .then(|| render::html::KeptFrame {
                title: t!("Frame {number}", number = frame.raw.number),
                bytes: frame.raw.data.to_vec(),
                dissection: frame.dissection.clone(),
            });
        Some(Rendered {
            malformed: frame.dissection.malformed.is_some(),
            cut_short: frame.dissection.cut_short.is_some(),
            text,
            written,
            kept,
        })
    };
    // On this thread, in input order: what depends on the frames before.
    // A summary line reads no sentence, hex or worked sum: the dissector
    // skips them (the report, if any, wants the whole dissection).
    let detail = if format == Format::Table && args.summary && args.html.is_none() {
        stackviz::detail::Detail::Brief
    } else {
        stackviz::detail::Detail::Full
    };
    let (read, result) = parallel::run(&input, link, args.skip, None, detail, &work, |rendered| {
        // Read once a frame: Ctrl-C stops the reading after the frame at
        // hand, which is still shown.
        let stop = interrupted.load(Ordering::Relaxed);
        let Some(rendered) = rendered else {
            return Ok(if stop { Flow::Stop } else { Flow::Continue });
        };
        shown += 1;
        malformed += usize::from(rendered.malformed);
        cut_short += usize::from(rendered.cut_short);
        if let Some(frame) = rendered.kept.filter(|_| kept.len() < HTML_FRAME_LIMIT) {
            kept.push(frame);
            keep_more.store(kept.len() < HTML_FRAME_LIMIT, Ordering::Relaxed);
        }
        rendered
            .written
            .and_then(|()| out.push(rendered.text))
            .map_err(Error::Output)?;
        // Standard input may be a live capture: show each frame as it
        // arrives, not when 64 KiB of output have piled up.
        if live {
            out.flush().map_err(Error::Output)?;
        }
        Ok(if stop || args.count.is_some_and(|c| shown as u64 >= c) {
            Flow::Stop
        } else {
            Flow::Continue
        })
    });
    let stopped_by_ctrl_c = interrupted.load(Ordering::Relaxed);
    let closing = |out: &mut stackviz::pieces::Pieces<std::io::BufWriter<Box<dyn Write>>>| -> std::io::Result<()> {
        let stopped = stopped_by_ctrl_c.then(|| {
            t!(
                "stopped by Ctrl-C after {frames} frames read; the rest of the input was not read",
                frames = read
            )
        });
        if format == Format::Table {
            render::decode_text::closing(read, shown, malformed, cut_short, out)?;
            if let Some(line) = &stopped {
                writeln!(out, "{line}")?;
            }
        } else if let Some(line) = &stopped {
            // JSON keeps standard output to one document a line.
            eprintln!("{line}");
        }
        out.flush()
    };
    match result {
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(Finished::Done)
        }
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
    if let Some(file) = &html_file {
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
        write_html(&page, file)?;
    }
    Ok(Finished::run_failed_if(malformed > 0))
}

/// A flag Ctrl-C sets: decode then stops reading after the frame at hand
/// and ends as at the end of its input (the frames shown, the closing
/// count, a note that it stopped). A second Ctrl-C ends the process at
/// once (130, as the shell's own), for an input that sends nothing more.
/// If the handler cannot be installed, Ctrl-C ends the process as before.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&interrupted);
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    interrupted
}

/// Whether standard input is a regular file (`decode - < capture.pcap`).
fn stdin_is_a_file() -> bool {
    use std::os::fd::AsFd;
    std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map(std::fs::File::from)
        .and_then(|file| file.metadata())
        .is_ok_and(|meta| meta.is_file())
}
