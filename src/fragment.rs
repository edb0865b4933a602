//! Fragmentation by hand (etherparse has no fragmenting builder). IPv4: a
//! datagram bigger than the MTU is cut into pieces that share the
//! identification, carry MF on all but the last, and give their offset in
//! 8-byte units; each piece gets its own header, checksum, padding and FCS.
//! IPv6: only the sender fragments, with a Fragment extension header (next
//! header 44) carrying the offset, the M flag and a 32-bit identification.

use etherparse::{IpFragOffset, Ipv4Header};

use crate::build::BuiltFrame;
use crate::dissect::ethernet::{FCS_LEN, HEADER_LEN, MIN_FRAME_NO_FCS};

/// The smallest MTU IPv4 allows (RFC 791): a 60-byte header and 8 bytes.
pub const MIN_IPV4_MTU: usize = 68;

/// One fragment as an Ethernet frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The whole frame: Ethernet, this fragment's IPv4 header, its piece, padding, FCS.
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
    if frame.get(12..14) == Some(&[0x86, 0xdd]) {
        return fragment_v6(built, frame, mtu, u32::from(identification));
    }
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

/// IPv6 base header length; the Fragment extension header's length.
const IPV6_HEADER_LEN: usize = crate::header_len::IPV6;
const IPV6_FRAGMENT_HEADER_LEN: usize = crate::header_len::IPV6_FRAGMENT;
/// The smallest MTU IPv6 allows (RFC 8200).
pub const MIN_IPV6_MTU: usize = 1280;

fn fragment_v6(built: &BuiltFrame, frame: &[u8], mtu: usize, identification: u32) -> Vec<Fragment> {
    let Some(header) = frame.get(HEADER_LEN..HEADER_LEN + IPV6_HEADER_LEN) else {
        return Vec::new();
    };
    let payload_len = usize::from(u16::from_be_bytes([header[4], header[5]]));
    let payload = &frame[HEADER_LEN + IPV6_HEADER_LEN
        ..(HEADER_LEN + IPV6_HEADER_LEN + payload_len).min(frame.len())];
    if IPV6_HEADER_LEN + payload.len() <= mtu {
        return vec![Fragment {
            bytes: built.bytes.clone(),
            offset: 0,
            length: payload.len(),
            more_fragments: false,
        }];
    }
    let next_header = header[6];
    let piece = (mtu.max(MIN_IPV6_MTU) - IPV6_HEADER_LEN - IPV6_FRAGMENT_HEADER_LEN) / 8 * 8;
    let count = payload.len().div_ceil(piece);
    payload
        .chunks(piece)
        .enumerate()
        .map(|(i, data)| {
            let offset = i * piece;
            let more = i + 1 < count;
            let mut bytes = frame[..HEADER_LEN].to_vec();
            let mut base = header.to_vec();
            base[4..6]
                .copy_from_slice(&((IPV6_FRAGMENT_HEADER_LEN + data.len()) as u16).to_be_bytes());
            base[6] = 44;
            bytes.extend_from_slice(&base);
            let offset_field = ((offset / 8) as u16) << 3 | u16::from(more);
            bytes.extend_from_slice(&[next_header, 0]);
            bytes.extend_from_slice(&offset_field.to_be_bytes());
            bytes.extend_from_slice(&identification.to_be_bytes());
            bytes.extend_from_slice(data);
            Fragment {
                bytes: finish_frame(bytes),
                offset,
                length: data.len(),
                more_fragments: more,
            }
        })
        .collect()
}
