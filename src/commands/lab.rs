//! `stackviz lab up|down|status|impair|udp`: runs the lab and says, in
//! the user's language, what it did and what to run next.

use std::io::Write;

use serde_json::json;

use stackviz::cli::{Format, ImpairArgs, LabAction, LabArgs, LabUdpArgs};
use stackviz::error::Error;
use stackviz::lab::link::{self, Direction, End, Status, UpOutcome};
use stackviz::lab::netem::Impairment;
use stackviz::lab::reorder;
use stackviz::lab::tcp;
use stackviz::lab::udp::{self, Report, Request};
use stackviz::lab::{self as labmod, Names};
use stackviz::loss;
use stackviz::render::{self, RenderOptions};
use stackviz::session::ladder::End as Column;
use stackviz::t;

use super::Finished;

/// The JSON of every `lab` command (docs/json.md).
pub const LAB_SCHEMA: &str = "stackviz.lab/1";

pub fn lab(
    args: &LabArgs,
    format: Format,
    options: &RenderOptions,
    out: &mut Vec<u8>,
) -> Result<Finished, Error> {
    let names = Names::new(&args.prefix)?;
    let action = match &args.action {
        LabAction::Up => "up",
        LabAction::Down => "down",
        LabAction::Status => "status",
        LabAction::Impair(_) => "impair",
        LabAction::Udp(_) => "udp",
        LabAction::Tcp(_) => "tcp",
        LabAction::Mtu(_) => "mtu",
    };
    if let LabAction::Impair(impair) = &args.action {
        // Bad numbers are bad usage, whoever runs it.
        impairment(impair).check()?;
    }
    labmod::need_root(action)?;
    let flag = prefix_flag(&names);
    let mut lines: Vec<String> = Vec::new();
    let mut finished = Finished::Done;
    let mut ladder = None;
    let json = match &args.action {
        LabAction::Up => {
            let outcome = link::up(&names)?;
            let status = link::status(&names)?;
            match outcome {
                UpOutcome::AlreadyUp => lines.push(t!(
                    "lab already up: nothing changed (stackviz lab status{flag} shows it)",
                    flag
                )),
                UpOutcome::Rebuilt => lines.push(
                    t!("lab was half up (a run stopped part way): removed it and made it again")
                        .to_string(),
                ),
                UpOutcome::Created => {}
            }
            if outcome != UpOutcome::AlreadyUp {
                lines.push(t!(
                    "lab up: {a} 10.200.0.1 ({dev_a}) <-> {b} 10.200.0.2 ({dev_b}), one veth pair",
                    a = names.ns_a(),
                    dev_a = names.dev_a(),
                    b = names.ns_b(),
                    dev_b = names.dev_b()
                ));
                lines.push(t!("send offload off on both ends (gso_max_size 1500, gso_max_segs 1): TCP segments leave at their real size, at most 1448 bytes of data").to_string());
                lines.push(t!("permanent neighbour entries on both ends: no ARP crosses the link, so every loss counted is the link's").to_string());
            }
            lines.push(t!(
                "next: stackviz lab impair{flag} --loss 30, then stackviz lab udp{flag} --count 1000 (or: ip netns exec {a} stackviz send --to 10.200.0.2:15001)",
                flag,
                a = names.ns_a()
            ));
            json!({ "schema": LAB_SCHEMA, "action": "up", "outcome": outcome, "status": status })
        }
        LabAction::Down => {
            let removed = link::down(&names)?;
            if removed {
                lines.push(t!(
                    "lab down: removed {a}, {b}, their link and its impairment",
                    a = names.ns_a(),
                    b = names.ns_b()
                ));
            } else {
                lines.push(t!("lab already down: nothing to remove").to_string());
            }
            json!({ "schema": LAB_SCHEMA, "action": "down", "removed": removed })
        }
        LabAction::Status => {
            let status = link::status(&names)?;
            status_lines(&names, &status, &mut lines);
            json!({ "schema": LAB_SCHEMA, "action": "status", "status": status })
        }
        LabAction::Impair(impair) => {
            let wanted = if impair.clear {
                Impairment::default()
            } else {
                impairment(impair)
            };
            if wanted.is_empty() && !impair.clear {
                return Err(Error::Lab {
                    message: t!("lab impair was given nothing to do").to_string(),
                    hint: t!("give --loss, --delay, --jitter, --reorder, --duplicate or --rate, or --clear to remove the impairment").to_string(),
                    usage: true,
                });
            }
            let direction = if impair.both {
                Direction::Both
            } else {
                Direction::AToB
            };
            let engine = link::impair(&names, &wanted, direction)?;
            let status = link::require_up(&names)?;
            if wanted.is_empty() {
                lines.push(
                    t!("impairment removed: the link passes every packet at once").to_string(),
                );
            } else if engine == link::Engine::Bpf {
                // Only when netem was tried is its absence known.
                mechanism_lines(&wanted, wanted.wants_netem(), &mut lines);
            }
            if let Some(ends) = &status.ends {
                direction_lines(ends, &mut lines);
            }
            if wanted.jitter_ms.is_some() && wanted.reorder.is_none() {
                lines.push(t!("note: jitter alone reorders packets too: netem sends each packet when its own delay ends, so a packet given a shorter delay overtakes the one before it").to_string());
            }
            if !wanted.is_empty() {
                lines.push(t!(
                    "next: stackviz lab udp{flag} --count 1000; stackviz lab impair{flag} --clear removes it",
                    flag
                ));
            }
            json!({ "schema": LAB_SCHEMA, "action": "impair", "impairment": wanted, "direction": direction, "engine": engine, "status": status })
        }
        LabAction::Udp(args) => {
            let report = run_udp(&names, args)?;
            let agree = udp_lines(&names, &report, &mut lines);
            finished = Finished::run_failed_if(!agree);
            json!({ "schema": LAB_SCHEMA, "action": "udp", "report": report, "counters_agree": agree })
        }
        LabAction::Tcp(args) => {
            let report = tcp::run(&names, args.bytes as usize)?;
            tcp_lines(&names, &report, &mut lines);
            finished = Finished::run_failed_if(!report.intact);
            ladder = Some(tcp::ladder(
                &report,
                format!(
                    "{} {}",
                    names.ns_a(),
                    render::ladder::column_title(Column::Left, &report.client)
                ),
                format!(
                    "{} {}",
                    names.ns_b(),
                    render::ladder::column_title(Column::Right, &report.server)
                ),
            ));
            json!({ "schema": LAB_SCHEMA, "action": "tcp", "report": report })
        }
        LabAction::Mtu(args) => {
            let report = labmod::mtu::run(&names, args.bytes as usize)?;
            mtu_lines(&names, &report, &mut lines);
            finished = Finished::run_failed_if(!report.tcp_intact || !report.udp_intact);
            json!({ "schema": LAB_SCHEMA, "action": "mtu", "report": report })
        }
    };
    match format {
        Format::Json => {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
        Format::Table => {
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
            if let Some(ladder) = ladder {
                let _ = writeln!(out);
                let _ = render::ladder::render(&ladder, out, options, false);
            }
        }
    }
    Ok(finished)
}

fn prefix_flag(names: &Names) -> String {
    if names.prefix == "sv" {
        String::new()
    } else {
        format!(" --prefix {}", names.prefix)
    }
}

fn impairment(args: &ImpairArgs) -> Impairment {
    Impairment {
        loss: args.loss,
        delay_ms: args.delay,
        jitter_ms: args.jitter,
        reorder: args.reorder,
        duplicate: args.duplicate,
        rate_mbit: args.rate,
    }
}

fn status_lines(names: &Names, status: &Status, lines: &mut Vec<String>) {
    let flag = prefix_flag(names);
    if status.is_down() {
        lines.push(t!("lab down (start it with: stackviz lab up{flag})", flag));
        return;
    }
    let Some(ends) = &status.ends else {
        lines.push(t!(
            "lab half up ({n} of 2 namespaces, or the link is missing): stackviz lab up{flag} rebuilds it, stackviz lab down{flag} removes it",
            n = status.namespaces_up,
            flag
        ));
        return;
    };
    lines.push(t!("lab up").to_string());
    for end in ends {
        let gso = match (end.gso_max_size, end.gso_max_segs) {
            (Some(size), Some(segs)) => t!("gso_max_size {size}, gso_max_segs {segs}", size, segs),
            _ => t!("send offload settings not shown by ip").to_string(),
        };
        lines.push(t!(
            "  {ns}: {address}/24 on {dev}; {gso}",
            ns = end.namespace,
            address = end.address,
            dev = end.device,
            gso
        ));
    }
    direction_lines(ends, lines);
    lines.push(t!(
        "next: stackviz lab udp{flag} --count 1000, or stackviz lab down{flag}",
        flag
    ));
}

/// What applies each impairment when netem does not: one sentence per
/// mechanism, saying what the kernel really does.
fn mechanism_lines(wanted: &Impairment, netem_missing: bool, lines: &mut Vec<String>) {
    if wanted.loss.is_some() && netem_missing {
        lines.push(t!("this kernel has no netem (sch_netem): the loss is applied by a six-instruction XDP program on the receiving end, which drops each frame at random as it comes off the link, before a capture there or IP sees it; the sender is told nothing, as on a lossy wire").to_string());
    } else if wanted.loss.is_some() {
        lines.push(t!("netem is not used (it reorders only packets it delays, and --reorder came without --delay): the loss is applied by a six-instruction XDP program on the receiving end, which drops each frame at random as it comes off the link, before a capture there or IP sees it; the sender is told nothing, as on a lossy wire").to_string());
    }
    if let Some(percent) = wanted.reorder.filter(|p| *p > 0.0) {
        lines.push(t!(
            "reordering without netem: htb on the sending end's root with a fast default class and a slow one ({rate}, every packet charged as {bytes} bytes: 0.5 ms each); a classic BPF random filter puts {percent}% of the packets in the slow class, where each waits until the one before it is paid for while packets sent later leave at once and overtake it (a packet that finds the slow class owing nothing leaves at once)",
            rate = reorder::SLOW_RATE,
            bytes = reorder::CHARGED_BYTES,
            percent
        ));
    }
    if let Some(mbit) = wanted.rate_mbit {
        lines.push(t!(
            "rate without netem: htb on the sending end's root sends at most {mbit} Mbit/s; each packet waits for those queued before it to go out at that rate, so the delay grows with the queue (a sending socket whose buffer is full of queued packets waits in sendto(); the queue drops beyond 1000 packets): none of it is a fixed delay",
            mbit
        ));
    }
    if let Some(percent) = wanted.duplicate.filter(|p| *p > 0.0) {
        let q = (percent / 100.0).min(0.999);
        lines.push(t!(
            "duplication without netem: a classic BPF random filter on the sending end's egress (clsact) picks {percent}% of the packets and mirred sends a copy of each out of the same device; the copy passes the same filter and can be copied again, so a packet goes out at least 1 + k times with chance p^k: about {expected} extra copies per packet (p / (1 − p)), fewer where mirred's nesting limit cuts a chain of copies short",
            percent,
            expected = format!("{:.3}", q / (1.0 - q))
        ));
    }
}

/// The impairment of each direction: netem on the sending end, or the
/// XDP loss filter on the receiving end with htb and mirred on the
/// sending end.
fn direction_lines(ends: &[End; 2], lines: &mut Vec<String>) {
    for (from, to) in [(&ends[0], &ends[1]), (&ends[1], &ends[0])] {
        let line = match &from.qdisc.netem {
            Some(settings) => t!(
                "  packets {from} → {to} (netem on {dev}): {settings}",
                from = from.namespace,
                to = to.namespace,
                dev = from.device,
                settings
            ),
            None => match without_netem(from, to) {
                Some(what) => t!(
                    "  packets {from} → {to}: {what}",
                    from = from.namespace,
                    to = to.namespace,
                    what
                ),
                None => t!(
                    "  packets {from} → {to}: not impaired",
                    from = from.namespace,
                    to = to.namespace
                ),
            },
        };
        lines.push(line);
    }
}

/// The impairments of packets `from` → `to` made without netem, read
/// back from the kernel with their counters; `None` when there is none.
fn without_netem(from: &End, to: &End) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(loss) = to.ingress_loss {
        parts.push(t!(
            "loss {loss}% (XDP filter on {dev})",
            loss,
            dev = to.device
        ));
    }
    if let Some(r) = &from.reorder {
        parts.push(t!(
            "reordering {percent}% (htb on {dev}: a classic BPF random filter puts packets in a slow class; it has sent {held} packets, the fast class {fast})",
            percent = r.percent,
            dev = from.device,
            held = r.held_packets,
            fast = r.fast_packets
        ));
    }
    if let Some(r) = &from.rate {
        parts.push(t!(
            "rate {rate} (htb on {dev}: {sent} packets sent, {dropped} dropped when its queue was full)",
            rate = r.rate,
            dev = from.device,
            sent = r.sent_packets,
            dropped = r.dropped
        ));
    }
    if let Some(d) = &from.duplicate {
        parts.push(t!(
            "duplication {percent}% (mirred on {dev}: {copies} copies sent so far, {refused} refused by its nesting limit)",
            percent = d.percent,
            dev = from.device,
            copies = d.copies(),
            refused = d.refused
        ));
    }
    (!parts.is_empty()).then(|| parts.join(t!("; ")))
}

/// The line naming the impairment of a → b for a run's report.
fn run_link_line(names: &Names, netem: Option<&String>, status: Option<&Status>) -> String {
    let (a, b) = (names.ns_a(), names.ns_b());
    if let Some(settings) = netem {
        return t!("the link {a} → {b}: netem {settings}", a, b, settings);
    }
    match status
        .and_then(|s| s.ends.as_ref())
        .and_then(|ends| without_netem(&ends[0], &ends[1]))
    {
        Some(what) => t!("the link {a} → {b}: {what}", a, b, what),
        None => t!(
            "the link {a} → {b}: not impaired (stackviz lab impair --loss 30 adds loss)",
            a,
            b
        ),
    }
}

fn run_udp(names: &Names, args: &LabUdpArgs) -> Result<Report, Error> {
    udp::run(
        names,
        Request {
            count: args.count,
            size: args.size as usize,
        },
    )
}

/// The report's lines; true when every counter that could be read agrees
/// with the sequence numbers.
fn udp_lines(names: &Names, r: &Report, lines: &mut Vec<String>) -> bool {
    let ok = |agree: bool| if agree { "✓" } else { "✗" };
    lines.push(t!(
        "UDP over the lab's link: {count} numbered datagrams of {size} bytes, {sender} → {receiver}, {rate} per second",
        count = r.count,
        size = r.size,
        sender = r.sender,
        receiver = r.receiver,
        rate = udp::RATE
    ));
    lines.push(run_link_line(
        names,
        r.netem.as_ref(),
        link::status(names).ok().as_ref(),
    ));
    lines.push(t!(
        "sendto() returned success {sent} times of {count} in {ms} ms: the sender is never told of a loss (UDP has no acknowledgements)",
        sent = r.sent,
        count = r.count,
        ms = format!("{:.1}", r.send_ms)
    ));
    let paced_ms = r.count as f64 * 1000.0 / udp::RATE as f64;
    if r.send_ms > paced_ms * 1.5 + 20.0 {
        lines.push(t!(
            "sending took {ms} ms, not the paced {paced} ms: sendto() waited while the socket's send buffer was full of datagrams queued for the link",
            ms = format!("{:.1}", r.send_ms),
            paced = format!("{paced_ms:.1}")
        ));
    }
    lines.push(t!(
        "arrived: {received} distinct numbers in {arrivals} datagrams ({duplicates} duplicates); the receiver waited {ms} ms after the last send",
        received = r.received,
        arrivals = r.arrivals,
        duplicates = r.duplicates,
        ms = format!("{:.0}", r.waited_ms)
    ));
    if let Some(w) = r.one_way_ms {
        lines.push(t!(
            "one-way time of each number's first arrival, sendto() to recv() on one clock: min {min} ms, median {median} ms, max {max} ms",
            min = format!("{:.3}", w.min),
            median = format!("{:.3}", w.median),
            max = format!("{:.3}", w.max)
        ));
    }
    let lost_ranges = loss::ranges(r.lost.iter().copied());
    if r.lost.is_empty() {
        lines.push(t!("lost: none").to_string());
    } else {
        lines.push(t!(
            "lost: {n} ({ranges})",
            n = r.lost.len(),
            ranges = loss::ranges_text(&lost_ranges, Some(20))
        ));
    }
    if r.reordered == 0 {
        lines
            .push(t!("reordered: none (every number arrived after the ones below it)").to_string());
    } else {
        let examples: Vec<String> = r
            .reordered_examples
            .iter()
            .map(|(n, after)| t!("{n} after {after}", n, after))
            .collect();
        lines.push(t!(
            "reordered: {n} arrived after a higher number (e.g. {examples})",
            n = r.reordered,
            examples = examples.join(", ")
        ));
    }
    if r.duplicates > 0 {
        let per: Vec<String> = r
            .copies_per_number
            .iter()
            .map(|(times, numbers)| t!("{numbers} arrived {times}×", numbers, times))
            .collect();
        lines.push(t!("arrivals per number: {list}", list = per.join(t!(", "))));
    }
    lines.push(t!(
        "sent {sent} = received {received} + lost {lost}",
        sent = r.sent,
        received = r.received,
        lost = r.lost.len()
    ));
    lines.push(t!("Counters over the run").to_string());
    let mut agree = true;
    match r.sender_counters {
        Some(c) => {
            let same = c.out_datagrams == r.sent;
            agree &= same;
            lines.push(t!(
                "  {ns} /proc/net/snmp Udp OutDatagrams: {n} {mark} (sendto() successes: {sent})",
                ns = names.ns_a(),
                n = c.out_datagrams,
                mark = ok(same),
                sent = r.sent
            ));
        }
        None => lines.push(t!("  {ns} /proc/net/snmp: not readable", ns = names.ns_a())),
    }
    let rcvbuf = r.receiver_counters.map_or(0, |c| c.rcvbuf_errors);
    match r.netem_dropped {
        Some(dropped) => {
            let same = dropped + rcvbuf == r.lost.len() as u64;
            agree &= same;
            lines.push(t!(
                "  netem on {dev}: dropped {dropped} {mark} (lost by sequence number: {lost}), passed on {passed}",
                dev = names.dev_a(),
                dropped,
                mark = ok(same),
                lost = r.lost.len(),
                passed = r.netem_sent.map_or_else(|| "?".to_string(), |n| n.to_string())
            ));
        }
        None => match (r.ingress_loss, r.link_frames, r.receiver_counters) {
            (Some(_), Some(frames), Some(c)) if r.mirred_copies.unwrap_or(0) > 0 => {
                // The filter drops copies too: a number is lost only when
                // every copy of it was dropped.
                let dropped = frames.saturating_sub(c.in_datagrams);
                let same = dropped >= r.lost.len() as u64;
                agree &= same;
                lines.push(t!(
                    "  {dev} put {frames} frames on the link; {dropped} of them (copies included) never reached UDP at {ns}, dropped by the XDP loss filter; {lost} numbers lost every copy {mark}",
                    dev = names.dev_a(),
                    ns = names.ns_b(),
                    frames,
                    dropped,
                    mark = ok(same),
                    lost = r.lost.len()
                ));
            }
            (Some(_), Some(frames), Some(c)) => {
                let dropped = frames.saturating_sub(c.in_datagrams);
                let same = dropped == r.lost.len() as u64;
                agree &= same;
                lines.push(t!(
                    "  {dev} put {frames} frames on the link; {dropped} of them never reached UDP at {ns} {mark} (dropped by the XDP loss filter; lost by sequence number: {lost})",
                    dev = names.dev_a(),
                    ns = names.ns_b(),
                    frames,
                    dropped,
                    mark = ok(same),
                    lost = r.lost.len()
                ));
            }
            _ => match (&r.rate, r.rate_dropped) {
                (Some(rate), Some(dropped)) => {
                    // Without the XDP filter the queue is the only place
                    // a datagram can be dropped on the way.
                    let same = r.ingress_loss.is_some() || dropped == r.lost.len() as u64;
                    agree &= same;
                    lines.push(t!(
                        "  htb at {rate} on {dev}: dropped {dropped} when its queue was full {mark} (lost by sequence number: {lost})",
                        rate,
                        dev = names.dev_a(),
                        dropped,
                        mark = ok(same),
                        lost = r.lost.len()
                    ));
                }
                _ => lines.push(t!(
                    "  {dev}: no netem, so no drop counter on the link",
                    dev = names.dev_a()
                )),
            },
        },
    }
    if let Some(held) = r.reorder_held {
        // Only a held datagram can arrive after a higher number: the fast
        // class, mirred and XDP keep the order.
        let same = r.reordered <= held;
        agree &= same;
        lines.push(t!(
            "  htb slow class on {dev}: held {held} packets {mark} (reordered by sequence number: {reordered}; a held packet is overtaken only when a later one leaves before it)",
            dev = names.dev_a(),
            held,
            mark = ok(same),
            reordered = r.reordered
        ));
    }
    if let Some(copies) = r.mirred_copies {
        // Every frame beyond one per datagram is a copy; when nothing is
        // dropped on the way each copy is also a duplicate arrival.
        let extra = r.link_frames.map(|f| f.saturating_sub(r.sent));
        let same = extra.is_none_or(|e| e == copies)
            && (r.ingress_loss.is_some() || copies == r.duplicates);
        agree &= same;
        lines.push(t!(
            "  mirred on {dev}: sent {copies} copies {mark} (frames beyond one per datagram: {extra}; duplicates by sequence number: {duplicates})",
            dev = names.dev_a(),
            copies,
            mark = ok(same),
            extra = extra.map_or_else(|| "?".to_string(), |e| e.to_string()),
            duplicates = r.duplicates
        ));
    }
    match r.receiver_counters {
        Some(c) => {
            let same = c.in_datagrams == r.arrivals;
            agree &= same;
            lines.push(t!(
                "  {ns} /proc/net/snmp Udp InDatagrams: {n} {mark} (datagrams read: {arrivals}); RcvbufErrors {rcvbuf}, InErrors {errors}",
                ns = names.ns_b(),
                n = c.in_datagrams,
                mark = ok(same),
                arrivals = r.arrivals,
                rcvbuf = c.rcvbuf_errors,
                errors = c.in_errors
            ));
        }
        None => lines.push(t!("  {ns} /proc/net/snmp: not readable", ns = names.ns_b())),
    }
    if !agree {
        lines.push(t!("a counter disagrees with the sequence numbers (marked ✗): something else used UDP in the lab's namespaces during the run, or a datagram was still on its way").to_string());
    }
    agree
}

/// The TCP report: what crossed, what was lost, how TCP recovered.
fn tcp_lines(names: &Names, r: &tcp::Report, lines: &mut Vec<String>) {
    let ok = |agree: bool| if agree { "✓" } else { "✗" };
    lines.push(t!(
        "TCP over the lab's link: {bytes} bytes from {client} to {server}, captured at both ends ({dev_a} and {dev_b})",
        bytes = r.bytes,
        client = r.client,
        server = r.server,
        dev_a = names.dev_a(),
        dev_b = names.dev_b()
    ));
    lines.push(run_link_line(
        names,
        r.netem.as_ref(),
        link::status(names).ok().as_ref(),
    ));
    if r.netem.is_some() {
        lines.push(t!("note: netem drops a segment before the capture on the sending end sees it, so a lost segment appears at neither end; its retransmission shows where it was").to_string());
    }
    lines.push(t!(
        "{segments} segments captured: {data} carried data from {a}; lost on the link: {lost}; retransmissions: {retransmissions}; duplicate ACKs: {dups}; ACKs with SACK blocks: {sack}",
        segments = r.segments.len(),
        data = r.data_segments(),
        a = names.ns_a(),
        lost = r.lost(),
        retransmissions = r.retransmissions(),
        dups = r.duplicate_acks(),
        sack = r.with_sack()
    ));
    if r.out_of_order_at_b > 0 {
        lines.push(t!(
            "{n} data segments reached {b} after a segment {a} sent later: the link reordered them, and the receiver held the data behind each gap until it was filled",
            n = r.out_of_order_at_b,
            a = names.ns_a(),
            b = names.ns_b()
        ));
    }
    lines.push(t!("What happened, segment by segment (in the order the client's end saw it; times are when the capture read each frame)").to_string());
    let mut events = 0;
    for s in &r.segments {
        let direction = if s.from_a {
            format!("{} → {}", names.ns_a(), names.ns_b())
        } else {
            format!("{} → {}", names.ns_b(), names.ns_a())
        };
        let what = format!(
            "#{number} {at:.1} ms {direction} {flags} seq={seq} len={len}{ack}",
            number = s.number,
            at = s.at_ms,
            flags = s.flags,
            seq = s.seq,
            len = s.len,
            ack = s.ack.map(|a| format!(" ack={a}")).unwrap_or_default()
        );
        let mut notes = Vec::new();
        if s.lost {
            let (sent_at, missing_at) = if s.from_a {
                (names.dev_a(), names.dev_b())
            } else {
                (names.dev_b(), names.dev_a())
            };
            notes.push(t!(
                "lost: captured leaving {sent_at}, never arriving at {missing_at}",
                sent_at,
                missing_at
            ));
        }
        if s.retransmission {
            let original = r.segments.iter().find(|o| {
                o.from_a == s.from_a && o.seq == s.seq && !o.retransmission && o.number < s.number
            });
            let since = original
                .map(|o| format!("{:.1}", s.at_ms - o.at_ms))
                .unwrap_or_else(|| "?".to_string());
            let dups = s.dup_acks_before.unwrap_or(0);
            let quiet = s
                .quiet_ms
                .map_or_else(|| "?".to_string(), |ms| format!("{ms:.1}"));
            notes.push(if dups >= 3 {
                t!(
                    "retransmission {ms} ms after the first copy, after {n} duplicate ACKs asking for seq {seq}: fast retransmit",
                    ms = since,
                    n = dups,
                    seq = s.seq
                )
            } else if s.sack_beyond {
                t!(
                    "retransmission {ms} ms after the first copy, during recovery: the last ACK's SACK blocks showed data beyond this gap ({n} duplicate ACKs for it)",
                    ms = since,
                    n = dups
                )
            } else if s.quiet_ms.is_none() {
                t!(
                    "retransmission {ms} ms after the first copy; nothing had come back from the receiver yet: the retransmission timer expired (a lost SYN is sent again after 1 s)",
                    ms = since
                )
            } else {
                t!(
                    "retransmission {ms} ms after the first copy; no duplicate ACK or SACK block pointed at it and nothing came back for {quiet} ms: the retransmission timer expired (or a tail-loss probe was sent)",
                    ms = since,
                    quiet
                )
            });
        }
        if s.copied {
            notes.push(t!("a second copy of the same transmission (same IP ID): the link duplicated it; TCP did not send it again").to_string());
        }
        if let Some(k) = s.duplicate_ack {
            notes.push(t!(
                "duplicate ACK {k}: the receiver still expects seq {ack}; data after a gap arrived and is held out of order",
                k,
                ack = s.ack.unwrap_or_default()
            ));
        }
        if !s.sack.is_empty() {
            let blocks: Vec<String> = s.sack.iter().map(|(l, r)| format!("{l}-{r}")).collect();
            notes.push(t!(
                "SACK {blocks}: these bytes arrived beyond the gap and need not be sent again",
                blocks = blocks.join(", ")
            ));
        }
        if !notes.is_empty() {
            events += 1;
            lines.push(format!("  {what}"));
            for note in notes {
                lines.push(format!("      {note}"));
            }
        }
    }
    if events == 0 {
        lines.push(t!("  nothing was lost: every segment crossed once, in order").to_string());
    }
    lines.push(if r.intact {
        t!(
            "arrived intact: the server read {received} bytes, byte for byte those sent {mark}",
            received = r.received,
            mark = ok(true)
        )
    } else {
        t!(
            "NOT intact: the server read {received} bytes of {bytes}, not those sent {mark}",
            received = r.received,
            bytes = r.bytes,
            mark = ok(false)
        )
    });
    if let Some(rtt) = r.rtt_ms {
        lines.push(t!(
            "the client's smoothed round-trip time at the end (TCP_INFO tcpi_rtt): {rtt} ms",
            rtt = format!("{rtt:.3}")
        ));
    }
    if let Some(n) = r.kernel_retransmits {
        lines.push(t!(
            "the client's kernel counted {n} retransmissions (TCP_INFO tcpi_total_retrans); its retransmission timeout is now {rto} ms; the transfer took {seconds} s",
            n,
            rto = r.rto_ms.map(|ms| format!("{ms:.0}")).unwrap_or_else(|| "?".into()),
            seconds = format!("{:.3}", r.seconds)
        ));
    }
}

/// `lab mtu`: what each transport made of the same bytes on the link.
fn mtu_lines(names: &Names, r: &labmod::mtu::Report, lines: &mut Vec<String>) {
    let mtu = r
        .mtu
        .map_or_else(|| t!("unknown").to_string(), |m| m.to_string());
    lines.push(t!(
        "the same {bytes} bytes over TCP and over UDP from {a} to {b}, on a link with MTU {mtu}, as the capture at {dev} saw them arrive",
        bytes = r.bytes,
        a = names.ns_a(),
        b = names.ns_b(),
        mtu,
        dev = names.dev_b()
    ));
    let sizes: Vec<String> = r.tcp_segments.iter().map(|s| s.data.to_string()).collect();
    let largest = r
        .tcp_segments
        .iter()
        .map(|s| s.ip_length)
        .max()
        .unwrap_or(0);
    lines.push(t!(
        "TCP: {count} segments carried the data ({sizes} bytes): TCP itself cuts the stream to the MSS (TCP_MAXSEG {maxseg} after connect()), so every segment is a whole IP packet of at most {largest} bytes and IP never fragments",
        count = r.tcp_segments.len(),
        sizes = sizes.join(" + "),
        maxseg = r
            .tcp_maxseg
            .map_or_else(|| t!("unknown").to_string(), |m| m.to_string()),
        largest
    ));
    let pieces: Vec<String> = r
        .udp_fragments
        .iter()
        .map(|f| {
            t!(
                "{length} bytes at offset {offset}{more}",
                length = f.length,
                offset = f.offset,
                more = if f.more_fragments { " MF" } else { "" }
            )
        })
        .collect();
    lines.push(t!(
        "UDP: one sendto() made one datagram of {size} bytes (8-byte header + {bytes}); IP cut it into {count} fragments ({pieces}): each but the last carries a multiple of 8 bytes, and only the first holds the UDP header",
        size = r.bytes + 8,
        bytes = r.bytes,
        count = r.udp_fragments.len(),
        pieces = pieces.join(", ")
    ));
    lines.push(if r.tcp_intact && r.udp_intact {
        t!("both arrived whole: the server read every byte of the stream, and recvfrom() returned the datagram once all its fragments were in; lose one fragment and the whole datagram is lost, lose one segment and TCP sends that segment again").to_string()
    } else {
        t!("something did not arrive whole (is the link impaired? stackviz lab status shows it)").to_string()
    });
}
