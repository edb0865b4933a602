//! The capture vocabulary `send` and `recv` share without importing each
//! other: whether to capture, and a frame caught off the wire with its
//! dissection.

use std::time::Duration;

use crate::model::Dissection;

/// Whether a command captures its own frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureMode {
    /// Capture when permitted; say why not otherwise.
    Auto,
    /// Capture or fail.
    On,
    Off,
}

/// A captured frame and its dissection.
#[derive(Debug, Clone)]
pub struct CapturedDissection {
    pub bytes: Vec<u8>,
    pub dissection: Dissection,
    pub read_at: Duration,
}
