#!/usr/bin/env bash
# Benchmarks (issue 7): builds the release app into its own dist, makes backups with the
# core's generator (1 000 and 10 000 invoices over 1 000 clients, with their contacts and
# follow-up steps), drives headless Debian Chromium over them several times and prints
# one table of medians with the targets, the bundle sizes and the core's native figures.
# Not part of scripts/test.sh: it takes several minutes, and speed is printed, never asserted.
#   BENCH_RUNS=3     runs per dataset (medians)
#   BENCH_PORT=8092  port of the local static server
#   BENCH_SKIP_CORE=1  leave out `cargo bench -p cobro-core` (about 2 minutes)
#   BENCH_LIGHTHOUSE_RUNS=3  Lighthouse runs per visit (first visit, 10k profile); 0 leaves it out
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/setup.sh >/dev/null
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET/bench"
mkdir -p "$OUT/data"

say() { printf '[bench] %s\n' "$*" >&2; }

say "release build → $OUT/dist"
trunk build --release --locked --dist "$OUT/dist" >"$OUT/trunk.log" 2>&1 || { cat "$OUT/trunk.log" >&2; exit 1; }
scripts/sizes.sh "$OUT/dist" >"$OUT/sizes.txt"

# Dated today, so the agenda the app opens on has today's contacts. Kept per date and size.
TODAY="$(date +%F)"
say "datasets for $TODAY"
cargo build --quiet --release --locked -p cobro-core --bin cobro
DATA=""
for n in 1000 10000; do
  f="$OUT/data/demo-$n-$TODAY.json"
  [ -s "$f" ] || "$TARGET/release/cobro" demo --clients 1000 --invoices "$n" --seed 7 --today "$TODAY" >"$f.tmp"
  [ -s "$f" ] || mv "$f.tmp" "$f"
  DATA="$DATA${DATA:+,}$((n / 1000))k=$f"
done

: >"$OUT/core.txt"
if [ "${BENCH_SKIP_CORE:-0}" != 1 ]; then
  say "core natively: cargo bench -p cobro-core"
  cargo bench --locked -p cobro-core >"$OUT/core.txt" 2>&1 || { cat "$OUT/core.txt" >&2; exit 1; }
fi

say "browser: ${BENCH_RUNS:-3} runs per dataset"
node tests/bench/bench.mjs --dist "$OUT/dist" --data "$DATA" --sizes "$OUT/sizes.txt" --core "$OUT/core.txt" \
  --runs "${BENCH_RUNS:-3}" --port "${BENCH_PORT:-8092}" --lighthouse-runs "${BENCH_LIGHTHOUSE_RUNS:-3}"
printf '\nmachine: %s, %s cores; bundle per file in %s; core output in %s\n' \
  "$(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n1)" "$(nproc)" "$OUT/sizes.txt" "$OUT/core.txt"
