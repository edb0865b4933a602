//! Sentences of the lab's impairments made without netem: reordering by
//! htb and a classic BPF random filter, duplication by mirred, and their
//! kernel counters beside the sequence numbers (src/lab/reorder.rs,
//! src/lab/duplicate.rs, src/commands/lab.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "netem is not used (it reorders only packets it delays, and --reorder came without --delay): the loss is applied by a six-instruction XDP program on the receiving end, which drops each frame at random as it comes off the link, before a capture there or IP sees it; the sender is told nothing, as on a lossy wire",
        "这里不用 netem（它只打乱它所延迟的分组的顺序，而 --reorder 没有同时给出 --delay）：丢失由接收端一个六条指令的 XDP 程序实现，它在帧刚从链路上到达时随机丢弃，早于那里的抓包和 IP；发送方得不到任何通知，就像在一条会丢包的线路上一样",
    ),
    (
        "loss {loss}% (XDP filter on {dev})",
        "丢失 {loss}%（{dev} 上的 XDP 过滤程序）",
    ),
    (
        "reordering {percent}% (htb on {dev}: a classic BPF random filter puts packets in a slow class; it has sent {held} packets, the fast class {fast})",
        "乱序 {percent}%（{dev} 上的 htb：经典 BPF 随机过滤器把分组放进慢速类；慢速类已发出 {held} 个分组，快速类 {fast} 个）",
    ),
    (
        "duplication {percent}% (mirred on {dev}: {copies} copies sent so far, {refused} refused by its nesting limit)",
        "重复 {percent}%（{dev} 上的 mirred：迄今发出 {copies} 个副本，{refused} 个因嵌套上限被拒绝）",
    ),
    (
        "reordering without netem: htb on the sending end's root with a fast default class and a slow one ({rate}, every packet charged as {bytes} bytes: 0.5 ms each); a classic BPF random filter puts {percent}% of the packets in the slow class, where each waits until the one before it is paid for while packets sent later leave at once and overtake it (a packet that finds the slow class owing nothing leaves at once)",
        "不用 netem 的乱序：发送端根上的 htb 有一个快速默认类和一个慢速类（{rate}，每个分组按 {bytes} 字节计费：每个 0.5 ms）；经典 BPF 随机过滤器把 {percent}% 的分组放进慢速类，分组在那里要等到前一个分组的费用付清，而后发的分组立即发出并超过它（到达时慢速类不欠费的分组会立即发出）",
    ),
    (
        "duplication without netem: a classic BPF random filter on the sending end's egress (clsact) picks {percent}% of the packets and mirred sends a copy of each out of the same device; the copy passes the same filter and can be copied again, so a packet goes out at least 1 + k times with chance p^k: about {expected} extra copies per packet (p / (1 − p)), fewer where mirred's nesting limit cuts a chain of copies short",
        "不用 netem 的重复：发送端出口（clsact）上的经典 BPF 随机过滤器选中 {percent}% 的分组，mirred 把每个选中分组的副本从同一设备发出；副本再经过同一过滤器，还可能被再次复制，因此一个分组以 p^k 的概率至少发出 1 + k 次：每个分组平均约 {expected} 个额外副本（p / (1 − p)），mirred 的嵌套上限截断副本链时会少一些",
    ),
    // Separators between the parts of one impairment line.
    ("; ", "；"),
    ("arrivals per number: {list}", "每个编号的到达次数：{list}"),
    ("{numbers} arrived {times}×", "{numbers} 个编号到达 {times} 次"),
    (
        "  {dev} put {frames} frames on the link; {dropped} of them (copies included) never reached UDP at {ns}, dropped by the XDP loss filter; {lost} numbers lost every copy {mark}",
        "  {dev} 向链路发出 {frames} 个帧；其中 {dropped} 个（含副本）没有到达 {ns} 的 UDP，被 XDP 丢失过滤程序丢弃；{lost} 个编号的所有副本都丢失了 {mark}",
    ),
    (
        "  htb slow class on {dev}: held {held} packets {mark} (reordered by sequence number: {reordered}; a held packet is overtaken only when a later one leaves before it)",
        "  {dev} 上 htb 的慢速类：扣留了 {held} 个分组 {mark}（按序号统计的乱序：{reordered}；被扣留的分组只有在后发分组先离开时才被超过）",
    ),
    (
        "  mirred on {dev}: sent {copies} copies {mark} (frames beyond one per datagram: {extra}; duplicates by sequence number: {duplicates})",
        "  {dev} 上的 mirred：发出 {copies} 个副本 {mark}（每个用户数据报一帧之外多出的帧：{extra}；按序号统计的重复：{duplicates}）",
    ),

    (
        "{n} data segments reached {b} after a segment {a} sent later: the link reordered them, and the receiver held the data behind each gap until it was filled",
        "{n} 个携带数据的报文段比 {a} 后发的报文段更晚到达 {b}：链路把它们的顺序打乱了，接收方把每个缺口之后的数据暂存，直到缺口被填上",
    ),

    (
        "one-way time of each number's first arrival, sendto() to recv() on one clock: min {min} ms, median {median} ms, max {max} ms",
        "每个编号首次到达的单向时间（同一时钟上从 sendto() 到 recv()）：最小 {min} ms，中位数 {median} ms，最大 {max} ms",
    ),

    (
        "sending took {ms} ms, not the paced {paced} ms: sendto() waited while the socket's send buffer was full of datagrams queued for the link",
        "发送用了 {ms} ms，而不是按节奏的 {paced} ms：套接字的发送缓冲区被等待上链路的用户数据报占满时，sendto() 在等待",
    ),
    (
        "the client's smoothed round-trip time at the end (TCP_INFO tcpi_rtt): {rtt} ms",
        "结束时客户端的平滑往返时间（TCP_INFO tcpi_rtt）：{rtt} ms",
    ),
    (
        "Link rate in Mbit/s: packets wait their turn on the wire and queue when sent faster (netem's rate, or htb without netem)",
        "链路速率，单位 Mbit/s：分组在线路上依次等待发送，发得更快时就排队（用 netem 的 rate，没有 netem 时用 htb）",
    ),
    (
        "--rate {value} is not a rate from 0.01 to 10000 Mbit/s",
        "--rate {value} 不是 0.01 到 10000 Mbit/s 之间的速率",
    ),
    ("give megabits per second, e.g. --rate 1", "请给出每秒兆比特数，例如 --rate 1"),
    (
        "--rate and --reorder cannot be combined without netem: both use the root htb, and held packets would bypass the rate",
        "没有 netem 时 --rate 和 --reorder 不能同时使用：两者都要用根上的 htb，被扣留的分组会绕过速率限制",
    ),
    (
        "give one of them; with netem (modprobe sch_netem) --delay 20 --reorder 25 --rate 1 works",
        "请只给出其中一个；有 netem（modprobe sch_netem）时 --delay 20 --reorder 25 --rate 1 可以使用",
    ),
    (
        "rate {rate} (htb on {dev}: {sent} packets sent, {dropped} dropped when its queue was full)",
        "速率 {rate}（{dev} 上的 htb：已发出 {sent} 个分组，{dropped} 个因队列已满被丢弃）",
    ),
    (
        "rate without netem: htb on the sending end's root sends at most {mbit} Mbit/s; each packet waits for those queued before it to go out at that rate, so the delay grows with the queue (a sending socket whose buffer is full of queued packets waits in sendto(); the queue drops beyond 1000 packets): none of it is a fixed delay",
        "不用 netem 的速率：发送端根上的 htb 每秒最多发送 {mbit} Mbit；每个分组都要等排在它前面的分组按这个速率发完，所以时延随队列增长（发送套接字的缓冲区被排队的分组占满时，sendto() 会等待；队列超过 1000 个分组就丢弃）：其中没有一部分是固定时延",
    ),

    (
        "  htb at {rate} on {dev}: dropped {dropped} when its queue was full {mark} (lost by sequence number: {lost})",
        "  {dev} 上速率为 {rate} 的 htb：队列已满时丢弃了 {dropped} 个 {mark}（按序号统计的丢失：{lost}）",
    ),
];
