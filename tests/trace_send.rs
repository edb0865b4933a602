//! A send is a trace: the real loopback run (capture on, as root) gives one
//! datagram event holding the built frame, the captured one and their
//! comparison; a refused send adds the ICMP answer after it; --mtu adds the
//! built fragments by offset. Needs root for the capture; skips without it
//! unless CI is set.

use std::net::UdpSocket;
use std::time::Duration;

use stackviz::capturing::CaptureMode;
use stackviz::net::exchange::{Family, Request, Target};
use stackviz::send::{self, CaptureOutcome};
use stackviz::session::{Direction, EventKind};

fn request(target: Target) -> Request {
    Request {
        payload: b"trace!".to_vec(),
        target,
        from: None,
        ttl: None,
        timeout: Duration::from_secs(2),
        family: Family::V4,
        dont_fragment: false,
        fragmentable: false,
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    assert!(
        root || std::env::var_os("CI").is_none(),
        "CI must run as root"
    );
    root
}

#[test]
fn a_received_datagram_is_one_event_with_both_sides_and_their_comparison() {
    if !is_root() {
        return;
    }
    let report = send::run(
        &request(Target::Embedded { port: 0 }),
        CaptureMode::On,
        None,
    )
    .expect("the loopback send runs");
    assert!(
        matches!(report.capture, CaptureOutcome::Caught(_)),
        "the capture ran"
    );
    let stored = &report.frames[0];
    let trace = report.trace();
    assert_eq!(trace.calls, report.exchange.calls.as_slice());
    assert_eq!(trace.interface, Some("lo"));
    assert_eq!(trace.events.len(), 1, "{:?}", trace.events);
    let event = &trace.events[0];
    assert_eq!(event.kind, EventKind::Datagram);
    assert_eq!(event.direction, Direction::Out);
    let built = event.built.expect("the built frame");
    assert_eq!(built.bytes, report.frame.bytes.as_slice());
    let captured = event.captured.expect("the captured frame");
    assert_eq!(captured.bytes, stored.captured.as_ref().unwrap().bytes);
    assert_eq!(event.at, Some(captured.read_at));
    assert_eq!(
        event.comparison.map(|c| c.unexpected),
        stored.comparison.as_ref().map(|c| c.unexpected)
    );
    assert!(event.comparison.is_some());
}

#[test]
fn a_refused_datagram_is_followed_by_the_icmp_answer() {
    if !is_root() {
        return;
    }
    // A port nobody listens on: bind one, note it, let it go.
    let port = UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .expect("a free port")
        .port();
    let report = send::run(&request(Target::Unbound { port }), CaptureMode::On, None)
        .expect("the loopback send runs");
    let trace = report.trace();
    let kinds: Vec<EventKind> = trace.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Datagram, EventKind::IcmpAnswer]);
    let icmp = &trace.events[1];
    assert_eq!(icmp.direction, Direction::In);
    assert!(icmp.built.is_none());
    let captured = icmp.captured.expect("the ICMP error was caught");
    // IPv4 protocol 1 (ICMP), type 3 (destination unreachable), code 3 (port).
    assert_eq!(captured.bytes[14 + 9], 1);
    assert_eq!(&captured.bytes[34..36], &[3, 3]);
    assert!(icmp.at >= trace.events[0].at);
}

#[test]
fn an_mtu_lesson_adds_the_built_fragments_by_offset() {
    if !is_root() {
        return;
    }
    let mut request = request(Target::Embedded { port: 0 });
    request.payload = vec![b'x'; 100];
    let report = send::run(&request, CaptureMode::On, Some(68)).expect("the loopback send runs");
    assert_eq!(report.fragmentation.as_ref().map(|f| f.mtu), Some(68));
    let built: Vec<_> = report
        .frames
        .iter()
        .filter_map(|f| f.built.as_ref())
        .collect();
    let trace = report.trace();
    let fragments: Vec<_> = trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Fragment { .. }))
        .collect();
    assert_eq!(fragments.len(), built.len());
    assert!(
        built.len() >= 3,
        "128 bytes of IPv4 payload in 48-byte pieces"
    );
    for (i, (event, fragment)) in fragments.iter().zip(built).enumerate() {
        assert_eq!(event.kind, EventKind::Fragment { index: i });
        assert_eq!(
            event.built.map(|b| b.bytes),
            Some(fragment.fragment.bytes.as_slice())
        );
        // Loopback's MTU is 65536: the kernel sent the datagram whole, so
        // no fragment was caught and none is compared.
        assert!(event.captured.is_none());
        assert!(event.comparison.is_none());
    }
    assert_eq!(trace.events[0].kind, EventKind::Datagram);
}
