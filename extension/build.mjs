// Builds dist/chrome and dist/firefox from this folder and pkg/, and packs
// dist/quotelens-chrome.zip and dist/quotelens-firefox.xpi. One source tree:
// the manifests differ only in the background key and the gecko settings;
// the version comes from Cargo.toml.
// Usage: node extension/build.mjs (from the repo root, after `make wasm`).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cargoVersion, manifestVersion } from '../scripts/version.mjs';
import { zip } from '../scripts/zip.mjs';

const FILES = ['background.js', 'content.js', 'site.js', 'popup.html', 'popup.js', 'popup.css', 'icons'];
const PKG = ['quotelens.js', 'quotelens_bg.wasm'];

function manifestFor(browser) {
  const { manifest_version, name, ...rest } = JSON.parse(readFileSync('extension/manifest.json', 'utf8'));
  const manifest = { manifest_version, name, version: manifestVersion(cargoVersion()), ...rest };
  if (browser === 'chrome') {
    manifest.background = { service_worker: manifest.background.service_worker };
    delete manifest.browser_specific_settings;
  } else {
    manifest.background = { scripts: manifest.background.scripts };
  }
  return manifest;
}

for (const name of PKG) {
  if (!existsSync(join('pkg', name))) throw new Error(`pkg/${name} is missing: run \`make wasm\` first`);
}
for (const [browser, archive] of [['chrome', 'quotelens-chrome.zip'], ['firefox', 'quotelens-firefox.xpi']]) {
  const out = join('dist', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'pkg'), { recursive: true });
  for (const name of FILES) cpSync(join('extension', name), join(out, name), { recursive: true });
  for (const name of PKG) cpSync(join('pkg', name), join(out, 'pkg', name));
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser), null, 2) + '\n');
  zip(out, join('dist', archive));
  console.log(`built ${out} and dist/${archive}`);
}
