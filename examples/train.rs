//! `make train`: learns the weights of the pronoun antecedent ranker
//! (`src/resolve/antecedent.rs`) from hand-named training articles, and those
//! of the cue choice (`src/cues/choice.rs`) from articles whose gold quotes
//! mark their speaker mention; each run prints one weights file.
//!
//! ```sh
//! cargo run --release --example train -- antecedents ../shared/data/polnear-train-names.jsonl > src/weights/antecedent.txt
//! cargo run --release --example train -- cues ../shared/data/polnear-train.jsonl ../shared/data/german-train.jsonl > src/weights/cues.txt
//! ```
//!
//! Cues: every quote of ours that a gold quote matches (overlapping by half
//! the longer), with two proposals or more and one whose mention overlaps
//! the gold speaker mention, is one example; the same conditional logit
//! learns which proposal to take.
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

const USAGE: &str =
    "usage: train antecedents NAMED.jsonl (speaker_name on every quote) | train cues GOLD.jsonl...";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((what, paths)) if what == "cues" && !paths.is_empty() => train_cues(paths),
        Some((what, [path])) if what == "antecedents" => train_antecedents(path),
        _ => Err(USAGE.into()),
    }
}

fn train_cues(paths: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let features = quotelens::training::cue_features();
    let mut examples = Vec::new();
    let (mut matched, mut single, mut without_right) = (0, 0, 0);
    for path in paths {
        for article in read_gold(path)? {
            for choice in quotelens::cue_choices(&article.text) {
                let ours = (choice.start, choice.end);
                let Some(gold) = article
                    .quotes
                    .iter()
                    .find(|g| same_quote(ours, (g.start, g.end)))
                else {
                    continue;
                };
                let Some((gs, ge)) = gold.mention else {
                    continue;
                };
                if choice.proposals.is_empty() {
                    continue;
                }
                matched += 1;
                let right: Vec<bool> = choice
                    .proposals
                    .iter()
                    .map(|(s, e, _)| *s < ge && gs < *e)
                    .collect();
                if choice.proposals.len() == 1 {
                    single += 1;
                    continue;
                }
                if !right.contains(&true) {
                    without_right += 1;
                    continue;
                }
                examples.push(Example {
                    candidates: choice
                        .proposals
                        .iter()
                        .map(|(_, _, f)| f.iter().map(|&x| f64::from(x)).collect())
                        .collect(),
                    right,
                });
            }
        }
    }
    let shipped: Vec<f64> = quotelens::training::cue_weights()
        .iter()
        .map(|&w| f64::from(w))
        .collect();
    let before = accuracy(&examples, &shipped);
    let weights = fit(&examples, features.len());
    let after = accuracy(&examples, &weights);
    let names: Vec<&str> = paths
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or(p))
        .collect();
    // The file names its data in one line; licences and these figures sit in
    // src/weights/README.md beside it, since every byte of the file ships in the WebAssembly.
    let header = [format!(
        "# By `make train` from {}; licences: README.md",
        names.join(", ")
    )];
    eprintln!(
        "{matched} quotes of ours matched a gold quote with a speaker mention; {single} had one \
         proposal, {without_right} several but none right, {} several and a right one: the examples",
        examples.len()
    );
    write_weights(&header, features, &weights)?;
    eprintln!(
        "cue choice right {before:.3} -> {after:.3} of {} examples",
        examples.len()
    );
    Ok(())
}

/// A weights file: the header, then `name weight` lines.
fn write_weights(header: &[String], features: &[&str], weights: &[f64]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for line in header {
        writeln!(out, "{line}")?;
    }
    for (name, w) in features.iter().zip(weights) {
        writeln!(out, "{name} {w:.4}")?;
    }
    Ok(())
}

fn train_antecedents(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    // Read once: the pronoun examples and the whole-article search use the same articles.
    let articles = read_named(path)?;
    let mut examples = Vec::new();
    let (mut pronouns, mut without_right) = (0, 0);
    for article in &articles {
        for choice in quotelens::pronoun_choices(&article.text) {
            // Both in code points.
            let (start, end) = (choice.start, choice.end);
            let gold = article
                .quotes
                .iter()
                .find(|q| q.mention.is_some_and(|(s, e)| s < end && start < e));
            let Some(name) = gold.map(|q| q.name.as_str()) else {
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
    let features = quotelens::training::antecedent_features();
    let shipped: Vec<f64> = quotelens::training::antecedent_weights()
        .iter()
        .map(|&w| f64::from(w))
        .collect();
    let before = accuracy(&examples, &shipped);
    let logit = fit(&examples, features.len());
    let after = accuracy(&examples, &logit);
    // The logit's weights are the start when they already do better on whole articles.
    let shipped_right = names_right(&articles, &shipped);
    let logit_right = names_right(&articles, &logit);
    let (start, start_right) = if logit_right > shipped_right {
        (logit, logit_right)
    } else {
        (shipped, shipped_right)
    };
    let (weights, right) = coordinate_search(&articles, start, start_right);
    let temperature = calibrate(&examples, &weights);
    let scaled: Vec<f64> = weights.iter().map(|w| w / temperature).collect();
    let unsure: Vec<&Example> = examples
        .iter()
        .filter(|e| {
            probabilities(e, &scaled)
                .iter()
                .copied()
                .fold(0.0, f64::max)
                < 0.5
        })
        .collect();
    let unsure_right = unsure.iter().filter(|e| top_is_right(e, &weights)).count();
    let total: usize = articles.iter().map(|a| a.quotes.len()).sum();
    let header =
        ["# By `make train` from polnear-train-names.jsonl; licence: README.md".to_string()];
    eprintln!(
        "{pronouns} quoted pronouns matched gold, {} with the right person among the candidates \
         ({without_right} without); ranked first: {before:.3} with the weights before this run, \
         {after:.3} with the conditional logit's (start {logit_right} names right); coordinate search \
         on whole articles: {shipped_right} -> {right} of {total} named gold quotes right; temperature \
         {temperature}: {} examples below 0.5, {unsure_right} of them ranked right",
        examples.len(),
        unsure.len()
    );
    write_weights(&header, features, &weights)?;
    writeln!(io::stdout(), "temperature {temperature:.4}")?;
    eprintln!(
        "names right {shipped_right} -> {right} of {total}; ranked first {before:.3} / {after:.3}"
    );
    Ok(())
}

/// One hand-named article: its text and its quotes that name a speaker.
struct Named {
    text: String,
    quotes: Vec<GoldQuote>,
}

/// A gold quote's span, its speaker mention (when the gold marks one) and
/// the hand-checked name that mention means. Offsets in code points.
struct GoldQuote {
    start: usize,
    end: usize,
    mention: Option<(usize, usize)>,
    name: String,
}

/// Every gold quote with its span and speaker mention, named or not.
fn read_gold(path: &str) -> Result<Vec<Named>, Box<dyn std::error::Error>> {
    read_articles(path, false)
}

fn read_named(path: &str) -> Result<Vec<Named>, Box<dyn std::error::Error>> {
    read_articles(path, true)
}

/// The articles of a gold file; with `named`, only quotes with a `speaker_name`.
fn read_articles(path: &str, named: bool) -> Result<Vec<Named>, Box<dyn std::error::Error>> {
    let mut articles = Vec::new();
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    for line in io::BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let article: serde_json::Value = serde_json::from_str(&line)?;
        let quotes = article["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|q| {
                let offset = |key: &str| q[key].as_u64().map(|n| n as usize);
                Some(GoldQuote {
                    start: offset("start")?,
                    end: offset("end")?,
                    mention: offset("speaker_start").zip(offset("speaker_end")),
                    name: match q["speaker_name"].as_str() {
                        Some(name) => name.to_string(),
                        None if named => return None,
                        None => String::new(),
                    },
                })
            })
            .collect();
        articles.push(Named {
            text: article["text"].as_str().unwrap_or_default().to_string(),
            quotes,
        });
    }
    Ok(articles)
}

/// Whether two quote spans are the same quote: they overlap by at least
/// half the longer (as the scorer matches quotes).
fn same_quote((start, end): (usize, usize), (gold_start, gold_end): (usize, usize)) -> bool {
    let overlap = end.min(gold_end).saturating_sub(start.max(gold_start));
    overlap > 0 && overlap * 2 >= (end - start).max(gold_end - gold_start)
}

/// How many gold quotes a whole-article analysis under `weights` finds with
/// the right name (a found quote overlapping the gold one by half the longer).
fn names_right(articles: &[Named], weights: &[f64]) -> usize {
    let weights: Vec<f32> = weights.iter().map(|&w| w as f32).collect();
    quotelens::training::with_antecedent_weights(&weights, || {
        articles
            .iter()
            .map(|article| {
                let analysis = quotelens::analyze(&article.text);
                article
                    .quotes
                    .iter()
                    .filter(|gold| {
                        analysis.quotes.iter().any(|q| {
                            same_quote((q.start, q.end), (gold.start, gold.end))
                                && q.speaker
                                    .as_deref()
                                    .is_some_and(|s| same_name(s, &gold.name))
                        })
                    })
                    .count()
            })
            .sum()
    })
}

/// Moves one weight at a time by ±step while that raises [`names_right`],
/// halving the step when no move helps any more; deterministic.
fn coordinate_search(articles: &[Named], mut w: Vec<f64>, mut best: usize) -> (Vec<f64>, usize) {
    for step in [1.0, 0.5, 0.25, 0.125] {
        for _round in 0..4 {
            let mut improved = false;
            for k in 0..w.len() {
                for delta in [step, -step] {
                    let mut tried = w.clone();
                    tried[k] += delta;
                    let right = names_right(articles, &tried);
                    if right > best {
                        best = right;
                        w = tried;
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }
    (w, best)
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

/// The temperature T under which softmax(score / T) best fits which
/// candidates are right (highest log-likelihood on a fixed grid): the
/// scores' scale after coordinate search says nothing by itself.
fn calibrate(examples: &[Example], w: &[f64]) -> f64 {
    let log_likelihood = |t: f64| -> f64 {
        let scaled: Vec<f64> = w.iter().map(|x| x / t).collect();
        examples
            .iter()
            .map(|e| {
                let p = probabilities(e, &scaled);
                let right: f64 = p
                    .iter()
                    .zip(&e.right)
                    .filter(|(_, r)| **r)
                    .map(|(p, _)| p)
                    .sum();
                right.max(1e-12).ln()
            })
            .sum()
    };
    let grid = [
        0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0, 8.0,
    ];
    let mut best = (1.0, f64::NEG_INFINITY);
    for t in grid {
        let ll = log_likelihood(t);
        if ll > best.1 {
            best = (t, ll);
        }
    }
    best.0
}

/// Whether the top-scored candidate (the earlier on a tie) is right.
fn top_is_right(e: &Example, w: &[f64]) -> bool {
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
    let right = examples.iter().filter(|e| top_is_right(e, w)).count();
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
