//! `stackviz decode` as data: frames from hex text, standard input or a
//! pcap/pcapng file, streamed one at a time (memory does not grow with the
//! file), each dissected by the one dissector and filtered. The caller
//! renders each frame through a callback; `parallel` does the same work on
//! several cores, in order.

pub mod parallel;

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use pcap_file::pcap::PcapReader;
use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketOption;
use pcap_file::pcapng::blocks::interface_description::InterfaceDescriptionOption;
use pcap_file::pcapng::{Block, PcapNgReader};
use pcap_file::DataLink;

use crate::detail::Detail;
use crate::dissect::{self, Fcs};
use crate::error::{EmptyInput, Error};
use crate::field_id;
use crate::model::{CutShort, Dissection, Value};
use crate::t;

/// How the bytes of a frame begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Ethernet,
    RawIp,
    LinuxSll,
    /// A pcap link type stackviz does not dissect (its number).
    Other(u32),
}

/// Where the frames come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Hex text given on the command line.
    Text(String),
    File(PathBuf),
    Stdin,
}

/// One frame as read, before dissection.
#[derive(Debug, Clone, Copy)]
pub struct RawFrame<'a> {
    /// 1 for the first frame of the input.
    pub number: usize,
    pub timestamp: Option<Duration>,
    pub data: &'a [u8],
    /// Length on the wire (may exceed `data` when the capture was cut).
    pub original_length: usize,
    pub link: Link,
    pub fcs: Fcs,
    /// The pcapng packet comment (stackviz's own files say which frame was
    /// built and which captured).
    pub comment: Option<&'a str>,
}

/// A frame explained.
#[derive(Debug, Clone)]
pub struct DecodedFrame<'a> {
    pub raw: RawFrame<'a>,
    pub dissection: Dissection,
}

/// What the caller wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// Dissects one frame according to its link type. A frame the capture cut
/// short (fewer bytes saved than were on the wire) is told apart from a
/// malformed one: see [`capture_limit`].
pub fn dissect(raw: &RawFrame<'_>) -> Dissection {
    if raw.original_length <= raw.data.len() {
        return dissect_bytes(raw.data, raw.link, raw.fcs);
    }
    // An FCS ends the frame on the wire, in the part that was not saved.
    let mut dissection = dissect_bytes(raw.data, raw.link, Fcs::Absent);
    capture_limit(&mut dissection, raw);
    dissection
}

/// [`dissect`] at a level of detail. A brief dissection has no checks:
/// its sums were not worked out (`detail::Detail::Brief`).
pub fn dissect_at(raw: &RawFrame<'_>, detail: Detail) -> Dissection {
    match detail {
        Detail::Full => dissect(raw),
        Detail::Brief => {
            let mut dissection = crate::detail::without_sentences(|| dissect(raw));
            for layer in &mut dissection.layers {
                layer.checks.clear();
            }
            dissection
        }
    }
}

fn dissect_bytes(data: &[u8], link: Link, fcs: Fcs) -> Dissection {
    match link {
        Link::Ethernet => dissect::dissect_ethernet(data, fcs),
        Link::RawIp => dissect::dissect_raw_ip(data),
        Link::LinuxSll => dissect::dissect_linux_sll(data),
        Link::Other(n) => unknown_link(data, n),
    }
}

/// No snap length is larger than this (tcpdump's and pcap's maximum): the
/// missing part of a frame is never taken as longer.
const MAX_MISSING: usize = 262_144;

/// A frame cut short by the capture's snap length. What its saved bytes
/// cannot finish (a header, a length field that reaches past them) is the
/// capture's limit, not the frame's fault: it moves from `malformed` to
/// `cut_short`. To tell the two apart the frame is dissected once more with
/// the missing bytes as zeros: a problem that the saved bytes themselves
/// show (one found before the cut even then) stays malformed.
fn capture_limit(dissection: &mut Dissection, raw: &RawFrame<'_>) {
    let captured = raw.data.len();
    let original = raw.original_length;
    let mut ran_out = None;
    if let Some(problem) = dissection.malformed.take() {
        let mut whole = raw.data.to_vec();
        whole.resize(original.min(captured + MAX_MISSING), 0);
        let full = dissect_bytes(&whole, raw.link, Fcs::Absent);
        if full.malformed.is_some_and(|m| m.offset < captured) {
            dissection.malformed = Some(problem);
        } else {
            ran_out = Some(problem);
        }
    }
    // The innermost layer whose own length reaches past the saved bytes is
    // the one that runs out; else the frame's first layer (only its padding
    // or FCS was missing, or a header after it could not start).
    let note = t!(
        "cut short by the capture at {captured} of {original} bytes: the rest was on the wire but not saved",
        captured,
        original
    );
    let runs_out = dissection
        .layers
        .iter()
        .rposition(|l| l.header.offset + l.pdu_length > captured)
        .or((!dissection.layers.is_empty()).then_some(0));
    if let Some(layer) = runs_out.and_then(|i| dissection.layers.get_mut(i)) {
        layer.notes.push(note);
    }
    dissection.cut_short = Some(CutShort {
        captured,
        original,
        ran_out,
    });
}

/// A link type stackviz does not dissect: the bytes, named by the number.
fn unknown_link(data: &[u8], link_type: u32) -> Dissection {
    let span = crate::model::Span {
        offset: 0,
        length: data.len(),
    };
    let mut layer = dissect::payload::layer(data, span, "unknown link type");
    layer.notes.push(t!(
        "pcap link type {link_type} is not dissected by stackviz: the bytes are shown as they are",
        link_type
    ));
    Dissection {
        frame_length: data.len(),
        layers: vec![layer],
        malformed: None,
        cut_short: None,
    }
}

const PCAP_MAGICS: [[u8; 4]; 4] = [
    [0xd4, 0xc3, 0xb2, 0xa1],
    [0xa1, 0xb2, 0xc3, 0xd4],
    [0x4d, 0x3c, 0xb2, 0xa1],
    [0xa1, 0xb2, 0x3c, 0x4d],
];
const PCAPNG_MAGIC: [u8; 4] = [0x0a, 0x0d, 0x0d, 0x0a];

fn link_of(datalink: DataLink) -> Link {
    match datalink {
        DataLink::ETHERNET => Link::Ethernet,
        DataLink::RAW | DataLink::IPV4 | DataLink::IPV6 => Link::RawIp,
        DataLink::LINUX_SLL => Link::LinuxSll,
        other => Link::Other(u32::from(other)),
    }
}

/// A reader that remembers the first bytes it was given back.
struct Rewound<R> {
    head: Vec<u8>,
    pos: usize,
    rest: R,
}

impl<R: Read> Read for Rewound<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.head.len() {
            let n = buf.len().min(self.head.len() - self.pos);
            buf[..n].copy_from_slice(&self.head[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        self.rest.read(buf)
    }
}

fn bad_capture(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::BadCapture {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// pcap-file's errors in words that say what is wrong with the file.
fn record_error(path: &Path, record: usize, e: pcap_file::PcapError) -> Error {
    use pcap_file::PcapError;
    let message = match e {
        PcapError::IoError(io) if io.kind() == io::ErrorKind::UnexpectedEof => t!(
            "record {record} is cut short, or claims more bytes than the file holds (no memory is reserved for a claimed length)",
            record
        ),
        PcapError::IncompleteBuffer => t!("record {record} is cut short", record),
        PcapError::InvalidField(what) => t!("record {record}: {problem}", record, problem = what),
        other => t!("record {record}: {problem}", record, problem = other),
    };
    bad_capture(path, message)
}

/// Reads every frame of `input` and hands it, dissected, to `each`.
/// `link` overrides what the input says (or supplies it for hex text).
pub fn run(
    input: &Input,
    link: Option<Link>,
    mut each: impl FnMut(DecodedFrame<'_>) -> Result<Flow, Error>,
) -> Result<(), Error> {
    read_frames(input, link, |raw| {
        each(DecodedFrame {
            dissection: dissect(&raw),
            raw,
        })
    })
}

/// Reads every frame of `input` and hands it, not yet dissected, to `each`
/// (for callers that dissect elsewhere, such as on worker threads).
pub fn read_frames(
    input: &Input,
    link: Option<Link>,
    mut each: impl FnMut(RawFrame<'_>) -> Result<Flow, Error>,
) -> Result<(), Error> {
    let (name, reader): (PathBuf, Box<dyn Read>) = match input {
        Input::Text(text) => return run_text(text, link, each),
        Input::File(path) => {
            let file = open_input(path)?;
            (path.clone(), Box::new(file))
        }
        Input::Stdin => (
            PathBuf::from(t!("standard input")),
            Box::new(io::stdin().lock()),
        ),
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut head = Vec::with_capacity(4);
    reader
        .by_ref()
        .take(4)
        .read_to_end(&mut head)
        .map_err(|source| Error::ReadFile {
            path: name.clone(),
            source,
        })?;
    let magic: [u8; 4] = head.as_slice().try_into().unwrap_or([0; 4]);
    let rewound = Rewound {
        head,
        pos: 0,
        rest: reader,
    };
    if PCAP_MAGICS.contains(&magic) {
        run_pcap(&name, rewound, link, &mut each)
    } else if magic == PCAPNG_MAGIC {
        run_pcapng(&name, rewound, link, &mut each)
    } else {
        // Not a capture file: hex text, as a person would paste it.
        let mut text = String::new();
        let mut rewound = rewound;
        rewound
            .read_to_string(&mut text)
            .map_err(|_| Error::NotACapture { path: name.clone() })?;
        if text.trim().is_empty() {
            return Err(Error::NoFrames {
                what: match input {
                    Input::Stdin => EmptyInput::Stdin,
                    _ => EmptyInput::File(name),
                },
            });
        }
        run_text(&text, link, each).map_err(|e| match e {
            Error::BadHex { source, .. } => Error::BadHex {
                source,
                what: name.display().to_string(),
            },
            other => other,
        })
    }
}

/// Opens a file named as `decode`'s input, saying plainly when it is not
/// there or is a directory (on Linux a directory opens, and only the read
/// fails, with "Is a directory").
fn open_input(path: &Path) -> Result<File, Error> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Error::NoSuchFile {
                path: path.to_path_buf(),
            })
        }
        Ok(meta) if meta.is_dir() => {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            })
        }
        _ => {}
    }
    File::open(path).map_err(|source| Error::ReadFile {
        path: path.to_path_buf(),
        source,
    })
}

/// What `decode`'s arguments name: `-` is standard input; one argument is
/// a file when it exists or looks like a path (no spaces, and a `/` or a
/// `.`, as `capture.pcap` and `./frames` have, or a character that cannot
/// be hex, as `capture` has), so a missing file is reported as missing
/// instead of as bad hex; anything else is hex text (a pasted dump with
/// its text column included), and several words are one hex text
/// (`decode 45 00 00 1c` works unquoted).
pub fn choose_input(words: &[String]) -> Input {
    match words {
        [word] if word == "-" => Input::Stdin,
        [word] if looks_like_path(word) => Input::File(PathBuf::from(word)),
        _ => Input::Text(words.join(" ")),
    }
}

fn looks_like_path(word: &str) -> bool {
    let hex_or_separator =
        |c: char| c.is_ascii_hexdigit() || c.is_whitespace() || matches!(c, ':' | '-' | 'x' | 'X');
    // A pasted hex dump has spaces (and often dots in its text column).
    Path::new(word).exists()
        || !word.contains(char::is_whitespace)
            && (word.contains('/') || word.contains('.') || !word.chars().all(hex_or_separator))
}

fn run_text(
    text: &str,
    link: Option<Link>,
    mut each: impl FnMut(RawFrame<'_>) -> Result<Flow, Error>,
) -> Result<(), Error> {
    let frames = crate::input::parse_frames_text(text).map_err(|source| Error::BadHex {
        source,
        what: t!("the hex input").into(),
    })?;
    for (i, data) in frames.iter().enumerate() {
        let link = link.unwrap_or_else(|| guess_link(data));
        let raw = RawFrame {
            number: i + 1,
            timestamp: None,
            data,
            original_length: data.len(),
            link,
            fcs: Fcs::Detect,
            comment: None,
        };
        if each(raw)? == Flow::Stop {
            break;
        }
    }
    Ok(())
}

/// Hex from a book may start at the IP header: a first nibble of 4 or 6
/// with a plausible header length means raw IP, anything else Ethernet.
fn guess_link(data: &[u8]) -> Link {
    match data.first().map(|b| b >> 4) {
        Some(4)
            if data[0] & 0x0f >= 5
                && data.len() >= 20
                && usize::from(u16::from_be_bytes([data[2], data[3]])) == data.len() =>
        {
            Link::RawIp
        }
        Some(6)
            if data.len() >= 40
                && usize::from(u16::from_be_bytes([data[4], data[5]])) + 40 == data.len() =>
        {
            Link::RawIp
        }
        _ => Link::Ethernet,
    }
}

fn run_pcap(
    name: &Path,
    reader: impl Read,
    link: Option<Link>,
    each: &mut impl FnMut(RawFrame<'_>) -> Result<Flow, Error>,
) -> Result<(), Error> {
    let mut pcap = PcapReader::new(reader).map_err(|e| bad_capture(name, e))?;
    let file_link = link.unwrap_or_else(|| link_of(pcap.header().datalink));
    let mut number = 0;
    while let Some(packet) = pcap.next_packet() {
        let packet = packet.map_err(|e| record_error(name, number + 1, e))?;
        number += 1;
        let raw = RawFrame {
            number,
            timestamp: Some(packet.timestamp),
            data: &packet.data,
            original_length: packet.orig_len as usize,
            link: file_link,
            fcs: Fcs::Detect,
            comment: None,
        };
        if each(raw)? == Flow::Stop {
            break;
        }
    }
    Ok(())
}

fn run_pcapng(
    name: &Path,
    reader: impl Read,
    link: Option<Link>,
    each: &mut impl FnMut(RawFrame<'_>) -> Result<Flow, Error>,
) -> Result<(), Error> {
    let mut pcapng = PcapNgReader::new(reader).map_err(|e| bad_capture(name, e))?;
    // Per interface: its link type, whether its frames end with an FCS, and
    // its timestamp resolution (if_tsresol).
    let mut interfaces: Vec<(Link, Fcs, u8)> = Vec::new();
    let mut number = 0;
    while let Some(block) = pcapng.next_block() {
        let block = block.map_err(|e| record_error(name, number + 1, e))?;
        let (interface, timestamp, original, data, comment) = match &block {
            Block::InterfaceDescription(idb) => {
                let fcs = idb.options.iter().find_map(|o| match o {
                    InterfaceDescriptionOption::IfFcsLen(4) => Some(Fcs::Present),
                    InterfaceDescriptionOption::IfFcsLen(0) => Some(Fcs::Absent),
                    _ => None,
                });
                interfaces.push((
                    link.unwrap_or_else(|| link_of(idb.linktype)),
                    fcs.unwrap_or(Fcs::Detect),
                    idb.options
                        .iter()
                        .find_map(|o| match o {
                            InterfaceDescriptionOption::IfTsResol(r) => Some(*r),
                            _ => None,
                        })
                        .unwrap_or(6),
                ));
                continue;
            }
            Block::SectionHeader(_) => {
                interfaces.clear();
                continue;
            }
            Block::EnhancedPacket(p) => (
                p.interface_id as usize,
                Some(p.timestamp),
                p.original_len as usize,
                &p.data,
                p.options.iter().find_map(|o| match o {
                    EnhancedPacketOption::Comment(c) => Some(c.as_ref()),
                    _ => None,
                }),
            ),
            Block::SimplePacket(p) => (0, None, p.original_len as usize, &p.data, None),
            // The obsolete Packet block keeps raw timestamp units; no time is shown.
            Block::Packet(p) => (
                usize::from(p.interface_id),
                None,
                p.original_len as usize,
                &p.data,
                None,
            ),
            _ => continue,
        };
        let Some(&(frame_link, fcs, resolution)) = interfaces.get(interface) else {
            return Err(bad_capture(
                name,
                t!(
                    "frame {number} names interface {interface}, which was never described",
                    number = number + 1,
                    interface
                ),
            ));
        };
        number += 1;
        let timestamp = timestamp.map(|t| rescale(t, resolution));
        let raw = RawFrame {
            number,
            timestamp,
            data,
            original_length: original,
            link: frame_link,
            fcs,
            comment,
        };
        if each(raw)? == Flow::Stop {
            break;
        }
    }
    Ok(())
}

/// pcap-file reads a pcapng timestamp as nanoseconds; the interface's
/// if_tsresol says what the units really are: 10^-r seconds, or 2^-r when
/// the top bit is set (6, microseconds, when absent).
fn rescale(raw_as_ns: Duration, resolution: u8) -> Duration {
    let units = raw_as_ns.as_nanos();
    let nanos = if resolution & 0x80 != 0 {
        let shift = u32::from(resolution & 0x7f).min(63);
        units.saturating_mul(1_000_000_000) >> shift
    } else if resolution <= 9 {
        units.saturating_mul(10u128.pow(9 - u32::from(resolution)))
    } else {
        units / 10u128.pow(u32::from(resolution.min(38)) - 9)
    };
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

/// `--filter`: simple terms, all of which must match: a protocol name
/// (udp, tcp, arp, icmp, ipv4, ipv6, vlan…), `port N`, `host ADDR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Protocol(String),
    Port(u16),
    Host(String),
}

impl std::str::FromStr for Filter {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let mut terms = Vec::new();
        let mut words = text
            .split_whitespace()
            .filter(|w| !w.eq_ignore_ascii_case("and"));
        while let Some(word) = words.next() {
            match word.to_ascii_lowercase().as_str() {
                "port" => {
                    let n = words
                        .next()
                        .ok_or(t!("`port` needs a number, e.g. port 53"))?;
                    terms.push(Term::Port(n.parse().map_err(|_| {
                        t!("{word} is not a port (0-65535)", word = format!("{n:?}"))
                    })?));
                }
                "host" => {
                    let a = words
                        .next()
                        .ok_or(t!("`host` needs an address, e.g. host 10.0.0.1"))?;
                    let addr: std::net::IpAddr = a
                        .parse()
                        .map_err(|_| t!("{word} is not an IP address", word = format!("{a:?}")))?;
                    terms.push(Term::Host(addr.to_string()));
                }
                p if p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') => {
                    terms.push(Term::Protocol(p.to_string()))
                }
                other => {
                    return Err(t!(
                        "cannot read {word}: use protocol names, `port N` and `host ADDR`",
                        word = format!("{other:?}")
                    ))
                }
            }
        }
        if terms.is_empty() {
            return Err(t!(
                "an empty filter: try udp, tcp, arp, icmp, ipv6, `port 53` or `host 10.0.0.1`"
            )
            .into());
        }
        Ok(Filter { terms })
    }
}

impl Filter {
    pub fn matches(&self, dissection: &Dissection) -> bool {
        self.terms.iter().all(|term| match term {
            Term::Protocol(p) => dissection.layers.iter().any(|l| {
                let name = l.protocol.to_ascii_lowercase();
                name.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == p || (p == "icmp" && w == "icmpv6"))
                    || l.fields.iter().any(|f| f.id.split('.').next() == Some(p.as_str()))
            }),
            Term::Port(port) => dissection.layers.iter().flat_map(|l| &l.fields).any(|f| {
                f.id.ends_with("src_port") || f.id.ends_with("dst_port")
            } && f.value == Value::Number(u64::from(*port))),
            Term::Host(addr) => dissection.layers.iter().flat_map(|l| &l.fields).any(|f| {
                matches!(f.id, field_id::IPV4_SRC | field_id::IPV4_DST | field_id::IPV6_SRC | field_id::IPV6_DST | field_id::ARP_SPA | field_id::ARP_TPA)
                    && f.value == Value::Text(addr.clone())
            }),
        })
    }
}
