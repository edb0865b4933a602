//! Hover driven from outside the page: headless Chromium is steered over its
//! DevTools protocol (a minimal WebSocket client below), the real mouse
//! pointer is moved onto table rows and hex bytes of the send, recv and
//! decode reports, and the lit elements are read back. A row must light
//! exactly the bytes of its byte range (whose text is the row's hex), a byte
//! exactly the rows whose range holds it, and moving away clears both.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::browser::{chromium, HEADLESS};
use common::{stackviz, succeeded, TempDir, RUN_LIMIT};
use serde_json::{json, Value};

// ------------------------------------------------------------ the browser

/// Headless Chromium in its own process group, killed (group and all) on drop.
struct Browser {
    child: Child,
    port: u16,
    /// Chromium's stderr, still read so that it never blocks on a full pipe.
    _stderr: mpsc::Receiver<String>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // SAFETY: kill() on our own child's process group.
        unsafe { libc::kill(-(self.child.id() as libc::pid_t), libc::SIGKILL) };
        let _ = self.child.wait();
    }
}

fn launch(binary: &str, page: &Path, profile: &Path) -> Browser {
    let mut child = Command::new(binary)
        .args(HEADLESS)
        .args([
            "--window-size=1200,900",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("chromium starts");
    let lines = common::lines_of(child.stderr.take().unwrap());
    let mut browser = Browser {
        child,
        port: 0,
        _stderr: mpsc::channel().1,
    };
    let deadline = std::time::Instant::now() + RUN_LIMIT;
    while browser.port == 0 {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let line = lines
            .recv_timeout(left)
            .expect("Chromium says where DevTools listens");
        if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
            let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
            browser.port = port.parse::<u16>().unwrap_or(0);
        }
    }
    browser._stderr = lines;
    browser
}

/// The WebSocket address of the page tab, from the DevTools HTTP endpoint.
fn page_socket(port: u16) -> String {
    for _ in 0..100 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).expect("DevTools HTTP");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        // The headers, then exactly Content-Length bytes of body.
        let mut reader = BufReader::new(s);
        let mut length = 0;
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            line.clear();
        }
        let mut body = vec![0u8; length];
        let _ = reader.read_exact(&mut body);
        let targets: Value = serde_json::from_slice(&body).unwrap_or(json!([]));
        if let Some(url) = targets
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| {
                t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with("file:"))
            })
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
        {
            return url.to_string();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no page target in DevTools");
}

// ------------------------------------------------------ a tiny WebSocket

/// Just enough of RFC 6455 for DevTools: masked text frames out, unmasked
/// (possibly fragmented) text frames in.
struct Socket {
    stream: TcpStream,
    next_id: u64,
}

impl Socket {
    fn connect(url: &str) -> Socket {
        let rest = url.strip_prefix("ws://").expect("a ws:// address");
        let (host, path) = rest.split_at(rest.find('/').unwrap());
        let mut stream = TcpStream::connect(host).expect("DevTools WebSocket");
        stream.set_read_timeout(Some(RUN_LIMIT)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).expect("handshake answer");
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        assert!(head.starts_with("HTTP/1.1 101"), "handshake: {head}");
        Socket { stream, next_id: 1 }
    }

    fn send_text(&mut self, text: &str) {
        let payload = text.as_bytes();
        let mut frame = vec![0x81];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65536 => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        let mask = [0x12, 0x34, 0x56, 0x78];
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.stream.write_all(&frame).unwrap();
    }

    fn read_message(&mut self) -> String {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.stream.read_exact(&mut head).expect("a frame");
            let fin = head[0] & 0x80 != 0;
            let opcode = head[0] & 0x0f;
            let len = match head[1] & 0x7f {
                126 => {
                    let mut b = [0u8; 2];
                    self.stream.read_exact(&mut b).unwrap();
                    u64::from(u16::from_be_bytes(b))
                }
                127 => {
                    let mut b = [0u8; 8];
                    self.stream.read_exact(&mut b).unwrap();
                    u64::from_be_bytes(b)
                }
                n => u64::from(n),
            };
            let mut payload = vec![0u8; len as usize];
            self.stream.read_exact(&mut payload).unwrap();
            if opcode == 0x9 || opcode == 0xa {
                continue; // ping/pong
            }
            message.extend_from_slice(&payload);
            if fin {
                return String::from_utf8(message).expect("UTF-8 message");
            }
        }
    }

    /// One DevTools command and its result (events in between are skipped).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send_text(&json!({"id": id, "method": method, "params": params}).to_string());
        loop {
            let reply: Value = serde_json::from_str(&self.read_message()).unwrap();
            if reply["id"] == id {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// Evaluates `expression` in the page and returns its JSON value.
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        assert!(r.get("exceptionDetails").is_none(), "{expression}: {r}");
        r["result"]["value"].clone()
    }

    fn mouse_to(&mut self, x: f64, y: f64) {
        self.call(
            "Input.dispatchMouseEvent",
            json!({"type": "mouseMoved", "x": x, "y": y}),
        );
    }
}

// ---------------------------------------------------- reading the report

/// Every table row with its frame key, byte range, hex cell and lit state;
/// every hex byte with its frame key, position and lit state.
const STATE: &str = r#"(() => {
  const frame = f => (f || '').split('-')[0];
  const rows = [...document.querySelectorAll('tr[data-f]')].map(tr => ({
    frame: frame(tr.getAttribute('data-f')),
    range: tr.cells[1] ? tr.cells[1].textContent : '',
    hex: tr.cells[2] ? tr.cells[2].textContent : '',
    lit: tr.classList.contains('lit')}));
  const bytes = [];
  document.querySelectorAll('.hex').forEach(h => {
    const spans = [...h.querySelectorAll('.b')];
    const key = frame((spans.find(s => s.getAttribute('data-f')) || {getAttribute: () => ''}).getAttribute('data-f'));
    spans.forEach((s, i) => bytes.push({frame: key, at: i, text: s.textContent, lit: s.classList.contains('lit')}));
  });
  return {rows, bytes};
})()"#;

/// The centre of the `n`th element matching `selector`, scrolled into view.
fn centre(page: &mut Socket, selector: &str, n: usize) -> (f64, f64) {
    let v = page.eval(&format!(
        "(() => {{ const e = document.querySelectorAll('{selector}')[{n}];
           e.scrollIntoView({{block: 'center', inline: 'center'}});
           const r = e.getBoundingClientRect();
           return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
    ));
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

/// "a-b" or "a" as an inclusive byte range; a bit field's "20-21 bits 3-15"
/// is the bytes it lies in.
fn range_of(text: &str) -> Option<(usize, usize)> {
    let bytes = text.split_whitespace().next()?;
    let (a, b) = bytes.split_once('-').unwrap_or((bytes, bytes));
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// Hovers several rows and bytes of the page and checks what lights up.
fn check_hover(page: &mut Socket, what: &str) -> usize {
    let state = page.eval(STATE);
    let rows = state["rows"].as_array().unwrap().clone();
    let bytes = state["bytes"].as_array().unwrap().clone();
    assert!(
        !rows.is_empty() && !bytes.is_empty(),
        "{what}: no rows or bytes"
    );
    let mut checked = 0;
    // Rows with a byte range: first, last and some in between.
    let ranged: Vec<usize> = (0..rows.len())
        .filter(|&i| range_of(rows[i]["range"].as_str().unwrap()).is_some())
        .collect();
    let picks: Vec<usize> = (0..6).map(|k| ranged[k * (ranged.len() - 1) / 5]).collect();
    for &i in &picks {
        let (x, y) = centre(page, "tr[data-f]", i);
        page.mouse_to(x, y);
        let now = page.eval(STATE);
        let row = &now["rows"][i];
        assert_eq!(
            row["lit"], true,
            "{what}: hovered row {i} is not lit: {row}"
        );
        let (a, b) = range_of(row["range"].as_str().unwrap()).unwrap();
        let key = row["frame"].as_str().unwrap();
        let lit: Vec<(String, usize, String)> = now["bytes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["lit"] == true)
            .map(|b| {
                (
                    b["frame"].as_str().unwrap().to_string(),
                    b["at"].as_u64().unwrap() as usize,
                    b["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let positions: Vec<usize> = lit.iter().map(|l| l.1).collect();
        assert_eq!(
            positions,
            (a..=b).collect::<Vec<_>>(),
            "{what}: row {i} ({row}) lit bytes {lit:?}"
        );
        assert!(
            lit.iter().all(|l| l.0 == key),
            "{what}: another frame lit: {lit:?}"
        );
        let text: Vec<&str> = lit.iter().map(|l| l.2.as_str()).collect();
        // A bit field's raw cell shows bits, not bytes.
        let bits = row["range"].as_str().unwrap().contains("bit");
        assert!(
            bits || row["hex"].as_str().unwrap() == text.join(" "),
            "{what}: row {i}'s bytes are not its hex: {row}"
        );
        checked += 1;
    }
    // Bytes: the first, the last and some in between, of the first frame.
    let first_frame = bytes[0]["frame"].as_str().unwrap().to_string();
    let count = bytes
        .iter()
        .filter(|b| b["frame"] == first_frame.as_str())
        .count();
    for k in 0..5 {
        let at = k * (count - 1) / 4;
        let (x, y) = centre(page, ".b", at);
        page.mouse_to(x, y);
        let now = page.eval(STATE);
        let lit_rows: Vec<usize> = now["rows"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .filter(|(_, r)| r["lit"] == true)
            .map(|(i, _)| i)
            .collect();
        let want: Vec<usize> = now["rows"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r["frame"] == first_frame.as_str()
                    && range_of(r["range"].as_str().unwrap())
                        .is_some_and(|(a, b)| a <= at && at <= b)
            })
            .map(|(i, _)| i)
            .collect();
        assert_eq!(lit_rows, want, "{what}: hovering byte {at}");
        checked += 1;
    }
    // Away from everything: nothing stays lit.
    page.eval("window.scrollTo(0, 0)");
    page.mouse_to(1.0, 1.0);
    let now = page.eval(STATE);
    let still = now["rows"]
        .as_array()
        .unwrap()
        .iter()
        .chain(now["bytes"].as_array().unwrap())
        .filter(|e| e["lit"] == true)
        .count();
    assert_eq!(still, 0, "{what}: {still} elements stay lit");
    checked
}

fn hover_report(report: &Path, what: &str) {
    let Some(binary) = chromium() else {
        common::cannot_run(what, "Chromium is not installed (.ci/run installs it)");
        return;
    };
    let profile = TempDir::new("hover-profile");
    let browser = launch(binary, report, profile.path());
    let mut page = Socket::connect(&page_socket(browser.port));
    // Wait for the page's script to have run.
    for _ in 0..200 {
        let loaded = "location.protocol === 'file:' && document.readyState === 'complete'";
        if page.eval(loaded) == true {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        check_hover(&mut page, what),
        11,
        "{what}: six rows and five bytes"
    );
}

#[test]
fn hovering_the_send_report_lights_rows_and_bytes_both_ways() {
    let dir = TempDir::new("hover-send");
    let file = dir.join("send.html");
    succeeded(
        stackviz()
            .args(["send", "--port", "0", "--capture", "off", "--html"])
            .arg(&file),
    );
    hover_report(&file, "send report");
}

#[test]
fn hovering_the_decode_report_lights_rows_and_bytes_both_ways() {
    let dir = TempDir::new("hover-decode");
    let file = dir.join("decode.html");
    let frame = "0000000000000000000000000800450000230000400040113cc87f0000017f000001a4343a99000fde0c48656c6c6f2121";
    succeeded(stackviz().args(["decode", frame, "--html"]).arg(&file));
    hover_report(&file, "decode report");
}

#[test]
fn hovering_the_recv_report_lights_rows_and_bytes_both_ways() {
    const TEST: &str = "hovering_the_recv_report_lights_rows_and_bytes_both_ways";
    // The recv report shows frames only when it captures them.
    if !common::can_capture(TEST) {
        return;
    }
    let dir = TempDir::new("hover-recv");
    let file = dir.join("recv.html");
    common::recv_html_report(&file, &[b"hover me"]);
    hover_report(&file, "recv report");
}

impl Socket {
    /// A real key press (down and up), as the keyboard would send it.
    fn press(&mut self, key: &str, code: u32) {
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code}),
            );
        }
    }

    /// A real click at the centre of the `n`th element matching `selector`.
    fn click(&mut self, selector: &str, n: usize) {
        let (x, y) = centre(self, selector, n);
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }
}

/// The step-through state: the step shown (0 = all), how many sections are
/// visible, the zoom.
const STEPPING: &str = r#"(() => ({
  step: document.body.getAttribute('data-step'),
  steps: document.body.getAttribute('data-steps'),
  visible: [...document.querySelectorAll('section.step')]
    .filter(s => getComputedStyle(s).display !== 'none').length,
  title: (document.querySelector('section.step.current') || {getAttribute: () => ''}).getAttribute('data-title'),
  fontSize: getComputedStyle(document.documentElement).fontSize,
}))()"#;

/// The teacher's keys and buttons, pressed and clicked for real: → walks one
/// section at a time, ◀ goes back, A+ enlarges every size, Escape shows all.
#[test]
fn the_send_report_steps_through_with_the_keyboard_and_the_buttons() {
    let Some(binary) = chromium() else {
        common::cannot_run(
            "step-through in a browser",
            "Chromium is not installed (.ci/run installs it)",
        );
        return;
    };
    let dir = TempDir::new("steps");
    let file = dir.join("send.html");
    succeeded(
        stackviz()
            .args(["send", "--port", "0", "--capture", "off", "--html"])
            .arg(&file),
    );
    let profile = TempDir::new("steps-profile");
    let browser = launch(binary, &file, profile.path());
    let mut page = Socket::connect(&page_socket(browser.port));
    // Wait for the report itself (not the blank page before it) to load.
    for _ in 0..200 {
        let loaded = "location.protocol === 'file:' && document.readyState === 'complete'";
        if page.eval(loaded) == true {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let all = page.eval(STEPPING);
    assert_eq!(all["step"], "0", "{all}");
    let steps: usize = all["steps"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        all["visible"], steps,
        "everything shows before stepping: {all}"
    );
    assert_eq!(all["fontSize"], "18px", "{all}");

    for _ in 0..3 {
        page.press("ArrowRight", 39);
    }
    let third = page.eval(STEPPING);
    assert_eq!(third["step"], "3", "{third}");
    assert_eq!(third["visible"], 1, "one section at a time: {third}");
    assert_eq!(
        third["title"], "Step 1 of 5 · Application layer · the message: 7 bytes of data",
        "{third}"
    );
    page.click("nav button[data-act=\"next\"]", 0);
    let fourth = page.eval(STEPPING);
    assert_eq!(fourth["step"], "4", "{fourth}");
    assert!(
        fourth["title"]
            .as_str()
            .unwrap()
            .starts_with("Step 2 of 5 · Transport layer"),
        "{fourth}"
    );
    page.press("ArrowLeft", 37);
    assert_eq!(page.eval(STEPPING)["step"], "3");

    page.click("nav button[data-act=\"in\"]", 0);
    assert_eq!(page.eval(STEPPING)["fontSize"], "19.8px");

    page.press("Escape", 27);
    let back = page.eval(STEPPING);
    assert_eq!(back["step"], "0", "{back}");
    assert_eq!(back["visible"], steps, "{back}");
}

/// The TCP report: its segments' rows and bytes light each other as every
/// report's do, and hovering an arrow of the ladder lights that segment's
/// heading and its timeline row, and nothing of another segment.
#[test]
fn hovering_the_tcp_report_lights_rows_bytes_and_the_arrows_segment() {
    const TEST: &str = "hovering_the_tcp_report_lights_rows_bytes_and_the_arrows_segment";
    let Some(binary) = chromium() else {
        common::cannot_run(TEST, "Chromium is not installed (.ci/run installs it)");
        return;
    };
    let dir = TempDir::new("hover-tcp");
    let file = dir.join("tcp.html");
    succeeded(
        stackviz()
            .args(["send", "--tcp", "--port", "0", "--capture", "off", "--html"])
            .arg(&file),
    );
    hover_report(&file, "tcp report");
    let profile = TempDir::new("hover-tcp-profile");
    let browser = launch(binary, &file, profile.path());
    let mut page = Socket::connect(&page_socket(browser.port));
    for _ in 0..200 {
        if page.eval("location.protocol === 'file:' && document.readyState === 'complete'") == true
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let arrows = page.eval("document.querySelectorAll('g.segment').length");
    assert_eq!(arrows, 8, "one arrow per segment");
    // The fourth arrow is segment 4, the data; its label is what a
    // pointer meets first.
    let (x, y) = centre(&mut page, "g.segment text", 3);
    page.mouse_to(x, y);
    let lit = page.eval(
        "[...document.querySelectorAll('.lit')].map(e => e.getAttribute('data-f') + ' ' + e.tagName)",
    );
    let lit: Vec<String> = lit
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect();
    assert!(lit.iter().any(|l| l == "segment-4 H2"), "{lit:?}");
    assert!(lit.iter().any(|l| l == "segment-4 TR"), "{lit:?}");
    assert!(
        lit.iter().all(|l| l.starts_with("segment-4 ")),
        "only segment 4 lights: {lit:?}"
    );
}
