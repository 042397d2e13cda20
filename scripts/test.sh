#!/usr/bin/env bash
# Every test tier, after installing whatever is missing. Ends non-zero on any failure.
#   1. native: cargo test of the pure core (+ fmt and clippy with -D warnings)
#   2. browser: wasm-bindgen-test in headless Debian Chromium (real IndexedDB)
#   3. release build (trunk, wasm-opt -Oz), its sizes raw / gzip / brotli per module, and the
#      first screen's size budget
#   4. end to end: Playwright drives /usr/bin/chromium against dist/ on 127.0.0.1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/setup.sh
# npm's wasm-opt (binaryen 132) must win over any system one (Debian's 108 is broken).
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

banner() { printf '\n==== %s\n' "$*"; }

banner "1/4 native: format, lints, core tests"
cargo fmt --all --check
# `aeat`: the CLI's billing-record commands (native signature checks, mutual TLS); tested here.
cargo clippy --locked -p cobro-core --all-targets --features aeat -- -D warnings
cargo clippy --locked -p cobro --target wasm32-unknown-unknown --all-targets --features fault-injection -- -D warnings
cargo test --locked -p cobro-core --features aeat

banner "2/4 browser: wasm-bindgen-test in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown -p cobro --features fault-injection

banner "3/4 release build"
trunk build --release --locked
# Fails when any module (first screen, backup worker, service worker) grows past its budget
# (the budgets are in sizes.sh).
scripts/sizes.sh dist --check

banner "4/4 end to end: Playwright + Debian Chromium"
playwright test -c tests/e2e/playwright.config.mjs
