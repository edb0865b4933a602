#!/usr/bin/env python3
"""The plain Python TCP exchange a learner writes (listen, connect, send,
recv until the peer closes, close): the baseline that bench/compare-send.sh
times `stackviz send --tcp` against.

    python3 bench/tcp_exchange.py [PORT]     (PORT 0, the default: the OS chooses)

Loopback only (127.0.0.1); every wait is at most 3 seconds.
"""
import socket
import sys


def main() -> int:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(1)
    server.settimeout(3.0)
    client = socket.create_connection(server.getsockname(), timeout=3.0)
    try:
        connection, peer = server.accept()
        connection.settimeout(3.0)
        client.sendall(b"Hello!!")
        client.shutdown(socket.SHUT_WR)
        data = b""
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
        connection.shutdown(socket.SHUT_WR)
        client.recv(1)
        connection.close()
        print(f"received {len(data)} bytes {data!r} from {peer[0]}:{peer[1]}")
        return 0
    finally:
        client.close()
        server.close()


if __name__ == "__main__":
    sys.exit(main())
