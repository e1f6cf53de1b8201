// Builds dist/chrome and dist/firefox from this folder, pkg/ and pkg-js/, and
// packs dist/quotelens-chrome.zip and dist/quotelens-firefox.xpi. One source
// tree: the manifests differ in the background key, the gecko settings and the
// web-accessible resources; only Chrome gets the JavaScript build (pkg-js/);
// the version comes from Cargo.toml. Both carry the project's LICENSE. Only
// Chrome gets the offscreen document (and its permission): Firefox's background
// is a document that writes the clipboard itself.
// Usage: node extension/build.mjs (from the repo root, after `make wasm wasm-js`).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cargoVersion, manifestVersion } from '../scripts/version.mjs';
import { zip } from '../scripts/zip.mjs';

const FILES = ['background.js', 'content.js', 'early.js', 'messages.js', 'quiet.js', 'site.js', 'popup.html', 'popup.js', 'popup.css', 'icons', 'offscreen.html', 'offscreen.js'];
// Chrome's alone: see manifestFor.
const CHROME_ONLY = ['quiet.js', 'offscreen.html', 'offscreen.js'];
const PKG = ['quotelens.js', 'quotelens_bg.wasm'];
const PKG_JS = ['quotelens.js'];

function manifestFor(browser) {
  const { manifest_version, name, ...rest } = JSON.parse(readFileSync('extension/manifest.json', 'utf8'));
  const manifest = { manifest_version, name, version: manifestVersion(cargoVersion()), ...rest };
  if (browser === 'chrome') {
    manifest.background = { service_worker: manifest.background.service_worker, type: manifest.background.type };
    delete manifest.browser_specific_settings;
  } else {
    manifest.background = { scripts: manifest.background.scripts, type: manifest.background.type };
    // Firefox has no offscreen documents, and needs none (background.js, writeClipboard).
    manifest.permissions = manifest.permissions.filter((p) => p !== 'offscreen');
    // Firefox never refuses content-script WebAssembly: no violation to quiet.
    manifest.content_scripts = manifest.content_scripts.filter(({ js }) => !js.includes('quiet.js'));
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
  for (const name of FILES.filter((f) => browser === 'chrome' || !CHROME_ONLY.includes(f))) {
    cpSync(join('extension', name), join(out, name), { recursive: true });
  }
  cpSync('LICENSE', join(out, 'LICENSE'));
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
