//! Plan once: before anything is sent, ask the kernel once which source
//! address, interface, next hop and neighbour the datagram will meet, and
//! decide MTU and DF from that. Everything later in the run (the capture,
//! the exchange, the built frame's MACs) reads the plan instead of asking
//! again.

use std::net::{IpAddr, SocketAddr};

use crate::build::{MAX_UDP_PAYLOAD_V4, MAX_UDP_PAYLOAD_V6};
use crate::capturing::CaptureMode;
use crate::error::Error;
use crate::fragment::MIN_IPV6_MTU;
use crate::header_len;
use crate::model::Origin;
use crate::net::exchange::{self, Request, Target};
use crate::net::host::{self, Path};

/// What the kernel will do with the datagram, read once per run.
pub struct Plan {
    /// Where the route goes: the target, or the embedded receiver's
    /// loopback address.
    pub route_target: SocketAddr,
    /// The address --from bound, when it names one.
    pub bound: Option<IpAddr>,
    /// The source the routing table picked (connect() on a probe socket),
    /// when it was asked and answered; the exchange reuses it.
    pub probed_source: Option<IpAddr>,
    /// The source address the datagram will carry, when known.
    pub source: Option<IpAddr>,
    /// The kernel's way out (RTM_GETROUTE), when it could be read.
    pub path: Option<Path>,
    /// The next hop on a real link (none on loopback), and how it was learned.
    pub next_hop: Option<(IpAddr, Origin)>,
    /// Whether the next hop's MAC was known before sending: that decides
    /// whether the kernel must ask with ARP (or neighbour discovery) first.
    pub neighbour_before: Option<Option<[u8; 6]>>,
    /// The MTU of the real outgoing interface, when known.
    pub interface_mtu: Option<usize>,
    /// The IP packet's size: payload plus the IP and UDP headers.
    pub packet_len: usize,
    /// --mtu when the packet is to be fragmented for it (the lesson).
    pub lesson_mtu: Option<usize>,
    /// The request with the DF decision made.
    pub request: Request,
}

impl Plan {
    pub fn next_hop_ip(&self) -> Option<IpAddr> {
        self.next_hop.as_ref().map(|(hop, _)| *hop)
    }
}

/// Checks the request and reads the route once. `mode` decides whether a
/// missing route fails now (a capture needs the interface before sending)
/// or is left for the exchange to report.
pub fn plan(request: &Request, mode: CaptureMode, mtu: Option<usize>) -> Result<Plan, Error> {
    let route_target = match request.target {
        Target::Remote(addr) => addr,
        Target::Embedded { port } | Target::Unbound { port } => {
            SocketAddr::new(request.family.loopback(), port.max(1))
        }
    };
    let v6 = route_target.is_ipv6();
    // A source of the other family can never send to this destination: the
    // command line is wrong, not the run.
    if request.from.is_some_and(|f| f.is_ipv6() != v6) {
        return Err(Error::MixedFamilies);
    }
    if let (true, Some(m)) = (v6, mtu.filter(|m| *m < MIN_IPV6_MTU)) {
        return Err(Error::MtuTooSmall {
            mtu: m,
            minimum: MIN_IPV6_MTU,
        });
    }
    if v6 && request.payload.len() > MAX_UDP_PAYLOAD_V6 {
        return Err(Error::PayloadTooLargeV6 {
            length: request.payload.len(),
        });
    }
    if !v6 && request.payload.len() > MAX_UDP_PAYLOAD_V4 {
        return Err(Error::PayloadTooLarge {
            length: request.payload.len(),
        });
    }

    // The capture must be open before anything is sent, so ask the kernel
    // first which way the datagram will take (RTM_GETROUTE): a local route
    // goes through lo even for an address that sits on eth0.
    let bound = request
        .from
        .map(|f| f.ip())
        .filter(|ip| !ip.is_unspecified());
    let (source, probed_source) = match bound {
        Some(ip) => (Some(ip), None),
        None => match exchange::probe_source(route_target) {
            Ok(ip) => (Some(ip), Some(ip)),
            // Without a capture the exchange itself reports the missing route.
            Err(_) if mode == CaptureMode::Off => (None, None),
            Err(e) => return Err(e),
        },
    };
    let path = source.and_then(|src| host::path_to(route_target.ip(), bound, src));
    // The next hop on a real link, and whether its MAC was known before
    // sending.
    let next_hop = path
        .as_ref()
        .filter(|p| !p.interface.loopback)
        .map(|p| host::next_hop_ip(&p.interface, route_target.ip()));
    let neighbour_before = next_hop.as_ref().map(|(hop, _)| host::neighbour(*hop).0);

    // DF (IP_PMTUDISC_DO) whenever the packet fits the outgoing interface:
    // Linux then sends identification 0, which the built frame can predict.
    // A bigger one is left to the kernel to fragment, unless --dont-fragment.
    // One that --mtu says is to be fragmented is sent without DF too: a
    // datagram with DF may not be cut, so showing it with DF beside its
    // fragments would tell two stories.
    let interface_mtu = path
        .as_ref()
        .and_then(|p| p.interface.mtu)
        .map(|m| m as usize);
    let packet_len = header_len::udp_packet(request.payload.len(), v6);
    let lesson_mtu = mtu.filter(|m| packet_len > *m && !request.dont_fragment);
    let mut request = request.clone();
    request.dont_fragment |= lesson_mtu.is_none() && interface_mtu.is_none_or(|m| packet_len <= m);
    request.fragmentable = lesson_mtu.is_some();
    Ok(Plan {
        route_target,
        bound,
        probed_source,
        source,
        path,
        next_hop,
        neighbour_before,
        interface_mtu,
        packet_len,
        lesson_mtu,
        request,
    })
}
