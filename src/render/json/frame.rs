//! The JSON shape of a dissected frame (layers, fields, checks, what went
//! wrong), shared by every document. These types are the schema of
//! docs/json.md: the model can rename or reshape its own types freely, and
//! only a change here changes what programs read.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::{Serialize, Serializer};

use crate::model::{
    BitSpan, Check, CheckVerdict, CutShort, Field, FoldStep, Layer, LayerKind, Malformed,
    MalformedKind, OriginKind, Pdu, Span, Step, SumTerm, Value,
};

/// A slice written as a JSON array, each item converted on the way out, so
/// no list of documents is built in between (decode writes thousands of
/// frames).
pub(super) struct Each<'a, T, D> {
    pub(super) items: &'a [T],
    doc: PhantomData<fn() -> D>,
}

impl<'a, T, D> Each<'a, T, D> {
    pub(super) fn new(items: &'a [T]) -> Self {
        Each {
            items,
            doc: PhantomData,
        }
    }
    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<'a, T, D: From<&'a T> + Serialize> Serialize for Each<'a, T, D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.items.iter().map(D::from))
    }
}

/// Bytes as a lowercase hex string. The fast decode writer
/// (`super::fast`) writes the digits straight into its output; serde gets
/// the same text as one string.
pub(super) struct Hex<'a>(pub(super) &'a [u8]);

impl Serialize for Hex<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::model::to_hex(self.0))
    }
}

/// `physical`, `link`, ...: the `layer` key's values.
pub(super) fn layer_name(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::Physical => "physical",
        LayerKind::Link => "link",
        LayerKind::Network => "network",
        LayerKind::Transport => "transport",
        LayerKind::Application => "application",
    }
}

fn pdu_name(pdu: Pdu) -> &'static str {
    match pdu {
        Pdu::Message => "message",
        Pdu::Datagram => "datagram",
        Pdu::Segment => "segment",
        Pdu::Packet => "packet",
        Pdu::Frame => "frame",
        Pdu::Bits => "bits",
    }
}

fn origin_kind(kind: OriginKind) -> &'static str {
    match kind {
        OriginKind::Observed => "observed",
        OriginKind::Predicted => "predicted",
        OriginKind::Protocol => "protocol",
        OriginKind::Chosen => "chosen",
        OriginKind::Unknown => "unknown",
    }
}

fn malformed_kind(kind: MalformedKind) -> &'static str {
    match kind {
        MalformedKind::TooShort => "too_short",
        MalformedKind::BadLength => "bad_length",
        MalformedKind::BadVersion => "bad_version",
        MalformedKind::BadOption => "bad_option",
        MalformedKind::BadValue => "bad_value",
    }
}

/// `{kind, source}`: where a value came from.
#[derive(Serialize)]
pub(super) struct OriginDoc<'a> {
    pub(super) kind: &'static str,
    pub(super) source: &'a str,
}

impl<'a> From<&'a crate::model::Origin> for OriginDoc<'a> {
    fn from(origin: &'a crate::model::Origin) -> Self {
        OriginDoc {
            kind: origin_kind(origin.kind),
            source: &origin.source,
        }
    }
}

/// `{offset, length}`: a byte range of the frame, or bits inside a field.
#[derive(Serialize)]
pub(super) struct SpanDoc<N> {
    pub(super) offset: N,
    pub(super) length: N,
}

impl From<&Span> for SpanDoc<usize> {
    fn from(span: &Span) -> Self {
        SpanDoc {
            offset: span.offset,
            length: span.length,
        }
    }
}

impl From<&BitSpan> for SpanDoc<u8> {
    fn from(bits: &BitSpan) -> Self {
        SpanDoc {
            offset: bits.offset,
            length: bits.length,
        }
    }
}

/// A plain number where the protocol has one, a string otherwise.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum ValueDoc<'a> {
    Number(u64),
    Text(Cow<'a, str>),
}

#[derive(Serialize)]
pub(super) struct FieldDoc<'a> {
    pub(super) id: &'static str,
    pub(super) name: &'static str,
    /// null for what is not in the frame's bytes.
    pub(super) offset: Option<usize>,
    pub(super) length: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) bits: Option<SpanDoc<u8>>,
    pub(super) value: ValueDoc<'a>,
    pub(super) hex: &'a str,
    pub(super) meaning: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) origin: Option<OriginDoc<'a>>,
}

impl<'a> From<&'a Field> for FieldDoc<'a> {
    fn from(field: &'a Field) -> Self {
        FieldDoc {
            id: field.id,
            name: field.name,
            offset: field.offset,
            length: field.length,
            bits: field.bits.as_ref().map(SpanDoc::from),
            value: match &field.value {
                Value::Number(n) => ValueDoc::Number(*n),
                Value::Text(t) => ValueDoc::Text(Cow::Borrowed(t)),
                Value::Shown(shown) => ValueDoc::Text(Cow::Owned(shown.text())),
            },
            hex: &field.hex,
            meaning: &field.meaning,
            origin: field.origin.as_ref().map(OriginDoc::from),
        }
    }
}

#[derive(Serialize)]
pub(super) struct TermDoc<'a> {
    pub(super) label: &'a str,
    pub(super) words: &'a str,
    pub(super) sum: u32,
}

impl<'a> From<&'a SumTerm> for TermDoc<'a> {
    fn from(term: &'a SumTerm) -> Self {
        TermDoc {
            label: &term.label,
            words: &term.words,
            sum: term.sum,
        }
    }
}

#[derive(Serialize)]
pub(super) struct FoldDoc {
    pub(super) before: u32,
    pub(super) after: u32,
}

impl From<&FoldStep> for FoldDoc {
    fn from(fold: &FoldStep) -> Self {
        FoldDoc {
            before: fold.before,
            after: fold.after,
        }
    }
}

/// `{"status": ...}`, with `expected` only when incorrect.
#[derive(Serialize)]
pub(super) struct VerdictDoc {
    pub(super) status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) expected: Option<u32>,
}

impl From<CheckVerdict> for VerdictDoc {
    fn from(verdict: CheckVerdict) -> Self {
        let (status, expected) = match verdict {
            CheckVerdict::Correct => ("correct", None),
            CheckVerdict::Incorrect { expected } => ("incorrect", Some(expected)),
            CheckVerdict::PartialOffload => ("partial_offload", None),
            CheckVerdict::NotUsed => ("not_used", None),
        };
        VerdictDoc { status, expected }
    }
}

#[derive(Serialize)]
pub(super) struct CheckDoc<'a> {
    pub(super) field: &'a str,
    pub(super) algorithm: &'a str,
    pub(super) covers: &'a str,
    #[serde(skip_serializing_if = "Each::is_empty")]
    pub(super) pseudo_header: Each<'a, Field, FieldDoc<'a>>,
    #[serde(skip_serializing_if = "Each::is_empty")]
    pub(super) terms: Each<'a, SumTerm, TermDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) sum: Option<u32>,
    #[serde(skip_serializing_if = "Each::is_empty")]
    pub(super) folds: Each<'a, FoldStep, FoldDoc>,
    pub(super) computed: u32,
    pub(super) stored: u32,
    pub(super) verdict: VerdictDoc,
}

impl<'a> From<&'a Check> for CheckDoc<'a> {
    fn from(check: &'a Check) -> Self {
        CheckDoc {
            field: check.field,
            algorithm: check.algorithm,
            covers: &check.covers,
            pseudo_header: Each::new(&check.pseudo_header),
            terms: Each::new(&check.terms),
            sum: check.sum,
            folds: Each::new(&check.folds),
            computed: check.computed,
            stored: check.stored,
            verdict: check.verdict.into(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct LayerDoc<'a> {
    pub(super) layer: &'static str,
    pub(super) protocol: &'a str,
    pub(super) pdu: &'static str,
    pub(super) header: SpanDoc<usize>,
    #[serde(skip_serializing_if = "Each::is_empty")]
    pub(super) trailer: Each<'a, Span, SpanDoc<usize>>,
    pub(super) pdu_length: usize,
    pub(super) fields: Each<'a, Field, FieldDoc<'a>>,
    #[serde(skip_serializing_if = "Each::is_empty")]
    pub(super) checks: Each<'a, Check, CheckDoc<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub(super) notes: &'a [String],
}

impl<'a> From<&'a Layer> for LayerDoc<'a> {
    fn from(layer: &'a Layer) -> Self {
        LayerDoc {
            layer: layer_name(layer.layer),
            protocol: layer.protocol,
            pdu: pdu_name(layer.pdu),
            header: (&layer.header).into(),
            trailer: Each::new(&layer.trailer),
            pdu_length: layer.pdu_length,
            fields: Each::new(&layer.fields),
            checks: Each::new(&layer.checks),
            notes: &layer.notes,
        }
    }
}

/// The layers of a frame, outermost first.
pub(super) type Layers<'a> = Each<'a, Layer, LayerDoc<'a>>;

/// One encapsulation step.
#[derive(Serialize)]
pub(super) struct StepDoc<'a> {
    layer: &'static str,
    protocol: &'a str,
    pdu: &'static str,
    added: usize,
    size: usize,
    overhead: usize,
}

impl<'a> From<&'a Step> for StepDoc<'a> {
    fn from(step: &'a Step) -> Self {
        StepDoc {
            layer: layer_name(step.layer),
            protocol: step.protocol,
            pdu: pdu_name(step.pdu),
            added: step.added,
            size: step.size,
            overhead: step.overhead,
        }
    }
}

/// `{protocol, offset, kind, message}`: where dissection stopped.
#[derive(Serialize)]
pub(super) struct MalformedDoc<'a> {
    pub(super) protocol: &'a str,
    pub(super) offset: usize,
    pub(super) kind: &'static str,
    pub(super) message: &'a str,
}

impl<'a> From<&'a Malformed> for MalformedDoc<'a> {
    fn from(malformed: &'a Malformed) -> Self {
        MalformedDoc {
            protocol: malformed.protocol,
            offset: malformed.offset,
            kind: malformed_kind(malformed.kind),
            message: &malformed.message,
        }
    }
}

/// `{captured, original, ran_out}`: a frame the capture saved only the start of.
#[derive(Serialize)]
pub(super) struct CutShortDoc<'a> {
    pub(super) captured: usize,
    pub(super) original: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) ran_out: Option<MalformedDoc<'a>>,
}

impl<'a> From<&'a CutShort> for CutShortDoc<'a> {
    fn from(cut: &'a CutShort) -> Self {
        CutShortDoc {
            captured: cut.captured,
            original: cut.original,
            ran_out: cut.ran_out.as_ref().map(MalformedDoc::from),
        }
    }
}

/// A captured frame: `{frame, frame_length, layers, malformed}`.
#[derive(Serialize)]
pub(super) struct CapturedDoc<'a> {
    frame: String,
    frame_length: usize,
    layers: Layers<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    malformed: Option<MalformedDoc<'a>>,
}

impl<'a> From<&'a crate::capturing::CapturedDissection> for CapturedDoc<'a> {
    fn from(captured: &'a crate::capturing::CapturedDissection) -> Self {
        CapturedDoc {
            frame: crate::model::to_hex(&captured.bytes),
            frame_length: captured.bytes.len(),
            layers: Each::new(&captured.dissection.layers),
            malformed: captured
                .dissection
                .malformed
                .as_ref()
                .map(MalformedDoc::from),
        }
    }
}
