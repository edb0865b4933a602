//! The HTML report: self-contained (no external assets), shows the layers,
//! the SVG, the comparison; and in a real headless Chromium, hovering a field
//! lights its bytes and hovering a byte lights its field. Outside CI the
//! browser part skips (with a message) when Chromium is missing.

mod common;

use common::browser::{chromium_for, dump_dom};
use common::{stackviz, succeeded, TempDir};

fn temp(name: &str) -> TempDir {
    TempDir::new(&format!("html-{name}"))
}

/// Loads `file#selftest` in headless Chromium and returns the page's own
/// verdict on hovering (see render/html.rs).
fn selftest(browser: &str, file: &std::path::Path, profile: &std::path::Path) -> String {
    let url = format!("file://{}#selftest", file.display());
    let dom = dump_dom(browser, &url, profile);
    let start = dom.find("data-selftest=\"").unwrap_or_else(|| {
        panic!(
            "no selftest result in the DOM: {}",
            &dom[..dom.len().min(500)]
        )
    });
    let rest = &dom[start + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[test]
fn send_html_report_is_self_contained_and_hover_works_in_a_browser() {
    let dir = temp("send");
    let file = dir.join("send.html");
    succeeded(
        stackviz()
            .args(["send", "--port", "0", "--capture", "off", "--html"])
            .arg(&file),
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [
        "<svg",
        "Data link layer · Ethernet II",
        "Network layer · IPv4",
        "Transport layer · UDP",
        "Application layer",
        "sendto(fd, &quot;Hello!!&quot;",
        "Frame Check Sequence",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    // Self-contained: nothing fetched from anywhere.
    for external in ["http://", "https://", "src=\"", "<link"] {
        assert!(!html.contains(external), "external reference {external}");
    }
    // An existing report is kept without --force.
    let again = stackviz()
        .args(["send", "--port", "0", "--html"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));

    if let Some(browser) =
        chromium_for("send_html_report_is_self_contained_and_hover_works_in_a_browser")
    {
        let verdict = selftest(browser, &file, &dir.join("profile"));
        // The first row is the application data (the page goes down the
        // sender's stack): its 7 bytes light up in the hex column, go dark
        // again, and hovering the frame's first byte (the destination
        // MAC's) lights its one row.
        assert_eq!(
            verdict, "field:f0-4-0 bytes:7 cleared:true rows:1",
            "{verdict}"
        );
    }
}

#[test]
fn decode_html_report_holds_the_frames() {
    let dir = temp("decode");
    let file = dir.join("decode.html");
    let frame = "000000000000000000000000080045000023000040004011 3cc87f0000017f000001a4343a99000fde0c48656c6c6f2121";
    succeeded(stackviz().args(["decode", frame, "--html"]).arg(&file));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<h2>Frame 1</h2>"));
    assert!(html.contains("Transport layer · UDP"));
    assert!(html.contains(">48</span>"), "payload bytes in the hex dump");
}

/// The report a Chinese-speaking class projects: the page declares its
/// language, the headings and meanings are Chinese, the field names stay as
/// the RFCs name them, and hovering still works in the browser.
#[test]
fn html_report_in_chinese_works_in_a_browser() {
    let dir = temp("zh");
    let file = dir.join("zh.html");
    let mut cmd = stackviz();
    cmd.args([
        "--lang",
        "zh",
        "send",
        "--port",
        "0",
        "--capture",
        "off",
        "--html",
    ])
    .arg(&file);
    succeeded(&mut cmd);
    let html = std::fs::read_to_string(&file).unwrap();
    for needle in [
        "<html lang=\"zh-Hans\">",
        "<meta charset=\"utf-8\">",
        "数据链路层 · Ethernet II",
        "传输层 · UDP",
        "套接字调用，按执行顺序",
        "Source Port",
        "发送方套接字的端口",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    if let Some(browser) = chromium_for("html_report_in_chinese_works_in_a_browser") {
        let verdict = selftest(browser, &file, &dir.join("profile"));
        assert_eq!(
            verdict, "field:f0-4-0 bytes:7 cleared:true rows:1",
            "{verdict}"
        );
    }
}
