//! What the IP layer must get right (issue 14, items 7-9), checked through
//! the real binary on hand-made pcap files: the UDP/TCP pseudo-header of a
//! source-routed packet holds the final destination; a frame cut short by
//! the capture's snap length is a capture limit, not a malformed frame; a
//! first fragment's transport header is dissected. Checksums here are
//! computed by the test itself (RFC 1071), never by stackviz's code; tshark
//! confirms where it validates.

mod common;

use common::{
    cut_pcap_bytes as pcap, field, internet_checksum, protocols, try_check as check, TempFile,
};
use serde_json::Value;

// --- frame builders (the pcap writer and RFC 1071 are in tests/common) ------

fn ethernet(ether_type: u16, payload: &[u8]) -> Vec<u8> {
    let mut f = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1];
    f.extend(ether_type.to_be_bytes());
    f.extend(payload);
    f
}

/// An IPv4 header with `options` (a multiple of 4 bytes) and a correct
/// header checksum; `flags_fragment` is the 16-bit flags/offset word.
fn ipv4(
    options: &[u8],
    protocol: u8,
    dst: [u8; 4],
    flags_fragment: u16,
    payload: &[u8],
) -> Vec<u8> {
    let header_len = 20 + options.len();
    let total = (header_len + payload.len()) as u16;
    let mut h = vec![0x40 | (header_len / 4) as u8, 0];
    h.extend(total.to_be_bytes());
    h.extend([0x12, 0x34]);
    h.extend(flags_fragment.to_be_bytes());
    h.extend([64, protocol, 0, 0, 10, 0, 0, 1]);
    h.extend(dst);
    h.extend(options);
    let sum = internet_checksum(&[&h]);
    h[10..12].copy_from_slice(&sum.to_be_bytes());
    h.extend(payload);
    h
}

/// A UDP datagram whose checksum covers `pseudo_dst` (IPv4 pseudo-header,
/// source 10.0.0.1).
fn udp4(pseudo_dst: [u8; 4], data: &[u8]) -> Vec<u8> {
    let len = (8 + data.len()) as u16;
    let mut u = vec![0x9c, 0x40, 0x1f, 0x90];
    u.extend(len.to_be_bytes());
    u.extend([0, 0]);
    u.extend(data);
    let pseudo = [
        &[10, 0, 0, 1][..],
        &pseudo_dst,
        &[0, 17],
        &len.to_be_bytes(),
    ]
    .concat();
    let sum = internet_checksum(&[&pseudo, &u]);
    u[6..8].copy_from_slice(&sum.to_be_bytes());
    u
}

/// A TCP segment (20-byte header, PSH+ACK) whose checksum covers
/// `pseudo_dst` (IPv4 pseudo-header, source 10.0.0.1).
fn tcp4(pseudo_dst: [u8; 4], data: &[u8]) -> Vec<u8> {
    let mut t = vec![
        0x9c, 0x40, 0x1f, 0x90, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0,
    ];
    t.extend(data);
    let len = t.len() as u16;
    let pseudo = [&[10, 0, 0, 1][..], &pseudo_dst, &[0, 6], &len.to_be_bytes()].concat();
    let sum = internet_checksum(&[&pseudo, &t]);
    t[16..18].copy_from_slice(&sum.to_be_bytes());
    t
}

fn v6(last: u8) -> [u8; 16] {
    let mut a = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    a[15] = last;
    a
}

/// A UDP datagram whose checksum covers `pseudo_dst` (IPv6 pseudo-header,
/// source 2001:db8::1).
fn udp6(pseudo_dst: [u8; 16], data: &[u8]) -> Vec<u8> {
    let len = 8 + data.len() as u32;
    let mut u = vec![0x9c, 0x40, 0x1f, 0x90];
    u.extend((len as u16).to_be_bytes());
    u.extend([0, 0]);
    u.extend(data);
    let pseudo = [&v6(1)[..], &pseudo_dst, &len.to_be_bytes(), &[0, 0, 0, 17]].concat();
    let sum = internet_checksum(&[&pseudo, &u]);
    u[6..8].copy_from_slice(&sum.to_be_bytes());
    u
}

/// An IPv6 header (source 2001:db8::1) in front of `rest`.
fn ipv6(next: u8, dst: [u8; 16], rest: &[u8]) -> Vec<u8> {
    let mut h = vec![0x60, 0, 0, 0];
    h.extend((rest.len() as u16).to_be_bytes());
    h.extend([next, 64]);
    h.extend(v6(1));
    h.extend(dst);
    h.extend(rest);
    h
}

/// A Routing header of `kind` with `segments_left`, `head` (4 bytes) and
/// the addresses, followed by UDP (17).
fn routing(kind: u8, segments_left: u8, head: [u8; 4], addresses: &[[u8; 16]]) -> Vec<u8> {
    let mut r = vec![17, (addresses.len() * 2) as u8, kind, segments_left];
    r.extend(head);
    for a in addresses {
        r.extend(a);
    }
    r
}

// --- running the binary ----------------------------------------------------

fn write(name: &str, bytes: &[u8]) -> TempFile {
    TempFile::with(&format!("{name}.pcap"), bytes)
}

/// `stackviz decode FILE ARGS`: stdout and exit code.
fn decode(path: &str, args: &[&str]) -> (String, i32) {
    let out = common::stackviz_at(200)
        .arg("decode")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    (common::text(&out.stdout), out.status.code().unwrap_or(-1))
}

/// One JSON document per frame.
fn json(path: &str) -> (Vec<Value>, i32) {
    let (out, code) = decode(path, &["--format", "json"]);
    (common::json_lines(out.as_bytes()), code)
}

/// tshark's fields for every frame, or None where tshark is missing and CI
/// is not set (in CI a missing tshark fails).
fn tshark(path: &str, prefs: &[&str], fields: &[&str]) -> Option<Vec<Vec<String>>> {
    if !common::tshark_available("the tshark cross-check") {
        return None;
    }
    let options: Vec<&str> = prefs.iter().flat_map(|p| ["-o", p]).collect();
    Some(common::tshark_fields(path, &options, fields))
}

// --- item 7: the final destination in the pseudo-header --------------------

const NEXT_HOP: [u8; 4] = [10, 0, 0, 2];
const FINAL: [u8; 4] = [10, 0, 0, 9];

/// An IPv4 source route option (`kind` 131 or 137) through 10.0.0.5 to
/// 10.0.0.9, pointer at the first address, then a NOP to fill the word.
fn source_route(kind: u8) -> Vec<u8> {
    let mut o = vec![kind, 11, 4, 10, 0, 0, 5];
    o.extend(FINAL);
    o.push(1);
    o
}

#[test]
fn a_source_routed_udp_checksum_over_the_final_destination_is_correct() {
    let data = b"routed";
    let frames: Vec<(Vec<u8>, usize)> = [131, 137]
        .iter()
        .map(|&kind| {
            let f = ethernet(
                0x0800,
                &ipv4(&source_route(kind), 17, NEXT_HOP, 0, &udp4(FINAL, data)),
            );
            let len = f.len();
            (f, len)
        })
        .collect();
    let file = write("lsrr", &pcap(1, &frames));
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    for (doc, option) in docs.iter().zip(["Loose", "Strict"]) {
        assert_eq!(field(doc, "ipv4.dst")["value"], "10.0.0.2");
        let udp = check(doc, "udp.checksum").expect("a UDP check");
        assert_eq!(udp["verdict"]["status"], "correct", "{udp}");
        let dst = udp["pseudo_header"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == "pseudo.dst")
            .unwrap();
        assert_eq!(dst["value"], "10.0.0.9");
        let why = dst["meaning"].as_str().unwrap();
        assert!(
            why.starts_with(&format!(
                "final destination from the {option} Source Route option"
            )),
            "{why}"
        );
    }
    // The worked computation in the table says which address and why.
    let (text, _) = decode(file.path(), &[]);
    assert!(
        text.contains("note: the checksum's pseudo-header holds 10.0.0.9, the final destination from the Loose Source Route option (its last address)"),
        "{text}"
    );
    assert!(!text.contains("incorrect"), "{text}");
    // The same frame with the checksum over the header's Destination
    // Address (what stackviz used before) is now called incorrect.
    let wrong = ethernet(
        0x0800,
        &ipv4(&source_route(131), 17, NEXT_HOP, 0, &udp4(NEXT_HOP, data)),
    );
    let len = wrong.len();
    let file2 = write("lsrr-wrong", &pcap(1, &[(wrong, len)]));
    let (docs, _) = json(file2.path());
    assert_eq!(
        check(&docs[0], "udp.checksum").unwrap()["verdict"]["status"],
        "incorrect"
    );
    if let Some(rows) = tshark(
        file.path(),
        &["udp.check_checksum:TRUE"],
        &["udp.checksum.status"],
    ) {
        // tshark: 1 = good.
        assert_eq!(rows, [["1"], ["1"]], "tshark's UDP checksum status");
    }
}

#[test]
fn a_used_up_source_route_leaves_the_destination_field_as_the_final_one() {
    // Pointer 12: past the last address, the route is done, the Destination
    // Address field holds the final destination.
    let mut option = source_route(131);
    option[2] = 12;
    let f = ethernet(0x0800, &ipv4(&option, 17, FINAL, 0, &udp4(FINAL, b"done")));
    let len = f.len();
    let file = write("lsrr-done", &pcap(1, &[(f, len)]));
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    let udp = check(&docs[0], "udp.checksum").unwrap();
    assert_eq!(udp["verdict"]["status"], "correct");
    let dst = &udp["pseudo_header"][1];
    assert_eq!(dst["meaning"], "copied from the IPv4 header");
}

#[test]
fn an_ipv6_routing_header_puts_the_final_destination_in_the_pseudo_header() {
    let data = b"segment";
    let next_hop = v6(2);
    let final_dst = v6(9);
    // Type 0: the route's last address. Type 2: the home address. Type 4
    // (SRH): segment list entry 0, the last segment; Last Entry 1.
    // (routing type, its 4 bytes after Segments Left, addresses, source named)
    type Case = (u8, [u8; 4], Vec<[u8; 16]>, &'static str);
    let cases: [Case; 3] = [
        (
            0,
            [0; 4],
            vec![v6(5), final_dst],
            "Routing header (type 0, its last address)",
        ),
        (
            2,
            [0; 4],
            vec![final_dst],
            "Routing header (type 2, the home address)",
        ),
        (
            4,
            [1, 0, 0, 0],
            vec![final_dst, next_hop],
            "Segment Routing Header (segment list entry 0, the last segment)",
        ),
    ];
    let frames: Vec<(Vec<u8>, usize)> = cases
        .iter()
        .map(|(kind, head, list, _)| {
            let mut rest = routing(*kind, 1, *head, list);
            rest.extend(udp6(final_dst, data));
            let f = ethernet(0x86dd, &ipv6(43, next_hop, &rest));
            let len = f.len();
            (f, len)
        })
        .collect();
    let file = write("rh", &pcap(1, &frames));
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    for (doc, (_, _, _, why)) in docs.iter().zip(&cases) {
        let udp = check(doc, "udp.checksum").expect("a UDP check");
        assert_eq!(udp["verdict"]["status"], "correct", "{why}: {udp}");
        assert_eq!(udp["pseudo_header"][1]["value"], "2001:db8::9");
        let meaning = udp["pseudo_header"][1]["meaning"].as_str().unwrap();
        assert!(
            meaning.starts_with(&format!("final destination from the {why}")),
            "{meaning}"
        );
        assert!(meaning.contains("RFC 8200 section 8.1"));
    }
    // With segments left 0 the header's Destination Address is final.
    let mut rest = routing(0, 0, [0; 4], &[v6(5)]);
    rest.extend(udp6(final_dst, data));
    let f = ethernet(0x86dd, &ipv6(43, final_dst, &rest));
    let len = f.len();
    let file2 = write("rh-done", &pcap(1, &[(f, len)]));
    let (docs, _) = json(file2.path());
    let udp = check(&docs[0], "udp.checksum").unwrap();
    assert_eq!(udp["verdict"]["status"], "correct");
    assert_eq!(
        udp["pseudo_header"][1]["meaning"],
        "copied from the IPv6 header"
    );
    if let Some(rows) = tshark(
        file.path(),
        &["udp.check_checksum:TRUE"],
        &["udp.checksum.status"],
    ) {
        assert_eq!(rows, [["1"], ["1"], ["1"]], "tshark's UDP checksum status");
    }
}

// --- item 8: cut short by the capture --------------------------------------

/// Ethernet, IPv4 to 10.0.0.2, UDP with `size` bytes of data.
fn plain_udp(size: usize) -> Vec<u8> {
    ethernet(
        0x0800,
        &ipv4(&[], 17, NEXT_HOP, 0, &udp4(NEXT_HOP, &vec![b'x'; size])),
    )
}

#[test]
fn a_frame_cut_by_the_snap_length_is_a_capture_limit_not_malformed() {
    let whole = plain_udp(200);
    let original = whole.len(); // 242
                                // Cut in the UDP data, and cut inside the IPv4 header.
    let in_data = whole[..64].to_vec();
    let in_header = whole[..24].to_vec();
    let file = write(
        "snap",
        &pcap(1, &[(in_data, original), (in_header, original)]),
    );
    let (text, code) = decode(file.path(), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("MALFORMED"), "{text}");
    assert!(
        text.contains("Frame 1: 64 bytes (cut short by the capture at 64 of 242 bytes)"),
        "{text}"
    );
    assert!(text.contains(
        "note: cut short by the capture at 64 of 242 bytes: the rest was on the wire but not saved"
    ));
    assert!(text.contains("not verifiable: the datagram is cut short"));
    assert!(text.contains(
        "the saved bytes run out in IPv4 at offset 14: IPv4 header needs 20 bytes, 10 left at offset 14"
    ), "{text}");
    assert!(text.contains(
        "2 frames read, 2 shown, 0 malformed, 2 cut short by the capture (not counted as malformed)"
    ), "{text}");
    let (zh, code) = decode(file.path(), &["--lang", "zh"]);
    assert_eq!(code, 0);
    assert!(
        zh.contains("被抓包截短：线路上 242 字节，只保存了 64 字节"),
        "{zh}"
    );
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    let first = &docs[0];
    assert!(first.get("malformed").is_none(), "{first}");
    assert_eq!(first["cut_short"]["captured"], 64);
    assert_eq!(first["cut_short"]["original"], 242);
    assert_eq!(first["original_length"], 242);
    assert!(check(first, "udp.checksum").is_none());
    assert_eq!(
        field(first, "udp.checksum")["meaning"],
        "not verifiable: the datagram is cut short"
    );
    // The layer that runs out is UDP (its length reaches past byte 64).
    let udp = first["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["protocol"] == "UDP")
        .unwrap();
    assert_eq!(
        udp["notes"].as_array().unwrap().last().unwrap(),
        "cut short by the capture at 64 of 242 bytes: the rest was on the wire but not saved"
    );
    assert_eq!(docs[1]["cut_short"]["ran_out"]["protocol"], "IPv4");
    assert!(docs[1].get("malformed").is_none());
    let (summary, code) = decode(file.path(), &["--summary"]);
    assert_eq!(code, 0);
    assert!(
        summary.contains("cut short by the capture at 24 of 242 bytes"),
        "{summary}"
    );
    assert!(!summary.contains("MALFORMED"), "{summary}");
}

#[test]
fn an_arp_message_cut_by_the_capture_is_not_malformed_either() {
    // Any protocol: a 28-byte ARP request of which 16 bytes were saved.
    let mut arp = vec![0, 1, 8, 0, 6, 4, 0, 1];
    arp.extend([0; 20]);
    let whole = ethernet(0x0806, &arp);
    let file = write("snap-arp", &pcap(1, &[(whole[..30].to_vec(), 60)]));
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    assert!(docs[0].get("malformed").is_none(), "{}", docs[0]);
    assert_eq!(docs[0]["cut_short"]["ran_out"]["protocol"], "ARP");
    assert_eq!(docs[0]["cut_short"]["ran_out"]["offset"], 14);
    // The same 30 bytes as the whole frame: a malformed ARP message.
    let file = write("short-arp", &pcap(1, &[(whole[..30].to_vec(), 30)]));
    let (docs, code) = json(file.path());
    assert_eq!(code, 1);
    assert_eq!(docs[0]["malformed"]["protocol"], "ARP");
}

#[test]
fn a_frame_really_malformed_stays_malformed_even_when_cut() {
    // Version 5 in the IP header: malformed whatever the missing bytes held.
    let mut bad = plain_udp(200);
    let original = bad.len();
    bad[14] = 0x55;
    bad.truncate(64);
    let file = write("snap-bad", &pcap(1, &[(bad, original)]));
    let (text, code) = decode(file.path(), &[]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("MALFORMED: IPv4 at offset 14: IPv4 version field is 5, not 4"),
        "{text}"
    );
}

#[test]
fn a_length_beyond_the_frame_is_malformed_alike_for_ipv4_and_ipv6_unless_the_capture_cut_it() {
    // caplen == len: the packet itself is shorter than its length field.
    let v4 = plain_udp(200)[..64].to_vec();
    let mut rest = udp6(v6(2), &[b'x'; 200]);
    let v6_frame = ethernet(0x86dd, &ipv6(17, v6(2), &rest))[..84].to_vec();
    rest.clear();
    let file = write(
        "short",
        &pcap(1, &[(v4.clone(), 64), (v6_frame.clone(), 84)]),
    );
    let (docs, code) = json(file.path());
    assert_eq!(code, 1);
    assert_eq!(
        docs[0]["malformed"]["message"],
        "IPv4 total length says 228 bytes, 50 left at offset 14"
    );
    assert_eq!(
        docs[1]["malformed"]["message"],
        "IPv6 payload needs 208 bytes (Payload Length), 30 left at offset 54"
    );
    // The same bytes with the original lengths saying the capture cut them.
    let file2 = write("short-cut", &pcap(1, &[(v4, 242), (v6_frame, 262)]));
    let (docs, code) = json(file2.path());
    assert_eq!(code, 0);
    for doc in &docs {
        assert!(doc.get("malformed").is_none(), "{doc}");
        assert!(doc["cut_short"]["ran_out"]["message"].is_string(), "{doc}");
    }
}

// --- item 9: first fragments ----------------------------------------------

#[test]
fn a_first_ipv4_fragment_shows_its_udp_header_and_a_later_one_its_offset() {
    // A 1008-byte UDP datagram (checksum over all of it) in two fragments:
    // 104 bytes at offset 0 (MF), the other 904 at offset 13 (104 / 8).
    let datagram = udp4(NEXT_HOP, &[b'f'; 1000]);
    let first = ethernet(0x0800, &ipv4(&[], 17, NEXT_HOP, 0x2000, &datagram[..104]));
    let later = ethernet(0x0800, &ipv4(&[], 17, NEXT_HOP, 13, &datagram[104..]));
    let frames = vec![(first.clone(), first.len()), (later.clone(), later.len())];
    let file = write("frag4", &pcap(1, &frames));
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    let d = &docs[0];
    assert_eq!(
        protocols(d),
        ["Ethernet II", "IPv4", "UDP", "application data"]
    );
    assert_eq!(field(d, "udp.src_port")["value"], 40000);
    assert_eq!(field(d, "udp.length")["value"], 1008);
    assert!(check(d, "udp.checksum").is_none());
    assert!(field(d, "udp.checksum")["meaning"]
        .as_str()
        .unwrap()
        .starts_with("not verifiable from one fragment"));
    let udp = &d["layers"][2];
    assert!(udp["notes"].as_array().unwrap().iter().any(|n| n
        == "dissected from the first fragment: this header and the first 96 bytes after it are here; the rest of the datagram comes in later fragments"), "{udp}");
    assert!(d["layers"][1]["notes"].as_array().unwrap().iter().any(|n| n
        .as_str()
        .unwrap()
        .starts_with("this packet is the first fragment")));
    let d = &docs[1];
    assert_eq!(protocols(d), ["Ethernet II", "IPv4", "IPv4 fragment data"]);
    assert_eq!(d["layers"][2]["notes"][0], "fragment offset 13 × 8: bytes 104-1007 of the datagram's payload; the transport header was in the first fragment");
    let (text, _) = decode(file.path(), &[]);
    assert!(!text.contains("incorrect"), "{text}");
    if let Some(rows) = tshark(
        file.path(),
        &["ip.defragment:FALSE"],
        &["ip.frag_offset", "ip.flags.mf", "udp.srcport", "udp.length"],
    ) {
        assert_eq!(rows[0], ["0", "1", "40000", "1008"]);
        // tshark counts the offset in 8-byte units here, as the field does.
        assert_eq!(rows[1][..3], ["13", "0", ""]);
    }
}

#[test]
fn a_first_ipv6_fragment_shows_its_udp_header() {
    let datagram = udp6(v6(2), &[b'g'; 100]);
    // Fragment header: next 17, offset 0, M 1, identification 7.
    let mut rest = vec![17, 0, 0x00, 0x01, 0, 0, 0, 7];
    rest.extend(&datagram[..56]);
    let first = ethernet(0x86dd, &ipv6(44, v6(2), &rest));
    let mut rest = vec![17, 0, 0x00, 0x38, 0, 0, 0, 7]; // offset 7 (56 bytes), M 0
    rest.extend(&datagram[56..]);
    let later = ethernet(0x86dd, &ipv6(44, v6(2), &rest));
    let frames = vec![(first.clone(), first.len()), (later.clone(), later.len())];
    let file = write("frag6", &pcap(1, &frames));
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    let d = &docs[0];
    assert_eq!(
        protocols(d),
        [
            "Ethernet II",
            "IPv6",
            "IPv6 Fragment header",
            "UDP",
            "application data"
        ]
    );
    assert_eq!(field(d, "udp.length")["value"], 108);
    assert!(check(d, "udp.checksum").is_none());
    let d = &docs[1];
    assert_eq!(
        protocols(d),
        [
            "Ethernet II",
            "IPv6",
            "IPv6 Fragment header",
            "IPv6 fragment data"
        ]
    );
    assert_eq!(d["layers"][3]["notes"][1], "fragment offset 7 × 8: bytes 56-107 of the datagram's payload; the transport header was in the first fragment");
    if let Some(rows) = tshark(
        file.path(),
        &["ipv6.defragment:FALSE"],
        &[
            "ipv6.fraghdr.offset",
            "ipv6.fraghdr.more",
            "udp.srcport",
            "udp.length",
        ],
    ) {
        assert_eq!(rows[0], ["0", "1", "40000", "108"]);
        assert_eq!(rows[1][..3], ["7", "0", ""]);
    }
}

#[test]
fn a_source_routed_tcp_checksum_over_the_final_destination_is_correct() {
    let f = ethernet(
        0x0800,
        &ipv4(&source_route(131), 6, NEXT_HOP, 0, &tcp4(FINAL, b"hello")),
    );
    let len = f.len();
    let file = write("lsrr-tcp", &pcap(1, &[(f, len)]));
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    let tcp = check(&docs[0], "tcp.checksum").expect("a TCP check");
    assert_eq!(tcp["verdict"]["status"], "correct", "{tcp}");
    assert_eq!(tcp["pseudo_header"][1]["value"], "10.0.0.9");
    if let Some(rows) = tshark(
        file.path(),
        &["tcp.check_checksum:TRUE"],
        &["tcp.checksum.status"],
    ) {
        assert_eq!(rows, [["1"]], "tshark's TCP checksum status");
    }
}

#[test]
fn a_first_fragment_with_tcp_or_too_few_bytes_is_not_called_wrong() {
    // TCP: 40 bytes of a longer segment in the first fragment (MF set).
    let segment = tcp4(NEXT_HOP, &[b't'; 100]);
    let tcp_first = ethernet(0x0800, &ipv4(&[], 6, NEXT_HOP, 0x2000, &segment[..40]));
    // A "tiny fragment" (RFC 1858): 8 bytes, too few for a TCP header.
    let tiny = ethernet(0x0800, &ipv4(&[], 6, NEXT_HOP, 0x2000, &segment[..8]));
    let frames = vec![
        (tcp_first.clone(), tcp_first.len()),
        (tiny.clone(), tiny.len()),
    ];
    let file = write("frag-tcp", &pcap(1, &frames));
    let (docs, code) = json(file.path());
    assert_eq!(code, 0);
    let d = &docs[0];
    assert_eq!(field(d, "tcp.src_port")["value"], 40000);
    assert!(check(d, "tcp.checksum").is_none(), "{d}");
    assert!(field(d, "tcp.checksum")["meaning"]
        .as_str()
        .unwrap()
        .starts_with("not verifiable from one fragment"));
    let d = &docs[1];
    assert!(d.get("malformed").is_none(), "{d}");
    assert_eq!(protocols(d).last().unwrap(), "first fragment data");
    let note = d["layers"][2]["notes"][0].as_str().unwrap();
    assert!(
        note.starts_with("the first fragment, too short for the whole TCP header (TCP header needs 20 bytes, 8 left"),
        "{note}"
    );
}
