//! Chinese for TCP, ICMP and ICMPv6 (src/dissect/tcp.rs, icmp.rs, icmpv6.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[];
