//! The output of `stackviz decode`: per frame the layers outermost first
//! (the order a receiver strips them) with checks and the coloured hex dump,
//! or one summary line per frame; then the closing count.

use std::io::{self, Write};

use crate::field_id;
use crate::t;

use super::{heading, hex, layers, RenderOptions};
use crate::decode::Link;
use crate::dissect::icmp_names;
use crate::model::{Dissection, Field, Layer, LayerKind, Value};
use crate::session::FrameEvent;

fn time_of_day(ts: std::time::Duration) -> String {
    let mut text = Vec::with_capacity(15);
    push_time_of_day(&mut text, ts);
    String::from_utf8(text).unwrap_or_default()
}

/// `HH:MM:SS.uuuuuu` of `ts` (time since the epoch, UTC), as
/// `{:02}:{:02}:{:02}.{:06}` writes it, digit by digit: the summary line
/// writes one for every frame.
fn push_time_of_day(out: &mut Vec<u8>, ts: std::time::Duration) {
    let secs = ts.as_secs();
    let two = |n: u64| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let [h, m, s] = [two(secs / 3600 % 24), two(secs / 60 % 60), two(secs % 60)];
    out.extend_from_slice(&[h[0], h[1], b':', m[0], m[1], b':', s[0], s[1], b'.']);
    let micros = ts.subsec_micros();
    out.extend(
        (0..6)
            .rev()
            .map(|place| b'0' + (micros / 10u32.pow(place) % 10) as u8),
    );
}

/// The link's name: borrowed for the named links (every frame's title
/// says it), made only for a link type stackviz does not name.
fn link_name(link: Link) -> std::borrow::Cow<'static, str> {
    match link {
        Link::Ethernet => "Ethernet".into(),
        Link::RawIp => t!("raw IP").into(),
        Link::LinuxSll => t!("Linux cooked capture").into(),
        Link::Other(n) => t!("link type {n}", n).into(),
    }
}

/// The frame's title, `Frame {number}: {size}` with what the capture kept,
/// the link and the time, filled in sentence by sentence: the reference
/// for [`push_title`].
fn title(
    number: usize,
    len: usize,
    original: usize,
    link: Link,
    at: Option<std::time::Duration>,
) -> String {
    let mut title = t!(
        "Frame {number}: {size}",
        number,
        size = super::words::bytes(len)
    );
    push_capture_note(&mut title, len, original);
    title.push_str(&t!(", {link}", link = link_name(link)));
    if let Some(ts) = at {
        title.push_str(&t!(", {time} UTC", time = time_of_day(ts)));
    }
    title
}

/// What the capture kept of the frame, when it differs from the wire.
fn push_capture_note(title: &mut String, len: usize, original: usize) {
    if original > len {
        title.push_str(&t!(
            " (cut short by the capture at {captured} of {original} bytes)",
            captured = len,
            original
        ));
    } else if original != len {
        title.push_str(&t!(
            " (the capture says {size} on the wire)",
            size = original
        ));
    }
}

/// The title's sentences in one language, cut where their values go (see
/// [`crate::i18n::cut_at_marks`]): `Frame {number}: {size}` in three pieces around the
/// number and the size, the size's `{size} bytes` in two, `, {link}` in
/// two and `, {time} UTC` in two.
struct TitlePieces {
    frame: Vec<String>,
    bytes: Vec<String>,
    link: Vec<String>,
    time: Vec<String>,
}

impl TitlePieces {
    fn new() -> Option<Self> {
        Some(TitlePieces {
            frame: crate::i18n::cut_at_marks(2, |m| {
                t!("Frame {number}: {size}", number = m[0], size = m[1])
            })?,
            bytes: crate::i18n::cut_at_marks(1, |m| t!("{size} bytes", size = m[0]))?,
            link: crate::i18n::cut_at_marks(1, |m| t!(", {link}", link = m[0]))?,
            time: crate::i18n::cut_at_marks(1, |m| t!(", {time} UTC", time = m[0]))?,
        })
    }
}

thread_local! {
    /// The title's pieces for the language (whether Chinese) they were
    /// cut for, None when they cannot be.
    static TITLE_PIECES: std::cell::RefCell<Option<(bool, Option<TitlePieces>)>> =
        const { std::cell::RefCell::new(None) };
}

/// [`title`] written onto `out`, from the sentences' pieces remembered
/// per thread: the number, sizes and time put in as digits, the link's
/// name as it is. Four sentences filled for every frame (and the time
/// and link made as strings of their own) were a measured 1.5M
/// instructions per 1,000 frames of full detail.
fn push_title(
    out: &mut Vec<u8>,
    number: usize,
    len: usize,
    original: usize,
    link: Link,
    at: Option<std::time::Duration>,
) {
    let slow = |out: &mut Vec<u8>| {
        out.extend_from_slice(title(number, len, original, link, at).as_bytes())
    };
    // A summary's dissection fills no sentence, nor one byte's size
    // (`words::bytes` says "1 byte").
    if len == 1 || !crate::detail::full() {
        return slow(out);
    }
    let zh = crate::i18n::language() == crate::i18n::Lang::Zh;
    TITLE_PIECES.with(|cell| {
        let Ok(mut kept) = cell.try_borrow_mut() else {
            return slow(out);
        };
        if !matches!(&*kept, Some((lang, _)) if *lang == zh) {
            *kept = Some((zh, TitlePieces::new()));
        }
        let Some((_, Some(p))) = &*kept else {
            return slow(out);
        };
        let ([frame_0, frame_1, frame_2], [bytes_0, bytes_1], [link_0, link_1], [time_0, time_1]) =
            (&p.frame[..], &p.bytes[..], &p.link[..], &p.time[..])
        else {
            return slow(out);
        };
        let mut digits = [0u8; 20];
        out.extend_from_slice(frame_0.as_bytes());
        out.extend_from_slice(crate::model::decimal_digits(number as u64, &mut digits));
        out.extend_from_slice(frame_1.as_bytes());
        out.extend_from_slice(bytes_0.as_bytes());
        out.extend_from_slice(crate::model::decimal_digits(len as u64, &mut digits));
        out.extend_from_slice(bytes_1.as_bytes());
        out.extend_from_slice(frame_2.as_bytes());
        if original != len {
            let mut note = String::new();
            push_capture_note(&mut note, len, original);
            out.extend_from_slice(note.as_bytes());
        }
        out.extend_from_slice(link_0.as_bytes());
        out.extend_from_slice(link_name(link).as_bytes());
        out.extend_from_slice(link_1.as_bytes());
        if let Some(ts) = at {
            out.extend_from_slice(time_0.as_bytes());
            push_time_of_day(out, ts);
            out.extend_from_slice(time_1.as_bytes());
        }
    })
}

/// Full detail for one frame.
///
/// Draws one decoded frame of the trace; any other kind of event draws
/// nothing. Into a `Vec` (every caller's), so the hex dump can be drawn
/// straight into it.
pub fn frame(event: &FrameEvent<'_>, out: &mut Vec<u8>, options: &RenderOptions) -> io::Result<()> {
    let Some(f) = event.decoded() else {
        return Ok(());
    };
    let out = &mut super::wrap::Wrap::new(out, options.width);
    let mut title = Vec::with_capacity(96);
    push_title(
        &mut title,
        f.number,
        f.read.bytes.len(),
        f.original_length,
        f.link,
        f.at,
    );
    // Each line written whole, with its newline.
    if options.color {
        // Written from UTF-8 pieces and digits only.
        let title = String::from_utf8(title).unwrap_or_default();
        writeln!(out, "{}", heading(options, &title))?;
    } else {
        out.write_line(&title)?;
    }
    let sentence = t!(
        "layers outermost first, the order a receiver strips them; every value read from the input"
    );
    // Straight into the frame's `Vec` when the lines pass as they are.
    out.write_line(sentence.as_bytes())?;
    layers::layers_outermost_first_wrapped(f.read.dissection, f.read.bytes, out, options)?;
    hex::render_wrapped(f.read.bytes, f.read.dissection, out, options)?;
    out.write_line(b"")
}

/// One line per frame, like tcpdump's: number, time, protocols, who to whom,
/// what. Empty for an event that is not a decoded frame.
pub fn summary_line(event: &FrameEvent<'_>) -> String {
    let mut line = Vec::with_capacity(128);
    write_summary_line(event, &mut line);
    // Written from UTF-8 pieces only.
    String::from_utf8(line).unwrap_or_default()
}

/// [`summary_line`] appended to `out`, without its newline. Written piece
/// by piece into `out`, with no string per value: `decode --summary` writes
/// one for every frame, and building it was a third of that mode's time.
pub fn write_summary_line<'a>(event: &'a FrameEvent<'_>, out: &mut Vec<u8>) {
    let Some(f) = event.decoded() else {
        return;
    };
    let d = f.read.dissection;
    let mut digits = [0u8; 20];
    let number = crate::model::decimal_digits(f.number as u64, &mut digits);
    // `{:>6}`: right-aligned in six columns.
    out.extend(std::iter::repeat_n(
        b' ',
        6usize.saturating_sub(number.len()),
    ));
    out.extend_from_slice(number);
    if let Some(ts) = f.at {
        out.push(b' ');
        push_time_of_day(out, ts);
    }
    // The space comes even when no layer does (a frame too short for one).
    out.push(b' ');
    for (i, layer) in d.layers.iter().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(layer.protocol.as_bytes());
    }
    let seen = Seen::of(d);
    let pair = |[src, dst]: [Option<&'a Field>; 2]| Some((&src?.value, &dst?.value));
    let addresses = pair(seen.ipv6)
        .or_else(|| pair(seen.ipv4))
        .or_else(|| pair(seen.ethernet));
    // The ports and flags of a transport header quoted in an ICMP error
    // belong to the quoted packet, which went the other way: they are not
    // shown beside the error's own addresses.
    let is_icmp = seen.icmp_type.is_some() || seen.icmpv6_type.is_some();
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
                    .map(|f| &f.value)
            };
            Some((p("src_port")?, p("dst_port")?))
        });
    match (addresses, ports) {
        (Some((src, dst)), Some((sp, dp))) => {
            for (part, value) in [(" ", src), (".", sp), (" > ", dst), (".", dp)] {
                out.extend_from_slice(part.as_bytes());
                push_value(out, value);
            }
        }
        // Ports without addresses: the address text is empty, as before.
        (None, Some((sp, dp))) => {
            for (part, value) in [(" .", sp), (" > .", dp)] {
                out.extend_from_slice(part.as_bytes());
                push_value(out, value);
            }
        }
        (Some((src, dst)), None) if !src.is_empty_text() => {
            out.push(b' ');
            push_value(out, src);
            out.extend_from_slice(b" > ");
            push_value(out, dst);
        }
        _ => {}
    }
    if !is_icmp {
        let mut first = true;
        let tcp = d.layers.iter().filter(|l| l.protocol == "TCP");
        for field in tcp.flat_map(|l| &l.fields) {
            let Some(flag) = field.id.strip_prefix("tcp.flags.") else {
                continue;
            };
            if field.value == Value::Number(1) {
                out.extend_from_slice(if first { b" [" } else { b"," });
                out.extend_from_slice(flag.as_bytes());
                first = false;
            }
        }
        if !first {
            out.push(b']');
        }
    }
    for f in [seen.arp_operation, seen.icmpv6_type].into_iter().flatten() {
        out.push(b' ');
        out.extend_from_slice(f.meaning.as_bytes());
    }
    // ICMP's Type row names only the type; the summary adds the code's name.
    let number = |f: Option<&Field>| match f.map(|f| &f.value) {
        Some(Value::Number(n)) => u8::try_from(*n).ok(),
        _ => None,
    };
    if let (Some(kind), Some(code)) = (number(seen.icmp_type), number(seen.icmp_code)) {
        out.push(b' ');
        out.extend_from_slice(icmp_names::headline(kind, code).as_bytes());
    }
    if let Some(app) = d.layer(LayerKind::Application) {
        out.extend_from_slice(t!(", length {size}", size = app.pdu_length).as_bytes());
    }
    // The frame's own size, and how much of it the capture kept: a built
    // frame (with padding and FCS) and its captured copy differ here.
    let tail = if f.read.bytes.len() < f.original_length {
        t!(
            ", frame cut short by the capture at {captured} of {original} bytes",
            captured = f.read.bytes.len(),
            original = f.original_length
        )
    } else {
        t!(
            ", frame {size}",
            size = super::words::bytes(f.read.bytes.len())
        )
    };
    out.extend_from_slice(tail.as_bytes());
    if let Some(comment) = f.read.comment.filter(|c| !c.is_empty()) {
        out.extend_from_slice(t!("; comment: {comment}", comment).as_bytes());
    }
    if let Some(m) = &d.malformed {
        out.extend_from_slice(
            t!(
                " MALFORMED: {protocol} at offset {offset}",
                protocol = m.protocol,
                offset = m.offset
            )
            .as_bytes(),
        );
    }
}

/// The fields a summary line reads, each the first of its id in the frame
/// (outermost layer first), found in one pass over the fields.
#[derive(Default)]
struct Seen<'a> {
    ipv6: [Option<&'a Field>; 2],
    ipv4: [Option<&'a Field>; 2],
    ethernet: [Option<&'a Field>; 2],
    icmp_type: Option<&'a Field>,
    icmp_code: Option<&'a Field>,
    icmpv6_type: Option<&'a Field>,
    arp_operation: Option<&'a Field>,
}

impl<'a> Seen<'a> {
    fn of(d: &'a Dissection) -> Self {
        let mut seen = Seen::default();
        // TCP, UDP and the data hold none of these ids: their fields (a
        // TCP header has twenty) are not looked at.
        let may_hold = |l: &&Layer| match l.layer {
            LayerKind::Application => false,
            LayerKind::Transport => !matches!(l.protocol, "TCP" | "UDP"),
            _ => true,
        };
        for f in d.layers.iter().filter(may_hold).flat_map(|l| &l.fields) {
            let slot = match f.id {
                field_id::IPV6_SRC => &mut seen.ipv6[0],
                field_id::IPV6_DST => &mut seen.ipv6[1],
                field_id::IPV4_SRC => &mut seen.ipv4[0],
                field_id::IPV4_DST => &mut seen.ipv4[1],
                field_id::ETH_SRC => &mut seen.ethernet[0],
                field_id::ETH_DST => &mut seen.ethernet[1],
                field_id::ICMP_TYPE => &mut seen.icmp_type,
                field_id::ICMP_CODE => &mut seen.icmp_code,
                field_id::ICMPV6_TYPE => &mut seen.icmpv6_type,
                field_id::ARP_OPER => &mut seen.arp_operation,
                _ => continue,
            };
            slot.get_or_insert(f);
        }
        seen
    }
}

/// A field's value as `{}` writes it.
fn push_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Text(text) => out.extend_from_slice(text.as_bytes()),
        Value::Shown(shown) => shown.write_text(out),
        Value::Number(n) => {
            let mut digits = [0u8; 20];
            out.extend_from_slice(crate::model::decimal_digits(*n, &mut digits));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn titles_from_pieces_are_the_sentences_filled_in() {
        let mut checked = 0;
        // Languages interleaved (the pieces are cut again for each), with
        // and without sentences.
        for _ in 0..2 {
            crate::detail::in_each_language_and_level(|lang, brief| {
                for number in [1, 9, 10, 1234, usize::MAX] {
                    for len in [0usize, 1, 2, 60, 1514, 65535] {
                        for original in [len, len + 1, len.saturating_sub(1), 70000] {
                            for link in [
                                Link::Ethernet,
                                Link::RawIp,
                                Link::LinuxSll,
                                Link::Other(147),
                            ] {
                                for at in [
                                    None,
                                    Some(Duration::ZERO),
                                    Some(Duration::new(80_000, 123_456_789)),
                                    Some(Duration::new(1_700_000_000, 999_999_000)),
                                ] {
                                    let mut fast = b"kept ".to_vec();
                                    push_title(&mut fast, number, len, original, link, at);
                                    let expected =
                                        format!("kept {}", title(number, len, original, link, at));
                                    assert_eq!(
                                        String::from_utf8_lossy(&fast),
                                        expected,
                                        "{lang:?} {brief} {number} {len} {original} {link:?} {at:?}"
                                    );
                                    checked += 1;
                                }
                            }
                        }
                    }
                }
            });
        }
        assert!(checked > 7000, "{checked}");
    }
}
