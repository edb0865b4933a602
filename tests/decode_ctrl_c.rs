//! Ctrl-C (SIGINT) ends `decode` like the end of its input: the frames read
//! so far are shown whole, then the closing count and a note that the rest
//! was not read, and the exit code is 0 (the input held no malformed
//! frame). A second Ctrl-C ends it at once with 130.

mod common;

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use common::{signal, spawn, stackviz_std, varied, TempDir, LINK_ETHERNET, RUN_LIMIT};

/// Frames enough that decode is still writing when the signal comes: its
/// output (about 10 KB a frame) stalls on the pipe this test stops reading.
const FRAMES: usize = 20_000;

fn capture(dir: &TempDir) -> String {
    let frames: Vec<Vec<u8>> = (0..FRAMES)
        .map(|i| varied::udp4(40_000, 53, format!("query {i}").as_bytes()))
        .collect();
    let path = dir.join("many.pcap");
    common::write_pcap(&path, LINK_ETHERNET, &frames);
    dir.file("many.pcap")
}

/// Starts decode with `args`, reads the start of its output, lets it stall
/// on the full pipe, sends SIGINT `times` times, then reads the rest.
/// Returns its standard output, standard error and exit code.
fn interrupted(args: &[&str], times: usize) -> (String, String, Option<i32>) {
    let dir = TempDir::new("ctrlc");
    let file = capture(&dir);
    let mut child = spawn(
        stackviz_std()
            .args(["--color", "never", "--width", "100", "decode", &file])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let mut stdout = child.child().stdout.take().expect("piped stdout");
    let mut start = vec![0u8; 4096];
    stdout
        .read_exact(&mut start)
        .expect("decode writes its first frames");
    // Not read for a while: the pipe fills and decode waits in a write.
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..times {
        signal(child.child(), libc::SIGINT);
        std::thread::sleep(Duration::from_millis(50));
    }
    let reader = std::thread::spawn(move || {
        let mut rest = Vec::new();
        let _ = stdout.read_to_end(&mut rest);
        rest
    });
    let out = child.wait_output(RUN_LIMIT);
    start.extend(reader.join().expect("reader thread"));
    (
        String::from_utf8_lossy(&start).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn ctrl_c_ends_a_decode_with_the_frames_read_and_the_closing_count() {
    let (out, err, code) = interrupted(&[], 1);
    assert_eq!(code, Some(0), "stderr: {err}");
    let lines: Vec<&str> = out.lines().collect();
    let [.., closing, note] = lines[..] else {
        panic!("no closing lines in {} lines", lines.len());
    };
    let shown = lines.iter().filter(|l| l.starts_with("Frame ")).count();
    assert!(
        shown > 0 && shown < FRAMES,
        "stopped part way: {shown} of {FRAMES} frames shown"
    );
    assert_eq!(
        closing,
        format!("{shown} frames read, {shown} shown, 0 malformed")
    );
    assert_eq!(
        note,
        format!("stopped by Ctrl-C after {shown} frames read; the rest of the input was not read")
    );
    // The last frame shown is whole: its hex dump's legend, the frame's
    // last lines, follows its heading.
    let last_heading = lines.iter().rposition(|l| l.starts_with("Frame "));
    let last_legend = lines.iter().rposition(|l| l.starts_with("legend: "));
    assert!(last_legend > last_heading, "the last frame is cut off");
}

#[test]
fn ctrl_c_ends_a_json_decode_on_a_whole_line_and_says_so_on_standard_error() {
    let (out, err, code) = interrupted(&["--format", "json"], 1);
    assert_eq!(code, Some(0), "stderr: {err}");
    let docs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is a whole JSON document"))
        .collect();
    assert!(
        docs.len() < FRAMES,
        "stopped part way: {} lines",
        docs.len()
    );
    let numbers: Vec<u64> = docs.iter().map(|d| d["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=docs.len() as u64).collect::<Vec<_>>());
    assert_eq!(
        err.trim_end(),
        format!(
            "stopped by Ctrl-C after {} frames read; the rest of the input was not read",
            docs.len()
        )
    );
}

#[test]
fn a_second_ctrl_c_ends_decode_at_once() {
    // The first stops the reading; the second, before decode has written
    // what it holds, ends the process with the shell's code for SIGINT.
    let (_, _, code) = interrupted(&["--format", "json"], 2);
    assert_eq!(code, Some(130));
}
