//! Lower case as std gives it, without std's case tables.
//!
//! `str::to_lowercase` and `char::to_lowercase` look a character up in a table
//! of 1,462 pairs, one for every upper-case character of Unicode: 11.7 KB of
//! data and 3.8 KB of code in the WebAssembly. Most of those pairs come in
//! runs a constant distance apart (`A`–`Z` to `a`–`z`, `Ā`, `Ă`, … every
//! other code point to the next), so the same mapping fits in 184 runs
//! ([`tables::LOWER_RUNS`]): 6.3 KB gzipped less, with the sets below.
//!
//! The answers are std's, character for character: the tests compare every
//! code point with `char::to_lowercase`, and the Greek final sigma (`Σ` at
//! the end of a word is `ς`, elsewhere `σ`) with `str::to_lowercase`. The
//! tables are generated from the standard library of the pinned toolchain; a
//! toolchain whose Unicode differs fails `case_tables_are_std_s`, and
//! `cargo test --lib write_case_tables -- --ignored` writes them again.

#[rustfmt::skip]
mod tables;

use crate::part::part;
use tables::{CASED, CASE_IGNORABLE, LOWER_RUNS};

/// `c` in lower case, as `c.to_lowercase()`: one character, or two for `İ`
/// (`i` and a combining dot above).
pub(crate) fn lower_char(c: char) -> impl Iterator<Item = char> {
    let (first, second) = if c == 'İ' {
        ('i', Some('\u{307}'))
    } else {
        (lower_single(c), None)
    };
    std::iter::once(first).chain(second)
}

/// `s` in lower case, as `s.to_lowercase()`.
pub(crate) fn lowercase(s: &str) -> String {
    // Most words looked up are ASCII: one pass, no character decoding.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        if c == 'Σ' {
            // Unicode's one mapping that depends on the letters around it.
            let word_final = cased_after_ignorables(part(s, ..at).chars().rev())
                && !cased_after_ignorables(part(s, at + 'Σ'.len_utf8()..).chars());
            out.push(if word_final { 'ς' } else { 'σ' });
        } else {
            out.extend(lower_char(c));
        }
    }
    out
}

/// Whether the first character of `chars` that is not case-ignorable (an
/// apostrophe, a combining accent) is a cased letter: Final_Sigma's test on
/// each side of a `Σ`.
fn cased_after_ignorables(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .find(|&c| !in_runs(&CASE_IGNORABLE, c))
        .is_some_and(|c| in_runs(&CASED, c))
}

/// The lower case of a character whose lower case is one character.
fn lower_single(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = c as u32;
    // The last run that starts at or before `c`.
    let after = LOWER_RUNS.partition_point(|&(key, _)| run_first(key) <= code);
    let Some(&(key, delta)) = after.checked_sub(1).and_then(|i| LOWER_RUNS.get(i)) else {
        return c;
    };
    let (offset, step) = (code - run_first(key), run_step(key));
    if offset.is_multiple_of(step) && offset / step < run_count(key) {
        char::from_u32(code.wrapping_add_signed(delta)).unwrap_or(c)
    } else {
        c
    }
}

/// A run of [`tables::LOWER_RUNS`]: `count` characters from `first`, every
/// `step`-th (1 or 2), each lower-cased by adding `delta` to its code point.
/// The first three are packed in one `u32`, which keeps the table at 8 bytes
/// a run and its order that of `first`.
const fn run(first: u32, count: u32, step: u32, delta: i32) -> (u32, i32) {
    (first << 8 | (step - 1) << 7 | count, delta)
}

fn run_first(key: u32) -> u32 {
    key >> 8
}

fn run_step(key: u32) -> u32 {
    (key >> 7 & 1) + 1
}

fn run_count(key: u32) -> u32 {
    key & 0x7f
}

/// Whether `c` is in a set written as the lengths of its runs of code points,
/// alternately outside and inside the set from U+0000, each length in
/// LEB128 (seven bits a byte, the high bit set on all but the last byte).
/// A linear walk: only the letters beside a `Σ` are looked up.
fn in_runs(runs: &[u8], c: char) -> bool {
    let (mut end, mut inside, mut length, mut shift) = (0u32, false, 0u32, 0);
    for &byte in runs {
        length |= u32::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            end += length;
            if (c as u32) < end {
                return inside;
            }
            inside = !inside;
            (length, shift) = (0, 0);
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=char::MAX as u32).filter_map(char::from_u32)
    }

    #[test]
    fn every_character_lowers_as_std_lowers_it() {
        for c in every_char() {
            assert!(lower_char(c).eq(c.to_lowercase()), "{c:?}");
        }
    }

    #[test]
    fn strings_lower_as_std_lowers_them() {
        for s in [
            "Der Außenminister SAGTE",
            "ŘEKL, ŁÓDŹ, Żółć, ÉCOLE, ÇA",
            "İstanbul",
            "ΟΔΥΣΣΕΥΣ Σ ΑΣ. ΑΣ' ΑΣ'Α Σ̈Α",
            "ǅemal Ǉ",
            "",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    /// Final_Sigma looks past case-ignorable characters for a cased one: the
    /// two sets decide, character by character, what `Σ` becomes beside it.
    /// Final_Sigma looks past case-ignorable characters for a cased one: the
    /// two sets decide, character by character, what `Σ` becomes beside it.
    #[test]
    fn sigma_beside_every_character_lowers_as_std_lowers_it() {
        for c in every_char() {
            for s in [
                format!("AΣ{c}"),
                format!("AΣ{c}A"),
                format!("{c}Σ"),
                format!("A{c}Σ"),
            ] {
                assert_eq!(lowercase(&s), s.to_lowercase(), "{c:?}");
            }
        }
    }

    #[test]
    fn case_tables_are_std_s() {
        assert!(
            generated_tables() == include_str!("case/tables.rs"),
            "std's Unicode changed: `cargo test --lib write_case_tables -- --ignored`"
        );
    }

    #[test]
    #[ignore = "writes src/case/tables.rs"]
    fn write_case_tables() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/case/tables.rs");
        std::fs::write(path, generated_tables()).unwrap();
    }

    /// `src/case/tables.rs` from std's case mapping and from what its
    /// `str::to_lowercase` makes of a `Σ` beside each character.
    fn generated_tables() -> String {
        let mut out = String::from(
            "//! Generated by `cargo test --lib write_case_tables -- --ignored` from\n\
             //! the standard library's Unicode (see `src/case.rs`); not edited by hand.\n\n\
             use super::run;\n\n",
        );
        // Every character outside ASCII whose lower case is another single one.
        let pairs: Vec<(u32, i64)> = every_char()
            .filter(|c| !c.is_ascii() && *c != 'İ')
            .map(|c| {
                (
                    c as u32,
                    c.to_lowercase().next().unwrap() as i64 - c as u32 as i64,
                )
            })
            .filter(|&(_, delta)| delta != 0)
            .collect();
        // Greedy runs of one delta and one step.
        let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
        for (code, delta) in pairs {
            if let Some(last) = runs.last_mut() {
                let (first, count, step, run_delta) = *last;
                let next = first + count * step;
                let extends = run_delta == delta
                    && count < 0x7f
                    && (code == next || (count == 1 && code == first + 2));
                if extends {
                    let step = if count == 1 { code - first } else { step };
                    *last = (first, count + 1, step, delta);
                    continue;
                }
            }
            runs.push((code, 1, 1, delta));
        }
        out += &format!(
            "/// `run(first, count, step, delta)`: see [`run`].\n\
             pub(super) static LOWER_RUNS: [(u32, i32); {}] = [\n",
            runs.len()
        );
        for (first, count, step, delta) in runs {
            out += &format!("    run(0x{first:04x}, {count}, {step}, {delta}),\n");
        }
        out += "];\n";
        // What `Σ` becomes before a character says whether it is ignorable
        // (the letter after it decides), cased, or neither.
        let sigma = |text: String| text.to_lowercase().contains('σ');
        let ignorable = |c: char| !sigma(format!("AΣ{c}")) && sigma(format!("AΣ{c}A"));
        let cased = |c: char| sigma(format!("AΣ{c}"));
        for (name, doc, is) in [
            (
                "CASE_IGNORABLE",
                "Case_Ignorable: apostrophes, combining marks, modifier letters.",
                &ignorable as &dyn Fn(char) -> bool,
            ),
            (
                "CASED",
                "Cased letters that are not case-ignorable.",
                &cased,
            ),
        ] {
            let mut bytes = Vec::new();
            let (mut inside, mut start) = (false, 0u32);
            // One past the last code point closes the last run.
            for code in 0..=char::MAX as u32 + 1 {
                let now = char::from_u32(code).is_some_and(is);
                if now != inside {
                    let mut length = code - start;
                    loop {
                        let more = length >= 0x80;
                        bytes.push((length & 0x7f) as u8 | if more { 0x80 } else { 0 });
                        length >>= 7;
                        if !more {
                            break;
                        }
                    }
                    (inside, start) = (now, code);
                }
            }
            out += &format!(
                "\n/// {doc} Its runs, for [`super::in_runs`].\n\
                 pub(super) static {name}: [u8; {}] = [\n",
                bytes.len()
            );
            for line in bytes.chunks(16) {
                let line: Vec<String> = line.iter().map(|b| b.to_string()).collect();
                out += &format!("    {},\n", line.join(", "));
            }
            out += "];\n";
        }
        out
    }
}
