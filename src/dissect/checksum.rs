//! The Internet checksum (RFC 1071) worked out step by step, kept as data,
//! and the IPv4 and IPv6 pseudo-headers that UDP, TCP and ICMPv6 cover.
//!
//! Written by hand on purpose: crates (etherparse included) compute the result
//! but not the intermediate sums a learner needs to see. Tests check every
//! result against etherparse's own computation and an independent one.

use compact_str::CompactString;

use super::fields::Meaning;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::field_id;
use crate::model::{
    hex_text, ipv4_text, ipv6_text, to_hex, AsciiBuffer, Check, CheckVerdict, Field, FoldStep,
    SumTerm, Value, HEX_PAIRS,
};
use crate::t;

/// Accumulates labelled groups of 16-bit words into a one's-complement sum.
#[derive(Default)]
pub struct InternetSum {
    terms: Vec<SumTerm>,
    total: u64,
}

/// Sum of the big-endian 16-bit words of `bytes`, an odd last byte padded
/// with a zero byte as RFC 1071 says.
pub fn word_sum(bytes: &[u8]) -> u64 {
    // Every frame's payload is summed here: eight bytes a step, the words'
    // high bytes and low bytes added in separate 16-bit lanes of two
    // registers, the lanes added up once per block. 2.5 instructions a
    // byte word by word; about one this way. A lane takes 256 bytes of at
    // most 255 before it could overflow: a block is 256 steps.
    const BLOCK: usize = 256 * 8;
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut sum = 0;
    for block in blocks.by_ref() {
        sum += block_word_sum(block);
    }
    sum + block_word_sum(blocks.remainder())
}

/// [`word_sum`] of at most 256 eight-byte steps and a tail.
#[inline]
fn block_word_sum(block: &[u8]) -> u64 {
    const LOW_BYTES: u64 = 0x00ff_00ff_00ff_00ff;
    let (mut high, mut low) = (0u64, 0u64);
    let mut steps = block.chunks_exact(8);
    for step in steps.by_ref() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(step);
        // Little-endian: the bytes at even places (a word's high byte)
        // land in each lane's low half.
        let x = u64::from_le_bytes(eight);
        high += x & LOW_BYTES;
        low += (x >> 8) & LOW_BYTES;
    }
    let lanes = |v: u64| (v & 0xffff) + (v >> 16 & 0xffff) + (v >> 32 & 0xffff) + (v >> 48);
    let mut sum = (lanes(high) << 8) + lanes(low);
    let mut words = steps.remainder().chunks_exact(2);
    for word in words.by_ref() {
        sum += u64::from(u16::from_be_bytes([word[0], word[1]]));
    }
    if let [last] = words.remainder() {
        sum += u64::from(*last) << 8;
    }
    sum
}

/// Folds carries above bit 15 back in until the sum fits 16 bits.
pub fn fold(mut sum: u64) -> (u16, Vec<FoldStep>) {
    let mut steps = Vec::new();
    let worked = crate::detail::full();
    while sum > 0xffff {
        let after = (sum & 0xffff) + (sum >> 16);
        // The steps are for reading: none where nobody reads them.
        if worked {
            steps.push(FoldStep {
                before: sum as u32,
                after: after as u32,
            });
        }
        sum = after;
    }
    (sum as u16, steps)
}

/// The words of `bytes` as hex groups, abbreviated in the middle when long.
fn words_text(bytes: &[u8]) -> CompactString {
    // Only the words that are shown get formatted: a long payload would
    // otherwise cost a string per word for every frame of a capture.
    // Words written straight into one string, no string per word.
    let count = bytes.len().div_ceil(2);
    match *bytes {
        // One word (half the terms: a pseudo-header's protocol and
        // length, type and code, a checksum taken as zero) is a field's
        // hex, whose two bytes take no UTF-8 check.
        [a, b] => return hex_text(&[a, b]),
        [a] => return hex_text(&[a, 0]),
        _ => {}
    }
    if count <= 3 {
        words_on_stack::<16>(bytes, count)
    } else if count <= 6 {
        // On the stack, then copied once: pushing digit by digit checked
        // the string's room for each. The smallest buffer that fits: the
        // check of the whole buffer costs by its length.
        words_on_stack::<32>(bytes, count)
    } else if count <= 8 {
        words_on_stack::<48>(bytes, count)
    } else {
        // The first four words at 0 and the last two at 20.
        let mut words = AsciiBuffer::<32>::new();
        let (head, tail) = words.bytes.split_at_mut(20);
        write_words(head, &bytes[..8]);
        write_words(tail, &bytes[(count - 2) * 2..]);
        let all = words.all();
        let head = all.get(..19).unwrap_or_default();
        let tail = all.get(20..29).unwrap_or_default();
        CompactString::from_string_buffer(t!("{head} … {tail} ({count} words)", head, tail, count))
    }
}

/// The `count` words of `bytes` (no more than fit `N` bytes) written in a
/// stack buffer of `N` bytes.
fn words_on_stack<const N: usize>(bytes: &[u8], count: usize) -> CompactString {
    let mut words = AsciiBuffer::<N>::new();
    write_words(&mut words.bytes, bytes);
    CompactString::new(words.text((count * 5).saturating_sub(1)))
}

/// The 16-bit words of `bytes` as hex groups, each followed by a space (an
/// odd last byte padded with a zero byte), five bytes a word, as many words
/// as `out` has room for.
fn write_words(out: &mut [u8], bytes: &[u8]) {
    for (word, c) in out.chunks_exact_mut(5).zip(bytes.chunks(2)) {
        let high = HEX_PAIRS[usize::from(c[0])];
        let low = HEX_PAIRS[usize::from(c.get(1).copied().unwrap_or(0))];
        word.copy_from_slice(&[high[0], high[1], low[0], low[1], b' ']);
    }
}

impl InternetSum {
    pub fn new() -> Self {
        // Room for the most terms one checksum adds (UDP and TCP: five for
        // the pseudo-header, five for the header and data), so the terms
        // are not moved as they are added.
        InternetSum {
            terms: Vec::with_capacity(10),
            total: 0,
        }
    }

    /// Adds `bytes` as one labelled term.
    /// An ICMP or ICMPv6 message as its checksum reads it: type and code,
    /// the checksum field taken as zero, then the rest of the message (the
    /// same three terms for both protocols, so they are written once).
    pub fn add_icmp_message(&mut self, message: &[u8]) {
        self.add(t!("type | code"), &message[..2]);
        self.add(t!("checksum taken as 0000"), &[0, 0]);
        self.add(
            t!(
                "rest of the message ({length} bytes)", @meaning,
                length = message.len() - 4
            ),
            &message[4..],
        );
    }

    pub fn add(&mut self, label: impl Meaning, bytes: &[u8]) {
        if !crate::detail::full() {
            // Checks are not read at this level of detail, and a brief
            // dissection drops them (`decode::dissect_at`): nothing to sum.
            return;
        }
        let sum = word_sum(bytes);
        self.total += sum;
        self.terms.push(SumTerm {
            label: label.into_meaning(),
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
            algorithm: t!("internet checksum (RFC 1071): one's-complement of the one's-complement sum of 16-bit words"),
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

/// The addresses an upper-layer checksum borrows from the IP header in front
/// of it: the pseudo-header is never sent, only summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PseudoHeader {
    /// RFC 768 / RFC 9293: source, destination, zero, protocol, length (12 bytes).
    V4 {
        source: Ipv4Addr,
        destination: Ipv4Addr,
    },
    /// RFC 8200 section 8.1: source, destination, 32-bit upper-layer length,
    /// three zero bytes, next header (40 bytes).
    V6 {
        source: Ipv6Addr,
        destination: Ipv6Addr,
    },
}

/// The upper-layer protocol a pseudo-header is built for.
#[derive(Debug, Clone, Copy)]
pub struct Upper {
    /// IP protocol number (17 UDP, 6 TCP, 58 ICMPv6).
    pub protocol: u8,
    /// Its name, as the pseudo-header's length field is named after it
    /// over IPv4: "UDP Length", "TCP Length".
    pub length_name: &'static str,
    /// Bytes of the upper-layer message (header and data).
    pub length: usize,
    /// Where that length comes from, in words.
    pub length_meaning: &'static str,
}

/// A pseudo-header field: a value the checksum covers without it being sent.
pub fn pseudo_field(
    id: &'static str,
    name: &'static str,
    bytes: &[u8],
    value: Value,
    meaning: impl Meaning,
) -> Field {
    Field {
        id,
        name,
        offset: None,
        length: bytes.len(),
        bits: None,
        value,
        hex: hex_text(bytes),
        meaning: meaning.into_meaning(),
        origin: None,
    }
}

fn protocol_short(protocol: u8) -> &'static str {
    match protocol {
        6 => "TCP",
        17 => "UDP",
        58 => "ICMPv6",
        _ => t!("the upper layer"),
    }
}

impl PseudoHeader {
    /// "IPv4" or "IPv6".
    pub fn family(&self) -> &'static str {
        match self {
            PseudoHeader::V4 { .. } => "IPv4",
            PseudoHeader::V6 { .. } => "IPv6",
        }
    }

    pub fn is_v6(&self) -> bool {
        matches!(self, PseudoHeader::V6 { .. })
    }

    /// Bytes in the pseudo-header: 12 (IPv4) or 40 (IPv6).
    pub fn byte_length(&self) -> usize {
        match self {
            PseudoHeader::V4 { .. } => 12,
            PseudoHeader::V6 { .. } => 40,
        }
    }

    /// The two addresses' bytes (4 or 16 each) and how many of them count.
    fn address_bytes(&self) -> ([u8; 16], [u8; 16], usize) {
        let mut src = [0u8; 16];
        let mut dst = [0u8; 16];
        match self {
            PseudoHeader::V4 {
                source,
                destination,
            } => {
                src[..4].copy_from_slice(&source.octets());
                dst[..4].copy_from_slice(&destination.octets());
                (src, dst, 4)
            }
            PseudoHeader::V6 {
                source,
                destination,
            } => (source.octets(), destination.octets(), 16),
        }
    }

    fn address_texts(&self) -> (String, String) {
        match self {
            PseudoHeader::V4 {
                source,
                destination,
            } => (ipv4_text(*source), ipv4_text(*destination)),
            PseudoHeader::V6 {
                source,
                destination,
            } => (ipv6_text(*source), ipv6_text(*destination)),
        }
    }

    /// The length as the pseudo-header carries it: 16 bits over IPv4, 32
    /// over IPv6 (the first `n` of the four bytes returned).
    fn length_bytes(&self, length: usize) -> ([u8; 4], usize) {
        match self {
            PseudoHeader::V4 { .. } => {
                let [a, b] = (length as u16).to_be_bytes();
                ([a, b, 0, 0], 2)
            }
            PseudoHeader::V6 { .. } => ((length as u32).to_be_bytes(), 4),
        }
    }

    /// Adds the pseudo-header to `sum` (as labelled terms) and returns its
    /// fields, in the order they are summed.
    pub fn add_to(&self, sum: &mut InternetSum, upper: Upper) -> Vec<Field> {
        let (src, dst, n) = self.address_bytes();
        let (src, dst) = (&src[..n], &dst[..n]);
        if !crate::detail::full() {
            // Not read at this level of detail (see `InternetSum::add`).
            return Vec::new();
        }
        let (src_text, dst_text) = self.address_texts();
        let copied = t!("copied from the {family} header", @meaning, family = self.family());
        let p = upper.protocol;
        let name = protocol_short(p);
        let (length_bytes, length_n) = self.length_bytes(upper.length);
        let length_bytes = &length_bytes[..length_n];
        let mut fields = Vec::with_capacity(5);
        fields.extend([
            pseudo_field(
                "pseudo.src",
                "Source Address",
                src,
                Value::Text(src_text),
                copied.clone(),
            ),
            pseudo_field(
                field_id::PSEUDO_DST,
                "Destination Address",
                dst,
                Value::Text(dst_text),
                copied,
            ),
        ]);
        sum.add(t!("pseudo: source address"), src);
        sum.add(t!("pseudo: destination address"), dst);
        match self {
            PseudoHeader::V4 { .. } => {
                fields.push(pseudo_field(
                    "pseudo.zero",
                    "Zero",
                    &[0],
                    Value::Number(0),
                    t!("one byte of zeros"),
                ));
                fields.push(pseudo_field(
                    "pseudo.protocol",
                    "Protocol",
                    &[p],
                    Value::Number(u64::from(p)),
                    t!("{p} = {name}, as in the IPv4 header", @meaning, p, name),
                ));
                fields.push(pseudo_field(
                    "pseudo.length",
                    upper.length_name,
                    length_bytes,
                    Value::Number(upper.length as u64),
                    upper.length_meaning,
                ));
                sum.add(t!("pseudo: zero | protocol {p}", @meaning, p), &[0, p]);
                sum.add(t!("pseudo: {name} length", @meaning, name), length_bytes);
            }
            PseudoHeader::V6 { .. } => {
                fields.push(pseudo_field(
                    "pseudo.length",
                    "Upper-Layer Packet Length",
                    length_bytes,
                    Value::Number(upper.length as u64),
                    t!("{meaning}, as 32 bits", @meaning, meaning = upper.length_meaning),
                ));
                fields.push(pseudo_field(
                    "pseudo.zero",
                    "Zero",
                    &[0, 0, 0],
                    Value::Number(0),
                    t!("three bytes of zeros"),
                ));
                fields.push(pseudo_field(
                    "pseudo.protocol",
                    "Next Header",
                    &[p],
                    Value::Number(u64::from(p)),
                    t!(
                        "{p} = {name}: the upper-layer protocol, even when extension headers come between", @meaning,
                        p,
                        name
                    ),
                ));
                sum.add(
                    t!("pseudo: upper-layer packet length (32 bits)"),
                    length_bytes,
                );
                sum.add(
                    t!("pseudo: zero | next header {p}", @meaning, p),
                    &[0, 0, 0, p],
                );
            }
        }
        fields
    }

    /// The folded pseudo-header sum, not complemented: what a kernel stores
    /// in the checksum field when it leaves the rest to the network card
    /// (checksum offload).
    pub fn partial(&self, protocol: u8, length: usize) -> u16 {
        fold(self.word_sum(protocol, length)).0
    }

    /// The pseudo-header's words summed, not folded: the zero bytes and the
    /// protocol make the one word 0x00pp over IPv4 and over IPv6.
    fn word_sum(&self, protocol: u8, length: usize) -> u64 {
        let (src, dst, n) = self.address_bytes();
        let (length_bytes, length_n) = self.length_bytes(length);
        word_sum(&src[..n])
            + word_sum(&dst[..n])
            + u64::from(protocol)
            + word_sum(&length_bytes[..length_n])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word sum eight bytes a step is the sum word by word, for every
    /// length around the steps and blocks, of bytes that fill the lanes
    /// (all 0xff) and of varied bytes.
    #[test]
    fn word_sums_by_lanes_are_sums_word_by_word() {
        let by_words = |bytes: &[u8]| -> u64 {
            bytes
                .chunks(2)
                .map(|c| u64::from(c[0]) << 8 | u64::from(c.get(1).copied().unwrap_or(0)))
                .sum()
        };
        let varied: Vec<u8> = (0..9003u32).map(|i| (i * 131 + i / 7) as u8).collect();
        let full = vec![0xffu8; 9000];
        for length in (0..40)
            .chain(2030..2070)
            .chain(4090..4110)
            .chain([8999, 9000])
        {
            for bytes in [&varied[..length], &full[..length], &varied[3..3 + length]] {
                assert_eq!(word_sum(bytes), by_words(bytes), "{length}");
            }
        }
    }

    /// `words_text` the simple way: every word formatted, joined with
    /// spaces, and the long form's sentence filled in.
    fn words_reference(bytes: &[u8]) -> String {
        let words: Vec<String> = bytes
            .chunks(2)
            .map(|c| format!("{:02x}{:02x}", c[0], c.get(1).copied().unwrap_or(0)))
            .collect();
        if words.len() <= 8 {
            words.join(" ")
        } else {
            let head = words[..4].join(" ");
            let tail = words[words.len() - 2..].join(" ");
            t!(
                "{head} … {tail} ({count} words)",
                head,
                tail,
                count = words.len()
            )
        }
    }

    /// Every length up to 40 bytes (odd ones padded), varied bytes, both
    /// languages: the stack-written words are the formatted ones.
    #[test]
    fn words_text_is_the_formatted_words() {
        for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Zh] {
            crate::i18n::with_language(lang, || {
                for len in 0..40usize {
                    for seed in [0u8, 7, 0x5a, 0xff] {
                        let bytes: Vec<u8> = (0..len)
                            .map(|i| seed.wrapping_add((i as u8).wrapping_mul(37)))
                            .collect();
                        assert_eq!(words_text(&bytes), words_reference(&bytes), "{bytes:?}");
                    }
                }
            });
        }
    }
}
