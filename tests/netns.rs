//! Two and three hosts in network namespaces the test creates itself (root;
//! CI runs these): real MACs in built and captured frames, and across a
//! router the MAC addresses change per hop while the IP addresses stay and
//! the TTL drops by one. Namespaces are deleted even when a test fails.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::netns::{ip, Lab};
use common::{field, Bounded, Guarded, TempDir, RUN_LIMIT};
use serde_json::Value;

fn privileged(test: &str) -> bool {
    common::can_administer(test)
}

/// Starts `stackviz recv` in `host` and waits until it is bound.
fn receiver(
    lab: &Lab,
    host: usize,
    bind: &str,
) -> (
    Guarded,
    std::io::Lines<BufReader<std::process::ChildStdout>>,
) {
    let mut cmd = lab.stackviz(host);
    cmd.args([
        "recv",
        "--bind",
        bind,
        "--count",
        "1",
        "--timeout",
        "10",
        "--capture",
        "on",
        "--format",
        "json",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut child = common::spawn(&mut cmd);
    let mut lines = BufReader::new(child.child().stdout.take().unwrap()).lines();
    let started: Value = serde_json::from_str(&lines.next().expect("started").unwrap()).unwrap();
    assert_eq!(started["kind"], "started");
    (child, lines)
}

fn send(lab: &Lab, host: usize, to: &str) -> Value {
    let out = lab
        .stackviz(host)
        .args(["send", "--to", to, "--capture", "on", "--format", "json"])
        .bounded_output();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn mac_of(lab: &Lab, host: usize, dev: &str) -> String {
    let out = Command::new("ip")
        .args(["-n", lab.ns(host), "-j", "link", "show", dev])
        .bounded_output();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v[0]["address"].as_str().unwrap().to_string()
}

#[test]
fn two_hosts_on_one_link_use_real_macs() {
    if !privileged("two_hosts_on_one_link_use_real_macs") {
        return;
    }
    let lab = Lab::new(&["a", "b"]);
    let (a_if, b_if) = (format!("{}x", lab.ns(0)), format!("{}y", lab.ns(1)));
    lab.link(0, &a_if, "10.200.0.1/24", 1, &b_if, "10.200.0.2/24");
    let (a_mac, b_mac) = (mac_of(&lab, 0, &a_if), mac_of(&lab, 1, &b_if));

    let (child, mut lines) = receiver(&lab, 1, "10.200.0.2:15001");
    let doc = send(&lab, 0, "10.200.0.2:15001");
    assert_eq!(doc["interface"], a_if.as_str());
    assert_eq!(field(&doc["layers"], "eth.src")["value"], a_mac.as_str());
    assert_eq!(field(&doc["layers"], "eth.dst")["value"], b_mac.as_str());
    let capture = &doc["capture"];
    assert_eq!(capture["status"], "caught");
    assert_eq!(
        capture["comparison"]["unexpected"], 0,
        "{:#}",
        capture["comparison"]
    );
    assert_eq!(
        field(&capture["datagram"]["layers"], "eth.dst")["value"],
        b_mac.as_str()
    );
    // The first datagram to a new neighbour: the kernel asked with ARP first.
    let origin = &field(&doc["layers"], "eth.dst")["origin"];
    let source = origin["source"].as_str().unwrap();
    assert!(source.contains("learned during this send"), "{origin}");
    // At least one request and one reply (the kernel may ask more than once).
    let arp = capture["arp"].as_array().expect("ARP frames captured");
    let mut opcodes: Vec<&str> = Vec::new();
    for frame in arp {
        let hex = frame["frame"].as_str().unwrap();
        assert_eq!(&hex[24..28], "0806");
        opcodes.push(&hex[40..44]);
    }
    assert!(
        opcodes.contains(&"0001") && opcodes.contains(&"0002"),
        "an ARP request and a reply: {opcodes:?}"
    );

    let datagram: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(datagram["datagram"]["data"], "48656c6c6f2121");
    let frame = &datagram["frame"]["layers"];
    assert_eq!(field(frame, "eth.src")["value"], a_mac.as_str());
    assert_eq!(field(frame, "eth.dst")["value"], b_mac.as_str());
    assert_eq!(field(frame, "ipv4.src")["value"], "10.200.0.1");
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
}

#[test]
fn across_a_router_macs_change_per_hop_and_ttl_drops() {
    if !privileged("across_a_router_macs_change_per_hop_and_ttl_drops") {
        return;
    }
    let lab = Lab::new(&["a", "r", "b"]);
    let names: Vec<String> = ["p", "q", "s", "t"]
        .iter()
        .map(|s| format!("{}{s}", lab.ns(1)))
        .collect();
    lab.link(
        0,
        &names[0],
        "10.201.1.1/24",
        1,
        &names[1],
        "10.201.1.254/24",
    );
    lab.link(
        2,
        &names[2],
        "10.201.2.2/24",
        1,
        &names[3],
        "10.201.2.254/24",
    );
    ip(&[
        "-n",
        lab.ns(0),
        "route",
        "add",
        "default",
        "via",
        "10.201.1.254",
    ]);
    ip(&[
        "-n",
        lab.ns(2),
        "route",
        "add",
        "default",
        "via",
        "10.201.2.254",
    ]);
    lab.forward(1);
    let a_mac = mac_of(&lab, 0, &names[0]);
    let r_left = mac_of(&lab, 1, &names[1]);
    let r_right = mac_of(&lab, 1, &names[3]);
    let b_mac = mac_of(&lab, 2, &names[2]);

    let (child, mut lines) = receiver(&lab, 2, "10.201.2.2:15001");
    let doc = send(&lab, 0, "10.201.2.2:15001");
    // Hop 1, as sent: A's MAC to the router's left MAC.
    let sent = &doc["capture"]["datagram"]["layers"];
    assert_eq!(field(sent, "eth.src")["value"], a_mac.as_str());
    assert_eq!(field(sent, "eth.dst")["value"], r_left.as_str());
    let origin = field(&doc["layers"], "eth.dst")["origin"]["source"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(origin.contains("via 10.201.1.254"), "{origin}");
    assert_eq!(
        field(&doc["layers"], "eth.dst")["value"],
        r_left.as_str(),
        "built frame's next hop is the router"
    );
    assert_eq!(
        doc["capture"]["comparison"]["unexpected"], 0,
        "{:#}",
        doc["capture"]["comparison"]
    );
    let sent_ttl = field(sent, "ipv4.ttl")["value"].as_u64().unwrap();

    // Hop 2, as received: the router's right MAC to B's MAC; same IPs; TTL - 1.
    let datagram: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    let got = &datagram["frame"]["layers"];
    assert_eq!(field(got, "eth.src")["value"], r_right.as_str());
    assert_eq!(field(got, "eth.dst")["value"], b_mac.as_str());
    assert_eq!(field(got, "ipv4.src")["value"], "10.201.1.1");
    assert_eq!(field(got, "ipv4.dst")["value"], "10.201.2.2");
    assert_eq!(
        field(got, "ipv4.ttl")["value"].as_u64().unwrap(),
        sent_ttl - 1
    );
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
}

#[test]
fn a_datagram_over_the_mtu_leaves_as_fragments_that_match_ours() {
    if !privileged("a_datagram_over_the_mtu_leaves_as_fragments_that_match_ours") {
        return;
    }
    let lab = Lab::new(&["a", "b"]);
    let (a_if, b_if) = (format!("{}x", lab.ns(0)), format!("{}y", lab.ns(1)));
    lab.link(0, &a_if, "10.200.0.1/24", 1, &b_if, "10.200.0.2/24");
    let dir = TempDir::new("frag");
    let payload = dir.join("payload");
    std::fs::write(&payload, vec![b'y'; 3000]).unwrap();
    let (child, mut lines) = receiver(&lab, 1, "10.200.0.2:15001");
    let out = lab
        .stackviz(0)
        .args([
            "send",
            "--to",
            "10.200.0.2:15001",
            "--capture",
            "on",
            "--format",
            "json",
            "--file",
        ])
        .arg(&payload)
        .bounded_output();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Built: 3 fragments of 1480, 1480 and 48 bytes (offsets 0, 185, 370 in 8-byte units).
    let built = doc["fragmentation"]["fragments"]
        .as_array()
        .expect("fragments built");
    let offsets: Vec<u64> = built
        .iter()
        .map(|f| f["offset"].as_u64().unwrap())
        .collect();
    assert_eq!(offsets, [0, 1480, 2960]);
    let lengths: Vec<u64> = built
        .iter()
        .map(|f| f["length"].as_u64().unwrap())
        .collect();
    assert_eq!(lengths, [1480, 1480, 48]);
    assert_eq!(doc["fragmentation"]["mtu"], 1500);
    // Captured: the kernel's 3 fragments, each compared with ours.
    let capture = &doc["capture"];
    let frames = capture["fragments"].as_array().expect("fragments captured");
    let sizes: Vec<usize> = frames
        .iter()
        .map(|f| f["frame_length"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(sizes, [1514, 1514, 82]);
    assert_eq!(
        capture["comparison"]["unexpected"], 0,
        "{:#}",
        capture["comparison"]
    );
    let others = capture["fragment_comparisons"].as_array().unwrap();
    assert_eq!(others.len(), 2);
    for c in others {
        assert_eq!(c["unexpected"], 0, "{c:#}");
    }
    // The receiver got the datagram whole: reassembled by its kernel.
    let datagram: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(datagram["datagram"]["length"], 3000);
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));

    // With DF the kernel refuses instead: EMSGSIZE, nothing sent, exit 0.
    let out = lab
        .stackviz(0)
        .args([
            "send",
            "--to",
            "10.200.0.2:15001",
            "--dont-fragment",
            "--format",
            "json",
            "--file",
        ])
        .arg(&payload)
        .bounded_output();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["delivery"]["outcome"], "too_big");
    let calls = doc["exchange"]["calls"].as_array().unwrap();
    assert!(calls
        .iter()
        .any(|c| c["result"] == "-1 EMSGSIZE (Message too long)"));
}

#[test]
fn ipv6_over_one_link_is_built_captured_and_compared() {
    if !privileged("ipv6_over_one_link_is_built_captured_and_compared") {
        return;
    }
    let lab = Lab::new(&["a", "b"]);
    let (a_if, b_if) = (format!("{}x", lab.ns(0)), format!("{}y", lab.ns(1)));
    lab.link(0, &a_if, "10.200.0.1/24", 1, &b_if, "10.200.0.2/24");
    // nodad: the addresses are usable at once, without duplicate detection.
    ip(&[
        "-n",
        lab.ns(0),
        "addr",
        "add",
        "fd00:5::1/64",
        "dev",
        &a_if,
        "nodad",
    ]);
    ip(&[
        "-n",
        lab.ns(1),
        "addr",
        "add",
        "fd00:5::2/64",
        "dev",
        &b_if,
        "nodad",
    ]);
    let b_mac = mac_of(&lab, 1, &b_if);

    let (child, mut lines) = receiver(&lab, 1, "[fd00:5::2]:15001");
    let doc = send(&lab, 0, "[fd00:5::2]:15001");
    let capture = &doc["capture"];
    assert_eq!(
        capture["comparison"]["unexpected"], 0,
        "{:#}",
        capture["comparison"]
    );
    let sent = &capture["datagram"]["layers"];
    assert_eq!(field(sent, "ipv6.src")["value"], "fd00:5::1");
    assert_eq!(field(sent, "ipv6.dst")["value"], "fd00:5::2");
    assert_eq!(field(sent, "eth.dst")["value"], b_mac.as_str());
    assert_eq!(field(sent, "eth.type")["value"], 0x86dd);
    // The built frame has the real neighbour MAC: read from the kernel's
    // IPv6 neighbour table (netlink) once discovery has run.
    assert_eq!(field(&doc["layers"], "eth.dst")["value"], b_mac.as_str());
    // The MAC was asked for with neighbour discovery (IPv6's ARP).
    let asked = capture["arp"].as_array().map(|a| a.len()).unwrap_or(0);
    assert!(
        asked >= 1,
        "no neighbour solicitation/advertisement captured: {capture:#}"
    );

    let datagram: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(datagram["datagram"]["length"], 7);
    assert_eq!(
        field(&datagram["frame"]["layers"], "ipv6.hop_limit")["value"],
        field(sent, "ipv6.hop_limit")["value"]
    );
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
}

#[test]
fn ipv6_fragments_and_a_down_interface() {
    if !privileged("ipv6_fragments_and_a_down_interface") {
        return;
    }
    let lab = Lab::new(&["a", "b"]);
    let (a_if, b_if) = (format!("{}x", lab.ns(0)), format!("{}y", lab.ns(1)));
    lab.link(0, &a_if, "10.200.0.1/24", 1, &b_if, "10.200.0.2/24");
    ip(&[
        "-n",
        lab.ns(0),
        "addr",
        "add",
        "fd00:7::1/64",
        "dev",
        &a_if,
        "nodad",
    ]);
    ip(&[
        "-n",
        lab.ns(1),
        "addr",
        "add",
        "fd00:7::2/64",
        "dev",
        &b_if,
        "nodad",
    ]);
    let dir = TempDir::new("frag6");
    let payload = dir.join("payload");
    std::fs::write(&payload, vec![b'z'; 3000]).unwrap();
    let (child, mut lines) = receiver(&lab, 1, "[fd00:7::2]:15001");
    let out = lab
        .stackviz(0)
        .args([
            "send",
            "--to",
            "[fd00:7::2]:15001",
            "--capture",
            "on",
            "--format",
            "json",
            "--file",
        ])
        .arg(&payload)
        .bounded_output();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Only the sender fragments in IPv6: 3 pieces with a Fragment header each.
    assert_eq!(
        doc["fragmentation"]["fragments"].as_array().unwrap().len(),
        3
    );
    let capture = &doc["capture"];
    assert_eq!(capture["fragments"].as_array().unwrap().len(), 3);
    assert_eq!(
        capture["comparison"]["unexpected"], 0,
        "{:#}",
        capture["comparison"]
    );
    for c in capture["fragment_comparisons"].as_array().unwrap() {
        assert_eq!(c["unexpected"], 0, "{c:#}");
    }
    let datagram: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(datagram["datagram"]["length"], 3000);
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));

    // The interface goes down: no route, exit 1, one error line with a hint.
    ip(&["-n", lab.ns(0), "link", "set", &a_if, "down"]);
    let out = lab
        .stackviz(0)
        .args(["send", "--to", "10.200.0.2:15001"])
        .bounded_output();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: no route to 10.200.0.2:15001"),
        "{err}"
    );
    assert!(err.contains("\nhint: "), "{err}");
}
