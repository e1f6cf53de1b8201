// Runs Mozilla's linter (`web-ext lint`, the checks addons.mozilla.org runs on
// upload) on a built Firefox folder and fails on any error, and on any warning
// or notice not explained below. An explanation whose count no longer matches
// fails too, so the list stays true.
// Usage: node scripts/lint-firefox.mjs [dist/firefox]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/// Messages we expect, each with why it is safe: `count` messages of `code` in `file`.
export const EXPLAINED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: 'content.js',
    count: 1,
    why:
      'import(api.runtime.getURL(path)), where path is "pkg/quotelens.js" or, in Chrome on pages whose ' +
      'policy refuses WebAssembly, "pkg-js/quotelens.js": the content script loads the core lazily (only ' +
      'on pages with quotation marks) from the extension’s own package; never a URL from page data.',
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: 'early.js',
    count: 1,
    why:
      'import(api.runtime.getURL("pkg/quotelens.js")): at document_start the content script imports the ' +
      'glue module of the extension’s own WebAssembly while the page loads (content.js takes it, or drops ' +
      'it on a page without quotation marks); never a URL from page data.',
  },
];

/// Messages of a `web-ext lint --output json` report that are errors or have no
/// explanation, and explanations that matched nothing.
export function unexplained(report, explained = EXPLAINED) {
  const seen = new Map(explained.map((e) => [e, 0]));
  const problems = [...report.errors].map((m) => `error ${m.code} in ${m.file ?? 'the package'}: ${m.message}`);
  for (const m of [...report.warnings, ...report.notices]) {
    const match = explained.find((e) => e.code === m.code && e.file === m.file);
    if (match) seen.set(match, seen.get(match) + 1);
    else problems.push(`${m._type} ${m.code} in ${m.file ?? 'the package'}: ${m.message} (explain it in scripts/lint-firefox.mjs or fix it)`);
  }
  for (const [e, count] of seen) {
    if (count !== e.count) {
      problems.push(`${count} × ${e.code} in ${e.file}, scripts/lint-firefox.mjs explains ${e.count}: update the explanation`);
    }
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
  for (const e of EXPLAINED) console.log(`  explained: ${e.count} × ${e.code} in ${e.file}: ${e.why}`);
  for (const p of problems) console.error(`  ${p}`);
  if (problems.length) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
