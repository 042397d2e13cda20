#!/usr/bin/env bash
# Prints what users download: wasm, js, css of a build, raw / gzip -9 / brotli -q 11.
set -euo pipefail
dir="${1:-dist}"
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
tr=0; tg=0; tb=0
for f in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
  [ -f "$f" ] || continue
  r=$(wc -c <"$f"); g=$(gzip -9 -c "$f" | wc -c); b=$(brotli -q 11 -c "$f" | wc -c)
  tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b))
  printf '%-44s %10d %10d %10d\n' "$(basename "$f")" "$r" "$g" "$b"
done
printf '%-44s %10d %10d %10d\n' "total (bytes)" "$tr" "$tg" "$tb"
