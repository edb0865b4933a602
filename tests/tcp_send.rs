//! `stackviz send --tcp` as a learner runs it: one real loopback connection
//! (IPv4 and IPv6), its eight segments in order with their relative
//! numbers, the states both sockets went through, the arithmetic, the
//! client's SYN seen without privileges, and (as root) every segment
//! captured with no unexpected difference; the pcap file checked by tshark.
//! Ports 15390-15399 are this file's.

mod common;

use common::{stackviz_at, succeeded, text};

/// The flags of the segment rows ("│ 1 ┆ client ┆ SYN ┆ ..."), in order.
fn segment_flags(output: &str) -> Vec<String> {
    let rows = output
        .split("Every segment")
        .nth(1)
        .expect("the segment table");
    rows.lines()
        .take_while(|l| !l.starts_with('└'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(['│', '┆']).map(str::trim).collect();
            // A row that starts a segment has its number in the first cell.
            cells
                .get(1)
                .filter(|n| n.parse::<usize>().is_ok())
                .and_then(|_| cells.get(3))
                .map(|f| f.to_string())
        })
        .collect()
}

const EIGHT: [&str; 8] = [
    "SYN", "SYN, ACK", "ACK", "PSH, ACK", "ACK", "FIN, ACK", "FIN, ACK", "ACK",
];

fn assert_connection(out: &str, client: &str, server: &str) {
    assert!(
        out.contains(&format!("one real TCP connection, {client}")),
        "{out}"
    );
    assert!(
        out.contains(&format!("→ {server}, 7 bytes of data")),
        "{out}"
    );
    assert_eq!(segment_flags(out), EIGHT, "{out}");
    // The arithmetic of the data's acknowledgment, worked out.
    assert!(
        out.contains("segment 5: ack 8 = segment 4's seq 1 + 7 bytes + 0"),
        "{out}"
    );
    assert!(
        out.contains(
            "segment 8: ack 2 = segment 7's seq 1 + 0 bytes + 1 (a FIN takes one sequence number)"
        ),
        "{out}"
    );
    // States read with TCP_INFO after the calls, and TIME_WAIT from the
    // kernel's table after the client's close().
    for state in ["LISTEN", "ESTABLISHED", "CLOSE_WAIT", "TIME_WAIT"] {
        assert!(out.contains(state), "{state} missing:\n{out}");
    }
    assert!(
        out.contains("recv(fd, buf, 65536, 0)") && out.contains("0 (end of stream)"),
        "{out}"
    );
}

#[test]
fn ipv4_connection_shows_eight_segments_states_and_arithmetic() {
    let out =
        succeeded(stackviz_at(120).args(["send", "--tcp", "--port", "15390", "--capture", "off"]));
    let out = text(&out.stdout);
    assert_connection(&out, "127.0.0.1:", "127.0.0.1:15390");
    assert!(out.contains("TCP_SAVED_SYN"), "{out}");
    assert_eq!(out.matches("predicted only").count(), 8, "{out}");
}

#[test]
fn ipv6_connection_shows_eight_segments() {
    let out = succeeded(stackviz_at(120).args([
        "send",
        "--tcp",
        "-6",
        "--port",
        "15391",
        "--capture",
        "off",
    ]));
    let out = text(&out.stdout);
    assert_connection(&out, "[::1]:", "[::1]:15391");
    // IPv6's MSS on loopback: 65,536 - 40 (IPv6) - 20 (TCP).
    assert!(out.contains("MSS 65476"), "{out}");
}

#[test]
fn the_syn_and_the_first_data_segment_are_shown_in_full_by_default() {
    let out =
        succeeded(stackviz_at(120).args(["send", "--tcp", "--port", "15392", "--capture", "off"]));
    let out = text(&out.stdout);
    let full: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("layer by layer ("))
        .collect();
    assert_eq!(full.len(), 2, "{full:?}");
    assert!(
        full[0].starts_with("Segment 1: SYN from the client"),
        "{full:?}"
    );
    assert!(
        full[1].starts_with("Segment 4: PSH, ACK from the client"),
        "{full:?}"
    );
    let all = succeeded(stackviz_at(120).args([
        "send",
        "--tcp",
        "--port",
        "15392",
        "--capture",
        "off",
        "--all",
    ]));
    let all = text(&all.stdout);
    assert_eq!(
        all.lines()
            .filter(|l| l.contains("layer by layer ("))
            .count(),
        8
    );
    let one = succeeded(stackviz_at(120).args([
        "send",
        "--tcp",
        "--port",
        "15392",
        "--capture",
        "off",
        "--segment",
        "7",
    ]));
    let one = text(&one.stdout);
    let heads: Vec<&str> = one
        .lines()
        .filter(|l| l.contains("layer by layer ("))
        .collect();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(
        heads[0].starts_with("Segment 7: FIN, ACK from the server"),
        "{heads:?}"
    );
}

#[test]
fn absolute_numbers_start_at_the_isn_the_syn_carried() {
    let out = succeeded(stackviz_at(140).args([
        "send",
        "--tcp",
        "--port",
        "15393",
        "--capture",
        "off",
        "--absolute",
    ]));
    let out = text(&out.stdout);
    assert!(
        out.contains("seq and ack as on the wire (absolute)"),
        "{out}"
    );
    // The ISN the SYN carried, as TCP_SAVED_SYN gave it...
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let isn: u32 = flat
        .split("no privilege needed): ISN ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.parse().ok())
        .expect("the ISN line");
    // ...is the first row's seq, and the data segment's seq is one more.
    let seqs: Vec<u64> = out
        .split("Every segment")
        .nth(1)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(['│', '┆']).map(str::trim).collect();
            cells.get(1)?.parse::<usize>().ok()?;
            cells.get(4)?.parse().ok()
        })
        .collect();
    assert_eq!(seqs[0], u64::from(isn), "{out}");
    assert_eq!(seqs[3], u64::from(isn.wrapping_add(1)), "{out}");
}

#[test]
fn a_closed_port_answers_rst_and_connect_is_refused() {
    let out = succeeded(stackviz_at(120).args([
        "send",
        "--tcp",
        "--no-receiver",
        "--port",
        "15394",
        "--capture",
        "off",
    ]));
    let out = text(&out.stdout);
    assert_eq!(segment_flags(&out), ["SYN", "RST, ACK"], "{out}");
    assert!(out.contains("ECONNREFUSED (Connection refused)"), "{out}");
}

#[test]
fn a_busy_port_names_its_holder_and_exits_1() {
    let holder = std::net::TcpListener::bind("127.0.0.1:15395").expect("a listener for the test");
    let out = stackviz_at(100)
        .args(["send", "--tcp", "--port", "15395", "--capture", "off"])
        .output()
        .unwrap();
    drop(holder);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: 127.0.0.1:15395 is already in use"),
        "{err}"
    );
    assert!(
        err.contains(&format!("(pid {})", std::process::id())),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn options_that_make_no_sense_for_tcp_are_usage_errors() {
    for args in [
        vec!["send", "--tcp", "--mtu", "500"],
        vec!["send", "--segment", "2"],
        vec!["send", "--tcp", "--compare-families"],
    ] {
        let out = stackviz_at(100).args(&args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn every_segment_is_captured_with_no_unexpected_difference() {
    if !common::can_capture("every_segment_is_captured_with_no_unexpected_difference") {
        return;
    }
    for (family, port) in [("-4", "15396"), ("-6", "15397")] {
        let mut cmd = stackviz_at(160);
        cmd.args(["send", "--tcp", "--port", port, "--capture", "on"]);
        if family == "-6" {
            cmd.arg("-6");
        }
        let out = succeeded(&mut cmd);
        let out = text(&out.stdout);
        assert!(
            out.contains("8 of 8 predicted segments caught, 0 unexpected differences"),
            "{family}:\n{out}"
        );
        assert!(!out.contains("UNEXPECTED"), "{out}");
    }
}

#[test]
fn without_capture_permission_the_syn_is_still_seen_exactly() {
    if !common::need(
        "without_capture_permission_the_syn_is_still_seen_exactly",
        common::is_root() && common::capsh_available(),
        "needs root and capsh to drop CAP_NET_RAW",
    ) {
        return;
    }
    let out = common::without_net_raw("send --tcp --port 15398 --color never --width 120");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = text(&out.stdout);
    assert!(
        out.contains("no capture: capturing on lo needs root or CAP_NET_RAW"),
        "{out}"
    );
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("the client's SYN exactly as the server's kernel received it (TCP_SAVED_SYN, no privilege needed): ISN "),
        "{out}"
    );
    assert!(flat.contains("options MSS 65495, SACK_PERM, TS "), "{out}");
    assert_eq!(segment_flags(&out), EIGHT, "{out}");
}

#[test]
fn tshark_reads_the_pcap_and_built_segments_match_the_captured_ones() {
    if !common::can_capture("tshark_reads_the_pcap_and_built_segments_match_the_captured_ones")
        || !common::tshark_available(
            "tshark_reads_the_pcap_and_built_segments_match_the_captured_ones",
        )
    {
        return;
    }
    let dir = common::TempDir::new("tcp-pcap");
    let path = dir.join("tcp.pcapng");
    succeeded(
        stackviz_at(120)
            .args([
                "send",
                "--tcp",
                "--port",
                "15399",
                "--capture",
                "on",
                "--pcap",
            ])
            .arg(&path),
    );
    let fields = [
        "frame.interface_name",
        "tcp.flags",
        "tcp.seq_raw",
        "tcp.ack_raw",
        "tcp.len",
        "tcp.window_size_value",
        "tcp.options.mss_val",
        "tcp.options.wscale.shift",
        "tcp.checksum.status",
        "ip.id",
    ];
    let rows = common::tshark_fields(&path, &["-o", "tcp.check_checksum:TRUE"], &fields);
    assert_eq!(rows.len(), 16, "8 built then 8 captured: {rows:?}");
    let (built, captured) = rows.split_at(8);
    for (b, c) in built.iter().zip(captured) {
        assert!(b[0].starts_with("stackviz"), "{b:?}");
        assert_eq!(c[0], "lo", "{c:?}");
        // Flags, both numbers, length, window and SYN options agree.
        assert_eq!(b[1..8], c[1..8], "built {b:?} captured {c:?}");
        // Every built segment carries a full, correct checksum.
        assert_eq!(
            b[8], "1",
            "tshark's \"Good\" status (0 bad, 2 unverified): {b:?}"
        );
    }
    // The client's IP IDs are predicted (its SYN's + 1 per segment), so
    // they agree too: rows 0, 2, 3, 5, 7 are the client's.
    for i in [0, 2, 3, 5, 7] {
        assert_eq!(built[i][9], captured[i][9], "segment {}: {built:?}", i + 1);
    }
}

/// A server elsewhere (`--to`), here a plain listener of the test's own that
/// reads to the end and closes: the same eight segments, the data the
/// client's send() took, and (as root) nothing unexpected in the capture.
#[test]
fn a_server_elsewhere_is_reached_with_to() {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a listener for the test");
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(false).unwrap();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().expect("stackviz connects");
        conn.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut got = Vec::new();
        conn.read_to_end(&mut got).expect("read to the end");
        got
    });
    let capture = if common::has_net_raw() { "on" } else { "off" };
    let out = succeeded(stackviz_at(140).args([
        "send",
        "--tcp",
        "--to",
        &addr.to_string(),
        "--capture",
        capture,
        "Hi from stackviz",
    ]));
    let out = text(&out.stdout);
    assert_eq!(server.join().unwrap(), b"Hi from stackviz");
    assert_eq!(segment_flags(&out), EIGHT, "{out}");
    assert!(out.contains("16 bytes of data"), "{out}");
    assert!(
        out.contains("segment 5: ack 17 = segment 4's seq 1 + 16 bytes + 0"),
        "{out}"
    );
    if capture == "on" {
        assert!(
            out.contains("8 of 8 predicted segments caught, 0 unexpected differences"),
            "{out}"
        );
    }
}

/// `--step` without a terminal prints everything at once; a reader that
/// stops early (`| head -1`) ends the output quietly: exit 0, no error.
#[test]
fn step_into_a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = common::spawn(
        common::stackviz_std()
            .args(["send", "--tcp", "--step", "--port", "0", "--capture", "off"])
            .args(["--color", "never", "--width", "100"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let mut stdout = child.child().stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("the heading");
    assert!(first.starts_with(b"stackviz send --tcp: one real TCP connection"));
    drop(stdout);
    let out = child.wait_output(common::RUN_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}
