# Quotelens: `make demo` builds everything and serves the demo; `make test` runs every check CI runs.
SHELL := /bin/bash
SHARED ?= ../shared
CARGO ?= cargo

.PHONY: demo test check-rust eval eval-floor eval-ml train tools build-tools release www www-test

## Build the CLI and run it on the bundled sample article (the main job).
release:
	$(CARGO) build --release --bin quotelens

## fmt, clippy with warnings as errors, cargo tests.
check-rust:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) test

## Scorer output for the seed article and for PolNeAR dev, and the article extraction on
## ../shared/bench-pages (when ../shared is there).
eval: release
	@SHARED=$(SHARED) bash scripts/eval.sh
	@SHARED=$(SHARED) bash scripts/body-eval.sh

## Fails when accuracy falls below the floors in scripts/eval.sh.
eval-floor: release
	@SHARED=$(SHARED) bash scripts/eval.sh --floor
	@SHARED=$(SHARED) bash scripts/body-eval.sh --floor

## Quotes found and speakers named on the non-English pages of ../shared/pages-ml (fr, es, pt,
## it, pl, cs, nl) against the hand labels in tests/pages-ml/labels: detection and names end
## to end per language (VERBOSE=1: per page, with the misses). Skipped without ../shared.
eval-ml: release
	@python3 scripts/pages-ml-eval.py --bin target/release/quotelens --pages $(SHARED)/pages-ml --labels tests/pages-ml/labels $(if $(VERBOSE),--verbose)

## Learns the weights of the pronoun ranker (src/resolve/antecedent.rs) from the hand-named
## PolNeAR train articles into src/weights/antecedent.txt; the same data gives the same weights.
train:
	$(CARGO) run --release --example train -- antecedents $(SHARED)/data/polnear-train-names.jsonl > target/antecedent.txt
	mv target/antecedent.txt src/weights/antecedent.txt
	$(CARGO) run --release --example train -- cues $(SHARED)/data/polnear-train.jsonl $(SHARED)/data/german-train.jsonl > target/cues.txt
	mv target/cues.txt src/weights/cues.txt

test: check-rust eval-floor tools lint-extension e2e www-test python-test package-test

## The demo page: www/ plus the WASM package and the sample article, ready for any static host.
www: wasm
	rm -rf www/pkg && mkdir -p www/pkg
	cp -R pkg/. www/pkg/
	cp tests/fixtures/seed-article.txt www/sample.txt

## Installs what is missing, builds it all, runs the CLI on the sample, serves www/.
PORT ?= 8080
demo: tools extension www release
	@PORT=$(PORT) bash scripts/demo.sh

## The demo page in headless Chromium.
www-test: tools www
	node --test tests/www/demo.test.mjs

.PHONY: wasm wasm-js extension lint-extension e2e

## Installs what builds and tests need: wasm target, wasm-bindgen-cli, browsers, npm packages.
tools:
	@bash scripts/ensure-tools.sh

## Only what the WebAssembly and the extension packages need (wasm target, wasm-bindgen-cli,
## npm packages): all that `make package` installs, so the source package builds plainly.
build-tools:
	@bash scripts/ensure-tools.sh --build

## The core as WebAssembly for the browser: pkg/quotelens.js and pkg/quotelens_bg.wasm.
# --merge-similar-functions first: functions that differ only in constants become one
# with a parameter. -Os, not -Oz: it was 0.3 KB less gzipped (what the budget counts);
# since the inlining cap below, -Oz is 86 bytes smaller, too little to change what the
# browser tests ran on. --converge repeats it until it gains nothing (about
# 1.3 KB gzipped, 10 s more); --low-memory-unused lets binaryen fold address arithmetic into load and
# store offsets, since Rust never puts anything in the lowest 1 KB (its data starts at
# 1 MB). --one-caller-inline-max-function-size 20: binaryen otherwise inlines every
# function that has one caller, whatever its size, into functions of tens of KB; inlined
# only up to 20 instructions (where its speed levels stop inlining any function), the
# module is 6 KB larger raw but 5.4 KB smaller gzipped (10 and 15 do as well within
# 0.1 KB; 0 and 100, 1 KB worse). No browser reads the producers and target_features sections.
WASM_OPT := node_modules/.bin/wasm-opt --merge-similar-functions -Os --converge --low-memory-unused \
	--one-caller-inline-max-function-size 20 \
	--strip-producers --strip-target-features --enable-reference-types --enable-bulk-memory \
	--enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
# rustc embeds source paths in panic messages: remap this checkout and CARGO_HOME so
# the WebAssembly is the same bytes wherever it is built (BUILD.md, tests/package/).
CARGO_HOME ?= $(HOME)/.cargo
WASM_RUSTFLAGS := --remap-path-prefix=$(CURDIR)=quotelens --remap-path-prefix=$(abspath $(CARGO_HOME))=cargo
wasm: build-tools
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_RUSTFLAGS)" $(CARGO) build --locked --profile wasm-release --target wasm32-unknown-unknown --lib --no-default-features
	wasm-bindgen --target web --out-name quotelens --out-dir pkg target/wasm32-unknown-unknown/wasm-release/quotelens.wasm
	$(WASM_OPT) pkg/quotelens_bg.wasm -o pkg/quotelens_bg.wasm
	@# wasm-bindgen's import and export names carry incompressible hashes: 3.5 KB gzipped (scripts/short-names.mjs).
	node scripts/short-names.mjs pkg
	@bash scripts/budget.sh wasm pkg/quotelens_bg.wasm 160

## The same Rust source as plain JavaScript, for pages whose Content-Security-Policy makes
## Chrome refuse WebAssembly in content scripts: pkg-js/quotelens.js, one module (same API, no init).
## binaryen's wasm2js cannot express reference types (wasm-bindgen's externref table) or
## multivalue (its tuple returns), so this build turns both off in rustc, in its own target
## dir so that the two builds do not rebuild each other, and takes them out of the module's
## target_features, which wasm-bindgen reads to choose its output.
JS_TARGET := target/wasm-js/wasm32-unknown-unknown/wasm-release
WASM2JS_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
wasm-js: build-tools
	RUSTFLAGS="-Ctarget-feature=-reference-types,-multivalue $(WASM_RUSTFLAGS)" $(CARGO) build --locked --profile wasm-release \
	  --target wasm32-unknown-unknown --lib --no-default-features --target-dir target/wasm-js
	@$(MAKE) --no-print-directory pkg-js/quotelens.js
	@bash scripts/budget.sh wasm-js pkg-js/quotelens.js 250

# binaryen takes about 35 s: only when the module or the scripts changed.
pkg-js/quotelens.js: $(JS_TARGET)/quotelens.wasm scripts/without-features.mjs scripts/wasm2js-bundle.mjs
	node scripts/without-features.mjs $(JS_TARGET)/quotelens.wasm $(JS_TARGET)/quotelens-mvp.wasm reference-types multivalue
	rm -rf pkg-js
	wasm-bindgen --target bundler --out-name quotelens --out-dir pkg-js $(JS_TARGET)/quotelens-mvp.wasm
	node_modules/.bin/wasm-opt -Oz $(WASM2JS_FEATURES) pkg-js/quotelens_bg.wasm -o $(JS_TARGET)/quotelens-opt.wasm
	node_modules/.bin/wasm2js -Oz $(WASM2JS_FEATURES) $(JS_TARGET)/quotelens-opt.wasm -o pkg-js/quotelens_bg.wasm.js
	rm pkg-js/quotelens.js pkg-js/quotelens_bg.wasm pkg-js/*.d.ts
	node scripts/wasm2js-bundle.mjs pkg-js
	@# wasm2js writes readable JavaScript: minified it is about a quarter smaller gzipped.
	node_modules/.bin/terser pkg-js/quotelens.js --module --compress --mangle -o pkg-js/quotelens.js

## The extension for both browsers: dist/chrome, dist/firefox, dist/quotelens-chrome.zip, dist/quotelens-firefox.xpi,
## and dist-test/ (the same with the e2e tests' hook into the overlay).
## Only the Chrome package carries the JavaScript build: Firefox runs content-script
## WebAssembly under the extension's policy, never the page's.
extension: wasm wasm-js
	node extension/build.mjs
	node extension/build.mjs --test

## Clippy on the WASM-only code, and Mozilla's linter on the Firefox build (each warning
## it keeps is explained in scripts/lint-firefox.mjs).
lint-extension: extension
	$(CARGO) clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
	node scripts/lint-firefox.mjs dist/firefox

.PHONY: package package-test

## The store uploads: dist/quotelens-<version>-chrome.zip, -firefox.xpi, -source.zip
## (version from Cargo.toml), refused if a store rule fails. BUILD.md says how to rebuild them.
package: extension
	node scripts/package.mjs

## Store rules, the privacy statement, and a rebuild of the source package in another
## directory with another CARGO_HOME that must give the same bytes (tests/package/).
package-test: package
	node --test --test-concurrency=1 tests/package/

## The extension end to end in headless Chromium and Firefox ESR, and the popup's helpers;
## the article extraction of the browser against the CLI's (needs the release CLI).
e2e: extension release
	SHARED=$(SHARED) node --test --test-concurrency=1 tests/e2e/

## Fuzz the core (nightly + cargo-fuzz) for FUZZ_TIME seconds a target on one core; see fuzz/README.md.
FUZZ_TIME ?= 120
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz
	mkdir -p fuzz/target/corpus/analyze fuzz/target/corpus/offsets
	cd fuzz && $(CARGO) +nightly fuzz run --sanitizer none analyze target/corpus/analyze corpus/analyze -- \
	  -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
	cd fuzz && $(CARGO) +nightly fuzz run --sanitizer none offsets target/corpus/offsets corpus/offsets -- \
	  -max_total_time=$(FUZZ_TIME) -timeout=10 -print_final_stats=1

## Criterion benchmarks with short settings (about 2 minutes once built), then a plain summary:
## MB/s and ms per article on the seed and PolNeAR train, 1 MB vs 4 MB on hostile inputs.
## Without the CLI feature: building the binary too makes two copies of the lib (panic=abort
## and not) race for the one cdylib file name (cargo issue 6313).
bench:
	SHARED=$(SHARED) $(CARGO) bench --no-default-features --bench throughput --bench linear -- --warm-up-time 1 --measurement-time 3
	@python3 scripts/bench-summary.py $${CARGO_TARGET_DIR:-target}/criterion

## The overlay in the browsers: per-stage times on the bundled pages (20 loads a page and
## browser), then the live-blog benchmark (script time after 100, 400, 1,000 appends).
bench-browser: extension
	node benches/browser/stages.mjs
	node benches/browser/live.mjs

## The JavaScript build against the WASM on the seed and bundled pages in headless Chromium: load and
## first pass, median of RUNS visits each (about two minutes).
RUNS ?= 9
bench-js-build: extension
	RUNS=$(RUNS) node benches/js-build.mjs

## The shipped extension over ../shared/pages and ../shared/bench-pages in both browsers:
## median, p90 and largest main-thread ms per stage and in total, and the longest task
## (issue 18.1; RUNS loads a page, 3 by default: about 25 minutes). Not part of make test.
bench-pages: extension
	SHARED=$(SHARED) RUNS=$${RUNS:-3} node benches/browser/stages.mjs --pages

## Hostile generated pages (200k nodes, a 5 MB text node, 5,000-deep nesting, a page mutating
## every millisecond, 100 iframes): the main-thread stalls the extension adds within 14 s of
## load, per browser (issue 19.2; about 12 minutes). Not part of make test.
bench-hostile: extension
	node benches/browser/hostile.mjs

.PHONY: fuzz bench bench-browser bench-js-build bench-pages bench-hostile

## The Python package (PyO3, built by maturin into target/venv) and its pytest tests,
## which compare it with the CLI and run examples/spark_quotes.py in Spark local mode.
VENV := target/venv
python-test: tools release
	$(CARGO) clippy --lib --no-default-features --features python -- -D warnings
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/pip install --quiet --disable-pip-version-check --no-build-isolation .
	cd tests/python && PYTHONDONTWRITEBYTECODE=1 SHARED=$(abspath $(SHARED)) ../../$(VENV)/bin/pytest -q -p no:cacheprovider .

## The CLI on 1, 2 and every core (PolNeAR train repeated to 50 MB), Python against the
## CLI, and WARC.gz input; corpora made from ../shared in target/bench. A few minutes.
bench-research: tools release
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/pip install --quiet --disable-pip-version-check --no-build-isolation .
	SHARED=$(abspath $(SHARED)) $(VENV)/bin/python scripts/bench-research.py

.PHONY: python-test bench-research
