//! `stackviz layers` as the binary runs it: the five-layer model as a table
//! (or the OSI mapping), or as JSON.

use stackviz::cli::{Format, LayersArgs};
use stackviz::error::Error;
use stackviz::render::{self, RenderOptions};

use super::Finished;

/// Writes the model into `out`.
pub fn layers(
    args: &LayersArgs,
    format: Format,
    options: &RenderOptions,
    out: &mut Vec<u8>,
) -> Result<Finished, Error> {
    match format {
        Format::Table => render::teaching::layers(args.osi, out, options),
        Format::Json => render::json::render_layers(&stackviz::teaching::model(), out),
    }
    .map_err(Error::Output)?;
    Ok(Finished::Done)
}
