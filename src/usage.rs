//! Bad usage said in the user's language: clap's own errors are English, so
//! in Chinese the binary names the problem itself (the argument, the value
//! clap found wrong and why) and says clap's suggestion and usage line in
//! Chinese, without repeating clap's English.

use clap::error::{ContextKind, ContextValue, Error as ClapError, ErrorKind};
use stackviz::i18n::{help, language, Lang};
use stackviz::t;

/// The language asked for on the command line before clap has parsed it
/// (`--lang zh` or `--lang=zh` anywhere), so a usage error can already be
/// said in it.
pub fn lang_from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    })?;
    match value.as_str() {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

fn context(error: &ClapError, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The width `--help` is wrapped to in Chinese: `--width N` on the command
/// line, else `COLUMNS`, else the terminal's width, else 100.
fn help_width(args: &[String]) -> usize {
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--width=")
            .map(str::to_string)
            .or_else(|| (a == "--width").then(|| args.get(i + 1).cloned()).flatten())
    });
    given
        .and_then(|w| w.parse::<usize>().ok())
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(100)
        .clamp(40, 1000)
}

/// Why clap refused a value, in the reader's language: the range an
/// integer must be in, or the message of stackviz's own value parser
/// (already translated, as the language is chosen before parsing).
fn reason(error: &ClapError) -> Option<String> {
    let source = std::error::Error::source(error)?.to_string();
    // clap's integer parsers: "70000 is not in 0..=65535", "0 is not in 1..".
    if let Some((_, range)) = source.split_once(" is not in ") {
        return Some(match range.split_once("..=") {
            Some((low, high)) => t!("outside the range {low}-{high}", low, high),
            None => t!("must be at least {low}", low = range.trim_end_matches("..")),
        });
    }
    let integer_problems = [
        "invalid digit found in string",
        "cannot parse integer from empty string",
    ];
    if integer_problems.contains(&source.as_str()) {
        return Some(t!("not a whole number").to_string());
    }
    if source == "number too large to fit in target type" {
        return Some(t!("too large").to_string());
    }
    Some(source)
}

/// Prints a clap error and returns the exit code: help and version go to
/// stdout with 0, usage errors to stderr with 2 (clap's own choice). In
/// Chinese, help is wrapped by display width and usage errors are said in
/// Chinese only: clap's English detail is not repeated.
pub fn report(error: &ClapError, args: &[std::ffi::OsString]) -> u8 {
    let is_usage_error = error.use_stderr();
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if language() == Lang::En {
        let _ = error.print();
        return if is_usage_error { 2 } else { 0 };
    }
    let width = help_width(&args);
    if !is_usage_error {
        let rendered = error.render().to_string();
        let text = match error.kind() {
            ErrorKind::DisplayHelp => help::localize(&rendered, width),
            _ => rendered,
        };
        print!("{text}");
        return 0;
    }
    let argument = context(error, ContextKind::InvalidArg);
    let value = context(error, ContextKind::InvalidValue);
    let valid = context(error, ContextKind::ValidValue);
    let what = match error.kind() {
        ErrorKind::UnknownArgument => t!("unexpected argument {argument}", argument),
        ErrorKind::InvalidSubcommand => {
            t!(
                "unknown command {value}",
                value = context(error, ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue if !valid.is_empty() => t!(
            "{value} is not a valid value for {argument} (valid: {valid})",
            value,
            argument,
            valid = valid.replace(", ", "、")
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            t!("{argument} needs a value", argument)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => match reason(error) {
            Some(reason) => t!(
                "{value} is not a valid value for {argument}: {reason}",
                value,
                argument,
                reason
            ),
            None => t!(
                "{value} is not a valid value for {argument}",
                value,
                argument
            ),
        },
        ErrorKind::MissingRequiredArgument => {
            t!("a required argument is missing: {argument}", argument)
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            t!("a command is missing").to_string()
        }
        ErrorKind::ArgumentConflict => t!(
            "{argument} cannot be used together with {other}",
            argument,
            other = context(error, ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            t!("wrong number of values for {argument}", argument)
        }
        _ => t!("the command line is not valid").to_string(),
    };
    let mut lines = vec![t!("error: {error}", error = what)];
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(|kind| context(error, kind))
    .find(|s| !s.is_empty());
    if let Some(suggestion) = suggested {
        lines.push(t!("did you mean {suggestion}?", suggestion));
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        // clap's usage starts with its English "Usage: ".
        let usage = usage.to_string();
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        lines.push(format!("{}{usage}", t!("Usage: ")));
    }
    lines.push(t!(
        "hint: {hint}",
        hint = t!("stackviz --help lists every command and option")
    ));
    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // What clap prints here is the help itself: shown, in Chinese.
        lines.push(String::new());
        lines.push(help::localize(&error.render().to_string(), width));
    }
    for line in help::localize(&lines.join("\n"), width).lines() {
        eprintln!("{line}");
    }
    2
}
