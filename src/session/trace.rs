//! The trace vocabulary: a run as socket calls plus frame events in time
//! order. UDP send makes a trace of one or a few events (the datagram, its
//! fragments, the neighbour exchange before it, the ICMP answer after it),
//! recv one per datagram that arrived (with or without
//! its frame), decode one per frame it read, handed on one at a time; TCP will make one of many. An event borrows from the report
//! that holds the frames, so drawing a trace copies no bytes.

use std::net::SocketAddr;
use std::time::Duration;

use crate::capturing::CapturedDissection;
use crate::compare::Comparison;
use crate::decode::Link;
use crate::model::Dissection;
use crate::net::exchange::SocketCall;
use crate::net::receiver::Datagram;

/// What a frame is in the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// Our datagram, whole (when the kernel cut it, the captured side is
    /// its first fragment, as the capture report has always shown it).
    Datagram,
    /// One fragment of our datagram, by offset: built for the MTU, and the
    /// kernel's own fragment when the capture caught it.
    Fragment { index: usize },
    /// The ICMP error the kernel sent back about our datagram.
    IcmpAnswer,
    /// An ARP or neighbour discovery frame between us and the next hop.
    Neighbour,
    /// A datagram that arrived at a receiving socket (`recv`); `number`
    /// counts the datagrams recvfrom() returned, 1 for the first.
    Received { number: usize },
    /// A frame `decode` read from its input (hex text, pcap, pcapng):
    /// `number` counts the input's frames, 1 for the first; `original_length`
    /// is its length on the wire (more than its bytes when the capture cut it).
    Decoded {
        number: usize,
        link: Link,
        original_length: usize,
    },
}

/// Which way a frame went, seen from the host stackviz runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Sent by this host (our datagram, our neighbour request).
    Out,
    /// Sent to this host (an ICMP answer, a neighbour's reply, a datagram
    /// for `recv`). On loopback this host is both ends.
    In,
}

/// A frame stackviz built, with its dissection.
#[derive(Debug, Clone, Copy)]
pub struct Built<'a> {
    pub bytes: &'a [u8],
    pub dissection: &'a Dissection,
    /// For a fragment built for the MTU: which piece of the payload it carries.
    pub piece: Option<Piece>,
}

/// Where a built fragment's piece lies in the original payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Bytes from the start of the payload (a multiple of 8).
    pub offset: usize,
    /// Bytes of the payload it carries.
    pub length: usize,
    pub more_fragments: bool,
}

/// One frame of the run.
#[derive(Debug, Clone)]
pub struct FrameEvent<'a> {
    pub kind: EventKind,
    pub direction: Direction,
    /// When the capture read it (time since the Unix epoch), when it did.
    pub at: Option<Duration>,
    pub built: Option<Built<'a>>,
    pub captured: Option<&'a CapturedDissection>,
    pub comparison: Option<&'a Comparison>,
    /// What recvfrom() returned for it, when a receiving socket took it.
    pub delivered: Option<Delivered<'a>>,
    /// The bytes `decode` read for it, when it came from decode's input.
    pub read: Option<Read<'a>>,
}

/// A frame as `decode` read it: its bytes (the part the capture saved),
/// their dissection, and the pcapng comment when the file had one.
#[derive(Debug, Clone, Copy)]
pub struct Read<'a> {
    pub bytes: &'a [u8],
    pub dissection: &'a Dissection,
    pub comment: Option<&'a str>,
}

/// A decoded frame's event, flattened for its views.
#[derive(Debug, Clone, Copy)]
pub struct DecodedView<'a> {
    pub number: usize,
    pub link: Link,
    pub original_length: usize,
    /// The input's timestamp, when it had one.
    pub at: Option<Duration>,
    pub read: Read<'a>,
}

/// A datagram a receiving socket took: what recvfrom() returned, and the
/// socket its destination port delivered it to.
#[derive(Debug, Clone, Copy)]
pub struct Delivered<'a> {
    pub datagram: &'a Datagram,
    pub to: SocketAddr,
}

impl<'a> FrameEvent<'a> {
    /// A received datagram's number and delivery; `None` for any other
    /// event (a recv view draws only these).
    pub fn received(&self) -> Option<(usize, Delivered<'a>)> {
        match (self.kind, self.delivered) {
            (EventKind::Received { number }, Some(delivered)) => Some((number, delivered)),
            _ => None,
        }
    }
    /// A decoded frame's number, link, lengths and bytes; `None` for any
    /// other event (a decode view draws only these).
    pub fn decoded(&self) -> Option<DecodedView<'a>> {
        match (self.kind, self.read) {
            (
                EventKind::Decoded {
                    number,
                    link,
                    original_length,
                },
                Some(read),
            ) => Some(DecodedView {
                number,
                link,
                original_length,
                at: self.at,
                read,
            }),
            _ => None,
        }
    }
}

/// A run: the socket calls, and the frames in the order they happened.
#[derive(Debug, Clone)]
pub struct Trace<'a> {
    pub calls: &'a [SocketCall],
    /// The capture's interface, when a capture ran.
    pub interface: Option<&'a str>,
    pub events: Vec<FrameEvent<'a>>,
}

impl<'a> Trace<'a> {
    /// The events of one kind, in time order.
    pub fn of_kind(&self, kind: EventKind) -> impl Iterator<Item = &FrameEvent<'a>> {
        self.events.iter().filter(move |e| e.kind == kind)
    }
    /// The datagram's event (a send trace has one).
    pub fn datagram(&self) -> Option<&FrameEvent<'a>> {
        self.of_kind(EventKind::Datagram).next()
    }
    /// The fragment events, by offset: built for the MTU, caught, or both.
    pub fn fragments(&self) -> impl Iterator<Item = &FrameEvent<'a>> {
        self.events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Fragment { .. }))
    }
    /// The fragments the capture caught, by offset.
    pub fn caught_fragments(&self) -> impl Iterator<Item = &'a CapturedDissection> + '_ {
        self.fragments().filter_map(|e| e.captured)
    }
    /// The fragments stackviz built for the MTU, by offset.
    pub fn built_fragments(&self) -> impl Iterator<Item = Built<'a>> + '_ {
        self.fragments().filter_map(|e| e.built)
    }
    /// Each caught fragment after the first compared with the one built for
    /// it (the first one's comparison is the datagram's).
    pub fn later_fragment_comparisons(&self) -> impl Iterator<Item = &'a Comparison> + '_ {
        self.fragments()
            .filter(|e| !matches!(e.kind, EventKind::Fragment { index: 0 }))
            .filter_map(|e| e.comparison)
    }
    /// The ARP or neighbour discovery frames the capture caught, in order.
    pub fn neighbour_frames(&self) -> impl Iterator<Item = &'a CapturedDissection> + '_ {
        self.of_kind(EventKind::Neighbour)
            .filter_map(|e| e.captured)
    }
    /// The ICMP answer the capture caught, if any.
    pub fn icmp_answer(&self) -> Option<&'a CapturedDissection> {
        self.of_kind(EventKind::IcmpAnswer).find_map(|e| e.captured)
    }
}
