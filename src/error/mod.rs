//! Every way a run can fail, with the context a user needs, the hint that
//! fixes it, and whether it was bad usage (exit 2) or a failed run (exit 1).
//!
//! thiserror derives `std::error::Error` (and so `source()`) only: with no
//! `#[error("...")]` attribute on any variant it leaves `Display` to the
//! hand-written impl below, whose sentences go through `t!` so they can be
//! read in the user's language.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::i18n::os::describe as os;
use crate::t;

mod causes;
pub use causes::{capture_hint, CaptureError, HexError, Holder};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    PayloadTooLarge {
        length: usize,
    },
    /// Over IPv6: a different limit, and different arithmetic.
    PayloadTooLargeV6 {
        length: usize,
    },
    ReadFile {
        path: PathBuf,
        source: io::Error,
    },
    EmptyPayload {
        what: EmptyInput,
    },
    ReadStdin(io::Error),
    PortInUse {
        addr: SocketAddr,
        port: u16,
        /// The option that chose the address, so the hint can name it.
        option: PortOption,
        /// The process bound there, when /proc says.
        holder: Option<Holder>,
    },
    Bind {
        addr: SocketAddr,
        source: io::Error,
    },
    NoRoute {
        addr: SocketAddr,
        source: io::Error,
    },
    Socket {
        call: String,
        source: io::Error,
    },
    Timeout {
        addr: SocketAddr,
        seconds: f64,
    },
    MtuTooSmall {
        mtu: usize,
        minimum: usize,
    },
    MixedFamilies,
    Output(io::Error),
    Capture(CaptureError),
    BadHex {
        what: String,
        source: HexError,
    },
    BadCapture {
        path: PathBuf,
        message: String,
    },
    NotACapture {
        path: PathBuf,
    },
    OutputExists {
        path: PathBuf,
    },
    WriteFile {
        path: PathBuf,
        source: io::Error,
    },
    /// `decode`: the input named a file that is not there.
    NoSuchFile {
        path: PathBuf,
    },
    /// `decode`: the input named a directory.
    IsDirectory {
        path: PathBuf,
    },
    /// `decode`: the file or standard input held nothing to decode.
    NoFrames {
        what: EmptyInput,
    },
    /// An output path (--pcap, --html) stackviz must not or cannot write,
    /// found before the run.
    OutputRefused {
        path: PathBuf,
        problem: OutputProblem,
    },
    /// Two output options name one file.
    SameOutput {
        first: String,
        second: String,
        path: PathBuf,
    },
    /// `stackviz lab`: a namespace, link or qdisc could not be made or
    /// read; both sentences are already in the user's language.
    Lab {
        message: String,
        hint: String,
        usage: bool,
    },
}

/// Why an output path was refused (see `output::plan`).
#[derive(Debug)]
pub enum OutputProblem {
    Empty,
    Directory,
    Symlink {
        target: PathBuf,
    },
    BlockDevice,
    Socket,
    NoDirectory {
        dir: PathBuf,
    },
    ParentNotDirectory {
        dir: PathBuf,
    },
    DirectoryNotWritable {
        dir: PathBuf,
        source: io::Error,
    },
    NotWritable {
        source: io::Error,
    },
    Unreadable {
        source: io::Error,
    },
    /// Something other than a regular file appeared at the path during the run.
    Changed,
}

impl fmt::Display for OutputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            OutputProblem::Empty => t!("the path is empty").to_string(),
            OutputProblem::Directory => t!("it is a directory").to_string(),
            OutputProblem::Symlink { target } => t!(
                "it is a symbolic link (to {target}); stackviz does not write through links",
                target = target.display()
            ),
            OutputProblem::BlockDevice => {
                t!("it is a block device; writing there would destroy its contents").to_string()
            }
            OutputProblem::Socket => t!("it is a socket").to_string(),
            OutputProblem::NoDirectory { dir } => {
                t!("the directory {dir} does not exist", dir = dir.display())
            }
            OutputProblem::ParentNotDirectory { dir } => {
                t!("{dir} is not a directory", dir = dir.display())
            }
            OutputProblem::DirectoryNotWritable { dir, source } => t!(
                "cannot create a file in {dir}: {source}",
                dir = dir.display(),
                source = os(source)
            ),
            OutputProblem::NotWritable { source } => t!("cannot open it for writing: {source}", source = os(source)),
            OutputProblem::Unreadable { source } => t!("cannot look at it: {source}", source = os(source)),
            OutputProblem::Changed => t!(
                "something other than a regular file appeared there during the run; it was left alone"
            )
            .to_string(),
        };
        f.write_str(&text)
    }
}

/// The command-line option that gave a bound address its port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortOption {
    /// `send --port` (the embedded receiver, or `--no-receiver`'s check).
    Port,
    /// `send --from`.
    From,
    /// `recv --bind`.
    Bind,
}

/// What turned out to hold no bytes to send (or decode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmptyInput {
    /// The message given on the command line.
    Message,
    Stdin,
    File(PathBuf),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Error::Lab { message, .. } => message.clone(),
            Error::PayloadTooLarge { length } => t!(
                "the payload is {length} bytes; a UDP datagram carries at most 65507 over IPv4 (65527 over IPv6)",
                length
            ),
            Error::PayloadTooLargeV6 { length } => t!(
                "the payload is {length} bytes; a UDP datagram carries at most 65527 over IPv6",
                length
            ),
            Error::ReadFile { path, source } => {
                t!("cannot read {path}: {source}", path = path.display(), source = os(source))
            }
            Error::EmptyPayload { what } => match what {
                EmptyInput::Message => {
                    return f.write_str(t!("the message is empty: there is nothing to send"))
                }
                EmptyInput::Stdin => {
                    return f.write_str(t!("standard input is empty: there is nothing to send"))
                }
                EmptyInput::File(path) => t!(
                    "{path} is empty: there is nothing to send",
                    path = path.display()
                ),
            },
            Error::ReadStdin(source) => t!("cannot read standard input: {source}", source = os(source)),
            Error::PortInUse {
                addr,
                port,
                holder: Some(holder),
                ..
            } if holder.stackviz_recv => t!(
                "{addr} is already in use: stackviz recv (pid {pid}) is bound to port {port}",
                addr,
                pid = holder.pid,
                port
            ),
            Error::PortInUse {
                addr,
                port,
                holder: Some(holder),
                ..
            } => t!(
                "{addr} is already in use: {command} (pid {pid}) is bound to port {port}",
                addr,
                command = holder.command,
                pid = holder.pid,
                port
            ),
            Error::PortInUse { addr, port, .. } => t!(
                "{addr} is already in use (another socket is bound to port {port})",
                addr,
                port
            ),
            Error::Bind { addr, source } => t!("cannot bind {addr}: {source}", addr, source = os(source)),
            Error::NoRoute { addr, source } => t!("no route to {addr}: {source}", addr, source = os(source)),
            Error::Socket { call, source } => t!("{call} failed: {source}", call, source = os(source)),
            Error::Timeout { addr, seconds } => t!(
                "no datagram arrived at {addr} within {seconds} s",
                addr,
                seconds
            ),
            Error::MtuTooSmall { mtu, minimum } => t!(
                "MTU {mtu} is below the minimum of {minimum} for this IP version",
                mtu,
                minimum
            ),
            Error::MixedFamilies => {
                return f.write_str(t!(
                    "the source and destination addresses are of different families (IPv4 and IPv6)"
                ))
            }
            Error::Output(source) => t!("cannot write the output: {source}", source = os(source)),
            Error::Capture(e) => return fmt::Display::fmt(e, f),
            Error::BadHex { what, source } => t!("{what}: {problem}", what, problem = source),
            Error::BadCapture { path, message } => {
                t!("{what}: {problem}", what = path.display(), problem = message)
            }
            Error::NotACapture { path } => t!(
                "{path} is neither a pcap/pcapng file nor hex text",
                path = path.display()
            ),
            Error::OutputExists { path } => {
                t!("{path} already exists", path = path.display())
            }
            Error::WriteFile { path, source } => {
                t!("cannot write {path}: {source}", path = path.display(), source = os(source))
            }
            Error::OutputRefused { path, problem } => t!(
                "will not write {path}: {problem}",
                path = path.display(),
                problem
            ),
            Error::SameOutput {
                first,
                second,
                path,
            } => t!(
                "{first} and {second} name the same file ({path}); the second would overwrite the first",
                first,
                second,
                path = path.display()
            ),
            Error::NoSuchFile { path } => t!("no such file: {path}", path = path.display()),
            Error::IsDirectory { path } => t!("is a directory: {path}", path = path.display()),
            Error::NoFrames { what } => match what {
                EmptyInput::File(path) => {
                    t!("empty file: no frames in {path}", path = path.display())
                }
                _ => return f.write_str(t!("empty standard input: no frames")),
            },
        };
        f.write_str(&text)
    }
}

impl Error {
    /// A line that tells the user how to fix it, where there is one.
    pub fn hint(&self) -> Option<String> {
        let hint = match self {
            Error::Lab { hint, .. } => return Some(hint.clone()),
            Error::PayloadTooLarge { .. } => t!(
                "65535 (IPv4 total length) - 20 (IPv4 header) - 8 (UDP header) = 65507; send less"
            ),
            Error::ReadFile { .. } => t!("check the path and its permissions"),
            Error::EmptyPayload { .. } => t!("give a message, e.g. stackviz send \"Hello!!\""),
            Error::PortInUse {
                addr,
                option: PortOption::Port,
                holder: Some(holder),
                ..
            } if holder.stackviz_recv => {
                return Some(t!(
                    "that is your own receiver: send to it with stackviz send --to {addr}, or give the embedded receiver another port with --port N (--port 0 lets the OS choose)",
                    addr
                ))
            }
            Error::PortInUse {
                option: PortOption::Port,
                ..
            } => t!("pick another port with --port N, or --port 0 to let the OS choose"),
            Error::PortInUse {
                option: PortOption::From,
                ..
            } => t!(
                "pick another port in --from ADDR:PORT, or port 0 to let the OS choose: --from 127.0.0.1:0"
            ),
            Error::PortInUse { .. } => t!(
                "pick another port in --bind ADDR:PORT, or port 0 to let the OS choose: --bind 127.0.0.1:0"
            ),
            Error::PayloadTooLargeV6 { .. } => t!(
                "65535 (the largest IPv6 Payload Length, which counts everything after the 40-byte IPv6 header) - 8 (UDP header) = 65527; send less"
            ),
            Error::MixedFamilies => t!(
                "give --from an address of the destination's family: 127.0.0.1:0 for IPv4, [::1]:0 with -6"
            ),
            Error::Bind { .. } => {
                t!("bind to an address this host has (127.0.0.1, or see `ip addr`)")
            }
            Error::NoRoute { .. } => {
                t!("check the address and `ip route`; try --to 127.0.0.1:15001")
            }
            Error::Timeout { .. } => t!(
                "is the receiver running and reachable? raise the wait with --timeout SECONDS"
            ),
            Error::Capture(CaptureError::NoPermission { .. }) => {
                return Some(capture_hint())
            }
            Error::Capture(_) => t!("use --capture off to run without capturing"),
            Error::BadHex { .. } => t!(
                "give hex bytes such as \"45 00 00 1c\", a .pcap/.pcapng file, or - for standard input"
            ),
            Error::NotACapture { .. } => t!("give a .pcap or .pcapng file, or hex text"),
            Error::BadCapture { .. } => t!(
                "frames read before the problem were shown; the file itself is damaged or cut short"
            ),
            Error::MtuTooSmall { .. } => {
                t!("IPv4 needs at least 68 (RFC 791), IPv6 at least 1280 (RFC 8200)")
            }
            Error::OutputExists { .. } => t!("add --force to overwrite it, or choose another name"),
            Error::OutputRefused {
                problem: OutputProblem::Symlink { .. },
                ..
            } => t!("give the link's target as the path if you mean to write there"),
            Error::OutputRefused {
                problem: OutputProblem::Changed,
                ..
            } => t!("run again with a new file name"),
            Error::OutputRefused { .. } => t!(
                "give a file name in a directory you can write to, or - for standard output"
            ),
            Error::SameOutput { .. } => t!("give each option its own file name"),
            Error::NoSuchFile { .. } => t!(
                "check the path; to decode hex, give the bytes themselves, e.g. stackviz decode \"45 00 00 1c\""
            ),
            Error::IsDirectory { .. } => {
                t!("give a .pcap/.pcapng file or a file of hex text, not a directory")
            }
            Error::NoFrames { .. } => t!(
                "decode reads frames from a .pcap/.pcapng capture or from hex text such as \"45 00 00 1c\""
            ),
            _ => return None,
        };
        Some(hint.into())
    }

    /// 2 for bad usage (the input was wrong), 1 for a run that failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Lab { usage: true, .. } => 2,
            Error::PayloadTooLarge { .. }
            | Error::PayloadTooLargeV6 { .. }
            | Error::ReadFile { .. }
            | Error::EmptyPayload { .. }
            | Error::ReadStdin(_)
            | Error::MixedFamilies
            | Error::MtuTooSmall { .. }
            | Error::OutputExists { .. }
            | Error::SameOutput { .. }
            | Error::BadHex { .. }
            | Error::NotACapture { .. }
            // An input file that is missing, a directory or empty was named
            // wrongly on the command line: bad usage (2), as ripgrep and
            // grep exit 2 for a file they cannot read; nothing was run.
            | Error::NoSuchFile { .. }
            | Error::IsDirectory { .. }
            | Error::NoFrames { .. } => 2,
            // Refused before the run: the path given was wrong. Changed
            // during the run: the run happened, its file could not be kept.
            Error::OutputRefused { problem, .. } if !matches!(problem, OutputProblem::Changed) => 2,
            _ => 1,
        }
    }
}
