//! Headless Chromium for the HTML report tests: finding it (a skip outside
//! CI, a failure under CI when it is missing), the flags that keep it quiet
//! and offline, and `--dump-dom` with a time limit.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use super::{need, read_within, RUN_LIMIT};

/// Flags for a headless run that talks to no network and keeps no state
/// beyond its `--user-data-dir`.
pub const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The first Chromium-like browser that runs here.
pub fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// The browser for `test`; None (a loud skip) when there is none, a
/// failure when CI is set.
pub fn chromium_for(test: &str) -> Option<&'static str> {
    let found = chromium();
    need(
        test,
        found.is_some(),
        "Chromium is not installed (.ci/run installs it)",
    )
    .then_some(found)
    .flatten()
}

/// The DOM of `url` after its script ran, in headless `browser` with its
/// own `profile` directory; the browser and its helpers (one process group)
/// are killed after at most [`RUN_LIMIT`].
pub fn dump_dom(browser: &str, url: &str, profile: &Path) -> String {
    let mut child = Command::new(browser)
        .args(HEADLESS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("chromium runs");
    let stdout = child.stdout.take().expect("piped stdout");
    let pid = child.id() as libc::pid_t;
    let kill = move || {
        // SAFETY: kill() on the process group of our own, not yet reaped child.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
    };
    let dom = std::panic::catch_unwind(|| read_within(stdout, RUN_LIMIT, "chromium answered"));
    kill();
    let _ = child.wait();
    dom.unwrap_or_else(|e| std::panic::resume_unwind(e))
}
