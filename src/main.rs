//! Entry point: parse the command line, decide the output options once, run
//! the command, print its output in one piece, and map errors to exit codes
//! (0 ok, 1 the run failed, 2 bad usage).

#[cfg(not(target_env = "msvc"))]
mod allocator;
mod commands;
mod usage;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::FromArgMatches;

use stackviz::cli::{Cli, ColorChoice, Command, OutputArgs};
use stackviz::error::Error;
use stackviz::i18n::{self, Lang};
use stackviz::render::{self, RenderOptions};
use stackviz::t;

use commands::Finished;

fn main() -> ExitCode {
    // args_os: a non-UTF-8 argument is clap's to reject, not a panic.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    i18n::set_language(usage::lang_from_args(&args).unwrap_or_else(Lang::from_env));
    // The command line, with its --help in the chosen language.
    let parsed = i18n::help::command()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return ExitCode::from(usage::report(&error, &args)),
    };
    let options = render_options(&cli.output);
    // Tests compare the fast table writer with comfy-table's own drawing
    // (tests/speed_same_output.rs); nothing else sets this.
    if std::env::var_os("STACKVIZ_SLOW_REFERENCE").is_some_and(|v| v == "1") {
        render::table::use_reference(true);
    }
    let mut buffer = Vec::new();
    if matches!(cli.command, Command::Send(_) | Command::Recv(_)) {
        // Their frames are this host's: ports are compared with its range.
        commands::observe_ephemeral_range();
    }
    let result = match &cli.command {
        Command::Send(args) => commands::send::send(args, cli.output.format, &options, &mut buffer),
        Command::Recv(args) => commands::recv::recv(args, cli.output.format, &options),
        Command::Decode(args) => commands::decode::decode(args, cli.output.format, &options),
        Command::Layers(args) => {
            commands::layers::layers(args, cli.output.format, &options, &mut buffer)
        }
        Command::Lab(args) => commands::lab::lab(args, cli.output.format, &options, &mut buffer),
        Command::Completions(args) => {
            commands::manual::completions(args.shell, &mut buffer);
            Ok(Finished::Done)
        }
        Command::Man(args) => {
            commands::manual::man(args.command, &mut buffer).map(|()| Finished::Done)
        }
    };
    match result {
        Ok(finished) => {
            let code = write_stdout(&buffer);
            if finished == Finished::RunFailed && code == ExitCode::SUCCESS {
                ExitCode::from(1)
            } else {
                code
            }
        }
        Err(error) => {
            // What was rendered before the error (send renders its report
            // before writing --pcap/--html) is still shown.
            if !buffer.is_empty() {
                let _ = write_stdout(&buffer);
            }
            eprintln!("{}", t!("error: {error}", error));
            if let Some(hint) = error.hint() {
                eprintln!("{}", t!("hint: {hint}", hint));
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
            eprintln!("{}", t!("error: {error}", error = Error::Output(e)));
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
    RenderOptions {
        color,
        width,
        rfc: output.rfc,
    }
}
