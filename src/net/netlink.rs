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
use netlink_packet_route::route::{RouteAddress, RouteAttribute, RouteMessage};
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
    let mut message = RouteMessage::default();
    message.header.address_family = family(destination);
    message.header.destination_prefix_length = if destination.is_ipv4() { 32 } else { 128 };
    message
        .attributes
        .push(RouteAttribute::Destination(destination.into()));
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

/// The MAC the neighbour table holds for `ip` (IPv4 ARP or IPv6 NDP), if a
/// usable entry exists.
pub fn neighbour_mac(ip: IpAddr) -> io::Result<Option<[u8; 6]>> {
    let mut message = NeighbourMessage::default();
    message.header.family = family(ip);
    let replies = ask(
        RouteNetlinkMessage::GetNeighbour(message),
        NLM_F_DUMP | NLM_F_REQUEST,
    )?;
    for reply in replies {
        let RouteNetlinkMessage::NewNeighbour(entry) = reply else {
            continue;
        };
        if matches!(
            entry.header.state,
            NeighbourState::Incomplete | NeighbourState::Failed
        ) {
            continue;
        }
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
        if destination == Some(ip) {
            return Ok(mac.filter(|m| *m != [0; 6]));
        }
    }
    Ok(None)
}
