//! Capturing the frames of our own exchange with pnet, on the real outgoing
//! interface. Opened before sending (or the frame is missed), every wait
//! bounded, loopback's two copies of each frame reduced to one.

use std::io;
use std::net::{SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::fd::IntoRawFd;
use std::time::{Duration, Instant};

use pnet_datalink::{Channel, Config, DataLinkReceiver};

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
/// deadline. Short, because once our frames are in, one empty read ends the
/// drain for loopback's second copy (which arrives within microseconds).
const POLL: Duration = Duration::from_millis(4);

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
}

/// Is this frame an ARP request or reply between `ours` and `next_hop`?
pub fn is_arp_between(
    frame: &[u8],
    ours: std::net::Ipv4Addr,
    next_hop: std::net::Ipv4Addr,
) -> bool {
    // Ethernet (14) + ARP for IPv4 over Ethernet (28): sender IP at 28, target IP at 38.
    if frame.len() < 42 || frame[12..14] != [0x08, 0x06] || frame[16..18] != [0x08, 0x00] {
        return false;
    }
    let (spa, tpa) = (&frame[28..32], &frame[38..42]);
    let (a, b) = (ours.octets(), next_hop.octets());
    (spa == a && tpa == b) || (spa == b && tpa == a)
}

/// Is this frame a request for a MAC: an ARP request (operation 1) or an
/// IPv6 Neighbor Solicitation (ICMPv6 type 135)?
pub fn is_neighbour_request(frame: &[u8]) -> bool {
    match frame.get(12..14) {
        Some([0x08, 0x06]) => frame.get(20..22) == Some(&[0, 1]),
        Some([0x86, 0xdd]) => {
            matches!(ipv6_at(frame, 14), Some((58, _, _, icmp)) if icmp.first() == Some(&135))
        }
        _ => false,
    }
}

/// Is this frame an IPv6 Neighbor Solicitation or Advertisement about
/// `target` (whatever source address the kernel asked from: a tentative
/// global address is never used, the link-local one is)?
pub fn is_neighbour_discovery_for(frame: &[u8], target: std::net::Ipv6Addr) -> bool {
    if frame.get(12..14) != Some(&[0x86, 0xdd]) {
        return false;
    }
    match ipv6_at(frame, 14) {
        Some((58, _, _, icmp)) => {
            matches!(icmp.first(), Some(135 | 136)) && icmp.get(8..24) == Some(&target.octets()[..])
        }
        _ => false,
    }
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
pub fn is_datagram_to_port(frame: &[u8], sender: SocketAddr, port: u16) -> bool {
    // An IPv6 socket reports IPv4 senders as ::ffff:a.b.c.d.
    let sender_ip = match sender {
        SocketAddr::V6(v6) => v6
            .ip()
            .to_ipv4_mapped()
            .map(std::net::IpAddr::V4)
            .unwrap_or(sender.ip()),
        SocketAddr::V4(v4) => std::net::IpAddr::V4(*v4.ip()),
    };
    let udp = match sender_ip {
        std::net::IpAddr::V4(ip) => match ipv4_at(frame, 14) {
            Some((17, src, _, payload)) if src == ip.octets() => payload,
            _ => return false,
        },
        std::net::IpAddr::V6(ip) => match ipv6_at(frame, 14) {
            Some((17, src, _, payload))
                if frame.get(12..14) == Some(&[0x86, 0xdd]) && src == ip.octets() =>
            {
                payload
            }
            _ => return false,
        },
    };
    ports_are(udp, sender.port(), port)
}

/// The UDP destination port of an Ethernet frame carrying UDP (IPv4 or IPv6).
pub fn udp_destination_port(frame: &[u8]) -> Option<u16> {
    let udp = match frame.get(12..14)? {
        [0x08, 0x00] => match ipv4_at(frame, 14)? {
            (17, _, _, payload) => payload,
            _ => return None,
        },
        [0x86, 0xdd] => match ipv6_at(frame, 14)? {
            (17, _, _, payload) => payload,
            _ => return None,
        },
        _ => return None,
    };
    Some(u16::from_be_bytes([*udp.get(2)?, *udp.get(3)?]))
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

/// Is this frame our datagram from `ours` to `theirs`, or an ICMP error about it?
pub fn classify(frame: &[u8], ours: SocketAddr, theirs: SocketAddr) -> Option<FrameKind> {
    match (ours, theirs) {
        (SocketAddr::V4(o), SocketAddr::V4(t)) => classify_v4(frame, o, t),
        (SocketAddr::V6(o), SocketAddr::V6(t)) => classify_v6(frame, o, t),
        _ => None,
    }
}

fn ports_are(udp: &[u8], source: u16, destination: u16) -> bool {
    udp.len() >= 4
        && u16::from_be_bytes([udp[0], udp[1]]) == source
        && u16::from_be_bytes([udp[2], udp[3]]) == destination
}

fn classify_v4(frame: &[u8], ours: SocketAddrV4, theirs: SocketAddrV4) -> Option<FrameKind> {
    let (proto, src, dst, payload) = ipv4_at(frame, 14)?;
    match proto {
        17 if src == ours.ip().octets() && dst == theirs.ip().octets() => {
            if fragment_offset(frame) > 0 || payload.len() < 4 {
                // A later fragment carries no UDP header; it still belongs to the pair.
                return Some(FrameKind::Datagram);
            }
            ports_are(payload, ours.port(), theirs.port()).then_some(FrameKind::Datagram)
        }
        1 if dst == ours.ip().octets() && payload.len() >= 8 && matches!(payload[0], 3 | 11) => {
            let (qproto, qsrc, qdst, qpayload) = ipv4_at(payload, 8)?;
            (qproto == 17
                && qsrc == ours.ip().octets()
                && qdst == theirs.ip().octets()
                && ports_are(qpayload, ours.port(), theirs.port()))
            .then_some(FrameKind::IcmpError)
        }
        _ => None,
    }
}

/// Next header, source, destination and payload of an IPv6 packet.
type Ipv6View<'a> = (u8, [u8; 16], [u8; 16], &'a [u8]);

/// The IPv6 packet at `start`, or None if it is not one.
fn ipv6_at(bytes: &[u8], start: usize) -> Option<Ipv6View<'_>> {
    let header = bytes.get(start..start + 40)?;
    if header[0] >> 4 != 6 {
        return None;
    }
    let src: [u8; 16] = header[8..24].try_into().ok()?;
    let dst: [u8; 16] = header[24..40].try_into().ok()?;
    let len = usize::from(u16::from_be_bytes([header[4], header[5]]));
    let end = (start + 40 + len).min(bytes.len());
    Some((header[6], src, dst, bytes.get(start + 40..end)?))
}

fn classify_v6(frame: &[u8], ours: SocketAddrV6, theirs: SocketAddrV6) -> Option<FrameKind> {
    if frame.get(12..14)? != [0x86, 0xdd] {
        return None;
    }
    let (next, src, dst, payload) = ipv6_at(frame, 14)?;
    let (o, t) = (ours.ip().octets(), theirs.ip().octets());
    match next {
        17 if src == o && dst == t => {
            ports_are(payload, ours.port(), theirs.port()).then_some(FrameKind::Datagram)
        }
        // A fragment header: the first fragment holds the ports, later ones none.
        44 if src == o && dst == t && payload.len() >= 8 => {
            let offset = u16::from_be_bytes([payload[2], payload[3]]) >> 3;
            (offset > 0
                || (payload[0] == 17 && ports_are(&payload[8..], ours.port(), theirs.port())))
            .then_some(FrameKind::Datagram)
        }
        58 if dst == o && payload.len() >= 8 => match payload[0] {
            // Destination Unreachable / Time Exceeded quoting our datagram.
            1 | 3 => {
                let (qnext, qsrc, qdst, qpayload) = ipv6_at(payload, 8)?;
                (qnext == 17
                    && qsrc == o
                    && qdst == t
                    && ports_are(qpayload, ours.port(), theirs.port()))
                .then_some(FrameKind::IcmpError)
            }
            // Neighbour advertisement answering our solicitation.
            136 => Some(FrameKind::Arp),
            _ => None,
        },
        // Our neighbour solicitation: the IPv6 way of asking for a MAC.
        58 if src == o && payload.first() == Some(&135) => Some(FrameKind::Arp),
        _ => None,
    }
}

/// The IPv4 fragment offset (in bytes) of the packet in an Ethernet frame.
pub fn fragment_offset(frame: &[u8]) -> usize {
    match frame.get(20..22) {
        Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]]) & 0x1fff) * 8,
        None => 0,
    }
}

/// True when the IPv4 packet in an Ethernet frame has MF set.
pub fn more_fragments(frame: &[u8]) -> bool {
    frame.get(20).is_some_and(|b| b & 0x20 != 0)
}

type Ipv4View<'a> = (u8, [u8; 4], [u8; 4], &'a [u8]);

/// Protocol, addresses and payload of the IPv4 packet at `start` (EtherType
/// checked when `start` is 14), or None if it is not one.
fn ipv4_at(bytes: &[u8], start: usize) -> Option<Ipv4View<'_>> {
    if start == 14 && bytes.get(12..14)? != [0x08, 0x00] {
        return None;
    }
    let header = bytes.get(start..start + 20)?;
    if header[0] >> 4 != 4 {
        return None;
    }
    let ihl = usize::from(header[0] & 0x0f) * 4;
    let total = usize::from(u16::from_be_bytes([header[2], header[3]]));
    let end = (start + total).min(bytes.len());
    let payload = bytes.get(start + ihl..end.max(start + ihl))?;
    let src = header[12..16].try_into().ok()?;
    let dst = header[16..20].try_into().ok()?;
    Some((header[9], src, dst, payload))
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
