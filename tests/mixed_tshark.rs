//! A mixed capture (UDP over IPv4 and IPv6, TCP SYN with options, ARP, ICMP
//! and ICMPv6 echo, a VLAN-tagged frame) decoded by `stackviz decode` and by
//! tshark: the field values must agree. Outside CI it skips without tshark.

mod common;

use std::process::Command;

use common::{json_lines, stackviz, TempDir, LINK_ETHERNET, RUN_LIMIT};
use etherparse::{PacketBuilder, TcpHeader, TcpOptionElement, VlanId};
use serde_json::Value;

const A: [u8; 6] = [2, 0, 0, 0, 0, 1];
const B: [u8; 6] = [2, 0, 0, 0, 0, 2];
const IP_A: [u8; 4] = [10, 0, 0, 1];
const IP_B: [u8; 4] = [10, 0, 0, 2];
const IP6_A: [u8; 16] = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const IP6_B: [u8; 16] = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];

fn frames() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut push = |f: Vec<u8>| {
        let mut f = f;
        if f.len() < 60 {
            f.resize(60, 0);
        }
        out.push(f);
    };
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv4(IP_A, IP_B, 64)
        .udp(40000, 15001)
        .write(&mut f, b"Hello!!")
        .unwrap();
    push(f);
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv6(IP6_A, IP6_B, 64)
        .udp(40000, 15001)
        .write(&mut f, b"Hello!!")
        .unwrap();
    push(f);
    let mut tcp = TcpHeader::new(40001, 80, 123_456, 64_240);
    tcp.syn = true;
    tcp.set_options(&[
        TcpOptionElement::MaximumSegmentSize(1460),
        TcpOptionElement::SelectiveAcknowledgementPermitted,
        TcpOptionElement::Timestamp(99, 0),
        TcpOptionElement::Noop,
        TcpOptionElement::WindowScale(7),
    ])
    .unwrap();
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv4(IP_A, IP_B, 64)
        .tcp_header(tcp)
        .write(&mut f, &[])
        .unwrap();
    push(f);
    // ARP request by hand: who has 10.0.0.2? tell 10.0.0.1.
    let mut f = vec![0xff; 6];
    f.extend_from_slice(&A);
    f.extend_from_slice(&[0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4, 0, 1]);
    f.extend_from_slice(&A);
    f.extend_from_slice(&IP_A);
    f.extend_from_slice(&[0; 6]);
    f.extend_from_slice(&IP_B);
    push(f);
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv4(IP_A, IP_B, 64)
        .icmpv4_echo_request(7, 1)
        .write(&mut f, b"ping")
        .unwrap();
    push(f);
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv6(IP6_A, IP6_B, 64)
        .icmpv6_echo_request(7, 1)
        .write(&mut f, b"ping")
        .unwrap();
    push(f);
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .single_vlan(VlanId::try_new(42).unwrap())
        .ipv4(IP_A, IP_B, 64)
        .udp(40002, 53)
        .write(&mut f, b"vlan")
        .unwrap();
    push(f);
    out
}

/// tshark's value for a field, first occurrence, as text.
fn shark<'a>(layers: &'a Value, proto: &str, key: &str) -> Option<&'a Value> {
    fn find<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
        match v {
            Value::Object(m) => m.get(key).or_else(|| m.values().find_map(|c| find(c, key))),
            Value::Array(a) => a.iter().find_map(|c| find(c, key)),
            _ => None,
        }
    }
    find(&layers[proto], key)
}

fn ours<'a>(doc: &'a Value, id: &str) -> Option<&'a Value> {
    doc["layers"]
        .as_array()?
        .iter()
        .flat_map(|l| l["fields"].as_array().into_iter().flatten())
        .find(|f| f["id"] == id)
        .map(|f| &f["value"])
}

fn number(v: &Value) -> u64 {
    match v {
        Value::Number(n) => n.as_u64().unwrap(),
        Value::String(s) if s.starts_with("0x") => u64::from_str_radix(&s[2..], 16).unwrap(),
        Value::String(s) => s.parse().unwrap(),
        other => panic!("not a number: {other}"),
    }
}

#[test]
fn stackviz_and_tshark_agree_on_a_mixed_capture() {
    if !common::tshark_available("stackviz_and_tshark_agree_on_a_mixed_capture") {
        return;
    }
    let dir = TempDir::new("mixed");
    let pcap = dir.join("mixed.pcap");
    common::write_pcap(&pcap, LINK_ETHERNET, &frames());

    let out = common::succeeded(stackviz().args(["decode", "--format", "json"]).arg(&pcap));
    let docs = json_lines(&out.stdout);
    let mut cmd = Command::new("tshark");
    cmd.args(["-n", "-r"])
        .arg(&pcap)
        .args([
            "-o",
            "tcp.relative_sequence_numbers:FALSE",
            "-o",
            "tcp.check_checksum:TRUE",
            "-o",
            "udp.check_checksum:TRUE",
            "-o",
            "ip.check_checksum:TRUE",
        ])
        .args(["-T", "json", "--no-duplicate-keys"]);
    let out = common::output_within(&mut cmd, RUN_LIMIT);
    let shark_docs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(docs.len(), shark_docs.len());

    let mut compared = 0;
    let mut check = |i: usize, proto: &str, key: &str, id: &str| {
        let theirs = shark(&shark_docs[i]["_source"]["layers"], proto, key)
            .unwrap_or_else(|| panic!("tshark has no {key} in frame {}", i + 1));
        let mine =
            ours(&docs[i], id).unwrap_or_else(|| panic!("stackviz has no {id} in frame {}", i + 1));
        match (theirs, mine) {
            (Value::String(t), Value::String(m))
                if !t.starts_with("0x") && t.parse::<u64>().is_err() =>
            {
                assert_eq!(t, m, "frame {} {key}", i + 1)
            }
            (t, m) => assert_eq!(number(t), number(m), "frame {} {key} vs {id}", i + 1),
        }
        compared += 1;
    };
    // 1: UDP over IPv4.
    for (key, id) in [
        ("udp.srcport", "udp.src_port"),
        ("udp.dstport", "udp.dst_port"),
        ("udp.length", "udp.length"),
        ("udp.checksum", "udp.checksum"),
    ] {
        check(0, "udp", key, id);
    }
    for (key, id) in [
        ("ip.ttl", "ipv4.ttl"),
        ("ip.src", "ipv4.src"),
        ("ip.len", "ipv4.total_length"),
        ("ip.checksum", "ipv4.checksum"),
    ] {
        check(0, "ip", key, id);
    }
    // 2: UDP over IPv6.
    for (key, id) in [
        ("ipv6.plen", "ipv6.payload_length"),
        ("ipv6.nxt", "ipv6.next_header"),
        ("ipv6.hlim", "ipv6.hop_limit"),
        ("ipv6.src", "ipv6.src"),
        ("ipv6.dst", "ipv6.dst"),
    ] {
        check(1, "ipv6", key, id);
    }
    check(1, "udp", "udp.checksum", "udp.checksum");
    // 3: TCP SYN with options.
    for (key, id) in [
        ("tcp.srcport", "tcp.src_port"),
        ("tcp.dstport", "tcp.dst_port"),
        ("tcp.seq_raw", "tcp.seq"),
        ("tcp.window_size_value", "tcp.window"),
        ("tcp.flags.syn", "tcp.flags.syn"),
        ("tcp.flags.ack", "tcp.flags.ack"),
        ("tcp.checksum", "tcp.checksum"),
    ] {
        check(2, "tcp", key, id);
    }
    // 4: ARP.
    for (key, id) in [
        ("arp.opcode", "arp.oper"),
        ("arp.src.proto_ipv4", "arp.spa"),
        ("arp.dst.proto_ipv4", "arp.tpa"),
        ("arp.src.hw_mac", "arp.sha"),
    ] {
        check(3, "arp", key, id);
    }
    // 5: ICMP echo; 6: ICMPv6 echo.
    check(4, "icmp", "icmp.type", "icmp.type");
    check(4, "icmp", "icmp.checksum", "icmp.checksum");
    check(5, "icmpv6", "icmpv6.type", "icmpv6.type");
    check(5, "icmpv6", "icmpv6.checksum", "icmpv6.checksum");
    // 7: VLAN 42 carrying UDP.
    check(6, "vlan", "vlan.id", "vlan.id");
    check(6, "vlan", "vlan.priority", "vlan.pcp");
    check(6, "udp", "udp.dstport", "udp.dst_port");
    assert!(compared >= 30, "{compared}");

    // Checksums: the checks each frame must carry, all correct in stackviz
    // and good in tshark (a missing check or status is a failure, not a pass).
    let expected: [&[(&str, &str)]; 7] = [
        &[("ip", "ipv4.checksum"), ("udp", "udp.checksum")],
        &[("udp", "udp.checksum")],
        &[("ip", "ipv4.checksum"), ("tcp", "tcp.checksum")],
        &[],
        &[("ip", "ipv4.checksum"), ("icmp", "icmp.checksum")],
        &[("icmpv6", "icmpv6.checksum")],
        &[("ip", "ipv4.checksum"), ("udp", "udp.checksum")],
    ];
    assert_eq!(docs.len(), expected.len());
    let mut verdicts = 0;
    for (i, doc) in docs.iter().enumerate() {
        let mut fields: Vec<String> = Vec::new();
        for c in doc["layers"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|l| l["checks"].as_array().into_iter().flatten())
        {
            assert_eq!(
                c["verdict"]["status"],
                "correct",
                "frame {} {}",
                i + 1,
                c["field"]
            );
            fields.push(c["field"].as_str().unwrap().to_string());
        }
        fields.sort();
        let mut want: Vec<String> = expected[i].iter().map(|(_, f)| f.to_string()).collect();
        want.sort();
        assert_eq!(fields, want, "the checks of frame {}", i + 1);
        assert!(
            doc.get("malformed").is_none(),
            "frame {} malformed: {}",
            i + 1,
            doc["malformed"]
        );
        for (proto, _) in expected[i] {
            let key = format!("{proto}.checksum.status");
            let status = shark(&shark_docs[i]["_source"]["layers"], proto, &key)
                .unwrap_or_else(|| panic!("tshark gave no {key} for frame {}", i + 1));
            assert_eq!(status, "1", "tshark {key} in frame {}", i + 1);
            verdicts += 1;
        }
    }
    assert_eq!(verdicts, 10, "every checksum judged by both");
}
