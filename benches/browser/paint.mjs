// What painting quotes costs on the seed article (issue 19, part 3): the
// WebAssembly in `pkg/` against another build of it (a directory holding its
// quotelens.js and quotelens_bg.wasm, e.g. one built from an older commit),
// each attached in the page RUNS times per browser, as `attachToPage` does in
// the content script (closed root, nothing listed for tests). Printed medians,
// in ms: the first pass and its highlight and layout stages (ours: badges and,
// from this change, the tint boxes); the first frame after the pass (the
// browser's style, layout and paint of what we drew); and a re-layout (the
// article made narrower, so every line moves) until the second frame after it.
// Usage: node benches/browser/paint.mjs OTHER_PKG_DIR [chromium|firefox ...] (after `make wasm`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, openPage, serve } from '../../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const [other, ...rest] = process.argv.slice(2);
if (!other) throw new Error('usage: node benches/browser/paint.mjs OTHER_PKG_DIR [chromium|firefox ...]');
const kinds = rest.length ? rest : ['chromium', 'firefox'];
const PAGE = '/fixtures/seed-article.html';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/// Runs in the page: loads the build in `dir`, attaches, and times it.
async function measure(dir) {
  const frames = (n) => new Promise((r) => { const step = (k) => (k ? requestAnimationFrame(() => step(k - 1)) : r()); step(n); });
  const mod = await import(`${dir}/quotelens.js`);
  await mod.default({ module_or_path: `${dir}/quotelens_bg.wasm` });
  await frames(2);
  const overlay = mod.attachToPage();
  while (overlay.lastPassMs() === 0) await new Promise((r) => setTimeout(r, 0));
  const drawn = performance.now();
  await frames(1);
  const frame = performance.now() - drawn;
  const stages = [...overlay.stageMs()];
  // Every line moves: the overlay re-lays out (ResizeObserver), the browser repaints.
  const article = document.querySelector('article') ?? document.body;
  const started = performance.now();
  article.style.maxWidth = '520px';
  await frames(3);
  const relayout = performance.now() - started;
  const registry = (globalThis.CSS?.highlights?.size ?? 0) + document.adoptedStyleSheets.length;
  const result = { pass: overlay.lastPassMs(), highlights: stages[3], layout: stages[4], frame, relayout, registry };
  overlay.detach();
  overlay.free();
  return result;
}

const server = await serve({
  '/other/quotelens.js': { body: readFileSync(join(other, 'quotelens.js')) },
  '/other/quotelens_bg.wasm': { body: readFileSync(join(other, 'quotelens_bg.wasm')) },
});
console.log(`this build: ${join(ROOT, 'pkg')}; other: ${other}`);
for (const kind of kinds) {
  const { browser } = await launch(kind, { bare: true });
  console.log(`\n${kind}, ${PAGE}: median of ${RUNS} loads, ms`);
  console.log(`${'build'.padEnd(8)}${['pass', 'highlights', 'layout', 'first frame', 're-layout', 'in registry'].map((h) => h.padStart(13)).join('')}`);
  // The two builds take turns, so a change in the machine's load hits both.
  const rows = { other: [], this: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, dir] of [['other', '/other'], ['this', '/pkg']]) {
      const { page } = await openPage(browser, server.origin);
      await page.goto(server.origin + PAGE, { waitUntil: 'load' });
      rows[name].push(await page.evaluate(measure, dir));
      await page.close();
    }
  }
  for (const name of ['other', 'this']) {
    const cells = ['pass', 'highlights', 'layout', 'frame', 'relayout', 'registry'].map((k) => median(rows[name].map((r) => r[k])).toFixed(1));
    console.log(`${name.padEnd(8)}${cells.map((c) => c.padStart(13)).join('')}`);
  }
  await browser.close();
}
await server.close();
