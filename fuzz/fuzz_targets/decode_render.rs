//! Arbitrary bytes as one frame of a capture (any link type, cut or whole,
//! with or without a timestamp) through decode's text renderers: the full
//! detail, the one-line summary and the closing line; no panic, in English
//! and in Chinese.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use stackviz::decode::{dissect, DecodedFrame, Link, RawFrame};
use stackviz::dissect::Fcs;
use stackviz::i18n::Lang;
use stackviz::render::{decode_text, RenderOptions};
use stackviz::session::decode_trace::decoded_event;

fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else {
        return;
    };
    let lang = if control & 1 == 1 { Lang::Zh } else { Lang::En };
    stackviz::i18n::set_language(lang);
    let (link, fcs) = match (control >> 1) % 5 {
        0 => (Link::Ethernet, Fcs::Detect),
        1 => (Link::Ethernet, Fcs::Absent),
        2 => (Link::RawIp, Fcs::Absent),
        3 => (Link::LinuxSll, Fcs::Absent),
        _ => (Link::Other(u32::from(control)), Fcs::Absent),
    };
    let raw = RawFrame {
        number: usize::from(control),
        timestamp: (control & 0x40 == 0x40)
            .then(|| Duration::from_micros(u64::from(control) << 40)),
        data: bytes,
        // A capture may be cut: the wire length can exceed what was kept.
        original_length: bytes.len() + usize::from(control & 0x80),
        link,
        fcs,
        comment: (control & 0x20 == 0x20).then_some("built by stackviz: the frame as sent"),
    };
    let decoded = DecodedFrame { dissection: dissect(&raw), raw };
    let event = decoded_event(&decoded);
    for options in [
        RenderOptions::default(),
        RenderOptions { color: true, width: 40, rfc: true },
    ] {
        let mut out = Vec::new();
        let _ = decode_text::frame(&event, &mut out, &options);
        let _ = decode_text::summary_line(&event);
        let malformed = usize::from(decoded.dissection.malformed.is_some());
        let cut_short = usize::from(decoded.dissection.cut_short.is_some());
        let _ = decode_text::closing(1, 1, malformed, cut_short, &mut out);
    }
});
