//! `send --compare-families`: the same payload sent over IPv4 and over IPv6,
//! side by side: what each layer added and how big the PDU grew.

use std::io::{self, Write};

use crate::t;

use super::{heading, new_table, RenderOptions};
use crate::model::LayerKind;
use crate::send::SendReport;

pub fn render(
    v4: &SendReport,
    v6: &SendReport,
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
                "The same {size} bytes over IPv4 ({source4} → {destination4}) and IPv6 ({source6} → {destination6}): two real exchanges",
                size = v4.spec.payload.len(),
                source4 = v4.exchange.source,
                destination4 = v4.exchange.destination,
                source6 = v6.exchange.source,
                destination6 = v6.exchange.destination
            )
        )
    )?;
    let (s4, s6) = (
        v4.dissection.encapsulation_steps(),
        v6.dissection.encapsulation_steps(),
    );
    let mut table = new_table(options);
    table.set_header(vec![
        t!("layer"),
        t!("IPv4: protocol"),
        t!("adds"),
        t!("PDU size"),
        t!("IPv6: protocol"),
        t!("adds"),
        t!("PDU size"),
    ]);
    for kind in [
        LayerKind::Application,
        LayerKind::Transport,
        LayerKind::Network,
        LayerKind::Link,
        LayerKind::Physical,
    ] {
        let pick = |steps: &[crate::model::Step]| {
            let of_kind: Vec<_> = steps.iter().filter(|s| s.layer == kind).collect();
            if of_kind.is_empty() {
                return ("-".to_string(), "-".to_string(), "-".to_string());
            }
            let names: Vec<&str> = of_kind.iter().map(|s| s.protocol).collect();
            let added: usize = of_kind.iter().map(|s| s.added).sum();
            let size = of_kind.last().map(|s| s.size).unwrap_or(0);
            (names.join(" + "), format!("+{added}"), size.to_string())
        };
        let (a, b) = (pick(&s4), pick(&s6));
        table.add_row(vec![kind.title().to_string(), a.0, a.1, a.2, b.0, b.1, b.2]);
    }
    writeln!(out, "{table}")?;
    let frame = |r: &SendReport| r.frame.bytes.len();
    let data = v4.spec.payload.len();
    writeln!(
        out,
        "{}",
        t!(
            "frame: {v4} bytes over IPv4, {v6} over IPv6 ({difference} bytes); the data is {share4}% of the IPv4 frame, {share6}% of the IPv6 one",
            v4 = frame(v4),
            v6 = frame(v6),
            difference = format!("{:+}", frame(v6) as i64 - frame(v4) as i64),
            share4 = format!("{:.1}", 100.0 * data as f64 / frame(v4) as f64),
            share6 = format!("{:.1}", 100.0 * data as f64 / frame(v6) as f64)
        )
    )?;
    writeln!(
        out,
        "{}",
        t!("IPv6's header is a fixed 40 bytes against IPv4's 20: 128-bit addresses, no header checksum (the link's FCS and the transport checksum cover it), no fragmentation fields (only the sender fragments, with an extension header), a flow label; and over IPv6 the UDP checksum is mandatory.")
    )?;
    writeln!(
        out,
        "{}",
        t!("short frames are padded to 60 bytes, so for a small message the difference can vanish into the padding.")
    )
}
