//! The socket calls of sender and receiver, as a table in the order they ran.

use std::io::{self, Write};

use super::{new_table, RenderOptions};
use crate::net::exchange::{Exchange, Side};
use crate::t;

pub fn render(
    exchange: &Exchange,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let mut table = new_table(options);
    table.set_header(vec![
        "#",
        t!("side"),
        t!("call"),
        t!("returned"),
        t!("why it matters"),
    ]);
    for (i, call) in exchange.calls.iter().enumerate() {
        let side = match call.side {
            Side::Sender => t!("sender"),
            Side::Receiver => t!("receiver"),
        };
        table.add_row(vec![
            (i + 1).to_string(),
            side.into(),
            call.call.clone(),
            call.result.clone(),
            call.note.clone(),
        ]);
    }
    writeln!(out, "{table}")
}
