//! Properties of `analyze` on generated news-like text: the structural promises
//! (tests/common/mod.rs), determinism, independence of paragraphs that no quote
//! joins, and the UTF-16 offset round trip.
//!
//! The text is built from fragments of real attributions (names, cue verbs,
//! every kind of quotation mark, line breaks) mixed with emoji, NUL, U+FFFD and
//! random characters, so that both ordinary articles and garbage are covered.

mod common;

use proptest::prelude::*;
use quotelens::offsets::{utf16_to_code_point, CodePointToUtf16};

const NAMES: &[&str] = &[
    "Antony Blinken",
    "Blinken",
    "Mr Lammy",
    "British Foreign Secretary David Lammy",
    "José Ñúñez",
    "Seán O’Brien",
    "Xi Jinping",
    "Dr. Jane Smith-Jones",
    "the spokeswoman",
    "he",
    "She",
    "a senior US official",
];

const CUES: &[&str] = &[
    " said",
    " said:",
    " added",
    " told reporters",
    " warned",
    ", according to",
    " says",
    " asked",
    " insisted",
    " wrote on X",
    " said in a statement",
    " a déclaré",
    " sagte",
];

const MARKS: &[&str] = &[
    "\"", "“", "”", "„", "‟", "«", "»", "'", "‘", "’", "‚", "‛", "‹", "›", "「", "」", "『", "』",
    "＂",
];

const WORDS: &[&str] = &[
    " the",
    " deal",
    " is",
    " ready",
    " we",
    " will",
    " see",
    " Gaza",
    " ceasefire",
    " ’90s",
    " don’t",
    " it’s",
    " 12”",
    " 100%",
    " U.S.",
    " e-mail",
    " — ",
    " – ",
    " (AP)",
    " [It]",
    " …",
    " $5bn",
    " 10:30",
];

const PUNCTUATION: &[&str] = &[
    " ", " ", ",", ".", ":", ";", "?", "!", " - ", "\u{a0}", "\t",
];

const BREAKS: &[&str] = &["\n", "\n\n", "\r\n", "\n \n", "\u{2029}", "\u{85}"];

const ODD: &[&str] = &[
    "😀",
    "🇺🇸",
    "👩‍👩‍👧",
    "\0",
    "\u{FFFD}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{301}",
    "ß",
    "İ",
    "ﬁ",
    "\u{10FFFF}",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

/// One fragment of text; weights favour words and marks so that quotes form.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => pick(WORDS),
        4 => pick(MARKS),
        3 => pick(PUNCTUATION),
        2 => pick(NAMES).prop_map(|n| format!(" {n}")),
        2 => pick(CUES),
        2 => pick(BREAKS),
        1 => pick(ODD),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// A whole attribution as news writes it, e.g. `“We will see,” Blinken said.`
fn attribution() -> impl Strategy<Value = String> {
    (
        pick(MARKS),
        prop::collection::vec(pick(WORDS), 1..8),
        pick(MARKS),
        pick(NAMES),
        pick(CUES),
    )
        .prop_map(|(open, words, close, name, cue)| match words.len() % 3 {
            0 => format!("{open}{},{close} {name}{cue}.", words.concat().trim()),
            1 => format!("{name}{cue} {open}{}.{close}", words.concat().trim()),
            _ => format!(
                "{name}{cue} the plan was {open}{}{close}.",
                words.concat().trim()
            ),
        })
}

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![3 => fragment(), 1 => attribution()], 0..60)
        .prop_map(|parts| parts.concat())
}

/// A paragraph of plain words: no quotation mark of any kind, no line break.
fn plain_paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(&["Talks", "resumed", "in", "Cairo", "on", "Monday", "."][..]),
        1..8,
    )
    .prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_analysis_keeps_its_structural_promises(text in news_text()) {
        let analysis = quotelens::analyze(&text);
        if let Err(broken) = common::check(&text, &analysis) {
            return Err(TestCaseError::fail(format!("{broken}\ntext: {text:?}")));
        }
    }

    #[test]
    fn the_same_text_gives_the_same_analysis(text in news_text()) {
        // Speakers are grouped with hash maps; their order must not leak out.
        prop_assert_eq!(quotelens::analyze(&text), quotelens::analyze(&text));
    }

    /// Two articles joined by a blank line keep (at least) each one's quotes.
    ///
    /// This holds only where no quote can run from `a` into `b`. By the
    /// multi-paragraph rule a quote still open at the end of `a` continues when
    /// `b` starts with an opening mark, and then `a`'s last quote grows and
    /// `b`'s first one merges into it. So `a` ends with a paragraph of plain
    /// words (no mark can leave a quote open across it), and `b` starts with a
    /// plain word (a mark at the very start of a text is judged against "no
    /// character before", after the join against a line break). Attribution
    /// may differ across the join (a cue in `a` can name `b`'s speaker), and a
    /// one-word quote left out as an unattributed term may come back with a
    /// speaker; that only adds quotes, which "at least" allows.
    #[test]
    // The language is one decision for the whole page (its `lang`, else its text), so the
    // promise holds for a given language: detected from a fragment, it may differ.
    fn paragraphs_no_quote_joins_are_analysed_independently(
        a in news_text(), a_end in plain_paragraph(), b_start in plain_paragraph(), b in news_text(),
        language in prop::sample::select(&["en", "de", "fr", "es", "pt"][..]),
    ) {
        let a = format!("{a}\n{a_end}");
        let b = format!("{b_start} {b}");
        let joined = format!("{a}\n\n{b}");
        let shift = a.chars().count() + 2;
        let options = quotelens::Options { language: Some(language) };
        let quotes = |text: &str| quotelens::analyze_with(text, &options).quotes.into_iter();
        let found: Vec<(usize, usize, String)> =
            quotes(&joined).map(|q| (q.start, q.end, q.text)).collect();
        let alone = quotes(&a).map(|q| (q.start, q.end, q.text));
        let shifted = quotes(&b).map(|q| (q.start + shift, q.end + shift, q.text));
        for quote in alone.chain(shifted) {
            prop_assert!(found.contains(&quote), "{:?} missing from {:?}\njoined: {:?}", quote, found, joined);
        }
    }

    #[test]
    fn utf16_offsets_round_trip(text in news_text()) {
        let map = CodePointToUtf16::new(&text);
        let chars = text.chars().count();
        prop_assert_eq!(map.utf16(chars), text.encode_utf16().count());
        for i in 0..=chars {
            prop_assert_eq!(utf16_to_code_point(&text, map.utf16(i)), i);
        }
        // A quote's offsets, as the browser gets them, name the same characters.
        let units: Vec<u16> = text.encode_utf16().collect();
        for q in quotelens::analyze(&text).quotes {
            let (start, end) = (map.utf16(q.start), map.utf16(q.end));
            prop_assert_eq!(String::from_utf16(&units[start..end]).unwrap(), q.text);
        }
    }
}
