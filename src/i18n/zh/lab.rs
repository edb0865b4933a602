//! Sentences of `stackviz lab`: two hosts in network namespaces on one
//! impaired link, and UDP counted across it (src/lab/, src/commands/lab.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // Value names in --help.
    ("PREFIX", "前缀"),
    ("PERCENT", "百分比"),
    // Up, down, status.
    ("lab up", "实验网络已建立"),
    (
        "lab up: {a} 10.200.0.1 ({dev_a}) <-> {b} 10.200.0.2 ({dev_b}), one veth pair",
        "实验网络已建立：{a} 10.200.0.1（{dev_a}）<-> {b} 10.200.0.2（{dev_b}），由一对 veth 相连",
    ),
    (
        "lab already up: nothing changed (stackviz lab status{flag} shows it)",
        "实验网络已经建立：未作任何改动（stackviz lab status{flag} 可查看）",
    ),
    (
        "lab was half up (a run stopped part way): removed it and made it again",
        "实验网络只建了一半（上次运行中途停止）：已将其删除并重新建立",
    ),
    (
        "send offload off on both ends (gso_max_size 1500, gso_max_segs 1): TCP segments leave at their real size, at most 1448 bytes of data",
        "两端都关闭了发送卸载（gso_max_size 1500，gso_max_segs 1）：TCP 报文段按真实大小发出，每个最多 1448 字节数据",
    ),
    (
        "permanent neighbour entries on both ends: no ARP crosses the link, so every loss counted is the link's",
        "两端都设置了永久邻居表项：链路上不会出现 ARP，因此统计到的每一次丢失都来自链路",
    ),
    (
        "next: stackviz lab impair{flag} --loss 30, then stackviz lab udp{flag} --count 1000 (or: ip netns exec {a} stackviz send --to 10.200.0.2:15001)",
        "下一步：stackviz lab impair{flag} --loss 30，然后 stackviz lab udp{flag} --count 1000（或者：ip netns exec {a} stackviz send --to 10.200.0.2:15001）",
    ),
    (
        "lab down: removed {a}, {b}, their link and its impairment",
        "实验网络已拆除：删除了 {a}、{b}、它们之间的链路及其损伤设置",
    ),
    ("lab already down: nothing to remove", "实验网络本来就不存在：没有需要删除的"),
    (
        "lab down (start it with: stackviz lab up{flag})",
        "实验网络未建立（建立它：stackviz lab up{flag}）",
    ),
    (
        "lab half up ({n} of 2 namespaces, or the link is missing): stackviz lab up{flag} rebuilds it, stackviz lab down{flag} removes it",
        "实验网络只建了一半（2 个命名空间中有 {n} 个，或者链路缺失）：stackviz lab up{flag} 重新建立，stackviz lab down{flag} 删除",
    ),
    (
        "gso_max_size {size}, gso_max_segs {segs}",
        "gso_max_size {size}，gso_max_segs {segs}",
    ),
    ("send offload settings not shown by ip", "ip 没有显示发送卸载设置"),
    ("  {ns}: {address}/24 on {dev}; {gso}", "  {ns}：{dev} 上的 {address}/24；{gso}"),
    (
        "next: stackviz lab udp{flag} --count 1000, or stackviz lab down{flag}",
        "下一步：stackviz lab udp{flag} --count 1000，或 stackviz lab down{flag}",
    ),
    // Impair.
    (
        "  packets {from} → {to} (netem on {dev}): {settings}",
        "  {from} → {to} 的分组（{dev} 上的 netem）：{settings}",
    ),
    ("  packets {from} → {to}: {what}", "  {from} → {to} 的分组：{what}"),
    ("  packets {from} → {to}: not impaired", "  {from} → {to} 的分组：无损伤"),
    ("lab impair was given nothing to do", "lab impair 没有收到任何要做的设置"),
    (
        "give --loss, --delay, --jitter, --reorder, --duplicate or --rate, or --clear to remove the impairment",
        "请给出 --loss、--delay、--jitter、--reorder、--duplicate 或 --rate，或者用 --clear 去除损伤",
    ),
    (
        "impairment removed: the link passes every packet at once",
        "损伤已去除：链路立即转发每一个分组",
    ),
    (
        "this kernel has no netem (sch_netem): the loss is applied by a six-instruction XDP program on the receiving end, which drops each frame at random as it comes off the link, before a capture there or IP sees it; the sender is told nothing, as on a lossy wire",
        "本内核没有 netem（sch_netem）：丢失由接收端一个六条指令的 XDP 程序实现，它在帧刚从链路上到达时随机丢弃，早于那里的抓包和 IP；发送方得不到任何通知，就像在一条会丢包的线路上一样",
    ),
    (
        "note: jitter alone reorders packets too: netem sends each packet when its own delay ends, so a packet given a shorter delay overtakes the one before it",
        "注意：仅有抖动也会使分组乱序：netem 在每个分组自己的时延结束时才发出它，所以时延较短的分组会超过它前面的分组",
    ),
    (
        "next: stackviz lab udp{flag} --count 1000; stackviz lab impair{flag} --clear removes it",
        "下一步：stackviz lab udp{flag} --count 1000；stackviz lab impair{flag} --clear 可去除损伤",
    ),
    (
        "this kernel has no netem (sch_netem): --delay and --jitter cannot be applied, and no other qdisc here holds a packet for a set time",
        "本内核没有 netem（sch_netem）：无法施加 --delay 和 --jitter，这里也没有别的排队规则能把分组扣留一段固定的时间",
    ),
    (
        "load it (modprobe sch_netem; on Ubuntu it is in linux-modules-extra-$(uname -r)); without it --loss (XDP), --reorder (htb and a classic BPF random filter) and --duplicate (mirred) still work",
        "请加载它（modprobe sch_netem；Ubuntu 上它在 linux-modules-extra-$(uname -r) 包中）；没有它，--loss（XDP）、--reorder（htb 加经典 BPF 随机过滤器）和 --duplicate（mirred）仍然可用",
    ),
    ("{option} {value} is not a percentage", "{option} {value} 不是百分比"),
    (
        "give a number from 0 to 100, e.g. --loss 30",
        "请给出 0 到 100 之间的数，例如 --loss 30",
    ),
    (
        "{option} {value} is not a delay from 0 to 60000 ms",
        "{option} {value} 不是 0 到 60000 毫秒之间的时延",
    ),
    ("give milliseconds, e.g. --delay 50", "请给出毫秒数，例如 --delay 50"),
    (
        "--jitter needs --delay: the jitter varies the delay around its value",
        "--jitter 需要 --delay：抖动是让时延围绕其设定值上下变化",
    ),
    (
        "add a delay, e.g. --delay 50 --jitter 20",
        "请加上时延，例如 --delay 50 --jitter 20",
    ),
    // UDP across the link.
    (
        "UDP over the lab's link: {count} numbered datagrams of {size} bytes, {sender} → {receiver}, {rate} per second",
        "经实验链路传送 UDP：{count} 个编了号的用户数据报，每个 {size} 字节，{sender} → {receiver}，每秒 {rate} 个",
    ),
    (
        "the link {a} → {b}: netem {settings}",
        "链路 {a} → {b}：netem {settings}",
    ),
    ("the link {a} → {b}: {what}", "链路 {a} → {b}：{what}"),
    (
        "the link {a} → {b}: not impaired (stackviz lab impair --loss 30 adds loss)",
        "链路 {a} → {b}：无损伤（stackviz lab impair --loss 30 可加上丢失）",
    ),
    (
        "sendto() returned success {sent} times of {count} in {ms} ms: the sender is never told of a loss (UDP has no acknowledgements)",
        "{count} 次 sendto() 中有 {sent} 次返回成功，用时 {ms} 毫秒：发送方永远不会得知有丢失（UDP 没有确认）",
    ),
    (
        "arrived: {received} distinct numbers in {arrivals} datagrams ({duplicates} duplicates); the receiver waited {ms} ms after the last send",
        "到达：{arrivals} 个用户数据报中有 {received} 个不同的编号（{duplicates} 个重复）；接收方在最后一次发送后等待了 {ms} 毫秒",
    ),
    ("lost: none", "丢失：无"),
    ("lost: {n} ({ranges})", "丢失：{n} 个（{ranges}）"),
    (
        "reordered: none (every number arrived after the ones below it)",
        "乱序：无（每个编号都在比它小的编号之后到达）",
    ),
    (
        "reordered: {n} arrived after a higher number (e.g. {examples})",
        "乱序：{n} 个在更大的编号之后才到达（例如 {examples}）",
    ),
    ("{n} after {after}", "{n} 在 {after} 之后"),
    (
        "sent {sent} = received {received} + lost {lost}",
        "发送 {sent} = 收到 {received} + 丢失 {lost}",
    ),
    ("Counters over the run", "本次运行期间的计数器"),
    (
        "  {ns} /proc/net/snmp Udp OutDatagrams: {n} {mark} (sendto() successes: {sent})",
        "  {ns} /proc/net/snmp Udp OutDatagrams：{n} {mark}（sendto() 成功次数：{sent}）",
    ),
    ("  {ns} /proc/net/snmp: not readable", "  {ns} /proc/net/snmp：无法读取"),
    (
        "  netem on {dev}: dropped {dropped} {mark} (lost by sequence number: {lost}), passed on {passed}",
        "  {dev} 上的 netem：丢弃 {dropped} {mark}（按序号统计的丢失：{lost}），转发 {passed}",
    ),
    (
        "  {dev} put {frames} frames on the link; {dropped} of them never reached UDP at {ns} {mark} (dropped by the XDP loss filter; lost by sequence number: {lost})",
        "  {dev} 向链路发出 {frames} 个帧；其中 {dropped} 个没有到达 {ns} 的 UDP {mark}（被 XDP 丢失过滤程序丢弃；按序号统计的丢失：{lost}）",
    ),
    (
        "  {dev}: no netem, so no drop counter on the link",
        "  {dev}：没有 netem，因此链路上没有丢弃计数",
    ),
    (
        "  {ns} /proc/net/snmp Udp InDatagrams: {n} {mark} (datagrams read: {arrivals}); RcvbufErrors {rcvbuf}, InErrors {errors}",
        "  {ns} /proc/net/snmp Udp InDatagrams：{n} {mark}（读到的用户数据报：{arrivals}）；RcvbufErrors {rcvbuf}，InErrors {errors}",
    ),
    (
        "a counter disagrees with the sequence numbers (marked ✗): something else used UDP in the lab's namespaces during the run, or a datagram was still on its way",
        "有计数器与序号统计不符（标为 ✗）：运行期间实验网络的命名空间里还有别的程序使用了 UDP，或者有用户数据报仍在途中",
    ),
    // Errors and hints.
    (
        "the lab creates network namespaces and changes qdiscs, which needs root",
        "实验网络要创建网络命名空间并修改排队规则（qdisc），这需要 root 权限",
    ),
    (
        "run it as root: sudo stackviz lab {command}",
        "请以 root 身份运行：sudo stackviz lab {command}",
    ),
    (
        "the lab prefix {prefix} cannot name an interface",
        "实验网络前缀 {prefix} 不能用来命名接口",
    ),
    (
        "give 1 to 12 letters, digits, - or _ (e.g. --prefix sv)",
        "请给出 1 到 12 个字母、数字、- 或 _（例如 --prefix sv）",
    ),
    ("the lab is not up", "实验网络尚未建立"),
    ("run stackviz lab up{flag} first", "请先运行 stackviz lab up{flag}"),
    ("run stackviz lab up first", "请先运行 stackviz lab up"),
    ("run stackviz lab status to see the lab", "运行 stackviz lab status 查看实验网络"),
    ("run stackviz lab down, then try again", "运行 stackviz lab down，然后重试"),
    (
        "stackviz lab down removes whatever the lab made; then run stackviz lab up again",
        "stackviz lab down 会删除实验网络建立的一切；然后再运行 stackviz lab up",
    ),
    (
        "{program} was not found: the lab needs iproute2",
        "找不到 {program}：实验网络需要 iproute2",
    ),
    (
        "install iproute2 (apt-get install iproute2, dnf install iproute), which provides ip and tc",
        "请安装提供 ip 和 tc 的 iproute2（apt-get install iproute2，dnf install iproute）",
    ),
    ("could not run {program}: {error}", "无法运行 {program}：{error}"),
    (
        "check that iproute2 is installed and runnable",
        "请检查 iproute2 是否已安装且可以运行",
    ),
    (
        "{program} {args} did not finish within 10 s",
        "{program} {args} 在 10 秒内没有结束",
    ),
    ("{command} failed: {stderr}", "{command} 失败：{stderr}"),
    ("ip shows no MAC address for {dev}", "ip 没有显示 {dev} 的 MAC 地址"),
    (
        "cannot open the namespace {path}: {error}",
        "无法打开命名空间 {path}：{error}",
    ),
    (
        "cannot enter the namespace {ns}: {error}",
        "无法进入命名空间 {ns}：{error}",
    ),
    (
        "entering a network namespace needs root (CAP_SYS_ADMIN)",
        "进入网络命名空间需要 root 权限（CAP_SYS_ADMIN）",
    ),
    (
        "the work inside namespace {ns} stopped unexpectedly",
        "在命名空间 {ns} 中进行的工作意外中止",
    ),
    (
        "cannot attach the XDP loss filter to {dev}",
        "无法把 XDP 丢失过滤程序挂到 {dev} 上",
    ),
    (
        "cannot remove the XDP loss filter from {dev}",
        "无法从 {dev} 上移除 XDP 丢失过滤程序",
    ),
    ("{what}: {error}", "{what}：{error}"),
    (
        "the XDP loss filter needs root (CAP_NET_ADMIN, CAP_BPF)",
        "XDP 丢失过滤程序需要 root 权限（CAP_NET_ADMIN、CAP_BPF）",
    ),
    // TCP across the link.
    (
        "TCP over the lab's link: {bytes} bytes from {client} to {server}, captured at both ends ({dev_a} and {dev_b})",
        "经实验链路传送 TCP：{bytes} 字节，从 {client} 到 {server}，在两端（{dev_a} 和 {dev_b}）抓包",
    ),
    (
        "note: netem drops a segment before the capture on the sending end sees it, so a lost segment appears at neither end; its retransmission shows where it was",
        "注意：netem 在发送端的抓包看到报文段之前就把它丢弃了，所以丢失的报文段在两端都看不到；它的重传显示了它原来的位置",
    ),
    (
        "{segments} segments captured: {data} carried data from {a}; lost on the link: {lost}; retransmissions: {retransmissions}; duplicate ACKs: {dups}; ACKs with SACK blocks: {sack}",
        "抓到 {segments} 个报文段：{data} 个携带来自 {a} 的数据，{lost} 个在链路上丢失，{retransmissions} 次重传，{dups} 个重复确认，{sack} 个确认带有 SACK 块",
    ),
    (
        "What happened, segment by segment (in the order the client's end saw it; times are when the capture read each frame)",
        "逐个报文段看发生了什么（按客户端一侧看到的顺序；时间是抓包读到每个帧的时刻）",
    ),
    (
        "lost: captured leaving {sent_at}, never arriving at {missing_at}",
        "丢失：抓包看到它离开 {sent_at}，但它始终没有到达 {missing_at}",
    ),
    (
        "retransmission {ms} ms after the first copy, after {n} duplicate ACKs asking for seq {seq}: fast retransmit",
        "重传，距第一次发送 {ms} 毫秒，此前收到 {n} 个要求 seq {seq} 的重复确认：快重传",
    ),
    (
        "retransmission {ms} ms after the first copy, during recovery: the last ACK's SACK blocks showed data beyond this gap ({n} duplicate ACKs for it)",
        "重传，距第一次发送 {ms} 毫秒，处于恢复过程中：最近一个确认的 SACK 块表明这个缺口之后的数据已经到达（针对它的重复确认有 {n} 个）",
    ),
    (
        "retransmission {ms} ms after the first copy; no duplicate ACK or SACK block pointed at it and nothing came back for {quiet} ms: the retransmission timer expired (or a tail-loss probe was sent)",
        "重传，距第一次发送 {ms} 毫秒；没有重复确认或 SACK 块指向它，且 {quiet} 毫秒内对方没有任何回应：重传计时器超时（或者发出了尾部丢失探测）",
    ),
    (
        "duplicate ACK {k}: the receiver still expects seq {ack}; data after a gap arrived and is held out of order",
        "第 {k} 个重复确认：接收方仍在等待 seq {ack}；缺口之后的数据已经到达，作为失序数据暂存",
    ),
    (
        "SACK {blocks}: these bytes arrived beyond the gap and need not be sent again",
        "SACK {blocks}：这些字节在缺口之后已经到达，不必再发送",
    ),
    (
        "  nothing was lost: every segment crossed once, in order",
        "  没有丢失：每个报文段都按序只传送了一次",
    ),
    (
        "arrived intact: the server read {received} bytes, byte for byte those sent {mark}",
        "完整到达：服务器读到 {received} 字节，与发送的逐字节相同 {mark}",
    ),
    (
        "NOT intact: the server read {received} bytes of {bytes}, not those sent {mark}",
        "不完整：服务器只读到 {bytes} 字节中的 {received} 字节，与发送的不同 {mark}",
    ),
    (
        "the client's kernel counted {n} retransmissions (TCP_INFO tcpi_total_retrans); its retransmission timeout is now {rto} ms; the transfer took {seconds} s",
        "客户端内核统计到 {n} 次重传（TCP_INFO tcpi_total_retrans）；它现在的重传超时时间为 {rto} 毫秒；传送用时 {seconds} 秒",
    ),
    ("the transfer failed: {error}", "传送失败：{error}"),
    (
        "a second copy of the same transmission (same IP ID): the link duplicated it; TCP did not send it again",
        "同一次发送的第二个副本（IP 标识相同）：是链路把它复制了，并不是 TCP 重发",
    ),
    (
        "retransmission {ms} ms after the first copy; nothing had come back from the receiver yet: the retransmission timer expired (a lost SYN is sent again after 1 s)",
        "重传，距第一次发送 {ms} 毫秒；接收方还没有任何回应：重传计时器超时（丢失的 SYN 在 1 秒后重发）",
    ),
    // lab mtu.
    (
        "the same {bytes} bytes over TCP and over UDP from {a} to {b}, on a link with MTU {mtu}, as the capture at {dev} saw them arrive",
        "同样的 {bytes} 字节分别经 TCP 和 UDP 从 {a} 发到 {b}，链路的 MTU 为 {mtu}，以下是在 {dev} 上抓包看到的到达情况",
    ),
    (
        "TCP: {count} segments carried the data ({sizes} bytes): TCP itself cuts the stream to the MSS (TCP_MAXSEG {maxseg} after connect()), so every segment is a whole IP packet of at most {largest} bytes and IP never fragments",
        "TCP：{count} 个报文段携带了这些数据（{sizes} 字节）。TCP 自己按 MSS 切分字节流（connect() 之后 TCP_MAXSEG 为 {maxseg}），所以每个报文段都是一个完整的、最多 {largest} 字节的 IP 数据报，IP 从不分片",
    ),
    (
        "UDP: one sendto() made one datagram of {size} bytes (8-byte header + {bytes}); IP cut it into {count} fragments ({pieces}): each but the last carries a multiple of 8 bytes, and only the first holds the UDP header",
        "UDP：一次 sendto() 产生一个 {size} 字节的用户数据报（8 字节首部 + {bytes}）；IP 把它切成 {count} 个分片（{pieces}）：除最后一片外，每片携带的字节数都是 8 的倍数，只有第一片含有 UDP 首部",
    ),
    (
        "both arrived whole: the server read every byte of the stream, and recvfrom() returned the datagram once all its fragments were in; lose one fragment and the whole datagram is lost, lose one segment and TCP sends that segment again",
        "两者都完整到达：服务器读到了字节流的每一个字节；recvfrom() 在全部分片到齐后返回了整个用户数据报。丢一个分片，整个用户数据报就丢了；丢一个报文段，TCP 会重传那一个报文段",
    ),
    (
        "something did not arrive whole (is the link impaired? stackviz lab status shows it)",
        "有数据没有完整到达（链路是否受了损伤？stackviz lab status 可以查看）",
    ),
    ("{length} bytes at offset {offset}{more}", "偏移 {offset} 处 {length} 字节{more}"),
];
