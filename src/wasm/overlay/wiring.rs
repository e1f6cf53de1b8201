//! The overlay's hooks into the page: its event listeners, the mutation and
//! resize observers, and the callbacks of frames and timers; kept so that
//! `detach` removes every one of them.
//!
//! Every callback borrows the state with `try_borrow_mut` and gives up when it
//! is busy: a re-entrant event (a `focus()` we caused) is dropped, never a
//! panic. Only our own UI's listeners are active (may cancel what they get);
//! the page's are passive.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicI32, Ordering::Relaxed};

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AddEventListenerOptions, Event, EventTarget, MutationObserver, MutationObserverInit, Node,
    ResizeObserver,
};

use super::State;

pub(super) type Shared = Rc<RefCell<State>>;

/// What all overlays hold on the page right now: overlays, event listeners,
/// observers. Kept for tests that toggle many times and look for leaks.
static LIVE: [AtomicI32; 3] = [AtomicI32::new(0), AtomicI32::new(0), AtomicI32::new(0)];
pub(super) const OVERLAYS: usize = 0;
const LISTENERS: usize = 1;
pub(super) const OBSERVERS: usize = 2;

pub(super) fn live(what: usize, by: i32) {
    LIVE[what].fetch_add(by, Relaxed);
}

/// `liveCounts()`: `[overlays, listeners, observers]` attached and not yet detached.
#[wasm_bindgen(js_name = liveCounts)]
pub fn live_counts() -> Vec<i32> {
    LIVE.iter().map(|n| n.load(Relaxed)).collect()
}

/// One `addEventListener`: target, event type, capture, handler.
type Listener = (EventTarget, &'static str, bool, Closure<dyn FnMut(Event)>);

/// Handlers attached to the page, kept so `detach` can remove each one.
pub(super) struct Wiring {
    listeners: Vec<Listener>,
    _frame: Closure<dyn FnMut()>,
    _refresh: Closure<dyn FnMut()>,
    _host: Closure<dyn FnMut()>,
    _mutations: Closure<dyn FnMut(Array, MutationObserver)>,
    _resized: Closure<dyn FnMut(Array)>,
}

impl Wiring {
    /// Removes every listener (the observers go with the state's teardown).
    pub fn unhook(&self) {
        for (target, kind, capture, closure) in &self.listeners {
            let f: &Function = closure.as_ref().unchecked_ref();
            if target
                .remove_event_listener_with_callback_and_bool(kind, f, *capture)
                .is_ok()
            {
                live(LISTENERS, -1);
            }
        }
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

/// A callback that runs `f` on the state when it is free.
fn callback(state: &Shared, f: fn(&mut State)) -> Closure<dyn FnMut()> {
    let state = state.clone();
    Closure::new(move || {
        if let Ok(mut s) = state.try_borrow_mut() {
            f(&mut s);
        }
    })
}

pub(super) fn wire(state: &Shared) -> Result<Wiring, JsValue> {
    let (window, doc, shadow, (root, page_mode)) = {
        let s = state.try_borrow().map_err(|_| JsValue::NULL)?;
        (
            s.page.window.clone(),
            s.page.doc.clone(),
            s.page.ui.shadow.clone(),
            s.pass.watched(),
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
        on(&win, "resize", false, |s, _| {
            s.painting.schedule_layout(&s.page)
        }),
        on(&shadow_target, "focusin", false, State::on_focus_in),
        on(&shadow_target, "focusout", false, State::on_focus_out),
        on(&shadow_target, "pointerover", false, State::on_pointer_over),
        on(&shadow_target, "click", false, State::on_click),
        on(&shadow_target, "keydown", false, State::on_key),
        // Started by our styles on hover and press: see `blocked`.
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
        on(&shadow_target, "pointerup", false, |s, e| {
            s.blocking.seen(&s.page, e)
        }),
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

    let frame = callback(state, State::on_frame);
    let refresh = callback(state, State::on_refresh_timer);
    let host = callback(state, |s| s.host.put_back(&s.page));
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

    let mut s = state.try_borrow_mut().map_err(|_| JsValue::NULL)?;
    s.page.frame_fn = Some(frame.as_ref().unchecked_ref::<Function>().clone());
    s.page.refresh_fn = Some(refresh.as_ref().unchecked_ref::<Function>().clone());
    s.host.callback = Some(host.as_ref().unchecked_ref::<Function>().clone());
    s.observer = Some(observer);
    s.pass.watch_sizes(resize);
    Ok(Wiring {
        listeners,
        _frame: frame,
        _refresh: refresh,
        _host: host,
        _mutations: mutations,
        _resized: resized,
    })
}
