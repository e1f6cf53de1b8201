// Makes the JavaScript build one ES module, pkg-js/quotelens.js, from
// wasm-bindgen's bundler glue (quotelens_bg.js) and binaryen's wasm2js output
// (quotelens_bg.wasm.js). One file because Chrome loads a web-accessible module
// from its per-session URL (`use_dynamic_url`) but resolves that module's own
// relative imports against the fixed extension id, which it then refuses.
//
// It also fixes the one thing the glue assumes about WebAssembly memory: that
// growing it detaches the old ArrayBuffer (so a cached view of length 0 means
// "stale"). wasm2js grows memory by copying into a new buffer and leaves the
// old one intact, so the glue must compare buffers instead, or it reads strings
// from the old copy. Every edit fails loudly if wasm-bindgen's or wasm2js's
// output changes shape. Usage: node scripts/wasm2js-bundle.mjs PKG_DIR
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: wasm2js-bundle.mjs PKG_DIR');

function edit(name, text, pattern, replacement) {
  const next = text.replace(pattern, replacement);
  if (next === text) throw new Error(`${name}: ${pattern} not found; the generated code changed shape`);
  return next;
}

let glue = readFileSync(join(dir, 'quotelens_bg.js'), 'utf8');
glue = edit('glue', glue, /(cached\w+Memory0)\.byteLength === 0/g, '$1.buffer !== wasm.memory.buffer');
glue = edit('glue', glue, /cachedDataViewMemory0\.buffer\.detached === true/, 'cachedDataViewMemory0.buffer !== wasm.memory.buffer');
const glueExports = new Set([...glue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]));

let module = readFileSync(join(dir, 'quotelens_bg.wasm.js'), 'utf8');
module = edit('wasm2js', module, /^import \* as \$_quotelens_bg_js from '\.\/quotelens_bg\.js';\n/m, '');
module = edit('wasm2js', module, /^export var \w+ = retasmFunc\.\w+;\n/gm, '');
if (/^(import|export) /m.test(module)) throw new Error('wasm2js: an import or export is left');
const needed = [...new Set([...module.matchAll(/\$_quotelens_bg_js\.(\w+)/g)].map((m) => m[1]))];
const missing = needed.filter((name) => !glueExports.has(name));
if (missing.length) throw new Error(`the module imports what the glue does not export: ${missing.join(', ')}`);

const bundle = `${glue}
// The Rust layer, compiled by wasm2js, in a scope of its own.
function instantiateWasm2js($_quotelens_bg_js) {
${module}
return retasmFunc;
}

__wbg_set_wasm(instantiateWasm2js({ ${needed.join(', ')} }));
`;
writeFileSync(join(dir, 'quotelens.js'), bundle);
for (const name of ['quotelens_bg.js', 'quotelens_bg.wasm.js']) rmSync(join(dir, name));
console.log(`${dir}/quotelens.js: one module, ${needed.length} imports wired, memory views follow wasm2js's buffer`);
