//! Turning what the user typed into payload bytes: text, hex, a file or
//! standard input. Errors say exactly what was wrong and where.

use std::io::Read;
use std::path::Path;

use crate::error::{EmptyInput, Error};

pub use crate::error::HexError;

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
                EmptyInput::Stdin
            } else {
                EmptyInput::File(path.to_path_buf())
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

/// Is this line `OFFSET<sep> hex…`? Returns the offset and the rest.
/// Accepts tcpdump -xx (`0x0000:  4500 0054`), Wireshark/tshark hex dumps
/// (`0000   45 00 00 54`), xxd (`00000000: 4500 0054`) and hexdump -C.
fn offset_line(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let token_end = trimmed.find(char::is_whitespace)?;
    let token = &trimmed[..token_end];
    // An offset is marked (`0x…`, `…:`) or followed by a wide gap; a lone
    // `0000 ` in plain hex is data.
    let marked = token.ends_with(':') || token.starts_with("0x") || token.starts_with("0X");
    if !marked && !trimmed[token_end..].starts_with("  ") {
        return None;
    }
    let digits = token.trim_end_matches(':');
    let digits = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
        .unwrap_or(digits);
    if digits.len() < 4 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let offset = usize::from_str_radix(digits, 16).ok()?;
    Some((offset, &trimmed[token_end..]))
}

/// The hex bytes of one dump line after its offset, stopping where the ASCII
/// column starts (a gap of two or more spaces, or a token that is not hex).
fn dump_line_bytes(rest: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut tokens_seen = 0usize;
    let rest = rest.trim_start();
    let mut i = 0;
    let chars: Vec<char> = rest.chars().collect();
    while i < chars.len() {
        // Measure the gap before the next token.
        let gap_start = i;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let gap = i - gap_start;
        if i >= chars.len() || chars[i] == '\t' && tokens_seen > 0 {
            break;
        }
        // hexdump -C and tshark put a double space after the 8th byte; any
        // other wide gap is where the ASCII column begins.
        if tokens_seen > 0 && gap >= 2 && !(gap == 2 && bytes.len() == 8) {
            break;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        if token.len() % 2 == 1 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
            break;
        }
        for pair in token.as_bytes().chunks(2) {
            let text = std::str::from_utf8(pair).unwrap_or("00");
            bytes.push(u8::from_str_radix(text, 16).unwrap_or(0));
        }
        tokens_seen += 1;
        while i < chars.len() && chars[i] == '\t' {
            i += 1;
        }
    }
    bytes
}

/// Frames written as text: offset-prefixed dumps (a new frame starts where
/// the offset returns to 0; lines without an offset are skipped), or else
/// plain hex for one frame.
pub fn parse_frames_text(text: &str) -> Result<Vec<Vec<u8>>, HexError> {
    let lines: Vec<(usize, &str)> = text.lines().filter_map(offset_line).collect();
    if lines.is_empty() {
        return parse_hex(text).map(|frame| vec![frame]);
    }
    let mut frames: Vec<Vec<u8>> = Vec::new();
    for (index, (offset, rest)) in lines.iter().enumerate() {
        if *offset == 0 || frames.is_empty() {
            frames.push(Vec::new());
        }
        let mut bytes = dump_line_bytes(rest);
        // The next line's offset says how many bytes this line really has.
        if let Some((next, _)) = lines.get(index + 1) {
            if *next > *offset && next - offset < bytes.len() {
                bytes.truncate(next - offset);
            }
        }
        if let Some(frame) = frames.last_mut() {
            frame.extend_from_slice(&bytes);
        }
    }
    frames.retain(|f| !f.is_empty());
    if frames.is_empty() {
        return Err(HexError::Empty);
    }
    Ok(frames)
}
