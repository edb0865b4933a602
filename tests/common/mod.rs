//! Helpers every test file shares: the binary with a time limit, reading the
//! JSON document, one way to decide whether a privileged test may run (and
//! to fail instead of skipping under CI), tshark detection, a pcap writer,
//! independent RFC 1071 and CRC-32 arithmetic, and guards that clean up
//! temporary files, child processes and network namespaces even on panic.
// Each test file uses a different part of this module.
#![allow(dead_code)]

pub mod browser;
pub mod dissection;
pub mod frames;
pub mod golden;
pub mod icmp;
pub mod lab;
pub mod netns;
pub mod report;
pub mod varied;

use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The longest any single run of the binary may take: a hang fails the test.
pub const RUN_LIMIT: Duration = Duration::from_secs(60);

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_stackviz");

/// The binary with a time limit, speaking English whatever the developer's
/// locale, colour left to the flags.
pub fn stackviz() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(BIN);
    cmd.timeout(RUN_LIMIT)
        .env_remove("NO_COLOR")
        .env("LC_ALL", "C.UTF-8");
    cmd
}

/// [`stackviz`] for text a person reads: no colour, `--width width`.
pub fn stackviz_at(width: u16) -> assert_cmd::Command {
    let mut cmd = stackviz();
    cmd.args(["--color", "never", "--width", &width.to_string()]);
    cmd
}

/// The binary in Chinese with a time limit: `--lang zh`, and no locale,
/// COLUMNS or NO_COLOR of the developer's leaking in.
pub fn stackviz_zh() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(BIN);
    cmd.timeout(RUN_LIMIT)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .args(["--lang", "zh"]);
    cmd
}

/// Runs `cmd` and requires exit code 0 (its stderr in the failure).
pub fn succeeded(cmd: &mut assert_cmd::Command) -> std::process::Output {
    let out = cmd.output().expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    out
}

/// Bytes a program printed, as text (invalid UTF-8 replaced).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A UDP port on 127.0.0.1 that is free right now.
pub fn free_udp_port() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .expect("a free loopback port")
        .port()
}

/// The lines `pipe` prints, read by a thread of their own, so a test can
/// wait for the next one with a timeout (`recv_timeout`).
pub fn lines_of(pipe: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    use std::io::BufRead;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// All that `pipe` prints until it closes, waiting at most `limit`; panics
/// with `what` if it stays open longer.
pub fn read_within(
    pipe: impl std::io::Read + Send + 'static,
    limit: Duration,
    what: &str,
) -> String {
    let (tx, rx) = mpsc::channel();
    let mut pipe = pipe;
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        let _ = tx.send(bytes);
    });
    let bytes = rx
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("{what} within {limit:?}"));
    text(&bytes)
}

/// The binary as a plain `std::process::Command`, for children a test talks
/// to while they run; spawn it with [`spawn`] so it is killed on drop.
pub fn stackviz_std() -> StdCommand {
    let mut cmd = StdCommand::new(BIN);
    cmd.env_remove("NO_COLOR").env("LC_ALL", "C.UTF-8");
    cmd
}

/// A child process that is killed and reaped when dropped, also when the
/// test panics, so no receiver outlives its test.
pub struct Guarded(pub Option<Child>);

impl Guarded {
    pub fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("child still owned")
    }
    /// Waits at most `limit` for the child to end, reading its piped stdout
    /// and stderr meanwhile (a full pipe must not stall it); kills it and
    /// panics if it does not end. Returns its stdout, stderr and status.
    pub fn wait_output(mut self, limit: Duration) -> std::process::Output {
        use std::io::Read;
        fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut bytes);
                }
                bytes
            })
        }
        let stdout = drain(self.child().stdout.take());
        let stderr = drain(self.child().stderr.take());
        let deadline = Instant::now() + limit;
        let status = loop {
            match self.child().try_wait().expect("try_wait") {
                Some(status) => break status,
                None if Instant::now() >= deadline => {
                    let _ = self.child().kill();
                    let _ = self.child().wait();
                    let out = String::from_utf8_lossy(&stdout.join().unwrap_or_default())
                        .chars()
                        .take(2000)
                        .collect::<String>();
                    panic!("child did not end within {limit:?}; its output began: {out}");
                }
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        };
        self.0 = None;
        std::process::Output {
            status,
            stdout: stdout.join().unwrap_or_default(),
            stderr: stderr.join().unwrap_or_default(),
        }
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Spawns `cmd` as a [`Guarded`] child.
pub fn spawn(cmd: &mut StdCommand) -> Guarded {
    Guarded(Some(cmd.spawn().expect("child starts")))
}

/// True when the CI variable is set: every test must run there.
pub fn ci() -> bool {
    std::env::var_os("CI").is_some()
}

/// Decides whether a test whose precondition is `ok` may run: true when it
/// holds; otherwise a loud skip, or a failure when CI is set.
pub fn need(test: &str, ok: bool, why: &str) -> bool {
    if ok {
        return true;
    }
    if ci() {
        panic!("{test} cannot run ({why}) and CI is set: it must run, not skip");
    }
    eprintln!("skipping {test}: {why}");
    false
}

/// The effective user id is 0.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// CAP_NET_RAW (bit 13) is in this process's effective capability set, read
/// from /proc/self/status: what capture needs, root or not.
pub fn has_net_raw() -> bool {
    cap_eff().map(|caps| caps & (1 << 13) != 0).unwrap_or(false)
}

/// The effective capability set of this process (`CapEff`).
pub fn cap_eff() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("CapEff:"))?;
    u64::from_str_radix(line.split_whitespace().nth(1)?, 16).ok()
}

/// A test that captures may run (CAP_NET_RAW); skip or fail under CI.
pub fn can_capture(test: &str) -> bool {
    need(test, has_net_raw(), "needs root or CAP_NET_RAW to capture")
}

/// A test that changes the system (namespaces, veths, sysctls) may run:
/// root and iproute2; skip or fail under CI.
pub fn can_administer(test: &str) -> bool {
    let ip = StdCommand::new("ip").arg("-V").output().is_ok();
    need(
        test,
        is_root() && ip,
        "needs root and iproute2 (network namespaces)",
    )
}

/// tshark can run here; skip or fail under CI (.ci/run installs it).
pub fn tshark_available(test: &str) -> bool {
    let ok = StdCommand::new("tshark")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    need(
        test,
        ok,
        "tshark is not installed (.ci/run installs it with apt-get install tshark)",
    )
}

/// capsh (libcap2-bin) can run here.
pub fn capsh_available() -> bool {
    StdCommand::new("capsh").arg("--help").output().is_ok()
}

/// Runs the binary with `args` (shell words), in English, without
/// CAP_NET_RAW: capsh drops it from a root shell. Bounded by [`RUN_LIMIT`].
pub fn without_net_raw(args: &str) -> std::process::Output {
    let script = format!("LC_ALL=C.UTF-8 {BIN} {args}");
    output_within(
        StdCommand::new("capsh").args(["--drop=cap_net_raw", "--", "-c", &script]),
        RUN_LIMIT,
    )
}

/// `tshark -n -r path -T fields EXTRA -e FIELD...` with a time limit: one
/// row per packet, one cell per field (tab-separated by tshark). `extra`
/// holds preferences (`-o name:value`) and output options (`-E ...`).
pub fn tshark_fields(path: impl AsRef<Path>, extra: &[&str], fields: &[&str]) -> Vec<Vec<String>> {
    let mut cmd = StdCommand::new("tshark");
    cmd.arg("-n")
        .arg("-r")
        .arg(path.as_ref())
        .args(["-T", "fields"])
        .args(extra);
    for f in fields {
        cmd.args(["-e", f]);
    }
    let out = cmd.bounded_output();
    assert!(out.status.success(), "tshark: {}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Runs `cmd` with a time limit (no child outlives its test).
pub fn output_within(cmd: &mut StdCommand, limit: Duration) -> std::process::Output {
    use std::process::Stdio;
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    spawn(cmd).wait_output(limit)
}

// ------------------------------------------------------------------ JSON

/// The field `id` in a JSON document (its `layers`) or in a layers array.
pub fn field<'a>(doc: &'a Value, id: &str) -> &'a Value {
    try_field(doc, id).unwrap_or_else(|| panic!("no field {id} in {doc}"))
}

/// The field `id`, if present.
pub fn try_field<'a>(doc: &'a Value, id: &str) -> Option<&'a Value> {
    let layers = if doc.is_array() { doc } else { &doc["layers"] };
    layers
        .as_array()?
        .iter()
        .filter_map(|l| l["fields"].as_array())
        .flatten()
        .find(|f| f["id"] == id)
}

/// The field `id` of the layer named `protocol`.
pub fn layer_field<'a>(doc: &'a Value, protocol: &str, id: &str) -> &'a Value {
    let layer = doc["layers"]
        .as_array()
        .and_then(|layers| layers.iter().find(|l| l["protocol"] == protocol))
        .unwrap_or_else(|| panic!("no layer {protocol}: {doc:#}"));
    layer["fields"]
        .as_array()
        .and_then(|fields| fields.iter().find(|f| f["id"] == id))
        .unwrap_or_else(|| panic!("no {id} in {protocol}: {layer:#}"))
}

/// The protocol of every layer of `doc`, outermost first.
pub fn protocols(doc: &Value) -> Vec<String> {
    doc["layers"]
        .as_array()
        .expect("layers")
        .iter()
        .map(|l| l["protocol"].as_str().expect("protocol").to_string())
        .collect()
}

/// The check of field `id` in any layer of `doc`, if there is one.
pub fn try_check<'a>(doc: &'a Value, id: &str) -> Option<&'a Value> {
    doc["layers"]
        .as_array()?
        .iter()
        .flat_map(|l| l["checks"].as_array().into_iter().flatten())
        .find(|c| c["field"] == id)
}

/// The one JSON document a run printed on stdout (its stderr in the
/// failure when it is not one).
pub fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            text(&out.stdout),
            text(&out.stderr)
        )
    })
}

/// One JSON document per line.
pub fn json_lines(output: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

// --------------------------------------------------------- bytes and files

/// Lower-case hex, no separators.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from lower- or upper-case hex with no separators.
pub fn unhex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(|b| b.is_ascii_hexdigit()).collect();
    digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).expect("hex"))
        .collect()
}

/// LINKTYPE_ETHERNET, LINKTYPE_RAW and LINKTYPE_LINUX_SLL.
pub const LINK_ETHERNET: u32 = 1;
pub const LINK_RAW: u32 = 101;
pub const LINK_SLL: u32 = 113;

/// A classic little-endian microsecond pcap of `frames` with `link_type`,
/// one second apart from 1,700,000,000.
pub fn pcap_bytes(link_type: u32, frames: &[Vec<u8>]) -> Vec<u8> {
    let whole: Vec<(Vec<u8>, usize)> = frames.iter().map(|f| (f.clone(), f.len())).collect();
    cut_pcap_bytes(link_type, &whole)
}

/// [`pcap_bytes`] of `(captured bytes, original length)`: a frame shorter
/// than its original length was cut short by the capture's snap length.
pub fn cut_pcap_bytes(link_type: u32, frames: &[(Vec<u8>, usize)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(&65535u32.to_le_bytes());
    out.extend_from_slice(&link_type.to_le_bytes());
    for (i, (f, original)) in frames.iter().enumerate() {
        for v in [
            1_700_000_000 + i as u32,
            0,
            f.len() as u32,
            *original as u32,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(f);
    }
    out
}

/// Writes [`pcap_bytes`] to `path`.
pub fn write_pcap(path: &Path, link_type: u32, frames: &[Vec<u8>]) {
    std::fs::write(path, pcap_bytes(link_type, frames)).expect("write pcap");
}

static TEMP_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory under the system temp dir, removed when dropped (also
/// when the test panics).
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("stackviz-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir created");
        TempDir(path)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    /// A path inside the directory.
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    /// A path inside the directory as text, for command lines.
    pub fn file(&self, name: &str) -> String {
        self.join(name)
            .to_str()
            .expect("UTF-8 temp path")
            .to_string()
    }
    /// Writes `bytes` to `name` inside the directory and returns its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.join(name), bytes).expect("temp file written");
        self.file(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// -------------------------------------- independent checksum arithmetic

/// RFC 1071 unfolded sum: big-endian 16-bit words, an odd last byte the high
/// half of a word whose low half is zero. Nothing here calls stackviz.
pub fn word_sum(bytes: &[u8]) -> u32 {
    bytes
        .chunks(2)
        .map(|p| u32::from(p[0]) << 8 | u32::from(*p.get(1).unwrap_or(&0)))
        .sum()
}

/// End-around carry until the sum fits 16 bits.
pub fn fold(mut sum: u32) -> u16 {
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}

/// The folded sum of `bytes`, not complemented.
pub fn folded_sum(bytes: &[u8]) -> u16 {
    fold(word_sum(bytes))
}

/// The Internet checksum (RFC 1071) of the concatenated `parts`.
pub fn internet_checksum(parts: &[&[u8]]) -> u16 {
    !folded_sum(&parts.concat())
}

/// The checksum of `message` with its 2-byte checksum field at `at` taken as
/// zero, after `prefix` (a pseudo-header or nothing).
pub fn checksum_with_zero_at(prefix: &[u8], message: &[u8], at: usize) -> u16 {
    let mut zeroed = message.to_vec();
    zeroed[at] = 0;
    zeroed[at + 1] = 0;
    internet_checksum(&[prefix, &zeroed])
}

/// IPv4 pseudo-header (RFC 768, RFC 9293).
pub fn pseudo_v4(src: &[u8], dst: &[u8], protocol: u8, length: u16) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(src);
    p.extend_from_slice(dst);
    p.push(0);
    p.push(protocol);
    p.extend_from_slice(&length.to_be_bytes());
    p
}

/// IPv6 pseudo-header (RFC 8200 section 8.1).
pub fn pseudo_v6(src: &[u8], dst: &[u8], next_header: u8, length: u32) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(src);
    p.extend_from_slice(dst);
    p.extend_from_slice(&length.to_be_bytes());
    p.extend_from_slice(&[0, 0, 0, next_header]);
    p
}

/// CRC-32 of IEEE 802.3, one bit at a time: reflected polynomial 0xEDB88320,
/// initial value and final XOR all ones.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                crc >> 1 ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One temporary file, removed (with its directory) when dropped.
pub struct TempFile {
    _dir: TempDir,
    path: String,
}

impl TempFile {
    pub fn with(name: &str, bytes: &[u8]) -> TempFile {
        let dir = TempDir::new("file");
        let path = dir.write(name, bytes);
        TempFile { _dir: dir, path }
    }
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Skips a test that cannot run here, loudly; with CI set it fails instead.
pub fn cannot_run(test: &str, why: &str) {
    need(test, false, why);
}

/// Runs `cmd` to its end (at most [`RUN_LIMIT`]) and returns its output and
/// its peak resident memory in KiB, from `wait4` on this one child (not
/// `RUSAGE_CHILDREN`, which mixes in every other test's children).
// The child is reaped by wait4 below, which std's Child does not know about.
#[allow(clippy::zombie_processes)]
pub fn output_and_peak_kib(cmd: &mut StdCommand) -> (std::process::Output, u64) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("child starts");
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut o = Vec::new();
        let _ = out.read_to_end(&mut o);
        o
    });
    let mut stderr = Vec::new();
    let err_reader = std::thread::spawn(move || {
        let mut e = Vec::new();
        let _ = err.read_to_end(&mut e);
        e
    });
    let deadline = Instant::now() + RUN_LIMIT;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value to be overwritten.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own unreaped child; status and usage are valid.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4 failed: {}", std::io::Error::last_os_error());
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("child did not end within {RUN_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let stdout = reader.join().unwrap();
    stderr.extend(err_reader.join().unwrap());
    use std::os::unix::process::ExitStatusExt;
    let output = std::process::Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout,
        stderr,
    };
    (output, usage.ru_maxrss as u64)
}

/// `output()` with a time limit for a plain `std::process::Command` (tools
/// such as ip, tshark, capsh, chromium, or the binary inside a namespace).
pub trait Bounded {
    fn bounded_output(&mut self) -> std::process::Output;
}

impl Bounded for StdCommand {
    fn bounded_output(&mut self) -> std::process::Output {
        output_within(self, RUN_LIMIT)
    }
}

/// Runs `stackviz recv --capture on --html FILE` on 127.0.0.1, sends it
/// `payloads` from one socket (synchronised on recv's "started" line),
/// waits for it to end after the last one (exit 0 required), and returns
/// the sender's address. Each wait is bounded.
pub fn recv_html_report(file: &Path, payloads: &[&[u8]]) -> std::net::SocketAddr {
    use std::io::{BufRead, BufReader};
    let mut child = spawn(
        stackviz_std()
            .args(["recv", "--bind", "127.0.0.1:0", "--timeout", "30"])
            .args(["--count", &payloads.len().to_string()])
            .args(["--capture", "on", "--format", "json", "--html"])
            .arg(file)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null()),
    );
    let mut lines = BufReader::new(child.child().stdout.take().unwrap()).lines();
    let started: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    let to = started["bound"].as_str().unwrap().to_string();
    let sender = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    for payload in payloads {
        sender.send_to(payload, &to).unwrap();
    }
    for line in lines.by_ref() {
        let _ = line;
    }
    assert_eq!(child.wait_output(RUN_LIMIT).status.code(), Some(0));
    sender.local_addr().unwrap()
}

/// Sends `signal` to the child (SIGSTOP, SIGCONT, SIGINT). SIGSTOP waits
/// (at most RUN_LIMIT) until the child is really stopped: kill() returns
/// before the signal is delivered.
pub fn signal(child: &std::process::Child, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill(2) on our own child's pid; no memory is involved.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill({signal})");
    if signal == libc::SIGSTOP {
        let stat = format!("/proc/{pid}/stat");
        let deadline = std::time::Instant::now() + RUN_LIMIT;
        // The state is the field after the ")" that closes the name.
        while !std::fs::read_to_string(&stat).is_ok_and(|s| {
            s.rsplit(')')
                .next()
                .is_some_and(|r| r.trim_start().starts_with('T'))
        }) {
            assert!(
                std::time::Instant::now() < deadline,
                "the child did not stop"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}
