//! The segments a connection must have sent, predicted from the protocol's
//! rules (RFC 9293) and what the kernel told us: which segments, in which
//! order, each one's flags, sequence and acknowledgment numbers (relative
//! to each end's ISN: ack = the peer's seq + its length, +1 for SYN or FIN),
//! options in Linux's layout, windows and timestamps. Pure: no I/O.

use std::net::SocketAddr;

use crate::net::tcp_exchange::{Peer, Scenario, TcpExchange, TcpOutcome};
use crate::net::tcp_info::{TcpInfo, OPT_SACK, OPT_TIMESTAMPS, OPT_WSCALE};

/// The flags of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags {
    pub syn: bool,
    pub ack: bool,
    pub psh: bool,
    pub fin: bool,
    pub rst: bool,
    pub ece: bool,
    pub cwr: bool,
}

impl Flags {
    /// As tcpdump and Wireshark list them: `SYN, ACK`.
    pub fn names(&self) -> String {
        let mut names = Vec::new();
        for (set, name) in [
            (self.cwr, "CWR"),
            (self.ece, "ECE"),
            (self.syn, "SYN"),
            (self.rst, "RST"),
            (self.psh, "PSH"),
            (self.fin, "FIN"),
            (self.ack, "ACK"),
        ] {
            if set {
                names.push(name);
            }
        }
        names.join(", ")
    }
    /// The flags of a TCP header's byte 13.
    pub fn from_byte(byte: u8) -> Flags {
        Flags {
            cwr: byte & 0x80 != 0,
            ece: byte & 0x40 != 0,
            ack: byte & 0x10 != 0,
            psh: byte & 0x08 != 0,
            rst: byte & 0x04 != 0,
            syn: byte & 0x02 != 0,
            fin: byte & 0x01 != 0,
        }
    }
}

/// What made a segment go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// A socket call (index into the exchange's calls).
    Call(usize),
    /// The kernel, answering the segment at this index.
    Answer(usize),
}

/// One TCP option as it goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpOption {
    Mss(u16),
    SackPermitted,
    Timestamps { value: u32, echo: u32 },
    Nop,
    WindowScale(u8),
}

impl TcpOption {
    fn write(&self, out: &mut Vec<u8>) {
        match *self {
            TcpOption::Mss(mss) => {
                out.extend_from_slice(&[2, 4]);
                out.extend_from_slice(&mss.to_be_bytes());
            }
            TcpOption::SackPermitted => out.extend_from_slice(&[4, 2]),
            TcpOption::Timestamps { value, echo } => {
                out.extend_from_slice(&[8, 10]);
                out.extend_from_slice(&value.to_be_bytes());
                out.extend_from_slice(&echo.to_be_bytes());
            }
            TcpOption::Nop => out.push(1),
            TcpOption::WindowScale(shift) => out.extend_from_slice(&[3, 3, shift]),
        }
    }
}

/// The options as bytes (Linux's layouts are multiples of 4 already).
pub fn option_bytes(options: &[TcpOption]) -> Vec<u8> {
    let mut out = Vec::new();
    for o in options {
        o.write(&mut out);
    }
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

/// A value of a predicted segment and whether it is known or stands in for
/// something only a capture can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known<T> {
    /// Observed from the OS or derived from observed values.
    Yes(T),
    /// Not knowable without capture; the value stands in (0).
    No(T),
}

impl<T: Copy> Known<T> {
    pub fn value(&self) -> T {
        match *self {
            Known::Yes(v) | Known::No(v) => v,
        }
    }
    pub fn is_known(&self) -> bool {
        matches!(self, Known::Yes(_))
    }
}

/// One predicted segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub from: Peer,
    pub flags: Flags,
    /// Relative to the sender's ISN.
    pub seq: u32,
    /// Relative to the receiver's ISN (`None`: ACK not set, the field is 0).
    pub ack: Option<u32>,
    pub data: Vec<u8>,
    pub options: Vec<TcpOption>,
    /// The window field as sent (raw).
    pub window: Known<u16>,
    /// The scale the sender applies to it (`None` on a SYN: never scaled).
    pub window_scale: Option<u8>,
    pub ip_id: Known<u16>,
    /// IPv6: the flow label.
    pub flow_label: Known<u32>,
    /// IPv4 ECN bits (ECT(0) on data once ECN was agreed).
    pub ecn: u8,
    pub cause: Cause,
    /// Whether the Timestamps option's values were observed or derived;
    /// false when the server's TSval clock could not be read (no socket of
    /// it was accepted), so 0 stands in for its TSval and the echo of it.
    pub timestamps_known: bool,
    /// The window is the one the client's TCP_INFO says the server last
    /// advertised (snd_wnd), since no socket of the server's could be asked.
    pub window_from_client: bool,
    /// The sentence saying why the segment is there.
    pub why: &'static str,
}

/// The two ends' ISNs and what else the segments are built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbers {
    pub client_isn: Known<u32>,
    pub server_isn: Known<u32>,
}

/// The client's SYN as TCP_SAVED_SYN returned it, read field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSyn {
    pub isn: u32,
    pub window: u16,
    pub ip_id: Option<u16>,
    pub flow_label: Option<u32>,
    pub ecn: u8,
    pub flags: Flags,
    pub options: Vec<TcpOption>,
    pub tsval: Option<u32>,
}

impl SavedSyn {
    /// Reads the IP header (v4 or v6, no extension headers) and the TCP
    /// header with its options.
    pub fn parse(bytes: &[u8]) -> Option<SavedSyn> {
        let version = bytes.first()? >> 4;
        let (ip_len, ip_id, flow_label, ecn) = match version {
            4 => {
                let ihl = usize::from(bytes[0] & 0x0f) * 4;
                let id = u16::from_be_bytes([*bytes.get(4)?, *bytes.get(5)?]);
                (ihl, Some(id), None, bytes.get(1)? & 0x03)
            }
            6 => {
                let word =
                    u32::from_be_bytes([bytes[0], *bytes.get(1)?, *bytes.get(2)?, *bytes.get(3)?]);
                (
                    40,
                    None,
                    Some(word & 0x000f_ffff),
                    ((word >> 20) & 0x03) as u8,
                )
            }
            _ => return None,
        };
        let tcp = bytes.get(ip_len..)?;
        let isn = u32::from_be_bytes(tcp.get(4..8)?.try_into().ok()?);
        let header_len = usize::from(tcp.get(12)? >> 4) * 4;
        let flags = Flags::from_byte(*tcp.get(13)?);
        let window = u16::from_be_bytes([*tcp.get(14)?, *tcp.get(15)?]);
        let mut options = Vec::new();
        let mut tsval = None;
        let raw = tcp.get(20..header_len)?;
        let mut i = 0;
        while i < raw.len() {
            match raw[i] {
                0 => break,
                1 => {
                    options.push(TcpOption::Nop);
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let len = usize::from(*raw.get(i + 1)?);
            let body = raw.get(i + 2..i + len.max(2))?;
            match (raw[i], len) {
                (2, 4) => options.push(TcpOption::Mss(u16::from_be_bytes([body[0], body[1]]))),
                (4, 2) => options.push(TcpOption::SackPermitted),
                (8, 10) => {
                    let value = u32::from_be_bytes(body[0..4].try_into().ok()?);
                    let echo = u32::from_be_bytes(body[4..8].try_into().ok()?);
                    tsval = Some(value);
                    options.push(TcpOption::Timestamps { value, echo });
                }
                (3, 3) => options.push(TcpOption::WindowScale(body[0])),
                _ => return None,
            }
            i += len.max(2);
        }
        Some(SavedSyn {
            isn,
            window,
            ip_id,
            flow_label,
            ecn,
            flags,
            options,
            tsval,
        })
    }
}

/// What the prediction starts from: the exchange and the facts of the path.
pub struct Inputs<'a> {
    pub exchange: &'a TcpExchange,
    pub syn: Option<&'a SavedSyn>,
    /// The MTU of the interface the connection used.
    pub mtu: Option<usize>,
}

/// Linux's SYN option layout (tcp_options_write): MSS; SACK_PERM and
/// Timestamps together, or NOP NOP before Timestamps, or NOP NOP before
/// SACK_PERM; then NOP and Window Scale.
pub fn syn_options(
    mss: u16,
    sack: bool,
    timestamps: Option<(u32, u32)>,
    wscale: Option<u8>,
) -> Vec<TcpOption> {
    let mut o = vec![TcpOption::Mss(mss)];
    match (sack, timestamps) {
        (true, Some((value, echo))) => {
            o.push(TcpOption::SackPermitted);
            o.push(TcpOption::Timestamps { value, echo });
        }
        (false, Some((value, echo))) => {
            o.extend([TcpOption::Nop, TcpOption::Nop]);
            o.push(TcpOption::Timestamps { value, echo });
        }
        (true, None) => o.extend([TcpOption::Nop, TcpOption::Nop, TcpOption::SackPermitted]),
        (false, None) => {}
    }
    if let Some(shift) = wscale {
        o.extend([TcpOption::Nop, TcpOption::WindowScale(shift)]);
    }
    o
}

/// The options of every segment after the SYNs: NOP NOP Timestamps when
/// both ends agreed on timestamps, none otherwise.
fn later_options(timestamps: Option<(u32, u32)>) -> Vec<TcpOption> {
    match timestamps {
        Some((value, echo)) => vec![
            TcpOption::Nop,
            TcpOption::Nop,
            TcpOption::Timestamps { value, echo },
        ],
        None => Vec::new(),
    }
}

/// The index of the first call of `peer` whose text starts with `prefix`.
fn call_index(exchange: &TcpExchange, peer: Peer, prefix: &str) -> Option<usize> {
    exchange
        .calls
        .iter()
        .position(|c| c.peer == peer && c.call.starts_with(prefix))
}

/// The index of the `nth` call (0-based) of `peer` starting with `prefix`.
fn nth_call(exchange: &TcpExchange, peer: Peer, prefix: &str, nth: usize) -> Option<usize> {
    exchange
        .calls
        .iter()
        .enumerate()
        .filter(|(_, c)| c.peer == peer && c.call.starts_with(prefix))
        .nth(nth)
        .map(|(i, _)| i)
}

/// TCP_INFO after call `index`, or the nearest one before it of that peer.
fn info_at(exchange: &TcpExchange, peer: Peer, index: Option<usize>) -> Option<TcpInfo> {
    let end = index.map_or(exchange.calls.len(), |i| i + 1);
    exchange.calls[..end.min(exchange.calls.len())]
        .iter()
        .rev()
        .filter(|c| c.peer == peer)
        .find_map(|c| c.info)
}

/// TCP_TIMESTAMP after call `index` (the sender's TSval clock then).
fn clock_at(exchange: &TcpExchange, peer: Peer, index: Option<usize>) -> Option<u32> {
    let end = index.map_or(exchange.calls.len(), |i| i + 1);
    exchange.calls[..end.min(exchange.calls.len())]
        .iter()
        .rev()
        .filter(|c| c.peer == peer)
        .find_map(|c| c.timestamp)
}

/// The raw window a sender puts in a segment after the handshake: the
/// window it offers (TCP_INFO's rcv_wnd, in bytes) shifted right by its
/// own scale.
fn raw_window(info: Option<TcpInfo>) -> Known<u16> {
    match info.and_then(|i| i.rcv_wnd.map(|w| (w, i.rcv_wscale))) {
        Some((w, scale)) => Known::Yes(u16::try_from(w >> scale).unwrap_or(u16::MAX)),
        None => Known::No(0),
    }
}

/// The Window Scale a Linux end offers: enough to describe its largest
/// possible receive buffer (tcp_rmem's maximum or rmem_max, whichever is
/// larger) in 16 bits, at most 14 (tcp_select_initial_window).
pub fn window_scale_for(largest_buffer: Option<u64>) -> u8 {
    let space = largest_buffer.unwrap_or(6 << 20).max(1);
    let log = 63 - space.leading_zeros();
    u8::try_from(log.saturating_sub(15).min(14)).unwrap_or(14)
}

/// A SYN's window: at most 65,535 (never scaled), rounded down to a whole
/// number of the MSS the end announces (tcp_select_initial_window).
pub fn syn_window(mss: u32) -> u16 {
    let w = 65_535u32;
    let rounded = if mss > 0 && w > mss { w - w % mss } else { w };
    u16::try_from(rounded).unwrap_or(u16::MAX)
}

/// The MSS option a Linux end announces: the interface MTU minus the IP
/// and TCP headers (20 + 20 for IPv4, 40 + 20 for IPv6).
/// An IPv4 packet is at most 65,535 bytes, so on loopback (MTU 65,536) the
/// MSS is 65,495; IPv6's payload length excludes its header, so 65,476.
pub fn mss_for(mtu: usize, server: SocketAddr) -> u16 {
    let (mtu, headers) = if server.is_ipv4() {
        (mtu.min(65_535), 40)
    } else {
        (mtu, 60)
    };
    u16::try_from(mtu.saturating_sub(headers)).unwrap_or(u16::MAX)
}

/// Predicts the segments of the run, in the order the protocol puts them.
pub fn segments(inputs: &Inputs<'_>) -> Vec<Segment> {
    let ex = inputs.exchange;
    let mtu = inputs.mtu.unwrap_or(65_536);
    let mss = mss_for(mtu, ex.server);
    let connect = call_index(ex, Peer::Client, "connect(");
    let client_info = info_at(ex, Peer::Client, connect);
    let sysctl_on = |v: &Option<String>| v.as_deref().is_some_and(|v| v != "0");
    // The client's SYN: observed when the server saved it, else predicted
    // from the sysctls that decide it.
    let (syn_options_now, syn_window_now, syn_ecn, syn_flags_extra, syn_id, syn_label, client_ts) =
        match inputs.syn {
            Some(s) => (
                s.options.clone(),
                Known::Yes(s.window),
                s.ecn,
                (s.flags.ece, s.flags.cwr),
                s.ip_id.map_or(Known::No(0), Known::Yes),
                s.flow_label.map_or(Known::No(0), Known::Yes),
                s.tsval,
            ),
            None => {
                let ts = sysctl_on(&ex.sysctls.timestamps)
                    .then(|| clock_at(ex, Peer::Client, connect).unwrap_or(0));
                let wscale = sysctl_on(&ex.sysctls.window_scaling)
                    .then(|| window_scale_for(ex.sysctls.largest_receive_buffer()));
                (
                    syn_options(mss, sysctl_on(&ex.sysctls.sack), ts.map(|t| (t, 0)), wscale),
                    Known::Yes(syn_window(u32::from(mss))),
                    0,
                    (
                        ex.sysctls.ecn.as_deref() == Some("1"),
                        ex.sysctls.ecn.as_deref() == Some("1"),
                    ),
                    Known::No(0),
                    Known::No(0),
                    ts,
                )
            }
        };
    let syn = Segment {
        from: Peer::Client,
        flags: Flags {
            syn: true,
            ece: syn_flags_extra.0,
            cwr: syn_flags_extra.1,
            ..Flags::default()
        },
        seq: 0,
        ack: None,
        data: Vec::new(),
        options: syn_options_now,
        window: syn_window_now,
        window_scale: None,
        ip_id: syn_id,
        flow_label: syn_label,
        ecn: syn_ecn,
        cause: Cause::Call(connect.unwrap_or(0)),
        timestamps_known: true,
        window_from_client: false,
        why: crate::t!("connect() sends SYN: the client's ISN, its MSS and the options it offers"),
    };
    let mut out = vec![syn];
    match &ex.outcome {
        TcpOutcome::Refused { errno, .. } if *errno == Some(libc::ECONNREFUSED) => {
            out.push(Segment {
                from: Peer::Server,
                flags: Flags {
                    rst: true,
                    ack: true,
                    ..Flags::default()
                },
                seq: 0,
                ack: Some(1),
                data: Vec::new(),
                options: Vec::new(),
                window: Known::Yes(0),
                window_scale: None,
                ip_id: Known::Yes(0),
                flow_label: Known::No(0),
                ecn: 0,
                cause: Cause::Answer(0),
                timestamps_known: true,
                window_from_client: false,
                why: crate::t!("nobody listens on the port: the kernel answers the SYN with RST,ACK (seq 0, ack = the SYN's seq + 1, no options)"),
            });
            return out;
        }
        TcpOutcome::Completed => {}
        TcpOutcome::TimedOut { .. } => {
            // Nothing answered: the kernel sent the SYN again, unchanged but
            // for its TSval, as often as TCP_INFO's retransmission count
            // says (read when connect() gave up, just before close()).
            let again = client_info.map_or(0, |i| i.retransmits_total);
            let first = out[0].clone();
            for _ in 0..again {
                let mut syn = first.clone();
                syn.why = crate::t!("no answer: the client's kernel sends the SYN again when its retransmission timer runs out, with the same ISN and options (only TSval moves on); connect() waits until --timeout");
                out.push(syn);
            }
            return out;
        }
        _ => return out,
    }
    let server_present = call_index(ex, Peer::Server, "accept(").is_some();
    let accept = call_index(ex, Peer::Server, "accept(");
    // Without accept() the server's calls are the listener's, whose
    // TCP_INFO says nothing of the connection: the client's view stands in.
    let server_info = if server_present {
        info_at(ex, Peer::Server, accept).or(client_info)
    } else {
        client_info
    };
    let agreed = client_info.map_or(0, |i| i.options);
    let timestamps = agreed & OPT_TIMESTAMPS != 0;
    let sack = agreed & OPT_SACK != 0;
    let wscale = agreed & OPT_WSCALE != 0;
    let ecn = agreed & 8 != 0;
    let syn_ts = client_ts.unwrap_or(0);
    let mut client_ts = syn_ts;
    // A later reading is never earlier than a value already sent.
    let client_clock = |index: Option<usize>, before: u32| {
        clock_at(ex, Peer::Client, index).map_or(before, |t| t.max(before))
    };
    // Without accept() no server socket can tell its TSval clock: 0 stands in.
    let mut server_ts = if server_present {
        clock_at(ex, Peer::Server, accept).unwrap_or(0)
    } else {
        0
    };
    // TCP_MAXSEG on the listener caps the MSS its SYN,ACK announces.
    let server_mss = match ex.scenario {
        Scenario::SmallMss(user) => mss.min(user),
        _ => mss,
    };
    // The SYN,ACK: the server's kernel answers alone (the request socket).
    let server_scale = server_info.map_or(0, |i| {
        if server_present {
            i.rcv_wscale
        } else {
            i.snd_wscale
        }
    });
    let server_advmss = server_info.map_or(u32::from(mss), |i| i.advmss);
    out.push(Segment {
        from: Peer::Server,
        flags: Flags {
            syn: true,
            ack: true,
            ece: ecn,
            ..Flags::default()
        },
        seq: 0,
        ack: Some(1),
        data: Vec::new(),
        options: syn_options(
            server_mss,
            sack,
            timestamps.then_some((server_ts, client_ts)),
            wscale.then_some(server_scale),
        ),
        window: Known::Yes(syn_window(server_advmss)),
        window_scale: None,
        ip_id: Known::Yes(0),
        flow_label: Known::No(0),
        ecn: 0,
        cause: Cause::Answer(0),
        timestamps_known: server_present,
        window_from_client: false,
        why: crate::t!("the server's kernel answers the SYN by itself (no accept() yet): its own ISN, ack = the client's ISN + 1, its MSS and the options it accepts"),
    });
    let client_scale = wscale.then(|| client_info.map_or(0, |i| i.rcv_wscale));
    let server_scale_later = wscale.then_some(server_scale);
    let client_id = |k: u16| match syn_id {
        Known::Yes(id) => Known::Yes(id.wrapping_add(k)),
        Known::No(_) => Known::No(0),
    };
    let ts = |value: u32, echo: u32| timestamps.then_some((value, echo));
    let scenario = ex.scenario;
    // The bytes each data segment carries: the plain run's one send() as
    // the server received it; in the scenarios each send() as the client
    // made it (no-accept and unread-close read nothing at the server).
    let chunks: Vec<Vec<u8>> = match scenario {
        Scenario::Plain | Scenario::SmallMss(_) => {
            let send = call_index(ex, Peer::Client, "send(");
            if send.is_some() && !ex.received.is_empty() {
                vec![ex.received.clone()]
            } else {
                // A server elsewhere (--to): what the client's send() took.
                ex.client_sends
                    .iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect()
            }
        }
        _ => ex
            .client_sends
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect(),
    };
    // Without accept() no socket of the server's can be asked: its TSval
    // clock (a per-connection offset) and its windows are not observed.
    let server_seen = server_present;
    let client_window = |at: Option<usize>| raw_window(info_at(ex, Peer::Client, at));
    let server_window = |at: Option<usize>| {
        if server_seen {
            raw_window(info_at(ex, Peer::Server, at))
        } else {
            // The window the server last advertised, as the client holds it
            // (TCP_INFO's snd_wnd, scaled) at the client's call `at`.
            match info_at(ex, Peer::Client, at).and_then(|i| i.snd_wnd.map(|w| (w, i.snd_wscale))) {
                Some((w, scale)) => Known::Yes(u16::try_from(w >> scale).unwrap_or(u16::MAX)),
                None => Known::No(0),
            }
        }
    };
    let label = |l: Known<u32>| l;
    // The ACK that ends the handshake.
    client_ts = client_clock(connect, client_ts);
    out.push(Segment {
        from: Peer::Client,
        flags: Flags {
            ack: true,
            ..Flags::default()
        },
        seq: 1,
        ack: Some(1),
        data: Vec::new(),
        options: later_options(ts(client_ts, server_ts)),
        window: client_window(connect),
        window_scale: client_scale,
        ip_id: client_id(1),
        flow_label: label(syn_label),
        ecn: 0,
        cause: Cause::Answer(1),
        timestamps_known: server_seen,
        window_from_client: false,
        why: crate::t!("the client's kernel acknowledges the SYN,ACK (ack = the server's ISN + 1); connect() returns: the connection is ESTABLISHED"),
    });
    let mut next_id = 2u16;
    let mut client_seq = 1u32;
    let first_recv = call_index(ex, Peer::Server, "recv(");
    let shutdown = call_index(ex, Peer::Client, "shutdown(");
    for (k, data) in chunks.iter().enumerate() {
        let send = nth_call(ex, Peer::Client, "send(", k);
        let len = u32::try_from(data.len()).unwrap_or(0);
        client_ts = client_clock(send, client_ts);
        out.push(Segment {
            from: Peer::Client,
            flags: Flags {
                ack: true,
                psh: true,
                ..Flags::default()
            },
            seq: client_seq,
            ack: Some(1),
            data: data.clone(),
            options: later_options(ts(client_ts, server_ts)),
            window: client_window(send),
            window_scale: client_scale,
            ip_id: client_id(next_id),
            flow_label: label(syn_label),
            ecn: if ecn { 2 } else { 0 },
            cause: Cause::Call(send.unwrap_or(0)),
            timestamps_known: server_seen,
            window_from_client: false,
            why: match scenario {
                Scenario::TwoSends if k > 0 => crate::t!("the second send() makes a segment of its own: TCP sends what the application hands it when it can, and keeps no trace of where one send() ended"),
                Scenario::SmallMss(_) if ex.client_maxseg.is_some_and(|m| data.len() > m as usize) => crate::t!("send() hands the kernel more bytes than one segment of the server's MSS may carry: TCP cuts them into MSS-sized segments, but passes them to IP as one GSO packet that the network card would cut; lo never cuts it, so the capture (and the server) see one frame larger than the MSS"),
                _ => crate::t!("send() hands the bytes to the kernel, which sends them at once (PSH: the sender has no more for now)"),
            },
        });
        next_id += 1;
        client_seq += len;
        if server_seen {
            server_ts = clock_at(ex, Peer::Server, first_recv).unwrap_or(server_ts);
        }
        let data_index = out.len() - 1;
        out.push(Segment {
            from: Peer::Server,
            flags: Flags {
                ack: true,
                ..Flags::default()
            },
            seq: 1,
            ack: Some(client_seq),
            data: Vec::new(),
            options: later_options(ts(server_ts, client_ts)),
            window: if server_seen { server_window(first_recv) } else { server_window(shutdown) },
            window_scale: server_scale_later,
            ip_id: Known::No(0),
            flow_label: Known::No(0),
            ecn: 0,
            cause: Cause::Answer(data_index),
            timestamps_known: server_seen,
            window_from_client: !server_seen,
            why: if server_seen {
                crate::t!("the server's kernel acknowledges the data at once (quick ACK at the start of a connection): ack = seq + length")
            } else {
                crate::t!("the server's kernel acknowledges the data although no accept() took the connection: the bytes wait in the kernel's receive queue for a program that never comes")
            },
        });
    }
    match scenario {
        Scenario::Reset => {
            // SO_LINGER {on, 0}: close() sends RST,ACK at the next sequence
            // number and forgets the connection.
            let close = call_index(ex, Peer::Client, "close(");
            let linger = call_index(ex, Peer::Client, "setsockopt(fd, SOL_SOCKET, SO_LINGER");
            client_ts = client_clock(close, client_ts);
            out.push(Segment {
                from: Peer::Client,
                flags: Flags {
                    rst: true,
                    ack: true,
                    ..Flags::default()
                },
                seq: client_seq,
                ack: Some(1),
                data: Vec::new(),
                options: later_options(ts(client_ts, server_ts)),
                window: client_window(linger),
                window_scale: client_scale,
                ip_id: client_id(next_id),
                flow_label: label(syn_label),
                ecn: 0,
                cause: Cause::Call(close.unwrap_or(0)),
                timestamps_known: true,
                window_from_client: false,
                why: crate::t!("close() with SO_LINGER on and a zero timeout aborts: RST,ACK at the next sequence number, from the connection's own socket (so it still carries timestamps); the server's next recv() fails with ECONNRESET and no TIME_WAIT is left"),
            });
            return out;
        }
        Scenario::UnreadClose => {
            let close = call_index(ex, Peer::Server, "close(fd)");
            server_ts = clock_at(ex, Peer::Server, close).unwrap_or(server_ts);
            out.push(Segment {
                from: Peer::Server,
                flags: Flags {
                    rst: true,
                    ack: true,
                    ..Flags::default()
                },
                seq: 1,
                ack: Some(client_seq),
                data: Vec::new(),
                options: later_options(ts(server_ts, client_ts)),
                window: server_window(close),
                window_scale: server_scale_later,
                ip_id: Known::No(0),
                flow_label: Known::No(0),
                ecn: 0,
                cause: Cause::Call(close.unwrap_or(0)),
                timestamps_known: true,
                window_from_client: false,
                why: crate::t!("the server closes with bytes it never read: instead of FIN its kernel sends RST,ACK (RFC 9293 3.6: the data would be lost silently otherwise); the client's recv() fails with ECONNRESET"),
            });
            return out;
        }
        _ => {}
    }
    client_ts = client_clock(shutdown, client_ts);
    out.push(Segment {
        from: Peer::Client,
        flags: Flags {
            fin: true,
            ack: true,
            ..Flags::default()
        },
        seq: client_seq,
        ack: Some(1),
        data: Vec::new(),
        options: later_options(ts(client_ts, server_ts)),
        window: client_window(shutdown),
        window_scale: client_scale,
        ip_id: client_id(next_id),
        flow_label: label(syn_label),
        ecn: 0,
        cause: Cause::Call(shutdown.unwrap_or(0)),
        timestamps_known: server_seen,
        window_from_client: false,
        why: crate::t!("the client shuts down its sending side: FIN (it takes one sequence number, like a byte of data)"),
    });
    next_id += 1;
    let client_fin = out.len() - 1;
    if scenario == Scenario::NoAccept {
        let last_recv = nth_call(ex, Peer::Client, "recv(", 0);
        if ex.client_fin_acked {
            out.push(Segment {
                from: Peer::Server,
                flags: Flags {
                    ack: true,
                    ..Flags::default()
                },
                seq: 1,
                ack: Some(client_seq + 1),
                data: Vec::new(),
                options: later_options(ts(server_ts, client_ts)),
                window: server_window(last_recv),
                window_scale: server_scale_later,
                ip_id: Known::No(0),
                flow_label: Known::No(0),
                ecn: 0,
                cause: Cause::Answer(client_fin),
                timestamps_known: false,
                window_from_client: !server_seen,
                why: crate::t!("the server's kernel acknowledges the FIN after its delayed-ACK time (no program to answer for); the connection waits in CLOSE_WAIT in the accept queue"),
            });
        }
        let close = call_index(ex, Peer::Server, "close(listen_fd)");
        out.push(Segment {
            from: Peer::Server,
            flags: Flags {
                rst: true,
                ack: true,
                ..Flags::default()
            },
            seq: 1,
            ack: Some(client_seq + 1),
            data: Vec::new(),
            options: later_options(ts(server_ts, client_ts)),
            window: server_window(last_recv),
            window_scale: server_scale_later,
            ip_id: Known::No(0),
            flow_label: Known::No(0),
            ecn: 0,
            cause: Cause::Call(close.unwrap_or(0)),
            timestamps_known: false,
            window_from_client: !server_seen,
            why: crate::t!("closing the listener resets every connection still in its accept queue: RST,ACK from the connection's own socket (seq and timestamps go on); the client's recv() fails with ECONNRESET"),
        });
        return out;
    }
    // Did the server acknowledge the FIN on its own before sending its own
    // FIN? Its segment counter says: one sent per data segment (its ACK)
    // plus the FIN when the FIN carried the ACK, one more when it came
    // separately.
    let server_shutdown = call_index(ex, Peer::Server, "shutdown(");
    let expected = u32::try_from(chunks.len()).unwrap_or(0) + 1;
    let sent_after = ex.server_final.and_then(|i| i.segs_out).unwrap_or(expected);
    let separate_ack = sent_after > expected;
    let eof = nth_call(
        ex,
        Peer::Server,
        "recv(",
        ex.server_reads.len().saturating_sub(1),
    );
    if separate_ack {
        server_ts = clock_at(ex, Peer::Server, eof).unwrap_or(server_ts);
        out.push(Segment {
            from: Peer::Server,
            flags: Flags {
                ack: true,
                ..Flags::default()
            },
            seq: 1,
            ack: Some(client_seq + 1),
            data: Vec::new(),
            options: later_options(ts(server_ts, client_ts)),
            window: server_window(eof),
            window_scale: server_scale_later,
            ip_id: Known::No(0),
            flow_label: Known::No(0),
            ecn: 0,
            cause: Cause::Answer(client_fin),
            timestamps_known: server_seen,
            window_from_client: !server_seen,
            why: crate::t!("the server's kernel acknowledges the FIN by itself (its application had not closed within the delayed-ACK time)"),
        });
    }
    server_ts = clock_at(ex, Peer::Server, server_shutdown).unwrap_or(server_ts);
    out.push(Segment {
        from: Peer::Server,
        flags: Flags {
            fin: true,
            ack: true,
            ..Flags::default()
        },
        seq: 1,
        ack: Some(client_seq + 1),
        data: Vec::new(),
        options: later_options(ts(server_ts, client_ts)),
        window: server_window(server_shutdown),
        window_scale: server_scale_later,
        ip_id: Known::No(0),
        flow_label: Known::No(0),
        ecn: 0,
        // A server elsewhere makes no calls stackviz sees: its FIN answers
        // the client's.
        cause: server_shutdown.map_or(Cause::Answer(client_fin), Cause::Call),
        timestamps_known: server_seen,
        window_from_client: !server_seen,
        why: if separate_ack {
            crate::t!("the server's application shuts down too: its FIN")
        } else {
            crate::t!("the server's application shuts down too: its FIN also carries the ACK of the client's FIN (ack = the FIN's seq + 1), which the kernel had held back (delayed ACK)")
        },
    });
    let server_fin = out.len() - 1;
    let last_recv = nth_call(ex, Peer::Client, "recv(", 0);
    client_ts = client_clock(last_recv, client_ts);
    out.push(Segment {
        from: Peer::Client,
        flags: Flags {
            ack: true,
            ..Flags::default()
        },
        seq: client_seq + 1,
        ack: Some(2),
        data: Vec::new(),
        options: later_options(ts(client_ts, server_ts)),
        window: client_window(last_recv),
        window_scale: client_scale,
        ip_id: client_id(next_id),
        flow_label: label(syn_label),
        ecn: 0,
        cause: Cause::Answer(server_fin),
        timestamps_known: server_seen,
        window_from_client: false,
        why: crate::t!("the client's kernel acknowledges the server's FIN and keeps the connection in TIME_WAIT, in case this ACK is lost and the FIN comes again"),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_syn_options_take_twenty_bytes_with_everything_on() {
        let o = syn_options(65_495, true, Some((1, 0)), Some(10));
        let bytes = option_bytes(&o);
        assert_eq!(bytes.len(), 20);
        assert_eq!(&bytes[..4], &[2, 4, 0xff, 0xd7]);
        assert_eq!(&bytes[4..6], &[4, 2]);
        assert_eq!(&bytes[16..], &[1, 3, 3, 10]);
    }

    #[test]
    fn the_window_scale_follows_the_largest_receive_buffer() {
        assert_eq!(window_scale_for(Some(32 << 20)), 10);
        assert_eq!(window_scale_for(Some(6 << 20)), 7);
        assert_eq!(window_scale_for(Some(1 << 40)), 14);
        assert_eq!(window_scale_for(Some(1000)), 0);
    }

    #[test]
    fn syn_windows_round_down_to_the_mss() {
        assert_eq!(syn_window(65_495), 65_495);
        assert_eq!(syn_window(65_483), 65_483);
        assert_eq!(syn_window(1_460), 64_240);
    }

    #[test]
    fn a_saved_syn_gives_back_its_isn_window_and_options() {
        // IPv4 header (20 bytes, ID 0x1fda), then a SYN with Linux's options.
        let mut syn = vec![
            0x45, 0, 0, 60, 0x1f, 0xda, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
        ];
        syn.extend_from_slice(&[
            0xdd, 0x1c, 0x3a, 0x99, 0, 0, 0, 5, 0, 0, 0, 0, 0xa0, 0x02, 0xff, 0xd7, 0, 0, 0, 0,
        ]);
        syn.extend_from_slice(&option_bytes(&syn_options(
            65_495,
            true,
            Some((77, 0)),
            Some(10),
        )));
        let s = SavedSyn::parse(&syn).unwrap();
        assert_eq!(
            (s.isn, s.window, s.ip_id, s.tsval),
            (5, 65_495, Some(0x1fda), Some(77))
        );
        assert_eq!(s.options.len(), 5);
        assert!(s.flags.syn && !s.flags.ack);
    }
}
