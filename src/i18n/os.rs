//! The operating system's error texts a learner meets, in the reader's
//! language. Rust prints an io::Error as the C library's English
//! (`Connection refused (os error 111)`); in Chinese the errno's meaning is
//! said in Chinese and its name kept (ECONNREFUSED), the name a learner will
//! search for and find in man pages.

use std::io;

use super::{language, Lang};
use crate::t;

/// The symbolic name of an errno value, for the errors stackviz meets.
pub fn errno_name(code: i32) -> Option<&'static str> {
    Some(match code {
        libc::EPERM => "EPERM",
        libc::ENOENT => "ENOENT",
        libc::EINTR => "EINTR",
        libc::EACCES => "EACCES",
        libc::EEXIST => "EEXIST",
        libc::ENOTDIR => "ENOTDIR",
        libc::EISDIR => "EISDIR",
        libc::EINVAL => "EINVAL",
        libc::ENOSPC => "ENOSPC",
        libc::EROFS => "EROFS",
        libc::EPIPE => "EPIPE",
        libc::EAGAIN => "EAGAIN",
        libc::ENODEV => "ENODEV",
        libc::EMSGSIZE => "EMSGSIZE",
        libc::EAFNOSUPPORT => "EAFNOSUPPORT",
        libc::EADDRINUSE => "EADDRINUSE",
        libc::EADDRNOTAVAIL => "EADDRNOTAVAIL",
        libc::ENETUNREACH => "ENETUNREACH",
        libc::ECONNREFUSED => "ECONNREFUSED",
        libc::ECONNRESET => "ECONNRESET",
        libc::EHOSTUNREACH => "EHOSTUNREACH",
        libc::ETIMEDOUT => "ETIMEDOUT",
        _ => return None,
    })
}

/// What an errno means, in the current language (English: the C library's
/// own words).
pub fn errno_meaning(code: i32) -> Option<&'static str> {
    Some(match code {
        libc::EPERM => t!("Operation not permitted"),
        libc::ENOENT => t!("No such file or directory"),
        libc::EINTR => t!("Interrupted system call"),
        libc::EACCES => t!("Permission denied"),
        libc::EEXIST => t!("File exists"),
        libc::ENOTDIR => t!("Not a directory"),
        libc::EISDIR => t!("Is a directory"),
        libc::EINVAL => t!("Invalid argument"),
        libc::ENOSPC => t!("No space left on device"),
        libc::EROFS => t!("Read-only file system"),
        libc::EPIPE => t!("Broken pipe"),
        libc::EAGAIN => t!("Resource temporarily unavailable"),
        libc::ENODEV => t!("No such device"),
        libc::EMSGSIZE => t!("Message too long"),
        libc::EAFNOSUPPORT => t!("Address family not supported by protocol"),
        libc::EADDRINUSE => t!("Address already in use"),
        libc::EADDRNOTAVAIL => t!("Cannot assign requested address"),
        libc::ENETUNREACH => t!("Network is unreachable"),
        libc::ECONNREFUSED => t!("Connection refused"),
        libc::ECONNRESET => t!("Connection reset by peer"),
        libc::EHOSTUNREACH => t!("No route to host"),
        libc::ETIMEDOUT => t!("Connection timed out"),
        _ => return None,
    })
}

/// An errno as a socket call's result shows it: `ECONNREFUSED (Connection
/// refused)`, in Chinese `ECONNREFUSED（连接被拒绝）`.
pub fn errno_text(code: i32) -> Option<String> {
    let name = errno_name(code)?;
    let meaning = errno_meaning(code)?;
    Some(match language() {
        Lang::En => format!("{name} ({meaning})"),
        Lang::Zh => format!("{name}（{meaning}）"),
    })
}

/// An io::Error for a sentence: unchanged in English (`Connection refused
/// (os error 111)`); in Chinese `连接被拒绝（ECONNREFUSED）` when the errno is
/// one in the table, else the error as the OS gave it.
pub fn describe(error: &io::Error) -> String {
    if language() == Lang::Zh {
        if let Some(code) = error.raw_os_error() {
            if let (Some(name), Some(meaning)) = (errno_name(code), errno_meaning(code)) {
                return format!("{meaning}（{name}）");
            }
        }
    }
    error.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::with_language;

    #[test]
    fn a_refused_connection_is_said_in_chinese_with_its_errno_name() {
        let refused = io::Error::from_raw_os_error(libc::ECONNREFUSED);
        let zh = with_language(Lang::Zh, || describe(&refused));
        assert_eq!(zh, "连接被拒绝（ECONNREFUSED）");
        let en = with_language(Lang::En, || describe(&refused));
        assert_eq!(en, refused.to_string());
        let text = with_language(Lang::Zh, || errno_text(libc::EMSGSIZE));
        assert_eq!(text.as_deref(), Some("EMSGSIZE（报文过长）"));
    }
}
