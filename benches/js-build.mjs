// The two builds of the Rust layer on the seed page in headless Chromium: load
// (import, plus fetch and compile for the WASM) and the first full pass, median
// of RUNS visits each. The JavaScript build is forced by remembering the site as
// refusing WebAssembly, so both run on the same page. Usage: make bench-js-build
import { launch, openExtensionPage, serve, withVisit } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
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
    const load = [];
    const pass = [];
    for (let i = 0; i < RUNS; i++) {
      await withVisit({ browser, server, extensionOrigin }, '/fixtures/seed-article.html', async ({ status }) => {
        if (status.build !== build || status.quotes !== 17) throw new Error(`expected the ${build} build: ${JSON.stringify(status)}`);
        load.push(status.loadMs);
        pass.push(status.passMs);
      });
    }
    const total = load.map((l, i) => l + pass[i]);
    console.log(
      `${build}: load ${median(load).toFixed(1)} ms, first pass ${median(pass).toFixed(1)} ms, ` +
        `load + pass ${median(total).toFixed(1)} ms (median of ${RUNS}, seed page, Chromium)`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
