#!/usr/bin/env python3
"""The kernel's own cost of one capture on an interface, in-process: an
AF_PACKET socket opened with protocol 0, bound to the interface for all
protocols (ETH_P_ALL: one protocol-hook registration), then closed (the
close waits for an RCU grace period). No frame is sent or read. This is
the floor under any capturing `stackviz send`: it does exactly this once.

    python3 bench/capture_floor.py [RUNS] [INTERFACE]   (defaults: 30, lo)

Prints one line: the median in milliseconds, then each phase's median
(open+bind, close). Needs root or CAP_NET_RAW.
"""
import socket
import statistics
import sys
import time

ETH_P_ALL = 0x0003


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    interface = sys.argv[2] if len(sys.argv) > 2 else "lo"
    total, opened, closed = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        s.bind((interface, ETH_P_ALL))
        bound = time.perf_counter()
        s.close()
        end = time.perf_counter()
        total.append(end - start)
        opened.append(bound - start)
        closed.append(end - bound)
    ms = lambda xs: statistics.median(xs) * 1000
    print(f"{ms(total):.2f} {ms(opened):.2f} {ms(closed):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
