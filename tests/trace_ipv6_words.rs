//! IPv6 is worded as IPv6: with --dont-fragment and an --mtu the packet does
//! not fit, the note says what an IPv6 router answers (ICMPv6 "Packet Too
//! Big", type 2), not IPv4's "Fragmentation Needed" (type 3, code 4); IPv4
//! keeps its own sentence.

mod common;

use common::{stackviz_at, succeeded, text};

/// The note of a loopback send of 1300 bytes, whitespace collapsed (the
/// terminal wraps it).
fn note_for(ipv6: bool) -> String {
    let payload = "x".repeat(1300);
    let mut cmd = stackviz_at(100);
    cmd.args(["send", "--capture", "off", "--port", "0", "--dont-fragment"]);
    if ipv6 {
        cmd.args(["-6", "--mtu", "1280"]);
    } else {
        cmd.args(["--mtu", "576"]);
    }
    let out = text(&succeeded(cmd.arg(&payload)).stdout);
    let words: Vec<&str> = out.split_whitespace().collect();
    let all = words.join(" ");
    let start = all
        .find("note: --dont-fragment with --mtu")
        .unwrap_or_else(|| panic!("no --dont-fragment note in:\n{out}"));
    let end = all[start..]
        .find("smaller datagrams")
        .map(|e| start + e + "smaller datagrams".len())
        .unwrap_or(all.len());
    all[start..end].to_string()
}

#[test]
fn an_ipv6_packet_too_big_for_the_mtu_is_answered_with_packet_too_big() {
    assert_eq!(
        note_for(true),
        "note: --dont-fragment with --mtu 1280: the 1348-byte IPv6 packet may not be cut by this host (IPV6_PMTUDISC_DO), and an IPv6 router never cuts one, so a router on a link with MTU 1280 would drop it and answer ICMPv6 \"Packet Too Big\" (type 2, with the MTU); the sender would then send smaller datagrams"
    );
}

#[test]
fn an_ipv4_packet_too_big_for_the_mtu_is_answered_with_fragmentation_needed() {
    assert_eq!(
        note_for(false),
        "note: --dont-fragment with --mtu 576: the 1328-byte packet may not be cut, so a router on a link with MTU 576 would drop it and answer ICMP \"Fragmentation Needed\" (type 3, code 4, with the MTU); the sender would then send smaller datagrams"
    );
}
