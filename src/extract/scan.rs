//! Step 1: one resumable walk over the page that records what the scorer needs.

use super::tags::{has_hiding_class, is_chrome_role, Tag};
use super::{Dom, NodeKind};
use crate::textmap::TextMapBuilder;

/// One element the walk entered, in document order (a parent before its
/// children, so an element's descendants are the indices `index + 1 .. end`).
#[derive(Debug, Clone)]
pub struct Element<N> {
    pub node: N,
    pub parent: Option<u32>,
    pub tag: Tag,
    /// One past the index of its last descendant element.
    pub end: u32,
    /// Text length (code points, a run of white space counting one) below it.
    pub text: u32,
    /// The part of `text` inside links.
    pub link_text: u32,
    /// The text for which this is the nearest block: its own paragraph.
    pub own_text: u32,
    pub own_commas: u32,
    /// Commas below it.
    pub commas: u32,
    /// Double quotation marks below it (`“ ” " « » „`…): where quotes are,
    /// badges go, so a rule that drops text without them costs no quote.
    pub quote_marks: u32,
    /// Descendant blocks with a paragraph of their own (`own_text` ≥ 25).
    pub paragraphs: u32,
    /// The part of `paragraphs` in `<p>` elements.
    pub prose: u32,
    pub images: u32,
    pub embeds: u32,
    pub list_items: u32,
    pub quotations: u32,
    /// `<form>` elements below it, itself included.
    pub forms: u32,
    /// A hash of its class attribute: siblings built by one template share it.
    pub class: Option<u64>,
    /// Carries schema.org's `itemprop="articleBody"` (or `text`).
    pub article_body: bool,
    /// An `<h1>`: the page's title for the story.
    pub title: bool,
    /// An `<aside>` or inside one: its counts are not added to the elements
    /// around it, so it never weighs in choosing the story.
    pub in_aside: bool,
    /// Index of its first event, and one past its last.
    pub first_event: u32,
    pub end_event: u32,
    /// The paragraph's own text ends a sentence (`.`, `!`, `?`, `”`).
    pub ends_sentence: bool,
}

/// What the walk met, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Text node number `text`, whose nearest element is `element` and
    /// nearest block `block`.
    Text {
        /// The text node's index in [`Page::texts`].
        text: u32,
        /// Its nearest element's index in [`Page::elements`].
        element: u32,
        /// Its nearest block's index in [`Page::elements`].
        block: u32,
    },
    /// A block starts or ends, or a `<br>`.
    Break,
}

/// A scanned page: elements, text nodes and the events joining them.
#[derive(Debug, Clone)]
pub struct Page<N> {
    /// Every element scanned, in document order.
    pub elements: Vec<Element<N>>,
    /// Every text node scanned, with its text.
    pub texts: Vec<(N, String)>,
    /// Text and breaks in reading order.
    pub events: Vec<Event>,
    /// The element index of each root the scan started from.
    pub roots: Vec<u32>,
}

/// One open element of the walk.
struct Open<N> {
    next: Option<N>,
    element: u32,
    /// The nearest block element, this one included.
    block: u32,
    in_link: bool,
}

/// A walk that can stop after any node and resume later, so a huge page is
/// read in slices that leave the page responsive between them.
pub struct Scan<D: Dom> {
    roots: std::vec::IntoIter<D::Node>,
    stack: Vec<Open<D::Node>>,
    page: Page<D::Node>,
}

impl<D: Dom> Scan<D> {
    /// A scan of each of `roots` (elements) in turn.
    pub fn new(roots: Vec<D::Node>) -> Self {
        Scan {
            roots: roots.into_iter(),
            stack: Vec::new(),
            page: Page {
                elements: Vec::new(),
                texts: Vec::new(),
                events: Vec::new(),
                roots: Vec::new(),
            },
        }
    }

    /// Reads a whole tree at once.
    pub fn all(dom: &D, roots: Vec<D::Node>) -> Page<D::Node> {
        let mut scan = Scan::new(roots);
        while !scan.step(dom, usize::MAX) {}
        scan.finish()
    }

    /// Visits up to `budget` nodes; true when every root has been read.
    pub fn step(&mut self, dom: &D, budget: usize) -> bool {
        for _ in 0..budget {
            let Some(top) = self.stack.last_mut() else {
                let Some(root) = self.roots.next() else {
                    return true;
                };
                if dom.kind(&root) == NodeKind::Element {
                    let tag = Tag::of(&dom.local_name(&root));
                    let index = self.open(dom, root, tag, None);
                    self.page.roots.push(index);
                }
                continue;
            };
            let Some(node) = top.next.take() else {
                self.close();
                continue;
            };
            top.next = dom.next_sibling(&node);
            let (element, block, in_link) = (top.element, top.block, top.in_link);
            match dom.kind(&node) {
                NodeKind::Text => self.text(dom, node, element, block, in_link),
                NodeKind::Element => {
                    self.enter(dom, node, element, block, in_link);
                }
                NodeKind::Other => {}
            }
        }
        false
    }

    /// Closes what is still open and hands over the page.
    pub fn finish(mut self) -> Page<D::Node> {
        while !self.stack.is_empty() {
            self.close();
        }
        self.page
    }

    fn text(&mut self, dom: &D, node: D::Node, element: u32, block: u32, in_link: bool) {
        let data = dom.text(&node).into_owned();
        let Measure {
            length,
            commas,
            quote_marks,
            last,
        } = measure(&data);
        if length > 0 {
            let el = &mut self.page.elements[element as usize];
            el.text += length;
            el.commas += commas;
            el.quote_marks += quote_marks;
            if in_link {
                el.link_text += length;
            }
            let block = &mut self.page.elements[block as usize];
            block.own_text += length;
            block.own_commas += commas;
            block.ends_sentence = matches!(
                last,
                '.' | '!' | '?' | '”' | '"' | '»' | '“' | '…' | '。' | '！' | '？'
            );
        }
        let text = self.page.texts.len() as u32;
        self.page.texts.push((node, data));
        self.page.events.push(Event::Text {
            text,
            element,
            block,
        });
    }

    fn enter(&mut self, dom: &D, node: D::Node, parent: u32, block: u32, in_link: bool) {
        let tag = Tag::of(&dom.local_name(&node));
        match tag {
            Tag::LineBreak => self.page.events.push(Event::Break),
            Tag::Image => self.page.elements[parent as usize].images += 1,
            Tag::Embed => self.page.elements[parent as usize].embeds += 1,
            Tag::Skipped => {}
            _ if is_unread(dom, &node, dom.has_attributes(&node)) => {}
            _ => {
                self.open(dom, node, tag, Some((parent, block, in_link)));
            }
        }
    }

    /// Opens an element: records it and pushes it on the walk's stack.
    /// `context` is its parent, the parent's nearest block and whether the
    /// parent is inside a link; `None` for a root.
    fn open(&mut self, dom: &D, node: D::Node, tag: Tag, context: Option<(u32, u32, bool)>) -> u32 {
        let parent = context.map(|(parent, _, _)| parent);
        let index = self.page.elements.len() as u32;
        // Most elements of a long article carry no attribute: one call instead
        // of three on the live page.
        let attribute = |name| {
            dom.has_attributes(&node)
                .then(|| dom.attribute(&node, name))
                .flatten()
        };
        let article_body = attribute("itemprop")
            .is_some_and(|v| v.split_ascii_whitespace().any(|w| w == "articleBody"));
        let class = attribute("class");
        // A class the page's style sheet hides (`d-none`): its text is not
        // read, as with `hidden`. Read here, where the class is read anyway;
        // never for a root (a `<body class="hidden">` that a script shows).
        let hidden = parent.is_some() && class.as_deref().is_some_and(has_hiding_class);
        let is_block = tag.is_block() || parent.is_none();
        if is_block {
            self.page.events.push(Event::Break);
        }
        self.page.elements.push(Element {
            node: node.clone(),
            parent,
            tag,
            end: index + 1,
            text: 0,
            link_text: 0,
            own_text: 0,
            own_commas: 0,
            commas: 0,
            quote_marks: 0,
            paragraphs: 0,
            prose: 0,
            images: 0,
            embeds: 0,
            list_items: u32::from(tag == Tag::ListItem),
            quotations: u32::from(tag == Tag::Quotation),
            forms: u32::from(tag == Tag::Form),
            article_body,
            title: tag == Tag::Heading && dom.local_name(&node) == "h1",
            in_aside: tag == Tag::Aside
                || parent.is_some_and(|p| self.page.elements[p as usize].in_aside),
            class: class.map(|c| {
                use std::hash::{Hash, Hasher};
                let mut h = crate::lexicon::Fnv::default();
                c.hash(&mut h);
                h.finish()
            }),
            first_event: self.page.events.len() as u32,
            end_event: 0,
            ends_sentence: false,
        });
        let link = tag == Tag::Link && attribute("href").is_some();
        let (block, parent_in_link) = match context {
            Some((_, block, in_link)) if !is_block => (block, in_link),
            Some((_, _, in_link)) => (index, in_link),
            None => (index, false),
        };
        self.stack.push(Open {
            next: if hidden { None } else { dom.first_child(&node) },
            element: index,
            block,
            in_link: link || parent_in_link,
        });
        index
    }

    /// Closes the innermost open element and adds its counts to its parent's.
    fn close(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        let index = open.element as usize;
        let end = self.page.elements.len() as u32;
        let is_block =
            self.page.elements[index].tag.is_block() || self.page.elements[index].parent.is_none();
        if is_block {
            self.page.events.push(Event::Break);
        }
        let el = &mut self.page.elements[index];
        el.end = end;
        el.end_event = self.page.events.len() as u32;
        if el.own_text >= 25 && is_block {
            el.paragraphs += 1;
            el.prose += u32::from(el.tag == Tag::Paragraph);
        }
        let child = el.clone();
        if let Some(parent) = child.parent.filter(|_| child.tag != Tag::Aside) {
            let parent = &mut self.page.elements[parent as usize];
            parent.text += child.text;
            parent.link_text += child.link_text;
            parent.commas += child.commas;
            parent.quote_marks += child.quote_marks;
            parent.paragraphs += child.paragraphs;
            parent.prose += child.prose;
            parent.images += child.images;
            parent.embeds += child.embeds;
            parent.list_items += child.list_items;
            parent.quotations += child.quotations;
            parent.forms += child.forms;
        }
    }
}

/// Elements a reader never sees or that are not article prose: hidden ones,
/// editable ones (what a person types is theirs) and chrome landmarks.
fn is_unread<D: Dom>(dom: &D, node: &D::Node, has_attributes: bool) -> bool {
    if !has_attributes {
        return dom.is_hidden(node);
    }
    if dom.attribute(node, "hidden").is_some()
        || dom
            .attribute(node, "aria-hidden")
            .is_some_and(|v| v == "true")
        || dom
            .attribute(node, "contenteditable")
            .is_some_and(|v| !v.eq_ignore_ascii_case("false"))
        || dom
            .attribute(node, "role")
            .is_some_and(|r| is_chrome_role(&r))
    {
        return true;
    }
    if let Some(style) = dom.attribute(node, "style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if crate::find::has(&style, "display:none") || crate::find::has(&style, "visibility:hidden")
        {
            return true;
        }
    }
    dom.is_hidden(node)
}

fn is_comma(c: char) -> bool {
    matches!(
        c,
        ',' | '،' | '﹐' | '︐' | '︑' | '⹁' | '⸴' | '⸲' | '，' | '、'
    )
}

/// A double quotation mark of any language (not the apostrophe-like single
/// marks, which are also apostrophes).
pub(super) fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' | '〝' | '〞' | '＂'
    )
}

/// What [`measure`] counts in a text node.
struct Measure {
    /// Code points as a reader sees them (a run of white space counts one).
    length: u32,
    commas: u32,
    quote_marks: u32,
    /// The last visible character.
    last: char,
}

/// Measures a text node in one pass.
fn measure(data: &str) -> Measure {
    let mut m = Measure {
        length: 0,
        commas: 0,
        quote_marks: 0,
        last: ' ',
    };
    let mut in_space = true;
    for c in data.chars() {
        if c.is_whitespace() {
            m.length += u32::from(!in_space);
            in_space = true;
        } else {
            m.length += 1;
            m.commas += u32::from(is_comma(c));
            m.quote_marks += u32::from(is_quote_mark(c));
            m.last = c;
            in_space = false;
        }
    }
    m
}

impl<N> Page<N> {
    /// The text events under element `index`, in document order, as (text
    /// node, nearest element, nearest block).
    pub fn texts_under(&self, index: usize) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        let e = &self.elements[index];
        self.texts_in(e.first_event as usize..e.end_event as usize)
    }

    /// The text events among event numbers `events`, as in [`Page::texts_under`].
    pub fn texts_in(
        &self,
        events: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.events[events].iter().filter_map(|event| match *event {
            Event::Text {
                text,
                element,
                block,
            } => Some((text, element, block)),
            Event::Break => None,
        })
    }
}

impl<N: Clone> Page<N> {
    /// Feeds the text under the kept elements into `builder`, and returns the
    /// text nodes in the order the builder numbers them.
    pub fn emit(&self, kept: &[bool], builder: &mut TextMapBuilder) -> Vec<N> {
        let mut nodes = Vec::new();
        self.emit_from(0, usize::MAX, kept, builder, &mut nodes);
        builder.break_block();
        nodes
    }

    /// [`Page::emit`] in slices: up to `budget` events from event number
    /// `from`, appending to `nodes`; returns where to go on (the number of
    /// events when all are done).
    pub fn emit_from(
        &self,
        from: usize,
        budget: usize,
        kept: &[bool],
        builder: &mut TextMapBuilder,
        nodes: &mut Vec<N>,
    ) -> usize {
        let to = from.saturating_add(budget).min(self.events.len());
        for event in &self.events[from.min(to)..to] {
            match *event {
                Event::Break => builder.break_block(),
                Event::Text { text, element, .. } if kept[element as usize] => {
                    let (node, data) = &self.texts[text as usize];
                    builder.push_text(nodes.len(), data);
                    nodes.push(node.clone());
                }
                Event::Text { .. } => {}
            }
        }
        to
    }
}
