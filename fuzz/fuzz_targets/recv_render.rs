//! Arbitrary bytes as a datagram that arrived (any length, any buffer, cut
//! or not) in an arbitrary captured frame, through recv's text renderer and
//! its JSON: no panic, in English and in Chinese.
#![no_main]

use std::net::SocketAddr;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::i18n::Lang;
use stackviz::net::receiver::Datagram;
use stackviz::recv::{DatagramReport, Ended, RecvSummary};
use stackviz::render::{json, recv_text, RenderOptions};
use stackviz::capturing::CapturedDissection;
use stackviz::session::recv_trace::received_event;

fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else {
        return;
    };
    let lang = if control & 1 == 1 { Lang::Zh } else { Lang::En };
    stackviz::i18n::set_language(lang);
    // The buffer cuts the payload somewhere (or nowhere).
    let cut = usize::from(control >> 1).min(bytes.len());
    let truncated = cut < bytes.len();
    let datagram = Datagram {
        calls: Vec::new(),
        data: bytes[..cut].to_vec(),
        length: bytes.len(),
        lost: bytes[cut..].to_vec(),
        buffer: cut.max(1),
        from: SocketAddr::from(([127, 0, 0, 1], 40000)),
        truncated,
    };
    let frame = (control & 2 == 2).then(|| CapturedDissection {
        bytes: bytes.to_vec(),
        dissection: dissect_ethernet(bytes, Fcs::Detect),
        read_at: Duration::from_millis(1),
    });
    let report = DatagramReport {
        number: 1,
        datagram,
        frame,
        delivered_to: SocketAddr::from(([127, 0, 0, 1], 15001)),
    };
    // The views draw the datagram as recv hands it to them: an event.
    let event = received_event(&report);
    let summary = RecvSummary {
        bound: SocketAddr::from(([127, 0, 0, 1], 15001)),
        datagrams: 1,
        truncated: usize::from(truncated),
        bytes: bytes.len(),
        ended: [Ended::Count, Ended::Timeout, Ended::Interrupted][usize::from(control % 3)],
        seconds: 0.5,
        capture_note: None,
        dropped_before_recvfrom: usize::from(control >> 4),
        dropped_by_kernel: (control & 8 != 0).then_some(u64::from(control)),
        receive_buffer: Some(212_992),
        datagrams_per_second: (control & 4 != 0).then_some(1000.0),
        unread_at_end: usize::from(control & 3),
    };
    for options in [
        RenderOptions::default(),
        RenderOptions { color: true, width: 40, rfc: true },
    ] {
        let mut out = Vec::new();
        let _ = recv_text::datagram(&event, &mut out, &options);
        let _ = recv_text::summary(&summary, &mut out, &options);
    }
    // Each JSON line is one valid JSON document.
    let mut line = Vec::new();
    json::render_recv_datagram(&event, &mut line).expect("writing into a Vec cannot fail");
    serde_json::from_slice::<serde_json::Value>(&line).expect("one JSON document");
    line.clear();
    json::render_recv_summary(&summary, &mut line).expect("writing into a Vec cannot fail");
    serde_json::from_slice::<serde_json::Value>(&line).expect("one JSON document");
});
