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
];
