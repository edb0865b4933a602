//! tshark reads the golden frames the same way: field values and checksum
//! verdicts agree (skips without tshark, fails under CI).

mod common;

use common::dissection::*;
use common::frames::*;
use common::{write_pcap, TempDir, RUN_LIMIT};
use stackviz::dissect::{dissect_ethernet, dissect_linux_sll, Fcs};
use stackviz::model::{CheckVerdict, Dissection};
use std::process::Command;

// ---------------------------------------------------------------------------
// tshark, when installed, reads the same frames the same way.
// ---------------------------------------------------------------------------

fn tshark_json(path: &std::path::Path) -> Vec<serde_json::Value> {
    let mut cmd = Command::new("tshark");
    cmd.arg("-n")
        .arg("-r")
        .arg(path)
        .args(["-o", "tcp.check_checksum:TRUE"])
        .args(["-o", "udp.check_checksum:TRUE"])
        .args(["-o", "ip.check_checksum:TRUE"])
        .args(["-o", "tcp.relative_sequence_numbers:FALSE"])
        .args(["-T", "json", "--no-duplicate-keys"]);
    let out = common::output_within(&mut cmd, RUN_LIMIT);
    assert!(
        out.status.success(),
        "tshark failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("tshark JSON");
    doc.as_array()
        .expect("an array of packets")
        .iter()
        .map(|p| p["_source"]["layers"].clone())
        .collect()
}

/// The first value of `key` anywhere in a packet, as text.
fn shark(packet: &serde_json::Value, key: &str) -> Option<String> {
    fn find<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
        match v {
            serde_json::Value::Object(m) => {
                m.get(key).or_else(|| m.values().find_map(|c| find(c, key)))
            }
            serde_json::Value::Array(a) => a.iter().find_map(|c| find(c, key)),
            _ => None,
        }
    }
    find(packet, key).map(|v| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a
            .first()
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_string(),
        other => other.to_string(),
    })
}

fn number_of(text: &str) -> u64 {
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).expect("hex"),
        None => text.parse().expect("a number"),
    }
}

#[test]
fn tshark_agrees_on_the_golden_frames() {
    if !common::tshark_available("tshark_agrees_on_the_golden_frames") {
        return;
    }
    let dir = TempDir::new("dissect-tshark");
    let mut wrong_v6 = IPV6_UDP;
    wrong_v6[61] = 0x8f;
    let ethernet = vec![
        VLAN_UDP.to_vec(),
        ARP_REQUEST.to_vec(),
        IPV6_UDP.to_vec(),
        wrong_v6.to_vec(),
        IPV6_HBH_FRAGMENT.to_vec(),
        TCP_SYN.to_vec(),
        TCP_SYN_ACK_V6.to_vec(),
        ICMPV6_ECHO.to_vec(),
        NEIGHBOR_SOLICITATION.to_vec(),
        NEIGHBOR_ADVERTISEMENT.to_vec(),
        IPV4_OPTIONS.to_vec(),
    ];
    let pcap = dir.join("ethernet.pcap");
    write_pcap(&pcap, common::LINK_ETHERNET, &ethernet);
    let packets = tshark_json(&pcap);
    assert_eq!(packets.len(), ethernet.len());
    let ours: Vec<Dissection> = ethernet
        .iter()
        .map(|f| dissect_ethernet(f, Fcs::Absent))
        .collect();
    let mut compared = 0;
    let mut same = |i: usize, key: &str, id: &str| {
        let theirs = shark(&packets[i], key)
            .unwrap_or_else(|| panic!("tshark has no {key} in frame {}", i + 1));
        let mine = field(&ours[i], id).value.to_string();
        match (number_of_opt(&theirs), number_of_opt(&mine)) {
            (Some(t), Some(m)) => assert_eq!(t, m, "frame {}: {key} vs {id}", i + 1),
            _ => assert_eq!(theirs, mine, "frame {}: {key} vs {id}", i + 1),
        }
        compared += 1;
    };
    same(0, "vlan.id", "vlan.id");
    same(0, "vlan.priority", "vlan.pcp");
    same(0, "vlan.etype", "vlan.type");
    same(0, "udp.srcport", "udp.src_port");
    same(1, "arp.opcode", "arp.oper");
    same(1, "arp.src.proto_ipv4", "arp.spa");
    same(1, "arp.dst.proto_ipv4", "arp.tpa");
    same(2, "ipv6.tclass.dscp", "ipv6.dscp");
    same(2, "ipv6.flow", "ipv6.flow_label");
    same(2, "ipv6.plen", "ipv6.payload_length");
    same(2, "ipv6.src", "ipv6.src");
    same(2, "udp.checksum", "udp.checksum");
    same(4, "ipv6.fraghdr.ident", "ipv6.frag.identification");
    same(4, "ipv6.fraghdr.more", "ipv6.frag.m");
    same(4, "ipv6.fraghdr.offset", "ipv6.frag.offset");
    same(5, "tcp.seq_raw", "tcp.seq");
    same(5, "tcp.options.mss_val", "tcp.option.mss");
    same(5, "tcp.options.wscale.shift", "tcp.option.wscale");
    same(6, "tcp.ack_raw", "tcp.ack");
    same(7, "icmpv6.echo.identifier", "icmpv6.identifier");
    same(7, "icmpv6.echo.sequence_number", "icmpv6.sequence");
    same(8, "icmpv6.nd.ns.target_address", "icmpv6.nd.target");
    same(8, "icmpv6.opt.linkaddr", "icmpv6.nd.source_mac");
    same(9, "icmpv6.nd.na.flag.s", "icmpv6.nd.flags.s");
    same(9, "icmpv6.nd.na.flag.o", "icmpv6.nd.flags.o");
    assert_eq!(shark(&packets[10], "ip.hdr_len").as_deref(), Some("36"));
    assert_eq!(num(&ours[10], "ipv4.ihl") * 4, 36);
    // The option fields sit where tshark's hex says they are.
    for (key, id) in [
        ("ip.options.routeralert", "ipv4.option.router_alert"),
        ("ip.options.record_route", "ipv4.option.record_route"),
    ] {
        let theirs = shark(&packets[10], key).unwrap().replace(':', "");
        assert_eq!(theirs, field(&ours[10], id).hex, "{key} vs {id}");
    }
    assert!(compared >= 25);
    // The timestamps option is one field holding both values.
    assert_eq!(
        shark(&packets[5], "tcp.options.timestamp.tsval").as_deref(),
        Some("99")
    );
    assert_eq!(text(&ours[5], "tcp.option.timestamps"), "TSval 99, TSecr 0");
    // Checksum verdicts: good where stackviz says correct, bad where not.
    for (i, key, good) in [
        (0, "udp.checksum.status", true),
        (2, "udp.checksum.status", true),
        (3, "udp.checksum.status", false),
        (5, "tcp.checksum.status", true),
        (6, "tcp.checksum.status", true),
        (7, "icmpv6.checksum.status", true),
        (8, "icmpv6.checksum.status", true),
        (9, "icmpv6.checksum.status", true),
        (10, "ip.checksum.status", true),
    ] {
        let status = shark(&packets[i], key)
            .unwrap_or_else(|| panic!("tshark has no {key} in frame {}", i + 1));
        assert_eq!(
            status,
            if good { "1" } else { "0" },
            "frame {}: {key}",
            i + 1
        );
        // The same checksum judged by stackviz: it must exist (a verdict
        // over zero checks proves nothing) and agree with tshark's.
        let ours_field = match key.split('.').next() {
            Some("ip") => "ipv4.checksum".to_string(),
            Some(proto) => format!("{proto}.checksum"),
            None => unreachable!(),
        };
        let ours_correct = check(&ours[i], &ours_field).verdict == CheckVerdict::Correct;
        assert_eq!(
            ours_correct,
            good,
            "frame {}: stackviz's {ours_field}",
            i + 1
        );
    }

    // The cooked capture, link type 113.
    let mut sll = SLL_HEADER.to_vec();
    sll.extend_from_slice(&RAW_IPV4);
    let pcap = dir.join("sll.pcap");
    write_pcap(&pcap, common::LINK_SLL, std::slice::from_ref(&sll));
    let packets = tshark_json(&pcap);
    let d = dissect_linux_sll(&sll);
    for (key, id) in [
        ("sll.pkttype", "sll.packet_type"),
        ("sll.hatype", "sll.arphrd"),
        ("sll.halen", "sll.address_length"),
        ("sll.etype", "sll.protocol"),
        ("ip.src", "ipv4.src"),
        ("udp.dstport", "udp.dst_port"),
    ] {
        let theirs = shark(&packets[0], key).unwrap_or_else(|| panic!("tshark has no {key}"));
        let mine = field(&d, id).value.to_string();
        match (number_of_opt(&theirs), number_of_opt(&mine)) {
            (Some(t), Some(m)) => assert_eq!(t, m, "{key} vs {id}"),
            _ => assert_eq!(theirs, mine, "{key} vs {id}"),
        }
    }
}

fn number_of_opt(text: &str) -> Option<u64> {
    let looks_numeric = text.strip_prefix("0x").map_or_else(
        || !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()),
        |h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()),
    );
    looks_numeric.then(|| number_of(text))
}
