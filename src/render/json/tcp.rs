//! `send --tcp --format json`: the trace of one connection (stub until the
//! JSON helper's work lands).

use std::io::{self, Write};

use crate::tcp::TcpReport;

pub fn render(report: &TcpReport, out: &mut impl Write) -> io::Result<()> {
    let _ = report;
    writeln!(out, "{{}}")
}
