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
mod template;
pub mod words;
mod zh;

pub use template::Template;

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
#[inline]
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
#[inline]
pub fn text(english: &'static str) -> &'static str {
    match language() {
        Lang::En => english,
        Lang::Zh => in_chinese(english),
    }
}

/// The Chinese of `english` (out of line: `text` is inlined into every
/// `t!`, and English needs only the comparison).
#[inline(never)]
fn in_chinese(english: &'static str) -> &'static str {
    chinese().get(english).copied().unwrap_or(english)
}

/// The Chinese for a sentence known only at run time (clap's help texts,
/// which `help::command` reads out of the derived command line).
pub fn chinese_for(english: &str) -> Option<&'static str> {
    chinese().get(english).copied()
}

/// One value for a placeholder. Text and whole numbers (most values) are
/// written straight into the sentence; anything else goes through its
/// `Display`. The `t!` macro chooses the variant from the value's type
/// (see [`FastArg`]), so callers never name it.
#[derive(Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Unsigned(u64),
    Signed(i64),
    Shown(&'a dyn Display),
}

impl Arg<'_> {
    /// Bytes this value is likely to take, for the sentence's capacity.
    fn size_hint(&self) -> usize {
        match self {
            Arg::Text(text) => text.len(),
            Arg::Unsigned(_) | Arg::Signed(_) => 8,
            Arg::Shown(_) => 16,
        }
    }

    fn push_to(&self, out: &mut String) {
        match *self {
            Arg::Text(text) => out.push_str(text),
            Arg::Unsigned(n) => push_decimal(out, n),
            Arg::Signed(n) => {
                if n < 0 {
                    out.push('-');
                }
                push_decimal(out, n.unsigned_abs());
            }
            Arg::Shown(value) => {
                let _ = write!(out, "{value}");
            }
        }
    }
}

/// `n` in decimal, as `{}` writes it, without the formatting machinery.
fn push_decimal(out: &mut String, n: u64) {
    let mut buffer = [0u8; 20];
    let digits = crate::model::decimal_digits(n, &mut buffer);
    // ASCII pushes: no UTF-8 check of the digits.
    out.reserve(digits.len());
    for &digit in digits {
        out.push(char::from(digit));
    }
}

/// A value on its way into a placeholder; `t!` wraps each value in one.
pub struct Wrap<'a, T>(pub &'a T);

/// The fast way in, for text and whole numbers. `t!` calls `.arg()` on a
/// `&Wrap<T>`: method lookup tries `Wrap<T>`'s own impls (this trait) before
/// those on `&Wrap<T>` ([`ShownArg`]), so the types below take the fast path
/// and every other `Display` type still works.
pub trait FastArg<'a> {
    fn arg(&self) -> Arg<'a>;
}

/// The general way in: any `Display` value (see [`FastArg`]).
pub trait ShownArg<'a> {
    fn arg(&self) -> Arg<'a>;
}

impl<'a, T: Display> ShownArg<'a> for &Wrap<'a, T> {
    fn arg(&self) -> Arg<'a> {
        Arg::Shown(self.0)
    }
}

macro_rules! fast_numbers {
    ($variant:ident, $wide:ty: $($t:ty),*) => {$(
        impl<'a> FastArg<'a> for Wrap<'a, $t> {
            fn arg(&self) -> Arg<'a> {
                Arg::$variant(*self.0 as $wide)
            }
        }
        impl<'a, 'b> FastArg<'a> for Wrap<'a, &'b $t> {
            fn arg(&self) -> Arg<'a> {
                Arg::$variant(**self.0 as $wide)
            }
        }
    )*};
}
fast_numbers!(Unsigned, u64: u8, u16, u32, u64, usize);
fast_numbers!(Signed, i64: i8, i16, i32, i64, isize);

impl<'a, 'b: 'a> FastArg<'a> for Wrap<'a, &'b str> {
    fn arg(&self) -> Arg<'a> {
        Arg::Text(self.0)
    }
}

impl<'a> FastArg<'a> for Wrap<'a, String> {
    fn arg(&self) -> Arg<'a> {
        Arg::Text(self.0)
    }
}

impl<'a, 'b: 'a> FastArg<'a> for Wrap<'a, &'b String> {
    fn arg(&self) -> Arg<'a> {
        Arg::Text(self.0)
    }
}

impl<'a, 'b: 'a> FastArg<'a> for Wrap<'a, std::borrow::Cow<'b, str>> {
    fn arg(&self) -> Arg<'a> {
        Arg::Text(self.0)
    }
}

/// Room for `template` filled with `values`: exact for text, a guess for
/// numbers and other values.
fn fill_size(template: &str, values: &[Arg<'_>]) -> usize {
    template.len() + values.iter().map(Arg::size_hint).sum::<usize>()
}

/// Fills `{name}` placeholders in `template` from `values`. A placeholder
/// without a value stays as written rather than panicking; `{{` and `}}` are
/// literal braces. The same rules as every `t!` (`template::pieces`): `t!`
/// parses its template once per language, this parses it each call (for
/// text known only at run time, and as the tests' way in).
pub fn fill(template: &str, values: &[(&str, Arg<'_>)]) -> String {
    let names: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
    let values: Vec<Arg<'_>> = values.iter().map(|(_, value)| *value).collect();
    template::write(template, &template::pieces(template, &names), &values)
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
    // `t!("...", @meaning, values...)`: a field's meaning or a sum's label,
    // a `CompactString` remembered per thread for its values
    // (`Template::meaning`).
    ($english:literal, @meaning, $($name:ident $(= $value:expr)?),+ $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::i18n::{FastArg as _, ShownArg as _};
        if $crate::detail::full() {
            static TEMPLATE: $crate::i18n::Template =
                $crate::i18n::Template::new($english, &[$(stringify!($name)),+]);
            TEMPLATE.meaning(&[$((&$crate::i18n::Wrap(&$crate::t!(@value $name $(= $value)?))).arg()),+])
        } else {
            ::compact_str::CompactString::const_new("")
        }
    }};
    ($english:literal, $($name:ident $(= $value:expr)?),+ $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::i18n::{FastArg as _, ShownArg as _};
        // A summary's dissection reads no sentence: not even the values
        // are worked out (`detail::without_sentences`).
        if $crate::detail::full() {
            // Parsed once per language, here (`i18n::Template`).
            static TEMPLATE: $crate::i18n::Template =
                $crate::i18n::Template::new($english, &[$(stringify!($name)),+]);
            TEMPLATE.fill(&[$((&$crate::i18n::Wrap(&$crate::t!(@value $name $(= $value)?))).arg()),+])
        } else {
            ::std::string::String::new()
        }
    }};
}

/// The sentence `fill` makes, cut at the `n` marks it is given for its
/// values: the text before the first, between them, after the last. None
/// unless each mark is found once, in order, and the sentence filled with
/// other marks is the same pieces around those (so each value goes in
/// once, where its mark is, and nothing else of the sentence moves).
pub fn cut_at_marks(n: usize, fill: impl Fn(&[&str]) -> String) -> Option<Vec<String>> {
    const MARKS: [[&str; 2]; 2] = [["\u{1}", "\u{2}"], ["\u{3}", "\u{4}"]];
    let marks = MARKS[0].get(..n)?;
    let others = MARKS[1].get(..n)?;
    let text = fill(marks);
    let mut pieces = Vec::with_capacity(n + 1);
    let mut rest = text.as_str();
    for mark in marks {
        let (before, after) = rest.split_once(mark)?;
        pieces.push(before.to_string());
        rest = after;
    }
    pieces.push(rest.to_string());
    let mut again = pieces.first()?.clone();
    for (mark, piece) in others.iter().zip(&pieces[1..]) {
        again.push_str(mark);
        again.push_str(piece);
    }
    (fill(others) == again).then_some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_cut_only_where_each_value_goes_once() {
        let pieces = cut_at_marks(2, |m| format!("a {} b {} c", m[0], m[1]));
        assert_eq!(pieces, Some(vec!["a ".into(), " b ".into(), " c".into()]));
        // A value twice, a value left out, values in the other order.
        assert_eq!(cut_at_marks(1, |m| format!("{0} and {0}", m[0])), None);
        assert_eq!(cut_at_marks(2, |m| format!("only {}", m[0])), None);
        assert_eq!(cut_at_marks(2, |m| format!("{} then {}", m[1], m[0])), None);
        // A sentence that is not filled at all.
        assert_eq!(cut_at_marks(1, |_| String::new()), None);
    }

    #[test]
    fn fill_puts_values_in_their_places() {
        let n = 3;
        assert_eq!(
            fill(
                "{n} of {total} ({n})",
                &[("n", Arg::Unsigned(n)), ("total", Arg::Text("ten"))]
            ),
            "3 of ten (3)"
        );
        assert_eq!(fill("{{x}} {missing} }", &[]), "{x} {missing} }");
        assert_eq!(fill("end {", &[]), "end {");
    }

    /// Text and whole numbers skip `Display` (`FastArg`); what they write
    /// must be exactly what `{}` writes, at the extremes too.
    #[test]
    fn fast_values_write_what_display_writes() {
        let (big, small, byte) = (u64::MAX, i64::MIN, 0u8);
        let (minus, zero, size) = (-42i32, 0usize, 1500usize);
        let owned = String::from("ünïcode");
        let borrowed = &owned;
        let text = "text";
        let size_ref = &size;
        let address = std::net::Ipv4Addr::new(192, 0, 2, 1);
        // Through a macro of its own: the sentence is a test's, not one the
        // program says, so tests/i18n.rs must not ask for its translation.
        macro_rules! say {
            ($($arguments:tt)*) => {
                crate::t!($($arguments)*)
            };
        }
        assert_eq!(
            say!(
                "{big} {small} {byte} {minus} {zero} {size} {owned} {borrowed} {text} {size_ref} {address}",
                big,
                small,
                byte,
                minus,
                zero,
                size,
                owned,
                borrowed,
                text,
                size_ref,
                address
            ),
            format!("{big} {small} {byte} {minus} {zero} {size} {owned} {borrowed} {text} {size_ref} {address}")
        );
        assert_eq!(Wrap(&7u16).arg().size_hint(), 8);
        assert!(matches!(Wrap(&7u16).arg(), Arg::Unsigned(7)));
        assert!(matches!(Wrap(&"x").arg(), Arg::Text("x")));
        assert!(matches!((&Wrap(&address)).arg(), Arg::Shown(_)));
    }

    /// Filling byte by byte, written apart from `template::pieces`: the
    /// reference its placeholder rules are held to.
    fn fill_byte_by_byte(template: &str, values: &[(&str, &str)]) -> String {
        let bytes = template.as_bytes();
        let mut out = String::new();
        let (mut start, mut i) = (0, 0);
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
                            out.push_str(value);
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

    /// Every template of up to six characters from braces, names and other
    /// text fills exactly as the byte-by-byte reference does.
    #[test]
    fn fill_agrees_with_the_byte_by_byte_reference() {
        let alphabet = ['{', '}', 'a', 'b', '\u{7f}', '字'];
        let values = [("a", "1"), ("ab", "22"), ("", "empty")];
        let args: Vec<(&str, Arg)> = values.iter().map(|(n, v)| (*n, Arg::Text(v))).collect();
        let mut checked = 0;
        for length in 0..=6u32 {
            for code in 0..alphabet.len().pow(length) {
                let mut rest = code;
                let template: String = (0..length)
                    .map(|_| {
                        let c = alphabet[rest % alphabet.len()];
                        rest /= alphabet.len();
                        c
                    })
                    .collect();
                assert_eq!(
                    fill(&template, &args),
                    fill_byte_by_byte(&template, &values),
                    "{template:?}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 55_987);
    }

    /// Braces are found wherever they sit in a long template, beside bytes
    /// one bit away from them ('y', 0x7f, '|') or beside braces.
    #[test]
    fn braces_are_found_in_long_templates() {
        for at in 0..40 {
            for neighbour in ['a', 'y', '\u{7f}', '|', '{', '}'] {
                let mut template: Vec<char> = vec![neighbour; 40];
                template[at] = '{';
                if at + 2 < 40 {
                    template[at + 1] = 'n';
                    template[at + 2] = '}';
                }
                let template: String = template.into_iter().collect();
                let values = [("n", "X")];
                let args = [("n", Arg::Text("X"))];
                assert_eq!(
                    fill(&template, &args),
                    fill_byte_by_byte(&template, &values),
                    "{template:?}"
                );
            }
        }
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
