// The store rules we can check offline, on a built extension folder (dist/chrome,
// dist/firefox): what Chrome Web Store review and addons.mozilla.org reject
// before a human looks. `make package` refuses to pack a folder that fails them.
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { files } from './zip.mjs';
import { manifestVersion } from './version.mjs';

/// Icon sizes the stores show: toolbar 16/32, management page 48, store and install 128.
export const ICON_SIZES = [16, 32, 48, 128];

/// Extension API namespaces we may call, and the permission each needs (null: none).
/// A namespace missing here is reported, so a new API gets a decision, not a pass.
export const API_PERMISSIONS = {
  action: null,
  commands: null, // the manifest's "commands" key, no permission
  extension: null,
  i18n: null,
  permissions: null, // optional permissions are requested at run time
  runtime: null,
  tabs: null, // query and sendMessage need none; reading tab.url would need "tabs"
  alarms: 'alarms',
  contextMenus: 'contextMenus',
  declarativeNetRequest: 'declarativeNetRequest',
  cookies: 'cookies',
  downloads: 'downloads',
  history: 'history',
  notifications: 'notifications',
  offscreen: 'offscreen',
  scripting: 'scripting',
  sidePanel: 'sidePanel',
  storage: 'storage',
  webNavigation: 'webNavigation',
  webRequest: 'webRequest',
};

/// Permissions for web-platform features rather than an extension API, and the
/// code that shows each is used.
export const WEB_PERMISSIONS = {
  clipboardWrite: /\bnavigator\.clipboard\.writeText\s*\(|\bexecCommand\s*\(\s*['"]copy['"]/,
};

// Paths rustc writes for the toolchain's own precompiled standard library: the
// same on every machine with this toolchain (no user, checkout or CARGO_HOME).
const TOOLCHAIN_PATH = /^\/rustc\/[0-9a-f]{40}\/library\/|^\/rust\/deps\//;

/// Absolute file-system paths in `bytes` (any text or binary file) other than the
/// toolchain's virtual ones: a build leaking where it ran, so not reproducible.
export function absolutePaths(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const unix = /(?<![\w.:~/@+-])\/[\w.@+-]+(?:\/[\w.@+-]+)+/g;
  const windows = /\b[A-Za-z]:\\[\w.@+ -]+\\/g;
  const found = [...text.matchAll(unix), ...text.matchAll(windows)].map((m) => m[0]);
  return [...new Set(found.filter((path) => !TOOLCHAIN_PATH.test(path)))];
}

/// Width and height of a PNG (its IHDR chunk), or null when `bytes` is no PNG.
export function pngSize(bytes) {
  const png = Buffer.from(bytes);
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG' || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/// The files a manifest names (icons, scripts, pages, web-accessible resources).
function referencedFiles(manifest) {
  const named = [
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    manifest.action?.default_popup,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
    ...(manifest.web_accessible_resources ?? []).flatMap((w) => w.resources ?? []),
  ];
  return named.filter((name) => typeof name === 'string' && !name.includes('*'));
}

/// Code that loads or evaluates code from elsewhere, which Manifest V3 forbids.
const REMOTE_CODE = [
  [/<script[^>]+src\s*=\s*["']?(?:https?:)?\/\//i, 'a <script> from another origin'],
  [/\bimport\s*\(\s*["'`](?:https?:)?\/\//, 'import() of a remote module'],
  [/\bimport\b[^;'"`]*\bfrom\s*["'](?:https?:)?\/\//, 'import of a remote module'],
  [/\bimportScripts\s*\(/, 'importScripts()'],
  [/\beval\s*\(/, 'eval()'],
  [/\bnew\s+Function\s*\(/, 'new Function()'],
  [/\bset(?:Timeout|Interval)\s*\(\s*["'`]/, 'a timer given a string of code'],
];

/// Everything in the built extension folder `dir` that a store would refuse,
/// as sentences; empty when it passes. `absent`: API namespaces this browser
/// does not have, which the code may test for (`api.offscreen` in Firefox)
/// without declaring their permission.
export function storeProblems(dir, { absent = [] } = {}) {
  const problems = [];
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (manifest.manifest_version !== 3) problems.push(`manifest_version is ${manifest.manifest_version}, not 3`);
  try {
    manifestVersion(String(manifest.version));
  } catch (error) {
    problems.push(error.message);
  }
  if ((manifest.name ?? '').length > 75) problems.push('name is longer than 75 characters');
  if ((manifest.description ?? '').length > 132) problems.push('description is longer than 132 characters');

  for (const size of ICON_SIZES) {
    if (!manifest.icons?.[size]) problems.push(`no ${size}×${size} icon in "icons"`);
  }
  const declaredIcons = [
    ...Object.entries(manifest.icons ?? {}),
    ...Object.entries(manifest.action?.default_icon ?? {}),
  ];
  for (const [size, name] of declaredIcons) {
    const path = join(dir, name);
    const found = existsSync(path) ? pngSize(readFileSync(path)) : null;
    if (!found || found.width !== Number(size) || found.height !== Number(size)) {
      problems.push(`icon ${name} is not a ${size}×${size} PNG`);
    }
  }
  for (const name of referencedFiles(manifest)) {
    if (!existsSync(join(dir, name))) problems.push(`manifest names ${name}, which is not in the package`);
  }

  const csp = manifest.content_security_policy?.extension_pages ?? '';
  for (const source of csp.split(/[\s;]+/).filter((s) => s && !s.endsWith('-src'))) {
    if (!["'self'", "'none'", "'wasm-unsafe-eval'"].includes(source)) {
      problems.push(`extension_pages policy allows ${source}`);
    }
  }
  if ((manifest.host_permissions ?? []).length) {
    problems.push(`host_permissions ${manifest.host_permissions.join(', ')}: the extension makes no requests`);
  }

  const used = new Set();
  const usedWeb = new Set();
  for (const path of files(dir).filter((p) => ['.js', '.mjs', '.html'].includes(extname(p)))) {
    const text = readFileSync(path, 'utf8');
    const name = relative(dir, path);
    for (const [pattern, what] of REMOTE_CODE) {
      if (pattern.test(text)) problems.push(`${name}: ${what} (remote or evaluated code)`);
    }
    // `api.storage.local.get(`, not a host name such as 'chrome.google.com'.
    const calls = /(?<![\w$./'"`-])(?:api|chrome|browser)\.([a-z][A-Za-z]*)\.[A-Za-z_$][\w$]*(?![\w$'"`/-])/g;
    for (const [, namespace] of text.matchAll(calls)) used.add(namespace);
    for (const [permission, pattern] of Object.entries(WEB_PERMISSIONS)) if (pattern.test(text)) usedWeb.add(permission);
  }
  const declared = new Set(manifest.permissions ?? []);
  for (const namespace of [...used].sort()) {
    if (!Object.hasOwn(API_PERMISSIONS, namespace)) {
      problems.push(`uses the ${namespace} API, which store-policy.mjs does not know: add it to API_PERMISSIONS`);
    } else if (API_PERMISSIONS[namespace] && !declared.has(API_PERMISSIONS[namespace]) && !absent.includes(namespace)) {
      problems.push(`uses the ${namespace} API without the "${API_PERMISSIONS[namespace]}" permission`);
    }
  }
  for (const permission of declared) {
    const needed = Object.entries(API_PERMISSIONS).some(([ns, p]) => p === permission && used.has(ns)) || usedWeb.has(permission);
    if (!needed) problems.push(`declares the "${permission}" permission but never uses it`);
  }

  for (const path of files(dir)) {
    for (const leaked of absolutePaths(readFileSync(path))) {
      problems.push(`${relative(dir, path)} holds the absolute path ${leaked}`);
    }
  }
  return problems;
}

/// What addons.mozilla.org needs beyond the shared rules: the add-on id and the
/// data-collection declaration, which stays "none".
export function firefoxProblems(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const gecko = manifest.browser_specific_settings?.gecko ?? {};
  // Firefox has no offscreen documents: background.js writes the clipboard itself there.
  const problems = storeProblems(dir, { absent: ['offscreen'] });
  if (!gecko.id) problems.push('no browser_specific_settings.gecko.id (AMO needs a fixed id)');
  if (JSON.stringify(gecko.data_collection_permissions) !== JSON.stringify({ required: ['none'] })) {
    problems.push('data_collection_permissions must stay { "required": ["none"] }: Quotelens collects nothing');
  }
  return problems;
}
