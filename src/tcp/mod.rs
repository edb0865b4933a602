//! `stackviz send --tcp` as data: run one real connection (`net::tcp_exchange`),
//! predict every segment it must have sent (`predict`), build each with
//! etherparse and dissect it with the one dissector (`build`), and, where
//! the machine allows capture, pair each predicted segment with the one the
//! kernel really sent and compare them field by field. No printing here.

pub mod acks;
pub mod build;
pub mod ladder;
pub mod predict;

use crate::capturing::{CaptureMode, CapturedDissection};
use crate::compare::{compare, CaptureContext, Comparison};
use crate::dissect::{dissect_ethernet, Fcs};
use crate::error::Error;
use crate::model::Dissection;
use crate::net::capture::{self, CaptureError, FrameKind, FrameSource};
use crate::net::host;
use crate::net::tcp_exchange::{self, Peer, TcpExchange, TcpRequest, TcpTarget};
use crate::send::CaptureOutcome;
use crate::t;

use build::Ends;
use predict::{Known, SavedSyn, Segment};

/// One segment of the run: predicted and built, and what the capture caught.
#[derive(Debug, Clone)]
pub struct SegmentEvent {
    /// 1 for the first segment of the run.
    pub number: usize,
    pub predicted: Segment,
    pub bytes: Vec<u8>,
    pub dissection: Dissection,
    pub captured: Option<CapturedDissection>,
    pub comparison: Option<Comparison>,
}

/// What the capture saw of the connection.
#[derive(Debug, Clone)]
pub struct TcpCapture {
    pub interface: String,
    /// Captured segments of the connection that no prediction matched.
    pub unpredicted: Vec<CapturedDissection>,
    /// Identical copies dropped (loopback without PACKET_IGNORE_OUTGOING).
    pub duplicates: usize,
}

/// Everything `stackviz send --tcp` shows.
#[derive(Debug, Clone)]
pub struct TcpReport {
    pub exchange: TcpExchange,
    pub syn: Option<SavedSyn>,
    pub ends: Ends,
    pub segments: Vec<SegmentEvent>,
    pub interface: Option<String>,
    pub mtu: Option<usize>,
    pub capture: CaptureOutcome,
    pub caught: Option<TcpCapture>,
    pub notes: Vec<String>,
}

impl TcpReport {
    /// Fields that differ between built and captured with no explanation,
    /// plus segments the capture saw that were not predicted.
    pub fn unexpected_differences(&self) -> usize {
        self.segments
            .iter()
            .filter_map(|s| s.comparison.as_ref())
            .map(|c| c.unexpected)
            .sum::<usize>()
            + self.caught.as_ref().map_or(0, |c| c.unpredicted.len())
    }
    /// Predicted segments the capture did not see although it ran.
    pub fn missed(&self) -> usize {
        if self.caught.is_none() {
            return 0;
        }
        self.segments
            .iter()
            .filter(|s| s.captured.is_none())
            .count()
    }
}

/// At most this many TCP frames are kept while the connection runs (other
/// programs' traffic on the same interface included): memory stays bounded.
const CAPTURE_LIMIT: usize = 50_000;

/// A capture that could not be read, named by its interface.
fn capture_failed(interface: &Option<host::Interface>, e: std::io::Error) -> Error {
    Error::Capture(CaptureError::Other {
        interface: interface
            .as_ref()
            .map(|i| i.name.clone())
            .unwrap_or_default(),
        source: e,
    })
}

/// Runs the connection, captures it when asked, and explains every segment.
pub fn run(request: &TcpRequest, mode: CaptureMode) -> Result<TcpReport, Error> {
    let server_ip = match request.target {
        TcpTarget::Remote(addr) => addr.ip(),
        _ => request.family.loopback(),
    };
    let interface = host::interface_with(server_ip).or_else(|| {
        host::path_to(server_ip, request.from.map(|f| f.ip()), server_ip).map(|p| p.interface)
    });
    let (source, mut outcome) = open_capture(interface.as_ref().map(|i| i.name.as_str()), mode)?;
    // The capture is read while the connection runs; its port is not known
    // yet (the kernel may choose it), so every TCP frame is kept for now.
    let mut reading = match source {
        Some(src) => Some(
            capture::read_in_background(src, capture::is_tcp, CAPTURE_LIMIT)
                .map_err(|e| capture_failed(&interface, e))?,
        ),
        None => None,
    };
    let exchange = tcp_exchange::run(request)?;
    let syn = exchange.saved_syn.as_deref().and_then(SavedSyn::parse);
    let mtu = interface.as_ref().and_then(|i| i.mtu).map(|m| m as usize);
    let inputs = predict::Inputs {
        exchange: &exchange,
        syn: syn.as_ref(),
        mtu,
    };
    let predicted = predict::segments(&inputs);
    let (ttl, ttl_origin) = if exchange.server.is_ipv4() {
        host::default_ttl()
    } else {
        host::default_hop_limit()
    };
    let mut ends = Ends {
        client: exchange.client,
        server: exchange.server,
        client_isn: syn.as_ref().map_or(Known::No(0), |s| Known::Yes(s.isn)),
        server_isn: Known::No(0),
        ttl,
        ttl_origin,
    };
    let mut caught = None;
    let mut captured_frames = Vec::new();
    if let Some(background) = reading.take() {
        let server = exchange.server;
        let client = exchange.client;
        let (src, frames, read) = background
            .finish()
            .map_err(|e| capture_failed(&interface, e))?;
        let outgoing_ignored = src.outgoing_ignored();
        src.close_in_background();
        read.map_err(|e| capture_failed(&interface, e))?;
        // Loopback hands each frame over twice unless the kernel was asked
        // to leave the outgoing copy out: drop the identical second copy.
        let mut result = capture::Caught {
            interface: interface
                .as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            frames: Vec::new(),
            duplicates: 0,
            duplicated: Vec::new(),
            ignored: 0,
            outgoing_ignored,
        };
        for (bytes, read_at) in frames {
            let ours = capture::tcp_ends_with(&bytes, server)
                .is_some_and(|(a, b)| a == client || b == client);
            if !ours {
                result.ignored += 1;
            } else if !outgoing_ignored && result.frames.last().is_some_and(|f| f.bytes == bytes) {
                result.duplicates += 1;
                result.duplicated.push(FrameKind::Segment);
            } else {
                result.frames.push(capture::CapturedFrame {
                    bytes,
                    kind: FrameKind::Segment,
                    read_at,
                });
            }
        }
        captured_frames = result
            .frames
            .into_iter()
            .map(|f| CapturedDissection {
                dissection: dissect_ethernet(&f.bytes, Fcs::Absent),
                bytes: f.bytes,
                read_at: f.read_at,
            })
            .collect();
        caught = Some(TcpCapture {
            interface: result.interface,
            unpredicted: Vec::new(),
            duplicates: result.duplicates,
        });
        outcome = CaptureOutcome::Caught(Box::new(crate::send::CaptureReport {
            interface: caught
                .as_ref()
                .map(|c| c.interface.clone())
                .unwrap_or_default(),
            duplicates: result.duplicates,
            duplicated_datagram: 0,
            duplicated_icmp: 0,
        }));
    }
    // Pair each predicted segment with the captured one of the same
    // direction, in order; the captured SYN,ACK tells the server's ISN.
    let mut pairs: Vec<Option<CapturedDissection>> = vec![None; predicted.len()];
    let mut unpredicted = Vec::new();
    {
        let next_of = |peer: Peer, taken: &mut Vec<bool>| {
            predicted
                .iter()
                .enumerate()
                .position(|(i, s)| s.from == peer && !taken[i])
        };
        let mut taken = vec![false; predicted.len()];
        for frame in captured_frames {
            let from_client = capture::tcp_ends_with(&frame.bytes, exchange.server)
                .is_some_and(|(src, _)| src == exchange.client);
            let peer = if from_client {
                Peer::Client
            } else {
                Peer::Server
            };
            match next_of(peer, &mut taken) {
                Some(i) => {
                    taken[i] = true;
                    pairs[i] = Some(frame);
                }
                None => unpredicted.push(frame),
            }
        }
    }
    let seq_of = |d: &Dissection| {
        d.field(crate::field_id::TCP_SEQ)
            .and_then(|f| u32::from_str_radix(&f.hex, 16).ok())
    };
    if let Some(isn) = predicted
        .iter()
        .zip(&pairs)
        .find(|(s, _)| s.from == Peer::Server && s.seq == 0)
        .and_then(|(_, c)| c.as_ref())
        .and_then(|c| seq_of(&c.dissection))
    {
        ends.server_isn = Known::Yes(isn);
    }
    if !ends.client_isn.is_known() {
        if let Some(isn) = pairs
            .first()
            .and_then(|c| c.as_ref())
            .and_then(|c| seq_of(&c.dissection))
        {
            ends.client_isn = Known::Yes(isn);
        }
    }
    let loopback = interface.as_ref().is_some_and(|i| i.loopback);
    // Every clock reading was taken during the run: a predicted TSval can be
    // late by at most the run's length in milliseconds (plus the tick).
    let clock_slack = exchange
        .calls
        .iter()
        .map(|c| c.returned)
        .max()
        .map_or(1, |d| {
            u32::try_from(d.as_millis())
                .unwrap_or(u32::MAX)
                .saturating_add(1)
        });
    let segments = predicted
        .into_iter()
        .zip(pairs)
        .enumerate()
        .map(|(i, (segment, captured))| {
            let bytes = build::frame(&segment, &ends);
            let dissection = build::dissection(&bytes, &segment, &ends, syn.is_some());
            let comparison = captured.as_ref().map(|c| {
                let mut comparison =
                    compare(&dissection, &c.dissection, CaptureContext { loopback });
                explain_timestamps(&mut comparison, clock_slack);
                comparison
            });
            SegmentEvent {
                number: i + 1,
                predicted: segment,
                bytes,
                dissection,
                captured,
                comparison,
            }
        })
        .collect();
    if let Some(c) = caught.as_mut() {
        c.unpredicted = unpredicted;
    }
    Ok(TcpReport {
        syn,
        ends,
        segments,
        interface: interface.map(|i| i.name),
        mtu,
        capture: outcome,
        caught,
        notes: Vec::new(),
        exchange,
    })
}

/// The 32-bit numbers of a timestamps field: TSval and TSecr for the whole
/// option (its last eight bytes), one number for the TSval or TSecr field.
fn clock_values(field: &crate::model::Field) -> Option<Vec<u32>> {
    let words = if field.id == crate::field_id::TCP_OPT_TIMESTAMPS {
        2
    } else {
        1
    };
    let hex = field.hex.get(field.hex.len().checked_sub(8 * words)?..)?;
    (0..words)
        .map(|w| u32::from_str_radix(hex.get(8 * w..8 * w + 8)?, 16).ok())
        .collect()
}

/// TSvals are predicted from each socket's clock (TCP_TIMESTAMP) read just
/// after a call, and the segment left a little before the reading: a
/// prediction later than the real TSval by no more than the run lasted is
/// that, and says by how much. Anything else stays unexpected.
fn explain_timestamps(comparison: &mut Comparison, slack_ms: u32) {
    use crate::compare::Verdict;
    use crate::field_id::{TCP_OPT_TIMESTAMPS, TCP_OPT_TSECR, TCP_OPT_TSVAL};
    for row in comparison.fields.iter_mut().filter(|r| {
        [TCP_OPT_TIMESTAMPS, TCP_OPT_TSVAL, TCP_OPT_TSECR].contains(&r.id)
            && r.verdict == Verdict::Unexpected
    }) {
        let (Some(built), Some(caught)) = (
            row.built.as_ref().and_then(clock_values),
            row.captured.as_ref().and_then(clock_values),
        ) else {
            continue;
        };
        // The socket option rounds the clock its own way: it may read one
        // millisecond behind the value the segment got.
        let off = |predicted: u32, real: u32| -> Option<i64> {
            let late = predicted.wrapping_sub(real);
            let early = real.wrapping_sub(predicted);
            if late <= slack_ms {
                Some(i64::from(late))
            } else if early <= 1 {
                Some(-i64::from(early))
            } else {
                None
            }
        };
        let offs: Option<Vec<i64>> = built
            .iter()
            .zip(&caught)
            .map(|(a, b)| off(*a, *b))
            .collect();
        if let Some(ms) = offs.and_then(|o| o.into_iter().max_by_key(|v| v.abs())) {
            row.verdict = Verdict::Explained {
                reason: t!(
                    "TSval is the sender's millisecond clock: stackviz read it (TCP_TIMESTAMP) just after the socket call, and the prediction is {ms} ms off (the clock ticks while the run goes on)",
                    ms
                ),
            };
            comparison.unexpected -= 1;
            comparison.explained += 1;
        }
    }
}

/// Opens the capture on `interface` when asked: `on` fails without one,
/// `auto` says why there is none; with an interface, as `send` does.
fn open_capture(
    interface: Option<&str>,
    mode: CaptureMode,
) -> Result<(Option<capture::PnetSource>, CaptureOutcome), Error> {
    match (mode, interface) {
        (CaptureMode::Off, _) => Ok((None, CaptureOutcome::Off)),
        (CaptureMode::On, None) => Err(Error::Capture(CaptureError::NoInterface(String::new()))),
        (_, None) => Ok((
            None,
            CaptureOutcome::Unavailable {
                reason: t!("no capture: the interface of the connection is not known").into(),
                hint: t!("use --capture off to silence this note").into(),
            },
        )),
        (_, Some(name)) => crate::send::exchange::open_on(mode, name),
    }
}
