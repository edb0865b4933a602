//! The JSON Lines `recv --summary` adds to `stackviz.recv/1` (one short
//! line per datagram, and where the kernel dropped some), and the line full
//! detail adds when datagrams queued up while one was drawn.

use std::net::SocketAddr;

use serde::Serialize;

use crate::model::to_hex;
use crate::recv::Backlog;
use crate::recv_summary::{Brief, SummaryEvent};

#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum SummaryEventDoc {
    Brief {
        schema: &'static str,
        kind: &'static str,
        number: usize,
        seconds: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<SocketAddr>,
        length: usize,
        data: String,
        truncated: bool,
    },
    Dropped {
        schema: &'static str,
        kind: &'static str,
        dropped: u64,
        total: u64,
    },
}

impl SummaryEventDoc {
    pub(super) fn new(schema: &'static str, event: &SummaryEvent<'_>) -> Self {
        match *event {
            SummaryEvent::Datagram(
                b @ Brief {
                    number,
                    seconds,
                    from,
                    length,
                    data,
                },
            ) => SummaryEventDoc::Brief {
                schema,
                kind: "brief",
                number,
                seconds,
                from,
                length,
                data: to_hex(data),
                truncated: b.truncated(),
            },
            SummaryEvent::Dropped { dropped, total } => SummaryEventDoc::Dropped {
                schema,
                kind: "dropped",
                dropped,
                total,
            },
        }
    }
}

#[derive(Serialize)]
pub(super) struct BacklogDoc {
    schema: &'static str,
    kind: &'static str,
    next: usize,
    queued_bytes: u64,
    dropped: u64,
    total_dropped: u64,
}

impl BacklogDoc {
    pub(super) fn new(schema: &'static str, b: &Backlog) -> Self {
        BacklogDoc {
            schema,
            kind: "backlog",
            next: b.next,
            queued_bytes: b.queued_bytes,
            dropped: b.dropped,
            total_dropped: b.total_dropped,
        }
    }
}
