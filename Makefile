# Quotelens: `make demo` builds everything and serves the demo; `make test` runs every check CI runs.
SHELL := /bin/bash
SHARED ?= ../shared
CARGO ?= cargo

.PHONY: demo test check-rust eval eval-floor tools release

## Build the CLI and run it on the bundled sample article (the main job).
release:
	$(CARGO) build --release --bin quotelens

## fmt, clippy with warnings as errors, cargo tests.
check-rust:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) test

## Scorer output for the seed article and for PolNeAR dev (when ../shared is there).
eval: release
	@bash scripts/eval.sh

## Fails when accuracy falls below the floors in scripts/eval.sh.
eval-floor: release
	@bash scripts/eval.sh --floor

test: check-rust eval-floor
