//! Field ids that more than one room names (the dissector that reads the
//! field, the comparison, the origins `send` records, the renderers), each
//! defined once so a renamed id cannot silently lose its origin or its
//! verdict. An id only its own dissector names stays a literal there.
//! (`tests/field_ids.rs` checks no id literal appears in two files.)

// app
pub const APP_DATA: &str = "app.data";

// arp
pub const ARP_OPER: &str = "arp.oper";
pub const ARP_SPA: &str = "arp.spa";
pub const ARP_TPA: &str = "arp.tpa";

// eth
pub const ETH_DST: &str = "eth.dst";
pub const ETH_FCS: &str = "eth.fcs";
pub const ETH_PADDING: &str = "eth.padding";
pub const ETH_SRC: &str = "eth.src";
pub const ETH_TYPE: &str = "eth.type";

// icmp
pub const ICMP_CODE: &str = "icmp.code";
pub const ICMP_TYPE: &str = "icmp.type";

// icmpv6
pub const ICMPV6_TYPE: &str = "icmpv6.type";

// ipv4
pub const IPV4_CHECKSUM: &str = "ipv4.checksum";
pub const IPV4_DSCP: &str = "ipv4.dscp";
pub const IPV4_DST: &str = "ipv4.dst";
pub const IPV4_ECN: &str = "ipv4.ecn";
pub const IPV4_FLAGS_DF: &str = "ipv4.flags.df";
pub const IPV4_FLAGS_MF: &str = "ipv4.flags.mf";
pub const IPV4_FLAGS_RESERVED: &str = "ipv4.flags.reserved";
pub const IPV4_FRAGMENT_OFFSET: &str = "ipv4.fragment_offset";
pub const IPV4_IDENTIFICATION: &str = "ipv4.identification";
pub const IPV4_IHL: &str = "ipv4.ihl";
pub const IPV4_PROTOCOL: &str = "ipv4.protocol";
pub const IPV4_SRC: &str = "ipv4.src";
pub const IPV4_TOTAL_LENGTH: &str = "ipv4.total_length";
pub const IPV4_TTL: &str = "ipv4.ttl";
pub const IPV4_VERSION: &str = "ipv4.version";

// ipv6
pub const IPV6_DSCP: &str = "ipv6.dscp";
pub const IPV6_DST: &str = "ipv6.dst";
pub const IPV6_ECN: &str = "ipv6.ecn";
pub const IPV6_FLOW_LABEL: &str = "ipv6.flow_label";
pub const IPV6_FRAG_IDENTIFICATION: &str = "ipv6.frag.identification";
pub const IPV6_HOP_LIMIT: &str = "ipv6.hop_limit";
pub const IPV6_NEXT_HEADER: &str = "ipv6.next_header";
pub const IPV6_PAYLOAD_LENGTH: &str = "ipv6.payload_length";
pub const IPV6_SRC: &str = "ipv6.src";
pub const IPV6_VERSION: &str = "ipv6.version";

// phy
pub const PHY_SFD: &str = "phy.sfd";

// pseudo
pub const PSEUDO_DST: &str = "pseudo.dst";

// tcp: the header, every flag bit, and each option's values (the TCP
// session core compares predicted and captured segments by these ids).
pub const TCP_ACK: &str = "tcp.ack";
pub const TCP_CHECKSUM: &str = "tcp.checksum";
pub const TCP_DATA_OFFSET: &str = "tcp.data_offset";
pub const TCP_DST_PORT: &str = "tcp.dst_port";
pub const TCP_FLAGS_ACK: &str = "tcp.flags.ack";
pub const TCP_FLAGS_CWR: &str = "tcp.flags.cwr";
pub const TCP_FLAGS_ECE: &str = "tcp.flags.ece";
pub const TCP_FLAGS_FIN: &str = "tcp.flags.fin";
pub const TCP_FLAGS_PSH: &str = "tcp.flags.psh";
pub const TCP_FLAGS_RST: &str = "tcp.flags.rst";
pub const TCP_FLAGS_SYN: &str = "tcp.flags.syn";
pub const TCP_FLAGS_URG: &str = "tcp.flags.urg";
pub const TCP_OPT_EOL: &str = "tcp.option.eol";
pub const TCP_OPT_MSS: &str = "tcp.option.mss";
pub const TCP_OPT_NOP: &str = "tcp.option.nop";
pub const TCP_OPT_OTHER: &str = "tcp.option";
pub const TCP_OPT_PADDING: &str = "tcp.option.padding";
pub const TCP_OPT_SACK: &str = "tcp.option.sack";
pub const TCP_OPT_SACK_LE: &str = "tcp.option.sack_le";
pub const TCP_OPT_SACK_PERM: &str = "tcp.option.sack_permitted";
pub const TCP_OPT_SACK_RE: &str = "tcp.option.sack_re";
pub const TCP_OPT_TIMESTAMPS: &str = "tcp.option.timestamps";
pub const TCP_OPT_TSECR: &str = "tcp.option.tsecr";
pub const TCP_OPT_TSVAL: &str = "tcp.option.tsval";
pub const TCP_OPT_UNREADABLE: &str = "tcp.option.unreadable";
pub const TCP_OPT_WSCALE: &str = "tcp.option.wscale";
pub const TCP_RESERVED: &str = "tcp.reserved";
pub const TCP_SEQ: &str = "tcp.seq";
pub const TCP_SRC_PORT: &str = "tcp.src_port";
pub const TCP_URGENT: &str = "tcp.urgent";
pub const TCP_WINDOW: &str = "tcp.window";

// udp
pub const UDP_CHECKSUM: &str = "udp.checksum";
pub const UDP_DST_PORT: &str = "udp.dst_port";
pub const UDP_LENGTH: &str = "udp.length";
pub const UDP_SRC_PORT: &str = "udp.src_port";
