//! Nothing English where a Chinese student reads: `--help` in Chinese has
//! none of clap's English words and fits the width by display columns,
//! usage errors give the reason in Chinese, and the OS errors a learner
//! meets are said in Chinese with their errno names.

mod common;

use unicode_width::UnicodeWidthStr;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], columns: Option<&str>) -> Run {
    let mut cmd = common::stackviz_zh();
    if let Some(columns) = columns {
        cmd.env("COLUMNS", columns);
    }
    let out = cmd.args(args).output().expect("stackviz runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

const COMMANDS: &[&[&str]] = &[
    &[],
    &["send"],
    &["recv"],
    &["decode"],
    &["layers"],
    &["completions"],
    &["man"],
];

/// clap's English, which the Chinese help must not show.
const CLAP_ENGLISH: &[&str] = &[
    "[default:",
    "[possible values:",
    "Usage:",
    "[OPTIONS]",
    "<COMMAND>",
    "[COMMAND]",
    "Options:",
    "Arguments:",
    "Commands:",
    "<PORT>",
    "<FORMAT>",
];

#[test]
fn chinese_help_has_none_of_claps_english() {
    for command in COMMANDS {
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = command.iter().copied().chain([flag]).collect();
            let run = run(&args, None);
            assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
            for english in CLAP_ENGLISH {
                assert!(
                    !run.stdout.contains(english),
                    "{args:?} shows {english:?}:\n{}",
                    run.stdout
                );
            }
            assert!(
                run.stdout.contains("用法：stackviz"),
                "{args:?}:\n{}",
                run.stdout
            );
        }
    }
    // What clap said in English is said in Chinese.
    // Wide enough that no help text wraps.
    let send = run(&["send", "--help", "--width", "400"], None).stdout;
    assert!(send.contains("用法：stackviz send [选项] [报文]"), "{send}");
    assert!(send.contains("--port <端口>"), "{send}");
    assert!(send.contains("默认值：15001"), "{send}");
    assert!(send.contains("可选值：table、json"), "{send}");
    let top = run(&["--help"], None).stdout;
    assert!(top.contains("stackviz [选项] <命令>"), "{top}");
    assert!(
        top.contains("\n命令：\n") && top.contains("\n选项：\n"),
        "{top}"
    );
}

fn too_wide(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .filter(|l| l.width() > width)
        .map(|l| format!("{} columns: {l}", l.width()))
        .collect()
}

#[test]
fn chinese_help_fits_the_width_in_display_columns() {
    for width in ["110", "80", "60"] {
        for command in COMMANDS {
            for flag in ["--help", "-h"] {
                let args: Vec<&str> = command
                    .iter()
                    .copied()
                    .chain([flag, "--width", width])
                    .collect();
                let run = run(&args, None);
                let wide = too_wide(&run.stdout, width.parse().unwrap_or(0));
                assert!(wide.is_empty(), "{args:?}:\n{}", wide.join("\n"));
            }
        }
    }
    // COLUMNS, when --width is not given.
    let run = run(&["send", "--help"], Some("72"));
    let wide = too_wide(&run.stdout, 72);
    assert!(wide.is_empty(), "COLUMNS=72:\n{}", wide.join("\n"));
    // The help column stays aligned: each option's help starts where the
    // others' do, Chinese value names counted as two columns.
    let starts: Vec<usize> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("      --") || l.starts_with("  -"))
        .filter_map(|l| {
            let gap = l.trim_start().find("  ")?;
            let lead = l.len() - l.trim_start().len() + gap;
            let text = l.len() - l[lead..].trim_start().len();
            Some(l[..text].width())
        })
        .collect();
    assert!(starts.len() > 10, "{}", run.stdout);
    assert!(
        starts.iter().all(|s| *s == starts[0]),
        "{starts:?}\n{}",
        run.stdout
    );
}

#[test]
fn a_value_out_of_range_is_said_in_chinese_with_the_range() {
    let run = run(&["send", "--port", "70000"], None);
    assert_eq!(run.code, Some(2));
    let first = run.stderr.lines().next().unwrap_or_default();
    assert_eq!(
        first, "错误：70000 不是 --port <端口> 的有效值：超出了 0-65535 的范围",
        "{}",
        run.stderr
    );
    // clap's English line is not repeated.
    for english in ["invalid value", "For more information", "is not in"] {
        assert!(!run.stderr.contains(english), "{}", run.stderr);
    }
}

#[test]
fn usage_errors_say_the_suggestion_and_reason_in_chinese() {
    let run = run(&["send", "--portt", "3"], None);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("你是不是想用 --port？"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("tip:") && !run.stderr.contains("Usage:"),
        "{}",
        run.stderr
    );
    let run = run_timeout();
    assert!(
        run.stderr
            .contains("9999 秒超过了一小时：请给出大于 0、不超过 3600 的秒数"),
        "{}",
        run.stderr
    );
}

fn run_timeout() -> Run {
    run(&["send", "--timeout", "9999"], None)
}

#[test]
fn a_refused_datagram_shows_the_chinese_os_text() {
    // Nobody bound: the kernel's ICMP Port Unreachable comes back as
    // ECONNREFUSED on the sender's next call.
    let run = run(
        &[
            "--color",
            "never",
            "--width",
            "400",
            "send",
            "--no-receiver",
            "--capture",
            "off",
            // A port nobody else's test can be bound to.
            "--port",
            "0",
        ],
        None,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("-1 ECONNREFUSED（连接被拒绝）"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Connection refused"), "{}", run.stdout);
}

#[test]
fn a_missing_file_is_said_in_chinese_with_its_errno_name() {
    let run = run(&["send", "--file", "/nonexistent/stackviz-zh-help"], None);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("没有那个文件或目录（ENOENT）"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("No such file"), "{}", run.stderr);
}
