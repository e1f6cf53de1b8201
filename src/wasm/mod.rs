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
//! // How a card's Copy writes the clipboard (the extension's content script
//! // gives one that falls back to its background); without it, the Clipboard
//! // API. The promise resolves once written, else rejects.
//! copyThrough(async (text) => navigator.clipboard.writeText(text));
//!
//! // The page's article text as the extension reads it (`true`: with computed
//! // style; `false`: from the markup alone, as the CLI reads a saved page).
//! const text = articleText(true);
//! ```
//!
//! Who said what comes only from [`crate::analyze`]. This layer reads text
//! (`extract`, [`crate::textmap`]), colours it (`paint`), and draws our UI
//! (`ui`); `overlay` ties them to the page's events. Where a badge or the
//! card goes (`placement` on `geometry`) and how a pass cuts the text
//! (`chunks`) is plain arithmetic, compiled for the host too so that
//! `cargo test` checks it; the rest needs a browser and is built for `wasm32`
//! only.

// Pure arithmetic, on the host too (its tests run there); outside its tests
// only the browser build calls it, so the host build would call it dead.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod chunks;
#[cfg_attr(
    not(target_arch = "wasm32"),
    allow(dead_code, unused_imports, unused_macros)
)]
mod css;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod geometry;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod placement;

#[cfg(target_arch = "wasm32")]
mod analysis;
#[cfg(target_arch = "wasm32")]
mod extract;
#[cfg(target_arch = "wasm32")]
mod layout;
#[cfg(target_arch = "wasm32")]
mod overlay;
#[cfg(target_arch = "wasm32")]
mod paint;
#[cfg(target_arch = "wasm32")]
mod theme;
#[cfg(target_arch = "wasm32")]
mod to_js;
#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(target_arch = "wasm32")]
pub use analysis::analyze;
#[cfg(target_arch = "wasm32")]
pub use overlay::{attach_to_page, copy_through, live_counts, Overlay};

// talc instead of std's dlmalloc: 3 KB gzipped less WebAssembly (the budget is
// 160 KB), and no slower; see docs/ARCHITECTURE.md.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
