#!/usr/bin/env python3
"""Runs one command with its output thrown away and prints its wall time in
seconds (microsecond clock) and its peak memory in KB, tab-separated: what
bench/compare-decode.sh records per command.

Why: GNU time's elapsed time has 10 ms steps (1.6% of full detail's 0.6 s,
2.5% of JSON's 0.4 s: as much as the margins measured). Its peak memory is
right, so GNU time still runs the command and reports that (`%M`; a
child's own maximum resident set size, which a Python parent cannot give:
a child spawned from Python counts Python's memory until it execs). The
clock here runs from just before GNU time is spawned (posix_spawn, no copy
of this process) until it has been waited for: its own start-up, about a
millisecond, is in every command's figure alike.

    bench/measure.py COMMAND [ARG...]
"""
import os
import sys
import tempfile
import time

with tempfile.NamedTemporaryFile(mode="r") as report:
    quiet = [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    argv = ["/usr/bin/time", "-f", "%M", "-o", report.name, *sys.argv[1:]]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=quiet)
    os.waitpid(pid, 0)
    seconds = time.perf_counter() - start
    lines = report.read().split()
    peak_kb = lines[-1] if lines else "0"
print(f"{seconds:.4f}\t{peak_kb}")
