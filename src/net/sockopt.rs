//! The one socket option socket2 has no safe call for: IP_MTU_DISCOVER.
//! Kept here, alone, so the crate's only `unsafe` is easy to audit.

use std::io;
use std::os::fd::AsRawFd;

/// Sets IP_MTU_DISCOVER to IP_PMTUDISC_DO: the kernel sets DF and never
/// fragments locally. On an unconnected socket Linux then sends IPv4
/// identification 0, the value our built frame predicts.
pub fn set_pmtudisc_do(socket: &impl AsRawFd) -> io::Result<()> {
    let value: libc::c_int = libc::IP_PMTUDISC_DO;
    // SAFETY: the fd is a live socket owned by `socket`; the pointer and length
    // describe a c_int that outlives the call.
    let rc = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_IP,
            libc::IP_MTU_DISCOVER,
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
