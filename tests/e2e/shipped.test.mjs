// The extension exactly as it ships (dist/, not the test build): its overlay's
// shadow root is closed, so a page script cannot read who said what or change
// a badge, even after setting the test build's switch; a page that defines our
// old custom element name first, patches
// attachShadow, hides <html>'s children with !important rules under a
// `style-src 'self'` policy, or removes our host, does not stop it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIXTURES, launch, openPage, openPopup, serve, settled } from './harness.mjs';

const SEED = readFileSync(join(FIXTURES, 'seed-article.html'), 'utf8');
// No inline <style> may apply under this policy, so the hostile rules come from a file.
const HOSTILE = SEED.replace(
  '<head>',
  `<head>
  <meta http-equiv="Content-Security-Policy" content="style-src 'self'">
  <link rel="stylesheet" href="/gen/hostile.css">
  <script>
    // The test build's switch, set by the page: the shipped overlay must ignore it.
    window.__quotelensTestHook = true;
    globalThis.__quotelensTestHook = true;
    window.__roots = [];
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      window.__roots.push(root);
      return root;
    };
    customElements.define('quotelens-root', class extends HTMLElement {
      constructor() { super(); throw new Error('page owns this name'); }
    });
  </script>`,
);
const CSS = 'html > div, html > span { display: none !important; visibility: hidden !important; }';

for (const kind of ['chromium', 'firefox']) {
  describe(`the shipped extension in ${kind}`, { timeout: 120000 }, () => {
    let server;
    let browser;
    let extensionOrigin;
    before(async () => {
      server = await serve({ '/gen/hostile.html': HOSTILE, '/gen/hostile.css': CSS });
      ({ browser, extensionOrigin } = await launch(kind, { shipped: true }));
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test('a page script cannot read or rewrite the overlay, nor stop it', async () => {
      const { page, errors } = await openPage(browser, server.origin);
      const url = `${server.origin}/gen/hostile.html`;
      await page.goto(url, { waitUntil: 'load' });
      const popup = await openPopup(browser, extensionOrigin, url);
      try {
        const status = await settled(popup.status);
        await page.bringToFront();
        assert.equal(status.error, null);
        assert.equal(status.quotes, 17, 'all quotes drawn despite the hostile page');
        // What the page sees: a host element, closed to it.
        const seen = await page.evaluate(() => {
          const hosts = [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body);
          const host = hosts[0];
          let attach = 'no error';
          try {
            host.attachShadow({ mode: 'open' });
          } catch (e) {
            attach = e.name;
          }
          // Try to change what we show: light-DOM children of the host are not rendered.
          host.innerHTML = '<span class="ql-label">Putin</span>';
          const style = getComputedStyle(host);
          return {
            hosts: hosts.length,
            tag: host.localName,
            shadowRoot: host.shadowRoot,
            captured: window.__roots.length,
            attach,
            display: style.display,
            visibility: style.visibility,
            shown: host.checkVisibility({ visibilityProperty: true }),
            // What the page could list of what we found: highlights, style sheets, marks.
            highlights: CSS.highlights.size,
            adopted: document.adoptedStyleSheets.length,
            marks: document.querySelectorAll('mark').length,
          };
        });
        assert.equal(seen.hosts, 1);
        assert.equal(seen.tag, 'div', 'a plain element, not a custom element the page can define');
        assert.equal(seen.shadowRoot, null, 'the shadow root is closed');
        assert.equal(seen.captured, 0, "the page's attachShadow patch saw nothing");
        assert.equal(seen.attach, 'NotSupportedError', 'a second root cannot be attached');
        assert.equal(seen.display, 'block', 'page CSS cannot hide the host');
        assert.equal(seen.visibility, 'visible');
        assert.deepEqual([seen.highlights, seen.adopted, seen.marks], [0, 0, 0], 'nothing of ours in the page’s highlight registry, style sheets or DOM');

        // Removed by the page: back after the first back-off (100 ms), not at
        // once, so an anti-injection observer and ours never loop.
        const back = await page.evaluate(async () => {
          const host = [...document.documentElement.children].find((e) => e !== document.head && e !== document.body);
          host.remove();
          await new Promise((r) => setTimeout(r, 400));
          return host.isConnected && host.parentNode === document.documentElement;
        });
        assert.equal(back, true, 'the host is re-attached');
        const after = await popup.status();
        assert.equal(after.quotes, 17);
        assert.deepEqual(errors, []);
      } finally {
        await popup.popup.close().catch(() => {});
        await page.close().catch(() => {});
      }
    });
  });
}
