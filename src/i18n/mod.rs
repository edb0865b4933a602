//! The program's own words in English or Simplified Chinese: the language
//! chosen once (`--lang`, else LC_ALL / LC_MESSAGES / LANG), the `t!` macro
//! every user-facing sentence goes through, and the Chinese catalogue.
//!
//! Written by hand rather than with rust-i18n or fluent: the English sentence
//! is its own key (so the source reads as English and a missing translation
//! falls back to it), the catalogue is a compiled-in table with no build step
//! or files to ship, and `tests/i18n.rs` can list every `t!` call in `src/`
//! and fail when one lacks its Chinese twin. Protocol field names (Source
//! Port, Total Length...) are not translated: they stay as the RFCs name them.

pub mod help;
pub mod os;
pub mod words;
mod zh;

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::{Display, Write as _};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// A language the program speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    // Plain comments, not doc comments: clap would turn these into a long
    // "Possible values" list in every command's --help.
    En,
    // Simplified Chinese (简体中文).
    Zh,
}

impl Lang {
    /// The language a POSIX locale asks for: the first of LC_ALL, LC_MESSAGES
    /// and LANG that is set and not empty decides; `zh*` means Chinese,
    /// anything else English.
    pub fn from_locale(lookup: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| lookup(name).filter(|v| !v.is_empty()));
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// From this process's environment.
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }
}

const EN: u8 = 0;
const ZH: u8 = 1;

/// The process-wide language, set once by `main`. A global rather than a
/// parameter: sentences are written where their values are known (deep in
/// the dissector, in the socket exchange, in error hints), and threading a
/// language through every one of those functions would only carry a choice
/// made once per run.
static LANGUAGE: AtomicU8 = AtomicU8::new(EN);

thread_local! {
    /// Lets a test speak another language on its own thread without
    /// changing the process-wide choice other tests see.
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Chooses the language for the rest of the run.
pub fn set_language(lang: Lang) {
    let code = match lang {
        Lang::En => EN,
        Lang::Zh => ZH,
    };
    LANGUAGE.store(code, Ordering::Relaxed);
}

/// The language sentences are written in now.
pub fn language() -> Lang {
    if let Some(lang) = OVERRIDE.with(Cell::get) {
        return lang;
    }
    match LANGUAGE.load(Ordering::Relaxed) {
        ZH => Lang::Zh,
        _ => Lang::En,
    }
}

/// Runs `f` with this thread speaking `lang` (for tests and benchmarks).
pub fn with_language<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let result = f();
    OVERRIDE.with(|o| o.set(before));
    result
}

fn chinese() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| catalogue().copied().collect())
}

/// Every (English, Chinese) pair the program knows.
pub fn catalogue() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    zh::PARTS.iter().flat_map(|part| part.iter())
}

/// `english` in the current language; English where no translation exists
/// (`tests/i18n.rs` makes sure none is missing).
pub fn text(english: &'static str) -> &'static str {
    match language() {
        Lang::En => english,
        Lang::Zh => chinese().get(english).copied().unwrap_or(english),
    }
}

/// The Chinese for a sentence known only at run time (clap's help texts,
/// which `help::command` reads out of the derived command line).
pub fn chinese_for(english: &str) -> Option<&'static str> {
    chinese().get(english).copied()
}

/// Fills `{name}` placeholders in `template` from `values`. A placeholder
/// without a value stays as written rather than panicking; `{{` and `}}` are
/// literal braces.
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    // Byte scanning: braces are ASCII, so every index found is a char
    // boundary; `decode` calls this for most fields of every frame.
    let bytes = template.as_bytes();
    let mut out = String::with_capacity(template.len() + 16 * values.len());
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            brace @ (b'{' | b'}') if bytes.get(i + 1) == Some(&brace) => {
                out.push_str(&template[start..=i]);
                i += 2;
                start = i;
            }
            b'{' => match bytes[i + 1..].iter().position(|&b| b == b'}') {
                Some(length) => {
                    let name = &template[i + 1..i + 1 + length];
                    let end = i + length + 2;
                    if let Some((_, value)) = values.iter().find(|(n, _)| *n == name) {
                        out.push_str(&template[start..i]);
                        let _ = write!(out, "{value}");
                        start = end;
                    }
                    i = end;
                }
                None => break,
            },
            _ => i += 1,
        }
    }
    out.push_str(&template[start..]);
    out
}

/// The placeholders a template names, in order (for the catalogue test).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let tail = &rest[open..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match tail.find('}') {
            Some(close) => {
                names.push(&tail[1..close]);
                rest = &tail[close + 1..];
            }
            None => break,
        }
    }
    names
}

/// A user-facing sentence in the current language.
///
/// `t!("English text")` gives a `&'static str`; with values,
/// `t!("{n} bytes left at offset {offset}", n, offset = start + 4)` gives a
/// `String`. The first argument must be a string literal: `tests/i18n.rs`
/// reads it from the source to check its translation exists. Values are
/// `Display`; format numbers (hex, padding) before passing them.
#[macro_export]
macro_rules! t {
    (@value $name:ident) => {
        $name
    };
    (@value $name:ident = $value:expr) => {
        $value
    };
    ($english:literal) => {
        $crate::i18n::text($english)
    };
    ($english:literal, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::i18n::fill(
            $crate::i18n::text($english),
            &[$((stringify!($name), &$crate::t!(@value $name $(= $value)?) as &dyn ::std::fmt::Display)),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_values_in_their_places() {
        let n = 3;
        assert_eq!(
            fill("{n} of {total} ({n})", &[("n", &n), ("total", &"ten")]),
            "3 of ten (3)"
        );
        assert_eq!(fill("{{x}} {missing} }", &[]), "{x} {missing} }");
        assert_eq!(fill("end {", &[]), "end {");
    }

    #[test]
    fn placeholders_are_listed_in_order() {
        assert_eq!(placeholders("{a} {{b}} {c}"), vec!["a", "c"]);
    }

    #[test]
    fn locale_decides_the_default() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LANG", "zh_TW")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }

    #[test]
    fn a_thread_can_speak_another_language() {
        let zh = with_language(Lang::Zh, || crate::t!("Data link"));
        assert_eq!(crate::t!("Data link"), "Data link");
        assert_eq!(zh, "数据链路层");
    }
}
