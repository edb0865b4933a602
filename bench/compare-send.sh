#!/usr/bin/env bash
# Side by side: one `stackviz send` (real loopback exchange, tables or JSON
# rendered to /dev/null) against the plain Python exchange a learner writes
# (bench/udp_exchange.py; `send --tcp` against bench/tcp_exchange.py), the kernel's own floor for one capture on lo, and,
# when importable, Scapy building, showing and sending one UDP packet.
# Targets (medians): a capturing send at most the kernel's capture floor +
# 0.2 x the Python exchange; `--capture off` at most 0.2 x the Python
# exchange.
#
#   bench/compare-send.sh                 50 rounds after 5 warm-up rounds
#   RUNS=200 WARMUP=10 bench/compare-send.sh
#
# The floor: an AF_PACKET socket opened with protocol 0, bound to lo for all
# protocols (ETH_P_ALL) and closed (the close waits for an RCU grace
# period), timed inside the timing process; no frame is sent or read. Each
# round runs every command once, in a shuffled order, and measures the
# floor once (bench/interleave.py), so load from other processes hits all
# of them alike. All traffic stays on 127.0.0.1. Scapy is never installed by
# this script.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-50}
warmup=${WARMUP:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet
sv="${CARGO_TARGET_DIR:-target}/release/stackviz"

labels=()
commands=()
add() { # label, command line (split on spaces by bench/interleave.py)
  labels+=("$1")
  commands+=("$2")
}

add "stackviz send (tables)" "$sv send --port 0 --color never"
add "stackviz send --format json" "$sv send --port 0 --color never --format json"
add "stackviz send --capture off (tables)" "$sv send --port 0 --color never --capture off"
add "stackviz send --capture off --format json" "$sv send --port 0 --color never --capture off --format json"
add "python3 udp_exchange.py" "python3 bench/udp_exchange.py"
add "stackviz send --tcp (tables)" "$sv send --tcp --port 0 --color never"
add "stackviz send --tcp --capture off (tables)" "$sv send --tcp --port 0 --color never --capture off"
add "python3 tcp_exchange.py" "python3 bench/tcp_exchange.py"

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
# Interleaved rounds (hyperfine runs one command's runs back to back, so a
# burst of load from another process can favour one command): every round
# runs each command once in a shuffled order and, as root, measures the
# kernel's capture floor in-process (bench/interleave.py).
method="bench/interleave.py: $warmup warm-up rounds, $runs rounds, each command once per round, shuffled"
args=()
for i in "${!commands[@]}"; do
  args+=("${labels[$i]}=${commands[$i]}")
done
python3 bench/interleave.py "$runs" "$warmup" "$results" "${args[@]}"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, ${cpu:-unknown CPU}, $method"
status=$("$sv" send --port 0 --color never --format json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["capture"]["status"])' 2> /dev/null || echo unknown)
echo "default capture (--capture auto) as $(id -un): $status"
python3 - "$results" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
by = {r["command"]: r for r in results}
python_udp = by["python3 udp_exchange.py"]["median"] * 1000
python_tcp = by["python3 tcp_exchange.py"]["median"] * 1000
floor = by["floor"]["median"] * 1000 if "floor" in by else None
print()
if floor is None:
    print("kernel capture floor: not measured (needs root or CAP_NET_RAW)")
else:
    f = by["floor"]
    print(f"kernel capture floor (AF_PACKET socket, protocol 0, bound to lo with ETH_P_ALL, closed; in-process): "
          f"median {floor:.2f} ms, mean {f['mean'] * 1000:.2f} ± {f['stddev'] * 1000:.2f} ms")
print("targets: capturing send <= floor + 0.2 x Python; --capture off <= 0.2 x Python (medians);")
print("UDP runs are compared with udp_exchange.py, --tcp runs with tcp_exchange.py")
print()
print(f"{'command':42} {'median':>8} {'mean':>8} {'± sd':>7} {'vs Python':>10} {'above floor':>12}  target")
for r in results:
    name = r["command"]
    if name == "floor":
        continue
    med, mean, sd = r["median"] * 1000, r["mean"] * 1000, r["stddev"] * 1000
    tcp = "--tcp" in name or name == "python3 tcp_exchange.py"
    python = python_tcp if tcp else python_udp
    ratio = med / python
    above = ""
    verdict = "baseline" if name.startswith("python3") else ""
    if name.startswith("stackviz") and "--capture off" in name:
        limit = 0.2 * python
        verdict = f"{'met' if med <= limit else 'missed'} (<= {limit:.2f} ms)"
    elif name.startswith("stackviz") and floor is not None:
        limit = floor + 0.2 * python
        above = f"{med - floor:+.2f} ms ({(med - floor) / python:.2f}x)"
        verdict = f"{'met' if med <= limit else 'missed'} (<= {limit:.2f} ms)"
    elif name.startswith("stackviz"):
        verdict = "no floor measured"
    print(f"{name:42} {med:8.2f} {mean:8.2f} {sd:7.2f} {ratio:9.3f}x {above:>12}  {verdict}")
PY
