//! Bad usage said in the user's language: clap's own errors are English, so
//! in Chinese the binary names the problem itself (the argument and value
//! clap found wrong) and keeps clap's line as the detail.

use clap::error::{ContextKind, ContextValue, Error as ClapError, ErrorKind};
use stackviz::i18n::{language, Lang};
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

/// Prints a clap error and returns the exit code: help and version go to
/// stdout with 0, usage errors to stderr with 2 (clap's own choice).
pub fn report(error: &ClapError) -> u8 {
    let is_usage_error = error.use_stderr();
    if language() == Lang::En || !is_usage_error {
        let _ = error.print();
        return if is_usage_error { 2 } else { 0 };
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
            valid
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            t!(
                "{value} is not a valid value for {argument}",
                value,
                argument
            )
        }
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
    eprintln!("{}", t!("error: {error}", error = what));
    // clap's own words, for the exact detail and its suggestions.
    let detail = error.render().to_string();
    for line in detail.lines().filter(|l| !l.trim().is_empty()) {
        eprintln!("  {line}");
    }
    eprintln!(
        "{}",
        t!(
            "hint: {hint}",
            hint = t!("stackviz --help lists every command and option")
        )
    );
    2
}
