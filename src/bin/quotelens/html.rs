//! The article text of a saved news page, and nothing else.
//!
//! A news page holds far more than its article: navigation with headlines in
//! quotation marks, a footer, a "most read" box, readers' comments. Quotes found
//! there are not the article's. This module picks the article's root element and
//! turns it into the plain text the core reads: one paragraph a line.
//!
//! The root is the first of `[itemprop=articleBody]`, `<article>` or `<main>`
//! that holds paragraphs; failing those, the element whose direct `<p>` children
//! hold the most text (the "densest run" of paragraphs, as Readability judges it).
//! Inside the root, page furniture (`nav`, `header`, `footer`, `aside`, `form`,
//! scripts, hidden elements, comment sections) is skipped. Every block element and
//! every `<br>` ends a line, so `<h2>A</h2><p>B</p>` never reads as `AB`; white
//! space inside a paragraph collapses to single spaces, and html5ever has already
//! decoded the entities.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node, Selector};

/// The article text of an HTML page, paragraphs separated by `\n`.
pub fn article_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let root = article_root(&document);
    block_text(root)
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template",
    "iframe", "svg", "button", "select", "textarea", "object", "embed", "canvas", "dialog", "menu",
    "head",
];

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "caption",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "center",
];

/// A candidate root counts only when its paragraphs hold at least this many
/// characters: a teaser `<article>` in a sidebar holds a headline and no more.
const MIN_ROOT_TEXT: usize = 200;

fn article_root(document: &Html) -> ElementRef<'_> {
    for css in ["[itemprop=articleBody]", "article", "main"] {
        let selector = Selector::parse(css).expect("selector is valid CSS");
        let best = document
            .select(&selector)
            .filter(|e| !skipped_or_inside_skipped(*e))
            .map(|e| (paragraph_text_len(e), e))
            .max_by_key(|(len, _)| *len);
        if let Some((len, element)) = best {
            if len >= MIN_ROOT_TEXT {
                return element;
            }
        }
    }
    densest_paragraph_parent(document).unwrap_or_else(|| body_or_root(document))
}

/// The element whose direct `<p>` children hold the most text.
fn densest_paragraph_parent(document: &Html) -> Option<ElementRef<'_>> {
    let p = Selector::parse("p").expect("selector is valid CSS");
    // Parents in document order with their scores; `index` finds a parent's entry.
    let mut scores: Vec<(ElementRef<'_>, usize)> = Vec::new();
    let mut index = HashMap::new();
    for paragraph in document
        .select(&p)
        .filter(|e| !skipped_or_inside_skipped(*e))
    {
        if let Some(parent) = paragraph.parent().and_then(ElementRef::wrap) {
            let at = *index.entry(parent.id()).or_insert_with(|| {
                scores.push((parent, 0));
                scores.len() - 1
            });
            scores[at].1 += text_len(paragraph);
        }
    }
    // `rev` makes ties go to the earlier element (max_by_key keeps the last).
    scores
        .into_iter()
        .rev()
        .filter(|(_, score)| *score > 0)
        .max_by_key(|(_, score)| *score)
        .map(|(e, _)| e)
}

fn body_or_root(document: &Html) -> ElementRef<'_> {
    let body = Selector::parse("body").expect("selector is valid CSS");
    document
        .select(&body)
        .next()
        .unwrap_or_else(|| document.root_element())
}

/// Characters of text in the `<p>` elements under `element`, furniture excluded.
fn paragraph_text_len(element: ElementRef<'_>) -> usize {
    let p = Selector::parse("p").expect("selector is valid CSS");
    element
        .select(&p)
        .filter(|e| !skipped_or_inside_skipped(*e))
        .map(text_len)
        .sum()
}

fn text_len(element: ElementRef<'_>) -> usize {
    element.text().map(|t| t.trim().chars().count()).sum()
}

fn skipped_or_inside_skipped(element: ElementRef<'_>) -> bool {
    is_skipped(element)
        || element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(is_skipped)
}

/// Furniture, hidden elements, comment sections and boxes named as furniture.
fn is_skipped(element: ElementRef<'_>) -> bool {
    let e = element.value();
    if SKIPPED.contains(&e.name()) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    // As Readability does, a name never rules out the page's or the article's
    // own element: `<body class="ads-enabled">` is not an advert.
    if ["html", "body", "article", "main"].contains(&e.name()) {
        return false;
    }
    let names: Vec<String> = e
        .id()
        .into_iter()
        .chain(e.classes())
        .map(str::to_lowercase)
        .collect();
    let article_like = |name: &String| {
        ["article", "body", "content", "main", "story"]
            .iter()
            .any(|w| name.contains(w))
    };
    !names.iter().any(article_like) && names.iter().any(|name| is_furniture_name(name))
}

/// Words that, as a whole part of a class or id, name page furniture rather
/// than article text. A subset of Readability's "unlikely candidates"; not
/// `ad`, which some sites put on a wrapper of the whole page (`ad-portal`).
const FURNITURE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "respond",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "signup",
    "subscribe",
    "promo",
    "sponsor",
    "sponsored",
    "advert",
    "advertisement",
    "gallery",
    "breadcrumb",
    "breadcrumbs",
    "popup",
    "modal",
    "pagination",
    "outbrain",
    "taboola",
    "disqus",
];

/// `comments`, `article-comments`, `related_links`, `share-bar`, `advert`:
/// but not `commentary` or `shared`, where only part of a word matches.
fn is_furniture_name(name: &str) -> bool {
    name.split(['-', '_'])
        .any(|part| FURNITURE_WORDS.contains(&part))
        || name.starts_with("disqus")
}

/// The text of `root` with a line per block, walked without recursion so that
/// a page nested thousands deep cannot overflow the stack.
fn block_text(root: ElementRef<'_>) -> String {
    let mut lines = Lines::default();
    // `true` marks the exit from an element, after its children.
    let mut stack = vec![(*root, false)];
    while let Some((node, exiting)) = stack.pop() {
        match node.value() {
            Node::Text(text) if !exiting => lines.push_text(text),
            Node::Element(element) => {
                let name = element.name();
                if exiting {
                    if BLOCKS.contains(&name) {
                        lines.end_line();
                    }
                    continue;
                }
                if name == "br" {
                    lines.end_line();
                    continue;
                }
                if node.id() != root.id()
                    && is_skipped(ElementRef::wrap(node).expect("node is an element"))
                {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    lines.end_line();
                }
                stack.push((node, true));
                stack.extend(node.children().rev().map(|child| (child, false)));
            }
            _ => {}
        }
    }
    lines.end_line();
    lines.text
}

/// Accumulates lines of text, collapsing white space within each.
#[derive(Default)]
struct Lines {
    text: String,
    line: String,
    /// White space seen since the last word of the current line.
    pending_space: bool,
}

impl Lines {
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.pending_space = false;
                self.line.push(c);
            }
        }
    }

    fn end_line(&mut self) {
        if !self.line.is_empty() {
            if !self.text.is_empty() {
                self.text.push('\n');
            }
            self.text.push_str(&self.line);
            self.line.clear();
        }
        self.pending_space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::article_text;

    #[test]
    fn headline_and_paragraph_do_not_run_together() {
        let html = "<body><article><h1>Talks resume</h1><p>“We are close,” Blinken said.</p>\
                    <p>Lammy agreed, and said “the deal is on the table” in a statement to the press.</p>\
                    <p>Both ministers will travel to Cairo next week for another round of talks.</p></article></body>";
        assert_eq!(
            article_text(html),
            "Talks resume\n“We are close,” Blinken said.\nLammy agreed, and said “the deal is on the table” in a \
             statement to the press.\nBoth ministers will travel to Cairo next week for another round of talks."
        );
    }

    #[test]
    fn br_breaks_a_line_and_white_space_collapses() {
        let html = "<p>First   line,\n  still first<br>second&nbsp;line &amp; more</p>";
        assert_eq!(
            article_text(html),
            "First line, still first\nsecond line & more"
        );
    }

    #[test]
    fn inline_markup_joins_without_extra_space() {
        let html = "<p>“Very <em>soon</em>,” <a href=\"/p/blinken\">Blinken</a> said.</p>";
        assert_eq!(article_text(html), "“Very soon,” Blinken said.");
    }

    #[test]
    fn furniture_hidden_elements_and_comments_are_skipped() {
        let html = "<body><nav>“Nav quote,” site said.</nav><div class=\"story\">\
                    <p>“Real quote,” Lammy said.</p>\
                    <p hidden>“Hidden quote,” nobody said.</p>\
                    <p style=\"display: none\">“Invisible,” nobody said.</p>\
                    <div id=\"comments\"><p>“Reader quote,” a reader said.</p></div>\
                    <aside>“Aside quote,” a box said.</aside></div></body>";
        assert_eq!(article_text(html), "“Real quote,” Lammy said.");
    }

    #[test]
    fn boxes_named_as_furniture_are_skipped_but_not_the_page_or_article() {
        let html = "<body class=\"has-related share-enabled\"><article class=\"social-story\">\
                    <p>“Kept,” she said.</p>\
                    <div class=\"related-links\"><p>“Related,” it said.</p></div>\
                    <div class=\"share_bar\"><p>“Share,” it said.</p></div>\
                    <div class=\"wp-gallery\"><p>“Gallery,” it said.</p></div>\
                    <div class=\"shared-story-body\"><p>“Shared,” kept.</p></div></article></body>";
        assert_eq!(article_text(html), "“Kept,” she said.\n“Shared,” kept.");
    }

    #[test]
    fn commentary_class_is_not_a_comment_section() {
        let html = "<div class=\"commentary\"><p>“Opinion,” the columnist wrote.</p></div>";
        assert_eq!(article_text(html), "“Opinion,” the columnist wrote.");
    }

    #[test]
    fn densest_paragraph_run_wins_without_article_element() {
        let story = "<p>Blinken said “there must be no role for Hamas going forward” in Gaza, and Lammy agreed.</p>"
            .repeat(4);
        let html = format!(
            "<body><div class=\"promo\"><p>“Subscribe now,” it says.</p></div><div class=\"body\">{story}</div></body>"
        );
        assert_eq!(article_text(&html).lines().count(), 4);
        assert!(!article_text(&html).contains("Subscribe"));
    }

    #[test]
    fn teaser_article_without_paragraphs_is_passed_over() {
        let body = "<p>“We are completely aligned on the need to secure that ceasefire,” Lammy said on a visit.</p>"
            .repeat(3);
        let html = format!(
            "<body><article><h2>“Teaser headline,” says teaser</h2></article><div itemprop=\"articleBody\">{body}</div></body>"
        );
        let text = article_text(&html);
        assert!(!text.contains("Teaser"));
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn deeply_nested_markup_does_not_overflow_the_stack() {
        let html = format!(
            "{}<p>“Deep,” he said.</p>{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        assert!(article_text(&html).contains("“Deep,” he said."));
    }
}
