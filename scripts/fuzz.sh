#!/usr/bin/env bash
# Fuzz the backup parser and the money arithmetic (core/fuzz/) for a fixed number of
# runs per target, with a fixed seed so that a run can be repeated:
#   scripts/fuzz.sh [RUNS]        RUNS per target, 200000 by default
# Needs the nightly toolchain (only this command uses it) and cargo-fuzz, installed
# here when missing. Not part of scripts/test.sh: the stable property tests in
# core/tests/hostile_props.rs cover the same entry points on every test run.
# A crash leaves its input in core/fuzz/artifacts/<target>/ and ends non-zero.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-200000}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz.sh: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cd "$ROOT/core"
# Seed the parser with real backups: every golden fixture, old versions included.
mkdir -p fuzz/corpus/backup_parse fuzz/corpus/money
cp tests/fixtures/*.json fuzz/corpus/backup_parse/
for target in backup_parse money; do
  printf '\n==== fuzz %s: %s runs\n' "$target" "$RUNS"
  start=$(date +%s)
  cargo +nightly fuzz run "$target" -- -runs="$RUNS" -seed=1 -max_len=65536 -timeout=10 -rss_limit_mb=4096
  echo "fuzz $target: $RUNS runs in $(( $(date +%s) - start )) s, no crash"
done
