//! `quotelens score GOLD PRED`: how well predicted quotes and speakers match
//! hand-marked ones, for measuring Quotelens (or any tool) on your own data.
//!
//! Both files are JSON Lines, one article a line, matched by `"id"`:
//!
//! ```text
//! GOLD  {"id", "text", "quotes": [{"start", "end", "speakers": [..] or "speaker",
//!                                  "speaker_start"?, "speaker_end"?, "speaker_name"?}]}
//! PRED  {"id", "quotes": [{"start", "end", "speaker", "speaker_start"?, "speaker_end"?}]}
//! ```
//!
//! `quotelens extract` prints PRED as it is. Offsets are code points into the
//! gold article's text, end exclusive. The definitions:
//!
//! * **Pieces.** A quote running over several paragraphs counts as one piece a
//!   paragraph (split at each `\n`), each with the quote's other fields. A
//!   piece is compared *trimmed*: without the spaces, quotation marks and
//!   punctuation ([`TRIM`]) at its ends; a piece that trims to nothing is
//!   dropped.
//! * **Detection.** A predicted piece matches a gold piece when their trimmed
//!   spans overlap by at least half of the longer one. Pairs are made one to
//!   one, the largest overlap first (ties: the later gold piece, then the later
//!   predicted one). Precision is over every predicted piece, recall over every
//!   gold piece.
//! * **End to end (mentions).** A matched pair whose gold piece names a speaker
//!   is right when the predicted mention span overlaps the gold one, or when
//!   the last word of the predicted speaker (titles such as `Mr` or
//!   `Secretary` left out, see [`TITLES`]) is a word of a gold speaker that is
//!   not a lone pronoun. Precision is over the predicted pieces that name a
//!   speaker or point at a mention, recall over the gold pieces with a speaker.
//!   `attribution_accuracy` is the share right among matched named pairs.
//! * **End to end (names).** Where the gold carries `speaker_name` (who the
//!   mention refers to, `Donald Trump` for a `he`), the predicted `speaker` is
//!   right when, case-blind, the two names are equal, end in the same surname
//!   (suffixes such as `Jr` aside) or one holds the other as whole words. Gold
//!   pieces without a name are left out, and so are the predictions matched to
//!   them.
//!
//! Every ratio is rounded to 4 decimals. The output is one JSON object with
//! the keys `articles`, `articles_missing_from_prediction`, `gold_quotes`,
//! `predicted_quotes`, `matched`, `detection`, `attribution_accuracy`,
//! `end_to_end` and (with names) `names`; `detection`, `end_to_end` and
//! `names.end_to_end` each hold `precision`, `recall` and `f1`.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::{Map, Value};

/// What is trimmed off the ends of a quote before spans are compared.
pub const TRIM: &str = " \t\r\n\"'“”‘’«»„‚,.;:!?-–—()[]…";
/// Words that are no part of a name when comparing mentions.
pub const TITLES: [&str; 29] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "mayor",
    "chancellor",
    "general",
    "gen",
    "the",
    "of",
    "state",
    "foreign",
    "prime",
    "us",
    "uk",
];
/// A gold speaker that is only one of these names nobody.
const PRONOUNS: [&str; 10] = [
    "he", "she", "they", "i", "we", "it", "him", "her", "them", "you",
];
/// Not a surname: `Martin Luther King Jr` ends in `king`.
const NAME_SUFFIXES: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];

/// Precision, recall and F1.
#[derive(Debug, Serialize, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(right: usize, predicted: usize, gold: usize) -> Self {
        let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        let (p, r) = (ratio(right, predicted), ratio(right, gold));
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            precision: round4(p),
            recall: round4(r),
            f1: round4(f1),
        }
    }
}

/// The figures, in the order they are printed.
#[derive(Debug, Serialize)]
pub struct Scores {
    pub articles: usize,
    pub articles_missing_from_prediction: usize,
    pub gold_quotes: usize,
    pub predicted_quotes: usize,
    pub matched: usize,
    pub detection: Prf,
    pub attribution_accuracy: Option<f64>,
    pub end_to_end: Prf,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub names: Option<NameScores>,
}

#[derive(Debug, Serialize)]
pub struct NameScores {
    pub gold_quotes_named: usize,
    pub gold_quotes_unnamed: usize,
    pub matched: usize,
    pub attribution_accuracy: Option<f64>,
    pub end_to_end: Prf,
}

/// Decimal rounding to 4 places, as the printed figures are: through the
/// exact decimal expansion, so a value is rounded as written, not as scaled.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// One quote piece: its span and the quote's fields.
#[derive(Debug)]
struct Piece<'a> {
    start: usize,
    end: usize,
    quote: &'a Map<String, Value>,
}

impl Piece<'_> {
    fn field(&self, key: &str) -> Option<&Value> {
        self.quote.get(key).filter(|v| !v.is_null())
    }

    fn speaker(&self) -> Option<&str> {
        self.field("speaker").and_then(Value::as_str)
    }

    fn mention(&self) -> Option<(i64, i64)> {
        let at = |key| self.field(key).and_then(Value::as_i64);
        Some((at("speaker_start")?, at("speaker_end")?))
    }

    /// Whether the prediction attributes the quote: it names a speaker or
    /// points at a mention.
    fn attributes(&self) -> bool {
        self.speaker().is_some_and(|s| !s.is_empty()) || self.field("speaker_start").is_some()
    }

    /// The gold speakers: `"speakers"` when present, else `"speaker"`.
    fn gold_speakers(&self) -> Vec<&str> {
        let listed: Vec<&Value> = match self.quote.get("speakers") {
            Some(Value::Array(speakers)) => speakers.iter().collect(),
            _ => self.field("speaker").into_iter().collect(),
        };
        listed
            .into_iter()
            .filter_map(Value::as_str)
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn speaker_name(&self) -> Option<&str> {
        self.field("speaker_name")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }
}

/// `[start, end)` less the [`TRIM`] characters at both ends.
fn trimmed(text: &[char], start: usize, end: usize) -> (usize, usize) {
    let (mut start, mut end) = (start, end);
    while start < end && TRIM.contains(text[start]) {
        start += 1;
    }
    while end > start && TRIM.contains(text[end - 1]) {
        end -= 1;
    }
    (start, end)
}

/// The quotes of one article cut at line breaks, pieces that trim to
/// nothing dropped; an error for offsets outside the text.
fn pieces<'a>(text: &[char], quotes: &'a [Value]) -> Result<Vec<Piece<'a>>, String> {
    let mut pieces = Vec::new();
    for quote in quotes {
        let Value::Object(fields) = quote else {
            return Err("a quote is not a JSON object".to_string());
        };
        let offset = |key: &str| {
            fields
                .get(key)
                .and_then(Value::as_u64)
                .map(|n| n as usize)
                .ok_or_else(|| format!("a quote has no {key:?} offset"))
        };
        let (start, end) = (offset("start")?, offset("end")?);
        if end > text.len() || start > end {
            return Err(format!(
                "quote [{start}, {end}) is outside the text ({} code points)",
                text.len()
            ));
        }
        let mut cut = start;
        let mut piece = |from: usize, to: usize| {
            if to > from {
                pieces.push(Piece {
                    start: from,
                    end: to,
                    quote: fields,
                });
            }
        };
        for (i, &c) in text.iter().enumerate().take(end).skip(start) {
            if c == '\n' {
                piece(cut, i);
                cut = i + 1;
            }
        }
        piece(cut, end);
    }
    pieces.retain(|p| {
        let (s, e) = trimmed(text, p.start, p.end);
        e > s
    });
    Ok(pieces)
}

/// Gold and predicted pieces paired one to one, the largest overlap first.
fn pairs(text: &[char], gold: &[Piece], pred: &[Piece]) -> Vec<(usize, usize)> {
    let spans = |pieces: &[Piece]| -> Vec<(usize, usize)> {
        pieces
            .iter()
            .map(|p| trimmed(text, p.start, p.end))
            .collect()
    };
    let (gold_spans, pred_spans) = (spans(gold), spans(pred));
    let mut candidates = Vec::new();
    for (i, &(gs, ge)) in gold_spans.iter().enumerate() {
        for (j, &(ps, pe)) in pred_spans.iter().enumerate() {
            let overlap = ge.min(pe).saturating_sub(gs.max(ps));
            if overlap > 0 && overlap * 2 >= (ge - gs).max(pe - ps) {
                candidates.push((overlap, i, j));
            }
        }
    }
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    let (mut used_gold, mut used_pred) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_gold[i] && !used_pred[j] {
            used_gold[i] = true;
            used_pred[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

/// The lower-case words of a name (letters, digits, `_`, apostrophes and
/// hyphens), each less a possessive `'s`, titles left out.
fn mention_words(name: &str) -> Vec<String> {
    words(&name.to_lowercase(), &['\'', '’', '-'])
        .into_iter()
        .map(|w| {
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .map_or(w.clone(), str::to_string)
        })
        .filter(|w| !TITLES.contains(&w.as_str()))
        .collect()
}

/// The words of a name for comparing names: `’` read as `'`, possessive
/// `'s` and edge apostrophes and hyphens dropped; titles kept.
fn name_words(name: &str) -> Vec<String> {
    words(&name.to_lowercase().replace('’', "'"), &['\'', '-'])
        .into_iter()
        .map(|w| {
            let w = w.strip_suffix("'s").unwrap_or(&w);
            w.trim_matches(['\'', '-']).to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The runs of word characters (alphanumeric or `_`) and `extra`.
fn words(text: &str, extra: &[char]) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || extra.contains(&c)))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a predicted piece names the gold piece's speaker (see the module docs).
fn same_speaker(pred: &Piece, gold: &Piece) -> bool {
    if let (Some((ps, pe)), Some((gs, ge))) = (pred.mention(), gold.mention()) {
        if pe.min(ge) > ps.max(gs) {
            return true;
        }
    }
    let predicted = mention_words(pred.speaker().unwrap_or_default());
    let Some(last) = predicted.last() else {
        return false;
    };
    gold.gold_speakers().into_iter().any(|speaker| {
        let words = mention_words(speaker);
        let lone_pronoun = words.len() == 1 && PRONOUNS.contains(&words[0].as_str());
        !words.is_empty() && !lone_pronoun && words.contains(last)
    })
}

/// Whether a predicted name is the gold `speaker_name` (see the module docs).
fn same_name(pred: &str, gold: &str) -> bool {
    let (p, g) = (name_words(pred), name_words(gold));
    if p.is_empty() || g.is_empty() {
        return false;
    }
    let surname = |words: &[String]| {
        let kept: Vec<&String> = words
            .iter()
            .filter(|w| !NAME_SUFFIXES.contains(&w.as_str()))
            .collect();
        kept.last().copied().or(words.last()).cloned()
    };
    if p == g || surname(&p) == surname(&g) {
        return true;
    }
    let (short, long) = if p.len() <= g.len() {
        (&p, &g)
    } else {
        (&g, &p)
    };
    long.windows(short.len())
        .any(|window| window == short.as_slice())
}

/// The articles of a JSON Lines file by id (as JSON, so `"1"` and `1`
/// differ), in file order; a later line with the same id replaces the earlier.
fn read_articles(path: &str) -> Result<(Vec<String>, HashMap<String, Value>), String> {
    let file = File::open(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let mut order = Vec::new();
    let mut articles = HashMap::new();
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{path}:{}: cannot read: {e}", index + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let fail = |message: &str| format!("{path}:{}: {message}", index + 1);
        let article: Value =
            serde_json::from_str(&line).map_err(|e| fail(&format!("not valid JSON: {e}")))?;
        let id = article
            .get("id")
            .ok_or_else(|| fail("no \"id\" field"))?
            .to_string();
        if articles.insert(id.clone(), article).is_none() {
            order.push(id);
        }
    }
    Ok((order, articles))
}

fn quotes_of(article: &Value) -> &[Value] {
    article
        .get("quotes")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The scores of the predictions in `pred` against the gold in `gold`.
pub fn score(gold_path: &str, pred_path: &str) -> Result<Scores, String> {
    let (order, gold) = read_articles(gold_path)?;
    let (_, pred) = read_articles(pred_path)?;
    let has_names = gold.values().any(|article| {
        quotes_of(article)
            .iter()
            .any(|q| q.get("speaker_name").is_some())
    });
    let (mut gold_quotes, mut predicted_quotes, mut matched) = (0, 0, 0);
    let (mut gold_named, mut attributed_gold, mut right) = (0, 0, 0);
    let mut missing = 0;
    let mut predicted_attributing = 0;
    let (mut names_gold, mut names_unnamed, mut names_matched, mut names_right) = (0, 0, 0, 0);
    let mut names_left_out = 0;
    for id in &order {
        let article = &gold[id];
        let text: Vec<char> = article
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{gold_path}: article {id} has no \"text\""))?
            .chars()
            .collect();
        let in_context = |e: String| format!("article {id}: {e}");
        let gold_pieces = pieces(&text, quotes_of(article)).map_err(in_context)?;
        let predicted = pred.get(id);
        missing += usize::from(predicted.is_none());
        let pred_pieces = pieces(&text, predicted.map_or(&[], quotes_of)).map_err(in_context)?;
        gold_quotes += gold_pieces.len();
        predicted_quotes += pred_pieces.len();
        predicted_attributing += pred_pieces.iter().filter(|p| p.attributes()).count();
        for piece in gold_pieces.iter().filter(|p| !p.gold_speakers().is_empty()) {
            gold_named += 1;
            if piece.speaker_name().is_some() {
                names_gold += 1;
            } else {
                names_unnamed += 1;
            }
        }
        let pairs = pairs(&text, &gold_pieces, &pred_pieces);
        matched += pairs.len();
        for (i, j) in pairs {
            let (g, p) = (&gold_pieces[i], &pred_pieces[j]);
            if g.gold_speakers().is_empty() {
                continue;
            }
            if has_names {
                match g.speaker_name() {
                    None => names_left_out += usize::from(p.attributes()),
                    Some(name) => {
                        names_matched += 1;
                        names_right += usize::from(same_name(p.speaker().unwrap_or(""), name));
                    }
                }
            }
            attributed_gold += 1;
            right += usize::from(same_speaker(p, g));
        }
    }
    // Predictions for articles the gold lacks still count against precision.
    for (id, article) in &pred {
        if !gold.contains_key(id) {
            let raw = quotes_of(article).iter().filter_map(Value::as_object);
            predicted_attributing += raw
                .filter(|q| {
                    let piece = Piece {
                        start: 0,
                        end: 0,
                        quote: q,
                    };
                    piece.attributes()
                })
                .count();
        }
    }
    let accuracy = |right: usize, of: usize| (of > 0).then(|| round4(right as f64 / of as f64));
    Ok(Scores {
        articles: order.len(),
        articles_missing_from_prediction: missing,
        gold_quotes,
        predicted_quotes,
        matched,
        detection: Prf::new(matched, predicted_quotes, gold_quotes),
        attribution_accuracy: accuracy(right, attributed_gold),
        end_to_end: Prf::new(right, predicted_attributing, gold_named),
        names: has_names.then(|| NameScores {
            gold_quotes_named: names_gold,
            gold_quotes_unnamed: names_unnamed,
            matched: names_matched,
            attribution_accuracy: accuracy(names_right, names_matched),
            end_to_end: Prf::new(
                names_right,
                predicted_attributing - names_left_out,
                names_gold,
            ),
        }),
    })
}

/// `quotelens score GOLD PRED`: prints the scores as one JSON line.
pub fn run(gold: &str, pred: &str) -> ExitCode {
    match score(gold, pred) {
        Ok(scores) => {
            let line = serde_json::to_string(&scores).unwrap_or_default();
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            crate::report::report(&message);
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn a_quote_over_two_paragraphs_is_two_trimmed_pieces() {
        let text = chars("“One,\n“two,” he said.\n\n");
        let quotes = [json!({"start": 1, "end": 11, "speaker": "x"})];
        let found = pieces(&text, &quotes).unwrap();
        let spans: Vec<_> = found.iter().map(|p| (p.start, p.end)).collect();
        assert_eq!(spans, [(1, 5), (6, 11)]);
        assert_eq!(trimmed(&text, 6, 11), (7, 10));
        let outside = [json!({"start": 1, "end": 99})];
        assert!(pieces(&text, &outside)
            .unwrap_err()
            .contains("outside the text"));
    }

    #[test]
    fn spans_match_one_to_one_by_half_of_the_longer() {
        let text = chars(&"abcdefghij".repeat(3));
        let piece = |quote: &'static Value| Piece {
            start: quote["start"].as_u64().unwrap() as usize,
            end: quote["end"].as_u64().unwrap() as usize,
            quote: quote.as_object().unwrap(),
        };
        let g: &'static Value = Box::leak(Box::new(json!({"start": 0, "end": 10})));
        let near: &'static Value = Box::leak(Box::new(json!({"start": 1, "end": 10})));
        let half: &'static Value = Box::leak(Box::new(json!({"start": 5, "end": 15})));
        let short: &'static Value = Box::leak(Box::new(json!({"start": 6, "end": 16})));
        // Two candidates for one gold piece: the larger overlap wins.
        assert_eq!(
            pairs(&text, &[piece(g)], &[piece(half), piece(near)]),
            [(0, 1)]
        );
        assert_eq!(pairs(&text, &[piece(g)], &[piece(half)]), [(0, 0)]);
        assert!(pairs(&text, &[piece(g)], &[piece(short)]).is_empty());
    }

    #[test]
    fn speakers_and_names_compare_as_documented() {
        let quote = |value: Value| value.as_object().unwrap().clone();
        let gold = quote(json!({"speakers": ["US Secretary of State Antony Blinken"]}));
        let same = |pred: Value| {
            let pred = quote(pred);
            let piece = |q| Piece {
                start: 0,
                end: 0,
                quote: q,
            };
            same_speaker(&piece(&pred), &piece(&gold))
        };
        assert!(same(json!({"speaker": "Mr Blinken"})));
        assert!(same(json!({"speaker": "Blinken's"})));
        assert!(!same(json!({"speaker": "Antony Lammy"})));
        assert!(!same(json!({"speaker": null})));
        let he = quote(json!({"speaker": "he", "speaker_start": 3, "speaker_end": 5}));
        let by_pronoun = Piece {
            start: 0,
            end: 0,
            quote: &he,
        };
        let gold_he = quote(json!({"speaker": "He", "speaker_start": 4, "speaker_end": 6}));
        let gold_piece = Piece {
            start: 0,
            end: 0,
            quote: &gold_he,
        };
        // By the overlapping mention, though a lone pronoun names nobody.
        assert!(same_speaker(&by_pronoun, &gold_piece));
        assert!(same_name(
            "Martin Luther King Jr.",
            "Dr. Martin Luther King"
        ));
        assert!(same_name("Trump", "Donald J. Trump"));
        assert!(same_name("The White House", "white house"));
        assert!(!same_name("Joe Biden", "Hunter Biden's lawyer"));
        assert!(!same_name("", "Trump"));
        assert_eq!(round4(2.0 / 3.0), 0.6667);
    }
}
