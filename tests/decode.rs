//! `stackviz decode` from the outside: every input form (plain hex, tcpdump
//! -xx and Wireshark dumps, stdin, pcap, pcapng), --summary, --filter,
//! --count/--skip, JSON Lines, and bad input (malformed frames, non-hex,
//! damaged captures) with the exact error and exit code.

mod common;

use std::path::PathBuf;

use common::golden::a_to_b_spec;
use common::{field, hex, json_lines, stackviz, TempDir, LINK_ETHERNET};
use stackviz::build::build_frame;

/// The frame as a capture holds it: no FCS (and no padding for short ones
/// would be wrong: captures keep what the wire had, so keep the padding).
fn captured(payload: &[u8], dst_port: u16) -> Vec<u8> {
    let mut frame = build_frame(&a_to_b_spec(payload, dst_port)).unwrap().bytes;
    frame.truncate(frame.len() - 4);
    frame
}

/// A path in this run's temporary directory (removed when the run ends).
fn temp(name: &str) -> PathBuf {
    thread_local!(static DIR: TempDir = TempDir::new("decode"));
    DIR.with(|d| d.join(name))
}

/// A classic little-endian microsecond pcap of Ethernet frames.
fn write_pcap(path: &std::path::Path, frames: &[Vec<u8>]) {
    common::write_pcap(path, LINK_ETHERNET, frames);
}

#[test]
fn plain_hex_with_spaces_colons_and_0x() {
    let frame = captured(b"Hello!!", 15001);
    let spaced: String = frame.iter().map(|b| format!("0x{b:02X}:")).collect();
    for input in [hex(&frame), spaced] {
        let out = common::succeeded(stackviz().args(["decode", &input, "--format", "json"]));
        let docs = json_lines(&out.stdout);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0]["schema"], "stackviz.decode/1");
        assert_eq!(docs[0]["frame"], hex(&frame));
        assert_eq!(field(&docs[0], "udp.dst_port")["value"], 15001);
        assert_eq!(field(&docs[0], "app.data")["value"], "Hello!!");
        assert_eq!(field(&docs[0], "ipv4.identification")["value"], 7);
    }
}

#[test]
fn unquoted_hex_words_are_one_frame() {
    let frame = captured(b"hi", 53);
    let words: Vec<String> = frame.iter().map(|b| format!("{b:02x}")).collect();
    let out = stackviz()
        .arg("decode")
        .args(&words)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out.stdout)[0]["frame"], hex(&frame));
}

/// tcpdump -xx prints an offset, a colon and 16-bit groups.
fn tcpdump_xx(frame: &[u8]) -> String {
    let mut text = String::from("16:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.53: UDP, length 2\n");
    for (i, chunk) in frame.chunks(16).enumerate() {
        let groups: Vec<String> = chunk.chunks(2).map(hex).collect();
        text.push_str(&format!("\t0x{:04x}:  {}\n", i * 16, groups.join(" ")));
    }
    text
}

/// Wireshark's "Copy as Hex Dump": offset, bytes, and an ASCII column.
fn wireshark_dump(frame: &[u8]) -> String {
    let mut text = String::new();
    for (i, chunk) in frame.chunks(16).enumerate() {
        let bytes: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        let ascii: String = chunk
            .iter()
            .map(|b| {
                if b.is_ascii_graphic() {
                    *b as char
                } else {
                    '.'
                }
            })
            .collect();
        text.push_str(&format!(
            "{:04x}   {:<47}   {ascii}\n",
            i * 16,
            bytes.join(" ")
        ));
    }
    text
}

#[test]
fn offset_dumps_from_tcpdump_and_wireshark() {
    // A payload whose ASCII column is itself made of hex digits.
    let frame = captured(b"cafe beef 0123456789abcdef", 53);
    for text in [tcpdump_xx(&frame), wireshark_dump(&frame)] {
        let out = stackviz()
            .args(["decode", "-", "--format", "json"])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let docs = json_lines(&out.stdout);
        assert_eq!(docs.len(), 1, "{text}");
        assert_eq!(docs[0]["frame"], hex(&frame), "{text}");
    }
}

#[test]
fn two_frames_in_one_dump_start_again_at_offset_zero() {
    let a = captured(b"first", 53);
    let b = captured(b"second", 54);
    let text = format!("{}{}", wireshark_dump(&a), wireshark_dump(&b));
    let out = stackviz()
        .args(["decode", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["frame"], hex(&a));
    assert_eq!(docs[1]["frame"], hex(&b));
    assert_eq!(docs[1]["number"], 2);
}

#[test]
fn pcap_file_summary_filter_count_and_skip() {
    let path = temp("mixed.pcap");
    let frames: Vec<Vec<u8>> = (0..6)
        .map(|i| {
            captured(
                format!("frame {i}").as_bytes(),
                if i % 2 == 0 { 53 } else { 15001 },
            )
        })
        .collect();
    write_pcap(&path, &frames);
    let p = path.to_str().unwrap();

    let out = stackviz()
        .args(["decode", p, "--summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert!(lines[0].contains("10.0.0.1.40000 > 10.0.0.2.53"), "{text}");
    assert!(lines[0].contains("Ethernet II/IPv4/UDP"), "{text}");
    assert!(lines[0].contains("length 7"), "{text}");
    assert_eq!(lines[6], "6 frames read, 6 shown, 0 malformed");

    let out = stackviz()
        .args([
            "decode",
            p,
            "--format",
            "json",
            "--filter",
            "udp port 15001",
        ])
        .output()
        .unwrap();
    let docs = json_lines(&out.stdout);
    assert_eq!(
        docs.iter()
            .map(|d| d["number"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![2, 4, 6]
    );

    let out = stackviz()
        .args([
            "decode", p, "--format", "json", "--skip", "2", "--count", "3",
        ])
        .output()
        .unwrap();
    let docs = json_lines(&out.stdout);
    assert_eq!(
        docs.iter()
            .map(|d| d["number"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![3, 4, 5]
    );

    let out = stackviz()
        .args([
            "decode",
            p,
            "--format",
            "json",
            "--filter",
            "host 10.0.0.2 and udp",
        ])
        .output()
        .unwrap();
    assert_eq!(json_lines(&out.stdout).len(), 6);
    // No TCP in the file: a clean run that shows nothing.
    let out =
        common::succeeded(stackviz().args(["decode", p, "--format", "json", "--filter", "tcp"]));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = stackviz()
        .args(["decode", p, "--summary", "--filter", "tcp"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "6 frames read, 0 shown, 0 malformed\n"
    );
}

/// Enough frames for the worker threads (decode::parallel): still every
/// frame once, in input order, and --skip/--count count as before.
#[test]
fn many_frames_come_out_in_order_with_skip_and_count() {
    let path = temp("many.pcap");
    let frames: Vec<Vec<u8>> = (0..1000)
        .map(|i| captured(&vec![b'x'; i % 300], 15001 + (i % 2) as u16))
        .collect();
    write_pcap(&path, &frames);
    let p = path.to_str().unwrap();
    let numbers = |out: &[u8]| -> Vec<u64> {
        json_lines(out)
            .iter()
            .map(|d| d["number"].as_u64().unwrap())
            .collect()
    };

    let out = stackviz()
        .args(["decode", p, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(numbers(&out.stdout), (1..=1000).collect::<Vec<_>>());

    let out = stackviz()
        .args(["decode", p, "--format", "json", "--filter", "port 15002"])
        .args(["--skip", "100", "--count", "300"])
        .output()
        .unwrap();
    assert_eq!(
        numbers(&out.stdout),
        (102..=700).step_by(2).collect::<Vec<_>>()
    );

    let out = stackviz()
        .args(["decode", p, "--summary", "--skip", "100", "--count", "700"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 701);
    assert!(lines[0].trim_start().starts_with("101 "), "{}", lines[0]);
    assert!(
        lines[699].trim_start().starts_with("800 "),
        "{}",
        lines[699]
    );
    assert_eq!(lines[700], "800 frames read, 700 shown, 0 malformed");
}

#[test]
fn pcap_on_stdin_and_full_detail() {
    let path = temp("one.pcap");
    write_pcap(&path, &[captured(b"Hello!!", 15001)]);
    let bytes = std::fs::read(&path).unwrap();
    let out = stackviz()
        .args(["decode", "-", "--color", "never", "--width", "100"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "Frame 1: 60 bytes, Ethernet",
        "Data link layer · Ethernet II",
        "Network layer · IPv4",
        "Transport layer · UDP",
        "✓ Header Checksum: 0x",
        "✓ Checksum: 0x",
        "Padding",
        "legend:",
        "1 frame read, 1 shown, 0 malformed",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn a_frame_with_its_fcs_is_checked() {
    let frame = build_frame(&a_to_b_spec(b"Hello!!", 15001)).unwrap().bytes;
    let out = stackviz()
        .args(["decode", &hex(&frame), "--format", "json"])
        .output()
        .unwrap();
    let doc = &json_lines(&out.stdout)[0];
    assert_eq!(field(doc, "eth.fcs")["hex"], hex(&frame[60..]));
    let fcs = doc["layers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["checks"].as_array().into_iter().flatten())
        .find(|c| c["field"] == "eth.fcs")
        .unwrap_or_else(|| panic!("no FCS check: {doc}"));
    assert_eq!(fcs["verdict"]["status"], "correct");
    let mut broken = frame.clone();
    broken[30] ^= 1; // the destination address: FCS and IPv4 checksum now wrong
    let out = stackviz()
        .args(["decode", &hex(&broken), "--format", "json"])
        .output()
        .unwrap();
    let doc = &json_lines(&out.stdout)[0];
    let verdict = |id: &str| {
        doc["layers"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|l| l["checks"].as_array().into_iter().flatten())
            .find(|c| c["field"] == id)
            .unwrap_or_else(|| panic!("no check of {id}: {doc}"))["verdict"]["status"]
            .clone()
    };
    assert_eq!(verdict("ipv4.checksum"), "incorrect");
    // The FCS no longer matches, so decode (which detects an FCS by its CRC;
    // there is no flag to insist on one) cannot tell it from padding: it
    // must then claim no FCS verdict at all, and show the 4 bytes as part of
    // the padding after the packet.
    let fcs_checks = doc["layers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["checks"].as_array().into_iter().flatten())
        .filter(|c| c["field"] == "eth.fcs")
        .count();
    assert_eq!(
        fcs_checks, 0,
        "an FCS verdict on an unrecognised FCS: {doc}"
    );
    assert!(common::try_field(doc, "eth.fcs").is_none(), "{doc}");
    let padding = field(doc, "eth.padding");
    assert_eq!(padding["offset"], 49);
    assert_eq!(padding["hex"], hex(&broken[49..]));
}

#[test]
fn truncated_frame_names_layer_offset_and_need_and_exits_1() {
    let frame = captured(b"Hello!!", 15001);
    let cut = &frame[..20]; // Ethernet header + 6 bytes of IPv4
    let out = stackviz()
        .args(["decode", &hex(cut), "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("IPv4 header needs 20 bytes, 6 left at offset 14"),
        "{text}"
    );
    assert!(
        text.contains("the remaining 6 bytes, raw: 450000230007"),
        "{text}"
    );
    assert!(text.contains("Data link layer · Ethernet II"), "{text}");
    let out = stackviz()
        .args(["decode", &hex(cut), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = &json_lines(&out.stdout)[0];
    assert_eq!(doc["malformed"]["protocol"], "IPv4");
    assert_eq!(doc["malformed"]["offset"], 14);
}

#[test]
fn non_hex_input_names_the_first_bad_character() {
    let out = stackviz().args(["decode", "45 00 0g 1c"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: the hex input: 'g' at position 8 is not a hex digit\nhint: "),
        "{err}"
    );
    let out = stackviz().args(["decode", "abc"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("odd number of hex digits"));
}

#[test]
fn damaged_captures_get_a_clear_error_and_no_huge_allocation() {
    let path = temp("cut.pcap");
    write_pcap(&path, &[captured(b"one", 53), captured(b"two", 53)]);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.truncate(bytes.len() - 10);
    std::fs::write(&path, &bytes).unwrap();
    let out = stackviz()
        .args(["decode", path.to_str().unwrap(), "--summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().count(),
        1,
        "the whole first frame is still shown: {text}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: ") && err.contains("record 2 is cut short"),
        "{err}"
    );

    // A record claiming 4 GB: an error, and the process stays small.
    let mut huge = bytes[..24].to_vec();
    huge.extend_from_slice(&[0; 8]);
    huge.extend_from_slice(&u32::MAX.to_le_bytes());
    huge.extend_from_slice(&u32::MAX.to_le_bytes());
    huge.extend_from_slice(&[0xab; 64]);
    std::fs::write(&path, &huge).unwrap();
    let (out, peak_kib) = common::output_and_peak_kib(
        common::stackviz_std().args(["decode", path.to_str().unwrap()]),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("record 1"), "{err}");
    assert!(!err.contains("panicked"));
    // Measured: the peak resident set stays far below the 4 GB claimed
    // (a buffer of the claimed size, once touched, would show here).
    assert!(
        peak_kib < 64 * 1024,
        "decode of a record claiming 4 GB peaked at {peak_kib} KiB"
    );

    // Not a capture and not hex.
    std::fs::write(&path, b"\x00\x01garbage").unwrap();
    let out = stackviz()
        .args(["decode", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
}

#[test]
fn bad_filter_is_a_usage_error() {
    let out = stackviz()
        .args(["decode", "00", "--filter", "port abc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a port"));
}
