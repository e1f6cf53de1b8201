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
// Usage: node benches/browser/stages.mjs [chromium|firefox ...] (after `make extension`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, launch, openPage, openPopup, serve, settled } from '../../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 20);
const kinds = process.argv.slice(2).length ? process.argv.slice(2) : ['chromium', 'firefox'];
const pages = ['/fixtures/seed-article.html', ...readdirSync(join(FIXTURES, 'pages')).filter((f) => f.endsWith('.html')).map((f) => `/fixtures/pages/${f}`)];
const STAGES = ['walk', 'analysis', 'ranges', 'highlights', 'layout'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => x.toFixed(1).padStart(6);

const server = await serve();
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
