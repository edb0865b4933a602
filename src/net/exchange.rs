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
    /// 127.0.0.1:port with nobody bound to it: the dropped-datagram lesson
    /// (port 0 = a port the OS just confirmed free).
    Unbound { port: u16 },
}

/// What became of the datagram, as far as the sender's side can tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Delivery {
    /// The embedded receiver got it.
    Received,
    /// The kernel reported an ICMP error to the sender's socket.
    Refused { error: String },
    /// The receiver answered with a datagram of its own.
    Reply {
        #[serde(serialize_with = "crate::model::serialize_hex")]
        data: Vec<u8>,
        from: SocketAddrV4,
    },
    /// Nothing came back within the wait: UDP never says whether anyone got it.
    Silence { waited_ms: u64 },
    /// sendto() refused with EMSGSIZE: DF set and bigger than the MTU.
    TooBig,
}

/// How long the sender listens for an error or a reply when it cannot see
/// the receiver: ICMP on loopback arrives in microseconds, on a LAN in
/// milliseconds.
const ERROR_WAIT: Duration = Duration::from_millis(500);

#[derive(Debug, Clone)]
pub struct Request {
    pub payload: Vec<u8>,
    pub target: Target,
    pub from: Option<SocketAddrV4>,
    pub ttl: Option<u8>,
    pub timeout: Duration,
    /// Set IP_PMTUDISC_DO: DF on, and the kernel refuses (EMSGSIZE) rather
    /// than fragment. Off lets the kernel fragment a datagram bigger than the MTU.
    pub dont_fragment: bool,
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
    Error::Socket {
        call: call.to_string(),
        source,
    }
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
    run_with_delivery(request).map(|(exchange, _)| exchange)
}

fn bind_error(addr: SocketAddrV4, e: io::Error) -> Error {
    match e.kind() {
        io::ErrorKind::AddrInUse => Error::PortInUse {
            addr: addr.into(),
            port: addr.port(),
        },
        _ => Error::Bind {
            addr: addr.into(),
            source: e,
        },
    }
}

/// Sets up the receiving side. Returns the bound receiver (if we run one) and
/// the address the datagram goes to.
fn prepare_receiver(
    request: &Request,
    calls: &mut Vec<SocketCall>,
) -> Result<(Option<std::net::UdpSocket>, SocketAddrV4), Error> {
    match request.target {
        Target::Remote(addr) => Ok((None, addr)),
        Target::Embedded { port } => {
            // The receiver must be bound before the datagram arrives, or the
            // kernel drops it: bind first, exactly as a classic receiver does.
            let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
            let socket = new_udp_socket(calls, Side::Receiver, "the receiver's socket")?;
            socket.bind(&addr.into()).map_err(|e| bind_error(addr, e))?;
            let bound = socket
                .local_addr()
                .ok()
                .as_ref()
                .and_then(v4)
                .unwrap_or(addr);
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
            Ok((Some(socket.into()), bound))
        }
        Target::Unbound { port } => {
            // Prove nobody is bound: our own bind must succeed; then close it.
            let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
            let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))
                .map_err(|e| socket_error("socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)", e))?;
            socket.bind(&addr.into()).map_err(|e| bind_error(addr, e))?;
            let free = socket
                .local_addr()
                .ok()
                .as_ref()
                .and_then(v4)
                .unwrap_or(addr);
            drop(socket);
            calls.push(SocketCall {
                side: Side::Receiver,
                call: format!("(no receiver) bind(fd, {addr}); close(fd)"),
                result: format!("0, 0: {free} is free"),
                note: "stackviz checked that nobody is bound to this port: the kernel will have no socket to give the datagram to".into(),
            });
            Ok((None, free))
        }
    }
}

/// Creates the sender's socket with the options the request asks for.
fn prepare_sender(
    request: &Request,
    calls: &mut Vec<SocketCall>,
    listen: bool,
) -> Result<(Socket, bool), Error> {
    let sender = new_udp_socket(
        calls,
        Side::Sender,
        "an ordinary UDP socket; stackviz never writes raw frames",
    )?;
    let pmtu_discovery_do = request.dont_fragment && sockopt::set_pmtudisc_do(&sender).is_ok();
    if pmtu_discovery_do {
        calls.push(SocketCall {
            side: Side::Sender,
            call: "setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)".into(),
            result: "0".into(),
            note: "DF set and no local fragmenting: Linux then sends IPv4 identification 0, so the prediction below can be exact".into(),
        });
    }
    if listen && sockopt::set_recverr(&sender).is_ok() {
        calls.push(SocketCall {
            side: Side::Sender,
            call: "setsockopt(IPPROTO_IP, IP_RECVERR, 1)".into(),
            result: "0".into(),
            note: "without it an unconnected socket is never told about ICMP errors".into(),
        });
    }
    if let Some(ttl) = request.ttl {
        sender
            .set_ttl_v4(u32::from(ttl))
            .map_err(|e| socket_error("setsockopt(IP_TTL)", e))?;
        calls.push(SocketCall {
            side: Side::Sender,
            call: format!("setsockopt(IPPROTO_IP, IP_TTL, {ttl})"),
            result: "0".into(),
            note: "--ttl: this socket's packets start with this TTL".into(),
        });
    }
    if let Some(from) = request.from {
        sender.bind(&from.into()).map_err(|e| bind_error(from, e))?;
        calls.push(SocketCall {
            side: Side::Sender,
            call: format!("bind(fd, {from})"),
            result: "0".into(),
            note: "--from: the sender chose its own address and port".into(),
        });
    }
    Ok((sender, pmtu_discovery_do))
}

/// Runs the exchange and also says what became of the datagram.
pub fn run_with_delivery(request: &Request) -> Result<(Exchange, Delivery), Error> {
    let mut calls = Vec::new();
    let (receiver, destination) = prepare_receiver(request, &mut calls)?;
    let (sender, pmtu_discovery_do) = prepare_sender(request, &mut calls, receiver.is_none())?;

    // Which source address the kernel will write: connect() on a separate
    // probe socket asks the routing table and sends nothing.
    let route_source = probe_source(destination)?;

    let sent = match sender.send_to(&request.payload, &destination.into()) {
        Ok(sent) => sent,
        Err(e) if e.raw_os_error() == Some(libc::EMSGSIZE) => {
            return Ok(refused_as_too_big(
                request,
                calls,
                &sender,
                destination,
                route_source,
                pmtu_discovery_do,
            ));
        }
        Err(e) => {
            return Err(match e.raw_os_error() {
                Some(libc::ENETUNREACH) | Some(libc::EHOSTUNREACH) => Error::NoRoute {
                    addr: destination.into(),
                    source: e,
                },
                _ => socket_error(&format!("sendto({destination})"), e),
            })
        }
    };
    calls.push(SocketCall {
        side: Side::Sender,
        call: format!(
            "sendto(fd, {}, {}, {destination})",
            preview(&request.payload),
            request.payload.len()
        ),
        result: format!("{sent} (bytes sent)"),
        note: "the kernel adds the UDP, IPv4 and link headers".into(),
    });
    let local = sender
        .local_addr()
        .ok()
        .as_ref()
        .and_then(v4)
        .unwrap_or(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0));
    calls.push(SocketCall {
        side: Side::Sender,
        call: "getsockname(fd)".into(),
        result: local.to_string(),
        note: if request.from.is_some_and(|f| f.port() != 0) {
            "the port given with --from".into()
        } else {
            format!(
                "no bind() before sendto(): the OS chose port {} (ephemeral)",
                local.port()
            )
        },
    });

    let (source, source_learned_from, received, delivery) = match receiver {
        Some(socket) => {
            let mut buf = vec![0u8; RECEIVE_BUFFER];
            let (n, from) = socket.recv_from(&mut buf).map_err(|e| match e.kind() {
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => Error::Timeout {
                    addr: destination.into(),
                    seconds: request.timeout.as_secs_f64(),
                },
                _ => socket_error("recvfrom", e),
            })?;
            buf.truncate(n);
            let from = match from {
                SocketAddr::V4(a) => a,
                SocketAddr::V6(_) => local,
            };
            calls.push(SocketCall {
                side: Side::Receiver,
                call: format!("recvfrom(fd, buf, {RECEIVE_BUFFER})"),
                result: format!("{n} (bytes) {} from {from}", preview(&buf)),
                note: "the receiver learns the sender's address and port from the packet's headers"
                    .into(),
            });
            let learned = format!("recvfrom() on the receiver reported {from}");
            (
                from,
                learned,
                Some(Received { data: buf, from }),
                Delivery::Received,
            )
        }
        None => {
            let source = SocketAddrV4::new(
                if local.ip().is_unspecified() {
                    route_source
                } else {
                    *local.ip()
                },
                local.port(),
            );
            let learned = format!("route lookup (connect() on a probe socket) chose {route_source}; getsockname() gave the port");
            let delivery = listen_on_sender(&sender, request.timeout.min(ERROR_WAIT), &mut calls)?;
            (source, learned, None, delivery)
        }
    };

    let exchange = Exchange {
        calls,
        source,
        source_learned_from,
        destination,
        bytes_sent: sent,
        received,
        pmtu_discovery_do,
    };
    Ok((exchange, delivery))
}

/// sendto() failed with EMSGSIZE: DF is set and the datagram does not fit
/// the route's MTU. Nothing was sent; the exchange ends here.
fn refused_as_too_big(
    request: &Request,
    mut calls: Vec<SocketCall>,
    sender: &Socket,
    destination: SocketAddrV4,
    route_source: Ipv4Addr,
    pmtu_discovery_do: bool,
) -> (Exchange, Delivery) {
    calls.push(SocketCall {
        side: Side::Sender,
        call: format!("sendto(fd, {}, {}, {destination})", preview(&request.payload), request.payload.len()),
        result: "-1 EMSGSIZE (Message too long)".into(),
        note: format!(
            "DF is set and the {}-byte IPv4 packet is bigger than the route's MTU: the kernel refuses rather than fragment; nothing was sent",
            request.payload.len() + 28
        ),
    });
    let port = sender
        .local_addr()
        .ok()
        .as_ref()
        .and_then(v4)
        .map(|a| a.port())
        .unwrap_or(0);
    let exchange = Exchange {
        calls,
        source: SocketAddrV4::new(route_source, port),
        source_learned_from: format!(
            "route lookup (connect() on a probe socket) chose {route_source}"
        ),
        destination,
        bytes_sent: 0,
        received: None,
        pmtu_discovery_do,
    };
    (exchange, Delivery::TooBig)
}

/// The sender's next call after sending to a receiver it cannot see: an
/// error (ICMP reported through IP_RECVERR), a reply, or silence.
fn listen_on_sender(
    sender: &Socket,
    wait: Duration,
    calls: &mut Vec<SocketCall>,
) -> Result<Delivery, Error> {
    sender
        .set_read_timeout(Some(wait))
        .map_err(|e| socket_error("setsockopt(SO_RCVTIMEO)", e))?;
    let socket: &std::net::UdpSocket = &sender
        .try_clone()
        .map(Into::into)
        .map_err(|e| socket_error("dup", e))?;
    let mut buf = vec![0u8; RECEIVE_BUFFER];
    let call = format!("recvfrom(fd, buf, {RECEIVE_BUFFER})");
    match socket.recv_from(&mut buf) {
        Ok((n, SocketAddr::V4(from))) => {
            buf.truncate(n);
            calls.push(SocketCall {
                side: Side::Sender,
                call,
                result: format!("{n} (bytes) {} from {from}", preview(&buf)),
                note: "the receiver answered".into(),
            });
            Ok(Delivery::Reply { data: buf, from })
        }
        Ok((_, SocketAddr::V6(_))) => Ok(Delivery::Silence {
            waited_ms: wait.as_millis() as u64,
        }),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            calls.push(SocketCall {
                side: Side::Sender,
                call,
                result: format!("-1 EAGAIN after {} ms", wait.as_millis()),
                note: "no error and no answer: UDP never tells the sender whether anyone received the datagram".into(),
            });
            Ok(Delivery::Silence {
                waited_ms: wait.as_millis() as u64,
            })
        }
        Err(e) => {
            let errno = match e.raw_os_error() {
                Some(libc::ECONNREFUSED) => "ECONNREFUSED (Connection refused)".to_string(),
                Some(libc::EHOSTUNREACH) => "EHOSTUNREACH (No route to host)".to_string(),
                Some(libc::ENETUNREACH) => "ENETUNREACH (Network is unreachable)".to_string(),
                _ => e.to_string(),
            };
            calls.push(SocketCall {
                side: Side::Sender,
                call,
                result: format!("-1 {errno}"),
                note: "the kernel got an ICMP error about our datagram and reports it on the next call: the data was dropped".into(),
            });
            Ok(Delivery::Refused { error: errno })
        }
    }
}

/// The source address the routing table picks for `destination`.
pub fn probe_source(destination: SocketAddrV4) -> Result<Ipv4Addr, Error> {
    let probe = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))
        .map_err(|e| socket_error("socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)", e))?;
    probe
        .connect(&destination.into())
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ENETUNREACH) | Some(libc::EHOSTUNREACH) | Some(libc::EADDRNOTAVAIL) => {
                Error::NoRoute {
                    addr: destination.into(),
                    source: e,
                }
            }
            _ => socket_error(&format!("connect({destination})"), e),
        })?;
    Ok(probe
        .local_addr()
        .ok()
        .as_ref()
        .and_then(v4)
        .map(|a| *a.ip())
        .unwrap_or(Ipv4Addr::UNSPECIFIED))
}
