#!/usr/bin/env bash
# A classroom network on one laptop: hosts in network namespaces, joined by
# veth pairs. Needs root and iproute2. Traffic stays inside the namespaces.
#
#   scripts/netns-lab.sh up       two hosts (sv-a 10.200.0.1, sv-b 10.200.0.2)
#                                 and a routed pair (sv-h1 10.201.1.1 -- sv-r -- sv-h2 10.201.2.2);
#                                 already up: says so and changes nothing
#   scripts/netns-lab.sh status   what is up, with each host's addresses
#   scripts/netns-lab.sh demo     runs stackviz recv on sv-b and stackviz send on sv-a,
#                                 then across the router from sv-h1 to sv-h2
#   scripts/netns-lab.sh down     deletes everything it created (safe to repeat)
#
# Works from any directory. stackviz is found on PATH, else in this
# repository's target/release or target/debug; STACKVIZ=/path overrides.
# LAB_PREFIX (default sv) names the namespaces, so tests can run their own lab.
set -Eeuo pipefail

P=${LAB_PREFIX:-sv}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAMESPACES=("$P-a" "$P-b" "$P-h1" "$P-r" "$P-h2")

find_stackviz() {
  if [[ -n "${STACKVIZ:-}" ]]; then echo "$STACKVIZ"; return; fi
  if command -v stackviz >/dev/null 2>&1; then command -v stackviz; return; fi
  for build in release debug; do
    if [[ -x "$HERE/../target/$build/stackviz" ]]; then
      echo "$HERE/../target/$build/stackviz"
      return
    fi
  done
  echo "error: stackviz is not on PATH and not built in $HERE/../target" >&2
  echo "hint: cargo install --path $HERE/.. (or cargo build --release)" >&2
  exit 1
}

need_root() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: the lab creates network namespaces, which needs root" >&2
    echo "hint: sudo $0 $1" >&2
    exit 1
  fi
}

# awk alone decides (a grep -q ending early would break the pipe under pipefail).
exists() { ip netns list | awk -v n="$1" '$1 == n {found = 1} END {exit !found}'; }

# How many of the lab's namespaces exist: 0 (down), all (up) or some.
count_up() {
  local n=0 ns
  for ns in "${NAMESPACES[@]}"; do
    if exists "$ns"; then n=$((n + 1)); fi
  done
  echo "$n"
}

create() {
  # Two hosts on one link.
  ip netns add "$P-a"
  ip netns add "$P-b"
  ip link add "$P-a0" type veth peer name "$P-b0"
  ip link set "$P-a0" netns "$P-a"
  ip link set "$P-b0" netns "$P-b"
  ip -n "$P-a" addr add 10.200.0.1/24 dev "$P-a0"
  ip -n "$P-b" addr add 10.200.0.2/24 dev "$P-b0"
  for ns in "$P-a" "$P-b"; do ip -n "$ns" link set lo up; done
  ip -n "$P-a" link set "$P-a0" up
  ip -n "$P-b" link set "$P-b0" up

  # Two hosts with a router between them.
  ip netns add "$P-h1"
  ip netns add "$P-r"
  ip netns add "$P-h2"
  ip link add "$P-h1-0" type veth peer name "$P-r-1"
  ip link add "$P-h2-0" type veth peer name "$P-r-2"
  ip link set "$P-h1-0" netns "$P-h1"
  ip link set "$P-r-1" netns "$P-r"
  ip link set "$P-r-2" netns "$P-r"
  ip link set "$P-h2-0" netns "$P-h2"
  ip -n "$P-h1" addr add 10.201.1.1/24 dev "$P-h1-0"
  ip -n "$P-r" addr add 10.201.1.254/24 dev "$P-r-1"
  ip -n "$P-r" addr add 10.201.2.254/24 dev "$P-r-2"
  ip -n "$P-h2" addr add 10.201.2.2/24 dev "$P-h2-0"
  for ns in "$P-h1" "$P-r" "$P-h2"; do ip -n "$ns" link set lo up; done
  ip -n "$P-h1" link set "$P-h1-0" up
  ip -n "$P-r" link set "$P-r-1" up
  ip -n "$P-r" link set "$P-r-2" up
  ip -n "$P-h2" link set "$P-h2-0" up
  ip -n "$P-h1" route add default via 10.201.1.254
  ip -n "$P-h2" route add default via 10.201.2.254
  # Written directly: no dependency on procps' sysctl.
  ip netns exec "$P-r" sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'
}

up() {
  need_root up
  local n
  n=$(count_up)
  if [[ $n -eq ${#NAMESPACES[@]} ]]; then
    echo "lab already up: nothing changed (scripts/netns-lab.sh status shows it)"
    return
  fi
  if [[ $n -gt 0 ]]; then
    echo "lab half up ($n of ${#NAMESPACES[@]} namespaces): removing it and starting again"
    remove
  fi
  # A failure half way leaves nothing behind.
  trap 'remove; echo "error: lab setup failed; everything it created was removed" >&2' ERR
  create
  trap - ERR
  echo "lab up: $P-a 10.200.0.1 <-> $P-b 10.200.0.2; $P-h1 10.201.1.1 -> $P-r -> $P-h2 10.201.2.2"
  echo "next: $0 demo   (or: ip netns exec $P-a stackviz send --to 10.200.0.2:15001)"
}

remove() {
  local ns
  for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  # A veth still in the root namespace (a setup stopped before moving it).
  for link in "$P-a0" "$P-h1-0" "$P-h2-0" "$P-r-1" "$P-r-2"; do
    ip link del "$link" 2>/dev/null || true
  done
}

down() {
  need_root down
  if [[ $(count_up) -eq 0 ]]; then
    echo "lab already down"
  else
    remove
    echo "lab down"
  fi
}

status() {
  local n ns
  n=$(count_up)
  if [[ $n -eq 0 ]]; then
    echo "lab down (start it with: $0 up)"
    return
  fi
  echo "lab: $n of ${#NAMESPACES[@]} namespaces up"
  for ns in "${NAMESPACES[@]}"; do
    if exists "$ns"; then
      echo "  $ns: $(ip -n "$ns" -4 -o addr show scope global | awk '{print $4}' | tr '\n' ' ')"
    else
      echo "  $ns: missing (run $0 up to rebuild)"
    fi
  done
}

# Waits (at most 5 s) until something in namespace $1 listens on UDP port $2.
wait_for_receiver() {
  local i
  for i in $(seq 50); do
    if ip netns exec "$1" cat /proc/net/udp |
      awk -v port=":$(printf '%04X' "$2")" 'NR > 1 && toupper(substr($2, length($2) - 4)) == port {found = 1} END {exit !found}'; then
      return
    fi
    sleep 0.1
  done
  echo "error: the receiver in $1 did not start" >&2
  exit 1
}

demo() {
  need_root demo
  if [[ $(count_up) -ne ${#NAMESPACES[@]} ]]; then
    echo "error: the lab is not up" >&2
    echo "hint: run $0 up first" >&2
    exit 1
  fi
  local stackviz
  stackviz=$(find_stackviz)
  echo "== one link: $P-b receives, $P-a sends"
  ip netns exec "$P-b" "$stackviz" recv --bind 10.200.0.2:15001 --count 1 --timeout 10 &
  wait_for_receiver "$P-b" 15001
  ip netns exec "$P-a" "$stackviz" send --to 10.200.0.2:15001 "Hello across the link"
  wait
  echo "== through a router: $P-h2 receives, $P-h1 sends"
  ip netns exec "$P-h2" "$stackviz" recv --bind 10.201.2.2:15001 --count 1 --timeout 10 &
  wait_for_receiver "$P-h2" 15001
  ip netns exec "$P-h1" "$stackviz" send --to 10.201.2.2:15001 "Hello across the router"
  wait
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  demo) demo ;;
  *) echo "usage: $0 up|status|demo|down" >&2; exit 2 ;;
esac
