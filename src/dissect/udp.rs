//! UDP (RFC 768): the 8-byte header, and the checksum over the IPv4 or IPv6
//! pseudo-header, header and payload, worked out (optional over IPv4,
//! mandatory over IPv6).

use super::checksum::{InternetSum, PseudoHeader, Upper};
use super::fields::FieldReader;
use super::fields::Meaning;
use super::port::{self, Side};
use crate::field_id;
use crate::model::MalformedKind;
use crate::model::{CheckVerdict, Layer, LayerKind, Malformed, Pdu, Span};
use crate::t;

pub const HEADER_LEN: usize = crate::header_len::UDP;

use super::view::offsets::udp as offset;

/// What follows the UDP header.
pub struct UdpNext {
    pub layer: Layer,
    pub payload: Span,
}

/// What port 0 means in a UDP header: nothing on the wire, "any port" to
/// bind().
fn zero_port() -> &'static str {
    t!("0: reserved; in bind() it means \"let the OS choose\"")
}

/// Dissects the UDP header at `start` of a datagram that ends at `end`,
/// carried in the IP packet whose addresses `pseudo` holds.
pub fn dissect(
    frame: &[u8],
    start: usize,
    end: usize,
    pseudo: PseudoHeader,
) -> Result<UdpNext, Malformed> {
    let available = end.saturating_sub(start);
    if available < HEADER_LEN {
        return Err(Malformed {
            protocol: "UDP",
            offset: start,
            kind: MalformedKind::TooShort,
            message: t!(
                "UDP header needs 8 bytes, {available} left at offset {start}",
                available,
                start
            ),
        });
    }
    let r = FieldReader::new(&frame[..end]);
    let at = |o: usize| start + o;
    let src_port = r.uint(at(offset::SOURCE_PORT), 2) as u16;
    let dst_port = r.uint(at(offset::DESTINATION_PORT), 2) as u16;
    let length = r.uint(at(offset::LENGTH), 2) as usize;
    let stored = r.uint(at(offset::CHECKSUM), 2) as u16;
    if length < HEADER_LEN {
        return Err(Malformed {
            protocol: "UDP",
            offset: at(offset::LENGTH),
            kind: MalformedKind::BadLength,
            message: t!(
                "UDP length {length} is below the 8-byte header, at offset {offset}",
                length,
                offset = at(offset::LENGTH)
            ),
        });
    }
    let mut notes = Vec::new();
    let datagram_end = if start + length > end {
        notes.push(t!(
            "length says {length} bytes but only {available} are present",
            length,
            available
        ));
        end
    } else {
        start + length
    };
    let payload = Span {
        offset: start + HEADER_LEN,
        length: datagram_end - start - HEADER_LEN,
    };

    let mut fields = vec![
        r.number(
            field_id::UDP_SRC_PORT,
            "Source Port",
            at(offset::SOURCE_PORT),
            2,
            || port::meaning(u64::from(src_port), Side::Sending, zero_port()),
        ),
        r.number(
            field_id::UDP_DST_PORT,
            "Destination Port",
            at(offset::DESTINATION_PORT),
            2,
            || port::meaning(u64::from(dst_port), Side::Receiving, zero_port()),
        ),
        r.number(
            field_id::UDP_LENGTH,
            "Length",
            at(offset::LENGTH),
            2,
            t!(
                "8-byte header + {payload}-byte payload = {length} bytes", @meaning,
                payload = length - HEADER_LEN,
                length
            ),
        ),
        r.number(
            field_id::UDP_CHECKSUM,
            "Checksum",
            at(offset::CHECKSUM),
            2,
            "",
        ),
    ];

    let mut checks = Vec::new();
    if start + length <= end {
        let mut sum = InternetSum::new();
        let pseudo_header = pseudo.add_to(
            &mut sum,
            Upper {
                protocol: 17,
                length_name: "UDP Length",
                length,
                length_meaning: t!("copied from the UDP header"),
            },
        );
        // With checksum offload the kernel stores the folded pseudo-header sum
        // and leaves the rest to the network card.
        let partial = pseudo.partial(17, length);
        sum.add(t!("source port"), &frame[at(0)..at(2)]);
        sum.add(t!("destination port"), &frame[at(2)..at(4)]);
        sum.add(t!("length"), &frame[at(4)..at(6)]);
        sum.add(t!("checksum taken as 0000"), &[0, 0]);
        let data = &frame[payload.offset..payload.end()];
        let label = if data.len() % 2 == 1 {
            t!(
                "payload ({bytes}, one zero byte added to make whole words)", @meaning,
                bytes = crate::i18n::words::bytes(data.len())
            )
        } else {
            t!(
                "payload ({bytes})", @meaning,
                bytes = crate::i18n::words::bytes(data.len())
            )
        };
        sum.add(label, data);
        let v6 = pseudo.is_v6();
        let mut check = sum.finish(
            field_id::UDP_CHECKSUM,
            t!(
                "a {pseudo}-byte pseudo-header (from {family}), the UDP header with checksum 0, and the {payload}-byte payload",
                pseudo = pseudo.byte_length(),
                family = pseudo.family(),
                payload = data.len()
            ),
            pseudo_header,
            stored,
            true,
            Some(partial),
        );
        let meaning = if v6 {
            if check.verdict == CheckVerdict::NotUsed {
                // Over IPv6 the checksum is mandatory: 0 is not "none", it is wrong.
                check.verdict = CheckVerdict::Incorrect {
                    expected: check.computed,
                };
                t!(
                    "0 is invalid over IPv6: the checksum is mandatory there (RFC 8200 section 8.1), unlike IPv4 where 0 means none; {verdict}", @meaning,
                    verdict = check.verdict.words(4)
                )
            } else {
                t!(
                    "over pseudo-header, header and payload, mandatory over IPv6 (0 is invalid there, unlike IPv4): {verdict}", @meaning,
                    verdict = check.verdict.words(4)
                )
            }
        } else {
            t!(
                "over pseudo-header, header and payload: {verdict}", @meaning,
                verdict = check.verdict.words(4)
            )
        };
        fields[3].meaning = meaning.into_meaning();
        checks.push(check);
    } else {
        fields[3].meaning = t!("not verifiable: the datagram is cut short").into_meaning();
    }

    Ok(UdpNext {
        layer: Layer {
            layer: LayerKind::Transport,
            protocol: "UDP",
            pdu: Pdu::Datagram,
            header: Span {
                offset: start,
                length: HEADER_LEN,
            },
            trailer: Vec::new(),
            pdu_length: length,
            fields,
            checks,
            notes,
        },
        payload,
    })
}
