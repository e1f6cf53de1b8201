//! Keeps one region of a page annotated: runs a pass (extract, analyse, paint,
//! draw) and re-runs only what events require.
//!
//! - Scroll, resize, reflow: badges are positioned in document coordinates, so
//!   page scrolling moves them for free; anything else re-measures the quote
//!   rectangles once per animation frame.
//! - Hover: highlights get no events, so a `pointermove` (one per frame) is
//!   hit-tested against the cached rectangles; badges take focus for keyboard use.
//! - Changes: a `MutationObserver` schedules a pass at most every
//!   [`REFRESH_DELAY_MS`]. The pass re-reads the text and keeps every quote whose
//!   text and nodes are unchanged, so only new quotes get new badges.
//!
//! Every callback borrows the state with `try_borrow_mut` and gives up when it is
//! busy: a re-entrant event (a `focus()` we caused) is dropped, never a panic.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, EventTarget, HtmlElement, MouseEvent, MutationObserver,
    MutationObserverInit, MutationRecord, Node, Range, ResizeObserver, ScrollBehavior,
    ScrollIntoViewOptions, ScrollLogicalPosition, Text, Window,
};

use super::extract::{added_articles, extract, find_article_root, Extracted};
use super::paint::{Painter, Slot};
use super::ui::{CardText, Ui};
use crate::{analyze, Quote};

/// Wait after a page change before re-reading the text: long enough to batch an
/// infinite-scroll insert, short enough to feel immediate.
const REFRESH_DELAY_MS: i32 = 400;

/// Where one range starts and ends: node and UTF-16 offset, twice.
type Bounds = (Text, u32, Text, u32);

/// A quote on the page: what the core said, where it is, and its badge.
/// A quote over several paragraphs gets one range per paragraph, so each
/// paragraph reads as quoted and the paragraph gap stays unpainted.
struct Drawn {
    quote: Quote,
    bounds: Vec<Bounds>,
    ranges: Vec<Range>,
    badge: HtmlElement,
    slot: Slot,
    /// Client rectangles in host coordinates: left, top, right, bottom.
    rects: Vec<[f64; 4]>,
}

struct State {
    window: Window,
    doc: Document,
    /// The regions read, in document order: the root given or found, plus (on a
    /// whole page) articles that arrived later, as infinite scroll adds them.
    roots: Vec<Element>,
    /// Articles added since the last pass, not yet checked against `roots`.
    arrived: Vec<Element>,
    /// Attached by `attachToPage`: find the article body again if it goes away,
    /// and take in articles added later.
    page_mode: bool,
    ui: Ui,
    painter: Painter,
    drawn: Vec<Drawn>,
    /// Speaker names in order of first appearance; the index is the colour slot,
    /// kept for the life of the overlay so a speaker never changes colour.
    slots: Vec<String>,
    last_pass_ms: f64,
    pointer: Option<(f64, f64)>,
    pointer_on_ui: bool,
    card_for: Option<usize>,
    card_pinned: bool,
    frame: Option<i32>,
    need_layout: bool,
    timer: Option<i32>,
    frame_fn: Option<Function>,
    refresh_fn: Option<Function>,
    observer: Option<MutationObserver>,
    resize: Option<ResizeObserver>,
}

type Shared = Rc<RefCell<State>>;

/// One `addEventListener`: target, event type, capture, handler.
type Listener = (EventTarget, &'static str, bool, Closure<dyn FnMut(Event)>);

/// Handlers attached to the page, kept so `detach` can remove each one.
struct Wiring {
    listeners: Vec<Listener>,
    _frame: Closure<dyn FnMut()>,
    _refresh: Closure<dyn FnMut()>,
    _mutations: Closure<dyn FnMut(Array, MutationObserver)>,
    _resized: Closure<dyn FnMut(Array)>,
}

/// An annotated region of the page. See the module docs of `wasm` for the JS API.
#[wasm_bindgen]
pub struct Overlay {
    state: Shared,
    wiring: Option<Wiring>,
}

/// `attachToPage()`: find the article body of the current page and attach to it.
#[wasm_bindgen(js_name = attachToPage)]
pub fn attach_to_page() -> Result<Overlay, JsError> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsError::new("no document"))?;
    let root = find_article_root(&doc).ok_or_else(|| JsError::new("page has no body"))?;
    Overlay::start(root, true)
}

#[wasm_bindgen]
impl Overlay {
    /// `Overlay.attach(root)`: annotate the text under `root` (all of it, minus
    /// navigation, scripts and hidden parts).
    pub fn attach(root: Element) -> Result<Overlay, JsError> {
        Overlay::start(root, false)
    }

    /// Re-reads the text and redraws now.
    pub fn refresh(&self) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.pass();
        }
    }

    /// Removes the host, the highlights, every listener and observer.
    pub fn detach(&mut self) {
        if let Some(wiring) = self.wiring.take() {
            for (target, kind, capture, closure) in &wiring.listeners {
                let f: &Function = closure.as_ref().unchecked_ref();
                let _ = target.remove_event_listener_with_callback_and_bool(kind, f, *capture);
            }
            if let Ok(mut state) = self.state.try_borrow_mut() {
                state.teardown();
            }
        }
    }

    #[wasm_bindgen(js_name = quoteCount)]
    pub fn quote_count(&self) -> usize {
        self.state.try_borrow().map(|s| s.drawn.len()).unwrap_or(0)
    }

    #[wasm_bindgen(js_name = speakerCount)]
    pub fn speaker_count(&self) -> usize {
        self.state
            .try_borrow()
            .map(|s| s.speaker_count())
            .unwrap_or(0)
    }

    /// Milliseconds of the last full pass: extract, analyse, paint and draw.
    #[wasm_bindgen(js_name = lastPassMs)]
    pub fn last_pass_ms(&self) -> f64 {
        self.state
            .try_borrow()
            .map(|s| s.last_pass_ms)
            .unwrap_or(0.0)
    }
}

impl Drop for Overlay {
    fn drop(&mut self) {
        self.detach();
    }
}

impl Overlay {
    fn start(root: Element, page_mode: bool) -> Result<Overlay, JsError> {
        let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
        let doc = window
            .document()
            .ok_or_else(|| JsError::new("no document"))?;
        let html = doc
            .document_element()
            .ok_or_else(|| JsError::new("no document element"))?;
        let ui = Ui::new(&doc).map_err(|_| JsError::new("cannot create the overlay host"))?;
        html.append_child(&ui.host)
            .map_err(|_| JsError::new("cannot add the overlay host"))?;
        let painter = Painter::new(&doc);
        let state = Rc::new(RefCell::new(State {
            window,
            doc,
            roots: vec![root],
            arrived: Vec::new(),
            page_mode,
            ui,
            painter,
            drawn: Vec::new(),
            slots: Vec::new(),
            last_pass_ms: 0.0,
            pointer: None,
            pointer_on_ui: false,
            card_for: None,
            card_pinned: false,
            frame: None,
            need_layout: false,
            timer: None,
            frame_fn: None,
            refresh_fn: None,
            observer: None,
            resize: None,
        }));
        let wiring = wire(&state).map_err(|_| JsError::new("cannot listen to page events"))?;
        state.borrow_mut().pass();
        Ok(Overlay {
            state,
            wiring: Some(wiring),
        })
    }
}

fn handler(state: &Shared, f: fn(&mut State, &Event)) -> Closure<dyn FnMut(Event)> {
    let state = state.clone();
    Closure::new(move |event: Event| {
        if let Ok(mut s) = state.try_borrow_mut() {
            f(&mut s, &event);
        }
    })
}

fn wire(state: &Shared) -> Result<Wiring, JsValue> {
    let (window, doc, shadow, root, page_mode) = {
        let s = state.borrow();
        (
            s.window.clone(),
            s.doc.clone(),
            s.ui.shadow.clone(),
            s.roots[0].clone(),
            s.page_mode,
        )
    };
    let win: EventTarget = window.clone().into();
    let document: EventTarget = doc.clone().into();
    let shadow_target: EventTarget = shadow.into();
    let on = |target: &EventTarget,
              kind: &'static str,
              capture: bool,
              f: fn(&mut State, &Event)|
     -> Listener { (target.clone(), kind, capture, handler(state, f)) };
    let mut listeners = vec![
        on(&document, "pointermove", false, State::on_pointer),
        on(&document, "scroll", true, |s, _| s.schedule_layout()),
        on(&win, "resize", false, |s, _| s.schedule_layout()),
        on(&shadow_target, "focusin", false, State::on_focus_in),
        on(&shadow_target, "focusout", false, State::on_focus_out),
        on(&shadow_target, "pointerover", false, State::on_pointer_over),
        on(&shadow_target, "click", false, State::on_click),
        on(&shadow_target, "keydown", false, State::on_key),
    ];
    for (target, kind, capture, closure) in &mut listeners {
        target.add_event_listener_with_callback_and_bool(
            kind,
            closure.as_ref().unchecked_ref(),
            *capture,
        )?;
    }

    let frame_state = state.clone();
    let frame = Closure::<dyn FnMut()>::new(move || {
        if let Ok(mut s) = frame_state.try_borrow_mut() {
            s.on_frame();
        }
    });
    let refresh_state = state.clone();
    let refresh = Closure::<dyn FnMut()>::new(move || {
        if let Ok(mut s) = refresh_state.try_borrow_mut() {
            s.timer = None;
            s.pass();
        }
    });
    let mutation_state = state.clone();
    let mutations = Closure::<dyn FnMut(Array, MutationObserver)>::new(move |records: Array, _| {
        if let Ok(mut s) = mutation_state.try_borrow_mut() {
            s.on_mutations(&records);
        }
    });
    let resize_state = state.clone();
    let resized = Closure::<dyn FnMut(Array)>::new(move |_| {
        if let Ok(mut s) = resize_state.try_borrow_mut() {
            s.schedule_layout();
        }
    });

    let observer = MutationObserver::new(mutations.as_ref().unchecked_ref())?;
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    init.set_character_data(true);
    // A page revealing its body by class or style changes no text: re-lay out.
    init.set_attributes(true);
    init.set_attribute_filter(&Array::of3(
        &"class".into(),
        &"style".into(),
        &"hidden".into(),
    ));
    // On a whole page the article itself may be replaced (single-page navigation).
    let watched: Node = if page_mode {
        doc.body()
            .map(Node::from)
            .unwrap_or_else(|| root.clone().into())
    } else {
        root.clone().into()
    };
    observer.observe_with_options(&watched, &init)?;
    let resize = ResizeObserver::new(resized.as_ref().unchecked_ref())?;
    resize.observe(&root);

    let mut s = state.borrow_mut();
    s.frame_fn = Some(frame.as_ref().unchecked_ref::<Function>().clone());
    s.refresh_fn = Some(refresh.as_ref().unchecked_ref::<Function>().clone());
    s.observer = Some(observer);
    s.resize = Some(resize);
    Ok(Wiring {
        listeners,
        _frame: frame,
        _refresh: refresh,
        _mutations: mutations,
        _resized: resized,
    })
}

/// Whether the text of `node` is painted: `visibility`, `content-visibility`
/// and `display` all count (`checkVisibility`; assumed shown where missing).
fn shown(node: &Text) -> bool {
    let Some(parent) = node.parent_element() else {
        return false;
    };
    let Ok(check) = js_sys::Reflect::get(&parent, &"checkVisibility".into()) else {
        return true;
    };
    let Some(check) = check.dyn_ref::<Function>() else {
        return true;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"visibilityProperty".into(), &JsValue::TRUE);
    check
        .call1(&parent, &options)
        .map_or(true, |v| v.is_truthy())
}

/// The DOM bounds of `start..end`, cut at paragraph breaks.
fn paragraph_bounds(extracted: &Extracted, start: usize, end: usize) -> Vec<Bounds> {
    let text = extracted.map.text();
    let breaks = text
        .chars()
        .enumerate()
        .skip(start)
        .take(end.saturating_sub(start))
        .filter(|&(_, c)| c == '\n');
    let cuts: Vec<usize> = std::iter::once(start)
        .chain(breaks.map(|(i, _)| i))
        .chain(std::iter::once(end))
        .collect();
    cuts.windows(2)
        .filter_map(|w| {
            let (from, to) = extracted.map.range(w[0], w[1])?;
            let start = extracted.nodes.get(from.node)?.clone();
            let end = extracted.nodes.get(to.node)?.clone();
            Some((start, from.offset16 as u32, end, to.offset16 as u32))
        })
        .collect()
}

fn index_of(target: Option<EventTarget>) -> Option<usize> {
    let el = target?.dyn_into::<Element>().ok()?;
    el.get_attribute("data-index")?.parse().ok()
}

impl State {
    fn speaker_count(&self) -> usize {
        let mut names: Vec<&str> = self
            .drawn
            .iter()
            .filter_map(|d| d.quote.speaker.as_deref())
            .collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }

    fn now(&self) -> f64 {
        self.window.performance().map(|p| p.now()).unwrap_or(0.0)
    }

    /// One full pass: extract, analyse, reconcile with what is drawn, paint, lay out.
    fn pass(&mut self) {
        let started = self.now();
        if self.page_mode {
            self.update_roots();
        }
        // The fallback's marks are page DOM: take them out before reading the text.
        self.painter.clear();
        let extracted = extract(&self.roots, &self.window);
        let analysis = analyze(extracted.map.text());

        let mut old = std::mem::take(&mut self.drawn);
        let mut pieces = Vec::new();
        for quote in analysis.quotes {
            let bounds = paragraph_bounds(&extracted, quote.start, quote.end);
            if bounds.is_empty() {
                continue;
            }
            let slot = self.slot(quote.speaker.as_deref());
            if matches!(self.painter, Painter::Wrap(_)) {
                let quote_pieces = extracted.map.pieces(quote.start, quote.end);
                pieces.extend(quote_pieces.into_iter().map(|p| (p, slot)));
            }
            let same = |d: &Drawn| {
                d.quote.text == quote.text && d.quote.speaker == quote.speaker && d.bounds == bounds
            };
            let drawn = match old.iter().position(same) {
                Some(at) => {
                    let mut kept = old.swap_remove(at);
                    kept.quote = quote;
                    kept
                }
                None => {
                    let ranges: Vec<Range> = bounds.iter().filter_map(|b| self.range(b)).collect();
                    if ranges.len() != bounds.len() {
                        continue;
                    }
                    let index = self.drawn.len();
                    let Ok(badge) = self
                        .ui
                        .badge(&self.doc, index, quote.speaker.as_deref(), slot)
                    else {
                        continue;
                    };
                    Drawn {
                        quote,
                        bounds,
                        ranges,
                        badge,
                        slot,
                        rects: Vec::new(),
                    }
                }
            };
            self.drawn.push(drawn);
        }
        for gone in old {
            gone.badge.remove();
        }
        for (i, d) in self.drawn.iter().enumerate() {
            let _ = d.badge.set_attribute("data-index", &i.to_string());
        }
        if self.card_for.is_some_and(|i| i >= self.drawn.len()) {
            self.hide_card();
        }

        match &mut self.painter {
            Painter::Highlights(h) => {
                for d in &self.drawn {
                    for range in &d.ranges {
                        h.add(d.slot, range);
                    }
                }
            }
            Painter::Wrap(w) => w.wrap(&self.doc, &extracted.nodes, &mut pieces),
        }
        // Our own unwrapping and wrapping are not page changes.
        if let Some(observer) = &self.observer {
            observer.take_records();
        }
        self.layout();
        self.last_pass_ms = self.now() - started;
    }

    fn range(&self, (start, from, end, to): &Bounds) -> Option<Range> {
        let range = self.doc.create_range().ok()?;
        range.set_start(start, *from).ok()?;
        range.set_end(end, *to).ok()?;
        Some(range)
    }

    fn slot(&mut self, speaker: Option<&str>) -> Slot {
        let name = speaker?;
        Some(match self.slots.iter().position(|s| s == name) {
            Some(i) => i,
            None => {
                self.slots.push(name.to_string());
                self.slots.len() - 1
            }
        })
    }

    fn inside_roots(&self, node: &Node) -> bool {
        self.roots.iter().any(|r| r.contains(Some(node)))
    }

    /// Drops roots that left the page, finds the article again when none is
    /// left (single-page navigation), and takes in articles that arrived, in
    /// document order, none inside another.
    fn update_roots(&mut self) {
        let before = self.roots.clone();
        self.roots.retain(|r| r.is_connected());
        for article in std::mem::take(&mut self.arrived) {
            if !article.is_connected() || self.inside_roots(&article) {
                continue;
            }
            self.roots.retain(|r| !article.contains(Some(r)));
            self.roots.push(article);
        }
        if self.roots.is_empty() {
            self.roots.extend(find_article_root(&self.doc));
        }
        // FOLLOWING (4): `b` comes after `a`.
        self.roots.sort_by(|a, b| {
            if a == b {
                std::cmp::Ordering::Equal
            } else if a.compare_document_position(b) & 4 != 0 {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
        if self.roots != before {
            if let Some(resize) = &self.resize {
                resize.disconnect();
                for root in &self.roots {
                    resize.observe(root);
                }
            }
        }
    }

    /// Measures every quote and moves its badge to the quote's first line.
    fn layout(&mut self) {
        let host = self.ui.host.get_bounding_client_rect();
        let (hx, hy) = (host.left(), host.top());
        for d in &mut self.drawn {
            d.rects.clear();
            for list in d.ranges.iter().filter_map(Range::get_client_rects) {
                for i in 0..list.length() {
                    let Some(r) = list.item(i) else { continue };
                    if r.width() > 0.0 && r.height() > 0.0 {
                        d.rects.push([
                            r.left() - hx,
                            r.top() - hy,
                            r.right() - hx,
                            r.bottom() - hy,
                        ]);
                    }
                }
            }
            if !d.bounds.first().is_some_and(|(start, ..)| shown(start)) {
                d.rects.clear();
            }
            let style = d.badge.style();
            match d.rects.first() {
                Some([left, top, _, _]) => {
                    d.badge.set_hidden(false);
                    // Just above the first line, over the opening quotation mark.
                    let _ = style.set_property("left", &format!("{:.1}px", left - 6.0));
                    let _ = style.set_property("top", &format!("{:.1}px", top - 12.0));
                }
                None => d.badge.set_hidden(true),
            }
        }
        if let Some(i) = self.card_for {
            self.place_card(i);
        }
    }

    fn schedule_layout(&mut self) {
        self.need_layout = true;
        self.schedule_frame();
    }

    fn schedule_frame(&mut self) {
        if self.frame.is_none() {
            if let Some(f) = &self.frame_fn {
                self.frame = self.window.request_animation_frame(f).ok();
            }
        }
    }

    fn on_frame(&mut self) {
        self.frame = None;
        if std::mem::take(&mut self.need_layout) {
            self.layout();
        }
        self.hover();
    }

    fn on_pointer(&mut self, event: &Event) {
        let Some(mouse) = event.dyn_ref::<MouseEvent>() else {
            return;
        };
        self.pointer = Some((mouse.client_x() as f64, mouse.client_y() as f64));
        let host: &EventTarget = self.ui.host.as_ref();
        self.pointer_on_ui = event.target().is_some_and(|t| &t == host);
        self.schedule_frame();
    }

    /// Shows the card for the quote under the pointer, keeps it while the
    /// pointer is on our UI, hides it otherwise (unless the keyboard opened it).
    fn hover(&mut self) {
        if self.pointer_on_ui || self.card_pinned {
            return;
        }
        let Some((x, y)) = self.pointer else { return };
        let host = self.ui.host.get_bounding_client_rect();
        let (x, y) = (x - host.left(), y - host.top());
        let hit = self.drawn.iter().position(|d| {
            d.rects
                .iter()
                .any(|r| x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3])
        });
        match hit {
            Some(i) if self.card_for != Some(i) => self.show_card(i),
            Some(_) => {}
            None => self.hide_card(),
        }
    }

    fn on_pointer_over(&mut self, event: &Event) {
        if let Some(i) = index_of(event.target()) {
            if !self.card_pinned {
                self.show_card(i);
            }
        }
    }

    fn on_focus_in(&mut self, event: &Event) {
        if let Some(i) = index_of(event.target()) {
            self.card_pinned = true;
            self.show_card(i);
        }
    }

    fn on_focus_out(&mut self, event: &Event) {
        let related = event
            .dyn_ref::<web_sys::FocusEvent>()
            .and_then(|f| f.related_target());
        let inside = related
            .and_then(|t| t.dyn_into::<Node>().ok())
            .is_some_and(|n| self.ui.shadow.contains(Some(&n)));
        if !inside {
            self.card_pinned = false;
            self.hide_card();
        }
    }

    fn on_click(&mut self, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let step = match target.class_name().as_str() {
            "ql-prev" => -1,
            "ql-next" => 1,
            _ => return,
        };
        if let Some(i) = self.card_for {
            self.step(i, step);
        }
    }

    fn on_key(&mut self, event: &Event) {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        match (key.key().as_str(), self.card_for) {
            ("Escape", Some(_)) => {
                self.card_pinned = false;
                self.hide_card();
            }
            ("ArrowRight", Some(i)) => self.step(i, 1),
            ("ArrowLeft", Some(i)) => self.step(i, -1),
            _ => {}
        }
    }

    /// The indices of all quotes by the speaker of quote `i`, in text order.
    fn same_speaker(&self, i: usize) -> Vec<usize> {
        let speaker = self
            .drawn
            .get(i)
            .map(|d| d.quote.speaker.clone())
            .unwrap_or_default();
        (0..self.drawn.len())
            .filter(|&j| self.drawn[j].quote.speaker == speaker)
            .collect()
    }

    /// Moves to the previous or next quote by the same speaker: scrolls it into
    /// view, focuses its badge and shows its card.
    fn step(&mut self, i: usize, by: isize) {
        let group = self.same_speaker(i);
        let Some(at) = group.iter().position(|&j| j == i) else {
            return;
        };
        let Some(&next) = at.checked_add_signed(by).and_then(|k| group.get(k)) else {
            return;
        };
        let badge = self.drawn[next].badge.clone();
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        options.set_behavior(ScrollBehavior::Instant);
        badge.scroll_into_view_with_scroll_into_view_options(&options);
        self.need_layout = true;
        self.layout();
        self.card_pinned = true;
        self.show_card(next);
        // Our focusin handler cannot borrow now; the card is already shown.
        let _ = badge.focus();
    }

    fn show_card(&mut self, i: usize) {
        let Some(d) = self.drawn.get(i) else { return };
        let group = self.same_speaker(i);
        let nth = group.iter().position(|&j| j == i).map_or(1, |k| k + 1);
        let q = &d.quote;
        self.ui.card.fill(&CardText {
            speaker: q.speaker.as_deref(),
            role: q.role.as_deref(),
            cue: q.cue.as_deref(),
            confidence: q.confidence,
            nth,
            of: group.len(),
            slot: d.slot,
        });
        self.ui.card.root.set_hidden(false);
        self.card_for = Some(i);
        self.place_card(i);
    }

    fn place_card(&self, i: usize) {
        let Some(d) = self.drawn.get(i) else { return };
        let Some(&[left, top, _, bottom]) = d.rects.first() else {
            return;
        };
        let host = self.ui.host.get_bounding_client_rect();
        let number = |v: Result<JsValue, JsValue>, default: f64| {
            v.ok().and_then(|v| v.as_f64()).unwrap_or(default)
        };
        let width = number(self.window.inner_width(), 800.0) - host.left();
        let height = number(self.window.inner_height(), 600.0) - host.top();
        self.ui
            .card
            .place(left, bottom + 4.0, top - 14.0, width, height);
    }

    fn hide_card(&mut self) {
        self.ui.card.root.set_hidden(true);
        self.card_for = None;
    }

    /// Text changes in a root schedule a pass; attribute changes (a class or
    /// style that may move or reveal text) only a re-layout, which is cheaper.
    /// On a whole page, an article added elsewhere or a root taken out counts too.
    fn on_mutations(&mut self, records: &Array) {
        let mut text_changed = self.page_mode && self.roots.iter().any(|r| !r.is_connected());
        let mut moved = false;
        for record in records.iter() {
            let record = record.unchecked_into::<MutationRecord>();
            if record.type_() == "attributes" {
                moved = true;
            } else if record.target().is_some_and(|t| self.inside_roots(&t)) {
                text_changed = true;
            } else if self.page_mode {
                let added = record.added_nodes();
                for i in 0..added.length() {
                    let Some(element) = added.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                    else {
                        continue;
                    };
                    let articles = added_articles(&element);
                    text_changed |= !articles.is_empty();
                    self.arrived.extend(articles);
                }
            }
        }
        if moved {
            self.schedule_layout();
        }
        if text_changed && self.timer.is_none() {
            if let Some(f) = &self.refresh_fn {
                self.timer = self
                    .window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(f, REFRESH_DELAY_MS)
                    .ok();
            }
        }
    }

    fn teardown(&mut self) {
        if let Some(id) = self.frame.take() {
            let _ = self.window.cancel_animation_frame(id);
        }
        if let Some(id) = self.timer.take() {
            self.window.clear_timeout_with_handle(id);
        }
        if let Some(observer) = self.observer.take() {
            observer.disconnect();
        }
        if let Some(resize) = self.resize.take() {
            resize.disconnect();
        }
        self.frame_fn = None;
        self.refresh_fn = None;
        self.painter.remove();
        // Unwrapping in the fallback changed the page; those records are ours.
        self.drawn.clear();
        self.ui.host.remove();
    }
}
