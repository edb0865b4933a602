//! comfy-table's drawing of stackviz's tables, byte for byte, without its
//! allocations: the `UTF8_FULL_CONDENSED` style, `ContentArrangement::Dynamic`
//! at a fixed width, one space of padding each side, left-aligned cells, no
//! column constraints. It ports comfy-table 8.0.1's `arrangement::dynamic`,
//! `content_split` and `borders` step by step for exactly that case.
//!
//! Why by hand: full-detail `decode` draws several tables per frame, and
//! comfy-table spent two thirds of its time there (a `String` per cell line,
//! per padded line and per border line, a `BTreeMap` per table, every line
//! measured several times). No crate draws comfy-table's layout (its
//! column-fitting passes and its word-splitting rules) any faster, and the
//! output must not change by a byte, so this writer follows comfy-table's
//! algorithm exactly and writes slices of the cells' own text into one
//! reused buffer. `TextTable` falls back to comfy-table for shapes this
//! writer does not handle (rows of unequal length, no columns), and the
//! tests compare the two on varied tables and whole captures.

use std::cell::RefCell;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::CellText;

/// comfy-table's `MIN_FREE_CHARS`: a line with this little room left is full.
const MIN_FREE_CHARS: usize = 2;

/// A piece of the table's text: its bytes `start..end` and its width.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: u32,
    end: u32,
    width: u32,
}

/// The layout's working lists, kept from table to table (a decode draws
/// thousands of tables, and allocating these for each was measurable).
/// They hold positions in the table's text, not slices of it, so they
/// outlive every table.
#[derive(Default)]
struct Scratch {
    /// Where each row's cells start in `cells`, in drawing order (the
    /// header's first): a cell is found as `cells[row + column]`, where
    /// copying every cell into one list in drawing order was a measurable
    /// part of a table's layout.
    row_starts: Vec<u32>,
    max_widths: Vec<u16>,
    /// The arrangement's columns: decided so far, then each one's width
    /// (kept like the rest: two allocations per table were measurable).
    decided: Vec<Option<u16>>,
    widths: Vec<u16>,
    /// Every cell's lines (split at its newlines), measured once.
    lines: Vec<Piece>,
    /// Per cell (in drawing order, row by row), where its lines are in `lines`.
    cell_lines: Vec<(u32, u32)>,
    /// One row's lines after splitting at the column widths.
    parts: Vec<Piece>,
    /// Per column, its lines of the row being drawn: which list holds
    /// them (`lines`, `split` or `parts`) and where.
    spans: Vec<(Lines, usize, usize)>,
    /// The lines of every cell of a column as the layout last split them
    /// (the longest line after splitting), kept to be drawn when the
    /// column's width ends up the same: then splitting again would give
    /// the same lines.
    split: Vec<Piece>,
    /// Per cell (in drawing order, row by row), where its split lines are in `split`.
    split_spans: Vec<(u32, u32)>,
    /// Per column, the width its cells in `split` were split at.
    split_at: Vec<usize>,
    /// Per column, which list its cells' lines are drawn from (`Row`:
    /// decided cell by cell).
    kinds: Vec<Lines>,
    /// The table's blank line (see `line_from_template`), and where each
    /// column's text starts in it.
    template: Vec<u8>,
    column_at: Vec<usize>,
    /// The borders drawn lately, by their columns' widths (see [`Rules`]).
    rules: Rules,
}

/// A table's three horizontal lines for the column widths they were drawn
/// for, kept in a few slots found by a hash of the widths: the tables of
/// one kind of layer (Ethernet, IPv4, UDP) come out at the same few
/// widths frame after frame, and a border drawn a column at a time (runs
/// of fill, junctions) cost as much as three of the table's lines.
#[derive(Default)]
struct Rules {
    /// Per slot: the widths, then the top, header and bottom lines one
    /// after another with where the second and third start.
    slots: Vec<(Vec<u16>, Vec<u8>, usize, usize)>,
}

/// How many width sets [`Rules`] keeps. The mixed capture's 10,000
/// frames draw their 39,499 tables at 85 width sets, about 20 of them
/// often; at 64 slots those collided (6,489 borders drawn again, about
/// 0.3M instructions per 1,000 frames), at 1,024 only 93 are drawn. The
/// slots hold nothing until used (64 KB of empty lists for the thread).
const RULE_SLOTS: usize = 1024;

impl Rules {
    /// The top, header and bottom lines for `widths`, drawn now if they
    /// are not kept.
    fn for_widths(&mut self, widths: &[u16]) -> [&[u8]; 3] {
        if self.slots.is_empty() {
            self.slots.resize_with(RULE_SLOTS, Default::default);
        }
        let hash = widths.iter().fold(widths.len() as u64, |h, &w| {
            (h.rotate_left(5) ^ u64::from(w)).wrapping_mul(0x517c_c1b7_2722_0a95)
        });
        let slot = (hash >> 32) as usize % RULE_SLOTS;
        let Some((kept, lines, header_at, bottom_at)) = self.slots.get_mut(slot) else {
            return [&[]; 3];
        };
        if kept.as_slice() != widths || lines.is_empty() {
            kept.clear();
            kept.extend_from_slice(widths);
            lines.clear();
            border(lines, widths, '┌', '─', '┬', '┐');
            *header_at = lines.len();
            border(lines, widths, '╞', '═', '╪', '╡');
            *bottom_at = lines.len();
            border(lines, widths, '└', '─', '┴', '┘');
        }
        let (top, rest) = lines.split_at(*header_at);
        let (header, bottom) = rest.split_at(*bottom_at - *header_at);
        [top, header, bottom]
    }
}

/// Which of the layout's lists holds a cell's drawn lines. A cell whose
/// lines all fit its column, or that was split at this width already, is
/// drawn from where its lines are: copying them into one list per row was
/// a measurable part of drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    /// Its lines as they are (`Scratch::lines`).
    AsWritten,
    /// As the layout split them (`Scratch::split`).
    Split,
    /// Split for this row (`Scratch::parts`).
    Row,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A table as this writer reads it: each cell is a piece of `text`; a
/// wide cell breaks at `hint` instead of at spaces; with `strip` every
/// `hint` is left out of the drawn text.
#[derive(Clone, Copy)]
pub(super) struct Drawing<'a> {
    pub width: u16,
    pub text: &'a str,
    pub cells: &'a [CellText],
    pub header: Option<(usize, usize)>,
    pub rows: &'a [(usize, usize)],
    pub hint: char,
    pub strip: bool,
}

/// Draws the table into `out` (no newline after the bottom border), or
/// returns false and leaves `out` to be discarded when comfy-table must.
pub(super) fn draw(table: &Drawing<'_>, out: &mut Vec<u8>) -> bool {
    // The thread's lists, or fresh ones if they are in use (a table drawn
    // while another is being drawn on this thread).
    // The split memo is taken once for the table, not for each line split:
    // reaching it through its thread-local for each was about 0.3M of
    // mx1k's instructions. When it is in use, lines are split afresh.
    SCRATCH.with(|scratch| {
        SPLITS.with(|memo| {
            super::super::with_kept(scratch, |scratch| match memo.try_borrow_mut() {
                Ok(mut memo) => draw_with(scratch, Some(&mut memo), table, out, true),
                Err(_) => draw_with(scratch, None, table, out, true),
            })
        })
    })
}

/// [`draw`] with its lists and the split memo (None: every line split
/// afresh); `shortcuts`: lines whose text is as wide as it is long are
/// drawn over the table's blank line, and a column as wide as its widest
/// line is known to fit its cells without looking at them (off for the
/// tests' plain reference).
fn draw_with(
    scratch: &mut Scratch,
    mut memo: Option<&mut SplitMemo>,
    table: &Drawing<'_>,
    out: &mut Vec<u8>,
    shortcuts: bool,
) -> bool {
    let Drawing {
        width,
        text,
        cells,
        header,
        rows,
        hint,
        strip,
    } = *table;
    let row_len = |&(start, end): &(usize, usize)| end.saturating_sub(start);
    let columns = match (header, rows.first()) {
        (Some(h), _) => row_len(&h),
        (None, Some(r)) => row_len(r),
        (None, None) => 0,
    };
    if columns == 0
        || rows.iter().any(|r| row_len(r) != columns)
        || u32::try_from(text.len()).is_err()
    {
        return false;
    }
    let Scratch {
        row_starts,
        max_widths,
        decided,
        widths,
        lines,
        cell_lines,
        parts,
        spans,
        split,
        split_spans,
        split_at,
        kinds,
        template,
        column_at,
        rules,
    } = scratch;
    row_starts.clear();
    for &(start, end) in header.iter().chain(rows) {
        if cells.get(start..end).is_none() || u32::try_from(start).is_err() {
            return false;
        }
        row_starts.push(start as u32);
    }
    let piece = |p: &Piece| text.get(p.start as usize..p.end as usize).unwrap_or("");
    // Column::max_content_widths: the widest line of any cell, at least 1.
    // Each cell's lines are measured once here (the passes below reuse them).
    max_widths.clear();
    max_widths.resize(columns, 0);
    lines.clear();
    cell_lines.clear();
    for &row in row_starts.iter() {
        let row = row as usize;
        for (cell, widest_of_column) in cells[row..row + columns].iter().zip(max_widths.iter_mut())
        {
            let start = lines.len();
            let mut at = cell.start as usize;
            let end = cell.end as usize;
            if shortcuts && cell.width != super::UNMEASURED {
                // Measured before (a remembered cell): one line of this
                // width, or two plain lines either side of a newline at
                // this offset.
                let widest = if cell.width & TWO_LINES == 0 {
                    lines.push(Piece {
                        start: cell.start,
                        end: cell.end,
                        width: cell.width,
                    });
                    cell.width
                } else {
                    let newline = cell.start.saturating_add(cell.width & !TWO_LINES);
                    let first = newline - cell.start;
                    let second = cell.end.saturating_sub(newline + 1);
                    lines.push(Piece {
                        start: cell.start,
                        end: newline,
                        width: first,
                    });
                    lines.push(Piece {
                        start: newline + 1,
                        end: cell.end,
                        width: second,
                    });
                    first.max(second)
                };
                cell_lines.push((start as u32, lines.len() as u32));
                let widest = u16::try_from(widest).unwrap_or(u16::MAX).max(1);
                *widest_of_column = (*widest_of_column).max(widest);
                continue;
            }
            let mut widest = 0;
            loop {
                let found = newline_in(&text.as_bytes()[at..end]);
                let stop = found.map_or(end, |i| at + i);
                let w = if cell.plain {
                    stop - at
                } else {
                    text_width(&text[at..stop])
                };
                widest = widest.max(w);
                lines.push(Piece {
                    start: at as u32,
                    end: stop as u32,
                    width: u32::try_from(w).unwrap_or(u32::MAX),
                });
                if stop == end {
                    break;
                }
                at = stop + 1;
            }
            cell_lines.push((start as u32, lines.len() as u32));
            let widest = u16::try_from(widest).unwrap_or(u16::MAX).max(1);
            *widest_of_column = (*widest_of_column).max(widest);
        }
    }
    let row_count = row_starts.len();
    let delimiter = |cell: &CellText| if cell.wide { hint } else { ' ' };
    split.clear();
    split_spans.clear();
    split_spans.resize(cell_lines.len(), (0, 0));
    split_at.clear();
    split_at.resize(columns, usize::MAX);

    let arranged = arrange(width, max_widths, decided, widths, |c, average| {
        // longest_line_after_split
        let content_width = usize::from(u16::try_from(average).unwrap_or(u16::MAX).max(1));
        // What drawing at `average` would split the same way.
        split_at[c] = if content_width == average {
            average
        } else {
            usize::MAX
        };
        let mut longest = 0;
        for r in 0..row_count {
            let cell = &cells[row_starts[r] as usize + c];
            let (start, end) = cell_lines[r * columns + c];
            let first = split.len();
            for line in &lines[start as usize..end as usize] {
                if line.width as usize > average {
                    let before = split.len();
                    split_maybe_remembered(
                        memo.as_deref_mut(),
                        text,
                        piece(line),
                        content_width,
                        delimiter(cell),
                        cell.plain,
                        split,
                    )?;
                    for part in &split[before..] {
                        longest = longest.max(part.width as usize);
                    }
                } else {
                    split.push(*line);
                    longest = longest.max(line.width as usize);
                }
            }
            split_spans[r * columns + c] = (first as u32, split.len() as u32);
        }
        Some(longest)
    });
    if arranged.is_none() {
        return false;
    }
    let widths = &widths[..];

    out.reserve(rows.len() * (usize::from(width) + 4) * 3);
    let [top_rule, header_rule, bottom_rule] = if shortcuts {
        rules.for_widths(widths)
    } else {
        [&[][..]; 3]
    };
    if top_rule.is_empty() {
        border(out, widths, '┌', '─', '┬', '┐');
    } else {
        out.extend_from_slice(top_rule);
    }
    spans.clear();
    spans.resize(columns, (Lines::Row, 0, 0));
    // The blank line: its edges, and each column's spaces with the one
    // after them (see `line_from_template`). Not for a table whose hints
    // are left out of its text (Chinese): its lines are never as wide as
    // they are long.
    template.clear();
    column_at.clear();
    if shortcuts && !strip {
        template.extend_from_slice("\n│ ".as_bytes());
        for (c, &w) in widths.iter().enumerate() {
            column_at.push(template.len());
            padded_edge(template, usize::from(w) + 1, c + 1 == columns);
        }
    }
    // How each column's cells are drawn, decided once for the table:
    // from the layout's split when it split them at this width, as they
    // are when the column is as wide as its widest line (the widest one
    // measured, not cut to `u16::MAX`: each line is not looked at again),
    // otherwise cell by cell. Deciding this for every cell, and indexing
    // five lists by row and column for it, was a tenth of drawing.
    kinds.clear();
    for c in 0..columns {
        let content_width = usize::from(widths[c]);
        kinds.push(if split_at[c] == content_width {
            Lines::Split
        } else if shortcuts && max_widths[c] < u16::MAX && widths[c] >= max_widths[c] {
            Lines::AsWritten
        } else {
            Lines::Row
        });
    }
    let rows_lines = cell_lines
        .chunks_exact(columns)
        .zip(split_spans.chunks_exact(columns));
    for (index, (&row, (row_lines, row_splits))) in row_starts.iter().zip(rows_lines).enumerate() {
        parts.clear();
        let mut height = 0;
        let columns_of_row = spans
            .iter_mut()
            .zip(kinds.iter())
            .zip(row_lines.iter().zip(row_splits));
        for (c, ((span, &kind), (&(first, end), &(split_first, split_end)))) in
            columns_of_row.enumerate()
        {
            *span = match kind {
                Lines::Split => (Lines::Split, split_first as usize, split_end as usize),
                Lines::AsWritten => (Lines::AsWritten, first as usize, end as usize),
                Lines::Row => {
                    let content_width = usize::from(widths[c]);
                    let own = &lines[first as usize..end as usize];
                    if own.iter().all(|line| line.width as usize <= content_width) {
                        (Lines::AsWritten, first as usize, end as usize)
                    } else {
                        let Some(cell) = cells.get(row as usize + c) else {
                            return false;
                        };
                        let start = parts.len();
                        for line in own {
                            if line.width as usize > content_width {
                                let split = split_maybe_remembered(
                                    memo.as_deref_mut(),
                                    text,
                                    piece(line),
                                    content_width,
                                    delimiter(cell),
                                    cell.plain,
                                    parts,
                                );
                                if split.is_none() {
                                    return false;
                                }
                            } else {
                                parts.push(*line);
                            }
                        }
                        (Lines::Row, start, parts.len())
                    }
                }
            };
            height = height.max(span.2 - span.1);
        }
        for i in 0..height {
            if !template.is_empty() {
                let held = [&lines[..], &split[..], &parts[..]];
                if line_from_template(out, template, column_at, widths, spans, held, text, i) {
                    continue;
                }
            }
            // A line: the left edge and the first column's space, then
            // for each column its text, the spaces to its width and one
            // more, and its right edge with the next column's space: two
            // copies a column (pushing edge, space, text and padding one
            // by one was most of a table's drawing).
            out.extend_from_slice("\n│ ".as_bytes());
            for (c, &(held, start, end)) in spans.iter().enumerate() {
                let content_width = usize::from(widths[c]);
                let used = if start + i < end {
                    let part = match held {
                        Lines::AsWritten => &lines[start + i],
                        Lines::Split => &split[start + i],
                        Lines::Row => &parts[start + i],
                    };
                    // Bytes, not `str`: the drawn table is bytes for its
                    // writer, and slicing a `str` checks both ends for
                    // character boundaries at every cell line.
                    let line = text
                        .as_bytes()
                        .get(part.start as usize..part.end as usize)
                        .unwrap_or(&[]);
                    if strip && !line.is_ascii() {
                        let mut rest = line;
                        while let Some(at) = find_char_in(rest, hint) {
                            out.extend_from_slice(&rest[..at]);
                            rest = &rest[at + hint.len_utf8()..];
                        }
                        out.extend_from_slice(rest);
                    } else {
                        out.extend_from_slice(line);
                    }
                    part.width as usize
                } else {
                    0
                };
                let last = c + 1 == columns;
                padded_edge(out, content_width.saturating_sub(used) + 1, last);
            }
        }
        if index == 0 && header.is_some() {
            out.push(b'\n');
            if header_rule.is_empty() {
                border(out, widths, '╞', '═', '╪', '╡');
            } else {
                out.extend_from_slice(header_rule);
            }
        }
    }
    out.push(b'\n');
    if bottom_rule.is_empty() {
        border(out, widths, '└', '─', '┴', '┘');
    } else {
        out.extend_from_slice(bottom_rule);
    }
    true
}

/// One line of a row drawn over the table's blank line `template`: a copy
/// of it, each column's piece then written over its spaces at
/// `column_at`. A piece as long in bytes as it is wide, and no wider than
/// its column, leaves after it exactly the spaces and the edge that the
/// line-by-line drawing pads it with, so the line comes out the same; an
/// empty cell (most second lines of a row) costs nothing. False, with
/// `out` as it was, when a piece is not such a piece (`×`, `…`, Chinese):
/// that line is drawn piece by piece. About a third of full detail's
/// instructions were drawing tables, and two copies of variable length
/// per cell line (its text, then its padding and edge) were most of that.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn line_from_template(
    out: &mut Vec<u8>,
    template: &[u8],
    column_at: &[usize],
    widths: &[u16],
    spans: &[(Lines, usize, usize)],
    held: [&[Piece]; 3],
    text: &str,
    i: usize,
) -> bool {
    let line_start = out.len();
    out.extend_from_slice(template);
    for ((&(list, start, end), &at), &width) in spans.iter().zip(column_at).zip(widths) {
        if start + i >= end {
            continue;
        }
        let written = held[list as usize]
            .get(start + i)
            .and_then(|part| {
                let src = text
                    .as_bytes()
                    .get(part.start as usize..part.end as usize)?;
                if src.len() != part.width as usize || src.len() > usize::from(width) {
                    return None;
                }
                let at = line_start + at;
                out.get_mut(at..at + src.len())?.copy_from_slice(src);
                Some(())
            })
            .is_some();
        if !written {
            out.truncate(line_start);
            return false;
        }
    }
    true
}

/// A remembered cell's `CellText::width` with this bit: two plain lines,
/// the newline between them at the offset in the other bits.
pub(super) const TWO_LINES: u32 = 1 << 31;

/// `CellText::width` for a cell of `text` (`plain`: printable ASCII and
/// newlines only), measured as the layout measures a cell's lines: the
/// width of its only line; for a plain cell of two lines (a field's name
/// and position), `TWO_LINES` and the newline's offset; `UNMEASURED`
/// for anything else (or too long to say). For a cell remembered with it.
pub(super) fn measured(text: &str, plain: bool) -> u32 {
    let bytes = text.as_bytes();
    let Some(newline) = newline_in(bytes) else {
        let width = if plain { text.len() } else { text_width(text) };
        return u32::try_from(width)
            .ok()
            .filter(|&w| w < TWO_LINES)
            .unwrap_or(super::UNMEASURED);
    };
    let rest = bytes.get(newline + 1..).unwrap_or(&[]);
    match u32::try_from(newline) {
        Ok(at) if plain && at < TWO_LINES - 1 && newline_in(rest).is_none() => TWO_LINES | at,
        _ => super::UNMEASURED,
    }
}

/// Where the first newline in `bytes` is. memchr pays off over long runs
/// only; most cells are short, and a byte-at-a-time search over them was a
/// tenth of a table's layout in the profile: eight bytes are checked at a
/// time instead (the last word overlapping the one before it).
#[inline(always)]
fn newline_in(bytes: &[u8]) -> Option<usize> {
    if bytes.len() >= 32 {
        return memchr::memchr(b'\n', bytes);
    }
    if bytes.len() < 4 {
        return bytes.iter().position(|&b| b == b'\n');
    }
    if bytes.len() < 8 {
        // Two four-byte words, the second overlapping the first: most
        // cells are short values ("64", "0x0800"), and a byte at a time
        // over them cost more than both words.
        const ONES4: u32 = 0x0101_0101;
        const HIGHS4: u32 = 0x8080_8080;
        let four = |at: usize| {
            let mut word = [0u8; 4];
            word.copy_from_slice(bytes.get(at..at + 4)?);
            let x = u32::from_le_bytes(word) ^ (ONES4 * u32::from(b'\n'));
            let found = x.wrapping_sub(ONES4) & !x & HIGHS4;
            (found != 0).then(|| at + (found.trailing_zeros() / 8) as usize)
        };
        return four(0).or_else(|| four(bytes.len() - 4));
    }
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A word with a newline byte: that byte XOR '\n' is zero, and the
    // classic zero-byte test finds it (its lowest flagged byte is exact).
    let has_newline = |at: usize| {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&bytes[at..at + 8]);
        let x = u64::from_le_bytes(eight) ^ (ONES * u64::from(b'\n'));
        let found = x.wrapping_sub(ONES) & !x & HIGHS;
        (found != 0).then(|| at + (found.trailing_zeros() / 8) as usize)
    };
    let mut at = 0;
    while at + 8 <= bytes.len() {
        if let Some(i) = has_newline(at) {
            return Some(i);
        }
        at += 8;
    }
    if at < bytes.len() {
        return has_newline(bytes.len() - 8);
    }
    None
}

/// Display width as comfy-table measures it (unicode-width), with printable
/// ASCII, where every character is one column, counted without the lookup.
/// Where `c` first is in `text`, found by the first byte of its UTF-8
/// (for the zero-width break hint, 0xE2, rare in Chinese text) and not by
/// its last, as `str::find` does (0x8B, which Chinese is full of).
fn find_char(text: &str, c: char) -> Option<usize> {
    find_char_in(text.as_bytes(), c)
}

/// [`find_char`] in bytes.
fn find_char_in(bytes: &[u8], c: char) -> Option<usize> {
    let mut buf = [0u8; 4];
    let needle = c.encode_utf8(&mut buf).as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(needle[0], &bytes[from..]) {
        let at = from + i;
        if bytes[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A word's width: a word that is one CJK unified ideograph (a Chinese
/// cell breaks between every two) is two columns, as unicode-width says of
/// every character of U+4E00..U+9FFF; anything else is measured.
fn word_width(word: &str) -> usize {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            return 2;
        }
    }
    text_width(word)
}

fn text_width(text: &str) -> usize {
    if super::super::printable_ascii(text) {
        text.len()
    } else if let Some(width) = english_width(text.as_bytes()) {
        width
    } else {
        mixed_width(text)
    }
}

/// The width of a line of printable ASCII, `×` and `…` (English's only
/// other characters in the tables: `5 × 4`, `00 00 … 00`), one column
/// each, or None for a line with any other character. unicode-width gives
/// each of them one column and leaves no state for the character before
/// it (only `\n`, `\r`, variation selectors, joiners, keycaps and a few
/// scripts' letters do, none of them here). Checked eight bytes at a time:
/// mixed_width's three byte-by-byte scans over such lines were a
/// twentieth of a table's drawing.
fn english_width(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    let mut width = 0;
    while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
        if let Some(eight) = rest.get(..8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(eight);
            let x = u64::from_le_bytes(word);
            // No byte of 0x80 or more, none below 0x20 (adding 0x60 does
            // not reach 0x80) and no DEL (adding 1 does).
            if x & HIGHS == 0 && !(x + 0x60 * ONES) & HIGHS == 0 && (x + ONES) & HIGHS == 0 {
                at += 8;
                width += 8;
                continue;
            }
        }
        at += match rest {
            [0x20..=0x7e, ..] => 1,
            [0xc3, 0x97, ..] => 2,
            [0xe2, 0x80, 0xa6, ..] => 3,
            _ => return None,
        };
        width += 1;
    }
    Some(width)
}

/// The width of a line that is not all printable ASCII (an English
/// sentence with one `×` or `…`), measured by unicode-width over its
/// middle only: from the last letter or space before its first other
/// character to its last other character. unicode-width reads a line from
/// its end, each character's width depending on what follows it; a
/// printable ASCII character after the middle is one column and leaves no
/// state, and a letter or space is one column whatever follows it (only
/// `#`, `*` and digits start an emoji sequence) and leaves none either, so
/// the ends are as wide as they are long. Measuring the whole line one
/// character at a time was a sixteenth of a table's drawing in the profile.
fn mixed_width(text: &str) -> usize {
    let bytes = text.as_bytes();
    let printable = |b: &u8| (0x20..0x7f).contains(b);
    let Some(first) = bytes.iter().position(|b| !printable(b)) else {
        return text.len();
    };
    // A byte that is not printable ASCII is the start or the inside of
    // a character that is not: the byte after the last one starts a
    // character, as does every byte of the ASCII before `first`.
    let end = bytes
        .iter()
        .rposition(|b| !printable(b))
        .map_or(first, |i| i + 1);
    let start = bytes[..first]
        .iter()
        .rposition(|&b| b.is_ascii_alphabetic() || b == b' ')
        .unwrap_or(0);
    match text.get(start..end) {
        Some(middle) => start + middle.width() + (bytes.len() - end),
        None => text.width(),
    }
}

/// `n` copies of `fill` (one character), pushed a slice of `run` at a time;
/// `run` holds only that character.
fn repeat(out: &mut Vec<u8>, run: &str, fill: char, mut n: usize) {
    let size = fill.len_utf8();
    let per_run = run.len() / size;
    while n > 0 {
        let take = n.min(per_run);
        out.extend_from_slice(&run.as_bytes()[..take * size]);
        n -= take;
    }
}

const SPACES: &str = "                                                                ";

/// Spaces, then a column's right edge and the next column's space.
const SPACES_THEN_JUNCTION: &str = concat!(
    "                                                                ",
    "                                                                ",
    "┆ "
);
/// Spaces, then the table's right edge.
const SPACES_THEN_RIGHT: &str = concat!(
    "                                                                ",
    "                                                                ",
    "│"
);
/// The spaces before the edge in the two above.
const EDGE_SPACES: usize = 128;

/// `n` spaces and a column's right edge: `┆` and the next column's space,
/// or `│` after the last column; one copy when `n` is at most 128.
fn padded_edge(out: &mut Vec<u8>, n: usize, last: bool) {
    let run = if last {
        SPACES_THEN_RIGHT
    } else {
        SPACES_THEN_JUNCTION
    };
    if n > EDGE_SPACES {
        spaces(out, n - EDGE_SPACES);
    }
    out.extend_from_slice(&run.as_bytes()[EDGE_SPACES - n.min(EDGE_SPACES)..]);
}

/// One character's UTF-8 onto the drawn bytes.
fn push_char(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

fn spaces(out: &mut Vec<u8>, n: usize) {
    repeat(out, SPACES, ' ', n);
}

/// One horizontal line: ends, fill and junctions, each column padded by two.
fn border(out: &mut Vec<u8>, widths: &[u16], left: char, fill: char, junction: char, right: char) {
    let run = match fill {
        '─' => "────────────────────────────────",
        '═' => "════════════════════════════════",
        _ => return border_slow(out, widths, left, fill, junction, right),
    };
    push_char(out, left);
    for (c, w) in widths.iter().enumerate() {
        if c > 0 {
            push_char(out, junction);
        }
        repeat(out, run, fill, usize::from(w.saturating_add(2)));
    }
    push_char(out, right);
}

fn border_slow(
    out: &mut Vec<u8>,
    widths: &[u16],
    left: char,
    fill: char,
    junction: char,
    right: char,
) {
    push_char(out, left);
    for (c, w) in widths.iter().enumerate() {
        if c > 0 {
            push_char(out, junction);
        }
        for _ in 0..w.saturating_add(2) {
            push_char(out, fill);
        }
    }
    push_char(out, right);
}

/// comfy-table's dynamic arrangement for columns without constraints and
/// with padding (1, 1): each column's content width. `after_split(column,
/// width)` is the longest line of that column once split at `width`.
fn arrange(
    table_width: u16,
    max_widths: &[u16],
    decided: &mut Vec<Option<u16>>,
    widths: &mut Vec<u16>,
    mut after_split: impl FnMut(usize, usize) -> Option<usize>,
) -> Option<()> {
    let columns = max_widths.len();
    // Borders: left, right and one between each pair; then the padding.
    let mut remaining_width = usize::from(table_width).saturating_sub(columns + 1);
    for _ in 0..columns {
        remaining_width = remaining_width.saturating_sub(2);
    }
    decided.clear();
    decided.resize(columns, None);
    let mut remaining_columns = columns;
    let average = |remaining_width: usize, remaining_columns: usize| {
        remaining_width.checked_div(remaining_columns).unwrap_or(0)
    };
    // ArrangementState::fix_column; false once no column is left.
    let fix = |decided: &mut Vec<Option<u16>>,
               remaining_width: &mut usize,
               remaining_columns: &mut usize,
               c: usize,
               width: u16| {
        decided[c] = Some(width.max(1));
        *remaining_width = remaining_width.saturating_sub(usize::from(width));
        *remaining_columns -= 1;
        *remaining_columns > 0
    };

    // find_columns_that_fit_into_average
    let mut found_smaller = true;
    while found_smaller {
        found_smaller = false;
        if remaining_columns == 0 || average(remaining_width, remaining_columns) == 0 {
            break;
        }
        for c in 0..columns {
            if decided[c].is_some() {
                continue;
            }
            if usize::from(max_widths[c]) <= average(remaining_width, remaining_columns) {
                if !fix(
                    decided,
                    &mut remaining_width,
                    &mut remaining_columns,
                    c,
                    max_widths[c],
                ) {
                    break;
                }
                found_smaller = true;
            }
        }
    }

    // optimize_space_after_split
    if remaining_columns > 0 {
        let mut found_smaller = true;
        while found_smaller {
            found_smaller = false;
            for c in 0..columns {
                if decided[c].is_some() {
                    continue;
                }
                let average_space = average(remaining_width, remaining_columns);
                let longest = after_split(c, average_space)?;
                if average_space.saturating_sub(longest) >= 3 {
                    let width = u16::try_from(longest).unwrap_or(u16::MAX);
                    if !fix(
                        decided,
                        &mut remaining_width,
                        &mut remaining_columns,
                        c,
                        width,
                    ) {
                        break;
                    }
                    found_smaller = true;
                }
            }
        }
    }

    if remaining_columns > 0 {
        // distribute_remaining_space: even shares, the first ones one wider.
        remaining_width = remaining_width.max(remaining_columns);
        let share = remaining_width / remaining_columns;
        let excess = remaining_width - share * remaining_columns;
        for (index, slot) in decided.iter_mut().filter(|d| d.is_none()).enumerate() {
            let width = if index < excess { share + 1 } else { share };
            *slot = Some(u16::try_from(width).unwrap_or(u16::MAX).max(1));
        }
    }
    widths.clear();
    for width in decided.iter() {
        widths.push((*width)?);
    }
    Some(())
}

/// Where `part` starts in `line` (both slices of the same text).
fn offset(line: &str, part: &str) -> usize {
    part.as_ptr() as usize - line.as_ptr() as usize
}

/// The words of a line (the text between delimiters, as `str::split`
/// gives them), read one at a time, with room to put one back.
struct Words<'a> {
    line: &'a str,
    delimiter: char,
    /// Where the next word starts; `None` once the last one was read.
    at: Option<usize>,
    /// A word put back, read again before the next one.
    back: Option<&'a str>,
}

impl<'a> Words<'a> {
    fn next(&mut self) -> Option<&'a str> {
        if let Some(word) = self.back.take() {
            return Some(word);
        }
        let start = self.at?;
        let rest = &self.line[start..];
        // Words are short: a plain loop finds their end sooner than
        // memchr, which pays off only over long runs.
        let found = if self.delimiter == ' ' {
            rest.bytes().position(|b| b == b' ')
        } else {
            find_char(rest, self.delimiter)
        };
        match found {
            Some(i) => {
                self.at = Some(start + i + self.delimiter.len_utf8());
                Some(&rest[..i])
            }
            None => {
                self.at = None;
                Some(rest)
            }
        }
    }
}

/// Lines split lately on this thread, and how: the same sentences (a
/// field's meaning, a note) come back frame after frame at the same width,
/// and splitting them again was the profile's third largest cost of
/// drawing tables. A line is found by a hash of everything the split
/// depends on (its text, the width, the delimiter, whether it is plain)
/// in a table of `SLOTS` entries, a newer line taking an older one's slot;
/// a hit is used only when all of those compare equal, the whole text
/// included.
struct SplitMemo {
    /// Per hash slot, the index of its line in `entries` (`EMPTY`: none).
    slots: Vec<u32>,
    entries: Vec<Remembered>,
    /// Every remembered line's text, one after another.
    texts: String,
    /// Every remembered line's pieces, positions relative to its start.
    pieces: Vec<Piece>,
}

/// One remembered split: where its text and its pieces are kept, and the
/// rest of what it was split with.
struct Remembered {
    text: (u32, u32),
    width: usize,
    delimiter: char,
    plain: bool,
    pieces: (u32, u32),
}

const SLOTS: usize = 4096;
const EMPTY: u32 = u32::MAX;
/// The memo starts again once it holds this much text (a bound on its
/// memory: about a megabyte with the pieces and entries).
const REMEMBERED_TEXT: usize = 512 * 1024;

thread_local! {
    static SPLITS: RefCell<SplitMemo> = const {
        RefCell::new(SplitMemo {
            slots: Vec::new(),
            entries: Vec::new(),
            texts: String::new(),
            pieces: Vec::new(),
        })
    };
}

/// Which slot a line split at `width` with `delimiter` hashes to: FxHash's
/// mixing over the line's length and four of its eight-byte words (its
/// first, its last and two between), not over all of them. A collision
/// only costs a miss, since a hit compares everything, and the lines that
/// come back (a field's meaning, a note) differ from each other in those
/// words; hashing every word of the line was a third of a hit's cost.
fn slot_of(line: &str, width: usize, delimiter: char, plain: bool) -> usize {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut h = mix(0, width as u64 ^ (u64::from(delimiter) << 32));
    h = mix(h, line.len() as u64 ^ (u64::from(plain) << 63));
    let bytes = line.as_bytes();
    let word_at = |at: usize| {
        let mut eight = [0u8; 8];
        if let Some(word) = bytes.get(at..at + 8) {
            eight.copy_from_slice(word);
        }
        u64::from_le_bytes(eight)
    };
    if bytes.len() >= 8 {
        let last = bytes.len() - 8;
        for at in [0, last / 3, last - last / 3, last] {
            h = mix(h, word_at(at));
        }
    } else {
        h = mix(h, bytes.iter().fold(0u64, |t, b| t << 8 | u64::from(*b)));
    }
    (h >> 32) as usize % SLOTS
}

/// [`split_line`], from `memo` when there is one.
fn split_maybe_remembered(
    memo: Option<&mut SplitMemo>,
    text: &str,
    line: &str,
    content_width: usize,
    delimiter: char,
    plain: bool,
    lines: &mut Vec<Piece>,
) -> Option<()> {
    match memo {
        Some(memo) => memo.split(text, line, content_width, delimiter, plain, lines),
        None => split_line(text, line, content_width, delimiter, plain, lines),
    }
}

/// [`split_line`], from this thread's memo when the same line was split
/// the same way before; every fresh split is remembered.
#[cfg(test)]
fn split_remembered(
    text: &str,
    line: &str,
    content_width: usize,
    delimiter: char,
    plain: bool,
    lines: &mut Vec<Piece>,
) -> Option<()> {
    SPLITS.with(|memo| {
        let mut memo = memo.try_borrow_mut().ok();
        split_maybe_remembered(
            memo.as_deref_mut(),
            text,
            line,
            content_width,
            delimiter,
            plain,
            lines,
        )
    })
}

impl SplitMemo {
    fn split(
        &mut self,
        text: &str,
        line: &str,
        content_width: usize,
        delimiter: char,
        plain: bool,
        lines: &mut Vec<Piece>,
    ) -> Option<()> {
        let base = offset(text, line);
        if self.slots.is_empty() {
            self.slots = vec![EMPTY; SLOTS];
        }
        let slot = slot_of(line, content_width, delimiter, plain);
        if let Some(entry) = self.entries.get(self.slots[slot] as usize) {
            let same = entry.width == content_width
                && entry.delimiter == delimiter
                && entry.plain == plain
                && self.texts.get(entry.text.0 as usize..entry.text.1 as usize) == Some(line);
            if same {
                let (first, end) = entry.pieces;
                // A plain loop: `extend` over the mapped pieces was an
                // out-of-line call of about 70 instructions for a hit's
                // two or three pieces.
                let base = base as u32;
                for p in self.pieces.get(first as usize..end as usize).unwrap_or(&[]) {
                    lines.push(Piece {
                        start: base.wrapping_add(p.start),
                        end: base.wrapping_add(p.end),
                        width: p.width,
                    });
                }
                return Some(());
            }
        }
        let before = lines.len();
        split_line(text, line, content_width, delimiter, plain, lines)?;
        if self.texts.len() + line.len() > REMEMBERED_TEXT
            || self.entries.len() >= u32::MAX as usize / 2
        {
            // Full: start again (the lines that come back will be split
            // and remembered anew).
            self.slots.fill(EMPTY);
            self.entries.clear();
            self.texts.clear();
            self.pieces.clear();
        }
        if line.len() > REMEMBERED_TEXT {
            return Some(());
        }
        let text_start = self.texts.len() as u32;
        self.texts.push_str(line);
        let pieces_start = self.pieces.len() as u32;
        self.pieces.extend(lines[before..].iter().map(|p| Piece {
            start: (p.start as usize - base) as u32,
            end: (p.end as usize - base) as u32,
            width: p.width,
        }));
        self.slots[slot] = self.entries.len() as u32;
        self.entries.push(Remembered {
            text: (text_start, self.texts.len() as u32),
            width: content_width,
            delimiter,
            plain,
            pieces: (pieces_start, self.pieces.len() as u32),
        });
        Some(())
    }
}

/// comfy-table's `split_line`: words (text between delimiters) added to a
/// line until it is full, a word longer than a line cut. Every line it
/// builds is a contiguous piece of `line` (itself a piece of `text`), so
/// the pieces are pushed onto `lines` as positions in `text`, with their
/// widths. None where a word would need splitting in a way this port does
/// not follow. `plain`: the line is known to be printable ASCII.
fn split_line(
    text: &str,
    line: &str,
    content_width: usize,
    delimiter: char,
    plain: bool,
    lines: &mut Vec<Piece>,
) -> Option<()> {
    // Printable ASCII between spaces (most lines): byte positions, not
    // slices (see `split_ascii`).
    let ascii = plain || super::super::printable_ascii(line);
    if ascii && delimiter == ' ' {
        split_ascii(line.as_bytes(), offset(text, line), content_width, lines);
        return Some(());
    }
    split_line_general(text, line, content_width, delimiter, ascii, lines)
}

/// [`split_line`] for any line; `ascii`: the line is printable ASCII.
fn split_line_general(
    text: &str,
    line: &str,
    content_width: usize,
    delimiter: char,
    ascii: bool,
    lines: &mut Vec<Piece>,
) -> Option<()> {
    let mut words = Words {
        line,
        delimiter,
        at: Some(0),
        back: None,
    };
    let delimiter_width = if delimiter == ' ' {
        1
    } else {
        delimiter.encode_utf8(&mut [0; 4]).width()
    };
    let base = offset(text, line);
    let mut push = |piece: &str, width: usize| {
        let start = base + offset(line, piece);
        lines.push(Piece {
            start: start as u32,
            end: (start + piece.len()) as u32,
            width: width as u32,
        });
    };
    // A finished line's width (printable ASCII: its length).
    let measured = |piece: &str| {
        if ascii {
            piece.len()
        } else {
            text_width(piece)
        }
    };

    let mut current: &str = &line[..0];
    let mut current_length = 0usize;
    // `current` extended by `next` (and the delimiter between them).
    let join = |current: &'_ str, next: &'_ str| -> (usize, usize) {
        if current.is_empty() {
            (offset(line, next), offset(line, next) + next.len())
        } else {
            (offset(line, current), offset(line, next) + next.len())
        }
    };
    while let Some(next) = words.next() {
        let next_length = if ascii { next.len() } else { word_width(next) };
        let mut added_length = next_length + current_length;
        if !current.is_empty() {
            added_length += 1;
        }
        let mut remaining_width = content_width.saturating_sub(current_length);
        if !current.is_empty() {
            remaining_width = remaining_width.saturating_sub(1);
        }

        if added_length <= content_width {
            if !current.is_empty() {
                current_length += delimiter_width;
            }
            let (s, e) = join(current, next);
            current = &line[s..e];
            current_length += next_length;
            if current_length > content_width.saturating_sub(MIN_FREE_CHARS) {
                push(current, measured(current));
                current = &line[..0];
                current_length = 0;
            }
            continue;
        }

        if !current.is_empty() && remaining_width <= MIN_FREE_CHARS {
            words.back = Some(next);
            push(current, measured(current));
            current = &line[..0];
            current_length = 0;
            continue;
        }

        if next_length > content_width {
            let new_line = current.is_empty();
            let (head, tail) = split_long_word(remaining_width, next);
            if new_line && head.is_empty() {
                // A character wider than the column goes on a line alone.
                let first = tail.chars().next().map_or(0, char::len_utf8);
                current = &tail[..first];
                words.back = Some(&tail[first..]);
            } else {
                let (s, e) = join(current, head);
                current = &line[s..e];
                words.back = Some(tail);
            }
            push(current, measured(current));
            current = &line[..0];
            current_length = 0;
            continue;
        }

        push(current, measured(current));
        current = next;
        current_length = next_length;
        if current_length > content_width.saturating_sub(MIN_FREE_CHARS) {
            push(current, measured(current));
            current = &line[..0];
            current_length = 0;
        }
    }
    if !current.is_empty() {
        push(current, measured(current));
    }
    Some(())
}

/// [`split_line_general`] for a line of printable ASCII split at spaces,
/// step for step, with `line` the line's bytes at `base` in the table's
/// text: every word as wide as it is long, a line being built (`current`,
/// `cs..ce`, none when empty) always as wide as it is long too (a word
/// joins it only right after the space that follows it), and a long word
/// cut at a byte. Splitting with slices (a character boundary checked at
/// each end of each) and a word iterator cost about 1,700 instructions a
/// line; the lines split afresh (not from the memo) were 1.8% of mx1k's
/// instructions.
fn split_ascii(line: &[u8], base: usize, content_width: usize, lines: &mut Vec<Piece>) {
    let mut push = |start: usize, end: usize| {
        lines.push(Piece {
            start: (base + start) as u32,
            end: (base + end) as u32,
            width: end.saturating_sub(start) as u32,
        });
    };
    let full = content_width.saturating_sub(MIN_FREE_CHARS);
    let (mut cs, mut ce) = (0usize, 0usize);
    // Where the next word starts (None after the last), and a word put back.
    let mut at = Some(0usize);
    let mut back: Option<(usize, usize)> = None;
    loop {
        let (ns, ne) = match back.take() {
            Some(word) => word,
            None => {
                let Some(start) = at else { break };
                let rest = line.get(start..).unwrap_or(&[]);
                match rest.iter().position(|&b| b == b' ') {
                    Some(i) => {
                        at = Some(start + i + 1);
                        (start, start + i)
                    }
                    None => {
                        at = None;
                        (start, line.len())
                    }
                }
            }
        };
        let next_length = ne - ns;
        let empty = cs == ce;
        let current_length = ce - cs;
        let (added_length, remaining_width) = if empty {
            (next_length, content_width)
        } else {
            (
                current_length + 1 + next_length,
                content_width
                    .saturating_sub(current_length)
                    .saturating_sub(1),
            )
        };
        if added_length <= content_width {
            if empty {
                cs = ns;
            }
            ce = ne;
            if ce - cs > full {
                push(cs, ce);
                (cs, ce) = (0, 0);
            }
            continue;
        }
        if !empty && remaining_width <= MIN_FREE_CHARS {
            back = Some((ns, ne));
            push(cs, ce);
            (cs, ce) = (0, 0);
            continue;
        }
        if next_length > content_width {
            let cut = ns + next_length.min(remaining_width);
            if empty && cut == ns {
                // A character wider than the column goes on a line alone.
                let first = (ns + 1).min(ne);
                push(ns, first);
                back = Some((first, ne));
            } else {
                push(if empty { ns } else { cs }, cut);
                back = Some((cut, ne));
            }
            (cs, ce) = (0, 0);
            continue;
        }
        push(cs, ce);
        (cs, ce) = (ns, ne);
        if ce - cs > full {
            push(cs, ce);
            (cs, ce) = (0, 0);
        }
    }
    if cs != ce {
        push(cs, ce);
    }
}

/// comfy-table's `split_long_word`: the longest head of `word` that fits
/// `allowed` columns, whole graphemes only.
fn split_long_word(allowed: usize, word: &str) -> (&str, &str) {
    if word.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return word.split_at(word.len().min(allowed));
    }
    let mut width = 0;
    let mut split = word.len();
    for (index, g) in word.grapheme_indices(true) {
        let w = g.width();
        if width + w > allowed {
            split = index;
            break;
        }
        width += w;
    }
    word.split_at(split)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Lcg;

    /// A table of random cells (English words, `×` and `…`, Chinese with
    /// its hints, newlines, long words, empty cells) as `TextTable` holds
    /// it.
    fn random_table(rng: &mut Lcg, width: u16) -> super::super::TextTable {
        const WORDS: &[&str] = &[
            "a",
            "port",
            "0x0800",
            "= 64",
            "",
            " ",
            "5 × 4",
            "…",
            "00 00 … 00",
            "é",
            "1010 ....",
            "an-extraordinarily-long-word-without-any-space-in-it",
            "\n",
            "a\nb",
            "0123456789abcdef0123456789abcdef",
            "\t",
            "🙂",
        ];
        const CHINESE: &[&str] = &["普通的", "用户数据报（UDP）", "端口；"];
        let columns = 1 + rng.next(5);
        // A third of the tables have Chinese (drawn with their hints left out).
        let chinese = rng.next(3) == 0;
        let cell = |rng: &mut Lcg| {
            let mut cell = String::new();
            // Many empty cells, as the second line of a field's row.
            for _ in 0..rng.next(12).saturating_sub(2) {
                if chinese && rng.next(4) == 0 {
                    cell.push_str(CHINESE[rng.next(CHINESE.len())]);
                } else {
                    cell.push_str(WORDS[rng.next(WORDS.len())]);
                }
                if rng.next(3) > 0 {
                    cell.push(' ');
                }
            }
            cell
        };
        let mut table = super::super::TextTable::new(width);
        if rng.next(3) > 0 {
            table.set_header((0..columns).map(|_| cell(rng)).collect::<Vec<_>>());
        }
        // Some tables have static cells (remembered sentences, their only
        // line's width known): the same texts again and again, and others
        // of the same length.
        let statics = rng.next(3) == 0;
        for _ in 0..1 + rng.next(8) {
            for _ in 0..columns {
                if statics && rng.next(2) == 0 {
                    STATIC_TEXTS.with(|texts| {
                        table.cell_static(texts[rng.next(texts.len())]);
                    });
                } else {
                    table.cell_str(&cell(rng));
                }
            }
            table.end_row();
        }
        table
    }

    thread_local! {
        static STATIC_TEXTS: Vec<&'static str> = super::super::tests::static_texts();
    }

    /// A remembered cell's measure is what the layout measures: the width
    /// of its only line, or the place of the newline between two plain
    /// lines, or nothing.
    #[test]
    fn a_remembered_measure_is_what_the_layout_measures() {
        let mut rng = Lcg(37);
        let mut measured_ones = 0;
        let mut texts: Vec<String> =
            STATIC_TEXTS.with(|t| t.iter().map(|t| t.to_string()).collect());
        texts.extend(sample_lines());
        for _ in 0..300 {
            texts.push(random_table(&mut rng, 40).text);
        }
        for line in [
            "",
            "a",
            "ab cd",
            "1010 ....",
            "Source Port",
            "14 bits 0-3",
            "× 2",
        ] {
            for other in ["", "x", "0-5", "= 64", "a\nb", "字"] {
                texts.push(format!("{line}\n{other}"));
                texts.push(format!("{line}{other}"));
            }
        }
        let mut two = 0;
        for text in &texts {
            let plain_text = text
                .bytes()
                .all(|b| b == b'\n' || (0x20..0x7f).contains(&b));
            for plain in [false, plain_text] {
                let got = measured(text, plain);
                let lines: Vec<&str> = text.split('\n').collect();
                match lines[..] {
                    [line] => {
                        assert_eq!(got as usize, line.width(), "{text:?}");
                        measured_ones += 1;
                    }
                    [first, second] if plain => {
                        assert_eq!(got, TWO_LINES | first.len() as u32, "{text:?}");
                        assert_eq!(second.len(), second.width(), "{text:?}");
                        two += 1;
                    }
                    _ => assert_eq!(got, super::super::UNMEASURED, "{text:?}"),
                }
            }
        }
        assert!(measured_ones > 500 && two > 30, "{measured_ones} {two}");
    }

    /// The table drawn with the shortcuts (the blank-line template, columns
    /// known to fit) or without them.
    fn drawn(
        table: &super::super::TextTable,
        shortcuts: bool,
        scratch: &mut Scratch,
    ) -> Option<Vec<u8>> {
        let drawing = Drawing {
            width: table.width,
            text: &table.text,
            cells: &table.cells,
            header: table.header,
            rows: &table.rows,
            hint: super::super::BREAK,
            strip: table.hinted,
        };
        let mut out = Vec::new();
        // The reference splits every line afresh; the shortcuts use the
        // thread's memo, as a decode does.
        if shortcuts {
            SPLITS.with(|memo| {
                draw_with(
                    scratch,
                    Some(&mut memo.borrow_mut()),
                    &drawing,
                    &mut out,
                    true,
                )
            })
        } else {
            draw_with(scratch, None, &drawing, &mut out, false)
        }
        .then_some(out)
    }

    #[test]
    fn tables_drawn_with_the_shortcuts_are_the_tables_drawn_without_them() {
        let mut rng = Lcg(17);
        let mut plain_tables = 0;
        // The shortcuts' lists kept from table to table, as a decode keeps
        // them (borders kept for widths drawn before, and slots taken
        // over by other widths); the reference's fresh for each.
        let mut kept = Scratch::default();
        for case in 0..4000 {
            let width = [100, 40, 60, 80, 160, 20, 7][case % 7];
            let table = random_table(&mut rng, width);
            let slow = drawn(&table, false, &mut Scratch::default());
            let fast = drawn(&table, true, &mut kept);
            assert!(slow.is_some(), "case {case}");
            assert_eq!(
                fast.as_deref().map(String::from_utf8_lossy),
                slow.as_deref().map(String::from_utf8_lossy),
                "case {case}"
            );
            plain_tables += usize::from(!table.hinted);
        }
        assert!(plain_tables > 2000, "{plain_tables}");
    }

    /// Any number of spaces, then the right edge: what pushing them one
    /// by one wrote.
    #[test]
    fn a_padded_edge_is_its_spaces_then_its_edge() {
        for n in 0..400 {
            for (last, edge) in [(false, "┆ "), (true, "│")] {
                let mut out = b"x".to_vec();
                padded_edge(&mut out, n, last);
                let expected = format!("x{}{edge}", " ".repeat(n));
                assert_eq!(out, expected.as_bytes(), "{n} {last}");
            }
        }
    }

    #[test]
    fn a_word_of_one_ideograph_is_as_wide_as_unicode_width_says() {
        for c in (0x4e00..=0x9fffu32).filter_map(char::from_u32) {
            let word = c.to_string();
            assert_eq!(word_width(&word), word.width(), "{c:?}");
        }
        for word in [
            "", "a", "字字", "（", "，", "…", "🙂", "é", "\u{200b}", "\u{3000}",
        ] {
            assert_eq!(word_width(word), text_width(word), "{word:?}");
        }
    }

    /// Lines as cells hold them: English meanings, Chinese with its break
    /// hints, long words, paths, multi-byte characters.
    fn sample_lines() -> Vec<String> {
        let words = [
            "each",
            "router",
            "subtracts",
            "1",
            "and",
            "drops",
            "the",
            "packet",
            "at",
            "0:",
            "at most 64 more hops",
            "0x0800",
            "an-extraordinarily-long-word-without-spaces",
            "é…",
            "→",
            "/proc/sys/net/ipv4/ip_default_ttl",
            "🙂",
            "",
        ];
        let hinted = [
            "普\u{200b}通\u{200b}的 \u{200b}UDP \u{200b}套\u{200b}接\u{200b}字；",
            "发\u{200b}送\u{200b}方\u{200b}套\u{200b}接\u{200b}字\u{200b}的\u{200b}端\u{200b}口",
            "IANA \u{200b}登\u{200b}记\u{200b}端\u{200b}口\u{200b}范\u{200b}围 \u{200b}1024-49151",
        ];
        let mut lines = Vec::new();
        let mut rng = Lcg(11);
        let mut next = |n: usize| rng.next(n);
        for _ in 0..300 {
            let mut line = String::new();
            for _ in 0..1 + next(14) {
                if next(5) == 0 {
                    line.push_str(hinted[next(hinted.len())]);
                } else {
                    line.push_str(words[next(words.len())]);
                }
                line.push(' ');
            }
            lines.push(line);
        }
        lines
    }

    /// The ASCII split is the general one's on printable ASCII lines split
    /// at spaces: runs of spaces, spaces at either end, words longer than
    /// the column, lines of one character, every width from 0 up.
    #[test]
    fn an_ascii_line_is_split_as_the_general_split_splits_it() {
        const WORDS: &[&str] = &[
            "a",
            "at",
            "the",
            "router",
            "0x0800",
            "= 64",
            "",
            " ",
            "  ",
            "1010 ....",
            "(RFC 1918)",
            "an-extraordinarily-long-word-without-any-space-in-it",
            "0123456789abcdef0123456789abcdef",
            "x",
        ];
        let mut rng = Lcg(29);
        let mut checked = 0;
        for _ in 0..3000 {
            let mut line = String::new();
            for _ in 0..rng.next(16) {
                line.push_str(WORDS[rng.next(WORDS.len())]);
                if rng.next(4) > 0 {
                    line.push(' ');
                }
            }
            // The line inside a table's text, not at its start.
            let text = format!("ab\n{line}\ncd");
            let line = &text[3..3 + line.len()];
            for width in 0..48 {
                let mut general = Vec::new();
                split_line_general(&text, line, width, ' ', true, &mut general).unwrap();
                let mut ascii = Vec::new();
                split_ascii(line.as_bytes(), 3, width, &mut ascii);
                assert!(
                    same(&ascii, &general),
                    "{line:?} at {width}: {ascii:?} {general:?}"
                );
                checked += general.len();
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    fn direct(text: &str, line: (usize, usize), width: usize, d: char, plain: bool) -> Vec<Piece> {
        let mut out = Vec::new();
        split_line(text, &text[line.0..line.1], width, d, plain, &mut out).unwrap();
        out
    }

    fn remembered(
        text: &str,
        line: (usize, usize),
        width: usize,
        d: char,
        plain: bool,
    ) -> Vec<Piece> {
        let mut out = vec![Piece {
            start: 0,
            end: 0,
            width: 0,
        }];
        split_remembered(text, &text[line.0..line.1], width, d, plain, &mut out).unwrap();
        // Appended after what the list held.
        out.remove(0);
        out
    }

    fn same(a: &[Piece], b: &[Piece]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.start, x.end, x.width) == (y.start, y.end, y.width))
    }

    #[test]
    fn a_remembered_split_is_the_split_of_this_line_at_this_width() {
        let lines = sample_lines();
        let mut hits = 0;
        // Each line at several places in a table's text (the pieces are
        // positions in it), several widths and both delimiters, three
        // rounds: the later ones from the memo.
        for round in 0..3 {
            for (i, line) in lines.iter().enumerate() {
                let prefix = "x".repeat((i * 7 + round * 3) % 50);
                let text = format!("{prefix}{line}tail");
                let at = (prefix.len(), prefix.len() + line.len());
                let plain = crate::render::printable_ascii(line);
                for width in [1, 2, 5, 17, 20, 33, 40, 60] {
                    for d in [' ', '\u{200b}'] {
                        for p in [plain, false] {
                            let fresh = direct(&text, at, width, d, p);
                            let memo = remembered(&text, at, width, d, p);
                            assert!(
                                same(&fresh, &memo),
                                "{round} {width} {d:?} {p} {line:?}\n{fresh:?}\n{memo:?}"
                            );
                            hits += usize::from(round > 0);
                        }
                    }
                }
            }
        }
        assert!(hits > 10_000, "{hits}");
    }

    #[test]
    fn lines_that_share_a_slot_or_fill_the_memo_are_still_split_as_they_are() {
        // Two different lines of one length in the same slot: the second
        // must not get the first's pieces.
        let mut by_slot = std::collections::HashMap::new();
        let mut pair = None;
        for n in 0..100_000u32 {
            // Words as long as n's digits (plus one): lines of one length
            // that split differently.
            let mut line: String = n
                .to_string()
                .bytes()
                .map(|d| format!("{} ", "w".repeat(usize::from(d - b'0') + 1)))
                .collect();
            while line.len() < 64 {
                line.push('z');
            }
            let slot = slot_of(&line, 10, ' ', true);
            let split = direct(&line, (0, line.len()), 10, ' ', true);
            if let Some(other) = by_slot.insert(slot, line.clone()) {
                let other_split = direct(&other, (0, other.len()), 10, ' ', true);
                if !same(&split, &other_split) && other.len() == line.len() {
                    pair = Some((other, line));
                    break;
                }
            }
        }
        let (a, b) = pair.expect("two lines in one slot");
        for line in [&a, &b, &a, &b] {
            let at = (0, line.len());
            assert!(same(
                &direct(line, at, 10, ' ', true),
                &remembered(line, at, 10, ' ', true)
            ));
        }
        // More text than the memo keeps: it starts again, still right.
        let long = "lorem ipsum dolor sit amet ".repeat(40);
        for n in 0..(REMEMBERED_TEXT / long.len()) * 2 + 3 {
            let line = format!("{n} {long}");
            let at = (0, line.len());
            for width in [30, 31] {
                assert!(same(
                    &direct(&line, at, width, ' ', true),
                    &remembered(&line, at, width, ' ', true)
                ));
                let kept = SPLITS.with(|memo| memo.borrow().texts.len());
                assert!(kept <= REMEMBERED_TEXT, "{kept}");
            }
        }
    }

    /// The slot is found from four of a line's words: lines that differ
    /// only between them (English, `×`, Chinese) share a slot, and each is
    /// still split as itself, however they take turns in it.
    #[test]
    fn lines_that_differ_only_where_the_hash_does_not_read_are_split_as_they_are() {
        // 64 bytes: the hash reads bytes 0..8, 18..26, 38..46 and 56..64.
        let fill = |middle: &str| {
            format!("start x {middle} and the same words end the line of text, ok!.")
        };
        let middles = [
            "a b c d e",
            "abcdefghi",
            "ab  cd ef",
            "5 × 4 …",
            "a × bbbbb",
            "普通的",
            "端 口；",
        ];
        let lines: Vec<String> = middles
            .iter()
            .map(|m| {
                // Every middle is 10 bytes, so each line is 64 bytes.
                let mut m = m.to_string();
                while m.len() < 10 {
                    m.push('-');
                }
                fill(&m)
            })
            .collect();
        for width in [5, 9, 12, 20] {
            for d in [' ', '\u{200b}'] {
                let slot = slot_of(&lines[0], width, d, false);
                for _round in 0..3 {
                    for line in &lines {
                        assert_eq!(line.len(), 64, "{line:?}");
                        assert_eq!(slot_of(line, width, d, false), slot, "{line:?}");
                        let plain = crate::render::printable_ascii(line);
                        for p in [plain, false] {
                            let at = (0, line.len());
                            let fresh = direct(line, at, width, d, p);
                            let memo = remembered(line, at, width, d, p);
                            assert!(same(&fresh, &memo), "{width} {d:?} {line:?}");
                        }
                    }
                }
            }
        }
    }

    /// The middle-only measure against unicode-width's over whole lines
    /// made of pieces that change what comes before them (emoji
    /// presentation, keycaps, joiners, CR LF, lam-alef) among letters,
    /// digits, `#`, `*`, spaces and controls, in every order.
    #[test]
    fn a_line_is_as_wide_as_unicode_width_measures_it_whole() {
        let pieces = [
            "a",
            "Z",
            " ",
            "1",
            "#",
            "*",
            "9",
            "×",
            "…",
            "\u{fe0f}",
            "\u{fe0e}",
            "\u{20e3}",
            "\u{200d}",
            "🙂",
            "👍\u{1f3fd}",
            "\r",
            "\n",
            "\t",
            "\u{7f}",
            "字",
            "\u{200b}",
            "\u{644}",
            "\u{627}",
            "é",
            "e\u{301}",
            "\u{2764}",
            "\u{a9}",
            "(",
            ":",
        ];
        let mut rng = Lcg(5);
        let mut next = |n: usize| rng.next(n);
        let mut lines: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    lines.push(format!("{a}{b}{c}"));
                    lines.push(format!("ab {a}{b}{c} cd"));
                }
            }
        }
        for _ in 0..20_000 {
            let line: String = (0..1 + next(12))
                .map(|_| pieces[next(pieces.len())])
                .collect();
            lines.push(line);
        }
        let mut mixed = 0;
        for line in &lines {
            assert_eq!(mixed_width(line), line.width(), "{line:?}");
            assert_eq!(text_width(line), line.width(), "{line:?}");
            mixed += usize::from(!crate::render::printable_ascii(line));
        }
        assert!(mixed > 20_000, "{mixed}");
    }

    /// Every line of up to three characters of printable ASCII, `×`, `…`
    /// and characters around them (controls, DEL, `é`, `·`, `—`, `→`,
    /// joiners, variation selectors, keycaps), and longer random ones, is
    /// as wide as unicode-width measures it: English's fast measure
    /// answers for exactly the lines of ASCII, `×` and `…`.
    #[test]
    fn an_english_line_is_as_wide_as_unicode_width_measures_it() {
        let mut alphabet: Vec<String> = (0x20u8..0x7f).map(|b| char::from(b).to_string()).collect();
        for other in [
            "×", "…", "\n", "\r", "\t", "\u{1f}", "\u{7f}", "é", "·", "—", "→", "\u{fe0f}",
            "\u{fe0e}", "\u{200d}", "\u{20e3}", "\u{a0}", "\u{d6}", "\u{d8}", "\u{2025}",
            "\u{2027}", "字", "🙂",
        ] {
            alphabet.push(other.to_string());
        }
        let english = |line: &str| line.chars().all(|c| matches!(c, ' '..='~' | '×' | '…'));
        let check = |line: &str| {
            let fast = english_width(line.as_bytes());
            if english(line) {
                assert_eq!(fast, Some(line.width()), "{line:?}");
            } else {
                assert_eq!(fast, None, "{line:?}");
            }
            assert_eq!(text_width(line), line.width(), "{line:?}");
        };
        for a in &alphabet {
            for b in &alphabet {
                check(&format!("{a}{b}"));
                for c in ["×", "…", "1", "#", " ", "\u{fe0f}", "é"] {
                    check(&format!("{a}{b}{c}"));
                    check(&format!("{c}{a}{b}"));
                }
            }
        }
        let mut rng = Lcg(29);
        let mut fast = 0;
        for _ in 0..50_000 {
            let mut line = String::new();
            for _ in 0..rng.next(40) {
                // Mostly printable ASCII, a few of the rest.
                let i = if rng.next(8) == 0 {
                    95 + rng.next(alphabet.len() - 95)
                } else {
                    rng.next(95)
                };
                line.push_str(&alphabet[i]);
            }
            check(&line);
            fast += usize::from(english_width(line.as_bytes()).is_some());
        }
        assert!(fast > 5_000, "{fast}");
    }

    /// Every position of a newline (and none) in texts of every length up
    /// to 40, among bytes next to it in value and multi-byte characters.
    #[test]
    fn a_newline_is_found_where_a_byte_at_a_time_search_finds_it() {
        let fillers: [&[u8]; 6] = [
            b"a",
            b"\x0b",
            b"\t",
            "\u{200b}".as_bytes(),
            "×".as_bytes(),
            "端".as_bytes(),
        ];
        let mut checked = 0;
        for len in 0..40 {
            for filler in fillers {
                let base: Vec<u8> = filler.iter().copied().cycle().take(len).collect();
                let mut texts = vec![base.clone()];
                for at in 0..len {
                    let mut one = base.clone();
                    one[at] = b'\n';
                    texts.push(one.clone());
                    if at + 3 < len {
                        one[at + 3] = b'\n';
                        texts.push(one);
                    }
                }
                for text in texts {
                    let expected = text.iter().position(|&b| b == b'\n');
                    assert_eq!(newline_in(&text), expected, "{text:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 3000, "{checked}");
    }

    #[test]
    fn a_character_is_found_where_str_find_finds_it() {
        let texts = [
            "",
            "\u{200b}",
            "普\u{200b}通\u{200b}的 \u{200b}UDP",
            "无提示的中文：字节‹›",
            "a\u{200b}",
            "\u{2026}\u{200b}\u{2014}",
            "ab\u{200a}\u{200b}",
        ];
        for text in texts {
            for c in ['\u{200b}', ' ', '字', 'a'] {
                assert_eq!(find_char(text, c), text.find(c), "{text:?} {c:?}");
            }
        }
    }
}
