//! One test's own `stackviz lab`: a unique prefix (`TAG<pid in hex>-<n>`),
//! the binary run with `--prefix`, and on drop `lab down` plus the
//! namespaces deleted directly should the binary fail. Labs a killed test
//! process left behind (its pid gone) are removed the first time a file
//! makes one.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::Value;

use super::Bounded;

pub struct Lab {
    pub prefix: String,
    /// `--width` for the runs (what the test's assertions were written at).
    width: &'static str,
}

static LABS: AtomicUsize = AtomicUsize::new(0);

impl Lab {
    /// `tag`: three letters naming the test file, so leftovers name it.
    pub fn new(tag: &str, width: &'static str) -> Lab {
        clean_stale_labs(tag);
        let n = LABS.fetch_add(1, Ordering::Relaxed);
        // At most 12 bytes (interface names add 3, "-a0"): the pid in hex
        // (pid_max is at most 0x400000), so a leftover names its process.
        Lab {
            prefix: format!("{tag}{:x}-{n}", std::process::id()),
            width,
        }
    }

    /// Runs `stackviz lab ARGS --prefix P`; (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = super::stackviz_std()
            .args(["--color", "never", "--width", self.width, "lab"])
            .args(args)
            .args(["--prefix", &self.prefix])
            .bounded_output();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs it and requires exit 0; stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "lab {args:?} exited {code}\n{out}\n{err}");
        out
    }

    /// Runs it with `--format json` and requires exit 0; the document.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = self.ok(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"))
    }

    pub fn ns(&self, host: &str) -> String {
        format!("{}-{host}", self.prefix)
    }

    pub fn dev(&self, host: &str) -> String {
        format!("{}-{host}0", self.prefix)
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        let _ = self.run(&["down"]);
        for host in ["a", "b"] {
            let _ = Command::new("ip")
                .args(["netns", "del", &self.ns(host)])
                .bounded_output();
        }
    }
}

/// Deletes labs `TAG<hex pid>-<n>-a/b` whose process is gone, once per tag
/// and process.
fn clean_stale_labs(tag: &str) {
    static CLEANED: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
    if cleaned.iter().any(|t| t == tag) {
        return;
    }
    cleaned.push(tag.to_string());
    for name in namespaces() {
        let Some(rest) = name.strip_prefix(tag) else {
            continue;
        };
        let hex: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
        let Ok(pid) = u32::from_str_radix(&hex, 16) else {
            continue;
        };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = Command::new("ip")
                .args(["netns", "del", &name])
                .bounded_output();
        }
    }
}

/// The names of the network namespaces there are now.
pub fn namespaces() -> Vec<String> {
    let out = Command::new("ip").args(["netns", "list"]).bounded_output();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// `tc ARGS` inside namespace `ns`: its stdout.
pub fn tc(ns: &str, args: &[&str]) -> String {
    let out = Command::new("tc")
        .args(["-n", ns])
        .args(args)
        .bounded_output();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether this kernel has netem: the qdisc list it knows is not exposed,
/// so a throwaway namespace (`TAG<pid>`, deleted at once) answers.
pub fn netem_available(tag: &str) -> bool {
    let ns = format!("{tag}{}", std::process::id() % 100_000);
    let _ = Command::new("ip")
        .args(["netns", "add", &ns])
        .bounded_output();
    let out = Command::new("tc")
        .args([
            "-n", &ns, "qdisc", "add", "dev", "lo", "root", "netem", "loss", "1%",
        ])
        .bounded_output();
    let _ = Command::new("ip")
        .args(["netns", "del", &ns])
        .bounded_output();
    out.status.success()
}
