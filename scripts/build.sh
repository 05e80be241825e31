#!/usr/bin/env bash
# Builds pkg/: the npm package. wasm-pack builds the browser builds (--target web) and the Node
# builds (--target nodejs): the combined one and one per service (`--no-default-features
# --features <service>`; a cargo invocation each, since features unify within one build). A
# service's Node build has the same cargo features as its browser build, so cargo's compile is
# reused and only wasm-bindgen and wasm-opt run again (package.mjs checks the wasm is the same).
# All release, then wasm-opt -Oz. Then the emulator core of
# `tokenops/sandbox` (sandbox/, feature js) for Node and browsers, built for speed. scripts/package.mjs assembles the entries,
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
  build_crate . tokenops release -Oz "$target" "$dir" "$@"
}
build_crate() { # <crate dir> <out name> <cargo profile> <wasm-opt level> <target> <out dir> [cargo args]
  local crate=$1 name=$2 profile=$3 level=$4 target=$5 dir=$6
  shift 6
  wasm-pack --log-level warn build --profile "$profile" --target "$target" --no-pack --no-opt \
    --out-dir "$PWD/$dir" --out-name "$name" "$crate" -- "$@" 2>&1 | grep -v '^\[INFO\]' || true
  [[ -f "$dir/${name}_bg.wasm" ]] || { echo "[build] wasm-pack $crate $target $* failed" >&2; exit 1; }
  bash scripts/wasm-opt.sh "$level" "$dir/${name}_bg.wasm" "$dir/${name}_bg.wasm"
}
# `talc`: the package's wasm uses talc as its allocator (Cargo.toml says why).
build nodejs "$out/nodejs" --features js,talc
build web "$out/web" --features js,talc
for service in hopr authlete knetik; do
  build web "$out/web-$service" --no-default-features --features "$service,js,talc"
  build nodejs "$out/nodejs-$service" --no-default-features --features "$service,js,talc"
done
# The emulator core for `tokenops/sandbox` (crate tokenops-sandbox, feature js), built for speed:
# Node's glue and the browser's over the same wasm.
build_crate sandbox tokenops_sandbox sandbox-wasm -O3 nodejs "$out/sandbox-nodejs" --features js
build_crate sandbox tokenops_sandbox sandbox-wasm -O3 web "$out/sandbox-web" --features js
node scripts/package.mjs "$out" pkg
node scripts/size-table.mjs pkg
