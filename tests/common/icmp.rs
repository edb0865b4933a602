//! The ICMP messages of the ICMP tests (raw IPv4, hand-commented, checksums
//! by hand) and how those tests read stackviz: one packet decoded as a table
//! or JSON, the table's rows with wrapped meanings joined again.

use serde_json::Value;

use super::{hex, internet_checksum, json_lines, stackviz, try_check};

// ---------------------------------------------------------------------------
// The packets. Raw IPv4 (no link header); offsets in the comments count from
// the packet's first byte. Checksums were computed by hand (RFC 1071) and are
// checked by the tests, so a wrong one would show.
// ---------------------------------------------------------------------------

/// Echo Request 10.0.0.1 -> 10.0.0.2, identifier 0x1234, sequence 1, "ping".
pub const ECHO_REQUEST: [u8; 32] = [
    0x45, 0x00, 0x00, 0x20, // 0: version 4, IHL 5; total length 32
    0x00, 0x01, 0x40, 0x00, // 4: identification 1; DF
    0x40, 0x01, 0x26, 0xda, // 8: TTL 64, protocol 1 = ICMP, header checksum
    0x0a, 0x00, 0x00, 0x01, // 12: source 10.0.0.1
    0x0a, 0x00, 0x00, 0x02, // 16: destination 10.0.0.2
    0x08, 0x00, 0x06, 0xfa, // 20: ICMP type 8 Echo Request, code 0, checksum 0x06fa
    0x12, 0x34, 0x00, 0x01, // 24: identifier 0x1234 = 4660, sequence number 1
    0x70, 0x69, 0x6e, 0x67, // 28: data "ping"
];

/// Destination Unreachable, Fragmentation Needed (code 4), from router
/// 10.0.0.254, next-hop MTU 1500, quoting a UDP datagram 10.0.0.2:40000 ->
/// 10.0.0.1:15001 ("Hello!!").
pub const FRAGMENTATION_NEEDED: [u8; 63] = [
    0x45, 0x00, 0x00, 0x3f, // 0: IHL 5; total length 63
    0x00, 0x01, 0x40, 0x00, // 4: identification 1; DF
    0x40, 0x01, 0x25, 0xbe, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0xfe, // 12: source 10.0.0.254 (the router)
    0x0a, 0x00, 0x00, 0x02, // 16: destination 10.0.0.2
    0x03, 0x04, 0xdb, 0x43, // 20: type 3, code 4, checksum 0xdb43
    0x00, 0x00, 0x05, 0xdc, // 24: unused 0000; next-hop MTU 0x05dc = 1500
    0x45, 0x00, 0x00, 0x23, // 28: quoted IPv4: IHL 5, total length 35
    0x00, 0x01, 0x40, 0x00, // 32: identification 1; DF
    0x40, 0x11, 0x26, 0xc7, // 36: TTL 64, protocol 17 = UDP, checksum
    0x0a, 0x00, 0x00, 0x02, // 40: source 10.0.0.2
    0x0a, 0x00, 0x00, 0x01, // 44: destination 10.0.0.1
    0x9c, 0x40, 0x3a, 0x99, // 48: quoted UDP: ports 40000 -> 15001
    0x00, 0x0f, 0x00, 0x00, // 52: length 15, checksum 0 (none)
    0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0x21, // 56: "Hello!!"
];

/// Redirect for the Host (code 1) from 10.0.0.253: use gateway 10.0.0.254;
/// quotes the same UDP datagram.
pub const REDIRECT: [u8; 63] = [
    0x45, 0x00, 0x00, 0x3f, // 0: IHL 5; total length 63
    0x00, 0x01, 0x40, 0x00, // 4: identification 1; DF
    0x40, 0x01, 0x25, 0xbf, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0xfd, // 12: source 10.0.0.253 (the router)
    0x0a, 0x00, 0x00, 0x02, // 16: destination 10.0.0.2
    0x05, 0x01, 0xd4, 0x24, // 20: type 5, code 1, checksum 0xd424
    0x0a, 0x00, 0x00, 0xfe, // 24: gateway internet address 10.0.0.254
    0x45, 0x00, 0x00, 0x23, // 28: quoted IPv4 (as above)
    0x00, 0x01, 0x40, 0x00, // 32
    0x40, 0x11, 0x26, 0xc7, // 36
    0x0a, 0x00, 0x00, 0x02, // 40
    0x0a, 0x00, 0x00, 0x01, // 44
    0x9c, 0x40, 0x3a, 0x99, // 48: quoted UDP
    0x00, 0x0f, 0x00, 0x00, // 52
    0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0x21, // 56
];

/// Parameter Problem (code 0), pointer 8: byte 8 of the quoted header (its
/// TTL) is the problem.
pub const PARAMETER_PROBLEM: [u8; 63] = [
    0x45, 0x00, 0x00, 0x3f, // 0: IHL 5; total length 63
    0x00, 0x01, 0x40, 0x00, // 4
    0x40, 0x01, 0x26, 0xbb, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0x01, // 12: source 10.0.0.1
    0x0a, 0x00, 0x00, 0x02, // 16: destination 10.0.0.2
    0x0c, 0x00, 0xd0, 0x23, // 20: type 12, code 0, checksum 0xd023
    0x08, 0x00, 0x00, 0x00, // 24: pointer 8; unused 000000
    0x45, 0x00, 0x00, 0x23, // 28: quoted IPv4 (as above)
    0x00, 0x01, 0x40, 0x00, // 32
    0x40, 0x11, 0x26, 0xc7, // 36: byte 8 of the quote = TTL 0x40
    0x0a, 0x00, 0x00, 0x02, // 40
    0x0a, 0x00, 0x00, 0x01, // 44
    0x9c, 0x40, 0x3a, 0x99, // 48: quoted UDP
    0x00, 0x0f, 0x00, 0x00, // 52
    0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0x21, // 56
];

/// Router Advertisement (RFC 1256) to 224.0.0.1: two addresses, entry size
/// 2 words, lifetime 1800 s; 10.0.0.1 preference 0, 10.0.0.9 preference
/// 0x80000000 (never a default router).
pub const ROUTER_ADVERTISEMENT: [u8; 44] = [
    0x45, 0x00, 0x00, 0x2c, // 0: IHL 5; total length 44
    0x00, 0x01, 0x40, 0x00, // 4
    0x40, 0x01, 0x50, 0xce, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0x01, // 12: source 10.0.0.1
    0xe0, 0x00, 0x00, 0x01, // 16: destination 224.0.0.1 (all systems)
    0x09, 0x00, 0x59, 0xeb, // 20: type 9, code 0, checksum 0x59eb
    0x02, 0x02, 0x07, 0x08, // 24: num addrs 2, addr entry size 2, lifetime 0x0708 = 1800
    0x0a, 0x00, 0x00, 0x01, // 28: router address 10.0.0.1
    0x00, 0x00, 0x00, 0x00, // 32: preference level 0
    0x0a, 0x00, 0x00, 0x09, // 36: router address 10.0.0.9
    0x80, 0x00, 0x00, 0x00, // 40: preference level 0x80000000
];

/// Router Solicitation to 224.0.0.2: reserved word only.
pub const ROUTER_SOLICITATION: [u8; 28] = [
    0x45, 0x00, 0x00, 0x1c, // 0: IHL 5; total length 28
    0x00, 0x01, 0x40, 0x00, // 4
    0x40, 0x01, 0x50, 0xdd, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0x01, // 12: source 10.0.0.1
    0xe0, 0x00, 0x00, 0x02, // 16: destination 224.0.0.2 (all routers)
    0x0a, 0x00, 0xf5, 0xff, // 20: type 10, code 0, checksum 0xf5ff
    0x00, 0x00, 0x00, 0x00, // 24: reserved
];

/// Source Quench quoting a TCP segment 10.0.0.2:40001 -> 10.0.0.1:80 with
/// only the 8 bytes RFC 792 promises: ports and sequence number 12345678.
pub const SOURCE_QUENCH: [u8; 56] = [
    0x45, 0x00, 0x00, 0x38, // 0: IHL 5; total length 56
    0x00, 0x01, 0x40, 0x00, // 4
    0x40, 0x01, 0x26, 0xc2, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0x01, // 12: source 10.0.0.1
    0x0a, 0x00, 0x00, 0x02, // 16: destination 10.0.0.2
    0x04, 0x00, 0xfd, 0x63, // 20: type 4, code 0, checksum 0xfd63
    0x00, 0x00, 0x00, 0x00, // 24: unused
    0x45, 0x00, 0x00, 0x28, // 28: quoted IPv4: IHL 5, total length 40
    0x00, 0x77, 0x40, 0x00, // 32: identification 0x77; DF
    0x40, 0x06, 0x26, 0x57, // 36: TTL 64, protocol 6 = TCP, checksum
    0x0a, 0x00, 0x00, 0x02, // 40: source 10.0.0.2
    0x0a, 0x00, 0x00, 0x01, // 44: destination 10.0.0.1
    0x9c, 0x41, 0x00, 0x50, // 48: quoted TCP: ports 40001 -> 80
    0x00, 0xbc, 0x61, 0x4e, // 52: sequence number 12345678; the quote ends here
];

/// Time Exceeded (TTL, code 0) from router 10.0.0.254 quoting the same TCP
/// segment whole: a SYN, window 64240, checksum 0xa253 (correct).
pub const TIME_EXCEEDED_TCP: [u8; 68] = [
    0x45, 0x00, 0x00, 0x44, // 0: IHL 5; total length 68
    0x00, 0x01, 0x40, 0x00, // 4
    0x40, 0x01, 0x25, 0xb9, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0xfe, // 12: source 10.0.0.254 (the router)
    0x0a, 0x00, 0x00, 0x02, // 16: destination 10.0.0.2
    0x0b, 0x00, 0x09, 0x1d, // 20: type 11, code 0, checksum 0x091d
    0x00, 0x00, 0x00, 0x00, // 24: unused
    0x45, 0x00, 0x00, 0x28, // 28: quoted IPv4 (as in SOURCE_QUENCH)
    0x00, 0x77, 0x40, 0x00, // 32
    0x40, 0x06, 0x26, 0x57, // 36
    0x0a, 0x00, 0x00, 0x02, // 40
    0x0a, 0x00, 0x00, 0x01, // 44
    0x9c, 0x41, 0x00, 0x50, // 48: quoted TCP: ports 40001 -> 80
    0x00, 0xbc, 0x61, 0x4e, // 52: sequence number 12345678
    0x00, 0x00, 0x00, 0x00, // 56: acknowledgment number 0
    0x50, 0x02, 0xfa, 0xf0, // 60: data offset 5, flags SYN; window 64240
    0xa2, 0x53, 0x00, 0x00, // 64: checksum 0xa253; urgent pointer 0
];

/// Timestamp request: identifier 7, sequence 2, originate 3723004 ms
/// (01:02:03.004 UT), receive and transmit 0.
pub const TIMESTAMP: [u8; 40] = [
    0x45, 0x00, 0x00, 0x28, // 0: IHL 5; total length 40
    0x00, 0x01, 0x40, 0x00, // 4
    0x40, 0x01, 0x26, 0xd2, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0x01, // 12: source 10.0.0.1
    0x0a, 0x00, 0x00, 0x02, // 16: destination 10.0.0.2
    0x0d, 0x00, 0x23, 0xc2, // 20: type 13, code 0, checksum 0x23c2
    0x00, 0x07, 0x00, 0x02, // 24: identifier 7, sequence number 2
    0x00, 0x38, 0xce, 0xfc, // 28: originate timestamp 3723004
    0x00, 0x00, 0x00, 0x00, // 32: receive timestamp 0
    0x00, 0x00, 0x00, 0x00, // 36: transmit timestamp 0
];

/// Address Mask Reply: identifier 7, sequence 2, mask 255.255.255.0.
pub const ADDRESS_MASK_REPLY: [u8; 32] = [
    0x45, 0x00, 0x00, 0x20, // 0: IHL 5; total length 32
    0x00, 0x01, 0x40, 0x00, // 4
    0x40, 0x01, 0x26, 0xda, // 8: TTL 64, ICMP, header checksum
    0x0a, 0x00, 0x00, 0x01, // 12: source 10.0.0.1
    0x0a, 0x00, 0x00, 0x02, // 16: destination 10.0.0.2
    0x12, 0x00, 0xee, 0xf5, // 20: type 18, code 0, checksum 0xeef5
    0x00, 0x07, 0x00, 0x02, // 24: identifier 7, sequence number 2
    0xff, 0xff, 0xff, 0x00, // 28: address mask 255.255.255.0
];

/// ICMPv6 Destination Unreachable, Port Unreachable (code 4), fd00::1 ->
/// fd00::2, quoting an IPv6 header and the first 8 bytes of a TCP segment
/// fd00::2:40001 -> fd00::1:80.
pub const ICMPV6_QUOTING_TCP: [u8; 96] = [
    0x60, 0x00, 0x00, 0x00, // 0: version 6
    0x00, 0x38, 0x3a, 0x40, // 4: payload length 56, next header 58 = ICMPv6, hop limit 64
    0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8: source fd00::1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // 16
    0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 24: destination fd00::2
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // 32
    0x01, 0x04, 0xa5, 0x8f, // 40: type 1, code 4, checksum 0xa58f
    0x00, 0x00, 0x00, 0x00, // 44: unused
    0x60, 0x00, 0x00, 0x00, // 48: quoted IPv6
    0x00, 0x14, 0x06, 0x40, // 52: payload length 20, next header 6 = TCP, hop limit 64
    0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 56: source fd00::2
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // 64
    0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 72: destination fd00::1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // 80
    0x9c, 0x41, 0x00, 0x50, // 88: quoted TCP: ports 40001 -> 80
    0x00, 0xbc, 0x61, 0x4e, // 92: sequence number 12345678; the quote ends here
];

// ---------------------------------------------------------------------------
// Reading the binary's tables and JSON.
// ---------------------------------------------------------------------------

/// `decode` of one raw-IP packet with `extra` arguments; exit 0 required.
pub fn decode(packet: &[u8], extra: &[&str]) -> String {
    let out = stackviz()
        .args([
            "decode", "--link", "raw-ip", "--color", "never", "--width", "120",
        ])
        .args(extra)
        .arg(hex(packet))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The JSON document of one raw-IP packet.
pub fn json(packet: &[u8]) -> Value {
    serde_json::from_str(&decode(packet, &["--format", "json"])).unwrap()
}

/// The JSON documents of every frame of the capture file `path`.
pub fn decode_file(path: &std::path::Path) -> Vec<Value> {
    let out = stackviz()
        .args(["decode", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    json_lines(&out.stdout)
}

/// The rows of every table, as (layer heading, field, bytes, value,
/// meaning); a meaning wrapped over several lines is joined again.
pub fn rows(text: &str) -> Vec<[String; 5]> {
    let mut heading = String::new();
    let mut out: Vec<[String; 5]> = Vec::new();
    for line in text.lines() {
        // "Network layer · ICMP · 12 bytes", "网络层 · ICMP · 12 字节".
        if line.contains(" · ") && !line.starts_with('│') {
            heading = line.to_string();
            continue;
        }
        let Some(inner) = line.strip_prefix('│').and_then(|l| l.strip_suffix('│')) else {
            continue;
        };
        let cells: Vec<String> = inner.split('┆').map(|c| c.trim().to_string()).collect();
        if cells.len() != 5 || cells[0] == "field" {
            continue;
        }
        if cells[0].is_empty() {
            if let Some(last) = out.last_mut() {
                // English wraps at a space; Chinese wraps between any two
                // characters.
                let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii());
                let gap = if ascii(last[4].chars().last()) && ascii(cells[4].chars().next()) {
                    " "
                } else {
                    ""
                };
                last[4] = format!("{}{gap}{}", last[4], cells[4]);
            }
            continue;
        }
        out.push([
            heading.clone(),
            cells[0].clone(),
            cells[1].clone(),
            cells[3].clone(),
            cells[4].clone(),
        ]);
    }
    out
}

/// (bytes, value, meaning) of the row `field` in the table whose heading
/// names `layer`.
pub fn row(text: &str, layer: &str, field: &str) -> (String, String, String) {
    rows(text)
        .into_iter()
        .find(|r| r[0].contains(&format!("· {layer} ·")) && r[1] == field)
        .map(|r| (r[2].clone(), r[3].clone(), r[4].clone()))
        .unwrap_or_else(|| panic!("no row {field} in layer {layer}:\n{text}"))
}

/// The verdict of the ICMP checksum check, or None when there is no check.
pub fn icmp_verdict(doc: &Value) -> Option<String> {
    try_check(doc, "icmp.checksum").map(|c| c["verdict"]["status"].as_str().unwrap().to_string())
}

/// `packet` with its ICMP code set to `code` and the ICMP checksum redone
/// (RFC 1071), for packets with a 20-byte IPv4 header.
pub fn with_code(packet: &[u8], code: u8) -> Vec<u8> {
    let mut p = packet.to_vec();
    p[21] = code;
    p[22] = 0;
    p[23] = 0;
    let checksum = internet_checksum(&[&p[20..]]);
    p[22..24].copy_from_slice(&checksum.to_be_bytes());
    p
}

/// The echo request captured with a snap length of 30: 2 of its 4 data
/// bytes are missing.
pub fn cut_echo() -> (Vec<u8>, usize) {
    (ECHO_REQUEST[..30].to_vec(), ECHO_REQUEST.len())
}
