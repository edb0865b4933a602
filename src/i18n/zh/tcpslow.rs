//! Sentences of `send --tcp --count N`: TCP's flow control seen from both
//! ends (src/render/flow_text.rs). Terms: 流量控制, 接收窗口, 零窗口,
//! 零窗口探测, 窗口更新, 重传, 报文段, 确认.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // Headings.
    (
        "TCP: {count} numbered messages to a server that reads slowly (flow control)",
        "TCP：{count} 个编了号的报文，发给一个读得很慢的服务器（流量控制）",
    ),
    ("What arrived", "到达了什么"),
    ("The sender was slowed down", "发送方被放慢了"),
    (
        "The window over time (TCP_INFO of both sockets every {every} ms, no privilege needed)",
        "窗口随时间的变化（每 {every} ms 读取一次两个套接字的 TCP_INFO，无需特权）",
    ),
    ("On the wire", "线路上"),
    ("On the wire (captured on loopback)", "线路上（在环回接口上捕获）"),
    ("Flow control in words", "用文字说明流量控制"),
    // The setup.
    (
        "client {client} → server {server}, {bytes} bytes a message: {first}, {second}, …; {total} bytes in all",
        "客户端 {client} → 服务器 {server}，每个报文 {bytes} 字节：{first}、{second}……；共 {total} 字节",
    ),
    (
        "the server asked for SO_RCVBUF {asked} bytes and the kernel set {set} (doubled for its bookkeeping): the receive window can never be larger than what fits there. Its program calls recv() (up to 65536 bytes) and then pauses {pause} ms",
        "服务器请求 SO_RCVBUF 为 {asked} 字节，内核设为 {set}（翻倍，留作记账之用）：接收窗口永远不会大于这里放得下的数据。服务器程序调用 recv()（一次最多 65536 字节），然后暂停 {pause} ms",
    ),
    (
        "the client asked for SO_SNDBUF {asked} bytes and the kernel set {set}: send() waits once that much is queued",
        "客户端请求 SO_SNDBUF 为 {asked} 字节，内核设为 {set}：排队的数据达到这么多时，send() 就要等待",
    ),
    (
        "the client left SO_SNDBUF to the kernel, which sized it at {set} bytes by the end",
        "客户端把 SO_SNDBUF 交给内核决定，到结束时内核把它定为 {set} 字节",
    ),
    (
        "the client calls send() as fast as it returns",
        "客户端以 send() 返回的最快速度连续调用",
    ),
    (
        "the client sends {rate} messages per second",
        "客户端每秒发送 {rate} 个报文",
    ),
    // What arrived.
    (
        "Ctrl-C stopped the client after {sent} of {count} messages; everything below counts the {sent} it sent",
        "Ctrl-C 在客户端发出 {count} 个报文中的 {sent} 个之后使它停下；以下各项只统计它发出的 {sent} 个",
    ),
    (
        "after Ctrl-C the server read the rest without pausing",
        "按下 Ctrl-C 之后，服务器不再暂停，直接读完了剩下的数据",
    ),
    (
        "✓ every byte arrived, in order: {bytes} bytes sent = {bytes} bytes read, CRC-32 {crc} at both ends, messages 1 to {messages} each once and in order. TCP lost nothing",
        "✓ 每个字节都按顺序到达：发送 {bytes} 字节 = 读到 {bytes} 字节，两端的 CRC-32 都是 {crc}，报文 1 到 {messages} 各一次、按顺序。TCP 什么也没有丢",
    ),
    (
        "✗ the stream did not arrive whole: {sent} bytes sent, {read} read, CRC-32 {crc_sent} sent and {crc_read} read, {messages} messages in order",
        "✗ 字节流没有完整到达：发送 {sent} 字节，读到 {read} 字节，发送端 CRC-32 为 {crc_sent}，接收端为 {crc_read}，按顺序到达的报文 {messages} 个",
    ),
    (
        "the first unexpected byte was at offset {at} of the stream",
        "第一个不符合预期的字节位于字节流的偏移 {at} 处",
    ),
    (
        "the server read nothing for --timeout and gave up",
        "服务器在 --timeout 时间内什么也没读到，于是放弃",
    ),
    ("send() failed: {error}", "send() 失败：{error}"),
    ("recv() failed: {error}", "recv() 失败：{error}"),
    (
        "the server's program read them in {reads} recv() calls, at most {largest} bytes at a time",
        "服务器程序用 {reads} 次 recv() 调用读完，每次最多 {largest} 字节",
    ),
    // The sender slowed down.
    (
        "{messages} messages handed to the kernel in {sending} ms, {in_send} ms of it inside send(): {waited} of {calls} send() calls waited for room in the send buffer; the slowest message took {longest} ms to hand over",
        "{messages} 个报文在 {sending} ms 内交给了内核，其中 {in_send} ms 花在 send() 里面：{calls} 次 send() 调用中有 {waited} 次在等待发送缓冲区腾出空间；最慢的一个报文用了 {longest} ms 才交出去",
    ),
    (
        "the kernel's own count (the client's TCP_INFO): {busy} ms with data to send, {rwnd} ms of it held back by the receiver's window (tcpi_rwnd_limited), {sndbuf} ms by its own send buffer (tcpi_sndbuf_limited)",
        "内核自己的统计（客户端的 TCP_INFO）：有数据要发送的时间 {busy} ms，其中 {rwnd} ms 受接收方窗口所限（tcpi_rwnd_limited），{sndbuf} ms 受自身发送缓冲区所限（tcpi_sndbuf_limited）",
    ),
    (
        "the client sent {count} segments again (tcpi_total_retrans): no acknowledgment came in time, as the server's kernel held back its ACKs while its buffer was full. The server reported {dups} of them as data it already had (D-SACK, tcpi_dsack_dups). Either way its program got every byte once",
        "客户端重传了 {count} 个报文段（tcpi_total_retrans）：确认没有及时到来，因为服务器的接收缓冲区满时，其内核推迟发送确认。服务器报告其中 {dups} 个是它已经收到过的数据（D-SACK，tcpi_dsack_dups）。无论哪种情况，服务器程序都恰好收到每个字节一次",
    ),
    (
        "the transfer took {transfer} ms, from connect() to the server reading the last byte",
        "整个传送用了 {transfer} ms，从 connect() 返回到服务器读到最后一个字节",
    ),
    (
        "from send() to the server's recv(), message by message: the first {first} ms, median {median} ms, the slowest {longest} ms, the last {last} ms",
        "逐个报文计算从 send() 到服务器 recv() 的时间：第一个 {first} ms，中位数 {median} ms，最慢的 {longest} ms，最后一个 {last} ms",
    ),
    // The samples.
    ("no samples were taken", "没有取到任何样本"),
    ("window", "窗口"),
    ("unread at server", "服务器未读"),
    (
        "one column = {column} ms, the lowest value in it; █ = {top} bytes, · = 0, a space: no sample. window: what the client was last told it may send (tcpi_snd_wnd); unread: bytes in the server's receive buffer its program has not read yet (SIOCINQ)",
        "每一列 = {column} ms，取该时段内的最小值；█ = {top} 字节，· = 0，空格表示没有样本。窗口：客户端最近一次被告知还可以发送多少（tcpi_snd_wnd）；未读：服务器接收缓冲区中程序尚未读取的字节（SIOCINQ）",
    ),
    ("ms", "ms"),
    ("in flight", "已发送未确认"),
    ("not sent yet", "尚未发送"),
    ("read by program", "程序已读"),
    ("advertised", "通告窗口"),
    (
        "in flight: sent and not yet acknowledged (SIOCOUTQ minus tcpi_notsent_bytes); not sent yet: waiting in the client's send buffer (tcpi_notsent_bytes); advertised: the window the server last advertised (its tcpi_rcv_wnd); read by program: what the server's recv() calls returned so far",
        "已发送未确认：已经发出但尚未被确认的字节（SIOCOUTQ 减去 tcpi_notsent_bytes）；尚未发送：在客户端发送缓冲区中等待的字节（tcpi_notsent_bytes）；通告窗口：服务器最近一次通告的窗口（它的 tcpi_rcv_wnd）；程序已读：服务器的 recv() 调用到此为止返回的字节数",
    ),
    (
        "the window was never 0 in the {count} samples",
        "在 {count} 个样本中窗口从未为 0",
    ),
    ("… and {more} more", "……还有 {more} 个"),
    (
        "the window was 0 in {zero} of {count} samples; the stretches at 0 (ms): {list}; {total} ms in all. Meanwhile the client could send nothing",
        "在 {count} 个样本中有 {zero} 个窗口为 0；窗口为 0 的各时段（ms）：{list}；合计 {total} ms。在此期间客户端什么也不能发送",
    ),
    // On the wire.
    ("data", "数据"),
    ("retransmission", "重传"),
    ("zero-window probe", "零窗口探测"),
    ("zero window", "零窗口"),
    ("window update", "窗口更新"),
    (
        "{segments} segments of the connection; window scale: client {client}, server {server} (from the SYNs: a window field is multiplied by 2^scale)",
        "该连接的报文段 {segments} 个；窗口扩大因子：客户端 {client}，服务器 {server}（取自 SYN 报文段：窗口字段乘以 2^因子）",
    ),
    ("what", "内容"),
    ("segments", "报文段"),
    ("meaning", "含义"),
    (
        "the server's buffer is full: window 0, send nothing more",
        "服务器的缓冲区已满：窗口为 0，不要再发送",
    ),
    (
        "the client asks whether the window is still 0 (seq = last acknowledged - 1, no data)",
        "客户端询问窗口是否仍为 0（序号 = 最后被确认的序号 - 1，不带数据）",
    ),
    (
        "the server's program read: an ACK that only opens the window again",
        "服务器程序读取了数据：一个只重新打开窗口的确认报文段",
    ),
    (
        "data sent again: the timer fired before an acknowledgment came",
        "再次发送的数据：确认到来之前定时器已经超时",
    ),
    ("direction", "方向"),
    ("client → server", "客户端 → 服务器"),
    ("server → client", "服务器 → 客户端"),
    (
        "note: --capture has no effect on UDP's --count: nothing is captured there",
        "注意：--capture 对 UDP 的 --count 不起作用：那里不做捕获",
    ),
    ("seq", "序号"),
    ("ack", "确认号"),
    ("bytes", "字节"),
    (
        "the first {shown} of {count} such segments (relative sequence numbers); --format json lists them all",
        "这类报文段共 {count} 个，这里列出前 {shown} 个（相对序号）；--format json 会全部列出",
    ),
    (
        "✓ the captured data segments carry {bytes} new bytes, exactly what send() handed over",
        "✓ 捕获到的携带数据的报文段共有 {bytes} 个新字节，正好是 send() 交出的数据",
    ),
    (
        "the captured data segments carry {seen} new bytes of the {sent} sent: the capture missed some segments",
        "捕获到的携带数据的报文段只有发送的 {sent} 字节中的 {seen} 个新字节：捕获漏掉了一些报文段",
    ),
    (
        "the capture kept its limit of segments; later ones are left out",
        "捕获保存的报文段已达上限；之后的报文段没有计入",
    ),
    // In words.
    (
        "TCP never lets a sender overrun its receiver. Every segment the server sends carries a window: how many more bytes it can take into its receive buffer. The client may have at most that many bytes sent and not yet acknowledged.",
        "TCP 从不让发送方淹没接收方。服务器发出的每个报文段都带有一个窗口：它的接收缓冲区还能再接收多少字节。客户端已发送但尚未被确认的字节最多只能有这么多。",
    ),
    (
        "Here the server's program read slowly, its buffer filled, and the window shrank to 0: the client had to stop, its send buffer filled, and send() waited. When the program read, the buffer emptied and the server sent a window update; while the window stays 0 longer than the retransmission timeout, the client sends zero-window probes to ask. Nothing was lost: the receiver slowed the sender down instead. UDP has no window: there the same slow receiver drops datagrams (stackviz send --count N).",
        "这里服务器程序读得慢，它的缓冲区被填满，窗口缩小到 0：客户端只得停下，它的发送缓冲区随之填满，send() 只能等待。程序一读取，缓冲区腾空，服务器就发送窗口更新；若窗口为 0 的时间超过重传超时，客户端会发送零窗口探测来询问。没有丢失任何数据：接收方改为让发送方慢下来。UDP 没有窗口：同样慢的接收方在那里会丢弃用户数据报（stackviz send --count N）。",
    ),
    (
        "Here the window never reached 0: the data fitted, or the server acknowledged only after its program read. Send more (a larger --count or a longer message) or read more slowly (--slow-receiver 100 or more) to see it close.",
        "这里窗口从未降到 0：数据放得下，或者服务器要等程序读取之后才确认。发送更多数据（更大的 --count 或更长的报文），或者读得更慢（--slow-receiver 100 或更大），就能看到窗口关闭。",
    ),
];
