//! The link's impairment: netem's arguments built from the options, and
//! read back from `tc qdisc show` (what the kernel really applies, and how
//! many packets netem dropped).

use serde::Serialize;

use crate::error::Error;
use crate::t;

use super::tools;

/// What netem does to every packet leaving an interface.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Impairment {
    /// Percent of packets dropped.
    pub loss: Option<f64>,
    /// Milliseconds each packet waits.
    pub delay_ms: Option<f64>,
    /// ± milliseconds around the delay.
    pub jitter_ms: Option<f64>,
    /// Percent of packets sent at once, ahead of the delayed ones.
    pub reorder: Option<f64>,
    /// Percent of packets sent twice.
    pub duplicate: Option<f64>,
    /// The link's rate in Mbit/s.
    pub rate_mbit: Option<f64>,
}

impl Impairment {
    /// Whether netem is tried for this impairment: netem reorders only
    /// packets it delays, so `--reorder` without `--delay` takes htb's slow
    /// class on any kernel. When netem was tried and the lab still used its
    /// other mechanisms, the kernel has no netem.
    pub fn wants_netem(&self) -> bool {
        self.reorder.is_none() || self.delay_ms.is_some()
    }

    /// True when no option was given.
    pub fn is_empty(&self) -> bool {
        *self == Impairment::default()
    }

    /// Refuses combinations netem would accept but ignore, so the user
    /// never believes in an impairment that is not there.
    pub fn check(&self) -> Result<(), Error> {
        let usage = |message: String, hint: &str| Error::Lab {
            message,
            hint: hint.to_string(),
            usage: true,
        };
        for (name, value) in [
            ("--loss", self.loss),
            ("--reorder", self.reorder),
            ("--duplicate", self.duplicate),
        ] {
            if let Some(p) = value {
                if !(0.0..=100.0).contains(&p) {
                    return Err(usage(
                        t!(
                            "{option} {value} is not a percentage",
                            option = name,
                            value = p
                        ),
                        t!("give a number from 0 to 100, e.g. --loss 30"),
                    ));
                }
            }
        }
        for (name, value) in [("--delay", self.delay_ms), ("--jitter", self.jitter_ms)] {
            if let Some(ms) = value {
                if !(0.0..=60_000.0).contains(&ms) {
                    return Err(usage(
                        t!(
                            "{option} {value} is not a delay from 0 to 60000 ms",
                            option = name,
                            value = ms
                        ),
                        t!("give milliseconds, e.g. --delay 50"),
                    ));
                }
            }
        }
        if let Some(mbit) = self.rate_mbit {
            if !(0.01..=10_000.0).contains(&mbit) {
                return Err(usage(
                    t!(
                        "--rate {value} is not a rate from 0.01 to 10000 Mbit/s",
                        value = mbit
                    ),
                    t!("give megabits per second, e.g. --rate 1"),
                ));
            }
        }
        // --reorder without --delay is not refused: the htb slow class
        // reorders then (link::impair), netem or not.
        let no_delay = self.delay_ms.unwrap_or(0.0) == 0.0;
        if self.jitter_ms.is_some() && no_delay {
            return Err(usage(
                t!("--jitter needs --delay: the jitter varies the delay around its value")
                    .to_string(),
                t!("add a delay, e.g. --delay 50 --jitter 20"),
            ));
        }
        Ok(())
    }

    /// netem's arguments, in tc's words (`delay 50ms 20ms loss 30%`).
    pub fn netem_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if let Some(delay) = self.delay_ms {
            args.push("delay".into());
            args.push(format!("{delay}ms"));
            if let Some(jitter) = self.jitter_ms {
                args.push(format!("{jitter}ms"));
            }
        }
        if let Some(p) = self.loss {
            args.extend(["loss".into(), format!("{p}%")]);
        }
        if let Some(p) = self.duplicate {
            args.extend(["duplicate".into(), format!("{p}%")]);
        }
        if let Some(p) = self.reorder {
            args.extend(["reorder".into(), format!("{p}%")]);
        }
        if let Some(mbit) = self.rate_mbit {
            args.extend(["rate".into(), format!("{}kbit", (mbit * 1000.0).round())]);
        }
        args
    }
}

/// The root qdisc of one interface as tc shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Qdisc {
    /// netem's settings as tc prints them (`delay 50ms  20ms loss 30%`),
    /// `None` when the root qdisc is not netem.
    pub netem: Option<String>,
    /// Packets the qdisc dropped since it was made (`dropped N`).
    pub dropped: Option<u64>,
    /// Packets it sent (`Sent B bytes N pkt`).
    pub sent_packets: Option<u64>,
}

/// Reads `tc -s qdisc show dev DEV` inside namespace `ns`.
pub fn read(ns: &str, dev: &str) -> Result<Qdisc, Error> {
    let out = tools::must("tc", &["-n", ns, "-s", "qdisc", "show", "dev", dev])?;
    Ok(parse(&out))
}

/// The root netem qdisc's settings and counters from tc's text.
pub fn parse(text: &str) -> Qdisc {
    let mut qdisc = Qdisc {
        netem: None,
        dropped: None,
        sent_packets: None,
    };
    let mut in_netem = false;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() == Some(&"qdisc") {
            in_netem = words.get(1) == Some(&"netem") && words.contains(&"root");
            if in_netem {
                // Settings follow "limit N".
                let settings = match words.iter().position(|w| *w == "limit") {
                    Some(i) => words[(i + 2).min(words.len())..].join(" "),
                    None => String::new(),
                };
                qdisc.netem = Some(settings);
            }
        } else if in_netem && words.first() == Some(&"Sent") {
            qdisc.sent_packets = words.get(3).and_then(|w| w.parse().ok());
            qdisc.dropped = words
                .iter()
                .position(|w| *w == "(dropped")
                .and_then(|i| words.get(i + 1))
                .and_then(|w| w.trim_end_matches(',').parse().ok());
        }
    }
    qdisc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_netem_settings_and_drops() {
        let text =
            "qdisc netem 8001: root refcnt 13 limit 1000 delay 50ms  20ms loss 30% duplicate 5%\n \
                    Sent 8796 bytes 102 pkt (dropped 31, overlimits 0 requeues 0)\n \
                    backlog 0b 0p requeues 0\n";
        let q = parse(text);
        assert_eq!(
            q.netem.as_deref(),
            Some("delay 50ms 20ms loss 30% duplicate 5%")
        );
        assert_eq!(q.dropped, Some(31));
        assert_eq!(q.sent_packets, Some(102));
    }

    #[test]
    fn no_netem_is_none() {
        let q = parse("qdisc noqueue 0: root refcnt 2\n Sent 0 bytes 0 pkt (dropped 0, overlimits 0 requeues 0)\n");
        assert_eq!(q.netem, None);
        assert_eq!(q.dropped, None);
    }

    #[test]
    fn args_in_tc_order() {
        let i = Impairment {
            loss: Some(30.0),
            delay_ms: Some(50.0),
            jitter_ms: Some(20.0),
            reorder: Some(25.0),
            duplicate: Some(5.0),
            rate_mbit: None,
        };
        assert_eq!(
            i.netem_args().join(" "),
            "delay 50ms 20ms loss 30% duplicate 5% reorder 25%"
        );
        assert!(i.check().is_ok());
        let bad = Impairment {
            jitter_ms: Some(10.0),
            ..Impairment::default()
        };
        assert!(bad.check().is_err());
    }
}
