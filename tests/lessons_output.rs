//! The lessons must not drift: every stackviz command the lessons (both
//! languages) and the README quote output for is run for real, and every
//! quoted output line must still appear in what the program prints today.
//!
//! Only values that change from run to run may differ (the sender's port
//! and what depends on it: checksums, the FCS, byte pairs and hex words,
//! IPv4 IDs, sequence numbers, flow labels, MACs, timestamps, durations):
//! both sides are normalised by replacing such tokens with placeholders
//! (see `normalise`) and by collapsing runs of spaces (table columns grow
//! and shrink with them). Lines a lesson trimmed (`[…]` or a lone `…`) are
//! skipped.
//!
//! Which command a ```text block quotes: the last stackviz command of a
//! ```console (`$ ` or `# ` lines) or ```sh block above it in the same file.
//! Lines inside a console block after a command are that command's output.
//! An HTML comment right before a block overrides: `<!-- lessons_output:
//! COMMAND -->` (the block quotes COMMAND: an earlier command of the file,
//! such as a receiver whose output comes after its sender's, or one the
//! prose only names) or `<!-- lessons_output: not output -->` (a diagram
//! or listing). A text block after a block with several stackviz commands
//! must say which, so nothing is guessed.
//!
//! `recv` waiting for a peer (`--timeout` over 5 s) runs in the background
//! while the commands after it (up to the next text block) send to it.
//! The commands of scripts/netns-lab.sh's lab (`ip netns exec sv-a ...`)
//! and `stackviz lab ...` run in a private copy of the lab (see `Runner`).
//! Commands that cannot run here are listed in `NOT_RUNNABLE` with the
//! reason; any other command that cannot run fails the test.
//!
//! `STACKVIZ_LESSONS_ONLY=15-` checks only the documents whose path
//! contains that text (while writing a lesson).
//!
//! After the program's output changes, refresh the lessons from
//! `STACKVIZ_LESSONS_REPORT=1 CI=true cargo test --test lessons_output --
//! --nocapture`: it prints, per block, the real output to paste from.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Commands the test does not run, by a piece of their text, with why.
const NOT_RUNNABLE: &[(&str, &str)] = &[
    (
        "/tmp/tcp.pcap",
        "decodes the reader's own tcpdump capture of a TCP connection (tcpdump is not \
         installed in CI; tests/decode.rs decodes TCP pcaps)",
    ),
    (
        "192.0.2.",
        "sends to another machine (192.0.2.0/24 stands for one); tests send only to \
         loopback and their own namespaces",
    ),
];

/// A run's time limit: a lesson's command takes a second or two.
const RUN_LIMIT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
struct Cmd {
    line: usize,
    text: String,
    stackviz: bool,
}

/// Quoted output lines of one block: which command, where, the lines.
#[derive(Debug)]
struct Quote {
    block_line: usize,
    command: usize,
    lines: Vec<(usize, String)>,
}

#[derive(Debug, Default)]
struct Doc {
    cmds: Vec<Cmd>,
    quotes: Vec<Quote>,
    /// Text blocks that cannot be attributed: (line, why).
    errors: Vec<(usize, String)>,
}

fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for dir in ["docs/lessons", "docs/lessons/zh"] {
        let mut more: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("lessons readable")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        more.sort();
        files.extend(more);
    }
    files
}

fn is_stackviz(command: &str) -> bool {
    command
        .split(|c: char| c.is_whitespace() || c == '|')
        .any(|w| w == "stackviz" || w.ends_with("/stackviz"))
}

/// An odd number of single quotes: the command continues on the next line.
fn open_quote(text: &str) -> bool {
    text.matches('\'').count() % 2 == 1
}

fn parse(text: &str) -> Doc {
    let mut doc = Doc::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut current: Option<usize> = None;
    let mut ambiguous: Option<usize> = None;
    let mut marker: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim();
        if let Some(rest) = trimmed.strip_prefix("<!-- lessons_output:") {
            marker = Some(rest.trim_end_matches("-->").trim().to_string());
            i += 1;
            continue;
        }
        let Some(lang) = trimmed.strip_prefix("```") else {
            if !trimmed.is_empty() {
                marker = None;
            }
            i += 1;
            continue;
        };
        let lang = lang.trim().to_string();
        let open = i + 1;
        let mut body = Vec::new();
        i += 1;
        while i < lines.len() && lines[i].trim() != "```" {
            body.push((i + 1, lines[i]));
            i += 1;
        }
        i += 1;
        let mark = marker.take();
        match lang.as_str() {
            "console" | "sh" => {
                let mut in_block = 0;
                // The command whose output the next plain lines are.
                let mut last: Option<usize> = None;
                let mut out: Vec<(usize, String)> = Vec::new();
                let mut k = 0;
                while k < body.len() {
                    let (n, l) = body[k];
                    k += 1;
                    let command = if lang == "sh" {
                        let t = l.trim();
                        (!t.is_empty() && !t.starts_with('#')).then(|| t.to_string())
                    } else {
                        l.strip_prefix("$ ")
                            .or(l.strip_prefix("# "))
                            .map(str::to_string)
                    };
                    let Some(mut command) = command else {
                        if last.is_some_and(|c| doc.cmds[c].stackviz) {
                            out.push((n, l.to_string()));
                        }
                        continue;
                    };
                    while open_quote(&command) && k < body.len() {
                        command.push('\n');
                        command.push_str(body[k].1);
                        k += 1;
                    }
                    if let Some(c) = last.filter(|_| !out.is_empty()) {
                        doc.quotes.push(Quote {
                            block_line: open,
                            command: c,
                            lines: std::mem::take(&mut out),
                        });
                    }
                    let stackviz = is_stackviz(&command);
                    doc.cmds.push(Cmd {
                        line: n,
                        text: command,
                        stackviz,
                    });
                    last = Some(doc.cmds.len() - 1);
                    if stackviz {
                        in_block += 1;
                        current = last;
                    }
                }
                if let Some(c) = last.filter(|_| !out.is_empty()) {
                    doc.quotes.push(Quote {
                        block_line: open,
                        command: c,
                        lines: out,
                    });
                }
                if in_block > 0 {
                    ambiguous = (in_block > 1 && lang == "sh").then_some(open);
                }
            }
            "text" => {
                let command = match mark.as_deref() {
                    Some("not output") => None,
                    // An earlier command (a receiver whose output comes
                    // after its sender's) or one the text only names.
                    Some(text) => match doc.cmds.iter().rposition(|c| c.text == text) {
                        Some(earlier) => Some(earlier),
                        None => {
                            doc.cmds.push(Cmd {
                                line: open,
                                text: text.to_string(),
                                stackviz: true,
                            });
                            Some(doc.cmds.len() - 1)
                        }
                    },
                    None => {
                        if let Some(at) = ambiguous {
                            doc.errors.push((
                                open,
                                format!(
                                    "follows the block at line {at} with several stackviz \
                                     commands: say which one it quotes with \
                                     <!-- lessons_output: COMMAND --> or \
                                     <!-- lessons_output: not output -->"
                                ),
                            ));
                            None
                        } else {
                            current
                        }
                    }
                };
                if let Some(c) = command {
                    doc.quotes.push(Quote {
                        block_line: open,
                        command: c,
                        lines: body.iter().map(|(n, l)| (*n, l.to_string())).collect(),
                    });
                }
            }
            _ => {}
        }
    }
    doc
}

/// A line the lesson trimmed, or nothing to check.
fn skipped(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t == "…" || t == "..." || t.contains("[…")
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit())
}

fn is_time_unit(s: &str) -> bool {
    let s = s.trim_end_matches([';', ',', '.', ')', ':']);
    matches!(s, "s" | "ms" | "µs" | "us" | "ns")
        || ["秒", "毫秒", "微秒"].iter().any(|u| s.starts_with(u))
}

/// Names of the port ranges: which one a line shows depends on the port
/// the OS chose for the sender.
const PORT_RANGES: &[&str] = &[
    "IANA registered range 1024-49151",
    "IANA dynamic range 49152-65535",
    "IANA 登记端口范围 1024-49151",
    "IANA 动态端口范围 49152-65535",
];

/// `line` with run-dependent values replaced by placeholders and spaces
/// collapsed: `0x...` → `0x#`; a byte pair or 4-digit hex word next to
/// another one (`d2 17`, `7f00 0001`, a MAC's `00:1a`) → `##`; a decimal
/// number of 4 or more digits (ports, IDs, sequence numbers) → `#`; a
/// number before a time unit → `#`; the text column of a hex dump → `|#|`.
fn normalise(line: &str) -> String {
    let mut line = collapse_rules(line.trim());
    if line.contains(" ms ┆") || line.contains("= fd ") {
        line = tcp_descriptors(&line);
    }
    for range in PORT_RANGES {
        line = line.replace(range, "<port range>");
    }
    // The identification the kernel chose can be any number 0-65535, even
    // one of fewer than 4 digits: the captured column of its row varies.
    if line.starts_with("│ Identification") {
        let mut cells: Vec<String> = line.split('┆').map(str::to_string).collect();
        if let Some(captured) = cells.get_mut(2) {
            *captured = digits_as_one_hash(captured);
        }
        line = cells.join("┆");
    }
    // The hex dump's text column: from the first '|' to the last.
    if line.ends_with('|') {
        if let Some(start) = line.find('|') {
            if start + 1 < line.len() - 1 {
                line = format!("{}|#|", &line[..start]);
            }
        }
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let hexish = |w: &str| (w.len() == 2 || w.len() == 4) && is_hex(w);
    let mut out = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| words[p]);
        let next = words.get(k + 1).copied();
        // Which IANA range the run's port falls in decides where a port's
        // meaning wraps: "<port range>; inside" + "this host's ephemeral
        // range", or "<port range>;" + "inside this host's ephemeral
        // range". The word that moves is left out on both sides.
        if (*w == "inside" || *w == "outside")
            && (prev == Some("range>;")
                || (next == Some("this") && words.get(k + 2) == Some(&"host's")))
        {
            continue;
        }
        if hexish(w) && (prev.is_some_and(hexish) || next.is_some_and(hexish)) {
            out.push("##".to_string());
            continue;
        }
        if next.is_some_and(is_time_unit)
            && w.trim_start_matches(['=', '(', '+'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && w.chars().any(|c| c.is_ascii_digit())
        {
            out.push("#".to_string());
            continue;
        }
        // A TCP Timestamps value (`TS 3888548313/0`): both clocks start at
        // a random offset, and a table may cut the value after any digit
        // (`TS 388`), so every digit run after `TS` varies.
        if prev == Some("TS") {
            out.push(digits_as_one_hash(w));
            continue;
        }
        out.push(normalise_word(w));
    }
    out.join(" ")
}

/// `line` with every `fd N` as `fd #`. A TCP run's server thread, client
/// thread and capture open their sockets in whatever order they get to
/// run, so `fd 4` in one run is `fd 6` in the next; only the TCP timeline
/// (its first cell is a time) and the ladder (`= fd N`) print them so.
/// UDP's table of socket calls keeps its descriptors strict.
fn tcp_descriptors(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("fd ") {
        out.push_str(&rest[..at + 3]);
        rest = &rest[at + 3..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            out.push('#');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// `line` with each run of a table's horizontal rule (`─`, `═`) as one
/// character: a column that grows with a run-dependent value (a time of
/// 10 ms or more in the TCP timeline) widens the rules, as it widens the
/// runs of spaces that `normalise` collapses.
fn collapse_rules(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut last = None;
    for c in line.chars() {
        if (c == '─' || c == '═') && last == Some(c) {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// `text` with each run of digits replaced by one `#`.
fn digits_as_one_hash(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

/// One word: alphanumeric runs are judged one by one (an address such as
/// `127.0.0.1:53783` keeps its small numbers and loses its port).
fn normalise_word(word: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let runs_of_two_hex = word
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|r| r.len() == 2 && is_hex(r))
        .count();
    let flush = |run: &mut String, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let r = run.as_str();
        let placeholder = if let Some(hex) = r.strip_prefix("0x") {
            is_hex(hex).then_some("0x#")
        } else if r.len() >= 4 && r.chars().all(|c| c.is_ascii_digit()) {
            Some("#")
        } else if r.len() == 2 && is_hex(r) && runs_of_two_hex >= 3 {
            Some("##")
        } else if r.len() == 4 && is_hex(r) {
            // A 16-bit word: the sender's port 0xd217 as `d217`, or as
            // `dcab` (no digit at all) on another run.
            Some("#")
        } else {
            // A number glued to a time unit: 2.1s, 350µs.
            let digits = r.trim_end_matches(|c: char| !c.is_ascii_digit());
            let unit = &r[digits.len()..];
            (!digits.is_empty() && is_time_unit(unit)).then_some("#")
        };
        out.push_str(placeholder.unwrap_or(r));
        run.clear();
    };
    for c in word.chars() {
        if c.is_alphanumeric() || c == 'µ' {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

struct Output {
    text: String,
    /// What went wrong running it, if anything.
    failure: Option<String>,
}

/// Runs the lessons' commands: `stackviz` first on PATH, and, for the
/// commands of scripts/netns-lab.sh (`ip netns exec sv-a ...`), inside a
/// private lab: a holder process in its own network and mount namespaces,
/// with a tmpfs on /run/netns, so that the lab's fixed names (sv-a, sv-b,
/// ...) are seen by nobody else and vanish with the holder.
struct Runner {
    path: String,
    bin: PathBuf,
    lab: Option<Lab>,
}

struct Lab {
    holder: Child,
    /// Whether scripts/netns-lab.sh up has run (by a lesson or by us).
    up: bool,
    /// The binary, when a lesson ran `stackviz lab`: `lab down` on drop.
    stackviz_lab: Option<PathBuf>,
}

impl Drop for Lab {
    fn drop(&mut self) {
        // `stackviz lab down` first (its XDP filter and veth go with it),
        // bounded; then the holder, whose namespaces hold whatever is
        // left: killing it removes the lab even when the test fails.
        if let Some(bin) = &self.stackviz_lab {
            let down = Command::new("nsenter")
                .args(["-t", &self.holder.id().to_string(), "-m", "-n"])
                .arg(bin)
                .args(["lab", "down"])
                .env_remove("LAB_PREFIX")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            if let Ok(child) = down {
                let out = tmp(usize::MAX - 70_000);
                let _ = finish(child, &out, Duration::from_secs(15));
            }
        }
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}

fn needs_lab(command: &str) -> bool {
    command.contains("ip netns")
        || command.contains("netns-lab.sh")
        || command.contains("ip -n ")
        || is_stackviz_lab(command)
}

/// `stackviz lab ...` (also `stackviz --lang zh lab ...`): it makes its
/// own namespaces (sv-a and sv-b by default) under /run/netns, which the
/// private lab's holder keeps apart from the host's.
fn is_stackviz_lab(command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().collect();
    let Some(at) = words
        .iter()
        .position(|w| *w == "stackviz" || w.ends_with("/stackviz"))
    else {
        return false;
    };
    let mut rest = words[at + 1..].iter();
    while let Some(w) = rest.next() {
        if *w == "--lang" {
            rest.next();
        } else if !w.starts_with('-') {
            return *w == "lab";
        }
    }
    false
}

impl Runner {
    fn new() -> Runner {
        let bin = assert_cmd::cargo::cargo_bin("stackviz");
        let dir = bin.parent().expect("binary directory").to_path_buf();
        let path = format!(
            "{}:{}",
            dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Runner {
            path,
            bin,
            lab: None,
        }
    }

    /// The lab with scripts/netns-lab.sh's hosts up (started once).
    fn lab(&mut self) -> Result<u32, String> {
        if self.lab.is_none() {
            let root = env!("CARGO_MANIFEST_DIR");
            let holder = Command::new("unshare")
                .args(["--mount", "--net", "--propagation", "private", "sh", "-c"])
                .arg(
                    "mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns && \
                     ip link set lo up && echo ready && exec sleep 600",
                )
                .current_dir(root)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .map_err(|e| format!("could not start unshare: {e}"))?;
            let mut lab = Lab {
                holder,
                up: false,
                stackviz_lab: None,
            };
            let mut ready = [0u8; 6];
            let read = lab.holder.stdout.as_mut().map(|o| o.read_exact(&mut ready));
            if !matches!(read, Some(Ok(()))) || &ready != b"ready\n" {
                return Err("the private netns lab did not come up".to_string());
            }
            self.lab = Some(lab);
        }
        Ok(self.lab.as_ref().map(|l| l.holder.id()).expect("lab"))
    }

    /// The command as a shell runs it; `sudo` is dropped (the test is
    /// root) and `target/release/stackviz` is the binary under test.
    fn shell(&mut self, command: &str, out: &Path) -> Result<Child, String> {
        let mut command = command.replacen("sudo ", "", 1);
        command = command.replace("target/release/stackviz", &self.bin.display().to_string());
        let mut sh = if needs_lab(&command) {
            let pid = self.lab()?;
            let up = command.contains("netns-lab.sh up");
            let lab = self.lab.as_mut().expect("lab");
            if is_stackviz_lab(&command) {
                // Its own lab: scripts/netns-lab.sh's is not brought up.
                lab.stackviz_lab = Some(self.bin.clone());
            } else if !lab.up && !up && !command.contains("netns-lab.sh down") {
                // A lesson's command needs the hosts the lesson brought
                // up earlier with a command that quoted nothing.
                lab.up = true;
                let quiet = tmp(usize::MAX);
                let child = self.shell("scripts/netns-lab.sh up", &quiet)?;
                let o = finish(child, &quiet, Duration::from_secs(30));
                if o.failure.is_some() || !o.text.contains("lab up") {
                    return Err(format!("scripts/netns-lab.sh up failed: {}", o.text));
                }
            }
            let lab = self.lab.as_mut().expect("lab");
            if up {
                lab.up = true;
            } else if command.contains("netns-lab.sh down") {
                lab.up = false;
            }
            let mut c = Command::new("nsenter");
            c.args(["-t", &pid.to_string(), "-m", "-n", "sh", "-c"]);
            c
        } else {
            let mut c = Command::new("sh");
            c.arg("-c");
            c
        };
        let file = std::fs::File::create(out).map_err(|e| e.to_string())?;
        let root = env!("CARGO_MANIFEST_DIR");
        sh.arg(format!("exec 2>&1; cd '{root}' && {command}"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("PATH", &self.path)
            .env("LC_ALL", "C.UTF-8")
            .env_remove("LANG")
            .env_remove("LC_MESSAGES")
            .env_remove("NO_COLOR")
            .env_remove("LAB_PREFIX")
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start sh: {e}"))
    }

    /// Whether some socket is bound to UDP `port` where `command` runs
    /// (read from /proc, so that probing never takes the port away).
    fn udp_port_bound(&mut self, command: &str, port: u16) -> bool {
        let tables = match command.split_once("ip netns exec ") {
            Some((_, rest)) => {
                let ns = rest.split_whitespace().next().unwrap_or_default();
                let probe = tmp(usize::MAX - port as usize);
                let Ok(child) = self.shell(
                    &format!("ip netns exec {ns} cat /proc/net/udp /proc/net/udp6"),
                    &probe,
                ) else {
                    return false;
                };
                finish(child, &probe, Duration::from_secs(5)).text
            }
            None => ["/proc/net/udp", "/proc/net/udp6"]
                .iter()
                .filter_map(|f| std::fs::read_to_string(f).ok())
                .collect(),
        };
        let needle = format!(":{port:04X}");
        tables.lines().any(|l| {
            l.split_whitespace()
                .nth(1)
                .is_some_and(|a| a.ends_with(&needle))
        })
    }
}

fn finish(mut child: Child, out: &Path, limit: Duration) -> Output {
    let deadline = Instant::now() + limit;
    let mut failure = None;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                failure = Some(format!("did not finish within {} s", limit.as_secs()));
                break;
            }
        }
    }
    let mut text = String::new();
    let _ = std::fs::File::open(out).and_then(|mut f| f.read_to_string(&mut text));
    let _ = std::fs::remove_file(out);
    Output { text, failure }
}

/// The UDP port a `recv --bind` command binds, if it waits for a peer.
fn waiting_receiver(command: &str) -> Option<u16> {
    let words: Vec<&str> = command.split_whitespace().collect();
    if !words.contains(&"recv") {
        return None;
    }
    let value = |name: &str| {
        words
            .iter()
            .position(|w| *w == name)
            .and_then(|p| words.get(p + 1))
            .map(|v| v.trim_matches('\''))
    };
    let timeout: f64 = value("--timeout")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    if timeout <= 5.0 {
        return None;
    }
    value("--bind")?.rsplit(':').next()?.parse().ok()
}

fn tmp(n: usize) -> PathBuf {
    std::env::temp_dir().join(format!("svz-lessons-{}-{n}.out", std::process::id()))
}

/// Runs command `i` of `doc` (with the commands after it as its peers when
/// it is a waiting receiver): its output, and each peer's.
fn run(doc: &Doc, i: usize, runner: &mut Runner, counter: &mut usize) -> BTreeMap<usize, Output> {
    let mut outputs = BTreeMap::new();
    let cmd = &doc.cmds[i];
    *counter += 1;
    let out = tmp(*counter);
    let Some(port) = waiting_receiver(&cmd.text) else {
        let output = match runner.shell(&cmd.text, &out) {
            Ok(child) => finish(child, &out, RUN_LIMIT),
            Err(e) => Output {
                text: String::new(),
                failure: Some(e),
            },
        };
        outputs.insert(i, output);
        return outputs;
    };
    let child = match runner.shell(&cmd.text, &out) {
        Ok(child) => child,
        Err(e) => {
            outputs.insert(
                i,
                Output {
                    text: String::new(),
                    failure: Some(e),
                },
            );
            return outputs;
        }
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while !runner.udp_port_bound(&cmd.text, port) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    // Its peers: the commands after it, up to the next text block.
    let next_block = doc
        .quotes
        .iter()
        .map(|q| q.block_line)
        .filter(|&l| l > cmd.line)
        .min()
        .unwrap_or(usize::MAX);
    for j in i + 1..doc.cmds.len() {
        if doc.cmds[j].line > next_block || waiting_receiver(&doc.cmds[j].text).is_some() {
            break;
        }
        *counter += 1;
        let peer_out = tmp(*counter);
        if let Ok(peer) = runner.shell(&doc.cmds[j].text, &peer_out) {
            outputs.insert(j, finish(peer, &peer_out, RUN_LIMIT));
        }
    }
    outputs.insert(i, finish(child, &out, Duration::from_secs(20)));
    outputs
}

/// Whether a run failed because its port was taken for a moment (by
/// another test), in either language: such a run is tried again.
fn port_busy(output: &str) -> bool {
    output.contains("in use") || output.contains("已被占用")
}

#[test]
fn a_busy_port_is_recognised_in_both_languages() {
    assert!(port_busy(
        "error: 127.0.0.1:15001 is already in use: stackviz recv (pid 7) is bound to port 15001"
    ));
    assert!(port_busy(
        "错误：127.0.0.1:15001 已被占用：stackviz recv（进程号 7）绑定了端口 15001"
    ));
    assert!(!port_busy(
        "summary: 1 datagram (7 bytes) on 127.0.0.1:15001"
    ));
}

fn not_runnable(command: &str) -> Option<&'static str> {
    NOT_RUNNABLE
        .iter()
        .find(|(piece, _)| command.contains(piece))
        .map(|(_, why)| *why)
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
    })
}

#[test]
fn normalising_keeps_what_is_fixed_and_hides_what_varies() {
    // The sender's port and everything derived from it vary...
    assert_eq!(
        normalise("│ 34-35 ┆ = 53783  ┆ [observed] recvfrom() reported 127.0.0.1:53783 │"),
        normalise("│ 34-35 ┆ = 41002 ┆ [observed] recvfrom() reported 127.0.0.1:41002 │")
    );
    assert_eq!(
        normalise("0020  00 01 d2 17 3a 99 00 0f  b0 29 48 65 6c 6c 6f 21 |....:....)Hello!|"),
        normalise("0020  00 01 a0 2a 3a 99 00 0f  ff 01 48 65 6c 6c 6f 21 |...*:....)Hello!|")
    );
    assert_eq!(
        normalise("summary: 1 datagram in 0.7 s"),
        normalise("summary: 1 datagram in 12.25 s")
    );
    assert_eq!(
        normalise("1000 times of 1000 in 200.1 ms: the sender is never told"),
        normalise("1000 times of 1000 in 200.0 ms: the sender is never told")
    );
    // The sender's port's IANA range moves a word across the wrap.
    assert_eq!(
        normalise("│ Source Port ┆ dc 63 ┆ the sending socket's port; IANA dynamic range 49152-65535; inside  │"),
        normalise("│ Source Port ┆ d2 17 ┆ the sending socket's port; IANA registered range 1024-49151;       │")
    );
    assert_eq!(
        normalise("│ 34-35 ┆ = 56419 ┆ this host's ephemeral range 32768-60999 │"),
        normalise("│ 34-35 ┆ = 36743 ┆ inside this host's ephemeral range 32768-60999 │")
    );
    // So does the identification the kernel chose, however short.
    assert_eq!(
        normalise("│ Identification ┆ 0 ┆ 35971 ┆ differs, explained: │"),
        normalise("│ Identification ┆ 0 ┆ 871   ┆ differs, explained: │")
    );
    assert_ne!(
        normalise("│ Identification ┆ 0 ┆ 871 ┆ differs, explained: │"),
        normalise("│ Identification ┆ 1 ┆ 871 ┆ differs, explained: │")
    );
    // A TCP Timestamps value, whole or cut by a table after any digit...
    assert_eq!(
        normalise("│ 3 ┆ client ┆ ACK ┆ 1 ┆ 1 ┆ 0 ┆ NOP, NOP, TS 388 ┆ 38 of 42 fields │"),
        normalise("│ 3 ┆ client ┆ ACK ┆ 1 ┆ 1 ┆ 0 ┆ NOP, NOP, TS 41 ┆ 38 of 42 fields │")
    );
    assert_eq!(
        normalise("options MSS 65495, SACK_PERM, TS 3888548313/0, NOP, WS 10"),
        normalise("options MSS 65495, SACK_PERM, TS 450136670/0, NOP, WS 10")
    );
    // ...and the ladder's times since the run started...
    assert_eq!(
        normalise("│ connect(fd, 127.0.0.1:15501) = 0 +0.293 ms │"),
        normalise("│ connect(fd, 127.0.0.1:15501) = 0 +12.517 ms │")
    );
    // ...and a TCP run's descriptors, in the timeline and the ladder...
    assert_eq!(
        normalise("│   0.391 ms ┆ server ┆ accept(fd) ┆ fd 5, connected to ┆ ESTABLISHED │"),
        normalise("│  12.002 ms ┆ server ┆ accept(fd) ┆ fd 6, connected to ┆ ESTABLISHED │")
    );
    assert_eq!(
        normalise("│ socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = fd 4 +0.004 ms │"),
        normalise("│ socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = fd 6 +0.234 ms │")
    );
    assert_ne!(
        normalise("│ accept(fd) = fd 5, connected to 127.0.0.1:53780 +0.391 ms │"),
        normalise("│ accept(fd) = -1 EAGAIN +0.391 ms │")
    );
    // ...and the rules of a table whose time column grew.
    assert_eq!(
        normalise("┌──────────┬────────┬───┐"),
        normalise("┌───────────┬────────┬───┐")
    );
    // ...but what follows the Timestamps value, and the number of
    // columns, do not.
    assert_ne!(
        normalise("TS 3888548313/0, NOP, WS 10"),
        normalise("TS 3888548313/0, NOP, WS 7")
    );
    assert_ne!(
        normalise("│ 3 ┆ client ┆ ACK ┆ 1 ┆ 1 ┆ 0 ┆ NOP, NOP, TS 388 ┆ 38 of 42 fields │"),
        normalise("│ 3 ┆ client ┆ ACK ┆ 1 ┆ 2 ┆ 0 ┆ NOP, NOP, TS 388 ┆ 38 of 42 fields │")
    );
    assert_ne!(normalise("┌────┬────┐"), normalise("┌────┬────┬────┐"));
    // ...but words, small numbers and the shape of the table do not.
    assert_ne!(
        normalise("inside the frame"),
        normalise("outside the frame")
    );
    assert_ne!(
        normalise("│ 1 ┆ receiver ┆ fd 4 │"),
        normalise("│ 1 ┆ receiver ┆ fd 5 │")
    );
    assert_ne!(
        normalise("a frame of 64 bytes"),
        normalise("a frame of 60 bytes")
    );
    assert_ne!(
        normalise("│ TTL ┆ 40 ┆ at most 64 more hops │"),
        normalise("│ TTL ┆ 40 ┆ at most 63 more hops │")
    );
    assert_ne!(normalise("DF set"), normalise("DF clear"));
    // A port whose hex has no digit varies like any other.
    assert_eq!(
        normalise("│ 源端口 ┆ aac2 ┆ 0xaac2 ┆ 0x1a8e4 │"),
        normalise("│ 源端口 ┆ dcab ┆ 0xdcab ┆ 0x1ca0d │")
    );
}

#[test]
fn stackviz_lab_commands_run_in_the_private_lab() {
    assert!(is_stackviz_lab("sudo stackviz lab up"));
    assert!(is_stackviz_lab("stackviz --lang zh lab tcp --bytes 20000"));
    assert!(is_stackviz_lab("target/release/stackviz lab down"));
    assert!(needs_lab("stackviz lab impair --loss 20"));
    assert!(!is_stackviz_lab(
        "ip netns exec sv-a stackviz send --to 10.200.0.2:15001"
    ));
    assert!(!is_stackviz_lab("stackviz send --tcp --count 800 lab"));
    assert!(!needs_lab("stackviz send --tcp --count 800"));
}

#[test]
fn every_quoted_output_line_is_still_printed() {
    let ci = std::env::var_os("CI").is_some();
    if !is_root() {
        assert!(
            !ci,
            "lessons_output needs root (the lessons quote captured frames)"
        );
        eprintln!("skipping lessons_output: needs root (the lessons quote captured frames)");
        return;
    }
    let report = std::env::var_os("STACKVIZ_LESSONS_REPORT").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut not_run = Vec::new();
    let mut checked = 0;
    let mut counter = 0;
    let only = std::env::var("STACKVIZ_LESSONS_ONLY").ok();
    let files: Vec<PathBuf> = documents()
        .into_iter()
        .filter(|f| {
            only.as_ref()
                .is_none_or(|o| f.display().to_string().contains(o))
        })
        .collect();
    for file in files {
        // A lab per lesson: each starts with empty neighbour tables.
        let mut runner = Runner::new();
        let name = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let doc = parse(&std::fs::read_to_string(&file).expect("lesson readable"));
        for (line, why) in &doc.errors {
            problems.push(format!("{name}:{line}: the text block {why}"));
        }
        let mut outputs: BTreeMap<usize, Output> = BTreeMap::new();
        let quoted: std::collections::BTreeSet<usize> =
            doc.quotes.iter().map(|q| q.command).collect();
        for &i in &quoted {
            if outputs.contains_key(&i) {
                continue;
            }
            if let Some(why) = not_runnable(&doc.cmds[i].text) {
                not_run.push(format!(
                    "{name}:{}: `{}`: {why}",
                    doc.cmds[i].line, doc.cmds[i].text
                ));
                continue;
            }
            // A lesson's port may be busy for a moment (another test):
            // try again before calling the lesson wrong.
            let mut ran = run(&doc, i, &mut runner, &mut counter);
            for _ in 0..10 {
                let busy = ran.values().any(|o| port_busy(&o.text));
                if !busy {
                    break;
                }
                std::thread::sleep(Duration::from_secs(1));
                ran = run(&doc, i, &mut runner, &mut counter);
            }
            for (k, o) in ran {
                outputs.entry(k).or_insert(o);
            }
        }
        for quote in &doc.quotes {
            let cmd = &doc.cmds[quote.command];
            let Some(output) = outputs.get(&quote.command) else {
                continue;
            };
            if report {
                println!(
                    "==== {name}:{} quotes `{}`; its real output:\n{}",
                    quote.block_line, cmd.text, output.text
                );
            }
            if let Some(failure) = &output.failure {
                problems.push(format!("{name}:{}: `{}` {failure}", cmd.line, cmd.text));
            }
            let real: std::collections::HashSet<String> =
                output.text.lines().map(normalise).collect();
            for (n, line) in &quote.lines {
                if skipped(line) {
                    continue;
                }
                checked += 1;
                if !real.contains(&normalise(line)) {
                    problems.push(format!(
                        "{name}:{n}: `{}` no longer prints this quoted line:\n    {}",
                        cmd.text,
                        line.trim_end()
                    ));
                }
            }
        }
    }
    for line in &not_run {
        eprintln!("not run: {line}");
    }
    let least = if only.is_some() { 0 } else { 300 };
    assert!(checked > least, "only {checked} quoted lines were checked");
    assert!(
        problems.is_empty(),
        "{} of {checked} quoted lines (or blocks) disagree with the program:\n{}\n\
         (STACKVIZ_LESSONS_REPORT=1 prints each block's real output)",
        problems.len(),
        problems.join("\n")
    );
}
