//! Sentences added by the TCP JSON work (`send --tcp --format json`).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "without a capture the server's ISN is unknown: the absolute sequence and acknowledgment numbers that depend on it are null, and the built frames carry 0 in their place with origin \"unknown\"",
        "没有捕获时，服务器的初始序号（ISN）无从得知：依赖它的绝对序号和确认号为 null，构造的帧在相应位置填 0，来源标为“unknown”",
    ),
];
