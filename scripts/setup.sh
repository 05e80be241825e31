#!/usr/bin/env bash
# Installs what building and testing tokenops needs, only what is missing, so it is quick when
# everything is there: the wasm32 target, wasm-bindgen-cli at the Cargo.lock version, wasm-pack,
# with --browser Debian chromium + chromium-driver, firefox-esr + geckodriver (crates.io) and curl,
# the npm dev dependencies, and with --runtimes the JS runtimes of the runtime matrix
# (scripts/setup-runtimes.sh).
# Usage: scripts/setup.sh [--browser] [--runtimes]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

want_browser=0
want_runtimes=0
for arg in "$@"; do
  case $arg in
    --browser) want_browser=1 ;;
    --runtimes) want_runtimes=1 ;;
    *) echo "usage: scripts/setup.sh [--browser] [--runtimes]" >&2; exit 2 ;;
  esac
done

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
# wasm-pack asks crates.io for a newer version of itself once a day and prints
# "[WARN]: failed to get wasm-pack version" when that host is out of reach, as here. It keeps the
# answer in a stamp file next to its binary; record the installed version there as the latest.
wasm_pack_bin=$(command -v wasm-pack)
wasm_pack_version=$(cargo install --list | awk '/^wasm-pack v/ { sub(/^v/, "", $2); sub(/:$/, "", $2); print $2; exit }')
if [[ -n "$wasm_pack_version" ]]; then
  printf 'created %s\nversion %s' "$(date +%Y-%m-%dT%H:%M:%S%:z)" "$wasm_pack_version" >"${wasm_pack_bin}.stamp"
fi

debian_packages=()
if [[ $want_browser == 1 ]]; then
  command -v chromium >/dev/null 2>&1 || debian_packages+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || debian_packages+=(chromium-driver)
  command -v firefox-esr >/dev/null 2>&1 || debian_packages+=(firefox-esr)
  # The command-line tests run the `--curl` lines they print.
  command -v curl >/dev/null 2>&1 || debian_packages+=(curl)
fi
if [[ ${#debian_packages[@]} -gt 0 ]]; then
  say "installing Debian ${debian_packages[*]}"
  sudo_cmd=""
  if [[ $(id -u) != 0 ]]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${debian_packages[@]}" >/dev/null
fi

# geckodriver drives Firefox for wasm-bindgen-test (crates.io; its own download is not reachable).
if [[ $want_browser == 1 ]] && ! command -v geckodriver >/dev/null 2>&1; then
  say "installing geckodriver 0.37.1 (about 2 minutes, once)"
  cargo install geckodriver --version 0.37.1
fi

# npm dev dependencies (esbuild, typescript, binaryen's wasm-opt, playwright-core, Prism, yaml) and the
# bundlers of the bundler matrix (tests/bundlers), each reinstalled only when its lock changed.
npm_install() { # <dir>
  local dir=$1 stamp lock_sum
  stamp=$dir/node_modules/.tokenops-lock-stamp
  lock_sum=$(sha256sum "$dir/package-lock.json" | awk '{print $1}')
  if [[ ! -f $stamp || "$(cat "$stamp")" != "$lock_sum" ]]; then
    say "installing npm dev dependencies in ${dir}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" > "$stamp"
  fi
}
npm_install .
npm_install tests/bundlers
# The example user test (Vitest + MSW over tokenops/sandbox).
npm_install examples/vitest-msw
# The official SDKs of the three services (benchmarks and the official-clients suite).
npm_install bench

# Authlete's official Python library (tests/official), in a venv of its own, reinstalled only when
# its pinned requirements changed.
venv=build/python
req_sum=$(sha256sum tests/official/requirements.txt | awk '{print $1}')
if [[ ! -x $venv/bin/python || "$(cat "$venv/.tokenops-req-stamp" 2>/dev/null)" != "$req_sum" ]]; then
  say "installing Python $(tr '\n' ' ' <tests/official/requirements.txt)into ${venv}"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/official/requirements.txt
  echo "$req_sum" >"$venv/.tokenops-req-stamp"
fi

# Node 22/24/26, Deno 2 and Bun 1 for the runtime matrix (scripts/runtimes.sh).
if [[ $want_runtimes == 1 ]]; then bash scripts/setup-runtimes.sh; fi
