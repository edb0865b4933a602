//! English number grammar shared by every sentence: "1 byte" but "2 bytes",
//! "a 14-byte header" but "an 18-byte trailer". (Chinese needs neither: its
//! translations of both forms are the same.)

use crate::t;

/// `n` bytes, singular for one: "1 byte", "7 bytes" (Chinese "7 字节").
pub fn bytes(n: usize) -> String {
    if n == 1 {
        t!("{size} byte", size = n)
    } else {
        t!("{size} bytes", size = n)
    }
}

/// "a" or "an" before a number said in English: an 8, an 11, an 18, an 80,
/// an 11000 (eleven thousand), but a 1, a 14, a 100.
pub fn article(n: usize) -> &'static str {
    // The number is read from its leading group of up to three digits.
    let mut lead = n;
    while lead >= 1000 {
        lead /= 1000;
    }
    if lead.to_string().starts_with('8') || lead == 11 || lead == 18 {
        "an"
    } else {
        "a"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_byte_is_singular() {
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(bytes(0), "0 bytes");
        assert_eq!(bytes(18), "18 bytes");
    }

    #[test]
    fn an_before_a_vowel_sound() {
        for n in [8, 11, 18, 80, 86, 800, 8000, 11_000, 18_500] {
            assert_eq!(article(n), "an", "{n}");
        }
        for n in [1, 4, 14, 20, 100, 110, 180, 1100, 1800, 28] {
            assert_eq!(article(n), "a", "{n}");
        }
    }
}
