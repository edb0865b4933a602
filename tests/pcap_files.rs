//! What `send --pcap` writes, read back by tshark (an independent reader):
//! the ICMP port unreachable of `--no-receiver` (IPv4 and IPv6), an IPv6
//! exchange, and the file of a run that may not capture (the built frame
//! alone, its FCS and checksums good).

mod common;

use common::TempDir;

/// tshark's fields of every packet in `path`, one row per packet, with
/// every checksum and the FCS validated.
fn tshark_rows(path: &str, fields: &[&str]) -> Vec<Vec<String>> {
    let checks = [
        "-o",
        "ip.check_checksum:TRUE",
        "-o",
        "udp.check_checksum:TRUE",
        "-o",
        "eth.check_fcs:TRUE",
    ];
    common::tshark_fields(path, &checks, fields)
}

/// Runs `stackviz send ARGS --pcap FILE` and returns FILE.
fn send_pcap(dir: &TempDir, name: &str, args: &[&str]) -> String {
    let path = dir.file(name);
    common::succeeded(
        common::stackviz()
            .arg("send")
            .args(args)
            .args(["--pcap", &path]),
    );
    path
}

#[test]
fn the_icmp_port_unreachable_is_in_the_file() {
    const TEST: &str = "the_icmp_port_unreachable_is_in_the_file";
    if !common::tshark_available(TEST) || !common::can_capture(TEST) {
        return;
    }
    let dir = TempDir::new("pcap-icmp");
    let path = send_pcap(&dir, "icmp.pcapng", &["--no-receiver", "--port", "0"]);
    let rows = tshark_rows(
        &path,
        &[
            "frame.len",
            "icmp.type",
            "icmp.code",
            "icmp.checksum.status",
            "udp.dstport",
            "eth.fcs.status",
        ],
    );
    assert_eq!(rows.len(), 3, "built, captured, ICMP error: {rows:?}");
    // The built frame (FCS good), the captured one, then the ICMP error
    // (type 3 code 3, checksum good) quoting a datagram to the same port.
    assert_eq!(rows[0][5], "1", "{rows:?}");
    assert_eq!(rows[2][1], "3", "{rows:?}");
    assert_eq!(rows[2][2], "3", "{rows:?}");
    assert_eq!(rows[2][3], "1", "{rows:?}");
    assert_eq!(rows[2][4], rows[0][4], "the quoted port: {rows:?}");
    assert_eq!(rows[1][4], rows[0][4], "{rows:?}");

    let path = send_pcap(
        &dir,
        "icmp6.pcapng",
        &["-6", "--no-receiver", "--port", "0"],
    );
    let rows = tshark_rows(
        &path,
        &[
            "icmpv6.type",
            "icmpv6.code",
            "icmpv6.checksum.status",
            "udp.dstport",
        ],
    );
    let icmp: Vec<&Vec<String>> = rows.iter().filter(|r| !r[0].is_empty()).collect();
    assert_eq!(icmp.len(), 1, "one ICMPv6 error: {rows:?}");
    assert_eq!(
        icmp[0][0..3],
        ["1", "4", "1"],
        "port unreachable, checksum good: {rows:?}"
    );
    assert_eq!(icmp[0][3], rows[0][3], "the quoted port: {rows:?}");
}

#[test]
fn an_ipv6_exchange_is_in_the_file() {
    const TEST: &str = "an_ipv6_exchange_is_in_the_file";
    if !common::tshark_available(TEST) || !common::can_capture(TEST) {
        return;
    }
    let dir = TempDir::new("pcap-ipv6");
    let path = send_pcap(&dir, "v6.pcapng", &["-6", "--port", "0"]);
    let rows = tshark_rows(
        &path,
        &[
            "frame.len",
            "ipv6.src",
            "ipv6.nxt",
            "udp.dstport",
            "udp.checksum.status",
            "eth.fcs.status",
        ],
    );
    assert_eq!(rows.len(), 2, "built and captured: {rows:?}");
    assert_eq!(rows[0][0], "73", "{rows:?}");
    assert_eq!(rows[0][1], "::1");
    assert_eq!(rows[0][2], "17");
    assert_eq!(rows[0][4], "1", "built UDP checksum good: {rows:?}");
    assert_eq!(rows[0][5], "1", "built FCS good: {rows:?}");
    // The captured frame: no FCS, same port; its UDP checksum is lo's
    // partial (offload) sum, which tshark calls bad.
    assert_eq!(rows[1][0], "69", "{rows:?}");
    assert_eq!(rows[1][3], rows[0][3]);
    assert_eq!(rows[1][5], "", "{rows:?}");
}

#[test]
fn a_run_that_may_not_capture_writes_the_built_frame_alone() {
    const TEST: &str = "a_run_that_may_not_capture_writes_the_built_frame_alone";
    let capsh = common::capsh_available();
    if !common::tshark_available(TEST)
        || !common::need(TEST, capsh && common::is_root(), "needs root and capsh")
    {
        return;
    }
    let dir = TempDir::new("pcap-unprivileged");
    let path = dir.file("built.pcapng");
    let out = common::without_net_raw(&format!("send --port 0 --capture auto --pcap {path}"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = tshark_rows(
        &path,
        &[
            "frame.len",
            "ip.checksum.status",
            "udp.checksum.status",
            "eth.fcs.status",
        ],
    );
    assert_eq!(rows, [["64", "1", "1", "1"]], "the built frame alone");
}
