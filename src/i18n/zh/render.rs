//! Chinese for what the renderers write: headings, column names, legends
//! (src/render/).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // The page of `stackviz send`.
    (
        "stackviz send: one real UDP datagram, {source} → {destination}, {size} of data",
        "stackviz send：一个真实的 UDP 用户数据报，{source} → {destination}，{size}数据",
    ),
    (
        "stackviz send: one real UDP datagram, {source} → {destination}, {size} of data, via {interface}",
        "stackviz send：一个真实的 UDP 用户数据报，{source} → {destination}，{size}数据，经接口 {interface}",
    ),
    (
        "1. The exchange: real socket calls, in the order they ran",
        "1. 收发过程：真实的套接字调用，按执行顺序",
    ),
    (
        "2. Encapsulation: down the sender's stack, one layer at a time",
        "2. 封装：沿发送方协议栈向下，一次一层",
    ),
    (
        "3. The frame, byte by byte ({size} bytes, FCS included)",
        "3. 逐字节看这个帧（{size} 字节，含 FCS）",
    ),
    (
        "4. The real frame: what the kernel put on {interface}, field by field",
        "4. 真实的帧：内核放到 {interface} 上的内容，逐字段对比",
    ),
    (
        "5. What came back: the kernel's ICMP message, layer by layer (outermost first)",
        "5. 返回了什么：内核的 ICMP 报文，逐层展开（由外向内）",
    ),
    ("the message: {size} of data", "报文：{size}数据"),
    (
        "adds {article} {added}-byte preamble and SFD → {size} bytes as {bits} bits",
        "加上 {added} 字节的前导码和帧起始定界符 → {size} 字节，即 {bits} 比特",
    ),
    (
        "{protocol} adds {article} {header}-byte header and a {trailer}-byte trailer → {pdu} of {size} bytes (overhead {overhead})",
        "{protocol} 加上 {header} 字节首部和 {trailer} 字节尾部 → {size} 字节的{pdu}（开销 {overhead}）",
    ),
    (
        "{protocol} adds {article} {header}-byte header → {pdu} of {size} bytes (overhead {overhead})",
        "{protocol} 加上 {header} 字节首部 → {size} 字节的{pdu}（开销 {overhead}）",
    ),
    (
        "Step {number} of {total} · {layer} layer · {what}",
        "第 {number}/{total} 步 · {layer} · {what}",
    ),
    ("note: {note}", "注：{note}"),
    ("hint: {hint}", "提示：{hint}"),
    ("The PDU grows at each step", "PDU 每一步都在变大"),
    ("step", "步骤"),
    ("layer", "层"),
    ("protocol", "协议"),
    ("added", "增加"),
    ("size", "大小"),
    ("overhead", "开销"),
    ("The same, as boxes drawn to scale", "同样的内容，按比例画成方框"),
    (
        "note: [observed] values came from the OS during this run; [predicted] ones were computed by stackviz; [protocol] ones are fixed by the standard; [chosen] ones you chose on the command line",
        "注：[观测] 值来自本次运行时的操作系统；[预测] 值由 stackviz 计算；[协议规定] 值由标准固定；[用户指定] 值是你在命令行上选的",
    ),
    ("the captured frame", "抓到的帧"),
    ("the built frame", "构造的帧"),
    (
        "Decapsulation: up the receiver's stack, one header stripped at a time ({what})",
        "解封装：沿接收方协议栈向上，一次剥掉一个首部（{what}）",
    ),
    (
        "The datagram was dropped: nobody was bound to {dest}. The kernel answered with ICMP Destination Unreachable (Port Unreachable), and the sender's next call failed with {error}.",
        "用户数据报被丢弃了：没有套接字绑定到 {dest}。内核回送了一个 ICMP 目的不可达报文（端口不可达），发送方的下一次调用失败，返回 {error}。",
    ),
    (
        "The datagram did not arrive: an ICMP error came back about it, and the sender's next call failed with {error}. The captured ICMP message below says which error and who sent it.",
        "用户数据报没有送达：返回了一个关于它的 ICMP 差错报文，发送方的下一次调用失败，返回 {error}。下面抓到的 ICMP 报文说明了是什么差错、由谁发出。",
    ),
    (
        "Sent to {dest}. In {waited_ms} ms no error and no answer came back: UDP never tells the sender whether anyone received it.",
        "已发往 {dest}。{waited_ms} ms 内既没有差错报告，也没有回复：UDP 从不告诉发送方是否有人收到。",
    ),
    ("{from} answered with {size} bytes.", "{from} 回复了 {size} 字节。"),
    (
        "Nothing was sent: DF is set (--dont-fragment) and the {size}-byte packet is bigger than the route's MTU, so the kernel refused with EMSGSIZE instead of fragmenting. On a router the same packet would be dropped with ICMP \"Fragmentation Needed\" (type 3, code 4).",
        "什么也没发出：设置了 DF（--dont-fragment），而 {size} 字节的分组大于路由的 MTU，所以内核以 EMSGSIZE 拒绝，而不是分片。在路由器上，同样的分组会被丢弃，并回送 ICMP“需要分片”（类型 3，代码 4）。",
    ),
    ("What became of the datagram", "这个用户数据报的去向"),
    (
        "note: {reason}; the built frame above is not compared with the real one",
        "注：{reason}；上面构造的帧没有与真实的帧对比",
    ),
    (
        "; 1 identical copy dropped ({interface} hands the capture each frame twice: outgoing and incoming)",
        "；丢掉了 1 个相同的副本（{interface} 把每个帧交给抓包两次：发出一次，收到一次）",
    ),
    (
        "; {count} identical copies dropped ({interface} hands the capture each frame twice: outgoing and incoming)",
        "；丢掉了 {count} 个相同的副本（{interface} 把每个帧交给抓包两次：发出一次，收到一次）",
    ),
    (
        "the kernel sent {total} fragments; captured with pnet on {interface}",
        "内核发出了 {total} 个分片；用 pnet 在 {interface} 上抓到",
    ),
    (
        "fragment 1 of {total} ({size} bytes):",
        "分片 1/{total}（{size} 字节）：",
    ),
    ("fragment {number} of {total}:", "分片 {number}/{total}："),
    (
        "captured with pnet on {interface}: {size} bytes",
        "用 pnet 在 {interface} 上抓到：{size} 字节",
    ),
    (
        "the capture on {interface} saw nothing of ours: nothing was sent",
        "{interface} 上的抓包没有看到我们的帧：什么也没发出",
    ),
    (
        "the capture on {interface} did not see the datagram in time",
        "{interface} 上的抓包没能及时看到这个用户数据报",
    ),
    (
        "How the destination MAC was learned: the kernel asked with ARP before sending",
        "目的 MAC 是怎么知道的：内核在发送前用 ARP 询问",
    ),
    (
        "every value below was observed: the frame as captured on {interface} with pnet",
        "下面每个值都是观测到的：用 pnet 在 {interface} 上抓到的帧",
    ),
    (
        "Fragmentation: the {size}-byte {version} packet does not fit MTU {mtu}: {count} fragments",
        "分片：{size} 字节的 {version} 分组超过 MTU {mtu}：分成 {count} 片",
    ),
    (
        "note: the real outgoing interface has MTU {real}: the kernel sends this datagram whole; the fragments below are what a link with MTU {mtu} would carry",
        "注：真实出接口的 MTU 是 {real}：内核会整个发出这个 IP 数据报；下面的分片是 MTU 为 {mtu} 的链路上会传送的样子",
    ),
    (
        "IPv6 routers never fragment: only the sender may, adding a Fragment extension header (next header 44) to each piece, with the offset in 8-byte units, M set on all but the last, and one identification for all",
        "IPv6 路由器从不分片：只有发送方可以分片，给每一片加上分片扩展首部（下一个首部 44），偏移以 8 字节为单位，除最后一片外都置 M 位，所有分片共用一个标识",
    ),
    (
        "each fragment: the same identification, its own IPv4 header and checksum, an offset in 8-byte units, MF set on all but the last; every piece but the last is a multiple of 8 bytes",
        "每个分片：标识相同，有自己的 IPv4 首部和校验和，偏移以 8 字节为单位，除最后一片外都置 MF 位；除最后一片外，每片长度都是 8 字节的整数倍",
    ),
    ("{tag} MTU {mtu}: {source}", "{tag} MTU {mtu}：{source}"),
    ("fragment", "分片"),
    ("bytes of the payload", "载荷中的字节"),
    ("offset field", "偏移字段"),
    ("more", "还有分片"),
    ("packet length", "分组长度"),
    ("frame", "帧"),
    ("{number} of {total}", "{number}/{total}"),
    ("{first}-{last} ({size} bytes)", "{first}-{last}（{size} 字节）"),
    ("{size} bytes", "{size} 字节"),
    (
        "Fragment {number} · {protocol} header",
        "分片 {number} · {protocol} 首部",
    ),
    (
        "Reassembly: the receiving kernel keeps fragments with the same (source, destination, protocol, identification), orders them by offset, and hands the datagram up only when the piece with MF = 0 has arrived and no gap is left; one lost fragment loses the whole datagram.",
        "重组：接收方内核把（源地址，目的地址，协议，标识）相同的分片留在一起，按偏移排序，只有在 MF = 0 的那一片到达且没有空缺时才把 IP 数据报交给上层；丢一片就丢掉整个 IP 数据报。",
    ),
    (
        "The embedded receiver's recvfrom() returned all {size} bytes: reassembled before it saw them.",
        "内置接收方的 recvfrom() 返回了全部 {size} 字节：数据交到它手里之前，内核已经完成了重组。",
    ),
    // Field tables and worked checksums.
    ("wire", "线路"),
    ("{bytes} bit {bit}", "{bytes} 的第 {bit} 位"),
    ("{bytes} bits {first}-{last}", "{bytes} 的第 {first}-{last} 位"),
    ("field\nbytes", "字段\n字节"),
    ("raw\nvalue", "原始\n值"),
    ("meaning", "含义"),
    ("field", "字段"),
    ("bytes", "字节"),
    ("raw", "原始"),
    ("value", "值"),
    ("{protocol} {name}, worked out", "{protocol} {name}，逐步算出"),
    ("covers: {what}", "覆盖：{what}"),
    (
        "pseudo-header ({size} bytes, never sent; it ties the datagram to its IP addresses):",
        "伪首部（{size} 字节，不随分组发送，作用是让校验和也覆盖 IP 地址）：",
    ),
    ("pseudo-header field", "伪首部字段"),
    ("from", "来自"),
    ("term", "项"),
    ("16-bit words", "16 位字"),
    ("sum", "和"),
    ("running total", "累计"),
    ("sum of all words: {total}", "所有字之和：{total}"),
    (
        "fold the carry back in: {low} + {carry} = {folded}",
        "回卷进位：{low} + {carry} = {folded}",
    ),
    ("one's complement: {folded} = {result}", "取反码：{folded} = {result}"),
    (
        "a result of 0 is sent as 0xffff (0 means \"no checksum\" in UDP over IPv4)",
        "结果为 0 时发送 0xffff（在 IPv4 上的 UDP 中，0 表示“没有校验和”）",
    ),
    ("computed: {value}", "计算值：{value}"),
    (
        "stored in the frame: {stored}  {mark} {verdict}",
        "帧中存放的值：{stored}  {mark} {verdict}",
    ),
    (
        "{layer} layer · {protocol} · {size}",
        "{layer} · {protocol} · {size}",
    ),
    (
        "MALFORMED: {protocol} at offset {offset}: {message}",
        "{protocol} 格式错误（偏移 {offset}）：{message}",
    ),
    (
        "the remaining {size} bytes, raw: {hex}",
        "剩下的 {size} 字节，原样：{hex}",
    ),
    // Boxes and hex dump.
    ("data", "数据"),
    ("pad", "填充"),
    ("padding", "填充"),
    ("{protocol} header, {trailer}", "{protocol} 首部、{trailer}"),
    // Between the items of a short list.
    (", ", "、"),
    ("? = not dissected", "? = 未解析"),
    ("legend: {parts}", "图例：{parts}"),
    ("{letter} = {layer} ({what})", "{letter} = {layer}（{what}）"),
    // The socket calls.
    ("side", "角色"),
    ("call", "调用"),
    ("returned", "返回值"),
    ("why it matters", "为什么重要"),
    ("sender", "发送方"),
    ("receiver", "接收方"),
    // Built versus captured.
    (
        "{identical} of {total} fields identical, {explained} explained, {unexpected} unexpected",
        "共 {total} 个字段，其中 {identical} 个相同，{explained} 个不同但原因已查明，{unexpected} 个出乎意料地不同",
    ),
    ("built", "构造的"),
    ("captured", "抓到的"),
    ("verdict", "结论"),
    ("same", "相同"),
    ("differs, explained: {reason}", "不同，原因是{reason}"),
    ("DIFFERS, UNEXPECTED", "不同，且原因不明"),
    ("(none)", "（无）"),
    // `stackviz recv`.
    (
        "stackviz recv: a real UDP receiver on {bound}",
        "stackviz recv：在 {bound} 上的真实 UDP 接收方",
    ),
    (
        "waiting for datagrams (Ctrl-C ends; --count and --timeout bound the wait)…",
        "等待用户数据报（按 Ctrl-C 结束；--count 和 --timeout 限定等待时间）…",
    ),
    ("the payload", "载荷"),
    (
        "the network card accepts the frame for its MAC; the host strips the {header}-byte Ethernet header and EtherType hands the rest to {next}",
        "网卡接收发给自己 MAC 的帧；主机剥掉 {header} 字节的以太网首部，由 EtherType 把其余部分交给 {next}",
    ),
    (
        "the destination address is this host's, so the kernel strips the {header}-byte {protocol} header; {field} hands the rest to {next}",
        "目的地址是本机的，所以内核剥掉 {header} 字节的 {protocol} 首部；由 {field} 把其余部分交给 {next}",
    ),
    (
        "destination port {port} belongs to the socket bound to {delivered_to}: the kernel strips the 8-byte UDP header and queues the data there",
        "目的端口 {port} 属于绑定在 {delivered_to} 的套接字：内核剥掉 8 字节的 UDP 首部，把数据放进它的队列",
    ),
    (
        "the datagram carries {size} bytes; recvfrom() handed the program only {copied}: the buffer was smaller, the rest is discarded",
        "用户数据报带有 {size} 字节，缓冲区却更小，recvfrom() 只交给程序 {copied} 字节，其余部分被丢弃",
    ),
    (
        "recvfrom() hands the program these {size} bytes",
        "recvfrom() 把这 {size} 字节交给程序",
    ),
    (
        "Up {number} of {total} · {layer} layer · {protocol} ({size}): {what}",
        "向上 {number}/{total} · {layer} · {protocol}（{size}）：{what}",
    ),
    (
        "malformed: {protocol} at offset {offset}: {message}",
        "{protocol} 格式错误（偏移 {offset}）：{message}",
    ),
    (
        "Datagram {number}: {size} from {from} to port {port}",
        "用户数据报 {number}：{size}，从 {from} 发到端口 {port}",
    ),
    (
        "TRUNCATED: the datagram had {size} bytes, the buffer holds {buffer}: the program got \"{data}\", and {lost} bytes are lost: \"{lost_text}\" (hex {lost_hex})",
        "截断：用户数据报有 {size} 字节，而缓冲区只能放 {buffer} 字节。程序拿到“{data}”，丢掉了 {lost} 字节“{lost_text}”（十六进制 {lost_hex}）",
    ),
    (
        "UDP keeps datagram boundaries: the rest is not kept for the next recvfrom(), it is discarded.",
        "UDP 保留报文的边界：剩下的部分不会留给下一次 recvfrom()，而是被丢弃。",
    ),
    (
        "data: \"{data}\" ({size}, hex {hex})",
        "数据：“{data}”（{size}，十六进制 {hex}）",
    ),
    (
        "Decapsulation on this host, outermost first (the order headers are stripped)",
        "在本机上解封装，由外向内（首部被剥掉的顺序）",
    ),
    (
        "every value below was observed: the frame as captured with pnet",
        "下面每个值都是观测到的：用 pnet 抓到的帧",
    ),
    (
        "(no frame: capture is off or did not see it)",
        "（没有帧：抓包已关闭或没有看到它）",
    ),
    ("--count reached", "达到 --count"),
    ("--timeout reached", "达到 --timeout"),
    ("interrupted (Ctrl-C)", "被中断（Ctrl-C）"),
    (
        "summary: 1 datagram ({bytes}, {truncated} truncated) on {bound} in {seconds} s; ended: {why}",
        "小结：在 {bound} 上 {seconds} 秒内收到 1 个用户数据报（{bytes}，{truncated} 个被截断）；结束原因：{why}",
    ),
    (
        "summary: {count} datagrams ({bytes}, {truncated} truncated) on {bound} in {seconds} s; ended: {why}",
        "小结：在 {bound} 上 {seconds} 秒内收到 {count} 个用户数据报（{bytes}，{truncated} 个被截断）；结束原因：{why}",
    ),
    // `stackviz decode`.
    ("raw IP", "原始 IP"),
    ("Linux cooked capture", "Linux cooked 抓包"),
    ("link type {n}", "链路类型 {n}"),
    ("Frame {number}: {size}", "帧 {number}：{size}"),
    (", {link}", "，{link}"),
    (", {time} UTC", "，{time} UTC"),
    (
        " (cut short by the capture at {captured} of {original} bytes)",
        "（被抓包截短：线路上 {original} 字节，只保存了 {captured} 字节）",
    ),
    (
        "layers outermost first, the order a receiver strips them; every value read from the input",
        "各层由外向内排列，即接收方剥掉它们的顺序；每个值都读自输入",
    ),
    (", length {size}", "，长度 {size}"),
    (
        " MALFORMED: {protocol} at offset {offset}",
        " {protocol} 格式错误（偏移 {offset}）",
    ),
    (
        "1 frame read, {shown} shown, {malformed} malformed",
        "读取 1 个帧，显示 {shown} 个，{malformed} 个格式错误",
    ),
    (
        "{frames} frames read, {shown} shown, {malformed} malformed",
        "读取 {frames} 个帧，显示 {shown} 个，{malformed} 个格式错误",
    ),
    // `send --compare-families`.
    (
        "The same {size} bytes over IPv4 ({source4} → {destination4}) and IPv6 ({source6} → {destination6}): two real exchanges",
        "同样的 {size} 字节分别走 IPv4（{source4} → {destination4}）和 IPv6（{source6} → {destination6}）：两次真实收发",
    ),
    ("IPv4: protocol", "IPv4：协议"),
    ("adds", "增加"),
    ("PDU size", "PDU 大小"),
    ("IPv6: protocol", "IPv6：协议"),
    (
        "frame: {v4} bytes over IPv4, {v6} over IPv6 ({difference} bytes); the data is {share4}% of the IPv4 frame, {share6}% of the IPv6 one",
        "帧：IPv4 上 {v4} 字节，IPv6 上 {v6} 字节（{difference} 字节）；数据占 IPv4 帧的 {share4}%，占 IPv6 帧的 {share6}%",
    ),
    (
        "IPv6's header is a fixed 40 bytes against IPv4's 20: 128-bit addresses, no header checksum (the link's FCS and the transport checksum cover it), no fragmentation fields (only the sender fragments, with an extension header), a flow label; and over IPv6 the UDP checksum is mandatory.",
        "IPv6 首部固定 40 字节，IPv4 是 20 字节：128 位地址，没有首部校验和（由链路的 FCS 和传输层校验和覆盖），没有分片字段（只有发送方分片，用扩展首部），有流标签；而且在 IPv6 上 UDP 校验和是必需的。",
    ),
    (
        "short frames are padded to 60 bytes, so for a small message the difference can vanish into the padding.",
        "短帧会被填充到 60 字节，所以对很短的报文，这个差别可能被填充吞掉。",
    ),
    // `stackviz layers`.
    ("TCP/IP layer", "TCP/IP 层"),
    ("OSI layers it covers", "对应的 OSI 层"),
    ("address", "地址"),
    ("what it does", "做什么"),
    ("header it adds", "加上的首部"),
    ("lives in", "在哪里实现"),
    ("stackviz shows it", "stackviz 哪里展示"),
    (
        "A sender goes down this table adding headers (encapsulation); a receiver goes up it stripping them (decapsulation).",
        "发送方沿这张表向下走，一层层加首部（封装）；接收方沿它向上走，一层层剥首部（解封装）。",
    ),
    // The HTML report.
    ("Built versus captured", "构造的与抓到的对比"),
    (
        "Hover a field to light its bytes, or a byte to light its field. ▶ or → walks through the report one step at a time.",
        "把鼠标停在字段上会点亮它的字节，停在字节上会点亮它的字段。按 ▶ 或 → 可逐步讲解这份报告。",
    ),
    // The HTML report's sections and controls.
    ("Notes", "说明"),
    (
        "The frame, byte by byte ({size} bytes, FCS included)",
        "逐字节看这个帧（{size} 字节，含 FCS）",
    ),
    (
        "Up the receiver's stack, outermost layer first",
        "沿接收方的协议栈向上，从最外层开始",
    ),
    ("all sections", "全部内容"),
    ("larger text", "放大文字"),
    ("smaller text", "缩小文字"),
    ("next step (→)", "下一步（→）"),
    ("previous step (←)", "上一步（←）"),
    ("report controls", "报告控制"),
    ("show all", "全部显示"),
    ("preamble+SFD {bytes}", "前导码+SFD {bytes}"),
    ("Encapsulation, drawn to scale", "封装，按比例绘制"),
    (
        "The socket calls, in the order they ran",
        "套接字调用，按执行顺序",
    ),
];
