//! The same message over TCP and over UDP on the lab's 1500-byte link,
//! captured where it arrives (b's end): TCP cuts the stream into segments
//! that fit (the MSS, with send offload off on the lab's link so the
//! capture sees the real segments), UDP hands IP one datagram bigger than
//! the MTU and IP cuts it into fragments. Everything shown is what the
//! capture saw and what the sockets returned.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

use etherparse::{NetSlice, SlicedPacket, TransportSlice};
use serde::Serialize;

use super::{link, netns, Names, ADDR_B};
use crate::error::Error;
use crate::net::capture;
use crate::t;

/// Every wait of the run.
const LIMIT: Duration = Duration::from_secs(10);

/// One TCP segment with data, as it arrived at b.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// Bytes of data it carried.
    pub data: usize,
    /// Its IPv4 total length.
    pub ip_length: usize,
}

/// One IPv4 fragment of the UDP datagram, as it arrived at b.
#[derive(Debug, Clone, Serialize)]
pub struct Fragment {
    /// Where its piece lies in the datagram's IP payload (UDP header first).
    pub offset: usize,
    /// Bytes of the IP payload it carries.
    pub length: usize,
    pub more_fragments: bool,
    pub ip_length: usize,
}

/// What the run saw.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub bytes: usize,
    /// The link's MTU, as b's end reports it.
    pub mtu: Option<usize>,
    /// TCP_MAXSEG of the client after connect(): the data one segment carries.
    pub tcp_maxseg: Option<u32>,
    pub tcp_segments: Vec<Segment>,
    /// The server read every byte, in order.
    pub tcp_intact: bool,
    pub udp_fragments: Vec<Fragment>,
    /// recvfrom() returned the whole datagram, byte for byte.
    pub udp_intact: bool,
}

fn lab_error(message: String) -> Error {
    Error::Lab {
        message,
        hint: t!("run stackviz lab status to see the lab").to_string(),
        usage: false,
    }
}

/// The message: the same bytes for both transports.
fn message(n: usize) -> Vec<u8> {
    (0..n).map(|i| b'a' + (i % 26) as u8).collect()
}

/// Sends `bytes` over TCP, then over UDP, from a to b, capturing at b.
pub fn run(names: &Names, bytes: usize) -> Result<Report, Error> {
    link::require_up(names)?;
    let (ns_a, ns_b) = (names.ns_a(), names.ns_b());
    let dev_b = names.dev_b();
    // The link's MTU as `ip -n NS link show dev DEV` says it ("... mtu 1500 ...").
    let mtu = super::tools::must("ip", &["-n", &ns_b, "-o", "link", "show", "dev", &dev_b])
        .ok()
        .and_then(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            words
                .iter()
                .position(|w| *w == "mtu")
                .and_then(|i| words.get(i + 1))
                .and_then(|m| m.parse().ok())
        });
    let listener = netns::run_in(&ns_b, || TcpListener::bind((ADDR_B, 0)))?
        .map_err(|e| lab_error(format!("bind: {e}")))?;
    let receiver = netns::run_in(&ns_b, || UdpSocket::bind((ADDR_B, 0)))?
        .map_err(|e| lab_error(format!("bind: {e}")))?;
    let tcp_server: SocketAddr = listener
        .local_addr()
        .map_err(|e| lab_error(format!("getsockname: {e}")))?;
    let udp_server: SocketAddr = receiver
        .local_addr()
        .map_err(|e| lab_error(format!("getsockname: {e}")))?;
    let dev = dev_b.clone();
    let cap = netns::run_in(&ns_b, move || capture::open(&dev))?.map_err(Error::Capture)?;
    let background = capture::read_in_background(cap, |f| f.len() > 14, 10_000)
        .map_err(|e| lab_error(format!("capture: {e}")))?;

    let data = message(bytes);
    // TCP: the server reads to the end on a thread of its own.
    let reader = std::thread::spawn(move || -> std::io::Result<Vec<u8>> {
        listener.set_nonblocking(true)?;
        let deadline = Instant::now() + LIMIT;
        let (mut stream, _) = loop {
            match listener.accept() {
                Ok(pair) => break pair,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if Instant::now() > deadline {
                        return Err(std::io::ErrorKind::TimedOut.into());
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(e) => return Err(e),
            }
        };
        stream.set_nonblocking(false)?;
        stream.set_read_timeout(Some(LIMIT))?;
        let mut got = Vec::new();
        stream.read_to_end(&mut got)?;
        Ok(got)
    });
    let sent = data.clone();
    let maxseg = netns::run_in(&ns_a, move || -> std::io::Result<Option<u32>> {
        let mut stream = TcpStream::connect_timeout(&tcp_server, LIMIT)?;
        let maxseg = crate::net::sockopt::tcp_maxseg(&stream).ok();
        stream.set_write_timeout(Some(LIMIT))?;
        stream.write_all(&sent)?;
        stream.shutdown(std::net::Shutdown::Write)?;
        let mut rest = Vec::new();
        stream.set_read_timeout(Some(LIMIT))?;
        let _ = stream.read_to_end(&mut rest);
        Ok(maxseg)
    })?
    .map_err(|e| lab_error(t!("the transfer failed: {error}", error = e)))?;
    let tcp_got = reader
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("reader")))
        .map_err(|e| lab_error(t!("the transfer failed: {error}", error = e)))?;
    // UDP: one sendto() of the same bytes. The socket leaves DF off
    // (IP_PMTUDISC_DONT), so IP may cut the datagram as IPv4 allows.
    let sent = data.clone();
    netns::run_in(&ns_a, move || -> std::io::Result<()> {
        let socket = UdpSocket::bind(("0.0.0.0", 0))?;
        crate::net::sockopt::set_pmtudisc_dont(&socket)?;
        socket.send_to(&sent, udp_server)?;
        Ok(())
    })?
    .map_err(|e| lab_error(t!("the transfer failed: {error}", error = e)))?;
    receiver
        .set_read_timeout(Some(LIMIT))
        .map_err(|e| lab_error(format!("setsockopt: {e}")))?;
    let mut buf = vec![0u8; 65_536];
    let udp_got = receiver
        .recv_from(&mut buf)
        .map(|(n, _)| buf[..n].to_vec())
        .unwrap_or_default();
    // Every frame crossed before recvfrom() returned; the capture drains.
    let (source, frames, _) = background
        .finish()
        .map_err(|e| lab_error(format!("capture: {e}")))?;
    source.close_in_background();

    let mut tcp_segments = Vec::new();
    let mut udp_fragments = Vec::new();
    for (frame, _) in &frames {
        let Ok(packet) = SlicedPacket::from_ethernet(frame) else {
            continue;
        };
        let Some(NetSlice::Ipv4(ip)) = &packet.net else {
            continue;
        };
        let header = ip.header();
        let ip_length = usize::from(header.total_len());
        let offset = usize::from(header.fragments_offset().value()) * 8;
        let more = header.more_fragments();
        if header.protocol() == etherparse::IpNumber::UDP && (more || offset > 0) {
            udp_fragments.push(Fragment {
                offset,
                length: ip_length.saturating_sub(usize::from(header.ihl()) * 4),
                more_fragments: more,
                ip_length,
            });
            continue;
        }
        if let Some(TransportSlice::Tcp(tcp)) = &packet.transport {
            if tcp.destination_port() == tcp_server.port() && !tcp.payload().is_empty() {
                tcp_segments.push(Segment {
                    data: tcp.payload().len(),
                    ip_length,
                });
            }
        }
    }
    udp_fragments.sort_by_key(|f| f.offset);
    Ok(Report {
        bytes,
        mtu,
        tcp_maxseg: maxseg,
        tcp_intact: tcp_got == data,
        tcp_segments,
        udp_intact: udp_got == data,
        udp_fragments,
    })
}
