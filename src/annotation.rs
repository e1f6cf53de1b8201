//! A page's quotes as W3C Web Annotations (<https://www.w3.org/TR/annotation-model/>),
//! the JSON-LD that annotation tools (Hypothesis, Recogito, AnnoRepo, IIIF
//! viewers) read: one annotation a quote, on the page it came from.
//!
//! Each annotation's target is the page's URL with two selectors:
//!
//! - a `TextQuoteSelector`: the quote's words (`exact`) with up to
//!   [`CONTEXT_CHARS`] code points before (`prefix`) and after (`suffix`), which
//!   find the quote again on a page that has changed since;
//! - a `TextPositionSelector`: `start` and `end` in code points (not UTF-16
//!   units, as the model requires) into the text Quotelens read. For a plain
//!   text file that is the file; for a web page it is the article text (the
//!   CLI's extraction, the browser's reading), not the whole page, so there the
//!   position is a hint and the quote selector decides, as [`anchor`] does.
//!
//! The body names the speaker (`purpose: identifying`) with the attribution's
//! confidence and the speaker's role. The model has no term for those two, so
//! the `@context` adds them after the model's own context, as the model says
//! extensions must; an unattributed quote has no body and is only highlighted.
//! Ids are `urn:uuid:` names hashed from the page, the place and the words, so
//! exporting the same page twice gives the same ids and a store can merge them.
//!
//! Like [`crate::export`], pure text in and serde values out: the CLI prints
//! them with serde_json (`quotelens extract --output annotation`), the reading
//! panel turns them into a `.jsonld` download.
//!
//! ```
//! use quotelens::annotation::{anchor, annotations};
//! use quotelens::record::QuoteRecord;
//! let text = "“Very soon, we will see,” Blinken said.";
//! let analysis = quotelens::analyze(text);
//! let quotes: Vec<QuoteRecord> = analysis.quotes.iter().map(QuoteRecord::from).collect();
//! let notes = annotations("https://example.com/talks", text, &quotes);
//! let (quote, position) = &notes[0].target.selector;
//! assert_eq!(quote.exact, "Very soon, we will see,");
//! assert_eq!(notes[0].body.as_ref().unwrap().value, "Blinken");
//! // Words added before the quote move it; its selectors still find it.
//! let edited = format!("Update: {text}");
//! assert_eq!(anchor(&edited, quote, Some(position.start)), Some((9, 32)));
//! ```

use serde::Serialize;

use crate::part::part;
use crate::record::QuoteRecord;

/// The Web Annotation model's JSON-LD context; every annotation names it first.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Code points of context a `TextQuoteSelector` keeps on each side: enough to
/// tell apart the same words quoted twice (Hypothesis keeps 32 too).
pub const CONTEXT_CHARS: usize = 32;

/// `@context`: the model's context, then the two terms Quotelens adds. A term
/// maps to an absolute IRI; `urn:quotelens:` is our own name space (no URL of
/// ours to publish a vocabulary at), which JSON-LD processors take as any IRI.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Context(&'static str, Terms);

#[derive(Debug, Clone, Copy, Serialize)]
/// The terms Quotelens adds to the Web Annotation context, as IRIs.
pub struct Terms {
    confidence: &'static str,
    role: &'static str,
}

const CONTEXT: Context = Context(
    ANNO_CONTEXT,
    Terms {
        confidence: "urn:quotelens:confidence",
        role: "urn:quotelens:role",
    },
);

/// One quote as a Web Annotation. Its strings borrow from the page's text.
#[derive(Debug, Clone, Serialize)]
pub struct Annotation<'a> {
    /// Absent inside an [`AnnotationPage`], whose own context covers it.
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The annotation's IRI: the page address with a fragment per quote.
    pub id: String,
    #[serde(rename = "type")]
    /// `Annotation`.
    pub kind: &'static str,
    /// `identifying` (the body names who said it) or, without a speaker, `highlighting`.
    pub motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Who said it; absent when nobody was found.
    pub body: Option<Body<'a>>,
    /// The page and where on it the quote stands.
    pub target: Target<'a>,
    /// Quotelens and its version.
    pub generator: Generator,
}

/// Who said the quote, and how sure Quotelens is.
#[derive(Debug, Clone, Serialize)]
pub struct Body<'a> {
    #[serde(rename = "type")]
    /// `TextualBody`.
    pub kind: &'static str,
    /// `identifying`: the body names the speaker.
    pub purpose: &'static str,
    /// The speaker's canonical name.
    pub value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The speaker's role or title, when the text gives one.
    pub role: Option<&'a str>,
    #[serde(serialize_with = "crate::record::three_decimals")]
    /// How sure the attribution is, in [0, 1].
    pub confidence: f32,
}

/// The page and the quote's place on it.
#[derive(Debug, Clone, Serialize)]
pub struct Target<'a> {
    /// The page's address.
    pub source: &'a str,
    /// The quote by its words and by its place in the page's text.
    pub selector: (TextQuoteSelector<'a>, TextPositionSelector),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// The quote by its words, with some text either side to tell repeats apart.
pub struct TextQuoteSelector<'a> {
    #[serde(rename = "type")]
    /// `TextQuoteSelector`.
    pub kind: &'static str,
    /// The quote's words, as on the page.
    pub exact: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    /// The words just before it (none at the start of the text).
    pub prefix: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    /// The words just after it (none at the end of the text).
    pub suffix: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
/// The quote by its place in the page's text, in code points.
pub struct TextPositionSelector {
    #[serde(rename = "type")]
    /// `TextPositionSelector`.
    pub kind: &'static str,
    /// Where the quote starts.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
}

/// What made the annotation (`as:generator`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Generator {
    #[serde(rename = "type")]
    /// `Software`.
    pub kind: &'static str,
    /// `Quotelens` and its version.
    pub name: &'static str,
}

const GENERATOR: Generator = Generator {
    kind: "Software",
    name: concat!("Quotelens ", env!("CARGO_PKG_VERSION")),
};

/// A page's annotations as one JSON-LD document (the panel's download): an
/// `AnnotationPage` of the Web Annotation model with the annotations as `items`.
#[derive(Debug, Clone, Serialize)]
pub struct AnnotationPage<'a> {
    #[serde(rename = "@context")]
    /// The Web Annotation context with Quotelens's terms.
    pub context: Context,
    /// The page's IRI with the `#quotes` fragment.
    pub id: String,
    #[serde(rename = "type")]
    /// `AnnotationPage`.
    pub kind: &'static str,
    /// One annotation a quote, in reading order.
    pub items: Vec<Annotation<'a>>,
}

/// One annotation for each of `quotes` (offsets in code points into `text`)
/// on the page at `source`, each a JSON-LD document of its own (the CLI prints
/// one a line). A quote whose offsets do not fit `text` is left out.
pub fn annotations<'a>(
    source: &'a str,
    text: &'a str,
    quotes: &[QuoteRecord<'a>],
) -> Vec<Annotation<'a>> {
    // Byte offset of every code point, and of the end: offsets are code points.
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let chars = bytes.len() - 1;
    quotes
        .iter()
        .filter(|q| q.start < q.end && q.end <= chars)
        .map(|q| {
            let exact = part(text, bytes[q.start]..bytes[q.end]);
            let prefix = part(
                text,
                bytes[q.start.saturating_sub(CONTEXT_CHARS)]..bytes[q.start],
            );
            let suffix = part(
                text,
                bytes[q.end]..bytes[(q.end + CONTEXT_CHARS).min(chars)],
            );
            let body = q.speaker.map(|value| Body {
                kind: "TextualBody",
                purpose: "identifying",
                value,
                role: q.role,
                confidence: q.confidence,
            });
            Annotation {
                context: Some(CONTEXT),
                id: uuid(&[source, &q.start.to_string(), &q.end.to_string(), exact]),
                kind: "Annotation",
                motivation: if body.is_some() {
                    "identifying"
                } else {
                    "highlighting"
                },
                body,
                target: Target {
                    source,
                    selector: (
                        TextQuoteSelector {
                            kind: "TextQuoteSelector",
                            exact,
                            prefix,
                            suffix,
                        },
                        TextPositionSelector {
                            kind: "TextPositionSelector",
                            start: q.start,
                            end: q.end,
                        },
                    ),
                },
                generator: GENERATOR,
            }
        })
        .collect()
}

/// [`annotations`] as one `AnnotationPage` document.
pub fn annotation_page<'a>(
    source: &'a str,
    text: &'a str,
    quotes: &[QuoteRecord<'a>],
) -> AnnotationPage<'a> {
    let mut items = annotations(source, text, quotes);
    for item in &mut items {
        item.context = None;
    }
    let ids: Vec<&str> = items.iter().map(|a| a.id.as_str()).collect();
    AnnotationPage {
        context: CONTEXT,
        id: uuid(&[&[source][..], &ids].concat()),
        kind: "AnnotationPage",
        items,
    }
}

/// A name-based UUID (version 8, RFC 9562: the bits are ours to choose) from
/// two 64-bit FNV-1a hashes of `parts`: the same parts, the same id, on every
/// machine. Not cryptographic: it names, it does not authenticate.
fn uuid(parts: &[&str]) -> String {
    let hash = |basis: u64| {
        let mut h = basis;
        for part in parts {
            // A separator no part contains keeps ("ab", "c") apart from ("a", "bc").
            for &b in part.as_bytes().iter().chain(&[0xff]) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        h
    };
    let high = hash(0xcbf2_9ce4_8422_2325);
    let low = hash(0x84222325_cbf29ce4);
    let mut bits = (u128::from(high) << 64) | u128::from(low);
    // Version 8 in bits 48-51, variant 0b10 in bits 64-65 (counted from the top).
    bits = (bits & !(0xf << 76)) | (0x8 << 76);
    bits = (bits & !(0x3 << 62)) | (0x2 << 62);
    let mut out = String::from("urn:uuid:");
    for i in (0..32).rev() {
        if matches!(i, 23 | 19 | 15 | 11) {
            out.push('-');
        }
        let nibble = ((bits >> (i * 4)) & 0xf) as u32;
        out.push(char::from_digit(nibble, 16).unwrap_or('0'));
    }
    out
}

/// Where `quote` is in `text` now, as code point offsets (start, end): of the
/// places its `exact` words occur, the one whose surroundings agree longest
/// with its `prefix` (read backwards) and `suffix`, and of those the nearest
/// to `hint` (a `TextPositionSelector`'s start). `None` when the words are
/// gone. The same rule annotation tools follow: the words decide, the
/// position only breaks ties, so an edit elsewhere in the page moves nothing.
pub fn anchor(
    text: &str,
    quote: &TextQuoteSelector,
    hint: Option<usize>,
) -> Option<(usize, usize)> {
    if quote.exact.is_empty() {
        return None;
    }
    let exact_chars = quote.exact.chars().count();
    let agree = |a: &mut dyn Iterator<Item = char>, b: &mut dyn Iterator<Item = char>| {
        a.zip(b).take_while(|(x, y)| x == y).count()
    };
    let mut best: Option<((usize, usize), (usize, usize))> = None;
    // Code points before the byte offset `at`, counted on from the last match.
    let (mut counted_bytes, mut counted_chars) = (0, 0);
    let mut from = 0;
    // Every occurrence, overlapping ones too (`match_indices` skips those).
    while let Some(found) = text[from..].find(quote.exact) {
        let at = from + found;
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        counted_chars += text[counted_bytes..at].chars().count();
        counted_bytes = at;
        let before = agree(
            &mut text[..at].chars().rev(),
            &mut quote.prefix.chars().rev(),
        );
        let after = agree(
            &mut text[at + quote.exact.len()..].chars(),
            &mut quote.suffix.chars(),
        );
        let distance = hint.map_or(0, |h| h.abs_diff(counted_chars));
        let score = (before + after, usize::MAX - distance);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, (counted_chars, counted_chars + exact_chars)));
        }
    }
    best.map(|(_, place)| place)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, QuoteKind};

    const SEED: &str = include_str!("../tests/fixtures/seed-article.txt");
    const URL: &str = "https://www.theguardian.com/us-news/2024/sep/10/blinken-lammy-iran";

    fn quotes(text: &str) -> Vec<crate::Quote> {
        analyze(text)
            .quotes
            .into_iter()
            .filter(|q| q.kind != QuoteKind::Term)
            .collect()
    }

    fn slice(text: &str, (start, end): (usize, usize)) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn every_seed_quote_reanchors_on_the_page_and_on_an_edited_copy() {
        let found = quotes(SEED);
        let out: Vec<QuoteRecord> = found.iter().map(QuoteRecord::from).collect();
        let notes = annotations(URL, SEED, &out);
        assert_eq!(notes.len(), found.len());
        assert!(notes.len() >= 15, "{} quotes", notes.len());
        // Words inserted in the third paragraph: every later quote moves by
        // their length, and the quotes of that paragraph get a new prefix or suffix.
        let third = SEED
            .split('\n')
            .take(2)
            .map(|p| p.chars().count() + 1)
            .sum::<usize>();
        let at = third + 30;
        let inserted = "on Tuesday, in a long and, by all accounts, friendly meeting, ";
        let mut edited: String = SEED.chars().take(at).collect();
        edited.push_str(inserted);
        edited.extend(SEED.chars().skip(at));
        let shift = inserted.chars().count();
        for (note, quote) in notes.iter().zip(&found) {
            let (selector, position) = &note.target.selector;
            assert_eq!(selector.exact, slice(SEED, (quote.start, quote.end)));
            assert_eq!((position.start, position.end), (quote.start, quote.end));
            assert_eq!(
                anchor(SEED, selector, Some(position.start)),
                Some((quote.start, quote.end)),
                "{:?}",
                selector.exact
            );
            let moved = if quote.start >= at { shift } else { 0 };
            let now = anchor(&edited, selector, Some(position.start));
            assert_eq!(
                now,
                Some((quote.start + moved, quote.end + moved)),
                "{:?}",
                selector.exact
            );
            // Without the position too: the words and their context are enough.
            assert_eq!(anchor(&edited, selector, None), now);
        }
        assert!(found.iter().any(|q| q.start < at) && found.iter().any(|q| q.start >= at));
    }

    #[test]
    fn the_same_words_quoted_twice_are_told_apart_by_their_context() {
        let text = "“We will see,” Blinken said on Monday.\n“We will see,” Lammy said on Tuesday.";
        let found = quotes(text);
        let out: Vec<QuoteRecord> = found.iter().map(QuoteRecord::from).collect();
        let notes = annotations(URL, text, &out);
        assert_eq!(notes.len(), 2);
        let (second, _) = &notes[1].target.selector;
        assert_eq!(second.exact, notes[0].target.selector.0.exact);
        // A misleading hint loses to the context.
        assert_eq!(anchor(text, second, Some(0)), Some((40, 52)));
        assert_eq!(
            anchor(text, &notes[0].target.selector.0, Some(40)),
            Some((1, 13))
        );
        assert_ne!(notes[0].id, notes[1].id);
        // Gone from the page: nothing to anchor to.
        assert_eq!(anchor("Nobody said anything.", second, Some(40)), None);
    }

    #[test]
    fn an_annotation_is_json_ld_of_the_web_annotation_model() {
        let text = "Blinken said: “Very soon, we will see.”\n“It matters,” someone said.";
        let found = quotes(text);
        let out: Vec<QuoteRecord> = found.iter().map(QuoteRecord::from).collect();
        let notes = annotations("https://example.com/a", text, &out);
        let value = serde_json::to_value(&notes[0]).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "@context": [
                    "http://www.w3.org/ns/anno.jsonld",
                    {"confidence": "urn:quotelens:confidence", "role": "urn:quotelens:role"}
                ],
                "id": notes[0].id,
                "type": "Annotation",
                "motivation": "identifying",
                "body": {
                    "type": "TextualBody",
                    "purpose": "identifying",
                    "value": "Blinken",
                    "confidence": value["body"]["confidence"],
                },
                "target": {
                    "source": "https://example.com/a",
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": "Very soon, we will see.",
                         "prefix": "Blinken said: “", "suffix": "”\n“It matters,” someone said."},
                        {"type": "TextPositionSelector", "start": 15, "end": 38}
                    ]
                },
                "generator": {"type": "Software", "name": concat!("Quotelens ", env!("CARGO_PKG_VERSION"))}
            })
        );
        assert!(value["body"]["confidence"].as_f64().unwrap() > 0.5);
        let id = notes[0].id.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "8", "version 8");
        assert!("89ab".contains(&id[19..20]), "variant 10");
        // Every key is a term of the model's context (anno.jsonld) or of ours:
        // a JSON-LD processor drops a key no context defines.
        let page =
            serde_json::to_value(annotation_page("https://example.com/a", text, &out)).unwrap();
        assert_eq!(page["type"], "AnnotationPage");
        assert_eq!(page["items"].as_array().unwrap().len(), notes.len());
        assert!(page["items"][0].get("@context").is_none());
        let mut keys = Vec::new();
        collect_keys(&page, &mut keys);
        for key in keys {
            assert!(
                TERMS.contains(&key.as_str()) || key == "confidence" || key == "role",
                "{key} is no term"
            );
        }
        // The unattributed quote is highlighted, with no body.
        let bare = serde_json::to_value(&notes[1]).unwrap();
        assert_eq!(bare["motivation"], "highlighting");
        assert!(bare.get("body").is_none());
    }

    /// The terms of http://www.w3.org/ns/anno.jsonld this module writes, and the JSON-LD keyword.
    const TERMS: [&str; 18] = [
        "@context",
        "id",
        "type",
        "motivation",
        "body",
        "purpose",
        "value",
        "target",
        "source",
        "selector",
        "exact",
        "prefix",
        "suffix",
        "start",
        "end",
        "generator",
        "name",
        "items",
    ];

    fn collect_keys(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    // The context's own map defines terms, it does not use them.
                    if key == "@context" {
                        out.push(key.clone());
                        continue;
                    }
                    out.push(key.clone());
                    collect_keys(inner, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect_keys(v, out)),
            _ => {}
        }
    }
}
