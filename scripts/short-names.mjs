// Gives the WebAssembly's imports and exports short names, in the module and in
// its wasm-bindgen glue alike. wasm-bindgen names each import after its JS
// function plus a 16-digit hash (`__wbg_setAttribute_0123456789abcdef`) from the
// module `./quotelens_bg.js`: for about 190 imports that was 10 KB of the module,
// 3.8 KB gzipped, hashes gzip cannot shrink; its exports are fewer but as long
// (`wasm_bindgen__convert__closures_____invoke__h…`, `overlay_speakerCount`).
// Imports become `a`, `b`, … `ba`, … from the module `a`, exports the same (all
// but `memory`): the same functions, looked up under other keys. Only the glue
// names them: imports as keys of its import object, exports as `wasm.NAME`.
// Every edit fails loudly if wasm-bindgen's output changes shape.
// Usage: node scripts/short-names.mjs PKG_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeLeb, leb } from './wasm-leb.mjs';

const dir = process.argv[2];
if (!dir) throw new Error('usage: short-names.mjs PKG_DIR');
const wasmPath = join(dir, 'quotelens_bg.wasm');
const gluePath = join(dir, 'quotelens.js');
const MODULE = './quotelens_bg.js';

const name = (text) => Buffer.concat([encodeLeb(Buffer.byteLength(text)), Buffer.from(text)]);

// `a` … `z`, then `ba` … : letters only, so each is a plain JS property name.
function shortName(i) {
  let s = '';
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
}

// Where an import's descriptor ends, after its kind byte at `at`.
function descriptorEnd(bytes, kind, at) {
  const limits = (p) => {
    const [flags, q] = leb(bytes, p);
    let [, r] = leb(bytes, q);
    if (flags & 1) [, r] = leb(bytes, r);
    return r;
  };
  switch (kind) {
    case 0: return leb(bytes, at)[1]; // function: type index
    case 1: return limits(at + 1); // table: reference type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    default: throw new Error(`import kind ${kind} is not known here`);
  }
}

let glue = readFileSync(gluePath, 'utf8');
const usedByGlue = (field) => new RegExp(`\\bwasm\\.${field}\\b`).test(glue);

// The export section from `body` to `end`: every export the glue calls renamed
// (not the memory, nor what only other hosts could call, `__abort_handler`).
function renameExports(bytes, body, end) {
  let [count, p] = leb(bytes, body);
  const entries = [encodeLeb(count)];
  for (let i = 0; i < count; i++) {
    const [len, at] = leb(bytes, p);
    const field = bytes.toString('utf8', at, at + len);
    const kindAt = at + len;
    const next = leb(bytes, kindAt + 1)[1];
    let short = field;
    if (field !== 'memory' && usedByGlue(field)) {
      short = shortName(exported.size);
      exported.set(field, short);
    }
    entries.push(name(short), bytes.subarray(kindAt, next));
    p = next;
  }
  if (p !== end) throw new Error('the export section has more than its exports');
  const payload = Buffer.concat(entries);
  return Buffer.concat([Buffer.from([7]), encodeLeb(payload.length), payload]);
}

const bytes = readFileSync(wasmPath);
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);
const renamed = new Map();
const exported = new Map();
const parts = [bytes.subarray(0, 8)];
let at = 8;
while (at < bytes.length) {
  const id = bytes[at];
  const [size, body] = leb(bytes, at + 1);
  const end = body + size;
  if (id === 7) {
    parts.push(renameExports(bytes, body, end));
    at = end;
    continue;
  }
  if (id !== 2) {
    parts.push(bytes.subarray(at, end));
    at = end;
    continue;
  }
  let [count, p] = leb(bytes, body);
  const entries = [encodeLeb(count)];
  for (let i = 0; i < count; i++) {
    const [moduleLen, moduleAt] = leb(bytes, p);
    const module = bytes.toString('utf8', moduleAt, moduleAt + moduleLen);
    const [fieldLen, fieldAt] = leb(bytes, moduleAt + moduleLen);
    const field = bytes.toString('utf8', fieldAt, fieldAt + fieldLen);
    const kindAt = fieldAt + fieldLen;
    const next = descriptorEnd(bytes, bytes[kindAt], kindAt + 1);
    if (module !== MODULE) throw new Error(`import ${module} ${field}: only ${MODULE} is expected`);
    const short = shortName(renamed.size);
    renamed.set(field, short);
    entries.push(name('a'), name(short), bytes.subarray(kindAt, next));
    p = next;
  }
  if (p !== end) throw new Error('the import section has more than its imports');
  const payload = Buffer.concat(entries);
  parts.push(Buffer.from([2]), encodeLeb(payload.length), payload);
  at = end;
}
if (!renamed.size || !exported.size) throw new Error(`${wasmPath}: no imports or exports; already shortened?`);

for (const [field, short] of renamed) {
  const key = new RegExp(`^(\\s+)${field}: function\\(`, 'gm');
  const hits = glue.match(key)?.length ?? 0;
  if (hits !== 1) throw new Error(`glue: the import ${field} is defined ${hits} times, not once`);
  glue = glue.replace(key, `$1${short}: function(`);
  if (new RegExp(`\\b${field}\\b`).test(glue)) throw new Error(`glue: ${field} is named outside its import object`);
}
for (const [field, short] of exported) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${field}\\b`, 'g'), `wasm.${short}`);
}
if (/\bwasm\[/.test(glue)) throw new Error('glue: an export is looked up by a computed name');
const moduleKey = `"${MODULE}": import0,`;
if (glue.split(moduleKey).length !== 2) throw new Error(`glue: ${moduleKey} not found once`);
glue = glue.replace(moduleKey, 'a: import0,');

writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
console.log(`${dir}: ${renamed.size} imports and ${exported.size} exports renamed in the module and its glue`);
