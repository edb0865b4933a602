//! TCP: fields, flags and options of a SYN, and its checksum over the IPv4
//! pseudo-header worked out independently.

mod common;

use common::dissection::*;
use common::frames::*;
use common::{checksum_with_zero_at, pseudo_v4, pseudo_v6};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::{CheckVerdict, LayerKind, Span};

// ---------------------------------------------------------------------------
// TCP.
// ---------------------------------------------------------------------------

#[test]
fn tcp_syn_fields_flags_and_options() {
    let f = &TCP_SYN;
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "tcp syn");
    assert_eq!(d.malformed, None);
    assert_eq!(
        protocols(&d),
        ["Ethernet II", "IPv4", "TCP", "application data"]
    );
    let tcp = &d.layers[2];
    assert_eq!(tcp.layer, LayerKind::Transport);
    assert_eq!(tcp.pdu.name(), "segment");
    assert_eq!(
        tcp.header,
        Span {
            offset: 34,
            length: 40
        }
    );
    assert_eq!(num(&d, "tcp.src_port"), 40001);
    assert_eq!(num(&d, "tcp.dst_port"), 80);
    assert_eq!(num(&d, "tcp.seq"), 123_456);
    assert_eq!(at(&d, "tcp.seq"), (38, 4));
    assert_eq!(num(&d, "tcp.ack"), 0);
    assert!(field(&d, "tcp.ack").meaning.contains("ACK is clear"));
    assert_eq!(num(&d, "tcp.data_offset"), 10);
    assert_eq!(bits(&d, "tcp.data_offset"), (46, 1, 0, 4));
    assert_eq!(num(&d, "tcp.reserved"), 0);
    assert_eq!(bits(&d, "tcp.reserved"), (46, 1, 4, 4));
    // RFC 9293's eight flags, one bit each, most significant first.
    for (i, (id, set)) in [
        ("tcp.flags.cwr", 0),
        ("tcp.flags.ece", 0),
        ("tcp.flags.urg", 0),
        ("tcp.flags.ack", 0),
        ("tcp.flags.psh", 0),
        ("tcp.flags.rst", 0),
        ("tcp.flags.syn", 1),
        ("tcp.flags.fin", 0),
    ]
    .into_iter()
    .enumerate()
    {
        assert_eq!(num(&d, id), set, "{id}");
        assert_eq!(bits(&d, id), (47, 1, i as u8, 1), "{id}");
    }
    assert_eq!(num(&d, "tcp.window"), 64240);
    assert_eq!(num(&d, "tcp.urgent"), 0);
    assert!(tcp.notes[0].contains("step 1 of the three-way handshake"));
    // Options, each where it sits, with its value.
    assert_eq!(at(&d, "tcp.option.mss"), (54, 4));
    assert_eq!(num(&d, "tcp.option.mss"), 1460);
    assert!(field(&d, "tcp.option.mss")
        .meaning
        .contains("1460 + 40 = 1500"));
    assert_eq!(at(&d, "tcp.option.sack_permitted"), (58, 2));
    assert_eq!(at(&d, "tcp.option.timestamps"), (60, 10));
    assert_eq!(text(&d, "tcp.option.timestamps"), "TSval 99, TSecr 0");
    assert_eq!(at(&d, "tcp.option.nop"), (70, 1));
    assert_eq!(at(&d, "tcp.option.wscale"), (71, 3));
    assert_eq!(num(&d, "tcp.option.wscale"), 7);
    assert!(field(&d, "tcp.option.wscale").meaning.contains("128"));
    // Every header byte is explained by some field.
    let mut covered = [false; 40];
    for f in &tcp.fields {
        let o = f.offset.unwrap() - 34;
        covered[o..o + f.length].iter_mut().for_each(|c| *c = true);
    }
    assert!(covered.iter().all(|c| *c));
    // A SYN carries no data.
    let data = d.layers.last().unwrap();
    assert_eq!(data.pdu_length, 0);
    assert!(data.fields[0].meaning.starts_with("no data"));
}

#[test]
fn tcp_checksum_over_the_ipv4_pseudo_header_is_worked_out() {
    let f = &TCP_SYN;
    assert_eq!(checksum_with_zero_at(&[], &f[14..34], 10), 0x26ba);
    let pseudo = pseudo_v4(&IP_A, &IP_B, 6, 40);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[34..74], 16), 0xb9d6);

    let d = dissect_ethernet(f, Fcs::Absent);
    let c = check(&d, "tcp.checksum");
    assert_eq!(c.verdict, CheckVerdict::Correct);
    assert_eq!(c.stored, 0xb9d6);
    let pseudo_fields: Vec<(&str, &str, String)> = c
        .pseudo_header
        .iter()
        .map(|f| (f.id, f.name, f.hex.to_string()))
        .collect();
    assert_eq!(
        pseudo_fields,
        [
            ("pseudo.src", "Source Address", "0a000001".to_string()),
            ("pseudo.dst", "Destination Address", "0a000002".to_string()),
            ("pseudo.zero", "Zero", "00".to_string()),
            ("pseudo.protocol", "Protocol", "06".to_string()),
            ("pseudo.length", "TCP Length", "0028".to_string()),
        ]
    );
    // The terms add up to the sum the check reports.
    assert_eq!(
        c.terms.iter().map(|t| u64::from(t.sum)).sum::<u64>(),
        u64::from(c.sum.unwrap())
    );

    let mut wrong = *f;
    wrong[51] ^= 0x01;
    let d = dissect_ethernet(&wrong, Fcs::Absent);
    assert_eq!(
        check(&d, "tcp.checksum").verdict,
        CheckVerdict::Incorrect { expected: 0xb9d6 }
    );
}

#[test]
fn tcp_over_ipv6_uses_the_ipv6_pseudo_header() {
    let f = &TCP_SYN_ACK_V6;
    let pseudo = pseudo_v6(&DOC_2, &DOC_1, 6, 24);
    assert_eq!(checksum_with_zero_at(&pseudo, &f[54..78], 16), 0xb9f9);
    let d = dissect_ethernet(f, Fcs::Absent);
    assert_inside(&d, f, "tcp v6");
    assert_eq!(d.malformed, None);
    let c = check(&d, "tcp.checksum");
    assert_eq!(c.verdict, CheckVerdict::Correct);
    let length = c
        .pseudo_header
        .iter()
        .find(|f| f.id == "pseudo.length")
        .unwrap();
    assert_eq!(length.hex, "00000018");
    assert_eq!(num(&d, "tcp.flags.syn"), 1);
    assert_eq!(num(&d, "tcp.flags.ack"), 1);
    assert!(field(&d, "tcp.ack").meaning.contains("123457"));
    assert!(field(&d, "tcp.option.mss")
        .meaning
        .contains("1440 + 60 = 1500"));
    assert!(d.layers[2].notes[0].contains("step 2"));
}
