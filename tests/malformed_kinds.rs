//! A malformed layer says what went wrong as data (`malformed.kind` in the
//! JSON), beside the sentence: programs branch on the kind, never on the
//! text, which follows --lang.

mod common;

use common::{json_lines, stackviz};

/// The `malformed` object of the one frame `hex` decodes to (raw IP).
fn malformed(hex: &str, lang: &str) -> serde_json::Value {
    let out = stackviz()
        .args([
            "--lang", lang, "decode", "--link", "raw-ip", "--format", "json",
        ])
        .arg(hex)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a malformed frame exits 1");
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 1);
    docs[0]["malformed"].clone()
}

#[test]
fn each_kind_of_damage_has_its_name() {
    let cases = [
        // 45 00 00 1c ...: a 20-byte IPv4 header cut after 10 bytes.
        ("4500001c000040004011", "IPv4", "too_short"),
        // Version 5 where IPv4 (raw IP: first nibble) should be.
        (
            "5500001c0000400040110000 7f000001 7f000001",
            "IP",
            "bad_version",
        ),
        // IHL 4: a header shorter than its 20-byte minimum.
        (
            "4400001c0000400040110000 7f000001 7f000001",
            "IPv4",
            "bad_length",
        ),
        // UDP length 4, below its own 8-byte header (IPv4 checksum 0x7cd3).
        (
            "4500001c00004000401100007f0000017f000001 a43c 3a99 0004 0000",
            "UDP",
            "bad_length",
        ),
    ];
    for (hex, protocol, kind) in cases {
        let m = malformed(hex, "en");
        assert_eq!(m["protocol"], protocol, "{hex}: {m}");
        assert_eq!(m["kind"], kind, "{hex}: {m}");
        // The kind does not follow the language; the sentence does.
        let zh = malformed(hex, "zh");
        assert_eq!(zh["kind"], kind, "{hex}: {zh}");
        assert_ne!(zh["message"], m["message"], "{hex}");
    }
}

#[test]
fn a_tcp_option_that_runs_past_the_header_is_bad_option() {
    // IPv4 + a 24-byte TCP header (data offset 6) whose options are
    // 02 08 ...: an MSS option claiming 8 bytes in the 4 that are left.
    let hex = "4500002c000040004006 0000 0a000001 0a000002 \
               3039 0050 00000001 00000000 6002 ffff 0000 0000 0208 05b4";
    let m = malformed(hex, "en");
    assert_eq!(m["protocol"], "TCP", "{m}");
    assert_eq!(m["kind"], "bad_option", "{m}");
}
