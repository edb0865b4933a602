//! `send --count N` for people: what the sender was told (success, every
//! time), what the receiver got (ranges and a strip, never N lines), the
//! socket's drop counter, the equation sent = received + dropped, the
//! host's UDP counters before and after, and (--order) the arrival order.

use std::io::{self, Write};
use std::time::Duration;

use super::{heading, new_table, RenderOptions};
use crate::loss::{ranges_text, LossReport};
use crate::net::overflow::numbered;
use crate::t;
use crate::text::quoted_preview as quoted;

/// At most this many ranges in a sentence; JSON has them all.
const RANGE_LIMIT: usize = 40;
/// A strip of one character per datagram is drawn up to this many.
const STRIP_LIMIT: u64 = 1000;
/// Datagrams per row of the strip.
const STRIP_ROW: u64 = 50;

pub fn render(
    report: &LossReport,
    out: &mut impl Write,
    options: &RenderOptions,
    order: bool,
) -> io::Result<()> {
    let out = &mut super::wrap::Wrap::new(out, options.width);
    let o = &report.observed;
    let request = &report.request;
    writeln!(
        out,
        "{}",
        heading(
            options,
            &if request.count == 1 {
                t!("UDP: 1 numbered datagram to a receiver with a small receive buffer").to_string()
            } else {
                t!(
                    "UDP: {count} numbered datagrams to a receiver with a small receive buffer",
                    count = request.count
                )
            }
        )
    )?;
    let width = crate::net::overflow::number_width(request.count);
    writeln!(
        out,
        "{}",
        t!(
            "sender {sender} → receiver {receiver}, {bytes} bytes of payload each: {first}, {second}, …",
            sender = o.sender,
            receiver = o.receiver,
            bytes = o.datagram_bytes,
            first = quoted(&numbered(1, width, &request.text)),
            second = quoted(&numbered(2, width, &request.text))
        )
    )?;
    writeln!(
        out,
        "{}",
        t!(
            "the receiver asked for SO_RCVBUF {asked} bytes and the kernel set {set} (Linux doubles the value for its bookkeeping; each queued datagram is charged its whole buffer, far more than its payload); SO_RXQ_OVFL is on",
            asked = o.rcvbuf_asked,
            set = o.rcvbuf_set
        )
    )?;
    let pace = match request.rate {
        0 => t!("the sender calls sendto() as fast as it returns").to_string(),
        rate => t!("the sender sends {rate} datagrams per second", rate),
    };
    let reading = match request.slow_receiver {
        None => t!("the receiver reads only after the sender has finished").to_string(),
        Some(pause) => t!(
            "the receiver reads while the sender sends, pausing {ms} ms after each datagram",
            ms = pause.as_millis()
        ),
    };
    writeln!(out, "{}", t!("{pace}; {reading}", pace, reading))?;
    writeln!(out)?;

    writeln!(out, "{}", heading(options, t!("What the sender was told")))?;
    if o.interrupted {
        writeln!(
            out,
            "{}",
            t!(
                "Ctrl-C stopped the sender after {attempted} of {count} datagrams; everything below counts the {attempted} it sent",
                attempted = o.attempted,
                count = request.count
            )
        )?;
    }
    writeln!(
        out,
        "{}",
        t!(
            "sendto() calls that returned success: {sent} of {attempted}, in {time}",
            sent = report.sent,
            attempted = o.attempted,
            time = duration(o.sending)
        )
    )?;
    if let Some(error) = &o.first_error {
        writeln!(
            out,
            "{}",
            t!(
                "sendto() calls that failed: {failed} ({error}); those datagrams never left and are not counted as sent",
                failed = o.failed.len(),
                error
            )
        )?;
    }
    writeln!(
        out,
        "{}",
        t!("the sender was never told that anything was lost: sendto() only says the kernel took the datagram, and UDP sends no acknowledgements")
    )?;
    writeln!(out)?;

    writeln!(out, "{}", heading(options, t!("What the receiver got")))?;
    let arrived = if report.arrived.is_empty() {
        t!("none").to_string()
    } else {
        ranges_text(&report.arrived, Some(RANGE_LIMIT))
    };
    let lost = if report.lost.is_empty() {
        t!("none").to_string()
    } else {
        ranges_text(&report.lost, Some(RANGE_LIMIT))
    };
    writeln!(
        out,
        "{}",
        t!(
            "arrived: {ranges} ({datagrams})",
            ranges = arrived,
            datagrams = datagrams(report.received)
        )
    )?;
    writeln!(
        out,
        "{}",
        t!(
            "lost:    {ranges} ({datagrams})",
            ranges = lost,
            datagrams = datagrams(report.lost_count)
        )
    )?;
    strip(report, out)?;
    match report.dropped() {
        Some(dropped) => writeln!(
            out,
            "{}",
            t!(
                "SO_RXQ_OVFL, the receiving socket's own drop counter: {dropped} (read from the end marker stackviz sent once the queue was empty: the counter rides on the next datagram queued)",
                dropped
            )
        )?,
        None => writeln!(
            out,
            "{}",
            t!("SO_RXQ_OVFL: unknown, the end marker did not come back within --timeout")
        )?,
    }
    if o.foreign > 0 {
        writeln!(
            out,
            "{}",
            t!(
                "datagrams from another sender that arrived on the port and were left out: {foreign}",
                foreign = o.foreign
            )
        )?;
    }
    writeln!(out)?;

    match report.dropped() {
        Some(dropped) if report.balanced() => writeln!(
            out,
            "{}",
            t!(
                "✓ sent {sent} = received {received} + dropped {dropped}: every datagram is accounted for, and the lost numbers are exactly the ones the kernel dropped",
                sent = report.sent,
                received = report.received,
                dropped
            )
        )?,
        Some(dropped) => writeln!(
            out,
            "{}",
            t!(
                "✗ sent {sent} ≠ received {received} + dropped {dropped} ({lost} numbers missing): something other than this receive queue lost or added datagrams",
                sent = report.sent,
                received = report.received,
                dropped,
                lost = report.lost_count
            )
        )?,
        None => writeln!(
            out,
            "{}",
            t!(
                "✗ sent {sent}, received {received}: without the drop counter the losses cannot be checked",
                sent = report.sent,
                received = report.received
            )
        )?,
    }
    writeln!(out)?;

    if order {
        order_lines(report, out)?;
        writeln!(out)?;
    }
    host_counters(report, out, options)?;
    writeln!(
        out,
        "{}",
        t!(
            "time: {sending} sending, {total} in all",
            sending = duration(o.sending),
            total = duration(o.total)
        )
    )
}

/// One character per datagram, 50 a row: `#` arrived, `.` lost, `x`
/// sendto() failed.
fn strip(report: &LossReport, out: &mut impl Write) -> io::Result<()> {
    let attempted = report.observed.attempted;
    if attempted == 0 || attempted > STRIP_LIMIT {
        return Ok(());
    }
    let arrived = |n: u64| report.arrived.iter().any(|&(a, b)| a <= n && n <= b);
    let failed = |n: u64| report.observed.failed.contains(&n);
    writeln!(out, "{}", t!("# arrived, . lost:"))?;
    let label = attempted.to_string().len();
    let mut first = 1;
    while first <= attempted {
        let last = (first + STRIP_ROW - 1).min(attempted);
        let row: String = (first..=last)
            .map(|n| {
                if arrived(n) {
                    '#'
                } else if failed(n) {
                    'x'
                } else {
                    '.'
                }
            })
            .collect();
        writeln!(out, "  {first:>label$} {row}")?;
        first = last + 1;
    }
    Ok(())
}

fn order_lines(report: &LossReport, out: &mut impl Write) -> io::Result<()> {
    if report.out_of_order.is_empty() && report.duplicates.is_empty() {
        writeln!(
            out,
            "{}",
            t!(
                "order: every datagram that arrived came in increasing order, none twice. On loopback each sendto() puts its datagram straight into the one receive queue, so nothing can overtake or repeat; a real network path can reorder and duplicate"
            )
        )?;
        return Ok(());
    }
    let list = |numbers: &[u64]| {
        let shown: Vec<String> = numbers.iter().take(40).map(u64::to_string).collect();
        let mut text = shown.join(", ");
        if numbers.len() > shown.len() {
            text.push_str(", …");
        }
        text
    };
    if !report.out_of_order.is_empty() {
        writeln!(
            out,
            "{}",
            t!(
                "order: datagrams that came after a higher number ({count}): {numbers}",
                count = report.out_of_order.len(),
                numbers = list(&report.out_of_order)
            )
        )?;
    }
    if !report.duplicates.is_empty() {
        writeln!(
            out,
            "{}",
            t!(
                "order: datagrams that came twice ({count}): {numbers}",
                count = report.duplicates.len(),
                numbers = list(&report.duplicates)
            )
        )?;
    }
    Ok(())
}

fn host_counters(
    report: &LossReport,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        heading(options, t!("The host's UDP counters (/proc/net/snmp)"))
    )?;
    let (Some(before), Some(after), Some(diff)) = (
        report.observed.before,
        report.observed.after,
        report.host_difference(),
    ) else {
        return writeln!(out, "{}", t!("/proc/net/snmp could not be read"));
    };
    let dropped = report
        .dropped()
        .map(|d| d.to_string())
        .unwrap_or_else(|| "?".into());
    let mut table = new_table(options);
    table.set_header([
        t!("counter"),
        t!("before"),
        t!("after"),
        t!("difference"),
        t!("this run's share"),
    ]);
    let rows = [
        (
            "InDatagrams",
            before.in_datagrams,
            after.in_datagrams,
            diff.in_datagrams,
            t!(
                "{received} + 1 (the end marker)",
                received = report.received
            ),
        ),
        (
            "RcvbufErrors",
            before.rcvbuf_errors,
            after.rcvbuf_errors,
            diff.rcvbuf_errors,
            dropped.clone(),
        ),
        (
            "InErrors",
            before.in_errors,
            after.in_errors,
            diff.in_errors,
            dropped,
        ),
    ];
    for (name, b, a, d, share) in rows {
        table.add_row([
            name.to_string(),
            b.to_string(),
            a.to_string(),
            d.to_string(),
            share,
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}",
        t!("these counters are the whole host's (this network namespace): other programs' UDP traffic during the run makes a difference larger than this run's share, never smaller. InDatagrams counts a datagram when recvmsg() returns it; RcvbufErrors (also counted in InErrors) when a full queue drops it")
    )
}

/// "1 datagram", "9 datagrams".
fn datagrams(count: u64) -> String {
    if count == 1 {
        t!("1 datagram").to_string()
    } else {
        t!("{count} datagrams", count)
    }
}

/// A duration in milliseconds, always: one unit, so runs of different
/// speeds read (and quote in the lessons) alike.
fn duration(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
