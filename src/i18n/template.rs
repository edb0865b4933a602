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

use compact_str::CompactString;

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

impl Template {
    /// [`fill`](Self::fill) for a field's meaning or a sum's label: the same
    /// sentence, remembered per thread for the values it was filled with,
    /// and handed out borrowed the next time the same template comes with
    /// the same values. Most meanings repeat frame after frame (a header
    /// length of 20, a TTL of 64, a checksum found correct): filling one in
    /// cost an allocation, the copies of its pieces and its values, and a
    /// free when the frame was dropped, 300 to 400 instructions; finding it
    /// again costs a fraction of that. Only whole numbers and short text
    /// are remembered (a value shown through `Display` is filled in each
    /// time).
    pub fn meaning(&self, values: &[Arg<'_>]) -> CompactString {
        let mut key = [0u64; MEMO_KEY];
        if !memo_key(self, values, &mut key) {
            return CompactString::from_string_buffer(self.fill(values));
        }
        let slot = memo_slot(&key);
        let found = MEMO.with(|memo| {
            let memo = memo.borrow();
            match memo.slots.get(slot) {
                Some(Some(entry)) if same_key(&entry.key, &key) => Some(entry.text),
                _ => None,
            }
        });
        if let Some(text) = found {
            return CompactString::const_new(text);
        }
        let filled = self.fill(values);
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.kept + filled.capacity() > MEMO_BYTES {
                // The memo is full: what it holds is served, nothing new
                // is kept, and memory stays bounded.
                return CompactString::from_string_buffer(filled);
            }
            if memo.slots.is_empty() {
                memo.slots.resize_with(MEMO_SLOTS, || None);
            }
            memo.kept += filled.capacity();
            // Kept for the rest of the run (at most `MEMO_BYTES` a thread):
            // only a `'static` sentence can be borrowed by a field. Not
            // shrunk first: that was a reallocation, 470 instructions.
            let text: &'static str = String::leak(filled);
            if let Some(entry) = memo.slots.get_mut(slot) {
                *entry = Some(MemoEntry { key, text });
            }
            CompactString::const_new(text)
        })
    }
}

/// How many sentences each thread remembers (a power of two): more than the
/// distinct meanings a capture's mix of protocols repeats.
const MEMO_SLOTS: usize = 4096;

/// The most sentence bytes a thread keeps: a capture whose values never
/// repeat stops filling the memo here and is filled in as before.
const MEMO_BYTES: usize = 1 << 20;

/// Words in a memo key.
const MEMO_KEY: usize = 8;

/// The longest text value a remembered sentence may have (its length must
/// fit the six bits its byte of the key has for it).
const MEMO_TEXT: usize = 40;

/// A template, its language and its values, as plain words compared at
/// once: the template's address, then a word of the language and a byte
/// per value (its kind, and a text's length), then each number, or each
/// text's bytes eight to a word.
type MemoKey = [u64; MEMO_KEY];

struct MemoEntry {
    key: MemoKey,
    text: &'static str,
}

struct Memo {
    slots: Vec<Option<MemoEntry>>,
    /// Bytes of the sentences kept so far.
    kept: usize,
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = const {
        std::cell::RefCell::new(Memo {
            slots: Vec::new(),
            kept: 0,
        })
    };
}

/// Writes the memo's key of a fill into `key` (zeros); false when a value
/// is shown through `Display`, is text longer than `MEMO_TEXT` bytes, or
/// the values do not fit the key.
fn memo_key(template: &Template, values: &[Arg<'_>], key: &mut MemoKey) -> bool {
    if values.len() > 6 {
        return false;
    }
    key[0] = std::ptr::from_ref(template) as u64;
    let mut kinds = super::language() as u64;
    let mut at = 2;
    for (i, value) in values.iter().enumerate() {
        let kind = match *value {
            Arg::Unsigned(n) if at < MEMO_KEY => {
                key[at] = n;
                at += 1;
                1
            }
            Arg::Signed(n) if at < MEMO_KEY => {
                key[at] = n as u64;
                at += 1;
                2
            }
            Arg::Text(text)
                if text.len() <= MEMO_TEXT && at + text.len().div_ceil(8) <= MEMO_KEY =>
            {
                // Whole words loaded at once, the last few bytes one by
                // one (a copy of a few bytes of unknown length was a call;
                // every byte one by one cost four instructions a byte).
                let mut words = text.as_bytes().chunks_exact(8);
                for chunk in &mut words {
                    if let (Some(slot), Ok(word)) = (key.get_mut(at), <[u8; 8]>::try_from(chunk)) {
                        *slot = u64::from_le_bytes(word);
                    }
                    at += 1;
                }
                let rest = words.remainder();
                if !rest.is_empty() {
                    if let Some(slot) = key.get_mut(at) {
                        *slot = rest
                            .iter()
                            .rev()
                            .fold(0u64, |word, &b| word << 8 | u64::from(b));
                    }
                    at += 1;
                }
                3 | (text.len() as u64) << 2
            }
            _ => return false,
        };
        kinds |= kind << (8 + 8 * i);
    }
    key[1] = kinds;
    true
}

/// Whether two keys are the same, every word compared without a branch
/// (`==` on the arrays was a call to `memcmp`).
fn same_key(a: &MemoKey, b: &MemoKey) -> bool {
    a.iter().zip(b).fold(0, |differ, (a, b)| differ | (a ^ b)) == 0
}

/// The slot of `key` in the memo.
fn memo_slot(key: &MemoKey) -> usize {
    let h = key
        .iter()
        .fold(0u64, |h, word| h.rotate_left(23) ^ word)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 52) as usize % MEMO_SLOTS
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

    /// The names of a catalogue sentence's values, as a `t!` call passes
    /// them (`{{` escapes and empty braces are not values).
    fn value_names(english: &'static str) -> Vec<&'static str> {
        placeholders(english)
            .into_iter()
            .filter(|n| !n.is_empty() && !n.contains('{'))
            .collect()
    }

    /// A remembered meaning is the sentence `fill` fills in, the first time
    /// (kept) and every time after (found), on every sentence of the
    /// catalogue in both languages, with values that differ only a little
    /// (a number by one, a text by its last character or its length,
    /// ASCII, `×`, `…` and Chinese, a sign): none is served another's
    /// sentence.
    #[test]
    fn a_remembered_meaning_is_the_filled_in_sentence_for_every_value() {
        let texts = [
            "",
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "5 × 4",
            "5 × 5",
            "a…",
            "a…b",
            "中文",
            "中文字",
            "x".repeat(40).leak(),
            "x".repeat(41).leak(),
        ];
        let mut checked = 0;
        for &(english, _) in catalogue() {
            let names = value_names(english);
            if names.is_empty() {
                continue;
            }
            let names: &'static [&'static str] = Box::leak(names.into_boxed_slice());
            let template: &'static Template = Box::leak(Box::new(Template::new(english, names)));
            for lang in [Lang::En, Lang::Zh] {
                for round in 0..2 {
                    for (i, text) in texts.iter().enumerate() {
                        let mut values: Vec<Arg<'_>> = names
                            .iter()
                            .enumerate()
                            .map(|(n, _)| match (n + i) % 4 {
                                0 => Arg::Text(text),
                                1 => Arg::Unsigned(i as u64),
                                2 => Arg::Signed(-(i as i64)),
                                _ => Arg::Signed(i as i64),
                            })
                            .collect();
                        if round == 1 {
                            values.reverse();
                        }
                        for _ in 0..2 {
                            let (remembered, filled) = with_language(lang, || {
                                (template.meaning(&values), template.fill(&values))
                            });
                            assert_eq!(remembered, filled, "{lang:?} {english:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// Every sentence of the catalogue, in both languages, with its own
    /// names, with a name missing and with a name it does not use: the
    /// cached pieces fill in what `fill` fills in from the sentence's
    /// translation looked up afresh.
    #[test]
    fn a_parsed_template_fills_in_what_fill_fills_in_for_every_sentence() {
        let mut checked = 0;
        for &(english, _) in catalogue() {
            let names = value_names(english);
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
