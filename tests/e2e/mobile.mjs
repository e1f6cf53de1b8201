// A phone's screen (Firefox for Android, issue 12), once per browser
// (mobile-*.test.mjs): 390×844 CSS pixels with touch, in the desktop browser.
// Highlights get no events and a finger sends no `pointermove`, so the overlay
// hit-tests the tap itself: a tap on quoted text opens that quote's card, which
// fits the screen; a tap elsewhere closes it; a link, in a quote or not, still
// opens (the overlay never cancels a page event).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, quoteLine, serve, withVisit } from './harness.mjs';

const PHONE = { width: 390, height: 844, hasTouch: true, isMobile: true };
const SEED = '/fixtures/seed-article.html';
const SAVED = '/fixtures/pages/wapo-1.html';
const LINKED = '/gen/link-in-quote.html';
const LINKED_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>Pier</title></head><body><main><article>
<p>The storm damaged the pier on Sunday, and the council met on Monday to decide what to do about it.</p>
<p>“We will rebuild <a href="#plan">the old pier</a> before the summer, whatever it costs the town,” said Mayor Ruth Okafor.</p>
</article></main></body></html>`;

/// The centre of a line (`middle` or `last`, see `quoteLine`) of the quote
/// whose text starts with `start`, with what `quoteLine` says of the quote.
async function quotePoint(page, start, which = 'middle') {
  const line = await quoteLine(page, start, which);
  return line && { ...line, x: line.left + line.width / 2, y: line.top + line.height / 2 };
}

/// The centre of the first link whose text is `text`, scrolled into view.
function linkPoint(page, text) {
  return page.evaluate(async (text) => {
    const link = [...document.querySelectorAll('a[href]')].find((a) => a.textContent.trim() === text);
    link.scrollIntoView({ block: 'center' });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const box = link.getClientRects()[0];
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, text);
}

/// A point on the screen on no quote, no link or control and none of our UI.
function elsewhere(page) {
  return page.evaluate(() => {
    const host = document.querySelector('[data-quotelens-test]');
    const quotes = [...CSS.highlights]
      .filter(([name]) => name.startsWith('quotelens'))
      .flatMap(([, highlight]) => [...highlight])
      .flatMap((r) => [...r.getClientRects()]);
    const near = (x, y) => quotes.some((r) => x > r.left - 8 && x < r.right + 8 && y > r.top - 8 && y < r.bottom + 8);
    const { offsetLeft: vx, offsetTop: vy, width, height } = visualViewport;
    for (let y = vy + 40; y < vy + height - 20; y += 25) {
      for (let x = vx + 20; x < vx + width - 20; x += 30) {
        const el = document.elementFromPoint(x, y);
        if (!el || el === host || el.closest('a, button, input, label, select, textarea') || near(x, y)) continue;
        return { x, y };
      }
    }
    return null;
  });
}

/// The card as the reader sees it: shown or not, its text, whether it lies
/// inside the visual viewport with `margin` to spare on each side, and
/// whether the page now scrolls sideways.
function cardState(page, margin = 4) {
  return page.evaluate((margin) => {
    const card = document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-card');
    const r = card.getBoundingClientRect();
    const v = visualViewport;
    const html = document.documentElement;
    return {
      shown: !card.hidden,
      text: card.textContent,
      inside:
        r.left >= v.offsetLeft + margin &&
        r.top >= v.offsetTop + margin &&
        r.right <= v.offsetLeft + v.width - margin &&
        r.bottom <= v.offsetTop + v.height - margin,
      box: [r.left, r.top, r.right, r.bottom].map(Math.round),
      view: [v.offsetLeft, v.offsetTop, v.width, v.height].map(Math.round),
      sideways: html.scrollWidth > html.clientWidth,
    };
  }, margin);
}

/// Taps (a touch pointer: pointerdown, pointerup, click) at `point`, then
/// waits for the card to be shown (`open`) or hidden.
async function tap(page, point, open) {
  await page.touchscreen.tap(point.x, point.y);
  await page
    .waitForFunction(
      (open) => document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-card').hidden !== open,
      { timeout: 5000 },
      open,
    )
    .catch(() => {});
  return cardState(page);
}

export function defineMobile(kind) {
  describe(`a phone's screen in ${kind}`, { timeout: 120000 }, () => {
    let server;
    let browser;
    let extensionOrigin;

    before(async () => {
      server = await serve({ [LINKED]: LINKED_HTML });
      ({ browser, extensionOrigin } = await launch(kind));
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    const onPhone = (path, body) => withVisit({ browser, server, extensionOrigin }, path, body, { viewport: PHONE });

    test('seed article: a tap on a quote opens its card inside the screen, another quote switches it, elsewhere closes it, a link opens', async () => {
      await onPhone(SEED, async ({ page, errors, status }) => {
        assert.equal(status.error, null);
        assert.ok(status.quotes > 0, 'quotes drawn');
        // A page without a viewport tag is laid out 980 pixels wide on a phone
        // (Chromium's mobile emulation does so) and zoomed out to fit.
        assert.equal(await page.evaluate(() => Math.round(innerWidth * visualViewport.scale)), 390, 'a phone-wide screen');
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

        const blinken = await quotePoint(page, 'Very soon');
        assert.ok(blinken && blinken.lines >= 2, 'the quote runs over lines on a phone');
        let card = await tap(page, blinken, true);
        assert.ok(card.shown, 'a tap on the quote opens a card');
        assert.match(card.text, /Antony Blinken/);
        assert.ok(card.inside, `card ${card.box} inside the screen ${card.view}`);
        assert.equal(card.sideways, sideways, 'the card makes the page no wider');

        const lammy = await quotePoint(page, 'It was important to go to the UAE');
        card = await tap(page, lammy, true);
        assert.match(card.text, /David Lammy/, 'a tap on another quote shows its speaker');
        assert.ok(card.inside, `card ${card.box} inside the screen ${card.view}`);

        // A finger dragged across the page (a scroll) has no hover: the card stays.
        const empty = await elsewhere(page);
        assert.ok(empty, 'a point on no quote');
        const step = empty.y > 200 ? -30 : 30;
        await page.touchscreen.touchStart(empty.x, empty.y);
        await page.touchscreen.touchMove(empty.x, empty.y + step);
        await page.touchscreen.touchMove(empty.x, empty.y + 2 * step);
        await page.touchscreen.touchEnd();
        // Chromium scrolls on with the fling: wait until the page stands still.
        await page.evaluate(async () => {
          const frame = () => new Promise((r) => requestAnimationFrame(r));
          let last;
          for (let still = 0; still < 5; ) {
            await frame();
            still = scrollY === last ? still + 1 : 0;
            last = scrollY;
          }
        });
        card = await cardState(page);
        assert.ok(card.shown, 'a finger dragged over the page leaves the card open');
        assert.match(card.text, /David Lammy/);

        card = await tap(page, await elsewhere(page), false);
        assert.equal(card.shown, false, 'a tap elsewhere closes the card');

        const link = await linkPoint(page, 'World');
        await page.touchscreen.tap(link.x, link.y);
        assert.equal(await page.evaluate(() => location.hash), '#world', 'the tapped link opened');
        assert.deepEqual(errors, []);
      });
    });

    test('saved page (wapo-1): a tap on a quote opens its card inside the screen, also deep in the quote after scrolling', async () => {
      await onPhone(SAVED, async ({ page, errors, status }) => {
        assert.equal(status.error, null);
        const point = await quotePoint(page, 'There is a consensus here');
        assert.ok(point, 'the quote is highlighted');
        let card = await tap(page, point, true);
        assert.ok(card.shown, 'a tap on the quote opens a card');
        assert.match(card.text, /Ajmi Lourimi/);
        assert.ok(card.inside, `card ${card.box} inside the screen ${card.view}`);

        // Scrolled until its first line is gone, a tap on its last line brings
        // the card back on screen, beside that line.
        const tail = await quotePoint(page, 'There is a consensus here', 'last');
        assert.ok(tail.above, 'the first line is above the screen');
        card = await tap(page, tail, true);
        assert.match(card.text, /Ajmi Lourimi/);
        assert.ok(card.inside, `card ${card.box} inside the screen ${card.view}`);
        assert.deepEqual(errors, []);
      });
    });

    test('a link inside a quote: the tap opens the link and the quote’s card', async () => {
      await onPhone(LINKED, async ({ page, errors, status }) => {
        assert.equal(status.quotes, 1);
        const link = await linkPoint(page, 'the old pier');
        const card = await tap(page, link, true);
        // The link's target is not on the page, so following it scrolls nothing
        // and the card stays where the finger is.
        assert.equal(await page.evaluate(() => location.hash), '#plan', 'the tapped link opened');
        assert.ok(card.shown, 'the card opened too');
        assert.match(card.text, /Ruth Okafor/);
        assert.deepEqual(errors, []);
      });
    });
  });
}
