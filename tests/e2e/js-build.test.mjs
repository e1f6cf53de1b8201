// The JavaScript build (pkg-js/, wasm2js) against the WebAssembly build (pkg/):
// the same Rust, so the same analysis, also once memory has grown (wasm2js
// grows it by copying, which wasm-bindgen's glue must notice). Runs in Node,
// no browser: `make e2e` builds both packages first.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, ROOT } from './harness.mjs';

const WASM = join(ROOT, 'pkg/quotelens.js');
const JS = join(ROOT, 'pkg-js/quotelens.js');
const missing = [WASM, JS].filter((path) => !existsSync(path));

test('the JavaScript build gives the WebAssembly build’s analysis', { skip: missing.length > 0 ? `not built: ${missing.join(', ')}` : false }, async () => {
  const wasm = await import(WASM);
  await wasm.default({ module_or_path: readFileSync(join(ROOT, 'pkg/quotelens_bg.wasm')) });
  const js = await import(JS);
  const seed = readFileSync(join(FIXTURES, 'seed-article.txt'), 'utf8');
  const accents = '😀 José Ñúñez, the mayor, said: “Olé 🇫🇷 todo bien, señor.” Then he left.';
  // About 400 KB: several times the memory the module starts with.
  const big = Array.from({ length: 60 }, (_, i) => seed.replaceAll('Blinken', `Blinken${i}`)).join('\n\n');
  for (const text of [seed, accents, big]) {
    const expected = wasm.analyze(text);
    assert.ok(expected.quotes.length > 0);
    assert.deepEqual(js.analyze(text), expected);
  }
});
