//! `stackviz lab up|down|status|impair|udp` (root; CI runs these): each test
//! runs its own lab under a unique prefix, removed by a guard even when the
//! test fails; UDP crosses only the namespaces the test made.

mod common;

use std::process::Command;

use common::lab::{namespaces, netem_available, tc, Lab};
use common::Bounded;
use serde_json::Value;

#[test]
fn up_twice_changes_nothing_and_down_twice_leaves_nothing() {
    if !common::can_administer("up_twice_changes_nothing_and_down_twice_leaves_nothing") {
        return;
    }
    let lab = Lab::new("svl", "200");
    let (a, b) = (lab.ns("a"), lab.ns("b"));
    assert!(lab
        .ok(&["status"])
        .starts_with("lab down (start it with: stackviz lab up --prefix"));

    let first = lab.ok(&["up"]);
    assert!(
        first.starts_with(&format!(
            "lab up: {a} 10.200.0.1 ({a}0) <-> {b} 10.200.0.2 ({b}0)"
        )),
        "{first}"
    );
    assert!(
        first.contains("next: stackviz lab impair --prefix"),
        "{first}"
    );
    let second = lab.ok(&["up"]);
    assert!(
        second.starts_with("lab already up: nothing changed"),
        "{second}"
    );
    let ns = namespaces();
    assert!(ns.contains(&a) && ns.contains(&b), "{ns:?}");

    // Send offload is off on both ends, as the kernel reports it.
    for (host, dev) in [(&a, format!("{a}0")), (&b, format!("{b}0"))] {
        let out = Command::new("ip")
            .args(["-d", "-n", host, "link", "show", "dev", &dev])
            .bounded_output();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("gso_max_size 1500 gso_max_segs 1"), "{text}");
    }
    let status = lab.ok(&["status"]);
    assert!(status.starts_with("lab up\n"), "{status}");
    assert!(
        status.contains(&format!(
            "  {a}: 10.200.0.1/24 on {a}0; gso_max_size 1500, gso_max_segs 1"
        )),
        "{status}"
    );
    assert!(
        status.contains(&format!("  packets {a} → {b}: not impaired")),
        "{status}"
    );

    assert_eq!(
        lab.ok(&["down"]),
        format!("lab down: removed {a}, {b}, their link and its impairment\n")
    );
    let ns = namespaces();
    assert!(!ns.contains(&a) && !ns.contains(&b), "{ns:?}");
    assert_eq!(lab.ok(&["down"]), "lab already down: nothing to remove\n");
}

#[test]
fn a_half_made_lab_is_named_and_rebuilt() {
    if !common::can_administer("a_half_made_lab_is_named_and_rebuilt") {
        return;
    }
    let lab = Lab::new("svl", "200");
    common::netns::ip(&["netns", "add", &lab.ns("a")]);
    let status = lab.ok(&["status"]);
    assert!(
        status.starts_with("lab half up (1 of 2 namespaces"),
        "{status}"
    );
    let up = lab.ok(&["up"]);
    assert!(up.starts_with("lab was half up"), "{up}");
    assert!(lab.ok(&["status"]).starts_with("lab up\n"));
}

#[test]
fn impair_applies_to_one_direction_and_clear_removes_it() {
    if !common::can_administer("impair_applies_to_one_direction_and_clear_removes_it") {
        return;
    }
    let lab = Lab::new("svl", "200");
    let (a, b) = (lab.ns("a"), lab.ns("b"));
    lab.ok(&["up"]);
    let out = lab.ok(&["impair", "--loss", "30"]);
    let netem = netem_available("svlq");
    if netem {
        assert!(
            out.contains(&format!("  packets {a} → {b} (netem on {a}0): loss 30%")),
            "{out}"
        );
        assert!(
            tc(&a, &["qdisc", "show", "dev", &format!("{a}0")]).contains("netem"),
            "netem not on {a}0"
        );
    } else {
        let link = Command::new("ip")
            .args(["-d", "-n", &b, "link", "show", "dev", &format!("{b}0")])
            .bounded_output();
        let link = String::from_utf8_lossy(&link.stdout);
        assert!(
            link.contains("prog/xdp") && link.contains("name svloss_300"),
            "{link}"
        );
        assert!(
            out.contains(&format!(
                "  packets {a} → {b}: loss 30% (XDP filter on {b}0)"
            )),
            "{out}"
        );
    }
    assert!(
        out.contains(&format!("  packets {b} → {a}: not impaired")),
        "{out}"
    );
    let status = lab.ok(&["status"]);
    assert!(
        status.contains(&format!("  packets {a} → {b}")) && status.contains("loss 30%"),
        "{status}"
    );

    let cleared = lab.ok(&["impair", "--clear"]);
    assert!(cleared.starts_with("impairment removed"), "{cleared}");
    assert!(
        cleared.contains(&format!("  packets {a} → {b}: not impaired")),
        "{cleared}"
    );
    assert!(!tc(&a, &["qdisc", "show", "dev", &format!("{a}0")]).contains("netem"));
    let link = Command::new("ip")
        .args(["-d", "-n", &b, "link", "show", "dev", &format!("{b}0")])
        .bounded_output();
    assert!(!String::from_utf8_lossy(&link.stdout).contains("prog/xdp"));
    // The qdiscs go with the namespaces.
    lab.ok(&["down"]);
    assert!(!namespaces().contains(&a));
}

fn udp_report(lab: &Lab, count: &str) -> (i32, Value) {
    let (code, out, err) = lab.run(&["udp", "--count", count, "--format", "json"]);
    let value: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}\n{err}"));
    (code, value)
}

#[test]
fn udp_loss_on_the_link_is_counted_by_sequence_number_and_by_both_ends() {
    if !common::can_administer(
        "udp_loss_on_the_link_is_counted_by_sequence_number_and_by_both_ends",
    ) {
        return;
    }
    let lab = Lab::new("svl", "200");
    lab.ok(&["up"]);
    lab.ok(&["impair", "--loss", "30"]);
    let (code, json) = udp_report(&lab, "1000");
    let r = &json["report"];
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["schema"], "stackviz.lab/1");
    assert_eq!(json["action"], "udp");
    assert_eq!(r["sent"], 1000);
    let lost: Vec<u64> = r["lost"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let received = r["received"].as_u64().unwrap();
    // 30% of 1000: 300 ± 14.5 (one standard deviation); outside 200..=400
    // is beyond 6.9 deviations, so a wrong drop rate fails and chance does not.
    assert!((200..=400).contains(&lost.len()), "lost {}", lost.len());
    assert_eq!(received + lost.len() as u64, 1000);
    assert!(lost.windows(2).all(|w| w[0] < w[1]) && lost.iter().all(|&n| n < 1000));
    // The sender's kernel counted every datagram as sent; the receiver's
    // counted exactly those read.
    assert_eq!(r["sender_counters"]["out_datagrams"], 1000);
    assert_eq!(r["receiver_counters"]["in_datagrams"], r["arrivals"]);
    assert_eq!(r["receiver_counters"]["rcvbuf_errors"], 0);
    // The link's own count of its drops equals the numbers missing.
    let link_dropped = match r["netem_dropped"].as_u64() {
        Some(d) => d,
        None => {
            r["link_frames"].as_u64().unwrap()
                - r["receiver_counters"]["in_datagrams"].as_u64().unwrap()
        }
    };
    assert_eq!(link_dropped, lost.len() as u64);
    assert_eq!(json["counters_agree"], true);
}

#[test]
fn udp_without_loss_loses_nothing() {
    if !common::can_administer("udp_without_loss_loses_nothing") {
        return;
    }
    let lab = Lab::new("svl", "200");
    lab.ok(&["up"]);
    lab.ok(&["impair", "--loss", "0"]);
    let (code, json) = udp_report(&lab, "500");
    let r = &json["report"];
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(r["received"], 500);
    assert_eq!(r["lost"].as_array().unwrap().len(), 0);
    assert_eq!(r["sender_counters"]["out_datagrams"], 500);
    assert_eq!(r["receiver_counters"]["in_datagrams"], 500);
    let text = lab.ok(&["udp", "--count", "200"]);
    assert!(text.contains("\nlost: none\n"), "{text}");
    assert!(text.contains("sent 200 = received 200 + lost 0"), "{text}");
}

#[test]
fn udp_before_up_says_to_run_up() {
    if !common::can_administer("udp_before_up_says_to_run_up") {
        return;
    }
    let lab = Lab::new("svl", "200");
    let (code, _, err) = lab.run(&["udp", "--count", "10"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "error: the lab is not up\nhint: run stackviz lab up --prefix {} first\n",
            lab.prefix
        )
    );
}

#[test]
fn without_root_one_error_and_a_hint() {
    if !common::can_administer("without_root_one_error_and_a_hint") {
        return;
    }
    let out = Command::new("setpriv")
        .args([
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            common::BIN,
        ])
        .args(["lab", "up", "--prefix", "svlnobody"])
        .env("LC_ALL", "C.UTF-8")
        .bounded_output();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: the lab creates network namespaces and changes qdiscs, which needs root\n\
         hint: run it as root: sudo stackviz lab up\n"
    );
    assert!(!namespaces().contains(&"svlnobody-a".to_string()));
}

#[test]
fn without_iproute2_one_error_and_a_hint() {
    if !common::can_administer("without_iproute2_one_error_and_a_hint") {
        return;
    }
    let empty = common::TempDir::new("lab-no-ip");
    let out = common::stackviz_std()
        .args(["lab", "status", "--prefix", "svlnoip"])
        .env("PATH", empty.path())
        .bounded_output();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: ip was not found: the lab needs iproute2\nhint: install iproute2"),
        "{err}"
    );
}

#[test]
fn impossible_impairments_are_bad_usage() {
    // No root needed: refused before anything is touched.
    for (args, first) in [
        (vec!["--jitter", "5"], "error: --jitter needs --delay"),
        (
            vec!["--loss", "130"],
            "error: --loss 130 is not a percentage",
        ),
    ] {
        let out = common::stackviz_std()
            .args(["lab", "impair", "--prefix", "svlbad"])
            .args(&args)
            .bounded_output();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(first), "{err}");
        assert!(err.contains("\nhint: "), "{err}");
    }
    let out = common::stackviz_std()
        .args(["lab", "up", "--prefix", "no way!"])
        .bounded_output();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("error: the lab prefix \"no way!\" cannot name an interface"));
}

#[test]
fn tcp_over_a_lossy_link_arrives_intact_and_every_loss_is_retransmitted() {
    if !common::can_administer(
        "tcp_over_a_lossy_link_arrives_intact_and_every_loss_is_retransmitted",
    ) {
        return;
    }
    let lab = Lab::new("svl", "200");
    lab.ok(&["up"]);
    lab.ok(&["impair", "--loss", "20"]);
    let (code, out, err) = lab.run(&["tcp", "--bytes", "100000", "--format", "json"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let r = &json["report"];
    assert_eq!(r["intact"], true);
    assert_eq!(r["received"], 100000);
    let segments = r["segments"].as_array().unwrap();
    let from_a = |s: &&Value| s["from_a"] == true;
    let retransmitted: Vec<&Value> = segments
        .iter()
        .filter(from_a)
        .filter(|s| s["retransmission"] == true)
        .collect();
    // 70 data segments at 20% loss: none lost is a chance of 1e-7.
    assert!(!retransmitted.is_empty(), "no retransmission seen");
    // The kernel counted the same retransmissions as the capture shows
    // (with netem, a lost last segment is invisible at both ends and its
    // retransmission looks like a first sending: at most as many).
    let kernel = r["kernel_retransmits"].as_u64().unwrap();
    if r["netem"].is_null() {
        assert_eq!(kernel, retransmitted.len() as u64);
    } else {
        assert!(kernel >= retransmitted.len() as u64);
    }
    // Every segment lost on the link (seen at a's end, never at b's) was
    // sent again later.
    for lost in segments.iter().filter(from_a).filter(|s| s["lost"] == true) {
        let (n, seq, len) = (
            lost["number"].as_u64().unwrap(),
            lost["seq"].as_u64().unwrap(),
            lost["len"].as_u64().unwrap(),
        );
        if len == 0 {
            continue;
        }
        assert!(
            retransmitted.iter().any(|s| {
                let (m, sseq, slen) = (
                    s["number"].as_u64().unwrap(),
                    s["seq"].as_u64().unwrap(),
                    s["len"].as_u64().unwrap(),
                );
                m > n && sseq <= seq && seq < sseq + slen
            }),
            "segment #{n} (seq {seq}) was lost and never sent again"
        );
    }
    if r["netem"].is_null() {
        // The XDP filter drops after a's capture and before b's: losses
        // are seen directly.
        assert!(segments.iter().any(|s| s["lost"] == true));
    }
    // The text marks them on the ladder.
    let text = lab.ok(&["tcp", "--bytes", "60000"]);
    assert!(text.contains("(retransmission)"), "{text}");
    assert!(
        text.contains("arrived intact: the server read 60000 bytes, byte for byte those sent ✓"),
        "{text}"
    );
}

/// `lab mtu`: on the 1500-byte link the same 4000 bytes go as TCP segments
/// of at most the MSS (1448 with timestamps) and as one UDP datagram cut into
/// IP fragments (1480 + 1480 + 1048 bytes of IP payload), both arriving whole.
#[test]
fn tcp_cuts_segments_where_udp_is_fragmented_by_ip() {
    if !common::can_administer("tcp_cuts_segments_where_udp_is_fragmented_by_ip") {
        return;
    }
    let lab = Lab::new("svl", "200");
    lab.ok(&["up"]);
    let (code, out, err) = lab.run(&["mtu", "--format", "json", "--bytes", "4000"]);
    assert_eq!(code, 0, "{out}{err}");
    let json: Value = serde_json::from_str(&out).expect("one JSON document");
    let r = &json["report"];
    assert_eq!(r["mtu"], 1500, "{json:#}");
    assert_eq!(r["tcp_maxseg"], 1448, "{json:#}");
    let segments: Vec<u64> = r["tcp_segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["data"].as_u64().unwrap())
        .collect();
    assert_eq!(segments, [1448, 1448, 1104], "{json:#}");
    let fragments: Vec<(u64, u64, bool)> = r["udp_fragments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["offset"].as_u64().unwrap(),
                f["length"].as_u64().unwrap(),
                f["more_fragments"].as_bool().unwrap(),
            )
        })
        .collect();
    // 4000 bytes + the 8-byte UDP header = 4008, cut at 1480 (1500 - 20).
    assert_eq!(
        fragments,
        [(0, 1480, true), (1480, 1480, true), (2960, 1048, false)],
        "{json:#}"
    );
    assert_eq!(r["tcp_intact"], true);
    assert_eq!(r["udp_intact"], true);
    let text = lab.ok(&["mtu"]);
    assert!(
        text.contains("TCP: 3 segments carried the data (1448 + 1448 + 1104 bytes)"),
        "{text}"
    );
    assert!(text.contains("IP cut it into 3 fragments"), "{text}");
}
