//! `stackviz recv --tcp` as a learner uses it: a plain Python client
//! connects, sends and closes; the server shows the client's SYN as it
//! arrived, every call with its result and TCP state, the bytes, and (as
//! root) the segments; Ctrl-C ends with the summary and exit 0.
//! Ports 15440-15444.

mod common;

use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use common::{lines_of, output_within, spawn, stackviz_std, Guarded, RUN_LIMIT};
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(20);

/// `recv --tcp` on 127.0.0.1:`port` with `extra` options, bounded by its
/// own --timeout as well as the guard; its stdout read line by line.
fn server(port: u16, extra: &[&str]) -> (Guarded, Receiver<String>) {
    let bind = format!("127.0.0.1:{port}");
    let mut child = spawn(
        stackviz_std()
            .args([
                "--color", "never", "--width", "200", "recv", "--tcp", "--bind", &bind,
            ])
            .args(["--timeout", "40"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = lines_of(child.child().stdout.take().expect("stdout"));
    (child, lines)
}

/// Waits for the line that contains `marker`; returns every line read.
fn until(lines: &Receiver<String>, marker: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        let line = lines
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no line with {marker:?}; read: {seen:#?}"));
        let done = line.contains(marker);
        seen.push(line);
        if done {
            return seen;
        }
    }
}

/// Runs a Python client (its source, PORT replaced); returns its stdout.
fn python(port: u16, source: &str) -> String {
    let out = output_within(
        Command::new("python3")
            .arg("-c")
            .arg(source.replace("PORT", &port.to_string())),
        WAIT,
    );
    assert!(
        out.status.success(),
        "python3: {}",
        common::text(&out.stderr)
    );
    common::text(&out.stdout)
}

/// The learner's one-liner, exactly as the issue gives it.
const HELLO: &str =
    "import socket; socket.create_connection((\"127.0.0.1\", PORT)).sendall(b\"Hello!!\")";

fn interrupt(child: &mut Guarded) {
    // SAFETY: kill() with SIGINT on our own child's pid.
    let rc = unsafe { libc::kill(child.child().id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(rc, 0, "SIGINT delivered");
}

#[test]
fn a_python_client_is_shown_with_its_syn_every_call_and_state_and_the_data() {
    const PORT: u16 = 15440;
    let (child, lines) = server(PORT, &["--count", "1"]);
    until(&lines, "waiting for connections");
    python(PORT, HELLO);
    let out = child.wait_output(RUN_LIMIT);
    let mut text: Vec<String> = lines.try_iter().collect();
    text.push(common::text(&out.stdout));
    let text = text.join("\n");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}\n{}",
        common::text(&out.stderr)
    );
    let heading = text
        .lines()
        .find(|l| l.starts_with("Connection 1: 127.0.0.1:"))
        .unwrap_or_else(|| panic!("no connection heading:\n{text}"));
    assert!(
        heading.ends_with(&format!(" → 127.0.0.1:{PORT}, 7 bytes received")),
        "{heading}"
    );
    // The SYN as it arrived: loopback's MSS (65535 - 40) and the TSval.
    let syn = text
        .lines()
        .find(|l| l.starts_with("the client's SYN exactly as it arrived (60 bytes"))
        .unwrap_or_else(|| panic!("no SYN line:\n{text}"));
    assert!(
        syn.contains("options: MSS 65495, SACK_PERM, TS val "),
        "{syn}"
    );
    // Each call with its result and the state TCP_INFO gave after it.
    let row = |call: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.contains(call))
            .unwrap_or_else(|| panic!("no row for {call}:\n{text}"))
            .split('┆')
            .map(|c| {
                c.trim_matches(|c: char| c == '│' || c.is_whitespace())
                    .to_string()
            })
            .collect()
    };
    let accept = row("accept(fd)");
    assert!(
        accept[2].starts_with("fd ") && accept[2].contains(", connected to 127.0.0.1:"),
        "{accept:?}"
    );
    // The client may have closed already when accept() returned.
    assert!(
        ["ESTABLISHED", "CLOSE_WAIT"].contains(&accept[3].as_str()),
        "{accept:?}"
    );
    let eof = row("0 (end of stream)");
    assert_eq!(eof[1], "recv(fd, buf, 65536, 0)");
    assert_eq!(eof[3], "CLOSE_WAIT", "{eof:?}");
    let data = row("7 (bytes received)");
    assert_eq!(data[2], "7 (bytes received): \"Hello!!\"");
    assert!(
        text.contains("data: \"Hello!!\" (7 bytes, hex 48656c6c6f2121)"),
        "{text}"
    );
    assert!(
        text.contains("recv() returned 7, 0: a stream has no message boundaries"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "summary: 1 connection, 7 bytes received on 127.0.0.1:{PORT} in "
        )) && text.contains("ended: --count reached"),
        "{text}"
    );
}

/// The connection lines of a JSON run: started, connections, summary.
fn json(line: &str) -> Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn two_connections_then_ctrl_c_give_their_values_and_the_summary_with_exit_0() {
    const TEST: &str = "two_connections_then_ctrl_c_give_their_values_and_the_summary_with_exit_0";
    const PORT: u16 = 15441;
    let (mut child, lines) = server(PORT, &["--format", "json"]);
    let started = json(&lines.recv_timeout(WAIT).expect("the started line"));
    assert_eq!(started["schema"], "stackviz.recv-tcp/1");
    assert_eq!(started["kind"], "started");
    assert_eq!(started["bound"], format!("127.0.0.1:{PORT}"));
    let setup: Vec<&str> = started["setup"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["call"].as_str().unwrap())
        .collect();
    assert_eq!(
        setup,
        [
            "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)",
            "setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, 1)",
            "setsockopt(fd, IPPROTO_TCP, TCP_SAVE_SYN, 1)",
            &format!("bind(fd, 127.0.0.1:{PORT})"),
            "listen(fd, 16)",
        ]
    );
    assert_eq!(started["setup"][4]["state"], "LISTEN");
    // Each client prints its own port, to be found in the server's report.
    let first = python(
        PORT,
        "import socket\ns = socket.create_connection(('127.0.0.1', PORT))\nprint(s.getsockname()[1])\ns.sendall(b'Hello!!')\ns.close()",
    );
    let one = json(&lines.recv_timeout(WAIT).expect("connection 1"));
    let second = python(
        PORT,
        "import socket\ns = socket.create_connection(('127.0.0.1', PORT))\nprint(s.getsockname()[1])\ns.sendall(b'one')\ns.sendall(b'two')\ns.close()",
    );
    let two = json(&lines.recv_timeout(WAIT).expect("connection 2"));
    interrupt(&mut child);
    let summary = json(&lines.recv_timeout(WAIT).expect("the summary line"));
    let out = child.wait_output(RUN_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    for (n, (c, client, sent)) in [(&one, &first, &b"Hello!!"[..]), (&two, &second, b"onetwo")]
        .into_iter()
        .enumerate()
    {
        assert_eq!(c["kind"], "connection");
        assert_eq!(c["number"], n + 1);
        assert_eq!(c["peer"], format!("127.0.0.1:{}", client.trim()), "{c}");
        assert_eq!(c["local"], format!("127.0.0.1:{PORT}"));
        assert_eq!(c["data"], hex(sent));
        assert_eq!(c["bytes"], sent.len());
        assert_eq!(c["end"], "peer_closed");
        // A stream: however the reads split the bytes, they add up, and
        // the last one is the FIN's 0.
        let reads: Vec<u64> = c["reads"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_u64().unwrap())
            .collect();
        assert_eq!(reads.last(), Some(&0), "{reads:?}");
        assert_eq!(reads.iter().sum::<u64>(), sent.len() as u64);
        let calls = c["calls"].as_array().unwrap();
        assert_eq!(calls[0]["call"], "accept(fd)");
        assert_eq!(calls.last().unwrap()["call"], "close(fd)");
        let eof = &calls[calls.len() - 2];
        assert_eq!(eof["result"], "0 (end of stream)");
        assert_eq!(eof["state"], "CLOSE_WAIT");
        // The SYN as saved: IPv4, TCP, only SYN set; its ISN is the
        // sequence number in its bytes.
        let syn = &c["syn"];
        let bytes = common::unhex(syn["bytes"].as_str().unwrap());
        assert_eq!((bytes[0] >> 4, bytes[9]), (4, 6), "IPv4 carrying TCP");
        let tcp = &bytes[20..];
        assert_eq!(
            u16::from_be_bytes([tcp[0], tcp[1]]).to_string(),
            client.trim()
        );
        assert_eq!(u16::from_be_bytes([tcp[2], tcp[3]]), PORT);
        assert_eq!(tcp[13], 0x02, "SYN alone");
        assert_eq!(
            syn["isn"],
            u32::from_be_bytes([tcp[4], tcp[5], tcp[6], tcp[7]])
        );
        assert!(
            syn["options"].as_str().unwrap().starts_with("MSS 65495"),
            "{syn}"
        );
        let layers: Vec<&str> = syn["layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["protocol"].as_str().unwrap())
            .collect();
        assert_eq!(&layers[..2], ["IPv4", "TCP"]);
    }
    assert_eq!(summary["kind"], "summary");
    assert_eq!(summary["connections"], 2);
    assert_eq!(summary["bytes"], 13);
    assert_eq!(summary["ended"], "interrupted");
    // As root the segments were captured: the handshake, the data, FINs.
    if common::can_capture(TEST) {
        let segments = one["segments"]
            .as_array()
            .expect("segments while capturing");
        let row = |i: usize| {
            let s = &segments[i];
            (
                s["from"].as_str().unwrap().to_string(),
                s["flags"].as_str().unwrap().to_string(),
                s["seq"].as_u64().unwrap(),
                s["ack"].as_u64(),
                s["len"].as_u64().unwrap(),
            )
        };
        assert!((8..=9).contains(&segments.len()), "{segments:#?}");
        assert_eq!(row(0), ("client".into(), "SYN".into(), 0, None, 0));
        assert_eq!(row(1), ("server".into(), "SYN, ACK".into(), 0, Some(1), 0));
        assert_eq!(row(2), ("client".into(), "ACK".into(), 1, Some(1), 0));
        assert_eq!(row(3), ("client".into(), "PSH, ACK".into(), 1, Some(1), 7));
        assert_eq!(segments[0]["ip_length"], 60, "20 + a 40-byte SYN header");
        assert_eq!(segments[3]["ip_length"], 20 + 32 + 7);
        assert!(
            segments[0]["window_scale"].is_null(),
            "a SYN's window is never scaled"
        );
        let fins = |from: &str| {
            segments
                .iter()
                .filter(|s| s["from"] == from && s["flags"].as_str().unwrap().contains("FIN"))
                .count()
        };
        assert_eq!((fins("client"), fins("server")), (1, 1));
        let last = &segments[segments.len() - 1];
        assert_eq!(
            (last["from"].as_str(), last["flags"].as_str()),
            (Some("client"), Some("ACK"))
        );
        assert_eq!(last["ack"], 2, "the server's FIN acknowledged: its ISN + 2");
    } else {
        assert!(one.get("segments").is_none(), "no capture, no segments");
    }
}

#[test]
fn ctrl_c_before_any_client_prints_the_summary_and_exits_0() {
    const PORT: u16 = 15442;
    let (mut child, lines) = server(PORT, &["--capture", "off"]);
    until(&lines, "waiting for connections");
    interrupt(&mut child);
    let out = child.wait_output(RUN_LIMIT);
    let rest: Vec<String> = lines.try_iter().collect();
    let text = format!("{}{}", rest.join("\n"), common::text(&out.stdout));
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains(&format!(
            "summary: 0 connections, 0 bytes received on 127.0.0.1:{PORT} in "
        )) && text.contains("ended: interrupted (Ctrl-C)"),
        "{text}"
    );
}

#[test]
fn a_timeout_with_no_client_fails_with_exit_1_and_says_why() {
    let out = output_within(
        stackviz_std().args([
            "--color",
            "never",
            "recv",
            "--tcp",
            "--bind",
            "127.0.0.1:15443",
            "--timeout",
            "0.3",
            "--capture",
            "off",
        ]),
        RUN_LIMIT,
    );
    let text = common::text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("summary: 0 connections") && text.contains("ended: --timeout reached"),
        "{text}"
    );
}

#[test]
fn recv_tcp_binds_loopback_by_default_and_refuses_html() {
    use clap::Parser;
    let parse = |args: &[&str]| match stackviz::cli::Cli::try_parse_from(args).map(|c| c.command) {
        Ok(stackviz::cli::Command::Recv(r)) => r.bind_address().to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(parse(&["stackviz", "recv", "--tcp"]), "127.0.0.1:15001");
    assert_eq!(
        parse(&["stackviz", "recv"]),
        "0.0.0.0:15001",
        "UDP as before"
    );
    let out = output_within(
        stackviz_std().args(["recv", "--tcp", "--html", "/nonexistent/r.html"]),
        RUN_LIMIT,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::text(&out.stderr).contains("'--tcp' cannot be used with '--html <FILE>'"),
        "{}",
        common::text(&out.stderr)
    );
}

#[test]
fn an_ipv6_client_shows_its_ipv6_syn_and_the_mss_for_a_40_byte_header() {
    const TEST: &str = "an_ipv6_client_shows_its_ipv6_syn_and_the_mss_for_a_40_byte_header";
    const PORT: u16 = 15444;
    let bind = format!("[::1]:{PORT}");
    let mut child = spawn(
        stackviz_std()
            .args([
                "recv",
                "--tcp",
                "--bind",
                &bind,
                "--count",
                "1",
                "--timeout",
                "40",
            ])
            .args(["--format", "json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = lines_of(child.child().stdout.take().expect("stdout"));
    let started = json(&lines.recv_timeout(WAIT).expect("the started line"));
    assert_eq!(started["bound"], bind);
    python(
        PORT,
        "import socket; socket.create_connection(('::1', PORT)).sendall(b'Hello!!')",
    );
    let c = json(&lines.recv_timeout(WAIT).expect("the connection line"));
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
    assert!(c["peer"].as_str().unwrap().starts_with("[::1]:"), "{c}");
    let bytes = common::unhex(c["syn"]["bytes"].as_str().unwrap());
    assert_eq!((bytes[0] >> 4, bytes[6]), (6, 6), "IPv6, next header TCP");
    assert_eq!(bytes.len(), 40 + 40, "IPv6 header and a 40-byte SYN header");
    // Loopback's MTU 65536 minus 40 (IPv6) and 20 (TCP).
    assert!(
        c["syn"]["options"]
            .as_str()
            .unwrap()
            .starts_with("MSS 65476,"),
        "{c}"
    );
    assert_eq!(c["data"], hex(b"Hello!!"));
    if common::can_capture(TEST) {
        let segments = c["segments"].as_array().expect("segments");
        assert_eq!(segments[0]["ip_length"], 40 + 40);
        assert_eq!(segments[3]["ip_length"], 40 + 32 + 7);
    }
}

#[test]
fn ctrl_c_during_a_connection_closes_it_first_and_still_reports_it() {
    const TEST: &str = "ctrl_c_during_a_connection_closes_it_first_and_still_reports_it";
    const PORT: u16 = 15452;
    let (mut child, lines) = server(PORT, &["--format", "json"]);
    lines.recv_timeout(WAIT).expect("the started line");
    // A client that sends, then waits for the server to close (bounded).
    let client = spawn(
        Command::new("python3")
            .arg("-c")
            .arg(format!(
                "import socket; s = socket.create_connection(('127.0.0.1', {PORT})); s.settimeout(15); s.sendall(b'hi'); print(s.recv(10))"
            ))
            .stdout(Stdio::piped()),
    );
    // Give the server time to read the two bytes, then interrupt it.
    std::thread::sleep(Duration::from_millis(700));
    interrupt(&mut child);
    let c = json(&lines.recv_timeout(WAIT).expect("the connection line"));
    let summary = json(&lines.recv_timeout(WAIT).expect("the summary line"));
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
    // The client saw the server's FIN: recv() returned b''.
    let seen = client.wait_output(WAIT);
    assert_eq!(common::text(&seen.stdout).trim(), "b''");
    assert_eq!(c["end"], "stopped", "{c}");
    assert_eq!(c["data"], hex(b"hi"));
    assert_eq!(c["reads"], serde_json::json!([2]));
    let close = c["calls"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(close["call"], "close(fd)");
    // This end closed first: it is on its way to TIME_WAIT, never LAST_ACK.
    assert!(
        ["FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT"].contains(&close["state"].as_str().unwrap()),
        "{close}"
    );
    assert_eq!(summary["ended"], "interrupted");
    assert_eq!(summary["connections"], 1);
    if common::can_capture(TEST) {
        let segments = c["segments"].as_array().expect("segments");
        let first_fin = segments
            .iter()
            .find(|s| s["flags"].as_str().unwrap().contains("FIN"))
            .expect("a FIN");
        assert_eq!(first_fin["from"], "server", "{segments:#?}");
    }
}

#[test]
fn in_chinese_a_connection_is_told_with_the_textbook_terms() {
    const PORT: u16 = 15453;
    let (child, lines) = server(PORT, &["--count", "1", "--lang", "zh"]);
    until(&lines, "等待连接");
    python(PORT, HELLO);
    let out = child.wait_output(RUN_LIMIT);
    let mut text: Vec<String> = lines.try_iter().collect();
    text.push(common::text(&out.stdout));
    let text = text.join("\n");
    assert_eq!(out.status.code(), Some(0), "{text}");
    for sentence in [
        "连接 1：127.0.0.1:",
        "客户端的 SYN 报文段，与到达时完全一样（60 字节的 IP 首部和 TCP 首部",
        "7（已接收字节数）：\"Hello!!\"",
        "0（字节流结束）",
        "字节流没有报文边界",
        "数据：“Hello!!”（7 字节，十六进制 48656c6c6f2121）",
        &format!("小结：在 127.0.0.1:{PORT} 上"),
        "1 个连接，收到 7 字节；结束原因：达到 --count",
    ] {
        assert!(text.contains(sentence), "{sentence:?} missing:\n{text}");
    }
}

#[test]
fn a_client_that_resets_makes_recv_fail_and_the_rst_is_shown() {
    const TEST: &str = "a_client_that_resets_makes_recv_fail_and_the_rst_is_shown";
    const PORT: u16 = 15457;
    let (child, lines) = server(PORT, &["--count", "1", "--format", "json"]);
    lines.recv_timeout(WAIT).expect("the started line");
    // SO_LINGER {1, 0}: close() sends RST instead of FIN.
    python(
        PORT,
        "import socket, struct, time\ns = socket.create_connection(('127.0.0.1', PORT))\ns.sendall(b'abc')\ntime.sleep(0.3)\ns.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))\ns.close()",
    );
    let c = json(&lines.recv_timeout(WAIT).expect("the connection line"));
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
    assert_eq!(c["end"], "failed", "{c}");
    assert_eq!(c["data"], hex(b"abc"));
    let calls = c["calls"].as_array().unwrap();
    let failed = &calls[calls.len() - 2];
    assert_eq!(failed["call"], "recv(fd, buf, 65536, 0)");
    let result = failed["result"].as_str().unwrap();
    assert!(
        result.starts_with("-1 (") && result.to_lowercase().contains("reset"),
        "{result}"
    );
    assert_eq!(failed["state"], "CLOSED");
    if common::can_capture(TEST) {
        let segments = c["segments"].as_array().expect("segments");
        let last = segments.last().unwrap();
        assert_eq!(last["from"], "client");
        assert!(
            last["flags"].as_str().unwrap().contains("RST"),
            "{segments:#?}"
        );
        assert!(
            !segments
                .iter()
                .any(|s| s["flags"].as_str().unwrap().contains("FIN")),
            "no FIN: {segments:#?}"
        );
    }
}

#[test]
fn the_timeout_during_a_connection_ends_it_like_ctrl_c_but_says_timeout() {
    const PORT: u16 = 15458;
    let bind = format!("127.0.0.1:{PORT}");
    let mut server = spawn(
        stackviz_std()
            .args(["recv", "--tcp", "--bind", &bind, "--timeout", "1.5"])
            .args(["--format", "json", "--capture", "off"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = lines_of(server.child().stdout.take().expect("stdout"));
    lines.recv_timeout(WAIT).expect("the started line");
    // Connected and silent until the server gives up.
    let client = spawn(
        Command::new("python3")
            .arg("-c")
            .arg(format!(
                "import socket; s = socket.create_connection(('127.0.0.1', {PORT})); s.settimeout(15); print(s.recv(10))"
            ))
            .stdout(Stdio::piped()),
    );
    let c = json(&lines.recv_timeout(WAIT).expect("the connection line"));
    let summary = json(&lines.recv_timeout(WAIT).expect("the summary line"));
    assert_eq!(
        server.wait_output(RUN_LIMIT).status.code(),
        Some(0),
        "one client came"
    );
    assert_eq!(common::text(&client.wait_output(WAIT).stdout).trim(), "b''");
    assert_eq!(c["end"], "stopped");
    assert_eq!(c["bytes"], 0);
    assert_eq!(c["reads"], serde_json::json!([]));
    assert!(c.get("segments").is_none(), "--capture off");
    assert_eq!(summary["ended"], "timeout");
    assert_eq!(summary["connections"], 1);
    let seconds = summary["seconds"].as_f64().unwrap();
    assert!((1.5..5.0).contains(&seconds), "{seconds}");
}
