//! Inputs the README promises `decode` reads, through the binary: a pcapng
//! file written by `send --pcap` (the README's round trip with --summary and
//! --filter), pcapng timestamps in any if_tsresol, raw-IP and Linux SLL
//! captures, xxd dumps, and a capture on standard input shown frame by frame
//! while it is still being written.

mod common;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use common::{field, hex, json_lines, stackviz, stackviz_std, TempDir, RUN_LIMIT};
use serde_json::Value;

/// "Hello!!" from 127.0.0.1:42036 to 127.0.0.1:15001, Ethernet, no padding,
/// no FCS (the golden frame of tests/golden.rs cut to the packet).
const FRAME: &str = "0000000000000000000000000800450000230000400040113cc87f0000017f000001a4343a99000fde0c48656c6c6f2121";

fn frame() -> Vec<u8> {
    common::unhex(FRAME)
}

/// The same IPv4 packet without the Ethernet header.
fn packet() -> Vec<u8> {
    frame()[14..].to_vec()
}

fn decode_json(args: &[&str], stdin: Option<Vec<u8>>) -> Vec<Value> {
    let mut cmd = stackviz();
    cmd.args(["decode", "--format", "json"]).args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes);
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}

#[test]
fn send_pcap_then_decode_summary_and_filter_round_trip() {
    let dir = TempDir::new("pcapng-round-trip");
    let path = dir.file("hello.pcapng");
    let out = common::succeeded(
        stackviz()
            .args([
                "send",
                "--port",
                "0",
                "--capture",
                "off",
                "--format",
                "json",
            ])
            .args(["--pcap", &path]),
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let port = field(&doc, "udp.dst_port")["value"].as_u64().unwrap();

    // The file holds the built frame, FCS included, byte for byte.
    let docs = decode_json(&[&path], None);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["frame"], doc["frame"]);
    assert_eq!(
        field(&docs[0], "eth.fcs")["hex"],
        field(&doc, "eth.fcs")["hex"]
    );
    assert_eq!(field(&docs[0], "app.data")["value"], "Hello!!");

    // The README's line: --summary with a filter on the port used.
    let filter = format!("udp port {port}");
    let out = stackviz()
        .args(["decode", &path, "--summary", "--filter", &filter])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains(&format!("> 127.0.0.1.{port}, length 7")),
        "{text}"
    );
    assert_eq!(lines[1], "1 frame read, 1 shown, 0 malformed");
    // Another port filters it out.
    let other = format!("udp port {}", if port == 9 { 10 } else { 9 });
    let out = stackviz()
        .args(["decode", &path, "--summary", "--filter", &other])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1 frame read, 0 shown, 0 malformed\n"
    );
}

/// A pcapng file by hand: section header, one Ethernet interface with the
/// given if_tsresol option (None: the default, microseconds), one enhanced
/// packet with the 64-bit timestamp `ts` in those units.
fn pcapng(tsresol: Option<u8>, ts: u64, frame: &[u8]) -> Vec<u8> {
    fn block(kind: u32, body: &[u8]) -> Vec<u8> {
        let mut body = body.to_vec();
        while body.len() % 4 != 0 {
            body.push(0);
        }
        let len = (12 + body.len()) as u32;
        let mut b = Vec::new();
        b.extend_from_slice(&kind.to_le_bytes());
        b.extend_from_slice(&len.to_le_bytes());
        b.extend_from_slice(&body);
        b.extend_from_slice(&len.to_le_bytes());
        b
    }
    let mut shb = Vec::new();
    shb.extend_from_slice(&0x1a2b_3c4du32.to_le_bytes());
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&0u16.to_le_bytes());
    shb.extend_from_slice(&u64::MAX.to_le_bytes());
    let mut idb = Vec::new();
    idb.extend_from_slice(&1u16.to_le_bytes()); // LINKTYPE_ETHERNET
    idb.extend_from_slice(&0u16.to_le_bytes());
    idb.extend_from_slice(&65535u32.to_le_bytes());
    if let Some(r) = tsresol {
        idb.extend_from_slice(&9u16.to_le_bytes()); // if_tsresol
        idb.extend_from_slice(&1u16.to_le_bytes());
        idb.extend_from_slice(&[r, 0, 0, 0]);
        idb.extend_from_slice(&[0, 0, 0, 0]); // opt_endofopt
    }
    let mut epb = Vec::new();
    epb.extend_from_slice(&0u32.to_le_bytes());
    epb.extend_from_slice(&((ts >> 32) as u32).to_le_bytes());
    epb.extend_from_slice(&(ts as u32).to_le_bytes());
    epb.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    epb.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    epb.extend_from_slice(frame);
    [block(0x0a0d_0d0a, &shb), block(1, &idb), block(6, &epb)].concat()
}

#[test]
fn pcapng_timestamps_follow_if_tsresol() {
    let dir = TempDir::new("tsresol");
    // 1,700,000,000.25 s in microseconds (default), nanoseconds (9) and
    // 2^-10 s units (0x80 | 10: a power of two).
    for (tsresol, ts) in [
        (None, 1_700_000_000_250_000u64),
        (Some(9), 1_700_000_000_250_000_000u64),
        (Some(0x80 | 10), 1_700_000_000u64 * 1024 + 256),
    ] {
        let path = dir.write("ts.pcapng", &pcapng(tsresol, ts, &frame()));
        let docs = decode_json(&[&path], None);
        assert_eq!(docs.len(), 1, "{tsresol:?}");
        let t = docs[0]["timestamp"]
            .as_f64()
            .unwrap_or_else(|| panic!("no timestamp: {}", docs[0]));
        assert!(
            (t - 1_700_000_000.25).abs() < 1e-6,
            "if_tsresol {tsresol:?}: timestamp {t}"
        );
        assert_eq!(docs[0]["frame"], FRAME);
    }
}

#[test]
fn raw_ip_and_linux_sll_captures_through_the_binary() {
    let dir = TempDir::new("links");
    let raw = dir.join("raw.pcap");
    common::write_pcap(&raw, common::LINK_RAW, &[packet()]);
    let docs = decode_json(&[raw.to_str().unwrap()], None);
    assert_eq!(docs.len(), 1);
    let kinds: Vec<&str> = docs[0]["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["protocol"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds[0], "IPv4",
        "raw IP starts at the IP header: {kinds:?}"
    );
    assert_eq!(field(&docs[0], "ipv4.src")["offset"], 12);
    assert_eq!(field(&docs[0], "app.data")["value"], "Hello!!");

    // Linux cooked capture: packet type 0 (to us), ARPHRD_LOOPBACK 772,
    // address length 6, address, EtherType 0x0800.
    let mut sll = vec![0, 0, 0x03, 0x04, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00];
    sll.extend_from_slice(&packet());
    let path = dir.join("sll.pcap");
    common::write_pcap(&path, common::LINK_SLL, &[sll]);
    let docs = decode_json(&[path.to_str().unwrap()], None);
    assert_eq!(field(&docs[0], "sll.protocol")["value"], 0x0800);
    assert_eq!(field(&docs[0], "ipv4.src")["offset"], 16 + 12);
    assert_eq!(field(&docs[0], "udp.dst_port")["value"], 15001);
    let out = stackviz()
        .args(["decode", path.to_str().unwrap(), "--summary"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("127.0.0.1.42036 > 127.0.0.1.15001, length 7"),
        "{text}"
    );
}

/// What `xxd` prints for `bytes`: offset, groups of two bytes, ASCII.
fn xxd(bytes: &[u8]) -> String {
    bytes
        .chunks(16)
        .enumerate()
        .map(|(i, row)| {
            let groups: Vec<String> = row.chunks(2).map(hex).collect();
            let ascii: String = row
                .iter()
                .map(|&b| {
                    if (0x20..0x7f).contains(&b) {
                        b as char
                    } else {
                        '.'
                    }
                })
                .collect();
            format!("{:08x}: {:<40} {ascii}\n", i * 16, groups.join(" "))
        })
        .collect()
}

#[test]
fn xxd_dumps_from_a_file_and_from_standard_input() {
    let dump = xxd(&frame());
    assert!(dump.starts_with("00000000: 0000 0000 0000 0000 0000 0000 0800 4500  ..............E."));
    let dir = TempDir::new("xxd");
    let path = dir.write("frame.xxd", dump.as_bytes());
    for docs in [
        decode_json(&[&path], None),
        decode_json(&["-"], Some(dump.clone().into_bytes())),
    ] {
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0]["frame"], FRAME,
            "the ASCII column is not read as hex"
        );
    }
}

#[test]
fn a_capture_on_standard_input_is_shown_frame_by_frame() {
    // As `tcpdump -w - | stackviz decode -`: each frame must be shown when it
    // arrives, not when the input ends.
    let mut child = common::spawn(
        stackviz_std()
            .args(["decode", "-", "--summary"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
    );
    let mut stdin = child.child().stdin.take().unwrap();
    let stdout = child.child().stdout.take().unwrap();
    let lines = common::lines_of(stdout);
    let two = common::pcap_bytes(common::LINK_ETHERNET, &[frame(), frame()]);
    let record = 16 + frame().len();
    let (header_and_first, second) = two.split_at(24 + record);
    stdin.write_all(header_and_first).unwrap();
    stdin.flush().unwrap();
    let first = lines
        .recv_timeout(Duration::from_secs(20))
        .expect("frame 1 shown while standard input is still open");
    assert!(first.trim_start().starts_with("1 "), "{first}");
    stdin.write_all(second).unwrap();
    stdin.flush().unwrap();
    let next = lines
        .recv_timeout(Duration::from_secs(20))
        .expect("frame 2 shown while standard input is still open");
    assert!(next.trim_start().starts_with("2 "), "{next}");
    drop(stdin);
    let closing = lines.recv_timeout(RUN_LIMIT).expect("the closing line");
    assert_eq!(closing, "2 frames read, 2 shown, 0 malformed");
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
}
