//! Chinese for TCP, ICMP and ICMPv6 (src/dissect/tcp.rs, icmp.rs, icmpv6.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // TCP: ports.
    ("0: reserved, never valid on the wire", "0：保留值，在线路上永远无效"),
    ("IANA well-known range 0-1023", "IANA 熟知端口范围 0-1023"),
    ("IANA registered range 1024-49151", "IANA 登记端口范围 1024-49151"),
    ("IANA dynamic range 49152-65535", "IANA 动态端口范围 49152-65535"),
    ("the sending socket's port; {range}", "发送方套接字的端口；{range}"),
    ("the receiving socket's port; {range}", "接收方套接字的端口；{range}"),
    // TCP: flags.
    (
        "congestion window reduced: the sender slowed down after an ECN echo",
        "拥塞窗口已减小，发送方收到 ECN 回显后已放慢发送",
    ),
    (
        "ECN echo: a router on the path marked congestion; the other side should slow down",
        "ECN 回显：路径上的路由器标记了拥塞；对方应当放慢发送",
    ),
    ("the urgent pointer is valid", "紧急指针有效"),
    ("the acknowledgment number is valid", "确认号有效"),
    (
        "push: hand the data to the application now",
        "推送，要求立即把数据交给应用程序",
    ),
    ("reset: abort the connection", "复位，异常终止连接"),
    (
        "synchronise sequence numbers: opening a connection",
        "同步序号，用于建立连接",
    ),
    ("the sender has finished sending", "发送方的数据已发送完毕"),
    ("set: {meaning}", "置 1：{meaning}"),
    ("clear", "置 0"),
    ("flags set: {flags}: {story}", "置 1 的标志为 {flags}：{story}"),
    ("none", "无"),
    (
        "a reset: the connection is aborted (or a segment arrived for no connection)",
        "复位，连接被异常终止（或报文段到达时没有对应的连接）",
    ),
    (
        "step 2 of the three-way handshake: the server accepts and sends its own sequence number",
        "三报文握手的第 2 步，服务器同意连接，并发送自己的序号",
    ),
    (
        "step 1 of the three-way handshake: the client opens a connection",
        "三报文握手的第 1 步，客户端请求建立连接",
    ),
    (
        "the sender closes its direction of the connection",
        "发送方关闭自己这一方向的连接",
    ),
    (
        "a pure acknowledgment (step 3 of the handshake looks like this)",
        "纯确认（三报文握手的第 3 步就是这样）",
    ),
    (
        "data, with an acknowledgment of what arrived from the other side",
        "数据，同时确认已从对方收到的内容",
    ),
    (
        "no ACK set: unusual outside the first SYN",
        "ACK 未置 1：除第一个 SYN 外很少见",
    ),
    // TCP: header fields.
    (
        "TCP header needs 20 bytes, {available} left at offset {offset}",
        "TCP 首部需要 20 字节，偏移 {offset} 处只剩 {available} 字节",
    ),
    (
        "TCP data offset is {data_offset} ({header_len} bytes), below the minimum of 5 (20 bytes), at offset {offset}",
        "TCP 数据偏移为 {data_offset}（{header_len} 字节），小于最小值 5（20 字节），位于偏移 {offset}",
    ),
    (
        "TCP header with options needs {header_len} bytes, {available} left at offset {offset}",
        "带选项的 TCP 首部需要 {header_len} 字节，偏移 {offset} 处只剩 {available} 字节",
    ),
    (
        "the initial sequence number (ISN), chosen at random; the SYN carries no data but consumes one sequence number",
        "初始序号（ISN），随机选取；SYN 报文段不携带数据，但要消耗一个序号",
    ),
    (
        "number of this segment's first data byte (absolute; Wireshark shows it relative to the ISN)",
        "本报文段第一个数据字节的序号（绝对值；Wireshark 显示的是相对 ISN 的值）",
    ),
    (
        "the next byte expected from the other side: every byte before {ack_number} arrived",
        "期望收到对方的下一个字节：{ack_number} 之前的字节都已收到",
    ),
    ("not used: ACK is clear", "未使用：ACK 为 0"),
    (
        "header length in 32-bit words: {data_offset} × 4 = {header_len} bytes (no options)",
        "首部长度（以 32 位字计）：{data_offset} × 4 = {header_len} 字节（无选项）",
    ),
    (
        "header length in 32-bit words: {data_offset} × 4 = {header_len} bytes ({options_len} bytes of options)",
        "首部长度（以 32 位字计）：{data_offset} × 4 = {header_len} 字节（含 {options_len} 字节选项）",
    ),
    (
        "reserved, must be 0 (RFC 9293; the last bit was RFC 3540's NS flag, now historic)",
        "保留，必须为 0（RFC 9293；最后一位曾是 RFC 3540 的 NS 标志，现已废弃）",
    ),
    (
        "the sender can take {window} bytes; a SYN's window is never scaled",
        "发送方能接收 {window} 字节；SYN 中的窗口值从不按比例扩大",
    ),
    (
        "raw window {window}, not yet scaled: the sender can take {window} × 2^shift bytes more, the shift being what its Window Scale option announced in the handshake (0 without one); this segment alone does not say it",
        "原始窗口值 {window}，尚未按比例扩大：发送方还能再接收 {window} × 2^移位数 字节，移位数是它在握手时用 Window Scale 选项通告的值（没有该选项时为 0）；仅凭本报文段无法得知",
    ),
    (
        "urgent data ends {urgent} bytes after this segment's sequence number",
        "紧急数据在本报文段序号之后 {urgent} 字节处结束",
    ),
    ("not used: URG is clear", "未使用：URG 为 0"),
    // TCP: checksum.
    (
        "the IP header says the segment is {declared} bytes but only {available} are present: it was cut short",
        "IP 首部表明报文段长 {declared} 字节，但只有 {available} 字节：它被截断了",
    ),
    (
        "not verifiable: the segment is cut short",
        "无法验证：报文段被截断",
    ),
    (
        "computed: IPv6 payload length minus extension headers (TCP has no length field)",
        "计算得出：IPv6 载荷长度减去扩展首部（TCP 没有长度字段）",
    ),
    (
        "computed: IPv4 total length minus the IPv4 header (TCP has no length field)",
        "计算得出：IPv4 总长度减去 IPv4 首部（TCP 没有长度字段）",
    ),
    ("source port", "源端口"),
    ("destination port", "目的端口"),
    ("sequence number", "序号"),
    ("acknowledgment number", "确认号"),
    (
        "data offset, reserved, flags | window",
        "数据偏移、保留、标志 | 窗口",
    ),
    ("checksum taken as 0000", "校验和按 0000 计"),
    ("urgent pointer", "紧急指针"),
    ("options ({options_len} bytes)", "选项（{options_len} 字节）"),
    (
        "data ({length}, one zero byte added to make whole words)",
        "数据（{length}，补一个零字节凑成整字）",
    ),
    ("data ({length})", "数据（{length}）"),
    (
        "a {pseudo_len}-byte pseudo-header (from {family}), the {header_len}-byte TCP header with checksum 0, and the {data_len}-byte data",
        "{pseudo_len} 字节的伪首部（取自 {family}）、{header_len} 字节的 TCP 首部（校验和置 0）和 {data_len} 字节的数据",
    ),
    (
        "over pseudo-header, header and data (always mandatory in TCP): {verdict}",
        "覆盖伪首部、首部和数据（TCP 中始终必须计算）：{verdict}",
    ),
    // TCP: options.
    (
        "kind 0 = End of Option List, one byte with no length: no more options",
        "种类 0 = End of Option List，仅一个字节，没有长度：后面没有选项了",
    ),
    (
        "fills the header to a multiple of 4 bytes",
        "把首部填充到 4 字节的整数倍",
    ),
    (
        "kind 1 = No-Operation, one byte with no length: a filler, so the next option starts where the sender wants",
        "种类 1 = No-Operation，仅一个字节，没有长度：填充用，让下一个选项从发送方希望的位置开始",
    ),
    ("Option (unreadable)", "Option（无法读取）"),
    (
        "kind {kind} ({name}): its length does not fit the options",
        "种类 {kind}（{name}）：长度与选项区不符",
    ),
    (
        "TCP option {kind} ({name}) needs a length byte, 1 byte left in the options at offset {at}",
        "TCP 选项 {kind}（{name}）需要一个长度字节，但偏移 {at} 处的选项区只剩 1 字节",
    ),
    (
        "TCP option {kind} ({name}) has length {len}, below the minimum of 2, at offset {at}",
        "TCP 选项 {kind}（{name}）的长度为 {len}，小于最小值 2，位于偏移 {at}",
    ),
    (
        "TCP option {kind} ({name}) needs {len} bytes, {left} left in the options at offset {at}",
        "TCP 选项 {kind}（{name}）需要 {len} 字节，但偏移 {at} 处的选项区只剩 {left} 字节",
    ),
    (
        "kind 2 = MSS, length 4, value {mss}: the sender takes at most {mss} bytes of data per segment (fits an MTU of {mss} + {headers} = {mtu})",
        "种类 2 = MSS，长度 4，值 {mss}：发送方每个报文段最多接收 {mss} 字节数据（对应 MTU 为 {mss} + {headers} = {mtu}）",
    ),
    (
        "kind 3 = Window Scale, length 3, shift {shift}: above the maximum of 14, so the receiver uses 14 (RFC 7323): the sender's windows after the handshake count in units of 2^14 = 16384 bytes",
        "种类 3 = Window Scale，长度 3，移位数 {shift}：超过最大值 14，接收方按 14 处理（RFC 7323）：握手之后发送方的窗口以 2^14 = 16384 字节为单位",
    ),
    (
        "kind 3 = Window Scale, length 3, shift {shift}: the sender's windows after the handshake count in units of 2^{shift} = {factor} bytes (a SYN's window is never scaled)",
        "种类 3 = Window Scale，长度 3，移位数 {shift}：握手之后发送方的窗口以 2^{shift} = {factor} 字节为单位（SYN 中的窗口值从不按比例扩大）",
    ),
    (
        "kind 4 = SACK Permitted, length 2, no value: the sender understands selective acknowledgments",
        "种类 4 = SACK Permitted，长度 2，没有值：发送方支持选择确认",
    ),
    (
        "kind 5 = SACK, length {len}: {blocks} block(s) that arrived beyond the acknowledged byte (left edge to right edge, exclusive)",
        "种类 5 = SACK，长度 {len}：已确认字节之后已收到的 {blocks} 个数据块（从左边界到右边界，不含右边界）",
    ),
    (
        "kind 8 = Timestamps, length 10: two 4-byte values, TSval and TSecr",
        "种类 8 = Timestamps，长度 10：两个 4 字节的值，TSval 和 TSecr",
    ),
    (
        "kind {kind} = {name}, length {len}: not dissected by stackviz",
        "种类 {kind} = {name}，长度 {len}：stackviz 不解析",
    ),
    (
        "TCP option {kind} ({name}) must be {n} bytes, says {len}, at offset {at}",
        "TCP 选项 {kind}（{name}）应为 {n} 字节，却标明 {len} 字节，位于偏移 {at}",
    ),
    (
        "TCP option {kind} ({name}) says {len} bytes, not 2 plus a multiple of 8, at offset {at}",
        "TCP 选项 {kind}（{name}）标明 {len} 字节，不是 2 加 8 的倍数，位于偏移 {at}",
    ),
    ("experimental (RFC 4727)", "实验用（RFC 4727）"),
    (
        "an option kind stackviz does not know",
        "stackviz 不认识的选项种类",
    ),
    // ICMP and ICMPv6: type, code, checksum.
    ("code {code}", "代码 {code}"),
    (
        "type {kind} (not dissected by stackviz)",
        "类型 {kind}（stackviz 不解析）",
    ),
    (
        "ICMP header needs 8 bytes, {available} left at offset {offset}",
        "ICMP 首部需要 8 字节，偏移 {offset} 处只剩 {available} 字节",
    ),
    (
        "ICMPv6 header needs 8 bytes, {available} left at offset {offset}",
        "ICMPv6 首部需要 8 字节，偏移 {offset} 处只剩 {available} 字节",
    ),
    ("type | code", "类型 | 代码"),
    (
        "rest of the message ({length} bytes)",
        "报文的其余部分（{length} 字节）",
    ),
    (
        "the whole {available}-byte ICMP message, checksum field taken as zero",
        "整个 {available} 字节的 ICMP 报文，校验和字段按 0 计",
    ),
    ("over the ICMP message: {verdict}", "覆盖 ICMP 报文：{verdict}"),
    ("unused, zero", "未使用，为 0"),
    ("Rest of header", "首部其余部分"),
    // ICMP and ICMPv6: the quoted packet of an error message.
    ("IPv4 (quoted original header)", "IPv4（被引用的原始首部）"),
    ("IPv6 (quoted original header)", "IPv6（被引用的原始首部）"),
    ("UDP (quoted)", "UDP（被引用）"),
    ("TCP (quoted)", "TCP（被引用）"),
    (
        "the header of the datagram that could not be delivered, sent back so the sender can match it",
        "无法交付的那个 IP 数据报的首部，被送回给发送方，以便它认出是哪个 IP 数据报",
    ),
    (
        "the header of the packet that could not be delivered, sent back so the sender can match it",
        "无法交付的那个分组的首部，被送回给发送方，以便它认出是哪个分组",
    ),
    (
        "the failed datagram's UDP header: its ports tell the kernel which socket to tell",
        "出错的用户数据报的 UDP 首部：其中的端口告诉内核该通知哪个套接字",
    ),
    (
        "the failed segment's TCP header: its ports and sequence number tell the kernel which connection to tell",
        "出错报文段的 TCP 首部：其中的端口和序号告诉内核该通知哪个连接",
    ),
    // ICMPv6: what the message is.
    (
        "{name}: is anyone using {target}? (duplicate address detection, before taking it)",
        "{name}：有谁在用 {target} 吗？（重复地址检测，启用该地址之前）",
    ),
    (
        "{name}: who has {target}? (IPv6's ARP request)",
        "{name}：谁是 {target}？（相当于 IPv6 的 ARP 请求）",
    ),
    (
        "{name}: {target} is at {mac} (IPv6's ARP reply)",
        "{name}：{target} 的 MAC 地址是 {mac}（相当于 IPv6 的 ARP 响应）",
    ),
    (
        "{name}: {target} is here (IPv6's ARP reply)",
        "{name}：{target} 在这里（相当于 IPv6 的 ARP 响应）",
    ),
    ("{name} (ping)", "{name}（ping）"),
    ("{name} (the answer to a ping)", "{name}（对 ping 的回答）"),
    // ICMPv6: body by type.
    (
        "the next link takes packets of at most {mtu} bytes: the sender must send smaller ones (routers never fragment in IPv6)",
        "下一段链路只能传送最长 {mtu} 字节的分组：发送方必须发送更小的分组（IPv6 中路由器从不分片）",
    ),
    (
        "byte {pointer} of the quoted packet is where the problem is",
        "问题出在被引用分组的第 {pointer} 字节",
    ),
    (
        "chosen by the pinging program, so it can match replies to requests",
        "由执行 ping 的程序选定，用来把回答和请求对应起来",
    ),
    (
        "counts the requests; a reply carries the request's",
        "为请求计数；回答沿用请求的序号",
    ),
    (
        "{length} bytes the reply must carry back unchanged",
        "{length} 字节，回答必须原样带回",
    ),
    ("set: the sender is a router", "置 1：发送方是路由器"),
    ("clear: the sender is a host", "置 0：发送方是主机"),
    (
        "set: the answer to a Neighbor Solicitation",
        "置 1：这是对 Neighbor Solicitation 的回答",
    ),
    (
        "clear: unsolicited, an announcement (e.g. after a MAC change)",
        "置 0：未经请求的主动通告（例如 MAC 地址变更后）",
    ),
    (
        "set: replace a cached link-layer address",
        "置 1：替换已缓存的链路层地址",
    ),
    (
        "clear: do not replace a cached link-layer address",
        "置 0：不替换已缓存的链路层地址",
    ),
    ("reserved, zero", "保留，为 0"),
    (
        "the address whose link-layer address is asked for",
        "要查询其链路层地址的地址",
    ),
    (
        "the address whose link-layer address is announced",
        "要通告其链路层地址的地址",
    ),
    (
        "a better first hop for the destination (or the destination itself, on-link)",
        "去往目的地址的更好的第一跳（若目的地址就在本链路上，则是它本身）",
    ),
    (
        "the destination that should be reached through the target",
        "应经由目标地址到达的目的地址",
    ),
    (
        "source :: : the sender has no address yet; this checks that nobody else uses the target (duplicate address detection)",
        "源地址 :: ：发送方还没有地址；这是在检查没有别人在用目标地址（重复地址检测）",
    ),
    (
        "sent to the target's solicited-node multicast group, not to everyone: IPv6 has no broadcast",
        "发往目标地址的请求节点多播组，而不是发给所有人：IPv6 没有广播",
    ),
    (
        "ICMPv6 {name} needs {length} bytes, {available} left at offset {offset}",
        "ICMPv6 {name} 需要 {length} 字节，偏移 {offset} 处只剩 {available} 字节",
    ),
    ("depends on the type", "取决于类型"),
    (
        "{length} bytes, not dissected by stackviz",
        "{length} 字节，stackviz 不解析",
    ),
    // ICMPv6: checksum.
    (
        "the IPv6 header says the message is {declared} bytes but only {available} are present: it was cut short",
        "IPv6 首部表明报文长 {declared} 字节，但只有 {available} 字节：它被截断了",
    ),
    (
        "not verifiable: the message is cut short",
        "无法验证：报文被截断",
    ),
    (
        "the ICMPv6 message length, from the IPv6 header",
        "ICMPv6 报文的长度，取自 IPv6 首部",
    ),
    (
        "a 40-byte IPv6 pseudo-header and the whole {available}-byte ICMPv6 message, checksum taken as zero",
        "40 字节的 IPv6 伪首部和整个 {available} 字节的 ICMPv6 报文，校验和按 0 计",
    ),
    (
        "over the IPv6 pseudo-header and the message (unlike ICMP for IPv4, which has no pseudo-header): {verdict}",
        "覆盖 IPv6 伪首部和报文（IPv4 的 ICMP 则没有伪首部）：{verdict}",
    ),
    // ICMPv6: Router Advertisement.
    (
        "0: unspecified, hosts keep their own",
        "0：未指定，主机保持自己的设置",
    ),
    (
        "hosts on this link should send with hop limit {hop_limit}",
        "本链路上的主机发送时应使用跳数限制 {hop_limit}",
    ),
    ("set: addresses come from DHCPv6", "置 1：地址由 DHCPv6 分配"),
    ("clear: no addresses from DHCPv6", "置 0：不从 DHCPv6 获取地址"),
    (
        "set: other settings (DNS) come from DHCPv6",
        "置 1：其他配置（如 DNS）由 DHCPv6 提供",
    ),
    (
        "clear: no other settings from DHCPv6",
        "置 0：不从 DHCPv6 获取其他配置",
    ),
    (
        "home agent (H), router preference (Prf, RFC 4191), proxy (P), reserved",
        "家乡代理（H）、路由器优先级（Prf，RFC 4191）、代理（P）、保留",
    ),
    ("0: not a default router", "0：不是默认路由器"),
    (
        "usable as the default router for {lifetime} seconds",
        "可作为默认路由器 {lifetime} 秒",
    ),
    (
        "milliseconds a neighbour counts as reachable after a confirmation (0 = unspecified)",
        "一次确认后邻居被视为可达的毫秒数（0 = 未指定）",
    ),
    (
        "milliseconds between Neighbor Solicitations (0 = unspecified)",
        "两次 Neighbor Solicitation 之间的毫秒数（0 = 未指定）",
    ),
    // ICMPv6: neighbour-discovery options.
    (
        "an option stackviz does not know",
        "stackviz 不认识的选项",
    ),
    (
        "type {kind} ({name}): its length does not fit the message",
        "类型 {kind}（{name}）：长度与报文不符",
    ),
    (
        "ICMPv6 option {kind} ({name}) needs a length byte, 1 byte left in the message at offset {at}",
        "ICMPv6 选项 {kind}（{name}）需要一个长度字节，但偏移 {at} 处的报文只剩 1 字节",
    ),
    (
        "ICMPv6 option {kind} ({name}) has length 0, which RFC 4861 forbids (the message must be dropped), at offset {at}",
        "ICMPv6 选项 {kind}（{name}）的长度为 0，这是 RFC 4861 所禁止的（该报文必须丢弃），位于偏移 {at}",
    ),
    (
        "ICMPv6 option {kind} ({name}) needs {len} bytes, {left} left in the message at offset {at}",
        "ICMPv6 选项 {kind}（{name}）需要 {len} 字节，但偏移 {at} 处的报文只剩 {left} 字节",
    ),
    (
        "1 = {name}: the sender's MAC is {mac}; the receiver may cache it and answer without asking back",
        "1 = {name}：发送方的 MAC 是 {mac}；接收方可以缓存它，回答时无需再反问",
    ),
    (
        "2 = {name}: the target's MAC is {mac}: the answer to the solicitation",
        "2 = {name}：目标的 MAC 是 {mac}：这就是对请求的回答",
    ),
    (
        "3 = {name}: {prefix}/{prefix_len}, {on_link}, {autonomous}; valid {valid} s, preferred {preferred} s",
        "3 = {name}：{prefix}/{prefix_len}，{on_link}，{autonomous}；有效期 {valid} s，首选期 {preferred} s",
    ),
    ("on-link (L)", "在本链路上（L）"),
    ("not on-link", "不在本链路上"),
    (
        "hosts may make their own address from it (A, SLAAC)",
        "主机可据此自行生成地址（A，SLAAC）",
    ),
    ("not for SLAAC", "不用于 SLAAC"),
    (
        "5 = {name}: hosts on this link should use MTU {mtu}",
        "5 = {name}：本链路上的主机应使用 MTU {mtu}",
    ),
    (
        "25 = {name} (RFC 8106): DNS servers for {lifetime} s",
        "25 = {name}（RFC 8106）：DNS 服务器，有效期 {lifetime} s",
    ),
    (
        "{kind} = {name}, {len} bytes: not dissected by stackviz",
        "{kind} = {name}，{len} 字节：stackviz 不解析",
    ),
    // ICMP and ICMPv6 type and code names: the RFC name, then the textbook Chinese.
    ("Address Unreachable", "Address Unreachable（地址不可达）"),
    ("Administratively Prohibited", "Administratively Prohibited（管理上禁止）"),
    ("Beyond Scope of Source Address", "Beyond Scope of Source Address（超出源地址的范围）"),
    ("Destination Unreachable", "Destination Unreachable（目的不可达）"),
    ("Echo Reply", "Echo Reply（回显应答）"),
    ("Echo Request", "Echo Request（回显请求）"),
    ("Erroneous Header Field", "Erroneous Header Field（首部字段有错）"),
    ("Error in Source Routing Header", "Error in Source Routing Header（源路由首部有错）"),
    ("Fragment Reassembly Time Exceeded", "Fragment Reassembly Time Exceeded（分片重组超时）"),
    ("Fragmentation Needed and DF set", "Fragmentation Needed and DF set（需要分片但设置了 DF）"),
    ("Hop Limit Exceeded in Transit", "Hop Limit Exceeded in Transit（传输中跳数限制耗尽）"),
    ("Host Unreachable", "Host Unreachable（主机不可达）"),
    ("Multicast Listener Done", "Multicast Listener Done（多播监听者离开）"),
    ("Multicast Listener Query", "Multicast Listener Query（多播监听者查询）"),
    ("Multicast Listener Report", "Multicast Listener Report（多播监听者报告）"),
    ("Multicast Listener Report v2", "Multicast Listener Report v2（多播监听者报告第 2 版）"),
    ("Neighbor Advertisement", "Neighbor Advertisement（邻居通告）"),
    ("Neighbor Solicitation", "Neighbor Solicitation（邻居请求）"),
    ("Net Unreachable", "Net Unreachable（网络不可达）"),
    ("No Route to Destination", "No Route to Destination（没有到目的地的路由）"),
    ("Packet Too Big", "Packet Too Big（分组太大）"),
    ("Parameter Problem", "Parameter Problem（参数问题）"),
    ("Port Unreachable", "Port Unreachable（端口不可达）"),
    ("Protocol Unreachable", "Protocol Unreachable（协议不可达）"),
    ("Redirect", "Redirect（重定向）"),
    ("Reject Route to Destination", "Reject Route to Destination（拒绝到目的地的路由）"),
    ("Router Advertisement", "Router Advertisement（路由器通告）"),
    ("Router Solicitation", "Router Solicitation（路由器请求）"),
    ("Source Address Failed Ingress/Egress Policy", "Source Address Failed Ingress/Egress Policy（源地址未通过入口/出口策略）"),
    ("Source Route Failed", "Source Route Failed（源路由失败）"),
    ("TTL exceeded in transit", "TTL exceeded in transit（传输中 TTL 耗尽）"),
    ("Time Exceeded", "Time Exceeded（超时）"),
    ("Unrecognized IPv6 Option", "Unrecognized IPv6 Option（无法识别的 IPv6 选项）"),
    ("Unrecognized Next Header Type", "Unrecognized Next Header Type（无法识别的下一个首部类型）"),
    ("fragment reassembly time exceeded", "fragment reassembly time exceeded（分片重组超时）"),
    ("{kind}: {code}", "{kind}：{code}"),
];
