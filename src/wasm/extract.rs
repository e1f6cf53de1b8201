//! Reads the text a person reads: picks the article body and walks the live DOM
//! into a [`TextMap`], keeping the text nodes so spans map back to `Range`s.
//!
//! Nothing here decides who said what; it only decides which text the core sees.
//! The walk skips what is not article prose (navigation, headers, footers,
//! asides, forms, scripts, hidden elements, comment threads) and starts a new
//! paragraph wherever the browser lays out a block, so `<h1>A</h1><p>B</p>`
//! never reads as "AB". The page is never modified: Readability-style cleaning
//! drops blockquotes and pull quotes, which is exactly where quotes live.
//!
//! Not read: editable regions (`contenteditable`, form fields, a document in
//! `designMode`), frames (the content script runs in the top frame only), and
//! the inside of shadow roots: a component's own shadow tree is its business,
//! while the light-DOM text it slots in is read like any other text.

use crate::textmap::{TextMap, TextMapBuilder};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Text, Window};

/// The joined text of a region and its text nodes, indexed as in the map.
pub struct Extracted {
    pub map: TextMap,
    pub nodes: Vec<Text>,
}

/// Elements whose content is never article prose (lowercase local names).
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "dialog",
    "head",
    "title",
    "quotelens-root",
];

/// An editable element: `contenteditable` with any value but `false`.
const EDITABLE: &str = "[contenteditable]:not([contenteditable=false i])";

/// ARIA landmarks that hold site chrome rather than the story.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
];

/// One open element of the walk: its next child to visit, and whether it is
/// laid out as a block (a paragraph break after it).
struct Frame {
    next: Option<Node>,
    block: bool,
}

/// A walk that can stop after any node and resume later, so a huge page is
/// read in slices that leave the page responsive between them. A node removed
/// meanwhile ends its branch early; the pass after the page change reads it again.
pub struct Walk {
    roots: Vec<Element>,
    next_root: usize,
    stack: Vec<Frame>,
    builder: TextMapBuilder,
    nodes: Vec<Text>,
}

impl Walk {
    pub fn new(roots: Vec<Element>) -> Walk {
        Walk {
            roots,
            next_root: 0,
            stack: Vec::new(),
            builder: TextMapBuilder::new(),
            nodes: Vec::new(),
        }
    }

    /// Visits up to `budget` nodes; true when every root has been read.
    pub fn step(&mut self, window: &Window, budget: usize) -> bool {
        for _ in 0..budget {
            let Some(top) = self.stack.last_mut() else {
                let Some(root) = self.roots.get(self.next_root) else {
                    return true;
                };
                self.next_root += 1;
                if root.closest(EDITABLE).ok().flatten().is_some() {
                    continue;
                }
                self.stack.push(Frame {
                    next: root.first_child(),
                    block: true,
                });
                continue;
            };
            let Some(node) = top.next.take() else {
                if self.stack.pop().is_some_and(|f| f.block) {
                    self.builder.break_block();
                }
                continue;
            };
            top.next = node.next_sibling();
            if let Some(text) = node.dyn_ref::<Text>() {
                self.builder.push_text(self.nodes.len(), &text.data());
                self.nodes.push(text.clone());
            } else if let Some(element) = node.dyn_ref::<Element>() {
                if let Some(block) = self.enter(element, window) {
                    self.stack.push(Frame {
                        next: element.first_child(),
                        block,
                    });
                }
            }
        }
        false
    }

    /// Whether to read inside `element`: `None` to skip it, else whether it is
    /// a block (and a paragraph break was started before it).
    fn enter(&mut self, element: &Element, window: &Window) -> Option<bool> {
        let name = element.local_name();
        if name == "br" {
            self.builder.break_block();
            return None;
        }
        if is_skipped(element, &name) {
            return None;
        }
        // Computed style is the truth about blocks and `display: none` (a `<span>`
        // may be a block, a `<div>` may be hidden by a class). `visibility: hidden`
        // text is still read: pages hide their body until a script reveals it, and
        // a badge on such text is hidden at layout time instead.
        let style = window.get_computed_style(element).ok().flatten();
        let display = style
            .as_ref()
            .and_then(|s| s.get_property_value("display").ok())
            .unwrap_or_default();
        if display == "none" {
            return None;
        }
        let block = !(display.starts_with("inline") || display == "contents" || display.is_empty());
        if block {
            self.builder.break_block();
        }
        Some(block)
    }

    pub fn finish(self) -> Extracted {
        Extracted {
            map: self.builder.finish(),
            nodes: self.nodes,
        }
    }
}

fn is_skipped(element: &Element, name: &str) -> bool {
    if SKIPPED.contains(&name) || element.has_attribute("hidden") {
        return true;
    }
    // What a person is typing is theirs: never read, never wrapped.
    if element
        .get_attribute("contenteditable")
        .is_some_and(|v| !v.eq_ignore_ascii_case("false"))
    {
        return true;
    }
    if element
        .get_attribute("aria-hidden")
        .is_some_and(|v| v == "true")
    {
        return true;
    }
    if element
        .get_attribute("role")
        .is_some_and(|r| SKIPPED_ROLES.contains(&r.as_str()))
    {
        return true;
    }
    is_comments_section(element)
}

/// `id="comments"`, `class="comments-list"`, `#disqus_thread`: reader comments
/// quote freely and are not the story.
fn is_comments_section(element: &Element) -> bool {
    let id = element.id().to_ascii_lowercase();
    let class = element.class_name().to_ascii_lowercase();
    let names = std::iter::once(id.as_str()).chain(class.split_ascii_whitespace());
    let mut names = names.filter(|n| !n.is_empty());
    names.any(|n| {
        n == "comments"
            || n == "disqus_thread"
            || n.starts_with("comment-")
            || n.starts_with("comments-")
            || n.starts_with("comments_")
            || n.ends_with("-comments")
    })
}

/// The element holding the story on a whole page, in order of trust:
/// `[itemprop=articleBody]`, `<article>`, `<main>`, then the densest run of
/// paragraphs. A landmark only wins if it holds that densest run, so a teaser
/// `<article>` in a sidebar does not beat the real story.
pub fn find_article_root(doc: &Document) -> Option<Element> {
    let body = doc
        .body()
        .map(Element::from)
        .or_else(|| doc.document_element())?;
    let densest = densest_paragraph_parent(&body);
    let Some(densest) = densest else {
        return Some(body);
    };
    for selector in ["[itemprop=articleBody]", "article", "main, [role=main]"] {
        let Ok(found) = doc.query_selector_all(selector) else {
            continue;
        };
        // The innermost landmark that holds the densest run.
        let mut best: Option<Element> = None;
        for i in 0..found.length() {
            let Some(el) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if el.contains(Some(&densest)) && best.as_ref().is_none_or(|b| b.contains(Some(&el))) {
                best = Some(el);
            }
        }
        if best.is_some() {
            return best;
        }
    }
    Some(densest)
}

/// The element whose direct `<p>` children hold the most text.
fn densest_paragraph_parent(body: &Element) -> Option<Element> {
    let paragraphs = body.query_selector_all("p").ok()?;
    let mut totals: Vec<(Element, u32)> = Vec::new();
    for i in 0..paragraphs.length() {
        let Some(p) = paragraphs.item(i) else {
            continue;
        };
        let Some(parent) = p.parent_element() else {
            continue;
        };
        if p.dyn_ref::<Element>()
            .is_some_and(|e| e.closest(SKIPPED_CONTAINERS).ok().flatten().is_some())
        {
            continue;
        }
        let len = p
            .text_content()
            .map(|t| t.trim().encode_utf16().count() as u32)
            .unwrap_or(0);
        match totals.iter_mut().find(|(e, _)| e == &parent) {
            Some((_, total)) => *total += len,
            None => totals.push((parent, len)),
        }
    }
    totals
        .into_iter()
        .filter(|(_, total)| *total > 0)
        .max_by_key(|(_, total)| *total)
        .map(|(e, _)| e)
}

/// Paragraphs inside these never make an article body.
const SKIPPED_CONTAINERS: &str =
    "nav, header, footer, aside, form, [role=navigation], [role=complementary]";

/// Articles that arrived with `added` (infinite scroll): the element itself or
/// the articles inside it, when they hold real paragraphs.
pub fn added_articles(added: &Element) -> Vec<Element> {
    const ARTICLES: &str = "article, [itemprop=articleBody]";
    let mut found = Vec::new();
    if added.matches(ARTICLES).unwrap_or(false) {
        found.push(added.clone());
    } else if let Ok(list) = added.query_selector_all(ARTICLES) {
        found.extend((0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()));
    }
    found.retain(|article| {
        let in_chrome = article.closest(SKIPPED_CONTAINERS).ok().flatten().is_some();
        !in_chrome && paragraph_text(article) >= 200
    });
    found
}

fn paragraph_text(element: &Element) -> usize {
    let Ok(paragraphs) = element.query_selector_all("p") else {
        return 0;
    };
    (0..paragraphs.length())
        .filter_map(|i| paragraphs.item(i)?.text_content())
        .map(|t| t.trim().chars().count())
        .sum()
}

/// Text read before a changed block so that its quotes find their speakers:
/// a live blog's new entry says `he said` of someone named one or two entries
/// earlier. About a few paragraphs; the core's cues look no further back.
const CONTEXT_CHARS: usize = 1500;
const CONTEXT_BLOCKS: usize = 6;

/// The blocks a page added under `roots` since they were read, in document
/// order, none inside another, skipping what the walk would skip; `None` when
/// the change is not only new blocks (text added inside an existing
/// paragraph), which needs the whole region read again.
pub fn changed_blocks(
    added: &[Element],
    roots: &[Element],
    window: &Window,
) -> Option<Vec<Element>> {
    let mut blocks: Vec<Element> = Vec::new();
    for element in added {
        if !element.is_connected() || !roots.iter().any(|r| r.contains(Some(element))) {
            continue;
        }
        if skipped_within(element, roots) {
            continue;
        }
        let display = window
            .get_computed_style(element)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("display").ok())
            .unwrap_or_default();
        if display == "none" {
            continue;
        }
        if display.starts_with("inline") || display == "contents" || display.is_empty() {
            return None;
        }
        blocks.push(element.clone());
    }
    let all = blocks.clone();
    blocks.retain(|b| !all.iter().any(|o| o != b && o.contains(Some(b))));
    blocks.sort_by(document_order);
    blocks.dedup();
    Some(blocks)
}

/// Whether `element` or an ancestor up to its root is one the walk skips.
fn skipped_within(element: &Element, roots: &[Element]) -> bool {
    let mut at = Some(element.clone());
    while let Some(el) = at {
        if is_skipped(&el, &el.local_name()) {
            return true;
        }
        if roots.contains(&el) {
            return false;
        }
        at = el.parent_element();
    }
    false
}

/// The blocks just before `block` a reader has in mind: its previous siblings
/// (or, for a first child, its parent's), up to [`CONTEXT_CHARS`] of text.
pub fn context_before(block: &Element, roots: &[Element]) -> Vec<Element> {
    let mut context = Vec::new();
    let mut chars = 0;
    let mut anchor = block.clone();
    while anchor.previous_element_sibling().is_none() {
        match anchor.parent_element() {
            Some(parent) if !roots.contains(&parent) => anchor = parent,
            _ => return context,
        }
    }
    let mut at = anchor.previous_element_sibling();
    while let Some(el) = at {
        if context.len() >= CONTEXT_BLOCKS || chars >= CONTEXT_CHARS {
            break;
        }
        at = el.previous_element_sibling();
        if skipped_within(&el, roots) {
            continue;
        }
        chars += el.text_content().map_or(0, |t| t.len());
        context.push(el);
    }
    context.reverse();
    context
}

/// `a` before `b` in the document.
pub fn document_order(a: &Element, b: &Element) -> std::cmp::Ordering {
    // FOLLOWING (4): `b` comes after `a`.
    if a == b {
        std::cmp::Ordering::Equal
    } else if a.compare_document_position(b) & 4 != 0 {
        std::cmp::Ordering::Less
    } else {
        std::cmp::Ordering::Greater
    }
}
