//! The keys docs/json.md documents for `stackviz.recv-tcp/1` and
//! `stackviz.compare-transports/1` are the keys the binary writes, both
//! ways: the tables under their `##` headings are read from the page, and
//! a documented key missing from a line, or a written key the page does
//! not know, fails. Port 15450-15451.

mod common;

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{lines_of, output_within, spawn, stackviz, stackviz_std, succeeded, RUN_LIMIT};
use serde_json::{Map, Value};

/// Each `| key | type | meaning |` table under the `##` heading that starts
/// with `heading` (its `###` subsections included), as (keys, optional).
fn tables(heading: &str) -> Vec<Vec<(String, bool)>> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md"))
        .expect("docs/json.md");
    let mut lines = doc.lines().skip_while(|l| !l.starts_with(heading));
    assert!(
        lines.next().is_some(),
        "docs/json.md has no heading {heading:?}"
    );
    let mut tables: Vec<Vec<(String, bool)>> = Vec::new();
    let mut in_table = false;
    for line in lines.take_while(|l| !l.starts_with("## ")) {
        if line.starts_with("|---") {
            continue;
        }
        if !line.starts_with("| ") {
            in_table = false;
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells[1] == "key" {
            tables.push(Vec::new());
            in_table = true;
            continue;
        }
        if in_table {
            let optional = cells[2].contains("optional");
            let keys = cells[1].split('`').skip(1).step_by(2);
            let table = tables.last_mut().unwrap();
            table.extend(keys.map(|k| (k.to_string(), optional)));
        }
    }
    tables
}

/// `obj` has every required key of `keys` and no key `keys` lacks; the
/// optional keys it has are added to `seen`.
fn check(
    what: &str,
    keys: &[(String, bool)],
    obj: &Map<String, Value>,
    seen: &mut BTreeSet<String>,
) {
    for (key, optional) in keys {
        if obj.contains_key(key) {
            seen.insert(format!("{what}.{key}"));
        } else {
            assert!(*optional, "{what}: documented key `{key}` missing: {obj:?}");
        }
    }
    for key in obj.keys() {
        assert!(
            keys.iter().any(|(k, _)| k == key),
            "{what}: key `{key}` is written but not documented"
        );
    }
}

#[test]
fn recv_tcp_lines_have_exactly_the_documented_keys() {
    let t = tables("## `recv --tcp`");
    // started, connection, syn, segment, calls, summary.
    assert_eq!(t.len(), 6, "{t:?}");
    let mut child = spawn(
        stackviz_std()
            .args([
                "recv",
                "--tcp",
                "--bind",
                "127.0.0.1:15450",
                "--count",
                "1",
                "--timeout",
                "30",
            ])
            .args(["--format", "json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = lines_of(child.child().stdout.take().unwrap());
    let wait = Duration::from_secs(20);
    let started: Value = serde_json::from_str(&lines.recv_timeout(wait).expect("started")).unwrap();
    let client = output_within(
        Command::new("python3").args([
            "-c",
            "import socket; socket.create_connection(('127.0.0.1', 15450)).sendall(b'Hello!!')",
        ]),
        wait,
    );
    assert!(client.status.success());
    let connection: Value =
        serde_json::from_str(&lines.recv_timeout(wait).expect("connection")).unwrap();
    let summary: Value = serde_json::from_str(&lines.recv_timeout(wait).expect("summary")).unwrap();
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
    let mut seen = BTreeSet::new();
    let obj = |v: &Value| {
        v.as_object()
            .cloned()
            .unwrap_or_else(|| panic!("not an object: {v}"))
    };
    check("started", &t[0], &obj(&started), &mut seen);
    check("connection", &t[1], &obj(&connection), &mut seen);
    check("syn", &t[2], &obj(&connection["syn"]), &mut seen);
    let capturing = connection.get("segments").is_some();
    for s in connection["segments"].as_array().into_iter().flatten() {
        check("segment", &t[3], &obj(s), &mut seen);
    }
    for c in started["setup"]
        .as_array()
        .unwrap()
        .iter()
        .chain(connection["calls"].as_array().unwrap())
    {
        check("call", &t[4], &obj(c), &mut seen);
    }
    check("summary", &t[5], &obj(&summary), &mut seen);
    // A capture note exactly when no capture runs; segments when one does.
    assert_eq!(
        started.get("capture_note").is_none(),
        capturing,
        "{started}"
    );
    assert_eq!(
        summary.get("capture_note").is_none(),
        capturing,
        "{summary}"
    );
    if common::has_net_raw() {
        assert!(seen.contains("connection.segments"));
    }
}

#[test]
fn compare_transports_document_has_exactly_the_documented_keys() {
    let t = tables("## `send --compare-transports`");
    assert_eq!(t.len(), 2, "{t:?}");
    let out = succeeded(stackviz().args([
        "send",
        "--compare-transports",
        "--format",
        "json",
        "--port",
        "15451",
        "--capture",
        "off",
    ]));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut seen = BTreeSet::new();
    check("top level", &t[0], doc.as_object().unwrap(), &mut seen);
    let packet: Vec<(String, bool)> = [
        "from",
        "what",
        "ip_length",
        "ip_header",
        "transport_header",
        "data_length",
        "frame_length",
    ]
    .iter()
    .map(|k| (k.to_string(), false))
    .collect();
    let call: Vec<(String, bool)> = ["end", "call", "result"]
        .iter()
        .map(|k| (k.to_string(), false))
        .collect();
    for side in ["udp", "tcp"] {
        check(side, &t[1], doc[side].as_object().unwrap(), &mut seen);
        for p in doc[side]["packets"].as_array().unwrap() {
            check("packet", &packet, p.as_object().unwrap(), &mut seen);
        }
        for c in doc[side]["calls"].as_array().unwrap() {
            check("call", &call, c.as_object().unwrap(), &mut seen);
        }
    }
    // The prose of the packets row names the same keys the test lists.
    let doc_text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    assert!(
        doc_text.contains(
            "`{from, what, ip_length, ip_header, transport_header, data_length, frame_length}`"
        ),
        "docs/json.md lists the packet's keys"
    );
}
