//! The kernel's own answers over rtnetlink: which route a destination takes
//! (RTM_GETROUTE, the same question `ip route get` asks, policy routing and
//! local addresses included) and which MAC a neighbour has (RTM_GETNEIGH,
//! the only place Linux keeps IPv6 neighbours).

use std::io;
use std::net::IpAddr;

use netlink_packet_core::{
    NetlinkHeader, NetlinkMessage, NetlinkPayload, NLM_F_DUMP, NLM_F_REQUEST,
};
use netlink_packet_route::neighbour::{
    NeighbourAddress, NeighbourAttribute, NeighbourMessage, NeighbourState,
};
use netlink_packet_route::route::{RouteAddress, RouteAttribute, RouteMessage, RouteType};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
use netlink_sys::{protocols::NETLINK_ROUTE, Socket, SocketAddr};

/// What RTM_GETROUTE says about one destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The router to hand the packet to; `None` when the destination is on-link.
    pub gateway: Option<IpAddr>,
    /// Index of the outgoing interface.
    pub interface_index: Option<u32>,
    /// The source address the kernel would choose.
    pub source: Option<IpAddr>,
    /// The route's type is `local` (RTN_LOCAL, the local table): the
    /// destination is one of this host's own addresses and the packet goes
    /// through `lo`, whatever interface holds the address.
    pub local: bool,
}

/// A neighbour entry's state as the kernel reports it (the names `ip neigh`
/// prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeighbourEntry {
    /// Resolution under way: requests sent, no answer yet.
    Incomplete,
    /// Resolution gave up: every request went unanswered.
    Failed,
    /// Any usable state (REACHABLE, STALE, DELAY, PROBE, PERMANENT, NOARP).
    Usable,
}

impl NeighbourEntry {
    /// The name `ip neigh` prints.
    pub fn name(self) -> &'static str {
        match self {
            NeighbourEntry::Incomplete => "INCOMPLETE",
            NeighbourEntry::Failed => "FAILED",
            NeighbourEntry::Usable => "REACHABLE/STALE",
        }
    }
}

fn family(ip: IpAddr) -> AddressFamily {
    if ip.is_ipv4() {
        AddressFamily::Inet
    } else {
        AddressFamily::Inet6
    }
}

fn address(a: &RouteAddress) -> Option<IpAddr> {
    match a {
        RouteAddress::Inet(v4) => Some(IpAddr::V4(*v4)),
        RouteAddress::Inet6(v6) => Some(IpAddr::V6(*v6)),
        _ => None,
    }
}

/// Sends one request and collects the replies until the kernel is done.
fn ask(message: RouteNetlinkMessage, flags: u16) -> io::Result<Vec<RouteNetlinkMessage>> {
    let mut socket = Socket::new(NETLINK_ROUTE)?;
    socket.bind_auto()?;
    socket.connect(&SocketAddr::new(0, 0))?;
    let mut header = NetlinkHeader::default();
    header.flags = flags;
    let mut request = NetlinkMessage::new(header, NetlinkPayload::from(message));
    request.finalize();
    let mut buf = vec![0; request.header.length as usize];
    request.serialize(&mut buf[..]);
    socket.send(&buf[..], 0)?;

    let dump = flags & NLM_F_DUMP == NLM_F_DUMP;
    let mut replies = Vec::new();
    let mut receive = vec![0u8; 1 << 16];
    loop {
        let size = socket.recv(&mut &mut receive[..], 0)?;
        let mut offset = 0;
        while offset < size {
            let message: NetlinkMessage<RouteNetlinkMessage> =
                NetlinkMessage::deserialize(&receive[offset..size]).map_err(io::Error::other)?;
            let length = message.header.length as usize;
            match message.payload {
                NetlinkPayload::Done(_) => return Ok(replies),
                NetlinkPayload::Error(e) => {
                    return Err(e.to_io());
                }
                NetlinkPayload::InnerMessage(inner) => {
                    replies.push(inner);
                    if !dump {
                        return Ok(replies);
                    }
                }
                _ => {}
            }
            if length == 0 {
                break;
            }
            offset += length;
        }
    }
}

/// The kernel's route to `destination`.
pub fn route_to(destination: IpAddr) -> io::Result<Route> {
    route_from(destination, None)
}

/// The kernel's route to `destination` for a packet from `source` (as
/// `ip route get DESTINATION from SOURCE` asks), when the sender bound one.
pub fn route_from(destination: IpAddr, source: Option<IpAddr>) -> io::Result<Route> {
    let mut message = RouteMessage::default();
    message.header.address_family = family(destination);
    message.header.destination_prefix_length = if destination.is_ipv4() { 32 } else { 128 };
    message
        .attributes
        .push(RouteAttribute::Destination(destination.into()));
    if let Some(source) = source.filter(|s| s.is_ipv4() == destination.is_ipv4()) {
        message.header.source_prefix_length = if source.is_ipv4() { 32 } else { 128 };
        message
            .attributes
            .push(RouteAttribute::Source(source.into()));
    }
    let replies = ask(RouteNetlinkMessage::GetRoute(message), NLM_F_REQUEST)?;
    let route = replies
        .into_iter()
        .find_map(|r| match r {
            RouteNetlinkMessage::NewRoute(route) => Some(route),
            _ => None,
        })
        .ok_or_else(|| io::Error::other(crate::t!("the kernel sent no route")))?;
    let mut found = Route {
        gateway: None,
        interface_index: None,
        source: None,
        local: route.header.kind == RouteType::Local,
    };
    for attribute in &route.attributes {
        match attribute {
            RouteAttribute::Gateway(a) => found.gateway = address(a),
            RouteAttribute::Oif(i) => found.interface_index = Some(*i),
            RouteAttribute::PrefSource(a) => found.source = address(a),
            _ => {}
        }
    }
    Ok(found)
}

/// The state of the neighbour table's entry for `ip` (`None`: no entry).
pub fn neighbour_state(ip: IpAddr) -> io::Result<Option<NeighbourEntry>> {
    Ok(neighbour_entries(ip)?
        .into_iter()
        .find(|(destination, _, _)| *destination == Some(ip))
        .map(|(_, state, _)| match state {
            NeighbourState::Incomplete => NeighbourEntry::Incomplete,
            NeighbourState::Failed => NeighbourEntry::Failed,
            _ => NeighbourEntry::Usable,
        }))
}

type NeighbourRow = (Option<IpAddr>, NeighbourState, Option<[u8; 6]>);

/// Every entry of `ip`'s family: its address, state and MAC.
fn neighbour_entries(ip: IpAddr) -> io::Result<Vec<NeighbourRow>> {
    let mut message = NeighbourMessage::default();
    message.header.family = family(ip);
    let replies = ask(
        RouteNetlinkMessage::GetNeighbour(message),
        NLM_F_DUMP | NLM_F_REQUEST,
    )?;
    let mut rows = Vec::new();
    for reply in replies {
        let RouteNetlinkMessage::NewNeighbour(entry) = reply else {
            continue;
        };
        let mut destination = None;
        let mut mac = None;
        for attribute in &entry.attributes {
            match attribute {
                NeighbourAttribute::Destination(NeighbourAddress::Inet(a)) => {
                    destination = Some(IpAddr::V4(*a))
                }
                NeighbourAttribute::Destination(NeighbourAddress::Inet6(a)) => {
                    destination = Some(IpAddr::V6(*a))
                }
                NeighbourAttribute::LinkLayerAddress(bytes) => {
                    mac = <[u8; 6]>::try_from(bytes.as_slice()).ok()
                }
                _ => {}
            }
        }
        rows.push((destination, entry.header.state, mac));
    }
    Ok(rows)
}

/// The MAC the neighbour table holds for `ip` (IPv4 ARP or IPv6 NDP), if a
/// usable entry exists.
pub fn neighbour_mac(ip: IpAddr) -> io::Result<Option<[u8; 6]>> {
    Ok(neighbour_entries(ip)?
        .into_iter()
        .find(|(destination, state, _)| {
            *destination == Some(ip)
                && !matches!(state, NeighbourState::Incomplete | NeighbourState::Failed)
        })
        .and_then(|(_, _, mac)| mac.filter(|m| *m != [0; 6])))
}
