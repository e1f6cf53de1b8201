// The end-to-end checks, run once per browser by chromium.test.mjs and
// firefox.test.mjs: the extension as a user gets it, on pages from 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, badgePlacement, domSnapshot, launch, readOverlay, realPages, serve, settled, withVisit } from './harness.mjs';

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

const html = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>${head}</head><body><main><article>${body}</article></main></body></html>`;
const SURNAMES = ['Abbott', 'Baker', 'Castro', 'Dunn', 'Ellis', 'Fox', 'Grant', 'Hale', 'Irwin', 'Jensen',
  'Keller', 'Lowe', 'Moss', 'Nash', 'Ortiz', 'Price', 'Quinn', 'Reyes', 'Stone', 'Tate'];
const GENERATED = {
  // Twenty speakers, one quote each: more than the eight colours.
  '/gen/speakers.html': html(
    SURNAMES.map((s, i) => `<p>“The harbour plan number ${i} will go ahead this year,” said Maria ${s}, a council member.</p>`).join('\n'),
  ),
  // Quoted terms nobody said, and a longer quote nobody is named for.
  '/gen/terms.html': html(`<p>The so-called “witch hunt” ended on Monday, and the “total disaster” some had feared never came.</p>
<p>Over the road hung the words “No entry to the harbour after dark without a permit from the port office” in red paint.</p>
<p>“We will rebuild the pier before the summer,” said Mayor Ruth Okafor.</p>`),
  // Our styles under a policy that refuses inline styles, with page CSS that tries to hide the host.
  '/gen/style-csp.html': html(
    '<p>The storm damaged the pier on Sunday.</p><p>“We will rebuild the pier before the summer,” said Mayor Ruth Okafor.</p>',
    `<meta http-equiv="Content-Security-Policy" content="style-src 'self'"><link rel="stylesheet" href="/gen/hostile.css">`,
  ),
  '/gen/hostile.css': 'html > div { display: none !important; } div { opacity: 0 !important; }',
};

export function defineSuite(kind) {
  describe(`extension in ${kind}`, { timeout: 600000 }, () => {
    let server;
    let browser;
    let extensionOrigin;

    before(async () => {
      server = await serve(GENERATED);
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
      assert.ok(drawn.host, 'overlay host exists');
      // 20 quoted paragraphs, as the gold counts them; a quote running over
      // several paragraphs is one quote with one badge and a range per paragraph.
      assert.equal(drawn.ranges.length, 20, 'highlighted ranges');
      assert.equal(drawn.badges.length, status.quotes, 'one badge per quote');
      assert.deepEqual(drawn.ranges.filter((r) => r.inChrome), [], 'nothing highlighted in header/nav/footer');
      // A quote over several paragraphs: each later paragraph's highlight starts
      // after its reopening quotation mark.
      assert.deepEqual(drawn.ranges.filter((r) => /^\s*[“"„«]/.test(r.text)).map((r) => r.text), [], 'no highlight starts with a quotation mark');
      assert.ok(drawn.ranges.some((r) => r.text.startsWith('Our nations helped')), 'the continued paragraph is highlighted');

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
        const badges = [...document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-label')];
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
            const card = document.querySelector('[data-quotelens-test]')?.shadowRoot.querySelector('.ql-card');
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

    test('twenty speakers: every quote keeps its highlight and its speaker', async () => {
      await onVisit('/gen/speakers.html', async (v) => {
        const drawn = await readOverlay(v.page);
        assert.equal(v.status.speakers, 20);
        assert.equal(drawn.ranges.length, 20, 'twenty highlighted ranges');
        assert.equal(new Set(drawn.ranges.map((r) => r.text)).size, 20);
        assert.deepEqual(new Set(drawn.badges.map((b) => b.speaker)).size, 20, 'twenty speakers on the badges');
        assert.deepEqual(v.errors, []);
      });
    });

    test('a quoted term nobody said gets a faint highlight and no badge; a longer unattributed quote a quiet one', async () => {
      await onVisit('/gen/terms.html', async (v) => {
        const drawn = await readOverlay(v.page);
        const byText = Object.fromEntries(drawn.ranges.map((r) => [r.text, r.name]));
        assert.equal(byText['witch hunt'], 'quotelens-term');
        assert.equal(byText['total disaster'], 'quotelens-term');
        assert.equal(byText['No entry to the harbour after dark without a permit from the port office'], 'quotelens-none');
        const badges = await v.page.evaluate(() =>
          [...document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-label')].map((b) => ({
            text: b.textContent,
            quiet: b.classList.contains('ql-quiet'),
          })),
        );
        assert.deepEqual(badges, [
          { text: '?', quiet: true },
          { text: 'Okafor', quiet: false },
        ]);
        assert.deepEqual(v.errors, []);
      });
    });

    test("under style-src 'self' and CSS that hides <html>'s children, badges are styled and shown", async () => {
      await onVisit('/gen/style-csp.html', async (v) => {
        assert.equal(v.status.quotes, 1);
        const look = await v.page.evaluate(() => {
          const host = document.querySelector('[data-quotelens-test]');
          const badge = host.shadowRoot.querySelector('.ql-label');
          const style = getComputedStyle(badge);
          return {
            host: [getComputedStyle(host).display, getComputedStyle(host).opacity],
            badge: [style.height, style.color, style.backgroundColor, style.position],
            shown: badge.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
          };
        });
        assert.deepEqual(look.host, ['block', '1']);
        assert.deepEqual(look.badge, ['15px', 'rgb(255, 255, 255)', 'rgb(180, 83, 9)', 'absolute'], 'styled by our adopted sheet');
        assert.equal(look.shown, true);
        assert.deepEqual(v.errors, []);
      });
    });

    test('a page without quotation marks never loads the WASM', async () => {
      await onVisit('/fixtures/no-quotes.html', async (v) => {
        assert.equal(v.status.on, true);
        assert.equal(v.status.loadMs, 0, 'WASM not instantiated');
        assert.equal(v.status.quotes, 0);
        assert.equal((await readOverlay(v.page)).host, false, 'no overlay host');
        assert.deepEqual(v.errors, []);
      });
    });

    test('keyboard: a focused badge opens its card; arrows walk the speaker’s quotes', async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        const card = () =>
          page.evaluate(() => {
            const root = document.querySelector('[data-quotelens-test]').shadowRoot;
            const card = root.querySelector('.ql-card');
            return { hidden: card.hidden, name: root.querySelector('.ql-fullname').textContent, count: root.querySelector('.ql-count').textContent, focused: root.activeElement?.textContent ?? null };
          });
        await page.evaluate(() => {
          const badges = document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-label[data-speaker="Antony Blinken"]');
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

    test('badges sit beside the first line of their quotes under zoom, a transform and a fixed header, also after scrolling', async () => {
      await onVisit('/fixtures/layout-traps.html', async (v) => {
        const { page } = v;
        // For each quote: how far its badge is from its first line, in CSS
        // pixels of the viewport (beside it, or in the paragraph gap above or
        // below), whether it is in view; and that no badge covers page text.
        const offsets = () =>
          page.evaluate(async () => {
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            const ranges = [...CSS.highlights].filter(([n]) => n.startsWith('quotelens')).flatMap(([, h]) => [...h]);
            ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
            const badges = [...document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-label')];
            badges.sort((a, b) => a.dataset.index - b.dataset.index);
            return ranges.map((range, i) => {
              const line = range.getClientRects()[0];
              const badge = badges[i].getBoundingClientRect();
              const compact = badges[i].classList.contains('ql-compact');
              return {
                text: range.toString(),
                compact,
                dy: (badge.top + badge.bottom) / 2 - (line.top + line.bottom) / 2,
                inView: badge.left >= 0 && badge.right <= document.documentElement.clientWidth,
              };
            });
          });
        const near = (list) => list.every(({ dy, inView }) => Math.abs(dy) < 60 && inView);
        const check = async (when) => {
          const list = await offsets();
          assert.equal(list.length, 4);
          assert.ok(near(list), `${when}: ${JSON.stringify(list)}`);
          assert.deepEqual((await badgePlacement(page)).covering, [], `${when}: no badge covers text`);
        };
        await check('first');
        await page.evaluate(() => window.scrollBy(0, 400));
        await check('after scrolling');
        await page.setViewport({ width: 700, height: 800 });
        await check('after resizing');
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
      assert.equal(drawn.host, false, 'no overlay host');
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

    test('live updates: new paragraphs are read with the paragraphs before them, earlier badges stay', async () => {
      await onVisit(SEED, async (v) => {
        const { page, popup } = v;
        // Mark the badges drawn so far, to see that the update keeps them.
        await page.evaluate(() => {
          for (const b of document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-label')) b.__kept = true;
        });
        const append = (texts) =>
          page.evaluate((texts) => {
            for (const text of texts) {
              const p = document.createElement('p');
              p.textContent = text;
              document.querySelector('article').append(p);
            }
          }, texts);
        await append(['Harbour master Lena Holm spoke to reporters after the storm on Sunday.']);
        await new Promise((r) => setTimeout(r, 600));
        await append(['“We will reopen the quay within a week,” she said.']);
        const drawn = await overlayWhen(page, (d) => d.badges.length > v.status.quotes);
        assert.equal(drawn.badges.length, v.status.quotes + 1);
        assert.equal(drawn.badges.at(-1).speaker, 'Lena Holm', 'the pronoun found its speaker in the paragraph before');
        const kept = await page.evaluate(() =>
          [...document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-label')].filter((b) => b.__kept).length,
        );
        assert.equal(kept, v.status.quotes, 'the earlier badges are the same elements');
        assert.equal((await popup.status()).quotes, v.status.quotes + 1);
        assert.deepEqual(v.errors, []);
      });
    });

    test('without the Highlight API the overlay still paints every quote, from its own root, and leaves the page as served', async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        // The same WASM the extension ships (served by the test server: pages
        // cannot load it from the extension), loaded into the page's own world
        // with the Highlight API taken away, as in a browser that lacks it; the
        // test hook opens its root so the tint boxes can be counted.
        const result = await page.evaluate(async (origin) => {
          const mod = await import(`${origin}/pkg/quotelens.js`);
          await mod.default({ module_or_path: `${origin}/pkg/quotelens_bg.wasm` });
          const saved = globalThis.Highlight;
          globalThis.Highlight = undefined;
          globalThis.__quotelensTestHook = true;
          try {
            const overlay = mod.Overlay.attach(document.querySelector('article'));
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            const root = [...document.querySelectorAll('[data-quotelens-test]')].at(-1).shadowRoot;
            const tints = root.querySelectorAll('.ql-tint').length;
            const counts = [overlay.quoteCount(), overlay.speakerCount()];
            const marks = document.querySelectorAll('mark').length;
            overlay.detach();
            overlay.free();
            return { tints, counts, marks };
          } finally {
            globalThis.Highlight = saved;
            delete globalThis.__quotelensTestHook;
          }
        }, server.origin);
        assert.equal(result.counts[0], v.status.quotes);
        assert.ok(result.tints >= 20, `${result.tints} tint boxes`);
        assert.equal(result.marks, 0);
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
      const placements = [];
      for (const { name, path } of realPages()) {
        test(name, async () => {
          await onVisit(path, async (v) => {
          const drawn = await readOverlay(v.page);
          placements.push({ name, ...(await badgePlacement(v.page)) });
          const s = v.status;
          console.log(`# ${kind} ${name}: ${s?.quotes} quotes, ${s?.speakers} speakers, full pass ${s?.passMs?.toFixed(1)} ms, wasm load ${s?.loadMs?.toFixed(1)} ms`);
          assert.ok(s, 'the content script answered');
          assert.equal(s.error, null);
          if (WITHOUT_QUOTES.has(name)) assert.deepEqual(drawn.ranges.filter((r) => r.name !== 'quotelens-term').map((r) => r.text), [], 'nothing highlighted but quoted names of things');
          else assert.ok(drawn.ranges.length > 0, 'quotes found in the article body');
          assert.deepEqual(drawn.ranges.filter((r) => r.inChrome).map((r) => r.text), [], 'none in navigation');
          assert.deepEqual(v.errors, []);
          });
        });
      }

      test('badges cover no page text, stay in view, and name the speaker without hovering', () => {
        const sum = (key) => placements.reduce((n, p) => n + (Array.isArray(p[key]) ? p[key].length : p[key]), 0);
        const [shown, covering, clipped, attributed, readable] = ['shown', 'covering', 'clipped', 'attributed', 'readable'].map(sum);
        const pct = (a, b) => (b ? (100 * a) / b : 0).toFixed(1);
        console.log(
          `# ${kind} badges on ${placements.length} pages: ${shown} shown, ${covering} cover page text (${pct(covering, shown)}%), ` +
            `${clipped} clipped, short name readable for ${readable} of ${attributed} attributed (${pct(readable, attributed)}%)`,
        );
        for (const p of placements.filter((p) => p.covering.length)) console.log(`#   ${p.name}: ${JSON.stringify(p.covering)}`);
        assert.ok(shown > 0, 'badges were shown');
        assert.ok(covering <= 0.02 * shown, `${covering} of ${shown} badges cover page text`);
        assert.equal(clipped, 0, 'no badge past the viewport edge');
        assert.ok(readable >= 0.9 * attributed, `${readable} of ${attributed} attributed badges readable`);
      });
    });
  });
}
