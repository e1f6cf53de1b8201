//! Which person a `he` or `she` means, as a scored choice.
//!
//! ```text
//! Gordon Sondland, the ambassador to the EU, testified for nine hours. He said
//! that Joe Biden's son had never come up in his talks.
//! “I now do recall,” he said.
//! ```
//!
//! Every person the text named or quoted in the last few mentions who may be
//! `he` (a person, of that gender or of none known) is a candidate. Each is
//! described by the features in [`FEATURES`]: was it the last speaker, how
//! recently was it named or quoted, how often, in this paragraph or not, is
//! it the article's first-named person. The candidate with the highest score
//! under learned weights wins: here Sondland, the article's subject and its
//! last speaker, over Biden, named more recently but never quoted.
//!
//! The weights are data, `src/weights/antecedent.txt`, written by `make train`
//! (`examples/train.rs`) from the hand-named PolNeAR train articles; the same
//! data gives the same weights on every run. The hand rule this replaces
//! (the last speaker of the gender, else the last person) scores lower on
//! train: the closing note of issue 16 gives both figures.

/// What a candidate is described by, in the order of the weights.
pub(crate) const FEATURES: [&str; 10] = [
    // The person who spoke last, before this quote.
    "last_speaker",
    // 1 for the last speaker, 1/2 for the one before, … (0 if not a recent speaker).
    "speaker_recency",
    // The same over every person named or quoted.
    "person_recency",
    // An honorific, a first name or an earlier pronoun gave the same gender.
    "gender_agrees",
    // ln(1 + times named so far): the people a story is about are named often.
    "salience",
    // ln(1 + quotes attributed so far).
    "quoted",
    // ln(1 + characters since last named, in hundreds).
    "distance",
    // Last named in this paragraph.
    "same_paragraph",
    // The first person the article names in full: usually whom it is about.
    "first_person",
    // A full name is known (`Gordon Sondland`, not a lone `Sondland`).
    "full_name",
];

/// How many features describe a candidate.
pub(crate) const N: usize = FEATURES.len();

/// One person a pronoun may mean: the entity and its features.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub id: usize,
    pub features: [f32; N],
}

/// The learned weights, one per feature, from the data file.
pub(crate) fn weights() -> &'static [f32; N] {
    static WEIGHTS: std::sync::OnceLock<[f32; N]> = std::sync::OnceLock::new();
    WEIGHTS.get_or_init(|| parse_weights(include_str!("../weights/antecedent.txt")))
}

/// The scale that makes scores probabilities ([`certainty`]): learned with
/// the weights, 1 when the file has none.
fn temperature() -> f32 {
    static T: std::sync::OnceLock<f32> = std::sync::OnceLock::new();
    *T.get_or_init(|| {
        let [t] =
            crate::weights::parse(include_str!("../weights/antecedent.txt"), &["temperature"]);
        if t > 0.0 {
            t
        } else {
            1.0
        }
    })
}

/// `name value` lines, as [`crate::weights::parse`] reads them.
pub(crate) fn parse_weights(data: &str) -> [f32; N] {
    crate::weights::parse(data, &FEATURES)
}

std::thread_local! {
    /// Weights a training run tries in place of the shipped ones ([`with_weights`]).
    static TRIED: std::cell::Cell<Option<[f32; N]>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with `weights` in place of the shipped ones, on this thread only:
/// how `make train` scores a candidate set of weights on whole articles.
pub(crate) fn with_weights<R>(weights: [f32; N], f: impl FnOnce() -> R) -> R {
    TRIED.with(|tried| tried.set(Some(weights)));
    let result = f();
    TRIED.with(|tried| tried.set(None));
    result
}

/// The candidate's score: the weighted sum of its features.
pub(crate) fn score(features: &[f32; N]) -> f32 {
    let tried = TRIED.with(std::cell::Cell::get);
    let weights = tried.as_ref().unwrap_or_else(|| weights());
    crate::weights::score(features, weights)
}

/// How much of the probability the best candidate holds when the scores are
/// read as a softmax over `candidates`: near 1 when it stands out, 1/n when
/// all score alike.
pub(crate) fn certainty(candidates: &[Candidate]) -> f32 {
    // A training run scores the ranking alone; the temperature comes after.
    if TRIED.with(std::cell::Cell::get).is_some() {
        return 1.0;
    }
    let t = temperature();
    let scores: Vec<f32> = candidates.iter().map(|c| score(&c.features) / t).collect();
    let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let total: f32 = scores.iter().map(|s| (s - top).exp()).sum();
    if total > 0.0 {
        1.0 / total
    } else {
        0.0
    }
}

/// The best candidate and the runner-up, by score; the earlier one on a tie.
pub(crate) fn best_two(candidates: &[Candidate]) -> (Option<usize>, Option<usize>) {
    let mut best: Option<(usize, f32)> = None;
    let mut second: Option<(usize, f32)> = None;
    for c in candidates {
        let s = score(&c.features);
        match best {
            Some((_, b)) if s <= b => {
                if second.is_none_or(|(_, t)| s > t) {
                    second = Some((c.id, s));
                }
            }
            _ => {
                second = best;
                best = Some((c.id, s));
            }
        }
    }
    (best.map(|b| b.0), second.map(|s| s.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_has_a_learned_weight() {
        let data = include_str!("../weights/antecedent.txt");
        crate::weights::assert_every_feature_weighed(data, &FEATURES);
        assert!(weights().iter().any(|w| *w != 0.0));
    }

    #[test]
    fn weights_parse_by_name_in_any_order() {
        let w = parse_weights("# a comment\nquoted 2.5\nlast_speaker -1\nunknown 9\n");
        assert_eq!(w[0], -1.0);
        assert_eq!(w[5], 2.5);
        assert_eq!(w.iter().filter(|x| **x != 0.0).count(), 2);
    }

    #[test]
    fn certainty_is_the_best_candidates_share() {
        let alike = |n: usize| {
            vec![
                Candidate {
                    id: 0,
                    features: [1.0; N]
                };
                n
            ]
        };
        // Candidates that look alike share the probability evenly: three
        // alike is too close to call, one alone is certain.
        assert!((certainty(&alike(3)) - 1.0 / 3.0).abs() < 1e-6);
        assert!((certainty(&alike(1)) - 1.0).abs() < 1e-6);
        // The last speaker, quoted just before, against someone named long ago.
        let mut speaker = [0.0; N];
        speaker[0] = 1.0;
        speaker[1] = 1.0;
        let mut named = [0.0; N];
        named[2] = 0.2;
        named[6] = 2.0;
        let c = [
            Candidate {
                id: 1,
                features: speaker,
            },
            Candidate {
                id: 2,
                features: named,
            },
        ];
        assert!(certainty(&c) > 0.9, "{}", certainty(&c));
    }

    #[test]
    fn the_higher_score_wins_and_the_other_is_runner_up() {
        let mut a = [0.0; N];
        let mut b = [0.0; N];
        // A candidate that is the last speaker and was quoted beats one that
        // was only named, under any weights that favour speakers.
        a[0] = 1.0;
        a[1] = 1.0;
        b[2] = 1.0;
        let candidates = [
            Candidate { id: 7, features: b },
            Candidate { id: 3, features: a },
        ];
        let (best, second) = best_two(&candidates);
        let expected = if score(&a) > score(&b) {
            (3, 7)
        } else {
            (7, 3)
        };
        assert_eq!((best, second), (Some(expected.0), Some(expected.1)));
    }
}
