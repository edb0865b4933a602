//! Chinese added for textbook terms and a fully Chinese `--lang zh`: the
//! Ethernet step's header/padding/FCS, clap's help words, usage-error
//! reasons and the OS error texts a learner meets.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // The Ethernet step of `send` (src/render/send_text.rs).
    (
        "{protocol} adds {article} {header}-byte header and a 4-byte FCS → {pdu} of {size} bytes (overhead {overhead})",
        "{protocol} 加上 {header} 字节首部和 4 字节 FCS → {size} 字节的{pdu}（开销 {overhead}）",
    ),
    (
        "{protocol} adds {article} {header}-byte header, {padding} of padding and a 4-byte FCS → {pdu} of {size} bytes (overhead {overhead})",
        "{protocol} 加上 {header} 字节首部、{padding}填充和 4 字节 FCS → {size} 字节的{pdu}（开销 {overhead}）",
    ),
    // --help (src/i18n/help.rs): value names, defaults and choices.
    ("FORMAT", "格式"),
    ("COLOR", "颜色"),
    ("WIDTH", "列数"),
    ("LANG", "语言"),
    ("MESSAGE", "报文"),
    ("HEX", "十六进制"),
    ("PATH", "路径"),
    ("PORT", "端口"),
    ("HOST:PORT", "主机:端口"),
    ("ADDR:PORT", "地址:端口"),
    ("TIMEOUT", "秒数"),
    ("CAPTURE", "抓包"),
    ("FILE", "文件"),
    ("BYTES", "字节数"),
    ("COUNT", "个数"),
    ("FILTER", "过滤条件"),
    ("LINK", "链路类型"),
    ("SKIP", "帧数"),
    ("SHELL", "shell"),
    ("COMMAND", "命令"),
    ("HEX|FILE|-", "十六进制|文件|-"),
    ("OPTIONS", "选项"),
    ("default: {value}", "默认值：{value}"),
    ("possible values: {values}", "可选值：{values}"),
    ("({notes})", "（{notes}）"),
    // Usage errors (src/usage.rs).
    (
        "{value} is not a valid value for {argument}: {reason}",
        "{value} 不是 {argument} 的有效值：{reason}",
    ),
    ("outside the range {low}-{high}", "超出了 {low}-{high} 的范围"),
    ("must be at least {low}", "至少应为 {low}"),
    ("not a whole number", "不是整数"),
    ("too large", "数值太大"),
    ("{argument} needs a value", "{argument} 后面需要一个值"),
    ("did you mean {suggestion}?", "你是不是想用 {suggestion}？"),
    // Values stackviz's own parsers refuse (src/cli.rs).
    (
        "give more than 0 and at most 3600, e.g. 2 or 0.5",
        "请给出大于 0、不超过 3600 的秒数，例如 2 或 0.5",
    ),
    (
        "0 seconds would not wait at all: {range}",
        "0 秒等于完全不等待：{range}",
    ),
    ("{text} seconds is negative: {range}", "{text} 秒是负数：{range}"),
    (
        "{text} seconds is more than an hour: {range}",
        "{text} 秒超过了一小时：{range}",
    ),
    (
        "{text} is not a number of seconds: {range}",
        "{text} 不是秒数：{range}",
    ),
    (
        "write an IPv6 address in brackets with its port, e.g. [::1]:15001, not {text}",
        "IPv6 地址要写在方括号里，后面跟端口，例如 [::1]:15001，而不是 {text}",
    ),
    (
        "expected HOST:PORT such as 127.0.0.1:15001 or [::1]:15001, got {text}",
        "应为“主机:端口”，例如 127.0.0.1:15001 或 [::1]:15001，而给出的是 {text}",
    ),
    ("port {port} is not a number from 0 to 65535", "端口 {port} 不是 0 到 65535 之间的数"),
    ("cannot resolve {host}: {e}", "无法解析主机名 {host}：{e}"),
    ("{host} has no address", "{host} 没有地址"),
    // The OS's error texts (src/i18n/os.rs), as glibc's Chinese says them
    // where that is clear, with textbook words for the PDU.
    ("Operation not permitted", "不允许的操作"),
    ("No such file or directory", "没有那个文件或目录"),
    ("Interrupted system call", "系统调用被中断"),
    ("Permission denied", "权限不够"),
    ("File exists", "文件已存在"),
    ("Not a directory", "不是目录"),
    ("Is a directory", "是一个目录"),
    ("Invalid argument", "无效的参数"),
    ("No space left on device", "设备上没有空间"),
    ("Read-only file system", "只读文件系统"),
    ("Broken pipe", "管道已断开"),
    ("Resource temporarily unavailable", "资源暂时不可用"),
    ("No such device", "没有那个设备"),
    ("Message too long", "报文过长"),
    ("Address family not supported by protocol", "协议不支持该地址族"),
    ("Address already in use", "地址已被占用"),
    ("Cannot assign requested address", "无法分配请求的地址"),
    ("Network is unreachable", "网络不可达"),
    ("Connection refused", "连接被拒绝"),
    ("No route to host", "没有到主机的路由"),
    ("Connection timed out", "连接超时"),
    // The built-versus-captured table (src/render/compare.rs).
    ("({layer})", "（{layer}）"),
];
