# pancake-api: one Rust core, thin bindings. `make test` is the whole suite (CI runs it).
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test lint test-rust wasm-core setup-rust fmt clean

test: setup-rust lint test-rust wasm-core
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

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean
