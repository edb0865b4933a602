//! Chinese for the TCP core (`stackviz send --tcp`): the socket calls of
//! both ends (src/net/tcp_exchange.rs), each segment's reason and origins
//! (src/tcp/), the timeline, rows, arithmetic and sources
//! (src/render/tcp_text.rs), the ladder's columns, pcap comments and the
//! HTML titles. Terms as 谢希仁 writes them: 报文段, 三报文握手, 序号,
//! 确认号, 窗口, 初始序号（ISN）, 客户端, 服务器, 推迟确认.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // The two ends, as a column value, a sentence's subject and a ladder
    // column ("{sender}" is filled with "the client" / "the server").
    ("client", "客户端"),
    ("server", "服务器"),
    ("the client", "客户端"),
    ("the server", "服务器"),
    ("client → server", "客户端 → 服务器"),
    ("server → client", "服务器 → 客户端"),
    ("[unknown]", "[未知]"),
    // The page's heading and sections.
    (
        "stackviz send --tcp: one real TCP connection, {client} → {server}, {size} of data, {count} segments",
        "stackviz send --tcp：一个真实的 TCP 连接，{client} → {server}，{size}数据，{count} 个报文段",
    ),
    (
        "Timeline: both ends' socket calls and the segments between them",
        "时间线：两端的套接字调用，以及其间往来的报文段",
    ),
    ("time", "时间"),
    ("end", "哪一端"),
    ("call or segment", "调用或报文段"),
    // Two lines: the column stays as narrow as the state names under it.
    ("state after (TCP_INFO)", "调用后的状态\n（TCP_INFO）"),
    (
        "segment {n}: {arrow} [{flags}] seq={seq} ack={ack} len={len}",
        "报文段 {n}：{arrow} [{flags}] 序号 {seq}，确认号 {ack}，长度 {len}",
    ),
    ("Every segment", "全部报文段"),
    ("#", "#"),
    ("flags", "标志"),
    ("seq", "序号"),
    ("ack", "确认号"),
    ("len", "长度"),
    ("window", "窗口"),
    ("built vs captured", "构造的与抓到的对比"),
    ("unknown", "未知"),
    ("predicted only (not captured)", "仅有预测（未抓到）"),
    (
        "seq and ack as on the wire (absolute)",
        "序号和确认号是线路上的实际值（绝对值）",
    ),
    (
        "seq and ack relative to each end's ISN (0 for its SYN), as Wireshark shows them; --absolute shows the numbers on the wire",
        "序号和确认号是相对于各端初始序号（ISN）的值（各端的 SYN 为 0），与 Wireshark 的显示方式相同；--absolute 显示线路上的实际值",
    ),
    // The arithmetic.
    ("The arithmetic", "计算过程"),
    (
        "segment {n}: ack {ack} = segment {m}'s seq {seq} + {len} bytes + {extra} ({what})",
        "报文段 {n}：确认号 {ack} = 报文段 {m} 的序号 {seq} + {len} 字节 + {extra}（{what}）",
    ),
    (
        "a SYN takes one sequence number",
        "SYN 不携带数据，但要消耗一个序号",
    ),
    (
        "a FIN takes one sequence number",
        "FIN 不携带数据，但要消耗一个序号",
    ),
    (
        "data only: the next byte expected",
        "只有数据，确认号就是期望收到的下一个字节的序号",
    ),
    (
        "window scale: the client multiplies the server's windows by 2^{snd} and the server the client's by 2^{rcv} (TCP_INFO); a SYN's window is never scaled",
        "窗口扩大：客户端把服务器通告的窗口乘以 2^{snd}，服务器把客户端通告的窗口乘以 2^{rcv}（TCP_INFO）；SYN 中的窗口值从不按比例扩大",
    ),
    (
        "three MSS values: the option in the SYN says {option} (the MTU minus the IP and TCP headers); TCP_INFO's advmss is {advmss} (the option minus the 12 bytes every segment spends on timestamps); TCP_MAXSEG after connect() is {maxseg} (what the client really puts in one segment: capped by the peer's window too)",
        "三个 MSS 值：SYN 中的 MSS 选项是 {option}（MTU 减去 IP 首部和 TCP 首部）；TCP_INFO 的 advmss 是 {advmss}（选项值减去每个报文段的时间戳选项所占的 12 字节）；connect() 之后的 TCP_MAXSEG 是 {maxseg}（客户端实际放进一个报文段的数据量，还受对方窗口的限制）",
    ),
    // One segment in full.
    (
        "Segment {n}: {flags} from the {from}, layer by layer ({size})",
        "报文段 {n}：{from}发出的 {flags}，逐层展开（{size}）",
    ),
    (
        "Segment {n}: built vs captured",
        "报文段 {n}：构造的与抓到的逐字段对比",
    ),
    // Where the values came from.
    ("Where the values came from", "这些值从哪里来"),
    (
        "the client's SYN exactly as the server's kernel received it (TCP_SAVED_SYN, no privilege needed): ISN {isn}, window {window}, options {options}",
        "客户端的 SYN，与服务器内核收到的完全一样（TCP_SAVED_SYN，无须特权）：ISN {isn}，窗口 {window}，选项 {options}",
    ),
    (
        "the client's SYN was not saved (no embedded server): its ISN and options are predicted",
        "客户端的 SYN 没有被保存下来（没有内嵌的服务器），所以它的 ISN 和选项都是预测的",
    ),
    (
        "the server's ISN and its IP IDs cannot be known without a capture: they are random and no socket option reveals them; 0 stands in, marked [unknown]",
        "不抓包就无法知道服务器的 ISN 和它的 IP 标识：它们是随机的，也没有哪个套接字选项能读出它们；这里用 0 代替，并标为 [未知]",
    ),
    ("sysctl", "sysctl"),
    ("decides", "决定什么"),
    ("unreadable", "无法读取"),
    (
        "Timestamps option (TSval/TSecr) on every segment",
        "每个报文段是否带时间戳选项（TSval/TSecr）",
    ),
    (
        "SACK permitted in the SYN",
        "SYN 中是否带 SACK Permitted（允许选择确认）",
    ),
    (
        "the Window Scale option",
        "是否使用窗口扩大选项（Window Scale）",
    ),
    (
        "ECN: 1 asks for it in the SYN (ECE, CWR), 2 only accepts it",
        "ECN：1 表示在 SYN 中请求使用（置 ECE、CWR），2 表示只在对方请求时才使用",
    ),
    (
        "receive buffer min/default/max: the window and its scale",
        "接收缓存的最小值/默认值/最大值，决定窗口及其扩大移位数",
    ),
    (
        "how many times an unanswered SYN is sent again",
        "SYN 得不到应答时重传几次",
    ),
    (
        "after close(), the kernel's connection table (what ss -tan shows) still holds the client's side in {state}{left}: the end that closed first waits 2×MSL (60 s on Linux) so a late segment of this connection cannot be taken for one of the next",
        "close() 之后，内核的连接表（即 ss -tan 所显示的）里客户端一侧仍处于 {state}{left}。先关闭的一端要等待 2×MSL（Linux 上为 60 s），以免本连接迟到的报文段被误当作下一个连接的报文段",
    ),
    (" for another {s} s", "，还要再保持 {s} s"),
    ("connect() failed: {error}", "connect() 失败：{error}"),
    (
        "connect() had no answer within {seconds} s",
        "connect() 在 {seconds} s 内没有得到应答",
    ),
    // The capture.
    ("Captured", "抓包结果"),
    (
        "capture on {interface}: {caught} of {total} predicted segments caught, {unexpected} unexpected differences",
        "{interface} 上的抓包：预测的 {total} 个报文段抓到了 {caught} 个，有 {unexpected} 处出乎意料的不同",
    ),
    (
        "caught but not predicted: a {size} frame",
        "抓到了但没有预测到：一个 {size}的帧",
    ),
    (
        "no capture: the interface of the connection is not known",
        "未抓包：不知道这个连接经过哪个接口",
    ),
    (
        "stackviz could not know this value without the capture: {source}",
        "不抓包 stackviz 就无法知道这个值：{source}",
    ),
    (
        "TSval is the sender's millisecond clock: stackviz read it (TCP_TIMESTAMP) just after the socket call, and the prediction is {ms} ms off (the clock ticks while the run goes on)",
        "发送方的 TSval 就是它的毫秒时钟：stackviz 在套接字调用刚返回时读取了它（TCP_TIMESTAMP），预测值与实际值相差 {ms} ms（运行期间时钟一直在走）",
    ),
    // pcap comments.
    (
        "built by stackviz: segment {n}, {flags}",
        "由 stackviz 构造：报文段 {n}，{flags}",
    ),
    (
        "captured on {interface}: segment {n} as the kernel sent it",
        "在 {interface} 上抓到：内核发出的报文段 {n}",
    ),
    (
        "captured on {interface}: a segment stackviz did not predict",
        "在 {interface} 上抓到：一个 stackviz 没有预测到的报文段",
    ),
    // The socket calls and what they returned (src/net/tcp_exchange.rs).
    (
        "a TCP socket starts CLOSED",
        "TCP 套接字创建时处于 CLOSED 状态",
    ),
    ("-1 ({error})", "-1 {error}"),
    (
        "-1 (no answer within {seconds} s)",
        "-1（{seconds} s 内没有应答）",
    ),
    ("0 (end of stream)", "0（字节流结束）"),
    ("{n} (bytes sent)", "{n}（已发送字节数）"),
    ("{n} (bytes received)", "{n}（已接收字节数）"),
    ("{n} (bytes received): {data}", "{n}（已接收字节数）：{data}"),
    (
        "fd {fd}, connected to {peer}",
        "fd {fd}，已连接到 {peer}",
    ),
    (
        "lets a fixed server port be bound again while an old connection on it is still in TIME_WAIT",
        "让固定的服务器端口在旧连接仍处于 TIME_WAIT 时也能再次绑定",
    ),
    (
        "asks the kernel to keep the client's SYN, so stackviz can show it exactly as it arrived without capturing",
        "请内核保存客户端的 SYN，这样 stackviz 不抓包也能原样展示它到达时的内容",
    ),
    (
        "the server's address and port; clients connect to it",
        "服务器的地址和端口；客户端连接到这里",
    ),
    (
        "from now on the kernel answers SYNs to this port by itself, before any accept()",
        "从现在起，发往这个端口的 SYN 由内核自行应答，不必等应用进程调用 accept()",
    ),
    ("no connection arrived", "没有连接到来"),
    (
        "hands over a connection whose handshake the kernel already finished; the listening socket stays in LISTEN",
        "交出一个内核已经完成三报文握手的连接；监听套接字仍处于 LISTEN",
    ),
    (
        "0 means the peer sent FIN: it will send no more; this end may still send",
        "返回 0 表示对方发来了 FIN，它不会再发送数据；本端仍可发送",
    ),
    (
        "the bytes the kernel had queued, however many segments brought them",
        "内核已排队的全部字节，不管它们是由几个报文段送来的",
    ),
    (
        "the connection did not end normally",
        "连接没有正常结束",
    ),
    (
        "sends this end's FIN (as close() would) while the socket stays open, so its state can still be read",
        "发送本端的 FIN（和 close() 的效果一样），但套接字仍然打开，因此还能读取它的状态",
    ),
    ("frees the descriptor", "释放描述符"),
    (
        "no more connections on this port",
        "这个端口不再接受连接",
    ),
    (
        "--from: the client's own address and port",
        "--from：客户端自己的地址和端口",
    ),
    (
        "frees the descriptor; the kernel keeps what is left of the connection",
        "释放描述符；连接余下的部分由内核继续处理",
    ),
    (
        "right after the SYN left, TCP_INFO said {state}; ",
        "SYN 刚发出时，TCP_INFO 显示的状态是 {state}；",
    ),
    (
        "connect() returns once the handshake is done: SYN sent, SYN,ACK received, ACK sent",
        "三报文握手完成后 connect() 才返回：发出 SYN，收到 SYN,ACK，再发出 ACK",
    ),
    (
        "nothing answered the SYN: the kernel keeps retrying it until tcp_syn_retries runs out",
        "SYN 没有得到任何应答：内核会一直重传它，直到用完 tcp_syn_retries 规定的次数",
    ),
    (
        "the SYN was answered with RST,ACK: nobody listens on that port",
        "SYN 得到的回答是 RST,ACK：那个端口上没有套接字在监听",
    ),
    (
        "the connection could not be made",
        "连接未能建立",
    ),
    (
        "returns once the kernel has the bytes in its send buffer, not when the peer has them: TCP_INFO's unacked counts segments not yet acknowledged",
        "字节一进入内核的发送缓存，send() 就返回，不等对方收到：TCP_INFO 的 unacked 是已发送但尚未被确认的报文段数",
    ),
    (
        "sends FIN: this end has finished sending; it can still receive",
        "发送 FIN：本端的数据已发送完毕，但仍可接收",
    ),
    (
        "0 means the server sent FIN; this end, which closed first, goes to TIME_WAIT",
        "返回 0 表示服务器发来了 FIN；本端是先关闭的一方，因此进入 TIME_WAIT",
    ),
    // Why each segment is sent (src/tcp/predict.rs).
    (
        "connect() sends SYN: the client's ISN, its MSS and the options it offers",
        "connect() 发出 SYN，带有客户端的初始序号（ISN）、它的 MSS 和它提议的选项",
    ),
    (
        "nobody listens on the port: the kernel answers the SYN with RST,ACK (seq 0, ack = the SYN's seq + 1, no options)",
        "该端口上没有套接字在监听：内核用 RST,ACK 回答这个 SYN（序号为 0，确认号 = SYN 的序号 + 1，不带选项）",
    ),
    (
        "the server's kernel answers the SYN by itself (no accept() yet): its own ISN, ack = the client's ISN + 1, its MSS and the options it accepts",
        "服务器内核自行应答 SYN（此时还没有调用 accept()），带有它自己的 ISN、确认号 = 客户端的 ISN + 1、它的 MSS 以及它接受的选项",
    ),
    (
        "the client's kernel acknowledges the SYN,ACK (ack = the server's ISN + 1); connect() returns: the connection is ESTABLISHED",
        "客户端内核确认 SYN,ACK（确认号 = 服务器的 ISN + 1）；connect() 返回，连接进入 ESTABLISHED 状态",
    ),
    (
        "send() hands the bytes to the kernel, which sends them at once (PSH: the sender has no more for now)",
        "send() 把字节交给内核，内核立即发送它们（PSH：发送方暂时没有更多数据要发）",
    ),
    (
        "the server's kernel acknowledges the data at once (quick ACK at the start of a connection): ack = seq + length",
        "服务器内核立即确认收到的数据（连接刚开始时的快速确认）：确认号 = 序号 + 数据长度",
    ),
    (
        "the client shuts down its sending side: FIN (it takes one sequence number, like a byte of data)",
        "客户端关闭自己的发送方向，发出 FIN（FIN 不携带数据，但要消耗一个序号）",
    ),
    (
        "the server's kernel acknowledges the FIN by itself (its application had not closed within the delayed-ACK time)",
        "服务器内核自行确认这个 FIN（在推迟确认的时限内，服务器的应用进程还没有关闭连接）",
    ),
    (
        "the server's application shuts down too: its FIN",
        "服务器的应用进程也关闭了连接，发出它的 FIN",
    ),
    (
        "the server's application shuts down too: its FIN also carries the ACK of the client's FIN (ack = the FIN's seq + 1), which the kernel had held back (delayed ACK)",
        "服务器的应用进程也关闭了连接：它的 FIN 同时捎带了对客户端 FIN 的确认（确认号 = 该 FIN 的序号 + 1），这个确认内核先前一直没有单独发送（推迟确认）",
    ),
    (
        "the client's kernel acknowledges the server's FIN and keeps the connection in TIME_WAIT, in case this ACK is lost and the FIN comes again",
        "客户端内核确认服务器的 FIN，并让连接停留在 TIME_WAIT，以防这个 ACK 丢失、服务器重传 FIN",
    ),
    // Where each built field's value came from (src/tcp/build.rs).
    (
        "{sender}'s ISN (observed) + {rel}: every byte and every SYN or FIN before this segment takes one number",
        "{sender}的 ISN（观测值）+ {rel}：本报文段之前的每个字节，以及每个 SYN 或 FIN，都各占一个序号",
    ),
    (
        "{sender}'s ISN is random and only a capture shows it; 0 stands in, so the number shown is the relative one ({rel})",
        "{sender}的 ISN 是随机的，只有抓包才能看到；这里用 0 代替，所以显示的是相对序号（{rel}）",
    ),
    (
        "the peer's ISN + {rel}: the next byte this end expects (the peer's seq + its length, +1 for its SYN or FIN)",
        "对方的 ISN + {rel}：本端期望收到的下一个字节的序号（对方的序号 + 其数据长度，对方的 SYN 或 FIN 再加 1）",
    ),
    (
        "read from the client's SYN as the server received it (TCP_SAVED_SYN); a SYN's window is never scaled",
        "读自服务器收到的客户端 SYN（TCP_SAVED_SYN）；SYN 中的窗口值从不按比例扩大",
    ),
    (
        "a SYN's window is never scaled: at most 65,535, rounded down to a multiple of the MSS the server announces (TCP_INFO's advmss)",
        "SYN 中的窗口值从不按比例扩大：最大为 65535，并向下取整为服务器通告的 MSS（TCP_INFO 的 advmss）的整数倍",
    ),
    (
        "TCP_INFO's receive window of {sender} shifted right by its window scale",
        "TCP_INFO 给出的{sender}接收窗口，再右移窗口扩大选项的移位数",
    ),
    (
        "this kernel's TCP_INFO has no receive window (tcpi_rcv_wnd, Linux 6.2); 0 stands in",
        "本机内核的 TCP_INFO 没有接收窗口（tcpi_rcv_wnd，Linux 6.2 才加入）；这里用 0 代替",
    ),
    (
        "0: Linux sends the SYN,ACK and RST with IP ID 0 (no full socket sends them)",
        "0：Linux 发送 SYN,ACK 和 RST 时 IP 标识为 0（发出它们的不是完整的套接字）",
    ),
    (
        "the client's counter: its SYN's ID (observed with TCP_SAVED_SYN) + 1 per segment it sent since",
        "客户端的计数器：它的 SYN 的标识（用 TCP_SAVED_SYN 观测到）加上此后它发出的报文段数",
    ),
    (
        "{sender}'s IP ID counter starts at a random value the kernel keeps to itself; 0 stands in",
        "{sender}的 IP 标识计数器从一个随机值开始，内核不对外透露；这里用 0 代替",
    ),
    (
        "the client's flow label, read from its SYN (TCP_SAVED_SYN): the same for the whole connection",
        "客户端的流标签，读自它的 SYN（TCP_SAVED_SYN）：整个连接都用同一个值",
    ),
    (
        "{sender}'s flow label is a hash the kernel keeps to itself; 0 stands in",
        "{sender}的流标签是内核自己掌握的一个哈希值；这里用 0 代替",
    ),
    // The HTML report of send --tcp.
    (
        "Segment {n} as the kernel sent it, captured on {interface}",
        "报文段 {n}：内核实际发出的样子，在 {interface} 上捕获",
    ),
    (
        "Segment {n}: {flags}, built by stackviz ({size})",
        "报文段 {n}：{flags}，由 stackviz 构造（{size}）",
    ),
    (
        "The ladder: every segment between the two sockets",
        "时序图：两个套接字之间的每一个报文段",
    ),
    (
        "segment {n}: [{flags}] seq={seq} ack={ack} len={len}",
        "报文段 {n}：[{flags}] 序号 {seq}，确认号 {ack}，长度 {len}",
    ),
    (
        "stackviz send --tcp: one real TCP connection, {client} → {server}",
        "stackviz send --tcp：一条真实的 TCP 连接，{client} → {server}",
    ),
    (
        "the client's SYN exactly as the server's kernel received it (TCP_SAVED_SYN, no privilege needed): ISN {isn}, window {window}",
        "客户端的 SYN，与服务器内核收到的完全一样（TCP_SAVED_SYN，无须特权）：ISN {isn}，窗口 {window}",
    ),
    ("none (0 bytes)", "无（0 字节）"),
    ("kernel (no server)", "内核（无服务器）"),
    // Where the fields of a built segment came from.
    ("0: no urgent data (URG is not set)", "0：没有紧急数据（URG 未置 1）"),
    ("6 = TCP, because the socket is SOCK_STREAM", "6 = TCP，因为套接字是 SOCK_STREAM"),
    (
        "ECT(0) on data segments once both ends agreed on ECN in the handshake, else 0",
        "握手中双方同意使用 ECN 后，携带数据的报文段上为 ECT(0)，否则为 0",
    ),
    (
        "Linux sets DF on every TCP segment (path MTU discovery)",
        "Linux 在每个 TCP 报文段上都设置 DF（路径 MTU 发现）",
    ),
    (
        "Linux's option layout for this segment, decided by the sysctls and what the handshake agreed",
        "Linux 对这种报文段的选项排列，由 sysctl 和握手时的约定决定",
    ),
    ("RFC 9293: always 0", "RFC 9293：总是 0"),
    (
        "TCP cuts its data into segments that fit: the packet is never fragmented",
        "TCP 自己把数据切成放得下的报文段：IP 数据报不会被分片",
    ),
    (
        "computed by etherparse from the headers and the data",
        "由 etherparse 根据首部和数据算出",
    ),
    (
        "echoes the last TSval this end received from its peer (RFC 7323)",
        "回显本端最近一次从对方收到的 TSval（RFC 7323）",
    ),
    (
        "loopback has no MAC address: zeros, as a capture on lo shows them",
        "环回接口没有 MAC 地址：全为 0，在 lo 上捕获看到的也是这样",
    ),
    (
        "read from the client's SYN as the server received it (TCP_SAVED_SYN)",
        "读自服务器收到的客户端 SYN（TCP_SAVED_SYN）",
    ),
    (
        "the MTU of the interface minus the IP and TCP headers (at most 65,535 - 40 for IPv4)",
        "接口的 MTU 减去 IP 首部和 TCP 首部（IPv4 最多为 65,535 - 40）",
    ),
    (
        "the bytes given to send(); the server's recv() returned the same bytes",
        "交给 send() 的字节；服务器的 recv() 返回的正是这些字节",
    ),
    (
        "the connection's two ends: getsockname() on the client, accept() on the server",
        "连接的两端：客户端上的 getsockname()，服务器上的 accept()",
    ),
    ("the kernel adds no IPv4 options to TCP", "内核不给 TCP 加 IPv4 选项"),
    (
        "the scale TCP_INFO reports for this end (tcpi_rcv_wscale)",
        "TCP_INFO 报告的本端窗口扩大因子（tcpi_rcv_wscale）",
    ),
    (
        "the sender's timestamp clock, read with TCP_TIMESTAMP just after the call that sent it",
        "发送方的时间戳时钟，在发出它的那次调用之后立即用 TCP_TIMESTAMP 读出",
    ),
    (
        "time: when a call that waits for the peer (connect, accept, recv) returned, when any other call was made; the state is TCP_INFO's right after the call, and on loopback the peer often answers before stackviz reads it",
        "时间：要等对方的调用（connect、accept、recv）取其返回的时刻，其他调用取其发出的时刻；状态是调用刚结束时 TCP_INFO 给出的，在环回接口上对方常常在 stackviz 读取之前就已作出回应",
    ),
    ("the capture thread stopped unexpectedly", "捕获线程意外停止"),
    (
        "0: a reset answering a SYN for a closed port takes its sequence number from the SYN's ack field (none: 0) and offers no window (RFC 9293)",
        "0：对关闭端口的 SYN 作出回应的复位报文段，其序号取自 SYN 的确认号字段（没有则为 0），也不提供窗口（RFC 9293）",
    ),
    (
        "-- press Enter for the next segment ({step} of {total}) --",
        "-- 按回车键查看下一个报文段（第 {step}/{total} 步）--",
    ),
];
