//! One quote as drawn on the page: its ranges (one per paragraph), its tint
//! boxes and its badge, and what its layout last measured.
//!
//! A drawing reads the page only in [`Drawn::measure`] and [`Drawn::moved`]
//! and writes it only in [`Drawn::place_badge`] (and through the painter),
//! so the painting can batch all reads before all writes.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Range, Window};

use super::super::geometry::{self, from_client, Rect};
use super::super::layout;
use super::super::paint::Slot;
use super::super::placement::{self, View};
use super::page::Page;
use super::pass::Bounds;
use crate::Quote;

/// A quote on the page: what the core said, where it is, and its badge.
/// A quote over several paragraphs gets one range per paragraph, so each
/// paragraph reads as quoted and the paragraph gap stays unpainted.
pub(super) struct Drawn {
    pub quote: Quote,
    pub bounds: Vec<Bounds>,
    pub ranges: Vec<Range>,
    /// None for a short quoted term nobody said: it gets no badge.
    pub badge: Option<HtmlElement>,
    pub slot: Slot,
    /// Its tint boxes in our root, one per line (`paint`), removed with it.
    pub tints: Vec<HtmlElement>,
    /// Client rectangles in host coordinates: left, top, right, bottom.
    pub rects: Vec<Rect>,
    /// The block (paragraph) the quote starts in, found at its first layout,
    /// its box and the gaps around it at the last one.
    block: Option<Element>,
    block_box: Rect,
    gaps: (f64, f64),
    /// The estimated width of the badge's label.
    label_w: f64,
}

/// A new drawing of `quote`: its ranges and (unless a mere term) its badge.
pub(super) fn make_drawn(
    page: &Page,
    quote: Quote,
    bounds: Vec<Bounds>,
    slot: Slot,
    index: usize,
) -> Option<Drawn> {
    let ranges: Vec<Range> = bounds.iter().filter_map(|b| range(page, b)).collect();
    if ranges.len() != bounds.len() {
        return None;
    }
    let badge = match slot {
        Slot::Term => None,
        _ => Some(
            page.ui
                .badge(&page.doc, index, quote.speaker.as_deref(), slot)
                .ok()?,
        ),
    };
    let label_w = badge
        .as_ref()
        .and_then(|b| b.text_content())
        .map_or(0.0, |t| placement::estimate_width(&t));
    Some(Drawn {
        quote,
        bounds,
        ranges,
        badge,
        slot,
        tints: Vec::new(),
        rects: Vec::new(),
        block: None,
        block_box: [0.0; 4],
        gaps: (f64::INFINITY, f64::NEG_INFINITY),
        label_w,
    })
}

fn range(page: &Page, (start, from, end, to): &Bounds) -> Option<Range> {
    let range = page.doc.create_range().ok()?;
    range.set_start(start, *from).ok()?;
    range.set_end(end, *to).ok()?;
    Some(range)
}

/// Whether quote `a` starts before quote `b` in the document.
pub(super) fn starts_before(a: &Drawn, b: &Drawn) -> bool {
    match (a.ranges.first(), b.ranges.first()) {
        (Some(a), Some(b)) => a
            .compare_boundary_points(Range::START_TO_START, b)
            .is_ok_and(|order| order < 0),
        _ => false,
    }
}

/// Whether the text of `node` is painted: `visibility`, `content-visibility`
/// and `display` all count (`checkVisibility`; assumed shown where missing).
fn shown(node: &web_sys::Text) -> bool {
    let Some(parent) = node.parent_element() else {
        return false;
    };
    let Ok(check) = js_sys::Reflect::get(&parent, &"checkVisibility".into()) else {
        return true;
    };
    let Some(check) = check.dyn_ref::<js_sys::Function>() else {
        return true;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &"visibilityProperty".into(),
        &wasm_bindgen::JsValue::TRUE,
    );
    check
        .call1(&parent, &options)
        .map_or(true, |v| v.is_truthy())
}

impl Drop for Drawn {
    fn drop(&mut self) {
        for tint in &self.tints {
            tint.remove();
        }
    }
}

impl Drawn {
    /// Reads the quote's client rectangles and its block's edges, in host
    /// coordinates; no rectangles when hidden.
    pub fn measure(&mut self, hx: f64, hy: f64, window: &Window) {
        self.rects.clear();
        for list in self.ranges.iter().filter_map(Range::get_client_rects) {
            for i in 0..list.length() {
                let Some(r) = list.item(i) else { continue };
                if r.width() > 0.0 && r.height() > 0.0 {
                    self.rects.push(from_client(
                        [r.left(), r.top(), r.right(), r.bottom()],
                        hx,
                        hy,
                    ));
                }
            }
        }
        let first = self.bounds.first().map(|(start, ..)| start);
        if !first.is_some_and(shown) {
            self.rects.clear();
        }
        if self.badge.is_none() || self.rects.is_empty() {
            return;
        }
        if self.block.is_none() {
            self.block = first.and_then(|node| layout::block_of(node, window));
        }
        if let Some(block) = &self.block {
            self.block_box = layout::rect_of(block, hx, hy);
            self.gaps = layout::gaps(block, hx, hy);
        }
    }

    /// Whether the first line is no longer where it was last measured.
    pub fn moved(&self, hx: f64, hy: f64) -> bool {
        let first = self.bounds.first().map(|(start, ..)| start);
        let now = self
            .ranges
            .first()
            .filter(|_| first.is_some_and(shown))
            .and_then(Range::get_client_rects)
            .and_then(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i))
                    .find(|r| r.width() > 0.0 && r.height() > 0.0)
            })
            .map(|r| from_client([r.left(), r.top(), r.right(), r.bottom()], hx, hy));
        geometry::moved(now.as_ref(), self.rects.first())
    }

    /// Places the badge beside the first line; returns the box it took (or
    /// `taken` again when it took none).
    pub fn place_badge(&self, view: View, taken: Option<Rect>) -> Option<Rect> {
        let Some(badge) = &self.badge else {
            return taken;
        };
        let Some(&line) = self.rects.first() else {
            badge.set_hidden(true);
            return taken;
        };
        let around = placement::Around {
            line,
            block: self.block_box,
            above: self.gaps.0,
            below: self.gaps.1,
        };
        let (spot, took) = placement::spot(around, self.label_w, view, taken);
        layout::apply(badge, spot);
        Some(took)
    }
}
