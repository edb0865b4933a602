//! Every way a run can fail, with the context a user needs, the hint that
//! fixes it, and whether it was bad usage (exit 2) or a failed run (exit 1).

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the payload is {length} bytes; a UDP datagram carries at most 65507 over IPv4 (65527 over IPv6)")]
    PayloadTooLarge { length: usize },
    #[error("cannot read {path}: {source}")]
    ReadFile { path: PathBuf, source: io::Error },
    #[error("{what} is empty: there is nothing to send")]
    EmptyPayload { what: String },
    #[error("cannot read standard input: {0}")]
    ReadStdin(io::Error),
    #[error("{addr} is already in use (another socket is bound to port {port})")]
    PortInUse { addr: SocketAddr, port: u16 },
    #[error("cannot bind {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("no route to {addr}: {source}")]
    NoRoute { addr: SocketAddr, source: io::Error },
    #[error("{call} failed: {source}")]
    Socket { call: String, source: io::Error },
    #[error("no datagram arrived at {addr} within {seconds} s")]
    Timeout { addr: SocketAddr, seconds: f64 },
    #[error("MTU {mtu} is below the minimum of {minimum} for this IP version")]
    MtuTooSmall { mtu: usize, minimum: usize },
    #[error("the source and destination addresses are of different families (IPv4 and IPv6)")]
    MixedFamilies,
    #[error("cannot write the output: {0}")]
    Output(io::Error),
    #[error("{0}")]
    Capture(crate::net::capture::CaptureError),
    #[error("{what}: {source}")]
    BadHex {
        what: String,
        source: crate::input::HexError,
    },
    #[error("{path}: {message}")]
    BadCapture { path: PathBuf, message: String },
    #[error("{path} is neither a pcap/pcapng file nor hex text")]
    NotACapture { path: PathBuf },
    #[error("{path} already exists")]
    OutputExists { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    WriteFile { path: PathBuf, source: io::Error },
}

impl Error {
    /// A line that tells the user how to fix it, where there is one.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::PayloadTooLarge { .. } => Some(
                "65535 (IPv4 total length) - 20 (IPv4 header) - 8 (UDP header) = 65507; send less"
                    .into(),
            ),
            Error::ReadFile { .. } => Some("check the path and its permissions".into()),
            Error::EmptyPayload { .. } => {
                Some("give a message, e.g. stackviz send \"Hello!!\"".into())
            }
            Error::PortInUse { .. } => {
                Some("pick another port (--port N, or the port in --from/--bind), or 0 to let the OS choose: --port 0".into())
            }
            Error::Bind { .. } => {
                Some("bind to an address this host has (127.0.0.1, or see `ip addr`)".into())
            }
            Error::NoRoute { .. } => {
                Some("check the address and `ip route`; try --to 127.0.0.1:15001".into())
            }
            Error::Timeout { .. } => Some(
                "is the receiver running and reachable? raise the wait with --timeout SECONDS"
                    .into(),
            ),
            Error::Capture(crate::net::capture::CaptureError::NoPermission { .. }) => {
                Some(crate::send::CAPTURE_HINT.into())
            }
            Error::Capture(_) => Some("use --capture off to run without capturing".into()),
            Error::BadHex { .. } => {
                Some("give hex bytes such as \"45 00 00 1c\", a .pcap/.pcapng file, or - for standard input".into())
            }
            Error::NotACapture { .. } => Some("give a .pcap or .pcapng file, or hex text".into()),
            Error::BadCapture { .. } => {
                Some("frames read before the problem were shown; the file itself is damaged or cut short".into())
            }
            Error::MtuTooSmall { .. } => {
                Some("IPv4 needs at least 68 (RFC 791), IPv6 at least 1280 (RFC 8200)".into())
            }
            Error::OutputExists { .. } => {
                Some("add --force to overwrite it, or choose another name".into())
            }
            _ => None,
        }
    }

    /// 2 for bad usage (the input was wrong), 1 for a run that failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::PayloadTooLarge { .. }
            | Error::ReadFile { .. }
            | Error::EmptyPayload { .. }
            | Error::ReadStdin(_)
            | Error::MixedFamilies
            | Error::MtuTooSmall { .. }
            | Error::OutputExists { .. }
            | Error::BadHex { .. }
            | Error::NotACapture { .. } => 2,
            _ => 1,
        }
    }
}
