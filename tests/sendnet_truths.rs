//! `send` says what really happened on the path: this host's own address
//! goes through lo (the kernel's local route), an on-link address nobody
//! holds gets unanswered ARP requests and the datagram never leaves, a
//! datagram to be fragmented carries no DF, and the small messages of issue
//! 14 item 15. Items 3 and 4 run inside network namespaces this file creates
//! (root; CI runs them); the rest on loopback through the real binary.

mod common;

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::netns::Lab;
use common::{field, is_root, json_of as json, need, output_within, stackviz, Bounded};

/// Namespaces and veths need root and iproute2; CI must run them.
fn privileged(test: &str) -> bool {
    common::can_administer(test)
}

/// A veth from namespace 0 (`a_if` with `a_addr`, an IPv6 one without
/// duplicate address detection) to namespace 1 (`b_if` with `b_addr` or no
/// address at all), both up.
fn link(lab: &Lab, a_if: &str, a_addr: &str, b_if: &str, b_addr: Option<&str>) {
    lab.veth(0, a_if, 1, b_if);
    if a_addr.contains(':') {
        lab.addr_nodad(0, a_if, a_addr);
    } else {
        lab.addr(0, a_if, a_addr);
    }
    if let Some(b_addr) = b_addr {
        lab.addr(1, b_if, b_addr);
    }
    lab.up(0, a_if);
    lab.up(1, b_if);
}

/// stackviz inside namespace 0, bounded.
fn in_lab(lab: &Lab, args: &[&str]) -> Output {
    output_within(lab.stackviz(0).args(args), Duration::from_secs(20))
}

/// A /24 of 10.213.0.0/16 of this process's own, so parallel runs differ.
fn subnet() -> String {
    format!("10.213.{}", std::process::id() % 250 + 1)
}

fn ifname(tag: &str) -> String {
    format!("svzsn{}{tag}", std::process::id() % 100_000)
}

fn text(out: &Output) -> String {
    common::text(&out.stdout)
}

// ---------------------------------------------------------------------------
// Item 3: this host's own address goes through lo.

#[test]
fn own_address_on_a_veth_goes_through_lo_with_no_arp_and_no_mac() {
    if !privileged("own_address_on_a_veth_goes_through_lo_with_no_arp_and_no_mac") {
        return;
    }
    let lab = Lab::new(&["a", "b"]);
    let net = subnet();
    let (a_if, b_if) = (ifname("a"), ifname("b"));
    link(&lab, &a_if, &format!("{net}.1/24"), &b_if, None);
    let own = format!("{net}.1");

    // The kernel's own answer, for the record: a local route via lo.
    let route = Command::new("ip")
        .args(["-n", lab.ns(0), "route", "get", &own])
        .bounded_output();
    let route = String::from_utf8_lossy(&route.stdout).into_owned();
    assert!(
        route.starts_with("local ") && route.contains("dev lo"),
        "{route}"
    );

    let to = format!("{own}:15001");
    let out = in_lab(
        &lab,
        &["send", "--to", &to, "--capture", "on", "--format", "json"],
    );
    let doc = json(&out);
    assert_eq!(doc["interface"], "lo", "the interface the kernel uses");
    for id in ["eth.src", "eth.dst"] {
        assert_eq!(
            field(&doc["layers"], id)["value"],
            "00:00:00:00:00:00",
            "{id}"
        );
    }
    let dst_origin = field(&doc["layers"], "eth.dst")["origin"]["source"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        dst_origin.contains("route is local") && !dst_origin.contains("ARP first"),
        "{dst_origin}"
    );
    let capture = &doc["capture"];
    assert_eq!(capture["status"], "caught");
    assert_eq!(capture["interface"], "lo");
    assert!(capture["datagram"].is_object(), "the capture on lo saw it");
    assert!(capture.get("arp").is_none(), "no ARP: {capture:#}");
    assert_eq!(capture["comparison"]["unexpected"], 0);
    let notes: Vec<&str> = doc["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    let note = notes
        .iter()
        .find(|n| n.contains("this host's own address"))
        .unwrap_or_else(|| panic!("no note about the local route: {notes:#?}"));
    assert!(
        note.contains(&format!("it sits on {a_if}"))
            && note.contains(&format!("went through lo, not {a_if}"))
            && note.contains("no ARP"),
        "{note}"
    );

    let out = in_lab(
        &lab,
        &["send", "--to", &to, "--color", "never", "--width", "400"],
    );
    let page = text(&out);
    assert!(
        page.lines().next().unwrap_or("").ends_with("via lo"),
        "{page}"
    );
    assert!(!page.contains("will ask with ARP"), "{page}");
    assert!(
        page.contains("4. The real frame: what the kernel put on lo"),
        "{page}"
    );
}

// ---------------------------------------------------------------------------
// Item 4: an on-link address nobody holds.

#[test]
fn an_unanswered_arp_means_the_datagram_never_left() {
    if !privileged("an_unanswered_arp_means_the_datagram_never_left") {
        return;
    }
    let lab = Lab::new(&["a", "b"]);
    let net = subnet();
    let (a_if, b_if) = (ifname("c"), ifname("d"));
    // The peer end holds no address: nobody answers for .77.
    link(&lab, &a_if, &format!("{net}.1/24"), &b_if, None);
    let nobody = format!("{net}.77");
    let to = format!("{nobody}:15001");

    let out = in_lab(
        &lab,
        &["send", "--to", &to, "--capture", "on", "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "the capture rightly saw no datagram: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    assert_eq!(doc["interface"], a_if.as_str());
    let delivery = &doc["delivery"];
    assert_eq!(delivery["outcome"], "unresolved", "{delivery:#}");
    assert_eq!(delivery["next_hop"], nobody.as_str());
    let state = delivery["state"].as_str().unwrap();
    assert!(state == "INCOMPLETE" || state == "FAILED", "{state}");
    let capture = &doc["capture"];
    assert!(capture["datagram"].is_null(), "nothing of ours left");
    let arp = capture["arp"].as_array().expect("the ARP requests");
    assert!(!arp.is_empty());
    let target = nobody
        .split('.')
        .map(|o| format!("{:02x}", o.parse::<u8>().unwrap()))
        .collect::<String>();
    for frame in arp {
        let hex = frame["frame"].as_str().unwrap();
        assert_eq!(&hex[24..28], "0806", "ARP");
        assert_eq!(&hex[40..44], "0001", "a request, never a reply");
        assert_eq!(&hex[76..84], target, "who has {nobody}?");
    }
    assert_eq!(
        delivery["requests"].as_u64(),
        Some(arp.len() as u64),
        "the count is the captured requests"
    );

    let out = in_lab(
        &lab,
        &["send", "--to", &to, "--color", "never", "--width", "400"],
    );
    let page = text(&out);
    assert!(
        page.contains("The datagram never left this host"),
        "{page}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        page.contains(&format!(
            "the kernel asked for {nobody}'s MAC address with ARP and nobody answered (ARP requests captured: "
        )),
        "{page}"
    );
    assert!(!page.contains(&format!("Sent to {to}")), "{page}");
    assert!(!page.contains("loopback has no hardware address"), "{page}");
    assert_eq!(page.matches("4. The ").count(), 1, "one heading 4: {page}");
    assert!(
        page.contains(&format!(
            "The evidence: requests for {nobody}'s MAC address captured on {a_if}: "
        )),
        "{page}"
    );
}

// ---------------------------------------------------------------------------
// Item 15: the real interface is named where its MTU was read.

#[test]
fn the_mtu_origin_names_the_real_interface() {
    if !privileged("the_mtu_origin_names_the_real_interface") {
        return;
    }
    let lab = Lab::new(&["a", "b"]);
    let net = subnet();
    let (a_if, b_if) = (ifname("e"), ifname("f"));
    link(
        &lab,
        &a_if,
        &format!("{net}.1/24"),
        &b_if,
        Some(&format!("{net}.2/24")),
    );
    let to = format!("{net}.2:15001");
    let payload = "A".repeat(3000);
    let out = in_lab(
        &lab,
        &[
            "send", "--to", &to, "--color", "never", "--width", "400", &payload,
        ],
    );
    let page = text(&out);
    assert!(
        page.contains(&format!(
            "[observed] MTU 1500: /sys/class/net/{a_if}/mtu of the outgoing interface"
        )),
        "{page}"
    );
    assert!(!page.contains("<interface>"), "{page}");
}

// ---------------------------------------------------------------------------
// Item 5 on loopback: --mtu and DF.

/// The binary with `stdin` (or none), bounded.
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = stackviz();
    cmd.args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes.to_vec());
    }
    cmd.output().expect("stackviz runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_datagram_to_be_fragmented_is_sent_and_built_without_df() {
    let capture = if is_root() { "on" } else { "off" };
    let message = "A".repeat(1000);
    let out = run(
        &[
            "send",
            "--port",
            "0",
            "--mtu",
            "576",
            "--capture",
            capture,
            "--format",
            "json",
            &message,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out);
    let df = field(&doc["layers"], "ipv4.flags.df");
    assert_eq!(df["value"], 0, "the datagram itself: {df:#}");
    let why = df["origin"]["source"].as_str().unwrap();
    assert!(
        why.contains("--mtu 576 is smaller than this 1028-byte packet")
            && why.contains("must not carry DF"),
        "{why}"
    );
    let fragments = doc["fragmentation"]["fragments"].as_array().unwrap();
    assert_eq!(fragments.len(), 2);
    for f in fragments {
        assert_eq!(field(&f["layers"], "ipv4.flags.df")["value"], 0);
    }
    let calls: Vec<&str> = doc["exchange"]["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["call"].as_str())
        .collect();
    assert!(
        calls.contains(&"setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT)"),
        "{calls:#?}"
    );
    if capture == "on" {
        // The kernel really sent it without DF.
        let caught = &doc["capture"]["datagram"]["layers"];
        assert_eq!(field(caught, "ipv4.flags.df")["value"], 0);
    }

    let out = run(
        &[
            "send",
            "--port",
            "0",
            "--mtu",
            "576",
            "--capture",
            "off",
            "--color",
            "never",
            "--width",
            "400",
            &message,
        ],
        None,
    );
    let page = text(&out);
    assert!(
        page.contains("What really happened: nothing was fragmented on the path. lo (MTU 65536) carried the 1028-byte packet whole, and the embedded receiver's recvfrom() returned all 1000 bytes in one piece."),
        "{page}"
    );
    assert!(!page.contains("reassembled before it saw them"), "{page}");
}

#[test]
fn an_mtu_the_datagram_fits_says_so() {
    let out = run(
        &[
            "send",
            "--port",
            "0",
            "--mtu",
            "1500",
            "--capture",
            "off",
            "--color",
            "never",
            "--width",
            "400",
        ],
        None,
    );
    let page = text(&out);
    assert!(
        page.contains(
            "--mtu 1500: the 35-byte packet fits (35 bytes ≤ MTU 1500): a link with this MTU carries it whole, no fragments"
        ),
        "{page}"
    );
    assert!(!page.contains("Fragmentation:"), "{page}");
}

#[test]
fn help_says_what_dont_fragment_adds() {
    let out = run(&["send", "--help"], None);
    let help = text(&out).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("Every send already sets DF (IP_PMTUDISC_DO) when the packet fits the outgoing interface; this flag adds it when it does not"),
        "{help}"
    );
}

// ---------------------------------------------------------------------------
// Item 15 on loopback: errors and hints.

#[test]
fn an_oversized_ipv6_payload_gets_the_ipv6_arithmetic() {
    let out = run(
        &["send", "-6", "--port", "0", "--file", "-"],
        Some(&vec![b'x'; 65_528]),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "error: the payload is 65528 bytes; a UDP datagram carries at most 65527 over IPv6"
        ),
        "{err}"
    );
    assert!(
        err.contains("hint: 65535 (the largest IPv6 Payload Length, which counts everything after the 40-byte IPv6 header) - 8 (UDP header) = 65527"),
        "{err}"
    );
    assert!(!err.contains("- 20"), "no IPv4 header in IPv6: {err}");
}

#[test]
fn an_ipv4_source_for_ipv6_is_a_usage_error() {
    let out = run(
        &[
            "send",
            "-6",
            "--port",
            "0",
            "--from",
            "127.0.0.1:0",
            "--capture",
            "off",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: the source and destination addresses are of different families"),
        "{err}"
    );
    assert!(err.contains("hint: give --from an address of the destination's family"));
}

#[test]
fn a_zero_timeout_says_why_it_is_refused() {
    let out = run(&["send", "--timeout", "0"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("0 seconds would not wait at all: give more than 0 and at most 3600"),
        "{err}"
    );
    assert!(!err.contains("between 0 and 3600"), "{err}");
}

#[test]
fn a_port_in_use_names_sends_own_option_and_the_holder() {
    let held = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port().to_string();
    let me = std::process::id();

    let out = run(&["send", "--port", &port, "--capture", "off"], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("(pid {me}) is bound to port {port}")),
        "names this test as the holder: {err}"
    );
    assert!(
        err.contains("hint: pick another port with --port N"),
        "{err}"
    );
    assert!(!err.contains("--bind"), "--bind is recv's option: {err}");

    let from = format!("127.0.0.1:{port}");
    let out = run(
        &["send", "--from", &from, "--port", "0", "--capture", "off"],
        None,
    );
    let err = stderr(&out);
    assert!(
        err.contains("hint: pick another port in --from ADDR:PORT"),
        "{err}"
    );
    assert!(!err.contains("--bind"), "{err}");
}

#[test]
fn a_port_held_by_stackviz_recv_is_named_as_your_own_receiver() {
    let port = common::free_udp_port().to_string();
    let bind = format!("127.0.0.1:{port}");
    let mut receiver = common::spawn(
        common::stackviz_std()
            .args([
                "recv",
                "--bind",
                &bind,
                "--count",
                "1",
                "--timeout",
                "20",
                "--capture",
                "off",
                "--format",
                "json",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
    );
    let pid = receiver.child().id();
    let lines = common::lines_of(receiver.child().stdout.take().unwrap());
    let started = lines.recv_timeout(common::RUN_LIMIT).expect("recv starts");
    assert!(started.contains("\"started\""), "{started}");

    let out = run(&["send", "--port", &port, "--capture", "off"], None);
    let err = stderr(&out);
    drop(receiver);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "error: {bind} is already in use: stackviz recv (pid {}) is bound to port {port}",
            pid
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "hint: that is your own receiver: send to it with stackviz send --to {bind}"
        )),
        "{err}"
    );
}

#[test]
fn no_receiver_counts_the_copies_of_each_frame_it_saw() {
    if !need(
        "no_receiver_counts_the_copies_of_each_frame_it_saw",
        is_root(),
        "capture needs root",
    ) {
        return;
    }
    let out = run(
        &[
            "send",
            "--no-receiver",
            "--port",
            "0",
            "--capture",
            "on",
            "--color",
            "never",
            "--width",
            "400",
        ],
        None,
    );
    let page = text(&out);
    // lo hands the capture each frame twice, but stackviz asks the kernel to
    // leave out the outgoing copies (PACKET_IGNORE_OUTGOING): the datagram
    // and the ICMP message were each read once, no copy was dropped, and
    // the page says so instead of counting copies it never saw.
    assert!(!page.contains("identical cop"), "{page}");
    assert!(
        !page.contains("handed the capture this ICMP message twice"),
        "{page}"
    );
    assert!(
        page.contains("note: the capture on lo read each frame once: lo hands a packet socket every frame twice, as it leaves and as it arrives, and stackviz asked the kernel to leave out the leaving copy (PACKET_IGNORE_OUTGOING)"),
        "{page}"
    );
}

#[test]
fn the_setcap_hint_names_the_binary_that_runs() {
    if !need(
        "the_setcap_hint_names_the_binary_that_runs",
        is_root(),
        "needs root to drop to nobody",
    ) {
        return;
    }
    // As nobody, the capture is not permitted: the hint must name this
    // binary (target/debug/stackviz is not on PATH).
    let bin = assert_cmd::cargo::cargo_bin("stackviz");
    let out = Command::new("timeout")
        .args([
            "30",
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ])
        .arg(&bin)
        .args(["send", "--port", "0", "--color", "never", "--width", "400"])
        .env("LC_ALL", "C.UTF-8")
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("setpriv runs");
    let page = text(&out);
    assert!(
        page.contains(&format!(
            "hint: run as root (sudo), or allow it once: sudo setcap cap_net_raw+ep {}",
            bin.display()
        )),
        "{page}\n{}",
        stderr(&out)
    );
    assert!(!page.contains("\"\""), "{page}");
}

#[test]
fn unanswered_neighbor_solicitations_mean_the_ipv6_datagram_never_left() {
    if !privileged("unanswered_neighbor_solicitations_mean_the_ipv6_datagram_never_left") {
        return;
    }
    let lab = Lab::new(&["a", "b"]);
    let (a_if, b_if) = (ifname("g"), ifname("h"));
    let net = format!("fd13:{:x}", std::process::id() % 0xffff);
    link(&lab, &a_if, &format!("{net}::1/64"), &b_if, None);
    let nobody = format!("{net}::77");
    let to = format!("[{nobody}]:15001");
    let out = in_lab(
        &lab,
        &["send", "--to", &to, "--capture", "on", "--format", "json"],
    );
    let doc = json(&out);
    let delivery = &doc["delivery"];
    assert_eq!(delivery["outcome"], "unresolved", "{delivery:#}");
    assert_eq!(delivery["next_hop"], nobody.as_str());
    let solicitations = doc["capture"]["arp"].as_array().expect("the solicitations");
    assert!(!solicitations.is_empty());
    for frame in solicitations {
        let hex = frame["frame"].as_str().unwrap();
        assert_eq!(&hex[24..28], "86dd", "IPv6");
        assert_eq!(&hex[40..42], "3a", "ICMPv6");
        assert_eq!(&hex[108..110], "87", "type 135: Neighbor Solicitation");
    }
    assert_eq!(
        delivery["requests"].as_u64(),
        Some(solicitations.len() as u64)
    );
    assert!(doc["capture"]["datagram"].is_null());
}
