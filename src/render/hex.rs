//! The whole frame as a hex dump, each byte coloured by the layer that added
//! it, with a legend; plain letters under each byte when colour is off.
//!
//! Full detail draws this for every frame, and a profile had it at a
//! seventh of `decode`'s instructions (about 100 per byte of frame: a `Vec`
//! of owners and one of letters per frame, each row pushed a byte at a time
//! into a buffer and copied, the legend's sentences filled and joined every
//! time). Whole rows are now built from a template in a fixed array (every
//! column known), from one array of letters filled a span at a time, into
//! one buffer reused from frame to frame; the legend is remembered per
//! thread. `hex_reference.rs` keeps the
//! old drawing, and the tests compare the two.

use std::cell::RefCell;
use std::io::{self, Write};

use super::wrap::Wrap;
use super::{layer_letter, paint, RenderOptions};
use crate::field_id;
use crate::i18n::{self, Lang};
use crate::model::{Dissection, Field, Layer, LayerKind};
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

/// Each byte's two hex digits: the dissector's table, not a second one.
use crate::model::HEX_PAIRS as PAIRS;

/// Each byte as the text column shows it: itself when printable ASCII or a
/// space, else a dot.
const SHOWN: [u8; 256] = {
    let mut shown = [b'.'; 256];
    let mut b = b' ';
    while b <= b'~' {
        shown[b as usize] = b;
        b += 1;
    }
    shown
};

/// What a byte no layer claims shows under it (and why the legend then
/// says "? = not dissected").
const UNOWNED: u8 = b'?';

/// The kinds in the order `LayerKind` lists them.
const KINDS: [LayerKind; 5] = [
    LayerKind::Physical,
    LayerKind::Link,
    LayerKind::Network,
    LayerKind::Transport,
    LayerKind::Application,
];

/// The letter of the layer that owns each byte into `letters` (cleared
/// first): `UNOWNED` everywhere, then each layer's header and trailer
/// spans filled in order, so inner layers overwrite outer ones and a byte
/// belongs to the innermost layer whose header (or trailer) holds it.
/// One fill per span, not a pass over every byte per layer.
fn fill_letters(len: usize, dissection: &Dissection, letters: &mut Vec<u8>) {
    letters.clear();
    letters.resize(len, UNOWNED);
    for layer in &dissection.layers {
        let letter = layer_letter(layer.layer) as u8;
        for span in std::iter::once(&layer.header).chain(&layer.trailer) {
            let end = span.offset.saturating_add(span.length).min(len);
            if span.offset < end {
                letters[span.offset..end].fill(letter);
            }
        }
    }
}

/// The colour escapes around a run of one layer's bytes, worked out once
/// per thread (they depend only on the layer: colour is on whenever they
/// are used).
struct Paints {
    /// (before, after) per layer kind, in `KINDS` order.
    around: [(String, String); 5],
}

impl Paints {
    fn new() -> Self {
        let options = RenderOptions {
            color: true,
            ..RenderOptions::default()
        };
        let around = KINDS.map(|kind| {
            // The painted form of a marker, cut where the marker is.
            let painted = paint(&options, kind, "\0");
            let (before, after) = painted.split_once('\0').unwrap_or(("", ""));
            (before.to_string(), after.to_string())
        });
        Paints { around }
    }

    /// The escapes around a run of bytes with this letter (none for `?`).
    fn of(&self, letter: u8) -> (&[u8], &[u8]) {
        match KINDS
            .iter()
            .position(|kind| layer_letter(*kind) as u8 == letter)
        {
            Some(at) => {
                let (before, after) = &self.around[at];
                (before.as_bytes(), after.as_bytes())
            }
            None => (b"", b""),
        }
    }
}

/// The thread's buffers, kept from frame to frame.
#[derive(Default)]
struct Scratch {
    /// The owning layer's letter per byte of the frame.
    letters: Vec<u8>,
    /// The dump being drawn.
    text: Vec<u8>,
    /// The colour escapes, built the first time colour is asked for.
    paints: Option<Paints>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    static LEGENDS: RefCell<Legends> = RefCell::new(Legends::default());
}

/// `value` as hex, at least four digits (`{value:04x}`), without the
/// formatting machinery: once per row of every dump.
#[inline]
fn push_offset(text: &mut Vec<u8>, value: usize) {
    if value < 0x10000 {
        // Four digits: all but the rows of frames past 64 KiB.
        let digit = |shift: usize| DIGITS[(value >> shift) & 0x0f];
        text.extend_from_slice(&[digit(12), digit(8), digit(4), digit(0)]);
        return;
    }
    let mut digits = 4;
    while digits < usize::BITS as usize / 4 && value >> (4 * digits) != 0 {
        digits += 1;
    }
    for k in (0..digits).rev() {
        text.push(DIGITS[(value >> (4 * k)) & 0x0f]);
    }
}

/// Columns the hex of `n` bytes takes: three a byte but the last, one more
/// past the gap in the middle of a 16-byte row.
fn hex_columns(n: usize, gap_at: usize) -> usize {
    (n * 3).saturating_sub(1) + usize::from(n > gap_at)
}

/// Where byte `k` of a row's hex starts, after the offset: two spaces,
/// three columns a byte, one more past the gap in a 16-byte row.
const fn column(k: usize, gap_at: usize) -> usize {
    2 + 3 * k + (k >= gap_at) as usize
}

/// The lowest letter under a byte (`?`; the layers' are capitals).
const LETTER_MIN: u8 = UNOWNED;

/// For each letter from `?` to `Z`, a whole row's line of it under 16
/// bytes, `LL LL ... LL  LL ... LL` (its first 23 columns are the line
/// under 8 bytes).
const LETTER_LINES: [[u8; 48]; 28] = {
    let mut lines = [[b' '; 48]; 28];
    let mut i = 0;
    while i < 28 {
        let letter = LETTER_MIN + i as u8;
        let mut k = 0;
        while k < 16 {
            let at = column(k, 8) - 2;
            lines[i][at] = letter;
            lines[i][at + 1] = letter;
            k += 1;
        }
        i += 1;
    }
    lines
};

/// A whole row of `N` bytes (16, or 8 on narrow widths) without colour,
/// with the last four digits of its offset: both its lines with their
/// newlines, at most 136 bytes. Written from a template straight into the
/// dump's buffer, then filled in place through a fixed-size array (every
/// column known when `N` is, so writing a byte is a table look-up and two
/// stores, with no bounds to check): a profile had the row built on the
/// stack and copied at a third of the dump's instructions.
struct WholeRow<const N: usize>;

/// The bytes a whole row is written through: its template's length.
const ROW: usize = 136;

impl<const N: usize> WholeRow<N> {
    const GAP: usize = if N == 16 { 8 } else { usize::MAX };
    /// Columns of the hex.
    const HEX: usize = 3 * N - 1 + (N > Self::GAP) as usize;
    /// Where the hex starts: after the offset's four digits.
    const AT: usize = 4;
    /// Where the text column starts (after ` |`).
    const SHOWN: usize = Self::AT + 2 + Self::HEX + 2;
    /// The first line's length (without its newline).
    const FIRST: usize = Self::SHOWN + N + 1;
    /// Where the letters' line's columns start (the newline, six spaces).
    const BELOW: usize = Self::FIRST + 1 + 6 - 2;
    /// Both lines.
    const LEN: usize = Self::FIRST + 1 + 6 + Self::HEX + 1;
    /// Spaces, bars and newlines where they go in every whole row.
    const TEMPLATE: [u8; ROW] = {
        let mut row = [b' '; ROW];
        row[Self::SHOWN - 1] = b'|';
        row[Self::FIRST - 1] = b'|';
        row[Self::FIRST] = b'\n';
        row[Self::LEN - 1] = b'\n';
        row
    };

    /// The row of `bytes` at `offset`, owned by the layers whose letters
    /// are `owners`, appended to `text`. Its offset's digits before the
    /// last four are written first (only past 64 KiB).
    fn push(text: &mut Vec<u8>, offset: usize, bytes: &[u8; N], owners: &[u8; N]) {
        if offset >= 0x10000 {
            push_high_digits(text, offset);
        }
        let start = text.len();
        text.extend_from_slice(&Self::TEMPLATE);
        if let Some(row) = text
            .get_mut(start..)
            .and_then(|tail| <&mut [u8; ROW]>::try_from(tail).ok())
        {
            Self::fill(row, offset, bytes, owners);
        }
        text.truncate(start + Self::LEN);
    }

    /// The offset's last four digits, the bytes, the text column and the
    /// letters written into the template.
    #[inline]
    fn fill(row: &mut [u8; ROW], offset: usize, bytes: &[u8; N], owners: &[u8; N]) {
        let digit = |shift: usize| DIGITS[(offset >> shift) & 0x0f];
        row[..4].copy_from_slice(&[digit(12), digit(8), digit(4), digit(0)]);
        for k in 0..N {
            let at = Self::AT + column(k, Self::GAP);
            row[at..at + 2].copy_from_slice(&PAIRS[usize::from(bytes[k])]);
        }
        // The text column by comparison, not `SHOWN`: the whole row in a
        // few vector instructions instead of a look-up per byte (b1k
        // 156.6M -> 154.8M). The hex digits the same way, from
        // `model::write_hex` into an array then placed, cost more (b1k
        // +10M): the table stays for them.
        for (slot, b) in row[Self::SHOWN..Self::SHOWN + N].iter_mut().zip(bytes) {
            *slot = if (b' '..=b'~').contains(b) { *b } else { b'.' };
        }
        // Most rows lie inside one layer: their letters are one copy.
        let first = owners[0];
        let same = LETTER_LINES.get(usize::from(first.wrapping_sub(LETTER_MIN)));
        match same {
            Some(line) if owners.iter().all(|o| *o == first) => {
                row[Self::BELOW + 2..Self::BELOW + 2 + Self::HEX]
                    .copy_from_slice(&line[..Self::HEX]);
            }
            _ => {
                for (k, owner) in owners.iter().enumerate() {
                    let at = Self::BELOW + column(k, Self::GAP);
                    row[at..at + 2].copy_from_slice(&[*owner; 2]);
                }
            }
        }
    }

    /// The rows without colour, appended to `text`: the offset, the bytes,
    /// the text column, then the letters under the bytes. Returns the
    /// longest line (the rows' first lines: the letters are shorter).
    fn rows(frame: &[u8], letters: &[u8], text: &mut Vec<u8>) -> usize {
        text.reserve(frame.len().div_ceil(N) * (Self::LEN + 8) + ROW);
        let mut base = 0;
        let mut chunks = frame.chunks_exact(N);
        for (chunk, owned) in (&mut chunks).zip(letters.chunks_exact(N)) {
            if let (Ok(bytes), Ok(owners)) = (<&[u8; N]>::try_from(chunk), owned.try_into()) {
                Self::push(text, base, bytes, owners);
            }
            base += N;
        }
        // The offsets only grow: the last whole row's first line is the
        // longest of theirs.
        let mut longest = 0;
        if base > 0 {
            longest = offset_digits(base - N) + Self::FIRST - Self::AT;
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let row_start = text.len();
            push_offset(text, base);
            let digits = text.len() - row_start;
            let first = last_row(rest, letters.get(base..).unwrap_or(&[]), N, text);
            longest = longest.max(digits + first);
        }
        longest
    }
}

/// How many digits `push_offset` writes for `value`: at least four.
fn offset_digits(value: usize) -> usize {
    let bits = usize::BITS - value.leading_zeros();
    (bits.div_ceil(4) as usize).max(4)
}

/// The digits of `value` before its last four, for an offset past 64 KiB
/// (`push_offset` without them).
fn push_high_digits(text: &mut Vec<u8>, value: usize) {
    let digits = offset_digits(value);
    for k in (4..digits).rev() {
        text.push(DIGITS[(value >> (4 * k)) & 0x0f]);
    }
}

/// The `n` bytes of `from` laid out at their columns in `to` (the hex, or
/// the letters), each byte written by `put`, for the last row.
fn spread(to: &mut [u8], from: &[u8], gap_at: usize, put: impl Fn(u8) -> [u8; 2]) {
    for (k, b) in from.iter().enumerate() {
        let at = column(k, gap_at) - 2;
        if let Some(slot) = to.get_mut(at..at + 2) {
            slot.copy_from_slice(&put(*b));
        }
    }
}

/// The last row, shorter than `per_line` bytes, after its offset: its
/// hex padded to the whole row's columns, its text column and its
/// letters. Returns the length of its first line (without the offset).
fn last_row(chunk: &[u8], owned: &[u8], per_line: usize, text: &mut Vec<u8>) -> usize {
    let gap_at = if per_line == 16 { 8 } else { usize::MAX };
    let full = hex_columns(per_line, gap_at);
    let n = chunk.len();
    let start = text.len();
    let used = hex_columns(n, gap_at);
    // Two spaces, the bytes, ` |`, the text column, `|`; the letters'
    // line: six spaces, the letters. All spaces first.
    let first = 2 + full + 2 + n + 1;
    let total = first + 1 + 6 + used + 1;
    text.resize(start + total, b' ');
    let (line, below) = text[start..].split_at_mut(first + 1);
    spread(&mut line[2..2 + full], chunk, gap_at, |b| {
        PAIRS[usize::from(b)]
    });
    spread(&mut below[6..6 + used], owned, gap_at, |letter| [letter; 2]);
    let shown = 2 + full + 2;
    line[shown - 1] = b'|';
    for (slot, b) in line[shown..shown + n].iter_mut().zip(chunk) {
        *slot = SHOWN[usize::from(*b)];
    }
    line[first - 1] = b'|';
    line[first] = b'\n';
    below[6 + used] = b'\n';
    first
}

/// The rows without colour, 16 or 8 bytes each.
fn plain_rows(frame: &[u8], letters: &[u8], per_line: usize, text: &mut Vec<u8>) -> usize {
    if per_line == 16 {
        WholeRow::<16>::rows(frame, letters, text)
    } else {
        WholeRow::<8>::rows(frame, letters, text)
    }
}

/// The rows with colour, appended to `text`: each run of one layer's bytes
/// between its colour's escapes (so columns move with the escapes), and
/// no letters.
fn painted_rows(
    frame: &[u8],
    letters: &[u8],
    per_line: usize,
    paints: &Paints,
    text: &mut Vec<u8>,
) -> usize {
    let gap_at = if per_line == 16 { 8 } else { usize::MAX };
    let full = hex_columns(per_line, gap_at);
    let mut longest = 0;
    for (line_no, (chunk, owned)) in frame
        .chunks(per_line)
        .zip(letters.chunks(per_line))
        .enumerate()
    {
        let row_start = text.len();
        push_offset(text, line_no * per_line);
        text.extend_from_slice(b"  ");
        let mut i = 0;
        while i < chunk.len() {
            // A run of bytes of the same layer is painted in one go.
            let owner = owned[i];
            let run = owned[i..].iter().take_while(|o| **o == owner).count();
            if i > 0 {
                text.push(b' ');
                if i == gap_at {
                    text.push(b' ');
                }
            }
            let (before, after) = paints.of(owner);
            text.extend_from_slice(before);
            for (k, b) in chunk[i..i + run].iter().enumerate() {
                if k > 0 {
                    text.push(b' ');
                    if i + k == gap_at {
                        text.push(b' ');
                    }
                }
                text.extend_from_slice(&PAIRS[usize::from(*b)]);
            }
            text.extend_from_slice(after);
            i += run;
        }
        let used = hex_columns(chunk.len(), gap_at);
        text.resize(text.len() + (full - used.min(full)), b' ');
        text.extend_from_slice(b" |");
        text.extend(chunk.iter().map(|b| SHOWN[usize::from(*b)]));
        text.push(b'|');
        longest = longest.max(text.len() - row_start);
        text.push(b'\n');
    }
    longest
}

/// The dump is written into one buffer and handed on in one go: it is
/// most of full detail's lines (two per 16 bytes of frame), and building
/// it a string per run and per row was a quarter of decode's time.
pub fn render(
    frame: &[u8],
    dissection: &Dissection,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    // The thread's buffers, or fresh ones if they are in use.
    SCRATCH.with(|scratch| {
        super::with_kept(scratch, |scratch| {
            render_with(scratch, frame, dissection, out, options)
        })
    })
}

/// `render` into a frame's output through its `Wrap`: without colour, when
/// the rows pass as they are, they are drawn straight into the output's
/// buffer (a profile had the copy from the dump's own buffer at a fifth of
/// the dump's instructions); otherwise as `render` draws them.
pub fn render_wrapped(
    frame: &[u8],
    dissection: &Dissection,
    out: &mut Wrap<'_, Vec<u8>>,
    options: &RenderOptions,
) -> io::Result<()> {
    let per_line = per_line(options);
    if !options.color {
        if let Some(text) = out.passing_buffer(plain_longest(frame.len(), per_line)) {
            let unowned = SCRATCH.with(|scratch| {
                super::with_kept(scratch, |scratch| {
                    let letters = &mut scratch.letters;
                    fill_letters(frame.len(), dissection, letters);
                    plain_rows(frame, letters, per_line, text);
                    let unowned = memchr::memchr(UNOWNED, letters).is_some();
                    if letters.capacity() > KEPT_BYTES {
                        *letters = Vec::new();
                    }
                    unowned
                })
            });
            return write_legend_wrapped(dissection, unowned, out, options);
        }
    }
    render(frame, dissection, out, options)
}

/// The longest line of the rows without colour of a frame of `len` bytes,
/// as `plain_rows` returns it, known before they are drawn: the last whole
/// row's first line (offsets only grow) or the last row's.
fn plain_longest(len: usize, per_line: usize) -> usize {
    let gap_at = if per_line == 16 { 8 } else { usize::MAX };
    let first = |n: usize| 2 + hex_columns(per_line, gap_at) + 2 + n + 1;
    let whole = len / per_line;
    let rest = len % per_line;
    let mut longest = 0;
    if whole > 0 {
        longest = offset_digits((whole - 1) * per_line) + first(per_line);
    }
    if rest > 0 {
        longest = longest.max(offset_digits(whole * per_line) + first(rest));
    }
    longest
}

fn render_with(
    scratch: &mut Scratch,
    frame: &[u8],
    dissection: &Dissection,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let Scratch {
        letters,
        text,
        paints,
    } = scratch;
    fill_letters(frame.len(), dissection, letters);
    let per_line = per_line(options);
    text.clear();
    let longest = if options.color {
        let paints = paints.get_or_insert_with(Paints::new);
        painted_rows(frame, letters, per_line, paints, text)
    } else {
        plain_rows(frame, letters, per_line, text)
    };
    let written = super::wrap::write_passing_lines(out, text, Some(longest));
    let unowned = memchr::memchr(UNOWNED, letters).is_some();
    // A huge frame's buffers are not kept: they would stay with the thread
    // for the rest of the run.
    if text.capacity() > KEPT_BYTES {
        *text = Vec::new();
        *letters = Vec::new();
    }
    written?;
    write_legend(dissection, unowned, out, options)
}

/// The most a thread's dump buffer keeps between frames (a 16 KiB frame's
/// dump; full-size Ethernet frames need under a tenth of it).
const KEPT_BYTES: usize = 16 * 1024 * 8;

/// The legends drawn lately on this thread, each with what it was drawn
/// from: the same few sets of layers come back frame after frame, and
/// filling and joining the legend's sentences each time cost more than
/// drawing its rows.
#[derive(Default)]
struct Legends {
    /// (key, the legend line with its newline).
    drawn: Vec<(Vec<u8>, Vec<u8>)>,
    /// The key of the frame being drawn, built here (no `Vec` per frame).
    key: Vec<u8>,
    /// (key, width, the legend as a `Wrap` of that width writes it).
    wrapped: Vec<(Vec<u8>, u16, Vec<u8>)>,
}

/// `write_legend` through a frame's `Wrap`, with the legend remembered as
/// the wrap writes it: it is longer than most widths, and wrapping it
/// again (measuring it, finding the remembered wrapping) cost two thousand
/// instructions a frame.
fn write_legend_wrapped(
    dissection: &Dissection,
    unowned: bool,
    out: &mut Wrap<'_, Vec<u8>>,
    options: &RenderOptions,
) -> io::Result<()> {
    let width = out.width();
    LEGENDS.with(|legends| {
        let (Some(buffer), Ok(mut legends)) = (out.passing_buffer(0), legends.try_borrow_mut())
        else {
            return write_legend(dissection, unowned, out, options);
        };
        let Legends { wrapped, key, .. } = &mut *legends;
        legend_key(dissection, unowned, options, key);
        if let Some((_, _, lines)) = wrapped.iter().find(|(k, w, _)| *w == width && k == key) {
            buffer.extend_from_slice(lines);
            return Ok(());
        }
        if wrapped.len() >= LEGENDS_KEPT {
            wrapped.clear();
        }
        let lines = super::wrap::wrap_bytes(legend(dissection, unowned, options).as_bytes(), width);
        buffer.extend_from_slice(&lines);
        wrapped.push((key.clone(), width, lines));
        Ok(())
    })
}

/// How many legends a thread keeps before it starts again (a capture has
/// a handful of layer sets; this only bounds a pathological one).
const LEGENDS_KEPT: usize = 64;

/// Everything the legend is drawn from, as bytes into `key` (cleared
/// first): the language and colour, whether a byte is unowned, and for
/// each layer that gets a label (the first of its kind, not the physical
/// one) its kind, its protocol's full name and what its trailer holds.
fn legend_key(dissection: &Dissection, unowned: bool, options: &RenderOptions, key: &mut Vec<u8>) {
    key.clear();
    let language = match i18n::language() {
        Lang::En => 0,
        Lang::Zh => 1,
    };
    key.extend_from_slice(&[language, u8::from(options.color), u8::from(unowned)]);
    let mut seen = 0u8;
    for layer in labelled(dissection) {
        let bit = 1u8 << (layer.layer as u8);
        if seen & bit != 0 {
            continue;
        }
        seen |= bit;
        key.push(layer.layer as u8);
        key.extend_from_slice(&layer.protocol.len().to_le_bytes());
        key.extend_from_slice(layer.protocol.as_bytes());
        if layer.trailer.is_empty() {
            key.push(0);
        } else {
            key.push(1);
            let kinds = trailer_fields(layer);
            key.extend_from_slice(&kinds.clone().count().to_le_bytes());
            key.extend(kinds.map(|f| u8::from(f.id == field_id::ETH_FCS)));
        }
    }
}

/// The layers the legend labels, in order (every one but the physical).
fn labelled(dissection: &Dissection) -> impl Iterator<Item = &Layer> {
    dissection
        .layers
        .iter()
        .filter(|l| l.layer != LayerKind::Physical)
}

/// The fields of a layer's trailer (an Ethernet padding, an FCS).
fn trailer_fields(layer: &Layer) -> impl Iterator<Item = &Field> + Clone {
    layer.fields.iter().filter(|f| {
        f.offset
            .is_some_and(|o| layer.trailer.iter().any(|t| t.offset == o))
    })
}

/// Writes the legend line, remembered from an earlier frame with the same
/// key when there was one.
fn write_legend(
    dissection: &Dissection,
    unowned: bool,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    LEGENDS.with(|legends| {
        let Ok(mut legends) = legends.try_borrow_mut() else {
            return out.write_all(legend(dissection, unowned, options).as_bytes());
        };
        let Legends { drawn, key, .. } = &mut *legends;
        legend_key(dissection, unowned, options, key);
        if let Some((_, line)) = drawn.iter().find(|(k, _)| k == key) {
            return out.write_all(line);
        }
        if drawn.len() >= LEGENDS_KEPT {
            drawn.clear();
        }
        let line = legend(dissection, unowned, options).into_bytes();
        let result = out.write_all(&line);
        drawn.push((key.clone(), line));
        result
    })
}

/// The legend line, with its newline: `L = Data link (Ethernet II)  ...`.
fn legend(dissection: &Dissection, unowned: bool, options: &RenderOptions) -> String {
    let mut parts = Vec::new();
    for layer in labelled(dissection) {
        if parts.iter().any(|(k, _)| *k == layer.layer) {
            continue;
        }
        let what = if layer.trailer.is_empty() {
            layer.protocol.to_string()
        } else {
            let trailer: Vec<&str> = trailer_fields(layer)
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
    if unowned {
        text.push(t!("? = not dissected").into());
    }
    let mut line = t!("legend: {parts}", parts = text.join("  "));
    line.push('\n');
    line
}

#[cfg(test)]
#[path = "hex_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dissect::{dissect_ethernet, dissect_raw_ip, Fcs};
    use crate::model::Span;
    use crate::render::Lcg;

    /// Ethernet II (14) + IPv4 (20) + UDP (8) + "hi" (2): 44 bytes.
    fn frame() -> Vec<u8> {
        let mut f = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
        f.extend_from_slice(&[
            0x45, 0, 0, 30, 0, 1, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
        ]);
        f.extend_from_slice(&[0x3a, 0x98, 0x3a, 0x99, 0, 10, 0, 0, b'h', b'i']);
        f
    }

    fn dump(frame: &[u8], options: &RenderOptions) -> String {
        let dissection = dissect_ethernet(frame, Fcs::Absent);
        let mut out = Vec::new();
        render(frame, &dissection, &mut out, options).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn without_colour_each_byte_has_its_column_and_its_letters() {
        let options = RenderOptions::default();
        let text = dump(&frame(), &options);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..6],
            [
                "0000  02 00 00 00 00 02 02 00  00 00 00 01 08 00 45 00 |..............E.|",
                "      LL LL LL LL LL LL LL LL  LL LL LL LL LL LL NN NN",
                "0010  00 1e 00 01 40 00 40 11  00 00 0a 00 00 01 0a 00 |....@.@.........|",
                "      NN NN NN NN NN NN NN NN  NN NN NN NN NN NN NN NN",
                "0020  00 02 3a 98 3a 99 00 0a  00 00 68 69             |..:.:.....hi|",
                "      NN NN TT TT TT TT TT TT  TT TT AA AA",
            ]
        );
        assert!(lines[6].starts_with("legend: L = Data link"), "{text}");
    }

    #[test]
    fn narrow_rows_hold_eight_bytes() {
        let options = RenderOptions {
            width: 60,
            ..RenderOptions::default()
        };
        let text = dump(&frame(), &options);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "0000  02 00 00 00 00 02 02 00 |........|");
        assert_eq!(lines[1], "      LL LL LL LL LL LL LL LL");
        // 44 bytes: five full rows and one of four, each with its letters.
        assert_eq!(lines[10], "0028  00 00 68 69             |..hi|");
        assert_eq!(lines[11], "      TT TT AA AA");
    }

    #[test]
    fn with_colour_each_run_is_painted_and_no_letters_are_drawn() {
        let options = RenderOptions {
            color: true,
            ..RenderOptions::default()
        };
        let text = dump(&frame(), &options);
        let first = text.lines().next().unwrap();
        let link = paint(
            &options,
            LayerKind::Link,
            "02 00 00 00 00 02 02 00  00 00 00 01 08 00",
        );
        let network = paint(&options, LayerKind::Network, "45 00");
        assert_eq!(first, format!("0000  {link} {network} |..............E.|"));
        assert!(first.contains('\u{1b}'));
        assert!(!text.contains("LL"), "{text}");
    }

    #[test]
    fn offsets_past_64_kib_get_a_fifth_digit() {
        let mut text = Vec::new();
        push_offset(&mut text, 0xfff0);
        push_offset(&mut text, 0x10000);
        assert_eq!(text, b"fff010000");
    }

    /// Real dissections of varied frames: UDP, padded to 60 bytes, with an
    /// FCS, cut short at every length (bytes no layer claims), ARP, raw IP.
    fn real_cases() -> Vec<(Vec<u8>, Dissection)> {
        let mut cases = Vec::new();
        let whole = frame();
        for len in 0..=whole.len() {
            let cut = whole[..len].to_vec();
            let d = dissect_ethernet(&cut, Fcs::Absent);
            cases.push((cut, d));
        }
        let mut padded = whole.clone();
        padded.resize(60, 0);
        cases.push((padded.clone(), dissect_ethernet(&padded, Fcs::Absent)));
        let mut with_fcs = padded.clone();
        with_fcs.extend_from_slice(&[0xde, 0xad, 0xbe, 0xef]);
        cases.push((with_fcs.clone(), dissect_ethernet(&with_fcs, Fcs::Present)));
        let mut long = whole.clone();
        long[16..18].copy_from_slice(&[0x01, 0x2c]);
        long[38..40].copy_from_slice(&[0x01, 0x18]);
        long.extend((0..256).map(|b| b as u8));
        cases.push((long.clone(), dissect_ethernet(&long, Fcs::Absent)));
        let arp = [
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0,
            1, 2, 0, 0, 0, 0, 1, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2,
        ];
        cases.push((arp.to_vec(), dissect_ethernet(&arp, Fcs::Absent)));
        cases.push((whole[14..].to_vec(), dissect_raw_ip(&whole[14..])));
        let junk: Vec<u8> = (0..37).map(|b| (b * 37 + 11) as u8).collect();
        cases.push((junk.clone(), dissect_ethernet(&junk, Fcs::Absent)));
        cases
    }

    /// A real dissection with its layers' spans moved at random: layers
    /// that change mid-row, overlap, leave gaps, reach past the frame;
    /// protocols with Chinese and other multi-byte names; trailers whose
    /// fields do not match (an empty list in the legend).
    fn shuffled(rng: &mut Lcg, frame: &[u8], real: &Dissection) -> Dissection {
        const PROTOCOLS: &[&str] = &[
            "UDP",
            "TCP",
            "IPv4",
            "UDP (quoted)",
            "用户数据报",
            "é…",
            "",
            "ARP",
        ];
        let mut d = real.clone();
        let len = frame.len().max(1);
        for layer in &mut d.layers {
            if rng.next(3) == 0 {
                layer.header = Span {
                    offset: rng.next(len + 4),
                    length: rng.next(len + 4),
                };
            }
            if rng.next(4) == 0 {
                layer.trailer = vec![Span {
                    offset: rng.next(len + 4),
                    length: rng.next(6),
                }];
            }
            if rng.next(4) == 0 {
                layer.protocol = PROTOCOLS[rng.next(PROTOCOLS.len())];
            }
        }
        if rng.next(5) == 0 {
            // Two layers of one kind: the legend labels the first.
            if let Some(copy) = d.layers.first().cloned() {
                d.layers.push(copy);
            }
        }
        if rng.next(6) == 0 {
            d.layers.reverse();
        }
        d
    }

    fn options_all() -> Vec<RenderOptions> {
        let mut all = Vec::new();
        for color in [false, true] {
            for width in [20, 40, 60, 72, 73, 100, 160] {
                all.push(RenderOptions {
                    color,
                    width,
                    rfc: false,
                });
            }
        }
        all
    }

    fn both(frame: &[u8], d: &Dissection, options: &RenderOptions) -> (Vec<u8>, Vec<u8>) {
        let mut fast = Vec::new();
        render(frame, d, &mut fast, options).unwrap();
        let mut slow = Vec::new();
        reference::render_reference(frame, d, &mut slow, options).unwrap();
        (fast, slow)
    }

    #[test]
    fn the_dump_is_drawn_byte_for_byte_as_before() {
        let mut rng = Lcg(29);
        let mut compared = 0;
        let mut unowned = 0;
        for lang in [Lang::En, Lang::Zh] {
            i18n::with_language(lang, || {
                for (frame, real) in real_cases() {
                    let mut cases = vec![real.clone()];
                    cases.extend((0..12).map(|_| shuffled(&mut rng, &frame, &real)));
                    // Each drawn twice, interleaved: the second time from
                    // the remembered legend.
                    for d in cases.iter().chain(&cases) {
                        for options in options_all() {
                            let (fast, slow) = both(&frame, d, &options);
                            assert_eq!(
                                String::from_utf8_lossy(&fast),
                                String::from_utf8_lossy(&slow),
                                "{lang:?} {options:?} {frame:02x?}\n{d:?}"
                            );
                            compared += 1;
                            unowned += usize::from(slow.windows(3).any(|w| w == b" ??"));
                        }
                    }
                }
            });
        }
        assert!(compared > 5000, "{compared}");
        // Frames with bytes no layer claims were among them.
        assert!(unowned > 100, "{unowned}");
    }

    #[test]
    fn rows_of_every_length_and_offsets_of_five_digits_are_as_before() {
        // 0x10000 + 1..16 bytes: every length of last row, past 64 KiB.
        for extra in 1..=16 {
            let mut frame = frame();
            frame.resize(0x10000 + extra, 0x41);
            let d = dissect_ethernet(&frame, Fcs::Absent);
            for options in options_all() {
                let (fast, slow) = both(&frame, &d, &options);
                assert!(fast == slow, "{extra} {options:?}");
            }
        }
    }

    #[test]
    fn the_longest_row_is_known_before_the_rows_are_drawn() {
        // Past 64 KiB too: offsets of five digits.
        let lengths = (0..200).chain(0xffe0..0x10030);
        for len in lengths {
            let frame: Vec<u8> = (0..len).map(|b| (b * 7 + 3) as u8).collect();
            let letters = vec![b'N'; len];
            for per_line in [16, 8] {
                let mut text = Vec::new();
                let drawn = plain_rows(&frame, &letters, per_line, &mut text);
                assert_eq!(plain_longest(len, per_line), drawn, "{len} {per_line}");
                let longest = text.split(|b| *b == b'\n').map(<[u8]>::len).max();
                assert_eq!(longest.unwrap_or(0), drawn, "{len} {per_line}");
            }
        }
    }

    #[test]
    fn the_dump_drawn_into_the_output_is_the_one_written_through_the_wrap() {
        let mut rng = Lcg(31);
        let whole = frame();
        let mut compared = 0;
        for len in 0..200 {
            let mut frame = whole.clone();
            frame.resize(len.max(whole.len()), 0x5a);
            frame.truncate(len);
            for b in frame.iter_mut().skip(44) {
                *b = rng.next(256) as u8;
            }
            let real = dissect_ethernet(&frame, Fcs::Absent);
            // Layers that change mid-row, gaps, bytes no layer claims.
            for d in [real.clone(), shuffled(&mut rng, &frame, &real)] {
                for options in options_all() {
                    // Nothing pending, or part of a line (the dump then
                    // goes through the wrap).
                    // Both languages (legends of other lengths), each
                    // with nothing pending twice: the second time from the
                    // remembered legend.
                    let runs: [(&[u8], Lang); 6] = [
                        (b"", Lang::En),
                        (b"", Lang::En),
                        (b"x", Lang::En),
                        (b"", Lang::Zh),
                        (b"", Lang::Zh),
                        (b"\xe7\x94\xa8 \xc3\x97", Lang::Zh),
                    ];
                    for (pending, lang) in runs {
                        let mut fast = Vec::new();
                        let mut slow = Vec::new();
                        i18n::with_language(lang, || {
                            let mut wrap = Wrap::new(&mut fast, options.width);
                            wrap.write_all(pending).unwrap();
                            render_wrapped(&frame, &d, &mut wrap, &options).unwrap();
                            drop(wrap);
                            let mut wrap = Wrap::new(&mut slow, options.width);
                            wrap.write_all(pending).unwrap();
                            reference::render_reference(&frame, &d, &mut wrap, &options).unwrap();
                        });
                        assert!(fast == slow, "{len} {lang:?} {options:?} {pending:?}");
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 10000, "{compared}");
    }

    #[test]
    fn the_remembered_legend_is_the_one_for_these_layers_and_this_language() {
        let whole = frame();
        let udp = dissect_ethernet(&whole, Fcs::Absent);
        let mut renamed = udp.clone();
        // Same length, same start, other name: only the full text tells
        // them apart.
        for layer in &mut renamed.layers {
            if layer.protocol == "UDP" {
                layer.protocol = "UDQ";
            }
        }
        assert_ne!(renamed, udp);
        let mut padded = whole.clone();
        padded.resize(60, 0);
        let with_padding = dissect_ethernet(&padded, Fcs::Absent);
        let mut fcs = padded.clone();
        fcs.extend_from_slice(&[1, 2, 3, 4]);
        let with_fcs = dissect_ethernet(&fcs, Fcs::Present);
        let cases = [
            (&whole, &udp),
            (&whole, &renamed),
            (&padded, &with_padding),
            (&fcs, &with_fcs),
            (&whole[..20].to_vec(), &udp),
        ];
        for round in 0..3 {
            for lang in [Lang::En, Lang::Zh, Lang::En] {
                for (frame, d) in cases {
                    for color in [false, true] {
                        let options = RenderOptions {
                            color,
                            ..RenderOptions::default()
                        };
                        let (fast, slow) = i18n::with_language(lang, || both(frame, d, &options));
                        assert!(
                            fast == slow,
                            "{round} {lang:?} {color}\n{}\n{}",
                            String::from_utf8_lossy(&fast),
                            String::from_utf8_lossy(&slow)
                        );
                    }
                }
            }
        }
    }
}
