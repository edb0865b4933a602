//! The ladder diagram for the HTML report: an inline SVG (no external
//! assets, no script) with the two columns, one arrow per segment with its
//! arrowhead and label, and the calls and states beside their columns. Each
//! arrow is a `<g class="segment" data-segment="N">` linking to the page's
//! `#segment-N`, so the page can tie an arrow to that segment's tables and
//! bytes; it also carries `data-f="segment-N"`, the attribute the report's
//! hover script already lights across the page, so an element tagged with
//! the same id lights with the arrow.

use std::fmt::Write as _;

use super::display_width;
use super::html_parts::escape;
use super::ladder::{label_pieces, legend, pack, printable, side_pieces};
use crate::session::ladder::{Arrow, End, Ladder, LadderRow};
use crate::t;

/// Width of one terminal column at the 12 px monospace font the SVG uses
/// (a Chinese character takes two).
const COLUMN: f64 = 7.3;
/// Height of one line of text.
const LINE: f64 = 15.0;
/// Columns an arrow's label or a call takes before it wraps.
const LABEL_COLUMNS: usize = 46;
const SIDE_COLUMNS: usize = 34;

const OBSERVED: &str = "#111827";
const PREDICTED: &str = "#6b7280";
const LOST: &str = "#b91c1c";
const RETRANSMITTED: &str = "#b45309";

/// The ladder as one `<svg>` element.
pub fn svg(ladder: &Ladder, absolute: bool) -> String {
    let px = |columns: usize| columns as f64 * COLUMN;
    let widest = |end: End| {
        ladder
            .rows
            .iter()
            .filter_map(side_pieces)
            .filter(|(e, _)| *e == end)
            .flat_map(|(_, pieces)| pack(&pieces, SIDE_COLUMNS))
            .map(|line| display_width(&line))
            .max()
            .unwrap_or(0)
    };
    let label_columns = ladder
        .rows
        .iter()
        .filter_map(|row| match row {
            LadderRow::Segment(arrow) => Some(arrow),
            _ => None,
        })
        .flat_map(|arrow| pack(&label_pieces(arrow, absolute), LABEL_COLUMNS))
        .map(|line| display_width(&line))
        .max()
        .unwrap_or(0);
    let title_half = |title: &str| px(display_width(title)) / 2.0 + 8.0;
    let left_x = (px(widest(End::Left)) + 16.0)
        .max(title_half(&ladder.left))
        .max(40.0);
    let gap = (px(label_columns) + 40.0).max(300.0);
    let right_x = left_x + gap;
    let mut width = right_x
        + (px(widest(End::Right)) + 16.0)
            .max(title_half(&ladder.right))
            .max(40.0);

    let top = 28.0;
    let mut y = top;
    let mut body = String::new();
    for row in &ladder.rows {
        match row {
            LadderRow::Segment(arrow) => {
                y = segment(arrow, absolute, left_x, right_x, y, &mut body);
            }
            other => y = side(other, left_x, right_x, y, &mut body),
        }
    }
    let bottom = y + 14.0;
    y = bottom + 6.0;
    let mut key = String::new();
    for line in legend(ladder, absolute) {
        y += LINE;
        width = width.max(px(display_width(&line)) + 8.0);
        let _ = write!(
            key,
            r#"<text class="legend" x="4" y="{y}">{}</text>"#,
            escape(&line)
        );
    }
    let height = y + 8.0;

    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="ladder" role="img" aria-label="{label}" style="max-width:100%;height:auto" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="monospace" font-size="12">"#,
        label = escape(t!("ladder diagram")),
    );
    for (x, title) in [(left_x, &ladder.left), (right_x, &ladder.right)] {
        let _ = write!(
            out,
            r##"<text class="column-title" x="{x:.1}" y="16" text-anchor="middle" font-weight="bold">{}</text><line class="column" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="#9ca3af" stroke-width="2"/>"##,
            escape(&printable(title)),
            top - 6.0
        );
    }
    out.push_str(&body);
    out.push_str(&key);
    out.push_str("</svg>");
    out
}

/// A call or state beside its column: right-aligned left of the left
/// column, left-aligned right of the right one. Returns the next y.
fn side(row: &LadderRow, left_x: f64, right_x: f64, mut y: f64, out: &mut String) -> f64 {
    let Some((end, pieces)) = side_pieces(row) else {
        return y;
    };
    let (class, weight) = match row {
        LadderRow::State { .. } => ("state", r#" font-weight="bold""#),
        _ => ("call", ""),
    };
    let (x, anchor) = match end {
        End::Left => (left_x - 8.0, "end"),
        End::Right => (right_x + 8.0, "start"),
    };
    for line in pack(&pieces, SIDE_COLUMNS) {
        y += LINE;
        let _ = write!(
            out,
            r#"<text class="{class}" x="{x:.1}" y="{y:.1}" text-anchor="{anchor}"{weight}>{}</text>"#,
            escape(&line)
        );
    }
    y
}

/// One arrow with its label above it, near the sender. Returns the next y.
fn segment(
    arrow: &Arrow,
    absolute: bool,
    left_x: f64,
    right_x: f64,
    mut y: f64,
    out: &mut String,
) -> f64 {
    let pieces = label_pieces(arrow, absolute);
    let mut classes = String::from("segment");
    let (colour, dashes) = if arrow.lost {
        classes.push_str(" lost");
        (LOST, r#" stroke-dasharray="7 4""#)
    } else if arrow.retransmission {
        (RETRANSMITTED, "")
    } else if arrow.observed {
        (OBSERVED, "")
    } else {
        (PREDICTED, r#" stroke-dasharray="2 3""#)
    };
    if arrow.retransmission {
        classes.push_str(" retransmission");
    }
    if !arrow.observed {
        classes.push_str(" predicted");
    }
    let mut tooltip = pieces.join(" ");
    if arrow.lost {
        tooltip = format!("{tooltip} {}", t!("lost"));
    }
    let n = arrow.number;
    let _ = write!(
        out,
        r##"<g class="{classes}" data-segment="{n}" data-f="segment-{n}"><title>{}</title><a href="#segment-{n}">"##,
        escape(&tooltip)
    );
    let (text_x, anchor, from, to) = match arrow.from {
        End::Left => (left_x + 8.0, "start", left_x, right_x),
        End::Right => (right_x - 8.0, "end", right_x, left_x),
    };
    y += 6.0;
    for line in pack(&pieces, LABEL_COLUMNS) {
        y += LINE;
        let _ = write!(
            out,
            r#"<text x="{text_x:.1}" y="{y:.1}" text-anchor="{anchor}" fill="{colour}">{}</text>"#,
            escape(&line)
        );
    }
    y += 9.0;
    let toward = (to - from).signum();
    if arrow.lost {
        // Sent but never seen arriving: the arrow stops short at a cross.
        let end = from + (to - from) * 0.65;
        let _ = write!(
            out,
            r#"<line x1="{from:.1}" y1="{y:.1}" x2="{end:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="1.5"{dashes}/><path d="M{:.1} {:.1} L{:.1} {:.1} M{:.1} {:.1} L{:.1} {:.1}" stroke="{colour}" stroke-width="2"/><text x="{:.1}" y="{:.1}" text-anchor="{anchor}" fill="{colour}">{}</text>"#,
            end - 5.0,
            y - 5.0,
            end + 5.0,
            y + 5.0,
            end - 5.0,
            y + 5.0,
            end + 5.0,
            y - 5.0,
            end + toward * 10.0,
            y + 4.0,
            escape(t!("lost"))
        );
    } else {
        let tip = to;
        let base = to - toward * 9.0;
        let _ = write!(
            out,
            r#"<line x1="{from:.1}" y1="{y:.1}" x2="{base:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="1.5"{dashes}/><polygon points="{tip:.1},{y:.1} {base:.1},{:.1} {base:.1},{:.1}" fill="{colour}"/>"#,
            y - 4.5,
            y + 4.5
        );
    }
    out.push_str("</a></g>");
    y + 6.0
}
