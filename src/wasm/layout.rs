//! Where a badge goes: next to its quote, never over page text.
//!
//! A badge lifted above the quote covers the line above on dense news layouts
//! (a third of all badges did). Lines in a paragraph have no gap worth the
//! name, but paragraphs and margins do, so a badge goes, in this order:
//!
//! 1. in the gap above its paragraph, over the quote's first words, when the
//!    quote starts on the paragraph's first line (news quotes mostly do);
//! 2. in the left margin beside the quote's first line, or the right margin,
//!    where the whole name fits;
//! 3. in the gap below the paragraph when the quote starts on its last line;
//! 4. in the nearer paragraph gap, above the quote's first words;
//! 5. in a margin where part of the name fits (cut with an ellipsis);
//! 6. else a compact bar in the left margin beside the line (or, with no
//!    margin at all, on the quote's own first letters), which grows into the
//!    name on hover or focus.
//!
//! The card always has the full name. A badge never crosses the viewport edge,
//! and a badge is kept off the one placed before it.
//!
//! Everything here is arithmetic on rectangles in host coordinates (the host
//! sits at the document's origin); the reading of rectangles happens in
//! `overlay`, all reads before all writes.

use web_sys::{Element, HtmlElement, Text, Window};

/// Space between the text and a badge in the margin.
const GAP: f64 = 6.0;
/// Height of a badge (its CSS `height`).
pub const BADGE_H: f64 = 15.0;
/// Narrowest margin badge worth showing: about four letters.
const MIN_W: f64 = 40.0;
/// Keep this far from the viewport edge.
const EDGE: f64 = 2.0;

/// A rectangle: left, top, right, bottom.
pub type Rect = [f64; 4];

/// Where one badge goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Spot {
    /// Its left edge at `left`, at most `max_w` wide (a paragraph gap or the
    /// right margin).
    From { left: f64, top: f64, max_w: f64 },
    /// In the left margin: its right edge at `right`.
    Before { right: f64, top: f64, max_w: f64 },
    /// A compact bar, the name shown on hover.
    Compact { left: f64, top: f64 },
}

const COMPACT_W: f64 = 4.0;
const COMPACT_H: f64 = 14.0;

impl Spot {
    /// The box the badge will take (a compact bar's collapsed box).
    fn box_for(&self, width: f64) -> Rect {
        match *self {
            Spot::Before { right, top, max_w } => {
                [right - width.min(max_w), top, right, top + BADGE_H]
            }
            Spot::From { left, top, max_w } => [left, top, left + width.min(max_w), top + BADGE_H],
            Spot::Compact { left, top } => [left, top, left + COMPACT_W, top + COMPACT_H],
        }
    }
}

/// The visible horizontal extent, in host coordinates.
#[derive(Clone, Copy, Debug)]
pub struct View {
    pub min_x: f64,
    pub max_x: f64,
}

/// What layout knows about a quote's surroundings.
#[derive(Clone, Copy, Debug)]
pub struct Around {
    /// The quote's first line (its first client rectangle).
    pub line: Rect,
    /// The paragraph the quote starts in.
    pub block: Rect,
    /// The bottom of what comes before the paragraph and the top of what
    /// comes after it: the paragraph gaps.
    pub above: f64,
    pub below: f64,
}

/// Picks the spot of a badge `width` wide; `taken` is the box of the badge
/// placed just before, which this one must not overlap.
pub fn spot(around: Around, width: f64, view: View, taken: Option<Rect>) -> (Spot, Rect) {
    let Around {
        line,
        block,
        above,
        below,
    } = around;
    let line_h = line[3] - line[1];
    let free = |r: &Rect| {
        r[0] >= view.min_x + EDGE - 0.5
            && r[2] <= view.max_x - EDGE + 0.5
            && taken.is_none_or(|t| !(r[0] < t[2] && t[0] < r[2] && r[1] < t[3] && t[1] < r[3]))
    };
    let middle = (line[1] + line[3] - BADGE_H) / 2.0;
    let first_line = line[1] - block[1] < line_h * 0.75;
    let last_line = block[3] - line[3] < line_h * 0.75;
    // Over the quote's first words, pulled left to stay in the paragraph and the view.
    let gap_left = (line[0] - 2.0)
        .min(block[2].min(view.max_x - EDGE) - width)
        .max(block[0].max(view.min_x + EDGE));
    let gap_w = view.max_x - EDGE - gap_left;
    let over = line[1].min(block[1]) - 1.0 - BADGE_H;
    let under = line[3].max(block[3]) + 1.0;
    let gap_above = (over >= above).then_some(Spot::From {
        left: gap_left,
        top: over,
        max_w: gap_w,
    });
    let gap_below = (under + BADGE_H <= below).then_some(Spot::From {
        left: gap_left,
        top: under,
        max_w: gap_w,
    });
    let left_room = block[0] - GAP - (view.min_x + EDGE);
    let margin_left = Spot::Before {
        right: block[0] - GAP,
        top: middle,
        max_w: left_room,
    };
    let right_room = view.max_x - EDGE - (block[2] + GAP);
    let margin_right = Spot::From {
        left: block[2] + GAP,
        top: middle,
        max_w: right_room,
    };
    let nearer_gap = if line[1] - block[1] <= block[3] - line[3] {
        gap_above.or(gap_below)
    } else {
        gap_below.or(gap_above)
    };
    let candidates = [
        gap_above.filter(|_| first_line),
        (left_room >= width).then_some(margin_left),
        (right_room >= width).then_some(margin_right),
        gap_below.filter(|_| last_line),
        nearer_gap,
        (left_room >= MIN_W).then_some(margin_left),
        (right_room >= MIN_W).then_some(margin_right),
    ];
    for spot in candidates.into_iter().flatten() {
        let b = spot.box_for(width);
        if free(&b) {
            return (spot, b);
        }
    }
    let top = line[1] + (line_h - COMPACT_H) / 2.0;
    let spot = if block[0] - (view.min_x + EDGE) >= COMPACT_W + 1.0 {
        Spot::Compact {
            left: block[0] - COMPACT_W - 1.0,
            top,
        }
    } else {
        Spot::Compact { left: line[0], top }
    };
    (spot, spot.box_for(width))
}

/// The width a badge's text will take, from its length: 10 px semibold
/// system-ui averages under 6.2 px a character, plus 10 px of padding. An
/// estimate is enough: the badge's own edge is anchored at the text side and
/// its width is capped by the room, so a wrong guess never covers text.
pub fn estimate_width(label: &str) -> f64 {
    10.0 + 6.2 * label.chars().count() as f64
}

/// Moves `badge` to `spot`.
pub fn apply(badge: &HtmlElement, spot: Spot) {
    let style = badge.style();
    let px = |v: f64| format!("{}px", crate::export::fixed(v, 1));
    let (left, right, top, max_w, compact) = match spot {
        Spot::Before { right, top, max_w } => ("auto".into(), px(-right), top, px(max_w), false),
        Spot::From { left, top, max_w } => (px(left), "auto".into(), top, px(max_w), false),
        Spot::Compact { left, top } => (px(left), "auto".into(), top, "none".into(), true),
    };
    let _ = style.set_property("left", &left);
    let _ = style.set_property("right", &right);
    let _ = style.set_property("top", &px(top));
    let _ = style.set_property("max-width", &max_w);
    let _ = badge.class_list().toggle_with_force("ql-compact", compact);
    badge.set_hidden(false);
}

/// The block the text of `node` is laid out in (its paragraph): the nearest
/// ancestor whose computed `display` is not inline.
pub fn block_of(node: &Text, window: &Window) -> Option<Element> {
    let mut el = node.parent_element()?;
    for _ in 0..8 {
        let display = window
            .get_computed_style(&el)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("display").ok())
            .unwrap_or_default();
        if !(display.starts_with("inline") || display == "contents") {
            return Some(el);
        }
        el = el.parent_element()?;
    }
    Some(el)
}

/// `el`'s box in host coordinates.
pub fn rect_of(el: &Element, hx: f64, hy: f64) -> Rect {
    let r = el.get_bounding_client_rect();
    [r.left() - hx, r.top() - hy, r.right() - hx, r.bottom() - hy]
}

/// The paragraph gaps around `block`: the bottom of the nearest laid-out
/// element before it and the top of the nearest after it (looking at up to
/// three siblings, then the parent's), none where there is none.
pub fn gaps(block: &Element, hx: f64, hy: f64) -> (f64, f64) {
    let near = |next: bool| -> Option<Rect> {
        let mut anchor = block.clone();
        for _ in 0..3 {
            let mut sibling = step(&anchor, next);
            for _ in 0..3 {
                let Some(el) = sibling else { break };
                let r = rect_of(&el, hx, hy);
                if r[2] > r[0] && r[3] > r[1] {
                    return Some(r);
                }
                sibling = step(&el, next);
            }
            anchor = anchor.parent_element()?;
        }
        None
    };
    // Nothing found: no gap either, since we cannot tell what is there.
    let above = near(false).map_or(f64::INFINITY, |r| r[3]);
    let below = near(true).map_or(f64::NEG_INFINITY, |r| r[1]);
    (above, below)
}

fn step(el: &Element, next: bool) -> Option<Element> {
    if next {
        el.next_element_sibling()
    } else {
        el.previous_element_sibling()
    }
}
