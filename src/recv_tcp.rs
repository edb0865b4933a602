//! `stackviz recv --tcp` as data: a real TCP server (socket, SO_REUSEADDR,
//! TCP_SAVE_SYN, bind, listen), then for each client accept() with the
//! client's SYN exactly as it arrived (TCP_SAVED_SYN, dissected), every
//! recv() with what it returned and the socket's TCP state after it, and
//! close(); with capture, the connection's segments as captured. No
//! printing here: each connection goes to a callback as it ends.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use crate::capturing::CaptureMode;
use crate::dissect::dissect_raw_ip;
use crate::dissect::view::{protocol, Ethernet};
use crate::error::{capture_hint, Error, PortOption};
use crate::model::Dissection;
use crate::net::capture::{self, CaptureError, FrameSource};
use crate::net::tcp_exchange::{Peer, TcpCall};
use crate::net::tcp_info::{table_entry, TcpInfo, TcpState};
use crate::net::{host, sockopt};
pub use crate::recv::Ended;
use crate::t;
use crate::tcp::predict::{Flags, SavedSyn, TcpOption};
use crate::text::quoted_preview as preview;

#[derive(Debug, Clone)]
pub struct TcpRecvOptions {
    pub bind: SocketAddr,
    /// The buffer each recv() is given.
    pub buffer: usize,
    /// Stop after this many connections.
    pub count: Option<usize>,
    pub timeout: Option<Duration>,
    pub capture: CaptureMode,
}

/// How often a blocked accept() or recv() comes back to look at Ctrl-C
/// and the deadline.
const POLL: Duration = Duration::from_millis(100);

/// At most this many bytes of a connection are kept to be shown (all are
/// counted).
pub const KEPT_BYTES: usize = 4096;

/// The longest one read of the capture goes on.
const PUMP_BUDGET: Duration = Duration::from_millis(50);

/// Frames of the port waiting for their connection (a connection waits in
/// the backlog while an earlier one is served).
const PENDING_LIMIT: usize = 4096;

/// What the caller gets before the first connection.
pub struct TcpStarted<'a> {
    pub bound: SocketAddr,
    pub setup: &'a [TcpCall],
    pub capture_note: Option<(String, String)>,
}

/// One captured segment of a connection, as a compact row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRow {
    /// True when the client sent it.
    pub from_client: bool,
    pub flags: Flags,
    /// Relative to the sender's ISN (absolute when its SYN was not seen).
    pub seq: u32,
    /// Relative to the receiver's ISN; `None` when ACK is not set.
    pub ack: Option<u32>,
    /// Bytes of data.
    pub len: usize,
    /// The window field as sent (raw).
    pub window: u16,
    /// The scale that applies to it (`None` on a SYN or without scaling).
    pub window_scale: Option<u8>,
    /// The IP packet's length (header included).
    pub ip_length: usize,
}

/// How a connection ended on the server's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionEnd {
    /// recv() returned 0: the client sent FIN.
    PeerClosed,
    /// recv() failed (ECONNRESET: the client sent RST).
    Failed,
    /// Ctrl-C or --timeout came first: the server closed it.
    Stopped,
}

/// One accepted connection with everything known about it.
#[derive(Debug, Clone)]
pub struct Connection {
    /// 1 for the first.
    pub number: usize,
    pub peer: SocketAddr,
    pub local: SocketAddr,
    /// The client's SYN as TCP_SAVED_SYN returned it (IP and TCP headers).
    pub syn_bytes: Option<Vec<u8>>,
    pub syn: Option<SavedSyn>,
    /// The saved SYN taken apart by the one dissector.
    pub syn_dissection: Option<Dissection>,
    /// accept(), every recv(), close(); times since accept() was called.
    pub calls: Vec<TcpCall>,
    /// What each recv() returned, in bytes (0 last when the client closed).
    pub reads: Vec<usize>,
    /// The first `KEPT_BYTES` bytes received.
    pub data: Vec<u8>,
    /// All bytes received.
    pub bytes: usize,
    pub end: ConnectionEnd,
    /// The captured segments (`None`: no capture ran).
    pub segments: Option<Vec<SegmentRow>>,
}

/// What the whole run saw.
#[derive(Debug, Clone, PartialEq)]
pub struct TcpRecvSummary {
    pub bound: SocketAddr,
    pub connections: usize,
    pub bytes: usize,
    pub ended: Ended,
    pub seconds: f64,
    pub capture_note: Option<String>,
}

/// A clock started at one moment.
#[derive(Clone, Copy)]
struct Clock(Instant);

fn errno_text(e: &io::Error) -> String {
    e.raw_os_error()
        .and_then(crate::i18n::os::errno_text)
        .unwrap_or_else(|| crate::i18n::os::describe(e))
}

fn call(
    clock: Clock,
    socket: Option<&Socket>,
    started: Instant,
    text: String,
    result: String,
    note: String,
) -> TcpCall {
    let info = socket.and_then(TcpInfo::of);
    TcpCall {
        peer: Peer::Server,
        call: text,
        result,
        note,
        started: started.saturating_duration_since(clock.0),
        returned: clock.0.elapsed(),
        state: info.map(|i| i.state),
        info,
        timestamp: socket.and_then(|s| sockopt::tcp_timestamp(s).ok()),
    }
}

/// socket, SO_REUSEADDR, TCP_SAVE_SYN, bind, listen: the listener and its calls.
fn listen(addr: SocketAddr) -> Result<(Socket, SocketAddr, Vec<TcpCall>), Error> {
    let clock = Clock(Instant::now());
    let mut calls = Vec::new();
    let (domain, socket_call) = if addr.is_ipv4() {
        (Domain::IPV4, "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)")
    } else {
        (Domain::IPV6, "socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP)")
    };
    let failed = |call: &str, source: io::Error| Error::Socket {
        call: call.to_string(),
        source,
    };
    let t0 = Instant::now();
    let listener = Socket::new(domain, Type::STREAM, Some(Protocol::TCP))
        .map_err(|e| failed(socket_call, e))?;
    calls.push(call(
        clock,
        Some(&listener),
        t0,
        socket_call.into(),
        format!("fd {}", listener.as_raw_fd()),
        t!("a TCP socket starts CLOSED").into(),
    ));
    let t0 = Instant::now();
    listener
        .set_reuse_address(true)
        .map_err(|e| failed("setsockopt(SO_REUSEADDR)", e))?;
    calls.push(call(
        clock,
        Some(&listener),
        t0,
        "setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, 1)".into(),
        "0".into(),
        t!("lets a fixed server port be bound again while an old connection on it is still in TIME_WAIT").into(),
    ));
    let t0 = Instant::now();
    let saved = sockopt::set_tcp_save_syn(&listener);
    calls.push(call(
        clock,
        Some(&listener),
        t0,
        "setsockopt(fd, IPPROTO_TCP, TCP_SAVE_SYN, 1)".into(),
        match &saved {
            Ok(()) => "0".into(),
            Err(e) => t!("-1 ({error})", error = errno_text(e)),
        },
        t!("asks the kernel to keep each client's SYN, so stackviz can show it exactly as it arrived without capturing").into(),
    ));
    let t0 = Instant::now();
    listener
        .bind(&SockAddr::from(addr))
        .map_err(|e| match e.kind() {
            io::ErrorKind::AddrInUse => Error::PortInUse {
                addr,
                port: addr.port(),
                option: PortOption::Bind,
                holder: crate::net::holder::tcp_port_holder(addr),
            },
            _ => Error::Bind { addr, source: e },
        })?;
    let bound = listener
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .unwrap_or(addr);
    calls.push(call(
        clock,
        Some(&listener),
        t0,
        format!("bind(fd, {addr})"),
        "0".into(),
        t!("the server's address and port; clients connect to it").into(),
    ));
    let t0 = Instant::now();
    listener
        .listen(16)
        .map_err(|e| failed("listen(fd, 16)", e))?;
    calls.push(call(
        clock,
        Some(&listener),
        t0,
        "listen(fd, 16)".into(),
        "0".into(),
        t!("from now on the kernel answers SYNs to this port by itself and queues up to 16 finished connections for accept()").into(),
    ));
    // accept() honours SO_RCVTIMEO: it comes back every POLL to look at
    // Ctrl-C and the deadline.
    listener
        .set_read_timeout(Some(POLL))
        .map_err(|e| failed("setsockopt(SO_RCVTIMEO)", e))?;
    Ok((listener, bound, calls))
}

/// Why no capture runs, and the hint that goes with it.
type Note = (String, String);

/// Opens the capture before the listener exists, so no SYN is missed: on
/// the bound address's interface (loopback: each frame once), or on all.
fn open_capture(
    bind: SocketAddr,
    mode: CaptureMode,
) -> Result<(Option<capture::PnetSource>, Option<Note>), Error> {
    if mode == CaptureMode::Off {
        return Ok((None, None));
    }
    let opened = match bind.ip().is_unspecified() {
        true => capture::open_any(),
        false => match host::interface_with(bind.ip()) {
            Some(interface) => capture::open(&interface.name),
            None => capture::open_any(),
        },
    };
    match opened {
        Ok(source) => Ok((Some(source), None)),
        Err(e) if mode == CaptureMode::On => Err(Error::Capture(e)),
        Err(e) => {
            let hint = match e {
                CaptureError::NoPermission { .. } => capture_hint().to_string(),
                _ => t!("use --capture off to silence this note").to_string(),
            };
            let note = t!(
                "no capture: {error}; segments are not shown, only what the socket calls return",
                error = e
            );
            Ok((None, Some((note, hint))))
        }
    }
}

/// Runs the server until `count` connections, `timeout` or `stop` (Ctrl-C).
pub fn run(
    options: &TcpRecvOptions,
    stop: &AtomicBool,
    mut on_start: impl FnMut(&TcpStarted<'_>) -> io::Result<()>,
    mut on_connection: impl FnMut(&Connection) -> io::Result<()>,
) -> Result<TcpRecvSummary, Error> {
    let (mut source, capture_note) = open_capture(options.bind, options.capture)?;
    let (listener, bound, setup) = listen(options.bind)?;
    on_start(&TcpStarted {
        bound,
        setup: &setup,
        capture_note: capture_note.clone(),
    })
    .map_err(Error::Output)?;
    let started = Instant::now();
    let deadline = options.timeout.map(|t| started + t);
    let mut pending = Pending::default();
    let mut summary = TcpRecvSummary {
        bound,
        connections: 0,
        bytes: 0,
        ended: Ended::Timeout,
        seconds: 0.0,
        capture_note: capture_note.map(|(note, _)| note),
    };
    let stopped = || stop.load(Ordering::SeqCst) || deadline.is_some_and(|d| Instant::now() >= d);
    loop {
        if stop.load(Ordering::SeqCst) {
            summary.ended = Ended::Interrupted;
            break;
        }
        if options.count.is_some_and(|c| summary.connections >= c) {
            summary.ended = Ended::Count;
            break;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            summary.ended = Ended::Timeout;
            break;
        }
        if let Some(src) = source.as_mut() {
            pending.pump(src, bound.port(), Duration::ZERO);
        }
        let t0 = Instant::now();
        let (conn, peer) = match listener.accept() {
            Ok(pair) => pair,
            // EINTR too: Ctrl-C interrupts the wait, and the loop looks at
            // the stop flag (a socket with SO_RCVTIMEO is never restarted).
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                ) =>
            {
                continue
            }
            Err(source) => {
                return Err(Error::Socket {
                    call: "accept(fd)".into(),
                    source,
                })
            }
        };
        summary.connections += 1;
        let mut connection = serve(
            summary.connections,
            conn,
            peer.as_socket().unwrap_or(bound),
            t0,
            options.buffer,
            &stopped,
        );
        summary.bytes += connection.bytes;
        if let Some(src) = source.as_mut() {
            connection.segments =
                Some(pending.connection(src, bound.port(), connection.local, connection.peer));
        }
        on_connection(&connection).map_err(Error::Output)?;
        if connection.end == ConnectionEnd::Stopped {
            summary.ended = if stop.load(Ordering::SeqCst) {
                Ended::Interrupted
            } else {
                Ended::Timeout
            };
            break;
        }
    }
    if let Some(src) = source {
        src.close_in_background();
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// An IPv4 client of an IPv6 socket is reported as ::ffff:a.b.c.d; its
/// frames carry the IPv4 address.
fn plain(addr: SocketAddr) -> SocketAddr {
    match addr {
        SocketAddr::V6(v6) => match v6.ip().to_ipv4_mapped() {
            Some(v4) => SocketAddr::new(IpAddr::V4(v4), v6.port()),
            None => addr,
        },
        v4 => v4,
    }
}

/// accept() has returned: the saved SYN, recv() until the client's FIN (or
/// Ctrl-C / the deadline), close().
fn serve(
    number: usize,
    conn: Socket,
    peer: SocketAddr,
    accept_called: Instant,
    buffer: usize,
    stopped: &dyn Fn() -> bool,
) -> Connection {
    let clock = Clock(accept_called);
    let local = conn
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .unwrap_or(peer);
    let mut calls = vec![call(
        clock,
        Some(&conn),
        accept_called,
        "accept(fd)".into(),
        t!("fd {fd}, connected to {peer}", fd = conn.as_raw_fd(), peer),
        t!("hands over a connection whose handshake the kernel already finished; the listening socket stays in LISTEN").into(),
    )];
    let syn_bytes = sockopt::tcp_saved_syn(&conn).ok().filter(|s| !s.is_empty());
    let syn = syn_bytes.as_deref().and_then(SavedSyn::parse);
    let syn_dissection = syn_bytes.as_deref().map(dissect_raw_ip);
    let _ = conn.set_read_timeout(Some(POLL));
    let mut connection = Connection {
        number,
        peer: plain(peer),
        local: plain(local),
        syn_bytes,
        syn,
        syn_dissection,
        calls: Vec::new(),
        reads: Vec::new(),
        data: Vec::new(),
        bytes: 0,
        end: ConnectionEnd::Stopped,
        segments: None,
    };
    let mut buf = vec![0u8; buffer.max(1)];
    loop {
        if stopped() {
            break;
        }
        let t0 = Instant::now();
        let text = format!("recv(fd, buf, {}, 0)", buf.len());
        match (&conn).read(&mut buf) {
            Ok(0) => {
                calls.push(call(
                    clock,
                    Some(&conn),
                    t0,
                    text,
                    t!("0 (end of stream)").into(),
                    t!("0 means the client sent FIN: it will send no more; this end may still send").into(),
                ));
                connection.reads.push(0);
                connection.end = ConnectionEnd::PeerClosed;
                break;
            }
            Ok(n) => {
                let got = &buf[..n];
                let room = KEPT_BYTES.saturating_sub(connection.data.len());
                connection.data.extend_from_slice(&got[..n.min(room)]);
                connection.bytes += n;
                connection.reads.push(n);
                calls.push(call(
                    clock,
                    Some(&conn),
                    t0,
                    text,
                    t!("{n} (bytes received): {data}", n, data = preview(got)),
                    t!("the bytes the kernel had queued, however many segments brought them")
                        .into(),
                ));
            }
            // Nothing within one poll (or Ctrl-C): look at the flags again.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => {
                calls.push(call(
                    clock,
                    Some(&conn),
                    t0,
                    text,
                    t!("-1 ({error})", error = errno_text(&e)),
                    t!("the connection did not end normally").into(),
                ));
                connection.end = ConnectionEnd::Failed;
                break;
            }
        }
    }
    let t0 = Instant::now();
    drop(conn);
    let note = match connection.end {
        ConnectionEnd::PeerClosed => t!("sends this end's FIN; the client's ACK of it ends the connection (LAST_ACK, then gone)"),
        ConnectionEnd::Failed => t!("frees the descriptor"),
        ConnectionEnd::Stopped => t!("stackviz was stopped while the client was still connected: close() sends FIN (RST if data was left unread), and this end, closing first, goes to FIN_WAIT and TIME_WAIT"),
    };
    let mut closed = call(clock, None, t0, "close(fd)".into(), "0".into(), note.into());
    // The descriptor is gone: the kernel's table says what is left.
    closed.state = Some(table_entry(local, peer).map_or(TcpState::Closed, |e| e.state));
    calls.push(closed);
    connection.calls = calls;
    connection
}

/// A TCP segment read from a captured frame.
#[derive(Debug, Clone, Copy)]
struct Raw {
    src: SocketAddr,
    dst: SocketAddr,
    seq: u32,
    ack: u32,
    flags: Flags,
    window: u16,
    len: usize,
    scale: Option<u8>,
    ip_length: usize,
}

/// The TCP header fields of an Ethernet frame carrying TCP (no IPv6
/// extension headers: Linux puts none on a plain connection).
fn raw_segment(frame: &[u8]) -> Option<Raw> {
    let eth = Ethernet::new(frame)?;
    let (src, dst, tcp, ip_length) = if let Some(ip) = eth.ipv4() {
        if ip.protocol() != protocol::TCP || ip.fragment_offset() > 0 {
            return None;
        }
        let ihl = usize::from(eth.payload().first()? & 0x0f) * 4;
        let tcp = ip.payload();
        (
            IpAddr::V4(ip.source()),
            IpAddr::V4(ip.destination()),
            tcp,
            ihl + tcp.len(),
        )
    } else {
        let ip = eth.ipv6()?;
        if ip.next_header() != protocol::TCP {
            return None;
        }
        let tcp = ip.payload();
        (
            IpAddr::V6(ip.source()),
            IpAddr::V6(ip.destination()),
            tcp,
            40 + tcp.len(),
        )
    };
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(tcp.get(at..at + 4)?.try_into().ok()?))
    };
    let port =
        |at: usize| -> Option<u16> { Some(u16::from_be_bytes([*tcp.get(at)?, *tcp.get(at + 1)?])) };
    let header = usize::from(tcp.get(12)? >> 4) * 4;
    let options = tcp.get(20..header).unwrap_or_default();
    let mut scale = None;
    let mut i = 0;
    while i < options.len() {
        match options[i] {
            0 => break,
            1 => i += 1,
            kind => {
                let len = usize::from(*options.get(i + 1)?).max(2);
                if kind == 3 && len == 3 {
                    scale = options.get(i + 2).copied();
                }
                i += len;
            }
        }
    }
    Some(Raw {
        src: SocketAddr::new(src, port(0)?),
        dst: SocketAddr::new(dst, port(2)?),
        seq: word(4)?,
        ack: word(8)?,
        flags: Flags::from_byte(*tcp.get(13)?),
        window: port(14)?,
        len: tcp.len().saturating_sub(header),
        scale,
        ip_length,
    })
}

/// Captured frames to or from the server's port, kept until their
/// connection is served.
#[derive(Default)]
struct Pending {
    frames: VecDeque<Vec<u8>>,
}

impl Pending {
    /// Reads what the capture has (waiting at most `wait` for the first),
    /// for at most `PUMP_BUDGET`: on a busy interface frames never stop
    /// coming, and accept() must still get its turn.
    fn pump(&mut self, source: &mut dyn FrameSource, port: u16, wait: Duration) {
        let until = Instant::now() + wait + PUMP_BUDGET;
        let mut wait = wait;
        while Instant::now() < until {
            let Ok(Some(frame)) = source.next_frame(wait) else {
                break;
            };
            let ours =
                raw_segment(&frame).is_some_and(|s| s.src.port() == port || s.dst.port() == port);
            if ours {
                if self.frames.len() >= PENDING_LIMIT {
                    self.frames.pop_front();
                }
                self.frames.push_back(frame);
            }
            wait = Duration::ZERO;
        }
    }

    /// Takes the segments between `local` and `peer` out of the queue,
    /// waiting (bounded) for the last ACK after this end's FIN, and makes
    /// them rows: sequence numbers relative to each end's SYN.
    fn connection(
        &mut self,
        source: &mut dyn FrameSource,
        port: u16,
        local: SocketAddr,
        peer: SocketAddr,
    ) -> Vec<SegmentRow> {
        let deadline = Instant::now() + Duration::from_millis(300);
        let belongs =
            |r: &Raw| (r.src == local && r.dst == peer) || (r.src == peer && r.dst == local);
        let finished = |frames: &VecDeque<Vec<u8>>| {
            let ours: Vec<Raw> = frames
                .iter()
                .filter_map(|f| raw_segment(f))
                .filter(belongs)
                .collect();
            let our_fin = ours
                .iter()
                .position(|r| r.src == local && (r.flags.fin || r.flags.rst));
            ours.iter().any(|r| r.flags.rst)
                || our_fin.is_some_and(|at| ours[at..].iter().any(|r| r.src == peer))
        };
        loop {
            self.pump(source, port, Duration::from_millis(5));
            if finished(&self.frames) || Instant::now() >= deadline {
                break;
            }
        }
        let mut taken: Vec<Vec<u8>> = Vec::new();
        let mut kept = VecDeque::with_capacity(self.frames.len());
        for frame in self.frames.drain(..) {
            match raw_segment(&frame) {
                Some(r) if belongs(&r) => {
                    // Loopback without PACKET_IGNORE_OUTGOING hands each
                    // frame over twice: keep one copy.
                    if !taken.contains(&frame) {
                        taken.push(frame);
                    }
                }
                _ => kept.push_back(frame),
            }
        }
        self.frames = kept;
        rows(
            &taken
                .iter()
                .filter_map(|f| raw_segment(f))
                .collect::<Vec<_>>(),
            peer,
        )
    }
}

/// Captured segments as rows: seq and ack relative to each end's ISN (from
/// its SYN), windows with the scale both SYNs agreed on.
fn rows(segments: &[Raw], client: SocketAddr) -> Vec<SegmentRow> {
    let syn_of = |from_client: bool| {
        segments
            .iter()
            .find(|r| r.flags.syn && (r.src == client) == from_client)
    };
    let (client_syn, server_syn) = (syn_of(true), syn_of(false));
    let isn = |from_client: bool| {
        if from_client {
            client_syn.map(|r| r.seq)
        } else {
            server_syn.map(|r| r.seq)
        }
    };
    // Scaling is on only when both SYNs carried the option.
    let scales = match (
        client_syn.and_then(|r| r.scale),
        server_syn.and_then(|r| r.scale),
    ) {
        (Some(c), Some(s)) => Some((c, s)),
        _ => None,
    };
    segments
        .iter()
        .map(|r| {
            let from_client = r.src == client;
            let relative =
                |n: u32, of_client: bool| isn(of_client).map_or(n, |i| n.wrapping_sub(i));
            SegmentRow {
                from_client,
                flags: r.flags,
                seq: relative(r.seq, from_client),
                ack: r.flags.ack.then(|| relative(r.ack, !from_client)),
                len: r.len,
                window: r.window,
                window_scale: match (r.flags.syn, scales) {
                    (false, Some((c, s))) => Some(if from_client { c } else { s }),
                    _ => None,
                },
                ip_length: r.ip_length,
            }
        })
        .collect()
}

/// The options of the saved SYN, as tcpdump lists them.
pub fn options_text(options: &[TcpOption]) -> String {
    options
        .iter()
        .map(|o| match *o {
            TcpOption::Mss(m) => format!("MSS {m}"),
            TcpOption::SackPermitted => "SACK_PERM".into(),
            TcpOption::Timestamps { value, echo } => format!("TS val {value} ecr {echo}"),
            TcpOption::Nop => "NOP".into(),
            TcpOption::WindowScale(s) => format!("WS {s}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A loopback Ethernet frame carrying a TCP header with these values.
    fn frame(
        src: u16,
        dst: u16,
        seq: u32,
        ack: u32,
        flags: u8,
        options: &[u8],
        data: &[u8],
    ) -> Vec<u8> {
        let header = 20 + options.len();
        let total = 20 + header + data.len();
        let mut f = vec![0u8; 12];
        f.extend_from_slice(&[
            0x08,
            0x00,
            0x45,
            0,
            (total >> 8) as u8,
            total as u8,
            0,
            0,
            0x40,
            0,
            64,
            6,
            0,
            0,
        ]);
        f.extend_from_slice(&[127, 0, 0, 1, 127, 0, 0, 1]);
        f.extend_from_slice(&src.to_be_bytes());
        f.extend_from_slice(&dst.to_be_bytes());
        f.extend_from_slice(&seq.to_be_bytes());
        f.extend_from_slice(&ack.to_be_bytes());
        f.extend_from_slice(&[((header / 4) << 4) as u8, flags, 0x02, 0x00, 0, 0, 0, 0]);
        f.extend_from_slice(options);
        f.extend_from_slice(data);
        f
    }

    /// A capture on a busy interface: a frame is always waiting.
    struct Endless(Vec<u8>);

    impl FrameSource for Endless {
        fn next_frame(&mut self, _wait: Duration) -> io::Result<Option<Vec<u8>>> {
            Ok(Some(self.0.clone()))
        }
        fn interface(&self) -> &str {
            "busy"
        }
    }

    #[test]
    fn reading_a_busy_capture_stops_so_accept_gets_its_turn() {
        let mut pending = Pending::default();
        let mut source = Endless(frame(40000, 15001, 1, 1, 0x10, &[], b""));
        let started = Instant::now();
        pending.pump(&mut source, 15001, Duration::ZERO);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert!(!pending.frames.is_empty() && pending.frames.len() <= PENDING_LIMIT);
    }

    #[test]
    fn rows_are_relative_to_each_ends_syn_and_scaled_only_after_it() {
        let ws = |s: u8| [1, 3, 3, s];
        let frames = [
            frame(40000, 15001, 1000, 0, 0x02, &ws(7), b""),
            frame(15001, 40000, 5000, 1001, 0x12, &ws(10), b""),
            frame(40000, 15001, 1001, 5001, 0x10, &[], b""),
            frame(40000, 15001, 1001, 5001, 0x18, &[], b"Hello!!"),
        ];
        let raws: Vec<Raw> = frames.iter().map(|f| raw_segment(f).unwrap()).collect();
        let client: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let rows = rows(&raws, client);
        assert_eq!(rows[0].seq, 0);
        assert_eq!(rows[0].ack, None);
        assert_eq!(rows[0].window_scale, None, "a SYN's window is never scaled");
        assert_eq!((rows[1].seq, rows[1].ack), (0, Some(1)));
        assert!(!rows[1].from_client);
        assert_eq!((rows[3].seq, rows[3].ack, rows[3].len), (1, Some(1), 7));
        assert_eq!(rows[3].window_scale, Some(7), "the client's own scale");
        assert_eq!(rows[3].ip_length, 20 + 20 + 7);
        assert_eq!(rows[3].flags.names(), "PSH, ACK");
    }
}
