//! `stackviz decode` says what is wrong with its input file: a path that
//! does not exist, a directory or an empty file each get their own one-line
//! error, a hint, and exit code 2 (bad usage), never a hex error about the
//! letters of the path or send's "there is nothing to send".

mod common;

use std::process::Output;

use common::TempDir;

/// The binary in English, no colour, 100 columns.
fn stackviz() -> assert_cmd::Command {
    common::stackviz_at(100)
}

/// A fresh directory of this test's own, removed when dropped.
fn temp_dir(name: &str) -> TempDir {
    TempDir::new(&format!("lessons-{name}"))
}

/// Exit code 2, nothing on stdout, and exactly these two lines on stderr.
fn assert_error(out: &Output, error: &str, hint: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{stderr}");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    assert_eq!(stderr, format!("{error}\n{hint}\n"));
}

const NO_SUCH_HINT: &str =
    "hint: check the path; to decode hex, give the bytes themselves, e.g. stackviz decode \"45 00 00 1c\"";
const NO_FRAMES_HINT: &str =
    "hint: decode reads frames from a .pcap/.pcapng capture or from hex text such as \"45 00 00 1c\"";

#[test]
fn a_missing_file_is_reported_as_missing() {
    let dir = temp_dir("missing");
    let path = dir.join("nothere.pcap");
    let path = path.to_str().expect("utf-8 path");
    let out = stackviz().args(["decode", path]).output().expect("runs");
    assert_error(&out, &format!("error: no such file: {path}"), NO_SUCH_HINT);
    // A bare name without a dot is a file name too when it cannot be hex.
    let out = stackviz()
        .current_dir(dir.path())
        .args(["decode", "capture"])
        .output()
        .expect("runs");
    assert_error(&out, "error: no such file: capture", NO_SUCH_HINT);
}

#[test]
fn a_directory_is_reported_as_a_directory() {
    let dir = temp_dir("directory");
    let path = dir.path().to_str().expect("utf-8 path");
    let out = stackviz().args(["decode", path]).output().expect("runs");
    assert_error(
        &out,
        &format!("error: is a directory: {path}"),
        "hint: give a .pcap/.pcapng file or a file of hex text, not a directory",
    );
    let out = stackviz()
        .args(["--lang", "zh", "decode", path])
        .output()
        .expect("runs");
    assert_error(
        &out,
        &format!("错误：这是一个目录：{path}"),
        "提示：请给出一个 .pcap/.pcapng 文件或一个十六进制文本文件，而不是目录",
    );
}

#[test]
fn an_empty_file_or_input_has_no_frames() {
    let dir = temp_dir("empty");
    let path = dir.join("empty.pcapng");
    std::fs::write(&path, b"").expect("write");
    let path = path.to_str().expect("utf-8 path");
    let out = stackviz().args(["decode", path]).output().expect("runs");
    assert_error(
        &out,
        &format!("error: empty file: no frames in {path}"),
        NO_FRAMES_HINT,
    );
    // Only whitespace is no frames either.
    std::fs::write(path, b" \n\n").expect("write");
    let out = stackviz().args(["decode", path]).output().expect("runs");
    assert_error(
        &out,
        &format!("error: empty file: no frames in {path}"),
        NO_FRAMES_HINT,
    );
    let out = stackviz()
        .args(["decode", "-"])
        .write_stdin(Vec::new())
        .output()
        .expect("runs");
    assert_error(
        &out,
        "error: empty standard input: no frames",
        NO_FRAMES_HINT,
    );
}

/// Ethernet + IPv4 + UDP, 42 bytes, as hex.
const FRAME: &str = "ffffffffffff 000000000001 0800 \
                     4500 001c 0000 4000 4011 0000 7f000001 7f000001 \
                     3a98 3a99 0008 0000";

#[test]
fn hex_still_decodes_and_an_existing_file_wins() {
    // A pasted dump in one argument: spaces and a text column with dots.
    let dump = "0000  45 00 00 1c 00 00 40 00  40 11 3c ce 7f 00 00 01  |E.....@.@.<.....|\n\
                0010  7f 00 00 01 3a 98 3a 99  00 08 00 00              |....:.:.....|";
    let out = stackviz().args(["decode", dump]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Frame 1: 28 bytes"), "{text}");
    // A file whose name is also valid hex ("beef") is read as the file.
    let dir = temp_dir("beef");
    std::fs::write(dir.join("beef"), FRAME).expect("write");
    let out = stackviz()
        .current_dir(dir.path())
        .args(["decode", "beef"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Frame 1: 42 bytes, Ethernet"), "{text}");
}
