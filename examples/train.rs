//! `make train`: learns the weights of the pronoun antecedent ranker
//! (`src/resolve/antecedent.rs`) from hand-named training articles and
//! writes them to `src/weights/antecedent.txt`.
//!
//! ```sh
//! cargo run --release --example train -- ../shared/data/polnear-train-names.jsonl > src/weights/antecedent.txt
//! ```
//!
//! Every `he` or `she` that a quote's cue names, and that a gold quote names
//! too (the gold mention overlaps ours), is one example: the candidates the
//! core offers, each marked right when its name is the gold `speaker_name`
//! (equal, same surname, or one inside the other). The model is a
//! conditional logit (softmax over one pronoun's candidates), fitted by
//! full-batch gradient descent from zero weights with a fixed step count:
//! no randomness, so the same data gives the same weights on every run.

use std::io::{self, BufRead, Write};

/// Steps and step size of gradient descent, and the L2 penalty that keeps
/// weights of rarely-firing features small.
const STEPS: usize = 3000;
const RATE: f64 = 0.2;
const L2: f64 = 0.001;

struct Example {
    candidates: Vec<Vec<f64>>,
    right: Vec<bool>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: train GOLD.jsonl (articles with speaker_name on every quote)")?;
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut examples = Vec::new();
    let (mut pronouns, mut without_right) = (0, 0);
    for line in io::BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let article: serde_json::Value = serde_json::from_str(&line)?;
        let text = article["text"].as_str().ok_or("an article without text")?;
        let gold: Vec<(usize, usize, &str)> = article["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|q| {
                Some((
                    q["speaker_start"].as_u64()? as usize,
                    q["speaker_end"].as_u64()? as usize,
                    q["speaker_name"].as_str()?,
                ))
            })
            .collect();
        for choice in quotelens::pronoun_choices(text) {
            // Both in code points.
            let (start, end) = (choice.start, choice.end);
            let Some(&(_, _, name)) = gold.iter().find(|(s, e, _)| *s < end && start < *e) else {
                continue;
            };
            pronouns += 1;
            let right: Vec<bool> = choice
                .candidates
                .iter()
                .map(|(n, _)| same_name(n, name))
                .collect();
            if !right.contains(&true) {
                without_right += 1;
                continue;
            }
            examples.push(Example {
                candidates: choice
                    .candidates
                    .iter()
                    .map(|(_, f)| f.iter().map(|&x| f64::from(x)).collect())
                    .collect(),
                right,
            });
        }
    }
    let features = quotelens::resolve::antecedent_features();
    let n = features.len();
    let before = accuracy(
        &examples,
        &quotelens::resolve::antecedent_weights()
            .iter()
            .map(|&w| f64::from(w))
            .collect::<Vec<_>>(),
    );
    let weights = fit(&examples, n);
    let after = accuracy(&examples, &weights);
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "# Weights of the pronoun antecedent ranker (src/resolve/antecedent.rs)."
    )?;
    writeln!(
        out,
        "# Written by `make train` (examples/train.rs) from polnear-train-names.jsonl:"
    )?;
    writeln!(
        out,
        "# 200 PolNeAR v1.0.0 train articles (Newell, Margolin and Ruths, LREC 2018) with"
    )?;
    writeln!(
        out,
        "# hand-checked speaker names, from ../shared/data; the data is not in this repository."
    )?;
    writeln!(
        out,
        "# {pronouns} quoted pronouns matched gold, {} with the right person among the",
        examples.len()
    )?;
    writeln!(
        out,
        "# candidates ({without_right} without); the right one ranked first: {before:.3} with the"
    )?;
    writeln!(
        out,
        "# weights before this run, {after:.3} with these. Do not edit by hand."
    )?;
    for (name, w) in features.iter().zip(&weights) {
        writeln!(out, "{name} {w:.4}")?;
    }
    eprintln!(
        "{} examples; first-ranked right: {before:.3} before, {after:.3} after",
        examples.len()
    );
    Ok(())
}

/// Softmax probabilities of one example's candidates under `w`.
fn probabilities(example: &Example, w: &[f64]) -> Vec<f64> {
    let scores: Vec<f64> = example
        .candidates
        .iter()
        .map(|x| x.iter().zip(w).map(|(a, b)| a * b).sum())
        .collect();
    let max = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
    let total: f64 = exp.iter().sum();
    exp.iter().map(|e| e / total).collect()
}

/// Gradient descent on the mean negative log-likelihood of picking a right candidate.
fn fit(examples: &[Example], n: usize) -> Vec<f64> {
    let mut w = vec![0.0; n];
    for _ in 0..STEPS {
        let mut grad = vec![0.0; n];
        for example in examples {
            let p = probabilities(example, &w);
            let p_right: f64 = p
                .iter()
                .zip(&example.right)
                .filter(|(_, r)| **r)
                .map(|(p, _)| p)
                .sum();
            for (j, x) in example.candidates.iter().enumerate() {
                let target = if example.right[j] {
                    p[j] / p_right
                } else {
                    0.0
                };
                for k in 0..n {
                    grad[k] += (p[j] - target) * x[k];
                }
            }
        }
        for k in 0..n {
            w[k] -= RATE * (grad[k] / examples.len().max(1) as f64 + L2 * w[k]);
        }
    }
    w
}

/// Share of examples whose top-scored candidate is right (the earlier on a tie, as the core).
fn accuracy(examples: &[Example], w: &[f64]) -> f64 {
    let right = examples
        .iter()
        .filter(|e| {
            let scores: Vec<f64> = e
                .candidates
                .iter()
                .map(|x| x.iter().zip(w).map(|(a, b)| a * b).sum())
                .collect();
            let mut best = 0;
            for (j, s) in scores.iter().enumerate() {
                if *s > scores[best] {
                    best = j;
                }
            }
            e.right[best]
        })
        .count();
    right as f64 / examples.len().max(1) as f64
}

/// The reader's test of a shown name against the gold one: equal, the same
/// surname, or one a run of whole words inside the other, ignoring case.
fn same_name(shown: &str, gold: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().trim_end_matches("'s").to_string())
            .collect()
    };
    let (a, b) = (words(shown), words(gold));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.last() == b.last() {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    long.windows(short.len()).any(|w| w == short.as_slice())
}
