#!/usr/bin/env bash
# Builds pkg/: the npm package. wasm-pack builds the Node build (--target nodejs, all services)
# and the browser builds (--target web): the combined one and one per service
# (`--no-default-features --features <service>`; a cargo invocation each, since features unify
# within one build). All release, then wasm-opt -Oz. scripts/package.mjs assembles the entries,
# package.json, README, types and licenses. Prints a size table of every browser entry (wasm + JS
# glue + entry, raw and gzip). Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

out=build/wasm-pack
rm -rf "$out"
build() { # <target> <out dir> [cargo args]
  local target=$1 dir=$2
  shift 2
  wasm-pack --log-level warn build --release --target "$target" --no-pack --no-opt \
    --out-dir "$dir" --out-name tokenops . -- "$@" 2>&1 | grep -v '^\[INFO\]' || true
  [[ -f "$dir/tokenops_bg.wasm" ]] || { echo "[build] wasm-pack $target $* failed" >&2; exit 1; }
  # Features rustc enables by default for wasm32 must be allowed explicitly.
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-mutable-globals --enable-multivalue \
    "$dir/tokenops_bg.wasm" -o "$dir/tokenops_bg.wasm"
}
# `talc`: the package's wasm uses talc as its allocator (Cargo.toml says why).
build nodejs "$out/nodejs" --features talc
build web "$out/web" --features talc
for service in hopr authlete knetik; do
  build web "$out/web-$service" --no-default-features --features "$service,talc"
done
node scripts/package.mjs "$out" pkg
node scripts/size-table.mjs pkg
