//! How a pass cuts a page's text: into chunks the core analyses one at a
//! time (so a huge page is read in slices), and at paragraph breaks (so a
//! quote over several paragraphs is painted paragraph by paragraph).
//!
//! Plain text in, offsets out: `cargo test` runs the tests on the host.

use crate::Quote;

/// Text analysed at once, cut at a paragraph break after this many bytes. An
/// article is shorter and is analysed whole; on a longer page a quote cannot
/// run across a cut, and a speaker named only before it is not known after it.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// Where the chunk of `text` starting at byte `from` ends: at a paragraph
/// break after [`CHUNK_BYTES`], else at a space, else at a character boundary.
pub fn chunk_end(text: &str, from: usize) -> usize {
    if text.len() - from <= CHUNK_BYTES {
        return text.len();
    }
    let soft = from + CHUNK_BYTES;
    let hard = (soft + 3 * CHUNK_BYTES).min(text.len());
    let window = text.as_bytes().get(soft..hard).unwrap_or_default();
    let cut = window.iter().position(|&b| b == b'\n');
    let cut = cut.or_else(|| window.iter().position(|&b| b == b' '));
    match cut {
        Some(i) => soft + i,
        None => (soft..=hard)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(hard),
    }
}

/// A quote from a chunk whose first code point is `base` of the whole text.
pub fn shifted(mut quote: Quote, base: usize) -> Quote {
    quote.start += base;
    quote.end += base;
    quote.speaker_start = quote.speaker_start.map(|i| i + base);
    quote.speaker_end = quote.speaker_end.map(|i| i + base);
    quote
}

/// Every paragraph break (`\n`) of `text` with the code point where the next
/// paragraph's text starts: after blank space and one reopening mark (the core
/// continues a quote only when a quotation mark reopens the next paragraph).
pub fn paragraph_breaks(text: &str) -> Vec<(usize, usize)> {
    let mut breaks = Vec::new();
    let mut open: Option<usize> = None;
    let mut marked = false;
    let mut count = 0;
    for (i, c) in text.chars().enumerate() {
        count = i + 1;
        if c == '\n' {
            if let Some(at) = open.replace(i) {
                breaks.push((at, i));
            }
            marked = false;
            continue;
        }
        let Some(at) = open else { continue };
        if c.is_whitespace() {
            continue;
        }
        if !marked && crate::marks::QUOTATION_MARKS.contains(&c) {
            marked = true;
            continue;
        }
        breaks.push((at, i));
        open = None;
    }
    if let Some(at) = open {
        breaks.push((at, count));
    }
    breaks
}

/// The parts of `start..end` (code points) between the paragraph `breaks`
/// inside it: one per paragraph, each later one starting where its
/// paragraph's own text does, empty parts left out.
pub fn paragraph_parts(
    breaks: &[(usize, usize)],
    start: usize,
    end: usize,
) -> impl Iterator<Item = (usize, usize)> {
    let lo = breaks.partition_point(|&(b, _)| b < start);
    let hi = breaks.partition_point(|&(b, _)| b < end).max(lo);
    let mut parts = Vec::with_capacity(hi - lo + 1);
    let mut from = start;
    for &(at, next) in breaks.get(lo..hi).unwrap_or_default() {
        parts.push((from, at));
        from = next;
    }
    parts.push((from, end));
    parts.into_iter().filter(|(from, to)| from < to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_is_one_chunk() {
        let text = "“Very soon, we will see,” Blinken said.\nLammy agreed.";
        assert_eq!(chunk_end(text, 0), text.len());
    }

    #[test]
    fn a_long_page_is_cut_at_the_first_paragraph_break_after_the_chunk_size() {
        let paragraph = format!("{}\n", "word ".repeat(99));
        let text = paragraph.repeat(400);
        let end = chunk_end(&text, 0);
        assert!(end >= CHUNK_BYTES);
        assert_eq!(&text[end..end + 1], "\n");
        assert!(!text[CHUNK_BYTES..end].contains('\n'));
        // The next chunk is cut the same way, from where this one ended.
        let next = chunk_end(&text, end);
        assert!(next >= end + CHUNK_BYTES && &text[next..next + 1] == "\n");
    }

    #[test]
    fn a_page_without_breaks_is_cut_at_a_space() {
        let text = "word ".repeat(40_000);
        let end = chunk_end(&text, 0);
        assert!((CHUNK_BYTES..CHUNK_BYTES + 5).contains(&end));
        assert_eq!(&text[end..end + 1], " ");
    }

    #[test]
    fn a_page_of_one_endless_word_is_cut_between_characters() {
        // Three bytes a character, no space, no break: a cut must not split one.
        let text = "€".repeat(200_000);
        let end = chunk_end(&text, 0);
        assert!(text.is_char_boundary(end));
        assert!(end > CHUNK_BYTES && end < text.len());
    }

    #[test]
    fn a_quote_of_a_later_chunk_counts_from_the_start_of_the_page() {
        let quote = crate::analyze("“We will see,” Blinken said.").quotes[0].clone();
        let moved = shifted(quote.clone(), 1000);
        assert_eq!(moved.start, quote.start + 1000);
        assert_eq!(moved.end, quote.end + 1000);
        assert_eq!(moved.speaker_start, quote.speaker_start.map(|i| i + 1000));
        assert_eq!(moved.speaker_end, quote.speaker_end.map(|i| i + 1000));
    }

    #[test]
    fn a_paragraph_reopened_by_a_quotation_mark_starts_after_the_mark() {
        // “Part one / “Part two.” – the second “ reopens the quote, it is no quote text.
        let text = "“Part one\n“Part two.”";
        assert_eq!(paragraph_breaks(text), [(9, 11)]);
    }

    #[test]
    fn blank_space_after_a_break_is_skipped_but_a_second_mark_is_text() {
        let text = "One.\n  \u{201c}\u{201c}Two";
        // Break at 4; the next paragraph's text starts at the second mark (8).
        assert_eq!(paragraph_breaks(text), [(4, 8)]);
    }

    #[test]
    fn breaks_in_a_row_are_each_kept() {
        assert_eq!(paragraph_breaks("A\n\nB"), [(1, 2), (2, 3)]);
        assert_eq!(paragraph_breaks("A\n"), [(1, 2)]);
        assert!(paragraph_breaks("No break at all").is_empty());
    }

    #[test]
    fn a_quote_over_three_paragraphs_is_painted_in_three_parts() {
        let text = "“One\n“Two\n“Three”";
        let breaks = paragraph_breaks(text);
        // The quote's text runs from after the first mark to before the last.
        let end = text.chars().count() - 1;
        assert_eq!(
            paragraph_parts(&breaks, 1, end).collect::<Vec<_>>(),
            [(1, 4), (6, 9), (11, end)]
        );
    }

    #[test]
    fn a_quote_inside_one_paragraph_is_one_part() {
        let breaks = paragraph_breaks("Intro.\n“Within one,” she said.\nOutro.");
        assert_eq!(
            paragraph_parts(&breaks, 8, 19).collect::<Vec<_>>(),
            [(8, 19)]
        );
    }

    #[test]
    fn a_part_left_empty_by_a_break_at_the_quotes_end_is_dropped() {
        let breaks = [(10, 12)];
        assert_eq!(
            paragraph_parts(&breaks, 2, 11).collect::<Vec<_>>(),
            [(2, 10)]
        );
        assert_eq!(
            paragraph_parts(&breaks, 10, 11).collect::<Vec<_>>(),
            Vec::<(usize, usize)>::new()
        );
    }
}
