// The extension on hostile pages (issue 19.2): how much main-thread stall it
// adds within WINDOW_MS of load. Each page is generated here, loaded RUNS times
// with the shipped extension and RUNS times without it, in each browser, and
// the stalls of the page's main thread are summed over the window:
// - Chromium: long tasks (PerformanceObserver 'longtask', over 50 ms);
// - both: a probe that re-arms a 0 ms timeout and counts every gap over
//   50 ms between two of its turns (Firefox has no long-task timing; a gap is
//   what the page could not do meanwhile).
// Printed per page and browser: the median sum of stalls without and with the
// extension, what the extension adds, the longest stall, and what the
// extension itself reports (quotes, first pass, longest slice, text cap hit).
// A benchmark, not a test: nothing here fails on a figure.
// Usage: node benches/browser/hostile.mjs [chromium|firefox ...] [page names...]
// (after `make extension`; RUNS=3 and WINDOW_MS=14000 take about 12 minutes).
import { launch, openPage, openPopup, serve } from '../../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 14000);
const args = process.argv.slice(2);
const kinds = args.filter((a) => ['chromium', 'firefox'].includes(a));
const only = args.filter((a) => !kinds.includes(a));

const NAMES = ['Maria Lopez', 'John Okafor', 'Ana Silva', 'Peter Brandt', 'Lena Holm', 'Ravi Mehta'];
const FILLER =
  'The committee reviewed the figures for the third quarter and found that spending on roads, schools and hospitals ' +
  'had risen faster than expected, while tax receipts fell short of the forecast made in spring. ';
const quote = (i) => `“We will look at every line of the budget again before the vote in ${i} days,” said ${NAMES[i % NAMES.length]}, the finance chief. `;
const html = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title></head><body>${body}</body></html>`;

/// 200,000 nodes: 10,000 paragraphs of 20 nodes each (spans, links, text), one in four with a quote.
function manyNodes() {
  const ps = [];
  for (let i = 0; i < 10000; i++) {
    const words = [];
    for (let k = 0; k < 4; k++) words.push(`<span>word ${k}</span> <a href="#${i}">link</a> <b>bold</b> `);
    ps.push(`<p>${i % 4 === 0 ? quote(i) : ''}${words.join('')}</p>`);
  }
  return html(`<main><article><h1>Two hundred thousand nodes</h1>${ps.join('\n')}</article></main>`);
}

/// One text node of 5 MB, with a quote every few sentences.
function hugeTextNode() {
  const parts = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const part = i % 3 === 0 ? quote(i) : FILLER;
    parts.push(part);
    size += part.length;
  }
  return html(`<main><article><h1>One text node</h1><div>${parts.join('')}</div></article></main>`);
}

/// 5,000 nested elements in the markup, the story at the bottom. (Built by
/// script instead, 5,000 levels crash Chromium's renderer without any
/// extension; its parser stops nesting at 512 and adds the rest as siblings.)
function deepNesting() {
  const story = Array.from({ length: 20 }, (_, i) => `<p>${FILLER}${quote(i)}</p>`).join('');
  return html(`<main><article><h1>Deep</h1>${'<div>'.repeat(5000)}${story}${'</div>'.repeat(5000)}</article></main>`);
}

/// An article whose clock (inside it) changes every millisecond, and whose ticker adds and removes a node each time.
function mutating() {
  const ps = Array.from({ length: 60 }, (_, i) => `<p>${FILLER}${i % 3 === 0 ? quote(i) : ''}</p>`).join('\n');
  return html(`<main><article><h1>Ticking</h1><p>Updated <span id="clock">0</span> ms ago.</p><div id="ticker"></div>${ps}</article></main><script>
const clock = document.getElementById('clock');
const ticker = document.getElementById('ticker');
let n = 0;
setInterval(() => {
  clock.textContent = String(++n);
  const s = document.createElement('span');
  s.textContent = 'tick ' + n;
  ticker.replaceChildren(s);
}, 1);
</script>`);
}

/// 100 frames, each with a short article of its own, around a main article.
function manyFrames() {
  const ps = Array.from({ length: 30 }, (_, i) => `<p>${FILLER}${i % 3 === 0 ? quote(i) : ''}</p>`).join('\n');
  const frames = Array.from({ length: 100 }, (_, i) => `<iframe src="/gen/frame.html?${i}" width="200" height="80"></iframe>`).join('');
  return html(`<main><article><h1>Frames</h1>${ps}</article></main><aside>${frames}</aside>`);
}

const PAGES = {
  'nodes-200k': manyNodes(),
  'text-node-5mb': hugeTextNode(),
  'nesting-5000': deepNesting(),
  'mutating-1ms': mutating(),
  'iframes-100': manyFrames(),
};
const names = Object.keys(PAGES).filter((n) => !only.length || only.includes(n));

const server = await serve({
  ...Object.fromEntries(Object.entries(PAGES).map(([name, body]) => [`/gen/${name}.html`, body])),
  '/gen/frame.html': html(`<article><p>${FILLER}${quote(7)}</p></article>`),
});

/// Installed before the page's own scripts: long tasks (where the browser has
/// them) and the gap probe, both from navigation start.
function probe() {
  window.__long = null;
  if (PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  }
  window.__gaps = [];
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last > 50) window.__gaps.push([last, now - last]);
    last = now;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const fmt = (x) => (x === null || x === undefined ? '—' : Math.round(x).toString()).padStart(8);

/// One load of `name`: the stalls within the window, and (with the extension) its status.
async function visit(browser, extensionOrigin, name) {
  const { page } = await openPage(browser, server.origin);
  await page.evaluateOnNewDocument(probe);
  const url = `${server.origin}/gen/${name}.html`;
  const loaded = page.goto(url, { waitUntil: 'load', timeout: 120000 }).catch((e) => e);
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const answer = await Promise.race([
    page.evaluate(
      (window) => ({
        long: globalThis.__long && globalThis.__long.filter(([at]) => at < window).map(([, ms]) => ms),
        gaps: globalThis.__gaps.filter(([at]) => at < window).map(([, ms]) => ms),
      }),
      WINDOW_MS,
    ),
    new Promise((r) => setTimeout(() => r(null), 60000)),
  ]);
  await loaded;
  let status = null;
  if (extensionOrigin && answer) {
    const popup = await openPopup(browser, extensionOrigin, url).catch(() => null);
    status = popup && (await popup.status().catch(() => null));
    await popup?.popup.close().catch(() => {});
  }
  await page.close().catch(() => {});
  return { ...(answer ?? { long: null, gaps: [WINDOW_MS] }), status, hung: !answer };
}

for (const kind of kinds.length ? kinds : ['chromium', 'firefox']) {
  const results = {};
  for (const mode of ['without', 'with']) {
    const { browser, extensionOrigin } = await launch(kind, { shipped: true, bare: mode === 'without' });
    for (const name of names) {
      for (let i = 0; i < RUNS; i++) {
        const r = await visit(browser, extensionOrigin, name);
        ((results[name] ??= {})[mode] ??= []).push(r);
      }
    }
    await browser.close();
  }
  console.log(`\n${kind}: stalls over 50 ms within ${WINDOW_MS / 1000} s of load, median of ${RUNS} loads, ms`);
  const heads = ['long tasks', 'with', 'added', 'longest', 'gaps', 'with', 'added', 'longest', 'quotes', 'pass', 'slice', 'capped'];
  console.log(`${'page'.padEnd(15)}${heads.map((h) => h.padStart(8)).join('')}`);
  for (const name of names) {
    const { without, with: withExt } = results[name];
    const longSum = (runs) => median(runs.map((r) => (r.long ? sum(r.long) : null)));
    const longMax = (runs) => median(runs.map((r) => (r.long ? Math.max(0, ...r.long) : null)));
    const gapSum = (runs) => median(runs.map((r) => sum(r.gaps)));
    const gapMax = (runs) => median(runs.map((r) => Math.max(0, ...r.gaps)));
    const status = (f) => median(withExt.map((r) => (r.status ? f(r.status) : null)));
    const hasLong = longSum(without) !== null;
    const cells = [
      longSum(without),
      longSum(withExt),
      hasLong ? longSum(withExt) - longSum(without) : null,
      longMax(withExt),
      gapSum(without),
      gapSum(withExt),
      gapSum(withExt) - gapSum(without),
      gapMax(withExt),
      status((s) => s.quotes),
      status((s) => s.passMs),
      status((s) => s.sliceMs),
    ];
    const capped = withExt.some((r) => r.status?.capped) ? 'yes' : 'no';
    const hung = [...without, ...withExt].some((r) => r.hung) ? '  (a load stopped answering)' : '';
    console.log(`${name.padEnd(15)}${cells.map(fmt).join('')}${capped.padStart(8)}${hung}`);
  }
}
await server.close();
