//! The JSON shape of `stackviz send` (schema `stackviz.send/1`): the
//! exchange, what became of the datagram, the capture and its comparison,
//! the fragments. Built from the send report at the edge; the report's own
//! types know nothing of JSON.

use std::net::{IpAddr, SocketAddr};

use serde::Serialize;

use super::frame::{
    layer_name, CapturedDoc, Each, FieldDoc, Layers, MalformedDoc, OriginDoc, StepDoc,
};
use crate::compare::{Comparison, FieldComparison, Verdict};
use crate::model::{to_hex, Step};
use crate::net::exchange::{Delivery, Exchange, Received, Side, SocketCall};
use crate::net::netlink::NeighbourEntry;
use crate::send::{CaptureOutcome, SendReport};
use crate::session::{Built, Trace};

#[derive(Serialize)]
pub(super) struct SendDoc<'a> {
    schema: &'static str,
    command: &'static str,
    interface: Option<&'a str>,
    frame: String,
    frame_length: usize,
    padding: usize,
    layers: Layers<'a>,
    encapsulation: Each<'a, Step, StepDoc<'a>>,
    exchange: ExchangeDoc<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    malformed: Option<MalformedDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery: Option<DeliveryDoc<'a>>,
    capture: CaptureDoc<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fragmentation: Option<FragmentationDoc<'a>>,
    notes: &'a [String],
}

impl<'a> SendDoc<'a> {
    /// `steps` is the report's encapsulation, computed by the caller (the
    /// model derives it; the document only borrows). The frames come from
    /// the report's trace, put back under the keys the schema has always had.
    pub(super) fn new(schema: &'static str, report: &'a SendReport, steps: &'a [Step]) -> Self {
        let trace = report.trace();
        SendDoc {
            schema,
            command: "send",
            interface: report.interface.as_deref(),
            frame: to_hex(&report.frame.bytes),
            frame_length: report.frame.bytes.len(),
            padding: report.frame.padding,
            layers: Each::new(&report.dissection.layers),
            encapsulation: Each::new(steps),
            exchange: (&report.exchange).into(),
            malformed: report.dissection.malformed.as_ref().map(MalformedDoc::from),
            delivery: report.delivery.as_ref().map(DeliveryDoc::from),
            capture: CaptureDoc::new(&report.capture, &trace),
            fragmentation: report.fragmentation.as_ref().map(|f| FragmentationDoc {
                mtu: f.mtu,
                mtu_origin: (&f.mtu_origin).into(),
                interface_mtu: f.interface_mtu,
                fragments: trace
                    .built_fragments()
                    .filter_map(FragmentDoc::new)
                    .collect(),
            }),
            notes: &report.notes,
        }
    }
}

/// `{side, call, result, note}`: one socket call.
#[derive(Serialize)]
pub(super) struct CallDoc<'a> {
    side: &'static str,
    call: &'a str,
    result: &'a str,
    note: &'a str,
}

impl<'a> From<&'a SocketCall> for CallDoc<'a> {
    fn from(call: &'a SocketCall) -> Self {
        CallDoc {
            side: match call.side {
                Side::Sender => "sender",
                Side::Receiver => "receiver",
            },
            call: &call.call,
            result: &call.result,
            note: &call.note,
        }
    }
}

pub(super) type Calls<'a> = Each<'a, SocketCall, CallDoc<'a>>;

#[derive(Serialize)]
struct ReceivedDoc {
    data: String,
    from: SocketAddr,
}

impl From<&Received> for ReceivedDoc {
    fn from(received: &Received) -> Self {
        ReceivedDoc {
            data: to_hex(&received.data),
            from: received.from,
        }
    }
}

#[derive(Serialize)]
struct ExchangeDoc<'a> {
    calls: Calls<'a>,
    source: SocketAddr,
    source_learned_from: &'a str,
    destination: SocketAddr,
    bytes_sent: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    received: Option<ReceivedDoc>,
    pmtu_discovery_do: bool,
}

impl<'a> From<&'a Exchange> for ExchangeDoc<'a> {
    fn from(exchange: &'a Exchange) -> Self {
        ExchangeDoc {
            calls: Each::new(&exchange.calls),
            source: exchange.source,
            source_learned_from: &exchange.source_learned_from,
            destination: exchange.destination,
            bytes_sent: exchange.bytes_sent,
            received: exchange.received.as_ref().map(ReceivedDoc::from),
            pmtu_discovery_do: exchange.pmtu_discovery_do,
        }
    }
}

/// `{"outcome": ...}` and the keys that outcome brings.
#[derive(Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
enum DeliveryDoc<'a> {
    Received,
    Refused {
        error: &'a str,
    },
    Reply {
        data: String,
        from: SocketAddr,
    },
    Silence {
        waited_ms: u64,
    },
    TooBig,
    Unresolved {
        next_hop: IpAddr,
        state: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        requests: Option<usize>,
    },
}

impl<'a> From<&'a Delivery> for DeliveryDoc<'a> {
    fn from(delivery: &'a Delivery) -> Self {
        match delivery {
            Delivery::Received => DeliveryDoc::Received,
            Delivery::Refused { error, .. } => DeliveryDoc::Refused { error },
            Delivery::Reply { data, from } => DeliveryDoc::Reply {
                data: to_hex(data),
                from: *from,
            },
            Delivery::Silence { waited_ms } => DeliveryDoc::Silence {
                waited_ms: *waited_ms,
            },
            Delivery::TooBig => DeliveryDoc::TooBig,
            Delivery::Unresolved {
                next_hop,
                state,
                requests,
            } => DeliveryDoc::Unresolved {
                next_hop: *next_hop,
                // The names `ip neigh` prints; a usable entry never ends
                // a send unresolved, but has its own value all the same.
                state: match state {
                    NeighbourEntry::Incomplete => "INCOMPLETE",
                    NeighbourEntry::Failed => "FAILED",
                    NeighbourEntry::Usable => "USABLE",
                },
                requests: *requests,
            },
        }
    }
}

/// `{"status": ...}`: whether the real frame was captured.
#[derive(Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum CaptureDoc<'a> {
    Off,
    Unavailable {
        reason: &'a str,
        hint: &'a str,
    },
    /// The keys of `CaughtDoc` follow `"status": "caught"`.
    Caught(Box<CaughtDoc<'a>>),
}

/// A capture ran: what it saw, and the comparison.
#[derive(Serialize)]
struct CaughtDoc<'a> {
    interface: &'a str,
    duplicates_dropped: usize,
    datagram: Option<CapturedDoc<'a>>,
    comparison: Option<ComparisonDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    icmp: Option<CapturedDoc<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    arp: Vec<CapturedDoc<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fragments: Vec<CapturedDoc<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fragment_comparisons: Vec<ComparisonDoc<'a>>,
}

impl<'a> CaptureDoc<'a> {
    /// The capture's outcome, with the frames it caught taken from the
    /// trace: the datagram's event, the neighbour frames, the fragments and
    /// the ICMP answer each go back under their own key.
    fn new(outcome: &'a CaptureOutcome, trace: &Trace<'a>) -> Self {
        match outcome {
            CaptureOutcome::Off => CaptureDoc::Off,
            CaptureOutcome::Unavailable { reason, hint } => {
                CaptureDoc::Unavailable { reason, hint }
            }
            CaptureOutcome::Caught(c) => {
                let datagram = trace.datagram();
                CaptureDoc::Caught(Box::new(CaughtDoc {
                    interface: &c.interface,
                    duplicates_dropped: c.duplicates,
                    datagram: datagram.and_then(|d| d.captured).map(CapturedDoc::from),
                    comparison: datagram.and_then(|d| d.comparison).map(ComparisonDoc::from),
                    icmp: trace.icmp_answer().map(CapturedDoc::from),
                    arp: trace.neighbour_frames().map(CapturedDoc::from).collect(),
                    fragments: trace.caught_fragments().map(CapturedDoc::from).collect(),
                    fragment_comparisons: trace
                        .later_fragment_comparisons()
                        .map(ComparisonDoc::from)
                        .collect(),
                }))
            }
        }
    }
}

/// `{fields, identical, explained, unexpected}`: built versus captured.
#[derive(Serialize)]
pub(super) struct ComparisonDoc<'a> {
    fields: Each<'a, FieldComparison, FieldComparisonDoc<'a>>,
    identical: usize,
    explained: usize,
    unexpected: usize,
}

impl<'a> From<&'a Comparison> for ComparisonDoc<'a> {
    fn from(comparison: &'a Comparison) -> Self {
        ComparisonDoc {
            fields: Each::new(&comparison.fields),
            identical: comparison.identical,
            explained: comparison.explained,
            unexpected: comparison.unexpected,
        }
    }
}

#[derive(Serialize)]
pub(super) struct FieldComparisonDoc<'a> {
    id: &'a str,
    name: &'a str,
    layer: &'static str,
    built: Option<FieldDoc<'a>>,
    captured: Option<FieldDoc<'a>>,
    /// `same`, `explained` or `unexpected`.
    verdict: &'static str,
    /// Only with `explained`.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

impl<'a> From<&'a FieldComparison> for FieldComparisonDoc<'a> {
    fn from(field: &'a FieldComparison) -> Self {
        let (verdict, reason) = match &field.verdict {
            Verdict::Same => ("same", None),
            Verdict::Explained { reason } => ("explained", Some(reason.as_str())),
            Verdict::Unexpected => ("unexpected", None),
        };
        FieldComparisonDoc {
            id: field.id,
            name: field.name,
            layer: layer_name(field.layer),
            built: field.built.as_ref().map(FieldDoc::from),
            captured: field.captured.as_ref().map(FieldDoc::from),
            verdict,
            reason,
        }
    }
}

#[derive(Serialize)]
struct FragmentationDoc<'a> {
    mtu: usize,
    mtu_origin: OriginDoc<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interface_mtu: Option<usize>,
    fragments: Vec<FragmentDoc<'a>>,
}

/// One built fragment: where its piece lies and the frame that carries it.
#[derive(Serialize)]
pub(super) struct FragmentDoc<'a> {
    offset: usize,
    length: usize,
    more_fragments: bool,
    frame: String,
    frame_length: usize,
    layers: Layers<'a>,
}

impl<'a> FragmentDoc<'a> {
    /// A built frame that is a fragment (it has a piece); `None` otherwise.
    fn new(built: Built<'a>) -> Option<Self> {
        let piece = built.piece?;
        Some(FragmentDoc {
            offset: piece.offset,
            length: piece.length,
            more_fragments: piece.more_fragments,
            frame: to_hex(built.bytes),
            frame_length: built.bytes.len(),
            layers: Each::new(&built.dissection.layers),
        })
    }
}
