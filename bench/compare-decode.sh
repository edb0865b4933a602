#!/usr/bin/env bash
# Side by side: `stackviz decode` against tshark and tcpdump on the same
# capture, time and peak memory (GNU time's maximum resident set size).
#
#   bench/compare-decode.sh            100,000 frames (76 MB)
#   bench/compare-decode.sh 1000000    also the memory check on 1,000,000 frames
#
# Generates its own pcap (bench/gen_pcap.py: Ethernet/IPv4/UDP, 0-1,400-byte
# payloads). Peers that are not installed are skipped. Output goes to
# /dev/null; each command runs once after one warm-up read of the file.
set -euo pipefail
cd "$(dirname "$0")/.."

frames=${1:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pcap="$dir/bench.pcap"
python3 bench/gen_pcap.py "$pcap" "$frames"
cargo build --release --quiet
sv=target/release/stackviz
cat "$pcap" > /dev/null

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -o "$dir/time" -f "%e %M" "$@" > /dev/null 2>/dev/null || true
  local out
  out=$(tail -1 "$dir/time")
  printf '%s\t%s\t%s\n' "$label" "${out% *}" "${out#* }"
}

have() { command -v "$1" > /dev/null 2>&1; }

echo "frames: $frames ($(du -h "$pcap" | cut -f1)), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
results="$dir/results.tsv"
{
  measure "stackviz decode (full detail)" "$sv" decode "$pcap" --color never --width 100
  have tshark && measure "tshark -V" tshark -r "$pcap" -V
  measure "stackviz decode --summary" "$sv" decode "$pcap" --summary
  have tcpdump && measure "tcpdump -nn -vv" tcpdump -nn -vv -r "$pcap"
  measure "stackviz decode --format json" "$sv" decode "$pcap" --format json
  have tshark && measure "tshark -T json" tshark -r "$pcap" -T json
} > "$results"

python3 - "$results" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
t = {r[0]: float(r[1]) for r in rows}
m = {r[0]: int(r[2]) for r in rows}
print(f"{'command':34} {'seconds':>8} {'peak MB':>8}")
for r in rows:
    print(f"{r[0]:34} {float(r[1]):8.2f} {int(r[2]) / 1024:8.1f}")
pairs = [
    ("stackviz decode (full detail)", "tshark -V", 10, "full detail at least 10x faster than tshark -V"),
    ("stackviz decode --summary", "tcpdump -nn -vv", 2, "--summary at least 2x faster than tcpdump -nn -vv"),
    ("stackviz decode --format json", "tshark -T json", 20, "JSON at least 20x faster than tshark -T json"),
]
print()
for ours, peer, target, goal in pairs:
    if ours in t and peer in t:
        ratio = t[peer] / max(t[ours], 1e-9)
        verdict = "met" if ratio >= target else f"missed (needs {target}x)"
        print(f"{goal}: {ratio:.2f}x, {verdict}")
peak = max(v for k, v in m.items() if k.startswith("stackviz")) / 1024
print(f"stackviz peak memory: {peak:.1f} MB (target under 32 MB): {'met' if peak < 32 else 'missed'}")
PY
