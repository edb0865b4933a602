//! `send --tcp --count N --format json` (schema `stackviz.flow/1`): TCP's
//! flow control as data: the stream check, the sender's time in send(),
//! the TCP_INFO samples of both sockets, the moments the window was 0 and,
//! with capture, every zero window, zero-window probe, window update and
//! retransmission on the wire. Built from the flow report at this edge.

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use crate::flow::wire::{Event, Kind};
use crate::flow::{FlowReport, WireOutcome};
use crate::net::tcp_flow::{FlowInfo, FlowSample};

/// Bumped on any incompatible change; documented in docs/json.md.
pub const FLOW_SCHEMA: &str = "stackviz.flow/1";

pub fn render(report: &FlowReport, out: &mut impl Write) -> io::Result<()> {
    super::pretty(&FlowDoc::new(report), out)
}

/// Milliseconds with microsecond precision (no binary noise digits).
fn ms(d: Duration) -> f64 {
    d.as_micros() as f64 / 1000.0
}

#[derive(Serialize)]
struct FlowDoc {
    schema: &'static str,
    command: &'static str,
    client: String,
    server: String,
    count: u64,
    rate: u32,
    message_bytes: usize,
    rcvbuf: BufDoc,
    sndbuf: SndbufDoc,
    slow_receiver_ms: u128,
    interrupted: bool,
    intact: bool,
    sent: SentDoc,
    received: ReceivedDoc,
    transfer_ms: f64,
    delivery_ms: Option<DeliveryDoc>,
    client_final: Option<InfoDoc>,
    server_final: Option<InfoDoc>,
    window_zero: ZeroDoc,
    sample_every_ms: f64,
    samples: Vec<SampleDoc>,
    capture: CaptureDoc,
}

#[derive(Serialize)]
struct BufDoc {
    asked: usize,
    set: usize,
}

#[derive(Serialize)]
struct SndbufDoc {
    /// null: the kernel sized it.
    asked: Option<usize>,
    set: usize,
}

#[derive(Serialize)]
struct SentDoc {
    messages: u64,
    bytes: u64,
    crc32: String,
    send_calls: u64,
    send_calls_waited: u64,
    send_calls_timed_out: u64,
    in_send_ms: f64,
    sending_ms: f64,
    slowest_message_ms: f64,
    stalled: bool,
    error: Option<String>,
}

#[derive(Serialize)]
struct ReceivedDoc {
    messages_in_order: u64,
    bytes: u64,
    crc32: String,
    first_mismatch: Option<u64>,
    reads: u64,
    largest_read: usize,
    eof: bool,
    stalled: bool,
    error: Option<String>,
}

#[derive(Serialize)]
struct DeliveryDoc {
    first: f64,
    median: f64,
    slowest: f64,
    last: f64,
}

#[derive(Serialize)]
struct InfoDoc {
    snd_wnd: Option<u32>,
    rcv_wnd: Option<u32>,
    unacked: u32,
    probes: u8,
    rcv_space: u32,
    total_retrans: u32,
    dsack_dups: Option<u32>,
    bytes_acked: Option<u64>,
    bytes_received: Option<u64>,
    bytes_sent: Option<u64>,
    notsent_bytes: Option<u32>,
    busy_ms: Option<f64>,
    rwnd_limited_ms: Option<f64>,
    sndbuf_limited_ms: Option<f64>,
}

impl From<FlowInfo> for InfoDoc {
    fn from(i: FlowInfo) -> Self {
        let us = |v: Option<u64>| v.map(|v| v as f64 / 1000.0);
        InfoDoc {
            snd_wnd: i.snd_wnd,
            rcv_wnd: i.rcv_wnd,
            unacked: i.unacked,
            probes: i.probes,
            rcv_space: i.rcv_space,
            total_retrans: i.total_retrans,
            dsack_dups: i.dsack_dups,
            bytes_acked: i.bytes_acked,
            bytes_received: i.bytes_received,
            bytes_sent: i.bytes_sent,
            notsent_bytes: i.notsent,
            busy_ms: us(i.busy_us),
            rwnd_limited_ms: us(i.rwnd_limited_us),
            sndbuf_limited_ms: us(i.sndbuf_limited_us),
        }
    }
}

#[derive(Serialize)]
struct ZeroDoc {
    samples: usize,
    /// [from_ms, until_ms or null]
    stretches: Vec<(f64, Option<f64>)>,
}

#[derive(Serialize)]
struct SampleDoc {
    ms: f64,
    client: Option<ClientSampleDoc>,
    server: Option<ServerSampleDoc>,
    read: u64,
}

#[derive(Serialize)]
struct ClientSampleDoc {
    snd_wnd: Option<u32>,
    unacked: u32,
    bytes_acked: Option<u64>,
    notsent_bytes: Option<u32>,
    send_queue: Option<u32>,
    probes: u8,
}

#[derive(Serialize)]
struct ServerSampleDoc {
    rcv_wnd: Option<u32>,
    rcv_space: u32,
    bytes_received: Option<u64>,
    unread: Option<u32>,
}

impl From<&FlowSample> for SampleDoc {
    fn from(s: &FlowSample) -> Self {
        SampleDoc {
            ms: ms(s.at),
            client: s.client.map(|c| ClientSampleDoc {
                snd_wnd: c.snd_wnd,
                unacked: c.unacked,
                bytes_acked: c.bytes_acked,
                notsent_bytes: c.notsent,
                send_queue: s.client_queue,
                probes: c.probes,
            }),
            server: s.server.map(|v| ServerSampleDoc {
                rcv_wnd: v.rcv_wnd,
                rcv_space: v.rcv_space,
                bytes_received: v.bytes_received,
                unread: s.server_unread,
            }),
            read: s.read,
        }
    }
}

#[derive(Serialize)]
struct CaptureDoc {
    /// "off", "unavailable" or "caught".
    status: &'static str,
    reason: Option<String>,
    client_window_scale: Option<u8>,
    server_window_scale: Option<u8>,
    segments: usize,
    zero_windows: u64,
    zero_window_probes: u64,
    window_updates: u64,
    retransmissions: u64,
    data_bytes: u64,
    truncated: bool,
    /// Every segment that is not plain data or a plain ACK.
    events: Vec<EventDoc>,
}

#[derive(Serialize)]
struct EventDoc {
    ms: f64,
    from: &'static str,
    seq: u32,
    ack: u32,
    len: u32,
    window: u64,
    kind: &'static str,
}

fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Data => "data",
        Kind::Retransmission => "retransmission",
        Kind::ZeroWindowProbe => "zero_window_probe",
        Kind::ZeroWindow => "zero_window",
        Kind::WindowUpdate => "window_update",
        Kind::Other => "other",
    }
}

impl From<&Event> for EventDoc {
    fn from(e: &Event) -> Self {
        EventDoc {
            ms: ms(e.at),
            from: if e.from_client { "client" } else { "server" },
            seq: e.seq,
            ack: e.ack,
            len: e.len,
            window: e.window,
            kind: kind_key(e.kind),
        }
    }
}

impl CaptureDoc {
    fn new(wire: &WireOutcome) -> Self {
        let mut doc = CaptureDoc {
            status: "off",
            reason: None,
            client_window_scale: None,
            server_window_scale: None,
            segments: 0,
            zero_windows: 0,
            zero_window_probes: 0,
            window_updates: 0,
            retransmissions: 0,
            data_bytes: 0,
            truncated: false,
            events: Vec::new(),
        };
        match wire {
            WireOutcome::Off => {}
            WireOutcome::Unavailable { reason, .. } => {
                doc.status = "unavailable";
                doc.reason = Some(reason.clone());
            }
            WireOutcome::Caught(w) => {
                doc.status = "caught";
                doc.client_window_scale = w.client_scale;
                doc.server_window_scale = w.server_scale;
                doc.segments = w.events.len();
                doc.zero_windows = w.zero_windows;
                doc.zero_window_probes = w.probes;
                doc.window_updates = w.window_updates;
                doc.retransmissions = w.retransmissions;
                doc.data_bytes = w.data_bytes;
                doc.truncated = w.truncated;
                doc.events = w
                    .events
                    .iter()
                    .filter(|e| !matches!(e.kind, Kind::Data | Kind::Other))
                    .map(EventDoc::from)
                    .collect();
            }
        }
        doc
    }
}

impl FlowDoc {
    fn new(r: &FlowReport) -> Self {
        let o = &r.observed;
        let s = &o.sending;
        let st = &o.stream;
        FlowDoc {
            schema: FLOW_SCHEMA,
            command: "send",
            client: o.client.to_string(),
            server: o.server.to_string(),
            count: r.request.count,
            rate: r.request.rate,
            message_bytes: o.message_bytes,
            rcvbuf: BufDoc {
                asked: o.rcvbuf_asked,
                set: o.rcvbuf_set,
            },
            sndbuf: SndbufDoc {
                asked: o.sndbuf_asked,
                set: o.sndbuf_set,
            },
            slow_receiver_ms: r.request.pause.as_millis(),
            interrupted: s.interrupted,
            intact: r.intact,
            sent: SentDoc {
                messages: s.messages,
                bytes: s.bytes,
                crc32: format!("{:08x}", s.crc32),
                send_calls: s.calls,
                send_calls_waited: s.calls_waited,
                send_calls_timed_out: s.calls_timed_out,
                in_send_ms: ms(s.in_send),
                sending_ms: ms(s.sending),
                slowest_message_ms: ms(s.longest_message),
                stalled: s.stalled,
                error: s.error.clone(),
            },
            received: ReceivedDoc {
                messages_in_order: st.messages_in_order,
                bytes: st.bytes,
                crc32: format!("{:08x}", st.crc32),
                first_mismatch: st.first_mismatch,
                reads: st.reads,
                largest_read: st.largest_read,
                eof: st.eof,
                stalled: o.reader_stalled,
                error: st.error.clone(),
            },
            transfer_ms: ms(o.transfer),
            delivery_ms: r.delivery.map(|d| DeliveryDoc {
                first: ms(d.first),
                median: ms(d.median),
                slowest: ms(d.longest),
                last: ms(d.last),
            }),
            client_final: o.client_final.map(Into::into),
            server_final: o.server_final.map(Into::into),
            window_zero: ZeroDoc {
                samples: r.zero_samples,
                stretches: r
                    .zero_stretches
                    .iter()
                    .map(|z| (ms(z.from), z.until.map(ms)))
                    .collect(),
            },
            sample_every_ms: ms(o.sample_every),
            samples: o.samples.iter().map(SampleDoc::from).collect(),
            capture: CaptureDoc::new(&r.wire),
        }
    }
}
