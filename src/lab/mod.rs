//! `stackviz lab`: two hosts in network namespaces joined by a veth pair,
//! with the link impaired by netem (loss, delay, jitter, reordering,
//! duplication), and traffic sent across it to show what each loss does.
//! Everything is made with iproute2 (`ip`, `tc`) as root; the names come
//! from a prefix (`sv` by default, as scripts/netns-lab.sh uses) so tests
//! can run labs of their own.

pub mod bpf_loss;
pub mod cbpf;
pub mod duplicate;
pub mod link;
pub mod mtu;
pub mod netem;
pub mod netns;
pub mod rate;
pub mod reorder;
pub mod tcp;
pub mod tools;
pub mod udp;

use crate::error::Error;
use crate::t;

/// The names of one lab's namespaces and interfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub prefix: String,
}

/// Sender's address (host a) and receiver's (host b): the script's.
pub const ADDR_A: &str = "10.200.0.1";
pub const ADDR_B: &str = "10.200.0.2";

impl Names {
    /// Checks the prefix: interface names hold 15 bytes at most and the
    /// longest made here adds 3 (`-a0`), so 12; letters, digits and `-`.
    pub fn new(prefix: &str) -> Result<Names, Error> {
        let fine = !prefix.is_empty()
            && prefix.len() <= 12
            && prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !fine {
            return Err(Error::Lab {
                message: t!(
                    "the lab prefix {prefix} cannot name an interface",
                    prefix = format!("{prefix:?}")
                ),
                hint: t!("give 1 to 12 letters, digits, - or _ (e.g. --prefix sv)").to_string(),
                usage: true,
            });
        }
        Ok(Names {
            prefix: prefix.to_string(),
        })
    }

    /// Host a's namespace (the sender).
    pub fn ns_a(&self) -> String {
        format!("{}-a", self.prefix)
    }
    /// Host b's namespace (the receiver).
    pub fn ns_b(&self) -> String {
        format!("{}-b", self.prefix)
    }
    /// Host a's end of the veth pair.
    pub fn dev_a(&self) -> String {
        format!("{}-a0", self.prefix)
    }
    /// Host b's end of the veth pair.
    pub fn dev_b(&self) -> String {
        format!("{}-b0", self.prefix)
    }
}

/// Refuses to go on without root: namespaces, veths and qdiscs need
/// CAP_SYS_ADMIN and CAP_NET_ADMIN.
pub fn need_root(command: &str) -> Result<(), Error> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let euid = unsafe { libc::geteuid() };
    if euid == 0 {
        return Ok(());
    }
    Err(Error::Lab {
        message: t!("the lab creates network namespaces and changes qdiscs, which needs root")
            .to_string(),
        hint: t!("run it as root: sudo stackviz lab {command}", command),
        usage: false,
    })
}
