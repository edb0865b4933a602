//! The exchange step of a send: open the capture on the planned interface
//! before anything is sent, and afterwards collect what it caught (our
//! datagram or its fragments, the ICMP answer, the neighbour exchange).

use std::net::IpAddr;
use std::time::Duration;

use super::{CaptureOutcome, SendReport};
use crate::capturing::CaptureMode;
use crate::error::{capture_hint, Error};
use crate::net::capture::{self, CaptureError, Caught, FrameKind, FrameSource};
use crate::net::exchange::Delivery;
use crate::session::plan::Plan;
use crate::t;

/// Opens the capture on the interface the plan found, when asked: `on`
/// fails without one, `auto` says why there is none.
pub(super) fn open_capture(
    plan: &Plan,
    mode: CaptureMode,
) -> Result<(Option<capture::PnetSource>, CaptureOutcome), Error> {
    let source_text = plan.source.map(|s| s.to_string()).unwrap_or_default();
    match (mode, &plan.path) {
        (CaptureMode::Off, _) => Ok((None, CaptureOutcome::Off)),
        (_, Some(path)) => open_on(mode, &path.interface.name),
        (CaptureMode::On, None) => Err(Error::Capture(CaptureError::NoInterface(source_text))),
        (_, None) => Ok((
            None,
            CaptureOutcome::Unavailable {
                reason: t!("no capture: no interface holds {src}", src = source_text),
                hint: t!("use --capture off to silence this note").into(),
            },
        )),
    }
}

/// Opens a capture on `interface` as `mode` asks: `on` fails without
/// permission, `auto` says why it could not and how to allow it. Shared by
/// `send` and `send --tcp`.
pub(crate) fn open_on(
    mode: CaptureMode,
    interface: &str,
) -> Result<(Option<capture::PnetSource>, CaptureOutcome), Error> {
    if mode == CaptureMode::Off {
        return Ok((None, CaptureOutcome::Off));
    }
    match capture::open(interface) {
        Ok(source) => Ok((Some(source), CaptureOutcome::Off)),
        Err(e) if mode == CaptureMode::On => Err(Error::Capture(e)),
        Err(e) => {
            let hint = match e {
                CaptureError::NoPermission { .. } => capture_hint(),
                _ => t!("use --capture off to silence this note").to_string(),
            };
            Ok((
                None,
                CaptureOutcome::Unavailable {
                    reason: t!("no capture: {error}", error = e),
                    hint,
                },
            ))
        }
    }
}

/// Reads what the capture caught until our datagram (and the ICMP answer
/// a refusal brings) is in, then lets the capture close in the background.
pub(super) fn collect(
    mut source: capture::PnetSource,
    plan: &Plan,
    delivery: &Delivery,
    report: &mut SendReport,
) -> Result<Caught, Error> {
    let expect_icmp = matches!(delivery, Delivery::Refused { .. });
    let (ours, theirs) = (report.exchange.source, report.exchange.destination);
    let next_hop = plan.next_hop_ip();
    let caught = capture::collect(
        &mut source,
        plan.request.timeout.min(Duration::from_secs(1)),
        |frame| {
            capture::classify(frame, ours, theirs).or_else(|| {
                let asks = match (ours.ip(), next_hop?) {
                    (IpAddr::V4(ours), IpAddr::V4(hop)) => {
                        capture::is_arp_between(frame, ours, hop)
                    }
                    (_, IpAddr::V6(hop)) => capture::is_neighbour_discovery_for(frame, hop),
                    _ => false,
                };
                asks.then_some(FrameKind::Arp)
            })
        },
        |frames| {
            // The datagram is complete when its last (or only) fragment is in.
            frames
                .iter()
                .any(|f| f.kind == FrameKind::Datagram && !capture::more_fragments(&f.bytes))
                && (!expect_icmp || frames.iter().any(|f| f.kind == FrameKind::IcmpError))
        },
    )
    .map_err(|e| {
        Error::Capture(CaptureError::Other {
            interface: source.interface().to_string(),
            source: e,
        })
    })?;
    // Everything the capture can tell is in `caught`: its close (an RCU
    // grace period) overlaps with building and writing the report.
    source.close_in_background();
    // Said only when it is true of what was read: something, with no copy.
    if caught.outgoing_ignored && caught.duplicates == 0 && !caught.frames.is_empty() {
        report.notes.push(t!(
            "the capture on {interface} read each frame once: {interface} hands a packet socket every frame twice, as it leaves and as it arrives, and stackviz asked the kernel to leave out the leaving copy (PACKET_IGNORE_OUTGOING)",
            interface = caught.interface
        ));
    }
    Ok(caught)
}
