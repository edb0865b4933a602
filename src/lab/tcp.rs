//! TCP across the impaired link: one connection from host a to host b
//! sends N bytes, captured at both veth ends, and every segment is
//! classified from what the two captures saw: lost (left a's end, never
//! reached b's), retransmitted (data below the highest already sent), and
//! the duplicate ACKs and SACK blocks that came back.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use etherparse::{NetSlice, SlicedPacket, TcpOptionElement, TransportSlice};
use serde::Serialize;

use crate::error::Error;
use crate::net::capture;
use crate::net::tcp_info::TcpInfo;
use crate::session::ladder::{Arrow, End, Ladder, LadderRow};
use crate::t;

use super::{link, netem, netns, Names, ADDR_B};

/// Every wait of a run ends within this.
const LIMIT: Duration = Duration::from_secs(60);

/// One TCP segment as a capture saw it.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// 1 for the first segment of the run (time order).
    pub number: usize,
    /// Milliseconds since the first segment.
    pub at_ms: f64,
    /// True when host a sent it.
    pub from_a: bool,
    pub flags: String,
    /// Relative to the sender's ISN.
    pub seq: u32,
    pub ack: Option<u32>,
    pub len: usize,
    pub window: u16,
    pub ip_id: u16,
    /// SACK blocks, relative to the receiver's... the data sender's ISN.
    pub sack: Vec<(u32, u32)>,
    /// Seen at the sender's end, never at the receiver's.
    pub lost: bool,
    /// Data (or SYN/FIN) below the highest sequence number already sent.
    pub retransmission: bool,
    /// For a retransmission: how many duplicate ACKs of its seq the sender
    /// had received since the last new ACK, when it was sent.
    pub dup_acks_before: Option<u32>,
    /// For a retransmission: the last ACK the sender had received held a
    /// SACK block above this segment (the receiver reported the gap).
    pub sack_beyond: bool,
    /// For a retransmission: milliseconds since the sender last heard
    /// from the receiver.
    pub quiet_ms: Option<f64>,
    /// A second copy of one transmission (same IP ID): the link duplicated it.
    pub copied: bool,
    /// A pure ACK repeating the previous ACK number: the k-th duplicate.
    pub duplicate_ack: Option<u32>,
}

/// What one run saw.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub bytes: usize,
    pub client: String,
    pub server: String,
    pub netem: Option<String>,
    pub xdp_loss: Option<f64>,
    pub segments: Vec<Segment>,
    /// The server read exactly the bytes sent.
    pub intact: bool,
    pub received: usize,
    pub seconds: f64,
    /// The client's TCP_INFO at the end: retransmissions counted by the
    /// kernel, and its RTO.
    pub kernel_retransmits: Option<u32>,
    pub rto_ms: Option<f64>,
    /// The client's smoothed RTT at the end (tcpi_rtt): with --rate, the
    /// time segments spent queued and on the slow wire.
    pub rtt_ms: Option<f64>,
    /// Data segments that reached b's end after one a sent later: the
    /// link reordered them (first transmissions only).
    pub out_of_order_at_b: usize,
    /// Frames the captures' kernels dropped (0 expected).
    pub capture_a_frames: usize,
    pub capture_b_frames: usize,
}

impl Report {
    pub fn data_segments(&self) -> usize {
        self.segments
            .iter()
            .filter(|s| s.from_a && s.len > 0)
            .count()
    }
    pub fn lost(&self) -> usize {
        self.segments.iter().filter(|s| s.lost).count()
    }
    pub fn retransmissions(&self) -> usize {
        self.segments.iter().filter(|s| s.retransmission).count()
    }
    pub fn duplicate_acks(&self) -> usize {
        self.segments
            .iter()
            .filter(|s| s.duplicate_ack.is_some())
            .count()
    }
    pub fn with_sack(&self) -> usize {
        self.segments.iter().filter(|s| !s.sack.is_empty()).count()
    }
}

/// The bytes sent: a pattern whose every 251-byte stretch differs, so a
/// byte out of place is noticed.
pub fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8 ^ (i / 251) as u8).collect()
}

fn lab_error(message: String) -> Error {
    Error::Lab {
        message,
        hint: t!("run stackviz lab status to see the lab").to_string(),
        usage: false,
    }
}

/// Runs the transfer and classifies its segments.
pub fn run(names: &Names, bytes: usize) -> Result<Report, Error> {
    link::require_up(names)?;
    let (ns_a, ns_b) = (names.ns_a(), names.ns_b());
    let netem_now = netem::read(&ns_a, &names.dev_a())?.netem;
    let xdp_loss = super::bpf_loss::read(&ns_b, &names.dev_b())?;

    let listener = netns::run_in(&ns_b, || TcpListener::bind((ADDR_B, 0)))?
        .map_err(|e| lab_error(format!("bind: {e}")))?;
    let server: SocketAddr = listener
        .local_addr()
        .map_err(|e| lab_error(format!("getsockname: {e}")))?;
    // Captures open before the connection starts, one in each namespace.
    let dev_a = names.dev_a();
    let dev_b = names.dev_b();
    let cap_a = netns::run_in(&ns_a, move || capture::open(&dev_a))?.map_err(Error::Capture)?;
    let cap_b = netns::run_in(&ns_b, move || capture::open(&dev_b))?.map_err(Error::Capture)?;
    let keep = capture::is_tcp;
    let back_a = capture::read_in_background(cap_a, keep, 100_000)
        .map_err(|e| lab_error(format!("capture: {e}")))?;
    let back_b = capture::read_in_background(cap_b, keep, 100_000)
        .map_err(|e| lab_error(format!("capture: {e}")))?;

    let started = Instant::now();
    let reader = std::thread::spawn(move || -> std::io::Result<Vec<u8>> {
        listener.set_nonblocking(true)?;
        let deadline = Instant::now() + LIMIT;
        let (mut stream, _) = loop {
            match listener.accept() {
                Ok(pair) => break pair,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if Instant::now() > deadline {
                        return Err(std::io::ErrorKind::TimedOut.into());
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(e) => return Err(e),
            }
        };
        stream.set_nonblocking(false)?;
        stream.set_read_timeout(Some(LIMIT))?;
        let mut got = Vec::new();
        stream.read_to_end(&mut got)?;
        Ok(got)
    });
    let data = pattern(bytes);
    let sent = {
        let data = data.clone();
        netns::run_in(
            &ns_a,
            move || -> std::io::Result<(SocketAddr, Option<TcpInfo>)> {
                let mut stream = TcpStream::connect_timeout(&server, LIMIT)?;
                stream.set_write_timeout(Some(LIMIT))?;
                stream.write_all(&data)?;
                stream.shutdown(std::net::Shutdown::Write)?;
                let client = stream.local_addr()?;
                // The server closes after reading everything: its FIN
                // acknowledges all our data and our FIN, so once it is read no
                // retransmission is left to come and TCP_INFO counts them all.
                // (Waiting for "nothing unacknowledged" is not enough: data
                // still queued unsent is not counted as unacknowledged.)
                let mut rest = Vec::new();
                stream.set_read_timeout(Some(LIMIT))?;
                let _ = stream.read_to_end(&mut rest);
                let info = TcpInfo::of(&stream);
                Ok((client, info))
            },
        )?
    };
    let received = reader
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("reader")));
    let seconds = started.elapsed().as_secs_f64();
    // The last ACK crosses in microseconds; give the captures a moment.
    std::thread::sleep(Duration::from_millis(100));
    let (src_a, frames_a, _) = back_a
        .finish()
        .map_err(|e| lab_error(format!("capture: {e}")))?;
    let (src_b, frames_b, _) = back_b
        .finish()
        .map_err(|e| lab_error(format!("capture: {e}")))?;
    src_a.close_in_background();
    src_b.close_in_background();
    let (client, info) =
        sent.map_err(|e| lab_error(t!("the transfer failed: {error}", error = e)))?;
    let received =
        received.map_err(|e| lab_error(t!("the transfer failed: {error}", error = e)))?;

    let a: Vec<Parsed> = frames_a
        .iter()
        .filter_map(|(f, at)| parse(f, *at))
        .collect();
    let b: Vec<Parsed> = frames_b
        .iter()
        .filter_map(|(f, at)| parse(f, *at))
        .collect();
    let segments = classify(&a, &b, client, server);
    let out_of_order_at_b = out_of_order(&b, client);
    Ok(Report {
        bytes,
        client: client.to_string(),
        server: server.to_string(),
        netem: netem_now,
        xdp_loss,
        segments,
        intact: received == data,
        received: received.len(),
        seconds,
        kernel_retransmits: info.as_ref().map(|i| i.retransmits_total),
        rto_ms: info.as_ref().map(|i| i.rto_us as f64 / 1000.0),
        rtt_ms: info.as_ref().map(|i| i.rtt_us as f64 / 1000.0),
        out_of_order_at_b,
        capture_a_frames: frames_a.len(),
        capture_b_frames: frames_b.len(),
    })
}

/// The fields of one captured TCP segment.
#[derive(Debug, Clone)]
struct Parsed {
    at: Duration,
    src: SocketAddr,
    ip_id: u16,
    seq: u32,
    ack: Option<u32>,
    syn: bool,
    fin: bool,
    rst: bool,
    psh: bool,
    len: usize,
    window: u16,
    sack: Vec<(u32, u32)>,
}

impl Parsed {
    /// What identifies one transmission: a retransmission has a new IP ID.
    fn key(&self) -> (SocketAddr, u16, u32, Option<u32>, usize) {
        (self.src, self.ip_id, self.seq, self.ack, self.len)
    }
}

fn parse(frame: &[u8], at: Duration) -> Option<Parsed> {
    let packet = SlicedPacket::from_ethernet(frame).ok()?;
    let Some(NetSlice::Ipv4(ip)) = packet.net else {
        return None;
    };
    let Some(TransportSlice::Tcp(tcp)) = packet.transport else {
        return None;
    };
    let header = ip.header();
    let src = SocketAddr::new(Ipv4Addr::from(header.source()).into(), tcp.source_port());
    let mut sack = Vec::new();
    for option in tcp.options_iterator().flatten() {
        if let TcpOptionElement::SelectiveAcknowledgement(first, rest) = option {
            sack.push(first);
            sack.extend(rest.iter().flatten());
        }
    }
    Some(Parsed {
        at,
        src,
        ip_id: header.identification(),
        seq: tcp.sequence_number(),
        ack: tcp.ack().then(|| tcp.acknowledgment_number()),
        syn: tcp.syn(),
        fin: tcp.fin(),
        rst: tcp.rst(),
        psh: tcp.psh(),
        len: tcp.payload().len(),
        window: tcp.window_size(),
        sack,
    })
}

fn flags(p: &Parsed) -> String {
    let mut f = Vec::new();
    if p.syn {
        f.push("SYN");
    }
    if p.fin {
        f.push("FIN");
    }
    if p.rst {
        f.push("RST");
    }
    if p.psh {
        f.push("PSH");
    }
    if p.ack.is_some() {
        f.push("ACK");
    }
    f.join(", ")
}

/// Joins the two captures into one timeline of segments, each taken from
/// its sender's capture, and marks losses, retransmissions and duplicate
/// ACKs.
fn classify(a: &[Parsed], b: &[Parsed], client: SocketAddr, server: SocketAddr) -> Vec<Segment> {
    let ours = |p: &Parsed| p.src == client || p.src == server;
    // The order is a's capture's: the client's end, which sends the data
    // and receives the ACKs, sees both in the order that mattered to it.
    // (The two captures' read times come from two threads and are not
    // comparable.) What the client sent and b never saw was lost.
    let at_b: HashSet<_> = b.iter().filter(|p| ours(p)).map(Parsed::key).collect();
    let at_a: HashSet<_> = a.iter().filter(|p| ours(p)).map(Parsed::key).collect();
    let mut timeline: Vec<(&Parsed, bool)> = a
        .iter()
        .filter(|p| ours(p))
        .map(|p| (p, p.src == client && !at_b.contains(&p.key())))
        .collect();
    // What the server sent and a never saw (only with --both) goes after
    // the last segment both captures hold that b's capture had before it.
    let mut inserts: Vec<(usize, &Parsed)> = Vec::new();
    for (i, p) in b.iter().enumerate() {
        if p.src != server || at_a.contains(&p.key()) {
            continue;
        }
        let anchor = b[..i]
            .iter()
            .rev()
            .find(|q| at_a.contains(&q.key()))
            .and_then(|q| timeline.iter().position(|(t, _)| t.key() == q.key()));
        inserts.push((anchor.map_or(0, |x| x + 1), p));
    }
    for (offset, (at, p)) in inserts.into_iter().enumerate() {
        let at = (at + offset).min(timeline.len());
        timeline.insert(at, (p, true));
    }
    let isn_a = timeline
        .iter()
        .find(|(p, _)| p.src == client && p.syn)
        .map(|(p, _)| p.seq);
    let isn_b = timeline
        .iter()
        .find(|(p, _)| p.src == server && p.syn)
        .map(|(p, _)| p.seq);
    let (Some(isn_a), Some(isn_b)) = (isn_a, isn_b) else {
        return Vec::new();
    };
    let sent_before = sent_before(&timeline, client, isn_a);
    let start = timeline.first().map(|(p, _)| p.at).unwrap_or_default();
    let mut previous_at = start;
    let mut highest: HashMap<bool, u32> = HashMap::new();
    let mut seen = HashSet::new();
    // Duplicate ACKs the client has received (as seen at its end).
    let (mut last_ack, mut dups): (Option<u32>, u32) = (None, 0);
    // The last segment the client received: its time and SACK blocks.
    let mut last_in: Option<(Duration, Vec<(u32, u32)>)> = None;
    let mut out = Vec::new();
    for (p, lost) in timeline {
        let from_a = p.src == client;
        // A frame only b's capture holds keeps the time order of a's.
        let at = if lost && !from_a { previous_at } else { p.at };
        previous_at = at;
        let (own, peer) = if from_a {
            (isn_a, isn_b)
        } else {
            (isn_b, isn_a)
        };
        let seq = p.seq.wrapping_sub(own);
        let ack = p.ack.map(|a| a.wrapping_sub(peer));
        let span = p.len as u32 + u32::from(p.syn) + u32::from(p.fin);
        let top = highest.entry(from_a).or_insert(0);
        // The same IP ID again is the same transmission copied by the link
        // (netem --duplicate), not TCP sending it again.
        let copied = !seen.insert(p.key());
        // The client's data is judged against what it sent before it (by
        // IP ID), not what its capture saw before it: a segment held back
        // by the link's qdisc leaves after later ones and is no
        // retransmission.
        let before = if from_a {
            sent_before.get(&p.key()).copied().unwrap_or(0)
        } else {
            *top
        };
        let retransmission =
            !copied && span > 0 && seq.wrapping_add(span) <= before && !(p.syn && before == 0);
        if seq.wrapping_add(span) > *top {
            *top = seq.wrapping_add(span);
        }
        let mut duplicate_ack = None;
        if !from_a && p.len == 0 && !p.syn && !p.fin {
            // Counted as the client saw them: a lost ACK never arrived.
            if !lost {
                if ack.is_some() && ack == last_ack {
                    dups += 1;
                    duplicate_ack = Some(dups);
                } else {
                    last_ack = ack;
                    dups = 0;
                }
            }
        } else if !from_a && ack.is_some() && ack != last_ack && !lost {
            last_ack = ack;
            dups = 0;
        }
        let sack: Vec<(u32, u32)> = p
            .sack
            .iter()
            .map(|&(l, r)| (l.wrapping_sub(peer), r.wrapping_sub(peer)))
            .collect();
        let resent = retransmission && from_a;
        let dup_acks_before = resent.then_some(if last_ack == Some(seq) { dups } else { 0 });
        let sack_beyond = resent
            && last_in.as_ref().is_some_and(|(_, blocks)| {
                blocks.iter().any(|&(l, _)| l >= seq.wrapping_add(span))
            });
        let quiet_ms = resent
            .then(|| {
                last_in
                    .as_ref()
                    .map(|(t, _)| at.saturating_sub(*t).as_secs_f64() * 1000.0)
            })
            .flatten();
        if !from_a && !lost {
            last_in = Some((at, sack.clone()));
        }
        out.push(Segment {
            number: out.len() + 1,
            at_ms: at.saturating_sub(start).as_secs_f64() * 1000.0,
            from_a,
            flags: flags(p),
            seq,
            ack,
            len: p.len,
            window: p.window,
            ip_id: p.ip_id,
            sack,
            lost,
            retransmission,
            dup_acks_before,
            sack_beyond,
            quiet_ms,
            copied,
            duplicate_ack,
        });
    }
    out
}

/// Data segments from `client` that reached b after one sent later. The
/// order of sending is the IP ID's (the socket's counter goes up by one a
/// packet as TCP hands it down), not a's capture's: a capture sees a frame
/// as it leaves the qdisc, after a held packet was overtaken. A second
/// copy of the same transmission (same IP ID) is not counted.
fn out_of_order(b: &[Parsed], client: SocketAddr) -> usize {
    let mut data = b.iter().filter(|p| p.src == client && p.len > 0);
    let Some(first) = data.next() else { return 0 };
    // Relative to the first arrival, with room below it for a segment
    // sent earlier that arrived later.
    let base = first.ip_id.wrapping_sub(1 << 14);
    let mut seen = HashSet::new();
    let mut highest = first.ip_id.wrapping_sub(base);
    seen.insert(first.key());
    let mut late = 0;
    for p in data {
        if !seen.insert(p.key()) {
            continue;
        }
        let id = p.ip_id.wrapping_sub(base);
        if id < highest {
            late += 1;
        } else {
            highest = id;
        }
    }
    late
}

/// For each transmission of the client: the highest relative sequence
/// number (seq + length) of the transmissions it sent before it, in the
/// order of their IP IDs (the socket's counter, one up per packet).
fn sent_before(
    timeline: &[(&Parsed, bool)],
    client: SocketAddr,
    isn: u32,
) -> HashMap<(SocketAddr, u16, u32, Option<u32>, usize), u32> {
    let mut sent: Vec<&Parsed> = timeline
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| p.src == client)
        .collect();
    let Some(first) = sent.first() else {
        return HashMap::new();
    };
    // Room below the first one seen for a packet sent before it.
    let base = first.ip_id.wrapping_sub(1 << 14);
    sent.sort_by_key(|p| p.ip_id.wrapping_sub(base));
    let mut top = 0u32;
    let mut out = HashMap::new();
    for p in sent {
        out.entry(p.key()).or_insert(top);
        let end = p
            .seq
            .wrapping_sub(isn)
            .wrapping_add(p.len as u32 + u32::from(p.syn) + u32::from(p.fin));
        top = top.max(end);
    }
    out
}

/// The ladder: a on the left, b on the right, one arrow per segment.
pub fn ladder(report: &Report, left: String, right: String) -> Ladder {
    let rows = report
        .segments
        .iter()
        .map(|s| {
            LadderRow::Segment(Arrow {
                number: s.number,
                from: if s.from_a { End::Left } else { End::Right },
                flags: s.flags.clone(),
                seq: s.seq,
                ack: s.ack,
                seq_absolute: s.seq,
                ack_absolute: s.ack,
                length: s.len,
                window: s.window,
                window_bytes: None,
                at: Some(Duration::from_secs_f64(s.at_ms / 1000.0)),
                lost: s.lost,
                retransmission: s.retransmission,
                observed: true,
            })
        })
        .collect();
    Ladder { left, right, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: &str = "10.200.0.1:40000";
    const S: &str = "10.200.0.2:5000";

    fn seg(ms: u64, from_client: bool, id: u16, seq: u32, ack: u32, len: usize) -> Parsed {
        Parsed {
            at: Duration::from_millis(ms),
            src: (if from_client { C } else { S }).parse().unwrap(),
            ip_id: id,
            seq,
            ack: Some(ack),
            syn: false,
            fin: false,
            rst: false,
            psh: false,
            len,
            window: 500,
            sack: Vec::new(),
        }
    }

    /// Handshake, then data 1..=4 of 100 bytes each with #2 lost, three
    /// duplicate ACKs (with SACK), the retransmission, and a copy of #4
    /// made by the link.
    fn run() -> Vec<Segment> {
        let mut syn = seg(0, true, 1, 1000, 0, 0);
        syn.syn = true;
        syn.ack = None;
        let mut syn_ack = seg(1, false, 0, 5000, 1001, 0);
        syn_ack.syn = true;
        let data = |ms, id, n: u32| seg(ms, true, id, 1001 + 100 * n, 5001, 100);
        let dup = |ms, id, right: u32| {
            let mut d = seg(ms, false, id, 5001, 1101, 0);
            d.sack = vec![(1201, 1201 + right)];
            d
        };
        let a = vec![
            syn.clone(),
            syn_ack.clone(),
            data(2, 2, 0),
            data(3, 3, 1), // lost
            data(4, 4, 2),
            data(5, 5, 3),
            data(5, 5, 3), // the link's copy
            seg(6, false, 10, 5001, 1101, 0),
            dup(7, 11, 100),
            dup(8, 12, 200),
            dup(9, 13, 200),
            data(10, 6, 1), // fast retransmit
            seg(11, false, 14, 5001, 1401, 0),
        ];
        let b: Vec<Parsed> = a
            .iter()
            .filter(|p| !(p.ip_id == 3 && p.src.port() == 40000))
            .cloned()
            .collect();
        classify(&a, &b, C.parse().unwrap(), S.parse().unwrap())
    }

    #[test]
    fn the_lost_segment_is_the_one_only_the_sender_saw() {
        let s = run();
        let lost: Vec<u32> = s.iter().filter(|x| x.lost).map(|x| x.seq).collect();
        assert_eq!(lost, vec![101]);
    }

    #[test]
    fn three_duplicate_acks_then_the_retransmission_is_a_fast_retransmit() {
        let s = run();
        let dups: Vec<u32> = s.iter().filter_map(|x| x.duplicate_ack).collect();
        assert_eq!(dups, vec![1, 2, 3]);
        let resent: Vec<&Segment> = s.iter().filter(|x| x.retransmission).collect();
        assert_eq!(resent.len(), 1);
        assert_eq!(resent[0].seq, 101);
        assert_eq!(resent[0].dup_acks_before, Some(3));
        assert!(resent[0].sack_beyond);
        assert_eq!(s[8].sack, vec![(201, 301)]);
    }

    #[test]
    fn a_segment_arriving_behind_a_later_one_is_out_of_order() {
        let c: SocketAddr = C.parse().unwrap();
        let data = |id, n: u32| seg(n.into(), true, id, 1001 + 100 * n, 5001, 100);
        let a = vec![data(2, 0), data(3, 1), data(4, 2), data(5, 3)];
        // #1 held back, and #3 arriving twice (a copy made by the link).
        let b = vec![data(2, 0), data(4, 2), data(5, 3), data(3, 1), data(5, 3)];
        assert_eq!(out_of_order(&b, c), 1);
        assert_eq!(out_of_order(&a, c), 0);
    }

    #[test]
    fn a_copy_made_by_the_link_is_not_a_retransmission() {
        let s = run();
        let copies: Vec<u32> = s.iter().filter(|x| x.copied).map(|x| x.seq).collect();
        assert_eq!(copies, vec![301]);
    }
}
