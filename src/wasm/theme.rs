//! How our marks read on any page: the *Who said what* panel's styles, dark
//! and forced-colours variants of our UI, and the page-level rules that dim
//! other speakers' highlights and flash the quote a reader jumped to.
//!
//! Our UI lives in the shadow root and follows `prefers-color-scheme`; on a
//! dark site with a light browser it keeps its own light surfaces, so its
//! text contrast never depends on the page. Under `forced-colors` (Windows
//! high contrast) the browser replaces our colours with system colours, so
//! every surface gets a border and every quote an underline in `Mark`: a
//! quote stays visibly marked when background tints are gone.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Document, Range, Window};

use super::paint::{adopt_sheet, call, highlight_name, tone, unadopt_sheet, Slot, TONES};

/// The panel, the card's copy button, and the forced-colours rules for all
/// of our UI; added to the shadow root after the overlay's own styles.
pub const PANEL_STYLE: &str = r#"
.ql-panel { position: fixed; inset: auto; margin: 0; padding: 0; overflow: hidden;
  top: 8px; bottom: 8px; right: 8px; width: min(22rem, calc(100vw - 16px)); height: auto;
  box-sizing: border-box; display: flex; flex-direction: column; pointer-events: auto;
  background: #fffdf8; color: #1c1917; border: 1px solid #d6d3d1; border-radius: 10px;
  box-shadow: 0 8px 32px rgba(0,0,0,.3); font: 13px/1.4 system-ui, sans-serif; text-align: left; }
.ql-panel[hidden] { display: none; }
.ql-panel.ql-left { right: auto; left: 8px; }
.ql-panel.ql-bottom { top: auto; left: 8px; right: 8px; width: auto; height: 40vh; }
.ql-panel header { display: flex; align-items: center; gap: 8px; padding: 10px 12px 4px; }
.ql-panel h2 { flex: 1; margin: 0; font-size: 15px; font-weight: 700; }
.ql-panel h2:focus { outline: none; }
.ql-panel h2:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.ql-panel .ql-summary { margin: 0; padding: 0 12px 8px; color: #44403c; border-bottom: 1px solid #e7e5e4; }
.ql-panel .ql-groups { flex: 1; overflow: auto; padding: 4px 8px 8px; overscroll-behavior: contain; }
.ql-panel h3 { margin: 8px 0 2px; font: inherit; }
.ql-panel ol { margin: 0; padding: 0 0 0 22px; }
.ql-panel li { margin: 1px 0; }
.ql-panel button { font: inherit; color: inherit; cursor: pointer; }
.ql-panel .ql-speaker { display: flex; width: 100%; align-items: baseline; gap: 6px; padding: 4px 6px;
  border: 1px solid transparent; border-radius: 6px; background: none; text-align: left; }
.ql-panel .ql-speaker[aria-pressed="true"] { border-color: #78716c; background: #f5f5f4; }
.ql-panel .ql-who { font-weight: 700; }
.ql-panel .ql-role { color: #57534e; flex: 1; }
.ql-panel .ql-n { color: #44403c; white-space: nowrap; }
.ql-panel .ql-dot { width: 10px; height: 10px; border-radius: 50%; flex: none; align-self: center; }
.ql-panel .ql-quote { display: block; width: 100%; padding: 2px 6px; border: 0; border-radius: 4px;
  background: none; text-align: left; }
.ql-panel .ql-quote:hover, .ql-panel .ql-speaker:hover { background: #f5f5f4; }
.ql-panel .ql-group.ql-dimmed { opacity: .6; }
.ql-panel footer { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 8px 12px; border-top: 1px solid #e7e5e4; }
.ql-panel footer span { flex: 1; color: #44403c; }
.ql-panel footer button, .ql-panel .ql-close, .ql-card .ql-copy { padding: 2px 8px; border: 1px solid #a8a29e;
  border-radius: 5px; background: #f5f5f4; }
.ql-panel .ql-close { width: 26px; height: 24px; padding: 0; }
.ql-panel button:focus-visible, .ql-card button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
.ql-card .ql-copy { width: auto; margin-left: 4px; }
.ql-card .ql-said { margin-top: 4px; font-style: italic; }
.ql-label.ql-dimmed { opacity: .35; }
/* A see-through badge's grey text vanishes on a dark page: an opaque light pill reads on any. */
.ql-label.ql-quiet:not(.ql-compact) { background: #fafaf9; color: #44403c; }
@media (prefers-color-scheme: dark) {
  .ql-panel { background: #1c1917; color: #f5f5f4; border-color: #57534e; }
  .ql-panel .ql-summary, .ql-panel .ql-role, .ql-panel .ql-n, .ql-panel footer span { color: #d6d3d1; }
  .ql-panel .ql-summary, .ql-panel footer { border-color: #44403c; }
  .ql-panel .ql-speaker[aria-pressed="true"], .ql-panel .ql-quote:hover, .ql-panel .ql-speaker:hover { background: #292524; }
  .ql-panel footer button, .ql-panel .ql-close, .ql-card .ql-copy { background: #292524; border-color: #78716c; }
  .ql-panel button:focus-visible, .ql-card button:focus-visible, .ql-panel h2:focus-visible { outline-color: #93c5fd; }
}
@media (forced-colors: active) {
  .ql-label { border: 1px solid CanvasText; forced-color-adjust: none; background: Mark !important; color: MarkText; }
  .ql-card, .ql-panel { border: 2px solid CanvasText; }
  .ql-panel .ql-speaker[aria-pressed="true"] { border-color: Highlight; }
  .ql-card button, .ql-panel button { border: 1px solid ButtonText; }
}
"#;

/// The highlight a jump flashes: above the speaker colours, dark on yellow.
const FLASH: &str = "quotelens-flash";
const FLASH_MS: i32 = 2000;

/// Our rules on the page itself (an adopted sheet, removed with the overlay):
/// the flash, forced colours, and the dimming of other speakers.
pub struct PageStyle {
    doc: Document,
    sheet: Option<CssStyleSheet>,
    /// Rules at index `base..` are the current dimming; the fixed rules come first.
    base: u32,
    flash: Option<JsValue>,
}

fn all_names() -> Vec<String> {
    (0..TONES).map(highlight_name).collect()
}

impl PageStyle {
    pub fn new(doc: &Document) -> PageStyle {
        let marked: Vec<String> = all_names()
            .iter()
            .chain(std::iter::once(&FLASH.to_string()))
            .map(|n| format!("::highlight({n})"))
            .collect();
        let rules = format!(
            "::highlight({FLASH}) {{ background-color: #fde047; color: #1c1917; text-decoration: underline 3px #1c1917; }}\n\
             @media (forced-colors: active) {{ {} {{ background-color: Mark; color: MarkText; text-decoration: underline 2px; }} }}",
            marked.join(", ")
        );
        let sheet = adopt_sheet(doc, &rules);
        let base = sheet
            .as_ref()
            .and_then(|s| s.css_rules().ok())
            .map_or(0, |r| r.length());
        PageStyle {
            doc: doc.clone(),
            sheet,
            base,
            flash: None,
        }
    }

    /// Fades every colour but `keep`'s (all of them back with `None`): their
    /// quotes keep a faint grey underline so they are still findable. Speakers
    /// who share a colour (the palette repeats) stay lit together.
    pub fn dim_all_but(&self, keep: Option<Slot>) {
        let Some(sheet) = &self.sheet else { return };
        while sheet.css_rules().map(|r| r.length()).unwrap_or(0) > self.base {
            if sheet.delete_rule(self.base).is_err() {
                break;
            }
        }
        let Some(keep) = keep else { return };
        let kept = highlight_name(tone(keep));
        let dimmed: Vec<String> = all_names()
            .into_iter()
            .filter(|n| *n != kept)
            .map(|n| format!("::highlight({n})"))
            .collect();
        let rule = format!(
            "{} {{ background-color: transparent !important; text-decoration: underline 1px rgba(120, 113, 108, .6) !important; }}",
            dimmed.join(", ")
        );
        let _ = sheet.insert_rule_with_index(&rule, self.base);
    }

    /// Paints `ranges` in the flash colour for two seconds.
    pub fn flash(&mut self, window: &Window, ranges: &[Range]) {
        let Some(flash) = self.flash_highlight() else {
            return;
        };
        call(&flash, "clear", &[]);
        for range in ranges {
            call(&flash, "add", &[range.into()]);
        }
        let fade = Closure::once_into_js(move || call(&flash, "clear", &[]));
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(fade.unchecked_ref(), FLASH_MS);
    }

    fn flash_highlight(&mut self) -> Option<JsValue> {
        if self.flash.is_none() {
            let global = js_sys::global();
            let registry = Reflect::get(
                &Reflect::get(&global, &"CSS".into()).ok()?,
                &"highlights".into(),
            )
            .ok()?;
            let constructor: Function = Reflect::get(&global, &"Highlight".into())
                .ok()?
                .dyn_into()
                .ok()?;
            let highlight = Reflect::construct(&constructor, &Array::new()).ok()?;
            let _ = Reflect::set(&highlight, &"priority".into(), &JsValue::from(10));
            call(&registry, "set", &[FLASH.into(), highlight.clone()]);
            self.flash = Some(highlight);
        }
        self.flash.clone()
    }

    /// Takes our rules and the flash highlight off the page.
    pub fn remove(&mut self) {
        if let Some(sheet) = self.sheet.take() {
            unadopt_sheet(&self.doc, &sheet);
        }
        if self.flash.take().is_some() {
            if let Some(registry) = Reflect::get(&js_sys::global(), &"CSS".into())
                .ok()
                .and_then(|css| Reflect::get(&css, &"highlights".into()).ok())
            {
                call(&registry, "delete", &[FLASH.into()]);
            }
        }
    }
}
