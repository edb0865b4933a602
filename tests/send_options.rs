//! `send` options a user combines: --compare-families, the usage conflicts
//! clap must refuse (MESSAGE with --hex, --port with --to), every range limit
//! (exit 2 naming the value and the flag), and --lang zh for send's run
//! errors, --step and decode --html.

mod common;

use std::net::UdpSocket;

use common::{stackviz, TempDir};
use serde_json::Value;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = stackviz().args(args).output().expect("stackviz runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Any CJK ideograph: the text is (at least partly) Chinese.
fn chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn compare_families_sends_over_both_and_counts_the_bytes() {
    let out = run(&[
        "send",
        "--compare-families",
        "--port",
        "0",
        "--capture",
        "off",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "stackviz.families/1");
    assert_eq!(doc["ipv4"]["frame_length"], 64);
    assert_eq!(doc["ipv6"]["frame_length"], 73);
    let network = |d: &Value| {
        d["encapsulation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["layer"] == "network")
            .unwrap()["added"]
            .clone()
    };
    assert_eq!(network(&doc["ipv4"]), 20);
    assert_eq!(network(&doc["ipv6"]), 40);
    let table = run(&[
        "send",
        "--compare-families",
        "--port",
        "0",
        "--capture",
        "off",
        "--color",
        "never",
        "--width",
        "100",
    ]);
    assert_eq!(table.code, Some(0), "{}", table.stderr);
    assert!(
        table
            .stdout
            .contains("frame: 64 bytes over IPv4, 73 over IPv6 (+9 bytes)"),
        "{}",
        table.stdout
    );
}

/// Exit 2, nothing on stdout, an `error:` first line holding every `says`.
fn assert_usage_error(out: &Run, says: &[&str]) {
    assert_eq!(out.code, Some(2), "stderr:\n{}", out.stderr);
    assert!(out.stdout.is_empty(), "stdout:\n{}", out.stdout);
    let first = out.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("error: "), "{}", out.stderr);
    for text in says {
        assert!(first.contains(text), "{text:?} not in {first:?}");
    }
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn conflicting_options_are_usage_errors() {
    // Nothing may be sent: a socket of the test's own receives nothing.
    let watcher = UdpSocket::bind("127.0.0.1:0").unwrap();
    watcher
        .set_read_timeout(Some(std::time::Duration::from_millis(300)))
        .unwrap();
    let to = watcher.local_addr().unwrap().to_string();
    assert_usage_error(
        &run(&["send", "--to", &to, "hello", "--hex", "41"]),
        &["MESSAGE", "--hex"],
    );
    assert_usage_error(
        &run(&["send", "--to", &to, "--hex", "41", "--file", "-"]),
        &["--hex", "--file"],
    );
    assert_usage_error(
        &run(&["send", "--port", "1", "--to", &to]),
        &["--port", "--to"],
    );
    let mut buf = [0u8; 64];
    assert!(
        watcher.recv_from(&mut buf).is_err(),
        "a refused command line sent a datagram"
    );
}

#[test]
fn every_range_limit_is_a_usage_error_naming_value_and_flag() {
    for (args, value, flag) in [
        (&["send", "--port", "65536"][..], "65536", "--port"),
        (&["send", "--ttl", "0"], "0", "--ttl"),
        (&["send", "--ttl", "256"], "256", "--ttl"),
        (&["send", "--mtu", "67"], "67", "--mtu"),
        (&["send", "--mtu", "65536"], "65536", "--mtu"),
        (&["send", "--width", "39"], "39", "--width"),
        (&["send", "--width", "1001"], "1001", "--width"),
        (&["send", "--timeout", "0"], "0", "--timeout"),
        (&["send", "--timeout", "3601"], "3601", "--timeout"),
        (&["recv", "--buf", "0"], "0", "--buf"),
        (&["recv", "--buf", "1048577"], "1048577", "--buf"),
        (&["recv", "--count", "0"], "0", "--count"),
        (&["recv", "--timeout", "3601"], "3601", "--timeout"),
    ] {
        let out = run(args);
        assert_usage_error(&out, &[&format!("'{value}'"), flag]);
    }
    // The limits themselves are accepted.
    for args in [
        &["send", "--port", "0", "--ttl", "255", "--capture", "off"][..],
        &["send", "--port", "0", "--mtu", "68", "--capture", "off"],
        &["send", "--port", "0", "--width", "40", "--capture", "off"],
        &[
            "send",
            "--port",
            "0",
            "--timeout",
            "3600",
            "--capture",
            "off",
        ],
    ] {
        let out = run(args);
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn a_send_run_error_is_said_in_chinese() {
    let holder = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port().to_string();
    let out = run(&["--lang", "zh", "send", "--port", &port]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let mut lines = out.stderr.lines();
    let error = lines.next().unwrap_or_default();
    let hint = lines.next().unwrap_or_default();
    assert!(error.starts_with("错误："), "{}", out.stderr);
    assert!(error.contains(&format!("127.0.0.1:{port}")), "{error}");
    assert!(chinese(error.trim_start_matches("错误：")), "{error}");
    assert!(hint.starts_with("提示："), "{}", out.stderr);
    assert!(hint.contains("--port 0"), "{hint}");
    drop(holder);
}

#[test]
fn step_mode_in_chinese_goes_down_then_up() {
    let out = run(&[
        "--lang",
        "zh",
        "send",
        "--port",
        "0",
        "--step",
        "--capture",
        "off",
        "--color",
        "never",
        "--width",
        "100",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = &out.stdout;
    // The same five steps down and four up as in English, in Chinese words,
    // in that order.
    let at = |prefix: &str| {
        text.lines()
            .position(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starts with {prefix:?}:\n{text}"))
    };
    let order = [
        at("第 1/5 步 · 应用层"),
        at("第 2/5 步 · 传输层"),
        at("第 3/5 步 · 网络层"),
        at("第 4/5 步 · 数据链路层"),
        at("第 5/5 步 · 物理层"),
        at("向上 1/4 · 数据链路层"),
        at("向上 2/4 · 网络层"),
        at("向上 3/4 · 传输层"),
        at("向上 4/4 · 应用层"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!text.contains("Step 1 of 5"), "English left:\n{text}");
    assert!(!text.contains("Up 1 of 4"), "English left:\n{text}");
}

#[test]
fn decode_html_in_chinese_declares_its_language() {
    let dir = TempDir::new("decode-html-zh");
    let file = dir.file("decode.html");
    let frame = "000000000000000000000000080045000023000040004011 3cc87f0000017f000001a4343a99000fde0c48656c6c6f2121";
    let out = run(&["--lang", "zh", "decode", frame, "--html", &file]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(
        html.contains("<html lang=\"zh"),
        "the page declares Chinese"
    );
    assert!(chinese(&html), "no Chinese in the page");
    assert!(html.contains(">48</span>"), "payload bytes in the hex dump");
    assert!(
        !html.contains("Transport layer · UDP"),
        "English heading left"
    );
}
