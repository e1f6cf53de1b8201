// The two builds of the Rust layer in headless Chromium, on the seed page and
// the bundled news pages: load (import, plus fetch and compile for the WASM) and
// the first full pass, median of RUNS visits each. The JavaScript build is forced
// by remembering the site as refusing WebAssembly, so both run on the same pages.
// Usage: make bench-js-build
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, launch, openExtensionPage, serve, withVisit } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const PAGES = [
  '/fixtures/seed-article.html',
  ...readdirSync(join(FIXTURES, 'pages'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => `/fixtures/pages/${f}`),
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serve();
const { browser, extensionOrigin } = await launch('chromium');
try {
  const storage = await browser.newPage();
  await openExtensionPage(storage, `${extensionOrigin}/popup.html`);
  for (const build of ['wasm', 'js']) {
    await storage.evaluate(
      (refused) => chrome.storage.local.set({ wasmRefused: refused ? { '127.0.0.1': Date.now() } : {} }),
      build === 'js',
    );
    for (const path of PAGES) {
      const load = [];
      const pass = [];
      for (let i = 0; i < RUNS; i++) {
        await withVisit({ browser, server, extensionOrigin }, path, async ({ status }) => {
          if (status.build !== build || status.error) throw new Error(`expected the ${build} build: ${JSON.stringify(status)}`);
          load.push(status.loadMs);
          pass.push(status.passMs);
        });
      }
      const total = load.map((l, i) => l + pass[i]);
      console.log(
        `${build.padEnd(4)} ${path.split('/').pop().padEnd(20)} load ${median(load).toFixed(1)} ms, ` +
          `first pass ${median(pass).toFixed(1)} ms, both ${median(total).toFixed(1)} ms (median of ${RUNS})`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
}
