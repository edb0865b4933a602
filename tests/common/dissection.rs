//! Reading a dissection in tests: fields by id, their places, checks,
//! malformed reports, notes, and the "nothing outside the frame" invariant.
#![allow(dead_code)]

use stackviz::model::{Check, Dissection, Field, Value};

pub fn field<'a>(d: &'a Dissection, id: &str) -> &'a Field {
    d.field(id)
        .unwrap_or_else(|| panic!("no field {id} in {:?}", protocols(d)))
}

pub fn all<'a>(d: &'a Dissection, id: &str) -> Vec<&'a Field> {
    d.layers
        .iter()
        .flat_map(|l| &l.fields)
        .filter(|f| f.id == id)
        .collect()
}

pub fn num(d: &Dissection, id: &str) -> u64 {
    match &field(d, id).value {
        Value::Number(n) => *n,
        text => panic!("{id} is text {text:?}, not a number"),
    }
}

pub fn text(d: &Dissection, id: &str) -> String {
    field(d, id).value.to_string()
}

/// Where a field sits: (offset, length).
pub fn at(d: &Dissection, id: &str) -> (usize, usize) {
    let f = field(d, id);
    (f.offset.expect("a field in the frame"), f.length)
}

/// A bit field's place: (byte offset, bytes, bit offset, bit length).
pub fn bits(d: &Dissection, id: &str) -> (usize, usize, u8, u8) {
    let f = field(d, id);
    let b = f.bits.unwrap_or_else(|| panic!("{id} is not a bit field"));
    (f.offset.unwrap(), f.length, b.offset, b.length)
}

pub fn protocols(d: &Dissection) -> Vec<&'static str> {
    d.layers.iter().map(|l| l.protocol).collect()
}

pub fn check<'a>(d: &'a Dissection, id: &str) -> &'a Check {
    d.layers
        .iter()
        .flat_map(|l| &l.checks)
        .find(|c| c.field == id)
        .unwrap_or_else(|| panic!("no check of {id}"))
}

pub fn malformed(d: &Dissection) -> (&'static str, usize, String) {
    let m = d
        .malformed
        .as_ref()
        .unwrap_or_else(|| panic!("no malformed report; layers {:?}", protocols(d)));
    (m.protocol, m.offset, m.message.clone())
}

pub fn notes(d: &Dissection) -> Vec<String> {
    d.layers.iter().flat_map(|l| l.notes.clone()).collect()
}

/// Nothing the dissection names lies outside the `len` bytes it was given,
/// and every field's hex is its bytes.
pub fn assert_inside(d: &Dissection, bytes: &[u8], what: &str) {
    let len = bytes.len();
    assert_eq!(d.frame_length, len, "{what}");
    for layer in &d.layers {
        for f in &layer.fields {
            if let Some(o) = f.offset {
                assert!(
                    o + f.length <= len,
                    "{what}: {} at {o}+{} is outside the {len} bytes",
                    f.id,
                    f.length
                );
                let hex: String = bytes[o..o + f.length]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                assert_eq!(f.hex, hex, "{what}: {}", f.id);
            }
            if let Some(b) = f.bits {
                assert!(
                    usize::from(b.offset) + usize::from(b.length) <= f.length * 8,
                    "{what}: {} bits",
                    f.id
                );
            }
        }
        for span in std::iter::once(&layer.header).chain(&layer.trailer) {
            assert!(
                span.end() <= len,
                "{what}: {} span {span:?} is outside the {len} bytes",
                layer.protocol
            );
        }
    }
    if let Some(m) = &d.malformed {
        assert!(m.offset <= len, "{what}: malformed at {}", m.offset);
        assert!(!m.message.is_empty());
    }
}
