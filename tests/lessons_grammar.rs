//! English number grammar in what the renderers print: one byte is "1 byte"
//! (not "1 bytes"), and a number read with a vowel sound takes "an" ("an
//! 18-byte trailer"). Runs without root (`--capture off`).

mod common;

use std::net::UdpSocket;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// The binary in English, no colour, 100 columns.
fn stackviz() -> Command {
    common::stackviz_at(100)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn has_line_starting(text: &str, start: &str) -> bool {
    text.lines().any(|l| l.starts_with(start))
}

#[test]
fn one_byte_of_data_is_singular_when_sending() {
    let text = stdout(stackviz().args(["send", "--port", "0", "--capture", "off", "x"]));
    let first = text.lines().next().unwrap_or_default();
    assert!(first.ends_with(", 1 byte of data, via lo"), "{first}");
    assert!(
        has_line_starting(
            &text,
            "Step 1 of 5 · Application layer · the message: 1 byte of data"
        ),
        "{text}"
    );
    assert!(!text.contains(" 1 bytes of data"), "{text}");
    // The dissector's own sentences too: the payload's meaning, its origin,
    // the checksum term of an odd-length payload.
    let joined = text.replace("\n", " ");
    for said in [
        "1 byte of text",
        "recvfrom() returned this 1 byte",
        "payload (1 byte, one zero byte added",
    ] {
        assert!(joined.contains(said), "{said}: {text}");
    }
    assert!(!text.contains("1 bytes"), "{text}");
}

#[test]
fn a_single_padding_byte_is_one_byte() {
    // 14 + 20 + 8 + 17 = 59 bytes: one byte of padding reaches 60.
    let text = stdout(stackviz().args([
        "send",
        "--port",
        "0",
        "--capture",
        "off",
        "Hello, layers! 12",
    ]));
    let padding = text
        .lines()
        .skip_while(|l| !l.starts_with("│ Padding "))
        .nth(1)
        .unwrap_or_default();
    assert!(padding.contains("┆ = 1 byte "), "{padding}");
}

#[test]
fn the_ethernet_step_counts_padding_in_bytes_and_byte() {
    // The headline wraps at --width 100: read it joined.
    let step = |payload: &str| {
        let text = stdout(stackviz().args(["send", "--port", "0", "--capture", "off", payload]));
        text.replace("\n  ", " ")
    };
    // 4 bytes of data: 60 - 14 - 20 - 8 - 4 = 14 bytes of padding.
    let text = step("abcd");
    assert!(
        has_line_starting(
            &text,
            "Step 4 of 5 · Data link layer · Ethernet II adds a 14-byte header, 14 bytes of padding and a 4-byte FCS → frame of 64 bytes"
        ),
        "{text}"
    );
    // 17 bytes of data: exactly 1 byte of padding.
    let text = step("seventeen bytes!!");
    assert!(
        text.contains(
            "adds a 14-byte header, 1 byte of padding and a 4-byte FCS → frame of 64 bytes"
        ),
        "{text}"
    );
    // 18 bytes: the frame reaches 60 by itself, no padding at all.
    let text = step("eighteen bytes!!!!");
    assert!(
        text.contains("adds a 14-byte header and a 4-byte FCS → frame of 64 bytes"),
        "{text}"
    );
    // The physical layer: "an 8-byte preamble", never "a 8-byte".
    assert!(text.contains("adds an 8-byte preamble and SFD"), "{text}");
}

#[test]
fn a_one_byte_frame_decodes_as_one_byte() {
    let text = stdout(stackviz().args(["decode", "00"]));
    assert!(text.starts_with("Frame 1: 1 byte, Ethernet\n"), "{text}");
}

#[test]
fn a_one_byte_datagram_is_one_byte_when_received() {
    let port = common::free_udp_port();
    let mut recv = common::spawn(
        common::stackviz_std()
            .args(["--color", "never", "--width", "100", "recv", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["--count", "1", "--timeout", "10", "--capture", "off"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    // Send until the receiver has it (it may not be bound yet).
    let sender = UdpSocket::bind("127.0.0.1:0").expect("sender");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        sender
            .send_to(b"x", ("127.0.0.1", port))
            .expect("send_to loopback");
        std::thread::sleep(Duration::from_millis(100));
        if recv.child().try_wait().expect("try_wait").is_some() || Instant::now() > deadline {
            break;
        }
    }
    let _ = recv.child().kill();
    let out = recv.wait_output(common::RUN_LIMIT);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        has_line_starting(&text, "Datagram 1: 1 byte from 127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("data: \"x\" (1 byte, hex 78)"), "{text}");
    assert!(
        has_line_starting(&text, "summary: 1 datagram (1 byte, 0 truncated)"),
        "{text}"
    );
}
