// The end-to-end checks, run once per browser by chromium.test.mjs and
// firefox.test.mjs: the extension as a user gets it, on pages from 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, domSnapshot, launch, readOverlay, realPages, serve, settled, withVisit } from './harness.mjs';

const SEED = '/fixtures/seed-article.html';
// Saved pages whose article text has no quotation mark at all (checked by
// hand): there the check is that nothing is highlighted.
const WITHOUT_QUOTES = new Set(['heise.html']);

/// Puts an <article> of `texts` into the page: after <main> (infinite scroll)
/// or in place of the current <article> (single-page navigation).
function addArticle(page, texts, how) {
  return page.evaluate(
    (texts, how) => {
      const article = document.createElement('article');
      for (const text of texts) {
        const p = document.createElement('p');
        p.textContent = text;
        article.append(p);
      }
      if (how === 'replace') document.querySelector('article').replaceWith(article);
      else document.querySelector('main').after(article);
    },
    texts,
    how,
  );
}

/// Reads the overlay until `done(drawn)` holds or five seconds pass.
async function overlayWhen(page, done) {
  let drawn = await readOverlay(page);
  for (let i = 0; i < 50 && !done(drawn); i++) {
    await new Promise((r) => setTimeout(r, 100));
    drawn = await readOverlay(page);
  }
  return drawn;
}

export function defineSuite(kind) {
  describe(`extension in ${kind}`, { timeout: 600000 }, () => {
    let server;
    let browser;
    let extensionOrigin;

    before(async () => {
      server = await serve();
      ({ browser, extensionOrigin } = await launch(kind));
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /// Runs `body` on a visit to `path`, closing its tabs whatever happens.
    const onVisit = (path, body) => withVisit({ browser, server, extensionOrigin }, path, body);

    test('seed article: 20 quotes highlighted, none in the header, Blinken named', async () => {
      await onVisit(SEED, async (v) => {
      const { page, status } = v;
      console.log(`# ${kind} seed: ${status.quotes} quotes, ${status.speakers} speakers, full pass ${status.passMs.toFixed(1)} ms, wasm load ${status.loadMs.toFixed(1)} ms`);
      assert.equal(status.error, null);
      const drawn = await readOverlay(page);
      assert.ok(drawn.host, '<quotelens-root> exists');
      // 20 quoted paragraphs, as the gold counts them; a quote running over
      // several paragraphs is one quote with one badge and a range per paragraph.
      assert.equal(drawn.ranges.length, 20, 'highlighted ranges');
      assert.equal(drawn.badges.length, status.quotes, 'one badge per quote');
      assert.deepEqual(drawn.ranges.filter((r) => r.inChrome), [], 'nothing highlighted in header/nav/footer');

      // Scroll the “Very soon…” quote to the middle, then find the badge nearest
      // its start, as a reader sees it.
      const near = await page.evaluate(async () => {
        const range = [...CSS.highlights]
          .filter(([n]) => n.startsWith('quotelens'))
          .flatMap(([, h]) => [...h])
          .find((r) => r.toString().startsWith('Very soon'));
        range.startContainer.parentElement.scrollIntoView({ block: 'center' });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const start = range.getClientRects()[0];
        const badges = [...document.querySelector('quotelens-root').shadowRoot.querySelectorAll('.ql-label')];
        const distance = (b) => {
          const r = b.getBoundingClientRect();
          return Math.hypot(r.left - start.left, r.bottom - start.top);
        };
        const badge = badges.sort((a, b) => distance(a) - distance(b))[0];
        return { text: badge.textContent, speaker: badge.dataset.speaker, x: start.left + 30, y: start.top + start.height / 2 };
      });
      assert.equal(near.text, 'Blinken', 'badge of “Very soon…”');
      assert.match(near.speaker, /Blinken/);

      await page.mouse.move(near.x - 40, near.y + 40);
      await page.mouse.move(near.x, near.y, { steps: 4 });
      const card = await page
        .waitForFunction(
          () => {
            const card = document.querySelector('quotelens-root')?.shadowRoot.querySelector('.ql-card');
            return card && !card.hidden && card.textContent;
          },
          { timeout: 5000 },
        )
        .then((h) => h.jsonValue())
        .catch(() => '(no card)');
      if (kind === 'chromium') {
        mkdirSync(join(ROOT, 'docs'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'docs/screenshot.png') });
      }
      assert.match(card, /Antony Blinken/);
      assert.match(card, /US Secretary of State/);
      assert.deepEqual(v.errors, []);
      });
    });

    test('a page without quotation marks never loads the WASM', async () => {
      await onVisit('/fixtures/no-quotes.html', async (v) => {
        assert.equal(v.status.on, true);
        assert.equal(v.status.loadMs, 0, 'WASM not instantiated');
        assert.equal(v.status.quotes, 0);
        assert.equal((await readOverlay(v.page)).host, false, 'no <quotelens-root>');
        assert.deepEqual(v.errors, []);
      });
    });

    test('keyboard: a focused badge opens its card; arrows walk the speaker’s quotes', async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        const card = () =>
          page.evaluate(() => {
            const root = document.querySelector('quotelens-root').shadowRoot;
            const card = root.querySelector('.ql-card');
            return { hidden: card.hidden, name: root.querySelector('.ql-fullname').textContent, count: root.querySelector('.ql-count').textContent, focused: root.activeElement?.textContent ?? null };
          });
        await page.evaluate(() => {
          const badges = document.querySelector('quotelens-root').shadowRoot.querySelectorAll('.ql-label[data-speaker="Antony Blinken"]');
          badges[0].focus();
        });
        let shown = await card();
        assert.equal(shown.hidden, false);
        assert.equal(shown.name, 'Antony Blinken');
        const total = Number(/of (\d+)/.exec(shown.count)[1]);
        assert.match(shown.count, /^1 of \d+ quotes by this speaker$/);
        await page.keyboard.press('ArrowRight');
        shown = await card();
        assert.equal(shown.count, `2 of ${total} quotes by this speaker`);
        assert.equal(shown.focused, 'Blinken', 'focus moved to the next Blinken badge');
        await page.keyboard.press('Escape');
        assert.equal((await card()).hidden, true);
        // The popup counts what the page shows.
        const summary = await v.popup.popup.evaluate(() => document.querySelector('#summary').textContent);
        assert.match(summary, new RegExp(`^${v.status.quotes} quotes by ${v.status.speakers} speakers\\.$`));
      });
    });

    test('badges sit at the start of their quotes under zoom, a transform and a fixed header, also after scrolling', async () => {
      await onVisit('/fixtures/layout-traps.html', async (v) => {
        const { page } = v;
        // For each quote: the distance from its badge's bottom-left corner to
        // the top-left of its first line, in CSS pixels of the viewport.
        const offsets = () =>
          page.evaluate(async () => {
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            const ranges = [...CSS.highlights].filter(([n]) => n.startsWith('quotelens')).flatMap(([, h]) => [...h]);
            ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
            const badges = [...document.querySelector('quotelens-root').shadowRoot.querySelectorAll('.ql-label')];
            badges.sort((a, b) => a.dataset.index - b.dataset.index);
            return ranges.map((range, i) => {
              const line = range.getClientRects()[0];
              const badge = badges[i].getBoundingClientRect();
              return { text: range.toString(), dx: badge.left - line.left, dy: badge.bottom - line.top };
            });
          });
        const near = (list) => list.every(({ dx, dy }) => Math.abs(dx) < 16 && Math.abs(dy) < 16);
        let list = await offsets();
        assert.equal(list.length, 4);
        assert.ok(near(list), JSON.stringify(list));
        await page.evaluate(() => window.scrollBy(0, 400));
        list = await offsets();
        assert.ok(near(list), `after scrolling: ${JSON.stringify(list)}`);
        await page.setViewport({ width: 700, height: 800 });
        list = await offsets();
        assert.ok(near(list), `after resizing: ${JSON.stringify(list)}`);
        assert.deepEqual(v.errors, []);
      });
    });

    test('toggle off leaves the page exactly as served; on again restores it', async () => {
      await onVisit(SEED, async (v) => {
      const { page, popup } = v;
      // The popup's page switch, clicked as a user does: it goes through the
      // background's toggleTab, like the keyboard shortcut.
      const click = async (expected) => {
        await popup.popup.bringToFront();
        await popup.popup.click('#page');
        await popup.popup.waitForFunction(
          (expected) => document.querySelector('#page').getAttribute('aria-pressed') === String(expected),
          {},
          expected,
        );
        return settled(popup.status);
      };
      let status = await click(false);
      assert.equal(status.on, false);
      await page.bringToFront();
      let drawn = await readOverlay(page);
      assert.equal(drawn.host, false, 'no <quotelens-root>');
      assert.deepEqual(drawn.names, [], 'no quotelens highlights');
      assert.equal(drawn.marks, 0, 'no fallback marks');
      assert.equal(drawn.adopted, 0, 'no adopted style sheet');
      const { live, fresh } = await domSnapshot(page, 'body');
      assert.equal(live, fresh, 'body DOM identical to a fresh parse of the page');

      status = await click(true);
      assert.equal(status.on, true);
      await page.bringToFront();
      drawn = await readOverlay(page);
      assert.ok(drawn.host);
      assert.equal(drawn.ranges.length, 20);
      assert.deepEqual(v.errors, []);
      });
    });

    test('"off on this site" in the popup turns the page off and back on', async () => {
      await onVisit(SEED, async (v) => {
      const { page, popup } = v;
      await popup.popup.bringToFront();
      await popup.popup.click('#site-off');
      await popup.popup.waitForFunction(() => document.querySelector('#site-off').checked);
      let status = await settled(popup.status);
      assert.equal(status.siteOff, true);
      assert.equal((await readOverlay(page)).host, false);
      const stored = await popup.popup.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get('disabledSites'));
      assert.deepEqual(stored.disabledSites, ['127.0.0.1']);
      await popup.popup.click('#site-off');
      await popup.popup.waitForFunction(() => !document.querySelector('#site-off').checked);
      status = await settled(popup.status);
      assert.equal(status.on, true);
      assert.equal((await readOverlay(page)).ranges.length, 20);
      });
    });

    test('paragraphs added later are analysed, with exact UTF-16 ranges', async () => {
      await onVisit(SEED, async (v) => {
      const { page, popup } = v;
      const before = await readOverlay(page);
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = '😀 José Ñúñez, the mayor, said: “Olé 🇫🇷 todo bien, ';
        const em = document.createElement('em');
        em.textContent = 'señor';
        p.append(em, '.” Then he left.');
        document.querySelector('article').append(p);
      });
      const drawn = await overlayWhen(page, (d) => d.ranges.length > before.ranges.length);
      assert.equal(drawn.ranges.length, before.ranges.length + 1);
      assert.ok(drawn.ranges.some((r) => r.text === 'Olé 🇫🇷 todo bien, señor.'), 'range text is exact');
      const status = await popup.status();
      assert.equal(status.quotes, v.status.quotes + 1);
      // The toolbar badge follows within about a second.
      const badge = () => popup.popup.evaluate((tabId) => (globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId }), popup.tabId);
      let text = await badge();
      for (let i = 0; i < 30 && text !== String(status.quotes); i++) {
        await new Promise((r) => setTimeout(r, 100));
        text = await badge();
      }
      assert.equal(text, String(status.quotes), 'toolbar badge');
      assert.deepEqual(v.errors, []);
      });
    });

    test('without the Highlight API the overlay wraps quotes and unwraps them exactly', async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        // The same WASM the extension ships (served by the test server: pages
        // cannot load it from the extension), loaded into the page's own world
        // with the Highlight API taken away, as in a browser that lacks it.
        const result = await page.evaluate(async (origin) => {
          const mod = await import(`${origin}/pkg/quotelens.js`);
          await mod.default({ module_or_path: `${origin}/pkg/quotelens_bg.wasm` });
          const saved = globalThis.Highlight;
          globalThis.Highlight = undefined;
          try {
            const overlay = mod.Overlay.attach(document.querySelector('article'));
            const marks = [...document.querySelectorAll('mark.quotelens-mark')].map((m) => m.textContent);
            const counts = [overlay.quoteCount(), overlay.speakerCount()];
            overlay.detach();
            overlay.free();
            return { marks, counts, left: document.querySelectorAll('mark.quotelens-mark').length };
          } finally {
            globalThis.Highlight = saved;
          }
        }, server.origin);
        assert.equal(result.counts[0], v.status.quotes);
        assert.ok(result.marks.length >= 20, `${result.marks.length} marks`);
        assert.ok(result.marks.some((m) => m.startsWith('Very soon')));
        assert.equal(result.left, 0);
        const { live, fresh } = await domSnapshot(page, 'body');
        assert.equal(live, fresh, 'body DOM identical to a fresh parse after detach');
      });
    });

    test('infinite scroll: an article added below the first one is analysed too', async () => {
      await onVisit(SEED, async (v) => {
        const { page, popup } = v;
        const before = await readOverlay(page);
        await addArticle(
          page,
          [
            'Next story: the harbour authority published its annual report on shipping volumes today.',
            'Container traffic rose by four per cent over the year, driven by new routes to the Baltic.',
            '“It was our busiest summer on record,” said harbour master Lena Holm.',
          ],
          'after',
        );
        const drawn = await overlayWhen(page, (d) => d.ranges.length > before.ranges.length);
        assert.equal(drawn.ranges.length, before.ranges.length + 1);
        assert.ok(drawn.ranges.some((r) => r.text === 'It was our busiest summer on record,'));
        assert.equal((await popup.status()).quotes, v.status.quotes + 1);
      });
    });

    test('single-page navigation: a new article replacing the old one is analysed', async () => {
      await onVisit(SEED, async (v) => {
        const { page, popup } = v;
        await addArticle(
          page,
          [
            'The council met on Tuesday to discuss the new bridge.',
            '“We have waited long enough,” said Mayor Ruth Okafor.',
            'Engineers said work could begin in spring.',
          ],
          'replace',
        );
        const drawn = await overlayWhen(page, (d) => d.ranges.length === 1);
        assert.deepEqual(drawn.ranges.map((r) => r.text), ['We have waited long enough,']);
        assert.equal(drawn.badges.length, 1);
        assert.equal((await popup.status()).quotes, 1);
      });
    });

    describe('real news pages', () => {
      for (const { name, path } of realPages()) {
        test(name, async () => {
          await onVisit(path, async (v) => {
          const drawn = await readOverlay(v.page);
          const s = v.status;
          console.log(`# ${kind} ${name}: ${s?.quotes} quotes, ${s?.speakers} speakers, full pass ${s?.passMs?.toFixed(1)} ms, wasm load ${s?.loadMs?.toFixed(1)} ms`);
          assert.ok(s, 'the content script answered');
          assert.equal(s.error, null);
          if (WITHOUT_QUOTES.has(name)) assert.equal(drawn.ranges.length, 0, 'nothing highlighted');
          else assert.ok(drawn.ranges.length > 0, 'quotes found in the article body');
          assert.deepEqual(drawn.ranges.filter((r) => r.inChrome).map((r) => r.text), [], 'none in navigation');
          assert.deepEqual(v.errors, []);
          });
        });
      }
    });
  });
}
