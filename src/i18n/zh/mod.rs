//! The Simplified Chinese catalogue: English sentence → Chinese sentence,
//! one part per area of the program so each can be kept beside its code.
//! Placeholders (`{name}`) must be the same set in both; the same English
//! key may appear in two parts only with the same translation
//! (`tests/i18n.rs` checks both).

mod classload;
mod common;
mod help;
mod icmp;
mod ip;
mod iplayer;
mod lab;
mod labqdisc;
mod ladder;
mod lessons;
mod link;
mod meanings;
mod output;
mod render;
mod run;
mod sendfloor;
mod sendnet;
mod tcpcore;
mod tcpgold;
mod tcpjson;
mod tcprecv;
mod tcpscen;
mod tcpslow;
mod trace;
mod transport;
mod udploss;
// Named after its branch, as every helper's part is.
#[allow(clippy::module_inception)]
mod zh;

pub(super) const PARTS: &[&[(&str, &str)]] = &[
    common::ENTRIES,
    link::ENTRIES,
    ip::ENTRIES,
    iplayer::ENTRIES,
    transport::ENTRIES,
    icmp::ENTRIES,
    run::ENTRIES,
    render::ENTRIES,
    help::ENTRIES,
    sendnet::ENTRIES,
    sendfloor::ENTRIES,
    output::ENTRIES,
    meanings::ENTRIES,
    lessons::ENTRIES,
    trace::ENTRIES,
    tcpgold::ENTRIES,
    tcpcore::ENTRIES,
    tcpjson::ENTRIES,
    tcpscen::ENTRIES,
    tcprecv::ENTRIES,
    zh::ENTRIES,
    ladder::ENTRIES,
    udploss::ENTRIES,
    classload::ENTRIES,
    lab::ENTRIES,
    labqdisc::ENTRIES,
    tcpslow::ENTRIES,
];
