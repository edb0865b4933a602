//! Making, reading and removing the lab: two namespaces, one veth pair,
//! send offload off, and the link's impairment: netem where the kernel has
//! it, else loss by XDP, reordering by htb and duplication by mirred.

use serde::Serialize;

use crate::error::Error;
use crate::t;

use super::duplicate::{self, Duplicate};
use super::netem::{self, Impairment, Qdisc};
use super::rate::{self, Rate};
use super::reorder::{self, Reorder};
use super::tools::{self, must};
use super::{bpf_loss, Names, ADDR_A, ADDR_B};

/// One end of the link as read back from the kernel.
#[derive(Debug, Clone, Serialize)]
pub struct End {
    pub namespace: String,
    pub device: String,
    pub address: String,
    /// `gso_max_size` and `gso_max_segs` (1500 and 1: segments leave at
    /// their real size).
    pub gso_max_size: Option<u64>,
    pub gso_max_segs: Option<u64>,
    pub qdisc: Qdisc,
    /// Loss percent of the XDP filter on this end (packets arriving
    /// here), used when the kernel has no netem.
    pub ingress_loss: Option<f64>,
    /// Reordering of packets leaving this end by htb and the random
    /// filter, used when netem is missing or without --delay.
    pub reorder: Option<Reorder>,
    /// Duplication of packets leaving this end by mirred.
    pub duplicate: Option<Duplicate>,
    /// The rate of packets leaving this end, by htb.
    pub rate: Option<Rate>,
}

/// What is up now.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// How many of the two namespaces exist.
    pub namespaces_up: usize,
    /// Both ends, when both namespaces and the link exist.
    pub ends: Option<[End; 2]>,
}

impl Status {
    pub fn is_up(&self) -> bool {
        self.ends.is_some()
    }
    pub fn is_down(&self) -> bool {
        self.namespaces_up == 0
    }
}

/// Reads the lab's state.
pub fn status(names: &Names) -> Result<Status, Error> {
    let existing = tools::namespaces()?;
    let wanted = [names.ns_a(), names.ns_b()];
    let namespaces_up = wanted.iter().filter(|n| existing.contains(n)).count();
    let ends = if namespaces_up == 2 {
        match (
            read_end(&names.ns_a(), &names.dev_a(), ADDR_A)?,
            read_end(&names.ns_b(), &names.dev_b(), ADDR_B)?,
        ) {
            (Some(a), Some(b)) => Some([a, b]),
            _ => None,
        }
    } else {
        None
    };
    Ok(Status {
        namespaces_up,
        ends,
    })
}

fn read_end(ns: &str, dev: &str, address: &str) -> Result<Option<End>, Error> {
    let out = tools::run("ip", &["-d", "-n", ns, "link", "show", "dev", dev])?;
    if !out.success {
        return Ok(None);
    }
    let words: Vec<&str> = out.stdout.split_whitespace().collect();
    let after = |key: &str| -> Option<u64> {
        let i = words.iter().position(|w| *w == key)?;
        words.get(i + 1)?.parse().ok()
    };
    Ok(Some(End {
        namespace: ns.to_string(),
        device: dev.to_string(),
        address: address.to_string(),
        gso_max_size: after("gso_max_size"),
        gso_max_segs: after("gso_max_segs"),
        qdisc: netem::read(ns, dev)?,
        ingress_loss: bpf_loss::read(ns, dev)?,
        reorder: reorder::read(ns, dev)?,
        duplicate: duplicate::read(ns, dev)?,
        rate: rate::read(ns, dev)?,
    }))
}

/// The TX packet counter of `ip -s link show` (the line after `TX:`):
/// for a veth, every frame it put on the link.
pub fn tx_packets(ns: &str, dev: &str) -> Result<Option<u64>, Error> {
    let out = tools::run("ip", &["-s", "-n", ns, "link", "show", "dev", dev])?;
    let mut lines = out.stdout.lines();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("TX:") {
            return Ok(lines
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok()));
        }
    }
    Ok(None)
}

/// How `up` went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UpOutcome {
    /// Already up: nothing changed.
    AlreadyUp,
    /// Made from nothing.
    Created,
    /// Part of it existed (a run stopped half way): removed and made again.
    Rebuilt,
}

/// Makes the lab unless it is up; a failure half way removes what was made.
pub fn up(names: &Names) -> Result<UpOutcome, Error> {
    let before = status(names)?;
    if before.is_up() {
        return Ok(UpOutcome::AlreadyUp);
    }
    let outcome = if before.is_down() && !link_in_root(names)? {
        UpOutcome::Created
    } else {
        remove(names)?;
        UpOutcome::Rebuilt
    };
    if let Err(e) = create(names) {
        let _ = remove(names);
        return Err(e);
    }
    Ok(outcome)
}

/// A veth of the lab left in the root namespace by a setup stopped before
/// it moved it.
fn link_in_root(names: &Names) -> Result<bool, Error> {
    Ok(tools::run("ip", &["link", "show", "dev", &names.dev_a()])?.success)
}

fn create(names: &Names) -> Result<(), Error> {
    let (a, b, da, db) = (names.ns_a(), names.ns_b(), names.dev_a(), names.dev_b());
    must("ip", &["netns", "add", &a])?;
    must("ip", &["netns", "add", &b])?;
    must(
        "ip",
        &["link", "add", &da, "type", "veth", "peer", "name", &db],
    )?;
    must("ip", &["link", "set", &da, "netns", &a])?;
    must("ip", &["link", "set", &db, "netns", &b])?;
    for (ns, dev, addr) in [(&a, &da, ADDR_A), (&b, &db, ADDR_B)] {
        must(
            "ip",
            &["-n", ns, "addr", "add", &format!("{addr}/24"), "dev", dev],
        )?;
        must("ip", &["-n", ns, "link", "set", "lo", "up"])?;
        // Send offload off: without it a veth hands TCP segments of up to
        // 64 KiB to the peer and a capture shows frames over the MTU
        // (linux-notes: 5066 bytes on a 1500-MTU veth).
        must(
            "ip",
            &[
                "-n",
                ns,
                "link",
                "set",
                dev,
                "gso_max_size",
                "1500",
                "gso_max_segs",
                "1",
            ],
        )?;
        // IPv4 only: IPv6 would send its own packets (neighbour and
        // router solicitations) across the link and into the counters.
        let path = format!("/proc/sys/net/ipv6/conf/{dev}/disable_ipv6");
        let _ = super::netns::run_in(ns, move || std::fs::write(path, "1"));
        must("ip", &["-n", ns, "link", "set", dev, "up"])?;
    }
    // Permanent neighbour entries: ARP never crosses the impaired link, so
    // a lost ARP request cannot hold back (and silently drop) the first
    // datagrams of a run, and every loss counted is netem's.
    for (ns, dev, peer_ns, peer_dev, peer_addr) in
        [(&a, &da, &b, &db, ADDR_B), (&b, &db, &a, &da, ADDR_A)]
    {
        let mac = mac_of(peer_ns, peer_dev)?;
        must(
            "ip",
            &[
                "-n",
                ns,
                "neigh",
                "replace",
                peer_addr,
                "lladdr",
                &mac,
                "dev",
                dev,
                "nud",
                "permanent",
            ],
        )?;
    }
    Ok(())
}

/// An interface's MAC address (`link/ether XX:..`).
fn mac_of(ns: &str, dev: &str) -> Result<String, Error> {
    let out = must("ip", &["-n", ns, "link", "show", "dev", dev])?;
    let words: Vec<&str> = out.split_whitespace().collect();
    words
        .iter()
        .position(|w| *w == "link/ether")
        .and_then(|i| words.get(i + 1))
        .map(|m| m.to_string())
        .ok_or_else(|| Error::Lab {
            message: t!("ip shows no MAC address for {dev}", dev),
            hint: t!(
                "stackviz lab down removes whatever the lab made; then run stackviz lab up again"
            )
            .to_string(),
            usage: false,
        })
}

/// Deletes everything the lab may have made (deleting a namespace deletes
/// its veth end, which deletes the pair and its qdiscs). Safe to repeat.
fn remove(names: &Names) -> Result<(), Error> {
    let existing = tools::namespaces()?;
    for ns in [names.ns_a(), names.ns_b()] {
        if existing.contains(&ns) {
            must("ip", &["netns", "del", &ns])?;
        }
    }
    if link_in_root(names)? {
        must("ip", &["link", "del", &names.dev_a()])?;
    }
    Ok(())
}

/// Removes the lab; false when there was nothing to remove.
pub fn down(names: &Names) -> Result<bool, Error> {
    let before = status(names)?;
    let anything = !before.is_down() || link_in_root(names)?;
    if anything {
        remove(names)?;
    }
    Ok(anything)
}

/// Which way the impairment acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// On a's end only: packets from a to b (data); b's answers (ACKs)
    /// pass untouched.
    AToB,
    /// On both ends.
    Both,
}

/// Replaces the link's impairment (the whole of it: an end not named
/// loses its own), or removes it when `impairment` is empty.
pub fn impair(
    names: &Names,
    impairment: &Impairment,
    direction: Direction,
) -> Result<Engine, Error> {
    impairment.check()?;
    require_up(names)?;
    let ends = [
        (names.ns_a(), names.dev_a(), true),
        (names.ns_b(), names.dev_b(), direction == Direction::Both),
    ];
    // The receiving end of each direction, where the XDP loss filter
    // (used when the kernel has no netem) sits.
    let receivers = [(names.ns_b(), names.dev_b()), (names.ns_a(), names.dev_a())];
    let netem_wanted = impairment.wants_netem();
    let mut engine = Engine::Netem;
    for ((ns, dev, wanted), (rx_ns, rx_dev)) in ends.into_iter().zip(receivers) {
        if !wanted || impairment.is_empty() {
            clear_end(&ns, &dev, &rx_ns, &rx_dev)?;
            continue;
        }
        if netem_wanted {
            let args = impairment.netem_args();
            let mut all: Vec<&str> =
                vec!["-n", &ns, "qdisc", "replace", "dev", &dev, "root", "netem"];
            all.extend(args.iter().map(String::as_str));
            let out = tools::run("tc", &all)?;
            if out.success {
                bpf_loss::clear(&rx_ns, &rx_dev)?;
                duplicate::clear(&ns, &dev)?;
                continue;
            }
            if !out.stderr.contains("qdisc kind is unknown") {
                must("tc", &all)?;
            }
        }
        if impairment.delay_ms.is_some() || impairment.jitter_ms.is_some() {
            return Err(no_netem());
        }
        if impairment.rate_mbit.is_some() && impairment.reorder.is_some_and(|p| p > 0.0) {
            return Err(rate_with_reorder());
        }
        engine = Engine::Bpf;
        clear_end(&ns, &dev, &rx_ns, &rx_dev)?;
        if let Some(p) = impairment.loss {
            bpf_loss::set(&rx_ns, &rx_dev, p)?;
        }
        if let Some(p) = impairment.reorder.filter(|p| *p > 0.0) {
            reorder::set(&ns, &dev, p)?;
        }
        if let Some(p) = impairment.duplicate.filter(|p| *p > 0.0) {
            duplicate::set(&ns, &dev, p)?;
        }
        if let Some(mbit) = impairment.rate_mbit {
            rate::set(&ns, &dev, mbit)?;
        }
    }
    Ok(engine)
}

/// Removes every impairment of the direction leaving `dev`: its root
/// qdisc (netem or htb), its clsact (mirred) and the XDP filter on the
/// receiving end `rx_dev`. Nothing there: nothing done.
fn clear_end(ns: &str, dev: &str, rx_ns: &str, rx_dev: &str) -> Result<(), Error> {
    if netem::read(ns, dev)?.netem.is_some() {
        must("tc", &["-n", ns, "qdisc", "del", "dev", dev, "root"])?;
    }
    reorder::clear(ns, dev)?;
    duplicate::clear(ns, dev)?;
    bpf_loss::clear(rx_ns, rx_dev)
}

/// What applies the impairment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Engine {
    /// netem on the sending end's root qdisc.
    Netem,
    /// No netem (missing from this kernel, or --reorder without --delay):
    /// loss by the XDP filter on the receiving end, reordering by htb and
    /// the classic BPF random filter, duplication by mirred, on the
    /// sending end.
    Bpf,
}

/// Both need the root qdisc: the slow class of the reordering would
/// let its packets past the rate.
fn rate_with_reorder() -> Error {
    Error::Lab {
        message: t!("--rate and --reorder cannot be combined without netem: both use the root htb, and held packets would bypass the rate").to_string(),
        hint: t!("give one of them; with netem (modprobe sch_netem) --delay 20 --reorder 25 --rate 1 works").to_string(),
        usage: true,
    }
}

fn no_netem() -> Error {
    Error::Lab {
        message: t!("this kernel has no netem (sch_netem): --delay and --jitter cannot be applied, and no other qdisc here holds a packet for a set time").to_string(),
        hint: t!("load it (modprobe sch_netem; on Ubuntu it is in linux-modules-extra-$(uname -r)); without it --loss (XDP), --reorder (htb and a classic BPF random filter) and --duplicate (mirred) still work").to_string(),
        usage: false,
    }
}

/// Err with a hint to run `lab up` when the lab is not (fully) up.
pub fn require_up(names: &Names) -> Result<Status, Error> {
    let now = status(names)?;
    if now.is_up() {
        return Ok(now);
    }
    let flag = if names.prefix == "sv" {
        String::new()
    } else {
        format!(" --prefix {}", names.prefix)
    };
    Err(Error::Lab {
        message: t!("the lab is not up").to_string(),
        hint: t!("run stackviz lab up{flag} first", flag),
        usage: false,
    })
}
