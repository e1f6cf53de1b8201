//! Taking quotes away: one quote to the clipboard as a citation, the page's
//! quotes to a file.
//!
//! - Copy writes with the async Clipboard API from our own context, never
//!   through a document `copy` event, which the page's listeners see first
//!   and may rewrite (and read). In the extension it calls the content
//!   script's copy (`copyThrough`), which does so and, where the page has no
//!   such API (plain `http:` is not a secure context) or it refuses, hands
//!   the text to the extension's background in a runtime message no page can
//!   see (extension/content.js, background.js). The button says "Copied"
//!   only once a write says so, "Copy failed" otherwise.
//! - Export is a Blob URL behind an `<a download>` in our closed root, started
//!   by a click event that is not `composed`: it never leaves our root, so no
//!   page listener sees it or can cancel it. No `downloads` permission.

use std::cell::RefCell;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, MouseEvent, MouseEventInit, Url};

use super::super::paint::call;
use super::super::to_js::to_js;
use super::super::ui::Card;
use super::page::Page;
use super::painting::Painting;
use super::pass::Pass;
use crate::annotation;
use crate::export::{self, PageRecord, Source};
use crate::record::QuoteRecord;

/// The page's address, title and site name.
fn source(page: &Page) -> (String, String, String) {
    let location = page.window.location();
    let url = location.href().unwrap_or_default();
    let site = export::site_name(&location.hostname().unwrap_or_default());
    (url, page.doc.title(), site)
}

/// The page's quotes (the ones with a badge) as `json`, `md`, `csv` or
/// `jsonld` (W3C Web Annotations on the page's address), their offsets
/// counting into the text `pass` read last.
pub(super) fn export(page: &Page, painting: &Painting, pass: &Pass, format: &str) -> String {
    let (url, title, site) = source(page);
    let source = Source {
        url: &url,
        title: &title,
        site: &site,
    };
    let (text, speakers) = pass.read();
    let quotes = painting.quotes();
    match format {
        "md" => export::markdown(&source, &quotes),
        "csv" => export::csv(&source, &quotes),
        "jsonld" => {
            let out: Vec<QuoteRecord> = quotes.iter().map(QuoteRecord::from).collect();
            json(&annotation::annotation_page(&url, text, &out))
        }
        _ => json(&PageRecord::new(&source, text, &quotes, speakers)),
    }
}

/// Downloads `body`, an export in `format`, as `quotes-<site>.<format>`.
pub(super) fn save(page: &Page, format: &str, body: &str) {
    let (_, _, site) = source(page);
    let mime = match format {
        "json" => "application/json",
        "md" => "text/markdown;charset=utf-8",
        "jsonld" => "application/ld+json",
        _ => "text/csv;charset=utf-8",
    };
    let name = format!(
        "quotes-{}.{format}",
        if site.is_empty() { "page" } else { &site }
    );
    let _ = download(page, &name, mime, body);
}

/// Puts quote `i` on the clipboard as a citation (see the module docs).
pub(super) fn copy_quote(page: &Page, painting: &Painting, i: usize) {
    let Some(d) = painting.drawn.get(i) else {
        return;
    };
    let (url, title, site) = source(page);
    let source = Source {
        url: &url,
        title: &title,
        site: &site,
    };
    let text = export::citation(&d.quote, &source);
    let button = page.ui.card.copy_button();
    Card::say_copied(&button, None);
    let promise = THROUGH_CONTENT_SCRIPT
        .with(|through| through.borrow().clone())
        .map_or_else(
            || clipboard_write(&page.window, &text),
            |copy| {
                copy.call1(&JsValue::NULL, &JsValue::from_str(&text))
                    .ok()
                    .filter(|p| p.is_object())
            },
        );
    let Some(promise) = promise else {
        // No clipboard here: the answer is known at once.
        Card::say_copied(&button, Some(false));
        return;
    };
    let ok = button.clone();
    let done = Closure::once_into_js(move || Card::say_copied(&ok, Some(true)));
    let failed = Closure::once_into_js(move || Card::say_copied(&button, Some(false)));
    call(&promise, "then", &[done, failed]);
}

thread_local! {
    /// The content script's copy (`copyThrough`), if it gave one.
    static THROUGH_CONTENT_SCRIPT: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// `copyThrough(copy)`: how *Copy* writes the clipboard in the extension:
/// `copy(text)` returns a promise that resolves once the text is on the
/// clipboard and rejects otherwise. The content script's writes with the
/// Clipboard API and, where the page has none (plain `http:`) or it refuses,
/// through the extension's background (extension/content.js); without one
/// (the demo page), *Copy* uses the Clipboard API alone.
#[wasm_bindgen(js_name = copyThrough)]
pub fn copy_through(copy: Function) {
    THROUGH_CONTENT_SCRIPT.with(|through| *through.borrow_mut() = Some(copy));
}

fn download(page: &Page, name: &str, mime: &str, body: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&body.into()), &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = page.doc.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    page.ui.shadow.append_child(&link)?;
    // Clicked after this handler returns: a click now would reach our own
    // click listener while it runs. Not `link.click()`: that click is
    // composed, so it would cross into the page, whose capture listeners
    // could cancel it. Revoked once the browser has read it.
    let window = page.window.clone();
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(false);
    let event = MouseEvent::new_with_mouse_event_init_dict("click", &init)?;
    let click = Closure::once_into_js(move || {
        let _ = link.dispatch_event(&event);
        link.remove();
        let revoke = Closure::once_into_js(move || {
            let _ = Url::revoke_object_url(&url);
        });
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    });
    page.window
        .set_timeout_with_callback_and_timeout_and_arguments_0(click.unchecked_ref(), 0)?;
    Ok(())
}

/// `navigator.clipboard.writeText(text)` from our own context (a page's
/// changes to `Navigator` or `Clipboard` do not reach it): its promise, or
/// `None` where the page is not a secure context and there is no clipboard.
fn clipboard_write(window: &web_sys::Window, text: &str) -> Option<JsValue> {
    let clipboard = Reflect::get(&window.navigator(), &"clipboard".into())
        .ok()
        .filter(|c| c.is_object())?;
    let write = Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    write
        .call1(&clipboard, &text.into())
        .ok()
        .filter(|p| p.is_object())
}

/// A serde value as indented JSON, through the browser's own `JSON.stringify`
/// (serde_json is no dependency of the WebAssembly: it would add to its size).
fn json(value: &impl serde::Serialize) -> String {
    js_sys::JSON::stringify_with_replacer_and_space(&to_js(value), &JsValue::NULL, &2.into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}
