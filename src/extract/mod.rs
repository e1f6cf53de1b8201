//! Article extraction: which text of a page is the story, over any DOM.
//!
//! A news page holds far more than its article: navigation with headlines in
//! quotation marks, "The Latest" lists, teasers for other stories, video
//! captions, readers' comments. Quotes found there are not the article's. This
//! module decides which text the core reads, once, for both the command-line
//! tool (a saved page parsed by `scraper`) and the extension (the live page
//! through `web-sys`): each implements the small [`Dom`] trait and runs the
//! same code.
//!
//! It works in three steps, all in pure Rust:
//!
//! 1. [`Scan`] walks the page once (resumably, a budget of nodes at a time)
//!    and records, per element, its tag, its text length, how much of that
//!    text is link text, its commas and paragraphs, and, in document order,
//!    the text nodes and block boundaries. Page furniture that is never prose
//!    (scripts, `nav`, `header`, `footer`, forms, hidden elements, ARIA
//!    navigation landmarks, editable regions) is not entered; an `aside` is
//!    entered but never weighs in choosing the story, and is read only when
//!    it is a pull quote.
//! 2. [`select`] scores the recorded elements the way Readability does (each
//!    paragraph of 25+ characters gives its ancestors points for its length
//!    and commas; a candidate's score shrinks with its link density), takes
//!    the best candidate, and keeps its siblings that read like the same story,
//!    so an article split over sibling sections stays whole. Inside what it
//!    keeps it drops boxes that read like furniture: link lists, teasers, boxes
//!    of pictures or embeds with a caption and little text. `<blockquote>` is
//!    never dropped: quotations live there. Then [`edges`] trims the
//!    story's two ends: the title, byline and date above its first
//!    paragraph, the credit and contact lines below its last. Like the
//!    scan, it can stop after any step and go on later ([`Selecting`]).
//! 3. [`Page::emit`] feeds the kept text nodes into a
//!    [`TextMapBuilder`](crate::textmap::TextMapBuilder), one paragraph per
//!    block, so the text and its map back to the nodes come from one place.
//!
//! No rule names a site, a class or an id: class names differ per site and per
//! language, structure does not. The only signals are tags (HTML's own
//! semantics: `article`, `main`, `blockquote`, `h1`…), the schema.org
//! `itemprop="articleBody"` attribute, ARIA roles, whether two sibling
//! sections share a class attribute (one template), and the text itself. The
//! one list of class names is no site's: the few that the web's CSS
//! frameworks hide an element with (`d-none`, `hidden`), the same on every
//! site built with them.
//!
//! What only a live page knows: the browser's [`Dom`] reports elements whose
//! computed style is `display: none` ([`Dom::is_hidden`]), so text hidden by a
//! style sheet is not read. A saved page has no computed style; the scraper
//! [`Dom`] stands in with what the markup says (`hidden`, `aria-hidden`, an
//! inline `display: none` or `visibility: hidden`, a framework's hiding class),
//! which both implementations also apply.
//!
//! ```
//! # #[cfg(feature = "cli")] {
//! let page = "<body><nav><a href='/'>“Home,” it says</a></nav><article>\
//!     <h1>Talks resume</h1>\
//!     <p>“We are close to a deal, closer than we have been in months,” Blinken said.</p>\
//!     <div><h2>The Latest</h2><ul><li><a href='/a'>“We lost everything,” residents say</a></li>\
//!     <li><a href='/b'>Markets fall as talks stall</a></li></ul></div>\
//!     <p>Lammy agreed, and said “the deal is on the table”, in a statement.</p>\
//!     </article></body>";
//! assert_eq!(
//!     quotelens::extract::article_text(page),
//!     "“We are close to a deal, closer than we have been in months,” Blinken said.\n\
//!      Lammy agreed, and said “the deal is on the table”, in a statement."
//! );
//! # }
//! ```

mod edges;
mod scan;
mod select;
mod tags;

#[cfg(feature = "cli")]
mod html;

pub use scan::{Event, Page, Scan};
pub use select::{article_container, holds_story, select, Selecting, Selection};
pub use tags::is_page_chrome;

#[cfg(feature = "cli")]
pub use html::{article_text, HtmlDom};

use std::borrow::Cow;

/// What a node is, as far as extraction cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An element (`<p>`, `<div>`).
    Element,
    /// A text node.
    Text,
    /// Comments, doctypes, processing instructions: never read.
    Other,
}

/// A read-only view of a DOM tree: the one interface extraction needs.
///
/// Implemented for scraper's parsed HTML (the CLI) and for the browser's
/// live nodes (the extension). Everything else is shared.
pub trait Dom {
    /// A handle to one node; cheap to clone.
    type Node: Clone;

    /// What `node` is.
    fn kind(&self, node: &Self::Node) -> NodeKind;
    /// The first child of `node`, if any.
    fn first_child(&self, node: &Self::Node) -> Option<Self::Node>;
    /// The next sibling of `node`, if any.
    fn next_sibling(&self, node: &Self::Node) -> Option<Self::Node>;
    /// The lowercase local name of an element.
    fn local_name(&self, element: &Self::Node) -> Cow<'_, str>;
    /// The value of the attribute `name` of an element, if set.
    fn attribute(&self, element: &Self::Node, name: &str) -> Option<Cow<'_, str>>;
    /// Whether the element has any attribute (a shortcut: one call instead of
    /// several [`Dom::attribute`] lookups that would all say no).
    fn has_attributes(&self, _element: &Self::Node) -> bool {
        true
    }
    /// The data of a text node.
    fn text(&self, text: &Self::Node) -> Cow<'_, str>;
    /// Whether a live page hides the element by its style sheets. A saved page
    /// cannot know; the default says no.
    fn is_hidden(&self, _element: &Self::Node) -> bool {
        false
    }
}
