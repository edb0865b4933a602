//! Real capture on loopback (root): built vs captured, the ICMP port
//! unreachable demonstration, `recv` truncating a datagram from an ordinary
//! sender, the pcapng file read back, and the no-permission path.
//! Outside CI without root these tests say they skip; with CI set they fail.

mod common;

use std::io::{BufRead, BufReader};
use std::net::UdpSocket;
use std::process::Stdio;
use std::time::Duration;

use common::{field, stackviz, stackviz_std, unhex, Bounded, RUN_LIMIT};
use serde_json::Value;

/// True when this process may capture (root or CAP_NET_RAW in its effective
/// set); otherwise skips, or fails when CI is set.
fn privileged(test: &str) -> bool {
    common::can_capture(test)
}

fn run_json(args: &[&str]) -> (Value, i32, String) {
    let out = stackviz()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {stderr}"));
    (doc, out.status.code().unwrap_or(-1), stderr)
}

/// Runs the binary inside a fresh network namespace with only `lo` up
/// (root): no other program can own a port there, so "nobody listens on
/// port 9" holds without a bind-close-reuse race.
fn in_fresh_netns(args: &[&str]) -> Option<(Value, i32, String)> {
    if !common::is_root() {
        return None;
    }
    let mut cmd = assert_cmd::Command::new("unshare");
    cmd.timeout(RUN_LIMIT)
        .env("LC_ALL", "C.UTF-8")
        .args([
            "--net",
            "sh",
            "-c",
            "ip link set lo up && exec \"$0\" \"$@\"",
        ])
        .arg(common::BIN)
        .args(args)
        .args(["--format", "json"]);
    let out = cmd.output().expect("unshare runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {stderr}"));
    Some((doc, out.status.code().unwrap_or(-1), stderr))
}

fn comparison_row<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["capture"]["comparison"]["fields"]
        .as_array()
        .expect("comparison fields")
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no comparison row for {id}"))
}

#[test]
fn send_captures_its_frame_and_every_difference_is_explained() {
    if !privileged("send_captures_its_frame_and_every_difference_is_explained") {
        return;
    }
    let (doc, code, stderr) = run_json(&["send", "--port", "0", "--capture", "on"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let capture = &doc["capture"];
    assert_eq!(capture["status"], "caught");
    assert_eq!(capture["interface"], "lo");
    // lo hands a packet socket the outgoing and the incoming copy; stackviz
    // asks the kernel to leave out the outgoing one (PACKET_IGNORE_OUTGOING),
    // so no copy is left to drop, and the report says why.
    assert_eq!(capture["duplicates_dropped"], 0);
    assert!(
        doc["notes"].as_array().unwrap().iter().any(|n| n
            .as_str()
            .is_some_and(|n| n.contains("(PACKET_IGNORE_OUTGOING)"))),
        "{doc:#}"
    );
    let comparison = &capture["comparison"];
    assert_eq!(comparison["unexpected"], 0, "{comparison:#}");
    let total = comparison["fields"].as_array().unwrap().len() as u64;
    assert_eq!(
        comparison["identical"].as_u64().unwrap() + comparison["explained"].as_u64().unwrap(),
        total
    );
    // Everything but the link trailer and the offloaded checksum is identical,
    // the kernel-chosen identification included (IP_PMTUDISC_DO makes it 0).
    for id in [
        "eth.dst",
        "eth.src",
        "eth.type",
        "ipv4.version",
        "ipv4.ihl",
        "ipv4.total_length",
        "ipv4.identification",
        "ipv4.flags.df",
        "ipv4.ttl",
        "ipv4.protocol",
        "ipv4.checksum",
        "ipv4.src",
        "ipv4.dst",
        "udp.src_port",
        "udp.dst_port",
        "udp.length",
        "app.data",
    ] {
        assert_eq!(comparison_row(&doc, id)["verdict"], "same", "{id}");
    }
    for id in ["eth.padding", "eth.fcs"] {
        let row = comparison_row(&doc, id);
        assert_eq!(row["verdict"], "explained", "{id}");
        assert!(row["captured"].is_null());
        assert!(row["reason"].as_str().unwrap().contains("loopback"));
    }
    // The captured UDP checksum is the folded pseudo-header sum: check it
    // against an independent computation from the captured bytes.
    let udp = comparison_row(&doc, "udp.checksum");
    assert_eq!(udp["verdict"], "explained");
    assert!(udp["reason"].as_str().unwrap().contains("offload"));
    let frame = unhex(capture["datagram"]["frame"].as_str().unwrap());
    let mut pseudo = Vec::new();
    pseudo.extend_from_slice(&frame[26..34]); // source and destination address
    pseudo.extend_from_slice(&[0, 17]);
    pseudo.extend_from_slice(&frame[38..40]); // UDP length
    let expected = format!("{:04x}", common::folded_sum(&pseudo));
    assert_eq!(udp["captured"]["hex"], expected.as_str());
    // The captured frame is the built one minus padding and FCS.
    let built = unhex(doc["frame"].as_str().unwrap());
    let ip_end = 14 + usize::from(u16::from_be_bytes([built[16], built[17]]));
    assert_eq!(frame.len(), ip_end);
    assert_eq!(frame[..40], built[..40]);
    assert_eq!(frame[42..], built[42..ip_end]);
}

#[test]
fn table_output_shows_the_comparison_summary() {
    if !privileged("table_output_shows_the_comparison_summary") {
        return;
    }
    let out = stackviz()
        .args([
            "send",
            "--port",
            "0",
            "--capture",
            "on",
            "--color",
            "never",
            "--width",
            "100",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("4. The real frame: what the kernel put on lo"),
        "{text}"
    );
    assert!(text.contains(" explained, 0 unexpected"), "{text}");
    assert!(text.contains("differs, explained: checksum"), "{text}");
}

fn check_port_unreachable(doc: &Value) {
    assert_eq!(
        doc["delivery"]["outcome"], "refused",
        "{:#}",
        doc["delivery"]
    );
    assert!(doc["delivery"]["error"]
        .as_str()
        .unwrap()
        .contains("ECONNREFUSED"));
    let calls = doc["exchange"]["calls"].as_array().unwrap();
    assert!(calls
        .iter()
        .any(|c| c["result"].as_str().unwrap().contains("ECONNREFUSED")));
    let icmp = &doc["capture"]["icmp"];
    assert!(
        icmp.is_object(),
        "no ICMP frame captured: {:#}",
        doc["capture"]
    );
    let layers = &icmp["layers"];
    assert_eq!(field(layers, "icmp.type")["value"], 3);
    assert_eq!(field(layers, "icmp.code")["value"], 3);
    let protocols: Vec<&str> = layers
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["protocol"].as_str().unwrap())
        .collect();
    assert!(
        protocols.iter().any(|p| p.starts_with("IPv4 (quoted")),
        "{protocols:?}"
    );
    assert!(
        protocols.iter().any(|p| p.starts_with("UDP (quoted")),
        "{protocols:?}"
    );
    // The quoted UDP header names our ports: that is how the kernel finds the socket.
    let ports: Vec<u64> = layers
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["protocol"].as_str().unwrap().starts_with("UDP (quoted"))
        .flat_map(|l| l["fields"].as_array().unwrap())
        .filter(|f| f["id"] == "udp.src_port" || f["id"] == "udp.dst_port")
        .map(|f| f["value"].as_u64().unwrap())
        .collect();
    let source: std::net::SocketAddr = doc["exchange"]["source"].as_str().unwrap().parse().unwrap();
    let destination: std::net::SocketAddr = doc["exchange"]["destination"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        ports,
        vec![u64::from(source.port()), u64::from(destination.port())]
    );
    // The ICMP checksum of the captured message is correct.
    let checks: Vec<&Value> = layers
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["checks"].as_array().into_iter().flatten())
        .filter(|c| c["field"] == "icmp.checksum")
        .collect();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0]["verdict"]["status"], "correct");
}

#[test]
fn no_receiver_shows_the_icmp_port_unreachable() {
    if !privileged("no_receiver_shows_the_icmp_port_unreachable") {
        return;
    }
    let (doc, code, stderr) =
        run_json(&["send", "--no-receiver", "--port", "0", "--capture", "on"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    check_port_unreachable(&doc);
    let out = stackviz()
        .args([
            "send",
            "--no-receiver",
            "--port",
            "0",
            "--capture",
            "on",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("The datagram was dropped: nobody was bound to 127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("Port Unreachable"), "{text}");
}

#[test]
fn send_to_an_unbound_port_is_refused() {
    if !privileged("send_to_an_unbound_port_is_refused") {
        return;
    }
    // In a namespace of its own nobody can be bound to port 9.
    let (doc, code, stderr) = in_fresh_netns(&["send", "--to", "127.0.0.1:9", "--capture", "on"])
        .expect("root runs unshare");
    assert_eq!(code, 0, "stderr: {stderr}");
    check_port_unreachable(&doc);
}

#[test]
fn send_to_an_unbound_port_without_capture_still_reports_the_refusal() {
    // No capture needed: IP_RECVERR makes the refusal visible on the socket.
    let args = ["send", "--to", "127.0.0.1:9", "--capture", "off"];
    let (doc, code, stderr) = match in_fresh_netns(&args) {
        Some(run) => run,
        None => {
            // Without root: a port the OS just handed out and released; a
            // race with another program is possible but unlikely.
            let port = UdpSocket::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let to = format!("127.0.0.1:{port}");
            run_json(&["send", "--to", &to, "--capture", "off"])
        }
    };
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(doc["delivery"]["outcome"], "refused");
    assert_eq!(doc["capture"]["status"], "off");
}

/// A running `stackviz recv`, killed when dropped (also on a failed assert).
struct Recv {
    child: common::Guarded,
    lines: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

impl Recv {
    fn start(args: &[&str]) -> (Recv, Value) {
        let mut child = common::spawn(
            stackviz_std()
                .args(["recv", "--bind", "127.0.0.1:0", "--format", "json"])
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        );
        let mut lines = BufReader::new(child.child().stdout.take().unwrap()).lines();
        // The first line is written once the socket is bound: senders may go.
        let started: Value =
            serde_json::from_str(&lines.next().expect("started line").unwrap()).unwrap();
        assert_eq!(started["kind"], "started");
        (Recv { child, lines }, started)
    }
    fn next(&mut self) -> Value {
        serde_json::from_str(&self.lines.next().expect("a line").unwrap()).unwrap()
    }
}

#[test]
fn recv_with_a_small_buffer_shows_the_truncation() {
    let capture = if privileged("recv_with_a_small_buffer_shows_the_truncation (capture part)") {
        "on"
    } else {
        "off"
    };
    let (mut recv, started) = Recv::start(&[
        "--buf",
        "4",
        "--count",
        "1",
        "--timeout",
        "10",
        "--capture",
        capture,
    ]);
    let port = started["bound"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .parse::<u16>()
        .unwrap();
    // An ordinary sender, as a learner's Python script would be.
    let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
    sender.send_to(b"Hello!!", ("127.0.0.1", port)).unwrap();
    let line = recv.next();
    assert_eq!(line["kind"], "datagram");
    let d = &line["datagram"];
    assert_eq!(d["length"], 7);
    assert_eq!(d["buffer"], 4);
    assert_eq!(d["data"], "48656c6c");
    assert_eq!(d["lost"], "6f2121");
    assert_eq!(d["truncated"], true);
    assert_eq!(d["from"], sender.local_addr().unwrap().to_string());
    if capture == "on" {
        let layers = &line["frame"]["layers"];
        assert_eq!(field(layers, "app.data")["hex"], "48656c6c6f2121");
        assert_eq!(field(layers, "udp.dst_port")["value"], u64::from(port));
        let kinds: Vec<&str> = layers
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["layer"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["link", "network", "transport", "application"]);
    }
    let summary = recv.next();
    assert_eq!(summary["kind"], "summary");
    assert_eq!(summary["datagrams"], 1);
    assert_eq!(summary["truncated"], 1);
    assert_eq!(summary["ended"], "count");
    let status = recv.child.wait_output(RUN_LIMIT).status;
    assert_eq!(status.code(), Some(0));
}

#[test]
fn recv_table_output_names_the_lost_bytes() {
    let mut child = common::spawn(
        stackviz_std()
            .args([
                "recv",
                "--bind",
                "127.0.0.1:0",
                "--buf",
                "3",
                "--count",
                "1",
                "--timeout",
                "10",
                "--capture",
                "off",
            ])
            .args(["--color", "never", "--width", "100"])
            .stdout(Stdio::piped()),
    );
    let mut lines = BufReader::new(child.child().stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let port: u16 = first.rsplit(':').next().unwrap().trim().parse().unwrap();
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .send_to(b"abcdef", ("127.0.0.1", port))
        .unwrap();
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    let text = rest.join("\n");
    assert!(
        text.contains("TRUNCATED: the datagram had 6 bytes, the buffer holds 3"),
        "{text}"
    );
    assert!(text.contains("lost: \"def\""), "{text}");
    assert!(
        text.contains("summary: 1 datagram (6 bytes, 1 truncated)"),
        "{text}"
    );
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
}

#[test]
fn recv_times_out_with_exit_1_when_nothing_arrives() {
    let out = stackviz()
        .args([
            "recv",
            "--bind",
            "127.0.0.1:0",
            "--timeout",
            "0.3",
            "--capture",
            "off",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("summary: 0 datagrams"));
}

#[test]
fn pcap_holds_the_built_and_the_captured_frame() {
    if !privileged("pcap_holds_the_built_and_the_captured_frame") {
        return;
    }
    let dir = common::TempDir::new("pcap");
    let path = dir.join("exchange.pcapng");
    let path_text = path.to_str().unwrap();
    let (doc, code, stderr) = run_json(&[
        "send",
        "--port",
        "0",
        "--capture",
        "on",
        "--pcap",
        path_text,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let file = std::fs::File::open(&path).unwrap();
    let mut reader = pcap_file::pcapng::PcapNgReader::new(file).unwrap();
    let mut packets = Vec::new();
    while let Some(block) = reader.next_block() {
        if let pcap_file::pcapng::Block::EnhancedPacket(p) = block.unwrap() {
            packets.push(p.data.into_owned());
        }
    }
    assert_eq!(packets.len(), 2);
    assert_eq!(packets[0], unhex(doc["frame"].as_str().unwrap()));
    assert_eq!(
        packets[1],
        unhex(doc["capture"]["datagram"]["frame"].as_str().unwrap())
    );
    // No leftover temporary file.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // An existing file is kept unless --force: the refused run leaves it
    // byte for byte and sends nothing (a socket of the test's own, on the
    // port the run would send to, receives nothing).
    let before = std::fs::read(&path).unwrap();
    let watcher = UdpSocket::bind("127.0.0.1:0").unwrap();
    watcher
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let to = watcher.local_addr().unwrap().to_string();
    let out = stackviz()
        .args(["send", "--to", &to, "--pcap", path_text])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let mut buf = [0u8; 2048];
    let got = watcher.recv_from(&mut buf);
    assert!(got.is_err(), "a refused run sent a datagram: {got:?}");
    // With --force the file is replaced by this run's frames.
    let (forced, code, stderr) = run_json(&[
        "send",
        "--to",
        &to,
        "--capture",
        "off",
        "--pcap",
        path_text,
        "--force",
        "forced",
    ]);
    assert_eq!(code, 0, "{stderr}");
    watcher
        .recv_from(&mut buf)
        .expect("the forced run sends its datagram");
    let after = std::fs::read(&path).unwrap();
    assert_ne!(after, before, "--force left the old file");
    let file = std::fs::File::open(&path).unwrap();
    let mut reader = pcap_file::pcapng::PcapNgReader::new(file).unwrap();
    let mut forced_packets = Vec::new();
    while let Some(block) = reader.next_block() {
        if let pcap_file::pcapng::Block::EnhancedPacket(p) = block.unwrap() {
            forced_packets.push(p.data.into_owned());
        }
    }
    assert_eq!(
        forced_packets,
        [unhex(forced["frame"].as_str().unwrap())],
        "the replaced file holds the forced run's built frame"
    );
    // Put the first run's file back for the tshark part below.
    std::fs::write(&path, &before).unwrap();

    // tshark opens it and agrees: FCS good on the built frame, same ports.
    if common::tshark_available("pcap_holds_the_built_and_the_captured_frame (tshark part)") {
        let out = std::process::Command::new("tshark")
            .args([
                "-r",
                path_text,
                "-T",
                "fields",
                "-e",
                "frame.len",
                "-e",
                "udp.dstport",
                "-e",
                "eth.fcs.status",
                "-e",
                "ip.checksum.status",
                "-e",
                "frame.time_epoch",
            ])
            .args(["-o", "ip.check_checksum:TRUE", "-o", "eth.check_fcs:TRUE"])
            .bounded_output();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
        assert_eq!(rows.len(), 2, "{text}");
        assert_eq!(rows[0][0], "64");
        // tshark's status values: 0 bad, 1 good, 2 unverified.
        assert_eq!(rows[0][2], "1", "FCS status of the built frame: {text}");
        assert_eq!(rows[1][2], "", "the captured frame carries no FCS: {text}");
        assert_eq!(rows[0][1], rows[1][1]);
        assert_eq!(rows[0][3], "1", "IPv4 checksum of the built frame: {text}");
        assert_eq!(
            rows[1][3], "1",
            "IPv4 checksum of the captured frame: {text}"
        );
        // Timestamps in seconds since 1970, close to now (if_tsresol is right).
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        for row in &rows {
            let t: f64 = row[4].parse().unwrap();
            assert!(
                (t - now).abs() < 120.0,
                "timestamp {t} vs now {now}: {text}"
            );
        }
    }
}

/// Runs the binary without CAP_NET_RAW (capsh drops it from a root shell).
fn without_net_raw(args: &str) -> Option<std::process::Output> {
    if !common::need(
        "without_net_raw",
        common::capsh_available(),
        "capsh is not installed (libcap2-bin)",
    ) {
        return None;
    }
    Some(common::without_net_raw(args))
}

#[test]
fn without_permission_send_works_and_says_how_to_allow_capture() {
    if !privileged("without_permission_send_works_and_says_how_to_allow_capture") {
        return;
    }
    let Some(out) = without_net_raw("send --port 0 --color never") else {
        return;
    };
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("no capture: capturing on lo needs root or CAP_NET_RAW"),
        "{text}"
    );
    assert!(text.contains("setcap cap_net_raw+ep"), "{text}");
    assert!(text.contains("Step 5 of 5"), "{text}");

    let Some(out) = without_net_raw("send --port 0 --capture on") else {
        return;
    };
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: capturing on lo needs root or CAP_NET_RAW\nhint: "),
        "{stderr}"
    );
    assert!(stderr.contains("setcap cap_net_raw+ep"), "{stderr}");
}

#[test]
fn ipv6_send_is_captured_and_explained() {
    if !privileged("ipv6_send_is_captured_and_explained") {
        return;
    }
    let (doc, code, stderr) = run_json(&["send", "-6", "--port", "0", "--capture", "on"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let kinds: Vec<&str> = doc["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["protocol"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "Ethernet (IEEE 802.3)",
            "Ethernet II",
            "IPv6",
            "UDP",
            "application data"
        ]
    );
    assert_eq!(field(&doc["layers"], "eth.type")["value"], 0x86dd);
    assert_eq!(field(&doc["layers"], "ipv6.payload_length")["value"], 15);
    assert_eq!(field(&doc["layers"], "ipv6.next_header")["value"], 17);
    assert_eq!(field(&doc["layers"], "ipv6.src")["value"], "::1");
    let comparison = &doc["capture"]["comparison"];
    assert_eq!(comparison["unexpected"], 0, "{comparison:#}");
    assert_eq!(comparison_row(&doc, "ipv6.hop_limit")["verdict"], "same");
    assert_eq!(comparison_row(&doc, "udp.checksum")["verdict"], "explained");
    // The flow label: Linux picks one per flow unless auto_flowlabels is 0.
    let flow = comparison_row(&doc, "ipv6.flow_label");
    assert!(
        flow["verdict"] == "same" || flow["reason"].as_str().unwrap().contains("flow label"),
        "{flow}"
    );
    // The UDP checksum over the IPv6 pseudo-header checks out on the built frame.
    let udp = doc["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["protocol"] == "UDP")
        .unwrap();
    assert_eq!(udp["checks"][0]["verdict"]["status"], "correct");
    assert_eq!(
        udp["checks"][0]["pseudo_header"].as_array().unwrap().len(),
        5
    );
}

#[test]
fn ipv6_no_receiver_shows_icmpv6_port_unreachable() {
    if !privileged("ipv6_no_receiver_shows_icmpv6_port_unreachable") {
        return;
    }
    let (doc, code, stderr) = run_json(&[
        "send",
        "-6",
        "--no-receiver",
        "--port",
        "0",
        "--capture",
        "on",
    ]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(doc["delivery"]["outcome"], "refused");
    let layers = &doc["capture"]["icmp"]["layers"];
    assert_eq!(field(layers, "icmpv6.type")["value"], 1);
    assert_eq!(field(layers, "icmpv6.code")["value"], 4);
    let checks: Vec<&Value> = layers
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["checks"].as_array().into_iter().flatten())
        .filter(|c| c["field"] == "icmpv6.checksum")
        .collect();
    assert_eq!(checks[0]["verdict"]["status"], "correct");
    let protocols: Vec<&str> = layers
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["protocol"].as_str().unwrap())
        .collect();
    assert!(
        protocols.contains(&"IPv6 (quoted original header)") && protocols.contains(&"UDP (quoted)"),
        "{protocols:?}"
    );
}
