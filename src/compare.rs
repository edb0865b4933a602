//! Built versus captured: two dissections in, one verdict per field out.
//! A difference is either explained (and the reason says why the kernel or
//! the capture point differs from our prediction) or unexpected.

use crate::field_id;
use crate::model::{CheckVerdict, Dissection, Field, LayerKind};
use crate::t;

/// The verdict on one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Same,
    Explained { reason: String },
    Unexpected,
}

/// One field compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldComparison {
    pub id: &'static str,
    pub name: &'static str,
    pub layer: LayerKind,
    /// The field we built (`None`: not in the built frame).
    pub built: Option<Field>,
    /// The field caught off the wire (`None`: not in the captured frame).
    pub captured: Option<Field>,
    pub verdict: Verdict,
}

/// All fields compared, with the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub fields: Vec<FieldComparison>,
    pub identical: usize,
    pub explained: usize,
    pub unexpected: usize,
}

/// What is known about where the capture was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptureContext {
    pub loopback: bool,
}

/// Compares every field of `built` (physical layer aside: nothing of it
/// reaches a capture) with the field of the same id in `captured`.
pub fn compare(built: &Dissection, captured: &Dissection, context: CaptureContext) -> Comparison {
    let mut fields = Vec::new();
    let id_differs = differs(built, captured, field_id::IPV4_IDENTIFICATION);
    for layer in built
        .layers
        .iter()
        .filter(|l| l.layer != LayerKind::Physical)
    {
        for field in &layer.fields {
            let other = captured.field(field.id);
            let verdict = match other {
                Some(o) if same_value(field, o) => Verdict::Same,
                _ => explain(field, other, captured, context, id_differs),
            };
            fields.push(FieldComparison {
                id: field.id,
                name: field.name,
                layer: layer.layer,
                built: Some(field.clone()),
                captured: other.cloned(),
                verdict,
            });
        }
    }
    // Anything the capture has that we did not build is unexpected.
    for layer in &captured.layers {
        for field in layer.fields.iter().filter(|f| built.field(f.id).is_none()) {
            let verdict = match field.id {
                field_id::ETH_PADDING if context.loopback => Verdict::Explained {
                    reason: t!("bytes after the packet in the captured frame").into(),
                },
                _ => Verdict::Unexpected,
            };
            fields.push(FieldComparison {
                id: field.id,
                name: field.name,
                layer: layer.layer,
                built: None,
                captured: Some(field.clone()),
                verdict,
            });
        }
    }
    let count = |f: fn(&Verdict) -> bool| fields.iter().filter(|c| f(&c.verdict)).count();
    Comparison {
        identical: count(|v| matches!(v, Verdict::Same)),
        explained: count(|v| matches!(v, Verdict::Explained { .. })),
        unexpected: count(|v| matches!(v, Verdict::Unexpected)),
        fields,
    }
}

/// Bit fields share their bytes with neighbours (DSCP with the flow label),
/// so they are equal when their bits are; whole-byte fields when their bytes are.
fn same_value(a: &Field, b: &Field) -> bool {
    match (a.bits, b.bits) {
        (Some(x), Some(y)) => x.pattern == y.pattern && x.length == y.length,
        _ => a.hex == b.hex,
    }
}

fn differs(a: &Dissection, b: &Dissection, id: &str) -> bool {
    match (a.field(id), b.field(id)) {
        (Some(x), Some(y)) => !same_value(x, y),
        _ => false,
    }
}

fn check_verdict(d: &Dissection, field: &str) -> Option<CheckVerdict> {
    d.layers
        .iter()
        .flat_map(|l| &l.checks)
        .find(|c| c.field == field)
        .map(|c| c.verdict)
}

fn explain(
    field: &Field,
    captured_field: Option<&Field>,
    captured: &Dissection,
    context: CaptureContext,
    id_differs: bool,
) -> Verdict {
    if let (Some(origin), Some(_)) = (&field.origin, captured_field) {
        if origin.kind == crate::model::OriginKind::Unknown {
            return Verdict::Explained {
                reason: t!(
                    "stackviz could not know this value without the capture: {source}",
                    source = origin.source.clone()
                ),
            };
        }
    }
    let reason = match (field.id, captured_field) {
        (field_id::ETH_FCS, None) => Some(if context.loopback {
            t!("loopback has no Ethernet: no FCS is ever computed").to_string()
        } else {
            t!("the network card appends the FCS after the capture point, so captures hold none").to_string()
        }),
        (field_id::ETH_PADDING, None) => Some(if context.loopback {
            t!("loopback does not pad short frames: no minimum size without a real Ethernet").to_string()
        } else {
            t!("the network card pads short frames after the capture point").to_string()
        }),
        (field_id::IPV6_FRAG_IDENTIFICATION, Some(_)) => Some(
            t!("the kernel chose the fragment identification (a random-based counter); stackviz predicted 0").into(),
        ),
        (field_id::IPV6_FLOW_LABEL, Some(_)) => Some(
            t!("the kernel chose the flow label (net.ipv6.auto_flowlabels: a hash of addresses and ports)").into(),
        ),
        (field_id::IPV4_IDENTIFICATION, Some(_)) => {
            Some(t!("the kernel chose the identification (per-destination counter); stackviz predicted 0").into())
        }
        (field_id::IPV4_CHECKSUM, Some(_))
            if id_differs && check_verdict(captured, field_id::IPV4_CHECKSUM) == Some(CheckVerdict::Correct) =>
        {
            Some(t!("follows from the different identification; the captured header's own checksum is correct").into())
        }
        (field_id::UDP_CHECKSUM | field_id::TCP_CHECKSUM, Some(c)) if check_verdict(captured, field.id) == Some(CheckVerdict::PartialOffload) => {
            Some(if context.loopback {
                t!("checksum offload: 0x{hex} is the folded pseudo-header sum the kernel leaves for the card to finish; on lo nothing finishes it and the receiver trusts it", hex = c.hex)
            } else {
                t!("checksum offload: 0x{hex} is the folded pseudo-header sum; the network card writes the real checksum after the capture point", hex = c.hex)
            })
        }
        (field_id::ETH_DST, Some(_)) if field.hex.bytes().all(|b| b == b'0') && !context.loopback => {
            Some(t!("stackviz did not know the next hop's MAC before sending; the kernel learned it (ARP for IPv4, neighbour discovery for IPv6)").into())
        }
        _ => None,
    };
    match reason {
        Some(reason) => Verdict::Explained { reason },
        None => Verdict::Unexpected,
    }
}
