//! `send --tcp --count N` for people: every byte arrived in order, the
//! sender was slowed down (time in send(), the kernel's own count), the
//! window over time from TCP_INFO samples (sparklines and a short table),
//! the zero windows, probes and window updates on the wire, and flow
//! control said in words.

use std::io::{self, Write};
use std::time::Duration;

use super::{heading, new_table, RenderOptions};
use crate::flow::wire::{Event, Kind, WireReport};
use crate::flow::{FlowReport, WireOutcome};
use crate::net::overflow::{number_width, numbered};
use crate::net::tcp_flow::FlowSample;
use crate::t;
use crate::text::quoted_preview as quoted;

/// Rows of the sample table; stretches and events listed before "… and N more".
const TABLE_ROWS: usize = 12;
const LIST_LIMIT: usize = 6;
const EVENT_ROWS: usize = 12;
/// Stretches at 0 whose first sample gets a row of its own.
const ZERO_ROWS: usize = 4;

pub fn render(
    report: &FlowReport,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let out = &mut super::wrap::Wrap::new(out, options.width);
    setup(report, out, options)?;
    arrived(report, out, options)?;
    slowed(report, out, options)?;
    samples(report, out, options)?;
    on_the_wire(report, out, options)?;
    writeln!(out, "{}", heading(options, t!("Flow control in words")))?;
    writeln!(
        out,
        "{}",
        t!("TCP never lets a sender overrun its receiver. Every segment the server sends carries a window: how many more bytes it can take into its receive buffer. The client may have at most that many bytes sent and not yet acknowledged.")
    )?;
    if report.window_closed() {
        writeln!(
            out,
            "{}",
            t!("Here the server's program read slowly, its buffer filled, and the window shrank to 0: the client had to stop, its send buffer filled, and send() waited. When the program read, the buffer emptied and the server sent a window update; while the window stays 0 longer than the retransmission timeout, the client sends zero-window probes to ask. Nothing was lost: the receiver slowed the sender down instead. UDP has no window: there the same slow receiver drops datagrams (stackviz send --count N).")
        )
    } else {
        writeln!(
            out,
            "{}",
            t!("Here the window never reached 0: the data fitted, or the server acknowledged only after its program read. Send more (a larger --count or a longer message) or read more slowly (--slow-receiver 100 or more) to see it close.")
        )
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn setup(report: &FlowReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let o = &report.observed;
    let r = &report.request;
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "TCP: {count} numbered messages to a server that reads slowly (flow control)",
                count = r.count
            )
        )
    )?;
    let width = number_width(r.count);
    writeln!(
        out,
        "{}",
        t!(
            "client {client} → server {server}, {bytes} bytes a message: {first}, {second}, …; {total} bytes in all",
            client = o.client,
            server = o.server,
            bytes = o.message_bytes,
            first = quoted(&numbered(1, width, &r.text)),
            second = quoted(&numbered(2, width, &r.text)),
            total = o.message_bytes as u64 * r.count
        )
    )?;
    writeln!(
        out,
        "{}",
        t!(
            "the server asked for SO_RCVBUF {asked} bytes and the kernel set {set} (doubled for its bookkeeping): the receive window can never be larger than what fits there. Its program calls recv() (up to 65536 bytes) and then pauses {pause} ms",
            asked = o.rcvbuf_asked,
            set = o.rcvbuf_set,
            pause = r.pause.as_millis()
        )
    )?;
    match o.sndbuf_asked {
        Some(asked) => writeln!(
            out,
            "{}",
            t!(
                "the client asked for SO_SNDBUF {asked} bytes and the kernel set {set}: send() waits once that much is queued",
                asked,
                set = o.sndbuf_set
            )
        )?,
        None => writeln!(
            out,
            "{}",
            t!(
                "the client left SO_SNDBUF to the kernel, which sized it at {set} bytes by the end",
                set = o.sndbuf_set
            )
        )?,
    }
    let pace = match r.rate {
        0 => t!("the client calls send() as fast as it returns").to_string(),
        rate => t!("the client sends {rate} messages per second", rate),
    };
    writeln!(out, "{pace}")?;
    writeln!(out)
}

fn arrived(report: &FlowReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let o = &report.observed;
    let (s, stream) = (&o.sending, &o.stream);
    writeln!(out, "{}", heading(options, t!("What arrived")))?;
    if s.interrupted {
        writeln!(
            out,
            "{}",
            t!(
                "Ctrl-C stopped the client after {sent} of {count} messages; everything below counts the {sent} it sent",
                sent = s.messages,
                count = report.request.count
            )
        )?;
    }
    if o.reader_hurried {
        writeln!(
            out,
            "{}",
            t!("after Ctrl-C the server read the rest without pausing")
        )?;
    }
    if report.intact {
        writeln!(
            out,
            "{}",
            t!(
                "✓ every byte arrived, in order: {bytes} bytes sent = {bytes} bytes read, CRC-32 {crc} at both ends, messages 1 to {messages} each once and in order. TCP lost nothing",
                bytes = s.bytes,
                crc = format!("{:08x}", s.crc32),
                messages = s.messages
            )
        )?;
    } else {
        writeln!(
            out,
            "{}",
            t!(
                "✗ the stream did not arrive whole: {sent} bytes sent, {read} read, CRC-32 {crc_sent} sent and {crc_read} read, {messages} messages in order",
                sent = s.bytes,
                read = stream.bytes,
                crc_sent = format!("{:08x}", s.crc32),
                crc_read = format!("{:08x}", stream.crc32),
                messages = stream.messages_in_order
            )
        )?;
        if let Some(at) = stream.first_mismatch {
            writeln!(
                out,
                "{}",
                t!(
                    "the first unexpected byte was at offset {at} of the stream",
                    at
                )
            )?;
        }
        if o.reader_stalled {
            writeln!(
                out,
                "{}",
                t!("the server read nothing for --timeout and gave up")
            )?;
        }
        if let Some(error) = &s.error {
            writeln!(out, "{}", t!("send() failed: {error}", error))?;
        }
        if let Some(error) = &stream.error {
            writeln!(out, "{}", t!("recv() failed: {error}", error))?;
        }
    }
    writeln!(
        out,
        "{}",
        t!(
            "the server's program read them in {reads} recv() calls, at most {largest} bytes at a time",
            reads = stream.reads,
            largest = stream.largest_read
        )
    )?;
    writeln!(out)
}

fn slowed(report: &FlowReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let o = &report.observed;
    let s = &o.sending;
    writeln!(
        out,
        "{}",
        heading(options, t!("The sender was slowed down"))
    )?;
    writeln!(
        out,
        "{}",
        t!(
            "{messages} messages handed to the kernel in {sending} ms, {in_send} ms of it inside send(): {waited} of {calls} send() calls waited for room in the send buffer; the slowest message took {longest} ms to hand over",
            messages = s.messages,
            sending = ms(s.sending),
            in_send = ms(s.in_send),
            waited = s.calls_waited,
            calls = s.calls,
            longest = ms(s.longest_message)
        )
    )?;
    if let Some(c) = &o.client_final {
        if let (Some(busy), Some(rwnd), Some(sndbuf)) =
            (c.busy_us, c.rwnd_limited_us, c.sndbuf_limited_us)
        {
            let us = Duration::from_micros;
            writeln!(
                out,
                "{}",
                t!(
                    "the kernel's own count (the client's TCP_INFO): {busy} ms with data to send, {rwnd} ms of it held back by the receiver's window (tcpi_rwnd_limited), {sndbuf} ms by its own send buffer (tcpi_sndbuf_limited)",
                    busy = ms(us(busy)),
                    rwnd = ms(us(rwnd)),
                    sndbuf = ms(us(sndbuf))
                )
            )?;
        }
        if c.total_retrans > 0 {
            writeln!(
                out,
                "{}",
                t!(
                    "the client sent {count} segments again (tcpi_total_retrans): no acknowledgment came in time, as the server's kernel held back its ACKs while its buffer was full. The server reported {dups} of them as data it already had (D-SACK, tcpi_dsack_dups). Either way its program got every byte once",
                    count = c.total_retrans,
                    dups = c.dsack_dups.map_or_else(|| "?".to_string(), |d| d.to_string())
                )
            )?;
        }
    }
    writeln!(
        out,
        "{}",
        t!(
            "the transfer took {transfer} ms, from connect() to the server reading the last byte",
            transfer = ms(o.transfer)
        )
    )?;
    if let Some(d) = &report.delivery {
        writeln!(
            out,
            "{}",
            t!(
                "from send() to the server's recv(), message by message: the first {first} ms, median {median} ms, the slowest {longest} ms, the last {last} ms",
                first = ms(d.first),
                median = ms(d.median),
                longest = ms(d.longest),
                last = ms(d.last)
            )
        )?;
    }
    writeln!(out)
}

/// One character per column of time: the smallest value seen in it,
/// scaled to `top`; `·` is 0, a space no sample.
fn sparkline(
    samples: &[FlowSample],
    value: impl Fn(&FlowSample) -> Option<u64>,
    end: Duration,
    columns: usize,
    top: u64,
) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let mut lows: Vec<Option<u64>> = vec![None; columns];
    let span = end.as_secs_f64().max(1e-6);
    for s in samples {
        let Some(v) = value(s) else { continue };
        let col = ((s.at.as_secs_f64() / span) * columns as f64) as usize;
        let slot = &mut lows[col.min(columns - 1)];
        *slot = Some(slot.map_or(v, |low| low.min(v)));
    }
    lows.iter()
        .map(|low| match low {
            None => ' ',
            Some(0) => '·',
            Some(v) => {
                let level = ((*v as f64 / top.max(1) as f64) * 8.0).ceil() as usize;
                BARS[level.clamp(1, 8) - 1]
            }
        })
        .collect()
}

fn samples(report: &FlowReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let o = &report.observed;
    let samples = &o.samples;
    writeln!(
        out,
        "{}",
        heading(
            options,
            &t!(
                "The window over time (TCP_INFO of both sockets every {every} ms, no privilege needed)",
                every = ms(o.sample_every)
            )
        )
    )?;
    let Some(last) = samples.last() else {
        writeln!(out, "{}", t!("no samples were taken"))?;
        return writeln!(out);
    };
    let end = last.at;
    let label_width = 18;
    let columns = usize::from(options.width)
        .saturating_sub(label_width + 1)
        .clamp(10, 120);
    let wnd = |s: &FlowSample| s.client.and_then(|c| c.snd_wnd).map(u64::from);
    let unread = |s: &FlowSample| s.server_unread.map(u64::from);
    let top = samples
        .iter()
        .filter_map(|s| wnd(s).max(unread(s)))
        .max()
        .unwrap_or(1);
    writeln!(
        out,
        "{} {}",
        super::pad_right(t!("window"), label_width),
        sparkline(samples, wnd, end, columns, top)
    )?;
    writeln!(
        out,
        "{} {}",
        super::pad_right(t!("unread at server"), label_width),
        sparkline(samples, unread, end, columns, top)
    )?;
    writeln!(
        out,
        "{}",
        t!(
            "one column = {column} ms, the lowest value in it; █ = {top} bytes, · = 0, a space: no sample. window: what the client was last told it may send (tcpi_snd_wnd); unread: bytes in the server's receive buffer its program has not read yet (SIOCINQ)",
            column = ms(end / columns as u32),
            top
        )
    )?;
    let mut table = new_table(options);
    table.set_header([
        t!("ms"),
        t!("window"),
        t!("in flight"),
        t!("not sent yet"),
        t!("advertised"),
        t!("unread at server"),
        t!("read by program"),
    ]);
    // Evenly spread rows, plus the first samples of the first stretches at
    // 0: the moments a reader looks for.
    let mut rows: Vec<usize> = if samples.len() <= TABLE_ROWS {
        (0..samples.len()).collect()
    } else {
        (0..TABLE_ROWS)
            .map(|i| i * (samples.len() - 1) / (TABLE_ROWS - 1))
            .collect()
    };
    rows.extend(
        report
            .zero_stretches
            .iter()
            .take(ZERO_ROWS)
            .filter_map(|z| samples.iter().position(|s| s.at == z.from)),
    );
    rows.sort_unstable();
    rows.dedup();
    let shown: Vec<&FlowSample> = rows.iter().map(|&i| &samples[i]).collect();
    let opt = |v: Option<u64>| v.map_or_else(|| "?".to_string(), |v| v.to_string());
    for s in shown {
        let notsent = s.client.and_then(|c| c.notsent).map(u64::from);
        let in_flight = s
            .client_queue
            .zip(s.client.and_then(|c| c.notsent))
            .map(|(q, n)| u64::from(q.saturating_sub(n)));
        table.add_row([
            ms(s.at),
            opt(wnd(s)),
            opt(in_flight),
            opt(notsent),
            opt(s.server.and_then(|v| v.rcv_wnd).map(u64::from)),
            opt(unread(s)),
            s.read.to_string(),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}",
        t!("in flight: sent and not yet acknowledged (SIOCOUTQ minus tcpi_notsent_bytes); not sent yet: waiting in the client's send buffer (tcpi_notsent_bytes); advertised: the window the server last advertised (its tcpi_rcv_wnd); read by program: what the server's recv() calls returned so far")
    )?;
    if report.zero_stretches.is_empty() {
        writeln!(
            out,
            "{}",
            t!(
                "the window was never 0 in the {count} samples",
                count = samples.len()
            )
        )?;
    } else {
        let total: Duration = report
            .zero_stretches
            .iter()
            .map(|z| z.until.unwrap_or(end).saturating_sub(z.from))
            .sum();
        let mut list: Vec<String> = report
            .zero_stretches
            .iter()
            .take(LIST_LIMIT)
            .map(|z| match z.until {
                Some(until) => format!("{}–{}", ms(z.from), ms(until)),
                None => format!("{}–", ms(z.from)),
            })
            .collect();
        if report.zero_stretches.len() > LIST_LIMIT {
            list.push(t!(
                "… and {more} more",
                more = report.zero_stretches.len() - LIST_LIMIT
            ));
        }
        writeln!(
            out,
            "{}",
            t!(
                "the window was 0 in {zero} of {count} samples; the stretches at 0 (ms): {list}; {total} ms in all. Meanwhile the client could send nothing",
                zero = report.zero_samples,
                count = samples.len(),
                list = list.join(", "),
                total = ms(total)
            )
        )?;
    }
    writeln!(out)
}

fn kind_name(kind: Kind) -> String {
    match kind {
        Kind::Data => t!("data").into(),
        Kind::Retransmission => t!("retransmission").into(),
        Kind::ZeroWindowProbe => t!("zero-window probe").into(),
        Kind::ZeroWindow => t!("zero window").into(),
        Kind::WindowUpdate => t!("window update").into(),
        Kind::Other => String::new(),
    }
}

fn on_the_wire(
    report: &FlowReport,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let w = match &report.wire {
        WireOutcome::Off => return Ok(()),
        WireOutcome::Unavailable { reason, hint } => {
            writeln!(out, "{}", heading(options, t!("On the wire")))?;
            writeln!(out, "{reason}")?;
            writeln!(out, "{}", t!("hint: {hint}", hint))?;
            return writeln!(out);
        }
        WireOutcome::Caught(w) => w,
    };
    writeln!(
        out,
        "{}",
        heading(options, t!("On the wire (captured on loopback)"))
    )?;
    let scale = |s: Option<u8>| s.map_or_else(|| "-".to_string(), |s| s.to_string());
    writeln!(
        out,
        "{}",
        t!(
            "{segments} segments of the connection; window scale: client {client}, server {server} (from the SYNs: a window field is multiplied by 2^scale)",
            segments = w.events.len(),
            client = scale(w.client_scale),
            server = scale(w.server_scale)
        )
    )?;
    let mut counts = new_table(options);
    counts.set_header([t!("what"), t!("segments"), t!("meaning")]);
    counts.add_row([
        kind_name(Kind::ZeroWindow),
        w.zero_windows.to_string(),
        t!("the server's buffer is full: window 0, send nothing more").into(),
    ]);
    counts.add_row([
        kind_name(Kind::ZeroWindowProbe),
        w.probes.to_string(),
        t!("the client asks whether the window is still 0 (seq = last acknowledged - 1, no data)")
            .into(),
    ]);
    counts.add_row([
        kind_name(Kind::WindowUpdate),
        w.window_updates.to_string(),
        t!("the server's program read: an ACK that only opens the window again").into(),
    ]);
    counts.add_row([
        kind_name(Kind::Retransmission),
        w.retransmissions.to_string(),
        t!("data sent again: the timer fired before an acknowledgment came").into(),
    ]);
    writeln!(out, "{counts}")?;
    events(w, out, options)?;
    let sent = report.observed.sending.bytes;
    if w.data_bytes == sent {
        writeln!(
            out,
            "{}",
            t!(
                "✓ the captured data segments carry {bytes} new bytes, exactly what send() handed over",
                bytes = w.data_bytes
            )
        )?;
    } else {
        writeln!(
            out,
            "{}",
            t!(
                "the captured data segments carry {seen} new bytes of the {sent} sent: the capture missed some segments",
                seen = w.data_bytes,
                sent
            )
        )?;
    }
    if w.truncated {
        writeln!(
            out,
            "{}",
            t!("the capture kept its limit of segments; later ones are left out")
        )?;
    }
    writeln!(out)
}

/// The first interesting segments (zero windows, probes, updates,
/// retransmissions), in order.
fn events(w: &WireReport, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let interesting: Vec<&Event> = w
        .events
        .iter()
        .filter(|e| !matches!(e.kind, Kind::Data | Kind::Other))
        .collect();
    if interesting.is_empty() {
        return Ok(());
    }
    let mut table = new_table(options);
    table.set_header([
        t!("ms"),
        t!("direction"),
        t!("seq"),
        t!("ack"),
        t!("bytes"),
        t!("window"),
        t!("what"),
    ]);
    for e in interesting.iter().take(EVENT_ROWS) {
        table.add_row([
            ms(e.at),
            if e.from_client {
                t!("client → server").to_string()
            } else {
                t!("server → client").to_string()
            },
            e.seq.to_string(),
            e.ack.to_string(),
            e.len.to_string(),
            e.window.to_string(),
            kind_name(e.kind),
        ]);
    }
    writeln!(out, "{table}")?;
    if interesting.len() > EVENT_ROWS {
        writeln!(
            out,
            "{}",
            t!(
                "the first {shown} of {count} such segments (relative sequence numbers); --format json lists them all",
                shown = EVENT_ROWS,
                count = interesting.len()
            )
        )?;
    }
    Ok(())
}
