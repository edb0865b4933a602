//! Everything that touches the operating system: the real socket exchange and
//! the host facts (interfaces, neighbours, defaults) a frame is built from.

pub mod capture;
pub mod exchange;
pub mod holder;
pub mod host;
pub mod netlink;
pub mod overflow;
pub mod rcvbuf;
pub mod receiver;
pub mod snmp;
pub mod sockopt;
pub mod tcp_exchange;
pub mod tcp_flow;
pub mod tcp_info;
