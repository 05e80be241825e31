// What tokenops adds to a Rust wasm app: builds bench/rust-app/tokenops (a small app reading the
// caller's HOPR token with tokenops, `hopr` only) and bench/rust-app/plain (the same app on
// gloo-net + serde directly), both `wasm-pack build --release --target web`, then wasm-opt -Oz as
// scripts/build.sh optimises the package (scripts/wasm-opt.sh), and compares their gzip -9 sizes
// (wasm, and wasm + JS glue). scripts/bench.mjs reports the figure; run alone, this prints it:
//   node scripts/rust-app-size.mjs
// Each app keeps its own Cargo.lock (wasm-bindgen pinned to the CLI's version); both build in
// target/bench-app, so a second run only relinks.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${(r.stderr + r.stdout).slice(-4000)}`);
}

/** Builds one app of bench/rust-app/ and returns the gzip -9 sizes of its wasm and JS glue. */
function buildApp(name) {
  const out = join(root, "build/bench/rust-app", name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const path = `${process.env.HOME}/.cargo/bin:${process.env.PATH}`;
  run("wasm-pack", ["--log-level", "warn", "build", "--release", "--target", "web", "--no-pack", "--no-opt",
    "--out-dir", out, "--out-name", "app", join(root, "bench/rust-app", name)],
  { PATH: path, CARGO_TARGET_DIR: join(root, "target/bench-app") });
  const wasmPath = join(out, "app_bg.wasm");
  run("bash", [join(root, "scripts/wasm-opt.sh"), "-Oz", wasmPath, wasmPath], { PATH: path });
  const size = (file) => {
    const buf = readFileSync(join(out, file));
    return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  };
  const wasm = size("app_bg.wasm");
  const js = size("app.js");
  return { wasm, js, gzip: wasm.gzip + js.gzip, dts: readFileSync(join(out, "app.d.ts"), "utf8") };
}

/** Both apps' sizes and what tokenops adds (gzip bytes of wasm + JS glue, and of the wasm alone). */
export function measureRustAppSize() {
  const tokenops = buildApp("tokenops");
  const plain = buildApp("plain");
  return { tokenops, plain, added: tokenops.gzip - plain.gzip, addedWasm: tokenops.wasm.gzip - plain.wasm.gzip };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = measureRustAppSize();
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  for (const name of ["tokenops", "plain"]) {
    const a = r[name];
    console.log(`${name.padEnd(9)} wasm ${kb(a.wasm.gzip)} gz (${kb(a.wasm.raw)} raw), JS glue ${kb(a.js.gzip)} gz: ${kb(a.gzip)} gz`);
  }
  console.log(`tokenops adds ${kb(r.added)} gzip (wasm alone: ${kb(r.addedWasm)})`);
  const ours = [...r.tokenops.dts.matchAll(/export (?:class|interface|type|function|const) (\w+)/g)].map((m) => m[1]);
  console.log(`the tokenops app's .d.ts declares: ${ours.join(", ")}`);
}
