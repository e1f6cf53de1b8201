#!/usr/bin/env bash
# Installs what the builds and tests need on a fresh Debian machine (run as root),
# and does nothing slow when it is all there: the wasm32 target, wasm-bindgen-cli
# at the version Cargo.lock pins, Chromium, Firefox ESR and (for Spark) Java from
# Debian, a Python venv in target/venv (maturin, pytest, pyspark), and the npm
# dev packages (puppeteer-core, binaryen's wasm-opt and wasm2js, web-ext) from package-lock.json.
# No tool may download a browser of its own.
#
# With --build, only what building the WebAssembly and the extension packages needs
# (`make wasm`, `make package`): the wasm32 target, wasm-bindgen-cli and the npm
# packages. The source package (scripts/package.mjs) holds no tests, so this is all
# a reviewer's plain `make package` may ask for: no browsers, no root, no Python.
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=false
[[ ${1:-} == --build ]] && build_only=true

export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=1

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly, or the bindings will not load.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [[ -n "$want" && "$have" != "$want" ]]; then
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# npm ci only when the lock file differs from the one node_modules was installed
# from (kept beside it): by content, not date, since unpacking an archive or
# checking out a branch can leave either one newer.
if ! cmp -s package-lock.json node_modules/.ensure-tools-lock.json; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.ensure-tools-lock.json
fi

$build_only && exit 0

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
# Java for Spark's local mode (tests/python/test_spark.py).
command -v java >/dev/null || missing+=(default-jre-headless)
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}" fonts-dejavu-core
fi

# Python: a venv with maturin (builds the package), pytest and pyspark, at the
# versions tests/python/requirements.txt pins; pip only when one is missing.
venv=target/venv
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
if ! cmp -s tests/python/requirements.txt "$venv/requirements.txt"; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/python/requirements.txt
  cp tests/python/requirements.txt "$venv/requirements.txt"
fi
