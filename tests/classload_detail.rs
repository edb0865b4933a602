//! Full-detail `recv` under load: while it draws one datagram more arrive;
//! it says when they queue up and how many the kernel dropped, so every
//! datagram is either shown or counted (shown + dropped = sent).

mod common;

use std::net::{SocketAddr, UdpSocket};
use std::process::Stdio;
use std::time::Duration;

use common::{signal, spawn, stackviz_std, RUN_LIMIT};
use serde_json::Value;

/// Starts full-detail recv with a tiny queue (JSON or text), pauses it,
/// sends a burst of `burst`, lets it go on, then sends "last" once it had
/// time to take the queue. Returns every line (the summary after Ctrl-C)
/// and the exit code.
fn paused_burst(burst: usize, json: bool) -> (Vec<String>, Option<i32>) {
    let port = common::free_udp_port();
    let bound: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut child = spawn(
        stackviz_std()
            .args(["--color", "never", "--width", "100"])
            .args(["recv", "--capture", "off", "--rcvbuf", "1"])
            .args(["--bind", &bound.to_string()])
            .args(["--format", if json { "json" } else { "table" }])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = common::lines_of(child.child().stdout.take().unwrap());
    let next = || {
        lines
            .recv_timeout(RUN_LIMIT)
            .expect("recv prints a line in time")
    };
    let mut all = Vec::new();
    // Bound and waiting: the first JSON line, or the text's waiting line.
    loop {
        let line = next();
        let ready = json || line.starts_with("waiting for datagrams");
        all.push(line);
        if ready {
            break;
        }
    }
    signal(child.child(), libc::SIGSTOP);
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    for seq in 0..burst {
        socket
            .send_to(format!("burst {seq:03}").as_bytes(), bound)
            .unwrap();
    }
    signal(child.child(), libc::SIGCONT);
    std::thread::sleep(Duration::from_millis(500));
    socket.send_to(b"last", bound).unwrap();
    let last = if json {
        format!("\"data\":\"{}\"", common::hex(b"last"))
    } else {
        "data: \"last\"".to_string()
    };
    loop {
        let line = next();
        let done = line.contains(&last);
        all.push(line);
        if done {
            break;
        }
    }
    signal(child.child(), libc::SIGINT);
    while let Ok(line) = lines.recv_timeout(RUN_LIMIT) {
        all.push(line);
    }
    let out = child.wait_output(RUN_LIMIT);
    (all, out.status.code())
}

#[test]
fn every_datagram_is_shown_or_counted_as_dropped_by_the_kernel() {
    let burst = 60;
    let (lines, code) = paused_burst(burst, true);
    assert_eq!(code, Some(0));
    let docs: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let shown: Vec<&Value> = docs.iter().filter(|d| d["kind"] == "datagram").collect();
    let backlogs: Vec<&Value> = docs.iter().filter(|d| d["kind"] == "backlog").collect();
    let summary = docs.last().unwrap();
    assert_eq!(summary["kind"], "summary");
    let dropped = summary["dropped_by_kernel"].as_u64().unwrap();
    assert!(dropped > 0, "the tiny queue overflowed: {summary}");
    assert_eq!(shown.len() as u64 + dropped, burst as u64 + 1);
    // Numbered without a gap: nothing taken off the queue goes unshown.
    for (i, d) in shown.iter().enumerate() {
        assert_eq!(d["number"].as_u64(), Some(i as u64 + 1));
    }
    // The drops were said as they were seen, before the datagram taken then.
    let said: u64 = backlogs
        .iter()
        .map(|b| b["dropped"].as_u64().unwrap())
        .sum();
    assert_eq!(said, dropped, "{backlogs:?}");
    let first = backlogs
        .iter()
        .find(|b| b["dropped"].as_u64() > Some(0))
        .unwrap();
    assert_eq!(first["next"], 1, "said before the first: {first}");
    assert_eq!(first["total_dropped"].as_u64(), Some(dropped));
    assert!(
        first["queued_bytes"].as_u64() > Some(0),
        "the queue was full: {first}"
    );
    let mut k: Vec<&String> = first.as_object().unwrap().keys().collect();
    k.sort();
    assert_eq!(
        k,
        [
            "dropped",
            "kind",
            "next",
            "queued_bytes",
            "schema",
            "total_dropped"
        ]
    );
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md"))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(page.contains("{\"kind\": \"backlog\", next, queued_bytes, dropped, total_dropped}"));
}

#[test]
fn the_text_says_where_the_kernel_dropped_and_how_many_in_all() {
    let burst = 60;
    let (lines, code) = paused_burst(burst, false);
    assert_eq!(code, Some(0));
    let shown = lines.iter().filter(|l| l.starts_with("Datagram ")).count();
    // Wrapped at the width: compare the words.
    let text = lines
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let count = |prefix: &str| -> u64 {
        let at = text
            .find(prefix)
            .unwrap_or_else(|| panic!("{prefix:?} in {text}"));
        text[at + prefix.len()..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a number after {prefix:?}"))
    };
    let dropped = count("before datagram 1, the kernel dropped ");
    assert!(dropped > 0);
    assert_eq!(
        count(&format!("received {shown}, dropped by the kernel ")),
        dropped
    );
    assert_eq!(shown as u64 + dropped, burst as u64 + 1, "{text}");
    assert!(text.contains(&format!(
        "{} datagrams reached the socket and {dropped} of them found its receive queue full",
        burst + 1
    )));
}
