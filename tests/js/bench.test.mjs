// The benchmark command runs end to end in quick mode and reports every measured item. It asserts
// nothing about speed: the figures are for reading, not for failing the build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../..", import.meta.url));

// The bench builds the two Rust apps of bench/rust-app itself: a relink after the test command's
// step that built them, about a minute from a cold target dir.
test("node scripts/bench.mjs --quick writes a row for each measured item", { timeout: 240_000 }, async () => {
  const child = spawn(process.execPath, [join(root, "scripts/bench.mjs"), "--quick"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  assert.equal(code, 0, `bench exited with ${code}:\n${err.slice(-4000)}`);

  const md = readFileSync(join(root, "build/bench/results.md"), "utf8");
  assert.equal(out.trim(), md.trim(), "the table is printed as written");
  const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| item "));
  const has = (prefix) => assert.ok(rows.some((r) => r.startsWith(`| ${prefix}`)), `no row for "${prefix}" in results.md`);
  has("size gzip, browser build");
  has("size gzip, Rust wasm app reading its HOPR token");
  has("size gzip, the same two apps' JS glue");
  has("size brotli, browser build");
  for (const entry of ["tokenops (all three)", "tokenops/hopr", "tokenops/authlete", "tokenops/knetik"]) has(`size gzip, ${entry}: wasm + JS bundled and minified`);
  for (const sdk of ["@hoprnet/hopr-sdk", "@authlete/typescript-sdk", "@knetik/knetikcloud-sdk"]) has(`size gzip / brotli, SDK bundle ${sdk}`);
  for (const call of ["HOPR getToken", "Authlete list v2", "Authlete list v3", "Knetik getTokens"]) {
    has(`latency p50 ${call}`);
    has(`latency p99 ${call}`);
    for (const c of [1, 16]) has(`throughput c=${c} ${call}`);
  }
  for (const what of ["Authlete list of", "Knetik page of"]) {
    has(`decode ${what}`);
    assert.ok(rows.some((r) => r.startsWith(`| decode ${what}`) && r.includes("decode only")), `no decode-only row for ${what}`);
  }
  has("cold start Node, import -> first request sent of tokenops/hopr");
  has("cold start Node, import -> first response decoded of tokenops/hopr");
  has("cold start Node, import -> first request sent / response decoded of tokenops (combined entry)");
  has("cold start Node, `tokenops hopr get` wall time");
  has("cold start Chromium, import -> first request sent");
  has("memory: wasm linear memory");
  has("memory: process RSS");
  // tokenops and the baseline are always measured (the SDK columns may be n/a without network).
  for (const r of rows.filter((r) => /^\| (latency|throughput)/.test(r))) {
    const cells = r.split("|").map((c) => c.trim());
    assert.notEqual(cells[2], "n/a", r);
    assert.notEqual(cells[3], "n/a", r);
  }
  assert.match(md, /\d+ cores, .*Node v\d+/);

  const svg = readFileSync(join(root, "build/bench/chart.svg"), "utf8");
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>\s*$/);

  // The report alone, again, from the figures just written.
  const again = spawn(process.execPath, [join(root, "scripts/bench.mjs"), "--from", join(root, "build/bench/results.json")], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let reported = "";
  again.stdout.on("data", (d) => (reported += d));
  assert.equal(await new Promise((resolve) => again.once("exit", resolve)), 0);
  assert.equal(reported.trim(), md.trim(), "--from reports the same table");

  // --readme: a full run's line and table go between the markers of a file; quick figures are
  // refused and the file is left as it was.
  const bench = join(root, "scripts/bench.mjs");
  const dir = mkdtempSync(join(tmpdir(), "bench-readme-"));
  // The quick run's figures, kept aside: each `--from` run rewrites build/bench/.
  const results = join(dir, "quick.json");
  writeFileSync(results, readFileSync(join(root, "build/bench/results.json")));
  const readme = join(dir, "README.md");
  const original = "before\n<!-- bench:start -->\nold figures\n<!-- bench:end -->\nafter\n";
  writeFileSync(readme, original);
  const refused = spawnSync(process.execPath, [bench, "--from", results, "--readme", readme], { encoding: "utf8" });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /quick figures are not for publishing/);
  assert.equal(readFileSync(readme, "utf8"), original);
  const full = join(dir, "full.json");
  writeFileSync(full, JSON.stringify({ ...JSON.parse(readFileSync(results, "utf8")), quick: false }));
  const written = spawnSync(process.execPath, [bench, "--from", full, "--readme", readme], { encoding: "utf8" });
  assert.equal(written.status, 0, written.stderr);
  const text = readFileSync(readme, "utf8");
  assert.ok(text.startsWith("before\n<!-- bench:start -->\n") && text.endsWith("<!-- bench:end -->\nafter\n"), text);
  assert.ok(!text.includes("old figures"));
  for (const row of rows) assert.ok(text.includes(row), `not in the README block: ${row}`);
  assert.match(text, /Full run of `node scripts\/bench.mjs`: \d{4}-\d{2}-\d{2}; /);
  // build/bench/ holds the quick run's report again.
  assert.equal(spawnSync(process.execPath, [bench, "--from", results]).status, 0);
});
