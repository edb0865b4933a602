//! The assemble step of a send: the frame built from what the OS decided,
//! its dissection, and where every field's value came from.

use crate::dissect::fields::Meaning;
use std::collections::HashMap;

use super::{CaptureOutcome, HostFacts, SendFrame, SendReport};
use crate::build::{build_frame, DatagramSpec};
use crate::dissect::{dissect_ethernet, physical, Fcs};
use crate::error::Error;
use crate::field_id;
use crate::model::{Dissection, Origin};
use crate::net::exchange::Exchange;
use crate::net::host;
use crate::session::plan::Plan;
use crate::t;

/// The report for an exchange that ran as planned: the host facts, the
/// built frame, and what the route and --mtu add to it.
pub(super) fn planned(
    plan: &Plan,
    exchange: Exchange,
    mtu: Option<usize>,
) -> Result<SendReport, Error> {
    let request = &plan.request;
    let v6 = plan.route_target.is_ipv6();
    let (ttl, ttl_origin) = match (request.ttl, v6) {
        (Some(ttl), false) => (
            ttl,
            Origin::chosen(t!("--ttl, set on the socket with setsockopt(IP_TTL)")),
        ),
        (Some(ttl), true) => (
            ttl,
            Origin::chosen(t!(
                "--ttl, set on the socket with setsockopt(IPV6_UNICAST_HOPS)"
            )),
        ),
        (None, false) => host::default_ttl(),
        (None, true) => host::default_hop_limit(),
    };
    let mut link = host::link_addresses_via(
        plan.path.as_ref(),
        exchange.source.ip(),
        exchange.destination.ip(),
        plan.next_hop.clone(),
    );
    if let (Some(hop), Some(None), false) = (
        plan.next_hop_ip(),
        plan.neighbour_before,
        link.dst_mac == [0; 6],
    ) {
        link.dst_origin = Origin::observed(t!(
            "learned during this send (ARP or neighbour discovery): {hop} was not in the neighbour table before sendto(), it was after; {route}",
            hop,
            route = link.dst_origin.source
        ));
    }
    let mut report = assemble(
        exchange,
        HostFacts {
            ttl,
            ttl_origin,
            link,
        },
        &request.payload,
    )?;
    if let Some(p) = plan.path.as_ref().filter(|p| p.local) {
        if let Some(holder) = &p.holder {
            report.notes.push(t!(
                "{dst} is this host's own address (it sits on {holder}), so the kernel's route is local (RTM_GETROUTE, the local routing table; `ip route get {dst}` says local … dev {interface}): the datagram went through {interface}, not {holder}: no ARP or neighbour discovery, no MAC address (loopback has none), nothing on {holder}'s wire; the capture ran on {interface}",
                dst = report.exchange.destination.ip(),
                holder,
                interface = p.interface.name
            ));
        }
    }
    let packet_len = plan.packet_len;
    if let Some(m) = plan.lesson_mtu {
        set_origin(
            &mut report.dissection,
            field_id::IPV4_FLAGS_DF,
            Origin::chosen(t!(
                "0: --mtu {m} is smaller than this {packet_len}-byte packet, so it is a datagram to be fragmented, and such a datagram must not carry DF (with DF = 1 a router would drop it and answer ICMP \"Fragmentation Needed\" instead of cutting it); stackviz sent it without IP_PMTUDISC_DO",
                m,
                packet_len
            )),
        );
    } else if let Some(m) = mtu.filter(|m| packet_len <= *m) {
        report.notes.push(t!(
            "--mtu {m}: the {packet_len}-byte packet fits ({packet_len} bytes ≤ MTU {m}): a link with this MTU carries it whole, no fragments",
            m,
            packet_len
        ));
    }
    Ok(report)
}

/// Replaces the origin of the field `id`, when the dissection has it.
pub(super) fn set_origin(dissection: &mut Dissection, id: &str, origin: Origin) {
    if let Some(field) = dissection.fields_mut().find(|f| f.id == id) {
        field.origin = Some(origin);
    }
}

/// Builds and explains the frame from an exchange that already happened.
/// Pure: tests feed it a fixed exchange.
pub fn assemble(exchange: Exchange, facts: HostFacts, payload: &[u8]) -> Result<SendReport, Error> {
    let spec = DatagramSpec {
        src_mac: facts.link.src_mac,
        dst_mac: facts.link.dst_mac,
        src_ip: exchange.source.ip(),
        dst_ip: exchange.destination.ip(),
        // Linux picks IPv6 flow labels itself (net.ipv6.auto_flowlabels).
        flow_label: 0,
        ttl: facts.ttl,
        identification: 0,
        // IP_PMTUDISC_DO sets DF; without it the datagram is one the kernel
        // may fragment, and fragments never carry DF.
        dont_fragment: exchange.pmtu_discovery_do,
        dscp: 0,
        ecn: 0,
        src_port: exchange.source.port(),
        dst_port: exchange.destination.port(),
        payload: payload.to_vec(),
    };
    let frame = build_frame(&spec)?;
    let mut dissection = dissect_ethernet(&frame.bytes, Fcs::Present);
    dissection
        .layers
        .insert(0, physical::layer(frame.bytes.len()));

    let origins = origins(&exchange, &facts, payload.len());
    for field in dissection.fields_mut() {
        if field.origin.is_none() {
            field.origin = origins.get(field.id).cloned();
        }
    }

    let mut notes = Vec::new();
    let loopback = facts.link.interface.as_ref().is_some_and(|i| i.loopback);
    if !loopback && facts.link.dst_mac == [0; 6] {
        // The dissector reads all-zero MACs as loopback's; on a real link
        // they only stand in for a MAC the kernel did not have.
        if let Some(field) = dissection.fields_mut().find(|f| f.id == field_id::ETH_DST) {
            field.meaning = t!(
                "all zeros: a placeholder, not an address: the next hop's MAC was not known when this frame was built"
            )
            .into_meaning();
        }
    }
    if loopback {
        notes.push(
            t!("loopback (lo) never puts bits on a wire and adds no padding or FCS: the data-link and physical layers show what Ethernet would carry for this datagram").into(),
        );
    }
    Ok(SendReport {
        interface: facts.link.interface.as_ref().map(|i| i.name.clone()),
        exchange,
        spec,
        frame,
        dissection,
        notes,
        delivery: None,
        capture: CaptureOutcome::Off,
        fragmentation: None,
        frames: vec![SendFrame::datagram()],
    })
}

/// Linux labels flows itself when net.ipv6.auto_flowlabels is on (the
/// default): the value cannot be known before sending.
fn flow_label_origin() -> String {
    match std::fs::read_to_string("/proc/sys/net/ipv6/auto_flowlabels") {
        Ok(v) if v.trim() != "0" => t!(
            "0 assumed; net.ipv6.auto_flowlabels = {value}: the kernel picks its own label from a hash of the flow",
            value = v.trim()
        ),
        Ok(_) => t!("0: net.ipv6.auto_flowlabels = 0, the kernel leaves it unset").into(),
        Err(_) => t!("0 assumed; the kernel may pick its own label").into(),
    }
}

/// Where each field's value came from, keyed by field id.
fn origins(
    exchange: &Exchange,
    facts: &HostFacts,
    payload_len: usize,
) -> HashMap<&'static str, Origin> {
    let sent_to = t!(
        "the address given to sendto(): {destination}",
        destination = exchange.destination
    );
    let data_origin = match &exchange.received {
        Some(r) if r.data.len() == 1 => Origin::observed(t!("recvfrom() returned this 1 byte")),
        Some(r) => Origin::observed(t!(
            "recvfrom() returned these {length} bytes",
            length = r.data.len()
        )),
        None if payload_len == 1 => Origin::observed(t!("the 1 byte given to sendto()")),
        None => Origin::observed(t!("the {payload_len} bytes given to sendto()", payload_len)),
    };
    let id_origin = if exchange.pmtu_discovery_do {
        Origin::predicted(t!(
            "0: Linux sends ID 0 from an unconnected socket with IP_PMTUDISC_DO"
        ))
    } else {
        Origin::predicted(t!(
            "0 assumed; the kernel picks its own value for this socket"
        ))
    };
    HashMap::from([
        (field_id::ETH_DST, facts.link.dst_origin.clone()),
        (field_id::ETH_SRC, facts.link.src_origin.clone()),
        (field_id::ETH_TYPE, Origin::protocol(t!("IEEE EtherType registry"))),
        (field_id::ETH_PADDING, Origin::predicted(t!("IEEE 802.3 minimum frame size: 64 bytes with FCS"))),
        (field_id::ETH_FCS, Origin::predicted(t!("CRC-32 computed by stackviz (crc32fast); on a real link the network card computes it"))),
        (field_id::IPV4_VERSION, Origin::protocol("RFC 791")),
        (field_id::IPV4_IHL, Origin::predicted(t!("the kernel adds no IPv4 options to UDP by default"))),
        (field_id::IPV4_DSCP, Origin::predicted(t!("socket default: no IP_TOS set"))),
        (field_id::IPV4_ECN, Origin::predicted(t!("socket default: UDP does not use ECN"))),
        (field_id::IPV4_TOTAL_LENGTH, Origin::predicted(t!("computed by etherparse: 20 + UDP length"))),
        (field_id::IPV4_IDENTIFICATION, id_origin),
        (field_id::IPV4_FLAGS_RESERVED, Origin::protocol(t!("RFC 791: always 0"))),
        (
            field_id::IPV4_FLAGS_DF,
            if exchange.pmtu_discovery_do {
                Origin::predicted(t!("IP_PMTUDISC_DO makes the kernel set DF"))
            } else {
                Origin::predicted(t!("no IP_PMTUDISC_DO: the packet is bigger than the interface MTU, so the kernel fragments it and DF stays clear"))
            },
        ),
        (field_id::IPV4_FLAGS_MF, Origin::predicted(t!("the datagram as a whole: MF 0 (fragments, when the MTU needs them, are shown apart)"))),
        (field_id::IPV4_FRAGMENT_OFFSET, Origin::predicted(t!("the datagram as a whole starts at offset 0"))),
        (field_id::IPV4_TTL, facts.ttl_origin.clone()),
        (field_id::IPV4_PROTOCOL, Origin::protocol(t!("17 = UDP, because the socket is SOCK_DGRAM"))),
        (field_id::IPV4_CHECKSUM, Origin::predicted(t!("computed by etherparse, checked by stackviz below"))),
        (field_id::IPV4_SRC, Origin::observed(exchange.source_learned_from.clone())),
        (field_id::IPV4_DST, Origin::observed(sent_to.clone())),
        (field_id::IPV6_VERSION, Origin::protocol("RFC 8200")),
        (field_id::IPV6_DSCP, Origin::predicted(t!("socket default: no IPV6_TCLASS set"))),
        (field_id::IPV6_ECN, Origin::predicted(t!("socket default: UDP does not use ECN"))),
        (
            field_id::IPV6_FLOW_LABEL,
            // Read only for IPv6, so an IPv4 report depends on no host file.
            Origin::predicted(if exchange.destination.is_ipv6() { flow_label_origin() } else { String::new() }),
        ),
        (field_id::IPV6_PAYLOAD_LENGTH, Origin::predicted(t!("computed by etherparse: the UDP length (no extension headers)"))),
        (field_id::IPV6_NEXT_HEADER, Origin::protocol(t!("17 = UDP, because the socket is SOCK_DGRAM"))),
        (field_id::IPV6_HOP_LIMIT, facts.ttl_origin.clone()),
        (field_id::IPV6_SRC, Origin::observed(exchange.source_learned_from.clone())),
        (field_id::IPV6_DST, Origin::observed(sent_to.clone())),
        (field_id::UDP_SRC_PORT, Origin::observed(exchange.source_learned_from.clone())),
        (field_id::UDP_DST_PORT, Origin::observed(sent_to)),
        (field_id::UDP_LENGTH, Origin::predicted(t!("computed by etherparse: 8 + payload length"))),
        (field_id::UDP_CHECKSUM, Origin::predicted(t!("computed by etherparse, checked by stackviz below"))),
        (field_id::APP_DATA, data_origin),
    ])
}
