//! `--lang` and the locale: the real binary speaks Chinese when asked (flag,
//! LC_ALL, LC_MESSAGES, LANG in that order), keeps the RFC field names, says
//! errors and usage errors in Chinese with the same exit codes, and a decoded
//! frame in Chinese is snapshot-tested.

mod common;

use assert_cmd::Command;

/// The binary (with its time limit) with no locale of the developer's
/// leaking in.
fn stackviz() -> Command {
    let mut cmd = common::stackviz();
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("NO_COLOR");
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("stackviz runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

/// An IPv4/UDP frame carrying "Hello!!" from 127.0.0.1:42036 to :15001 (the
/// golden frame of tests/golden.rs without padding and FCS).
const FRAME: &str = "000000000000 000000000000 0800 \
    4500 0023 0000 4000 4011 3cc8 7f000001 7f000001 \
    a434 3a99 000f de0c 48656c6c6f2121";

#[test]
fn lang_zh_names_the_layers_in_chinese() {
    let out = run(stackviz().args(["--lang", "zh", "layers"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for layer in ["应用层", "传输层", "网络层", "数据链路层", "物理层"] {
        assert!(
            out.stdout.contains(layer),
            "{layer} missing:\n{}",
            out.stdout
        );
    }
    let english = run(stackviz().args(["--lang", "en", "layers"]));
    assert!(english.stdout.contains("Data link"));
    assert!(!english.stdout.contains("数据链路层"));
}

#[test]
fn the_locale_decides_when_no_flag_is_given() {
    let zh = run(stackviz().env("LANG", "zh_CN.UTF-8").arg("layers"));
    assert!(
        zh.stdout.contains("数据链路层"),
        "LANG=zh_CN: {}",
        zh.stdout
    );
    let messages = run(stackviz()
        .env("LANG", "en_US.UTF-8")
        .env("LC_MESSAGES", "zh_TW.UTF-8")
        .arg("layers"));
    assert!(messages.stdout.contains("数据链路层"), "LC_MESSAGES=zh");
    let all = run(stackviz()
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "C")
        .arg("layers"));
    assert!(all.stdout.contains("Data link"), "LC_ALL=C wins over LANG");
    let flag = run(stackviz()
        .env("LC_ALL", "zh_CN.UTF-8")
        .args(["--lang", "en", "layers"]));
    assert!(flag.stdout.contains("Data link"), "--lang wins over LC_ALL");
}

#[test]
fn decode_in_chinese_keeps_the_rfc_field_names() {
    let out = run(stackviz().args([
        "--lang", "zh", "--color", "never", "--width", "100", "decode", FRAME,
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("帧 1：49 字节"), "{}", out.stdout);
    for name in [
        "Source Port",
        "Destination Port",
        "Header Checksum",
        "EtherType",
    ] {
        assert!(
            out.stdout.contains(name),
            "{name} should stay as the RFC names it"
        );
    }
    insta::assert_snapshot!("decode_zh", out.stdout);
}

#[test]
fn usage_errors_are_said_in_chinese_with_exit_2() {
    let out = run(stackviz().args(["--lang", "zh", "send", "--bogus"]));
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.starts_with("错误：无法识别的参数 --bogus\n"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("提示："), "{}", out.stderr);
    let value = run(stackviz().args(["--lang=zh", "send", "--capture", "maybe"]));
    assert_eq!(value.code, Some(2));
    assert!(
        value
            .stderr
            .contains("maybe 不是 --capture <抓包> 的有效值"),
        "{}",
        value.stderr
    );
    let english = run(stackviz().args(["--lang", "en", "send", "--bogus"]));
    assert_eq!(english.code, Some(2));
    assert!(english
        .stderr
        .starts_with("error: unexpected argument '--bogus'"));
}

#[test]
fn run_errors_are_said_in_chinese_with_their_exit_codes() {
    let out = run(stackviz().args(["--lang", "zh", "decode", "zz"]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let mut lines = out.stderr.lines();
    let error = lines.next().unwrap_or_default();
    let hint = lines.next().unwrap_or_default();
    assert!(error.starts_with("错误："), "{}", out.stderr);
    assert!(hint.starts_with("提示："), "{}", out.stderr);
    let chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let error_text = error.trim_start_matches("错误：");
    let hint_text = hint.trim_start_matches("提示：");
    assert!(chinese(error_text), "the error itself is Chinese: {error}");
    assert!(chinese(hint_text), "the hint itself is Chinese: {hint}");
}

#[test]
fn help_is_in_chinese_too() {
    let out = run(stackviz().args(["--lang", "zh", "send", "--help"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.starts_with("发送一个真实的 UDP 用户数据报"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("用法：stackviz send [选项] [报文]"));
    assert!(out.stdout.contains("选项："), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("--hex <十六进制>      以十六进制字节给出载荷"),
        "{}",
        out.stdout
    );
    let top = run(stackviz().env("LANG", "zh_CN.UTF-8").arg("--help"));
    assert!(top.stdout.contains("命令："), "{}", top.stdout);
    // The command column is as wide as the longest name (completions).
    assert!(
        top.stdout.lines().any(|l| l.starts_with("  layers ")
            && l.trim_start_matches("  layers")
                .trim_start()
                .starts_with("一张表看五层模型")),
        "{}",
        top.stdout
    );
}

/// Runs of three or more lowercase English words: prose that never went
/// through `t!` (the catalogue test cannot see a sentence that was never
/// marked). Code and system-call text is skipped.
fn english_prose(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        // Hex dump rows (`0020  00 01 dc be …`) hold bytes, not words.
        let hex_row = line.len() > 6
            && line.as_bytes()[..4].iter().all(u8::is_ascii_hexdigit)
            && line[4..].starts_with("  ");
        if hex_row {
            continue;
        }
        let mut run: Vec<&str> = Vec::new();
        for word in line.split([' ', '│', '┆', '(', ')', '（', '）', '，', '：', '；']) {
            // Two hex letters (`de`, `be`) are a byte in a raw column.
            let byte = word.len() == 2 && word.chars().all(|c| ('a'..='f').contains(&c));
            let is_word = word.len() > 1
                && !byte
                && word.chars().all(|c| c.is_ascii_lowercase() || c == '\'')
                && !word.starts_with('\'');
            if is_word {
                run.push(word);
                continue;
            }
            if run.len() >= 3 {
                found.push(format!("{}  ← {}", run.join(" "), line.trim()));
            }
            run.clear();
        }
        if run.len() >= 3 {
            found.push(format!("{}  ← {}", run.join(" "), line.trim()));
        }
    }
    found
}

#[test]
fn chinese_output_has_no_english_prose_left() {
    let long = "a".repeat(1000);
    let runs: [&[&str]; 7] = [
        &["send", "--port", "0"],
        &["send", "--no-receiver", "--port", "0"],
        &["send", "-6", "--port", "0", "--rfc"],
        &["send", "--port", "0", "--mtu", "576", &long],
        &["layers"],
        &["layers", "--osi"],
        &["decode", FRAME, "--summary"],
    ];
    let mut leftovers = Vec::new();
    for args in runs {
        let out = run(stackviz()
            .args(["--lang", "zh", "--color", "never", "--width", "100"])
            .args(args));
        assert!(out.code == Some(0), "{args:?}: {}", out.stderr);
        for prose in english_prose(&out.stdout) {
            leftovers.push(format!("{args:?}: {prose}"));
        }
    }
    assert!(
        leftovers.is_empty(),
        "English prose in Chinese output (wrap it in t!):\n{}",
        leftovers.join("\n")
    );
    assert_eq!(
        english_prose("│ the sending socket's port ┆ x"),
        ["the sending socket's port  ← │ the sending socket's port ┆ x"],
        "the detector itself finds English"
    );
    assert!(
        english_prose("0020  00 01 dc be de d5 00 0f |..|\n│ 7f ┆ dc be de ad ┆ 源端口").is_empty(),
        "hex bytes are not prose"
    );
}
