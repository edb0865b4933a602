//! Chinese added for textbook terms and a fully Chinese `--lang zh`: the
//! Ethernet step's header/padding/FCS, clap's help words, usage-error
//! reasons and the OS error texts a learner meets.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // The Ethernet step of `send` (src/render/send_text.rs).
    (
        "{protocol} adds {article} {header}-byte header and a 4-byte FCS → {pdu} of {size} bytes (overhead {overhead})",
        "{protocol} 加上 {header} 字节首部和 4 字节 FCS → {size} 字节的{pdu}（开销 {overhead}）",
    ),
    (
        "{protocol} adds {article} {header}-byte header, {padding} bytes of padding and a 4-byte FCS → {pdu} of {size} bytes (overhead {overhead})",
        "{protocol} 加上 {header} 字节首部、{padding} 字节填充和 4 字节 FCS → {size} 字节的{pdu}（开销 {overhead}）",
    ),
];
