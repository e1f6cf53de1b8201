// The store listing's images, taken in headless Chromium with the extension as
// users get it: screenshots (store/screenshots/, 1280×800 as both stores ask)
// of the seed article and of the bundled saved news page with the most quotes,
// each with a quote's card open, and the Chrome Web Store's small promo tile
// (store/promo-tile-440x280.png), a quote the extension labels beside our icon.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pngSize } from '../../scripts/store-policy.mjs';
import { FIXTURES, ROOT, launch, openPage, openPopup, serve, settled } from './harness.mjs';

const SIZE = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
const icon = readFileSync(join(ROOT, 'extension/icons/icon-128.png')).toString('base64');
const TILE_PAGE = `<!doctype html><meta charset="utf-8"><title>Quotelens</title>
<style>body{margin:0;width:440px;height:280px;display:flex;flex-direction:column;justify-content:center;gap:14px;
padding:0 28px;box-sizing:border-box;font:17px/1.45 Georgia,serif;background:#fdf8f0;color:#1f2933}
header{display:flex;align-items:center;gap:12px;font:700 30px/1 system-ui,sans-serif}
header img{width:48px;height:48px}</style>
<header><img src="data:image/png;base64,${icon}" alt="">Quotelens</header>
<article><p>“We will find who said it, and say so,” said Ada Lovelace, the company’s founder.</p></article>`;
const OUT = join(ROOT, 'store/screenshots');

describe('store screenshots', { timeout: 300000 }, () => {
  let server;
  let browser;
  let extensionOrigin;

  before(async () => {
    server = await serve({ '/promo-tile.html': TILE_PAGE });
    ({ browser, extensionOrigin } = await launch('chromium'));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /// Opens `path` at `size` and returns the page and the extension's status.
  async function visit(path, size = SIZE) {
    const { page, errors } = await openPage(browser, server.origin);
    await page.setViewport({ ...size, deviceScaleFactor: 1 });
    await page.goto(server.origin + path, { waitUntil: 'load', timeout: 30000 });
    const { popup, status } = await openPopup(browser, extensionOrigin, server.origin + path);
    const done = await settled(status);
    await popup.close();
    await page.bringToFront();
    return { page, errors, status: done };
  }

  /// Scrolls the first quote with a named speaker to the upper third, hovers it
  /// so its card opens, and saves the screenshot as `name`.
  async function shoot(page, name) {
    const point = await page.evaluate(async () => {
      // The overlay's host: <quotelens-root>, or the test build's marked host once its root is closed.
      const root = document.querySelector('[data-quotelens-test], quotelens-root').shadowRoot;
      const named = new Set([...root.querySelectorAll('.ql-label')].map((b) => b.dataset.speaker).filter(Boolean));
      const ranges = [...CSS.highlights].filter(([n]) => n.startsWith('quotelens')).flatMap(([, h]) => [...h]);
      ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const range = ranges.find((r) => r.toString().length > 40) ?? ranges[0];
      if (!range || !named.size) return null;
      const top = range.getBoundingClientRect().top + scrollY;
      scrollTo(0, Math.max(0, top - innerHeight / 3));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const first = range.getClientRects()[0];
      return { x: first.left + Math.min(40, first.width / 2), y: first.top + first.height / 2 };
    });
    assert.ok(point, 'a highlighted quote with a named speaker');
    await page.mouse.move(point.x - 40, point.y + 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await page.waitForFunction(() => {
      const card = document.querySelector('[data-quotelens-test], quotelens-root')?.shadowRoot?.querySelector('.ql-card');
      return card && !card.hidden;
    }, { timeout: 5000 });
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, name);
    await page.screenshot({ path });
    assert.deepEqual(pngSize(readFileSync(path)), SIZE, `${name} is 1280×800`);
  }

  test('the seed article', async () => {
    const { page, errors, status } = await visit('/fixtures/seed-article.html');
    assert.ok(status.quotes > 0);
    await shoot(page, '1-seed-article.png');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a saved news page', async () => {
    let best = null;
    for (const name of readdirSync(join(FIXTURES, 'pages')).filter((f) => f.endsWith('.html')).sort()) {
      const seen = await visit(`/fixtures/pages/${name}`);
      if (!best || seen.status.quotes > best.status.quotes) {
        await best?.page.close();
        best = { ...seen, name };
      } else {
        await seen.page.close();
      }
    }
    console.log(`# news screenshot: ${best.name}, ${best.status.quotes} quotes`);
    await shoot(best.page, '2-news-page.png');
    assert.deepEqual(best.errors, []);
    await best.page.close();
  });

  test('the small promo tile', async () => {
    const { page, errors, status } = await visit('/promo-tile.html', TILE);
    assert.equal(status.quotes, 1);
    const path = join(ROOT, 'store/promo-tile-440x280.png');
    await page.screenshot({ path });
    assert.deepEqual(pngSize(readFileSync(path)), TILE);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
