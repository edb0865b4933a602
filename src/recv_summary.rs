//! `stackviz recv --summary` as data: the same real receiver, made to keep
//! up with a classroom. One recvmmsg() takes every datagram queued (up to a
//! batch), the socket's queue is enlarged (SO_RCVBUF/SO_RCVBUFFORCE), and
//! the kernel's own drop counter comes with the datagrams (SO_RXQ_OVFL), so
//! every datagram is either reported or counted as dropped. Nothing is kept
//! per datagram: memory stays flat however many arrive. No capture: the
//! packet socket would have to read and match two copies of every frame,
//! which at tens of thousands a second costs more than the receiving does
//! and drops frames of its own; what a summary line shows (sender, length,
//! data) comes from recvmmsg() itself.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::net::exchange::SocketCall;
use crate::net::rcvbuf::{self, ReceiveBuffer};
use crate::net::receiver;
use crate::net::sockopt::{self, RecvBatch};
use crate::recv::{Ended, RecvSummary};

#[derive(Debug, Clone)]
pub struct SummaryOptions {
    pub bind: SocketAddr,
    /// Each datagram's buffer (recvfrom's `--buf`): longer ones are cut.
    pub buffer: usize,
    pub count: Option<usize>,
    pub timeout: Option<Duration>,
    /// The receive buffer to ask for.
    pub rcvbuf: usize,
}

/// The receive buffer `--summary` asks for unless told: 16 MiB (32 MiB once
/// Linux doubles it), about a second of a classroom's datagrams should the
/// receiver lose the CPU for a while.
pub const SUMMARY_RCVBUF: usize = 16 << 20;

/// How many datagrams one recvmmsg() takes at most.
const BATCH: usize = 32;

/// The batch's buffers together stay under this, however large `--buf`.
const BATCH_BYTES: usize = 4 << 20;

/// How long a blocked wait lasts before it looks at Ctrl-C and the deadline.
const POLL: Duration = Duration::from_millis(100);

/// What the caller gets before the first datagram.
pub struct SummaryStarted<'a> {
    pub bound: SocketAddr,
    /// socket(), bind() and the setsockopt() calls, as they happened.
    pub setup: &'a [SocketCall],
    pub receive_buffer: &'a ReceiveBuffer,
}

/// One datagram, as one line.
#[derive(Debug, Clone, Copy)]
pub struct Brief<'a> {
    /// 1 for the first datagram.
    pub number: usize,
    /// Seconds since bind when recvmmsg() returned it.
    pub seconds: f64,
    pub from: Option<SocketAddr>,
    /// Its real length (MSG_TRUNC).
    pub length: usize,
    /// The bytes that fitted the buffer.
    pub data: &'a [u8],
}

impl Brief<'_> {
    pub fn truncated(&self) -> bool {
        self.length > self.data.len()
    }
}

/// What happens, in order.
#[derive(Debug, Clone, Copy)]
pub enum SummaryEvent<'a> {
    Datagram(Brief<'a>),
    /// Before the next datagram was queued the kernel dropped `dropped`
    /// (the queue was full); `total` so far on this socket (SO_RXQ_OVFL).
    Dropped {
        dropped: u64,
        total: u64,
    },
}

/// Runs the receiver until `count`, `timeout` or `stop` (Ctrl-C). `tick` is
/// called at least every 100 ms while datagrams come and whenever the wait
/// comes back empty: the caller flushes its output there.
pub fn run(
    options: &SummaryOptions,
    stop: &AtomicBool,
    mut on_start: impl FnMut(&SummaryStarted<'_>) -> std::io::Result<()>,
    mut on_event: impl FnMut(&SummaryEvent<'_>) -> std::io::Result<()>,
    mut tick: impl FnMut() -> std::io::Result<()>,
) -> Result<RecvSummary, Error> {
    let receiver = receiver::bind(options.bind, POLL)?;
    let socket = receiver.socket();
    let setsockopt = |call: &str, source| Error::Socket {
        call: call.into(),
        source,
    };
    let buffer = rcvbuf::enlarge(socket, options.rcvbuf)
        .map_err(|e| setsockopt("setsockopt(SO_RCVBUF)", e))?;
    let counting =
        rcvbuf::count_drops(socket).map_err(|e| setsockopt("setsockopt(SO_RXQ_OVFL)", e))?;
    let mut setup = receiver.setup.clone();
    setup.push(buffer.call.clone());
    setup.push(counting);
    on_start(&SummaryStarted {
        bound: receiver.bound,
        setup: &setup,
        receive_buffer: &buffer,
    })
    .map_err(Error::Output)?;

    let started = Instant::now();
    let batch_size = (BATCH_BYTES / options.buffer.max(1)).clamp(1, BATCH);
    let mut batch = RecvBatch::new(batch_size, options.buffer);
    let mut summary = RecvSummary {
        bound: receiver.bound,
        datagrams: 0,
        truncated: 0,
        bytes: 0,
        ended: Ended::Timeout,
        seconds: 0.0,
        capture_note: None,
        dropped_before_recvfrom: 0,
        dropped_by_kernel: None,
        receive_buffer: Some(buffer.granted),
        datagrams_per_second: None,
        unread_at_end: 0,
    };
    let mut drops: u64 = 0;
    let (mut first, mut last) = (None::<f64>, 0.0_f64);
    let mut flushed = Instant::now();
    loop {
        if stop.load(Ordering::SeqCst) {
            summary.ended = Ended::Interrupted;
            break;
        }
        let left = options.count.map(|c| c.saturating_sub(summary.datagrams));
        if left == Some(0) {
            summary.ended = Ended::Count;
            break;
        }
        if options.timeout.is_some_and(|t| started.elapsed() >= t) {
            summary.ended = Ended::Timeout;
            break;
        }
        // Never more than --count still wants: a datagram taken off the
        // queue is always reported.
        let n = match batch.receive(socket, left.unwrap_or(batch_size)) {
            Ok(n) => n,
            // SO_RCVTIMEO ran out, or Ctrl-C (a socket with a timeout is
            // never restarted after a signal): look at the flags again.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock
                        | std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::Interrupted
                ) =>
            {
                tick().map_err(Error::Output)?;
                flushed = Instant::now();
                continue;
            }
            Err(source) => {
                return Err(Error::Socket {
                    call: "recvmmsg".into(),
                    source,
                })
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        first.get_or_insert(seconds);
        last = seconds;
        for i in 0..n {
            let Some(d) = batch.get(i) else { continue };
            if let Some(total) = d.drops.map(u64::from).filter(|t| *t > drops) {
                on_event(&SummaryEvent::Dropped {
                    dropped: total - drops,
                    total,
                })
                .map_err(Error::Output)?;
                drops = total;
            }
            summary.datagrams += 1;
            summary.bytes += d.length;
            let brief = Brief {
                number: summary.datagrams,
                seconds,
                from: d.from,
                length: d.length,
                data: d.data,
            };
            summary.truncated += usize::from(brief.truncated());
            on_event(&SummaryEvent::Datagram(brief)).map_err(Error::Output)?;
        }
        if flushed.elapsed() >= POLL {
            tick().map_err(Error::Output)?;
            flushed = Instant::now();
        }
    }
    summary.seconds = started.elapsed().as_secs_f64();
    summary.unread_at_end = rcvbuf::discard_queued(socket);
    // The counter as it is now: it also holds drops after the last datagram
    // delivered, which no control message could carry.
    let now = sockopt::meminfo(socket).map(|m| u64::from(m.drops)).ok();
    summary.dropped_by_kernel = Some(now.unwrap_or(0).max(drops));
    summary.datagrams_per_second = first
        .filter(|f| summary.datagrams >= 2 && last > *f)
        .map(|f| (summary.datagrams - 1) as f64 / (last - f));
    Ok(summary)
}
