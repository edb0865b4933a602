//! `stackviz send --tcp --count N` run for real on loopback: every byte
//! arrives in order, the window reaches 0 with a small receive buffer and
//! a slow reader (seen in TCP_INFO samples without capture, and on the wire
//! as root: zero windows, window updates, zero-window probes), the JSON's
//! values agree with each other and with the table, and Ctrl-C ends a long
//! run with its summary.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{
    can_capture, json_of, stackviz, stackviz_at, stackviz_std, succeeded, text, RUN_LIMIT,
};
use serde_json::Value;

fn flow_json(args: &[&str]) -> Value {
    let out = succeeded(
        stackviz()
            .args(["send", "--tcp", "--format", "json"])
            .args(args),
    );
    let doc = json_of(&out);
    assert_eq!(doc["schema"], "stackviz.flow/1", "{doc}");
    doc
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("{v} is not a number"))
}

/// The stream checks a user reads: all N messages, all bytes, one CRC.
fn assert_intact(doc: &Value, count: u64) {
    let message = n(&doc["message_bytes"]);
    assert_eq!(doc["intact"], true, "{}", doc["received"]);
    assert_eq!(n(&doc["sent"]["messages"]), count);
    assert_eq!(n(&doc["sent"]["bytes"]), count * message);
    assert_eq!(doc["received"]["bytes"], doc["sent"]["bytes"]);
    assert_eq!(n(&doc["received"]["messages_in_order"]), count);
    assert_eq!(doc["received"]["crc32"], doc["sent"]["crc32"]);
    assert_eq!(doc["received"]["first_mismatch"], Value::Null);
    assert_eq!(doc["received"]["eof"], true);
}

#[test]
fn every_byte_arrives_in_order_and_the_table_says_so() {
    // Wide enough that no sentence wraps.
    let out = succeeded(stackviz_at(400).args([
        "send",
        "--tcp",
        "--count",
        "1500",
        "--slow-receiver",
        "20",
        "--capture",
        "off",
        "--port",
        "15661",
    ]));
    let table = text(&out.stdout);
    // 1500 messages of "#0001 Hello!!": 13 bytes each.
    assert!(
        table.contains("✓ every byte arrived, in order: 19500 bytes sent = 19500 bytes read"),
        "{table}"
    );
    assert!(
        table.contains("messages 1 to 1500 each once and in order"),
        "{table}"
    );
    assert!(
        table.contains("\"#0001 Hello!!\", \"#0002 Hello!!\""),
        "{table}"
    );
    let crc = format!("{:08x}", crc32_of_messages(1500, b"Hello!!"));
    assert!(
        table.contains(&format!("CRC-32 {crc} at both ends")),
        "{table}"
    );
}

/// The CRC-32 of `#0001 TEXT#0002 TEXT...`, computed here, independently.
fn crc32_of_messages(count: u64, text: &[u8]) -> u32 {
    let mut stream = Vec::new();
    for i in 1..=count {
        stream.extend_from_slice(format!("#{i:04} ").as_bytes());
        stream.extend_from_slice(text);
    }
    crc32fast::hash(&stream)
}

#[test]
fn the_window_reaches_zero_in_tcp_info_samples_without_capture() {
    let doc = flow_json(&[
        "--count",
        "2000",
        "--rcvbuf",
        "4096",
        "--slow-receiver",
        "100",
        "--capture",
        "off",
        "--port",
        "15662",
    ]);
    assert_intact(&doc, 2000);
    assert_eq!(doc["capture"]["status"], "off");
    let samples = doc["samples"].as_array().expect("samples");
    let zero: Vec<&Value> = samples
        .iter()
        .filter(|s| s["client"]["snd_wnd"] == 0)
        .collect();
    assert!(!zero.is_empty(), "the window never reached 0");
    // The summary counts exactly the samples that saw 0.
    assert_eq!(n(&doc["window_zero"]["samples"]), zero.len() as u64);
    let stretches = doc["window_zero"]["stretches"].as_array().unwrap();
    assert!(!stretches.is_empty());
    // Each stretch starts at a sample that saw 0 and ends at one that saw it open.
    for s in stretches {
        let from = s[0].as_f64().unwrap();
        let at_from = samples.iter().find(|x| x["ms"].as_f64() == Some(from));
        assert_eq!(
            at_from.expect("a sample at the start")["client"]["snd_wnd"],
            0
        );
        if let Some(until) = s[1].as_f64() {
            let at_until = samples.iter().find(|x| x["ms"].as_f64() == Some(until));
            assert!(n(&at_until.expect("a sample at the end")["client"]["snd_wnd"]) > 0);
        }
    }
    // The sender was held back by the receiver's window, by the kernel's count.
    let limited = doc["client_final"]["rwnd_limited_ms"].as_f64().unwrap();
    assert!(limited > 0.0, "{}", doc["client_final"]);
    // The server set the small buffer the client saw it advertise.
    assert_eq!(n(&doc["rcvbuf"]["asked"]), 4096);
    assert_eq!(n(&doc["rcvbuf"]["set"]), 8192);
    // The slowest message waited for at least one pause of the reader.
    assert!(doc["delivery_ms"]["slowest"].as_f64().unwrap() >= 100.0);
}

#[test]
fn the_capture_shows_zero_windows_and_window_updates() {
    if !can_capture("the_capture_shows_zero_windows_and_window_updates") {
        return;
    }
    let doc = flow_json(&[
        "--count",
        "2000",
        "--slow-receiver",
        "100",
        "--capture",
        "on",
        "--port",
        "15663",
    ]);
    assert_intact(&doc, 2000);
    let capture = &doc["capture"];
    assert_eq!(capture["status"], "caught", "{capture}");
    assert!(n(&capture["zero_windows"]) >= 1, "{capture}");
    assert!(
        n(&capture["window_updates"]) + n(&capture["zero_window_probes"]) >= 1,
        "{capture}"
    );
    // Every new byte on the wire once: exactly what send() took.
    assert_eq!(capture["data_bytes"], doc["sent"]["bytes"]);
    // The counts are the listed events, kind by kind.
    let events = capture["events"].as_array().unwrap();
    for (key, kind) in [
        ("zero_windows", "zero_window"),
        ("zero_window_probes", "zero_window_probe"),
        ("window_updates", "window_update"),
        ("retransmissions", "retransmission"),
    ] {
        let listed = events.iter().filter(|e| e["kind"] == kind).count() as u64;
        assert_eq!(n(&capture[key]), listed, "{key}");
    }
    for e in events.iter().filter(|e| e["kind"] == "zero_window") {
        assert_eq!(e["from"], "server");
        assert_eq!(e["window"], 0);
    }
    // A window update follows a zero window with the same acknowledgment.
    for (i, e) in events.iter().enumerate() {
        if e["kind"] == "window_update" {
            assert!(n(&e["window"]) > 0);
            assert_eq!(e["len"], 0);
        }
        if e["kind"] == "zero_window" {
            let next = events[i + 1..].iter().find(|x| x["from"] == "server");
            if let Some(next) = next {
                assert_eq!(next["ack"], e["ack"], "{next}");
            }
        }
    }
}

#[test]
fn a_long_zero_window_brings_zero_window_probes() {
    if !can_capture("a_long_zero_window_brings_zero_window_probes") {
        return;
    }
    // Pauses longer than the retransmission timeout (200 ms at least):
    // the client asks before the server's program reads.
    let doc = flow_json(&[
        "--count",
        "800",
        "--slow-receiver",
        "700",
        "--capture",
        "on",
        "--port",
        "15664",
    ]);
    assert_intact(&doc, 800);
    let capture = &doc["capture"];
    assert!(n(&capture["zero_window_probes"]) >= 1, "{capture}");
    let events = capture["events"].as_array().unwrap();
    for (i, probe) in events
        .iter()
        .enumerate()
        .filter(|(_, e)| e["kind"] == "zero_window_probe")
    {
        assert_eq!(probe["from"], "client");
        assert!(n(&probe["len"]) <= 1);
        // seq = the last acknowledged - 1, while the window was 0.
        let before = events[..i]
            .iter()
            .rev()
            .find(|x| x["from"] == "server")
            .expect("a server segment before the probe");
        assert_eq!(before["window"], 0, "{before}");
        assert_eq!(n(&probe["seq"]) + 1, n(&before["ack"]), "{probe}");
    }
}

#[test]
fn chinese_names_the_flow_control_words() {
    let out = succeeded(common::stackviz_zh().args([
        "send",
        "--tcp",
        "--count",
        "2000",
        "--port",
        "15665",
        "--capture",
        "off",
        "--width",
        "100",
    ]));
    let table = text(&out.stdout);
    for word in [
        "流量控制",
        "窗口",
        "✓ 每个字节都按顺序到达",
        "发送方被放慢了",
    ] {
        assert!(table.contains(word), "{word} missing:\n{table}");
    }
}

#[test]
fn tcp_options_of_the_loss_run_are_refused_where_they_mean_nothing() {
    let out = stackviz()
        .args(["send", "--count", "5", "--sndbuf", "1000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--tcp"), "{}", text(&out.stderr));
    let out = stackviz()
        .args(["send", "--tcp", "--count", "5", "--order"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

/// Whether a TCP socket on 127.0.0.1:`port` exists (/proc/net/tcp).
fn tcp_port_used(port: u16) -> bool {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let wanted = format!("0100007F:{port:04X}");
    table
        .lines()
        .any(|l| l.split_whitespace().nth(1) == Some(wanted.as_str()))
}

#[test]
fn ctrl_c_ends_a_long_run_with_its_summary() {
    const PORT: u16 = 15666;
    let mut child = common::spawn(
        stackviz_std()
            .args(["send", "--tcp", "--format", "json", "--count", "10000000"])
            .args(["--slow-receiver", "50", "--capture", "off"])
            .args(["--port", &PORT.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let deadline = Instant::now() + RUN_LIMIT;
    while !tcp_port_used(PORT) {
        assert!(Instant::now() < deadline, "the server never bound {PORT}");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(400));
    // SAFETY: kill() with our own child's pid and a valid signal.
    let r = unsafe { libc::kill(child.child().id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(r, 0, "SIGINT could not be sent");
    let out = child.wait_output(RUN_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = json_of(&out);
    assert_eq!(doc["interrupted"], true, "{}", doc["sent"]);
    let sent = n(&doc["sent"]["messages"]);
    assert!(sent > 0 && sent < 10_000_000, "{}", doc["sent"]);
    assert_intact(&doc, sent);
}
