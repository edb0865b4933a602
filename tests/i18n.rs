//! Every sentence the program can say exists in English and in Chinese: the
//! English keys are read from the `t!("...")` calls in `src/` and from the
//! command line's --help texts, and each must have a Chinese twin with the
//! same placeholders; the catalogue holds no sentence the program no longer
//! says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use stackviz::i18n::{catalogue, placeholders};

/// Reads one Rust string literal starting at `s[0] == '"'`; returns its value
/// (escapes resolved, `\` line continuations skipped) or None.
fn string_literal(s: &str) -> Option<String> {
    let mut chars = s.char_indices().skip(1).peekable();
    let mut out = String::new();
    while let Some((_, c)) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                '0' => out.push('\0'),
                '\n' => {
                    while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                }
                'u' => {
                    let mut hex = String::new();
                    for (_, c) in chars.by_ref() {
                        match c {
                            '{' => {}
                            '}' => break,
                            c => hex.push(c),
                        }
                    }
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => panic!("escape \\{other} not handled by this test"),
            },
            c => out.push(c),
        }
    }
    None
}

/// Every `t!("...")` key in the Rust files under `dir`, with where it is.
fn keys_in(dir: &Path, found: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("src/ readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            keys_in(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source file readable");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("t!(") {
            let before = rest[..at].chars().next_back();
            let after = rest[at + 3..].trim_start();
            rest = &rest[at + 3..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // format!( , print!( ...
            }
            let line_start = text.len() - rest.len() - 3;
            let line_start = text[..line_start].rfind('\n').map_or(0, |n| n + 1);
            if text[line_start..].trim_start().starts_with("//") {
                continue; // comments and doc examples
            }
            if !after.starts_with('"') {
                continue; // the macro's own definition and doc examples
            }
            let key = string_literal(after)
                .unwrap_or_else(|| panic!("unterminated t! literal in {}", path.display()));
            found
                .entry(key)
                .or_insert_with(|| path.display().to_string());
        }
    }
}

fn source_keys() -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    keys_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    found
}

#[test]
fn every_sentence_has_a_chinese_translation() {
    let chinese: BTreeMap<&str, &str> = catalogue().copied().collect();
    let missing: Vec<String> = source_keys()
        .into_iter()
        .filter(|(key, _)| !chinese.contains_key(key.as_str()))
        .map(|(key, file)| format!("{file}: {key:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} sentence(s) have no Chinese translation in src/i18n/zh/:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn translations_keep_the_placeholders() {
    let mut wrong = Vec::new();
    for (english, chinese) in catalogue() {
        // `{article}` is English grammar ("a"/"an"); Chinese has none to fill.
        let en: BTreeSet<&str> = placeholders(english)
            .into_iter()
            .filter(|p| *p != "article")
            .collect();
        let zh: BTreeSet<&str> = placeholders(chinese).into_iter().collect();
        if en != zh {
            wrong.push(format!("{english:?}: {en:?} vs {chinese:?}: {zh:?}"));
        }
        if chinese.trim().is_empty() {
            wrong.push(format!("{english:?} has an empty translation"));
        }
    }
    assert!(
        wrong.is_empty(),
        "placeholders differ:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn one_english_sentence_has_one_translation() {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut conflicts = Vec::new();
    for (english, chinese) in catalogue() {
        if let Some(before) = seen.insert(english, chinese) {
            if before != *chinese {
                conflicts.push(format!("{english:?}: {before:?} and {chinese:?}"));
            }
        }
    }
    assert!(conflicts.is_empty(), "{}", conflicts.join("\n"));
}

#[test]
fn the_catalogue_holds_nothing_the_program_no_longer_says() {
    let mut keys = source_keys();
    for text in stackviz::i18n::help::texts() {
        keys.insert(text, "--help".into());
    }
    let stale: Vec<&str> = catalogue()
        .map(|(english, _)| *english)
        .filter(|english| !keys.contains_key(*english))
        .collect();
    assert!(
        stale.is_empty(),
        "{} catalogue entries are not used by any t! call:\n{}",
        stale.len(),
        stale.join("\n")
    );
}

#[test]
fn the_scanner_finds_keys_and_reads_escapes() {
    let keys = source_keys();
    assert!(keys.contains_key("Data link"), "model.rs layer title found");
    assert!(keys.len() > 15, "found only {} keys", keys.len());
    assert_eq!(
        string_literal("\"a \\\"b\\\" \\\n    c\\n\"").as_deref(),
        Some("a \"b\" c\n")
    );
}

#[test]
fn every_help_text_has_a_chinese_translation() {
    let chinese: BTreeMap<&str, &str> = catalogue().copied().collect();
    let missing: Vec<String> = stackviz::i18n::help::texts()
        .into_iter()
        .filter(|text| !chinese.contains_key(text.as_str()))
        .map(|text| format!("{text:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} --help text(s) have no Chinese translation in src/i18n/zh/help.rs:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
