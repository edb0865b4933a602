//! The one dissector: any frame, built by us or caught off the wire, becomes a
//! `Dissection` (layers, fields, checks). Each protocol lives in its own file;
//! this one walks from the outermost layer inwards, from an Ethernet header
//! (`dissect_ethernet`), a Linux cooked header (`dissect_linux_sll`) or
//! straight from an IP header (`dissect_raw_ip`).

pub mod arp;
pub mod checksum;
pub mod ethernet;
pub mod fields;
pub mod icmp;
pub mod icmp_names;
pub mod icmpv6;
pub mod ipv4;
pub mod ipv6;
pub mod payload;
pub mod physical;
pub mod port;
pub mod quote;
pub mod sll;
pub mod tcp;
pub mod udp;
pub mod view;
pub mod vlan;

use self::fields::Meaning;
use checksum::PseudoHeader;

use crate::field_id;
use crate::model::MalformedKind;
use crate::model::{Dissection, Layer, LayerKind, Malformed, Span};
use crate::t;

/// Whether the frame's last four bytes are its FCS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fcs {
    /// Built frames carry one.
    Present,
    /// Captured frames do not: the network card strips it.
    Absent,
    /// Frames from elsewhere: present if the last four bytes are a correct CRC-32.
    Detect,
}

/// How deep IP may nest in IP (tunnels) before the rest is shown as bytes:
/// a crafted packet of nested headers must not take the dissector down.
const MAX_TUNNEL_DEPTH: usize = 4;

/// Dissects an Ethernet II frame. Never panics: whatever cannot be dissected
/// is reported in `malformed` with the layer and the byte offset.
pub fn dissect_ethernet(frame: &[u8], fcs: Fcs) -> Dissection {
    let has_fcs = match fcs {
        Fcs::Present => frame.len() >= ethernet::HEADER_LEN + ethernet::FCS_LEN,
        Fcs::Absent => false,
        Fcs::Detect => ethernet::ends_with_valid_fcs(frame),
    };
    let data_end = if has_fcs {
        frame.len() - ethernet::FCS_LEN
    } else {
        frame.len()
    };
    let mut dissection = Dissection {
        frame_length: frame.len(),
        layers: Vec::new(),
        malformed: None,
        cut_short: None,
    };
    if data_end < ethernet::HEADER_LEN {
        dissection.malformed = Some(Malformed {
            protocol: "Ethernet II",
            offset: 0,
            kind: MalformedKind::TooShort,
            message: t!(
                "Ethernet II header needs 14 bytes, {left} left at offset 0",
                left = data_end
            ),
        });
        return dissection;
    }
    let (mut link, ether_type) = ethernet::header_layer(frame, frame.len());
    let mut walk = Walk::new(frame);
    // 802.1Q / 802.1ad tags sit between the MAC addresses and the EtherType.
    let result = vlan::add_tags(frame, ether_type, ethernet::HEADER_LEN, data_end, &mut link)
        .and_then(|(ether_type, start)| walk.ether_type(ether_type, start, data_end));
    dissection.malformed = walk.malformed(result);
    let packet_end = walk.packet_end.unwrap_or(data_end);
    ethernet::add_padding(
        &mut link,
        frame,
        Span {
            offset: packet_end,
            length: data_end - packet_end,
        },
    );
    if has_fcs {
        ethernet::add_fcs(&mut link, frame);
    }
    // The walk's vector, the link layer in front: no second vector.
    dissection.layers = walk.layers;
    dissection.layers.insert(0, link);
    dissection
}

/// A packet that starts at its IP header (pcap link type RAW, or hex copied
/// from a book): IPv4 or IPv6 by the version nibble. Offsets count from the
/// packet's first byte.
pub fn dissect_raw_ip(packet: &[u8]) -> Dissection {
    let mut walk = Walk::new(packet);
    let result = match packet.first().map(|b| b >> 4) {
        Some(4) => walk.ipv4(0, packet.len(), 0),
        Some(6) => walk.ipv6(0, packet.len(), 0),
        Some(v) => Err(Malformed {
            protocol: "IP",
            offset: 0,
            kind: MalformedKind::BadVersion,
            message: t!("IP version {v} at offset 0 is neither 4 nor 6", v),
        }),
        None => Err(Malformed {
            protocol: "IP",
            offset: 0,
            kind: MalformedKind::TooShort,
            message: t!("IP header needs 20 bytes, 0 left at offset 0").into(),
        }),
    };
    let malformed = walk.malformed(result);
    let packet_end = walk.packet_end.unwrap_or(packet.len());
    let mut layers = walk.layers;
    if packet_end < packet.len() {
        if let Some(first) = layers.first_mut() {
            first.notes.push(t!(
                "{count} bytes after the packet's end (offsets {packet_end}-{last}) are not part of it",
                count = packet.len() - packet_end,
                packet_end,
                last = packet.len() - 1
            ));
        }
    }
    Dissection {
        frame_length: packet.len(),
        layers,
        malformed,
        cut_short: None,
    }
}

/// A frame from a Linux "cooked" capture (pcap link type LINUX_SLL): a
/// 16-byte header instead of Ethernet's, then what its protocol field names
/// (an EtherType, or one of Linux's own numbers below 0x0600).
pub fn dissect_linux_sll(frame: &[u8]) -> Dissection {
    if frame.len() < sll::HEADER_LEN {
        return Dissection {
            frame_length: frame.len(),
            layers: Vec::new(),
            malformed: Some(Malformed {
                protocol: "Linux cooked capture",
                offset: 0,
                kind: MalformedKind::TooShort,
                message: t!(
                    "Linux cooked capture header needs 16 bytes, {left} left at offset 0",
                    left = frame.len()
                ),
            }),
            cut_short: None,
        };
    }
    let (mut link, arphrd, protocol) = sll::header_layer(frame);
    let mut walk = Walk::new(frame);
    let span = Span {
        offset: sll::HEADER_LEN,
        length: frame.len() - sll::HEADER_LEN,
    };
    let result = if arphrd == sll::ARPHRD_NETLINK {
        walk.layers.push(payload::undissected(
            frame,
            span,
            t!("netlink message"),
            LayerKind::Network,
            t!("netlink family {protocol}: a message between the kernel and a program, not a packet on a wire; not dissected by stackviz", protocol),
        ));
        Ok(())
    } else if protocol < 0x0600 {
        walk.layers.push(payload::undissected(
            frame,
            span,
            sll::special_protocol_name(protocol),
            LayerKind::Network,
            t!(
                "Linux protocol {number} = {name}, not dissected by stackviz: its {bytes} bytes are shown as they are",
                number = format!("0x{protocol:04x}"),
                name = sll::special_protocol_name(protocol),
                bytes = span.length
            ),
        ));
        Ok(())
    } else {
        vlan::add_tags(frame, protocol, sll::HEADER_LEN, frame.len(), &mut link)
            .and_then(|(ether_type, start)| walk.ether_type(ether_type, start, frame.len()))
    };
    let malformed = walk.malformed(result);
    let packet_end = walk.packet_end.unwrap_or(frame.len());
    sll::add_padding(
        &mut link,
        frame,
        Span {
            offset: packet_end,
            length: frame.len() - packet_end,
        },
    );
    let mut layers = walk.layers;
    layers.insert(0, link);
    Dissection {
        frame_length: frame.len(),
        layers,
        malformed,
        cut_short: None,
    }
}

/// One frame being dissected from the outside in.
struct Walk<'a> {
    frame: &'a [u8],
    layers: Vec<Layer>,
    /// Where the outermost packet ends: what follows it is link-layer padding.
    packet_end: Option<usize>,
    /// The first problem that did not stop the dissection (a length beyond
    /// the frame, an unreadable option).
    problem: Option<Malformed>,
}

impl<'a> Walk<'a> {
    fn new(frame: &'a [u8]) -> Self {
        Walk {
            frame,
            // Room for the link layer put in front at the end, the usual
            // network, transport and application layers, and the two of a
            // packet an ICMP error quotes.
            layers: Vec::with_capacity(6),
            packet_end: None,
            problem: None,
        }
    }

    fn note_problem(&mut self, problem: Option<Malformed>) {
        if self.problem.is_none() {
            self.problem = problem;
        }
    }

    /// Only the outermost packet decides where the padding starts; a packet
    /// tunnelled inside it does not.
    fn packet_ends(&mut self, at: usize) {
        if self.packet_end.is_none() {
            self.packet_end = Some(at);
        }
    }

    /// What to report: where dissection stopped if it did, else the first
    /// problem it went past.
    fn malformed(&mut self, result: Result<(), Malformed>) -> Option<Malformed> {
        result.err().or_else(|| self.problem.take())
    }

    /// What an EtherType carries, from `start` to `end`.
    fn ether_type(&mut self, ether_type: u16, start: usize, end: usize) -> Result<(), Malformed> {
        match ether_type {
            0x0800 => self.ipv4(start, end, 0),
            0x86dd => self.ipv6(start, end, 0),
            0x0806 => {
                let (layer, arp_end) = arp::dissect(self.frame, start, end)?;
                self.packet_ends(arp_end);
                self.layers.push(layer);
                Ok(())
            }
            length if length <= 1500 => {
                self.ieee_802_3(usize::from(length), start, end);
                Ok(())
            }
            other => {
                let bytes = end - start;
                let number = format!("0x{other:04x}");
                let (protocol, note) = match ethernet::known_ether_type_name(other) {
                    None => (
                        t!("unknown EtherType"),
                        t!("EtherType {number} is not one stackviz knows: its {bytes} bytes are shown as they are", number, bytes),
                    ),
                    Some(name) => (
                        name,
                        t!("EtherType {number} = {name}, not dissected by stackviz: its {bytes} bytes are shown as they are", number, name, bytes),
                    ),
                };
                self.layers.push(payload::undissected(
                    self.frame,
                    Span {
                        offset: start,
                        length: bytes,
                    },
                    protocol,
                    LayerKind::Network,
                    note,
                ));
                Ok(())
            }
        }
    }

    /// An IEEE 802.3 frame: the type field holds the data's length, and the
    /// data starts with an 802.2 LLC header.
    fn ieee_802_3(&mut self, length: usize, start: usize, end: usize) {
        let frame = self.frame;
        let present = end - start;
        let data = &frame[start..start + length.min(present)];
        let hex = format!("0x{length:04x}");
        // One whole sentence per case: the languages put the LLC part in
        // different places.
        let mut note = match data {
            [0xff, 0xff, ..] => t!(
                "{hex} = {length} is at most 1500, so it is a length, not an EtherType (IEEE 802.3): the data begins with Novell raw 802.3 (IPX, no LLC header); not dissected by stackviz",
                hex,
                length
            ),
            [dsap, ssap, ..] => {
                let sap = match dsap {
                    0x42 => t!("spanning tree (STP)"),
                    0xaa => t!("SNAP: an OUI and an EtherType follow"),
                    0xe0 => "IPX",
                    0xf0 => "NetBIOS",
                    0xfe => t!("ISO network layer (IS-IS)"),
                    0x06 => "IP",
                    _ => t!("a service stackviz does not know"),
                };
                t!(
                    "{hex} = {length} is at most 1500, so it is a length, not an EtherType (IEEE 802.3): the data begins with an 802.2 LLC header: DSAP {dsap}, SSAP {ssap} = {sap}; not dissected by stackviz",
                    hex,
                    length,
                    dsap = format!("0x{dsap:02x}"),
                    ssap = format!("0x{ssap:02x}"),
                    sap
                )
            }
            _ => t!(
                "{hex} = {length} is at most 1500, so it is a length, not an EtherType (IEEE 802.3): the data begins with too short for an 802.2 LLC header; not dissected by stackviz",
                hex,
                length
            ),
        };
        if length > present {
            note.push_str(&t!(
                "; the length says {length} bytes but only {present} are present",
                length,
                present
            ));
        } else {
            self.packet_ends(start + length);
        }
        self.layers.push(payload::undissected(
            frame,
            Span {
                offset: start,
                length: data.len(),
            },
            t!("IEEE 802.3 data (LLC)"),
            LayerKind::Network,
            note,
        ));
    }

    fn ipv4(&mut self, start: usize, end: usize, depth: usize) -> Result<(), Malformed> {
        let ip = ipv4::dissect(self.frame, start, end)?;
        self.packet_ends(ip.payload.end());
        self.note_problem(ip.problem);
        let declared = ip.layer.pdu_length.saturating_sub(ip.layer.header.length);
        let span = ip.payload;
        let (destination, why) = match ip.final_destination {
            Some((address, why)) => (address, Some(why)),
            None => (ip.destination, None),
        };
        let pseudo = PseudoHeader::V4 {
            source: ip.source,
            destination,
        };
        self.layers.push(ip.layer);
        if ip.fragment && ip.fragment_byte != 0 {
            let mut data = payload::layer(self.frame, span, t!("IPv4 fragment data"));
            data.notes
                .push(later_fragment_note(ip.fragment_byte, span.length));
            self.layers.push(data);
            return Ok(());
        }
        let before = self.layers.len();
        let result = if ip.fragment {
            self.first_fragment(ip.protocol, span, declared, pseudo, depth)
        } else {
            self.upper(ip.protocol, span, declared, pseudo, depth)
        };
        name_final_destination(&mut self.layers[before..], why);
        result
    }

    fn ipv6(&mut self, start: usize, end: usize, depth: usize) -> Result<(), Malformed> {
        let ip = ipv6::dissect(self.frame, start, end, false)?;
        self.packet_ends(ip.payload.end());
        self.note_problem(ip.problem);
        self.layers.extend(ip.layers);
        if let Some(stop) = ip.stop {
            return Err(stop);
        }
        if ip.fragment && ip.fragment_byte != 0 {
            let mut data = payload::layer(self.frame, ip.payload, t!("IPv6 fragment data"));
            data.notes.push(t!(
                "a piece of a datagram whose first header is {number} = {name}: the receiver reassembles all pieces before it can read it",
                number = ip.protocol,
                name = ipv6::next_header_label(ip.protocol)
            ));
            data.notes
                .push(later_fragment_note(ip.fragment_byte, ip.payload.length));
            self.layers.push(data);
            return Ok(());
        }
        let (destination, why) = match ip.final_destination {
            Some((address, why)) => (address, Some(why)),
            None => (ip.destination, None),
        };
        let pseudo = PseudoHeader::V6 {
            source: ip.source,
            destination,
        };
        let before = self.layers.len();
        let result = if ip.fragment {
            self.first_fragment(ip.protocol, ip.payload, ip.declared, pseudo, depth)
        } else {
            self.upper(ip.protocol, ip.payload, ip.declared, pseudo, depth)
        };
        name_final_destination(&mut self.layers[before..], why);
        result
    }

    /// The payload of a first fragment (offset 0, more to come): it starts
    /// with the transport header, dissected as far as the bytes go (as
    /// tshark does), but the datagram's checksum covers bytes that only
    /// later fragments carry, so it cannot be checked here.
    fn first_fragment(
        &mut self,
        protocol: u8,
        span: Span,
        declared: usize,
        pseudo: PseudoHeader,
        depth: usize,
    ) -> Result<(), Malformed> {
        let before = self.layers.len();
        let name = ipv4::protocol_label(protocol);
        let raw = |frame: &[u8], note: String| {
            let mut data = payload::layer(frame, span, t!("first fragment data"));
            data.notes.push(note);
            data
        };
        if !matches!(protocol, 1 | 6 | 17 | 58) {
            let note = t!(
                "the first fragment of a datagram carrying {number} = {name}: its start is here, the rest comes in later fragments; the receiver reassembles all pieces before it reads them",
                number = protocol,
                name
            );
            self.layers.push(raw(self.frame, note));
            return Ok(());
        }
        let problem = self.problem.clone();
        if let Err(short) = self.upper(protocol, span, declared, pseudo, depth) {
            // Too few bytes for the header in this piece (a "tiny
            // fragment", RFC 1858): the bytes stay raw, with the reason.
            self.layers.truncate(before);
            self.problem = problem;
            let note = t!(
                "the first fragment, too short for the whole {name} header ({message}): the rest comes in later fragments",
                name,
                message = short.message
            );
            self.layers.push(raw(self.frame, note));
            return Ok(());
        }
        // Only what the dissector found in this piece's bytes: a length that
        // reaches past them is expected here, not a fault.
        self.problem = problem;
        if let Some(transport) = self.layers.get_mut(before) {
            transport.checks.clear();
            for field in transport
                .fields
                .iter_mut()
                .filter(|f| f.id.ends_with(".checksum"))
            {
                field.meaning = t!("not verifiable from one fragment: the checksum covers the whole datagram, and the rest of it comes in later fragments").into_meaning();
            }
            transport.notes.push(t!(
                "dissected from the first fragment: this header and the first {bytes} bytes after it are here; the rest of the datagram comes in later fragments",
                bytes = span.length.saturating_sub(transport.header.length)
            ));
        }
        Ok(())
    }

    /// The upper layer of an IP packet at `span`, `declared` bytes long as the
    /// IP header says: UDP, TCP, ICMP, ICMPv6, IP in IP; else bytes named by
    /// their protocol number.
    fn upper(
        &mut self,
        protocol: u8,
        span: Span,
        declared: usize,
        pseudo: PseudoHeader,
        depth: usize,
    ) -> Result<(), Malformed> {
        let frame = self.frame;
        match (protocol, pseudo) {
            (17, _) => {
                let datagram = udp::dissect(frame, span.offset, span.end(), pseudo)?;
                let data = datagram.payload;
                self.layers.push(datagram.layer);
                self.layers
                    .push(payload::layer(frame, data, t!("application data")));
            }
            (6, _) => {
                let segment = tcp::dissect(frame, span.offset, span.end(), declared, pseudo)?;
                self.note_problem(segment.problem);
                self.layers.push(segment.layer);
                self.layers
                    .push(payload::segment_data(frame, segment.payload));
            }
            (1, PseudoHeader::V4 { .. }) => {
                let problem =
                    icmp::dissect(frame, span.offset, span.end(), declared, &mut self.layers)?;
                self.note_problem(problem);
            }
            (
                58,
                PseudoHeader::V6 {
                    source,
                    destination,
                },
            ) => {
                let problem = icmpv6::dissect(
                    frame,
                    span.offset,
                    span.end(),
                    declared,
                    source,
                    destination,
                    &mut self.layers,
                )?;
                self.note_problem(problem);
            }
            (4, _) if depth < MAX_TUNNEL_DEPTH => self.ipv4(span.offset, span.end(), depth + 1)?,
            (41, _) if depth < MAX_TUNNEL_DEPTH => self.ipv6(span.offset, span.end(), depth + 1)?,
            (59, PseudoHeader::V6 { .. }) => {
                if span.length > 0 {
                    self.layers.push(payload::undissected(
                        frame,
                        span,
                        t!("bytes after No Next Header"),
                        LayerKind::Transport,
                        t!("next header 59 = No Next Header: nothing follows the headers, yet {bytes} bytes are there; receivers ignore them", bytes = span.length),
                    ));
                }
            }
            (other, _) => {
                // The layer is named in English (code and JSON compare it);
                // sentences say the name in the reader's language.
                let (name, label) = (ipv4::protocol_name(other), ipv4::protocol_label(other));
                let (layer_name, note) = match (other, pseudo) {
                    _ if ipv4::known_protocol(other).is_none() => (
                        t!("unknown IP protocol"),
                        t!("IP protocol {other} is not one stackviz knows: its {bytes} bytes are shown as they are", other, bytes = span.length),
                    ),
                    (1, PseudoHeader::V6 { .. }) => (
                        name,
                        t!("IP protocol 1 = ICMP, but IPv6 uses ICMPv6 (58): not dissected").to_string(),
                    ),
                    (58, PseudoHeader::V4 { .. }) => (
                        name,
                        t!("IP protocol 58 = ICMPv6, but this is IPv4 (ICMPv6 needs the IPv6 pseudo-header): not dissected").to_string(),
                    ),
                    (4 | 41, _) => (
                        name,
                        t!("IP protocol {other} = {name}: tunnels nested more than {depth} deep are not dissected", other, name = label, depth = MAX_TUNNEL_DEPTH),
                    ),
                    _ => (
                        name,
                        t!("IP protocol {other} = {name}, not dissected by stackviz: its {bytes} bytes are shown as they are", other, name = label, bytes = span.length),
                    ),
                };
                self.layers.push(payload::undissected(
                    frame,
                    span,
                    layer_name,
                    LayerKind::Transport,
                    note,
                ));
            }
        }
        Ok(())
    }
}

/// The note on the data of a fragment that is not the first: where its
/// bytes belong in the datagram.
fn later_fragment_note(byte: usize, length: usize) -> String {
    t!(
        "fragment offset {units} × 8: bytes {first}-{last} of the datagram's payload; the transport header was in the first fragment",
        units = byte / 8,
        first = byte,
        last = (byte + length).saturating_sub(1)
    )
}

/// Says in the pseudo-header of the transport layer (the first of
/// `layers`) that its destination is the final one a source route named,
/// and why. Only the first: a tunnelled packet has addresses of its own.
fn name_final_destination(layers: &mut [Layer], why: Option<String>) {
    let (Some(why), Some(transport)) = (why, layers.first_mut()) else {
        return;
    };
    let mut used = None;
    for check in &mut transport.checks {
        if let Some(field) = check
            .pseudo_header
            .iter_mut()
            .find(|f| f.id == field_id::PSEUDO_DST)
        {
            field.meaning = why.clone().into_meaning();
            used = Some(field.value.to_string());
        }
    }
    // Said beside the layer too: not every view shows the pseudo-header.
    if let Some(address) = used {
        transport.notes.push(t!(
            "the checksum's pseudo-header holds {address}, the {why}",
            address,
            why
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with_language, Lang};

    /// Unknown numbers are told apart by what the name functions return, not
    /// by English text: the same holds in Chinese.
    #[test]
    fn unknown_numbers_are_recognised_in_chinese_too() {
        let mut frame = vec![0xff; 6];
        frame.extend([2, 0, 0, 0, 0, 1, 0x12, 0x34, 1, 2, 3]);
        let ip = [
            0x45, 0, 0, 0x1a, 0, 0, 0x40, 0, 0x40, 153, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1, 1, 2, 3,
            4, 5, 6,
        ];
        // Literals, not t!(...): the expected value must not come from the
        // code path under test.
        for (lang, ethertype, protocol) in [
            (Lang::En, "unknown EtherType", "unknown IP protocol"),
            (Lang::Zh, "未知 EtherType", "未知 IP 协议"),
        ] {
            with_language(lang, || {
                let d = dissect_ethernet(&frame, Fcs::Absent);
                assert_eq!(d.layers[1].protocol, ethertype);
                let d = dissect_raw_ip(&ip);
                assert_eq!(d.layers[1].protocol, protocol);
            });
        }
    }
}
