//! Sentences added by the classroom-load work (`recv --summary`, `--rcvbuf`,
//! the kernel's drop counter in both recv modes).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "1 more datagram was still waiting in the socket's receive queue when recv ended: taken off unread, not shown",
        "recv 结束时，套接字的接收队列中还有 1 个用户数据报在等待：已取出但未读取，不予展示",
    ),
    (
        "{count} more datagrams were still waiting in the socket's receive queue when recv ended: taken off unread, not shown",
        "recv 结束时，套接字的接收队列中还有 {count} 个用户数据报在等待：已取出但未读取，不予展示",
    ),
    (
        "stackviz recv --summary: a real UDP receiver on {bound}, one line per datagram",
        "stackviz recv --summary：{bound} 上一个真实的 UDP 接收方，每个用户数据报一行",
    ),
    (
        "columns: number, seconds since bind (when recvmmsg() returned it), sender, length in bytes, the data (its first 24 bytes)",
        "各列：序号、自 bind 起的秒数（recvmmsg() 返回它的时刻）、发送方、长度（字节）、数据（前 24 个字节）",
    ),
    (
        "(TRUNCATED to {buffer} bytes by --buf)",
        "（被 --buf 截断为 {buffer} 字节）",
    ),
    (
        "the kernel dropped 1 datagram here: the socket's receive queue was full ({total} so far, SO_RXQ_OVFL)",
        "内核在此处丢弃了 1 个用户数据报：套接字的接收队列已满（至此共 {total} 个，SO_RXQ_OVFL）",
    ),
    (
        "the kernel dropped {dropped} datagrams here: the socket's receive queue was full ({total} so far, SO_RXQ_OVFL)",
        "内核在此处丢弃了 {dropped} 个用户数据报：套接字的接收队列已满（至此共 {total} 个，SO_RXQ_OVFL）",
    ),
    (
        "{queued_bytes} bytes of further datagrams wait in the socket's receive queue (kernel memory, SO_MEMINFO); each is shown, in order",
        "套接字的接收队列中还有 {queued_bytes} 字节的其他用户数据报在等待（内核内存，SO_MEMINFO）；它们都会按顺序逐个展示",
    ),
    (
        "nothing waits in the socket's receive queue",
        "套接字的接收队列中没有等待的用户数据报",
    ),
    (
        "datagrams arrive faster than stackviz shows them: as it takes datagram {next}, {waiting}",
        "用户数据报到达的速度超过了 stackviz 展示的速度：取出第 {next} 个用户数据报时，{waiting}",
    ),
    (
        "before datagram {next}, the kernel dropped 1 datagram: the socket's receive queue was full ({total_dropped} so far, SO_RXQ_OVFL); it is gone. {waiting}",
        "在第 {next} 个用户数据报之前，内核丢弃了 1 个用户数据报：套接字的接收队列已满（至此共 {total_dropped} 个，SO_RXQ_OVFL）；它再也找不回来了。{waiting}",
    ),
    (
        "before datagram {next}, the kernel dropped {dropped} datagrams: the socket's receive queue was full ({total_dropped} so far, SO_RXQ_OVFL); they are gone. {waiting}",
        "在第 {next} 个用户数据报之前，内核丢弃了 {dropped} 个用户数据报：套接字的接收队列已满（至此共 {total_dropped} 个，SO_RXQ_OVFL）；它们再也找不回来了。{waiting}",
    ),
    (
        "rate: {rate} datagrams/s from the first to the last",
        "速率：从第一个到最后一个，每秒 {rate} 个用户数据报",
    ),
    (
        "; the receive queue holds at most {bytes} bytes (SO_RCVBUF)",
        "；接收队列最多容纳 {bytes} 字节（SO_RCVBUF）",
    ),
    (
        "received {received}, dropped by the kernel 0 (SO_RXQ_OVFL){buffer}",
        "收到 {received} 个，内核丢弃 0 个（SO_RXQ_OVFL）{buffer}",
    ),
    (
        "received {received}, dropped by the kernel {dropped}: {total} datagrams reached the socket and {dropped} of them found its receive queue full (SO_RXQ_OVFL){buffer}; their senders were never told",
        "收到 {received} 个，内核丢弃 {dropped} 个：共有 {total} 个用户数据报到达套接字，其中 {dropped} 个遇到接收队列已满（SO_RXQ_OVFL）{buffer}；发送方对此一无所知",
    ),
    (
        "this kernel does not say how many datagrams it dropped on the socket (SO_MEMINFO needs Linux 4.6)",
        "这个内核不提供它在套接字上丢弃了多少用户数据报（SO_MEMINFO 需要 Linux 4.6）",
    ),
    (
        "asked for {bytes} bytes; without root (CAP_NET_ADMIN) Linux caps it at net.core.rmem_max = {max}, then doubles it: the queue now holds {granted} bytes (getsockopt SO_RCVBUF)",
        "请求 {bytes} 字节；没有 root 权限（CAP_NET_ADMIN）时 Linux 把它限制在 net.core.rmem_max = {max}，再翻倍：队列现在能容纳 {granted} 字节（getsockopt SO_RCVBUF）",
    ),
    (
        "the socket's receive queue now holds {granted} bytes of datagrams and kernel bookkeeping (getsockopt SO_RCVBUF; Linux doubles what it is given); when it is full the kernel drops what arrives",
        "套接字的接收队列现在能容纳 {granted} 字节的用户数据报及内核的管理开销（getsockopt SO_RCVBUF；Linux 会把设定值翻倍）；队列满时，内核丢弃新到达的用户数据报",
    ),
    (
        "every datagram now comes with the count of datagrams the kernel dropped on this socket so far (its queue was full)",
        "此后每个用户数据报都附带内核至此在这个套接字上丢弃的用户数据报个数（因队列已满）",
    ),
];
