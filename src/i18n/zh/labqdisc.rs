//! Sentences of the lab's impairments made without netem: reordering by
//! htb and a classic BPF random filter, duplication by mirred, and their
//! kernel counters beside the sequence numbers (src/lab/reorder.rs,
//! src/lab/duplicate.rs, src/commands/lab.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "loss {loss}% (XDP filter on {dev}: this kernel has no netem)",
        "丢失 {loss}%（{dev} 上的 XDP 过滤程序：本内核没有 netem）",
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
        "duplication without netem: a classic BPF random filter on the sending end's egress (clsact) picks {percent}% of the packets and mirred sends a copy of each out of the same device; the copy passes the same filter and can be copied again, so a packet goes out 1 + k times with chance p^k: about {expected} extra copies per packet (p / (1 − p)), fewer where mirred's nesting limit cuts a chain of copies short",
        "不用 netem 的重复：发送端出口（clsact）上的经典 BPF 随机过滤器选中 {percent}% 的分组，mirred 把每个选中分组的副本从同一设备发出；副本再经过同一过滤器，还可能被再次复制，因此一个分组以 p^k 的概率发出 1 + k 次：每个分组平均约 {expected} 个额外副本（p / (1 − p)），mirred 的嵌套上限截断副本链时会少一些",
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
];
