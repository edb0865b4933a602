//! Built versus captured as a table: one row per field with both values and
//! the verdict, unexpected differences highlighted, and the summary line.

use std::io::{self, Write};

use owo_colors::OwoColorize;

use super::layers::value;
use super::{new_table, RenderOptions};
use crate::compare::{Comparison, Verdict};
use crate::t;

/// The summary line, e.g. "21 of 26 fields identical, 5 explained, 0 unexpected".
pub fn summary(comparison: &Comparison) -> String {
    t!(
        "{identical} of {total} fields identical, {explained} explained, {unexpected} unexpected",
        identical = comparison.identical,
        total = comparison.fields.len(),
        explained = comparison.explained,
        unexpected = comparison.unexpected
    )
}

/// A row's verdict in words (without colour), for every renderer.
pub fn verdict_text(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Same => t!("same").to_string(),
        Verdict::Explained { reason } => t!("differs, explained: {reason}", reason),
        Verdict::Unexpected => t!("DIFFERS, UNEXPECTED").to_string(),
    }
}

/// One side's value as a table shows it; `(none)` where that frame lacks the
/// field.
pub fn side_value(field: Option<&crate::model::Field>) -> String {
    field.map(value).unwrap_or_else(|| t!("(none)").into())
}

pub fn render(
    comparison: &Comparison,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let mut table = new_table(options);
    table.set_header(vec![
        t!("field"),
        t!("built"),
        t!("captured"),
        t!("verdict"),
    ]);
    for row in &comparison.fields {
        let mut verdict = verdict_text(&row.verdict);
        if row.verdict == Verdict::Unexpected && options.color {
            verdict = verdict.red().bold().to_string();
        }
        table.add_row(vec![
            // The layer in brackets: full-width （） around Chinese.
            format!(
                "{}\n{}",
                row.name,
                t!("({layer})", layer = row.layer.title())
            ),
            side_value(row.built.as_ref()),
            side_value(row.captured.as_ref()),
            verdict,
        ]);
    }
    writeln!(out, "{table}")?;
    let line = summary(comparison);
    if comparison.unexpected > 0 && options.color {
        writeln!(out, "{}", line.red().bold())
    } else {
        writeln!(out, "{line}")
    }
}
