//! `analyze(text)` for JavaScript: the core's analysis as plain objects, each
//! quote its CLI record plus the UTF-16 offsets a JS string needs.

use wasm_bindgen::prelude::*;

use super::to_js::{set_field, to_js};
use crate::offsets::CodePointToUtf16;
use crate::record::QuoteRecord;

/// `analyze(text)`: the core's analysis, each quote its record with the
/// speaker's index and UTF-16 offsets added.
#[wasm_bindgen]
pub fn analyze(text: &str) -> JsValue {
    let analysis = crate::analyze(text);
    let map = CodePointToUtf16::new(text);
    let quotes = js_sys::Array::new();
    for quote in &analysis.quotes {
        // The quote's record, then the fields only JavaScript needs. A
        // `#[serde(flatten)]` wrapper gives the same object, but compiles
        // serde's map serialiser into the WebAssembly.
        let object = to_js(&QuoteRecord::from(quote));
        let utf16 = |at: Option<usize>| at.map(|i| map.utf16(i));
        let extra = [
            ("speaker_id", quote.speaker_id),
            ("start16", utf16(Some(quote.start))),
            ("end16", utf16(Some(quote.end))),
            ("speaker_start16", utf16(quote.speaker_start)),
            ("speaker_end16", utf16(quote.speaker_end)),
        ];
        for (key, value) in extra {
            set_field(&object, key, value.map_or(JsValue::NULL, JsValue::from));
        }
        quotes.push(&object);
    }
    // `{ quotes, speakers }`, the quotes already JavaScript objects.
    let out: JsValue = js_sys::Object::new().into();
    set_field(&out, "quotes", quotes.into());
    set_field(&out, "speakers", to_js(&analysis.speakers));
    out
}
