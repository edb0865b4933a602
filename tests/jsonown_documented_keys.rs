//! The keys docs/json.md documents are the keys the binary writes, both
//! ways: a documented key missing from a document fails, and so does a key
//! the documentation does not know. So renaming a key, in the JSON module or
//! in the page, fails here. The tables of `stackviz.send/1` and
//! `stackviz.tcp/1` are read from docs/json.md itself; recv, decode,
//! families and layers, documented in prose there, are listed here as that
//! prose says.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::net::UdpSocket;
use std::process::Stdio;

use common::{stackviz, stackviz_std, succeeded, RUN_LIMIT};
use serde_json::{Map, Value};

/// A documented key and whether every object must have it.
type Keys = Vec<(String, bool)>;

/// The text between backticks: `"a"`, `b` -> ["\"a\"", "b"].
fn ticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The tables under the `##` heading `heading`, each as its rows' cells
/// (header row first, separator left out).
fn tables(doc: &str, heading: &str) -> Vec<Vec<Vec<String>>> {
    let start = doc
        .lines()
        .position(|l| l == heading)
        .unwrap_or_else(|| panic!("docs/json.md has no heading {heading:?}"));
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut in_table = false;
    for line in doc.lines().skip(start + 1) {
        if line.starts_with("## ") {
            break;
        }
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        if line.starts_with("|---") {
            continue;
        }
        let cells = line.split('|').map(|c| c.trim().to_string()).collect();
        if !in_table {
            tables.push(Vec::new());
            in_table = true;
        }
        tables.last_mut().unwrap().push(cells);
    }
    tables
}

/// The `| key | type | meaning |` tables under `heading`: a key is
/// optional when its type says "optional" or "only with".
fn key_tables(doc: &str, heading: &str) -> Vec<Keys> {
    tables(doc, heading)
        .into_iter()
        .filter(|t| t[0][1] == "key")
        .map(|t| {
            t[1..]
                .iter()
                .flat_map(|row| {
                    let optional = row[2].contains("optional") || row[2].contains("only with");
                    ticked(&row[1]).into_iter().map(move |k| (k, !optional))
                })
                .collect()
        })
        .collect()
}

/// A `| outcome | other keys | meaning |` table: each value (without its
/// quotes) and the keys that come with it.
fn value_table(doc: &str, heading: &str, tag: &str) -> BTreeMap<String, Vec<String>> {
    let table = tables(doc, heading)
        .into_iter()
        .find(|t| t[0][1] == tag && t[0][2] == "other keys")
        .unwrap_or_else(|| panic!("no `{tag}` table under {heading:?}"));
    table[1..]
        .iter()
        .map(|row| (row[1].trim_matches(['`', '"']).to_string(), ticked(&row[2])))
        .collect()
}

/// Keys listed in prose: `?` marks an optional one.
fn listed(keys: &[&str]) -> Keys {
    keys.iter()
        .map(|k| (k.trim_end_matches('?').to_string(), !k.ends_with('?')))
        .collect()
}

/// The objects at `path` in `v`: keys, and `*` for every element of an array.
fn objects<'a>(v: &'a Value, path: &[&str]) -> Vec<&'a Map<String, Value>> {
    match path.split_first() {
        None => v.as_object().into_iter().collect(),
        Some((&"*", rest)) => v
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|e| objects(e, rest))
            .collect(),
        Some((key, rest)) => v.get(*key).map(|e| objects(e, rest)).unwrap_or_default(),
    }
}

/// Checks objects against what the documentation says of them and
/// remembers which optional keys were seen.
#[derive(Default)]
struct Checker {
    /// what -> (documented keys, optional keys seen, objects checked)
    seen: BTreeMap<String, (Keys, BTreeSet<String>, usize)>,
}

impl Checker {
    fn check(&mut self, what: &str, keys: &Keys, objs: &[&Map<String, Value>]) {
        let entry = self
            .seen
            .entry(what.to_string())
            .or_insert_with(|| (keys.clone(), BTreeSet::new(), 0));
        for obj in objs {
            for (key, required) in keys {
                if *required {
                    assert!(
                        obj.contains_key(key),
                        "{what}: documented key `{key}` missing; it has {:?}",
                        obj.keys().collect::<Vec<_>>()
                    );
                } else if obj.contains_key(key) {
                    entry.1.insert(key.clone());
                }
            }
            for key in obj.keys() {
                assert!(
                    keys.iter().any(|(k, _)| k == key),
                    "{what}: key `{key}` is written but not documented ({keys:?})"
                );
            }
            entry.2 += 1;
        }
    }

    /// Every table met objects, and every optional key was seen at least
    /// once, but those in `never` (what, key), which these runs cannot show.
    fn finish(self, never: &[(&str, &str)]) {
        for (what, (keys, seen, count)) in self.seen {
            assert!(count > 0, "{what}: no object checked");
            for (key, required) in keys {
                if !required
                    && !seen.contains(&key)
                    && !never.contains(&(what.as_str(), key.as_str()))
                {
                    panic!("{what}: optional key `{key}` never written in {count} objects");
                }
            }
        }
    }
}

fn docs() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md"))
        .expect("docs/json.md")
}

fn json(cmd: &mut assert_cmd::Command) -> Value {
    let out = succeeded(cmd);
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

/// Checks one `stackviz.send/1` document against the page's tables.
fn check_send(doc: &str, send: &Value, c: &mut Checker) {
    let table = |heading: &str, n: usize| key_tables(doc, heading).swap_remove(n);
    let all = |paths: &[&[&str]]| {
        paths
            .iter()
            .flat_map(|p| objects(send, p))
            .collect::<Vec<_>>()
    };
    assert_eq!(send["schema"], "stackviz.send/1");
    c.check("top level", &table("## Top-level keys", 0), &all(&[&[]]));
    let layers: &[&[&str]] = &[
        &["layers", "*"],
        &["capture", "datagram", "layers", "*"],
        &["capture", "icmp", "layers", "*"],
        &["fragmentation", "fragments", "*", "layers", "*"],
    ];
    c.check("layer", &table("## The layer object", 0), &all(layers));
    let fields = [
        layers
            .iter()
            .map(|p| [*p, &["fields", "*"]].concat())
            .collect::<Vec<_>>(),
        vec![vec!["layers", "*", "checks", "*", "pseudo_header", "*"]],
    ]
    .concat();
    let fields: Vec<&[&str]> = fields.iter().map(Vec::as_slice).collect();
    c.check("field", &table("## The field object", 0), &all(&fields));
    let checks: Vec<Vec<&str>> = layers
        .iter()
        .map(|p| [*p, &["checks", "*"]].concat())
        .collect();
    let checks: Vec<&[&str]> = checks.iter().map(Vec::as_slice).collect();
    c.check("check", &table("## The check object", 0), &all(&checks));
    c.check(
        "step",
        &table("## Encapsulation steps", 0),
        &all(&[&["encapsulation", "*"]]),
    );
    c.check(
        "exchange",
        &table("## The exchange object", 0),
        &all(&[&["exchange"]]),
    );
    c.check(
        "header",
        &listed(&["offset", "length"]),
        &all(&[&["layers", "*", "header"]]),
    );
    c.check(
        "origin",
        &listed(&["kind", "source"]),
        &all(&[&["layers", "*", "fields", "*", "origin"]]),
    );
    c.check(
        "term",
        &listed(&["label", "words", "sum"]),
        &all(&[&["layers", "*", "checks", "*", "terms", "*"]]),
    );
    c.check(
        "fold",
        &listed(&["before", "after"]),
        &all(&[&["layers", "*", "checks", "*", "folds", "*"]]),
    );
    c.check(
        "call",
        &listed(&["side", "call", "result", "note"]),
        &all(&[&["exchange", "calls", "*"]]),
    );
    c.check(
        "received",
        &listed(&["data", "from"]),
        &all(&[&["exchange", "received"]]),
    );
    // Delivery and capture: the keys their outcome or status brings.
    for (object, heading, tag) in [
        ("delivery", "## Delivery", "outcome"),
        ("capture", "## Capture and comparison", "status"),
    ] {
        let values = value_table(doc, heading, tag);
        let value = send[object][tag]
            .as_str()
            .unwrap_or_else(|| panic!("{object}.{tag}"));
        let mut keys = values
            .get(value)
            .unwrap_or_else(|| panic!("{object}.{tag} {value:?} is not documented"))
            .iter()
            // `requests` is "absent without a capture".
            .map(|k| (k.clone(), k != "requests"))
            .collect::<Keys>();
        keys.push((tag.to_string(), true));
        if value == "caught" {
            // "see below": the table after the statuses.
            keys.extend(table(heading, 0));
        }
        c.check(&format!("{object} {value}"), &keys, &all(&[&[object]]));
    }
    if send["capture"]["status"] == "caught" {
        c.check(
            "comparison",
            &listed(&["fields", "identical", "explained", "unexpected"]),
            &all(&[
                &["capture", "comparison"],
                &["capture", "fragment_comparisons", "*"],
            ]),
        );
        c.check(
            "compared field",
            &table("## Capture and comparison", 1),
            &all(&[
                &["capture", "comparison", "fields", "*"],
                &["capture", "fragment_comparisons", "*", "fields", "*"],
            ]),
        );
        c.check(
            "captured frame",
            &listed(&["frame", "frame_length", "layers", "malformed?"]),
            &all(&[
                &["capture", "datagram"],
                &["capture", "icmp"],
                &["capture", "fragments", "*"],
            ]),
        );
    }
    if send.get("fragmentation").is_some() {
        c.check(
            "fragmentation",
            &table("## Fragmentation", 0),
            &all(&[&["fragmentation"]]),
        );
        c.check(
            "fragment",
            &listed(&[
                "offset",
                "length",
                "more_fragments",
                "frame",
                "frame_length",
                "layers",
            ]),
            &all(&[&["fragmentation", "fragments", "*"]]),
        );
    }
}

#[test]
fn send_documents_have_exactly_the_documented_keys() {
    const TEST: &str = "send_documents_have_exactly_the_documented_keys";
    let caught = common::can_capture(TEST);
    let doc = docs();
    let mut c = Checker::default();
    // Refused (an ICMP error captured); received with fragments cut for
    // --mtu; and the two families side by side.
    // --port 0 everywhere: the default 15001 may be taken by a lesson's
    // receiver running on the same machine.
    let refused =
        json(stackviz().args(["send", "--port", "0", "--format", "json", "--no-receiver"]));
    let long = "fragments ".repeat(100);
    let cut = json(stackviz().args([
        "send", "--port", "0", "--format", "json", "--mtu", "576", &long,
    ]));
    let families = json(stackviz().args([
        "send",
        "--port",
        "0",
        "--compare-families",
        "--format",
        "json",
        "--capture",
        "off",
    ]));
    assert_eq!(
        refused["delivery"]["outcome"], "refused",
        "{}",
        refused["delivery"]
    );
    assert_eq!(
        cut["delivery"]["outcome"], "received",
        "{}",
        cut["delivery"]
    );
    if caught {
        assert_eq!(refused["capture"]["status"], "caught");
        assert!(
            refused["capture"]["icmp"].is_object(),
            "no ICMP error captured"
        );
    }
    for send in [&refused, &cut, &families["ipv4"], &families["ipv6"]] {
        check_send(&doc, send, &mut c);
    }
    let all: Vec<_> = objects(&families, &[]);
    c.check("families", &listed(&["schema", "ipv4", "ipv6"]), &all);
    assert_eq!(families["schema"], "stackviz.families/1");
    c.finish(&[
        // "Never present for a frame stackviz built itself".
        ("top level", "malformed"),
        ("captured frame", "malformed"),
        // Loopback has no ARP, and its MTU is too big for the kernel to
        // fragment (tests/netns.rs captures fragments on a small-MTU veth).
        ("capture caught", "arp"),
        ("capture caught", "fragments"),
        ("capture caught", "fragment_comparisons"),
    ]);
}

/// A classic pcap file of one Ethernet frame the capture cut to `saved`
/// bytes of `frame`.
fn cut_pcap(frame: &[u8], saved: usize) -> Vec<u8> {
    let mut file = Vec::new();
    // Magic, version 2.4, zone, accuracy, snap length, Ethernet.
    for word in [0xa1b2_c3d4_u32, 0x0004_0002, 0, 0, 65_535, 1] {
        file.extend_from_slice(&word.to_le_bytes());
    }
    for word in [1_700_000_000_u32, 500_000, saved as u32, frame.len() as u32] {
        file.extend_from_slice(&word.to_le_bytes());
    }
    file.extend_from_slice(&frame[..saved]);
    file
}

#[test]
fn decode_lines_have_exactly_the_documented_keys() {
    let built = json(stackviz().args([
        "send",
        "--port",
        "0",
        "--format",
        "json",
        "--capture",
        "off",
    ]));
    let hex = built["frame"].as_str().unwrap().to_string();
    let frame: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    // IPv4 version 5: malformed (decode exits 1 for it).
    let mut bad = hex.clone();
    bad.replace_range(28..29, "5");
    let mut lines = Vec::new();
    for (input, code) in [(hex.as_str(), 0), (bad.as_str(), 1)] {
        let out = stackviz()
            .args(["decode", "--format", "json", input])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}",
            common::text(&out.stderr)
        );
        lines.push(common::text(&out.stdout));
    }
    let mut cut = stackviz();
    cut.args(["decode", "--format", "json", "-"])
        .write_stdin(cut_pcap(&frame, 30));
    lines.push(common::text(&succeeded(&mut cut).stdout));
    let lines: Vec<&str> = lines.iter().flat_map(|l| l.lines()).collect();
    let values: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(values.len(), 3, "{lines:?}");
    let mut c = Checker::default();
    let doc = docs();
    let table = |heading| key_tables(&doc, heading).swap_remove(0);
    for v in &values {
        assert_eq!(v["schema"], "stackviz.decode/1");
        let line = listed(&[
            "schema",
            "number",
            "timestamp?",
            "link",
            "frame",
            "frame_length",
            "original_length",
            "layers",
            "malformed?",
            "cut_short?",
        ]);
        c.check("decode line", &line, &objects(v, &[]));
        let malformed = listed(&["protocol", "offset", "kind", "message"]);
        c.check("malformed", &malformed, &objects(v, &["malformed"]));
        c.check(
            "cut_short",
            &listed(&["captured", "original", "ran_out?"]),
            &objects(v, &["cut_short"]),
        );
        c.check(
            "ran_out",
            &malformed,
            &objects(v, &["cut_short", "ran_out"]),
        );
        c.check(
            "layer",
            &table("## The layer object"),
            &objects(v, &["layers", "*"]),
        );
        c.check(
            "field",
            &table("## The field object"),
            &objects(v, &["layers", "*", "fields", "*"]),
        );
    }
    // Read from the input: no origin; and the cut frame has no trailer.
    c.finish(&[("field", "origin"), ("layer", "trailer")]);
}

#[test]
fn recv_lines_have_exactly_the_documented_keys() {
    let mut child = common::spawn(
        stackviz_std()
            .args([
                "recv",
                "--bind",
                "127.0.0.1:0",
                "--count",
                "1",
                "--buf",
                "4",
                "--format",
                "json",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let lines = common::lines_of(child.child().stdout.take().unwrap());
    let next = || -> Value {
        let line = lines
            .recv_timeout(RUN_LIMIT)
            .expect("recv prints a line in time");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    };
    let started = next();
    let bound: std::net::SocketAddr = started["bound"].as_str().expect("bound").parse().unwrap();
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .send_to(b"cut at four", bound)
        .unwrap();
    let datagram = next();
    let summary = next();
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
    let mut c = Checker::default();
    for (kind, v, keys) in [
        (
            "started",
            &started,
            listed(&["schema", "kind", "bound", "setup", "capture_note?"]),
        ),
        (
            "datagram",
            &datagram,
            listed(&[
                "schema",
                "kind",
                "number",
                "delivered_to",
                "datagram",
                "frame?",
            ]),
        ),
        (
            "summary",
            &summary,
            listed(&[
                "schema",
                "kind",
                "bound",
                "datagrams",
                "truncated",
                "bytes",
                "ended",
                "seconds",
                "capture_note?",
                "dropped_before_recvfrom?",
                "dropped_by_kernel?",
                "receive_buffer?",
                "datagrams_per_second?",
                "unread_at_end?",
            ]),
        ),
    ] {
        assert_eq!(v["schema"], "stackviz.recv/1");
        assert_eq!(v["kind"], kind, "{v}");
        c.check(kind, &keys, &objects(v, &[]));
    }
    c.check(
        "call",
        &listed(&["side", "call", "result", "note"]),
        &objects(&started, &["setup", "*"]),
    );
    let inner = listed(&[
        "calls",
        "data",
        "length",
        "lost",
        "buffer",
        "from",
        "truncated",
    ]);
    c.check(
        "datagram.datagram",
        &inner,
        &objects(&datagram, &["datagram"]),
    );
    assert_eq!(
        datagram["datagram"]["lost"], "617420666f7572",
        "\"at four\" lost"
    );
    // A capture note only when no capture runs; a frame only when one does.
    let capturing = datagram.get("frame").is_some();
    // No datagram is dropped by the socket in this run (one datagram).
    let never: &[(&str, &str)] = if capturing {
        &[
            ("started", "capture_note"),
            ("summary", "capture_note"),
            ("summary", "dropped_before_recvfrom"),
            ("summary", "datagrams_per_second"),
            ("summary", "unread_at_end"),
        ]
    } else {
        &[
            ("datagram", "frame"),
            ("summary", "dropped_before_recvfrom"),
            ("summary", "datagrams_per_second"),
            ("summary", "unread_at_end"),
        ]
    };
    c.finish(never);
}

#[test]
fn layers_rows_have_exactly_the_documented_keys() {
    let rows = json(stackviz().args(["layers", "--format", "json"]));
    let rows: Vec<_> = objects(&rows, &["*"]);
    assert_eq!(rows.len(), 5);
    let mut c = Checker::default();
    let keys = listed(&[
        "layer", "does", "pdu", "header", "address", "lives_in", "shown_by", "osi",
    ]);
    c.check("layers row", &keys, &rows);
    c.finish(&[]);
}

/// The `| tag | other keys | meaning |` tables under `heading`, in page
/// order (the TCP section has two `status` tables: outcome, then capture).
fn value_tables(doc: &str, heading: &str, tag: &str) -> Vec<BTreeMap<String, Vec<String>>> {
    tables(doc, heading)
        .into_iter()
        .filter(|t| t[0][1] == tag && t[0][2] == "other keys")
        .map(|t| {
            t[1..]
                .iter()
                .map(|row| (row[1].trim_matches(['`', '"']).to_string(), ticked(&row[2])))
                .collect()
        })
        .collect()
}

/// Objects tagged by `tag` have that tag and the keys its value brings.
fn check_tagged(
    c: &mut Checker,
    what: &str,
    values: &BTreeMap<String, Vec<String>>,
    tag: &str,
    objs: &[&Map<String, Value>],
) {
    for obj in objs {
        let value = obj[tag].as_str().unwrap_or_else(|| panic!("{what}.{tag}"));
        let mut keys: Keys = values
            .get(value)
            .unwrap_or_else(|| panic!("{what}.{tag} {value:?} is not documented"))
            .iter()
            .map(|k| (k.clone(), true))
            .collect();
        keys.push((tag.to_string(), true));
        c.check(&format!("{what} {value}"), &keys, &[*obj]);
    }
}

#[test]
fn tcp_documents_have_exactly_the_documented_keys() {
    const TEST: &str = "tcp_documents_have_exactly_the_documented_keys";
    const HEADING: &str = "## `send --tcp`: schema `stackviz.tcp/1`";
    let caught = common::can_capture(TEST);
    let doc = docs();
    let capture = if caught { "on" } else { "off" };
    // Completed over IPv4 and IPv6, and refused (--no-receiver).
    let runs = [
        json(
            stackviz()
                .args(["send", "--tcp", "--format", "json", "--port", "15431"])
                .args(["--capture", capture]),
        ),
        json(
            stackviz()
                .args(["send", "--tcp", "-6", "--format", "json", "--port", "15432"])
                .args(["--capture", "off"]),
        ),
        json(
            stackviz()
                .args(["send", "--tcp", "--no-receiver", "--format", "json"])
                .args(["--port", "15433", "--capture", capture]),
        ),
    ];
    let keys = key_tables(&doc, HEADING);
    assert_eq!(
        keys.len(),
        7,
        "top, sysctls, syn, calls, tcp_info, segments, caught"
    );
    let statuses = value_tables(&doc, HEADING, "status");
    let kinds = value_tables(&doc, HEADING, "kind");
    assert_eq!((statuses.len(), kinds.len()), (2, 1));
    let udp = |heading: &str, n: usize| key_tables(&doc, heading).swap_remove(n);
    let mut c = Checker::default();
    for run in &runs {
        assert_eq!(run["schema"], "stackviz.tcp/1");
        let all = |paths: &[&[&str]]| {
            paths
                .iter()
                .flat_map(|p| objects(run, p))
                .collect::<Vec<_>>()
        };
        c.check("tcp top level", &keys[0], &all(&[&[]]));
        c.check("sysctls", &keys[1], &all(&[&["sysctls"]]));
        c.check("syn", &keys[2], &all(&[&["syn"]]));
        c.check("tcp call", &keys[3], &all(&[&["calls", "*"]]));
        c.check("tcp_info", &keys[4], &all(&[&["calls", "*", "tcp_info"]]));
        c.check("segment", &keys[5], &all(&[&["segments", "*"]]));
        c.check(
            "after close",
            &listed(&["state", "ms_left"]),
            &all(&[&["client_after_close"]]),
        );
        check_tagged(
            &mut c,
            "outcome",
            &statuses[0],
            "status",
            &all(&[&["outcome"]]),
        );
        check_tagged(
            &mut c,
            "option",
            &kinds[0],
            "kind",
            &all(&[&["syn", "options", "*"], &["segments", "*", "options", "*"]]),
        );
        // The same layer, field and check objects as stackviz.send/1.
        let layers: &[&[&str]] = &[
            &["segments", "*", "layers", "*"],
            &["segments", "*", "captured", "layers", "*"],
            &["capture", "unpredicted", "*", "layers", "*"],
        ];
        let with = |tail: &[&'static str]| -> Vec<Vec<&'static str>> {
            layers.iter().map(|p| [*p, tail].concat()).collect()
        };
        let slices = |v: &[Vec<&str>]| {
            v.iter()
                .map(|p| objects(run, p))
                .collect::<Vec<_>>()
                .concat()
        };
        c.check("tcp layer", &udp("## The layer object", 0), &all(layers));
        c.check(
            "tcp field",
            &udp("## The field object", 0),
            &slices(&with(&["fields", "*"])),
        );
        c.check(
            "tcp check",
            &udp("## The check object", 0),
            &slices(&with(&["checks", "*"])),
        );
        c.check(
            "captured segment",
            &listed(&["frame", "frame_length", "layers", "malformed?"]),
            &all(&[
                &["segments", "*", "captured"],
                &["capture", "unpredicted", "*"],
            ]),
        );
        c.check(
            "tcp comparison",
            &listed(&["fields", "identical", "explained", "unexpected"]),
            &all(&[&["segments", "*", "comparison"]]),
        );
        c.check(
            "tcp compared field",
            &udp("## Capture and comparison", 1),
            &all(&[&["segments", "*", "comparison", "fields", "*"]]),
        );
        let status = run["capture"]["status"].as_str().expect("capture.status");
        let mut capture_keys: Keys = statuses[1]
            .get(status)
            .unwrap_or_else(|| panic!("capture.status {status:?} is not documented"))
            .iter()
            .map(|k| (k.clone(), true))
            .collect();
        capture_keys.push(("status".into(), true));
        if status == "caught" {
            capture_keys.extend(keys[6].clone());
        }
        c.check(
            &format!("tcp capture {status}"),
            &capture_keys,
            &all(&[&["capture"]]),
        );
    }
    for (run, wanted) in runs.iter().zip(["completed", "completed", "refused"]) {
        assert_eq!(run["outcome"]["status"], wanted, "{}", run["outcome"]);
    }
    c.finish(&[
        // Never for a frame stackviz built, nor for the kernel's own segments.
        ("captured segment", "malformed"),
    ]);
}

#[test]
fn loss_documents_have_exactly_the_documented_keys() {
    const HEADING: &str = "## `send --count`: schema `stackviz.loss/1`";
    let doc = docs();
    // Reading after the sender (drops) and reading while it sends.
    let runs = [
        json(
            stackviz()
                .args(["send", "--count", "50", "--format", "json"])
                .args(["--port", "15609"]),
        ),
        json(
            stackviz()
                .args([
                    "send",
                    "--count",
                    "50",
                    "--slow-receiver",
                    "0",
                    "--format",
                    "json",
                ])
                .args(["--port", "15610"]),
        ),
    ];
    let keys = key_tables(&doc, HEADING);
    assert_eq!(keys.len(), 3, "top, rcvbuf, host_udp");
    let mut c = Checker::default();
    for run in &runs {
        assert_eq!(run["schema"], "stackviz.loss/1");
        let all = |paths: &[&[&str]]| {
            paths
                .iter()
                .flat_map(|p| objects(run, p))
                .collect::<Vec<_>>()
        };
        c.check("loss top level", &keys[0], &all(&[&[]]));
        c.check("rcvbuf", &keys[1], &all(&[&["rcvbuf"]]));
        c.check("host_udp", &keys[2], &all(&[&["host_udp"]]));
        c.check(
            "udp counters",
            &listed(&["in_datagrams", "rcvbuf_errors", "in_errors"]),
            &all(&[
                &["host_udp", "before"],
                &["host_udp", "after"],
                &["host_udp", "difference"],
            ]),
        );
        c.check(
            "seconds",
            &listed(&["sending", "total"]),
            &all(&[&["seconds"]]),
        );
    }
    c.finish(&[]);
}

#[test]
fn flow_documents_have_exactly_the_documented_keys() {
    const HEADING: &str = "## `send --tcp --count`: schema `stackviz.flow/1`";
    let doc = docs();
    // Captured when permitted (CI is root), and without capture.
    let runs = [
        json(stackviz().args([
            "send",
            "--tcp",
            "--count",
            "600",
            "--slow-receiver",
            "60",
            "--port",
            "15679",
            "--format",
            "json",
        ])),
        json(stackviz().args([
            "send",
            "--tcp",
            "--count",
            "50",
            "--sndbuf",
            "0",
            "--capture",
            "off",
            "--port",
            "15680",
            "--format",
            "json",
        ])),
    ];
    let keys = key_tables(&doc, HEADING);
    assert_eq!(
        keys.len(),
        8,
        "top, bufs, sent, received, tcp_info, samples, capture, events"
    );
    let mut c = Checker::default();
    for run in &runs {
        assert_eq!(run["schema"], "stackviz.flow/1");
        let all = |paths: &[&[&str]]| {
            paths
                .iter()
                .flat_map(|p| objects(run, p))
                .collect::<Vec<_>>()
        };
        c.check("flow top level", &keys[0], &all(&[&[]]));
        c.check("bufs", &keys[1], &all(&[&["rcvbuf"], &["sndbuf"]]));
        c.check("sent", &keys[2], &all(&[&["sent"]]));
        c.check("received", &keys[3], &all(&[&["received"]]));
        c.check(
            "tcp_info",
            &keys[4],
            &all(&[&["client_final"], &["server_final"]]),
        );
        c.check("sample", &keys[5], &all(&[&["samples", "*"]]));
        c.check(
            "sample client",
            &listed(&[
                "snd_wnd",
                "unacked",
                "bytes_acked",
                "notsent_bytes",
                "send_queue",
                "probes",
            ]),
            &all(&[&["samples", "*", "client"]]),
        );
        c.check(
            "sample server",
            &listed(&["rcv_wnd", "rcv_space", "bytes_received", "unread"]),
            &all(&[&["samples", "*", "server"]]),
        );
        c.check(
            "delivery",
            &listed(&["first", "median", "slowest", "last"]),
            &all(&[&["delivery_ms"]]),
        );
        c.check(
            "window_zero",
            &listed(&["samples", "stretches"]),
            &all(&[&["window_zero"]]),
        );
        c.check("capture", &keys[6], &all(&[&["capture"]]));
        c.check("event", &keys[7], &all(&[&["capture", "events", "*"]]));
    }
    c.finish(&[]);
}
