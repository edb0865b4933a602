//! The few socket calls socket2 has no safe API for: IP_MTU_DISCOVER,
//! IP_RECVERR, PACKET_IGNORE_OUTGOING, SO_RCVBUFFORCE and recvfrom with
//! MSG_TRUNC into an initialised buffer. Kept
//! here, alone, so the crate's only `unsafe` is easy to audit.

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
