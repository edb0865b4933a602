//! From a predicted segment to frame bytes: etherparse writes the Ethernet,
//! IPv4 or IPv6 and TCP headers (lengths and checksums included) with the
//! option bytes in Linux's layout; we add the padding to Ethernet's 60-byte
//! minimum and the FCS, as for a UDP datagram. Then the one dissector
//! explains it, and every field gets its origin.

use std::net::{IpAddr, SocketAddr};

use etherparse::{
    IpEcn, IpHeaders, IpNumber, Ipv4Header, Ipv6FlowLabel, Ipv6Header, PacketBuilder, TcpHeader,
};

use super::predict::{option_bytes, Known, Segment};
use crate::dissect::ethernet::{FCS_LEN, MIN_FRAME_NO_FCS};
use crate::dissect::{dissect_ethernet, physical, Fcs};
use crate::field_id;
use crate::model::{Dissection, Origin};
use crate::net::tcp_exchange::Peer;

/// The addresses and ISNs every segment of the connection is built from.
#[derive(Debug, Clone, Copy)]
pub struct Ends {
    pub client: SocketAddr,
    pub server: SocketAddr,
    pub client_isn: Known<u32>,
    pub server_isn: Known<u32>,
    pub ttl: u8,
}

impl Ends {
    fn addresses(&self, from: Peer) -> (SocketAddr, SocketAddr) {
        match from {
            Peer::Client => (self.client, self.server),
            Peer::Server => (self.server, self.client),
        }
    }
    /// The ISN of `peer`.
    pub fn isn(&self, peer: Peer) -> Known<u32> {
        match peer {
            Peer::Client => self.client_isn,
            Peer::Server => self.server_isn,
        }
    }
}

/// The absolute sequence and acknowledgment numbers of a segment.
pub fn absolute(segment: &Segment, ends: &Ends) -> (u32, u32) {
    let seq = ends.isn(segment.from).value().wrapping_add(segment.seq);
    let ack = segment.ack.map_or(0, |a| {
        let to = match segment.from {
            Peer::Client => Peer::Server,
            Peer::Server => Peer::Client,
        };
        ends.isn(to).value().wrapping_add(a)
    });
    (seq, ack)
}

/// The segment as an Ethernet frame with padding and FCS.
pub fn frame(segment: &Segment, ends: &Ends) -> Vec<u8> {
    let (src, dst) = ends.addresses(segment.from);
    let (seq, ack) = absolute(segment, ends);
    let mut tcp = TcpHeader::new(src.port(), dst.port(), seq, segment.window.value());
    tcp.acknowledgment_number = ack;
    tcp.syn = segment.flags.syn;
    tcp.ack = segment.flags.ack;
    tcp.psh = segment.flags.psh;
    tcp.fin = segment.flags.fin;
    tcp.rst = segment.flags.rst;
    tcp.ece = segment.flags.ece;
    tcp.cwr = segment.flags.cwr;
    // Linux's layouts are whole 4-byte words, at most 40 bytes: always accepted.
    let _ = tcp.set_options_raw(&option_bytes(&segment.options));
    let ip = match (src.ip(), dst.ip()) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            let mut h = Ipv4Header::new(0, ends.ttl, IpNumber::TCP, s.octets(), d.octets())
                .unwrap_or_default();
            h.identification = segment.ip_id.value();
            // Linux sets DF on TCP (path MTU discovery, ip_no_pmtu_disc = 0).
            h.dont_fragment = true;
            h.ecn = IpEcn::try_new(segment.ecn & 3).unwrap_or_default();
            IpHeaders::Ipv4(h, Default::default())
        }
        (IpAddr::V6(s), IpAddr::V6(d)) => {
            let h = Ipv6Header {
                traffic_class: segment.ecn & 3,
                flow_label: Ipv6FlowLabel::try_new(segment.flow_label.value() & 0xf_ffff)
                    .unwrap_or_default(),
                payload_length: 0,
                next_header: IpNumber::TCP,
                hop_limit: ends.ttl,
                source: s.octets(),
                destination: d.octets(),
            };
            IpHeaders::Ipv6(h, Default::default())
        }
        _ => return Vec::new(),
    };
    let builder = PacketBuilder::ethernet2([0; 6], [0; 6])
        .ip(ip)
        .tcp_header(tcp);
    let mut bytes = Vec::with_capacity(builder.size(segment.data.len()) + FCS_LEN + 8);
    if builder.write(&mut bytes, &segment.data).is_err() {
        return Vec::new();
    }
    if bytes.len() < MIN_FRAME_NO_FCS {
        bytes.resize(MIN_FRAME_NO_FCS, 0);
    }
    let fcs = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&fcs.to_le_bytes());
    bytes
}

/// The built frame dissected, the physical layer first, each field with
/// where its value came from.
pub fn dissection(bytes: &[u8], segment: &Segment, ends: &Ends) -> Dissection {
    let mut d = dissect_ethernet(bytes, Fcs::Present);
    d.layers.insert(0, physical::layer(bytes.len()));
    let sender = match segment.from {
        Peer::Client => crate::t!("the client"),
        Peer::Server => crate::t!("the server"),
    };
    for field in d.fields_mut() {
        if field.origin.is_some() {
            continue;
        }
        field.origin = Some(match field.id {
            field_id::TCP_SEQ => match ends.isn(segment.from) {
                Known::Yes(_) => Origin::predicted(crate::t!(
                    "{sender}'s ISN (observed) + {rel}: every byte and every SYN or FIN before this segment takes one number",
                    sender,
                    rel = segment.seq
                )),
                Known::No(_) => Origin::unknown(crate::t!(
                    "{sender}'s ISN is random and only a capture shows it; 0 stands in, so the number shown is the relative one ({rel})",
                    sender,
                    rel = segment.seq
                )),
            },
            field_id::TCP_ACK if segment.ack.is_some() => Origin::predicted(crate::t!(
                "the peer's ISN + {rel}: the next byte this end expects (the peer's seq + its length, +1 for its SYN or FIN)",
                rel = segment.ack.unwrap_or(0)
            )),
            field_id::TCP_WINDOW => match segment.window {
                Known::Yes(_) if segment.flags.syn && segment.from == Peer::Client => {
                    Origin::observed(crate::t!(
                        "read from the client's SYN as the server received it (TCP_SAVED_SYN); a SYN's window is never scaled"
                    ))
                }
                Known::Yes(_) if segment.flags.syn => Origin::predicted(crate::t!(
                    "a SYN's window is never scaled: at most 65,535, rounded down to a multiple of the MSS the server announces (TCP_INFO's advmss)"
                )),
                Known::Yes(_) => Origin::predicted(crate::t!(
                    "TCP_INFO's receive window of {sender} shifted right by its window scale",
                    sender
                )),
                Known::No(_) => Origin::unknown(crate::t!(
                    "this kernel's TCP_INFO has no receive window (tcpi_rcv_wnd, Linux 6.2); 0 stands in"
                )),
            },
            field_id::IPV4_IDENTIFICATION => match segment.ip_id {
                Known::Yes(0) => Origin::predicted(crate::t!(
                    "0: Linux sends the SYN,ACK and RST with IP ID 0 (no full socket sends them)"
                )),
                Known::Yes(_) => Origin::predicted(crate::t!(
                    "the client's counter: its SYN's ID (observed with TCP_SAVED_SYN) + 1 per segment it sent since"
                )),
                Known::No(_) => Origin::unknown(crate::t!(
                    "{sender}'s IP ID counter starts at a random value the kernel keeps to itself; 0 stands in",
                    sender
                )),
            },
            field_id::IPV6_FLOW_LABEL => match segment.flow_label {
                Known::Yes(_) => Origin::observed(crate::t!(
                    "the client's flow label, read from its SYN (TCP_SAVED_SYN): the same for the whole connection"
                )),
                Known::No(_) => Origin::unknown(crate::t!(
                    "{sender}'s flow label is a hash the kernel keeps to itself; 0 stands in",
                    sender
                )),
            },
            _ => continue,
        });
    }
    d
}
