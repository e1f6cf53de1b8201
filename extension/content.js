// The content script: decides whether this page gets the overlay and holds the
// page's on/off state. The WASM core loads only when the page is on, the site is
// not switched off, and the page has a quotation mark at all, so a page without
// quotes costs one text scan. Everything that touches the DOM is in the WASM
// layer (src/wasm); this file is switches and messages.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  // The marks the core pairs: straight, curly, German low-high, guillemets.
  const QUOTE_MARKS = /["\u201c\u201d\u201e\u00ab\u00bb]/;
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const site = siteKey(location.hostname);

  let on = false; // this page's switch: the toolbar, the shortcut and the site setting flip it
  let siteOff = false;
  let overlay = null;
  let wasm = null;
  let error = null;
  let watcher = null;
  let loadMs = 0; // fetching and instantiating the WASM, once per page

  function hasQuoteMarks(root) {
    if (root.nodeType === Node.TEXT_NODE) return QUOTE_MARKS.test(root.data);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (SKIP.has(n.parentNode?.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    while (walker.nextNode()) if (QUOTE_MARKS.test(walker.currentNode.data)) return true;
    return false;
  }

  async function load() {
    if (!wasm) {
      const started = performance.now();
      const mod = await import(api.runtime.getURL('pkg/quotelens.js'));
      await mod.default({ module_or_path: api.runtime.getURL('pkg/quotelens_bg.wasm') });
      loadMs = performance.now() - started;
      wasm = mod;
    }
    return wasm;
  }

  function status() {
    return {
      on,
      siteOff,
      site,
      page: location.href,
      quotes: overlay ? overlay.quoteCount() : 0,
      speakers: overlay ? overlay.speakerCount() : 0,
      passMs: overlay ? overlay.lastPassMs() : 0,
      panel: overlay ? overlay.panelOpen() : false,
      sliceMs: overlay ? overlay.longestSliceMs() : 0,
      loadMs,
      error,
      // [overlays, listeners, observers] the WASM layer holds, plus our own watcher.
      live: [...(wasm ? wasm.liveCounts() : [0, 0, 0]), watcher ? 1 : 0],
    };
  }

  function report() {
    Promise.resolve(api.runtime.sendMessage({ type: 'status', status: status() })).catch(() => {});
  }

  async function turnOn() {
    on = true;
    if (!document.body || !hasQuoteMarks(document.body)) {
      watchForQuotes(); // a client-rendered page may bring its article later
      report();
      return;
    }
    stopWatching();
    try {
      const mod = await load();
      if (on && !overlay) {
        overlay = mod.attachToPage();
        // Every pass reports, so the toolbar count follows paragraphs added later.
        overlay.onChange(report);
      }
    } catch (e) {
      error = String((e && e.message) || e);
    }
    report();
  }

  function turnOff() {
    on = false;
    stopWatching();
    if (overlay) {
      overlay.detach();
      overlay.free();
      overlay = null;
    }
    report();
  }

  // Until the first quotation mark appears, look only at what is added.
  function watchForQuotes() {
    if (watcher || !document.body) return;
    let timer = null;
    let added = [];
    watcher = new MutationObserver((records) => {
      for (const r of records) added.push(...r.addedNodes);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const found = added.some((n) => n.isConnected && hasQuoteMarks(n));
        added = [];
        if (found && on && !overlay) turnOn();
      }, 500);
    });
    watcher.observe(document.body, { childList: true, subtree: true });
  }

  function stopWatching() {
    if (watcher) watcher.disconnect();
    watcher = null;
  }

  function applySites(list) {
    const off = Array.isArray(list) && list.includes(site);
    if (off === siteOff) return;
    siteOff = off;
    if (off) turnOff();
    else turnOn();
  }

  api.runtime.onMessage.addListener((message, _sender, reply) => {
    if (message?.type === 'toggle') {
      Promise.resolve(on ? turnOff() : turnOn()).then(() => reply(status()));
      return true;
    }
    if (message?.type === 'panel') {
      // Who said what: the popup opens it, the shortcut opens or closes it.
      if (overlay) message.toggle ? overlay.togglePanel() : overlay.openPanel();
      reply(status());
      return false;
    }
    if (message?.type === 'status') reply(status());
    return false;
  });

  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.disabledSites) applySites(changes.disabledSites.newValue);
  });

  api.storage.local.get('disabledSites').then(({ disabledSites }) => {
    siteOff = Array.isArray(disabledSites) && disabledSites.includes(site);
    if (!siteOff) turnOn();
  }, () => turnOn());
})();
