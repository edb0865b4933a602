//! The whole frame as a hex dump, each byte coloured by the layer that added
//! it, with a legend; plain letters under each byte when colour is off.

use std::io::{self, Write};

use super::{layer_letter, paint, RenderOptions};
use crate::field_id;
use crate::model::{Dissection, LayerKind};
use crate::t;

/// Bytes per row: 16 (offset, 16 bytes with a gap after the eighth, the
/// text column: 73 columns), or 8 when --width is narrower (40 columns).
fn per_line(options: &RenderOptions) -> usize {
    if usize::from(options.width) >= 73 {
        16
    } else {
        8
    }
}
const DIGITS: &[u8; 16] = b"0123456789abcdef";

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

pub fn render(
    frame: &[u8],
    dissection: &Dissection,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let owners = byte_layers(frame.len(), dissection);
    let mut line = String::with_capacity(128);
    let mut marks = String::with_capacity(64);
    let per_line = per_line(options);
    // The extra space in the middle of a 16-byte row.
    let gap_at = if per_line == 16 { 8 } else { usize::MAX };
    for (line_no, chunk) in frame.chunks(per_line).enumerate() {
        let base = line_no * per_line;
        line.clear();
        marks.clear();
        line.push_str(&format!("{base:04x}  "));
        let mut i = 0;
        while i < chunk.len() {
            // A run of bytes of the same layer is painted in one go.
            let owner = owners[base + i];
            let mut run = String::new();
            let start = i;
            while i < chunk.len() && owners[base + i] == owner {
                if i > start {
                    run.push(' ');
                    if i == gap_at {
                        run.push(' ');
                    }
                }
                let b = chunk[i];
                run.push(DIGITS[usize::from(b >> 4)] as char);
                run.push(DIGITS[usize::from(b & 0x0f)] as char);
                let letter = owner.map(layer_letter).unwrap_or('?');
                if i > 0 {
                    marks.push(' ');
                    if i == gap_at {
                        marks.push(' ');
                    }
                }
                marks.push(letter);
                marks.push(letter);
                i += 1;
            }
            if start > 0 {
                line.push(' ');
                if start == gap_at {
                    line.push(' ');
                }
            }
            match owner {
                Some(kind) => line.push_str(&paint(options, kind, &run)),
                None => line.push_str(&run),
            }
        }
        let used = chunk.len() * 3 - 1 + usize::from(chunk.len() > gap_at);
        let full = per_line * 3 - 1 + usize::from(per_line > gap_at);
        for _ in used..full {
            line.push(' ');
        }
        line.push_str(" |");
        line.extend(chunk.iter().map(|b| {
            if b.is_ascii_graphic() || *b == b' ' {
                char::from(*b)
            } else {
                '.'
            }
        }));
        line.push('|');
        writeln!(out, "{line}")?;
        if !options.color {
            writeln!(out, "      {marks}")?;
        }
    }
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
