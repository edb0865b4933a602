//! The smaller errors `Error` wraps (a capture that could not open, bad hex)
//! and the facts its messages name (the process holding a port, the
//! capability hint), kept beside it so the error room imports nothing above
//! it: net/, input and send use them from here.

use std::io;

use crate::t;

/// Why no capture could be opened. (`Display` is written by hand so the
/// sentences can go through `t!`.)
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    NoPermission {
        interface: String,
    },
    NoInterface(String),
    Other {
        interface: String,
        source: io::Error,
    },
}

impl std::fmt::Display for CaptureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            CaptureError::NoPermission { interface } => {
                t!(
                    "capturing on {interface} needs root or CAP_NET_RAW",
                    interface
                )
            }
            CaptureError::NoInterface(name) => t!("no interface named {name}", name),
            CaptureError::Other { interface, source } => {
                t!(
                    "cannot capture on {interface}: {source}",
                    interface,
                    source = crate::i18n::os::describe(source)
                )
            }
        };
        f.write_str(&text)
    }
}

/// Why a hex string could not be read. (`Display` is written by hand so
/// the sentences can go through `t!`.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    NotHex { found: char, position: usize },
    OddDigits { digits: usize },
    Empty,
}

impl std::fmt::Display for HexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HexError::NotHex { found, position } => f.write_str(&t!(
                "{found} at position {position} is not a hex digit",
                found = format!("{found:?}"),
                position
            )),
            HexError::OddDigits { digits } => f.write_str(&t!(
                "odd number of hex digits ({digits}): every byte needs two",
                digits
            )),
            HexError::Empty => f.write_str(t!("no hex digits given")),
        }
    }
}

/// The process bound to a UDP port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    /// /proc/PID/comm, e.g. `stackviz` or `python3`.
    pub command: String,
    /// True when the process is `stackviz recv`.
    pub stackviz_recv: bool,
}

/// The hint for a capture without permission, naming the binary that runs
/// (it may not be on PATH: `target/debug/stackviz`, `cargo run`).
pub fn capture_hint() -> String {
    match std::env::current_exe() {
        Ok(path) => t!(
            "run as root (sudo), or allow it once: sudo setcap cap_net_raw+ep {path}",
            path = shell_quote(&path.display().to_string())
        ),
        Err(_) => t!("run as root (sudo), or allow it once: sudo setcap cap_net_raw+ep \"$(command -v stackviz)\"").into(),
    }
}

/// `text` as one shell word: bare when only safe characters, else in single quotes.
fn shell_quote(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
