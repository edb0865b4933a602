//! tshark reads every golden and built TCP segment the way stackviz does:
//! ports, raw sequence and acknowledgment numbers, header length, flags,
//! window, urgent pointer, data length, checksum with its status and
//! computed value, and every option (kinds, lengths, MSS, window scale shift
//! and multiplier, SACK permitted, timestamps, SACK edges). Fails instead of
//! skipping under CI when tshark is missing.

mod common;
mod tcpgold;

use etherparse::{PacketBuilder, TcpHeader, TcpOptionElement as Opt};

use common::dissection::all;
use common::{folded_sum, pseudo_v4, tshark_fields, write_pcap, TempDir, LINK_ETHERNET};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::field_id as id;
use stackviz::model::{CheckVerdict, Dissection, Field, Value};
use tcpgold::frames::*;

/// The tshark fields compared, in the order of a row.
const FIELDS: [&str; 23] = [
    "tcp.srcport",
    "tcp.dstport",
    "tcp.seq_raw",
    "tcp.ack_raw",
    "tcp.hdr_len",
    "tcp.flags",
    "tcp.window_size_value",
    "tcp.urgent_pointer",
    "tcp.len",
    "tcp.checksum",
    "tcp.checksum.status",
    "tcp.checksum_calculated",
    "tcp.option_kind",
    "tcp.option_len",
    "tcp.options.mss_val",
    "tcp.options.wscale.shift",
    "tcp.options.wscale.multiplier",
    "tcp.options.sack_perm",
    "tcp.options.timestamp.tsval",
    "tcp.options.timestamp.tsecr",
    "tcp.options.sack_le",
    "tcp.options.sack_re",
    "tcp.options.sack.count",
];

/// Every occurrence of `id`, as decimal numbers joined by commas (tshark's
/// `-E occurrence=a -E aggregator=,`).
fn numbers(d: &Dissection, id: &str) -> String {
    all(d, id)
        .iter()
        .map(|f| f.value.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn one(d: &Dissection, id: &str) -> u64 {
    match all(d, id).first().map(|f| &f.value) {
        Some(Value::Number(n)) => *n,
        other => panic!("{id}: {other:?}"),
    }
}

/// The option-level fields (not the values inside one, not padding).
fn option_fields(d: &Dissection) -> Vec<&Field> {
    let inner = [
        id::TCP_OPT_TSVAL,
        id::TCP_OPT_TSECR,
        id::TCP_OPT_SACK_LE,
        id::TCP_OPT_SACK_RE,
        id::TCP_OPT_PADDING,
    ];
    d.layers
        .iter()
        .flat_map(|l| &l.fields)
        .filter(|f| f.id.starts_with("tcp.option") && !inner.contains(&f.id))
        .collect()
}

/// The window scale multiplier stackviz's meaning states ("2^n = M bytes").
fn multiplier(f: &Field) -> String {
    let after = f.meaning.split("2^").nth(1).expect("2^ in the meaning");
    let m = after.split(" = ").nth(1).expect("= in the meaning");
    m.chars().take_while(char::is_ascii_digit).collect()
}

/// Our dissection written as tshark writes the row of [`FIELDS`].
fn our_row(d: &Dissection) -> Vec<String> {
    let tcp = d.layers.iter().find(|l| l.protocol == "TCP").expect("TCP");
    let check = tcp
        .checks
        .iter()
        .find(|c| c.field == id::TCP_CHECKSUM)
        .expect("a checksum check");
    let flag_ids = [
        id::TCP_FLAGS_CWR,
        id::TCP_FLAGS_ECE,
        id::TCP_FLAGS_URG,
        id::TCP_FLAGS_ACK,
        id::TCP_FLAGS_PSH,
        id::TCP_FLAGS_RST,
        id::TCP_FLAGS_SYN,
        id::TCP_FLAGS_FIN,
    ];
    // tshark's 12-bit flags: our 4 reserved bits (the last one NS/AE), then
    // the eight flags.
    let flags = flag_ids
        .iter()
        .fold(one(d, id::TCP_RESERVED), |acc, f| acc << 1 | one(d, f));
    let options = option_fields(d);
    // tshark reads each byte after EOL as one more EOL.
    let kinds: Vec<String> = options
        .iter()
        .flat_map(|f| {
            let first = f.hex[..2].to_string();
            let mut kinds = vec![u8::from_str_radix(&first, 16).unwrap().to_string()];
            if f.id == id::TCP_OPT_EOL {
                let padding = all(d, id::TCP_OPT_PADDING);
                kinds.extend(padding.iter().flat_map(|p| {
                    (0..p.length).map(|i| {
                        u8::from_str_radix(&p.hex[2 * i..2 * i + 2], 16)
                            .unwrap()
                            .to_string()
                    })
                }));
            }
            kinds
        })
        .collect();
    let lengths: Vec<String> = options
        .iter()
        .filter(|f| f.id != id::TCP_OPT_NOP && f.id != id::TCP_OPT_EOL)
        .map(|f| f.length.to_string())
        .collect();
    // Blocks per SACK option: 8 bytes each after kind and length.
    let sack_count: Vec<String> = all(d, id::TCP_OPT_SACK)
        .iter()
        .map(|f| ((f.length - 2) / 8).to_string())
        .collect();
    let data = d.layers.last().expect("a data layer");
    vec![
        numbers(d, id::TCP_SRC_PORT),
        numbers(d, id::TCP_DST_PORT),
        numbers(d, id::TCP_SEQ),
        numbers(d, id::TCP_ACK),
        (one(d, id::TCP_DATA_OFFSET) * 4).to_string(),
        format!("0x{flags:04x}"),
        numbers(d, id::TCP_WINDOW),
        numbers(d, id::TCP_URGENT),
        data.header.length.to_string(),
        format!("0x{:04x}", check.stored),
        match check.verdict {
            CheckVerdict::Correct => "1",
            // tshark knows no offload: a partial sum is simply bad to it.
            _ => "0",
        }
        .to_string(),
        format!("0x{:04x}", check.computed),
        kinds.join(","),
        lengths.join(","),
        numbers(d, id::TCP_OPT_MSS),
        numbers(d, id::TCP_OPT_WSCALE),
        all(d, id::TCP_OPT_WSCALE)
            .iter()
            .map(|f| multiplier(f))
            .collect::<Vec<_>>()
            .join(","),
        all(d, id::TCP_OPT_SACK_PERM)
            .iter()
            .map(|f| f.hex.to_string())
            .collect::<Vec<_>>()
            .join(","),
        numbers(d, id::TCP_OPT_TSVAL),
        numbers(d, id::TCP_OPT_TSECR),
        numbers(d, id::TCP_OPT_SACK_LE),
        numbers(d, id::TCP_OPT_SACK_RE),
        sack_count.join(","),
    ]
}

/// A fixed-seed xorshift: the same "random" segments on every run.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A segment built by etherparse from drawn values: flags, numbers, window,
/// options among NOP, MSS, Window Scale, SACK Permitted, Timestamps and
/// SACK, and a payload, over IPv4 or IPv6 loopback.
fn built(r: &mut Draw) -> Vec<u8> {
    let mut h = TcpHeader::new(
        r.next() as u16,
        r.next() as u16,
        r.next() as u32,
        r.next() as u16,
    );
    h.acknowledgment_number = r.next() as u32;
    let bits = r.next();
    [h.ns, h.cwr, h.ece, h.urg, h.ack, h.psh, h.rst, h.syn, h.fin] =
        std::array::from_fn(|i| bits >> i & 1 == 1);
    if h.urg {
        h.urgent_pointer = r.next() as u16;
    }
    let mut options = Vec::new();
    let mut used = 0;
    for _ in 0..r.below(7) {
        let (option, len) = match r.below(6) {
            0 => (Opt::Noop, 1),
            1 => (Opt::MaximumSegmentSize(r.next() as u16), 4),
            2 => (Opt::WindowScale(r.below(20) as u8), 3),
            3 => (Opt::SelectiveAcknowledgementPermitted, 2),
            4 => (Opt::Timestamp(r.next() as u32, r.next() as u32), 10),
            _ => (
                Opt::SelectiveAcknowledgement((r.next() as u32, r.next() as u32), [None; 3]),
                10,
            ),
        };
        if used + len <= 40 {
            used += len;
            options.push(option);
        }
    }
    h.set_options(&options).unwrap();
    let payload: Vec<u8> = (0..r.below(40)).map(|_| r.next() as u8).collect();
    let eth = PacketBuilder::ethernet2([0; 6], [0; 6]);
    let mut out = Vec::new();
    if r.below(2) == 0 {
        eth.ipv4(LOOPBACK, LOOPBACK, 64)
            .tcp_header(h)
            .write(&mut out, &payload)
            .unwrap();
    } else {
        eth.ipv6(LOOPBACK_V6, LOOPBACK_V6, 64)
            .tcp_header(h)
            .write(&mut out, &payload)
            .unwrap();
    }
    out
}

/// The golden segments, the SYN as captured on lo (partial checksum), with
/// a damaged checksum and with window scale shifts above 14, then built ones.
fn segments() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = ALL
        .iter()
        .map(|(name, f)| (name.to_string(), f.to_vec()))
        .collect();
    let mut partial = SYN;
    let sum = folded_sum(&pseudo_v4(&LOOPBACK, &LOOPBACK, 6, 40));
    partial[50..52].copy_from_slice(&sum.to_be_bytes());
    out.push(("SYN partial".into(), partial.to_vec()));
    let mut damaged = DATA;
    damaged[51] ^= 0x40;
    out.push(("DATA damaged".into(), damaged.to_vec()));
    for shift in [14u8, 15, 40] {
        let mut f = SYN;
        f[73] = shift;
        out.push((format!("SYN wscale {shift}"), f.to_vec()));
    }
    let mut r = Draw(0x5eed_7c9f_0123_4567);
    for i in 0..80 {
        out.push((format!("built {i}"), built(&mut r)));
    }
    out
}

#[test]
fn tshark_agrees_on_every_tcp_field_of_every_segment() {
    if !common::tshark_available("tshark_agrees_on_every_tcp_field_of_every_segment") {
        return;
    }
    let segments = segments();
    let dir = TempDir::new("tcpgold-tshark");
    let path = dir.join("tcp.pcap");
    let frames: Vec<Vec<u8>> = segments.iter().map(|(_, f)| f.clone()).collect();
    write_pcap(&path, LINK_ETHERNET, &frames);
    let rows = tshark_fields(
        &path,
        &[
            "-o",
            "tcp.check_checksum:TRUE",
            "-o",
            "tcp.relative_sequence_numbers:FALSE",
            "-o",
            "tcp.analyze_sequence_numbers:FALSE",
            "-E",
            "occurrence=a",
            "-E",
            "aggregator=,",
        ],
        &FIELDS,
    );
    assert_eq!(rows.len(), segments.len(), "one row per segment");
    let mut compared = 0;
    for ((name, frame), theirs) in segments.iter().zip(&rows) {
        let d = dissect_ethernet(frame, Fcs::Absent);
        assert_eq!(d.malformed, None, "{name}");
        let ours = our_row(&d);
        for (i, field) in FIELDS.iter().enumerate() {
            let their = theirs.get(i).map(String::as_str).unwrap_or("");
            assert_eq!(ours[i], their, "{name}: {field} (ours, tshark's)");
            compared += usize::from(!their.is_empty());
        }
    }
    // The rows were not empty: every segment gave at least its 12 header
    // values, and the options were seen too.
    assert!(
        compared > segments.len() * 12,
        "only {compared} values compared"
    );
    let saw = |field: usize| rows.iter().filter(|r| !r[field].is_empty()).count();
    for (i, field) in FIELDS.iter().enumerate().skip(12) {
        assert!(saw(i) >= 3, "{field} seen in only {} segments", saw(i));
    }
}
