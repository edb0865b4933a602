//! `send --tcp --count N` checked by others: tshark, capturing the same
//! connection at the same time, finds as many zero windows, window updates
//! (those that open the window), zero-window probes (its "keep-alive":
//! seq = next - 1, 0 or 1 byte) and retransmissions as stackviz; and
//! without CAP_NET_RAW the TCP_INFO samples alone still show the window at 0.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use common::{
    can_capture, capsh_available, json_of, need, stackviz, succeeded, text, tshark_available,
    tshark_fields, without_net_raw, RUN_LIMIT,
};
use serde_json::Value;

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("{v} is not a number"))
}

/// A file removed when the test ends, passed or not.
struct TempFile(std::path::PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn tshark_counts_the_same_flow_control_segments() {
    const TEST: &str = "tshark_counts_the_same_flow_control_segments";
    if !can_capture(TEST) || !tshark_available(TEST) {
        return;
    }
    const PORT: u16 = 15670;
    let file = TempFile(
        std::env::temp_dir().join(format!("svz-tcpslow-{}-{PORT}.pcapng", std::process::id())),
    );
    let mut tshark = common::spawn(
        StdCommand::new("tshark")
            .args(["-n", "-i", "lo", "-f", &format!("tcp port {PORT}")])
            .args(["-a", "duration:50", "-w"])
            .arg(&file.0)
            .stdout(Stdio::null())
            .stderr(Stdio::piped()),
    );
    // tshark says "Capturing on 'Loopback: lo'" once the capture is open.
    let stderr = tshark.child().stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("Capturing on") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("tshark started capturing within 20 s");
    // The line comes a little before the packet socket hears anything.
    std::thread::sleep(Duration::from_millis(1500));
    let out = succeeded(stackviz().args([
        "send",
        "--tcp",
        "--count",
        "1200",
        "--slow-receiver",
        "400",
        "--capture",
        "on",
        "--port",
        &PORT.to_string(),
        "--format",
        "json",
    ]));
    let doc = json_of(&out);
    // Let tshark write the last segments, then stop it.
    std::thread::sleep(Duration::from_millis(500));
    // SAFETY: kill() with our own child's pid and a valid signal.
    unsafe { libc::kill(tshark.child().id() as libc::pid_t, libc::SIGINT) };
    let done = tshark.wait_output(RUN_LIMIT);
    assert!(done.status.success(), "tshark: {}", text(&done.stderr));
    let rows = tshark_fields(
        &file.0,
        &[
            "-o",
            "tcp.relative_sequence_numbers:TRUE",
            "-E",
            "occurrence=f",
        ],
        &[
            "tcp.srcport",
            "tcp.window_size",
            "tcp.analysis.zero_window",
            "tcp.analysis.window_update",
            "tcp.analysis.keep_alive",
            "tcp.analysis.retransmission",
            "tcp.analysis.fast_retransmission",
            "tcp.analysis.spurious_retransmission",
        ],
    );
    let port = PORT.to_string();
    let flagged = |row: &Vec<String>, i: usize| row.get(i).is_some_and(|c| !c.is_empty());
    let zero = rows.iter().filter(|r| flagged(r, 2)).count() as u64;
    let probes = rows
        .iter()
        .filter(|r| r[0] != port && flagged(r, 4))
        .count() as u64;
    let retransmissions = rows
        .iter()
        .filter(|r| r[0] != port && (5..=7).any(|i| flagged(r, i)))
        .count() as u64;
    // tshark's window update is any new window on a pure ACK; stackviz's
    // is one that opens it: count tshark's that are larger than the
    // server's previous window.
    let mut updates = 0;
    let mut previous: Option<u64> = None;
    for row in rows.iter().filter(|r| r[0] == port) {
        let window: u64 = row[1].parse().unwrap_or(0);
        if flagged(row, 3) && previous.is_some_and(|p| window > p) {
            updates += 1;
        }
        previous = Some(window);
    }
    let capture = &doc["capture"];
    assert_eq!(capture["status"], "caught", "{capture}");
    assert_eq!(n(&capture["segments"]), rows.len() as u64, "segments");
    assert!(zero > 0, "tshark saw no zero window");
    assert_eq!(n(&capture["zero_windows"]), zero, "zero windows");
    assert_eq!(n(&capture["zero_window_probes"]), probes, "probes");
    assert_eq!(n(&capture["window_updates"]), updates, "window updates");
    assert_eq!(
        n(&capture["retransmissions"]),
        retransmissions,
        "retransmissions: stackviz {}\ntshark {rows:?}",
        capture["events"]
    );
}

#[test]
fn without_capture_rights_the_samples_still_show_the_window_at_zero() {
    const TEST: &str = "without_capture_rights_the_samples_still_show_the_window_at_zero";
    if !need(TEST, capsh_available(), "needs capsh (libcap2-bin)") {
        return;
    }
    let out =
        without_net_raw("send --tcp --count 2000 --slow-receiver 100 --port 15671 --format json");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = json_of(&out);
    assert_eq!(
        doc["capture"]["status"], "unavailable",
        "{}",
        doc["capture"]
    );
    assert_eq!(doc["intact"], true);
    assert!(
        n(&doc["window_zero"]["samples"]) > 0,
        "{}",
        doc["window_zero"]
    );
}
