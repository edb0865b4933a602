//! Ethernet II: the 14-byte header, and the trailer (padding up to the 60-byte
//! minimum, then the 4-byte FCS) when the frame carries one.

use super::fields::FieldReader;
use crate::field_id;
use crate::model::{
    mac_text, push_hex, Check, CheckVerdict, Field, Layer, LayerKind, Pdu, Span, Value,
};
use crate::t;

pub const HEADER_LEN: usize = crate::header_len::ETHERNET;
/// Smallest frame without FCS; 64 with it (IEEE 802.3 clause 4.4.2).
pub const MIN_FRAME_NO_FCS: usize = 60;
pub const FCS_LEN: usize = crate::header_len::FCS;

use super::view::offsets::ethernet as offset;

/// The name of an EtherType a learner is likely to meet.
pub fn ether_type_name(value: u16) -> &'static str {
    known_ether_type_name(value).unwrap_or_else(|| t!("not dissected by stackviz"))
}

/// The name of an EtherType stackviz can name (a length or an undefined
/// value included), `None` for one it does not know.
pub fn known_ether_type_name(value: u16) -> Option<&'static str> {
    let name = match value {
        0x0800 => "IPv4",
        0x0806 => "ARP",
        0x86dd => "IPv6",
        0x8100 => t!("802.1Q VLAN tag"),
        0x88a8 => t!("802.1ad service VLAN tag (QinQ)"),
        0x88cc => "LLDP",
        0x0842 => "Wake-on-LAN",
        0x22f3 => "TRILL",
        0x8035 => "RARP",
        0x809b => "AppleTalk",
        0x8137 => "IPX",
        0x8808 => t!("Ethernet flow control (PAUSE)"),
        0x8809 => t!("slow protocols (LACP)"),
        0x8847 => t!("MPLS unicast"),
        0x8848 => t!("MPLS multicast"),
        0x8863 => t!("PPPoE discovery"),
        0x8864 => t!("PPPoE session"),
        0x886d => t!("Intel ANS probe"),
        0x888e => t!("EAP over LAN (802.1X)"),
        0x8892 => "PROFINET",
        0x88b5 | 0x88b6 => t!("local experimental EtherType"),
        0x88e5 => "MACsec",
        0x88f7 => t!("PTP (precision time)"),
        0x8902 => t!("Ethernet OAM (CFM)"),
        0x8906 => "FCoE",
        0x893a => "IEEE 1905",
        0x9000 => t!("loopback (configuration test protocol)"),
        0x9100 => t!("QinQ VLAN tag (pre-standard)"),
        v if v <= 1500 => t!("an IEEE 802.3 length, not an EtherType"),
        1501..=1535 => t!("undefined (neither a length nor an EtherType)"),
        _ => return None,
    };
    Some(name)
}

fn mac_meaning(mac: &[u8]) -> String {
    if mac.iter().all(|b| *b == 0) {
        t!("all zeros: loopback has no hardware address").into()
    } else if mac.iter().all(|b| *b == 0xff) {
        t!("broadcast: every station on the link").into()
    } else if mac[0] & 1 == 1 {
        t!("multicast (I/G bit set)").into()
    } else {
        t!("unicast station address").into()
    }
}

/// The header's fields. `frame` must hold at least `HEADER_LEN` bytes.
pub fn header_layer(frame: &[u8], total_len: usize) -> (Layer, u16) {
    let r = FieldReader::new(frame);
    let ether_type = r.uint(offset::ETHER_TYPE, 2) as u16;
    let dst = &frame[offset::DESTINATION..offset::DESTINATION + 6];
    let src = &frame[offset::SOURCE..offset::SOURCE + 6];
    // Room for the padding and FCS fields added later.
    let mut fields = Vec::with_capacity(5);
    fields.extend([
        r.bytes(
            field_id::ETH_DST,
            "Destination MAC address",
            offset::DESTINATION,
            6,
            Value::Text(mac_text(dst)),
            || mac_meaning(dst),
        ),
        r.bytes(
            field_id::ETH_SRC,
            "Source MAC address",
            offset::SOURCE,
            6,
            Value::Text(mac_text(src)),
            || mac_meaning(src),
        ),
        r.number(
            field_id::ETH_TYPE,
            "EtherType",
            offset::ETHER_TYPE,
            2,
            || {
                let name = ether_type_name(ether_type);
                let mut meaning = String::with_capacity(9 + name.len());
                meaning.push_str("0x");
                push_hex(&mut meaning, &ether_type.to_be_bytes());
                meaning.push_str(" = ");
                meaning.push_str(name);
                meaning
            },
        ),
    ]);
    let layer = Layer {
        layer: LayerKind::Link,
        protocol: "Ethernet II",
        pdu: Pdu::Frame,
        header: Span {
            offset: 0,
            length: HEADER_LEN,
        },
        trailer: Vec::new(),
        pdu_length: total_len,
        fields,
        checks: Vec::new(),
        notes: Vec::new(),
    };
    (layer, ether_type)
}

/// Adds the padding (bytes between the end of the packet and the FCS) to the
/// link layer.
pub fn add_padding(layer: &mut Layer, frame: &[u8], span: Span) {
    if span.length == 0 {
        return;
    }
    let r = FieldReader::new(frame);
    let all_zero = frame[span.offset..span.end()].iter().all(|b| *b == 0);
    let bytes = span.length;
    let meaning = if span.end() > MIN_FRAME_NO_FCS {
        t!(
            "{bytes} bytes after the packet's end; not part of the packet", @meaning,
            bytes
        )
    } else if all_zero {
        t!(
            "{bytes} of zeros to reach the 60-byte minimum (64 with FCS): a shorter frame would be taken for a collision fragment", @meaning,
            bytes = crate::i18n::words::bytes(bytes)
        )
    } else {
        t!(
            "{bytes} to reach the 60-byte minimum (64 with FCS): a shorter frame would be taken for a collision fragment", @meaning,
            bytes = crate::i18n::words::bytes(bytes)
        )
    };
    layer.fields.push(r.bytes(
        field_id::ETH_PADDING,
        "Padding",
        span.offset,
        span.length,
        Value::Number(span.length as u64),
        meaning,
    ));
    layer.trailer.push(span);
}

/// Adds the FCS (the last four bytes of `frame`) and its CRC-32 check.
pub fn add_fcs(layer: &mut Layer, frame: &[u8]) {
    let at = frame.len() - FCS_LEN;
    let covered = &frame[..at];
    let computed = crc32fast::hash(covered);
    let stored = u32::from_le_bytes([frame[at], frame[at + 1], frame[at + 2], frame[at + 3]]);
    let r = FieldReader::new(frame);
    let verdict = if computed == stored {
        CheckVerdict::Correct
    } else {
        CheckVerdict::Incorrect { expected: computed }
    };
    layer.fields.push(r.bytes(
        field_id::ETH_FCS,
        "Frame Check Sequence",
        at,
        FCS_LEN,
        Value::Number(u64::from(stored)),
        t!(
            "CRC-32 {stored} over bytes 0..{at}, sent least significant byte first: {verdict}",
            stored = format!("0x{stored:08x}"),
            at,
            verdict = verdict.words(8)
        ),
    ));
    layer.trailer.push(crate::model::Span {
        offset: at,
        length: FCS_LEN,
    });
    layer.checks.push(Check {
        field: field_id::ETH_FCS,
        // Starts with "CRC" in every language: the renderers tell a CRC from
        // an Internet checksum by it.
        algorithm: t!("CRC-32 (IEEE 802.3, polynomial 0x04c11db7, reflected)"),
        covers: if layer.field(field_id::ETH_PADDING).is_some() {
            t!(
                "destination MAC through the last padding byte: {at} bytes",
                at
            )
        } else {
            t!(
                "destination MAC through the last byte of the packet (no padding needed): {at} bytes",
                at
            )
        },
        pseudo_header: Vec::<Field>::new(),
        terms: Vec::new(),
        sum: None,
        folds: Vec::new(),
        computed,
        stored,
        verdict,
    });
}

/// True when the last four bytes are a correct CRC-32 of the rest: the frame
/// carries its FCS (capture files rarely do).
pub fn ends_with_valid_fcs(frame: &[u8]) -> bool {
    if frame.len() < MIN_FRAME_NO_FCS + FCS_LEN {
        return false;
    }
    let at = frame.len() - FCS_LEN;
    crc32fast::hash(&frame[..at]).to_le_bytes() == frame[at..]
}
