#!/usr/bin/env bash
# Installs what building and testing tokenops needs, only what is missing, so it is quick when
# everything is there: the wasm32 target, wasm-bindgen-cli at the Cargo.lock version, wasm-pack,
# Debian chromium + chromium-driver (with --browser), and the npm dev dependencies.
# Usage: scripts/setup.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
if [[ ! -f Cargo.lock ]]; then cargo generate-lockfile; fi
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ -z "$wb_version" ]]; then
  echo "[setup] cannot find the wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
if [[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]]; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack (about 6 minutes, once)"
  cargo install wasm-pack
fi

if [[ $want_browser == 1 ]] && { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }; then
  say "installing Debian chromium and chromium-driver"
  sudo_cmd=""
  if [[ $(id -u) != 0 ]]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# npm dev dependencies (esbuild, typescript, binaryen's wasm-opt, playwright-core), reinstalled
# only when package-lock.json changed since the last install.
stamp=node_modules/.tokenops-lock-stamp
lock_sum=$(sha256sum package-lock.json | awk '{print $1}')
if [[ ! -f $stamp || "$(cat "$stamp")" != "$lock_sum" ]]; then
  say "installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi
