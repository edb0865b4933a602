//! `send --count N` as data: which numbered datagrams arrived and which were
//! lost (as ranges), the order they came in, the socket's drop counter,
//! the host's UDP counters, and the one equation that must hold: sent =
//! received + dropped. Built from what `net::overflow` observed.

use std::sync::atomic::AtomicBool;

use crate::error::Error;
use crate::net::overflow::{self, Observed, OverflowRequest};
use crate::net::snmp::UdpCounters;

/// A run of consecutive numbers, first to last (both included).
pub type Range = (u64, u64);

/// The whole run, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct LossReport {
    pub request: OverflowRequest,
    pub observed: Observed,
    /// How many sendto() calls returned success.
    pub sent: u64,
    /// How many distinct numbers the receiver read.
    pub received: u64,
    /// The numbers that arrived, as ranges.
    pub arrived: Vec<Range>,
    /// The numbers sent (sendto() succeeded) that never arrived.
    pub lost: Vec<Range>,
    /// How many numbers were lost.
    pub lost_count: u64,
    /// Numbers that came after a higher one (none on loopback).
    pub out_of_order: Vec<u64>,
    /// Numbers that came more than once (none on loopback).
    pub duplicates: Vec<u64>,
}

impl LossReport {
    /// The socket's drop counter, when the end marker brought it.
    pub fn dropped(&self) -> Option<u64> {
        self.observed.drops.map(u64::from)
    }

    /// sent = received + dropped, exactly (false without the counter).
    pub fn balanced(&self) -> bool {
        self.dropped()
            .is_some_and(|d| self.sent == self.received + d && d == self.lost_count)
    }

    /// after - before, counter by counter, when both were read.
    pub fn host_difference(&self) -> Option<UdpCounters> {
        let (b, a) = (self.observed.before?, self.observed.after?);
        Some(UdpCounters {
            in_datagrams: a.in_datagrams.wrapping_sub(b.in_datagrams),
            rcvbuf_errors: a.rcvbuf_errors.wrapping_sub(b.rcvbuf_errors),
            in_errors: a.in_errors.wrapping_sub(b.in_errors),
        })
    }
}

/// Runs the sockets and builds the report.
pub fn run(request: &OverflowRequest, stop: &AtomicBool) -> Result<LossReport, Error> {
    let observed = overflow::run(request, stop)?;
    Ok(report(request.clone(), observed))
}

/// The report of what was observed (pure: tests feed it made-up runs).
pub fn report(request: OverflowRequest, observed: Observed) -> LossReport {
    let attempted = observed.attempted;
    let size = usize::try_from(attempted)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let mut seen = vec![false; size];
    let mut out_of_order = Vec::new();
    let mut duplicates = Vec::new();
    let mut highest = 0;
    for &n in &observed.arrivals {
        match seen.get_mut(usize::try_from(n).unwrap_or(usize::MAX)) {
            Some(true) => duplicates.push(n),
            Some(slot) => *slot = true,
            // A number never sent: only a foreign sender could make it.
            None => continue,
        }
        if n < highest {
            out_of_order.push(n);
        }
        highest = highest.max(n);
    }
    let mut failed = vec![false; size];
    for &n in &observed.failed {
        if let Some(slot) = failed.get_mut(usize::try_from(n).unwrap_or(usize::MAX)) {
            *slot = true;
        }
    }
    let arrived = ranges((1..size).filter(|&i| seen[i]).map(|i| i as u64));
    let lost_numbers = (1..size)
        .filter(|&i| !seen[i] && !failed[i])
        .map(|i| i as u64);
    let lost = ranges(lost_numbers);
    let count = |r: &[Range]| r.iter().map(|(a, b)| b - a + 1).sum::<u64>();
    LossReport {
        sent: attempted - observed.failed.len() as u64,
        received: count(&arrived),
        lost_count: count(&lost),
        arrived,
        lost,
        out_of_order,
        duplicates,
        request,
        observed,
    }
}

/// Increasing numbers as ranges of consecutive ones.
pub fn ranges(numbers: impl IntoIterator<Item = u64>) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::new();
    for n in numbers {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => out.push((n, n)),
        }
    }
    out
}

/// Ranges as people write them: `1-37, 52, 60-200`; at most `limit`
/// ranges, then how many more (`None`: all of them).
pub fn ranges_text(ranges: &[Range], limit: Option<usize>) -> String {
    let shown = limit.unwrap_or(ranges.len()).min(ranges.len());
    let mut parts: Vec<String> = ranges[..shown]
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    if shown < ranges.len() {
        parts.push(crate::t!(
            "… and {more} more ranges",
            more = ranges.len() - shown
        ));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use std::time::Duration;

    fn observed(attempted: u64, arrivals: Vec<u64>, failed: Vec<u64>) -> Observed {
        let addr: SocketAddr = "127.0.0.1:1".parse().unwrap();
        Observed {
            receiver: addr,
            sender: addr,
            rcvbuf_asked: 4096,
            rcvbuf_set: 8192,
            attempted,
            failed,
            first_error: None,
            arrivals,
            foreign: 0,
            drops: None,
            datagram_bytes: 13,
            sending: Duration::ZERO,
            total: Duration::ZERO,
            interrupted: false,
            before: None,
            after: None,
        }
    }

    fn request() -> OverflowRequest {
        OverflowRequest {
            port: 0,
            count: 10,
            rate: 0,
            rcvbuf: 4096,
            slow_receiver: None,
            text: Vec::new(),
            timeout: Duration::from_secs(1),
        }
    }

    #[test]
    fn ranges_join_consecutive_numbers() {
        assert_eq!(ranges([1, 2, 3, 5, 7, 8]), vec![(1, 3), (5, 5), (7, 8)]);
        assert_eq!(
            ranges_text(&ranges([1, 2, 3, 5, 7, 8]), None),
            "1-3, 5, 7-8"
        );
        assert_eq!(ranges([]), vec![]);
    }

    #[test]
    fn lost_is_what_was_sent_and_never_read() {
        let r = report(request(), observed(10, vec![1, 2, 3, 7], vec![]));
        assert_eq!(r.arrived, vec![(1, 3), (7, 7)]);
        assert_eq!(r.lost, vec![(4, 6), (8, 10)]);
        assert_eq!((r.sent, r.received, r.lost_count), (10, 4, 6));
        assert!(r.out_of_order.is_empty() && r.duplicates.is_empty());
    }

    #[test]
    fn a_failed_sendto_is_neither_sent_nor_lost() {
        let r = report(request(), observed(5, vec![1, 2], vec![3]));
        assert_eq!(r.sent, 4);
        assert_eq!(r.lost, vec![(4, 5)]);
    }

    #[test]
    fn late_and_repeated_numbers_are_found() {
        let r = report(request(), observed(5, vec![1, 3, 2, 3, 5], vec![]));
        assert_eq!(r.out_of_order, vec![2]);
        assert_eq!(r.duplicates, vec![3]);
        assert_eq!(r.received, 4);
    }

    #[test]
    fn the_equation_needs_the_counter() {
        let mut o = observed(10, vec![1, 2, 3], vec![]);
        assert!(!report(request(), o.clone()).balanced());
        o.drops = Some(7);
        assert!(report(request(), o.clone()).balanced());
        o.drops = Some(6);
        assert!(!report(request(), o).balanced());
    }
}
