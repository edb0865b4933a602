//! `recv --summary` with the real binary: one line per datagram with the
//! right number, sender, length and data from several senders at once; the
//! kernel's drops counted exactly (received + dropped = sent) when a paused
//! receiver with a tiny queue forces them; Ctrl-C prints the summary and
//! exits 0. Speed is measured by bench/classroom.sh, never here.

mod common;

use std::collections::BTreeMap;
use std::net::{SocketAddr, UdpSocket};
use std::process::Stdio;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use common::{signal, spawn, stackviz_std, RUN_LIMIT};
use serde_json::Value;

/// The next line, waiting at most RUN_LIMIT.
fn next(lines: &Receiver<String>) -> String {
    lines
        .recv_timeout(RUN_LIMIT)
        .expect("recv prints a line in time")
}

/// The next line as JSON.
fn next_json(lines: &Receiver<String>) -> Value {
    let line = next(lines);
    serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[test]
fn one_line_per_datagram_with_its_number_sender_length_and_data() {
    let (threads, each) = (4usize, 100usize);
    let mut child = spawn(
        stackviz_std()
            .args(["--color", "never", "--width", "100", "recv", "--summary"])
            .args([
                "--bind",
                "127.0.0.1:0",
                "--count",
                &(threads * each).to_string(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = common::lines_of(child.child().stdout.take().unwrap());
    let heading = next(&lines);
    let bound: SocketAddr = heading
        .split(" on ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("the heading names the bound address: {heading}"));
    // Senders start once the column line says recv is waiting.
    while !next(&lines).starts_with("columns: number") {}
    let senders: Vec<_> = (0..threads)
        .map(|t| {
            std::thread::spawn(move || {
                let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
                for seq in 0..each {
                    let payload = format!("sender {t} seq {seq:03}");
                    socket.send_to(payload.as_bytes(), bound).unwrap();
                    if seq % 10 == 9 {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                socket.local_addr().unwrap()
            })
        })
        .collect();
    let from: Vec<SocketAddr> = senders.into_iter().map(|s| s.join().unwrap()).collect();
    let mut rest = Vec::new();
    while let Ok(line) = lines.recv_timeout(RUN_LIMIT) {
        rest.push(line);
    }
    let out = child.wait_output(RUN_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));

    // "      7    0.123456 127.0.0.1:40000          18 "sender 2 seq 004""
    let datagrams: Vec<&String> = rest
        .iter()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(datagrams.len(), threads * each, "one line per datagram");
    let mut next_seq: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, line) in datagrams.iter().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], (i + 1).to_string(), "numbered in order: {line}");
        assert!(words[1].parse::<f64>().is_ok(), "seconds: {line}");
        let sender: SocketAddr = words[2].parse().unwrap();
        let t = from
            .iter()
            .position(|f| *f == sender)
            .unwrap_or_else(|| panic!("{line}"));
        let seq = *next_seq.get(&t).unwrap_or(&0);
        let payload = format!("sender {t} seq {seq:03}");
        assert_eq!(words[3], payload.len().to_string(), "length: {line}");
        // The data, quoted: one socket's datagrams keep their order.
        assert!(
            line.ends_with(&format!(" \"{payload}\"")),
            "{line} is {payload}"
        );
        next_seq.insert(t, seq + 1);
    }
    assert!(next_seq.values().all(|n| *n == each), "{next_seq:?}");
    let text = rest
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(&format!("summary: {} datagrams", threads * each)),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "received {}, dropped by the kernel 0 (SO_RXQ_OVFL)",
            threads * each
        )),
        "{text}"
    );
}

#[test]
fn received_plus_dropped_by_the_kernel_is_what_was_sent() {
    // A tiny queue (the kernel's minimum, a few datagrams) and a paused
    // receiver: the kernel must drop most of a burst, and count each.
    let mut child = spawn(
        stackviz_std()
            .args(["recv", "--summary", "--format", "json", "--rcvbuf", "1"])
            .args(["--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = common::lines_of(child.child().stdout.take().unwrap());
    let started = next_json(&lines);
    assert_eq!(started["kind"], "started");
    let calls: Vec<&str> = started["setup"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["call"].as_str().unwrap())
        .collect();
    assert!(
        calls.contains(&"setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, 1)"),
        "{calls:?}"
    );
    let bound: SocketAddr = started["bound"].as_str().unwrap().parse().unwrap();
    let burst = 300;
    signal(child.child(), libc::SIGSTOP);
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    for seq in 0..burst {
        socket
            .send_to(format!("burst {seq:03}").as_bytes(), bound)
            .unwrap();
    }
    signal(child.child(), libc::SIGCONT);
    // Once it has taken what was queued, one more: it carries the count.
    std::thread::sleep(Duration::from_millis(300));
    socket.send_to(b"last", bound).unwrap();
    let last = common::hex(b"last");
    let mut docs = Vec::new();
    loop {
        let doc = next_json(&lines);
        let done = doc["data"] == last.as_str();
        docs.push(doc);
        if done {
            break;
        }
    }
    signal(child.child(), libc::SIGINT);
    let summary = next_json(&lines);
    let out = child.wait_output(RUN_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));

    assert_eq!(summary["kind"], "summary");
    assert_eq!(summary["ended"], "interrupted");
    let received = summary["datagrams"].as_u64().unwrap();
    let dropped = summary["dropped_by_kernel"].as_u64().unwrap();
    assert!(dropped > 0, "the tiny queue overflowed: {summary}");
    assert_eq!(received + dropped, burst + 1, "{summary}");
    assert!(
        summary["receive_buffer"]
            .as_u64()
            .is_some_and(|b| b < 16384),
        "{summary}"
    );

    let briefs: Vec<&Value> = docs.iter().filter(|d| d["kind"] == "brief").collect();
    let drops: Vec<&Value> = docs.iter().filter(|d| d["kind"] == "dropped").collect();
    assert_eq!(briefs.len() as u64, received);
    // Where they were dropped: between the queued ones and the last.
    let counted: u64 = drops.iter().map(|d| d["dropped"].as_u64().unwrap()).sum();
    assert_eq!(counted, dropped);
    assert_eq!(drops.last().unwrap()["total"].as_u64(), Some(dropped));
    for (i, b) in briefs.iter().enumerate() {
        assert_eq!(b["number"].as_u64(), Some(i as u64 + 1));
        assert_eq!(b["from"], socket.local_addr().unwrap().to_string().as_str());
        assert_eq!(b["truncated"], false);
    }
    // The first datagrams fitted the queue, in order; the rest were dropped.
    for (seq, b) in briefs[..briefs.len() - 1].iter().enumerate() {
        assert_eq!(
            b["data"],
            common::hex(format!("burst {seq:03}").as_bytes()).as_str()
        );
        assert_eq!(b["length"], 9);
    }
    // Exactly the documented keys (docs/json.md, `stackviz.recv/1`).
    assert_eq!(
        keys(briefs[0]),
        [
            "data",
            "from",
            "kind",
            "length",
            "number",
            "schema",
            "seconds",
            "truncated"
        ]
    );
    assert_eq!(keys(drops[0]), ["dropped", "kind", "schema", "total"]);
    let docs_page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md"))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for documented in [
        "{\"kind\": \"brief\", number, seconds, from, length, data, truncated}",
        "{\"kind\": \"dropped\", dropped, total}",
        "`dropped_by_kernel`",
        "`receive_buffer`",
        "`datagrams_per_second`",
    ] {
        assert!(
            docs_page.contains(documented),
            "docs/json.md documents {documented}"
        );
    }
}

#[test]
fn ctrl_c_prints_the_summary_and_exits_0() {
    let mut child = spawn(
        stackviz_std()
            .args(["--color", "never", "--width", "100", "recv", "--summary"])
            .args(["--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = common::lines_of(child.child().stdout.take().unwrap());
    let heading = next(&lines);
    let bound: SocketAddr = heading
        .split(" on ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("{heading}"));
    while !next(&lines).starts_with("columns: number") {}
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    for word in ["one", "two", "three"] {
        socket.send_to(word.as_bytes(), bound).unwrap();
    }
    // The lines come within the periodic flush, before any Ctrl-C.
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let line = next(&lines);
        if line.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            seen.push(line);
        }
    }
    assert!(seen[2].ends_with(" \"three\""), "{seen:?}");
    signal(child.child(), libc::SIGINT);
    let mut rest = Vec::new();
    while let Ok(line) = lines.recv_timeout(RUN_LIMIT) {
        rest.push(line);
    }
    let out = child.wait_output(RUN_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    // Wrapped at the width: compare the words.
    let text = rest
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("summary: 3 datagrams (11 bytes, 0 truncated)"),
        "{text}"
    );
    assert!(text.contains("ended: interrupted (Ctrl-C)"), "{text}");
    assert!(
        text.contains("received 3, dropped by the kernel 0 (SO_RXQ_OVFL)"),
        "{text}"
    );
}

#[test]
fn in_chinese_the_lines_say_where_the_kernel_dropped_and_the_totals() {
    let port = common::free_udp_port();
    let bound: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut child = spawn(
        stackviz_std()
            .args(["--lang", "zh", "--color", "never", "--width", "100"])
            .args(["recv", "--summary", "--rcvbuf", "1"])
            .args(["--bind", &bound.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = common::lines_of(child.child().stdout.take().unwrap());
    while !next(&lines).starts_with("各列：") {}
    signal(child.child(), libc::SIGSTOP);
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let burst = 200;
    for seq in 0..burst {
        socket
            .send_to(format!("burst {seq:03}").as_bytes(), bound)
            .unwrap();
    }
    signal(child.child(), libc::SIGCONT);
    std::thread::sleep(Duration::from_millis(300));
    socket.send_to(b"last", bound).unwrap();
    let mut seen = Vec::new();
    loop {
        let line = next(&lines);
        let done = line.ends_with(" \"last\"");
        seen.push(line);
        if done {
            break;
        }
    }
    signal(child.child(), libc::SIGINT);
    while let Ok(line) = lines.recv_timeout(RUN_LIMIT) {
        seen.push(line);
    }
    let out = child.wait_output(RUN_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    let shown = seen
        .iter()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .count();
    let number = |text: &str, prefix: &str| -> usize {
        let at = text
            .find(prefix)
            .unwrap_or_else(|| panic!("{prefix} in {text}"));
        text[at + prefix.len()..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a number after {prefix}"))
    };
    // "        -- 内核在此处丢弃了 N 个用户数据报：…": where, and how many.
    let drops: Vec<usize> = seen
        .iter()
        .filter(|l| l.trim_start().starts_with("-- 内核在此处丢弃了 "))
        .map(|l| number(l, "内核在此处丢弃了 "))
        .collect();
    let dropped: usize = drops.iter().sum();
    assert!(dropped > 0, "{seen:?}");
    assert_eq!(shown + dropped, burst + 1, "{seen:?}");
    let text = seen
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(number(&text, "收到 "), shown);
    assert_eq!(number(&text, "内核丢弃 "), dropped);
}

#[test]
fn datagrams_still_queued_at_the_end_are_counted_not_lost_with_the_socket() {
    for summary_mode in [true, false] {
        // --summary never captures (and refuses --capture).
        let mode: &[&str] = if summary_mode {
            &["--summary"]
        } else {
            &["--capture", "off"]
        };
        let mut cmd = stackviz_std();
        cmd.args(["recv", "--format", "json", "--count", "2"])
            .args(mode)
            .args(["--bind", "127.0.0.1:0"]);
        let mut child = spawn(cmd.stdout(Stdio::piped()).stderr(Stdio::piped()));
        let lines = common::lines_of(child.child().stdout.take().unwrap());
        let started = next_json(&lines);
        let bound: SocketAddr = started["bound"].as_str().unwrap().parse().unwrap();
        // All five are queued before recv takes the first.
        signal(child.child(), libc::SIGSTOP);
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        for word in ["one", "two", "three", "four", "five"] {
            socket.send_to(word.as_bytes(), bound).unwrap();
        }
        signal(child.child(), libc::SIGCONT);
        let mut docs = Vec::new();
        while let Ok(line) = lines.recv_timeout(RUN_LIMIT) {
            docs.push(serde_json::from_str::<Value>(&line).unwrap());
        }
        let out = child.wait_output(RUN_LIMIT);
        assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        let summary = docs.last().unwrap();
        assert_eq!(summary["kind"], "summary", "{summary}");
        assert_eq!(summary["ended"], "count");
        assert_eq!(summary["datagrams"], 2, "{summary}");
        assert_eq!(
            summary["unread_at_end"], 3,
            "summary mode {summary_mode}: {summary}"
        );
        assert_eq!(summary["dropped_by_kernel"], 0);
    }
}
