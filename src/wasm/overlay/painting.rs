//! The painting: every quote on the page as drawn ([`Drawn`]: its ranges,
//! tints and badge), and the layout that puts tints on the quote's lines and
//! each badge where [`placement`](super::super::placement) says.
//!
//! A pass hands its quotes over one by one; a quote whose text and nodes did
//! not change keeps its drawing, so only new quotes get new badges. Layout
//! reads before it writes: within a batch every quote is measured before any
//! badge moves, since interleaved, each quote would cost the browser a layout
//! of the whole page. It runs in slices, one per animation frame.

use web_sys::Window;

use super::super::geometry::Rect;
use super::super::paint::{Painter, Slot};
use super::drawn::{make_drawn, starts_before, Drawn};
use super::page::Page;
use super::pass::Bounds;
use crate::lexicon::FnvMap;
use crate::Quote;

/// Quotes measured per batch of layout, between two looks at the clock.
const LAYOUT_BATCH: usize = 100;

/// A pass's drawing under way: the last pass's drawings by quote text, to
/// keep what did not change, and the new list.
struct Redraw {
    old: Stock,
    drawn: Vec<Drawn>,
}

/// The drawings of the pass before, by quote text: the same `String → index`
/// map as the core's name index, so the WebAssembly holds one map fewer.
#[derive(Default)]
struct Stock {
    index: FnvMap<String, usize>,
    stock: Vec<Vec<Drawn>>,
}

pub(super) struct Painting {
    painter: Painter,
    pub drawn: Vec<Drawn>,
    redraw: Option<Redraw>,
    /// Speaker names in order of first appearance; the index is the colour slot,
    /// kept for the life of the overlay so a speaker never changes colour.
    slots: Vec<String>,
    /// A layout from the first quote is due at the next frame.
    need_layout: bool,
    /// The first quote the layout under way has not measured yet.
    layout_next: Option<usize>,
    /// The box of the badge placed last (by the layout under way, or the last one).
    layout_taken: Option<Rect>,
    /// What writing one quote's badge and tints cost in the last layout
    /// slice, in ms (a guess before the first): its reads leave room for it.
    write_ms: f64,
    /// Whether any badge is dimmed now.
    dimmed: bool,
}

/// How far a slice of layout went: the first quote not laid out yet, and
/// when the slice started (for the longest slice).
pub(super) type LaidOut = (usize, f64);

impl Painting {
    pub fn new(painter: Painter) -> Painting {
        Painting {
            painter,
            drawn: Vec::new(),
            redraw: None,
            slots: Vec::new(),
            need_layout: false,
            layout_next: None,
            layout_taken: None,
            write_ms: 0.25,
            dimmed: false,
        }
    }

    /// The quotes a reader sees, with their index among the drawn ones: those
    /// with a badge (a short quoted term nobody said has none).
    pub fn listed(&self) -> Vec<(usize, &Quote)> {
        self.drawn
            .iter()
            .enumerate()
            .filter(|(_, d)| d.badge.is_some())
            .map(|(i, d)| (i, &d.quote))
            .collect()
    }

    /// The quotes of [`Painting::listed`].
    pub fn quotes(&self) -> Vec<Quote> {
        self.listed().into_iter().map(|(_, q)| q.clone()).collect()
    }

    pub fn speaker_count(&self) -> usize {
        let mut names: Vec<&str> = self
            .drawn
            .iter()
            .filter_map(|d| d.quote.speaker.as_deref())
            .collect();
        crate::sort::stable_by(&mut names, |a, b| a.cmp(b));
        names.dedup();
        names.len()
    }

    /// The indices of all quotes by the speaker of quote `i`, in text order.
    pub fn same_speaker(&self, i: usize) -> Vec<usize> {
        let speaker = self
            .drawn
            .get(i)
            .map(|d| d.quote.speaker.clone())
            .unwrap_or_default();
        (0..self.drawn.len())
            .filter(|&j| self.drawn[j].quote.speaker == speaker)
            .collect()
    }

    /// A pass has analysed all: what is drawn becomes the stock its quotes
    /// are drawn from.
    pub fn begin_redraw(&mut self) {
        // Quote text → its drawings, as an index into `stock`.
        let mut old = Stock::default();
        for d in std::mem::take(&mut self.drawn) {
            let at = *old.index.entry(d.quote.text.clone()).or_insert_with(|| {
                old.stock.push(Vec::new());
                old.stock.len() - 1
            });
            old.stock[at].push(d);
        }
        self.redraw = Some(Redraw {
            old,
            drawn: Vec::new(),
        });
    }

    /// Reuses the drawing of an unchanged quote or makes a new one.
    pub fn draw(&mut self, page: &Page, quote: Quote, bounds: Vec<Bounds>) {
        let slot = self.slot(&quote);
        let Some(redraw) = &mut self.redraw else {
            return;
        };
        let same = |d: &Drawn| d.quote.speaker == quote.speaker && d.bounds == bounds;
        let at = redraw.old.index.get(&quote.text).copied();
        let kept = at.map(|at| &mut redraw.old.stock[at]).and_then(|list| {
            let at = list.iter().position(same)?;
            Some(list.swap_remove(at))
        });
        let index = redraw.drawn.len();
        let drawn = match kept {
            Some(mut kept) => {
                kept.quote = quote;
                if let Some(badge) = &kept.badge {
                    let _ = badge.set_attribute("data-index", &index.to_string());
                }
                kept
            }
            None => match make_drawn(page, quote, bounds, slot, index) {
                Some(drawn) => drawn,
                None => return,
            },
        };
        redraw.drawn.push(drawn);
    }

    /// Swaps in what the pass drew and removes the badges of what is gone.
    pub fn finish_redraw(&mut self) {
        let Some(redraw) = self.redraw.take() else {
            return;
        };
        for gone in redraw.old.stock.into_iter().flatten() {
            if let Some(badge) = &gone.badge {
                badge.remove();
            }
        }
        self.drawn = redraw.drawn;
    }

    /// A new drawing of a quote of a block the page added, not yet among
    /// the drawn ones (see [`Painting::insert`]).
    pub fn draw_new(&mut self, page: &Page, quote: Quote, bounds: Vec<Bounds>) -> Option<Drawn> {
        let slot = self.slot(&quote);
        make_drawn(page, quote, bounds, slot, 0)
    }

    /// Takes in `fresh` drawings: after the others when they all come later in
    /// the page (a live blog's new entry, laid out alone, now), else each in
    /// its place. True when they went in between: everything must be
    /// numbered and laid out again.
    pub fn insert(&mut self, page: &Page, fresh: Vec<Drawn>) -> bool {
        let from = self.drawn.len();
        let appended = match (self.drawn.last(), fresh.first()) {
            (Some(last), Some(first)) => starts_before(last, first),
            _ => true,
        };
        if appended {
            self.drawn.extend(fresh);
            self.index_badges(from);
            self.layout_from(page, from);
        } else {
            for d in fresh {
                let at = self.drawn.partition_point(|old| starts_before(old, &d));
                self.drawn.insert(at, d);
            }
            self.index_badges(0);
        }
        !appended
    }

    /// Lists `drawn`'s ranges (the test build's highlights).
    pub fn list(&mut self, drawn: &[Drawn]) {
        list(&mut self.painter, drawn);
    }

    /// Lists every drawn quote's ranges afresh (the test build's highlights).
    pub fn list_all(&mut self) {
        self.painter.unlist_all();
        list(&mut self.painter, &self.drawn);
    }

    /// Numbers the badges from `from` on by their quote's place.
    fn index_badges(&self, from: usize) {
        for (i, d) in self.drawn.iter().enumerate().skip(from) {
            if let Some(badge) = &d.badge {
                let _ = badge.set_attribute("data-index", &i.to_string());
            }
        }
    }

    /// A speaker's colour, kept for the life of the overlay. What the core
    /// reads as a term ([`Quote::reads_as_term`]) is only tinted.
    fn slot(&mut self, quote: &Quote) -> Slot {
        if quote.reads_as_term() {
            return Slot::Term;
        }
        let Some(name) = quote.speaker.as_deref() else {
            return Slot::Unattributed;
        };
        Slot::Speaker(match self.slots.iter().position(|s| s == name) {
            Some(i) => i,
            None => {
                self.slots.push(name.to_string());
                self.slots.len() - 1
            }
        })
    }

    /// Whether a layout is under way or due: its reads would pay for
    /// restyling whatever is written to the badges meanwhile.
    pub fn layout_busy(&self) -> bool {
        self.layout_next.is_some() || self.need_layout
    }

    pub fn schedule_layout(&mut self, page: &Page) {
        self.need_layout = true;
        page.schedule_frame();
    }

    /// Asks for a layout from the first quote at the next frame, which the
    /// caller does not ask for (a layout it runs now may).
    pub fn mark_layout_due(&mut self) {
        self.need_layout = true;
    }

    /// Whether a layout from the first quote is due; it is not any more.
    pub fn take_layout_due(&mut self) -> bool {
        std::mem::take(&mut self.need_layout)
    }

    /// Paints quote `i` in the flash colour for a moment (a jump to it).
    pub fn flash(&self, window: &Window, i: usize) {
        if let Some(d) = self.drawn.get(i) {
            self.painter.flash(window, &d.tints);
        }
    }

    /// Starts the layout from the first quote; the caller runs its first slice.
    pub fn restart_layout(&mut self) {
        self.layout_next = Some(0);
        self.layout_taken = None;
    }

    /// Continues the layout where the last slice stopped. Within a batch all
    /// reads come before all writes: interleaved, each quote would cost the
    /// browser a layout of the whole page.
    /// Stops at `deadline` (before the first batch, if already past it).
    pub fn layout_some(&mut self, page: &Page, deadline: f64) -> Option<LaidOut> {
        let mut at = self.layout_next.take()?;
        let started = page.now();
        let budget = deadline - started;
        if budget <= 0.0 {
            self.layout_next = Some(at);
            page.schedule_frame();
            return None;
        }
        // The first read lays the page out if anything changed; the budget
        // counts from after it (the browser's layout is due before the next
        // frame anyway).
        let (hx, hy, view) = page.geometry();
        let deadline = page.now() + budget;
        // One batch a slice: a second one paid for laying out what the first
        // moved, and in Firefox, where writing 100 quotes costs 15-40 ms,
        // that made slices of 50 ms; the frame between two slices lays it
        // out. The reads stop where the writes they call for would pass the
        // deadline (in a text node of megabytes one quote's rectangles may
        // take a millisecond), and the writes at the deadline: what was read
        // and not written is read again in the next slice.
        let from = at;
        let end = (at + LAYOUT_BATCH).min(self.drawn.len());
        while at < end {
            self.drawn[at].measure(hx, hy, &page.window);
            at += 1;
            if page.now() + (at - from) as f64 * self.write_ms >= deadline {
                break;
            }
        }
        let (writes, read) = (page.now(), at);
        at = from;
        while at < read {
            let d = &mut self.drawn[at];
            self.layout_taken = d.place_badge(view, self.layout_taken);
            self.painter
                .place(&page.doc, d.slot, &d.rects, &mut d.tints);
            at += 1;
            if at % 8 == 0 && page.now() >= deadline {
                break;
            }
        }
        if at > from {
            self.write_ms = (page.now() - writes) / (at - from) as f64;
        }
        if at < self.drawn.len() {
            self.layout_next = Some(at);
            page.schedule_frame();
        }
        Some((at, started))
    }

    /// Lays out the quotes from `from` on, now, unless a full layout is due.
    fn layout_from(&mut self, page: &Page, from: usize) {
        if self.layout_busy() {
            return;
        }
        let (hx, hy, view) = page.geometry();
        for d in &mut self.drawn[from..] {
            d.measure(hx, hy, &page.window);
        }
        // The last badge placed before these, to keep the first new one off it.
        let mut taken = self.layout_taken;
        for d in &self.drawn[from..] {
            taken = d.place_badge(view, taken);
        }
        self.layout_taken = taken;
    }

    /// Lays everything out again if the first, middle or last quote moved or
    /// appeared or vanished: anything added, removed or revealed above a quote
    /// moves the last one too. Three reads instead of all of them.
    pub fn check_moved(&mut self, page: &Page) {
        if self.drawn.is_empty() {
            return;
        }
        let (hx, hy, _) = page.geometry();
        let n = self.drawn.len();
        let moved = [0, n / 2, n - 1]
            .iter()
            .any(|&i| self.drawn[i].moved(hx, hy));
        if moved {
            self.schedule_layout(page);
        }
    }

    /// Dims the highlights and badges of everyone but `speaker` (`Some(None)`:
    /// the unattributed quotes; `None`: nobody is dimmed).
    pub fn dim_all_but(&mut self, speaker: Option<&Option<String>>) {
        let keep = speaker.and_then(|speaker| {
            self.drawn
                .iter()
                .find(|d| d.badge.is_some() && &d.quote.speaker == speaker)
                .map(|d| d.slot)
        });
        // Each badge is touched only while a filter is, or was, on.
        if speaker.is_some() || self.dimmed {
            for d in &self.drawn {
                let dimmed = speaker.is_some_and(|s| &d.quote.speaker != s);
                if let Some(badge) = &d.badge {
                    let _ = badge.class_list().toggle_with_force("ql-dimmed", dimmed);
                }
            }
        }
        self.dimmed = speaker.is_some();
        self.painter.dim_all_but(keep);
    }

    /// Removes every tint and forgets every drawing.
    pub fn teardown(&mut self) {
        self.redraw = None;
        self.painter.remove();
        // Unwrapping in the fallback changed the page; those records are ours.
        self.drawn.clear();
    }
}

fn list(painter: &mut Painter, drawn: &[Drawn]) {
    for d in drawn {
        for range in &d.ranges {
            painter.list(d.slot, range);
        }
    }
}
