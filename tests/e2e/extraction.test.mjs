// The one article extraction, seen from both sides: each browser's live DOM
// (pkg/, the extension's WebAssembly, `articleText`) must read the same article
// text as the CLI's scraper DOM (`quotelens body`) on every page, and the table
// of tests/fixtures/extraction.json holds in the browser as it does natively.
//
// Page scripts are kept from running (a Content-Security-Policy without
// 'unsafe-inline'; every non-loopback request is refused: request interception
// in Chromium, a dead proxy in Firefox, whose BiDi interception can hang
// saved pages), so both sides read
// the page as saved. `articleText(false)` reads the markup only, as the CLI
// does; `articleText(true)` is what the extension reads, with computed style
// hiding `display: none` elements: the difference is printed, not asserted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { FIXTURES, ROOT, SHARED_PAGES, realPages } from './harness.mjs';

const CLI = join(ROOT, 'target/release/quotelens');
const TABLE = JSON.parse(readFileSync(join(FIXTURES, 'extraction.json'), 'utf8'));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' };
// Our module and its WebAssembly may load; the page's own scripts may not.
const POLICY = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'";

let server, origin;

before(async () => {
  for (const needed of [CLI, join(ROOT, 'pkg/quotelens.js')]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run make release wasm first`);
  }
  const areas = { fixtures: FIXTURES, shared: SHARED_PAGES, pkg: join(ROOT, 'pkg') };
  server = createServer((req, res) => {
    const [, area, ...rest] = decodeURIComponent(new URL(req.url, 'http://x').pathname).split('/');
    const base = areas[area];
    const file = base && resolve(base, rest.join('/'));
    if (!file || !file.startsWith(base) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': POLICY });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => server?.close());

function launch(kind) {
  if (kind === 'chromium') {
    return puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      pipe: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      // Everything but loopback goes to a proxy that is not there.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.allow_hijacking_localhost': false,
    },
  });
}

/// The CLI's article text of each file, in order.
function cliTexts(files) {
  const out = execFileSync(CLI, ['body', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.trim().split('\n').map((line) => JSON.parse(line).text);
}

/// Opens `url`. Firefox now and then fails a navigation to a saved page
/// ("Address rejected") when one of its refused requests races the load, on a
/// busy machine twice in a row; a later try loads it.
async function visit(page, url) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 30000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
      console.log(`retrying ${url}: ${error.message.split('\n')[0]}`);
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/// The browser's article text of a page: markup only, and live.
async function browserTexts(browser, kind, path) {
  const page = await browser.newPage();
  try {
    if (kind === 'chromium') {
      await page.setRequestInterception(true);
      page.on('request', (req) => (req.url().startsWith(origin) ? req.continue() : req.abort()).catch(() => {}));
    }
    await visit(page, `${origin}${path}`);
    return await page.evaluate(async (pkg) => {
      const wasm = await import(`${pkg}/quotelens.js`);
      await wasm.default({ module_or_path: `${pkg}/quotelens_bg.wasm` });
      const markup = wasm.articleText(false);
      const started = performance.now();
      const live = wasm.articleText(true);
      return { markup, live, ms: performance.now() - started };
    }, `${origin}/pkg`);
  } finally {
    await page.close();
  }
}

const flat = (text) => text.replaceAll('\n', ' ');

for (const kind of ['chromium', 'firefox']) {
  describe(`article extraction in ${kind}`, () => {
    let browser;
    before(async () => {
      browser = await launch(kind);
    });
    after(() => browser?.close());

    test('the table of pages holds in the browser', async () => {
      const failures = [];
      for (const { page, has, lacks } of TABLE.cases) {
        const { live } = await browserTexts(browser, kind, `/fixtures/${page}`);
        for (const wanted of has) if (!flat(live).includes(wanted)) failures.push(`${page}: lost ${wanted}`);
        for (const unwanted of lacks) if (flat(live).includes(unwanted)) failures.push(`${page}: kept ${unwanted}`);
      }
      assert.deepEqual(failures, []);
    });

    // Style sheets only a live page applies: `display: none` hides, while an
    // element without a box of its own (`display: contents`) or folded away
    // (`content-visibility: hidden`) still holds text the walk reads.
    test('the live read drops what style sheets hide and keeps boxless wrappers', async () => {
      const { markup, live } = await browserTexts(browser, kind, '/fixtures/live-style.html');
      assert.ok(markup.includes('Hidden by a style sheet'), 'the markup alone cannot know');
      assert.ok(!live.includes('Hidden by a style sheet'));
      assert.ok(live.includes('“We will look at every line again before the vote,” said Maria Lopez'));
      assert.ok(live.includes('“Folded away but laid out later,” said John Okafor'));
    });

    test('the browser reads the same article text as the CLI, page by page', async () => {
      const pages = [
        ...TABLE.cases.map(({ page }) => ({ name: page, path: `/fixtures/${page}`, file: join(FIXTURES, page) })),
        ...realPages()
          .filter(({ path }) => path.startsWith('/shared/'))
          .map(({ name, path }) => ({ name, path, file: join(SHARED_PAGES, name) })),
      ];
      const cli = cliTexts(pages.map(({ file }) => file));
      const differ = [];
      const times = [];
      let liveSame = 0;
      for (const [i, { name, path }] of pages.entries()) {
        const { markup, live, ms } = await browserTexts(browser, kind, path);
        times.push(ms);
        if (markup !== cli[i]) differ.push(name);
        if (live === markup) liveSame += 1;
        else {
          const shown = new Set(live.split('\n'));
          const hidden = markup.split('\n').filter((line) => !shown.has(line)).length;
          console.log(`${name}: computed style hides ${hidden} of ${markup.split('\n').length} lines`);
        }
      }
      times.sort((a, b) => a - b);
      console.log(`${kind}, ${pages.length} pages: the browser's markup-only text equals the CLI's on ${pages.length - differ.length}; live text equals it on ${liveSame}`);
      console.log(`${kind}: live extraction in one go (root, walk, selection): ${times[times.length >> 1].toFixed(1)} ms median, ${times.at(-1).toFixed(1)} ms max`);
      assert.deepEqual(differ, [], 'pages where the browser and the CLI read different text');
    });
  });
}
