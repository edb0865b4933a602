//! The sockets of `send --count N`: a receiver on 127.0.0.1 with a small
//! SO_RCVBUF and SO_RXQ_OVFL on, a sender that calls sendto() N times with
//! numbered datagrams, and the receiver reading them afterwards (or slowly
//! while they come). On loopback sendto() puts each datagram straight into
//! the receiver's queue or drops it there, so what the queue holds once
//! the sender returns is final: the run is the same every time.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::sockopt;
use crate::error::Error;

/// What the run is asked to do.
#[derive(Debug, Clone, PartialEq)]
pub struct OverflowRequest {
    /// The receiver's port on 127.0.0.1 (0: the OS chooses).
    pub port: u16,
    /// How many numbered datagrams to send.
    pub count: u64,
    /// Datagrams per second; 0 sends as fast as sendto() returns.
    pub rate: u32,
    /// The SO_RCVBUF the receiver asks for, in bytes.
    pub rcvbuf: usize,
    /// `None`: the receiver reads only once the sender has finished.
    /// `Some(pause)`: it reads while the sender sends, pausing after each.
    pub slow_receiver: Option<Duration>,
    /// The text after each datagram's number.
    pub text: Vec<u8>,
    /// How long to wait for the end marker.
    pub timeout: Duration,
}

/// What the sockets and the kernel reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    pub receiver: SocketAddr,
    pub sender: SocketAddr,
    pub rcvbuf_asked: usize,
    /// SO_RCVBUF read back after setting it.
    pub rcvbuf_set: usize,
    /// The numbers sendto() was called with, 1 to `attempted`.
    pub attempted: u64,
    /// The numbers whose sendto() failed (none on loopback).
    pub failed: Vec<u64>,
    /// The first failure, in words.
    pub first_error: Option<String>,
    /// The numbers received, in the order recvmsg() returned them.
    pub arrivals: Vec<u64>,
    /// Datagrams on the port that were not this run's (another sender).
    pub foreign: u64,
    /// SO_RXQ_OVFL as the end marker carried it: every datagram the socket
    /// dropped before the marker was queued. `None`: the marker never came.
    pub drops: Option<u32>,
    /// Bytes of one datagram's payload (number #1's).
    pub datagram_bytes: usize,
    /// From the first sendto() to the last one's return.
    pub sending: Duration,
    /// From the first sendto() until the end marker was read.
    pub total: Duration,
    /// Ctrl-C stopped the sender before `count`.
    pub interrupted: bool,
    pub before: Option<super::snmp::UdpCounters>,
    pub after: Option<super::snmp::UdpCounters>,
}

/// The payload of the end marker sent after the numbered datagrams.
pub const MARKER: &[u8] = b"#end";

/// How many digits the numbers get: at least 4, so `#0001` lines up.
pub fn number_width(count: u64) -> usize {
    count.to_string().len().max(4)
}

/// Datagram `number`'s payload: `#0001 ` and the text.
pub fn numbered(number: u64, width: usize, text: &[u8]) -> Vec<u8> {
    let mut payload = format!("#{number:0width$} ").into_bytes();
    payload.extend_from_slice(text);
    payload
}

/// The number a payload starts with (`#0001 ...` -> 1), if it has one.
pub fn number_of(payload: &[u8]) -> Option<u64> {
    let rest = payload.strip_prefix(b"#")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

fn socket_error(call: &str) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Socket {
        call: call.into(),
        source,
    }
}

/// The receiving socket: bound, its buffer set, SO_RXQ_OVFL on.
fn receiver(port: u16, rcvbuf: usize) -> Result<(UdpSocket, usize), Error> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let socket = UdpSocket::bind(addr).map_err(|e| match e.kind() {
        io::ErrorKind::AddrInUse => Error::PortInUse {
            addr,
            port,
            option: crate::error::PortOption::Port,
            holder: super::holder::udp_port_holder(addr),
        },
        _ => Error::Bind { addr, source: e },
    })?;
    sockopt::set_receive_buffer(&socket, rcvbuf).map_err(socket_error("setsockopt(SO_RCVBUF)"))?;
    let set = sockopt::receive_buffer(&socket).map_err(socket_error("getsockopt(SO_RCVBUF)"))?;
    sockopt::set_rxq_ovfl(&socket).map_err(socket_error("setsockopt(SO_RXQ_OVFL)"))?;
    Ok((socket, set))
}

/// What a reader collected.
#[derive(Default)]
struct Reading {
    arrivals: Vec<u64>,
    foreign: u64,
}

impl Reading {
    /// Reads one datagram; `Ok(false)` when none was waiting (or the wait
    /// ran out, or a signal came).
    fn one(&mut self, socket: &UdpSocket, sender: SocketAddr, flags: i32) -> Result<bool, Error> {
        let mut buf = vec![0u8; 65_536];
        match sockopt::recv_with_drops(socket, &mut buf, flags) {
            Ok((length, from, _)) => {
                let data = &buf[..length.min(buf.len())];
                match number_of(data) {
                    Some(n) if from == sender => self.arrivals.push(n),
                    _ => self.foreign += 1,
                }
                Ok(true)
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                ) =>
            {
                Ok(false)
            }
            Err(e) => Err(socket_error("recvmsg")(e)),
        }
    }

    /// Reads everything queued now, without waiting.
    fn drain(&mut self, socket: &UdpSocket, sender: SocketAddr) -> Result<(), Error> {
        while self.one(socket, sender, libc::MSG_DONTWAIT)? {}
        Ok(())
    }
}

/// Runs it: the receiver, the sender's N sendto() calls, the reading, the
/// end marker and its drop counter, the host's counters around it all.
/// `stop` (Ctrl-C) ends the sending early; what was sent is still read.
pub fn run(request: &OverflowRequest, stop: &AtomicBool) -> Result<Observed, Error> {
    let (socket, rcvbuf_set) = receiver(request.port, request.rcvbuf)?;
    let receiver_addr = socket.local_addr().map_err(socket_error("getsockname"))?;
    let sender = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|source| Error::Bind {
        addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        source,
    })?;
    let sender_addr = sender.local_addr().map_err(socket_error("getsockname"))?;
    let width = number_width(request.count);
    let done = AtomicBool::new(false);
    let before = super::snmp::read();
    let start = Instant::now();
    let (sent, reading) = std::thread::scope(|scope| -> Result<_, Error> {
        let reader = request.slow_receiver.map(|pause| {
            let socket = &socket;
            let done = &done;
            scope.spawn(move || -> Result<Reading, Error> {
                socket
                    .set_read_timeout(Some(Duration::from_millis(20)))
                    .map_err(socket_error("setsockopt(SO_RCVTIMEO)"))?;
                let mut reading = Reading::default();
                // The sender's end is read with `done` first: every
                // datagram it sent is queued or dropped by then.
                while !done.load(Ordering::SeqCst) {
                    if reading.one(socket, sender_addr, 0)? && !pause.is_zero() {
                        std::thread::sleep(pause);
                    }
                }
                while reading.one(socket, sender_addr, libc::MSG_DONTWAIT)? {
                    if !pause.is_zero() {
                        std::thread::sleep(pause);
                    }
                }
                Ok(reading)
            })
        });
        let sent = send_all(request, &sender, receiver_addr, width, stop, start);
        done.store(true, Ordering::SeqCst);
        let reading = match reader {
            Some(handle) => handle.join().unwrap_or_else(|_| {
                Err(socket_error("recvmsg")(io::Error::other(crate::t!(
                    "the receiver's thread stopped unexpectedly"
                ))))
            })?,
            None => {
                let mut reading = Reading::default();
                reading.drain(&socket, sender_addr)?;
                reading
            }
        };
        Ok((sent, reading))
    })?;
    let sending = sent.sending;
    // The counter travels on the next datagram queued: with the queue
    // empty now, the marker gets in and carries every drop before it.
    let mut reading = reading;
    let drops = marker(
        &socket,
        &sender,
        receiver_addr,
        sender_addr,
        request.timeout,
        &mut reading,
    )?;
    let total = start.elapsed();
    let after = super::snmp::read();
    Ok(Observed {
        receiver: receiver_addr,
        sender: sender_addr,
        rcvbuf_asked: request.rcvbuf,
        rcvbuf_set,
        attempted: sent.attempted,
        failed: sent.failed,
        first_error: sent.first_error,
        arrivals: reading.arrivals,
        foreign: reading.foreign,
        drops,
        datagram_bytes: numbered(1, width, &request.text).len(),
        sending,
        total,
        interrupted: sent.interrupted,
        before,
        after,
    })
}

struct Sent {
    attempted: u64,
    failed: Vec<u64>,
    first_error: Option<String>,
    sending: Duration,
    interrupted: bool,
}

/// The sender's loop: sendto() for 1 to N, paced when a rate is given.
fn send_all(
    request: &OverflowRequest,
    sender: &UdpSocket,
    to: SocketAddr,
    width: usize,
    stop: &AtomicBool,
    start: Instant,
) -> Sent {
    let mut sent = Sent {
        attempted: 0,
        failed: Vec::new(),
        first_error: None,
        sending: Duration::ZERO,
        interrupted: false,
    };
    for number in 1..=request.count {
        if request.rate > 0 {
            let due =
                start + Duration::from_secs_f64((number - 1) as f64 / f64::from(request.rate));
            // Short sleeps, so Ctrl-C is seen within a few milliseconds.
            while let Some(wait) = due.checked_duration_since(Instant::now()) {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                std::thread::sleep(wait.min(Duration::from_millis(20)));
            }
        }
        if stop.load(Ordering::SeqCst) {
            sent.interrupted = true;
            break;
        }
        let payload = numbered(number, width, &request.text);
        let result = loop {
            match sender.send_to(&payload, to) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        sent.attempted = number;
        if let Err(e) = result {
            sent.failed.push(number);
            sent.first_error
                .get_or_insert_with(|| crate::i18n::os::describe(&e).to_string());
        }
    }
    sent.sending = start.elapsed();
    sent
}

/// Sends the end marker and reads until it arrives; its SO_RXQ_OVFL value
/// (no control message: 0). `None` when it did not come within `timeout`.
fn marker(
    socket: &UdpSocket,
    sender: &UdpSocket,
    to: SocketAddr,
    sender_addr: SocketAddr,
    timeout: Duration,
    reading: &mut Reading,
) -> Result<Option<u32>, Error> {
    sender
        .send_to(MARKER, to)
        .map_err(socket_error("sendto(end marker)"))?;
    socket
        .set_read_timeout(Some(Duration::from_millis(50)))
        .map_err(socket_error("setsockopt(SO_RCVTIMEO)"))?;
    let deadline = Instant::now() + timeout;
    let mut buf = vec![0u8; 65_536];
    while Instant::now() < deadline {
        match sockopt::recv_with_drops(socket, &mut buf, 0) {
            Ok((length, from, drops))
                if from == sender_addr && buf.get(..length) == Some(MARKER) =>
            {
                return Ok(Some(drops.unwrap_or(0)));
            }
            Ok((length, from, _)) => match number_of(&buf[..length.min(buf.len())]) {
                // A numbered datagram still queued (none should be).
                Some(n) if from == sender_addr => reading.arrivals.push(n),
                _ => reading.foreign += 1,
            },
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(socket_error("recvmsg")(e)),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_go_there_and_back() {
        let payload = numbered(37, number_width(200), b"Hello!!");
        assert_eq!(payload, b"#0037 Hello!!");
        assert_eq!(number_of(&payload), Some(37));
        assert_eq!(
            number_of(&numbered(123_456, number_width(200_000), b"")),
            Some(123_456)
        );
        assert_eq!(number_of(MARKER), None);
        assert_eq!(number_of(b"Hello"), None);
    }
}
