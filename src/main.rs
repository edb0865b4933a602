//! Entry point: parse the command line, decide the output options once, run
//! the command, print its output in one piece, and map errors to exit codes
//! (0 ok, 1 the run failed, 2 bad usage).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use stackviz::cli::{Cli, ColorChoice, Command, Format, OutputArgs, SendArgs};
use stackviz::error::Error;
use stackviz::input;
use stackviz::net::exchange::{Request, Target};
use stackviz::render::{self, RenderOptions};

/// The message of the classic first UDP program.
const DEFAULT_MESSAGE: &str = "Hello!!";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = render_options(&cli.output);
    let mut buffer = Vec::new();
    let result = match &cli.command {
        Command::Send(args) => send(args, cli.output.format, &options, &mut buffer),
    };
    match result {
        Ok(()) => write_stdout(&buffer),
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
    RenderOptions { color, width }
}

fn payload(args: &SendArgs) -> Result<Vec<u8>, Error> {
    if let Some(bytes) = &args.hex {
        return Ok(bytes.clone());
    }
    if let Some(path) = &args.file {
        return input::read_payload_file(path);
    }
    match args.message.as_deref() {
        Some("-") => input::read_payload_file(Path::new("-")),
        Some("") => Err(Error::EmptyPayload { what: "the message".into() }),
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => Ok(DEFAULT_MESSAGE.as_bytes().to_vec()),
    }
}

fn send(args: &SendArgs, format: Format, options: &RenderOptions, out: &mut Vec<u8>) -> Result<(), Error> {
    let request = Request {
        payload: payload(args)?,
        target: match args.to {
            Some(addr) => Target::Remote(addr),
            None => Target::Embedded { port: args.port },
        },
        from: args.from,
        ttl: args.ttl,
        timeout: Duration::from_secs_f64(args.timeout),
    };
    let report = stackviz::send::run(&request)?;
    match format {
        Format::Table => render::send_text::render(&report, out, options),
        Format::Json => render::json::render_send(&report, out),
    }
    .map_err(Error::Output)
}
