#!/usr/bin/env bash
# Side by side: `stackviz decode` against tshark and tcpdump on the same
# capture, time and peak memory (bench/measure.py: a microsecond clock and
# the command's maximum resident set size).
#
#   bench/compare-decode.sh            100,000 frames (76 MB)
#   bench/compare-decode.sh 1000000    also the memory check on 1,000,000 frames
#
# Generates its own pcaps (bench/gen_pcap.py): Ethernet/IPv4/UDP with
# 0-1,400-byte payloads, and the same number of mixed frames (TCP with
# options, ICMP and ICMPv6, IPv6, ARP, VLAN; `--mixed`). KINDS="udp" or
# KINDS="mixed" runs one of them. Peers that are not installed are skipped. Output goes to
# /dev/null, colour off. All commands run in turn, RUNS rounds (default 3),
# so a busy machine slows stackviz and its peers alike; each figure is the
# median of its rounds (time and peak memory).
set -euo pipefail
cd "$(dirname "$0")/.."

frames=${1:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet
sv=target/release/stackviz
runs=${RUNS:-3}

measure() { # label, command...
  local label=$1; shift
  printf '%s\t%s\n' "$label" "$(python3 bench/measure.py "$@")"
}

have() { command -v "$1" > /dev/null 2>&1; }

for kind in ${KINDS:-udp mixed}; do
pcap="$dir/$kind.pcap"
if [ "$kind" = mixed ]; then
  python3 bench/gen_pcap.py "$pcap" "$frames" --mixed
else
  python3 bench/gen_pcap.py "$pcap" "$frames"
fi
cat "$pcap" > /dev/null
echo
echo "$kind: $frames frames ($(du -h "$pcap" | cut -f1)), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
results="$dir/results-$kind.tsv"
for _ in $(seq "$runs"); do
  measure "stackviz decode (full detail)" "$sv" decode "$pcap" --color never --width 100
  have tshark && measure "tshark -V" tshark -r "$pcap" -V
  measure "stackviz decode --summary" "$sv" decode "$pcap" --summary
  # Standard input is read on one thread (it may be a live capture).
  measure "stackviz decode --summary (1 thread)" sh -c "exec \"\$0\" decode - --summary < \"\$1\"" "$sv" "$pcap"
  have tcpdump && measure "tcpdump -nn -vv" tcpdump -nn -vv -r "$pcap"
  measure "stackviz decode --format json" "$sv" decode "$pcap" --format json
  have tshark && measure "tshark -T json" tshark -r "$pcap" -T json
done >> "$results"

python3 - "$results" <<'PY'
import sys
from statistics import median
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
labels = list(dict.fromkeys(r[0] for r in rows))
t = {k: median(float(r[1]) for r in rows if r[0] == k) for k in labels}
m = {k: median(int(r[2]) for r in rows if r[0] == k) for k in labels}
print(f"{'command (median of rounds)':40} {'seconds':>8} {'peak MB':>8}")
for k in labels:
    print(f"{k:40} {t[k]:8.3f} {m[k] / 1024:8.1f}")
pairs = [
    ("stackviz decode (full detail)", "tshark -V", 5, "full detail at least 5x faster than tshark -V"),
    ("stackviz decode --summary", "tcpdump -nn -vv", 2, "--summary at least 2x faster than tcpdump -nn -vv"),
    ("stackviz decode --summary (1 thread)", "tcpdump -nn -vv", 2, "--summary on one thread at least 2x faster than tcpdump -nn -vv"),
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
done
