//! `stackviz send --tcp --scenario NAME`, run for real on loopback: each
//! scenario's socket calls return what the kernel really says (ECONNREFUSED,
//! ECONNRESET, one recv() of 10 bytes for two sends, the accept queue), the
//! predicted segments have the flags the scenario must produce, and (with
//! capture: root under CI) every predicted segment was caught, with 0
//! unexpected differences, and the captured frames (read back by tshark
//! from --pcap) carry the same flags. Each test has its own port.

mod common;

use common::{stackviz_at, TempDir};

/// One row of the "Every segment" table: from, flags, seq, ack, len.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    from: String,
    flags: String,
    seq: String,
    ack: String,
    len: String,
}

/// The cells of a table row drawn by the text renderer.
fn cells(line: &str) -> Vec<String> {
    line.trim_matches(|c| c == '│' || c == ' ')
        .split('┆')
        .map(|c| c.trim().to_string())
        .collect()
}

/// The predicted segments, from the "Every segment" table.
fn segments(out: &str) -> Vec<Row> {
    let table = out
        .split("Every segment")
        .nth(1)
        .expect("an 'Every segment' table");
    table
        .lines()
        .take_while(|l| !l.starts_with("seq and ack"))
        .map(cells)
        .filter(|c| c.len() >= 6 && c[0].parse::<usize>().is_ok())
        .map(|c| Row {
            from: c[1].clone(),
            flags: c[2].clone(),
            seq: c[3].clone(),
            ack: c[4].clone(),
            len: c[5].clone(),
        })
        .collect()
}

/// The flags of each segment, "client SYN", "server SYN, ACK", ...
fn flag_lines(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|r| format!("{} {}", r.from, r.flags))
        .collect()
}

/// Each timeline call's end, call and result (its first line).
fn calls(out: &str) -> Vec<(String, String, String)> {
    let table = out.split("Timeline").nth(1).expect("a timeline");
    let table = table.split("Every segment").next().unwrap_or_default();
    table
        .lines()
        .map(cells)
        .filter(|c| c.len() >= 4 && c[0].ends_with(" ms"))
        .map(|c| (c[1].clone(), c[2].clone(), c[3].clone()))
        .collect()
}

/// The result of the first call of `end` whose text starts with `prefix`.
fn result_of(out: &str, end: &str, prefix: &str) -> String {
    calls(out)
        .into_iter()
        .find(|(e, c, _)| e == end && c.starts_with(prefix))
        .map(|(_, _, r)| r)
        .unwrap_or_else(|| panic!("no {end} call {prefix} in:\n{out}"))
}

/// Runs `send --tcp` with `args`; returns exit code and stdout.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = stackviz_at(250);
    cmd.args(["send", "--tcp"]);
    if !args.contains(&"--timeout") {
        cmd.args(["--timeout", "5"]);
    }
    let out = cmd.args(args).output().expect("the binary runs");
    (
        out.status.code(),
        common::text(&out.stdout),
        common::text(&out.stderr),
    )
}

/// Without capture: exit 0, the predicted flags, and the output.
fn without_capture(args: &[&str], flags: &[&str]) -> String {
    let mut all = vec!["--capture", "off"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert_eq!(code, Some(0), "stdout:\n{out}\nstderr:\n{err}");
    assert_eq!(flag_lines(&segments(&out)), flags, "{out}");
    out
}

/// With capture (root): every predicted segment caught, 0 unexpected
/// differences, nothing caught that was not predicted, and the captured
/// frames' flags (tshark, from --pcap) are the predicted ones.
fn captured(test: &str, args: &[&str], flags: &[&str]) {
    if !common::can_capture(test) || !common::tshark_available(test) {
        return;
    }
    let dir = TempDir::new("tcpscen");
    let pcap = dir.file("run.pcapng");
    let mut all = vec!["--capture", "on", "--pcap", &pcap];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert_eq!(code, Some(0), "stdout:\n{out}\nstderr:\n{err}");
    let n = flags.len();
    assert!(
        out.contains(&format!(
            "capture on lo: {n} of {n} predicted segments caught, 0 unexpected differences"
        )),
        "{out}"
    );
    assert!(!out.contains("caught but not predicted"), "{out}");
    assert_eq!(flag_lines(&segments(&out)), flags, "{out}");
    // The captured frames are the ones on interface lo; tshark writes the
    // flags as e.g. "0x0012" (SYN, ACK).
    let rows = common::tshark_fields(&pcap, &[], &["frame.interface_name", "tcp.flags"]);
    let captured: Vec<u32> = rows
        .iter()
        .filter(|r| r.first().map(String::as_str) == Some("lo"))
        .map(|r| u32::from_str_radix(r[1].trim_start_matches("0x"), 16).expect("flags in hex"))
        .collect();
    let mut captured_names: Vec<String> = captured.iter().map(|&f| names(f)).collect();
    let mut predicted: Vec<String> = flags
        .iter()
        .map(|f| {
            ["client ", "server ", "kernel (no server) "]
                .iter()
                .find_map(|end| f.strip_prefix(end))
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    // The pcap holds the captured frames in the order they were read, which
    // on lo need not be the order of the two directions interleaved.
    captured_names.sort();
    predicted.sort();
    assert_eq!(captured_names, predicted, "{out}");
}

/// Flag names as stackviz lists them.
fn names(flags: u32) -> String {
    [
        (0x80, "CWR"),
        (0x40, "ECE"),
        (0x02, "SYN"),
        (0x04, "RST"),
        (0x08, "PSH"),
        (0x01, "FIN"),
        (0x10, "ACK"),
    ]
    .iter()
    .filter(|(bit, _)| flags & bit != 0)
    .map(|(_, n)| *n)
    .collect::<Vec<_>>()
    .join(", ")
}

const HANDSHAKE: [&str; 3] = ["client SYN", "server SYN, ACK", "client ACK"];

fn with_handshake(rest: &[&'static str]) -> Vec<&'static str> {
    HANDSHAKE
        .iter()
        .copied()
        .chain(rest.iter().copied())
        .collect()
}

// closed-port -------------------------------------------------------------

const CLOSED: [&str; 2] = ["client SYN", "kernel (no server) RST, ACK"];

#[test]
fn closed_port_is_refused_with_rst_ack_as_no_receiver_is() {
    for spelling in [&["--scenario", "closed-port"][..], &["--no-receiver"][..]] {
        let mut args = vec!["--port", "15421"];
        args.extend_from_slice(spelling);
        let out = without_capture(&args, &CLOSED);
        assert!(
            result_of(&out, "client", "connect(fd, 127.0.0.1:15421)")
                .starts_with("-1 (ECONNREFUSED (Connection refused))"),
            "{out}"
        );
        let rst = &segments(&out)[1];
        assert_eq!((rst.seq.as_str(), rst.ack.as_str()), ("0", "1"), "{out}");
    }
}

#[test]
fn closed_port_captured() {
    captured(
        "closed_port_captured",
        &["--port", "15422", "--scenario", "closed-port"],
        &CLOSED,
    );
}

// no-accept ---------------------------------------------------------------

fn no_accept_flags() -> Vec<&'static str> {
    with_handshake(&[
        "client PSH, ACK",
        "server ACK",
        "client FIN, ACK",
        "server ACK",
        "server RST, ACK",
    ])
}

#[test]
fn no_accept_connects_sends_and_is_reset_when_the_listener_closes() {
    let out = without_capture(
        &["--port", "15423", "--scenario", "no-accept"],
        &no_accept_flags(),
    );
    assert_eq!(result_of(&out, "client", "connect("), "0", "{out}");
    assert_eq!(
        result_of(&out, "client", "send("),
        "7 (bytes sent)",
        "{out}"
    );
    assert_eq!(
        result_of(&out, "server", "getsockopt(fd, IPPROTO_TCP, TCP_INFO)"),
        "Recv-Q 1, Send-Q 1 (as ss -ltn shows them)",
        "{out}"
    );
    assert!(
        result_of(&out, "client", "recv(")
            .starts_with("-1 (ECONNRESET (Connection reset by peer))"),
        "{out}"
    );
    assert!(
        !calls(&out).iter().any(|(_, c, _)| c.starts_with("accept(")),
        "no accept() in this scenario:\n{out}"
    );
    // The RST acknowledges the FIN: ack = 7 bytes + SYN + FIN + 1.
    let rst = segments(&out).pop().expect("segments");
    assert_eq!((rst.seq.as_str(), rst.ack.as_str()), ("1", "9"), "{out}");
}

#[test]
fn no_accept_captured() {
    captured(
        "no_accept_captured",
        &["--port", "15424", "--scenario", "no-accept"],
        &no_accept_flags(),
    );
}

// two-sends ---------------------------------------------------------------

fn two_sends_flags() -> Vec<&'static str> {
    with_handshake(&[
        "client PSH, ACK",
        "server ACK",
        "client PSH, ACK",
        "server ACK",
        "client FIN, ACK",
        "server FIN, ACK",
        "client ACK",
    ])
}

#[test]
fn two_sends_are_two_segments_and_one_recv() {
    let out = without_capture(
        &["--port", "15425", "--scenario", "two-sends"],
        &two_sends_flags(),
    );
    let sends: Vec<_> = calls(&out)
        .into_iter()
        .filter(|(e, c, _)| e == "client" && c.starts_with("send("))
        .map(|(_, c, r)| (c, r))
        .collect();
    assert_eq!(
        sends,
        [
            (
                "send(fd, \"Hello\", 5, 0)".to_string(),
                "5 (bytes sent)".to_string()
            ),
            (
                "send(fd, \"World\", 5, 0)".to_string(),
                "5 (bytes sent)".to_string()
            ),
        ],
        "{out}"
    );
    assert_eq!(
        result_of(&out, "server", "recv("),
        "10 (bytes received): \"HelloWorld\"",
        "{out}"
    );
    assert_eq!(
        result_of(&out, "server", "ioctl(fd, FIONREAD)"),
        "10 (bytes queued)",
        "{out}"
    );
    let data: Vec<(String, String)> = segments(&out)
        .into_iter()
        .filter(|r| r.flags == "PSH, ACK")
        .map(|r| (r.seq, r.len))
        .collect();
    assert_eq!(
        data,
        [
            ("1".to_string(), "5".to_string()),
            ("6".to_string(), "5".to_string())
        ],
        "{out}"
    );
}

#[test]
fn two_sends_split_the_users_message_in_two() {
    let out = without_capture(
        &["--port", "15426", "--scenario", "two-sends", "abcdef"],
        &two_sends_flags(),
    );
    assert_eq!(
        result_of(&out, "server", "recv("),
        "6 (bytes received): \"abcdef\"",
        "{out}"
    );
}

#[test]
fn two_sends_captured() {
    captured(
        "two_sends_captured",
        &["--port", "15427", "--scenario", "two-sends"],
        &two_sends_flags(),
    );
}

// reset -------------------------------------------------------------------

fn reset_flags() -> Vec<&'static str> {
    with_handshake(&["client PSH, ACK", "server ACK", "client RST, ACK"])
}

#[test]
fn so_linger_zero_sends_rst_and_the_server_gets_econnreset() {
    let out = without_capture(&["--port", "15428", "--scenario", "reset"], &reset_flags());
    assert_eq!(
        result_of(&out, "client", "setsockopt(fd, SOL_SOCKET, SO_LINGER"),
        "0",
        "{out}"
    );
    let reads: Vec<String> = calls(&out)
        .into_iter()
        .filter(|(e, c, _)| e == "server" && c.starts_with("recv("))
        .map(|(_, _, r)| r)
        .collect();
    assert_eq!(reads.len(), 2, "{out}");
    assert_eq!(reads[0], "7 (bytes received): \"Hello!!\"", "{out}");
    assert!(
        reads[1].starts_with("-1 (ECONNRESET (Connection reset by peer))"),
        "{out}"
    );
    assert!(
        !calls(&out)
            .iter()
            .any(|(_, c, _)| c.starts_with("shutdown(")),
        "nobody shuts down a reset connection:\n{out}"
    );
    let rst = segments(&out).pop().expect("segments");
    assert_eq!((rst.seq.as_str(), rst.ack.as_str()), ("8", "1"), "{out}");
}

#[test]
fn reset_captured() {
    captured(
        "reset_captured",
        &["--port", "15429", "--scenario", "reset"],
        &reset_flags(),
    );
}

// unread-close ------------------------------------------------------------

fn unread_flags() -> Vec<&'static str> {
    with_handshake(&["client PSH, ACK", "server ACK", "server RST, ACK"])
}

#[test]
fn closing_with_unread_data_sends_rst_and_the_client_gets_econnreset() {
    let out = without_capture(
        &["--port", "15430", "--scenario", "unread-close"],
        &unread_flags(),
    );
    assert_eq!(
        result_of(&out, "server", "ioctl(fd, FIONREAD)"),
        "7 (bytes queued)",
        "{out}"
    );
    assert!(
        !calls(&out)
            .iter()
            .any(|(e, c, _)| e == "server" && c.starts_with("recv(")),
        "the server reads nothing:\n{out}"
    );
    assert!(
        result_of(&out, "client", "recv(")
            .starts_with("-1 (ECONNRESET (Connection reset by peer))"),
        "{out}"
    );
    let rst = segments(&out).pop().expect("segments");
    assert_eq!((rst.seq.as_str(), rst.ack.as_str()), ("1", "8"), "{out}");
}

#[test]
fn unread_close_captured() {
    captured(
        "unread_close_captured",
        &["--port", "15431", "--scenario", "unread-close"],
        &unread_flags(),
    );
}

// small-mss ---------------------------------------------------------------

fn small_mss_flags() -> Vec<&'static str> {
    // lo hands the 1200 bytes over as one GSO frame: one data segment.
    with_handshake(&[
        "client PSH, ACK",
        "server ACK",
        "client FIN, ACK",
        "server FIN, ACK",
        "client ACK",
    ])
}

#[test]
fn a_small_mss_is_announced_and_the_message_needs_three_segments() {
    let out = without_capture(
        &["--port", "15432", "--scenario", "small-mss"],
        &small_mss_flags(),
    );
    assert_eq!(
        result_of(
            &out,
            "server",
            "setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, 536)"
        ),
        "0",
        "{out}"
    );
    assert_eq!(
        result_of(&out, "client", "send("),
        "1200 (bytes sent)",
        "{out}"
    );
    assert!(
        out.contains("the server announced MSS 536; this end puts at most 524 bytes in a segment (TCP_MAXSEG), so 1200 bytes need 3 segments"),
        "{out}"
    );
    let rows = segments(&out);
    assert_eq!(rows[3].len, "1200", "{out}");
    assert_eq!(rows[4].ack, "1201", "{out}");
    // The SYN,ACK's MSS option says 536.
    let table = out.split("Every segment").nth(1).unwrap_or_default();
    let syn_ack = table
        .lines()
        .find(|l| l.contains("SYN, ACK"))
        .expect("the SYN,ACK row");
    assert!(syn_ack.contains("MSS 536,"), "{syn_ack}");
}

#[test]
fn mss_alone_means_small_mss_with_that_value() {
    let out = without_capture(&["--port", "15433", "--mss", "1000"], &small_mss_flags());
    assert!(out.contains("the server announced MSS 1000;"), "{out}");
}

#[test]
fn small_mss_captured() {
    captured(
        "small_mss_captured",
        &["--port", "15434", "--scenario", "small-mss"],
        &small_mss_flags(),
    );
}

#[test]
fn scenarios_work_over_ipv6_too() {
    let out = without_capture(
        &["-6", "--port", "15435", "--scenario", "reset"],
        &reset_flags(),
    );
    assert!(out.contains("[::1]:15435"), "{out}");
    captured(
        "scenarios_work_over_ipv6_too",
        &["-6", "--port", "15436", "--scenario", "no-accept"],
        &no_accept_flags(),
    );
}

// Bad usage -----------------------------------------------------------------

#[test]
fn scenario_needs_tcp_mss_needs_small_mss_and_tcp_refuses_mtu() {
    for args in [
        &["send", "--scenario", "reset"][..],
        &["send", "--mss", "600"][..],
        &["send", "--tcp", "--scenario", "reset", "--mss", "600"][..],
        &["send", "--tcp", "--mtu", "500"][..],
        &["send", "--tcp", "--scenario", "nosuch"][..],
        &["send", "--tcp", "--mss", "20"][..],
    ] {
        let out = stackviz_at(100)
            .args(args)
            .output()
            .expect("the binary runs");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            common::text(&out.stderr)
        );
        let err = common::text(&out.stderr);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing runs");
    }
}

#[test]
fn help_lists_every_scenario_with_its_line() {
    let out = stackviz_at(100)
        .args(["send", "--help"])
        .output()
        .expect("runs");
    let help = common::text(&out.stdout);
    for line in [
        "closed-port   nobody listens",
        "no-accept     no accept()",
        "two-sends     two send() calls, one recv()",
        "reset         SO_LINGER (on, 0)",
        "unread-close  the server closes with unread data",
        "small-mss     TCP_MAXSEG on the listener (--mss)",
        "no-answer     a full accept queue drops the SYN",
    ] {
        assert!(help.contains(line), "{line} missing:\n{help}");
    }
    let zh = common::stackviz_zh()
        .args(["send", "--help"])
        .output()
        .expect("runs");
    let zh = common::text(&zh.stdout);
    assert!(
        zh.contains("two-sends     两次 send()，一次 recv()"),
        "the Chinese help lists the scenarios:\n{zh}"
    );
}

// no-answer ----------------------------------------------------------------

/// The SYN and its retransmissions within the timeout (retries come
/// about 1 s apart here; at least one fits in 1.5 s).
fn assert_only_syns(out: &str) -> usize {
    let flags = flag_lines(&segments(out));
    assert!(flags.len() >= 2, "the SYN and at least one retry:\n{out}");
    assert!(flags.iter().all(|f| f == "client SYN"), "{out}");
    let rows = segments(out);
    assert!(
        rows.iter().all(|r| r.seq == "0"),
        "the same ISN every time:\n{out}"
    );
    flags.len()
}

#[test]
fn a_full_accept_queue_never_answers_and_connect_gives_up_after_the_timeout() {
    let (code, out, err) = run(&[
        "--capture",
        "off",
        "--port",
        "15438",
        "--scenario",
        "no-answer",
        "--timeout",
        "2.5",
    ]);
    assert_eq!(code, Some(0), "stdout:\n{out}\nstderr:\n{err}");
    assert_only_syns(&out);
    assert_eq!(
        result_of(&out, "client", "connect("),
        "-1 (no answer within 2.5 s)",
        "{out}"
    );
    assert_eq!(
        result_of(&out, "server", "getsockopt(fd, IPPROTO_TCP, TCP_INFO)"),
        "Recv-Q 1, Send-Q 0 (as ss -ltn shows them)",
        "{out}"
    );
    assert_eq!(result_of(&out, "server", "listen("), "0", "{out}");
    assert!(
        calls(&out).iter().any(|(_, c, _)| c == "listen(fd, 0)"),
        "{out}"
    );
}

// The capture reads its frames only after the run: 1.5 s (one retry, ~1 s
// after the SYN) keeps the time that other loopback traffic on a busy
// machine could fill its buffer short.
#[test]
fn no_answer_captured() {
    let test = "no_answer_captured";
    if !common::can_capture(test) {
        return;
    }
    let (code, out, err) = run(&[
        "--capture",
        "on",
        "--port",
        "15439",
        "--scenario",
        "no-answer",
        "--timeout",
        "1.5",
    ]);
    assert_eq!(code, Some(0), "stdout:\n{out}\nstderr:\n{err}");
    let n = assert_only_syns(&out);
    assert!(
        out.contains(&format!(
            "capture on lo: {n} of {n} predicted segments caught, 0 unexpected differences"
        )),
        "{out}"
    );
    assert!(!out.contains("caught but not predicted"), "{out}");
}

#[test]
fn a_message_that_fits_one_small_segment_is_not_said_to_be_cut() {
    let out = without_capture(
        &["--port", "15444", "--scenario", "small-mss", "hi"],
        &small_mss_flags(),
    );
    assert_eq!(
        result_of(&out, "client", "send("),
        "2 (bytes sent)",
        "{out}"
    );
    assert!(!out.contains("segments of the wire's size"), "{out}");
    assert!(!out.contains("one GSO packet"), "{out}");
}
