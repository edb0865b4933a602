//! Facts about this host that decide a frame's bytes: the default TTL, the
//! interface that holds an address and its MAC, the next hop and its MAC.
//! Each fact comes back with the place it was read from.

use std::net::{IpAddr, Ipv4Addr};

use crate::model::{mac_text, Origin};
use crate::t;

pub const DEFAULT_TTL_PATH: &str = "/proc/sys/net/ipv4/ip_default_ttl";

/// The kernel's default TTL, and where it was read; 64 (Linux's built-in
/// default) when the file cannot be read, and the origin says so.
pub fn default_ttl() -> (u8, Origin) {
    match std::fs::read_to_string(DEFAULT_TTL_PATH)
        .ok()
        .and_then(|s| s.trim().parse::<u8>().ok())
    {
        Some(ttl) => (
            ttl,
            Origin::observed(t!(
                "{path} (the kernel's default for new sockets)",
                path = DEFAULT_TTL_PATH
            )),
        ),
        None => (
            64,
            Origin::predicted(t!(
                "Linux's usual default; {path} could not be read",
                path = DEFAULT_TTL_PATH
            )),
        ),
    }
}

/// The interface that holds `addr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    pub name: String,
    pub mac: [u8; 6],
    pub loopback: bool,
    /// Networks (address/prefix) configured on it.
    pub networks: Vec<(Ipv4Addr, u8)>,
    pub mtu: Option<u32>,
}

/// The kernel's default IPv6 hop limit, and where it was read.
pub fn default_hop_limit() -> (u8, Origin) {
    const PATH: &str = "/proc/sys/net/ipv6/conf/default/hop_limit";
    match std::fs::read_to_string(PATH)
        .ok()
        .and_then(|s| s.trim().parse::<u8>().ok())
    {
        Some(h) => (
            h,
            Origin::observed(t!("{path} (the kernel's default hop limit)", path = PATH)),
        ),
        None => (
            64,
            Origin::predicted(t!(
                "Linux's usual default; {path} could not be read",
                path = PATH
            )),
        ),
    }
}

/// Finds the interface that holds `addr` (the source the kernel chose).
pub fn interface_with(addr: IpAddr) -> Option<Interface> {
    find_holder(&pnet_datalink::interfaces(), addr).map(describe)
}

fn find_holder(
    all: &[pnet_datalink::NetworkInterface],
    addr: IpAddr,
) -> Option<&pnet_datalink::NetworkInterface> {
    all.iter()
        .find(|i| i.ips.iter().any(|n| n.ip() == addr))
        .or_else(|| {
            // 127.0.0.0/8 is all local, but `lo` lists only 127.0.0.1/8.
            addr.is_loopback()
                .then(|| all.iter().find(|i| i.is_loopback()))
                .flatten()
        })
}

fn describe(found: &pnet_datalink::NetworkInterface) -> Interface {
    let networks = found
        .ips
        .iter()
        .filter_map(|n| match n.ip() {
            IpAddr::V4(ip) => Some((ip, n.prefix())),
            IpAddr::V6(_) => None,
        })
        .collect();
    let mtu = std::fs::read_to_string(format!("/sys/class/net/{}/mtu", found.name))
        .ok()
        .and_then(|s| s.trim().parse().ok());
    Interface {
        name: found.name.clone(),
        mac: found.mac.map(|m| m.octets()).unwrap_or([0; 6]),
        loopback: found.is_loopback(),
        networks,
        mtu,
    }
}

/// The way out the kernel really takes towards a destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// The interface the packet leaves by (`lo` for a local route).
    pub interface: Interface,
    /// The route is `local` (RTN_LOCAL): the destination is one of this
    /// host's own addresses, so the packet goes through `lo` with no ARP and
    /// no MAC, even when the address sits on another interface.
    pub local: bool,
    /// The interface that holds the destination address, when the route is
    /// local and that is not `lo` (e.g. eth0 for this host's own 192.0.2.2).
    pub holder: Option<String>,
}

/// The kernel's own answer (RTM_GETROUTE, as `ip route get`): the outgoing
/// interface and the route type. Falls back to the interface that holds
/// the source address when netlink cannot answer.
pub fn path_to(dst: IpAddr, bound_source: Option<IpAddr>, src: IpAddr) -> Option<Path> {
    if let Ok(route) = super::netlink::route_from(dst, bound_source) {
        // One listing of the interfaces answers both questions.
        let all = pnet_datalink::interfaces();
        let by_index = route
            .interface_index
            .and_then(|index| all.iter().find(|i| i.index == index));
        if let Some(interface) = by_index.map(describe) {
            let holder = route
                .local
                .then(|| find_holder(&all, dst))
                .flatten()
                .filter(|h| !h.is_loopback())
                .map(|h| h.name.clone());
            return Some(Path {
                local: route.local,
                interface,
                holder,
            });
        }
    }
    let interface = interface_with(src)?;
    Some(Path {
        local: interface.loopback,
        interface,
        holder: None,
    })
}

fn in_network(addr: Ipv4Addr, (net, prefix): (Ipv4Addr, u8)) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix.min(32)))
    };
    u32::from(addr) & mask == u32::from(net) & mask
}

/// The next hop towards `dst` through `iface`: the destination itself when it
/// is on one of the interface's networks, else the default gateway from
/// /proc/net/route.
pub fn next_hop(iface: &Interface, dst: Ipv4Addr) -> (Ipv4Addr, Origin) {
    if let Some(net) = iface.networks.iter().find(|n| in_network(dst, **n)) {
        return (
            dst,
            Origin::observed(t!(
                "on-link: {dst} is inside {network} on {interface}",
                dst,
                network = format!("{}/{}", net.0, net.1),
                interface = iface.name
            )),
        );
    }
    let routes = std::fs::read_to_string("/proc/net/route").unwrap_or_default();
    for line in routes.lines().skip(1) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() > 2 && cols[0] == iface.name && cols[1] == "00000000" {
            if let Ok(gw) = u32::from_str_radix(cols[2], 16) {
                // /proc/net/route prints addresses in host (little-endian) order.
                let gateway = Ipv4Addr::from(gw.swap_bytes());
                return (
                    gateway,
                    Origin::observed(t!(
                        "default route via {gateway} on {interface} (/proc/net/route)",
                        gateway,
                        interface = iface.name
                    )),
                );
            }
        }
    }
    (
        dst,
        Origin::predicted(t!("no gateway found for {dst}; assumed on-link", dst)),
    )
}

/// The next hop towards `dst`, as the kernel's routing decides it
/// (rtnetlink RTM_GETROUTE); for IPv4, /proc/net/route if netlink fails.
pub fn next_hop_ip(iface: &Interface, dst: IpAddr) -> (IpAddr, Origin) {
    match super::netlink::route_to(dst) {
        Ok(route) => match route.gateway {
            Some(gw) => (
                gw,
                Origin::observed(t!("the kernel's route (RTM_GETROUTE): via {gw}", gw)),
            ),
            None => (
                dst,
                Origin::observed(t!(
                    "the kernel's route (RTM_GETROUTE): {dst} is on-link",
                    dst
                )),
            ),
        },
        Err(_) => match dst {
            IpAddr::V4(v4) => {
                let (hop, origin) = next_hop(iface, v4);
                (IpAddr::V4(hop), origin)
            }
            IpAddr::V6(_) => (
                dst,
                Origin::predicted(t!("no route lookup possible; assumed on-link")),
            ),
        },
    }
}

/// The neighbour's MAC and the table it came from: rtnetlink (ARP and NDP),
/// else /proc/net/arp for IPv4.
pub fn neighbour(ip: IpAddr) -> (Option<[u8; 6]>, &'static str) {
    match super::netlink::neighbour_mac(ip) {
        Ok(mac) => (mac, t!("the kernel's neighbour table (RTM_GETNEIGH)")),
        Err(_) => match ip {
            IpAddr::V4(v4) => (neighbour_mac(v4), "/proc/net/arp"),
            IpAddr::V6(_) => (None, t!("no neighbour table readable")),
        },
    }
}

/// The state of the neighbour entry for `ip` (rtnetlink), `None` when
/// there is none or the table cannot be read.
pub fn neighbour_state(ip: IpAddr) -> Option<super::netlink::NeighbourEntry> {
    super::netlink::neighbour_state(ip).ok().flatten()
}

/// The MAC the neighbour table (/proc/net/arp) holds for `ip`, if any.
pub fn neighbour_mac(ip: Ipv4Addr) -> Option<[u8; 6]> {
    let table = std::fs::read_to_string("/proc/net/arp").ok()?;
    table.lines().skip(1).find_map(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 4 || cols[0] != ip.to_string() {
            return None;
        }
        let octets: Vec<u8> = cols[3]
            .split(':')
            .filter_map(|h| u8::from_str_radix(h, 16).ok())
            .collect();
        let mac: [u8; 6] = octets.try_into().ok()?;
        (mac != [0; 6]).then_some(mac)
    })
}

/// Both MAC addresses for a frame from `src` to `dst`, each with its origin.
pub struct LinkAddresses {
    pub interface: Option<Interface>,
    pub src_mac: [u8; 6],
    pub src_origin: Origin,
    pub dst_mac: [u8; 6],
    pub dst_origin: Origin,
}

/// Works out the link-layer addresses the kernel would use on `path`.
pub fn link_addresses(path: Option<&Path>, src: IpAddr, dst: IpAddr) -> LinkAddresses {
    link_addresses_via(path, src, dst, None)
}

/// Like [`link_addresses`], with the next hop already found (a run plans
/// it once); `None` looks it up.
pub fn link_addresses_via(
    path: Option<&Path>,
    src: IpAddr,
    dst: IpAddr,
    next_hop: Option<(IpAddr, Origin)>,
) -> LinkAddresses {
    let Some(iface) = path.map(|p| p.interface.clone()) else {
        return LinkAddresses {
            interface: None,
            src_mac: [0; 6],
            src_origin: Origin::predicted(t!("no interface holds {src}; shown as zeros", src)),
            dst_mac: [0; 6],
            dst_origin: Origin::predicted(t!("unknown; shown as zeros")),
        };
    };
    if iface.loopback {
        let why = match path.and_then(|p| p.holder.as_ref()) {
            Some(holder) => t!(
                "{dst} is this host's own address (on {holder}): the kernel's route is local (RTM_GETROUTE, as `ip route get` says: local … dev {interface}), so the packet goes through {interface}, which has no hardware address: Linux writes zeros, and no ARP or neighbour discovery is needed",
                dst,
                holder,
                interface = iface.name
            ),
            None => t!(
                "{interface} is the loopback interface: Linux writes zeros",
                interface = iface.name
            ),
        };
        return LinkAddresses {
            src_mac: [0; 6],
            src_origin: Origin::observed(why.clone()),
            dst_mac: [0; 6],
            dst_origin: Origin::observed(why),
            interface: Some(iface),
        };
    }
    let src_origin = Origin::observed(t!(
        "hardware address of {interface} ({mac})",
        interface = iface.name,
        mac = mac_text(&iface.mac)
    ));
    let (hop, hop_origin) = next_hop.unwrap_or_else(|| next_hop_ip(&iface, dst));
    let (dst_mac, dst_origin) = match neighbour(hop) {
        (Some(mac), table) => (
            mac,
            Origin::observed(t!(
                "{table} entry for next hop {hop}; {route}",
                table,
                hop,
                route = hop_origin.source
            )),
        ),
        (None, _) if hop.is_ipv4() => (
            [0; 6],
            Origin::predicted(t!(
                "unknown: next hop {hop} is not in the neighbour table yet, the kernel will ask with ARP first; zeros shown",
                hop
            )),
        ),
        (None, _) => (
            [0; 6],
            Origin::predicted(t!(
                "unknown: next hop {hop} is not in the neighbour table yet, the kernel will ask with neighbour discovery first; zeros shown",
                hop
            )),
        ),
    };
    LinkAddresses {
        src_mac: iface.mac,
        src_origin,
        dst_mac,
        dst_origin,
        interface: Some(iface),
    }
}
