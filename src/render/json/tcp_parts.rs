//! The small pieces of `stackviz.tcp/1` that both the calls and the
//! segments use: peers, flags, options, the saved SYN, TCP_INFO and the
//! kernel's table entry. Built from the model at this edge; unknown values
//! are null, never a stand-in.

use serde::Serialize;

use crate::net::tcp_exchange::Peer;
use crate::net::tcp_info::{TableEntry, TcpInfo, TcpSysctls};
use crate::tcp::predict::{Flags, SavedSyn, TcpOption};

/// `"client"` or `"server"`.
pub(super) fn peer_name(peer: Peer) -> &'static str {
    match peer {
        Peer::Client => "client",
        Peer::Server => "server",
    }
}

/// The flags set, in the order tcpdump lists them: `["SYN", "ACK"]`.
pub(super) fn flag_list(flags: &Flags) -> Vec<&'static str> {
    [
        (flags.cwr, "CWR"),
        (flags.ece, "ECE"),
        (flags.syn, "SYN"),
        (flags.rst, "RST"),
        (flags.psh, "PSH"),
        (flags.fin, "FIN"),
        (flags.ack, "ACK"),
    ]
    .into_iter()
    .filter_map(|(set, name)| set.then_some(name))
    .collect()
}

/// One option as it goes on the wire: `{"kind": "mss", "value": 65495}`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum OptionDoc {
    Mss { value: u16 },
    SackPermitted,
    Timestamps { value: u32, echo: u32 },
    Nop,
    WindowScale { shift: u8 },
}

impl From<&TcpOption> for OptionDoc {
    fn from(option: &TcpOption) -> Self {
        match *option {
            TcpOption::Mss(value) => OptionDoc::Mss { value },
            TcpOption::SackPermitted => OptionDoc::SackPermitted,
            TcpOption::Timestamps { value, echo } => OptionDoc::Timestamps { value, echo },
            TcpOption::Nop => OptionDoc::Nop,
            TcpOption::WindowScale(shift) => OptionDoc::WindowScale { shift },
        }
    }
}

pub(super) fn options(options: &[TcpOption]) -> Vec<OptionDoc> {
    options.iter().map(OptionDoc::from).collect()
}

/// The client's SYN as TCP_SAVED_SYN returned it (observed, no privilege).
#[derive(Serialize)]
pub(super) struct SynDoc {
    isn: u32,
    window: u16,
    flags: Vec<&'static str>,
    options: Vec<OptionDoc>,
    tsval: Option<u32>,
    ip_id: Option<u16>,
    flow_label: Option<u32>,
    ecn: u8,
}

impl From<&SavedSyn> for SynDoc {
    fn from(syn: &SavedSyn) -> Self {
        SynDoc {
            isn: syn.isn,
            window: syn.window,
            flags: flag_list(&syn.flags),
            options: options(&syn.options),
            tsval: syn.tsval,
            ip_id: syn.ip_id,
            flow_label: syn.flow_label,
            ecn: syn.ecn,
        }
    }
}

/// The TCP_INFO fields stackviz reads; null where this kernel's struct
/// is too short to hold them.
#[derive(Serialize)]
pub(super) struct TcpInfoDoc {
    state: String,
    options: u8,
    snd_wscale: u8,
    rcv_wscale: u8,
    rto_us: u32,
    snd_mss: u32,
    rcv_mss: u32,
    unacked: u32,
    retransmits_total: u32,
    rtt_us: u32,
    advmss: u32,
    rcv_space: u32,
    bytes_acked: Option<u64>,
    bytes_received: Option<u64>,
    segs_out: Option<u32>,
    segs_in: Option<u32>,
    data_segs_in: Option<u32>,
    data_segs_out: Option<u32>,
    snd_wnd: Option<u32>,
    rcv_wnd: Option<u32>,
}

impl From<&TcpInfo> for TcpInfoDoc {
    fn from(i: &TcpInfo) -> Self {
        TcpInfoDoc {
            state: i.state.name(),
            options: i.options,
            snd_wscale: i.snd_wscale,
            rcv_wscale: i.rcv_wscale,
            rto_us: i.rto_us,
            snd_mss: i.snd_mss,
            rcv_mss: i.rcv_mss,
            unacked: i.unacked,
            retransmits_total: i.retransmits_total,
            rtt_us: i.rtt_us,
            advmss: i.advmss,
            rcv_space: i.rcv_space,
            bytes_acked: i.bytes_acked,
            bytes_received: i.bytes_received,
            segs_out: i.segs_out,
            segs_in: i.segs_in,
            data_segs_in: i.data_segs_in,
            data_segs_out: i.data_segs_out,
            snd_wnd: i.snd_wnd,
            rcv_wnd: i.rcv_wnd,
        }
    }
}

/// `{state, ms_left}`: an entry of /proc/net/tcp after close().
#[derive(Serialize)]
pub(super) struct TableEntryDoc {
    state: String,
    ms_left: Option<u64>,
}

impl From<&TableEntry> for TableEntryDoc {
    fn from(entry: &TableEntry) -> Self {
        TableEntryDoc {
            state: entry.state.name(),
            ms_left: entry.timer_ms,
        }
    }
}

/// The sysctls under their own names, each as read (null: unreadable).
#[derive(Serialize)]
pub(super) struct SysctlsDoc<'a> {
    #[serde(rename = "net.ipv4.tcp_timestamps")]
    timestamps: Option<&'a str>,
    #[serde(rename = "net.ipv4.tcp_sack")]
    sack: Option<&'a str>,
    #[serde(rename = "net.ipv4.tcp_window_scaling")]
    window_scaling: Option<&'a str>,
    #[serde(rename = "net.ipv4.tcp_ecn")]
    ecn: Option<&'a str>,
    #[serde(rename = "net.ipv4.tcp_rmem")]
    rmem: Option<&'a str>,
    #[serde(rename = "net.ipv4.tcp_syn_retries")]
    syn_retries: Option<&'a str>,
    #[serde(rename = "net.core.rmem_max")]
    rmem_max: Option<&'a str>,
}

impl<'a> From<&'a TcpSysctls> for SysctlsDoc<'a> {
    fn from(s: &'a TcpSysctls) -> Self {
        SysctlsDoc {
            timestamps: s.timestamps.as_deref(),
            sack: s.sack.as_deref(),
            window_scaling: s.window_scaling.as_deref(),
            ecn: s.ecn.as_deref(),
            rmem: s.rmem.as_deref(),
            syn_retries: s.syn_retries.as_deref(),
            rmem_max: s.rmem_max.as_deref(),
        }
    }
}
