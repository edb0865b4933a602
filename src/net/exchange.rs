//! The real exchange: a receiver binds, a sender sends one datagram with an
//! ordinary UDP socket, the receiver receives it. Every socket call is
//! recorded with what it really returned, for the renderers to show.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::sockopt;
use crate::error::{Error, PortOption};
use crate::header_len;
use crate::t;
use crate::text::quoted_preview as preview;

/// IPv4 (AF_INET) or IPv6 (AF_INET6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    pub fn of(addr: &SocketAddr) -> Family {
        if addr.is_ipv4() {
            Family::V4
        } else {
            Family::V6
        }
    }
    pub fn loopback(self) -> IpAddr {
        match self {
            Family::V4 => IpAddr::V4(Ipv4Addr::LOCALHOST),
            Family::V6 => IpAddr::V6(Ipv6Addr::LOCALHOST),
        }
    }
    pub fn unspecified(self) -> IpAddr {
        match self {
            Family::V4 => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            Family::V6 => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
        }
    }
    fn domain(self) -> Domain {
        match self {
            Family::V4 => Domain::IPV4,
            Family::V6 => Domain::IPV6,
        }
    }
    /// The socket() call as C writes it.
    pub fn socket_call(self) -> &'static str {
        match self {
            Family::V4 => "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)",
            Family::V6 => "socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)",
        }
    }
}

/// Which program made a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Sender,
    Receiver,
}

/// One socket call and its real result.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    Remote(SocketAddr),
    /// 127.0.0.1:port with nobody bound to it: the dropped-datagram lesson
    /// (port 0 = a port the OS just confirmed free).
    Unbound { port: u16 },
}

/// What became of the datagram, as far as the sender's side can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The embedded receiver got it.
    Received,
    /// The kernel reported an ICMP error to the sender's socket.
    Refused {
        /// The error as the sender's call returned it, e.g.
        /// `ECONNREFUSED (Connection refused)`.
        error: String,
        /// Which error, as data: renderers decide by this, never by the text.
        errno: Option<i32>,
    },
    /// The receiver answered with a datagram of its own.
    Reply { data: Vec<u8>, from: SocketAddr },
    /// Nothing came back within the wait: UDP never says whether anyone got it.
    Silence { waited_ms: u64 },
    /// sendto() refused with EMSGSIZE: DF set and bigger than the MTU.
    TooBig,
    /// The datagram never left: the next hop's MAC could not be learned
    /// (ARP or IPv6 neighbour solicitations went unanswered), so the kernel
    /// kept it queued and drops it when the neighbour entry fails.
    /// `sendto()` succeeded all the same: it only hands the datagram over.
    Unresolved {
        next_hop: IpAddr,
        /// The neighbour entry's state after the wait.
        state: super::netlink::NeighbourEntry,
        /// Requests the capture saw (`None` when no capture ran).
        requests: Option<usize>,
    },
}

/// How long the sender listens for an error or a reply when it cannot see
/// the receiver: ICMP on loopback arrives in microseconds, on a LAN in
/// milliseconds.
const ERROR_WAIT: Duration = Duration::from_millis(500);

#[derive(Debug, Clone)]
pub struct Request {
    pub payload: Vec<u8>,
    pub target: Target,
    pub from: Option<SocketAddr>,
    pub ttl: Option<u8>,
    pub timeout: Duration,
    /// IPv4 or IPv6 for the embedded receiver (a remote target has its own).
    pub family: Family,
    /// Set IP_PMTUDISC_DO: DF on, and the kernel refuses (EMSGSIZE) rather
    /// than fragment. Off lets the kernel fragment a datagram bigger than the MTU.
    pub dont_fragment: bool,
    /// IPv4: set IP_PMTUDISC_DONT, so the datagram leaves without DF (a
    /// datagram that is to be fragmented must not carry it). Ignored when
    /// `dont_fragment` is set, and for IPv6, which has no DF bit.
    pub fragmentable: bool,
}

/// What the embedded receiver got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub data: Vec<u8>,
    pub from: SocketAddr,
}

/// The exchange as it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub calls: Vec<SocketCall>,
    /// The sender's address as the kernel filled it into the packet.
    pub source: SocketAddr,
    /// How `source` was learned.
    pub source_learned_from: String,
    pub destination: SocketAddr,
    pub bytes_sent: usize,
    pub received: Option<Received>,
    /// True when IP_MTU_DISCOVER=IP_PMTUDISC_DO was set (DF set, ID 0).
    pub pmtu_discovery_do: bool,
}

const RECEIVE_BUFFER: usize = 65_536;

fn std_addr(addr: &SockAddr) -> Option<SocketAddr> {
    addr.as_socket()
}

fn socket_error(call: &str, source: io::Error) -> Error {
    Error::Socket {
        call: call.to_string(),
        source,
    }
}

fn new_udp_socket(
    calls: &mut Vec<SocketCall>,
    family: Family,
    side: Side,
    note: &str,
) -> Result<Socket, Error> {
    let socket = Socket::new(family.domain(), Type::DGRAM, Some(Protocol::UDP))
        .map_err(|e| socket_error(family.socket_call(), e))?;
    use std::os::fd::AsRawFd;
    calls.push(SocketCall {
        side,
        call: family.socket_call().into(),
        result: format!("fd {}", socket.as_raw_fd()),
        note: note.into(),
    });
    Ok(socket)
}

/// Runs the exchange described by `request`.
pub fn run(request: &Request) -> Result<Exchange, Error> {
    run_with_delivery(request).map(|(exchange, _)| exchange)
}

pub(crate) fn bind_error(addr: SocketAddr, e: io::Error, option: PortOption) -> Error {
    match e.kind() {
        io::ErrorKind::AddrInUse => Error::PortInUse {
            addr,
            port: addr.port(),
            option,
            holder: super::holder::udp_port_holder(addr),
        },
        _ => Error::Bind { addr, source: e },
    }
}

/// Sets up the receiving side. Returns the bound receiver (if we run one) and
/// the address the datagram goes to.
fn prepare_receiver(
    request: &Request,
    calls: &mut Vec<SocketCall>,
) -> Result<(Option<std::net::UdpSocket>, SocketAddr), Error> {
    match request.target {
        Target::Remote(addr) => Ok((None, addr)),
        Target::Embedded { port } => {
            // The receiver must be bound before the datagram arrives, or the
            // kernel drops it: bind first, exactly as a classic receiver does.
            let addr = SocketAddr::new(request.family.loopback(), port);
            let socket = new_udp_socket(
                calls,
                request.family,
                Side::Receiver,
                t!("the receiver's socket"),
            )?;
            socket
                .bind(&addr.into())
                .map_err(|e| bind_error(addr, e, PortOption::Port))?;
            let bound = socket
                .local_addr()
                .ok()
                .as_ref()
                .and_then(std_addr)
                .unwrap_or(addr);
            calls.push(SocketCall {
                side: Side::Receiver,
                call: format!("bind(fd, {addr})"),
                result: "0".into(),
                note: if port == 0 {
                    t!(
                        "port 0 = let the OS choose: getsockname() says {bound}",
                        bound
                    )
                } else {
                    t!("the port now belongs to this socket; datagrams for it are queued here")
                        .into()
                },
            });
            socket
                .set_read_timeout(Some(request.timeout))
                .map_err(|e| socket_error("setsockopt(SO_RCVTIMEO)", e))?;
            Ok((Some(socket.into()), bound))
        }
        Target::Unbound { port } => {
            // Prove nobody is bound: our own bind must succeed; then close it.
            let addr = SocketAddr::new(request.family.loopback(), port);
            let family = request.family;
            let socket = Socket::new(family.domain(), Type::DGRAM, Some(Protocol::UDP))
                .map_err(|e| socket_error(family.socket_call(), e))?;
            socket
                .bind(&addr.into())
                .map_err(|e| bind_error(addr, e, PortOption::Port))?;
            let free = socket
                .local_addr()
                .ok()
                .as_ref()
                .and_then(std_addr)
                .unwrap_or(addr);
            drop(socket);
            calls.push(SocketCall {
                side: Side::Receiver,
                call: t!("(no receiver) bind(fd, {addr}); close(fd)", addr),
                result: t!("0, 0: {free} is free", free),
                note: t!("stackviz checked that nobody is bound to this port: the kernel will have no socket to give the datagram to").into(),
            });
            Ok((None, free))
        }
    }
}

/// Creates the sender's socket with the options the request asks for.
fn prepare_sender(
    request: &Request,
    family: Family,
    calls: &mut Vec<SocketCall>,
    listen: bool,
) -> Result<(Socket, bool), Error> {
    let sender = new_udp_socket(
        calls,
        family,
        Side::Sender,
        t!("an ordinary UDP socket; stackviz never writes raw frames"),
    )?;
    let v6 = family == Family::V6;
    let pmtu_discovery_do = request.dont_fragment && sockopt::set_pmtudisc_do(&sender, v6).is_ok();
    if pmtu_discovery_do {
        calls.push(SocketCall {
            side: Side::Sender,
            call: if v6 {
                "setsockopt(IPPROTO_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_DO)".into()
            } else {
                "setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)".into()
            },
            result: "0".into(),
            note: if v6 {
                t!("no local fragmenting: a datagram bigger than the path MTU is refused (IPv6 routers never fragment)").into()
            } else {
                t!("DF set and no local fragmenting: Linux then sends IPv4 identification 0, so the prediction below can be exact").into()
            },
        });
    }
    if request.fragmentable
        && !request.dont_fragment
        && !v6
        && sockopt::set_pmtudisc_dont(&sender).is_ok()
    {
        calls.push(SocketCall {
            side: Side::Sender,
            call: "setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT)".into(),
            result: "0".into(),
            note: t!("--mtu: this datagram is to be fragmented, so it leaves without DF (Linux's default would set DF whenever the packet fits the interface); the kernel picks the identification itself").into(),
        });
    }
    if listen && sockopt::set_recverr(&sender, v6).is_ok() {
        calls.push(SocketCall {
            side: Side::Sender,
            call: if v6 {
                "setsockopt(IPPROTO_IPV6, IPV6_RECVERR, 1)".into()
            } else {
                "setsockopt(IPPROTO_IP, IP_RECVERR, 1)".into()
            },
            result: "0".into(),
            note: t!("without it an unconnected socket is never told about ICMP errors").into(),
        });
    }
    if let Some(ttl) = request.ttl {
        let (result, call) = if v6 {
            (
                sender.set_unicast_hops_v6(u32::from(ttl)),
                format!("setsockopt(IPPROTO_IPV6, IPV6_UNICAST_HOPS, {ttl})"),
            )
        } else {
            (
                sender.set_ttl_v4(u32::from(ttl)),
                format!("setsockopt(IPPROTO_IP, IP_TTL, {ttl})"),
            )
        };
        result.map_err(|e| socket_error(&call, e))?;
        calls.push(SocketCall {
            side: Side::Sender,
            call,
            result: "0".into(),
            note: t!("--ttl: this socket's packets start with this TTL (hop limit in IPv6)").into(),
        });
    }
    if let Some(from) = request.from {
        sender
            .bind(&from.into())
            .map_err(|e| bind_error(from, e, PortOption::From))?;
        calls.push(SocketCall {
            side: Side::Sender,
            call: format!("bind(fd, {from})"),
            result: "0".into(),
            note: if from.port() == 0 {
                t!("--from: the sender chose its address; port 0 lets the OS pick the port").into()
            } else {
                t!("--from: the sender chose its own address and port").into()
            },
        });
    }
    Ok((sender, pmtu_discovery_do))
}

/// Runs the exchange and also says what became of the datagram.
pub fn run_with_delivery(request: &Request) -> Result<(Exchange, Delivery), Error> {
    run_with_delivery_from(request, None)
}

/// Like [`run_with_delivery`], with the source the routing table already
/// picked for this destination (a run plans it once), when known.
pub fn run_with_delivery_from(
    request: &Request,
    route_source: Option<IpAddr>,
) -> Result<(Exchange, Delivery), Error> {
    let mut calls = Vec::new();
    let (receiver, destination) = prepare_receiver(request, &mut calls)?;
    let family = Family::of(&destination);
    let (sender, pmtu_discovery_do) =
        prepare_sender(request, family, &mut calls, receiver.is_none())?;

    // Which source address the kernel will write: connect() on a separate
    // probe socket asks the routing table and sends nothing.
    let route_source = match route_source {
        Some(ip) => ip,
        None => probe_source(destination)?,
    };

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
                    addr: destination,
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
        result: t!("{sent} (bytes sent)", sent),
        note: match family {
            Family::V4 => t!("the kernel adds the UDP, IPv4 and link headers").into(),
            Family::V6 => t!("the kernel adds the UDP, IPv6 and link headers").into(),
        },
    });
    let local = sender
        .local_addr()
        .ok()
        .as_ref()
        .and_then(std_addr)
        .unwrap_or(SocketAddr::new(Family::of(&destination).unspecified(), 0));
    calls.push(SocketCall {
        side: Side::Sender,
        call: "getsockname(fd)".into(),
        result: local.to_string(),
        note: if request.from.is_some_and(|f| f.port() != 0) {
            t!("the port given with --from").into()
        } else if request.from.is_some() {
            t!(
                "bind() with port 0: the OS chose port {port} (ephemeral)",
                port = local.port()
            )
        } else {
            t!(
                "no bind() before sendto(): the OS chose port {port} (ephemeral)",
                port = local.port()
            )
        },
    });

    let (source, source_learned_from, received, delivery) = match receiver {
        Some(socket) => {
            let mut buf = vec![0u8; RECEIVE_BUFFER];
            let (n, from) = socket.recv_from(&mut buf).map_err(|e| match e.kind() {
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => Error::Timeout {
                    addr: destination,
                    seconds: request.timeout.as_secs_f64(),
                },
                _ => socket_error("recvfrom", e),
            })?;
            buf.truncate(n);
            calls.push(SocketCall {
                side: Side::Receiver,
                call: format!("recvfrom(fd, buf, {RECEIVE_BUFFER})"),
                result: t!(
                    "{n} (bytes) {data} from {from}",
                    n,
                    data = preview(&buf),
                    from
                ),
                note: t!(
                    "the receiver learns the sender's address and port from the packet's headers"
                )
                .into(),
            });
            let learned = t!("recvfrom() on the receiver reported {from}", from);
            (
                from,
                learned,
                Some(Received { data: buf, from }),
                Delivery::Received,
            )
        }
        None => {
            let source = SocketAddr::new(
                if local.ip().is_unspecified() {
                    route_source
                } else {
                    local.ip()
                },
                local.port(),
            );
            let learned = t!(
                "route lookup (connect() on a probe socket) chose {route_source}; getsockname() gave the port",
                route_source
            );
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
    destination: SocketAddr,
    route_source: IpAddr,
    pmtu_discovery_do: bool,
) -> (Exchange, Delivery) {
    calls.push(SocketCall {
        side: Side::Sender,
        call: format!("sendto(fd, {}, {}, {destination})", preview(&request.payload), request.payload.len()),
        result: "-1 EMSGSIZE (Message too long)".into(),
        note: if destination.is_ipv6() {
            t!(
                "the {length}-byte IPv6 packet is bigger than the route's MTU and IPV6_PMTUDISC_DO forbids fragmenting it here: the kernel refuses; nothing was sent",
                length = header_len::udp_packet(request.payload.len(), true)
            )
        } else {
            t!(
                "DF is set and the {length}-byte IPv4 packet is bigger than the route's MTU: the kernel refuses rather than fragment; nothing was sent",
                length = header_len::udp_packet(request.payload.len(), false)
            )
        },
    });
    let port = sender
        .local_addr()
        .ok()
        .as_ref()
        .and_then(std_addr)
        .map(|a| a.port())
        .unwrap_or(0);
    let exchange = Exchange {
        calls,
        source: SocketAddr::new(route_source, port),
        source_learned_from: t!(
            "route lookup (connect() on a probe socket) chose {route_source}",
            route_source
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
        Ok((n, from)) => {
            buf.truncate(n);
            calls.push(SocketCall {
                side: Side::Sender,
                call,
                result: t!(
                    "{n} (bytes) {data} from {from}",
                    n,
                    data = preview(&buf),
                    from
                ),
                note: t!("the receiver answered").into(),
            });
            Ok(Delivery::Reply { data: buf, from })
        }
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            calls.push(SocketCall {
                side: Side::Sender,
                call,
                result: t!("-1 EAGAIN after {ms} ms", ms = wait.as_millis()),
                note: t!("no error and no answer: UDP never tells the sender whether anyone received the datagram").into(),
            });
            Ok(Delivery::Silence {
                waited_ms: wait.as_millis() as u64,
            })
        }
        Err(e) => {
            // "ECONNREFUSED (Connection refused)", its meaning in the
            // reader's language.
            let errno = e
                .raw_os_error()
                .and_then(crate::i18n::os::errno_text)
                .unwrap_or_else(|| crate::i18n::os::describe(&e));
            calls.push(SocketCall {
                side: Side::Sender,
                call,
                result: format!("-1 {errno}"),
                note: t!("the kernel got an ICMP error about our datagram and reports it on the next call: the data was dropped").into(),
            });
            Ok(Delivery::Refused {
                error: errno,
                errno: e.raw_os_error(),
            })
        }
    }
}

/// The source address the routing table picks for `destination`.
pub fn probe_source(destination: SocketAddr) -> Result<IpAddr, Error> {
    let family = Family::of(&destination);
    let probe = Socket::new(family.domain(), Type::DGRAM, Some(Protocol::UDP))
        .map_err(|e| socket_error(family.socket_call(), e))?;
    probe
        .connect(&destination.into())
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ENETUNREACH) | Some(libc::EHOSTUNREACH) | Some(libc::EADDRNOTAVAIL) => {
                Error::NoRoute {
                    addr: destination,
                    source: e,
                }
            }
            _ => socket_error(&format!("connect({destination})"), e),
        })?;
    Ok(probe
        .local_addr()
        .ok()
        .as_ref()
        .and_then(std_addr)
        .map(|a| a.ip())
        .unwrap_or(family.unspecified()))
}
