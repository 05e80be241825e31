#!/usr/bin/env bash
# The test command: installs what is missing, builds the package and the sandbox, then runs every
# suite: native cargo tests (+ fmt, clippy with and without the `js` feature, the check that no
# wasm-bindgen export lies outside `js`), wasm-bindgen-test of the typed Rust API in Node,
# headless Chromium and headless Firefox against a running sandbox, the example Rust app
# (examples/rust-hopr, a crate of its own) in Node and the check that its .d.ts names nothing of
# ours, the Rust app size figure (bench/rust-app), the JS suites on the packed package (ESM,
# CJS, a page in Chromium, an esbuild bundle, tsc --strict), and last the runtime matrix: the
# package's Node-side suites and the command on Node 22/24/26, Deno and Bun (scripts/runtimes.sh).
# Cargo feature `js` (the JS shell) is off for Rust apps and on in the package's builds: each
# cargo step below says which it checks.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n=== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh --browser --runtimes
# Everything below runs on Node 22, the oldest maintained Node: the machine's Node 20 reached
# its end of life on 2026-04-30, and lacks JSON.parse source text access, so it reads no int64
# beyond 2^53 (a `decode` error instead). It runs in the runtime matrix, which tests exactly that.
TOKENOPS_NODE20=$(command -v node)
export TOKENOPS_NODE20
export PATH="$PWD/build/runtimes/node22/bin:$PATH"

step "format and lint"
cargo fmt --all --check
cargo clippy --workspace --all-targets -q -- -D warnings
cargo clippy --workspace --all-targets --features tokenops/js -q -- -D warnings
cargo clippy --lib --tests --target wasm32-unknown-unknown -q -- -D warnings # a Rust app's build
cargo clippy --lib --tests --target wasm32-unknown-unknown --features js -q -- -D warnings
for service in hopr authlete knetik; do
  # each browser entry is built with one service only, and a Rust app may take one
  cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features "$service,js,talc" -q -- -D warnings
  cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features "$service" -q -- -D warnings
done
cargo clippy --lib --target wasm32-unknown-unknown --features testing -q -- -D warnings
cargo clippy -p tokenops-sandbox --lib --target wasm32-unknown-unknown --features js -q -- -D warnings
# No #[wasm_bindgen] export and no TypeScript declaration of ours outside the `js` feature.
node scripts/check-exports.mjs sources

step "native tests (core, providers, sandbox; with the js feature's strict reading of JS input)"
cargo test --workspace --features tokenops/js -q 2>&1 | grep -vE '^running 0 tests|^test result: ok. 0 passed|^$' || exit 1

step "build the package and the sandbox"
bash scripts/build.sh
cargo build -q -p tokenops-sandbox --profile sandbox
bash scripts/install-for-tests.sh

for crate in tokenops tokenops-sandbox; do
  step "the crate $crate publishes (cargo publish --dry-run -p $crate)"
  if ! published=$(cargo publish --dry-run -p "$crate" --allow-dirty 2>&1); then
    echo "$published" >&2
    exit 1
  fi
  echo "$published" | grep -E 'Packaged|Uploading|aborting' || true
done

step "the crate's docs (wasm32, as docs.rs builds them) and its doc examples (compiled for wasm32)"
# Warnings are errors; default features, then all of them (docs.rs). The doc examples of the
# wasm-only clients and the crate README's are `no_run`: compiled and linked for wasm32 with the
# wasm-bindgen test runner as the target runner (it runs wasm-bindgen tests only, not a doctest's
# main); the examples that run anywhere ran natively with `cargo test` above.
RUSTDOCFLAGS="-D warnings" cargo doc -q -p tokenops --target wasm32-unknown-unknown
RUSTDOCFLAGS="-D warnings" cargo doc -q -p tokenops --target wasm32-unknown-unknown --all-features
RUSTDOCFLAGS="-D warnings" cargo doc -q -p tokenops --target wasm32-unknown-unknown --no-default-features --features hopr
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -q --doc --target wasm32-unknown-unknown --all-features

sandbox_pid=""
cleanup() { [[ -n "$sandbox_pid" ]] && kill "$sandbox_pid" 2>/dev/null || true; }
trap cleanup EXIT

port=${TOKENOPS_WASM_TEST_PORT:-8790}
target/sandbox/tokenops-sandbox --port "$port" >build/wasm-test-sandbox.log 2>&1 &
sandbox_pid=$!
for _ in $(seq 50); do
  grep -q "listening" build/wasm-test-sandbox.log 2>/dev/null && break
  sleep 0.1
done
export TOKENOPS_SANDBOX_URL="http://127.0.0.1:$port"

reset_sandbox() {
  node -e "fetch(process.argv[1] + '/_sandbox/reset', { method: 'POST' }).then((r) => process.exit(r.ok ? 0 : 1))" "$TOKENOPS_SANDBOX_URL"
}
wasm_tests=$(for f in tests/wasm*.rs; do f=${f##*/}; printf -- "--test %s " "${f%.rs}"; done)

# With `js`: tests/wasm_texts.rs pins serde-wasm-bindgen's texts that the shell's strict reader
# reads; the typed API is the same code with or without it.
step "wasm-bindgen-test of the typed Rust API in Node"
# shellcheck disable=SC2086
wasm-pack --log-level warn test --node -- --features js $wasm_tests
reset_sandbox

step "wasm-bindgen-test of the typed Rust API in headless Chromium"
# shellcheck disable=SC2086
WASM_BINDGEN_USE_BROWSER=1 wasm-pack --log-level warn test --headless --chrome \
  --chromedriver "$(command -v chromedriver)" -- --features js $wasm_tests
reset_sandbox

step "wasm-bindgen-test of the typed Rust API in headless Firefox"
# shellcheck disable=SC2086
WASM_BINDGEN_USE_BROWSER=1 wasm-pack --log-level warn test --headless --firefox \
  --geckodriver "$(command -v geckodriver)" -- --features js $wasm_tests
reset_sandbox

cleanup
sandbox_pid=""

step "the example Rust app (examples/rust-hopr, outside the workspace) in Node, under tokenops sandbox"
# README's recipe: the packed package's `tokenops sandbox -- <command>` (a fixed port, so the
# URL the tests compile in stays the same between runs). A target dir of its own: tokenops has a
# cdylib, so cargo names its rlib without a hash, and a build from this other workspace (another
# Cargo.lock) in the shared dir would replace the rlib the wasm tests above link against.
CARGO_TARGET_DIR="$PWD/target/example" tests/node_modules/.bin/tokenops sandbox --port "${TOKENOPS_EXAMPLE_PORT:-8791}" -- \
  wasm-pack --log-level warn test --node examples/rust-hopr

step "the example Rust app's wasm exports nothing of tokenops (its .d.ts names none of our declarations)"
rm -rf build/rust-hopr
CARGO_TARGET_DIR="$PWD/target/example" wasm-pack --log-level warn build --dev --target web --no-pack \
  --out-dir "$PWD/build/rust-hopr" examples/rust-hopr 2>&1 | grep -v '^\[INFO\]' || true
node scripts/check-exports.mjs dts build/rust-hopr/rust_hopr_example.d.ts pkg

step "what tokenops adds to a Rust wasm app (bench/rust-app; a figure, not a test; scripts/bench.mjs reports it)"
node scripts/rust-app-size.mjs

step "JS suites on the packed package"
# A test that hangs (a promise that never settles) fails after 5 minutes instead of hanging CI.
node --test --test-concurrency=2 --test-timeout=300000 tests/js/*.test.mjs tests/js/*.test.cjs

step "runtime matrix: Node 20, 22, 24, 26, Deno 2, Bun 1"
bash scripts/runtimes.sh
