//! stackviz: make TCP/IP encapsulation visible and provable.
//!
//! etherparse builds the frame (`build`), one dissector explains every frame
//! (`dissect`), `net` talks to the OS, and renderers only draw (`render`).

pub mod buffers;
pub mod build;
pub mod capturing;
pub mod cli;
pub mod compare;
pub mod decode;
pub mod detail;
pub mod dissect;
pub mod error;
pub mod field_id;
pub mod flow;
pub mod fragment;
pub mod header_len;
pub mod i18n;
pub mod input;
pub mod lab;
pub mod loss;
pub mod model;
pub mod net;
pub mod output;
pub mod pieces;
pub mod recv;
pub mod recv_summary;
pub mod recv_tcp;
pub mod render;
pub mod send;
pub mod session;
pub mod tcp;
pub mod teaching;
pub mod text;
pub mod transports;
