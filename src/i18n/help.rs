//! `--help` in the reader's language. The command line is declared once, in
//! English, with clap derive (`cli.rs`); in Chinese the built command is
//! walked and every about, help and long help text is swapped for its
//! translation from the catalogue, and clap's fixed headings (Usage,
//! Arguments, Options, Commands) are replaced. `tests/i18n.rs` checks every
//! such text has its translation.

use clap::builder::StyledStr;
use clap::{Command, CommandFactory};

use super::{chinese_for, language, Lang};
use crate::cli::Cli;
use crate::t;

/// The command line as clap should parse and explain it now.
pub fn command() -> Command {
    let mut command = Cli::command();
    // Build first so clap's own --help, --version and `help` subcommand
    // exist and can be translated too.
    command.build();
    match language() {
        Lang::En => command,
        Lang::Zh => in_chinese(command),
    }
}

/// Every help text of the command line, in English: what the catalogue
/// must translate.
pub fn texts() -> Vec<String> {
    let mut command = Cli::command();
    command.build();
    let mut out = Vec::new();
    collect(&command, &mut out);
    out.sort();
    out.dedup();
    out
}

fn collect(command: &Command, out: &mut Vec<String>) {
    let plain = |s: Option<&StyledStr>| s.map(|s| s.to_string());
    out.extend(plain(command.get_about()));
    out.extend(plain(command.get_long_about()));
    for arg in command.get_arguments() {
        out.extend(plain(arg.get_help()));
        out.extend(plain(arg.get_long_help()));
    }
    for sub in command.get_subcommands() {
        collect(sub, out);
    }
}

fn translated(text: Option<&StyledStr>) -> Option<&'static str> {
    text.and_then(|s| chinese_for(&s.to_string()))
}

fn in_chinese(command: Command) -> Command {
    let about = translated(command.get_about());
    let long_about = translated(command.get_long_about());
    let mut command = command
        .mut_args(|arg| {
            let help = translated(arg.get_help());
            let long_help = translated(arg.get_long_help());
            // clap names the default sections itself ("Arguments",
            // "Options"); a heading of our own replaces them.
            let heading = if arg.is_positional() {
                t!("Arguments")
            } else {
                t!("Options")
            };
            let mut arg = arg.help_heading(heading);
            if let Some(help) = help {
                arg = arg.help(help);
            }
            if let Some(long_help) = long_help {
                arg = arg.long_help(long_help);
            }
            arg
        })
        .subcommand_help_heading(t!("Commands"))
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            t!("Usage: ")
        ));
    if let Some(about) = about {
        command = command.about(about);
    }
    if let Some(long_about) = long_about {
        command = command.long_about(long_about);
    }
    command.mut_subcommands(in_chinese)
}
