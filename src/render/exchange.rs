//! The socket calls of sender and receiver, as a table in the order they ran.

use std::io::{self, Write};

use super::{new_table, RenderOptions};
use crate::net::exchange::{Exchange, Side};

pub fn render(
    exchange: &Exchange,
    out: &mut impl Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let mut table = new_table(options);
    table.set_header(vec!["#", "side", "call", "returned", "why it matters"]);
    for (i, call) in exchange.calls.iter().enumerate() {
        let side = match call.side {
            Side::Sender => "sender",
            Side::Receiver => "receiver",
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
