//! Capturing the frames of our own exchange with pnet, on the real outgoing
//! interface. Opened before sending (or the frame is missed), every wait
//! bounded, loopback's two copies of each frame reduced to one.

use std::io;
use std::net::{IpAddr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::fd::IntoRawFd;
use std::time::{Duration, Instant};

use pnet_datalink::{Channel, Config, DataLinkReceiver};

use crate::dissect::view::{icmpv6_type, protocol, Ethernet, Icmp, Ipv6, Udp};
use crate::net::sockopt;
use crate::t;

pub use crate::error::CaptureError;

/// Something that yields captured frames: pnet in real runs, a list in tests.
pub trait FrameSource {
    /// The next frame, or `None` when nothing arrived within `wait`.
    fn next_frame(&mut self, wait: Duration) -> io::Result<Option<Vec<u8>>>;
    /// The interface captured on.
    fn interface(&self) -> &str;
    /// True when the kernel leaves out outgoing copies: nothing is left to
    /// drain once the frames we came for are in.
    fn outgoing_ignored(&self) -> bool {
        false
    }
}

/// A pnet capture on one interface.
pub struct PnetSource {
    interface: String,
    rx: Box<dyn DataLinkReceiver>,
    /// The kernel was asked not to hand over outgoing frames
    /// (PACKET_IGNORE_OUTGOING), so each frame is read once, not twice.
    outgoing_ignored: bool,
}

/// pnet's read timeout: how often a blocked read comes back to check the
/// deadline or the stop flag. Short, because once our frames are in, one
/// empty read ends the drain (loopback's second copy, or a background
/// capture asked to stop, whose frames are all queued by then): every run
/// pays it once at its end. 1 ms measured 3-4 ms faster than 4 ms for
/// `send --tcp`; the wake-ups cost nothing measurable over a run.
const POLL: Duration = Duration::from_millis(1);

/// The capture's receive buffer: room for a 65,535-byte datagram cut into
/// 45 fragments, plus ARP, with the kernel's per-frame overhead.
const RECEIVE_BUFFER: usize = 1 << 20;

/// Opens a capture on `name`. pnet's defaults would bite: a 4,096-byte read
/// buffer cuts big frames and promiscuous mode sees other hosts' traffic.
pub fn open(name: &str) -> Result<PnetSource, CaptureError> {
    let interface = pnet_datalink::interfaces()
        .into_iter()
        .find(|i| i.name == name)
        .ok_or_else(|| CaptureError::NoInterface(name.to_string()))?;
    open_interface(&interface)
}

/// The packet socket handed to pnet, opened here rather than by pnet.
/// Created with protocol 0 it hears nothing until pnet's bind (to the
/// interface, ETH_P_ALL) registers its protocol hook: once. Created with
/// ETH_P_ALL, socket() would register a hook that bind unregisters (an RCU
/// grace period, ~8 ms) and registers again; pnet 0.35 passes ETH_P_ALL
/// byte-swapped as a 32-bit number, which only by accident comes out as
/// protocol 0 on little-endian machines. Opening it here also sets the
/// receive buffer and PACKET_IGNORE_OUTGOING before anything is heard.
/// Returns the socket and whether outgoing copies are left out.
fn packet_socket(
    interface: &pnet_datalink::NetworkInterface,
) -> io::Result<(socket2::Socket, bool)> {
    let socket = socket2::Socket::new(socket2::Domain::PACKET, socket2::Type::RAW, None)?;
    // Above net.core.rmem_max with root; else as much as rmem_max allows.
    if sockopt::set_receive_buffer_force(&socket, RECEIVE_BUFFER).is_err() {
        socket.set_recv_buffer_size(RECEIVE_BUFFER)?;
    }
    // Only on loopback: there every frame is handed over twice (as it
    // leaves and as it arrives) and the arriving copy is byte for byte the
    // same. On a real link the outgoing copy is the only one of what we
    // send. A kernel older than 4.20 refuses the option: then both copies
    // come and `collect` drops the second, as before.
    let outgoing_ignored =
        interface.is_loopback() && sockopt::set_packet_ignore_outgoing(&socket).is_ok();
    Ok((socket, outgoing_ignored))
}

fn open_interface(interface: &pnet_datalink::NetworkInterface) -> Result<PnetSource, CaptureError> {
    let name = interface.name.as_str();
    let denied = |e: io::Error| {
        if e.kind() == io::ErrorKind::PermissionDenied {
            CaptureError::NoPermission {
                interface: name.to_string(),
            }
        } else {
            CaptureError::Other {
                interface: name.to_string(),
                source: e,
            }
        }
    };
    let (socket, outgoing_ignored) = packet_socket(interface).map_err(denied)?;
    let config = Config {
        read_buffer_size: 65_536 + 64,
        read_timeout: Some(POLL),
        promiscuous: false,
        // pnet owns the descriptor from here: it binds it and closes it
        // (also when its own setup fails).
        socket_fd: Some(socket.into_raw_fd()),
        ..Config::default()
    };
    match pnet_datalink::channel(interface, config) {
        Ok(Channel::Ethernet(_tx, rx)) => Ok(PnetSource {
            interface: name.to_string(),
            rx,
            outgoing_ignored,
        }),
        Ok(_) => Err(CaptureError::Other {
            interface: name.to_string(),
            source: io::Error::other(t!("pnet returned a channel that is not Ethernet")),
        }),
        Err(e) => Err(denied(e)),
    }
}

impl PnetSource {
    /// Closes the capture on another thread. Closing a packet socket waits
    /// for an RCU grace period (8-14 ms measured here) with nothing left to
    /// learn:
    /// the report is built and written meanwhile, so the user does not wait
    /// for it before seeing anything. (The process still ends only after
    /// the close: the kernel finishes it at exit.)
    pub fn close_in_background(self) {
        // If no thread can be started, the closure (and the socket) is
        // dropped right here: the close just happens in line.
        let _ = std::thread::Builder::new()
            .name("capture-close".into())
            .spawn(move || drop(self));
    }
}

impl FrameSource for PnetSource {
    fn next_frame(&mut self, wait: Duration) -> io::Result<Option<Vec<u8>>> {
        let deadline = Instant::now() + wait;
        loop {
            match self.rx.next() {
                Ok(frame) => return Ok(Some(frame.to_vec())),
                // Interrupted: a Ctrl-C while waiting is not a broken capture;
                // the caller's stop flag ends the run after this frame.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::TimedOut
                            | io::ErrorKind::WouldBlock
                            | io::ErrorKind::Interrupted
                    ) =>
                {
                    if Instant::now() >= deadline {
                        return Ok(None);
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }
    fn interface(&self) -> &str {
        &self.interface
    }
    fn outgoing_ignored(&self) -> bool {
        self.outgoing_ignored
    }
}

/// A captured frame that belongs to our exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedFrame {
    pub bytes: Vec<u8>,
    pub kind: FrameKind,
    /// When stackviz read it (since the Unix epoch); pnet gives no kernel timestamp.
    pub read_at: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// Our UDP datagram (or a fragment of it).
    Datagram,
    /// An ICMP error quoting our datagram.
    IcmpError,
    /// An ARP request or reply between us and the next hop.
    Arp,
    /// A TCP segment of our connection.
    Segment,
}

/// Is this frame an ARP request or reply between `ours` and `next_hop`?
pub fn is_arp_between(
    frame: &[u8],
    ours: std::net::Ipv4Addr,
    next_hop: std::net::Ipv4Addr,
) -> bool {
    let Some((spa, tpa)) = Ethernet::new(frame)
        .and_then(|e| e.arp())
        .and_then(|arp| arp.ipv4_addresses())
    else {
        return false;
    };
    (spa == ours && tpa == next_hop) || (spa == next_hop && tpa == ours)
}

/// The ICMPv6 message an Ethernet frame carries (directly after the fixed
/// IPv6 header), with its packet.
fn icmpv6_of(frame: &[u8]) -> Option<(Ipv6<'_>, Icmp<'_>)> {
    let ip = Ethernet::new(frame)?.ipv6()?;
    if ip.next_header() != protocol::ICMPV6 {
        return None;
    }
    Some((ip, Icmp::new(ip.payload())?))
}

/// Is this frame a request for a MAC: an ARP request (operation 1) or an
/// IPv6 Neighbor Solicitation (ICMPv6 type 135)?
pub fn is_neighbour_request(frame: &[u8]) -> bool {
    if let Some(arp) = Ethernet::new(frame).and_then(|e| e.arp()) {
        return arp.operation() == 1;
    }
    icmpv6_of(frame).is_some_and(|(_, icmp)| icmp.kind() == icmpv6_type::NEIGHBOR_SOLICITATION)
}

/// Is this frame an IPv6 Neighbor Solicitation or Advertisement about
/// `target` (whatever source address the kernel asked from: a tentative
/// global address is never used, the link-local one is)?
pub fn is_neighbour_discovery_for(frame: &[u8], target: std::net::Ipv6Addr) -> bool {
    icmpv6_of(frame).is_some_and(|(_, icmp)| {
        matches!(
            icmp.kind(),
            icmpv6_type::NEIGHBOR_SOLICITATION | icmpv6_type::NEIGHBOR_ADVERTISEMENT
        ) && icmp.nd_target() == Some(target)
    })
}

/// What a capture caught.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caught {
    pub interface: String,
    pub frames: Vec<CapturedFrame>,
    /// Identical copies dropped (loopback shows each frame twice).
    pub duplicates: usize,
    /// The kind of each copy dropped, so a report can say which frames
    /// were seen twice.
    pub duplicated: Vec<FrameKind>,
    /// Frames seen that were not ours.
    pub ignored: usize,
    /// The kernel left out outgoing copies (PACKET_IGNORE_OUTGOING on
    /// loopback): each frame was handed over once.
    pub outgoing_ignored: bool,
}

/// Reads until the frames `done` wants are there or `wait` has passed,
/// keeping the frames `classify` recognises.
pub fn collect(
    source: &mut dyn FrameSource,
    wait: Duration,
    classify: impl Fn(&[u8]) -> Option<FrameKind>,
    done: impl Fn(&[CapturedFrame]) -> bool,
) -> io::Result<Caught> {
    let deadline = Instant::now() + wait;
    let mut caught = Caught {
        interface: source.interface().to_string(),
        frames: Vec::new(),
        duplicates: 0,
        duplicated: Vec::new(),
        ignored: 0,
        outgoing_ignored: source.outgoing_ignored(),
    };
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        // Once we have what we came for, only drain what is already queued
        // (loopback's second copy) instead of waiting out the deadline; with
        // outgoing copies left out by the kernel there is no second copy.
        let finished = done(&caught.frames);
        if finished && caught.outgoing_ignored {
            break;
        }
        let wait = if finished {
            POLL.min(deadline - now)
        } else {
            deadline - now
        };
        // None means nothing came within `wait`: the deadline (or the drain
        // window) has passed.
        let Some(frame) = source.next_frame(wait)? else {
            break;
        };
        match classify(&frame) {
            Some(kind) => {
                // Loopback's second copy is byte for byte the first. ARP never
                // runs on loopback, and a repeated ARP request is a real new
                // request (the kernel asks again when nobody answers): keep it.
                if kind != FrameKind::Arp && caught.frames.iter().any(|f| f.bytes == frame) {
                    caught.duplicates += 1;
                    caught.duplicated.push(kind);
                } else {
                    let read_at = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap_or_default();
                    caught.frames.push(CapturedFrame {
                        bytes: frame,
                        kind,
                        read_at,
                    });
                }
            }
            None => caught.ignored += 1,
        }
    }
    Ok(caught)
}

/// Is this frame a UDP datagram from `sender` to port `port` (any address)?
/// Called for every frame `recv` holds while it waits for a datagram: a
/// few byte reads through the shared view, no dissection.
pub fn is_datagram_to_port(frame: &[u8], sender: SocketAddr, port: u16) -> bool {
    udp_to_port(frame, sender, port).is_some()
}

/// True when `frame` is the datagram from `sender` to `port` that carries
/// exactly `payload` (all of it, or the start when the capture cut the frame):
/// one sender's datagrams share their ports, only the bytes tell them apart.
pub fn carries_datagram(frame: &[u8], sender: SocketAddr, port: u16, payload: &[u8]) -> bool {
    let Some(data) = udp_to_port(frame, sender, port).and_then(|udp| udp.get(8..)) else {
        return false;
    };
    data == payload || (data.len() < payload.len() && payload.starts_with(data))
}

/// The UDP segment of `frame` when it goes from `sender` to `port`.
fn udp_to_port(frame: &[u8], sender: SocketAddr, port: u16) -> Option<&[u8]> {
    // An IPv6 socket reports IPv4 senders as ::ffff:a.b.c.d.
    let sender_ip = match sender {
        SocketAddr::V6(v6) => v6
            .ip()
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(sender.ip()),
        SocketAddr::V4(v4) => IpAddr::V4(*v4.ip()),
    };
    let ethernet = Ethernet::new(frame)?;
    let udp = match sender_ip {
        IpAddr::V4(ip) => match ethernet.ipv4() {
            Some(p) if p.protocol() == protocol::UDP && p.source() == ip => p.payload(),
            _ => return None,
        },
        IpAddr::V6(ip) => match ethernet.ipv6() {
            Some(p) if p.next_header() == protocol::UDP && p.source() == ip => p.payload(),
            _ => return None,
        },
    };
    ports_are(udp, sender.port(), port).then_some(udp)
}

/// The UDP destination port of an Ethernet frame carrying UDP (IPv4 or IPv6).
pub fn udp_destination_port(frame: &[u8]) -> Option<u16> {
    let ethernet = Ethernet::new(frame)?;
    let udp = match (ethernet.ipv4(), ethernet.ipv6()) {
        (Some(p), _) if p.protocol() == protocol::UDP => p.payload(),
        (_, Some(p)) if p.next_header() == protocol::UDP => p.payload(),
        _ => return None,
    };
    Some(Udp::new(udp)?.destination_port())
}

/// Opens a capture on every interface at once (Linux: a packet socket bound
/// to interface index 0), for a receiver bound to 0.0.0.0.
pub fn open_any() -> Result<PnetSource, CaptureError> {
    let any = pnet_datalink::NetworkInterface {
        name: t!("all interfaces").into(),
        description: "all interfaces".into(),
        index: 0,
        mac: None,
        ips: Vec::new(),
        flags: 0,
    };
    open_interface(&any)
}

/// Is this frame a TCP segment (over IPv4 or IPv6, any ports)?
pub fn is_tcp(frame: &[u8]) -> bool {
    let Some(eth) = Ethernet::new(frame) else {
        return false;
    };
    match (eth.ipv4(), eth.ipv6()) {
        (Some(ip), _) => ip.protocol() == protocol::TCP,
        (None, Some(ip)) => ip.next_header() == protocol::TCP,
        _ => false,
    }
}

/// The TCP segment's two ends when `frame` is a TCP segment from or to
/// `server` (address and port): (source, destination).
pub fn tcp_ends_with(frame: &[u8], server: SocketAddr) -> Option<(SocketAddr, SocketAddr)> {
    let eth = Ethernet::new(frame)?;
    let (src, dst, tcp): (std::net::IpAddr, std::net::IpAddr, &[u8]) = if let Some(ip) = eth.ipv4()
    {
        if ip.protocol() != protocol::TCP || ip.fragment_offset() > 0 {
            return None;
        }
        (ip.source().into(), ip.destination().into(), ip.payload())
    } else {
        let ip = eth.ipv6()?;
        if ip.next_header() != protocol::TCP {
            return None;
        }
        (ip.source().into(), ip.destination().into(), ip.payload())
    };
    let ports = tcp.get(..4)?;
    let from = SocketAddr::new(src, u16::from_be_bytes([ports[0], ports[1]]));
    let to = SocketAddr::new(dst, u16::from_be_bytes([ports[2], ports[3]]));
    (from == server || to == server).then_some((from, to))
}

/// Is this frame our datagram from `ours` to `theirs`, or an ICMP error about it?
pub fn classify(frame: &[u8], ours: SocketAddr, theirs: SocketAddr) -> Option<FrameKind> {
    match (ours, theirs) {
        (SocketAddr::V4(o), SocketAddr::V4(t)) => classify_v4(frame, o, t),
        (SocketAddr::V6(o), SocketAddr::V6(t)) => classify_v6(frame, o, t),
        _ => None,
    }
}

/// Does the UDP header at the start of `udp` carry these two ports?
fn ports_are(udp: &[u8], source: u16, destination: u16) -> bool {
    Udp::new(udp).is_some_and(|u| u.source_port() == source && u.destination_port() == destination)
}

/// ICMP types that report our datagram could not go on as sent:
/// Destination Unreachable (3), Source Quench (4), Time Exceeded (11),
/// Parameter Problem (12). Redirect (5) is left out: the router still
/// forwarded the datagram, the answer may be yet to come.
fn is_icmp_error(kind: u8) -> bool {
    matches!(kind, 3 | 4 | 11 | 12)
}

/// ICMPv6 error types (RFC 4443): Destination Unreachable (1), Packet Too
/// Big (2), Time Exceeded (3), Parameter Problem (4).
fn is_icmpv6_error(kind: u8) -> bool {
    matches!(kind, 1..=4)
}

fn classify_v4(frame: &[u8], ours: SocketAddrV4, theirs: SocketAddrV4) -> Option<FrameKind> {
    let ip = Ethernet::new(frame)?.ipv4()?;
    let payload = ip.payload();
    match ip.protocol() {
        protocol::UDP if ip.source() == *ours.ip() && ip.destination() == *theirs.ip() => {
            if ip.fragment_offset() > 0 || Udp::new(payload).is_none() {
                // A later fragment carries no UDP header; it still belongs to the pair.
                return Some(FrameKind::Datagram);
            }
            ports_are(payload, ours.port(), theirs.port()).then_some(FrameKind::Datagram)
        }
        protocol::ICMP if ip.destination() == *ours.ip() => {
            let icmp = Icmp::new(payload)?;
            if !is_icmp_error(icmp.kind()) {
                return None;
            }
            let quoted = icmp.quoted_ipv4()?;
            (quoted.protocol() == protocol::UDP
                && quoted.source() == *ours.ip()
                && quoted.destination() == *theirs.ip()
                && ports_are(quoted.payload(), ours.port(), theirs.port()))
            .then_some(FrameKind::IcmpError)
        }
        _ => None,
    }
}

fn classify_v6(frame: &[u8], ours: SocketAddrV6, theirs: SocketAddrV6) -> Option<FrameKind> {
    let ip = Ethernet::new(frame)?.ipv6()?;
    let (o, t) = (*ours.ip(), *theirs.ip());
    let (source, destination, payload) = (ip.source(), ip.destination(), ip.payload());
    match ip.next_header() {
        protocol::UDP if source == o && destination == t => {
            ports_are(payload, ours.port(), theirs.port()).then_some(FrameKind::Datagram)
        }
        // A fragment header: the first fragment holds the ports, later ones none.
        protocol::IPV6_FRAGMENT if source == o && destination == t => {
            let fragment = ip.fragment()?;
            (fragment.offset() > 0
                || (fragment.next_header() == protocol::UDP
                    && ports_are(fragment.payload(), ours.port(), theirs.port())))
            .then_some(FrameKind::Datagram)
        }
        protocol::ICMPV6 if destination == o && Icmp::new(payload).is_some() => {
            let icmp = Icmp::new(payload)?;
            match icmp.kind() {
                // An error quoting our datagram.
                kind if is_icmpv6_error(kind) => {
                    let quoted = icmp.quoted_ipv6()?;
                    (quoted.next_header() == protocol::UDP
                        && quoted.source() == o
                        && quoted.destination() == t
                        && ports_are(quoted.payload(), ours.port(), theirs.port()))
                    .then_some(FrameKind::IcmpError)
                }
                // Neighbour advertisement answering our solicitation.
                icmpv6_type::NEIGHBOR_ADVERTISEMENT => Some(FrameKind::Arp),
                _ => None,
            }
        }
        // Our neighbour solicitation: the IPv6 way of asking for a MAC.
        protocol::ICMPV6
            if source == o && payload.first() == Some(&icmpv6_type::NEIGHBOR_SOLICITATION) =>
        {
            Some(FrameKind::Arp)
        }
        _ => None,
    }
}

/// Where the IP packet in an Ethernet frame belongs in its datagram, in
/// bytes (IPv4 header or IPv6 Fragment header; 0 when not a fragment).
pub fn fragment_offset(frame: &[u8]) -> usize {
    let Some(ethernet) = Ethernet::new(frame) else {
        return 0;
    };
    match (
        ethernet.ipv4(),
        ethernet.ipv6().and_then(|ip| ip.fragment()),
    ) {
        (Some(ip), _) => ip.fragment_offset(),
        (_, Some(fragment)) => fragment.offset(),
        _ => 0,
    }
}

/// True when more fragments follow the IP packet in an Ethernet frame (MF
/// in IPv4, M in an IPv6 Fragment header).
pub fn more_fragments(frame: &[u8]) -> bool {
    let Some(ethernet) = Ethernet::new(frame) else {
        return false;
    };
    match (
        ethernet.ipv4(),
        ethernet.ipv6().and_then(|ip| ip.fragment()),
    ) {
        (Some(ip), _) => ip.more_fragments(),
        (_, Some(fragment)) => fragment.more_fragments(),
        _ => false,
    }
}

/// A fixed list of frames, for tests and for replaying a file.
pub struct ListSource {
    pub interface: String,
    pub frames: std::collections::VecDeque<Vec<u8>>,
}

impl FrameSource for ListSource {
    fn next_frame(&mut self, _wait: Duration) -> io::Result<Option<Vec<u8>>> {
        Ok(self.frames.pop_front())
    }
    fn interface(&self) -> &str {
        &self.interface
    }
}

/// What a background capture hands back when it stops: the source (to
/// close), each frame kept with the time it was read, and whether reading
/// failed.
pub type Finished = (PnetSource, Vec<(Vec<u8>, Duration)>, io::Result<()>);

/// A capture read on its own thread while the run goes on, so that a long
/// run (SYN retries over seconds, a busy loopback during tests) cannot fill
/// the socket's buffer before anyone reads it. Only the frames `keep`
/// accepts are held, at most `limit` of them, each with the time it was read.
pub struct Background {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: std::thread::JoinHandle<Finished>,
}

/// Starts reading `source` on a thread of its own.
pub fn read_in_background(
    mut source: PnetSource,
    keep: impl Fn(&[u8]) -> bool + Send + 'static,
    limit: usize,
) -> io::Result<Background> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let stopping = stop.clone();
    let handle = std::thread::Builder::new()
        .name("capture".into())
        .spawn(move || {
            let mut frames = Vec::new();
            let result = loop {
                match source.next_frame(POLL) {
                    Ok(Some(frame)) => {
                        if frames.len() < limit && keep(&frame) {
                            let at = std::time::SystemTime::now()
                                .duration_since(std::time::UNIX_EPOCH)
                                .unwrap_or_default();
                            frames.push((frame, at));
                        }
                    }
                    // Nothing within a poll: once asked to stop, the queue is
                    // drained and the thread ends.
                    Ok(None) if stopping.load(Ordering::Acquire) => break Ok(()),
                    Ok(None) => {}
                    Err(e) => break Err(e),
                }
            };
            (source, frames, result)
        })?;
    Ok(Background { stop, handle })
}

impl Background {
    /// Stops reading once what is queued has been read; returns the source
    /// (to close), the frames kept, and whether reading failed.
    pub fn finish(self) -> io::Result<Finished> {
        self.stop.store(true, std::sync::atomic::Ordering::Release);
        self.handle
            .join()
            .map_err(|_| io::Error::other(t!("the capture thread stopped unexpectedly")))
    }
}
