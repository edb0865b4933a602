//! Every way to give `send` its payload reaches the wire byte for byte:
//! text, --hex, --file, --file - and "-" (standard input).

use assert_cmd::Command;
use serde_json::Value;

fn sent_data(args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut cmd = Command::cargo_bin("stackviz").unwrap();
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
