//! `stackviz recv` as data: a real receiver that binds, waits for datagrams,
//! and for each one reports what recvfrom() returned and, when capturing, the
//! frame it arrived in, decapsulated outermost first. No printing here: each
//! datagram goes to a callback the caller renders with.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::capturing::{CaptureMode, CapturedDissection};
use crate::dissect::{dissect_ethernet, Fcs};
use crate::error::capture_hint;
use crate::error::Error;
use crate::model::Origin;
use crate::net::capture::{self, CaptureError, FrameSource};
use crate::net::exchange::SocketCall;
use crate::net::receiver::{self, Datagram};
use crate::net::sockopt;
use crate::t;

#[derive(Debug, Clone)]
pub struct RecvOptions {
    pub bind: SocketAddr,
    pub buffer: usize,
    pub count: Option<usize>,
    pub timeout: Option<Duration>,
    pub capture: CaptureMode,
    /// `--rcvbuf`: the receive buffer to ask for (else the kernel's default).
    pub rcvbuf: Option<usize>,
}

/// How often a blocked wait comes back to look at Ctrl-C and the deadline.
const POLL: Duration = Duration::from_millis(100);

/// One received datagram with everything known about it.
#[derive(Debug, Clone)]
pub struct DatagramReport {
    /// 1 for the first datagram.
    pub number: usize,
    pub datagram: Datagram,
    /// The frame it arrived in, when capturing.
    pub frame: Option<CapturedDissection>,
    /// The socket the destination port delivered it to.
    pub delivered_to: SocketAddr,
}

/// Why the receiver stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Count,
    Timeout,
    Interrupted,
}

/// What the whole run saw.
#[derive(Debug, Clone, PartialEq)]
pub struct RecvSummary {
    pub bound: SocketAddr,
    pub datagrams: usize,
    pub truncated: usize,
    pub bytes: usize,
    pub ended: Ended,
    pub seconds: f64,
    pub capture_note: Option<String>,
    /// Datagrams the capture saw arrive for this port that recvfrom() never
    /// returned: a later one from the same sender came first, so the kernel
    /// dropped them (the socket's receive queue was full). Counted only
    /// while capturing, and a lower bound: drops after the last datagram
    /// delivered, or frames the capture itself missed, are not seen.
    pub dropped_before_recvfrom: usize,
    /// The kernel's own count of datagrams it dropped on this socket because
    /// its receive queue was full (SO_MEMINFO / SO_RXQ_OVFL): exact, also
    /// without capture. `None` when this kernel does not say (before 4.6).
    pub dropped_by_kernel: Option<u64>,
    /// SO_RCVBUF as getsockopt() reported it: the queue's size in bytes.
    pub receive_buffer: Option<usize>,
    /// `--summary`: datagrams per second from the first to the last.
    pub datagrams_per_second: Option<f64>,
    /// Datagrams still queued when the receiver ended (count, timeout,
    /// Ctrl-C): taken off the queue unread and counted, not shown.
    pub unread_at_end: usize,
}

/// More datagrams came while stackviz drew one: what the kernel says as
/// the next one is taken (SO_MEMINFO), so that none goes unmentioned.
/// Given when datagrams start to queue up and whenever some were dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlog {
    /// The datagram just taken, shown next.
    pub next: usize,
    /// Bytes of further datagrams waiting in the socket's receive queue
    /// (kernel memory, bookkeeping included: the kernel gives no count of
    /// datagrams). They are shown after it.
    pub queued_bytes: u64,
    /// Datagrams the kernel dropped since the previous look (queue full).
    pub dropped: u64,
    /// Dropped on this socket so far.
    pub total_dropped: u64,
}

/// What the caller gets before the first datagram: the setup calls and
/// whether a capture runs.
pub struct Started<'a> {
    pub bound: SocketAddr,
    pub setup: &'a [SocketCall],
    pub capture_note: Option<(String, String)>,
}

/// Runs the receiver until `count`, `timeout` or `stop` (Ctrl-C).
pub fn run(
    options: &RecvOptions,
    stop: &AtomicBool,
    on_start: impl FnMut(&Started<'_>) -> std::io::Result<()>,
    on_datagram: impl FnMut(&DatagramReport) -> std::io::Result<()>,
) -> Result<RecvSummary, Error> {
    run_watching(options, stop, on_start, on_datagram, |_| Ok(()))
}

/// As [`run`], and before each datagram is drawn, `on_backlog` hears of
/// the datagrams that queued up or were dropped since the previous one.
pub fn run_watching(
    options: &RecvOptions,
    stop: &AtomicBool,
    mut on_start: impl FnMut(&Started<'_>) -> std::io::Result<()>,
    mut on_datagram: impl FnMut(&DatagramReport) -> std::io::Result<()>,
    mut on_backlog: impl FnMut(&Backlog) -> std::io::Result<()>,
) -> Result<RecvSummary, Error> {
    // Open the capture before binding so not even the first frame is missed.
    let (mut source, capture_note) = match options.capture {
        CaptureMode::Off => (None, None),
        mode => match capture::open_any() {
            Ok(source) => (Some(source), None),
            Err(e) if mode == CaptureMode::On => return Err(Error::Capture(e)),
            Err(e) => {
                let hint = match e {
                    CaptureError::NoPermission { .. } => capture_hint().to_string(),
                    _ => t!("use --capture off to silence this note").to_string(),
                };
                let note = t!(
                    "no capture: {error}; frames are not shown, only what recvfrom() returns",
                    error = e
                );
                (None, Some((note, hint)))
            }
        },
    };
    let mut receiver = receiver::bind(options.bind, POLL)?;
    if let Some(bytes) = options.rcvbuf {
        let buffer = crate::net::rcvbuf::enlarge(receiver.socket(), bytes).map_err(|source| {
            Error::Socket {
                call: "setsockopt(SO_RCVBUF)".into(),
                source,
            }
        })?;
        receiver.setup.push(buffer.call);
    }
    let kernel = |r: &receiver::Receiver| sockopt::meminfo(r.socket()).ok();
    let mut drops = kernel(&receiver).map_or(0, |m| u64::from(m.drops));
    let mut queueing = false;
    on_start(&Started {
        bound: receiver.bound,
        setup: &receiver.setup,
        capture_note: capture_note.clone(),
    })
    .map_err(Error::Output)?;

    let started = Instant::now();
    let mut ahead = FramesAhead::default();
    let mut summary = RecvSummary {
        bound: receiver.bound,
        datagrams: 0,
        truncated: 0,
        bytes: 0,
        ended: Ended::Timeout,
        seconds: 0.0,
        capture_note: capture_note.map(|(note, _)| note),
        dropped_before_recvfrom: 0,
        dropped_by_kernel: None,
        receive_buffer: socket2::SockRef::from(receiver.socket())
            .recv_buffer_size()
            .ok(),
        datagrams_per_second: None,
        unread_at_end: 0,
    };
    loop {
        if stop.load(Ordering::SeqCst) {
            summary.ended = Ended::Interrupted;
            break;
        }
        if options.count.is_some_and(|c| summary.datagrams >= c) {
            summary.ended = Ended::Count;
            break;
        }
        if options.timeout.is_some_and(|t| started.elapsed() >= t) {
            summary.ended = Ended::Timeout;
            break;
        }
        let Some(datagram) = receiver.receive(options.buffer)? else {
            continue;
        };
        // What queued up or was dropped while the previous datagram was
        // drawn, looked at as this one is taken (a look after the drawing
        // would also count a sender that only answered the drawing).
        if let Some(now) = kernel(&receiver) {
            let total = u64::from(now.drops).max(drops);
            // Said when datagrams start to queue up (once until the queue
            // is seen empty again) and whenever the kernel dropped some.
            let starts_queueing = now.queued_bytes > 0 && !queueing;
            queueing = now.queued_bytes > 0;
            if starts_queueing || total > drops {
                on_backlog(&Backlog {
                    next: summary.datagrams + 1,
                    queued_bytes: u64::from(now.queued_bytes),
                    dropped: total - drops,
                    total_dropped: total,
                })
                .map_err(Error::Output)?;
            }
            drops = total;
        }
        summary.datagrams += 1;
        summary.bytes += datagram.length;
        summary.truncated += usize::from(datagram.truncated);
        let frame = match (source.as_mut(), datagram.from) {
            (Some(source), from) => {
                // The datagram's whole payload: what the buffer got and what it lost.
                let payload = [datagram.data.as_slice(), datagram.lost.as_slice()].concat();
                caught_frame(
                    source,
                    &mut ahead,
                    from,
                    receiver.bound.port(),
                    &payload,
                    &mut summary.dropped_before_recvfrom,
                )
            }
            _ => None,
        };
        let report = DatagramReport {
            number: summary.datagrams,
            datagram,
            frame,
            delivered_to: receiver.bound,
        };
        on_datagram(&report).map_err(Error::Output)?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    summary.unread_at_end = crate::net::rcvbuf::discard_queued(receiver.socket());
    summary.dropped_by_kernel = kernel(&receiver).map(|m| u64::from(m.drops).max(drops));
    Ok(summary)
}

/// Frames read off the capture but not yet matched to a datagram: when
/// datagrams arrive back to back, one read brings the frames of several.
#[derive(Default)]
struct FramesAhead {
    pending: std::collections::VecDeque<(Vec<u8>, Duration)>,
}

/// At most this many frames wait for their datagram.
const PENDING_LIMIT: usize = 1024;

impl FramesAhead {
    /// Takes the first pending frame `matches` accepts (the datagram's own
    /// bytes), and the identical copy right after it (loopback may show a
    /// frame twice). Frames of the same flow (`same_flow`: sender and port)
    /// queued before it are datagrams recvfrom() never returned: one
    /// socket's datagrams keep their order, so the kernel dropped them
    /// (the socket's queue was full). They are removed and counted, distinct
    /// frames only.
    fn take(
        &mut self,
        matches: &dyn Fn(&[u8]) -> bool,
        same_flow: &dyn Fn(&[u8]) -> bool,
    ) -> Option<((Vec<u8>, Duration), usize)> {
        let i = self.pending.iter().position(|(f, _)| matches(f))?;
        let frame = self.pending.remove(i)?;
        if self.pending.get(i).is_some_and(|(f, _)| *f == frame.0) {
            self.pending.remove(i);
        }
        let mut dropped = 0;
        let mut last: Option<Vec<u8>> = None;
        let mut kept = std::collections::VecDeque::with_capacity(self.pending.len());
        for (at, (f, time)) in self.pending.drain(..).enumerate() {
            if at < i && same_flow(&f) {
                if last.as_ref() != Some(&f) {
                    dropped += 1;
                }
                last = Some(f);
            } else {
                kept.push_back((f, time));
            }
        }
        self.pending = kept;
        Some((frame, dropped))
    }
}

/// The frame that carried the datagram from `from` to `port`: it passed the
/// capture point before recvfrom() returned, so it is already queued.
fn caught_frame(
    source: &mut dyn FrameSource,
    ahead: &mut FramesAhead,
    from: SocketAddr,
    port: u16,
    payload: &[u8],
    dropped: &mut usize,
) -> Option<CapturedDissection> {
    let matches = |f: &[u8]| capture::carries_datagram(f, from, port, payload);
    let same_flow = |f: &[u8]| capture::is_datagram_to_port(f, from, port);
    let deadline = std::time::Instant::now() + Duration::from_millis(500);
    let mut found = ahead.take(&matches, &same_flow);
    while found.is_none() {
        let now = std::time::Instant::now();
        if now >= deadline {
            break;
        }
        // Datagrams for our port go into the queue (this one's or a later one's).
        let Ok(Some(frame)) = source.next_frame(deadline - now) else {
            break;
        };
        let ours = |f: &[u8]| capture::udp_destination_port(f) == Some(port);
        if ours(&frame) && ahead.pending.len() < PENDING_LIMIT {
            let at = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            ahead.pending.push_back((frame, at));
        }
        // Loopback's second copy follows at once: let it into the queue too.
        if let Ok(Some(copy)) = source.next_frame(Duration::from_millis(5)) {
            if ours(&copy) && ahead.pending.len() < PENDING_LIMIT {
                ahead.pending.push_back((copy, Duration::ZERO));
            }
        }
        found = ahead.take(&matches, &same_flow);
    }
    let ((bytes, read_at), skipped) = found?;
    *dropped += skipped;
    let mut dissection = dissect_ethernet(&bytes, Fcs::Absent);
    let origin = Origin::observed(t!(
        "captured on {interface} (pnet)",
        interface = source.interface()
    ));
    for field in dissection.fields_mut() {
        field.origin = Some(origin.clone());
    }
    Some(CapturedDissection {
        bytes,
        dissection,
        read_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frames as (flow letter, payload): flow `a` is the sender recv asks
    /// about, `z` another one.
    fn ahead(frames: &[&[u8]]) -> FramesAhead {
        FramesAhead {
            pending: frames
                .iter()
                .map(|f| (f.to_vec(), Duration::ZERO))
                .collect(),
        }
    }

    #[test]
    fn the_frame_with_the_datagrams_bytes_is_taken_not_the_oldest_of_its_sender() {
        // a1 and a2 reached the host, the socket dropped them, a3 is what
        // recvfrom() returned; z1 is another sender's and stays queued.
        let mut queue = ahead(&[b"a1", b"z1", b"a2", b"a2", b"a3", b"a4"]);
        let same_flow = |f: &[u8]| f[0] == b'a';
        let (frame, dropped) = queue.take(&|f| f == b"a3", &same_flow).unwrap();
        assert_eq!(frame.0, b"a3");
        assert_eq!(dropped, 2, "a1 and a2 (its copy counted once)");
        let left: Vec<&[u8]> = queue.pending.iter().map(|(f, _)| f.as_slice()).collect();
        assert_eq!(left, [&b"z1"[..], &b"a4"[..]]);
        // The next datagram finds its own frame; nothing more was dropped.
        let (frame, dropped) = queue.take(&|f| f == b"a4", &same_flow).unwrap();
        assert_eq!((frame.0.as_slice(), dropped), (&b"a4"[..], 0));
        assert!(queue.take(&|f| f == b"a5", &same_flow).is_none());
    }
}
