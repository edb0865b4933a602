//! The captured side of `send --tcp --count N`: every TCP segment on the
//! loopback interface reduced to its header facts as it is read (no payload
//! kept), then, for our connection, the receiver's advertised windows over
//! time, its zero windows and window updates, the sender's zero-window
//! probes and retransmissions. Pure once captured: tests feed made-up
//! segments.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::dissect::view::{protocol, Ethernet};
use crate::net::capture::{FrameSource, PnetSource};

/// TCP flag bits (byte 13 of the header).
pub const FIN: u8 = 0x01;
pub const SYN: u8 = 0x02;
pub const RST: u8 = 0x04;
pub const ACK: u8 = 0x10;

/// One captured TCP segment's header facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireSegment {
    /// When stackviz read it (since the Unix epoch).
    pub at: Duration,
    pub from: SocketAddr,
    pub to: SocketAddr,
    pub seq: u32,
    pub ack: u32,
    pub flags: u8,
    /// The window field as sent (not scaled).
    pub window: u16,
    /// Payload bytes.
    pub len: u32,
    /// The window scale option, on a SYN that carries one.
    pub wscale: Option<u8>,
}

/// The header facts of a TCP segment over IPv4 in an Ethernet frame.
pub fn parse(frame: &[u8], at: Duration) -> Option<WireSegment> {
    let ip = Ethernet::new(frame)?.ipv4()?;
    if ip.protocol() != protocol::TCP || ip.fragment_offset() > 0 {
        return None;
    }
    let tcp = ip.payload();
    let header_len = usize::from(*tcp.get(12)? >> 4) * 4;
    if header_len < 20 || tcp.len() < header_len {
        return None;
    }
    let u16_at = |i: usize| u16::from_be_bytes([tcp[i], tcp[i + 1]]);
    let u32_at = |i: usize| u32::from_be_bytes([tcp[i], tcp[i + 1], tcp[i + 2], tcp[i + 3]]);
    let flags = tcp[13];
    Some(WireSegment {
        at,
        from: SocketAddr::new(ip.source().into(), u16_at(0)),
        to: SocketAddr::new(ip.destination().into(), u16_at(2)),
        seq: u32_at(4),
        ack: u32_at(8),
        flags,
        window: u16_at(14),
        len: (tcp.len() - header_len) as u32,
        wscale: if flags & SYN != 0 {
            window_scale(&tcp[20..header_len])
        } else {
            None
        },
    })
}

/// The shift of the window scale option (kind 3) among TCP options.
fn window_scale(options: &[u8]) -> Option<u8> {
    let mut i = 0;
    while i < options.len() {
        match options[i] {
            0 => return None,
            1 => i += 1,
            kind => {
                let len = usize::from(*options.get(i + 1)?);
                if kind == 3 && len == 3 {
                    return options.get(i + 2).copied();
                }
                if len < 2 {
                    return None;
                }
                i += len;
            }
        }
    }
    None
}

/// A capture read on its own thread while the transfer runs, keeping only
/// the header facts of TCP segments (at most `LIMIT`).
pub struct WireReader {
    stop: Arc<AtomicBool>,
    handle: std::thread::JoinHandle<(PnetSource, Vec<WireSegment>, bool)>,
}

/// Segments kept at most; other programs' loopback TCP counts too.
const LIMIT: usize = 400_000;

pub fn read_in_background(mut source: PnetSource) -> std::io::Result<WireReader> {
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = stop.clone();
    let handle = std::thread::Builder::new()
        .name("capture".into())
        .spawn(move || {
            let mut kept = Vec::new();
            let mut full = false;
            loop {
                match source.next_frame(Duration::from_millis(4)) {
                    Ok(Some(frame)) => {
                        let at = std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .unwrap_or_default();
                        if let Some(segment) = parse(&frame, at) {
                            if kept.len() < LIMIT {
                                kept.push(segment);
                            } else {
                                full = true;
                            }
                        }
                    }
                    Ok(None) if stopping.load(Ordering::Acquire) => break,
                    Ok(None) => {}
                    Err(_) => break,
                }
            }
            (source, kept, full)
        })?;
    Ok(WireReader { stop, handle })
}

impl WireReader {
    /// Stops once what is queued is read: the segments kept and whether
    /// the limit was reached.
    pub fn finish(self) -> Option<(Vec<WireSegment>, bool)> {
        self.stop.store(true, Ordering::Release);
        let (source, kept, full) = self.handle.join().ok()?;
        source.close_in_background();
        Some((kept, full))
    }
}

/// A segment of our connection as the analysis names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The client's new data.
    Data,
    /// The client's data again: the same sequence numbers a second time.
    Retransmission,
    /// seq = snd_una - 1 with 0 or 1 byte while the window is 0: "is your
    /// window still 0?", answered by an ACK with the current window.
    ZeroWindowProbe,
    /// The server advertises a window of 0.
    ZeroWindow,
    /// The server's pure ACK that only opens the window.
    WindowUpdate,
    /// Anything else (handshake, ACKs, FIN).
    Other,
}

/// One segment of our connection, with its window scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// Since connect() returned (may be slightly negative for the handshake:
    /// then 0).
    pub at: Duration,
    pub from_client: bool,
    /// Relative to each side's initial sequence number.
    pub seq: u32,
    pub ack: u32,
    pub len: u32,
    pub flags: u8,
    /// The advertised window in bytes (raw × 2^scale; the SYNs unscaled).
    pub window: u64,
    pub kind: Kind,
}

/// What the capture says about flow control.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WireReport {
    pub events: Vec<Event>,
    /// The window scales each side announced in its SYN (`None`: no SYN
    /// seen, or no option).
    pub client_scale: Option<u8>,
    pub server_scale: Option<u8>,
    pub zero_windows: u64,
    pub probes: u64,
    pub window_updates: u64,
    pub retransmissions: u64,
    /// New data bytes the client's segments carried (each byte once).
    pub data_bytes: u64,
    /// Segments of other connections seen and left out.
    pub other: u64,
    /// The capture reached its limit: later segments are missing.
    pub truncated: bool,
}

impl WireReport {
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.kind == kind)
    }
}

/// Builds the report from the captured segments of the connection
/// `client` ↔ `server`, times relative to `start` (wall clock).
pub fn analyse(
    segments: &[WireSegment],
    client: SocketAddr,
    server: SocketAddr,
    start: Duration,
    truncated: bool,
) -> WireReport {
    let mut report = WireReport {
        truncated,
        ..WireReport::default()
    };
    let ours = |s: &&WireSegment| {
        (s.from == client && s.to == server) || (s.from == server && s.to == client)
    };
    let mine: Vec<&WireSegment> = segments.iter().filter(ours).collect();
    report.other = (segments.len() - mine.len()) as u64;
    let syn_of = |from: SocketAddr| {
        mine.iter()
            .find(|s| s.from == from && s.flags & SYN != 0)
            .copied()
    };
    let (client_syn, server_syn) = (syn_of(client), syn_of(server));
    report.client_scale = client_syn.and_then(|s| s.wscale);
    report.server_scale = server_syn.and_then(|s| s.wscale);
    // Scaling is on only when both SYNs carried the option (RFC 7323).
    let scaling = report.client_scale.is_some() && report.server_scale.is_some();
    let client_isn = client_syn.map(|s| s.seq).or(mine
        .iter()
        .find(|s| s.from == client)
        .map(|s| s.seq.wrapping_sub(1)));
    let server_isn = server_syn.map(|s| s.seq).or(mine
        .iter()
        .find(|s| s.from == server)
        .map(|s| s.seq.wrapping_sub(1)));
    let (Some(client_isn), Some(server_isn)) = (client_isn, server_isn) else {
        return report;
    };
    // The client's highest sequence number sent and the server's last
    // acknowledgment and window, as the segments go by.
    let mut highest_end: u32 = 1;
    let mut snd_una: Option<u32> = None;
    let mut last_server: Option<(u32, u64)> = None;
    for s in mine {
        let from_client = s.from == client;
        let scale = match (scaling, from_client, s.flags & SYN != 0) {
            (false, _, _) | (_, _, true) => 0,
            (true, true, false) => report.client_scale.unwrap_or(0),
            (true, false, false) => report.server_scale.unwrap_or(0),
        };
        let window = u64::from(s.window) << scale.min(14);
        let (seq, ack) = if from_client {
            (
                s.seq.wrapping_sub(client_isn),
                s.ack.wrapping_sub(server_isn),
            )
        } else {
            (
                s.seq.wrapping_sub(server_isn),
                s.ack.wrapping_sub(client_isn),
            )
        };
        let plain = s.flags & (SYN | FIN | RST) == 0;
        let kind = if from_client {
            let window_closed = last_server.is_some_and(|(_, w)| w == 0);
            if plain && s.len <= 1 && window_closed && Some(seq.wrapping_add(1)) == snd_una {
                Kind::ZeroWindowProbe
            } else if s.len > 0 && seq < highest_end {
                Kind::Retransmission
            } else if s.len > 0 {
                Kind::Data
            } else {
                Kind::Other
            }
        } else if window == 0 && s.flags & RST == 0 {
            Kind::ZeroWindow
        } else if plain && s.len == 0 && last_server.is_some_and(|(a, w)| a == ack && window > w) {
            Kind::WindowUpdate
        } else {
            Kind::Other
        };
        if from_client && s.len > 0 && kind != Kind::ZeroWindowProbe {
            let end = seq.wrapping_add(s.len);
            if end > highest_end {
                report.data_bytes += u64::from(end - highest_end.max(seq));
                highest_end = end;
            }
        }
        if !from_client && s.flags & ACK != 0 {
            snd_una = Some(snd_una.map_or(ack, |u: u32| u.max(ack)));
            last_server = Some((ack, window));
        }
        match kind {
            Kind::ZeroWindow => report.zero_windows += 1,
            Kind::ZeroWindowProbe => report.probes += 1,
            Kind::WindowUpdate => report.window_updates += 1,
            Kind::Retransmission => report.retransmissions += 1,
            _ => {}
        }
        report.events.push(Event {
            at: s.at.saturating_sub(start),
            from_client,
            seq,
            ack,
            len: s.len,
            flags: s.flags,
            window,
            kind,
        });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(from_client: bool, seq: u32, ack: u32, flags: u8, window: u16, len: u32) -> WireSegment {
        let c: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let s: SocketAddr = "127.0.0.1:15661".parse().unwrap();
        let (from, to) = if from_client { (c, s) } else { (s, c) };
        WireSegment {
            at: Duration::from_millis(u64::from(seq)),
            from,
            to,
            seq,
            ack,
            flags,
            window,
            len,
            wscale: (flags & SYN != 0).then_some(0),
        }
    }

    #[test]
    fn zero_windows_probes_and_updates_are_told_apart() {
        let c: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let s: SocketAddr = "127.0.0.1:15661".parse().unwrap();
        let segments = [
            seg(true, 1000, 0, SYN, 65495, 0),
            seg(false, 5000, 1001, SYN | ACK, 4096, 0),
            seg(true, 1001, 5001, ACK, 512, 0),
            seg(true, 1001, 5001, ACK, 512, 4096),
            seg(false, 5001, 5097, ACK, 0, 0),
            // The probe: seq = snd_una - 1, no data.
            seg(true, 5096, 5001, ACK, 512, 0),
            seg(false, 5001, 5097, ACK, 0, 0),
            // The window opens: a pure ACK, same ack, bigger window.
            seg(false, 5001, 5097, ACK, 4096, 0),
            seg(true, 5097, 5001, ACK, 512, 100),
            // The same bytes again.
            seg(true, 5097, 5001, ACK, 512, 100),
        ];
        let r = analyse(&segments, c, s, Duration::ZERO, false);
        let kinds: Vec<Kind> = r.events.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Other,
                Kind::Other,
                Kind::Other,
                Kind::Data,
                Kind::ZeroWindow,
                Kind::ZeroWindowProbe,
                Kind::ZeroWindow,
                Kind::WindowUpdate,
                Kind::Data,
                Kind::Retransmission
            ]
        );
        assert_eq!((r.zero_windows, r.probes, r.window_updates), (2, 1, 1));
        assert_eq!(r.retransmissions, 1);
        assert_eq!(r.data_bytes, 4196);
        assert_eq!(r.events[4].ack, 4097);
    }

    #[test]
    fn windows_are_scaled_only_when_both_syns_offer_it() {
        let c: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let s: SocketAddr = "127.0.0.1:15661".parse().unwrap();
        let mut syn = seg(true, 0, 0, SYN, 65495, 0);
        syn.wscale = Some(10);
        let mut synack = seg(false, 0, 1, SYN | ACK, 4096, 0);
        synack.wscale = Some(1);
        let segments = [
            syn,
            synack,
            seg(true, 1, 1, ACK, 64, 0),
            seg(false, 1, 1, ACK, 2048, 0),
        ];
        let r = analyse(&segments, c, s, Duration::ZERO, false);
        let windows: Vec<u64> = r.events.iter().map(|e| e.window).collect();
        assert_eq!(windows, [65495, 4096, 65536, 4096]);
        synack.wscale = None;
        let segments = [syn, synack, seg(true, 1, 1, ACK, 64, 0)];
        let r = analyse(&segments, c, s, Duration::ZERO, false);
        assert_eq!(r.events[2].window, 64);
    }

    #[test]
    fn the_window_scale_option_is_found_among_others() {
        // MSS, SACK_PERM, Timestamps, NOP, WScale 7 (Linux's order).
        let options = [
            2, 4, 0xff, 0xd7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
        ];
        assert_eq!(window_scale(&options), Some(7));
        assert_eq!(window_scale(&[2, 4, 5, 0xb4]), None);
        assert_eq!(window_scale(&[2, 0, 3, 3, 7]), None);
    }
}
