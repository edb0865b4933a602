//! The `stackviz` binary as a user meets it: a real loopback exchange shown as
//! tables and as JSON (checked against the frame's own bytes), every payload
//! form, --ttl/--from/--to, one-line errors with exact exit codes for bad
//! input, colour control, --help, and a closed pipe that is not an error.

use std::io::{BufRead, BufReader, Read};
use std::net::UdpSocket;
use std::path::PathBuf;
use std::process::{Command as StdCommand, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_stackviz");

/// Every run is bounded: a hung exchange fails the test instead of hanging it.
const RUN_LIMIT: Duration = Duration::from_secs(60);

fn stackviz() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.timeout(RUN_LIMIT)
        .env_remove("NO_COLOR")
        .env("LC_ALL", "C.UTF-8");
    cmd
}

/// What one run printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn finish(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("stackviz runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    finish(stackviz().args(args))
}

/// Skips a test that cannot run here, loudly; with CI set it fails instead.
fn cannot_run(test: &str, why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{test} cannot run ({why}) and CI is set: it must run, not skip");
    }
    eprintln!("skipping {test}: {why}");
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn with(name: &str, bytes: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("stackviz-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("temp file written");
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().expect("temp path is UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

// ---------------------------------------------------------------- helpers: text

/// The line after the first line that starts with `prefix` (a field table
/// puts the value under the name, the byte range under the raw bytes).
fn line_after<'a>(text: &'a str, prefix: &str) -> &'a str {
    let mut lines = text.lines();
    lines
        .by_ref()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix:?} in:\n{text}"));
    lines
        .next()
        .unwrap_or_else(|| panic!("nothing follows {prefix:?}"))
}

/// The cells of one table line, trimmed.
fn cells(line: &str) -> Vec<String> {
    line.trim_start_matches('│')
        .trim_end_matches('│')
        .split('┆')
        .map(|c| c.trim().to_string())
        .collect()
}

/// The body rows of the first table after `anchor`, where a row starts with a
/// non-empty first cell and wrapped lines are joined to it with a space.
fn table_rows(text: &str, anchor: &str) -> Vec<Vec<String>> {
    let start = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor:?} not in:\n{text}"));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut body = false;
    for line in text[start..].lines() {
        if line.starts_with('╞') {
            body = true;
            continue;
        }
        if line.starts_with('└') && body {
            break;
        }
        if !body || !line.starts_with('│') {
            continue;
        }
        let row = cells(line);
        match rows.last_mut() {
            Some(last) if row[0].is_empty() => {
                for (cell, more) in last.iter_mut().zip(row) {
                    if !more.is_empty() {
                        cell.push(' ');
                        cell.push_str(&more);
                    }
                }
            }
            _ => rows.push(row),
        }
    }
    assert!(!rows.is_empty(), "no table rows after {anchor:?}");
    rows
}

/// The port after `prefix` in `text` (e.g. "from 127.0.0.1:" -> 43754).
fn port_after(text: &str, prefix: &str) -> u16 {
    let at = text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix:?} not in {text:?}"))
        + prefix.len();
    let digits: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no port after {prefix:?} in {text:?}"))
}

fn assert_no_panic(run: &Run) {
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked"), "a panic:\n{text}");
        assert!(
            !text.to_lowercase().contains("backtrace"),
            "a backtrace:\n{text}"
        );
    }
}

// ---------------------------------------------------------------- helpers: JSON

fn decode_hex(text: &str) -> Vec<u8> {
    assert!(text.len() % 2 == 0, "odd hex length: {text}");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex digits"))
        .collect()
}

/// `stackviz send --format json` plus `args`; must succeed.
fn send_json(args: &[&str], stdin: Option<&[u8]>) -> Value {
    let mut cmd = stackviz();
    cmd.args(["send", "--format", "json"]).args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = finish(&mut cmd);
    assert_eq!(out.code, Some(0), "send {args:?} failed:\n{}", out.stderr);
    assert_no_panic(&out);
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", out.stdout))
}

/// The field with this id, from whichever layer holds it.
fn field<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["layers"]
        .as_array()
        .expect("layers is an array")
        .iter()
        .flat_map(|l| l["fields"].as_array().expect("fields is an array"))
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no field {id} in the JSON"))
}

fn number(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The payload bytes the JSON says were sent, from the application layer.
fn app_data(doc: &Value) -> Vec<u8> {
    decode_hex(field(doc, "app.data")["hex"].as_str().expect("hex string"))
}

/// Every field that lives in the frame must show the frame's own bytes; a
/// numeric header field (or bit field) must hold the value those bytes say.
fn assert_fields_match_frame(doc: &Value) {
    let frame = decode_hex(doc["frame"].as_str().expect("frame hex"));
    assert_eq!(frame.len() as u64, number(&doc["frame_length"]));
    for layer in doc["layers"].as_array().expect("layers") {
        let kind = layer["layer"].as_str().expect("layer name");
        for f in layer["fields"].as_array().expect("fields") {
            let id = f["id"].as_str().expect("id");
            assert!(f["name"].is_string(), "{id}: name");
            assert!(f["value"].is_string() || f["value"].is_u64(), "{id}: value");
            let length = number(&f["length"]) as usize;
            let hex = f["hex"].as_str().unwrap_or_else(|| panic!("{id}: hex"));
            let Some(offset) = f["offset"].as_u64() else {
                // Only the physical layer's wire-only fields have no offset.
                assert!(f["offset"].is_null(), "{id}: offset");
                assert_eq!(kind, "physical", "{id} has no offset in the frame");
                continue;
            };
            let offset = offset as usize;
            assert!(offset + length <= frame.len(), "{id} runs past the frame");
            let bytes = &frame[offset..offset + length];
            assert_eq!(
                decode_hex(hex),
                bytes,
                "{id}: the field's hex is not the frame's bytes at {offset}..{}",
                offset + length
            );
            let Some(value) = f["value"].as_u64() else {
                continue;
            };
            if !matches!(kind, "network" | "transport") {
                continue;
            }
            let whole = bytes.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b));
            let expected = match f.get("bits") {
                Some(bits) => {
                    let (start, len) = (number(&bits["offset"]), number(&bits["length"]));
                    assert!(
                        start + len <= 8 * length as u64,
                        "{id}: bits outside its bytes"
                    );
                    whole >> (8 * length as u64 - start - len) & ((1u64 << len) - 1)
                }
                None => whole,
            };
            assert_eq!(value, expected, "{id}: value does not match its bytes");
        }
    }
}

// ---------------------------------------------------------------- the exchange as tables

#[test]
fn loopback_exchange_shows_calls_layers_checks_and_bytes() {
    let out = run(&["send", "--port", "0", "--color", "never", "--width", "100"]);
    assert_eq!(out.code, Some(0), "stderr:\n{}", out.stderr);
    assert_no_panic(&out);
    assert!(out.stderr.is_empty(), "stderr:\n{}", out.stderr);
    let text = &out.stdout;
    assert!(!text.contains('\u{1b}'), "--color never printed escapes");

    // The socket calls, in the order they ran, with their real results.
    let calls = table_rows(text, "1. The exchange");
    let call = |prefix: &str| -> &Vec<String> {
        calls
            .iter()
            .find(|row| row[2].starts_with(prefix))
            .unwrap_or_else(|| panic!("no call {prefix:?} in {calls:?}"))
    };
    let bind = call("bind(fd, 127.0.0.1:0)");
    assert_eq!(bind[1], "receiver");
    assert_eq!(bind[3], "0");
    let receiver_port = port_after(&bind[4], "getsockname() says 127.0.0.1:");
    assert_ne!(receiver_port, 0, "the OS chose no port");
    let sendto = call("sendto(fd, \"Hello!!\", 7,");
    assert_eq!(sendto[1], "sender");
    assert_eq!(sendto[3], "7 (bytes sent)");
    assert_eq!(port_after(&sendto[2], "127.0.0.1:"), receiver_port);
    let recvfrom = call("recvfrom(fd, buf, 65536)");
    assert_eq!(recvfrom[1], "receiver");
    assert!(
        recvfrom[3].starts_with("7 (bytes) \"Hello!!\" from 127.0.0.1:"),
        "{recvfrom:?}"
    );
    let sender_port = port_after(&recvfrom[3], "from 127.0.0.1:");
    let order: Vec<usize> = [bind, sendto, recvfrom]
        .iter()
        .map(|r| r[0].parse::<usize>().expect("call number"))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "bind, sendto, recvfrom ran out of order: {order:?}"
    );

    // All five steps, innermost first.
    for headline in [
        "Step 1 of 5 · Application layer · the message: 7 bytes of data",
        "Step 2 of 5 · Transport layer · UDP adds an 8-byte header → datagram of 15 bytes",
        "Step 3 of 5 · Network layer · IPv4 adds a 20-byte header → packet of 35 bytes",
        "Step 4 of 5 · Data link layer · Ethernet II adds a 14-byte header",
        "Step 5 of 5 · Physical layer · adds an 8-byte preamble and SFD → 72 bytes as 576 bits",
    ] {
        assert!(text.contains(headline), "missing {headline:?}");
    }

    // The UDP source port shown is the one the receiver saw; the destination
    // port is the one the receiver was bound to.
    let source = cells(line_after(text, "│ Source Port "));
    assert_eq!(source[0], "34-35");
    assert_eq!(source[1], format!("= {sender_port}"));
    let destination = cells(line_after(text, "│ Destination Port "));
    assert_eq!(destination[1], format!("= {receiver_port}"));

    // Three checks worked out, each ending in a verdict.
    for check in [
        "UDP Checksum, worked out",
        "IPv4 Header Checksum, worked out",
        "Ethernet II Frame Check Sequence, worked out",
    ] {
        let after = &text[text.find(check).unwrap_or_else(|| panic!("no {check:?}"))..];
        let stored = after
            .lines()
            .find(|l| l.trim_start().starts_with("stored in the frame:"))
            .unwrap_or_else(|| panic!("{check}: no stored value"));
        assert!(stored.ends_with("✓ correct"), "{check}: {stored:?}");
    }

    // The hex dump: 64 bytes, ports and payload where the tables say.
    assert!(text.contains("3. The frame, byte by byte (64 bytes, FCS included)"));
    assert!(
        text.contains("0000  00 00 00 00 00 00 00 00  00 00 00 00 08 00 45 00 |..............E.|"),
        "first dump line"
    );
    let [s_hi, s_lo] = sender_port.to_be_bytes();
    let [d_hi, d_lo] = receiver_port.to_be_bytes();
    let line_0020 = format!("0020  00 01 {s_hi:02x} {s_lo:02x} {d_hi:02x} {d_lo:02x} 00 0f");
    let dump = text
        .lines()
        .find(|l| l.starts_with("0020  "))
        .expect("dump line 0020");
    assert!(dump.starts_with(&line_0020), "{dump:?} vs {line_0020:?}");
    assert!(dump.contains("48 65 6c 6c 6f 21") && dump.ends_with("Hello!|"));
    assert_eq!(
        text.lines().filter(|l| l.starts_with("00")).count(),
        4,
        "64 bytes are four dump lines"
    );
    // At --width 100 the legend wraps onto an indented second line.
    let legend: String = text
        .lines()
        .skip_while(|l| !l.starts_with("legend:"))
        .take_while(|l| l.starts_with("legend:") || l.starts_with("  "))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(legend.starts_with("legend:"), "a legend");
    for key in [
        "L = Data link",
        "N = Network",
        "T = Transport",
        "A = Application",
    ] {
        assert!(legend.contains(key), "legend lacks {key:?}: {legend}");
    }

    // Tables keep to --width.
    for line in text.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└'])) {
        assert!(line.chars().count() <= 100, "wider than 100: {line}");
    }
}

// ---------------------------------------------------------------- the exchange as JSON

#[test]
fn json_document_is_complete_and_agrees_with_the_frame() {
    let doc = send_json(&["--port", "0"], None);
    assert_eq!(doc["schema"], "stackviz.send/1");
    assert_eq!(doc["command"], "send");
    let frame = doc["frame"].as_str().expect("frame");
    assert_eq!(frame.len(), 128, "a 64-byte frame is 128 hex digits");
    assert!(frame
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(doc["frame_length"], 64);
    assert_eq!(doc["padding"], 11);

    let layers: Vec<&str> = doc["layers"]
        .as_array()
        .expect("layers")
        .iter()
        .map(|l| l["layer"].as_str().expect("layer"))
        .collect();
    assert_eq!(
        layers,
        ["physical", "link", "network", "transport", "application"],
        "outermost first"
    );
    assert_fields_match_frame(&doc);

    // Bit fields carry their bit span; whole-byte fields do not.
    for (id, offset, length, value) in [
        ("ipv4.version", 0, 4, 4),
        ("ipv4.ihl", 4, 4, 5),
        ("ipv4.dscp", 0, 6, 0),
        ("ipv4.ecn", 6, 2, 0),
        ("ipv4.flags.reserved", 0, 1, 0),
        ("ipv4.flags.df", 1, 1, 1),
        ("ipv4.flags.mf", 2, 1, 0),
        ("ipv4.fragment_offset", 3, 13, 0),
    ] {
        let f = field(&doc, id);
        assert_eq!(f["bits"]["offset"], offset, "{id}");
        assert_eq!(f["bits"]["length"], length, "{id}");
        assert_eq!(f["value"], value, "{id}");
    }
    for id in ["ipv4.ttl", "ipv4.total_length", "udp.src_port", "eth.type"] {
        assert!(field(&doc, id).get("bits").is_none(), "{id} has bits");
    }
    let default_ttl: u64 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_default_ttl")
        .map(|s| s.trim().parse().expect("a number"))
        .unwrap_or(64);
    assert_eq!(field(&doc, "ipv4.ttl")["value"], default_ttl);
    assert_eq!(field(&doc, "ipv4.protocol")["value"], 17);
    assert_eq!(field(&doc, "ipv4.total_length")["value"], 35);
    assert_eq!(field(&doc, "udp.length")["value"], 15);
    assert_eq!(field(&doc, "app.data")["value"], "Hello!!");
    assert_eq!(field(&doc, "app.data")["hex"], "48656c6c6f2121");
    assert_eq!(field(&doc, "app.data")["offset"], 42);
    assert_eq!(field(&doc, "eth.type")["hex"], "0800");

    let sizes: Vec<u64> = doc["encapsulation"]
        .as_array()
        .expect("encapsulation")
        .iter()
        .map(|s| number(&s["size"]))
        .collect();
    assert_eq!(sizes, [7, 15, 35, 64, 72]);

    // The exchange: every call says who made it and what it returned.
    let calls = doc["exchange"]["calls"].as_array().expect("calls");
    for c in calls {
        assert!(
            matches!(c["side"].as_str(), Some("sender" | "receiver")),
            "{c}"
        );
        assert!(c["call"].is_string() && c["result"].is_string(), "{c}");
    }
    let find = |prefix: &str| {
        calls
            .iter()
            .find(|c| c["call"].as_str().is_some_and(|s| s.starts_with(prefix)))
            .unwrap_or_else(|| panic!("no call {prefix}"))
    };
    assert_eq!(find("bind(fd, 127.0.0.1:0)")["side"], "receiver");
    assert_eq!(find("sendto(")["result"], "7 (bytes sent)");
    let recvfrom = find("recvfrom(");
    assert_eq!(recvfrom["side"], "receiver");
    let src_port = number(&field(&doc, "udp.src_port")["value"]);
    assert_eq!(
        recvfrom["result"],
        format!("7 (bytes) \"Hello!!\" from 127.0.0.1:{src_port}")
    );
    assert_eq!(
        doc["exchange"]["destination"],
        format!("127.0.0.1:{}", field(&doc, "udp.dst_port")["value"])
    );
    assert_eq!(doc["exchange"]["received"]["data"], "48656c6c6f2121");

    // When the run could capture (root), the frame the kernel sent is
    // described by the same rules, and carries the same data.
    if doc["capture"]["status"] == "caught" {
        let caught = &doc["capture"]["datagram"];
        assert_fields_match_frame(caught);
        assert_eq!(app_data(caught), b"Hello!!");
        assert_eq!(doc["capture"]["comparison"]["unexpected"], 0);
    }
}

#[test]
fn every_payload_form_sends_its_bytes() {
    let send = |args: &[&str], stdin: Option<&[u8]>| {
        let mut all = vec!["--port", "0", "--capture", "off"];
        all.extend_from_slice(args);
        let doc = send_json(&all, stdin);
        let data = app_data(&doc);
        let received = decode_hex(doc["exchange"]["received"]["data"].as_str().expect("data"));
        assert_eq!(data, received, "{args:?}: built and received differ");
        assert_fields_match_frame(&doc);
        data
    };
    assert_eq!(send(&["any text"], None), b"any text");
    assert_eq!(send(&["--hex", "48656c6c6f"], None), b"Hello");
    let file = TempFile::with("payload", &[0, 1, 2, 0xff, b'\n']);
    assert_eq!(send(&["--file", file.path()], None), [0, 1, 2, 0xff, b'\n']);
    assert_eq!(
        send(&["--file", "-"], Some(b"from stdin\0")),
        b"from stdin\0"
    );
    assert_eq!(send(&["-"], Some(&[0x80, 0x81])), [0x80, 0x81]);
}

#[test]
fn ttl_is_set_on_the_socket_and_shown() {
    let doc = send_json(&["--port", "0", "--ttl", "7"], None);
    let ttl = field(&doc, "ipv4.ttl");
    assert_eq!(ttl["value"], 7);
    assert_eq!(ttl["hex"], "07");
    assert_eq!(ttl["offset"], 22);
    assert_fields_match_frame(&doc);
    assert!(
        doc["exchange"]["calls"]
            .as_array()
            .expect("calls")
            .iter()
            .any(|c| c["call"] == "setsockopt(IPPROTO_IP, IP_TTL, 7)" && c["side"] == "sender"),
        "no IP_TTL call"
    );
}

#[test]
fn from_binds_the_sender_first() {
    let doc = send_json(&["--port", "0", "--from", "127.0.0.1:0"], None);
    let calls = doc["exchange"]["calls"].as_array().expect("calls");
    let sender_bind = calls
        .iter()
        .position(|c| c["side"] == "sender" && c["call"] == "bind(fd, 127.0.0.1:0)")
        .expect("the sender binds");
    let sendto = calls
        .iter()
        .position(|c| c["call"].as_str().is_some_and(|s| s.starts_with("sendto(")))
        .expect("sendto");
    assert!(sender_bind < sendto, "bind after sendto");
    let name = calls
        .iter()
        .find(|c| c["call"] == "getsockname(fd)")
        .expect("getsockname");
    let src_port = number(&field(&doc, "udp.src_port")["value"]);
    assert_ne!(src_port, 0);
    assert_eq!(name["result"], format!("127.0.0.1:{src_port}"));
    assert_eq!(field(&doc, "ipv4.src")["value"], "127.0.0.1");
    assert_eq!(doc["exchange"]["source"], format!("127.0.0.1:{src_port}"));
}

#[test]
fn to_reaches_a_receiver_the_test_runs() {
    let receiver = UdpSocket::bind("127.0.0.1:0").expect("bind the test's receiver");
    receiver
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    let port = receiver.local_addr().expect("local addr").port();
    let to = format!("127.0.0.1:{port}");
    let doc = send_json(
        &["--to", &to, "--capture", "off", "for the test's socket"],
        None,
    );
    let mut buf = [0u8; 2048];
    let (n, from) = receiver
        .recv_from(&mut buf)
        .expect("the datagram arrives within the timeout");
    assert_eq!(&buf[..n], b"for the test's socket");
    assert_eq!(app_data(&doc), &buf[..n]);
    assert_eq!(
        u64::from(from.port()),
        number(&field(&doc, "udp.src_port")["value"])
    );
    assert_eq!(field(&doc, "udp.dst_port")["value"], port);
    assert_eq!(doc["exchange"]["destination"], to);
    assert!(
        doc["exchange"]["calls"]
            .as_array()
            .expect("calls")
            .iter()
            .all(|c| c["side"] == "sender"),
        "--to runs no receiver of its own"
    );
    assert_fields_match_frame(&doc);
}

// ---------------------------------------------------------------- bad input

/// Exit code, one `error:` line first on stderr containing each of `says`,
/// a `hint:` line containing `hint` when given, nothing on stdout, no panic.
fn assert_fails(run: &Run, code: i32, says: &[&str], hint: Option<&str>) {
    assert_eq!(run.code, Some(code), "stderr:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "stdout:\n{}", run.stdout);
    assert_no_panic(run);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "one error line:\n{}", run.stderr);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("error: "), "error first:\n{}", run.stderr);
    for text in says {
        assert!(first.contains(text), "{text:?} not in {first:?}");
    }
    if let Some(hint) = hint {
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with("hint: "))
            .unwrap_or_else(|| panic!("no hint:\n{}", run.stderr));
        assert!(line.contains(hint), "{hint:?} not in {line:?}");
    }
}

#[test]
fn bad_arguments_exit_2_with_one_error_line() {
    assert_fails(
        &run(&["send", "--port", "70000"]),
        2,
        &["70000", "--port"],
        None,
    );
    assert_fails(
        &run(&["send", "--to", "nonsense"]),
        2,
        &["nonsense", "HOST:PORT"],
        None,
    );
    assert_fails(
        &run(&["send", "--to", "127.0.0.1"]),
        2,
        &["127.0.0.1", "HOST:PORT"],
        None,
    );
    assert_fails(
        &run(&["send", "--hex", "zz"]),
        2,
        &["'z'", "position 1"],
        None,
    );
    assert_fails(&run(&["send", "--hex", "48zz"]), 2, &["position 3"], None);
    assert_fails(
        &run(&["send", "--hex", "abc"]),
        2,
        &["odd number of hex digits (3)"],
        None,
    );
    assert_fails(&run(&["send", "--ttl", "0"]), 2, &["'0'", "--ttl"], None);
    assert_fails(&run(&["send", "--timeout", "-1"]), 2, &["-1"], None);
    assert_fails(&run(&["send", "--timeout=-1"]), 2, &["-1", "seconds"], None);
    assert_fails(
        &run(&["send", "--no-such-flag"]),
        2,
        &["--no-such-flag"],
        None,
    );
    assert_fails(&run(&["send", ""]), 2, &["empty"], Some("Hello!!"));
}

#[test]
fn unreadable_and_empty_files_exit_2() {
    assert_fails(
        &run(&["send", "--port", "0", "--file", "/nonexistent"]),
        2,
        &["cannot read /nonexistent"],
        Some("path"),
    );
    let empty = TempFile::with("empty", b"");
    assert_fails(
        &run(&["send", "--port", "0", "--file", empty.path()]),
        2,
        &[empty.path(), "empty"],
        Some("stackviz send"),
    );
}

#[test]
fn payload_limit_is_65507_bytes() {
    let too_big = TempFile::with("65508", &vec![0x5a; 65_508]);
    assert_fails(
        &run(&["send", "--port", "0", "--file", too_big.path()]),
        2,
        &["65508", "65507"],
        Some("65507"),
    );
    let largest = TempFile::with("65507", &vec![0x5a; 65_507]);
    let doc = send_json(&["--port", "0", "--file", largest.path()], None);
    assert_eq!(app_data(&doc).len(), 65_507);
    assert_eq!(field(&doc, "udp.length")["value"], 65_515);
    assert_eq!(field(&doc, "ipv4.total_length")["value"], 65_535);
    assert_eq!(
        doc["exchange"]["received"]["data"].as_str().map(str::len),
        Some(2 * 65_507)
    );
    assert_fields_match_frame(&doc);
}

#[test]
fn busy_port_exits_1_with_a_hint() {
    let holder = UdpSocket::bind("127.0.0.1:0").expect("bind a port to hold");
    let port = holder.local_addr().expect("local addr").port().to_string();
    let out = run(&["send", "--port", &port]);
    assert_fails(
        &out,
        1,
        &["already in use", &format!("127.0.0.1:{port}")],
        Some("--port 0"),
    );
    drop(holder);
}

#[test]
fn no_route_exits_1() {
    const TEST: &str = "no_route_exits_1";
    if !is_root() {
        return cannot_run(TEST, "needs root for `unshare --net`");
    }
    // A fresh network namespace has no routes and lo is down, so nothing can
    // be sent anywhere.
    match StdCommand::new("unshare").args(["--net", "true"]).output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            return cannot_run(
                TEST,
                &format!(
                    "`unshare --net` fails here: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                ),
            )
        }
        Err(e) => return cannot_run(TEST, &format!("no unshare: {e}")),
    }
    let mut cmd = Command::new("unshare");
    cmd.timeout(RUN_LIMIT).env("LC_ALL", "C.UTF-8").args([
        "--net",
        BIN,
        "send",
        "--to",
        "192.0.2.1:9",
    ]);
    let out = finish(&mut cmd);
    assert_fails(&out, 1, &["no route", "192.0.2.1:9"], Some("ip route"));
}

// ---------------------------------------------------------------- colour and help

#[test]
fn colour_follows_the_flags_and_no_color() {
    let esc = |out: &Run| out.stdout.contains('\u{1b}');
    let never = run(&[
        "send",
        "--port",
        "0",
        "--capture",
        "off",
        "--color",
        "never",
    ]);
    assert_eq!(never.code, Some(0));
    assert!(!esc(&never), "--color never printed escapes");
    let always = run(&[
        "send",
        "--port",
        "0",
        "--capture",
        "off",
        "--color",
        "always",
    ]);
    assert_eq!(always.code, Some(0));
    assert!(esc(&always), "--color always printed no escapes");
    let no_color =
        finish(
            stackviz()
                .env("NO_COLOR", "1")
                .args(["send", "--port", "0", "--capture", "off"]),
        );
    assert_eq!(no_color.code, Some(0));
    assert!(!esc(&no_color), "NO_COLOR=1 printed escapes");
}

/// On a terminal `auto` colours, unless NO_COLOR is set. `script` gives the
/// program a pseudo-terminal.
#[test]
fn auto_colour_on_a_terminal_honours_no_color() {
    const TEST: &str = "auto_colour_on_a_terminal_honours_no_color";
    if StdCommand::new("script").arg("--version").output().is_err() {
        return cannot_run(TEST, "`script` (util-linux) is not installed");
    }
    let on_terminal = |no_color: bool| -> String {
        let mut cmd = Command::new("script");
        cmd.timeout(RUN_LIMIT)
            .env_remove("NO_COLOR")
            .env("LC_ALL", "C.UTF-8");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let line = format!("'{BIN}' send --port 0 --capture off --width 100");
        let out = finish(cmd.args(["-q", "-e", "-c", &line, "/dev/null"]));
        assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
        out.stdout
    };
    assert!(
        on_terminal(false).contains('\u{1b}'),
        "auto on a terminal printed no colour"
    );
    assert!(
        !on_terminal(true).contains('\u{1b}'),
        "NO_COLOR=1 on a terminal printed colour"
    );
}

#[test]
fn help_exits_0() {
    let top = run(&["--help"]);
    assert_eq!(top.code, Some(0));
    assert!(top.stdout.contains("Usage: stackviz"), "{}", top.stdout);
    for command in ["send", "recv", "decode", "layers"] {
        assert!(top.stdout.contains(command), "--help lacks {command}");
    }
    let send = run(&["send", "--help"]);
    assert_eq!(send.code, Some(0));
    assert!(
        send.stdout.contains("Usage: stackviz send"),
        "{}",
        send.stdout
    );
    for flag in [
        "--port",
        "--to",
        "--from",
        "--hex",
        "--file",
        "--ttl",
        "--timeout",
    ] {
        assert!(send.stdout.contains(flag), "send --help lacks {flag}");
    }
    assert!(top.stderr.is_empty() && send.stderr.is_empty());
}

// ---------------------------------------------------------------- closed pipe

#[test]
fn closed_pipe_is_not_an_error() {
    // A big payload makes the output (a hex dump of 65,535 bytes) far larger
    // than a pipe's buffer, so the program is still writing when the reader
    // goes away.
    let payload = TempFile::with("pipe", &vec![0x41; 65_507]);
    let mut child = StdCommand::new(BIN)
        .env("LC_ALL", "C.UTF-8")
        .args([
            "send",
            "--port",
            "0",
            "--capture",
            "off",
            "--color",
            "never",
        ])
        .args(["--file", payload.path()])
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn stackviz");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().expect("stdout");
        let mut reader = BufReader::new(stdout);
        reader.read_line(&mut first).expect("read the first line");
        // The reader (and the pipe) is dropped here, mid-output.
    }
    assert!(first.starts_with("stackviz send:"), "{first:?}");
    let mut stderr = child.stderr.take().expect("stderr");
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        let _ = done.send(text);
    });
    let stderr = match finished.recv_timeout(RUN_LIMIT) {
        Ok(text) => text,
        Err(_) => {
            let _ = child.kill();
            panic!("stackviz did not end after its reader went away");
        }
    };
    let status = child.wait().expect("wait");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
}
