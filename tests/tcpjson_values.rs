//! `send --tcp --format json` (schema `stackviz.tcp/1`) run for real over
//! loopback: the values a reader checks first. The flags of every segment,
//! the sequence arithmetic (ack = the peer's seq + length, + 1 for SYN or
//! FIN), the client's ISN in three places, the states the calls left, and
//! that nothing unknown is written as a number; with a capture, every
//! segment caught and 0 unexpected differences, and the wire's numbers
//! equal to the relative ones plus the ISNs.

mod common;

use common::{stackviz, succeeded};
use serde_json::Value;

/// The 8 segments of a connection that runs as planned.
const EIGHT: [&str; 8] = [
    "SYN", "SYN,ACK", "ACK", "PSH,ACK", "ACK", "FIN,ACK", "FIN,ACK", "ACK",
];
/// The documented variant: the server's kernel acknowledges the client's
/// FIN before its application shuts down.
const NINE: [&str; 9] = [
    "SYN", "SYN,ACK", "ACK", "PSH,ACK", "ACK", "FIN,ACK", "ACK", "FIN,ACK", "ACK",
];

/// One `send --tcp --format json` document, `args` added.
fn tcp_json(args: &[&str]) -> Value {
    let out = succeeded(
        stackviz()
            .args(["--color", "never", "send", "--tcp", "--format", "json"])
            .args(args),
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn flags(doc: &Value) -> Vec<String> {
    doc["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| {
            let names: Vec<&str> = s["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            names.join(",")
        })
        .collect()
}

fn num(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The value of field `id` in a frame's `layers`.
fn field_value(frame: &Value, id: &str) -> Value {
    frame["layers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["fields"].as_array().unwrap())
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no field {id}"))
        .clone()
}

/// Each segment's seq continues its sender's numbers, and each ACK
/// acknowledges everything the peer sent before it (+1 for SYN or FIN).
fn check_arithmetic(doc: &Value) {
    let mut next = std::collections::HashMap::from([("client", 0u64), ("server", 0u64)]);
    for s in doc["segments"].as_array().unwrap() {
        let from = s["from"].as_str().unwrap();
        let to = if from == "client" { "server" } else { "client" };
        let f: Vec<&str> = s["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert_eq!(num(&s["seq"]), next[from], "segment {} seq", s["number"]);
        if f.contains(&"ACK") {
            assert_eq!(num(&s["ack"]), next[to], "segment {} ack", s["number"]);
        } else {
            assert!(
                s["ack"].is_null(),
                "segment {} has no ACK flag: {}",
                s["number"],
                s["ack"]
            );
        }
        let flagged = u64::from(f.contains(&"SYN")) + u64::from(f.contains(&"FIN"));
        next.insert(from, num(&s["seq"]) + num(&s["length"]) + flagged);
    }
}

/// What every completed run shows, capture or not.
fn check_completed(doc: &Value, family_prefix: &str) {
    assert_eq!(doc["schema"], "stackviz.tcp/1");
    assert_eq!(doc["outcome"]["status"], "completed", "{}", doc["outcome"]);
    assert!(
        doc["client"].as_str().unwrap().starts_with(family_prefix),
        "{}",
        doc["client"]
    );
    let f = flags(doc);
    assert!(f == EIGHT || f == NINE, "flags {f:?}");
    check_arithmetic(doc);
    let segments = doc["segments"].as_array().unwrap();
    let numbers: Vec<u64> = segments.iter().map(|s| num(&s["number"])).collect();
    assert_eq!(numbers, (1..=segments.len() as u64).collect::<Vec<_>>());
    // The client's ISN: the saved SYN, the top level, segment 1 on the wire.
    let isn = num(&doc["syn"]["isn"]);
    assert_eq!(num(&doc["client_isn"]), isn);
    assert_eq!(num(&segments[0]["seq_absolute"]), isn);
    assert_eq!(num(&field_value(&segments[0], "tcp.seq")["value"]), isn);
    // "Hello!!" went in segment 4 and came out of the server's recv().
    assert_eq!(segments[3]["data"], "48656c6c6f2121");
    assert_eq!(num(&segments[3]["length"]), 7);
    assert_eq!(doc["received"], "48656c6c6f2121");
    // The states the calls left, as TCP_INFO said.
    let states: Vec<&str> = doc["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["state"].as_str())
        .collect();
    for wanted in ["LISTEN", "ESTABLISHED", "CLOSE_WAIT"] {
        assert!(
            states.contains(&wanted),
            "no call left {wanted}: {states:?}"
        );
    }
    let connect = doc["calls"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["peer"] == "client" && c["call"].as_str().unwrap().starts_with("connect("))
        .expect("a connect() call");
    assert_eq!(doc["calls"][connect]["state"], "ESTABLISHED");
    assert_eq!(segments[0]["cause"], serde_json::json!({"call": connect}));
    assert_eq!(segments[1]["cause"], serde_json::json!({"answer_to": 1}));
    // The timeline holds every call and every segment once, SYN right
    // after connect().
    let timeline = doc["timeline"].as_array().unwrap();
    let calls = doc["calls"].as_array().unwrap().len();
    assert_eq!(timeline.len(), calls + segments.len());
    for i in 0..calls {
        assert_eq!(
            timeline.iter().filter(|t| t["call"] == i).count(),
            1,
            "call {i}"
        );
    }
    for n in 1..=segments.len() {
        assert_eq!(
            timeline.iter().filter(|t| t["segment"] == n).count(),
            1,
            "segment {n}"
        );
    }
    let at = timeline.iter().position(|t| t["call"] == connect).unwrap();
    assert_eq!(timeline[at + 1], serde_json::json!({"segment": 1}));
    // The windows: scaled = raw << scale, a SYN's never scaled.
    for s in segments {
        if let Some(raw) = s["window"].as_u64() {
            let scale = s["window_scale"].as_u64().unwrap_or(0);
            assert_eq!(
                num(&s["window_scaled"]),
                raw << scale,
                "segment {}",
                s["number"]
            );
        }
    }
    assert!(segments[0]["window_scale"].is_null());
    // The client closed first: TIME_WAIT, at most 60 s left.
    let after = &doc["client_after_close"];
    assert_eq!(after["state"], "TIME_WAIT", "{after}");
    let left = num(&after["ms_left"]);
    assert!(left > 0 && left <= 60_000, "{left} ms");
}

#[test]
fn ipv4_without_capture_shows_the_connection_and_writes_no_unknown_number() {
    let doc = tcp_json(&["--capture", "off", "--port", "15411"]);
    check_completed(&doc, "127.0.0.1:");
    assert_eq!(doc["server"], "127.0.0.1:15411");
    assert_eq!(doc["capture"], serde_json::json!({"status": "off"}));
    // The server's ISN cannot be known: null, and every absolute number
    // that adds to it null; the built frame's bytes say "unknown".
    assert!(doc["server_isn"].is_null());
    let isn = num(&doc["client_isn"]);
    for s in doc["segments"].as_array().unwrap() {
        assert!(s["captured"].is_null() && s["comparison"].is_null());
        if s["from"] == "server" {
            assert!(s["seq_absolute"].is_null(), "{}", s["seq_absolute"]);
            assert_eq!(field_value(s, "tcp.seq")["origin"]["kind"], "unknown");
            assert_eq!(num(&s["ack_absolute"]), isn + num(&s["ack"]));
        } else {
            assert_eq!(num(&s["seq_absolute"]), isn + num(&s["seq"]));
            if !s["ack"].is_null() {
                assert!(s["ack_absolute"].is_null(), "{}", s["ack_absolute"]);
            }
        }
    }
    assert_eq!(
        doc["notes"].as_array().unwrap().len(),
        1,
        "{}",
        doc["notes"]
    );
}

#[test]
fn ipv6_without_capture_shows_the_same_connection() {
    let doc = tcp_json(&["-6", "--capture", "off", "--port", "15412"]);
    check_completed(&doc, "[::1]:");
    assert_eq!(doc["server"], "[::1]:15412");
    assert!(doc["syn"]["ip_id"].is_null());
    assert!(doc["syn"]["flow_label"].is_u64());
}

#[test]
fn with_capture_every_segment_is_caught_and_matches_its_prediction() {
    const TEST: &str = "with_capture_every_segment_is_caught_and_matches_its_prediction";
    if !common::can_capture(TEST) {
        return;
    }
    let doc = tcp_json(&["--capture", "on", "--port", "15413"]);
    check_completed(&doc, "127.0.0.1:");
    let segments = doc["segments"].as_array().unwrap();
    let capture = &doc["capture"];
    assert_eq!(capture["status"], "caught", "{capture}");
    assert_eq!(capture["interface"], "lo");
    assert_eq!(num(&capture["unexpected"]), 0, "{capture}");
    assert_eq!(num(&capture["missed"]), 0);
    assert_eq!(num(&capture["caught"]), segments.len() as u64);
    assert_eq!(capture["unpredicted"], serde_json::json!([]));
    let client = num(&doc["client_isn"]);
    let server = num(&doc["server_isn"]);
    assert_eq!(num(&segments[1]["seq_absolute"]), server);
    for s in segments {
        let n = &s["number"];
        assert!(s["captured"].is_object(), "segment {n} not captured");
        assert_eq!(
            num(&s["comparison"]["unexpected"]),
            0,
            "segment {n}: {}",
            s["comparison"]
        );
        // The wire's numbers are the relative ones plus the ISNs (mod 2^32).
        let (mine, theirs) = if s["from"] == "client" {
            (client, server)
        } else {
            (server, client)
        };
        let wire_seq = num(&field_value(&s["captured"], "tcp.seq")["value"]);
        assert_eq!(
            wire_seq,
            (mine + num(&s["seq"])) % (1 << 32),
            "segment {n} seq"
        );
        assert_eq!(num(&s["seq_absolute"]), wire_seq);
        if let Some(ack) = s["ack"].as_u64() {
            let wire_ack = num(&field_value(&s["captured"], "tcp.ack")["value"]);
            assert_eq!(wire_ack, (theirs + ack) % (1 << 32), "segment {n} ack");
            assert_eq!(num(&s["ack_absolute"]), wire_ack);
        }
    }
    assert_eq!(doc["notes"], serde_json::json!([]));
}

#[test]
fn a_closed_port_is_refused_with_syn_and_rst() {
    let doc = tcp_json(&["--no-receiver", "--capture", "off", "--port", "15414"]);
    assert_eq!(doc["schema"], "stackviz.tcp/1");
    let outcome = &doc["outcome"];
    assert_eq!(outcome["status"], "refused", "{outcome}");
    assert_eq!(outcome["errno"], 111, "{outcome}");
    assert!(
        outcome["error"]
            .as_str()
            .unwrap()
            .starts_with("ECONNREFUSED"),
        "{outcome}"
    );
    assert_eq!(flags(&doc), ["SYN", "RST,ACK"]);
    let rst = &doc["segments"][1];
    assert_eq!(
        (rst["from"].as_str(), num(&rst["seq"]), num(&rst["ack"])),
        (Some("server"), 0, 1)
    );
    // No embedded server: no saved SYN, no server reads.
    assert!(doc["syn"].is_null());
    assert_eq!(doc["server_reads"], serde_json::json!([]));
    let states: Vec<&str> = doc["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["state"].as_str())
        .collect();
    assert!(!states.contains(&"ESTABLISHED"), "{states:?}");
}
