#!/usr/bin/env bash
# Packs pkg/ with `npm pack` and installs the tarball into tests/ and examples/, so the JS suites
# and the examples import the package exactly as users get it; and into tests/runtimes, a user's
# project whose package.json depends on it (the runtime matrix: Deno reads the dependency from
# there). Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf build/pack && mkdir -p build/pack
tarball=$(cd pkg && npm pack --silent --pack-destination ../build/pack)
for dir in tests examples examples/vitest-msw tests/bundlers; do
  (cd "$dir" && rm -rf node_modules/tokenops &&
    npm install --no-save --no-audit --no-fund --loglevel=error "$OLDPWD/build/pack/$tarball")
done
# tests/runtimes/package.json names the tarball without its version: build/pack/tokenops.tgz.
cp "build/pack/$tarball" build/pack/tokenops.tgz
(cd tests/runtimes && rm -rf node_modules &&
  npm install --no-package-lock --no-audit --no-fund --loglevel=error)
