//! One layer as a table of its fields (bytes, raw bits or hex, value, meaning,
//! origin), and its checksums worked out step by step.

use std::io::{self, Write};

use super::{heading, new_table, paint, RenderOptions};
use crate::field_id;
use crate::model::{to_hex, Check, CheckVerdict, Dissection, Field, Layer, Value};
use crate::t;

/// Where a field sits, e.g. `23`, `26-29`, `14 bits 0-3`, or `wire` when it
/// is not part of the frame.
pub fn position(field: &Field) -> String {
    let Some(offset) = field.offset else {
        return t!("wire").into();
    };
    // A segment with no data has a data field of no bytes: no position.
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

/// The raw form: the bits of a bit field among dots for the other bits of its
/// bytes (`0100 ....`), else the bytes in hex (shortened when long).
pub fn raw(field: &Field) -> String {
    if let Some(bits) = field.bits {
        let total = field.length * 8;
        let pattern = bits.binary();
        let mut out = String::new();
        for i in 0..total {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            let inside =
                i >= usize::from(bits.offset) && i < usize::from(bits.offset + bits.length);
            out.push(if inside {
                pattern.as_bytes()[i - usize::from(bits.offset)] as char
            } else {
                '.'
            });
        }
        return out;
    }
    // The hex digits in pairs, written straight into one string (this runs
    // for every field of every decoded frame).
    let hex = field.hex.as_str();
    let count = hex.len() / 2;
    let pair = |i: usize| hex.get(i * 2..i * 2 + 2).unwrap_or("");
    let mut out = String::with_capacity(count.min(12) * 3 + 4);
    let push_pairs = |range: std::ops::Range<usize>, out: &mut String| {
        for i in range.clone() {
            if i > range.start {
                out.push(' ');
            }
            out.push_str(pair(i));
        }
    };
    if count > 12 {
        push_pairs(0..8, &mut out);
        out.push_str(" … ");
        push_pairs(count - 2..count, &mut out);
    } else {
        push_pairs(0..count, &mut out);
    }
    out
}

/// The value as people write it: checksums, FCS and EtherTypes in hex.
pub fn value(field: &Field) -> String {
    match (&field.value, field.id) {
        (Value::Number(n), field_id::ETH_TYPE) => format!("0x{n:04x}"),
        (Value::Number(n), field_id::ETH_FCS) => format!("0x{n:08x}"),
        (Value::Number(n), id) if id.ends_with("checksum") => format!("0x{n:04x}"),
        (Value::Number(n), field_id::PHY_SFD) => format!("0x{n:02x}"),
        (Value::Number(n), field_id::ETH_PADDING) => {
            super::words::bytes(usize::try_from(*n).unwrap_or(usize::MAX))
        }
        (Value::Text(t), _) if t.chars().count() > 40 => {
            let short: String = t.chars().take(37).collect();
            format!("{short}…")
        }
        (v, _) => v.to_string(),
    }
}

/// The meaning, and on its own line where the value came from.
pub fn meaning(field: &Field) -> String {
    match &field.origin {
        Some(o) => format!("{}\n{} {}", field.meaning, o.kind.tag(), o.source),
        None => field.meaning.clone(),
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
    table_of(layer, out, options, meaning)
}

/// The layer's fields without the origin lines, for frames whose fields all
/// share one origin that the caller states once (a captured frame).
pub fn fields_table_same_origin(
    layer: &Layer,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    table_of(layer, out, options, |f| f.meaning.clone())
}

fn table_of(
    layer: &Layer,
    out: &mut impl Write,
    options: &RenderOptions,
    meaning: impl Fn(&Field) -> String,
) -> io::Result<()> {
    let mut table = new_table(options);
    if options.width < NARROW {
        table.set_header(vec![t!("field\nbytes"), t!("raw\nvalue"), t!("meaning")]);
        for field in &layer.fields {
            table.add_row(vec![
                format!("{}\n{}", field.name, position(field)),
                format!("{}\n= {}", raw(field), value(field)),
                meaning(field),
            ]);
        }
    } else {
        table.set_header(vec![
            t!("field"),
            t!("bytes"),
            t!("raw"),
            t!("value"),
            t!("meaning"),
        ]);
        for field in &layer.fields {
            table.add_row(vec![
                field.name.to_string(),
                position(field),
                raw(field),
                value(field),
                meaning(field),
            ]);
        }
    }
    writeln!(out, "{table}")
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
                f.meaning.clone(),
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
                term.label.clone(),
                term.words.clone(),
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

/// Each layer's table, its checks and notes; then where dissection stopped.
pub fn layers_outermost_first(
    dissection: &Dissection,
    data: &[u8],
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    for layer in &dissection.layers {
        let headline = t!(
            "{layer} layer · {protocol} · {size}",
            layer = layer.layer.title(),
            protocol = layer.protocol,
            size = super::words::bytes(layer.pdu_length)
        );
        writeln!(
            out,
            "{}",
            paint(options, layer.layer, &heading(options, &headline))
        )?;
        fields_table_same_origin(layer, out, options)?;
        if options.rfc
            && layer.header.length > 0
            && layer.layer != crate::model::LayerKind::Application
        {
            super::diagram::header(layer, out, options)?;
        }
        for check in &layer.checks {
            let width = check.hex_digits();
            let mark = mark(&check.verdict);
            writeln!(
                out,
                "  {mark} {}: 0x{:0width$x} {}",
                super::check_name(layer, check),
                check.stored,
                check.describe()
            )?;
        }
        for note in &layer.notes {
            writeln!(out, "  {}", t!("note: {note}", note))?;
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
