//! Colours quote text, and nothing else, from inside our closed shadow root:
//! each line of a quote gets a tinted, underlined box drawn at the line's
//! client rectangle, laid out with the badges (`overlay`). Nothing of ours
//! goes into the page's registries: no `CSS.highlights` entry the page could
//! list (with every range we marked), no style sheet in
//! `document.adoptedStyleSheets`, no element in its DOM. The boxes take no
//! pointer events, so text stays selectable and links clickable under them.
//!
//! The cost against the Custom Highlight API, which painted behind the text:
//! a box is above the text, so the tint is light (the text shows through);
//! text the page clips (an `overflow` box scrolled past the quote) is clipped
//! by the page, not by us, so the boxes hide when their quote's first line is
//! not shown; and they follow the text a frame after a reflow, as the badges do.
//!
//! The test build (see `ui`) also lists the ranges in `CSS.highlights`
//! under `quotelens-*`, unstyled, so the e2e tests can read what was marked.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement, Range, ShadowRoot, Window};

use super::geometry::Rect;
use crate::export::fixed;

/// Speaker colours: dark enough for white badge text (WCAG AA), and used at
/// low alpha behind text so they read on light and dark pages alike.
pub const PALETTE: &[(u8, u8, u8)] = &[
    (180, 83, 9),   // amber
    (3, 105, 161),  // sky
    (190, 24, 93),  // pink
    (21, 128, 61),  // green
    (109, 40, 217), // violet
    (194, 65, 12),  // orange
    (15, 118, 110), // teal
    (185, 28, 28),  // red
];
/// Grey for quotes without a speaker.
pub const UNATTRIBUTED: (u8, u8, u8) = (87, 83, 78);

/// How a quote is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The n-th speaker of the page, in order of first appearance; colours
    /// repeat after [`PALETTE`], the highlight of each speaker stays.
    Speaker(usize),
    /// A longer quote nobody was found for: grey, with a subdued badge.
    Unattributed,
    /// A quoted term of one to three words with no speaker (“so-called”
    /// usage, a title): a faint highlight and no badge.
    Term,
}

pub fn rgb(slot: Slot) -> (u8, u8, u8) {
    match slot {
        Slot::Speaker(i) => PALETTE[i % PALETTE.len()],
        Slot::Unattributed | Slot::Term => UNATTRIBUTED,
    }
}

/// The colour's index among the [`TONES`]: one highlight (and one CSS class)
/// per colour, shared by every speaker who has it.
pub fn tone(slot: Slot) -> usize {
    match slot {
        Slot::Speaker(i) => i % PALETTE.len(),
        Slot::Unattributed => PALETTE.len(),
        Slot::Term => PALETTE.len() + 1,
    }
}

/// Every colour in use: the palette, unattributed, terms.
pub const TONES: usize = PALETTE.len() + 2;

fn tone_name(tone: usize) -> String {
    match tone {
        t if t < PALETTE.len() => format!("c{t}"),
        t if t == PALETTE.len() => "none".to_string(),
        _ => "term".to_string(),
    }
}

/// The CSS class of a badge or dot in this colour (our shadow root's sheet).
pub fn colour_class(slot: Slot) -> String {
    format!("ql-{}", tone_name(tone(slot)))
}

/// The test build's name for a colour's ranges in `CSS.highlights`.
fn highlight_name(tone: usize) -> String {
    format!("quotelens-{}", tone_name(tone))
}

/// How long a jump's flash lasts.
const FLASH_MS: i32 = 2000;

/// The tint boxes' rules, one class per colour, for our shadow root's sheet:
/// a light tint and an underline; terms a fainter tint only. A chosen speaker
/// (`ql-keep-N` on the layer) dims every other colour to a grey underline; a
/// jump's flash is dark on yellow; forced colours keep only an underline.
pub fn tint_style() -> String {
    let mut css = String::from(
        ".ql-tints { position: absolute; left: 0; top: 0; width: 0; height: 0; pointer-events: none; }\n\
         .ql-tint { position: absolute; pointer-events: none; box-sizing: border-box; }\n",
    );
    for tone in 0..TONES {
        let slot = match tone {
            t if t < PALETTE.len() => Slot::Speaker(t),
            t if t == PALETTE.len() => Slot::Unattributed,
            _ => Slot::Term,
        };
        let (r, g, b) = rgb(slot);
        let paint = if slot == Slot::Term {
            format!("background: rgba({r}, {g}, {b}, 0.10);")
        } else {
            format!(
                "background: rgba({r}, {g}, {b}, 0.16); border-bottom: 2px solid rgba({r}, {g}, {b}, 0.9);"
            )
        };
        css.push_str(&format!(".ql-t{tone} {{ {paint} }}\n"));
        css.push_str(&format!(
            ".ql-tints.ql-keep-{tone} .ql-tint:not(.ql-t{tone}) {{ background: transparent; \
             border-bottom: 1px solid rgba(120, 113, 108, .6); }}\n"
        ));
    }
    css.push_str(
        ".ql-tint.ql-flash { background: rgba(253, 224, 71, .45); border-bottom: 3px solid #1c1917; }\n\
         @media (forced-colors: active) { .ql-tint { forced-color-adjust: none; background: transparent !important; \
         border-bottom: 2px solid Mark !important; } }\n",
    );
    css
}

/// The layer of tint boxes in our shadow root, below the badges and card.
pub struct Painter {
    layer: HtmlElement,
    /// The test build's `CSS.highlights` entries, one per colour (unstyled).
    listed: Option<Listed>,
}

struct Listed {
    registry: JsValue,
    tones: Vec<JsValue>,
}

impl Painter {
    pub fn new(doc: &Document, shadow: &ShadowRoot, for_tests: bool) -> Result<Painter, JsValue> {
        let layer: HtmlElement = doc.create_element("div")?.dyn_into()?;
        layer.set_class_name("ql-tints");
        shadow.insert_before(&layer, shadow.first_child().as_ref())?;
        let listed = if for_tests { Listed::new() } else { None };
        Ok(Painter { layer, listed })
    }

    /// Draws one box per rectangle (host coordinates) in `slot`'s colour,
    /// reusing the quote's boxes from its last layout.
    pub fn place(&self, doc: &Document, slot: Slot, rects: &[Rect], tints: &mut Vec<HtmlElement>) {
        while tints.len() > rects.len() {
            if let Some(t) = tints.pop() {
                t.remove();
            }
        }
        while tints.len() < rects.len() {
            let Some(t) = doc
                .create_element("div")
                .ok()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            else {
                return;
            };
            t.set_class_name(&format!("ql-tint ql-t{}", tone(slot)));
            if self.layer.append_child(&t).is_err() {
                return;
            }
            tints.push(t);
        }
        let px = |v: f64| fixed(v, 1);
        for (t, r) in tints.iter().zip(rects) {
            t.style().set_css_text(&format!(
                "left: {}px; top: {}px; width: {}px; height: {}px;",
                px(r[0]),
                px(r[1]),
                px(r[2] - r[0]),
                px(r[3] - r[1])
            ));
        }
    }

    /// Test build only: lists `range` under its colour in `CSS.highlights`.
    pub fn list(&mut self, slot: Slot, range: &Range) {
        if let Some(h) = self.listed.as_ref().and_then(|l| l.tones.get(tone(slot))) {
            call(h, "add", &[range.into()]);
        }
    }

    /// Test build only: empties the listed ranges before a pass lists them again.
    pub fn unlist_all(&mut self) {
        for h in self.listed.iter().flat_map(|l| &l.tones) {
            call(h, "clear", &[]);
        }
    }

    /// Fades every colour but `keep`'s (all of them back with `None`): their
    /// quotes keep a faint grey underline so they are still findable.
    /// Speakers who share a colour (the palette repeats) stay lit together.
    pub fn dim_all_but(&self, keep: Option<Slot>) {
        let class = match keep {
            Some(slot) => format!("ql-tints ql-keep-{}", tone(slot)),
            None => "ql-tints".to_string(),
        };
        self.layer.set_class_name(&class);
    }

    /// Paints `tints` in the flash colour for two seconds.
    pub fn flash(&self, window: &Window, tints: &[HtmlElement]) {
        for t in tints {
            let _ = t.class_list().add_1("ql-flash");
        }
        let flashed = tints.to_vec();
        let fade = Closure::once_into_js(move || {
            for t in &flashed {
                let _ = t.class_list().remove_1("ql-flash");
            }
        });
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(fade.unchecked_ref(), FLASH_MS);
    }

    /// Removes the layer (every box) and the test build's entries.
    pub fn remove(&mut self) {
        self.layer.remove();
        if let Some(listed) = self.listed.take() {
            for tone in 0..listed.tones.len() {
                call(&listed.registry, "delete", &[highlight_name(tone).into()]);
            }
        }
    }
}

impl Listed {
    fn new() -> Option<Listed> {
        let global = js_sys::global();
        let css = Reflect::get(&global, &"CSS".into()).ok()?;
        let registry = Reflect::get(&css, &"highlights".into())
            .ok()
            .filter(|r| r.is_object())?;
        let constructor = Reflect::get(&global, &"Highlight".into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        let mut tones = Vec::with_capacity(TONES);
        for tone in 0..TONES {
            let h = Reflect::construct(&constructor, &Array::new()).ok()?;
            call(&registry, "set", &[highlight_name(tone).into(), h.clone()]);
            tones.push(h);
        }
        Some(Listed { registry, tones })
    }
}

pub fn call(target: &JsValue, method: &str, args: &[JsValue]) {
    if let Ok(f) = Reflect::get(target, &method.into()).and_then(|f| f.dyn_into::<Function>()) {
        let _ = f.apply(target, &args.iter().collect::<Array>());
    }
}
