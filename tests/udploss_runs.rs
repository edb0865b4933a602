//! `stackviz send --count N` run for real on loopback: the slow receiver's
//! small queue drops datagrams and every drop is counted (sent = received
//! plus dropped, from SO_RXQ_OVFL), the ranges a person reads are the
//! JSON's lists, /proc/net/snmp's difference covers the drops, one datagram
//! into a big buffer is never lost, and Ctrl-C ends a long run with its
//! summary; --rate spaces the datagrams.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{json_of, stackviz, stackviz_at, stackviz_std, succeeded, text, RUN_LIMIT};
use serde_json::Value;

fn loss_json(args: &[&str]) -> Value {
    let out = succeeded(stackviz().args(["send", "--format", "json"]).args(args));
    let doc = json_of(&out);
    assert_eq!(doc["schema"], "stackviz.loss/1", "{doc}");
    doc
}

fn n(doc: &Value, key: &str) -> u64 {
    doc[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} is not a number in {doc}"))
}

/// `[[1, 9], [12, 12]]` as the table writes it: `1-9, 12`.
fn ranges_text(ranges: &Value) -> String {
    ranges
        .as_array()
        .expect("ranges")
        .iter()
        .map(|r| {
            let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn a_full_queue_drops_and_every_drop_is_counted() {
    let doc = loss_json(&["--count", "200", "--port", "15601"]);
    let (sent, received) = (n(&doc, "sent"), n(&doc, "received"));
    let dropped = n(&doc, "dropped");
    assert_eq!(sent, 200, "every sendto() succeeded: {doc}");
    assert_eq!(n(&doc, "send_failures"), 0);
    assert!(dropped > 0, "the small buffer dropped nothing: {doc}");
    assert!(received > 0, "nothing at all arrived: {doc}");
    assert_eq!(sent, received + dropped, "sent = received + dropped: {doc}");
    assert_eq!(
        n(&doc, "lost"),
        dropped,
        "the lost numbers are the dropped ones"
    );
    assert_eq!(doc["balanced"], true);
    // The host's counters moved by at least this run's share.
    let diff = &doc["host_udp"]["difference"];
    assert!(n(diff, "rcvbuf_errors") >= dropped, "{diff}");
    assert!(n(diff, "in_errors") >= dropped, "{diff}");
    assert!(
        n(diff, "in_datagrams") > received,
        "received + the end marker: {diff}"
    );
    let before = &doc["host_udp"]["before"];
    let after = &doc["host_udp"]["after"];
    assert_eq!(
        n(after, "rcvbuf_errors") - n(before, "rcvbuf_errors"),
        n(diff, "rcvbuf_errors")
    );
    // The kernel set at least what was asked (Linux doubles it).
    assert_eq!(n(&doc["rcvbuf"], "asked"), 4096);
    assert!(n(&doc["rcvbuf"], "set") >= 4096, "{}", doc["rcvbuf"]);
}

#[test]
fn a_receiver_reading_while_sending_still_balances() {
    let doc = loss_json(&[
        "--count",
        "3000",
        "--port",
        "15602",
        "--slow-receiver",
        "0",
        "--order",
    ]);
    let (sent, received, dropped) = (n(&doc, "sent"), n(&doc, "received"), n(&doc, "dropped"));
    assert_eq!(sent, 3000);
    assert_eq!(sent, received + dropped, "{doc}");
    assert_eq!(doc["slow_receiver_ms"], 0);
    // Loopback: one queue, nothing overtakes, nothing repeats.
    assert_eq!(doc["out_of_order"], serde_json::json!([]));
    assert_eq!(doc["duplicates"], serde_json::json!([]));
}

#[test]
fn the_ranges_people_read_are_the_json_lists() {
    let args = ["--count", "120", "--rcvbuf", "4096"];
    let doc = loss_json(&[&args[..], &["--port", "15603"]].concat());
    let out = succeeded(
        stackviz_at(100)
            .args(["send", "--port", "15604", "--order"])
            .args(args),
    );
    let table = text(&out.stdout);
    let (received, lost) = (n(&doc, "received"), n(&doc, "lost"));
    let arrived_line = format!(
        "arrived: {} ({received} datagrams)",
        ranges_text(&doc["arrived_ranges"])
    );
    let lost_line = format!(
        "lost:    {} ({lost} datagrams)",
        ranges_text(&doc["lost_ranges"])
    );
    assert!(
        table.contains(&arrived_line),
        "{arrived_line:?} in:\n{table}"
    );
    assert!(table.contains(&lost_line), "{lost_line:?} in:\n{table}");
    assert!(table.contains(&format!(
        "✓ sent 120 = received {received} + dropped {lost}"
    )));
    assert!(table.contains("sendto() calls that returned success: 120 of 120"));
    // The strip: one `#` per arrived datagram, one `.` per lost one.
    let strip: String = table
        .lines()
        .skip_while(|l| !l.starts_with("# arrived, . lost:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(strip.len(), 120, "{table}");
    assert_eq!(strip.matches('#').count() as u64, received);
    assert_eq!(strip.matches('.').count() as u64, lost);
    assert!(
        table.contains("order: every datagram that arrived came in increasing order, none twice"),
        "--order on loopback: {table}"
    );
}

#[test]
fn one_datagram_into_a_big_buffer_is_not_lost() {
    let doc = loss_json(&["--count", "1", "--rcvbuf", "1048576", "--port", "15605"]);
    assert_eq!(
        (n(&doc, "sent"), n(&doc, "received"), n(&doc, "dropped")),
        (1, 1, 0),
        "{doc}"
    );
    assert_eq!(doc["arrived_ranges"], serde_json::json!([[1, 1]]));
    assert_eq!(doc["lost_ranges"], serde_json::json!([]));
    let out = succeeded(
        stackviz_at(100)
            .args(["send", "--count", "1", "--rcvbuf", "1048576"])
            .args(["--port", "15606"]),
    );
    let table = text(&out.stdout);
    assert!(table.contains("lost:    none (0 datagrams)"), "{table}");
    assert!(
        table.contains("✓ sent 1 = received 1 + dropped 0"),
        "{table}"
    );
}

#[test]
fn chinese_says_what_was_lost() {
    let out = succeeded(
        common::stackviz_zh()
            .args(["--color", "never", "--width", "100"])
            .args(["send", "--count", "50", "--port", "15607"]),
    );
    let table = text(&out.stdout);
    assert!(table.contains("丢失："), "{table}");
    assert!(table.contains("发送方始终不知道有任何丢失"), "{table}");
}

/// Whether a UDP socket is bound to 127.0.0.1:`port` (/proc/net/udp), read
/// rather than tried, so the test never takes the port itself.
fn udp_port_bound(port: u16) -> bool {
    let table = std::fs::read_to_string("/proc/net/udp").unwrap_or_default();
    let wanted = format!("0100007F:{port:04X}");
    table
        .lines()
        .any(|l| l.split_whitespace().nth(1) == Some(wanted.as_str()))
}

#[test]
fn ctrl_c_ends_a_long_run_with_its_summary() {
    const PORT: u16 = 15608;
    let mut child = common::spawn(
        stackviz_std()
            .args(["send", "--format", "json", "--count", "10000000"])
            .args(["--rate", "2000", "--port", &PORT.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    // The receiver is bound after the Ctrl-C handler is installed: once the
    // port is taken, SIGINT reaches the handler.
    let deadline = Instant::now() + RUN_LIMIT;
    while !udp_port_bound(PORT) {
        assert!(Instant::now() < deadline, "the receiver never bound {PORT}");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    // SAFETY: kill() with our own child's pid and a valid signal.
    let r = unsafe { libc::kill(child.child().id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(r, 0, "SIGINT could not be sent");
    let out = child.wait_output(RUN_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = json_of(&out);
    assert_eq!(doc["interrupted"], true, "{doc}");
    let sent = n(&doc, "sent");
    assert!(sent > 0 && sent < 10_000_000, "{doc}");
    assert_eq!(sent, n(&doc, "received") + n(&doc, "dropped"), "{doc}");
}

#[test]
fn a_rate_spaces_the_datagrams_and_the_queue_still_fills() {
    // 21 datagrams at 200 a second: 20 gaps of 5 ms, so at least 0.1 s.
    let doc = loss_json(&["--count", "21", "--rate", "200", "--port", "15620"]);
    assert_eq!(doc["rate"], 200);
    let sending = doc["seconds"]["sending"].as_f64().expect("seconds");
    assert!(
        sending >= 0.1,
        "21 datagrams at 200/s took only {sending} s"
    );
    // Nobody reads while they come: slower or not, the queue fills.
    assert!(n(&doc, "dropped") > 0, "{doc}");
    assert_eq!(n(&doc, "sent"), n(&doc, "received") + n(&doc, "dropped"));
}
