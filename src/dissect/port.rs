//! What a port number says, for UDP and TCP alike: whose socket it belongs
//! to, which IANA range (RFC 6335) it falls in, and whether it lies in the
//! range Linux picks ports from for sockets that name none (the ephemeral
//! range, /proc/sys/net/ipv4/ip_local_port_range): IANA's ranges alone
//! would call an OS-chosen port 35964 "registered", which says nothing
//! about where it came from.

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::t;

/// Which socket a port field belongs to.
#[derive(Clone, Copy)]
pub enum Side {
    Sending,
    Receiving,
}

/// Linux's default `ip_local_port_range` (net.ipv4.ip_local_port_range).
pub const LINUX_DEFAULT_EPHEMERAL: (u16, u16) = (32768, 60999);

/// The ephemeral range a port is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ephemeral {
    /// Read from this host: the frame was sent or received here.
    Host(u16, u16),
    /// A frame from elsewhere (`decode`): the capturing host is unknown, so
    /// Linux's default is the only honest reference.
    LinuxDefault,
}

static HOST_RANGE: OnceLock<(u16, u16)> = OnceLock::new();

/// Called once by `send` and `recv`, whose frames are this host's: port
/// meanings then name this host's range. `decode` never calls it.
pub fn set_host_range(low: u16, high: u16) {
    let _ = HOST_RANGE.set((low, high));
}

/// Parses `/proc/sys/net/ipv4/ip_local_port_range` ("32768\t60999\n").
pub fn parse_range(text: &str) -> Option<(u16, u16)> {
    let mut words = text.split_whitespace().map(str::parse::<u16>);
    match (words.next(), words.next(), words.next()) {
        (Some(Ok(low)), Some(Ok(high)), None) if low <= high => Some((low, high)),
        _ => None,
    }
}

fn current() -> Ephemeral {
    match HOST_RANGE.get() {
        Some(&(low, high)) => Ephemeral::Host(low, high),
        None => Ephemeral::LinuxDefault,
    }
}

/// The meaning of a port field. `zero` says what port 0 means for this
/// protocol (it differs between UDP and TCP).
pub fn meaning(port: u64, side: Side, zero: &str) -> String {
    meaning_in(port, side, zero, current())
}

/// What a port's sentence depends on besides port 0's own words: its IANA
/// range, whether the ephemeral range holds it, the side, the range, the
/// language. Not the number itself.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Said {
    iana: u8,
    inside: bool,
    sending: bool,
    ephemeral: Ephemeral,
    lang: crate::i18n::Lang,
}

/// At most this many sentences are kept per thread (a capture needs a
/// handful: three ranges, inside or not, two sides).
const KEPT: usize = 64;

thread_local! {
    /// Port sentences already written on this thread: a capture's
    /// thousands of ports need only a few, and each takes three `t!` fills.
    static KEPT_SENTENCES: RefCell<Vec<(Said, String)>> = const { RefCell::new(Vec::new()) };
}

/// `meaning` against a given ephemeral range.
pub fn meaning_in(port: u64, side: Side, zero: &str, ephemeral: Ephemeral) -> String {
    if port == 0 {
        return write_meaning(port, side, zero, ephemeral);
    }
    let (low, high) = bounds(ephemeral);
    let key = Said {
        iana: match port {
            1..=1023 => 1,
            1024..=49151 => 2,
            _ => 3,
        },
        inside: (low..=high).contains(&port),
        sending: matches!(side, Side::Sending),
        ephemeral,
        lang: crate::i18n::language(),
    };
    let known = KEPT_SENTENCES.with(|kept| {
        kept.borrow()
            .iter()
            .find(|(said, _)| *said == key)
            .map(|(_, sentence)| sentence.clone())
    });
    if let Some(sentence) = known {
        return sentence;
    }
    let sentence = write_meaning(port, side, zero, ephemeral);
    KEPT_SENTENCES.with(|kept| {
        let mut kept = kept.borrow_mut();
        if kept.len() < KEPT {
            kept.push((key, sentence.clone()));
        }
    });
    sentence
}

/// The ephemeral range's two ends.
fn bounds(ephemeral: Ephemeral) -> (u64, u64) {
    match ephemeral {
        Ephemeral::Host(low, high) => (u64::from(low), u64::from(high)),
        Ephemeral::LinuxDefault => (
            u64::from(LINUX_DEFAULT_EPHEMERAL.0),
            u64::from(LINUX_DEFAULT_EPHEMERAL.1),
        ),
    }
}

/// The sentence itself, written out.
fn write_meaning(port: u64, side: Side, zero: &str, ephemeral: Ephemeral) -> String {
    let iana = match port {
        0 => zero,
        1..=1023 => t!("IANA well-known range 0-1023"),
        1024..=49151 => t!("IANA registered range 1024-49151"),
        _ => t!("IANA dynamic range 49152-65535"),
    };
    let (low, high) = bounds(ephemeral);
    let inside = (low..=high).contains(&port);
    // A well-known port outside the range needs no word on it; port 0 is
    // never a socket's port on the wire.
    let range = if port == 0 || (port < 1024 && !inside) {
        iana.to_string()
    } else {
        let linux = match (ephemeral, inside) {
            (Ephemeral::Host(..), true) => t!(
                "inside this host's ephemeral range {low}-{high} (/proc/sys/net/ipv4/ip_local_port_range), where Linux picks a port for a socket that names none",
                low,
                high
            ),
            (Ephemeral::Host(..), false) => t!(
                "outside this host's ephemeral range {low}-{high} (/proc/sys/net/ipv4/ip_local_port_range), so not a port Linux picked by itself",
                low,
                high
            ),
            (Ephemeral::LinuxDefault, true) => t!(
                "inside Linux's default ephemeral range {low}-{high}, where Linux picks a port for a socket that names none",
                low,
                high
            ),
            (Ephemeral::LinuxDefault, false) => t!(
                "outside Linux's default ephemeral range {low}-{high}",
                low,
                high
            ),
        };
        t!("{iana}; {linux}", iana, linux)
    };
    match side {
        Side::Sending => t!("the sending socket's port; {range}", range),
        Side::Receiving => t!("the receiving socket's port; {range}", range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_os_chosen_port_names_both_ranges() {
        let text = meaning_in(35964, Side::Sending, "0", Ephemeral::LinuxDefault);
        assert_eq!(
            text,
            "the sending socket's port; IANA registered range 1024-49151; inside Linux's default ephemeral range 32768-60999, where Linux picks a port for a socket that names none"
        );
    }

    #[test]
    fn this_hosts_range_is_named_when_known() {
        let text = meaning_in(15001, Side::Receiving, "0", Ephemeral::Host(10000, 20000));
        assert!(
            text.ends_with("IANA registered range 1024-49151; inside this host's ephemeral range 10000-20000 (/proc/sys/net/ipv4/ip_local_port_range), where Linux picks a port for a socket that names none"),
            "{text}"
        );
        let text = meaning_in(61000, Side::Sending, "0", Ephemeral::Host(32768, 60999));
        assert!(
            text.ends_with("IANA dynamic range 49152-65535; outside this host's ephemeral range 32768-60999 (/proc/sys/net/ipv4/ip_local_port_range), so not a port Linux picked by itself"),
            "{text}"
        );
    }

    #[test]
    fn a_well_known_port_outside_the_range_keeps_its_iana_words_alone() {
        let text = meaning_in(53, Side::Receiving, "0", Ephemeral::LinuxDefault);
        assert_eq!(
            text,
            "the receiving socket's port; IANA well-known range 0-1023"
        );
    }

    /// A sentence kept from an earlier port is the one that port's own
    /// writing gives: every range, side, language and port 0 alike.
    #[test]
    fn kept_sentences_are_the_written_ones() {
        use crate::i18n::{with_language, Lang};
        let ranges = [Ephemeral::LinuxDefault, Ephemeral::Host(10000, 20000)];
        for lang in [Lang::En, Lang::Zh] {
            with_language(lang, || {
                for _ in 0..2 {
                    for port in [
                        0, 1, 53, 1023, 1024, 15001, 32768, 49151, 49152, 60999, 65535,
                    ] {
                        for side in [Side::Sending, Side::Receiving] {
                            for ephemeral in ranges {
                                assert_eq!(
                                    meaning_in(port, side, "zero", ephemeral),
                                    write_meaning(port, side, "zero", ephemeral),
                                    "{port} {ephemeral:?} {lang:?}"
                                );
                            }
                        }
                    }
                }
            });
        }
    }

    #[test]
    fn the_proc_file_is_parsed_and_nonsense_refused() {
        assert_eq!(parse_range("32768\t60999\n"), Some((32768, 60999)));
        assert_eq!(parse_range("60999 32768"), None);
        assert_eq!(parse_range("1 2 3"), None);
        assert_eq!(parse_range(""), None);
    }
}
