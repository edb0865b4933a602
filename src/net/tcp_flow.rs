//! The sockets of `send --tcp --count N`: a server on 127.0.0.1 with a
//! small SO_RCVBUF that pauses after every recv(), a client that sends N
//! numbered messages as fast as send() returns, and a sampler that reads
//! TCP_INFO (and the queue sizes) of both sockets every few milliseconds.
//! The server checks the stream as it arrives: every byte, in order.

use std::io::{self, Read};
use std::net::{Ipv4Addr, Shutdown, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use socket2::{Domain, Protocol, Socket, Type};

use super::overflow::{number_width, numbered};
use super::sockopt;
use super::tcp_info::TcpInfo;
use crate::error::Error;

/// What the run is asked to do.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRequest {
    /// The server's port on 127.0.0.1 (0: the OS chooses).
    pub port: u16,
    /// How many numbered messages the client sends.
    pub count: u64,
    /// Messages per second; 0 sends as fast as send() returns.
    pub rate: u32,
    /// The server's SO_RCVBUF (set on the listener, before listen()).
    pub rcvbuf: usize,
    /// The client's SO_SNDBUF; `None` leaves the kernel's automatic sizing.
    pub sndbuf: Option<usize>,
    /// The server's pause after each recv().
    pub pause: Duration,
    /// The text after each message's number.
    pub text: Vec<u8>,
    /// The longest wait without any progress (connect, send, recv).
    pub timeout: Duration,
    /// How often both sockets are sampled.
    pub sample_every: Duration,
}

/// One reading of TCP_INFO: the fields flow control shows. `None` where
/// this kernel's `struct tcp_info` is too short to hold the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FlowInfo {
    /// tcpi_snd_wnd: the window the peer last advertised (scaled).
    pub snd_wnd: Option<u32>,
    /// tcpi_rcv_wnd: the window this end last advertised (scaled).
    pub rcv_wnd: Option<u32>,
    /// tcpi_unacked: segments sent and not yet acknowledged.
    pub unacked: u32,
    /// tcpi_probes: unanswered zero-window probes (or keepalives).
    pub probes: u8,
    /// tcpi_rcv_space: the receive buffer space the kernel plans for.
    pub rcv_space: u32,
    /// tcpi_total_retrans: segments sent again.
    pub total_retrans: u32,
    pub bytes_acked: Option<u64>,
    pub bytes_received: Option<u64>,
    /// tcpi_notsent_bytes: bytes in the send buffer not sent yet.
    pub notsent: Option<u32>,
    /// tcpi_busy_time, tcpi_rwnd_limited, tcpi_sndbuf_limited (µs): how
    /// long the sender had data to send, and how much of it it was held
    /// back by the receive window or by its own send buffer.
    pub busy_us: Option<u64>,
    pub rwnd_limited_us: Option<u64>,
    pub sndbuf_limited_us: Option<u64>,
    pub bytes_sent: Option<u64>,
    /// tcpi_dsack_dups: segments the peer reported it already had (D-SACK).
    pub dsack_dups: Option<u32>,
}

impl From<TcpInfo> for FlowInfo {
    fn from(i: TcpInfo) -> FlowInfo {
        FlowInfo {
            snd_wnd: i.snd_wnd,
            rcv_wnd: i.rcv_wnd,
            unacked: i.unacked,
            probes: i.probes,
            rcv_space: i.rcv_space,
            total_retrans: i.retransmits_total,
            bytes_acked: i.bytes_acked,
            bytes_received: i.bytes_received,
            notsent: i.notsent,
            busy_us: i.busy_us,
            rwnd_limited_us: i.rwnd_limited_us,
            sndbuf_limited_us: i.sndbuf_limited_us,
            bytes_sent: i.bytes_sent,
            dsack_dups: i.dsack_dups,
        }
    }
}

impl FlowInfo {
    /// The flow-control fields of `struct tcp_info`, read by the one
    /// TCP_INFO parser (`net::tcp_info`); `None` below the fixed 104-byte
    /// head every kernel fills.
    pub fn parse(b: &[u8]) -> Option<FlowInfo> {
        TcpInfo::parse(b).map(FlowInfo::from)
    }

    pub fn of(socket: &Socket) -> Option<FlowInfo> {
        sockopt::tcp_info(socket)
            .ok()
            .and_then(|b| FlowInfo::parse(&b))
    }
}

/// Both sockets at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowSample {
    /// Since the client's connect() returned.
    pub at: Duration,
    pub client: Option<FlowInfo>,
    /// SIOCOUTQ of the client: sent and unacknowledged, plus not yet sent.
    pub client_queue: Option<u32>,
    pub server: Option<FlowInfo>,
    /// SIOCINQ of the server: received, not yet read by the program.
    pub server_unread: Option<u32>,
    /// Bytes the server's program had read so far.
    pub read: u64,
}

/// What the server found in the stream it read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StreamCheck {
    /// Bytes recv() returned in all.
    pub bytes: u64,
    /// CRC-32 of every byte read, in order.
    pub crc32: u32,
    /// Whole messages read that were exactly the next expected message.
    pub messages_in_order: u64,
    /// The first byte (0-based offset in the stream) that was not the byte
    /// expected there; `None`: every byte was.
    pub first_mismatch: Option<u64>,
    /// recv() calls that returned data.
    pub reads: u64,
    /// The largest single recv().
    pub largest_read: usize,
    /// When each in-order message's last byte was read (µs since connect).
    pub completed_us: Vec<u64>,
    /// recv() returned 0: the client's FIN came after all its data.
    pub eof: bool,
    /// When the last byte was read (since connect).
    pub last_read: Duration,
    /// The error that ended the reading, in words.
    pub error: Option<String>,
}

/// The expected stream, compared byte by byte as it arrives.
struct Checker {
    width: usize,
    text: Vec<u8>,
    count: u64,
    next: u64,
    current: Vec<u8>,
    pos: usize,
    crc: crc32fast::Hasher,
    check: StreamCheck,
}

impl Checker {
    fn new(count: u64, text: &[u8]) -> Checker {
        let width = number_width(count);
        Checker {
            width,
            text: text.to_vec(),
            count,
            next: 1,
            current: numbered(1, width, text),
            pos: 0,
            crc: crc32fast::Hasher::new(),
            check: StreamCheck::default(),
        }
    }

    fn feed(&mut self, data: &[u8], at_us: u64) {
        self.crc.update(data);
        for &byte in data {
            let offset = self.check.bytes;
            self.check.bytes += 1;
            if self.check.first_mismatch.is_some() {
                continue;
            }
            if self.next > self.count || self.current.get(self.pos) != Some(&byte) {
                self.check.first_mismatch = Some(offset);
                continue;
            }
            self.pos += 1;
            if self.pos == self.current.len() {
                self.check.messages_in_order += 1;
                self.check.completed_us.push(at_us);
                self.next += 1;
                self.current = numbered(self.next, self.width, &self.text);
                self.pos = 0;
            }
        }
    }

    fn finish(mut self) -> StreamCheck {
        self.check.crc32 = self.crc.finalize();
        self.check
    }
}

/// What the client did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sending {
    /// Messages handed to the kernel completely.
    pub messages: u64,
    pub bytes: u64,
    /// CRC-32 of every byte handed over, in order.
    pub crc32: u32,
    /// send() calls made, and those that came back after their whole wait
    /// (SO_SNDTIMEO, 20 ms) without taking a byte.
    pub calls: u64,
    pub calls_timed_out: u64,
    /// Calls that took longer than 1 ms: they waited for room in the send buffer.
    pub calls_waited: u64,
    /// Time spent inside send(), in all and the longest one message took.
    pub in_send: Duration,
    pub longest_message: Duration,
    /// When each message's send() returned (µs since connect).
    pub handed_us: Vec<u64>,
    /// From the first send() to the last one's return.
    pub sending: Duration,
    /// Ctrl-C stopped the client before `count` messages.
    pub interrupted: bool,
    /// send() made no progress for the whole --timeout.
    pub stalled: bool,
    /// The error that ended the sending, in words.
    pub error: Option<String>,
}

/// Everything the run observed.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowObserved {
    pub client: SocketAddr,
    pub server: SocketAddr,
    pub rcvbuf_asked: usize,
    /// SO_RCVBUF of the accepted socket, as the kernel set it.
    pub rcvbuf_set: usize,
    pub sndbuf_asked: Option<usize>,
    /// SO_SNDBUF of the client after the run (autotuned when not asked).
    pub sndbuf_set: usize,
    pub message_bytes: usize,
    pub sending: Sending,
    pub stream: StreamCheck,
    /// The server read nothing for the whole --timeout and gave up.
    pub reader_stalled: bool,
    /// After Ctrl-C the server read the rest without pausing.
    pub reader_hurried: bool,
    pub samples: Vec<FlowSample>,
    /// The sampling interval at the end (it doubles when samples pile up).
    pub sample_every: Duration,
    /// TCP_INFO of both ends once the server had read everything.
    pub client_final: Option<FlowInfo>,
    pub server_final: Option<FlowInfo>,
    /// From connect() to the server's reading the last byte.
    pub transfer: Duration,
    /// The wall clock when connect() returned (for the capture's times).
    pub started_at: Duration,
}

/// At most this many samples are kept: past it every other one goes and
/// the interval doubles, so a long run keeps its whole shape in bounded memory.
const SAMPLE_LIMIT: usize = 20_000;

fn socket_error(call: &str) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Socket {
        call: call.into(),
        source,
    }
}

fn waiting(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    )
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// The listener: SO_REUSEADDR, SO_RCVBUF before listen() (the accepted
/// socket inherits it, and the window scale is chosen from it), bound.
fn listener(port: u16, rcvbuf: usize) -> Result<Socket, Error> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))
        .map_err(socket_error("socket"))?;
    socket
        .set_reuse_address(true)
        .map_err(socket_error("setsockopt(SO_REUSEADDR)"))?;
    sockopt::set_receive_buffer(&socket, rcvbuf).map_err(socket_error("setsockopt(SO_RCVBUF)"))?;
    socket.bind(&addr.into()).map_err(|e| match e.kind() {
        io::ErrorKind::AddrInUse => Error::PortInUse {
            addr,
            port,
            option: crate::error::PortOption::Port,
            holder: super::holder::tcp_port_holder(addr),
        },
        _ => Error::Bind { addr, source: e },
    })?;
    socket.listen(1).map_err(socket_error("listen"))?;
    Ok(socket)
}

/// Runs it: connect, the server's slow reading, the client's N messages,
/// the sampling, shutdown. `stop` (Ctrl-C) ends the sending after the
/// message in hand; what was sent is still read and checked.
pub fn run(request: &FlowRequest, stop: &AtomicBool) -> Result<FlowObserved, Error> {
    let listener = listener(request.port, request.rcvbuf)?;
    let server: SocketAddr = listener
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .ok_or_else(|| socket_error("getsockname")(io::Error::other("no address")))?;
    let client = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))
        .map_err(socket_error("socket"))?;
    if let Some(bytes) = request.sndbuf {
        client
            .set_send_buffer_size(bytes)
            .map_err(socket_error("setsockopt(SO_SNDBUF)"))?;
    }
    client
        .connect_timeout(&server.into(), request.timeout)
        .map_err(socket_error("connect"))?;
    let start = Instant::now();
    let started_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    // The handshake is complete: accept() returns at once.
    listener
        .set_nonblocking(true)
        .map_err(socket_error("fcntl(O_NONBLOCK)"))?;
    let conn = accept(&listener, request.timeout)?;
    drop(listener);
    let client_addr = client
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .unwrap_or(server);
    let rcvbuf_set =
        sockopt::receive_buffer(&conn).map_err(socket_error("getsockopt(SO_RCVBUF)"))?;
    conn.set_read_timeout(Some(Duration::from_millis(20)))
        .map_err(socket_error("setsockopt(SO_RCVTIMEO)"))?;
    client
        .set_write_timeout(Some(Duration::from_millis(20)))
        .map_err(socket_error("setsockopt(SO_SNDTIMEO)"))?;
    let read_so_far = AtomicU64::new(0);
    let sampling = AtomicBool::new(true);
    let (sending, reading, (samples, every), client_final, server_final, transfer) =
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| read_all(&conn, request, stop, &read_so_far, start));
            let sampler =
                scope.spawn(|| sample(&client, &conn, request, &sampling, &read_so_far, start));
            let sending = send_all(&client, request, stop, start);
            // The FIN after the last byte: the server's recv() returns 0.
            let _ = client.shutdown(Shutdown::Write);
            let reading = reader.join().unwrap_or_else(|_| Reading {
                check: StreamCheck::default(),
                stalled: true,
                hurried: false,
            });
            let transfer = reading.check.last_read;
            let client_final = FlowInfo::of(&client);
            let server_final = FlowInfo::of(&conn);
            sampling.store(false, Ordering::SeqCst);
            let samples = sampler.join().unwrap_or((Vec::new(), request.sample_every));
            (
                sending,
                reading,
                samples,
                client_final,
                server_final,
                transfer,
            )
        });
    let sndbuf_set = client.send_buffer_size().unwrap_or(0);
    Ok(FlowObserved {
        client: client_addr,
        server,
        rcvbuf_asked: request.rcvbuf,
        rcvbuf_set,
        sndbuf_asked: request.sndbuf,
        sndbuf_set,
        message_bytes: numbered(1, number_width(request.count), &request.text).len(),
        sending,
        stream: reading.check,
        reader_stalled: reading.stalled,
        reader_hurried: reading.hurried,
        samples,
        sample_every: every,
        client_final,
        server_final,
        transfer,
        started_at,
    })
}

fn accept(listener: &Socket, wait: Duration) -> Result<Socket, Error> {
    let deadline = Instant::now() + wait;
    loop {
        match listener.accept() {
            Ok((conn, _)) => {
                conn.set_nonblocking(false)
                    .map_err(socket_error("fcntl(O_NONBLOCK)"))?;
                return Ok(conn);
            }
            Err(e) if waiting(&e) && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(e) => return Err(socket_error("accept")(e)),
        }
    }
}

struct Reading {
    check: StreamCheck,
    stalled: bool,
    hurried: bool,
}

/// The server: recv() up to 64 KiB, pause, again, until the client's FIN.
fn read_all(
    conn: &Socket,
    request: &FlowRequest,
    stop: &AtomicBool,
    read_so_far: &AtomicU64,
    start: Instant,
) -> Reading {
    let mut checker = Checker::new(request.count, &request.text);
    let mut buf = vec![0u8; 65_536];
    let mut last_progress = Instant::now();
    let mut stalled = false;
    let mut hurried = false;
    let mut reader = conn;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => {
                checker.check.eof = true;
                break;
            }
            Ok(n) => {
                checker.check.last_read = start.elapsed();
                let at = micros(checker.check.last_read);
                checker.feed(&buf[..n], at);
                checker.check.reads += 1;
                checker.check.largest_read = checker.check.largest_read.max(n);
                read_so_far.fetch_add(n as u64, Ordering::SeqCst);
                last_progress = Instant::now();
                // Short sleeps, so Ctrl-C ends the pausing within 20 ms.
                let until = Instant::now() + request.pause;
                while let Some(left) = until.checked_duration_since(Instant::now()) {
                    if stop.load(Ordering::SeqCst) {
                        hurried = true;
                        break;
                    }
                    std::thread::sleep(left.min(Duration::from_millis(20)));
                }
            }
            Err(e) if waiting(&e) => {
                if last_progress.elapsed() >= request.timeout {
                    stalled = true;
                    break;
                }
            }
            Err(e) => {
                checker.check.error = Some(crate::i18n::os::describe(&e).to_string());
                break;
            }
        }
    }
    Reading {
        check: checker.finish(),
        stalled,
        hurried,
    }
}

/// The client: message after message, each with as many send() calls as
/// it takes, paced when a rate is given.
fn send_all(client: &Socket, request: &FlowRequest, stop: &AtomicBool, start: Instant) -> Sending {
    let width = number_width(request.count);
    let mut s = Sending::default();
    let mut crc = crc32fast::Hasher::new();
    'messages: for number in 1..=request.count {
        if request.rate > 0 {
            let due =
                start + Duration::from_secs_f64((number - 1) as f64 / f64::from(request.rate));
            while let Some(wait) = due.checked_duration_since(Instant::now()) {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                std::thread::sleep(wait.min(Duration::from_millis(20)));
            }
        }
        if stop.load(Ordering::SeqCst) {
            s.interrupted = true;
            break;
        }
        let message = numbered(number, width, &request.text);
        let began = Instant::now();
        let mut last_progress = began;
        let mut done = 0;
        while done < message.len() {
            let call = Instant::now();
            let result = client.send(&message[done..]);
            let took = call.elapsed();
            s.calls += 1;
            s.in_send += took;
            if took > Duration::from_millis(1) {
                s.calls_waited += 1;
            }
            match result {
                Ok(n) => {
                    crc.update(&message[done..done + n]);
                    done += n;
                    s.bytes += n as u64;
                    last_progress = Instant::now();
                }
                Err(e) if waiting(&e) => {
                    s.calls_timed_out += 1;
                    if last_progress.elapsed() >= request.timeout {
                        s.stalled = true;
                        break 'messages;
                    }
                }
                Err(e) => {
                    s.error = Some(crate::i18n::os::describe(&e).to_string());
                    break 'messages;
                }
            }
        }
        s.longest_message = s.longest_message.max(began.elapsed());
        s.messages += 1;
        s.handed_us.push(micros(start.elapsed()));
    }
    s.sending = start.elapsed();
    s.crc32 = crc.finalize();
    s
}

/// Samples both sockets until told to stop.
fn sample(
    client: &Socket,
    server: &Socket,
    request: &FlowRequest,
    sampling: &AtomicBool,
    read_so_far: &AtomicU64,
    start: Instant,
) -> (Vec<FlowSample>, Duration) {
    let mut every = request.sample_every.max(Duration::from_micros(500));
    let mut samples = Vec::new();
    let mut next = Instant::now();
    while sampling.load(Ordering::SeqCst) {
        samples.push(FlowSample {
            at: start.elapsed(),
            client: FlowInfo::of(client),
            client_queue: sockopt::send_queue_bytes(client).ok(),
            server: FlowInfo::of(server),
            server_unread: sockopt::unread_bytes(server).ok(),
            read: read_so_far.load(Ordering::SeqCst),
        });
        if samples.len() >= SAMPLE_LIMIT {
            let mut i = 0;
            samples.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            every *= 2;
        }
        next += every;
        if let Some(wait) = next.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        } else {
            next = Instant::now();
        }
    }
    (samples, every)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checker_finds_the_first_wrong_byte_and_counts_whole_messages() {
        let mut c = Checker::new(3, b"ab");
        c.feed(b"#0001 ab#00", 5);
        c.feed(b"02 ab", 9);
        let check = c.finish();
        assert_eq!(check.messages_in_order, 2);
        assert_eq!(check.completed_us, vec![5, 9]);
        assert_eq!(check.first_mismatch, None);
        assert_eq!(check.crc32, crc32fast::hash(b"#0001 ab#0002 ab"));

        let mut c = Checker::new(3, b"ab");
        c.feed(b"#0001 ab#0003 ab", 1);
        let check = c.finish();
        assert_eq!(check.messages_in_order, 1);
        assert_eq!(check.first_mismatch, Some(12));
        assert_eq!(check.bytes, 16);
    }

    #[test]
    fn bytes_after_the_last_message_are_a_mismatch() {
        let mut c = Checker::new(1, b"");
        c.feed(b"#0001 x", 1);
        assert_eq!(c.finish().first_mismatch, Some(6));
    }

    #[test]
    fn a_short_tcp_info_is_refused() {
        assert!(FlowInfo::parse(&[0u8; 100]).is_none());
        let mut b = vec![0u8; 236];
        b[228..232].copy_from_slice(&4096u32.to_ne_bytes());
        let info = FlowInfo::parse(&b).unwrap();
        assert_eq!(info.snd_wnd, Some(4096));
        assert_eq!(info.rcv_wnd, Some(0));
        assert_eq!(FlowInfo::parse(&b[..200]).unwrap().snd_wnd, None);
    }
}
