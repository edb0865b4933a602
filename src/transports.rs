//! `send --compare-transports` as data: one real UDP exchange and one real
//! TCP connection carrying the same message, reduced to what a learner
//! compares: how many packets, how many bytes of IP and of Ethernet frames,
//! how many of them headers, the round trips before the first byte of data
//! is delivered, and what each socket call returned. No printing here.

use crate::model::{Dissection, LayerKind};
use crate::net::exchange::{Delivery, Side};
use crate::net::tcp_exchange::Peer;
use crate::send::{CaptureOutcome, SendReport};
use crate::tcp::TcpReport;

/// One packet of either exchange, sized from the frame stackviz built for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packet {
    /// True when the end that sends the message sent it (UDP sender, TCP client).
    pub from_sender: bool,
    /// `UDP`, or the TCP flags (`SYN, ACK`).
    pub what: String,
    /// The IP packet's total length.
    pub ip_length: usize,
    /// The Ethernet II frame as built: header, packet, padding to 60, FCS.
    pub frame_length: usize,
    /// Bytes of application data in it.
    pub data_length: usize,
    /// The IP header and the transport header (options included), in bytes.
    pub ip_header: usize,
    pub transport_header: usize,
}

/// One socket call: which end, which call, what it returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallResult {
    /// `sender`/`receiver` (UDP) or `client`/`server` (TCP).
    pub end: &'static str,
    pub call: String,
    pub result: String,
}

/// One transport's side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transport {
    pub packets: Vec<Packet>,
    pub calls: Vec<CallResult>,
    /// Bytes the receiving program got.
    pub delivered: usize,
    /// Whether a capture ran and how many built fields differed from it
    /// without explanation (`None`: no capture).
    pub unexpected: Option<usize>,
}

impl Transport {
    pub fn data_packets(&self) -> usize {
        self.packets.iter().filter(|p| p.data_length > 0).count()
    }
    pub fn ip_bytes(&self) -> usize {
        self.packets.iter().map(|p| p.ip_length).sum()
    }
    pub fn frame_bytes(&self) -> usize {
        self.packets.iter().map(|p| p.frame_length).sum()
    }
    /// IP bytes that are not application data: every header of every packet.
    pub fn header_bytes(&self) -> usize {
        self.ip_bytes() - self.packets.iter().map(|p| p.data_length).sum::<usize>()
    }
    /// The first packet that carries data.
    pub fn first_data(&self) -> Option<&Packet> {
        self.packets.iter().find(|p| p.data_length > 0)
    }
    /// Round trips before the first byte of data can leave: each packet the
    /// receiving end sent before it is an answer the sender waited for
    /// (TCP's SYN,ACK); UDP's first packet is its data.
    pub fn round_trips_before_data(&self) -> usize {
        self.packets
            .iter()
            .take_while(|p| p.data_length == 0)
            .filter(|p| !p.from_sender)
            .count()
    }
    /// Calls made by `end`.
    pub fn calls_of(&self, end: &str) -> usize {
        self.calls.iter().filter(|c| c.end == end).count()
    }
}

/// Both transports and the message they carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportComparison {
    pub message: usize,
    pub udp: Transport,
    pub tcp: Transport,
}

/// Sizes of one built frame from its dissection.
fn sizes(dissection: &Dissection, frame_length: usize) -> (usize, usize, usize, usize) {
    let layer = |kind| dissection.layers.iter().find(|l| l.layer == kind);
    let network = layer(LayerKind::Network);
    let transport = layer(LayerKind::Transport);
    let data = layer(LayerKind::Application).map_or(0, |l| l.pdu_length);
    (
        network.map_or(0, |l| l.pdu_length),
        network.map_or(0, |l| l.header.length),
        transport.map_or(0, |l| l.header.length),
        data.min(frame_length),
    )
}

fn unexpected(capture: &CaptureOutcome, count: usize) -> Option<usize> {
    matches!(capture, CaptureOutcome::Caught(_)).then_some(count)
}

/// Reduces the two real runs to the comparison.
pub fn compare(udp: &SendReport, tcp: &TcpReport) -> TransportComparison {
    let (ip_length, ip_header, transport_header, data_length) =
        sizes(&udp.dissection, udp.frame.bytes.len());
    let udp_side = Transport {
        packets: vec![Packet {
            from_sender: true,
            what: "UDP".into(),
            ip_length,
            frame_length: udp.frame.bytes.len(),
            data_length,
            ip_header,
            transport_header,
        }],
        calls: udp
            .exchange
            .calls
            .iter()
            .map(|c| CallResult {
                end: match c.side {
                    Side::Sender => "sender",
                    Side::Receiver => "receiver",
                },
                call: c.call.clone(),
                result: c.result.clone(),
            })
            .collect(),
        delivered: match udp.delivery {
            Some(Delivery::Received) => udp.exchange.received.as_ref().map_or(0, |r| r.data.len()),
            _ => 0,
        },
        unexpected: unexpected(&udp.capture, udp.unexpected_differences()),
    };
    let tcp_side = Transport {
        packets: tcp
            .segments
            .iter()
            .map(|s| {
                let (ip_length, ip_header, transport_header, _) =
                    sizes(&s.dissection, s.bytes.len());
                Packet {
                    from_sender: s.predicted.from == Peer::Client,
                    what: s.predicted.flags.names(),
                    ip_length,
                    frame_length: s.bytes.len(),
                    data_length: s.predicted.data.len(),
                    ip_header,
                    transport_header,
                }
            })
            .collect(),
        calls: tcp
            .exchange
            .calls
            .iter()
            .map(|c| CallResult {
                end: match c.peer {
                    Peer::Client => "client",
                    Peer::Server => "server",
                },
                call: c.call.clone(),
                result: c.result.clone(),
            })
            .collect(),
        delivered: tcp.exchange.received.len(),
        unexpected: unexpected(&tcp.capture, tcp.unexpected_differences()),
    };
    TransportComparison {
        message: udp.spec.payload.len(),
        udp: udp_side,
        tcp: tcp_side,
    }
}
