//! The HTML report a teacher projects holds everything the terminal shows
//! (worked checksums, the physical layer, the PDU growth table, the hex
//! dump's ASCII column), goes down the sender's stack application first, and
//! walks through its sections one at a time (driven here through the URL in
//! a real headless Chromium, as a bookmark would).

mod common;

use std::path::{Path, PathBuf};

use common::browser::{chromium_for, dump_dom};
use common::{stackviz, succeeded, TempDir};

fn scratch(name: &str) -> TempDir {
    TempDir::new(&format!("report-{name}"))
}

fn report(dir: &Path, lang: &str, args: &[&str]) -> (PathBuf, String) {
    let file = dir.join(format!("{lang}.html"));
    succeeded(
        stackviz()
            .args(["--lang", lang])
            .args(args)
            .arg("--html")
            .arg(&file),
    );
    let html = std::fs::read_to_string(&file).unwrap();
    (file, html)
}

fn send_report(dir: &Path, lang: &str) -> (PathBuf, String) {
    report(dir, lang, &["send", "--port", "0", "--capture", "off"])
}

/// Position of `needle` in `html`, failing with its name when missing.
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("missing {needle:?}"))
}

#[test]
fn the_report_holds_what_the_terminal_shows() {
    let scratch = scratch("content");
    let (_, html) = send_report(scratch.path(), "en");
    for needle in [
        // The worked checksums, term by term.
        "UDP Checksum, worked out",
        "IPv4 Header Checksum, worked out",
        "pseudo-header (12 bytes, never sent",
        "running total",
        "one&#39;s complement: ~0x",
        "stored in the frame: 0x",
        // The physical layer.
        "Physical layer · adds an 8-byte preamble and SFD",
        "Start Frame Delimiter",
        "Time at 100 Mb/s",
        // The PDU growth table.
        "The PDU grows at each step",
        "<td>+20</td>",
        // The print stylesheet and the zoom control.
        "@media print",
        r#"<button data-act="in""#,
    ] {
        at(&html, needle);
    }
    // The ASCII column beside the hex: "Hello!!" in characters, each tied to
    // the same field as its byte.
    let ascii = &html[at(&html, r#"<div class="ascii">"#)..];
    let hello: String = "Hello!!"
        .chars()
        .map(|c| {
            format!(
                ">{}</span>",
                if c == '!' {
                    "!".to_string()
                } else {
                    c.to_string()
                }
            )
        })
        .collect();
    let shown: String = ascii
        .split("<span class=\"b app\"")
        .skip(1)
        .take(7)
        .map(|s| &s[s.find('>').unwrap()..s.find("</span>").unwrap() + 7])
        .collect();
    assert_eq!(shown, hello);
}

#[test]
fn the_report_goes_down_the_stack_application_first() {
    let scratch = scratch("order");
    let (_, html) = send_report(scratch.path(), "en");
    let steps = [
        "Step 1 of 5 · Application layer",
        "Step 2 of 5 · Transport layer · UDP adds",
        "Step 3 of 5 · Network layer · IPv4 adds",
        "Step 4 of 5 · Data link layer · Ethernet II adds",
        "Step 5 of 5 · Physical layer",
        "The frame, byte by byte (64 bytes, FCS included)",
        "Up the receiver&#39;s stack, outermost layer first",
    ];
    let positions: Vec<usize> = steps.iter().map(|s| at(&html, s)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {positions:?}"
    );
    // On the way up, the link layer comes first and the data last.
    let up = &html[positions[6]..];
    assert!(
        at(up, "Data link layer · Ethernet II") < at(up, "Application layer · application data")
    );
}

/// The DOM of `file` with `hash` after its script ran, in headless Chromium.
fn dom(browser: &str, file: &Path, hash: &str, profile: &Path) -> String {
    dump_dom(
        browser,
        &format!("file://{}{hash}", file.display()),
        profile,
    )
}

fn attribute<'a>(dom: &'a str, tag_start: &str, name: &str) -> &'a str {
    let tag = &dom[at(dom, tag_start)..];
    let tag = &tag[..tag.find('>').unwrap()];
    let key = format!("{name}=\"");
    let value = &tag[at(tag, &key) + key.len()..];
    &value[..value.find('"').unwrap()]
}

/// The title of the one section the step-through shows.
fn current_title(dom: &str) -> String {
    let key = r#"<section class="step current" data-title=""#;
    let rest = &dom[at(dom, key) + key.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// Runs `check` with the browser; without one a loud skip, or a failure
/// under CI.
fn with_browser(test: &str, check: impl FnOnce(&str)) {
    if let Some(browser) = chromium_for(test) {
        check(browser);
    }
}

#[test]
fn step_through_shows_one_section_at_a_time() {
    let scratch = scratch("steps");
    let (file, _) = send_report(scratch.path(), "en");
    let profile = scratch.join("profile");
    with_browser("step_through_shows_one_section_at_a_time", |browser| {
        // Without a step everything is shown.
        let all = dom(browser, &file, "", &profile);
        assert_eq!(attribute(&all, "<body", "data-step"), "0");
        assert!(!all.contains("step current"));
        let total: usize = attribute(&all, "<body", "data-steps").parse().unwrap();
        // calls, picture, 5 layers, hex, the way up, notes.
        assert!(total >= 9, "{total} steps");

        let first = dom(browser, &file, "#step=1", &profile);
        assert_eq!(
            current_title(&first),
            "The socket calls, in the order they ran"
        );
        assert_eq!(first.matches("step current").count(), 1);
        assert!(attribute(&first, "<body", "class").contains("stepping"));

        let third = dom(browser, &file, "#step=3", &profile);
        assert_eq!(
            current_title(&third),
            "Step 1 of 5 · Application layer · the message: 7 bytes of data"
        );
        let counter = &third[at(&third, r#"id="count""#)..];
        assert!(
            counter.contains(&format!(">3 / {total} · Step 1 of 5")),
            "{}",
            &counter[..200]
        );

        // Past the end: the last section, never nothing.
        let last = dom(browser, &file, "#step=999", &profile);
        assert_eq!(attribute(&last, "<body", "data-step"), total.to_string());
    });
}

#[test]
fn step_through_in_chinese() {
    let scratch = scratch("zh");
    let (file, html) = send_report(scratch.path(), "zh");
    at(&html, "UDP Checksum");
    at(&html, "全部内容");
    let profile = scratch.join("profile");
    with_browser("step_through_in_chinese", |browser| {
        let page = dom(browser, &file, "#step=4", &profile);
        let title = current_title(&page);
        assert!(title.contains("传输层"), "{title}");
    });
}

#[test]
fn decode_pages_show_frames_as_they_arrived() {
    let scratch = scratch("decode");
    let frame = "000000000000000000000000080045000023000040004011 3cc87f0000017f000001a4343a99000fde0c48656c6c6f2121";
    let (_, html) = report(scratch.path(), "en", &["decode", frame]);
    // Outermost first, no encapsulation steps, one section for the frame.
    assert!(at(&html, "Data link layer · Ethernet II") < at(&html, "Transport layer · UDP"));
    assert!(!html.contains("Step 1 of"));
    assert!(!html.contains("The PDU grows at each step"));
    assert!(html.contains(r#"<section class="step" data-title="Frame 1">"#));
}
