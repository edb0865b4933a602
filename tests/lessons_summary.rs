//! `decode --summary` tells apart the frames of stackviz's own pcapng (the
//! frame it built and the one it captured): each line shows the frame's
//! size and its pcapng comment, and a frame the capture cut short says so
//! with both lengths.

use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;

fn stackviz() -> Command {
    let mut cmd = Command::cargo_bin("stackviz").expect("binary built");
    cmd.timeout(Duration::from_secs(30))
        .env("LC_ALL", "C.UTF-8")
        .env_remove("LANG")
        .args(["--color", "never", "--width", "100"]);
    cmd
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("svz-lessons-{}-{name}", std::process::id()))
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
    })
}

#[test]
fn own_pcapng_lines_show_size_and_comment() {
    if !is_root() {
        assert!(std::env::var_os("CI").is_none(), "needs root to capture");
        eprintln!("skipping own_pcapng_lines_show_size_and_comment: needs root to capture");
        return;
    }
    let path = temp("own.pcapng");
    let _ = std::fs::remove_file(&path);
    let path_text = path.to_str().expect("utf-8 path");
    let out = stackviz()
        .args(["send", "--port", "0", "--pcap", path_text])
        .output()
        .expect("send runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = stackviz()
        .args(["decode", path_text, "--summary"])
        .output()
        .expect("decode runs");
    let _ = std::fs::remove_file(&path);
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

/// A classic pcap (Ethernet) with one record of `data`, said to have been
/// `original` bytes long on the wire.
fn pcap_with(data: &[u8], original: u32) -> Vec<u8> {
    let mut file = Vec::new();
    file.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    file.extend_from_slice(&2u16.to_le_bytes());
    file.extend_from_slice(&4u16.to_le_bytes());
    file.extend_from_slice(&0i32.to_le_bytes());
    file.extend_from_slice(&0u32.to_le_bytes());
    file.extend_from_slice(&65_535u32.to_le_bytes());
    file.extend_from_slice(&1u32.to_le_bytes()); // LINKTYPE_ETHERNET
    file.extend_from_slice(&1u32.to_le_bytes()); // seconds
    file.extend_from_slice(&0u32.to_le_bytes()); // microseconds
    file.extend_from_slice(&(data.len() as u32).to_le_bytes());
    file.extend_from_slice(&original.to_le_bytes());
    file.extend_from_slice(data);
    file
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
    let path = temp("cut.pcap");
    std::fs::write(&path, pcap_with(&frame, 1042)).expect("write pcap");
    let out = stackviz()
        .args(["decode", path.to_str().expect("utf-8"), "--summary"])
        .output()
        .expect("decode runs");
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.contains(", frame cut short by the capture at 42 of 1042 bytes"),
        "{text}"
    );
}
