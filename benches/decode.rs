//! Criterion benchmark of `stackviz decode` per frame: a 1,000-frame pcap of
//! Ethernet/IPv4/UDP frames (0 to 1,400-byte payloads, as bench/gen_pcap.py
//! makes) streamed through `decode::run` (the summary through the brief
//! dissection `decode --summary` uses), rendered as a summary line, as
//! JSON, and in full detail, into memory. bench/compare-decode.sh compares
//! the whole program with tshark and tcpdump.

use std::hint::black_box;
use std::io::Write;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use stackviz::build::{build_frame, DatagramSpec};
use stackviz::decode::{self, DecodedFrame, Flow, Input};
use stackviz::detail::Detail;
use stackviz::render::{decode_text, json, RenderOptions};
use stackviz::session::decode_trace::decoded_event;

const FRAMES: usize = 1000;

fn capture_file() -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("stackviz-bench-decode-{}.pcap", std::process::id()));
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(&[
        0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0,
    ])
    .unwrap();
    for i in 0..FRAMES {
        let spec = DatagramSpec {
            src_mac: [2, 0, 0, 0, 0, 1],
            dst_mac: [2, 0, 0, 0, 0, 2],
            src_ip: [10, 0, (i >> 8) as u8, i as u8].into(),
            dst_ip: [10, 1, 0, 1].into(),
            ttl: 64,
            identification: i as u16,
            dont_fragment: true,
            flow_label: 0,
            dscp: 0,
            ecn: 0,
            src_port: 1024 + i as u16,
            dst_port: 15001,
            payload: (0..(i * 7919) % 1401).map(|k| (i + k) as u8).collect(),
        };
        let mut frame = build_frame(&spec).unwrap().bytes;
        frame.truncate(frame.len() - 4); // captures hold no FCS
        let len = (frame.len() as u32).to_le_bytes();
        f.write_all(&[0; 8]).unwrap();
        f.write_all(&len).unwrap();
        f.write_all(&len).unwrap();
        f.write_all(&frame).unwrap();
    }
    path
}

fn decode_bench(c: &mut Criterion) {
    let path = capture_file();
    let input = Input::File(path.clone());
    let options = RenderOptions {
        color: false,
        width: 100,
        rfc: false,
    };
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Elements(FRAMES as u64));
    group.sample_size(20);
    // As `decode --summary` does it: a brief dissection (no sentences, hex
    // or worked sums), the line written straight into the output.
    group.bench_function("summary", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            decode::read_frames(&input, None, |raw| {
                let frame = DecodedFrame {
                    dissection: decode::dissect_at(&raw, Detail::Brief),
                    raw,
                };
                decode_text::write_summary_line(&decoded_event(&frame), &mut out);
                out.push(b'\n');
                Ok(Flow::Continue)
            })
            .unwrap();
            black_box(out.len())
        })
    });
    group.bench_function("json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 24);
            decode::run(&input, None, |frame| {
                json::render_decoded(&decoded_event(&frame), &mut out).unwrap();
                Ok(Flow::Continue)
            })
            .unwrap();
            black_box(out.len())
        })
    });
    group.bench_function("full_detail", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 24);
            decode::run(&input, None, |frame| {
                decode_text::frame(&decoded_event(&frame), &mut out, &options).unwrap();
                Ok(Flow::Continue)
            })
            .unwrap();
            black_box(out.len())
        })
    });
    // The same with comfy-table drawing the tables (the reference the fast
    // table writer replaced), for before/after in one run.
    group.bench_function("full_detail_comfy", |b| {
        stackviz::render::table::use_reference(true);
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 24);
            decode::run(&input, None, |frame| {
                decode_text::frame(&decoded_event(&frame), &mut out, &options).unwrap();
                Ok(Flow::Continue)
            })
            .unwrap();
            black_box(out.len())
        });
        stackviz::render::table::use_reference(false);
    });
    group.finish();
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, decode_bench);
criterion_main!(benches);
