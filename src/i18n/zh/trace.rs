//! Sentences added by the trace work: IPv6 worded as IPv6 where a note
//! used to name IPv4's ICMP message.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "--dont-fragment with --mtu {m}: the {packet_len}-byte IPv6 packet may not be cut by this host (IPV6_PMTUDISC_DO), and an IPv6 router never cuts one, so a router on a link with MTU {m} would drop it and answer ICMPv6 \"Packet Too Big\" (type 2, with the MTU); the sender would then send smaller datagrams",
        "--dont-fragment 加 --mtu {m}：这个 {packet_len} 字节的 IPv6 分组不许由本机分片（IPV6_PMTUDISC_DO），而 IPv6 路由器从不分片，所以 MTU 为 {m} 的链路上的路由器会丢弃它，并回送 ICMPv6“分组太大”报文（Packet Too Big，类型 2，附带该 MTU）；发送方随后会改发更小的分组",
    ),
];
