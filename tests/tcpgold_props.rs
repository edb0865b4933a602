//! Property tests for TCP: any segment etherparse builds (any flags, numbers,
//! window, urgent pointer, options among MSS, SACK_PERM, Timestamps, NOP,
//! Window Scale and SACK, any payload, inside Ethernet over IPv4 or IPv6)
//! dissects back value for value, its checksum judged correct and equal to
//! etherparse's and to the independent RFC 1071 sum; and any bytes after a
//! valid IPv4 + TCP prefix dissect without a panic, every field inside the
//! frame.

mod common;

use etherparse::{PacketBuilder, TcpHeader, TcpOptionElement as Opt};
use proptest::prelude::*;

use common::dissection::{assert_inside, at, field, num, text};
use common::{checksum_with_zero_at, pseudo_v4, pseudo_v6};
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::field_id as id;
use stackviz::model::{CheckVerdict, Value};
use stackviz::render::{layers, RenderOptions};

/// One option and the bytes it takes.
fn option() -> impl Strategy<Value = Opt> {
    prop_oneof![
        Just(Opt::Noop),
        any::<u16>().prop_map(Opt::MaximumSegmentSize),
        any::<u8>().prop_map(Opt::WindowScale),
        Just(Opt::SelectiveAcknowledgementPermitted),
        (any::<u32>(), any::<u32>()).prop_map(|(v, e)| Opt::Timestamp(v, e)),
        (
            any::<(u32, u32)>(),
            proptest::option::of(any::<(u32, u32)>())
        )
            .prop_map(|(a, b)| Opt::SelectiveAcknowledgement(a, [b, None, None])),
    ]
}

fn option_len(o: &Opt) -> usize {
    match o {
        Opt::Noop => 1,
        Opt::MaximumSegmentSize(_) => 4,
        Opt::WindowScale(_) => 3,
        Opt::SelectiveAcknowledgementPermitted => 2,
        Opt::Timestamp(..) => 10,
        Opt::SelectiveAcknowledgement(_, more) => 10 + 8 * more.iter().flatten().count(),
    }
}

/// Options in the order drawn, as many as fit the 40 bytes.
fn options() -> impl Strategy<Value = Vec<Opt>> {
    proptest::collection::vec(option(), 0..8).prop_map(|all| {
        let mut used = 0;
        all.into_iter()
            .take_while(|o| {
                used += option_len(o);
                used <= 40
            })
            .collect()
    })
}

fn num_of(v: &Value) -> u64 {
    match v {
        Value::Number(n) => *n,
        text => panic!("text {text:?}"),
    }
}

/// A TCP header with every value drawn.
fn header() -> impl Strategy<Value = TcpHeader> {
    (
        any::<(u16, u16, u32, u32, u16, u16)>(),
        proptest::array::uniform9(any::<bool>()),
        options(),
    )
        .prop_map(|((sp, dp, seq, ack, window, urgent), f, opts)| {
            let mut h = TcpHeader::new(sp, dp, seq, window);
            h.acknowledgment_number = ack;
            h.urgent_pointer = urgent;
            [h.ns, h.cwr, h.ece, h.urg, h.ack, h.psh, h.rst, h.syn, h.fin] = f;
            h.set_options(&opts).expect("at most 40 bytes of options");
            h
        })
}

/// The (id, value) fields the dissector must give for `opts`, in order,
/// the zero padding etherparse adds read as End of Option List.
fn expected_options(opts: &[Opt]) -> Vec<(&'static str, Value)> {
    let n = |v: u64| Value::Number(v);
    let mut out = Vec::new();
    for o in opts {
        match o {
            Opt::Noop => out.push((id::TCP_OPT_NOP, n(1))),
            Opt::MaximumSegmentSize(m) => out.push((id::TCP_OPT_MSS, n(u64::from(*m)))),
            Opt::WindowScale(s) => out.push((id::TCP_OPT_WSCALE, n(u64::from(*s)))),
            Opt::SelectiveAcknowledgementPermitted => out.push((id::TCP_OPT_SACK_PERM, n(4))),
            Opt::Timestamp(v, e) => {
                out.push((
                    id::TCP_OPT_TIMESTAMPS,
                    Value::Text(format!("TSval {v}, TSecr {e}")),
                ));
                out.push((id::TCP_OPT_TSVAL, n(u64::from(*v))));
                out.push((id::TCP_OPT_TSECR, n(u64::from(*e))));
            }
            Opt::SelectiveAcknowledgement(first, more) => {
                let blocks: Vec<(u32, u32)> = std::iter::once(*first)
                    .chain(more.iter().flatten().copied())
                    .collect();
                let text: Vec<String> = blocks.iter().map(|(l, r)| format!("{l}-{r}")).collect();
                out.push((id::TCP_OPT_SACK, Value::Text(text.join(", "))));
                for (l, r) in blocks {
                    out.push((id::TCP_OPT_SACK_LE, n(u64::from(l))));
                    out.push((id::TCP_OPT_SACK_RE, n(u64::from(r))));
                }
            }
        }
    }
    let used: usize = opts.iter().map(option_len).sum();
    let padding = used.next_multiple_of(4) - used;
    if padding > 0 {
        out.push((id::TCP_OPT_EOL, n(0)));
    }
    if padding > 1 {
        out.push((id::TCP_OPT_PADDING, n(padding as u64 - 1)));
    }
    out
}

/// Ethernet + IPv4 or IPv6 + `tcp` + `payload`, built by etherparse (which
/// computes the TCP checksum); also the IP header's length.
fn frame(v6: bool, addresses: [u8; 32], tcp: TcpHeader, payload: &[u8]) -> (Vec<u8>, usize) {
    let eth = PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2]);
    let mut out = Vec::new();
    if v6 {
        let (s, d) = addresses.split_at(16);
        eth.ipv6(s.try_into().unwrap(), d.try_into().unwrap(), 64)
            .tcp_header(tcp)
            .write(&mut out, payload)
            .unwrap();
        (out, 40)
    } else {
        let s: [u8; 4] = addresses[..4].try_into().unwrap();
        let d: [u8; 4] = addresses[4..8].try_into().unwrap();
        eth.ipv4(s, d, 64)
            .tcp_header(tcp)
            .write(&mut out, payload)
            .unwrap();
        (out, 20)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_built_segment_dissects_back_value_for_value(
        v6 in any::<bool>(),
        addresses in any::<[u8; 32]>(),
        tcp in header(),
        payload in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let (bytes, ip_len) = frame(v6, addresses, tcp.clone(), &payload);
        let start = 14 + ip_len;
        let d = dissect_ethernet(&bytes, Fcs::Absent);
        assert_inside(&d, &bytes, "built tcp");
        prop_assert_eq!(d.malformed.as_ref(), None);
        let protocols: Vec<&str> = d.layers.iter().map(|l| l.protocol).collect();
        prop_assert_eq!(&protocols[1..], [if v6 { "IPv6" } else { "IPv4" }, "TCP", "application data"]);

        prop_assert_eq!(num(&d, id::TCP_SRC_PORT), u64::from(tcp.source_port));
        prop_assert_eq!(num(&d, id::TCP_DST_PORT), u64::from(tcp.destination_port));
        prop_assert_eq!(num(&d, id::TCP_SEQ), u64::from(tcp.sequence_number));
        prop_assert_eq!(at(&d, id::TCP_SEQ), (start + 4, 4));
        prop_assert_eq!(num(&d, id::TCP_ACK), u64::from(tcp.acknowledgment_number));
        prop_assert_eq!(num(&d, id::TCP_DATA_OFFSET), u64::from(tcp.data_offset()));
        // RFC 9293 keeps four reserved bits; the last was NS (RFC 3540).
        prop_assert_eq!(num(&d, id::TCP_RESERVED), u64::from(tcp.ns));
        for (flag, set) in [
            (id::TCP_FLAGS_CWR, tcp.cwr),
            (id::TCP_FLAGS_ECE, tcp.ece),
            (id::TCP_FLAGS_URG, tcp.urg),
            (id::TCP_FLAGS_ACK, tcp.ack),
            (id::TCP_FLAGS_PSH, tcp.psh),
            (id::TCP_FLAGS_RST, tcp.rst),
            (id::TCP_FLAGS_SYN, tcp.syn),
            (id::TCP_FLAGS_FIN, tcp.fin),
        ] {
            prop_assert_eq!(num(&d, flag), u64::from(set), "{}", flag);
        }
        prop_assert_eq!(num(&d, id::TCP_WINDOW), u64::from(tcp.window_size));
        prop_assert_eq!(num(&d, id::TCP_URGENT), u64::from(tcp.urgent_pointer));
        let window = &field(&d, id::TCP_WINDOW).meaning;
        prop_assert_eq!(window.contains("a SYN's window is never scaled"), tcp.syn, "{}", window);

        let layer = &d.layers[2];
        prop_assert_eq!(layer.header.length, tcp.header_len());
        let got: Vec<(&str, Value)> = layer
            .fields
            .iter()
            .filter(|f| f.id.starts_with("tcp.option"))
            .map(|f| (f.id, f.value.clone()))
            .collect();
        let opts: Vec<Opt> = tcp.options_iterator().map(|o| o.unwrap()).collect();
        prop_assert_eq!(got, expected_options(&opts));
        if let Some(Opt::Timestamp(v, _)) = opts.iter().find(|o| matches!(o, Opt::Timestamp(..))) {
            prop_assert_eq!(num(&d, id::TCP_OPT_TSVAL), u64::from(*v));
            prop_assert!(text(&d, id::TCP_OPT_TIMESTAMPS).starts_with("TSval"));
        }

        let data = &d.layers[3];
        prop_assert_eq!(data.header.offset, start + tcp.header_len());
        prop_assert_eq!(data.header.length, payload.len());

        // The checksum: etherparse's, the independent one, the dissector's.
        let segment = &bytes[start..];
        let pseudo = if v6 {
            pseudo_v6(&addresses[..16], &addresses[16..], 6, segment.len() as u32)
        } else {
            pseudo_v4(&addresses[..4], &addresses[4..8], 6, segment.len() as u16)
        };
        let independent = checksum_with_zero_at(&pseudo, segment, 16);
        let stored = u16::from_be_bytes([segment[16], segment[17]]);
        prop_assert_eq!(stored, independent);
        let check = layer.checks.iter().find(|c| c.field == id::TCP_CHECKSUM).unwrap();
        prop_assert_eq!(check.verdict, CheckVerdict::Correct);
        prop_assert_eq!(check.computed, u32::from(independent));
    }

    /// Kinds stackviz does not dissect (anything but 0-5 and 8) come back
    /// as one field each: kind as the value, where it sits, its length.
    #[test]
    fn unknown_option_kinds_come_back_with_kind_and_length(
        unknown in proptest::collection::vec(
            (6u8..=255, proptest::collection::vec(any::<u8>(), 0..6))
                .prop_filter("a dissected kind", |(k, _)| *k != 8),
            1..5,
        ),
    ) {
        let mut raw = Vec::new();
        let mut places = Vec::new();
        for (kind, data) in &unknown {
            if raw.len() + 2 + data.len() > 40 {
                break;
            }
            places.push((raw.len(), *kind, 2 + data.len()));
            raw.push(*kind);
            raw.push(2 + data.len() as u8);
            raw.extend_from_slice(data);
        }
        let mut tcp = TcpHeader::new(40000, 15001, 1, 512);
        tcp.ack = true;
        tcp.set_options_raw(&raw).unwrap();
        let (bytes, ip_len) = frame(false, [127, 0, 0, 1, 127, 0, 0, 1].repeat(4).try_into().unwrap(), tcp, b"");
        let d = dissect_ethernet(&bytes, Fcs::Absent);
        assert_inside(&d, &bytes, "unknown options");
        prop_assert_eq!(d.malformed.as_ref(), None);
        let options = 14 + ip_len + 20;
        let got: Vec<(usize, u64, usize)> = d.layers[2]
            .fields
            .iter()
            .filter(|f| f.id == id::TCP_OPT_OTHER)
            .map(|f| (f.offset.unwrap() - options, num_of(&f.value), f.length))
            .collect();
        let want: Vec<(usize, u64, usize)> = places
            .iter()
            .map(|(at, kind, len)| (*at, u64::from(*kind), *len))
            .collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn any_bytes_after_an_ipv4_and_tcp_prefix_never_panic(
        fixed in any::<[u8; 20]>(),
        data_offset in 0u8..16,
        rest in proptest::collection::vec(any::<u8>(), 0..80),
        declared in proptest::option::of(0u16..200),
    ) {
        let mut tcp = fixed.to_vec();
        tcp[12] = data_offset << 4 | (tcp[12] & 0x0f);
        tcp.extend_from_slice(&rest);
        let mut bytes = Vec::new();
        PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2])
            .ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .write(&mut bytes, etherparse::IpNumber::TCP, &tcp)
            .unwrap();
        if let Some(total) = declared {
            // A total length that lies, short or long.
            bytes[16..18].copy_from_slice(&total.to_be_bytes());
        }
        let d = dissect_ethernet(&bytes, Fcs::Absent);
        assert_inside(&d, &bytes, "ipv4 + tcp bytes");
        // Rendered too, narrow, with every check worked out: no panic.
        let narrow = RenderOptions { color: true, width: 60, rfc: true };
        let mut out = Vec::new();
        layers::layers_outermost_first(&d, &bytes, &mut out, &narrow).unwrap();
        prop_assert!(!out.is_empty());
        let cut = bytes.len().saturating_sub(rest.len() / 2);
        let d = dissect_ethernet(&bytes[..cut], Fcs::Absent);
        assert_inside(&d, &bytes[..cut], "cut ipv4 + tcp bytes");
    }
}
