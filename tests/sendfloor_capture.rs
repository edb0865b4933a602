//! The capture opened at the kernel's floor (protocol 0, bound once, lo's
//! outgoing copies left out with PACKET_IGNORE_OUTGOING) sees what the
//! old capture saw: a reference capture opened the old way (pnet's own
//! socket, every copy handed over) runs beside `stackviz send`, and the
//! frames of the exchange must be the same bytes: on lo the datagram and
//! the ICMP answer for --no-receiver, on a veth between two namespaces the
//! test creates the ARP request and reply, the datagram and the ICMP
//! answer. The note about lo's copies is checked against what the kernel
//! really hands over. Root only; CI=true makes a skip a failure.

mod common;

use std::os::fd::AsRawFd;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Bounded, BIN};
use pnet_datalink::{Channel, Config, DataLinkReceiver};
use serde_json::Value;

const NOTE: &str = "the capture on lo read each frame once: lo hands a packet socket every frame twice, as it leaves and as it arrives, and stackviz asked the kernel to leave out the leaving copy (PACKET_IGNORE_OUTGOING)";

/// A capture opened as stackviz opened it before this change: pnet's own
/// socket, no PACKET_IGNORE_OUTGOING, so lo hands over both copies.
fn reference(interface: &str) -> Box<dyn DataLinkReceiver> {
    let interface = pnet_datalink::interfaces()
        .into_iter()
        .find(|i| i.name == interface)
        .unwrap_or_else(|| panic!("no interface {interface}"));
    let config = Config {
        read_buffer_size: 65_536 + 64,
        read_timeout: Some(Duration::from_millis(20)),
        promiscuous: false,
        ..Config::default()
    };
    match pnet_datalink::channel(&interface, config) {
        Ok(Channel::Ethernet(_, rx)) => rx,
        Ok(_) => panic!("not an Ethernet channel"),
        Err(e) => panic!("reference capture: {e}"),
    }
}

/// Every frame until 300 ms pass without one (at most 5 s).
fn drain(rx: &mut dyn DataLinkReceiver) -> Vec<Vec<u8>> {
    let (mut frames, start, mut last) = (Vec::new(), Instant::now(), Instant::now());
    while last.elapsed() < Duration::from_millis(300) && start.elapsed() < Duration::from_secs(5) {
        if let Ok(frame) = rx.next() {
            frames.push(frame.to_vec());
            last = Instant::now();
        }
    }
    frames
}

/// The ports of a socket address written as `a.b.c.d:port`.
fn port(addr: &Value) -> [u8; 2] {
    let text = addr.as_str().expect("an address");
    let port: u16 = text.rsplit(':').next().unwrap().parse().unwrap();
    port.to_be_bytes()
}

/// What one reference frame is, for the exchange `src` → `dst` (IPv4,
/// 20-byte headers as Linux sends them): "udp", "icmp" (quoting our
/// datagram), "arp" (between the two addresses) or None.
fn kind(
    frame: &[u8],
    src: [u8; 2],
    dst: [u8; 2],
    ips: Option<([u8; 4], [u8; 4])>,
) -> Option<&'static str> {
    let ethertype = frame.get(12..14)?;
    if ethertype == [0x08, 0x06] {
        let (a, b) = ips?;
        let (spa, tpa) = (frame.get(28..32)?, frame.get(38..42)?);
        return ((spa == a && tpa == b) || (spa == b && tpa == a)).then_some("arp");
    }
    if ethertype != [0x08, 0x00] || frame.get(14)? != &0x45 {
        return None;
    }
    match frame.get(23)? {
        17 if frame.get(34..36)? == src && frame.get(36..38)? == dst => Some("udp"),
        1 if frame.get(42..43)? == [0x45]
            && frame.get(62..64)? == src
            && frame.get(64..66)? == dst =>
        {
            Some("icmp")
        }
        _ => None,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `stackviz send ARGS --capture on --format json` (through `prefix`,
/// e.g. `ip netns exec NS`), returns the document.
fn send(prefix: &[&str], args: &[&str]) -> Value {
    let mut cmd = Command::new(prefix.first().copied().unwrap_or(BIN));
    if !prefix.is_empty() {
        cmd.args(&prefix[1..]).arg(BIN);
    }
    let out = cmd
        .arg("send")
        .args(args)
        .args(["--capture", "on", "--format", "json"])
        .env("LC_ALL", "C.UTF-8")
        .bounded_output();
    assert!(
        out.status.success(),
        "stackviz send {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The reference frames of the exchange in `doc`, as (kind, hex).
fn exchange_frames(
    frames: &[Vec<u8>],
    doc: &Value,
    ips: Option<([u8; 4], [u8; 4])>,
) -> Vec<(&'static str, String)> {
    let (src, dst) = (
        port(&doc["exchange"]["source"]),
        port(&doc["exchange"]["destination"]),
    );
    frames
        .iter()
        .filter_map(|f| kind(f, src, dst, ips).map(|k| (k, hex(f))))
        .collect()
}

fn notes(doc: &Value) -> Vec<&str> {
    doc["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

/// On lo the reference sees `kinds`, each twice and byte for byte the
/// same; stackviz reports each once, the same bytes, drops no copy, and
/// says why.
fn check_lo(args: &[&str], kinds: &[&str]) {
    let mut rx = reference("lo");
    let doc = send(&[], args);
    let seen = exchange_frames(&drain(rx.as_mut()), &doc, None);
    let expected: Vec<&str> = kinds.iter().flat_map(|k| [*k, *k]).collect();
    assert_eq!(
        seen.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        expected,
        "{seen:?}"
    );
    for pair in seen.chunks(2) {
        assert_eq!(pair[0].1, pair[1].1, "lo's two copies differ");
    }
    let capture = &doc["capture"];
    assert_eq!(capture["interface"], "lo");
    assert_eq!(capture["datagram"]["frame"], seen[0].1.as_str());
    match kinds.contains(&"icmp") {
        true => assert_eq!(capture["icmp"]["frame"], seen[2].1.as_str()),
        false => assert!(capture.get("icmp").is_none(), "{capture:#}"),
    }
    assert!(capture.get("arp").is_none(), "{capture:#}");
    assert_eq!(capture["duplicates_dropped"], 0);
    assert!(notes(&doc).contains(&NOTE), "{:?}", notes(&doc));
}

#[test]
fn on_lo_the_datagram_is_the_frame_the_old_capture_saw() {
    if !common::can_capture("on_lo_the_datagram_is_the_frame_the_old_capture_saw") {
        return;
    }
    check_lo(&["--port", "0"], &["udp"]);
}

#[test]
fn on_lo_no_receiver_shows_the_same_datagram_and_icmp_answer() {
    if !common::can_capture("on_lo_no_receiver_shows_the_same_datagram_and_icmp_answer") {
        return;
    }
    check_lo(&["--no-receiver", "--port", "0"], &["udp", "icmp"]);
}

/// The note's claim itself: lo hands a plain packet socket each frame
/// twice, and the socket stackviz opens reads it once.
#[test]
fn stackviz_capture_on_lo_reads_each_frame_once_where_the_old_one_read_two() {
    if !common::can_capture(
        "stackviz_capture_on_lo_reads_each_frame_once_where_the_old_one_read_two",
    ) {
        return;
    }
    use stackviz::net::capture::{self, FrameSource};
    let mut old = reference("lo");
    let mut new = capture::open("lo").expect("capture on lo");
    assert!(new.outgoing_ignored());
    let receiver = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let sender = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    sender
        .send_to(b"sendfloor", receiver.local_addr().unwrap())
        .unwrap();
    let ports = |a: std::net::SocketAddr| a.port().to_be_bytes();
    let (src, dst) = (
        ports(sender.local_addr().unwrap()),
        ports(receiver.local_addr().unwrap()),
    );
    let ours = |f: &Vec<u8>| kind(f, src, dst, None) == Some("udp");
    let mut read = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(500) {
        if let Ok(Some(frame)) = new.next_frame(Duration::from_millis(50)) {
            read.push(frame);
        }
    }
    let read: Vec<_> = read.into_iter().filter(ours).collect();
    let old_read: Vec<_> = drain(old.as_mut()).into_iter().filter(ours).collect();
    assert_eq!(
        old_read.len(),
        2,
        "the plain socket: outgoing and incoming copy"
    );
    assert_eq!(read.len(), 1, "stackviz's socket: one copy");
    assert_eq!(read[0], old_read[0]);
}

/// Two namespaces joined by a veth pair; deleted on drop, also on panic.
struct Lab(Vec<String>);

impl Drop for Lab {
    fn drop(&mut self) {
        for ns in &self.0 {
            let _ = Command::new("ip")
                .args(["netns", "del", ns])
                .bounded_output();
        }
    }
}

fn ip(args: &[&str]) {
    let out = Command::new("ip").args(args).bounded_output();
    assert!(
        out.status.success(),
        "ip {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `f` on a thread that has entered namespace `ns` (setns affects
/// only the calling thread); a socket it opens stays in `ns`.
fn in_namespace<T: Send>(ns: &str, f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        s.spawn(|| {
            let file = std::fs::File::open(format!("/var/run/netns/{ns}")).expect("netns file");
            // SAFETY: a valid namespace fd; CLONE_NEWNET moves only this thread.
            let rc = unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) };
            assert_eq!(rc, 0, "setns: {}", std::io::Error::last_os_error());
            f()
        })
        .join()
        .expect("namespace thread")
    })
}

#[test]
fn on_a_veth_arp_datagram_and_icmp_are_the_frames_the_old_capture_saw() {
    if !common::can_administer("on_a_veth_arp_datagram_and_icmp_are_the_frames_the_old_capture_saw")
    {
        return;
    }
    let pid = std::process::id() % 100_000;
    let lab = Lab(vec![
        format!("svz-sendfloor-{pid}-a"),
        format!("svz-sendfloor-{pid}-b"),
    ]);
    let (a_if, b_if) = (format!("sf{pid}a"), format!("sf{pid}b"));
    for ns in &lab.0 {
        ip(&["netns", "add", ns]);
    }
    ip(&["link", "add", &a_if, "type", "veth", "peer", "name", &b_if]);
    let moved = Command::new("ip")
        .args(["link", "set", &a_if, "netns", &lab.0[0]])
        .bounded_output();
    if !moved.status.success() {
        let _ = Command::new("ip")
            .args(["link", "del", &a_if])
            .bounded_output();
        panic!(
            "moving the veth: {}",
            String::from_utf8_lossy(&moved.stderr)
        );
    }
    ip(&["link", "set", &b_if, "netns", &lab.0[1]]);
    ip(&[
        "-n",
        &lab.0[0],
        "addr",
        "add",
        "10.213.7.1/24",
        "dev",
        &a_if,
    ]);
    ip(&[
        "-n",
        &lab.0[1],
        "addr",
        "add",
        "10.213.7.2/24",
        "dev",
        &b_if,
    ]);
    ip(&["-n", &lab.0[0], "link", "set", &a_if, "up"]);
    ip(&["-n", &lab.0[1], "link", "set", &b_if, "up"]);

    let mut rx = in_namespace(&lab.0[0], || reference(&a_if));
    // Nobody listens on B's port: B's kernel answers with ICMP.
    let doc = send(
        &["ip", "netns", "exec", &lab.0[0]],
        &["--to", "10.213.7.2:40013"],
    );
    let ips = Some(([10, 213, 7, 1], [10, 213, 7, 2]));
    let seen = exchange_frames(&drain(rx.as_mut()), &doc, ips);
    // What stackviz waits for ends with the ICMP answer: a later frame
    // (a second ARP) would be after its capture closed, before and now.
    let end = seen
        .iter()
        .position(|(k, _)| *k == "icmp")
        .expect("ICMP answer seen")
        + 1;
    let seen = &seen[..end];
    let arp: Vec<&str> = seen
        .iter()
        .filter(|(k, _)| *k == "arp")
        .map(|(_, h)| h.as_str())
        .collect();
    assert_eq!(arp.len(), 2, "ARP request and reply: {seen:?}");
    assert_eq!(
        seen.iter().filter(|(k, _)| *k == "udp").count(),
        1,
        "{seen:?}"
    );
    assert_eq!(
        seen.iter().filter(|(k, _)| *k == "icmp").count(),
        1,
        "{seen:?}"
    );

    let capture = &doc["capture"];
    assert_eq!(capture["interface"], a_if.as_str());
    let caught_arp: Vec<&str> = capture["arp"]
        .as_array()
        .expect("ARP frames")
        .iter()
        .map(|f| f["frame"].as_str().unwrap())
        .collect();
    assert_eq!(caught_arp, arp);
    let frame = |k: &str| {
        seen.iter()
            .find(|(kind, _)| *kind == k)
            .map(|(_, h)| h.as_str())
            .unwrap()
    };
    assert_eq!(capture["datagram"]["frame"], frame("udp"));
    assert_eq!(capture["icmp"]["frame"], frame("icmp"));
    assert_eq!(capture["duplicates_dropped"], 0);
    // On a real link the datagram is an outgoing frame: the kernel must not
    // have been asked to leave those out, and the report must not say so.
    assert!(
        !notes(&doc)
            .iter()
            .any(|n| n.contains("PACKET_IGNORE_OUTGOING")),
        "{:?}",
        notes(&doc)
    );
}
