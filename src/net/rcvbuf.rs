//! A receiving socket's queue made as large as the user asks: SO_RCVBUFFORCE
//! with root (CAP_NET_ADMIN), else SO_RCVBUF, which Linux silently caps at
//! net.core.rmem_max. What the kernel then reports is what the socket has.

use std::net::UdpSocket;

use super::exchange::{Side, SocketCall};
use super::sockopt;
use crate::t;

/// How the receive buffer was set, and what the kernel reports it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiveBuffer {
    pub requested: usize,
    /// SO_RCVBUF as getsockopt() reports it afterwards (Linux doubles the
    /// value it was given, for its bookkeeping).
    pub granted: usize,
    /// SO_RCVBUFFORCE worked (root): net.core.rmem_max did not apply.
    pub forced: bool,
    /// net.core.rmem_max, when the plain SO_RCVBUF was capped by it.
    pub rmem_max: Option<usize>,
    /// The setsockopt() call as it happened.
    pub call: SocketCall,
}

/// net.core.rmem_max: the most SO_RCVBUF gives without privilege.
fn rmem_max() -> Option<usize> {
    std::fs::read_to_string("/proc/sys/net/core/rmem_max")
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Asks for `bytes` of receive buffer on `socket`.
pub fn enlarge(socket: &UdpSocket, bytes: usize) -> std::io::Result<ReceiveBuffer> {
    let sock = socket2::SockRef::from(socket);
    let forced = sockopt::set_receive_buffer_force(socket, bytes).is_ok();
    let rmem_max = if forced {
        None
    } else {
        sock.set_recv_buffer_size(bytes)?;
        rmem_max().filter(|max| *max < bytes)
    };
    let granted = sock.recv_buffer_size()?;
    let option = if forced {
        "SO_RCVBUFFORCE"
    } else {
        "SO_RCVBUF"
    };
    let note = match rmem_max {
        Some(max) => t!(
            "asked for {bytes} bytes; without root (CAP_NET_ADMIN) Linux caps it at net.core.rmem_max = {max}, then doubles it: the queue now holds {granted} bytes (getsockopt SO_RCVBUF)",
            bytes,
            max,
            granted
        ),
        None => t!(
            "the socket's receive queue now holds {granted} bytes of datagrams and kernel bookkeeping (getsockopt SO_RCVBUF; Linux doubles what it is given); when it is full the kernel drops what arrives",
            granted
        ),
    };
    Ok(ReceiveBuffer {
        requested: bytes,
        granted,
        forced,
        rmem_max,
        call: SocketCall {
            side: Side::Receiver,
            call: format!("setsockopt(fd, SOL_SOCKET, {option}, {bytes})"),
            result: "0".into(),
            note,
        },
    })
}

/// Turns on SO_RXQ_OVFL, as a call to show.
pub fn count_drops(socket: &UdpSocket) -> std::io::Result<SocketCall> {
    sockopt::set_rxq_ovfl(socket)?;
    Ok(SocketCall {
        side: Side::Receiver,
        call: "setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, 1)".into(),
        result: "0".into(),
        note: t!("every datagram now comes with the count of datagrams the kernel dropped on this socket so far (its queue was full)").into(),
    })
}

/// Takes, without waiting, the datagrams still queued when the receiver
/// ends, and says how many: closing the socket would discard them
/// silently. Bounded in time and number, so senders that keep sending
/// cannot hold the receiver open.
pub fn discard_queued(socket: &UdpSocket) -> usize {
    const LIMIT: usize = 10_000_000;
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
    let mut byte = [0u8; 1];
    let mut count = 0;
    while count < LIMIT && std::time::Instant::now() < deadline {
        // A 1-byte buffer takes the whole datagram off the queue (UDP).
        match sockopt::recv_from_flags(socket, &mut byte, libc::MSG_DONTWAIT) {
            Ok(_) => count += 1,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    count
}
