#!/usr/bin/env bash
# Side by side: one `stackviz send` (real loopback exchange, tables or JSON
# rendered to /dev/null) against the plain Python exchange a learner writes
# (bench/udp_exchange.py) and, when importable, Scapy building, showing and
# sending one UDP packet. Target: stackviz takes at most 1/5 of the Python
# exchange's time.
#
#   bench/compare-send.sh                 50 runs each after 5 warm-ups
#   RUNS=200 WARMUP=10 bench/compare-send.sh
#   NO_HYPERFINE=1 bench/compare-send.sh  use the date +%s%N loop even with hyperfine
#
# Uses hyperfine when installed (-N: no intermediate shell; output to
# /dev/null), else a loop timing each run with date +%s%N. All traffic stays on
# 127.0.0.1. Scapy is never installed by this script.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-50}
warmup=${WARMUP:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet
sv=target/release/stackviz

labels=()
commands=()
add() { # label, command line (split on spaces by hyperfine -N and by the fallback)
  labels+=("$1")
  commands+=("$2")
}

add "stackviz send (tables)" "$sv send --port 0 --color never"
add "stackviz send --format json" "$sv send --port 0 --color never --format json"
add "stackviz send --capture off (tables)" "$sv send --port 0 --color never --capture off"
add "stackviz send --capture off --format json" "$sv send --port 0 --color never --capture off --format json"
add "python3 udp_exchange.py" "python3 bench/udp_exchange.py"

if python3 -c 'import scapy.all' > /dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    cat > "$dir/scapy_send.py" <<'PY'
# Build, show and send one UDP datagram to 127.0.0.1 with Scapy.
from scapy.all import IP, UDP, Raw, send
packet = IP(dst="127.0.0.1") / UDP(sport=15002, dport=15001) / Raw(b"Hello!!")
packet.show()
send(packet, verbose=False)
PY
    add "scapy build+show+send" "python3 $dir/scapy_send.py"
  else
    echo "note: Scapy is importable but send() needs a raw socket (root); Scapy skipped" >&2
  fi
else
  echo "note: Scapy is not installed (python3 -c 'import scapy.all' failed); Scapy skipped" >&2
fi

# Every command must work before it is timed: a failing command is fast.
for i in "${!commands[@]}"; do
  # shellcheck disable=SC2086 # the command line is meant to be split
  if ! ${commands[$i]} > /dev/null 2> "$dir/err"; then
    echo "error: '${labels[$i]}' failed:" >&2
    cat "$dir/err" >&2
    exit 1
  fi
done

results="$dir/results.json"
if command -v hyperfine > /dev/null 2>&1 && [ -z "${NO_HYPERFINE:-}" ]; then
  method="hyperfine $(hyperfine --version | cut -d' ' -f2), $warmup warm-ups, $runs runs each"
  args=()
  for i in "${!commands[@]}"; do
    args+=(--command-name "${labels[$i]}" "${commands[$i]}")
  done
  hyperfine -N --style basic --output null --warmup "$warmup" --runs "$runs" \
    --export-json "$results" "${args[@]}" >&2
else
  method="date +%s%N loop, $warmup warm-ups, $runs runs each"
  echo "timing with a date +%s%N loop (hyperfine not used)" >&2
  times="$dir/times.tsv"
  : > "$times"
  for i in "${!commands[@]}"; do
    for ((w = 0; w < warmup; w++)); do
      # shellcheck disable=SC2086
      ${commands[$i]} > /dev/null 2>&1
    done
    for ((r = 0; r < runs; r++)); do
      start=$(date +%s%N)
      # shellcheck disable=SC2086
      ${commands[$i]} > /dev/null 2>&1
      end=$(date +%s%N)
      printf '%s\t%s\n' "${labels[$i]}" "$((end - start))" >> "$times"
    done
  done
  # The same shape as hyperfine's --export-json (seconds).
  python3 - "$times" "$results" <<'PY'
import json, statistics, sys
order, samples = [], {}
for line in open(sys.argv[1]):
    label, ns = line.rstrip("\n").split("\t")
    if label not in samples:
        order.append(label)
        samples[label] = []
    samples[label].append(int(ns) / 1e9)
results = [
    {"command": l, "mean": statistics.mean(samples[l]),
     "stddev": statistics.stdev(samples[l]) if len(samples[l]) > 1 else 0.0,
     "median": statistics.median(samples[l]), "times": samples[l]}
    for l in order
]
json.dump({"results": results}, open(sys.argv[2], "w"))
PY
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, ${cpu:-unknown CPU}, $method"
status=$("$sv" send --port 0 --color never --format json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["capture"]["status"])' 2> /dev/null || echo unknown)
echo "default capture (--capture auto) as $(id -un): $status"
python3 - "$results" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
baseline_name = "python3 udp_exchange.py"
base = next(r["mean"] for r in results if r["command"] == baseline_name) * 1000
print()
print(f"{'command':42} {'mean ms':>9} {'± sd':>7} {'median':>8} {'vs Python':>10}  target (<= 1/5 of Python)")
for r in results:
    name, m, sd = r["command"], r["mean"] * 1000, r["stddev"] * 1000
    ratio = m / base
    if name.startswith("stackviz"):
        verdict = f"met (1/{base / m:.1f})" if ratio <= 0.2 else f"missed (1/{base / m:.1f})"
    else:
        verdict = "baseline" if name == baseline_name else ""
    med = r["median"] * 1000
    print(f"{name:42} {m:9.2f} {sd:7.2f} {med:8.2f} {ratio:9.3f}x  {verdict}")
PY
