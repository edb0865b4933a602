//! `stackviz send` as data: run the real exchange, build the same datagram
//! from what the OS decided, dissect it with the one dissector, and record
//! where every value came from. No printing here.

use std::collections::HashMap;

use crate::build::{build_frame, BuiltFrame, DatagramSpec};
use crate::dissect::{dissect_ethernet, physical, Fcs};
use crate::error::Error;
use crate::model::{Dissection, Origin};
use crate::net::exchange::{self, Exchange, Request};
use crate::net::host::{self, LinkAddresses};

/// Host facts the frame is built from, each with its origin.
pub struct HostFacts {
    pub ttl: u8,
    pub ttl_origin: Origin,
    pub link: LinkAddresses,
}

/// Everything `stackviz send` shows.
pub struct SendReport {
    pub exchange: Exchange,
    pub spec: DatagramSpec,
    pub frame: BuiltFrame,
    /// Physical layer first, then the frame's layers outermost first.
    pub dissection: Dissection,
    /// Name of the outgoing interface, when known.
    pub interface: Option<String>,
    pub notes: Vec<String>,
}

/// Runs the exchange and explains the datagram it sent.
pub fn run(request: &Request) -> Result<SendReport, Error> {
    if request.payload.len() > crate::build::MAX_UDP_PAYLOAD_V4 {
        return Err(Error::PayloadTooLarge { length: request.payload.len() });
    }
    let exchange = exchange::run(request)?;
    let (ttl, ttl_origin) = match request.ttl {
        Some(ttl) => (ttl, Origin::observed("--ttl, set on the socket with setsockopt(IP_TTL)")),
        None => host::default_ttl(),
    };
    let link = host::link_addresses(*exchange.source.ip(), *exchange.destination.ip());
    assemble(exchange, HostFacts { ttl, ttl_origin, link }, &request.payload)
}

/// Builds and explains the frame from an exchange that already happened.
/// Pure: tests feed it a fixed exchange.
pub fn assemble(exchange: Exchange, facts: HostFacts, payload: &[u8]) -> Result<SendReport, Error> {
    let spec = DatagramSpec {
        src_mac: facts.link.src_mac,
        dst_mac: facts.link.dst_mac,
        src_ip: *exchange.source.ip(),
        dst_ip: *exchange.destination.ip(),
        ttl: facts.ttl,
        identification: 0,
        dont_fragment: true,
        dscp: 0,
        ecn: 0,
        src_port: exchange.source.port(),
        dst_port: exchange.destination.port(),
        payload: payload.to_vec(),
    };
    let frame = build_frame(&spec)?;
    let mut dissection = dissect_ethernet(&frame.bytes, Fcs::Present);
    dissection.layers.insert(0, physical::layer(frame.bytes.len()));

    let origins = origins(&exchange, &facts);
    for field in dissection.fields_mut() {
        if field.origin.is_none() {
            field.origin = origins.get(field.id).cloned();
        }
    }

    let mut notes = Vec::new();
    let loopback = facts.link.interface.as_ref().is_some_and(|i| i.loopback);
    if loopback {
        notes.push(
            "loopback (lo) never puts bits on a wire and adds no padding or FCS: the data-link and physical layers show what Ethernet would carry for this datagram".into(),
        );
    }
    Ok(SendReport {
        interface: facts.link.interface.as_ref().map(|i| i.name.clone()),
        exchange,
        spec,
        frame,
        dissection,
        notes,
    })
}

/// Where each field's value came from, keyed by field id.
fn origins(exchange: &Exchange, facts: &HostFacts) -> HashMap<&'static str, Origin> {
    let sent_to = format!("the address given to sendto(): {}", exchange.destination);
    let data_origin = match &exchange.received {
        Some(r) => Origin::observed(format!("recvfrom() returned these {} bytes", r.data.len())),
        None => Origin::observed(format!("the {} bytes given to sendto()", exchange.bytes_sent)),
    };
    let id_origin = if exchange.pmtu_discovery_do {
        Origin::predicted("0: Linux sends ID 0 from an unconnected socket with IP_PMTUDISC_DO")
    } else {
        Origin::predicted("0 assumed; the kernel picks its own value for this socket")
    };
    HashMap::from([
        ("eth.dst", facts.link.dst_origin.clone()),
        ("eth.src", facts.link.src_origin.clone()),
        ("eth.type", Origin::protocol("IEEE EtherType registry")),
        ("eth.padding", Origin::predicted("IEEE 802.3 minimum frame size: 64 bytes with FCS")),
        ("eth.fcs", Origin::predicted("CRC-32 computed by stackviz (crc32fast); on a real link the network card computes it")),
        ("ipv4.version", Origin::protocol("RFC 791")),
        ("ipv4.ihl", Origin::predicted("the kernel adds no IPv4 options to UDP by default")),
        ("ipv4.dscp", Origin::predicted("socket default: no IP_TOS set")),
        ("ipv4.ecn", Origin::predicted("socket default: UDP does not use ECN")),
        ("ipv4.total_length", Origin::predicted("computed by etherparse: 20 + UDP length")),
        ("ipv4.identification", id_origin),
        ("ipv4.flags.reserved", Origin::protocol("RFC 791: always 0")),
        (
            "ipv4.flags.df",
            if exchange.pmtu_discovery_do {
                Origin::predicted("IP_PMTUDISC_DO makes the kernel set DF")
            } else {
                Origin::predicted("Linux sets DF on UDP by default (path MTU discovery)")
            },
        ),
        ("ipv4.flags.mf", Origin::predicted("not fragmented: the datagram fits the MTU")),
        ("ipv4.fragment_offset", Origin::predicted("not fragmented: offset 0")),
        ("ipv4.ttl", facts.ttl_origin.clone()),
        ("ipv4.protocol", Origin::protocol("17 = UDP, because the socket is SOCK_DGRAM")),
        ("ipv4.checksum", Origin::predicted("computed by etherparse, checked by stackviz below")),
        ("ipv4.src", Origin::observed(exchange.source_learned_from.clone())),
        ("ipv4.dst", Origin::observed(sent_to.clone())),
        ("udp.src_port", Origin::observed(exchange.source_learned_from.clone())),
        ("udp.dst_port", Origin::observed(sent_to)),
        ("udp.length", Origin::predicted("computed by etherparse: 8 + payload length")),
        ("udp.checksum", Origin::predicted("computed by etherparse, checked by stackviz below")),
        ("app.data", data_origin),
    ])
}
