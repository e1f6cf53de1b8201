// The overlay's cost per stage on real pages (issue 8, part 7): each bundled
// page (and the seed article) loaded RUNS times per browser, the WebAssembly
// loaded and attached in the page the way the content script does it, and
// the median of each stage printed: WASM load (fetch, compile, instantiate),
// then the first pass: walk, analysis, ranges (with badges), highlights,
// layout; and the longest slice of our work without a break. Then the same
// pages with the shipped extension, as the content script reports them (its
// WASM load, full first pass and longest slice): Firefox compiles a page's
// own WebAssembly more slowly than an extension's, so the load column of the
// first table is not what users get there.
// With --pages (`make bench-pages`, issue 18.1): only the shipped extension,
// over every page of ../shared/pages and ../shared/bench-pages, RUNS loads
// each, and per browser the median, p90 and largest of each stage over all
// loads: WASM load (what is left of fetch, compile, instantiate when the
// content script needs it: extension/early.js started them at document_start;
// wall time, most of it off the main thread), walk, analysis, ranges, highlights, layout (first slice);
// `main` is their sum (load included), the main-thread cost of a page; `slice`
// the longest task of ours without a break.
// Usage: node benches/browser/stages.mjs [--pages] [chromium|firefox ...] (after `make extension`).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BENCH_PAGES,
  FIXTURES,
  SHARED_PAGES,
  launch,
  openExtensionPage,
  openPage,
  openPopup,
  serve,
  settled,
} from '../../tests/e2e/harness.mjs';

const sharedMode = process.argv.includes('--pages');
const RUNS = Number(process.env.RUNS ?? (sharedMode ? 3 : 20));
const browsers = process.argv.slice(2).filter((a) => a !== '--pages');
const kinds = browsers.length ? browsers : ['chromium', 'firefox'];
const pages = ['/fixtures/seed-article.html', ...readdirSync(join(FIXTURES, 'pages')).filter((f) => f.endsWith('.html')).map((f) => `/fixtures/pages/${f}`)];
const STAGES = ['walk', 'analysis', 'ranges', 'highlights', 'layout'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => x.toFixed(1).padStart(6);

const server = await serve();
if (sharedMode) {
  for (const kind of kinds) await pagesBudget(kind);
  await server.close();
  process.exit(0);
}
for (const kind of kinds) {
  const { browser } = await launch(kind, { bare: true });
  console.log(`\n${kind}: median of ${RUNS} loads, ms`);
  console.log(`${'page'.padEnd(22)}${['load', ...STAGES, 'pass', 'load+pass', 'slice'].map((h) => h.padStart(11)).join('')}`);
  const firsts = [];
  for (const path of pages) {
    const rows = [];
    for (let i = 0; i < RUNS; i++) {
      const { page } = await openPage(browser, server.origin);
      await page.goto(server.origin + path, { waitUntil: 'load' });
      const row = await page.evaluate(async () => {
        const started = performance.now();
        const mod = await import('/pkg/quotelens.js');
        await mod.default({ module_or_path: '/pkg/quotelens_bg.wasm' });
        const load = performance.now() - started;
        const overlay = mod.attachToPage();
        while (overlay.lastPassMs() === 0) await new Promise((r) => setTimeout(r, 5));
        const result = { load, stages: [...overlay.stageMs()], pass: overlay.lastPassMs(), slice: overlay.longestSliceMs(), quotes: overlay.quoteCount() };
        overlay.detach();
        overlay.free();
        return result;
      });
      rows.push(row);
      await page.close();
    }
    const col = (f) => median(rows.map(f));
    const cells = [col((r) => r.load), ...STAGES.map((_, k) => col((r) => r.stages[k])), col((r) => r.pass), col((r) => r.load + r.pass), col((r) => r.slice)];
    firsts.push(col((r) => r.load + r.pass));
    const name = path.split('/').pop().replace('.html', '');
    console.log(`${`${name} (${rows[0].quotes} q)`.padEnd(22)}${cells.map((c) => ms(c).padStart(11)).join('')}`);
  }
  console.log(`median over pages of load+first pass: ${median(firsts).toFixed(1)} ms`);
  await browser.close();

  const ext = await launch(kind, { shipped: true });
  console.log(`\n${kind}, the shipped extension: median of ${RUNS} loads, ms`);
  console.log(`${'page'.padEnd(22)}${['load', 'pass', 'load+pass', 'slice'].map((h) => h.padStart(11)).join('')}`);
  const extFirsts = [];
  for (const path of pages) {
    const rows = [];
    for (let i = 0; i < RUNS; i++) {
      const { page } = await openPage(ext.browser, server.origin);
      await page.goto(server.origin + path, { waitUntil: 'load' });
      // Let the content script finish before the popup's tab competes with it.
      await new Promise((r) => setTimeout(r, 1000));
      const popup = await openPopup(ext.browser, ext.extensionOrigin, server.origin + path);
      const s = await settled(popup.status);
      rows.push(s);
      await popup.popup.close();
      await page.close();
    }
    const col = (f) => median(rows.map(f));
    extFirsts.push(col((r) => r.loadMs + r.passMs));
    const cells = [col((r) => r.loadMs), col((r) => r.passMs), col((r) => r.loadMs + r.passMs), col((r) => r.sliceMs)];
    const name = path.split('/').pop().replace('.html', '');
    console.log(`${`${name} (${rows[0].quotes} q)`.padEnd(22)}${cells.map((c) => ms(c).padStart(11)).join('')}`);
  }
  console.log(`median over pages of load+first pass: ${median(extFirsts).toFixed(1)} ms`);
  await ext.browser.close();
}
await server.close();

/// Issue 18.1: the shipped extension over ../shared's pages, stage by stage.
async function pagesBudget(kind) {
  const list = (dir, area) =>
    existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.html')).sort().map((f) => `/${area}/${f}`) : [];
  // LIMIT=n: only the first n pages (a quick look).
  const all = [...list(SHARED_PAGES, 'shared'), ...list(BENCH_PAGES, 'bench')].slice(0, Number(process.env.LIMIT ?? Infinity));
  if (!all.length) throw new Error(`no pages in ${SHARED_PAGES} or ${BENCH_PAGES}`);
  const ext = await launch(kind, { shipped: true });
  // One extension page asks the tabs for their status (as the popup does).
  const helper = await ext.browser.newPage();
  await openExtensionPage(helper, `${ext.extensionOrigin}/popup.html`);
  const rows = [];
  for (const path of all) {
    for (let i = 0; i < RUNS; i++) {
      const { page } = await openPage(ext.browser, server.origin);
      const url = server.origin + path;
      await page.goto(url, { waitUntil: 'load', timeout: 60000 }).catch(() => {});
      const s = await helper.evaluate(async (url) => {
        const api = globalThis.browser ?? globalThis.chrome;
        const done = (s) => s && (s.error || s.hasMarks === false || s.passMs > 0);
        for (let k = 0; k < 150; k++) {
          for (const tab of await api.tabs.query({})) {
            const s = await api.tabs.sendMessage(tab.id, { type: 'status' }).catch(() => null);
            if (s?.page === url && done(s)) {
              await new Promise((r) => setTimeout(r, 300));
              return api.tabs.sendMessage(tab.id, { type: 'status' }).catch(() => s);
            }
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        return null;
      }, url);
      await page.close();
      if (s && !s.error && s.passMs > 0) rows.push({ path, ...s });
    }
  }
  await ext.browser.close();
  const STAGED = ['load', ...STAGES, 'main', 'pass', 'slice'];
  const value = (r, col) => {
    const stages = r.stages ?? [];
    if (col === 'load') return r.loadMs;
    if (col === 'main') return r.loadMs + stages.reduce((a, b) => a + b, 0);
    if (col === 'pass') return r.passMs;
    if (col === 'slice') return r.sliceMs;
    return stages[STAGES.indexOf(col)] ?? 0;
  };
  const pct = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  };
  console.log(`\n${kind}, the shipped extension on ${all.length} pages × ${RUNS} loads (${rows.length} with quotes read), ms`);
  console.log(`${''.padEnd(8)}${STAGED.map((h) => h.padStart(11)).join('')}`);
  for (const [label, f] of [
    ['median', (xs) => median(xs)],
    ['p90', (xs) => pct(xs, 90)],
    ['max', (xs) => Math.max(...xs)],
  ]) {
    console.log(`${label.padEnd(8)}${STAGED.map((col) => ms(f(rows.map((r) => value(r, col)))).padStart(11)).join('')}`);
  }
  // early.js (document_start) had the module (Firefox) or its bytes (Chrome) ready.
  console.log(`loads whose WebAssembly early.js got ready while the page loaded: ${rows.filter((r) => r.early).length}`);
  const over = rows.filter((r) => r.sliceMs > 50);
  console.log(`loads with a slice over 50 ms: ${over.length}${over.length ? ` (${[...new Set(over.map((r) => r.path.split('/').pop()))].join(', ')})` : ''}`);
  const worst = [...rows].sort((a, b) => value(b, 'main') - value(a, 'main')).slice(0, 5);
  console.log(`most main-thread time: ${worst.map((r) => `${r.path.split('/').pop()} ${value(r, 'main').toFixed(0)}`).join(', ')}`);
}
