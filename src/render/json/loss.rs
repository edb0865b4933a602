//! `send --count N --format json` (schema `stackviz.loss/1`): which numbered
//! datagrams arrived and which were lost, the socket's drop counter, the
//! host's UDP counters and the equation, as data. Built from the loss
//! report at this edge.

use std::io::{self, Write};

use serde::Serialize;

use crate::loss::{LossReport, Range};
use crate::net::snmp::UdpCounters;

/// Bumped on any incompatible change; documented in docs/json.md.
pub const LOSS_SCHEMA: &str = "stackviz.loss/1";

pub fn render(report: &LossReport, out: &mut impl Write) -> io::Result<()> {
    super::pretty(&LossDoc::new(report), out)
}

#[derive(Serialize)]
struct LossDoc {
    schema: &'static str,
    command: &'static str,
    sender: String,
    receiver: String,
    count: u64,
    rate: u32,
    datagram_bytes: usize,
    rcvbuf: RcvbufDoc,
    slow_receiver_ms: Option<u128>,
    interrupted: bool,
    sent: u64,
    send_failures: u64,
    send_error: Option<String>,
    received: u64,
    dropped: Option<u64>,
    balanced: bool,
    lost: u64,
    arrived_ranges: Vec<Range>,
    lost_ranges: Vec<Range>,
    out_of_order: Vec<u64>,
    duplicates: Vec<u64>,
    foreign: u64,
    host_udp: HostDoc,
    seconds: SecondsDoc,
}

#[derive(Serialize)]
struct RcvbufDoc {
    asked: usize,
    set: usize,
}

#[derive(Serialize)]
struct HostDoc {
    before: Option<CountersDoc>,
    after: Option<CountersDoc>,
    difference: Option<CountersDoc>,
}

#[derive(Serialize)]
struct CountersDoc {
    in_datagrams: u64,
    rcvbuf_errors: u64,
    in_errors: u64,
}

impl From<UdpCounters> for CountersDoc {
    fn from(c: UdpCounters) -> Self {
        CountersDoc {
            in_datagrams: c.in_datagrams,
            rcvbuf_errors: c.rcvbuf_errors,
            in_errors: c.in_errors,
        }
    }
}

#[derive(Serialize)]
struct SecondsDoc {
    sending: f64,
    total: f64,
}

impl LossDoc {
    fn new(r: &LossReport) -> Self {
        let o = &r.observed;
        LossDoc {
            schema: LOSS_SCHEMA,
            command: "send",
            sender: o.sender.to_string(),
            receiver: o.receiver.to_string(),
            count: r.request.count,
            rate: r.request.rate,
            datagram_bytes: o.datagram_bytes,
            rcvbuf: RcvbufDoc {
                asked: o.rcvbuf_asked,
                set: o.rcvbuf_set,
            },
            slow_receiver_ms: r.request.slow_receiver.map(|d| d.as_millis()),
            interrupted: o.interrupted,
            sent: r.sent,
            send_failures: o.failed.len() as u64,
            send_error: o.first_error.clone(),
            received: r.received,
            dropped: r.dropped(),
            balanced: r.balanced(),
            lost: r.lost_count,
            arrived_ranges: r.arrived.clone(),
            lost_ranges: r.lost.clone(),
            out_of_order: r.out_of_order.clone(),
            duplicates: r.duplicates.clone(),
            foreign: o.foreign,
            host_udp: HostDoc {
                before: o.before.map(Into::into),
                after: o.after.map(Into::into),
                difference: r.host_difference().map(Into::into),
            },
            seconds: SecondsDoc {
                sending: o.sending.as_secs_f64(),
                total: o.total.as_secs_f64(),
            },
        }
    }
}
