//! The [`Dom`] of a saved page, parsed by `scraper` (html5ever): the CLI's.

use std::borrow::Cow;

use scraper::{Html, Node};

use super::{select, Dom, NodeKind, Scan};
use crate::textmap::TextMapBuilder;

/// A parsed HTML document seen through [`Dom`].
pub struct HtmlDom<'a>(pub &'a Html);

/// A node of a parsed document.
pub type HtmlNode<'a> = ego_tree::NodeRef<'a, Node>;

impl<'a> Dom for HtmlDom<'a> {
    type Node = HtmlNode<'a>;

    fn kind(&self, node: &Self::Node) -> NodeKind {
        match node.value() {
            Node::Element(_) => NodeKind::Element,
            Node::Text(_) => NodeKind::Text,
            _ => NodeKind::Other,
        }
    }

    fn first_child(&self, node: &Self::Node) -> Option<Self::Node> {
        node.first_child()
    }

    fn next_sibling(&self, node: &Self::Node) -> Option<Self::Node> {
        node.next_sibling()
    }

    fn local_name(&self, element: &Self::Node) -> Cow<'_, str> {
        match element.value() {
            Node::Element(e) => Cow::Borrowed(e.name()),
            _ => Cow::Borrowed(""),
        }
    }

    fn attribute(&self, element: &Self::Node, name: &str) -> Option<Cow<'_, str>> {
        match element.value() {
            Node::Element(e) => e.attr(name).map(Cow::Borrowed),
            _ => None,
        }
    }

    fn text(&self, text: &Self::Node) -> Cow<'_, str> {
        match text.value() {
            Node::Text(t) => Cow::Borrowed(&t.text),
            _ => Cow::Borrowed(""),
        }
    }
}

/// The article text of an HTML page, paragraphs separated by `\n`: the same
/// two steps as the extension (find the story's container on the whole page,
/// then read the container), so the CLI measures what ships.
pub fn article_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let dom = HtmlDom(&document);
    let container = article_root(&dom, &document);
    read(&dom, container)
}

/// The element holding the story (see [`select`]).
pub fn article_root<'a>(dom: &HtmlDom<'a>, document: &'a Html) -> HtmlNode<'a> {
    let body = document
        .root_element()
        .children()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or_else(|| *document.root_element());
    let page = Scan::all(dom, vec![body]);
    if page.roots.is_empty() {
        return body;
    }
    let selection = select(&page, 0);
    page.elements[selection.container as usize].node
}

/// The text of the story under `container`, one paragraph a line.
pub fn read<'a>(dom: &HtmlDom<'a>, container: HtmlNode<'a>) -> String {
    let page = Scan::all(dom, vec![container]);
    if page.roots.is_empty() {
        return String::new();
    }
    let selection = select(&page, 0);
    let mut builder = TextMapBuilder::new();
    page.emit(&selection.kept, &mut builder);
    builder.finish().text().to_owned()
}
