//! Chinese for words every part shares: layer names, PDU names, origins.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    ("Physical", "物理层"),
    ("Data link", "数据链路层"),
    ("Network", "网络层"),
    ("Transport", "传输层"),
    ("Application", "应用层"),
    ("message", "报文"),
    ("datagram", "用户数据报"),
    ("segment", "报文段"),
    ("packet", "分组"),
    ("frame", "帧"),
    ("bits", "比特"),
    ("[observed]", "[观测]"),
    ("[predicted]", "[预测]"),
    ("[protocol]", "[协议规定]"),
    ("[chosen]", "[用户指定]"),
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
    // The binary: errors and bad usage (src/main.rs, src/usage.rs).
    ("error: {error}", "错误：{error}"),
    (
        "unexpected argument {argument}",
        "无法识别的参数 {argument}",
    ),
    ("unknown command {value}", "没有 {value} 这个命令"),
    (
        "{value} is not a valid value for {argument} (valid: {valid})",
        "{value} 不是 {argument} 的有效值（可用：{valid}）",
    ),
    (
        "{value} is not a valid value for {argument}",
        "{value} 不是 {argument} 的有效值",
    ),
    (
        "a required argument is missing: {argument}",
        "缺少必需的参数：{argument}",
    ),
    ("a command is missing", "缺少命令"),
    (
        "{argument} cannot be used together with {other}",
        "{argument} 不能与 {other} 一起使用",
    ),
    (
        "wrong number of values for {argument}",
        "{argument} 的值个数不对",
    ),
    ("the command line is not valid", "命令行无效"),
    (
        "stackviz --help lists every command and option",
        "stackviz --help 列出所有命令和选项",
    ),
];
