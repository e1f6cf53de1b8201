// Shared machinery for the browser tests: a static server on 127.0.0.1, the
// two browsers with the built extension, and helpers that read the extension's
// state the way its own popup does.
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'tests/fixtures');
export const SHARED_PAGES = resolve(ROOT, process.env.SHARED ?? '../shared', 'pages');
export const BENCH_PAGES = resolve(ROOT, process.env.SHARED ?? '../shared', 'bench-pages');
export const FIREFOX_ID = 'quotelens@quotelens.dev';
/// A host name both browsers resolve to 127.0.0.1 (see `launch`): unlike
/// 127.0.0.1 itself, `http://` on it is not a secure context, as on a plain-http
/// news site. Pages on it: `serve`'s origin with this host (`insecureOrigin`).
export const INSECURE_HOST = 'plain-http.test';
export const insecureOrigin = (origin) => origin.replace('127.0.0.1', INSECURE_HOST);
// Fixed so the tests can open the extension's own pages in Firefox.
const FIREFOX_UUID = '5a1e7c3e-9d0b-4c57-a8f1-2b6f0e9d4c11';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/// Serves tests/fixtures at /fixtures/, the shared pages at /shared/ (and
/// ../shared/bench-pages at /bench/, for benchmarks), the built
/// WASM package at /pkg/ (for tests that load it into a page's own world: the
/// extension does not expose it to pages), and `generated` (path → HTML, or
/// { body, headers }, made by the test) at those paths. Collects what is POSTed
/// (CSP violation reports) in `posts`, and the paths of other requests in `gets`.
export async function serve(generated = {}) {
  const posts = [];
  const gets = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (req.method !== 'POST') gets.push(path);
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        posts.push({ path, body });
        res.writeHead(204).end();
      });
      return;
    }
    if (Object.hasOwn(generated, path)) {
      const page = typeof generated[path] === 'string' ? { body: generated[path] } : generated[path];
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? TYPES['.html'], ...page.headers });
      res.end(page.body);
      return;
    }
    const [, area, ...rest] = path.split('/');
    const base = { fixtures: FIXTURES, shared: SHARED_PAGES, bench: BENCH_PAGES, pkg: join(ROOT, 'pkg') }[area];
    const file = base && resolve(base, rest.join('/'));
    if (!file || !file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, posts, gets, close: () => new Promise((ok) => server.close(ok)) };
}

/// The real pages to visit: the bundled ones, plus ../shared/pages when present.
export function realPages() {
  const bundled = readdirSync(join(FIXTURES, 'pages')).filter((f) => f.endsWith('.html'));
  const pages = bundled.map((name) => ({ name, path: `/fixtures/pages/${name}` }));
  if (existsSync(SHARED_PAGES)) {
    for (const name of readdirSync(SHARED_PAGES).filter((f) => f.endsWith('.html')).sort()) {
      if (!bundled.includes(name)) pages.push({ name, path: `/shared/${name}` });
    }
  } else {
    console.log(`# ${SHARED_PAGES} not found: only the ${bundled.length} bundled pages run, the rest are skipped`);
  }
  return pages;
}

/// Launches a browser with the extension installed; returns { browser, extensionOrigin }.
/// The test build (dist-test/, whose overlay lets tests into its shadow root)
/// unless `shipped`, which loads dist/ exactly as it ships.
/// `bare` launches without any extension (benchmarks compare against it).
/// DIST=dir loads that copy of dist/ instead (a benchmark's "before" build).
export async function launch(kind, { shipped = false, bare = false } = {}) {
  const dist = shipped && process.env.DIST ? resolve(process.env.DIST) : join(ROOT, shipped ? 'dist' : 'dist-test');
  if (kind === 'chromium') {
    const dir = join(dist, 'chrome');
    const extension = bare ? [] : [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`];
    const browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      pipe: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      defaultViewport: { width: 1100, height: 800 },
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-gpu',
        `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`,
        `--user-data-dir=${mkdtempSync(join(tmpdir(), 'quotelens-chromium-'))}`,
        ...extension,
      ],
    });
    if (bare) return { browser, extensionOrigin: null };
    const worker = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
      { timeout: 20000 },
    );
    return { browser, extensionOrigin: worker.url().split('/').slice(0, 3).join('/') };
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    protocol: 'webDriverBiDi',
    // Firefox 153+ lets WebDriver open moz-extension:// pages (our popup) only with this.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ID]: FIREFOX_UUID }),
      'network.proxy.type': 0,
      'network.dns.localDomains': INSECURE_HOST,
    },
  });
  if (bare) return { browser, extensionOrigin: null };
  await browser.installExtension(join(dist, 'firefox'));
  return { browser, extensionOrigin: `moz-extension://${FIREFOX_UUID}` };
}

/// A page whose requests go only to our server and the extension: saved pages
/// call out to the web and would otherwise hang. Collects the extension's errors.
export async function openPage(browser, origin) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => {
    if (/quotelens|extension:\/\//i.test(`${e.message}\n${e.stack ?? ''}`)) errors.push(String(e.message));
  });
  page.on('console', (m) => {
    const where = m.location()?.url ?? '';
    if (m.type() === 'error' && (/extension:\/\//.test(where) || /quotelens/i.test(m.text()))) errors.push(m.text());
  });
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (req.isInterceptResolutionHandled()) return;
    // A request may be gone by the time we answer it (Firefox's BiDi says "no such
    // request" when the page navigated away): that must not end the run.
    const answer = url.startsWith(origin) || /^(chrome-extension|moz-extension|data|blob):/.test(url)
      ? req.continue()
      : req.abort();
    answer.catch(() => {});
  });
  return { page, errors };
}

/// Navigates `page` to an extension page. In Firefox the page moves to the
/// extension process and the navigation promise fails with a detached frame,
/// so wait for the document itself instead.
export async function openExtensionPage(page, url) {
  page.goto(url, { timeout: 15000 }).catch(() => {});
  for (let i = 0; i < 150; i++) {
    const ready = await page
      .evaluate(() => [location.href, document.readyState, typeof (globalThis.browser ?? globalThis.chrome)?.tabs])
      .catch(() => null);
    if (ready && ready[0] === url && ready[1] === 'complete' && ready[2] === 'object') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`could not open ${url}`);
}

/// The extension's popup, opened as a tab and aimed at the tab showing `url`
/// (the same popup code a user clicks, with `?tab=`).
export async function openPopup(browser, extensionOrigin, url) {
  const popup = await browser.newPage();
  await openExtensionPage(popup, `${extensionOrigin}/popup.html`);
  const tabId = await popup.evaluate(async (url) => {
    const api = globalThis.browser ?? globalThis.chrome;
    for (let attempt = 0; attempt < 50; attempt++) {
      for (const tab of await api.tabs.query({})) {
        try {
          const status = await api.tabs.sendMessage(tab.id, { type: 'status' });
          if (status && status.page === url) return tab.id;
        } catch {
          // not a page with our content script
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }, url);
  if (!tabId) throw new Error('no tab with the content script');
  await openExtensionPage(popup, `${extensionOrigin}/popup.html?tab=${tabId}`);
  const status = () =>
    popup.evaluate((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'status' }), tabId);
  return { popup, tabId, status };
}

/// Waits until `predicate` (called with `arg`) holds in `popup`, a puppeteer
/// page. The popup is a hidden tab once its page is brought to the front (as
/// withVisit does), and a hidden tab gets no animation frames: puppeteer's
/// default polling (a look each frame) looks once and misses an answer that
/// comes after it. This looks again at each change of the popup's DOM.
export function popupShows(popup, predicate, arg, timeout = 5000) {
  return popup.waitForFunction(predicate, { polling: 'mutation', timeout }, arg);
}

/// Opens `path` in a new tab, waits for the extension, runs `body` with the
/// page, its errors, its popup and the settled status, and closes both tabs
/// whatever happens. A `viewport` (puppeteer's) is set before the page loads:
/// turning touch on reloads the page.
export async function withVisit({ browser, server, extensionOrigin }, path, body, { viewport } = {}) {
  const { page, errors } = await openPage(browser, server.origin);
  let popup = null;
  try {
    if (viewport) await page.setViewport(viewport);
    await page.goto(server.origin + path, { waitUntil: 'load', timeout: 30000 });
    popup = await openPopup(browser, extensionOrigin, server.origin + path);
    const status = await settled(popup.status);
    await page.bringToFront();
    await badgesNamed(page);
    return await body({ page, errors, popup, status });
  } finally {
    await popup?.popup.close().catch(() => {});
    await page.close().catch(() => {});
  }
}

/// Badges get their full names for screen readers (`…”, quote 3 of 17`) in animation
/// frames, which a tab behind the popup does not get: once the page is in front, waits
/// (a while at most) until every badge has its name. A page without our overlay, or
/// whose badges stay unnamed, goes on at once or after the wait, for its test to judge.
export async function badgesNamed(page, timeout = 5000) {
  await page
    .waitForFunction(
      () => {
        const root = document.querySelector('[data-quotelens-test]')?.shadowRoot;
        if (!root) return true;
        return [...root.querySelectorAll('.ql-label')].every((b) => /quote \d+ of \d+$/.test(b.getAttribute('aria-label') ?? ''));
      },
      { polling: 50, timeout },
    )
    .catch(() => {});
}

/// Waits until the content script has finished a pass (or decided there is nothing to do).
export async function settled(status, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    last = await status().catch(() => null);
    if (last && (last.error || (last.on && last.passMs > 0) || (last.on && last.quotes === 0 && last.loadMs === 0))) {
      // Let a just-scheduled refresh land before reading the page.
      await new Promise((r) => setTimeout(r, 300));
      return (await status().catch(() => null)) ?? last;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

/// What the extension drew, read from the page: highlighted ranges (text and
/// whether they sit in site chrome), badges, and whether our host exists.
export function readOverlay(page) {
  return page.evaluate(() => {
    const ranges = [];
    if (globalThis.CSS && CSS.highlights) {
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('quotelens')) continue;
        for (const range of highlight) {
          const el = range.startContainer.parentElement;
          const chrome = el?.closest('nav, header, footer, aside, [role=navigation]');
          ranges.push({ name, text: range.toString(), inChrome: Boolean(chrome) });
        }
      }
    }
    const names = globalThis.CSS && CSS.highlights ? [...CSS.highlights.keys()].filter((n) => n.startsWith('quotelens')) : [];
    const host = document.querySelector('[data-quotelens-test]');
    const badges = host?.shadowRoot ? [...host.shadowRoot.querySelectorAll('.ql-label')] : [];
    return {
      host: Boolean(host),
      names,
      ranges,
      marks: document.querySelectorAll('mark.quotelens-mark').length,
      badges: badges.map((b) => ({ text: b.textContent, speaker: b.dataset.speaker })),
      adopted: document.adoptedStyleSheets.length,
    };
  });
}

/// A structural snapshot of an element (tags, attributes, every text node and
/// its exact data), to compare the live DOM with a fresh parse of the same HTML.
export function domSnapshot(page, selector) {
  return page.evaluate(async (selector) => {
    const snap = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return ['#text', node.data];
      if (node.nodeType !== Node.ELEMENT_NODE) return [node.nodeName];
      const attrs = [...node.attributes].map((a) => `${a.name}=${a.value}`).sort();
      return [node.nodeName, attrs, [...node.childNodes].map(snap)];
    };
    const fresh = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    return {
      live: JSON.stringify(snap(document.querySelector(selector))),
      fresh: JSON.stringify(snap(fresh.querySelector(selector))),
    };
  }, selector);
}

/// Where the badges sit against the page's text (issue 8, part 3): how many
/// are shown, how many of them cover any page text (a text node's line box,
/// from Range.getClientRects(): stricter than "other than its own quote", as a
/// badge in the margin covers no text at all), how many reach past the
/// viewport's left or right edge, and for quotes with a speaker, how many show
/// the short name whole without hovering (not a compact tab, not cut).
export function badgePlacement(page) {
  return page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const root = document.querySelector('[data-quotelens-test]')?.shadowRoot;
    const badges = root ? [...root.querySelectorAll('.ql-label:not([hidden])')] : [];
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const parent = node.parentElement;
      if (!node.data.trim() || !parent || parent.closest('script, style, noscript, template')) continue;
      if (parent.checkVisibility && !parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) texts.push({ r, text: node.data.trim().slice(0, 40) });
    }
    const width = document.documentElement.clientWidth;
    const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const covering = [];
    let clipped = 0;
    let attributed = 0;
    let readable = 0;
    for (const badge of badges) {
      const box = badge.getBoundingClientRect();
      const hit = texts.find(({ r }) => overlap(box, r));
      if (hit) covering.push({ badge: badge.textContent, text: hit.text });
      if (box.left < 0 || box.right > width) clipped++;
      if (badge.dataset.speaker) {
        attributed++;
        if (!badge.classList.contains('ql-compact') && badge.scrollWidth <= badge.clientWidth) readable++;
      }
    }
    return { shown: badges.length, covering, clipped, attributed, readable };
  });
}

/// Scrolls the highlighted quote whose text starts with `start` into view and
/// returns the client box of one of its lines: the `first` or `middle` one with
/// its paragraph in the middle of the screen, or the `last` one scrolled to the
/// top of the screen; with the quote's number of lines and whether its first
/// line is above the screen. Null when no quote starts so.
export function quoteLine(page, start, which = 'first') {
  return page.evaluate(
    async (start, which) => {
      const range = [...CSS.highlights]
        .filter(([name]) => name.startsWith('quotelens'))
        .flatMap(([, highlight]) => [...highlight])
        .find((r) => r.toString().startsWith(start));
      if (!range) return null;
      const lines = () => [...range.getClientRects()].filter((r) => r.width > 0);
      range.startContainer.parentElement.scrollIntoView({ block: 'center' });
      if (which === 'last') scrollBy(0, lines().at(-1).top - visualViewport.offsetTop - 4);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const all = lines();
      const line = { first: all[0], middle: all[Math.floor(all.length / 2)], last: all.at(-1) }[which];
      const { left, top, width, height } = line;
      return { left, top, width, height, lines: all.length, above: all[0].bottom < visualViewport.offsetTop };
    },
    start,
    which,
  );
}

/// Hovers the highlighted quote whose text starts with `start`, as a reader
/// does, and returns the text of the card that opens ('(no card)' if none).
export async function hoverCard(page, start) {
  const line = await quoteLine(page, start);
  if (!line) return '(no such quote)';
  const point = { x: line.left + 30, y: line.top + line.height / 2 };
  await page.mouse.move(point.x - 40, point.y + 40);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  return page
    .waitForFunction(
      () => {
        const card = document.querySelector('[data-quotelens-test]')?.shadowRoot?.querySelector('.ql-card');
        return card && !card.hidden && card.textContent;
      },
      { timeout: 5000 },
    )
    .then((handle) => handle.jsonValue())
    .catch(() => '(no card)');
}

/// A text box put first in the page's body, focused, with `value` selected.
function scratchBox(page, value) {
  return page.evaluate((value) => {
    const box = document.createElement('textarea');
    box.id = 'scratch-box';
    box.value = value;
    document.body.prepend(box);
    box.select();
  }, value);
}

async function withControl(page, key) {
  await page.keyboard.down('Control');
  await page.keyboard.press(key);
  await page.keyboard.up('Control');
}

/// What the clipboard holds, pasted as a reader pastes it (Ctrl+V into a text
/// box the page gets for a moment): a page cannot read it back otherwise.
export async function pasteClipboard(page) {
  await scratchBox(page, '');
  await withControl(page, 'v');
  return page.evaluate(() => {
    const box = document.querySelector('#scratch-box');
    box.remove();
    return box.value;
  });
}

/// Puts `text` on the clipboard as a reader copies it (Ctrl+C on a selection).
export async function setClipboard(page, text) {
  await scratchBox(page, text);
  await withControl(page, 'c');
  await page.evaluate(() => document.querySelector('#scratch-box').remove());
}
