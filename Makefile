# pancake-api: one Rust core, thin bindings. `make test` is the whole suite (CI runs it).
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test lint test-rust wasm-core setup-rust setup-python test-python fmt clean setup-js build-js test-js test-js-wasm demo bench setup-demo

test: setup-rust setup-js lint test-rust wasm-core test-python test-js
	@echo "make test: all green"

## Installs the Rust pieces the suite needs (idempotent).
setup-rust:
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q rustfmt || rustup component add rustfmt
	@rustup component list --installed | grep -q clippy || rustup component add clippy

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-rust:
	$(CARGO) test --workspace

## Core must build for the browser: no I/O crate may sneak in.
wasm-core:
	$(CARGO) build -p pancake-core --target wasm32-unknown-unknown
	@! $(CARGO) tree -p pancake-core -e normal --target wasm32-unknown-unknown | grep -E '^[^a-z]*(tokio|hyper|reqwest|ureq|mio|socket2|async-std) ' \
		|| (echo "an I/O crate is in pancake-core's tree" && exit 1)

## Python: maturin builds the abi3 wheel, which goes into a fresh virtual environment for pytest.
PYTHON ?= python3
TOOLS_VENV := .venv
WHEELS := target/wheels
TEST_VENV := target/py-test-venv

setup-python:
	@test -x $(TOOLS_VENV)/bin/maturin || ( $(PYTHON) -m venv $(TOOLS_VENV) && \
		$(TOOLS_VENV)/bin/pip install -q --disable-pip-version-check 'maturin>=1.16,<1.17' 'ruff>=0.8' )

test-python: setup-python
	$(CARGO) test --workspace --no-run --quiet  # builds target/debug/pancake-mock as the Rust tests did
	rm -rf $(WHEELS) $(TEST_VENV)
	cd python && ../$(TOOLS_VENV)/bin/maturin build --release --quiet -o ../$(WHEELS)
	$(PYTHON) -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/pip install -q --disable-pip-version-check $(WHEELS)/*.whl pytest mypy pandas tqdm flask 'schemathesis>=4.32,<5'
	$(TOOLS_VENV)/bin/ruff check python
	$(TOOLS_VENV)/bin/ruff format --check python
	$(TOOLS_VENV)/bin/ruff check --config python/pyproject.toml tests/openapi
	$(TOOLS_VENV)/bin/ruff format --check --config python/pyproject.toml tests/openapi
	$(TEST_VENV)/bin/python -m pytest -q -p no:cacheprovider python/tests
	$(TEST_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/openapi  # mock vs openapi.yaml
	$(TEST_VENV)/bin/python -m mypy --strict python/tests/typed_example.py
	cd $(TEST_VENV) && bin/python -m mypy.stubtest pancake_api._native

## `make demo` and `make bench` (never part of `make test`): the release mock and the release
## wheel in their own virtual environment, then bench/demo.py or bench/run.py against the mock.
DEMO_VENV := .venv-demo
BENCH_WHEELS := target/bench-wheels

setup-demo: setup-python
	$(CARGO) build --release --quiet -p pancake-mock
	rm -rf $(BENCH_WHEELS)
	cd python && ../$(TOOLS_VENV)/bin/maturin build --release --quiet -o ../$(BENCH_WHEELS)
	test -x $(DEMO_VENV)/bin/python || $(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps $(BENCH_WHEELS)/*.whl
	$(DEMO_VENV)/bin/pip install -q --disable-pip-version-check 'tqdm>=4.60'

demo: setup-demo
	$(DEMO_VENV)/bin/python bench/demo.py

bench: setup-demo setup-js build-js
	$(DEMO_VENV)/bin/python bench/run.py  # runs bench/node.mjs itself once npm/dist is built

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean

## ---- JavaScript / wasm (npm package `pancake-api`, crate `pancake-wasm`) -------------------
WASM_BINDGEN_VERSION := 0.2.130
NPM_DIR := npm
PANCAKE_MOCK_BIN ?= $(CURDIR)/target/debug/pancake-mock
CHROMEDRIVER ?= /usr/bin/chromedriver

## Installs what the JS suite needs (idempotent): wasm target, wasm-bindgen-cli at the pinned
## version, Debian's chromium + chromedriver, the npm tools (typescript, binaryen's wasm-opt,
## and the deno, bun and workerd runtimes).
setup-js: setup-rust
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$" \
		|| $(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@command -v chromedriver >/dev/null && command -v chromium >/dev/null \
		|| (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver)
	cd $(NPM_DIR) && npm ci --no-audit --no-fund

## Builds the wasm module (profile `wasm`, wasm-opt -Oz) and the TypeScript layer into npm/dist.
build-js:
	bash $(NPM_DIR)/scripts/build.sh

## The JS suite: build, pack, install the tarball in a fresh directory, node --test against the
## mock, tsc --strict on the typed example, the same install in Deno, Bun and workerd
## (npm/scripts/test-runtimes.sh; the runtimes are npm devDependencies), then wasm-bindgen-test
## in Node and headless Chromium.
test-js: build-js
	$(CARGO) test --workspace --no-run --quiet  # the mock binary, as the Rust tests built it
	@test -x "$(PANCAKE_MOCK_BIN)" || $(CARGO) build -p pancake-mock
	PANCAKE_MOCK_BIN="$(PANCAKE_MOCK_BIN)" bash $(NPM_DIR)/scripts/test-packed.sh
	$(MAKE) test-js-wasm

## wasm-bindgen-test of pancake-wasm in Node and headless Chromium, with a live mock.
test-js-wasm:
	@test -x "$(PANCAKE_MOCK_BIN)" || $(CARGO) build -p pancake-mock
	@set -e; log=$$(mktemp); "$(PANCAKE_MOCK_BIN)" --port 0 --seed 42 --rate-limit off > $$log & pid=$$!; \
	trap "kill $$pid 2>/dev/null || true; wait $$pid 2>/dev/null || true; rm -f $$log" EXIT; \
	for i in $$(seq 1 600); do [ -s $$log ] && break; sleep 0.1; done; \
	url="$$(head -1 $$log)/api"; echo "mock at $$url"; \
	PANCAKE_MOCK_URL="$$url" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		$(CARGO) test -p pancake-wasm --target wasm32-unknown-unknown; \
	PANCAKE_MOCK_URL="$$url" WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=$(CHROMEDRIVER) \
		CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		$(CARGO) test -p pancake-wasm --target wasm32-unknown-unknown
