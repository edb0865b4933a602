//! The session room: what one run of a command did, as data. A run is a
//! [`Trace`]: the socket calls and the frames, in the order they happened,
//! each frame with what stackviz built, what the capture caught and how the
//! two compare. Views draw a trace; this room imports no renderer.

pub mod decode_trace;
pub mod ladder;
pub mod plan;
pub mod recv_trace;
pub mod send_trace;
pub mod trace;

pub use trace::{
    Built, DecodedView, Delivered, Direction, EventKind, FrameEvent, Piece, Read, Trace,
};
