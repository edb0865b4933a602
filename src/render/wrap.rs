//! `--width` for everything, not only tables: a writer that passes each
//! line through when it fits and otherwise wraps it at spaces (Chinese,
//! which has no spaces, anywhere), continuing under the line's own indent
//! plus two. Tables already fit; drawings whose columns mean something (RFC
//! header diagrams, the boxes drawn to scale) are left whole, since cutting
//! them would draw something false.

use std::cell::{Cell, RefCell};
use std::io::{self, Write};

use super::display_width;

/// Wraps the lines written through it at `width` terminal columns.
pub struct Wrap<'a, W: Write> {
    inner: &'a mut W,
    width: usize,
    line: Vec<u8>,
}

impl<'a, W: Write> Wrap<'a, W> {
    pub fn new(inner: &'a mut W, width: u16) -> Self {
        Wrap {
            inner,
            width: usize::from(width).max(20),
            line: Vec::new(),
        }
    }

    fn emit_line(&mut self, newline: bool) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        self.emit(&line, newline)?;
        // The buffer is kept for the next line (no allocation per line).
        self.line = line;
        self.line.clear();
        Ok(())
    }

    /// Whether `line` is written as it is, known without looking at its
    /// characters. No character takes more columns than its UTF-8 bytes,
    /// so a line of at most `width` bytes fits as it is: the common case
    /// (full detail is most of its time here otherwise); a table's line
    /// is never cut.
    fn passes(&self, line: &[u8]) -> bool {
        line.len() <= self.width || starts_like_table(line)
    }

    /// Writes one line (without its newline), wrapped when it does not fit.
    fn emit(&mut self, line: &[u8], newline: bool) -> io::Result<()> {
        if self.passes(line) {
            self.inner.write_all(line)?;
        } else {
            match std::str::from_utf8(line) {
                Ok(text) if fits_or_whole(text, self.width) => self.inner.write_all(line)?,
                Ok(text) => {
                    let width = self.width;
                    let inner = &mut *self.inner;
                    with_wrapped(text, width, |wrapped| inner.write_all(wrapped.as_bytes()))?;
                }
                Err(_) => self.inner.write_all(line)?,
            }
        }
        if newline {
            self.inner.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl Wrap<'_, Vec<u8>> {
    /// The buffer underneath, for whole lines (each ending in a newline)
    /// of at most `longest` bytes to be appended to directly: the lines
    /// `write_passing_lines` would hand on unread, without being drawn
    /// elsewhere and copied (the hex dump: a copy of most of each frame's
    /// output). `None` when part of a line is pending or such lines would
    /// be wrapped.
    pub fn passing_buffer(&mut self, longest: usize) -> Option<&mut Vec<u8>> {
        (self.line.is_empty() && longest <= self.width).then_some(&mut *self.inner)
    }

    /// `text`, whole lines each ending in a newline, written as
    /// `write_all` writes them: straight onto the buffer underneath when
    /// all of it is no longer than the width (then no line of it is, and
    /// each passes as it is), not looked through for its lines. A frame's
    /// headlines, checks and notes are such lines; through `write_all`
    /// each cost a measured two hundred instructions.
    pub fn write_whole_lines(&mut self, text: &[u8]) -> io::Result<()> {
        if let Some((b'\n', line)) = text.split_last() {
            if let Some(buffer) = self.passing_buffer(line.len()) {
                buffer.extend_from_slice(text);
                return Ok(());
            }
        }
        self.write_all(text)
    }

    /// `line` and a newline, as `write_all` writes them one after the
    /// other (see [`Wrap::write_whole_lines`]).
    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        if let Some(buffer) = self.passing_buffer(line.len()) {
            buffer.extend_from_slice(line);
            buffer.push(b'\n');
            return Ok(());
        }
        self.write_all(line)?;
        self.write_all(b"\n")
    }

    /// The width lines are wrapped at: `wrap_bytes` at it wraps as this
    /// does.
    pub fn width(&self) -> u16 {
        u16::try_from(self.width).unwrap_or(u16::MAX)
    }
}

impl<W: Write> Write for Wrap<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Every byte of full detail passes here: newlines are found with
        // memchr (several bytes at a time), except in the short pieces
        // `write!` hands over one by one, where a plain loop is done
        // before memchr has started.
        if self.line.is_empty() && claimed(buf, self.width) {
            // Whole lines that all pass as they are, said so by the writer
            // that drew them (`write_passing_lines`): handed on unread.
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        if buf.len() <= 32 {
            let newlines = buf
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i);
            self.write_lines(buf, newlines)
        } else {
            self.write_lines(buf, memchr::memchr_iter(b'\n', buf))
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Wrap<'_, W> {
    /// `buf`, whose newlines are at `newlines`, written line by line.
    fn write_lines(
        &mut self,
        buf: &[u8],
        newlines: impl Iterator<Item = usize>,
    ) -> io::Result<usize> {
        // Whole lines that pass as they are (most: table rows, the hex
        // dump) are handed on together, `buf[passed..start]`, in one write.
        let mut start = 0;
        let mut passed = 0;
        for end in newlines {
            let text = &buf[start..end];
            if self.line.is_empty() {
                if self.passes(text) {
                    start = end + 1;
                    continue;
                }
                self.inner.write_all(&buf[passed..start])?;
                // A whole line with nothing before it: straight from `buf`.
                self.emit(text, true)?;
            } else {
                self.line.extend_from_slice(text);
                self.emit_line(true)?;
            }
            start = end + 1;
            passed = start;
        }
        self.inner.write_all(&buf[passed..start])?;
        self.line.extend_from_slice(&buf[start..]);
        Ok(buf.len())
    }
}

impl<W: Write> Drop for Wrap<'_, W> {
    fn drop(&mut self) {
        // A last line without a newline still goes out.
        if !self.line.is_empty() {
            let _ = self.emit_line(false);
        }
    }
}

/// A claim about one buffer about to be written: where it is, how long,
/// and the longest of its lines in bytes (`None`: every line is a table's,
/// which is never cut).
type Claim = (usize, usize, Option<usize>);

thread_local! {
    static CLAIM: Cell<Claim> = const { Cell::new((0, 0, None)) };
}

/// Writes `text` to `out`: whole lines, each ending in a newline, that all
/// pass a [`Wrap`] as they are, either because every one is a table's line
/// (`longest` is `None`) or because none is longer than `longest` bytes.
/// A `Wrap` that receives exactly this buffer hands it on without looking
/// for its lines (a measured tenth of full detail); any other writer, or a
/// `Wrap` narrower than `longest`, writes it as usual.
pub fn write_passing_lines(
    out: &mut impl Write,
    text: &[u8],
    longest: Option<usize>,
) -> io::Result<()> {
    CLAIM.with(|claim| claim.set((text.as_ptr() as usize, text.len(), longest)));
    let result = out.write_all(text);
    CLAIM.with(|claim| claim.set((0, 0, None)));
    result
}

/// Whether `buf` is the buffer claimed by `write_passing_lines` and its
/// lines pass at `width`.
fn claimed(buf: &[u8], width: usize) -> bool {
    if buf.last() != Some(&b'\n') {
        return false;
    }
    let (at, len, longest) = CLAIM.with(Cell::get);
    at == buf.as_ptr() as usize && len == buf.len() && longest.is_none_or(|l| l <= width)
}

/// How many wrapped lines each thread remembers.
const REMEMBERED: usize = 16;

thread_local! {
    /// Lines wrapped lately, with their width and how they came out, the
    /// oldest replaced first: the same long line comes back frame after
    /// frame (the hex dump's legend), and wrapping it again cost more than
    /// drawing the dump.
    static WRAPPED: RefCell<(usize, Vec<Wrapped>)> = const { RefCell::new((0, Vec::new())) };
}

/// A line wrapped at a width (width, line, how it came out).
type Wrapped = (usize, String, String);

/// `f` called with [`wrap_line`]`(text, width)`, remembered from an
/// earlier call with the same line and width when there was one.
fn with_wrapped<T>(text: &str, width: usize, f: impl FnOnce(&str) -> T) -> T {
    WRAPPED.with(|cell| {
        let Ok(mut remembered) = cell.try_borrow_mut() else {
            return f(&wrap_line(text, width));
        };
        let (next, entries) = &mut *remembered;
        if let Some((_, _, wrapped)) = entries
            .iter()
            .find(|(w, line, _)| *w == width && line == text)
        {
            return f(wrapped);
        }
        let wrapped = wrap_line(text, width);
        let result = f(&wrapped);
        let entry = (width, text.to_string(), wrapped);
        if entries.len() < REMEMBERED {
            entries.push(entry);
        } else {
            entries[*next % REMEMBERED] = entry;
        }
        *next = (*next + 1) % REMEMBERED;
        result
    })
}

/// `bytes` (whole lines of output) with every line wrapped at `width`.
pub fn wrap_bytes(bytes: &[u8], width: u16) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    {
        let mut wrap = Wrap::new(&mut out, width);
        // Writing into memory cannot fail.
        let _ = wrap.write_all(bytes);
    }
    out
}

/// Columns `text` takes, not counting colour escape sequences.
fn visible_width(text: &str) -> usize {
    if text.contains('\u{1b}') {
        display_width(&strip_escapes(text))
    } else {
        display_width(text)
    }
}

/// What `wrap_line` leaves as it is, decided without building anything.
fn fits_or_whole(text: &str, width: usize) -> bool {
    is_table_line(text) || visible_width(text) <= width || keep_whole(text)
}

/// `is_table_line` on bytes, before they are checked to be UTF-8 (a line
/// that is not would be written as it is too).
fn starts_like_table(line: &[u8]) -> bool {
    let start = line.iter().position(|b| *b != b' ').unwrap_or(line.len());
    TABLE_STARTS
        .iter()
        .any(|border| line[start..].starts_with(border.as_bytes()))
}

/// The tables' border characters that begin a row or a border line: a
/// line that starts with one is a table's, and `keep_whole` keeps any line
/// holding one.
const TABLE_STARTS: [&str; 6] = ["│", "┆", "┌", "└", "╞", "├"];

/// A line that starts (after its indent) with one of the table's border
/// characters, which `keep_whole` keeps: found from its first bytes, before
/// any of the line's characters are measured (tables are most of the
/// lines of full detail that are longer in bytes than in columns).
fn is_table_line(text: &str) -> bool {
    starts_like_table(text.as_bytes())
}

fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ parameters final-letter
            for e in chars.by_ref() {
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Lines that must stay whole: table rows and borders (which fit by
/// construction), RFC diagrams (`+-+-+`, `|  field  |`, the bit ruler) and
/// the boxes drawn to scale (`[Eth 14][IPv4 20]`).
fn keep_whole(text: &str) -> bool {
    let plain: std::borrow::Cow<str> = if text.contains('\u{1b}') {
        strip_escapes(text).into()
    } else {
        text.into()
    };
    let trimmed = plain.trim();
    trimmed.starts_with('+')
        || trimmed.starts_with('|')
        || trimmed.starts_with("0 ")
        || trimmed.starts_with("0   ")
        || TABLE_STARTS.iter().any(|border| plain.contains(border))
        || (trimmed.ends_with(']') && trimmed.contains("]["))
        || (trimmed.ends_with(']') && plain.contains(" B ") && plain.contains('['))
}

/// `text` (one line, no newline) cut into lines of at most `width`
/// columns, joined with newlines.
pub fn wrap_line(text: &str, width: usize) -> String {
    if fits_or_whole(text, width) {
        return text.to_string();
    }
    let lead = text.len() - text.trim_start_matches(' ').len();
    let indent = " ".repeat((lead + 2).min(width / 2));
    if let Some(packed) = pack_parts(text, lead, &indent, width) {
        return packed;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = " ".repeat(lead);
    let mut current_width = lead;
    let mut at_start = true;
    for word in text[lead..].split(' ') {
        let word_width = visible_width(word);
        let space = usize::from(!at_start);
        if !at_start && current_width + space + word_width > width {
            lines.push(std::mem::replace(&mut current, indent.clone()));
            current_width = indent.len();
            at_start = true;
        }
        if at_start && word.is_empty() {
            // Extra spaces at the start of a continuation line.
            continue;
        }
        if !at_start {
            current.push(' ');
            current_width += 1;
        }
        if current_width + word_width <= width {
            current.push_str(word);
            current_width += word_width;
        } else {
            // Only at the start of a line: a word longer than a line (or
            // Chinese, which has no spaces) is cut anywhere.
            let room = width.saturating_sub(current_width).max(1);
            for (k, piece) in split_to_fit(word, room, width - indent.len())
                .into_iter()
                .enumerate()
            {
                if k > 0 {
                    lines.push(std::mem::replace(&mut current, indent.clone()));
                    current_width = indent.len();
                }
                current_width += visible_width(&piece);
                current.push_str(&piece);
            }
        }
        at_start = false;
    }
    lines.push(current);
    lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A list whose parts are set apart by two spaces (the hex dump's legend:
/// `L = Data link (…)  N = Network (IPv4)  …`) breaks between parts, so no
/// part is cut in two; None when it has no such parts or one is too long.
fn pack_parts(text: &str, lead: usize, indent: &str, width: usize) -> Option<String> {
    let parts: Vec<&str> = text[lead..]
        .split("  ")
        .filter(|p| !p.trim().is_empty())
        .collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| indent.len() + visible_width(p) > width)
    {
        return None;
    }
    let mut lines = Vec::new();
    let mut current = format!("{}{}", &text[..lead], parts[0]);
    for part in &parts[1..] {
        if visible_width(&current) + 2 + visible_width(part) > width {
            lines.push(std::mem::replace(&mut current, format!("{indent}{part}")));
        } else {
            current.push_str("  ");
            current.push_str(part);
        }
    }
    lines.push(current);
    Some(lines.join("\n"))
}

/// `word` in pieces: the first at most `first` columns wide, the others at
/// most `rest`; escape sequences stay with the text after them.
fn split_to_fit(word: &str, first: usize, rest: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut piece_width = 0;
    let mut limit = first.max(1);
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            piece.push(c);
            for e in chars.by_ref() {
                piece.push(e);
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if piece_width + w > limit && piece_width > 0 {
            pieces.push(std::mem::take(&mut piece));
            piece_width = 0;
            limit = rest.max(1);
        }
        piece.push(c);
        piece_width += w;
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(text: &str) -> usize {
        text.lines().map(visible_width).max().unwrap_or(0)
    }

    #[test]
    fn a_fitting_line_is_untouched() {
        assert_eq!(wrap_line("note: short", 40), "note: short");
    }

    #[test]
    fn prose_wraps_at_spaces_under_its_indent() {
        let text = "  note: loopback (lo) never puts bits on a wire and adds no padding or FCS";
        let wrapped = wrap_line(text, 40);
        assert_eq!(
            wrapped,
            "  note: loopback (lo) never puts bits on\n    a wire and adds no padding or FCS"
        );
    }

    #[test]
    fn chinese_and_long_words_are_cut_to_fit() {
        let text = "注：环回接口（lo）从不把比特放到线路上，也不加填充或 FCS：这里显示的帧就是内核交给抓包的那些字节";
        let wrapped = wrap_line(text, 40);
        assert!(widest(&wrapped) <= 40, "{wrapped}");
        assert_eq!(wrapped.replace(['\n', ' '], ""), text.replace(' ', ""));
        let long = format!("x {}", "y".repeat(100));
        assert!(widest(&wrap_line(&long, 40)) <= 40);
    }

    #[test]
    fn a_legend_breaks_between_its_parts() {
        let legend = "legend: L = Data link (Ethernet II header, padding, FCS)  N = Network (IPv4)  T = Transport (UDP)  A = Application (application data)";
        assert_eq!(
            wrap_line(legend, 100),
            "legend: L = Data link (Ethernet II header, padding, FCS)  N = Network (IPv4)  T = Transport (UDP)\n  A = Application (application data)"
        );
    }

    #[test]
    fn drawings_stay_whole() {
        let rfc = "+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+";
        assert_eq!(wrap_line(rfc, 40), rfc);
        let boxes =
            "Data link   frame      64 B  [  Eth 14   ][    IPv4 20    ][ UDP 8  ][ data 7 ]";
        assert_eq!(wrap_line(boxes, 40), boxes);
    }

    #[test]
    fn the_writer_wraps_each_line() {
        let mut out = Vec::new();
        {
            let mut w = Wrap::new(&mut out, 20);
            write!(
                w,
                "one two three four five six\nshort\nlast words here and more"
            )
            .unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "one two three four\n  five six\nshort\nlast words here and\n  more"
        );
    }

    #[test]
    fn a_remembered_line_comes_out_as_wrapping_it_again_would() {
        let legend = "legend: L = Data link (Ethernet II)  N = Network (IPv4)  T = Transport (TCP)  A = Application (application data)";
        // More lines than are remembered, each asked for twice, at two
        // widths: every answer is what wrapping it afresh gives.
        for round in 0..2 {
            for n in 0..(REMEMBERED + 3) {
                let line = format!("{legend} {n}");
                for width in [40, 60] {
                    let got = with_wrapped(&line, width, str::to_string);
                    assert_eq!(got, wrap_line(&line, width), "round {round}, {n}, {width}");
                }
            }
        }
        assert_ne!(
            with_wrapped(legend, 40, str::to_string),
            with_wrapped(legend, 60, str::to_string)
        );
    }

    #[test]
    fn claimed_lines_come_out_as_unclaimed_ones_do() {
        let long = b"one two three four five six seven eight nine ten eleven\n";
        let table = "│ a table row wider than twenty columns, never cut │\n".as_bytes();
        for width in [20u16, 40, 80] {
            // A true claim changes nothing, whether the lines fit the
            // width (80) or not (20, 40: then they are wrapped as usual).
            for (text, longest) in [(&long[..], Some(long.len() - 1)), (table, None)] {
                let plain = through(width, &[text]);
                let mut claimed = Vec::new();
                {
                    let mut w = Wrap::new(&mut claimed, width);
                    write_passing_lines(&mut w, text, longest).unwrap();
                }
                assert_eq!(claimed, plain, "width {width}");
            }
            // After a piece of a line, a claimed buffer is not whole lines
            // of its own: it is read as usual.
            let mut out = Vec::new();
            {
                let mut w = Wrap::new(&mut out, width);
                w.write_all(b"start of a line that goes on, ").unwrap();
                write_passing_lines(&mut w, long, Some(long.len() - 1)).unwrap();
            }
            let mut whole = b"start of a line that goes on, ".to_vec();
            whole.extend_from_slice(long);
            assert_eq!(out, through(width, &[&whole]), "width {width}");
        }
        // The claim is about one buffer: the next write is read as usual.
        let mut out = Vec::new();
        {
            let mut w = Wrap::new(&mut out, 20);
            write_passing_lines(&mut w, table, None).unwrap();
            w.write_all(long).unwrap();
        }
        let mut both = table.to_vec();
        both.extend_from_slice(long);
        assert_eq!(out, through(20, &[&both]));
    }

    fn through(width: u16, writes: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = Wrap::new(&mut out, width);
            for bytes in writes {
                w.write_all(bytes).unwrap();
            }
        }
        out
    }

    #[test]
    fn whole_lines_written_straight_come_out_as_write_all_writes_them() {
        let texts = [
            "",
            "\n",
            "short\n",
            "one two three four five six seven\n",
            "x x x x x x x x x x x x x x x x x x x\n",
            "x x x x x x x x x x x x x x x x x x x x\n",
            "x x x x x x x x x x x x x x x x x x x x x\n",
            "two\nlines that together are longer than twenty\n",
            "no newline at the end, and long enough to wrap",
            "5 × 4 = 20 bytes …\n",
            "5 × 4 = 20 bytes … and then some more words\n",
            "环回接口从不把比特放到线路上\n",
            "环回接口从不把比特放到线路上，也不加填充或 FCS：这里显示的帧就是\n",
            "│ a table row wider than twenty columns, never cut │\n",
        ];
        let befores = [
            "",
            "whole line before\n",
            "part of a line ",
            "a part long enough to wrap ",
        ];
        let mut straight = 0;
        for width in [20u16, 40, 100] {
            for before in befores {
                for text in texts {
                    let with = |f: &dyn Fn(&mut Wrap<'_, Vec<u8>>)| {
                        let mut out = b"kept".to_vec();
                        {
                            let mut w = Wrap::new(&mut out, width);
                            w.write_all(before.as_bytes()).unwrap();
                            f(&mut w);
                            w.write_all(b"after\n").unwrap();
                        }
                        String::from_utf8(out).unwrap()
                    };
                    let expected = with(&|w| w.write_all(text.as_bytes()).unwrap());
                    let whole = with(&|w| w.write_whole_lines(text.as_bytes()).unwrap());
                    assert_eq!(whole, expected, "{width} {before:?} {text:?}");
                    // `write_line` is given the line without its newline.
                    let line = text.strip_suffix('\n').unwrap_or(text);
                    let expected = with(&|w| {
                        w.write_all(line.as_bytes()).unwrap();
                        w.write_all(b"\n").unwrap();
                    });
                    let one = with(&|w| w.write_line(line.as_bytes()).unwrap());
                    assert_eq!(one, expected, "{width} {before:?} {line:?}");
                    let mut probe = Vec::new();
                    let mut w = Wrap::new(&mut probe, width);
                    w.write_all(before.as_bytes()).unwrap();
                    straight += usize::from(w.passing_buffer(line.len()).is_some());
                }
            }
        }
        assert!(straight > 40, "{straight}");
    }

    #[test]
    fn what_fits_or_is_a_table_passes_untouched_however_it_is_written() {
        // Exactly the width, in bytes and columns.
        let exact = format!("{}\n", "x".repeat(20));
        assert_eq!(through(20, &[exact.as_bytes()]), exact.as_bytes());
        // A table row: longer in bytes than in columns, and wider than the
        // width in columns too, is still never cut.
        let row = "│ 字段 ┆ 这一行比二十列宽得多，但表格行从不折行 │\n";
        assert_eq!(through(20, &[row.as_bytes()]), row.as_bytes());
        // Bytes that are not UTF-8 are written as they came.
        let raw: &[u8] = b"\xff\xfe not text, and longer than twenty columns\n";
        assert_eq!(through(20, &[raw]), raw);
        // A line written in pieces is wrapped as if written whole.
        let whole = through(20, &[b"one two three four five six\nshort\n"]);
        let pieces = through(20, &[b"one two thr", b"ee four five six\nsho", b"rt\n"]);
        assert_eq!(whole, pieces);
        assert_eq!(whole, b"one two three four\n  five six\nshort\n");
    }
}
