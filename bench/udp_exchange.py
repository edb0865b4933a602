#!/usr/bin/env python3
"""The plain Python UDP exchange a learner writes: the baseline that
bench/compare-send.sh times `stackviz send` against.

    python3 bench/udp_exchange.py [PORT]     (PORT 0, the default: the OS chooses)

Loopback only (127.0.0.1); the receive waits at most 3 seconds.
"""
import socket
import sys


def main() -> int:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        receiver.bind(("127.0.0.1", port))
        # Port 0: the OS chose one; send to the port it actually bound.
        bound = receiver.getsockname()
        receiver.settimeout(3.0)
        sender.sendto(b"Hello!!", bound)
        try:
            data, sender_addr = receiver.recvfrom(65536)
        except socket.timeout:
            print(f"nothing arrived at {bound[0]}:{bound[1]} within 3 s", file=sys.stderr)
            return 1
        print(f"received {len(data)} bytes {data!r} from {sender_addr[0]}:{sender_addr[1]}")
        return 0
    finally:
        sender.close()
        receiver.close()


if __name__ == "__main__":
    sys.exit(main())
