#!/usr/bin/env python3
"""Writes a pcap of N frames for the decode benchmarks (deterministic).

    gen_pcap.py OUT N            Ethernet/IPv4/UDP, 0..1400-byte payloads
    gen_pcap.py OUT N --mixed    a cycle of kinds: IPv4 UDP and TCP (SYN with
                                 options, data, FIN), ICMP echo and an ICMP
                                 port unreachable quoting a datagram, IPv6
                                 UDP and TCP, ICMPv6 echo, ARP, a VLAN-tagged
                                 datagram; every checksum correct"""
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


MAC_A, MAC_B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
V6_A = bytes.fromhex("fd000000000000000000000000000001")
V6_B = bytes.fromhex("fd000000000000000000000000000002")


def ipv4(src: bytes, dst: bytes, proto: int, payload: bytes, ident: int) -> bytes:
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, 0x4000, 64, proto, 0, src, dst)
    return ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:] + payload


def ipv6(src: bytes, dst: bytes, next_header: int, payload: bytes) -> bytes:
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), next_header, 64, src, dst) + payload


def with_checksum(segment: bytes, at: int, pseudo: bytes, zero_is_ffff: bool) -> bytes:
    csum = checksum(pseudo + segment)
    if zero_is_ffff and csum == 0:
        csum = 0xFFFF
    return segment[:at] + struct.pack("!H", csum) + segment[at + 2:]


def pseudo4(src: bytes, dst: bytes, proto: int, length: int) -> bytes:
    return src + dst + struct.pack("!BBH", 0, proto, length)


def pseudo6(src: bytes, dst: bytes, proto: int, length: int) -> bytes:
    return src + dst + struct.pack("!I3xB", length, proto)


def udp(sport: int, dport: int, payload: bytes) -> bytes:
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def tcp(sport: int, dport: int, seq: int, ack: int, flags: int, options: bytes, payload: bytes) -> bytes:
    offset = (20 + len(options)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, offset << 4, flags, 64240, 0, 0) + options + payload


def ethernet(ether_type: int, payload: bytes, vlan: int | None = None) -> bytes:
    head = MAC_B + MAC_A
    if vlan is not None:
        head += struct.pack("!HH", 0x8100, vlan)
    data = head + struct.pack("!H", ether_type) + payload
    return data + b"\0" * max(0, 60 - len(data))


def mixed(i: int) -> bytes:
    a, b = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    data = bytes((i + k) & 0xFF for k in range((i * 7919) % 1201))
    kind = i % 10
    if kind == 0:
        seg = with_checksum(udp(40000 + i % 1000, 15001, data), 6, pseudo4(a, b, 17, 8 + len(data)), True)
        return ethernet(0x0800, ipv4(a, b, 17, seg, i))
    if kind in (1, 2, 3):
        # SYN with MSS, SACK permitted, timestamps, window scale; data; FIN.
        options = {1: bytes.fromhex("020405b40402080a0000000100000000" "01030307"), 2: bytes.fromhex("0101080a0000000200000001"), 3: b""}[kind]
        flags = {1: 0x02, 2: 0x18, 3: 0x11}[kind]
        payload = data if kind == 2 else b""
        seg = tcp(40000 + i % 1000, 15001, 1000 + i, 0 if kind == 1 else 5000, flags, options, payload)
        seg = with_checksum(seg, 16, pseudo4(a, b, 6, len(seg)), False)
        return ethernet(0x0800, ipv4(a, b, 6, seg, i))
    if kind == 4:
        icmp = struct.pack("!BBHHH", 8, 0, 0, 1, i & 0xFFFF) + data[:56]
        icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
        return ethernet(0x0800, ipv4(a, b, 1, icmp, i))
    if kind == 5:
        # Port unreachable from b, quoting a's datagram (header + 8 bytes).
        quoted_udp = with_checksum(udp(40000, 15009, data[:20]), 6, pseudo4(a, b, 17, 28), True)
        quoted = ipv4(a, b, 17, quoted_udp, i)[:28]
        icmp = struct.pack("!BBHI", 3, 3, 0, 0) + quoted
        icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
        return ethernet(0x0800, ipv4(b, a, 1, icmp, i))
    if kind == 6:
        seg = with_checksum(udp(40000 + i % 1000, 15001, data), 6, pseudo6(V6_A, V6_B, 17, 8 + len(data)), True)
        return ethernet(0x86DD, ipv6(V6_A, V6_B, 17, seg))
    if kind == 7:
        seg = tcp(40000 + i % 1000, 15001, 1000 + i, 5000, 0x18, b"", data)
        seg = with_checksum(seg, 16, pseudo6(V6_A, V6_B, 6, len(seg)), False)
        return ethernet(0x86DD, ipv6(V6_A, V6_B, 6, seg))
    if kind == 8:
        echo = struct.pack("!BBHHH", 128, 0, 0, 1, i & 0xFFFF) + data[:56]
        echo = with_checksum(echo, 2, pseudo6(V6_A, V6_B, 58, len(echo)), False)
        if i % 20 == 8:
            arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, MAC_A, a, b"\0" * 6, b)
            return ethernet(0x0806, arp)
        return ethernet(0x86DD, ipv6(V6_A, V6_B, 58, echo))
    seg = with_checksum(udp(40000 + i % 1000, 15002, data), 6, pseudo4(a, b, 17, 8 + len(data)), True)
    return ethernet(0x0800, ipv4(a, b, 17, seg, i), vlan=100)


def main() -> None:
    out, count = sys.argv[1], int(sys.argv[2])
    make = mixed if "--mixed" in sys.argv[3:] else frame
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i in range(count):
            data = make(i)
            f.write(struct.pack("<IIII", 1_700_000_000 + i // 1000, (i % 1000) * 1000, len(data), len(data)))
            f.write(data)


if __name__ == "__main__":
    main()
