//! The two ways stackviz could harm a learner's machine or run (issue 14):
//! an output path that is not a regular file must never be replaced, a bad
//! one is refused before anything is sent; Ctrl-C in `recv` is a normal end
//! that prints the summary and exits 0.

mod common;

use std::net::UdpSocket;
use std::os::unix::fs::FileTypeExt;
use std::process::{Command as StdCommand, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{is_root, need, stackviz, text, Guarded, TempDir, RUN_LIMIT};

/// A directory of its own for one test, removed when the test ends (even
/// when it fails).
fn scratch(name: &str) -> TempDir {
    TempDir::new(&format!("harm-{name}"))
}

/// `stackviz send` to port 0 on loopback, without capture or colour.
fn send() -> assert_cmd::Command {
    let mut cmd = stackviz();
    cmd.args([
        "send",
        "--port",
        "0",
        "--capture",
        "off",
        "--color",
        "never",
    ]);
    cmd
}

/// A UDP socket on loopback that stands in for the receiver: a refused run
/// must send it nothing.
struct Witness(UdpSocket);

impl Witness {
    fn new() -> Witness {
        let socket = UdpSocket::bind("127.0.0.1:0").expect("bind the witness");
        socket
            .set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        Witness(socket)
    }
    fn to(&self) -> String {
        self.0.local_addr().unwrap().to_string()
    }
    fn received_something(&self) -> bool {
        let mut buf = [0u8; 2048];
        self.0.recv_from(&mut buf).is_ok()
    }
}

#[test]
fn dev_null_with_force_stays_a_device() {
    // Before the fix, as root, the temporary file was renamed over /dev/null,
    // which became a regular file for the whole machine.
    let out = send()
        .args(["--pcap", "/dev/null", "--force"])
        .output()
        .unwrap();
    let meta = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is no longer a character device"
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("into the character device /dev/null (written in place, not replaced)"),
        "{stderr}"
    );
    if !is_root() {
        eprintln!("note: not root, so the old rename could not have replaced /dev/null here; the test still checks the message");
    }
}

#[test]
fn dev_full_fails_after_showing_the_run_and_stays_a_device() {
    let out = send()
        .args(["--html", "/dev/full", "--force"])
        .output()
        .unwrap();
    assert!(std::fs::symlink_metadata("/dev/full")
        .unwrap()
        .file_type()
        .is_char_device());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error: cannot write /dev/full: No space left on device"),
        "{stderr}"
    );
    // The run happened: its report is still shown.
    assert!(
        text(&out.stdout).starts_with("stackviz send: one real UDP datagram"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_fifo_is_written_in_place() {
    let scratch = scratch("fifo");
    let fifo = scratch.join("frames.pcapng");
    let status = StdCommand::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let reader_path = fifo.clone();
    let (done, got) = mpsc::channel();
    std::thread::spawn(move || {
        let bytes = std::fs::read(&reader_path).unwrap_or_default();
        let _ = done.send(bytes);
    });
    let out = send().arg("--pcap").arg(&fifo).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = got.recv_timeout(RUN_LIMIT).expect("the FIFO's reader ends");
    // A pcapng file starts with a Section Header Block, type 0x0A0D0D0A.
    assert_eq!(&bytes[..4], &[0x0a, 0x0d, 0x0d, 0x0a]);
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    assert!(
        text(&out.stderr).contains("into the FIFO"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn pcap_to_standard_output_moves_the_report_to_standard_error() {
    let out = send().args(["--pcap", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        &out.stdout[..4],
        &[0x0a, 0x0d, 0x0d, 0x0a],
        "stdout is the pcapng file"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("stackviz send: one real UDP datagram"),
        "{stderr}"
    );
    assert!(stderr.contains("to standard output; the report went to standard error"));
}

/// Runs send to the witness with `args`; asserts exit 2, the error line, and
/// that nothing was sent.
fn refused_before_sending(args: &[&std::ffi::OsStr], error: &str) {
    let witness = Witness::new();
    let out = stackviz()
        .args([
            "send",
            "--capture",
            "off",
            "--color",
            "never",
            "--to",
            &witness.to(),
        ])
        .args(args)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(error), "expected {error:?} in {stderr}");
    assert!(stderr.contains("hint: "), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "nothing is shown: {}",
        text(&out.stdout)
    );
    assert!(
        !witness.received_something(),
        "a refused run sent a datagram"
    );
}

#[test]
fn a_symbolic_link_is_refused_and_its_target_kept() {
    let scratch = scratch("link");
    let target = scratch.join("precious.txt");
    std::fs::write(&target, b"keep me").unwrap();
    let link = scratch.join("report.html");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    refused_before_sending(
        &["--html".as_ref(), link.as_os_str(), "--force".as_ref()],
        "it is a symbolic link (to ",
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn a_missing_directory_is_refused_before_sending() {
    let scratch = scratch("nodir");
    let path = scratch.join("no/such/dir/x.pcapng");
    refused_before_sending(&["--pcap".as_ref(), path.as_os_str()], "the directory ");
    assert!(!scratch.join("no").exists());
}

#[test]
fn a_directory_is_refused_before_sending() {
    let scratch = scratch("isdir");
    refused_before_sending(
        &[
            "--pcap".as_ref(),
            scratch.path().as_os_str(),
            "--force".as_ref(),
        ],
        "it is a directory",
    );
    assert!(scratch.path().is_dir());
}

#[test]
fn one_file_for_pcap_and_html_is_refused_before_sending() {
    let scratch = scratch("same");
    let a = scratch.join("out.bin");
    let b = scratch.path().join(".").join("out.bin");
    refused_before_sending(
        &[
            "--pcap".as_ref(),
            a.as_os_str(),
            "--html".as_ref(),
            b.as_os_str(),
        ],
        "--pcap and --html name the same file",
    );
    assert!(!a.exists());
}

#[test]
fn an_existing_file_is_kept_without_force_and_replaced_with_it() {
    let scratch = scratch("exists");
    let path = scratch.join("old.pcapng");
    std::fs::write(&path, b"an older capture").unwrap();
    refused_before_sending(&["--pcap".as_ref(), path.as_os_str()], "already exists");
    assert_eq!(std::fs::read(&path).unwrap(), b"an older capture");

    let out = send()
        .arg("--pcap")
        .arg(&path)
        .arg("--force")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..4], &[0x0a, 0x0d, 0x0d, 0x0a]);
    assert!(
        text(&out.stderr).contains("replaced the file"),
        "{}",
        text(&out.stderr)
    );
    let names: Vec<_> = std::fs::read_dir(scratch.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
}

/// A `stackviz recv` child, killed if the test ends early, its stdout
/// read line by line.
struct Receiver {
    child: Guarded,
    pid: libc::pid_t,
    lines: mpsc::Receiver<String>,
}

impl Receiver {
    fn start(args: &[&str]) -> Receiver {
        let mut child = common::spawn(
            common::stackviz_std()
                .args(["recv", "--bind", "127.0.0.1:0"])
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        );
        let pid = child.child().id() as libc::pid_t;
        let lines = common::lines_of(child.child().stdout.take().unwrap());
        Receiver { child, pid, lines }
    }

    fn next_line(&self) -> serde_json::Value {
        let line = self
            .lines
            .recv_timeout(RUN_LIMIT)
            .expect("recv printed a line in time");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
    }

    fn interrupt(&self) {
        // SAFETY: kill(2) with a pid of our own child and a valid signal.
        let sent = unsafe { libc::kill(self.pid, libc::SIGINT) };
        assert_eq!(sent, 0);
    }

    fn finish(mut self) -> (Option<i32>, String) {
        let stderr = self.child.child().stderr.take().unwrap();
        let stderr = common::read_within(stderr, RUN_LIMIT, "recv ended after Ctrl-C");
        let status = self.child.child().wait().unwrap();
        (status.code(), stderr)
    }
}

fn ctrl_c_ends_recv(capture: &str, datagrams: usize) {
    let receiver = Receiver::start(&["--format", "json", "--capture", capture]);
    let started = receiver.next_line();
    assert_eq!(started["kind"], "started", "{started}");
    let bound = started["bound"]
        .as_str()
        .expect("bound address")
        .to_string();
    let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
    for n in 0..datagrams {
        sender
            .send_to(format!("datagram {n}").as_bytes(), &bound)
            .unwrap();
        let datagram = receiver.next_line();
        assert_eq!(datagram["kind"], "datagram", "{datagram}");
    }
    receiver.interrupt();
    let summary = receiver.next_line();
    let (code, stderr) = receiver.finish();
    assert!(!stderr.contains("error"), "{stderr}");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(summary["kind"], "summary", "{summary}");
    assert_eq!(summary["ended"], "interrupted", "{summary}");
    assert_eq!(summary["datagrams"], datagrams, "{summary}");
}

#[test]
fn ctrl_c_before_any_datagram_prints_the_summary_and_exits_0() {
    ctrl_c_ends_recv("off", 0);
}

#[test]
fn ctrl_c_after_a_datagram_prints_the_summary_and_exits_0() {
    ctrl_c_ends_recv("off", 2);
}

#[test]
fn ctrl_c_with_capture_prints_the_summary_and_exits_0() {
    if !need(
        "ctrl_c_with_capture_prints_the_summary_and_exits_0",
        is_root(),
        "capturing needs root",
    ) {
        return;
    }
    ctrl_c_ends_recv("on", 0);
    ctrl_c_ends_recv("on", 1);
}

#[test]
fn ctrl_c_in_the_table_view_prints_the_summary_line() {
    let guard = Receiver::start(&["--capture", "off", "--color", "never"]);
    loop {
        let line = guard
            .lines
            .recv_timeout(RUN_LIMIT)
            .expect("recv is waiting");
        if line.starts_with("waiting for datagrams") {
            break;
        }
    }
    guard.interrupt();
    let mut rest = String::new();
    loop {
        match guard.lines.recv_timeout(RUN_LIMIT) {
            Ok(line) => rest.push_str(&format!("{line}\n")),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(e) => panic!("recv ended after Ctrl-C: {e}"),
        }
    }
    let (code, stderr) = guard.finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        rest.contains("summary: 0 datagrams") && rest.contains("ended: interrupted (Ctrl-C)"),
        "{rest}"
    );
}
