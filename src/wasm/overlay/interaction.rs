//! Interaction: the card that follows the pointer, a tap or the keyboard,
//! and moving from quote to quote.
//!
//! - Hover: highlights get no events, so a `pointermove` (one per frame) is
//!   hit-tested against the quotes' cached rectangles.
//! - Tap: a touch screen sends no `pointermove` before its `click`, so a click
//!   is hit-tested the same way at once: on a quote it opens that quote's
//!   card, elsewhere it closes the card. The listener is passive and never
//!   stops the page's own handling (a link in a quote still opens), and a
//!   click that ends a text selection is left alone.
//! - Keys: badges take focus; focus pins the card (the pointer leaving does
//!   not close it), Escape closes it, the arrows step through the speaker's
//!   quotes.

use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, EventTarget, MouseEvent, Node, ScrollBehavior, ScrollIntoViewOptions,
    ScrollLogicalPosition,
};

use super::super::geometry::{self, from_client};
use super::super::ui::CardText;
use super::page::Page;
use super::painting::{LaidOut, Painting};

#[derive(Default)]
pub(super) struct Interaction {
    /// The pointer's last client position, and whether it was over our UI.
    pointer: Option<(f64, f64)>,
    pointer_on_ui: bool,
    /// The quote whose card is open, and whether focus (not the pointer) opened it.
    pub card_for: Option<usize>,
    card_pinned: bool,
}

impl Interaction {
    /// Badges sit in document coordinates, so scrolling the page moves them
    /// with their quotes; only a scrolling box inside the page needs a re-layout.
    pub fn on_scroll(page: &Page, painting: &mut Painting, event: &Event) {
        let page_scrolled = event.target().is_some_and(|t| t.has_type::<Document>());
        if !page_scrolled {
            painting.schedule_layout(page);
        }
    }

    pub fn on_pointer(&mut self, page: &Page, event: &Event) {
        let Some(mouse) = event.dyn_ref::<MouseEvent>() else {
            return;
        };
        // A finger has no hover: its moves are a scroll or a drag, which must
        // not close the card a tap opened.
        let touch_move = event.type_() == "pointermove"
            && event
                .dyn_ref::<web_sys::PointerEvent>()
                .is_some_and(|p| p.pointer_type() == "touch");
        if touch_move {
            return;
        }
        self.pointer = Some((mouse.client_x() as f64, mouse.client_y() as f64));
        let host: &EventTarget = page.ui.host.as_ref();
        self.pointer_on_ui = event.target().is_some_and(|t| &t == host);
        page.schedule_frame();
    }

    /// A click or a tap is a pointer that arrived there at once: the card
    /// follows now (brought into view if the page scrolled since it opened),
    /// unless the click ends a text selection.
    pub fn on_tap(&mut self, page: &Page, painting: &Painting, event: &Event) {
        let selecting = page
            .window
            .get_selection()
            .ok()
            .flatten()
            .is_some_and(|s| !s.is_collapsed());
        if !selecting {
            self.on_pointer(page, event);
            self.hover(page, painting);
            if let Some(i) = self.card_for {
                self.place_card(page, painting, i);
            }
        }
    }

    /// Shows the card for the quote under the pointer, keeps it while the
    /// pointer is on our UI, hides it otherwise (unless the keyboard opened it).
    pub fn hover(&mut self, page: &Page, painting: &Painting) {
        if self.pointer_on_ui || self.card_pinned {
            return;
        }
        let Some((x, y)) = self.pointer else { return };
        let host = page.ui.host.get_bounding_client_rect();
        let (x, y) = (x - host.left(), y - host.top());
        let hit = painting
            .drawn
            .iter()
            .position(|d| d.rects.iter().any(|r| geometry::contains(r, x, y)));
        match hit {
            Some(i) if self.card_for != Some(i) => self.show_card(page, painting, i),
            Some(_) => {}
            None => self.hide_card(page),
        }
    }

    pub fn on_pointer_over(&mut self, page: &Page, painting: &Painting, event: &Event) {
        if let Some(i) = index_of(event.target()) {
            if !self.card_pinned {
                self.show_card(page, painting, i);
            }
        }
    }

    pub fn on_focus_in(&mut self, page: &Page, painting: &Painting, event: &Event) {
        if let Some(i) = index_of(event.target()) {
            self.card_pinned = true;
            self.show_card(page, painting, i);
        }
    }

    pub fn on_focus_out(&mut self, page: &Page, event: &Event) {
        let related = event
            .dyn_ref::<web_sys::FocusEvent>()
            .and_then(|f| f.related_target());
        let inside = related
            .and_then(|t| t.dyn_into::<Node>().ok())
            .is_some_and(|n| page.ui.shadow.contains(Some(&n)));
        if !inside {
            self.card_pinned = false;
            self.hide_card(page);
        }
    }

    /// The card's ‹ and › buttons.
    pub fn on_click(&mut self, page: &Page, painting: &mut Painting, target: &Element) {
        let step = match target.class_name().as_str() {
            "ql-prev" => -1,
            "ql-next" => 1,
            _ => return,
        };
        if let Some(i) = self.card_for {
            self.step(page, painting, i, step);
        }
    }

    pub fn on_key(&mut self, page: &Page, painting: &mut Painting, key: &web_sys::KeyboardEvent) {
        match (key.key().as_str(), self.card_for) {
            ("Escape", Some(_)) => {
                self.card_pinned = false;
                self.hide_card(page);
            }
            ("ArrowRight", Some(i)) => self.step(page, painting, i, 1),
            ("ArrowLeft", Some(i)) => self.step(page, painting, i, -1),
            _ => {}
        }
    }

    /// Moves to the previous or next quote by the same speaker: scrolls it into
    /// view, focuses its badge and shows its card.
    fn step(&mut self, page: &Page, painting: &mut Painting, i: usize, by: isize) {
        let group = painting.same_speaker(i);
        self.step_in(page, painting, &group, i, by);
    }

    /// Moves from quote `i` to the one `by` places away in `group`.
    pub fn step_in(
        &mut self,
        page: &Page,
        painting: &mut Painting,
        group: &[usize],
        i: usize,
        by: isize,
    ) {
        let Some(at) = group.iter().position(|&j| j == i) else {
            return;
        };
        let Some(&next) = at.checked_add_signed(by).and_then(|k| group.get(k)) else {
            return;
        };
        let Some(drawn) = painting.drawn.get(next) else {
            return;
        };
        let badge = drawn.badge.clone();
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        options.set_behavior(ScrollBehavior::Instant);
        // The quote's own paragraph: a badge in the margin may sit out of view.
        let target = drawn
            .bounds
            .first()
            .and_then(|(start, ..)| start.parent_element());
        if let Some(target) = target {
            target.scroll_into_view_with_scroll_into_view_options(&options);
        }
        painting.mark_layout_due();
        self.relayout(page, painting);
        self.card_pinned = true;
        self.show_card(page, painting, next);
        // Our focusin handler cannot borrow now; the card is already shown.
        if let Some(badge) = badge {
            let _ = badge.focus();
        }
    }

    /// Measures every quote and moves its badge to the quote's first line, in
    /// slices of at most [`SLICE_MS`](super::SLICE_MS), one per animation frame.
    pub fn relayout(&self, page: &Page, painting: &mut Painting) {
        painting.restart_layout();
        let laid = painting.layout_some(page, page.now() + super::SLICE_MS);
        self.after_layout(page, painting, laid);
    }

    /// After a slice of layout: an open card whose quote was laid out follows
    /// it; the slice counts for the longest one.
    pub fn after_layout(&self, page: &Page, painting: &Painting, laid: Option<LaidOut>) {
        let Some((at, started)) = laid else { return };
        if let Some(i) = self.card_for.filter(|&i| i < at) {
            self.place_card(page, painting, i);
        }
        page.note_slice(started);
    }

    pub fn show_card(&mut self, page: &Page, painting: &Painting, i: usize) {
        let Some(d) = painting.drawn.get(i) else {
            return;
        };
        let group = painting.same_speaker(i);
        let nth = group.iter().position(|&j| j == i).map_or(1, |k| k + 1);
        let q = &d.quote;
        page.ui.card.fill(&CardText {
            speaker: q.speaker.as_deref(),
            role: q.role.as_deref(),
            cue: q.cue.as_deref(),
            confidence: q.confidence,
            why: q.why.as_ref().map(|w| w.text.as_str()),
            nth,
            of: group.len(),
            slot: d.slot,
        });
        page.ui.card.root.set_hidden(false);
        self.card_for = Some(i);
        self.place_card(page, painting, i);
    }

    pub fn place_card(&self, page: &Page, painting: &Painting, i: usize) {
        let Some(d) = painting.drawn.get(i) else {
            return;
        };
        let host = page.ui.host.get_bounding_client_rect();
        let (hx, hy) = (host.left(), host.top());
        // Beside the line under the pointer (a tap deep in a long quote), else the first.
        let y = self.pointer.map_or(f64::NAN, |(_, y)| y - hy);
        let Some(&[left, top, _, bottom]) = geometry::line_at(&d.rects, y) else {
            return;
        };
        // Unknown, the card goes where it is.
        let view = from_client(page.seen(), hx, hy);
        page.ui.card.place(left, bottom + 4.0, top - 14.0, view);
    }

    pub fn hide_card(&mut self, page: &Page) {
        page.ui.card.root.set_hidden(true);
        self.card_for = None;
    }

    /// Unpins and hides the card (the panel takes the reader's attention).
    pub fn close_card(&mut self, page: &Page) {
        self.card_pinned = false;
        self.hide_card(page);
    }
}

fn index_of(target: Option<EventTarget>) -> Option<usize> {
    let el = target?.dyn_into::<Element>().ok()?;
    el.get_attribute("data-index")?.parse().ok()
}
