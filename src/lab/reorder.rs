//! Reordering without netem: an htb qdisc on the sending end's root with a
//! fast default class (1:10) and a slow class (1:20) that the classic BPF
//! random filter ([`super::cbpf`]) puts a share of the packets into. A
//! packet in the slow class waits there until the class has paid for the
//! packet before it, while packets sent after it leave at once through the
//! fast class and overtake it: real reordering by the kernel's qdisc.
//! An htb token bucket does not hold a lone packet (one arriving when the
//! class owes nothing leaves at once), so not every held packet ends up
//! late: `tc -s class show` counts how many went through the slow class, and
//! the receiver sees how many of them were overtaken.

use serde::Serialize;

use crate::error::Error;

use super::cbpf;
use super::tools::{self, must};

/// The slow class's rate, with every packet charged as a full 1514-byte
/// frame (mpu), so the wait is the same for a 106-byte lab datagram and a
/// 1514-byte TCP segment: 1514 × 8 / 24 Mbit = 0.5 ms per held packet.
/// `lab udp` sends one datagram every 0.2 ms (5000/s), so a held datagram
/// that waits for the one before it is overtaken by one to a few later
/// ones ("late by a few packets"); at 25 % a held packet comes every 0.8 ms
/// on average, more than the 0.5 ms the class needs per packet, so its
/// queue stays short instead of growing over the run. TCP's back-to-back
/// segments queue in it and arrive several milliseconds late.
pub const SLOW_RATE: &str = "24mbit";
pub const CHARGED_BYTES: &str = "1514";

/// The reordering on one end, as read back from the kernel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reorder {
    /// Share of packets the random filter sends to the slow class.
    pub percent: f64,
    /// Packets that left through the slow class (`tc -s class show`, 1:20).
    pub held_packets: u64,
    /// Packets that left through the fast class (1:10).
    pub fast_packets: u64,
}

/// Puts `percent` of the packets leaving `dev` through the slow class.
pub fn set(ns: &str, dev: &str, percent: f64) -> Result<(), Error> {
    let base = ["-n", ns];
    let run = |rest: &[&str]| -> Result<String, Error> {
        let all: Vec<&str> = base.iter().chain(rest).copied().collect();
        must("tc", &all)
    };
    run(&[
        "qdisc", "replace", "dev", dev, "root", "handle", "1:", "htb", "default", "10",
    ])?;
    // quantum set by hand: the default (rate / r2q) is over htb's limit
    // and tc would warn about it on stderr.
    run(&[
        "class", "replace", "dev", dev, "parent", "1:", "classid", "1:10", "htb", "rate", "10gbit",
        "quantum", "60000",
    ])?;
    // burst 1: no tokens saved up beyond one byte, so each held packet
    // waits for the one before it to be paid for.
    run(&[
        "class",
        "replace",
        "dev",
        dev,
        "parent",
        "1:",
        "classid",
        "1:20",
        "htb",
        "rate",
        SLOW_RATE,
        "burst",
        "1",
        "cburst",
        "1",
        "mpu",
        CHARGED_BYTES,
        "quantum",
        "60000",
    ])?;
    let program = cbpf::random_program(percent);
    run(&[
        "filter", "replace", "dev", dev, "parent", "1:", "protocol", "all", "prio", "1", "handle",
        "1", "bpf", "bytecode", &program, "classid", "1:20",
    ])?;
    Ok(())
}

/// Removes the htb root qdisc from `dev` (its classes and filter go with it).
pub fn clear(ns: &str, dev: &str) -> Result<(), Error> {
    let shown = must("tc", &["-n", ns, "qdisc", "show", "dev", dev, "root"])?;
    if shown.split_whitespace().nth(1) == Some("htb") {
        must("tc", &["-n", ns, "qdisc", "del", "dev", dev, "root"])?;
    }
    Ok(())
}

/// The reordering on `dev`, `None` when its root is not the lab's htb.
pub fn read(ns: &str, dev: &str) -> Result<Option<Reorder>, Error> {
    let classes = tools::run("tc", &["-n", ns, "-s", "class", "show", "dev", dev])?;
    let filters = tools::run(
        "tc",
        &["-n", ns, "filter", "show", "dev", dev, "parent", "1:"],
    )?;
    if !classes.success || !filters.success {
        return Ok(None);
    }
    Ok(parse(&classes.stdout, &filters.stdout))
}

/// Reads `tc -s class show` and `tc filter show … parent 1:`.
pub fn parse(classes: &str, filters: &str) -> Option<Reorder> {
    let percent = filters
        .lines()
        .filter(|l| l.contains("flowid 1:20") || l.contains("classid 1:20"))
        .find_map(|l| cbpf::bytecode_in(l).and_then(cbpf::percent_of))?;
    let sent = |class: &str| -> Option<u64> {
        let mut lines = classes.lines();
        lines.find(|l| l.starts_with(&format!("class htb {class} ")))?;
        let words: Vec<&str> = lines.next()?.split_whitespace().collect();
        (words.first() == Some(&"Sent")).then_some(())?;
        words.get(3)?.parse().ok()
    };
    Some(Reorder {
        percent,
        held_packets: sent("1:20")?,
        fast_packets: sent("1:10")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_went_through_each_class() {
        let classes = "class htb 1:10 root prio 0 rate 10Gbit ceil 10Gbit burst 0b cburst 0b \n \
             Sent 158576 bytes 1496 pkt (dropped 0, overlimits 0 requeues 0) \n \
             backlog 0b 0p requeues 0\n\
             class htb 1:20 root prio 0 rate 24Mbit ceil 24Mbit burst 0b cburst 0b \n \
             Sent 53424 bytes 504 pkt (dropped 0, overlimits 504 requeues 0) \n";
        let filters = "filter parent 1: protocol all pref 1 bpf chain 0 \n\
             filter parent 1: protocol all pref 1 bpf chain 0 handle 0x1 flowid 1:20 not_in_hw bytecode '4,32 0 0 4294963256,37 1 0 1073741823,6 0 0 4294967295,6 0 0 0'\n";
        assert_eq!(
            parse(classes, filters),
            Some(Reorder {
                percent: 25.0,
                held_packets: 504,
                fast_packets: 1496
            })
        );
        assert_eq!(parse(classes, ""), None);
    }
}
