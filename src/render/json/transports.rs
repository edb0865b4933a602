//! `send --compare-transports --format json` (schema
//! `stackviz.compare-transports/1`, docs/json.md): both transports' numbers
//! and every packet and call behind them.

use std::io::{self, Write};

use serde::Serialize;

use super::pretty;
use crate::transports::{CallResult, Packet, Transport, TransportComparison};

/// Bumped on any incompatible change; documented in docs/json.md.
pub const SCHEMA: &str = "stackviz.compare-transports/1";

#[derive(Serialize)]
struct PacketDoc<'a> {
    from: &'static str,
    what: &'a str,
    ip_length: usize,
    ip_header: usize,
    transport_header: usize,
    data_length: usize,
    frame_length: usize,
}

#[derive(Serialize)]
struct CallDoc<'a> {
    end: &'static str,
    call: &'a str,
    result: &'a str,
}

impl<'a> From<&'a CallResult> for CallDoc<'a> {
    fn from(c: &'a CallResult) -> Self {
        CallDoc {
            end: c.end,
            call: &c.call,
            result: &c.result,
        }
    }
}

#[derive(Serialize)]
struct TransportDoc<'a> {
    packets: Vec<PacketDoc<'a>>,
    packet_count: usize,
    data_packets: usize,
    ip_bytes: usize,
    frame_bytes: usize,
    header_bytes: usize,
    round_trips_before_data: usize,
    calls: Vec<CallDoc<'a>>,
    delivered: usize,
    unexpected: Option<usize>,
}

fn transport<'a>(side: &'a Transport, ends: (&'static str, &'static str)) -> TransportDoc<'a> {
    let packet = |p: &'a Packet| PacketDoc {
        from: if p.from_sender { ends.0 } else { ends.1 },
        what: &p.what,
        ip_length: p.ip_length,
        ip_header: p.ip_header,
        transport_header: p.transport_header,
        data_length: p.data_length,
        frame_length: p.frame_length,
    };
    TransportDoc {
        packets: side.packets.iter().map(packet).collect(),
        packet_count: side.packets.len(),
        data_packets: side.data_packets(),
        ip_bytes: side.ip_bytes(),
        frame_bytes: side.frame_bytes(),
        header_bytes: side.header_bytes(),
        round_trips_before_data: side.round_trips_before_data(),
        calls: side.calls.iter().map(CallDoc::from).collect(),
        delivered: side.delivered,
        unexpected: side.unexpected,
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    message_bytes: usize,
    udp: TransportDoc<'a>,
    tcp: TransportDoc<'a>,
    conclusion: String,
}

pub fn render(c: &TransportComparison, out: &mut impl Write) -> io::Result<()> {
    pretty(
        &Document {
            schema: SCHEMA,
            message_bytes: c.message,
            udp: transport(&c.udp, ("sender", "receiver")),
            tcp: transport(&c.tcp, ("client", "server")),
            conclusion: crate::render::transports::conclusion(c),
        },
        out,
    )
}
