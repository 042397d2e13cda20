#!/usr/bin/env bash
# Every screen and document with the demo data, for people to look at: full-page PNGs at
# 360×740 and 1280×800 in Spanish and English, and each printable document as its A4 PDF
# with a PNG per page (poppler's pdftoppm). Not part of scripts/test.sh: nothing is asserted
# here (tests/e2e/layout.spec.mjs asserts the layout rules on the same list of screens).
#   scripts/screens.sh [OUT_DIR]         default target/screens
#   SCREENS_ONLY=invoice,quote scripts/screens.sh   only those screens (names in tests/e2e/routes.mjs)
#   SCREENS_PORT=8093                    port of the local static server
#   SCREENS_DIST=dist                    use an existing build instead of building
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/setup.sh >/dev/null
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
OUT="${1:-${CARGO_TARGET_DIR:-$ROOT/target}/screens}"
DIST="${SCREENS_DIST:-}"
if [ -z "$DIST" ]; then
  DIST="${CARGO_TARGET_DIR:-$ROOT/target}/screens-dist"
  echo "[screens] release build → $DIST" >&2
  trunk build --release --locked --dist "$DIST" >"$DIST.log" 2>&1 || { cat "$DIST.log" >&2; exit 1; }
fi
rm -rf "$OUT"
node tests/screens/screens.mjs --dist "$DIST" --out "$OUT" --port "${SCREENS_PORT:-8093}" \
  ${SCREENS_ONLY:+--only "$SCREENS_ONLY"}
