//! `stackviz send --tcp --lang zh` speaks Chinese from the heading to the
//! sources: the real binary runs one loopback connection (no capture, so no
//! privilege is needed) and its output holds the textbook's sentences
//! (报文段, 序号, 确认号, 客户端/服务器) and no English sentence of the TCP
//! core.

mod common;

/// `send --tcp` in Chinese at width 200 (so the arithmetic's sentences,
/// which fold at the width, stay one line each). `--port 0`: the kernel picks the
/// server's port (or, with --no-receiver, a closed one), because a fixed
/// port was seen taken by another test run on the same host (a listener
/// on it turned --no-receiver into a completed connection).
fn send_tcp_zh(extra: &[&str]) -> String {
    let mut cmd = common::stackviz_zh();
    cmd.args(["--color", "never", "--width", "200"])
        .args(["send", "--tcp", "--capture", "off", "--port", "0"])
        .args(extra);
    common::text(&common::succeeded(&mut cmd).stdout)
}

/// The trimmed cells of a table line (column widths follow the values, so
/// a row is compared cell by cell, not by its padding).
fn cells(line: &str) -> Vec<&str> {
    line.split(['│', '┆'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Whether some line of `text` starts with these cells.
fn has_row(text: &str, want: &[&str]) -> bool {
    text.lines().any(|l| cells(l).starts_with(want))
}

/// Lines of `text` that read as an English sentence: three or more words
/// of ASCII letters in a row (a table cell at width 100 holds about four) (call names such as `socket(AF_INET,` and flag
/// lists such as `SYN, ACK` are not words of that kind).
fn english_runs(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| {
            let mut run = 0;
            line.split([' ', '│', '┆'])
                .filter(|w| !w.is_empty())
                .any(|w| {
                    let word = w.trim_end_matches([',', ';', ':']);
                    // A byte in hex ("ce", "fa") is not a word.
                    let byte = word.len() == 2 && word.chars().all(|c| c.is_ascii_hexdigit());
                    let is_word = word.len() > 1
                        && !byte
                        && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                        && word.starts_with(|c: char| c.is_ascii_lowercase());
                    run = if is_word { run + 1 } else { 0 };
                    run >= 3
                })
        })
        .collect()
}

/// The checker itself: it finds an English sentence and passes Chinese.
#[test]
fn the_english_checker_finds_english_and_passes_chinese() {
    assert_eq!(
        english_runs("│ ┆ the client's kernel acknowledges the SYN ┆").len(),
        1
    );
    assert!(
        english_runs("报文段 1：客户端 → 服务器 [SYN, ACK] 序号 0，确认号 -，长度 0").is_empty()
    );
    assert!(english_runs("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)").is_empty());
    assert!(english_runs("│ Option: Timestamps ┆ 08 0a 24 ce fa cc 15 ┆").is_empty());
}

#[test]
fn send_tcp_in_chinese_says_segment_sequence_and_acknowledgment_numbers() {
    let out = send_tcp_zh(&[]);
    let lines: Vec<&str> = out.lines().collect();
    let has_line = |want: &str| lines.iter().any(|l| l.trim_end() == want);

    // The heading: the connection, 7 bytes of data (the default "Hello!!").
    let heading = lines.first().copied().unwrap_or_default();
    assert!(
        heading.starts_with("stackviz send --tcp：一个真实的 TCP 连接，127.0.0.1:")
            && heading.contains(" → 127.0.0.1:")
            && heading.contains("，7 字节数据，")
            && heading.ends_with("个报文段"),
        "{heading}\n{out}"
    );
    for section in [
        "时间线：两端的套接字调用，以及其间往来的报文段",
        "全部报文段",
        "计算过程",
        "这些值从哪里来",
    ] {
        assert!(has_line(section), "no section {section:?}:\n{out}");
    }
    // The timeline's header and both ends named in Chinese.
    assert!(
        has_row(
            &out,
            &["时间", "哪一端", "调用或报文段", "返回值", "调用后的状态"]
        ),
        "timeline header:\n{out}"
    );
    let call_by = |end: &str, call: &str| {
        out.lines().any(|l| {
            let c = cells(l);
            c.len() > 2 && c[1] == end && c[2].starts_with(call)
        })
    };
    assert!(call_by("客户端", "connect(fd,"), "{out}");
    assert!(call_by("服务器", "listen(fd, 1)"), "{out}");
    // The rows of every segment: header and the SYN from the client.
    assert!(
        has_row(
            &out,
            &["#", "来自", "标志", "序号", "确认号", "长度", "窗口"]
        ),
        "segment rows header:\n{out}"
    );
    assert!(
        has_row(&out, &["1", "客户端", "SYN", "0", "-", "0"]),
        "the SYN's row:\n{out}"
    );
    // The arithmetic, whole lines (relative numbers: the same every run).
    for want in [
        "  报文段 2：确认号 1 = 报文段 1 的序号 0 + 0 字节 + 1（SYN 不携带数据，但要消耗一个序号）",
        "  报文段 5：确认号 8 = 报文段 4 的序号 1 + 7 字节 + 0（只有数据，确认号就是期望收到的下一个字节的序号）",
        "  报文段 7：确认号 9 = 报文段 6 的序号 8 + 0 字节 + 1（FIN 不携带数据，但要消耗一个序号）",
    ] {
        assert!(has_line(want), "no line {want:?}:\n{out}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  三个 MSS 值：SYN 中的 MSS 选项是 ")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("报文段 1：客户端发出的 SYN，逐层展开（")),
        "{out}"
    );
    assert!(
        out.contains("序号和确认号是相对于各端初始序号（ISN）的值"),
        "{out}"
    );
    // The client's TIME_WAIT, in one line outside any table.
    assert!(
        lines.iter().any(|l| l
            .starts_with("  close() 之后，内核的连接表（即 ss -tan 所显示的）里客户端一侧仍处于 ")),
        "{out}"
    );

    // No English sentence of the TCP core is left.
    for english in [
        "the client's kernel acknowledges",
        "the server's kernel answers",
        "Timeline: both ends",
        "Every segment",
        "The arithmetic",
        "Where the values came from",
        "layer by layer",
        "bytes sent",
        "end of stream",
        "frees the descriptor",
        "client → server",
        "server → client",
    ] {
        assert!(
            !out.contains(english),
            "{english:?} left in English:\n{out}"
        );
    }
    let runs = english_runs(&out);
    assert!(runs.is_empty(), "English sentences:\n{}", runs.join("\n"));
    assert!(!out.contains("三次握手"), "say 三报文握手:\n{out}");
}

#[test]
fn a_closed_port_is_refused_in_chinese() {
    // --no-receiver: nobody listens on the port, the SYN is answered by RST.
    let out = send_tcp_zh(&["--no-receiver"]);
    assert!(
        out.lines()
            .any(|l| cells(l).iter().any(|c| c.starts_with("-1 ECONNREFUSED（"))),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.trim_end() == "  connect() 失败：ECONNREFUSED（连接被拒绝）"),
        "{out}"
    );
    assert!(
        has_row(&out, &["2", "内核（无服务器）", "RST, ACK", "0", "1", "0"]),
        "the RST's row:\n{out}"
    );
    let runs = english_runs(&out);
    assert!(runs.is_empty(), "English sentences:\n{}", runs.join("\n"));
}

#[test]
fn the_tcp_options_are_explained_in_chinese_in_help() {
    let mut cmd = common::stackviz_zh();
    cmd.args(["--width", "200", "send", "--help"]);
    let out = common::text(&common::succeeded(&mut cmd).stdout);
    for want in [
        "与 --tcp 同用：逐层展示每个报文段",
        "与 --tcp 同用：显示绝对的序号和确认号（即线路上的实际值），而不是相对值",
        "与 --tcp 同用：逐层展示第 N 个报文段",
        "改用 TCP（SOCK_STREAM）：",
    ] {
        assert!(out.contains(want), "{want:?} missing:\n{out}");
    }
    assert!(!out.contains("With --tcp"), "{out}");
}
