//! Sentences added by the sendfloor work: how the capture on loopback
//! reads each frame once.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "the capture on {interface} read each frame once: {interface} hands a packet socket every frame twice, as it leaves and as it arrives, and stackviz asked the kernel to leave out the leaving copy (PACKET_IGNORE_OUTGOING)",
        "{interface} 上的抓包每个帧只读到一次：{interface} 会把每个帧交给分组套接字两次（离开时一次，到达时一次），stackviz 已请内核略去离开时的那一份（PACKET_IGNORE_OUTGOING）",
    ),
];
