// The one version number: Cargo.toml's [package] version. The build writes it
// into both manifests (and maturin into the Python package), so nothing else
// holds a copy that could drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/// The `version` of Cargo.toml's [package] table under `root`.
export function cargoVersion(root = '.') {
  const toml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const table = /^\[package\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml);
  const version = table && /^version\s*=\s*"([^"]*)"/m.exec(table[1]);
  if (!version) throw new Error('Cargo.toml has no [package] version');
  return version[1];
}

/// `version` as browsers take it: one to four dot-separated integers of at most
/// 65535 (Chrome) without leading zeros (addons.mozilla.org). A semver
/// pre-release or build suffix has no place there, so it is an error, not dropped.
export function manifestVersion(version) {
  const parts = version.split('.');
  const ok = parts.length <= 4 && parts.every((p) => /^(0|[1-9]\d{0,4})$/.test(p) && Number(p) <= 65535);
  if (!ok) {
    throw new Error(
      `Cargo.toml version "${version}" is not a browser extension version: ` +
        'use one to four numbers such as 1.2.3 (no pre-release suffix; Chrome and addons.mozilla.org refuse it)',
    );
  }
  return version;
}
