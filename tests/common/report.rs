//! A send report without a network, for tests of the views: assembled
//! from a fixed exchange (192.0.2.1:40000 → 192.0.2.2:15001, 100 bytes of
//! 'z'), and captured frames made up from bytes.

use std::net::SocketAddr;
use std::time::Duration;

use stackviz::capturing::CapturedDissection;
use stackviz::dissect::{dissect_ethernet, Fcs};
use stackviz::model::Origin;
use stackviz::net::exchange::Exchange;
use stackviz::net::host::LinkAddresses;
use stackviz::send::{assemble, HostFacts, SendReport};

/// The report of a fixed exchange, before any capture.
pub fn report() -> SendReport {
    let source: SocketAddr = "192.0.2.1:40000".parse().unwrap();
    let destination: SocketAddr = "192.0.2.2:15001".parse().unwrap();
    let exchange = Exchange {
        calls: Vec::new(),
        source,
        source_learned_from: "fixed".into(),
        destination,
        bytes_sent: 100,
        received: None,
        pmtu_discovery_do: false,
    };
    let facts = HostFacts {
        ttl: 64,
        ttl_origin: Origin::observed("fixed"),
        link: LinkAddresses {
            interface: None,
            src_mac: [2, 0, 0, 0, 0, 1],
            src_origin: Origin::observed("fixed"),
            dst_mac: [2, 0, 0, 0, 0, 2],
            dst_origin: Origin::observed("fixed"),
        },
    };
    assemble(exchange, facts, &[b'z'; 100]).expect("the fixed exchange assembles")
}

pub fn caught(bytes: &[u8], second: u64) -> CapturedDissection {
    CapturedDissection {
        bytes: bytes.to_vec(),
        dissection: dissect_ethernet(bytes, Fcs::Absent),
        read_at: Duration::from_secs(second),
    }
}
