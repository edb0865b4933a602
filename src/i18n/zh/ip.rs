//! Chinese for IPv4 and IPv6 headers, options and extension headers (src/dissect/ipv4.rs, ipv6.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // IP protocol numbers: the descriptive names (the rest are protocol names).
    ("IPv4 encapsulation (IP in IP)", "IPv4 封装（IP in IP）"),
    ("IPv6 encapsulation", "IPv6 封装"),
    ("ESP (IPsec, encrypted)", "ESP（IPsec，加密）"),
    ("AH (IPsec authentication)", "AH（IPsec 认证）"),
    ("Ethernet (in IPv6)", "以太网（承载于 IPv6）"),
    ("experimental (RFC 3692)", "实验用（RFC 3692）"),
    ("not dissected by stackviz", "stackviz 不解析"),
    // DSCP and ECN (IPv4 and IPv6).
    ("default, best effort", "默认，尽力而为"),
    ("EF, expedited forwarding (voice)", "EF，加速转发（语音）"),
    ("a class selector", "类选择器"),
    ("a differentiated-services code point", "区分服务码点"),
    ("DSCP {dscp}: {class}", "DSCP {dscp}：{class}"),
    ("00: not ECN-capable transport", "00：传输不支持 ECN"),
    ("01: ECN-capable transport ECT(1)", "01：传输支持 ECN，ECT(1)"),
    ("10: ECN-capable transport ECT(0)", "10：传输支持 ECN，ECT(0)"),
    ("11: congestion experienced", "11：遇到拥塞（CE）"),
    // IPv4 header.
    (
        "IPv4 header needs 20 bytes, {available} left at offset {start}",
        "IPv4 首部需要 20 字节，偏移 {start} 处只剩 {available} 字节",
    ),
    (
        "IPv4 version field is {version}, not 4, at offset {start}",
        "IPv4 版本字段是 {version}，不是 4，位于偏移 {start}",
    ),
    (
        "IPv4 IHL is {ihl} ({header_len} bytes), below the minimum of 5 (20 bytes), at offset {start}",
        "IPv4 IHL 为 {ihl}（{header_len} 字节），小于最小值 5（20 字节），位于偏移 {start}",
    ),
    (
        "IPv4 header with options needs {header_len} bytes, {available} left at offset {start}",
        "带选项的 IPv4 首部需要 {header_len} 字节，偏移 {start} 处只剩 {available} 字节",
    ),
    (
        "IPv4 total length {total_len} is smaller than its own header ({header_len} bytes), at offset {at}",
        "IPv4 总长度 {total_len} 比它自己的首部（{header_len} 字节）还小，位于偏移 {at}",
    ),
    (
        "header length in 32-bit words: {ihl} × 4 = {header_len} bytes (no options)",
        "首部长度，以 32 位字为单位：{ihl} × 4 = {header_len} 字节（无选项）",
    ),
    (
        "header length in 32-bit words: {ihl} × 4 = {header_len} bytes",
        "首部长度，以 32 位字为单位：{ihl} × 4 = {header_len} 字节",
    ),
    (
        "whole packet: {header_len}-byte header + {payload_len}-byte payload = {total_len} bytes",
        "整个分组：{header_len} 字节首部 + {payload_len} 字节载荷 = {total_len} 字节",
    ),
    ("groups the fragments of one datagram", "标明哪些分片属于同一个数据报"),
    ("reserved, must be 0", "保留，必须为 0"),
    (
        "set: routers must drop rather than fragment",
        "置 1：路由器只能丢弃分组，不得分片",
    ),
    ("clear: routers may fragment", "清 0：路由器可以分片"),
    ("set: more fragments follow", "置 1：后面还有分片"),
    ("clear: last (or only) fragment", "清 0：最后一个（或唯一的）分片"),
    (
        "{frag_offset} × 8 = byte {byte} of the original datagram's payload",
        "{frag_offset} × 8 = 原数据报载荷中偏移 {byte} 字节处",
    ),
    (
        "each router subtracts 1 and drops the packet at 0: at most {ttl} more hops",
        "每经过一个路由器减 1，减到 0 时分组被丢弃：最多还能走 {ttl} 跳",
    ),
    (
        "{protocol} = {name}: what the payload is",
        "{protocol} = {name}：说明载荷是什么",
    ),
    // IPv4 header checksum, worked out: the terms of the sum.
    ("version, IHL, DSCP, ECN | total length", "版本、IHL、DSCP、ECN | 总长度"),
    ("identification | flags, fragment offset", "标识 | 标志、分片偏移"),
    ("TTL, protocol | checksum taken as 0000", "TTL、协议 | 校验和按 0000 计"),
    ("source address", "源地址"),
    ("destination address", "目的地址"),
    ("options", "选项"),
    (
        "the {header_len}-byte IPv4 header, checksum field taken as zero",
        "{header_len} 字节的 IPv4 首部，校验和字段按 0 计",
    ),
    (
        "one's-complement sum of the header: {verdict}",
        "对首部反码求和：{verdict}",
    ),
    (
        "total length says {total_len} bytes but only {present} are present: the packet was cut short",
        "总长度为 {total_len} 字节，实际只有 {present} 字节：分组被截断了",
    ),
    (
        "this packet is a fragment: its payload is bytes {first}-{last} of the original datagram's payload; the transport header was in the first fragment",
        "这个分组是一个分片：其载荷是原数据报载荷的第 {first}-{last} 字节；传输层首部在第一个分片中",
    ),
    // IPv4 addresses.
    (
        "loopback (127.0.0.0/8): never leaves this host",
        "环回地址（127.0.0.0/8）：不会离开本机",
    ),
    ("private address (RFC 1918)", "私有地址（RFC 1918）"),
    ("limited broadcast", "受限广播地址"),
    ("multicast group", "多播组"),
    ("unspecified (0.0.0.0)", "未指定地址（0.0.0.0）"),
    ("unicast address", "单播地址"),
    // IPv4 options.
    (
        "room for {room} addresses, {filled} filled (pointer {pointer})",
        "可容纳 {room} 个地址，已填 {filled} 个（指针 {pointer}）",
    ),
    (
        "room for {room} addresses, {filled} filled (pointer {pointer}): {addresses}",
        "可容纳 {room} 个地址，已填 {filled} 个（指针 {pointer}）：{addresses}",
    ),
    ("copied into every fragment", "分片时复制到每个分片"),
    ("only in the first fragment", "分片时只留在第一个分片"),
    (
        "each router writes its address into the next free slot",
        "每个路由器把自己的地址写入下一个空位",
    ),
    (
        "the packet must pass these routers, others may come between",
        "分组必须经过这些路由器，中间可以经过其他路由器",
    ),
    (
        "the packet must pass exactly these routers",
        "分组必须且只能经过这些路由器",
    ),
    ("{what}; {route}", "{what}；{route}"),
    (
        "routers add 32-bit timestamps only (milliseconds since midnight UT); pointer {pointer}, {overflow} routers found no room",
        "路由器只添加 32 位时间戳（UT 午夜以来的毫秒数）；指针 {pointer}，{overflow} 个路由器没有空位可写",
    ),
    (
        "routers add address and timestamp pairs (milliseconds since midnight UT); pointer {pointer}, {overflow} routers found no room",
        "路由器添加地址和时间戳对（UT 午夜以来的毫秒数）；指针 {pointer}，{overflow} 个路由器没有空位可写",
    ),
    (
        "routers add timestamps from prespecified routers (milliseconds since midnight UT); pointer {pointer}, {overflow} routers found no room",
        "由预先指定的路由器添加时间戳（UT 午夜以来的毫秒数）；指针 {pointer}，{overflow} 个路由器没有空位可写",
    ),
    (
        "routers add an unknown form (milliseconds since midnight UT); pointer {pointer}, {overflow} routers found no room",
        "路由器以未知格式添加时间戳（UT 午夜以来的毫秒数）；指针 {pointer}，{overflow} 个路由器没有空位可写",
    ),
    (
        "value {value} = router shall examine: every router on the path examines this packet (RSVP, IGMP, MLD use it)",
        "值 {value} = 路由器应检查：路径上每个路由器都要检查这个分组（RSVP、IGMP、MLD 使用）",
    ),
    (
        "value {value}: every router on the path examines this packet (RSVP, IGMP, MLD use it)",
        "值 {value}：路径上每个路由器都要检查这个分组（RSVP、IGMP、MLD 使用）",
    ),
    (
        "type {kind}, {length} bytes of data: not dissected by stackviz",
        "类型 {kind}，{length} 字节数据：stackviz 不解析",
    ),
    ("{detail}; {copied}", "{detail}；{copied}"),
    ("0: no more options", "0：选项到此结束"),
    (
        "zeros that fill the header to a multiple of 4 bytes",
        "填充的 0，使首部长度为 4 字节的整数倍",
    ),
    (
        "1: a filler byte, to align the next option",
        "1：填充字节，用来对齐下一个选项",
    ),
    ("a type stackviz does not know", "stackviz 不认识的类型"),
    (
        "type {kind}: its length byte does not fit the options",
        "类型 {kind}：它的长度字节超出了选项区",
    ),
    (
        "IPv4 option {kind} ({short}) needs a length byte, 1 byte left in the options at offset {at}",
        "IPv4 选项 {kind}（{short}）需要长度字节，选项区在偏移 {at} 处只剩 1 字节",
    ),
    (
        "IPv4 option {kind} ({short}) has length {len}, below the minimum of 2, at offset {at}",
        "IPv4 选项 {kind}（{short}）长度为 {len}，小于最小值 2，位于偏移 {at}",
    ),
    (
        "IPv4 option {kind} ({short}) needs {len} bytes, {left} left in the options at offset {at}",
        "IPv4 选项 {kind}（{short}）需要 {len} 字节，选项区在偏移 {at} 处只剩 {left} 字节",
    ),
    (
        "type {kind}, {len} bytes: {meaning}",
        "类型 {kind}，{len} 字节：{meaning}",
    ),
    // IPv6 multicast scopes: each fills "{scope}范围" below.
    ("interface-local", "接口本地"),
    ("link-local", "链路本地"),
    ("admin-local", "管理本地"),
    ("site-local", "站点本地"),
    ("organization-local", "组织本地"),
    ("global", "全球"),
    // English says "reserved scope scope"; Chinese fills "{scope}范围" with it.
    ("reserved scope", "保留"),
    // IPv6 addresses.
    (
        "loopback (::1): never leaves this host",
        "环回地址（::1）：不会离开本机",
    ),
    (
        "unspecified (::): the sender has no address yet",
        "未指定地址（::）：发送方还没有地址",
    ),
    (
        "multicast group, {scope} scope: all nodes on the link",
        "多播组，{scope}范围：链路上的所有节点",
    ),
    (
        "multicast group, {scope} scope: all routers on the link",
        "多播组，{scope}范围：链路上的所有路由器",
    ),
    (
        "multicast group, {scope} scope: the solicited-node group of the addresses whose last 3 bytes are {bytes} (where neighbour discovery asks)",
        "多播组，{scope}范围：末 3 字节为 {bytes} 的地址的请求节点多播组（邻居发现向这里询问）",
    ),
    ("multicast group, {scope} scope", "多播组，{scope}范围"),
    (
        "link-local (fe80::/10): valid on one link only",
        "链路本地地址（fe80::/10）：只在一条链路上有效",
    ),
    (
        "unique local address (fc00::/7), like IPv4's private ranges",
        "唯一本地地址（fc00::/7），相当于 IPv4 的私有地址段",
    ),
    (
        "documentation range (2001:db8::/32)",
        "文档专用地址段（2001:db8::/32）",
    ),
    (
        "IPv4-mapped address (::ffff:0:0/96)",
        "IPv4 映射地址（::ffff:0:0/96）",
    ),
    (
        "global unicast address (2000::/3)",
        "全球单播地址（2000::/3）",
    ),
    // IPv6 header.
    (
        "IPv6 header needs 40 bytes, {available} left at offset {start}",
        "IPv6 首部需要 40 字节，偏移 {start} 处只剩 {available} 字节",
    ),
    (
        "IPv6 version field is {version}, not 6, at offset {start}",
        "IPv6 版本字段是 {version}，不是 6，位于偏移 {start}",
    ),
    (
        "traffic class bits 0-5, DSCP {dscp}: {class}",
        "流量类别第 0-5 位，DSCP {dscp}：{class}",
    ),
    ("traffic class bits 6-7, {ecn}", "流量类别第 6-7 位，{ecn}"),
    ("0: no flow label", "0：没有流标签"),
    (
        "{label}: the sender's label for this flow (RFC 6437); routers may use it to keep a flow on one path (Linux picks one per flow by default)",
        "{label}：发送方给这个流打的标签（RFC 6437）；路由器可据此让同一个流走同一条路径（Linux 默认为每个流选一个）",
    ),
    (
        "0 with a Hop-by-Hop header: a jumbogram (RFC 2675), its length is in the Jumbo Payload option",
        "为 0 且后面是 Hop-by-Hop 首部：巨型数据报（RFC 2675），长度在 Jumbo Payload 选项中",
    ),
    (
        "bytes after this 40-byte header (extension headers included): {payload_len}",
        "这个 40 字节首部之后的字节数（含扩展首部）：{payload_len}",
    ),
    (
        "{next} = {name}: what follows this header",
        "{next} = {name}：说明本首部之后是什么",
    ),
    (
        "IPv6's TTL: each router subtracts 1 and drops the packet at 0; at most {hop_limit} more hops",
        "IPv6 的 TTL：每经过一个路由器减 1，减到 0 时分组被丢弃；最多还能走 {hop_limit} 跳",
    ),
    (
        "no header checksum in IPv6: the link's FCS and the transport checksums cover the data",
        "IPv6 没有首部校验和：由链路层的 FCS 和传输层的校验和保护数据",
    ),
    (
        "payload length says {payload_len} bytes, the quote holds {left}: an ICMPv6 error quotes only the start of a packet",
        "载荷长度为 {payload_len} 字节，引用中只有 {left} 字节：ICMPv6 差错消息只引用分组的开头",
    ),
    (
        "payload length says {payload_len} bytes but only {left} are present: the packet was cut short",
        "载荷长度为 {payload_len} 字节，实际只有 {left} 字节：分组被截断了",
    ),
    (
        "IPv6 payload needs {payload_len} bytes (Payload Length), {left} left at offset {payload_start}",
        "IPv6 载荷需要 {payload_len} 字节（Payload Length），偏移 {payload_start} 处只剩 {left} 字节",
    ),
    // IPv6 extension headers.
    (
        "IPv6 {name} header needs 8 bytes, {left} left at offset {at}",
        "IPv6 {name} 首部需要 8 字节，偏移 {at} 处只剩 {left} 字节",
    ),
    (
        "IPv6 {name} header needs {len} bytes ({field} {len_byte}), {left} left at offset {at}",
        "IPv6 {name} 首部需要 {len} 字节（{field} {len_byte}），偏移 {at} 处只剩 {left} 字节",
    ),
    (
        "IPv6 Authentication Header says {len} bytes (Payload Len {len_byte}), below its 12-byte minimum, at offset {at}",
        "IPv6 Authentication Header 声明 {len} 字节（Payload Len {len_byte}），小于最小值 12 字节，位于偏移 {at}",
    ),
    (
        "a Hop-by-Hop header must come right after the IPv6 header (RFC 8200 section 4.1)",
        "Hop-by-Hop 首部必须紧跟在 IPv6 首部之后（RFC 8200 第 4.1 节）",
    ),
    ("reserved, zero", "保留，为 0"),
    (
        "{frag_offset} × 8 = byte {byte} of the fragmentable part",
        "{frag_offset} × 8 = 可分片部分中偏移 {byte} 字节处",
    ),
    ("clear: the last fragment", "清 0：最后一个分片"),
    (
        "the same in every fragment of one datagram; chosen by the sender (routers never fragment in IPv6)",
        "同一数据报的各个分片都相同；由发送方选定（IPv6 中路由器从不分片）",
    ),
    (
        "offset 0 and M clear: an atomic fragment, the whole datagram in one piece (RFC 6946)",
        "偏移为 0 且 M 清 0：原子分片，整个数据报只有一片（RFC 6946）",
    ),
    (
        "header length in 4-byte words minus 2: ({len_byte} + 2) × 4 = {len} bytes",
        "首部长度，以 4 字节为单位再减 2：({len_byte} + 2) × 4 = {len} 字节",
    ),
    (
        "which security association (keys, algorithm) the receiver uses",
        "接收方使用哪个安全关联（密钥、算法）",
    ),
    (
        "counts up with each packet: protects against replay",
        "每个分组递增：防止重放攻击",
    ),
    (
        "{length} bytes: a keyed hash over the packet; only the holder of the key can check it",
        "{length} 字节：对分组计算的带密钥散列；只有持有密钥者才能校验",
    ),
    (
        "0 = source route (deprecated by RFC 5095: routers drop it)",
        "0 = 源路由（已被 RFC 5095 废弃：路由器会丢弃它）",
    ),
    (
        "2 = Mobile IPv6 home address (RFC 6275)",
        "2 = 移动 IPv6 家乡地址（RFC 6275）",
    ),
    ("3 = RPL source route (RFC 6554)", "3 = RPL 源路由（RFC 6554）"),
    (
        "4 = Segment Routing Header (RFC 8754)",
        "4 = 段路由首部 SRH（RFC 8754）",
    ),
    (
        "a routing type stackviz does not know",
        "stackviz 不认识的路由类型",
    ),
    (
        "{segments_left} more routers to visit on the listed route",
        "所列路由上还要经过 {segments_left} 个路由器",
    ),
    (
        "header length in 8-byte units, the first 8 not counted: ({len_byte} + 1) × 8 = {len} bytes",
        "首部长度，以 8 字节为单位，不计最前面的 8 字节：({len_byte} + 1) × 8 = {len} 字节",
    ),
    (
        "4 reserved bytes, then the route: {list}",
        "4 个保留字节，然后是路由：{list}",
    ),
    (
        "last entry {last}, flags {flags}, tag {tag}; segments (the final one first): {list}",
        "最后条目 {last}，标志 {flags}，标签 {tag}；段列表（最终的段在前）：{list}",
    ),
    (
        "{length} bytes of type-specific data",
        "{length} 字节与类型相关的数据",
    ),
    // IPv6 hop-by-hop and destination options.
    ("an option stackviz does not know", "stackviz 不认识的选项"),
    (
        "a node that does not know it must skip it",
        "不认识它的节点必须跳过它",
    ),
    (
        "a node that does not know it must drop the packet",
        "不认识它的节点必须丢弃该分组",
    ),
    (
        "a node that does not know it must drop the packet and send ICMPv6 Parameter Problem",
        "不认识它的节点必须丢弃该分组并发送 ICMPv6 Parameter Problem",
    ),
    (
        "a node that does not know it must drop the packet and send ICMPv6 Parameter Problem unless the destination is multicast",
        "不认识它的节点必须丢弃该分组，目的地址不是多播地址时还要发送 ICMPv6 Parameter Problem",
    ),
    ("0 = Pad1: one byte of padding", "0 = Pad1：1 字节填充"),
    (
        "type {kind}: its length does not fit the header",
        "类型 {kind}：它的长度超出了首部",
    ),
    (
        "IPv6 option {kind} needs a length byte, 1 byte left in the header at offset {at}",
        "IPv6 选项 {kind} 需要长度字节，首部在偏移 {at} 处只剩 1 字节",
    ),
    (
        "IPv6 option {kind} ({name}) needs {len} bytes, {left} left in the header at offset {at}",
        "IPv6 选项 {kind}（{name}）需要 {len} 字节，首部在偏移 {at} 处只剩 {left} 字节",
    ),
    ("1 = PadN: {len} bytes of padding", "1 = PadN：{len} 字节填充"),
    (
        "5 = Router Alert, value {value}: every router on the path looks inside this packet",
        "5 = Router Alert，值 {value}：路径上每个路由器都要查看这个分组的内容",
    ),
    (
        "5 = Router Alert, value {value}: the destination looks inside this packet",
        "5 = Router Alert，值 {value}：目的节点要查看这个分组的内容",
    ),
    (
        "0xc2 = Jumbo Payload: the packet is {length} bytes after the IPv6 header",
        "0xc2 = Jumbo Payload：IPv6 首部之后分组还有 {length} 字节",
    ),
    (
        "4 = Tunnel Encapsulation Limit: at most {levels} more levels of tunnelling",
        "4 = Tunnel Encapsulation Limit：最多还能再嵌套 {levels} 层隧道",
    ),
    (
        "0xc9 = Home Address: the mobile node's home address {address}",
        "0xc9 = Home Address：移动节点的家乡地址 {address}",
    ),
    (
        "{kind} = {name}, {length} bytes of data; {action}; its data may change on the way",
        "{kind} = {name}，{length} 字节数据；{action}；其数据在途中可能改变",
    ),
    (
        "{kind} = {name}, {length} bytes of data; {action}",
        "{kind} = {name}，{length} 字节数据；{action}",
    ),
];
