//! *Who said what*: the page's speakers, the most quoted first, each with
//! their quotes in reading order, and *Unattributed* last.
//!
//! The panel is ours, in the overlay's shadow root, in both browsers: it opens
//! from a click on a badge (which a Firefox sidebar cannot), needs no new
//! permission (Chrome's side panel would), and sits next to the quotes it
//! lists, so a jump can check that it does not cover the quote: it moves to
//! the other side, or to the bottom, when it would.
//!
//! - Groups come from [`crate::export::who_said_what`]; the list is drawn only
//!   while the panel is open, and again only when what it lists changed.
//! - Choosing a quote scrolls to it and flashes it; choosing a speaker dims
//!   every other speaker's highlights and badges.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, DomRect, Element, HtmlElement, KeyboardEvent, Range, ScrollBehavior,
    ScrollIntoViewOptions, ScrollLogicalPosition, ShadowRoot,
};

use super::super::geometry::{overlaps, Rect};
use super::super::paint::{call, colour_class, Slot};
use super::super::ui::{make, BLOCKED};
use super::page::Page;
use super::painting::Painting;
use crate::export::{self, plural};
use crate::Quote;

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

/// The panel's elements.
struct PanelView {
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

/// What a click in our root asks of the panel, copy or export: a badge
/// opens the panel on its speaker.
pub(super) enum Action {
    Open(Option<String>),
    Close,
    Jump(usize),
    Filter(Option<String>),
    Export(&'static str),
    Copy,
}

pub(super) fn action_of(target: &Element) -> Option<Action> {
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

/// The panel (made the first time it opens) and the speaker the reader chose.
#[derive(Default)]
pub(super) struct Panel {
    view: Option<PanelView>,
    /// The speaker the reader chose (`Some(None)`: the unattributed quotes).
    pub filter: Option<Option<String>>,
}

/// What a key in our root asked of the panel.
pub(super) enum Key {
    /// Nothing: another room's key.
    NotMine,
    /// Done here.
    Taken,
    /// An arrow on a badge: to the quote `by` places from quote `i` among
    /// those with a badge.
    Step { from: usize, by: isize },
}

impl Panel {
    /// Makes the panel the first time it opens, saying at once when the page
    /// is known to stop our clicks.
    pub fn create(&mut self, page: &Page, events_blocked: bool) {
        if self.view.is_none() {
            self.view = PanelView::new(&page.doc, &page.ui.shadow).ok();
            if let Some(view) = self.view.as_ref().filter(|_| events_blocked) {
                view.say_blocked();
            }
        }
    }

    /// Shows the panel, on `speaker`'s group when given, and moves focus into
    /// it; focus goes back where it was on close.
    pub fn open(&mut self, page: &Page, painting: &Painting, speaker: Option<Option<String>>) {
        let active = page
            .ui
            .shadow
            .active_element()
            .or_else(|| page.doc.active_element())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        let Some(view) = &mut self.view else {
            return;
        };
        if view.root.hidden() {
            view.return_focus = active;
        }
        view.show(true);
        // Drawn again when shown: it is not kept up to date while closed.
        view.listed.clear();
        self.fill(page, painting);
        let Some(view) = &self.view else {
            return;
        };
        let group = speaker.and_then(|s| {
            let selector = match &s {
                Some(name) => format!(".ql-speaker[data-speaker=\"{}\"]", css_escape(name)),
                None => ".ql-speaker[data-speaker=\"\"]".to_string(),
            };
            view.groups.query_selector(&selector).ok().flatten()
        });
        match group.and_then(|g| g.dyn_into::<HtmlElement>().ok()) {
            Some(button) => {
                button.scroll_into_view_with_bool(true);
                let _ = button.focus();
            }
            None => {
                let _ = view.title.focus();
            }
        }
    }

    pub fn close(&mut self) {
        let Some(view) = &mut self.view else {
            return;
        };
        view.show(false);
        if let Some(back) = view.return_focus.take().filter(|e| e.is_connected()) {
            let _ = back.focus();
        }
    }

    pub fn is_open(&self) -> bool {
        self.view.as_ref().is_some_and(|v| !v.root.hidden())
    }

    pub fn say_blocked(&self) {
        if let Some(view) = &self.view {
            view.say_blocked();
        }
    }

    /// The reader chose a speaker's group: show only theirs, or, chosen
    /// again, everyone.
    pub fn choose(&mut self, speaker: Option<String>) {
        let chosen = Some(speaker);
        self.filter = if self.filter == chosen { None } else { chosen };
    }

    /// Lists the page's quotes when they changed, and marks the chosen speaker.
    pub fn fill(&mut self, page: &Page, painting: &Painting) {
        let shown = painting.listed();
        let listed: Vec<(usize, Option<String>)> = shown
            .iter()
            .map(|(_, q)| (q.start, q.speaker.clone()))
            .collect();
        let indices: Vec<usize> = shown.iter().map(|(i, _)| *i).collect();
        let quotes = painting.quotes();
        let slots: Vec<Slot> = indices
            .iter()
            .map(|&i| painting.drawn.get(i).map_or(Slot::Unattributed, |d| d.slot))
            .collect();
        let focused = page.ui.shadow.active_element();
        let Some(view) = &mut self.view else {
            return;
        };
        if view.listed == listed {
            view.mark_filter(self.filter.as_ref());
            return;
        }
        view.listed = listed;
        let _ = view.fill(&page.doc, &quotes, &indices, &slots);
        view.mark_filter(self.filter.as_ref());
        // Keep the reader's place: the same control, drawn again.
        if let Some(focused) = focused.filter(|f| !f.is_connected()) {
            let selector = ["data-quote", "data-speaker"].iter().find_map(|attr| {
                let value = focused.get_attribute(attr)?;
                Some(format!("[{attr}=\"{}\"]", css_escape(&value)))
            });
            if let Some(el) = selector
                .and_then(|s| view.groups.query_selector(&s).ok().flatten())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    }

    /// Keys the panel takes: Escape in the panel closes it, arrows in its
    /// list move between quotes, arrows on a badge go to the next or
    /// previous quote on the page.
    pub fn on_key(&mut self, key: &KeyboardEvent) -> Key {
        let target = key.composed_path().get(0).dyn_into::<Element>().ok();
        let Some(target) = target else {
            return Key::NotMine;
        };
        let in_panel = self
            .view
            .as_ref()
            .is_some_and(|v| v.root.contains(Some(&target)));
        let by = match key.key().as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            "Escape" if in_panel => {
                self.close();
                return Key::Taken;
            }
            _ => return Key::NotMine,
        };
        if in_panel {
            self.focus_listed(&target, by);
            key.prevent_default();
            return Key::Taken;
        }
        let index = target
            .get_attribute("data-index")
            .and_then(|i| i.parse::<usize>().ok());
        match index {
            Some(from) => {
                key.prevent_default();
                Key::Step { from, by }
            }
            None => Key::NotMine,
        }
    }

    fn focus_listed(&self, from: &Element, by: isize) {
        let Some(view) = &self.view else {
            return;
        };
        let Ok(list) = view.groups.query_selector_all(".ql-quote, .ql-speaker") else {
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

    /// Scrolls quote `i` into view where the panel does not cover it, and
    /// marks it in the list; the caller lays out and flashes it.
    pub fn jump(&mut self, page: &Page, painting: &Painting, i: usize) -> bool {
        let Some(d) = painting.drawn.get(i) else {
            return false;
        };
        let ranges = d.ranges.clone();
        let Some(first) = ranges.first() else {
            return false;
        };
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
        let height = page
            .window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(600.0);
        // A long paragraph centred may start above the top: bring the quote's
        // first line to a third of the way down.
        let top = first.get_bounding_client_rect().top();
        if !(0.0..height * 0.6).contains(&top) {
            page.window.scroll_by_with_x_and_y(0.0, top - height / 3.0);
        }
        self.place_beside(page, &ranges, height);
        if let Some(view) = &self.view {
            view.mark_current(i);
        }
        true
    }

    /// Right, else left, else at the bottom with the quote scrolled above it.
    fn place_beside(&mut self, page: &Page, ranges: &[Range], height: f64) {
        let Some(view) = &mut self.view else {
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
        let covers = |view: &PanelView, rects: &[DomRect]| {
            let p = edges(&view.root.get_bounding_client_rect());
            rects.iter().any(|r| overlaps(&edges(r), &p))
        };
        let sides = [view.side, Side::Right, Side::Left];
        for side in sides {
            view.set_side(side);
            if !covers(view, &rects()) {
                return;
            }
        }
        view.set_side(Side::Bottom);
        if let Some(first) = rects().first() {
            page.window.scroll_by_with_x_and_y(0.0, first.top() - 12.0);
        }
    }

    pub fn teardown(&mut self) {
        self.view = None;
    }
}

/// A client rectangle's edges.
fn edges(r: &DomRect) -> Rect {
    [r.left(), r.top(), r.right(), r.bottom()]
}

/// A string inside a CSS attribute selector's double quotes.
fn css_escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

impl PanelView {
    fn new(doc: &Document, shadow: &ShadowRoot) -> Result<PanelView, JsValue> {
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
        Ok(PanelView {
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
        let base = crate::part::part(
            &summary,
            ..crate::find::find(&summary, " · ").unwrap_or(summary.len()),
        )
        .to_string();
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

impl Drop for PanelView {
    fn drop(&mut self) {
        self.root.remove();
    }
}
