//! Sentences added by the tcprecv work: `recv --tcp` (a real TCP server,
//! one block per connection) and `send --compare-transports` (UDP and TCP
//! side by side).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // --help
    (
        "Be a TCP server instead (SOCK_STREAM): listen, then for each client show accept() with the client's SYN as it arrived, every recv() with the socket's TCP state, and (with capture) the connection's segments",
        "改当 TCP 服务器（SOCK_STREAM）：监听，然后对每个客户端显示 accept() 及客户端到达时的 SYN 报文段、每次 recv() 及套接字的 TCP 状态，以及（抓包时）该连接的全部报文段",
    ),
    (
        "Send the same message over UDP and over TCP and compare them: datagrams vs segments, bytes on the wire, header overhead, round trips before the data, the socket calls",
        "把同一个报文分别经 UDP 和 TCP 发送并加以比较：用户数据报与报文段、线路上的字节数、首部开销、数据发出前的往返次数、套接字调用",
    ),
    // recv --tcp
    (
        "stackviz recv --tcp: a real TCP server on {bound}",
        "stackviz recv --tcp：在 {bound} 上的真实 TCP 服务器",
    ),
    (
        "asks the kernel to keep each client's SYN, so stackviz can show it exactly as it arrived without capturing",
        "请内核保存每个客户端的 SYN 报文段，这样 stackviz 不抓包也能原样显示它到达时的样子",
    ),
    (
        "from now on the kernel answers SYNs to this port by itself and queues up to 16 finished connections for accept()",
        "从现在起，内核自行应答发往这个端口的 SYN，并为 accept() 排队最多 16 个已建立的连接",
    ),
    (
        "no capture: {error}; segments are not shown, only what the socket calls return",
        "没有抓包：{error}；不显示报文段，只显示套接字调用的返回值",
    ),
    (
        "waiting for connections, e.g. python3 -c 'import socket; socket.create_connection((\"{host}\", {port})).sendall(b\"Hello!!\")' (Ctrl-C ends; --count and --timeout bound the wait)…",
        "等待连接，例如 python3 -c 'import socket; socket.create_connection((\"{host}\", {port})).sendall(b\"Hello!!\")'（按 Ctrl-C 结束；--count 和 --timeout 限定等待时间）…",
    ),
    (
        "Connection {number}: {peer} → {local}, {size} received",
        "连接 {number}：{peer} → {local}，收到 {size}",
    ),
    (
        "the client's SYN exactly as it arrived ({length} bytes of IP and TCP headers, from TCP_SAVED_SYN, observed without capture): ISN {isn}, window {window}, options: {options}",
        "客户端的 SYN 报文段，与到达时完全一样（{length} 字节的 IP 首部和 TCP 首部，取自 TCP_SAVED_SYN，不抓包观测到）：初始序号 {isn}，窗口 {window}，选项：{options}",
    ),
    (
        "the client's SYN: not available (TCP_SAVED_SYN returned nothing)",
        "客户端的 SYN 报文段：无法得到（TCP_SAVED_SYN 什么也没返回）",
    ),
    (
        "its TSval {tsval} is the client's millisecond clock plus a per-connection offset; the server echoes it in its SYN,ACK",
        "其中的 TSval {tsval} 是客户端的毫秒时钟加上每个连接各自的偏移；服务器在它的 SYN,ACK 报文段里回显这个值",
    ),
    (
        "0 means the client sent FIN: it will send no more; this end may still send",
        "0 表示客户端发来了 FIN：它不再发送数据；这一端仍可以发送",
    ),
    (
        "sends this end's FIN; the client's ACK of it ends the connection (LAST_ACK, then gone)",
        "发出这一端的 FIN；客户端对它的确认结束这个连接（先是 LAST_ACK，随后消失）",
    ),
    (
        "stackviz was stopped while the client was still connected: close() sends FIN (RST if data was left unread), and this end, closing first, goes to FIN_WAIT and TIME_WAIT",
        "stackviz 停止时客户端仍然连着：close() 发出 FIN（若还有未读的数据则发 RST），先关闭的这一端进入 FIN_WAIT 和 TIME_WAIT",
    ),
    (
        "accept() returned a connection already in CLOSE_WAIT: the client had sent its data and its FIN before this server called accept(); the kernel queued both and acknowledged them on its own",
        "accept() 返回的连接已处于 CLOSE_WAIT：客户端在本服务器调用 accept() 之前就发完了数据和 FIN；内核把两者都排进队列，并自行发出了确认",
    ),
    (
        "recv() returned {reads}: a stream has no message boundaries; the reads need not match the client's send() calls",
        "recv() 依次返回 {reads}：字节流没有报文边界；每次读到的字节数不必与客户端的 send() 调用一一对应",
    ),
    (
        "data (the first {kept} of {size} bytes): \"{text}\" (hex {hex})",
        "数据（{size} 字节中的前 {kept} 字节）：“{text}”（十六进制 {hex}）",
    ),
    (
        "the connection ended abnormally: see the last recv()",
        "连接异常结束：见最后一次 recv()",
    ),
    (
        "stopped while the client was still connected: this server closed first",
        "停止时客户端仍然连着：本服务器先关闭了连接",
    ),
    (
        "(no segments: capture is off or not permitted)",
        "（没有报文段：抓包已关闭或不被允许）",
    ),
    (
        "the capture saw no segment of this connection",
        "抓包没有看到这个连接的任何报文段",
    ),
    (
        "{count} segments captured (observed), seq and ack relative to each end's ISN:",
        "抓到 {count} 个报文段（观测值），序号和确认号都相对于各自一端的初始序号：",
    ),
    ("direction", "方向"),
    (
        "summary: 1 connection, {size} received on {bound} in {seconds} s; ended: {why}",
        "小结：在 {bound} 上 {seconds} 秒内 1 个连接，收到 {size}；结束原因：{why}",
    ),
    (
        "summary: {connections} connections, {size} received on {bound} in {seconds} s; ended: {why}",
        "小结：在 {bound} 上 {seconds} 秒内 {connections} 个连接，收到 {size}；结束原因：{why}",
    ),
    // send --compare-transports
    (
        "The same {size} over UDP and over TCP: two real exchanges, every packet built from what really happened",
        "同样的 {size} 分别经 UDP 和 TCP 传送：两次真实的交换，每个分组都按真实发生的情况构造",
    ),
    ("packets on the wire", "线路上的分组"),
    ("1 datagram", "1 个用户数据报"),
    ("{n} datagrams", "{n} 个用户数据报"),
    ("{n} segments", "{n} 个报文段"),
    ("of them carrying data", "其中携带数据的"),
    (
        "bytes of IP packets (sum of their total lengths)",
        "IP 数据报的字节数（各自总长度之和）",
    ),
    (
        "bytes of Ethernet frames (header, padding to 60, FCS)",
        "以太网帧的字节数（首部、填充到 60 字节、FCS）",
    ),
    (
        "header bytes (IP + transport, all packets)",
        "首部字节数（IP + 传输层，全部分组）",
    ),
    ("headers per data packet", "每个数据分组的首部"),
    (
        "round trips before the first byte is delivered",
        "第一个字节交付之前的往返次数",
    ),
    ("socket calls", "套接字调用"),
    (
        "{n} (sender {a}, receiver {b})",
        "{n}（发送方 {a}，接收方 {b}）",
    ),
    (
        "{n} (client {a}, server {b})",
        "{n}（客户端 {a}，服务器 {b}）",
    ),
    ("bytes the receiving program got", "接收程序拿到的字节数"),
    ("capture", "抓包"),
    (
        "captured: matches what was built",
        "已抓包：与构造的一致",
    ),
    (
        "captured: {n} unexpected differences",
        "已抓包：{n} 处意外的差异",
    ),
    (
        "not captured (sizes as built)",
        "未抓包（大小按构造的计算）",
    ),
    ("Every packet", "每个分组"),
    ("transport", "传输层协议"),
    ("what", "内容"),
    ("IP bytes", "IP 字节数"),
    ("headers", "首部"),
    ("frame bytes", "帧字节数"),
    (
        "Every socket call and what it returned",
        "每个套接字调用及其返回值",
    ),
    ("Conclusion", "结论"),
    (
        "UDP carried the {size} in 1 datagram ({udp_ip} bytes of IP, {udp_headers} of them headers) with nothing exchanged before it;",
        "UDP 用 1 个用户数据报运送了这 {size}（IP 数据报共 {udp_ip} 字节，其中首部 {udp_headers} 字节），之前没有任何交换；",
    ),
    (
        "UDP carried the {size} in {count} datagrams ({udp_ip} bytes of IP, {udp_headers} of them headers) with nothing exchanged before them;",
        "UDP 用 {count} 个用户数据报运送了这 {size}（IP 数据报共 {udp_ip} 字节，其中首部 {udp_headers} 字节），之前没有任何交换；",
    ),
    (
        "TCP needed {tcp_packets} segments ({tcp_ip} bytes of IP, {tcp_headers} of them headers) and the three-way handshake ({round_trips} round trip) before the first byte could be sent: the price of a connection whose every byte is acknowledged, ordered and retransmitted if lost, and which is opened and closed explicitly.",
        "TCP 需要 {tcp_packets} 个报文段（IP 数据报共 {tcp_ip} 字节，其中首部 {tcp_headers} 字节），而且第一个字节发出之前先要三报文握手（{round_trips} 次往返）：这是连接的代价——每个字节都要确认、按序交付、丢失就重传，连接还要明确地建立和释放。",
    ),
];
