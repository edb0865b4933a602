//! Meanings that must not mislead (issue 14, items 10-13), through the real
//! binary: who an ARP, InARP or Neighbor Advertisement field names;
//! impossible TCP flag sets; both port ranges; RFC diagrams of fields that
//! span 32-bit rows; UTF-8 payloads shown as text; checks named by their
//! field, never by an internal id. Traffic: loopback only (`send` with
//! `--capture off`), everything else is `decode` of hand-made frames.

mod common;

use assert_cmd::Command;
use common::golden::a_to_b_spec;
use common::{hex, TempDir};
use stackviz::build::build_frame;

/// The binary in English, no colour, with a timeout.
fn stackviz() -> Command {
    let mut cmd = common::stackviz();
    cmd.args(["--color", "never"]);
    cmd
}

fn decode(hex: &str, extra: &[&str]) -> String {
    let out = stackviz()
        .args(["decode", "--width", "400", hex])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The table row whose first cell is `name` (the first such row).
fn row<'a>(text: &'a str, name: &str) -> &'a str {
    let start = format!("│ {name} ");
    text.lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no row {name:?} in:\n{text}"))
}

fn udp_frame(payload: &[u8]) -> Vec<u8> {
    build_frame(&a_to_b_spec(payload, 15001)).unwrap().bytes
}

// Hand-made frames (checksums correct), 02:..:01 / 10.0.0.1 asks,
// 02:..:02 / 10.0.0.2 answers.
/// TCP 10.0.0.1:40000 → 10.0.0.2:80 with SYN and FIN set.
const SYN_FIN: &str = "02000000000202000000000108004500002800014000400626cd0a0000010a0000029c400050000003e8000000005003faf000760000";
/// The same with SYN and RST.
const SYN_RST: &str = "02000000000202000000000108004500002800014000400626cd0a0000010a0000029c400050000003e8000000005006faf000730000";
/// The same with SYN alone (and Linux's SYN options).
const SYN: &str = "02000000000202000000000108004500003c00014000400626b90a0000010a0000029c400050000003e800000000a002faf098930000020405b40402080a000000010000000001030307";
/// InARP request (op 8): what protocol address has 02:..:02? tell 10.0.0.1.
const INARP_REQUEST: &str =
    "ffffffffffff020000000001080600010800060400080200000000010a00000102000000000200000000";
/// InARP reply (op 9): 02:..:02 has 10.0.0.2, to the asker 02:..:01 / 10.0.0.1.
const INARP_REPLY: &str =
    "020000000001020000000002080600010800060400090200000000020a0000020200000000010a000001";
/// Gratuitous ARP reply: 10.0.0.1 is at 02:..:01, target IP = sender IP.
const GRATUITOUS_REPLY: &str =
    "ffffffffffff020000000001080600010800060400020200000000010a000001ffffffffffff0a000001";
/// Gratuitous ARP request: the same as a request.
const GRATUITOUS_REQUEST: &str =
    "ffffffffffff020000000001080600010800060400010200000000010a0000010000000000000a000001";
/// An ordinary ARP reply: 10.0.0.2 is at 02:..:02, to 10.0.0.1.
const ARP_REPLY: &str =
    "020000000001020000000002080600010800060400020200000000020a0000020200000000010a000001";
/// Neighbor Advertisement for fe80::1 with S=0, O=1 (unsolicited) and a
/// Target Link-Layer Address option.
const NA_UNSOLICITED: &str = "33330000000102000000000186dd6000000000203afffe800000000000000000000000000001ff0200000000000000000000000000018800579b20000000fe8000000000000000000000000000010201020000000001";
/// The same with S=1 (an answer to a solicitation).
const NA_SOLICITED: &str = "33330000000102000000000186dd6000000000203afffe800000000000000000000000000001ff0200000000000000000000000000018800179b60000000fe8000000000000000000000000000010201020000000001";

// ---- item 10: TCP flags -------------------------------------------------

#[test]
fn syn_with_fin_is_an_invalid_probe_not_a_handshake_step() {
    let text = decode(SYN_FIN, &[]);
    assert!(
        text.contains("note: flags set: SYN, FIN: invalid: SYN (open) and FIN (close) together never occur in a real connection; such segments come from port scans and probes"),
        "{text}"
    );
    assert!(!text.contains("handshake"), "{text}");
    // A SYN alone still is step 1.
    let text = decode(SYN, &[]);
    assert!(
        text.contains(
            "note: flags set: SYN: step 1 of the three-way handshake: the client opens a connection"
        ),
        "{text}"
    );
}

#[test]
fn syn_with_rst_is_an_invalid_probe_not_a_reset_or_handshake() {
    let text = decode(SYN_RST, &[]);
    assert!(
        text.contains("note: flags set: RST, SYN: invalid: SYN and RST together never occur in a real connection"),
        "{text}"
    );
    assert!(!text.contains("handshake"), "{text}");
}

// ---- item 10: ARP, InARP, gratuitous ARP --------------------------------

#[test]
fn an_inarp_request_asks_for_the_protocol_address_of_the_target_mac() {
    let text = decode(INARP_REQUEST, &[]);
    assert!(
        row(&text, "Operation").contains("8 = InARP request (RFC 2390): which protocol address does 02:00:00:00:00:02 have? tell 10.0.0.1"),
        "{text}"
    );
    let tha = row(&text, "Target Hardware Address");
    assert!(
        tha.contains("the MAC whose protocol address is asked for"),
        "{tha}"
    );
    let tpa = row(&text, "Target Protocol Address");
    assert!(tpa.contains("unknown yet: that is the question"), "{tpa}");
    assert!(!text.contains("the host that asked"), "{text}");
}

#[test]
fn an_inarp_reply_names_the_asker_as_its_target() {
    let text = decode(INARP_REPLY, &[]);
    assert!(
        row(&text, "Operation")
            .contains("9 = InARP reply (RFC 2390): 02:00:00:00:00:02 has 10.0.0.2"),
        "{text}"
    );
    assert!(row(&text, "Target Hardware Address").contains("the MAC of the host that asked"));
    assert!(
        row(&text, "Target Protocol Address").contains("the IPv4 address of the host that asked")
    );
    // An ordinary ARP reply names the asker the same way.
    let text = decode(ARP_REPLY, &[]);
    assert!(row(&text, "Operation").contains("2 = reply: 10.0.0.2 is at 02:00:00:00:00:02"));
    assert!(
        row(&text, "Target Protocol Address").contains("the IPv4 address of the host that asked")
    );
}

#[test]
fn a_gratuitous_arp_has_nobody_who_asked() {
    for frame in [GRATUITOUS_REPLY, GRATUITOUS_REQUEST] {
        let text = decode(frame, &[]);
        assert!(!text.contains("the host that asked"), "{text}");
        assert!(
            row(&text, "Target Protocol Address").contains(
                "the sender's own IPv4 address again: a gratuitous ARP announces it, nobody asked"
            ),
            "{text}"
        );
        assert!(
            row(&text, "Target Hardware Address").contains("nobody asked"),
            "{text}"
        );
    }
    let text = decode(GRATUITOUS_REPLY, &[]);
    assert!(
        row(&text, "Operation").contains("2 = reply, gratuitous: 10.0.0.1 is at 02:00:00:00:00:01"),
        "{text}"
    );
}

// ---- item 10: Neighbor Advertisement -------------------------------------

#[test]
fn an_unsolicited_neighbor_advertisement_answers_no_solicitation() {
    let text = decode(NA_UNSOLICITED, &[]);
    let option = row(&text, "Option");
    assert!(
        option
            .contains("the target's MAC is 02:00:00:00:00:01, announced without being asked (S=0"),
        "{option}"
    );
    assert!(!text.contains("the answer to the solicitation"), "{text}");
    let text = decode(NA_SOLICITED, &[]);
    assert!(
        row(&text, "Option")
            .contains("the target's MAC is 02:00:00:00:00:01: the answer to the solicitation"),
        "{text}"
    );
}

// ---- item 10: ports -------------------------------------------------------

#[test]
fn a_decoded_port_names_both_iana_and_linuxs_default_ephemeral_range() {
    let text = decode(SYN, &[]);
    assert!(
        row(&text, "Source Port").contains("the sending socket's port; IANA registered range 1024-49151; inside Linux's default ephemeral range 32768-60999, where Linux picks a port"),
        "{text}"
    );
    // A well-known port outside it needs no word on it.
    assert!(row(&text, "Destination Port")
        .trim_end_matches([' ', '│'])
        .ends_with("the receiving socket's port; IANA well-known range 0-1023"));
    // A foreign frame is never measured against this host's range.
    assert!(!text.contains("this host's ephemeral range"), "{text}");
}

/// This host's range as the kernel states it.
fn local_port_range() -> (u16, u16) {
    let text = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").unwrap();
    let mut words = text.split_whitespace().map(|w| w.parse::<u16>().unwrap());
    (words.next().unwrap(), words.next().unwrap())
}

fn send(extra: &[&str]) -> String {
    let out = stackviz()
        .args(["send", "--capture", "off", "--port", "0", "--width", "400"])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_sent_port_chosen_by_the_os_is_measured_against_this_hosts_range() {
    let (low, high) = local_port_range();
    let text = send(&["hi"]);
    let source = row(&text, "Source Port");
    assert!(
        source.contains(&format!(
            "inside this host's ephemeral range {low}-{high} (/proc/sys/net/ipv4/ip_local_port_range)"
        )),
        "{source}"
    );
    assert!(!text.contains("Linux's default ephemeral range"), "{text}");
}

// ---- item 11: RFC diagrams ------------------------------------------------

/// The name and value lines of every row of the first RFC diagram in `text`
/// (the Ethernet header), without the rules.
fn first_diagram(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.starts_with(" 0 1 2 3 4 5 6 7 8 9"))
        .skip(1)
        .take_while(|l| l.starts_with('|') || l.starts_with('+'))
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            // Cells, trimmed: "|  a  |  b  |" -> "a|b".
            l.trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

#[test]
fn the_ethernet_header_is_drawn_in_true_32_bit_rows() {
    let text = decode(SYN, &["--rfc"]);
    assert_eq!(
        first_diagram(&text),
        [
            "Destination MAC address",
            "bytes 0-3: 02:00:00:00",
            "Destination MAC address|Source MAC address",
            "bytes 4-5: 00:02|bytes 0-1: 02:00",
            "Source MAC address",
            "bytes 2-5: 00:00:00:01",
            "EtherType",
            "0x0800",
        ],
        "{text}"
    );
}

#[test]
fn send_rfc_draws_the_loopback_ethernet_header_in_true_rows() {
    let text = send(&["--rfc", "hi"]);
    let ethernet = text
        .split(" 0                   1                   2                   3")
        .map(first_diagram_after_ruler)
        .find(|rows| rows.first().map(String::as_str) == Some("Destination MAC address"))
        .unwrap_or_else(|| panic!("no Ethernet diagram in:\n{text}"));
    assert_eq!(
        ethernet,
        [
            "Destination MAC address",
            "bytes 0-3: 00:00:00:00",
            "Destination MAC address|Source MAC address",
            "bytes 4-5: 00:00|bytes 0-1: 00:00",
            "Source MAC address",
            "bytes 2-5: 00:00:00:00",
            "EtherType",
            "0x0800",
        ]
    );
}

fn first_diagram_after_ruler(part: &str) -> Vec<String> {
    first_diagram(&format!("\n{part}"))
}

#[test]
fn no_row_of_a_diagram_is_left_empty_where_a_field_continues() {
    // ARP's addresses and TCP's Timestamps option span rows.
    for frame in [INARP_REQUEST, SYN, NA_SOLICITED] {
        let text = decode(frame, &["--rfc"]);
        let blank = text
            .lines()
            .filter(|l| l.starts_with('|'))
            .find(|l| l.trim_matches('|').split('|').all(|c| c.trim().is_empty()));
        assert_eq!(blank, None, "{text}");
    }
    let text = decode(SYN, &["--rfc"]);
    assert!(text.contains("bytes 2-5: 00 00 00 01"), "{text}");
}

// ---- item 12: UTF-8 payloads ---------------------------------------------

#[test]
fn a_utf8_message_is_shown_as_text_everywhere_send_shows_it() {
    let text = send(&["你好"]);
    assert!(!text.contains("\\xe4"), "{text}");
    let data = row(&text, "Data");
    assert!(
        data.contains("6 bytes of UTF-8 text: 2 characters"),
        "{data}"
    );
    assert!(data.contains("┆ e4 bd a0 e5 a5 bd ┆ 你好  ┆"), "{data}");
    assert!(text.contains("sendto(fd, \"你好\", 6,"), "{text}");
    assert!(text.contains("6 (bytes) \"你好\""), "{text}");
}

#[test]
fn a_utf8_message_is_text_in_json() {
    let out = stackviz()
        .args([
            "send",
            "--capture",
            "off",
            "--port",
            "0",
            "--format",
            "json",
            "你好",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\"你好\""), "{text}");
    assert!(!text.contains("\\\\xe4"), "{text}");
}

#[test]
fn decode_shows_utf8_as_text_and_escapes_only_controls_and_invalid_bytes() {
    let frame = udp_frame("é\u{7}\u{202e}".as_bytes());
    let mut bad = "ok".as_bytes().to_vec();
    bad.extend([0xff, b'\n']);
    let text = decode(&hex(&frame), &[]);
    let data = row(&text, "Data");
    assert!(data.contains("é\\x07\\xe2\\x80\\xae"), "{data}");
    assert!(
        data.contains("6 bytes of UTF-8 text: 3 characters; control and invisible characters written as escapes"),
        "{data}"
    );
    let text = decode(&hex(&udp_frame(&bad)), &[]);
    let data = row(&text, "Data");
    assert!(data.contains("ok\\xff\\n"), "{data}");
    assert!(
        data.contains("4 bytes, not valid UTF-8 text: bytes that are not text written as \\xNN"),
        "{data}"
    );
}

#[test]
fn chinese_text_keeps_a_narrow_table_within_its_width() {
    let message = "你好，世界！这是一条用来测试表格宽度的中文消息。";
    let out = stackviz()
        .args([
            "decode",
            "--width",
            "60",
            &hex(&udp_frame(message.as_bytes())),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let tables: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞', '├']))
        .collect();
    assert!(tables.iter().any(|l| l.contains("你好")), "{text}");
    for line in tables {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 60,
            "{line}\n{text}"
        );
    }
}

#[test]
fn the_html_report_shows_utf8_text() {
    let dir = TempDir::new("meanings");
    let path = dir.join("report.html");
    let frame = hex(&udp_frame("你好".as_bytes()));
    stackviz()
        .args(["decode", &frame, "--html"])
        .arg(&path)
        .assert()
        .success();
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("你好"), "{html}");
    assert!(!html.contains("\\xe4\\xbd\\xa0"), "{html}");
    // item 13 in the same report: checks by their field's name (the report
    // works each one out under its name).
    for name in [
        "IPv4 Header Checksum, worked out",
        "UDP Checksum, worked out",
        "Ethernet II Frame Check Sequence, worked out",
    ] {
        assert!(html.contains(&format!("<h4>{name}</h4>")), "{name}: {html}");
    }
    assert_eq!(html.matches("✓ correct</b>").count(), 3, "{html}");
    for id in ["ipv4.checksum", "udp.checksum", "eth.fcs"] {
        assert!(!html.contains(&format!("{id}:")), "{id} in {html}");
    }
}

// ---- item 13: ids never reach a sentence ----------------------------------

#[test]
fn checks_are_named_by_their_field_in_the_terminal() {
    let text = decode(SYN, &[]);
    assert!(
        text.contains("  ✓ Header Checksum: 0x26b9 correct"),
        "{text}"
    );
    assert!(text.contains("  ✓ Checksum: 0x9893 correct"), "{text}");
    let text = decode(&hex(&udp_frame(b"hi")), &[]);
    assert!(text.contains("✓ Frame Check Sequence: 0x"), "{text}");
    for text in [text, decode(SYN, &[])] {
        for id in ["ipv4.checksum", "udp.checksum", "tcp.checksum", "eth.fcs"] {
            assert!(!text.contains(id), "{id} in {text}");
        }
    }
}

#[test]
fn chinese_readers_get_the_same_meanings_in_chinese() {
    let out = stackviz()
        .args(["--lang", "zh", "decode", "--width", "400", SYN_FIN])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Header Checksum: 0x26cd"), "{text}");
    assert!(!text.contains("ipv4.checksum"), "{text}");
    assert!(
        text.contains("无效：真实的连接中 SYN（建立）和 FIN（释放）从不同时出现"),
        "{text}"
    );
    assert!(!text.contains("三报文握手"), "{text}");
    assert!(
        text.contains("在 Linux 默认的临时端口范围 32768-60999 之内"),
        "{text}"
    );
}
