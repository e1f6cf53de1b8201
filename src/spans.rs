//! Stage 2: quote spans.
//!
//! Pairs the marks of [`crate::marks`] into quotations. Within a paragraph an
//! opening mark pairs with the next mark that can close it. A quote still open
//! at the end of its paragraph continues when the next paragraph starts with an
//! opening mark, the convention of news writing for long quotes:
//!
//! ```text
//! Blinken said: “What I think is absolutely essential … going forward.
//! “Our nations helped Israel defend itself …
//! “But we’re equally determined to end the conflict … in Gaza.”
//! ```
//!
//! is one quote over three paragraphs. A quote left open with no continuation
//! ends at its paragraph's end, flagged as unclosed. One pass over the marks.
//!
//! ```text
//! He said: “One.
//! “Two.”                 →   one span over two paragraphs
//! Done.
//! ```

use crate::marks::{Mark, Role, Style, DIALOGUE_DASHES};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The first opening mark.
    pub open_at: usize,
    /// The closing mark; `None` when the quote ran to the end of its paragraph.
    pub close_at: Option<usize>,
    /// The quoted words, without marks or surrounding white space.
    pub start: usize,
    pub end: usize,
    /// How many paragraphs the quote runs over.
    pub paragraphs: u32,
}

impl Span {
    /// The stretch of text the quote covers, marks included.
    pub fn covered(&self) -> (usize, usize) {
        (self.open_at, self.close_at.map_or(self.end, |c| c + 1))
    }
}

struct OpenQuote {
    open_at: usize,
    style: Style,
    paragraph_end: usize,
    paragraphs: u32,
    /// A quote of the other shape is open inside this one: `"… “too loud” …"`.
    inner_open: bool,
}

/// Pairs `marks` (in text order) into quote spans, in text order, never overlapping.
pub fn pair_marks(chars: &[char], marks: &[Mark]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<OpenQuote> = None;
    let mut breaks = ParagraphEnds { chars, known: None };
    for mark in marks {
        if let Some(quote) = open.take() {
            if mark.at > quote.paragraph_end {
                if reopens_next_paragraph(chars, quote.paragraph_end, mark) {
                    open = Some(OpenQuote {
                        paragraph_end: breaks.end_of(mark.at),
                        paragraphs: quote.paragraphs + 1,
                        inner_open: false,
                        ..quote
                    });
                    continue;
                }
                push_span(chars, &mut spans, &quote, None, quote.paragraph_end);
            } else if quote.inner_open {
                let inner_open = !(mark.role != Role::Open && mark.style == Style::English);
                open = Some(OpenQuote {
                    inner_open,
                    ..quote
                });
                continue;
            } else if closes(mark, quote.style) {
                push_span(chars, &mut spans, &quote, Some(mark.at), mark.at);
                continue;
            } else if quote.style == Style::English
                && mark.style == Style::English
                && chars[mark.at] != chars[quote.open_at]
            {
                // A straight quote holding a curly one, or the other way round:
                // the inner quote belongs to the outer.
                open = Some(OpenQuote {
                    inner_open: true,
                    ..quote
                });
                continue;
            } else {
                // Two openers in a row: the first was never closed and ends
                // where the second begins, so quotes never overlap.
                push_span(chars, &mut spans, &quote, None, mark.at);
            }
        }
        if mark.role != Role::Close {
            open = Some(OpenQuote {
                open_at: mark.at,
                style: mark.style,
                paragraph_end: breaks.end_of(mark.at),
                paragraphs: 1,
                inner_open: false,
            });
        }
    }
    if let Some(quote) = open {
        push_span(chars, &mut spans, &quote, None, quote.paragraph_end);
    }
    spans
}

/// Dialogue written with dashes, as in Spanish, Portuguese and French news:
///
/// ```text
/// —No vamos a negociar con terroristas —dijo el presidente—. Nunca.
/// ```
///
/// A paragraph that opens with `—` (or `–`) quotes up to the next dash that
/// follows a space (the narrator's aside), or to its end. Paragraphs that
/// already hold a quote from `spans` are left alone; the result is merged
/// into `spans` in text order. One pass over the text.
pub fn add_dialogue_spans(chars: &[char], spans: &mut Vec<Span>) {
    let mut dialogue = Vec::new();
    let mut next_span = 0;
    let mut paragraph_start = 0;
    while paragraph_start < chars.len() {
        let paragraph_end = chars[paragraph_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| paragraph_start + p);
        while spans
            .get(next_span)
            .is_some_and(|s| s.covered().1 <= paragraph_start)
        {
            next_span += 1;
        }
        let quoted_here = spans
            .get(next_span)
            .is_some_and(|s| s.open_at < paragraph_end);
        let first = (paragraph_start..paragraph_end).find(|&i| !chars[i].is_whitespace());
        if let (Some(dash), false) = (first, quoted_here) {
            if DIALOGUE_DASHES.contains(&chars[dash]) {
                let close_at = (dash + 1..paragraph_end)
                    .find(|&i| DIALOGUE_DASHES.contains(&chars[i]) && chars[i - 1].is_whitespace());
                let quote = OpenQuote {
                    open_at: dash,
                    style: Style::English,
                    paragraph_end,
                    paragraphs: 1,
                    inner_open: false,
                };
                push_span(
                    chars,
                    &mut dialogue,
                    &quote,
                    close_at,
                    close_at.unwrap_or(paragraph_end),
                );
            }
        }
        paragraph_start = paragraph_end + 1;
    }
    if !dialogue.is_empty() {
        spans.extend(dialogue);
        crate::sort::stable_by_key(spans, |s| s.open_at);
    }
}

fn closes(mark: &Mark, style: Style) -> bool {
    match style {
        Style::Guillemet => mark.role == Role::Close && mark.style == Style::Guillemet,
        // In „…“ the closer is a `“`, classed as an opener by shape.
        Style::Low => mark.style == Style::English,
        Style::English => mark.role != Role::Open && mark.style == Style::English,
    }
}

/// Finds the line break ending the paragraph that holds an offset. Offsets
/// come in increasing order, so remembering the last break found keeps the
/// whole pass linear even in one huge paragraph full of marks.
struct ParagraphEnds<'a> {
    chars: &'a [char],
    known: Option<usize>,
}

impl ParagraphEnds<'_> {
    fn end_of(&mut self, at: usize) -> usize {
        match self.known {
            Some(end) if end >= at => end,
            _ => {
                let end = self.chars[at..]
                    .iter()
                    .position(|&c| c == '\n')
                    .map_or(self.chars.len(), |p| at + p);
                self.known = Some(end);
                end
            }
        }
    }
}

/// Whether `mark` opens the first non-blank paragraph after the one ending at `end`.
fn reopens_next_paragraph(chars: &[char], end: usize, mark: &Mark) -> bool {
    mark.role != Role::Close && chars[end..mark.at].iter().all(|c| c.is_whitespace())
}

fn push_span(
    chars: &[char],
    spans: &mut Vec<Span>,
    quote: &OpenQuote,
    close_at: Option<usize>,
    end: usize,
) {
    let mut start = quote.open_at + 1;
    let mut end = end;
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    // A span of nothing but marks and punctuation (`“‘“x”`) quotes nobody.
    let has_words = chars[start..end].iter().any(|c| c.is_alphanumeric());
    if start < end && has_words {
        spans.push(Span {
            open_at: quote.open_at,
            close_at,
            start,
            end,
            paragraphs: quote.paragraphs,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_reopened_in_the_next_paragraph_is_one_span() {
        let text = "He said: “One.\n“Two.”\nDone.";
        let chars: Vec<char> = text.chars().collect();
        let spans = pair_marks(&chars, &crate::marks::find_marks(&chars));
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].paragraphs, 2);
    }
    use crate::marks::find_marks;

    #[test]
    fn dialogue_dashes_quote_up_to_the_narrators_aside() {
        let text = "El ministro habló.\n—No vamos a negociar con terroristas —dijo el presidente—.\n—Nunca.";
        let chars: Vec<char> = text.chars().collect();
        let mut spans = pair_marks(&chars, &find_marks(&chars));
        add_dialogue_spans(&chars, &mut spans);
        let quoted: Vec<String> = spans
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect();
        assert_eq!(quoted, ["No vamos a negociar con terroristas", "Nunca."]);
    }

    fn quoted(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        pair_marks(&chars, &find_marks(&chars))
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn mixed_straight_and_curly_marks_pair() {
        let text = "\"So we’re down to a handful of issues – not even a handful of issues – that are hard but fully resolvable, in our judgment,” Blinken said.";
        assert_eq!(
            quoted(text),
            ["So we’re down to a handful of issues – not even a handful of issues – that are hard but fully resolvable, in our judgment,"]
        );
    }

    #[test]
    fn split_quote_gives_two_spans() {
        let text = "“Bad, bad things are going to happen,” Trump warned. “This could be the great Trojan horse of all time.”";
        assert_eq!(
            quoted(text),
            [
                "Bad, bad things are going to happen,",
                "This could be the great Trojan horse of all time."
            ]
        );
    }

    #[test]
    fn quote_reopened_in_next_paragraph_is_one_span() {
        let text = "He went on: “Dozens of Russian military personnel have been trained in Iran.\n“Russia has an array of its own ballistic missiles.”\nLammy said so.";
        let chars: Vec<char> = text.chars().collect();
        let spans = pair_marks(&chars, &find_marks(&chars));
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].paragraphs, 2);
        let inside: String = chars[spans[0].start..spans[0].end].iter().collect();
        assert!(inside.starts_with("Dozens") && inside.ends_with("missiles."));
    }

    #[test]
    fn blank_lines_between_reopened_paragraphs_are_allowed() {
        let text = "She said: \"One thing.\n\n\"Another thing.\"";
        assert_eq!(quoted(text).len(), 1);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "He said \"this never closes\nNext paragraph has no quote.";
        assert_eq!(quoted(text), ["this never closes"]);
    }

    #[test]
    fn french_and_german_quotes() {
        assert_eq!(quoted("Il a dit : « C’est bien » hier."), ["C’est bien"]);
        assert_eq!(
            quoted("Er sagte: „Das ist gut.“ Dann ging er."),
            ["Das ist gut."]
        );
    }

    #[test]
    fn second_opener_ends_an_unclosed_quote_without_overlap() {
        let text = "He said “this never closes and “this one does” today.";
        let chars: Vec<char> = text.chars().collect();
        let spans = pair_marks(&chars, &find_marks(&chars));
        assert_eq!(spans.len(), 2);
        assert!(spans[0].covered().1 <= spans[1].open_at);
    }

    #[test]
    fn curly_quotes_inside_a_straight_quote_belong_to_it() {
        let text = "She said: \"It comes across as “too loud” or “too shrill.”\" Then she left.";
        assert_eq!(
            quoted(text),
            ["It comes across as “too loud” or “too shrill.”"]
        );
    }

    #[test]
    fn stray_closing_mark_is_ignored() {
        assert_eq!(quoted("It’s a 12” pipe, he said “ok”."), ["ok"]);
    }
}
