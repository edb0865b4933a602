//! The real exchange: a receiver binds, a sender sends one datagram with an
//! ordinary UDP socket, the receiver receives it. Every socket call is
//! recorded with what it really returned, for the renderers to show.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::Duration;

use serde::Serialize;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::sockopt;
use crate::error::Error;

/// Which program made a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Sender,
    Receiver,
}

/// One socket call and its real result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SocketCall {
    pub side: Side,
    /// The call as C would write it, e.g. `sendto(fd, "Hello!!", 7, 127.0.0.1:15001)`.
    pub call: String,
    /// What it returned, e.g. `7 (bytes sent)`.
    pub result: String,
    /// Why it matters.
    pub note: String,
}

/// Where the datagram goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Start our own receiver on 127.0.0.1:port (0 = the OS chooses).
    Embedded { port: u16 },
    /// A receiver that runs elsewhere.
    Remote(SocketAddrV4),
}

#[derive(Debug, Clone)]
pub struct Request {
    pub payload: Vec<u8>,
    pub target: Target,
    pub from: Option<SocketAddrV4>,
    pub ttl: Option<u8>,
    pub timeout: Duration,
}

/// What the embedded receiver got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    #[serde(serialize_with = "crate::model::serialize_hex")]
    pub data: Vec<u8>,
    pub from: SocketAddrV4,
}

/// The exchange as it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exchange {
    pub calls: Vec<SocketCall>,
    /// The sender's address as the kernel filled it into the packet.
    pub source: SocketAddrV4,
    /// How `source` was learned.
    pub source_learned_from: String,
    pub destination: SocketAddrV4,
    pub bytes_sent: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received: Option<Received>,
    /// True when IP_MTU_DISCOVER=IP_PMTUDISC_DO was set (DF set, ID 0).
    pub pmtu_discovery_do: bool,
}

const RECEIVE_BUFFER: usize = 65_536;

fn v4(addr: &SockAddr) -> Option<SocketAddrV4> {
    match addr.as_socket() {
        Some(SocketAddr::V4(a)) => Some(a),
        _ => None,
    }
}

fn socket_error(call: &str, source: io::Error) -> Error {
    Error::Socket { call: call.to_string(), source }
}

/// A C-style quoted preview of a payload for the call column.
fn preview(data: &[u8]) -> String {
    let text = crate::dissect::fields::escape_text(&data[..data.len().min(24)]);
    if data.len() > 24 {
        format!("\"{text}\"…")
    } else {
        format!("\"{text}\"")
    }
}

fn new_udp_socket(calls: &mut Vec<SocketCall>, side: Side, note: &str) -> Result<Socket, Error> {
    let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))
        .map_err(|e| socket_error("socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)", e))?;
    use std::os::fd::AsRawFd;
    calls.push(SocketCall {
        side,
        call: "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)".into(),
        result: format!("fd {}", socket.as_raw_fd()),
        note: note.into(),
    });
    Ok(socket)
}

/// Runs the exchange described by `request`.
pub fn run(request: &Request) -> Result<Exchange, Error> {
    let mut calls = Vec::new();

    // The receiver must be bound before the datagram arrives, or the kernel
    // drops it: bind first, exactly as a classic receiver does.
    let receiver = match request.target {
        Target::Embedded { port } => {
            let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
            let socket = new_udp_socket(&mut calls, Side::Receiver, "the receiver's socket")?;
            socket.bind(&addr.into()).map_err(|e| match e.kind() {
                io::ErrorKind::AddrInUse => Error::PortInUse { addr: addr.into(), port },
                _ => Error::Bind { addr: addr.into(), source: e },
            })?;
            let bound = socket.local_addr().ok().as_ref().and_then(v4).unwrap_or(addr);
            calls.push(SocketCall {
                side: Side::Receiver,
                call: format!("bind(fd, {addr})"),
                result: "0".into(),
                note: if port == 0 {
                    format!("port 0 = let the OS choose: getsockname() says {bound}")
                } else {
                    "the port now belongs to this socket; datagrams for it are queued here".into()
                },
            });
            socket
                .set_read_timeout(Some(request.timeout))
                .map_err(|e| socket_error("setsockopt(SO_RCVTIMEO)", e))?;
            Some((std::net::UdpSocket::from(socket), bound))
        }
        Target::Remote(_) => None,
    };
    let destination = match (&receiver, request.target) {
        (Some((_, bound)), _) => *bound,
        (None, Target::Remote(addr)) => addr,
        // The embedded target always has a receiver: only Remote has none.
        (None, Target::Embedded { port }) => SocketAddrV4::new(Ipv4Addr::LOCALHOST, port),
    };

    let sender = new_udp_socket(&mut calls, Side::Sender, "an ordinary UDP socket; stackviz never writes raw frames")?;
    let pmtu_discovery_do = sockopt::set_pmtudisc_do(&sender).is_ok();
    if pmtu_discovery_do {
        calls.push(SocketCall {
            side: Side::Sender,
            call: "setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)".into(),
            result: "0".into(),
            note: "DF set and no local fragmenting: Linux then sends IPv4 identification 0, so the prediction below can be exact".into(),
        });
    }
    if let Some(ttl) = request.ttl {
        sender.set_ttl_v4(u32::from(ttl)).map_err(|e| socket_error("setsockopt(IP_TTL)", e))?;
        calls.push(SocketCall {
            side: Side::Sender,
            call: format!("setsockopt(IPPROTO_IP, IP_TTL, {ttl})"),
            result: "0".into(),
            note: "--ttl: this socket's packets start with this TTL".into(),
        });
    }
    if let Some(from) = request.from {
        sender.bind(&from.into()).map_err(|e| match e.kind() {
            io::ErrorKind::AddrInUse => Error::PortInUse { addr: from.into(), port: from.port() },
            _ => Error::Bind { addr: from.into(), source: e },
        })?;
        calls.push(SocketCall {
            side: Side::Sender,
            call: format!("bind(fd, {from})"),
            result: "0".into(),
            note: "--from: the sender chose its own address and port".into(),
        });
    }

    // Which source address the kernel will write: connect() on a separate
    // probe socket asks the routing table and sends nothing.
    let route_source = probe_source(destination)?;

    let sent = sender
        .send_to(&request.payload, &destination.into())
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ENETUNREACH) | Some(libc::EHOSTUNREACH) => {
                Error::NoRoute { addr: destination.into(), source: e }
            }
            _ => socket_error(&format!("sendto({destination})"), e),
        })?;
    calls.push(SocketCall {
        side: Side::Sender,
        call: format!("sendto(fd, {}, {}, {destination})", preview(&request.payload), request.payload.len()),
        result: format!("{sent} (bytes sent)"),
        note: "the kernel adds the UDP, IPv4 and link headers".into(),
    });
    let local = sender.local_addr().ok().as_ref().and_then(v4).unwrap_or(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0));
    calls.push(SocketCall {
        side: Side::Sender,
        call: "getsockname(fd)".into(),
        result: local.to_string(),
        note: if request.from.is_some_and(|f| f.port() != 0) {
            "the port given with --from".into()
        } else {
            format!("no bind() before sendto(): the OS chose port {} (ephemeral)", local.port())
        },
    });

    let mut received = None;
    let (source, source_learned_from) = if let Some((socket, bound)) = receiver {
        let mut buf = vec![0u8; RECEIVE_BUFFER];
        let (n, from) = socket.recv_from(&mut buf).map_err(|e| match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
                Error::Timeout { addr: bound.into(), seconds: request.timeout.as_secs_f64() }
            }
            _ => socket_error("recvfrom", e),
        })?;
        buf.truncate(n);
        let data = buf;
        let from = match from {
            SocketAddr::V4(a) => a,
            SocketAddr::V6(_) => local,
        };
        calls.push(SocketCall {
            side: Side::Receiver,
            call: format!("recvfrom(fd, buf, {RECEIVE_BUFFER})"),
            result: format!("{n} (bytes) {} from {from}", preview(&data)),
            note: "the receiver learns the sender's address and port from the packet's headers".into(),
        });
        received = Some(Received { data, from });
        (from, format!("recvfrom() on the receiver reported {from}"))
    } else {
        let source = SocketAddrV4::new(
            if local.ip().is_unspecified() { route_source } else { *local.ip() },
            local.port(),
        );
        (source, format!("route lookup (connect() on a probe socket) chose {route_source}; getsockname() gave the port"))
    };

    Ok(Exchange { calls, source, source_learned_from, destination, bytes_sent: sent, received, pmtu_discovery_do })
}

/// The source address the routing table picks for `destination`.
fn probe_source(destination: SocketAddrV4) -> Result<Ipv4Addr, Error> {
    let probe = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))
        .map_err(|e| socket_error("socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)", e))?;
    probe.connect(&destination.into()).map_err(|e| match e.raw_os_error() {
        Some(libc::ENETUNREACH) | Some(libc::EHOSTUNREACH) | Some(libc::EADDRNOTAVAIL) => {
            Error::NoRoute { addr: destination.into(), source: e }
        }
        _ => socket_error(&format!("connect({destination})"), e),
    })?;
    Ok(probe.local_addr().ok().as_ref().and_then(v4).map(|a| *a.ip()).unwrap_or(Ipv4Addr::UNSPECIFIED))
}
