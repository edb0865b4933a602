//! The whole frame as a hex dump, each byte coloured by the layer that added
//! it, with a legend; plain letters under each byte when colour is off.

use std::io::{self, Write};

use super::{layer_letter, paint, RenderOptions};
use crate::model::{Dissection, LayerKind};

const PER_LINE: usize = 16;

pub fn render(
    frame: &[u8],
    dissection: &Dissection,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    for (line_no, chunk) in frame.chunks(PER_LINE).enumerate() {
        let base = line_no * PER_LINE;
        let mut hex = String::new();
        let mut marks = String::new();
        for (i, byte) in chunk.iter().enumerate() {
            let kind = dissection.layer_of_byte(base + i);
            let text = format!("{byte:02x}");
            hex.push_str(&match kind {
                Some(k) => paint(options, k, &text),
                None => text,
            });
            marks.push(kind.map(layer_letter).unwrap_or('?'));
            marks.push(kind.map(layer_letter).unwrap_or('?'));
            if i + 1 < chunk.len() {
                let gap = if i == 7 { "  " } else { " " };
                hex.push_str(gap);
                marks.push_str(gap);
            }
        }
        let pad = " ".repeat(PER_LINE * 3 - visible_width(chunk.len()));
        let ascii: String = chunk
            .iter()
            .map(|b| {
                if b.is_ascii_graphic() || *b == b' ' {
                    char::from(*b)
                } else {
                    '.'
                }
            })
            .collect();
        writeln!(out, "{base:04x}  {hex}{pad} |{ascii}|")?;
        if !options.color {
            writeln!(out, "      {marks}")?;
        }
    }
    legend(dissection, out, options)
}

fn visible_width(bytes: usize) -> usize {
    if bytes == 0 {
        0
    } else {
        bytes * 3 - 1 + usize::from(bytes > 8)
    }
}

fn legend(
    dissection: &Dissection,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let mut parts = Vec::new();
    for layer in dissection
        .layers
        .iter()
        .filter(|l| l.layer != LayerKind::Physical)
    {
        let what = if layer.trailer.is_empty() {
            layer.protocol.to_string()
        } else {
            format!("{} header, padding, FCS", layer.protocol)
        };
        let label = format!(
            "{} = {} ({})",
            layer_letter(layer.layer),
            layer.layer.title(),
            what
        );
        parts.push(paint(options, layer.layer, &label));
    }
    writeln!(out, "legend: {}", parts.join("  "))
}
