//! ICMP for IPv4 message by message, through the real binary: hand-made
//! packets (raw IP, hand-commented, in tests/common/icmp.rs) decoded as
//! tables and as JSON, each row checked for its name, value and meaning
//! (Type and Code apart, echo Identifier / Sequence Number / data, Next-Hop
//! MTU, Gateway, Pointer, router addresses, Source Quench's quote, quoted
//! TCP headers in ICMP and ICMPv6 errors); a broken Router Advertisement is
//! reported. tests/icmp_tshark.rs has cut-short messages, tshark's view and
//! every type at every length.

mod common;

use common::icmp::*;
use common::{layer_field as field, protocols};

// ---------------------------------------------------------------------------
// Type and Code.
// ---------------------------------------------------------------------------

#[test]
fn type_and_code_rows_say_different_things() {
    let text = decode(&FRAGMENTATION_NEEDED, &[]);
    let (_, value, type_meaning) = row(&text, "ICMP", "Type");
    assert_eq!(value, "3");
    assert_eq!(
        type_meaning,
        "Destination Unreachable: an error message quoting the datagram it is about"
    );
    let (_, value, code_meaning) = row(&text, "ICMP", "Code");
    assert_eq!(value, "4");
    assert_eq!(code_meaning, "Fragmentation Needed and DF set (RFC 792)");

    // A type without codes: code 0 says nothing more.
    let text = decode(&ECHO_REQUEST, &[]);
    assert_eq!(row(&text, "ICMP", "Type").2, "Echo Request (ping)");
    assert_eq!(
        row(&text, "ICMP", "Code").2,
        "0: this type has no codes; 0 means nothing more"
    );

    // The one-line summary still names both.
    let summary = decode(&FRAGMENTATION_NEEDED, &["--summary"]);
    assert!(
        summary.contains(" Destination Unreachable: Fragmentation Needed and DF set"),
        "{summary}"
    );
}

#[test]
fn type_and_code_rows_in_chinese() {
    let text = decode(&FRAGMENTATION_NEEDED, &["--lang", "zh"]);
    // The cell wraps at the space before "IP": compare without spaces.
    assert_eq!(
        row(&text, "ICMP", "Type").2.replace(' ', ""),
        "Destination Unreachable（目的不可达）：ICMP 差错报告报文，引用了出错的那个 IP 数据报"
            .replace(' ', "")
    );
    assert_eq!(
        row(&text, "ICMP", "Code").2,
        "Fragmentation Needed and DF set（需要分片但设置了 DF），见 RFC 792"
    );
    assert_eq!(
        row(&text, "ICMP", "Next-Hop MTU").2,
        "下一段链路只接受最多 1500 字节的分组（RFC 1191）：发送方必须发送更小的分组，或者清除 DF"
    );
}

#[test]
fn destination_unreachable_codes_0_to_15_are_named_with_their_rfc() {
    // RFC 792 (0-5), RFC 1122 section 3.2.2.1 (6-12), RFC 1812 section
    // 5.2.7.1 (13-15).
    let names = [
        "Net Unreachable (RFC 792)",
        "Host Unreachable (RFC 792)",
        "Protocol Unreachable (RFC 792)",
        "Port Unreachable (RFC 792)",
        "Fragmentation Needed and DF set (RFC 792)",
        "Source Route Failed (RFC 792)",
        "Destination Network Unknown (RFC 1122)",
        "Destination Host Unknown (RFC 1122)",
        "Source Host Isolated (RFC 1122)",
        "Communication with Destination Network is Administratively Prohibited (RFC 1122)",
        "Communication with Destination Host is Administratively Prohibited (RFC 1122)",
        "Destination Network Unreachable for Type of Service (RFC 1122)",
        "Destination Host Unreachable for Type of Service (RFC 1122)",
        "Communication Administratively Prohibited (RFC 1812)",
        "Host Precedence Violation (RFC 1812)",
        "Precedence cutoff in effect (RFC 1812)",
    ];
    for (code, name) in names.iter().enumerate() {
        let doc = json(&with_code(&FRAGMENTATION_NEEDED, code as u8));
        assert_eq!(field(&doc, "ICMP", "icmp.code")["value"], code);
        assert_eq!(
            field(&doc, "ICMP", "icmp.code")["meaning"],
            *name,
            "code {code}"
        );
        assert_eq!(
            icmp_verdict(&doc).as_deref(),
            Some("correct"),
            "code {code}"
        );
    }
    let doc = json(&with_code(&FRAGMENTATION_NEEDED, 16));
    assert_eq!(
        field(&doc, "ICMP", "icmp.code")["meaning"],
        "16: not a code defined for Destination Unreachable"
    );
}

// ---------------------------------------------------------------------------
// Identifier and Sequence Number.
// ---------------------------------------------------------------------------

#[test]
fn echo_request_shows_identifier_sequence_number_and_data() {
    let text = decode(&ECHO_REQUEST, &[]);
    assert_eq!(
        row(&text, "ICMP", "Identifier"),
        (
            "24-25".into(),
            "4660".into(),
            "chosen by the pinging program, so it can match replies to requests".into()
        )
    );
    assert_eq!(
        row(&text, "ICMP", "Sequence Number"),
        (
            "26-27".into(),
            "1".into(),
            "counts the requests; a reply carries the request's".into()
        )
    );
    assert_eq!(
        row(&text, "echo data", "Data"),
        (
            "28-31".into(),
            "ping".into(),
            "4 bytes the reply must carry back unchanged".into()
        )
    );
    assert!(!text.contains("Rest of header"), "{text}");
    assert!(!text.contains("305397761"), "{text}");
    assert_eq!(
        row(&text, "ICMP", "Checksum").2,
        "over the ICMP message: correct"
    );

    let doc = json(&ECHO_REQUEST);
    assert_eq!(protocols(&doc), ["IPv4", "ICMP", "echo data"]);
    assert_eq!(field(&doc, "ICMP", "icmp.identifier")["value"], 4660);
    assert_eq!(field(&doc, "ICMP", "icmp.sequence")["value"], 1);
    assert_eq!(field(&doc, "echo data", "icmp.data")["value"], "ping");
    assert_eq!(field(&doc, "echo data", "icmp.data")["hex"], "70696e67");
}

#[test]
fn timestamp_and_address_mask_carry_identifier_and_sequence_number() {
    let text = decode(&TIMESTAMP, &[]);
    assert_eq!(row(&text, "ICMP", "Type").2, "Timestamp");
    assert_eq!(
        row(&text, "ICMP", "Identifier").2,
        "chosen by the requester; the reply carries the request's, to match them"
    );
    assert_eq!(row(&text, "ICMP", "Identifier").1, "7");
    assert_eq!(row(&text, "ICMP", "Sequence Number").1, "2");
    assert_eq!(
        row(&text, "ICMP", "Originate Timestamp"),
        (
            "28-31".into(),
            "3723004".into(),
            "when the requester sent the request: 3723004 ms after midnight UT = 01:02:03.004 UT"
                .into()
        )
    );
    assert_eq!(row(&text, "ICMP", "Transmit Timestamp").0, "36-39");
    // "(echo)" belongs to echo only.
    assert!(!text.contains("(echo)"), "{text}");

    let doc = json(&ADDRESS_MASK_REPLY);
    assert_eq!(field(&doc, "ICMP", "icmp.identifier")["value"], 7);
    assert_eq!(field(&doc, "ICMP", "icmp.sequence")["value"], 2);
    assert_eq!(
        field(&doc, "ICMP", "icmp.address_mask")["value"],
        "255.255.255.0"
    );
    assert_eq!(
        field(&doc, "ICMP", "icmp.address_mask")["meaning"],
        "the subnet mask of the network (RFC 950): /24"
    );
    assert_eq!(icmp_verdict(&doc).as_deref(), Some("correct"));
}

// ---------------------------------------------------------------------------
// The second word of error messages.
// ---------------------------------------------------------------------------

#[test]
fn fragmentation_needed_names_the_next_hop_mtu() {
    let text = decode(&FRAGMENTATION_NEEDED, &[]);
    assert_eq!(
        row(&text, "ICMP", "Unused"),
        ("24-25".into(), "0".into(), "unused, zero".into())
    );
    assert_eq!(
        row(&text, "ICMP", "Next-Hop MTU"),
        (
            "26-27".into(),
            "1500".into(),
            "the next link takes packets of at most 1500 bytes (RFC 1191): the sender must send smaller ones or clear DF".into()
        )
    );
    let doc = json(&FRAGMENTATION_NEEDED);
    assert_eq!(field(&doc, "ICMP", "icmp.mtu")["value"], 1500);
    assert_eq!(field(&doc, "ICMP", "icmp.unused")["hex"], "0000");
    assert_eq!(icmp_verdict(&doc).as_deref(), Some("correct"));
}

#[test]
fn redirect_names_the_gateway_and_its_codes() {
    let text = decode(&REDIRECT, &[]);
    assert_eq!(
        row(&text, "ICMP", "Gateway Internet Address"),
        (
            "24-27".into(),
            "10.0.0.254".into(),
            "the router on the sender's network to use instead, for datagrams like the quoted one (RFC 792)".into()
        )
    );
    assert!(!text.contains("unused, zero"), "{text}");
    let names = [
        "Redirect Datagram for the Network (or subnet) (RFC 792)",
        "Redirect Datagram for the Host (RFC 792)",
        "Redirect Datagram for the Type of Service and Network (RFC 792)",
        "Redirect Datagram for the Type of Service and Host (RFC 792)",
    ];
    for (code, name) in names.iter().enumerate() {
        let doc = json(&with_code(&REDIRECT, code as u8));
        assert_eq!(field(&doc, "ICMP", "icmp.code")["meaning"], *name);
        assert_eq!(field(&doc, "ICMP", "icmp.gateway")["value"], "10.0.0.254");
        assert_eq!(icmp_verdict(&doc).as_deref(), Some("correct"));
    }
    // A redirect quotes the datagram it is about.
    let doc = json(&REDIRECT);
    assert_eq!(
        protocols(&doc),
        [
            "IPv4",
            "ICMP",
            "IPv4 (quoted original header)",
            "UDP (quoted)"
        ]
    );
    // ... which the router still forwarded: it was not lost.
    let q = doc["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["protocol"] == "IPv4 (quoted original header)")
        .unwrap();
    assert_eq!(
        q["notes"][0],
        "the header of the datagram that made the router send the redirect (it still forwarded that datagram), sent back so the sender can match it"
    );
}

#[test]
fn parameter_problem_names_the_pointer_and_its_codes() {
    let text = decode(&PARAMETER_PROBLEM, &[]);
    assert_eq!(
        row(&text, "ICMP", "Pointer"),
        (
            "24".into(),
            "8".into(),
            "byte 8 of the quoted IPv4 header is where the problem is: Time to Live".into()
        )
    );
    assert_eq!(row(&text, "ICMP", "Unused").0, "25-27");
    let names = [
        "Pointer indicates the error (RFC 792)",
        "Missing a Required Option (RFC 1108)",
        "Bad Length (RFC 1812)",
    ];
    for (code, name) in names.iter().enumerate() {
        let doc = json(&with_code(&PARAMETER_PROBLEM, code as u8));
        assert_eq!(field(&doc, "ICMP", "icmp.code")["meaning"], *name);
        assert_eq!(field(&doc, "ICMP", "icmp.pointer")["value"], 8);
    }
}

#[test]
fn router_advertisement_lists_its_addresses() {
    let text = decode(&ROUTER_ADVERTISEMENT, &[]);
    assert_eq!(row(&text, "ICMP", "Type").2, "Router Advertisement");
    assert_eq!(
        row(&text, "ICMP", "Num Addrs"),
        ("24".into(), "2".into(), "2 router addresses follow".into())
    );
    assert_eq!(row(&text, "ICMP", "Addr Entry Size").1, "2");
    assert_eq!(
        row(&text, "ICMP", "Lifetime"),
        (
            "26-27".into(),
            "1800".into(),
            "the addresses may be used as routers for 1800 seconds (RFC 1256's default is 1800)"
                .into()
        )
    );
    let doc = json(&ROUTER_ADVERTISEMENT);
    let icmp = doc["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["protocol"] == "ICMP")
        .unwrap();
    let entries: Vec<(String, String)> = icmp["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == "icmp.router_address" || f["id"] == "icmp.preference_level")
        .map(|f| (f["name"].to_string(), f["value"].to_string()))
        .collect();
    assert_eq!(
        entries,
        [
            ("\"Router Address\"".into(), "\"10.0.0.1\"".into()),
            ("\"Preference Level\"".into(), "\"0\"".into()),
            ("\"Router Address\"".into(), "\"10.0.0.9\"".into()),
            ("\"Preference Level\"".into(), "\"-2147483648\"".into()),
        ]
    );
    assert!(icmp["fields"][9]["meaning"]
        .as_str()
        .unwrap()
        .contains("never use this address as a default router"));
    assert_eq!(icmp["header"]["length"], 24);
    assert_eq!(icmp_verdict(&doc).as_deref(), Some("correct"));

    let text = decode(&ROUTER_SOLICITATION, &[]);
    assert_eq!(
        row(&text, "ICMP", "Reserved"),
        ("24-27".into(), "0".into(), "reserved, zero".into())
    );
}

// ---------------------------------------------------------------------------
// Quoted datagrams: Source Quench, quoted TCP in ICMP and ICMPv6.
// ---------------------------------------------------------------------------

#[test]
fn source_quench_quotes_its_datagram_and_the_first_8_tcp_bytes() {
    let doc = json(&SOURCE_QUENCH);
    assert_eq!(
        protocols(&doc),
        [
            "IPv4",
            "ICMP",
            "IPv4 (quoted original header)",
            "TCP (quoted)"
        ]
    );
    assert_eq!(
        field(&doc, "ICMP", "icmp.type")["meaning"],
        "Source Quench: an error message quoting the datagram it is about; deprecated (RFC 6633): hosts ignore it"
    );
    let q = "IPv4 (quoted original header)";
    assert_eq!(field(&doc, q, "ipv4.src")["value"], "10.0.0.2");
    assert_eq!(field(&doc, q, "ipv4.protocol")["value"], 6);
    assert_eq!(field(&doc, "TCP (quoted)", "tcp.src_port")["value"], 40001);
    assert_eq!(field(&doc, "TCP (quoted)", "tcp.dst_port")["value"], 80);
    assert_eq!(field(&doc, "TCP (quoted)", "tcp.seq")["value"], 12_345_678);
    assert_eq!(field(&doc, "TCP (quoted)", "tcp.seq")["offset"], 52);

    let text = decode(&SOURCE_QUENCH, &[]);
    assert_eq!(row(&text, "TCP (quoted)", "Source Port").0, "48-49");
    assert_eq!(row(&text, "TCP (quoted)", "Sequence Number").1, "12345678");
    assert!(
        text.contains("note: only the first 8 bytes of the TCP header were quoted (RFC 792 promises 8): the rest of the header is not here"),
        "{text}"
    );
}

#[test]
fn a_whole_quoted_tcp_header_is_decoded_whole() {
    let doc = json(&TIME_EXCEEDED_TCP);
    assert_eq!(
        protocols(&doc),
        [
            "IPv4",
            "ICMP",
            "IPv4 (quoted original header)",
            "TCP (quoted)"
        ]
    );
    let t = "TCP (quoted)";
    assert_eq!(field(&doc, t, "tcp.src_port")["value"], 40001);
    assert_eq!(field(&doc, t, "tcp.seq")["value"], 12_345_678);
    assert_eq!(field(&doc, t, "tcp.flags.syn")["value"], 1);
    assert_eq!(field(&doc, t, "tcp.window")["value"], 64240);
    assert!(field(&doc, t, "tcp.checksum")["meaning"]
        .as_str()
        .unwrap()
        .ends_with(": correct"));
    assert_eq!(
        field(&doc, "ICMP", "icmp.code")["meaning"],
        "TTL exceeded in transit (RFC 792)"
    );
    // The summary line is about the ICMP message: no quoted ports or flags.
    let summary = decode(&TIME_EXCEEDED_TCP, &["--summary"]);
    assert!(
        summary.contains(
            "IPv4/ICMP/IPv4 (quoted original header)/TCP (quoted) 10.0.0.254 > 10.0.0.2 Time Exceeded: TTL exceeded in transit, frame 68 bytes\n"
        ),
        "{summary}"
    );
}

#[test]
fn icmpv6_errors_decode_a_quoted_tcp_header_of_8_bytes() {
    let doc = json(&ICMPV6_QUOTING_TCP);
    assert_eq!(
        protocols(&doc),
        [
            "IPv6",
            "ICMPv6",
            "IPv6 (quoted original header)",
            "TCP (quoted)"
        ]
    );
    let t = "TCP (quoted)";
    assert_eq!(field(&doc, t, "tcp.src_port")["value"], 40001);
    assert_eq!(field(&doc, t, "tcp.dst_port")["value"], 80);
    assert_eq!(field(&doc, t, "tcp.seq")["value"], 12_345_678);
    assert_eq!(field(&doc, t, "tcp.seq")["offset"], 92);
    // The summary names the error's own addresses, without the quoted
    // ports (they belong to the quoted packet, which went the other way).
    let summary = decode(&ICMPV6_QUOTING_TCP, &["--summary"]);
    assert!(
        summary.contains(" fd00::1 > fd00::2 Destination Unreachable: Port Unreachable"),
        "{summary}"
    );
}

/// A Router Advertisement whose Addr Entry Size is below 2, or whose
/// addresses do not fit, is reported with the offset where it goes wrong.
#[test]
fn a_broken_router_advertisement_is_reported() {
    let mut p = ROUTER_ADVERTISEMENT.to_vec();
    p[25] = 1; // addr entry size 1: no room for a preference level
    let d = stackviz::dissect::dissect_raw_ip(&p);
    let m = d.malformed.expect("entry size 1 is malformed");
    assert_eq!(m.offset, 25);
    assert_eq!(
        m.message,
        "Router Advertisement Addr Entry Size 1 is below 2 (an address and a preference level), at offset 25"
    );
    let mut p = ROUTER_ADVERTISEMENT.to_vec();
    p[24] = 3; // num addrs 3, but only 2 entries are there
    let d = stackviz::dissect::dissect_raw_ip(&p);
    let m = d.malformed.expect("a missing entry is malformed");
    assert_eq!(m.offset, 44);
    assert_eq!(
        m.message,
        "Router Advertisement says 3 addresses, but entry 3 does not fit, at offset 44"
    );
}
