//! The browser layer: the core, compiled to WebAssembly, on a live page.
//!
//! Built by `make wasm` (wasm-bindgen `--target web --out-name quotelens`) into
//! `pkg/quotelens.js` and `pkg/quotelens_bg.wasm`. The JavaScript API:
//!
//! ```js
//! import init, { analyze, Overlay, attachToPage, articleText } from './pkg/quotelens.js';
//! await init({ module_or_path: './pkg/quotelens_bg.wasm' });
//!
//! // Plain analysis: quotes and speakers as JS objects. Each quote is the CLI's
//! // record (`crate::record::QuoteRecord`: code-point offsets), plus its
//! // speaker_id (an index into speakers) and, for JS strings, UTF-16 offsets:
//! // start16, end16, speaker_start16, speaker_end16 (null when no speaker).
//! const { quotes, speakers } = analyze(text);
//!
//! // On the DOM: extract the text under `root` (skipping nav, scripts, hidden
//! // elements and the like), analyse it, paint each quote (from inside the
//! // overlay's closed shadow root: nothing in the page's highlight registry or
//! // style sheets), draw a speaker badge at its start and a card on hover, and
//! // follow later changes.
//! const overlay = Overlay.attach(document.querySelector('article'));
//! overlay.quoteCount(); overlay.speakerCount(); overlay.lastPassMs();
//! overlay.stageMs();  // [walk, analysis, ranges, highlights, layout] of the last pass, ms
//! overlay.refresh();  // re-read the text now instead of waiting for the observer
//! overlay.blocked();  // "inert" or "events" when the page stops our UI, else null
//! overlay.detach();   // remove everything it added: the page is as before
//!
//! // The extension's entry point: find the article body itself, then as above;
//! // it also finds the article again after single-page navigation and reads
//! // articles that infinite scroll adds below it.
//! const pageOverlay = attachToPage();
//!
//! // The page's article text as the extension reads it (`true`: with computed
//! // style; `false`: from the markup alone, as the CLI reads a saved page).
//! const text = articleText(true);
//! ```
//!
//! Who said what comes only from [`crate::analyze`]. This layer reads text
//! ([`extract`], [`crate::textmap`]), colours it ([`paint`]), and draws our UI
//! ([`ui`]); [`overlay`] ties them to the page's events.

mod extract;
mod layout;
mod overlay;
mod paint;
mod theme;
mod ui;

pub use overlay::{attach_to_page, live_counts, Overlay};

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::offsets::CodePointToUtf16;
use crate::record::QuoteRecord;
use crate::Speaker;

#[derive(Serialize)]
struct AnalysisUtf16<'a> {
    /// The quotes, already JavaScript objects (see [`analyze`]), passed through as they are.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    quotes: js_sys::Array,
    speakers: &'a [Speaker],
}

/// `analyze(text)`: the core's analysis, each quote its record with the
/// speaker's index and UTF-16 offsets added.
#[wasm_bindgen]
pub fn analyze(text: &str) -> JsValue {
    let analysis = crate::analyze(text);
    let map = CodePointToUtf16::new(text);
    let to_js = serde_wasm_bindgen::Serializer::json_compatible();
    let quotes = js_sys::Array::new();
    for quote in &analysis.quotes {
        // The quote's record, then the fields only JavaScript needs. A
        // `#[serde(flatten)]` wrapper gives the same object, but compiles
        // serde's map serialiser into the WebAssembly.
        let object = QuoteRecord::from(quote)
            .serialize(&to_js)
            .unwrap_or(JsValue::NULL);
        let utf16 = |at: Option<usize>| at.map(|i| map.utf16(i));
        let extra = [
            ("speaker_id", quote.speaker_id),
            ("start16", utf16(Some(quote.start))),
            ("end16", utf16(Some(quote.end))),
            ("speaker_start16", utf16(quote.speaker_start)),
            ("speaker_end16", utf16(quote.speaker_end)),
        ];
        for (key, value) in extra {
            let value = value.map_or(JsValue::NULL, JsValue::from);
            // Setting a property of a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(&object, &key.into(), &value);
        }
        quotes.push(&object);
    }
    let out = AnalysisUtf16 {
        quotes,
        speakers: &analysis.speakers,
    };
    out.serialize(&to_js).unwrap_or(JsValue::NULL)
}
