//! Noticing that the page stops the pointer events our UI needs, and saying
//! so rather than showing buttons that silently do nothing.
//!
//! Our styles start an animation while the pointer is over our UI
//! (`ql-hover`) and one while it presses it (`ql-press`, cancelled on
//! release). Those come from CSS state, not from events, and are not
//! composed, so no page listener sees or stops them. A primary press released
//! on the element that brought no `click` (a `click` is dispatched before the
//! style update that ends `:active`), or two hovers in a row that brought no
//! pointer event, mean the page's capture listeners stop the events.

use wasm_bindgen::JsCast;
use web_sys::{AnimationEvent, Element, Event};

use super::page::Page;

/// A pointer over our UI with no `pointerover` for this long: the page stopped it.
const UNSEEN_MS: f64 = 500.0;
/// How long before its `:active` style a press's events may come.
const PRESS_SLACK_MS: f64 = 100.0;

#[derive(Default)]
pub(super) struct Blocking {
    /// When a pointer event last reached our root, a click, and a `pointerup`
    /// (with its button).
    ui_event_at: Option<f64>,
    clicked_at: Option<f64>,
    released_at: Option<f64>,
    released_button: i16,
    /// Hovers in a row that brought no pointer event.
    unseen_hovers: u8,
    /// The page's listeners stop pointer events before they reach our root.
    pub events_blocked: bool,
}

/// What one of our animations told.
pub(super) struct Animation {
    /// The page was just found to stop our events.
    pub newly_blocked: bool,
    /// The badge under the pointer (its quote's index): a hover the page hid
    /// still opens its card.
    pub badge: Option<usize>,
}

impl Blocking {
    /// What stops a reader from using our UI (see `Overlay::blocked`).
    pub fn blocked(&self, page: &Page) -> Option<&'static str> {
        if page.ui.host.closest("[inert]").ok().flatten().is_some() {
            Some("inert")
        } else if self.events_blocked {
            Some("events")
        } else {
            None
        }
    }

    /// A pointer event reached our root: the page lets them through.
    pub fn seen(&mut self, page: &Page, event: &Event) {
        let now = page.now();
        self.ui_event_at = Some(now);
        self.unseen_hovers = 0;
        match event.type_().as_str() {
            "click" => self.clicked_at = Some(now),
            "pointerup" => {
                self.released_at = Some(now);
                self.released_button = event
                    .dyn_ref::<web_sys::MouseEvent>()
                    .map_or(0, web_sys::MouseEvent::button);
            }
            _ => {}
        }
    }

    /// One of our hover or press animations started or was cancelled.
    pub fn on_animation(&mut self, page: &Page, event: &Event) -> Option<Animation> {
        let name = event
            .dyn_ref::<AnimationEvent>()
            .map(AnimationEvent::animation_name)?;
        let target = event.composed_path().get(0).dyn_into::<Element>().ok();
        let now = page.now();
        let blocked = match (event.type_().as_str(), name.as_str()) {
            ("animationstart", "ql-hover") => {
                if self.ui_event_at.is_some_and(|t| now - t <= UNSEEN_MS) {
                    return None;
                }
                self.unseen_hovers += 1;
                self.unseen_hovers >= 2
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
                    self.released_at.is_some_and(|t| t >= pressed_at) && self.released_button != 0;
                let clicked = self.clicked_at.is_some_and(|t| t >= pressed_at);
                still_over && !other_button && !clicked
            }
            _ => return None,
        };
        let newly_blocked = blocked && !self.events_blocked;
        if newly_blocked {
            self.events_blocked = true;
        }
        let badge = target
            .and_then(|t| t.closest(".ql-label").ok().flatten())
            .and_then(|b| b.get_attribute("data-index"))
            .and_then(|i| i.parse::<usize>().ok());
        Some(Animation {
            newly_blocked,
            badge,
        })
    }
}
