#!/usr/bin/env bash
# wasm-opt as every wasm of ours is optimised (scripts/build.sh, scripts/rust-app-size.mjs):
# wasm-opt.sh <level, e.g. -Oz> <in.wasm> <out.wasm>. Binaryen's wasm-opt from the npm dev
# dependencies (scripts/setup.sh).
set -euo pipefail
level=$1 in=$2 out=$3
root="$(cd "$(dirname "$0")/.." && pwd)"
# Features rustc enables by default for wasm32 must be allowed explicitly.
"$root/node_modules/.bin/wasm-opt" "$level" --strip-debug --strip-producers \
  --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-mutable-globals --enable-multivalue \
  "$in" -o "$out"
