//! Stage 1: quotation marks.
//!
//! News text mixes its marks freely: `"So we’re down to a handful of issues,”
//! Blinken said` opens with a straight mark and closes with a curly one, and
//! `we’re` holds a curly apostrophe that is no quotation mark at all. This stage
//! finds every *double* quotation mark and decides from its neighbours whether
//! it can open a quote, close one, or either. Single marks (`‘ ’ '`) are left
//! alone: in news they are apostrophes, or quotes nested inside a double quote,
//! and neither starts a quotation of its own.
//!
//! ```text
//! "So we’re down,” Blinken said    →   Open at 0, Close at 14 (the ’ is no mark)
//! ```

use crate::find;

/// Every double quotation mark the core reads, and nothing else: straight (`"`,
/// and the fullwidth `＂`), curly (`“ ”`, with the reversed `‟`), German low `„`
/// and guillemets (`« »`). [`find_marks`] gives each a role; the extension's
/// pre-check (`extension/content.js`, which loads nothing on a page without any of
/// these) and the overlay's reopening marks take this list, and a test holds the
/// JavaScript to it.
pub const QUOTATION_MARKS: &[char] = &['"', '\u{FF02}', '“', '‟', '”', '„', '«', '»'];

/// Dashes that open dialogue when they start a paragraph of Spanish, Portuguese
/// or French news (`—No vamos —dijo él—.`; see [`crate::spans::add_dialogue_spans`]).
pub const DIALOGUE_DASHES: &[char] = &['—', '–'];

/// What a mark can do, judged from its own shape and its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Open,
    Close,
    /// A straight `"` between two letters or two spaces: context cannot tell.
    Either,
}

/// Which closing marks fit an opening one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `“ ”`, `" "` and their mixtures, as in English news.
    English,
    /// `„ “` (German) — the `“` closes here.
    Low,
    /// `« »` (French, Russian).
    Guillemet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Code-point offset of the mark.
    pub at: usize,
    pub role: Role,
    pub style: Style,
}

/// Finds the double quotation marks in `chars`, in order.
pub fn find_marks(chars: &[char]) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (at, &c) in chars.iter().enumerate() {
        let before = at.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(at + 1).copied();
        let (role, style) = match c {
            // `<tweet author="…">`: markup that survived into the text.
            '"' if before == Some('=') => continue,
            // `"WALLACE: Let’s start with …`: a transcript turn, not a quotation.
            '"' | '“' if opens_transcript_turn(&chars[at + 1..]) => continue,
            '"' | '\u{FF02}' => (straight_role(before, after), Style::English),
            '“' | '‟' => (curly_open_role(before, after), Style::English),
            '”' => (curly_close_role(before, after), Style::English),
            '„' => (Role::Open, Style::Low),
            '«' => (Role::Open, Style::Guillemet),
            '»' => (Role::Close, Style::Guillemet),
            _ => continue,
        };
        marks.push(Mark { at, role, style });
    }
    marks
}

/// `WALLACE:` or `SEN. SMITH:` at the start of `rest`: a speaker label in capitals.
fn opens_transcript_turn(rest: &[char]) -> bool {
    let label: Vec<char> = rest
        .iter()
        .take(30)
        .take_while(|&&c| c != ':')
        .copied()
        .collect();
    let letters = label.iter().filter(|c| c.is_alphabetic()).count();
    label.len() < 30
        && rest.get(label.len()) == Some(&':')
        && letters >= 2
        && label
            .iter()
            .all(|&c| c.is_uppercase() || find::is_one_of(c, " .'-"))
}

/// True where a quote may start right after `c`: text start, space, bracket, dash.
fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || find::is_one_of(c, "([{<–—-/:") || is_any_quote(c),
    }
}

/// True where a quote may end right before `c`: text end, space, punctuation.
fn closes_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || find::is_one_of(c, ".,;:!?)]}>–—-/…") || is_any_quote(c),
    }
}

fn is_any_quote(c: char) -> bool {
    find::is_one_of(c, "\"'“”‘’„‚«»‹›")
}

fn straight_role(before: Option<char>, after: Option<char>) -> Role {
    match (opens_after(before), closes_before(after)) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// `“` normally opens; after a word and before a space it is a misused closer,
/// and inside a `„` quote it closes (see [`Style::Low`]).
fn curly_open_role(before: Option<char>, after: Option<char>) -> Role {
    if !opens_after(before) && closes_before(after) {
        Role::Either
    } else {
        Role::Open
    }
}

/// `”` normally closes; before a word after a space it is a misused opener.
fn curly_close_role(before: Option<char>, after: Option<char>) -> Role {
    if opens_after(before) && !closes_before(after) && before.is_some() {
        Role::Either
    } else {
        Role::Close
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_apostrophe_inside_a_quote_is_no_mark() {
        let chars: Vec<char> = "\"So we’re down,” Blinken said".chars().collect();
        let roles: Vec<Role> = find_marks(&chars).iter().map(|m| m.role).collect();
        assert_eq!(roles, [Role::Open, Role::Close]);
    }

    fn roles(text: &str) -> Vec<Role> {
        let chars: Vec<char> = text.chars().collect();
        find_marks(&chars).iter().map(|m| m.role).collect()
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(roles("Iran’s malign activity, and we’re down to ‘few’").is_empty());
    }

    #[test]
    fn straight_marks_take_their_role_from_context() {
        use Role::*;
        assert_eq!(
            roles(r#"marked "definitely a significant escalation"."#),
            [Open, Close]
        );
        assert_eq!(roles(r#""Bad things," Trump said"#), [Open, Close]);
    }

    #[test]
    fn curly_marks_keep_their_role() {
        use Role::*;
        assert_eq!(
            roles("Lammy added: “It is now in the hands of Bibi Netanyahu.”"),
            [Open, Close]
        );
    }

    #[test]
    fn transcript_turns_are_not_quotes_but_quotes_inside_them_are() {
        use Role::*;
        let text = "\"PENCE: Well, Hillary Clinton thinks this is an episode of “Shark Tank.” But this is America.";
        assert_eq!(roles(text), [Open, Close]);
    }

    #[test]
    fn every_listed_mark_is_read_and_no_other() {
        for &c in QUOTATION_MARKS {
            let chars = [' ', c, 'W', 'e', ' '];
            assert_eq!(find_marks(&chars).len(), 1, "{c} is listed but not read");
        }
        for c in "'‘’‚‛‹›「」『』〝〞〟—–".chars() {
            let chars = [' ', c, 'W', 'e', ' '];
            assert!(find_marks(&chars).is_empty(), "{c} is read but not listed");
        }
    }

    #[test]
    fn german_and_french_marks() {
        use Role::*;
        assert_eq!(roles("Er sagte: „Das ist gut.“"), [Open, Either]);
        assert_eq!(roles("Il a dit : « C’est bien »"), [Open, Close]);
    }
}
