//! The golden TCP segments of tests/tcpgold_golden.rs and
//! tests/tcpgold_tshark.rs, byte by byte with comments: what Linux sends on
//! loopback for a connection to a listener and to a closed port.
#![allow(dead_code)]

pub const LOOPBACK: [u8; 4] = [127, 0, 0, 1];
pub const LOOPBACK_V6: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

/// The client's SYN, 127.0.0.1:42036 to 127.0.0.1:15001, with the options
/// in Linux's order (20 bytes, header 40). No FCS, no padding: lo has none.
pub const SYN: [u8; 74] = [
    // Ethernet II header (loopback: all-zero MACs)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //  0: destination MAC
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //  6: source MAC
    0x08, 0x00, //                          12: EtherType IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x3c, // 14: version 4, IHL 5, total length 60 = 20 + 40
    0x1f, 0x2e, 0x40, 0x00, // 18: identification 0x1f2e, DF
    0x40, 0x06, 0x1d, 0x8c, // 22: TTL 64, protocol 6 = TCP, checksum 0x1d8c
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0xa4, 0x34, //             34: source port 42036
    0x3a, 0x99, //             36: destination port 15001
    0x9c, 0x3e, 0x7a, 0x10, // 38: sequence number 2621340176 (the ISN)
    0x00, 0x00, 0x00, 0x00, // 42: acknowledgment number 0 (ACK clear)
    0xa0, //                   46: data offset 1010 = 10 words = 40 bytes, reserved 0000
    0x02, //                   47: flags 0000 0010 (CWR ECE URG ACK PSH RST SYN FIN) = SYN
    0xff, 0xd7, //             48: window 65495 (a SYN's window is never scaled)
    0x24, 0x8a, //             50: checksum 0x248a (sum 0x5db70 -> 0xdb75, complemented)
    0x00, 0x00, //             52: urgent pointer 0
    // TCP options (20 bytes)
    0x02, 0x04, 0xff, 0xd7, // 54: kind 2 = MSS, length 4, 65495 = MTU 65535 - 40
    0x04, 0x02, //             58: kind 4 = SACK permitted, length 2
    0x08, 0x0a, //             60: kind 8 = Timestamps, length 10,
    0x0a, 0x1b, 0x2c, 0x3d, // 62:   TSval 169552957
    0x00, 0x00, 0x00, 0x00, // 66:   TSecr 0 (nothing to echo yet)
    0x01, //                   70: kind 1 = NOP (aligns what follows)
    0x03, 0x03, 0x0a, //       71: kind 3 = Window Scale, length 3, shift 10 (x 1024)
];

/// The client's first data segment, "Hello!!", PSH,ACK with NOP, NOP,
/// Timestamps (12 bytes of options, header 32).
pub const DATA: [u8; 73] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x08, 0x00, // 12: IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x3b, // 14: version 4, IHL 5, total length 59 = 20 + 32 + 7
    0x1f, 0x30, 0x40, 0x00, // 18: identification 0x1f30, DF
    0x40, 0x06, 0x1d, 0x8b, // 22: TTL 64, TCP, checksum 0x1d8b
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0xa4, 0x34, //             34: source port 42036
    0x3a, 0x99, //             36: destination port 15001
    0x9c, 0x3e, 0x7a, 0x11, // 38: sequence number 2621340177 = ISN + 1 (the SYN took one)
    0x5b, 0x1d, 0x0c, 0x45, // 42: acknowledgment number 1528630341 = server ISN + 1
    0x80, //                   46: data offset 1000 = 8 words = 32 bytes, reserved 0000
    0x18, //                   47: flags 0001 1000 = ACK, PSH
    0x02, 0x00, //             48: window 512 (raw: times 2^10 as agreed)
    0x04, 0x23, //             50: checksum 0x0423 (sum 0x5fbd7 -> 0xfbdc, complemented)
    0x00, 0x00, //             52: urgent pointer 0
    // TCP options (12 bytes)
    0x01, //                   54: kind 1 = NOP
    0x01, //                   55: kind 1 = NOP
    0x08, 0x0a, //             56: kind 8 = Timestamps, length 10,
    0x0a, 0x1b, 0x2c, 0x3e, // 58:   TSval 169552958
    0x3c, 0x4d, 0x5e, 0x6f, // 62:   TSecr 1011703407 (the server's TSval)
    // Data
    0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21,
    0x21, // 66: "Hello!!" (odd: padded with 00 for the sum)
];

/// The client closes: FIN,ACK, seq = ISN + 1 + 7, no data.
pub const FIN: [u8; 66] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x08, 0x00, // 12: IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x34, // 14: version 4, IHL 5, total length 52 = 20 + 32
    0x1f, 0x31, 0x40, 0x00, // 18: identification 0x1f31, DF
    0x40, 0x06, 0x1d, 0x91, // 22: TTL 64, TCP, checksum 0x1d91
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0xa4, 0x34, //             34: source port 42036
    0x3a, 0x99, //             36: destination port 15001
    0x9c, 0x3e, 0x7a, 0x18, // 38: sequence number 2621340184 = ISN + 1 + 7
    0x5b, 0x1d, 0x0c, 0x45, // 42: acknowledgment number 1528630341
    0x80, //                   46: data offset 8 = 32 bytes
    0x11, //                   47: flags 0001 0001 = ACK, FIN
    0x02, 0x00, //             48: window 512
    0x49, 0x1c, //             50: checksum 0x491c (sum 0x4b6df -> 0xb6e3, complemented)
    0x00, 0x00, //             52: urgent pointer 0
    // TCP options
    0x01, 0x01, //             54: NOP, NOP
    0x08, 0x0a, //             56: kind 8 = Timestamps, length 10,
    0x0a, 0x1b, 0x2c, 0x3f, // 58:   TSval 169552959
    0x3c, 0x4d, 0x5e, 0x6f, // 62:   TSecr 1011703407
];

/// A SYN to a closed port is answered with RST,ACK: seq 0, ack = ISN + 1,
/// window 0, no options, IP ID 0, and (unlike data segments on lo) a full
/// checksum.
pub const RST: [u8; 54] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x08, 0x00, // 12: IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x28, // 14: version 4, IHL 5, total length 40 = 20 + 20
    0x00, 0x00, 0x40, 0x00, // 18: identification 0, DF
    0x40, 0x06, 0x3c, 0xce, // 22: TTL 64, TCP, checksum 0x3cce
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0x3a, 0x99, //             34: source port 15001 (the closed port answers)
    0xa4, 0x34, //             36: destination port 42036
    0x00, 0x00, 0x00, 0x00, // 38: sequence number 0
    0x9c, 0x3e, 0x7a, 0x11, // 42: acknowledgment number 2621340177 = ISN + 1
    0x50, //                   46: data offset 0101 = 5 words = 20 bytes: no options
    0x14, //                   47: flags 0001 0100 = ACK, RST
    0x00, 0x00, //             48: window 0
    0xbc, 0xb0, //             50: checksum 0xbcb0 (sum 0x3434c -> 0x434f, complemented)
    0x00, 0x00, //             52: urgent pointer 0
];

/// The SYN over IPv6, [::1]:42036 to [::1]:15001: MSS 65476 = 65536 - 60.
pub const SYN_V6: [u8; 94] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x86, 0xdd, // 12: IPv6
    // IPv6 header
    0x60, 0x08, 0xa3, 0xf1, // 14: version 6, traffic class 0, flow label 0x8a3f1
    0x00, 0x28, 0x06, 0x40, // 18: payload length 40, next header 6 = TCP, hop limit 64
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 22: source ::1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // 30:   (second half)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 38: destination ::1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // 46:   (second half)
    // TCP header
    0xa4, 0x34, //             54: source port 42036
    0x3a, 0x99, //             56: destination port 15001
    0x9c, 0x3e, 0x7a, 0x10, // 58: sequence number 2621340176
    0x00, 0x00, 0x00, 0x00, // 62: acknowledgment number 0
    0xa0, //                   66: data offset 10 = 40 bytes
    0x02, //                   67: flags = SYN
    0xff, 0xc4, //             68: window 65476
    0x22, 0xb1, //             70: checksum 0x22b1 (sum 0x4dd4a -> 0xdd4e, complemented)
    0x00, 0x00, //             72: urgent pointer 0
    // TCP options
    0x02, 0x04, 0xff, 0xc4, // 74: kind 2 = MSS, length 4, 65476
    0x04, 0x02, //             78: kind 4 = SACK permitted, length 2
    0x08, 0x0a, //             80: kind 8 = Timestamps, length 10,
    0x0a, 0x1b, 0x2c, 0x3d, // 82:   TSval 169552957
    0x00, 0x00, 0x00, 0x00, // 86:   TSecr 0
    0x01, //                   90: NOP
    0x03, 0x03, 0x0a, //       91: kind 3 = Window Scale, length 3, shift 10
];

/// An ACK from the server with the rarer options: MSS where it does not
/// belong (not a SYN), one SACK block, experimental kind 254, then EOL and
/// one byte of padding.
pub const SACK_ACK: [u8; 74] = [
    // Ethernet II header
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 0: MACs
    0x08, 0x00, // 12: IPv4
    // IPv4 header
    0x45, 0x00, 0x00, 0x3c, // 14: version 4, IHL 5, total length 60 = 20 + 40
    0x4d, 0x2e, 0x40, 0x00, // 18: identification 0x4d2e, DF
    0x40, 0x06, 0xef, 0x8b, // 22: TTL 64, TCP, checksum 0xef8b
    0x7f, 0x00, 0x00, 0x01, // 26: source 127.0.0.1
    0x7f, 0x00, 0x00, 0x01, // 30: destination 127.0.0.1
    // TCP header
    0x3a, 0x99, //             34: source port 15001
    0xa4, 0x34, //             36: destination port 42036
    0x5b, 0x1d, 0x0c, 0x45, // 38: sequence number 1528630341
    0x9c, 0x3e, 0x7a, 0x18, // 42: acknowledgment number 2621340184
    0xa0, //                   46: data offset 10 = 40 bytes
    0x10, //                   47: flags 0001 0000 = ACK
    0x02, 0x00, //             48: window 512
    0x1e, 0xd8, //             50: checksum 0x1ed8 (sum 0x7e120 -> 0xe127, complemented)
    0x00, 0x00, //             52: urgent pointer 0
    // TCP options (20 bytes)
    0x02, 0x04, 0x05, 0xb4, // 54: kind 2 = MSS, length 4, 1460 (only valid on a SYN)
    0x05, 0x0a, //             58: kind 5 = SACK, length 10 = 2 + one 8-byte block:
    0x9c, 0x3e, 0x7a, 0x74, // 60:   left edge 2621340276
    0x9c, 0x3e, 0x7a, 0xd8, // 64:   right edge 2621340376
    0xfe, 0x04, 0xab, 0xcd, // 68: kind 254 = experimental, length 4, value abcd
    0x00, //                   72: kind 0 = End of Option List
    0x00, //                   73: padding
];

/// Every golden segment with a name, for tests that go over them all.
pub const ALL: [(&str, &[u8]); 6] = [
    ("SYN", &SYN),
    ("DATA", &DATA),
    ("FIN", &FIN),
    ("RST", &RST),
    ("SYN_V6", &SYN_V6),
    ("SACK_ACK", &SACK_ACK),
];
