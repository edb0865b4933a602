//! The five-layer model as data, for `stackviz layers`: what each layer
//! does, its PDU, the header it adds, the address it uses, where it lives,
//! and which stackviz command shows it; and how it maps onto the seven OSI
//! layers.
//!
//! The rows are built by `model()` in the current language (`t!` cannot run
//! in a `static`), for the table and for JSON alike: as in every JSON
//! document, keys and the `layer` enum stay English, the texts follow
//! `--lang`. `model_in` picks a language explicitly.

use crate::i18n::{self, Lang};
use crate::model::LayerKind;
use crate::t;

/// One row of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerRow {
    pub layer: LayerKind,
    pub does: &'static str,
    pub pdu: &'static str,
    pub header: &'static str,
    pub address: &'static str,
    pub lives_in: &'static str,
    pub shown_by: &'static str,
    /// The OSI layers this one covers, top first.
    pub osi: Vec<&'static str>,
}

/// The five layers, top (application) first (the order a sender adds
/// headers), in the current language.
pub fn model() -> [LayerRow; 5] {
    [
        LayerRow {
            layer: LayerKind::Application,
            does: t!("the program's own data and protocol (your \"Hello!!\", DNS, HTTP)"),
            pdu: t!("message"),
            header: t!("none added by the stack: the data itself"),
            address: t!("none of its own (names and URLs are the program's business)"),
            lives_in: t!("your program (user space)"),
            shown_by: t!("send step 1; recv \"data\""),
            osi: vec![t!("7 Application"), t!("6 Presentation"), t!("5 Session")],
        },
        LayerRow {
            layer: LayerKind::Transport,
            does: t!("from one program to another on two hosts: ports pick the socket"),
            pdu: t!("datagram (UDP), segment (TCP)"),
            header: t!("UDP: 8 bytes (ports, length, checksum); TCP: 20-60 bytes"),
            address: t!("port, 0-65535 (0 in bind() = let the OS choose)"),
            lives_in: t!(
                "the kernel, reached through the socket API (socket, bind, sendto, recvfrom)"
            ),
            shown_by: t!("send step 2; recv \"Up 3\"; decode"),
            osi: vec![t!("4 Transport")],
        },
        LayerRow {
            layer: LayerKind::Network,
            does: t!("from host to host across networks: routing, TTL, fragments"),
            pdu: t!("packet"),
            header: t!("IPv4: 20-60 bytes; IPv6: 40 bytes plus extension headers"),
            address: t!("IP address: end to end, the same on every hop"),
            lives_in: t!("the kernel (routing table, neighbour table)"),
            shown_by: t!("send step 3; send --mtu; send -6"),
            osi: vec![t!("3 Network")],
        },
        LayerRow {
            layer: LayerKind::Link,
            does: t!("from one interface to the next on one link"),
            pdu: t!("frame"),
            header: t!("Ethernet II: 14-byte header, padding to 60 bytes, 4-byte FCS trailer"),
            address: t!("MAC address (48 bits): hop by hop, rewritten by every router"),
            lives_in: t!("the kernel's driver and the network card"),
            shown_by: t!("send step 4; two hosts (scripts/netns-lab.sh)"),
            osi: vec![t!("2 Data link")],
        },
        LayerRow {
            layer: LayerKind::Physical,
            does: t!("bits as signals on the medium"),
            pdu: t!("bits"),
            header: t!("7-byte preamble and 1-byte SFD before the frame, 12-byte gap after"),
            address: t!("none"),
            lives_in: t!("the network card and the cable or radio"),
            shown_by: t!("send step 5"),
            osi: vec![t!("1 Physical")],
        },
    ]
}

/// The five layers in `lang`, whatever the current language.
pub fn model_in(lang: Lang) -> [LayerRow; 5] {
    i18n::with_language(lang, model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_model_does_not_depend_on_the_current_language() {
        let en = model_in(Lang::En);
        let from_zh = i18n::with_language(Lang::Zh, || model_in(Lang::En));
        assert_eq!(en, from_zh);
        assert_eq!(en[0].osi[0], "7 Application");
        let zh = model_in(Lang::Zh);
        assert!(zh[0].osi[0].contains("应用层"), "{:?}", zh[0].osi);
    }
}
