//! Hostile input: megabytes of quotation marks, one endless paragraph, a
//! hundred thousand speakers, marks nested a million deep, every quotation
//! character Unicode has, NUL and U+FFFD. The analysis must not panic and its
//! output must stay sane: the structural promises of tests/common/mod.rs, and
//! no quote made of marks alone. How long it takes is for benches/linear.rs.

mod common;

use common::inputs::{
    described_speakers, named_speakers, nested, repeated, shared_surname, PROSE, UNBALANCED,
};
use quotelens::Analysis;

const MB: usize = 1 << 20;

/// Analyses `make(size)` at 64 KB, then at 5 MB, checking the promises each
/// time. The small run goes first so that a broken promise fails fast: an
/// overlap bug at 5 MB can mean quotes of quadratic total size (gigabytes).
fn analyze_at_64k_and_5mb(make: impl Fn(usize) -> String) -> (String, Analysis) {
    let mut last = None;
    for size in [64 * 1024, 5 * MB] {
        let text = make(size);
        assert!(
            text.len() >= size,
            "the generator made {} bytes, asked {size}",
            text.len()
        );
        let analysis = quotelens::analyze(&text);
        if let Err(broken) = common::check(&text, &analysis) {
            let start: String = text.chars().take(80).collect();
            panic!("at {size} bytes: {broken}\ntext starts {start:?}");
        }
        last = Some((text, analysis));
    }
    last.expect("two sizes ran")
}

fn has_word(quote: &str) -> bool {
    quote.chars().any(char::is_alphanumeric)
}

#[test]
fn five_megabytes_of_straight_marks_give_no_quote() {
    let (_, analysis) = analyze_at_64k_and_5mb(|size| repeated("\"", size));
    assert!(analysis.quotes.iter().all(|q| has_word(&q.text)));
    assert!(analysis.quotes.is_empty());
}

#[test]
fn five_megabytes_of_opening_curly_marks_never_closed_give_no_quote() {
    let (_, analysis) = analyze_at_64k_and_5mb(|size| repeated("“", size));
    assert!(analysis.quotes.is_empty());
}

#[test]
fn unbalanced_marks_split_at_each_new_opener() {
    // Three openers to one closer: each unclosed quote ends where the next opens.
    let (text, analysis) = analyze_at_64k_and_5mb(|size| repeated(UNBALANCED, size));
    let texts: Vec<&str> = analysis.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts.len(), 3 * (text.len() / UNBALANCED.len()));
    for three in texts.chunks(3) {
        assert_eq!(three, ["we will", "see what", "they say"]);
    }
}

#[test]
fn a_five_megabyte_paragraph_finds_every_quote() {
    let (text, analysis) = analyze_at_64k_and_5mb(|size| repeated(PROSE, size));
    let units = text.len() / PROSE.len();
    assert_eq!(analysis.quotes.len(), 2 * units);
    for pair in analysis.quotes.chunks(2) {
        assert_eq!(pair[0].text, "We will see what they say,");
        assert_eq!(pair[1].text, "on the table");
    }
    // Two people speak, however long the paragraph: speakers must not pile up.
    assert!(
        analysis.speakers.len() < 10,
        "{} speakers",
        analysis.speakers.len()
    );
}

#[test]
fn a_hundred_thousand_named_speakers() {
    let text = named_speakers(100_000);
    let analysis = quotelens::analyze(&text);
    common::check(&text, &analysis).unwrap();
    assert_eq!(analysis.quotes.len(), 100_000);
    assert!(analysis.speakers.len() <= 100_000);
    assert!(analysis.speakers.iter().all(|s| s.quote_count >= 1));
}

/// One surname written a hundred thousand ways (`Babababa Smith`, `Kobababa
/// Smith`…). The core merges them into one speaker; each new alias must cost
/// O(1) (it once scanned all earlier aliases, and this took minutes).
#[test]
fn one_surname_with_a_hundred_thousand_first_names() {
    let text = shared_surname(100_000);
    let analysis = quotelens::analyze(&text);
    common::check(&text, &analysis).unwrap();
    assert_eq!(analysis.quotes.len(), 100_000);
}

/// A hundred thousand named people quoted, each followed by a quote of "the
/// minister". Each description looks up the person with that role in an
/// index (it once scanned every person named so far: some 20 s here).
#[test]
fn a_hundred_thousand_names_each_followed_by_a_description() {
    let text = described_speakers(100_000);
    let analysis = quotelens::analyze(&text);
    common::check(&text, &analysis).unwrap();
    assert_eq!(analysis.quotes.len(), 200_000);
}

#[test]
fn marks_nested_a_million_deep() {
    let depth = 500_000;
    let text = nested(depth);
    let analysis = quotelens::analyze(&text);
    common::check(&text, &analysis).unwrap();
    // However the marks pair, the one word is in exactly one quote.
    assert_eq!(
        analysis
            .quotes
            .iter()
            .filter(|q| q.text.contains("yes"))
            .count(),
        1
    );
    assert!(analysis.quotes.len() <= depth);
}

/// A quote of nothing but a quotation mark is not a quotation.
#[test]
fn a_lone_single_mark_is_no_quote() {
    let analysis = quotelens::analyze("He said “‘“x”.");
    let texts: Vec<&str> = analysis.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["x"]);
}

/// Every character Unicode or the news uses as a quotation mark.
const QUOTE_CHARS: &[char] = &[
    '\u{22}',
    '\u{27}',
    '\u{AB}',
    '\u{BB}',
    '\u{2018}',
    '\u{2019}',
    '\u{201A}',
    '\u{201B}',
    '\u{201C}',
    '\u{201D}',
    '\u{201E}',
    '\u{201F}',
    '\u{2039}',
    '\u{203A}',
    '\u{2E42}',
    '\u{275B}',
    '\u{275C}',
    '\u{275D}',
    '\u{275E}',
    '\u{300C}',
    '\u{300D}',
    '\u{300E}',
    '\u{300F}',
    '\u{301D}',
    '\u{301E}',
    '\u{301F}',
    '\u{FE41}',
    '\u{FE42}',
    '\u{FE43}',
    '\u{FE44}',
    '\u{FF02}',
    '\u{FF07}',
    '\u{FF62}',
    '\u{FF63}',
    '\u{1F676}',
    '\u{1F677}',
    '\u{1F678}',
];

#[test]
fn every_pair_of_quotation_characters_in_every_position() {
    for &open in QUOTE_CHARS {
        for &close in QUOTE_CHARS {
            for text in [
                format!("He said {open}yes{close} today."),
                format!("{open}Yes,{close} he said.\n{open}No{close}"),
                format!("{open}{close}{open}{close}"),
                format!("a{open}b{close}c{open}"),
                format!("{open}\n{close}\n\n{open}x"),
            ] {
                let analysis = quotelens::analyze(&text);
                if let Err(broken) = common::check(&text, &analysis) {
                    panic!("{broken}\ntext: {text:?}");
                }
            }
        }
    }
}

#[test]
fn the_common_pairs_quote_exactly_their_words() {
    for (open, close) in [
        ('"', '"'),
        ('“', '”'),
        ('"', '”'),
        ('„', '“'),
        ('«', '»'),
        ('＂', '＂'),
    ] {
        let text = format!("He said {open}yes{close} today.");
        let quotes: Vec<String> = quotelens::analyze(&text)
            .quotes
            .into_iter()
            .map(|q| q.text)
            .collect();
        assert_eq!(quotes, ["yes"], "{text}");
    }
}

#[test]
fn nul_bytes_are_ordinary_characters() {
    let text = "\0“Sanctions will\0follow,” said Lammy.\0\0\n\0“\0”";
    let analysis = quotelens::analyze(text);
    common::check(text, &analysis).unwrap();
    let texts: Vec<&str> = analysis.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["Sanctions will\0follow,"]);

    let (_, analysis) = analyze_at_64k_and_5mb(|size| repeated("\0", size));
    assert!(analysis.quotes.is_empty());
}

#[test]
fn replacement_characters_from_lone_surrogates_are_ordinary_characters() {
    // What a JS string with lone surrogates becomes on its way into the core.
    let text =
        "“\u{FFFD}Very soon\u{FFFD},” said \u{FFFD}Blinken\u{FFFD}. \u{FFFD}“\u{FFFD}”\u{FFFD}";
    let analysis = quotelens::analyze(text);
    common::check(text, &analysis).unwrap();
    assert_eq!(analysis.quotes[0].text, "\u{FFFD}Very soon\u{FFFD},");

    let (_, analysis) = analyze_at_64k_and_5mb(|size| repeated("\u{FFFD}“\u{FFFD}”", size));
    assert!(analysis.quotes.iter().all(|q| q.text == "\u{FFFD}"));
}

/// Found by `cargo fuzz run analyze` (minimised): a `«` followed by a straight
/// opener. The first quote, never closed, used to run to the end of the
/// paragraph and overlap the second.
#[test]
fn guillemet_then_straight_opener_do_not_overlap() {
    for text in ["«\"d ", "He said “one “two” three.", "«a «b» c»"] {
        let analysis = quotelens::analyze(text);
        if let Err(broken) = common::check(text, &analysis) {
            panic!("{broken}\ntext: {text:?}");
        }
    }
}
