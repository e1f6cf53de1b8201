//! Which cue speaks for a quote, as a scored choice.
//!
//! ```text
//! Russia’s President Vladimir Putin “will likely use them”, Blinken said.
//! ```
//!
//! Each rule of this stage may find a speaker for the same quote: the verb
//! before it names Putin (`before`), the one after it Blinken (`after`).
//! Every rule's find is a proposal, described by the features in
//! [`FEATURES`] (which rule, whether the quote ends its sentence, what kind of
//! mention, how far from the quote); the proposal with the highest score
//! under learned weights wins, here `after`. A quote with no proposal is left
//! to the next pass, which takes a neighbour's speaker.
//!
//! The weights are data, `src/weights/cues.txt`, written by `make train`
//! (`examples/train.rs`) from the PolNeAR and German train articles; the
//! same data gives the same weights on every run.

use super::{Mention, Via, Who};

/// What a proposal is described by, in the order of the weights.
pub(crate) const FEATURES: [&str; 15] = [
    // Which rule proposed it: a verb of saying right after the quote …
    "after",
    // … or before it in its sentence (`Lammy said the missiles marked “…”`),
    "before",
    // a colon after a speaker (`Trump: “…”`),
    "colon",
    // a verb of saying without a subject of its own (`…, saying “…”`),
    "sentence_subject",
    // a verb of saying ending the sentence after more words,
    "sentence_end",
    // a French incise inside the guillemets,
    "incise",
    // the next sentence taking up the quote (`Lo ha detto X`),
    "next_sentence",
    // the subject of a sentence the quote is woven into, with no verb of saying.
    "woven",
    // The quote ends its sentence, and the proposal comes after it …
    "closes_sentence_after",
    // … or before it.
    "closes_sentence_before",
    // The mention is a name (or several), a pronoun, or a description.
    "named",
    "pronoun",
    "nominal",
    // ln(1 + characters between quote and mention, in tens).
    "distance",
    // A few words quoted inside a sentence, and the proposal comes after it.
    "partial_after",
];

/// How many features describe a proposal.
pub(crate) const M: usize = FEATURES.len();

/// The rules that propose, as the first eight features name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    After,
    Before,
    Colon,
    SentenceSubject,
    SentenceEnd,
    Incise,
    NextSentence,
    Woven,
}

impl Rule {
    /// The route the quote's explanation names for it.
    pub(crate) fn via(self) -> Via {
        match self {
            Rule::After | Rule::Incise => Via::After,
            Rule::Before => Via::Before,
            Rule::Colon => Via::Colon,
            Rule::SentenceSubject | Rule::Woven => Via::SentenceSubject,
            Rule::SentenceEnd => Via::SentenceEnd,
            Rule::NextSentence => Via::NextSentence,
        }
    }

    fn comes_after(self) -> bool {
        matches!(
            self,
            Rule::After | Rule::SentenceEnd | Rule::Incise | Rule::NextSentence
        )
    }
}

/// One rule's find for a quote.
#[derive(Debug, Clone)]
pub(crate) struct Proposal {
    pub rule: Rule,
    pub mention: Mention,
    pub cue: Option<String>,
}

/// Where the quote stands and what it looks like, for the features.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QuoteShape {
    pub start: usize,
    pub end: usize,
    pub closes_sentence: bool,
    pub partial: bool,
}

/// The features of `proposal` for a quote of `shape`.
pub(crate) fn features(proposal: &Proposal, shape: QuoteShape) -> [f32; M] {
    let mut f = [0.0; M];
    f[proposal.rule as usize] = 1.0;
    let after = proposal.rule.comes_after();
    let flag = |b: bool| f32::from(u8::from(b));
    f[8] = flag(shape.closes_sentence && after);
    f[9] = flag(shape.closes_sentence && !after);
    let m = &proposal.mention;
    f[10] = flag(matches!(m.who, Who::Named(_) | Who::Group(_)));
    f[11] = flag(matches!(m.who, Who::Pronoun | Who::Relative(_)));
    f[12] = flag(m.who == Who::Nominal);
    let gap = if m.start >= shape.end {
        m.start - shape.end
    } else {
        shape.start.saturating_sub(m.end)
    };
    f[13] = (1.0 + gap as f32 / 10.0).ln();
    f[14] = flag(shape.partial && after);
    f
}

/// The learned weights, one per feature, from the data file.
pub(crate) fn weights() -> &'static [f32; M] {
    static WEIGHTS: std::sync::OnceLock<[f32; M]> = std::sync::OnceLock::new();
    WEIGHTS.get_or_init(|| crate::weights::parse(include_str!("../weights/cues.txt"), &FEATURES))
}

/// The proposal with the highest score; the earlier one on a tie.
pub(crate) fn best(proposals: &[Proposal], shape: QuoteShape) -> Option<usize> {
    let weights = weights();
    let mut best: Option<(usize, f32)> = None;
    for (i, p) in proposals.iter().enumerate() {
        let s = crate::weights::score(&features(p, shape), weights);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    #[test]
    fn every_feature_has_a_learned_weight() {
        let data = include_str!("../weights/cues.txt");
        crate::weights::assert_every_feature_weighed(data, &FEATURES);
    }

    #[test]
    fn a_cue_after_a_quote_inside_its_sentence_beats_one_before() {
        let a = analyze("Russia’s President Vladimir Putin “will likely use them against Ukraine”, Blinken said.");
        assert_eq!(a.quotes[0].speaker.as_deref(), Some("Blinken"));
    }

    #[test]
    fn a_quote_that_ends_its_sentence_belongs_to_the_cue_before() {
        let a = analyze("Bush called Trump “a chaos candidate who is unhinged.” Sen. Marco Rubio called him a con artist.");
        assert_eq!(a.quotes[0].speaker.as_deref(), Some("Bush"));
    }

    #[test]
    fn features_say_which_rule_where_and_how_far() {
        let proposal = Proposal {
            rule: Rule::Before,
            mention: Mention::at(0, 5, Who::Pronoun),
            cue: Some("said".into()),
        };
        let shape = QuoteShape {
            start: 15,
            end: 40,
            closes_sentence: true,
            partial: false,
        };
        let f = features(&proposal, shape);
        let on: Vec<&str> = FEATURES
            .iter()
            .zip(f)
            .filter(|(_, x)| *x == 1.0)
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(on, ["before", "closes_sentence_before", "pronoun"]);
        assert!((f[13] - 2.0_f32.ln()).abs() < 1e-6, "ten characters apart");
    }
}
