//! Pieces of the HTML report that draw one thing from the model: a layer's
//! field table, a checksum worked out, the hex dump with its ASCII column,
//! the PDU drawn growing, and the encapsulation picture as SVG. Each writes
//! into a String; `html.rs` puts them in order.

use std::fmt::Write as _;

use super::layers::{mark, position, raw, value};
use crate::model::{Check, Dissection, Layer, LayerKind};
use crate::t;

/// Text made safe for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn layer_class(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::Physical => "phy",
        LayerKind::Link => "link",
        LayerKind::Network => "net",
        LayerKind::Transport => "tra",
        LayerKind::Application => "app",
    }
}

/// The id that ties a field's row to its bytes: frame, layer, field.
pub fn field_id(frame: usize, layer: usize, field: usize) -> String {
    format!("f{frame}-{layer}-{field}")
}

/// A layer's fields as a table; rows of fields inside the frame carry the
/// id that lights their bytes.
pub fn fields_table(frame: usize, index: usize, layer: &Layer, out: &mut String) {
    let _ = write!(
        out,
        r#"<table><colgroup><col style="width:17%"><col style="width:10%"><col style="width:17%"><col style="width:17%"><col></colgroup><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"#,
        t!("field"),
        t!("bytes"),
        t!("raw"),
        t!("value"),
        t!("meaning")
    );
    for (f, field) in layer.fields.iter().enumerate() {
        let origin = field
            .origin
            .as_ref()
            .map(|o| {
                format!(
                    r#"<div class="origin">{} {}</div>"#,
                    escape(o.kind.tag()),
                    escape(&o.source)
                )
            })
            .unwrap_or_default();
        let data = if field.offset.is_some() {
            format!(r#" data-f="{}""#, field_id(frame, index, f))
        } else {
            String::new()
        };
        let _ = write!(
            out,
            r#"<tr{data} class="{}"><td>{}</td><td class="mono">{}</td><td class="mono">{}</td><td class="mono">{}</td><td>{}{origin}</td></tr>"#,
            layer_class(layer.layer),
            escape(field.name),
            escape(&position(field)),
            escape(&raw(field)),
            escape(&value(field)),
            escape(&field.meaning)
        );
    }
    out.push_str("</table>");
    for note in &layer.notes {
        let _ = write!(out, "<p>{}</p>", escape(&t!("note: {note}", note)));
    }
}

/// A checksum or CRC worked out, as the terminal shows it: what it covers,
/// the pseudo-header, every 16-bit term with the running total, the folds,
/// the complement, and the verdict on the stored value.
pub fn check(check: &Check, layer: &Layer, out: &mut String) {
    let name = layer
        .fields
        .iter()
        .find(|f| f.id == check.field)
        .map(|f| f.name)
        .unwrap_or(check.field);
    let _ = write!(
        out,
        r#"<div class="work"><h4>{}</h4><p>{}</p><p>{}</p>"#,
        escape(&t!(
            "{protocol} {name}, worked out",
            protocol = layer.protocol,
            name
        )),
        escape(check.algorithm),
        escape(&t!("covers: {what}", what = check.covers))
    );
    if !check.pseudo_header.is_empty() {
        let _ = write!(
            out,
            r#"<p>{}</p><table><tr><th>{}</th><th>{}</th><th>hex</th><th>{}</th><th>{}</th></tr>"#,
            escape(&t!(
                "pseudo-header ({size} bytes, never sent; it ties the datagram to its IP addresses):",
                size = check.pseudo_header.iter().map(|f| f.length).sum::<usize>()
            )),
            t!("pseudo-header field"),
            t!("bytes"),
            t!("value"),
            t!("from")
        );
        for f in &check.pseudo_header {
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td>{}</td><td class="mono">{}</td><td class="mono">{}</td><td>{}</td></tr>"#,
                escape(f.name),
                f.length,
                escape(&raw(f)),
                escape(&value(f)),
                escape(&f.meaning)
            );
        }
        out.push_str("</table>");
    }
    let width = check.hex_digits();
    if let Some(total) = check.sum {
        let _ = write!(
            out,
            r#"<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"#,
            t!("term"),
            t!("16-bit words"),
            t!("sum"),
            t!("running total")
        );
        let mut running: u64 = 0;
        for term in &check.terms {
            running += u64::from(term.sum);
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td class="mono">{}</td><td class="mono">0x{:x}</td><td class="mono">0x{running:x}</td></tr>"#,
                escape(&term.label),
                escape(&term.words),
                term.sum
            );
        }
        out.push_str("</table>");
        let mut line = |text: String| {
            let _ = write!(out, "<p class=\"mono\">{}</p>", escape(&text));
        };
        line(t!(
            "sum of all words: {total}",
            total = format!("0x{total:x}")
        ));
        for fold in &check.folds {
            line(t!(
                "fold the carry back in: {low} + {carry} = {folded}",
                low = format!("0x{:x}", fold.before & 0xffff),
                carry = format!("0x{:x}", fold.before >> 16),
                folded = format!("0x{:x}", fold.after)
            ));
        }
        let folded = check.folds.last().map(|f| f.after).unwrap_or(total);
        line(t!(
            "one's complement: {folded} = {result}",
            folded = format!("~0x{folded:04x}"),
            result = format!("0x{:04x}", !folded & 0xffff)
        ));
        if check.computed != (!folded & 0xffff) {
            line(
                t!("a result of 0 is sent as 0xffff (0 means \"no checksum\" in UDP over IPv4)")
                    .to_string(),
            );
        }
    } else {
        let _ = write!(
            out,
            "<p class=\"mono\">{}</p>",
            escape(&t!(
                "computed: {value}",
                value = format!("0x{:0width$x}", check.computed)
            ))
        );
    }
    let _ = write!(
        out,
        "<p><b>{}</b></p></div>",
        escape(&t!(
            "stored in the frame: {stored}  {mark} {verdict}",
            stored = format!("0x{:0width$x}", check.stored),
            mark = mark(&check.verdict),
            verdict = check.describe()
        ))
    );
}

/// Which fields (ids) and which layer own each byte of the frame.
fn owners(frame: usize, bytes: &[u8], dissection: &Dissection) -> Vec<(String, Option<LayerKind>)> {
    let mut owners: Vec<(Vec<String>, Option<LayerKind>)> = vec![(Vec::new(), None); bytes.len()];
    for (l, layer) in dissection.layers.iter().enumerate() {
        if layer.layer == LayerKind::Physical {
            continue;
        }
        for (f, field) in layer.fields.iter().enumerate() {
            if let Some(start) = field.offset {
                for owner in owners
                    .iter_mut()
                    .take((start + field.length).min(bytes.len()))
                    .skip(start)
                {
                    owner.0.push(field_id(frame, l, f));
                    owner.1 = Some(layer.layer);
                }
            }
        }
    }
    owners
        .into_iter()
        .map(|(ids, kind)| (ids.join(" "), kind))
        .collect()
}

/// The hex dump, 16 bytes a line, with the ASCII column beside it (printable
/// characters, '.' for the rest); a byte and its character light together.
pub fn hex_dump(frame: usize, bytes: &[u8], dissection: &Dissection, out: &mut String) {
    let owners = owners(frame, bytes, dissection);
    let span = |at: usize, text: &str, out: &mut String| {
        let (ids, kind) = &owners[at];
        let class = kind.map(layer_class).unwrap_or("");
        let _ = write!(
            out,
            r#"<span class="b {class}" data-f="{ids}">{text}</span>"#
        );
    };
    out.push_str(r#"<div class="dump"><div class="hex">"#);
    for (line, chunk) in bytes.chunks(16).enumerate() {
        let _ = write!(out, r#"<div><span class="off">{:04x}</span>"#, line * 16);
        for (i, byte) in chunk.iter().enumerate() {
            span(line * 16 + i, &format!("{byte:02x}"), out);
        }
        out.push_str("</div>");
    }
    out.push_str(r#"</div><div class="ascii">"#);
    for (line, chunk) in bytes.chunks(16).enumerate() {
        out.push_str("<div>");
        for (i, byte) in chunk.iter().enumerate() {
            let shown = if byte.is_ascii_graphic() {
                escape(&char::from(*byte).to_string())
            } else if *byte == b' ' {
                "&nbsp;".to_string()
            } else {
                ".".to_string()
            };
            span(line * 16 + i, &shown, out);
        }
        out.push_str("</div>");
    }
    out.push_str("</div></div>");
}

/// The PDU of one layer drawn as a strip of its parts (headers, data,
/// padding, FCS), widths by bytes: at each encapsulation step it grows.
pub fn growing_pdu(dissection: &Dissection, kind: LayerKind, out: &mut String) {
    let parts = super::diagram::frame_parts(dissection);
    let inside: Vec<_> = parts
        .iter()
        .filter(|p| match kind {
            LayerKind::Link | LayerKind::Physical => true,
            kind => p.kind >= kind && p.kind != LayerKind::Link,
        })
        .collect();
    out.push_str(r#"<div class="grow">"#);
    if kind == LayerKind::Physical {
        let _ = write!(
            out,
            r#"<div class="phy" style="flex:8 1 0">{}</div>"#,
            escape(&t!("preamble+SFD {bytes}", bytes = 8))
        );
    }
    for part in inside {
        let _ = write!(
            out,
            r#"<div class="{}" style="flex:{} 1 0">{} {}</div>"#,
            layer_class(part.kind),
            part.bytes.max(1),
            escape(&part.label),
            part.bytes
        );
    }
    out.push_str("</div>");
}

/// The frame's parts, one row per PDU from the application out, widths in
/// proportion to the bytes.
pub fn svg(dissection: &Dissection, out: &mut String) {
    let rows: Vec<_> = [
        LayerKind::Application,
        LayerKind::Transport,
        LayerKind::Network,
        LayerKind::Link,
    ]
    .into_iter()
    .filter_map(|k| dissection.layer(k))
    .collect();
    let parts = super::diagram::frame_parts(dissection);
    let total: usize = parts.iter().map(|p| p.bytes).sum::<usize>().max(1);
    let (left, width, row_h) = (210.0, 760.0, 34.0);
    let min_w = 62.0;
    let spare = (width - min_w * parts.len() as f64).max(0.0);
    let widths: Vec<f64> = parts
        .iter()
        .map(|p| min_w + spare * p.bytes as f64 / total as f64)
        .collect();
    let height = rows.len() as f64 * (row_h + 10.0) + 10.0;
    let _ = write!(
        out,
        r#"<svg role="img" aria-label="encapsulation" width="{}" height="{height}" viewBox="0 0 {} {height}">"#,
        left + width + 10.0,
        left + width + 10.0
    );
    for (r, layer) in rows.iter().enumerate() {
        let y = 5.0 + r as f64 * (row_h + 10.0);
        let _ = write!(
            out,
            r#"<text x="0" y="{}">{} · {} · {} B</text>"#,
            y + 22.0,
            escape(layer.layer.title()),
            escape(layer.pdu.name()),
            layer.pdu_length
        );
        let mut x = left;
        for (part, w) in parts.iter().zip(&widths) {
            let inside = match layer.layer {
                LayerKind::Link => true,
                kind => part.kind >= kind && part.kind != LayerKind::Link,
            };
            if inside {
                let _ = write!(
                    out,
                    r##"<rect class="{}" x="{x:.1}" y="{y}" width="{:.1}" height="{row_h}" rx="4" stroke="#111"/><text x="{:.1}" y="{}" text-anchor="middle">{} {}</text>"##,
                    layer_class(part.kind),
                    w - 2.0,
                    x + w / 2.0,
                    y + 22.0,
                    escape(&part.label),
                    part.bytes
                );
            }
            x += w;
        }
    }
    out.push_str("</svg>");
}
