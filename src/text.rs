//! How bytes are shown as text: valid UTF-8 as the characters it encodes,
//! control characters, terminal tricks and invalid bytes escaped, prefixes
//! that never cut a character. The lowest room that every other one (the
//! dissector, the socket records in net/, the renderers) may use.

/// Payload bytes as text a learner can read: valid UTF-8 as the characters
/// it encodes (ASCII is UTF-8, so "Hello" and "你好" alike), while control
/// characters, characters that reorder or hide text on a terminal, and bytes
/// that are not UTF-8 are escaped the way Rust and C write them (`\n`,
/// `\xNN`), so nothing in a payload can move the cursor or disguise itself.
pub fn escape_text(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    escape::<false>(bytes, &mut out);
    // ASCII and whole UTF-8 characters only: the check cannot fail.
    String::from_utf8(out).unwrap_or_default()
}

/// [`escape_text`] of `bytes` appended to `out`, for a writer that has a
/// buffer of its own (no `String` in between).
pub fn escape_text_into(bytes: &[u8], out: &mut Vec<u8>) {
    escape::<false>(bytes, out);
}

/// [`escape_text`] of `bytes` as the inside of a JSON string, escaped as
/// serde_json escapes it, appended to `out`: in one pass from the bytes.
/// Every escape in the text begins with a backslash, which JSON escapes
/// again; escaping the text and then the JSON was, on a capture of binary
/// UDP payloads, about a sixth of `--format json`'s instructions (13.9M of
/// 76.2M per 1,000 frames). The text has no control character and no
/// plain quote or backslash (those are escaped), so only its escapes
/// change.
pub fn escape_text_json_into(bytes: &[u8], out: &mut Vec<u8>) {
    escape::<true>(bytes, out);
}

/// What [`escape_text_into`] (`JSON` false) and [`escape_text_json_into`]
/// (`JSON` true) share: the same walk over the bytes, each form with its
/// own tables.
fn escape<const JSON: bool>(bytes: &[u8], out: &mut Vec<u8>) {
    // One pass over the bytes, a block at a time into a buffer on the
    // stack written by index (every frame's payload goes through here),
    // copied out once per block. Each byte's escape, or the plain byte
    // itself, comes from one table and is copied as eight bytes whatever
    // its length; only a byte that may start a UTF-8 character is looked
    // at further. A run of
    // plain ASCII is copied eight bytes at a time, the plain ones among
    // them kept. Bytes that are not UTF-8 are escaped one by one, so where
    // one invalid sequence ends and the next begins does not change the
    // text. Measured on 1,000 mixed frames (mostly binary payloads, 100 KB
    // of them): 4.3M instructions when each short run of plain bytes was
    // found with a search and copied with a call, and each escape pushed
    // with a check of the room left. Written into the output's own room
    // with a check of each copy's place, 21 instructions a byte of a binary
    // payload; on the stack with places the compiler sees in bounds, 17.
    let (escapes, byte_escapes) = if JSON {
        (&JSON_ESCAPES, &JSON_BYTE_ESCAPES)
    } else {
        (&ESCAPES, &BYTE_ESCAPES)
    };
    // A block's text is written on the stack, at most BLOCK bytes each
    // escaped at the widest (five), then a character begun in the block
    // and escaped byte by byte (four bytes of five), then an eight-byte
    // copy's overrun: under ROOM. Its places are taken modulo ROOM, which
    // they never reach, so that the compiler sees each copy in bounds and
    // checks none.
    const BLOCK: usize = 64;
    const ROOM: usize = 512;
    let mut text = [0u8; ROOM + 8];
    // Room for every byte escaped when that is small, so a binary
    // payload's text is not moved as it grows.
    let widest = if JSON { 5 } else { 4 };
    out.reserve(if bytes.len() <= 4096 {
        widest * bytes.len()
    } else {
        bytes.len() + bytes.len() / 2
    });
    let mut i = 0;
    while i < bytes.len() {
        let end = bytes.len().min(i + BLOCK);
        let mut n = 0;
        while let Some(&b) = bytes.get(i).filter(|_| i < end) {
            let at = n % ROOM;
            let (escape, length) = &escapes[usize::from(b)];
            if *length == 1 {
                if let Some(next) = bytes.get(i..i + 8) {
                    // Eight copied: those past the plain run are written
                    // over by what comes next.
                    text[at..at + 8].copy_from_slice(next);
                    let run = next
                        .iter()
                        .position(|&b| !PLAIN[usize::from(b)])
                        .unwrap_or(8);
                    n += run;
                    i += run;
                    continue;
                }
            } else if (0xc2..=0xf4).contains(&b) {
                if let Some(c) = char_at(bytes, i) {
                    let encoded = bytes.get(i..i + c.len_utf8()).unwrap_or_default();
                    if must_escape(c) {
                        for b in encoded {
                            let (escape, length) = &byte_escapes[usize::from(*b)];
                            let at = n % ROOM;
                            text[at..at + 8].copy_from_slice(escape);
                            n += usize::from(*length);
                        }
                    } else {
                        let mut four = [0u8; 8];
                        four[..encoded.len()].copy_from_slice(encoded);
                        text[at..at + 8].copy_from_slice(&four);
                        n += encoded.len();
                    }
                    i += encoded.len().max(1);
                    continue;
                }
            }
            text[at..at + 8].copy_from_slice(escape);
            n += usize::from(*length);
            i += 1;
        }
        out.extend_from_slice(&text[..n.min(ROOM)]);
    }
}

/// A byte's escape (or the byte itself) and how many of its eight bytes
/// it is.
type Escapes = [([u8; 8], u8); 256];

/// Per byte, what `escape_text` writes for it on its own and how many of
/// the eight bytes: a plain byte itself (one), an ASCII escape (two or
/// four), `\xNN` for a byte above 0x7f that is not part of a character.
static ESCAPES: Escapes = {
    let mut table = [([0u8; 8], 0u8); 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if is_plain(b as u8) {
            ([b as u8, 0, 0, 0, 0, 0, 0, 0], 1)
        } else if b < 128 {
            ASCII_ESCAPES[b]
        } else {
            BYTE_ESCAPES[b]
        };
        b += 1;
    }
    table
};

/// [`ESCAPES`] as the inside of a JSON string.
static JSON_ESCAPES: Escapes = in_json(&ESCAPES);

/// [`BYTE_ESCAPES`] as the inside of a JSON string.
static JSON_BYTE_ESCAPES: Escapes = in_json(&BYTE_ESCAPES);

/// Each escape of `table` as serde_json writes it inside a string: a
/// backslash or a quote with a backslash before it. The escapes hold no
/// control character, the one other thing JSON escapes.
const fn in_json(table: &Escapes) -> Escapes {
    let mut json = [([0u8; 8], 0u8); 256];
    let mut b = 0;
    while b < 256 {
        let (escape, length) = table[b];
        let mut n = 0;
        let mut i = 0;
        while i < length as usize {
            if escape[i] == b'\\' || escape[i] == b'"' {
                json[b].0[n] = b'\\';
                n += 1;
            }
            json[b].0[n] = escape[i];
            n += 1;
            i += 1;
        }
        json[b].1 = n as u8;
        b += 1;
    }
    json
}

/// Per byte: whether it is plain ASCII, copied as it is (`is_plain`).
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_plain(b as u8);
        b += 1;
    }
    table
};

/// Per byte, `\xNN` with two lowercase hex digits (four bytes).
static BYTE_ESCAPES: Escapes = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut table = [([0u8; 8], 0u8); 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (
            [b'\\', b'x', DIGITS[b >> 4], DIGITS[b & 0xf], 0, 0, 0, 0],
            4,
        );
        b += 1;
    }
    table
};

/// Per ASCII byte that is not plain, its escape and the escape's length:
/// `\t`, `\r`, `\n`, a backslash before `\`, `'` and `"`, else `\xNN`.
static ASCII_ESCAPES: [([u8; 8], u8); 128] = {
    let mut table = [([0u8; 8], 0u8); 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'\t' => ([b'\\', b't', 0, 0, 0, 0, 0, 0], 2),
            b'\r' => ([b'\\', b'r', 0, 0, 0, 0, 0, 0], 2),
            b'\n' => ([b'\\', b'n', 0, 0, 0, 0, 0, 0], 2),
            c @ (b'\\' | b'\'' | b'"') => ([b'\\', c, 0, 0, 0, 0, 0, 0], 2),
            _ => BYTE_ESCAPES[b],
        };
        b += 1;
    }
    table
};

/// Printable ASCII that `escape_default` leaves as it is.
const fn is_plain(b: u8) -> bool {
    matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b'\'' | b'"')
}

/// The character whose UTF-8 encoding starts at `bytes[at]`, a byte above
/// 0x7f; None when the bytes there are not one valid UTF-8 character.
fn char_at(bytes: &[u8], at: usize) -> Option<char> {
    let width = match bytes[at] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    // Most binary data fails here, before the full check.
    if !matches!(bytes.get(at + 1), Some(0x80..=0xbf)) {
        return None;
    }
    let encoded = bytes.get(at..at + width)?;
    std::str::from_utf8(encoded).ok()?.chars().next()
}

/// Non-ASCII characters shown as their bytes: C1 controls, and the
/// invisible ones that change how the rest of a line is drawn (bidi
/// controls, zero-width characters, line and paragraph separators, BOM).
fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
        )
}

/// What kind of text a payload is, for the sentence beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Empty,
    /// Printable ASCII only.
    Ascii,
    /// ASCII with control characters.
    AsciiWithControls,
    /// Valid UTF-8 beyond ASCII, `escaped` when some characters are shown
    /// as escapes.
    Utf8 {
        chars: usize,
        escaped: bool,
    },
    /// Not valid UTF-8: binary data, or text in another encoding.
    NotUtf8,
}

/// Classifies `bytes` as `escape_text` will show them.
pub fn text_kind(bytes: &[u8]) -> TextKind {
    if bytes.is_empty() {
        return TextKind::Empty;
    }
    let printable = |b: &u8| b.is_ascii_graphic() || *b == b' ';
    if bytes.iter().all(printable) {
        return TextKind::Ascii;
    }
    if bytes.is_ascii() {
        return TextKind::AsciiWithControls;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => TextKind::Utf8 {
            chars: text.chars().count(),
            escaped: text.chars().any(|c| {
                if c.is_ascii() {
                    !printable(&(c as u8))
                } else {
                    must_escape(c)
                }
            }),
        },
        Err(_) => TextKind::NotUtf8,
    }
}

/// The longest start of `bytes` of at most `limit` bytes that does not cut
/// a UTF-8 character in two (when `bytes` is UTF-8 at all).
pub fn text_prefix(bytes: &[u8], limit: usize) -> &[u8] {
    if bytes.len() <= limit {
        return bytes;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let mut end = limit;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            &bytes[..end]
        }
        Err(_) => &bytes[..limit],
    }
}

/// A C-style quoted preview of a payload for a socket call's column: its
/// first 24 bytes (never half a character) as text, "…" when there is more.
pub fn quoted_preview(data: &[u8]) -> String {
    let shown = text_prefix(data, 24);
    let text = escape_text(shown);
    if data.len() > shown.len() {
        format!("\"{text}\"…")
    } else {
        format!("\"{text}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_text_and_only_controls_and_invalid_bytes_are_escaped() {
        assert_eq!(escape_text("你好".as_bytes()), "你好");
        assert_eq!(escape_text(b"Hello\n"), "Hello\\n");
        assert_eq!(escape_text(b"a\xffb"), "a\\xffb");
        // C1 control U+0085 and the bidi override U+202E are escaped as bytes.
        assert_eq!(
            escape_text("x\u{85}\u{202e}".as_bytes()),
            "x\\xc2\\x85\\xe2\\x80\\xae"
        );
        // A character cut in two by the end of the data is not text.
        assert_eq!(escape_text(&"你".as_bytes()[..2]), "\\xe4\\xbd");
    }

    /// The chunk-by-chunk escaping `escape_text` replaced, kept as the
    /// reference.
    fn escape_by_chunks(bytes: &[u8]) -> String {
        let mut out = String::new();
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                if matches!(c, ' '..='~') && !matches!(c, '\\' | '\'' | '"') {
                    out.push(c);
                } else if c.is_ascii() {
                    out.extend(std::ascii::escape_default(c as u8).map(char::from));
                } else if must_escape(c) {
                    for b in c.encode_utf8(&mut [0; 4]).bytes() {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                } else {
                    out.push(c);
                }
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }

    /// Every one- and two-byte string, four-byte strings from bytes that
    /// matter to UTF-8, pseudo-random longer ones and the rest of
    /// [`each_varied_input`] escape exactly as the chunk-by-chunk
    /// reference does.
    #[test]
    fn escaping_agrees_with_the_chunk_by_chunk_reference() {
        let mut checked = 0;
        each_varied_input(|bytes| {
            assert_eq!(escape_text(bytes), escape_by_chunks(bytes), "{bytes:x?}");
            checked += 1;
        });
        let text = "你好 \u{202e}x\u{85}\n é 😀".as_bytes();
        assert_eq!(escape_text(text), escape_by_chunks(text));
        assert_eq!(checked, VARIED_INPUTS);
    }

    /// Runs of plain text of every length around the eight-byte copies,
    /// between escapes, `×`, `…`, Chinese, invalid bytes and the end, and
    /// long payloads past the room guessed for them: as the reference.
    #[test]
    fn escaping_long_runs_agrees_with_the_reference() {
        let pieces: [&[u8]; 9] = [
            b"\n",
            "×".as_bytes(),
            "…".as_bytes(),
            "你好".as_bytes(),
            b"\xff",
            b"\"",
            "\u{202e}".as_bytes(),
            b"\x00\x01",
            b"",
        ];
        let mut checked = 0;
        for run in 0..40 {
            let plain: Vec<u8> = (0..run).map(|i| b'a' + (i % 26) as u8).collect();
            for before in pieces {
                for after in pieces {
                    let bytes = [before, &plain, after, &plain].concat();
                    assert_eq!(escape_text(&bytes), escape_by_chunks(&bytes), "{bytes:x?}");
                    checked += 1;
                }
            }
        }
        for length in [4095usize, 4096, 4097, 9000] {
            for fill in [0u8, b'a', 0xe4, 0xff] {
                let bytes: Vec<u8> = (0..length)
                    .map(|i| if i % 7 == 0 { fill } else { (i * 31) as u8 })
                    .collect();
                assert_eq!(escape_text(&bytes), escape_by_chunks(&bytes), "{length}");
                checked += 1;
            }
        }
        assert_eq!(checked, 40 * 81 + 16);
    }

    /// How many inputs [`each_varied_input`] gives.
    const VARIED_INPUTS: usize = 65_536 + 256 + 22usize.pow(4) + 2000 + 20 * 36 + 4;

    /// Inputs of every kind for the escaping tests: every one- and
    /// two-byte string, four-byte strings of bytes that matter to UTF-8,
    /// pseudo-random ones, plain runs around the eight-byte copies between
    /// escapes, Chinese and invisible characters, long payloads.
    fn each_varied_input(mut f: impl FnMut(&[u8])) {
        for a in 0..=255u8 {
            f(&[a]);
            for b in 0..=255u8 {
                f(&[a, b]);
            }
        }
        let telling = [
            0x00, 0x0a, b'"', b'\\', b'a', 0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf,
            0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
        ];
        for a in telling {
            for b in telling {
                for c in telling {
                    for d in telling {
                        f(&[a, b, c, d]);
                    }
                }
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for length in 0..2000 {
            let bytes: Vec<u8> = (0..length % 97)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            f(&bytes);
        }
        let pieces: [&[u8]; 6] = [
            b"\n",
            "×…".as_bytes(),
            "你好".as_bytes(),
            b"\xff\"",
            "\u{202e}\u{85}".as_bytes(),
            b"",
        ];
        for run in 0..20 {
            let plain: Vec<u8> = (0..run).map(|i| b'a' + (i % 26) as u8).collect();
            for before in pieces {
                for after in pieces {
                    f(&[before, &plain, after, &plain].concat());
                }
            }
        }
        for length in [256usize, 4096, 4097, 9000] {
            let bytes: Vec<u8> = (0..length).map(|i| (i * 31) as u8).collect();
            f(&bytes);
        }
    }

    /// The JSON form written in one pass is serde_json's string of the
    /// text, without its quotes, and both forms append to what the buffer
    /// already holds.
    #[test]
    fn the_json_form_is_serde_jsons_string_of_the_text() {
        let mut checked = 0;
        each_varied_input(|bytes| {
            let text = escape_text(bytes);
            let mut json = b"[\"".to_vec();
            escape_text_json_into(bytes, &mut json);
            json.extend_from_slice(b"\"]");
            let serde = serde_json::to_string(&[&text]).unwrap_or_default();
            assert_eq!(String::from_utf8_lossy(&json), serde, "{bytes:x?}");
            let mut plain = b"ab".to_vec();
            escape_text_into(bytes, &mut plain);
            assert_eq!(plain, [b"ab", text.as_bytes()].concat(), "{bytes:x?}");
            checked += 1;
        });
        assert_eq!(checked, VARIED_INPUTS);
    }

    #[test]
    fn kinds_of_text() {
        assert_eq!(text_kind(b""), TextKind::Empty);
        assert_eq!(text_kind(b"Hello!"), TextKind::Ascii);
        assert_eq!(text_kind(b"Hi\n"), TextKind::AsciiWithControls);
        assert_eq!(
            text_kind("你好".as_bytes()),
            TextKind::Utf8 {
                chars: 2,
                escaped: false
            }
        );
        assert_eq!(
            text_kind("你好\n".as_bytes()),
            TextKind::Utf8 {
                chars: 3,
                escaped: true
            }
        );
        assert_eq!(text_kind(b"\xe4\xbd"), TextKind::NotUtf8);
    }

    #[test]
    fn a_preview_never_cuts_a_character() {
        // 23 ASCII bytes, then a 3-byte character that would straddle 24.
        let data = format!("{}你好", "a".repeat(23));
        assert_eq!(
            quoted_preview(data.as_bytes()),
            format!("\"{}\"…", "a".repeat(23))
        );
        assert_eq!(quoted_preview(b"Hello!!"), "\"Hello!!\"");
    }

    #[test]
    fn a_prefix_never_cuts_a_character() {
        let text = "a你好".as_bytes();
        assert_eq!(text_prefix(text, 2), b"a");
        assert_eq!(text_prefix(text, 4), "a你".as_bytes());
        assert_eq!(text_prefix(text, 99), text);
        assert_eq!(text_prefix(b"\xff\xfe\xfd", 2), b"\xff\xfe");
    }
}
