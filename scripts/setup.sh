#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test Cobro on Debian with rustup.
# Idempotent: every step checks first and is skipped when the right version is there,
# so a second run takes about a second. Tools land in ~/.cargo/bin (cached across runs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION="0.21.14" # trunk 0.22 needs a newer rustc than this machine's stable
# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock, or the app and tests break.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WB_VERSION" ] || { echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1; }

# The splitter of the release build (scripts/split.mjs): it reads the markers that Cargo.lock's
# wasm_split_helpers (the split points in src/main.rs) writes, so a new helpers version may need a new one.
# At least 0.2.4 with wasm-bindgen >= 0.2.128: older ones do not know its renamed cast
# intrinsic, split wbg_cast into the chunks, and every closure there traps with
# "function signature mismatch" (leptos-rs/leptos#4347).
SPLIT_VERSION="0.2.4"

step() { printf '\n[setup] %s\n' "$*"; }
ok() { printf '[setup]   ok: %s\n' "$*"; }

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  ok "already installed"
else
  rustup target add wasm32-unknown-unknown
fi

step "Debian packages: chromium, chromium-driver, brotli; xmllint, xmlsec1, openssl, zbarimg (billing-record tests); pdftotext, pdfinfo (documents)"
# Debian's chromium and chromium-driver come from one source package, so versions match.
# Not Debian's binaryen: its wasm-opt 108 corrupts wasm-bindgen output (npm's 132 is used).
# poppler-utils: pdftotext and pdfinfo read the printed documents back in the e2e tests.
missing=()
# libxml2-utils (xmllint: records against the AEAT's XSDs), xmlsec1 (signatures), openssl
# (test certificates made at test time), zbar-tools (zbarimg: the invoice's QR in e2e).
for p in chromium chromium-driver brotli libxml2-utils xmlsec1 openssl zbar-tools poppler-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  ok "already installed"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
  ok "already installed"
else
  echo "[setup]   building from crates.io (about 8 minutes on 2 cores, once)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked
fi

step "wasm-bindgen-cli $WB_VERSION"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WB_VERSION" ] \
  && [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" = "wasm-bindgen-test-runner $WB_VERSION" ]; then
  ok "already installed"
else
  echo "[setup]   building from crates.io (about 3 minutes, once)"
  # The crate's published lockfile names a dependency version the registry no longer
  # serves, so --locked can fail at once; then resolve afresh.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "=$WB_VERSION" --force
fi

step "wasm-split-cli $SPLIT_VERSION (wasm_split_cli_support)"
# The binary has no --version; cargo's own list of installed crates says which one is there
# (read whole first: `grep -q` closing the pipe early would fail it under pipefail).
installed="$(cargo install --list)"
if command -v wasm-split-cli >/dev/null 2>&1 \
  && grep -qx "wasm_split_cli_support v$SPLIT_VERSION:" <<<"$installed"; then
  ok "already installed"
else
  echo "[setup]   building from crates.io (2–15 minutes on 2 cores, once)"
  cargo install wasm_split_cli_support --version "=$SPLIT_VERSION" --features build-binary --locked \
    || cargo install wasm_split_cli_support --version "=$SPLIT_VERSION" --features build-binary --force
fi

step "Node packages (binaryen 132 for wasm-opt, Playwright driver)"
if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/@playwright/test ] \
  && cmp -s package-lock.json node_modules/.cobro-lock 2>/dev/null; then
  ok "already installed"
else
  # Playwright never downloads a browser here: tests use Debian's /usr/bin/chromium.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.cobro-lock
fi

step "Rust crates (trunk builds offline)"
cargo fetch --locked
ok "fetched"

step "Versions"
rustc --version
trunk --version
wasm-bindgen --version
cargo install --list | grep "^wasm_split_cli_support "
node_modules/.bin/wasm-opt --version
chromium --version 2>/dev/null | tail -n1 || true
chromedriver --version
node --version
printf '[setup] done\n'
