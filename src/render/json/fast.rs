//! `stackviz decode --format json` written by hand: the same bytes
//! serde_json writes for `lines::DecodedDoc`, several times faster.
//!
//! Why by hand: decode writes about 10 KB of JSON per frame, thousands of
//! frames a second, and through serde most of that time went to its
//! byte-by-byte string escaping, the hex of the frame built as a String
//! first, and the generic `io::Write` plumbing per key. Here a string that
//! needs no escaping (nearly all of them) is found so by a check over
//! 16-byte blocks and copied in one go, the frame's hex goes straight into
//! the output, and keys are constant bytes.
//!
//! One source of truth: this writer reads the very document types serde
//! writes (`frame.rs`, `lines.rs`: the schema of docs/json.md, checked by
//! tests/jsonown_documented_keys.rs), so which values appear and what they
//! are called comes from one place; only the key spelling and order are
//! written twice, and tests/jsonfast_same_output.rs compares this writer
//! with serde_json's output (`super::render_decoded_reference`) byte for
//! byte on every protocol, malformed and cut-short frames, odd strings and
//! both languages. What is subtle is left to serde_json itself: a string
//! with a character to escape, and the timestamp (a float), are written by
//! it, so escaping and float formatting cannot differ.

use std::io;

use super::frame::{
    CheckDoc, CutShortDoc, Each, FieldDoc, FoldDoc, Hex, LayerDoc, MalformedDoc, OriginDoc,
    SpanDoc, TermDoc, ValueDoc, VerdictDoc,
};
use super::lines::{DecodedDoc, LinkDoc};

/// A document this module can write.
pub(super) trait Fast {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()>;
}

/// One decoded frame as one line.
pub(super) fn decoded(doc: &DecodedDoc<'_>, out: &mut Vec<u8>) -> io::Result<()> {
    doc.fast(out)?;
    out.push(b'\n');
    Ok(())
}

/// Whether serde_json would escape a byte of `bytes`: a control character
/// (below 0x20), `"` or `\`. Whole 16-byte blocks are tested without early
/// exit, which the compiler turns into vector compares.
#[inline]
fn needs_escape(bytes: &[u8]) -> bool {
    let bad = |c: u8| (c < 0x20) | (c == b'"') | (c == b'\\');
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &c| any | bad(c)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&c| bad(c))
}

/// A JSON string.
#[inline]
fn string(out: &mut Vec<u8>, text: &str) -> io::Result<()> {
    if needs_escape(text.as_bytes()) {
        // Rare (a payload's text, a user's string): serde_json's own escaping.
        return serde_json::to_writer(&mut *out, text).map_err(io::Error::from);
    }
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
    Ok(())
}

/// An unsigned number in decimal, as serde_json (itoa) writes it.
#[inline]
fn number(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// `usize` as `u64`: lossless on every target Rust supports here.
#[inline]
fn size(out: &mut Vec<u8>, n: usize) {
    number(out, n as u64);
}

/// Bytes as a quoted lowercase hex string, written straight into `out`.
fn hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.reserve(bytes.len() * 2 + 2);
    out.push(b'"');
    for &b in bytes {
        out.extend_from_slice(&[DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0x0f)]]);
    }
    out.push(b'"');
}

/// A JSON array of `items`, each written as its document `D`.
impl<'a, T, D: From<&'a T> + Fast> Fast for Each<'a, T, D> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.push(b'[');
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            D::from(item).fast(out)?;
        }
        out.push(b']');
        Ok(())
    }
}

impl Fast for DecodedDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"schema\":");
        string(out, self.schema)?;
        out.extend_from_slice(b",\"number\":");
        size(out, self.number);
        if let Some(seconds) = self.timestamp {
            out.extend_from_slice(b",\"timestamp\":");
            serde_json::to_writer(&mut *out, &seconds)?;
        }
        out.extend_from_slice(b",\"link\":");
        self.link.fast(out)?;
        out.extend_from_slice(b",\"frame\":");
        self.frame.fast(out)?;
        out.extend_from_slice(b",\"frame_length\":");
        size(out, self.frame_length);
        out.extend_from_slice(b",\"original_length\":");
        size(out, self.original_length);
        out.extend_from_slice(b",\"layers\":");
        self.layers.fast(out)?;
        if let Some(malformed) = &self.malformed {
            out.extend_from_slice(b",\"malformed\":");
            malformed.fast(out)?;
        }
        if let Some(cut) = &self.cut_short {
            out.extend_from_slice(b",\"cut_short\":");
            cut.fast(out)?;
        }
        out.push(b'}');
        Ok(())
    }
}

impl Fast for LinkDoc {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        match self {
            LinkDoc::Ethernet => out.extend_from_slice(b"\"ethernet\""),
            LinkDoc::RawIp => out.extend_from_slice(b"\"raw-ip\""),
            LinkDoc::LinuxSll => out.extend_from_slice(b"\"linux-sll\""),
            LinkDoc::Other(n) => {
                out.extend_from_slice(b"{\"other\":");
                number(out, u64::from(*n));
                out.push(b'}');
            }
        }
        Ok(())
    }
}

impl Fast for Hex<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        hex(out, self.0);
        Ok(())
    }
}

impl Fast for LayerDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"layer\":");
        string(out, self.layer)?;
        out.extend_from_slice(b",\"protocol\":");
        string(out, self.protocol)?;
        out.extend_from_slice(b",\"pdu\":");
        string(out, self.pdu)?;
        out.extend_from_slice(b",\"header\":");
        self.header.fast(out)?;
        if !self.trailer.is_empty() {
            out.extend_from_slice(b",\"trailer\":");
            self.trailer.fast(out)?;
        }
        out.extend_from_slice(b",\"pdu_length\":");
        size(out, self.pdu_length);
        out.extend_from_slice(b",\"fields\":");
        self.fields.fast(out)?;
        if !self.checks.is_empty() {
            out.extend_from_slice(b",\"checks\":");
            self.checks.fast(out)?;
        }
        if !self.notes.is_empty() {
            out.extend_from_slice(b",\"notes\":[");
            for (i, note) in self.notes.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                string(out, note)?;
            }
            out.push(b']');
        }
        out.push(b'}');
        Ok(())
    }
}

impl Fast for SpanDoc<usize> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"offset\":");
        size(out, self.offset);
        out.extend_from_slice(b",\"length\":");
        size(out, self.length);
        out.push(b'}');
        Ok(())
    }
}

impl Fast for SpanDoc<u8> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"offset\":");
        number(out, u64::from(self.offset));
        out.extend_from_slice(b",\"length\":");
        number(out, u64::from(self.length));
        out.push(b'}');
        Ok(())
    }
}

impl Fast for FieldDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"id\":");
        string(out, self.id)?;
        out.extend_from_slice(b",\"name\":");
        string(out, self.name)?;
        out.extend_from_slice(b",\"offset\":");
        match self.offset {
            Some(offset) => size(out, offset),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"length\":");
        size(out, self.length);
        if let Some(bits) = &self.bits {
            out.extend_from_slice(b",\"bits\":");
            bits.fast(out)?;
        }
        out.extend_from_slice(b",\"value\":");
        match self.value {
            ValueDoc::Number(n) => number(out, n),
            ValueDoc::Text(text) => string(out, text)?,
        }
        out.extend_from_slice(b",\"hex\":");
        string(out, self.hex)?;
        out.extend_from_slice(b",\"meaning\":");
        string(out, self.meaning)?;
        if let Some(origin) = &self.origin {
            out.extend_from_slice(b",\"origin\":");
            origin.fast(out)?;
        }
        out.push(b'}');
        Ok(())
    }
}

impl Fast for OriginDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"kind\":");
        string(out, self.kind)?;
        out.extend_from_slice(b",\"source\":");
        string(out, self.source)?;
        out.push(b'}');
        Ok(())
    }
}

impl Fast for CheckDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"field\":");
        string(out, self.field)?;
        out.extend_from_slice(b",\"algorithm\":");
        string(out, self.algorithm)?;
        out.extend_from_slice(b",\"covers\":");
        string(out, self.covers)?;
        if !self.pseudo_header.is_empty() {
            out.extend_from_slice(b",\"pseudo_header\":");
            self.pseudo_header.fast(out)?;
        }
        if !self.terms.is_empty() {
            out.extend_from_slice(b",\"terms\":");
            self.terms.fast(out)?;
        }
        if let Some(sum) = self.sum {
            out.extend_from_slice(b",\"sum\":");
            number(out, u64::from(sum));
        }
        if !self.folds.is_empty() {
            out.extend_from_slice(b",\"folds\":");
            self.folds.fast(out)?;
        }
        out.extend_from_slice(b",\"computed\":");
        number(out, u64::from(self.computed));
        out.extend_from_slice(b",\"stored\":");
        number(out, u64::from(self.stored));
        out.extend_from_slice(b",\"verdict\":");
        self.verdict.fast(out)?;
        out.push(b'}');
        Ok(())
    }
}

impl Fast for TermDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"label\":");
        string(out, self.label)?;
        out.extend_from_slice(b",\"words\":");
        string(out, self.words)?;
        out.extend_from_slice(b",\"sum\":");
        number(out, u64::from(self.sum));
        out.push(b'}');
        Ok(())
    }
}

impl Fast for FoldDoc {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"before\":");
        number(out, u64::from(self.before));
        out.extend_from_slice(b",\"after\":");
        number(out, u64::from(self.after));
        out.push(b'}');
        Ok(())
    }
}

impl Fast for VerdictDoc {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"status\":");
        string(out, self.status)?;
        if let Some(expected) = self.expected {
            out.extend_from_slice(b",\"expected\":");
            number(out, u64::from(expected));
        }
        out.push(b'}');
        Ok(())
    }
}

impl Fast for MalformedDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"protocol\":");
        string(out, self.protocol)?;
        out.extend_from_slice(b",\"offset\":");
        size(out, self.offset);
        out.extend_from_slice(b",\"kind\":");
        string(out, self.kind)?;
        out.extend_from_slice(b",\"message\":");
        string(out, self.message)?;
        out.push(b'}');
        Ok(())
    }
}

impl Fast for CutShortDoc<'_> {
    fn fast(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"{\"captured\":");
        size(out, self.captured);
        out.extend_from_slice(b",\"original\":");
        size(out, self.original);
        if let Some(ran_out) = &self.ran_out {
            out.extend_from_slice(b",\"ran_out\":");
            ran_out.fast(out)?;
        }
        out.push(b'}');
        Ok(())
    }
}
