//! Tables as comfy-table draws them, with Chinese wrapped where Chinese may
//! break. comfy-table wraps only at a cell's delimiter (a space by default),
//! so a Chinese sentence, which has no spaces, is one long "word" that gets
//! cut at the column edge or pushed whole to the next line. Cells with
//! Chinese get a zero-width space at every place a line may break (between
//! ideographs, after a space, never before closing punctuation) and use it
//! as their delimiter; the drawn table has those zero-width spaces removed.
//! A path inside Chinese (/proc/sys/net/ipv4/ip_local_port_range) may
//! break after one of its slashes, so comfy-table never has to cut it
//! mid-name to fit a narrow column.
//!
//! The drawing itself is done by `table_fast.rs`, which lays out these
//! tables byte for byte as comfy-table would, without its per-cell
//! allocations (3.5x faster for `send`'s tables, and what full-detail
//! `decode` spent most of its time on); comfy-table stays as the reference
//! and as the fallback for table shapes the fast writer does not handle.

use std::cell::RefCell;
use std::fmt;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use comfy_table::{presets, Cell, ContentArrangement, Table};

#[path = "table_fast.rs"]
mod fast;

const BREAK: char = '\u{200b}';

/// When set, every table is drawn by comfy-table itself (the reference the
/// fast writer is tested against). Only tests and benchmarks turn it on:
/// `STACKVIZ_SLOW_REFERENCE=1` (read in `main`, for
/// tests/speed_same_output.rs) and benches/pipeline.rs.
static REFERENCE: AtomicBool = AtomicBool::new(false);

/// Draw every table with comfy-table (the slow reference) from now on.
pub fn use_reference(on: bool) {
    REFERENCE.store(on, Ordering::Relaxed);
}

thread_local! {
    /// The drawn table, reused from table to table (a decode draws
    /// thousands). Bytes, as its writer takes them: the drawing slices its
    /// cells' text as bytes, without a `str`'s boundary checks.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// One cell: its text's bytes in the table's `text`, and whether it breaks
/// at the zero-width hints (it has Chinese).
#[derive(Debug, Clone, Copy)]
pub(super) struct CellText {
    start: u32,
    end: u32,
    wide: bool,
    /// Printable ASCII and newlines only: each line's width is its length.
    plain: bool,
    /// How its lines were measured before, for a remembered cell (see
    /// [`TextTable::cell_static`], [`TextTable::cell_again`]) as
    /// `fast::measured` says; `UNMEASURED` when they were not.
    width: u32,
}

/// [`CellText::width`] of a cell the drawing measures.
const UNMEASURED: u32 = u32::MAX;

/// What a cell made before is, for [`TextTable::cell_again`]: plain, wide,
/// and its lines' measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellKind {
    plain: bool,
    wide: bool,
    measured: u32,
}

/// A table of text cells, drawn at a fixed width. Every cell's text is kept
/// in one string (no `String` per cell): full-detail `decode` fills a few
/// tables of dozens of cells for every frame, and a string per cell was a
/// large part of its time.
pub struct TextTable {
    width: u16,
    /// All cells' text, one after another.
    text: String,
    cells: Vec<CellText>,
    /// The header's cells (a range of `cells`).
    header: Option<(usize, usize)>,
    /// Each row's cells, in order.
    rows: Vec<(usize, usize)>,
    /// Where the row being written with [`TextTable::cell`] starts.
    row_start: usize,
    hinted: bool,
    /// A Chinese cell's text with its hints, before it replaces the text.
    spare: String,
}

/// An empty table of width 0, to be `reset` to its width.
impl Default for TextTable {
    fn default() -> Self {
        TextTable::new(0)
    }
}

impl TextTable {
    pub fn new(width: u16) -> Self {
        TextTable {
            width,
            text: String::new(),
            cells: Vec::new(),
            header: None,
            rows: Vec::new(),
            row_start: 0,
            hinted: false,
            spare: String::new(),
        }
    }

    /// Empties the table for reuse at `width`, keeping its buffers.
    pub fn reset(&mut self, width: u16) {
        self.width = width;
        self.text.clear();
        self.cells.clear();
        self.header = None;
        self.rows.clear();
        self.row_start = 0;
        self.hinted = false;
    }

    /// Empties the table for reuse at `width` but for its header, which
    /// stays as it was written: for a caller that writes the same header
    /// table after table (each cell of it scanned again was a measured
    /// 0.8M instructions per 1,000 frames of full detail). `false`, with
    /// nothing changed, when the table has no header at its start.
    pub fn reset_keeping_header(&mut self, width: u16) -> bool {
        let Some((0, end)) = self.header else {
            return false;
        };
        let Some(text_end) = end
            .checked_sub(1)
            .and_then(|last| self.cells.get(last))
            .map(|cell| cell.end as usize)
        else {
            return false;
        };
        if text_end > self.text.len() {
            return false;
        }
        self.width = width;
        self.text.truncate(text_end);
        self.cells.truncate(end);
        self.rows.clear();
        self.row_start = end;
        self.hinted = self.cells.iter().any(|cell| cell.wide);
        true
    }

    /// Appends a cell to the row being written, its text written by `write`
    /// straight into the table's text.
    pub fn cell(&mut self, write: impl FnOnce(&mut String)) -> &mut Self {
        let start = self.text.len();
        write(&mut self.text);
        self.close_cell(start);
        self
    }

    /// Appends a cell written by `write`, which says whether all it wrote
    /// is printable ASCII and newlines (digits, hex, bit patterns): such a
    /// cell is taken as plain without a scan of its text. `false` only
    /// means "not known": the text is then scanned as [`TextTable::cell`]
    /// scans it. Full detail writes three cells a field, two of them
    /// numbers, and scanning every cell was a measured third of filling
    /// the table.
    pub fn cell_known(&mut self, write: impl FnOnce(&mut String) -> bool) -> &mut Self {
        let start = self.text.len();
        if write(&mut self.text) {
            self.push_cell(start, false, true);
        } else {
            self.close_cell(start);
        }
        self
    }

    /// Appends a cell this table (or another) made before: `text`, `plain`
    /// and `wide` as [`TextTable::last_cell`] gave them, hints included.
    /// For a cell that comes back frame after frame (a field's name and
    /// position), remembered by its writer rather than written, scanned
    /// and, in Chinese, hinted again.
    /// `measured`: its lines' measure as [`TextTable::last_cell`] gave it,
    /// so that they are not looked for and measured again.
    pub fn cell_again(&mut self, text: &str, kind: CellKind) -> &mut Self {
        let start = self.text.len();
        self.text.push_str(text);
        self.hinted |= kind.wide;
        self.push_measured(start, kind.wide, kind.plain, kind.measured);
        self
    }

    /// The last cell written: its text (with its break hints) and what it
    /// is, as [`TextTable::cell_again`] takes them (its lines measured
    /// now).
    pub fn last_cell(&self) -> Option<(&str, CellKind)> {
        let cell = self.cells.last()?;
        let text = self.text_of(cell);
        let measured = fast::measured(text, cell.plain);
        Some((
            text,
            CellKind {
                plain: cell.plain,
                wide: cell.wide,
                measured,
            },
        ))
    }

    /// Appends a cell holding `text` to the row being written.
    pub fn cell_str(&mut self, text: &str) -> &mut Self {
        let start = self.text.len();
        self.text.push_str(text);
        self.close_cell(start);
        self
    }

    /// Appends a cell holding `text`, a sentence that lives for the whole
    /// run (a field's meaning the dissector remembered, borrowed by every
    /// field that has it): what the cell is (plain, wide, its hints) and
    /// the width of its only line are remembered by the text's address and
    /// length, not found again. Static text never changes, so the same
    /// address and length is the same text. On the mixed capture about
    /// 85% of the meanings come back this way, and scanning each one for
    /// plain ASCII and Chinese, looking for its newlines and measuring it
    /// was a measured 6M instructions per 1,000 frames of full detail.
    pub fn cell_static(&mut self, text: &'static str) -> &mut Self {
        STATIC_CELLS.with(|memo| match memo.try_borrow_mut() {
            Ok(mut memo) => self.cell_remembered(&mut memo, text),
            Err(_) => {
                self.cell_str(text);
            }
        });
        self
    }

    /// [`TextTable::cell_static`] with the thread's memo.
    fn cell_remembered(&mut self, memo: &mut StaticCells, text: &'static str) {
        let key = (text.as_ptr() as usize, text.len());
        if memo.places.is_empty() {
            memo.places
                .resize_with(2 * STATIC_SETS, StaticCell::default);
        }
        let set = {
            let h =
                (key.0 as u64 ^ (key.1 as u64).rotate_left(40)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            (h >> 40) as usize % STATIC_SETS
        };
        let Some(places) = memo.places.get_mut(2 * set..2 * set + 2) else {
            self.cell_str(text);
            return;
        };
        let start = self.text.len();
        let found = places.iter().find(|place| place.key == key);
        if let Some(cell) = found {
            if cell.wide {
                self.text.push_str(&cell.hinted);
                self.hinted = true;
            } else {
                self.text.push_str(text);
            }
            self.push_measured(start, cell.wide, cell.plain, cell.width);
            return;
        }
        self.text.push_str(text);
        self.close_cell(start);
        let Some(last) = self.cells.last_mut() else {
            return;
        };
        let written = self.text.get(start..).unwrap_or("");
        last.width = fast::measured(written, last.plain);
        // The newer text takes the first place, the one there the second
        // (the one in the second is forgotten).
        places.swap(0, 1);
        let place = &mut places[0];
        place.key = key;
        place.plain = last.plain;
        place.wide = last.wide;
        place.width = last.width;
        place.hinted.clear();
        if last.wide {
            place.hinted.push_str(written);
        }
    }

    /// The cells written since the last row or header become the header.
    pub fn end_header(&mut self) -> &mut Self {
        self.header = Some((self.row_start, self.cells.len()));
        self.row_start = self.cells.len();
        self
    }

    /// The cells written since the last row or header become a row.
    pub fn end_row(&mut self) -> &mut Self {
        self.rows.push((self.row_start, self.cells.len()));
        self.row_start = self.cells.len();
        self
    }

    /// The text from `start` to the end becomes a cell; a cell with Chinese
    /// gets its break hints.
    fn close_cell(&mut self, start: usize) {
        let (plain, wide) = kind_of(&self.text[start..]);
        if wide {
            self.hint(start);
        }
        self.push_cell(start, wide, plain);
    }

    /// The cell from `start` to the end of the text gets its break hints.
    /// Apart, so that the English path (most cells) stays small.
    #[cold]
    #[inline(never)]
    fn hint(&mut self, start: usize) {
        self.hinted = true;
        // Through `spare`, kept from cell to cell, not a new string.
        self.spare.clear();
        with_breaks_into(&self.text[start..], &mut self.spare);
        self.text.truncate(start);
        self.text.push_str(&self.spare);
    }

    /// The text from `start` to the end is a cell of this kind.
    #[inline]
    fn push_cell(&mut self, start: usize, wide: bool, plain: bool) {
        self.push_measured(start, wide, plain, UNMEASURED);
    }

    /// [`TextTable::push_cell`] with its width if it is one line of known
    /// width (else `UNMEASURED`).
    #[inline]
    fn push_measured(&mut self, start: usize, wide: bool, plain: bool, width: u32) {
        self.cells.push(CellText {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(self.text.len()).unwrap_or(u32::MAX),
            wide,
            plain,
            width,
        });
    }

    pub fn set_header<T: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = T>) -> &mut Self {
        self.row_start = self.cells.len();
        for cell in cells {
            self.cell_str(cell.as_ref());
        }
        self.end_header()
    }

    pub fn add_row<T: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = T>) -> &mut Self {
        self.row_start = self.cells.len();
        for cell in cells {
            self.cell_str(cell.as_ref());
        }
        self.end_row()
    }

    /// Whether this cell breaks at the zero-width hints (it has Chinese).
    /// Every wide character is U+2E80 or above, whose UTF-8 starts with a
    /// byte of 0xE2 or more: characters are decoded only from the first
    /// such byte (a lead byte, so a character boundary) on, and a cell
    /// with none (English with `×` or `é`) is not decoded at all. The
    /// reference for [`kind_of`], which cells are put through.
    #[cfg(test)]
    fn is_wide_cell(text: &str) -> bool {
        match text.bytes().position(|b| b >= 0xe2) {
            Some(at) => text.get(at..).is_some_and(|rest| rest.chars().any(is_wide)),
            None => false,
        }
    }

    fn text_of(&self, cell: &CellText) -> &str {
        self.text
            .get(cell.start as usize..cell.end as usize)
            .unwrap_or("")
    }

    /// The same table built as comfy-table's own, the reference.
    fn comfy(&self) -> Table {
        let cell = |c: &CellText| {
            let text = self.text_of(c);
            if c.wide {
                Cell::new(text).set_delimiter(BREAK)
            } else {
                Cell::new(text)
            }
        };
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width);
        if let Some((start, end)) = self.header {
            table.set_header(self.cells[start..end].iter().map(cell).collect::<Vec<_>>());
        }
        for &(start, end) in &self.rows {
            table.add_row(self.cells[start..end].iter().map(cell).collect::<Vec<_>>());
        }
        table
    }

    /// Drawn by comfy-table, whatever the switch says (for tests).
    pub fn reference_string(&self) -> String {
        let drawn = self.comfy().to_string();
        if self.hinted {
            // Zero width: removing them leaves every column where it was.
            drawn.replace(BREAK, "")
        } else {
            drawn
        }
    }

    /// Drawn by the fast writer, or `None` where it defers to comfy-table.
    pub fn fast_string(&self) -> Option<String> {
        let mut out = Vec::new();
        if !self.draw_fast(&mut out) {
            return None;
        }
        String::from_utf8(out).ok()
    }

    fn draw_fast(&self, out: &mut Vec<u8>) -> bool {
        let drawing = fast::Drawing {
            width: self.width,
            text: &self.text,
            cells: &self.cells,
            header: self.header,
            rows: &self.rows,
            hint: BREAK,
            strip: self.hinted,
        };
        fast::draw(&drawing, out)
    }

    /// The table and a newline, as `writeln!(out, "{table}")` writes them,
    /// handed to `out` in one piece.
    pub fn write_line(&self, out: &mut impl io::Write) -> io::Result<()> {
        if !REFERENCE.load(Ordering::Relaxed) {
            let written = SCRATCH.with(|scratch| {
                let Ok(mut drawn) = scratch.try_borrow_mut() else {
                    return None;
                };
                drawn.clear();
                if self.draw_fast(&mut drawn) {
                    drawn.push(b'\n');
                    // Every line starts with a border: a table's line.
                    Some(super::wrap::write_passing_lines(out, &drawn, None))
                } else {
                    None
                }
            });
            if let Some(result) = written {
                return result;
            }
        }
        writeln!(out, "{}", self.reference_string())
    }
}

/// How many sets of two places [`TextTable::cell_static`] remembers
/// cells in: the dissector remembers up to 4,096 sentences a thread, most
/// of which come back rarely.
const STATIC_SETS: usize = 1024;

/// One remembered static cell: its text's address and length (`(0, 0)`:
/// none, as no text lives at address 0), what it is, and its text with its
/// hints when it is wide.
#[derive(Default)]
struct StaticCell {
    key: (usize, usize),
    plain: bool,
    wide: bool,
    width: u32,
    hinted: String,
}

/// The static cells a thread remembers, two places per set.
struct StaticCells {
    places: Vec<StaticCell>,
}

thread_local! {
    static STATIC_CELLS: RefCell<StaticCells> = const {
        RefCell::new(StaticCells { places: Vec::new() })
    };
}

/// Where tables are written: a writer, and how a table goes into it. Any
/// writer takes the drawn table through [`TextTable::write_line`]; a
/// [`Wrap`](super::wrap::Wrap) over the frame's `Vec` has it drawn
/// straight into the `Vec` when the lines would pass through unchanged.
pub trait TableOut: io::Write {
    /// The table and a newline, as [`TextTable::write_line`] writes them.
    fn table_line(&mut self, table: &TextTable) -> io::Result<()>;

    /// `text`, whole lines each ending in a newline, as `write_all` writes
    /// them.
    fn whole_lines(&mut self, text: &[u8]) -> io::Result<()> {
        self.write_all(text)
    }
}

/// Any writer, its tables written through [`TextTable::write_line`].
pub struct Through<'a, W: io::Write>(pub &'a mut W);

impl<W: io::Write> io::Write for Through<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }

    fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> io::Result<()> {
        self.0.write_fmt(args)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<W: io::Write> TableOut for Through<'_, W> {
    fn table_line(&mut self, table: &TextTable) -> io::Result<()> {
        table.write_line(self.0)
    }
}

impl TableOut for super::wrap::Wrap<'_, Vec<u8>> {
    /// Drawn straight into the buffer underneath when the `Wrap` would hand
    /// the drawn lines on unread (nothing of a line pending: a table's lines
    /// are never cut, `write_passing_lines`'s claim with no longest line),
    /// not drawn aside and copied: the copy and the `Wrap` were a measured
    /// 3.6M instructions per 1,000 frames of full detail.
    fn table_line(&mut self, table: &TextTable) -> io::Result<()> {
        if let Some(buffer) = self.passing_buffer(0) {
            if table.append_line(buffer) {
                return Ok(());
            }
        }
        table.write_line(self)
    }

    fn whole_lines(&mut self, text: &[u8]) -> io::Result<()> {
        self.write_whole_lines(text)
    }
}

impl TextTable {
    /// The table and a newline drawn by the fast writer onto the end of
    /// `out`, as [`TextTable::write_line`] would write them; `false`, with
    /// `out` as it was, where comfy-table must draw it (or it is asked to).
    pub fn append_line(&self, out: &mut Vec<u8>) -> bool {
        if REFERENCE.load(Ordering::Relaxed) {
            return false;
        }
        let start = out.len();
        if self.draw_fast(out) {
            out.push(b'\n');
            true
        } else {
            // The fast writer may have drawn part of it before it gave up.
            out.truncate(start);
            false
        }
    }
}

impl fmt::Display for TextTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !REFERENCE.load(Ordering::Relaxed) {
            let drawn = SCRATCH.with(|scratch| {
                let Ok(mut out) = scratch.try_borrow_mut() else {
                    return None;
                };
                out.clear();
                if !self.draw_fast(&mut out) {
                    return None;
                }
                // Drawn from `str`s and whole characters: always UTF-8.
                std::str::from_utf8(&out)
                    .ok()
                    .map(|drawn| f.write_str(drawn))
            });
            if let Some(result) = drawn {
                return result;
            }
        }
        f.write_str(&self.reference_string())
    }
}

/// Whether `text` is plain and whether it is wide: `(plain(text), !plain
/// && is_wide_cell(text))` in one pass. The plain words are read once; from
/// the first word that is not plain (all bytes before it are ASCII, so it
/// starts a character) only bytes of 0xE2 or more are looked for, eight at
/// a time, and only the characters they start are decoded. English with
/// `×`, `…` or `≠` in it (many meanings) was scanned twice before, the
/// second time a byte at a time with every character from the first `…`
/// on decoded.
fn kind_of(text: &str) -> (bool, bool) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if n < 8 {
        return if plain_bytes(bytes) {
            (true, false)
        } else {
            (false, wide_from(text, 0))
        };
    }
    let mut at = 0;
    while at + 8 <= n {
        if !plain_word(word_at(bytes, at)) {
            return (false, wide_from(text, at));
        }
        at += 8;
    }
    if at == n || plain_word(word_at(bytes, n - 8)) {
        (true, false)
    } else {
        (false, wide_from(text, n - 8))
    }
}

/// The eight bytes at `at` (which has eight bytes after it) as a word.
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut eight = [0u8; 8];
    if let Some(word) = bytes.get(at..at + 8) {
        eight.copy_from_slice(word);
    }
    u64::from_le_bytes(eight)
}

/// Whether a wide character starts at or after byte `from` of `text`, a
/// character boundary. Every wide character is U+2E80 or above, whose
/// UTF-8 starts with a byte of 0xE2 or more (never a continuation byte):
/// only those characters are decoded.
fn wide_from(text: &str, from: usize) -> bool {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let wide_at = |at: usize| {
        text.get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_wide)
    };
    let mut at = from;
    while at + 8 <= n {
        let x = word_at(bytes, at);
        // A byte's high bit set when it is 0xE2 or more: set and with its
        // low seven bits at 0x62 or more (which adding 0x1e carries into
        // the high bit, never beyond the byte).
        let mut leads = ((x & !HIGH) + 0x1e * ONES) & x & HIGH;
        while leads != 0 {
            let byte = (leads.trailing_zeros() / 8) as usize;
            if wide_at(at + byte) {
                return true;
            }
            leads &= leads - 1;
        }
        at += 8;
    }
    while at < n {
        if bytes[at] >= 0xe2 && wide_at(at) {
            return true;
        }
        at += 1;
    }
    false
}

/// Whether `text` is printable ASCII and newlines only (most cells). Checked
/// a `u64` word (eight bytes) at a time, a short cell in one word made of
/// its first and last bytes: most cells are shorter than sixteen bytes, and the
/// profile had the byte-by-byte loop over their remainder at a sixth of
/// drawing a table.
#[inline]
pub(super) fn plain(text: &str) -> bool {
    plain_bytes(text.as_bytes())
}

#[inline]
pub(super) fn plain_bytes(bytes: &[u8]) -> bool {
    let n = bytes.len();
    // Words of fixed size read from fixed places (no copy of a variable
    // length, which is a call to memcpy); the last word may overlap the
    // one before it, which only checks some bytes twice.
    let word = |at: usize| {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(eight)
    };
    if n >= 8 {
        let mut at = 0;
        while at + 8 <= n {
            if !plain_word(word(at)) {
                return false;
            }
            at += 8;
        }
        return at == n || plain_word(word(n - 8));
    }
    // Shorter: its first and last four (or two) bytes, overlapping when
    // they must, the rest of the word spaces.
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let x = if n >= 4 {
        let mut head = [0u8; 4];
        let mut tail = [0u8; 4];
        head.copy_from_slice(&bytes[..4]);
        tail.copy_from_slice(&bytes[n - 4..]);
        u64::from(u32::from_le_bytes(head)) | u64::from(u32::from_le_bytes(tail)) << 32
    } else if n >= 2 {
        let mut head = [0u8; 2];
        let mut tail = [0u8; 2];
        head.copy_from_slice(&bytes[..2]);
        tail.copy_from_slice(&bytes[n - 2..]);
        u64::from(u16::from_le_bytes(head))
            | u64::from(u16::from_le_bytes(tail)) << 16
            | SPACES << 32
    } else if n == 1 {
        u64::from(bytes[0]) | SPACES << 8
    } else {
        return true;
    };
    plain_word(x)
}

/// Each byte's lowest bit, and its highest.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether all eight bytes of `x` are printable ASCII (0x20..=0x7e) or a
/// newline. Past the first test every byte is below 0x80, so adding to
/// each byte carries into no other: a byte's high bit then says what the
/// sum says of that byte alone.
fn plain_word(x: u64) -> bool {
    if x & HIGH != 0 {
        return false;
    }
    // b + 0x60 reaches 0x80 when b >= 0x20.
    let control = !(x + 0x60 * ONES) & HIGH;
    // b + 1 reaches 0x80 only when b is 0x7f (DEL).
    let delete = (x + ONES) & HIGH;
    if control | delete == 0 {
        // Printable ASCII only, most words of most cells: no newline to
        // look for (a third of the work per word, measured on meanings).
        return true;
    }
    // b ^ 0x0a is zero for a newline: y + 0x7f reaches 0x80 for any other.
    let y = x ^ (0x0a * ONES);
    let newline = !((y + 0x7f * ONES) | y) & HIGH;
    (control & !newline) | delete == 0
}

/// CJK ideographs, kana, hangul and full-width forms: text that breaks
/// between any two characters.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{3ffff}')
}

/// Punctuation a line must not start with (a `match`, not a search of a
/// string of them: asked for every character of every Chinese cell).
fn closes(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '”'
            | '’'
            | '%'
            | '…'
            | '·'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Punctuation a line must not end with.
fn opens(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '《' | '“' | '‘' | '(' | '[' | '{'
    )
}

/// `text` with a break hint wherever a line may break. An ASCII space stays
/// (it separates words) and gets a hint after it. A path (an ASCII run that
/// starts with `/`) may also break after each of its slashes.
#[cfg(test)]
fn with_breaks(text: &str) -> String {
    let mut out = String::new();
    with_breaks_into(text, &mut out);
    out
}

/// [`with_breaks`] appended to `out`: the text copied a run at a time
/// between the hints, each character looked at once.
fn with_breaks_into(text: &str, out: &mut String) {
    out.reserve(text.len() * 2);
    let mut chars = text.char_indices();
    let Some((_, mut c)) = chars.next() else {
        return;
    };
    let mut c_wide = is_wide(c);
    let mut in_path = false;
    // Whether the character before `c` (none, at first) ends a run.
    let mut after_run = true;
    let mut copied = 0;
    loop {
        if c == ' ' || c_wide {
            in_path = false;
        } else if after_run {
            in_path = c == '/';
        }
        let Some((at, next)) = chars.next() else {
            break;
        };
        let next_wide = is_wide(next);
        let path_break = in_path && c == '/' && next.is_ascii_alphanumeric();
        let may_break =
            ((c == ' ' || c_wide || next_wide) && !closes(next) && !opens(c)) || path_break;
        if may_break && next != ' ' && next != '\n' && c != '\n' {
            out.push_str(&text[copied..at]);
            out.push(BREAK);
            copied = at;
        }
        after_run = c == ' ' || c_wide;
        c = next;
        c_wide = next_wide;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Lcg;

    #[test]
    fn breaks_go_between_ideographs_and_never_before_closing_punctuation() {
        let hinted = with_breaks("普通的 UDP 套接字；stackviz");
        let pieces: Vec<&str> = hinted.split(BREAK).collect();
        assert_eq!(
            pieces,
            ["普", "通", "的 ", "UDP ", "套", "接", "字；", "stackviz"]
        );
        assert_eq!(with_breaks("a b"), "a \u{200b}b");
        assert_eq!(with_breaks("no wide text"), "no \u{200b}wide \u{200b}text");
    }

    #[test]
    fn chinese_fills_its_column_and_keeps_the_table_aligned() {
        let mut table = TextTable::new(40);
        table.set_header(["字段", "含义"]);
        table.add_row([
            "Source Port",
            "发送方套接字的端口；IANA 登记端口范围 1024-49151",
        ]);
        let text = table.to_string();
        assert!(!text.contains(BREAK));
        let widths: Vec<usize> = text
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{text}");
        assert!(widths[0] <= 40, "{text}");
        // The meaning column is filled, not left with a short first line.
        let first = text.lines().nth(3).unwrap_or_default();
        assert!(first.contains("发送方套接字的端口；"), "{text}");
    }

    #[test]
    fn words_and_paths_in_chinese_cells_are_never_cut_mid_word() {
        let mut table = TextTable::new(50);
        table.set_header(["字段", "含义"]);
        table.add_row([
            "Time to Live, a field with a long English name that takes room",
            "[观测] /proc/sys/net/ipv4/ip_default_ttl（内核给新套接字的默认值）；IP_PMTUDISC_DO 使内核置 DF 位",
        ]);
        let text = table.to_string();
        let cells: String = text
            .lines()
            .filter_map(|l| l.split('┆').nth(1))
            .map(|c| c.trim_end_matches('│').trim())
            .collect::<Vec<_>>()
            .join("|");
        for piece in ["ip_default_ttl", "IP_PMTUDISC_DO"] {
            assert!(cells.contains(piece), "{piece} was cut:\n{text}");
        }
        // A path breaks, if it must, only after a slash.
        for line in cells.split('|') {
            if let Some(start) = line.find("/proc") {
                let tail = &line[start..];
                assert!(
                    tail.ends_with('/') || tail.contains("ip_default_ttl"),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn english_cells_are_drawn_as_comfy_table_draws_them() {
        let mut ours = TextTable::new(30);
        ours.add_row(["a cell with several words in it", "x"]);
        let mut plain = Table::new();
        plain
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(30);
        plain.add_row(vec!["a cell with several words in it", "x"]);
        assert_eq!(ours.to_string(), plain.to_string());
    }

    fn random_cell(rng: &mut Lcg) -> String {
        const WORDS: &[&str] = &[
            "a",
            "port",
            "0x0800",
            "Source",
            "checksum",
            "",
            " ",
            "  ",
            "…",
            "é",
            "ab…",
            "1010 ....",
            "an-extraordinarily-long-word-without-any-space-in-it",
            "普通的",
            "用户数据报",
            "（IANA）",
            "端口；",
            "字",
            "🙂",
            "x\u{200b}y",
            "\n",
            "a\nb",
            "0123456789abcdef0123456789abcdef",
            "Hello!!",
            "ttl=64,",
            "\t",
        ];
        let mut cell = String::new();
        for _ in 0..rng.next(12) {
            cell.push_str(WORDS[rng.next(WORDS.len())]);
            if rng.next(3) > 0 {
                cell.push(' ');
            }
        }
        cell
    }

    /// The hints as they were placed before they were copied a run at a
    /// time: a character at a time, looking back and ahead.
    fn with_breaks_as_before(text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 2);
        let mut chars = text.chars().peekable();
        let mut in_path = false;
        let mut previous: Option<char> = None;
        while let Some(c) = chars.next() {
            out.push(c);
            let run_starts = previous.is_none_or(|p| p == ' ' || is_wide(p));
            if c == ' ' || is_wide(c) {
                in_path = false;
            } else if run_starts {
                in_path = c == '/';
            }
            previous = Some(c);
            let Some(&next) = chars.peek() else { break };
            let path_break = in_path && c == '/' && next.is_ascii_alphanumeric();
            let may_break =
                ((c == ' ' || is_wide(c) || is_wide(next)) && !closes(next) && !opens(c))
                    || path_break;
            if may_break && next != ' ' && next != '\n' && c != '\n' {
                out.push(BREAK);
            }
        }
        out
    }

    #[test]
    fn hints_go_where_they_went_a_character_at_a_time() {
        let mut rng = Lcg(7);
        for _ in 0..5000 {
            let text = random_cell(&mut rng);
            assert_eq!(with_breaks(&text), with_breaks_as_before(&text), "{text:?}");
        }
        for text in [
            "",
            "/",
            "/proc/sys/net/ipv4/ip_local_port_range（端口）",
            "[观测] /proc/sys/net/ipv4/ip_default_ttl（内核）；IP_PMTUDISC_DO",
            "a/b 字/c /d/e",
            "字\n字 \n /x/y",
        ] {
            assert_eq!(with_breaks(text), with_breaks_as_before(text), "{text:?}");
        }
    }

    #[test]
    fn closing_and_opening_punctuation_is_what_the_lists_say() {
        let closing = "，。、；：？！）」』】》”’%…·,.;:?!)]}";
        let opening = "（「『【《“‘([{";
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            assert_eq!(closes(c), closing.contains(c), "{c:?}");
            assert_eq!(opens(c), opening.contains(c), "{c:?}");
        }
    }

    /// Characters on both sides of each edge of the wide ranges
    /// (`is_wide`), for the tests of the wide-cell checks.
    const WIDE_EDGES: [&str; 18] = [
        "\u{2e7f}",
        "\u{2e80}",
        "\u{9fff}",
        "\u{a000}",
        "\u{ac00}",
        "\u{d7a3}",
        "\u{d7a4}",
        "\u{f900}",
        "\u{fe30}",
        "\u{fe4f}",
        "\u{fe50}",
        "\u{ff00}",
        "\u{ffef}",
        "\u{fff0}",
        "🙂",
        "\u{20000}",
        "\u{3ffff}",
        "\u{40000}",
    ];

    #[test]
    fn wide_cells_are_found_as_a_scan_of_every_character_finds_them() {
        let samples: Vec<&str> = [
            "",
            "ascii only",
            "5 × 4 = 20 bytes",
            "café",
            "… → —",
            "a…字",
            "字",
            "한국어",
            "x\u{200b}y",
        ]
        .into_iter()
        .chain(WIDE_EDGES)
        .collect();
        for &a in &samples {
            for &b in &samples {
                let text = format!("{a} {b}");
                let scan = !text.is_ascii() && text.chars().any(is_wide);
                assert_eq!(TextTable::is_wide_cell(&text), scan, "{text:?}");
            }
        }
    }

    #[test]
    fn one_pass_finds_plain_and_wide_cells_as_the_two_scans_did() {
        let two_scans = |text: &str| {
            let plain = plain(text);
            (plain, !plain && TextTable::is_wide_cell(text))
        };
        // Every sample at every offset of a word (and after a tail of
        // ASCII), alone and before and after other text: the wide
        // character in the word loop, in the bytes after it, in the
        // overlapping last word.
        let samples: Vec<&str> = [
            "", "x", "\n", "\t", "×", "…", "≠", "é", "字", "（", "\u{200b}",
        ]
        .into_iter()
        .chain(WIDE_EDGES)
        .collect();
        let mut checked = 0;
        for pad in 0..20 {
            let lead = "a".repeat(pad);
            for &a in &samples {
                for &b in &samples {
                    for text in [
                        format!("{lead}{a}{b}"),
                        format!("{a}{lead}{b}"),
                        format!("{a}{b}{lead}"),
                        format!("{lead}{a} 5 × 4 {b}{lead}"),
                    ] {
                        assert_eq!(kind_of(&text), two_scans(&text), "{text:?}");
                        checked += 1;
                    }
                }
            }
        }
        let mut rng = Lcg(11);
        for _ in 0..20_000 {
            let text = random_cell(&mut rng);
            assert_eq!(kind_of(&text), two_scans(&text), "{text:?}");
            checked += 1;
        }
        assert!(checked > 70_000, "{checked}");
    }

    #[test]
    fn tables_drawn_into_the_wrapped_buffer_come_out_as_written_through_it() {
        use super::super::wrap::Wrap;
        use std::io::Write;
        let mut rng = Lcg(19);
        let (mut direct, mut fallback) = (0, 0);
        for n in 0..3000 {
            let width = [20u16, 40, 60, 100][n % 4];
            let mut table = TextTable::new(width);
            let columns = 1 + rng.next(4);
            if rng.next(2) == 0 {
                table.set_header((0..columns).map(|_| random_cell(&mut rng)));
            }
            for _ in 0..rng.next(4) {
                // Now and then a row of another length: comfy-table draws.
                let cells = if rng.next(12) == 0 {
                    columns + 1
                } else {
                    columns
                };
                table.add_row((0..cells).map(|_| random_cell(&mut rng)));
            }
            // What comes before: nothing, whole lines, or part of a line
            // (long enough to be wrapped at every width).
            let before: &[u8] = match n % 3 {
                0 => b"",
                1 => "a line before the table, longer than twenty columns\n字段\n".as_bytes(),
                _ => b"part of a line that goes on and on past twenty columns ",
            };
            let mut expected = b"kept".to_vec();
            {
                let mut out = Wrap::new(&mut expected, width);
                out.write_all(before).unwrap();
                table.write_line(&mut out).unwrap();
                out.write_all(b"after\n").unwrap();
            }
            let mut got = b"kept".to_vec();
            {
                let mut out = Wrap::new(&mut got, width);
                out.write_all(before).unwrap();
                out.table_line(&table).unwrap();
                out.write_all(b"after\n").unwrap();
            }
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&expected),
                "{n}"
            );
            // Straight onto a buffer: the line, or the buffer as it was
            // (however much the fast writer drew before it gave up).
            let mut buffer = b"kept".to_vec();
            if table.append_line(&mut buffer) {
                direct += 1;
                let mut line = b"kept".to_vec();
                table.write_line(&mut line).unwrap();
                assert_eq!(buffer, line, "{n}");
            } else {
                fallback += 1;
                assert_eq!(buffer, b"kept", "{n}");
            }
        }
        assert!(direct > 2000 && fallback > 100, "{direct} {fallback}");
    }

    #[test]
    fn a_kept_header_draws_as_the_header_written_again() {
        let mut rng = Lcg(23);
        let mut kept = TextTable::new(0);
        assert!(!kept.reset_keeping_header(60));
        let mut reused = 0;
        for n in 0..600 {
            let width = [30u16, 60, 100][n % 3];
            let columns = 1 + (n / 10) % 3;
            let header: Vec<String> = if n % 5 < 2 {
                vec!["field\nbytes".into(), "含义".into(), "5 × 4".into()]
            } else {
                (0..3).map(|_| random_cell(&mut rng)).collect()
            };
            let header = &header[..columns];
            let rows: Vec<Vec<String>> = (0..rng.next(4))
                .map(|_| (0..columns).map(|_| random_cell(&mut rng)).collect())
                .collect();
            let mut fresh = TextTable::new(width);
            fresh.set_header(header);
            // The kept table's header is kept when it is the same as the
            // last one's (as its caller knows), else written again.
            let same = kept.header.is_some_and(|(start, end)| {
                end - start == columns
                    && kept.cells[start..end]
                        .iter()
                        .zip(header)
                        .all(|(c, h)| kept.text_of(c).replace(BREAK, "") == *h)
            });
            if same && kept.reset_keeping_header(width) {
                reused += 1;
            } else {
                kept.reset(width);
                kept.set_header(header);
            }
            for row in &rows {
                fresh.add_row(row);
                kept.add_row(row);
            }
            assert_eq!(kept.text, fresh.text, "{n}");
            assert_eq!(kept.hinted, fresh.hinted, "{n}");
            assert_eq!(kept.fast_string(), fresh.fast_string(), "{n}");
            assert_eq!(kept.reference_string(), fresh.reference_string(), "{n}");
        }
        assert!(reused > 100, "{reused}");
    }

    #[test]
    fn cells_said_to_be_plain_are_kept_as_scanned_cells_are() {
        let mut known = TextTable::new(60);
        let mut scanned = TextTable::new(60);
        for text in ["0-5", "14 bits 0-3\n", "0100 ....\n= 4", "", "a b"] {
            known.cell_known(|s| {
                s.push_str(text);
                true
            });
            scanned.cell_str(text);
            // A writer that does not know is scanned.
            for t in [&mut known, &mut scanned] {
                t.cell_known(|s| {
                    s.push_str("字 × …");
                    false
                });
            }
        }
        known.end_row();
        scanned.end_row();
        assert_eq!(known.text, scanned.text);
        let kinds = |t: &TextTable| {
            t.cells
                .iter()
                .map(|c| (c.start, c.end, c.wide, c.plain))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(&known), kinds(&scanned));
        assert_eq!(known.fast_string(), scanned.fast_string());
    }

    /// Static texts for the static-cell tests: English, `×` and `…`,
    /// Chinese, newlines, empty; pairs of one length that differ (in a
    /// byte, in being plain, wide or one line), and one text twice at two
    /// addresses.
    pub(super) fn static_texts() -> Vec<&'static str> {
        let texts = [
            "each router subtracts 1 and drops the packet at 0: at most 64 more hops",
            "each router subtracts 1 and drops the packet at 0: at most 65 more hops",
            "each router subtracts 1 and drops the packet at 0: at most 64 more hop\n",
            "each router subtracts 1 and drops the packet at 0: at most 6 × more hops",
            "header length in 32-bit words: 5 × 4 = 20 bytes (no options)",
            "header length in 32-bit words: 5 … 4 = 20 bytes (no options)",
            "发送方套接字的端口；IANA 登记端口范围 1024-49151",
            "发送方套接字的端口；IANA 登记端口范围 1024-49152",
            "发送方套接字的端口\nIANA 登记端口范围 1024-49151",
            "private address (RFC 1918)",
            "private address (RFC 1918)",
            "private\naddress\n(RFC 1918)",
            "tab\there",
            "",
            "x",
            "字",
            "a-very-long-word-with-no-space-in-it-at-all-that-must-be-cut-somewhere",
        ];
        // Leaked one by one: each at its own address, as the dissector's
        // remembered sentences are.
        texts
            .iter()
            .map(|t| &*Box::leak(t.to_string().into_boxed_str()))
            .collect()
    }

    #[test]
    fn static_cells_are_the_cells_written_and_scanned() {
        let texts = static_texts();
        let mut rng = Lcg(31);
        let mut hits = 0;
        for case in 0..1500 {
            let width = [30u16, 60, 100, 20][case % 4];
            let columns = 1 + rng.next(3);
            let mut remembered = TextTable::new(width);
            let mut scanned = TextTable::new(width);
            remembered.set_header((0..columns).map(|_| "meaning"));
            scanned.set_header((0..columns).map(|_| "meaning"));
            for _ in 0..1 + rng.next(5) {
                for _ in 0..columns {
                    if rng.next(4) == 0 {
                        let text = random_cell(&mut rng);
                        remembered.cell_str(&text);
                        scanned.cell_str(&text);
                    } else {
                        // The same texts again and again, and others of
                        // the same length at other addresses.
                        let text = texts[rng.next(texts.len())];
                        hits += usize::from(case > 0);
                        remembered.cell_static(text);
                        scanned.cell_str(text);
                    }
                }
                remembered.end_row();
                scanned.end_row();
            }
            assert_eq!(remembered.text, scanned.text, "{case}");
            assert_eq!(remembered.hinted, scanned.hinted, "{case}");
            let kinds = |t: &TextTable| {
                t.cells
                    .iter()
                    .map(|c| (c.start, c.end, c.wide, c.plain))
                    .collect::<Vec<_>>()
            };
            assert_eq!(kinds(&remembered), kinds(&scanned), "{case}");
            // A remembered measure is the width of the cell's only line,
            // or where the newline between its two plain lines is.
            for cell in &remembered.cells {
                let text = remembered.text_of(cell);
                if cell.width == UNMEASURED {
                    continue;
                }
                if cell.width & fast::TWO_LINES != 0 {
                    let at = (cell.width & !fast::TWO_LINES) as usize;
                    assert!(cell.plain, "{text:?}");
                    assert_eq!(text.find('\n'), Some(at), "{text:?}");
                    assert_eq!(text.matches('\n').count(), 1, "{text:?}");
                } else {
                    assert!(!text.contains('\n'), "{text:?}");
                    let measured = unicode_width::UnicodeWidthStr::width(text);
                    assert_eq!(cell.width as usize, measured, "{text:?}");
                }
            }
            let fast = remembered.fast_string();
            assert_eq!(fast, scanned.fast_string(), "{case}");
            if case % 10 == 0 {
                assert_eq!(fast, Some(scanned.reference_string()), "{case}");
            }
        }
        assert!(hits > 5000, "{hits}");
        // Once the memo is in use, a static cell is written and scanned as
        // any other.
        STATIC_CELLS.with(|memo| {
            let _held = memo.borrow_mut();
            let mut table = TextTable::new(40);
            table.cell_static(texts[6]).end_row();
            let mut scanned = TextTable::new(40);
            scanned.cell_str(texts[6]).end_row();
            assert_eq!(table.text, scanned.text);
            assert_eq!(table.fast_string(), scanned.fast_string());
        });
    }

    /// Cells made again from what [`TextTable::last_cell`] gave (their
    /// lines measured then: one line, two plain lines, more) are drawn as
    /// the cells written afresh.
    #[test]
    fn cells_made_again_are_drawn_as_cells_written_afresh() {
        let mut rng = Lcg(41);
        let mut made = TextTable::new(0);
        let mut kinds = [0usize; 3];
        for case in 0..2000 {
            let width = [30u16, 60, 100, 20][case % 4];
            let columns = 1 + rng.next(3);
            let mut again = TextTable::new(width);
            let mut fresh = TextTable::new(width);
            for _ in 0..1 + rng.next(5) {
                for _ in 0..columns {
                    let text = match rng.next(3) {
                        0 => random_cell(&mut rng),
                        1 => format!("Source Port\n{}-{}", rng.next(60), rng.next(60)),
                        _ => format!("{}\n{}", random_cell(&mut rng), random_cell(&mut rng)),
                    };
                    made.reset(width);
                    made.cell_str(&text);
                    let (kept, kind) = made.last_cell().unwrap();
                    kinds[match kind.measured {
                        UNMEASURED => 0,
                        m if m & fast::TWO_LINES != 0 => 1,
                        _ => 2,
                    }] += 1;
                    again.cell_again(kept, kind);
                    fresh.cell_str(&text);
                }
                again.end_row();
                fresh.end_row();
            }
            assert_eq!(again.text, fresh.text, "{case}");
            assert_eq!(again.hinted, fresh.hinted, "{case}");
            assert_eq!(again.fast_string(), fresh.fast_string(), "{case}");
        }
        assert!(kinds.iter().all(|&n| n > 1000), "{kinds:?}");
    }

    /// More static texts than the memo has places, coming back in turns:
    /// each set's two places taken over again and again.
    #[test]
    fn static_cells_taken_out_of_the_memo_are_scanned_again() {
        let texts: Vec<&'static str> = (0..3 * 2 * STATIC_SETS)
            .map(|n| {
                let text = match n % 3 {
                    0 => format!("sentence number {n:05} of many"),
                    1 => format!("第 {n:05} 句话，很多"),
                    _ => format!("line {n:05}\nand × another"),
                };
                &*Box::leak(text.into_boxed_str())
            })
            .collect();
        for round in 0..3 {
            let mut remembered = TextTable::new(50);
            let mut scanned = TextTable::new(50);
            for (n, text) in texts.iter().enumerate() {
                if (n + round) % 2 == 0 {
                    remembered.cell_static(text).end_row();
                    scanned.cell_str(text).end_row();
                }
            }
            assert_eq!(remembered.text, scanned.text, "{round}");
            let kinds = |t: &TextTable| {
                t.cells
                    .iter()
                    .map(|c| (c.start, c.end, c.wide, c.plain))
                    .collect::<Vec<_>>()
            };
            assert_eq!(kinds(&remembered), kinds(&scanned), "{round}");
            assert_eq!(remembered.fast_string(), scanned.fast_string(), "{round}");
        }
    }

    /// The check as it was, a byte at a time (sixteen-byte blocks, then
    /// the rest).
    fn plain_as_before(bytes: &[u8]) -> bool {
        bytes
            .iter()
            .all(|&b| b.wrapping_sub(b' ') < 0x5f || b == b'\n')
    }

    #[test]
    fn the_word_at_a_time_plain_check_agrees_with_a_byte_at_a_time_one() {
        // Every byte value at every position of cells of 0 to 40 bytes,
        // in a cell of letters and in one of newlines and spaces.
        let mut checked = 0;
        let mut not_plain = 0;
        for len in 0..=40 {
            for fill in [b'a', b'\n', b' ', b'~'] {
                let mut cell = vec![fill; len];
                assert_eq!(plain_bytes(&cell), plain_as_before(&cell), "{cell:?}");
                for at in 0..len {
                    for b in 0..=255u8 {
                        cell[at] = b;
                        let expected = plain_as_before(&cell);
                        assert_eq!(plain_bytes(&cell), expected, "{len} {at} {b:#04x}");
                        checked += 1;
                        not_plain += usize::from(!expected);
                    }
                    cell[at] = fill;
                }
            }
        }
        assert!(
            checked > 800_000 && not_plain > 500_000,
            "{checked} {not_plain}"
        );
        // Text as cells hold it: Chinese, other multi-byte characters, two
        // odd bytes in one word.
        let mut rng = Lcg(3);
        for _ in 0..20_000 {
            let text = random_cell(&mut rng);
            assert_eq!(plain(&text), plain_as_before(text.as_bytes()), "{text:?}");
        }
        for text in [
            "字",
            "a\tb",
            "\r\n",
            "\u{7f}",
            "é",
            "abcdefg\u{1f}",
            "abcdefgh\n",
        ] {
            assert_eq!(plain(text), plain_as_before(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn the_fast_writer_draws_what_comfy_table_draws() {
        let mut rng = Lcg(13);
        let mut drawn = 0;
        for case in 0..3000 {
            let width = [40, 45, 60, 80, 100, 110, 160, 200, 20, 1][case % 10];
            let columns = 1 + rng.next(7);
            let mut table = TextTable::new(width);
            if rng.next(4) > 0 {
                table.set_header((0..columns).map(|_| random_cell(&mut rng)));
            }
            for _ in 0..rng.next(6) {
                table.add_row((0..columns).map(|_| random_cell(&mut rng)));
            }
            if let Some(fast) = table.fast_string() {
                drawn += 1;
                assert_eq!(fast, table.reference_string(), "case {case}, width {width}");
            }
        }
        // Only tables with no cell at all go to comfy-table.
        assert!(drawn > 2500, "{drawn}");
    }
}
