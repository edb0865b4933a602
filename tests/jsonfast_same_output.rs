//! `decode --format json` is written by a hand-made writer
//! (src/render/json/fast.rs); these tests hold it to the bytes serde_json
//! writes for the same document (`render_decoded_reference`): frames of
//! every protocol the dissector knows, bad checksums, malformed and
//! cut-short frames, all four link types, with and without timestamps, in
//! English and Chinese; random bytes; and hand-made dissections whose
//! strings hold every character JSON escapes and whose numbers reach
//! `u64::MAX`.

mod common;

use common::varied;

use std::time::Duration;

use proptest::prelude::*;
use stackviz::decode::{self, DecodedFrame, Link};
use stackviz::i18n::{with_language, Lang};
use stackviz::model::{
    BitSpan, Check, CheckVerdict, CutShort, Dissection, Field, FoldStep, Layer, LayerKind,
    Malformed, MalformedKind, Origin, OriginKind, Pdu, Span, SumTerm, Value,
};
use stackviz::render::json;
use stackviz::session::decode_trace::decoded_event;

/// The fast line and serde_json's line for one frame.
fn both(frame: &DecodedFrame<'_>) -> (String, String) {
    let event = decoded_event(frame);
    let mut fast = Vec::new();
    json::render_decoded(&event, &mut fast).unwrap();
    let mut reference = Vec::new();
    json::render_decoded_reference(&event, &mut reference).unwrap();
    (
        String::from_utf8(fast).unwrap(),
        String::from_utf8(reference).unwrap(),
    )
}

#[test]
fn fast_json_is_serde_json_byte_for_byte_for_every_kind_of_frame_in_both_languages() {
    let cases = varied::link_cases();
    for lang in [Lang::En, Lang::Zh] {
        let mut all = String::new();
        for (data, link, missing, at) in &cases {
            let raw = varied::raw(data, *link, *missing, *at);
            let (fast, reference) = with_language(lang, || {
                let frame = DecodedFrame {
                    dissection: decode::dissect(&raw),
                    raw,
                };
                both(&frame)
            });
            assert_eq!(fast, reference, "{lang:?} {link:?} {data:02x?}");
            all.push_str(&reference);
        }
        // The cases reached every optional part of the document (so the
        // comparison above covered them), and the text is the language's.
        let reached: &[&str] = &[
            "\"timestamp\":1700000000.000001,",
            "\"timestamp\":0.0,",
            "\"link\":\"raw-ip\"",
            "\"link\":\"linux-sll\"",
            "\"link\":{\"other\":147}",
            "\"trailer\":[",
            "\"bits\":{",
            "\"checks\":[",
            "\"pseudo_header\":[",
            "\"terms\":[",
            "\"folds\":[",
            "\"notes\":[",
            "\"expected\":",
            "\"malformed\":{",
            "\"cut_short\":{",
            "\"ran_out\":{",
            // The payload's text, escaped once as text and once for JSON.
            r#"\\x00"#,
            r#"\\\"quoted\\\""#,
        ];
        for part in reached {
            assert!(all.contains(part), "{lang:?}: no frame wrote {part}");
        }
        let words = match lang {
            Lang::En => "datagram",
            Lang::Zh => "数据报",
        };
        assert!(all.contains(words), "{lang:?}: no {words:?}");
        assert_eq!(all.lines().count(), cases.len());
    }
}

/// A field of a hand-made dissection, its strings and numbers chosen by
/// the test.
fn field(text: &str, number: u64, with_bits: bool) -> Field {
    Field {
        id: Box::leak(format!("x.{text}").into_boxed_str()),
        name: Box::leak(text.to_string().into_boxed_str()),
        offset: (number % 2 == 0).then_some(number as usize),
        length: (number >> 3) as usize,
        bits: with_bits.then_some(BitSpan {
            offset: number as u8,
            length: (number >> 8) as u8,
            pattern: 0,
        }),
        value: if number % 3 == 0 {
            Value::Text(text.chars().rev().collect())
        } else {
            Value::Number(number)
        },
        hex: text.into(),
        meaning: format!("{text}\u{7f}{text}").into(),
        origin: (number % 5 != 0).then(|| Origin {
            kind: [
                OriginKind::Observed,
                OriginKind::Predicted,
                OriginKind::Protocol,
                OriginKind::Chosen,
                OriginKind::Unknown,
            ][(number % 5) as usize],
            source: text.to_string(),
        }),
    }
}

/// A dissection whose every string is `text` (or made from it) and whose
/// numbers come from `number`: what the dissector never writes, written
/// anyway.
fn made_up(text: &str, number: u64) -> Dissection {
    let small = number as u32;
    let check = Check {
        field: Box::leak(text.to_string().into_boxed_str()),
        algorithm: "RFC 1071",
        covers: text.to_string(),
        pseudo_header: if number % 2 == 0 {
            vec![field(text, number, false)]
        } else {
            Vec::new()
        },
        terms: vec![SumTerm {
            label: text.into(),
            words: text.into(),
            sum: small,
        }],
        sum: (number % 3 != 0).then_some(small),
        folds: vec![FoldStep {
            before: small,
            after: u32::MAX,
        }],
        computed: small,
        stored: u32::MAX - small,
        verdict: [
            CheckVerdict::Correct,
            CheckVerdict::Incorrect { expected: small },
            CheckVerdict::PartialOffload,
            CheckVerdict::NotUsed,
        ][(number % 4) as usize],
    };
    let malformed = |kind| Malformed {
        protocol: "IPv4",
        offset: number as usize,
        kind,
        message: text.to_string(),
    };
    let kinds = [
        MalformedKind::TooShort,
        MalformedKind::BadLength,
        MalformedKind::BadVersion,
        MalformedKind::BadOption,
        MalformedKind::BadValue,
    ];
    Dissection {
        frame_length: number as usize,
        layers: vec![
            Layer {
                layer: LayerKind::Physical,
                protocol: "Ethernet PHY",
                pdu: Pdu::Bits,
                header: Span {
                    offset: 0,
                    length: 0,
                },
                trailer: Vec::new(),
                pdu_length: usize::MAX,
                fields: vec![field(text, number, true), field(text, number / 7, false)],
                checks: Vec::new(),
                notes: Vec::new(),
            },
            Layer {
                layer: LayerKind::Transport,
                protocol: "UDP",
                pdu: [
                    Pdu::Message,
                    Pdu::Datagram,
                    Pdu::Segment,
                    Pdu::Packet,
                    Pdu::Frame,
                ][(number % 5) as usize],
                header: Span {
                    offset: number as usize,
                    length: 8,
                },
                trailer: vec![Span {
                    offset: 1,
                    length: number as usize,
                }],
                pdu_length: 0,
                fields: vec![field(text, u64::MAX - number, number % 2 == 1)],
                checks: vec![check],
                notes: vec![text.to_string(), String::new()],
            },
        ],
        malformed: (number % 2 == 0).then(|| malformed(kinds[(number % 5) as usize])),
        cut_short: (number % 3 != 1).then(|| CutShort {
            captured: 1,
            original: number as usize,
            ran_out: (number % 2 == 1).then(|| malformed(kinds[(number / 5 % 5) as usize])),
        }),
    }
}

fn made_up_agrees(text: &str, number: u64, seconds: Option<f64>) -> (String, String) {
    let data = [0u8; 4];
    let mut raw = varied::raw(&data, Link::Ethernet, 0, None);
    raw.timestamp = seconds.map(Duration::from_secs_f64);
    both(&DecodedFrame {
        raw,
        dissection: made_up(text, number),
    })
}

#[test]
fn every_character_json_escapes_is_escaped_as_serde_json_escapes_it() {
    let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
    for text in [
        every_ascii.as_str(),
        "",
        "\"",
        "\\",
        "\\\\\"\"",
        "a\u{0}b",
        "\u{1f}\u{7f}\u{80}\u{2028}\u{2029}\u{fffd}",
        "用户数据报：“引号”\n第二行\t制表",
        // Long enough to go through the 16-byte blocks, the escape in each
        // position of a block and in the tail.
        "0123456789abcdef0123456789abcdef\"",
        "0123456789abcdef\n0123456789abcdef",
        "\t0123456789abcdef0123456789abcdef",
        "0123456789abcde\\0123456789abcdef01",
    ] {
        for number in [
            0,
            1,
            9,
            10,
            99,
            100,
            999,
            1000,
            9999,
            10_000,
            65_535,
            1 << 40,
        ] {
            let (fast, reference) = made_up_agrees(text, number, Some(0.25));
            assert_eq!(fast, reference, "{text:?} {number}");
            // serde_json reads back what it wrote: the strings survived.
            let doc: serde_json::Value = serde_json::from_str(&reference).unwrap();
            assert_eq!(doc["layers"][1]["notes"][0], text);
        }
    }
    let (fast, reference) = made_up_agrees(&every_ascii, u64::MAX, None);
    assert_eq!(fast, reference);
    assert!(reference.contains("\\u0000\\u0001"), "{reference}");
    assert!(reference.contains("\\b\\t\\n\\u000b\\f\\r"), "{reference}");
    assert!(reference.contains(&u64::MAX.to_string()), "{reference}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_frames_agree(
        data in proptest::collection::vec(any::<u8>(), 0..200),
        link in 0usize..4,
        missing in prop_oneof![Just(0usize), 1usize..2000],
        at in proptest::option::of(any::<u64>()),
    ) {
        let link = [Link::Ethernet, Link::RawIp, Link::LinuxSll, Link::Other(228)][link];
        let raw = varied::raw(&data, link, missing, at.map(Duration::from_micros));
        let frame = DecodedFrame { dissection: decode::dissect(&raw), raw };
        let (fast, reference) = both(&frame);
        prop_assert_eq!(fast, reference);
    }

    #[test]
    fn made_up_dissections_agree(
        text in any::<String>(),
        number in any::<u64>(),
        seconds in proptest::option::of(0.0f64..1e12),
    ) {
        let (fast, reference) = made_up_agrees(&text, number, seconds);
        prop_assert_eq!(fast, reference);
    }
}
