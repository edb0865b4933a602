//! The physical layer of 802.3 Ethernet: what goes around a frame on the wire
//! (preamble, start frame delimiter, inter-frame gap) and how long it takes.
//! Nothing here is in the frame's bytes; all of it follows from the standard.

use super::fields::Meaning;
use crate::field_id;
use crate::model::{hex_text, Field, Layer, LayerKind, Origin, Pdu, Span, Value};
use crate::t;

pub const PREAMBLE: [u8; 7] = [0x55; 7];
pub const SFD: u8 = 0xd5;
pub const INTER_FRAME_GAP: usize = 12;

/// Bits on the wire for a frame of `frame_len` bytes (FCS included): preamble,
/// SFD and frame. The gap is idle line, counted separately.
pub fn wire_bits(frame_len: usize) -> usize {
    (PREAMBLE.len() + 1 + frame_len) * 8
}

/// Time in nanoseconds for `bits` at `rate` bits per second.
pub fn nanoseconds(bits: usize, rate: u64) -> f64 {
    bits as f64 * 1e9 / rate as f64
}

fn wire_field(
    id: &'static str,
    name: &'static str,
    bytes: &[u8],
    length: usize,
    value: Value,
    meaning: String,
) -> Field {
    Field {
        id,
        name,
        offset: None,
        length,
        bits: None,
        value,
        hex: hex_text(bytes),
        meaning: meaning.into_meaning(),
        origin: Some(Origin::protocol("IEEE 802.3")),
    }
}

/// The physical layer around a frame of `frame_len` bytes (FCS included).
pub fn layer(frame_len: usize) -> Layer {
    let bits = wire_bits(frame_len);
    let with_gap = bits + INTER_FRAME_GAP * 8;
    let fields = vec![
        wire_field(
            "phy.preamble",
            "Preamble",
            &PREAMBLE,
            7,
            Value::Text("7 × 0x55".into()),
            t!("10101010 … lets the receiver's clock lock on (sent least significant bit first)")
                .into(),
        ),
        wire_field(
            field_id::PHY_SFD,
            "Start Frame Delimiter",
            &[SFD],
            1,
            Value::Number(u64::from(SFD)),
            t!("10101011 on the wire: the frame starts with the next bit").into(),
        ),
        wire_field(
            "phy.frame",
            t!("Frame"),
            &[],
            frame_len,
            Value::Number(frame_len as u64),
            t!("the {frame_len}-byte frame, FCS included", frame_len),
        ),
        wire_field(
            "phy.gap",
            "Inter-frame gap",
            &[],
            INTER_FRAME_GAP,
            Value::Number(INTER_FRAME_GAP as u64 * 8),
            t!("96 bit times of idle line before the next frame may start").into(),
        ),
        wire_field(
            "phy.bits",
            t!("Bits on the wire"),
            &[],
            0,
            Value::Number(bits as u64),
            t!(
                "(7 + 1 + {frame_len}) × 8 = {bits} bits; {with_gap} bit times with the gap",
                frame_len,
                bits,
                with_gap
            ),
        ),
        wire_field(
            "phy.time_100m",
            t!("Time at 100 Mb/s"),
            &[],
            0,
            Value::Text(format_ns(nanoseconds(bits, 100_000_000))),
            t!(
                "{bits} bits × 10 ns; {time} with the gap",
                bits,
                time = format_ns(nanoseconds(with_gap, 100_000_000))
            ),
        ),
        wire_field(
            "phy.time_1g",
            t!("Time at 1 Gb/s"),
            &[],
            0,
            Value::Text(format_ns(nanoseconds(bits, 1_000_000_000))),
            t!(
                "{bits} bits × 1 ns; {time} with the gap",
                bits,
                time = format_ns(nanoseconds(with_gap, 1_000_000_000))
            ),
        ),
    ];
    Layer {
        layer: LayerKind::Physical,
        protocol: "Ethernet (IEEE 802.3)",
        pdu: Pdu::Bits,
        header: Span {
            offset: 0,
            length: 0,
        },
        trailer: Vec::new(),
        pdu_length: PREAMBLE.len() + 1 + frame_len,
        fields,
        checks: Vec::new(),
        notes: vec![t!(
            "the frame travels as {bits} bits after a 7-byte preamble and the SFD",
            bits
        )],
    }
}

/// Nanoseconds, or microseconds when large, with a unit.
pub fn format_ns(ns: f64) -> String {
    if ns >= 10_000.0 {
        format!("{:.2} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}
