//! Chinese for ICMP for IPv4 (src/dissect/icmp.rs, icmp_names.rs) and the
//! transport header quoted in ICMP and ICMPv6 errors (src/dissect/quote.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // Type names: the RFC name, then the textbook Chinese.
    ("Source Quench", "Source Quench（源点抑制）"),
    ("Timestamp", "Timestamp（时间戳请求）"),
    ("Timestamp Reply", "Timestamp Reply（时间戳应答）"),
    ("Information Request", "Information Request（信息请求）"),
    ("Information Reply", "Information Reply（信息应答）"),
    ("Address Mask Request", "Address Mask Request（地址掩码请求）"),
    ("Address Mask Reply", "Address Mask Reply（地址掩码应答）"),
    // Code names.
    (
        "Destination Network Unknown",
        "Destination Network Unknown（目的网络未知）",
    ),
    (
        "Destination Host Unknown",
        "Destination Host Unknown（目的主机未知）",
    ),
    ("Source Host Isolated", "Source Host Isolated（源主机被隔离）"),
    (
        "Communication with Destination Network is Administratively Prohibited",
        "Communication with Destination Network is Administratively Prohibited（管理上禁止与目的网络通信）",
    ),
    (
        "Communication with Destination Host is Administratively Prohibited",
        "Communication with Destination Host is Administratively Prohibited（管理上禁止与目的主机通信）",
    ),
    (
        "Destination Network Unreachable for Type of Service",
        "Destination Network Unreachable for Type of Service（对该服务类型目的网络不可达）",
    ),
    (
        "Destination Host Unreachable for Type of Service",
        "Destination Host Unreachable for Type of Service（对该服务类型目的主机不可达）",
    ),
    (
        "Communication Administratively Prohibited",
        "Communication Administratively Prohibited（通信被管理上禁止）",
    ),
    (
        "Host Precedence Violation",
        "Host Precedence Violation（主机优先级违规）",
    ),
    (
        "Precedence cutoff in effect",
        "Precedence cutoff in effect（优先级截止生效）",
    ),
    (
        "Redirect Datagram for the Network (or subnet)",
        "Redirect Datagram for the Network (or subnet)（对网络（或子网）重定向）",
    ),
    (
        "Redirect Datagram for the Host",
        "Redirect Datagram for the Host（对主机重定向）",
    ),
    (
        "Redirect Datagram for the Type of Service and Network",
        "Redirect Datagram for the Type of Service and Network（对服务类型和网络重定向）",
    ),
    (
        "Redirect Datagram for the Type of Service and Host",
        "Redirect Datagram for the Type of Service and Host（对服务类型和主机重定向）",
    ),
    (
        "Normal router advertisement",
        "Normal router advertisement（普通的路由器通告）",
    ),
    (
        "Does not route common traffic",
        "Does not route common traffic（不转发普通流量）",
    ),
    (
        "Pointer indicates the error",
        "Pointer indicates the error（指针指出出错位置）",
    ),
    (
        "Missing a Required Option",
        "Missing a Required Option（缺少必需的选项）",
    ),
    ("Bad Length", "Bad Length（长度错误）"),
    // The Type and Code rows.
    ("{name} ({rfc})", "{name}，见 {rfc}"),
    (
        "{name}: an error message quoting the datagram it is about",
        "{name}：ICMP 差错报告报文，引用了出错的那个 IP 数据报",
    ),
    (
        "{name}: an error message quoting the datagram it is about; deprecated (RFC 6633): hosts ignore it",
        "{name}：ICMP 差错报告报文，引用了出错的那个 IP 数据报；已废弃（RFC 6633）：主机忽略它",
    ),
    ("{name}: deprecated (RFC 6918)", "{name}：已废弃（RFC 6918）"),
    (
        "0: this type has no codes; 0 means nothing more",
        "0：这种类型没有代码；0 不表示任何额外含义",
    ),
    (
        "{code}: {name} defines no codes, it should be 0",
        "{code}：{name} 没有定义代码，应当为 0",
    ),
    (
        "{code}: not a code defined for {name}",
        "{code}：不是 {name} 定义的代码",
    ),
    (
        "code {code}: its meaning depends on the type",
        "代码 {code}：含义取决于类型",
    ),
    (
        "ICMP {name} needs {length} bytes, {available} left at offset {offset}",
        "ICMP {name} 需要 {length} 字节，偏移 {offset} 处只剩 {available} 字节",
    ),
    (
        "the IPv4 header says the message is {declared} bytes but only {available} are present: it was cut short",
        "IPv4 首部说明该报文有 {declared} 字节，但只有 {available} 字节：它被截短了",
    ),
    // Identifier and Sequence Number; echo data.
    (
        "chosen by the requester; the reply carries the request's, to match them",
        "由请求方选定；应答带回请求中的值，以便配对",
    ),
    ("echo data", "回显数据"),
    (
        "{length} bytes carried back unchanged from the request",
        "{length} 字节，从请求中原样带回",
    ),
    (
        "{present} of the {sent} bytes of echo data; the rest is cut off",
        "回显数据共 {sent} 字节，这里只有 {present} 字节；其余被截掉了",
    ),
    // Timestamp and Address Mask.
    ("when the requester sent the request", "请求方发出请求的时间"),
    (
        "when the replier received the request (0 in a request)",
        "应答方收到请求的时间（请求中为 0）",
    ),
    (
        "when the replier sent the reply (0 in a request)",
        "应答方发出应答的时间（请求中为 0）",
    ),
    ("{meaning}: {time}", "{meaning}：{time}"),
    (
        "{ms} ms after midnight UT = {clock} UT",
        "世界时午夜之后 {ms} 毫秒 = 世界时 {clock}",
    ),
    (
        "{ms} ms, more than a day: not a time of day",
        "{ms} 毫秒，超过一天：不是一天中的时刻",
    ),
    (
        "high bit set: a non-standard time, not milliseconds since midnight UT (RFC 792)",
        "最高位为 1：非标准时间，不是世界时午夜以来的毫秒数（RFC 792）",
    ),
    (
        "0 in a request: the reply fills in the subnet mask (RFC 950)",
        "请求中为 0：由应答填入子网掩码（RFC 950）",
    ),
    (
        "the subnet mask of the network (RFC 950): /{prefix}",
        "该网络的子网掩码（RFC 950）：/{prefix}",
    ),
    ("Extra bytes", "多余字节"),
    (
        "{length} bytes after the message's fixed part, which its RFC does not define",
        "报文固定部分之后的 {length} 字节，其 RFC 没有定义它们",
    ),
    // Destination Unreachable, Redirect, Parameter Problem.
    (
        "the next link takes packets of at most {mtu} bytes (RFC 1191): the sender must send smaller ones or clear DF",
        "下一段链路只接受最多 {mtu} 字节的分组（RFC 1191）：发送方必须发送更小的分组，或者清除 DF",
    ),
    (
        "0: the router predates RFC 1191 and did not say; the sender must guess a smaller size",
        "0：该路由器早于 RFC 1191，没有给出 MTU；发送方只能自己猜一个更小的长度",
    ),
    (
        "the router on the sender's network to use instead, for datagrams like the quoted one (RFC 792)",
        "发送方所在网络上应改用的路由器，用于发送像被引用的那个 IP 数据报一样的 IP 数据报（RFC 792）",
    ),
    (
        "byte {pointer} of the quoted IPv4 header is where the problem is: {field}",
        "问题出在被引用的 IPv4 首部的第 {pointer} 字节：{field}",
    ),
    (
        "{pointer}: only code 0 says the pointer marks the problem",
        "{pointer}：只有代码 0 表示指针指出了出错位置",
    ),
    ("byte {index} is in the options", "第 {index} 字节位于选项中"),
    (
        "beyond any IPv4 header (at most 60 bytes)",
        "超出了任何 IPv4 首部的范围（首部最多 60 字节）",
    ),
    // Router Advertisement.
    ("{count} router addresses follow", "后面有 {count} 个路由器地址"),
    (
        "{size} 32-bit words per address: a Router Address and a Preference Level (RFC 1256 says 2)",
        "每个地址项占 {size} 个 32 位字：一个 Router Address 和一个 Preference Level（RFC 1256 规定为 2）",
    ),
    (
        "the addresses may be used as routers for {lifetime} seconds (RFC 1256's default is 1800)",
        "这些地址在 {lifetime} 秒内可用作路由器（RFC 1256 的默认值为 1800）",
    ),
    (
        "entry {n} of {count}: an address of the advertising router",
        "第 {n} 项（共 {count} 项）：发出通告的路由器的一个地址",
    ),
    (
        "entry {n}: 0x80000000, the lowest: never use this address as a default router",
        "第 {n} 项：0x80000000，最低：永远不要把这个地址用作默认路由器",
    ),
    (
        "entry {n}: signed; hosts prefer the highest as their default router",
        "第 {n} 项：有符号数；主机优先选值最大的作为默认路由器",
    ),
    (
        "Router Advertisement Addr Entry Size {size} is below 2 (an address and a preference level), at offset {offset}",
        "路由器通告的 Addr Entry Size 为 {size}，小于 2（一个地址加一个优先级），位于偏移 {offset}",
    ),
    (
        "Router Advertisement says {count} addresses, but entry {n} does not fit, at offset {offset}",
        "路由器通告声明有 {count} 个地址，但第 {n} 项放不下，位于偏移 {offset}",
    ),
    // The quoted datagram and its transport header.
    ("quoted datagram", "引用的 IP 数据报"),
    (
        "the capture cut the quote short: {bytes} bytes of it are here, too few to dissect",
        "抓包把引用部分截短了：这里只有其中 {bytes} 字节，不足以解析",
    ),
    (
        "the header of the datagram that made the router send the redirect (it still forwarded that datagram), sent back so the sender can match it",
        "促使路由器发出重定向的那个用户数据报的首部（路由器仍然转发了该用户数据报），被送回给发送方，以便它认出是哪个用户数据报",
    ),
    (
        "the header of the datagram that made the receiver ask the sender to slow down, sent back so the sender can match it",
        "促使接收方要求发送方放慢速度的那个用户数据报的首部，被送回给发送方，以便它认出是哪个用户数据报",
    ),
    (
        "total length says {total} bytes, the quote holds {held}: an ICMP error quotes only the start of a datagram",
        "总长度为 {total} 字节，引用中只有 {held} 字节：ICMP 差错报告报文只引用 IP 数据报的开头",
    ),
    (
        "only the first {quoted} bytes of the TCP header were quoted (RFC 792 promises 8): the rest of the header is not here",
        "只引用了 TCP 首部的前 {quoted} 字节（RFC 792 只保证 8 字节）：首部其余部分不在这里",
    ),
    (
        "the failed segment's sequence number: with the ports it tells the kernel which segment failed",
        "出错报文段的序号：它和端口一起告诉内核是哪个报文段出错",
    ),
    (
        "the failed segment's acknowledgment number",
        "出错报文段的确认号",
    ),
    ("Rest of header (quoted)", "首部其余部分（引用）"),
    (
        "{count} more bytes of the TCP header, not dissected: the quote ends before the header does",
        "TCP 首部还有 {count} 字节，不解析：引用在首部结束之前就结束了",
    ),
];
