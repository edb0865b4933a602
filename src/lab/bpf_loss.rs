//! Loss without netem: a kernel built without sch_netem (as some CI and
//! cloud kernels are) still drops packets at random with a six-instruction
//! XDP program on the receiving veth end. XDP runs when the frame comes
//! off the link, before packet sockets see it, so a capture on the
//! receiving end never shows a lost frame while one on the sending end
//! does, and the sender is told nothing: a lossy wire. Attached through
//! netlink (IFLA_XDP), it stays after this process ends. The program's
//! name carries the loss in per mille, so `status` can read it back.

use std::ffi::CString;

use netlink_packet_core::{
    NetlinkHeader, NetlinkMessage, NetlinkPayload, NLM_F_ACK, NLM_F_REQUEST,
};
use netlink_packet_route::link::{LinkAttribute, LinkMessage, LinkXdp};
use netlink_packet_route::RouteNetlinkMessage;
use netlink_sys::{protocols::NETLINK_ROUTE, Socket, SocketAddr};

use crate::error::Error;
use crate::t;

use super::netns;

const BPF_PROG_LOAD: libc::c_long = 5;
const BPF_PROG_GET_FD_BY_ID: libc::c_long = 13;
const BPF_OBJ_GET_INFO_BY_FD: libc::c_long = 15;
const BPF_PROG_TYPE_XDP: u32 = 6;
const NAME_PREFIX: &str = "svloss_";

/// The program: drop (XDP_DROP) when a random u32 is below `threshold`,
/// else pass (XDP_PASS).
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
        insn(0xb7, 0, 2),         // r0 = XDP_PASS
        insn(0x95, 0, 0),         // exit
        insn(0xb7, 0, 1),         // drop: r0 = XDP_DROP
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

/// Sends one link request over rtnetlink; the reply (or the ack).
fn rtnetlink(message: LinkMessage, set: bool) -> std::io::Result<Option<LinkMessage>> {
    let mut socket = Socket::new(NETLINK_ROUTE)?;
    socket.bind_auto()?;
    socket.connect(&SocketAddr::new(0, 0))?;
    let mut header = NetlinkHeader::default();
    header.flags = NLM_F_REQUEST | if set { NLM_F_ACK } else { 0 };
    let payload = if set {
        RouteNetlinkMessage::SetLink(message)
    } else {
        RouteNetlinkMessage::GetLink(message)
    };
    let mut request = NetlinkMessage::new(header, NetlinkPayload::from(payload));
    request.finalize();
    let mut buf = vec![0; request.header.length as usize];
    request.serialize(&mut buf[..]);
    socket.send(&buf[..], 0)?;
    let mut receive = vec![0u8; 1 << 16];
    let size = socket.recv(&mut &mut receive[..], 0)?;
    let reply: NetlinkMessage<RouteNetlinkMessage> =
        NetlinkMessage::deserialize(&receive[..size]).map_err(std::io::Error::other)?;
    match reply.payload {
        NetlinkPayload::Error(e) if e.code.is_some() => Err(e.to_io()),
        NetlinkPayload::InnerMessage(RouteNetlinkMessage::NewLink(link)) => Ok(Some(link)),
        _ => Ok(None),
    }
}

fn link_message(index: u32) -> LinkMessage {
    let mut message = LinkMessage::default();
    message.header.index = index;
    message
}

/// The XDP program of ours on `dev`: (id, loss per mille).
fn ours(dev: &str) -> std::io::Result<Option<(u32, u32)>> {
    let Some(link) = rtnetlink(link_message(ifindex(dev)?), false)? else {
        return Ok(None);
    };
    let id = link.attributes.iter().find_map(|a| match a {
        LinkAttribute::Xdp(xdp) => xdp.iter().find_map(|x| match x {
            LinkXdp::ProgId(id) if *id != 0 => Some(*id),
            _ => None,
        }),
        _ => None,
    });
    let Some(id) = id else { return Ok(None) };
    let mut attr = [0u8; 144];
    put32(&mut attr, 0, id);
    let fd = bpf(BPF_PROG_GET_FD_BY_ID, &mut attr)?;
    let mut info = [0u8; 256];
    let mut attr = [0u8; 144];
    put32(&mut attr, 0, fd as u32);
    put32(&mut attr, 4, info.len() as u32);
    put64(&mut attr, 8, info.as_mut_ptr() as u64);
    let named = bpf(BPF_OBJ_GET_INFO_BY_FD, &mut attr);
    close(fd);
    named?;
    let name: String = info[64..80]
        .iter()
        .take_while(|&&b| b != 0)
        .map(|&b| b as char)
        .collect();
    Ok(name
        .strip_prefix(NAME_PREFIX)
        .and_then(|n| n.parse().ok())
        .map(|per_mille| (id, per_mille)))
}

/// Attaches program `fd` to `dev` (-1: removes whatever is there).
fn set_xdp(dev: &str, fd: i32) -> std::io::Result<()> {
    let mut message = link_message(ifindex(dev)?);
    message
        .attributes
        .push(LinkAttribute::Xdp(vec![LinkXdp::Fd(fd)]));
    rtnetlink(message, true).map(|_| ())
}

fn detach_all(dev: &str) -> std::io::Result<()> {
    if ours(dev)?.is_some() {
        set_xdp(dev, -1)?;
    }
    Ok(())
}

fn attach(dev: &str, loss_percent: f64) -> std::io::Result<()> {
    let per_mille = (loss_percent * 10.0).round().clamp(0.0, 1000.0) as u32;
    let threshold = ((per_mille as u64 * (1u64 << 32)) / 1000).min(u32::MAX as u64) as u32;
    let code = program(threshold);
    let license = b"GPL\0";
    let name = format!("{NAME_PREFIX}{per_mille}");
    let mut attr = [0u8; 144];
    put32(&mut attr, 0, BPF_PROG_TYPE_XDP);
    put32(&mut attr, 4, (code.len() / 8) as u32);
    put64(&mut attr, 8, code.as_ptr() as u64);
    put64(&mut attr, 16, license.as_ptr() as u64);
    attr[48..48 + name.len()].copy_from_slice(name.as_bytes());
    let fd = bpf(BPF_PROG_LOAD, &mut attr)?;
    // The attachment holds the program after this fd and process are
    // gone; it replaces any program there.
    let result = set_xdp(dev, fd as i32);
    close(fd);
    result
}

fn lab_error(what: String, e: std::io::Error) -> Error {
    Error::Lab {
        message: t!("{what}: {error}", what, error = e),
        hint: t!("the XDP loss filter needs root (CAP_NET_ADMIN, CAP_BPF)").to_string(),
        usage: false,
    }
}

/// Drops `loss_percent` of the packets arriving at `dev` in namespace `ns`.
pub fn set(ns: &str, dev: &str, loss_percent: f64) -> Result<(), Error> {
    let d = dev.to_string();
    netns::run_in(ns, move || attach(&d, loss_percent))?
        .map_err(|e| lab_error(t!("cannot attach the XDP loss filter to {dev}", dev), e))
}

/// Removes the loss filter from `dev` (nothing there: nothing done).
pub fn clear(ns: &str, dev: &str) -> Result<(), Error> {
    let d = dev.to_string();
    netns::run_in(ns, move || detach_all(&d))?
        .map_err(|e| lab_error(t!("cannot remove the XDP loss filter from {dev}", dev), e))
}

/// The loss percent of the filter at `dev`'s ingress, if one is there.
pub fn read(ns: &str, dev: &str) -> Result<Option<f64>, Error> {
    let d = dev.to_string();
    let found = netns::run_in(ns, move || ours(&d))?.unwrap_or_default();
    Ok(found.map(|(_, per_mille)| per_mille as f64 / 10.0))
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
        assert_eq!(code[20], 2);
        assert_eq!(code[36], 1);
    }
}
