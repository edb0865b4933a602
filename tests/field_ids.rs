//! A field id is spelled in one file only: an id that two rooms name (the
//! dissector and the comparison, the origins, a renderer) is a constant in
//! src/field_id.rs, so renaming it cannot silently lose an origin or a
//! verdict. This test reads the source the way a reviewer would.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The protocol prefixes field ids start with.
const PREFIXES: &[&str] = &[
    "eth", "vlan", "sll", "arp", "ipv4", "ipv6", "icmp", "icmpv6", "udp", "tcp", "app", "phy",
    "pseudo",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every string literal of the form "prefix.name[.more]" in `text`.
fn id_literals(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for piece in text.split('"').skip(1).step_by(2) {
        let Some((prefix, rest)) = piece.split_once('.') else {
            continue;
        };
        let id_like = PREFIXES.contains(&prefix)
            && !rest.is_empty()
            && !rest.ends_with('.')
            && rest
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        if id_like {
            found.insert(piece.to_string());
        }
    }
    found
}

#[test]
fn no_field_id_is_spelled_in_two_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut places: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for id in id_literals(&text) {
            places
                .entry(id)
                .or_default()
                .push(file.strip_prefix(&src).unwrap().display().to_string());
        }
    }
    // The scan must see the ids (a broken scan would pass on nothing).
    assert!(places.len() > 100, "only {} ids found", places.len());
    assert!(places.contains_key("eth.fcs") && places.contains_key("udp.checksum"));
    let twice: Vec<String> = places
        .iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(id, files)| format!("{id}: {}", files.join(", ")))
        .collect();
    assert!(
        twice.is_empty(),
        "ids spelled in more than one file (make them constants in src/field_id.rs):\n{}",
        twice.join("\n")
    );
}
