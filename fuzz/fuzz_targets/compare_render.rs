//! Two arbitrary frames, one taken as built and one as captured, compared
//! field by field and rendered as the comparison table: no panic, every
//! row's verdict rendered, in English and in Chinese.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stackviz::compare::{compare, CaptureContext};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::i18n::Lang;
use stackviz::render::{compare as compare_render, RenderOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else {
        return;
    };
    let lang = if control & 1 == 1 { Lang::Zh } else { Lang::En };
    stackviz::i18n::set_language(lang);
    // The first frame's length comes from the input, the rest is the second.
    let split = (usize::from(control >> 2) * 4).min(bytes.len());
    let (built, captured) = bytes.split_at(split);
    let built = dissect_ethernet(built, Fcs::Detect);
    let captured = dissect_ethernet(captured, Fcs::Detect);
    let context = CaptureContext { loopback: control & 2 == 2 };
    let comparison = compare(&built, &captured, context);
    for options in [
        RenderOptions::default(),
        RenderOptions { color: true, width: 40, rfc: false },
    ] {
        let mut out = Vec::new();
        let _ = compare_render::render(&comparison, &mut out, &options);
    }
    let _ = compare_render::summary(&comparison);
});
