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
#[derive(Debug, Clone)]
pub struct Ends {
    pub client: SocketAddr,
    pub server: SocketAddr,
    pub client_isn: Known<u32>,
    pub server_isn: Known<u32>,
    pub ttl: u8,
    /// Where the TTL (hop limit) came from: the host's default, read from /proc.
    pub ttl_origin: Origin,
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
pub fn dissection(bytes: &[u8], segment: &Segment, ends: &Ends, saved_syn: bool) -> Dissection {
    let mut d = dissect_ethernet(bytes, Fcs::Present);
    d.layers.insert(0, physical::layer(bytes.len()));
    let sender = match segment.from {
        Peer::Client => crate::t!("the client"),
        Peer::Server => crate::t!("the server"),
    };
    // A reset the kernel sent for a port nobody listens on.
    let refusal = segment.from == Peer::Server
        && segment.flags.rst
        && !segment.flags.syn
        && segment.seq == 0
        && segment.ack == Some(1);
    for field in d.fields_mut() {
        if field.origin.is_some() {
            continue;
        }
        field.origin = Some(match field.id {
            // The kernel's answer for a closed port: no socket, no ISN.
            field_id::TCP_SEQ | field_id::TCP_WINDOW if refusal => Origin::protocol(crate::t!(
                "0: a reset answering a SYN for a closed port takes its sequence number from the SYN's ack field (none: 0) and offers no window (RFC 9293)"
            )),
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
                Known::Yes(_) if segment.window_from_client => Origin::observed(crate::t!(
                    "the window the server last advertised, as the client's TCP_INFO holds it (snd_wnd) shifted right by the server's window scale: no socket of the server's was accepted to ask"
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
            field_id::TCP_OPT_TIMESTAMPS | field_id::TCP_OPT_TSVAL | field_id::TCP_OPT_TSECR
                if !segment.timestamps_known
                    && (field.id == field_id::TCP_OPT_TIMESTAMPS
                        || (field.id == field_id::TCP_OPT_TSVAL) == (segment.from == Peer::Server)) =>
            {
                Origin::unknown(crate::t!(
                "the server's TSval clock runs with a per-connection offset that only an accepted socket can tell (TCP_TIMESTAMP); nothing accepted this connection, so 0 stands in for the server's TSval and for the client's echo of it"
                ))
            }
            field_id::IPV6_FLOW_LABEL => match segment.flow_label {
                Known::Yes(_) => Origin::observed(crate::t!(
                    "the client's flow label, read from its SYN (TCP_SAVED_SYN): the same for the whole connection"
                )),
                Known::No(_) => Origin::unknown(crate::t!(
                    "{sender}'s flow label is a hash the kernel keeps to itself; 0 stands in",
                    sender
                )),
            },
            _ => match default_origin(field.id, segment, ends, saved_syn) {
                Some(o) => o,
                None => continue,
            },
        });
    }
    d
}

/// Where the other fields came from: what the OS said, what the protocol
/// fixes, and what stackviz computed (lengths, checksums, the FCS).
fn default_origin(id: &str, segment: &Segment, ends: &Ends, saved_syn: bool) -> Option<Origin> {
    use crate::t;
    let from_saved_syn = saved_syn && segment.from == Peer::Client && segment.flags.syn;
    let address = || {
        Origin::observed(t!(
            "the connection's two ends: getsockname() on the client, accept() on the server"
        ))
    };
    Some(match id {
        field_id::ETH_SRC | field_id::ETH_DST => Origin::predicted(t!(
            "loopback has no MAC address: zeros, as a capture on lo shows them"
        )),
        field_id::ETH_TYPE => Origin::protocol(t!("IEEE EtherType registry")),
        field_id::ETH_PADDING => Origin::predicted(t!(
            "IEEE 802.3 minimum frame size: 64 bytes with FCS"
        )),
        field_id::ETH_FCS => Origin::predicted(t!(
            "CRC-32 computed by stackviz (crc32fast); on a real link the network card computes it"
        )),
        field_id::IPV4_VERSION => Origin::protocol("RFC 791"),
        field_id::IPV6_VERSION => Origin::protocol("RFC 8200"),
        field_id::IPV4_FLAGS_RESERVED => Origin::protocol(t!("RFC 791: always 0")),
        field_id::IPV4_FLAGS_DF => Origin::predicted(t!(
            "Linux sets DF on every TCP segment (path MTU discovery)"
        )),
        field_id::IPV4_FLAGS_MF | field_id::IPV4_FRAGMENT_OFFSET => Origin::predicted(t!(
            "TCP cuts its data into segments that fit: the packet is never fragmented"
        )),
        field_id::IPV4_TTL | field_id::IPV6_HOP_LIMIT => ends.ttl_origin.clone(),
        field_id::IPV4_PROTOCOL | field_id::IPV6_NEXT_HEADER => Origin::protocol(t!(
            "6 = TCP, because the socket is SOCK_STREAM"
        )),
        field_id::IPV4_SRC | field_id::IPV4_DST | field_id::IPV6_SRC | field_id::IPV6_DST => {
            address()
        }
        field_id::TCP_SRC_PORT | field_id::TCP_DST_PORT => address(),
        field_id::IPV4_DSCP | field_id::IPV6_DSCP => {
            Origin::predicted(t!("socket default: no IP_TOS set"))
        }
        field_id::IPV4_ECN | field_id::IPV6_ECN => Origin::predicted(t!(
            "ECT(0) on data segments once both ends agreed on ECN in the handshake, else 0"
        )),
        field_id::IPV4_IHL => Origin::predicted(t!("the kernel adds no IPv4 options to TCP")),
        field_id::IPV4_TOTAL_LENGTH | field_id::IPV6_PAYLOAD_LENGTH | field_id::TCP_DATA_OFFSET => {
            Origin::predicted(t!("computed by etherparse from the headers and the data"))
        }
        field_id::IPV4_CHECKSUM | field_id::TCP_CHECKSUM => Origin::predicted(t!(
            "computed by etherparse, checked by stackviz below"
        )),
        field_id::TCP_RESERVED => Origin::protocol(t!("RFC 9293: always 0")),
        field_id::TCP_URGENT => Origin::protocol(t!("0: no urgent data (URG is not set)")),
        id if id.starts_with("tcp.flags.") => Origin::predicted(segment.why),
        field_id::APP_DATA => Origin::observed(t!(
            "the bytes given to send(); the server's recv() returned the same bytes"
        )),
        // Every option id starts with the id of an unknown option, `tcp.option`.
        _ if from_saved_syn && id.starts_with(field_id::TCP_OPT_OTHER) => Origin::observed(t!(
            "read from the client's SYN as the server received it (TCP_SAVED_SYN)"
        )),
        field_id::TCP_OPT_MSS => Origin::predicted(t!(
            "the MTU of the interface minus the IP and TCP headers (at most 65,535 - 40 for IPv4)"
        )),
        field_id::TCP_OPT_WSCALE => Origin::observed(t!(
            "the scale TCP_INFO reports for this end (tcpi_rcv_wscale)"
        )),
        field_id::TCP_OPT_TIMESTAMPS | field_id::TCP_OPT_TSVAL => Origin::predicted(t!(
            "the sender's timestamp clock, read with TCP_TIMESTAMP just after the call that sent it"
        )),
        field_id::TCP_OPT_TSECR => Origin::predicted(t!(
            "echoes the last TSval this end received from its peer (RFC 7323)"
        )),
        field_id::TCP_OPT_SACK_PERM | field_id::TCP_OPT_NOP => Origin::predicted(t!(
            "Linux's option layout for this segment, decided by the sysctls and what the handshake agreed"
        )),
        _ => return None,
    })
}
