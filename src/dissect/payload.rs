//! The application layer: the payload bytes as the receiving program gets them;
//! and bytes of a protocol stackviz does not dissect, named by the number that
//! announced them.

use compact_str::CompactString;

use super::fields::Meaning;
use super::fields::{text_kind, text_prefix, FieldReader, TextKind};
use crate::field_id;
use crate::model::{Layer, LayerKind, Pdu, ShownBytes, Span, Value};
use crate::t;

/// How much of a payload is written out as text.
pub const TEXT_LIMIT: usize = 256;

/// The payload at `span` as one field, shown as text and as hex.
pub fn layer(frame: &[u8], span: Span, protocol: &'static str) -> Layer {
    let r = FieldReader::new(frame);
    let data = &frame[span.offset..span.end()];
    // The text is for reading; the hex keeps every byte. A long payload is
    // cut after TEXT_LIMIT bytes so a big capture does not pay for it. The
    // bytes are kept, not their text: each writer escapes them in its own
    // form (`Value::Shown`).
    let value = if !crate::detail::full() {
        // Nobody reads the text at this level of detail.
        Value::Text(String::new())
    } else {
        let shown = text_prefix(data, TEXT_LIMIT);
        let after = if shown.len() < data.len() {
            t!("… ({bytes} bytes)", bytes = data.len())
        } else {
            String::new()
        };
        Value::Shown(Box::new(ShownBytes {
            bytes: shown.to_vec(),
            after,
        }))
    };
    let bytes = data.len();
    let meaning = match text_kind_if_read(data) {
        None => CompactString::const_new(""),
        Some(kind) => meaning(kind, bytes),
    };
    Layer {
        layer: LayerKind::Application,
        protocol,
        pdu: Pdu::Message,
        header: span,
        trailer: Vec::new(),
        pdu_length: span.length,
        fields: vec![r.bytes(
            field_id::APP_DATA,
            "Data",
            span.offset,
            span.length,
            value,
            meaning,
        )],
        checks: Vec::new(),
        notes: Vec::new(),
    }
}

/// The data of a TCP segment. A segment may carry none (SYN, pure ACK).
pub fn segment_data(frame: &[u8], span: Span) -> Layer {
    let mut data = layer(frame, span, t!("application data"));
    if span.length == 0 {
        data.fields[0].meaning =
            t!("no data: this segment carries only its header (flags, numbers, window)")
                .into_meaning();
    }
    data
}

/// Bytes of a protocol stackviz does not dissect, as one field, with a note
/// saying which number announced them. `kind` is the layer the protocol
/// belongs to as far as stackviz can tell.
pub fn undissected(
    frame: &[u8],
    span: Span,
    protocol: &'static str,
    kind: LayerKind,
    note: String,
) -> Layer {
    let mut bytes = layer(frame, span, protocol);
    bytes.layer = kind;
    bytes.pdu = match kind {
        LayerKind::Network => Pdu::Packet,
        LayerKind::Link => Pdu::Frame,
        _ => Pdu::Message,
    };
    bytes.fields[0].meaning = if span.length == 0 {
        t!("no bytes").into_meaning()
    } else {
        t!(
            "{bytes} bytes, not dissected: shown as they are",
            bytes = span.length
        )
        .into_meaning()
    };
    bytes.notes.push(note);
    bytes
}

/// What a payload of `bytes` bytes is, in words (remembered per thread
/// for its kind and length, `Template::meaning`).
fn meaning(kind: TextKind, bytes: usize) -> CompactString {
    match kind {
        TextKind::Empty => {
            t!("empty: no data after the headers (a UDP datagram may carry zero bytes)")
                .into_meaning()
        }
        TextKind::Ascii => {
            t!("{bytes} of text", @meaning, bytes = crate::i18n::words::bytes(bytes))
        }
        TextKind::AsciiWithControls => {
            t!(
                "{bytes}; non-printable bytes written as \\xNN", @meaning,
                bytes = crate::i18n::words::bytes(bytes)
            )
        }
        TextKind::Utf8 {
            chars,
            escaped: false,
        } => t!("{bytes} bytes of UTF-8 text: {chars} characters", @meaning, bytes, chars),
        TextKind::Utf8 {
            chars,
            escaped: true,
        } => t!(
            "{bytes} bytes of UTF-8 text: {chars} characters; control and invisible characters written as escapes (\\n, \\xNN)", @meaning,
            bytes,
            chars
        ),
        TextKind::NotUtf8 => t!(
            "{bytes} bytes, not valid UTF-8 text: bytes that are not text written as \\xNN", @meaning,
            bytes
        ),
    }
}

/// How the payload reads as text; `None` where nobody reads it
/// (`detail::without_sentences`).
fn text_kind_if_read(data: &[u8]) -> Option<TextKind> {
    crate::detail::full().then(|| text_kind(data))
}
