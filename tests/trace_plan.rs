//! The plan of a send, read once before anything is sent: over loopback the
//! route goes out lo with the loopback source, no next hop to ask for, and
//! DF decided from the packet's size against lo's MTU or --mtu.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use stackviz::capturing::CaptureMode;
use stackviz::error::Error;
use stackviz::net::exchange::{Family, Request, Target};
use stackviz::session::plan;

fn request(family: Family, payload: usize) -> Request {
    Request {
        payload: vec![b'p'; payload],
        target: Target::Embedded { port: 15_999 },
        from: None,
        ttl: None,
        timeout: Duration::from_secs(1),
        family,
        dont_fragment: false,
        fragmentable: false,
    }
}

#[test]
fn a_loopback_plan_has_the_loopback_source_lo_and_no_next_hop() {
    let plan = plan::plan(&request(Family::V4, 7), CaptureMode::Off, None).expect("a plan");
    assert_eq!(plan.source, Some(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    assert_eq!(plan.probed_source, plan.source, "the probe answered once");
    let path = plan.path.as_ref().expect("the kernel's route to 127.0.0.1");
    assert_eq!(path.interface.name, "lo");
    assert!(path.interface.loopback);
    assert!(plan.next_hop.is_none() && plan.neighbour_before.is_none());
    // 7 bytes of data + 8 (UDP) + 20 (IPv4).
    assert_eq!(plan.packet_len, 35);
    assert_eq!(plan.lesson_mtu, None);
    assert!(plan.request.dont_fragment, "it fits lo: sent with DF");
    assert!(!plan.request.fragmentable);
}

#[test]
fn an_mtu_smaller_than_the_packet_makes_a_fragmentable_datagram_without_df() {
    let plan = plan::plan(&request(Family::V4, 100), CaptureMode::Off, Some(68)).expect("a plan");
    assert_eq!(plan.packet_len, 128);
    assert_eq!(plan.lesson_mtu, Some(68));
    assert!(!plan.request.dont_fragment);
    assert!(plan.request.fragmentable);
    // --dont-fragment keeps DF: no lesson in fragments, the note says why.
    let mut df = request(Family::V4, 100);
    df.dont_fragment = true;
    let plan = plan::plan(&df, CaptureMode::Off, Some(68)).expect("a plan");
    assert_eq!(plan.lesson_mtu, None);
    assert!(plan.request.dont_fragment);
}

#[test]
fn an_ipv6_packet_counts_the_40_byte_ipv6_header() {
    let plan = plan::plan(&request(Family::V6, 7), CaptureMode::Off, None).expect("a plan");
    assert_eq!(plan.source, Some(IpAddr::V6(Ipv6Addr::LOCALHOST)));
    // 7 bytes of data + 8 (UDP) + 40 (IPv6).
    assert_eq!(plan.packet_len, 55);
}

#[test]
fn the_plan_refuses_what_cannot_be_sent() {
    assert!(matches!(
        plan::plan(&request(Family::V6, 7), CaptureMode::Off, Some(1000)),
        Err(Error::MtuTooSmall {
            mtu: 1000,
            minimum: 1280
        })
    ));
    let mut mixed = request(Family::V4, 7);
    mixed.from = Some("[::1]:0".parse().unwrap());
    assert!(matches!(
        plan::plan(&mixed, CaptureMode::Off, None),
        Err(Error::MixedFamilies)
    ));
}
