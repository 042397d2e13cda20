#!/usr/bin/env bash
# Installs whatever is missing, builds the release app and serves it on
# http://127.0.0.1:8080 exactly as users get it (dist/ as static files).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
trunk build --release --locked
echo "Cobro on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop)"
exec node tests/e2e/serve.mjs --dir dist --port "${PORT:-8080}"
