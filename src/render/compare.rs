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
        let verdict = match &row.verdict {
            Verdict::Same => t!("same").to_string(),
            Verdict::Explained { reason } => t!("differs, explained: {reason}", reason),
            Verdict::Unexpected if options.color => {
                t!("DIFFERS, UNEXPECTED").red().bold().to_string()
            }
            Verdict::Unexpected => t!("DIFFERS, UNEXPECTED").to_string(),
        };
        table.add_row(vec![
            format!("{}\n({})", row.name, row.layer.title()),
            row.built
                .as_ref()
                .map(value)
                .unwrap_or_else(|| t!("(none)").into()),
            row.captured
                .as_ref()
                .map(value)
                .unwrap_or_else(|| t!("(none)").into()),
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
