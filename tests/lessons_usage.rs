//! `--count 0` is refused with what it would mean (recv would end before
//! its first datagram, decode would show nothing), exit 2, instead of
//! clap's "0 is not in 1..18446744073709551615".

mod common;

/// The binary in English, no colour.
fn stackviz() -> assert_cmd::Command {
    let mut cmd = common::stackviz();
    cmd.args(["--color", "never"]);
    cmd
}

fn first_stderr_line(args: &[&str]) -> (Option<i32>, String) {
    let out = stackviz().args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    (
        out.status.code(),
        stderr.lines().next().unwrap_or_default().to_string(),
    )
}

#[test]
fn recv_count_zero_says_what_it_would_mean() {
    let (code, line) = first_stderr_line(&["recv", "--count", "0"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        line,
        "error: invalid value '0' for '--count <COUNT>': 0 datagrams would end recv before the \
         first one: give 1 or more, or leave out --count to wait until --timeout or Ctrl-C"
    );
    let (code, line) = first_stderr_line(&["recv", "--count", "many"]);
    assert_eq!(code, Some(2));
    assert!(
        line.ends_with("expected a whole number of datagrams, e.g. 1"),
        "{line}"
    );
}

#[test]
fn decode_count_zero_says_what_it_would_mean() {
    let (code, line) = first_stderr_line(&["decode", "--count", "0", "00"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        line,
        "error: invalid value '0' for '--count <COUNT>': 0 frames would show nothing: give 1 or \
         more, or leave out --count to show every frame"
    );
}
