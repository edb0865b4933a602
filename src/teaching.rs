//! The five-layer model as data, for `stackviz layers`: what each layer
//! does, its PDU, the header it adds, the address it uses, where it lives,
//! and which stackviz command shows it; and how it maps onto the seven OSI
//! layers.

use serde::Serialize;

use crate::model::LayerKind;

/// One row of the model.
#[derive(Debug, Clone, Serialize)]
pub struct LayerRow {
    pub layer: LayerKind,
    pub does: &'static str,
    pub pdu: &'static str,
    pub header: &'static str,
    pub address: &'static str,
    pub lives_in: &'static str,
    pub shown_by: &'static str,
    /// The OSI layers this one covers, top first.
    pub osi: &'static [&'static str],
}

/// The five layers, top (application) first: the order a sender adds headers.
pub const MODEL: [LayerRow; 5] = [
    LayerRow {
        layer: LayerKind::Application,
        does: "the program's own data and protocol (your \"Hello!!\", DNS, HTTP)",
        pdu: "message",
        header: "none added by the stack: the data itself",
        address: "none of its own (names and URLs are the program's business)",
        lives_in: "your program (user space)",
        shown_by: "send step 1; recv \"data\"",
        osi: &["7 Application", "6 Presentation", "5 Session"],
    },
    LayerRow {
        layer: LayerKind::Transport,
        does: "from one program to another on two hosts: ports pick the socket",
        pdu: "datagram (UDP), segment (TCP)",
        header: "UDP: 8 bytes (ports, length, checksum); TCP: 20-60 bytes",
        address: "port, 0-65535 (0 in bind() = let the OS choose)",
        lives_in: "the kernel, reached through the socket API (socket, bind, sendto, recvfrom)",
        shown_by: "send step 2; recv \"Up 3\"; decode",
        osi: &["4 Transport"],
    },
    LayerRow {
        layer: LayerKind::Network,
        does: "from host to host across networks: routing, TTL, fragments",
        pdu: "packet",
        header: "IPv4: 20-60 bytes; IPv6: 40 bytes plus extension headers",
        address: "IP address: end to end, the same on every hop",
        lives_in: "the kernel (routing table, neighbour table)",
        shown_by: "send step 3; send --mtu; send -6",
        osi: &["3 Network"],
    },
    LayerRow {
        layer: LayerKind::Link,
        does: "from one interface to the next on one link",
        pdu: "frame",
        header: "Ethernet II: 14-byte header, padding to 60 bytes, 4-byte FCS trailer",
        address: "MAC address (48 bits): hop by hop, rewritten by every router",
        lives_in: "the kernel's driver and the network card",
        shown_by: "send step 4; two hosts (scripts/netns-lab.sh)",
        osi: &["2 Data link"],
    },
    LayerRow {
        layer: LayerKind::Physical,
        does: "bits as signals on the medium",
        pdu: "bits",
        header: "7-byte preamble and 1-byte SFD before the frame, 12-byte gap after",
        address: "none",
        lives_in: "the network card and the cable or radio",
        shown_by: "send step 5",
        osi: &["1 Physical"],
    },
];
