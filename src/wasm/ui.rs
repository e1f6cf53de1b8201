//! Our own UI, and only that: the host element with its closed shadow root,
//! the speaker badges and the hover card.
//!
//! Everything lives in one host appended to `<html>`, so removing the host
//! removes all of it. The host is a plain `<div>`, not a custom element the
//! page could define first; its shadow root is closed, so page scripts cannot
//! read or rewrite a badge; `:host` rules marked `!important` beat the page's
//! own (inside a shadow tree, important rules win over the outer document), so
//! page CSS cannot hide or move it. Our styles are a constructed style sheet in
//! `adoptedStyleSheets`: no `<style>` element, which a page CSP of
//! `style-src 'self'` would refuse. Page text only ever enters through
//! `textContent`, never as HTML.
//!
//! Tests need to look inside: when the global `__quotelensTestHook` is set (by
//! the test build's WASM glue module, or by a test in the page's own world) the
//! root is open and the host is marked `data-quotelens-test`. The shipped
//! build never sets it, and a page cannot set the extension's globals.
//!
//! The host has layout containment: moving a thousand badges then dirties the
//! layout of our host only, not the page's, so the next batch's reads of page
//! rectangles do not lay the whole page out again.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CssStyleSheet, Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use super::geometry::Rect;
use super::paint::{colour_class, Slot, PALETTE};
use super::placement::card_spot;
use crate::export::fixed;
use crate::part::part;

/// A tag the page cannot define as a custom element, and that may host a shadow root.
const HOST_TAG: &str = "div";
/// The global that opens the root for tests (see the module docs).
const TEST_HOOK: &str = "__quotelensTestHook";

super::css::minified_css! {
    /// The host, badges and card (`styles/overlay.css`); the colours, tints and
    /// panel follow it in the same sheet (see [`adopt_styles`]).
    const STYLE = "styles/overlay.css";
}

/// The host, its shadow root, and the card inside it.
pub struct Ui {
    pub host: Element,
    pub shadow: ShadowRoot,
    pub card: Card,
    /// The test build: the root is open and the painter lists its ranges.
    pub for_tests: bool,
}

/// The hover card's parts, filled with `textContent` only.
pub struct Card {
    pub root: HtmlElement,
    dot: HtmlElement,
    name: HtmlElement,
    role: HtmlElement,
    meta: HtmlElement,
    /// Why this speaker, in plain words (the quote's `why`).
    why: HtmlElement,
    count: HtmlElement,
    pub prev: HtmlElement,
    pub next: HtmlElement,
    copy: HtmlElement,
    /// Said when the page stops our clicks (see `overlay/blocked.rs`).
    blocked: HtmlElement,
}

/// The copy button while the browser writes the clipboard.
const COPYING: &str = "Copying…";

/// What the card and panel say when the page stops the clicks they need.
pub const BLOCKED: &str =
    "This page stops clicks from reaching Quotelens, so these buttons cannot work here.";

/// What the card says about one quote.
pub struct CardText<'a> {
    pub speaker: Option<&'a str>,
    pub role: Option<&'a str>,
    pub cue: Option<&'a str>,
    pub confidence: f32,
    /// Why this speaker: `after the quote, “said” names “he”; he = …`.
    pub why: Option<&'a str>,
    /// 1-based position among this speaker's quotes, and their number.
    pub nth: usize,
    pub of: usize,
    pub slot: Slot,
}

pub fn make(
    doc: &Document,
    tag: &str,
    class: &str,
    parent: &web_sys::Node,
) -> Result<HtmlElement, JsValue> {
    let el: HtmlElement = doc.create_element(tag)?.dyn_into()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    parent.append_child(&el)?;
    Ok(el)
}

/// Our styles as a constructed sheet adopted by the shadow root, with one
/// class per speaker colour (`ql-c0` …, `ql-none`).
fn adopt_styles(shadow: &ShadowRoot) -> Result<(), JsValue> {
    let mut css = STYLE.to_string();
    let slots = (0..PALETTE.len())
        .map(Slot::Speaker)
        .chain([Slot::Unattributed, Slot::Term]);
    for slot in slots {
        let (r, g, b) = super::paint::rgb(slot);
        css.push_str(&format!(
            ".{} {{ background: rgb({r}, {g}, {b}); }}\n",
            colour_class(slot)
        ));
    }
    css.push_str(&super::paint::tint_style());
    css.push_str(super::theme::PANEL_STYLE);
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(&css)?;
    Reflect::set(shadow, &"adoptedStyleSheets".into(), &Array::of1(&sheet))?;
    Ok(())
}

impl Ui {
    /// Creates the host (not yet in the page).
    pub fn new(doc: &Document) -> Result<Ui, JsValue> {
        let host = doc.create_element(HOST_TAG)?;
        let for_tests =
            Reflect::get(&js_sys::global(), &TEST_HOOK.into()).is_ok_and(|v| v.is_truthy());
        let mode = if for_tests {
            host.set_attribute("data-quotelens-test", "")?;
            ShadowRootMode::Open
        } else {
            ShadowRootMode::Closed
        };
        let shadow = host.attach_shadow(&ShadowRootInit::new(mode))?;
        adopt_styles(&shadow)?;
        let root = make(doc, "div", "ql-card", &shadow)?;
        root.set_hidden(true);
        root.set_attribute("role", "dialog")?;
        root.set_attribute("aria-label", "Quote speaker")?;
        let name = make(doc, "div", "ql-name", &root)?;
        let dot = make(doc, "span", "ql-dot", &name)?;
        let name_text = make(doc, "span", "ql-fullname", &name)?;
        let role = make(doc, "div", "ql-role", &root)?;
        let meta = make(doc, "div", "ql-meta", &root)?;
        // Styled as the line above it: the same small print.
        let why = make(doc, "div", "ql-meta", &root)?;
        let nav = make(doc, "div", "ql-nav", &root)?;
        let prev = make(doc, "button", "ql-prev", &nav)?;
        prev.set_text_content(Some("‹"));
        prev.set_attribute("aria-label", "Previous quote by this speaker")?;
        let count = make(doc, "span", "ql-count", &nav)?;
        let next = make(doc, "button", "ql-next", &nav)?;
        next.set_text_content(Some("›"));
        next.set_attribute("aria-label", "Next quote by this speaker")?;
        let copy = make(doc, "button", "ql-copy", &nav)?;
        copy.set_attribute("aria-label", "Copy this quote with its source")?;
        let blocked = make(doc, "div", "ql-blocked", &root)?;
        blocked.set_hidden(true);
        let card = Card {
            root,
            dot,
            name: name_text,
            role,
            meta,
            why,
            count,
            prev,
            next,
            copy,
            blocked,
        };
        Ok(Ui {
            host,
            shadow,
            card,
            for_tests,
        })
    }

    /// A badge for one quote: the speaker's short name, `data-speaker` the
    /// canonical name (empty when unattributed), focusable for the keyboard.
    pub fn badge(
        &self,
        doc: &Document,
        index: usize,
        speaker: Option<&str>,
        slot: Slot,
    ) -> Result<HtmlElement, JsValue> {
        let badge = make(doc, "span", "ql-label", &self.shadow)?;
        // Shown when laid out: a thousand new badges then cost no layout at once.
        badge.set_hidden(true);
        badge.class_list().add_1(&colour_class(slot))?;
        if speaker.is_none() {
            badge.class_list().add_1("ql-quiet")?;
        }
        badge.set_attribute("data-speaker", speaker.unwrap_or(""))?;
        badge.set_attribute("data-index", &index.to_string())?;
        badge.set_attribute("tabindex", "0")?;
        badge.set_attribute("role", "button")?;
        let label = match speaker {
            Some(name) => format!("Quote by {name}"),
            None => "Unattributed quote".to_string(),
        };
        badge.set_attribute("aria-label", &label)?;
        badge.set_text_content(Some(
            &speaker.map(short_name).unwrap_or_else(|| "?".to_string()),
        ));
        Ok(badge)
    }

    /// Moves the card after the badges in the shadow root, so it paints on top.
    pub fn raise_card(&self) {
        let _ = self.shadow.append_child(&self.card.root);
    }
}

impl Card {
    pub fn fill(&self, text: &CardText) {
        self.dot
            .set_class_name(&format!("ql-dot {}", colour_class(text.slot)));
        self.name
            .set_text_content(Some(text.speaker.unwrap_or("Unattributed quote")));
        self.role.set_text_content(text.role);
        self.role.set_hidden(text.role.is_none());
        let meta = match (text.speaker, text.cue) {
            (None, _) => "No speaker found near this quote".to_string(),
            (Some(_), Some(cue)) => format!("“{cue}” · confidence {}%", percent(text.confidence)),
            (Some(_), None) => format!("confidence {}%", percent(text.confidence)),
        };
        self.meta.set_text_content(Some(&meta));
        // Page text reaches the card only as text.
        self.why.set_text_content(text.why);
        self.why.set_hidden(text.why.is_none());
        let count = if text.speaker.is_some() {
            let noun = if text.of == 1 { "quote" } else { "quotes" };
            format!("{} of {} {noun} by this speaker", text.nth, text.of)
        } else {
            format!("{} of {} unattributed", text.nth, text.of)
        };
        self.count.set_text_content(Some(&count));
        set_disabled(&self.prev, text.nth <= 1);
        set_disabled(&self.next, text.nth >= text.of);
        self.copy.set_text_content(Some("Copy"));
    }

    pub fn say_blocked(&self) {
        self.blocked.set_text_content(Some(BLOCKED));
        self.blocked.set_hidden(false);
    }

    pub fn copy_button(&self) -> HtmlElement {
        self.copy.clone()
    }

    /// Says on the copy button whether the quote reached the clipboard: `None`
    /// while the browser has not answered yet. A late answer is dropped when
    /// the card has moved to another quote since (its button says "Copy").
    pub fn say_copied(button: &HtmlElement, ok: Option<bool>) {
        let text = match ok {
            None => COPYING,
            Some(true) => "Copied",
            Some(false) => "Copy failed",
        };
        if ok.is_none() || button.text_content().as_deref() == Some(COPYING) {
            button.set_text_content(Some(text));
        }
    }

    /// Places the card below (or above, near the bottom) a point, wholly
    /// inside `view` (the visible area) with a margin, in host coordinates.
    pub fn place(&self, x: f64, y_below: f64, y_above: f64, view: Rect) {
        let style = self.root.style();
        let width = self.root.offset_width().max(200) as f64;
        let height = self.root.offset_height().max(80) as f64;
        let (left, top) = card_spot(x, y_below, y_above, (width, height), view);
        let _ = style.set_property("left", &format!("{}px", fixed(left, 1)));
        let _ = style.set_property("top", &format!("{}px", fixed(top, 1)));
    }
}

fn set_disabled(button: &HtmlElement, disabled: bool) {
    if disabled {
        let _ = button.set_attribute("disabled", "");
    } else {
        let _ = button.remove_attribute("disabled");
    }
}

/// The name a badge shows: a person's surname (`Antony Blinken` → `Blinken`),
/// both surnames for a pair (`Blinken & Lammy`), or the whole name of anything
/// else (`the Foreign Office`), cut to fit. Presentation only; the core chose
/// the canonical name.
pub fn short_name(name: &str) -> String {
    let short = match crate::find::find(name, " and ") {
        Some(at) => format!(
            "{} & {}",
            surname(part(name, ..at)),
            surname(part(name, at + 5..))
        ),
        None => surname(name).to_string(),
    };
    if short.chars().count() > 22 {
        let cut: String = short.chars().take(21).collect();
        format!("{cut}…")
    } else {
        short
    }
}

fn surname(name: &str) -> &str {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if (2..=4).contains(&words.len()) && capitalised {
        words[words.len() - 1]
    } else {
        name.trim()
    }
}

/// A confidence in [0, 1] as a whole percentage.
fn percent(confidence: f32) -> String {
    fixed(f64::from(confidence) * 100.0, 0)
}
