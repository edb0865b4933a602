//! What the capture and the MTU make of the built datagram: the captured
//! frames dissected and compared with ours, the fragments for an MTU it
//! does not fit, and a datagram that never left for want of a MAC.

use std::net::IpAddr;

use super::{BuiltFragment, CaptureOutcome, CaptureReport, Fragmentation, SendReport};
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
use crate::t;

/// The datagram never left when the next hop's MAC could not be learned:
/// the neighbour entry is INCOMPLETE (still asking) or FAILED (gave up), and
/// the capture, when one ran, did not see the datagram. Anything the socket
/// reported (an error, a reply) means it is not this case.
pub(super) fn unresolved(
    next_hop: Option<IpAddr>,
    delivery: &Delivery,
    capture: &CaptureOutcome,
) -> Option<Delivery> {
    let hop = next_hop?;
    if !matches!(delivery, Delivery::Silence { .. }) {
        return None;
    }
    let (requests, answers) = match capture {
        CaptureOutcome::Caught(c) if c.datagram.is_some() => return None,
        CaptureOutcome::Caught(c) => {
            let requests = c
                .arp
                .iter()
                .filter(|f| capture::is_neighbour_request(&f.bytes))
                .count();
            (Some(requests), c.arp.len() - requests)
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
/// not fit (the kernel will fragment it). None when it fits, or when DF stops it.
pub(super) fn fragmentation(
    report: &SendReport,
    mtu: Option<usize>,
    interface_mtu: Option<usize>,
    dont_fragment: bool,
) -> Option<Fragmentation> {
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
    Some(Fragmentation {
        mtu,
        mtu_origin,
        interface_mtu,
        fragments,
    })
}

/// Dissects what the capture caught and compares it with what we built.
pub fn explain_capture(report: &SendReport, caught: Caught, loopback: bool) -> CaptureReport {
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
    CaptureReport {
        interface: caught.interface,
        icmp: dissect(FrameKind::IcmpError),
        fragments,
        fragment_comparisons: Vec::new(),
        arp: caught
            .frames
            .iter()
            .filter(|f| f.kind == FrameKind::Arp)
            .map(explain)
            .collect(),
        datagram,
        duplicates: caught.duplicates,
        duplicated_datagram: count(FrameKind::Datagram),
        duplicated_icmp: count(FrameKind::IcmpError),
        comparison,
    }
}

/// Compares each captured fragment with the one built for it; the first
/// one's comparison replaces the whole datagram's, which the kernel never
/// sent whole.
pub(super) fn compare_fragments(report: &SendReport, outcome: &mut CaptureOutcome, loopback: bool) {
    let (Some(f), CaptureOutcome::Caught(c)) = (&report.fragmentation, outcome) else {
        return;
    };
    c.fragment_comparisons = f
        .fragments
        .iter()
        .zip(&c.fragments)
        .skip(1)
        .map(|(built, caught)| {
            compare(
                &built.dissection,
                &caught.dissection,
                CaptureContext { loopback },
            )
        })
        .collect();
    if let (Some(first), Some(comparison)) = (f.fragments.first(), c.comparison.as_mut()) {
        if c.fragments.len() > 1 {
            *comparison = compare(
                &first.dissection,
                &c.fragments[0].dissection,
                CaptureContext { loopback },
            );
        }
    }
}
