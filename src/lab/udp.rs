//! UDP across the impaired link: N numbered datagrams from host a to host
//! b, and what arrived, by sequence number, beside the counters of both
//! namespaces (/proc/net/snmp) and of netem itself (`tc -s qdisc`), or,
//! without netem, of the htb slow class and the mirred action.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::Error;
use crate::t;

use super::duplicate::{self, Duplicate};
use super::netem::{self, Qdisc};
use super::{link, netns, rate, reorder, Names, ADDR_A, ADDR_B};

/// Every datagram starts with these bytes, then its number (u64,
/// big-endian), then, when it has room (21 bytes or more), the
/// microseconds from the start of the run to its sendto() (u64): the
/// receiver is a thread of the same process, so both read one clock.
pub const MAGIC: &[u8; 5] = b"SVLAB";
/// Datagrams per second the sender sends: slow enough that netem's queue
/// (1000 packets) never overflows under a delay of up to 200 ms.
pub const RATE: u64 = 5000;

/// What one run asks for.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub count: u64,
    /// Payload bytes per datagram (at least 13: magic and number).
    pub size: usize,
}

/// UDP counters of one namespace's /proc/net/snmp.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counters {
    pub in_datagrams: u64,
    pub out_datagrams: u64,
    pub rcvbuf_errors: u64,
    pub in_errors: u64,
}

/// What one run saw.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub count: u64,
    pub size: usize,
    pub sender: String,
    pub receiver: String,
    /// netem on a's end (the direction these datagrams take), as tc says.
    pub netem: Option<String>,
    /// sendto() calls that returned success.
    pub sent: u64,
    pub send_errors: u64,
    pub send_ms: f64,
    /// Datagrams read, duplicates included.
    pub arrivals: u64,
    /// Distinct numbers read.
    pub received: u64,
    pub duplicates: u64,
    /// Arrivals whose number is lower than one that arrived before it.
    pub reordered: u64,
    /// The first few reorderings: (number, the higher number seen before it).
    pub reordered_examples: Vec<(u64, u64)>,
    /// Numbers sent but never read.
    pub lost: Vec<u64>,
    /// How long the receiver waited after the last send.
    pub waited_ms: f64,
    /// Differences over the run, `None` where a file could not be read.
    pub sender_counters: Option<Counters>,
    pub receiver_counters: Option<Counters>,
    /// netem's own counts on a's end over the run.
    pub netem_dropped: Option<u64>,
    pub netem_sent: Option<u64>,
    /// Loss percent of the XDP filter on b's end (no netem here).
    pub ingress_loss: Option<f64>,
    /// Frames a's end put on the link over the run (its TX counter).
    pub link_frames: Option<u64>,
    /// Time from sendto() to the receiver's recv() of each number's first
    /// arrival, measured on one clock; `None` for datagrams under 21 bytes.
    pub one_way_ms: Option<OneWay>,
    /// How many numbers arrived once, twice, …: (times, numbers).
    pub copies_per_number: Vec<(u64, u64)>,
    /// The htb reordering on a's end (no netem): its percent, and the
    /// packets that went through its slow class over the run.
    pub reorder_percent: Option<f64>,
    pub reorder_held: Option<u64>,
    /// The mirred duplication on a's end (no netem): its percent, and the
    /// copies the kernel sent over the run (mirred's count less the
    /// copies its nesting limit refused).
    pub duplicate_percent: Option<f64>,
    pub mirred_copies: Option<u64>,
    /// The htb rate on a's end (no netem), as tc prints it, and the
    /// packets it dropped over the run because its queue was full.
    pub rate: Option<String>,
    pub rate_dropped: Option<u64>,
}

/// The spread of the one-way times of a run, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OneWay {
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

impl OneWay {
    fn of(mut micros: Vec<u64>) -> Option<OneWay> {
        micros.sort_unstable();
        let ms = |us: u64| us as f64 / 1000.0;
        Some(OneWay {
            min: ms(*micros.first()?),
            median: ms(micros[micros.len() / 2]),
            max: ms(*micros.last()?),
        })
    }
}

fn counters(text: &str) -> Option<Counters> {
    let mut udp = text.lines().filter(|l| l.starts_with("Udp:"));
    let names: Vec<&str> = udp.next()?.split_whitespace().skip(1).collect();
    let values: Vec<&str> = udp.next()?.split_whitespace().skip(1).collect();
    let get = |name: &str| -> Option<u64> {
        let i = names.iter().position(|n| *n == name)?;
        values.get(i)?.parse().ok()
    };
    Some(Counters {
        in_datagrams: get("InDatagrams")?,
        out_datagrams: get("OutDatagrams")?,
        rcvbuf_errors: get("RcvbufErrors")?,
        in_errors: get("InErrors")?,
    })
}

fn read_counters(ns: &str) -> Result<Option<Counters>, Error> {
    Ok(netns::read_in(ns, "/proc/thread-self/net/snmp")?
        .as_deref()
        .and_then(counters))
}

fn difference(before: Option<Counters>, after: Option<Counters>) -> Option<Counters> {
    let (b, a) = (before?, after?);
    Some(Counters {
        in_datagrams: a.in_datagrams.checked_sub(b.in_datagrams)?,
        out_datagrams: a.out_datagrams.checked_sub(b.out_datagrams)?,
        rcvbuf_errors: a.rcvbuf_errors.checked_sub(b.rcvbuf_errors)?,
        in_errors: a.in_errors.checked_sub(b.in_errors)?,
    })
}

fn qdisc_difference(before: &Qdisc, after: &Qdisc, f: fn(&Qdisc) -> Option<u64>) -> Option<u64> {
    // A netem made during the run starts from 0.
    let start = if before.netem.is_some() {
        f(before)?
    } else {
        0
    };
    f(after)?.checked_sub(start)
}

fn socket_error(call: &str, e: std::io::Error) -> Error {
    Error::Socket {
        call: call.to_string(),
        source: e,
    }
}

/// Sends the datagrams and reports what arrived.
pub fn run(names: &Names, request: Request) -> Result<Report, Error> {
    link::require_up(names)?;
    let (ns_a, ns_b, dev_a) = (names.ns_a(), names.ns_b(), names.dev_a());
    let qdisc_before = netem::read(&ns_a, &dev_a)?;
    let delay = netem_delay_ms(qdisc_before.netem.as_deref());

    // Sockets made inside each namespace, used from here.
    let receiver = netns::run_in(&ns_b, || -> std::io::Result<UdpSocket> {
        let s = UdpSocket::bind((ADDR_B, 0))?;
        // A large buffer: the only losses should be the link's.
        let sock = socket2::SockRef::from(&s);
        let _ = sock.set_recv_buffer_size(8 << 20);
        s.set_read_timeout(Some(Duration::from_millis(50)))?;
        Ok(s)
    })?
    .map_err(|e| socket_error("bind", e))?;
    let sender = netns::run_in(&ns_a, || UdpSocket::bind((ADDR_A, 0)))?
        .map_err(|e| socket_error("bind", e))?;
    let to = receiver
        .local_addr()
        .map_err(|e| socket_error("getsockname", e))?;
    let from: SocketAddr = sender
        .local_addr()
        .map_err(|e| socket_error("getsockname", e))?;

    let a_before = read_counters(&ns_a)?;
    let b_before = read_counters(&ns_b)?;
    let dev_b = names.dev_b();
    let tx_before = link::tx_packets(&ns_a, &dev_a)?;
    let ingress_loss = super::bpf_loss::read(&ns_b, &dev_b)?;
    let reorder_before = reorder::read(&ns_a, &dev_a)?;
    let duplicate_before = duplicate::read(&ns_a, &dev_a)?;
    let rate_before = rate::read(&ns_a, &dev_a)?;

    let count = request.count;
    let size = request.size.max(MAGIC.len() + 8);
    // The receiver reads on its own thread while the sender sends.
    let quiet = Duration::from_millis(500 + 2 * delay as u64);
    let done = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let reader = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || read_all(&receiver, count, quiet, &done, start))
    };

    let mut payload = vec![b'.'; size];
    payload[..MAGIC.len()].copy_from_slice(MAGIC);
    let (mut sent, mut send_errors) = (0u64, 0u64);
    for n in 0..count {
        payload[MAGIC.len()..MAGIC.len() + 8].copy_from_slice(&n.to_be_bytes());
        if let Some(at) = payload.get_mut(MAGIC.len() + 8..MAGIC.len() + 16) {
            at.copy_from_slice(&(start.elapsed().as_micros() as u64).to_be_bytes());
        }
        match sender.send_to(&payload, to) {
            Ok(_) => sent += 1,
            Err(_) => send_errors += 1,
        }
        // Paced: the n-th datagram leaves at n / RATE seconds.
        let due = Duration::from_micros((n + 1) * 1_000_000 / RATE);
        if let Some(wait) = due.checked_sub(start.elapsed()) {
            std::thread::sleep(wait);
        }
    }
    let send_ms = start.elapsed().as_secs_f64() * 1000.0;
    done.store(true, Ordering::Release);
    let sent_at = Instant::now();
    let timed = reader.join().unwrap_or_default();
    let arrivals: Vec<u64> = timed.iter().map(|(n, _)| *n).collect();
    let mut first = BTreeSet::new();
    let one_way = OneWay::of(
        timed
            .iter()
            .filter(|(n, _)| first.insert(*n))
            .filter_map(|(_, us)| *us)
            .collect(),
    );
    let waited_ms = sent_at.elapsed().as_secs_f64() * 1000.0;

    let a_after = read_counters(&ns_a)?;
    let b_after = read_counters(&ns_b)?;
    let qdisc_after = netem::read(&ns_a, &dev_a)?;
    let tx_after = link::tx_packets(&ns_a, &dev_a)?;
    let reorder_after = reorder::read(&ns_a, &dev_a)?;
    let duplicate_after = duplicate::read(&ns_a, &dev_a)?;
    let rate_after = rate::read(&ns_a, &dev_a)?;
    let mut times: BTreeMap<u64, u64> = BTreeMap::new();
    for &n in &arrivals {
        *times.entry(n).or_default() += 1;
    }
    let mut per: BTreeMap<u64, u64> = BTreeMap::new();
    for &k in times.values() {
        *per.entry(k).or_default() += 1;
    }

    let mut seen = BTreeSet::new();
    let (mut duplicates, mut reordered, mut highest) = (0u64, 0u64, None::<u64>);
    let mut reordered_examples = Vec::new();
    for &n in &arrivals {
        if !seen.insert(n) {
            duplicates += 1;
            continue;
        }
        match highest {
            Some(h) if n < h => {
                reordered += 1;
                if reordered_examples.len() < 5 {
                    reordered_examples.push((n, h));
                }
            }
            _ => highest = Some(n),
        }
    }
    let lost = (0..count).filter(|n| !seen.contains(n)).collect();
    Ok(Report {
        count,
        size,
        sender: from.to_string(),
        receiver: to.to_string(),
        netem: qdisc_after.netem.clone(),
        sent,
        send_errors,
        send_ms,
        arrivals: arrivals.len() as u64,
        received: seen.len() as u64,
        duplicates,
        reordered,
        reordered_examples,
        lost,
        waited_ms,
        sender_counters: difference(a_before, a_after),
        receiver_counters: difference(b_before, b_after),
        netem_dropped: qdisc_difference(&qdisc_before, &qdisc_after, |q| q.dropped),
        netem_sent: qdisc_difference(&qdisc_before, &qdisc_after, |q| q.sent_packets),
        ingress_loss,
        link_frames: tx_after.zip(tx_before).and_then(|(a, b)| a.checked_sub(b)),
        one_way_ms: one_way,
        rate: rate_after.as_ref().map(|r| r.rate.clone()),
        rate_dropped: rate_after.as_ref().and_then(|after| {
            let start = rate_before.as_ref().map_or(0, |b| b.dropped);
            after.dropped.checked_sub(start)
        }),
        copies_per_number: per.into_iter().collect(),
        reorder_percent: reorder_after.as_ref().map(|r| r.percent),
        reorder_held: reorder_after.as_ref().and_then(|after| {
            let start = reorder_before.as_ref().map_or(0, |b| b.held_packets);
            after.held_packets.checked_sub(start)
        }),
        duplicate_percent: duplicate_after.as_ref().map(|d| d.percent),
        mirred_copies: duplicate_after.as_ref().and_then(|after| {
            let start = duplicate_before.as_ref().map_or(0, Duplicate::copies);
            after.copies().checked_sub(start)
        }),
    })
}

/// Reads numbered datagrams until all `count` numbers arrived, or nothing
/// came for `quiet` after the sender finished (`done`); bounded in any case
/// by the sending time plus `quiet` plus 5 s.
fn read_all(
    socket: &UdpSocket,
    count: u64,
    quiet: Duration,
    done: &AtomicBool,
    start: Instant,
) -> Vec<(u64, Option<u64>)> {
    let mut got = Vec::new();
    let mut distinct = BTreeSet::new();
    let send_time = Duration::from_micros(count * 1_000_000 / RATE);
    let deadline = Instant::now() + send_time + quiet + Duration::from_secs(5);
    let mut last = Instant::now();
    let mut done_at = None;
    let mut buf = vec![0u8; 65536];
    while Instant::now() < deadline {
        if done_at.is_none() && done.load(Ordering::Acquire) {
            done_at = Some(Instant::now());
        }
        match socket.recv_from(&mut buf) {
            Ok((len, _)) => {
                if let Some(n) = number(&buf[..len]) {
                    got.push((n, one_way_us(&buf[..len], start)));
                    distinct.insert(n);
                    last = Instant::now();
                    if distinct.len() as u64 == count {
                        // Late duplicates may still come; give them a moment.
                        drain(
                            socket,
                            &mut buf,
                            &mut got,
                            quiet.min(Duration::from_millis(300)),
                            start,
                        );
                        break;
                    }
                }
            }
            Err(_) => {
                if let Some(at) = done_at {
                    if at.elapsed() > quiet && last.elapsed() > quiet {
                        break;
                    }
                }
            }
        }
    }
    got
}

/// The number a datagram of this run carries.
fn number(datagram: &[u8]) -> Option<u64> {
    let rest = datagram.strip_prefix(MAGIC.as_slice())?;
    Some(u64::from_be_bytes(rest.get(..8)?.try_into().ok()?))
}

fn drain(
    socket: &UdpSocket,
    buf: &mut [u8],
    got: &mut Vec<(u64, Option<u64>)>,
    time: Duration,
    start: Instant,
) {
    let end = Instant::now() + time;
    while Instant::now() < end {
        if let Ok((len, _)) = socket.recv_from(buf) {
            if let Some(n) = number(&buf[..len]) {
                got.push((n, one_way_us(&buf[..len], start)));
            }
        }
    }
}

/// Microseconds from the datagram's sendto() (its timestamp) to now.
fn one_way_us(datagram: &[u8], start: Instant) -> Option<u64> {
    let at = datagram.get(MAGIC.len() + 8..MAGIC.len() + 16)?;
    let sent = u64::from_be_bytes(at.try_into().ok()?);
    (start.elapsed().as_micros() as u64).checked_sub(sent)
}

/// netem's delay plus jitter in ms from tc's words (`delay 50ms 20ms`).
pub fn netem_delay_ms(settings: Option<&str>) -> f64 {
    let Some(text) = settings else { return 0.0 };
    let words: Vec<&str> = text.split_whitespace().collect();
    let ms = |w: &str| -> Option<f64> {
        if let Some(v) = w.strip_suffix("ms") {
            v.parse().ok()
        } else if let Some(v) = w.strip_suffix("us") {
            v.parse::<f64>().ok().map(|v| v / 1000.0)
        } else if let Some(v) = w.strip_suffix('s') {
            v.parse::<f64>().ok().map(|v| v * 1000.0)
        } else {
            None
        }
    };
    match words.iter().position(|w| *w == "delay") {
        Some(i) => {
            let d = words.get(i + 1).and_then(|w| ms(w)).unwrap_or(0.0);
            let j = words.get(i + 2).and_then(|w| ms(w)).unwrap_or(0.0);
            d + j
        }
        None => 0.0,
    }
}

/// Says why a run's numbers and counters agree or not (for the report).
pub fn balanced(report: &Report) -> bool {
    report.received + report.lost.len() as u64 == report.sent + report.send_errors
        && report.send_errors == 0
}

/// The sentence for the sequence-number check.
pub fn balance_line(report: &Report) -> String {
    t!(
        "sent {sent} = received {received} + lost {lost}",
        sent = report.sent,
        received = report.received,
        lost = report.lost.len()
    )
}
