//! Who holds a UDP or TCP port: the socket's inode from /proc/net/udp or
//! /proc/net/tcp (or their IPv6 twins),
//! then the process whose file descriptors include that socket. Used to say
//! "already in use by stackviz recv (pid N)" instead of a bare EADDRINUSE.
//! Best effort: another user's processes are not readable without root.

use std::net::SocketAddr;

pub use crate::error::Holder;

/// The inode of the UDP socket bound to `port` in one /proc/net/udp table.
fn inode_in(table: &str, port: u16) -> Option<u64> {
    table.lines().skip(1).find_map(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
        let local = cols.get(1)?;
        let (_, hex_port) = local.rsplit_once(':')?;
        // A TIME_WAIT entry has no socket (inode 0): look further.
        (u16::from_str_radix(hex_port, 16).ok()? == port)
            .then(|| cols.get(9)?.parse().ok())
            .flatten()
            .filter(|inode| *inode != 0)
    })
}

/// The process holding the UDP port of `addr`, when it can be found.
pub fn udp_port_holder(addr: SocketAddr) -> Option<Holder> {
    holder_in(addr, &["/proc/net/udp", "/proc/net/udp6"])
}

/// The process holding the TCP port of `addr` (listening or connected).
pub fn tcp_port_holder(addr: SocketAddr) -> Option<Holder> {
    holder_in(addr, &["/proc/net/tcp", "/proc/net/tcp6"])
}

fn holder_in(addr: SocketAddr, tables: &[&str]) -> Option<Holder> {
    let inode = tables
        .iter()
        .filter_map(|t| std::fs::read_to_string(t).ok())
        .find_map(|t| inode_in(&t, addr.port()))?;
    let wanted = format!("socket:[{inode}]");
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        let holds = fds.flatten().any(|fd| {
            std::fs::read_link(fd.path()).is_ok_and(|target| target.as_os_str() == wanted.as_str())
        });
        if !holds {
            continue;
        }
        let command = std::fs::read_to_string(entry.path().join("comm"))
            .map(|c| c.trim().to_string())
            .unwrap_or_default();
        let args: Vec<String> = std::fs::read(entry.path().join("cmdline"))
            .unwrap_or_default()
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let stackviz_recv = command == "stackviz" && args.iter().skip(1).any(|a| a == "recv");
        return Some(Holder {
            pid,
            command,
            stackviz_recv,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inode_of_a_port_is_read_from_the_table() {
        let table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n\
  748: 0100007F:3A99 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 123456 2 0000000000000000 0\n";
        assert_eq!(inode_in(table, 15001), Some(123_456));
        assert_eq!(inode_in(table, 15002), None);
    }
}
