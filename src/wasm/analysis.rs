//! `analyze(text)` for JavaScript: the core's analysis as plain objects, each
//! quote its CLI record plus the UTF-16 offsets a JS string needs.

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
