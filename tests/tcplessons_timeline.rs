//! The TCP timeline keeps one layout whatever the times: the lessons quote
//! it line by line, and a run that took 10 ms or more must not widen the
//! time column and so re-wrap every other column. Ports 15590-15591 are
//! this file's.

mod common;

use common::{stackviz_at, succeeded, text};

/// The first cell of every timeline row that starts a call.
fn time_cells(output: &str) -> Vec<String> {
    let table = output
        .split("Timeline: both ends' socket calls and the segments between them")
        .nth(1)
        .expect("the timeline");
    table
        .lines()
        .take_while(|l| !l.starts_with('└'))
        .filter(|l| l.contains(" ms ┆"))
        .filter_map(|l| l.strip_prefix('│'))
        .filter_map(|l| l.split('┆').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_time_cell_is_ten_columns_right_aligned() {
    for (port, extra) in [("15590", None), ("15591", Some("--no-receiver"))] {
        let mut cmd = stackviz_at(100);
        cmd.args(["send", "--tcp", "--capture", "off", "--port", port]);
        if let Some(flag) = extra {
            cmd.arg(flag);
        }
        let out = text(&succeeded(&mut cmd).stdout);
        let cells = time_cells(&out);
        assert!(cells.len() >= 3, "only {} calls in:\n{out}", cells.len());
        for cell in &cells {
            // One space of padding on each side, then "%7.3f ms": up to
            // 999.999 ms the cell is exactly 12 columns and the number
            // ends at the same place in every row.
            assert_eq!(cell.chars().count(), 12, "{cell:?} in:\n{out}");
            let time = cell.trim();
            assert!(time.ends_with(" ms"), "{cell:?}");
            assert_eq!(
                cell,
                &format!(" {time:>10} "),
                "not right-aligned: {cell:?}"
            );
        }
    }
}
