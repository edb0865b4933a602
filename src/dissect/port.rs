//! What a port number says, for UDP and TCP alike: whose socket it belongs
//! to and which IANA range (RFC 6335) it falls in.

use crate::t;

/// Which socket a port field belongs to.
#[derive(Clone, Copy)]
pub enum Side {
    Sending,
    Receiving,
}

/// The meaning of a port field. `zero` says what port 0 means for this
/// protocol (it differs between UDP and TCP).
pub fn meaning(port: u64, side: Side, zero: &str) -> String {
    let range = match port {
        0 => zero,
        1..=1023 => t!("IANA well-known range 0-1023"),
        1024..=49151 => t!("IANA registered range 1024-49151"),
        _ => t!("IANA dynamic range 49152-65535"),
    };
    match side {
        Side::Sending => t!("the sending socket's port; {range}", range),
        Side::Receiving => t!("the receiving socket's port; {range}", range),
    }
}
