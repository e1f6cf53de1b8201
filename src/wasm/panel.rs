//! Reading with Quotelens: the *Who said what* panel, copy and export, and the
//! accessible names of the badges. A child of `overlay`, whose state it reads.
//!
//! The panel is ours, in the overlay's shadow root, in both browsers: it opens
//! from a click on a badge (which a Firefox sidebar cannot), needs no new
//! permission (Chrome's side panel would), and sits next to the quotes it
//! lists, so a jump can check that it does not cover the quote: it moves to
//! the other side, or to the bottom, when it would.
//!
//! - Groups come from [`crate::export::who_said_what`]: the most quoted
//!   speaker first, quotes in reading order, *Unattributed* last.
//! - Choosing a quote scrolls to it and flashes it ([`PageStyle::flash`]);
//!   choosing a speaker dims every other speaker's highlights and badges.
//! - Every pass ([`State::after_pass`]) redraws the panel if what it lists
//!   changed, renames the badges (`quote 4 of 8` moves when quotes arrive)
//!   and tells the content script (the toolbar count).
//! - Copy writes with the async Clipboard API from our own context, never
//!   through a document `copy` event, which the page's listeners see first
//!   and may rewrite (and read). The button says "Copied" only once the
//!   browser's promise says so; where there is no such API (a page that is
//!   not a secure context) or the browser refuses, it says "Copy failed".
//! - Export is a Blob URL behind an `<a download>` in our closed root, started
//!   by a click event that is not `composed`: it never leaves our root, so no
//!   page listener sees it or can cancel it. No `downloads` permission.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AnimationEvent, Blob, BlobPropertyBag, Document, DomRect, Element, Event, HtmlAnchorElement,
    HtmlElement, KeyboardEvent, MouseEvent, MouseEventInit, Range, ScrollBehavior,
    ScrollIntoViewOptions, ScrollLogicalPosition, ShadowRoot, Url,
};

use super::super::geometry::{overlaps, Rect};
use super::super::paint::{call, colour_class, Slot};
use super::super::ui::{make, short_name, Card, BLOCKED};
use super::State;
use crate::annotation;
use crate::export::{self, plural, PageRecord, Source};
use crate::record::QuoteRecord;
use crate::{Quote, Speaker};

/// Time a frame may spend naming badges.
const NAMING_MS: f64 = 4.0;

/// Words of a quote the panel lists.
const LISTED_WORDS: usize = 12;

/// Where the panel sits; it moves when it would cover the quote it jumps to.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Right,
    Left,
    Bottom,
}

impl Side {
    fn class(self) -> &'static str {
        match self {
            Side::Right => "ql-panel",
            Side::Left => "ql-panel ql-left",
            Side::Bottom => "ql-panel ql-bottom",
        }
    }
}

struct Panel {
    root: HtmlElement,
    title: HtmlElement,
    summary: HtmlElement,
    /// Said when the page stops our clicks.
    blocked: HtmlElement,
    groups: HtmlElement,
    side: Side,
    /// What the list shows (each quote's start and speaker), to redraw only on change.
    listed: Vec<(usize, Option<String>)>,
    /// Where focus was before the panel took it; it goes back there on close.
    return_focus: Option<HtmlElement>,
}

/// What the panel, copy and export keep between passes.
#[derive(Default)]
pub(super) struct Reading {
    panel: Option<Panel>,
    /// The speaker the reader chose (`Some(None)`: the unattributed quotes).
    filter: Option<Option<String>>,
    /// The text the last pass analysed, which the quotes' offsets count into.
    pub text: String,
    /// The speakers the analyses named, for their aliases in the export.
    pub speakers: Vec<Speaker>,
    /// Each badge as it was last named, in order.
    labelled: Vec<Labelled>,
    /// Badges still to name (index among the drawn quotes, place among the
    /// badges), the first last: named a few milliseconds a frame, since ten
    /// thousand names and DOM writes at once would stall the page. Every pass
    /// makes the list again, so the indices always refer to the current quotes.
    unnamed: Vec<(usize, usize)>,
    /// Whether any badge is dimmed now.
    dimmed: bool,
    /// `onChange` of the JS API: called after each pass.
    pub on_change: Option<Function>,
    /// When a pointer event last reached our root, a click, and a `pointerup`
    /// (with its button).
    ui_event_at: Option<f64>,
    clicked_at: Option<f64>,
    released_at: Option<f64>,
    released_button: i16,
    /// Hovers in a row that brought no pointer event.
    unseen_hovers: u8,
    /// The page's listeners stop pointer events before they reach our root.
    events_blocked: bool,
}

/// A pointer over our UI with no `pointerover` for this long: the page stopped it.
const UNSEEN_MS: f64 = 500.0;
/// How long before its `:active` style a press's events may come.
const PRESS_SLACK_MS: f64 = 100.0;

/// A badge and its quote's start and speaker, as named.
type Labelled = (HtmlElement, usize, Option<String>);

/// What a click or key in our root asks of the reading layer.
enum Action {
    Open(Option<String>),
    Close,
    Jump(usize),
    Filter(Option<String>),
    Export(&'static str),
    Copy,
}

fn action_of(target: &Element) -> Option<Action> {
    let button = target.closest("button, .ql-label").ok()??;
    let data = |name: &str| button.get_attribute(name);
    let speaker = || data("data-speaker").filter(|s| !s.is_empty());
    Some(match button.class_name().split(' ').next()? {
        "ql-label" => Action::Open(speaker()),
        "ql-close" => Action::Close,
        "ql-quote" => Action::Jump(data("data-quote")?.parse().ok()?),
        "ql-speaker" => Action::Filter(speaker()),
        "ql-export" => Action::Export(match data("data-format")?.as_str() {
            "json" => "json",
            "md" => "md",
            "jsonld" => "jsonld",
            _ => "csv",
        }),
        "ql-copy" => Action::Copy,
        _ => return None,
    })
}

impl State {
    fn source(&self) -> (String, String, String) {
        let location = self.window.location();
        let url = location.href().unwrap_or_default();
        let site = export::site_name(&location.hostname().unwrap_or_default());
        (url, self.doc.title(), site)
    }

    /// The quotes a reader sees, with their index among the drawn ones: those
    /// with a badge (a short quoted term nobody said has none).
    pub(super) fn listed(&self) -> Vec<(usize, &Quote)> {
        self.drawn
            .iter()
            .enumerate()
            .filter(|(_, d)| d.badge.is_some())
            .map(|(i, d)| (i, &d.quote))
            .collect()
    }

    fn quotes(&self) -> Vec<Quote> {
        self.listed().into_iter().map(|(_, q)| q.clone()).collect()
    }

    /// The page's quotes as `json`, `md`, `csv` or `jsonld` (W3C Web
    /// Annotations on the page's address), exactly the ones with a badge. The
    /// page is read again first: a live page's later blocks were read alone,
    /// and their offsets do not count into one text.
    pub(super) fn export(&mut self, format: &str) -> String {
        self.pass();
        let (url, title, site) = self.source();
        let source = Source {
            url: &url,
            title: &title,
            site: &site,
        };
        let quotes = self.quotes();
        match format {
            "md" => export::markdown(&source, &quotes),
            "csv" => export::csv(&source, &quotes),
            "jsonld" => {
                let out: Vec<QuoteRecord> = quotes.iter().map(QuoteRecord::from).collect();
                json(&annotation::annotation_page(&url, &self.reading.text, &out))
            }
            _ => json(&PageRecord::new(
                &source,
                &self.reading.text,
                &quotes,
                &self.reading.speakers,
            )),
        }
    }

    /// After every pass: badge names, the panel, the filter, the content script.
    pub(super) fn after_pass(&mut self) {
        let badges: Vec<_> = self
            .drawn
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((d.badge.as_ref()?, &d.quote, i)))
            .collect();
        // One attribute write a badge, and none when its quote, place and total
        // are what they were: a live page's update renames only when it must.
        let labelled: Vec<Labelled> = badges
            .iter()
            .map(|(b, q, _)| ((*b).clone(), q.start, q.speaker.clone()))
            .collect();
        let same_total = self.reading.labelled.len() == labelled.len();
        let mut unnamed = Vec::new();
        for (nth, (_, _, i)) in badges.iter().enumerate().rev() {
            if !(same_total && self.reading.labelled.get(nth) == labelled.get(nth)) {
                unnamed.push((*i, nth));
            }
        }
        self.reading.labelled = labelled;
        self.reading.unnamed = unnamed;
        self.name_some_badges();
        if self.panel_open() {
            self.fill_panel();
        }
        self.apply_filter();
        // Later, when the state is free again: the callback asks for counts.
        if let Some(f) = &self.reading.on_change {
            self.window.queue_microtask(f);
        }
    }

    /// Writes badge names for a few milliseconds, then leaves the rest to the
    /// next animation frame.
    pub(super) fn name_some_badges(&mut self) {
        // Not while a layout is under way: its reads would pay for restyling
        // every badge renamed since its last batch.
        if self.layout_next.is_some() || self.need_layout {
            if !self.reading.unnamed.is_empty() {
                self.schedule_frame();
            }
            return;
        }
        let started = self.now();
        let mut written = 0;
        let of = self.reading.labelled.len();
        while let Some((i, nth)) = self.reading.unnamed.pop() {
            let Some((badge, quote)) = self
                .drawn
                .get(i)
                .and_then(|d| Some((d.badge.as_ref()?, &d.quote)))
            else {
                continue;
            };
            let shown = quote.speaker.as_deref().map_or("?".to_string(), short_name);
            let label = export::badge_label(quote, &shown, nth + 1, of);
            let _ = badge.set_attribute("aria-label", &label);
            written += 1;
            if written % 64 == 0 && self.now() - started > NAMING_MS {
                break;
            }
        }
        if !self.reading.unnamed.is_empty() {
            self.schedule_frame();
        }
    }

    /// What stops a reader from using our UI (see `Overlay::blocked`).
    pub(super) fn blocked(&self) -> Option<&'static str> {
        if self.ui.host.closest("[inert]").ok().flatten().is_some() {
            Some("inert")
        } else if self.reading.events_blocked {
            Some("events")
        } else {
            None
        }
    }

    /// Our styles start an animation while the pointer is over our UI
    /// (`ql-hover`) and one while it presses it (`ql-press`, cancelled on
    /// release). Those come from CSS state, not from events, and are not
    /// composed, so no page listener sees or stops them. A hover that brought
    /// no `pointerover` still opens its badge's card. A primary press released
    /// on the element that brought no `click` (a `click` is dispatched before
    /// the style update that ends `:active`), or two hovers in a row that
    /// brought no pointer event, mean the page's capture listeners stop the
    /// events: the reader is told so on our card and panel, and in the popup,
    /// instead of buttons that silently do nothing.
    pub(super) fn on_ui_animation(&mut self, event: &Event) {
        let Some(name) = event
            .dyn_ref::<AnimationEvent>()
            .map(AnimationEvent::animation_name)
        else {
            return;
        };
        let target = event.composed_path().get(0).dyn_into::<Element>().ok();
        let now = self.now();
        let r = &mut self.reading;
        let blocked = match (event.type_().as_str(), name.as_str()) {
            ("animationstart", "ql-hover") => {
                if r.ui_event_at.is_some_and(|t| now - t <= UNSEEN_MS) {
                    return;
                }
                r.unseen_hovers += 1;
                r.unseen_hovers >= 2
            }
            ("animationcancel", "ql-press") => {
                // The press began when `:active` did: the animation's run
                // time ago, give or take a frame. Its start event may come
                // after a quick click, so it is not used.
                let elapsed = event
                    .dyn_ref::<AnimationEvent>()
                    .map_or(0.0, |a| f64::from(a.elapsed_time()) * 1000.0);
                let pressed_at = now - elapsed - PRESS_SLACK_MS;
                let still_over = target
                    .as_ref()
                    .is_some_and(|t| t.matches(":hover").unwrap_or(false));
                // A release of another button (a context menu) clicks nothing.
                let other_button =
                    r.released_at.is_some_and(|t| t >= pressed_at) && r.released_button != 0;
                let clicked = r.clicked_at.is_some_and(|t| t >= pressed_at);
                still_over && !other_button && !clicked
            }
            _ => return,
        };
        if blocked && !r.events_blocked {
            r.events_blocked = true;
            self.ui.card.say_blocked();
            if let Some(panel) = &self.reading.panel {
                panel.say_blocked();
            }
        }
        // The hover the page hid still opens the card (which says, once known,
        // why its buttons do nothing).
        if let Some(i) = target
            .and_then(|t| t.closest(".ql-label").ok().flatten())
            .and_then(|b| b.get_attribute("data-index"))
            .and_then(|i| i.parse::<usize>().ok())
        {
            if self.card_for != Some(i) {
                self.show_card(i);
            }
        }
    }

    /// A pointer event reached our root: the page lets them through.
    pub(super) fn ui_event_seen(&mut self, event: &Event) {
        let now = self.now();
        let r = &mut self.reading;
        r.ui_event_at = Some(now);
        r.unseen_hovers = 0;
        match event.type_().as_str() {
            "click" => r.clicked_at = Some(now),
            "pointerup" => {
                r.released_at = Some(now);
                r.released_button = event
                    .dyn_ref::<web_sys::MouseEvent>()
                    .map_or(0, web_sys::MouseEvent::button);
            }
            _ => {}
        }
    }

    /// Handles a click in our root that belongs to the reading layer.
    pub(super) fn reading_click(&mut self, target: &Element) -> bool {
        let Some(action) = action_of(target) else {
            return false;
        };
        match action {
            Action::Open(speaker) => self.open_panel(Some(speaker)),
            Action::Close => self.close_panel(),
            Action::Jump(i) => self.jump(i),
            Action::Filter(speaker) => {
                let chosen = Some(speaker);
                self.reading.filter = if self.reading.filter == chosen {
                    None
                } else {
                    chosen
                };
                self.fill_panel();
                self.apply_filter();
            }
            Action::Export(format) => {
                let body = self.export(format);
                let (_, _, site) = self.source();
                let mime = match format {
                    "json" => "application/json",
                    "md" => "text/markdown;charset=utf-8",
                    "jsonld" => "application/ld+json",
                    _ => "text/csv;charset=utf-8",
                };
                let name = format!(
                    "quotes-{}.{format}",
                    if site.is_empty() { "page" } else { &site }
                );
                let _ = self.download(&name, mime, &body);
            }
            Action::Copy => {
                if let Some(i) = self.card_for {
                    self.copy_quote(i);
                }
            }
        }
        true
    }

    /// Keys the reading layer takes: Escape in the panel closes it, arrows in
    /// its list move between quotes, arrows on a badge go to the next or
    /// previous quote on the page.
    pub(super) fn reading_key(&mut self, key: &KeyboardEvent) -> bool {
        let target = key.composed_path().get(0).dyn_into::<Element>().ok();
        let Some(target) = target else { return false };
        let in_panel = self
            .reading
            .panel
            .as_ref()
            .is_some_and(|p| p.root.contains(Some(&target)));
        let by = match key.key().as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            "Escape" if in_panel => {
                self.close_panel();
                return true;
            }
            _ => return false,
        };
        if in_panel {
            self.focus_listed(&target, by);
            key.prevent_default();
            return true;
        }
        let index = target
            .get_attribute("data-index")
            .and_then(|i| i.parse::<usize>().ok());
        match index {
            Some(i) => {
                key.prevent_default();
                let badged: Vec<usize> = self.listed().into_iter().map(|(j, _)| j).collect();
                self.step_in(&badged, i, by);
                true
            }
            None => false,
        }
    }

    fn focus_listed(&self, from: &Element, by: isize) {
        let Some(panel) = &self.reading.panel else {
            return;
        };
        let Ok(list) = panel.groups.query_selector_all(".ql-quote, .ql-speaker") else {
            return;
        };
        let items: Vec<HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect();
        let at = items.iter().position(|b| {
            let b: &Element = b;
            b == from
        });
        let next = match at {
            Some(at) => at.checked_add_signed(by).and_then(|k| items.get(k)),
            None => items.first(),
        };
        if let Some(next) = next {
            let _ = next.focus();
        }
    }

    /// Opens the panel (creating it the first time), on `speaker`'s group when
    /// given, and moves focus into it.
    pub(super) fn open_panel(&mut self, speaker: Option<Option<String>>) {
        if self.reading.panel.is_none() {
            self.reading.panel = Panel::new(&self.doc, &self.ui.shadow).ok();
            if let Some(panel) = self
                .reading
                .panel
                .as_ref()
                .filter(|_| self.reading.events_blocked)
            {
                panel.say_blocked();
            }
        }
        self.card_pinned = false;
        self.hide_card();
        let active = self
            .ui
            .shadow
            .active_element()
            .or_else(|| self.doc.active_element())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        let Some(panel) = &mut self.reading.panel else {
            return;
        };
        if panel.root.hidden() {
            panel.return_focus = active;
        }
        panel.show(true);
        // Drawn again when shown: it is not kept up to date while closed.
        panel.listed.clear();
        self.fill_panel();
        let Some(panel) = &self.reading.panel else {
            return;
        };
        let group = speaker.and_then(|s| {
            let selector = match &s {
                Some(name) => format!(".ql-speaker[data-speaker=\"{}\"]", css_escape(name)),
                None => ".ql-speaker[data-speaker=\"\"]".to_string(),
            };
            panel.groups.query_selector(&selector).ok().flatten()
        });
        match group.and_then(|g| g.dyn_into::<HtmlElement>().ok()) {
            Some(button) => {
                button.scroll_into_view_with_bool(true);
                let _ = button.focus();
            }
            None => {
                let _ = panel.title.focus();
            }
        }
    }

    pub(super) fn close_panel(&mut self) {
        let Some(panel) = &mut self.reading.panel else {
            return;
        };
        panel.show(false);
        if let Some(back) = panel.return_focus.take().filter(|e| e.is_connected()) {
            let _ = back.focus();
        }
    }

    pub(super) fn toggle_panel(&mut self) {
        if self.panel_open() {
            self.close_panel();
        } else {
            self.open_panel(None);
        }
    }

    pub(super) fn panel_open(&self) -> bool {
        self.reading
            .panel
            .as_ref()
            .is_some_and(|p| !p.root.hidden())
    }

    fn fill_panel(&mut self) {
        let shown = self.listed();
        let listed: Vec<(usize, Option<String>)> = shown
            .iter()
            .map(|(_, q)| (q.start, q.speaker.clone()))
            .collect();
        let indices: Vec<usize> = shown.iter().map(|(i, _)| *i).collect();
        let quotes = self.quotes();
        let slots: Vec<Slot> = indices.iter().map(|&i| self.drawn[i].slot).collect();
        let filter = self.reading.filter.clone();
        let focused = self.ui.shadow.active_element();
        let Some(panel) = &mut self.reading.panel else {
            return;
        };
        if panel.listed == listed {
            panel.mark_filter(filter.as_ref());
            return;
        }
        panel.listed = listed;
        let _ = panel.fill(&self.doc, &quotes, &indices, &slots);
        panel.mark_filter(filter.as_ref());
        // Keep the reader's place: the same control, drawn again.
        if let Some(focused) = focused.filter(|f| !f.is_connected()) {
            let selector = ["data-quote", "data-speaker"].iter().find_map(|attr| {
                let value = focused.get_attribute(attr)?;
                Some(format!("[{attr}=\"{}\"]", css_escape(&value)))
            });
            if let Some(el) = selector
                .and_then(|s| panel.groups.query_selector(&s).ok().flatten())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    }

    /// Dims the highlights and badges of everyone but the chosen speaker.
    fn apply_filter(&mut self) {
        let filter = self.reading.filter.clone();
        let keep = filter.as_ref().and_then(|speaker| {
            self.drawn
                .iter()
                .find(|d| d.badge.is_some() && &d.quote.speaker == speaker)
                .map(|d| d.slot)
        });
        // Each badge is touched only while a filter is, or was, on.
        if filter.is_some() || self.reading.dimmed {
            for d in &self.drawn {
                let dimmed = filter.as_ref().is_some_and(|s| &d.quote.speaker != s);
                if let Some(badge) = &d.badge {
                    let _ = badge.class_list().toggle_with_force("ql-dimmed", dimmed);
                }
            }
        }
        self.reading.dimmed = filter.is_some();
        self.painter.dim_all_but(keep);
    }

    /// Scrolls quote `i` into view where the panel does not cover it, and
    /// flashes it.
    fn jump(&mut self, i: usize) {
        let Some(d) = self.drawn.get(i) else { return };
        let ranges = d.ranges.clone();
        let Some(first) = ranges.first() else { return };
        if let Some(parent) = first
            .start_container()
            .ok()
            .and_then(|n| n.parent_element())
        {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Center);
            options.set_behavior(ScrollBehavior::Instant);
            parent.scroll_into_view_with_scroll_into_view_options(&options);
        }
        let height = self
            .window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(600.0);
        // A long paragraph centred may start above the top: bring the quote's
        // first line to a third of the way down.
        let top = first.get_bounding_client_rect().top();
        if !(0.0..height * 0.6).contains(&top) {
            self.window.scroll_by_with_x_and_y(0.0, top - height / 3.0);
        }
        self.place_panel_beside(&ranges, height);
        if let Some(panel) = &self.reading.panel {
            panel.mark_current(i);
        }
        self.need_layout = true;
        self.layout();
        if let Some(d) = self.drawn.get(i) {
            self.painter.flash(&self.window, &d.tints);
        }
    }

    /// Right, else left, else at the bottom with the quote scrolled above it.
    fn place_panel_beside(&mut self, ranges: &[Range], height: f64) {
        let Some(panel) = &mut self.reading.panel else {
            return;
        };
        let rects = || -> Vec<DomRect> {
            ranges
                .iter()
                .filter_map(|r| r.get_client_rects())
                .flat_map(|list| (0..list.length()).filter_map(move |k| list.item(k)))
                .filter(|r| r.width() > 0.0 && r.bottom() > 0.0 && r.top() < height)
                .collect()
        };
        let covers = |panel: &Panel, rects: &[DomRect]| {
            let p = edges(&panel.root.get_bounding_client_rect());
            rects.iter().any(|r| overlaps(&edges(r), &p))
        };
        let sides = [panel.side, Side::Right, Side::Left];
        for side in sides {
            panel.set_side(side);
            if !covers(panel, &rects()) {
                return;
            }
        }
        panel.set_side(Side::Bottom);
        if let Some(first) = rects().first() {
            self.window.scroll_by_with_x_and_y(0.0, first.top() - 12.0);
        }
    }

    /// Puts quote `i` on the clipboard as a citation (see the module docs).
    fn copy_quote(&mut self, i: usize) {
        let Some(d) = self.drawn.get(i) else { return };
        let (url, title, site) = self.source();
        let source = Source {
            url: &url,
            title: &title,
            site: &site,
        };
        let text = export::citation(&d.quote, &source);
        let button = self.ui.card.copy_button();
        match clipboard_write(&self.window, &text) {
            Some(promise) => {
                Card::say_copied(&button, None);
                let ok = button.clone();
                let done = Closure::once_into_js(move || Card::say_copied(&ok, Some(true)));
                let failed = Closure::once_into_js(move || Card::say_copied(&button, Some(false)));
                call(&promise, "then", &[done, failed]);
            }
            None => {
                // No clipboard here: the answer is known at once.
                Card::say_copied(&button, None);
                Card::say_copied(&button, Some(false));
            }
        }
    }

    fn download(&self, name: &str, mime: &str, body: &str) -> Result<(), JsValue> {
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&body.into()), &options)?;
        let url = Url::create_object_url_with_blob(&blob)?;
        let link: HtmlAnchorElement = self.doc.create_element("a")?.dyn_into()?;
        link.set_href(&url);
        link.set_download(name);
        link.set_hidden(true);
        self.ui.shadow.append_child(&link)?;
        // Clicked after this handler returns: a click now would reach our own
        // click listener while it runs. Not `link.click()`: that click is
        // composed, so it would cross into the page, whose capture listeners
        // could cancel it. Revoked once the browser has read it.
        let window = self.window.clone();
        let init = MouseEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_composed(false);
        let event = MouseEvent::new_with_mouse_event_init_dict("click", &init)?;
        let click = Closure::once_into_js(move || {
            let _ = link.dispatch_event(&event);
            link.remove();
            let revoke = Closure::once_into_js(move || {
                let _ = Url::revoke_object_url(&url);
            });
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                60_000,
            );
        });
        self.window
            .set_timeout_with_callback_and_timeout_and_arguments_0(click.unchecked_ref(), 0)?;
        Ok(())
    }

    pub(super) fn reading_teardown(&mut self) {
        self.reading.panel = None;
        self.reading.on_change = None;
        self.reading.unnamed.clear();
        self.reading.labelled.clear();
    }
}

/// `navigator.clipboard.writeText(text)` from our own context (a page's
/// changes to `Navigator` or `Clipboard` do not reach it): its promise, or
/// `None` where the page is not a secure context and there is no clipboard.
fn clipboard_write(window: &web_sys::Window, text: &str) -> Option<JsValue> {
    let clipboard = Reflect::get(&window.navigator(), &"clipboard".into())
        .ok()
        .filter(|c| c.is_object())?;
    let write = Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    write
        .call1(&clipboard, &text.into())
        .ok()
        .filter(|p| p.is_object())
}

/// A serde value as indented JSON, through the browser's own `JSON.stringify`
/// (serde_json is no dependency of the WebAssembly: it would add to its size).
fn json(value: &impl serde::Serialize) -> String {
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL);
    js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A client rectangle's edges.
fn edges(r: &DomRect) -> Rect {
    [r.left(), r.top(), r.right(), r.bottom()]
}

/// A string inside a CSS attribute selector's double quotes.
fn css_escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

impl Panel {
    fn new(doc: &Document, shadow: &ShadowRoot) -> Result<Panel, JsValue> {
        let root = make(doc, "section", "ql-panel", shadow)?;
        root.set_attribute("role", "dialog")?;
        root.set_attribute("aria-modal", "false")?;
        root.set_attribute("popover", "manual")?;
        root.set_attribute("aria-labelledby", "ql-panel-title")?;
        let header = make(doc, "header", "", &root)?;
        let title = make(doc, "h2", "", &header)?;
        title.set_id("ql-panel-title");
        title.set_attribute("tabindex", "-1")?;
        title.set_text_content(Some("Who said what"));
        let close = make(doc, "button", "ql-close", &header)?;
        close.set_attribute("type", "button")?;
        close.set_attribute("aria-label", "Close Who said what")?;
        close.set_text_content(Some("×"));
        let summary = make(doc, "p", "ql-summary", &root)?;
        summary.set_attribute("aria-live", "polite")?;
        let blocked = make(doc, "p", "ql-blocked", &root)?;
        blocked.set_hidden(true);
        blocked.set_attribute("role", "alert")?;
        let groups = make(doc, "div", "ql-groups", &root)?;
        let footer = make(doc, "footer", "", &root)?;
        make(doc, "span", "", &footer)?.set_text_content(Some("Download"));
        for (format, label, name) in [
            ("json", "JSON", "Download the quotes as JSON"),
            ("md", "Markdown", "Download the quotes as Markdown"),
            ("csv", "CSV", "Download the quotes as CSV"),
            (
                "jsonld",
                "Web Annotation",
                "Download the quotes as Web Annotation (W3C JSON-LD)",
            ),
        ] {
            let button = make(doc, "button", "ql-export", &footer)?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-format", format)?;
            button.set_attribute("aria-label", name)?;
            button.set_text_content(Some(label));
        }
        Ok(Panel {
            root,
            title,
            summary,
            blocked,
            groups,
            side: Side::Right,
            listed: Vec::new(),
            return_focus: None,
        })
    }

    /// Shows or hides the panel. Shown, it is a popover in the top layer: our
    /// host has layout containment, which would make `position: fixed` follow
    /// the host instead of the viewport; the top layer is above the page too.
    fn show(&self, shown: bool) {
        self.root.set_hidden(!shown);
        call(
            &self.root,
            if shown { "showPopover" } else { "hidePopover" },
            &[],
        );
    }

    fn say_blocked(&self) {
        self.blocked.set_text_content(Some(BLOCKED));
        self.blocked.set_hidden(false);
    }

    fn set_side(&mut self, side: Side) {
        self.side = side;
        self.root.set_class_name(side.class());
    }

    /// Lists the groups of *Who said what*, page text only as `textContent`.
    /// `indices[k]` is the drawn index of `quotes[k]`, `slots[k]` its colour.
    fn fill(
        &self,
        doc: &Document,
        quotes: &[Quote],
        indices: &[usize],
        slots: &[Slot],
    ) -> Result<(), JsValue> {
        let groups = export::who_said_what(quotes);
        let speakers = groups.iter().filter(|g| g.speaker.is_some()).count();
        self.summary.set_text_content(Some(&format!(
            "{} by {}",
            plural(quotes.len(), "quote"),
            plural(speakers, "speaker")
        )));
        self.groups.set_text_content(None);
        for group in &groups {
            let section = make(doc, "section", "ql-group", &self.groups)?;
            let heading = make(doc, "h3", "", &section)?;
            let button = make(doc, "button", "ql-speaker", &heading)?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-speaker", group.speaker.unwrap_or(""))?;
            let dot = format!("ql-dot {}", colour_class(slots[group.quotes[0]]));
            make(doc, "span", &dot, &button)?;
            make(doc, "span", "ql-who", &button)?
                .set_text_content(Some(group.speaker.unwrap_or("Unattributed")));
            let role = make(doc, "span", "ql-role", &button)?;
            role.set_text_content(group.role);
            make(doc, "span", "ql-n", &button)?
                .set_text_content(Some(&plural(group.quotes.len(), "quote")));
            let list = make(doc, "ol", "", &section)?;
            for &i in &group.quotes {
                let item = make(doc, "li", "", &list)?;
                let quote = make(doc, "button", "ql-quote", &item)?;
                quote.set_attribute("type", "button")?;
                quote.set_attribute("data-quote", &indices[i].to_string())?;
                let words = export::opening_words(&quotes[i].text, LISTED_WORDS);
                quote.set_text_content(Some(&format!("“{words}”")));
            }
        }
        Ok(())
    }

    fn mark_filter(&self, filter: Option<&Option<String>>) {
        let Ok(list) = self.groups.query_selector_all(".ql-speaker") else {
            return;
        };
        for k in 0..list.length() {
            let Some(button) = list.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let speaker = button
                .get_attribute("data-speaker")
                .filter(|s| !s.is_empty());
            let chosen = filter.is_some_and(|f| *f == speaker);
            let _ = button.set_attribute("aria-pressed", if chosen { "true" } else { "false" });
            if let Some(section) = button.closest(".ql-group").ok().flatten() {
                let dimmed = filter.is_some() && !chosen;
                let _ = section.class_list().toggle_with_force("ql-dimmed", dimmed);
            }
        }
        let summary = self.summary.text_content().unwrap_or_default();
        let base = summary.split(" · ").next().unwrap_or_default().to_string();
        let text = match filter {
            Some(f) => format!(
                "{base} · showing {}",
                f.as_deref().unwrap_or("Unattributed")
            ),
            None => base,
        };
        self.summary.set_text_content(Some(&text));
    }

    fn mark_current(&self, i: usize) {
        if let Ok(list) = self.groups.query_selector_all(".ql-quote") {
            for k in 0..list.length() {
                if let Some(button) = list.item(k).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let current = button.get_attribute("data-quote") == Some(i.to_string());
                    let _ = if current {
                        button.set_attribute("aria-current", "true")
                    } else {
                        button.remove_attribute("aria-current")
                    };
                }
            }
        }
    }
}

impl Drop for Panel {
    fn drop(&mut self) {
        self.root.remove();
    }
}
