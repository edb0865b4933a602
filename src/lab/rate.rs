//! A slow link without netem: htb on the sending end's root with one class
//! at the asked rate. Each packet waits for the ones queued before it to
//! be sent at that rate (serialization), and a burst sent faster queues
//! (queueing delay) up to the leaf queue's 1000 packets, beyond which the
//! kernel drops. It is no fixed delay: a packet alone on the link waits
//! only its own time on the wire.

use serde::Serialize;

use crate::error::Error;

use super::tools::{self, must};

/// The rate on one end, as read back from the kernel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    /// As tc prints it (`1Mbit`).
    pub rate: String,
    /// Packets the class sent (`Sent B bytes N pkt`).
    pub sent_packets: u64,
    /// Packets dropped because its queue was full.
    pub dropped: u64,
}

/// Sends what leaves `dev` at `mbit` Mbit/s at most.
pub fn set(ns: &str, dev: &str, mbit: f64) -> Result<(), Error> {
    let rate = format!("{}kbit", (mbit * 1000.0).round().max(1.0) as u64);
    must(
        "tc",
        &[
            "-n", ns, "qdisc", "replace", "dev", dev, "root", "handle", "1:", "htb", "default",
            "10",
        ],
    )?;
    // quantum by hand: the default (rate / r2q) can be under one frame or
    // over htb's limit, and tc warns about either on stderr.
    must(
        "tc",
        &[
            "-n", ns, "class", "replace", "dev", dev, "parent", "1:", "classid", "1:10", "htb",
            "rate", &rate, "quantum", "1514",
        ],
    )?;
    Ok(())
}

/// The rate on `dev`, `None` unless its root is the lab's htb with a
/// default class slower than the 10 Gbit/s the reordering uses.
pub fn read(ns: &str, dev: &str) -> Result<Option<Rate>, Error> {
    let out = tools::run("tc", &["-n", ns, "-s", "class", "show", "dev", dev])?;
    Ok(if out.success {
        parse(&out.stdout)
    } else {
        None
    })
}

/// Reads `tc -s class show`: class 1:10's rate and counters.
pub fn parse(text: &str) -> Option<Rate> {
    let mut lines = text.lines();
    let head: Vec<&str> = lines
        .find(|l| l.starts_with("class htb 1:10 "))?
        .split_whitespace()
        .collect();
    let rate = head.get(head.iter().position(|w| *w == "rate")? + 1)?;
    if *rate == "10Gbit" {
        return None;
    }
    let words: Vec<&str> = lines.next()?.split_whitespace().collect();
    (words.first() == Some(&"Sent")).then_some(())?;
    let dropped = words
        .iter()
        .position(|w| *w == "(dropped")
        .and_then(|i| words.get(i + 1))
        .and_then(|w| w.trim_end_matches(',').parse().ok())?;
    Some(Rate {
        rate: rate.to_string(),
        sent_packets: words.get(3)?.parse().ok()?,
        dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_rate_class_and_not_the_reordering_one() {
        let slow = "class htb 1:10 root prio 0 rate 1Mbit ceil 1Mbit burst 1600b cburst 1600b \n \
             Sent 53000 bytes 500 pkt (dropped 3, overlimits 480 requeues 0) \n";
        assert_eq!(
            parse(slow),
            Some(Rate {
                rate: "1Mbit".into(),
                sent_packets: 500,
                dropped: 3
            })
        );
        let fast = "class htb 1:10 root prio 0 rate 10Gbit ceil 10Gbit burst 0b cburst 0b \n \
             Sent 1 bytes 1 pkt (dropped 0, overlimits 0 requeues 0) \n";
        assert_eq!(parse(fast), None);
    }
}
