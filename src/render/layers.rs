//! One layer as a table of its fields (bytes, raw bits or hex, value, meaning,
//! origin), and its checksums worked out step by step.

use std::cell::RefCell;
use std::io::{self, Write};

use super::table::{CellKind, TableOut, Through};
use super::wrap::Wrap;
use super::{heading, new_table, paint, RenderOptions, TextTable};
use crate::field_id;
use crate::model::{to_hex, Check, CheckVerdict, Dissection, Field, Layer, Value};
use crate::t;

/// Where a field sits, e.g. `23`, `26-29`, `14 bits 0-3`, or `wire` when it
/// is not part of the frame.
pub fn position(field: &Field) -> String {
    let mut out = String::new();
    push_position(&mut out, field);
    out
}

/// `n` in decimal, as `{}` writes it.
fn push_decimal(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    for &digit in crate::model::decimal_digits(n, &mut digits) {
        out.push(char::from(digit));
    }
}

/// `n` in lowercase hex with at least `min` digits, as `{n:0min$x}` writes it.
fn push_hex(out: &mut String, n: u64, min: usize) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut count = 1;
    while count < 16 && n >> (4 * count) != 0 {
        count += 1;
    }
    for _ in count..min {
        out.push('0');
    }
    for k in (0..count).rev() {
        out.push(char::from(DIGITS[((n >> (4 * k)) & 0x0f) as usize]));
    }
}

/// [`position`] written onto `out`, with no string of its own for the
/// bytes (every field of every decoded frame has one). Returns whether
/// what it wrote is known to be printable ASCII (see
/// [`TextTable::cell_known`]): digits are, a sentence is looked at.
fn push_position(out: &mut String, field: &Field) -> bool {
    let Some(offset) = field.offset else {
        out.push_str(t!("wire"));
        return false;
    };
    // A segment with no data has a data field of no bytes: no position.
    if field.length == 0 && field.bits.is_none() {
        out.push_str(t!("none (0 bytes)"));
        return false;
    }
    let push_bytes = |out: &mut String| {
        push_decimal(out, offset as u64);
        if field.length > 1 {
            out.push('-');
            push_decimal(out, (offset + field.length - 1) as u64);
        }
    };
    let Some(b) = field.bits else {
        push_bytes(out);
        return true;
    };
    // A bit field's position is a sentence of the language, the same for
    // the same bits frame after frame (most fields of IPv4 and TCP are bit
    // fields): remembered per thread rather than filled in each time.
    let key = (
        offset,
        field.length,
        b.offset,
        b.length,
        crate::i18n::language() == crate::i18n::Lang::Zh,
    );
    let slot = {
        let mut h = (offset as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= (field.length as u64) << 16 ^ u64::from(b.offset) << 8 ^ u64::from(b.length);
        h ^= u64::from(key.4) << 40;
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize
    };
    let fill = || {
        let mut bytes = String::with_capacity(12);
        push_bytes(&mut bytes);
        if b.length == 1 {
            t!("{bytes} bit {bit}", bytes, bit = b.offset)
        } else {
            t!(
                "{bytes} bits {first}-{last}",
                bytes,
                first = b.offset,
                last = b.offset + b.length - 1
            )
        }
    };
    BIT_POSITIONS.with(|cell| {
        let Ok(mut slots) = cell.try_borrow_mut() else {
            out.push_str(&fill());
            return false;
        };
        if slots.is_empty() {
            slots.resize_with(256, || None);
        }
        match &slots[slot] {
            Some((k, text, plain)) if *k == key => {
                out.push_str(text);
                *plain
            }
            _ => {
                let text = fill();
                out.push_str(&text);
                // Whether the sentence is plain, remembered with it.
                let plain = super::table::plain(&text);
                // A summary's dissection fills no sentence: nothing to keep.
                if !text.is_empty() {
                    slots[slot] = Some((key, text, plain));
                }
                plain
            }
        }
    })
}

/// Where a bit field sits: its bytes, first bit, bits, whether in Chinese.
type BitKey = (usize, usize, u8, u8, bool);

thread_local! {
    /// Bit fields' positions as written lately, by a hash of their key,
    /// with whether each is plain (printable ASCII).
    static BIT_POSITIONS: RefCell<Vec<Option<(BitKey, String, bool)>>> =
        const { RefCell::new(Vec::new()) };
}

/// The raw form: the bits of a bit field among dots for the other bits of its
/// bytes (`0100 ....`), else the bytes in hex (shortened when long).
pub fn raw(field: &Field) -> String {
    let mut out = String::with_capacity(40);
    push_raw(&mut out, field);
    out
}

/// Each nibble of a bit field's raw form, four characters apiece, by the
/// nibble's bits that belong to the field (high four bits of the index)
/// and their values (low four): `.` for a bit outside, `0` or `1` inside,
/// most significant first.
static NIBBLES: &str = {
    const TABLE: [u8; 1024] = {
        let mut table = [b'.'; 1024];
        let mut index = 0;
        while index < 256 {
            let (inside, value) = (index >> 4, index & 0x0f);
            let mut k = 0;
            while k < 4 {
                let bit = 3 - k;
                if inside >> bit & 1 == 1 {
                    table[index * 4 + k] = b'0' + (value >> bit & 1) as u8;
                }
                k += 1;
            }
            index += 1;
        }
        table
    };
    match std::str::from_utf8(&TABLE) {
        Ok(text) => text,
        Err(_) => panic!("dots and digits are UTF-8"),
    }
};

/// [`raw`] written onto `out`. Returns whether what it wrote is known to
/// be printable ASCII (see [`TextTable::cell_known`]): a bit field's dots
/// and digits are, and hex of at most twelve bytes is when its digits are.
/// A bit field of up to eight bytes is written a nibble at a time from a
/// table (a bit at a time, each through `String::push`, it was a sixtieth
/// of full detail).
fn push_raw(out: &mut String, field: &Field) -> bool {
    if let Some(bits) = field.bits {
        let total = field.length * 8;
        let first = usize::from(bits.offset);
        let last = first + usize::from(bits.length);
        let len = usize::from(bits.length);
        if total <= 64 && last <= total && (1..=32).contains(&len) {
            let ones = (1u64 << len) - 1;
            let inside = ones << (total - last);
            let value = (u64::from(bits.pattern) & ones) << (total - last);
            for nibble in 0..total / 4 {
                if nibble > 0 {
                    out.push(' ');
                }
                let shift = total - 4 - 4 * nibble;
                let index = ((inside >> shift & 0x0f) << 4 | (value >> shift & 0x0f)) as usize;
                if let Some(four) = NIBBLES.get(index * 4..index * 4 + 4) {
                    out.push_str(four);
                }
            }
            return true;
        }
        push_raw_simply(out, field);
        return true;
    }
    // The hex digits in pairs, written straight into one string (this runs
    // for every field of every decoded frame). A pair is copied only when
    // it is whole (always: hex is ASCII), known then to be two bytes long
    // (a copy of two bytes, not a call to memcpy).
    let hex = field.hex.as_str();
    let count = hex.len() / 2;
    let push_pairs = |range: std::ops::Range<usize>, out: &mut String| {
        for i in range.clone() {
            if i > range.start {
                out.push(' ');
            }
            if let Some(pair) = hex.get(i * 2..i * 2 + 2) {
                out.push_str(pair);
            }
        }
    };
    if count > 12 {
        push_pairs(0..8, out);
        out.push_str(" … ");
        push_pairs(count - 2..count, out);
        false
    } else {
        push_pairs(0..count, out);
        // Pairs of printable ASCII (hex digits) are copied whole.
        super::table::plain(hex)
    }
}

/// [`push_raw`] a character at a time: for bit fields it does not take
/// from its table and hex that is not printable ASCII (neither is ever
/// made), and the reference its tests compare with.
fn push_raw_simply(out: &mut String, field: &Field) {
    if let Some(bits) = field.bits {
        let total = field.length * 8;
        let first = usize::from(bits.offset);
        let last = first + usize::from(bits.length);
        for i in 0..total {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            // The pattern's bits, most significant first (`BitSpan::binary`).
            out.push(if i >= first && i < last {
                let from_low = last - 1 - i;
                if bits.pattern.wrapping_shr(from_low as u32) & 1 == 1 {
                    '1'
                } else {
                    '0'
                }
            } else {
                '.'
            });
        }
        return;
    }
    let hex = field.hex.as_str();
    let count = hex.len() / 2;
    let pair = |i: usize| hex.get(i * 2..i * 2 + 2).unwrap_or("");
    let push_pairs = |range: std::ops::Range<usize>, out: &mut String| {
        for i in range.clone() {
            if i > range.start {
                out.push(' ');
            }
            out.push_str(pair(i));
        }
    };
    if count > 12 {
        push_pairs(0..8, out);
        out.push_str(" … ");
        push_pairs(count - 2..count, out);
    } else {
        push_pairs(0..count, out);
    }
}

/// The value as people write it: checksums, FCS and EtherTypes in hex.
pub fn value(field: &Field) -> String {
    let mut out = String::new();
    push_value(&mut out, field);
    out
}

/// [`value`] written onto `out`. Returns whether what it wrote is known
/// to be printable ASCII (see [`TextTable::cell_known`]): numbers are,
/// text is looked at.
fn push_value(out: &mut String, field: &Field) -> bool {
    let hex = |out: &mut String, n: u64, digits: usize| {
        out.push_str("0x");
        push_hex(out, n, digits);
        true
    };
    match (&field.value, field.id) {
        (Value::Number(n), field_id::ETH_TYPE) => hex(out, *n, 4),
        (Value::Number(n), field_id::ETH_FCS) => hex(out, *n, 8),
        (Value::Number(n), id) if id.ends_with("checksum") => hex(out, *n, 4),
        (Value::Number(n), field_id::PHY_SFD) => hex(out, *n, 2),
        (Value::Number(n), field_id::ETH_PADDING) => {
            out.push_str(&super::words::bytes(
                usize::try_from(*n).unwrap_or(usize::MAX),
            ));
            false
        }
        (Value::Number(n), _) => {
            push_decimal(out, *n);
            true
        }
        (Value::Text(t), _) => text_value(out, t),
        (Value::Shown(shown), _) => match shown_start(&shown.bytes) {
            Some(start) => text_value(out, &start),
            None => text_value(out, &shown.text()),
        },
    }
}

/// The text of a long payload's first bytes, enough of them to fill a
/// value's cell as the whole text would (more than 40 characters of it,
/// so it is cut at the same place); None when the payload is escaped
/// whole. Most of a binary payload's text was escaped for nothing:
/// 4,350 instructions a cell on 1,000 mixed frames.
fn shown_start(bytes: &[u8]) -> Option<String> {
    let start = |n: usize| bytes.get(..n).filter(|start| start.len() < bytes.len());
    // A prefix's text differs from the whole text's start only by a
    // character its end cuts: at most three bytes, four characters each
    // as escapes. More than 40 characters before those, and the cell is
    // the same. Binary data (four characters a byte) and ASCII text are
    // decided here.
    if let Some(few) = start(SHOWN_FEW) {
        let text = crate::text::escape_text(few);
        if text.chars().count() > 40 + 3 * 4 {
            return Some(text);
        }
    }
    start(SHOWN_ENOUGH).map(crate::text::escape_text)
}

/// The bytes first tried for a cell: more than 52 characters' worth when
/// each byte is one character.
const SHOWN_FEW: usize = 56;

/// Bytes that always fill a value's cell: each byte becomes at least one
/// character of the text and no character comes from more than four, so
/// the text of this many bytes begins with more than 40 complete
/// characters of the whole text.
const SHOWN_ENOUGH: usize = 41 * 4;

/// A text value, cut to 40 characters; whether it is plain (`value`).
fn text_value(out: &mut String, t: &str) -> bool {
    // No more than 40 bytes is no more than 40 characters.
    if t.len() > 40 && t.chars().count() > 40 {
        let cut = t.char_indices().nth(37).map_or(t.len(), |(i, _)| i);
        out.push_str(&t[..cut]);
        out.push('…');
        false
    } else {
        out.push_str(t);
        super::table::plain(t)
    }
}

/// The meaning, and on its own line where the value came from.
pub fn meaning(field: &Field) -> String {
    let mut out = String::new();
    push_meaning(&mut out, field);
    out
}

/// [`meaning`] written onto `out`.
fn push_meaning(out: &mut String, field: &Field) {
    out.push_str(&field.meaning);
    if let Some(o) = &field.origin {
        out.push('\n');
        out.push_str(o.kind.tag());
        out.push(' ');
        out.push_str(&o.source);
    }
}

/// Below this width the table folds five columns into three so the meaning
/// stays readable on an 80-column terminal.
const NARROW: u16 = 110;

/// The layer's fields as a table, each meaning followed by its origin.
pub fn fields_table(
    layer: &Layer,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    table_of(layer, &mut Through(out), options, true)
}

/// The layer's fields without the origin lines, for frames whose fields all
/// share one origin that the caller states once (a captured frame).
pub fn fields_table_same_origin(
    layer: &Layer,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    table_of(layer, &mut Through(out), options, false)
}

/// A meaning without its origin line (see [`fields_table_same_origin`]).
fn same_origin(out: &mut String, field: &Field) {
    out.push_str(&field.meaning);
}

thread_local! {
    /// The fields' table, reused from layer to layer: its cells are
    /// written straight into it, with no string per cell.
    /// With it, the context its header was written for, plus one (0:
    /// none yet).
    static FIELDS: RefCell<(TextTable, u8)> = RefCell::new((TextTable::new(0), 0));
    /// Fields' first cells as the table made them lately, by a hash of
    /// their key.
    static FIRST_CELLS: RefCell<Vec<Option<FirstCell>>> = const { RefCell::new(Vec::new()) };
}

/// What a field's first cell (its name and position in the narrow layout,
/// its position in the wide one) depends on: the name (a `&'static str`,
/// known by where it is), offset, length, bits, and the table's language,
/// layout and whether sentences are filled in.
type CellKey = [u64; 5];

/// A remembered first cell: its key, its text with break hints, what it
/// is (plain, wide, its lines' measure: not looked for and measured again
/// when the table is drawn).
type FirstCell = (CellKey, String, CellKind);

/// How many first cells each thread remembers (a power of two): more than
/// the fields of the protocols a capture mixes, at their offsets.
const FIRST_CELL_SLOTS: usize = 2048;

/// The field's first cell: `write` run and its cell remembered, or the
/// cell as it was made the last time for the same key. The same fields at
/// the same offsets come back frame after frame: writing the position,
/// checking it and the name for plainness (and in Chinese placing the
/// break hints) was a measured twentieth of full detail.
fn first_cell(
    table: &mut TextTable,
    memo: Option<&mut Vec<Option<FirstCell>>>,
    field: &Field,
    context: u8,
    write: impl FnOnce(&mut String) -> bool,
) {
    let Some(memo) = memo else {
        table.cell_known(write);
        return;
    };
    // Plain words, compared at once: the name's address and length, the
    // offset, the length, and whether there is an offset, the bits and
    // the context packed in one.
    let bits = field.bits.map_or(0, |b| {
        1 << 16 | u64::from(b.offset) << 8 | u64::from(b.length)
    });
    let key: CellKey = [
        field.name.as_ptr() as u64,
        field.name.len() as u64,
        field.offset.unwrap_or(0) as u64,
        field.length as u64,
        u64::from(field.offset.is_some()) << 32 | bits << 8 | u64::from(context),
    ];
    let slot = {
        let mut h = key[0].wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= key[2] << 20 ^ key[3] << 8 ^ key[4] << 36;
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 53) as usize % FIRST_CELL_SLOTS
    };
    if memo.is_empty() {
        memo.resize_with(FIRST_CELL_SLOTS, || None);
    }
    let Some(entry) = memo.get_mut(slot) else {
        table.cell_known(write);
        return;
    };
    if let Some((k, text, kind)) = entry {
        if *k == key {
            table.cell_again(text, *kind);
            return;
        }
    }
    table.cell_known(write);
    if let Some((text, kind)) = table.last_cell() {
        match entry {
            // The slot's string is kept (no allocation once warm).
            Some((k, kept, kept_kind)) => {
                *k = key;
                kept.clear();
                kept.push_str(text);
                *kept_kind = kind;
            }
            None => *entry = Some((key, text.to_string(), kind)),
        }
    }
}

/// The meaning cell: the meaning, and with `origin` its origin line. A
/// meaning that is the whole cell and a remembered sentence (most of them,
/// frame after frame) goes in as a static cell, whose facts the table
/// remembers (see [`TextTable::cell_static`]).
fn meaning_cell(table: &mut TextTable, field: &Field, origin: bool) {
    if !origin || field.origin.is_none() {
        if let Some(text) = field.meaning.as_static_str() {
            table.cell_static(text);
            return;
        }
    }
    if origin {
        table.cell(|s| push_meaning(s, field));
    } else {
        table.cell(|s| same_origin(s, field));
    }
}

/// The layer's fields as a table; `origin`: each meaning followed by its
/// origin line.
fn table_of(
    layer: &Layer,
    out: &mut impl TableOut,
    options: &RenderOptions,
    origin: bool,
) -> io::Result<()> {
    let narrow = options.width < NARROW;
    // The first cell's text depends on these besides the field.
    let context = u8::from(crate::i18n::language() == crate::i18n::Lang::Zh)
        | u8::from(narrow) << 1
        | u8::from(crate::detail::full()) << 2;
    let fill = |(table, header): &mut (TextTable, u8),
                mut memo: Option<&mut Vec<Option<FirstCell>>>| {
        // The header is the same from layer to layer in one language and
        // layout: kept, not written and scanned again.
        let keep = *header == context + 1 && table.reset_keeping_header(options.width);
        if !keep {
            table.reset(options.width);
            *header = 0;
        }
        if narrow {
            if !keep {
                table
                    .cell_str(t!("field\nbytes"))
                    .cell_str(t!("raw\nvalue"))
                    .cell_str(t!("meaning"))
                    .end_header();
                *header = context + 1;
            }
            for field in &layer.fields {
                first_cell(table, memo.as_deref_mut(), field, context, |s| {
                    s.push_str(field.name);
                    s.push('\n');
                    push_position(s, field) & super::table::plain(field.name)
                });
                table.cell_known(|s| {
                    let raw = push_raw(s, field);
                    s.push_str("\n= ");
                    push_value(s, field) & raw
                });
                meaning_cell(table, field, origin);
                table.end_row();
            }
        } else {
            if !keep {
                table
                    .cell_str(t!("field"))
                    .cell_str(t!("bytes"))
                    .cell_str(t!("raw"))
                    .cell_str(t!("value"))
                    .cell_str(t!("meaning"))
                    .end_header();
                *header = context + 1;
            }
            for field in &layer.fields {
                table.cell_str(field.name);
                first_cell(table, memo.as_deref_mut(), field, context, |s| {
                    push_position(s, field)
                });
                table
                    .cell_known(|s| push_raw(s, field))
                    .cell_known(|s| push_value(s, field));
                meaning_cell(table, field, origin);
                table.end_row();
            }
        }
    };
    FIELDS.with(|pooled| {
        super::with_kept(pooled, |kept| {
            FIRST_CELLS.with(|memo| match memo.try_borrow_mut() {
                Ok(mut memo) => fill(kept, Some(&mut memo)),
                Err(_) => fill(kept, None),
            });
            out.table_line(&kept.0)
        })
    })
}

/// ✓ correct, ✗ incorrect, ~ neither (partial, not used).
pub fn mark(verdict: &CheckVerdict) -> &'static str {
    match verdict {
        CheckVerdict::Correct => "✓",
        CheckVerdict::Incorrect { .. } => "✗",
        _ => "~",
    }
}

/// A checksum or CRC worked out.
pub fn check(
    check: &Check,
    layer: &Layer,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let name = super::check_name(layer, check);
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "{protocol} {name}, worked out",
                protocol = layer.protocol,
                name
            )
        )
    )?;
    writeln!(out, "  {}", check.algorithm)?;
    writeln!(out, "  {}", t!("covers: {what}", what = check.covers))?;
    if !check.pseudo_header.is_empty() {
        writeln!(
            out,
            "  {}",
            t!(
                "pseudo-header ({size} bytes, never sent; it ties the datagram to its IP addresses):",
                size = check.pseudo_header.iter().map(|f| f.length).sum::<usize>()
            )
        )?;
        let mut table = new_table(options);
        table.set_header(vec![
            t!("pseudo-header field"),
            t!("bytes"),
            "hex",
            t!("value"),
            t!("from"),
        ]);
        for f in &check.pseudo_header {
            table.add_row(vec![
                f.name.to_string(),
                f.length.to_string(),
                raw(f),
                value(f),
                f.meaning.to_string(),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    let width = check.hex_digits();
    if let Some(total) = check.sum {
        let mut table = new_table(options);
        table.set_header(vec![
            t!("term"),
            t!("16-bit words"),
            t!("sum"),
            t!("running total"),
        ]);
        let mut running: u64 = 0;
        for term in &check.terms {
            running += u64::from(term.sum);
            table.add_row(vec![
                term.label.to_string(),
                term.words.to_string(),
                format!("0x{:x}", term.sum),
                format!("0x{running:x}"),
            ]);
        }
        writeln!(out, "{table}")?;
        writeln!(
            out,
            "  {}",
            t!("sum of all words: {total}", total = format!("0x{total:x}"))
        )?;
        for fold in &check.folds {
            writeln!(
                out,
                "  {}",
                t!(
                    "fold the carry back in: {low} + {carry} = {folded}",
                    low = format!("0x{:x}", fold.before & 0xffff),
                    carry = format!("0x{:x}", fold.before >> 16),
                    folded = format!("0x{:x}", fold.after)
                )
            )?;
        }
        let folded = check.folds.last().map(|f| f.after).unwrap_or(total);
        writeln!(
            out,
            "  {}",
            t!(
                "one's complement: {folded} = {result}",
                folded = format!("~0x{folded:04x}"),
                result = format!("0x{:04x}", !folded & 0xffff)
            )
        )?;
        if check.computed != (!folded & 0xffff) {
            writeln!(
                out,
                "  {}",
                t!("a result of 0 is sent as 0xffff (0 means \"no checksum\" in UDP over IPv4)")
            )?;
        }
    } else {
        writeln!(
            out,
            "  {}",
            t!(
                "computed: {value}",
                value = format!("0x{:0width$x}", check.computed)
            )
        )?;
    }
    let verdict = check.describe();
    let mark = mark(&check.verdict);
    writeln!(
        out,
        "  {}",
        t!(
            "stored in the frame: {stored}  {mark} {verdict}",
            stored = format!("0x{:0width$x}", check.stored),
            mark,
            verdict
        )
    )?;
    writeln!(out)
}

/// What a layer's headline depends on besides its size: its protocol (a
/// `&'static str`, known by where it is), and its kind, the language and
/// whether sentences are filled in, packed in one word.
type HeadlineKey = [u64; 3];

/// How many headlines each thread remembers (a power of two).
const HEADLINE_SLOTS: usize = 256;

/// How many slots a headline may take (a power of two, dividing
/// `HEADLINE_SLOTS`).
const HEADLINE_WAYS: usize = 4;

/// A headline remembered for every size: the text before the size's digits
/// and after them (with the newline), when the sentence is made that way.
type HeadlinePieces = Option<(String, String)>;

/// The remembered headlines' slots, and the line last put together.
type Headlines = (Vec<Option<(HeadlineKey, HeadlinePieces)>>, String);

thread_local! {
    /// Layers' headlines as pieces around their size, by a hash of their
    /// key; and the line last put together from them.
    static HEADLINES: RefCell<Headlines> = const { RefCell::new((Vec::new(), String::new())) };
}

/// The layer's headline and its newline, `{layer} layer · {protocol} ·
/// {size}`, filled in.
fn headline_filled(layer: &Layer) -> String {
    let mut line = t!(
        "{layer} layer · {protocol} · {size}",
        layer = layer.layer.title(),
        protocol = layer.protocol,
        size = super::words::bytes(layer.pdu_length)
    );
    line.push('\n');
    line
}

/// The layer's headline as the text before its size's digits and after
/// them, the same for every size but one byte (`words::bytes` says "1
/// byte"), cut where the size goes ([`crate::i18n::cut_at_marks`], as
/// the frame's title is). None when the sentences are not made so (or not
/// filled in at all).
fn headline_pieces(layer: &Layer) -> HeadlinePieces {
    let line = crate::i18n::cut_at_marks(1, |m| {
        t!(
            "{layer} layer · {protocol} · {size}",
            layer = layer.layer.title(),
            protocol = layer.protocol,
            size = m[0]
        )
    })?;
    let bytes = crate::i18n::cut_at_marks(1, |m| t!("{size} bytes", size = m[0]))?;
    let ([head, tail], [digits_before, digits_after]) = (&line[..], &bytes[..]) else {
        return None;
    };
    Some((
        format!("{head}{digits_before}"),
        format!("{digits_after}{tail}\n"),
    ))
}

/// The layer's headline and its newline, `{layer} layer · {protocol} ·
/// {size}`, handed to `f`: put together from the pieces remembered for
/// the same protocol and language around the size's digits, or filled
/// in. Most layers of a capture repeat their protocol; filling the
/// sentence and the size's own was a measured sixtieth of full detail,
/// and remembering whole lines missed for every new size (most
/// application data, most IPv4 packets: half the layers).
fn with_headline<R>(layer: &Layer, context: u64, f: impl FnOnce(&str) -> R) -> R {
    let key: HeadlineKey = [
        layer.protocol.as_ptr() as u64,
        layer.protocol.len() as u64,
        layer.layer as u64 | context,
    ];
    let slot = {
        let h = (key[0] ^ key[1] << 16 ^ key[2] << 48).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> 56) as usize % HEADLINE_SLOTS
    };
    if layer.pdu_length == 1 {
        return f(&headline_filled(layer));
    }
    HEADLINES.with(|cell| {
        let Ok(mut kept) = cell.try_borrow_mut() else {
            return f(&headline_filled(layer));
        };
        let (slots, line) = &mut *kept;
        if slots.is_empty() {
            slots.resize_with(HEADLINE_SLOTS, || None);
        }
        // Four slots a key may take, the first free one or else the one
        // its hash names replaced: two protocols of one capture that share
        // a slot would otherwise push each other out frame after frame
        // (seen: 222 misses in 1,000 frames, each dearer than the fill).
        let bucket = slot & !(HEADLINE_WAYS - 1);
        let Some(ways) = slots.get_mut(bucket..bucket + HEADLINE_WAYS) else {
            return f(&headline_filled(layer));
        };
        let found = ways
            .iter()
            .position(|w| matches!(w, Some((k, _)) if *k == key))
            .or_else(|| ways.iter().position(Option::is_none));
        let Some(entry) = ways.get_mut(found.unwrap_or(slot % HEADLINE_WAYS)) else {
            return f(&headline_filled(layer));
        };
        let pieces = match entry {
            Some((k, pieces)) if *k == key => pieces,
            _ => &mut entry.insert((key, headline_pieces(layer))).1,
        };
        let Some((head, tail)) = pieces else {
            return f(&headline_filled(layer));
        };
        line.clear();
        line.push_str(head);
        push_decimal(line, layer.pdu_length as u64);
        line.push_str(tail);
        f(line)
    })
}

/// Each layer's table, its checks and notes; then where dissection stopped.
pub fn layers_outermost_first(
    dissection: &Dissection,
    data: &[u8],
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    layers_into(dissection, data, &mut Through(out), options)
}

/// [`layers_outermost_first`] into a frame's output, its tables drawn
/// straight into the `Vec` under the `Wrap` (see [`TableOut`]).
pub fn layers_outermost_first_wrapped(
    dissection: &Dissection,
    data: &[u8],
    out: &mut Wrap<'_, Vec<u8>>,
    options: &RenderOptions,
) -> io::Result<()> {
    layers_into(dissection, data, out, options)
}

fn layers_into(
    dissection: &Dissection,
    data: &[u8],
    out: &mut impl TableOut,
    options: &RenderOptions,
) -> io::Result<()> {
    let context = u64::from(crate::i18n::language() == crate::i18n::Lang::Zh) << 8
        | u64::from(crate::detail::full()) << 9;
    for layer in &dissection.layers {
        with_headline(layer, context, |line| {
            if options.color {
                let headline = line.strip_suffix('\n').unwrap_or(line);
                writeln!(
                    out,
                    "{}",
                    paint(options, layer.layer, &heading(options, headline))
                )
            } else {
                // Plain: the headline as it is, with its newline, in one write.
                out.whole_lines(line.as_bytes())
            }
        })?;
        table_of(layer, out, options, false)?;
        if options.rfc
            && layer.header.length > 0
            && layer.layer != crate::model::LayerKind::Application
        {
            super::diagram::header(layer, out, options)?;
        }
        for check in &layer.checks {
            // `  {mark} {name}: 0x{stored:0width$x} {verdict}`, built in
            // one string and written whole.
            let name = super::check_name(layer, check);
            let verdict = check.verdict.words(check.hex_digits());
            let mut line = String::with_capacity(16 + name.len() + verdict.len());
            line.push_str("  ");
            line.push_str(mark(&check.verdict));
            line.push(' ');
            line.push_str(name);
            line.push_str(": 0x");
            push_hex(&mut line, u64::from(check.stored), check.hex_digits());
            line.push(' ');
            line.push_str(&verdict);
            line.push('\n');
            out.whole_lines(line.as_bytes())?;
        }
        for note in &layer.notes {
            // `  {note}` and its newline in one write: through `writeln!`
            // the `Wrap` took it in three pieces (a measured 1.6M
            // instructions per 1,000 frames of full detail, with `fmt`).
            let filled = t!("note: {note}", note);
            let mut line = String::with_capacity(filled.len() + 3);
            line.push_str("  ");
            line.push_str(&filled);
            line.push('\n');
            out.whole_lines(line.as_bytes())?;
        }
    }
    if let Some(cut) = &dissection.cut_short {
        writeln!(
            out,
            "{}",
            t!(
                "cut short by the capture at {captured} of {original} bytes: a limit of the capture (its snap length), not a fault of the frame; what the missing bytes held is unknown",
                captured = cut.captured,
                original = cut.original
            )
        )?;
        if let Some(m) = &cut.ran_out {
            writeln!(
                out,
                "  {}",
                t!(
                    "the saved bytes run out in {protocol} at offset {offset}: {message}",
                    protocol = m.protocol,
                    offset = m.offset,
                    message = m.message
                )
            )?;
        }
    }
    if let Some(m) = &dissection.malformed {
        writeln!(
            out,
            "{}",
            t!(
                "MALFORMED: {protocol} at offset {offset}: {message}",
                protocol = m.protocol,
                offset = m.offset,
                message = m.message
            )
        )?;
        if let Some(rest) = data.get(m.offset..) {
            writeln!(
                out,
                "  {}",
                t!(
                    "the remaining {size} bytes, raw: {hex}",
                    size = rest.len(),
                    hex = to_hex(rest)
                )
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with_language, Lang};
    use crate::model::{BitSpan, ShownBytes};

    fn field(id: &'static str, offset: Option<usize>, length: usize, value: Value) -> Field {
        Field {
            id,
            name: "Name",
            offset,
            length,
            bits: None,
            value,
            hex: "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
                .chars()
                .take(length * 2)
                .collect(),
            meaning: "meaning".into(),
            origin: None,
        }
    }

    /// How positions were written with `format!` and `t!` before they
    /// were written in place (and remembered for bit fields).
    fn position_as_before(field: &Field) -> String {
        let Some(offset) = field.offset else {
            return t!("wire").into();
        };
        if field.length == 0 && field.bits.is_none() {
            return t!("none (0 bytes)").into();
        }
        let bytes = if field.length <= 1 {
            offset.to_string()
        } else {
            format!("{offset}-{}", offset + field.length - 1)
        };
        match field.bits {
            Some(b) if b.length == 1 => t!("{bytes} bit {bit}", bytes, bit = b.offset),
            Some(b) => t!(
                "{bytes} bits {first}-{last}",
                bytes,
                first = b.offset,
                last = b.offset + b.length - 1
            ),
            None => bytes,
        }
    }

    #[test]
    fn positions_are_written_as_format_and_t_wrote_them_in_both_languages() {
        // Twice over, the languages interleaved: a remembered position is
        // the one of its own bits and its own language.
        for _ in 0..2 {
            for offset in [None, Some(0), Some(9), Some(14), Some(1499), Some(65535)] {
                for length in [0, 1, 2, 4] {
                    for bits in [
                        None,
                        Some((0, 1)),
                        Some((3, 13)),
                        Some((6, 2)),
                        Some((7, 1)),
                    ] {
                        let mut f = field("x.y", offset, length, Value::Number(1));
                        f.bits = bits.map(|(o, l)| BitSpan {
                            offset: o,
                            length: l,
                            pattern: 1,
                        });
                        for lang in [Lang::En, Lang::Zh] {
                            with_language(lang, || {
                                assert_eq!(position(&f), position_as_before(&f), "{f:?} {lang:?}")
                            });
                        }
                    }
                }
            }
        }
    }

    /// Varied fields: bit fields, hex short and long (and not hex at all),
    /// numbers, text of both languages, positions on and off the wire.
    fn varied_fields() -> Vec<Field> {
        let mut fields = Vec::new();
        let texts = ["10.0.0.1", "5 × 4", "字节", "a\tb", "é".repeat(41).leak()];
        let hexes = [
            "",
            "0a",
            "0a1b2c3d4e5f",
            "é0a1",
            "0a\u{7f}b",
            "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        ];
        for (k, id) in [
            field_id::ETH_TYPE,
            field_id::ETH_FCS,
            field_id::UDP_CHECKSUM,
            field_id::ETH_PADDING,
            field_id::UDP_LENGTH,
        ]
        .into_iter()
        .enumerate()
        {
            for offset in [None, Some(0), Some(14)] {
                for length in [0, 1, 2, 16] {
                    let mut f = field(id, offset, length, Value::Number(k as u64 * 1000));
                    fields.push(f.clone());
                    for hex in hexes {
                        f.hex = hex.into();
                        fields.push(f.clone());
                    }
                    for text in texts {
                        f.value = Value::Text(text.into());
                        fields.push(f.clone());
                    }
                    if length > 0 {
                        f.bits = Some(BitSpan {
                            offset: 3,
                            length: 5,
                            pattern: 0b10110,
                        });
                        fields.push(f.clone());
                    }
                }
            }
        }
        fields
    }

    #[test]
    fn raw_forms_from_the_tables_are_what_a_bit_at_a_time_writes() {
        let mut checked = 0;
        let mut f = field("x.y", Some(14), 2, Value::Number(0));
        for length in 0..=9 {
            f.length = length;
            for offset in 0..=(length * 8 + 2).min(255) as u8 {
                for bits in 0..=40u8 {
                    for pattern in [0, 1, 0b1011, 0x8000_0001, u32::MAX, 0x5a5a_5a5a] {
                        f.bits = Some(BitSpan {
                            offset,
                            length: bits,
                            pattern,
                        });
                        let mut fast = String::from("x");
                        let mut simple = String::from("x");
                        push_raw(&mut fast, &f);
                        push_raw_simply(&mut simple, &f);
                        assert_eq!(fast, simple, "{f:?}");
                        checked += 1;
                    }
                }
            }
        }
        f.bits = None;
        let digits = "0a1b2c3d4e5f60718293a4b5c6d7e8f9".repeat(2);
        for hex in [
            "é0a1",
            "0a\u{7f}b",
            "字字字字字字字字字字字字字字字字",
            "0a1b\n",
        ] {
            for take in 0..=hex.len() {
                f.hex = hex.get(..take).unwrap_or("").into();
                let (mut fast, mut simple) = (String::new(), String::new());
                push_raw(&mut fast, &f);
                push_raw_simply(&mut simple, &f);
                assert_eq!(fast, simple, "{:?}", f.hex);
            }
        }
        for take in 0..=digits.len() {
            f.hex = digits[..take].into();
            let (mut fast, mut simple) = (String::new(), String::new());
            push_raw(&mut fast, &f);
            push_raw_simply(&mut simple, &f);
            assert_eq!(fast, simple, "{:?}", f.hex);
            checked += 1;
        }
        assert!(checked > 20_000, "{checked}");
    }

    #[test]
    fn remembered_first_cells_are_the_cells_written_afresh() {
        let mut memo = Vec::new();
        let mut hits = 0;
        // Three rounds: the second and third find what the first kept,
        // languages and layouts interleaved in one memo.
        for _ in 0..3 {
            for lang in [Lang::En, Lang::Zh] {
                with_language(lang, || {
                    for narrow in [true, false] {
                        let context = u8::from(lang == Lang::Zh) | u8::from(narrow) << 1 | 4;
                        let mut fields = varied_fields();
                        for (n, f) in fields.iter_mut().enumerate() {
                            f.name = ["Name", "Time to Live", "名字", "5 × 4"][n % 4];
                        }
                        for f in &fields {
                            let write = |s: &mut String| {
                                if narrow {
                                    s.push_str(f.name);
                                    s.push('\n');
                                }
                                push_position(s, f)
                                    & (!narrow || super::super::table::plain(f.name))
                            };
                            let mut remembered = TextTable::new(60);
                            let mut fresh = TextTable::new(60);
                            let before = memo.iter().flatten().count();
                            first_cell(&mut remembered, Some(&mut memo), f, context, write);
                            hits += usize::from(memo.iter().flatten().count() == before);
                            fresh.cell_known(write);
                            assert_eq!(remembered.last_cell(), fresh.last_cell(), "{f:?}");
                            remembered.end_row();
                            fresh.end_row();
                            assert_eq!(remembered.fast_string(), fresh.fast_string());
                        }
                    }
                });
            }
        }
        assert!(hits > 1000, "{hits}");
    }

    #[test]
    fn remembered_headlines_are_the_sentences_filled_in() {
        use crate::model::{LayerKind, Pdu, Span};
        let mut hits = 0;
        // Rounds of every kind, protocol and size in both languages, with
        // and without sentences: the later rounds find what the first kept
        // (or what took its slot), and each must be this layer's own.
        for round in 0..3 {
            crate::detail::in_each_language_and_level(|lang, brief| {
                for kind in [LayerKind::Link, LayerKind::Network, LayerKind::Application] {
                    for protocol in ["IPv4", "UDP", "TCP", "IPv4 "] {
                        for size in [0, 1, 2, 8, 10, 20, 60, 99, 100, 1500, 65535, round * 7] {
                            let layer = Layer {
                                layer: kind,
                                protocol,
                                pdu: Pdu::Packet,
                                header: Span {
                                    offset: 0,
                                    length: 0,
                                },
                                trailer: Vec::new(),
                                pdu_length: size,
                                fields: Vec::new(),
                                checks: Vec::new(),
                                notes: Vec::new(),
                            };
                            let expected = format!(
                                "{}\n",
                                t!(
                                    "{layer} layer · {protocol} · {size}",
                                    layer = kind.title(),
                                    protocol,
                                    size = crate::render::words::bytes(size)
                                )
                            );
                            let context = u64::from(lang == Lang::Zh) << 8 | u64::from(!brief) << 9;
                            let line = with_headline(&layer, context, str::to_string);
                            assert_eq!(line, expected, "{layer:?} {lang:?} {brief}");
                            hits += usize::from(round > 0);
                        }
                    }
                }
            });
        }
        assert!(hits > 500, "{hits}");
    }

    #[test]
    fn notes_written_whole_come_out_as_writeln_wrote_them() {
        use crate::model::{LayerKind, Pdu, Span};
        let notes = [
            "short",
            "flags set: ACK, PSH: data, with an acknowledgment of what arrived from the other side",
            "5 × 4 = 20 bytes … and a very long tail that goes past every width tried here",
            "环回接口从不把比特放到线路上，也不加填充或 FCS：这里显示的帧就是内核交给抓包的那些字节",
        ];
        let mut f = field("x.y", Some(0), 2, Value::Number(7));
        f.meaning = "a meaning".into();
        let layer = |notes: Vec<String>| Layer {
            layer: LayerKind::Network,
            protocol: "IPv4",
            pdu: Pdu::Packet,
            header: Span {
                offset: 0,
                length: 2,
            },
            trailer: Vec::new(),
            pdu_length: 2,
            fields: vec![f.clone()],
            checks: Vec::new(),
            notes,
        };
        let dissection = |notes: Vec<String>| Dissection {
            frame_length: 2,
            layers: vec![layer(notes)],
            malformed: None,
            cut_short: None,
        };
        for lang in [Lang::En, Lang::Zh] {
            with_language(lang, || {
                for width in [20u16, 40, 60, 100, 160] {
                    let options = RenderOptions {
                        width,
                        ..RenderOptions::default()
                    };
                    let with_notes = dissection(notes.iter().map(|n| n.to_string()).collect());
                    let mut got = Vec::new();
                    {
                        let mut out = Wrap::new(&mut got, width);
                        layers_outermost_first_wrapped(&with_notes, &[0, 7], &mut out, &options)
                            .unwrap();
                    }
                    let mut expected = Vec::new();
                    {
                        let mut out = Wrap::new(&mut expected, width);
                        layers_outermost_first(
                            &dissection(Vec::new()),
                            &[0, 7],
                            &mut out,
                            &options,
                        )
                        .unwrap();
                        for note in notes {
                            writeln!(out, "  {}", t!("note: {note}", note)).unwrap();
                        }
                    }
                    assert_eq!(
                        String::from_utf8_lossy(&got),
                        String::from_utf8_lossy(&expected),
                        "{lang:?} {width}"
                    );
                }
            });
        }
    }

    #[test]
    fn what_the_writers_call_plain_is_plain_in_both_languages() {
        let mut claimed = 0;
        for lang in [Lang::En, Lang::Zh] {
            with_language(lang, || {
                for f in varied_fields() {
                    type Writer = fn(&mut String, &Field) -> bool;
                    for (writer, simple) in [
                        (push_position as Writer, position as fn(&Field) -> String),
                        (push_raw, raw),
                        (push_value, value),
                    ] {
                        let mut out = String::from("before");
                        let plain = writer(&mut out, &f);
                        assert_eq!(out, format!("before{}", simple(&f)));
                        if plain {
                            claimed += 1;
                            assert!(super::super::table::plain(&out), "{out:?} {f:?}");
                        }
                    }
                }
            });
        }
        assert!(claimed > 500, "{claimed}");
    }

    /// A payload kept as bytes is written as its whole text would be, also
    /// when only the start of it is escaped: 4-byte characters, escapes of
    /// four characters a byte, C1 controls, plain text, a character cut by
    /// the end, words after the bytes, every length around the cut.
    #[test]
    fn shown_bytes_are_written_as_their_text() {
        let pieces: [&[u8]; 6] = [
            "😀".as_bytes(),
            b"\xff",
            "\u{85}".as_bytes(),
            b"ab",
            "é".as_bytes(),
            &"你".as_bytes()[..2],
        ];
        let mut checked = 0;
        for first in pieces {
            for second in pieces {
                for length in 0..200 {
                    let bytes: Vec<u8> = first
                        .iter()
                        .chain(second.iter())
                        .copied()
                        .cycle()
                        .take(length)
                        .collect();
                    for after in ["", "… (9 bytes)"] {
                        let shown = ShownBytes {
                            bytes: bytes.clone(),
                            after: after.into(),
                        };
                        let text = Value::Text(shown.text());
                        let shown = Value::Shown(Box::new(shown));
                        let (mut a, mut b) = (String::new(), String::new());
                        let plain = (
                            push_value(&mut a, &field("a.b", Some(0), length, shown)),
                            push_value(&mut b, &field("a.b", Some(0), length, text)),
                        );
                        assert_eq!((a, plain.0), (b, plain.1), "{bytes:x?}");
                        checked += 1;
                    }
                }
            }
        }
        // Plain text, then 4-byte characters, one of them cut by the end
        // of the first bytes tried: around 40 characters in all.
        for plain in 0..60 {
            for wide in 0..20 {
                let bytes = ["a".repeat(plain), "😀".repeat(wide)].concat().into_bytes();
                let shown = ShownBytes {
                    bytes: bytes.clone(),
                    after: String::new(),
                };
                let text = Value::Text(shown.text());
                let shown = Value::Shown(Box::new(shown));
                assert_eq!(
                    value(&field("a.b", Some(0), bytes.len(), shown)),
                    value(&field("a.b", Some(0), bytes.len(), text)),
                    "{plain} {wide}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 36 * 200 * 2 + 60 * 20);
    }

    #[test]
    fn values_and_raw_bits_are_written_as_format_wrote_them() {
        for n in [
            0u64,
            1,
            0x22,
            0x800,
            0xffff,
            0x1_0000,
            0xdead_beef,
            u64::MAX,
        ] {
            for (id, expected) in [
                (field_id::ETH_TYPE, format!("0x{n:04x}")),
                (field_id::ETH_FCS, format!("0x{n:08x}")),
                (field_id::UDP_CHECKSUM, format!("0x{n:04x}")),
                (field_id::PHY_SFD, format!("0x{n:02x}")),
                (field_id::UDP_LENGTH, n.to_string()),
            ] {
                assert_eq!(value(&field(id, Some(0), 2, Value::Number(n))), expected);
            }
        }
        let long = "é".repeat(41);
        let short: String = long.chars().take(37).collect();
        assert_eq!(
            value(&field("a.b", None, 0, Value::Text(long.clone()))),
            format!("{short}…")
        );
        let forty = "é".repeat(40);
        assert_eq!(
            value(&field("a.b", None, 0, Value::Text(forty.clone()))),
            forty
        );
        for (offset, length, pattern) in [
            (0u8, 4u8, 0b0100u32),
            (4, 4, 0b0101),
            (3, 13, 0x1abc),
            (6, 2, 3),
        ] {
            let mut f = field("x.y", Some(14), 2, Value::Number(0));
            f.bits = Some(BitSpan {
                offset,
                length,
                pattern,
            });
            let bits = f.bits.unwrap_or(BitSpan {
                offset: 0,
                length: 0,
                pattern: 0,
            });
            let binary = bits.binary();
            let mut expected = String::new();
            for i in 0..16usize {
                if i > 0 && i % 4 == 0 {
                    expected.push(' ');
                }
                let inside = i >= usize::from(offset) && i < usize::from(offset + length);
                expected.push(if inside {
                    binary.as_bytes()[i - usize::from(offset)] as char
                } else {
                    '.'
                });
            }
            assert_eq!(raw(&f), expected);
        }
    }
}
