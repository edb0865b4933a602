//! Pictures: the textbook's nested boxes drawn with the real sizes (one row
//! per layer, widths proportional), and RFC-style header diagrams (32-bit
//! rows under a bit ruler, as in RFC 768 and 791) filled with real values.

use std::io::{self, Write};

use super::{centre, display_width, pad_right, paint, RenderOptions};
use crate::field_id;
use crate::model::{Dissection, Field, Layer, LayerKind, Value};
use crate::t;

/// One box of the encapsulation picture.
pub(crate) struct Part {
    pub label: String,
    pub bytes: usize,
    pub kind: LayerKind,
}

/// The frame's parts from the outside in, as boxes.
pub(crate) fn frame_parts(dissection: &Dissection) -> Vec<Part> {
    let mut parts = Vec::new();
    let link = dissection.layer(LayerKind::Link);
    for layer in dissection
        .layers
        .iter()
        .filter(|l| l.layer != LayerKind::Physical)
    {
        let label = match layer.layer {
            LayerKind::Application => t!("data").to_string(),
            LayerKind::Link if layer.protocol.starts_with("Ethernet") => "Eth".to_string(),
            LayerKind::Link => "SLL".to_string(),
            _ => layer
                .protocol
                .split_whitespace()
                .next()
                .unwrap_or(layer.protocol)
                .to_string(),
        };
        parts.push(Part {
            label,
            bytes: layer.header.length,
            kind: layer.layer,
        });
    }
    if let Some(link) = link {
        for field in link
            .fields
            .iter()
            .filter(|f| matches!(f.id, field_id::ETH_PADDING | field_id::ETH_FCS))
        {
            let label = if field.id == field_id::ETH_FCS {
                "FCS"
            } else {
                t!("pad")
            };
            parts.push(Part {
                label: label.into(),
                bytes: field.length,
                kind: LayerKind::Link,
            });
        }
    }
    parts
}

/// `[Eth 14][IPv4 20][UDP 8][data 7][pad 11][FCS 4]`, one row per PDU, each
/// row the PDU of that layer, widths proportional to the bytes.
pub fn encapsulation(
    dissection: &Dissection,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let parts = frame_parts(dissection);
    let total: usize = parts.iter().map(|p| p.bytes).sum();
    if total == 0 {
        return Ok(());
    }
    let labels: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {}", p.label, p.bytes))
        .collect();
    let minimum: usize = labels.iter().map(|l| display_width(l) + 2).sum();
    // The row starts with the layer (11), the PDU (its longest name: 8
    // columns in English, 用户数据报 is 10) and the size (6), with four
    // spaces between.
    let pdu_width = dissection
        .layers
        .iter()
        .map(|l| display_width(l.pdu.name()))
        .max()
        .unwrap_or(0)
        .max(8);
    let room = usize::from(options.width)
        .saturating_sub(21 + pdu_width)
        .max(minimum);
    // Each box gets at least its label, the rest is shared by bytes.
    let spare = room - minimum;
    let widths: Vec<usize> = parts
        .iter()
        .zip(&labels)
        .map(|(p, l)| display_width(l) + 2 + spare * p.bytes / total)
        .collect();
    let order = [
        LayerKind::Application,
        LayerKind::Transport,
        LayerKind::Network,
        LayerKind::Link,
    ];
    for kind in order {
        let Some(layer) = dissection.layer(kind) else {
            continue;
        };
        // A row shows the boxes that make up this layer's PDU.
        let inside = |p: &Part| match kind {
            LayerKind::Link => true,
            _ => p.kind >= kind && p.kind != LayerKind::Link,
        };
        let mut row = String::new();
        for ((part, label), width) in parts.iter().zip(&labels).zip(&widths) {
            if inside(part) {
                let cell = format!("[{}]", centre(label, width - 2));
                row.push_str(&paint(options, part.kind, &cell));
            } else {
                row.push_str(&" ".repeat(*width));
            }
        }
        // No trailing spaces: a row ends with its last box.
        let line = format!(
            "{} {} {:>6}  {row}",
            pad_right(kind.title(), 11),
            pad_right(layer.pdu.name(), pdu_width),
            format!("{} B", layer.pdu_length)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A field's place in its header, in bits from the header's first bit.
fn bit_span(field: &Field, header_start: usize) -> Option<(usize, usize)> {
    let offset = field.offset?.checked_sub(header_start)?;
    Some(match field.bits {
        Some(b) => (offset * 8 + usize::from(b.offset), usize::from(b.length)),
        None => (offset * 8, field.length * 8),
    })
}

/// `text` centred in `width` terminal columns; cut with "…" when it does not
/// fit, so a shortened name is seen to be shortened (a Chinese character
/// takes two columns).
fn centred(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return centre(text, width);
    }
    // A one- to three-column cell (a flag bit, ECN) keeps its first letters:
    // "R", "ECN" say more than "…".
    let mark = if width >= 4 { 1 } else { 0 };
    let mut cut = String::new();
    for c in text.chars() {
        if display_width(&cut) + display_width(c.encode_utf8(&mut [0; 4])) + mark > width {
            break;
        }
        cut.push(c);
    }
    if mark == 1 {
        cut.push('…');
    }
    centre(&cut, width)
}

/// What a field's cell in one row holds: the whole field when it fits in
/// the row, else the name again and the bytes of the field that lie in
/// this row, so every row of a field that spans rows (a MAC address, an
/// IPv6 address, a long option) says what it holds.
fn cell_text(field: &Field, bit: usize, len: usize, from: usize, to: usize) -> (String, String) {
    let whole = from == bit && to == bit + len;
    if whole {
        return (field.name.to_string(), super::layers::value(field));
    }
    let byte_aligned = bit % 8 == 0 && from % 8 == 0 && to % 8 == 0 && field.bits.is_none();
    if !byte_aligned {
        let value = if from == bit {
            super::layers::value(field)
        } else {
            "…".to_string()
        };
        return (field.name.to_string(), value);
    }
    let (first, last) = ((from - bit) / 8, (to - bit) / 8 - 1);
    let bytes: Vec<&str> = (first..=last)
        .filter_map(|i| field.hex.get(2 * i..2 * i + 2))
        .collect();
    let mac =
        matches!(&field.value, Value::Text(t) if field.length == 6 && t.matches(':').count() == 5);
    let hex = bytes.join(if mac { ":" } else { " " });
    let value = if first == last {
        t!("byte {index}: {hex}", index = first, hex)
    } else {
        t!("bytes {first}-{last}: {hex}", first, last, hex)
    };
    (field.name.to_string(), value)
}

/// The header of `layer` as an RFC diagram: a bit ruler, then 32-bit rows,
/// each field boxed with its name and, below, its value.
pub fn header(layer: &Layer, out: &mut impl Write, _options: &RenderOptions) -> io::Result<()> {
    let start = layer.header.offset;
    let end_bit = layer.header.length * 8;
    let mut fields: Vec<(usize, usize, &Field)> = layer
        .fields
        .iter()
        .filter_map(|f| bit_span(f, start).map(|(b, n)| (b, n, f)))
        .filter(|(b, n, _)| *n > 0 && b + n <= end_bit)
        .collect();
    fields.sort_by_key(|(b, _, _)| *b);
    if fields.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        " 0                   1                   2                   3"
    )?;
    writeln!(
        out,
        " 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1"
    )?;
    let rule = format!("+{}", "-+".repeat(32));
    writeln!(out, "{rule}")?;
    let rows = end_bit.div_ceil(32);
    for row in 0..rows {
        let (row_start, row_end) = (row * 32, ((row + 1) * 32).min(end_bit));
        let mut names = String::from("|");
        let mut values = String::from("|");
        for (bit, len, field) in &fields {
            let (from, to) = ((*bit).max(row_start), (bit + len).min(row_end));
            if from >= to {
                continue;
            }
            let width = (to - from) * 2 - 1;
            let (name, value) = cell_text(field, *bit, *len, from, to);
            names.push_str(&centred(&name, width));
            names.push('|');
            values.push_str(&centred(&value, width));
            values.push('|');
        }
        writeln!(out, "{names}")?;
        writeln!(out, "{values}")?;
        let last = if row_end < row_start + 32 {
            format!("+{}", "-+".repeat(row_end - row_start))
        } else {
            rule.clone()
        };
        writeln!(out, "{last}")?;
    }
    Ok(())
}
