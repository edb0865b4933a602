//! Chinese for the meanings made precise in issue 14 (items 10-13): who an
//! ARP or NDP field names, impossible TCP flag sets, ephemeral ports, UTF-8
//! payloads, RFC diagrams of fields that span rows, and checksums by name.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // Ports: IANA's range and Linux's ephemeral range, both.
    ("{iana}; {linux}", "{iana}；{linux}"),
    (
        "inside this host's ephemeral range {low}-{high} (/proc/sys/net/ipv4/ip_local_port_range), where Linux picks a port for a socket that names none",
        "在本机的临时端口范围 {low}-{high} 之内（/proc/sys/net/ipv4/ip_local_port_range）：套接字未指定端口时，Linux 从这里选一个",
    ),
    (
        "outside this host's ephemeral range {low}-{high} (/proc/sys/net/ipv4/ip_local_port_range), so not a port Linux picked by itself",
        "在本机的临时端口范围 {low}-{high} 之外（/proc/sys/net/ipv4/ip_local_port_range），所以不是 Linux 自己选的端口",
    ),
    (
        "inside Linux's default ephemeral range {low}-{high}, where Linux picks a port for a socket that names none",
        "在 Linux 默认的临时端口范围 {low}-{high} 之内：套接字未指定端口时，Linux 从这里选一个",
    ),
    (
        "outside Linux's default ephemeral range {low}-{high}",
        "在 Linux 默认的临时端口范围 {low}-{high} 之外",
    ),
    // ARP, RARP and InARP: who the target fields name.
    (
        "2 = reply, gratuitous: {spa} is at {sha} (announced to everyone, nobody asked)",
        "2 = 响应，免费 ARP：{spa} 的 MAC 是 {sha}（主动告知所有主机，无人询问）",
    ),
    (
        "8 = InARP request (RFC 2390): which protocol address does {tha} have? tell {spa}",
        "8 = InARP 请求（RFC 2390）：{tha} 的协议地址是什么？请告诉 {spa}",
    ),
    (
        "9 = InARP reply (RFC 2390): {sha} has {spa}",
        "9 = InARP 响应（RFC 2390）：{sha} 的协议地址是 {spa}",
    ),
    (
        "nobody asked: a gratuitous ARP has no answer to carry here (zeros, broadcast or the sender's own MAC, as the implementation likes)",
        "无人询问：免费 ARP 在这里没有要回答的内容（全 0、广播地址或发送方自己的 MAC，由实现决定）",
    ),
    (
        "the sender's own IPv4 address again: a gratuitous ARP announces it, nobody asked",
        "又是发送方自己的 IPv4 地址：免费 ARP 主动告知它，无人询问",
    ),
    (
        "the IPv4 address given to the host that asked",
        "分配给发出询问的主机的 IPv4 地址",
    ),
    (
        "the MAC whose IPv4 address is asked for (usually the sender's own: a host without an address asks for one)",
        "要查询其 IPv4 地址的 MAC（通常是发送方自己的：没有地址的主机来要一个）",
    ),
    (
        "undefined in a RARP request: the address is the question",
        "RARP 请求中未定义：这个地址正是要问的",
    ),
    (
        "the MAC whose protocol address is asked for: InARP knows the hardware address and asks for the other",
        "要查询其协议地址的 MAC：InARP 已知硬件地址，询问的是另一个",
    ),
    (
        "the target's hardware address (the operation is one stackviz does not know)",
        "目标的硬件地址（stackviz 不认识这个操作）",
    ),
    (
        "the target's protocol address (the operation is one stackviz does not know)",
        "目标的协议地址（stackviz 不认识这个操作）",
    ),
    // Neighbor Discovery: the Target Link-Layer Address option.
    (
        "2 = {name}: the target's MAC is {mac}, announced without being asked (S=0: unsolicited, e.g. after the MAC changed), not an answer to any solicitation",
        "2 = {name}：目标的 MAC 是 {mac}，未经询问主动通告（S=0：非请求的，例如 MAC 改变之后），不是对任何请求的回答",
    ),
    (
        "2 = {name}: the MAC of the better first hop (the target) is {mac}",
        "2 = {name}：更好的第一跳（目标）的 MAC 是 {mac}",
    ),
    (
        "2 = {name}: the target's MAC is {mac} (RFC 4861 defines this option only for Neighbor Advertisements and Redirects)",
        "2 = {name}：目标的 MAC 是 {mac}（RFC 4861 只为邻居通告和重定向定义了这个选项）",
    ),
    // TCP flag sets no connection sends.
    (
        "invalid: SYN (open) and FIN (close) together never occur in a real connection; such segments come from port scans and probes",
        "无效：真实的连接中 SYN（建立）和 FIN（释放）从不同时出现；这样的报文段来自端口扫描和探测",
    ),
    (
        "invalid: SYN and RST together never occur in a real connection; such segments come from port scans and probes",
        "无效：真实的连接中 SYN 和 RST 从不同时出现；这样的报文段来自端口扫描和探测",
    ),
    (
        "invalid: a segment with no flags at all never occurs in a real connection (a null-scan probe)",
        "无效：真实的连接中从不出现没有任何标志的报文段（NULL 扫描探测）",
    ),
    (
        "invalid: FIN, PSH and URG without ACK never occur in a real connection (an Xmas-scan probe)",
        "无效：真实的连接中从不出现不带 ACK 的 FIN、PSH 和 URG（Xmas 扫描探测）",
    ),
    (
        "invalid: FIN without ACK never occurs in a real connection, where every segment after the first SYN carries ACK (a FIN-scan probe)",
        "无效：真实的连接中从不出现不带 ACK 的 FIN，第一个 SYN 之后的每个报文段都带 ACK（FIN 扫描探测）",
    ),
    // Payload text.
    (
        "{bytes} bytes of UTF-8 text: {chars} characters",
        "{bytes} 字节 UTF-8 文本：{chars} 个字符",
    ),
    (
        "{bytes} bytes of UTF-8 text: {chars} characters; control and invisible characters written as escapes (\\n, \\xNN)",
        "{bytes} 字节 UTF-8 文本：{chars} 个字符；控制字符和不可见字符写成转义（\\n、\\xNN）",
    ),
    (
        "{bytes} bytes, not valid UTF-8 text: bytes that are not text written as \\xNN",
        "{bytes} 字节，不是有效的 UTF-8 文本：不是文本的字节写成 \\xNN",
    ),
    // RFC diagrams: the bytes of a field that lie in one 32-bit row.
    ("byte {index}: {hex}", "第 {index} 字节：{hex}"),
    ("bytes {first}-{last}: {hex}", "第 {first}-{last} 字节：{hex}"),
    // Checks named by their field.
    ("checksum", "校验和"),
    ("{protocol} {name}: {verdict}", "{protocol} {name}：{verdict}"),
];
