//! The command line, as clap derive types. Whatever clap can check (ranges,
//! conflicts, value lists) it checks, so bad usage exits 2 before any work.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "stackviz",
    version,
    about = "Make TCP/IP encapsulation visible: one real UDP datagram, layer by layer",
    long_about = "Make TCP/IP encapsulation visible and provable.\n\n`stackviz send` sends one real UDP datagram through an ordinary socket and shows the same datagram built layer by layer: payload, UDP, IPv4, Ethernet II, physical."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options of every command; listed after each command's own (display_order).
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format: tables for people, JSON for programs (docs/json.md).
    #[arg(long, value_enum, default_value_t = Format::Table, global = true, display_order = 901)]
    pub format: Format,
    /// Colour: auto (only on a terminal, never with NO_COLOR set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, display_order = 902)]
    pub color: ColorChoice,
    /// Table width in columns (default: the terminal's width, else 100).
    #[arg(long, value_parser = clap::value_parser!(u16).range(40..=1000), global = true, display_order = 903)]
    pub width: Option<u16>,
    /// Draw each header as an RFC-style diagram (32-bit rows, bit ruler).
    #[arg(long, global = true, display_order = 904)]
    pub rfc: bool,
    /// Language of headings, meanings, notes, hints and errors (default:
    /// from LC_ALL, LC_MESSAGES or LANG; zh* means Chinese). Field names
    /// stay as the RFCs name them.
    #[arg(long, value_enum, global = true, display_order = 905)]
    pub lang: Option<crate::i18n::Lang>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send one real UDP datagram and show it encapsulated, layer by layer.
    Send(SendArgs),
    /// Be the receiver: bind, wait for datagrams, show each one decapsulated.
    Recv(RecvArgs),
    /// Explain any frame: hex text, "-" for standard input, or a pcap/pcapng file.
    Decode(DecodeArgs),
    /// The five-layer model in one table: PDU, header, address, where it lives.
    Layers(LayersArgs),
    /// Two hosts in network namespaces on one impaired link (root): loss, delay, reordering.
    Lab(LabArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(CompletionsArgs),
    /// Print the manual page as roff: stackviz man | man -l -
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete stackviz's commands and options in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print; default: stackviz itself.
    #[arg(value_enum, value_name = "COMMAND")]
    pub command: Option<ManPage>,
}

/// The commands that have a manual page of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ManPage {
    Send,
    Recv,
    Decode,
    Layers,
}

#[derive(Debug, Args)]
pub struct LayersArgs {
    /// Map the five TCP/IP layers onto the seven OSI layers.
    #[arg(long)]
    pub osi: bool,
}

#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// Hex bytes (spaces, colons, 0x and tcpdump -xx / Wireshark hex dumps
    /// allowed), a .pcap/.pcapng file, or "-" for standard input.
    #[arg(required = true, num_args = 1.., value_name = "HEX|FILE|-")]
    pub input: Vec<String>,
    /// How the frames begin when the input cannot say (hex text), or to
    /// override the file's link type.
    #[arg(long, value_enum)]
    pub link: Option<LinkArg>,
    /// One line per frame, like tcpdump, for big files.
    #[arg(long)]
    pub summary: bool,
    /// Only frames matching all terms: protocol names (udp, tcp, arp, icmp,
    /// ipv4, ipv6, vlan), "port N", "host ADDR".
    #[arg(long, value_parser = parse_filter)]
    pub filter: Option<crate::decode::Filter>,
    /// Show at most N frames.
    #[arg(long, value_parser = parse_frame_count)]
    pub count: Option<u64>,
    /// Skip the first N frames of the input.
    #[arg(long, default_value_t = 0)]
    pub skip: u64,
    /// Also write the shown frames (at most 200) as a self-contained HTML report.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Overwrite the --html file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinkArg {
    Ethernet,
    RawIp,
    LinuxSll,
}

fn parse_filter(text: &str) -> Result<crate::decode::Filter, String> {
    text.parse()
}

#[derive(Debug, Args)]
pub struct RecvArgs {
    /// Address and port to bind (default 0.0.0.0:15001 = every address of
    /// this host; with --tcp 127.0.0.1:15001, loopback only). ([::]:15001
    /// for every IPv6 address.)
    #[arg(long, value_name = "ADDR:PORT", value_parser = parse_endpoint)]
    pub bind: Option<SocketAddr>,
    /// Size of the buffer given to recvfrom(), in bytes; smaller than a
    /// datagram shows the truncation.
    #[arg(long, value_name = "BYTES", default_value_t = 65_536, value_parser = clap::value_parser!(u32).range(1..=1_048_576))]
    pub buf: u32,
    /// Stop after this many datagrams (with --tcp: connections).
    #[arg(long, value_parser = parse_datagram_count)]
    pub count: Option<u64>,
    /// Stop after this many seconds (default: run until Ctrl-C).
    #[arg(long, value_parser = parse_seconds)]
    pub timeout: Option<f64>,
    /// Capture each datagram's frame: auto (when permitted), on, off.
    #[arg(long, value_enum, default_value_t = CaptureArg::Auto)]
    pub capture: CaptureArg,
    /// Also write the received datagrams (at most 200) as a self-contained HTML report.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Overwrite the --html file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Be a TCP server instead (SOCK_STREAM): listen, then for each client
    /// show accept() with the client's SYN as it arrived, every recv() with
    /// the socket's TCP state, and (with capture) the connection's segments.
    #[arg(long, conflicts_with = "html")]
    pub tcp: bool,
    /// One line per datagram (number, time, sender, length, data), made to
    /// keep up with a classroom of senders: a large receive buffer,
    /// recvmmsg(), and the kernel's own count of dropped datagrams in the
    /// summary. Never captures.
    #[arg(long, conflicts_with_all = ["html", "capture"])]
    pub summary: bool,
    /// Ask for a receive buffer of this many bytes (SO_RCVBUFFORCE as root,
    /// else SO_RCVBUF, capped at net.core.rmem_max); a small one makes the
    /// kernel drop datagrams. Default: the kernel's; 16777216 with --summary.
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u32).range(1..=2_147_483_647))]
    pub rcvbuf: Option<u32>,
}

impl RecvArgs {
    /// The address to bind: --bind, else every address for UDP and the
    /// loopback address for a TCP server (which accepts any client that
    /// reaches it, so it is not offered to the network unless asked).
    pub fn bind_address(&self) -> SocketAddr {
        self.bind.unwrap_or_else(|| {
            if self.tcp {
                SocketAddr::from(([127, 0, 0, 1], 15001))
            } else {
                SocketAddr::from(([0, 0, 0, 0], 15001))
            }
        })
    }
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The message to send ("-" reads standard input). Default: "Hello!!".
    #[arg(conflicts_with_all = ["hex", "file"])]
    pub message: Option<String>,
    /// The payload as hex bytes, e.g. 48656c6c6f (spaces, colons and 0x allowed).
    #[arg(long, value_parser = parse_hex_arg, conflicts_with = "file")]
    pub hex: Option<HexBytes>,
    /// Read the payload from a file ("-" for standard input).
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Use IPv6: the embedded receiver listens on [::1] (AF_INET6).
    #[arg(short = '6', long = "ipv6", conflicts_with = "to")]
    pub ipv6: bool,
    /// Port of the embedded receiver on 127.0.0.1 (0 = let the OS choose).
    #[arg(long, default_value_t = 15001, conflicts_with = "to")]
    pub port: u16,
    /// Send to a receiver that runs elsewhere, HOST:PORT (no embedded receiver).
    /// IPv6 in brackets: [::1]:15001.
    #[arg(long, value_name = "HOST:PORT", value_parser = parse_endpoint)]
    pub to: Option<SocketAddr>,
    /// Bind the sender to ADDR:PORT first (port 0 = let the OS choose).
    #[arg(long, value_name = "ADDR:PORT", value_parser = parse_endpoint)]
    pub from: Option<SocketAddr>,
    /// Time to live for the sender's packets (default: the kernel's).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..))]
    pub ttl: Option<u8>,
    /// Seconds to wait for the datagram to arrive.
    #[arg(long, default_value_t = 3.0, value_parser = parse_seconds, allow_negative_numbers = true)]
    pub timeout: f64,
    /// Capture the real frame and compare it with the built one: auto (when
    /// permitted), on (fail without permission), off.
    #[arg(long, value_enum, default_value_t = CaptureArg::Auto)]
    pub capture: CaptureArg,
    /// Write the built and the captured frames to a pcapng file (Wireshark, tshark).
    #[arg(long, value_name = "FILE")]
    pub pcap: Option<PathBuf>,
    /// Write a self-contained HTML report (for a projector or a browser).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Overwrite the --pcap or --html file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Bind no receiver: watch the datagram be dropped (ICMP port unreachable).
    #[arg(long, conflicts_with = "to")]
    pub no_receiver: bool,
    /// Show the datagram cut into IPv4 fragments for a link with this MTU
    /// (68 to 65535; loopback's real MTU is 65536).
    #[arg(long, value_parser = clap::value_parser!(u16).range(68..))]
    pub mtu: Option<u16>,
    /// Send the same payload over IPv4 and over IPv6 and compare the sizes.
    #[arg(long, conflicts_with_all = ["to", "ipv6", "no_receiver", "step"])]
    pub compare_families: bool,
    /// Send the same message over UDP and over TCP and compare them:
    /// datagrams vs segments, bytes on the wire, header overhead, round
    /// trips before the data, the socket calls.
    #[arg(long, conflicts_with_all = ["to", "no_receiver", "step", "compare_families", "tcp", "mtu", "dont_fragment", "ttl", "pcap", "html", "segment", "all", "absolute", "scenario", "mss"])]
    pub compare_transports: bool,
    /// Pause after each layer (Enter for the next): down the sender's stack,
    /// then up the receiver's. Plain output when not on a terminal.
    #[arg(long)]
    pub step: bool,
    /// Keep DF even when the datagram is too big. Every send already sets DF
    /// (IP_PMTUDISC_DO) when the packet fits the outgoing interface; this flag
    /// adds it when it does not, so the kernel refuses (EMSGSIZE) instead of
    /// fragmenting, and with --mtu it shows the router's drop instead of fragments.
    #[arg(long)]
    pub dont_fragment: bool,
    /// Use TCP (SOCK_STREAM): one real connection with an embedded server,
    /// every segment built, explained and (with capture) compared; the
    /// timeline of both sockets' calls and states, and the ladder diagram.
    /// With --no-receiver: connect to a closed port (RST).
    #[arg(long, conflicts_with_all = ["mtu", "dont_fragment", "compare_families", "ttl"])]
    pub tcp: bool,
    /// With --tcp: show segment N layer by layer (repeatable; default: the
    /// SYN and the first data segment).
    #[arg(long, value_name = "N", requires = "tcp", value_parser = clap::value_parser!(u16).range(1..))]
    pub segment: Vec<u16>,
    /// With --tcp: show every segment layer by layer.
    #[arg(long, requires = "tcp", conflicts_with = "segment")]
    pub all: bool,
    /// With --tcp: absolute sequence and acknowledgment numbers (as on the
    /// wire) instead of relative ones.
    #[arg(long, requires = "tcp")]
    pub absolute: bool,
    // One line per scenario in the help itself: per-value help would make
    // clap switch every option of --help to its long layout.
    #[arg(
        long,
        value_enum,
        value_name = "NAME",
        requires = "tcp",
        conflicts_with_all = ["to", "no_receiver"],
        hide_possible_values = true,
        default_value_if("mss", clap::builder::ArgPredicate::IsPresent, "small-mss"),
        help = "With --tcp: a case a learner trips over, with its real segments:\n\
closed-port   nobody listens: RST,ACK, ECONNREFUSED (as --no-receiver)\n\
no-accept     no accept(): the kernel finishes the handshake alone\n\
two-sends     two send() calls, one recv(): no message boundaries\n\
reset         SO_LINGER (on, 0), close(): RST instead of FIN, ECONNRESET\n\
unread-close  the server closes with unread data: RST instead of FIN\n\
small-mss     TCP_MAXSEG on the listener (--mss): several segments\n\
no-answer     a full accept queue drops the SYN: retries until --timeout"
    )]
    pub scenario: Option<Scenario>,
    /// With --tcp: the MSS the server announces (TCP_MAXSEG on its listener;
    /// 88 to 32767); implies --scenario small-mss. Default there: 536.
    #[arg(long, value_name = "BYTES", requires = "tcp", value_parser = clap::value_parser!(u16).range(88..=32767))]
    pub mss: Option<u16>,
    /// Send N numbered UDP datagrams (#0001, #0002, ...) as fast as sendto()
    /// returns to a receiver on 127.0.0.1 with a small receive buffer that
    /// reads only after the sender has finished: which arrived, which were
    /// lost, and the kernel's drop counters. With --tcp: N numbered messages
    /// over one connection to a server that reads slowly: every byte
    /// arrives, the sender is slowed down (flow control, the receive window).
    #[arg(long, value_name = "N", value_parser = parse_loss_count,
          conflicts_with_all = ["to", "no_receiver", "mtu", "compare_families", "step",
                                "ipv6", "pcap", "html", "from", "ttl", "dont_fragment",
                                "segment", "all", "absolute", "scenario", "mss"])]
    pub count: Option<u64>,
    /// With --count: datagrams per second (default 0: as fast as possible).
    #[arg(long, value_name = "PPS", requires = "count",
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate: Option<u32>,
    /// With --count: the receiver's SO_RCVBUF in bytes (default 4096; Linux
    /// doubles it for its bookkeeping and caps it at net.core.rmem_max).
    #[arg(long, value_name = "BYTES", requires = "count",
          value_parser = clap::value_parser!(u32).range(1..=268_435_456))]
    pub rcvbuf: Option<u32>,
    /// With --count: the receiver reads while the sender sends, pausing MS
    /// milliseconds after each datagram (default: it reads only after the
    /// sender has finished). With --tcp: the pause after each recv()
    /// (default 100).
    #[arg(long, value_name = "MS", requires = "count",
          value_parser = clap::value_parser!(u32).range(0..=60_000))]
    pub slow_receiver: Option<u32>,
    /// With --tcp --count: the client's SO_SNDBUF in bytes (default 4096,
    /// which Linux doubles: send() blocks once 8 KiB wait; 0 leaves the
    /// kernel's automatic sizing, up to net.ipv4.tcp_wmem's maximum).
    #[arg(long, value_name = "BYTES", requires_all = ["count", "tcp"],
          value_parser = clap::value_parser!(u32).range(0..=268_435_456))]
    pub sndbuf: Option<u32>,
    /// With --count: show the order the datagrams arrived in, and any that
    /// came late or twice.
    #[arg(long, requires = "count", conflicts_with = "tcp")]
    pub order: bool,
}

/// The cases `send --tcp --scenario` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scenario {
    ClosedPort,
    NoAccept,
    TwoSends,
    Reset,
    UnreadClose,
    SmallMss,
    NoAnswer,
}

/// The receive buffer `send --count` asks for when --rcvbuf is not given:
/// Linux makes it 8192 bytes, room for a handful of small datagrams.
pub const DEFAULT_LOSS_RCVBUF: u32 = 4096;

/// The client's send buffer `send --tcp --count` asks for when --sndbuf is
/// not given: small, so that send() itself waits for the receiver.
pub const DEFAULT_FLOW_SNDBUF: u32 = 4096;

/// The server's pause after each recv() in `send --tcp --count` when
/// --slow-receiver is not given: longer than the delayed-ACK timer (40 ms),
/// so the full receive window is advertised as 0 before the next read.
pub const DEFAULT_FLOW_PAUSE_MS: u32 = 100;

/// send's `--count`: 0 would send nothing; more than ten million would take
/// minutes and memory for nothing more to see.
fn parse_loss_count(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err(
            crate::t!("0 datagrams would send nothing: give 1 or more, e.g. --count 200").into(),
        ),
        Ok(n) if n > 10_000_000 => Err(crate::t!(
            "{n} datagrams is more than 10000000: give fewer, e.g. --count 200",
            n
        )),
        Ok(n) => Ok(n),
        Err(_) => Err(crate::t!("expected a whole number of datagrams, e.g. 200").into()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CaptureArg {
    Auto,
    On,
    Off,
}

/// Bytes given as hex. A newtype, because clap reads `Option<Vec<u8>>` as a
/// list of numbers rather than one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HexBytes(pub Vec<u8>);

fn parse_hex_arg(text: &str) -> Result<HexBytes, String> {
    crate::input::parse_hex(text)
        .map(HexBytes)
        .map_err(|e| e.to_string())
}

/// recv's `--count`: 0 is refused with what it would mean, instead of
/// clap's "0 is not in 1..18446744073709551615".
fn parse_datagram_count(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err(crate::t!(
            "0 datagrams would end recv before the first one: give 1 or more, or leave out --count to wait until --timeout or Ctrl-C"
        )
        .into()),
        Ok(n) => Ok(n),
        Err(_) => Err(crate::t!("expected a whole number of datagrams, e.g. 1").into()),
    }
}

/// decode's `--count`: likewise, 0 would show nothing.
fn parse_frame_count(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err(crate::t!(
            "0 frames would show nothing: give 1 or more, or leave out --count to show every frame"
        )
        .into()),
        Ok(n) => Ok(n),
        Err(_) => Err(crate::t!("expected a whole number of frames, e.g. 10").into()),
    }
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    let range = crate::t!("give more than 0 and at most 3600, e.g. 2 or 0.5");
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 3600.0 => Ok(s),
        Ok(0.0) => Err(crate::t!("0 seconds would not wait at all: {range}", range)),
        Ok(s) if s < 0.0 => Err(crate::t!(
            "{text} seconds is negative: {range}",
            text,
            range
        )),
        Ok(s) if s > 3600.0 => Err(crate::t!(
            "{text} seconds is more than an hour: {range}",
            text,
            range
        )),
        _ => Err(crate::t!(
            "{text} is not a number of seconds: {range}",
            text = format!("{text:?}"),
            range
        )),
    }
}

/// `HOST:PORT` or `[IPv6]:PORT` to a socket address, resolving names such
/// as localhost (IPv4 first).
pub fn parse_endpoint(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if text.matches(':').count() > 1 && !text.starts_with('[') {
        return Err(crate::t!(
            "write an IPv6 address in brackets with its port, e.g. [::1]:15001, not {text}",
            text = format!("{text:?}")
        ));
    }
    let Some((host, port)) = text.rsplit_once(':') else {
        return Err(crate::t!(
            "expected HOST:PORT such as 127.0.0.1:15001 or [::1]:15001, got {text}",
            text = format!("{text:?}")
        ));
    };
    let port: u16 = port.parse().map_err(|_| {
        crate::t!(
            "port {port} is not a number from 0 to 65535",
            port = format!("{port:?}")
        )
    })?;
    let mut addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| {
            crate::t!(
                "cannot resolve {host}: {e}",
                host = format!("{host:?}"),
                e = crate::i18n::os::describe(&e)
            )
        })?
        .collect();
    addrs.sort_by_key(|a| a.is_ipv6());
    addrs
        .into_iter()
        .next()
        .ok_or_else(|| crate::t!("{host} has no address", host))
}

#[derive(Debug, Args)]
pub struct LabArgs {
    #[command(subcommand)]
    pub action: LabAction,
    /// Names the lab's namespaces PREFIX-a and PREFIX-b (scripts/netns-lab.sh's LAB_PREFIX).
    #[arg(
        long,
        env = "LAB_PREFIX",
        default_value = "sv",
        global = true,
        value_name = "PREFIX"
    )]
    pub prefix: String,
}

#[derive(Debug, Subcommand)]
pub enum LabAction {
    /// Make two namespaces joined by a veth pair (10.200.0.1 and 10.200.0.2); already up: nothing changes.
    Up,
    /// Remove the namespaces, the link and its impairment (safe to repeat).
    Down,
    /// Say what is up: namespaces, addresses, send offload, the impairment on each end.
    Status,
    /// Impair the link: netem where the kernel has it, else XDP loss, htb reordering and mirred duplication (replaces the impairment; --clear removes it).
    Impair(ImpairArgs),
    /// Send numbered UDP datagrams from host a to host b and count what was lost, reordered, duplicated.
    Udp(LabUdpArgs),
    /// Send bytes over one TCP connection from host a to host b, captured at both ends: losses, retransmissions, duplicate ACKs, SACK.
    Tcp(LabTcpArgs),
    /// The same message over TCP and over UDP on the 1500-byte link: real MSS-sized segments against IP fragments.
    Mtu(LabMtuArgs),
}

#[derive(Debug, Args)]
pub struct LabMtuArgs {
    /// How many bytes each transport carries (more than fits one 1500-byte packet).
    #[arg(long, default_value_t = 4000, value_parser = clap::value_parser!(u64).range(1473..=65_000))]
    pub bytes: u64,
}

#[derive(Debug, Args)]
pub struct LabTcpArgs {
    /// How many bytes host a sends (the server checks them byte for byte).
    #[arg(long, default_value_t = 30000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub bytes: u64,
}

#[derive(Debug, Args)]
pub struct ImpairArgs {
    /// Percent of packets dropped.
    #[arg(long, value_name = "PERCENT")]
    pub loss: Option<f64>,
    /// Milliseconds every packet waits (needs netem).
    #[arg(long, value_name = "MS")]
    pub delay: Option<f64>,
    /// Milliseconds the delay varies by, up or down (needs --delay).
    #[arg(long, value_name = "MS")]
    pub jitter: Option<f64>,
    /// Percent of packets reordered: with --delay netem sends them at once, ahead of the delayed ones; without, htb holds them in a slow class while later ones overtake them.
    #[arg(long, value_name = "PERCENT")]
    pub reorder: Option<f64>,
    /// Percent of packets sent twice (without netem mirred copies them, and a copy can be copied again).
    #[arg(long, value_name = "PERCENT")]
    pub duplicate: Option<f64>,
    /// Link rate in Mbit/s: packets wait their turn on the wire and queue when sent faster (netem's rate, or htb without netem).
    #[arg(long, value_name = "MBIT")]
    pub rate: Option<f64>,
    /// Impair both directions (default: only packets from host a to host b).
    #[arg(long)]
    pub both: bool,
    /// Remove the impairment from both ends.
    #[arg(long, conflicts_with_all = ["loss", "delay", "jitter", "reorder", "duplicate", "rate", "both"])]
    pub clear: bool,
}

#[derive(Debug, Args)]
pub struct LabUdpArgs {
    /// How many numbered datagrams host a sends.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub count: u64,
    /// Payload bytes per datagram (at least 13: "SVLAB" and the number).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(13..=1472))]
    pub size: u64,
}
