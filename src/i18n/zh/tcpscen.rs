//! Sentences added by the tcpscen work: the TCP scenarios of `send --tcp
//! --scenario` (closed port, no accept(), two sends, reset, unread close,
//! small MSS), their calls, segments and help.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // --help
    (
        "With --tcp: a case a learner trips over, with its real segments:\nclosed-port   nobody listens: RST,ACK, ECONNREFUSED (as --no-receiver)\nno-accept     no accept(): the kernel finishes the handshake alone\ntwo-sends     two send() calls, one recv(): no message boundaries\nreset         SO_LINGER (on, 0), close(): RST instead of FIN, ECONNRESET\nunread-close  the server closes with unread data: RST instead of FIN\nsmall-mss     TCP_MAXSEG on the listener (--mss): several segments\nno-answer     a full accept queue drops the SYN: retries until --timeout",
        "与 --tcp 一起用：初学者容易栽跟头的一种情形，连同它真实的报文段：\nclosed-port   无人监听：RST,ACK，ECONNREFUSED（同 --no-receiver）\nno-accept     不调用 accept()：内核独自完成握手\ntwo-sends     两次 send()，一次 recv()：字节流没有报文边界\nreset         SO_LINGER（开启，0 秒）后 close()：以 RST 代替 FIN，ECONNRESET\nunread-close  服务器关闭时还有未读数据：以 RST 代替 FIN\nsmall-mss     在监听套接字上设置 TCP_MAXSEG（--mss）：分成多个报文段\nno-answer     全连接队列已满，SYN 被丢弃：一再重传，直到 --timeout",
    ),
    (
        "With --tcp: the MSS the server announces (TCP_MAXSEG on its listener; 88 to 32767); implies --scenario small-mss. Default there: 536",
        "与 --tcp 一起用：服务器通告的 MSS（在其监听套接字上设置 TCP_MAXSEG；88 到 32767）；隐含 --scenario small-mss。该情形下默认 536",
    ),
    (
        "--mss sets the MSS of --scenario small-mss; it means nothing in another scenario",
        "--mss 设置的是 --scenario small-mss 的 MSS；在其他情形下没有意义",
    ),
    // Errors
    ("Connection reset by peer", "连接被对方重置"),
    // Calls
    (
        "set on the listener before any connection arrives: the SYN,ACK announces this MSS instead of the one the interface's MTU allows",
        "在任何连接到来之前设置在监听套接字上：SYN,ACK 通告这个 MSS，而不是接口 MTU 所允许的那个",
    ),
    (
        "ECONNRESET: the peer's RST ended the connection at once; nothing more can be sent or received on it",
        "ECONNRESET：对方的 RST 立即结束了连接；这个连接上再也不能发送或接收任何东西",
    ),
    ("{n} (bytes queued)", "{n}（排队中的字节数）"),
    (
        "stackviz waits (at most --timeout) until the bytes of both send() calls have arrived before its first recv(), so every run shows the same thing",
        "stackviz 在第一次 recv() 之前等待（最多 --timeout），直到两次 send() 的字节都已到达，因此每次运行显示的都一样",
    ),
    (
        "stackviz waits (at most --timeout) until the client's bytes have arrived, then closes without reading them",
        "stackviz 等待（最多 --timeout）客户的字节到达，然后不读取它们就关闭",
    ),
    (
        "closes without reading the bytes that arrived: the kernel cannot deliver them any more, so it tells the client with RST instead of FIN",
        "没有读取已到达的字节就关闭：内核再也无法交付它们，于是用 RST 而不是 FIN 告诉客户",
    ),
    (
        "Recv-Q {queue}, Send-Q {backlog} (as ss -ltn shows them)",
        "Recv-Q {queue}，Send-Q {backlog}（与 ss -ltn 显示的一样）",
    ),
    ("-1 (no TCP_INFO)", "-1（没有 TCP_INFO）"),
    (
        "for a listening socket, unacked is the accept queue (connections the kernel finished that no accept() took) and sacked the backlog listen() allowed: the client's connect() and send() succeeded all the same",
        "对监听套接字而言，unacked 是全连接队列的长度（内核已完成、却没有被 accept() 取走的连接），sacked 是 listen() 允许的 backlog：客户的 connect() 和 send() 照样成功",
    ),
    (
        "the connection still waiting in the accept queue was never accepted: closing the listener makes the kernel reset it (RST to the client)",
        "仍在全连接队列中等待的连接从未被 accept()：关闭监听套接字使内核复位这个连接（向客户发送 RST）",
    ),
    (
        "with SO_LINGER on and a zero timeout, close() throws the connection away: the kernel sends RST instead of FIN, and no TIME_WAIT is left",
        "SO_LINGER 开启且超时为 0 时，close() 直接丢弃连接：内核发送 RST 而不是 FIN，也不留下 TIME_WAIT",
    ),
    (
        "the second send(): stackviz waited until the first one's bytes were acknowledged, so every run sends two segments (without the wait, Nagle's algorithm could hold these bytes until that ACK)",
        "第二次 send()：stackviz 先等到第一次的字节被确认，因此每次运行都发送两个报文段（不等的话，Nagle 算法可能把这些字节留到那个确认到达之后再发）",
    ),
    (
        "the server announced MSS {mss}; this end puts at most {maxseg} bytes in a segment (TCP_MAXSEG), so {n} bytes need {count} segments of the wire's size",
        "服务器通告的 MSS 是 {mss}；这一端每个报文段最多放 {maxseg} 字节（TCP_MAXSEG），所以 {n} 字节在线路上需要 {count} 个报文段",
    ),
    (
        "linger on with a zero timeout: close() will not wait to deliver anything, it aborts the connection (stackviz first waited until the data was acknowledged)",
        "linger 开启且超时为 0：close() 不会等待交付任何数据，而是中止连接（stackviz 先等到数据被确认）",
    ),
    // Segments
    (
        "the second send() makes a segment of its own: TCP sends what the application hands it when it can, and keeps no trace of where one send() ended",
        "第二次 send() 自成一个报文段：TCP 在可以发送时就发送应用程序交给它的字节，并不记录一次 send() 在哪里结束",
    ),
    (
        "send() hands the kernel more bytes than one segment of the server's MSS may carry: TCP cuts them into MSS-sized segments, but passes them to IP as one GSO packet that the network card would cut; lo never cuts it, so the capture (and the server) see one frame larger than the MSS",
        "send() 交给内核的字节多于按服务器的 MSS 一个报文段所能装下的：TCP 把它们切成 MSS 大小的报文段，但作为一个 GSO 分组交给 IP，由网卡去切分；lo 从不切分，所以抓包（以及服务器）看到的是一个比 MSS 大的帧",
    ),
    (
        "close() with SO_LINGER on and a zero timeout aborts: RST,ACK at the next sequence number, from the connection's own socket (so it still carries timestamps); the server's next recv() fails with ECONNRESET and no TIME_WAIT is left",
        "SO_LINGER 开启且超时为 0 时 close() 中止连接：在下一个序号上发出 RST,ACK，由连接自己的套接字发出（所以仍带时间戳）；服务器的下一次 recv() 以 ECONNRESET 失败，也不留下 TIME_WAIT",
    ),
    (
        "the server closes with bytes it never read: instead of FIN its kernel sends RST,ACK (RFC 9293 3.6: the data would be lost silently otherwise); the client's recv() fails with ECONNRESET",
        "服务器在还有未读字节时关闭：它的内核发送 RST,ACK 而不是 FIN（RFC 9293 3.6：否则数据会被悄悄丢掉）；客户的 recv() 以 ECONNRESET 失败",
    ),
    (
        "the server's kernel acknowledges the data although no accept() took the connection: the bytes wait in the kernel's receive queue for a program that never comes",
        "虽然没有 accept() 取走这个连接，服务器的内核照样确认了数据：这些字节在内核的接收队列里等待一个永远不会来的程序",
    ),
    (
        "the server's kernel acknowledges the FIN after its delayed-ACK time (no program to answer for); the connection waits in CLOSE_WAIT in the accept queue",
        "服务器的内核在推迟确认的时间过后确认 FIN（没有程序替它回答）；连接在全连接队列中处于 CLOSE_WAIT",
    ),
    (
        "closing the listener resets every connection still in its accept queue: RST,ACK from the connection's own socket (seq and timestamps go on); the client's recv() fails with ECONNRESET",
        "关闭监听套接字会复位仍在其全连接队列中的每个连接：RST,ACK 由连接自己的套接字发出（序号和时间戳接着走）；客户的 recv() 以 ECONNRESET 失败",
    ),
    (
        "the server's TSval clock runs with a per-connection offset that only an accepted socket can tell (TCP_TIMESTAMP); nothing accepted this connection, so 0 stands in for the server's TSval and for the client's echo of it",
        "服务器的 TSval 时钟带有每个连接各自的偏移，只有已 accept() 的套接字才能读出（TCP_TIMESTAMP）；这个连接没有被 accept()，所以服务器的 TSval 以及客户对它的回显都以 0 代替",
    ),
    (
        "a first connection fills the accept queue (listen(0) holds one, and nothing accepts it); its segments are not shown",
        "先建立的一个连接占满了全连接队列（listen(0) 只容得下一个，且没人 accept() 它）；它的报文段不显示",
    ),
    (
        "for a listening socket, unacked is the accept queue and sacked the backlog listen() allowed: the queue is full, so the kernel dropped the client's SYNs without answering",
        "对监听套接字而言，unacked 是全连接队列的长度，sacked 是 listen() 允许的 backlog：队列已满，所以内核不作应答地丢弃了客户的 SYN",
    ),
    (
        "the other client's connection, never accepted, is reset (not shown)",
        "另一个客户那个从未被 accept() 的连接被复位（不显示）",
    ),
    (
        "no answer: the client's kernel sends the SYN again when its retransmission timer runs out, with the same ISN and options (only TSval moves on); connect() waits until --timeout",
        "没有应答：重传计时器到时后，客户的内核再次发送 SYN，初始序号和选项都不变（只有 TSval 往前走）；connect() 一直等到 --timeout",
    ),
    (
        "the window the server last advertised, as the client's TCP_INFO holds it (snd_wnd) shifted right by the server's window scale: no socket of the server's was accepted to ask",
        "服务器最近通告的窗口，取自客户的 TCP_INFO（snd_wnd），再按服务器的窗口扩大因子右移：服务器没有被 accept() 的套接字可供查询",
    ),
];
