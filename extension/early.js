// At document_start, while the page loads: gets the Rust layer ready so that
// the first pass (content.js, at document_idle) does not wait for it. Nothing
// here touches the page; content.js takes what this started (or starts it
// itself when this did not run), and drops it on a page without quotation marks.
//
// Firefox compiles content-script WebAssembly under the extension's policy, so
// the module is compiled here (`compileStreaming`, on the browser's compile
// threads). Chrome applies the page's policy (crbug.com/1173354) and the
// content script probes it once per site (content.js, `chooseBuild`): a
// compile here would raise that page's violation before the probe decides, so
// Chrome only fetches the bytes and imports the glue module here, and compiles
// once the probe allowed it.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const site = siteKey(location.hostname);
  // Only the Chrome package has the JavaScript build, and only Chrome may refuse.
  const mayRefuse = (api.runtime.getManifest().web_accessible_resources ?? []).some((entry) =>
    entry?.resources?.includes('pkg-js/quotelens.js'),
  );
  const wasmUrl = api.runtime.getURL('pkg/quotelens_bg.wasm');

  async function start() {
    const { disabledSites, wasmRefused } = await api.storage.local.get(['disabledSites', 'wasmRefused']);
    if (Array.isArray(disabledSites) && disabledSites.includes(site)) return null;
    // A site known to refuse WebAssembly gets the JavaScript build: nothing to get ready.
    if (mayRefuse && wasmRefused?.[site]) return null;
    const glue = import(api.runtime.getURL('pkg/quotelens.js'));
    const wasm = mayRefuse
      ? fetch(wasmUrl).then((r) => r.arrayBuffer())
      : WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() =>
          fetch(wasmUrl).then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)),
        );
    // content.js falls back to loading it all itself when any part failed.
    const [mod, module] = await Promise.all([glue, wasm]);
    return { glue: mod, wasm: module };
  }

  // What content.js's `load` takes: the glue module and the module (Firefox)
  // or its bytes (Chrome), or null.
  globalThis.quotelensEarly = start().catch(() => null);
})();
