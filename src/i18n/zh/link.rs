//! Chinese for the physical and data-link layers, the payload, checksums and the dissector's walk (src/model.rs, src/dissect/{mod,ethernet,vlan,arp,sll,udp,payload,physical,checksum,fields}.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[];
