// `make package`: the three files a release uploads, named with Cargo.toml's
// version: dist/quotelens-<version>-chrome.zip (Chrome Web Store),
// -firefox.xpi (addons.mozilla.org) and -source.zip (what AMO's reviewers
// rebuild the xpi from, with BUILD.md), plus dist/SHA256SUMS and
// dist/amo-metadata.json (the listing for `web-ext sign --amo-metadata`, from
// store/). It refuses to pack a build that breaks a store rule (scripts/store-policy.mjs).
// Usage: node scripts/package.mjs (from the repo root, after `make extension`).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPLAINED } from './lint-firefox.mjs';
import { firefoxProblems, storeProblems } from './store-policy.mjs';
import { cargoVersion, manifestVersion } from './version.mjs';
import { files, zipFiles, zip } from './zip.mjs';

/// What the source package holds: everything `make package` reads, nothing it
/// writes. Tests, fixtures, images and the demo page stay out (they are not in the xpi).
export const SOURCE = [
  'BUILD.md',
  'Cargo.lock',
  'Cargo.toml',
  'LICENSE',
  'Makefile',
  'README.md',
  'package-lock.json',
  'package.json',
  'pyproject.toml',
  'rust-toolchain.toml',
  'benches', // Cargo.toml names the benches, so cargo wants their files
  'extension',
  'scripts',
  'src',
  'store/description-long.txt', // dist/amo-metadata.json is made from these three
  'store/description-short.txt',
  'store/review-notes.md',
  'tests/common',
];

/// Paths under SOURCE that builds write (they are in .gitignore too).
const GENERATED = ['extension/pkg'];

/// The files of the source package under `root`, sorted, as paths starting with `root`.
export function sourceFiles(root = '.') {
  return SOURCE.map((entry) => join(root, entry))
    .filter((path) => existsSync(path))
    .flatMap((path) => (statSync(path).isDirectory() ? files(path) : [path]))
    .filter((path) => !GENERATED.some((g) => path.startsWith(join(root, g) + '/')))
    .sort();
}

/// The listing addons.mozilla.org takes with an upload, from store/ and Cargo.toml's licence.
export function amoMetadata(root = '.') {
  const read = (path) => readFileSync(join(root, path), 'utf8');
  const notes = /^## addons\.mozilla\.org.*\n([\s\S]*?)\n\(`make package` adds/m.exec(read('store/review-notes.md'));
  const license = /^license\s*=\s*"([^"]+)"/m.exec(read('Cargo.toml'));
  if (!notes || !license) throw new Error('store/review-notes.md needs an addons.mozilla.org section, Cargo.toml a license');
  const lint = [
    '`web-ext lint` warnings we keep:',
    ...EXPLAINED.map((e) => `- ${e.count} × ${e.code} in ${e.file}: ${e.why}`),
  ].join('\n');
  return {
    summary: { 'en-US': read('store/description-short.txt').trim() },
    description: { 'en-US': read('store/description-long.txt').trim() },
    version: { license: license[1], approval_notes: [notes[1].trim(), lint].join('\n\n') },
  };
}

function main() {
  const version = manifestVersion(cargoVersion());
  const problems = [];
  for (const [browser, check] of [['chrome', storeProblems], ['firefox', firefoxProblems]]) {
    const dir = join('dist', browser);
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is missing: run \`make extension\` first`);
    const built = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).version;
    if (built !== version) problems.push(`${dir} is version ${built}, Cargo.toml says ${version}: run \`make extension\``);
    problems.push(...check(dir).map((p) => `${dir}: ${p}`));
  }
  if (problems.length) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }

  const names = {
    chrome: `quotelens-${version}-chrome.zip`,
    firefox: `quotelens-${version}-firefox.xpi`,
    source: `quotelens-${version}-source.zip`,
  };
  zip('dist/chrome', join('dist', names.chrome));
  zip('dist/firefox', join('dist', names.firefox));
  zipFiles('.', sourceFiles('.'), join('dist', names.source));

  const sums = Object.values(names).map((name) => {
    const hash = createHash('sha256').update(readFileSync(join('dist', name))).digest('hex');
    console.log(`dist/${name}: ${Math.round(statSync(join('dist', name)).size / 1024)} KB, sha256 ${hash}`);
    return `${hash}  ${name}\n`;
  });
  writeFileSync('dist/SHA256SUMS', sums.join(''));
  writeFileSync('dist/amo-metadata.json', JSON.stringify(amoMetadata('.'), null, 2) + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
