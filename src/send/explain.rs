//! What the capture and the MTU make of the built datagram: the captured
//! frames dissected and compared with ours, the fragments for an MTU it
//! does not fit, and a datagram that never left for want of a MAC.

use std::net::IpAddr;

use super::{BuiltFragment, CaptureOutcome, CaptureReport, Fragmentation, SendFrame, SendReport};
use crate::capturing::CapturedDissection;
use crate::compare::{compare, CaptureContext};
use crate::dissect::{dissect_ethernet, Fcs};
use crate::fragment::fragment;
use crate::header_len;
use crate::model::Origin;
use crate::net::capture::{self, Caught, FrameKind};
use crate::net::exchange::Delivery;
use crate::net::host;
use crate::net::netlink::NeighbourEntry;
use crate::session::{Direction, EventKind};
use crate::t;

/// The datagram never left when the next hop's MAC could not be learned:
/// the neighbour entry is INCOMPLETE (still asking) or FAILED (gave up), and
/// the capture, when one ran, did not see the datagram. Anything the socket
/// reported (an error, a reply) means it is not this case.
pub(super) fn unresolved(
    next_hop: Option<IpAddr>,
    delivery: &Delivery,
    capture: &CaptureOutcome,
    report: &SendReport,
) -> Option<Delivery> {
    let hop = next_hop?;
    if !matches!(delivery, Delivery::Silence { .. }) {
        return None;
    }
    let trace = report.trace();
    let (requests, answers) = match capture {
        CaptureOutcome::Caught(_) if trace.datagram().and_then(|d| d.captured).is_some() => {
            return None
        }
        CaptureOutcome::Caught(_) => {
            let (requests, answers): (Vec<_>, Vec<_>) = trace
                .neighbour_frames()
                .partition(|f| capture::is_neighbour_request(&f.bytes));
            (Some(requests.len()), answers.len())
        }
        _ => (None, 0),
    };
    match host::neighbour_state(hop) {
        Some(state @ (NeighbourEntry::Incomplete | NeighbourEntry::Failed)) if answers == 0 => {
            Some(Delivery::Unresolved {
                next_hop: hop,
                state,
                requests,
            })
        }
        _ => None,
    }
}

/// The fragments for `--mtu`, or for a real interface MTU the datagram does
/// not fit (the kernel will fragment it), by offset. None when it fits, or
/// when DF stops it.
pub(super) fn fragmentation(
    report: &SendReport,
    mtu: Option<usize>,
    interface_mtu: Option<usize>,
    dont_fragment: bool,
) -> Option<(Fragmentation, Vec<BuiltFragment>)> {
    let (mtu, mtu_origin) = match (mtu, interface_mtu) {
        (Some(m), _) => (
            m,
            Origin::chosen(t!("--mtu: a link with this MTU, for the lesson")),
        ),
        (None, Some(m)) => (
            m,
            Origin::observed(t!(
                "/sys/class/net/{interface}/mtu of the outgoing interface",
                interface = report.interface.as_deref().unwrap_or("?")
            )),
        ),
        (None, None) => return None,
    };
    // The frame less what Ethernet adds around the packet.
    let packet_len = report
        .frame
        .bytes
        .len()
        .saturating_sub(header_len::ETHERNET + report.frame.padding + header_len::FCS);
    if packet_len <= mtu || (dont_fragment && interface_mtu.is_some_and(|m| packet_len > m)) {
        return None;
    }
    let fragments = fragment(&report.frame, mtu, report.spec.identification)
        .into_iter()
        .map(|f| {
            let dissection = dissect_ethernet(&f.bytes, Fcs::Present);
            BuiltFragment {
                fragment: f,
                dissection,
            }
        })
        .collect();
    Some((
        Fragmentation {
            mtu,
            mtu_origin,
            interface_mtu,
        },
        fragments,
    ))
}

/// Dissects what the capture caught and compares it with what we built:
/// the report's frames become the neighbour exchange, the datagram as
/// caught, the kernel's fragments by offset and the ICMP answer.
pub fn explain_capture(report: &mut SendReport, caught: Caught, loopback: bool) -> CaptureReport {
    let origin = Origin::observed(t!(
        "captured on {interface} (pnet)",
        interface = caught.interface
    ));
    let explain = |f: &capture::CapturedFrame| {
        let mut dissection = dissect_ethernet(&f.bytes, Fcs::Absent);
        for field in dissection.fields_mut() {
            field.origin = Some(origin.clone());
        }
        CapturedDissection {
            bytes: f.bytes.clone(),
            dissection,
            read_at: f.read_at,
        }
    };
    let dissect = |kind: FrameKind| caught.frames.iter().find(|f| f.kind == kind).map(explain);
    let count = |kind: FrameKind| caught.duplicated.iter().filter(|k| **k == kind).count();
    let mut fragments: Vec<&capture::CapturedFrame> = caught
        .frames
        .iter()
        .filter(|f| f.kind == FrameKind::Datagram)
        .collect();
    fragments.sort_by_key(|f| capture::fragment_offset(&f.bytes));
    let fragments: Vec<CapturedDissection> = if fragments.len() > 1 {
        fragments.into_iter().map(explain).collect()
    } else {
        Vec::new()
    };
    let datagram = fragments
        .first()
        .cloned()
        .or_else(|| dissect(FrameKind::Datagram));
    let comparison = datagram.as_ref().map(|d| {
        compare(
            &report.dissection,
            &d.dissection,
            CaptureContext { loopback },
        )
    });
    let caught_frame = |kind, direction, captured: CapturedDissection| SendFrame {
        kind,
        direction,
        built: None,
        captured: Some(captured),
        comparison: None,
    };
    // The capture keeps only frames between us and the next hop: a request
    // is ours, an answer is the next hop's.
    let mut frames: Vec<SendFrame> = caught
        .frames
        .iter()
        .filter(|f| f.kind == FrameKind::Arp)
        .map(|f| {
            let direction = if capture::is_neighbour_request(&f.bytes) {
                Direction::Out
            } else {
                Direction::In
            };
            caught_frame(EventKind::Neighbour, direction, explain(f))
        })
        .collect();
    // A first fragment shares the datagram's comparison.
    let cut = fragments.len() > 1;
    frames.push(SendFrame {
        captured: datagram,
        comparison: comparison.clone(),
        ..SendFrame::datagram()
    });
    frames.extend(
        fragments
            .into_iter()
            .enumerate()
            .map(|(index, f)| SendFrame {
                comparison: if index == 0 && cut {
                    comparison.clone()
                } else {
                    None
                },
                ..caught_frame(EventKind::Fragment { index }, Direction::Out, f)
            }),
    );
    if let Some(icmp) = dissect(FrameKind::IcmpError) {
        frames.push(caught_frame(EventKind::IcmpAnswer, Direction::In, icmp));
    }
    report.frames = frames;
    CaptureReport {
        interface: caught.interface,
        duplicates: caught.duplicates,
        duplicated_datagram: count(FrameKind::Datagram),
        duplicated_icmp: count(FrameKind::IcmpError),
    }
}

/// Puts the fragments built for the MTU into the frames, each beside the
/// kernel's fragment at the same offset when the capture caught one.
pub(super) fn place_fragments(frames: &mut Vec<SendFrame>, pieces: Vec<BuiltFragment>) {
    for (index, piece) in pieces.into_iter().enumerate() {
        let kind = EventKind::Fragment { index };
        if let Some(frame) = frames.iter_mut().find(|f| f.kind == kind) {
            frame.built = Some(piece);
            continue;
        }
        // After the datagram and the fragments before it.
        let after = frames
            .iter()
            .rposition(|f| matches!(f.kind, EventKind::Datagram | EventKind::Fragment { .. }))
            .map_or(frames.len(), |p| p + 1);
        frames.insert(
            after,
            SendFrame {
                kind,
                direction: Direction::Out,
                built: Some(piece),
                captured: None,
                comparison: None,
            },
        );
    }
}

/// Compares each captured fragment with the one built for it; the first
/// one's comparison replaces the whole datagram's, which the kernel never
/// sent whole.
pub(super) fn compare_fragments(frames: &mut [SendFrame], loopback: bool) {
    let context = CaptureContext { loopback };
    let mut first = None;
    for frame in frames.iter_mut() {
        let (EventKind::Fragment { index }, Some(built), Some(captured)) =
            (frame.kind, &frame.built, &frame.captured)
        else {
            continue;
        };
        let comparison = compare(&built.dissection, &captured.dissection, context);
        if index == 0 {
            first = Some(comparison.clone());
        }
        frame.comparison = Some(comparison);
    }
    let datagram = frames
        .iter_mut()
        .find(|f| f.kind == EventKind::Datagram && f.comparison.is_some());
    if let (Some(datagram), Some(first)) = (datagram, first) {
        datagram.comparison = Some(first);
    }
}
