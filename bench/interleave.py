#!/usr/bin/env python3
"""Times commands side by side for bench/compare-send.sh: every round runs
each command once, in a shuffled order, so a burst of load on a shared
machine hits all of them alike. Each round also measures the kernel's
capture floor in this process: an AF_PACKET socket opened with protocol 0,
bound to the interface for all protocols (ETH_P_ALL), closed.

    python3 bench/interleave.py RUNS WARMUP OUT.json LABEL=COMMAND...

A command is split on spaces and started without a shell (posix_spawn),
output to /dev/null; its time is spawn to exit (perf_counter). Writes
{"results": [{"command", "median", "mean", "stddev", "times"}, ...]} in
seconds (hyperfine's --export-json shape); the floor is the entry named
"floor" (absent without root or CAP_NET_RAW).
"""
import json
import os
import random
import socket
import statistics
import sys
import time

ETH_P_ALL = 0x0003


def run(argv):
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        actions = [
            (os.POSIX_SPAWN_DUP2, devnull, 1),
            (os.POSIX_SPAWN_DUP2, devnull, 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
        _, status = os.waitpid(pid, 0)
        end = time.perf_counter()
    finally:
        os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"error: {' '.join(argv)} failed (exit {os.waitstatus_to_exitcode(status)})")
    return end - start


def floor(interface="lo"):
    start = time.perf_counter()
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    s.bind((interface, ETH_P_ALL))
    s.close()
    return time.perf_counter() - start


def main() -> int:
    runs, warmup, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    commands = [arg.split("=", 1) for arg in sys.argv[4:]]
    try:
        floor()
        measure_floor = True
    except PermissionError:
        measure_floor = False
    jobs = [(label, command.split(" ")) for label, command in commands]
    if measure_floor:
        jobs.append(("floor", None))
    times = {label: [] for label, _ in jobs}
    for round_ in range(warmup + runs):
        random.shuffle(jobs)
        for label, argv in jobs:
            took = floor() if argv is None else run(argv)
            if round_ >= warmup:
                times[label].append(took)
    order = [label for label, _ in commands] + (["floor"] if measure_floor else [])
    results = [
        {
            "command": label,
            "median": statistics.median(times[label]),
            "mean": statistics.mean(times[label]),
            "stddev": statistics.stdev(times[label]) if runs > 1 else 0.0,
            "times": times[label],
        }
        for label in order
    ]
    with open(out, "w") as f:
        json.dump({"results": results}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
