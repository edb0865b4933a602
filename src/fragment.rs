//! IPv4 fragmentation by hand (etherparse has no fragmenting builder): a
//! datagram bigger than the MTU is cut into pieces that share the
//! identification, carry MF on all but the last, and give their offset in
//! 8-byte units; each piece gets its own header, checksum, padding and FCS.

use etherparse::{IpFragOffset, Ipv4Header};

use crate::build::BuiltFrame;
use crate::dissect::ethernet::{FCS_LEN, HEADER_LEN, MIN_FRAME_NO_FCS};

/// The smallest MTU IPv4 allows (RFC 791): a 60-byte header and 8 bytes.
pub const MIN_IPV4_MTU: usize = 68;

/// One fragment as an Ethernet frame.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fragment {
    /// The whole frame: Ethernet, this fragment's IPv4 header, its piece, padding, FCS.
    #[serde(serialize_with = "crate::model::serialize_hex")]
    pub bytes: Vec<u8>,
    /// Where the piece starts in the original IPv4 payload (bytes; a multiple of 8).
    pub offset: usize,
    /// Bytes of the original IPv4 payload this fragment carries.
    pub length: usize,
    pub more_fragments: bool,
}

fn finish_frame(mut frame: Vec<u8>) -> Vec<u8> {
    let padding = MIN_FRAME_NO_FCS.saturating_sub(frame.len());
    frame.resize(frame.len() + padding, 0);
    let fcs = crc32fast::hash(&frame);
    frame.extend_from_slice(&fcs.to_le_bytes());
    frame
}

/// Cuts the datagram in `built` for a link with `mtu`. One fragment (the
/// frame itself) when it fits. `identification` is the value the pieces share.
pub fn fragment(built: &BuiltFrame, mtu: usize, identification: u16) -> Vec<Fragment> {
    let frame = &built.bytes[..built.bytes.len() - FCS_LEN - built.padding];
    let Ok((mut header, rest)) = Ipv4Header::from_slice(&frame[HEADER_LEN..]) else {
        return Vec::new();
    };
    let header_len = header.header_len();
    let payload = &rest[..rest
        .len()
        .min(usize::from(header.total_len).saturating_sub(header_len))];
    if header_len + payload.len() <= mtu {
        return vec![Fragment {
            bytes: built.bytes.clone(),
            offset: 0,
            length: payload.len(),
            more_fragments: false,
        }];
    }
    // Every piece but the last must be a multiple of 8 bytes long.
    let piece = (mtu.max(MIN_IPV4_MTU) - header_len) / 8 * 8;
    let pieces: Vec<&[u8]> = payload.chunks(piece).collect();
    let count = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, data)| {
            let offset = i * piece;
            header.identification = identification;
            header.dont_fragment = false;
            header.more_fragments = i + 1 < count;
            header.fragment_offset = IpFragOffset::try_new((offset / 8) as u16).unwrap_or_default();
            header.total_len = (header_len + data.len()) as u16;
            header.header_checksum = header.calc_header_checksum();
            let mut bytes = frame[..HEADER_LEN].to_vec();
            bytes.extend_from_slice(&header.to_bytes());
            bytes.extend_from_slice(data);
            Fragment {
                bytes: finish_frame(bytes),
                offset,
                length: data.len(),
                more_fragments: i + 1 < count,
            }
        })
        .collect()
}
