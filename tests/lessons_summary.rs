//! `decode --summary` tells apart the frames of stackviz's own pcapng (the
//! frame it built and the one it captured): each line shows the frame's
//! size and its pcapng comment, and a frame the capture cut short says so
//! with both lengths.

mod common;

use common::{cut_pcap_bytes, is_root, need, TempDir, LINK_ETHERNET};

/// The binary in English, no colour, 100 columns.
fn stackviz() -> assert_cmd::Command {
    common::stackviz_at(100)
}

#[test]
fn own_pcapng_lines_show_size_and_comment() {
    if !need(
        "own_pcapng_lines_show_size_and_comment",
        is_root(),
        "needs root to capture",
    ) {
        return;
    }
    let dir = TempDir::new("lessons-own");
    let path = dir.join("own.pcapng");
    let path_text = path.to_str().expect("utf-8 path");
    common::succeeded(stackviz().args(["send", "--port", "0", "--pcap", path_text]));
    let out = stackviz()
        .args(["decode", path_text, "--summary"])
        .output()
        .expect("decode runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].ends_with(
            ", length 7, frame 64 bytes; comment: built by stackviz: what Ethernet would carry for this datagram"
        ),
        "{text}"
    );
    assert!(
        lines[1].ends_with(
            ", length 7, frame 49 bytes; comment: captured on lo: our datagram as the kernel sent it"
        ),
        "{text}"
    );
}

#[test]
fn a_frame_cut_by_the_capture_shows_both_lengths() {
    // Ethernet + IPv4 + UDP headers of a 1042-byte frame; 42 bytes kept.
    let mut frame = vec![0u8; 12];
    frame.extend_from_slice(&[0x08, 0x00]);
    frame.extend_from_slice(&[
        0x45, 0x00, 0x04, 0x04, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 127, 0, 0, 1, 127,
        0, 0, 1,
    ]);
    frame.extend_from_slice(&[0x3a, 0x98, 0x3a, 0x99, 0x03, 0xf0, 0x00, 0x00]);
    let dir = TempDir::new("lessons-cut");
    let path = dir.join("cut.pcap");
    std::fs::write(&path, cut_pcap_bytes(LINK_ETHERNET, &[(frame, 1042)])).expect("write pcap");
    let out = stackviz()
        .args(["decode", path.to_str().expect("utf-8"), "--summary"])
        .output()
        .expect("decode runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.contains(", frame cut short by the capture at 42 of 1042 bytes"),
        "{text}"
    );
}
