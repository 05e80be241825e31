#!/usr/bin/env bash
# Packs pkg/ with `npm pack` and installs the tarball into tests/node_modules, so the JS suites
# import the package exactly as users get it. Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf build/pack && mkdir -p build/pack
tarball=$(cd pkg && npm pack --silent --pack-destination ../build/pack)
cd tests && rm -rf node_modules/tokenops
npm install --no-save --no-audit --no-fund --loglevel=error "../build/pack/$tarball"
