//! Keeps one region of a page annotated: runs a pass and re-runs only what
//! events require. The work is done by rooms, each owning its state; this
//! module composes them, turns the page's events into their calls, and runs
//! a pass in slices.
//!
//! - [`pass`]: finds the article, reads and analyses its text, maps each quote
//!   back to the page and hands it to the painting.
//! - [`painting`]: the quotes as drawn (ranges, tints, badges) and their
//!   layout, by [`placement`](super::placement).
//! - [`interaction`]: hover, tap and keys; the card.
//! - [`panel`]: *Who said what*; [`copy`]: copy and export; [`names`]: the
//!   badges' accessible names; [`blocked`]: noticing a page that stops our
//!   events.
//! - [`host`]: keeps our host on the page, or steps aside; [`wiring`]: the
//!   listeners and observers; [`page`]: what every room shares; [`api`]: the
//!   JavaScript API.
//!
//! How events become work:
//!
//! - Scroll, resize, reflow: badges are positioned in document coordinates, so
//!   page scrolling moves them for free; anything else re-measures the quote
//!   rectangles once per animation frame.
//! - Changes: a `MutationObserver` schedules an update at most every
//!   [`REFRESH_DELAY_MS`](pass::REFRESH_DELAY_MS). When the page only added
//!   blocks (a live blog's new entry), the update reads those blocks with a
//!   few paragraphs before them for their speakers, and draws and lays out
//!   only their quotes, so an update costs what changed. Anything else (text
//!   edited in a paragraph, nodes removed) runs a pass: it re-reads the text
//!   and keeps every quote whose text and nodes are unchanged, so only new
//!   quotes get new badges.
//! - Slices: a pass runs for at most [`SLICE_MS`] before the event loop gets
//!   a turn, then goes on after a zero timeout; a long step (analysing a
//!   chunk) starts a slice of its own.
//! - The host: if the page removes it, it is put back after a wait that grows
//!   each time (100, 400, 1,600 ms); a page that removes it again gets its
//!   way: the overlay steps aside (removes all it added, stops observing) and
//!   `steppedAside()` says so.

mod api;
mod blocked;
mod copy;
mod drawn;
mod host;
mod interaction;
mod names;
mod page;
mod painting;
mod panel;
mod pass;
mod wiring;

use js_sys::{Array, Function};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, MutationObserver};

use blocked::Blocking;
use host::{Host, Keep};
use interaction::Interaction;
use names::BadgeNames;
use page::Page;
use painting::Painting;
use panel::{action_of, Action, Key, Panel};
use pass::{Job, Pass, HIGHLIGHTS, LAYOUT};
use wiring::{live, OBSERVERS};

pub use api::{attach_to_page, Overlay};
pub use copy::copy_through;
pub use wiring::live_counts;

/// Work per slice of a pass before the event loop gets a turn: well under the
/// 50 ms that counts as a long task, with room for one batch overrunning it.
const SLICE_MS: f64 = 25.0;

/// The overlay's rooms, composed.
struct State {
    page: Page,
    pass: Pass,
    painting: Painting,
    interaction: Interaction,
    panel: Panel,
    names: BadgeNames,
    blocking: Blocking,
    host: Host,
    /// The page changed attributes: see whether quotes moved, at the next frame.
    need_check: bool,
    observer: Option<MutationObserver>,
    /// `onChange` of the JS API: called after each pass.
    on_change: Option<Function>,
}

/// The pass, run in slices.
impl State {
    /// One full pass now, to the end: extract, analyse, reconcile with what is
    /// drawn, paint, lay out (finishing a sliced pass already under way).
    fn pass(&mut self) {
        self.work(f64::INFINITY);
    }

    /// Runs the current pass (starting one if none) until it is done or
    /// `budget_ms` is spent, then leaves the rest to a zero timeout, so a huge
    /// page is read in slices with the event loop free between them.
    fn work(&mut self, budget_ms: f64) {
        let slice_start = self.page.now();
        let deadline = slice_start + budget_ms;
        if self.pass.job.is_none() {
            self.pass.begin_job(&self.page, slice_start);
        }
        while let Some(mut job) = self.pass.job.take() {
            let (stage, started) = (job.stage(), self.page.now());
            if job.heavy_next() && budget_ms.is_finite() && started - slice_start > 1.0 {
                self.pass.job = Some(job);
                break;
            }
            let done = self
                .pass
                .advance(&mut job, &self.page, &mut self.painting, deadline);
            job.stages[stage] += self.page.now() - started;
            if done {
                self.finish(job, deadline);
                break;
            }
            self.pass.job = Some(job);
            if self.page.now() >= deadline {
                break;
            }
        }
        self.page.note_slice(slice_start);
        if self.pass.job.is_some() {
            self.page.schedule_refresh(0);
        } else if std::mem::take(&mut self.pass.rerun) {
            self.page.schedule_refresh(self.pass.refresh_delay());
        }
    }

    /// Swaps in what the job drew and painted, removes what is gone, and lays
    /// out for what is left of the slice.
    fn finish(&mut self, mut job: Job, deadline: f64) {
        self.painting.finish_redraw();
        self.page.ui.raise_card();
        let drawn = self.painting.drawn.len();
        if self.interaction.card_for.is_some_and(|i| i >= drawn) {
            self.interaction.hide_card(&self.page);
        }
        let painting = self.page.now();
        // The tints are drawn by the layout; the test build lists the ranges.
        self.painting.list_all();
        let laying_out = self.page.now();
        job.stages[HIGHLIGHTS] += laying_out - painting;
        self.painting.restart_layout();
        self.layout_some(deadline);
        let end = self.page.now();
        job.stages[LAYOUT] = end - laying_out;
        self.pass.record(job.stages, end - job.started);
        self.pass.keep_read(job);
        self.after_pass();
    }

    /// Runs what a page change asked for: the pass under way, or, when the page
    /// only added blocks (a live blog's new entry), just those blocks.
    fn on_refresh_timer(&mut self) {
        self.page.refresh_came();
        if self.pass.only_added() && self.update_blocks() {
            return;
        }
        self.work(SLICE_MS);
    }

    /// Reads, draws and lays out only the blocks the page added. False when
    /// the change was not only new blocks, or too big for one slice: then
    /// the whole region is read again.
    fn update_blocks(&mut self) -> bool {
        let started = self.page.now();
        let Some(read) = self
            .pass
            .read_added(&self.page, &mut self.painting, started)
        else {
            return false;
        };
        let ranged = self.page.now();
        self.painting.list(&read.fresh);
        let painted = self.page.now();
        if self.painting.insert(&self.page, read.fresh) {
            self.interaction.hide_card(&self.page);
            self.layout();
        }
        self.page.ui.raise_card();
        let end = self.page.now();
        let stages = [
            read.walked - started,
            read.analysed - read.walked,
            ranged - read.analysed,
            painted - ranged,
            end - painted,
        ];
        self.pass.record(stages, end - started);
        self.page.note_slice(started);
        self.after_pass();
        true
    }

    /// After every pass: badge names, the panel, the filter, the content script.
    fn after_pass(&mut self) {
        self.names.renew(&self.painting);
        self.names.name_some(&self.page, &self.painting);
        if self.panel.is_open() {
            self.panel.fill(&self.page, &self.painting);
        }
        self.painting.dim_all_but(self.panel.filter.as_ref());
        // Later, when the state is free again: the callback asks for counts.
        if let Some(f) = &self.on_change {
            self.page.window.queue_microtask(f);
        }
    }

    /// The page's quotes as `json`, `md`, `csv` or `jsonld`, exactly the ones
    /// with a badge. The page is read again first: a live page's later blocks
    /// were read alone, and their offsets do not count into one text.
    fn export(&mut self, format: &str) -> String {
        self.pass();
        copy::export(&self.page, &self.painting, &self.pass, format)
    }
}

/// Layout, following the page.
impl State {
    /// Lays everything out from the first quote, in slices.
    fn layout(&mut self) {
        self.interaction.relayout(&self.page, &mut self.painting);
    }

    /// Continues the layout under way until `deadline`.
    fn layout_some(&mut self, deadline: f64) {
        let laid = self.painting.layout_some(&self.page, deadline);
        self.interaction
            .after_layout(&self.page, &self.painting, laid);
    }

    fn on_frame(&mut self) {
        self.page.frame_came();
        if self.painting.take_layout_due() {
            self.layout();
        } else {
            self.layout_some(self.page.now() + SLICE_MS);
        }
        if std::mem::take(&mut self.need_check) {
            self.painting.check_moved(&self.page);
        }
        self.interaction.hover(&self.page, &self.painting);
        self.names.name_some(&self.page, &self.painting);
    }

    /// Text changes in a root schedule a pass; attribute changes (a class or
    /// style that may move or reveal text) only a re-layout, which is cheaper.
    /// On a whole page, an article added elsewhere or a root taken out counts too.
    fn on_mutations(&mut self, records: &Array) {
        if self.host.keep(&self.page) == Keep::StepAside {
            self.step_aside();
        }
        if self.host.stepped_aside {
            return;
        }
        let (text_changed, moved) = self.pass.note_mutations(records);
        // A page that restyles every millisecond gets one look per frame.
        if moved {
            self.need_check = true;
            self.page.schedule_frame();
        }
        if text_changed && self.pass.job.is_some() {
            self.pass.rerun_all();
        } else if text_changed {
            self.page.schedule_refresh(self.pass.refresh_delay());
        }
    }

    /// A root changed size: a new width reflows its text, so everything is
    /// laid out again; a new height alone only matters if quotes moved.
    fn on_resized(&mut self, entries: &Array) {
        if self.pass.note_resized(entries) {
            self.painting.schedule_layout(&self.page);
        } else {
            self.painting.check_moved(&self.page);
        }
    }
}

/// The reader's events, handed to the rooms.
impl State {
    fn on_scroll(&mut self, event: &Event) {
        Interaction::on_scroll(&self.page, &mut self.painting, event);
    }

    fn on_pointer(&mut self, event: &Event) {
        self.interaction.on_pointer(&self.page, event);
    }

    fn on_tap(&mut self, event: &Event) {
        self.interaction.on_tap(&self.page, &self.painting, event);
    }

    fn on_pointer_over(&mut self, event: &Event) {
        self.blocking.seen(&self.page, event);
        self.interaction
            .on_pointer_over(&self.page, &self.painting, event);
    }

    fn on_focus_in(&mut self, event: &Event) {
        self.interaction
            .on_focus_in(&self.page, &self.painting, event);
    }

    fn on_focus_out(&mut self, event: &Event) {
        self.interaction.on_focus_out(&self.page, event);
    }

    fn on_click(&mut self, event: &Event) {
        self.blocking.seen(&self.page, event);
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        match action_of(&target) {
            Some(action) => self.act(action),
            None => self
                .interaction
                .on_click(&self.page, &mut self.painting, &target),
        }
    }

    /// Does what a click on a badge, in the panel or on the card's copy asked.
    fn act(&mut self, action: Action) {
        match action {
            Action::Open(speaker) => self.open_panel(Some(speaker)),
            Action::Close => self.panel.close(),
            Action::Jump(i) => self.jump(i),
            Action::Filter(speaker) => {
                self.panel.choose(speaker);
                self.panel.fill(&self.page, &self.painting);
                self.painting.dim_all_but(self.panel.filter.as_ref());
            }
            Action::Export(format) => {
                let body = self.export(format);
                copy::save(&self.page, format, &body);
            }
            Action::Copy => {
                if let Some(i) = self.interaction.card_for {
                    copy::copy_quote(&self.page, &self.painting, i);
                }
            }
        }
    }

    fn on_key(&mut self, event: &Event) {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        match self.panel.on_key(key) {
            Key::Taken => {}
            Key::Step { from, by } => {
                let badged: Vec<usize> =
                    self.painting.listed().into_iter().map(|(j, _)| j).collect();
                self.interaction
                    .step_in(&self.page, &mut self.painting, &badged, from, by);
            }
            Key::NotMine => self.interaction.on_key(&self.page, &mut self.painting, key),
        }
    }

    /// Our hover and press animations: a page that stops our events is told
    /// to the reader on the card and panel, and a hover it hid still opens
    /// its badge's card.
    fn on_ui_animation(&mut self, event: &Event) {
        let Some(seen) = self.blocking.on_animation(&self.page, event) else {
            return;
        };
        if seen.newly_blocked {
            self.page.ui.card.say_blocked();
            self.panel.say_blocked();
        }
        if let Some(i) = seen.badge {
            if self.interaction.card_for != Some(i) {
                self.interaction.show_card(&self.page, &self.painting, i);
            }
        }
    }

    /// Opens the panel (creating it the first time), on `speaker`'s group when
    /// given, and moves focus into it.
    fn open_panel(&mut self, speaker: Option<Option<String>>) {
        self.panel.create(&self.page, self.blocking.events_blocked);
        self.interaction.close_card(&self.page);
        self.panel.open(&self.page, &self.painting, speaker);
    }

    /// Scrolls quote `i` into view where the panel does not cover it, and
    /// flashes it.
    fn jump(&mut self, i: usize) {
        if !self.panel.jump(&self.page, &self.painting, i) {
            return;
        }
        self.painting.mark_layout_due();
        self.layout();
        self.painting.flash(&self.page.window, i);
    }
}

/// Leaving the page.
impl State {
    /// Removes everything the overlay added and stops watching the page, for
    /// good: the page does not want us. `onChange` is told, so the content
    /// script can detach the listeners and say so in the popup.
    fn step_aside(&mut self) {
        let told = self.on_change.take();
        self.teardown();
        self.host.stepped_aside = true;
        if let Some(f) = told {
            self.page.window.queue_microtask(&f);
        }
    }

    fn teardown(&mut self) {
        self.page.stop();
        self.host.stop(&self.page);
        if let Some(observer) = self.observer.take() {
            observer.disconnect();
            live(OBSERVERS, -1);
        }
        self.pass.stop();
        self.painting.teardown();
        self.panel.teardown();
        self.on_change = None;
        self.names.clear();
        self.page.ui.host.remove();
    }
}
