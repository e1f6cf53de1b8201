//! Keeps our host on the page, within reason: a page that removes it gets it
//! back after a wait that grows each time, at most [`HOST_PUT_BACKS`] times;
//! after that the overlay steps aside.
//!
//! Putting it back at once would fight an anti-injection script's observer,
//! and the two observers would hand the host back and forth forever, hanging
//! the tab. A page that rebuilds `<html>` once while it hydrates gets the host
//! back; one that removes it on sight has it back three times in two seconds,
//! then never.

use js_sys::Function;
use web_sys::Node;

use super::page::Page;

/// Times the host is put back after the page removed it, and the wait before
/// the first time (four times longer each time after: 100, 400, 1,600 ms).
const HOST_PUT_BACKS: u32 = 3;
const HOST_BACKOFF_MS: i32 = 100;

#[derive(Default)]
pub(super) struct Host {
    /// Times put back so far, the timer under way and its callback.
    put_backs: u32,
    timer: Option<i32>,
    pub callback: Option<Function>,
    /// The overlay gave up and removed all it added.
    pub stepped_aside: bool,
}

/// What the overlay must do about its host.
#[derive(PartialEq)]
pub(super) enum Keep {
    /// Nothing: it is in place, or on its way back.
    Waiting,
    /// The page removed it once too often: remove everything and stop.
    StepAside,
}

impl Host {
    /// The page may have removed or moved our host: if so, put it back later,
    /// or, when it did so too often, ask to step aside.
    pub fn keep(&mut self, page: &Page) -> Keep {
        if self.stepped_aside || self.timer.is_some() || in_place(page) {
            return Keep::Waiting;
        }
        if self.put_backs >= HOST_PUT_BACKS {
            return Keep::StepAside;
        }
        let delay = HOST_BACKOFF_MS << (2 * self.put_backs);
        self.put_backs += 1;
        if let Some(f) = &self.callback {
            self.timer = page
                .window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, delay)
                .ok();
        }
        Keep::Waiting
    }

    /// The wait is over: the host goes back under `<html>` if still missing.
    pub fn put_back(&mut self, page: &Page) {
        self.timer = None;
        if self.stepped_aside || in_place(page) {
            return;
        }
        if let Some(html) = page.doc.document_element() {
            let _ = html.append_child(&page.ui.host);
        }
    }

    /// Cancels a put-back under way and forgets its callback.
    pub fn stop(&mut self, page: &Page) {
        if let Some(id) = self.timer.take() {
            page.window.clear_timeout_with_handle(id);
        }
        self.callback = None;
    }
}

/// Whether our host is where we put it: a child of `<html>`.
fn in_place(page: &Page) -> bool {
    let html = page.doc.document_element();
    html.is_some() && page.ui.host.parent_node() == html.map(Node::from)
}
