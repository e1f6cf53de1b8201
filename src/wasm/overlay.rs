//! Keeps one region of a page annotated: runs a pass (extract, analyse, paint,
//! draw) and re-runs only what events require.
//!
//! - Scroll, resize, reflow: badges are positioned in document coordinates, so
//!   page scrolling moves them for free; anything else re-measures the quote
//!   rectangles once per animation frame.
//! - Hover: highlights get no events, so a `pointermove` (one per frame) is
//!   hit-tested against the cached rectangles; badges take focus for keyboard use.
//! - Tap: a touch screen sends no `pointermove` before its `click`, so a click
//!   is hit-tested the same way at once: on a quote it opens that quote's card,
//!   elsewhere it closes the card. The listener is passive and never stops the
//!   page's own handling (a link in a quote still opens), and a click that ends
//!   a text selection is left alone.
//! - Changes: a `MutationObserver` schedules an update at most every
//!   [`REFRESH_DELAY_MS`]. When the page only added blocks (a live blog's new
//!   entry), the update reads those blocks with a few paragraphs before them
//!   for their speakers, and draws and lays out only their quotes, so an update
//!   costs what changed. Anything else (text edited in a paragraph, nodes
//!   removed) runs a pass: it re-reads the text and keeps every quote whose
//!   text and nodes are unchanged, so only new quotes get new badges.
//! - Placement: [`layout`](super::layout) picks each badge's spot next to its
//!   quote where it covers no page text.
//! - The host: if the page removes it, it is put back after a wait that grows
//!   each time ([`HOST_BACKOFF_MS`]), at most [`HOST_PUT_BACKS`] times; a page
//!   that removes it again gets its way: the overlay steps aside (removes all it
//!   added, stops observing) and `steppedAside()` says so. Putting it back at
//!   once would fight an anti-injection script's observer, and the two
//!   observers would hand the host back and forth forever, hanging the tab.
//!
//! Every callback borrows the state with `try_borrow_mut` and gives up when it is
//! busy: a re-entrant event (a `focus()` we caused) is dropped, never a panic.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicI32, Ordering::Relaxed};

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AddEventListenerOptions, Document, Element, Event, EventTarget, HtmlElement, MouseEvent,
    MutationObserver, MutationObserverInit, MutationRecord, Node, Range, ResizeObserver,
    ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition, Text, Window,
};

#[path = "panel.rs"]
mod panel;

use super::chunks::{chunk_end, paragraph_breaks, paragraph_parts, shifted, CHUNK_BYTES};
use super::extract::{
    added_articles, changed_blocks, context_before, document_order, Extracted, RootSearch, Walk,
};
use super::geometry::{self, from_client, Rect};
use super::layout;
use super::paint::{Painter, Slot};
use super::placement::{self, View};
use super::ui::{CardText, Ui};
use crate::{analyze_with, Analysis, Options, Quote, QuoteKind, Speaker};
use panel::Reading;

/// Wait after a page change before re-reading the text: long enough to batch an
/// infinite-scroll insert, short enough to feel immediate.
const REFRESH_DELAY_MS: i32 = 400;

/// Times the host is put back after the page removed it, and the wait before
/// the first time (four times longer each time after: 100, 400, 1,600 ms). A
/// page that rebuilds `<html>` once while it hydrates gets the host back; one
/// that removes it on sight has it back three times in two seconds, then never.
const HOST_PUT_BACKS: u32 = 3;
const HOST_BACKOFF_MS: i32 = 100;

/// Work per slice of a pass before the event loop gets a turn: well under the
/// 50 ms that counts as a long task, with room for one batch overrunning it.
const SLICE_MS: f64 = 25.0;
/// Nodes walked, and quotes drawn, between two looks at the clock.
const WALK_BATCH: usize = 256;
const DRAW_BATCH: usize = 64;
const LAYOUT_BATCH: usize = 100;
/// A pass under way: find the article (on a whole page, when it is not known
/// yet), walk, analyse chunk by chunk, draw quote by quote, paint; each step
/// bounded, so the pass runs in slices.
struct Job {
    started: f64,
    find: Option<RootSearch>,
    walk: Option<Walk>,
    extracted: Option<Extracted>,
    /// Where the next chunk starts, in bytes and code points; `None` when all is analysed.
    analysed: Option<(usize, usize)>,
    quotes: Vec<Quote>,
    /// The speakers each chunk's analysis named (aliases for the export).
    speakers: Vec<Speaker>,
    /// The paragraph breaks of the extracted text: each break's code-point
    /// offset, and where the next paragraph's own text starts.
    breaks: Vec<(usize, usize)>,
    next_quote: usize,
    /// What the previous pass drew, by quote text, to keep what did not change.
    old: HashMap<String, Vec<Drawn>>,
    drawn: Vec<Drawn>,
    /// Milliseconds spent so far per stage, as in [`State::stages`].
    stages: [f64; STAGES],
}

/// The stages of a pass, timed for `stageMs()`: walk, analysis, ranges (and
/// badges), highlights, layout (its first slice).
const STAGES: usize = 5;
const WALK: usize = 0;
const ANALYSIS: usize = 1;
const RANGES: usize = 2;
const HIGHLIGHTS: usize = 3;
const LAYOUT: usize = 4;

/// What all overlays hold on the page right now: overlays, event listeners,
/// observers. Kept for tests that toggle many times and look for leaks.
static LIVE: [AtomicI32; 3] = [AtomicI32::new(0), AtomicI32::new(0), AtomicI32::new(0)];
const OVERLAYS: usize = 0;
const LISTENERS: usize = 1;
const OBSERVERS: usize = 2;

fn live(what: usize, by: i32) {
    LIVE[what].fetch_add(by, Relaxed);
}

/// `liveCounts()`: `[overlays, listeners, observers]` attached and not yet detached.
#[wasm_bindgen(js_name = liveCounts)]
pub fn live_counts() -> Vec<i32> {
    LIVE.iter().map(|n| n.load(Relaxed)).collect()
}

/// Where one range starts and ends: node and UTF-16 offset, twice.
type Bounds = (Text, u32, Text, u32);

/// A quote on the page: what the core said, where it is, and its badge.
/// A quote over several paragraphs gets one range per paragraph, so each
/// paragraph reads as quoted and the paragraph gap stays unpainted.
struct Drawn {
    quote: Quote,
    bounds: Vec<Bounds>,
    ranges: Vec<Range>,
    /// None for a short quoted term nobody said: it gets no badge.
    badge: Option<HtmlElement>,
    slot: Slot,
    /// Its tint boxes in our root, one per line (`paint`), removed with it.
    tints: Vec<HtmlElement>,
    /// Client rectangles in host coordinates: left, top, right, bottom.
    rects: Vec<Rect>,
    /// The block (paragraph) the quote starts in, found at its first layout,
    /// its box and the gaps around it at the last one.
    block: Option<Element>,
    block_box: Rect,
    gaps: (f64, f64),
    /// The estimated width of the badge's label.
    label_w: f64,
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
    /// The longest stretch of work done without yielding, in milliseconds.
    longest_slice_ms: f64,
    job: Option<Job>,
    /// The page changed while a pass was under way: run another after it.
    rerun: bool,
    /// Elements the page added inside the roots since the last read, to be
    /// read alone (with context) unless `reread` asks for the whole region.
    added: Vec<Element>,
    reread: bool,
    /// Each observed root's width at the last resize: only a new width reflows
    /// text; a new height alone is content added or removed.
    root_widths: Vec<(Element, f64)>,
    pointer: Option<(f64, f64)>,
    pointer_on_ui: bool,
    card_for: Option<usize>,
    card_pinned: bool,
    frame: Option<i32>,
    need_layout: bool,
    /// The first quote the layout under way has not measured yet.
    layout_next: Option<usize>,
    /// The box of the badge placed last (by the layout under way, or the last one).
    layout_taken: Option<Rect>,
    /// Milliseconds per stage of the last pass (see [`STAGES`]).
    stages: [f64; STAGES],
    /// The last pass stopped at [`super::extract::MAX_TEXT_BYTES`] of text.
    capped: bool,
    /// The page changed attributes: see whether quotes moved, at the next frame.
    need_check: bool,
    timer: Option<i32>,
    frame_fn: Option<Function>,
    refresh_fn: Option<Function>,
    /// The host's way back after the page removed it: times so far, the timer
    /// under way, its callback; and whether the overlay gave up and stepped aside.
    host_put_backs: u32,
    host_timer: Option<i32>,
    host_fn: Option<Function>,
    stepped_aside: bool,
    observer: Option<MutationObserver>,
    resize: Option<ResizeObserver>,
    /// The panel, copy and export (`panel.rs`).
    reading: Reading,
}

type Shared = Rc<RefCell<State>>;

/// One `addEventListener`: target, event type, capture, handler.
type Listener = (EventTarget, &'static str, bool, Closure<dyn FnMut(Event)>);

/// Handlers attached to the page, kept so `detach` can remove each one.
struct Wiring {
    listeners: Vec<Listener>,
    _frame: Closure<dyn FnMut()>,
    _refresh: Closure<dyn FnMut()>,
    _host: Closure<dyn FnMut()>,
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
    // The article is found by the first pass, in slices.
    if doc.document_element().is_none() {
        return Err(JsError::new("page has no body"));
    }
    Overlay::start(None, true)
}

#[wasm_bindgen]
impl Overlay {
    /// `Overlay.attach(root)`: annotate the text under `root` (all of it, minus
    /// navigation, scripts and hidden parts).
    pub fn attach(root: Element) -> Result<Overlay, JsError> {
        Overlay::start(Some(root), false)
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
                if target
                    .remove_event_listener_with_callback_and_bool(kind, f, *capture)
                    .is_ok()
                {
                    live(LISTENERS, -1);
                }
            }
            live(OVERLAYS, -1);
            if let Ok(mut state) = self.state.try_borrow_mut() {
                state.teardown();
            }
        }
    }

    #[wasm_bindgen(js_name = quoteCount)]
    pub fn quote_count(&self) -> usize {
        // Quoted names of things are tinted, not counted: the panel's list.
        self.state
            .try_borrow()
            .map(|s| s.listed().len())
            .unwrap_or(0)
    }

    #[wasm_bindgen(js_name = speakerCount)]
    pub fn speaker_count(&self) -> usize {
        self.state
            .try_borrow()
            .map(|s| s.speaker_count())
            .unwrap_or(0)
    }

    /// Milliseconds of the longest slice of work done without yielding to the
    /// page (the figure that matters for responsiveness; a pass may take many).
    #[wasm_bindgen(js_name = longestSliceMs)]
    pub fn longest_slice_ms(&self) -> f64 {
        self.state
            .try_borrow()
            .map(|s| s.longest_slice_ms)
            .unwrap_or(0.0)
    }

    /// `stageMs()`: milliseconds of the last pass per stage: walk, analysis,
    /// ranges (with badges), highlights, layout (its first slice).
    #[wasm_bindgen(js_name = stageMs)]
    pub fn stage_ms(&self) -> Vec<f64> {
        self.state
            .try_borrow()
            .map(|s| s.stages.to_vec())
            .unwrap_or_default()
    }

    /// Opens *Who said what* and moves focus into it.
    #[wasm_bindgen(js_name = openPanel)]
    pub fn open_panel(&self) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.open_panel(None);
        }
    }

    /// Opens the panel, or closes it when open (the keyboard shortcut).
    #[wasm_bindgen(js_name = togglePanel)]
    pub fn toggle_panel(&self) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.toggle_panel();
        }
    }

    /// What the page does that stops a reader from using our UI, said rather
    /// than hidden: `"inert"` (it made our host inert), `"events"` (its
    /// listeners stop the pointer events our badges and buttons need), or null.
    pub fn blocked(&self) -> Option<String> {
        self.state
            .try_borrow()
            .ok()
            .and_then(|s| s.blocked().map(str::to_string))
    }

    #[wasm_bindgen(js_name = panelOpen)]
    pub fn panel_open(&self) -> bool {
        self.state.try_borrow().is_ok_and(|s| s.panel_open())
    }

    /// The quotes with a badge as `"json"` (the CLI's fields plus url, title
    /// and the analysed text), `"md"` or `"csv"`: what the panel's downloads
    /// hold. Reads the page again first, so the offsets fit the text.
    pub fn export(&self, format: &str) -> String {
        self.state
            .try_borrow_mut()
            .map(|mut s| s.export(format))
            .unwrap_or_default()
    }

    /// `onChange(f)`: `f()` after every pass (the toolbar count follows it).
    #[wasm_bindgen(js_name = onChange)]
    pub fn on_change(&self, f: Option<Function>) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.reading.on_change = f;
        }
    }

    /// `steppedAside()`: true once the page removed our host more often than we
    /// put it back; the overlay has then removed all it added (see the module docs).
    #[wasm_bindgen(js_name = steppedAside)]
    pub fn stepped_aside(&self) -> bool {
        self.state.try_borrow().is_ok_and(|s| s.stepped_aside)
    }

    /// `textCapped()`: the last pass read only the first
    /// [`super::extract::MAX_TEXT_BYTES`] of the page's text.
    #[wasm_bindgen(js_name = textCapped)]
    pub fn text_capped(&self) -> bool {
        self.state.try_borrow().is_ok_and(|s| s.capped)
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
    fn start(root: Option<Element>, page_mode: bool) -> Result<Overlay, JsError> {
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
        let painter = Painter::new(&doc, &ui.shadow, ui.for_tests)
            .map_err(|_| JsError::new("cannot create the overlay's paint layer"))?;
        let state = Rc::new(RefCell::new(State {
            window,
            doc,
            roots: root.into_iter().collect(),
            arrived: Vec::new(),
            page_mode,
            ui,
            painter,
            drawn: Vec::new(),
            slots: Vec::new(),
            last_pass_ms: 0.0,
            longest_slice_ms: 0.0,
            job: None,
            rerun: false,
            added: Vec::new(),
            reread: false,
            root_widths: Vec::new(),
            pointer: None,
            pointer_on_ui: false,
            card_for: None,
            card_pinned: false,
            frame: None,
            need_layout: false,
            layout_next: None,
            layout_taken: None,
            stages: [0.0; STAGES],
            capped: false,
            need_check: false,
            timer: None,
            frame_fn: None,
            refresh_fn: None,
            host_put_backs: 0,
            host_timer: None,
            host_fn: None,
            stepped_aside: false,
            observer: None,
            resize: None,
            reading: Reading::default(),
        }));
        let wiring = wire(&state).map_err(|_| JsError::new("cannot listen to page events"))?;
        live(OVERLAYS, 1);
        // A whole page may be huge: its first pass runs in slices. An explicit
        // `attach` is drawn when it returns.
        if page_mode {
            state.borrow_mut().work(SLICE_MS);
        } else {
            state.borrow_mut().pass();
        }
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
            s.roots.first().cloned(),
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
        on(&document, "click", true, State::on_tap),
        on(&document, "scroll", true, State::on_scroll),
        on(&win, "resize", false, |s, _| s.schedule_layout()),
        on(&shadow_target, "focusin", false, State::on_focus_in),
        on(&shadow_target, "focusout", false, State::on_focus_out),
        on(&shadow_target, "pointerover", false, State::on_pointer_over),
        on(&shadow_target, "click", false, State::on_click),
        on(&shadow_target, "keydown", false, State::on_key),
        // Started by our styles on hover and press: see `State::on_ui_animation`.
        on(
            &shadow_target,
            "animationstart",
            false,
            State::on_ui_animation,
        ),
        on(
            &shadow_target,
            "animationcancel",
            false,
            State::on_ui_animation,
        ),
        on(&shadow_target, "pointerup", false, State::ui_event_seen),
    ];
    for (target, kind, capture, closure) in &mut listeners {
        // Only our own UI's handlers may cancel what they get (the panel's keys).
        let options = AddEventListenerOptions::new();
        options.set_capture(*capture);
        options.set_passive(target != &shadow_target);
        target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            closure.as_ref().unchecked_ref(),
            &options,
        )?;
        live(LISTENERS, 1);
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
            s.refresh_due();
        }
    });
    let host_state = state.clone();
    let host = Closure::<dyn FnMut()>::new(move || {
        if let Ok(mut s) = host_state.try_borrow_mut() {
            s.put_host_back();
        }
    });
    let mutation_state = state.clone();
    let mutations = Closure::<dyn FnMut(Array, MutationObserver)>::new(move |records: Array, _| {
        if let Ok(mut s) = mutation_state.try_borrow_mut() {
            s.on_mutations(&records);
        }
    });
    let resize_state = state.clone();
    let resized = Closure::<dyn FnMut(Array)>::new(move |entries: Array| {
        if let Ok(mut s) = resize_state.try_borrow_mut() {
            s.on_resized(&entries);
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
    let watched: Option<Node> = if page_mode {
        doc.body()
            .map(Node::from)
            .or_else(|| doc.document_element().map(Node::from))
    } else {
        root.clone().map(Node::from)
    };
    if let Some(watched) = watched {
        observer.observe_with_options(&watched, &init)?;
    }
    // The host is a child of <html>: a page that removes it gets it back.
    if let Some(html) = doc.document_element() {
        let children = MutationObserverInit::new();
        children.set_child_list(true);
        observer.observe_with_options(&html, &children)?;
    }
    let resize = ResizeObserver::new(resized.as_ref().unchecked_ref())?;
    if let Some(root) = &root {
        resize.observe(root);
    }
    live(OBSERVERS, 2);

    let mut s = state.borrow_mut();
    s.frame_fn = Some(frame.as_ref().unchecked_ref::<Function>().clone());
    s.refresh_fn = Some(refresh.as_ref().unchecked_ref::<Function>().clone());
    s.host_fn = Some(host.as_ref().unchecked_ref::<Function>().clone());
    s.observer = Some(observer);
    s.resize = Some(resize);
    Ok(Wiring {
        listeners,
        _frame: frame,
        _refresh: refresh,
        _host: host,
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

/// The DOM bounds of `start..end`, cut at the paragraph `breaks` inside it.
/// A later paragraph's part starts after its reopening quotation mark: in
/// `“…end of one paragraph` / `“Next one…”` the second `“` is not quote text.
fn paragraph_bounds(
    extracted: &Extracted,
    breaks: &[(usize, usize)],
    start: usize,
    end: usize,
) -> Vec<Bounds> {
    paragraph_parts(breaks, start, end)
        .filter_map(|(from, to)| {
            let (from, to) = extracted.map.range(from, to)?;
            let start = extracted.nodes.get(from.node)?.clone();
            let end = extracted.nodes.get(to.node)?.clone();
            Some((start, from.offset16 as u32, end, to.offset16 as u32))
        })
        .collect()
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
    fn measure(&mut self, hx: f64, hy: f64, window: &Window) {
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
    fn moved(&self, hx: f64, hy: f64) -> bool {
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
    fn place_badge(&self, view: View, taken: Option<Rect>) -> Option<Rect> {
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

/// Whether quote `a` starts before quote `b` in the document.
fn starts_before(a: &Drawn, b: &Drawn) -> bool {
    match (a.ranges.first(), b.ranges.first()) {
        (Some(a), Some(b)) => a
            .compare_boundary_points(Range::START_TO_START, b)
            .is_ok_and(|order| order < 0),
        _ => false,
    }
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
        crate::sort::stable_by(&mut names, |a, b| a.cmp(b));
        names.dedup();
        names.len()
    }

    fn now(&self) -> f64 {
        self.window.performance().map(|p| p.now()).unwrap_or(0.0)
    }

    /// One full pass now, to the end: extract, analyse, reconcile with what is
    /// drawn, paint, lay out (finishing a sliced pass already under way).
    fn pass(&mut self) {
        self.work(f64::INFINITY);
    }

    /// Runs the current pass (starting one if none) until it is done or
    /// `budget_ms` is spent, then leaves the rest to a zero timeout, so a huge
    /// page is read in slices with the event loop free between them.
    fn work(&mut self, budget_ms: f64) {
        let slice_start = self.now();
        let deadline = slice_start + budget_ms;
        if self.job.is_none() {
            self.begin_job(slice_start);
        }
        while let Some(mut job) = self.job.take() {
            let done = self.advance(&mut job, deadline);
            if done {
                self.finish(job, deadline);
                break;
            }
            self.job = Some(job);
            if self.now() >= deadline {
                break;
            }
        }
        let spent = self.now() - slice_start;
        self.longest_slice_ms = self.longest_slice_ms.max(spent);
        if self.job.is_some() {
            self.schedule_refresh(0);
        } else if std::mem::take(&mut self.rerun) {
            self.schedule_refresh(self.refresh_delay());
        }
    }

    /// The wait before re-reading a changed page: [`REFRESH_DELAY_MS`], or as
    /// long as the last pass took, so that a page that never stops changing
    /// gets at least half of its main thread to itself.
    fn refresh_delay(&self) -> i32 {
        REFRESH_DELAY_MS.max(self.last_pass_ms.min(60_000.0) as i32)
    }

    fn schedule_refresh(&mut self, delay: i32) {
        if self.timer.is_some() {
            return;
        }
        if let Some(f) = &self.refresh_fn {
            self.timer = self
                .window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, delay)
                .ok();
        }
    }

    fn begin_job(&mut self, started: f64) {
        if self.page_mode {
            self.update_roots();
        }
        // A document in design mode is all editable: nothing to read.
        self.added.clear();
        self.reread = false;
        let design = js_sys::Reflect::get(&self.doc, &"designMode".into()).ok();
        let design = design
            .and_then(|v| v.as_string())
            .is_some_and(|v| v == "on");
        // On a whole page without an article yet (the first pass, or the
        // article went away), it is searched for first.
        let find = (self.page_mode && self.roots.is_empty() && !design)
            .then(|| RootSearch::new(&self.doc))
            .flatten();
        let walk = match (&find, design) {
            (Some(_), _) => None,
            (None, true) => Some(Walk::new(Vec::new())),
            (None, false) => Some(Walk::new(self.roots.clone())),
        };
        self.job = Some(Job {
            started,
            find,
            walk,
            extracted: None,
            analysed: Some((0, 0)),
            quotes: Vec::new(),
            speakers: Vec::new(),
            breaks: Vec::new(),
            next_quote: 0,
            old: HashMap::new(),
            drawn: Vec::new(),
            stages: [0.0; STAGES],
        });
    }

    /// Does one bounded piece of the job; true when only `finish` is left.
    fn advance(&mut self, job: &mut Job, deadline: f64) -> bool {
        let started = self.now();
        let stage = if job.find.is_some() || job.walk.is_some() {
            WALK
        } else if job.analysed.is_some() {
            ANALYSIS
        } else if job.next_quote < job.quotes.len() {
            RANGES
        } else {
            HIGHLIGHTS
        };
        let done = self.advance_stage(job, deadline);
        job.stages[stage] += self.now() - started;
        done
    }

    fn advance_stage(&mut self, job: &mut Job, deadline: f64) -> bool {
        if let Some(find) = &mut job.find {
            if find.step(WALK_BATCH) {
                self.roots.extend(job.find.take().map(RootSearch::finish));
                self.observe_roots();
                job.walk = Some(Walk::new(self.roots.clone()));
            }
            return false;
        }
        if let Some(walk) = &mut job.walk {
            if walk.step(&self.window, WALK_BATCH) {
                job.extracted = job.walk.take().map(Walk::finish);
            }
            return false;
        }
        let Some(extracted) = &job.extracted else {
            return true;
        };
        let text = extracted.map.text();
        if let Some((from, base)) = job.analysed {
            let to = chunk_end(text, from);
            // Both ends are character boundaries: `chunk_end` cuts at one.
            let chunk = text.get(from..to).unwrap_or_default();
            let analysis = self.analyse(chunk);
            job.speakers.extend(analysis.speakers);
            job.quotes
                .extend(analysis.quotes.into_iter().map(|q| shifted(q, base)));
            job.analysed = Some((to, base + chunk.chars().count())).filter(|_| to < text.len());
            if job.analysed.is_none() {
                job.breaks = paragraph_breaks(text);
                for d in std::mem::take(&mut self.drawn) {
                    job.old.entry(d.quote.text.clone()).or_default().push(d);
                }
            }
            return false;
        }
        while job.next_quote < job.quotes.len() {
            let quote = job.quotes[job.next_quote].clone();
            job.next_quote += 1;
            self.draw(job, quote);
            if job.next_quote.is_multiple_of(DRAW_BATCH) && self.now() >= deadline {
                return false;
            }
        }
        // Nothing more to paint here: the layout places each quote's tints.
        true
    }

    /// Reuses the drawing of an unchanged quote or makes a new one.
    fn draw(&mut self, job: &mut Job, quote: Quote) {
        let Some(extracted) = &job.extracted else {
            return;
        };
        let bounds = paragraph_bounds(extracted, &job.breaks, quote.start, quote.end);
        if bounds.is_empty() {
            return;
        }
        let slot = self.slot(&quote);
        let same = |d: &Drawn| d.quote.speaker == quote.speaker && d.bounds == bounds;
        let kept = job.old.get_mut(&quote.text).and_then(|list| {
            let at = list.iter().position(same)?;
            Some(list.swap_remove(at))
        });
        let drawn = match kept {
            Some(mut kept) => {
                kept.quote = quote;
                if let Some(badge) = &kept.badge {
                    let _ = badge.set_attribute("data-index", &job.drawn.len().to_string());
                }
                kept
            }
            None => match self.make_drawn(quote, bounds, slot, job.drawn.len()) {
                Some(drawn) => drawn,
                None => return,
            },
        };
        job.drawn.push(drawn);
    }

    /// A new drawing of `quote`: its ranges and (unless a mere term) its badge.
    fn make_drawn(
        &mut self,
        quote: Quote,
        bounds: Vec<Bounds>,
        slot: Slot,
        index: usize,
    ) -> Option<Drawn> {
        let ranges: Vec<Range> = bounds.iter().filter_map(|b| self.range(b)).collect();
        if ranges.len() != bounds.len() {
            return None;
        }
        let badge = match slot {
            Slot::Term => None,
            _ => Some(
                self.ui
                    .badge(&self.doc, index, quote.speaker.as_deref(), slot)
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

    /// Runs what a page change asked for: the pass under way, or, when the page
    /// only added blocks (a live blog's new entry), just those blocks.
    fn refresh_due(&mut self) {
        let only_added = self.job.is_none()
            && !self.reread
            && !self.added.is_empty()
            && self.arrived.is_empty()
            && !self.capped
            && self.roots.iter().all(|r| r.is_connected());
        if only_added && self.update_blocks() {
            return;
        }
        self.work(SLICE_MS);
    }

    /// Reads only the blocks the page added, with the paragraphs before them
    /// for context, and draws the quotes that start in them: the cost of an
    /// update is what changed, not the whole article. False when the change
    /// was not only new blocks, or too big for one slice: then the whole
    /// region is read again.
    fn update_blocks(&mut self) -> bool {
        let started = self.now();
        let added = std::mem::take(&mut self.added);
        let Some(blocks) = changed_blocks(&added, &self.roots, &self.window) else {
            return false;
        };
        let mut read: Vec<Element> = Vec::new();
        for block in &blocks {
            read.extend(context_before(block, &self.roots));
            read.push(block.clone());
        }
        crate::sort::stable_by(&mut read, document_order);
        read.dedup();
        // An update is one slice: blocks too big for it are read by a whole
        // pass instead, which is sliced.
        let mut walk = Walk::new(read);
        while !walk.step(&self.window, WALK_BATCH) {
            if self.now() - started >= SLICE_MS {
                return false;
            }
        }
        let extracted = walk.finish();
        if extracted.capped || extracted.map.text().len() > CHUNK_BYTES {
            return false;
        }
        let walked = self.now();
        let text = extracted.map.text();
        let quotes = self.analyse(text).quotes;
        let breaks = paragraph_breaks(text);
        let analysed = self.now();
        let mut fresh: Vec<Drawn> = Vec::new();
        for quote in quotes {
            let bounds = paragraph_bounds(&extracted, &breaks, quote.start, quote.end);
            let Some((start, ..)) = bounds.first() else {
                continue;
            };
            if !blocks.iter().any(|b| b.contains(Some(start))) {
                continue;
            }
            let slot = self.slot(&quote);
            fresh.extend(self.make_drawn(quote, bounds, slot, 0));
        }
        let ranged = self.now();
        for d in &fresh {
            for range in &d.ranges {
                self.painter.list(d.slot, range);
            }
        }
        let painted = self.now();
        let from = self.drawn.len();
        let appended = match (self.drawn.last(), fresh.first()) {
            (Some(last), Some(first)) => starts_before(last, first),
            _ => true,
        };
        if appended {
            self.drawn.extend(fresh);
            self.index_badges(from);
            self.layout_from(from);
        } else {
            for d in fresh {
                let at = self.drawn.partition_point(|old| starts_before(old, &d));
                self.drawn.insert(at, d);
            }
            self.index_badges(0);
            self.hide_card();
            self.layout();
        }
        self.ui.raise_card();
        let end = self.now();
        self.stages = [
            walked - started,
            analysed - walked,
            ranged - analysed,
            painted - ranged,
            end - painted,
        ];
        self.last_pass_ms = end - started;
        self.longest_slice_ms = self.longest_slice_ms.max(end - started);
        self.after_pass();
        true
    }

    /// Numbers the badges from `from` on by their quote's place.
    fn index_badges(&self, from: usize) {
        for (i, d) in self.drawn.iter().enumerate().skip(from) {
            if let Some(badge) = &d.badge {
                let _ = badge.set_attribute("data-index", &i.to_string());
            }
        }
    }

    /// Swaps in what the job drew and painted, removes what is gone, wraps
    /// the fallback's marks, and lays out for what is left of the slice.
    fn finish(&mut self, mut job: Job, deadline: f64) {
        for gone in job.old.into_values().flatten() {
            if let Some(badge) = &gone.badge {
                badge.remove();
            }
        }
        self.drawn = job.drawn;
        self.ui.raise_card();
        if self.card_for.is_some_and(|i| i >= self.drawn.len()) {
            self.hide_card();
        }
        let painting = self.now();
        // The tints are drawn by the layout; the test build lists the ranges.
        self.painter.unlist_all();
        for d in &self.drawn {
            for range in &d.ranges {
                self.painter.list(d.slot, range);
            }
        }
        let laying_out = self.now();
        job.stages[HIGHLIGHTS] += laying_out - painting;
        self.layout_next = Some(0);
        self.layout_taken = None;
        self.layout_some(deadline);
        let end = self.now();
        job.stages[LAYOUT] = end - laying_out;
        self.stages = job.stages;
        self.last_pass_ms = end - job.started;
        if let Some(extracted) = &job.extracted {
            self.reading.text = extracted.map.text().to_string();
            self.capped = extracted.capped;
        }
        self.reading.speakers = job.speakers;
        self.after_pass();
    }

    /// The host's client position and the visible horizontal extent.
    fn geometry(&self) -> (f64, f64, View) {
        let host = self.ui.host.get_bounding_client_rect();
        let (hx, hy) = (host.left(), host.top());
        let width = self
            .doc
            .document_element()
            .map_or(0.0, |html| html.client_width() as f64);
        let view = View {
            min_x: -hx,
            max_x: width - hx,
        };
        (hx, hy, view)
    }

    /// Lays out the quotes from `from` on, now, unless a full layout is due.
    fn layout_from(&mut self, from: usize) {
        if self.layout_next.is_some() || self.need_layout {
            return;
        }
        let (hx, hy, view) = self.geometry();
        for d in &mut self.drawn[from..] {
            d.measure(hx, hy, &self.window);
        }
        // The last badge placed before these, to keep the first new one off it.
        let mut taken = self.layout_taken;
        for d in &self.drawn[from..] {
            taken = d.place_badge(view, taken);
        }
        self.layout_taken = taken;
    }

    /// A root changed size: a new width reflows its text, so everything is
    /// laid out again; a new height alone only matters if quotes moved.
    fn on_resized(&mut self, entries: &Array) {
        let mut reflowed = false;
        for entry in entries.iter() {
            let Some(target) = js_sys::Reflect::get(&entry, &"target".into())
                .ok()
                .and_then(|t| t.dyn_into::<Element>().ok())
            else {
                continue;
            };
            let width = js_sys::Reflect::get(&entry, &"contentRect".into())
                .and_then(|r| js_sys::Reflect::get(&r, &"width".into()))
                .ok()
                .and_then(|w| w.as_f64())
                .unwrap_or(0.0);
            match self.root_widths.iter_mut().find(|(t, _)| *t == target) {
                Some((_, known)) if (*known - width).abs() < 0.5 => {}
                Some((_, known)) => {
                    *known = width;
                    reflowed = true;
                }
                None => {
                    self.root_widths.push((target, width));
                    reflowed = true;
                }
            }
        }
        if reflowed {
            self.schedule_layout();
        } else {
            self.check_moved();
        }
    }

    /// Lays everything out again if the first, middle or last quote moved or
    /// appeared or vanished: anything added, removed or revealed above a quote
    /// moves the last one too. Three reads instead of all of them.
    fn check_moved(&mut self) {
        if self.drawn.is_empty() {
            return;
        }
        let (hx, hy, _) = self.geometry();
        let n = self.drawn.len();
        let moved = [0, n / 2, n - 1]
            .iter()
            .any(|&i| self.drawn[i].moved(hx, hy));
        if moved {
            self.schedule_layout();
        }
    }

    fn range(&self, (start, from, end, to): &Bounds) -> Option<Range> {
        let range = self.doc.create_range().ok()?;
        range.set_start(start, *from).ok()?;
        range.set_end(end, *to).ok()?;
        Some(range)
    }

    /// The core's analysis with the page's declared language (`lang` on the
    /// article or the document) as a hint; the core decides what it means.
    fn analyse(&self, text: &str) -> Analysis {
        let declared = self
            .roots
            .first()
            .and_then(|root| root.closest("[lang]").ok().flatten())
            .or_else(|| self.doc.document_element())
            .and_then(|element| element.get_attribute("lang"));
        let options = Options {
            language: declared.as_deref(),
        };
        analyze_with(text, &options)
    }

    /// A speaker's colour, kept for the life of the overlay. What the core
    /// calls a term (a quoted name of a thing), and a quote of up to three
    /// words without a speaker, is only tinted.
    fn slot(&mut self, quote: &Quote) -> Slot {
        if quote.kind == QuoteKind::Term {
            return Slot::Term;
        }
        let Some(name) = quote.speaker.as_deref() else {
            return if quote.text.split_whitespace().count() <= 3 {
                Slot::Term
            } else {
                Slot::Unattributed
            };
        };
        Slot::Speaker(match self.slots.iter().position(|s| s == name) {
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
        crate::sort::stable_by(&mut self.roots, document_order);
        if self.roots != before {
            self.observe_roots();
        }
    }

    /// Watches the size of the roots now read, and only them.
    fn observe_roots(&mut self) {
        self.root_widths.clear();
        if let Some(resize) = &self.resize {
            resize.disconnect();
            for root in &self.roots {
                resize.observe(root);
            }
        }
    }

    /// Measures every quote and moves its badge to the quote's first line, in
    /// slices of at most [`SLICE_MS`], one per animation frame.
    fn layout(&mut self) {
        self.layout_next = Some(0);
        self.layout_taken = None;
        self.layout_some(self.now() + SLICE_MS);
    }

    /// Continues the layout where the last slice stopped. Within a batch all
    /// reads come before all writes: interleaved, each quote would cost the
    /// browser a layout of the whole page.
    /// Stops at `deadline` (before the first batch, if already past it).
    fn layout_some(&mut self, deadline: f64) {
        let Some(mut at) = self.layout_next.take() else {
            return;
        };
        let started = self.now();
        let budget = deadline - started;
        if budget <= 0.0 {
            self.layout_next = Some(at);
            self.schedule_frame();
            return;
        }
        // The first read lays the page out if anything changed; the budget
        // counts from after it (the browser's layout is due before the next
        // frame anyway).
        let (hx, hy, view) = self.geometry();
        let deadline = self.now() + budget;
        while at < self.drawn.len() && self.now() < deadline {
            // A batch ends early when its reads alone take a slice: in a text
            // node of megabytes one quote's rectangles may take milliseconds.
            // Its first read may lay out again what the last batch moved, so
            // the reads are timed from after it.
            let from = at;
            let end = (at + LAYOUT_BATCH).min(self.drawn.len());
            let mut reads_from = f64::INFINITY;
            while at < end {
                self.drawn[at].measure(hx, hy, &self.window);
                at += 1;
                if at == from + 1 {
                    reads_from = self.now();
                } else if at % 8 == 0 && self.now() - reads_from >= SLICE_MS {
                    break;
                }
            }
            for d in &mut self.drawn[from..at] {
                self.layout_taken = d.place_badge(view, self.layout_taken);
                self.painter
                    .place(&self.doc, d.slot, &d.rects, &mut d.tints);
            }
        }
        if at < self.drawn.len() {
            self.layout_next = Some(at);
            self.schedule_frame();
        }
        if let Some(i) = self.card_for.filter(|&i| i < at) {
            self.place_card(i);
        }
        self.longest_slice_ms = self.longest_slice_ms.max(self.now() - started);
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
        } else {
            self.layout_some(self.now() + SLICE_MS);
        }
        if std::mem::take(&mut self.need_check) {
            self.check_moved();
        }
        self.hover();
        self.name_some_badges();
    }

    /// Badges sit in document coordinates, so scrolling the page moves them
    /// with their quotes; only a scrolling box inside the page needs a re-layout.
    fn on_scroll(&mut self, event: &Event) {
        let page = event.target().is_some_and(|t| t.has_type::<Document>());
        if !page {
            self.schedule_layout();
        }
    }

    fn on_pointer(&mut self, event: &Event) {
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
        let host: &EventTarget = self.ui.host.as_ref();
        self.pointer_on_ui = event.target().is_some_and(|t| &t == host);
        self.schedule_frame();
    }

    /// A click or a tap is a pointer that arrived there at once: the card
    /// follows now (brought into view if the page scrolled since it opened),
    /// unless the click ends a text selection.
    fn on_tap(&mut self, event: &Event) {
        let selecting = self
            .window
            .get_selection()
            .ok()
            .flatten()
            .is_some_and(|s| !s.is_collapsed());
        if !selecting {
            self.on_pointer(event);
            self.hover();
            if let Some(i) = self.card_for {
                self.place_card(i);
            }
        }
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
        let hit = self
            .drawn
            .iter()
            .position(|d| d.rects.iter().any(|r| geometry::contains(r, x, y)));
        match hit {
            Some(i) if self.card_for != Some(i) => self.show_card(i),
            Some(_) => {}
            None => self.hide_card(),
        }
    }

    fn on_pointer_over(&mut self, event: &Event) {
        self.ui_event_seen(event);
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
        self.ui_event_seen(event);
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if self.reading_click(&target) {
            return;
        }
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
        if self.reading_key(key) {
            return;
        }
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
        self.step_in(&self.same_speaker(i), i, by);
    }

    /// Moves from quote `i` to the one `by` places away in `group`.
    fn step_in(&mut self, group: &[usize], i: usize, by: isize) {
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
        // The quote's own paragraph: a badge in the margin may sit out of view.
        let target = self.drawn[next]
            .bounds
            .first()
            .and_then(|(start, ..)| start.parent_element());
        if let Some(target) = target {
            target.scroll_into_view_with_scroll_into_view_options(&options);
        }
        self.need_layout = true;
        self.layout();
        self.card_pinned = true;
        self.show_card(next);
        // Our focusin handler cannot borrow now; the card is already shown.
        if let Some(badge) = badge {
            let _ = badge.focus();
        }
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
            why: q.why.as_ref().map(|w| w.text.as_str()),
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
        let host = self.ui.host.get_bounding_client_rect();
        let (hx, hy) = (host.left(), host.top());
        // Beside the line under the pointer (a tap deep in a long quote), else the first.
        let y = self.pointer.map_or(f64::NAN, |(_, y)| y - hy);
        let Some(&[left, top, _, bottom]) = geometry::line_at(&d.rects, y) else {
            return;
        };
        // What the reader sees (a pinch-zoomed phone shows part of the layout
        // viewport), in host coordinates; unknown, the card goes where it is.
        let far = f64::INFINITY;
        let seen = self
            .window
            .visual_viewport()
            .map_or([-far, -far, far, far], |v| {
                let (x, y) = (v.offset_left(), v.offset_top());
                [x, y, x + v.width(), y + v.height()]
            });
        let view = from_client(seen, hx, hy);
        self.ui.card.place(left, bottom + 4.0, top - 14.0, view);
    }

    fn hide_card(&mut self) {
        self.ui.card.root.set_hidden(true);
        self.card_for = None;
    }

    /// Text changes in a root schedule a pass; attribute changes (a class or
    /// style that may move or reveal text) only a re-layout, which is cheaper.
    /// On a whole page, an article added elsewhere or a root taken out counts too.
    fn on_mutations(&mut self, records: &Array) {
        self.keep_host();
        if self.stepped_aside {
            return;
        }
        let mut text_changed = self.page_mode && self.roots.iter().any(|r| !r.is_connected());
        let mut moved = false;
        for record in records.iter() {
            let record = record.unchecked_into::<MutationRecord>();
            if record.type_() == "attributes" {
                moved = true;
            } else if record.target().is_some_and(|t| self.inside_roots(&t)) {
                text_changed = true;
                self.note_change(&record);
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
        // A page that restyles every millisecond gets one look per frame.
        if moved {
            self.need_check = true;
            self.schedule_frame();
        }
        if text_changed && self.job.is_some() {
            // The pass under way may or may not have read the change: read all again.
            self.rerun = true;
            self.reread = true;
        } else if text_changed {
            self.schedule_refresh(self.refresh_delay());
        }
    }

    /// Keeps what a change inside a root needs: new elements can be read on
    /// their own; new text, changed text or anything removed means the whole
    /// region is read again.
    fn note_change(&mut self, record: &MutationRecord) {
        if record.type_() != "childList" || record.removed_nodes().length() > 0 {
            self.reread = true;
            return;
        }
        let added = record.added_nodes();
        for i in 0..added.length() {
            let Some(node) = added.item(i) else { continue };
            if let Some(element) = node.dyn_ref::<Element>() {
                self.added.push(element.clone());
            } else if node
                .dyn_ref::<Text>()
                .is_some_and(|t| !t.data().trim().is_empty())
            {
                self.reread = true;
            }
        }
    }

    /// Whether our host is where we put it: a child of `<html>`.
    fn host_in_place(&self) -> bool {
        let html = self.doc.document_element();
        html.is_some() && self.ui.host.parent_node() == html.map(Node::from)
    }

    /// The page removed or moved our host: put it back later (see
    /// [`HOST_PUT_BACKS`]), or, when it did so too often, step aside.
    fn keep_host(&mut self) {
        if self.stepped_aside || self.host_timer.is_some() || self.host_in_place() {
            return;
        }
        if self.host_put_backs >= HOST_PUT_BACKS {
            self.step_aside();
            return;
        }
        let delay = HOST_BACKOFF_MS << (2 * self.host_put_backs);
        self.host_put_backs += 1;
        if let Some(f) = &self.host_fn {
            self.host_timer = self
                .window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, delay)
                .ok();
        }
    }

    fn put_host_back(&mut self) {
        self.host_timer = None;
        if self.stepped_aside || self.host_in_place() {
            return;
        }
        if let Some(html) = self.doc.document_element() {
            let _ = html.append_child(&self.ui.host);
        }
    }

    /// Removes everything the overlay added and stops watching the page, for
    /// good: the page does not want us. `onChange` is told, so the content
    /// script can detach the listeners and say so in the popup.
    fn step_aside(&mut self) {
        let told = self.reading.on_change.take();
        self.teardown();
        self.stepped_aside = true;
        if let Some(f) = told {
            self.window.queue_microtask(&f);
        }
    }

    fn teardown(&mut self) {
        if let Some(id) = self.frame.take() {
            let _ = self.window.cancel_animation_frame(id);
        }
        if let Some(id) = self.timer.take() {
            self.window.clear_timeout_with_handle(id);
        }
        if let Some(id) = self.host_timer.take() {
            self.window.clear_timeout_with_handle(id);
        }
        if let Some(observer) = self.observer.take() {
            observer.disconnect();
            live(OBSERVERS, -1);
        }
        if let Some(resize) = self.resize.take() {
            resize.disconnect();
            live(OBSERVERS, -1);
        }
        self.frame_fn = None;
        self.refresh_fn = None;
        self.host_fn = None;
        self.job = None;
        self.painter.remove();
        // Unwrapping in the fallback changed the page; those records are ours.
        self.drawn.clear();
        self.reading_teardown();
        self.ui.host.remove();
    }
}
