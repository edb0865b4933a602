//! The ladder as SVG for the HTML report: well-formed XML (checked by a
//! small parser here: no XML crate is a dependency), one linked
//! `<g class="segment" data-segment="N">` per arrow, every text escaped,
//! lost arrows dashed and short, retransmissions marked, nothing external.

mod ladder_fixture;

use ladder_fixture::{connection, lost_and_resent, unprivileged};
use stackviz::i18n::{self, Lang};
use stackviz::render::ladder_svg;
use stackviz::session::ladder::{Ladder, LadderRow};

/// An element of the parsed SVG.
#[derive(Debug)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// This element and every one inside it, depth first.
    fn all(&self) -> Vec<&El> {
        let mut found = vec![self];
        for child in &self.children {
            if let Node::El(el) = child {
                found.extend(el.all());
            }
        }
        found
    }

    fn text(&self) -> String {
        self.children
            .iter()
            .map(|c| match c {
                Node::Text(t) => t.clone(),
                Node::El(el) => el.text(),
            })
            .collect()
    }
}

/// Entities resolved; an `&` that starts none, or a raw `<`, is an error.
fn unescape(raw: &str) -> Result<String, String> {
    if raw.contains('<') {
        return Err(format!("raw < in {raw:?}"));
    }
    let mut out = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (entity, c) = [
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&amp;", '&'),
            ("&quot;", '"'),
            ("&#39;", '\''),
        ]
        .into_iter()
        .find(|(e, _)| tail.starts_with(e))
        .ok_or_else(|| format!("bare & in {raw:?}"))?;
        out.push(c);
        rest = &tail[entity.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Parses one element and what it holds, strictly: quoted attributes, each
/// once, matching end tags, nothing after the root.
fn parse(svg: &str) -> Result<El, String> {
    let mut stack: Vec<El> = Vec::new();
    let mut rest = svg;
    let mut root = None;
    while !rest.is_empty() {
        if root.is_some() {
            return Err(format!("text after the root: {rest:?}"));
        }
        let Some(open) = rest.find('<') else {
            return Err(format!("text outside an element: {rest:?}"));
        };
        let text = unescape(&rest[..open])?;
        if !text.is_empty() {
            stack
                .last_mut()
                .ok_or("text before the root")?
                .children
                .push(Node::Text(text));
        }
        let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let el = stack.pop().ok_or("end tag without start")?;
            if el.name != name {
                return Err(format!("<{}> closed by </{name}>", el.name));
            }
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::El(el)),
                None => root = Some(el),
            }
            continue;
        }
        let empty = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attrs_text) = tag.split_once(' ').unwrap_or((tag, ""));
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("bad tag name {name:?}"));
        }
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            attrs_text = attrs_text.trim_start();
            if attrs_text.is_empty() {
                break;
            }
            let (key, after) = attrs_text
                .split_once("=\"")
                .ok_or(format!("unquoted attribute in <{tag}>"))?;
            let end = after.find('"').ok_or("unterminated attribute")?;
            if attrs.iter().any(|(k, _)| k == key) {
                return Err(format!("attribute {key} twice in <{tag}>"));
            }
            attrs.push((key.to_string(), unescape(&after[..end])?));
            attrs_text = &after[end + 1..];
        }
        let el = El {
            name: name.to_string(),
            attrs,
            children: Vec::new(),
        };
        if empty {
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::El(el)),
                None => root = Some(el),
            }
        } else {
            stack.push(el);
        }
    }
    if !stack.is_empty() {
        return Err(format!("{} element(s) never closed", stack.len()));
    }
    root.ok_or_else(|| "no element".to_string())
}

fn segments(data: &Ladder) -> usize {
    data.rows
        .iter()
        .filter(|r| matches!(r, LadderRow::Segment(_)))
        .count()
}

fn segment_groups(root: &El) -> Vec<&El> {
    root.all()
        .into_iter()
        .filter(|e| {
            e.name == "g"
                && e.attr("class")
                    .is_some_and(|c| c.split(' ').any(|w| w == "segment"))
        })
        .collect()
}

#[test]
fn the_checker_rejects_broken_xml() {
    for bad in [
        "<svg><text>a</svg>",
        "<svg><text>a < b</text></svg>",
        "<svg><text>a & b</text></svg>",
        r#"<svg x="1" x="2"></svg>"#,
        "<svg x=1></svg>",
        "<svg></svg><svg></svg>",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
    assert!(parse(r#"<svg a="&lt;&amp;&quot;"><g><text>x &gt; y</text><line/></g></svg>"#).is_ok());
}

#[test]
fn well_formed_in_both_languages() {
    let mut checked = 0;
    for lang in [Lang::En, Lang::Zh] {
        for data in [
            connection(lang == Lang::Zh),
            unprivileged(false),
            lost_and_resent(),
        ] {
            for absolute in [false, true] {
                let svg = i18n::with_language(lang, || ladder_svg::svg(&data, absolute));
                let root = parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
                assert_eq!(root.name, "svg");
                assert!(root.attr("viewBox").is_some());
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 12);
}

/// One `<g class="segment" data-segment="N">` per arrow, numbered as the
/// segments, each a link to the page's `#segment-N` with one arrow in it.
#[test]
fn one_linked_group_per_arrow() {
    for data in [connection(false), lost_and_resent()] {
        let svg = ladder_svg::svg(&data, false);
        let root = parse(&svg).expect("well-formed");
        let groups = segment_groups(&root);
        assert_eq!(groups.len(), segments(&data));
        for (i, group) in groups.iter().enumerate() {
            let n = (i + 1).to_string();
            assert_eq!(group.attr("data-segment"), Some(n.as_str()));
            // The id the report's hover script lights across the page.
            assert_eq!(group.attr("data-f"), Some(format!("segment-{n}").as_str()));
            let links: Vec<&El> = group.all().into_iter().filter(|e| e.name == "a").collect();
            assert_eq!(links.len(), 1);
            assert_eq!(
                links[0].attr("href"),
                Some(format!("#segment-{n}").as_str())
            );
            let shafts = group.all().into_iter().filter(|e| e.name == "line").count();
            assert_eq!(shafts, 1, "segment {n}");
            assert!(group.text().contains(&format!("#{n} ")), "{}", group.text());
        }
        assert_eq!(svg.matches("data-segment=").count(), segments(&data));
    }
}

#[test]
fn labels_say_what_the_terminal_says() {
    let svg = ladder_svg::svg(&connection(false), false);
    let root = parse(&svg).expect("well-formed");
    let four = &segment_groups(&root)[3];
    let text = four.text();
    assert!(text.contains("#4 PSH, ACK seq=1 ack=1 len=7"), "{text}");
    assert!(text.contains("win=64 (×1024=65536)"), "{text}");
    let all = root.text();
    for expected in [
        "client 127.0.0.1:41234",
        "server 127.0.0.1:15001",
        "[TIME_WAIT]",
        "connect(4, 127.0.0.1:15001) = 0",
    ] {
        assert!(all.contains(expected), "{expected} missing: {all}");
    }
    let zh = i18n::with_language(Lang::Zh, || ladder_svg::svg(&connection(true), false));
    let zh_root = parse(&zh).expect("well-formed");
    assert_eq!(zh_root.attr("aria-label"), Some("报文段时序图"));
    assert!(zh_root
        .text()
        .contains("seq（序号）和 ack（确认号）为相对值"));
}

#[test]
fn text_is_escaped() {
    let nasty = r#"<b>&"x"'"#;
    // XML allows no control characters: they are shown as `?`.
    let controlled = "a\u{1b}b\u{7}";
    let mut data = connection(false);
    data.left = format!("client {nasty}");
    data.right = format!("server {nasty} {controlled}");
    data.rows.insert(
        0,
        ladder_fixture::call(stackviz::session::ladder::End::Left, nasty, nasty, 1),
    );
    data.rows.insert(
        0,
        ladder_fixture::state(stackviz::session::ladder::End::Right, nasty),
    );
    for row in &mut data.rows {
        if let LadderRow::Segment(arrow) = row {
            arrow.flags = format!("ACK {nasty}");
        }
    }
    let svg = ladder_svg::svg(&data, false);
    assert!(!svg.contains("<b>"), "{svg}");
    assert!(!svg.contains(r#"&""#), "{svg}");
    let root = parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let text = root.text();
    assert!(text.contains(&format!("client {nasty}")), "{text}");
    assert!(text.contains("a?b?"), "{text}");
    assert!(!svg.chars().any(|c| c.is_control()), "{svg}");
    assert!(text.contains(&format!("[{nasty}]")), "{text}");
    assert!(text.contains(&format!("#3 ACK {nasty}")), "{text}");
    // Tooltips are text too.
    let titles: Vec<String> = root
        .all()
        .into_iter()
        .filter(|e| e.name == "title")
        .map(El::text)
        .collect();
    assert_eq!(titles.len(), 8);
    assert!(titles.iter().all(|t| t.contains(nasty)), "{titles:?}");
}

#[test]
fn lost_is_dashed_and_short_retransmission_marked() {
    let svg = ladder_svg::svg(&lost_and_resent(), false);
    let root = parse(&svg).expect("well-formed");
    let columns: Vec<f64> = root
        .all()
        .into_iter()
        .filter(|e| e.name == "line" && e.attr("class") == Some("column"))
        .map(|e| e.attr("x1").expect("x1").parse().expect("number"))
        .collect();
    assert_eq!(columns.len(), 2);
    let groups = segment_groups(&root);
    for group in &groups {
        let n = group.attr("data-segment").expect("number");
        let class = group.attr("class").expect("class");
        let line = group
            .all()
            .into_iter()
            .find(|e| e.name == "line")
            .expect("shaft");
        let x2: f64 = line.attr("x2").expect("x2").parse().expect("number");
        let heads = group
            .all()
            .into_iter()
            .filter(|e| e.name == "polygon")
            .count();
        if n == "4" {
            assert!(class.split(' ').any(|c| c == "lost"), "{class}");
            assert!(line.attr("stroke-dasharray").is_some());
            assert_eq!(heads, 0, "a lost segment has no arrowhead");
            assert!(
                x2 < columns[1] - 20.0,
                "stops short: {x2} vs {}",
                columns[1]
            );
            assert!(group.text().contains("lost"));
        } else {
            assert!(!class.contains("lost"), "{n}: {class}");
            assert!(
                line.attr("stroke-dasharray").is_none(),
                "{n}: observed, solid"
            );
            assert_eq!(heads, 1, "{n}");
        }
        let resent = class.split(' ').any(|c| c == "retransmission");
        assert_eq!(resent, n == "5", "{n}: {class}");
        assert_eq!(group.text().contains("(retransmission)"), n == "5");
    }
}

#[test]
fn predicted_arrows_are_dotted() {
    let svg = ladder_svg::svg(&unprivileged(false), false);
    let root = parse(&svg).expect("well-formed");
    for group in segment_groups(&root) {
        let predicted = group.attr("class").expect("class").contains("predicted");
        assert_eq!(predicted, group.attr("data-segment") != Some("1"));
        let line = group
            .all()
            .into_iter()
            .find(|e| e.name == "line")
            .expect("shaft");
        assert_eq!(line.attr("stroke-dasharray").is_some(), predicted);
    }
}

#[test]
fn nothing_external_no_script() {
    let svg = ladder_svg::svg(&lost_and_resent(), true);
    let root = parse(&svg).expect("well-formed");
    for el in root.all() {
        assert!(
            !matches!(
                el.name.as_str(),
                "script" | "image" | "use" | "foreignObject" | "style"
            ),
            "{}",
            el.name
        );
        for (key, value) in &el.attrs {
            assert!(!key.starts_with("on"), "event handler {key}");
            if key == "href" {
                assert!(value.starts_with("#segment-"), "{value}");
            }
            assert!(!value.contains("url("), "{value}");
        }
    }
}
