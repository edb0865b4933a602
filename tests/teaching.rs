//! The pictures and the model table: `stackviz layers`, the encapsulation
//! boxes drawn to scale, and RFC-style header diagrams with real values.

mod common;

use common::stackviz;
use stackviz::build::build_frame;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::LayerKind;
use stackviz::render::{diagram, RenderOptions};

fn hello() -> stackviz::model::Dissection {
    let spec = common::golden::default_spec();
    dissect_ethernet(&build_frame(&spec).unwrap().bytes, Fcs::Present)
}

fn options() -> RenderOptions {
    RenderOptions {
        color: false,
        width: 100,
        rfc: true,
    }
}

#[test]
fn encapsulation_rows_grow_from_message_to_frame() {
    let mut out = Vec::new();
    diagram::encapsulation(&hello(), &mut out, &options()).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("Application message     7 B"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("Transport   datagram   15 B"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("Network     packet     35 B"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("Data link   frame      64 B"),
        "{text}"
    );
    for label in [
        "[ data 7 ]",
        "UDP 8",
        "IPv4 20",
        "Eth 14",
        "pad 11",
        "FCS 4",
    ] {
        assert!(lines[3].contains(label), "{label} missing: {text}");
    }
    // Each row is the one above plus this layer's header: boxes line up.
    let data_column = lines[3].find("data 7").unwrap();
    for line in &lines[..3] {
        assert_eq!(line.find("data 7"), Some(data_column), "{text}");
    }
    assert!(!lines[2].contains("Eth"));
    // Wider boxes for more bytes: IPv4 (20) is wider than UDP (8).
    let width = |label: &str| {
        let start = lines[3].find(label).unwrap();
        let open = lines[3][..start].rfind('[').unwrap();
        let close = start + lines[3][start..].find(']').unwrap();
        close - open
    };
    assert!(width("IPv4 20") > width("UDP 8"));
}

#[test]
fn ipv4_header_as_an_rfc_diagram() {
    let d = hello();
    let ip = d.layer(LayerKind::Network).unwrap();
    let mut out = Vec::new();
    diagram::header(ip, &mut out, &options()).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        " 0                   1                   2                   3"
    );
    assert_eq!(
        lines[1],
        " 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1"
    );
    assert_eq!(
        lines[3],
        "|Version|  IHL  |   DSCP    |ECN|         Total Length          |"
    );
    assert_eq!(
        lines[4],
        "|   4   |   5   |     0     | 0 |              35               |"
    );
    assert_eq!(
        lines[7],
        "|               0               |0|1|0|            0            |"
    );
    // 5 rows of 32 bits, each drawn as names, values and a rule: 20 bytes.
    assert_eq!(lines.len(), 3 + 5 * 3, "{text}");
    for line in &lines[2..] {
        assert_eq!(line.chars().count(), 65, "{line:?}");
    }
}

#[test]
fn layers_command_prints_the_model_and_the_osi_map() {
    let out = stackviz()
        .args(["layers", "--color", "never", "--width", "120"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for word in [
        "Application",
        "Transport",
        "Network",
        "Data link",
        "Physical",
        "datagram",
        "MAC address",
        "port",
    ] {
        // Whole words: "port" must stand alone, not hide inside "Transport".
        let found = text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        assert!(found, "the word {word:?} is missing:\n{text}");
    }
    let out = stackviz()
        .args(["layers", "--osi", "--color", "never", "--width", "120"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for osi in [
        "7 Application",
        "6 Presentation",
        "5 Session",
        "4 Transport",
        "1 Physical",
    ] {
        assert!(text.contains(osi), "{osi} missing");
    }
    let out = stackviz()
        .args(["layers", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5);
    assert_eq!(v[0]["layer"], "application");
    assert_eq!(v[4]["pdu"], "bits");
}

#[test]
fn send_with_rfc_draws_every_header() {
    let out = stackviz()
        .args([
            "send",
            "--port",
            "0",
            "--capture",
            "off",
            "--rfc",
            "--color",
            "never",
            "--width",
            "100",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches(" 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1")
            .count(),
        3,
        "UDP, IPv4, Ethernet"
    );
    assert!(text.contains("|          Source Port          |       Destination Port        |"));
    assert!(text.contains("The same, as boxes drawn to scale"));
}

#[test]
fn step_mode_goes_down_then_up_and_is_plain_without_a_terminal() {
    let out = stackviz()
        .args([
            "send",
            "--port",
            "0",
            "--step",
            "--capture",
            "off",
            "--color",
            "never",
            "--width",
            "100",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let down = text.find("Step 1 of 5 · Application").unwrap();
    let physical = text.find("Step 5 of 5 · Physical").unwrap();
    let up = text.find("Up 1 of 4 · Data link layer").unwrap();
    // --width 100 wraps this headline after "these 7".
    let app = text.find("Up 4 of 4 · Application layer · application data (7 bytes): recvfrom() hands the program these 7\n  bytes").unwrap();
    assert!(down < physical && physical < up && up < app, "{text}");
    // No prompt when stdout is not a terminal.
    assert!(!String::from_utf8_lossy(&out.stderr).contains("press Enter"));
}
