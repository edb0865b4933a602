//! Chinese for `--help`: every about and help text of the command line
//! (src/cli.rs, read at run time by src/i18n/help.rs), and clap's headings.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // clap's section headings, replaced in Chinese.
    ("Usage: ", "用法："),
    ("Arguments", "参数"),
    ("Options", "选项"),
    ("Commands", "命令"),
    // clap's own flags and `help` command.
    ("Print help", "显示帮助"),
    ("Print help (see a summary with '-h')", "显示帮助（用 -h 看摘要）"),
    ("Print help (see more with '--help')", "显示帮助（用 --help 看更多）"),
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本帮助，或指定命令的帮助",
    ),
    ("Print version", "显示版本"),
    // stackviz and its commands.
    (
        "Make TCP/IP encapsulation visible: one real UDP datagram, layer by layer",
        "让 TCP/IP 封装看得见：一个真实的 UDP 用户数据报，逐层展开",
    ),
    (
        "Make TCP/IP encapsulation visible and provable.\n\n`stackviz send` sends one real UDP datagram through an ordinary socket and shows the same datagram built layer by layer: payload, UDP, IPv4, Ethernet II, physical.",
        "让 TCP/IP 封装看得见、可验证。\n\n`stackviz send` 通过普通套接字发送一个真实的 UDP 用户数据报，并逐层展示这个用户数据报是怎样一层层封装起来的：载荷、UDP、IPv4、Ethernet II、物理层。",
    ),
    (
        "Send one real UDP datagram and show it encapsulated, layer by layer",
        "发送一个真实的 UDP 用户数据报，逐层展示它的封装过程",
    ),
    (
        "Be the receiver: bind, wait for datagrams, show each one decapsulated",
        "作为接收方运行：绑定端口，等候 UDP 用户数据报，逐个展示它的解封装过程",
    ),
    (
        "Explain any frame: hex text, \"-\" for standard input, or a pcap/pcapng file",
        "解析任意帧：十六进制文本、\"-\"（标准输入）或 pcap/pcapng 文件",
    ),
    (
        "The five-layer model in one table: PDU, header, address, where it lives",
        "一张表看五层模型：PDU、首部、地址、在哪里实现",
    ),
    // Output options (every command).
    (
        "Output format: tables for people, JSON for programs (docs/json.md)",
        "输出格式：表格给人看，JSON 给程序用（docs/json.md）",
    ),
    (
        "Colour: auto (only on a terminal, never with NO_COLOR set), always, never",
        "颜色：auto（仅在终端上，且未设置 NO_COLOR）、always、never",
    ),
    (
        "Table width in columns (default: the terminal's width, else 100)",
        "表格宽度，单位为列（默认：终端宽度，否则 100）",
    ),
    (
        "Draw each header as an RFC-style diagram (32-bit rows, bit ruler)",
        "把每个首部画成 RFC 风格的图（每行 32 位，带位标尺）",
    ),
    (
        "Language of headings, meanings, notes, hints and errors (default: from LC_ALL, LC_MESSAGES or LANG; zh* means Chinese). Field names stay as the RFCs name them",
        "标题、含义、注释、提示和错误信息的语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG；zh* 表示中文）。字段名保持 RFC 中的名称",
    ),
    // send
    (
        "The message to send (\"-\" reads standard input). Default: \"Hello!!\"",
        "要发送的报文（\"-\" 表示读标准输入），默认为 \"Hello!!\"",
    ),
    (
        "The payload as hex bytes, e.g. 48656c6c6f (spaces, colons and 0x allowed)",
        "以十六进制字节给出载荷，例如 48656c6c6f（可以带空格、冒号和 0x）",
    ),
    (
        "Read the payload from a file (\"-\" for standard input)",
        "从文件读取载荷（\"-\" 表示标准输入）",
    ),
    (
        "Use IPv6: the embedded receiver listens on [::1] (AF_INET6)",
        "使用 IPv6：内置接收方在 [::1] 上监听（AF_INET6）",
    ),
    (
        "Port of the embedded receiver on 127.0.0.1 (0 = let the OS choose)",
        "内置接收方在 127.0.0.1 上的端口（0 = 由操作系统选择）",
    ),
    (
        "Send to a receiver that runs elsewhere, HOST:PORT (no embedded receiver). IPv6 in brackets: [::1]:15001",
        "发给在别处运行的接收方，写成 主机:端口（不启动内置接收方）。IPv6 地址写在方括号里：[::1]:15001",
    ),
    (
        "Bind the sender to ADDR:PORT first (port 0 = let the OS choose)",
        "先把发送方绑定到 地址:端口（端口 0 = 由操作系统选择）",
    ),
    (
        "Time to live for the sender's packets (default: the kernel's)",
        "发送方分组的 TTL（默认：内核的默认值）",
    ),
    (
        "Seconds to wait for the datagram to arrive",
        "等待用户数据报到达的秒数",
    ),
    (
        "Capture the real frame and compare it with the built one: auto (when permitted), on (fail without permission), off",
        "抓取真实的帧并与构造的帧对比：auto（有权限时）、on（没有权限就失败）、off",
    ),
    (
        "Bind no receiver: watch the datagram be dropped (ICMP port unreachable)",
        "不绑定接收方：观察用户数据报被丢弃（ICMP 端口不可达）",
    ),
    (
        "Send the same payload over IPv4 and over IPv6 and compare the sizes",
        "同一载荷分别经 IPv4 和 IPv6 发送，比较大小",
    ),
    (
        "Show the datagram cut into IPv4 fragments for a link with this MTU (68 to 65535; loopback's real MTU is 65536)",
        "展示 IP 数据报在 MTU 为此值的链路上被切成哪些分片（68 到 65535；环回接口的真实 MTU 是 65536）",
    ),
    (
        "Keep DF even when the datagram is too big. Every send already sets DF (IP_PMTUDISC_DO) when the packet fits the outgoing interface; this flag adds it when it does not, so the kernel refuses (EMSGSIZE) instead of fragmenting, and with --mtu it shows the router's drop instead of fragments",
        "IP 数据报太大时也保留 DF。分组放得进出接口时，每次 send 本来就置 DF（IP_PMTUDISC_DO）；这个选项在放不进时也置 DF，于是内核拒绝发送（EMSGSIZE）而不是分片；与 --mtu 同用时，展示的是路由器丢弃分组，而不是分片",
    ),
    (
        "Write the built and the captured frames to a pcapng file (Wireshark, tshark)",
        "把构造的帧和抓到的帧写入 pcapng 文件（Wireshark、tshark）",
    ),
    (
        "Write a self-contained HTML report (for a projector or a browser)",
        "写一个自包含的 HTML 报告（用于投影或浏览器）",
    ),
    (
        "Overwrite the --pcap or --html file if it exists",
        "--pcap 或 --html 文件已存在时覆盖它",
    ),
    (
        "Pause after each layer (Enter for the next): down the sender's stack, then up the receiver's. Plain output when not on a terminal",
        "每一层之后暂停（按回车键看下一层）：先沿发送方协议栈向下，再沿接收方协议栈向上。不在终端上时直接输出全部内容",
    ),
    // recv
    (
        "Address and port to bind (default 0.0.0.0:15001 = every address of this host; with --tcp 127.0.0.1:15001, loopback only). ([::]:15001 for every IPv6 address.)",
        "要绑定的地址和端口（默认 0.0.0.0:15001 = 本机的所有地址；加 --tcp 时为 127.0.0.1:15001，只在环回接口上）。（[::]:15001 表示所有 IPv6 地址。）",
    ),
    (
        "Size of the buffer given to recvfrom(), in bytes; smaller than a datagram shows the truncation",
        "传给 recvfrom() 的缓冲区大小（字节）；比用户数据报小时可以看到截断",
    ),
    (
        "Stop after this many datagrams (with --tcp: connections)",
        "收到这么多个用户数据报后停止（加 --tcp 时：这么多个连接）",
    ),
    (
        "Stop after this many seconds (default: run until Ctrl-C)",
        "这么多秒后停止（默认：一直运行到 Ctrl-C）",
    ),
    (
        "Capture each datagram's frame: auto (when permitted), on, off",
        "抓取每个用户数据报所在的帧：auto（有权限时）、on、off",
    ),
    (
        "Also write the received datagrams (at most 200) as a self-contained HTML report",
        "同时把收到的用户数据报（最多 200 个）写成自包含的 HTML 报告",
    ),
    ("Overwrite the --html file if it exists", "--html 文件已存在时覆盖它"),
    // decode
    (
        "Hex bytes (spaces, colons, 0x and tcpdump -xx / Wireshark hex dumps allowed), a .pcap/.pcapng file, or \"-\" for standard input",
        "十六进制字节（可以带空格、冒号、0x，也可以是 tcpdump -xx / Wireshark 的十六进制转储）、.pcap/.pcapng 文件，或 \"-\"（标准输入）",
    ),
    (
        "How the frames begin when the input cannot say (hex text), or to override the file's link type",
        "输入本身说不清时（十六进制文本）帧从哪一层开始，或覆盖文件里的链路类型",
    ),
    (
        "One line per frame, like tcpdump, for big files",
        "每帧一行，像 tcpdump 那样，适合大文件",
    ),
    (
        "Only frames matching all terms: protocol names (udp, tcp, arp, icmp, ipv4, ipv6, vlan), \"port N\", \"host ADDR\"",
        "只显示符合所有条件的帧：协议名（udp、tcp、arp、icmp、ipv4、ipv6、vlan）、\"port N\"、\"host ADDR\"",
    ),
    ("Show at most N frames", "最多显示 N 个帧"),
    ("Skip the first N frames of the input", "跳过输入中的前 N 个帧"),
    (
        "Also write the shown frames (at most 200) as a self-contained HTML report",
        "同时把显示的帧（最多 200 个）写成自包含的 HTML 报告",
    ),
    // layers
    (
        "Map the five TCP/IP layers onto the seven OSI layers",
        "把 TCP/IP 五层对应到 OSI 七层",
    ),
    // completions and man.
    (
        "Print a shell completion script (bash, zsh, fish, elvish, powershell)",
        "输出 shell 补全脚本（bash、zsh、fish、elvish、powershell）",
    ),
    (
        "Print the manual page as roff: stackviz man | man -l -",
        "以 roff 格式输出手册页：stackviz man | man -l -",
    ),
    (
        "The command whose page to print; default: stackviz itself",
        "要输出哪个命令的手册页；默认是 stackviz 本身",
    ),
    (
        "The shell to complete stackviz's commands and options in",
        "为哪种 shell 补全 stackviz 的命令和选项",
    ),
    // send --tcp.
    (
        "Use TCP (SOCK_STREAM): one real connection with an embedded server, every segment built, explained and (with capture) compared; the timeline of both sockets' calls and states, and the ladder diagram. With --no-receiver: connect to a closed port (RST)",
        "改用 TCP（SOCK_STREAM）：与内嵌的服务器建立一个真实的连接，每个报文段都由 stackviz 构造并解释，能抓包时还与抓到的逐一对比；展示两端套接字的调用和状态的时间线，以及报文段往来的时序图。与 --no-receiver 同用时，连接一个没有监听的端口（RST）",
    ),
    (
        "With --tcp: show segment N layer by layer (repeatable; default: the SYN and the first data segment)",
        "与 --tcp 同用：逐层展示第 N 个报文段（可重复使用；默认展示 SYN 和第一个携带数据的报文段）",
    ),
    (
        "With --tcp: show every segment layer by layer",
        "与 --tcp 同用：逐层展示每个报文段",
    ),
    (
        "With --tcp: absolute sequence and acknowledgment numbers (as on the wire) instead of relative ones",
        "与 --tcp 同用：显示绝对的序号和确认号（即线路上的实际值），而不是相对值",
    ),
    // send --count (UDP loss at a slow receiver).
    (
        "Send N numbered UDP datagrams (#0001, #0002, ...) as fast as sendto() returns to a receiver on 127.0.0.1 with a small receive buffer that reads only after the sender has finished: which arrived, which were lost, and the kernel's drop counters. With --tcp: N numbered messages over one connection to a server that reads slowly: every byte arrives, the sender is slowed down (flow control, the receive window)",
        "以 sendto() 返回的最快速度发送 N 个编了号的 UDP 用户数据报（#0001、#0002……），接收方在 127.0.0.1 上，接收缓冲区很小，等发送方发完才开始读：看哪些到达、哪些丢失，以及内核的丢弃计数。与 --tcp 同用：在一条连接上向一个读得很慢的服务器发送 N 个编了号的报文：每个字节都到达，发送方被放慢（流量控制，接收窗口）",
    ),
    (
        "With --count: datagrams per second (default 0: as fast as possible)",
        "与 --count 同用：每秒发送的用户数据报个数（默认 0：尽可能快）",
    ),
    (
        "With --count: the receiver's SO_RCVBUF in bytes (default 4096; Linux doubles it for its bookkeeping and caps it at net.core.rmem_max)",
        "与 --count 同用：接收方的 SO_RCVBUF，单位字节（默认 4096；Linux 会把它翻倍留作记账之用，并以 net.core.rmem_max 为上限）",
    ),
    (
        "With --count: the receiver reads while the sender sends, pausing MS milliseconds after each datagram (default: it reads only after the sender has finished). With --tcp: the pause after each recv() (default 100)",
        "与 --count 同用：接收方在发送方发送的同时读取，每读一个用户数据报暂停 MS 毫秒（默认：等发送方发完才开始读）。与 --tcp 同用：每次 recv() 之后暂停的时间（默认 100）",
    ),
    (
        "With --count: show the order the datagrams arrived in, and any that came late or twice",
        "与 --count 同用：显示用户数据报到达的顺序，以及晚到或重复到达的用户数据报",
    ),
    // recv --summary and --rcvbuf.
    (
        "One line per datagram (number, time, sender, length, data), made to keep up with a classroom of senders: a large receive buffer, recvmmsg(), and the kernel's own count of dropped datagrams in the summary. Never captures",
        "每个用户数据报一行（序号、时间、发送方、长度、数据），能跟上整个教室的发送方：使用大的接收缓冲区和 recvmmsg()，并在总结中给出内核自己统计的丢弃个数。从不抓包",
    ),
    (
        "Ask for a receive buffer of this many bytes (SO_RCVBUFFORCE as root, else SO_RCVBUF, capped at net.core.rmem_max); a small one makes the kernel drop datagrams. Default: the kernel's; 16777216 with --summary",
        "请求这么多字节的接收缓冲区（root 用 SO_RCVBUFFORCE，否则用 SO_RCVBUF，受 net.core.rmem_max 限制）；缓冲区小了，内核就会丢弃用户数据报。默认：内核的默认值；与 --summary 同用时为 16777216",
    ),
    // stackviz lab (src/cli.rs LabArgs).
    (
        "Two hosts in network namespaces on one impaired link (root): loss, delay, reordering",
        "两台位于网络命名空间中的主机，由一条受损伤的链路相连（需要 root）：丢失、时延、乱序",
    ),
    (
        "Names the lab's namespaces PREFIX-a and PREFIX-b (scripts/netns-lab.sh's LAB_PREFIX)",
        "实验网络的命名空间命名为 PREFIX-a 和 PREFIX-b（即 scripts/netns-lab.sh 的 LAB_PREFIX）",
    ),
    (
        "Make two namespaces joined by a veth pair (10.200.0.1 and 10.200.0.2); already up: nothing changes",
        "建立由一对 veth 相连的两个命名空间（10.200.0.1 和 10.200.0.2）；已经建立时不作任何改动",
    ),
    (
        "Remove the namespaces, the link and its impairment (safe to repeat)",
        "删除命名空间、链路及其损伤设置（可以重复运行）",
    ),
    (
        "Say what is up: namespaces, addresses, send offload, the impairment on each end",
        "说明当前建立了什么：命名空间、地址、发送卸载、每一端的损伤设置",
    ),
    (
        "Impair the link: netem where the kernel has it, else XDP loss, htb reordering and mirred duplication (replaces the impairment; --clear removes it)",
        "损伤链路：内核有 netem 就用 netem，否则用 XDP 丢失、htb 乱序和 mirred 重复（替换原有的损伤设置；--clear 去除损伤）",
    ),
    (
        "Send numbered UDP datagrams from host a to host b and count what was lost, reordered, duplicated",
        "从主机 a 向主机 b 发送编了号的 UDP 用户数据报，统计丢失、乱序和重复的个数",
    ),
    ("Percent of packets dropped", "被丢弃的分组所占百分比"),
    ("Milliseconds every packet waits (needs netem)", "每个分组等待的毫秒数（需要 netem）"),
    (
        "Milliseconds the delay varies by, up or down (needs --delay)",
        "时延上下变化的毫秒数（需要 --delay）",
    ),
    (
        "Percent of packets reordered: with --delay netem sends them at once, ahead of the delayed ones; without, htb holds them in a slow class while later ones overtake them",
        "被打乱顺序的分组所占百分比：有 --delay 时由 netem 立即发出，抢在被延迟的分组之前；没有时由 htb 把它们扣在慢速类里，让后发的分组超过它们",
    ),
    ("Percent of packets sent twice (without netem mirred copies them, and a copy can be copied again)", "被发送两次的分组所占百分比（没有 netem 时由 mirred 复制，副本还可能被再次复制）"),
    (
        "Impair both directions (default: only packets from host a to host b)",
        "损伤两个方向（默认：只损伤从主机 a 到主机 b 的分组）",
    ),
    ("Remove the impairment from both ends", "去除两端的损伤设置"),
    (
        "Send bytes over one TCP connection from host a to host b, captured at both ends: losses, retransmissions, duplicate ACKs, SACK",
        "经一条 TCP 连接从主机 a 向主机 b 发送字节，在两端抓包：丢失、重传、重复确认、SACK",
    ),
    (
        "How many bytes host a sends (the server checks them byte for byte)",
        "主机 a 发送的字节数（服务器逐字节核对）",
    ),
    ("How many numbered datagrams host a sends", "主机 a 发送的编号用户数据报个数"),
    (
        "Payload bytes per datagram (at least 13: \"SVLAB\" and the number)",
        "每个用户数据报的载荷字节数（至少 13：\"SVLAB\" 和编号）",
    ),
    (
        "With --tcp --count: the client's SO_SNDBUF in bytes (default 4096, which Linux doubles: send() blocks once 8 KiB wait; 0 leaves the kernel's automatic sizing, up to net.ipv4.tcp_wmem's maximum)",
        "与 --tcp --count 同用：客户端的 SO_SNDBUF，单位字节（默认 4096，Linux 会把它翻倍：排队的数据达到 8 KiB 时 send() 就会阻塞；0 表示交给内核自动调整，最大到 net.ipv4.tcp_wmem 的上限）",
    ),
    // stackviz lab mtu.
    (
        "The same message over TCP and over UDP on the 1500-byte link: real MSS-sized segments against IP fragments",
        "同一个应用层报文分别经 TCP 和 UDP 在 1500 字节的链路上传送：真实的 MSS 大小的报文段与 IP 分片对照",
    ),
    (
        "How many bytes each transport carries (more than fits one 1500-byte packet)",
        "每种运输协议携带的字节数（要比一个 1500 字节的分组能装下的多）",
    ),
];
