//! JSON values docs/json.md promises and no other test produced: delivery
//! `silence` and `reply`, capture `unavailable` with its reason and hint,
//! and origin `chosen`.

mod common;

use std::net::UdpSocket;
use std::time::Duration;

use common::{field, stackviz, RUN_LIMIT};
use serde_json::Value;

fn send_json(args: &[&str]) -> Value {
    let out = common::succeeded(stackviz().args(["send", "--format", "json"]).args(args));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_receiver_that_keeps_quiet_is_silence() {
    let quiet = UdpSocket::bind("127.0.0.1:0").unwrap();
    quiet.set_read_timeout(Some(RUN_LIMIT)).unwrap();
    let to = quiet.local_addr().unwrap().to_string();
    let doc = send_json(&["--to", &to, "--capture", "off", "--timeout", "0.3"]);
    let mut buf = [0u8; 64];
    let (n, _) = quiet.recv_from(&mut buf).expect("the datagram arrived");
    assert_eq!(&buf[..n], b"Hello!!");
    let delivery = &doc["delivery"];
    assert_eq!(delivery["outcome"], "silence", "{delivery}");
    let waited = delivery["waited_ms"].as_u64().expect("waited_ms");
    assert!(
        (250..=3000).contains(&waited),
        "waited {waited} ms for 0.3 s"
    );
}

#[test]
fn a_receiver_that_answers_is_a_reply() {
    let echo = UdpSocket::bind("127.0.0.1:0").unwrap();
    echo.set_read_timeout(Some(RUN_LIMIT)).unwrap();
    let to = echo.local_addr().unwrap().to_string();
    let answer = std::thread::spawn(move || {
        let mut buf = [0u8; 64];
        let (n, from) = echo.recv_from(&mut buf).expect("the datagram arrived");
        echo.send_to(b"pong", from).unwrap();
        (buf[..n].to_vec(), echo.local_addr().unwrap())
    });
    let doc = send_json(&["--to", &to, "--capture", "off", "--timeout", "5"]);
    let (got, echo_addr) = answer.join().unwrap();
    assert_eq!(got, b"Hello!!");
    let delivery = &doc["delivery"];
    assert_eq!(delivery["outcome"], "reply", "{delivery}");
    assert_eq!(delivery["data"], "706f6e67", "{delivery}");
    assert_eq!(delivery["from"], echo_addr.to_string(), "{delivery}");
}

#[test]
fn capture_without_permission_is_unavailable_with_reason_and_hint() {
    const TEST: &str = "capture_without_permission_is_unavailable_with_reason_and_hint";
    let capsh = common::capsh_available();
    if !common::need(
        TEST,
        capsh && common::is_root(),
        "needs root and capsh (libcap2-bin)",
    ) {
        return;
    }
    let out = common::without_net_raw("send --port 0 --format json --capture auto");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let capture = &doc["capture"];
    assert_eq!(capture["status"], "unavailable", "{capture}");
    let reason = capture["reason"].as_str().expect("a reason");
    assert!(reason.contains("CAP_NET_RAW"), "{reason}");
    let hint = capture["hint"].as_str().expect("a hint");
    assert!(hint.contains("setcap cap_net_raw+ep"), "{hint}");
    // The send itself went through.
    assert_eq!(doc["delivery"]["outcome"], "received");
}

#[test]
fn a_value_set_on_the_command_line_is_chosen() {
    let doc = send_json(&["--port", "0", "--capture", "off", "--ttl", "9"]);
    let ttl = field(&doc, "ipv4.ttl");
    assert_eq!(ttl["value"], 9);
    assert_eq!(ttl["origin"]["kind"], "chosen", "{ttl}");
    assert!(
        ttl["origin"]["source"].as_str().unwrap().contains("--ttl"),
        "{ttl}"
    );
    // Without --ttl the TTL is observed from /proc, not chosen.
    let doc = send_json(&["--port", "0", "--capture", "off"]);
    assert_eq!(field(&doc, "ipv4.ttl")["origin"]["kind"], "observed");
}

#[test]
fn the_silence_wait_is_bounded_by_timeout() {
    // The run itself must not outlast its --timeout by much.
    let quiet = UdpSocket::bind("127.0.0.1:0").unwrap();
    let to = quiet.local_addr().unwrap().to_string();
    let start = std::time::Instant::now();
    let doc = send_json(&["--to", &to, "--capture", "off", "--timeout", "0.5"]);
    assert_eq!(doc["delivery"]["outcome"], "silence");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}
