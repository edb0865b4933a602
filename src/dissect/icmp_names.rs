//! What an ICMP (IPv4) type and code mean: the type's name, each code's own
//! name with the RFC that defines it, and which types are errors that quote
//! a datagram. Kept apart from the dissector so the Type row and the Code row
//! each say their own thing.

use crate::t;

/// The RFC name of a type, if stackviz knows it.
pub fn type_name(kind: u8) -> Option<&'static str> {
    Some(match kind {
        0 => t!("Echo Reply"),
        3 => t!("Destination Unreachable"),
        4 => t!("Source Quench"),
        5 => t!("Redirect"),
        8 => t!("Echo Request"),
        9 => t!("Router Advertisement"),
        10 => t!("Router Solicitation"),
        11 => t!("Time Exceeded"),
        12 => t!("Parameter Problem"),
        13 => t!("Timestamp"),
        14 => t!("Timestamp Reply"),
        15 => t!("Information Request"),
        16 => t!("Information Reply"),
        17 => t!("Address Mask Request"),
        18 => t!("Address Mask Reply"),
        _ => return None,
    })
}

/// Error messages: after their 8-byte header they quote the IPv4 header and
/// at least the first 8 bytes of the datagram they are about (RFC 792).
pub fn is_error(kind: u8) -> bool {
    matches!(kind, 3 | 4 | 5 | 11 | 12)
}

/// The types whose bytes 4-7 are an Identifier and a Sequence Number that a
/// reply copies from its request (RFC 792, RFC 950 for the address mask).
pub fn has_identifier(kind: u8) -> bool {
    matches!(kind, 0 | 8 | 13..=18)
}

/// The codes a type defines: (code, name, where it is defined). Empty for a
/// type whose only code is 0.
fn codes(kind: u8) -> Vec<(u8, &'static str, &'static str)> {
    match kind {
        3 => vec![
            (0, t!("Net Unreachable"), "RFC 792"),
            (1, t!("Host Unreachable"), "RFC 792"),
            (2, t!("Protocol Unreachable"), "RFC 792"),
            (3, t!("Port Unreachable"), "RFC 792"),
            (4, t!("Fragmentation Needed and DF set"), "RFC 792"),
            (5, t!("Source Route Failed"), "RFC 792"),
            (6, t!("Destination Network Unknown"), "RFC 1122"),
            (7, t!("Destination Host Unknown"), "RFC 1122"),
            (8, t!("Source Host Isolated"), "RFC 1122"),
            (
                9,
                t!("Communication with Destination Network is Administratively Prohibited"),
                "RFC 1122",
            ),
            (
                10,
                t!("Communication with Destination Host is Administratively Prohibited"),
                "RFC 1122",
            ),
            (
                11,
                t!("Destination Network Unreachable for Type of Service"),
                "RFC 1122",
            ),
            (
                12,
                t!("Destination Host Unreachable for Type of Service"),
                "RFC 1122",
            ),
            (
                13,
                t!("Communication Administratively Prohibited"),
                "RFC 1812",
            ),
            (14, t!("Host Precedence Violation"), "RFC 1812"),
            (15, t!("Precedence cutoff in effect"), "RFC 1812"),
        ],
        5 => vec![
            (
                0,
                t!("Redirect Datagram for the Network (or subnet)"),
                "RFC 792",
            ),
            (1, t!("Redirect Datagram for the Host"), "RFC 792"),
            (
                2,
                t!("Redirect Datagram for the Type of Service and Network"),
                "RFC 792",
            ),
            (
                3,
                t!("Redirect Datagram for the Type of Service and Host"),
                "RFC 792",
            ),
        ],
        9 => vec![
            (0, t!("Normal router advertisement"), "RFC 1256"),
            (16, t!("Does not route common traffic"), "RFC 5944"),
        ],
        11 => vec![
            (0, t!("TTL exceeded in transit"), "RFC 792"),
            (1, t!("fragment reassembly time exceeded"), "RFC 792"),
        ],
        12 => vec![
            (0, t!("Pointer indicates the error"), "RFC 792"),
            (1, t!("Missing a Required Option"), "RFC 1108"),
            (2, t!("Bad Length"), "RFC 1812"),
        ],
        _ => vec![],
    }
}

/// The name of `code` under `kind`, translated, if the type defines it.
pub fn code_name(kind: u8, code: u8) -> Option<&'static str> {
    codes(kind)
        .into_iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, name, _)| name)
}

/// The Type row: the message type, and what kind of message it is.
pub fn type_meaning(kind: u8) -> String {
    let Some(name) = type_name(kind) else {
        return t!("type {kind} (not dissected by stackviz)", kind);
    };
    match kind {
        8 => t!("{name} (ping)", name),
        0 => t!("{name} (the answer to a ping)", name),
        4 => t!(
            "{name}: an error message quoting the datagram it is about; deprecated (RFC 6633): hosts ignore it",
            name
        ),
        _ if is_error(kind) => t!(
            "{name}: an error message quoting the datagram it is about",
            name
        ),
        15..=18 => t!("{name}: deprecated (RFC 6918)", name),
        _ => name.to_string(),
    }
}

/// The Code row: the code's own meaning under this type.
pub fn code_meaning(kind: u8, code: u8) -> String {
    let table = codes(kind);
    if let Some((_, name, rfc)) = table.iter().find(|(c, _, _)| *c == code) {
        return t!("{name} ({rfc})", name, rfc);
    }
    match (type_name(kind), table.is_empty(), code) {
        (None, _, _) => t!("code {code}: its meaning depends on the type", code),
        (Some(_), true, 0) => t!("0: this type has no codes; 0 means nothing more").into(),
        (Some(name), true, _) => t!(
            "{code}: {name} defines no codes, it should be 0",
            code,
            name
        ),
        (Some(name), false, _) => t!("{code}: not a code defined for {name}", code, name),
    }
}

/// One phrase for the message, for one-line summaries: the type, and the
/// code's name for the types whose codes say what went wrong.
pub fn headline(kind: u8, code: u8) -> String {
    match (type_name(kind), kind) {
        (Some(name), 3 | 5 | 11 | 12) => t!(
            "{kind}: {code}",
            kind = name,
            code = code_name(kind, code)
                .map(str::to_string)
                .unwrap_or_else(|| t!("code {code}", code))
        ),
        (Some(_), 0 | 8) => type_meaning(kind),
        (Some(name), _) => name.to_string(),
        (None, _) => type_meaning(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_destination_unreachable_code_up_to_15_has_a_name() {
        for code in 0..=15 {
            assert!(code_name(3, code).is_some(), "code {code}");
        }
        assert_eq!(code_name(3, 16), None);
    }

    #[test]
    fn type_and_code_rows_differ() {
        for kind in 0..=20 {
            for code in 0..=16 {
                assert_ne!(type_meaning(kind), code_meaning(kind, code));
            }
        }
    }
}
