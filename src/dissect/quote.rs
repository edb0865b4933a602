//! The transport header quoted inside an ICMP or ICMPv6 error, as far as the
//! quote goes. RFC 792 promises only the first 8 bytes of the failed
//! datagram's payload: a whole UDP header, but only the ports and sequence
//! number of a TCP header. Both are shown, since they are how the sender's
//! kernel finds the socket or connection to tell.

use super::checksum::PseudoHeader;
use super::fields::FieldReader;
use super::port::{self, Side};
use super::{tcp, udp};
use crate::field_id;
use crate::model::{Field, Layer, LayerKind, Malformed, Pdu, Span, Value};
use crate::t;

/// Pushes the layer of the quoted `protocol` header at `span` (the quoted
/// packet's payload, as far as it was quoted), `declared` bytes long as the
/// quoted IP header says.
pub fn transport(
    frame: &[u8],
    span: Span,
    protocol: u8,
    declared: usize,
    pseudo: PseudoHeader,
    layers: &mut Vec<Layer>,
) -> Result<(), Malformed> {
    match protocol {
        17 if span.length >= udp::HEADER_LEN => {
            let datagram = udp::dissect(frame, span.offset, span.end(), pseudo)?;
            let mut quoted = datagram.layer;
            quoted.protocol = t!("UDP (quoted)");
            quoted.checks.clear();
            quoted.notes = vec![t!(
                "the failed datagram's UDP header: its ports tell the kernel which socket to tell"
            )
            .into()];
            layers.push(quoted);
        }
        6 if span.length >= 4 => {
            let whole = tcp::dissect(frame, span.offset, span.end(), declared, pseudo).ok();
            let cut = whole.is_none();
            let mut quoted = match whole {
                Some(segment) => segment.layer,
                None => partial_tcp(frame, span),
            };
            quoted.protocol = t!("TCP (quoted)");
            quoted.checks.clear();
            quoted.notes = vec![t!("the failed segment's TCP header: its ports and sequence number tell the kernel which connection to tell").into()];
            if cut {
                quoted.notes.push(t!(
                    "only the first {quoted} bytes of the TCP header were quoted (RFC 792 promises 8): the rest of the header is not here",
                    quoted = quoted.header.length
                ));
            }
            layers.push(quoted);
        }
        _ => {}
    }
    Ok(())
}

/// The start of a TCP header too short to dissect whole: the fields that
/// fit (ports, sequence number, acknowledgment number), the rest as bytes.
fn partial_tcp(frame: &[u8], span: Span) -> Layer {
    let length = span.length.min(tcp::MIN_HEADER_LEN);
    let end = span.offset + length;
    let r = FieldReader::new(&frame[..end]);
    let at = |o: usize| span.offset + o;
    let zero = t!("0: reserved, never valid on the wire");
    let mut fields: Vec<Field> = vec![
        r.number(
            field_id::TCP_SRC_PORT,
            "Source Port",
            at(0),
            2,
            port::meaning(r.uint(at(0), 2), Side::Sending, zero),
        ),
        r.number(
            field_id::TCP_DST_PORT,
            "Destination Port",
            at(2),
            2,
            port::meaning(r.uint(at(2), 2), Side::Receiving, zero),
        ),
    ];
    let mut shown = 4;
    if length >= 8 {
        fields.push(r.number(
            field_id::TCP_SEQ,
            "Sequence Number",
            at(4),
            4,
            t!("the failed segment's sequence number: with the ports it tells the kernel which segment failed"),
        ));
        shown = 8;
    }
    if length >= 12 {
        fields.push(r.number(
            field_id::TCP_ACK,
            "Acknowledgment Number",
            at(8),
            4,
            t!("the failed segment's acknowledgment number"),
        ));
        shown = 12;
    }
    if length > shown {
        fields.push(r.bytes(
            "tcp.quoted_rest",
            t!("Rest of header (quoted)"),
            at(shown),
            length - shown,
            Value::Number((length - shown) as u64),
            t!(
                "{count} more bytes of the TCP header, not dissected: the quote ends before the header does",
                count = length - shown
            ),
        ));
    }
    Layer {
        layer: LayerKind::Transport,
        protocol: "TCP",
        pdu: Pdu::Segment,
        header: Span {
            offset: span.offset,
            length,
        },
        trailer: Vec::new(),
        pdu_length: length,
        fields,
        checks: Vec::new(),
        notes: Vec::new(),
    }
}
