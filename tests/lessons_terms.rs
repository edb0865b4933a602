//! The Chinese lessons' own sentences use the textbook terms
//! (谢希仁《计算机网络》) that the program's Chinese uses (tests/zh_terms.rs):
//! one word per PDU and per concept. Pasted output (fenced blocks) and inline code are
//! the program's or the shell's own words and are left to
//! tests/lessons_output.rs; only the prose around them is checked here.

use std::path::Path;

/// Terms the prose must not use, with the word to use instead.
const BANNED: &[(&str, &str)] = &[
    ("ICMP 消息", "ICMP 报文"),
    ("ICMPv6 消息", "ICMPv6 报文"),
    ("差错消息", "差错报文"),
    ("偷看", "预读（MSG_PEEK）"),
    ("窥视", "预读（MSG_PEEK）"),
    ("单播站点地址", "MAC 单播地址"),
    ("更多分片", "还有分片（MF）"),
    ("运输层", "传输层"),
    ("检验和", "校验和"),
    ("ARP 应答", "ARP 响应"),
    ("UDP 数据报", "UDP 用户数据报"),
    ("也算一个", "SYN 不携带数据，但消耗一个序号"),
    ("名字更老实", "say what Hop Limit counts"),
];

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Every problem of one line of prose.
fn problems(line: &str) -> Vec<String> {
    let mut found: Vec<String> = BANNED
        .iter()
        .filter(|(term, _)| line.contains(term))
        .map(|(term, instead)| format!("{term:?} (say {instead})"))
        .collect();
    // 三报文握手 is the textbook's word; the everyday one may be named once
    // as such: （俗称三次握手）.
    if line.replace("俗称三次握手", "").contains("三次握手") {
        found.push("\"三次握手\" (say 三报文握手)".into());
    }
    // 消息 names no PDU: the application layer's is 报文 (a netlink
    // message keeps the kernel's own name).
    if line
        .match_indices("消息")
        .any(|(at, _)| !line[..at].ends_with("netlink "))
    {
        found.push("消息 (the application layer's PDU is 报文)".into());
    }
    // 数据报 alone is ambiguous: UDP's is 用户数据报, IP's is IP 数据报.
    if line
        .match_indices("数据报")
        .any(|(at, _)| !(line[..at].ends_with("用户") || line[..at].ends_with("IP ")))
    {
        found.push("数据报 alone (用户数据报 for UDP, IP 数据报 or 分组 for IP)".into());
    }
    // Chinese inside ASCII parentheses takes full-width ones: （数据链路层）.
    let mut rest = line;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else { break };
        if after[..close].chars().any(is_han) {
            found.push(format!("({}) takes full-width （）", &after[..close]));
        }
        rest = &after[close + 1..];
    }
    found
}

/// The prose of a Markdown text: (line number, line) outside fenced blocks,
/// with inline code spans blanked.
fn prose(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let spans: Vec<&str> = line.split('`').collect();
        let outside: Vec<&str> = spans.iter().step_by(2).copied().collect();
        out.push((n + 1, outside.join(" ` ")));
    }
    out
}

#[test]
fn the_checker_finds_what_it_bans_and_passes_what_it_should() {
    assert!(!problems("内核回了一条 ICMP 消息").is_empty());
    assert!(!problems("每个 UDP 数据报").is_empty());
    assert!(!problems("丢掉整个数据报").is_empty());
    assert!(!problems("第 1 步：消息（应用层）").is_empty());
    assert!(!problems("第 1–3 帧是三次握手").is_empty());
    assert!(!problems("IPv4 (引用的原始首部)").is_empty());
    assert!(!problems("(数据链路层)").is_empty());
    assert!(!problems("ARP 应答").is_empty());
    assert!(problems("三报文握手（俗称三次握手；SYN、SYN-ACK、ACK）").is_empty());
    assert!(problems("UDP 用户数据报装在 IP 数据报里，netlink 消息除外").is_empty());
    assert!(problems("这样一共是 (7 + 1 + 64) × 8 = 576 比特，见 recvfrom()").is_empty());
    // Fenced output and inline code are not prose.
    let text = "前文\n```text\n数据报 1：7 字节\n```\n运行 `recv`，看“数据报”……\n";
    let lines = prose(text);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        !problems(&lines[1].1).is_empty(),
        "quoted in prose still counts"
    );
    assert!(problems(&prose("见 `数据报 1：7 字节` 一行")[0].1).is_empty());
}

#[test]
fn the_chinese_lessons_use_the_textbook_terms() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lessons/zh");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("docs/lessons/zh readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "only {} lessons in {dir:?}", files.len());
    let mut bad = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("lesson readable");
        for (n, line) in prose(&text) {
            checked += 1;
            for problem in problems(&line) {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                bad.push(format!("docs/lessons/zh/{name}:{n}: {problem}"));
            }
        }
    }
    assert!(checked > 500, "only {checked} lines of prose were checked");
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
