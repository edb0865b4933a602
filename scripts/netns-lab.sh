#!/usr/bin/env bash
# A classroom network on one laptop: hosts in network namespaces, joined by
# veth pairs. Needs root and iproute2. Traffic stays inside the namespaces.
#
#   scripts/netns-lab.sh up       two hosts (sv-a 10.200.0.1, sv-b 10.200.0.2)
#                                 and a routed pair (sv-h1 10.201.1.1 -- sv-r -- sv-h2 10.201.2.2)
#   scripts/netns-lab.sh demo     runs stackviz recv on sv-b and stackviz send on sv-a,
#                                 then across the router from sv-h1 to sv-h2
#   scripts/netns-lab.sh down     deletes everything it created
set -euo pipefail

STACKVIZ=${STACKVIZ:-$(command -v stackviz || echo target/release/stackviz)}

up() {
  # Two hosts on one link.
  ip netns add sv-a
  ip netns add sv-b
  ip link add sv-a0 type veth peer name sv-b0
  ip link set sv-a0 netns sv-a
  ip link set sv-b0 netns sv-b
  ip -n sv-a addr add 10.200.0.1/24 dev sv-a0
  ip -n sv-b addr add 10.200.0.2/24 dev sv-b0
  for ns in sv-a sv-b; do ip -n "$ns" link set lo up; done
  ip -n sv-a link set sv-a0 up
  ip -n sv-b link set sv-b0 up

  # Two hosts with a router between them.
  ip netns add sv-h1
  ip netns add sv-r
  ip netns add sv-h2
  ip link add sv-h1-0 type veth peer name sv-r-1
  ip link add sv-h2-0 type veth peer name sv-r-2
  ip link set sv-h1-0 netns sv-h1
  ip link set sv-r-1 netns sv-r
  ip link set sv-r-2 netns sv-r
  ip link set sv-h2-0 netns sv-h2
  ip -n sv-h1 addr add 10.201.1.1/24 dev sv-h1-0
  ip -n sv-r addr add 10.201.1.254/24 dev sv-r-1
  ip -n sv-r addr add 10.201.2.254/24 dev sv-r-2
  ip -n sv-h2 addr add 10.201.2.2/24 dev sv-h2-0
  for ns in sv-h1 sv-r sv-h2; do ip -n "$ns" link set lo up; done
  ip -n sv-h1 link set sv-h1-0 up
  ip -n sv-r link set sv-r-1 up
  ip -n sv-r link set sv-r-2 up
  ip -n sv-h2 link set sv-h2-0 up
  ip -n sv-h1 route add default via 10.201.1.254
  ip -n sv-h2 route add default via 10.201.2.254
  ip netns exec sv-r sysctl -q -w net.ipv4.ip_forward=1
  echo "lab up: sv-a 10.200.0.1 <-> sv-b 10.200.0.2; sv-h1 10.201.1.1 -> sv-r -> sv-h2 10.201.2.2"
}

down() {
  for ns in sv-a sv-b sv-h1 sv-r sv-h2; do ip netns del "$ns" 2>/dev/null || true; done
  echo "lab down"
}

demo() {
  echo "== one link: sv-b receives, sv-a sends"
  ip netns exec sv-b "$STACKVIZ" recv --bind 10.200.0.2:15001 --count 1 --timeout 10 &
  sleep 0.5
  ip netns exec sv-a "$STACKVIZ" send --to 10.200.0.2:15001 "Hello across the link"
  wait
  echo "== through a router: sv-h2 receives, sv-h1 sends"
  ip netns exec sv-h2 "$STACKVIZ" recv --bind 10.201.2.2:15001 --count 1 --timeout 10 &
  sleep 0.5
  ip netns exec sv-h1 "$STACKVIZ" send --to 10.201.2.2:15001 "Hello across the router"
  wait
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  demo) demo ;;
  *) echo "usage: $0 up|demo|down" >&2; exit 2 ;;
esac
