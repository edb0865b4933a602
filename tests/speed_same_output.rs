//! The fast table writer changes no byte: `stackviz decode` of a varied
//! capture (every protocol the dissector knows, bad checksums, malformed and
//! cut-short frames, three link types) prints exactly what it prints with
//! the tables drawn by comfy-table itself (`STACKVIZ_SLOW_REFERENCE=1`), in
//! both languages, at widths 60, 100 and 160, with colour on and off.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use etherparse::{icmpv4, Icmpv4Type, PacketBuilder, TcpHeader, TcpOptionElement, VlanId};

const A: [u8; 6] = [2, 0, 0, 0, 0, 1];
const B: [u8; 6] = [2, 0, 0, 0, 0, 2];
const IP_A: [u8; 4] = [192, 168, 1, 10];
const IP_B: [u8; 4] = [8, 8, 8, 8];
const IP6_A: [u8; 16] = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const IP6_B: [u8; 16] = [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];

fn eth_frames() -> Vec<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let udp4 = |sport: u16, dport: u16, payload: &[u8]| {
        let mut f = Vec::new();
        PacketBuilder::ethernet2(A, B)
            .ipv4(IP_A, IP_B, 64)
            .udp(sport, dport)
            .write(&mut f, payload)
            .unwrap();
        f
    };
    let long: Vec<u8> = (0..1400u32).map(|i| (i * 7) as u8).collect();
    let frames = vec![
        udp4(40000, 15001, b"Hello!!"),
        udp4(
            53000,
            53,
            b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00",
        ),
        udp4(
            1024,
            65535,
            "普通的 UDP 用户数据报：你好，世界！".as_bytes(),
        ),
        udp4(7, 9, b"tab\there \"quoted\" back\\slash \x00\x7f"),
        udp4(33000, 33001, &long),
        udp4(0, 0, b""),
        udp4(5353, 5353, "naïve café… zero\u{200b}width".as_bytes()),
    ];
    out.extend(frames.into_iter().map(|f| (f, 0)));
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv6(IP6_A, IP6_B, 255)
        .udp(546, 547)
        .write(&mut f, b"dhcpv6")
        .unwrap();
    out.push((f, 0));
    let mut tcp = TcpHeader::new(40001, 443, 123_456, 64_240);
    tcp.syn = true;
    tcp.ack = true;
    tcp.acknowledgment_number = 99;
    tcp.set_options(&[
        TcpOptionElement::MaximumSegmentSize(1460),
        TcpOptionElement::SelectiveAcknowledgementPermitted,
        TcpOptionElement::Timestamp(99, 0),
        TcpOptionElement::Noop,
        TcpOptionElement::WindowScale(7),
    ])
    .unwrap();
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv4(IP_A, IP_B, 64)
        .tcp_header(tcp)
        .write(&mut f, b"GET / HTTP/1.1\r\nHost: example\r\n\r\n")
        .unwrap();
    out.push((f, 0));
    // ARP request, then a gratuitous reply.
    for (oper, target) in [(1u8, IP_B), (2, IP_A)] {
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&A);
        f.extend_from_slice(&[0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4, 0, oper]);
        f.extend_from_slice(&A);
        f.extend_from_slice(&IP_A);
        f.extend_from_slice(&[0; 6]);
        f.extend_from_slice(&target);
        out.push((f, 0));
    }
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv4(IP_A, IP_B, 1)
        .icmpv4_echo_request(7, 1)
        .write(&mut f, b"ping")
        .unwrap();
    out.push((f, 0));
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv6(IP6_A, IP6_B, 64)
        .icmpv6_echo_request(7, 1)
        .write(&mut f, b"ping")
        .unwrap();
    out.push((f, 0));
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .single_vlan(VlanId::try_new(42).unwrap())
        .ipv4(IP_A, IP_B, 64)
        .udp(40002, 53)
        .write(&mut f, b"vlan")
        .unwrap();
    out.push((f, 0));
    // ICMP port unreachable quoting the datagram that caused it.
    let mut f = Vec::new();
    PacketBuilder::ethernet2(B, A)
        .ipv4(IP_B, IP_A, 64)
        .icmpv4(Icmpv4Type::DestinationUnreachable(
            icmpv4::DestUnreachableHeader::Port,
        ))
        .write(&mut f, &udp4(40000, 15001, b"lost")[14..])
        .unwrap();
    out.push((f, 0));
    // IPv6 with a Hop-by-Hop options header (PadN) before UDP.
    let mut f = Vec::new();
    PacketBuilder::ethernet2(A, B)
        .ipv6(IP6_A, IP6_B, 64)
        .udp(546, 547)
        .write(&mut f, b"hop-by-hop")
        .unwrap();
    let length = u16::from_be_bytes([f[18], f[19]]) + 8;
    f[18..20].copy_from_slice(&length.to_be_bytes());
    f[20] = 0;
    f.splice(54..54, [17, 0, 1, 4, 0, 0, 0, 0]);
    out.push((f, 0));
    // A bad UDP checksum and a bad IPv4 header checksum.
    let mut f = udp4(40000, 15001, b"bad sums");
    f[40] ^= 0xff;
    out.push((f.clone(), 0));
    f[24] ^= 0x55;
    out.push((f, 0));
    // IPv4 with options (IHL 6) and a first fragment (MF set).
    let mut f = udp4(40000, 15001, b"options");
    f[14] = 0x46;
    f.splice(34..34, [1, 1, 1, 0]);
    out.push((f, 0));
    let mut f = udp4(40000, 15001, b"fragment");
    f[20] |= 0x20;
    out.push((f, 0));
    // Malformed: the IPv4 header runs past the frame; a version 7 packet.
    let mut f = udp4(40000, 15001, b"x");
    f.truncate(24);
    out.push((f, 0));
    let mut f = udp4(40000, 15001, b"x");
    f[14] = 0x75;
    out.push((f, 0));
    // Cut short by the capture: the wire had 200 bytes more.
    let mut f = udp4(40000, 15001, &long[..300]);
    f.truncate(80);
    let original = f.len() + 200 + 240;
    out.push((f, original));
    // Ethernet only, with an unknown EtherType.
    let mut f = vec![0xff; 6];
    f.extend_from_slice(&A);
    f.extend_from_slice(&[0x88, 0xb5]);
    f.extend_from_slice(&[0xab; 46]);
    out.push((f, 0));
    out
}

fn write_pcap(path: &Path, link: u32, frames: &[(Vec<u8>, usize)]) {
    let mut f = std::fs::File::create(path).unwrap();
    let mut header = vec![];
    header.extend_from_slice(&0xa1b2c3d4u32.to_le_bytes());
    header.extend_from_slice(&2u16.to_le_bytes());
    header.extend_from_slice(&4u16.to_le_bytes());
    header.extend_from_slice(&[0; 8]);
    header.extend_from_slice(&65535u32.to_le_bytes());
    header.extend_from_slice(&link.to_le_bytes());
    f.write_all(&header).unwrap();
    for (i, (frame, original)) in frames.iter().enumerate() {
        let original = if *original == 0 {
            frame.len()
        } else {
            *original
        };
        for v in [
            1_700_000_000 + i as u32,
            0,
            frame.len() as u32,
            original as u32,
        ] {
            f.write_all(&v.to_le_bytes()).unwrap();
        }
        f.write_all(frame).unwrap();
    }
}

fn decode(path: &Path, args: &[&str], reference: bool) -> (Vec<u8>, Option<i32>) {
    let mut cmd = Command::cargo_bin("stackviz").unwrap();
    cmd.arg("decode").arg(path).args(args);
    cmd.env_remove("STACKVIZ_SLOW_REFERENCE");
    if reference {
        cmd.env("STACKVIZ_SLOW_REFERENCE", "1");
    }
    let out = cmd.timeout(Duration::from_secs(60)).output().unwrap();
    (out.stdout, out.status.code())
}

#[test]
fn decode_prints_the_same_bytes_as_with_comfy_table() {
    let dir = std::env::temp_dir().join(format!("svz-speed-same-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ethernet = dir.join("ethernet.pcap");
    let frames = eth_frames();
    write_pcap(&ethernet, 1, &frames);
    // The same IP packets without their Ethernet header (raw IP), and one
    // Linux cooked capture header in front of each.
    let ip: Vec<(Vec<u8>, usize)> = frames
        .iter()
        .filter(|(f, _)| f.len() > 14 && f[12..14] == [0x08, 0x00])
        .map(|(f, o)| (f[14..].to_vec(), o.saturating_sub(14)))
        .collect();
    let raw = dir.join("raw.pcap");
    write_pcap(&raw, 101, &ip);
    let sll = dir.join("sll.pcap");
    let cooked: Vec<(Vec<u8>, usize)> = ip
        .iter()
        .map(|(p, o)| {
            let mut f = vec![0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00];
            f.extend_from_slice(p);
            (f, if *o == 0 { 0 } else { o + 16 })
        })
        .collect();
    write_pcap(&sll, 113, &cooked);

    let mut compared = 0;
    for path in [&ethernet, &raw, &sll] {
        for lang in ["en", "zh"] {
            for width in ["60", "100", "160"] {
                for color in ["never", "always"] {
                    let mut args = vec!["--lang", lang, "--width", width, "--color", color];
                    if width == "100" {
                        args.push("--rfc");
                    }
                    let (fast, fast_code) = decode(path, &args, false);
                    let (slow, slow_code) = decode(path, &args, true);
                    assert_eq!(fast_code, slow_code, "{path:?} {args:?}");
                    let fast = String::from_utf8(fast).unwrap();
                    let slow = String::from_utf8(slow).unwrap();
                    // Tables were drawn at all (both ways), one per layer.
                    assert!(slow.matches('┌').count() >= ip.len(), "{slow}");
                    let expected: &[&str] = match lang {
                        "en" => &["MALFORMED: ", "cut short by the capture at ", "UDP", "ARP"],
                        _ => &["格式错误", "截短", "数据报"],
                    };
                    if path == &ethernet {
                        for text in expected {
                            assert!(slow.contains(text), "{args:?} lacks {text:?}");
                        }
                    }
                    if fast != slow {
                        let line = fast
                            .lines()
                            .zip(slow.lines())
                            .position(|(a, b)| a != b)
                            .unwrap_or(0);
                        panic!(
                            "{path:?} {args:?}: first difference at line {}:\nfast: {:?}\nslow: {:?}",
                            line + 1,
                            fast.lines().nth(line),
                            slow.lines().nth(line)
                        );
                    }
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, 3 * 2 * 3 * 2);
    if std::env::var_os("SVZ_SPEED_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
