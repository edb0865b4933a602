//! The fast table writer changes no byte: `stackviz decode` of a varied
//! capture (every protocol the dissector knows, bad checksums, malformed and
//! cut-short frames, three link types) prints exactly what it prints with
//! the tables drawn by comfy-table itself (`STACKVIZ_SLOW_REFERENCE=1`), in
//! both languages, at widths 60, 100 and 160, with colour on and off.

mod common;

use common::varied;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

fn write_pcap(path: &Path, link: u32, frames: &[(Vec<u8>, usize)]) {
    let mut f = std::fs::File::create(path).unwrap();
    let mut header = vec![];
    header.extend_from_slice(&0xa1b2c3d4u32.to_le_bytes());
    header.extend_from_slice(&2u16.to_le_bytes());
    header.extend_from_slice(&4u16.to_le_bytes());
    header.extend_from_slice(&[0; 8]);
    header.extend_from_slice(&65535u32.to_le_bytes());
    header.extend_from_slice(&link.to_le_bytes());
    f.write_all(&header).unwrap();
    for (i, (frame, original)) in frames.iter().enumerate() {
        let original = if *original == 0 {
            frame.len()
        } else {
            *original
        };
        for v in [
            1_700_000_000 + i as u32,
            0,
            frame.len() as u32,
            original as u32,
        ] {
            f.write_all(&v.to_le_bytes()).unwrap();
        }
        f.write_all(frame).unwrap();
    }
}

fn decode(path: &Path, args: &[&str], reference: bool) -> (Vec<u8>, Option<i32>) {
    let mut cmd = Command::cargo_bin("stackviz").unwrap();
    cmd.arg("decode").arg(path).args(args);
    cmd.env_remove("STACKVIZ_SLOW_REFERENCE");
    if reference {
        cmd.env("STACKVIZ_SLOW_REFERENCE", "1");
    }
    let out = cmd.timeout(Duration::from_secs(60)).output().unwrap();
    (out.stdout, out.status.code())
}

#[test]
fn decode_prints_the_same_bytes_as_with_comfy_table() {
    let dir = std::env::temp_dir().join(format!("svz-speed-same-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ethernet = dir.join("ethernet.pcap");
    // Written with the length the wire had (0: the frame is whole).
    let frames: Vec<(Vec<u8>, usize)> = varied::ethernet_frames()
        .into_iter()
        .map(|(f, missing)| {
            let original = if missing == 0 { 0 } else { f.len() + missing };
            (f, original)
        })
        .collect();
    write_pcap(&ethernet, 1, &frames);
    // The same IP packets without their Ethernet header (raw IP), and one
    // Linux cooked capture header in front of each.
    let ip: Vec<(Vec<u8>, usize)> = frames
        .iter()
        .filter(|(f, _)| f.len() > 14 && f[12..14] == [0x08, 0x00])
        .map(|(f, o)| (f[14..].to_vec(), o.saturating_sub(14)))
        .collect();
    let raw = dir.join("raw.pcap");
    write_pcap(&raw, 101, &ip);
    let sll = dir.join("sll.pcap");
    let cooked: Vec<(Vec<u8>, usize)> = ip
        .iter()
        .map(|(p, o)| {
            let mut f = vec![0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00];
            f.extend_from_slice(p);
            (f, if *o == 0 { 0 } else { o + 16 })
        })
        .collect();
    write_pcap(&sll, 113, &cooked);

    let mut compared = 0;
    for path in [&ethernet, &raw, &sll] {
        for lang in ["en", "zh"] {
            for width in ["60", "100", "160"] {
                for color in ["never", "always"] {
                    let mut args = vec!["--lang", lang, "--width", width, "--color", color];
                    if width == "100" {
                        args.push("--rfc");
                    }
                    let (fast, fast_code) = decode(path, &args, false);
                    let (slow, slow_code) = decode(path, &args, true);
                    assert_eq!(fast_code, slow_code, "{path:?} {args:?}");
                    let fast = String::from_utf8(fast).unwrap();
                    let slow = String::from_utf8(slow).unwrap();
                    // Tables were drawn at all (both ways), one per layer.
                    assert!(slow.matches('┌').count() >= ip.len(), "{slow}");
                    let expected: &[&str] = match lang {
                        "en" => &["MALFORMED: ", "cut short by the capture at ", "UDP", "ARP"],
                        _ => &["格式错误", "截短", "数据报"],
                    };
                    if path == &ethernet {
                        for text in expected {
                            assert!(slow.contains(text), "{args:?} lacks {text:?}");
                        }
                    }
                    if fast != slow {
                        let line = fast
                            .lines()
                            .zip(slow.lines())
                            .position(|(a, b)| a != b)
                            .unwrap_or(0);
                        panic!(
                            "{path:?} {args:?}: first difference at line {}:\nfast: {:?}\nslow: {:?}",
                            line + 1,
                            fast.lines().nth(line),
                            slow.lines().nth(line)
                        );
                    }
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, 3 * 2 * 3 * 2);
    if std::env::var_os("SVZ_SPEED_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
