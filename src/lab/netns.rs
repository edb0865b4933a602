//! Runs a piece of code inside a named network namespace: on a thread of
//! its own that joins the namespace with setns(2) (a namespace belongs to a
//! thread, so the rest of the process stays where it was). Sockets made
//! there stay in that namespace when used from any thread afterwards.

use std::os::fd::AsRawFd;

use crate::error::Error;
use crate::t;

/// Runs `f` in namespace `ns` (as `ip netns` names it) and returns its value.
pub fn run_in<T: Send + 'static>(
    ns: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    let path = format!("/run/netns/{ns}");
    let file = std::fs::File::open(&path).map_err(|e| Error::Lab {
        message: t!("cannot open the namespace {path}: {error}", path, error = e),
        hint: t!("run stackviz lab up first").to_string(),
        usage: false,
    })?;
    let name = ns.to_string();
    let handle = std::thread::spawn(move || {
        // SAFETY: a valid open namespace file; CLONE_NEWNET only changes
        // this thread's network namespace.
        let rc = unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) };
        if rc != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(f())
    });
    match handle.join() {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(Error::Lab {
            message: t!(
                "cannot enter the namespace {ns}: {error}",
                ns = name,
                error = e
            ),
            hint: t!("entering a network namespace needs root (CAP_SYS_ADMIN)").to_string(),
            usage: false,
        }),
        Err(_) => Err(Error::Lab {
            message: t!(
                "the work inside namespace {ns} stopped unexpectedly",
                ns = name
            ),
            hint: t!("run stackviz lab status to see the lab").to_string(),
            usage: false,
        }),
    }
}

/// Reads a file as this namespace sees it (`/proc/net/snmp` is per
/// namespace, but /proc/self/net follows the process's main thread; the
/// thread's own view is /proc/thread-self/net).
pub fn read_in(ns: &str, path: &'static str) -> Result<Option<String>, Error> {
    run_in(ns, move || std::fs::read_to_string(path).ok())
}
