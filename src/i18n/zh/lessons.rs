//! Chinese for decode's input errors and the small wording fixes of
//! issue 14 (the `lessons` branch).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    ("no such file: {path}", "没有这个文件：{path}"),
    ("is a directory: {path}", "这是一个目录：{path}"),
    ("empty file: no frames in {path}", "空文件：{path} 里没有帧"),
    ("empty standard input: no frames", "标准输入为空：没有帧"),
    (
        "check the path; to decode hex, give the bytes themselves, e.g. stackviz decode \"45 00 00 1c\"",
        "检查路径；要解码十六进制，直接给出字节本身，例如 stackviz decode \"45 00 00 1c\"",
    ),
    (
        "give a .pcap/.pcapng file or a file of hex text, not a directory",
        "请给出一个 .pcap/.pcapng 文件或一个十六进制文本文件，而不是目录",
    ),
    (
        "decode reads frames from a .pcap/.pcapng capture or from hex text such as \"45 00 00 1c\"",
        "decode 从 .pcap/.pcapng 抓包文件或十六进制文本（例如 \"45 00 00 1c\"）中读取帧",
    ),
    ("{size} byte", "{size} 字节"),
    (
        "recvfrom() hands the program this 1 byte",
        "recvfrom() 把这 1 字节交给程序",
    ),
    (
        "{protocol} adds {article} {header}-byte header and an {trailer}-byte trailer → {pdu} of {size} bytes (overhead {overhead})",
        "{protocol} 加上 {header} 字节首部和 {trailer} 字节尾部 → {size} 字节的{pdu}（开销 {overhead}）",
    ),
    (
        "0 datagrams would end recv before the first one: give 1 or more, or leave out --count to wait until --timeout or Ctrl-C",
        "0 个用户数据报意味着 recv 在收到第一个之前就结束：请给出 1 或更大的数，或者去掉 --count，一直等到 --timeout 或 Ctrl-C",
    ),
    (
        "expected a whole number of datagrams, e.g. 1",
        "应为用户数据报的个数（整数），例如 1",
    ),
    (
        "0 frames would show nothing: give 1 or more, or leave out --count to show every frame",
        "0 个帧意味着什么也不显示：请给出 1 或更大的数，或者去掉 --count 显示所有帧",
    ),
    (
        "expected a whole number of frames, e.g. 10",
        "应为帧的个数（整数），例如 10",
    ),
    (
        ", frame cut short by the capture at {captured} of {original} bytes",
        "，帧被抓包截短（{original} 字节中保存了 {captured} 字节）",
    ),
    (", frame {size}", "，帧 {size}"),
    ("; comment: {comment}", "；注释：{comment}"),
];
