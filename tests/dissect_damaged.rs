//! Impossible lengths reported where they happen (layer, offset, what was
//! needed), and every prefix and many damaged copies of the golden frames
//! dissected without a panic.

mod common;

use common::dissection::*;
use common::frames::*;
use stackviz::dissect::{dissect_ethernet, dissect_linux_sll, dissect_raw_ip, Fcs};

// ---------------------------------------------------------------------------
// Impossible lengths: the layer, the offset and what was needed.
// ---------------------------------------------------------------------------

#[test]
fn impossible_lengths_are_reported_where_they_happen() {
    struct Case {
        what: &'static str,
        frame: Vec<u8>,
        layers: &'static [&'static str],
        protocol: &'static str,
        offset: usize,
        message: &'static str,
    }
    let with = |base: &[u8], at: usize, bytes: &[u8]| {
        let mut f = base.to_vec();
        f[at..at + bytes.len()].copy_from_slice(bytes);
        f
    };
    let cases = [
        Case {
            what: "a VLAN tag cut after 2 bytes",
            frame: VLAN_UDP[..16].to_vec(),
            layers: &["Ethernet II"],
            protocol: "802.1Q VLAN tag",
            offset: 14,
            message: "802.1Q tag needs 4 bytes, 2 left at offset 14",
        },
        Case {
            what: "an ARP header cut after 5 bytes",
            frame: ARP_REQUEST[..19].to_vec(),
            layers: &["Ethernet II"],
            protocol: "ARP",
            offset: 14,
            message: "ARP header needs 8 bytes, 5 left at offset 14",
        },
        Case {
            what: "an ARP message cut after 20 bytes",
            frame: ARP_REQUEST[..34].to_vec(),
            layers: &["Ethernet II"],
            protocol: "ARP",
            offset: 14,
            message: "ARP message needs 28 bytes (hardware addresses of 6, protocol addresses of 4), 20 left at offset 14",
        },
        Case {
            what: "an IPv6 header cut after 30 bytes",
            frame: IPV6_UDP[..44].to_vec(),
            layers: &["Ethernet II"],
            protocol: "IPv6",
            offset: 14,
            message: "IPv6 header needs 40 bytes, 30 left at offset 14",
        },
        Case {
            what: "an IPv6 header with version 4",
            frame: with(&IPV6_UDP, 14, &[0x4b]),
            layers: &["Ethernet II"],
            protocol: "IPv6",
            offset: 14,
            message: "IPv6 version field is 4, not 6, at offset 14",
        },
        Case {
            what: "an IPv6 payload length beyond the frame",
            frame: with(&IPV6_UDP, 18, &[0x00, 0x64]),
            // Whatever is there is still dissected.
            layers: &["Ethernet II", "IPv6", "UDP", "application data"],
            protocol: "IPv6",
            offset: 54,
            message: "IPv6 payload needs 100 bytes (Payload Length), 15 left at offset 54",
        },
        Case {
            what: "a Hop-by-Hop header longer than the packet",
            frame: with(&IPV6_HBH_FRAGMENT, 55, &[5]),
            layers: &["Ethernet II", "IPv6"],
            protocol: "IPv6",
            offset: 54,
            message: "IPv6 Hop-by-Hop Options header needs 48 bytes (Hdr Ext Len 5), 32 left at offset 54",
        },
        Case {
            what: "a Fragment header cut short",
            frame: with(&IPV6_HBH_FRAGMENT[..66], 18, &[0x00, 0x0c]),
            layers: &["Ethernet II", "IPv6", "IPv6 Hop-by-Hop Options"],
            protocol: "IPv6",
            offset: 62,
            message: "IPv6 Fragment header needs 8 bytes, 4 left at offset 62",
        },
        Case {
            what: "a Hop-by-Hop option longer than its header",
            frame: with(&IPV6_HBH_FRAGMENT, 57, &[9]),
            layers: &[
                "Ethernet II",
                "IPv6",
                "IPv6 Hop-by-Hop Options",
                "IPv6 Fragment header",
                "UDP",
                "application data",
            ],
            protocol: "IPv6",
            offset: 56,
            message: "IPv6 option 0x05 (Router Alert) needs 11 bytes, 6 left in the header at offset 56",
        },
        Case {
            what: "a TCP header cut after 10 bytes",
            frame: TCP_SYN[..44].to_vec(),
            layers: &["Ethernet II", "IPv4"],
            protocol: "TCP",
            offset: 34,
            message: "TCP header needs 20 bytes, 10 left at offset 34",
        },
        Case {
            what: "a TCP data offset below 5",
            frame: with(&TCP_SYN, 46, &[0x40]),
            layers: &["Ethernet II", "IPv4"],
            protocol: "TCP",
            offset: 46,
            message: "TCP data offset is 4 (16 bytes), below the minimum of 5 (20 bytes), at offset 46",
        },
        Case {
            what: "a TCP data offset beyond the segment",
            frame: with(&TCP_SYN, 46, &[0xf0]),
            layers: &["Ethernet II", "IPv4"],
            protocol: "TCP",
            offset: 34,
            message: "TCP header with options needs 60 bytes, 40 left at offset 34",
        },
        Case {
            what: "a TCP option longer than the options",
            frame: with(&TCP_SYN, 55, &[21]),
            layers: &["Ethernet II", "IPv4", "TCP", "application data"],
            protocol: "TCP",
            offset: 54,
            message: "TCP option 2 (Maximum Segment Size) needs 21 bytes, 20 left in the options at offset 54",
        },
        Case {
            what: "a TCP option of length 1",
            frame: with(&TCP_SYN, 59, &[1]),
            layers: &["Ethernet II", "IPv4", "TCP", "application data"],
            protocol: "TCP",
            offset: 58,
            message: "TCP option 4 (SACK Permitted) has length 1, below the minimum of 2, at offset 58",
        },
        Case {
            what: "an ICMPv6 message of 4 bytes",
            frame: with(&ICMPV6_ECHO[..58], 18, &[0x00, 0x04]),
            layers: &["Ethernet II", "IPv6"],
            protocol: "ICMPv6",
            offset: 54,
            message: "ICMPv6 header needs 8 bytes, 4 left at offset 54",
        },
        Case {
            what: "a neighbour-discovery option of length 0",
            frame: with(&NEIGHBOR_SOLICITATION, 79, &[0]),
            layers: &["Ethernet II", "IPv6", "ICMPv6"],
            protocol: "ICMPv6",
            offset: 78,
            message: "ICMPv6 option 1 (Source Link-Layer Address) has length 0, which RFC 4861 forbids (the message must be dropped), at offset 78",
        },
        Case {
            what: "an IPv4 option longer than the options",
            frame: with(&IPV4_OPTIONS, 40, &[39]),
            layers: &["Ethernet II", "IPv4", "UDP", "application data"],
            protocol: "IPv4",
            offset: 39,
            message: "IPv4 option 7 (Record Route) needs 39 bytes, 11 left in the options at offset 39",
        },
    ];
    for case in cases {
        let d = dissect_ethernet(&case.frame, Fcs::Absent);
        assert_inside(&d, &case.frame, case.what);
        assert_eq!(
            malformed(&d),
            (case.protocol, case.offset, case.message.to_string()),
            "{}",
            case.what
        );
        assert_eq!(protocols(&d), case.layers, "{}", case.what);
    }
}

#[test]
fn a_cut_tcp_segment_is_not_verifiable_rather_than_wrong() {
    // The IPv4 header says 60 bytes; only 34 of the 40 TCP bytes are here,
    // enough for the header without the last option.
    let mut f = TCP_SYN[..68].to_vec();
    f[46] = 0x50; // data offset 5: a 20-byte header, the rest counts as data
    let d = dissect_ethernet(&f, Fcs::Absent);
    assert_inside(&d, &f, "cut tcp");
    assert!(d.layers[2].checks.is_empty());
    assert_eq!(
        field(&d, "tcp.checksum").meaning,
        "not verifiable: the segment is cut short"
    );
    assert!(notes(&d).iter().any(|n| n.contains("cut short")));
}

#[test]
fn impossible_lengths_of_the_other_entry_points() {
    let d = dissect_linux_sll(&SLL_HEADER[..10]);
    assert_eq!(
        malformed(&d),
        (
            "Linux cooked capture",
            0,
            "Linux cooked capture header needs 16 bytes, 10 left at offset 0".into()
        )
    );
    assert!(d.layers.is_empty());
    let d = dissect_raw_ip(&[]);
    assert_eq!(
        malformed(&d),
        (
            "IP",
            0,
            "IP header needs 20 bytes, 0 left at offset 0".into()
        )
    );
    let d = dissect_raw_ip(&[0x55, 0, 0, 0]);
    assert_eq!(
        malformed(&d),
        (
            "IP",
            0,
            "IP version 5 at offset 0 is neither 4 nor 6".into()
        )
    );
    let d = dissect_raw_ip(&RAW_IPV4[..10]);
    assert_eq!(
        malformed(&d),
        (
            "IPv4",
            0,
            "IPv4 header needs 20 bytes, 10 left at offset 0".into()
        )
    );
    // In a cooked capture the offsets count from the cooked header's start.
    let mut f = SLL_HEADER.to_vec();
    f.extend_from_slice(&RAW_IPV4[..10]);
    let d = dissect_linux_sll(&f);
    assert_eq!(
        malformed(&d),
        (
            "IPv4",
            16,
            "IPv4 header needs 20 bytes, 10 left at offset 16".into()
        )
    );
    assert_eq!(protocols(&d), ["Linux cooked capture (SLL)"]);
}

// ---------------------------------------------------------------------------
// Anything in, no panic out: every prefix and many damaged copies.
// ---------------------------------------------------------------------------

fn ethernet_goldens() -> Vec<Vec<u8>> {
    vec![
        VLAN_UDP.to_vec(),
        ARP_REQUEST.to_vec(),
        ARP_REPLY.to_vec(),
        IPV6_UDP.to_vec(),
        IPV6_HBH_FRAGMENT.to_vec(),
        TCP_SYN.to_vec(),
        TCP_SYN_ACK_V6.to_vec(),
        ICMPV6_ECHO.to_vec(),
        NEIGHBOR_SOLICITATION.to_vec(),
        NEIGHBOR_ADVERTISEMENT.to_vec(),
        IPV4_OPTIONS.to_vec(),
    ]
}

fn survives(bytes: &[u8], what: &str) {
    for fcs in [Fcs::Present, Fcs::Absent, Fcs::Detect] {
        assert_inside(&dissect_ethernet(bytes, fcs), bytes, what);
    }
    assert_inside(&dissect_raw_ip(bytes), bytes, what);
    assert_inside(&dissect_linux_sll(bytes), bytes, what);
}

#[test]
fn every_prefix_of_every_golden_frame_survives() {
    let mut sll = SLL_HEADER.to_vec();
    sll.extend_from_slice(&RAW_IPV4);
    let mut frames = ethernet_goldens();
    frames.push(sll);
    frames.push(RAW_IPV4.to_vec());
    for frame in &frames {
        for end in 0..=frame.len() {
            survives(&frame[..end], &format!("{} of {:02x?}", end, &frame[..14]));
        }
    }
}

#[test]
fn damaged_golden_frames_survive() {
    // A small deterministic generator (xorshift): the same damage every run.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for frame in ethernet_goldens() {
        for round in 0..400 {
            let mut f = frame.clone();
            for _ in 0..1 + next() % 4 {
                let i = (next() as usize) % f.len();
                // Often a length-like value, sometimes anything.
                f[i] = match next() % 4 {
                    0 => 0,
                    1 => 0xff,
                    2 => f[i].wrapping_add(1),
                    _ => next() as u8,
                };
            }
            if round % 3 == 0 {
                let cut = 14 + (next() as usize) % (f.len() - 14);
                f.truncate(cut);
            }
            survives(&f, "damaged");
        }
    }
}
