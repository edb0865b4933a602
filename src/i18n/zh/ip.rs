//! Chinese for IPv4 and IPv6 headers, options and extension headers (src/dissect/ipv4.rs, ipv6.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[];
