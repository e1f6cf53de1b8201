// The store rules and listing material: the version's one source, the offline
// checks of scripts/store-policy.mjs on the real build and on broken copies of
// it, the privacy statement against the manifest, and the lint explanations.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { EXPLAINED, unexplained } from '../../scripts/lint-firefox.mjs';
import { amoMetadata, sourceFiles } from '../../scripts/package.mjs';
import { privacyStatement } from '../../scripts/privacy.mjs';
import { absolutePaths, firefoxProblems, pngSize, storeProblems } from '../../scripts/store-policy.mjs';
import { cargoVersion, manifestVersion } from '../../scripts/version.mjs';
import { files } from '../../scripts/zip.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const VERSION = cargoVersion(ROOT);
const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const sourceManifest = () => JSON.parse(read('extension/manifest.json'));
const scratch = mkdtempSync(join(tmpdir(), 'quotelens-store-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/// The entry names of a zip archive, read by Python's zipfile, which also checks every CRC.
function zipEntries(path) {
  const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("\\n".join(z.namelist()))';
  return execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }).trim().split('\n');
}

describe('the version comes from Cargo.toml alone', () => {
  test('both built manifests carry it, the source manifest has none', () => {
    assert.equal(sourceManifest().version, undefined);
    for (const browser of ['chrome', 'firefox']) {
      assert.equal(JSON.parse(readFileSync(join(DIST, browser, 'manifest.json'), 'utf8')).version, VERSION);
    }
  });

  test('it is read from the [package] table, not from a dependency', () => {
    const dir = mkdtempSync(join(scratch, 'cargo-'));
    writeFileSync(
      join(dir, 'Cargo.toml'),
      '[workspace]\nmembers = []\n\n[package]\nname = "x"\nedition = "2021"\nversion = "2.3.4"\n\n[dependencies]\nserde = { version = "1" }\n',
    );
    assert.equal(cargoVersion(dir), '2.3.4');
    writeFileSync(join(dir, 'Cargo.toml'), '[dependencies]\nversion = "1"\n');
    assert.throws(() => cargoVersion(dir), /no \[package\] version/);
  });

  test('browsers get one to four plain numbers; a pre-release suffix is refused', () => {
    for (const ok of ['1', '0.1.0', '1.2.3.4', '65535.0.0']) assert.equal(manifestVersion(ok), ok);
    for (const bad of ['1.0.0-beta.1', '1.0.0+build5', '01.2.0', '1.65536.0', '1.2.3.4.5', '1..2', '']) {
      assert.throws(() => manifestVersion(bad), /not a browser extension version/, bad);
    }
  });

  test('the Python package takes it from Cargo.toml too (maturin), when there is one', (t) => {
    if (!existsSync(join(ROOT, 'pyproject.toml'))) return t.skip('no pyproject.toml yet');
    const project = /^\[project\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(read('pyproject.toml'))?.[1] ?? '';
    assert.doesNotMatch(project, /^version\s*=/m, 'no version of its own in [project]');
    assert.match(project, /^dynamic\s*=\s*\[[^\]]*"version"/m, 'version is dynamic (maturin reads Cargo.toml)');
  });
});

describe('the packages', () => {
  const names = ['chrome.zip', 'firefox.xpi', 'source.zip'].map((kind) => join(DIST, `quotelens-${VERSION}-${kind}`));

  test('exist, with their checksums', () => {
    const sums = readFileSync(join(DIST, 'SHA256SUMS'), 'utf8');
    for (const name of names) {
      assert.ok(existsSync(name), `${name}: run \`make package\``);
      assert.match(sums, new RegExp(`^[0-9a-f]{64}  ${relative(DIST, name).replaceAll('.', '\\.')}$`, 'm'));
    }
  });

  test('each browser archive holds its folder, manifest.json at the root', () => {
    for (const [browser, archive] of [['chrome', names[0]], ['firefox', names[1]]]) {
      const dir = join(DIST, browser);
      assert.deepEqual(zipEntries(archive), files(dir).map((p) => relative(dir, p)));
      assert.ok(zipEntries(archive).includes('manifest.json'));
    }
  });

  test('the source archive holds what the build reads and BUILD.md, nothing generated', () => {
    const entries = zipEntries(names[2]);
    assert.deepEqual(entries, sourceFiles(ROOT).map((p) => relative(ROOT, p)));
    for (const needed of ['BUILD.md', 'Cargo.lock', 'Cargo.toml', 'Makefile', 'package-lock.json', 'rust-toolchain.toml', 'src/lib.rs', 'extension/manifest.json', 'extension/build.mjs']) {
      assert.ok(entries.includes(needed), needed);
    }
    assert.deepEqual(entries.filter((e) => /^(dist|pkg|target|node_modules|extension\/pkg)\//.test(e)), []);
  });

  test('BUILD.md names the versions the build pins', () => {
    const build = read('BUILD.md');
    const toolchain = /^channel\s*=\s*"([^"]+)"/m.exec(read('rust-toolchain.toml'))[1];
    const bindgen = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(read('Cargo.lock'))[1];
    const binaryen = JSON.parse(read('package-lock.json')).packages['node_modules/binaryen'].version;
    assert.ok(build.includes(`Rust (rustc, cargo) | ${toolchain} `), `Rust ${toolchain}`);
    assert.ok(build.includes(`wasm-bindgen-cli --version ${bindgen} `), `wasm-bindgen ${bindgen}`);
    assert.ok(build.includes(`binaryen\` ${binaryen}`), `binaryen ${binaryen}`);
    const rustc = execFileSync('rustc', ['-vV'], { cwd: ROOT, encoding: 'utf8' });
    assert.ok(build.includes(/commit-hash: (\w+)/.exec(rustc)[1]), 'the std path BUILD.md explains is this rustc’s');
  });
});

describe('store rules (scripts/store-policy.mjs)', () => {
  test('the real builds pass, and Firefox declares no data collection', () => {
    assert.deepEqual(storeProblems(join(DIST, 'chrome')), []);
    assert.deepEqual(firefoxProblems(join(DIST, 'firefox')), []);
    const chrome = JSON.parse(readFileSync(join(DIST, 'chrome/manifest.json'), 'utf8'));
    assert.equal(chrome.manifest_version, 3);
    assert.equal(chrome.browser_specific_settings, undefined, 'no Firefox keys in the Chrome build');
  });

  /// A copy of dist/chrome (or firefox) changed by `edit(dir, manifest)`, and its problems.
  function broken(edit, browser = 'chrome') {
    const dir = mkdtempSync(join(scratch, `${browser}-`));
    cpSync(join(DIST, browser), dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    edit(dir, manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    return (browser === 'firefox' ? firefoxProblems : storeProblems)(dir).join('\n');
  }

  test('each broken rule is reported', () => {
    assert.match(broken((_, m) => (m.manifest_version = 2)), /manifest_version is 2/);
    assert.match(broken((_, m) => (m.version = '0.1.0-rc.1')), /pre-release/);
    assert.match(broken((_, m) => delete m.icons['48']), /no 48×48 icon/);
    assert.match(broken((d) => cpSync(join(d, 'icons/icon-16.png'), join(d, 'icons/icon-32.png'))), /icon-32\.png is not a 32×32 PNG/);
    assert.match(broken((_, m) => m.permissions.push('history')), /declares the "history" permission but never uses it/);
    assert.match(broken((_, m) => (m.permissions = [])), /uses the storage API without the "storage" permission/);
    assert.match(broken((d) => writeFileSync(join(d, 'site.js'), 'chrome.bookmarks.getTree();')), /bookmarks API, which store-policy\.mjs does not know/);
    assert.doesNotMatch(broken((d) => writeFileSync(join(d, 'site.js'), "const STORES = ['chrome.google.com', 'addons.mozilla.org'];")), /google/, 'a host name is no API');
    assert.match(broken((_, m) => (m.host_permissions = ['https://*/*'])), /host_permissions/);
    assert.match(broken((_, m) => (m.content_security_policy.extension_pages = "script-src 'self' https://cdn.example; object-src 'self'")), /allows https:\/\/cdn\.example/);
    assert.match(broken((d) => writeFileSync(join(d, 'popup.html'), '<script src="https://cdn.example/x.js"></script>')), /popup\.html: a <script> from another origin/);
    assert.match(broken((d) => writeFileSync(join(d, 'site.js'), 'import("https://cdn.example/m.js")')), /import\(\) of a remote module/);
    assert.match(broken((d) => writeFileSync(join(d, 'site.js'), 'const f = new Function("return 1");')), /new Function\(\)/);
    assert.match(broken((_, m) => (m.action.default_popup = 'missing.html')), /names missing\.html, which is not in the package/);
    assert.match(broken((d) => writeFileSync(join(d, 'pkg/quotelens.js'), '// built in /home/dev/quotelens/src\n')), /holds the absolute path \/home\/dev\/quotelens\/src/);
    assert.match(
      broken((_, m) => (m.browser_specific_settings.gecko.data_collection_permissions = { required: ['browsingActivity'] }), 'firefox'),
      /data_collection_permissions must stay/,
    );
  });

  test('absolute paths: machine paths found, rustc’s own std paths and URLs not', () => {
    const text = 'a /root/.cargo/registry/src/x.rs b C:\\Users\\dev\\x.rs c /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/fmt.rs d https://example.com/a/b e src/lib.rs';
    assert.deepEqual(absolutePaths(Buffer.from(text)), ['/root/.cargo/registry/src/x.rs', 'C:\\Users\\']);
  });
});

describe('listing material (store/)', () => {
  test('the privacy statement is the one the manifest gives', () => {
    assert.equal(read('store/privacy.md'), privacyStatement(sourceManifest()));
  });

  test('the privacy statement follows the permissions, and refuses what it cannot explain', () => {
    const manifest = sourceManifest();
    assert.match(privacyStatement(manifest), /`storage`/);
    assert.match(privacyStatement({ ...manifest, permissions: [] }), /## Permissions\n\nNone\./);
    assert.throws(() => privacyStatement({ ...manifest, permissions: ['storage', 'history'] }), /"history" permission/);
    assert.match(privacyStatement({ ...manifest, host_permissions: ['https://api.example/*'] }), /contact https:\/\/api\.example/);
    const collecting = structuredClone(manifest);
    collecting.browser_specific_settings.gecko.data_collection_permissions.required = ['browsingActivity'];
    assert.throws(() => privacyStatement(collecting), /declares data collection/);
  });

  test('the short description is the manifest’s, within the stores’ 132 characters', () => {
    const short = read('store/description-short.txt').trim();
    assert.equal(short, sourceManifest().description);
    assert.ok(short.length <= 132);
    assert.ok(read('store/description-long.txt').length > 500);
  });

  test('the AMO listing (dist/amo-metadata.json) is store/ plus every explained lint warning', () => {
    const written = JSON.parse(readFileSync(join(DIST, 'amo-metadata.json'), 'utf8'));
    assert.deepEqual(written, amoMetadata(ROOT));
    assert.equal(written.summary['en-US'], sourceManifest().description);
    assert.equal(written.version.license, 'MIT');
    for (const e of EXPLAINED) assert.ok(written.version.approval_notes.includes(`${e.count} × ${e.code} in ${e.file}: ${e.why}`));
    assert.doesNotMatch(written.version.approval_notes, /Chrome Web Store/, 'only the AMO section');
  });

  test('the screenshots are 1280×800 PNGs, the promo tile 440×280', () => {
    const shots = readdirSync(join(ROOT, 'store/screenshots')).filter((f) => f.endsWith('.png'));
    assert.ok(shots.length >= 2, 'made by tests/e2e/store-screenshots.test.mjs');
    for (const shot of shots) {
      assert.deepEqual(pngSize(readFileSync(join(ROOT, 'store/screenshots', shot))), { width: 1280, height: 800 }, shot);
    }
    assert.deepEqual(pngSize(readFileSync(join(ROOT, 'store/promo-tile-440x280.png'))), { width: 440, height: 280 });
  });
});

describe('web-ext lint explanations (scripts/lint-firefox.mjs)', () => {
  const message = (type, code, file) => ({ _type: type, code, file, message: `${code} here` });
  const explained = [{ code: 'UNSAFE_VAR_ASSIGNMENT', file: 'content.js', count: 2, why: 'x' }];

  test('explained warnings pass; a new one, an error, or a count that changed fails', () => {
    const report = (errors, warnings, notices = []) => ({ errors, warnings, notices });
    const known = message('warning', 'UNSAFE_VAR_ASSIGNMENT', 'content.js');
    assert.deepEqual(unexplained(report([], [known, known]), explained), []);
    assert.match(unexplained(report([], [known, known, message('warning', 'UNSAFE_VAR_ASSIGNMENT', 'popup.js')]), explained).join(), /popup\.js/);
    assert.match(unexplained(report([message('error', 'MANIFEST_FIELD_INVALID', 'manifest.json')], [known, known]), explained).join(), /error MANIFEST_FIELD_INVALID/);
    assert.match(unexplained(report([], [known, known], [message('notice', 'NOTICE_X', 'a.js')]), explained).join(), /notice NOTICE_X/);
    assert.match(unexplained(report([], [known, known, known]), explained).join(), /3 × UNSAFE_VAR_ASSIGNMENT in content\.js, scripts\/lint-firefox\.mjs explains 2/);
    assert.match(unexplained(report([], []), explained).join(), /0 × UNSAFE_VAR_ASSIGNMENT/);
  });
});
