//! `stackviz recv` as a user runs it: several datagrams (--count above 1)
//! with the setup calls and delivered_to in JSON, an IPv6 bind on ::1, the
//! Chinese table output, and Ctrl-C (SIGINT) ending the run with its summary
//! and exit 0, before and after a datagram, with and without capture.

mod common;

use std::net::{SocketAddr, UdpSocket};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use common::{field, stackviz_std, Guarded, RUN_LIMIT};
use serde_json::Value;

/// A running `stackviz recv` (killed when dropped) and its lines, read on a
/// thread so every wait has a limit.
struct Recv {
    child: Guarded,
    lines: mpsc::Receiver<String>,
    bound: SocketAddr,
    started: Value,
}

impl Recv {
    /// Starts recv in JSON, bound to `bind`, and waits for its "started" line.
    fn json(bind: &str, args: &[&str]) -> Recv {
        let mut child = common::spawn(
            stackviz_std()
                .args(["recv", "--bind", bind, "--format", "json"])
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        );
        let lines = common::lines_of(child.child().stdout.take().unwrap());
        let first = lines
            .recv_timeout(RUN_LIMIT)
            .expect("recv prints its started line");
        let started: Value = serde_json::from_str(&first).unwrap();
        assert_eq!(started["kind"], "started", "{started}");
        let bound = started["bound"].as_str().unwrap().parse().unwrap();
        Recv {
            child,
            lines,
            bound,
            started,
        }
    }
    fn next(&self) -> Value {
        let line = self
            .lines
            .recv_timeout(RUN_LIMIT)
            .expect("recv prints another line in time");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    }
    fn interrupt(&mut self) {
        // SAFETY: kill() with our own child's pid and a valid signal.
        let r = unsafe { libc::kill(self.child.child().id() as libc::pid_t, libc::SIGINT) };
        assert_eq!(r, 0, "SIGINT could not be sent");
    }
}

fn send_to(to: SocketAddr, data: &[u8]) -> SocketAddr {
    let any: SocketAddr = if to.is_ipv6() {
        "[::1]:0".parse().unwrap()
    } else {
        "127.0.0.1:0".parse().unwrap()
    };
    let sender = UdpSocket::bind(any).unwrap();
    sender.send_to(data, to).unwrap();
    sender.local_addr().unwrap()
}

#[test]
fn count_above_one_reports_every_datagram_with_setup_and_delivered_to() {
    let recv = Recv::json(
        "127.0.0.1:0",
        &["--count", "3", "--timeout", "30", "--capture", "off"],
    );
    // The setup calls: socket() then bind() on the address asked for.
    let setup: Vec<&str> = recv.started["setup"]
        .as_array()
        .expect("setup calls")
        .iter()
        .map(|c| c["call"].as_str().unwrap())
        .collect();
    assert_eq!(
        setup,
        [
            "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)",
            "bind(fd, 127.0.0.1:0)"
        ]
    );
    let payloads: [&[u8]; 3] = [b"one", b"two!", b"three"];
    for (i, payload) in payloads.iter().enumerate() {
        let from = send_to(recv.bound, payload);
        let line = recv.next();
        assert_eq!(line["kind"], "datagram", "{line}");
        assert_eq!(line["number"], i + 1);
        assert_eq!(line["delivered_to"], recv.bound.to_string());
        assert_eq!(line["datagram"]["data"], common::hex(payload));
        assert_eq!(line["datagram"]["from"], from.to_string());
        assert_eq!(line["datagram"]["truncated"], false);
    }
    let summary = recv.next();
    assert_eq!(summary["kind"], "summary");
    assert_eq!(summary["datagrams"], 3);
    assert_eq!(summary["bytes"], 3 + 4 + 5);
    assert_eq!(summary["ended"], "count");
    assert_eq!(recv.child.wait_output(RUN_LIMIT).status.code(), Some(0));
}

#[test]
fn an_ipv6_bind_receives_over_ipv6() {
    let has_v6 = UdpSocket::bind("[::1]:0").is_ok();
    if !common::need(
        "an_ipv6_bind_receives_over_ipv6",
        has_v6,
        "::1 is not configured on lo (.ci/run enables it)",
    ) {
        return;
    }
    let capture = if common::has_net_raw() { "on" } else { "off" };
    let recv = Recv::json(
        "[::1]:0",
        &["--count", "1", "--timeout", "30", "--capture", capture],
    );
    assert!(recv.bound.is_ipv6(), "{}", recv.bound);
    assert_eq!(
        recv.started["setup"][0]["call"],
        "socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)"
    );
    let from = send_to(recv.bound, b"over six");
    let line = recv.next();
    assert_eq!(line["datagram"]["from"], from.to_string());
    assert_eq!(line["datagram"]["data"], common::hex(b"over six"));
    if capture == "on" {
        let layers = &line["frame"]["layers"];
        assert_eq!(field(layers, "ipv6.src")["value"], "::1");
        assert_eq!(field(layers, "ipv6.next_header")["value"], 17);
        assert_eq!(
            field(layers, "udp.dst_port")["value"],
            u64::from(recv.bound.port())
        );
    }
    assert_eq!(recv.next()["ended"], "count");
    assert_eq!(recv.child.wait_output(RUN_LIMIT).status.code(), Some(0));
}

#[test]
fn recv_in_chinese_names_the_datagram_and_the_summary() {
    let mut child = common::spawn(
        stackviz_std()
            .args([
                "--lang",
                "zh",
                "recv",
                "--bind",
                "127.0.0.1:0",
                "--count",
                "1",
            ])
            .args(["--timeout", "30", "--capture", "off", "--color", "never"])
            .args(["--width", "100"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = common::lines_of(child.child().stdout.take().unwrap());
    let first = lines.recv_timeout(RUN_LIMIT).expect("the first line");
    let prefix = "stackviz recv：在 127.0.0.1:";
    assert!(first.starts_with(prefix), "{first}");
    let port: u16 = first[prefix.len()..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap();
    send_to(SocketAddr::from(([127, 0, 0, 1], port)), b"ni hao");
    let rest: Vec<String> = lines.iter().collect();
    let text = rest.join("\n");
    assert!(text.contains("小结："), "{text}");
    assert!(text.contains("收到 1 个用户数据报"), "{text}");
    assert!(!text.contains("summary:"), "English left:\n{text}");
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
}

/// Ctrl-C ends recv with its summary (`ended: "interrupted"`) and exit 0:
/// before any datagram and after one, with capture off and (when this
/// process may capture) on.
#[test]
fn recv_ctrl_c_prints_the_summary_and_exits_0() {
    let mut captures = vec!["off"];
    if common::can_capture("recv_ctrl_c_prints_the_summary_and_exits_0 (capture on)") {
        captures.push("on");
    }
    for capture in captures {
        for datagrams in [0u64, 1] {
            let mut recv = Recv::json("127.0.0.1:0", &["--capture", capture]);
            if datagrams == 1 {
                send_to(recv.bound, b"before ctrl-c");
                let line = recv.next();
                assert_eq!(line["kind"], "datagram", "{line}");
            }
            recv.interrupt();
            let summary = recv.next();
            let case = format!("capture {capture}, {datagrams} datagram(s)");
            assert_eq!(summary["kind"], "summary", "{case}: {summary}");
            assert_eq!(summary["ended"], "interrupted", "{case}: {summary}");
            assert_eq!(summary["datagrams"], datagrams, "{case}: {summary}");
            let out = recv.child.wait_output(Duration::from_secs(20));
            assert_eq!(
                out.status.code(),
                Some(0),
                "{case}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
