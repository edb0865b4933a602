//! Chinese for the IP layer's final destinations (source routes, Routing
//! headers), first and later fragments, and frames cut short by the capture
//! (src/dissect/ipv4.rs, ipv6.rs, mod.rs; src/decode.rs; the decode views).

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // Final destination in the pseudo-header.
    (
        "final destination from the Loose Source Route option (its last address): the header's Destination Address is only the next router on the route (RFC 791); UDP and TCP checksum the final destination (RFC 1122, RFC 9293)",
        "最终目的地址，取自宽松源路由选项（其中最后一个地址）：首部的目的地址只是路由上的下一个路由器（RFC 791）；UDP 和 TCP 的检验和按最终目的地址计算（RFC 1122，RFC 9293）",
    ),
    (
        "final destination from the Strict Source Route option (its last address): the header's Destination Address is only the next router on the route (RFC 791); UDP and TCP checksum the final destination (RFC 1122, RFC 9293)",
        "最终目的地址，取自严格源路由选项（其中最后一个地址）：首部的目的地址只是路由上的下一个路由器（RFC 791）；UDP 和 TCP 的检验和按最终目的地址计算（RFC 1122，RFC 9293）",
    ),
    (
        "final destination from the Routing header (type 0, its last address), as RFC 8200 section 8.1 says: the header's Destination Address is only the next hop while segments are left",
        "最终目的地址，取自路由首部（类型 0，其中最后一个地址），依据 RFC 8200 第 8.1 节：还有剩余段时，首部的目的地址只是下一跳",
    ),
    (
        "final destination from the Routing header (type 2, the home address), as RFC 8200 section 8.1 says: the header's Destination Address is only the next hop while segments are left",
        "最终目的地址，取自路由首部（类型 2，即家乡地址），依据 RFC 8200 第 8.1 节：还有剩余段时，首部的目的地址只是下一跳",
    ),
    (
        "final destination from the Segment Routing Header (segment list entry 0, the last segment), as RFC 8200 section 8.1 says: the header's Destination Address is only the next hop while segments are left",
        "最终目的地址，取自段路由首部（段列表第 0 项，即最后一段），依据 RFC 8200 第 8.1 节：还有剩余段时，首部的目的地址只是下一跳",
    ),
    (
        "the checksum's pseudo-header holds {address}, the {why}",
        "检验和的伪首部使用 {address}，即{why}",
    ),
    // Fragments.
    (
        "this packet is the first fragment: it carries the transport header and the first part of the data; the rest of the datagram comes in later fragments",
        "这个分组是第一个分片：它携带传输层首部和数据的开头部分；数据报的其余部分在后续分片中",
    ),
    (
        "the first fragment: the headers that follow (up to the transport header) are here; the rest of the datagram comes in later fragments",
        "第一个分片：其后的首部（直到传输层首部）都在这里；数据报的其余部分在后续分片中",
    ),
    (
        "a later fragment: what follows is bytes {first}-{last} of the fragmentable part; the transport header was in the first fragment",
        "后续分片：其后是可分片部分的第 {first}-{last} 字节；传输层首部在第一个分片中",
    ),
    (
        "fragment offset {units} × 8: bytes {first}-{last} of the datagram's payload; the transport header was in the first fragment",
        "片偏移 {units} × 8：数据报载荷的第 {first}-{last} 字节；传输层首部在第一个分片中",
    ),
    ("first fragment data", "第一个分片的数据"),
    (
        "the first fragment of a datagram carrying {number} = {name}: its start is here, the rest comes in later fragments; the receiver reassembles all pieces before it reads them",
        "承载 {number} = {name} 的数据报的第一个分片：这里是它的开头，其余部分在后续分片中；接收方须把所有分片重组后才能读取",
    ),
    (
        "the first fragment, too short for the whole {name} header ({message}): the rest comes in later fragments",
        "第一个分片，太短，放不下完整的 {name} 首部（{message}）：其余部分在后续分片中",
    ),
    (
        "not verifiable from one fragment: the checksum covers the whole datagram, and the rest of it comes in later fragments",
        "仅凭一个分片无法验证：检验和覆盖整个数据报，而其余部分在后续分片中",
    ),
    (
        "dissected from the first fragment: this header and the first {bytes} bytes after it are here; the rest of the datagram comes in later fragments",
        "从第一个分片中解析：这个首部及其后的前 {bytes} 字节在这里；数据报的其余部分在后续分片中",
    ),
    // Lengths beyond the bytes, and the capture's snap length.
    (
        "IPv4 total length says {total_len} bytes, {present} left at offset {start}",
        "IPv4 总长度为 {total_len} 字节，偏移 {start} 处只剩 {present} 字节",
    ),
    (
        "cut short by the capture at {captured} of {original} bytes: the rest was on the wire but not saved",
        "被抓包截短：线路上 {original} 字节，只保存了 {captured} 字节；其余部分在线路上传过，但没有保存下来",
    ),
    (
        "cut short by the capture at {captured} of {original} bytes: a limit of the capture (its snap length), not a fault of the frame; what the missing bytes held is unknown",
        "被抓包截短：线路上 {original} 字节，只保存了 {captured} 字节。这是抓包的限制（快照长度），不是帧的错误；缺失的字节是什么无从得知",
    ),
    (
        "the saved bytes run out in {protocol} at offset {offset}: {message}",
        "保存的字节在 {protocol} 中用完，偏移 {offset}：{message}",
    ),
    (
        ", {cut_short} cut short by the capture (not counted as malformed)",
        "，{cut_short} 个被抓包截短（不算作格式错误）",
    ),
    (
        " (the capture says {size} on the wire)",
        "（抓包记录的线路长度为 {size} 字节）",
    ),
];
