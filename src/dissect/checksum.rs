//! The Internet checksum (RFC 1071) worked out step by step, kept as data.
//!
//! Written by hand on purpose: crates (etherparse included) compute the result
//! but not the intermediate sums a learner needs to see. Tests check every
//! result against etherparse's own computation and an independent one.

use crate::model::{to_hex, Check, CheckVerdict, Field, FoldStep, SumTerm};

/// Accumulates labelled groups of 16-bit words into a one's-complement sum.
#[derive(Default)]
pub struct InternetSum {
    terms: Vec<SumTerm>,
    total: u64,
}

/// Sum of the big-endian 16-bit words of `bytes`, an odd last byte padded
/// with a zero byte as RFC 1071 says.
pub fn word_sum(bytes: &[u8]) -> u64 {
    bytes
        .chunks(2)
        .map(|c| u64::from(u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])))
        .sum()
}

/// Folds carries above bit 15 back in until the sum fits 16 bits.
pub fn fold(mut sum: u64) -> (u16, Vec<FoldStep>) {
    let mut steps = Vec::new();
    while sum > 0xffff {
        let after = (sum & 0xffff) + (sum >> 16);
        steps.push(FoldStep {
            before: sum as u32,
            after: after as u32,
        });
        sum = after;
    }
    (sum as u16, steps)
}

/// The words of `bytes` as hex groups, abbreviated in the middle when long.
fn words_text(bytes: &[u8]) -> String {
    let words: Vec<String> = bytes
        .chunks(2)
        .map(|c| {
            let w = u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]);
            format!("{w:04x}")
        })
        .collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!(
            "{} … {} ({} words)",
            words[..4].join(" "),
            words[words.len() - 2..].join(" "),
            words.len()
        )
    }
}

impl InternetSum {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `bytes` as one labelled term.
    pub fn add(&mut self, label: impl Into<String>, bytes: &[u8]) {
        let sum = word_sum(bytes);
        self.total += sum;
        self.terms.push(SumTerm {
            label: label.into(),
            words: words_text(bytes),
            sum: sum as u32,
        });
    }

    /// Folded sum of what was added so far (not complemented).
    pub fn folded(&self) -> u16 {
        fold(self.total).0
    }

    /// Finishes the computation and judges the `stored` value.
    ///
    /// `zero_allowed`: UDP over IPv4 may carry 0 for "not computed", and a
    /// computed 0 is sent as 0xffff. `partial`: the folded pseudo-header sum a
    /// kernel leaves when checksum offload is on, if that is known.
    pub fn finish(
        self,
        field: &'static str,
        covers: String,
        pseudo_header: Vec<Field>,
        stored: u16,
        udp_rules: bool,
        partial: Option<u16>,
    ) -> Check {
        let (folded, folds) = fold(self.total);
        let mut computed = !folded;
        if udp_rules && computed == 0 {
            computed = 0xffff;
        }
        let verdict = if stored == computed {
            CheckVerdict::Correct
        } else if udp_rules && stored == 0 {
            CheckVerdict::NotUsed
        } else if partial == Some(stored) {
            CheckVerdict::PartialOffload
        } else {
            CheckVerdict::Incorrect {
                expected: u32::from(computed),
            }
        };
        Check {
            field,
            algorithm: "internet checksum (RFC 1071): one's-complement of the one's-complement sum of 16-bit words",
            covers,
            pseudo_header,
            terms: self.terms,
            sum: Some(self.total as u32),
            folds,
            computed: u32::from(computed),
            stored: u32::from(stored),
            verdict,
        }
    }
}

/// Hex of a checksum value, for notes.
pub fn hex16(v: u16) -> String {
    to_hex(&v.to_be_bytes())
}
