//! Offset conversion between Unicode code points (what the core speaks) and
//! UTF-16 code units (what JavaScript strings and DOM Ranges speak).
//!
//! The core counts in code points so that its output means the same thing in
//! Rust, Python and the scorer. The browser counts in UTF-16 units, where an
//! emoji or a rare CJK character takes two. Convert once, at the boundary:
//!
//! ```
//! use quotelens::offsets::CodePointToUtf16;
//! let map = CodePointToUtf16::new("😀 “hi”");
//! assert_eq!(map.utf16(3), 4); // the `h`: the emoji took two units
//! ```

/// Maps code-point offsets of one text to UTF-16 offsets, in O(1) per lookup.
pub struct CodePointToUtf16 {
    /// `units[i]` is the UTF-16 offset of code point `i`; one extra entry for the end.
    units: Vec<u32>,
}

impl CodePointToUtf16 {
    /// The map for `text`: one pass over it.
    pub fn new(text: &str) -> Self {
        let mut units = Vec::with_capacity(text.len() + 1);
        let mut at = 0u32;
        for c in text.chars() {
            units.push(at);
            at += c.len_utf16() as u32;
        }
        units.push(at);
        CodePointToUtf16 { units }
    }

    /// The UTF-16 offset of code point `index`; offsets past the end clamp to the end.
    pub fn utf16(&self, index: usize) -> usize {
        let last = self.units.len() - 1;
        self.units[index.min(last)] as usize
    }
}

/// Converts a UTF-16 offset into `text` back to a code-point offset. An offset
/// inside a surrogate pair rounds down to the pair's start; past the end clamps.
pub fn utf16_to_code_point(text: &str, utf16_offset: usize) -> usize {
    let mut units = 0;
    for (index, c) in text.chars().enumerate() {
        let next = units + c.len_utf16();
        if next > utf16_offset {
            return index;
        }
        units = next;
    }
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_unchanged() {
        let map = CodePointToUtf16::new("Blinken said");
        assert_eq!(map.utf16(0), 0);
        assert_eq!(map.utf16(7), 7);
        assert_eq!(map.utf16(12), 12);
    }

    #[test]
    fn astral_characters_take_two_units_and_accents_one() {
        let text = "José 🇺🇸 said “ok”";
        let map = CodePointToUtf16::new(text);
        // J o s é ␠ 🇺 🇸 ␠ s: the two flag halves are astral, two units each.
        assert_eq!(map.utf16(4), 4);
        assert_eq!(map.utf16(5), 5);
        assert_eq!(map.utf16(7), 9);
        assert_eq!(map.utf16(text.chars().count()), text.encode_utf16().count());
    }

    #[test]
    fn round_trip_through_utf16_for_every_code_point() {
        let text = "a😀b“é”\u{10FFFF}z";
        let map = CodePointToUtf16::new(text);
        for i in 0..=text.chars().count() {
            assert_eq!(utf16_to_code_point(text, map.utf16(i)), i);
        }
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let map = CodePointToUtf16::new("ab");
        assert_eq!(map.utf16(99), 2);
        assert_eq!(utf16_to_code_point("ab", 99), 2);
        // Inside a surrogate pair rounds down.
        assert_eq!(utf16_to_code_point("😀x", 1), 0);
    }
}
