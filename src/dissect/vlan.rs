//! IEEE 802.1Q VLAN tags (TPID 0x8100) and 802.1ad service tags (0x88a8):
//! 4 bytes between the source MAC and the EtherType, one after another when
//! stacked (QinQ). Their fields join the link layer that carries them.

use super::ethernet::ether_type_name;
use super::fields::FieldReader;
use crate::model::MalformedKind;
use crate::model::{Layer, Malformed};
use crate::t;

pub const TAG_LEN: usize = 4;

/// Offsets from the start of a tag (after the TPID that announced it).
mod offset {
    pub const TCI: usize = 0;
    pub const ETHER_TYPE: usize = 2;
}

/// True for the EtherTypes that announce a tag.
pub fn is_tag(ether_type: u16) -> bool {
    matches!(ether_type, 0x8100 | 0x88a8)
}

fn pcp_meaning(pcp: u64) -> &'static str {
    // IEEE 802.1Q table I-2: 1 is below 0 on purpose.
    match pcp {
        0 => t!("0: best effort (the default)"),
        1 => t!("1: background (lower than best effort)"),
        2 => t!("2: excellent effort"),
        3 => t!("3: critical applications"),
        4 => t!("4: video, < 100 ms latency"),
        5 => t!("5: voice, < 10 ms latency"),
        6 => t!("6: internetwork control"),
        _ => t!("7: network control (highest)"),
    }
}

fn vid_meaning(vid: u64, outer: bool) -> compact_str::CompactString {
    match vid {
        0 => compact_str::CompactString::const_new(t!(
            "0: no VLAN, the tag carries only a priority (priority tag)"
        )),
        4095 => compact_str::CompactString::const_new(t!("4095: reserved, must not be used")),
        v if outer => t!(
            "VLAN {v}: the provider's service VLAN (outer tag) this frame travels in", @meaning,
            v
        ),
        v => t!("VLAN {v}: the virtual LAN this frame belongs to", @meaning, v),
    }
}

/// Reads the tags from `start` (the EtherType `ether_type` having announced
/// the first one) and adds their fields to `link`, whose header grows by 4
/// bytes per tag. Returns the EtherType after the last tag and where its
/// payload starts.
pub fn add_tags(
    frame: &[u8],
    mut ether_type: u16,
    mut start: usize,
    end: usize,
    link: &mut Layer,
) -> Result<(u16, usize), Malformed> {
    let r = FieldReader::new(&frame[..end]);
    while is_tag(ether_type) {
        let left = end.saturating_sub(start);
        if left < TAG_LEN {
            return Err(Malformed {
                protocol: "802.1Q VLAN tag",
                offset: start,
                kind: MalformedKind::TooShort,
                message: t!(
                    "802.1Q tag needs 4 bytes, {left} left at offset {start}",
                    left,
                    start
                ),
            });
        }
        let outer = ether_type == 0x88a8;
        let tci = r.uint(start + offset::TCI, 2);
        let inner = r.uint(start + offset::ETHER_TYPE, 2) as u16;
        let dei = tci >> 12 & 1;
        // Four fields per tag.
        link.fields.reserve(4);
        link.fields.push(r.bits(
            "vlan.pcp",
            "PCP (Priority Code Point)",
            (start + offset::TCI, 2),
            (0, 3),
            t!("802.1p priority {pcp}", @meaning, pcp = pcp_meaning(tci >> 13)),
        ));
        link.fields.push(r.bits(
            "vlan.dei",
            "DEI (Drop Eligible Indicator)",
            (start + offset::TCI, 2),
            (3, 1),
            if dei == 1 {
                t!("1: may be dropped first under congestion")
            } else {
                t!("0: not drop eligible")
            },
        ));
        link.fields.push(r.bits(
            "vlan.id",
            "VLAN Identifier",
            (start + offset::TCI, 2),
            (4, 12),
            vid_meaning(tci & 0x0fff, outer),
        ));
        link.fields.push(r.number(
            "vlan.type",
            "EtherType (after the tag)",
            start + offset::ETHER_TYPE,
            2,
            format!("0x{inner:04x} = {}", ether_type_name(inner)),
        ));
        link.notes.push(if outer {
            t!("an 802.1ad service tag (TPID 0x88a8) at offset {start}: a provider's outer VLAN tag, the customer's tag may follow", start)
        } else {
            t!("an 802.1Q tag (TPID 0x8100) at offset {start}: 4 bytes inserted after the source MAC; the EtherType before it only says a tag follows", start)
        });
        link.header.length += TAG_LEN;
        ether_type = inner;
        start += TAG_LEN;
    }
    Ok((ether_type, start))
}
