//! Chinese for words every part shares: layer names, PDU names, origins.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    ("Physical", "物理层"),
    ("Data link", "数据链路层"),
    ("Network", "网络层"),
    ("Transport", "传输层"),
    ("Application", "应用层"),
    ("message", "消息"),
    ("datagram", "数据报"),
    ("segment", "报文段"),
    ("packet", "分组"),
    ("frame", "帧"),
    ("bits", "比特"),
    ("observed", "观测"),
    ("predicted", "预测"),
    ("protocol", "协议规定"),
    ("chosen", "用户指定"),
    ("correct", "正确"),
    ("incorrect (expected {expected})", "错误（应为 {expected}）"),
    (
        "partial: the pseudo-header sum left for checksum offload",
        "部分值：内核只算了伪首部之和，其余留给网卡完成（校验和卸载）",
    ),
    (
        "0 = sender computed no checksum (allowed for UDP over IPv4)",
        "0 = 发送方未计算校验和（IPv4 上的 UDP 允许这样做）",
    ),
];
