//! Golden output: the `send` page (colour off, widths 80 and 120, and in
//! Chinese at 100) and its JSON
//! for one fixed loopback exchange, and the real binary's `--help` texts, as
//! insta snapshots under tests/snapshots/. Any change to what a user reads
//! shows up as a snapshot diff to review.

mod common;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use stackviz::i18n::{self, Lang};
use stackviz::model::Origin;
use stackviz::net::exchange::{Delivery, Exchange, Received, Side, SocketCall};
use stackviz::net::host::{Interface, LinkAddresses};
use stackviz::render::RenderOptions;
use stackviz::send::{assemble, HostFacts, SendReport};
use stackviz::t;

const LOCALHOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
const SENDER: SocketAddr = SocketAddr::new(LOCALHOST, 42036);
const RECEIVER: SocketAddr = SocketAddr::new(LOCALHOST, 15001);
const MESSAGE: &[u8] = b"Hello!!";

fn call(side: Side, call: &str, result: &str, note: &str) -> SocketCall {
    SocketCall {
        side,
        call: call.into(),
        result: result.into(),
        note: note.into(),
    }
}

/// The calls of `stackviz send` on Linux, as the real exchange records them.
fn exchange() -> Exchange {
    Exchange {
        calls: vec![
            call(
                Side::Receiver,
                "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)",
                "fd 3",
                t!("the receiver's socket"),
            ),
            call(
                Side::Receiver,
                "bind(fd, 127.0.0.1:15001)",
                "0",
                t!("the port now belongs to this socket; datagrams for it are queued here"),
            ),
            call(
                Side::Sender,
                "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)",
                "fd 4",
                t!("an ordinary UDP socket; stackviz never writes raw frames"),
            ),
            call(
                Side::Sender,
                "setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)",
                "0",
                t!("DF set and no local fragmenting: Linux then sends IPv4 identification 0, so the prediction below can be exact"),
            ),
            call(
                Side::Sender,
                "sendto(fd, \"Hello!!\", 7, 127.0.0.1:15001)",
                &t!("{sent} (bytes sent)", sent = 7),
                t!("the kernel adds the UDP, IPv4 and link headers"),
            ),
            call(
                Side::Sender,
                "getsockname(fd)",
                "0.0.0.0:42036",
                &t!(
                    "no bind() before sendto(): the OS chose port {port} (ephemeral)",
                    port = 42036
                ),
            ),
            call(
                Side::Receiver,
                "recvfrom(fd, buf, 65536)",
                &t!(
                    "{n} (bytes) {data} from {from}",
                    n = 7,
                    data = "\"Hello!!\"",
                    from = SENDER
                ),
                t!("the receiver learns the sender's address and port from the packet's headers"),
            ),
        ],
        source: SENDER,
        source_learned_from: t!("recvfrom() on the receiver reported {from}", from = SENDER),
        destination: RECEIVER,
        bytes_sent: MESSAGE.len(),
        received: Some(Received {
            data: MESSAGE.to_vec(),
            from: SENDER,
        }),
        pmtu_discovery_do: true,
    }
}

/// Loopback's facts as Linux reports them.
fn facts() -> HostFacts {
    let why = t!(
        "{interface} is the loopback interface: Linux writes zeros",
        interface = "lo"
    );
    HostFacts {
        ttl: 64,
        ttl_origin: Origin::observed(t!(
            "{path} (the kernel's default for new sockets)",
            path = "/proc/sys/net/ipv4/ip_default_ttl"
        )),
        link: LinkAddresses {
            interface: Some(Interface {
                name: "lo".into(),
                mac: [0; 6],
                loopback: true,
                networks: vec![(Ipv4Addr::new(127, 0, 0, 1), 8)],
                mtu: Some(65_536),
            }),
            src_mac: [0; 6],
            src_origin: Origin::observed(why.clone()),
            dst_mac: [0; 6],
            dst_origin: Origin::observed(why),
        },
    }
}

fn report() -> SendReport {
    let mut report = assemble(exchange(), facts(), MESSAGE).expect("the fixed exchange assembles");
    report.delivery = Some(Delivery::Received);
    report
}

fn table(width: u16) -> String {
    let options = RenderOptions {
        color: false,
        width,
        rfc: false,
    };
    let mut out = Vec::new();
    stackviz::render::send_text::render(&report(), &mut out, &options).expect("renders");
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(!text.contains('\u{1b}'), "colour off, yet escapes");
    for line in text.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└'])) {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= usize::from(width),
            "table wider than {width}: {line}"
        );
    }
    text
}

#[test]
fn send_table_80() {
    insta::assert_snapshot!("send_table_80", table(80));
}

#[test]
fn send_table_120() {
    insta::assert_snapshot!("send_table_120", table(120));
}

/// The same page in Chinese: the dissector's meanings, the notes and the
/// headings are written while the thread speaks Chinese; field names stay.
#[test]
fn send_table_zh_100() {
    let text = i18n::with_language(Lang::Zh, || table(100));
    assert!(
        text.contains("2. 封装：沿发送方协议栈向下，一次一层"),
        "{text}"
    );
    assert!(text.contains("Source Port"), "RFC names stay");
    insta::assert_snapshot!("send_table_zh_100", text);
}

#[test]
fn send_json() {
    let mut out = Vec::new();
    stackviz::render::json::render_send(&report(), &mut out).expect("renders");
    let text = String::from_utf8(out).expect("UTF-8");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["schema"], "stackviz.send/1");
    // The document as programs read it, in its own key order.
    insta::assert_snapshot!("send_json", text);
}

/// The real binary's help, at a fixed width (no terminal: clap reads COLUMNS).
fn help(args: &[&str]) -> String {
    let out = common::stackviz()
        .args(args)
        .env("COLUMNS", "100")
        .output()
        .expect("stackviz runs");
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    assert!(out.stderr.is_empty(), "{args:?} wrote to stderr");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn help_top() {
    insta::assert_snapshot!("help", help(&["--help"]));
}

#[test]
fn help_send() {
    insta::assert_snapshot!("help_send", help(&["send", "--help"]));
}
