//! Substring and character-set search without the standard library's
//! two-way searcher.
//!
//! `str::contains`, `find` and `split` with a `&str` pattern, and `contains`
//! with a `char` outside ASCII (which std encodes to a `&str`), all run
//! `StrSearcher`: about 2.6 KB of WebAssembly, 1 KB gzipped, of a budget
//! where every byte counts. Our needles are constants of a few bytes, so a
//! plain scan is as fast and stays linear in the text.

/// The byte offset of the first `needle` in `haystack`.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// Whether `needle` occurs in `haystack`.
pub(crate) fn has(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// Whether `c` is one of the characters of `set`.
pub(crate) fn is_one_of(c: char, set: &str) -> bool {
    set.chars().any(|s| s == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_needle_by_its_byte_offset_as_str_find_does() {
        for (haystack, needle) in [
            ("Ruth Okafor and Jon Ilves", " and "),
            ("Mayor · 3 quotes", " · "),
            ("no such thing", " and "),
            ("", "x"),
            ("ab", "abc"),
            ("abc", ""),
            ("„Ja“, sagte sie", "sagte"),
        ] {
            assert_eq!(
                find(haystack, needle),
                haystack.find(needle),
                "{haystack:?} {needle:?}"
            );
        }
    }

    #[test]
    fn finds_characters_outside_ascii_in_a_set() {
        assert!(is_one_of('„', "\"'“”‘’„‚«»‹›"));
        assert!(is_one_of('‹', "\"'“”‘’„‚«»‹›"));
        assert!(!is_one_of('x', "\"'“”‘’„‚«»‹›"));
    }
}
