//! The overlay's JavaScript API: `Overlay.attach(root)`, `attachToPage()`,
//! and what the content script and the tests ask of an overlay (see the
//! module docs of `wasm`). Each call borrows the state only if it is free,
//! and answers with nothing rather than fail.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::super::paint::Painter;
use super::super::ui::Ui;
use super::blocked::Blocking;
use super::host::Host;
use super::interaction::Interaction;
use super::names::BadgeNames;
use super::page::Page;
use super::painting::Painting;
use super::panel::Panel;
use super::pass::Pass;
use super::wiring::{live, wire, Shared, Wiring, OVERLAYS};
use super::{State, SLICE_MS};

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
            wiring.unhook();
            live(OVERLAYS, -1);
            if let Ok(mut state) = self.state.try_borrow_mut() {
                state.teardown();
            }
        }
    }

    /// How many quotes the panel lists (terms are tinted, not counted).
    #[wasm_bindgen(js_name = quoteCount)]
    pub fn quote_count(&self) -> usize {
        // Quoted names of things are tinted, not counted: the panel's list.
        self.state
            .try_borrow()
            .map(|s| s.painting.listed().len())
            .unwrap_or(0)
    }

    /// How many speakers have a badge colour.
    #[wasm_bindgen(js_name = speakerCount)]
    pub fn speaker_count(&self) -> usize {
        self.state
            .try_borrow()
            .map(|s| s.painting.speaker_count())
            .unwrap_or(0)
    }

    /// Milliseconds of the longest slice of work done without yielding to the
    /// page (the figure that matters for responsiveness; a pass may take many).
    #[wasm_bindgen(js_name = longestSliceMs)]
    pub fn longest_slice_ms(&self) -> f64 {
        self.state
            .try_borrow()
            .map(|s| s.page.longest_slice_ms())
            .unwrap_or(0.0)
    }

    /// `stageMs()`: milliseconds of the last pass per stage: walk, analysis,
    /// ranges (with badges), highlights, layout (its first slice).
    #[wasm_bindgen(js_name = stageMs)]
    pub fn stage_ms(&self) -> Vec<f64> {
        self.state
            .try_borrow()
            .map(|s| s.pass.stages().to_vec())
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
            if state.panel.is_open() {
                state.panel.close();
            } else {
                state.open_panel(None);
            }
        }
    }

    /// What the page does that stops a reader from using our UI, said rather
    /// than hidden: `"inert"` (it made our host inert), `"events"` (its
    /// listeners stop the pointer events our badges and buttons need), or null.
    pub fn blocked(&self) -> Option<String> {
        self.state
            .try_borrow()
            .ok()
            .and_then(|s| s.blocking.blocked(&s.page).map(str::to_string))
    }

    /// Whether the *Who said what* panel is open.
    #[wasm_bindgen(js_name = panelOpen)]
    pub fn panel_open(&self) -> bool {
        self.state.try_borrow().is_ok_and(|s| s.panel.is_open())
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
            state.on_change = f;
        }
    }

    /// `steppedAside()`: true once the page removed our host more often than we
    /// put it back; the overlay has then removed all it added (see the module docs).
    #[wasm_bindgen(js_name = steppedAside)]
    pub fn stepped_aside(&self) -> bool {
        self.state.try_borrow().is_ok_and(|s| s.host.stepped_aside)
    }

    /// `textCapped()`: the last pass read only the first
    /// [`super::extract::MAX_TEXT_BYTES`] of the page's text.
    #[wasm_bindgen(js_name = textCapped)]
    pub fn text_capped(&self) -> bool {
        self.state.try_borrow().is_ok_and(|s| s.pass.capped())
    }

    /// Milliseconds of the last full pass: extract, analyse, paint and draw.
    #[wasm_bindgen(js_name = lastPassMs)]
    pub fn last_pass_ms(&self) -> f64 {
        self.state
            .try_borrow()
            .map(|s| s.pass.last_pass_ms())
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
            page: Page::new(window, doc, ui),
            pass: Pass::new(root, page_mode),
            painting: Painting::new(painter),
            interaction: Interaction::default(),
            panel: Panel::default(),
            names: BadgeNames::default(),
            blocking: Blocking::default(),
            host: Host::default(),
            need_check: false,
            observer: None,
            on_change: None,
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
