// The content script: decides whether this page gets the overlay and holds the
// page's on/off state. The Rust layer loads only when the page is on, the site is
// not switched off, and the page has a quotation mark at all, so a page without
// quotes costs one text scan. Everything that touches the DOM is in Rust
// (src/wasm); this file is switches, messages and the choice of build:
// WebAssembly where the page allows it, else the same Rust compiled to plain
// JavaScript (pkg-js/, Chrome only; see `chooseBuild`).
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  // What can open a quote for the core: its quotation marks (src/marks.rs,
  // QUOTATION_MARKS: straight, fullwidth, curly, reversed, German low, guillemets)
  // anywhere, or a dialogue dash (DIALOGUE_DASHES) starting a text. tests/one_source.rs
  // holds this to the core's lists.
  const QUOTE_MARKS = /["\uff02\u201c\u201f\u201d\u201e\u00ab\u00bb]|^\s*[\u2014\u2013]/m;
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  // The smallest valid module: the header alone.
  const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  // A site remembered as refusing WebAssembly is probed again after this long,
  // in case its policy changed.
  const REPROBE_MS = 30 * 24 * 3600 * 1000;
  const site = siteKey(location.hostname);
  // Only the Chrome package has the JavaScript build (Firefox never refuses).
  const hasJsBuild = (api.runtime.getManifest().web_accessible_resources ?? []).some((entry) =>
    entry?.resources?.includes('pkg-js/quotelens.js'),
  );

  let on = false; // this page's switch: the toolbar, the shortcut and the site setting flip it
  let siteOff = false;
  let refusedAt = 0; // when this site's policy last refused WebAssembly (storage.local), or 0
  let hasMarks = null; // whether the page had a quotation mark when last turned on
  let overlay = null;
  let wasm = null;
  let build = null; // 'wasm' or 'js': which build of the Rust layer runs here
  let error = null;
  let watcher = null;
  let loadMs = 0; // fetching and instantiating the Rust layer, once per page
  let early = false; // whether early.js had it ready (see `load`)
  let steppedAside = false; // the page kept removing our overlay, so it was taken away

  // The scan for a quotation mark gives the page a turn after this long: on a
  // page of 200,000 nodes it would otherwise be one long task of its own.
  const SCAN_SLICE_MS = 10;

  async function hasQuoteMarks(root) {
    if (root.nodeType === Node.TEXT_NODE) return QUOTE_MARKS.test(root.data);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let sliceStart = performance.now();
    for (let n = 1; walker.nextNode(); n++) {
      const node = walker.currentNode;
      if (!SKIP.has(node.parentNode?.nodeName) && QUOTE_MARKS.test(node.data)) return true;
      if (n % 512 === 0 && performance.now() - sliceStart > SCAN_SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
    }
    return false;
  }

  // Chrome applies the page's Content-Security-Policy to WebAssembly compiled in
  // a content script (crbug.com/1173354); Firefox does not. A refused compile
  // fires a `securitypolicyviolation` event in the page (quiet.js stops it) and
  // a report the page and its publisher receive, so the policy is read first
  // wherever it can be: a <meta> tag, else the document's own response headers
  // from the HTTP cache (`documentPolicy`). Only a page whose headers cannot be
  // read (`Cache-Control: no-store`) is probed, once per site: a refusal is
  // remembered in storage.local and later pages of that site go straight to the
  // JS build. A policy that allows WebAssembly is still probed (then silently).
  async function chooseBuild() {
    if (!hasJsBuild) return 'wasm';
    if (refusedAt && Date.now() - refusedAt < REPROBE_MS) return 'js';
    const metas = document.head?.querySelectorAll('meta[http-equiv="content-security-policy" i]') ?? [];
    if ([...metas].some((meta) => policyRefusesWasm(meta.content))) return 'js';
    const headers = await documentPolicy();
    if (headers && (policyRefusesWasm(headers.enforced) || policyRefusesWasm(headers.reportOnly))) return 'js';
    let allowed = true;
    try {
      new WebAssembly.Module(EMPTY_MODULE);
    } catch {
      allowed = false;
    }
    // Remember a refusal; forget one that no longer holds.
    if (!allowed || refusedAt) await rememberRefusal(allowed ? 0 : Date.now());
    return allowed ? 'wasm' : 'js';
  }

  /// The page's policies as its response headers sent them, read back from the
  /// browser's HTTP cache (`only-if-cached`: never the network), or null where
  /// the document is not there (`no-store`, a page that changed its address).
  /// Measured in Chromium: no request reaches the server, the page's service
  /// worker or its resource timeline, and a `connect-src 'none'` page sees no
  /// violation (SECURITY.md).
  async function documentPolicy() {
    try {
      const response = await fetch(location.href, { cache: 'only-if-cached', mode: 'same-origin' });
      response.body?.cancel().catch(() => {});
      if (!response.ok) return null;
      return {
        enforced: response.headers.get('content-security-policy') ?? '',
        reportOnly: response.headers.get('content-security-policy-report-only') ?? '',
      };
    } catch {
      return null;
    }
  }

  /// Whether a policy text (a <meta> tag's, or a header's: several policies
  /// joined by commas, each enforced) refuses WebAssembly: a policy whose
  /// `script-src` (else `default-src`) allows neither 'wasm-unsafe-eval' nor
  /// 'unsafe-eval'. A report-only policy that would refuse it is treated as
  /// refusing: compiling there is not stopped, but it is reported.
  function policyRefusesWasm(text) {
    return String(text)
      .split(',')
      .some((policy) => {
        const directives = new Map(
          policy
            .split(';')
            .map((d) => d.trim().toLowerCase().split(/\s+/))
            .filter(([name]) => name)
            .reverse() // the first of a repeated directive wins
            .map(([name, ...sources]) => [name, sources]),
        );
        const sources = directives.get('script-src') ?? directives.get('default-src');
        return Boolean(sources) && !sources.some((s) => s === "'wasm-unsafe-eval'" || s === "'unsafe-eval'");
      });
  }

  async function rememberRefusal(at) {
    refusedAt = at;
    const { wasmRefused } = await api.storage.local.get('wasmRefused').catch(() => ({}));
    const sites = isPlainObject(wasmRefused) ? { ...wasmRefused } : {};
    if (at) sites[site] = at;
    else delete sites[site];
    await api.storage.local.set({ wasmRefused: sites }).catch(() => {});
  }

  async function load() {
    if (!wasm) {
      const started = performance.now();
      const chosen = await chooseBuild();
      const path = chosen === 'js' ? 'pkg-js/quotelens.js' : 'pkg/quotelens.js';
      // What early.js got ready while the page loaded: the glue module and the
      // compiled module (Firefox) or its bytes (Chrome).
      const prepared = await takeEarly();
      const ready = chosen === 'wasm' ? prepared : null;
      const mod =
        ready?.glue ??
        (await import(api.runtime.getURL(path)).catch((e) => {
          if (chosen === 'wasm') throw e;
          throw new Error(`this page refuses WebAssembly, and the JavaScript build did not load (${e?.message ?? e})`);
        }));
      // The JavaScript build is ready once imported; the WASM is instantiated here
      // (and fetched and compiled, unless early.js did).
      if (chosen === 'wasm') await mod.default({ module_or_path: ready?.wasm ?? api.runtime.getURL('pkg/quotelens_bg.wasm') });
      loadMs = performance.now() - started;
      early = Boolean(ready);
      build = chosen;
      wasm = mod;
    }
    return wasm;
  }

  /// What early.js started at document_start (or null), once: the page keeps
  /// no compiled module it no longer needs.
  async function takeEarly() {
    const early = globalThis.quotelensEarly;
    globalThis.quotelensEarly = null;
    return (await early) ?? null;
  }

  function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  function refusedSince(stored) {
    const at = isPlainObject(stored) ? stored[site] : undefined;
    return Number.isFinite(at) && at > 0 ? at : 0;
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
      // What the page does to stop a reader using our badges and panel, said in the popup.
      blocked: overlay ? (overlay.blocked() ?? null) : null,
      sliceMs: overlay ? overlay.longestSliceMs() : 0,
      // [walk, analysis, ranges, highlights, layout] of the last pass, ms (benchmarks read them).
      stages: overlay ? [...overlay.stageMs()] : [],
      capped: overlay ? overlay.textCapped() : false,
      loadMs,
      early,
      build,
      steppedAside,
      hasMarks,
      error,
      // [overlays, listeners, observers] the WASM layer holds, plus our own watcher.
      live: [...(wasm ? wasm.liveCounts() : [0, 0, 0]), watcher ? 1 : 0],
    };
  }

  // The toolbar badge shows the quote count; the overlay re-reads the page by
  // itself when it changes, so the count is checked (one call into Rust) every
  // second while the overlay is attached, and sent only when it moved.
  let reportedQuotes = -1;
  function report() {
    const now = status();
    reportedQuotes = now.quotes;
    Promise.resolve(api.runtime.sendMessage({ type: MESSAGES.status, status: now })).catch(() => {});
  }

  // The overlay calls back after every pass: the toolbar count follows
  // paragraphs added later without polling.
  // It also calls back when it stepped aside (the page kept removing it): it
  // has already removed what it added; its listeners go here, and the popup says why.
  function followCount() {
    overlay.onChange(() => {
      if (overlay?.steppedAside()) {
        dropOverlay();
        steppedAside = true;
        report();
      } else if (overlay && overlay.quoteCount() !== reportedQuotes) report();
    });
  }

  function dropOverlay() {
    if (!overlay) return;
    overlay.detach();
    overlay.free();
    overlay = null;
  }

  async function turnOn() {
    on = true;
    steppedAside = false;
    hasMarks = Boolean(document.body) && (await hasQuoteMarks(document.body));
    if (!on || overlay) return; // switched off, or on again, meanwhile
    if (!hasMarks) {
      globalThis.quotelensEarly = null; // a page without quotes keeps no module
      watchForQuotes(); // a client-rendered page may bring its article later
      report();
      return;
    }
    stopWatching();
    try {
      const mod = await load();
      if (on && !overlay) {
        overlay = mod.attachToPage();
        // A card's *Copy* (src/wasm/overlay/copy.rs): the Clipboard API from our own world,
        // never a `copy` event the page could rewrite. Where the page has none (plain http:
        // is not a secure context) or refuses it, the background writes it (background.js).
        mod.copyThrough(async (text) => {
          try {
            return await navigator.clipboard.writeText(text);
          } catch {
            // no clipboard here: on to the background
          }
          if ((await api.runtime.sendMessage({ type: MESSAGES.copy, text })) !== true) throw new Error('not copied');
        });
        followCount();
      }
    } catch (e) {
      error = String((e && e.message) || e);
    }
    report();
  }

  function turnOff() {
    on = false;
    steppedAside = false;
    stopWatching();
    dropOverlay();
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
      timer = setTimeout(async () => {
        const batch = added;
        added = [];
        let found = false;
        for (const n of batch) {
          if (n.isConnected && (await hasQuoteMarks(n))) {
            found = true;
            break;
          }
        }
        timer = null;
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
    if (message?.type === MESSAGES.toggle) {
      Promise.resolve(on ? turnOff() : turnOn()).then(() => reply(status()));
      return true;
    }
    if (message?.type === MESSAGES.panel) {
      // Who said what: the popup opens it, the shortcut opens or closes it.
      if (overlay) message.toggle ? overlay.togglePanel() : overlay.openPanel();
      reply(status());
      return false;
    }
    if (message?.type === MESSAGES.status) reply(status());
    return false;
  });

  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.disabledSites) applySites(changes.disabledSites.newValue);
  });

  api.storage.local.get(['disabledSites', 'wasmRefused']).then(({ disabledSites, wasmRefused }) => {
    siteOff = Array.isArray(disabledSites) && disabledSites.includes(site);
    refusedAt = refusedSince(wasmRefused);
    if (!siteOff) turnOn();
  }, () => turnOn());
})();
