//! `stackviz lab impair --reorder/--duplicate` without netem (root; CI runs
//! these): reordering by htb and a classic BPF random filter, duplication by
//! clsact + mirred, seen by sequence number and matched with the kernel's
//! counters, and all of it removed by `impair --clear` and `down`. Each
//! test runs its own lab under a unique prefix, removed by a guard even
//! when the test fails; traffic crosses only the namespaces it made.

mod common;

use std::process::Command;

use common::lab::{namespaces, netem_available, tc, Lab};
use common::Bounded;
use serde_json::Value;

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn reordering_by_htb_is_seen_by_udp_and_tcp_and_matches_the_slow_class() {
    if !common::can_administer(
        "reordering_by_htb_is_seen_by_udp_and_tcp_and_matches_the_slow_class",
    ) {
        return;
    }
    let lab = Lab::new("svq", "400");
    let (a, b, dev_a) = (lab.ns("a"), lab.ns("b"), lab.dev("a"));
    lab.ok(&["up"]);
    // No --delay: with or without netem, htb reorders.
    let out = lab.ok(&["impair", "--reorder", "25"]);
    assert!(out.contains("reordering without netem: htb on the sending end's root with a fast default class and a slow one (24mbit, every packet charged as 1514 bytes: 0.5 ms each); a classic BPF random filter puts 25% of the packets in the slow class"), "{out}");
    assert!(
        out.contains(&format!("  packets {a} → {b}: reordering 25% (htb on {dev_a}: a classic BPF random filter puts packets in a slow class; it has sent 0 packets, the fast class 0)")),
        "{out}"
    );
    assert!(
        out.contains(&format!("  packets {b} → {a}: not impaired")),
        "{out}"
    );
    // The kernel holds what was asked for.
    let classes = tc(&a, &["class", "show", "dev", &dev_a]);
    assert!(
        classes.contains("class htb 1:20 root prio 0 rate 24Mbit ceil 24Mbit"),
        "{classes}"
    );
    let filters = tc(&a, &["filter", "show", "dev", &dev_a, "parent", "1:"]);
    assert!(
        filters.contains("flowid 1:20")
            && filters.contains(
                "bytecode '4,32 0 0 4294963256,37 1 0 1073741823,6 0 0 4294967295,6 0 0 0'"
            ),
        "{filters}"
    );

    let json = lab.json(&["udp", "--count", "2000"]);
    let r = &json["report"];
    assert_eq!(json["counters_agree"], true, "{json:#}");
    assert_eq!(r["received"], 2000);
    assert_eq!(r["lost"].as_array().map(Vec::len), Some(0), "{json:#}");
    assert_eq!(r["duplicates"], 0);
    assert_eq!(r["reorder_percent"], 25.0);
    let held = u(&r["reorder_held"]);
    let reordered = u(&r["reordered"]);
    // 25% of 2000 = 500 ± 19.4: 380..=620 is beyond 6 deviations.
    assert!((380..=620).contains(&held), "held {held}");
    // Seen in a run here: 243 of 504 held datagrams were overtaken.
    assert!(
        reordered > 0 && reordered <= held,
        "reordered {reordered} of {held} held"
    );
    let status = lab.ok(&["status"]);
    assert!(
        status.contains(&format!("reordering 25% (htb on {dev_a}: a classic BPF random filter puts packets in a slow class; it has sent {held} packets")),
        "{status}"
    );

    let json = lab.json(&["tcp", "--bytes", "100000"]);
    let r = &json["report"];
    assert_eq!(r["intact"], true);
    let segments = r["segments"].as_array().unwrap();
    // ~70 data segments at 25%: none held is a chance of 2e-9.
    assert!(u(&r["out_of_order_at_b"]) > 0, "{json:#}");
    assert!(segments
        .iter()
        .any(|s| !s["sack"].as_array().unwrap().is_empty()));
    assert!(segments.iter().any(|s| !s["duplicate_ack"].is_null()));
    // A held segment leaves a's end after later ones: it is no
    // retransmission; the capture's count is the kernel's.
    let retransmitted = segments
        .iter()
        .filter(|s| s["retransmission"] == true)
        .count();
    assert_eq!(
        u(&r["kernel_retransmits"]),
        retransmitted as u64,
        "{json:#}"
    );
}

#[test]
fn duplication_by_mirred_is_counted_by_number_and_by_the_kernel() {
    if !common::can_administer("duplication_by_mirred_is_counted_by_number_and_by_the_kernel") {
        return;
    }
    let lab = Lab::new("svq", "400");
    let (a, dev_a) = (lab.ns("a"), lab.dev("a"));
    lab.ok(&["up"]);
    let out = lab.ok(&["impair", "--duplicate", "20"]);
    let json = lab.json(&["udp", "--count", "2000"]);
    let r = &json["report"];
    assert_eq!(json["counters_agree"], true, "{json:#}");
    assert_eq!(r["received"], 2000);
    let duplicates = u(&r["duplicates"]);
    assert_eq!(u(&r["arrivals"]), 2000 + duplicates);
    assert_eq!(r["receiver_counters"]["in_datagrams"], r["arrivals"]);
    if netem_available("svqn") {
        assert!(duplicates > 0, "{json:#}");
        return;
    }
    assert!(out.contains("duplication without netem: a classic BPF random filter on the sending end's egress (clsact) picks 20% of the packets and mirred sends a copy of each out of the same device"), "{out}");
    let filters = tc(&a, &["filter", "show", "dev", &dev_a, "egress"]);
    assert!(
        filters.contains(&format!("mirred (Egress Mirror to device {dev_a})")),
        "{filters}"
    );
    // Every copy the kernel made arrived, and nothing else was extra.
    let copies = u(&r["mirred_copies"]);
    assert_eq!(copies, duplicates, "{json:#}");
    assert_eq!(u(&r["link_frames"]), 2000 + copies);
    // Copies are copied again: p / (1 − p) = 0.25 per datagram, 500 of
    // 2000 (± about 25); 350..=650 is far outside chance.
    assert!((350..=650).contains(&copies), "copies {copies}");
    // Nesting, seen: some numbers crossed three times or more (0.04 per
    // number: about 80 expected; none is a chance of e^-80).
    let per: Vec<(u64, u64)> = r["copies_per_number"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (u(&p[0]), u(&p[1])))
        .collect();
    assert!(per.iter().any(|&(times, n)| times >= 3 && n > 0), "{per:?}");
    assert_eq!(
        per.iter().map(|&(t, n)| (t - 1) * n).sum::<u64>(),
        duplicates
    );
    assert_eq!(r["reordered"], 0, "a copy leaves right behind its original");
    let text = lab.ok(&["udp", "--count", "500"]);
    assert!(
        text.contains(&format!("  mirred on {dev_a}: sent ")),
        "{text}"
    );
    assert!(text.contains("\narrivals per number: "), "{text}");
}

#[test]
fn clear_and_down_remove_htb_clsact_and_xdp_from_both_ends() {
    if !common::can_administer("clear_and_down_remove_htb_clsact_and_xdp_from_both_ends") {
        return;
    }
    let lab = Lab::new("svq", "400");
    let (a, b) = (lab.ns("a"), lab.ns("b"));
    lab.ok(&["up"]);
    let applied = lab.ok(&[
        "impair",
        "--reorder",
        "25",
        "--duplicate",
        "10",
        "--loss",
        "5",
        "--both",
    ]);
    // netem was not tried (--reorder without --delay), so nothing may say
    // the kernel lacks it: the XDP loss is said to be there for the reason
    // it is.
    assert!(
        applied.contains("netem is not used (it reorders only packets it delays"),
        "{applied}"
    );
    assert!(!applied.contains("this kernel has no netem"), "{applied}");
    // All three together: the counters still agree with the numbers.
    let json = lab.json(&["udp", "--count", "1000"]);
    assert_eq!(json["counters_agree"], true, "{json:#}");
    for ns in [&a, &b] {
        let dev = format!("{ns}0");
        let qdiscs = tc(ns, &["qdisc", "show", "dev", &dev]);
        // --reorder without --delay takes the htb path, netem or not.
        assert!(qdiscs.contains("qdisc htb 1: root"), "{qdiscs}");
        assert!(qdiscs.contains("qdisc clsact ffff:"), "{qdiscs}");
    }
    // Twice: the second finds nothing and changes nothing.
    for _ in 0..2 {
        let cleared = lab.ok(&["impair", "--clear"]);
        assert!(cleared.starts_with("impairment removed"), "{cleared}");
        for ns in [&a, &b] {
            let dev = format!("{ns}0");
            let qdiscs = tc(ns, &["qdisc", "show", "dev", &dev]);
            assert!(
                !qdiscs.contains("htb") && !qdiscs.contains("clsact") && !qdiscs.contains("netem"),
                "{qdiscs}"
            );
            let link = Command::new("ip")
                .args(["-d", "-n", ns, "link", "show", "dev", &dev])
                .bounded_output();
            assert!(!String::from_utf8_lossy(&link.stdout).contains("prog/xdp"));
        }
    }
    lab.ok(&["impair", "--reorder", "50", "--duplicate", "50"]);
    assert!(lab.ok(&["down"]).starts_with("lab down: removed"));
    let left = namespaces();
    assert!(!left.contains(&a) && !left.contains(&b), "{left:?}");
    assert_eq!(lab.ok(&["down"]), "lab already down: nothing to remove\n");
}

#[test]
fn delay_without_netem_is_refused_and_changes_nothing() {
    if !common::can_administer("delay_without_netem_is_refused_and_changes_nothing") {
        return;
    }
    if netem_available("svqn") {
        eprintln!("skipping delay_without_netem_is_refused_and_changes_nothing: this kernel has netem, so --delay works");
        return;
    }
    let lab = Lab::new("svq", "400");
    let a = lab.ns("a");
    lab.ok(&["up"]);
    for args in [
        vec!["--delay", "50"],
        vec!["--delay", "50", "--jitter", "10"],
        vec!["--delay", "50", "--reorder", "25"],
    ] {
        let mut all = vec!["impair"];
        all.extend(&args);
        let (code, out, err) = lab.run(&all);
        assert_eq!(code, 1, "{args:?}\n{out}");
        assert_eq!(
            err,
            "error: this kernel has no netem (sch_netem): --delay and --jitter cannot be applied, and no other qdisc here holds a packet for a set time\n\
             hint: load it (modprobe sch_netem; on Ubuntu it is in linux-modules-extra-$(uname -r)); without it --loss (XDP), --reorder (htb and a classic BPF random filter) and --duplicate (mirred) still work\n",
            "{args:?}"
        );
        let qdiscs = tc(&a, &["qdisc", "show", "dev", &lab.dev("a")]);
        assert!(!qdiscs.contains("htb"), "{qdiscs}");
    }
}

#[test]
fn a_slow_link_by_htb_delays_by_queueing_and_serialization() {
    if !common::can_administer("a_slow_link_by_htb_delays_by_queueing_and_serialization") {
        return;
    }
    let lab = Lab::new("svq", "400");
    let (a, b, dev_a) = (lab.ns("a"), lab.ns("b"), lab.dev("a"));
    lab.ok(&["up"]);
    let netem = netem_available("svqn");
    let out = lab.ok(&["impair", "--rate", "1"]);
    if !netem {
        assert!(
            out.contains(&format!("  packets {a} → {b}: rate 1Mbit (htb on {dev_a}: 0 packets sent, 0 dropped when its queue was full)")),
            "{out}"
        );
    }
    // 500 datagrams of 106 bytes on the wire (64 + UDP 8 + IP 20 + Ethernet
    // 14) at 1 Mbit/s take 424 ms to cross, four times the 100 ms the
    // sender paces them over: they queue.
    let json = lab.json(&["udp", "--count", "500"]);
    let r = &json["report"];
    assert_eq!(json["counters_agree"], true, "{json:#}");
    assert_eq!(r["received"], 500);
    let send_ms = r["send_ms"].as_f64().unwrap();
    let max = r["one_way_ms"]["max"].as_f64().unwrap();
    let min = r["one_way_ms"]["min"].as_f64().unwrap();
    // Unimpaired, every datagram crosses in well under a millisecond
    // (0.2 ms at most seen here); the queue makes the late ones wait.
    assert!(min < 5.0 && max > 100.0, "one-way {min}..{max} ms");
    // The last one cannot arrive before the 424 ms of wire time (less a
    // few packets htb lets through at once).
    assert!(
        (380.0..3000.0).contains(&(send_ms + max)),
        "sent over {send_ms} ms, last crossed in {max} ms"
    );
    // TCP's round trip grows with the queue it fills.
    let json = lab.json(&["tcp", "--bytes", "100000"]);
    let r = &json["report"];
    assert_eq!(r["intact"], true);
    // 100000 bytes at 1 Mbit/s: at least 0.8 s.
    assert!(r["seconds"].as_f64().unwrap() >= 0.75, "{json:#}");
    assert!(r["rtt_ms"].as_f64().unwrap() > 10.0, "{json:#}");

    // Both on the root qdisc: refused without netem, nothing changed.
    if !netem {
        let (code, _, err) = lab.run(&["impair", "--rate", "1", "--reorder", "25"]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.starts_with("error: --rate and --reorder cannot be combined without netem"),
            "{err}"
        );
    }
    lab.ok(&["impair", "--clear"]);
    let qdiscs = tc(&a, &["qdisc", "show", "dev", &dev_a]);
    assert!(
        !qdiscs.contains("htb") && !qdiscs.contains("netem"),
        "{qdiscs}"
    );
}
