//! `decode --summary` dissects each frame briefly (`detail::Detail::Brief`):
//! no sentences, no hex, no worked checksums, which no summary line shows.
//! These tests hold the brief dissection to the full one for everything a
//! summary line and `--filter` read: the same line byte for byte, in both
//! languages, for frames of every protocol, bad checksums, malformed and
//! cut-short frames under every link type, and for damaged and random
//! bytes; the same filter verdicts; the same malformed and cut-short
//! verdicts. And they check that the brief dissection really is brief, so
//! the comparison is between two different paths.

mod common;

use common::varied;

use proptest::prelude::*;
use stackviz::decode::{self, DecodedFrame, Filter, Link, RawFrame};
use stackviz::detail::Detail;
use stackviz::i18n::{with_language, Lang};
use stackviz::model::Dissection;
use stackviz::render::decode_text::summary_line;
use stackviz::session::decode_trace::decoded_event;

/// The filters `--filter` takes, one of each kind of term.
const FILTERS: &[&str] = &[
    "udp",
    "tcp",
    "arp",
    "icmp",
    "ipv4",
    "ipv6",
    "vlan",
    "port 53",
    "port 15001",
    "host 192.168.1.10",
    "host 8.8.8.8",
    "host 2001:db8::2",
    "udp and port 53",
];

fn dissect(raw: &RawFrame<'_>, detail: Detail) -> Dissection {
    decode::dissect_at(raw, detail)
}

fn line(raw: &RawFrame<'_>, dissection: Dissection) -> String {
    let frame = DecodedFrame {
        dissection,
        raw: *raw,
    };
    summary_line(&decoded_event(&frame))
}

/// Asserts that a brief and a full dissection of `raw` agree on all a
/// summary reads; returns the line and the brief dissection.
fn same_for_summary(raw: &RawFrame<'_>, lang: Lang) -> (String, Dissection) {
    with_language(lang, || {
        let full = dissect(raw, Detail::Full);
        let brief = dissect(raw, Detail::Brief);
        let what = format!("{lang:?} {:?} {:02x?}", raw.link, raw.data);
        assert_eq!(
            brief.malformed.is_some(),
            full.malformed.is_some(),
            "{what}"
        );
        assert_eq!(
            brief.cut_short.is_some(),
            full.cut_short.is_some(),
            "{what}"
        );
        for filter in FILTERS {
            let filter: Filter = filter.parse().unwrap();
            assert_eq!(
                filter.matches(&brief),
                filter.matches(&full),
                "{filter:?} {what}"
            );
        }
        let full_line = line(raw, full);
        let brief_line = line(raw, brief.clone());
        assert_eq!(brief_line, full_line, "{what}");
        (full_line, brief)
    })
}

#[test]
fn a_brief_dissection_gives_the_same_summary_as_a_full_one_for_every_kind_of_frame() {
    let cases = varied::link_cases();
    for lang in [Lang::En, Lang::Zh] {
        let mut all = String::new();
        let mut brief_hex = 0;
        let mut brief_checks = 0;
        let mut full_checks = 0;
        for (data, link, missing, at) in &cases {
            let raw = varied::raw(data, *link, *missing, *at);
            let (line, brief) = same_for_summary(&raw, lang);
            all.push_str(&line);
            all.push('\n');
            let fields = brief.layers.iter().flat_map(|l| &l.fields);
            brief_hex += fields.filter(|f| !f.hex.is_empty()).count();
            brief_checks += brief.layers.iter().map(|l| l.checks.len()).sum::<usize>();
            let full = decode::dissect(&raw);
            full_checks += full.layers.iter().map(|l| l.checks.len()).sum::<usize>();
        }
        // The brief path was taken: it wrote no hex and no checks, where
        // the full one has them.
        assert_eq!((brief_hex, brief_checks), (0, 0), "{lang:?}");
        assert!(full_checks > 50, "{lang:?}: {full_checks} checks");
        // The cases reached every part of a summary line that comes from
        // the dissection (so the comparison above covered them).
        let reached: &[&str] = match lang {
            Lang::En => &[
                " Ethernet II/IPv4/UDP/application data 192.168.1.10.40000 > 8.8.8.8.15001",
                "/TCP/",
                " [",
                "ARP",
                "who has",
                "ICMPv6",
                "Echo Request",
                "IPv6",
                "Linux cooked capture",
                "unknown link type",
                "local experimental EtherType",
                ", length ",
                " MALFORMED: ",
                "cut short by the capture",
            ],
            Lang::Zh => &["Ethernet II/IPv4/UDP", "ARP", "ICMPv6", "格式错误"],
        };
        for part in reached {
            assert!(all.contains(part), "{lang:?}: no line has {part:?}\n{all}");
        }
    }
}

#[test]
fn the_sentences_a_summary_shows_are_built_in_a_brief_dissection_too() {
    // An ARP request and an ICMPv6 echo request: their summary lines end
    // with the operation's and the message's sentence.
    for (data, missing) in varied::ethernet_frames() {
        let raw = varied::raw(&data, Link::Ethernet, missing, None);
        let brief = dissect(&raw, Detail::Brief);
        for id in ["arp.oper", "icmpv6.type"] {
            if let Some(field) = brief.field(id) {
                assert!(!field.meaning.is_empty(), "{id} in {data:02x?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Damaged frames: a varied frame with bytes changed, cut or grown
    /// takes the dissector down paths the whole frames do not (tunnels,
    /// options, quoted packets, lengths that lie).
    #[test]
    fn damaged_frames_give_the_same_summary_briefly(
        pick in 0usize..1000,
        changes in proptest::collection::vec((0usize..2000, any::<u8>()), 0..6),
        cut in 0usize..64,
        link in 0usize..3,
    ) {
        let frames = varied::ethernet_frames();
        let (mut data, _) = frames[pick % frames.len()].clone();
        for (at, byte) in changes {
            let at = at % data.len();
            data[at] = byte;
        }
        data.truncate(data.len().saturating_sub(cut % 8 * 4));
        let (data, link) = match link {
            0 => (data, Link::Ethernet),
            1 => (data.get(14..).unwrap_or_default().to_vec(), Link::RawIp),
            _ => {
                let mut cooked = vec![0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0];
                cooked.extend_from_slice(data.get(12..).unwrap_or_default());
                (cooked, Link::LinuxSll)
            }
        };
        let raw = varied::raw(&data, link, cut % 3 * 10, None);
        same_for_summary(&raw, Lang::En);
    }

    /// Any bytes at all.
    #[test]
    fn random_bytes_give_the_same_summary_briefly(
        data in proptest::collection::vec(any::<u8>(), 0..200),
        link in 0usize..3,
    ) {
        let link = [Link::Ethernet, Link::RawIp, Link::LinuxSll][link];
        let raw = varied::raw(&data, link, 0, None);
        same_for_summary(&raw, Lang::En);
    }
}
