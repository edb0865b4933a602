//! Cross-check with an independent decoder: tshark must agree with every
//! field, checksum and FCS of the frames stackviz builds (library and binary).
//!
//! The frames go into a temporary pcap (LINKTYPE_ETHERNET, FCS included),
//! tshark reads the file once with FCS and checksum verification switched on,
//! and every tshark field is compared with the same field of stackviz's
//! dissection. Run with `--nocapture` to see what tshark said about each one.
//! Without tshark the tests skip, except under CI, where they fail.

mod common;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::Command;

use common::{Bounded, TempDir};
use serde_json::Value as Json;
use stackviz::build::{build_frame, DatagramSpec};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::{CheckVerdict, Dissection};

/// tshark's `*.status` values (Wireshark's `proto_checksum_enum_e`).
const STATUS_BAD: &str = "0";
const STATUS_GOOD: &str = "1";

/// Writes `frames` (FCS included) to a classic pcap with LINKTYPE_ETHERNET.
fn write_pcap(path: &Path, frames: &[Vec<u8>]) {
    common::write_pcap(path, common::LINK_ETHERNET, frames);
}

/// The UDP ports of an Ethernet/IPv4/UDP frame, read from its bytes.
fn udp_ports(frame: &[u8]) -> [u16; 2] {
    let udp = 14 + usize::from(frame[14] & 0x0f) * 4;
    [
        u16::from_be_bytes([frame[udp], frame[udp + 1]]),
        u16::from_be_bytes([frame[udp + 2], frame[udp + 3]]),
    ]
}

/// Runs tshark once over the pcap holding `frames` and returns each packet's
/// `_source.layers`. The frames' UDP ports are decoded as plain `data`, so a
/// port some Wireshark dissector owns (an OS-chosen one may be) cannot turn
/// the payload into another protocol.
fn tshark_layers(pcap: &Path, frames: &[Vec<u8>]) -> Vec<Json> {
    let mut ports: Vec<u16> = frames.iter().flat_map(|f| udp_ports(f)).collect();
    ports.sort_unstable();
    ports.dedup();
    let decode_as = ports
        .iter()
        .flat_map(|p| ["-d".to_string(), format!("udp.port=={p},data")]);
    let out = Command::new("tshark")
        .arg("-n")
        .arg("-r")
        .arg(pcap)
        // tshark 4.x: `eth.fcs: Always` replaces the old `eth.assume_fcs: TRUE`.
        .args(["-o", "eth.fcs:Always"])
        .args(["-o", "eth.check_fcs:TRUE"])
        .args(["-o", "ip.check_checksum:TRUE"])
        .args(["-o", "udp.check_checksum:TRUE"])
        .args(["-T", "json", "--no-duplicate-keys"])
        .args(decode_as)
        .bounded_output();
    assert!(
        out.status.success(),
        "tshark failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "tshark -T json printed no valid JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    doc.as_array()
        .expect("tshark -T json prints an array of packets")
        .iter()
        .map(|p| p["_source"]["layers"].clone())
        .collect()
}

/// Every value stored under `key` anywhere below `node` (tshark nests bit
/// fields in `*_tree` objects; `--no-duplicate-keys` turns a repeated key
/// into an array of its values).
fn find_all<'a>(node: &'a Json, key: &str, found: &mut Vec<&'a Json>) {
    match node {
        Json::Object(map) => {
            for (k, v) in map {
                if k == key {
                    match v {
                        Json::Array(items) => found.extend(items),
                        _ => found.push(v),
                    }
                }
                find_all(v, key, found);
            }
        }
        Json::Array(items) => items.iter().for_each(|v| find_all(v, key, found)),
        _ => {}
    }
}

/// tshark's value of `key` in `protocol`'s tree, as text; `None` when absent.
fn ts(packet: &Json, protocol: &str, key: &str) -> Option<String> {
    let mut found = Vec::new();
    find_all(&packet[protocol], key, &mut found);
    let texts: Vec<String> = found
        .iter()
        .map(|v| match v {
            Json::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    if let Some(first) = texts.first() {
        assert!(
            texts.iter().all(|t| t == first),
            "tshark gives {key} several different values: {texts:?}"
        );
    }
    texts.into_iter().next()
}

/// A tshark number: "0x3cc8" or "64"; flags may read "True"/"False".
fn ts_number(text: &str) -> Option<u64> {
    match text {
        "True" | "true" => Some(1),
        "False" | "false" => Some(0),
        _ => match text.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16).ok(),
            None => text.parse().ok(),
        },
    }
}

/// tshark's expert infos in `node`: (severity, message).
fn experts(node: &Json) -> Vec<(u64, String)> {
    let mut found = Vec::new();
    find_all(node, "_ws.expert", &mut found);
    found
        .iter()
        .map(|e| {
            let severity = e["_ws.expert.severity"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let message = e["_ws.expert.message"].as_str().unwrap_or("").to_string();
            (severity, message)
        })
        .collect()
}

/// Wireshark's PI_ERROR: a bad checksum or a malformed packet.
const SEVERITY_ERROR: u64 = 0x0080_0000;

/// The value in "Bad checksum [should be 0x91ac8917]".
fn should_be(message: &str) -> Option<u64> {
    let rest = message.split("should be 0x").nth(1)?;
    let hex: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
    u64::from_str_radix(&hex, 16).ok()
}

/// Long values (payloads) shortened for the printed report; compared in full.
fn shown(value: Option<&str>) -> String {
    match value {
        None => "<absent>".into(),
        Some(v) if v.len() > 72 => format!("{}…({} chars)", &v[..64], v.len()),
        Some(v) => v.into(),
    }
}

/// tshark's "48:65:6c" (or "0x91ac8917") as stackviz's "48656c".
fn ts_hex(text: &str) -> String {
    text.trim_start_matches("0x")
        .replace(':', "")
        .to_lowercase()
}

/// What stackviz says about one frame, from either the library's
/// `Dissection` or the binary's JSON, so both tests share one comparison.
struct Stackviz {
    frame_length: usize,
    /// field id -> (value, hex of its bytes)
    fields: BTreeMap<String, (Json, String)>,
    /// checked field id -> (verdict status, computed value)
    checks: BTreeMap<String, (String, u64)>,
}

impl Stackviz {
    fn from_dissection(d: &Dissection) -> Self {
        assert!(
            d.malformed.is_none(),
            "stackviz: malformed {:?}",
            d.malformed
        );
        let mut fields = BTreeMap::new();
        let mut checks = BTreeMap::new();
        for layer in &d.layers {
            for f in &layer.fields {
                let value = match &f.value {
                    stackviz::model::Value::Number(n) => Json::from(*n),
                    text => Json::from(text.to_string()),
                };
                fields.insert(f.id.to_string(), (value, f.hex.to_string()));
            }
            for c in &layer.checks {
                let status = match c.verdict {
                    CheckVerdict::Correct => "correct",
                    CheckVerdict::Incorrect { .. } => "incorrect",
                    CheckVerdict::PartialOffload => "partial_offload",
                    CheckVerdict::NotUsed => "not_used",
                };
                checks.insert(c.field.to_string(), (status.to_string(), c.computed.into()));
            }
        }
        Stackviz {
            frame_length: d.frame_length,
            fields,
            checks,
        }
    }

    /// From `stackviz send --format json`: `frame_length` and `layers`.
    fn from_json(doc: &Json) -> Self {
        assert!(doc.get("malformed").is_none(), "stackviz: malformed frame");
        let mut fields = BTreeMap::new();
        let mut checks = BTreeMap::new();
        for layer in doc["layers"].as_array().expect("layers array") {
            for f in layer["fields"].as_array().expect("fields array") {
                let id = f["id"].as_str().expect("field id").to_string();
                let hex = f["hex"].as_str().expect("field hex").to_string();
                fields.insert(id, (f["value"].clone(), hex));
            }
            for c in layer
                .get("checks")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
            {
                let id = c["field"].as_str().expect("check field").to_string();
                let status = c["verdict"]["status"].as_str().expect("verdict status");
                let computed = c["computed"].as_u64().expect("computed");
                checks.insert(id, (status.to_string(), computed));
            }
        }
        Stackviz {
            frame_length: doc["frame_length"].as_u64().expect("frame_length") as usize,
            fields,
            checks,
        }
    }

    fn number(&self, id: &str) -> Option<u64> {
        self.fields.get(id).and_then(|(v, _)| v.as_u64())
    }
    fn text(&self, id: &str) -> Option<String> {
        self.fields
            .get(id)
            .and_then(|(v, _)| v.as_str().map(str::to_string))
    }
    fn hex(&self, id: &str) -> Option<String> {
        self.fields.get(id).map(|(_, h)| h.clone())
    }
}

/// The verdicts a frame must get, from both decoders.
#[derive(Clone, Copy)]
struct Expect {
    ip_checksum_good: bool,
    udp_checksum_good: bool,
    fcs_good: bool,
}

const ALL_GOOD: Expect = Expect {
    ip_checksum_good: true,
    udp_checksum_good: true,
    fcs_good: true,
};

/// Collects one line per comparison (printed) and the disagreements.
#[derive(Default)]
struct Report {
    lines: Vec<String>,
    failures: Vec<String>,
}

impl Report {
    fn check(&mut self, frame: &str, what: &str, tshark: Option<String>, stackviz: Option<String>) {
        let ok = tshark.is_some() && tshark == stackviz;
        let line = format!(
            "{frame}: {what}: tshark {} / stackviz {} {}",
            shown(tshark.as_deref()),
            shown(stackviz.as_deref()),
            if ok { "ok" } else { "MISMATCH" }
        );
        if !ok {
            self.failures.push(line.clone());
        }
        self.lines.push(line);
    }

    /// Like `check`, but both sides absent is agreement too.
    fn check_optional(
        &mut self,
        frame: &str,
        what: &str,
        tshark: Option<String>,
        stackviz: Option<String>,
    ) {
        if tshark.is_none() && stackviz.is_none() {
            self.lines
                .push(format!("{frame}: {what}: absent in tshark and stackviz ok"));
        } else {
            self.check(frame, what, tshark, stackviz);
        }
    }

    /// A decoder's verdict against the one the frame must get.
    fn verdict(&mut self, frame: &str, what: &str, decoder: &str, got: Option<String>, want: &str) {
        let ok = got.as_deref() == Some(want);
        let line = format!(
            "{frame}: {what}: {decoder} says {}, must be {want} {}",
            got.as_deref().unwrap_or("<absent>"),
            if ok { "ok" } else { "MISMATCH" }
        );
        if !ok {
            self.failures.push(line.clone());
        }
        self.lines.push(line);
    }

    fn require(&mut self, frame: &str, what: &str, ok: bool, detail: String) {
        let line = format!(
            "{frame}: {what}: {detail} {}",
            if ok { "ok" } else { "FAILED" }
        );
        if !ok {
            self.failures.push(line.clone());
        }
        self.lines.push(line);
    }

    fn finish(self) {
        for line in &self.lines {
            println!("{line}");
        }
        assert!(
            self.failures.is_empty(),
            "tshark and stackviz disagree:\n{}",
            self.failures.join("\n")
        );
    }
}

fn status_text(good: bool) -> &'static str {
    if good {
        STATUS_GOOD
    } else {
        STATUS_BAD
    }
}

/// Compares every field tshark shows with stackviz's, and both decoders'
/// checksum verdicts with `expect`.
fn compare(name: &str, packet: &Json, sv: &Stackviz, expect: Expect, report: &mut Report) {
    let num = |s: Option<String>| s.as_deref().and_then(ts_number).map(|n| n.to_string());
    let sv_num = |id: &str| sv.number(id).map(|n| n.to_string());

    report.check(
        name,
        "frame.len",
        ts(packet, "frame", "frame.len"),
        Some(sv.frame_length.to_string()),
    );
    report.check(
        name,
        "frame.protocols",
        ts(packet, "frame", "frame.protocols"),
        Some(
            if sv.hex("app.data").is_some_and(|h| !h.is_empty()) {
                "eth:ethertype:ip:udp:data"
            } else {
                "eth:ethertype:ip:udp"
            }
            .to_string(),
        ),
    );
    let mut malformed = Vec::new();
    find_all(packet, "_ws.malformed", &mut malformed);
    report.require(
        name,
        "no _ws.malformed",
        malformed.is_empty(),
        format!("tshark malformed entries: {}", malformed.len()),
    );

    // Ethernet II.
    for id in ["eth.dst", "eth.src"] {
        report.check(name, id, ts(packet, "eth", id), sv.text(id));
    }
    report.check(
        name,
        "eth.type",
        num(ts(packet, "eth", "eth.type")),
        sv_num("eth.type"),
    );
    report.check_optional(
        name,
        "eth.padding (bytes)",
        ts(packet, "eth", "eth.padding").map(|t| ts_hex(&t)),
        sv.hex("eth.padding"),
    );
    // tshark shows the FCS as its four bytes in wire order; stackviz's hex
    // is the same bytes, its value the CRC-32 (sent least significant byte first).
    report.check(
        name,
        "eth.fcs (bytes)",
        ts(packet, "eth", "eth.fcs").map(|t| ts_hex(&t)),
        sv.hex("eth.fcs"),
    );
    let fcs_bytes = sv
        .hex("eth.fcs")
        .and_then(|h| u32::from_str_radix(&h, 16).ok());
    report.require(
        name,
        "eth.fcs value = bytes read little-endian",
        fcs_bytes.map(u32::swap_bytes).map(u64::from) == sv.number("eth.fcs"),
        format!(
            "bytes {:?}, stackviz value {:?}",
            sv.hex("eth.fcs"),
            sv.number("eth.fcs")
        ),
    );

    // IPv4.
    let ip_num = |key: &str| num(ts(packet, "ip", key));
    report.check(
        name,
        "ip.version",
        ip_num("ip.version"),
        sv_num("ipv4.version"),
    );
    report.check(
        name,
        "ip.hdr_len (bytes) = ipv4.ihl × 4",
        ip_num("ip.hdr_len"),
        sv.number("ipv4.ihl").map(|n| (n * 4).to_string()),
    );
    let pairs = [
        ("ip.dsfield.dscp", "ipv4.dscp"),
        ("ip.dsfield.ecn", "ipv4.ecn"),
        ("ip.len", "ipv4.total_length"),
        ("ip.id", "ipv4.identification"),
        ("ip.flags.rb", "ipv4.flags.reserved"),
        ("ip.flags.df", "ipv4.flags.df"),
        ("ip.flags.mf", "ipv4.flags.mf"),
        ("ip.frag_offset", "ipv4.fragment_offset"),
        ("ip.ttl", "ipv4.ttl"),
        ("ip.proto", "ipv4.protocol"),
        ("ip.checksum", "ipv4.checksum"),
    ];
    for (key, id) in pairs {
        report.check(name, &format!("{key} vs {id}"), ip_num(key), sv_num(id));
    }
    report.check(
        name,
        "ip.src",
        ts(packet, "ip", "ip.src"),
        sv.text("ipv4.src"),
    );
    report.check(
        name,
        "ip.dst",
        ts(packet, "ip", "ip.dst"),
        sv.text("ipv4.dst"),
    );

    // UDP.
    let udp_num = |key: &str| num(ts(packet, "udp", key));
    for (key, id) in [
        ("udp.srcport", "udp.src_port"),
        ("udp.dstport", "udp.dst_port"),
        ("udp.length", "udp.length"),
        ("udp.checksum", "udp.checksum"),
    ] {
        report.check(name, &format!("{key} vs {id}"), udp_num(key), sv_num(id));
    }

    // Application data: tshark hands undissected payload to `data`.
    let app = sv.hex("app.data");
    if app.as_deref().is_some_and(|h| !h.is_empty()) {
        report.check(
            name,
            "data.data (bytes)",
            ts(packet, "data", "data.data").map(|t| ts_hex(&t)),
            app,
        );
        report.check(
            name,
            "data.len",
            num(ts(packet, "data", "data.len")),
            sv.hex("app.data").map(|h| (h.len() / 2).to_string()),
        );
    } else {
        report.require(
            name,
            "empty payload: no data layer",
            packet.get("data").is_none() && app.is_some(),
            format!(
                "tshark data layer present: {}, stackviz app.data: {app:?}",
                packet.get("data").is_some()
            ),
        );
    }

    // Checks: both decoders' verdicts, and what each computed.
    let verdicts = [
        (
            "ip",
            "ip.checksum.status",
            "ipv4.checksum",
            expect.ip_checksum_good,
        ),
        (
            "udp",
            "udp.checksum.status",
            "udp.checksum",
            expect.udp_checksum_good,
        ),
        ("eth", "eth.fcs.status", "eth.fcs", expect.fcs_good),
    ];
    for (proto, key, id, good) in verdicts {
        report.verdict(
            name,
            &format!("{key} (1 good, 0 bad)"),
            "tshark",
            ts(packet, proto, key),
            status_text(good),
        );
        let sv_status = sv.checks.get(id).map(|(s, _)| s.clone());
        report.verdict(
            name,
            &format!("verdict of {id}"),
            "stackviz",
            sv_status,
            if good { "correct" } else { "incorrect" },
        );
    }
    for (proto, key, id) in [
        ("ip", "ip.checksum_calculated", "ipv4.checksum"),
        ("udp", "udp.checksum_calculated", "udp.checksum"),
    ] {
        let computed = sv.checks.get(id).map(|(_, c)| c.to_string());
        report.check(
            name,
            &format!("{key} vs computed {id}"),
            num(ts(packet, proto, key)),
            computed,
        );
    }
    // tshark names the right FCS only when the stored one is bad, in its
    // expert message, written like eth.fcs: the CRC's bytes in wire order.
    let eth_experts = experts(&packet["eth"]);
    let fcs_should_be = eth_experts.iter().find_map(|(_, m)| should_be(m));
    if !expect.fcs_good {
        let computed = sv
            .checks
            .get("eth.fcs")
            .map(|(_, c)| u64::from((*c as u32).swap_bytes()).to_string());
        report.check(
            name,
            "FCS tshark says it should be vs computed eth.fcs (wire order)",
            fcs_should_be.map(|n| n.to_string()),
            computed,
        );
    }

    // Expert infos: errors exactly where a checksum is meant to be bad.
    let all = experts(packet);
    for (severity, message) in &all {
        report.lines.push(format!(
            "{name}: tshark expert (severity {severity:#x}): {message}"
        ));
    }
    let errors = all.iter().filter(|(s, _)| *s >= SEVERITY_ERROR).count();
    let bad = [
        expect.ip_checksum_good,
        expect.udp_checksum_good,
        expect.fcs_good,
    ]
    .iter()
    .filter(|good| !**good)
    .count();
    report.require(
        name,
        "tshark error-level expert infos = checksums meant to be bad",
        errors == bad,
        format!("{errors} errors, {bad} bad checksums"),
    );
}

/// The loopback datagram of the golden tests, from port 40000, carrying
/// `payload`.
fn spec(payload: &[u8]) -> DatagramSpec {
    DatagramSpec {
        src_port: 40000,
        payload: payload.to_vec(),
        ..common::golden::default_spec()
    }
}

/// The frames under test: a name, the bytes, the verdicts they must get.
fn frames() -> Vec<(String, Vec<u8>, Expect)> {
    let mut specs: Vec<(&str, DatagramSpec)> = Vec::new();
    specs.push(("default Hello!! loopback", spec(b"Hello!!")));
    specs.push(("real MACs, 10.x, odd payload", {
        let mut s = spec(b"odd \x00\x01\xfe\xff 13");
        s.src_mac = [0x02, 0x42, 0xac, 0x11, 0x00, 0x02];
        s.dst_mac = [0x3c, 0x22, 0xfb, 0x9a, 0x7e, 0x01];
        s.src_ip = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        s.dst_ip = IpAddr::V4(Ipv4Addr::new(10, 200, 3, 254));
        s.src_port = 54321;
        s.dst_port = 40001;
        s
    }));
    specs.push(("empty payload", spec(b"")));
    specs.push(("1400-byte payload", {
        let payload: Vec<u8> = (0..1400u32).map(|i| (i * 7 + 3) as u8).collect();
        spec(&payload)
    }));
    specs.push(("ttl 1", {
        let mut s = spec(b"ttl one");
        s.ttl = 1;
        s
    }));
    specs.push(("ttl 255", {
        let mut s = spec(b"ttl max");
        s.ttl = 255;
        s
    }));
    specs.push(("dscp 46 ecn 3", {
        let mut s = spec(b"EF + CE");
        s.dscp = 46;
        s.ecn = 3;
        s
    }));
    specs.push(("DF clear, id 0xbeef", {
        let mut s = spec(b"may fragment");
        s.dont_fragment = false;
        s.identification = 0xbeef;
        s
    }));

    let mut out: Vec<(String, Vec<u8>, Expect)> = specs
        .into_iter()
        .map(|(name, s)| {
            let built = build_frame(&s).unwrap_or_else(|e| panic!("build {name}: {e}"));
            (name.to_string(), built.bytes, ALL_GOOD)
        })
        .collect();

    let base = out[1].1.clone();
    let ip_checksum_at = 14 + 10;
    let last = base.len() - 1;
    let refresh_fcs = |frame: &mut Vec<u8>| {
        let at = frame.len() - 4;
        let crc = crc32fast::hash(&frame[..at]);
        frame[at..].copy_from_slice(&crc.to_le_bytes());
    };

    let mut both = base.clone();
    both[ip_checksum_at] ^= 0x5a;
    both[last] ^= 0xff;
    out.push((
        "corrupt IPv4 checksum and FCS".into(),
        both,
        Expect {
            ip_checksum_good: false,
            udp_checksum_good: true,
            fcs_good: false,
        },
    ));

    let mut ip_only = base.clone();
    ip_only[ip_checksum_at + 1] ^= 0x01;
    refresh_fcs(&mut ip_only);
    out.push((
        "corrupt IPv4 checksum, FCS recomputed".into(),
        ip_only,
        Expect {
            ip_checksum_good: false,
            udp_checksum_good: true,
            fcs_good: true,
        },
    ));

    let mut payload = base;
    payload[14 + 20 + 8] ^= 0x20;
    refresh_fcs(&mut payload);
    out.push((
        "corrupt payload byte, FCS recomputed".into(),
        payload,
        Expect {
            ip_checksum_good: true,
            udp_checksum_good: false,
            fcs_good: true,
        },
    ));
    out
}

#[test]
fn tshark_agrees_with_every_field_of_built_frames() {
    if !common::tshark_available(module_path!()) {
        return;
    }
    let frames = frames();
    let dir = TempDir::new("built");
    let pcap = dir.join("built.pcap");
    let bytes: Vec<Vec<u8>> = frames.iter().map(|(_, b, _)| b.clone()).collect();
    write_pcap(&pcap, &bytes);
    let packets = tshark_layers(&pcap, &bytes);
    assert_eq!(
        packets.len(),
        frames.len(),
        "tshark read a different number of packets"
    );

    let mut report = Report::default();
    for (i, ((name, bytes, expect), packet)) in frames.iter().zip(&packets).enumerate() {
        let label = format!("#{} {name}", i + 1);
        let sv = Stackviz::from_dissection(&dissect_ethernet(bytes, Fcs::Present));
        compare(&label, packet, &sv, *expect, &mut report);
    }
    report.finish();
}

#[test]
fn tshark_agrees_with_the_binarys_json_frame() {
    if !common::tshark_available(module_path!()) {
        return;
    }
    let out = common::stackviz()
        .args(["send", "--port", "0", "--format", "json"])
        .output()
        .expect("run stackviz send");
    assert!(
        out.status.success(),
        "stackviz send failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Json = serde_json::from_slice(&out.stdout).expect("send --format json is JSON");
    let frame = stackviz::input::parse_hex(doc["frame"].as_str().expect("frame hex"))
        .expect("frame is hex");
    assert_eq!(
        Some(frame.len() as u64),
        doc["frame_length"].as_u64(),
        "frame_length matches the frame hex"
    );

    let dir = TempDir::new("send");
    let pcap = dir.join("send.pcap");
    let frames = [frame];
    write_pcap(&pcap, &frames);
    let packets = tshark_layers(&pcap, &frames);
    assert_eq!(packets.len(), 1, "tshark read one packet");

    let sv = Stackviz::from_json(&doc);
    let mut report = Report::default();
    compare("stackviz send", &packets[0], &sv, ALL_GOOD, &mut report);
    // What the run itself decided: the receiver's port is the OS's choice,
    // the addresses are loopback.
    let port = sv.number("udp.dst_port");
    report.require(
        "stackviz send",
        "OS-chosen destination port",
        port.is_some_and(|p| p != 0),
        format!("udp.dst_port {port:?}"),
    );
    for id in ["ipv4.src", "ipv4.dst"] {
        report.check(
            "stackviz send",
            &format!("{id} is loopback"),
            sv.text(id),
            Some("127.0.0.1".to_string()),
        );
    }
    report.finish();
}
