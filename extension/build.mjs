// Builds dist/chrome and dist/firefox from this folder, pkg/ and pkg-js/, and
// packs dist/quotelens-chrome.zip and dist/quotelens-firefox.xpi. One source
// tree: the manifests differ in the background key, the gecko settings and the
// web-accessible resources; only Chrome gets the JavaScript build (pkg-js/).
// Usage: node extension/build.mjs (from the repo root, after `make wasm wasm-js`).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';

const FILES = ['background.js', 'content.js', 'site.js', 'popup.html', 'popup.js', 'popup.css', 'icons'];
const PKG = ['quotelens.js', 'quotelens_bg.wasm'];
const PKG_JS = ['quotelens.js'];

function manifestFor(browser) {
  const manifest = JSON.parse(readFileSync('extension/manifest.json', 'utf8'));
  if (browser === 'chrome') {
    manifest.background = { service_worker: manifest.background.service_worker };
    delete manifest.browser_specific_settings;
  } else {
    manifest.background = { scripts: manifest.background.scripts };
    // Firefox runs content-script WebAssembly under the extension's policy, so
    // it never needs the JavaScript build. It has no `use_dynamic_url`: its
    // extension address is already a random UUID per installation.
    manifest.web_accessible_resources = manifest.web_accessible_resources.map(({ resources, matches }) => ({
      resources: resources.filter((path) => !path.startsWith('pkg-js/')),
      matches,
    }));
  }
  return manifest;
}

function files(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// A plain zip (deflate, no extras): what both stores and `web-ext` accept.
function crc32(buf) {
  let crc = 0xffffffff;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function zip(dir, out) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const path of files(dir)) {
    const name = Buffer.from(relative(dir, path).split('\\').join('/'));
    const data = readFileSync(path);
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(0x21, 12); // 1980-01-01: reproducible archives
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(name.length, 26);
    local.push(head, name, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += head.length + name.length + packed.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(out, Buffer.concat([...local, ...central, end]));
}

for (const [dir, names] of [['pkg', PKG], ['pkg-js', PKG_JS]]) {
  for (const name of names) {
    if (!existsSync(join(dir, name))) throw new Error(`${dir}/${name} is missing: run \`make wasm wasm-js\` first`);
  }
}
// `--test`: dist-test/, the same packages whose WASM glue modules also set the
// global that opens the overlay's shadow root to the e2e tests (src/wasm/ui.rs):
// in the module itself, since in Firefox a module imported by a content script
// does not see the content script's globals. What ships never sets it: its root
// stays closed (a page's own window properties are invisible to the extension).
const TEST = process.argv.includes('--test');
// On `self` too: wasm-bindgen's global object is `self` (the window), which in a
// Firefox content script is not the module's `globalThis`.
const TEST_HOOK = "globalThis.__quotelensTestHook = true;\nif (typeof self !== 'undefined') self.__quotelensTestHook = true;\n";
for (const [browser, archive] of [['chrome', 'quotelens-chrome.zip'], ['firefox', 'quotelens-firefox.xpi']]) {
  const out = join(TEST ? 'dist-test' : 'dist', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'pkg'), { recursive: true });
  for (const name of FILES) cpSync(join('extension', name), join(out, name), { recursive: true });
  for (const name of PKG) cpSync(join('pkg', name), join(out, 'pkg', name));
  if (browser === 'chrome') {
    mkdirSync(join(out, 'pkg-js'));
    for (const name of PKG_JS) cpSync(join('pkg-js', name), join(out, 'pkg-js', name));
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser), null, 2) + '\n');
  if (TEST) {
    // Both builds: Chrome runs the JavaScript one on pages that refuse WebAssembly.
    for (const dir of ['pkg', 'pkg-js'].filter((d) => existsSync(join(out, d)))) {
      for (const name of readdirSync(join(out, dir)).filter((f) => f.endsWith('.js'))) {
        writeFileSync(join(out, dir, name), readFileSync(join(out, dir, name), 'utf8') + TEST_HOOK);
      }
    }
    console.log(`built ${out} (test hook)`);
    continue;
  }
  zip(out, join('dist', archive));
  console.log(`built ${out} and dist/${archive}`);
}
