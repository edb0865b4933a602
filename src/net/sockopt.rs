//! The few socket calls socket2 has no safe API for: IP_MTU_DISCOVER,
//! IP_RECVERR, PACKET_IGNORE_OUTGOING, SO_RCVBUFFORCE, SO_MEMINFO,
//! recvmmsg (with its control messages), recvfrom with
//! MSG_TRUNC into an initialised buffer, and TCP's TCP_INFO,
//! TCP_SAVE_SYN/TCP_SAVED_SYN and TCP_TIMESTAMP, SO_RCVBUF read back, and
//! SO_RXQ_OVFL with recvmsg to read its drop counter, SIOCINQ/SIOCOUTQ, and
//! poll for a non-blocking connect(). Kept
//! here, alone, so the socket calls' `unsafe` is easy to audit (lab/ holds
//! the namespace and BPF system calls').

use std::io;
use std::os::fd::AsRawFd;

/// setsockopt(2) with an int value: the one shape both options below need.
fn set_int(
    socket: &impl AsRawFd,
    level: libc::c_int,
    name: libc::c_int,
    value: libc::c_int,
) -> io::Result<()> {
    // SAFETY: the fd is a live socket owned by `socket`; the pointer and length
    // describe a c_int that outlives the call.
    let rc = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            level,
            name,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Sets IP_MTU_DISCOVER to IP_PMTUDISC_DO: the kernel sets DF and never
/// fragments locally. On an unconnected socket Linux then sends IPv4
/// identification 0, the value our built frame predicts.
/// With `v6`, the IPv6 twin: IPV6_MTU_DISCOVER = IPV6_PMTUDISC_DO.
pub fn set_pmtudisc_do(socket: &impl AsRawFd, v6: bool) -> io::Result<()> {
    if v6 {
        set_int(
            socket,
            libc::IPPROTO_IPV6,
            libc::IPV6_MTU_DISCOVER,
            libc::IPV6_PMTUDISC_DO,
        )
    } else {
        set_int(
            socket,
            libc::IPPROTO_IP,
            libc::IP_MTU_DISCOVER,
            libc::IP_PMTUDISC_DO,
        )
    }
}

/// Sets IP_MTU_DISCOVER to IP_PMTUDISC_DONT: the kernel never sets DF
/// (Linux's default, IP_PMTUDISC_WANT, sets it whenever the packet fits).
pub fn set_pmtudisc_dont(socket: &impl AsRawFd) -> io::Result<()> {
    set_int(
        socket,
        libc::IPPROTO_IP,
        libc::IP_MTU_DISCOVER,
        libc::IP_PMTUDISC_DONT,
    )
}

/// Sets IP_RECVERR: an ICMP error about a datagram this socket sent is then
/// reported on its next call (e.g. "connection refused") even though the
/// socket is not connected. With `v6`, IPV6_RECVERR (ICMPv6 errors).
pub fn set_recverr(socket: &impl AsRawFd, v6: bool) -> io::Result<()> {
    if v6 {
        set_int(socket, libc::IPPROTO_IPV6, libc::IPV6_RECVERR, 1)
    } else {
        set_int(socket, libc::IPPROTO_IP, libc::IP_RECVERR, 1)
    }
}

/// Sets PACKET_IGNORE_OUTGOING (Linux 4.20) on a packet socket: the kernel
/// no longer hands it the copy of each frame taken as it leaves. On lo,
/// where every frame leaves and arrives, that halves what is read.
pub fn set_packet_ignore_outgoing(socket: &impl AsRawFd) -> io::Result<()> {
    set_int(socket, libc::SOL_PACKET, libc::PACKET_IGNORE_OUTGOING, 1)
}

/// Sets SO_RCVBUFFORCE: a receive buffer above net.core.rmem_max, allowed
/// with CAP_NET_ADMIN (root). Without it the caller falls back to SO_RCVBUF.
pub fn set_receive_buffer_force(socket: &impl AsRawFd, bytes: usize) -> io::Result<()> {
    let bytes = libc::c_int::try_from(bytes).unwrap_or(libc::c_int::MAX);
    set_int(socket, libc::SOL_SOCKET, libc::SO_RCVBUFFORCE, bytes)
}

/// recvfrom(2) with `flags` into `buf`. With MSG_TRUNC Linux returns the
/// datagram's real length even when `buf` was smaller; only
/// `min(returned, buf.len())` bytes were copied.
pub fn recv_from_flags(
    socket: &impl AsRawFd,
    buf: &mut [u8],
    flags: libc::c_int,
) -> io::Result<(usize, std::net::SocketAddr)> {
    let mut storage: libc::sockaddr_storage = unsafe_zeroed_storage();
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: `buf` is a valid, initialised, writable slice of the given
    // length; `storage` and `len` describe a sockaddr_storage we own.
    let n = unsafe {
        libc::recvfrom(
            socket.as_raw_fd(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            flags,
            (&mut storage as *mut libc::sockaddr_storage).cast(),
            &mut len,
        )
    };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok((n as usize, sockaddr_to_std(&storage)?))
}

fn unsafe_zeroed_storage() -> libc::sockaddr_storage {
    // SAFETY: sockaddr_storage is plain old data; all-zero is a valid value.
    unsafe { std::mem::zeroed() }
}

/// The IPv4 or IPv6 address in a sockaddr_storage filled by the kernel.
fn sockaddr_to_std(storage: &libc::sockaddr_storage) -> io::Result<std::net::SocketAddr> {
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
    match libc::c_int::from(storage.ss_family) {
        libc::AF_INET => {
            // SAFETY: ss_family says the storage holds a sockaddr_in, and
            // sockaddr_storage is large and aligned enough for it.
            let sin =
                unsafe { &*(storage as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            Ok(SocketAddrV4::new(ip, u16::from_be(sin.sin_port)).into())
        }
        libc::AF_INET6 => {
            // SAFETY: as above, for sockaddr_in6.
            let sin6 = unsafe {
                &*(storage as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>()
            };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            Ok(SocketAddrV6::new(
                ip,
                u16::from_be(sin6.sin6_port),
                sin6.sin6_flowinfo,
                sin6.sin6_scope_id,
            )
            .into())
        }
        family => Err(io::Error::other(crate::t!(
            "unexpected address family {family}",
            family
        ))),
    }
}

/// TCP_SAVE_SYN and TCP_SAVED_SYN (linux/tcp.h; libc does not name them).
const TCP_SAVE_SYN: libc::c_int = 27;
const TCP_SAVED_SYN: libc::c_int = 28;
/// TCP_TIMESTAMP: the socket's timestamp clock (its next TSval).
const TCP_TIMESTAMP: libc::c_int = 24;

/// getsockopt(2) into `buf`; returns how many bytes the kernel wrote.
fn get_bytes(
    socket: &impl AsRawFd,
    level: libc::c_int,
    name: libc::c_int,
    buf: &mut [u8],
) -> io::Result<usize> {
    let mut len = libc::socklen_t::try_from(buf.len()).unwrap_or(libc::socklen_t::MAX);
    // SAFETY: the fd is a live socket; `buf` is writable for `len` bytes and
    // the kernel writes at most `len`, reporting how many in `len`.
    let rc = unsafe {
        libc::getsockopt(
            socket.as_raw_fd(),
            level,
            name,
            buf.as_mut_ptr().cast(),
            &mut len,
        )
    };
    if rc == 0 {
        Ok((len as usize).min(buf.len()))
    } else {
        Err(io::Error::last_os_error())
    }
}

/// The raw `struct tcp_info` (TCP_INFO) of a TCP socket, as long as this
/// kernel makes it (older kernels return fewer fields; the parser in
/// `net::tcp_info` reads only what is there).
pub fn tcp_info(socket: &impl AsRawFd) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; 512];
    let n = get_bytes(socket, libc::IPPROTO_TCP, libc::TCP_INFO, &mut buf)?;
    buf.truncate(n);
    Ok(buf)
}

/// Asks a listening socket to keep each client's SYN (network and TCP
/// headers) for the accepted socket to hand over once (TCP_SAVE_SYN, Linux
/// 4.2). No capability is needed.
pub fn set_tcp_save_syn(socket: &impl AsRawFd) -> io::Result<()> {
    set_int(socket, libc::IPPROTO_TCP, TCP_SAVE_SYN, 1)
}

/// The client's SYN as it arrived (IP header, then TCP header with its
/// options), from an accepted socket whose listener set TCP_SAVE_SYN.
/// The kernel hands it over once.
pub fn tcp_saved_syn(socket: &impl AsRawFd) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; 512];
    let n = get_bytes(socket, libc::IPPROTO_TCP, TCP_SAVED_SYN, &mut buf)?;
    buf.truncate(n);
    Ok(buf)
}

/// The socket's TCP timestamp clock: the TSval its next segment carries
/// (the millisecond clock plus the connection's offset).
pub fn tcp_timestamp(socket: &impl AsRawFd) -> io::Result<u32> {
    let mut buf = [0u8; 4];
    get_bytes(socket, libc::IPPROTO_TCP, TCP_TIMESTAMP, &mut buf)?;
    Ok(u32::from_ne_bytes(buf))
}

/// Sets TCP_MAXSEG: the largest segment this socket sends, and (set on a
/// listener before a connection arrives) the MSS it advertises.
pub fn set_tcp_maxseg(socket: &impl AsRawFd, bytes: u16) -> io::Result<()> {
    set_int(
        socket,
        libc::IPPROTO_TCP,
        libc::TCP_MAXSEG,
        libc::c_int::from(bytes),
    )
}

/// TCP_MAXSEG as the kernel reports it: the MSS this socket sends with.
pub fn tcp_maxseg(socket: &impl AsRawFd) -> io::Result<u32> {
    let mut buf = [0u8; 4];
    get_bytes(socket, libc::IPPROTO_TCP, libc::TCP_MAXSEG, &mut buf)?;
    Ok(u32::from_ne_bytes(buf))
}

/// Sets TCP_SYNCNT: how many SYN retries connect() makes before it gives up.
pub fn set_tcp_syncnt(socket: &impl AsRawFd, count: u8) -> io::Result<()> {
    set_int(
        socket,
        libc::IPPROTO_TCP,
        libc::TCP_SYNCNT,
        libc::c_int::from(count),
    )
}

/// Sets SO_RCVBUF: the receive buffer this program asks for. Linux doubles
/// the value (for its bookkeeping), caps it at net.core.rmem_max and
/// raises it to a minimum; `receive_buffer` reads back what it set.
pub fn set_receive_buffer(socket: &impl AsRawFd, bytes: usize) -> io::Result<()> {
    let bytes = libc::c_int::try_from(bytes).unwrap_or(libc::c_int::MAX);
    set_int(socket, libc::SOL_SOCKET, libc::SO_RCVBUF, bytes)
}

/// SO_RCVBUF as the kernel set it: the bytes of queued datagrams (each
/// counted with its bookkeeping) the socket holds before it drops.
pub fn receive_buffer(socket: &impl AsRawFd) -> io::Result<usize> {
    let mut buf = [0u8; 4];
    get_bytes(socket, libc::SOL_SOCKET, libc::SO_RCVBUF, &mut buf)?;
    Ok(usize::try_from(libc::c_int::from_ne_bytes(buf)).unwrap_or(0))
}

/// Sets SO_RXQ_OVFL (Linux 2.6.33): each datagram received afterwards
/// carries a control message with the socket's drop counter as it was
/// when that datagram was queued.
pub fn set_rxq_ovfl(socket: &impl AsRawFd) -> io::Result<()> {
    set_int(socket, libc::SOL_SOCKET, libc::SO_RXQ_OVFL, 1)
}

/// One datagram read with recvmsg(2): its length (MSG_TRUNC: the real
/// length even when `buf` was smaller), its source, and the SO_RXQ_OVFL
/// drop counter it carried (`None`: no such control message, which the
/// kernel leaves out while the counter is 0).
pub fn recv_with_drops(
    socket: &impl AsRawFd,
    buf: &mut [u8],
    flags: libc::c_int,
) -> io::Result<(usize, std::net::SocketAddr, Option<u32>)> {
    let mut storage: libc::sockaddr_storage = unsafe_zeroed_storage();
    // u64 words: a control buffer aligned for cmsghdr, room for several.
    let mut control = [0u64; 16];
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    // SAFETY: msghdr is plain old data; all-zero is a valid value.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_name = (&mut storage as *mut libc::sockaddr_storage).cast();
    msg.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.as_mut_ptr().cast();
    msg.msg_controllen = std::mem::size_of_val(&control) as _;
    // SAFETY: every pointer in `msg` points at a live buffer of the length
    // given beside it (`buf`, `storage`, `control`), all outliving the call.
    let n = unsafe { libc::recvmsg(socket.as_raw_fd(), &mut msg, flags | libc::MSG_TRUNC) };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    let drops = overflow_count(&msg);
    Ok((n as usize, sockaddr_to_std(&storage)?)).map(|(n, from)| (n, from, drops))
}

/// What SO_MEMINFO (Linux 4.6) says of a socket right now: the bytes its
/// receive queue holds (kernel memory, headers and bookkeeping included)
/// and how many datagrams the kernel dropped on it (the counter SO_RXQ_OVFL
/// reports, read at once rather than with the next datagram).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemInfo {
    pub queued_bytes: u32,
    pub drops: u32,
}

pub fn meminfo(socket: &impl AsRawFd) -> io::Result<MemInfo> {
    let mut buf = [0u8; 4 * 16];
    let n = get_bytes(socket, libc::SOL_SOCKET, libc::SO_MEMINFO, &mut buf)?;
    let at = |i: libc::c_int| -> Option<u32> {
        let i = usize::try_from(i).ok()? * 4;
        let bytes = buf.get(i..i + 4).filter(|_| i + 4 <= n)?;
        Some(u32::from_ne_bytes(bytes.try_into().ok()?))
    };
    match (at(libc::SK_MEMINFO_RMEM_ALLOC), at(libc::SK_MEMINFO_DROPS)) {
        (Some(queued_bytes), Some(drops)) => Ok(MemInfo {
            queued_bytes,
            drops,
        }),
        _ => Err(io::Error::from(io::ErrorKind::Unsupported)),
    }
}

/// One datagram of a [`RecvBatch`].
#[derive(Debug, Clone, Copy)]
pub struct Batched<'a> {
    /// The bytes copied into this datagram's buffer.
    pub data: &'a [u8],
    /// The datagram's real length (MSG_TRUNC).
    pub length: usize,
    pub from: Option<std::net::SocketAddr>,
    /// The SO_RXQ_OVFL count it came with: drops on this socket so far
    /// (absent until the first drop).
    pub drops: Option<u32>,
}

/// Room for one SO_RXQ_OVFL control message (a u32), 8-byte aligned.
type Control = [u64; 8];

/// Buffers for recvmmsg(2): up to `count` datagrams per call, each into a
/// buffer of `size` bytes, allocated once and reused for every call.
pub struct RecvBatch {
    data: Vec<u8>,
    size: usize,
    names: Vec<libc::sockaddr_storage>,
    control: Vec<Control>,
    iov: Vec<libc::iovec>,
    headers: Vec<libc::mmsghdr>,
    filled: usize,
}

impl RecvBatch {
    pub fn new(count: usize, size: usize) -> Self {
        let count = count.max(1);
        let size = size.max(1);
        RecvBatch {
            data: vec![0; count * size],
            size,
            names: vec![unsafe_zeroed_storage(); count],
            control: vec![[0; 8]; count],
            iov: Vec::with_capacity(count),
            headers: Vec::with_capacity(count),
            filled: 0,
        }
    }

    /// One recvmmsg(MSG_WAITFORONE | MSG_TRUNC): waits (SO_RCVTIMEO bounds
    /// it) for the first datagram, then takes whatever else is queued
    /// without waiting, `max` at most. Returns how many datagrams it took.
    pub fn receive(&mut self, socket: &impl AsRawFd, max: usize) -> io::Result<usize> {
        self.filled = 0;
        self.iov.clear();
        self.headers.clear();
        for chunk in self.data.chunks_exact_mut(self.size) {
            self.iov.push(libc::iovec {
                iov_base: chunk.as_mut_ptr().cast(),
                iov_len: chunk.len(),
            });
        }
        for ((iov, name), control) in self
            .iov
            .iter_mut()
            .zip(self.names.iter_mut())
            .zip(self.control.iter_mut())
        {
            // SAFETY: msghdr is plain old data; all-zero is a valid value.
            let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
            msg.msg_name = (name as *mut libc::sockaddr_storage).cast();
            msg.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            msg.msg_iov = iov;
            msg.msg_iovlen = 1;
            msg.msg_control = control.as_mut_ptr().cast();
            msg.msg_controllen = std::mem::size_of::<Control>() as _;
            self.headers.push(libc::mmsghdr {
                msg_hdr: msg,
                msg_len: 0,
            });
        }
        let vlen =
            libc::c_uint::try_from(self.headers.len().min(max.max(1))).unwrap_or(libc::c_uint::MAX);
        // SAFETY: every header points into buffers this struct owns (the
        // data chunks, names and control blocks), alive and unmoved for the
        // call; the kernel writes at most the lengths each header gives.
        let n = unsafe {
            libc::recvmmsg(
                socket.as_raw_fd(),
                self.headers.as_mut_ptr(),
                vlen,
                libc::MSG_WAITFORONE | libc::MSG_TRUNC,
                std::ptr::null_mut(),
            )
        };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        self.filled = (n as usize).min(self.headers.len());
        Ok(self.filled)
    }

    /// The `i`th datagram of the last call.
    pub fn get(&self, i: usize) -> Option<Batched<'_>> {
        if i >= self.filled {
            return None;
        }
        let header = self.headers.get(i)?;
        let length = header.msg_len as usize;
        let start = i * self.size;
        let data = self.data.get(start..start + length.min(self.size))?;
        let from = sockaddr_to_std(self.names.get(i)?).ok();
        Some(Batched {
            data,
            length,
            from,
            drops: overflow_count(&header.msg_hdr),
        })
    }
}

/// The SO_RXQ_OVFL count among a received message's control messages.
fn overflow_count(msg: &libc::msghdr) -> Option<u32> {
    // SAFETY: `msg` was filled by recvmmsg: msg_control points at our
    // control block and msg_controllen says how much of it the kernel wrote,
    // which is what CMSG_FIRSTHDR and CMSG_NXTHDR walk.
    unsafe {
        let mut cmsg = libc::CMSG_FIRSTHDR(msg);
        while !cmsg.is_null() {
            if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SO_RXQ_OVFL {
                return Some(std::ptr::read_unaligned(
                    libc::CMSG_DATA(cmsg).cast::<u32>(),
                ));
            }
            cmsg = libc::CMSG_NXTHDR(msg, cmsg);
        }
    }
    None
}

/// ioctl(2) with an int result: SIOCINQ (bytes a TCP socket holds that the
/// program has not read) or SIOCOUTQ (bytes in its send queue, sent and not
/// yet acknowledged plus not yet sent).
fn ioctl_int(socket: &impl AsRawFd, request: libc::Ioctl) -> io::Result<u32> {
    let mut value: libc::c_int = 0;
    // SAFETY: the fd is a live socket; both requests write one c_int to the
    // pointer, which is valid for the call.
    let rc = unsafe { libc::ioctl(socket.as_raw_fd(), request, &mut value as *mut libc::c_int) };
    if rc == 0 {
        Ok(u32::try_from(value).unwrap_or(0))
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Bytes queued on a TCP socket that the program has not read (SIOCINQ).
pub fn unread_bytes(socket: &impl AsRawFd) -> io::Result<u32> {
    ioctl_int(socket, libc::FIONREAD)
}

/// Bytes in a TCP socket's send queue: sent but not yet acknowledged, and
/// not yet sent (SIOCOUTQ, the same number as TIOCOUTQ).
pub fn send_queue_bytes(socket: &impl AsRawFd) -> io::Result<u32> {
    ioctl_int(socket, libc::TIOCOUTQ)
}

/// poll(2) for POLLOUT on one socket, at most `wait`: true when it became
/// writable (or reported an error: the caller reads it with SO_ERROR),
/// false when the time ran out. A non-blocking connect() answers this way.
pub fn poll_writable(socket: &impl AsRawFd, wait: std::time::Duration) -> io::Result<bool> {
    let mut pfd = libc::pollfd {
        fd: socket.as_raw_fd(),
        events: libc::POLLOUT,
        revents: 0,
    };
    let ms = libc::c_int::try_from(wait.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
    // SAFETY: one pollfd we own, for a live descriptor, for the call.
    let n = unsafe { libc::poll(&mut pfd, 1, ms) };
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::UdpSocket;
    use std::time::Duration;

    fn pair() -> (UdpSocket, UdpSocket) {
        let receiver = UdpSocket::bind("127.0.0.1:0").unwrap();
        receiver
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        (receiver, UdpSocket::bind("127.0.0.1:0").unwrap())
    }

    #[test]
    fn a_batch_takes_at_most_max_in_order_with_real_lengths() {
        let (receiver, sender) = pair();
        let to = receiver.local_addr().unwrap();
        for word in ["one", "two", "three", "a much longer datagram", "five"] {
            sender.send_to(word.as_bytes(), to).unwrap();
        }
        let mut batch = RecvBatch::new(8, 8);
        assert_eq!(batch.receive(&receiver, 2).unwrap(), 2);
        let first = batch.get(0).unwrap();
        assert_eq!((first.data, first.length), (&b"one"[..], 3));
        assert_eq!(first.from, Some(sender.local_addr().unwrap()));
        assert_eq!(first.drops, None, "nothing dropped: no control message");
        assert_eq!(batch.get(1).unwrap().data, b"two");
        assert!(batch.get(2).is_none(), "only what this call took");
        // The rest is still queued, in order; MSG_TRUNC gives the real length.
        assert_eq!(batch.receive(&receiver, 8).unwrap(), 3);
        let long = batch.get(1).unwrap();
        assert_eq!((long.data, long.length), (&b"a much l"[..], 22));
        assert_eq!(batch.get(2).unwrap().data, b"five");
    }

    #[test]
    fn the_kernels_drop_count_comes_with_the_next_datagram_and_from_meminfo() {
        let (receiver, sender) = pair();
        let to = receiver.local_addr().unwrap();
        set_rxq_ovfl(&receiver).unwrap();
        // The smallest queue Linux allows holds a few datagrams only.
        socket2::SockRef::from(&receiver)
            .set_recv_buffer_size(1)
            .unwrap();
        for _ in 0..200 {
            sender.send_to(b"burst", to).unwrap();
        }
        let dropped = meminfo(&receiver).unwrap().drops;
        assert!(dropped > 0, "a tiny queue overflows");
        let mut batch = RecvBatch::new(256, 16);
        let mut taken = 0;
        while taken < 200 - dropped as usize {
            taken += batch.receive(&receiver, 256).unwrap();
        }
        assert_eq!(taken + dropped as usize, 200);
        sender.send_to(b"after", to).unwrap();
        assert_eq!(batch.receive(&receiver, 256).unwrap(), 1);
        let after = batch.get(0).unwrap();
        assert_eq!(after.data, b"after");
        assert_eq!(after.drops, Some(dropped), "SO_RXQ_OVFL: drops so far");
        assert_eq!(meminfo(&receiver).unwrap().queued_bytes, 0, "queue empty");
    }
}
