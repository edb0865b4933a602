//! Every stackviz command the lessons and the README tell a newcomer to type
//! still exists: each one in a code block is parsed by the real command line
//! (in-process, nothing is sent). A value clap rejects is allowed (lesson 2
//! shows `--port 65536` failing on purpose); an unknown option or command is
//! not, because the lesson could no longer be followed.

use std::path::{Path, PathBuf};

use clap::error::ErrorKind;

/// The Markdown files a newcomer reads: README.md and docs/ (lessons in both
/// languages).
fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut dirs = vec![root.join("docs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("docs/ readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// `line` with every `$(...)` replaced by the word `substituted` (what the
/// shell would put there is some text; its pipes are not the command's).
fn without_substitutions(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("$(") {
        out.push_str(&rest[..start]);
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[start + 1..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + 1 + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push_str("substituted");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Shell words of one command line, the way sh would split them for what
/// matters here: quotes, `$(...)` (replaced by one word), and the end of the
/// command at a pipe, redirection, `&`, `;` or comment.
fn words(line: &str) -> Vec<String> {
    let line = without_substitutions(line);
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    word.push(q);
                }
            }
            '\\' => {
                if let Some(next) = chars.next() {
                    in_word = true;
                    word.push(next);
                }
            }
            '|' | '>' | '<' | '&' | ';' | '#' if !in_word => break,
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        out.push(word);
    }
    // A redirection glued to a word (2>/dev/null) ends the command too.
    if let Some(cut) = out.iter().position(|w| w.starts_with("2>")) {
        out.truncate(cut);
    }
    out
}

/// The stackviz invocations in one document: lines of ```sh blocks and the
/// `$ ` lines of ```console blocks, including after a pipe.
fn commands(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(kind) = trimmed.strip_prefix("```") {
            block = match block {
                Some(_) => None,
                None => Some(kind.trim().to_string()),
            };
            continue;
        }
        let command = match block.as_deref() {
            Some("sh" | "bash" | "shell") => trimmed,
            Some("console") => match trimmed.strip_prefix("$ ") {
                Some(c) => c,
                None => continue,
            },
            _ => continue,
        };
        for part in without_substitutions(command).split('|') {
            let part = part.trim();
            let part = part.strip_prefix("sudo ").unwrap_or(part);
            let first = part.split_whitespace().next().unwrap_or_default();
            if first == "stackviz" || first.ends_with("/stackviz") {
                found.push(part.to_string());
            }
        }
    }
    found
}

#[test]
fn every_command_in_the_lessons_and_the_readme_parses() {
    let mut checked = 0;
    let mut broken = Vec::new();
    for file in documents() {
        let text = std::fs::read_to_string(&file).expect("readable");
        for command in commands(&text) {
            let args = words(&command);
            checked += 1;
            let parsed = stackviz::i18n::help::command().try_get_matches_from(&args);
            if let Err(e) = parsed {
                let allowed = matches!(
                    e.kind(),
                    ErrorKind::ValueValidation
                        | ErrorKind::InvalidValue
                        | ErrorKind::DisplayHelp
                        | ErrorKind::DisplayVersion
                        | ErrorKind::ArgumentConflict
                );
                if !allowed {
                    broken.push(format!(
                        "{}: `{command}`: {}",
                        file.display(),
                        e.render().to_string().lines().next().unwrap_or_default()
                    ));
                }
            }
        }
    }
    assert!(
        checked > 60,
        "only {checked} commands found: is the scanner broken?"
    );
    assert!(
        broken.is_empty(),
        "{} command(s) in the docs no longer parse:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn the_scanner_reads_shell_the_way_a_reader_types_it() {
    assert_eq!(
        words(r#"stackviz send --mtu 576 "$(head -c 1000 /dev/zero | tr '\0' a)" > out"#),
        ["stackviz", "send", "--mtu", "576", "substituted"]
    );
    assert_eq!(
        words("stackviz recv --bind '[::]:15001' 2>/dev/null"),
        ["stackviz", "recv", "--bind", "[::]:15001"]
    );
    let found = commands(
        "```console\n$ stackviz send --format json | stackviz decode -\nstackviz output\n```\n",
    );
    assert_eq!(found, ["stackviz send --format json", "stackviz decode -"]);
    // A renamed option is caught.
    let e = stackviz::i18n::help::command()
        .try_get_matches_from(["stackviz", "send", "--no-such-option"])
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnknownArgument);
}
