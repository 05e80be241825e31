#!/usr/bin/env bash
# Builds pkg/: the npm package with a Node build (wasm-pack --target nodejs) and a browser build
# (--target web), both release and wasm-opt -Oz, plus package.json, README and index.d.ts.
# Prints the gzip size of each .wasm and JS glue file. Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

out=build/wasm-pack
rm -rf "$out"
for target in nodejs web; do
  wasm-pack --log-level warn build --release --target "$target" --no-pack --no-opt \
    --out-dir "$out/$target" --out-name tokenops . 2>&1 | grep -v '^\[INFO\]' || true
  [[ -f "$out/$target/tokenops_bg.wasm" ]] || { echo "[build] wasm-pack $target failed" >&2; exit 1; }
  # Features rustc enables by default for wasm32 must be allowed explicitly.
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-mutable-globals --enable-multivalue \
    "$out/$target/tokenops_bg.wasm" -o "$out/$target/tokenops_bg.wasm"
done
node scripts/package.mjs "$out/nodejs" "$out/web" pkg

echo "[build] sizes (bytes: raw / gzip -9):"
for f in pkg/web/tokenops_bg.wasm pkg/web/tokenops.js pkg/web/index.js pkg/web/api-error.js \
         pkg/node/tokenops_bg.wasm pkg/node/tokenops.js pkg/node/index.js; do
  printf '  %-28s %8d / %7d\n' "$f" "$(wc -c < "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
total=$(cat pkg/web/tokenops_bg.wasm pkg/web/tokenops.js pkg/web/index.js pkg/web/api-error.js | gzip -9 -c | wc -c)
echo "[build] browser build total, gzip: $total bytes"
