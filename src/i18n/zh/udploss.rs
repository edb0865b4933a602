//! Sentences of `send --count N`: UDP losing datagrams at a slow receiver's
//! full queue, every loss counted (src/render/loss_text.rs, src/cli.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // The table output.
    (
        "UDP: 1 numbered datagram to a receiver with a small receive buffer",
        "UDP：1 个编了号的用户数据报，发给一个接收缓冲区很小的接收方",
    ),
    (
        "UDP: {count} numbered datagrams to a receiver with a small receive buffer",
        "UDP：{count} 个编了号的用户数据报，发给一个接收缓冲区很小的接收方",
    ),
    (
        "sender {sender} → receiver {receiver}, {bytes} bytes of payload each: {first}, {second}, …",
        "发送方 {sender} → 接收方 {receiver}，每个载荷 {bytes} 字节：{first}、{second}……",
    ),
    (
        "the receiver asked for SO_RCVBUF {asked} bytes and the kernel set {set} (Linux doubles the value for its bookkeeping; each queued datagram is charged its whole buffer, far more than its payload); SO_RXQ_OVFL is on",
        "接收方请求 SO_RCVBUF 为 {asked} 字节，内核设为 {set}（Linux 把这个值翻倍，留作记账之用；队列里的每个用户数据报按它占用的整块缓冲区计算，远多于它的载荷）；SO_RXQ_OVFL 已打开",
    ),
    (
        "the sender calls sendto() as fast as it returns",
        "发送方以 sendto() 返回的最快速度连续调用",
    ),
    (
        "the sender sends {rate} datagrams per second",
        "发送方每秒发送 {rate} 个用户数据报",
    ),
    (
        "the receiver reads only after the sender has finished",
        "接收方等发送方全部发完之后才开始读取",
    ),
    (
        "the receiver reads while the sender sends, pausing {ms} ms after each datagram",
        "接收方在发送方发送的同时读取，每读一个用户数据报就暂停 {ms} 毫秒",
    ),
    ("{pace}; {reading}", "{pace}；{reading}"),
    ("What the sender was told", "发送方得知了什么"),
    (
        "Ctrl-C stopped the sender after {attempted} of {count} datagrams; everything below counts the {attempted} it sent",
        "Ctrl-C 让发送方在发出 {count} 个中的 {attempted} 个之后停下；以下各项只统计它发出的这 {attempted} 个",
    ),
    (
        "sendto() calls that returned success: {sent} of {attempted}, in {time}",
        "返回成功的 sendto() 调用：{attempted} 次中的 {sent} 次，用时 {time}",
    ),
    (
        "sendto() calls that failed: {failed} ({error}); those datagrams never left and are not counted as sent",
        "失败的 sendto() 调用：{failed} 次（{error}）；这些用户数据报根本没有发出，不算作已发送",
    ),
    (
        "the sender was never told that anything was lost: sendto() only says the kernel took the datagram, and UDP sends no acknowledgements",
        "发送方始终不知道有任何丢失：sendto() 成功只表示内核收下了这个用户数据报，而 UDP 不发送任何确认",
    ),
    ("What the receiver got", "接收方收到了什么"),
    (
        "arrived: {ranges} ({datagrams})",
        "到达：{ranges}（{datagrams}）",
    ),
    (
        "lost:    {ranges} ({datagrams})",
        "丢失：{ranges}（{datagrams}）",
    ),
    ("1 datagram", "1 个用户数据报"),
    (
        "{count} datagrams",
        "{count} 个用户数据报",
    ),
    ("# arrived, . lost:", "# 到达，. 丢失："),
    ("… and {more} more ranges", "……另有 {more} 段"),
    (
        "SO_RXQ_OVFL, the receiving socket's own drop counter: {dropped} (read from the end marker stackviz sent once the queue was empty: the counter rides on the next datagram queued)",
        "SO_RXQ_OVFL，接收套接字自己的丢弃计数：{dropped}（从 stackviz 在队列清空后发出的结束标记中读出：这个计数随下一个进入队列的用户数据报一起交给程序）",
    ),
    (
        "SO_RXQ_OVFL: unknown, the end marker did not come back within --timeout",
        "SO_RXQ_OVFL：未知，结束标记没有在 --timeout 内回来",
    ),
    (
        "datagrams from another sender that arrived on the port and were left out: {foreign}",
        "来自其他发送方、到达这个端口而未计入的用户数据报：{foreign} 个",
    ),
    (
        "✓ sent {sent} = received {received} + dropped {dropped}: every datagram is accounted for, and the lost numbers are exactly the ones the kernel dropped",
        "✓ 发送 {sent} = 接收 {received} + 丢弃 {dropped}：每个用户数据报都有着落，丢失的编号正是内核丢弃的那些",
    ),
    (
        "✗ sent {sent} ≠ received {received} + dropped {dropped} ({lost} numbers missing): something other than this receive queue lost or added datagrams",
        "✗ 发送 {sent} ≠ 接收 {received} + 丢弃 {dropped}（缺少 {lost} 个编号）：除了这个接收队列，还有别的地方丢失或多出了用户数据报",
    ),
    (
        "✗ sent {sent}, received {received}: without the drop counter the losses cannot be checked",
        "✗ 发送 {sent}，接收 {received}：没有丢弃计数，无法核对丢失",
    ),
    (
        "order: every datagram that arrived came in increasing order, none twice. On loopback each sendto() puts its datagram straight into the one receive queue, so nothing can overtake or repeat; a real network path can reorder and duplicate",
        "顺序：到达的用户数据报全部按编号递增，没有重复。在环回接口上，每次 sendto() 都把用户数据报直接放进同一个接收队列，谁也无法超车或重复；真实的网络路径才会乱序和重复",
    ),
    (
        "order: datagrams that came after a higher number ({count}): {numbers}",
        "顺序：晚于编号更大者到达的用户数据报（{count} 个）：{numbers}",
    ),
    (
        "order: datagrams that came twice ({count}): {numbers}",
        "顺序：到达了两次的用户数据报（{count} 个）：{numbers}",
    ),
    (
        "The host's UDP counters (/proc/net/snmp)",
        "主机的 UDP 计数器（/proc/net/snmp）",
    ),
    ("/proc/net/snmp could not be read", "无法读取 /proc/net/snmp"),
    ("counter", "计数器"),
    ("before", "之前"),
    ("after", "之后"),
    ("difference", "差值"),
    ("this run's share", "本次运行的份额"),
    (
        "{received} + 1 (the end marker)",
        "{received} + 1（结束标记）",
    ),
    (
        "these counters are the whole host's (this network namespace): other programs' UDP traffic during the run makes a difference larger than this run's share, never smaller. InDatagrams counts a datagram when recvmsg() returns it; RcvbufErrors (also counted in InErrors) when a full queue drops it",
        "这些计数器属于整台主机（当前网络命名空间）：运行期间其他程序的 UDP 流量会让差值大于本次运行的份额，但绝不会更小。InDatagrams 在 recvmsg() 返回用户数据报时计数；RcvbufErrors（同时计入 InErrors）在队列已满、用户数据报被丢弃时计数",
    ),
    (
        "time: {sending} sending, {total} in all",
        "用时：发送 {sending}，总计 {total}",
    ),
    (
        "the receiver's thread stopped unexpectedly",
        "接收方的线程意外停止",
    ),
    // --count's value.
    (
        "0 datagrams would send nothing: give 1 or more, e.g. --count 200",
        "0 个用户数据报等于什么也不发：请给 1 或更大的数，例如 --count 200",
    ),
    (
        "{n} datagrams is more than 10000000: give fewer, e.g. --count 200",
        "{n} 个用户数据报超过了 10000000：请少一些，例如 --count 200",
    ),
    (
        "expected a whole number of datagrams, e.g. 200",
        "应为用户数据报的个数（整数），例如 200",
    ),
];
