//! Loss without netem: a kernel built without sch_netem (as some CI and
//! cloud kernels are) still drops packets at random with a six-instruction
//! eBPF program attached at the receiving end's ingress (tcx, Linux 6.6+).
//! It runs before IP sees the packet, so the sender is told nothing, as on
//! a lossy wire. The program's name carries the loss in per mille, so
//! `status` can read it back.

use std::ffi::CString;

use crate::error::Error;
use crate::t;

use super::netns;

const BPF_PROG_LOAD: libc::c_long = 5;
const BPF_PROG_ATTACH: libc::c_long = 8;
const BPF_PROG_DETACH: libc::c_long = 9;
const BPF_PROG_GET_FD_BY_ID: libc::c_long = 13;
const BPF_OBJ_GET_INFO_BY_FD: libc::c_long = 15;
const BPF_PROG_QUERY: libc::c_long = 16;
const BPF_PROG_TYPE_SCHED_CLS: u32 = 3;
const BPF_TCX_INGRESS: u32 = 46;
const NAME_PREFIX: &str = "svloss_";

/// The program: drop (TC_ACT_SHOT) when a random u32 is below `threshold`.
fn program(threshold: u32) -> Vec<u8> {
    let insn = |code: u8, off: i16, imm: u32| {
        let mut b = vec![code, 0];
        b.extend(off.to_le_bytes());
        b.extend(imm.to_le_bytes());
        b
    };
    [
        insn(0x85, 0, 7),         // call bpf_get_prandom_u32
        insn(0xa6, 2, threshold), // if (u32)r0 < threshold goto drop
        insn(0xb7, 0, 0),         // r0 = TC_ACT_OK
        insn(0x95, 0, 0),         // exit
        insn(0xb7, 0, 2),         // drop: r0 = TC_ACT_SHOT
        insn(0x95, 0, 0),         // exit
    ]
    .concat()
}

fn bpf(cmd: libc::c_long, attr: &mut [u8; 144]) -> std::io::Result<i64> {
    // SAFETY: attr is a zeroed bpf_attr of 144 bytes (the kernel reads
    // only the fields of `cmd`), and every pointer in it outlives the call.
    let rc = unsafe { libc::syscall(libc::SYS_bpf, cmd, attr.as_mut_ptr(), attr.len()) };
    if rc < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(rc)
    }
}

fn put32(attr: &mut [u8; 144], at: usize, v: u32) {
    attr[at..at + 4].copy_from_slice(&v.to_le_bytes());
}
fn put64(attr: &mut [u8; 144], at: usize, v: u64) {
    attr[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

fn ifindex(dev: &str) -> std::io::Result<u32> {
    let name = CString::new(dev).map_err(|_| std::io::ErrorKind::InvalidInput)?;
    // SAFETY: a NUL-terminated name.
    match unsafe { libc::if_nametoindex(name.as_ptr()) } {
        0 => Err(std::io::Error::last_os_error()),
        i => Ok(i),
    }
}

fn close(fd: i64) {
    // SAFETY: an fd this module opened and owns.
    unsafe { libc::close(fd as i32) };
}

/// Programs of ours at `dev`'s ingress: (id, loss per mille).
fn ours(dev: &str) -> std::io::Result<Vec<(u32, u32)>> {
    let index = ifindex(dev)?;
    let mut ids = [0u32; 16];
    let mut attr = [0u8; 144];
    put32(&mut attr, 0, index);
    put32(&mut attr, 4, BPF_TCX_INGRESS);
    put64(&mut attr, 16, ids.as_mut_ptr() as u64);
    put32(&mut attr, 24, ids.len() as u32);
    bpf(BPF_PROG_QUERY, &mut attr)?;
    let count = u32::from_le_bytes([attr[24], attr[25], attr[26], attr[27]]) as usize;
    let mut found = Vec::new();
    for &id in ids.iter().take(count.min(ids.len())) {
        let mut attr = [0u8; 144];
        put32(&mut attr, 0, id);
        let Ok(fd) = bpf(BPF_PROG_GET_FD_BY_ID, &mut attr) else {
            continue;
        };
        let mut info = [0u8; 256];
        let mut attr = [0u8; 144];
        put32(&mut attr, 0, fd as u32);
        put32(&mut attr, 4, info.len() as u32);
        put64(&mut attr, 8, info.as_mut_ptr() as u64);
        let named = bpf(BPF_OBJ_GET_INFO_BY_FD, &mut attr).is_ok();
        close(fd);
        if !named {
            continue;
        }
        let name: String = info[64..80]
            .iter()
            .take_while(|&&b| b != 0)
            .map(|&b| b as char)
            .collect();
        if let Some(per_mille) = name.strip_prefix(NAME_PREFIX).and_then(|n| n.parse().ok()) {
            found.push((id, per_mille));
        }
    }
    Ok(found)
}

fn detach_all(dev: &str) -> std::io::Result<()> {
    let index = ifindex(dev)?;
    for (id, _) in ours(dev)? {
        let mut attr = [0u8; 144];
        put32(&mut attr, 0, id);
        let fd = bpf(BPF_PROG_GET_FD_BY_ID, &mut attr)?;
        let mut attr = [0u8; 144];
        put32(&mut attr, 0, index);
        put32(&mut attr, 4, fd as u32);
        put32(&mut attr, 8, BPF_TCX_INGRESS);
        let result = bpf(BPF_PROG_DETACH, &mut attr);
        close(fd);
        result?;
    }
    Ok(())
}

fn attach(dev: &str, loss_percent: f64) -> std::io::Result<()> {
    detach_all(dev)?;
    let per_mille = (loss_percent * 10.0).round().clamp(0.0, 1000.0) as u32;
    let threshold = ((per_mille as u64 * (1u64 << 32)) / 1000).min(u32::MAX as u64) as u32;
    let code = program(threshold);
    let license = b"GPL\0";
    let name = format!("{NAME_PREFIX}{per_mille}");
    let mut attr = [0u8; 144];
    put32(&mut attr, 0, BPF_PROG_TYPE_SCHED_CLS);
    put32(&mut attr, 4, (code.len() / 8) as u32);
    put64(&mut attr, 8, code.as_ptr() as u64);
    put64(&mut attr, 16, license.as_ptr() as u64);
    attr[48..48 + name.len()].copy_from_slice(name.as_bytes());
    let fd = bpf(BPF_PROG_LOAD, &mut attr)?;
    let mut attr = [0u8; 144];
    put32(&mut attr, 0, ifindex(dev)?);
    put32(&mut attr, 4, fd as u32);
    put32(&mut attr, 8, BPF_TCX_INGRESS);
    // The attachment holds the program after this fd and process are gone.
    let result = bpf(BPF_PROG_ATTACH, &mut attr);
    close(fd);
    result.map(|_| ())
}

fn lab_error(what: String, e: std::io::Error) -> Error {
    Error::Lab {
        message: t!("{what}: {error}", what, error = e),
        hint: t!("this kernel has no netem; the eBPF loss filter needs Linux 6.6 or later (tcx) and root").to_string(),
        usage: false,
    }
}

/// Drops `loss_percent` of the packets arriving at `dev` in namespace `ns`.
pub fn set(ns: &str, dev: &str, loss_percent: f64) -> Result<(), Error> {
    let d = dev.to_string();
    netns::run_in(ns, move || attach(&d, loss_percent))?
        .map_err(|e| lab_error(t!("cannot attach the eBPF loss filter to {dev}", dev), e))
}

/// Removes the loss filter from `dev` (nothing there: nothing done).
pub fn clear(ns: &str, dev: &str) -> Result<(), Error> {
    let d = dev.to_string();
    netns::run_in(ns, move || detach_all(&d))?
        .map_err(|e| lab_error(t!("cannot remove the eBPF loss filter from {dev}", dev), e))
}

/// The loss percent of the filter at `dev`'s ingress, if one is there.
pub fn read(ns: &str, dev: &str) -> Result<Option<f64>, Error> {
    let d = dev.to_string();
    let found = netns::run_in(ns, move || ours(&d))?.unwrap_or_default();
    Ok(found.first().map(|&(_, per_mille)| per_mille as f64 / 10.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_instructions_with_the_threshold_in_place() {
        let code = program(0x4ccc_cccc);
        assert_eq!(code.len(), 48);
        assert_eq!(&code[8..16], &[0xa6, 0, 2, 0, 0xcc, 0xcc, 0xcc, 0x4c]);
        assert_eq!(code[0], 0x85);
        assert_eq!(code[32..34], [0xb7, 0]);
        assert_eq!(code[36], 2);
    }
}
