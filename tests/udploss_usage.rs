//! `stackviz send --count` refuses what it cannot do before sending
//! anything: exit 2 and a sentence saying what to give instead.

mod common;

use common::{stackviz, text};

/// Runs `args`, requires exit 2 and `expected` in the error.
fn refused(args: &[&str], expected: &str) {
    let out = stackviz().arg("send").args(args).output().expect("runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?} printed a report");
    assert!(
        stderr.contains(expected),
        "{args:?}: {expected:?} not in {stderr}"
    );
}

#[test]
fn bad_counts_are_usage_errors() {
    refused(&["--count", "0"], "0 datagrams would send nothing");
    refused(
        &["--count", "ten"],
        "expected a whole number of datagrams, e.g. 200",
    );
    refused(&["--count", "-5"], "unexpected argument '-5'");
    refused(
        &["--count", "10000001"],
        "10000001 datagrams is more than 10000000",
    );
}

#[test]
fn bad_buffer_rate_and_pause_are_usage_errors() {
    refused(
        &["--count", "5", "--rcvbuf", "0"],
        "0 is not in 1..=268435456",
    );
    refused(
        &["--count", "5", "--rate", "1000001"],
        "1000001 is not in 0..=1000000",
    );
    refused(
        &["--count", "5", "--slow-receiver", "60001"],
        "60001 is not in 0..=60000",
    );
}

#[test]
fn the_loss_options_need_count_and_udp() {
    for option in [
        ["--rate", "10"],
        ["--rcvbuf", "4096"],
        ["--slow-receiver", "1"],
    ] {
        refused(&option, "--count <N>");
    }
    refused(&["--order"], "--count <N>");
    // --tcp --count is flow control (tests/tcpslow_runs.rs); what only
    // the single connection has is refused with it.
    refused(
        &["--count", "5", "--tcp", "--scenario", "reset"],
        "'--count <N>' cannot be used with '--scenario <NAME>'",
    );
    refused(&["--count", "5", "-6"], "cannot be used with");
    refused(
        &["--count", "5", "--to", "127.0.0.1:9"],
        "cannot be used with",
    );
}
