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

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// comfy-table's `MIN_FREE_CHARS`: a line with this little room left is full.
const MIN_FREE_CHARS: usize = 2;

/// Draws the table into `out` (no newline after the bottom border), or
/// returns false and leaves `out` to be discarded when comfy-table must.
/// `is_wide` says which cells break at `hint` instead of at spaces; with
/// `strip` every `hint` is left out of the drawn text.
pub(super) fn draw(
    width: u16,
    header: Option<&[String]>,
    rows: &[Vec<String>],
    is_wide: fn(&str) -> bool,
    hint: char,
    strip: bool,
    out: &mut String,
) -> bool {
    let columns = match (header, rows.first()) {
        (Some(h), _) => h.len(),
        (None, Some(r)) => r.len(),
        (None, None) => 0,
    };
    if columns == 0 || rows.iter().any(|r| r.len() != columns) {
        return false;
    }
    let all_rows = || header.into_iter().chain(rows.iter().map(Vec::as_slice));
    // Column::max_content_widths: the widest line of any cell, at least 1.
    // Each cell's delimiter is looked up once here, row by row, and each of
    // its lines measured once (the passes below reuse both).
    let mut max_widths = vec![0u16; columns];
    let mut delimiters: Vec<char> = Vec::with_capacity(columns * (rows.len() + 1));
    let mut lines: Vec<(&str, usize)> = Vec::with_capacity(2 * columns * (rows.len() + 1));
    // Per cell (row by row), where its lines are in `lines`.
    let mut cell_lines: Vec<(usize, usize)> = Vec::with_capacity(columns * (rows.len() + 1));
    for row in all_rows() {
        for (c, cell) in row.iter().enumerate() {
            delimiters.push(if is_wide(cell) { hint } else { ' ' });
            let start = lines.len();
            lines.extend(cell.split('\n').map(|line| (line, text_width(line))));
            cell_lines.push((start, lines.len()));
            let widest = lines[start..].iter().map(|l| l.1).max().unwrap_or(0);
            let widest = u16::try_from(widest).unwrap_or(u16::MAX).max(1);
            max_widths[c] = max_widths[c].max(widest);
        }
    }
    let row_count = cell_lines.len() / columns;

    let mut parts: Vec<&str> = Vec::new();
    let mut stack: Vec<&str> = Vec::new();
    let Some(widths) = arrange(width, &max_widths, |c, average| {
        // longest_line_after_split
        let content_width = usize::from(u16::try_from(average).unwrap_or(u16::MAX).max(1));
        let mut longest = 0;
        for r in 0..row_count {
            let (start, end) = cell_lines[r * columns + c];
            let delimiter = delimiters[r * columns + c];
            for &(line, w) in &lines[start..end] {
                if w > average {
                    parts.clear();
                    split_line(line, content_width, delimiter, &mut parts, &mut stack)?;
                    for part in &parts {
                        longest = longest.max(text_width(part));
                    }
                } else {
                    longest = longest.max(w);
                }
            }
        }
        Some(longest)
    }) else {
        return false;
    };

    out.reserve(rows.len() * (usize::from(width) + 4) * 3);
    border(out, &widths, '┌', '─', '┬', '┐');
    // Per column, the cell's lines after splitting: start and end in `parts`
    // (and in `part_widths`, each line's width, measured once).
    let mut spans: Vec<(usize, usize)> = vec![(0, 0); columns];
    let mut part_widths: Vec<usize> = Vec::new();
    for index in 0..row_count {
        parts.clear();
        part_widths.clear();
        for c in 0..columns {
            let start = parts.len();
            let content_width = usize::from(widths[c]);
            let delimiter = delimiters[index * columns + c];
            let (first, end) = cell_lines[index * columns + c];
            for &(line, w) in &lines[first..end] {
                if w > content_width {
                    let before = parts.len();
                    if split_line(line, content_width, delimiter, &mut parts, &mut stack).is_none()
                    {
                        return false;
                    }
                    part_widths.extend(parts[before..].iter().map(|p| text_width(p)));
                } else {
                    parts.push(line);
                    part_widths.push(w);
                }
            }
            spans[c] = (start, parts.len());
        }
        let height = spans.iter().map(|(s, e)| e - s).max().unwrap_or(0);
        for i in 0..height {
            out.push('\n');
            out.push('│');
            for (c, &(start, end)) in spans.iter().enumerate() {
                if c > 0 {
                    out.push('┆');
                }
                let content_width = usize::from(widths[c]);
                if start + i < end {
                    let line = parts[start + i];
                    out.push(' ');
                    if strip && !line.is_ascii() {
                        out.extend(line.chars().filter(|&ch| ch != hint));
                    } else {
                        out.push_str(line);
                    }
                    spaces(
                        out,
                        content_width.saturating_sub(part_widths[start + i]) + 1,
                    );
                } else {
                    spaces(out, usize::from(widths[c].saturating_add(2)));
                }
            }
            out.push('│');
        }
        if index == 0 && header.is_some() {
            out.push('\n');
            border(out, &widths, '╞', '═', '╪', '╡');
        }
    }
    out.push('\n');
    border(out, &widths, '└', '─', '┴', '┘');
    true
}

/// Display width as comfy-table measures it (unicode-width), with printable
/// ASCII, where every character is one column, counted without the lookup.
fn text_width(text: &str) -> usize {
    if super::super::printable_ascii(text) {
        text.len()
    } else {
        text.width()
    }
}

/// `n` copies of `fill` (one character), pushed a slice of `run` at a time;
/// `run` holds only that character.
fn repeat(out: &mut String, run: &str, fill: char, mut n: usize) {
    let size = fill.len_utf8();
    let per_run = run.len() / size;
    while n > 0 {
        let take = n.min(per_run);
        out.push_str(&run[..take * size]);
        n -= take;
    }
}

const SPACES: &str = "                                                                ";

fn spaces(out: &mut String, n: usize) {
    repeat(out, SPACES, ' ', n);
}

/// One horizontal line: ends, fill and junctions, each column padded by two.
fn border(out: &mut String, widths: &[u16], left: char, fill: char, junction: char, right: char) {
    let run = match fill {
        '─' => "────────────────────────────────",
        '═' => "════════════════════════════════",
        _ => return border_slow(out, widths, left, fill, junction, right),
    };
    out.push(left);
    for (c, w) in widths.iter().enumerate() {
        if c > 0 {
            out.push(junction);
        }
        repeat(out, run, fill, usize::from(w.saturating_add(2)));
    }
    out.push(right);
}

fn border_slow(
    out: &mut String,
    widths: &[u16],
    left: char,
    fill: char,
    junction: char,
    right: char,
) {
    out.push(left);
    for (c, w) in widths.iter().enumerate() {
        if c > 0 {
            out.push(junction);
        }
        out.extend(std::iter::repeat_n(fill, usize::from(w.saturating_add(2))));
    }
    out.push(right);
}

/// comfy-table's dynamic arrangement for columns without constraints and
/// with padding (1, 1): each column's content width. `after_split(column,
/// width)` is the longest line of that column once split at `width`.
fn arrange(
    table_width: u16,
    max_widths: &[u16],
    mut after_split: impl FnMut(usize, usize) -> Option<usize>,
) -> Option<Vec<u16>> {
    let columns = max_widths.len();
    // Borders: left, right and one between each pair; then the padding.
    let mut remaining_width = usize::from(table_width).saturating_sub(columns + 1);
    for _ in 0..columns {
        remaining_width = remaining_width.saturating_sub(2);
    }
    let mut decided: Vec<Option<u16>> = vec![None; columns];
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
                    &mut decided,
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
                        &mut decided,
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
    decided.into_iter().collect()
}

/// Where `part` starts in `line` (both slices of the same text).
fn offset(line: &str, part: &str) -> usize {
    part.as_ptr() as usize - line.as_ptr() as usize
}

/// comfy-table's `split_line`: words (text between delimiters) added to a
/// line until it is full, a word longer than a line cut. Every line it
/// builds is a contiguous piece of `line`, so the pieces are pushed onto
/// `lines` as slices. None where a word would need splitting in a way this
/// port does not follow.
fn split_line<'a>(
    line: &'a str,
    content_width: usize,
    delimiter: char,
    lines: &mut Vec<&'a str>,
    stack: &mut Vec<&'a str>,
) -> Option<()> {
    stack.clear();
    stack.extend(line.split(delimiter));
    stack.reverse();
    let delimiter_width = delimiter.encode_utf8(&mut [0; 4]).width();
    // Printable ASCII (most lines): each word's width is its length.
    let ascii = super::super::printable_ascii(line);

    let mut current: &'a str = &line[..0];
    let mut current_length = 0usize;
    // `current` extended by `next` (and the delimiter between them).
    let join = |current: &'a str, next: &'a str| -> &'a str {
        if current.is_empty() {
            next
        } else {
            &line[offset(line, current)..offset(line, next) + next.len()]
        }
    };
    while let Some(next) = stack.pop() {
        let next_length = if ascii { next.len() } else { text_width(next) };
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
            current = join(current, next);
            current_length += next_length;
            if current_length > content_width.saturating_sub(MIN_FREE_CHARS) {
                lines.push(current);
                current = &line[..0];
                current_length = 0;
            }
            continue;
        }

        if !current.is_empty() && remaining_width <= MIN_FREE_CHARS {
            stack.push(next);
            lines.push(current);
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
                stack.push(&tail[first..]);
            } else {
                current = join(current, head);
                stack.push(tail);
            }
            lines.push(current);
            current = &line[..0];
            current_length = 0;
            continue;
        }

        lines.push(current);
        current = next;
        current_length = next_length;
        if current_length > content_width.saturating_sub(MIN_FREE_CHARS) {
            lines.push(current);
            current = &line[..0];
            current_length = 0;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    Some(())
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
