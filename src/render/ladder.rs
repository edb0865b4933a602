//! The ladder diagram in the terminal: the two ends of a TCP connection as
//! two vertical lines, one arrow per segment (flags, seq, ack, len, win),
//! and beside each line the socket calls made at that end and the TCP state
//! it was in after them. `chunks` cuts the same drawing into one piece per
//! segment for `--step`.

use std::io::{self, Write};
use std::time::Duration;

use owo_colors::OwoColorize;

use super::{display_width, heading, paint, RenderOptions};
use crate::model::LayerKind;
use crate::session::ladder::{Arrow, End, Ladder, LadderRow};
use crate::t;

/// The least room between the two lines for an arrow's label to read well
/// (two lines of `seq=… ack=… len=… win=…`); below it the calls and states
/// move between the lines (the compact layout).
const MIN_GAP: usize = 36;
/// Longer arrows only cost the eye a longer walk.
const MAX_GAP: usize = 72;
/// The compact layout shares its room between arrows and text, but a
/// 200-column arrow is no clearer than a 100-column one.
const MAX_COMPACT_GAP: usize = 100;
/// The least room beside a line for a call such as `connect() = 0`.
const MIN_SIDE: usize = 12;
/// Below this nothing sensible fits; drawing still never panics.
const MIN_WIDTH: usize = 24;

/// Draws the whole ladder: the key, the column titles, then every row.
pub fn render(
    ladder: &Ladder,
    out: &mut impl Write,
    options: &RenderOptions,
    absolute: bool,
) -> io::Result<()> {
    for chunk in chunks(ladder, options, absolute)? {
        out.write_all(&chunk)?;
    }
    Ok(())
}

/// The same drawing cut for `--step`: first the key and the column titles,
/// then one chunk per segment holding the calls and states that came before
/// it and the segment's arrow; the rows after the last segment (the final
/// states and calls) and the closing line end the last chunk. Joined, the
/// chunks are exactly what `render` writes.
pub fn chunks(
    ladder: &Ladder,
    options: &RenderOptions,
    absolute: bool,
) -> io::Result<Vec<Vec<u8>>> {
    let drawing = Drawing::new(ladder, options, absolute);
    Ok(drawing
        .chunks()
        .into_iter()
        .map(|lines| {
            let mut bytes = Vec::new();
            for line in lines {
                bytes.extend_from_slice(line.as_bytes());
                bytes.push(b'\n');
            }
            bytes
        })
        .collect())
}

/// A column's title: `client 127.0.0.1:41234`, `server 127.0.0.1:15001`
/// (address:port, since on loopback both ends are 127.0.0.1), for whoever
/// fills `Ladder::left` and `Ladder::right`.
pub fn column_title(end: End, address: &str) -> String {
    match end {
        End::Left => t!("client {address}", address),
        End::Right => t!("server {address}", address),
    }
}

/// The key above the drawing, one sentence a line, only for what the
/// drawing shows (shared with the SVG).
pub(crate) fn legend(ladder: &Ladder, absolute: bool) -> Vec<String> {
    let mut lines = vec![if absolute {
        t!("seq and ack are absolute, as on the wire").to_string()
    } else {
        t!("seq and ack are relative: 0 is each sender's initial sequence number (ISN)").to_string()
    }];
    lines.push(
        t!("len: bytes of data the segment carries; win: the window field, × 2^scale = bytes (never scaled on a SYN)")
            .to_string(),
    );
    let arrows: Vec<&Arrow> = arrows(ladder).collect();
    if arrows.iter().any(|a| !a.observed) {
        lines.push(format!(
            "──> {}   ╌╌> {}",
            t!("observed"),
            t!("predicted, not observed")
        ));
    }
    if arrows.iter().any(|a| a.lost) {
        lines.push(format!("──X {}", t!("lost: sent but never seen arriving")));
    }
    lines
}

fn arrows(ladder: &Ladder) -> impl Iterator<Item = &Arrow> {
    ladder.rows.iter().filter_map(|row| match row {
        LadderRow::Segment(arrow) => Some(arrow),
        _ => None,
    })
}

/// An arrow's label as pieces that are never split across lines unless one
/// alone is wider than the room: `#4 PSH, ACK`, `seq=1`, `ack=1`, `len=7`,
/// `win=64 (×1024=65536)`, the time, `(retransmission)`.
pub(crate) fn label_pieces(arrow: &Arrow, absolute: bool) -> Vec<String> {
    let mut pieces = vec![format!("#{} {}", arrow.number, printable(&arrow.flags))
        .trim_end()
        .to_string()];
    let (seq, ack) = if absolute {
        (arrow.seq_absolute, arrow.ack_absolute)
    } else {
        (arrow.seq, arrow.ack)
    };
    pieces.push(format!("seq={seq}"));
    if let Some(ack) = ack {
        pieces.push(format!("ack={ack}"));
    }
    pieces.push(format!("len={}", arrow.length));
    pieces.push(window(arrow));
    if let Some(at) = arrow.at {
        pieces.push(time(at));
    }
    if arrow.retransmission {
        pieces.push(t!("(retransmission)").to_string());
    }
    pieces
}

/// `win=64 (×1024=65536)` when the scale is known, else the raw field.
fn window(arrow: &Arrow) -> String {
    let raw = arrow.window;
    match arrow.window_bytes {
        Some(bytes) if bytes != u32::from(raw) => {
            let factor = bytes.checked_div(u32::from(raw)).unwrap_or(0);
            if raw != 0 && factor * u32::from(raw) == bytes && factor.is_power_of_two() {
                format!("win={raw} (×{factor}={bytes})")
            } else {
                format!("win={raw} (={bytes})")
            }
        }
        _ => format!("win={raw}"),
    }
}

/// Time since the run started: `+0.215 ms`, or seconds past one second
/// (TIME_WAIT lasts a minute).
pub(crate) fn time(at: Duration) -> String {
    let ms = at.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("+{ms:.3} ms")
    } else {
        format!("+{:.3} s", at.as_secs_f64())
    }
}

/// A call or a state as pieces: `connect(fd, …)` word by word, then
/// `= result` and the time, each kept whole; a state in brackets.
pub(crate) fn side_pieces(row: &LadderRow) -> Option<(End, Vec<String>)> {
    match row {
        LadderRow::Call {
            end,
            call,
            result,
            at,
        } => {
            let mut pieces: Vec<String> = words(call).collect();
            // `= -1 ECONNREFUSED`: the sign stays with the first word.
            for (i, word) in words(result).enumerate() {
                pieces.push(if i == 0 { format!("= {word}") } else { word });
            }
            if let Some(at) = at {
                pieces.push(time(*at));
            }
            Some((*end, pieces))
        }
        LadderRow::State { end, state } => Some((*end, vec![format!("[{}]", printable(state))])),
        LadderRow::Segment(_) => None,
    }
}

/// The words of `text`, with control characters (a stray newline or
/// escape in an error text) shown as `?` so no line breaks or colours
/// sneak into the drawing.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().map(printable)
}

pub(crate) fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// Pieces joined with spaces into lines of at most `room` columns; a piece
/// wider than the room alone is cut between characters (Chinese has no
/// spaces to cut at).
pub(crate) fn pack(pieces: &[String], room: usize) -> Vec<String> {
    let room = room.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        let width = display_width(piece);
        let used = display_width(&line);
        if !line.is_empty() && used + 1 + width <= room {
            line.push(' ');
            line.push_str(piece);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if width <= room {
            line.push_str(piece);
            continue;
        }
        for c in piece.chars() {
            let mut buf = [0; 4];
            let w = display_width(c.encode_utf8(&mut buf));
            if display_width(&line) + w > room && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where the two lines stand.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Columns left of the left line (0 in the compact layout).
    left: usize,
    /// Columns between the two lines.
    gap: usize,
    /// Columns right of the right line (0 in the compact layout).
    right: usize,
    /// Compact: calls and states are written between the lines, each
    /// beside its own.
    inside: bool,
}

impl Layout {
    /// Calls and states beside their lines when each fits there in at most
    /// two lines (and the arrows keep `MIN_GAP`); else the compact layout,
    /// where they are written between the lines, each against its own.
    fn choose(ladder: &Ladder, width: usize) -> Layout {
        let cap = (width - 2).saturating_sub(MIN_GAP) / 2;
        let sides: Vec<(End, Vec<String>)> = ladder
            .rows
            .iter()
            .filter_map(side_pieces)
            .map(|(end, pieces)| (end, pack(&pieces, cap.saturating_sub(1))))
            .collect();
        if cap >= MIN_SIDE && sides.iter().all(|(_, lines)| lines.len() <= 2) {
            let widest = |end: End| {
                sides
                    .iter()
                    .filter(|(e, _)| *e == end)
                    .flat_map(|(_, lines)| lines.iter().map(|l| display_width(l)))
                    .max()
                    .unwrap_or(0)
            };
            // One space between the text and its line.
            let left = widest(End::Left) + 1;
            let right = widest(End::Right) + 1;
            let gap = (width - 2 - left - right).min(MAX_GAP);
            Layout {
                left,
                gap,
                right,
                inside: false,
            }
        } else {
            Layout {
                left: 0,
                gap: (width - 2).min(MAX_COMPACT_GAP),
                right: 0,
                inside: true,
            }
        }
    }

    /// Where the right line stands.
    fn right_line(&self) -> usize {
        self.left + 1 + self.gap
    }

    /// Columns a call or state may take on one line.
    fn side_room(&self, end: End) -> usize {
        match (self.inside, end) {
            (true, _) => self.gap.saturating_sub(2),
            (false, End::Left) => self.left - 1,
            (false, End::Right) => self.right - 1,
        }
    }
}

/// One drawing in progress.
struct Drawing<'a> {
    ladder: &'a Ladder,
    options: &'a RenderOptions,
    absolute: bool,
    width: usize,
    layout: Layout,
}

impl<'a> Drawing<'a> {
    fn new(ladder: &'a Ladder, options: &'a RenderOptions, absolute: bool) -> Self {
        let width = usize::from(options.width).max(MIN_WIDTH);
        Drawing {
            ladder,
            options,
            absolute,
            width,
            layout: Layout::choose(ladder, width),
        }
    }

    fn chunks(&self) -> Vec<Vec<String>> {
        let mut chunks = vec![self.header()];
        let mut pending = Vec::new();
        let mut after_segment = false;
        for row in &self.ladder.rows {
            match row {
                LadderRow::Segment(arrow) => {
                    pending.push(self.blank());
                    pending.extend(self.segment(arrow));
                    chunks.push(std::mem::take(&mut pending));
                    after_segment = true;
                }
                side => {
                    if after_segment {
                        pending.push(self.blank());
                        after_segment = false;
                    }
                    pending.extend(self.side(side));
                }
            }
        }
        pending.push(self.blank());
        match chunks.len() {
            1 => chunks.push(pending),
            _ => {
                if let Some(last) = chunks.last_mut() {
                    last.extend(pending);
                }
            }
        }
        chunks
    }

    /// The key, a blank line, the column titles and the first stretch of
    /// the two lines.
    fn header(&self) -> Vec<String> {
        let mut lines: Vec<String> = legend(self.ladder, self.absolute)
            .iter()
            .flat_map(|sentence| {
                let words: Vec<String> = sentence.split(' ').map(str::to_string).collect();
                pack(&words, self.width)
            })
            .collect();
        lines.push(String::new());
        lines.extend(self.titles());
        lines.push(self.blank());
        lines
    }

    /// The two titles on one line, each centred over its line when there is
    /// room, else on two lines; a title wider than the terminal is cut with
    /// "…".
    fn titles(&self) -> Vec<String> {
        let left = fit(&printable(&self.ladder.left), self.width);
        let right = fit(&printable(&self.ladder.right), self.width);
        let (lw, rw) = (display_width(&left), display_width(&right));
        let (left_at, right_at) = if self.layout.inside {
            (0, (self.layout.right_line() + 1).saturating_sub(rw))
        } else {
            (
                self.layout.left.saturating_sub(lw / 2),
                self.layout.right_line().saturating_sub(rw / 2),
            )
        };
        let right_at = right_at.min(self.width - rw);
        let left_at = left_at.min(self.width - lw);
        let bold = |t: &str| heading(self.options, t);
        if left_at + lw + 2 <= right_at {
            vec![format!(
                "{}{}{}{}",
                " ".repeat(left_at),
                bold(&left),
                " ".repeat(right_at - left_at - lw),
                bold(&right)
            )]
        } else {
            vec![
                format!("{}{}", " ".repeat(left_at), bold(&left)),
                format!("{}{}", " ".repeat(right_at), bold(&right)),
            ]
        }
    }

    /// The two lines and nothing else.
    fn blank(&self) -> String {
        self.row("", 0, "│", &" ".repeat(self.layout.gap), "│", "", 0)
    }

    /// One line of the drawing: text left of the left line (right-aligned
    /// against it), the left line's glyph, exactly `gap` columns between,
    /// the right line's glyph, text right of it. Widths are given plain,
    /// since the texts may carry colour.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        before: &str,
        before_width: usize,
        left_glyph: &str,
        middle: &str,
        right_glyph: &str,
        after: &str,
        after_width: usize,
    ) -> String {
        let mut line = String::new();
        if self.layout.left > 0 {
            let pad = self.layout.left.saturating_sub(before_width + 1);
            line.push_str(&" ".repeat(pad));
            line.push_str(before);
            line.push_str(&" ".repeat(self.layout.left - pad - before_width));
        }
        line.push_str(left_glyph);
        line.push_str(middle);
        line.push_str(right_glyph);
        if after_width > 0 {
            line.push(' ');
            line.push_str(after);
        }
        line
    }

    /// A call or a state beside its own line, wrapped to the room there.
    fn side(&self, row: &LadderRow) -> Vec<String> {
        let Some((end, pieces)) = side_pieces(row) else {
            return Vec::new();
        };
        let state = matches!(row, LadderRow::State { .. });
        let gap = self.layout.gap;
        pack(&pieces, self.layout.side_room(end))
            .into_iter()
            .map(|text| {
                let w = display_width(&text);
                let painted = if state {
                    heading(self.options, &text)
                } else {
                    paint(self.options, LayerKind::Application, &text)
                };
                match (self.layout.inside, end) {
                    (false, End::Left) => self.row(&painted, w, "│", &" ".repeat(gap), "│", "", 0),
                    (false, End::Right) => self.row("", 0, "│", &" ".repeat(gap), "│", &painted, w),
                    (true, End::Left) => {
                        let middle = format!(" {painted}{}", " ".repeat(gap.saturating_sub(w + 1)));
                        self.row("", 0, "│", &middle, "│", "", 0)
                    }
                    (true, End::Right) => {
                        let middle = format!("{}{painted} ", " ".repeat(gap.saturating_sub(w + 1)));
                        self.row("", 0, "│", &middle, "│", "", 0)
                    }
                }
            })
            .collect()
    }

    /// A segment: its label (near the sender's line) and its arrow.
    fn segment(&self, arrow: &Arrow) -> Vec<String> {
        let gap = self.layout.gap;
        let room = gap.saturating_sub(2);
        let colour = |text: &str| {
            if !self.options.color {
                text.to_string()
            } else if arrow.lost {
                text.red().to_string()
            } else {
                paint(self.options, LayerKind::Transport, text)
            }
        };
        let mut lines: Vec<String> = pack(&label_pieces(arrow, self.absolute), room)
            .into_iter()
            .map(|text| {
                let w = display_width(&text);
                let pad = " ".repeat(gap.saturating_sub(w + 1));
                let middle = match arrow.from {
                    End::Left => format!(" {}{pad}", colour(&text)),
                    End::Right => format!("{pad}{} ", colour(&text)),
                };
                self.row("", 0, "│", &middle, "│", "", 0)
            })
            .collect();
        let (shaft, left_glyph, right_glyph) = self.shaft(arrow);
        lines.push(self.row("", 0, left_glyph, &colour(&shaft), right_glyph, "", 0));
        lines
    }

    /// The arrow between the lines (exactly `gap` columns) and the glyphs
    /// of the two lines: `├───…──>│`, `│<──…───┤`; dashed `╌` when only
    /// predicted; a lost one stops two thirds of the way at `X lost`.
    fn shaft(&self, arrow: &Arrow) -> (String, &'static str, &'static str) {
        let gap = self.layout.gap;
        let dash = if arrow.observed { "─" } else { "╌" };
        let (from_glyph, to_glyph) = ("├", "┤");
        let (left_glyph, right_glyph) = match arrow.from {
            End::Left => (from_glyph, "│"),
            End::Right => ("│", to_glyph),
        };
        if !arrow.lost {
            let body = dash.repeat(gap.saturating_sub(1));
            let shaft = match arrow.from {
                End::Left => format!("{body}>"),
                End::Right => format!("<{body}"),
            };
            return (shaft, left_glyph, right_glyph);
        }
        let word = t!("lost");
        let word_w = display_width(word);
        let reach = (gap * 2 / 3).min(gap.saturating_sub(word_w + 1)).max(1);
        let body = dash.repeat(reach - 1);
        let tail_w = gap - reach;
        let tail = if tail_w > word_w {
            format!(" {word}{}", " ".repeat(tail_w - word_w - 1))
        } else {
            " ".repeat(tail_w)
        };
        let shaft = match arrow.from {
            End::Left => format!("{body}X{tail}"),
            End::Right => {
                let tail: String = if tail_w > word_w {
                    format!("{}{word} ", " ".repeat(tail_w - word_w - 1))
                } else {
                    " ".repeat(tail_w)
                };
                format!("{tail}X{body}")
            }
        };
        (shaft, left_glyph, right_glyph)
    }
}

/// `text` cut to `width` columns with "…" when wider.
fn fit(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut buf = [0; 4];
        if display_width(&out) + display_width(c.encode_utf8(&mut buf)) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
