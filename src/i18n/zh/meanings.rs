//! Chinese for the meanings made precise in issue 14 (items 10-13): who an
//! ARP or NDP field names, impossible TCP flag sets, ephemeral ports, UTF-8
//! payloads, RFC diagrams of fields that span rows, and checksums by name.

pub(super) const ENTRIES: &[(&str, &str)] = &[
];
