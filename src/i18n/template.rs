//! A `t!` sentence with values, parsed once per language at its call site:
//! which pieces are text and which are values, so filling it in copies
//! pieces and writes values without looking for braces or comparing
//! names, and without looking up the translation again.
//!
//! Why: `decode` fills a few dozen sentences for every frame (a tenth of
//! JSON's time went to finding braces and names in them, and in Chinese to
//! a hash lookup of the English text each time).
//!
//! The placeholder rules live here once ([`pieces`]); [`super::fill`]
//! uses them for text known only at run time, and its tests hold them to
//! an independent byte-by-byte reference on every short template. The
//! tests below check what the per-language cache adds: the right
//! translation, and each value at its name, on every sentence of the
//! catalogue.

use std::sync::OnceLock;

use super::{fill_size, Arg, Lang};

/// One piece of a parsed template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece {
    /// The template's bytes `start..end`, as they are.
    Text(u32, u32),
    /// The value named at this index of the call's names.
    Value(u16),
}

/// A template translated and cut into pieces.
#[derive(Debug)]
struct Parsed {
    template: &'static str,
    /// The pieces with their text already cut out of the template.
    parts: Vec<Part>,
}

/// A piece of a parsed template with its text as a slice: filling it in
/// copies the slice, with no cut (and its check of character boundaries)
/// each time. About 20,000 sentences in 1,000 frames.
#[derive(Debug, Clone, Copy)]
enum Part {
    Text(&'static str),
    Value(u16),
}

/// `template` filled in: its text pieces copied, `values` (in the order of
/// the names the pieces were cut with) written in their places.
#[inline]
pub(super) fn write(template: &str, pieces: &[Piece], values: &[Arg<'_>]) -> String {
    let mut out = String::with_capacity(fill_size(template, values));
    for piece in pieces {
        match *piece {
            Piece::Text(start, end) => out.push_str(&template[start as usize..end as usize]),
            Piece::Value(index) => {
                if let Some(value) = values.get(usize::from(index)) {
                    value.push_to(&mut out);
                }
            }
        }
    }
    out
}

/// A `t!` call site's template: its English text and the names of its
/// values, in the order the call passes them.
pub struct Template {
    english: &'static str,
    names: &'static [&'static str],
    /// Per language (the index is `Lang as usize`), parsed on first use.
    parsed: [OnceLock<Parsed>; 2],
}

impl Template {
    pub const fn new(english: &'static str, names: &'static [&'static str]) -> Self {
        Template {
            english,
            names,
            parsed: [OnceLock::new(), OnceLock::new()],
        }
    }

    /// The sentence in the current language with `values` (in the order of
    /// the names) in their places.
    pub fn fill(&self, values: &[Arg<'_>]) -> String {
        let lang = super::language();
        let slot = match lang {
            Lang::En => &self.parsed[0],
            Lang::Zh => &self.parsed[1],
        };
        let parsed = slot.get_or_init(|| {
            let template = super::text(self.english);
            let parts = pieces(template, self.names)
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(start, end) => Part::Text(
                        template
                            .get(start as usize..end as usize)
                            .unwrap_or_default(),
                    ),
                    Piece::Value(index) => Part::Value(index),
                })
                .collect();
            Parsed { template, parts }
        });
        // `write`, over parts.
        let mut out = String::with_capacity(fill_size(parsed.template, values));
        for part in &parsed.parts {
            match *part {
                Part::Text(text) => out.push_str(text),
                Part::Value(index) => {
                    if let Some(value) = values.get(usize::from(index)) {
                        value.push_to(&mut out);
                    }
                }
            }
        }
        out
    }
}

/// Cuts `template` into pieces, the placeholder rules of every sentence:
/// `{{` and `}}` are one literal brace, `{name}` is the value of that name
/// (the first, if named twice), a placeholder without a value and a lone
/// brace stay as written.
pub(super) fn pieces(template: &str, names: &[&str]) -> Vec<Piece> {
    let bytes = template.as_bytes();
    let mut pieces = Vec::new();
    let text = |pieces: &mut Vec<Piece>, start: usize, end: usize| {
        if start < end {
            pieces.push(Piece::Text(start as u32, end as u32));
        }
    };
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let brace = bytes[i];
        if brace != b'{' && brace != b'}' {
            i += 1;
            continue;
        }
        if bytes.get(i + 1) == Some(&brace) {
            text(&mut pieces, start, i + 1);
            start = i + 2;
            i += 2;
        } else if brace == b'{' {
            let Some(close) = template[i + 1..].find('}').map(|c| c + i + 1) else {
                break;
            };
            let name = &template[i + 1..close];
            if let Some(index) = names.iter().position(|n| *n == name) {
                text(&mut pieces, start, i);
                pieces.push(Piece::Value(index as u16));
                start = close + 1;
            }
            i = close + 1;
        } else {
            i += 1;
        }
    }
    text(&mut pieces, start, bytes.len());
    pieces
}

#[cfg(test)]
mod tests {
    use super::super::{catalogue, fill, placeholders, with_language, Arg, Lang};
    use super::*;

    /// Values of every kind, cycled over a template's names.
    fn values(count: usize) -> Vec<Arg<'static>> {
        static SHOWN: f64 = 1.5;
        let kinds = [
            Arg::Text("text"),
            Arg::Unsigned(42),
            Arg::Signed(-7),
            Arg::Shown(&SHOWN),
            Arg::Text(""),
            Arg::Unsigned(u64::MAX),
        ];
        (0..count).map(|i| kinds[i % kinds.len()]).collect()
    }

    fn both(template: &'static str, names: &'static [&'static str]) -> (String, String) {
        let values = values(names.len());
        let named: Vec<(&str, Arg<'_>)> =
            names.iter().copied().zip(values.iter().copied()).collect();
        let reference = fill(super::super::text(template), &named);
        let fast = Template::new(template, names).fill(&values);
        (fast, reference)
    }

    /// Every sentence of the catalogue, in both languages, with its own
    /// names, with a name missing and with a name it does not use: the
    /// cached pieces fill in what `fill` fills in from the sentence's
    /// translation looked up afresh.
    #[test]
    fn a_parsed_template_fills_in_what_fill_fills_in_for_every_sentence() {
        let mut checked = 0;
        for &(english, _) in catalogue() {
            let names: Vec<&'static str> = placeholders(english)
                .into_iter()
                .filter(|n| !n.is_empty() && !n.contains('{'))
                .collect();
            let mut variants = vec![names.clone()];
            if let Some((_, rest)) = names.split_first() {
                variants.push(rest.to_vec());
            }
            let mut extra = names.clone();
            extra.insert(0, "unused");
            variants.push(extra);
            for variant in variants {
                let variant: &'static [&'static str] = Box::leak(variant.into_boxed_slice());
                for lang in [Lang::En, Lang::Zh] {
                    let (fast, reference) = with_language(lang, || both(english, variant));
                    assert_eq!(fast, reference, "{lang:?} {english:?} {variant:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}
