//! The receiving program, for real: bind, then recvfrom with the buffer the
//! user chose. When the buffer is smaller than the datagram, the kernel's
//! MSG_TRUNC tells the real length and a peek shows what was lost.

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

use super::exchange::{Side, SocketCall};
use super::sockopt;
use crate::error::Error;
use crate::t;
use crate::text::quoted_preview as quoted;

/// The largest datagram IPv4 can carry fits this buffer.
const PEEK_BUFFER: usize = 65_536;

/// A bound receiving socket.
pub struct Receiver {
    socket: UdpSocket,
    pub bound: SocketAddr,
    /// socket() and bind(), as they happened.
    pub setup: Vec<SocketCall>,
}

/// One datagram as the receiving program got it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Datagram {
    pub calls: Vec<SocketCall>,
    /// The bytes recvfrom() copied into the program's buffer.
    pub data: Vec<u8>,
    /// The datagram's real length (MSG_TRUNC).
    pub length: usize,
    /// The bytes that did not fit the buffer and are gone.
    pub lost: Vec<u8>,
    pub buffer: usize,
    pub from: SocketAddr,
    pub truncated: bool,
}

/// Binds a UDP socket to `addr`, as `bind(("", 15001))` does in Python.
pub fn bind(addr: SocketAddr, poll: Duration) -> Result<Receiver, Error> {
    let socket = UdpSocket::bind(addr).map_err(|e| match e.kind() {
        io::ErrorKind::AddrInUse => Error::PortInUse {
            addr,
            port: addr.port(),
            option: crate::error::PortOption::Bind,
            holder: super::holder::udp_port_holder(addr),
        },
        _ => Error::Bind { addr, source: e },
    })?;
    socket
        .set_read_timeout(Some(poll))
        .map_err(|source| Error::Socket {
            call: "setsockopt(SO_RCVTIMEO)".into(),
            source,
        })?;
    let bound = socket.local_addr().unwrap_or(addr);
    use std::os::fd::AsRawFd;
    let fd = socket.as_raw_fd();

    let setup = vec![
        SocketCall {
            side: Side::Receiver,
            call: crate::net::exchange::Family::of(&addr).socket_call().into(),
            result: format!("fd {fd}"),
            note: t!("the receiver's socket").into(),
        },
        SocketCall {
            side: Side::Receiver,
            call: format!("bind(fd, {addr})"),
            result: "0".into(),
            note: if addr.ip().is_unspecified() {
                t!(
                    "from now on datagrams for port {port} are queued for this socket (an unspecified address = every address of this host); before this they were dropped",
                    port = bound.port()
                )
            } else {
                t!(
                    "from now on datagrams for port {port} are queued for this socket; before this they were dropped",
                    port = bound.port()
                )
            },
        },
    ];
    Ok(Receiver {
        socket,
        bound,
        setup,
    })
}

impl Receiver {
    /// The bound socket, for the options and calls a caller adds.
    pub fn socket(&self) -> &UdpSocket {
        &self.socket
    }

    /// Waits one poll interval for a datagram; `None` if none came.
    pub fn receive(&self, buffer: usize) -> Result<Option<Datagram>, Error> {
        let mut whole = vec![0u8; PEEK_BUFFER];
        let (length, _) = match self.socket.peek_from(&mut whole) {
            Ok(r) => r,
            // EINTR too: a socket with SO_RCVTIMEO is never restarted after a
            // signal (signal(7)), and Ctrl-C is how a learner ends `recv`;
            // the caller looks at its stop flag and prints the summary.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                ) =>
            {
                return Ok(None)
            }
            Err(source) => {
                return Err(Error::Socket {
                    call: "recvfrom(MSG_PEEK)".into(),
                    source,
                })
            }
        };
        whole.truncate(length);
        let mut buf = vec![0u8; buffer];
        // The peek saw the datagram queued, so this does not block; a signal
        // arriving in between is retried rather than losing the datagram.
        let (real, from) = loop {
            match sockopt::recv_from_flags(&self.socket, &mut buf, libc::MSG_TRUNC) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => {
                    break other.map_err(|source| Error::Socket {
                        call: "recvfrom(MSG_TRUNC)".into(),
                        source,
                    })?
                }
            }
        };
        let copied = real.min(buffer);
        buf.truncate(copied);
        let truncated = real > buffer;
        let lost = whole.get(copied..).map(<[u8]>::to_vec).unwrap_or_default();
        let mut calls = vec![SocketCall {
            side: Side::Receiver,
            call: format!("recvfrom(fd, buf, {PEEK_BUFFER}, MSG_PEEK)"),
            result: t!("{length} (bytes waiting)", length),
            note: t!("stackviz peeks first so it can show what a small buffer loses; the datagram stays queued").into(),
        }];
        calls.push(SocketCall {
            side: Side::Receiver,
            call: format!("recvfrom(fd, buf, {buffer}, MSG_TRUNC)"),
            result: t!(
                "{real} from {from}; {copied} bytes in buf: {data}",
                real,
                from,
                copied,
                data = quoted(&buf)
            ),
            note: if truncated {
                t!(
                    "the buffer holds {buffer} bytes: {lost} bytes of this datagram are lost for good; a plain recvfrom() would return {copied} and say nothing",
                    buffer,
                    lost = real - copied,
                    copied
                )
            } else {
                t!("the whole datagram fitted the buffer").into()
            },
        });
        Ok(Some(Datagram {
            calls,
            data: buf,
            length: real,
            lost,
            buffer,
            from,
            truncated,
        }))
    }
}
