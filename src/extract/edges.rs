//! Step 2b: the story's edges. What the selection kept around the first and
//! the last paragraph often labels or signs the story instead of telling it.
//!
//! Above the story sit its title and the lines that label it: the `<h1>`, a
//! byline, a date, a picture credit.
//!
//! ```text
//! Council approves harbour plan after a year of delays                        ← h1
//! Maria Lopez and Tom Becker Coastal Courier                                  ← no sentence
//! Published 9:14 AM EST Nov 19, 2019                                          ← no sentence
//! PORTSEA – The city council on Tuesday approved a plan to rebuild the …      ← the story
//! ```
//!
//! Below it come the lines that sign it: who reported and edited it
//! ("Reporting by Maria Lopez; Editing by Sue Park", no full stop), where to
//! write ("Write to Maria Lopez at maria.lopez@courier.example", an address),
//! whom to follow ("Follow us on Twitter @CoastalCourier", a handle).
//!
//! Below a rule (`<hr>`) at the end, a third of the text or less, comes an
//! appendix: the "About the company" paragraphs of a press release, a
//! citation and copyright notice, the author's biography.
//!
//! So, from each end inwards, a paragraph goes while it is one of these and
//! stops the trimming when it is not: the first paragraph that reads as the
//! story ends the trimming at that end. Then the appendix goes, whole or not
//! at all. A line holding a double quotation mark always stays (a quote there
//! still gets its badge), and so does a block holding other blocks (it is
//! part of the story's frame, not a line); an appendix with such a line is
//! not one.

use std::ops::Range;

use super::scan::{Element, Event, Page};
use super::tags::Tag;

/// A line above the story shorter than this, not ending a sentence, labels it.
const MAX_LABEL: u32 = 100;
/// A line below the story shorter than this, not ending a sentence and
/// without a link, signs it (a credit: "Additional reporting by …").
const MAX_CREDIT: u32 = 200;
/// A line below the story shorter than this with an e-mail address or a
/// handle is the author's contact line or the site's "follow us".
const MAX_CONTACT: u32 = 400;

/// The text after the story's last `<hr>` is an appendix when it is at most
/// this share of the story's text. On the tune half 0.34 and 0.5 score the
/// same, 0.25 misses an "About" paragraph as long as a third of its release.
const MAX_APPENDIX: f32 = 0.34;

/// One run of kept text whose nearest block is `block`.
pub(super) struct Line {
    block: u32,
    /// Its text nodes (indices into [`Page::texts`]).
    texts: Vec<u32>,
}

/// Drops the labels above the story and the signature below it from `kept`,
/// given the kept text under `root` as [`lines`].
pub(super) fn trim_edges<N>(page: &Page<N>, root: usize, lines: &[Line], kept: &mut [bool]) {
    let mut first = 0;
    while first + 1 < lines.len() && is_label(page, &lines[first], kept) {
        drop_line(page, &lines[first], kept);
        first += 1;
    }
    let mut last = lines.len();
    while last > first + 1 && is_signature(page, &lines[last - 1], kept) {
        last -= 1;
        drop_line(page, &lines[last], kept);
    }
    if let Some(start) = appendix(page, root, &lines[first..last], kept) {
        for line in &lines[first + start..last] {
            drop_line(page, line, kept);
        }
    }
}

/// Where the story's appendix starts among `lines`: the lines after the last
/// `<hr>` under `root`, when they are a small part of the text, every one a
/// whole line without a quotation ("About the company: …", set off below a
/// rule at the end of a press release).
fn appendix<N>(page: &Page<N>, root: usize, lines: &[Line], kept: &[bool]) -> Option<usize> {
    let elements = &page.elements;
    let rule = (root..elements[root].end as usize)
        .rev()
        .find(|&i| elements[i].tag == Tag::Rule)?;
    let events = elements[rule].first_event as usize..elements[root].end_event as usize;
    let after = page.events[events].iter().find_map(|event| match *event {
        Event::Text { text, .. } => Some(text),
        Event::Break => None,
    })?;
    let start = lines.iter().position(|line| line.texts[0] >= after)?;
    let length = |lines: &[Line]| -> u32 {
        lines
            .iter()
            .map(|line| elements[line.block as usize].own_text)
            .sum()
    };
    let tail = &lines[start..];
    let fits = start > 0
        && tail
            .iter()
            .all(|line| whole_line(page, line, kept).is_some())
        && (length(tail) as f32) <= MAX_APPENDIX * length(lines) as f32;
    fits.then_some(start)
}

/// Adds the kept text among `events` to `lines`, in document order.
pub(super) fn lines<N>(page: &Page<N>, events: Range<usize>, kept: &[bool], lines: &mut Vec<Line>) {
    for (text, element, block) in page.texts_in(events) {
        if !kept[element as usize] || page.texts[text as usize].1.trim().is_empty() {
            continue;
        }
        match lines.last_mut() {
            Some(line) if line.block == block => line.texts.push(text),
            _ => lines.push(Line {
                block,
                texts: vec![text],
            }),
        }
    }
}

/// The line's block when the line may go at all: kept itself, a block of its
/// own (no block inside it), holding no quotation, not an item of a list.
fn whole_line<'p, N>(page: &'p Page<N>, line: &Line, kept: &[bool]) -> Option<&'p Element<N>> {
    let b = &page.elements[line.block as usize];
    (kept[line.block as usize]
        && b.own_text == b.text
        && b.quote_marks == 0
        && b.tag != Tag::ListItem)
        .then_some(b)
}

/// Above the story: the page's title, or a short line that is not a sentence
/// (a byline, a date, a credit).
fn is_label<N>(page: &Page<N>, line: &Line, kept: &[bool]) -> bool {
    whole_line(page, line, kept)
        .is_some_and(|b| b.title || (b.own_text < MAX_LABEL && !is_sentence(page, line, b)))
}

/// Below the story: a credit line (short, no sentence, no link, not ending
/// in a colon), or a contact line (an e-mail address or a handle). A line
/// ending in a colon introduces what follows ("Residents were quick to answer
/// online:" above the posts it shows): the story's own.
fn is_signature<N>(page: &Page<N>, line: &Line, kept: &[bool]) -> bool {
    let Some(b) = whole_line(page, line, kept) else {
        return false;
    };
    let introduces = || {
        line.texts
            .iter()
            .rev()
            .find_map(|&t| page.texts[t as usize].1.trim_end().chars().last())
            .is_some_and(|c| matches!(c, ':' | '：'))
    };
    (b.own_text < MAX_CREDIT && !is_sentence(page, line, b) && b.link_text == 0 && !introduces())
        || (b.own_text < MAX_CONTACT && line_has_address(page, line))
}

/// Whether the line ends a sentence or holds one: "… fly home on Tuesday. PTI"
/// is a sentence with its agency's credit, "Reporting by J. Smith" is not.
fn is_sentence<N>(page: &Page<N>, line: &Line, b: &Element<N>) -> bool {
    b.ends_sentence
        || line.texts.iter().any(|&t| {
            let words: Vec<&str> = page.texts[t as usize].1.split_whitespace().collect();
            words.windows(2).any(|pair| {
                let word = pair[0].trim_end_matches(['.', '!', '?']);
                word.len() < pair[0].len() && word.chars().count() > 1
            })
        })
}

/// Whether the line gives an e-mail address (`maria.lopez@courier.example`)
/// or a handle (`@CoastalCourier`).
fn line_has_address<N>(page: &Page<N>, line: &Line) -> bool {
    line.texts.iter().any(|&t| {
        page.texts[t as usize]
            .1
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':'))
            .any(is_address)
    })
}

/// `name@host.tld` or `@handle`.
fn is_address(word: &str) -> bool {
    let Some((user, host)) = word.split_once('@') else {
        return false;
    };
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    if user.is_empty() {
        return host.chars().next().is_some_and(word_char);
    }
    let host = host.trim_end_matches(['.', '!', '?']);
    user.chars()
        .all(|c| word_char(c) || matches!(c, '.' | '-' | '+'))
        && host.split('.').count() >= 2
        && host
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| word_char(c) || c == '-'))
}

fn drop_line<N>(page: &Page<N>, line: &Line, kept: &mut [bool]) {
    let b = line.block as usize;
    kept[b..page.elements[b].end as usize].fill(false);
}

#[cfg(test)]
mod tests {
    use super::is_address;

    #[test]
    fn an_address_is_an_e_mail_or_a_handle_and_not_an_at_sign_in_prose() {
        assert!(is_address("maria.lopez@courier.example"));
        assert!(is_address("letters@courier.example."));
        assert!(is_address("@maria_lopez"));
        assert!(is_address("@CoastalCourier"));
        assert!(!is_address("@"));
        assert!(!is_address("me@home"));
        assert!(!is_address("3@5"));
        assert!(!is_address("@ 5pm"));
        assert!(!is_address("word"));
    }
}
