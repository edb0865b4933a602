//! Chinese for running a command: the socket exchange, capture, comparison, notes, errors and hints (src/send.rs, recv.rs, decode.rs, input.rs, compare.rs, teaching.rs, error.rs, output.rs, src/net/, src/commands/).

pub(super) const ENTRIES: &[(&str, &str)] = &[];
