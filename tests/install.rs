//! What a newcomer installs beside the binary: shell completions and the
//! manual page (both generated from the one command-line definition), and
//! the namespace lab script (idempotent, usable from any directory).

mod common;

use std::process::Command as StdCommand;

use common::{is_root, need, stackviz, succeeded, Bounded, TempFile, BIN};

const LAB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/netns-lab.sh");

fn stdout_of(args: &[&str]) -> String {
    String::from_utf8(succeeded(stackviz().args(args)).stdout).unwrap()
}

const COMMANDS: [&str; 4] = ["send", "recv", "decode", "layers"];

#[test]
fn bash_completion_is_valid_bash_and_knows_every_command_and_option() {
    let script = stdout_of(&["completions", "bash"]);
    let file = TempFile::with("completion.bash", script.as_bytes());
    // Loaded into a real bash, it registers a completion for stackviz.
    let out = StdCommand::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p stackviz", file.path()))
        .bounded_output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("-F _stackviz"));
    let words: Vec<&str> = script
        .split(|c: char| c.is_whitespace() || c == '"')
        .collect();
    for word in COMMANDS.iter().chain(&[
        "--no-receiver",
        "--dont-fragment",
        "--summary",
        "--buf",
        "--osi",
    ]) {
        assert!(
            words.contains(word),
            "{word} missing from the bash completion"
        );
    }
}

#[test]
fn zsh_and_fish_completions_name_stackviz() {
    assert!(stdout_of(&["completions", "zsh"]).starts_with("#compdef stackviz"));
    let fish = stdout_of(&["completions", "fish"]);
    assert!(fish.contains("complete -c stackviz"), "{fish}");
    assert!(fish.contains("-l no-receiver"), "{fish}");
}

#[test]
fn the_man_page_lists_every_command_and_each_command_has_its_page() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH stackviz 1"), "{page}");
    for command in COMMANDS {
        assert!(
            page.contains(&format!("stackviz\\-{command}(1)")),
            "{command} missing from stackviz(1)"
        );
        let sub = stdout_of(&["man", command]);
        assert!(sub.contains(&format!(".TH stackviz-{command} 1")), "{sub}");
    }
    // Every option of send, as --help lists it, is on its page.
    let send = stdout_of(&["man", "send"]);
    for option in [
        "\\-\\-no\\-receiver",
        "\\-\\-pcap",
        "\\-\\-mtu",
        "\\-\\-force",
    ] {
        assert!(
            send.contains(option),
            "{option} missing from stackviz-send(1)"
        );
    }
    let out = stackviz().args(["man", "bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_follows_the_language() {
    let page = stdout_of(&["--lang", "zh", "man", "send"]);
    assert!(page.contains("发送一个真实的 UDP 用户数据报"), "{page}");
}

/// The lab under a prefix of its own, taken down even when the test fails.
struct Lab {
    prefix: String,
}

impl Lab {
    fn run(&self, args: &[&str]) -> (Option<i32>, String, String) {
        let out = StdCommand::new("bash")
            .arg(LAB)
            .args(args)
            .env("LAB_PREFIX", &self.prefix)
            .env("STACKVIZ", BIN)
            // From another directory: the script must not need the repository's.
            .current_dir(std::env::temp_dir())
            .bounded_output();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        let _ = self.run(&["down"]);
    }
}

#[test]
fn the_lab_script_is_idempotent_and_says_what_to_run_next() {
    if !need(
        "the_lab_script_is_idempotent_and_says_what_to_run_next",
        is_root(),
        "the namespace lab needs root",
    ) {
        return;
    }
    let lab = Lab {
        prefix: format!("svl{}", std::process::id() % 100_000),
    };
    let (code, out, _) = lab.run(&["status"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("lab down (start it with:"), "{out}");
    let (code, _, err) = lab.run(&["demo"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("error: the lab is not up") && err.contains("up first"),
        "{err}"
    );

    let (code, out, err) = lab.run(&["up"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("lab up:") && out.contains("next: "), "{out}");
    let (code, out, _) = lab.run(&["up"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("lab already up: nothing changed"), "{out}");
    let (_, out, _) = lab.run(&["status"]);
    assert!(out.contains("5 of 5 namespaces up"), "{out}");
    assert!(
        out.contains(&format!("{}-b: 10.200.0.2/24", lab.prefix)),
        "{out}"
    );

    let (code, out, err) = lab.run(&["demo"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.matches("summary: 1 datagram").count(), 2, "{out}");
    assert!(
        out.contains("10.201.1.1:") && out.contains("→ 10.201.2.2:15001"),
        "{out}"
    );

    let (code, out, _) = lab.run(&["down"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.trim(), "lab down");
    let (_, out, _) = lab.run(&["down"]);
    assert_eq!(out.trim(), "lab already down");
    let list = StdCommand::new("ip")
        .args(["netns", "list"])
        .bounded_output();
    assert!(!String::from_utf8_lossy(&list.stdout).contains(&lab.prefix));
}
