//! Runs iproute2's `ip` and `tc` with a time limit, turning "not installed"
//! and "failed" into one-line errors with a hint.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::t;

/// No `ip` or `tc` call the lab makes takes more than a fraction of a
/// second; this bounds a hung one.
const LIMIT: Duration = Duration::from_secs(10);

/// What a finished command printed.
#[derive(Debug)]
pub struct Output {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `program args…`, at most 10 s; Err only when it could not run.
pub fn run(program: &str, args: &[&str]) -> Result<Output, Error> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Lab {
                    message: t!("{program} was not found: the lab needs iproute2", program),
                    hint: t!("install iproute2 (apt-get install iproute2, dnf install iproute), which provides ip and tc").to_string(),
                    usage: false,
                }
            } else {
                Error::Lab {
                    message: t!("could not run {program}: {error}", program, error = e),
                    hint: t!("check that iproute2 is installed and runnable").to_string(),
                    usage: false,
                }
            }
        })?;
    // Small outputs: read them after the exit (pipes hold 64 KiB).
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() < LIMIT => std::thread::sleep(Duration::from_millis(2)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    if let Some(out) = child.stdout.as_mut() {
        let _ = out.read_to_string(&mut stdout);
    }
    if let Some(err) = child.stderr.as_mut() {
        let _ = err.read_to_string(&mut stderr);
    }
    let Some(status) = status else {
        return Err(Error::Lab {
            message: t!(
                "{program} {args} did not finish within 10 s",
                program,
                args = args.join(" ")
            ),
            hint: t!("run stackviz lab down, then try again").to_string(),
            usage: false,
        });
    };
    Ok(Output {
        success: status.success(),
        stdout,
        stderr,
    })
}

/// Runs `program args…` and requires success.
pub fn must(program: &str, args: &[&str]) -> Result<String, Error> {
    let out = run(program, args)?;
    if out.success {
        return Ok(out.stdout);
    }
    Err(Error::Lab {
        message: t!(
            "{command} failed: {stderr}",
            command = format!("{program} {}", args.join(" ")),
            stderr = out.stderr.trim()
        ),
        hint: t!("stackviz lab down removes whatever the lab made; then run stackviz lab up again")
            .to_string(),
        usage: false,
    })
}

/// The names of the network namespaces that exist (`ip netns list`).
pub fn namespaces() -> Result<Vec<String>, Error> {
    let out = must("ip", &["netns", "list"])?;
    Ok(out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect())
}
