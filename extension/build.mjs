// Builds dist/chrome and dist/firefox from this folder, pkg/ and pkg-js/, and
// packs dist/quotelens-chrome.zip and dist/quotelens-firefox.xpi. One source
// tree: the manifests differ in the background key, the gecko settings and the
// web-accessible resources; only Chrome gets the JavaScript build (pkg-js/);
// the version comes from Cargo.toml.
// Usage: node extension/build.mjs (from the repo root, after `make wasm wasm-js`).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cargoVersion, manifestVersion } from '../scripts/version.mjs';
import { zip } from '../scripts/zip.mjs';

const FILES = ['background.js', 'content.js', 'site.js', 'popup.html', 'popup.js', 'popup.css', 'icons'];
const PKG = ['quotelens.js', 'quotelens_bg.wasm'];
const PKG_JS = ['quotelens.js'];

function manifestFor(browser) {
  const { manifest_version, name, ...rest } = JSON.parse(readFileSync('extension/manifest.json', 'utf8'));
  const manifest = { manifest_version, name, version: manifestVersion(cargoVersion()), ...rest };
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

for (const [dir, names] of [['pkg', PKG], ['pkg-js', PKG_JS]]) {
  for (const name of names) {
    if (!existsSync(join(dir, name))) throw new Error(`${dir}/${name} is missing: run \`make wasm wasm-js\` first`);
  }
}
for (const [browser, archive] of [['chrome', 'quotelens-chrome.zip'], ['firefox', 'quotelens-firefox.xpi']]) {
  const out = join('dist', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'pkg'), { recursive: true });
  for (const name of FILES) cpSync(join('extension', name), join(out, name), { recursive: true });
  for (const name of PKG) cpSync(join('pkg', name), join(out, 'pkg', name));
  if (browser === 'chrome') {
    mkdirSync(join(out, 'pkg-js'));
    for (const name of PKG_JS) cpSync(join('pkg-js', name), join(out, 'pkg-js', name));
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser), null, 2) + '\n');
  zip(out, join('dist', archive));
  console.log(`built ${out} and dist/${archive}`);
}
