//! The one dissector: any Ethernet II frame, built by us or caught off the
//! wire, becomes a `Dissection` (layers, fields, checks). Each protocol lives
//! in its own file; this one walks from the outermost layer inwards.

pub mod checksum;
pub mod ethernet;
pub mod fields;
pub mod icmp;
pub mod ipv4;
pub mod payload;
pub mod physical;
pub mod udp;

use crate::model::{Dissection, Layer, Malformed, Span};

/// Whether the frame's last four bytes are its FCS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fcs {
    /// Built frames carry one.
    Present,
    /// Captured frames do not: the network card strips it.
    Absent,
    /// Frames from elsewhere: present if the last four bytes are a correct CRC-32.
    Detect,
}

/// Dissects an Ethernet II frame. Never panics: whatever cannot be dissected
/// is reported in `malformed` with the layer and the byte offset.
pub fn dissect_ethernet(frame: &[u8], fcs: Fcs) -> Dissection {
    let has_fcs = match fcs {
        Fcs::Present => frame.len() >= ethernet::HEADER_LEN + ethernet::FCS_LEN,
        Fcs::Absent => false,
        Fcs::Detect => ethernet::ends_with_valid_fcs(frame),
    };
    let data_end = if has_fcs {
        frame.len() - ethernet::FCS_LEN
    } else {
        frame.len()
    };
    let mut dissection = Dissection {
        frame_length: frame.len(),
        layers: Vec::new(),
        malformed: None,
    };
    if data_end < ethernet::HEADER_LEN {
        dissection.malformed = Some(Malformed {
            protocol: "Ethernet II",
            offset: 0,
            message: format!(
                "Ethernet II header needs 14 bytes, {} left at offset 0",
                data_end
            ),
        });
        return dissection;
    }
    let (mut link, ether_type) = ethernet::header_layer(frame, frame.len());
    let mut inner: Vec<Layer> = Vec::new();
    let mut packet_end = data_end;
    let result = match ether_type {
        0x0800 => dissect_ipv4(
            frame,
            ethernet::HEADER_LEN,
            data_end,
            &mut inner,
            &mut packet_end,
        ),
        other => {
            inner.push(payload::layer(
                frame,
                Span {
                    offset: ethernet::HEADER_LEN,
                    length: data_end - ethernet::HEADER_LEN,
                },
                ethernet::ether_type_name(other),
            ));
            Ok(())
        }
    };
    if let Err(problem) = result {
        dissection.malformed = Some(problem);
    }
    ethernet::add_padding(
        &mut link,
        frame,
        Span {
            offset: packet_end,
            length: data_end - packet_end,
        },
    );
    if has_fcs {
        ethernet::add_fcs(&mut link, frame);
    }
    dissection.layers.push(link);
    dissection.layers.extend(inner);
    dissection
}

fn dissect_ipv4(
    frame: &[u8],
    start: usize,
    end: usize,
    inner: &mut Vec<Layer>,
    packet_end: &mut usize,
) -> Result<(), Malformed> {
    let ip = ipv4::dissect(frame, start, end)?;
    *packet_end = ip.payload.end();
    let payload_span = ip.payload;
    inner.push(ip.layer);
    if ip.fragment {
        inner.push(payload::layer(frame, payload_span, "IPv4 fragment data"));
        return Ok(());
    }
    match ip.protocol {
        17 => {
            let datagram = udp::dissect(
                frame,
                payload_span.offset,
                payload_span.end(),
                ip.source,
                ip.destination,
            )?;
            let data = datagram.payload;
            inner.push(datagram.layer);
            inner.push(payload::layer(frame, data, "application data"));
        }
        1 => icmp::dissect(frame, payload_span.offset, payload_span.end(), inner)?,
        other => inner.push(payload::layer(
            frame,
            payload_span,
            ipv4::protocol_name(other),
        )),
    }
    Ok(())
}
