//! `send --tcp --count N` as data: TCP's flow control seen from both ends.
//! Every byte arrived in order (the server checked the stream, and both
//! CRC-32s agree), the sender was slowed down (its time inside send(), the
//! kernel's own count of time limited by the receive window), the moments
//! the window was 0 (from TCP_INFO samples, no privilege) and, with capture,
//! the zero windows, zero-window probes and window updates on the wire.

pub mod wire;

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::capturing::CaptureMode;
use crate::error::{capture_hint, CaptureError, Error};
use crate::net::capture::{self, FrameSource as _};
use crate::net::host;
use crate::net::tcp_flow::{self, FlowObserved, FlowRequest, FlowSample};
use crate::t;

use wire::WireReport;

/// A stretch of time during which the client's idea of the window
/// (tcpi_snd_wnd) was 0, from the samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZeroStretch {
    /// The first sample that saw 0, and the first that saw it open again
    /// (`None`: still 0 at the last sample).
    pub from: Duration,
    pub until: Option<Duration>,
}

/// What the capture did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireOutcome {
    Off,
    /// Not possible here, and why, with what to do.
    Unavailable {
        reason: String,
        hint: String,
    },
    Caught(WireReport),
}

/// Time from a message being handed to the kernel to its last byte being
/// read by the server, over all messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub first: Duration,
    pub median: Duration,
    pub longest: Duration,
    pub last: Duration,
}

/// The whole run, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowReport {
    pub request: FlowRequest,
    pub observed: FlowObserved,
    /// Every byte handed to send() arrived, in order, nothing else: equal
    /// counts and CRC-32s, no wrong byte, the client's FIN read last.
    pub intact: bool,
    pub zero_stretches: Vec<ZeroStretch>,
    /// Samples in which the client's snd_wnd was 0.
    pub zero_samples: usize,
    pub delivery: Option<Delivery>,
    pub wire: WireOutcome,
}

impl FlowReport {
    /// The window was seen at 0: in the samples, or on the wire.
    pub fn window_closed(&self) -> bool {
        self.zero_samples > 0 || matches!(&self.wire, WireOutcome::Caught(w) if w.zero_windows > 0)
    }
    pub fn wire(&self) -> Option<&WireReport> {
        match &self.wire {
            WireOutcome::Caught(w) => Some(w),
            _ => None,
        }
    }
}

/// Runs the transfer, captures it when asked, and builds the report.
pub fn run(
    request: &FlowRequest,
    mode: CaptureMode,
    stop: &AtomicBool,
) -> Result<FlowReport, Error> {
    let (reader, mut wire) = open_capture(mode)?;
    let observed = tcp_flow::run(request, stop);
    if let Some(reader) = reader {
        let finished = reader.finish();
        if let (Ok(o), Some((segments, full))) = (&observed, finished) {
            wire = WireOutcome::Caught(wire::analyse(
                &segments,
                o.client,
                o.server,
                o.started_at,
                full,
            ));
        }
    }
    Ok(report(request.clone(), observed?, wire))
}

fn open_capture(mode: CaptureMode) -> Result<(Option<wire::WireReader>, WireOutcome), Error> {
    if mode == CaptureMode::Off {
        return Ok((None, WireOutcome::Off));
    }
    let interface = host::interface_with(std::net::Ipv4Addr::LOCALHOST.into());
    let opened = match &interface {
        Some(i) => capture::open(&i.name),
        None => Err(CaptureError::NoInterface("lo".into())),
    };
    match opened {
        Ok(source) => {
            let name = source.interface().to_string();
            let reader = wire::read_in_background(source).map_err(|e| {
                Error::Capture(CaptureError::Other {
                    interface: name,
                    source: e,
                })
            })?;
            Ok((Some(reader), WireOutcome::Off))
        }
        Err(e) if mode == CaptureMode::On => Err(Error::Capture(e)),
        Err(e) => {
            let hint = match e {
                CaptureError::NoPermission { .. } => capture_hint(),
                _ => t!("use --capture off to silence this note").to_string(),
            };
            Ok((
                None,
                WireOutcome::Unavailable {
                    reason: t!("no capture: {error}", error = e),
                    hint,
                },
            ))
        }
    }
}

/// The report of what was observed (pure: tests feed it made-up runs).
pub fn report(request: FlowRequest, observed: FlowObserved, wire: WireOutcome) -> FlowReport {
    let s = &observed.sending;
    let stream = &observed.stream;
    let intact = stream.first_mismatch.is_none()
        && stream.bytes == s.bytes
        && stream.crc32 == s.crc32
        && stream.messages_in_order == s.messages
        && stream.eof;
    let zero_stretches = zero_stretches(&observed.samples);
    let zero_samples = observed
        .samples
        .iter()
        .filter(|x| snd_wnd(x) == Some(0))
        .count();
    let delivery = delivery(&s.handed_us, &stream.completed_us);
    FlowReport {
        request,
        intact,
        zero_stretches,
        zero_samples,
        delivery,
        wire,
        observed,
    }
}

fn snd_wnd(sample: &FlowSample) -> Option<u32> {
    sample.client.and_then(|c| c.snd_wnd)
}

/// Runs of samples with snd_wnd = 0.
pub fn zero_stretches(samples: &[FlowSample]) -> Vec<ZeroStretch> {
    let mut out: Vec<ZeroStretch> = Vec::new();
    let mut open: Option<Duration> = None;
    for sample in samples {
        match (snd_wnd(sample), open) {
            (Some(0), None) => open = Some(sample.at),
            (Some(w), Some(from)) if w > 0 => {
                out.push(ZeroStretch {
                    from,
                    until: Some(sample.at),
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        out.push(ZeroStretch { from, until: None });
    }
    out
}

/// Message by message: handed to the kernel → read by the server.
fn delivery(handed_us: &[u64], completed_us: &[u64]) -> Option<Delivery> {
    let mut times: Vec<u64> = handed_us
        .iter()
        .zip(completed_us)
        .map(|(h, c)| c.saturating_sub(*h))
        .collect();
    let first = *times.first()?;
    let last = *times.last()?;
    times.sort_unstable();
    let us = Duration::from_micros;
    Some(Delivery {
        first: us(first),
        median: us(times[times.len() / 2]),
        longest: us(*times.last()?),
        last: us(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::tcp_flow::FlowInfo;

    fn sample(ms: u64, wnd: u32) -> FlowSample {
        FlowSample {
            at: Duration::from_millis(ms),
            client: Some(FlowInfo {
                snd_wnd: Some(wnd),
                ..FlowInfo::default()
            }),
            client_queue: None,
            server: None,
            server_unread: None,
            read: 0,
        }
    }

    #[test]
    fn zero_stretches_run_from_the_first_zero_to_the_first_open_sample() {
        let samples = [
            sample(0, 4096),
            sample(2, 0),
            sample(4, 0),
            sample(6, 4096),
            sample(8, 0),
        ];
        assert_eq!(
            zero_stretches(&samples),
            vec![
                ZeroStretch {
                    from: Duration::from_millis(2),
                    until: Some(Duration::from_millis(6))
                },
                ZeroStretch {
                    from: Duration::from_millis(8),
                    until: None
                }
            ]
        );
    }

    #[test]
    fn delivery_times_pair_each_message_with_its_reading() {
        let d = delivery(&[10, 20, 30], &[15, 120, 40]).unwrap();
        assert_eq!(d.first, Duration::from_micros(5));
        assert_eq!(d.median, Duration::from_micros(10));
        assert_eq!(d.longest, Duration::from_micros(100));
        assert_eq!(d.last, Duration::from_micros(10));
        assert!(delivery(&[], &[]).is_none());
    }
}
