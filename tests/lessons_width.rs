//! `--width N` holds for every line a person reads, not only the tables:
//! headings, notes, the worked sums and the hex dump fit in N columns (in
//! both languages). The boxes drawn to scale cannot be narrower than their
//! labels and are the one exception the test allows.

mod common;

use unicode_width::UnicodeWidthStr;

fn run(args: &[&str]) -> String {
    let out = common::stackviz().args(args).output().expect("runs");
    common::text(&out.stdout)
}

/// A row of the boxes drawn to scale: `Data link   frame  64 B  [Eth 14][…]`.
fn is_boxes_row(line: &str) -> bool {
    line.trim_end().ends_with(']') && line.contains(" B ") && line.contains('[')
}

fn assert_fits(text: &str, width: usize) {
    let mut checked = 0;
    for line in text.lines().filter(|l| !is_boxes_row(l)) {
        checked += 1;
        assert!(
            line.width() <= width,
            "{} columns, more than --width {width}:\n{line}",
            line.width()
        );
    }
    assert!(checked > 50, "only {checked} lines: {text}");
}

#[test]
fn send_fits_its_width_in_both_languages() {
    for width in ["60", "80", "100"] {
        for lang in ["en", "zh"] {
            let text = run(&[
                "--lang",
                lang,
                "--color",
                "never",
                "--width",
                width,
                "send",
                "--port",
                "0",
                "--capture",
                "off",
            ]);
            assert_fits(&text, width.parse().unwrap());
        }
    }
}

#[test]
fn the_hex_dump_narrows_to_eight_bytes_a_row() {
    let text = run(&[
        "--color",
        "never",
        "--width",
        "60",
        "send",
        "--port",
        "0",
        "--capture",
        "off",
    ]);
    // 64 bytes: rows at 0000, 0008, ..., 0038.
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.get(..4)
                .is_some_and(|o| o.chars().all(|c| c.is_ascii_hexdigit()))
                && l.get(4..6) == Some("  ")
        })
        .collect();
    assert_eq!(rows.len(), 8, "{text}");
    assert!(rows[1].starts_with("0008  "), "{}", rows[1]);
    let text = run(&[
        "--color",
        "never",
        "--width",
        "100",
        "send",
        "--port",
        "0",
        "--capture",
        "off",
    ]);
    assert!(text.lines().any(|l| l.starts_with("0010  ")), "{text}");
}

#[test]
fn decode_fits_a_narrow_width() {
    let frame = "ffffffffffff 000000000001 0800 4500 001c 0000 4000 4011 0000 \
                 7f000001 7f000001 3a98 3a99 0008 0000";
    let text = run(&["--color", "never", "--width", "40", "decode", frame]);
    assert_fits(&text, 40);
}
