//! `send --compare-transports`: the same message over UDP and over TCP side
//! by side: packets, bytes on the wire, header overhead, round trips before
//! the data, every socket call with what it returned, and a conclusion.

use std::io::{self, Write};

use super::words::bytes;
use super::{heading, new_table, RenderOptions};
use crate::t;
use crate::transports::{Transport, TransportComparison};

fn end_name(end: &str) -> &'static str {
    match end {
        "sender" => t!("sender"),
        "receiver" => t!("receiver"),
        "client" => t!("client"),
        _ => t!("server"),
    }
}

/// `IPv4 20 + UDP 8 = 28` for the first packet that carries data.
fn per_data_packet(side: &Transport, ip: &str, transport: &str) -> String {
    match side.first_data() {
        Some(p) => format!(
            "{ip} {} + {transport} {} = {}",
            p.ip_header,
            p.transport_header,
            p.ip_header + p.transport_header
        ),
        None => "-".into(),
    }
}

/// The conclusion, from the numbers.
pub fn conclusion(c: &TransportComparison) -> String {
    let (size, udp_ip, udp_headers) = (bytes(c.message), c.udp.ip_bytes(), c.udp.header_bytes());
    let udp = if c.udp.packets.len() == 1 {
        t!(
            "UDP carried the {size} in 1 datagram ({udp_ip} bytes of IP, {udp_headers} of them headers) with nothing exchanged before it;",
            size,
            udp_ip,
            udp_headers
        )
    } else {
        t!(
            "UDP carried the {size} in {count} datagrams ({udp_ip} bytes of IP, {udp_headers} of them headers) with nothing exchanged before them;",
            size,
            count = c.udp.packets.len(),
            udp_ip,
            udp_headers
        )
    };
    let tcp = t!(
        "TCP needed {tcp_packets} segments ({tcp_ip} bytes of IP, {tcp_headers} of them headers) and the three-way handshake ({round_trips} round trip) before the first byte could be sent: the price of a connection whose every byte is acknowledged, ordered and retransmitted if lost, and which is opened and closed explicitly.",
        tcp_packets = c.tcp.packets.len(),
        tcp_ip = c.tcp.ip_bytes(),
        tcp_headers = c.tcp.header_bytes(),
        round_trips = c.tcp.round_trips_before_data()
    );
    // Chinese sentences run on without a space.
    match crate::i18n::language() {
        crate::i18n::Lang::Zh => format!("{udp}{tcp}"),
        crate::i18n::Lang::En => format!("{udp} {tcp}"),
    }
}

fn capture_cell(side: &Transport) -> String {
    match side.unexpected {
        Some(0) => t!("captured: matches what was built").into(),
        Some(n) => t!("captured: {n} unexpected differences", n),
        None => t!("not captured (sizes as built)").into(),
    }
}

pub fn render(
    c: &TransportComparison,
    ip: &str,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let out = &mut super::wrap::Wrap::new(out, options.width);
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "The same {size} over UDP and over TCP: two real exchanges, every packet built from what really happened",
                size = bytes(c.message)
            )
        )
    )?;
    let (u, p) = (&c.udp, &c.tcp);
    let mut table = new_table(options);
    table.set_header(vec![String::new(), "UDP".to_string(), "TCP".to_string()]);
    let rows: Vec<(String, String, String)> = vec![
        (
            t!("packets on the wire").into(),
            if u.packets.len() == 1 {
                t!("1 datagram").to_string()
            } else {
                t!("{n} datagrams", n = u.packets.len())
            },
            t!("{n} segments", n = p.packets.len()),
        ),
        (
            t!("of them carrying data").into(),
            u.data_packets().to_string(),
            p.data_packets().to_string(),
        ),
        (
            t!("bytes of IP packets (sum of their total lengths)").into(),
            u.ip_bytes().to_string(),
            p.ip_bytes().to_string(),
        ),
        (
            t!("bytes of Ethernet frames (header, padding to 60, FCS)").into(),
            u.frame_bytes().to_string(),
            p.frame_bytes().to_string(),
        ),
        (
            t!("header bytes (IP + transport, all packets)").into(),
            u.header_bytes().to_string(),
            p.header_bytes().to_string(),
        ),
        (
            t!("headers per data packet").into(),
            per_data_packet(u, ip, "UDP"),
            per_data_packet(p, ip, "TCP"),
        ),
        (
            t!("round trips before the first byte is delivered").into(),
            u.round_trips_before_data().to_string(),
            p.round_trips_before_data().to_string(),
        ),
        (
            t!("socket calls").into(),
            t!(
                "{n} (sender {a}, receiver {b})",
                n = u.calls.len(),
                a = u.calls_of("sender"),
                b = u.calls_of("receiver")
            ),
            t!(
                "{n} (client {a}, server {b})",
                n = p.calls.len(),
                a = p.calls_of("client"),
                b = p.calls_of("server")
            ),
        ),
        (
            t!("bytes the receiving program got").into(),
            u.delivered.to_string(),
            p.delivered.to_string(),
        ),
        (t!("capture").into(), capture_cell(u), capture_cell(p)),
    ];
    for (what, a, b) in rows {
        table.add_row(vec![what, a, b]);
    }
    writeln!(out, "{table}")?;
    writeln!(out)?;
    writeln!(out, "{}", heading(options, t!("Every packet")))?;
    let mut table = new_table(options);
    table.set_header(vec![
        t!("transport"),
        t!("#"),
        t!("from"),
        t!("what"),
        t!("IP bytes"),
        t!("headers"),
        t!("data"),
        t!("frame bytes"),
    ]);
    for (name, side, ends) in [
        ("UDP", u, ("sender", "receiver")),
        ("TCP", p, ("client", "server")),
    ] {
        for (i, packet) in side.packets.iter().enumerate() {
            table.add_row(vec![
                name.to_string(),
                (i + 1).to_string(),
                end_name(if packet.from_sender { ends.0 } else { ends.1 }).to_string(),
                packet.what.clone(),
                packet.ip_length.to_string(),
                (packet.ip_length - packet.data_length).to_string(),
                packet.data_length.to_string(),
                packet.frame_length.to_string(),
            ]);
        }
    }
    writeln!(out, "{table}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        heading(options, t!("Every socket call and what it returned"))
    )?;
    let mut table = new_table(options);
    table.set_header(vec![t!("transport"), t!("end"), t!("call"), t!("returned")]);
    for (name, side) in [("UDP", u), ("TCP", p)] {
        for call in &side.calls {
            table.add_row(vec![
                name.to_string(),
                end_name(call.end).to_string(),
                call.call.clone(),
                call.result.clone(),
            ]);
        }
    }
    writeln!(out, "{table}")?;
    writeln!(out)?;
    writeln!(out, "{}", heading(options, t!("Conclusion")))?;
    writeln!(out, "{}", conclusion(c))
}
