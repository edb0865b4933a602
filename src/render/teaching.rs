//! `stackviz layers`: the five-layer model as one table, or mapped onto the
//! seven OSI layers.

use std::io::{self, Write};

use super::{new_table, paint, RenderOptions};
use crate::t;
use crate::teaching::model;

pub fn layers(osi: bool, out: &mut impl Write, options: &RenderOptions) -> io::Result<()> {
    let rows = model();
    let mut table = new_table(options);
    if osi {
        table.set_header(vec![
            t!("TCP/IP layer"),
            t!("OSI layers it covers"),
            "PDU",
            t!("address"),
        ]);
        for row in &rows {
            table.add_row(vec![
                paint(options, row.layer, row.layer.title()),
                row.osi.join("\n"),
                row.pdu.to_string(),
                row.address.to_string(),
            ]);
        }
    } else {
        table.set_header(vec![
            t!("layer"),
            t!("what it does"),
            "PDU",
            t!("header it adds"),
            t!("address"),
            t!("lives in"),
            t!("stackviz shows it"),
        ]);
        for row in &rows {
            table.add_row(vec![
                paint(options, row.layer, row.layer.title()),
                row.does.to_string(),
                row.pdu.to_string(),
                row.header.to_string(),
                row.address.to_string(),
                row.lives_in.to_string(),
                row.shown_by.to_string(),
            ]);
        }
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}",
        t!("A sender goes down this table adding headers (encapsulation); a receiver goes up it stripping them (decapsulation).")
    )
}
