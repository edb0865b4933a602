//! `stackviz send --compare-transports`: the same message over a real UDP
//! exchange and a real TCP connection; the numbers a learner compares must
//! follow from the header sizes (UDP 8 + IPv4 20 per datagram, TCP 32 +
//! IPv4 20 per data segment with timestamps). Ports 15445-15449.

mod common;

use common::{stackviz, stackviz_at, succeeded, text};
use serde_json::Value;

fn compare(port: u16, extra: &[&str]) -> Value {
    let out = succeeded(
        stackviz()
            .args([
                "send",
                "--compare-transports",
                "--format",
                "json",
                "--port",
                &port.to_string(),
            ])
            .args(extra),
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn one_datagram_against_eight_segments_with_overheads_from_the_header_sizes() {
    let doc = compare(15445, &["--capture", "off"]);
    assert_eq!(doc["schema"], "stackviz.compare-transports/1");
    assert_eq!(doc["message_bytes"], 7);
    let (udp, tcp) = (&doc["udp"], &doc["tcp"]);
    // UDP: one datagram, 20 + 8 bytes of headers around the 7.
    assert_eq!(udp["packet_count"], 1);
    let datagram = &udp["packets"][0];
    assert_eq!(
        (
            n(&datagram["ip_header"]),
            n(&datagram["transport_header"]),
            n(&datagram["data_length"])
        ),
        (20, 8, 7)
    );
    assert_eq!(udp["ip_bytes"], 35);
    assert_eq!(udp["header_bytes"], 28);
    assert_eq!(udp["round_trips_before_data"], 0);
    // TCP: at least 8 segments, one with the data, 20 + 32 around it.
    let segments = tcp["packets"].as_array().unwrap();
    assert!(segments.len() >= 8, "{segments:#?}");
    assert_eq!(n(&tcp["packet_count"]), segments.len() as u64);
    assert_eq!(tcp["data_packets"], 1);
    let data: Vec<&Value> = segments
        .iter()
        .filter(|s| n(&s["data_length"]) > 0)
        .collect();
    assert_eq!(
        (
            n(&data[0]["ip_header"]),
            n(&data[0]["transport_header"]),
            n(&data[0]["data_length"])
        ),
        (20, 32, 7)
    );
    assert_eq!(data[0]["ip_length"], 59);
    let flags: Vec<&str> = segments
        .iter()
        .map(|s| s["what"].as_str().unwrap())
        .collect();
    assert_eq!(&flags[..4], ["SYN", "SYN, ACK", "ACK", "PSH, ACK"]);
    assert_eq!(
        segments[0]["transport_header"], 40,
        "the SYN's options: 20 bytes"
    );
    // Every total is the sum of its packets, and headers are what is not data.
    for side in [udp, tcp] {
        let packets = side["packets"].as_array().unwrap();
        let sum = |key: &str| packets.iter().map(|p| n(&p[key])).sum::<u64>();
        assert_eq!(n(&side["ip_bytes"]), sum("ip_length"));
        assert_eq!(n(&side["frame_bytes"]), sum("frame_length"));
        assert_eq!(
            n(&side["header_bytes"]),
            sum("ip_header") + sum("transport_header")
        );
        assert_eq!(n(&side["header_bytes"]), n(&side["ip_bytes"]) - 7);
        for p in packets {
            assert_eq!(
                n(&p["ip_length"]),
                n(&p["ip_header"]) + n(&p["transport_header"]) + n(&p["data_length"])
            );
            // Ethernet II: 14-byte header, padded to 60, then the 4-byte FCS.
            assert_eq!(
                n(&p["frame_length"]),
                (14 + n(&p["ip_length"])).max(60) + 4,
                "{p}"
            );
        }
        assert_eq!(side["delivered"], 7);
        assert!(side["unexpected"].is_null(), "no capture: {side}");
    }
    // One round trip (SYN out, SYN,ACK back) before the client may send.
    assert_eq!(tcp["round_trips_before_data"], 1);
    assert_eq!(segments[1]["from"], "server");
    // What the calls returned.
    let result = |side: &Value, end: &str, call: &str| -> Vec<String> {
        side["calls"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["end"] == end && c["call"].as_str().unwrap().starts_with(call))
            .map(|c| c["result"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(result(udp, "sender", "sendto("), ["7 (bytes sent)"]);
    assert_eq!(result(tcp, "client", "send("), ["7 (bytes sent)"]);
    assert_eq!(result(tcp, "client", "connect("), ["0"]);
    let server_reads = result(tcp, "server", "recv(");
    assert_eq!(
        server_reads.last().map(String::as_str),
        Some("0 (end of stream)")
    );
    assert!(
        doc["conclusion"].as_str().unwrap().starts_with(
            "UDP carried the 7 bytes in 1 datagram (35 bytes of IP, 28 of them headers)"
        ),
        "{}",
        doc["conclusion"]
    );
}

#[test]
fn the_table_puts_the_numbers_side_by_side_and_concludes() {
    let out = succeeded(stackviz_at(160).args([
        "send",
        "--compare-transports",
        "--port",
        "15446",
        "--capture",
        "off",
        "Hello, TCP!",
    ]));
    let text = text(&out.stdout);
    let row = |label: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.starts_with(&format!("│ {label} ")))
            .unwrap_or_else(|| panic!("no row {label:?}:\n{text}"))
            .split('┆')
            .map(|c| {
                c.trim_matches(|c: char| c == '│' || c.is_whitespace())
                    .to_string()
            })
            .collect()
    };
    assert_eq!(row("packets on the wire")[1], "1 datagram");
    assert!(row("packets on the wire")[2].ends_with(" segments"));
    assert_eq!(
        row("headers per data packet")[1..],
        ["IPv4 20 + UDP 8 = 28", "IPv4 20 + TCP 32 = 52"]
    );
    assert_eq!(
        row("round trips before the first byte is delivered")[1..],
        ["0", "1"]
    );
    assert_eq!(row("bytes the receiving program got")[1..], ["11", "11"]);
    assert_eq!(
        row("bytes of IP packets (sum of their total lengths)")[1],
        "39"
    );
    assert!(
        text.contains("UDP carried the 11 bytes in 1 datagram (39 bytes of IP, 28 of them headers) with nothing exchanged before it; TCP needed "),
        "{text}"
    );
}

#[test]
fn over_ipv6_the_ip_header_is_40_bytes() {
    let doc = compare(15447, &["-6", "--capture", "off"]);
    assert_eq!(doc["udp"]["packets"][0]["ip_header"], 40);
    assert_eq!(doc["udp"]["header_bytes"], 48);
    let data: Vec<&Value> = doc["tcp"]["packets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| n(&s["data_length"]) > 0)
        .collect();
    assert_eq!(
        (n(&data[0]["ip_header"]), n(&data[0]["transport_header"])),
        (40, 32)
    );
}

#[test]
fn with_capture_both_exchanges_match_what_was_built() {
    if !common::can_capture("with_capture_both_exchanges_match_what_was_built") {
        return;
    }
    let doc = compare(15448, &["--capture", "on"]);
    assert_eq!(doc["udp"]["unexpected"], 0, "{}", doc["udp"]);
    assert_eq!(doc["tcp"]["unexpected"], 0, "{}", doc["tcp"]);
}

#[test]
fn options_that_make_no_sense_with_it_are_usage_errors() {
    for extra in [
        &["--tcp"][..],
        &["--compare-families"],
        &["--mtu", "600"],
        &["--no-receiver"],
        &["--to", "127.0.0.1:9"],
        &["--pcap", "x.pcapng"],
        &["--segment", "1"],
        &["--all"],
        &["--ttl", "3"],
        &["--scenario", "reset"],
        &["--mss", "536"],
    ] {
        let out = stackviz()
            .args(["send", "--compare-transports"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        let err = text(&out.stderr);
        assert!(err.contains("cannot be used with"), "{extra:?}: {err}");
    }
}

#[test]
fn in_chinese_it_speaks_of_datagrams_segments_and_the_handshake() {
    let out = succeeded(common::stackviz_zh().args([
        "--color",
        "never",
        "--width",
        "160",
        "send",
        "--compare-transports",
        "--port",
        "15449",
        "--capture",
        "off",
    ]));
    let text = text(&out.stdout);
    for term in [
        "1 个用户数据报",
        "个报文段",
        "三报文握手",
        "结论",
        "每个分组",
    ] {
        assert!(text.contains(term), "{term}: {text}");
    }
    assert!(
        text.contains("UDP 用 1 个用户数据报运送了这 7 字节"),
        "{text}"
    );
}
