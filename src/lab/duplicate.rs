//! Duplication without netem: a clsact qdisc on the sending end whose
//! egress filter, the classic BPF random program ([`super::cbpf`]), runs
//! the `mirred egress mirror` action on the chosen packets: the kernel
//! clones the packet and sends the clone out of the same device, so two
//! identical frames cross the link. The clone passes the same egress
//! filter again and may be copied again: a packet is sent 1 + k times with
//! chance p^k, on average p / (1 − p) extra copies. mirred's nesting limit
//! cuts a deep chain short, counting the refused copy as an overlimit
//! (observed on 6.18: at 100 % every datagram crossed 4 times, 3 copies,
//! and a 4th copy of each was refused; at 30 % some numbers arrived 5 times).

use serde::Serialize;

use crate::error::Error;

use super::cbpf;
use super::tools::{self, must};

/// The duplication on one end, as read back from the kernel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    /// Share of packets (copies included) the filter picks.
    pub percent: f64,
    /// Times the mirred action ran (`Sent N pkt` of its statistics).
    pub mirred_packets: u64,
    /// Of those, copies refused by mirred's nesting limit (`overlimits`).
    pub refused: u64,
}

impl Duplicate {
    /// Copies the kernel really sent.
    pub fn copies(&self) -> u64 {
        self.mirred_packets.saturating_sub(self.refused)
    }
}

/// Copies `percent` of the packets leaving `dev` (copies included).
pub fn set(ns: &str, dev: &str, percent: f64) -> Result<(), Error> {
    must("tc", &["-n", ns, "qdisc", "replace", "dev", dev, "clsact"])?;
    let program = cbpf::random_program(percent);
    must(
        "tc",
        &[
            "-n", ns, "filter", "replace", "dev", dev, "egress", "protocol", "all", "prio", "1",
            "handle", "1", "bpf", "bytecode", &program, "action", "mirred", "egress", "mirror",
            "dev", dev,
        ],
    )?;
    Ok(())
}

/// Removes the clsact qdisc from `dev` (its filter and action go with it).
pub fn clear(ns: &str, dev: &str) -> Result<(), Error> {
    let shown = must("tc", &["-n", ns, "qdisc", "show", "dev", dev])?;
    if shown.lines().any(|l| l.starts_with("qdisc clsact ")) {
        must("tc", &["-n", ns, "qdisc", "del", "dev", dev, "clsact"])?;
    }
    Ok(())
}

/// The duplication on `dev`, `None` when there is none of the lab's.
pub fn read(ns: &str, dev: &str) -> Result<Option<Duplicate>, Error> {
    let out = tools::run(
        "tc",
        &["-n", ns, "-s", "filter", "show", "dev", dev, "egress"],
    )?;
    Ok(if out.success {
        parse(&out.stdout)
    } else {
        None
    })
}

/// Reads `tc -s filter show dev DEV egress`.
pub fn parse(text: &str) -> Option<Duplicate> {
    let mut lines = text.lines();
    let percent = lines
        .by_ref()
        .find_map(|l| cbpf::bytecode_in(l).and_then(cbpf::percent_of))?;
    let mut mirred = false;
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        if line.contains("mirred (Egress Mirror") {
            mirred = true;
        } else if mirred && words.first() == Some(&"Sent") {
            let refused = words
                .iter()
                .position(|w| *w == "overlimits")
                .and_then(|i| words.get(i + 1))
                .and_then(|w| w.parse().ok())?;
            return Some(Duplicate {
                percent,
                mirred_packets: words.get(3)?.parse().ok()?,
                refused,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_mirred_counters() {
        let text = "filter protocol all pref 1 bpf chain 0 \n\
            filter protocol all pref 1 bpf chain 0 handle 0x1 not_in_hw bytecode '4,32 0 0 4294963256,37 1 0 4294967295,6 0 0 4294967295,6 0 0 0'\n\
            \taction order 1: mirred (Egress Mirror to device sv-a0) pipe\n\
            \tindex 1 ref 1 bind 1 installed 0 sec used 0 sec\n\
            \tAction statistics:\n\
            \tSent 42400 bytes 400 pkt (dropped 0, overlimits 100 requeues 0) \n\
            \tbacklog 0b 0p requeues 0\n";
        let d = parse(text).unwrap();
        assert_eq!(d.percent, 100.0);
        assert_eq!(d.mirred_packets, 400);
        assert_eq!(d.refused, 100);
        assert_eq!(d.copies(), 300);
        assert_eq!(parse("filter protocol all pref 1 bpf chain 0 \n"), None);
    }
}
