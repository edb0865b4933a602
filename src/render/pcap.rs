//! `--pcap FILE`: the built frame and the captured frames in one pcapng file
//! that Wireshark and tshark open. pcapng (not classic pcap) because each
//! interface block can say whether its frames carry an FCS: ours do, captured
//! ones do not, and the if_fcslen option tells the reader so.

use std::borrow::Cow;
use std::io::Write;
use std::time::Duration;

use pcap_file::pcapng::blocks::enhanced_packet::{EnhancedPacketBlock, EnhancedPacketOption};
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::PcapNgWriter;
use pcap_file::DataLink;

use crate::send::SendReport;
use crate::session::EventKind;
use crate::t;

/// One frame for the file.
pub struct PcapFrame<'a> {
    pub bytes: &'a [u8],
    /// Time since the Unix epoch.
    pub timestamp: Duration,
    /// Name of the interface block, e.g. "stackviz (built)" or "lo".
    pub interface: &'a str,
    /// 4 when the frame ends with its FCS, else 0.
    pub fcs_len: u8,
    pub comment: String,
}

/// Writes `frames` as a pcapng stream.
pub fn write(frames: &[PcapFrame<'_>], out: impl Write) -> Result<(), pcap_file::PcapError> {
    let mut writer = PcapNgWriter::new(out)?;
    let mut interfaces: Vec<(&str, u8)> = Vec::new();
    for frame in frames {
        let key = (frame.interface, frame.fcs_len);
        let id = match interfaces.iter().position(|k| *k == key) {
            Some(id) => id,
            None => {
                writer.write_pcapng_block(InterfaceDescriptionBlock {
                    linktype: DataLink::ETHERNET,
                    snaplen: 0,
                    options: vec![
                        InterfaceDescriptionOption::IfName(Cow::Borrowed(frame.interface)),
                        InterfaceDescriptionOption::IfFcsLen(frame.fcs_len),
                        // pcap-file writes timestamps in nanoseconds; say so,
                        // or readers assume microseconds (1000 times off).
                        InterfaceDescriptionOption::IfTsResol(9),
                    ],
                })?;
                interfaces.push(key);
                interfaces.len() - 1
            }
        };
        writer.write_pcapng_block(EnhancedPacketBlock {
            interface_id: id as u32,
            timestamp: frame.timestamp,
            original_len: frame.bytes.len() as u32,
            data: Cow::Borrowed(frame.bytes),
            options: vec![EnhancedPacketOption::Comment(Cow::Borrowed(&frame.comment))],
        })?;
    }
    Ok(())
}

/// The frames for `--pcap`: the built one (with its FCS), then the captured ones.
pub fn send_frames(report: &SendReport) -> Vec<PcapFrame<'_>> {
    let trace = report.trace();
    let datagram = trace.of_kind(EventKind::Datagram).next();
    // The built frame has no time of its own: file it with the captured
    // datagram's, so both sort together; else now.
    let sent_at = datagram.and_then(|d| d.at).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
    });
    let mut frames: Vec<PcapFrame<'_>> = datagram
        .and_then(|d| d.built)
        .map(|built| PcapFrame {
            bytes: built.bytes,
            timestamp: sent_at,
            interface: "stackviz (built frame, with FCS)",
            fcs_len: 4,
            comment: t!("built by stackviz: what Ethernet would carry for this datagram").into(),
        })
        .into_iter()
        .collect();
    let Some(interface) = trace.interface else {
        return frames;
    };
    // The captured datagram, then the ICMP answer (the file has always
    // carried these two of the captured frames).
    let caught = trace
        .of_kind(EventKind::Datagram)
        .chain(trace.of_kind(EventKind::IcmpAnswer));
    for event in caught {
        let Some(frame) = event.captured else {
            continue;
        };
        let comment = match event.kind {
            EventKind::IcmpAnswer => t!(
                "captured on {interface}: ICMP error as the kernel sent it",
                interface
            ),
            _ => t!(
                "captured on {interface}: our datagram as the kernel sent it",
                interface
            ),
        };
        frames.push(PcapFrame {
            bytes: &frame.bytes,
            timestamp: frame.read_at,
            interface,
            fcs_len: 0,
            comment,
        });
    }
    frames
}

/// The frames of `send --tcp`: every built segment (with FCS, on the
/// "built" interface), then every captured one (on the capture's interface),
/// each commented with its number and flags.
pub fn tcp_frames(report: &crate::tcp::TcpReport) -> Vec<PcapFrame<'_>> {
    let started = report.exchange.started_at;
    let mut frames: Vec<PcapFrame<'_>> = report
        .segments
        .iter()
        .map(|s| PcapFrame {
            bytes: &s.bytes,
            // Built segments have no time of their own: a microsecond apart
            // from the run's start keeps them in order.
            timestamp: started + Duration::from_micros(s.number as u64),
            interface: "stackviz (built frame, with FCS)",
            fcs_len: 4,
            comment: t!(
                "built by stackviz: segment {n}, {flags}",
                n = s.number,
                flags = s.predicted.flags.names()
            ),
        })
        .collect();
    let Some(caught) = &report.caught else {
        return frames;
    };
    for s in &report.segments {
        if let Some(c) = &s.captured {
            frames.push(PcapFrame {
                bytes: &c.bytes,
                timestamp: c.read_at,
                interface: &caught.interface,
                fcs_len: 0,
                comment: t!(
                    "captured on {interface}: segment {n} as the kernel sent it",
                    interface = caught.interface.clone(),
                    n = s.number
                ),
            });
        }
    }
    for c in &caught.unpredicted {
        frames.push(PcapFrame {
            bytes: &c.bytes,
            timestamp: c.read_at,
            interface: &caught.interface,
            fcs_len: 0,
            comment: t!(
                "captured on {interface}: a segment stackviz did not predict",
                interface = caught.interface.clone()
            ),
        });
    }
    frames
}
