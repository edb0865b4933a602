//! Chinese for running a command: the socket exchange, capture, comparison, notes, errors and hints (src/send.rs, recv.rs, decode.rs, input.rs, compare.rs, teaching.rs, error.rs, output.rs, src/net/, src/commands/).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // src/commands/decode.rs
    (
        "stopped by Ctrl-C after {frames} frames read; the rest of the input was not read",
        "按下 Ctrl-C 后停止：已读 {frames} 帧，其余输入未读",
    ),
    // src/send.rs
    (
        "run as root (sudo), or allow it once: sudo setcap cap_net_raw+ep \"$(command -v stackviz)\"",
        "以 root 身份运行（sudo），或一次性授权：sudo setcap cap_net_raw+ep \"$(command -v stackviz)\"",
    ),
    ("use --capture off to silence this note", "用 --capture off 关闭这条提示"),
    ("no capture: {error}", "未抓包：{error}"),
    ("no capture: no interface holds {src}", "未抓包：没有接口拥有地址 {src}"),
    ("--ttl, set on the socket with setsockopt(IP_TTL)", "--ttl，用 setsockopt(IP_TTL) 设置在套接字上"),
    (
        "--ttl, set on the socket with setsockopt(IPV6_UNICAST_HOPS)",
        "--ttl，用 setsockopt(IPV6_UNICAST_HOPS) 设置在套接字上",
    ),
    (
        "learned during this send (ARP or neighbour discovery): {hop} was not in the neighbour table before sendto(), it was after; {route}",
        "在本次发送中学到（ARP 或邻居发现）：sendto() 之前 {hop} 不在邻居表中，之后在了；{route}",
    ),
    (
        "--dont-fragment with --mtu {m}: the {packet_len}-byte packet may not be cut, so a router on a link with MTU {m} would drop it and answer ICMP \"Fragmentation Needed\" (type 3, code 4, with the MTU); the sender would then send smaller datagrams",
        "--dont-fragment 加 --mtu {m}：这个 {packet_len} 字节的分组不许分片，所以 MTU 为 {m} 的链路上的路由器会丢弃它，并回送 ICMP“需要分片”报文（Fragmentation Needed，类型 3，代码 4，附带该 MTU）；发送方随后会改发更小的分组",
    ),
    ("--mtu: a link with this MTU, for the lesson", "--mtu：为教学而假设的一条具有此 MTU 的链路"),
    (
        "/sys/class/net/{interface}/mtu of the outgoing interface",
        "出接口的 /sys/class/net/{interface}/mtu",
    ),
    ("captured on {interface} (pnet)", "在 {interface} 上抓到（pnet）"),
    (
        "loopback (lo) never puts bits on a wire and adds no padding or FCS: the data-link and physical layers show what Ethernet would carry for this datagram",
        "环回接口（lo）从不把比特送上线路，也不加填充和 FCS：数据链路层和物理层展示的是用以太网承载它时的样子",
    ),
    (
        "0 assumed; net.ipv6.auto_flowlabels = {value}: the kernel picks its own label from a hash of the flow",
        "假定为 0；net.ipv6.auto_flowlabels = {value}：内核会根据流的哈希自行选择流标签",
    ),
    (
        "0: net.ipv6.auto_flowlabels = 0, the kernel leaves it unset",
        "0：net.ipv6.auto_flowlabels = 0，内核不设置它",
    ),
    ("0 assumed; the kernel may pick its own label", "假定为 0；内核可能自行选择流标签"),
    ("the address given to sendto(): {destination}", "传给 sendto() 的地址：{destination}"),
    ("recvfrom() returned these {length} bytes", "recvfrom() 返回的这 {length} 字节"),
    ("recvfrom() returned this 1 byte", "recvfrom() 返回的这 1 字节"),
    ("the {payload_len} bytes given to sendto()", "传给 sendto() 的 {payload_len} 字节"),
    ("the 1 byte given to sendto()", "传给 sendto() 的 1 字节"),
    (
        "0: Linux sends ID 0 from an unconnected socket with IP_PMTUDISC_DO",
        "0：未连接的套接字设置了 IP_PMTUDISC_DO 时，Linux 发送的标识为 0",
    ),
    ("0 assumed; the kernel picks its own value for this socket", "假定为 0；内核会为这个套接字自行选值"),
    ("IEEE EtherType registry", "IEEE EtherType 注册表"),
    ("IEEE 802.3 minimum frame size: 64 bytes with FCS", "IEEE 802.3 最小帧长：含 FCS 共 64 字节"),
    (
        "CRC-32 computed by stackviz (crc32fast); on a real link the network card computes it",
        "由 stackviz 计算的 CRC-32（crc32fast）；在真实链路上由网卡计算",
    ),
    ("the kernel adds no IPv4 options to UDP by default", "内核默认不给 UDP 加 IPv4 选项"),
    ("socket default: no IP_TOS set", "套接字默认值：未设置 IP_TOS"),
    ("socket default: UDP does not use ECN", "套接字默认值：UDP 不使用 ECN"),
    ("computed by etherparse: 20 + UDP length", "由 etherparse 计算：20 + UDP 长度"),
    ("RFC 791: always 0", "RFC 791：恒为 0"),
    ("IP_PMTUDISC_DO makes the kernel set DF", "IP_PMTUDISC_DO 使内核置 DF 位"),
    (
        "no IP_PMTUDISC_DO: the packet is bigger than the interface MTU, so the kernel fragments it and DF stays clear",
        "未设置 IP_PMTUDISC_DO：分组大于接口 MTU，内核会将其分片，DF 保持为 0",
    ),
    (
        "the datagram as a whole: MF 0 (fragments, when the MTU needs them, are shown apart)",
        "按整个 IP 数据报计：MF 为 0（需要分片时，各分片另行展示）",
    ),
    ("the datagram as a whole starts at offset 0", "整个 IP 数据报从偏移 0 开始"),
    ("17 = UDP, because the socket is SOCK_DGRAM", "17 = UDP，因为套接字是 SOCK_DGRAM"),
    ("computed by etherparse, checked by stackviz below", "由 etherparse 计算，stackviz 在下方验证"),
    ("socket default: no IPV6_TCLASS set", "套接字默认值：未设置 IPV6_TCLASS"),
    (
        "computed by etherparse: the UDP length (no extension headers)",
        "由 etherparse 计算：即 UDP 长度（无扩展首部）",
    ),
    ("computed by etherparse: 8 + payload length", "由 etherparse 计算：8 + 载荷长度"),
    (
        "built by stackviz: what Ethernet would carry for this datagram",
        "由 stackviz 构造：以太网承载这个分组时的帧",
    ),
    (
        "captured on {interface}: our datagram as the kernel sent it",
        "在 {interface} 上抓到：内核发出的我们这个用户数据报",
    ),
    (
        "captured on {interface}: ICMP error as the kernel sent it",
        "在 {interface} 上抓到：内核发出的 ICMP 差错报文",
    ),
    ("The frame stackviz built ({length} bytes, FCS included)", "stackviz 构造的帧（{length} 字节，含 FCS）"),
    ("The frame the kernel sent, captured on {interface}", "内核发出的帧，在 {interface} 上抓到"),
    ("ARP: how the destination MAC was learned", "ARP：目的 MAC 是怎样学到的"),
    ("What came back: the kernel's ICMP message", "返回的内容：内核的 ICMP 报文"),
    (
        "stackviz send: {source} → {destination}, {size} of data",
        "stackviz send：{source} → {destination}，{size}数据",
    ),
    // src/recv.rs
    (
        "no capture: {error}; frames are not shown, only what recvfrom() returns",
        "未抓包：{error}；不显示帧，只显示 recvfrom() 返回的内容",
    ),
    // src/decode.rs
    (
        "pcap link type {link_type} is not dissected by stackviz: the bytes are shown as they are",
        "stackviz 不解析 pcap 链路类型 {link_type}：这些字节按原样显示",
    ),
    (
        "record {record} is cut short, or claims more bytes than the file holds (no memory is reserved for a claimed length)",
        "第 {record} 条记录被截断，或声称的字节数超出文件所含（不会按声称的长度预留内存）",
    ),
    ("record {record} is cut short", "第 {record} 条记录被截断"),
    ("record {record}: {problem}", "第 {record} 条记录：{problem}"),
    ("standard input", "标准输入"),
    ("the hex input", "十六进制输入"),
    (
        "frame {number} names interface {interface}, which was never described",
        "第 {number} 帧指向接口 {interface}，但该接口从未被描述过",
    ),
    ("`port` needs a number, e.g. port 53", "`port` 后面要跟一个数字，例如 port 53"),
    ("{word} is not a port (0-65535)", "{word} 不是端口号（0-65535）"),
    ("`host` needs an address, e.g. host 10.0.0.1", "`host` 后面要跟一个地址，例如 host 10.0.0.1"),
    ("{word} is not an IP address", "{word} 不是 IP 地址"),
    (
        "cannot read {word}: use protocol names, `port N` and `host ADDR`",
        "无法理解 {word}：请使用协议名、`port N` 和 `host ADDR`",
    ),
    (
        "an empty filter: try udp, tcp, arp, icmp, ipv6, `port 53` or `host 10.0.0.1`",
        "过滤条件为空：试试 udp、tcp、arp、icmp、ipv6、`port 53` 或 `host 10.0.0.1`",
    ),
    // src/input.rs
    ("{found} at position {position} is not a hex digit", "第 {position} 个字符 {found} 不是十六进制数字"),
    (
        "odd number of hex digits ({digits}): every byte needs two",
        "十六进制数字的个数是奇数（{digits}）：每个字节需要两个",
    ),
    ("no hex digits given", "没有给出十六进制数字"),
    // src/compare.rs
    ("bytes after the packet in the captured frame", "抓到的帧在分组之后还有字节"),
    ("loopback has no Ethernet: no FCS is ever computed", "环回接口不是以太网，从不计算 FCS"),
    (
        "the network card appends the FCS after the capture point, so captures hold none",
        "网卡在抓包点之后才附加 FCS，所以抓到的帧里没有 FCS",
    ),
    (
        "loopback does not pad short frames: no minimum size without a real Ethernet",
        "环回接口不填充短帧：没有真实的以太网，也就没有最短帧长的限制",
    ),
    ("the network card pads short frames after the capture point", "网卡在抓包点之后才填充短帧"),
    (
        "the kernel chose the fragment identification (a random-based counter); stackviz predicted 0",
        "分片标识由内核选定（基于随机数的计数器）；stackviz 预测为 0",
    ),
    (
        "the kernel chose the flow label (net.ipv6.auto_flowlabels: a hash of addresses and ports)",
        "流标签由内核选定（net.ipv6.auto_flowlabels：地址和端口的哈希）",
    ),
    (
        "the kernel chose the identification (per-destination counter); stackviz predicted 0",
        "标识由内核选定（按目的地址计数的计数器）；stackviz 预测为 0",
    ),
    (
        "follows from the different identification; the captured header's own checksum is correct",
        "由标识不同引起；抓到的首部自身的校验和是正确的",
    ),
    (
        "checksum offload: 0x{hex} is the folded pseudo-header sum the kernel leaves for the card to finish; on lo nothing finishes it and the receiver trusts it",
        "校验和卸载：0x{hex} 是回卷进位后的伪首部之和，内核把其余部分留给网卡完成；在 lo 上没有谁去完成它，接收方照样信任它",
    ),
    (
        "checksum offload: 0x{hex} is the folded pseudo-header sum; the network card writes the real checksum after the capture point",
        "校验和卸载：0x{hex} 是回卷进位后的伪首部之和；网卡在抓包点之后才写入真正的校验和",
    ),
    (
        "stackviz did not know the next hop's MAC before sending; the kernel learned it (ARP for IPv4, neighbour discovery for IPv6)",
        "stackviz 在发送前不知道下一跳的 MAC；内核学到了它（IPv4 用 ARP，IPv6 用邻居发现）",
    ),
    // src/teaching.rs
    (
        "the program's own data and protocol (your \"Hello!!\", DNS, HTTP)",
        "程序自己的数据和协议（你的“Hello!!”、DNS、HTTP）",
    ),
    ("none added by the stack: the data itself", "协议栈不加首部：就是数据本身"),
    ("none of its own (names and URLs are the program's business)", "没有自己的地址（名字和 URL 由程序自己处理）"),
    ("your program (user space)", "你的程序（用户空间）"),
    ("send step 1; recv \"data\"", "send 第 1 步；recv “数据”"),
    ("7 Application", "7 应用层"),
    ("6 Presentation", "6 表示层"),
    ("5 Session", "5 会话层"),
    ("from one program to another on two hosts: ports pick the socket", "在两台主机的程序之间传送：由端口找到套接字"),
    ("datagram (UDP), segment (TCP)", "用户数据报（UDP）、报文段（TCP）"),
    (
        "UDP: 8 bytes (ports, length, checksum); TCP: 20-60 bytes",
        "UDP：8 字节（端口、长度、校验和）；TCP：20-60 字节",
    ),
    ("port, 0-65535 (0 in bind() = let the OS choose)", "端口，0-65535（bind() 中的 0 = 由操作系统选择）"),
    (
        "the kernel, reached through the socket API (socket, bind, sendto, recvfrom)",
        "内核，通过套接字 API 使用（socket、bind、sendto、recvfrom）",
    ),
    ("send step 2; recv \"Up 3\"; decode", "send 第 2 步；recv “向上 3”；decode"),
    ("4 Transport", "4 传输层"),
    ("from host to host across networks: routing, TTL, fragments", "跨越网络从主机到主机：路由、TTL、分片"),
    ("IPv4: 20-60 bytes; IPv6: 40 bytes plus extension headers", "IPv4：20-60 字节；IPv6：40 字节加扩展首部"),
    ("IP address: end to end, the same on every hop", "IP 地址：端到端，每一跳都不变"),
    ("the kernel (routing table, neighbour table)", "内核（路由表、邻居表）"),
    ("send step 3; send --mtu; send -6", "send 第 3 步；send --mtu；send -6"),
    ("3 Network", "3 网络层"),
    ("from one interface to the next on one link", "在一条链路上从一个接口到下一个接口"),
    (
        "Ethernet II: 14-byte header, padding to 60 bytes, 4-byte FCS trailer",
        "Ethernet II：14 字节首部，填充到 60 字节，4 字节 FCS 尾部",
    ),
    ("MAC address (48 bits): hop by hop, rewritten by every router", "MAC 地址（48 位）：逐跳使用，每个路由器都会改写"),
    ("the kernel's driver and the network card", "内核的驱动程序和网卡"),
    ("send step 4; two hosts (scripts/netns-lab.sh)", "send 第 4 步；两台主机（scripts/netns-lab.sh）"),
    ("2 Data link", "2 数据链路层"),
    ("bits as signals on the medium", "把比特变成传输媒体上的信号"),
    (
        "7-byte preamble and 1-byte SFD before the frame, 12-byte gap after",
        "帧前有 7 字节前导码和 1 字节帧起始定界符，帧后有 12 字节间隙",
    ),
    ("none", "无"),
    ("the network card and the cable or radio", "网卡以及电缆或无线电"),
    ("send step 5", "send 第 5 步"),
    ("1 Physical", "1 物理层"),
    // src/error.rs
    (
        "the payload is {length} bytes; a UDP datagram carries at most 65507 over IPv4 (65527 over IPv6)",
        "载荷为 {length} 字节；一个 UDP 用户数据报在 IPv4 上最多携带 65507 字节（IPv6 上为 65527 字节）",
    ),
    ("cannot read {path}: {source}", "无法读取 {path}：{source}"),
    ("the message is empty: there is nothing to send", "报文为空：没有可发送的内容"),
    ("standard input is empty: there is nothing to send", "标准输入为空：没有可发送的内容"),
    ("{path} is empty: there is nothing to send", "{path} 为空：没有可发送的内容"),
    ("cannot read standard input: {source}", "无法读取标准输入：{source}"),
    (
        "{addr} is already in use (another socket is bound to port {port})",
        "{addr} 已被占用（另一个套接字已绑定端口 {port}）",
    ),
    ("cannot bind {addr}: {source}", "无法绑定 {addr}：{source}"),
    ("no route to {addr}: {source}", "没有到 {addr} 的路由：{source}"),
    ("{call} failed: {source}", "{call} 失败：{source}"),
    ("no datagram arrived at {addr} within {seconds} s", "{seconds} 秒内没有用户数据报到达 {addr}"),
    (
        "MTU {mtu} is below the minimum of {minimum} for this IP version",
        "MTU {mtu} 低于该 IP 版本的最小值 {minimum}",
    ),
    (
        "the source and destination addresses are of different families (IPv4 and IPv6)",
        "源地址和目的地址属于不同的地址族（IPv4 和 IPv6）",
    ),
    ("cannot write the output: {source}", "无法写出输出：{source}"),
    ("{what}: {problem}", "{what}：{problem}"),
    ("{path} is neither a pcap/pcapng file nor hex text", "{path} 既不是 pcap/pcapng 文件，也不是十六进制文本"),
    ("{path} already exists", "{path} 已存在"),
    ("cannot write {path}: {source}", "无法写入 {path}：{source}"),
    (
        "65535 (IPv4 total length) - 20 (IPv4 header) - 8 (UDP header) = 65507; send less",
        "65535（IPv4 总长度）- 20（IPv4 首部）- 8（UDP 首部）= 65507；请少发一些",
    ),
    ("check the path and its permissions", "检查路径及其权限"),
    ("give a message, e.g. stackviz send \"Hello!!\"", "给出要发送的报文，例如 stackviz send \"Hello!!\""),
    (
        "bind to an address this host has (127.0.0.1, or see `ip addr`)",
        "绑定到本机拥有的地址（127.0.0.1，或查看 `ip addr`）",
    ),
    (
        "check the address and `ip route`; try --to 127.0.0.1:15001",
        "检查地址和 `ip route`；试试 --to 127.0.0.1:15001",
    ),
    (
        "is the receiver running and reachable? raise the wait with --timeout SECONDS",
        "接收方在运行并且可达吗？用 --timeout SECONDS 延长等待时间",
    ),
    ("use --capture off to run without capturing", "用 --capture off 在不抓包的情况下运行"),
    (
        "give hex bytes such as \"45 00 00 1c\", a .pcap/.pcapng file, or - for standard input",
        "给出十六进制字节（如 \"45 00 00 1c\"）、.pcap/.pcapng 文件，或用 - 表示标准输入",
    ),
    ("give a .pcap or .pcapng file, or hex text", "给出 .pcap 或 .pcapng 文件，或十六进制文本"),
    (
        "frames read before the problem were shown; the file itself is damaged or cut short",
        "出问题之前读到的帧已经显示；文件本身已损坏或被截断",
    ),
    (
        "IPv4 needs at least 68 (RFC 791), IPv6 at least 1280 (RFC 8200)",
        "IPv4 至少需要 68（RFC 791），IPv6 至少需要 1280（RFC 8200）",
    ),
    ("add --force to overwrite it, or choose another name", "加上 --force 覆盖它，或换一个名字"),
    // src/net/exchange.rs
    ("the receiver's socket", "接收方的套接字"),
    (
        "port 0 = let the OS choose: getsockname() says {bound}",
        "端口 0 = 由操作系统选择：getsockname() 给出 {bound}",
    ),
    (
        "the port now belongs to this socket; datagrams for it are queued here",
        "该端口现在属于这个套接字；发往它的用户数据报在这里排队",
    ),
    ("(no receiver) bind(fd, {addr}); close(fd)", "（无接收方）bind(fd, {addr}); close(fd)"),
    ("0, 0: {free} is free", "0, 0：{free} 空闲"),
    (
        "stackviz checked that nobody is bound to this port: the kernel will have no socket to give the datagram to",
        "stackviz 已确认没有套接字绑定这个端口：内核将找不到可以交付用户数据报的套接字",
    ),
    ("an ordinary UDP socket; stackviz never writes raw frames", "普通的 UDP 套接字；stackviz 从不写原始帧"),
    (
        "no local fragmenting: a datagram bigger than the path MTU is refused (IPv6 routers never fragment)",
        "本机不分片：大于路径 MTU 的 IP 数据报会被拒绝（IPv6 路由器从不分片）",
    ),
    (
        "DF set and no local fragmenting: Linux then sends IPv4 identification 0, so the prediction below can be exact",
        "置 DF 位且本机不分片：此时 Linux 发送的 IPv4 标识为 0，因此下面的预测可以做到精确",
    ),
    (
        "without it an unconnected socket is never told about ICMP errors",
        "不设置它，未连接的套接字永远得不到 ICMP 差错通知",
    ),
    (
        "--ttl: this socket's packets start with this TTL (hop limit in IPv6)",
        "--ttl：这个套接字发出的分组以此 TTL 起始（IPv6 中为跳数限制）",
    ),
    (
        "--from: the sender chose its address; port 0 lets the OS pick the port",
        "--from：发送方选定了自己的地址；端口 0 让操作系统挑选端口",
    ),
    ("--from: the sender chose its own address and port", "--from：发送方选定了自己的地址和端口"),
    ("{sent} (bytes sent)", "{sent}（已发送字节数）"),
    ("the kernel adds the UDP, IPv4 and link headers", "内核加上 UDP、IPv4 和链路层首部"),
    ("the kernel adds the UDP, IPv6 and link headers", "内核加上 UDP、IPv6 和链路层首部"),
    ("the port given with --from", "--from 给出的端口"),
    (
        "bind() with port 0: the OS chose port {port} (ephemeral)",
        "bind() 用了端口 0：操作系统选了端口 {port}（临时端口）",
    ),
    (
        "no bind() before sendto(): the OS chose port {port} (ephemeral)",
        "sendto() 之前没有 bind()：操作系统选了端口 {port}（临时端口）",
    ),
    ("{n} (bytes) {data} from {from}", "{n}（字节）{data}，来自 {from}"),
    (
        "the receiver learns the sender's address and port from the packet's headers",
        "接收方从 IP 首部得知发送方的地址，从 UDP 首部得知发送方的端口",
    ),
    ("recvfrom() on the receiver reported {from}", "接收方的 recvfrom() 报告为 {from}"),
    (
        "route lookup (connect() on a probe socket) chose {route_source}; getsockname() gave the port",
        "路由查找（在探测套接字上调用 connect()）选定了 {route_source}；端口由 getsockname() 给出",
    ),
    (
        "DF is set and the {length}-byte IPv4 packet is bigger than the route's MTU: the kernel refuses rather than fragment; nothing was sent",
        "已置 DF 位，而这个 {length} 字节的 IPv4 分组大于路由的 MTU：内核宁可拒绝也不分片；什么也没有发出",
    ),
    (
        "route lookup (connect() on a probe socket) chose {route_source}",
        "路由查找（在探测套接字上调用 connect()）选定了 {route_source}",
    ),
    ("the receiver answered", "接收方作了回复"),
    ("-1 EAGAIN after {ms} ms", "-1 EAGAIN（等待 {ms} ms 后）"),
    (
        "no error and no answer: UDP never tells the sender whether anyone received the datagram",
        "没有差错报告，也没有回复：UDP 从不告诉发送方是否有人收到了用户数据报",
    ),
    (
        "the kernel got an ICMP error about our datagram and reports it on the next call: the data was dropped",
        "内核收到了关于我们这个用户数据报的 ICMP 差错报文，在下一次调用时报告：数据已被丢弃",
    ),
    // src/net/netlink.rs
    ("the kernel sent no route", "内核没有返回路由"),
    // src/net/host.rs
    ("{path} (the kernel's default for new sockets)", "{path}（内核给新套接字的默认值）"),
    ("Linux's usual default; {path} could not be read", "Linux 的通常默认值；无法读取 {path}"),
    ("{path} (the kernel's default hop limit)", "{path}（内核的默认跳数限制）"),
    (
        "on-link: {dst} is inside {network} on {interface}",
        "直连：{dst} 位于 {interface} 上的 {network} 之内",
    ),
    (
        "default route via {gateway} on {interface} (/proc/net/route)",
        "默认路由，经 {interface} 上的 {gateway}（/proc/net/route）",
    ),
    ("no gateway found for {dst}; assumed on-link", "没有找到通往 {dst} 的网关；假定为直连"),
    ("the kernel's route (RTM_GETROUTE): via {gw}", "内核的路由（RTM_GETROUTE）：经由 {gw}"),
    ("the kernel's route (RTM_GETROUTE): {dst} is on-link", "内核的路由（RTM_GETROUTE）：{dst} 是直连的"),
    ("no route lookup possible; assumed on-link", "无法查找路由；假定为直连"),
    ("the kernel's neighbour table (RTM_GETNEIGH)", "内核的邻居表（RTM_GETNEIGH）"),
    ("no neighbour table readable", "没有可读的邻居表"),
    ("no interface holds {src}; shown as zeros", "没有接口拥有 {src}；显示为全 0"),
    ("unknown; shown as zeros", "未知；显示为全 0"),
    ("{interface} is the loopback interface: Linux writes zeros", "{interface} 是环回接口：Linux 写入全 0"),
    ("hardware address of {interface} ({mac})", "{interface} 的硬件地址（{mac}）"),
    ("{table} entry for next hop {hop}; {route}", "{table} 中下一跳 {hop} 的表项；{route}"),
    (
        "unknown: next hop {hop} is not in the neighbour table yet, the kernel will ask with ARP first; zeros shown",
        "未知：下一跳 {hop} 尚不在邻居表中，内核会先用 ARP 询问；显示为全 0",
    ),
    (
        "unknown: next hop {hop} is not in the neighbour table yet, the kernel will ask with neighbour discovery first; zeros shown",
        "未知：下一跳 {hop} 尚不在邻居表中，内核会先用邻居发现询问；显示为全 0",
    ),
    // src/net/sockopt.rs
    ("unexpected address family {family}", "意外的地址族 {family}"),
    // src/net/capture.rs
    (
        "capturing on {interface} needs root or CAP_NET_RAW",
        "在 {interface} 上抓包需要 root 或 CAP_NET_RAW",
    ),
    ("no interface named {name}", "没有名为 {name} 的接口"),
    ("cannot capture on {interface}: {source}", "无法在 {interface} 上抓包：{source}"),
    ("pnet returned a channel that is not Ethernet", "pnet 返回的通道不是以太网"),
    ("all interfaces", "所有接口"),
    // src/net/receiver.rs
    (
        "from now on datagrams for port {port} are queued for this socket (an unspecified address = every address of this host); before this they were dropped",
        "从现在起，发往端口 {port} 的用户数据报在这个套接字排队（未指定地址 = 本机的每个地址）；在此之前它们会被丢弃",
    ),
    (
        "from now on datagrams for port {port} are queued for this socket; before this they were dropped",
        "从现在起，发往端口 {port} 的用户数据报在这个套接字排队；在此之前它们会被丢弃",
    ),
    ("{length} (bytes waiting)", "{length}（等待中的字节数）"),
    (
        "stackviz peeks first so it can show what a small buffer loses; the datagram stays queued",
        "stackviz 先用 MSG_PEEK 预读，以便展示小缓冲区会丢掉什么；用户数据报仍留在队列中",
    ),
    (
        "{real} from {from}; {copied} bytes in buf: {data}",
        "{real}，来自 {from}；buf 中有 {copied} 字节：{data}",
    ),
    (
        "the buffer holds {buffer} bytes: {lost} bytes of this datagram are lost for good; a plain recvfrom() would return {copied} and say nothing",
        "缓冲区只能容纳 {buffer} 字节：这个用户数据报有 {lost} 字节永久丢失；普通的 recvfrom() 会返回 {copied}，且不作任何提示",
    ),
    ("the whole datagram fitted the buffer", "整个用户数据报都放进了缓冲区"),
    // src/commands/decode.rs
    ("Frame {number}", "第 {number} 帧"),
    ("{shown} frames matched; the report holds the first {kept}", "{shown} 帧匹配；报告只收录前 {kept} 帧"),
    ("stackviz decode: {count} frame", "stackviz decode：{count} 帧"),
    ("stackviz decode: {count} frames", "stackviz decode：{count} 帧"),
    // src/commands/recv.rs
    (
        "Datagram {number}: {length} bytes from {from}, as it arrived",
        "第 {number} 个用户数据报：来自 {from} 的 {length} 字节，保持到达时的样子",
    ),
    ("stackviz recv on {bound}: {count} datagrams", "stackviz recv 于 {bound}：{count} 个用户数据报"),
    // src/commands/send.rs
    (
        "-- press Enter for the next layer ({step} of {total}) --",
        "-- 按回车键查看下一层（第 {step}/{total} 步）--",
    ),
];
