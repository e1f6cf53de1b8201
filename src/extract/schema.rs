//! schema.org's `articleBody`: the story's text as the publisher states it in
//! a page's JSON-LD, used to check the container the scoring chose, never to
//! replace the page's text.
//!
//! Many news pages carry their story twice: once as the page a reader sees,
//! once in a `<script type="application/ld+json">` for search engines:
//!
//! ```text
//! {"@type": "NewsArticle", "headline": "Council approves harbour plan",
//!  "articleBody": "PORTSEA – The city council on Tuesday approved a plan to …"}
//! ```
//!
//! It is not trustworthy as text: on the bench pages it is often cut after
//! 500 characters, or escaped twice (`&amp;quot;`), or carries a subscription
//! pitch the page shows apart, and it never has the page's paragraphs and
//! blockquotes, and the extension must badge the page's own text nodes
//! anyway. What it is good for is naming where the story is: the element whose
//! text holds most of it. So [`SchemaBody`] keeps its word triples, and the
//! selection asks, per element, how many of its words begin one; when the
//! chosen container holds too few of the matches found on the page, the
//! smallest element that holds most of them is the story instead.
//!
//! ```
//! use quotelens::extract::SchemaBody;
//! let script = r#"{"@type":"NewsArticle","articleBody":"Three fishermen were rescued on Sunday after two days adrift off the coast, when their engine failed during a storm, the coast guard said. \"They were cold and tired,\" Lt. Sarah Kim said."}"#;
//! let body = SchemaBody::from_scripts([script]).expect("a body of 30 words");
//! assert!(body.words() >= 30);
//! assert!(SchemaBody::from_scripts([r#"{"articleBody": "Too short."}"#]).is_none());
//! ```

use std::collections::HashSet;

/// An `articleBody` shorter than this many words names nothing reliably.
const MIN_WORDS: usize = 30;

/// The word triples of a page's longest `articleBody`.
#[derive(Debug, Clone)]
pub struct SchemaBody {
    triples: HashSet<u64>,
    words: usize,
    /// Its length in characters, white space runs counting one.
    chars: usize,
}

impl SchemaBody {
    /// The longest `articleBody` in the texts of a page's JSON-LD scripts, if
    /// it has [`MIN_WORDS`] words or more. The scripts need not be valid JSON
    /// (raw line breaks inside strings are common): only the string after each
    /// `"articleBody":` is read.
    pub fn from_scripts<'a>(scripts: impl IntoIterator<Item = &'a str>) -> Option<SchemaBody> {
        let body = scripts
            .into_iter()
            .flat_map(article_bodies)
            .max_by_key(String::len)?;
        let mut words = Words::default();
        let triples: HashSet<u64> = body
            .split(|c: char| !c.is_alphanumeric())
            .filter_map(|word| words.push(word))
            .collect();
        let chars = body.split_whitespace().map(|w| w.chars().count() + 1).sum();
        (words.count >= MIN_WORDS).then_some(SchemaBody {
            triples,
            words: words.count,
            chars,
        })
    }

    /// How many words the body has.
    pub fn words(&self) -> usize {
        self.words
    }

    /// How many distinct word triples it has.
    pub fn triples(&self) -> usize {
        self.triples.len()
    }

    /// Its length in characters (a run of white space counting one).
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Whether this triple (from [`Words::push`]) is one of the body's.
    pub(super) fn has(&self, triple: u64) -> bool {
        self.triples.contains(&triple)
    }
}

/// A running window over a text's words, giving each word's triple: a hash
/// (FNV-1a, small and fast) of it and the two words before it.
#[derive(Default)]
pub(super) struct Words {
    last: [u64; 2],
    count: usize,
}

impl Words {
    /// Adds a word (empty pieces of a split are skipped); its triple once two
    /// words came before it.
    pub(super) fn push(&mut self, word: &str) -> Option<u64> {
        if word.is_empty() {
            return None;
        }
        let hash = fnv(
            FNV_OFFSET,
            word.chars().flat_map(char::to_lowercase).map(u64::from),
        );
        let triple = fnv(FNV_OFFSET, [self.last[0], self.last[1], hash].into_iter());
        self.last = [self.last[1], hash];
        self.count += 1;
        (self.count >= 3).then_some(triple)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over 64-bit units.
fn fnv(mut hash: u64, units: impl Iterator<Item = u64>) -> u64 {
    for unit in units {
        hash ^= unit;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The string values of every `"articleBody"` key in a script's text.
fn article_bodies(script: &str) -> Vec<String> {
    const KEY: &str = "\"articleBody\"";
    let mut bodies = Vec::new();
    let mut rest = script;
    while let Some(at) = rest.find(KEY) {
        rest = &rest[at + KEY.len()..];
        let value = rest.trim_start();
        let Some(value) = value.strip_prefix(':') else {
            continue;
        };
        if let Some((body, after)) = json_string(value.trim_start()) {
            bodies.push(body);
            rest = after;
        }
    }
    bodies
}

/// The JSON string at the start of `s` (decoded) and what follows it.
fn json_string(s: &str) -> Option<(String, &str)> {
    let mut chars = s.strip_prefix('"')?.char_indices();
    let mut out = String::new();
    let body = &s[1..];
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' | 'r' | 't' | 'f' | 'b' | '/' => out.push(' '),
                'u' => {
                    let hex: String = (0..4)
                        .filter_map(|_| chars.next().map(|(_, c)| c))
                        .collect();
                    let code = u32::from_str_radix(&hex, 16).ok()?;
                    out.push(char::from_u32(code).unwrap_or(' '));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_article_body_is_read_from_loose_json() {
        let script = "{\"@graph\": [{\"articleBody\": \"Short one.\"},\n\
                      {\"articleBody\" : \"He said \\\"no\\\" \\u2014 and\nleft.\"}]}";
        assert_eq!(
            article_bodies(script),
            vec![
                "Short one.".to_owned(),
                "He said \"no\" — and\nleft.".to_owned()
            ]
        );
    }

    #[test]
    fn a_broken_script_gives_no_body_and_no_panic() {
        assert!(article_bodies("{\"articleBody\": \"unterminated").is_empty());
        assert!(article_bodies("{\"articleBody\": \"\\u12").is_empty());
        assert!(article_bodies("\"articleBody\"").is_empty());
        assert!(SchemaBody::from_scripts(["", "{}", "\"articleBody\": 5"]).is_none());
    }

    #[test]
    fn triples_ignore_case_and_punctuation() {
        let mut a = Words::default();
        let mut b = Words::default();
        let xs: Vec<_> = ["The", "Coast", "guard", "said"]
            .iter()
            .filter_map(|w| a.push(w))
            .collect();
        let ys: Vec<_> = "the coast, guard said"
            .split(|c: char| !c.is_alphanumeric())
            .filter_map(|w| b.push(w))
            .collect();
        assert_eq!(xs, ys);
        assert_eq!(xs.len(), 2);
    }
}
