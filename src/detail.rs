//! How much of a frame the dissector writes out: everything (the tables, the
//! JSON, the checks) or only what a summary line reads.
//!
//! A summary line shows a frame's layers, addresses, ports and flags; the
//! sentences, the hex of each field and the worked checksums that make up
//! most of the dissector's time are never read there. Inside
//! [`without_sentences`] the dissector skips them: `t!` with arguments
//! yields an empty string without evaluating them, fields carry no hex or
//! meaning, checksums are not summed, and IPv4 and TCP build only the
//! fields a summary line or `--filter` reads (addresses, ports, the flags
//! that are set). The layers, those fields and where dissection stopped
//! are the same as in full (tests/brief_same_summary.rs holds the summary
//! lines and the filters' verdicts from both to the same).

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
    brief_while(true, f)
}

/// Runs `f` with everything built, inside a [`without_sentences`] scope: for
/// the few sentences a summary line shows (an ARP operation, an ICMPv6
/// message's headline).
pub fn with_sentences<T>(f: impl FnOnce() -> T) -> T {
    brief_while(false, f)
}

/// Runs `f` in each language, at each level (with sentences, then
/// without), as `f(language, brief)`: for tests of what is remembered per
/// language and level, which must never hand one's text to the other.
#[cfg(test)]
pub fn in_each_language_and_level(mut f: impl FnMut(crate::i18n::Lang, bool)) {
    for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Zh] {
        crate::i18n::with_language(lang, || {
            for brief in [false, true] {
                brief_while(brief, || f(lang, brief));
            }
        });
    }
}

/// Runs `f` with the level set to `brief`; the level before comes back
/// afterwards, even if `f` panics (a test that catches the panic goes on
/// at the level it had).
fn brief_while<T>(brief: bool, f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            BRIEF.with(|b| b.set(self.0));
        }
    }
    let _restore = Restore(BRIEF.with(|b| b.replace(brief)));
    f()
}

/// How much the dissector builds for a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: for the tables, the JSON, the report.
    Full,
    /// Only what a summary line reads.
    Brief,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_nest_and_the_level_comes_back_even_after_a_panic() {
        assert!(full());
        without_sentences(|| {
            assert!(!full());
            with_sentences(|| assert!(full()));
            assert!(!full());
            let caught = std::panic::catch_unwind(|| with_sentences(|| panic!("inside")));
            assert!(caught.is_err());
            assert!(!full(), "brief again after the panic inside with_sentences");
        });
        assert!(full());
        let caught = std::panic::catch_unwind(|| without_sentences(|| panic!("inside")));
        assert!(caught.is_err());
        assert!(
            full(),
            "full again after the panic inside without_sentences"
        );
    }
}
