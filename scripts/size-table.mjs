// Prints the size of every browser entry of the package: its wasm, its JS glue and entry, and
// ApiError, raw and gzip -9; and, to compare with the official SDKs' figures (bundled and
// minified), the entry's JS as a production bundler ships it (esbuild, bundled and minified).
// Usage: node scripts/size-table.mjs <pkgDir>
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";
import { buildSync } from "esbuild";

const pkg = process.argv[2] ?? "pkg";
const gz = (buf) => gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
for (const [entry, dir] of [["tokenops", "web"], ["tokenops/hopr", "web/hopr"], ["tokenops/authlete", "web/authlete"], ["tokenops/knetik", "web/knetik"]]) {
  const wasm = readFileSync(join(pkg, dir, "tokenops_bg.wasm"));
  const js = Buffer.concat([join(dir, "tokenops.js"), join(dir, "index.js"), "web/api-error.js"].map((f) => readFileSync(join(pkg, f))));
  const bundled = buildSync({
    entryPoints: [join(pkg, dir, "index.js")], bundle: true, minify: true, format: "esm",
    platform: "browser", target: "es2022", write: false, logLevel: "silent",
  }).outputFiles[0].contents;
  rows.push([entry, wasm.length, gz(wasm), js.length, gz(js), gz(wasm) + gz(js), gz(bundled)]);
}
console.log("[build] browser entries (wasm | JS glue + entry + ApiError | total gzip | the same with the JS bundled and minified):");
for (const [entry, wr, wg, jr, jg, total, mg] of rows) {
  console.log(`  ${entry.padEnd(18)} wasm ${kb(wr).padStart(9)} raw ${kb(wg).padStart(8)} gz | js ${kb(jr).padStart(8)} raw ${kb(jg).padStart(7)} gz | ${kb(total).padStart(8)} gz | minified js ${kb(mg).padStart(7)} gz, total ${kb(wg + mg).padStart(8)} gz`);
}
// The emulator (tokenops/sandbox) is an entry of its own with its own wasm: no client entry
// imports it, so the rows above do not include it.
{
  const dir = "web/sandbox";
  const wasm = readFileSync(join(pkg, dir, "tokenops_sandbox_bg.wasm"));
  const js = Buffer.concat(["tokenops_sandbox.js", "shell.js", "index.js"].map((f) => readFileSync(join(pkg, dir, f))));
  console.log(`  ${"tokenops/sandbox".padEnd(18)} wasm ${kb(wasm.length).padStart(9)} raw ${kb(gz(wasm)).padStart(8)} gz | js ${kb(js.length).padStart(8)} raw ${kb(gz(js)).padStart(7)} gz | ${kb(gz(wasm) + gz(js)).padStart(8)} gz | (the emulator, for tests; no client entry loads it)`);
}
