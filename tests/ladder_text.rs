//! The ladder in the terminal: golden drawings of a typical loopback
//! connection (widths 80 and 120, English and Chinese, relative and
//! absolute numbers) and of a lost and retransmitted segment; every line
//! fits the width; colour adds only escapes; `--step`'s chunks join into
//! the same drawing, one segment each.

mod ladder_fixture;

use ladder_fixture::{connection, lost_and_resent, unprivileged, CLIENT_ISN, SERVER_ISN};
use stackviz::i18n::{self, Lang};
use stackviz::render::{display_width, ladder, RenderOptions};
use stackviz::session::ladder::{Ladder, LadderRow};

fn options(width: u16, color: bool) -> RenderOptions {
    RenderOptions {
        color,
        width,
        rfc: false,
    }
}

fn draw_with(data: &Ladder, options: &RenderOptions, absolute: bool) -> String {
    let mut out = Vec::new();
    ladder::render(data, &mut out, options, absolute).expect("renders");
    String::from_utf8(out).expect("UTF-8")
}

fn draw(data: &Ladder, width: u16, absolute: bool) -> String {
    draw_with(data, &options(width, false), absolute)
}

fn english(width: u16, absolute: bool) -> String {
    i18n::with_language(Lang::En, || draw(&connection(false), width, absolute))
}

fn chinese(width: u16, absolute: bool) -> String {
    i18n::with_language(Lang::Zh, || draw(&connection(true), width, absolute))
}

/// The lines that carry an arrow's shaft (`├──…>│` or `│<──…┤`).
fn arrow_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.contains('├') || l.contains('┤'))
        .collect()
}

#[test]
fn english_80_relative() {
    let text = english(80, false);
    assert!(
        text.contains("#4 PSH, ACK seq=1 ack=1 len=7 win=64 (×1024=65536)"),
        "{text}"
    );
    insta::assert_snapshot!("ladder_en_80_relative", text);
}

#[test]
fn english_80_absolute() {
    let text = english(80, true);
    // The client's data starts one past its ISN; the server acks ISN + 1 + 7.
    assert!(text.contains(&format!("seq={}", CLIENT_ISN + 1)), "{text}");
    assert!(text.contains(&format!("ack={}", CLIENT_ISN + 8)), "{text}");
    assert!(text.contains(&format!("seq={} ", SERVER_ISN)), "{text}");
    insta::assert_snapshot!("ladder_en_80_absolute", text);
}

#[test]
fn english_120_relative() {
    insta::assert_snapshot!("ladder_en_120_relative", english(120, false));
}

#[test]
fn english_120_absolute() {
    insta::assert_snapshot!("ladder_en_120_absolute", english(120, true));
}

#[test]
fn chinese_80_relative() {
    let text = chinese(80, false);
    assert!(
        text.contains("seq（序号）和 ack（确认号）为相对值"),
        "{text}"
    );
    assert!(text.contains("客户端 127.0.0.1:41234"), "{text}");
    insta::assert_snapshot!("ladder_zh_80_relative", text);
}

#[test]
fn chinese_80_absolute() {
    let text = chinese(80, true);
    assert!(text.contains("为绝对值"), "{text}");
    insta::assert_snapshot!("ladder_zh_80_absolute", text);
}

#[test]
fn chinese_120_relative() {
    insta::assert_snapshot!("ladder_zh_120_relative", chinese(120, false));
}

#[test]
fn chinese_120_absolute() {
    insta::assert_snapshot!("ladder_zh_120_absolute", chinese(120, true));
}

/// One arrow per segment, pointing the way the segment went, in order.
#[test]
fn one_arrow_per_segment_in_its_direction() {
    for width in [80, 120] {
        let text = english(width, false);
        let arrows = arrow_lines(&text);
        let directions: Vec<char> = arrows
            .iter()
            .map(|l| if l.contains('>') { 'R' } else { 'L' })
            .collect();
        assert_eq!(directions, "RLRRLRLR".chars().collect::<Vec<_>>(), "{text}");
        for arrow in arrows {
            let plain = arrow.trim_start();
            assert!(
                plain.starts_with("├─") && plain.ends_with("─>│")
                    || plain.starts_with("│<─") && plain.ends_with("─┤"),
                "{arrow}"
            );
        }
    }
}

#[test]
fn lost_segment_stops_short_and_the_resent_one_says_so() {
    let text = i18n::with_language(Lang::En, || draw(&lost_and_resent(), 80, false));
    let arrows = arrow_lines(&text);
    assert_eq!(arrows.len(), 10, "{text}");
    // #4 is lost: it ends at an X before the other line, with no head.
    let lost = arrows[3];
    assert!(lost.contains("X lost"), "{lost}");
    assert!(!lost.contains('>'), "{lost}");
    assert!(lost.trim_end().ends_with('│'), "{lost}");
    let marked = arrows.iter().filter(|a| a.contains("X lost")).count();
    assert_eq!(marked, 1, "{text}");
    assert!(
        text.contains("──X lost: sent but never seen arriving"),
        "{text}"
    );
    // #5 carries the same bytes again and is marked.
    let resent = text.find("#5 PSH, ACK").expect("label of #5");
    let head_of_six = text.find("#6 ACK").expect("label of #6");
    assert!(
        text[resent..head_of_six].contains("(retransmission)"),
        "{text}"
    );
    assert_eq!(text.matches("(retransmission)").count(), 1, "{text}");
    insta::assert_snapshot!("ladder_lost_en_80", text);
}

#[test]
fn lost_and_retransmission_in_chinese() {
    let text = i18n::with_language(Lang::Zh, || draw(&lost_and_resent(), 120, false));
    assert!(text.contains("X 丢失"), "{text}");
    assert!(text.contains("（重传）"), "{text}");
    assert!(text.contains("──X 丢失：已发送，但未见到达"), "{text}");
}

/// Without capture every arrow but the SYN is predicted: drawn dashed, and
/// the key says what dashes mean.
#[test]
fn predicted_arrows_are_dashed() {
    let text = i18n::with_language(Lang::En, || draw(&unprivileged(false), 80, false));
    let arrows = arrow_lines(&text);
    assert!(
        arrows[0].contains('─') && !arrows[0].contains('╌'),
        "{text}"
    );
    assert!(
        arrows[1..]
            .iter()
            .all(|a| a.contains('╌') && !a.contains('─')),
        "{text}"
    );
    assert!(text.contains("╌╌> predicted, not observed"), "{text}");
    assert!(!english(80, false).contains("predicted"));
}

#[test]
fn every_line_fits_the_width() {
    let cases: Vec<(&str, Ladder, Lang)> = vec![
        ("en", connection(false), Lang::En),
        ("zh", connection(true), Lang::Zh),
        ("lost", lost_and_resent(), Lang::En),
        ("lost zh", lost_and_resent(), Lang::Zh),
    ];
    let mut checked = 0;
    for (name, data, lang) in &cases {
        for width in [30u16, 40, 50, 60, 72, 80, 100, 120, 160, 240] {
            for absolute in [false, true] {
                let text = i18n::with_language(*lang, || draw(data, width, absolute));
                for line in text.lines() {
                    assert!(
                        display_width(line) <= usize::from(width),
                        "{name} at {width}: {} columns: {line:?}",
                        display_width(line)
                    );
                    assert_eq!(line, line.trim_end(), "{name} at {width}: trailing spaces");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 4000, "only {checked} lines checked");
}

/// The two lines stay in the same columns from top to bottom, whatever
/// is written beside them (Chinese takes two columns a character).
#[test]
fn the_lines_stay_straight() {
    let lost = |width| i18n::with_language(Lang::Zh, || draw(&lost_and_resent(), width, false));
    for (text, width) in [
        (chinese(80, false), 80usize),
        (chinese(120, true), 120),
        (english(120, true), 120),
        // 丢失 on the lost arrow, （重传） in a label.
        (lost(80), 80),
        (lost(120), 120),
        (lost(50), 50),
    ] {
        let body: Vec<&str> = text.lines().skip_while(|l| !l.contains('│')).collect();
        let columns = |line: &str| -> Vec<usize> {
            let mut at = 0;
            let mut found = Vec::new();
            for c in line.chars() {
                if matches!(c, '│' | '├' | '┤') {
                    found.push(at);
                }
                at += display_width(c.encode_utf8(&mut [0; 4]));
            }
            found
        };
        let first = columns(body[0]);
        assert_eq!(first.len(), 2, "{text}");
        assert!(first[1] < width);
        for line in &body {
            if line.is_empty() {
                continue;
            }
            assert_eq!(columns(line), first, "{width}: {line:?}\n{text}");
        }
    }
}

#[test]
fn colour_only_adds_escapes() {
    for lang in [Lang::En, Lang::Zh] {
        for width in [80, 120] {
            let data = lost_and_resent();
            let plain = i18n::with_language(lang, || draw(&data, width, false));
            let coloured =
                i18n::with_language(lang, || draw_with(&data, &options(width, true), false));
            assert!(!plain.contains('\u{1b}'));
            assert!(coloured.contains('\u{1b}'));
            assert_eq!(strip_escapes(&coloured), plain);
        }
    }
}

fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for e in chars.by_ref() {
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `--step`: the key and titles first, then one chunk per segment, each
/// ending with that segment's arrow (the last also holding the final
/// states); joined they are the whole drawing, byte for byte.
#[test]
fn step_chunks_join_into_the_drawing() {
    for (data, width, absolute) in [
        (connection(false), 80, false),
        (connection(false), 120, true),
        (lost_and_resent(), 80, false),
    ] {
        let opts = options(width, false);
        let chunks = i18n::with_language(Lang::En, || ladder::chunks(&data, &opts, absolute))
            .expect("chunks");
        let whole = i18n::with_language(Lang::En, || draw(&data, width, absolute));
        assert_eq!(chunks.concat(), whole.as_bytes());
        let segments = data
            .rows
            .iter()
            .filter(|r| matches!(r, LadderRow::Segment(_)))
            .count();
        assert_eq!(chunks.len(), 1 + segments);
        let header = String::from_utf8(chunks[0].clone()).expect("UTF-8");
        assert!(header.contains("client 127.0.0.1:41234"), "{header}");
        assert!(!header.contains('#'), "{header}");
        for (i, chunk) in chunks[1..].iter().enumerate() {
            let text = String::from_utf8(chunk.clone()).expect("UTF-8");
            assert!(text.contains(&format!("#{} ", i + 1)), "{text}");
            assert_eq!(arrow_lines(&text).len(), 1, "{text}");
        }
        let last = String::from_utf8(chunks[segments].clone()).expect("UTF-8");
        assert!(last.contains("[CLOSED]"), "{last}");
    }
}

/// An empty ladder (no rows) draws the key, the titles and the lines; a
/// terminal narrower than anything sensible still gets a drawing, no panic.
#[test]
fn empty_and_tiny() {
    let data = Ladder {
        left: "client 127.0.0.1:41234".into(),
        right: "server 127.0.0.1:15001".into(),
        rows: Vec::new(),
    };
    let text = draw(&data, 80, false);
    assert!(text.contains("client 127.0.0.1:41234"), "{text}");
    let chunks = ladder::chunks(&data, &options(80, false), false).expect("chunks");
    assert_eq!(chunks.concat(), text.as_bytes());
    for width in [0, 1, 10, 23] {
        let text = draw(&connection(false), width, true);
        assert!(text.contains("#8 ACK"), "{text}");
    }
}

/// Titles that cannot share a line take one each, whole, each still
/// against its own line.
#[test]
fn long_titles_take_two_lines() {
    let mut data = connection(false);
    data.left = "client [2001:db8:aaaa:bbbb::1]:41234".into();
    data.right = "server [2001:db8:aaaa:bbbb::2]:15001".into();
    let text = draw(&data, 60, false);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("client ["))
        .expect("left title");
    assert_eq!(lines[at], "client [2001:db8:aaaa:bbbb::1]:41234", "{text}");
    assert_eq!(
        lines[at + 1].trim_start(),
        "server [2001:db8:aaaa:bbbb::2]:15001",
        "{text}"
    );
    // The right title ends where the right line stands.
    let right_line = lines[at + 2].rfind('│').expect("line");
    assert_eq!(
        display_width(lines[at + 1]),
        display_width(&lines[at + 2][..right_line]) + 1,
        "{text}"
    );
    // Wider than the terminal: cut, and seen to be cut.
    let text = draw(&data, 30, false);
    assert!(text.lines().any(|l| l.ends_with('…')), "{text}");
}

#[test]
fn column_titles_in_both_languages() {
    use stackviz::session::ladder::End;
    let en = i18n::with_language(Lang::En, || {
        (
            ladder::column_title(End::Left, "127.0.0.1:41234"),
            ladder::column_title(End::Right, "[::1]:15001"),
        )
    });
    assert_eq!(en.0, "client 127.0.0.1:41234");
    assert_eq!(en.1, "server [::1]:15001");
    let zh = i18n::with_language(Lang::Zh, || {
        (
            ladder::column_title(End::Left, "127.0.0.1:41234"),
            ladder::column_title(End::Right, "[::1]:15001"),
        )
    });
    assert_eq!(zh.0, "客户端 127.0.0.1:41234");
    assert_eq!(zh.1, "服务器 [::1]:15001");
    // What the fixtures draw is what a session filling the titles gets.
    assert_eq!(
        (en.0.clone(), "server 127.0.0.1:15001".to_string()),
        ladder_fixture::titles(false)
    );
}

/// A newline or an escape inside a call's result, a state or the titles
/// (an error text, say) neither breaks a line nor colours the terminal;
/// a long result wraps at its words.
#[test]
fn control_characters_and_long_results_stay_inside() {
    use stackviz::session::ladder::End;
    let mut data = connection(false);
    data.left = "client\n\u{1b}[31m127.0.0.1:41234".into();
    data.rows.insert(
        0,
        ladder_fixture::call(
            End::Left,
            "connect(4, 127.0.0.1:15001)",
            "-1 ECONNREFUSED (Connection refused)\n\u{1b}[2J",
            5,
        ),
    );
    data.rows
        .insert(0, ladder_fixture::state(End::Right, "LIS\rTEN"));
    for width in [50, 80, 120] {
        let text = draw(&data, width, false);
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text}");
        assert!(text.contains("[LIS?TEN]"), "{text}");
        assert!(text.contains("= -1"), "{text}");
        assert!(text.contains("ECONNREFUSED"), "{text}");
        for line in text.lines() {
            assert!(display_width(line) <= usize::from(width), "{line:?}");
        }
        // Every line of the drawing proper shows both lines.
        let body = text
            .lines()
            .skip_while(|l| !l.starts_with('│') && !l.contains(" │"));
        for line in body.filter(|l| !l.is_empty()) {
            assert_eq!(line.matches(['│', '├', '┤']).count(), 2, "{line:?}\n{text}");
        }
    }
}
