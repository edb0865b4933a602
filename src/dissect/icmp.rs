//! ICMP for IPv4 (RFC 792): type, code, checksum, and for error messages the
//! quoted original IPv4 header and first 8 bytes of its payload, dissected in
//! turn, because that quote is how the sender learns which datagram failed.

use super::checksum::{InternetSum, PseudoHeader};
use super::fields::FieldReader;
use super::{ipv4, udp};
use crate::model::{Layer, LayerKind, Malformed, Pdu, Span, Value};
use crate::t;

pub const HEADER_LEN: usize = 8;

/// Name of an ICMP type and code.
pub fn describe(kind: u8, code: u8) -> String {
    let code_text = |codes: &[&str]| {
        codes
            .get(usize::from(code))
            .copied()
            .unwrap_or_else(|| t!("unknown code"))
            .to_string()
    };
    match kind {
        0 => t!("Echo Reply").into(),
        3 => t!(
            "{kind}: {code}",
            kind = t!("Destination Unreachable"),
            code = code_text(&[
                t!("Net Unreachable"),
                t!("Host Unreachable"),
                t!("Protocol Unreachable"),
                t!("Port Unreachable"),
                t!("Fragmentation Needed and DF set"),
                t!("Source Route Failed"),
            ])
        ),
        5 => t!("Redirect").into(),
        8 => t!("Echo Request").into(),
        11 => t!(
            "{kind}: {code}",
            kind = t!("Time Exceeded"),
            code = code_text(&[
                t!("TTL exceeded in transit"),
                t!("fragment reassembly time exceeded"),
            ])
        ),
        12 => t!("Parameter Problem").into(),
        _ => t!("type {kind} (not dissected by stackviz)", kind),
    }
}

/// Dissects the ICMP message at `start..end`; error messages get their quoted
/// packet dissected into further layers.
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    layers: &mut Vec<Layer>,
) -> Result<(), Malformed> {
    let available = end - start;
    if available < HEADER_LEN {
        return Err(Malformed {
            protocol: "ICMP",
            offset: start,
            message: t!(
                "ICMP header needs 8 bytes, {available} left at offset {offset}",
                available,
                offset = start
            ),
        });
    }
    let r = FieldReader::new(&frame[..end]);
    let kind = frame[start];
    let code = frame[start + 1];
    let stored = u16::from_be_bytes([frame[start + 2], frame[start + 3]]);
    let mut sum = InternetSum::new();
    sum.add(t!("type | code"), &frame[start..start + 2]);
    sum.add(t!("checksum taken as 0000"), &[0, 0]);
    sum.add(
        t!(
            "rest of the message ({length} bytes)",
            length = available - 4
        ),
        &frame[start + 4..end],
    );
    let check = sum.finish(
        "icmp.checksum",
        t!(
            "the whole {available}-byte ICMP message, checksum field taken as zero",
            available
        ),
        Vec::new(),
        stored,
        false,
        None,
    );
    let is_error = matches!(kind, 3 | 5 | 11 | 12);
    let mut fields = vec![
        r.number("icmp.type", "Type", start, 1, describe(kind, code)),
        r.number("icmp.code", "Code", start + 1, 1, describe(kind, code)),
        r.number(
            "icmp.checksum",
            "Checksum",
            start + 2,
            2,
            t!(
                "over the ICMP message: {verdict}",
                verdict = check.verdict.describe(4)
            ),
        ),
    ];
    if is_error {
        let meaning = if kind == 3 && code == 4 {
            t!("next-hop MTU {mtu}", mtu = r.uint(start + 6, 2))
        } else {
            t!("unused, zero").to_string()
        };
        fields.push(r.bytes(
            "icmp.unused",
            "Unused",
            start + 4,
            4,
            Value::Number(r.uint(start + 4, 4)),
            meaning,
        ));
    } else {
        fields.push(r.number(
            "icmp.rest",
            t!("Rest of header"),
            start + 4,
            4,
            t!("identifier and sequence number (echo)"),
        ));
    }
    layers.push(Layer {
        layer: LayerKind::Network,
        protocol: "ICMP",
        pdu: Pdu::Message,
        header: Span {
            offset: start,
            length: HEADER_LEN,
        },
        trailer: Vec::new(),
        pdu_length: available,
        fields,
        checks: vec![check],
        notes: Vec::new(),
    });
    if !is_error || available == HEADER_LEN {
        return Ok(());
    }
    // The quoted packet: its IPv4 header and the first 8 bytes of its payload.
    let quoted = ipv4::dissect(frame, start + HEADER_LEN, end)?;
    let mut quoted_layer = quoted.layer;
    quoted_layer.protocol = t!("IPv4 (quoted original header)");
    quoted_layer.checks.clear();
    quoted_layer.notes = vec![t!(
        "the header of the datagram that could not be delivered, sent back so the sender can match it"
    )
    .into()];
    layers.push(quoted_layer);
    if quoted.protocol == 17 && quoted.payload.length >= udp::HEADER_LEN {
        let datagram = udp::dissect(
            frame,
            quoted.payload.offset,
            quoted.payload.end(),
            PseudoHeader::V4 {
                source: quoted.source,
                destination: quoted.destination,
            },
        )?;
        let mut quoted_udp = datagram.layer;
        quoted_udp.protocol = t!("UDP (quoted first 8 bytes)");
        quoted_udp.checks.clear();
        quoted_udp.notes = vec![t!(
            "the first 8 bytes of the failed datagram: its ports tell the kernel which socket to tell"
        )
        .into()];
        layers.push(quoted_udp);
    }
    Ok(())
}
