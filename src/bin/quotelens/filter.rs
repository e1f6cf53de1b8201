//! Which quotes to print: `--speaker`, `--match` and `--min-confidence`.
//!
//! Patterns are the `regex` crate's, which runs in time linear in the text
//! whatever the pattern (no backtracking), so a user's pattern cannot stall a
//! run over millions of articles. A pattern matches anywhere in the field
//! (`--speaker Blinken` keeps `Antony Blinken`); anchor it with `^…$` for a
//! whole name, or make it case-blind with `(?i)`.

use quotelens::Quote;
use regex::Regex;

/// The conditions a printed quote meets; no condition keeps every quote.
#[derive(Debug, Default)]
pub struct Filters {
    /// On the speaker's canonical name; a quote nobody was found for never matches.
    pub speaker: Option<Regex>,
    /// On the quote's text.
    pub text: Option<Regex>,
    pub min_confidence: Option<f32>,
}

impl Filters {
    pub fn keeps(&self, quote: &Quote) -> bool {
        let speaker_matches = self.speaker.as_ref().is_none_or(|pattern| {
            quote
                .speaker
                .as_deref()
                .is_some_and(|name| pattern.is_match(name))
        });
        let text_matches = self
            .text
            .as_ref()
            .is_none_or(|pattern| pattern.is_match(&quote.text));
        let confident = self
            .min_confidence
            .is_none_or(|least| quote.confidence >= least);
        speaker_matches && text_matches && confident
    }
}

/// `--min-confidence`: a number in [0, 1].
pub fn parse_confidence(value: &str) -> Result<f32, String> {
    let number: f32 = value
        .trim()
        .parse()
        .map_err(|_| format!("{value:?} is not a number"))?;
    if (0.0..=1.0).contains(&number) {
        Ok(number)
    } else {
        Err(format!("{value} is outside [0, 1]"))
    }
}

/// `--speaker` and `--match`: a pattern, with the regex crate's own message
/// (which points at the mistake) when it does not compile.
pub fn parse_pattern(value: &str) -> Result<Regex, String> {
    Regex::new(value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "“Very soon, we will see,” Secretary of State Antony Blinken said. \
        “Our nations helped Israel defend itself,” Lammy added. \
        There will be “a pathway to two states”, one diplomat hoped.";

    fn kept(filters: &Filters) -> Vec<String> {
        quotelens::analyze(ARTICLE)
            .quotes
            .into_iter()
            .filter(|q| filters.keeps(q))
            .map(|q| q.text)
            .collect()
    }

    #[test]
    fn no_filter_keeps_every_quote() {
        assert_eq!(kept(&Filters::default()).len(), 3);
    }

    #[test]
    fn speaker_pattern_matches_within_the_canonical_name() {
        let filters = Filters {
            speaker: Some(parse_pattern("(?i)blinken").unwrap()),
            ..Filters::default()
        };
        assert_eq!(kept(&filters), ["Very soon, we will see,"]);
        let anchored = Filters {
            speaker: Some(parse_pattern("^Blinken$").unwrap()),
            ..Filters::default()
        };
        assert!(kept(&anchored).is_empty());
    }

    #[test]
    fn text_pattern_and_confidence_combine() {
        let filters = Filters {
            text: Some(parse_pattern(r"\b(Israel|states)\b").unwrap()),
            ..Filters::default()
        };
        assert_eq!(
            kept(&filters),
            [
                "Our nations helped Israel defend itself,",
                "a pathway to two states"
            ]
        );
        let all = quotelens::analyze(ARTICLE).quotes;
        let least = all.iter().map(|q| q.confidence).fold(1.0, f32::min);
        let most = all.iter().map(|q| q.confidence).fold(0.0, f32::max);
        assert!(
            least < most,
            "the test needs quotes of different confidence"
        );
        let confident = Filters {
            min_confidence: Some(most),
            ..filters
        };
        let kept = kept(&confident);
        assert!(!kept.is_empty() && kept.len() < 2 + 1);
        assert!(quotelens::analyze(ARTICLE)
            .quotes
            .iter()
            .filter(|q| kept.contains(&q.text))
            .all(|q| q.confidence >= most));
    }

    #[test]
    fn bad_values_are_refused_with_a_reason() {
        assert_eq!(parse_confidence("0.8"), Ok(0.8));
        assert_eq!(parse_confidence("1.5"), Err("1.5 is outside [0, 1]".into()));
        assert_eq!(
            parse_confidence("high"),
            Err("\"high\" is not a number".into())
        );
        let e = parse_pattern("(unclosed").unwrap_err();
        assert!(e.contains("unclosed group"), "{e}");
    }
}
