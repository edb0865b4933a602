//! Sentences of the ladder diagram (terminal and SVG): its key and the
//! marks on lost and retransmitted segments.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "seq and ack are relative: 0 is each sender's initial sequence number (ISN)",
        "seq（序号）和 ack（确认号）为相对值：0 即各发送方的初始序号（ISN）",
    ),
    (
        "seq and ack are absolute, as on the wire",
        "seq（序号）和 ack（确认号）为绝对值，即线路上的实际数值",
    ),
    (
        "len: bytes of data the segment carries; win: the window field, × 2^scale = bytes (never scaled on a SYN)",
        "len：报文段所携带数据的字节数；win：窗口字段值，× 2^窗口扩大因子 = 字节数（SYN 报文段的窗口从不扩大）",
    ),
    ("observed", "已观测"),
    ("predicted, not observed", "预测值，未观测"),
    ("lost: sent but never seen arriving", "丢失：已发送，但未见到达"),
    ("(retransmission)", "（重传）"),
    ("lost", "丢失"),
    ("ladder diagram", "报文段时序图"),
    ("client {address}", "客户端 {address}"),
    ("server {address}", "服务器 {address}"),
];
