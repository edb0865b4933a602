//! Chinese for the physical and data-link layers, the payload, checksums and the dissector's walk (src/model.rs, src/dissect/{mod,ethernet,vlan,arp,sll,udp,payload,physical,checksum,fields}.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // src/dissect/mod.rs: the walk, and what it does not dissect
    (
        "Ethernet II header needs 14 bytes, {left} left at offset 0",
        "Ethernet II 首部需要 14 字节，从偏移 0 起只剩 {left} 字节",
    ),
    (
        "IP version {v} at offset 0 is neither 4 nor 6",
        "偏移 0 处的 IP 版本 {v} 既不是 4 也不是 6",
    ),
    (
        "IP header needs 20 bytes, 0 left at offset 0",
        "IP 首部需要 20 字节，从偏移 0 起已没有字节",
    ),
    (
        "{count} bytes after the packet's end (offsets {packet_end}-{last}) are not part of it",
        "分组结束后还有 {count} 字节（偏移 {packet_end}-{last}），不属于该分组",
    ),
    (
        "Linux cooked capture header needs 16 bytes, {left} left at offset 0",
        "Linux cooked capture 首部需要 16 字节，从偏移 0 起只剩 {left} 字节",
    ),
    ("netlink message", "netlink 消息"),
    (
        "netlink family {protocol}: a message between the kernel and a program, not a packet on a wire; not dissected by stackviz",
        "netlink 协议族 {protocol}：内核与程序之间传递的 netlink 消息，不是线路上的分组；stackviz 不解析",
    ),
    (
        "Linux protocol {number} = {name}, not dissected by stackviz: its {bytes} bytes are shown as they are",
        "Linux 协议号 {number} = {name}，stackviz 不解析：其 {bytes} 字节按原样显示",
    ),
    ("unknown EtherType", "未知 EtherType"),
    (
        "EtherType {number} is not one stackviz knows: its {bytes} bytes are shown as they are",
        "stackviz 不认识 EtherType {number}：其 {bytes} 字节按原样显示",
    ),
    (
        "EtherType {number} = {name}, not dissected by stackviz: its {bytes} bytes are shown as they are",
        "EtherType {number} = {name}，stackviz 不解析：其 {bytes} 字节按原样显示",
    ),
    ("spanning tree (STP)", "生成树（STP）"),
    (
        "SNAP: an OUI and an EtherType follow",
        "SNAP：其后是 OUI 和 EtherType",
    ),
    ("ISO network layer (IS-IS)", "ISO 网络层（IS-IS）"),
    ("a service stackviz does not know", "stackviz 不认识的服务"),
    (
        "{hex} = {length} is at most 1500, so it is a length, not an EtherType (IEEE 802.3): the data begins with Novell raw 802.3 (IPX, no LLC header); not dissected by stackviz",
        "{hex} = {length} 不超过 1500，所以是长度而不是 EtherType（IEEE 802.3）：数据以 Novell 原始 802.3 格式开头（IPX，无 LLC 首部）；stackviz 不解析",
    ),
    (
        "{hex} = {length} is at most 1500, so it is a length, not an EtherType (IEEE 802.3): the data begins with an 802.2 LLC header: DSAP {dsap}, SSAP {ssap} = {sap}; not dissected by stackviz",
        "{hex} = {length} 不超过 1500，所以是长度而不是 EtherType（IEEE 802.3）；数据以 802.2 LLC 首部开头，DSAP {dsap}，SSAP {ssap} = {sap}；stackviz 不解析",
    ),
    (
        "{hex} = {length} is at most 1500, so it is a length, not an EtherType (IEEE 802.3): the data begins with too short for an 802.2 LLC header; not dissected by stackviz",
        "{hex} = {length} 不超过 1500，所以是长度而不是 EtherType（IEEE 802.3）：数据太短，容不下 802.2 LLC 首部；stackviz 不解析",
    ),
    (
        "; the length says {length} bytes but only {present} are present",
        "；长度为 {length} 字节，但实际只有 {present} 字节",
    ),
    ("IEEE 802.3 data (LLC)", "IEEE 802.3 数据（LLC）"),
    ("IPv4 fragment data", "IPv4 分片数据"),
    ("IPv6 fragment data", "IPv6 分片数据"),
    (
        "a piece of a datagram whose first header is {number} = {name}: the receiver reassembles all pieces before it can read it",
        "IP 数据报的一个分片，其第一个首部是 {number} = {name}：接收方须把所有分片重组后才能读取",
    ),
    ("application data", "应用数据"),
    ("bytes after No Next Header", "No Next Header 之后的字节"),
    (
        "next header 59 = No Next Header: nothing follows the headers, yet {bytes} bytes are there; receivers ignore them",
        "下一个首部 59 = No Next Header：首部之后本应没有内容，却有 {bytes} 字节；接收方忽略它们",
    ),
    (
        "IP protocol 1 = ICMP, but IPv6 uses ICMPv6 (58): not dissected",
        "IP 协议号 1 = ICMP，但 IPv6 使用 ICMPv6（58）：不解析",
    ),
    (
        "IP protocol 58 = ICMPv6, but this is IPv4 (ICMPv6 needs the IPv6 pseudo-header): not dissected",
        "IP 协议号 58 = ICMPv6，但这是 IPv4（ICMPv6 需要 IPv6 伪首部）：不解析",
    ),
    (
        "IP protocol {other} = {name}: tunnels nested more than {depth} deep are not dissected",
        "IP 协议号 {other} = {name}：嵌套超过 {depth} 层的隧道不解析",
    ),
    ("unknown IP protocol", "未知 IP 协议"),
    (
        "IP protocol {other} is not one stackviz knows: its {bytes} bytes are shown as they are",
        "stackviz 不认识 IP 协议号 {other}：其 {bytes} 字节按原样显示",
    ),
    (
        "IP protocol {other} = {name}, not dissected by stackviz: its {bytes} bytes are shown as they are",
        "IP 协议号 {other} = {name}，stackviz 不解析：其 {bytes} 字节按原样显示",
    ),
    ("not dissected by stackviz", "stackviz 不解析"),
    // src/dissect/ethernet.rs
    ("802.1Q VLAN tag", "802.1Q VLAN 标签"),
    ("802.1ad service VLAN tag (QinQ)", "802.1ad 服务 VLAN 标签（QinQ）"),
    ("Ethernet flow control (PAUSE)", "以太网流量控制（PAUSE）"),
    ("slow protocols (LACP)", "慢协议（LACP）"),
    ("MPLS unicast", "MPLS 单播"),
    ("MPLS multicast", "MPLS 多播"),
    ("PPPoE discovery", "PPPoE 发现阶段"),
    ("PPPoE session", "PPPoE 会话阶段"),
    ("Intel ANS probe", "Intel ANS 探测"),
    ("EAP over LAN (802.1X)", "局域网上的 EAP（802.1X）"),
    ("local experimental EtherType", "本地实验用 EtherType"),
    ("PTP (precision time)", "PTP（精确时间协议）"),
    ("Ethernet OAM (CFM)", "以太网 OAM（CFM）"),
    (
        "loopback (configuration test protocol)",
        "环回（配置测试协议）",
    ),
    ("QinQ VLAN tag (pre-standard)", "QinQ VLAN 标签（标准化之前）"),
    (
        "an IEEE 802.3 length, not an EtherType",
        "IEEE 802.3 长度，不是 EtherType",
    ),
    (
        "undefined (neither a length nor an EtherType)",
        "未定义（既不是长度也不是 EtherType）",
    ),
    (
        "all zeros: loopback has no hardware address",
        "全 0：环回接口没有硬件地址",
    ),
    (
        "broadcast: every station on the link",
        "广播：发给链路上的每个站点",
    ),
    ("multicast (I/G bit set)", "多播（I/G 位为 1）"),
    ("unicast station address", "MAC 单播地址"),
    (
        "{bytes} bytes after the packet's end; not part of the packet",
        "分组结束后的 {bytes} 字节；不属于该分组",
    ),
    (
        "{bytes} of zeros to reach the 60-byte minimum (64 with FCS): a shorter frame would be taken for a collision fragment",
        "{bytes}的 0，使帧达到最短 60 字节（含 FCS 为 64）：更短的帧会被当作碰撞碎片",
    ),
    (
        "{bytes} to reach the 60-byte minimum (64 with FCS): a shorter frame would be taken for a collision fragment",
        "{bytes}填充，使帧达到最短 60 字节（含 FCS 为 64）：更短的帧会被当作碰撞碎片",
    ),
    (
        "CRC-32 {stored} over bytes 0..{at}, sent least significant byte first: {verdict}",
        "CRC-32 {stored}，覆盖字节 0..{at}，最低有效字节先发送：{verdict}",
    ),
    (
        "CRC-32 (IEEE 802.3, polynomial 0x04c11db7, reflected)",
        "CRC-32（IEEE 802.3，生成多项式 0x04c11db7，按位反射）",
    ),
    (
        "destination MAC through the last padding byte: {at} bytes",
        "从目的 MAC 到最后一个填充字节：共 {at} 字节",
    ),
    (
        "destination MAC through the last byte of the packet (no padding needed): {at} bytes",
        "从目的 MAC 到分组的最后一个字节（无需填充）：共 {at} 字节",
    ),
    // src/dissect/vlan.rs
    ("0: best effort (the default)", "0：尽力而为（默认）"),
    (
        "1: background (lower than best effort)",
        "1：背景流量（低于尽力而为）",
    ),
    ("2: excellent effort", "2：优质尽力而为"),
    ("3: critical applications", "3：关键应用"),
    ("4: video, < 100 ms latency", "4：视频，时延 < 100 ms"),
    ("5: voice, < 10 ms latency", "5：语音，时延 < 10 ms"),
    ("6: internetwork control", "6：网间控制"),
    ("7: network control (highest)", "7：网络控制（最高）"),
    (
        "0: no VLAN, the tag carries only a priority (priority tag)",
        "0：不属于任何 VLAN，标签只携带优先级（优先级标签）",
    ),
    ("4095: reserved, must not be used", "4095：保留，不得使用"),
    (
        "VLAN {v}: the provider's service VLAN (outer tag) this frame travels in",
        "VLAN {v}：本帧所在的运营商服务 VLAN（外层标签）",
    ),
    (
        "VLAN {v}: the virtual LAN this frame belongs to",
        "VLAN {v}：本帧所属的虚拟局域网",
    ),
    (
        "802.1Q tag needs 4 bytes, {left} left at offset {start}",
        "802.1Q 标签需要 4 字节，从偏移 {start} 起只剩 {left} 字节",
    ),
    ("802.1p priority {pcp}", "802.1p 优先级 {pcp}"),
    (
        "1: may be dropped first under congestion",
        "1：拥塞时可被优先丢弃",
    ),
    ("0: not drop eligible", "0：不可被优先丢弃"),
    (
        "an 802.1ad service tag (TPID 0x88a8) at offset {start}: a provider's outer VLAN tag, the customer's tag may follow",
        "偏移 {start} 处是 802.1ad 服务标签（TPID 0x88a8）：运营商的外层 VLAN 标签，其后可能是客户的标签",
    ),
    (
        "an 802.1Q tag (TPID 0x8100) at offset {start}: 4 bytes inserted after the source MAC; the EtherType before it only says a tag follows",
        "偏移 {start} 处是 802.1Q 标签（TPID 0x8100）：插在源 MAC 之后的 4 字节；它前面的 EtherType 只表示后面跟着一个标签",
    ),
    // src/dissect/arp.rs
    ("Ethernet", "以太网"),
    ("IEEE 802 networks", "IEEE 802 网络"),
    ("Frame Relay", "帧中继"),
    ("serial line", "串行线路"),
    (
        "a hardware type stackviz does not know",
        "stackviz 不认识的硬件类型",
    ),
    (
        "{htype} = {name}: the kind of link-layer address asked for",
        "{htype} = {name}：所查询的链路层地址的类型",
    ),
    ("request", "请求"),
    ("reply", "响应"),
    ("RARP request", "RARP 请求"),
    ("RARP reply", "RARP 响应"),
    ("InARP request", "InARP 请求"),
    ("InARP reply", "InARP 响应"),
    ("unknown operation", "未知操作"),
    (
        "ARP header needs 8 bytes, {available} left at offset {start}",
        "ARP 首部需要 8 字节，从偏移 {start} 起只剩 {available} 字节",
    ),
    (
        "ARP message needs {len} bytes (hardware addresses of {hlen}, protocol addresses of {plen}), {available} left at offset {start}",
        "ARP 报文需要 {len} 字节（硬件地址各 {hlen} 字节，协议地址各 {plen} 字节），从偏移 {start} 起只剩 {available} 字节",
    ),
    (
        "1 = request, an ARP probe (RFC 5227): is anyone using {tpa}? (asked before taking the address)",
        "1 = 请求，ARP 探测（RFC 5227）：有谁在用 {tpa} 吗？（启用该地址前先问一问）",
    ),
    (
        "1 = request, gratuitous: {spa} is at {sha} (announced to everyone, nobody asked)",
        "1 = 请求，免费 ARP：{spa} 的 MAC 是 {sha}（主动告知所有主机，无人询问）",
    ),
    (
        "1 = request: who has {tpa}? tell {spa}",
        "1 = 请求：谁是 {tpa}？请告诉 {spa}",
    ),
    ("2 = reply: {spa} is at {sha}", "2 = 响应：{spa} 的 MAC 是 {sha}"),
    (
        "{ptype} = {name}: the addresses being resolved (numbered like EtherTypes)",
        "{ptype} = {name}：要解析的地址类型（编号与 EtherType 相同）",
    ),
    ("6 bytes: a MAC address", "6 字节：MAC 地址"),
    (
        "{hlen} bytes per hardware address",
        "每个硬件地址 {hlen} 字节",
    ),
    ("4 bytes: an IPv4 address", "4 字节：IPv4 地址"),
    (
        "{plen} bytes per protocol address",
        "每个协议地址 {plen} 字节",
    ),
    (
        "the sender's MAC: every host that reads this may cache it",
        "发送方的 MAC：读到它的每台主机都可以把它缓存起来",
    ),
    (
        "0.0.0.0: the sender has no address yet (a probe)",
        "0.0.0.0：发送方还没有地址（探测）",
    ),
    ("the sender's IPv4 address", "发送方的 IPv4 地址"),
    (
        "unknown yet: that is the question (usually zeros)",
        "尚不知道：这正是要问的（通常为全 0）",
    ),
    ("the MAC of the host that asked", "发出询问的主机的 MAC"),
    (
        "the IPv4 address whose MAC is asked for",
        "要查询其 MAC 的 IPv4 地址",
    ),
    (
        "the IPv4 address of the host that asked",
        "发出询问的主机的 IPv4 地址",
    ),
    (
        "ARP serves the data link layer: it turns an IPv4 address into the MAC a frame needs; it rides straight in the frame (no IP header) and never crosses a router",
        "ARP 为数据链路层服务：把 IPv4 地址解析成帧所需的 MAC 地址；它直接装在帧里（没有 IP 首部），从不经过路由器转发",
    ),
    (
        "not the usual Ethernet/IPv4 ARP: hardware type {htype}, {hlen}-byte hardware addresses, protocol {ptype}, {plen}-byte protocol addresses",
        "不是常见的以太网/IPv4 ARP：硬件类型 {htype}，硬件地址 {hlen} 字节，协议 {ptype}，协议地址 {plen} 字节",
    ),
    // src/dissect/sll.rs
    (
        "0 = to us: addressed to this host",
        "0 = 发给本机：目的地是本主机",
    ),
    (
        "1 = broadcast: to every host on the link",
        "1 = 广播：发给链路上的每台主机",
    ),
    ("2 = multicast: to a group", "2 = 多播：发给一个组"),
    (
        "3 = to another host, seen because the interface is promiscuous",
        "3 = 发给其他主机，因接口处于混杂模式而被看到",
    ),
    (
        "4 = sent by us: an outgoing packet",
        "4 = 本机发出：一个外发的分组",
    ),
    (
        "not a packet type Linux defines",
        "不是 Linux 定义的分组类型",
    ),
    ("IP-in-IP tunnel", "IP-in-IP 隧道"),
    ("IPv6-in-IPv6 tunnel", "IPv6-in-IPv6 隧道"),
    ("loopback", "环回"),
    ("SIT (IPv6-in-IPv4 tunnel)", "SIT（IPv6-in-IPv4 隧道）"),
    ("GRE tunnel", "GRE 隧道"),
    ("IEEE 802.11 (Wi-Fi)", "IEEE 802.11（Wi-Fi）"),
    ("IEEE 802.11 with radiotap", "IEEE 802.11（带 radiotap）"),
    ("IPv6 over IEEE 802.15.4", "基于 IEEE 802.15.4 的 IPv6"),
    (
        "none (a tun device: bare IP packets)",
        "无（tun 设备：裸 IP 分组）",
    ),
    ("a link type stackviz does not know", "stackviz 不认识的链路类型"),
    (
        "{value} = {name}: the kind of link the packet was captured on (ARPHRD_*)",
        "{value} = {name}：抓到该分组的链路的类型（ARPHRD_*）",
    ),
    (
        "802.3 frame without an LLC header (Novell raw)",
        "无 LLC 首部的 802.3 帧（Novell 原始格式）",
    ),
    ("every protocol (ETH_P_ALL)", "所有协议（ETH_P_ALL）"),
    ("802.2 LLC frame", "802.2 LLC 帧"),
    ("PPP on a WAN link", "广域网链路上的 PPP"),
    ("802.2 on token ring", "令牌环上的 802.2"),
    (
        "a Linux protocol number stackviz does not know",
        "stackviz 不认识的 Linux 协议号",
    ),
    (
        "netlink family {protocol} (on a netlink capture this is no EtherType)",
        "netlink 协议族 {protocol}（在 netlink 抓包中这不是 EtherType）",
    ),
    (
        "{number} = {name}: a Linux protocol number, not an EtherType",
        "{number} = {name}：Linux 自己的协议号，不是 EtherType",
    ),
    (
        "{number} = {name}: an EtherType, as in an Ethernet header",
        "{number} = {name}：EtherType，与以太网首部中的一样",
    ),
    (
        "{address_len} bytes: more than the 8 the header has room for, so only 8 are kept",
        "{address_len} 字节：超过首部留出的 8 字节，只保留前 8 字节",
    ),
    (
        "{address_len} of the 8 address bytes are used",
        "8 个地址字节中用了 {address_len} 个",
    ),
    (
        "none: this link type has no link-layer addresses",
        "无：这种链路没有链路层地址",
    ),
    (
        "this host's own link-layer address (an outgoing packet)",
        "本主机自己的链路层地址（外发的分组）",
    ),
    (
        "the sender's link-layer address (the destination address is not kept)",
        "发送方的链路层地址（目的地址不保留）",
    ),
    (
        "a capture on Linux's \"any\" device (or a link without Ethernet): the kernel writes this header, the wire never carried it; the link's own header is gone",
        "在 Linux 的 “any” 设备（或非以太网链路）上抓包：这个首部由内核写入，线路上从未传输过它；链路本身的首部已经没有了",
    ),
    (
        "{bytes} bytes after the packet's end: padding of the original frame (Ethernet pads frames to 60 bytes), not part of the packet",
        "分组结束后的 {bytes} 字节：原始帧的填充（以太网把帧填充到 60 字节），不属于该分组",
    ),
    // src/dissect/udp.rs
    (
        "0: reserved; in bind() it means \"let the OS choose\"",
        "0：保留；在 bind() 中表示“由操作系统选择”",
    ),
    ("IANA well-known range 0-1023", "IANA 熟知端口范围 0-1023"),
    (
        "IANA registered range 1024-49151",
        "IANA 登记端口范围 1024-49151",
    ),
    ("IANA dynamic range 49152-65535", "IANA 动态端口范围 49152-65535"),
    (
        "the sending socket's port; {range}",
        "发送方套接字的端口；{range}",
    ),
    (
        "the receiving socket's port; {range}",
        "接收方套接字的端口；{range}",
    ),
    (
        "UDP header needs 8 bytes, {available} left at offset {start}",
        "UDP 首部需要 8 字节，从偏移 {start} 起只剩 {available} 字节",
    ),
    (
        "UDP length {length} is below the 8-byte header, at offset {offset}",
        "偏移 {offset} 处的 UDP 长度 {length} 小于 8 字节的首部",
    ),
    (
        "length says {length} bytes but only {available} are present",
        "长度为 {length} 字节，但实际只有 {available} 字节",
    ),
    (
        "8-byte header + {payload}-byte payload = {length} bytes",
        "8 字节首部 + {payload} 字节载荷 = {length} 字节",
    ),
    ("copied from the UDP header", "从 UDP 首部复制"),
    ("source port", "源端口"),
    ("destination port", "目的端口"),
    ("length", "长度"),
    ("checksum taken as 0000", "校验和按 0000 计"),
    (
        "payload ({bytes}, one zero byte added to make whole words)",
        "载荷（{bytes}，补一个 0 字节凑成整字）",
    ),
    ("payload ({bytes})", "载荷（{bytes}）"),
    (
        "a {pseudo}-byte pseudo-header (from {family}), the UDP header with checksum 0, and the {payload}-byte payload",
        "{pseudo} 字节的伪首部（取自 {family}）、校验和置 0 的 UDP 首部，以及 {payload} 字节的载荷",
    ),
    (
        "0 is invalid over IPv6: the checksum is mandatory there (RFC 8200 section 8.1), unlike IPv4 where 0 means none; {verdict}",
        "在 IPv6 上 0 无效：IPv6 必须计算校验和（RFC 8200 第 8.1 节），不像 IPv4 那样用 0 表示不计算；{verdict}",
    ),
    (
        "over pseudo-header, header and payload, mandatory over IPv6 (0 is invalid there, unlike IPv4): {verdict}",
        "覆盖伪首部、首部和载荷，在 IPv6 上必须计算（0 无效，与 IPv4 不同）：{verdict}",
    ),
    (
        "over pseudo-header, header and payload: {verdict}",
        "覆盖伪首部、首部和载荷：{verdict}",
    ),
    (
        "not verifiable: the datagram is cut short",
        "无法验证：用户数据报被截断",
    ),
    // src/dissect/payload.rs
    ("… ({bytes} bytes)", "…（共 {bytes} 字节）"),
    (
        "empty: no data after the headers (a UDP datagram may carry zero bytes)",
        "空：首部之后没有数据（UDP 用户数据报可以携带 0 字节）",
    ),
    ("{bytes} of text", "{bytes}文本"),
    (
        "{bytes}; non-printable bytes written as \\xNN",
        "{bytes}；不可打印的字节写成 \\xNN",
    ),
    (
        "no data: this segment carries only its header (flags, numbers, window)",
        "无数据：该报文段只有首部（标志、序号与确认号、窗口）",
    ),
    ("no bytes", "没有字节"),
    (
        "{bytes} bytes, not dissected: shown as they are",
        "{bytes} 字节，未解析：按原样显示",
    ),
    // src/dissect/physical.rs
    (
        "10101010 … lets the receiver's clock lock on (sent least significant bit first)",
        "10101010 …，让接收方的时钟同步（最低有效位先发送）",
    ),
    (
        "10101011 on the wire: the frame starts with the next bit",
        "线路上为 10101011：下一个比特就是帧的开始",
    ),
    ("Frame", "帧"),
    (
        "the {frame_len}-byte frame, FCS included",
        "{frame_len} 字节的帧，含 FCS",
    ),
    (
        "96 bit times of idle line before the next frame may start",
        "下一帧开始前线路须空闲 96 比特时间",
    ),
    ("Bits on the wire", "线路上的比特"),
    (
        "(7 + 1 + {frame_len}) × 8 = {bits} bits; {with_gap} bit times with the gap",
        "(7 + 1 + {frame_len}) × 8 = {bits} 比特；加上帧间隙为 {with_gap} 比特时间",
    ),
    ("Time at 100 Mb/s", "100 Mb/s 下的时间"),
    (
        "{bits} bits × 10 ns; {time} with the gap",
        "{bits} 比特 × 10 ns；加上帧间隙为 {time}",
    ),
    ("Time at 1 Gb/s", "1 Gb/s 下的时间"),
    (
        "{bits} bits × 1 ns; {time} with the gap",
        "{bits} 比特 × 1 ns；加上帧间隙为 {time}",
    ),
    (
        "the frame travels as {bits} bits after a 7-byte preamble and the SFD",
        "连同 7 字节前导码和帧起始定界符（SFD），帧在线路上共 {bits} 比特",
    ),
    // src/dissect/checksum.rs
    ("{head} … {tail} ({count} words)", "{head} … {tail}（共 {count} 个字）"),
    (
        "internet checksum (RFC 1071): one's-complement of the one's-complement sum of 16-bit words",
        "网际校验和（RFC 1071）：把 16 位字反码求和，再取反码",
    ),
    ("the upper layer", "上层协议"),
    ("copied from the {family} header", "从 {family} 首部复制"),
    ("pseudo: source address", "伪首部：源地址"),
    ("pseudo: destination address", "伪首部：目的地址"),
    ("one byte of zeros", "1 个全 0 字节"),
    (
        "{p} = {name}, as in the IPv4 header",
        "{p} = {name}，与 IPv4 首部中的一样",
    ),
    ("pseudo: zero | protocol {p}", "伪首部：0 | 协议 {p}"),
    ("pseudo: {name} length", "伪首部：{name} 长度"),
    ("{meaning}, as 32 bits", "{meaning}，按 32 位"),
    ("three bytes of zeros", "3 个全 0 字节"),
    (
        "{p} = {name}: the upper-layer protocol, even when extension headers come between",
        "{p} = {name}：上层协议，即使中间隔着扩展首部也是如此",
    ),
    (
        "pseudo: upper-layer packet length (32 bits)",
        "伪首部：上层分组长度（32 位）",
    ),
    ("pseudo: zero | next header {p}", "伪首部：0 | 下一个首部 {p}"),
];
