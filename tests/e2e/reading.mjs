// Reading with Quotelens, once per browser (reading-*.test.mjs): the Who said
// what panel (popup, badge, jump, filter), export and copy, the toolbar count,
// dark pages and forced colours, accessible names and axe-core.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIXTURES, ROOT, launch, pasteClipboard, readOverlay, serve, withVisit } from './harness.mjs';

const SEED = '/fixtures/seed-article.html';
const DARK = '/gen/dark-seed.html';
// A dark site as many news sites style one, whatever the reader's own setting.
const DARK_STYLE = '<style>html, body { background: #121212; color: #e5e5e5; } a { color: #93c5fd; }</style>';
const seedHtml = readFileSync(join(FIXTURES, 'seed-article.html'), 'utf8');

/// axe-core from the project's node_modules, else from a scratch install
/// (`npm install --no-save --prefix /tmp/axe axe-core`).
const AXE = [join(ROOT, 'node_modules/axe-core/axe.min.js'), '/tmp/axe/node_modules/axe-core/axe.min.js'].find(existsSync);

/// Our shadow root's element matching `selector`, as a handle to click like a user.
const ours = (page, selector) =>
  page.evaluateHandle((s) => document.querySelector('[data-quotelens-test]').shadowRoot.querySelector(s), selector);

/// WCAG contrast of every text in `selectors` (inside our root, or `page` for
/// highlighted page text) against what is painted behind it, alpha included.
function contrasts(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const luminance = ({ r, g, b }) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (x, y) => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
      return (hi + 0.05) / (lo + 0.05);
    };
    // What is painted behind an element: its backgrounds up the tree, across our host.
    const behind = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement ?? e.getRootNode().host) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg && bg.a > 0) layers.push(bg);
        if (e === document.documentElement) break;
      }
      return layers.reverse().reduce((acc, layer) => over(layer, acc), { r: 255, g: 255, b: 255, a: 1 });
    };
    const root = document.querySelector('[data-quotelens-test]').shadowRoot;
    const out = [];
    const texts = root.querySelectorAll('.ql-label:not([hidden]), .ql-card:not([hidden]) *, .ql-panel:not([hidden]) *');
    for (const el of texts) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.data.trim());
      if (!own || el.closest('[hidden]')) continue;
      const style = getComputedStyle(el);
      const fg = over(parse(style.color), behind(el));
      out.push({ what: `${el.className || el.localName}: ${el.textContent.slice(0, 30)}`, ratio: ratio(fg, behind(el)) });
    }
    // Highlighted page text: one tint box of each speaker colour in view, over
    // the page text under it (our tint covers text and background alike).
    const seen = new Set();
    for (const box of root.querySelectorAll('.ql-tint')) {
      const tone = [...box.classList].find((c) => /^ql-t\d$/.test(c));
      const r = box.getBoundingClientRect();
      if (!tone || seen.has(tone) || r.top < 0 || r.bottom > innerHeight || r.width < 4) continue;
      const el = document.elementFromPoint(r.left + 2, (r.top + r.bottom) / 2);
      if (!el || el === root.host) continue;
      seen.add(tone);
      const tint = parse(getComputedStyle(box).backgroundColor);
      const fg = over(tint, over(parse(getComputedStyle(el).color), behind(el)));
      out.push({ what: `page text in ${tone}`, ratio: ratio(fg, over(tint, behind(el))) });
    }
    return out;
  });
}

/// A tiny RFC 4180 reader, to count the rows of the CSV export.
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows.at(-1).push(field), (field = '');
    else if (c === '\n') rows.at(-1).push(field.replace(/\r$/, '')), rows.push([]), (field = '');
    else field += c;
  }
  return rows.filter((r) => r.length > 1);
}

async function waitFor(check, ms = 8000) {
  const deadline = Date.now() + ms;
  let value;
  while (Date.now() < deadline) {
    value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return value;
}

export function defineReading(kind) {
  describe(`reading with Quotelens in ${kind}`, { timeout: 300000 }, () => {
    let server;
    let browser;
    let extensionOrigin;
    const downloads = mkdtempSync(join(tmpdir(), 'quotelens-downloads-'));

    before(async () => {
      server = await serve({ [DARK]: seedHtml.replace('</head>', `${DARK_STYLE}</head>`) });
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

    const onVisit = (path, body) => withVisit({ browser, server, extensionOrigin }, path, body);

    /// Clicks the popup's "Who said what" and waits for the panel.
    async function openFromPopup(v) {
      await v.popup.popup.bringToFront();
      await v.popup.popup.waitForFunction(() => !document.querySelector('#panel').disabled, { timeout: 10000 });
      await v.popup.popup.click('#panel');
      assert.ok(await waitFor(async () => (await v.popup.status()).panel), 'the panel opened');
      await v.page.bringToFront();
    }

    const panelState = (page) =>
      page.evaluate(() => {
        const root = document.querySelector('[data-quotelens-test]').shadowRoot;
        const panel = root.querySelector('.ql-panel');
        return {
          hidden: panel.hidden,
          focused: root.activeElement?.localName ?? null,
          summary: panel.querySelector('.ql-summary').textContent,
          groups: [...panel.querySelectorAll('.ql-group')].map((g) => ({
            speaker: g.querySelector('.ql-who').textContent,
            count: g.querySelector('.ql-n').textContent,
            quotes: [...g.querySelectorAll('.ql-quote')].map((q) => Number(q.dataset.quote)),
          })),
          badges: root.querySelectorAll('.ql-label').length,
        };
      });

    test('Who said what: opens from the popup, lists every quote by speaker, jumps to the 5th, filters to one speaker', async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        await openFromPopup(v);
        let state = await panelState(page);
        assert.equal(state.hidden, false);
        assert.equal(state.focused, 'h2', 'focus moved into the panel');
        const listed = state.groups.flatMap((g) => g.quotes).sort((a, b) => a - b);
        assert.deepEqual(listed, [...Array(state.badges).keys()], 'every badge listed once');
        assert.equal(state.groups[0].speaker, 'Antony Blinken', 'the most quoted first');
        assert.equal(state.groups.at(-1).speaker, 'Unattributed');
        for (const g of state.groups) assert.deepEqual(g.quotes, [...g.quotes].sort((a, b) => a - b), 'reading order');
        assert.match(state.summary, new RegExp(`^${v.status.quotes} quotes by ${v.status.speakers} speakers`));

        // Jump to the 5th quote in reading order.
        await (await ours(page, '.ql-quote[data-quote="4"]')).click();
        const jump = await page.evaluate(() => {
          const root = document.querySelector('[data-quotelens-test]').shadowRoot;
          // The flashed tint boxes (in our root), and the quote whose lines they cover
          // (the test build lists every marked range in CSS.highlights).
          const rects = [...root.querySelectorAll('.ql-tint.ql-flash')].map((t) => t.getBoundingClientRect());
          const near = (a, b) => Math.abs(a.left - b.left) < 1 && Math.abs(a.top - b.top) < 1;
          const ranges = [...CSS.highlights]
            .filter(([n]) => n.startsWith('quotelens'))
            .flatMap(([, h]) => [...h])
            .filter((r) => [...r.getClientRects()].some((line) => rects.some((box) => near(line, box))));
          const panel = root.querySelector('.ql-panel').getBoundingClientRect();
          const covered = rects.some((r) => r.left < panel.right && r.right > panel.left && r.top < panel.bottom && r.bottom > panel.top);
          return {
            text: ranges.map((r) => r.toString()).join(' ').replace(/\s+/g, ' '),
            listed: root.querySelector('.ql-quote[data-quote="4"]').textContent,
            current: root.querySelector('.ql-quote[aria-current="true"]')?.dataset.quote,
            first: rects[0] && { top: rects[0].top, bottom: rects[0].bottom },
            height: innerHeight,
            panel: { top: panel.top, bottom: panel.bottom, left: panel.left, right: panel.right },
            covered,
          };
        });
        const opening = jump.listed.slice(1, -1).replace(/…$/, '');
        assert.ok(jump.text.startsWith(opening), `flashed “${jump.text.slice(0, 60)}” is the 5th quote “${opening}”`);
        assert.ok(jump.first && jump.first.top >= 0 && jump.first.bottom <= jump.height, `in the viewport: ${JSON.stringify(jump.first)}`);
        assert.equal(jump.covered, false, 'the panel does not cover the quote');
        const { panel } = jump;
        assert.ok(panel.top >= 0 && panel.bottom <= jump.height && panel.bottom - panel.top > 150 && panel.right - panel.left > 200, `the panel is on screen: ${JSON.stringify(panel)}`);
        assert.equal(jump.current, '4');
        if (kind === 'chromium') await page.screenshot({ path: join(ROOT, 'docs/panel.png') });

        // Filter to one speaker: the others' badges and highlights dim.
        await (await ours(page, '.ql-speaker[data-speaker="David Lammy"]')).click();
        const filtered = await page.evaluate(() => {
          const root = document.querySelector('[data-quotelens-test]').shadowRoot;
          const badges = [...root.querySelectorAll('.ql-label')];
          // Lammy's colour, from his badge; a dimmed tint has no background left.
          const tone = [...badges.find((b) => b.dataset.speaker === 'David Lammy').classList].find((c) => /^ql-c\d$/.test(c)).slice(4);
          const tints = [...root.querySelectorAll('.ql-tint')];
          const dimmed = (t) => getComputedStyle(t).backgroundColor === 'rgba(0, 0, 0, 0)';
          return {
            pressed: root.querySelector('.ql-speaker[data-speaker="David Lammy"]').getAttribute('aria-pressed'),
            lammyDimmed: badges.filter((b) => b.dataset.speaker === 'David Lammy' && b.classList.contains('ql-dimmed')).length,
            othersDimmed: badges.filter((b) => b.dataset.speaker !== 'David Lammy').every((b) => b.classList.contains('ql-dimmed')),
            dimsLammy: tints.filter((t) => t.classList.contains(`ql-t${tone}`)).some(dimmed),
            dimsOthers: tints.filter((t) => !t.classList.contains(`ql-t${tone}`)).every(dimmed),
          };
        });
        assert.deepEqual(filtered, { pressed: 'true', lammyDimmed: 0, othersDimmed: true, dimsLammy: false, dimsOthers: true });
        await (await ours(page, '.ql-speaker[data-speaker="David Lammy"]')).click();
        const cleared = await page.evaluate(() => ({
          dimmed: document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-dimmed').length,
          rule: document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-tints').className !== 'ql-tints',
        }));
        assert.deepEqual(cleared, { dimmed: 0, rule: false }, 'choosing the speaker again shows everyone');

        // Escape closes it; focus goes back where it was.
        await page.keyboard.press('Escape');
        state = await panelState(page);
        assert.equal(state.hidden, true);
        assert.deepEqual(v.errors, []);
      });
    });

    test('keyboard and screen readers: badges are named with the quote, arrows walk the page, a badge opens its speaker', async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        const labels = await page.evaluate(() =>
          [...document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-label')].map((b) => [Number(b.dataset.index), b.getAttribute('aria-label')]),
        );
        assert.equal(labels.length, v.status.quotes);
        for (const [i, label] of labels) assert.ok(label.endsWith(`”, quote ${i + 1} of ${labels.length}`), label);
        const blinken = labels.find(([, l]) => l.includes('What I think is absolutely'));
        assert.equal(blinken[1], `Antony Blinken, US Secretary of State: “What I think is absolutely essential…”, quote ${blinken[0] + 1} of ${labels.length}`);

        await page.evaluate((i) => document.querySelector('[data-quotelens-test]').shadowRoot.querySelector(`.ql-label[data-index="${i}"]`).focus(), blinken[0]);
        await page.keyboard.press('ArrowDown');
        const focused = () => page.evaluate(() => document.querySelector('[data-quotelens-test]').shadowRoot.activeElement?.dataset.index);
        assert.equal(await focused(), String(blinken[0] + 1), 'ArrowDown: the next quote on the page');
        await page.keyboard.press('ArrowUp');
        assert.equal(await focused(), String(blinken[0]), 'ArrowUp: back');

        // A click on a Lammy badge opens the panel on Lammy.
        const lammy = labels.find(([, l]) => l.startsWith('David Lammy'))[0];
        await page.evaluate((i) => document.querySelector('[data-quotelens-test]').shadowRoot.querySelector(`.ql-label[data-index="${i}"]`).scrollIntoView({ block: 'center' }), lammy);
        await new Promise((r) => setTimeout(r, 200));
        await (await ours(page, `.ql-label[data-index="${lammy}"]`)).click();
        const opened = await page.evaluate(() => {
          const root = document.querySelector('[data-quotelens-test]').shadowRoot;
          return { hidden: root.querySelector('.ql-panel').hidden, focused: root.activeElement?.dataset.speaker };
        });
        assert.deepEqual(opened, { hidden: false, focused: 'David Lammy' });
        // Arrows move through the panel's list.
        await page.keyboard.press('ArrowDown');
        const next = await page.evaluate(() => document.querySelector('[data-quotelens-test]').shadowRoot.activeElement?.className);
        assert.equal(next, 'ql-quote');
        assert.deepEqual(v.errors, []);
      });
    });

    test('export: JSON (the CLI fields, url, title, text), Markdown, CSV and Web Annotations download from the panel', async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        await openFromPopup(v);
        const file = (ext) => join(downloads, `quotes-127.0.0.1.${ext}`);
        const fetched = {};
        for (const ext of ['json', 'md', 'csv', 'jsonld']) {
          await (await ours(page, `.ql-export[data-format="${ext}"]`)).click();
          fetched[ext] = await waitFor(() => existsSync(file(ext)) && readFileSync(file(ext), 'utf8'));
          assert.ok(fetched[ext], `quotes-127.0.0.1.${ext} downloaded (${readdirSync(downloads)})`);
        }
        const json = JSON.parse(fetched.json);
        const drawn = await readOverlay(page);
        const title = await page.title();
        assert.equal(json.url, server.origin + SEED);
        assert.equal(json.title, title);
        assert.equal(json.quotes.length, drawn.badges.length, 'one quote per badge');
        const chars = [...json.text];
        for (const q of json.quotes) {
          assert.equal(chars.slice(q.start, q.end).join(''), q.text, 'offsets are code points into text');
          for (const key of ['speaker', 'speaker_start', 'speaker_end', 'role', 'cue', 'kind', 'confidence', 'why']) assert.ok(key in q, key);
        }
        const attributed = json.quotes.filter((q) => q.speaker).length;
        assert.equal(json.speakers.reduce((n, s) => n + s.quote_count, 0), attributed);
        assert.ok(fetched.md.startsWith(`# Who said what: `), fetched.md.slice(0, 80));
        assert.ok(fetched.md.includes('## Antony Blinken, US Secretary of State ('));
        const rows = parseCsv(fetched.csv);
        // The CLI's columns (src/record.rs), the page's URL as the id.
        assert.deepEqual(rows[0], ['id', 'start', 'end', 'text', 'speaker', 'speaker_start', 'speaker_end', 'role', 'cue', 'kind', 'confidence', 'why']);
        assert.equal(rows.length - 1, json.quotes.length);
        assert.deepEqual(rows.slice(1).map((r) => r[0]), json.quotes.map(() => json.url));
        assert.deepEqual(rows.slice(1).map((r) => r[3]), json.quotes.map((q) => q.text));
        // W3C Web Annotations: one a quote, on the page's address, each
        // selecting the same words by quote and by position in the text read.
        const annotations = JSON.parse(fetched.jsonld);
        assert.equal(annotations['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
        assert.equal(annotations.type, 'AnnotationPage');
        assert.equal(annotations.items.length, json.quotes.length);
        for (const [i, a] of annotations.items.entries()) {
          const [quote, position] = a.target.selector;
          assert.equal(a.target.source, json.url);
          assert.equal(quote.exact, json.quotes[i].text);
          assert.equal(chars.slice(position.start, position.end).join(''), quote.exact);
          assert.equal(a.body?.value, json.quotes[i].speaker ?? undefined);
        }
        console.log(`# ${kind} export: ${json.quotes.length} quotes, JSON ${fetched.json.length} B, Markdown ${fetched.md.length} B, CSV ${fetched.csv.length} B`);
        assert.deepEqual(v.errors, []);
      });
    });

    test('copy: the card puts “…” — speaker, role (site, URL) on the clipboard, with no copy event in the page', async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        await page.evaluate(() => {
          window.__copyEvents = 0;
          document.addEventListener('copy', () => window.__copyEvents++, true);
          const root = document.querySelector('[data-quotelens-test]').shadowRoot;
          const badge = [...root.querySelectorAll('.ql-label')].find((b) => b.getAttribute('aria-label').includes('“Very soon, we will'));
          badge.scrollIntoView({ block: 'center' });
          badge.focus();
        });
        await (await ours(page, '.ql-copy')).click();
        const expected = `“Very soon, we will put that before the parties, and we will see what they say” — Antony Blinken, US Secretary of State (127.0.0.1, ${server.origin}${SEED})`;
        // The async Clipboard API from the extension's own context: the page sees no copy event.
        const said = await waitFor(() =>
          page.evaluate(() => {
            const text = document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-copy').textContent;
            return text !== 'Copying…' && text;
          }),
        );
        assert.equal(said, 'Copied');
        assert.equal(await page.evaluate(() => window.__copyEvents), 0);
        const pasted = await pasteClipboard(page);
        assert.equal(pasted, expected, 'the clipboard holds the citation');
        assert.deepEqual(v.errors, []);
      });
    });

    test('the toolbar badge counts the quotes, also after a paragraph is added', async () => {
      await onVisit(SEED, async (v) => {
        const { page, popup } = v;
        const badge = () => popup.popup.evaluate((tabId) => (globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId }), popup.tabId);
        assert.equal(await waitFor(async () => (await badge()) === String(v.status.quotes) && (await badge())), String(v.status.quotes));
        await page.evaluate(() => {
          const p = document.createElement('p');
          p.textContent = '“We will meet again in Kyiv next month,” said Lammy.';
          document.querySelector('article').append(p);
        });
        const after = await waitFor(async () => ((await badge()) === String(v.status.quotes + 1) ? await badge() : null));
        assert.equal(after, String(v.status.quotes + 1));
      });
    });

    test('a dark page: badges, highlights, card and panel text keep a contrast of 4.5:1', async () => {
      await onVisit(DARK, async (v) => {
        const { page } = v;
        await openFromPopup(v);
        await page.evaluate(() => {
          const root = document.querySelector('[data-quotelens-test]').shadowRoot;
          const badge = [...root.querySelectorAll('.ql-label')].find((b) => b.getAttribute('aria-label').includes('“Very soon, we will'));
          badge.scrollIntoView({ block: 'center' });
          badge.focus();
        });
        await new Promise((r) => setTimeout(r, 300));
        const schemes = [['light preference', null]];
        if (kind === 'chromium') schemes.push(['prefers-color-scheme: dark', 'dark']);
        for (const [name, scheme] of schemes) {
          if (scheme) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
          const list = await contrasts(page);
          const worst = list.reduce((a, b) => (a.ratio < b.ratio ? a : b));
          console.log(`# ${kind} dark page, ${name}: ${list.length} texts, lowest contrast ${worst.ratio.toFixed(2)} (${worst.what})`);
          assert.ok(list.some((c) => c.what.startsWith('page text')), 'highlighted page text measured');
          assert.ok(list.some((c) => c.what.startsWith('ql-label')), 'badges measured');
          assert.ok(list.some((c) => c.what.startsWith('ql-fullname')), 'card measured');
          assert.ok(list.some((c) => c.what.startsWith('ql-who')), 'panel measured');
          assert.deepEqual(list.filter((c) => c.ratio < 4.5), [], `${name}: every text at 4.5:1 or more`);
        }
        if (kind === 'chromium') {
          // The card over the dark page, as docs/EXTENSION.md shows it.
          await page.evaluate(() => document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-close').click());
          await page.evaluate(() => {
            const root = document.querySelector('[data-quotelens-test]').shadowRoot;
            [...root.querySelectorAll('.ql-label')].find((b) => b.getAttribute('aria-label').includes('“Very soon, we will')).focus();
          });
          await page.screenshot({ path: join(ROOT, 'docs/card-dark.png') });
        }
        assert.deepEqual(v.errors, []);
      });
    });

    // Firefox's forced colours are a launch preference (ui.forcedColors); the
    // Chromium run emulates them per page.
    test('forced colours: quotes stay visibly marked', { skip: kind !== 'chromium' && 'emulated in Chromium only' }, async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        // Puppeteer's emulateMediaFeatures does not know forced-colors; CDP does.
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
        const shown = await page.evaluate(async () => {
          const range = [...CSS.highlights].filter(([n]) => n.startsWith('quotelens-c')).flatMap(([, h]) => [...h]).find((r) => r.toString().startsWith('Very soon'));
          range.startContainer.parentElement.scrollIntoView({ block: 'center' });
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return { forced: matchMedia('(forced-colors: active)').matches, top: range.getClientRects()[0].top };
        });
        assert.equal(shown.forced, true);
        assert.ok(shown.top > 0 && shown.top < 800, 'the quote is on screen');
        const marked = await page.screenshot({ encoding: 'base64' });
        // The same line with our tints taken away for a moment.
        const plain = await page.evaluate(async () => {
          const layer = document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-tints');
          layer.hidden = true;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          window.__restore = () => (layer.hidden = false);
        }).then(() => page.screenshot({ encoding: 'base64' }));
        await page.evaluate(() => window.__restore());
        assert.notEqual(marked, plain, 'the page with our highlights differs from the same page unmarked');
        const badge = await page.evaluate(() => {
          const b = [...document.querySelector('[data-quotelens-test]').shadowRoot.querySelectorAll('.ql-label:not([hidden])')][0];
          const s = getComputedStyle(b);
          return { border: s.borderTopWidth, style: s.borderTopStyle };
        });
        assert.deepEqual(badge, { border: '1px', style: 'solid' }, 'badges keep an outline');
      });
    });

    test('axe-core: no violation on our nodes with the overlay, the card and the panel open', { skip: !AXE && 'axe-core not installed (npm install --no-save --prefix /tmp/axe axe-core)' }, async () => {
      await onVisit(SEED, async (v) => {
        const { page } = v;
        await openFromPopup(v);
        await page.evaluate(() => document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-label:not([hidden])').focus());
        await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
        const result = await page.evaluate(async () => {
          const { violations, passes } = await axe.run(document);
          const ourNode = (n) => JSON.stringify(n.target).includes('data-quotelens-test');
          return {
            ours: violations
              .map((v) => ({ id: v.id, nodes: v.nodes.filter(ourNode).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`) }))
              .filter((v) => v.nodes.length),
            page: violations.filter((v) => !v.nodes.some(ourNode)).map((v) => v.id),
            checked: passes.filter((p) => p.nodes.some(ourNode)).map((p) => p.id),
          };
        });
        console.log(`# ${kind} axe-core: ${result.checked.length} rules passed on our nodes; page's own violations: ${result.page.join(', ') || 'none'}`);
        assert.deepEqual(result.ours, []);
        // Contrast over a page is measured by the dark-page test; axe leaves it to review there.
        for (const rule of ['button-name', 'aria-dialog-name', 'nested-interactive', 'scrollable-region-focusable']) {
          assert.ok(result.checked.includes(rule), `${rule} checked on our nodes: ${result.checked.join(', ')}`);
        }
      });
    });
  });
}
