//! Chinese for what `send` says about the path the kernel really took: the
//! local route via lo, an unanswered ARP, fragments sent without DF, the
//! IPv6 payload limit, and who holds a port (src/send.rs, src/net/*,
//! src/render/send_text.rs, src/error.rs).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // src/net/host.rs, src/send.rs: this host's own address goes via lo
    (
        "{dst} is this host's own address (on {holder}): the kernel's route is local (RTM_GETROUTE, as `ip route get` says: local … dev {interface}), so the packet goes through {interface}, which has no hardware address: Linux writes zeros, and no ARP or neighbour discovery is needed",
        "{dst} 是本机自己的地址（在 {holder} 上）。内核的路由是 local（RTM_GETROUTE，与 `ip route get` 显示的 local … dev {interface} 一致），所以分组经 {interface} 传送；它没有硬件地址，Linux 写入全零，也不需要 ARP 或邻居发现",
    ),
    (
        "{dst} is this host's own address (it sits on {holder}), so the kernel's route is local (RTM_GETROUTE, the local routing table; `ip route get {dst}` says local … dev {interface}): the datagram went through {interface}, not {holder}: no ARP or neighbour discovery, no MAC address (loopback has none), nothing on {holder}'s wire; the capture ran on {interface}",
        "{dst} 是本机自己的地址（配置在 {holder} 上），所以内核的路由是 local（RTM_GETROUTE，即 local 路由表；`ip route get {dst}` 显示 local … dev {interface}）：用户数据报经 {interface} 传送，而不是 {holder}：没有 ARP 或邻居发现，没有 MAC 地址（环回接口没有），{holder} 的线路上什么也没有；抓包在 {interface} 上进行",
    ),
    // src/send.rs, src/render/send_text.rs: an on-link address nobody holds
    (
        "all zeros: a placeholder, not an address: the next hop's MAC was not known when this frame was built",
        "全零：只是占位，不是地址：构造这个帧时还不知道下一跳的 MAC",
    ),
    (
        "never learned: nobody answered for {hop} (the neighbour entry is {state}); zeros stand in for the MAC the frame would have carried",
        "始终没有得到：没有谁为 {hop} 应答（邻居表项为 {state}）；全零代替了帧本应携带的 MAC",
    ),
    (
        "the kernel asked for {next_hop}'s MAC address with ARP and nobody answered (ARP requests captured: {n}; replies: 0)",
        "内核用 ARP 询问 {next_hop} 的 MAC 地址，没有谁应答（抓到的 ARP 请求：{n}；应答：0）",
    ),
    (
        "the kernel asked for {next_hop}'s MAC address with IPv6 Neighbor Solicitations and nobody answered (solicitations captured: {n}; advertisements: 0)",
        "内核用 IPv6 邻居请求询问 {next_hop} 的 MAC 地址，没有谁应答（抓到的邻居请求：{n}；邻居通告：0）",
    ),
    (
        "the kernel asked for {next_hop}'s MAC address with ARP and nobody answered",
        "内核用 ARP 询问 {next_hop} 的 MAC 地址，没有谁应答",
    ),
    (
        "the kernel asked for {next_hop}'s MAC address with IPv6 Neighbor Solicitations and nobody answered",
        "内核用 IPv6 邻居请求询问 {next_hop} 的 MAC 地址，没有谁应答",
    ),
    (
        "The datagram never left this host: {asked}. Without the next hop's MAC no frame can be built, so the kernel dropped the datagram: the neighbour entry is FAILED (as `ip neigh` shows). sendto() returned {sent} all the same: it only hands the datagram to the kernel.",
        "用户数据报从未离开本机：{asked}。没有下一跳的 MAC 就构造不出帧，所以内核丢弃了这个用户数据报：邻居表项为 FAILED（`ip neigh` 可见）。sendto() 照样返回了 {sent}：它只是把用户数据报交给内核。",
    ),
    (
        "The datagram never left this host: {asked}. Without the next hop's MAC no frame can be built, so the kernel holds the datagram in the neighbour entry's queue (state {state}, as `ip neigh` shows) and drops it when resolution fails. sendto() returned {sent} all the same: it only hands the datagram to the kernel.",
        "用户数据报从未离开本机：{asked}。没有下一跳的 MAC 就构造不出帧，所以内核把用户数据报留在邻居表项的队列里（状态 {state}，`ip neigh` 可见），解析失败时就丢弃它。sendto() 照样返回了 {sent}：它只是把用户数据报交给内核。",
    ),
    (
        "the capture on {interface} saw no datagram of ours: it never left; only the kernel's requests for the next hop's MAC address went out (below)",
        "在 {interface} 上的抓包没有看到我们的用户数据报：它从未离开；发出去的只有内核询问下一跳 MAC 地址的请求（见下）",
    ),
    (
        "The evidence: requests for {next_hop}'s MAC address captured on {interface}: {n}; answers: 0",
        "证据：在 {interface} 上抓到询问 {next_hop} 的 MAC 地址的请求：{n} 个；应答：0 个",
    ),
    ("4. The capture on {interface}", "4. 在 {interface} 上的抓包"),
    (
        "An unanswered request for the next hop's MAC address: the datagram never left",
        "询问下一跳 MAC 地址的请求无人应答：用户数据报从未离开",
    ),
    (
        "note: {interface} handed the capture this ICMP message twice too (outgoing and incoming); the identical copy was dropped",
        "注：{interface} 也把这个 ICMP 报文交给抓包两次（发出与收到各一次）；相同的副本已舍弃",
    ),
    // src/send.rs, src/net/exchange.rs, src/render/send_text.rs: --mtu and DF
    (
        "0: --mtu {m} is smaller than this {packet_len}-byte packet, so it is a datagram to be fragmented, and such a datagram must not carry DF (with DF = 1 a router would drop it and answer ICMP \"Fragmentation Needed\" instead of cutting it); stackviz sent it without IP_PMTUDISC_DO",
        "0：--mtu {m} 小于这个 {packet_len} 字节的分组，所以它是要被分片的 IP 数据报，而这样的 IP 数据报不能带 DF（DF = 1 时路由器会丢弃它并回送 ICMP“需要分片”，而不是把它切开）；stackviz 发送时没有设置 IP_PMTUDISC_DO",
    ),
    (
        "--mtu {m}: the {packet_len}-byte packet fits ({packet_len} bytes ≤ MTU {m}): a link with this MTU carries it whole, no fragments",
        "--mtu {m}：这个 {packet_len} 字节的分组放得下（{packet_len} 字节 ≤ MTU {m}）：这个 MTU 的链路整个传送它，不分片",
    ),
    (
        "--mtu: this datagram is to be fragmented, so it leaves without DF (Linux's default would set DF whenever the packet fits the interface); the kernel picks the identification itself",
        "--mtu：这个 IP 数据报要被分片，所以发出时不带 DF（Linux 的默认做法是只要分组放得进接口就置 DF）；标识由内核自己选",
    ),
    (
        "What really happened: nothing was fragmented on the path. {interface} (MTU {real}) carried the {packet}-byte packet whole, and the embedded receiver's recvfrom() returned all {size} bytes in one piece.",
        "实际发生的情况：路径上没有任何分片。{interface}（MTU {real}）整个传送了这个 {packet} 字节的分组，内置接收方的 recvfrom() 一次返回了全部 {size} 字节。",
    ),
    // IPv6: its own limits
    (
        "the payload is {length} bytes; a UDP datagram carries at most 65527 over IPv6",
        "载荷有 {length} 字节；经 IPv6 的 UDP 用户数据报最多携带 65527 字节",
    ),
    (
        "65535 (the largest IPv6 Payload Length, which counts everything after the 40-byte IPv6 header) - 8 (UDP header) = 65527; send less",
        "65535（IPv6 有效载荷长度的最大值，它计算 40 字节 IPv6 首部之后的全部内容）- 8（UDP 首部）= 65527；少发一些",
    ),
    (
        "the {length}-byte IPv6 packet is bigger than the route's MTU and IPV6_PMTUDISC_DO forbids fragmenting it here: the kernel refuses; nothing was sent",
        "这个 {length} 字节的 IPv6 分组大于路由的 MTU，而 IPV6_PMTUDISC_DO 禁止在本机分片：内核拒绝发送；什么也没发出",
    ),
    (
        "Nothing was sent: the {size}-byte IPv6 packet is bigger than the route's MTU and IPV6_PMTUDISC_DO (--dont-fragment) forbids fragmenting it, so the kernel refused with EMSGSIZE. An IPv6 router never fragments: it drops the packet and answers ICMPv6 \"Packet Too Big\" (type 2).",
        "什么也没发出：这个 {size} 字节的 IPv6 分组大于路由的 MTU，而 IPV6_PMTUDISC_DO（--dont-fragment）禁止把它分片，所以内核以 EMSGSIZE 拒绝。IPv6 路由器从不分片：它丢弃分组并回送 ICMPv6“分组太大”（类型 2）。",
    ),
    (
        "give --from an address of the destination's family: 127.0.0.1:0 for IPv4, [::1]:0 with -6",
        "给 --from 一个与目的地址同族的地址：IPv4 用 127.0.0.1:0，-6 用 [::1]:0",
    ),
    // src/error.rs: a port already in use, and who holds it
    (
        "{addr} is already in use: stackviz recv (pid {pid}) is bound to port {port}",
        "{addr} 已被占用：stackviz recv（进程号 {pid}）绑定了端口 {port}",
    ),
    (
        "{addr} is already in use: {command} (pid {pid}) is bound to port {port}",
        "{addr} 已被占用：{command}（进程号 {pid}）绑定了端口 {port}",
    ),
    (
        "that is your own receiver: send to it with stackviz send --to {addr}, or give the embedded receiver another port with --port N (--port 0 lets the OS choose)",
        "那是你自己的接收方：用 stackviz send --to {addr} 发给它，或者用 --port N 给内置接收方换一个端口（--port 0 让操作系统选）",
    ),
    (
        "pick another port with --port N, or --port 0 to let the OS choose",
        "用 --port N 换一个端口，或用 --port 0 让操作系统选",
    ),
    (
        "pick another port in --from ADDR:PORT, or port 0 to let the OS choose: --from 127.0.0.1:0",
        "在 --from ADDR:PORT 里换一个端口，或用端口 0 让操作系统选：--from 127.0.0.1:0",
    ),
    (
        "pick another port in --bind ADDR:PORT, or port 0 to let the OS choose: --bind 127.0.0.1:0",
        "在 --bind ADDR:PORT 里换一个端口，或用端口 0 让操作系统选：--bind 127.0.0.1:0",
    ),
    // src/send.rs: the setcap hint names the binary that runs
    (
        "run as root (sudo), or allow it once: sudo setcap cap_net_raw+ep {path}",
        "以 root 运行（sudo），或一次性授权：sudo setcap cap_net_raw+ep {path}",
    ),
];
