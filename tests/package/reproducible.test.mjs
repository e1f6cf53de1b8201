// What addons.mozilla.org's reviewers do with an add-on that ships WebAssembly:
// unpack the source package somewhere else, build it as BUILD.md says, and
// compare with what we uploaded. Here "somewhere else" is a new temporary
// directory with its own empty CARGO_HOME (crates are fetched again from
// crates.io at the versions and checksums of Cargo.lock) and its own target/.
// Run by `make package-test` after `make package`; takes a cold wasm build.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { absolutePaths } from '../../scripts/store-policy.mjs';
import { cargoVersion } from '../../scripts/version.mjs';
import { files } from '../../scripts/zip.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = cargoVersion(ROOT);
const ARCHIVES = ['chrome.zip', 'firefox.xpi', 'source.zip'].map((kind) => `quotelens-${VERSION}-${kind}`);

describe('the source package rebuilds the same bytes elsewhere', { timeout: 1800000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'quotelens-rebuild-'));
  const checkout = join(work, 'reviewer', 'quotelens-source');
  const cargoHome = join(work, 'cargo-home');
  after(() => rmSync(work, { recursive: true, force: true }));

  test('plain make package in the unpacked source package', () => {
    const source = join(ROOT, 'dist', ARCHIVES[2]);
    assert.ok(existsSync(source), `${source} is missing: run \`make package\` first`);
    mkdirSync(checkout, { recursive: true });
    execFileSync('python3', ['-m', 'zipfile', '-e', source, checkout]);
    // The npm tools at the versions of package-lock.json are already installed
    // here (by `make package`, which this test follows): the installer sees they
    // are, by the copy of the lock file it keeps in node_modules, and runs no `npm ci`.
    const lock = join(ROOT, 'node_modules', '.ensure-tools-lock.json');
    assert.ok(existsSync(lock), `${lock} is missing: run \`make build-tools\` first`);
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
    const env = { ...process.env, CARGO_HOME: cargoHome };
    for (const name of ['CARGO_TARGET_DIR', 'RUSTFLAGS', 'CARGO_ENCODED_RUSTFLAGS', 'CARGO_BUILD_RUSTFLAGS']) delete env[name];
    const started = Date.now();
    // Plain `make package`, as a reviewer types it: its installer must ask for
    // nothing the source package lacks (it once stopped on tests/python/requirements.txt).
    execFileSync('make', ['package'], { cwd: checkout, env, stdio: ['ignore', 'ignore', 'inherit'] });
    console.log(`# rebuilt from the source package in ${Math.round((Date.now() - started) / 1000)} s`);
  });

  test('the WebAssembly, its JS, the wasm2js JS and every other shipped file are byte-identical', () => {
    for (const browser of ['chrome', 'firefox']) {
      const shipped = join(ROOT, 'dist', browser);
      const rebuilt = join(checkout, 'dist', browser);
      const names = files(shipped).map((p) => relative(shipped, p));
      assert.deepEqual(files(rebuilt).map((p) => relative(rebuilt, p)), names, `${browser}: same file list`);
      assert.ok(names.includes('pkg/quotelens_bg.wasm') && names.includes('pkg/quotelens.js'));
      // The wasm2js build of the core, shipped to Chrome only.
      if (browser === 'chrome') assert.ok(names.includes('pkg-js/quotelens.js'));
      for (const name of names) {
        assert.ok(readFileSync(join(rebuilt, name)).equals(readFileSync(join(shipped, name))), `${browser}/${name} differs`);
      }
    }
  });

  test('so are the three archives', () => {
    for (const name of ARCHIVES) {
      assert.ok(readFileSync(join(checkout, 'dist', name)).equals(readFileSync(join(ROOT, 'dist', name))), `${name} differs`);
    }
  });

  test('nothing shipped holds an absolute path, this machine’s or the rebuild’s', () => {
    for (const dir of [join(ROOT, 'dist/chrome'), join(ROOT, 'dist/firefox'), join(checkout, 'dist/firefox')]) {
      for (const path of files(dir)) {
        const bytes = readFileSync(path);
        assert.deepEqual(absolutePaths(bytes), [], `${path}`);
        for (const place of [ROOT, work, cargoHome, process.env.HOME].filter((p) => p && p.length > 1)) {
          assert.ok(!bytes.includes(place), `${path} names ${place}`);
        }
      }
    }
  });
});
