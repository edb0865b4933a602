//! Turning what the user typed into payload bytes: text, hex, a file or
//! standard input. Errors say exactly what was wrong and where.

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// Why a hex string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    #[error("{found:?} at position {position} is not a hex digit")]
    NotHex { found: char, position: usize },
    #[error("odd number of hex digits ({digits}): every byte needs two")]
    OddDigits { digits: usize },
    #[error("no hex digits given")]
    Empty,
}

/// Parses hex bytes; whitespace, colons, dashes and `0x` prefixes are allowed
/// between bytes. Positions count characters from 1.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, HexError> {
    let mut digits = Vec::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '0' && matches!(chars.get(i + 1), Some('x') | Some('X')) && (digits.len() % 2 == 0)
        {
            i += 2;
            continue;
        }
        match c.to_digit(16) {
            Some(d) => digits.push(d as u8),
            None if c.is_whitespace() || c == ':' || c == '-' => {}
            None => {
                return Err(HexError::NotHex {
                    found: c,
                    position: i + 1,
                })
            }
        }
        i += 1;
    }
    if digits.is_empty() {
        return Err(HexError::Empty);
    }
    if digits.len() % 2 == 1 {
        return Err(HexError::OddDigits {
            digits: digits.len(),
        });
    }
    Ok(digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect())
}

/// Reads a payload from a file, or from standard input for "-".
pub fn read_payload_file(path: &Path) -> Result<Vec<u8>, Error> {
    let data = if path == Path::new("-") {
        read_stdin()?
    } else {
        std::fs::read(path).map_err(|source| Error::ReadFile {
            path: path.to_path_buf(),
            source,
        })?
    };
    if data.is_empty() {
        return Err(Error::EmptyPayload {
            what: if path == Path::new("-") {
                "standard input".into()
            } else {
                path.display().to_string()
            },
        });
    }
    Ok(data)
}

/// Reads all of standard input.
pub fn read_stdin() -> Result<Vec<u8>, Error> {
    let mut data = Vec::new();
    std::io::stdin()
        .read_to_end(&mut data)
        .map_err(Error::ReadStdin)?;
    Ok(data)
}
