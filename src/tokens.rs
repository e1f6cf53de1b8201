//! Stage 3a: words and sentences.
//!
//! Cue finding works on the text *around* quotes, never inside them, so this
//! stage turns the text into a stream where each quote is one opaque token:
//!
//! ```text
//! “Very soon, we will see what they say,” he added.
//! [Quote 0] [,]? [he] [added] [.]
//! ```
//!
//! Words keep their internal apostrophes, hyphens and periods (`Iran’s`,
//! `R-Texas`, `U.S.`), and a title or initial keeps its period (`Mr.`, `Sen.`,
//! `John F. Kennedy`) so that it does not end a sentence. Line breaks become
//! paragraph-break tokens. One pass, linear in the text.
//!
//! ```text
//! Sen. Smith said: “Yes.”   →   [Sen.] [Smith] [said] [:] [Quote 0]
//! ```

use crate::case::lower_char;
use crate::find;
use crate::lexicon::is_abbreviation;
use crate::spans::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// One or more line breaks: a paragraph boundary.
    Break,
    /// A whole quotation, marks included; the index into the spans.
    Quote(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Splits `chars` into tokens, each quote in `spans` becoming one [`Kind::Quote`].
pub fn tokenize(chars: &[char], spans: &[Span]) -> Vec<Token> {
    tokenize_from(chars, spans, 0)
}

/// The tokens of `chars[from..to]`, with offsets into `chars`, quotation
/// marks as plain punctuation: the words inside a quote (`cues/after.rs`
/// reads an incise there).
pub fn tokenize_between(chars: &[char], from: usize, to: usize) -> Vec<Token> {
    tokenize_from(&chars[..to.min(chars.len())], &[], from)
}

fn tokenize_from(chars: &[char], spans: &[Span], from: usize) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(chars.len().saturating_sub(from) / 5);
    let mut next_span = 0;
    let mut at = from;
    while at < chars.len() {
        if let Some(span) = spans.get(next_span) {
            let (open, close) = span.covered();
            if at >= open {
                tokens.push(Token {
                    start: open,
                    end: close,
                    kind: Kind::Quote(next_span),
                });
                next_span += 1;
                at = close.max(at + 1);
                continue;
            }
        }
        let c = chars[at];
        if c == '\n' {
            let start = at;
            while at < chars.len()
                && chars[at].is_whitespace()
                && !starts_span(spans, next_span, at)
            {
                at += 1;
            }
            tokens.push(Token {
                start,
                end: at,
                kind: Kind::Break,
            });
        } else if c.is_whitespace() {
            at += 1;
        } else if c.is_alphanumeric() {
            let end = word_end(chars, at);
            tokens.push(Token {
                start: at,
                end,
                kind: Kind::Word,
            });
            at = end;
        } else {
            tokens.push(Token {
                start: at,
                end: at + 1,
                kind: Kind::Punct(c),
            });
            at += 1;
        }
    }
    tokens
}

fn starts_span(spans: &[Span], next_span: usize, at: usize) -> bool {
    spans.get(next_span).is_some_and(|s| s.open_at == at)
}

/// The end of the word starting at `start`: letters and digits, joined by
/// `’ ' - . &` when a letter or digit follows, plus the period of an abbreviation.
fn word_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    loop {
        while end < chars.len() && (chars[end].is_alphanumeric() || is_combining(chars[end])) {
            end += 1;
        }
        let joins = end + 1 < chars.len()
            && find::is_one_of(chars[end], "’'-.&\u{2011}")
            && chars[end + 1].is_alphanumeric();
        if !joins {
            break;
        }
        end += 1;
    }
    // A period before `)` or `,` never ends a sentence: `(D-Mo.)`, `R-Ky.,`.
    let before_comma = matches!(chars.get(end + 1), Some(')' | ','));
    if chars.get(end) == Some(&'.') && (before_comma || keeps_period(&chars[start..end])) {
        end += 1;
    }
    end
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// `Mr.`, `Sen.`, an initial `F.`, or a dotted abbreviation such as `U.S.`.
fn keeps_period(word: &[char]) -> bool {
    if word.len() == 1 && word[0].is_uppercase() {
        return true;
    }
    if word.contains(&'.') {
        return true;
    }
    if word.len() > 5 {
        return false;
    }
    let lower: String = word.iter().flat_map(|c| lower_char(*c)).collect();
    is_abbreviation(&lower) && word[0].is_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_keeps_its_period_and_a_quote_is_one_token() {
        let chars: Vec<char> = "Sen. Smith said: “Yes.”".chars().collect();
        let spans = crate::spans::pair_marks(&chars, &crate::marks::find_marks(&chars));
        let kinds: Vec<Kind> = tokenize(&chars, &spans).iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Word,
                Kind::Word,
                Kind::Word,
                Kind::Punct(':'),
                Kind::Quote(0)
            ]
        );
    }
    use crate::{marks::find_marks, spans::pair_marks};

    fn words(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let spans = pair_marks(&chars, &find_marks(&chars));
        tokenize(&chars, &spans)
            .iter()
            .map(|t| match t.kind {
                Kind::Quote(i) => format!("<Q{i}>"),
                Kind::Break => "¶".to_string(),
                _ => chars[t.start..t.end].iter().collect(),
            })
            .collect()
    }

    #[test]
    fn a_range_inside_a_quote_is_tokenized_with_offsets_into_the_text() {
        let text = "« Notre crainte, explique Alexandra Teixeira, est réelle »";
        let chars: Vec<char> = text.chars().collect();
        let from = text
            .find("explique")
            .map_or(0, |b| text[..b].chars().count());
        let tokens = tokenize_between(&chars, from, chars.len() - 2);
        let words: Vec<String> = tokens
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect();
        assert_eq!(
            words,
            ["explique", "Alexandra", "Teixeira", ",", "est", "réelle"]
        );
    }

    #[test]
    fn quotes_become_single_tokens() {
        assert_eq!(
            words("“Very soon, we will see,” he added.\nNext."),
            ["<Q0>", "he", "added", ".", "¶", "Next", "."]
        );
    }

    #[test]
    fn titles_initials_and_dotted_abbreviations_keep_their_period() {
        assert_eq!(
            words("Mr. John F. Kennedy of the U.S. said"),
            ["Mr.", "John", "F.", "Kennedy", "of", "the", "U.S.", "said"]
        );
    }

    #[test]
    fn possessives_and_hyphens_stay_in_the_word() {
        assert_eq!(
            words("Iran’s Sen. Cruz (R-Texas) said."),
            ["Iran’s", "Sen.", "Cruz", "(", "R-Texas", ")", "said", "."]
        );
    }

    #[test]
    fn sentence_final_period_is_punctuation() {
        assert_eq!(
            words("Blinken said so. Lammy agreed."),
            ["Blinken", "said", "so", ".", "Lammy", "agreed", "."]
        );
    }
}
