//! The output of `stackviz decode`: per frame the layers outermost first
//! (the order a receiver strips them) with checks and the coloured hex dump,
//! or one summary line per frame; then the closing count.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::field_id;
use crate::t;

use super::{heading, hex, layers, RenderOptions};
use crate::decode::Link;
use crate::dissect::icmp_names;
use crate::model::{Dissection, LayerKind, Value};
use crate::session::FrameEvent;

fn time_of_day(ts: std::time::Duration) -> String {
    let secs = ts.as_secs();
    format!(
        "{:02}:{:02}:{:02}.{:06}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60,
        ts.subsec_micros()
    )
}

fn link_name(link: Link) -> String {
    match link {
        Link::Ethernet => "Ethernet".into(),
        Link::RawIp => t!("raw IP").into(),
        Link::LinuxSll => t!("Linux cooked capture").into(),
        Link::Other(n) => t!("link type {n}", n),
    }
}

/// Full detail for one frame.
///
/// Draws one decoded frame of the trace; any other kind of event draws
/// nothing.
pub fn frame(
    event: &FrameEvent<'_>,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let Some(f) = event.decoded() else {
        return Ok(());
    };
    let out = &mut super::wrap::Wrap::new(out, options.width);
    let mut title = t!(
        "Frame {number}: {size}",
        number = f.number,
        size = super::words::bytes(f.read.bytes.len())
    );
    if f.original_length > f.read.bytes.len() {
        title.push_str(&t!(
            " (cut short by the capture at {captured} of {original} bytes)",
            captured = f.read.bytes.len(),
            original = f.original_length
        ));
    } else if f.original_length != f.read.bytes.len() {
        title.push_str(&t!(
            " (the capture says {size} on the wire)",
            size = f.original_length
        ));
    }
    title.push_str(&t!(", {link}", link = link_name(f.link)));
    if let Some(ts) = f.at {
        title.push_str(&t!(", {time} UTC", time = time_of_day(ts)));
    }
    writeln!(out, "{}", heading(options, &title))?;
    writeln!(
        out,
        "{}",
        t!("layers outermost first, the order a receiver strips them; every value read from the input")
    )?;
    layers::layers_outermost_first(f.read.dissection, f.read.bytes, out, options)?;
    hex::render(f.read.bytes, f.read.dissection, out, options)?;
    writeln!(out)
}

fn text(d: &Dissection, id: &str) -> Option<String> {
    d.field(id).map(|f| f.value.to_string())
}

/// One line per frame, like tcpdump's: number, time, protocols, who to whom,
/// what. Empty for an event that is not a decoded frame.
pub fn summary_line(event: &FrameEvent<'_>) -> String {
    let Some(f) = event.decoded() else {
        return String::new();
    };
    let d = f.read.dissection;
    let mut line = format!("{:>6}", f.number);
    if let Some(ts) = f.at {
        let _ = write!(line, " {}", time_of_day(ts));
    }
    let stack: Vec<&str> = d.layers.iter().map(|l| l.protocol).collect();
    let _ = write!(line, " {}", stack.join("/"));
    let (src, dst) = ["ipv6", "ipv4"]
        .iter()
        .find_map(|p| Some((text(d, &format!("{p}.src"))?, text(d, &format!("{p}.dst"))?)))
        .or_else(|| Some((text(d, field_id::ETH_SRC)?, text(d, field_id::ETH_DST)?)))
        .unwrap_or_default();
    // The ports and flags of a transport header quoted in an ICMP error
    // belong to the quoted packet, which went the other way: they are not
    // shown beside the error's own addresses.
    let is_icmp =
        d.field(field_id::ICMP_TYPE).is_some() || d.field(field_id::ICMPV6_TYPE).is_some();
    let ports = d
        .layers
        .iter()
        .rev()
        .filter(|_| !is_icmp)
        .find(|l| l.layer == LayerKind::Transport)
        .and_then(|l| {
            let p = |suffix: &str| {
                l.fields
                    .iter()
                    .find(|f| f.id.ends_with(suffix))
                    .map(|f| f.value.to_string())
            };
            Some((p("src_port")?, p("dst_port")?))
        });
    match ports {
        Some((sp, dp)) => {
            let _ = write!(line, " {src}.{sp} > {dst}.{dp}");
        }
        None if !src.is_empty() => {
            let _ = write!(line, " {src} > {dst}");
        }
        None => {}
    }
    let flags: Vec<&str> = d
        .layers
        .iter()
        .flat_map(|l| &l.fields)
        .filter(|f| !is_icmp && f.id.starts_with("tcp.flags.") && f.value == Value::Number(1))
        .map(|f| f.id.trim_start_matches("tcp.flags."))
        .collect();
    if !flags.is_empty() {
        let _ = write!(line, " [{}]", flags.join(","));
    }
    for id in [field_id::ARP_OPER, field_id::ICMPV6_TYPE] {
        if let Some(f) = d.field(id) {
            let _ = write!(line, " {}", f.meaning);
        }
    }
    // ICMP's Type row names only the type; the summary adds the code's name.
    let number = |id: &str| match d.field(id).map(|f| &f.value) {
        Some(Value::Number(n)) => u8::try_from(*n).ok(),
        _ => None,
    };
    if let (Some(kind), Some(code)) = (number(field_id::ICMP_TYPE), number(field_id::ICMP_CODE)) {
        let _ = write!(line, " {}", icmp_names::headline(kind, code));
    }
    if let Some(app) = d.layer(LayerKind::Application) {
        line.push_str(&t!(", length {size}", size = app.pdu_length));
    }
    // The frame's own size, and how much of it the capture kept: a built
    // frame (with padding and FCS) and its captured copy differ here.
    if f.read.bytes.len() < f.original_length {
        line.push_str(&t!(
            ", frame cut short by the capture at {captured} of {original} bytes",
            captured = f.read.bytes.len(),
            original = f.original_length
        ));
    } else {
        line.push_str(&t!(
            ", frame {size}",
            size = super::words::bytes(f.read.bytes.len())
        ));
    }
    if let Some(comment) = f.read.comment.filter(|c| !c.is_empty()) {
        line.push_str(&t!("; comment: {comment}", comment));
    }
    if let Some(m) = &d.malformed {
        line.push_str(&t!(
            " MALFORMED: {protocol} at offset {offset}",
            protocol = m.protocol,
            offset = m.offset
        ));
    }
    line
}

/// The closing line.
pub fn closing(
    frames: usize,
    shown: usize,
    malformed: usize,
    cut_short: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut line = if frames == 1 {
        t!(
            "1 frame read, {shown} shown, {malformed} malformed",
            shown,
            malformed
        )
    } else {
        t!(
            "{frames} frames read, {shown} shown, {malformed} malformed",
            frames,
            shown,
            malformed
        )
    };
    if cut_short > 0 {
        line.push_str(&t!(
            ", {cut_short} cut short by the capture (not counted as malformed)",
            cut_short
        ));
    }
    writeln!(out, "{line}")
}
