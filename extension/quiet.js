// Chrome only, at document_start, before any page script can listen: the
// first listener for `securitypolicyviolation` on the window's capture phase.
// Chrome applies the page's policy to WebAssembly compiled in a content script
// (crbug.com/1173354), so the content script's one-time probe (content.js,
// `chooseBuild`; only where the policy could not be read from a <meta> tag or
// the cached response headers) raises a violation in a page whose policy
// refuses it. That
// event is ours, not the page's business: it stops here, before every page
// listener (a page script registers later, so runs later). What it cannot
// stop is the report the browser sends to the publisher's `report-uri` or
// `report-to`, which a ReportingObserver in the page also receives: see
// SECURITY.md.
'use strict';

addEventListener(
  'securitypolicyviolation',
  (event) => {
    if (event.blockedURI === 'wasm-eval' && String(event.sourceFile).startsWith('chrome-extension')) {
      event.stopImmediatePropagation();
    }
  },
  true,
);
