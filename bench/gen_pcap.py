#!/usr/bin/env python3
"""Writes a pcap of N Ethernet/IPv4/UDP frames with 0..1400-byte payloads
(deterministic), for the decode benchmarks. Usage: gen_pcap.py OUT N"""
import struct
import sys


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def frame(i: int) -> bytes:
    payload_len = (i * 7919) % 1401
    payload = bytes((i + k) & 0xFF for k in range(payload_len))
    src, dst = bytes([10, 0, (i >> 8) & 0xFF, i & 0xFF]), bytes([10, 1, 0, 1])
    # No well-known destination port: peers would decode the bytes as DNS
    # and the comparison would measure their DNS parser, not the headers.
    sport, dport = 1024 + i % 60000, 15002 if i % 3 == 0 else 15001
    udp_len = 8 + payload_len
    pseudo = src + dst + struct.pack("!BBH", 0, 17, udp_len)
    udp = struct.pack("!HHHH", sport, dport, udp_len, 0) + payload
    csum = checksum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", csum) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, i & 0xFFFF, 0x4000, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000002" "020000000001" "0800")
    data = eth + ip + udp
    if len(data) < 60:
        data += b"\0" * (60 - len(data))
    return data


def main() -> None:
    out, count = sys.argv[1], int(sys.argv[2])
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i in range(count):
            data = frame(i)
            f.write(struct.pack("<IIII", 1_700_000_000 + i // 1000, (i % 1000) * 1000, len(data), len(data)))
            f.write(data)


if __name__ == "__main__":
    main()
