//! Arbitrary text into the hex and hex-dump parser: errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = stackviz::input::parse_frames_text(text);
        let _ = stackviz::input::parse_hex(text);
    }
});
