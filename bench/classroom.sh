#!/usr/bin/env bash
# A classroom's worth of load on `stackviz recv --summary`: SENDERS
# processes (bench/classroom_senders.py) each send COUNT datagrams at once to
# a receiver on 127.0.0.1 (a free port) whose output goes to a file. Prints
# what was sent, what recv received (its summary, and the lines in its
# output), what the kernel dropped on the socket (SO_RXQ_OVFL, as recv
# reports it), the host's UDP and backlog drop counters over the run, recv's
# rate and its peak memory and CPU time (GNU time).
#
#   bench/classroom.sh                              30 x 20,000 at 1,000/s each
#   SENDERS=30 COUNT=34000 bench/classroom.sh       about a million datagrams
#   RATE=0 bench/classroom.sh                       every sender flat out
#   FORMAT=json bench/classroom.sh                  recv --format json
#   SV=target/debug/stackviz bench/classroom.sh     another binary, no build
#   MODE=full COUNT=100 RATE=100 bench/classroom.sh full detail (JSON, capture
#                                                   as --capture auto allows):
#                                                   what it shows, what the
#                                                   kernel dropped meanwhile
#
# All traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

senders=${SENDERS:-30}
count=${COUNT:-20000}
rate=${RATE:-1000}
size=${SIZE:-64}
format=${FORMAT:-table}
mode=${MODE:-summary}
if [ "$mode" = full ]; then
  format=json # the closing summary's counters, whatever was dropped
  mode_args=()
else
  mode_args=(--summary)
fi
dir=$(mktemp -d)
recv_pid=""
cleanup() {
  [ -n "$recv_pid" ] && kill "$recv_pid" 2> /dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

if [ -z "${SV:-}" ]; then
  cargo build --release --quiet
  SV="${CARGO_TARGET_DIR:-target}/release/stackviz"
fi

# A free port: bound by the OS, released, then taken by recv.
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# Host-wide counters: UDP RcvbufErrors and InErrors (/proc/net/snmp), and
# frames dropped at the per-CPU backlog before any socket (softnet_stat).
counters() {
  python3 - << 'PY'
rows = [l.split() for l in open("/proc/net/snmp") if l.startswith("Udp:")]
udp = dict(zip(rows[0][1:], map(int, rows[1][1:])))
backlog = sum(int(l.split()[1], 16) for l in open("/proc/net/softnet_stat"))
print(udp["RcvbufErrors"], udp["InErrors"], backlog)
PY
}
read -r rcvbuf0 inerr0 backlog0 < <(counters)

# recv, under GNU time for its peak memory; its output to a file.
/usr/bin/time -v -o "$dir/time.txt" "$SV" --lang en --color never recv "${mode_args[@]}" \
  --bind "127.0.0.1:$port" --format "$format" > "$dir/out.txt" 2> "$dir/err.txt" &
time_pid=$!
for _ in $(seq 100); do
  recv_pid=$(ps -o pid= --ppid "$time_pid" | tr -d ' ' || true)
  [ -n "$recv_pid" ] && grep -q . "$dir/out.txt" 2> /dev/null && break
  sleep 0.05
done
[ -n "$recv_pid" ] || { echo "error: recv did not start" >&2; cat "$dir/err.txt" >&2; exit 1; }

senders_json=$(python3 bench/classroom_senders.py "$port" --senders "$senders" \
  --count "$count" --rate "$rate" --size "$size")

# Let recv take what is still queued: wait (at most 10 minutes) until the
# socket's queue is empty (/proc/net/udp, rx_queue) and recv's output stops
# growing. Whatever is still queued at Ctrl-C, recv counts as unread.
queued() {
  local hex
  hex=$(printf '%04X' "$port")
  hex=$(awk -v p=":$hex" '$2 ~ p"$" { split($5, q, ":"); print q[2]; exit }' /proc/net/udp)
  echo $((16#${hex:-0}))
}
last=-1
for _ in $(seq 3000); do
  now=$(stat -c %s "$dir/out.txt")
  [ "$now" = "$last" ] && [ "$(queued)" = 0 ] && break
  last=$now
  sleep 0.2
done
kill -INT "$recv_pid"
wait "$time_pid" || true
recv_pid=""
read -r rcvbuf1 inerr1 backlog1 < <(counters)

python3 - "$dir" "$format" "$senders_json" \
  "$((rcvbuf1 - rcvbuf0))" "$((inerr1 - inerr0))" "$((backlog1 - backlog0))" << 'PY'
import json, re, sys
d, fmt, senders = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
rcvbuf_errors, in_errors, backlog_drops = map(int, sys.argv[4:7])
out = open(f"{d}/out.txt").read().splitlines()
if fmt == "json":
    docs = [json.loads(l) for l in out]
    lines = sum(1 for x in docs if x["kind"] in ("brief", "datagram"))
    notes = sum(1 for x in docs if x["kind"] == "backlog")
    s = docs[-1]
    received, dropped = s["datagrams"], s.get("dropped_by_kernel")
    unread = s.get("unread_at_end", 0)
    rate, buffer = s.get("datagrams_per_second") or 0, s.get("receive_buffer")
else:
    lines = sum(1 for l in out if re.match(r"^ *\d+ +\d+\.\d+ ", l))
    # The closing lines, wrapped at the width: words joined by one space.
    text = " ".join(" ".join(out[-8:]).split())
    received = int(re.search(r"received (\d+), dropped by the kernel", text).group(1))
    dropped = int(re.search(r"dropped by the kernel (\d+)", text).group(1))
    m = re.search(r"rate: (\d+) datagrams/s", text)
    rate = int(m.group(1)) if m else 0
    m = re.search(r"(\d+) more datagrams? (?:was|were) still waiting", text)
    unread = int(m.group(1)) if m else 0
    m = re.search(r"holds at most (\d+) bytes", text)
    buffer = int(m.group(1)) if m else None
t = open(f"{d}/time.txt").read()
peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", t))
sent = senders["sent"]
rows = [
    ("senders", senders["senders"]),
    ("sent (sendto() succeeded)", sent),
    ("sendto() failed", senders["failed"]),
    ("senders' seconds", f"{senders['seconds']:.2f}"),
    ("received (recv's summary)", received),
    ("lines in recv's output", lines),
    ("dropped by the kernel (SO_RXQ_OVFL)", dropped),
    ("still queued at the end (recv: unread)", unread),
    ("sent - received - dropped - unread", sent - received - (dropped or 0) - unread),
    ("host UDP RcvbufErrors over the run", rcvbuf_errors),
    ("host UDP InErrors over the run", in_errors),
    ("host backlog drops (softnet_stat)", backlog_drops),
    ("recv rate (datagrams/s, first to last)", f"{rate:.0f}" if rate else "- (--summary only)"),
    ("recv receive buffer (SO_RCVBUF, bytes)", buffer),
    ("recv peak memory (max RSS, KiB)", peak),
    ("recv CPU time (user + system, s)", f"{cpu:.2f}"),
    ("recv output", f"{fmt}, {sum(len(l) + 1 for l in out)} bytes to a file"),
]
if fmt == "json" and notes:
    rows.insert(6, ("backlog lines (queued up / dropped while drawing)", notes))
width = max(len(k) for k, _ in rows)
for k, v in rows:
    print(f"{k:<{width}}  {v}")
PY
