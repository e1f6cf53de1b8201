//! What every room of the overlay works with: the window, the document, our
//! UI in it, the clock, and the two callbacks the rooms may ask for (the next
//! animation frame, and a pass after a wait).
//!
//! The rooms share one `Page` by reference. The pending frame and timer live
//! in cells, so any room can ask for a frame while another room is borrowed
//! mutably, and asking twice still schedules one.

use std::cell::Cell;

use js_sys::Function;
use web_sys::{Document, Window};

use super::super::geometry::Rect;
use super::super::placement::View;
use super::super::ui::Ui;

pub(super) struct Page {
    pub window: Window,
    pub doc: Document,
    pub ui: Ui,
    /// The animation frame asked for, and the timer of the next pass.
    frame: Cell<Option<i32>>,
    timer: Cell<Option<i32>>,
    /// What the frame and the timer call (set by the wiring, gone at teardown).
    pub frame_fn: Option<Function>,
    pub refresh_fn: Option<Function>,
    /// The longest stretch of work done without yielding, in milliseconds.
    longest_slice_ms: Cell<f64>,
}

impl Page {
    pub fn new(window: Window, doc: Document, ui: Ui) -> Page {
        Page {
            window,
            doc,
            ui,
            frame: Cell::new(None),
            timer: Cell::new(None),
            frame_fn: None,
            refresh_fn: None,
            longest_slice_ms: Cell::new(0.0),
        }
    }

    pub fn now(&self) -> f64 {
        self.window.performance().map(|p| p.now()).unwrap_or(0.0)
    }

    /// Counts the work since `started` as one slice, for `longestSliceMs()`.
    pub fn note_slice(&self, started: f64) {
        let spent = self.now() - started;
        self.longest_slice_ms
            .set(self.longest_slice_ms.get().max(spent));
    }

    pub fn longest_slice_ms(&self) -> f64 {
        self.longest_slice_ms.get()
    }

    pub fn schedule_frame(&self) {
        if self.frame.get().is_none() {
            if let Some(f) = &self.frame_fn {
                self.frame.set(self.window.request_animation_frame(f).ok());
            }
        }
    }

    /// The frame asked for has come.
    pub fn frame_came(&self) {
        self.frame.set(None);
    }

    /// A pass after `delay` ms, unless one is already waiting.
    pub fn schedule_refresh(&self, delay: i32) {
        if self.timer.get().is_some() {
            return;
        }
        if let Some(f) = &self.refresh_fn {
            self.timer.set(
                self.window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(f, delay)
                    .ok(),
            );
        }
    }

    /// The timer of the pass has fired.
    pub fn refresh_came(&self) {
        self.timer.set(None);
    }

    /// Cancels the frame and the timer, and forgets their callbacks.
    pub fn stop(&mut self) {
        if let Some(id) = self.frame.take() {
            let _ = self.window.cancel_animation_frame(id);
        }
        if let Some(id) = self.timer.take() {
            self.window.clear_timeout_with_handle(id);
        }
        self.frame_fn = None;
        self.refresh_fn = None;
    }

    /// The host's client position and the visible horizontal extent.
    pub fn geometry(&self) -> (f64, f64, View) {
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

    /// What the reader sees (a pinch-zoomed phone shows part of the layout
    /// viewport), in client coordinates; unknown, everything.
    pub fn seen(&self) -> Rect {
        let far = f64::INFINITY;
        self.window
            .visual_viewport()
            .map_or([-far, -far, far, far], |v| {
                let (x, y) = (v.offset_left(), v.offset_top());
                [x, y, x + v.width(), y + v.height()]
            })
    }
}
