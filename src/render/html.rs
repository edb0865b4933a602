//! `--html FILE`: one self-contained page for the projector (no network, no
//! external assets) holding everything the terminal shows: the socket calls,
//! the encapsulation drawn to scale and as a table of growing PDUs, each
//! layer added down the sender's stack (application first) with its checksum
//! worked out, the physical layer, the hex dump with its ASCII column (hover
//! a field to light its bytes, or a byte to light its fields), the way up the
//! receiver's stack, the other frames, and the built-vs-captured comparison.
//! Every section is a step of the page's step-through mode.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::compare::{side_value, verdict_text};
use super::html_assets::{SCRIPT, STYLE};
pub use super::html_parts::escape;
use super::html_parts::{check, fields_table, growing_pdu, hex_dump, layer_class, svg};
use crate::compare::{Comparison, Verdict};
use crate::model::{Dissection, LayerKind};
use crate::net::exchange::{Delivery, SocketCall};
use crate::send::SendReport;
use crate::session::{EventKind, Trace};
use crate::t;

/// One frame on the page.
pub struct HtmlFrame<'a> {
    pub title: String,
    pub bytes: &'a [u8],
    pub dissection: &'a Dissection,
    /// An id for the frame's section (`segment-3`): links and the hover
    /// script's `data-f` reach it (the TCP ladder's arrows do).
    pub anchor: Option<String>,
    /// Built versus captured for this frame, shown right after it.
    pub comparison: Option<&'a Comparison>,
}

/// What the page shows.
pub struct HtmlPage<'a> {
    pub title: String,
    pub calls: &'a [SocketCall],
    pub frames: Vec<HtmlFrame<'a>>,
    pub comparison: Option<&'a Comparison>,
    pub notes: Vec<String>,
    /// The first frame is the one built for sending: it is shown down the
    /// sender's stack (application first) and then up the receiver's. The
    /// others (and all frames of recv and decode pages) arrive from outside
    /// and are shown outermost first, as a receiving host takes them apart.
    pub encapsulation: bool,
    /// Sections drawn before everything else, each a title and its HTML
    /// (made by the page's own functions, escaped there): the TCP ladder
    /// and timeline.
    pub prelude: Vec<(String, String)>,
}

/// A frame kept for a report: decode and recv stream their frames, so the
/// few that go on the page are copied.
pub struct KeptFrame {
    pub title: String,
    pub bytes: Vec<u8>,
    pub dissection: Dissection,
}

impl<'a> HtmlPage<'a> {
    /// A page of kept frames (no comparison), each shown as it arrived.
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
                    anchor: None,
                    comparison: None,
                })
                .collect(),
            comparison: None,
            notes,
            encapsulation: false,
            prelude: Vec::new(),
        }
    }
}

/// A recv page: each datagram of the trace in the frame it arrived in, as
/// a receiving host takes it apart.
pub fn recv_page<'a>(title: String, trace: &Trace<'a>, notes: Vec<String>) -> HtmlPage<'a> {
    let frames = trace
        .events
        .iter()
        .filter_map(|event| {
            // The page shows the wire: a datagram without a caught frame
            // has nothing to draw.
            let (Some((number, delivered)), Some(frame)) = (event.received(), event.captured)
            else {
                return None;
            };
            let datagram = delivered.datagram;
            Some(HtmlFrame {
                title: t!(
                    "Datagram {number}: {length} bytes from {from}, as it arrived",
                    number,
                    length = datagram.length,
                    from = datagram.from
                ),
                bytes: &frame.bytes,
                dissection: &frame.dissection,
                anchor: None,
                comparison: None,
            })
        })
        .collect();
    HtmlPage {
        title,
        calls: trace.calls,
        frames,
        comparison: None,
        notes,
        encapsulation: false,
        prelude: Vec::new(),
    }
}

/// The HTML report's content: the built frame, what the capture caught, the
/// comparison, the socket calls.
pub fn send_page(report: &SendReport) -> HtmlPage<'_> {
    let trace = report.trace();
    let mut frames = Vec::new();
    let mut comparison = None;
    // Our datagram leads the page, built then caught; the other frames
    // follow in the order they happened.
    for event in trace.of_kind(EventKind::Datagram) {
        if let Some(built) = event.built {
            frames.push(HtmlFrame {
                title: t!(
                    "The frame stackviz built ({length} bytes, FCS included)",
                    length = built.bytes.len()
                ),
                bytes: built.bytes,
                dissection: built.dissection,
                anchor: None,
                comparison: None,
            });
        }
        if let (Some(d), Some(interface)) = (event.captured, trace.interface) {
            frames.push(HtmlFrame {
                title: t!(
                    "The frame the kernel sent, captured on {interface}",
                    interface
                ),
                bytes: &d.bytes,
                dissection: &d.dissection,
                anchor: None,
                comparison: None,
            });
        }
        comparison = comparison.or(event.comparison);
    }
    let unanswered = matches!(report.delivery, Some(Delivery::Unresolved { .. }));
    for event in &trace.events {
        let title = match event.kind {
            EventKind::Neighbour if unanswered => {
                t!("An unanswered request for the next hop's MAC address: the datagram never left")
            }
            EventKind::Neighbour => t!("ARP: how the destination MAC was learned"),
            EventKind::IcmpAnswer => t!("What came back: the kernel's ICMP message"),
            _ => continue,
        };
        if let Some(captured) = event.captured {
            frames.push(HtmlFrame {
                title: title.into(),
                bytes: &captured.bytes,
                dissection: &captured.dissection,
                anchor: None,
                comparison: None,
            });
        }
    }
    HtmlPage {
        title: t!(
            "stackviz send: {source} → {destination}, {size} of data",
            source = report.exchange.source,
            destination = report.exchange.destination,
            size = crate::i18n::words::bytes(report.exchange.bytes_sent)
        ),
        calls: &report.exchange.calls,
        frames,
        comparison,
        notes: report.notes.clone(),
        encapsulation: true,
        prelude: Vec::new(),
    }
}

/// Opens a section of the step-through; `title` names it in the counter.
fn section(out: &mut String, title: &str) {
    let _ = write!(
        out,
        r#"<section class="step" data-title="{}">"#,
        escape(title)
    );
}

/// "Transport layer · UDP · 15 bytes": a layer as it arrives.
fn layer_title(layer: &crate::model::Layer) -> String {
    t!(
        "{layer} layer · {protocol} · {size}",
        layer = layer.layer.title(),
        protocol = layer.protocol,
        size = super::words::bytes(layer.pdu_length)
    )
}

fn checks_of(layer: &crate::model::Layer, out: &mut String) {
    for c in &layer.checks {
        check(c, layer, out);
    }
}

/// The built frame down the sender's stack: one section per layer,
/// application first, each with the PDU drawn as it grows; then the hex dump
/// and the receiver's way up.
fn encapsulation_html(frame: &HtmlFrame<'_>, out: &mut String) {
    let dissection = frame.dissection;
    let steps = dissection.encapsulation_steps();
    let total = dissection.layers.len();
    for (i, step) in steps.iter().enumerate() {
        // Steps run innermost first; layers are stored outermost first.
        let index = total - 1 - i;
        let layer = &dissection.layers[index];
        let headline =
            super::send_text::step_headline(step, i + 1, steps.len(), layer.header.length);
        section(out, &headline);
        let _ = write!(
            out,
            r#"<h3 class="{}">{}</h3>"#,
            layer_class(layer.layer),
            escape(&headline)
        );
        growing_pdu(dissection, layer.layer, out);
        fields_table(0, index, layer, out);
        checks_of(layer, out);
        out.push_str("</section>");
    }
    let hex_title = t!(
        "The frame, byte by byte ({size} bytes, FCS included)",
        size = frame.bytes.len()
    );
    section(out, &hex_title);
    let _ = write!(out, "<h2>{}</h2>", escape(&hex_title));
    hex_dump(0, frame.bytes, dissection, out);
    out.push_str("</section>");

    let up = t!("Up the receiver's stack, outermost layer first");
    section(out, up);
    let _ = write!(out, "<h2>{}</h2><ol>", escape(up));
    for layer in dissection
        .layers
        .iter()
        .filter(|l| l.layer != LayerKind::Physical)
    {
        let _ = write!(
            out,
            r#"<li class="{}">{}</li>"#,
            layer_class(layer.layer),
            escape(&layer_title(layer))
        );
    }
    out.push_str("</ol></section>");
}

/// A frame that arrived: its layers outermost first, then its bytes.
fn arrived_html(index: usize, frame: &HtmlFrame<'_>, out: &mut String) {
    match &frame.anchor {
        Some(anchor) => {
            let _ = write!(
                out,
                r#"<section class="step" id="{a}" data-title="{t}"><h2 data-f="{a}">{t}</h2>"#,
                a = escape(anchor),
                t = escape(&frame.title)
            );
        }
        None => {
            section(out, &frame.title);
            let _ = write!(out, "<h2>{}</h2>", escape(&frame.title));
        }
    }
    for (l, layer) in frame.dissection.layers.iter().enumerate() {
        let _ = write!(
            out,
            r#"<h3 class="{}">{}</h3>"#,
            layer_class(layer.layer),
            escape(&layer_title(layer))
        );
        fields_table(index, l, layer, out);
        checks_of(layer, out);
    }
    if let Some(cut) = &frame.dissection.cut_short {
        let _ = write!(
            out,
            "<p>{}</p>",
            escape(&t!(
                "cut short by the capture at {captured} of {original} bytes: a limit of the capture (its snap length), not a fault of the frame; what the missing bytes held is unknown",
                captured = cut.captured,
                original = cut.original
            ))
        );
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
    hex_dump(index, frame.bytes, frame.dissection, out);
    out.push_str("</section>");
}

fn comparison_html(c: &Comparison, out: &mut String) {
    let title = t!("Built versus captured");
    section(out, title);
    let _ = write!(
        out,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        title,
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
        "</table><p>{}</p></section>",
        escape(&super::compare::summary(c))
    );
}

/// The PDU growth table: what each step added and the size it reached.
fn growth_table(dissection: &Dissection, out: &mut String) {
    let _ = write!(
        out,
        "<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th><th>PDU</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t!("The PDU grows at each step"),
        t!("step"),
        t!("layer"),
        t!("protocol"),
        t!("added"),
        t!("size"),
        t!("overhead")
    );
    for (i, step) in dissection.encapsulation_steps().iter().enumerate() {
        let _ = write!(
            out,
            r#"<tr class="{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>+{}</td><td>{}</td><td>{}</td></tr>"#,
            layer_class(step.layer),
            i + 1,
            escape(step.layer.title()),
            escape(step.protocol),
            escape(step.pdu.name()),
            step.added,
            step.size,
            step.overhead
        );
    }
    out.push_str("</table>");
}

fn toolbar(out: &mut String) {
    let all = t!("all sections");
    let _ = write!(
        out,
        r#"<nav aria-label="{}"><button data-act="out" title="{}">A−</button><button data-act="in" title="{}">A+</button> <button data-act="prev" title="{}">◀</button><span id="count" class="count" data-all="{}">{}</span><button data-act="next" title="{}">▶</button><button data-act="all">{}</button>"#,
        escape(t!("report controls")),
        escape(t!("smaller text")),
        escape(t!("larger text")),
        escape(t!("previous step (←)")),
        escape(all),
        escape(all),
        escape(t!("next step (→)")),
        escape(t!("show all"))
    );
    let _ = write!(
        out,
        r#"<span class="legend"><span class="app">{}</span> <span class="tra">{}</span> <span class="net">{}</span> <span class="link">{}</span> <span class="phy">{}</span></span></nav><p>{}</p>"#,
        LayerKind::Application.title(),
        LayerKind::Transport.title(),
        LayerKind::Network.title(),
        LayerKind::Link.title(),
        LayerKind::Physical.title(),
        escape(t!(
            "Hover a field to light its bytes, or a byte to light its field. ▶ or → walks through the report one step at a time."
        ))
    );
}

pub fn write(page: &HtmlPage<'_>, out: &mut impl Write) -> io::Result<()> {
    let mut html = String::with_capacity(96 * 1024);
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
    toolbar(&mut html);
    for (title, body) in &page.prelude {
        section(&mut html, title);
        let _ = write!(html, "<h2>{}</h2>{body}</section>", escape(title));
    }
    if !page.calls.is_empty() {
        let title = t!("The socket calls, in the order they ran");
        section(&mut html, title);
        let _ = write!(
            html,
            r#"<h2>{}</h2><table><colgroup><col style="width:3rem"><col style="width:9%"><col style="width:27%"><col style="width:25%"><col></colgroup><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"#,
            title,
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
        html.push_str("</table></section>");
    }
    if let Some(first) = page.frames.first() {
        let title = t!("Encapsulation, drawn to scale");
        section(&mut html, title);
        let _ = write!(html, "<h2>{title}</h2>");
        svg(first.dissection, &mut html);
        if page.encapsulation {
            growth_table(first.dissection, &mut html);
        }
        html.push_str("</section>");
    }
    for (i, frame) in page.frames.iter().enumerate() {
        if i == 0 && page.encapsulation {
            encapsulation_html(frame, &mut html);
        } else {
            arrived_html(i, frame, &mut html);
        }
        if let Some(c) = frame.comparison {
            comparison_html(c, &mut html);
        }
    }
    if let Some(c) = page.comparison {
        comparison_html(c, &mut html);
    }
    if !page.notes.is_empty() {
        section(&mut html, t!("Notes"));
        for note in &page.notes {
            let _ = write!(html, "<p>{}</p>", escape(&t!("note: {note}", note)));
        }
        html.push_str("</section>");
    }
    let _ = writeln!(html, "<script>{SCRIPT}</script></body></html>");
    out.write_all(html.as_bytes())
}

/// The HTML report of `send --tcp`: the ladder (each arrow linked to its
/// segment), the timeline of both ends' calls, then every segment as
/// stackviz built it (layers, checks, bytes), the captured one after it and
/// their comparison, and where the values came from.
pub fn tcp_page(report: &crate::tcp::TcpReport) -> HtmlPage<'_> {
    use crate::tcp::ladder::{ladder, steps, Step};
    let ex = &report.exchange;
    let mut frames = Vec::new();
    for s in &report.segments {
        frames.push(HtmlFrame {
            title: t!(
                "Segment {n}: {flags}, built by stackviz ({size})",
                n = s.number,
                flags = s.predicted.flags.names(),
                size = super::words::bytes(s.bytes.len())
            ),
            bytes: &s.bytes,
            dissection: &s.dissection,
            anchor: Some(format!("segment-{}", s.number)),
            comparison: s.comparison.as_ref(),
        });
        if let (Some(c), Some(caught)) = (&s.captured, &report.caught) {
            frames.push(HtmlFrame {
                title: t!(
                    "Segment {n} as the kernel sent it, captured on {interface}",
                    n = s.number,
                    interface = caught.interface.clone()
                ),
                bytes: &c.bytes,
                dissection: &c.dissection,
                anchor: None,
                comparison: None,
            });
        }
    }
    let mut timeline = format!(
        r#"<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"#,
        escape(t!("time")),
        escape(t!("end")),
        escape(t!("call or segment")),
        escape(t!("returned")),
        escape(t!("state after (TCP_INFO)"))
    );
    for step in steps(report) {
        match step {
            Step::Call(i) => {
                let c = &ex.calls[i];
                let _ = write!(
                    timeline,
                    r#"<tr><td>{:.3} ms</td><td class="side">{}</td><td><span class="mono">{}</span><br>{}</td><td class="mono">{}</td><td class="mono">{}</td></tr>"#,
                    c.happened().as_secs_f64() * 1000.0,
                    escape(match c.peer {
                        crate::net::tcp_exchange::Peer::Client => t!("client"),
                        crate::net::tcp_exchange::Peer::Server => t!("server"),
                    }),
                    escape(&c.call),
                    escape(&c.note),
                    escape(&c.result),
                    escape(&c.state.map(|s| s.name()).unwrap_or_default())
                );
            }
            Step::Segment(k) => {
                let s = &report.segments[k];
                let _ = write!(
                    timeline,
                    r##"<tr data-f="segment-{n}"><td></td><td></td><td><a href="#segment-{n}">{}</a><br>{}</td><td></td><td></td></tr>"##,
                    escape(&t!(
                        "segment {n}: [{flags}] seq={seq} ack={ack} len={len}",
                        n = s.number,
                        flags = s.predicted.flags.names(),
                        seq = s.predicted.seq,
                        ack = s
                            .predicted
                            .ack
                            .map(|a| a.to_string())
                            .unwrap_or_else(|| "-".into()),
                        len = s.predicted.data.len()
                    )),
                    escape(s.predicted.why),
                    n = s.number
                );
            }
        }
    }
    timeline.push_str("</table>");
    let mut notes = Vec::new();
    if let Some(syn) = &report.syn {
        notes.push(t!(
            "the client's SYN exactly as the server's kernel received it (TCP_SAVED_SYN, no privilege needed): ISN {isn}, window {window}",
            isn = syn.isn,
            window = syn.window
        ));
    }
    if !report.ends.server_isn.is_known() {
        notes.push(t!("the server's ISN and its IP IDs cannot be known without a capture: they are random and no socket option reveals them; 0 stands in, marked [unknown]").into());
    }
    HtmlPage {
        title: t!(
            "stackviz send --tcp: one real TCP connection, {client} → {server}",
            client = ex.client,
            server = ex.server
        ),
        calls: &[],
        frames,
        comparison: None,
        notes,
        encapsulation: false,
        prelude: vec![
            (
                t!("The ladder: every segment between the two sockets").into(),
                super::ladder_svg::svg(&ladder(report), false),
            ),
            (
                t!("Timeline: both ends' socket calls and the segments between them").into(),
                timeline,
            ),
        ],
    }
}
