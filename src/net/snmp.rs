//! The host's UDP counters in /proc/net/snmp (the `Udp:` lines): shared by
//! every program in this network namespace, so a difference over a run is
//! this run's datagrams plus whatever else used UDP meanwhile.

/// The three counters the loss lesson reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UdpCounters {
    /// Datagrams handed to a program: counted when recvmsg() returns one,
    /// not when it is queued.
    pub in_datagrams: u64,
    /// Datagrams dropped because the socket's receive buffer was full.
    pub rcvbuf_errors: u64,
    /// Every datagram dropped on the way in (RcvbufErrors are among them).
    pub in_errors: u64,
}

/// Reads the counters now; `None` when the file cannot be read or parsed
/// (no /proc, another layout).
pub fn read() -> Option<UdpCounters> {
    parse(&std::fs::read_to_string("/proc/net/snmp").ok()?)
}

/// The counters from the text of /proc/net/snmp: a `Udp:` line of names
/// followed by a `Udp:` line of values, matched by name.
pub fn parse(text: &str) -> Option<UdpCounters> {
    let mut udp = text.lines().filter(|l| l.starts_with("Udp:"));
    let names: Vec<&str> = udp.next()?.split_whitespace().skip(1).collect();
    let values: Vec<&str> = udp.next()?.split_whitespace().skip(1).collect();
    let get = |name: &str| -> Option<u64> {
        let i = names.iter().position(|n| *n == name)?;
        values.get(i)?.parse().ok()
    };
    Some(UdpCounters {
        in_datagrams: get("InDatagrams")?,
        rcvbuf_errors: get("RcvbufErrors")?,
        in_errors: get("InErrors")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_udp_lines_by_name() {
        let text = "Ip: Forwarding DefaultTTL\nIp: 1 64\n\
                    Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors\n\
                    Udp: 1200 3 191 1400 190 0\n\
                    UdpLite: InDatagrams NoPorts InErrors\nUdpLite: 0 0 0\n";
        assert_eq!(
            parse(text),
            Some(UdpCounters {
                in_datagrams: 1200,
                rcvbuf_errors: 190,
                in_errors: 191
            })
        );
    }

    #[test]
    fn a_missing_counter_is_none() {
        assert_eq!(parse("Udp: InDatagrams\nUdp: 5\n"), None);
        assert_eq!(parse(""), None);
    }
}
