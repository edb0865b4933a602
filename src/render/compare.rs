//! Built versus captured as a table: one row per field with both values and
//! the verdict, unexpected differences highlighted, and the summary line.

use std::io::{self, Write};

use owo_colors::OwoColorize;

use super::layers::value;
use super::{new_table, RenderOptions};
use crate::compare::{Comparison, Verdict};

/// The summary line, e.g. "21 of 26 fields identical, 5 explained, 0 unexpected".
pub fn summary(comparison: &Comparison) -> String {
    format!(
        "{} of {} fields identical, {} explained, {} unexpected",
        comparison.identical,
        comparison.fields.len(),
        comparison.explained,
        comparison.unexpected
    )
}

pub fn render(
    comparison: &Comparison,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let mut table = new_table(options);
    table.set_header(vec!["field", "built", "captured", "verdict"]);
    for row in &comparison.fields {
        let verdict = match &row.verdict {
            Verdict::Same => "same".to_string(),
            Verdict::Explained { reason } => format!("differs, explained: {reason}"),
            Verdict::Unexpected if options.color => "DIFFERS, UNEXPECTED".red().bold().to_string(),
            Verdict::Unexpected => "DIFFERS, UNEXPECTED".to_string(),
        };
        table.add_row(vec![
            format!("{}\n({})", row.name, row.layer.title()),
            row.built
                .as_ref()
                .map(value)
                .unwrap_or_else(|| "(none)".into()),
            row.captured
                .as_ref()
                .map(value)
                .unwrap_or_else(|| "(none)".into()),
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
