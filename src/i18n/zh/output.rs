//! Chinese for the output files (src/output.rs, its errors in src/error.rs
//! and the notes in src/commands/mod.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    ("the path is empty", "路径为空"),
    ("it is a directory", "它是一个目录"),
    (
        "it is a symbolic link (to {target}); stackviz does not write through links",
        "它是一个符号链接（指向 {target}）；stackviz 不会通过链接写入",
    ),
    (
        "it is a block device; writing there would destroy its contents",
        "它是一个块设备；写入会毁掉其中的内容",
    ),
    ("it is a socket", "它是一个套接字文件"),
    ("the directory {dir} does not exist", "目录 {dir} 不存在"),
    ("{dir} is not a directory", "{dir} 不是目录"),
    (
        "cannot create a file in {dir}: {source}",
        "无法在 {dir} 中创建文件：{source}",
    ),
    (
        "cannot open it for writing: {source}",
        "无法以写方式打开它：{source}",
    ),
    ("cannot look at it: {source}", "无法查看它：{source}"),
    (
        "something other than a regular file appeared there during the run; it was left alone",
        "运行期间那里出现了一个不是普通文件的东西；stackviz 没有动它",
    ),
    ("will not write {path}: {problem}", "不写入 {path}：{problem}"),
    (
        "{first} and {second} name the same file ({path}); the second would overwrite the first",
        "{first} 和 {second} 指向同一个文件（{path}）；后者会覆盖前者",
    ),
    (
        "give the link's target as the path if you mean to write there",
        "如果确实要写到那里，请直接给出链接指向的路径",
    ),
    ("run again with a new file name", "换一个新文件名再运行一次"),
    (
        "give a file name in a directory you can write to, or - for standard output",
        "请给出一个可写目录中的文件名，或用 - 表示标准输出",
    ),
    ("give each option its own file name", "请给每个选项各自的文件名"),
    (
        "{option}: replaced the file {path} ({bytes} bytes, --force)",
        "{option}：已替换文件 {path}（{bytes} 字节，--force）",
    ),
    (
        "{option}: wrote {bytes} bytes into the character device {path} (written in place, not replaced)",
        "{option}：向字符设备 {path} 写入了 {bytes} 字节（原地写入，未替换）",
    ),
    (
        "{option}: wrote {bytes} bytes into the FIFO {path} (written in place, not replaced)",
        "{option}：向命名管道（FIFO）{path} 写入了 {bytes} 字节（原地写入，未替换）",
    ),
    (
        "{option}: wrote {bytes} bytes to standard output; the report went to standard error",
        "{option}：向标准输出写入了 {bytes} 字节；报告改写到标准错误",
    ),
    // recv: datagrams the wire brought and the socket dropped.
    (
        "1 more datagram reached this host (the capture saw it) but recvfrom() never returned it: a later one from the same sender came first, so the kernel dropped it (the socket's receive queue was full)",
        "另有 1 个用户数据报到达了本机（抓包看到了它），但 recvfrom() 始终没有返回它：同一发送方后来的用户数据报先被取走，说明内核已把它丢弃（套接字的接收队列满了）",
    ),
    (
        "at least {count} more datagrams reached this host (the capture saw them) but recvfrom() never returned them: later ones from the same senders came first, so the kernel dropped them (the socket's receive queue was full)",
        "另有至少 {count} 个用户数据报到达了本机（抓包看到了它们），但 recvfrom() 始终没有返回它们：同一发送方后来的用户数据报先被取走，说明内核已把它们丢弃（套接字的接收队列满了）",
    ),
];
