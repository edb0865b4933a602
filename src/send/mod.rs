//! `stackviz send` as data: run the real exchange, build the same datagram
//! from what the OS decided, dissect it with the one dissector, and record
//! where every value came from. No printing here. A run has three jobs:
//! plan (the route, read once: `session::plan`), exchange (`exchange.rs`:
//! the capture and the socket calls) and assemble (`assemble.rs`, the
//! built frame and its origins; `explain.rs`, what the capture and the MTU
//! make of it).

mod assemble;
pub(crate) mod exchange;
mod explain;

pub use assemble::assemble;
pub use explain::explain_capture;

use crate::build::{BuiltFrame, DatagramSpec};
use crate::capturing::{CaptureMode, CapturedDissection};
use crate::compare::Comparison;
use crate::error::Error;
use crate::field_id;
use crate::fragment::Fragment;
use crate::model::{Dissection, Origin};
use crate::net::exchange::{Delivery, Exchange, Request};
use crate::net::host::LinkAddresses;
use crate::session::plan::plan;
use crate::session::{Direction, EventKind};
use crate::t;

/// Where the capture ran and what it left out; the frames it caught are
/// the report's `frames`.
#[derive(Debug, Clone)]
pub struct CaptureReport {
    pub interface: String,
    /// Identical copies dropped (loopback shows each frame twice).
    pub duplicates: usize,
    /// Of those, copies of our datagram (or its fragments)...
    pub duplicated_datagram: usize,
    /// ...and copies of the ICMP error.
    pub duplicated_icmp: usize,
}

/// One frame of the run, owned by the report; `SendReport::trace` lends
/// them out in this order, the wire's: the neighbour exchange, the
/// datagram, its fragments by offset, the ICMP answer.
#[derive(Debug, Clone)]
pub struct SendFrame {
    pub kind: EventKind,
    pub direction: Direction,
    /// A fragment built for the MTU. The datagram's own built frame is the
    /// report's `frame`, lent to its event by the trace.
    pub built: Option<BuiltFragment>,
    /// The frame as the capture caught it (for the datagram cut by the
    /// kernel: its first fragment).
    pub captured: Option<CapturedDissection>,
    /// Built against captured; a first fragment shares the datagram's.
    pub comparison: Option<Comparison>,
}

impl SendFrame {
    /// The datagram as built, before any capture saw it.
    pub fn datagram() -> Self {
        SendFrame {
            kind: EventKind::Datagram,
            direction: Direction::Out,
            built: None,
            captured: None,
            comparison: None,
        }
    }
}

/// Whether a capture ran.
#[derive(Debug, Clone)]
pub enum CaptureOutcome {
    Off,
    /// Auto mode without permission (or another reason): say why and how to allow it.
    Unavailable {
        reason: String,
        hint: String,
    },
    Caught(Box<CaptureReport>),
}

/// Host facts the frame is built from, each with its origin.
pub struct HostFacts {
    pub ttl: u8,
    pub ttl_origin: Origin,
    pub link: LinkAddresses,
}

/// Everything `stackviz send` shows.
pub struct SendReport {
    pub exchange: Exchange,
    pub spec: DatagramSpec,
    pub frame: BuiltFrame,
    /// Physical layer first, then the frame's layers outermost first.
    pub dissection: Dissection,
    /// Name of the outgoing interface, when known.
    pub interface: Option<String>,
    pub notes: Vec<String>,
    /// What became of the datagram (`None` when built from a fixed exchange).
    pub delivery: Option<Delivery>,
    pub capture: CaptureOutcome,
    /// The MTU the datagram does not fit, when it does not (the pieces are
    /// fragment events in `frames`).
    pub fragmentation: Option<Fragmentation>,
    /// Every frame of the run in wire order; always holds the datagram.
    pub frames: Vec<SendFrame>,
}

/// A built fragment and its dissection.
#[derive(Debug, Clone)]
pub struct BuiltFragment {
    pub fragment: Fragment,
    pub dissection: Dissection,
}

/// How the datagram is cut for the MTU.
#[derive(Debug, Clone)]
pub struct Fragmentation {
    pub mtu: usize,
    pub mtu_origin: Origin,
    /// The MTU of the real outgoing interface, when known.
    pub interface_mtu: Option<usize>,
}

impl SendReport {
    /// The run as a trace: the frames in the order they happened, each with
    /// what was built, what was caught and their comparison.
    pub fn trace(&self) -> crate::session::Trace<'_> {
        crate::session::send_trace::send_trace(self)
    }
    /// Fields that differ between built and captured with no explanation
    /// (the datagram's comparison: its first fragment's when cut).
    pub fn unexpected_differences(&self) -> usize {
        self.trace()
            .datagram()
            .and_then(|d| d.comparison)
            .map_or(0, |c| c.unexpected)
    }
    /// True when a capture ran but did not see our datagram although it was
    /// sent (when nothing left the host, seeing nothing is the right answer).
    pub fn datagram_missed(&self) -> bool {
        let never_left = matches!(
            self.delivery,
            Some(Delivery::TooBig) | Some(Delivery::Unresolved { .. })
        );
        !never_left
            && matches!(self.capture, CaptureOutcome::Caught(_))
            && self.trace().datagram().and_then(|d| d.captured).is_none()
    }
}

/// Runs the exchange, captures it when asked, and explains the datagram.
pub fn run(request: &Request, mode: CaptureMode, mtu: Option<usize>) -> Result<SendReport, Error> {
    let plan = plan(request, mode, mtu)?;
    let (capture_source, mut outcome) = exchange::open_capture(&plan, mode)?;
    let (exchange, mut delivery) =
        crate::net::exchange::run_with_delivery_from(&plan.request, plan.probed_source)?;
    let mut report = assemble::planned(&plan, exchange, mtu)?;
    let loopback = plan.path.as_ref().is_some_and(|p| p.interface.loopback);
    if let Some(source) = capture_source {
        let caught = exchange::collect(source, &plan, &delivery, &mut report)?;
        outcome = CaptureOutcome::Caught(Box::new(explain_capture(&mut report, caught, loopback)));
    }
    if let Some(unresolved) = explain::unresolved(plan.next_hop_ip(), &delivery, &outcome, &report)
    {
        delivery = unresolved;
        if let Delivery::Unresolved {
            next_hop, state, ..
        } = &delivery
        {
            assemble::set_origin(
                &mut report.dissection,
                field_id::ETH_DST,
                Origin::observed(t!(
                    "never learned: nobody answered for {hop} (the neighbour entry is {state}); zeros stand in for the MAC the frame would have carried",
                    hop = next_hop,
                    state = state.name()
                )),
            );
        }
    }
    let mut cut =
        explain::fragmentation(&report, mtu, plan.interface_mtu, plan.request.dont_fragment);
    let packet_len = plan.packet_len;
    if let Some(m) = mtu.filter(|m| request.dont_fragment && packet_len > *m) {
        // DF forbids the cut: say what a link with that MTU would do instead.
        cut = None;
        report.notes.push(if plan.route_target.is_ipv6() {
            t!(
                "--dont-fragment with --mtu {m}: the {packet_len}-byte IPv6 packet may not be cut by this host (IPV6_PMTUDISC_DO), and an IPv6 router never cuts one, so a router on a link with MTU {m} would drop it and answer ICMPv6 \"Packet Too Big\" (type 2, with the MTU); the sender would then send smaller datagrams",
                m,
                packet_len
            )
        } else {
            t!(
            "--dont-fragment with --mtu {m}: the {packet_len}-byte packet may not be cut, so a router on a link with MTU {m} would drop it and answer ICMP \"Fragmentation Needed\" (type 3, code 4, with the MTU); the sender would then send smaller datagrams",
            m,
            packet_len
        )
        });
    }
    if let Some((fragmentation, pieces)) = cut {
        report.fragmentation = Some(fragmentation);
        explain::place_fragments(&mut report.frames, pieces);
        explain::compare_fragments(&mut report.frames, loopback);
    }
    report.delivery = Some(delivery);
    report.capture = outcome;
    Ok(report)
}
