//! `--help` in the reader's language. The command line is declared once, in
//! English, with clap derive (`cli.rs`); in Chinese the built command is
//! walked and every about, help and long help text is swapped for its
//! translation from the catalogue, and clap's fixed headings (Usage,
//! Arguments, Options, Commands) are replaced. `tests/i18n.rs` checks every
//! such text has its translation.

use clap::builder::StyledStr;
use clap::{Arg, Command, CommandFactory};

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

/// The Chinese for a value name (`<PORT>`, `[MESSAGE]`), the placeholders
/// a reader fills in; an unknown name stays as written.
fn value_name(name: &str) -> Option<&'static str> {
    let chinese = match name {
        "FORMAT" => t!("FORMAT"),
        "COLOR" => t!("COLOR"),
        "WIDTH" => t!("WIDTH"),
        "LANG" => t!("LANG"),
        "MESSAGE" => t!("MESSAGE"),
        "HEX" => t!("HEX"),
        "PATH" => t!("PATH"),
        "PORT" => t!("PORT"),
        "HOST:PORT" => t!("HOST:PORT"),
        "ADDR:PORT" => t!("ADDR:PORT"),
        "TIMEOUT" => t!("TIMEOUT"),
        "CAPTURE" => t!("CAPTURE"),
        "FILE" => t!("FILE"),
        "BYTES" => t!("BYTES"),
        "COUNT" => t!("COUNT"),
        "FILTER" => t!("FILTER"),
        "LINK" => t!("LINK"),
        "SKIP" => t!("SKIP"),
        "SHELL" => t!("SHELL"),
        "COMMAND" => t!("COMMAND"),
        "HEX|FILE|-" => t!("HEX|FILE|-"),
        "PREFIX" => t!("PREFIX"),
        "PERCENT" => t!("PERCENT"),
        _ => return None,
    };
    Some(chinese)
}

/// The default value and the choices clap would print in English as
/// `[default: …]` and `[possible values: …]`, said in Chinese.
fn value_notes(arg: &Arg) -> Option<String> {
    if !arg.get_action().takes_values() {
        return None;
    }
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(t!("default: {value}", value = defaults.join(" ")));
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() && !arg.is_hide_possible_values_set() {
        notes.push(t!("possible values: {values}", values = choices.join("、")));
    }
    (!notes.is_empty()).then(|| t!("({notes})", notes = notes.join("；")))
}

fn in_chinese(command: Command) -> Command {
    let about = translated(command.get_about());
    let long_about = translated(command.get_long_about());
    let mut command = command
        .mut_args(|arg| {
            let help = translated(arg.get_help());
            let long_help = translated(arg.get_long_help());
            let notes = value_notes(&arg).unwrap_or_default();
            let names: Vec<clap::builder::Str> = match arg.get_value_names() {
                Some(names) => names
                    .iter()
                    .map(|n| value_name(n).map_or_else(|| n.clone(), Into::into))
                    .collect(),
                None => value_name(&arg.get_id().as_str().to_uppercase())
                    .into_iter()
                    .map(Into::into)
                    .collect(),
            };
            let takes_values = arg.get_action().takes_values();
            // clap names the default sections itself ("Arguments",
            // "Options"); a heading of our own replaces them.
            let heading = if arg.is_positional() {
                t!("Arguments")
            } else {
                t!("Options")
            };
            // clap's own `[default: …]` and `[possible values: …]` are
            // English: hidden, and said in Chinese after the help instead.
            let mut arg = arg
                .help_heading(heading)
                .hide_default_value(true)
                .hide_possible_values(true);
            if takes_values && !names.is_empty() {
                arg = arg.value_names(names);
            }
            if let Some(help) = help {
                arg = arg.help(format!("{help}{notes}"));
            } else if !notes.is_empty() {
                arg = arg.help(notes.clone());
            }
            if let Some(long_help) = long_help {
                arg = arg.long_help(format!("{long_help}{notes}"));
            }
            arg
        })
        .subcommand_help_heading(t!("Commands"))
        .subcommand_value_name(t!("COMMAND"))
        // No wrapping by clap: it counts characters, not display columns,
        // and breaks only at spaces, which Chinese has none of. `fit`
        // wraps the rendered text instead.
        .term_width(0)
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

/// The help (or a usage line) clap rendered from the Chinese command, made
/// all Chinese and wrapped to `width` display columns: clap's fixed
/// `[OPTIONS]` and headings' ASCII colons replaced, every line that is too
/// wide broken where Chinese may break, continuation lines indented like
/// the text they continue.
pub fn localize(rendered: &str, width: usize) -> String {
    let lines: Vec<String> = rendered
        .lines()
        .map(|line| {
            let mut line = line
                .replace("[OPTIONS]", &format!("[{}]", t!("OPTIONS")))
                .trim_end()
                .to_string();
            // "命令:" → "命令：": a heading clap ends with an ASCII colon.
            if !line.starts_with(' ') && line.ends_with(':') && line.chars().any(is_wide) {
                line.pop();
                line.push('：');
            }
            line
        })
        .collect();
    let mut out = String::with_capacity(rendered.len() + 64);
    for line in realign(&lines) {
        for piece in fit(&line, width) {
            out.push_str(&piece);
            out.push('\n');
        }
    }
    out
}

/// The option and command lists with their help back in one column:
/// clap pads each flag to the longest one counting characters, and a
/// Chinese value name (`<端口>`) takes two columns per character. Within a
/// block of lines (between blank lines) the help column is moved to the
/// widest entry's display width plus two, continuation lines with it.
fn realign(lines: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    for block in lines.split(|l| l.trim().is_empty()) {
        // (indentation + entry, help text) of each "  --flag  help" line.
        let entry = |line: &str| -> Option<(usize, usize)> {
            let indent = line.len() - line.trim_start().len();
            if indent == 0 || indent > 6 {
                return None;
            }
            let gap = indent + line[indent..].find("  ")?;
            let text = line.len() - line[gap..].trim_start().len();
            (text < line.len()).then_some((gap, text))
        };
        let entries: Vec<Option<(usize, usize)>> = block.iter().map(|l| entry(l)).collect();
        let old_column = entries
            .iter()
            .zip(block)
            .find_map(|(e, l)| e.map(|(_, text)| l[..text].chars().count()));
        let new_column = entries
            .iter()
            .zip(block)
            .filter_map(|(e, l)| e.map(|(gap, _)| columns(&l[..gap]) + 2))
            .max();
        for (line, entry) in block.iter().zip(&entries) {
            let moved = match (entry, old_column, new_column) {
                (Some((gap, text)), _, Some(column)) => {
                    let head = &line[..*gap];
                    Some(format!(
                        "{head}{}{}",
                        " ".repeat(column - columns(head)),
                        &line[*text..]
                    ))
                }
                (None, Some(old), Some(column)) => {
                    let indent = line.len() - line.trim_start().len();
                    (indent == old && old != column)
                        .then(|| format!("{}{}", " ".repeat(column), line.trim_start()))
                }
                _ => None,
            };
            out.push(moved.unwrap_or_else(|| line.clone()));
        }
        out.push(String::new());
    }
    // `split` made one block per blank line, and a blank after the last.
    out.pop();
    out
}

/// CJK ideographs and full-width forms: text that may break between any
/// two characters.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}')
}

/// Punctuation a line must not start with.
fn closes(c: char) -> bool {
    "，。、；：？！）」』】》”’…,.;:?!)]}".contains(c)
}

/// Punctuation a line must not end with.
fn opens(c: char) -> bool {
    "（「『【《“‘([{".contains(c)
}

fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Where the text of a help line starts: after `  --flag <VALUE>  ` (two
/// or more spaces after the first word), else after the indentation.
fn hanging_indent(line: &str, width: usize) -> usize {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    if let Some(gap) = rest.find("  ") {
        let after = rest[gap..].len() - rest[gap..].trim_start().len();
        let start = indent + gap + after;
        if start < line.len() && columns(&line[..start]) <= width / 2 {
            return start;
        }
    }
    indent
}

/// `line` cut into lines of at most `width` display columns, breaking
/// between Chinese characters or at spaces, never inside an ASCII word
/// (a word wider than the room left is put on a line of its own and cut
/// only if it alone is wider than that).
fn fit(line: &str, width: usize) -> Vec<String> {
    if columns(line) <= width {
        return vec![line.to_string()];
    }
    let start = hanging_indent(line, width);
    let (lead, text) = line.split_at(start);
    let lead_width = columns(lead);
    let room = width.saturating_sub(lead_width).max(10);
    // Units that stay together: an ASCII word, one space, one Chinese
    // character; closing punctuation joins the unit before it, opening
    // punctuation the unit after it.
    let mut units: Vec<String> = Vec::new();
    let mut glue_next = false;
    for c in text.chars() {
        let joins_word = !c.is_whitespace()
            && !is_wide(c)
            && units
                .last()
                .and_then(|u| u.chars().last())
                .is_some_and(|p| !p.is_whitespace() && !is_wide(p));
        // Chinese closing punctuation stays with what it closes; ASCII
        // punctuation after Chinese starts a word of its own (".pcap").
        let closes_chinese = closes(c) && is_wide(c) && !units.is_empty();
        if glue_next || joins_word || closes_chinese {
            match units.last_mut() {
                Some(last) => last.push(c),
                None => units.push(c.to_string()),
            }
        } else {
            units.push(c.to_string());
        }
        glue_next = opens(c);
    }
    let pad = " ".repeat(lead_width);
    let mut lines = Vec::new();
    let mut current = String::new();
    for unit in units {
        if columns(&current) + columns(&unit) > room && !current.trim().is_empty() {
            lines.push(current.trim_end().to_string());
            current.clear();
        }
        if current.is_empty() && unit.trim().is_empty() {
            continue;
        }
        if columns(&unit) > room {
            // Wider than a whole line: cut it, as nothing else fits.
            for c in unit.chars() {
                if columns(&current) + columns(c.encode_utf8(&mut [0; 4])) > room {
                    lines.push(std::mem::take(&mut current));
                }
                current.push(c);
            }
            continue;
        }
        current.push_str(&unit);
    }
    if !current.trim().is_empty() {
        lines.push(current.trim_end().to_string());
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{lead}{l}")
            } else {
                format!("{pad}{l}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_lines_fit_their_display_width_and_keep_words_whole() {
        let line = "      --lang <语言>        标题、含义、注释、提示和错误信息的语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG；zh* 表示中文）。字段名保持 RFC 中的名称";
        let lines = fit(line, 60);
        assert!(lines.len() > 1, "{lines:?}");
        for l in &lines {
            assert!(columns(l) <= 60, "{l:?} is {} columns", columns(l));
        }
        // Continuations start where the help text starts.
        let start = columns("      --lang <语言>        ");
        for l in &lines[1..] {
            assert_eq!(columns(l) - columns(l.trim_start()), start, "{l:?}");
        }
        let joined: String = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join("|");
        for word in ["LC_MESSAGES", "LC_ALL、", "RFC"] {
            assert!(joined.contains(word), "{word} was split: {joined}");
        }
        assert!(
            !joined.contains("|，") && !joined.contains("|）"),
            "{joined}"
        );
    }
}
