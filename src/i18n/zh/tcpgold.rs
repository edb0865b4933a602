//! Sentences added by the TCP dissector review: each option's values with
//! their own fields (TSval, TSecr, SACK edges) and SYN-only options seen
//! on other segments.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "option {kind} ({name}) is only valid on a SYN; this segment is not one, so a receiver ignores it",
        "选项 {kind}（{name}）只能出现在 SYN 报文段中；本报文段不是 SYN，接收方会忽略它",
    ),
    (
        "block {n}: the first sequence number that arrived",
        "第 {n} 块：已收到的第一个序号",
    ),
    (
        "block {n}: the sequence number after the last byte that arrived",
        "第 {n} 块：已收到的最后一个字节之后的序号",
    ),
    (
        "the sender's timestamp clock when it sent this segment",
        "发送方发送本报文段时的时间戳时钟值",
    ),
    (
        "echoes the latest TSval received from the other side",
        "回送从对方收到的最近一个 TSval",
    ),
    (
        "not used: ACK is clear, so nothing is echoed yet (receivers ignore it)",
        "未使用：ACK 为 0，还没有可回送的值（接收方忽略它）",
    ),
    (
        "in a SYN, with ECE: the sender asks to use ECN on this connection (RFC 3168), not a slowdown",
        "在 SYN 中与 ECE 一起置 1：发送方请求在这个连接上使用 ECN（RFC 3168），并非放慢发送",
    ),
    (
        "in a SYN-ACK: the receiver agrees to use ECN on this connection (RFC 3168)",
        "在 SYN-ACK 中：接收方同意在这个连接上使用 ECN（RFC 3168）",
    ),
    (
        "in a SYN, with CWR: the sender asks to use ECN on this connection (RFC 3168)",
        "在 SYN 中与 CWR 一起置 1：发送方请求在这个连接上使用 ECN（RFC 3168）",
    ),
    (
        "in a SYN-ACK: RFC 3168's ECN setup leaves it clear; Accurate ECN's negotiation sets it",
        "在 SYN-ACK 中：RFC 3168 的 ECN 协商不置此位；Accurate ECN 的协商会置 1",
    ),
];
