//! Chinese for what the renderers write: headings, column names, legends (src/render/).

pub(super) const ENTRIES: &[(&str, &str)] = &[];
