// Copies a wasm module with some features taken out of its `target_features`
// section. wasm-bindgen reads that section to choose its output: with
// `reference-types` it keeps JS values in an externref table, with `multivalue`
// it returns (pointer, length) pairs as tuples. binaryen's wasm2js refuses both
// ("multiple tables", "cannot convert tuple.make"), so the JavaScript build
// takes them out first; the WASM build keeps them. rustc emits neither in the
// code itself for this crate: only wasm-bindgen's output depends on the section.
// Usage: node scripts/without-features.mjs IN.wasm OUT.wasm FEATURE...
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeLeb, leb } from './wasm-leb.mjs';

const [input, output, ...drop] = process.argv.slice(2);
if (!input || !output || !drop.length) throw new Error('usage: without-features.mjs IN.wasm OUT.wasm FEATURE...');
const bytes = readFileSync(input);
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${input} is not a wasm module`);

const parts = [bytes.subarray(0, 8)];
const removed = [];
let at = 8;
while (at < bytes.length) {
  const id = bytes[at];
  const [size, body] = leb(bytes, at + 1);
  const end = body + size;
  let section = bytes.subarray(at, end);
  if (id === 0) {
    const [nameLen, nameAt] = leb(bytes, body);
    const name = bytes.toString('utf8', nameAt, nameAt + nameLen);
    if (name === 'target_features') {
      // A vector of (prefix byte, name): keep every feature but the dropped ones.
      let [count, p] = leb(bytes, nameAt + nameLen);
      const kept = [];
      for (; count > 0; count--) {
        const [len, q] = leb(bytes, p + 1);
        const feature = bytes.toString('utf8', q, q + len);
        if (drop.includes(feature)) removed.push(feature);
        else kept.push(bytes.subarray(p, q + len));
        p = q + len;
      }
      const payload = Buffer.concat([
        Buffer.from(encodeLeb(nameLen)),
        Buffer.from(name),
        Buffer.from(encodeLeb(kept.length)),
        ...kept,
      ]);
      section = Buffer.concat([Buffer.from([0]), Buffer.from(encodeLeb(payload.length)), payload]);
    }
  }
  parts.push(section);
  at = end;
}
writeFileSync(output, Buffer.concat(parts));
console.log(`${output}: without ${removed.join(', ') || 'nothing'} (asked: ${drop.join(', ')})`);
