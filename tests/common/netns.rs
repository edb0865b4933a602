//! Network namespaces a test creates itself: `ip` with a time limit, and a
//! guard that deletes its namespaces (and with them their veths) when
//! dropped, also after a panic. Names are `svz<pid>-<n><host>`: unique per
//! process and per lab, and a leftover from a killed run names the process
//! that made it, so the next run deletes it.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Bounded;

/// Runs `ip` with a time limit; Err with its stderr when it fails.
pub fn try_ip(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ip").args(args).bounded_output();
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "ip {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Runs `ip`; a failure fails the test.
pub fn ip(args: &[&str]) {
    try_ip(args).unwrap_or_else(|e| panic!("{e}"));
}

static LABS: AtomicUsize = AtomicUsize::new(0);

/// Deletes `svz*` namespaces whose process is gone (a run killed before its
/// Drop guards ran), once per test process.
fn clean_stale_namespaces() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let out = Command::new("ip").args(["netns", "list"]).bounded_output();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let name = line.split_whitespace().next().unwrap_or_default();
            let Some(rest) = name.strip_prefix("svz") else {
                continue;
            };
            let pid: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let alive = !pid.is_empty() && std::path::Path::new(&format!("/proc/{pid}")).exists();
            if !alive {
                let _ = try_ip(&["netns", "del", name]);
            }
        }
    });
}

/// Namespaces created by one test; deleted on drop, also after a panic.
pub struct Lab {
    namespaces: Vec<String>,
}

impl Lab {
    /// One namespace per entry of `hosts` (a letter each), loopback up.
    pub fn new(hosts: &[&str]) -> Lab {
        clean_stale_namespaces();
        let n = LABS.fetch_add(1, Ordering::Relaxed);
        let mut lab = Lab {
            namespaces: Vec::new(),
        };
        for h in hosts {
            // Short enough that a name plus one letter is a valid interface
            // name (15 bytes at most).
            let ns = format!("svz{}-{n}{h}", std::process::id() % 1_000_000);
            ip(&["netns", "add", &ns]);
            lab.namespaces.push(ns.clone());
            ip(&["-n", &ns, "link", "set", "lo", "up"]);
        }
        lab
    }

    /// The name of host `i`'s namespace.
    pub fn ns(&self, i: usize) -> &str {
        &self.namespaces[i]
    }

    /// A veth pair, `a_if` in host `a` and `b_if` in host `b`, not yet up.
    /// The pair is created in the root namespace: if moving it fails, it is
    /// deleted there before the test fails.
    pub fn veth(&self, a: usize, a_if: &str, b: usize, b_if: &str) {
        ip(&["link", "add", a_if, "type", "veth", "peer", "name", b_if]);
        let moved = try_ip(&["link", "set", a_if, "netns", self.ns(a)])
            .and_then(|()| try_ip(&["link", "set", b_if, "netns", self.ns(b)]));
        if let Err(e) = moved {
            // Deleting either end deletes the pair, wherever the other is.
            let _ = try_ip(&["link", "del", a_if]);
            let _ = try_ip(&["link", "del", b_if]);
            panic!("{e}");
        }
    }

    /// Adds `addr` (with its prefix length) to `dev` in host `host`.
    pub fn addr(&self, host: usize, dev: &str, addr: &str) {
        ip(&["-n", self.ns(host), "addr", "add", addr, "dev", dev]);
    }

    /// Adds the IPv6 `addr` with `nodad`: usable at once, without the wait
    /// of duplicate address detection (during which it may not be a source).
    pub fn addr_nodad(&self, host: usize, dev: &str, addr: &str) {
        ip(&[
            "-n",
            self.ns(host),
            "addr",
            "add",
            addr,
            "dev",
            dev,
            "nodad",
        ]);
    }

    /// Sets `dev` in host `host` up.
    pub fn up(&self, host: usize, dev: &str) {
        ip(&["-n", self.ns(host), "link", "set", dev, "up"]);
    }

    /// A veth pair between host `a` and host `b`, addressed and up.
    pub fn link(&self, a: usize, a_if: &str, a_addr: &str, b: usize, b_if: &str, b_addr: &str) {
        self.veth(a, a_if, b, b_if);
        self.addr(a, a_if, a_addr);
        self.addr(b, b_if, b_addr);
        self.up(a, a_if);
        self.up(b, b_if);
    }

    /// The binary inside host `host`, in English; bound it with
    /// `bounded_output` or spawn it as a `Guarded` child.
    pub fn stackviz(&self, host: usize) -> Command {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", self.ns(host)])
            .arg(super::BIN)
            .env("LC_ALL", "C.UTF-8");
        cmd
    }

    /// Turns on IPv4 forwarding in `host` by writing /proc/sys directly
    /// (no dependence on procps' sysctl being installed).
    pub fn forward(&self, host: usize) {
        let out = Command::new("ip")
            .args(["netns", "exec", self.ns(host), "sh", "-c"])
            .arg("echo 1 > /proc/sys/net/ipv4/ip_forward")
            .bounded_output();
        assert!(
            out.status.success(),
            "ip_forward: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        for ns in &self.namespaces {
            let _ = try_ip(&["netns", "del", ns]);
        }
    }
}
