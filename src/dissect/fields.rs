//! Small constructors for `Field`s that read the bytes once, so each protocol
//! file only says where a field sits and what it means.

use compact_str::CompactString;

use crate::model::{hex_text, BitSpan, Field, Value};

// How payload bytes read as text lives below every room that shows it
// (the dissector, the socket records in net/, the renderers).
pub use crate::text::{escape_text, text_kind, text_prefix, TextKind};

/// A field's meaning: a sentence, or a function that makes one, for a
/// sentence that costs something to make (text built from the value, a
/// table lookup) and is only made when it will be read
/// (`detail::without_sentences`).
pub trait Meaning {
    fn into_meaning(self) -> CompactString;
}

/// A made sentence keeps its buffer (not copied inline and freed).
impl Meaning for String {
    fn into_meaning(self) -> CompactString {
        CompactString::from_string_buffer(self)
    }
}

/// A sentence remembered for its values (`t!("...", @meaning, ...)`) is
/// already what a field holds.
impl Meaning for CompactString {
    fn into_meaning(self) -> CompactString {
        self
    }
}

/// A fixed sentence (a catalogue's) is borrowed, never copied.
impl Meaning for &'static str {
    fn into_meaning(self) -> CompactString {
        CompactString::const_new(self)
    }
}

impl<F: FnOnce() -> String> Meaning for F {
    fn into_meaning(self) -> CompactString {
        CompactString::from_string_buffer(self())
    }
}

/// Reads fields out of one frame.
pub struct FieldReader<'a> {
    pub frame: &'a [u8],
}

impl<'a> FieldReader<'a> {
    pub fn new(frame: &'a [u8]) -> Self {
        FieldReader { frame }
    }

    /// Big-endian unsigned integer of `length` (1 to 8) bytes at `offset`.
    #[inline]
    pub fn uint(&self, offset: usize, length: usize) -> u64 {
        self.frame[offset..offset + length]
            .iter()
            .fold(0u64, |acc, b| acc << 8 | u64::from(*b))
    }

    /// The hex of a field's bytes; none where nobody reads it
    /// (`detail::without_sentences`).
    #[inline]
    fn hex(&self, offset: usize, length: usize) -> CompactString {
        if crate::detail::full() {
            hex_text(&self.frame[offset..offset + length])
        } else {
            CompactString::const_new("")
        }
    }

    /// A field's meaning; none where nobody reads it, not even a copy of a
    /// fixed sentence.
    #[inline]
    fn meaning(meaning: impl Meaning) -> CompactString {
        if crate::detail::full() {
            meaning.into_meaning()
        } else {
            CompactString::const_new("")
        }
    }

    /// A whole-byte field.
    #[inline]
    pub fn bytes(
        &self,
        id: &'static str,
        name: &'static str,
        offset: usize,
        length: usize,
        value: Value,
        meaning: impl Meaning,
    ) -> Field {
        Field {
            id,
            name,
            offset: Some(offset),
            length,
            bits: None,
            value,
            hex: self.hex(offset, length),
            meaning: Self::meaning(meaning),
            origin: None,
        }
    }

    /// A whole-byte unsigned number field.
    #[inline]
    pub fn number(
        &self,
        id: &'static str,
        name: &'static str,
        offset: usize,
        length: usize,
        meaning: impl Meaning,
    ) -> Field {
        let value = Value::Number(self.uint(offset, length));
        self.bytes(id, name, offset, length, value, meaning)
    }

    /// A field of `bit_length` bits starting `bit_offset` bits into the
    /// `length` bytes at `offset` (bits counted from the most significant).
    #[inline]
    pub fn bits(
        &self,
        id: &'static str,
        name: &'static str,
        (offset, length): (usize, usize),
        (bit_offset, bit_length): (u8, u8),
        meaning: impl Meaning,
    ) -> Field {
        let word = self.uint(offset, length);
        let shift = (length as u32 * 8) - u32::from(bit_offset) - u32::from(bit_length);
        let mask = (1u64 << bit_length) - 1;
        let pattern = (word >> shift & mask) as u32;
        Field {
            id,
            name,
            offset: Some(offset),
            length,
            bits: Some(BitSpan {
                offset: bit_offset,
                length: bit_length,
                pattern,
            }),
            value: Value::Number(u64::from(pattern)),
            hex: self.hex(offset, length),
            meaning: Self::meaning(meaning),
            origin: None,
        }
    }
}
