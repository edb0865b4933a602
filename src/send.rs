//! `stackviz send` as data: run the real exchange, build the same datagram
//! from what the OS decided, dissect it with the one dissector, and record
//! where every value came from. No printing here.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use crate::build::{build_frame, BuiltFrame, DatagramSpec, MAX_UDP_PAYLOAD_V4, MAX_UDP_PAYLOAD_V6};
use crate::capturing::{CaptureMode, CapturedDissection};
use crate::compare::{compare, CaptureContext, Comparison};
use crate::dissect::{dissect_ethernet, physical, Fcs};
use crate::error::{capture_hint, Error};
use crate::field_id;
use crate::fragment::{fragment, Fragment};
use crate::model::{Dissection, Origin};
use crate::net::capture::{self, CaptureError, Caught, FrameKind, FrameSource};
use crate::net::exchange::{self, Delivery, Exchange, Request, Target};
use crate::net::host::{self, LinkAddresses};
use crate::net::netlink::NeighbourEntry;
use crate::t;

/// What the capture caught and how it compares with what we built.
#[derive(Debug, Clone)]
pub struct CaptureReport {
    pub interface: String,
    /// Our datagram as the kernel sent it.
    pub datagram: Option<CapturedDissection>,
    /// The ICMP error the kernel sent back, if any.
    pub icmp: Option<CapturedDissection>,
    /// ARP request and reply that taught the kernel the next hop's MAC.
    pub arp: Vec<CapturedDissection>,
    /// When the kernel fragmented: every captured fragment, by offset
    /// (the first one is `datagram`), and each compared with ours.
    pub fragments: Vec<CapturedDissection>,
    pub fragment_comparisons: Vec<Comparison>,
    /// Identical copies dropped (loopback shows each frame twice).
    pub duplicates: usize,
    /// Of those, copies of our datagram (or its fragments)...
    pub duplicated_datagram: usize,
    /// ...and copies of the ICMP error.
    pub duplicated_icmp: usize,
    pub comparison: Option<Comparison>,
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
    /// The datagram cut for an MTU it does not fit, when it does not.
    pub fragmentation: Option<Fragmentation>,
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
    pub fragments: Vec<BuiltFragment>,
}

impl SendReport {
    /// The run as a trace: the frames in the order they happened, each with
    /// what was built, what was caught and their comparison.
    pub fn trace(&self) -> crate::session::Trace<'_> {
        crate::session::send_trace::send_trace(self)
    }
    /// Fields that differ between built and captured with no explanation.
    pub fn unexpected_differences(&self) -> usize {
        match &self.capture {
            CaptureOutcome::Caught(c) => c.comparison.as_ref().map(|c| c.unexpected).unwrap_or(0),
            _ => 0,
        }
    }
    /// True when a capture ran but did not see our datagram although it was
    /// sent (when nothing left the host, seeing nothing is the right answer).
    pub fn datagram_missed(&self) -> bool {
        let never_left = matches!(
            self.delivery,
            Some(Delivery::TooBig) | Some(Delivery::Unresolved { .. })
        );
        !never_left && matches!(&self.capture, CaptureOutcome::Caught(c) if c.datagram.is_none())
    }
}

fn open_capture(
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

/// Runs the exchange, captures it when asked, and explains the datagram.
pub fn run(request: &Request, mode: CaptureMode, mtu: Option<usize>) -> Result<SendReport, Error> {
    let route_target = match request.target {
        Target::Remote(addr) => addr,
        Target::Embedded { port } | Target::Unbound { port } => {
            SocketAddr::new(request.family.loopback(), port.max(1))
        }
    };
    let v6 = route_target.is_ipv6();
    // A source of the other family can never send to this destination: the
    // command line is wrong, not the run.
    if request.from.is_some_and(|f| f.is_ipv6() != v6) {
        return Err(Error::MixedFamilies);
    }
    if let (true, Some(m)) = (v6, mtu.filter(|m| *m < crate::fragment::MIN_IPV6_MTU)) {
        return Err(Error::MtuTooSmall {
            mtu: m,
            minimum: crate::fragment::MIN_IPV6_MTU,
        });
    }
    if v6 && request.payload.len() > MAX_UDP_PAYLOAD_V6 {
        return Err(Error::PayloadTooLargeV6 {
            length: request.payload.len(),
        });
    }
    if !v6 && request.payload.len() > MAX_UDP_PAYLOAD_V4 {
        return Err(Error::PayloadTooLarge {
            length: request.payload.len(),
        });
    }

    // The capture must be open before anything is sent, so ask the kernel
    // first which way the datagram will take (RTM_GETROUTE): a local route
    // goes through lo even for an address that sits on eth0.
    let bound = request
        .from
        .map(|f| f.ip())
        .filter(|ip| !ip.is_unspecified());
    let source = match bound {
        Some(ip) => Ok(ip),
        None => exchange::probe_source(route_target),
    };
    let path = match &source {
        Ok(src) => host::path_to(route_target.ip(), bound, *src),
        // Without a capture the exchange itself reports the missing route.
        Err(_) if mode == CaptureMode::Off => None,
        Err(_) => return Err(source.err().unwrap_or(Error::MixedFamilies)),
    };
    let source_text = source.as_ref().map(|s| s.to_string()).unwrap_or_default();
    let (capture_source, mut outcome) = match (mode, &path) {
        (CaptureMode::Off, _) => (None, CaptureOutcome::Off),
        (_, Some(path)) => open_capture(mode, &path.interface.name)?,
        (CaptureMode::On, None) => {
            return Err(Error::Capture(CaptureError::NoInterface(source_text)));
        }
        (_, None) => (
            None,
            CaptureOutcome::Unavailable {
                reason: t!("no capture: no interface holds {src}", src = source_text),
                hint: t!("use --capture off to silence this note").into(),
            },
        ),
    };
    // The next hop on a real link, and whether its MAC was known before
    // sending: that decides whether the kernel must ask with ARP (or
    // neighbour discovery) first, and what the capture will show.
    let next_hop = path
        .as_ref()
        .filter(|p| !p.interface.loopback)
        .map(|p| host::next_hop_ip(&p.interface, route_target.ip()).0);
    let before = next_hop.map(|hop| host::neighbour(hop).0);

    // DF (IP_PMTUDISC_DO) whenever the packet fits the outgoing interface:
    // Linux then sends identification 0, which the built frame can predict.
    // A bigger one is left to the kernel to fragment, unless --dont-fragment.
    // One that --mtu says is to be fragmented is sent without DF too: a
    // datagram with DF may not be cut, so showing it with DF beside its
    // fragments would tell two stories.
    let interface_mtu = path
        .as_ref()
        .and_then(|p| p.interface.mtu)
        .map(|m| m as usize);
    let packet_len = request.payload.len() + if v6 { 48 } else { 28 };
    let user_dont_fragment = request.dont_fragment;
    let lesson_mtu = mtu.filter(|m| packet_len > *m && !user_dont_fragment);
    let mut request = request.clone();
    request.dont_fragment |= lesson_mtu.is_none() && interface_mtu.is_none_or(|m| packet_len <= m);
    request.fragmentable = lesson_mtu.is_some();
    let request = &request;

    let (exchange, mut delivery) = exchange::run_with_delivery(request)?;
    let (ttl, ttl_origin) = match (request.ttl, v6) {
        (Some(ttl), false) => (
            ttl,
            Origin::chosen(t!("--ttl, set on the socket with setsockopt(IP_TTL)")),
        ),
        (Some(ttl), true) => (
            ttl,
            Origin::chosen(t!(
                "--ttl, set on the socket with setsockopt(IPV6_UNICAST_HOPS)"
            )),
        ),
        (None, false) => host::default_ttl(),
        (None, true) => host::default_hop_limit(),
    };
    let mut link = host::link_addresses(
        path.as_ref(),
        exchange.source.ip(),
        exchange.destination.ip(),
    );
    if let (Some(hop), Some(None), false) = (next_hop, before, link.dst_mac == [0; 6]) {
        link.dst_origin = Origin::observed(t!(
            "learned during this send (ARP or neighbour discovery): {hop} was not in the neighbour table before sendto(), it was after; {route}",
            hop,
            route = link.dst_origin.source
        ));
    }
    let loopback = link.interface.as_ref().is_some_and(|i| i.loopback);
    let mut report = assemble(
        exchange,
        HostFacts {
            ttl,
            ttl_origin,
            link,
        },
        &request.payload,
    )?;
    if let Some(p) = path.as_ref().filter(|p| p.local) {
        if let Some(holder) = &p.holder {
            report.notes.push(t!(
                "{dst} is this host's own address (it sits on {holder}), so the kernel's route is local (RTM_GETROUTE, the local routing table; `ip route get {dst}` says local … dev {interface}): the datagram went through {interface}, not {holder}: no ARP or neighbour discovery, no MAC address (loopback has none), nothing on {holder}'s wire; the capture ran on {interface}",
                dst = report.exchange.destination.ip(),
                holder,
                interface = p.interface.name
            ));
        }
    }
    if let Some(m) = lesson_mtu {
        set_origin(
            &mut report.dissection,
            field_id::IPV4_FLAGS_DF,
            Origin::chosen(t!(
                "0: --mtu {m} is smaller than this {packet_len}-byte packet, so it is a datagram to be fragmented, and such a datagram must not carry DF (with DF = 1 a router would drop it and answer ICMP \"Fragmentation Needed\" instead of cutting it); stackviz sent it without IP_PMTUDISC_DO",
                m,
                packet_len
            )),
        );
    } else if let Some(m) = mtu.filter(|m| packet_len <= *m) {
        report.notes.push(t!(
            "--mtu {m}: the {packet_len}-byte packet fits ({packet_len} bytes ≤ MTU {m}): a link with this MTU carries it whole, no fragments",
            m,
            packet_len
        ));
    }
    if let Some(mut source) = capture_source {
        let expect_icmp = matches!(delivery, Delivery::Refused { .. });
        let (ours, theirs) = (report.exchange.source, report.exchange.destination);
        let caught = capture::collect(
            &mut source,
            request.timeout.min(Duration::from_secs(1)),
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
        outcome = CaptureOutcome::Caught(Box::new(explain_capture(&report, caught, loopback)));
    }
    if let Some(unresolved) = unresolved(next_hop, &delivery, &outcome) {
        delivery = unresolved;
        if let Delivery::Unresolved {
            next_hop, state, ..
        } = &delivery
        {
            set_origin(
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
    report.fragmentation = fragmentation(&report, mtu, interface_mtu, request.dont_fragment);
    if let Some(m) = mtu.filter(|m| user_dont_fragment && packet_len > *m) {
        // DF forbids the cut: say what a link with that MTU would do instead.
        report.fragmentation = None;
        report.notes.push(t!(
            "--dont-fragment with --mtu {m}: the {packet_len}-byte packet may not be cut, so a router on a link with MTU {m} would drop it and answer ICMP \"Fragmentation Needed\" (type 3, code 4, with the MTU); the sender would then send smaller datagrams",
            m,
            packet_len
        ));
    }
    if let (Some(f), CaptureOutcome::Caught(c)) = (&report.fragmentation, &mut outcome) {
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
    report.delivery = Some(delivery);
    report.capture = outcome;
    Ok(report)
}

/// Replaces the origin of the field `id`, when the dissection has it.
fn set_origin(dissection: &mut Dissection, id: &str, origin: Origin) {
    if let Some(field) = dissection.fields_mut().find(|f| f.id == id) {
        field.origin = Some(origin);
    }
}

/// The datagram never left when the next hop's MAC could not be learned:
/// the neighbour entry is INCOMPLETE (still asking) or FAILED (gave up), and
/// the capture, when one ran, did not see the datagram. Anything the socket
/// reported (an error, a reply) means it is not this case.
fn unresolved(
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
fn fragmentation(
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
    let packet_len = report.frame.bytes.len() - 4 - report.frame.padding - 14;
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

/// Builds and explains the frame from an exchange that already happened.
/// Pure: tests feed it a fixed exchange.
pub fn assemble(exchange: Exchange, facts: HostFacts, payload: &[u8]) -> Result<SendReport, Error> {
    let spec = DatagramSpec {
        src_mac: facts.link.src_mac,
        dst_mac: facts.link.dst_mac,
        src_ip: exchange.source.ip(),
        dst_ip: exchange.destination.ip(),
        // Linux picks IPv6 flow labels itself (net.ipv6.auto_flowlabels).
        flow_label: 0,
        ttl: facts.ttl,
        identification: 0,
        // IP_PMTUDISC_DO sets DF; without it the datagram is one the kernel
        // may fragment, and fragments never carry DF.
        dont_fragment: exchange.pmtu_discovery_do,
        dscp: 0,
        ecn: 0,
        src_port: exchange.source.port(),
        dst_port: exchange.destination.port(),
        payload: payload.to_vec(),
    };
    let frame = build_frame(&spec)?;
    let mut dissection = dissect_ethernet(&frame.bytes, Fcs::Present);
    dissection
        .layers
        .insert(0, physical::layer(frame.bytes.len()));

    let origins = origins(&exchange, &facts, payload.len());
    for field in dissection.fields_mut() {
        if field.origin.is_none() {
            field.origin = origins.get(field.id).cloned();
        }
    }

    let mut notes = Vec::new();
    let loopback = facts.link.interface.as_ref().is_some_and(|i| i.loopback);
    if !loopback && facts.link.dst_mac == [0; 6] {
        // The dissector reads all-zero MACs as loopback's; on a real link
        // they only stand in for a MAC the kernel did not have.
        if let Some(field) = dissection.fields_mut().find(|f| f.id == field_id::ETH_DST) {
            field.meaning = t!(
                "all zeros: a placeholder, not an address: the next hop's MAC was not known when this frame was built"
            )
            .into();
        }
    }
    if loopback {
        notes.push(
            t!("loopback (lo) never puts bits on a wire and adds no padding or FCS: the data-link and physical layers show what Ethernet would carry for this datagram").into(),
        );
    }
    Ok(SendReport {
        interface: facts.link.interface.as_ref().map(|i| i.name.clone()),
        exchange,
        spec,
        frame,
        dissection,
        notes,
        delivery: None,
        capture: CaptureOutcome::Off,
        fragmentation: None,
    })
}

/// Linux labels flows itself when net.ipv6.auto_flowlabels is on (the
/// default): the value cannot be known before sending.
fn flow_label_origin() -> String {
    match std::fs::read_to_string("/proc/sys/net/ipv6/auto_flowlabels") {
        Ok(v) if v.trim() != "0" => t!(
            "0 assumed; net.ipv6.auto_flowlabels = {value}: the kernel picks its own label from a hash of the flow",
            value = v.trim()
        ),
        Ok(_) => t!("0: net.ipv6.auto_flowlabels = 0, the kernel leaves it unset").into(),
        Err(_) => t!("0 assumed; the kernel may pick its own label").into(),
    }
}

/// Where each field's value came from, keyed by field id.
fn origins(
    exchange: &Exchange,
    facts: &HostFacts,
    payload_len: usize,
) -> HashMap<&'static str, Origin> {
    let sent_to = t!(
        "the address given to sendto(): {destination}",
        destination = exchange.destination
    );
    let data_origin = match &exchange.received {
        Some(r) if r.data.len() == 1 => Origin::observed(t!("recvfrom() returned this 1 byte")),
        Some(r) => Origin::observed(t!(
            "recvfrom() returned these {length} bytes",
            length = r.data.len()
        )),
        None if payload_len == 1 => Origin::observed(t!("the 1 byte given to sendto()")),
        None => Origin::observed(t!("the {payload_len} bytes given to sendto()", payload_len)),
    };
    let id_origin = if exchange.pmtu_discovery_do {
        Origin::predicted(t!(
            "0: Linux sends ID 0 from an unconnected socket with IP_PMTUDISC_DO"
        ))
    } else {
        Origin::predicted(t!(
            "0 assumed; the kernel picks its own value for this socket"
        ))
    };
    HashMap::from([
        (field_id::ETH_DST, facts.link.dst_origin.clone()),
        (field_id::ETH_SRC, facts.link.src_origin.clone()),
        (field_id::ETH_TYPE, Origin::protocol(t!("IEEE EtherType registry"))),
        (field_id::ETH_PADDING, Origin::predicted(t!("IEEE 802.3 minimum frame size: 64 bytes with FCS"))),
        (field_id::ETH_FCS, Origin::predicted(t!("CRC-32 computed by stackviz (crc32fast); on a real link the network card computes it"))),
        (field_id::IPV4_VERSION, Origin::protocol("RFC 791")),
        (field_id::IPV4_IHL, Origin::predicted(t!("the kernel adds no IPv4 options to UDP by default"))),
        (field_id::IPV4_DSCP, Origin::predicted(t!("socket default: no IP_TOS set"))),
        (field_id::IPV4_ECN, Origin::predicted(t!("socket default: UDP does not use ECN"))),
        (field_id::IPV4_TOTAL_LENGTH, Origin::predicted(t!("computed by etherparse: 20 + UDP length"))),
        (field_id::IPV4_IDENTIFICATION, id_origin),
        (field_id::IPV4_FLAGS_RESERVED, Origin::protocol(t!("RFC 791: always 0"))),
        (
            field_id::IPV4_FLAGS_DF,
            if exchange.pmtu_discovery_do {
                Origin::predicted(t!("IP_PMTUDISC_DO makes the kernel set DF"))
            } else {
                Origin::predicted(t!("no IP_PMTUDISC_DO: the packet is bigger than the interface MTU, so the kernel fragments it and DF stays clear"))
            },
        ),
        (field_id::IPV4_FLAGS_MF, Origin::predicted(t!("the datagram as a whole: MF 0 (fragments, when the MTU needs them, are shown apart)"))),
        (field_id::IPV4_FRAGMENT_OFFSET, Origin::predicted(t!("the datagram as a whole starts at offset 0"))),
        (field_id::IPV4_TTL, facts.ttl_origin.clone()),
        (field_id::IPV4_PROTOCOL, Origin::protocol(t!("17 = UDP, because the socket is SOCK_DGRAM"))),
        (field_id::IPV4_CHECKSUM, Origin::predicted(t!("computed by etherparse, checked by stackviz below"))),
        (field_id::IPV4_SRC, Origin::observed(exchange.source_learned_from.clone())),
        (field_id::IPV4_DST, Origin::observed(sent_to.clone())),
        (field_id::IPV6_VERSION, Origin::protocol("RFC 8200")),
        (field_id::IPV6_DSCP, Origin::predicted(t!("socket default: no IPV6_TCLASS set"))),
        (field_id::IPV6_ECN, Origin::predicted(t!("socket default: UDP does not use ECN"))),
        (
            field_id::IPV6_FLOW_LABEL,
            // Read only for IPv6, so an IPv4 report depends on no host file.
            Origin::predicted(if exchange.destination.is_ipv6() { flow_label_origin() } else { String::new() }),
        ),
        (field_id::IPV6_PAYLOAD_LENGTH, Origin::predicted(t!("computed by etherparse: the UDP length (no extension headers)"))),
        (field_id::IPV6_NEXT_HEADER, Origin::protocol(t!("17 = UDP, because the socket is SOCK_DGRAM"))),
        (field_id::IPV6_HOP_LIMIT, facts.ttl_origin.clone()),
        (field_id::IPV6_SRC, Origin::observed(exchange.source_learned_from.clone())),
        (field_id::IPV6_DST, Origin::observed(sent_to.clone())),
        (field_id::UDP_SRC_PORT, Origin::observed(exchange.source_learned_from.clone())),
        (field_id::UDP_DST_PORT, Origin::observed(sent_to)),
        (field_id::UDP_LENGTH, Origin::predicted(t!("computed by etherparse: 8 + payload length"))),
        (field_id::UDP_CHECKSUM, Origin::predicted(t!("computed by etherparse, checked by stackviz below"))),
        (field_id::APP_DATA, data_origin),
    ])
}
