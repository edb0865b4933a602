//! The real TCP connection: an embedded server (socket, SO_REUSEADDR,
//! TCP_SAVE_SYN, bind, listen, accept, recv until the peer's FIN, shutdown,
//! close) on its own thread and a client (socket, connect, send, shutdown,
//! recv until the server's FIN, close). Every call is recorded with what it
//! returned, when, and the socket's TCP state right after it (TCP_INFO), so
//! the views can show that connect() spans the handshake and recv() == 0 is
//! the peer's FIN. Scripted so that every run sends the same segments.

use std::io::{self, Read};
use std::net::{Shutdown, SocketAddr};
use std::os::fd::AsRawFd;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::exchange::Family;
use super::sockopt;
use super::tcp_info::{table_entry, TableEntry, TcpInfo, TcpState, TcpSysctls};
use crate::error::{Error, PortOption};
use crate::t;
use crate::text::quoted_preview as preview;

/// Which end made a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    Client,
    Server,
}

/// One socket call, what it returned, and the state it left its socket in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TcpCall {
    pub peer: Peer,
    /// The call as C writes it, e.g. `connect(fd, 127.0.0.1:15001)`.
    pub call: String,
    /// What it returned, e.g. `0` or `7 (bytes sent)`.
    pub result: String,
    /// Why it matters.
    pub note: String,
    /// When the call was made and when it returned, since the run started.
    pub started: Duration,
    pub returned: Duration,
    /// TCP_INFO of the socket right after the call (`None` for a call that
    /// leaves no socket to ask: close()).
    pub info: Option<TcpInfo>,
    /// The state after the call: from TCP_INFO, or for a closed descriptor
    /// from the kernel's table (/proc/net/tcp).
    pub state: Option<TcpState>,
    /// The socket's TCP timestamp clock right after the call (TCP_TIMESTAMP).
    pub timestamp: Option<u32>,
}

impl TcpCall {
    /// Whether the call waits for the peer (connect, accept, recv): its
    /// moment is when it returned. Every other call returns at once, and
    /// its moment is when it was made: a thread preempted just after a
    /// call must not seem to have made it later than its effects.
    pub fn blocks(&self) -> bool {
        ["connect(", "accept(", "recv("]
            .iter()
            .any(|p| self.call.starts_with(p))
    }
    /// The moment the timeline orders calls by.
    pub fn happened(&self) -> Duration {
        if self.blocks() {
            self.returned
        } else {
            self.started
        }
    }
}

/// Where the client connects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpTarget {
    /// Our own server on the loopback address and this port.
    Embedded { port: u16 },
    /// A server that runs elsewhere (no server side is shown).
    Remote(SocketAddr),
    /// A loopback port nobody listens on: the kernel answers the SYN with RST.
    Closed { port: u16 },
}

/// What the embedded server and the client do differently from the plain
/// run: the cases a learner trips over, each scripted so every run sends
/// the same segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scenario {
    /// Handshake, one send(), the server reads to EOF, both shut down.
    #[default]
    Plain,
    /// The server listens but never calls accept(): the kernel completes
    /// the handshake and acknowledges the data alone; closing the listener
    /// resets the connection nobody accepted.
    NoAccept,
    /// The client calls send() twice; the server's one recv() gets both.
    TwoSends,
    /// The client sets SO_LINGER {on, 0} and closes: RST instead of FIN.
    Reset,
    /// The server closes with data it never read: RST instead of FIN.
    UnreadClose,
    /// TCP_MAXSEG on the listener before any connection: the server
    /// advertises this MSS, and the client's data needs several segments.
    SmallMss(u16),
    /// The listener's accept queue is full (listen(0) and a first
    /// connection nobody accepts): the kernel drops the SYN, and connect()
    /// gives up after the timeout while the SYN is sent again.
    NoAnswer,
}

#[derive(Debug, Clone)]
pub struct TcpRequest {
    pub payload: Vec<u8>,
    pub target: TcpTarget,
    pub family: Family,
    pub from: Option<SocketAddr>,
    pub timeout: Duration,
    pub scenario: Scenario,
}

/// How the connection ended, as the client's calls said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TcpOutcome {
    /// Handshake, data, teardown: all calls succeeded.
    Completed,
    /// connect() failed (ECONNREFUSED: the peer answered the SYN with RST).
    Refused { error: String, errno: Option<i32> },
    /// No answer to the SYN within the timeout.
    TimedOut { waited: Duration },
}

/// Everything the connection left: the calls in the order they returned,
/// and what the kernel let us see.
#[derive(Debug, Clone)]
pub struct TcpExchange {
    /// The client's address (its port chosen by the kernel at connect()).
    pub client: SocketAddr,
    pub server: SocketAddr,
    pub calls: Vec<TcpCall>,
    /// The client's SYN as the server's kernel received it (IP and TCP
    /// headers), from TCP_SAVED_SYN: observed without any privilege.
    pub saved_syn: Option<Vec<u8>>,
    /// TCP_MAXSEG on the client after connect().
    pub client_maxseg: Option<u32>,
    /// The server's TCP_INFO after the last ACK arrived (its counters say
    /// how many segments it sent).
    pub server_final: Option<TcpInfo>,
    /// The client's TCP_INFO after its last recv().
    pub client_final: Option<TcpInfo>,
    /// The kernel's entry for the client's side after close() (TIME_WAIT).
    pub client_after_close: Option<TableEntry>,
    /// The server's entry after close().
    pub server_after_close: Option<TableEntry>,
    /// What each of the server's recv() calls returned, in bytes.
    pub server_reads: Vec<usize>,
    /// All bytes the server received.
    pub received: Vec<u8>,
    pub outcome: TcpOutcome,
    pub sysctls: TcpSysctls,
    /// The wall clock when the run started (for the capture's times).
    pub started_at: Duration,
    /// The scenario the run followed.
    pub scenario: Scenario,
    /// The bytes each of the client's send() calls handed to the kernel.
    pub client_sends: Vec<Vec<u8>>,
    /// No-accept: the server's kernel acknowledged the client's FIN (the
    /// client reached FIN_WAIT_2) before the listener was closed.
    pub client_fin_acked: bool,
}

impl TcpExchange {
    /// The calls of one end, in order.
    pub fn calls_of(&self, peer: Peer) -> impl Iterator<Item = &TcpCall> {
        self.calls.iter().filter(move |c| c.peer == peer)
    }
}

/// A clock shared by both threads.
#[derive(Clone, Copy)]
struct Clock(Instant);

impl Clock {
    fn now(self) -> Duration {
        self.0.elapsed()
    }
}

/// Records calls of one end as they return.
struct Recorder {
    peer: Peer,
    clock: Clock,
    calls: Vec<TcpCall>,
}

impl Recorder {
    fn record(
        &mut self,
        socket: Option<&Socket>,
        started: Duration,
        call: String,
        result: String,
        note: String,
    ) {
        let returned = self.clock.now();
        let info = socket.and_then(TcpInfo::of);
        let timestamp = socket.and_then(|s| sockopt::tcp_timestamp(s).ok());
        self.calls.push(TcpCall {
            peer: self.peer,
            call,
            result,
            note,
            started,
            returned,
            state: info.map(|i| i.state),
            info,
            timestamp,
        });
    }

    /// Makes a call that returns nothing on success (a setsockopt(), a
    /// shutdown()) and records it: "0", or "-1 (the errno)". A failure is
    /// shown, not fatal: the run goes on and the learner sees the errno.
    fn call_unit(
        &mut self,
        socket: Option<&Socket>,
        call: String,
        note: String,
        op: impl FnOnce() -> io::Result<()>,
    ) {
        let started = self.clock.now();
        let done = op();
        let result = match &done {
            Ok(()) => "0".into(),
            Err(e) => t!("-1 ({error})", error = errno_text(e)),
        };
        self.record(socket, started, call, result, note);
    }
}

/// A failed bind(): a busy port names its holder (from the TCP table).
fn tcp_bind_error(addr: SocketAddr, e: io::Error, option: PortOption) -> Error {
    match e.kind() {
        io::ErrorKind::AddrInUse => Error::PortInUse {
            addr,
            port: addr.port(),
            option,
            holder: super::holder::tcp_port_holder(addr),
        },
        _ => Error::Bind { addr, source: e },
    }
}

fn socket_error(call: &str, source: io::Error) -> Error {
    Error::Socket {
        call: call.to_string(),
        source,
    }
}

fn domain(family: Family) -> Domain {
    match family {
        Family::V4 => Domain::IPV4,
        Family::V6 => Domain::IPV6,
    }
}

fn stream_call(family: Family) -> &'static str {
    match family {
        Family::V4 => "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)",
        Family::V6 => "socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP)",
    }
}

/// An error as a call's result shows it: `ECONNREFUSED (Connection
/// refused)` when the errno is known, else the OS's own words.
fn errno_text(e: &io::Error) -> String {
    e.raw_os_error()
        .and_then(crate::i18n::os::errno_text)
        .unwrap_or_else(|| crate::i18n::os::describe(e))
}

/// What the server thread hands back.
struct ServerSide {
    calls: Vec<TcpCall>,
    saved_syn: Option<Vec<u8>>,
    reads: Vec<usize>,
    received: Vec<u8>,
    final_info: Option<TcpInfo>,
    peer: Option<SocketAddr>,
    after_close: Option<TableEntry>,
}

/// socket(AF_INET or AF_INET6, SOCK_STREAM, IPPROTO_TCP), recorded with
/// the descriptor it returned.
fn new_stream(family: Family, rec: &mut Recorder) -> Result<Socket, Error> {
    let t0 = rec.clock.now();
    let socket = Socket::new(domain(family), Type::STREAM, Some(Protocol::TCP))
        .map_err(|e| socket_error(stream_call(family), e))?;
    rec.record(
        Some(&socket),
        t0,
        stream_call(family).into(),
        format!("fd {}", socket.as_raw_fd()),
        t!("a TCP socket starts CLOSED").into(),
    );
    Ok(socket)
}

/// Binds and listens; returns the listener for the server thread.
fn listen(
    family: Family,
    port: u16,
    scenario: Scenario,
    rec: &mut Recorder,
) -> Result<(Socket, SocketAddr), Error> {
    let addr = SocketAddr::new(family.loopback(), port);
    let listener = new_stream(family, rec)?;
    let t0 = rec.clock.now();
    listener
        .set_reuse_address(true)
        .map_err(|e| socket_error(stream_call(family), e))?;
    rec.record(
        Some(&listener),
        t0,
        "setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, 1)".into(),
        "0".into(),
        t!("lets a fixed server port be bound again while an old connection on it is still in TIME_WAIT").into(),
    );
    rec.call_unit(
        Some(&listener),
        "setsockopt(fd, IPPROTO_TCP, TCP_SAVE_SYN, 1)".into(),
        t!("asks the kernel to keep the client's SYN, so stackviz can show it exactly as it arrived without capturing").into(),
        || sockopt::set_tcp_save_syn(&listener),
    );
    if let Scenario::SmallMss(mss) = scenario {
        rec.call_unit(
            Some(&listener),
            format!("setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, {mss})"),
            t!("set on the listener before any connection arrives: the SYN,ACK announces this MSS instead of the one the interface's MTU allows").into(),
            || sockopt::set_tcp_maxseg(&listener, mss),
        );
    }
    let t0 = rec.clock.now();
    if let Err(e) = listener.bind(&SockAddr::from(addr)) {
        return Err(tcp_bind_error(addr, e, PortOption::Port));
    }
    let bound = listener
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .unwrap_or(addr);
    rec.record(
        Some(&listener),
        t0,
        format!("bind(fd, {bound})"),
        "0".into(),
        t!("the server's address and port; clients connect to it").into(),
    );
    // No-answer: a backlog of 0 holds one finished connection; with that
    // one queued, the kernel drops every further SYN without a word.
    let backlog = if scenario == Scenario::NoAnswer { 0 } else { 1 };
    let t0 = rec.clock.now();
    listener
        .listen(backlog)
        .map_err(|e| socket_error(stream_call(family), e))?;
    rec.record(
        Some(&listener),
        t0,
        format!("listen(fd, {backlog})"),
        "0".into(),
        t!("from now on the kernel answers SYNs to this port by itself, before any accept()")
            .into(),
    );
    Ok((listener, bound))
}

/// The server's part after listen(): accept, read until EOF, shut down,
/// wait for the last ACK, close.
fn serve(listener: Socket, mut rec: Recorder, wait: Duration, script: ServerScript) -> ServerSide {
    let mut side = ServerSide {
        calls: Vec::new(),
        saved_syn: None,
        reads: Vec::new(),
        received: Vec::new(),
        final_info: None,
        peer: None,
        after_close: None,
    };
    // accept() and recv() both honour SO_RCVTIMEO: no wait is unbounded.
    let _ = listener.set_read_timeout(Some(wait));
    if matches!(script.scenario, Scenario::NoAccept | Scenario::NoAnswer) {
        hold_without_accept(listener, &mut rec, wait, &script);
        side.calls = rec.calls;
        return side;
    }
    let t0 = rec.clock.now();
    let (conn, peer) = match listener.accept() {
        Ok(pair) => pair,
        Err(e) => {
            rec.record(
                None,
                t0,
                "accept(fd)".into(),
                t!("-1 ({error})", error = errno_text(&e)),
                t!("no connection arrived").into(),
            );
            side.calls = rec.calls;
            return side;
        }
    };
    let peer = peer.as_socket();
    side.peer = peer;
    rec.record(
        Some(&conn),
        t0,
        "accept(fd)".into(),
        t!(
            "fd {fd}, connected to {peer}",
            fd = conn.as_raw_fd(),
            peer = peer.map(|p| p.to_string()).unwrap_or_default()
        ),
        t!("hands over a connection whose handshake the kernel already finished; the listening socket stays in LISTEN").into(),
    );
    if let Some(tell) = &script.tell {
        let _ = tell.send(());
    }
    side.saved_syn = sockopt::tcp_saved_syn(&conn).ok().filter(|s| !s.is_empty());
    let _ = conn.set_read_timeout(Some(wait));
    if matches!(script.scenario, Scenario::TwoSends | Scenario::UnreadClose) {
        wait_queued(&conn, &mut rec, wait, &script);
    }
    if script.scenario == Scenario::UnreadClose {
        let t0 = rec.clock.now();
        drop(conn);
        rec.record(
            None,
            t0,
            "close(fd)".into(),
            "0".into(),
            t!("closes without reading the bytes that arrived: the kernel cannot deliver them any more, so it tells the client with RST instead of FIN").into(),
        );
        if let Some(last) = rec.calls.last_mut() {
            last.state = Some(TcpState::Closed);
        }
        close_listener(listener, &mut rec);
        side.calls = rec.calls;
        return side;
    }
    let mut buf = vec![0u8; 65_536];
    let mut failed = false;
    loop {
        let t0 = rec.clock.now();
        match (&conn).read(&mut buf) {
            Ok(0) => {
                rec.record(
                    Some(&conn),
                    t0,
                    format!("recv(fd, buf, {}, 0)", buf.len()),
                    t!("0 (end of stream)").into(),
                    t!("0 means the peer sent FIN: it will send no more; this end may still send")
                        .into(),
                );
                side.reads.push(0);
                break;
            }
            Ok(n) => {
                side.received.extend_from_slice(&buf[..n]);
                side.reads.push(n);
                rec.record(
                    Some(&conn),
                    t0,
                    format!("recv(fd, buf, {}, 0)", buf.len()),
                    t!("{n} (bytes received): {data}", n, data = preview(&buf[..n])),
                    t!("the bytes the kernel had queued, however many segments brought them")
                        .into(),
                );
                if side.received.len() >= script.expect {
                    if let Some(tell) = &script.tell {
                        let _ = tell.send(());
                    }
                }
            }
            Err(e) => {
                rec.record(
                    Some(&conn),
                    t0,
                    format!("recv(fd, buf, {}, 0)", buf.len()),
                    t!("-1 ({error})", error = errno_text(&e)),
                    failure_note(&e).into(),
                );
                failed = true;
                break;
            }
        }
    }
    // After a reset there is no connection left to shut down.
    if !failed {
        rec.call_unit(
            Some(&conn),
            "shutdown(fd, SHUT_WR)".into(),
            t!("sends this end's FIN (as close() would) while the socket stays open, so its state can still be read").into(),
            || conn.shutdown(Shutdown::Write),
        );
    }
    // The client's last ACK follows within microseconds on loopback; wait
    // for it (bounded) so the counters read below are final.
    let deadline = Instant::now() + Duration::from_millis(500).min(wait);
    loop {
        let info = TcpInfo::of(&conn);
        side.final_info = info;
        if info.is_none_or(|i| i.state == TcpState::Closed) || Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let local = conn.local_addr().ok().and_then(|a| a.as_socket());
    let t0 = rec.clock.now();
    drop(conn);
    rec.record(
        None,
        t0,
        "close(fd)".into(),
        "0".into(),
        t!("frees the descriptor").into(),
    );
    if let (Some(local), Some(peer)) = (local, peer) {
        side.after_close = table_entry(local, peer);
    }
    if let Some(last) = rec.calls.last_mut() {
        last.state = Some(side.after_close.map_or(TcpState::Closed, |e| e.state));
    }
    close_listener(listener, &mut rec);
    side.calls = rec.calls;
    side
}

fn close_listener(listener: Socket, rec: &mut Recorder) {
    let t0 = rec.clock.now();
    drop(listener);
    rec.record(
        None,
        t0,
        "close(listen_fd)".into(),
        "0".into(),
        t!("no more connections on this port").into(),
    );
}

/// What the server thread needs to know of the run's script.
struct ServerScript {
    scenario: Scenario,
    /// How many bytes the client sends.
    expect: usize,
    /// No-accept: the client says when its FIN was answered (or it gave
    /// up waiting), so the listener is closed at the same point every run.
    go: Option<mpsc::Receiver<()>>,
    /// The plain run: the server tells the client when accept() returned
    /// and when recv() has every byte, so the client sends and shuts down
    /// at the same points every run (the timeline reads the same each time).
    tell: Option<mpsc::Sender<()>>,
}

/// The note of a recv() that failed.
fn failure_note(e: &io::Error) -> &'static str {
    if e.raw_os_error() == Some(libc::ECONNRESET) {
        t!("ECONNRESET: the peer's RST ended the connection at once; nothing more can be sent or received on it")
    } else {
        t!("the connection did not end normally")
    }
}

/// Bytes waiting in a socket's receive queue (FIONREAD).
fn queued(socket: &Socket) -> Option<usize> {
    sockopt::unread_bytes(socket)
        .ok()
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// Waits (bounded by the timeout) until all the client's bytes are queued,
/// and records the wait as the ioctl it is: the same run every time.
fn wait_queued(conn: &Socket, rec: &mut Recorder, wait: Duration, script: &ServerScript) {
    let t0 = rec.clock.now();
    let deadline = Instant::now() + wait;
    let mut have = queued(conn).unwrap_or(0);
    while have < script.expect && Instant::now() < deadline {
        std::thread::sleep(Duration::from_micros(200));
        have = queued(conn).unwrap_or(0);
    }
    rec.record(
        Some(conn),
        t0,
        "ioctl(fd, FIONREAD)".into(),
        t!("{n} (bytes queued)", n = have),
        if script.scenario == Scenario::TwoSends {
            t!("stackviz waits (at most --timeout) until the bytes of both send() calls have arrived before its first recv(), so every run shows the same thing")
        } else {
            t!("stackviz waits (at most --timeout) until the client's bytes have arrived, then closes without reading them")
        }
        .into(),
    );
}

/// No-accept: listen(1) and never accept(). The kernel finishes the
/// handshake and acknowledges the data by itself; the listener's TCP_INFO
/// shows the accept queue as `ss -ltn` does; closing the listener resets
/// the connection nobody accepted.
fn hold_without_accept(
    listener: Socket,
    rec: &mut Recorder,
    wait: Duration,
    script: &ServerScript,
) {
    if let Some(go) = &script.go {
        let _ = go.recv_timeout(wait);
    }
    let t0 = rec.clock.now();
    let raw = sockopt::tcp_info(&listener).ok();
    // For a listening socket, tcpi_unacked is the accept queue's length and
    // tcpi_sacked the backlog (what ss -ltn prints as Recv-Q and Send-Q).
    let field = |at: usize| {
        raw.as_ref()
            .and_then(|b| b.get(at..at + 4))
            .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
    };
    rec.record(
        Some(&listener),
        t0,
        "getsockopt(fd, IPPROTO_TCP, TCP_INFO)".into(),
        match (field(24), field(28)) {
            (Some(queue), Some(backlog)) => t!(
                "Recv-Q {queue}, Send-Q {backlog} (as ss -ltn shows them)",
                queue,
                backlog
            ),
            _ => t!("-1 (no TCP_INFO)").into(),
        },
        if script.scenario == Scenario::NoAnswer {
            t!("for a listening socket, unacked is the accept queue and sacked the backlog listen() allowed: the queue is full, so the kernel dropped the client's SYNs without answering")
        } else {
            t!("for a listening socket, unacked is the accept queue (connections the kernel finished that no accept() took) and sacked the backlog listen() allowed: the client's connect() and send() succeeded all the same")
        }
        .into(),
    );
    let t0 = rec.clock.now();
    drop(listener);
    rec.record(
        None,
        t0,
        "close(listen_fd)".into(),
        "0".into(),
        if script.scenario == Scenario::NoAnswer {
            t!("the other client's connection, never accepted, is reset (not shown)")
        } else {
            t!("the connection still waiting in the accept queue was never accepted: closing the listener makes the kernel reset it (RST to the client)")
        }
        .into(),
    );
}

/// Runs the connection and records every call.
pub fn run(request: &TcpRequest) -> Result<TcpExchange, Error> {
    let clock = Clock(Instant::now());
    let started_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let wait = request.timeout.max(Duration::from_millis(100));
    let mut server_rec = Recorder {
        peer: Peer::Server,
        clock,
        calls: Vec::new(),
    };
    let mut server_calls = Vec::new();
    let scenario = request.scenario;
    let mut go = None;
    let mut heard = None;
    let (server_addr, server_thread) = match request.target {
        TcpTarget::Embedded { port } => {
            let (listener, bound) = listen(request.family, port, scenario, &mut server_rec)?;
            server_calls = std::mem::take(&mut server_rec.calls);
            let (tx, rx) = mpsc::channel();
            let script = ServerScript {
                scenario,
                expect: request.payload.len(),
                go: matches!(scenario, Scenario::NoAccept | Scenario::NoAnswer).then(|| {
                    let (tell, told) = mpsc::channel();
                    go = Some(tell);
                    told
                }),
                tell: matches!(scenario, Scenario::Plain | Scenario::SmallMss(_)).then(|| {
                    let (tell, told) = mpsc::channel();
                    heard = Some(told);
                    tell
                }),
            };
            let handle = std::thread::Builder::new()
                .name("tcp-server".into())
                .spawn(move || {
                    let side = serve(listener, server_rec, wait, script);
                    let _ = tx.send(());
                    side
                })
                .map_err(|e| socket_error("thread", e))?;
            (bound, Some((handle, rx)))
        }
        TcpTarget::Remote(addr) => (addr, None),
        TcpTarget::Closed { port } => (
            SocketAddr::new(
                request.family.loopback(),
                closed_port(request.family, port)?,
            ),
            None,
        ),
    };
    let mut rec = Recorder {
        peer: Peer::Client,
        clock,
        calls: Vec::new(),
    };
    let family = Family::of(&server_addr);
    let filler =
        if scenario == Scenario::NoAnswer && matches!(request.target, TcpTarget::Embedded { .. }) {
            Some(fill_queue(server_addr, wait, &mut rec)?)
        } else {
            None
        };
    let client = new_stream(family, &mut rec)?;
    if let Some(from) = request.from {
        let t0 = clock.now();
        client
            .bind(&SockAddr::from(from))
            .map_err(|e| tcp_bind_error(from, e, PortOption::From))?;
        rec.record(
            Some(&client),
            t0,
            format!("bind(fd, {from})"),
            "0".into(),
            t!("--from: the client's own address and port").into(),
        );
    }
    let outcome = connect(&client, server_addr, wait, &mut rec)?;
    let local = client
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .unwrap_or_else(|| SocketAddr::new(family.unspecified(), 0));
    let mut exchange = TcpExchange {
        client: local,
        server: server_addr,
        calls: Vec::new(),
        saved_syn: None,
        client_maxseg: None,
        server_final: None,
        client_final: None,
        client_after_close: None,
        server_after_close: None,
        server_reads: Vec::new(),
        received: Vec::new(),
        outcome: outcome.clone(),
        sysctls: TcpSysctls::read(),
        started_at,
        scenario,
        client_sends: Vec::new(),
        client_fin_acked: false,
    };
    if outcome == TcpOutcome::Completed {
        exchange.client_maxseg = sockopt::tcp_maxseg(&client).ok();
        talk(
            &client,
            &request.payload,
            wait,
            &mut rec,
            &mut exchange,
            go.take(),
            heard.take(),
        );
    }
    // Whatever happened, the server thread must not wait for a signal that
    // will never come (no-answer: dropping it is the signal).
    drop(go);
    let t0 = clock.now();
    drop(client);
    rec.record(
        None,
        t0,
        "close(fd)".into(),
        "0".into(),
        if scenario == Scenario::Reset && outcome == TcpOutcome::Completed {
            t!("with SO_LINGER on and a zero timeout, close() throws the connection away: the kernel sends RST instead of FIN, and no TIME_WAIT is left")
        } else {
            t!("frees the descriptor; the kernel keeps what is left of the connection")
        }
        .into(),
    );
    if outcome == TcpOutcome::Completed {
        exchange.client_after_close = table_entry(local, server_addr);
    }
    if let Some(last) = rec.calls.last_mut() {
        last.state = Some(
            exchange
                .client_after_close
                .map_or(TcpState::Closed, |e| e.state),
        );
    }
    drop(filler);
    let mut calls = rec.calls;
    calls.extend(server_calls);
    if let Some((handle, done)) = server_thread {
        // The server ends on its own (EOF, or its bounded waits).
        let _ = done.recv_timeout(wait + Duration::from_secs(1));
        if let Ok(side) = handle.join() {
            calls.extend(side.calls);
            exchange.saved_syn = side.saved_syn;
            exchange.server_reads = side.reads;
            exchange.received = side.received;
            exchange.server_final = side.final_info;
            exchange.server_after_close = side.after_close;
        }
    }
    calls.sort_by_key(TcpCall::happened);
    exchange.calls = calls;
    Ok(exchange)
}

/// No-answer: another client's connection fills the listener's accept
/// queue (listen(0), never accepted), so the next SYN is dropped.
fn fill_queue(server: SocketAddr, wait: Duration, rec: &mut Recorder) -> Result<Socket, Error> {
    let family = Family::of(&server);
    let t0 = rec.clock.now();
    let filler = Socket::new(domain(family), Type::STREAM, Some(Protocol::TCP))
        .map_err(|e| socket_error(stream_call(family), e))?;
    let made = filler.connect_timeout(&SockAddr::from(server), wait);
    rec.record(
        Some(&filler),
        t0,
        format!("another client: connect(fd, {server})"),
        match &made {
            Ok(()) => "0".into(),
            Err(e) => t!("-1 ({error})", error = errno_text(e)),
        },
        t!("a first connection fills the accept queue (listen(0) holds one, and nothing accepts it); its segments are not shown").into(),
    );
    Ok(filler)
}

/// A loopback port nobody listens on: the one asked for, or (0) one the
/// kernel just handed out and took back.
fn closed_port(family: Family, port: u16) -> Result<u16, Error> {
    if port != 0 {
        return Ok(port);
    }
    let probe = Socket::new(domain(family), Type::STREAM, Some(Protocol::TCP))
        .map_err(|e| socket_error(stream_call(family), e))?;
    probe
        .bind(&SockAddr::from(SocketAddr::new(family.loopback(), 0)))
        .map_err(|e| socket_error("bind()", e))?;
    Ok(probe
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .map_or(0, |a| a.port()))
}

/// connect() without blocking, so the state between the SYN and the
/// answer can be read and the wait is bounded by the timeout.
fn connect(
    client: &Socket,
    server: SocketAddr,
    wait: Duration,
    rec: &mut Recorder,
) -> Result<TcpOutcome, Error> {
    let t0 = rec.clock.now();
    client
        .set_nonblocking(true)
        .map_err(|e| socket_error("fcntl(O_NONBLOCK)", e))?;
    let first = client.connect(&SockAddr::from(server));
    let in_flight = TcpInfo::of(client).map(|i| i.state);
    let answered = match first {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => wait_writable(client, wait),
        Err(e) => Err(e),
    };
    let _ = client.set_nonblocking(false);
    let call = format!("connect(fd, {server})");
    let during = in_flight
        .map(|s| {
            t!(
                "right after the SYN left, TCP_INFO said {state}; ",
                state = s.name()
            )
        })
        .unwrap_or_default();
    match answered {
        Ok(()) => {
            rec.record(
                Some(client),
                t0,
                call,
                "0".into(),
                format!(
                    "{during}{}",
                    t!("connect() returns once the handshake is done: SYN sent, SYN,ACK received, ACK sent")
                ),
            );
            Ok(TcpOutcome::Completed)
        }
        Err(e) if e.kind() == io::ErrorKind::TimedOut => {
            rec.record(
                Some(client),
                t0,
                call,
                t!("-1 (no answer within {seconds} s)", seconds = wait.as_secs_f64()),
                format!(
                    "{during}{}",
                    t!("nothing answered the SYN: the kernel keeps retrying it until tcp_syn_retries runs out")
                ),
            );
            Ok(TcpOutcome::TimedOut { waited: wait })
        }
        Err(e) => {
            let error = errno_text(&e);
            rec.record(
                Some(client),
                t0,
                call,
                t!("-1 ({error})", error = error.clone()),
                format!(
                    "{during}{}",
                    if e.raw_os_error() == Some(libc::ECONNREFUSED) {
                        t!("the SYN was answered with RST,ACK: nobody listens on that port")
                    } else {
                        t!("the connection could not be made")
                    }
                ),
            );
            Ok(TcpOutcome::Refused {
                error,
                errno: e.raw_os_error(),
            })
        }
    }
}

/// Waits (bounded) until a non-blocking connect() has an answer.
fn wait_writable(socket: &Socket, wait: Duration) -> io::Result<()> {
    let deadline = Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::from(io::ErrorKind::TimedOut));
        }
        let ready = match sockopt::poll_writable(socket, left) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => other?,
        };
        if ready {
            return match socket.take_error()? {
                Some(e) => Err(e),
                None => Ok(()),
            };
        }
    }
}

/// Waits (bounded) until everything the client sent is acknowledged
/// (TCP_INFO's unacked back to 0), so the next step starts from the same
/// point every run.
fn wait_acked(client: &Socket, wait: Duration) {
    let deadline = Instant::now() + wait.min(Duration::from_millis(500));
    while TcpInfo::of(client).is_some_and(|i| i.unacked > 0) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_micros(100));
    }
}

/// The client's send() calls: one, or (two-sends) the message in two.
fn pieces(payload: &[u8], scenario: Scenario) -> Vec<&[u8]> {
    if scenario == Scenario::TwoSends {
        let (a, b) = payload.split_at(payload.len() / 2);
        vec![a, b]
    } else {
        vec![payload]
    }
}

/// The note of a send() call.
fn send_note(index: usize, piece: &[u8], exchange: &TcpExchange) -> String {
    match exchange.scenario {
        Scenario::TwoSends if index > 0 => t!("the second send(): stackviz waited until the first one's bytes were acknowledged, so every run sends two segments (without the wait, Nagle's algorithm could hold these bytes until that ACK)").into(),
        // A message that fits one segment needs no word about splitting.
        Scenario::SmallMss(mss)
            if exchange
                .client_maxseg
                .is_some_and(|m| piece.len() > m as usize) =>
        {
            t!(
            "the server announced MSS {mss}; this end puts at most {maxseg} bytes in a segment (TCP_MAXSEG), so {n} bytes need {count} segments of the wire's size",
            mss,
            maxseg = exchange.client_maxseg.map_or_else(|| t!("unknown").to_string(), |m| m.to_string()),
            n = piece.len(),
            count = exchange
                .client_maxseg
                .filter(|m| *m > 0)
                .map_or_else(|| t!("unknown").to_string(), |m| piece.len().div_ceil(m as usize).to_string())
            )
        }
        _ => t!("returns once the kernel has the bytes in its send buffer, not when the peer has them: TCP_INFO's unacked counts segments not yet acknowledged").into(),
    }
}

/// The client's part after connect(): send, shut down, read to EOF (or,
/// per scenario, send twice, reset, or wait for the server's reset).
fn talk(
    client: &Socket,
    payload: &[u8],
    wait: Duration,
    rec: &mut Recorder,
    exchange: &mut TcpExchange,
    go: Option<mpsc::Sender<()>>,
    heard: Option<mpsc::Receiver<()>>,
) {
    // The plain run waits (bounded) for the server's accept() before
    // sending and for its recv() before shutting down.
    let hear = || {
        if let Some(h) = &heard {
            let _ = h.recv_timeout(wait);
        }
    };
    let _ = client.set_read_timeout(Some(wait));
    let _ = client.set_write_timeout(Some(wait));
    let scenario = exchange.scenario;
    hear();
    for (index, piece) in pieces(payload, scenario).into_iter().enumerate() {
        if index > 0 {
            wait_acked(client, wait);
        }
        let t0 = rec.clock.now();
        let sent = client.send(piece);
        rec.record(
            Some(client),
            t0,
            format!("send(fd, {}, {}, 0)", preview(piece), piece.len()),
            match &sent {
                Ok(n) => t!("{n} (bytes sent)", n = *n),
                Err(e) => t!("-1 ({error})", error = errno_text(e)),
            },
            send_note(index, piece, exchange),
        );
        if let Ok(n) = sent {
            exchange
                .client_sends
                .push(piece[..n.min(piece.len())].to_vec());
        }
    }
    if scenario == Scenario::Reset {
        // The data's ACK first, so the RST is the only segment left.
        wait_acked(client, wait);
        rec.call_unit(
            Some(client),
            "setsockopt(fd, SOL_SOCKET, SO_LINGER, {1, 0})".into(),
            t!("linger on with a zero timeout: close() will not wait to deliver anything, it aborts the connection (stackviz first waited until the data was acknowledged)").into(),
            || client.set_linger(Some(Duration::ZERO)),
        );
        exchange.client_final = TcpInfo::of(client);
        return;
    }
    if scenario != Scenario::UnreadClose {
        hear();
        rec.call_unit(
            Some(client),
            "shutdown(fd, SHUT_WR)".into(),
            t!("sends FIN: this end has finished sending; it can still receive").into(),
            || client.shutdown(Shutdown::Write),
        );
    }
    if let Some(go) = go {
        // No-accept: the server's kernel acknowledges the FIN after its
        // delayed-ACK time; wait for that (bounded) before the listener is
        // closed, so the ACK and the reset come in the same order every run.
        let deadline = Instant::now() + wait.min(Duration::from_secs(1));
        loop {
            let state = TcpInfo::of(client).map(|i| i.state);
            if state != Some(TcpState::FinWait1) || Instant::now() >= deadline {
                exchange.client_fin_acked = state == Some(TcpState::FinWait2);
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = go.send(());
    }
    let mut buf = [0u8; 4096];
    loop {
        let t0 = rec.clock.now();
        let got = (&*client).read(&mut buf);
        let (result, note, end) = match &got {
            Ok(0) => (
                t!("0 (end of stream)").to_string(),
                t!("0 means the server sent FIN; this end, which closed first, goes to TIME_WAIT")
                    .to_string(),
                true,
            ),
            Ok(n) => (t!("{n} (bytes received)", n = *n), String::new(), false),
            Err(e) => (
                t!("-1 ({error})", error = errno_text(e)),
                failure_note(e).to_string(),
                true,
            ),
        };
        rec.record(
            Some(client),
            t0,
            format!("recv(fd, buf, {}, 0)", buf.len()),
            result,
            note,
        );
        if end {
            break;
        }
    }
    exchange.client_final = TcpInfo::of(client);
}
