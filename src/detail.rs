//! How much of a frame the dissector writes out: everything (the tables, the
//! JSON, the checks) or only what a summary line reads.
//!
//! A summary line shows a frame's layers, addresses, ports and flags; the
//! sentences, the hex of each field and the worked checksums that make up
//! most of the dissector's time are never read there. Inside
//! [`without_sentences`] the dissector skips them: `t!` with arguments
//! yields an empty string without evaluating them, and fields carry no hex.
//! What it still builds is the same as in full: layers, field ids and
//! values, where dissection stopped (tests/brief_same_summary.rs holds the
//! summary from both to the same bytes).

use std::cell::Cell;

thread_local! {
    static BRIEF: Cell<bool> = const { Cell::new(false) };
}

/// Whether sentences, hex and worked sums are being built (false only
/// inside [`without_sentences`]).
#[inline]
pub fn full() -> bool {
    !BRIEF.with(Cell::get)
}

/// Runs `f` with the dissector building only what a summary line reads.
pub fn without_sentences<T>(f: impl FnOnce() -> T) -> T {
    let before = BRIEF.with(|b| b.replace(true));
    let result = f();
    BRIEF.with(|b| b.set(before));
    result
}

/// Runs `f` with everything built, inside a [`without_sentences`] scope: for
/// the few sentences a summary line shows (an ARP operation, an ICMPv6
/// message's headline).
pub fn with_sentences<T>(f: impl FnOnce() -> T) -> T {
    let before = BRIEF.with(|b| b.replace(false));
    let result = f();
    BRIEF.with(|b| b.set(before));
    result
}

/// How much the dissector builds for a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: for the tables, the JSON, the report.
    Full,
    /// Only what a summary line reads.
    Brief,
}
