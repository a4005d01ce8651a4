# The two commands a new machine needs: `make demo` and `make test`. Everything else is a step
# of those, runnable alone.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

WASM_BINDGEN_VERSION := 0.2.130
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
WASM_TARGET := wasm32-unknown-unknown

.PHONY: dashboard-assets demo dist test-dist test test-rust test-fuzz fuzz test-python test-node test-wasm test-ts test-browser setup-browser setup-java setup-postgres setup-openssl lint bench bench-live bench-ingest bench-spark bench-peers bench-scale bench-models bench-results bench-attribution \
	setup-python setup-node setup-wasm build-python build-node build-wasm clean

## The main job: a demo campaign generated and analysed end to end.
demo:
	cargo run --release --example demo

## Every test in all four languages (installs what it needs).
test: test-rust test-python test-node test-wasm test-ts test-browser test-dist test-fuzz
	@echo "== all tests passed: Rust, Python, Node, WASM, browser, packages, fuzz =="

test-rust:
	@echo "== Rust: unit, integration (golden vectors), DataFusion aggregates and doc tests =="
	cargo test -p webinar-analytics --features linfa,notify,datafusion -- --nocapture

$(VENV)/.installed: tests/python/requirements.txt tests/python/data-requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r tests/python/requirements.txt
	# Packages installed without dependency resolution (the CDNOW sample of `lifetimes`, lifelines).
	$(PY) -m pip install --quiet --no-deps -r tests/python/data-requirements.txt
	touch $@

setup-python: $(VENV)/.installed

## The wheel users get (scripts/dist.sh, this machine's platform), installed into .venv: the
## tests run what users install. (While editing, `maturin develop --release` in crates/py is faster.)
build-python: setup-python
	DIST_HOST_ONLY=1 scripts/dist.sh python
	$(PY) -m pip install --quiet --force-reinstall --no-deps dist/python/*.whl

## Java for PySpark's local mode (Debian's JRE, root or sudo), when the machine has none.
setup-java:
	@if ! command -v java >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null || \
		{ $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }; fi

## PostgreSQL's server (Debian's, root or sudo) for the database ingest test, which starts its
## own cluster in a temp dir.
setup-postgres:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -qq postgresql >/dev/null || \
		{ $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; }; fi

## The openssl command (Debian's) that makes the test CA of the SMTP STARTTLS test.
setup-openssl:
	@if ! command -v openssl >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -qq openssl >/dev/null || \
		{ $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq openssl >/dev/null; }; fi

test-python: build-python setup-java setup-postgres setup-openssl
	@echo "== Python: golden vectors, pyarrow / polars / pandas / DuckDB / PostgreSQL ingest, PySpark local mode =="
	WA_TEST_POSTGRES=required $(PY) -m pytest tests/python -q

crates/node/node_modules/.package-lock.json: crates/node/package-lock.json
	# `npm ci` rejects this lock file (npm 11 and the optional per-platform packages of
	# @napi-rs/cli); `npm install` follows the same lock file.
	cd crates/node && npm install --no-audit --no-fund --loglevel=error

setup-node: crates/node/node_modules/.package-lock.json

## The addon and npm tarballs users get (scripts/dist.sh, this machine's platform; the WASM
## build is the package's fallback).
build-node: setup-node build-wasm
	DIST_HOST_ONLY=1 scripts/dist.sh node

test-node: build-node
	@echo "== Node: golden vectors, Arrow IPC =="
	node --test tests/node/

setup-wasm:
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

## The browser package users get (crates/wasm/pkg, packed into dist/wasm) and the same build
## for Node (crates/wasm/pkg-node).
build-wasm: setup-wasm setup-node
	scripts/dist.sh wasm

test-wasm: build-wasm setup-node
	@echo "== WASM: golden vectors, Arrow IPC, the core entry (the built package under node) =="
	node --test tests/wasm/

## Every package users install, built into dist/ with their sizes printed: Python wheels
## (manylinux2014 x86-64 and aarch64, musllinux x86-64) and sdist, the Node package with its
## per-platform addons and WASM fallback, the browser package (README: "Install the packages").
dist: setup-python setup-node setup-wasm
	scripts/dist.sh

## The packages of this machine's platform built as for dist/, installed as users would (fresh
## virtualenvs, a fresh npm project, a static server and headless Chromium) and run.
test-dist: build-python build-node build-wasm setup-browser
	@echo "== Packages: the built wheel, npm tarballs and browser package installed and run =="
	node --test tests/dist/

## Debian's Chromium for the browser test (root, or sudo).
setup-browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -qq chromium >/dev/null || \
		{ $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }; fi

## The browser example's chart renderer (vega-embed with Vega and Vega-Lite), from npm.
DASHBOARD_VENDOR := examples/browser-dashboard/vendor
dashboard-assets: setup-node
	mkdir -p $(DASHBOARD_VENDOR)
	cp crates/node/node_modules/vega/build/vega.min.js crates/node/node_modules/vega-lite/build/vega-lite.min.js \
		crates/node/node_modules/vega-embed/build/vega-embed.min.js $(DASHBOARD_VENDOR)/

test-browser: build-node build-wasm setup-browser dashboard-assets
	@echo "== Browser: the dashboard example in headless Chromium, the HTML report without JavaScript =="
	node --test tests/browser/

test-ts: build-node build-wasm
	@echo "== TypeScript: declared types of both JS packages =="
	crates/node/node_modules/.bin/tsc --noEmit -p tests/ts

lint:
	cargo fmt --all -- --check
	cargo fmt --manifest-path fuzz/Cargo.toml -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p webinar-analytics --all-targets --features linfa,notify,datafusion -- -D warnings
	if rustup target list --installed | grep -q $(WASM_TARGET); then \
		cargo clippy -p webinar-analytics-wasm --target $(WASM_TARGET) -- -D warnings && \
		cargo clippy -p webinar-analytics-wasm --target $(WASM_TARGET) --no-default-features -- -D warnings; fi

## Fuzzes every reader, saved state, model and call (libFuzzer; 2 GB and 10 s per input at
## most), FUZZ_SECONDS per target (default 300): `make fuzz FUZZ_SECONDS=60`. A crash is kept in
## fuzz/artifacts/<target>/ and replays with `scripts/fuzz.sh --replay FILE`.
FUZZ_SECONDS ?= 300
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

## A short, reproducible run of every fuzz target (part of `make test`): 20,000 inputs each
## from seed 1, after the fixed crashers of tests/fixtures/crashers.
test-fuzz:
	@echo "== fuzz: every target, 20,000 inputs from seed 1 =="
	rm -rf target/fuzz-ci-corpus
	FUZZ_CORPUS=target/fuzz-ci-corpus FUZZ_RUNS=20000 scripts/fuzz.sh

## Criterion benchmarks of the Rust core.
bench:
	cargo bench -p webinar-analytics --bench event_log

## The peer harness: this library against polars / pandas / duckdb on the same data, one run.
## Live scorecard updates: 1,000-event batches on a 10M-event log (p50/p99, events/s).
bench-live:
	cargo bench -p webinar-analytics --bench live

## Reading a ~160 MB events CSV and a GA4 Parquet export beside pyarrow and polars.
bench-ingest: build-python
	$(PY) benches/ingest.py $(ARGS)

## The funnel on Spark local[2]: this library's kernel beside Spark SQL's window functions.
bench-spark: build-python setup-java
	$(PY) benches/spark.py $(ARGS)

## This library against polars, pandas and DuckDB on the same data, one run per size: 1M and 10M
## contacts, activity spread over a year (ARGS adds or overrides options).
PEERS_ARGS ?= --contacts 1000000,10000000 --spread-days 330
bench-peers: build-python
	$(PY) benches/peers.py $(PEERS_ARGS) $(ARGS)

## Scale on one machine: load, save, open, funnel, retention and channels at 1M and 10M contacts
## (~13M and ~132M events over a year), time per event compared.
bench-scale: build-python
	$(PY) benches/scale.py $(ARGS)

## Result tables into polars: through Arrow beside the rows as Python dicts (1M contacts).
bench-results: build-python
	$(PY) benches/results.py $(ARGS)

## Every attribution model on 1M persons beside ChannelAttribution's Markov model.
bench-attribution: build-python
	$(PY) benches/attribution.py $(ARGS)

## Random forests beside scikit-learn on the same split.
bench-models: build-python
	$(PY) benches/models.py $(ARGS)

clean:
	cargo clean
	rm -rf $(VENV) crates/node/node_modules crates/wasm/pkg crates/wasm/pkg-node
