//! Criterion benchmarks of what `stackviz send` does after the socket calls:
//! build one datagram's frame, dissect it, assemble the report and render it
//! as tables or JSON. No network: the exchange and the host facts are fixed,
//! hand-made copies of a default `stackviz send` over loopback.
//!
//! Each stage runs for the default 7-byte "Hello!!" and for a 1,400-byte
//! payload (a full-size datagram on a 1,500-byte Ethernet link).
//!
//!     cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};

use stackviz::build::{build_frame, DatagramSpec};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::Origin;
use stackviz::net::exchange::{Exchange, Received, Side, SocketCall};
use stackviz::net::host::{Interface, LinkAddresses};
use stackviz::render::{json, send_text, RenderOptions};
use stackviz::send::{assemble, HostFacts, SendReport};

const SENDER_PORT: u16 = 59_886;
const RECEIVER_PORT: u16 = 15_001;
const LOCALHOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// The payloads benchmarked: the default message and a full-size one.
fn payloads() -> [(&'static str, Vec<u8>); 2] {
    [
        ("7B", b"Hello!!".to_vec()),
        (
            "1400B",
            (0..1400u32).map(|i| b'a' + (i % 26) as u8).collect(),
        ),
    ]
}

/// The spec `stackviz send` builds by default on loopback: zero MACs, TTL 64,
/// DF set with identification 0 (IP_PMTUDISC_DO), 127.0.0.1 to 127.0.0.1.
fn default_spec(payload: &[u8]) -> DatagramSpec {
    DatagramSpec {
        src_mac: [0; 6],
        dst_mac: [0; 6],
        src_ip: LOCALHOST,
        dst_ip: LOCALHOST,
        ttl: 64,
        identification: 0,
        dont_fragment: true,
        flow_label: 0,
        dscp: 0,
        ecn: 0,
        src_port: SENDER_PORT,
        dst_port: RECEIVER_PORT,
        payload: payload.to_vec(),
    }
}

fn call(side: Side, call: &str, result: &str, note: &str) -> SocketCall {
    SocketCall {
        side,
        call: call.into(),
        result: result.into(),
        note: note.into(),
    }
}

/// The socket calls of a default `stackviz send`, as the real exchange records them.
fn fixed_exchange(payload: &[u8]) -> Exchange {
    let source = SocketAddr::new(LOCALHOST, SENDER_PORT);
    let destination = SocketAddr::new(LOCALHOST, RECEIVER_PORT);
    let preview = String::from_utf8_lossy(&payload[..payload.len().min(16)]).into_owned();
    let n = payload.len();
    Exchange {
        calls: vec![
            call(
                Side::Receiver,
                "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)",
                "fd 3",
                "the receiver's socket",
            ),
            call(
                Side::Receiver,
                &format!("bind(fd, {destination})"),
                "0",
                "the receiver must be bound before any data arrives",
            ),
            call(
                Side::Sender,
                "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)",
                "fd 4",
                "an ordinary UDP socket; stackviz never writes raw frames",
            ),
            call(
                Side::Sender,
                "setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)",
                "0",
                "DF set and no local fragmenting: Linux then sends IPv4 identification 0",
            ),
            call(
                Side::Sender,
                &format!("sendto(fd, \"{preview}\", {n}, {destination})"),
                &format!("{n} (bytes sent)"),
                "the kernel adds the UDP, IPv4 and link headers",
            ),
            call(
                Side::Sender,
                "getsockname(fd)",
                &format!("0.0.0.0:{SENDER_PORT}"),
                "no bind() before sendto(): the OS chose an ephemeral port",
            ),
            call(
                Side::Receiver,
                "recvfrom(fd, buf, 65536)",
                &format!("{n} (bytes) \"{preview}\" from {source}"),
                "the receiver learns the sender's address and port from the packet's headers",
            ),
        ],
        source,
        source_learned_from: format!("recvfrom() on the receiver reported {source}"),
        destination,
        bytes_sent: n,
        received: Some(Received {
            data: payload.to_vec(),
            from: source,
        }),
        pmtu_discovery_do: true,
    }
}

/// Loopback's facts as `stackviz::net::host` reads them on Linux.
fn fixed_facts() -> HostFacts {
    let why = "lo is the loopback interface: Linux writes zeros";
    HostFacts {
        ttl: 64,
        ttl_origin: Origin::observed(
            "/proc/sys/net/ipv4/ip_default_ttl (the kernel's default for new sockets)",
        ),
        link: LinkAddresses {
            interface: Some(Interface {
                name: "lo".into(),
                mac: [0; 6],
                loopback: true,
                networks: vec![(Ipv4Addr::new(127, 0, 0, 1), 8)],
                mtu: Some(65_536),
            }),
            src_mac: [0; 6],
            src_origin: Origin::observed(why),
            dst_mac: [0; 6],
            dst_origin: Origin::observed(why),
        },
    }
}

fn report(payload: &[u8]) -> SendReport {
    assemble(fixed_exchange(payload), fixed_facts(), payload).expect("the fixed exchange assembles")
}

const TABLE: RenderOptions = RenderOptions {
    color: false,
    width: 100,
    rfc: false,
};

fn render_table(report: &SendReport) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * 1024);
    send_text::render(report, &mut out, &TABLE).expect("rendering into a Vec cannot fail");
    out
}

fn render_json(report: &SendReport) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * 1024);
    json::render_send(report, &mut out).expect("rendering into a Vec cannot fail");
    out
}

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("send");
    for (label, payload) in payloads() {
        let spec = default_spec(&payload);
        let frame = build_frame(&spec).expect("the default spec builds");
        let report = report(&payload);
        // Sanity: the benchmarks measure real work, not an error path.
        assert_eq!(
            report.frame.bytes, frame.bytes,
            "assemble builds the same frame"
        );
        assert!(render_table(&report).len() > 1000);
        assert!(serde_json::from_slice::<serde_json::Value>(&render_json(&report)).is_ok());

        // (a) headers, padding and FCS for the spec.
        group.bench_with_input(BenchmarkId::new("build_frame", label), &spec, |b, spec| {
            b.iter(|| build_frame(black_box(spec)))
        });
        // (b) the one dissector on the built frame.
        group.bench_with_input(
            BenchmarkId::new("dissect_ethernet", label),
            &frame.bytes,
            |b, bytes| b.iter(|| dissect_ethernet(black_box(bytes), Fcs::Present)),
        );
        // (c) the report from a finished exchange (runs build_frame and
        // dissect_ethernet itself, then attaches every field's origin).
        // HostFacts is not Clone: inputs are made outside the timing.
        group.bench_with_input(BenchmarkId::new("assemble", label), &payload, |b, p| {
            b.iter_batched(
                || (fixed_exchange(p), fixed_facts()),
                |(exchange, facts)| assemble(exchange, facts, black_box(p)),
                BatchSize::SmallInput,
            )
        });
        // (d) the tables, colourless, 100 columns.
        group.bench_with_input(
            BenchmarkId::new("render_table", label),
            &report,
            |b, report| b.iter(|| render_table(black_box(report))),
        );
        // (d') the same tables drawn by comfy-table itself, the reference
        // the fast table writer replaced (src/render/table.rs): before/after
        // in one run. The output is asserted equal first.
        stackviz::render::table::use_reference(true);
        let reference = render_table(&report);
        stackviz::render::table::use_reference(false);
        assert_eq!(reference, render_table(&report), "same tables both ways");
        group.bench_with_input(
            BenchmarkId::new("render_table_comfy", label),
            &report,
            |b, report| {
                stackviz::render::table::use_reference(true);
                b.iter(|| render_table(black_box(report)));
                stackviz::render::table::use_reference(false);
            },
        );
        // (e) --format json.
        group.bench_with_input(
            BenchmarkId::new("render_json", label),
            &report,
            |b, report| b.iter(|| render_json(black_box(report))),
        );
        // (f) everything after the socket calls, as `stackviz send` runs it:
        // assemble (= build + dissect + origins) then the tables.
        group.bench_with_input(BenchmarkId::new("pipeline", label), &payload, |b, p| {
            b.iter_batched(
                || (fixed_exchange(p), fixed_facts()),
                |(exchange, facts)| {
                    let report = assemble(exchange, facts, black_box(p)).expect("assembles");
                    render_table(&report)
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
