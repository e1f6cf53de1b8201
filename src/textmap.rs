//! The text of a page region as the core reads it, and the way back to the DOM.
//!
//! A browser holds an article as many text nodes: a quote may start in a `<p>`,
//! run through an `<a>` and an `<em>`, and end two paragraphs later. The core
//! wants one plain string with a line break between paragraphs. This module
//! joins the nodes into that string the way a reader sees them (runs of
//! whitespace collapse to one space, a block boundary becomes one `\n`) and
//! remembers, for every character it emitted, which node and which UTF-16
//! offset in that node it came from. A span the core returns in code points
//! then maps back to a DOM `Range` start and end without any guessing.
//!
//! It is pure Rust, so it is unit-tested natively; `wasm::extract` feeds it
//! from the live DOM.
//!
//! ```
//! use quotelens::textmap::{Point, TextMapBuilder};
//! let mut b = TextMapBuilder::new();
//! b.push_text(0, "“Very ");
//! b.push_text(1, "soon");         // inside an <em>
//! b.push_text(2, ",” he said.");
//! b.break_block();
//! b.push_text(3, "  Next   paragraph ");
//! let map = b.finish();
//! assert_eq!(map.text(), "“Very soon,” he said.\nNext paragraph");
//! // The quote `Very soon,` is code points 1..11: node 0 offset 1 to node 2 offset 1.
//! assert_eq!(map.range(1, 11), Some((Point { node: 0, offset16: 1 }, Point { node: 2, offset16: 1 })));
//! ```
//!
//! The trade-off: whitespace follows CSS `white-space: normal` everywhere, so
//! `<pre>` text is joined as prose. Quotations in code blocks are rare, and a
//! stray line break inside a paragraph would otherwise split a quote in two.

use crate::offsets::CodePointToUtf16;

/// A position in the DOM: the index of a text node (in the order they were
/// pushed) and a UTF-16 offset into its data, as `Range.setStart` wants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// The text node's index, in the order nodes were pushed.
    pub node: usize,
    /// The offset into its data, in UTF-16 units.
    pub offset16: usize,
}

/// The part of one text node that a span covers, in UTF-16 units, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// The text node's index.
    pub node: usize,
    /// Where the piece starts in its data, in UTF-16 units.
    pub start16: usize,
    /// Where it ends (exclusive).
    pub end16: usize,
}

/// Emitted characters `out_start..out_end` that are, one for one, the source
/// characters of `node` starting at UTF-16 offset `src_start16`.
#[derive(Debug, Clone, Copy)]
struct Run {
    out_start: usize,
    out_end: usize,
    node: usize,
    src_start16: usize,
    src_end16: usize,
}

/// Builds a [`TextMap`] from text nodes in document order.
#[derive(Debug, Default)]
pub struct TextMapBuilder {
    text: String,
    len: usize,
    runs: Vec<Run>,
    /// The first whitespace character of a run not yet emitted: it becomes one
    /// space if visible text follows in the same block.
    pending_space: Option<(usize, usize)>,
    pending_break: bool,
}

/// CSS collapses these; a no-break space is content and stays.
fn collapses(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

impl TextMapBuilder {
    /// An empty map, to push text nodes into.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the data of text node number `node`.
    pub fn push_text(&mut self, node: usize, data: &str) {
        self.push_text_at(node, data, 0);
    }

    /// Appends part of the data of text node number `node`: `data` starts at
    /// UTF-16 offset `at16` of the node (a huge node is read in pieces).
    pub fn push_text_at(&mut self, node: usize, data: &str, at16: usize) {
        let mut at = at16;
        for c in data.chars() {
            if collapses(c) {
                let after_text = self.len > 0 && !self.text.ends_with('\n');
                if self.pending_space.is_none() && !self.pending_break && after_text {
                    self.pending_space = Some((node, at));
                }
            } else {
                if self.pending_break {
                    self.emit_unmapped('\n');
                } else if let Some((space_node, space_at)) = self.pending_space {
                    self.emit(' ', space_node, space_at);
                }
                self.pending_break = false;
                self.pending_space = None;
                self.emit(c, node, at);
            }
            at += c.len_utf16();
        }
    }

    /// Marks a block boundary (`</p>`, `<br>`, `<li>`): the next visible text
    /// starts a new paragraph. Several boundaries in a row make one break.
    pub fn break_block(&mut self) {
        if self.len > 0 {
            self.pending_break = true;
            self.pending_space = None;
        }
    }

    /// The map of every text node pushed.
    pub fn finish(self) -> TextMap {
        let utf16 = CodePointToUtf16::new(&self.text);
        TextMap {
            text: self.text,
            runs: self.runs,
            utf16,
        }
    }

    fn emit_unmapped(&mut self, c: char) {
        self.text.push(c);
        self.len += 1;
    }

    fn emit(&mut self, c: char, node: usize, at: usize) {
        let width = c.len_utf16();
        match self.runs.last_mut() {
            Some(run) if run.node == node && run.out_end == self.len && run.src_end16 == at => {
                run.out_end += 1;
                run.src_end16 += width;
            }
            _ => self.runs.push(Run {
                out_start: self.len,
                out_end: self.len + 1,
                node,
                src_start16: at,
                src_end16: at + width,
            }),
        }
        self.emit_unmapped(c);
    }
}

/// Joined text plus the map from its code points back to text nodes.
pub struct TextMap {
    text: String,
    runs: Vec<Run>,
    utf16: CodePointToUtf16,
}

impl TextMap {
    /// The text to hand to [`crate::analyze`].
    pub fn text(&self) -> &str {
        &self.text
    }

    /// UTF-16 offset into [`Self::text`] of code point `index`.
    pub fn utf16(&self, index: usize) -> usize {
        self.utf16.utf16(index)
    }

    fn point_in(&self, run: &Run, index: usize) -> Point {
        let skipped = self.utf16(index) - self.utf16(run.out_start);
        Point {
            node: run.node,
            offset16: run.src_start16 + skipped,
        }
    }

    /// Where a span starting at code point `index` starts in the DOM: at the
    /// first source character at or after it. A start on a node boundary goes
    /// to the next node, so a highlight never begins with an empty piece.
    pub fn start_point(&self, index: usize) -> Option<Point> {
        let at = self.runs.partition_point(|r| r.out_end <= index);
        let run = self.runs.get(at)?;
        Some(self.point_in(run, index.max(run.out_start)))
    }

    /// Where a span ending (exclusively) at `index` ends in the DOM: just after
    /// the last source character before it; a boundary stays in the earlier node.
    pub fn end_point(&self, index: usize) -> Option<Point> {
        let at = self.runs.partition_point(|r| r.out_start < index);
        let run = self.runs.get(at.checked_sub(1)?)?;
        Some(self.point_in(run, index.min(run.out_end)))
    }

    /// DOM start and end of the code-point span `start..end`, or `None` when it
    /// covers no source character (empty, reversed, or only a paragraph break).
    pub fn range(&self, start: usize, end: usize) -> Option<(Point, Point)> {
        let first = self.runs.partition_point(|r| r.out_end <= start);
        let covers = self
            .runs
            .get(first)
            .is_some_and(|r| r.out_start < end && start < end);
        if !covers {
            return None;
        }
        Some((self.start_point(start)?, self.end_point(end)?))
    }

    /// The span `start..end` cut into one piece per text node, in order. Used
    /// where a highlight must wrap each node's part in its own element.
    pub fn pieces(&self, start: usize, end: usize) -> Vec<Piece> {
        let first = self.runs.partition_point(|r| r.out_end <= start);
        let mut pieces: Vec<Piece> = Vec::new();
        for run in self.runs[first..].iter().take_while(|r| r.out_start < end) {
            let from = self.point_in(run, start.max(run.out_start));
            let to = self.point_in(run, end.min(run.out_end));
            match pieces.last_mut() {
                Some(last) if last.node == run.node && last.end16 <= from.offset16 => {
                    last.end16 = to.offset16
                }
                _ => pieces.push(Piece {
                    node: run.node,
                    start16: from.offset16,
                    end16: to.offset16,
                }),
            }
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(parts: &[Option<&str>]) -> TextMap {
        // `None` is a block boundary; each `Some` is the next text node.
        let mut b = TextMapBuilder::new();
        let mut node = 0;
        for part in parts {
            match part {
                Some(text) => {
                    b.push_text(node, text);
                    node += 1;
                }
                None => b.break_block(),
            }
        }
        b.finish()
    }

    fn cp(map: &TextMap, needle: &str) -> (usize, usize) {
        let byte = map.text().find(needle).expect("needle in text");
        let start = map.text()[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    #[test]
    fn a_node_pushed_in_pieces_maps_as_one() {
        // The browser reads a huge text node in pieces (UTF-16 offsets go on
        // across them), cut anywhere, even inside a run of spaces.
        let data = "“Très  bien,” dit-elle 😀 après   tout.";
        let whole = build(&[Some(data)]);
        for cut in (0..=data.len()).filter(|&i| data.is_char_boundary(i)) {
            let mut b = TextMapBuilder::new();
            b.push_text_at(0, &data[..cut], 0);
            b.push_text_at(0, &data[cut..], data[..cut].encode_utf16().count());
            let pieces = b.finish();
            assert_eq!(pieces.text(), whole.text(), "cut at {cut}");
            let n = whole.text().chars().count();
            for i in 0..n {
                assert_eq!(
                    pieces.range(i, i + 1),
                    whole.range(i, i + 1),
                    "cut at {cut}, char {i}"
                );
            }
        }
    }

    #[test]
    fn paragraphs_join_with_one_line_break_and_whitespace_collapses() {
        let map = build(&[
            Some("\n   Blinken   said:\n"),
            None,
            None,
            Some("  \t“Very soon.”  "),
            None,
        ]);
        assert_eq!(map.text(), "Blinken said:\n“Very soon.”");
    }

    #[test]
    fn quote_through_a_link_and_emphasis_maps_to_its_first_and_last_node() {
        // <p>“We are <a>completely</a> <em>aligned</em>,” Lammy said.</p>
        let map = build(&[
            Some("“We are "),
            Some("completely"),
            Some(" "),
            Some("aligned"),
            Some(",” Lammy said."),
        ]);
        let (start, end) = cp(&map, "We are completely aligned,");
        let (from, to) = map.range(start, end).unwrap();
        assert_eq!(
            from,
            Point {
                node: 0,
                offset16: 1
            }
        );
        assert_eq!(
            to,
            Point {
                node: 4,
                offset16: 1
            }
        );
        let pieces = map.pieces(start, end);
        let nodes: Vec<usize> = pieces.iter().map(|p| p.node).collect();
        assert_eq!(nodes, vec![0, 1, 2, 3, 4]);
        assert_eq!(
            pieces[1],
            Piece {
                node: 1,
                start16: 0,
                end16: 10
            }
        );
    }

    #[test]
    fn quote_over_two_paragraphs_skips_the_break() {
        let map = build(&[Some("He said: “First part."), None, Some("“Second part.”")]);
        let (start, end) = cp(&map, "First part.\n“Second part.");
        assert_eq!(
            map.range(start, end),
            Some((
                Point {
                    node: 0,
                    offset16: 10
                },
                Point {
                    node: 1,
                    offset16: 13
                }
            ))
        );
        assert_eq!(map.pieces(start, end).len(), 2);
    }

    #[test]
    fn offsets_are_utf16_after_emoji_and_accents() {
        // 😀 is two UTF-16 units, é one: `O` is code point 9 but UTF-16 unit 10.
        let map = build(&[Some("😀 José: “Olé 🇫🇷”")]);
        let (start, end) = cp(&map, "Olé 🇫🇷");
        assert_eq!(start, 9);
        let (from, to) = map.range(start, end).unwrap();
        assert_eq!(from.offset16, 10);
        assert_eq!(to.offset16, 10 + 4 + 4); // “Olé ” then two astral flag halves
        assert_eq!(map.utf16(start), 10);
    }

    #[test]
    fn collapsed_whitespace_maps_to_its_first_source_character() {
        let map = build(&[Some("a  \n b")]);
        assert_eq!(map.text(), "a b");
        assert_eq!(
            map.start_point(1),
            Some(Point {
                node: 0,
                offset16: 1
            })
        );
        assert_eq!(
            map.start_point(2),
            Some(Point {
                node: 0,
                offset16: 5
            })
        );
        assert_eq!(
            map.end_point(2),
            Some(Point {
                node: 0,
                offset16: 2
            })
        );
    }

    #[test]
    fn a_span_on_a_node_boundary_starts_in_the_next_node_and_ends_in_the_previous() {
        let map = build(&[Some("ab"), Some("cd")]);
        assert_eq!(
            map.start_point(2),
            Some(Point {
                node: 1,
                offset16: 0
            })
        );
        assert_eq!(
            map.end_point(2),
            Some(Point {
                node: 0,
                offset16: 2
            })
        );
        assert_eq!(
            map.range(2, 4),
            Some((
                Point {
                    node: 1,
                    offset16: 0
                },
                Point {
                    node: 1,
                    offset16: 2
                }
            ))
        );
    }

    #[test]
    fn bad_spans_give_none_or_nothing_instead_of_panicking() {
        let map = build(&[Some("ab"), None, Some("cd")]);
        assert_eq!(map.range(3, 1), None);
        assert_eq!(map.range(2, 3), None); // only the paragraph break
        assert_eq!(map.range(50, 60), None);
        assert!(map.pieces(50, 60).is_empty());
        assert_eq!(map.end_point(0), None);
        let empty = build(&[]);
        assert_eq!(empty.text(), "");
        assert_eq!(empty.range(0, 1), None);
    }
}
