//! What the kernel says about a TCP socket without any privilege: its state
//! and counters from TCP_INFO (`struct tcp_info`, read field by field at the
//! offsets of linux/tcp.h, only as far as this kernel filled it), the
//! kernel's TIME_WAIT entries from /proc/net/tcp, and the sysctls that
//! decide the SYN's options.

use std::net::{IpAddr, SocketAddr};
use std::os::fd::AsRawFd;

use super::sockopt;

/// A TCP state, as `include/net/tcp_states.h` numbers them and RFC 9293
/// names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpState {
    Established,
    SynSent,
    SynReceived,
    FinWait1,
    FinWait2,
    TimeWait,
    Closed,
    CloseWait,
    LastAck,
    Listen,
    Closing,
    /// Any number this table does not know (kept, never guessed).
    Other(u8),
}

impl TcpState {
    pub fn from_kernel(number: u8) -> TcpState {
        match number {
            1 => TcpState::Established,
            2 => TcpState::SynSent,
            3 | 12 => TcpState::SynReceived,
            4 => TcpState::FinWait1,
            5 => TcpState::FinWait2,
            6 => TcpState::TimeWait,
            7 => TcpState::Closed,
            8 => TcpState::CloseWait,
            9 => TcpState::LastAck,
            10 => TcpState::Listen,
            11 => TcpState::Closing,
            n => TcpState::Other(n),
        }
    }
    /// The name netstat, ss and the textbooks print.
    pub fn name(self) -> String {
        match self {
            TcpState::Established => "ESTABLISHED".into(),
            TcpState::SynSent => "SYN_SENT".into(),
            TcpState::SynReceived => "SYN_RECEIVED".into(),
            TcpState::FinWait1 => "FIN_WAIT_1".into(),
            TcpState::FinWait2 => "FIN_WAIT_2".into(),
            TcpState::TimeWait => "TIME_WAIT".into(),
            TcpState::Closed => "CLOSED".into(),
            TcpState::CloseWait => "CLOSE_WAIT".into(),
            TcpState::LastAck => "LAST_ACK".into(),
            TcpState::Listen => "LISTEN".into(),
            TcpState::Closing => "CLOSING".into(),
            TcpState::Other(n) => format!("state {n}"),
        }
    }
}

/// The TCP_INFO fields stackviz shows. Fields a kernel did not fill (its
/// struct is shorter) are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpInfo {
    pub state: TcpState,
    /// TCPI_OPT_* bits: 1 timestamps, 2 SACK, 4 window scaling, 8 ECN.
    pub options: u8,
    /// The scale the peer applies to the windows it sends (its SYN's).
    pub snd_wscale: u8,
    /// The scale this end applies to the windows it sends.
    pub rcv_wscale: u8,
    pub rto_us: u32,
    pub snd_mss: u32,
    pub rcv_mss: u32,
    pub unacked: u32,
    pub retransmits_total: u32,
    pub rtt_us: u32,
    pub advmss: u32,
    pub rcv_space: u32,
    pub bytes_acked: Option<u64>,
    pub bytes_received: Option<u64>,
    pub segs_out: Option<u32>,
    pub segs_in: Option<u32>,
    pub data_segs_in: Option<u32>,
    pub data_segs_out: Option<u32>,
    /// The peer's last advertised window, scaled (Linux 5.4+... when filled).
    pub snd_wnd: Option<u32>,
    /// The window this end last advertised, scaled (Linux 6.2+).
    pub rcv_wnd: Option<u32>,
    /// tcpi_probes: unanswered zero-window probes (or keepalives).
    pub probes: u8,
    /// tcpi_notsent_bytes: bytes in the send buffer not sent yet.
    pub notsent: Option<u32>,
    /// tcpi_busy_time, tcpi_rwnd_limited, tcpi_sndbuf_limited (µs).
    pub busy_us: Option<u64>,
    pub rwnd_limited_us: Option<u64>,
    pub sndbuf_limited_us: Option<u64>,
    pub bytes_sent: Option<u64>,
    /// tcpi_dsack_dups: segments the peer reported it already had (D-SACK).
    pub dsack_dups: Option<u32>,
}

/// TCPI_OPT_* bits.
pub const OPT_TIMESTAMPS: u8 = 1;
pub const OPT_SACK: u8 = 2;
pub const OPT_WSCALE: u8 = 4;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    bytes.get(at..at + 8).map(|b| {
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        u64::from_ne_bytes(a)
    })
}

impl TcpInfo {
    /// Reads `struct tcp_info` as the kernel returned it; `None` when even
    /// the fixed head (104 bytes, every kernel since 2.6) is missing.
    pub fn parse(bytes: &[u8]) -> Option<TcpInfo> {
        if bytes.len() < 104 {
            return None;
        }
        let scales = bytes[6];
        Some(TcpInfo {
            state: TcpState::from_kernel(bytes[0]),
            options: bytes[5],
            snd_wscale: scales & 0x0f,
            rcv_wscale: scales >> 4,
            rto_us: u32_at(bytes, 8)?,
            snd_mss: u32_at(bytes, 16)?,
            rcv_mss: u32_at(bytes, 20)?,
            unacked: u32_at(bytes, 24)?,
            rtt_us: u32_at(bytes, 68)?,
            advmss: u32_at(bytes, 84)?,
            rcv_space: u32_at(bytes, 96)?,
            retransmits_total: u32_at(bytes, 100)?,
            bytes_acked: u64_at(bytes, 120),
            bytes_received: u64_at(bytes, 128),
            segs_out: u32_at(bytes, 136),
            segs_in: u32_at(bytes, 140),
            data_segs_in: u32_at(bytes, 152),
            data_segs_out: u32_at(bytes, 156),
            snd_wnd: u32_at(bytes, 228),
            rcv_wnd: u32_at(bytes, 232),
            probes: bytes[3],
            notsent: u32_at(bytes, 144),
            busy_us: u64_at(bytes, 168),
            rwnd_limited_us: u64_at(bytes, 176),
            sndbuf_limited_us: u64_at(bytes, 184),
            bytes_sent: u64_at(bytes, 200),
            dsack_dups: u32_at(bytes, 216),
        })
    }
    /// TCP_INFO of `socket`, when the kernel gives it.
    pub fn of(socket: &impl AsRawFd) -> Option<TcpInfo> {
        sockopt::tcp_info(socket)
            .ok()
            .and_then(|b| TcpInfo::parse(&b))
    }
}

/// An entry of the kernel's TCP table (/proc/net/tcp or tcp6) for one
/// connection: its state and, for TIME_WAIT, how long it has left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableEntry {
    pub state: TcpState,
    /// Milliseconds until the entry's timer fires (TIME_WAIT: until it goes).
    pub timer_ms: Option<u64>,
}

/// Looks up the connection `local` -> `remote` in the kernel's TCP table:
/// a socket closed by its program lives on there (TIME_WAIT, LAST_ACK)
/// after its descriptor is gone. No privilege is needed. Asked by its four
/// numbers over sock_diag (what `ss` uses: microseconds), else read from
/// /proc/net/tcp (which walks the whole table: milliseconds).
pub fn table_entry(local: SocketAddr, remote: SocketAddr) -> Option<TableEntry> {
    match diag_entry(local, remote) {
        Ok(found) => found,
        Err(_) => proc_entry(local, remote),
    }
}

/// SOCK_DIAG_BY_FAMILY (linux/sock_diag.h).
const SOCK_DIAG_BY_FAMILY: u16 = 20;
/// NLMSG_ERROR (linux/netlink.h).
const NLMSG_ERROR: u16 = 2;

/// One exact lookup over NETLINK_SOCK_DIAG: an `inet_diag_req_v2` for the
/// socket with these four numbers (no cookie), answered by one
/// `inet_diag_msg` (state, timer, expires in ms) or ENOENT when the kernel
/// holds no such connection any more. Written by hand: no crate in the tree
/// speaks sock_diag, and the request is 72 fixed bytes.
fn diag_entry(local: SocketAddr, remote: SocketAddr) -> std::io::Result<Option<TableEntry>> {
    use netlink_sys::{protocols::NETLINK_SOCK_DIAG, Socket, SocketAddr as NlAddr};
    let family = if local.is_ipv4() {
        libc::AF_INET
    } else {
        libc::AF_INET6
    } as u8;
    let words = |addr: IpAddr| -> [u8; 16] {
        match addr {
            IpAddr::V4(v4) => {
                let mut w = [0u8; 16];
                w[..4].copy_from_slice(&v4.octets());
                w
            }
            IpAddr::V6(v6) => v6.octets(),
        }
    };
    let mut request = Vec::with_capacity(72);
    request.extend_from_slice(&72u32.to_ne_bytes()); // nlmsg_len
    request.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    request.extend_from_slice(&(libc::NLM_F_REQUEST as u16).to_ne_bytes());
    request.extend_from_slice(&1u32.to_ne_bytes()); // sequence
    request.extend_from_slice(&0u32.to_ne_bytes()); // port id: the kernel fills it
    request.extend_from_slice(&[family, libc::IPPROTO_TCP as u8, 0, 0]);
    request.extend_from_slice(&u32::MAX.to_ne_bytes()); // every state
    request.extend_from_slice(&local.port().to_be_bytes());
    request.extend_from_slice(&remote.port().to_be_bytes());
    request.extend_from_slice(&words(local.ip()));
    request.extend_from_slice(&words(remote.ip()));
    request.extend_from_slice(&0u32.to_ne_bytes()); // any interface
    request.extend_from_slice(&[0xff; 8]); // INET_DIAG_NOCOOKIE
    let mut socket = Socket::new(NETLINK_SOCK_DIAG)?;
    socket.bind_auto()?;
    socket.connect(&NlAddr::new(0, 0))?;
    socket.send(&request, 0)?;
    let mut reply = vec![0u8; 4096];
    let size = socket.recv(&mut &mut reply[..], 0)?;
    let reply = reply.get(..size).unwrap_or_default();
    let kind = reply
        .get(4..6)
        .map(|b| u16::from_ne_bytes([b[0], b[1]]))
        .ok_or_else(|| std::io::Error::other("short sock_diag reply"))?;
    if kind == NLMSG_ERROR {
        let errno = reply
            .get(16..20)
            .map(|b| i32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
            .unwrap_or(0);
        return if -errno == libc::ENOENT {
            Ok(None)
        } else {
            Err(std::io::Error::from_raw_os_error(-errno))
        };
    }
    if kind != SOCK_DIAG_BY_FAMILY {
        return Err(std::io::Error::other("unexpected sock_diag reply"));
    }
    let message = reply
        .get(16..)
        .ok_or_else(|| std::io::Error::other("short sock_diag reply"))?;
    let state = *message.get(1).unwrap_or(&0);
    let timer = *message.get(2).unwrap_or(&0);
    let expires = u32_at(message, 52).unwrap_or(0);
    Ok(Some(TableEntry {
        state: TcpState::from_kernel(state),
        timer_ms: (timer != 0).then_some(u64::from(expires)),
    }))
}

/// The same lookup in /proc/net/tcp (or tcp6).
fn proc_entry(local: SocketAddr, remote: SocketAddr) -> Option<TableEntry> {
    let path = if local.is_ipv4() {
        "/proc/net/tcp"
    } else {
        "/proc/net/tcp6"
    };
    let text = std::fs::read_to_string(path).ok()?;
    let want_local = proc_address(local);
    let want_remote = proc_address(remote);
    text.lines().skip(1).find_map(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 6 || cols[1] != want_local || cols[2] != want_remote {
            return None;
        }
        let state = u8::from_str_radix(cols[3], 16).ok()?;
        // "tr:tm->when": timer kind, then jiffies left (in USER_HZ, 100/s).
        let (kind, when) = cols[5].split_once(':')?;
        let timer_ms = (kind != "00")
            .then(|| u64::from_str_radix(when, 16).ok().map(|t| t * 10))
            .flatten();
        Some(TableEntry {
            state: TcpState::from_kernel(state),
            timer_ms,
        })
    })
}

/// An address as /proc/net/tcp writes it: the address's 32-bit words in
/// host order, in hex, then the port.
fn proc_address(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) => format!("{:08X}", u32::from_ne_bytes(v4.octets())),
        IpAddr::V6(v6) => v6
            .octets()
            .chunks(4)
            .map(|w| format!("{:08X}", u32::from_ne_bytes([w[0], w[1], w[2], w[3]])))
            .collect(),
    };
    format!("{ip}:{:04X}", addr.port())
}

/// The sysctls that decide a SYN's options and the windows, each as read
/// (`None` when the file could not be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TcpSysctls {
    pub timestamps: Option<String>,
    pub sack: Option<String>,
    pub window_scaling: Option<String>,
    pub ecn: Option<String>,
    pub rmem: Option<String>,
    pub syn_retries: Option<String>,
    /// net.core.rmem_max.
    pub rmem_max: Option<String>,
}

impl TcpSysctls {
    pub fn read() -> TcpSysctls {
        let read = |name: &str| {
            std::fs::read_to_string(format!("/proc/sys/net/ipv4/{name}"))
                .ok()
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        TcpSysctls {
            timestamps: read("tcp_timestamps"),
            sack: read("tcp_sack"),
            window_scaling: read("tcp_window_scaling"),
            ecn: read("tcp_ecn"),
            rmem: read("tcp_rmem"),
            syn_retries: read("tcp_syn_retries"),
            rmem_max: std::fs::read_to_string("/proc/sys/net/core/rmem_max")
                .ok()
                .map(|s| s.trim().to_string()),
        }
    }
    /// The largest receive buffer a socket may get: tcp_rmem's maximum or
    /// rmem_max, whichever is larger (what the window scale must cover).
    pub fn largest_receive_buffer(&self) -> Option<u64> {
        let rmem = self
            .rmem
            .as_deref()
            .and_then(|r| r.split_whitespace().nth(2))
            .and_then(|v| v.parse::<u64>().ok());
        let max = self.rmem_max.as_deref().and_then(|v| v.parse::<u64>().ok());
        rmem.max(max)
    }
    /// Each sysctl's name with its value, in a fixed order.
    pub fn entries(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![
            ("net.ipv4.tcp_timestamps", self.timestamps.as_deref()),
            ("net.ipv4.tcp_sack", self.sack.as_deref()),
            (
                "net.ipv4.tcp_window_scaling",
                self.window_scaling.as_deref(),
            ),
            ("net.ipv4.tcp_ecn", self.ecn.as_deref()),
            ("net.ipv4.tcp_rmem", self.rmem.as_deref()),
            ("net.ipv4.tcp_syn_retries", self.syn_retries.as_deref()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_struct_is_refused_and_a_head_only_one_leaves_later_fields_out() {
        assert!(TcpInfo::parse(&[0u8; 103]).is_none());
        let mut head = vec![0u8; 104];
        head[0] = 10; // LISTEN
        head[6] = 0xa7; // rcv_wscale 10, snd_wscale 7
        head[16..20].copy_from_slice(&536u32.to_ne_bytes());
        let info = TcpInfo::parse(&head).unwrap();
        assert_eq!(info.state, TcpState::Listen);
        assert_eq!((info.snd_wscale, info.rcv_wscale), (7, 10));
        assert_eq!(info.snd_mss, 536);
        assert_eq!(info.segs_out, None);
    }

    #[test]
    fn proc_addresses_are_written_as_the_kernel_writes_them() {
        // /proc/net/tcp shows 127.0.0.1:15001 as 0100007F:3A99 on little endian.
        let addr: SocketAddr = "127.0.0.1:15001".parse().unwrap();
        let expected = if cfg!(target_endian = "little") {
            "0100007F:3A99"
        } else {
            "7F000001:3A99"
        };
        assert_eq!(proc_address(addr), expected);
    }
}
