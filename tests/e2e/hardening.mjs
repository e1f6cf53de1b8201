// Trying hard to break the extension, once per browser (hardening-*.test.mjs):
// page text that looks like markup, huge pages, editable areas, frames and
// shadow DOM, page scripts that sabotage built-ins, garbage in storage, and
// toggling a hundred times. Big pages are generated here, not committed.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIXTURES, INSECURE_HOST, insecureOrigin, launch, openPage, openPopup, pasteClipboard, popupShows, readOverlay, serve, setClipboard, settled } from './harness.mjs';

const NAMES = ['Maria Lopez', 'John Okafor', 'Ana Silva', 'Peter Brandt', 'Lena Holm', 'Ravi Mehta'];
const FILLER =
  'The committee reviewed the figures for the third quarter and found that spending on roads, schools and hospitals ' +
  'had risen faster than expected, while tax receipts fell short of the forecast made in spring. ';
const page = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>${head}</head><body>${body}</body></html>`;

/// An article of about `bytes` bytes, one paragraph in four with a quote; and how many quotes.
function bigArticle(bytes) {
  const parts = ['<header><nav><a href="/">Home</a></nav></header><main><article><h1>A very long report</h1>'];
  let size = parts[0].length;
  let quotes = 0;
  for (let i = 0; size < bytes; i++) {
    const p =
      i % 4 === 0
        ? `<p>${FILLER}“We will look at every line of the budget again before the vote in ${i} days,” said ${NAMES[quotes++ % NAMES.length]}, the finance chief. ${FILLER}</p>`
        : `<p>${FILLER}${FILLER}</p>`;
    parts.push(p);
    size += p.length;
  }
  parts.push('</article></main><footer>Footer</footer>');
  return { html: page(parts.join('\n')), quotes };
}

function manyQuotes(n) {
  const ps = Array.from({ length: n }, (_, i) => `<p>“Quote number ${i} is about the harbour,” said ${NAMES[i % NAMES.length]}.</p>`);
  return page(`<main><article><h1>Ten thousand voices</h1>${ps.join('\n')}</article></main>`);
}

// Page text that is markup when read as HTML. Every image source is blocked by
// the harness, so an <img> we created would fire onerror and set __pwned.
const XSS = page(`<main><article>
<p>“&lt;img src=x onerror=window.__pwned=1&gt; is coming,” said Jane &lt;img src=x onerror=window.__pwned=2&gt;Smith.</p>
<p>“We won &lt;script&gt;window.__pwned=3&lt;/script&gt;,” said Jane Smith, the &lt;img src=x onerror=window.__pwned=4&gt; minister.</p>
<p>“It is &lt;/p&gt;&lt;svg onload=window.__pwned=5&gt; over,” said &lt;script&gt;window.__pwned=6&lt;/script&gt; Smith.</p>
<p>“Fine,” said Jones&lt;img src=x onerror=window.__pwned=7&gt;.</p>
</article></main>`);

// Quotes in an editable area, a component's shadow root, a slot and a frame.
const MIXED = page(
  `<main><article>
<p>“We are ready for the winter,” said Maria Lopez.</p>
<div id="edit" contenteditable="true"><p>“Typed quote here,” said John Okafor.</p></div>
<div id="plain" contenteditable="plaintext-only">“Another typed one,” said Ana Silva.</div>
<quote-box id="box"><p>“Slotted text is read,” said Peter Brandt.</p></quote-box>
<iframe id="frame" src="/gen/frame.html" width="400" height="100"></iframe>
<p>“We are done with the plan,” said Lena Holm.</p>
</article></main>
<script>
customElements.define('quote-box', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>“Inside the shadow root,” said Ravi Mehta.</p><slot></slot>';
  }
});
</script>`,
);
const FRAME = page('<p>“Inside the frame,” said Ravi Mehta.</p>');

// The seed article behind a script that sabotages the built-ins the
// extension's JavaScript (and the wasm-bindgen glue) might use from the page.
const HOSTILE_SCRIPT = `<script>
(() => {
  window.__hostileCalls = [];
  const saved = [];
  const calls = window.__hostileCalls;
  // Index assignment, not push: push itself is about to be sabotaged.
  const trap = (owner, name) => {
    saved[saved.length] = [owner, name, Object.getOwnPropertyDescriptor(owner, name)];
    Object.defineProperty(owner, name, { configurable: true, writable: true,
      value: function () { calls[calls.length] = name; throw new Error('hostile ' + name); } });
  };
  for (const m of ['map', 'forEach', 'push', 'filter', 'includes', 'indexOf', 'slice', 'join', 'some']) trap(Array.prototype, m);
  trap(JSON, 'parse');
  trap(JSON, 'stringify');
  trap(window, 'Highlight');
  saved[saved.length] = [window, 'CSS', Object.getOwnPropertyDescriptor(window, 'CSS')];
  Object.defineProperty(window, 'CSS', { configurable: true, value: { get highlights() { calls[calls.length] = 'CSS.highlights'; throw new Error('hostile CSS'); } } });
  window.__restoreHostile = () => {
    for (const [owner, name, d] of saved) Object.defineProperty(owner, name, d);
    return window.__hostileCalls;
  };
})();
</script>`;

// An anti-injection script (issue 19.1): anything added to <html> besides head
// and body is removed on sight. The page counts what it removed, and ticks a
// counter every 10 ms: its own script must keep running.
const EVICTING = page(
  `<main><article><h1>Harbour plan</h1>
<p>“We will open the new pier in May,” said Maria Lopez, the harbour master.</p>
<p>“The money is there,” said John Okafor.</p></article></main>
<script>
window.__ticks = 0;
window.__evicted = 0;
setInterval(() => window.__ticks++, 10);
new MutationObserver(() => {
  for (const el of [...document.documentElement.children]) {
    if (el !== document.head && el !== document.body) { el.remove(); window.__evicted++; }
  }
}).observe(document.documentElement, { childList: true });
</script>`,
);
// Pages that try to reach what the overlay does for the reader (issue 19, part 4).
// Each records what its listeners saw in window.__seen.
const REACH_SCRIPTS = {
  // Rewrites (and reads) whatever a copy event would put on the clipboard.
  copy: `window.__seen = [];
    const hijack = (e) => { window.__seen.push(e.clipboardData.getData('text/plain')); e.clipboardData.setData('text/plain', 'HIJACKED'); e.preventDefault(); };
    addEventListener('copy', hijack, true);
    document.addEventListener('copy', hijack);`,
  // Cancels every click a script made (a download link's .click()).
  untrusted: `window.__seen = [];
    for (const target of [window, document]) target.addEventListener('click', (e) => {
      if (!e.isTrusted) { window.__seen.push(e.target.localName); e.preventDefault(); e.stopImmediatePropagation(); }
    }, true);`,
  // Makes every element it did not write inert: our host, once it is there.
  inert: `window.__seen = [];
    setInterval(() => { for (const el of document.documentElement.children) if (el !== document.head && el !== document.body && !el.inert) { el.inert = true; window.__seen.push(el.localName); } }, 50);`,
  // Stops every pointer and mouse event before anything else sees it.
  swallow: `window.__seen = [];
    for (const type of ['pointerover', 'pointerenter', 'pointermove', 'pointerdown', 'pointerup', 'pointerout', 'mouseover', 'mousemove', 'mousedown', 'mouseup', 'mouseout', 'click'])
      addEventListener(type, (e) => { window.__seen.push(type); e.stopImmediatePropagation(); }, true);`,
  // Stops clicks only: hover still works, buttons do not.
  clicks: `window.__seen = [];
    addEventListener('click', (e) => { window.__seen.push('click'); e.stopImmediatePropagation(); }, true);`,
};

export function defineHardening(kind) {
  describe(`hardening in ${kind}`, { timeout: 900000 }, () => {
    let server;
    let browser;
    let extensionOrigin;
    const big = bigArticle(5 * 1024 * 1024);
    const seed = readFileSync(join(FIXTURES, 'seed-article.html'), 'utf8');
    const downloads = mkdtempSync(join(tmpdir(), 'quotelens-downloads-'));

    before(async () => {
      server = await serve({
        '/gen/blank.html': page('<p>Nothing here.</p>'),
        '/gen/big.html': big.html,
        '/gen/many.html': manyQuotes(10000),
        '/gen/xss.html': XSS,
        '/gen/mixed.html': MIXED,
        '/gen/frame.html': FRAME,
        '/gen/hostile.html': seed.replace('<head>', `<head>${HOSTILE_SCRIPT}`),
        '/gen/evicting.html': EVICTING,
        ...Object.fromEntries(
          Object.entries(REACH_SCRIPTS).map(([name, script]) => [`/gen/reach-${name}.html`, seed.replace('<head>', `<head><script>${script}</script>`)]),
        ),
        // A page whose permissions policy denies writing the clipboard (Chromium honours it).
        '/gen/reach-noclip.html': { body: seed, headers: { 'permissions-policy': 'clipboard-write=()' } },
      });
      ({ browser, extensionOrigin } = await launch(kind));
      if (kind === 'chromium') {
        await browser.defaultBrowserContext().setDownloadBehavior({ policy: 'allow', downloadPath: downloads });
      } else {
        await browser.connection.send('browser.setDownloadBehavior', {
          downloadBehavior: { type: 'allowed', destinationFolder: downloads },
        });
      }
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /// Opens a blank page and its popup, then navigates that tab to `path`
    /// with the page in front (a hidden page reports no long tasks). `watch`
    /// installs a long-task observer (Chromium) and an event-loop lag probe.
    /// `origin`: the server under another name (`insecureOrigin`).
    async function visit(path, { watch = false, origin = server.origin } = {}) {
      const { page, errors } = await openPage(browser, origin);
      await page.goto(`${origin}/gen/blank.html`, { waitUntil: 'load' });
      const popup = await openPopup(browser, extensionOrigin, `${origin}/gen/blank.html`);
      await page.bringToFront();
      if (watch) {
        await page.evaluateOnNewDocument(() => {
          window.__long = [];
          window.__lag = 0;
          if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
            }).observe({ type: 'longtask', buffered: true });
          } else {
            window.__long = null; // Firefox has no long-task timing
          }
          // The longest gap between two 10 ms ticks: how long the page could not run.
          let last = performance.now();
          setInterval(() => {
            const now = performance.now();
            window.__lag = Math.max(window.__lag, now - last);
            last = now;
          }, 10);
        });
      }
      await page.goto(origin + path, { waitUntil: 'load', timeout: 60000 });
      const url = origin + path;
      let status = null;
      for (let i = 0; i < 1200; i++) {
        status = await popup.status().catch(() => null);
        if (status?.page === url && (status.error || status.passMs > 0)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // Let the sliced layout reach the last badge.
      await page
        .waitForFunction(() => {
          const root = document.querySelector('[data-quotelens-test]')?.shadowRoot;
          return !root || root.querySelectorAll('.ql-label[hidden]').length === 0;
        }, { timeout: 30000, polling: 200 })
        .catch(() => {});
      status = await popup.status();
      return { page, errors, popup, status, url };
    }

    async function onVisit(path, options, body) {
      const v = await visit(path, options);
      try {
        await body(v);
      } finally {
        await v.popup.popup.close().catch(() => {});
        await v.page.close().catch(() => {});
      }
    }

    /// Long tasks after the page's own parsing (Chromium), the lag probe, and the extension's own figures.
    async function timings(v) {
      const page = await v.page.evaluate(() => {
        const parsed = performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0;
        return {
          long: window.__long && window.__long.filter((t) => t.start >= parsed).map((t) => Math.round(t.ms)),
          lag: Math.round(window.__lag),
        };
      });
      const s = v.status;
      const longest = page.long ? Math.max(0, ...page.long) : null;
      return { ...page, longest, pass: Math.round(s.passMs), slice: Math.round(s.sliceMs), load: Math.round(s.loadMs) };
    }

    /// Badges the shadow root holds, and whether it holds anything but our own kinds of element.
    const shadowInventory = (page) =>
      page.evaluate(() => {
        const root = document.querySelector('[data-quotelens-test]')?.shadowRoot;
        const tags = root ? [...new Set([...root.querySelectorAll('*')].map((e) => e.localName))].sort() : [];
        return { tags, shown: root ? root.querySelectorAll('.ql-label:not([hidden])').length : 0 };
      });

    test('page text that looks like markup is shown as text and never runs', async () => {
      await onVisit('/gen/xss.html', {}, async (v) => {
        assert.equal(v.status.error, null);
        const drawn = await readOverlay(v.page);
        const texts = drawn.ranges.map((r) => r.text);
        assert.ok(texts.includes('<img src=x onerror=window.__pwned=1> is coming,'), JSON.stringify(texts));
        assert.ok(texts.includes('We won <script>window.__pwned=3</script>,'), JSON.stringify(texts));
        assert.equal(drawn.badges.length, v.status.quotes);
        // Every badge's card, opened from the keyboard, is text in our own elements.
        const cards = await v.page.evaluate(() => {
          const root = document.querySelector('[data-quotelens-test]').shadowRoot;
          return [...root.querySelectorAll('.ql-label')].map((badge) => {
            badge.focus();
            return root.querySelector('.ql-card').textContent;
          });
        });
        assert.equal(cards.length, v.status.quotes);
        const { tags } = await shadowInventory(v.page);
        assert.deepEqual(tags, ['button', 'div', 'span'], 'only our own elements in the shadow root (styles are adopted sheets)');
        await new Promise((r) => setTimeout(r, 500)); // an injected image would have failed by now
        const page = await v.page.evaluate(() => ({
          pwned: window.__pwned ?? null,
          made: document.querySelectorAll('img, script:not([src]), svg').length,
        }));
        console.log(`# ${kind} markup page: ${drawn.ranges.length} ranges, badges ${JSON.stringify(drawn.badges.map((b) => b.text))}`);
        assert.deepEqual(page, { pwned: null, made: 0 });
        assert.deepEqual(v.errors, []);
      });
    });

    // The 5 MB article is read to the cap (MAX_TEXT_BYTES in src/wasm/extract.rs):
    // the quotes of its first megabyte of text, which the test does not count.
    for (const [name, path, expected, capped] of [
      ['a 5 MB article', '/gen/big.html', null, true],
      ['a page with 10,000 quotations', '/gen/many.html', 10000, false],
    ]) {
      test(`${name}: every quote drawn in slices; timings printed`, async () => {
        await onVisit(path, { watch: true }, async (v) => {
          const t = await timings(v);
          const drawn = await readOverlay(v.page);
          const { shown } = await shadowInventory(v.page);
          console.log(
            `# ${kind} ${name}: ${v.status.quotes} quotes, pass ${t.pass} ms, longest slice ${t.slice} ms, ` +
              `long tasks after parsing ${t.long ? JSON.stringify(t.long) : '(not measurable)'}, ` +
              `longest event-loop gap ${t.lag} ms, wasm load ${t.load} ms, ${shown} badges shown`,
          );
          assert.equal(v.status.error, null);
          assert.equal(v.status.capped, capped);
          if (capped) {
            // Quote number k is in paragraph 4k: what is read is the page's first quotes, none skipped.
            const days = drawn.ranges.map((r) => Number(/in (\d+) days/.exec(r.text)?.[1])).sort((a, b) => a - b);
            assert.ok(v.status.quotes > 0 && v.status.quotes < big.quotes, `${v.status.quotes} of ${big.quotes} quotes read`);
            assert.deepEqual(days, Array.from({ length: v.status.quotes }, (_, k) => 4 * k));
          } else assert.equal(v.status.quotes, expected);
          assert.equal(drawn.badges.length, v.status.quotes);
          if (capped) {
            // The open popup follows the page's reports.
            await popupShows(v.popup.popup, () => /only its first megabyte/.test(document.querySelector('#note').textContent));
          }
          assert.equal(shown, v.status.quotes, 'the sliced layout placed every badge');
          // About 100 ms on an idle 2-core machine, 250-350 ms under load: the
          // 200 ms of the issue is not yet a stable property, so this bound only
          // guards against regressions like the 42 s single pass it replaced.
          assert.ok(t.slice < 1000, `longest slice ${t.slice} ms`);
          if (t.long) assert.ok(t.longest < 1000, `long tasks ${JSON.stringify(t.long)}`);
          assert.deepEqual(v.errors, []);
        });
      });
    }

    test('editable areas are never read or changed; shadow roots and frames are left alone', async () => {
      await onVisit('/gen/mixed.html', {}, async (v) => {
        const { page } = v;
        const editable = () => page.evaluate(() => [document.querySelector('#edit').innerHTML, document.querySelector('#plain').innerHTML]);
        const before = await editable();
        const texts = (await readOverlay(page)).ranges.map((r) => r.text).sort();
        assert.deepEqual(texts, ['Slotted text is read,', 'We are done with the plan,', 'We are ready for the winter,']);
        // Nothing of ours inside the frame: the content script runs in the top frame only.
        const frame = page.frames().find((f) => f.url().endsWith('/gen/frame.html'));
        assert.ok(frame, 'the frame loaded');
        const inFrame = await frame.evaluate(() => ({
          host: document.querySelectorAll('[data-quotelens-test]').length,
          names: globalThis.CSS?.highlights ? [...CSS.highlights.keys()].filter((n) => n.startsWith('quotelens')).length : 0,
          text: document.body.innerHTML,
        }));
        assert.deepEqual(inFrame, { host: 0, names: 0, text: '<p>“Inside the frame,” said Ravi Mehta.</p>' });
        // The component's shadow tree is untouched.
        const shadow = await page.evaluate(() => document.querySelector('#box').shadowRoot.innerHTML);
        assert.equal(shadow, '<p>“Inside the shadow root,” said Ravi Mehta.</p><slot></slot>');
        // Typing a quote into the editor: it stays exactly what was typed and is not highlighted.
        await page.click('#edit p');
        await page.keyboard.press('End');
        await page.keyboard.type(' “New words typed now,” said Anna Berg.');
        await new Promise((r) => setTimeout(r, 1200)); // past the overlay's refresh delay
        const typed = await editable();
        assert.equal(typed[0], '<p>“Typed quote here,” said John Okafor. “New words typed now,” said Anna Berg.</p>');
        assert.equal(typed[1], before[1]);
        const after = (await readOverlay(page)).ranges.map((r) => r.text).sort();
        assert.deepEqual(after, texts);
        // Without the Custom Highlight API (the same WASM in the page, from the
        // test server: pages cannot load it from the extension), the quotes are
        // still painted, from inside our root: no mark in the page, editors unchanged.
        const fallback = await page.evaluate(async (origin) => {
          const mod = await import(`${origin}/pkg/quotelens.js`);
          await mod.default({ module_or_path: `${origin}/pkg/quotelens_bg.wasm` });
          const saved = globalThis.Highlight;
          globalThis.Highlight = undefined;
          const edit = () => document.querySelector('#edit').innerHTML + document.querySelector('#plain').innerHTML;
          const was = edit();
          try {
            const overlay = mod.Overlay.attach(document.querySelector('article'));
            const result = {
              quotes: overlay.quoteCount(),
              marks: document.querySelectorAll('mark').length,
              same: edit() === was,
            };
            overlay.detach();
            overlay.free();
            return result;
          } finally {
            globalThis.Highlight = saved;
          }
        }, server.origin);
        assert.deepEqual(fallback, { quotes: 3, marks: 0, same: true });
        assert.deepEqual(v.errors, []);
      });
    });

    test('a page that sabotages Array, JSON, CSS and Highlight does not break the extension', async () => {
      await onVisit('/gen/hostile.html', {}, async (v) => {
        assert.equal(v.status.error, null);
        const calls = await v.page.evaluate(() => window.__restoreHostile());
        assert.deepEqual(calls, [], 'the extension never called the page’s versions');
        const drawn = await readOverlay(v.page);
        assert.equal(drawn.ranges.length, 20);
        assert.equal(drawn.badges.length, v.status.quotes);
        assert.deepEqual(v.errors, []);
      });
    });

    test('a page that removes our overlay gets it back three times, then Quotelens steps aside and says so', async () => {
      const { page, errors } = await openPage(browser, server.origin);
      let popup = null;
      try {
        const url = `${server.origin}/gen/evicting.html`;
        await page.goto(url, { waitUntil: 'load' });
        // A hung tab never answers: fail then, rather than wait for the protocol's own timeout.
        const ticks = () =>
          Promise.race([
            page.evaluate(() => window.__ticks),
            new Promise((_, no) => setTimeout(() => no(new Error('the page stopped answering')), 10000)),
          ]);
        await ticks();
        popup = await openPopup(browser, extensionOrigin, url);
        let status = null;
        for (let i = 0; i < 100 && !status?.steppedAside; i++) {
          await new Promise((r) => setTimeout(r, 100));
          status = await popup.status();
        }
        assert.equal(status?.steppedAside, true, JSON.stringify(status));
        const evicted = await page.evaluate(() => window.__evicted);
        // Added once, put back three times, then left out.
        assert.equal(evicted, 4, 'the host was added once and put back three times');
        // In front again (a background tab's timers are throttled to one a second).
        await page.bringToFront();
        const before = await ticks();
        await new Promise((r) => setTimeout(r, 500));
        assert.ok((await ticks()) > before + 10, 'the page’s own timer keeps running');
        const after = await page.evaluate(() => ({
          evicted: window.__evicted,
          hosts: document.querySelectorAll('[data-quotelens-test]').length,
          highlights: globalThis.CSS?.highlights ? [...CSS.highlights.keys()].filter((n) => n.startsWith('quotelens')).length : 0,
        }));
        assert.deepEqual(after, { evicted: 4, hosts: 0, highlights: 0 }, 'nothing of ours left, nothing more for the page to remove');
        assert.deepEqual(status.live, [0, 0, 0, 0], 'no listener or observer of ours left');
        // The open popup follows the page's report.
        await popupShows(popup.popup, () => /removes Quotelens’ overlay/.test(document.querySelector('#summary').textContent));
        assert.deepEqual(errors, []);
      } finally {
        await popup?.popup.close().catch(() => {});
        await page.close().catch(() => {});
      }
    });

    test('garbage in storage.local falls back to defaults', async () => {
      await onVisit('/fixtures/seed-article.html', {}, async (v) => {
        const { page, popup } = v;
        const garbage = [
          'not a list',
          42,
          null,
          true,
          { nested: { deeper: [1, { site: '127.0.0.1' }] } },
          [null, 7, {}, ['127.0.0.1'], '127.0.0.1x'],
          'x'.repeat(2_000_000),
          Array.from({ length: 50000 }, (_, i) => `site${i}.example`),
        ];
        for (const value of garbage) {
          await popup.popup.evaluate(async (value) => {
            const api = globalThis.browser ?? globalThis.chrome;
            await api.storage.local.clear();
            await api.storage.local.set({ disabledSites: value, wasmRefused: value, settings: value, '': value });
          }, value);
          await page.reload({ waitUntil: 'load' });
          const status = await settled(popup.status);
          const label = JSON.stringify(value).slice(0, 40);
          assert.equal(status.on, true, label);
          assert.equal(status.siteOff, false, label);
          assert.equal(status.error, null, label);
          assert.equal((await readOverlay(page)).ranges.length, 20, label);
        }
        // A freshly opened popup works on top of the last garbage: "off on this site" stores a clean list.
        const fresh = await openPopup(browser, extensionOrigin, v.url);
        try {
          await fresh.popup.waitForFunction(() => /quotes by/.test(document.querySelector('#summary').textContent));
          await fresh.popup.click('#site-off');
          await fresh.popup.waitForFunction(() => document.querySelector('#site-off').checked);
                    // The switch shows checked before the popup's write lands: wait for the write.
          const readStored = () => fresh.popup.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('disabledSites')).disabledSites);
          let stored = await readStored();
          for (let tries = 0; tries < 50 && stored.at(-1) !== '127.0.0.1'; tries++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            stored = await readStored();
          }
          assert.equal(stored.at(-1), '127.0.0.1');
                    assert.equal((await settled(fresh.status)).siteOff, true);
        } finally {
          // Whatever happened, the next test starts with the site on.
          await fresh.popup.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.clear()).catch(() => {});
          await fresh.popup.close().catch(() => {});
        }
        assert.deepEqual(v.errors, []);
      });
    });

    test('toggling 100 times leaks no listeners, observers, nodes or highlights', async () => {
      await onVisit('/fixtures/seed-article.html', {}, async (v) => {
        const { page, popup } = v;
        const toggle = (times) =>
          popup.popup.evaluate(
            async (id, times) => {
              const api = globalThis.browser ?? globalThis.chrome;
              let status;
              for (let i = 0; i < times; i++) status = await api.tabs.sendMessage(id, { type: 'toggle' });
              return status;
            },
            popup.tabId,
            times,
          );
        const cdp = kind === 'chromium' ? await page.createCDPSession() : null;
        // Every listener on window and document, in any world (Chromium's DevTools protocol).
        const listeners = async () => {
          if (!cdp) return null;
          let n = 0;
          for (const expression of ['window', 'document']) {
            const { result } = await cdp.send('Runtime.evaluate', { expression });
            n += (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners.length;
          }
          return n;
        };
        const heap = async () => {
          if (!cdp) return null;
          await cdp.send('HeapProfiler.collectGarbage');
          return (await cdp.send('Runtime.getHeapUsage')).usedSize;
        };
        const snapshot = async () => {
          const drawn = await readOverlay(page);
          const extra = await page.evaluate(() => ({
            hosts: document.querySelectorAll('[data-quotelens-test]').length,
            marks: document.querySelectorAll('mark[data-quotelens]').length,
            nodes: document.getElementsByTagName('*').length,
          }));
          const status = await popup.status();
          return { ...extra, names: drawn.names, ranges: drawn.ranges.length, badges: drawn.badges.length, adopted: drawn.adopted, live: status.live, listeners: await listeners() };
        };
        const on1 = await snapshot();
        assert.equal(on1.ranges, 20);
        assert.deepEqual(on1.live.slice(0, 1), [1]);
        assert.equal((await toggle(1)).on, false);
        const off1 = await snapshot();
        const heap1 = await heap();
        assert.deepEqual(off1.live, [0, 0, 0, 0], 'nothing of ours left attached');
        assert.equal(off1.hosts + off1.ranges + off1.badges + off1.adopted + off1.marks, 0);
        for (let i = 0; i < 100; i++) await toggle(2);
        const off2 = await snapshot();
        const heap2 = await heap();
        assert.deepEqual(off2, off1, 'off after 100 more toggles');
        assert.equal((await toggle(1)).on, true);
        await settled(popup.status);
        const on2 = await snapshot();
        assert.deepEqual(on2, on1, 'on again: the same as the first time');
        const mb = (n) => (n / 1048576).toFixed(1);
        console.log(
          `# ${kind} 100 toggles: ${on1.live[1]} listeners and ${on1.live[2]} observers while on, ${off2.live.join('/')} while off` +
            (cdp ? `; window+document listeners ${off1.listeners} off / ${on1.listeners} on; JS heap after GC ${mb(heap1)} MB before, ${mb(heap2)} MB after` : ''),
        );
        if (cdp) assert.ok(heap2 < heap1 + 5 * 1048576, `heap grew from ${mb(heap1)} to ${mb(heap2)} MB`);
        assert.deepEqual(v.errors, []);
      });
    });
    // Issue 19, part 4: what the reader does with our UI, on pages that try to stop or read it.
    const until = async (read, ms = 5000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = await read();
        if (value || Date.now() > deadline) return value;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const centre = (page, selector) =>
      page.evaluate((selector) => {
        const el = document.querySelector('[data-quotelens-test]').shadowRoot.querySelector(selector);
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, selector);
    /// Opens the card of Blinken's “Very soon…” quote from the keyboard, clicks
    /// its Copy button as a reader does, and returns what the button says after.
    const copyFromCard = async (page) => {
      await page.evaluate(() => {
        const root = document.querySelector('[data-quotelens-test]').shadowRoot;
        const badge = [...root.querySelectorAll('.ql-label')].find((b) => b.getAttribute('aria-label').includes('“Very soon, we will'));
        badge.scrollIntoView({ block: 'center' });
        badge.focus();
      });
      const copy = await centre(page, '.ql-copy');
      await page.mouse.click(copy.x, copy.y);
      const said = () => page.evaluate(() => document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-copy').textContent);
      // The answer, or (none within 5 s) what the button still says.
      return (await until(async () => !['Copying…', 'Copy'].includes(await said()))) ? said() : `still “${await said()}”`;
    };
    const popupNote = async (v) => {
      const fresh = await openPopup(browser, extensionOrigin, v.url);
      try {
        return await until(() => fresh.popup.evaluate(() => !document.querySelector('#note').hidden && document.querySelector('#note').textContent));
      } finally {
        await fresh.popup.close().catch(() => {});
        await v.page.bringToFront();
      }
    };

    test('copy: a page’s copy listener neither sees nor rewrites the citation', async () => {
      await onVisit('/gen/reach-copy.html', {}, async (v) => {
        const { page } = v;
        assert.equal(await copyFromCard(page), 'Copied');
        const pasted = await pasteClipboard(page);
        assert.equal(pasted, `“Very soon, we will put that before the parties, and we will see what they say” — Antony Blinken, US Secretary of State (127.0.0.1, ${v.url})`);
        assert.deepEqual(await page.evaluate(() => window.__seen), [], 'the page saw no copy event');
        assert.deepEqual(v.errors, []);
      });
    });

    test('copy: on a plain-http page (no Clipboard API there) the background writes the citation, unseen by the page', async () => {
      await onVisit('/gen/reach-copy.html', { origin: insecureOrigin(server.origin) }, async (v) => {
        const { page } = v;
        assert.deepEqual(await page.evaluate(() => [isSecureContext, typeof navigator.clipboard]), [false, 'undefined'], 'not a secure context');
        // Something else on the clipboard first (the page's listener rewrites that copy: it is the page's own).
        await setClipboard(page, 'before');
        await page.evaluate(() => (window.__seen.length = 0));
        await new Promise((r) => setTimeout(r, 800));
        assert.equal(await copyFromCard(page), 'Copied');
        const pasted = await pasteClipboard(page);
        assert.equal(pasted, `“Very soon, we will put that before the parties, and we will see what they say” — Antony Blinken, US Secretary of State (${INSECURE_HOST}, ${v.url})`);
        assert.deepEqual(await page.evaluate(() => window.__seen), [], 'the page saw no copy event');
        assert.deepEqual(v.errors, []);
      });
    });

    // Chromium's background copies in an offscreen document; one of ours that does not copy
    // (the popup, opened as the offscreen document first) makes that write fail. Firefox's
    // background writes itself, and a test has no way to make it fail.
    const noFailure = kind === 'chromium' ? false : 'no way to make Firefox’s background write fail from a test';
    test('copy: where the background cannot write either, the button says “Copy failed” and the clipboard keeps what it had', { skip: noFailure }, async () => {
      await onVisit('/fixtures/seed-article.html', { origin: insecureOrigin(server.origin) }, async (v) => {
        const { page, popup } = v;
        await setClipboard(page, 'before');
        await new Promise((r) => setTimeout(r, 800));
        const offscreen = () => popup.popup.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length);
        await popup.popup.evaluate(() => chrome.offscreen.createDocument({ url: 'popup.html', reasons: ['CLIPBOARD'], justification: 'a test: a document that does not copy' }));
        assert.equal(await offscreen(), 1);
        await page.bringToFront();
        assert.equal(await copyFromCard(page), 'Copy failed');
        assert.equal(await pasteClipboard(page), 'before');
        assert.equal(await offscreen(), 0, 'the background closed the document after the copy');
        assert.deepEqual(v.errors, []);
      });
    });

    test('copy: where the page’s policy denies the clipboard, the button says what happened', async () => {
      await onVisit('/gen/reach-noclip.html', {}, async (v) => {
        const { page } = v;
        // Something else on the clipboard first, copied by the reader.
        await setClipboard(page, 'before');
        // Past the overlay's re-read of the page that the scratch box caused.
        await new Promise((r) => setTimeout(r, 800));
        const said = await copyFromCard(page);
        const pasted = await pasteClipboard(page);
        console.log(`# ${kind} copy under clipboard-write=(): the button says “${said}”`);
        // Never a lie: "Copied" only with the citation on the clipboard, "Copy failed" only without.
        if (said === 'Copied') assert.match(pasted, /^“Very soon, we will/);
        else assert.deepEqual([said, pasted], ['Copy failed', 'before']);
        // Chromium logs its refusal in the console (not ours, and no page script reads it).
        assert.deepEqual(v.errors.filter((e) => !/permissions policy/i.test(e)), []);
      });
    });

    test('export: a page that cancels untrusted clicks neither sees nor stops the download', async () => {
      await onVisit('/gen/reach-untrusted.html', {}, async (v) => {
        const { page, popup } = v;
        await popup.popup.evaluate((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'panel' }), popup.tabId);
        await page.bringToFront();
        const file = join(downloads, 'quotes-127.0.0.1.csv');
        const button = await centre(page, '.ql-export[data-format="csv"]');
        await page.mouse.click(button.x, button.y);
        assert.ok(await until(() => existsSync(file) && readFileSync(file, 'utf8').startsWith('id,start,end,'), 10000), 'the CSV downloaded');
        assert.deepEqual(await page.evaluate(() => window.__seen), [], 'no untrusted click reached the page');
        assert.deepEqual(v.errors, []);
      });
    });

    test('inert: a page that makes our host inert is named in the popup', async () => {
      await onVisit('/gen/reach-inert.html', {}, async (v) => {
        assert.ok(await until(async () => (await v.popup.status()).blocked === 'inert'), 'the status says inert');
        // It truly is stopped: a click on a badge opens nothing.
        const badge = await centre(v.page, '.ql-label:not([hidden])');
        await v.page.mouse.click(badge.x, badge.y);
        await new Promise((r) => setTimeout(r, 300));
        assert.equal((await v.popup.status()).panel, false);
        assert.match(await popupNote(v), /made them inert/);
        assert.deepEqual(v.errors, []);
      });
    });

    test('an ordinary page: hovers, a held click and a right-click on our UI report nothing blocked', async () => {
      await onVisit('/fixtures/seed-article.html', {}, async (v) => {
        const { page } = v;
        const badge = await centre(page, '.ql-label:not([hidden])');
        for (let i = 0; i < 3; i++) {
          await page.mouse.move(badge.x - 60, badge.y + 40);
          await page.mouse.move(badge.x, badge.y, { steps: 4 });
        }
        await page.mouse.down({ button: 'right' });
        await new Promise((r) => setTimeout(r, 150));
        await page.mouse.up({ button: 'right' });
        await page.mouse.down();
        await new Promise((r) => setTimeout(r, 150));
        await page.mouse.up();
        assert.ok(await until(async () => (await v.popup.status()).panel), 'the held click opened the panel');
        await new Promise((r) => setTimeout(r, 300));
        assert.equal((await v.popup.status()).blocked, null);
        assert.deepEqual(v.errors, []);
      });
    });

    for (const [name, path] of [
      ['every pointer and mouse event', '/gen/reach-swallow.html'],
      ['clicks', '/gen/reach-clicks.html'],
    ]) {
      test(`a page that stops ${name} in the capture phase: the card and popup say the buttons cannot work`, async () => {
        await onVisit(path, {}, async (v) => {
          const { page } = v;
          assert.equal((await v.popup.status()).blocked, null, 'nothing said before the reader tries');
          const badge = await centre(page, '.ql-label:not([hidden])');
          await page.mouse.move(badge.x - 60, badge.y + 40);
          await page.mouse.move(badge.x, badge.y, { steps: 4 });
          // Hover alone shows the card (through CSS state, which no listener stops).
          assert.ok(await until(() => page.evaluate(() => !document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-card').hidden)), 'the card opened');
          // One hover proves nothing (the page may have moved the badge under a
          // still pointer): nothing is said until a press on our UI ends with no click.
          assert.equal((await v.popup.status()).blocked, null);
          await page.mouse.down();
          await new Promise((r) => setTimeout(r, 150));
          await page.mouse.up();
          assert.ok(await until(async () => (await v.popup.status()).blocked === 'events'), 'the status says events are stopped');
          const card = await page.evaluate(() => {
            const root = document.querySelector('[data-quotelens-test]').shadowRoot;
            const notice = root.querySelector('.ql-card .ql-blocked');
            return { notice: notice.hidden ? null : notice.textContent, copy: root.querySelector('.ql-copy').textContent };
          });
          assert.match(card.notice ?? '', /stops clicks/);
          assert.equal(card.copy, 'Copy', 'the copy button claims nothing');
          assert.match(await popupNote(v), /stops clicks/);
          assert.ok((await page.evaluate(() => window.__seen)).length > 0, 'the page’s listener ran');
          assert.deepEqual(v.errors, []);
        });
      });
    }
  });
}
