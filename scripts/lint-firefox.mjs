// Runs Mozilla's linter (`web-ext lint`, the checks addons.mozilla.org runs on
// upload) on a built Firefox folder and fails on any error, and on any warning
// or notice not explained below. An explanation that no longer matches anything
// fails too, so the list stays true.
// Usage: node scripts/lint-firefox.mjs [dist/firefox]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/// Messages we expect, each with why it is safe; `file` and `code` must both match.
export const EXPLAINED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: 'content.js',
    why:
      'import(api.runtime.getURL("pkg/quotelens.js")): the content script loads the WebAssembly glue ' +
      'lazily (only on pages with quotation marks) from the extension’s own package; the URL is built by ' +
      'runtime.getURL from a constant, never from page data.',
  },
];

/// Messages of a `web-ext lint --output json` report that are errors or have no
/// explanation, and explanations that matched nothing.
export function unexplained(report, explained = EXPLAINED) {
  const used = new Set();
  const problems = [...report.errors].map((m) => `error ${m.code} in ${m.file ?? 'the package'}: ${m.message}`);
  for (const m of [...report.warnings, ...report.notices]) {
    const match = explained.find((e) => e.code === m.code && e.file === m.file);
    if (match) used.add(match);
    else problems.push(`${m._type} ${m.code} in ${m.file ?? 'the package'}: ${m.message} (explain it in scripts/lint-firefox.mjs or fix it)`);
  }
  for (const e of explained) {
    if (!used.has(e)) problems.push(`explained ${e.code} in ${e.file} no longer occurs: remove it from scripts/lint-firefox.mjs`);
  }
  return problems;
}

function main() {
  const dir = process.argv[2] ?? 'dist/firefox';
  const bin = fileURLToPath(new URL('../node_modules/.bin/web-ext', import.meta.url));
  let out;
  try {
    out = execFileSync(bin, ['lint', '--source-dir', dir, '--output', 'json', '--no-input'], { encoding: 'utf8' });
  } catch (error) {
    out = error.stdout; // web-ext exits 1 on errors; the report is still on stdout
  }
  const report = JSON.parse(out);
  const problems = unexplained(report);
  const { errors, warnings, notices } = report.summary;
  console.log(`web-ext lint ${dir}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  for (const m of [...report.warnings, ...report.notices]) {
    const e = EXPLAINED.find((x) => x.code === m.code && x.file === m.file);
    if (e) console.log(`  explained ${m.code} in ${m.file}: ${e.why}`);
  }
  for (const p of problems) console.error(`  ${p}`);
  if (problems.length) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
