//! `--html FILE`: one self-contained page for the projector (no network, no
//! external assets): the encapsulation drawn as SVG, the socket calls, each
//! frame's layer tables and hex dump (hover a field to light its bytes, or a
//! byte to light its fields), and the built-vs-captured comparison.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::compare::{side_value, verdict_text};
use super::layers::{position, raw, value};
use crate::compare::{Comparison, Verdict};
use crate::model::{Dissection, LayerKind};
use crate::net::exchange::SocketCall;
use crate::t;

/// One frame on the page.
pub struct HtmlFrame<'a> {
    pub title: String,
    pub bytes: &'a [u8],
    pub dissection: &'a Dissection,
}

/// What the page shows.
pub struct HtmlPage<'a> {
    pub title: String,
    pub calls: &'a [SocketCall],
    pub frames: Vec<HtmlFrame<'a>>,
    pub comparison: Option<&'a Comparison>,
    pub notes: Vec<String>,
}

/// A frame kept for a report: decode and recv stream their frames, so the
/// few that go on the page are copied.
pub struct KeptFrame {
    pub title: String,
    pub bytes: Vec<u8>,
    pub dissection: Dissection,
}

impl<'a> HtmlPage<'a> {
    /// A page of kept frames (no comparison).
    pub fn of_kept(
        title: String,
        calls: &'a [SocketCall],
        kept: &'a [KeptFrame],
        notes: Vec<String>,
    ) -> Self {
        HtmlPage {
            title,
            calls,
            frames: kept
                .iter()
                .map(|k| HtmlFrame {
                    title: k.title.clone(),
                    bytes: &k.bytes,
                    dissection: &k.dissection,
                })
                .collect(),
            comparison: None,
            notes,
        }
    }
}

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

fn layer_class(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::Physical => "phy",
        LayerKind::Link => "link",
        LayerKind::Network => "net",
        LayerKind::Transport => "tra",
        LayerKind::Application => "app",
    }
}

const STYLE: &str = r#"
body{font:16px/1.45 system-ui,sans-serif;margin:2em;color:#1b1b1b;background:#fff}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #ddd}h3{margin:1.2em 0 .3em}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:.92em}
td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
td.side{white-space:nowrap}
th{background:#f3f3f3}.mono,.hex{font-family:ui-monospace,Menlo,Consolas,monospace}
.link{background:#dbe8ff}.net{background:#dcf5dc}.tra{background:#fff2c4}.app{background:#f6dcf6}.phy{background:#dff6f6}
.hex{line-height:1.9;white-space:nowrap}.hex .off{color:#888;margin-right:.8em}
.b{padding:1px 2px;margin:0 1px;border-radius:3px;cursor:default}
.lit{outline:3px solid #d40000;background:#ffd0d0!important}
tr.lit td{background:#ffd0d0}
.origin{color:#555;font-size:.85em}.unexpected{color:#b00000;font-weight:bold}
.legend span{padding:2px 8px;margin-right:.5em;border-radius:3px}
svg text{font:13px system-ui,sans-serif}
rect.link{fill:#dbe8ff}rect.net{fill:#dcf5dc}rect.tra{fill:#fff2c4}rect.app{fill:#f6dcf6}
"#;

/// Hovering a row lights its bytes; hovering a byte lights its rows. With
/// #selftest in the URL the page checks this itself and writes the result
/// into body[data-selftest], so a headless browser can verify it.
const SCRIPT: &str = r#"
function ids(el){return (el.getAttribute('data-f')||'').split(' ').filter(Boolean)}
function light(list,on){list.forEach(function(id){document.querySelectorAll('[data-f~="'+id+'"]').forEach(function(e){e.classList.toggle('lit',on)})})}
document.querySelectorAll('[data-f]').forEach(function(el){
  el.addEventListener('mouseover',function(){light(ids(el),true)});
  el.addEventListener('mouseout',function(){light(ids(el),false)});
});
if(location.hash==='#selftest'){
  var row=document.querySelector('tr[data-f]');
  row.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));
  var bytes=document.querySelectorAll('.b.lit').length;
  row.dispatchEvent(new MouseEvent('mouseout',{bubbles:true}));
  var after=document.querySelectorAll('.lit').length;
  var b=document.querySelector('.b[data-f]');
  b.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));
  var rows=document.querySelectorAll('tr.lit').length;
  document.body.setAttribute('data-selftest','field:'+row.getAttribute('data-f')+' bytes:'+bytes+' cleared:'+(after===0)+' rows:'+rows);
}
"#;

/// The frame's parts, outermost first, with sizes, for the SVG.
fn svg(dissection: &Dissection, out: &mut String) {
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
                    r##"<rect class="{}" x="{x:.1}" y="{y}" width="{:.1}" height="{row_h}" rx="4" stroke="#555"/><text x="{:.1}" y="{}" text-anchor="middle">{} {}</text>"##,
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

fn frame_html(index: usize, frame: &HtmlFrame<'_>, out: &mut String) {
    let _ = write!(out, "<h2>{}</h2>", escape(&frame.title));
    // Which fields each byte belongs to.
    let mut owners: Vec<Vec<String>> = vec![Vec::new(); frame.bytes.len()];
    let mut kinds: Vec<Option<LayerKind>> = vec![None; frame.bytes.len()];
    for (l, layer) in frame.dissection.layers.iter().enumerate() {
        if layer.layer == LayerKind::Physical {
            continue;
        }
        let _ = write!(
            out,
            r#"<h3 class="{}">{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"#,
            layer_class(layer.layer),
            escape(&t!(
                "{layer} layer · {protocol} · {size}",
                layer = layer.layer.title(),
                protocol = layer.protocol,
                size = super::words::bytes(layer.pdu_length)
            )),
            t!("field"),
            t!("bytes"),
            t!("raw"),
            t!("value"),
            t!("meaning")
        );
        for (f, field) in layer.fields.iter().enumerate() {
            let id = format!("f{index}-{l}-{f}");
            if let Some(start) = field.offset {
                for i in start..(start + field.length).min(frame.bytes.len()) {
                    owners[i].push(id.clone());
                    kinds[i] = Some(layer.layer);
                }
            }
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
            let _ = write!(
                out,
                r#"<tr data-f="{id}" class="{}"><td>{}</td><td class="mono">{}</td><td class="mono">{}</td><td class="mono">{}</td><td>{}{origin}</td></tr>"#,
                layer_class(layer.layer),
                escape(field.name),
                escape(&position(field)),
                escape(&raw(field)),
                escape(&value(field)),
                escape(&field.meaning)
            );
        }
        out.push_str("</table>");
        for check in &layer.checks {
            let _ = write!(
                out,
                "<p>{} {}: {}</p>",
                escape(layer.protocol),
                escape(check.field),
                escape(&check.describe())
            );
        }
    }
    if let Some(m) = &frame.dissection.malformed {
        let _ = write!(
            out,
            r#"<p class="unexpected">{}</p>"#,
            escape(&t!(
                "malformed: {protocol} at offset {offset}: {message}",
                protocol = m.protocol,
                offset = m.offset,
                message = m.message
            ))
        );
    }
    out.push_str(r#"<div class="hex">"#);
    for (line, chunk) in frame.bytes.chunks(16).enumerate() {
        let _ = write!(out, r#"<div><span class="off">{:04x}</span>"#, line * 16);
        for (i, byte) in chunk.iter().enumerate() {
            let at = line * 16 + i;
            let class = kinds[at].map(layer_class).unwrap_or("");
            let _ = write!(
                out,
                r#"<span class="b {class}" data-f="{}">{byte:02x}</span>"#,
                owners[at].join(" ")
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</div>");
}

fn comparison_html(c: &Comparison, out: &mut String) {
    let _ = write!(
        out,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t!("Built versus captured"),
        t!("field"),
        t!("built"),
        t!("captured"),
        t!("verdict")
    );
    for row in &c.fields {
        let class = if row.verdict == Verdict::Unexpected {
            "unexpected"
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<tr class="{}"><td>{}</td><td class="mono">{}</td><td class="mono">{}</td><td class="{class}">{}</td></tr>"#,
            layer_class(row.layer),
            escape(row.name),
            escape(&side_value(row.built.as_ref())),
            escape(&side_value(row.captured.as_ref())),
            escape(&verdict_text(&row.verdict))
        );
    }
    let _ = write!(
        out,
        "</table><p>{}</p>",
        escape(&super::compare::summary(c))
    );
}

pub fn write(page: &HtmlPage<'_>, out: &mut impl Write) -> io::Result<()> {
    let mut html = String::with_capacity(64 * 1024);
    let _ = write!(
        html,
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{}</title><style>{STYLE}</style></head><body><h1>{}</h1>"#,
        escape(&page.title),
        escape(&page.title),
        lang = match crate::i18n::language() {
            crate::i18n::Lang::En => "en",
            crate::i18n::Lang::Zh => "zh-Hans",
        }
    );
    let _ = write!(
        html,
        r#"<p class="legend"><span class="link">{}</span><span class="net">{}</span><span class="tra">{}</span><span class="app">{}</span> {}</p>"#,
        LayerKind::Link.title(),
        LayerKind::Network.title(),
        LayerKind::Transport.title(),
        LayerKind::Application.title(),
        t!("Hover a field to light its bytes, or a byte to light its field.")
    );
    if let Some(first) = page.frames.first() {
        let _ = write!(html, "<h2>{}</h2>", t!("Encapsulation, drawn to scale"));
        svg(first.dissection, &mut html);
    }
    if !page.calls.is_empty() {
        let _ = write!(
            html,
            "<h2>{}</h2><table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t!("The socket calls, in the order they ran"),
            t!("side"),
            t!("call"),
            t!("returned"),
            t!("why it matters")
        );
        for (i, call) in page.calls.iter().enumerate() {
            let side = match call.side {
                crate::net::exchange::Side::Sender => t!("sender"),
                crate::net::exchange::Side::Receiver => t!("receiver"),
            };
            let _ = write!(
                html,
                r#"<tr><td>{}</td><td class="side">{side}</td><td class="mono">{}</td><td class="mono">{}</td><td>{}</td></tr>"#,
                i + 1,
                escape(&call.call),
                escape(&call.result),
                escape(&call.note)
            );
        }
        html.push_str("</table>");
    }
    for (i, frame) in page.frames.iter().enumerate() {
        frame_html(i, frame, &mut html);
    }
    if let Some(c) = page.comparison {
        comparison_html(c, &mut html);
    }
    for note in &page.notes {
        let _ = write!(html, "<p>{}</p>", escape(&t!("note: {note}", note)));
    }
    let _ = writeln!(html, "<script>{SCRIPT}</script></body></html>");
    out.write_all(html.as_bytes())
}
