//! Every way to give `send` its payload reaches the wire byte for byte:
//! text, --hex, --file, --file - and "-" (standard input).

use assert_cmd::Command;
use serde_json::Value;

fn sent_data(args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut cmd = Command::cargo_bin("stackviz").unwrap();
    cmd.env("LC_ALL", "C.UTF-8");
    cmd.args([
        "send",
        "--port",
        "0",
        "--capture",
        "off",
        "--format",
        "json",
    ])
    .args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["exchange"]["received"]["data"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn text_hex_file_and_stdin_payloads() {
    assert_eq!(sent_data(&["any text"], None), "616e792074657874");
    assert_eq!(sent_data(&["--hex", "48656c6c6f"], None), "48656c6c6f");
    assert_eq!(sent_data(&["--hex", "0x00 ff:10"], None), "00ff10");
    let path = std::env::temp_dir().join(format!("stackviz-payload-{}", std::process::id()));
    std::fs::write(&path, [0u8, 1, 2, 255]).unwrap();
    assert_eq!(
        sent_data(&["--file", path.to_str().unwrap()], None),
        "000102ff"
    );
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        sent_data(&["--file", "-"], Some(b"from stdin")),
        "66726f6d20737464696e"
    );
    assert_eq!(sent_data(&["-"], Some(b"\x01\x02")), "0102");
    // No message: the classic "Hello!!".
    assert_eq!(sent_data(&[], None), "48656c6c6f2121");
}

#[test]
fn compare_families_sends_over_both_and_counts_the_bytes() {
    let out = Command::cargo_bin("stackviz")
        .unwrap()
        .env("LC_ALL", "C.UTF-8")
        .args([
            "send",
            "--compare-families",
            "--port",
            "0",
            "--capture",
            "off",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "stackviz.families/1");
    assert_eq!(doc["ipv4"]["frame_length"], 64);
    assert_eq!(doc["ipv6"]["frame_length"], 73);
    let network = |d: &Value| {
        d["encapsulation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["layer"] == "network")
            .unwrap()["added"]
            .clone()
    };
    assert_eq!(network(&doc["ipv4"]), 20);
    assert_eq!(network(&doc["ipv6"]), 40);
    let table = Command::cargo_bin("stackviz")
        .unwrap()
        .env("LC_ALL", "C.UTF-8")
        .args([
            "send",
            "--compare-families",
            "--port",
            "0",
            "--capture",
            "off",
            "--color",
            "never",
            "--width",
            "100",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains("frame: 64 bytes over IPv4, 73 over IPv6 (+9 bytes)"),
        "{text}"
    );
}
