//! Reads the text a person reads on the live page: the browser's side of
//! [`crate::extract`], which decides, for the CLI and the extension alike,
//! which elements are the story. This module only implements its [`Dom`] over
//! `web-sys` nodes and keeps the text nodes, so spans map back to `Range`s.
//!
//! Nothing here decides who said what, nor which text is the article: the
//! shared extraction does (see its docs). What only a live page knows is the
//! computed style: inside the article root the walk drops elements whose
//! computed `display` is `none` (a saved page has only the markup's `hidden`,
//! `aria-hidden` and inline styles, which both sides read). The root itself is
//! chosen without computed style, so the CLI and the browser pick the same one.
//! The page is never modified: Readability-style cleaning drops blockquotes
//! and pull quotes, which is exactly where quotes live.
//!
//! Not read: editable regions (`contenteditable`, form fields, a document in
//! `designMode`), frames (the content script runs in the top frame only), and
//! the inside of shadow roots: a component's own shadow tree is its business,
//! while the light-DOM text it slots in is read like any other text.

use std::borrow::Cow;

use crate::extract::{holds_story, is_page_chrome, Dom, Event, NodeKind, Page, Scan, Selecting};
use crate::textmap::{TextMap, TextMapBuilder};
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Text, Window};

/// The joined text of a region and its text nodes, indexed as in the map;
/// `capped` when the region had more text than [`MAX_TEXT_BYTES`].
pub struct Extracted {
    pub map: TextMap,
    pub nodes: Vec<Node>,
    pub capped: bool,
}

/// Text one pass reads at most: the rest of the page is not analysed. A long
/// read is 10,000 words, about 60 KB; 1 MB is fifteen of them. A page with
/// more (a log, a book, a data dump) is not one article, and reading all of
/// it would cost seconds of main thread in slices and megabytes of ranges for
/// quotes nobody scrolls to.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Text joined per step of a read, in bytes: one text node of megabytes is
/// then read in several slices, not one.
const READ_STEP_BYTES: usize = 64 * 1024;

/// Elements (or text events) a step scores per node it may walk: scoring one
/// costs a small share of walking one, which calls into the page.
const SCORED_PER_WALKED: usize = 16;

/// An editable element: `contenteditable` with any value but `false`.
const EDITABLE: &str = "[contenteditable]:not([contenteditable=false i])";

/// The live DOM seen through [`Dom`]. With a window, elements whose computed
/// style hides them are not read.
///
/// The walk makes a dozen calls into the page per element, so each is kept
/// cheap: attribute names go over as JavaScript strings made once (not
/// decoded from UTF-8 on every call), and visibility is first asked as one
/// boolean (`checkVisibility()`), computed style only for the few elements
/// it calls invisible.
struct WebDom {
    window: Option<Window>,
    names: Names,
}

impl WebDom {
    fn new(window: Option<Window>) -> WebDom {
        WebDom {
            window,
            names: Names::new(),
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// An element, with the bindings the walk wants that web-sys lacks or
    /// makes dear.
    #[wasm_bindgen(extends = Element)]
    type Looked;
    /// `getAttribute` with a name already in JavaScript.
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn attribute_named(this: &Looked, name: &JsString) -> Option<String>;
    /// False for an element without a box: `display: none` on it or above,
    /// `display: contents`, or inside `content-visibility: hidden`.
    #[wasm_bindgen(method, js_name = checkVisibility)]
    fn check_visibility(this: &Looked) -> bool;
}

/// The attribute names the shared extraction asks for, as JavaScript strings.
struct Names(Vec<(&'static str, JsString)>);

impl Names {
    const ASKED: [&'static str; 8] = [
        "itemprop",
        "class",
        "href",
        "role",
        "hidden",
        "aria-hidden",
        "contenteditable",
        "style",
    ];

    fn new() -> Names {
        Names(
            Self::ASKED
                .iter()
                .map(|&n| (n, JsString::from(n)))
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&JsString> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, js)| js)
    }
}

impl Dom for WebDom {
    type Node = Node;

    fn kind(&self, node: &Node) -> NodeKind {
        match node.node_type() {
            Node::ELEMENT_NODE => NodeKind::Element,
            Node::TEXT_NODE => NodeKind::Text,
            _ => NodeKind::Other,
        }
    }

    fn first_child(&self, node: &Node) -> Option<Node> {
        node.first_child()
    }

    fn next_sibling(&self, node: &Node) -> Option<Node> {
        node.next_sibling()
    }

    fn local_name(&self, element: &Node) -> Cow<'_, str> {
        Cow::Owned(element.unchecked_ref::<Element>().local_name())
    }

    fn attribute(&self, element: &Node, name: &str) -> Option<Cow<'_, str>> {
        match self.names.get(name) {
            Some(js) => element.unchecked_ref::<Looked>().attribute_named(js),
            None => element.unchecked_ref::<Element>().get_attribute(name),
        }
        .map(Cow::Owned)
    }

    fn has_attributes(&self, element: &Node) -> bool {
        element.unchecked_ref::<Element>().has_attributes()
    }

    /// At most [`MAX_TEXT_BYTES`] UTF-16 units of it (at least as many bytes):
    /// a pass reads no more, and a text node of megabytes would otherwise
    /// cross into the WebAssembly whole, in one slice.
    fn text(&self, text: &Node) -> Cow<'_, str> {
        let data = text.unchecked_ref::<Text>();
        let cap = MAX_TEXT_BYTES as u32;
        if data.length() <= cap {
            return Cow::Owned(data.data());
        }
        Cow::Owned(data.substring_data(0, cap).unwrap_or_default())
    }

    /// `display: none` from any style sheet. `visibility: hidden` text is still
    /// read: pages hide their body until a script reveals it, and a badge on
    /// such text is hidden at layout time instead.
    fn is_hidden(&self, element: &Node) -> bool {
        let Some(window) = &self.window else {
            return false;
        };
        // Nearly every element has a box; only those without one (display
        // `none` or `contents`, or skipped content) need their style read.
        if element.unchecked_ref::<Looked>().check_visibility() {
            return false;
        }
        window
            .get_computed_style(element.unchecked_ref::<Element>())
            .ok()
            .flatten()
            .and_then(|style| style.get_property_value("display").ok())
            .is_some_and(|display| display == "none")
    }
}

/// A walk that can stop after any node and resume later, so a huge page is
/// read in slices that leave the page responsive between them: first the
/// scan of the roots, then the shared selection of what to keep, then the
/// text of what is kept. A node removed meanwhile ends its branch early; the
/// pass after the page change reads it again.
pub struct Walk {
    scan: Option<Scan<WebDom>>,
    /// The page scanned, and the selection under way on it.
    scoring: Option<(Page<Node>, Selecting)>,
    read: Option<Read>,
    dom: WebDom,
    /// A search for the article ([`Walk::search`]): it ends once the
    /// story's container is chosen.
    search: bool,
}

/// The second half of a walk: the kept text going into the map, up to
/// [`MAX_TEXT_BYTES`].
struct Read {
    page: Page<Node>,
    kept: Vec<bool>,
    next_event: usize,
    /// Bytes and UTF-16 units of the text node under way already joined (a
    /// huge node takes several steps).
    next_byte: usize,
    next16: usize,
    bytes: usize,
    capped: bool,
    builder: TextMapBuilder,
    nodes: Vec<Node>,
}

impl Read {
    fn new(kept: Vec<bool>, page: Page<Node>) -> Read {
        Read {
            kept,
            page,
            next_event: 0,
            next_byte: 0,
            next16: 0,
            bytes: 0,
            capped: false,
            builder: TextMapBuilder::new(),
            nodes: Vec::new(),
        }
    }

    /// Joins up to `budget` events, or [`READ_STEP_BYTES`] of text; true when
    /// all are done or the cap is reached.
    fn step(&mut self, budget: usize) -> bool {
        let mut joined = 0;
        for _ in 0..budget {
            let Some(&event) = self.page.events.get(self.next_event) else {
                return true;
            };
            match event {
                Event::Break => self.builder.break_block(),
                Event::Text { text, element, .. } if self.kept[element as usize] => {
                    let (node, data) = &self.page.texts[text as usize];
                    // The node's next piece: to a character boundary, within
                    // this step's bytes and the cap.
                    let room = (READ_STEP_BYTES - joined).min(MAX_TEXT_BYTES - self.bytes);
                    let mut end = data.len().min(self.next_byte + room);
                    while !data.is_char_boundary(end) {
                        end -= 1;
                    }
                    if self.next_byte == 0 {
                        self.nodes.push(node.clone());
                    }
                    let piece = crate::part::part(data, self.next_byte..end);
                    self.builder
                        .push_text_at(self.nodes.len() - 1, piece, self.next16);
                    joined += piece.len();
                    self.bytes += piece.len();
                    if end < data.len() {
                        self.next_byte = end;
                        self.next16 += piece.encode_utf16().count();
                        // Cut by the cap: not even one more character fits.
                        if MAX_TEXT_BYTES - self.bytes < 4 {
                            self.capped = true;
                            self.next_event = self.page.events.len();
                            return true;
                        }
                        return false;
                    }
                    self.next_byte = 0;
                    self.next16 = 0;
                }
                Event::Text { .. } => {}
            }
            self.next_event += 1;
            if joined >= READ_STEP_BYTES {
                return false;
            }
            if self.bytes >= MAX_TEXT_BYTES {
                self.capped = self.page.events[self.next_event..].iter().any(
                    |e| matches!(e, Event::Text { element, .. } if self.kept[*element as usize]),
                );
                self.next_event = self.page.events.len();
                return true;
            }
        }
        self.next_event >= self.page.events.len()
    }

    fn finish(mut self) -> (TextMap, Vec<Node>, bool) {
        while !self.step(usize::MAX) {}
        self.builder.break_block();
        (self.builder.finish(), self.nodes, self.capped)
    }
}

impl Walk {
    /// A walk of `roots` that skips what the window's computed style hides.
    pub fn new(roots: Vec<Element>, window: &Window) -> Walk {
        let roots = roots
            .into_iter()
            .filter(|root| root.closest(EDITABLE).ok().flatten().is_none())
            .map(Node::from)
            .collect();
        Walk::of(roots, Some(window.clone()), false)
    }

    /// The search for the element holding the story on a whole page, as the
    /// CLI does it: the shared extraction's container (see
    /// [`crate::extract`]) under `<body>`, chosen from the markup alone so
    /// both sides agree; [`Walk::container`] once the steps are done. `None`
    /// for a document without `<body>` or `<html>`.
    pub fn search(doc: &Document) -> Option<Walk> {
        let body = doc
            .body()
            .map(Element::from)
            .or_else(|| doc.document_element())?;
        Some(Walk::of(vec![Node::from(body)], None, true))
    }

    fn of(roots: Vec<Node>, window: Option<Window>, search: bool) -> Walk {
        Walk {
            scan: Some(Scan::new(roots)),
            scoring: None,
            read: None,
            dom: WebDom::new(window),
            search,
        }
    }

    /// Visits up to `budget` nodes (or scores [`SCORED_PER_WALKED`] times as
    /// many elements); true when every root has been read (or, in a search,
    /// the container is chosen).
    pub fn step(&mut self, budget: usize) -> bool {
        if let Some(scan) = &mut self.scan {
            if scan.step(&self.dom, budget) {
                let read = !self.search;
                self.scoring = self.scan.take().map(|scan| {
                    let page = scan.finish();
                    let selecting = Selecting::new(&page, read);
                    (page, selecting)
                });
            }
            return false;
        }
        if let Some((page, selecting)) = &mut self.scoring {
            let done = selecting.step(page, budget.saturating_mul(SCORED_PER_WALKED));
            if !done || self.search {
                return done;
            }
            self.read = self
                .scoring
                .take()
                .map(|(page, s)| Read::new(s.run(&page).kept, page));
            return false;
        }
        self.read.as_mut().is_none_or(|read| read.step(budget))
    }

    /// The text of a walk whose steps are done; `None` for one cut short.
    pub fn finish(self) -> Option<Extracted> {
        let (map, nodes, capped) = self.read?.finish();
        Some(Extracted { map, nodes, capped })
    }

    /// The container a search whose steps are done chose.
    pub fn container(self) -> Option<Element> {
        let (page, selecting) = self.scoring?;
        let container = selecting.run(&page).container as usize;
        page.elements.get(container)?.node.clone().dyn_into().ok()
    }
}

/// The element holding the story on a whole page (see [`Walk::search`]).
pub fn find_article_root(doc: &Document) -> Option<Element> {
    let mut search = Walk::search(doc)?;
    while !search.step(usize::MAX) {}
    search.container()
}

/// `articleText(live)`: the article text of the current page as the extension
/// reads it (`live`: with computed visibility) or as the CLI reads a saved page
/// (`live` false: markup only). For tests that both paths agree.
#[wasm_bindgen(js_name = articleText)]
pub fn article_text(live: bool) -> Result<String, JsError> {
    let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
    let doc = window
        .document()
        .ok_or_else(|| JsError::new("no document"))?;
    let root = find_article_root(&doc).ok_or_else(|| JsError::new("page has no body"))?;
    let dom = WebDom::new(live.then_some(window));
    let page = Scan::all(&dom, vec![Node::from(root)]);
    let kept = Selecting::new(&page, true).run(&page).kept;
    Ok(Read::new(kept, page).finish().0.text().to_owned())
}

/// Articles that arrived with `added` (infinite scroll): the element itself or
/// the articles inside it, outside page chrome, when the shared extraction
/// finds a story in them.
pub fn added_articles(added: &Element) -> Vec<Element> {
    const ARTICLES: &str = "article, [itemprop=articleBody]";
    let mut found = Vec::new();
    if added.matches(ARTICLES).unwrap_or(false) {
        found.push(added.clone());
    } else if let Ok(list) = added.query_selector_all(ARTICLES) {
        found.extend((0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()));
    }
    let dom = WebDom::new(None);
    found.retain(|article| {
        let in_chrome = std::iter::successors(article.parent_element(), |e| e.parent_element())
            .any(|e| is_chrome(&e));
        !in_chrome && holds_story(&Scan::all(&dom, vec![Node::from(article.clone())]), 0)
    });
    found
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
    crate::sort::stable_by(&mut blocks, document_order);
    blocks.dedup();
    Some(blocks)
}

/// Whether `element` or an ancestor up to its root is one the walk skips.
fn skipped_within(element: &Element, roots: &[Element]) -> bool {
    let mut at = Some(element.clone());
    while let Some(el) = at {
        if is_skipped(&el) {
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

/// What the walk never reads: page chrome, and editable regions.
fn is_skipped(element: &Element) -> bool {
    is_chrome(element) || element.matches(EDITABLE).unwrap_or(false)
}

/// Page chrome by tag or landmark role (`nav`, `role="navigation"`…).
fn is_chrome(element: &Element) -> bool {
    is_page_chrome(
        &element.local_name(),
        element.get_attribute("role").as_deref(),
    )
}
