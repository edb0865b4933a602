//! Renderers: data in, text out. Each takes what to draw, a writer and the
//! `RenderOptions` decided once in `main`; none prints by itself and none asks
//! the terminal anything, so each can be tested as a string.

pub mod compare;
pub mod decode_text;
pub mod diagram;
pub mod exchange;
pub mod families;
pub mod flow_text;
pub mod hex;
pub mod html;
mod html_assets;
mod html_parts;
pub mod json;
pub mod ladder;
pub mod ladder_svg;
pub mod layers;
pub mod loss_text;
pub mod pcap;
pub mod recv_brief;
pub mod recv_tcp_text;
pub mod recv_text;
pub mod send_text;
pub mod table;
pub mod tcp_text;
pub mod teaching;
pub mod transports;
pub use crate::i18n::words;
pub mod wrap;

use std::cell::RefCell;

use owo_colors::{OwoColorize, Style};

use crate::model::{Check, Layer, LayerKind};
pub use table::TextTable;

/// The name people know a check's field by ("Header Checksum", "Checksum",
/// "Frame Check Sequence"): sentences for people never show the internal id
/// (`ipv4.checksum`), which only JSON keeps.
pub fn check_name<'a>(layer: &'a Layer, check: &Check) -> &'a str {
    layer
        .field(check.field)
        .map(|f| f.name)
        .unwrap_or(crate::t!("checksum"))
}

/// One line for a verified check: "IPv4 Header Checksum: correct".
pub fn check_line(layer: &Layer, check: &Check) -> String {
    crate::t!(
        "{protocol} {name}: {verdict}",
        protocol = layer.protocol,
        name = check_name(layer, check),
        verdict = check.describe()
    )
}

/// How to draw, decided once from the flags and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    pub color: bool,
    /// Total width tables may use, in columns.
    pub width: u16,
    /// Draw RFC-style header diagrams under each layer's table.
    pub rfc: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
            rfc: false,
        }
    }
}

/// The colour of each layer, the same in every renderer.
pub fn layer_style(kind: LayerKind) -> Style {
    match kind {
        LayerKind::Physical => Style::new().cyan(),
        LayerKind::Link => Style::new().blue(),
        LayerKind::Network => Style::new().green(),
        LayerKind::Transport => Style::new().yellow(),
        LayerKind::Application => Style::new().magenta(),
    }
}

/// One letter per layer, for the hex dump's plain (colourless) markers.
pub fn layer_letter(kind: LayerKind) -> char {
    match kind {
        LayerKind::Physical => 'P',
        LayerKind::Link => 'L',
        LayerKind::Network => 'N',
        LayerKind::Transport => 'T',
        LayerKind::Application => 'A',
    }
}

/// `text` in the layer's colour when colour is on.
pub fn paint(options: &RenderOptions, kind: LayerKind, text: &str) -> String {
    if options.color {
        text.style(layer_style(kind)).to_string()
    } else {
        text.to_string()
    }
}

/// A bold heading when colour is on.
pub fn heading(options: &RenderOptions, text: &str) -> String {
    if options.color {
        text.bold().to_string()
    } else {
        text.to_string()
    }
}

/// A table that fits `options.width`, wrapping long cells.
pub fn new_table(options: &RenderOptions) -> TextTable {
    TextTable::new(options.width)
}

/// Columns `text` takes on a terminal: a Chinese character takes two.
pub fn display_width(text: &str) -> usize {
    // Printable ASCII takes one column a byte: most of what is drawn, and
    // counted here without decoding characters (a measured hot spot of
    // decode's tables). Anything else asks unicode-width.
    if printable_ascii(text) {
        text.len()
    } else {
        unicode_width::UnicodeWidthStr::width(text)
    }
}

/// Whether every byte is printable ASCII (space to `~`). Checked sixteen
/// bytes at a time without stopping early inside a block, which the
/// compiler turns into vector compares: every cell and line is measured,
/// and a byte-at-a-time loop was a measured few percent of decode.
pub fn printable_ascii(text: &str) -> bool {
    let printable = |b: u8| b.wrapping_sub(b' ') < 0x5f;
    let mut blocks = text.as_bytes().chunks_exact(16);
    for block in &mut blocks {
        if !block.iter().fold(true, |all, &b| all & printable(b)) {
            return false;
        }
    }
    blocks.remainder().iter().all(|&b| printable(b))
}

/// `text` padded with spaces to `width` terminal columns (`format!`'s `{:<w}`
/// counts characters, which misaligns Chinese).
pub fn pad_right(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(display_width(text)),
    ));
    out
}

/// `text` centred in `width` terminal columns, extra space on the right.
pub fn centre(text: &str, width: usize) -> String {
    let spare = width.saturating_sub(display_width(text));
    let left = spare / 2;
    format!("{}{text}{}", " ".repeat(left), " ".repeat(spare - left))
}

/// `f` with the value kept in `kept` (a thread's reused buffers), or with
/// a fresh one while that is in use (something drawn while drawing, on the
/// same thread), so a reused buffer never needs a second borrow.
pub(crate) fn with_kept<S: Default, R>(kept: &RefCell<S>, f: impl FnOnce(&mut S) -> R) -> R {
    match kept.try_borrow_mut() {
        Ok(mut kept) => f(&mut kept),
        Err(_) => f(&mut S::default()),
    }
}

/// A small deterministic generator for the renderers' tests (the same
/// cases every run, no dependency): a 64-bit LCG's high bits.
#[cfg(test)]
pub(crate) struct Lcg(pub u64);

#[cfg(test)]
impl Lcg {
    /// A number below `n` (0 when `n` is 0).
    pub(crate) fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_agrees_with_a_byte_by_byte_check_at_every_position() {
        for len in [0, 1, 15, 16, 17, 40] {
            for at in 0..len {
                for odd in ['\u{1f}', '\u{7f}', 'é', '字', '\n'] {
                    let mut text: String = "a".repeat(len);
                    text.replace_range(at..at + 1, &odd.to_string());
                    let naive = text.bytes().all(|b| (b' '..=b'~').contains(&b));
                    assert_eq!(printable_ascii(&text), naive, "{text:?}");
                    assert!(!printable_ascii(&text));
                }
            }
            assert!(printable_ascii(&" ~".repeat(len)));
        }
        assert_eq!(display_width("字 a"), 4);
    }
}
