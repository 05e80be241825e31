#!/usr/bin/env bash
# The demo command: installs what is missing, builds the package and the sandbox, and serves the
# admin console (www/) with the three emulated APIs. Prints the URL; Ctrl-C stops it.
# Usage: scripts/demo.sh [--port N] [other sandbox flags]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
bash scripts/build.sh
bash scripts/install-for-tests.sh >/dev/null # so `node examples/*.mjs` can import "tokenops"
cargo build -q -p tokenops-sandbox --profile sandbox
echo
echo "Open the admin console at the URL below (the sandbox prints its demo credentials too)."
exec target/sandbox/tokenops-sandbox --www www --pkg pkg "$@"
