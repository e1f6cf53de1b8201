//! Badge layout on the page: reads the boxes that placement needs (a
//! quote's paragraph, the gaps around it) and moves a badge to its spot.
//!
//! Where the spot is, is decided in [`placement`](super::placement), on plain
//! rectangles; this module is the DOM on either side of that decision, so
//! the decision can be tested without a browser.

use web_sys::{Element, HtmlElement, Text, Window};

use super::geometry::{from_client, Rect};
use super::placement::Spot;

/// Moves `badge` to `spot`. One write of its whole inline style, not one per
/// property: in Firefox each call into the page is dear, and a layout slice
/// writes a hundred badges.
pub fn apply(badge: &HtmlElement, spot: Spot) {
    let px = |v: f64| format!("{}px", crate::export::fixed(v, 1));
    let (left, right, top, max_w, compact) = match spot {
        Spot::Before { right, top, max_w } => ("auto".into(), px(-right), top, px(max_w), false),
        Spot::From { left, top, max_w } => (px(left), "auto".into(), top, px(max_w), false),
        Spot::Compact { left, top } => (px(left), "auto".into(), top, "none".into(), true),
    };
    let top = px(top);
    badge.style().set_css_text(&format!(
        "left:{left};right:{right};top:{top};max-width:{max_w}"
    ));
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
    from_client([r.left(), r.top(), r.right(), r.bottom()], hx, hy)
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
