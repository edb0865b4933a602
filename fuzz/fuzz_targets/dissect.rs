//! Arbitrary bytes into the one dissector (every link type and FCS mode) and
//! every renderer that draws a dissection: nothing may panic, and every
//! field must lie inside the frame; in English and in Chinese.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stackviz::decode::{dissect, DecodedFrame, Link, RawFrame};
use stackviz::dissect::Fcs;
use stackviz::i18n::Lang;
use stackviz::render::{diagram, hex, html, json, layers, RenderOptions};
use stackviz::session::decode_trace::decoded_event;

fuzz_target!(|data: &[u8]| {
    // Both languages: the Chinese sentences and the table's break hints
    // are drawn from the same bytes.
    let lang = if data.last().is_some_and(|b| b & 1 == 1) { Lang::Zh } else { Lang::En };
    stackviz::i18n::set_language(lang);
    let options = RenderOptions { color: true, width: 80, rfc: true };
    for (link, fcs) in [
        (Link::Ethernet, Fcs::Detect),
        (Link::Ethernet, Fcs::Present),
        (Link::Ethernet, Fcs::Absent),
        (Link::RawIp, Fcs::Absent),
        (Link::LinuxSll, Fcs::Absent),
    ] {
        let raw = RawFrame { number: 1, timestamp: None, data, original_length: data.len(), link, fcs, comment: None };
        let d = dissect(&raw);
        for layer in &d.layers {
            for field in &layer.fields {
                if let Some(offset) = field.offset {
                    assert!(offset + field.length <= data.len(), "{} out of the frame", field.id);
                }
            }
        }
        let mut out = Vec::new();
        let _ = hex::render(data, &d, &mut out, &options);
        let _ = layers::layers_outermost_first(&d, data, &mut out, &options);
        let _ = diagram::encapsulation(&d, &mut out, &options);
        for layer in &d.layers {
            let _ = diagram::header(layer, &mut out, &options);
        }
        let page = html::HtmlPage {
            title: String::new(),
            calls: &[],
            frames: vec![html::HtmlFrame {
                title: String::new(),
                bytes: data,
                dissection: &d,
                anchor: Some("segment-1".into()),
                comparison: None,
            }],
            comparison: None,
            notes: Vec::new(),
            // Both ways a page draws a frame: down the sender's stack, and
            // as it arrived.
            encapsulation: data.len() % 2 == 0,
            prelude: Vec::new(),
        };
        let _ = html::write(&page, &mut out);
        // decode's JSON line of the same dissection: one valid document.
        let mut line = Vec::new();
        let decoded = DecodedFrame { raw, dissection: d };
        json::render_decoded(&decoded_event(&decoded), &mut line)
            .expect("writing into a Vec cannot fail");
        serde_json::from_slice::<serde_json::Value>(&line).expect("one JSON document");
    }
});
