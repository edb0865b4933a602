//! The ladder diagram as data: two columns (the two ends of a TCP
//! connection, named address:port since on loopback both are 127.0.0.1),
//! one arrow per segment, and beside the columns the socket calls and the
//! TCP state each end was in after them. Filled by the TCP session from
//! what was observed; drawn by `render::ladder` (terminal) and the HTML
//! report (SVG). No renderer here.

use std::time::Duration;

/// One end of the connection: the left column (the client, which opens)
/// or the right one (the server, which listens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Left,
    Right,
}

impl End {
    pub fn other(self) -> End {
        match self {
            End::Left => End::Right,
            End::Right => End::Left,
        }
    }
}

/// The diagram: its two columns and its rows, top to bottom in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ladder {
    /// The left column's title, e.g. `client 127.0.0.1:41234`.
    pub left: String,
    /// The right column's title, e.g. `server 127.0.0.1:15001`.
    pub right: String,
    pub rows: Vec<LadderRow>,
}

/// One row of the diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LadderRow {
    /// A segment crossing from one column to the other.
    Segment(Arrow),
    /// A socket call made at one end, with what it returned, e.g.
    /// `connect()` / `0`.
    Call {
        end: End,
        call: String,
        result: String,
        /// Time since the run started, when measured.
        at: Option<Duration>,
    },
    /// The TCP state one end was in from here on (read from TCP_INFO after
    /// a call, or inferred from the segments and said so by the caller),
    /// e.g. `ESTABLISHED`.
    State { end: End, state: String },
}

/// One segment as an arrow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrow {
    /// The segment's number in the run, 1 for the first (what `--segment N`
    /// names and what the HTML hover links to).
    pub number: usize,
    pub from: End,
    /// The flags set, as tcpdump and Wireshark list them, e.g. `SYN, ACK`.
    pub flags: String,
    /// Sequence number relative to the sender's ISN (0 for the SYN).
    pub seq: u32,
    /// Acknowledgment number relative to the receiver's ISN; `None` when
    /// ACK is not set.
    pub ack: Option<u32>,
    /// The absolute sequence number as on the wire.
    pub seq_absolute: u32,
    /// The absolute acknowledgment number as on the wire (ACK set).
    pub ack_absolute: Option<u32>,
    /// Bytes of data the segment carries.
    pub length: usize,
    /// The window field as sent (raw, before any scaling).
    pub window: u16,
    /// The window in bytes after the sender's scale (`None` on a SYN, where
    /// the window is never scaled, or when the scale is not known).
    pub window_bytes: Option<u32>,
    /// Time since the run started, when known.
    pub at: Option<Duration>,
    /// Sent but never seen arriving (a capture at both ends said so).
    pub lost: bool,
    /// Carries data (or a SYN/FIN) already sent once.
    pub retransmission: bool,
    /// Whether this arrow was caught off the wire or only predicted.
    pub observed: bool,
}
