#!/usr/bin/env python3
"""A classroom of senders for bench/classroom.sh: N processes (students)
each send COUNT numbered UDP datagrams to HOST:PORT, all starting at the same
instant, each at RATE datagrams per second (0 = as fast as sendto() goes).
Prints one JSON line: how many sendto() calls succeeded in all, how many
failed, and the seconds from the common start to the last sender's end.
Only loopback addresses are accepted.

    classroom_senders.py PORT [--senders 30] [--count 20000] [--rate 1000]
                              [--size 64] [--host 127.0.0.1]
"""

import argparse
import ipaddress
import json
import multiprocessing as mp
import socket
import time


def student(index, args, start, results):
    """One sender: its own socket, datagrams "student NN #SEQ" padded to
    --size bytes, paced against the common start time."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    target = (args.host, args.port)
    sent = failed = 0
    while time.time() < start:
        time.sleep(0.001)
    for seq in range(args.count):
        if args.rate > 0:
            # Keep to the schedule: datagram `seq` is due at start + seq/rate.
            due = start + seq / args.rate
            ahead = due - time.time()
            if ahead > 0.002:
                time.sleep(ahead)
        payload = b"student %02d #%06d " % (index, seq)
        payload = payload.ljust(args.size, b".")
        try:
            sock.sendto(payload, target)
            sent += 1
        except OSError:
            failed += 1
    results.put((sent, failed, time.time()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--senders", type=int, default=30)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--rate", type=float, default=1000.0)
    parser.add_argument("--size", type=int, default=64)
    args = parser.parse_args()
    if not ipaddress.ip_address(args.host).is_loopback:
        parser.error("only loopback addresses")
    results = mp.Queue()
    start = time.time() + 0.5  # every process is running by then
    procs = [
        mp.Process(target=student, args=(i + 1, args, start, results))
        for i in range(args.senders)
    ]
    for p in procs:
        p.start()
    done = [results.get() for _ in procs]
    for p in procs:
        p.join()
    print(
        json.dumps(
            {
                "senders": args.senders,
                "sent": sum(d[0] for d in done),
                "failed": sum(d[1] for d in done),
                "seconds": max(d[2] for d in done) - start,
            }
        )
    )


if __name__ == "__main__":
    main()
