//! Slicing a `str` without std's panic message.
//!
//! `&text[range]` off a character boundary panics with a message that shows
//! the character it cuts (`{:?}`), and that formatting brings `<char as
//! Debug>`, its escaping and Unicode's tables of printable characters and
//! grapheme extenders into the WebAssembly: 4.2 KB gzipped, for messages
//! nobody reads (wasm32-unknown-unknown prints none). The few places that
//! slice a `str` do it through [`part`], which panics, at the same ranges,
//! with a fixed message.

use std::slice::SliceIndex;

/// `&text[range]`.
pub(crate) fn part<R: SliceIndex<str, Output = str>>(text: &str, range: R) -> &str {
    match text.get(range) {
        Some(part) => part,
        None => panic!("a str sliced out of bounds or inside a character"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_what_slicing_gives() {
        let text = "„Ja“, sagte sie";
        assert_eq!(part(text, 3..5), &text[3..5]);
        assert_eq!(part(text, ..3), &text[..3]);
        assert_eq!(part(text, 8..), &text[8..]);
    }

    #[test]
    #[should_panic]
    fn a_part_inside_a_character_panics_as_slicing_does() {
        part("„Ja“", 1..);
    }

    #[test]
    #[should_panic]
    fn a_part_out_of_bounds_panics_as_slicing_does() {
        part("Ja", ..3);
    }
}
