//! The hex dump as it was drawn before the fast path (a row at a time
//! through a fixed buffer, a `Vec` of owners per frame, the legend built
//! anew each time): the reference the tests compare `hex::render` with.

use std::io::{self, Write};

use crate::field_id;
use crate::model::{Dissection, LayerKind};
use crate::render::{layer_letter, paint, RenderOptions};
use crate::t;

// Rows of 16 or 8 bytes and the hex digits are hex.rs's own: the
// literal rows in its tests pin them; what this file keeps is the old way
// of drawing, the legend included.
use super::{per_line, DIGITS, PAIRS};

/// Which layer each byte belongs to, worked out once for the whole frame.
fn byte_layers(len: usize, dissection: &Dissection) -> Vec<Option<LayerKind>> {
    let mut owners = vec![None; len];
    // Outer layers first, inner ones overwrite: a byte belongs to the
    // innermost layer whose header (or trailer) holds it.
    for layer in &dissection.layers {
        for span in std::iter::once(&layer.header).chain(&layer.trailer) {
            let end = span.end().min(len);
            for owner in owners.iter_mut().take(end).skip(span.offset) {
                *owner = Some(layer.layer);
            }
        }
    }
    owners
}

/// The colour escapes around a run of one layer's bytes, worked out once
/// per dump rather than once per run.
struct Paints {
    /// (before, after) per layer kind, in `LayerKind` order.
    around: Vec<(LayerKind, String, String)>,
}

impl Paints {
    fn new(options: &RenderOptions) -> Self {
        let kinds = [
            LayerKind::Physical,
            LayerKind::Link,
            LayerKind::Network,
            LayerKind::Transport,
            LayerKind::Application,
        ];
        let around = kinds
            .into_iter()
            .map(|kind| {
                // The painted form of a marker, cut where the marker is.
                let painted = paint(options, kind, "\0");
                let (before, after) = painted.split_once('\0').unwrap_or(("", ""));
                (kind, before.to_string(), after.to_string())
            })
            .collect();
        Paints { around }
    }

    fn of(&self, kind: LayerKind) -> (&[u8], &[u8]) {
        self.around
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map(|(_, before, after)| (before.as_bytes(), after.as_bytes()))
            .unwrap_or((b"", b""))
    }
}

/// `value` as hex, at least four digits (`{value:04x}`), without the
/// formatting machinery: once per row of every dump.
fn push_offset(row: &mut Row, value: usize) {
    let mut digits = 4;
    while digits < usize::BITS as usize / 4 && value >> (4 * digits) != 0 {
        digits += 1;
    }
    for k in (0..digits).rev() {
        row.push(DIGITS[(value >> (4 * k)) & 0x0f]);
    }
}

/// One row of the dump, built in place: most rows are the same 73 (or
/// 146 with the letters) bytes, and pushing them a byte at a time onto a
/// growing `Vec` cost more than drawing them.
struct Row {
    bytes: [u8; 1024],
    len: usize,
}

impl Row {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    fn extend(&mut self, from: &[u8]) {
        let end = (self.len + from.len()).min(self.bytes.len());
        let n = end - self.len;
        self.bytes[self.len..end].copy_from_slice(&from[..n]);
        self.len = end;
    }

    /// The space between two bytes: two in the middle of a 16-byte row.
    fn separate(&mut self, at: usize, gap_at: usize) {
        self.push(b' ');
        if at == gap_at {
            self.push(b' ');
        }
    }
}

/// The bytes of one row with colour: each run of one layer's bytes between
/// its colour's escapes, so columns move with the escapes.
fn painted_bytes(
    row: &mut Row,
    chunk: &[u8],
    owned: &[Option<LayerKind>],
    paints: Option<&Paints>,
    gap_at: usize,
) {
    let mut i = 0;
    while i < chunk.len() {
        // A run of bytes of the same layer is painted in one go.
        let owner = owned[i];
        let start = i;
        if start > 0 {
            row.separate(start, gap_at);
        }
        let around = match (paints, owner) {
            (Some(paints), Some(kind)) => Some(paints.of(kind)),
            _ => None,
        };
        if let Some((before, _)) = around {
            row.extend(before);
        }
        while i < chunk.len() && owned[i] == owner {
            if i > start {
                row.separate(i, gap_at);
            }
            let b = chunk[i];
            row.push(DIGITS[usize::from(b >> 4)]);
            row.push(DIGITS[usize::from(b & 0x0f)]);
            i += 1;
        }
        if let Some((_, after)) = around {
            row.extend(after);
        }
    }
}

/// The dump is written into one buffer and handed on in one go: it is
/// most of full detail's lines (two per 16 bytes of frame), and building
/// it a string per run and per row was a quarter of decode's time.
pub fn render_reference(
    frame: &[u8],
    dissection: &Dissection,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let owners = byte_layers(frame.len(), dissection);
    // The letter under each byte (without colour), looked up once.
    let letters: Vec<u8> = if options.color {
        Vec::new()
    } else {
        owners
            .iter()
            .map(|owner| owner.map_or(b'?', |kind| layer_letter(kind) as u8))
            .collect()
    };
    let per_line = per_line(options);
    let paints = options.color.then(|| Paints::new(options));
    // The extra space in the middle of a 16-byte row.
    let gap_at = if per_line == 16 { 8 } else { usize::MAX };
    let rows = frame.len().div_ceil(per_line);
    let mut text: Vec<u8> = Vec::with_capacity(rows * (2 * 8 + 5 * per_line + 64));
    let mut row = Row {
        bytes: [0; 1024],
        len: 0,
    };
    let mut longest = 0;
    for (line_no, chunk) in frame.chunks(per_line).enumerate() {
        let base = line_no * per_line;
        let owned = &owners[base..base + chunk.len()];
        row.len = 0;
        push_offset(&mut row, base);
        row.extend(b"  ");
        if options.color {
            painted_bytes(&mut row, chunk, owned, paints.as_ref(), gap_at);
        } else {
            // Without colour every byte has its fixed column.
            let area = row.len;
            let full = per_line * 3 - 1 + usize::from(per_line > gap_at);
            row.bytes[area..area + full].fill(b' ');
            for (k, b) in chunk.iter().enumerate() {
                let at = area + k * 3 + usize::from(k >= gap_at);
                row.bytes[at..at + 2].copy_from_slice(&PAIRS[usize::from(*b)]);
            }
            row.len = area + chunk.len() * 3 - 1 + usize::from(chunk.len() > gap_at);
        }
        let used = chunk.len() * 3 - 1 + usize::from(chunk.len() > gap_at);
        let full = per_line * 3 - 1 + usize::from(per_line > gap_at);
        for _ in used..full {
            row.push(b' ');
        }
        row.extend(b" |");
        let text_at = row.len;
        if let Some(slots) = row.bytes.get_mut(text_at..text_at + chunk.len()) {
            for (slot, b) in slots.iter_mut().zip(chunk) {
                *slot = if b.is_ascii_graphic() || *b == b' ' {
                    *b
                } else {
                    b'.'
                };
            }
            row.len += chunk.len();
        }
        row.extend(b"|\n");
        // The row's first line, without its newline: the longest (without
        // colour, the letters under the bytes are shorter).
        longest = longest.max(row.len - 1);
        if !options.color {
            // Plain letters under each byte: which layer added it.
            row.extend(b"      ");
            let area = row.len;
            let used = chunk.len() * 3 - 1 + usize::from(chunk.len() > gap_at);
            row.bytes[area..area + used].fill(b' ');
            for (k, letter) in letters[base..base + chunk.len()].iter().enumerate() {
                let at = area + k * 3 + usize::from(k >= gap_at);
                row.bytes[at] = *letter;
                row.bytes[at + 1] = *letter;
            }
            row.len = area + used;
            row.push(b'\n');
        }
        text.extend_from_slice(&row.bytes[..row.len]);
    }
    crate::render::wrap::write_passing_lines(out, &text, Some(longest))?;
    legend(dissection, &owners, out, options)
}

fn legend(
    dissection: &Dissection,
    owners: &[Option<LayerKind>],
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let mut parts = Vec::new();
    for layer in dissection
        .layers
        .iter()
        .filter(|l| l.layer != LayerKind::Physical)
    {
        if parts.iter().any(|(k, _)| *k == layer.layer) {
            continue;
        }
        let what = if layer.trailer.is_empty() {
            layer.protocol.to_string()
        } else {
            let trailer: Vec<&str> = layer
                .fields
                .iter()
                .filter(|f| {
                    f.offset
                        .is_some_and(|o| layer.trailer.iter().any(|t| t.offset == o))
                })
                .map(|f| {
                    if f.id == field_id::ETH_FCS {
                        "FCS"
                    } else {
                        t!("padding")
                    }
                })
                .collect();
            t!(
                "{protocol} header, {trailer}",
                protocol = layer.protocol,
                trailer = trailer.join(t!(", "))
            )
        };
        let label = t!(
            "{letter} = {layer} ({what})",
            letter = layer_letter(layer.layer),
            layer = layer.layer.title(),
            what
        );
        parts.push((layer.layer, paint(options, layer.layer, &label)));
    }
    let mut text: Vec<String> = parts.into_iter().map(|(_, p)| p).collect();
    if owners.iter().any(Option::is_none) {
        text.push(t!("? = not dissected").into());
    }
    writeln!(out, "{}", t!("legend: {parts}", parts = text.join("  ")))
}
