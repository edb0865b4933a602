//! What the tcpgold tests share: the golden segments.

pub mod frames;
