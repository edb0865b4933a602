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

#[cfg(test)]
mod tests {
    //! The frames stay in wire order when built fragments join them, and
    //! each caught fragment is compared with the one built for its offset.
    use super::*;
    use crate::fragment::Fragment;

    fn piece(index: usize, bytes: &[u8]) -> BuiltFragment {
        BuiltFragment {
            fragment: Fragment {
                bytes: bytes.to_vec(),
                offset: index * 48,
                length: 48,
                more_fragments: index < 2,
            },
            dissection: dissect_ethernet(bytes, Fcs::Present),
        }
    }

    fn caught(kind: EventKind, direction: Direction, bytes: &[u8]) -> SendFrame {
        SendFrame {
            kind,
            direction,
            built: None,
            captured: Some(CapturedDissection {
                bytes: bytes.to_vec(),
                dissection: dissect_ethernet(bytes, Fcs::Absent),
                read_at: std::time::Duration::ZERO,
            }),
            comparison: None,
        }
    }

    fn kinds(frames: &[SendFrame]) -> Vec<EventKind> {
        frames.iter().map(|f| f.kind).collect()
    }

    #[test]
    fn built_fragments_go_after_the_datagram_and_before_the_answer() {
        let mut frames = vec![
            caught(EventKind::Neighbour, Direction::Out, &[0; 42]),
            SendFrame::datagram(),
            caught(EventKind::IcmpAnswer, Direction::In, &[0; 70]),
        ];
        place_fragments(
            &mut frames,
            (0..3).map(|i| piece(i, &[i as u8; 60])).collect(),
        );
        use EventKind::{Datagram, Fragment, IcmpAnswer, Neighbour};
        assert_eq!(
            kinds(&frames),
            [
                Neighbour,
                Datagram,
                Fragment { index: 0 },
                Fragment { index: 1 },
                Fragment { index: 2 },
                IcmpAnswer
            ]
        );
        let offsets: Vec<Option<usize>> = frames
            .iter()
            .map(|f| f.built.as_ref().map(|b| b.fragment.offset))
            .collect();
        assert_eq!(offsets, [None, None, Some(0), Some(48), Some(96), None]);
    }

    #[test]
    fn a_caught_fragment_is_compared_with_the_built_one_at_its_offset() {
        // Two fragments caught; the second differs from ours in one byte.
        let ours: Vec<Vec<u8>> = (0..2).map(|i| vec![0x10 + i as u8; 64]).collect();
        let mut theirs = ours.clone();
        theirs[1][20] ^= 0xff;
        let mut frames = vec![SendFrame {
            comparison: Some(compare(
                &dissect_ethernet(&[0; 64], Fcs::Present),
                &dissect_ethernet(&theirs[0][..60], Fcs::Absent),
                CaptureContext { loopback: false },
            )),
            ..caught(EventKind::Datagram, Direction::Out, &theirs[0][..60])
        }];
        for (index, frame) in theirs.iter().enumerate() {
            frames.push(caught(
                EventKind::Fragment { index },
                Direction::Out,
                &frame[..60],
            ));
        }
        place_fragments(
            &mut frames,
            ours.iter().enumerate().map(|(i, b)| piece(i, b)).collect(),
        );
        assert_eq!(frames.len(), 3, "the built pieces join the caught ones");
        compare_fragments(&mut frames, false);
        let first = frames[1].comparison.as_ref().expect("fragment 1 compared");
        let second = frames[2].comparison.as_ref().expect("fragment 2 compared");
        assert_eq!(first.unexpected, 0, "{first:?}");
        assert!(second.unexpected > 0, "{second:?}");
        // The datagram's comparison is now its first fragment's.
        assert_eq!(
            frames[0].comparison.as_ref().map(|c| c.unexpected),
            Some(first.unexpected)
        );
    }
}
