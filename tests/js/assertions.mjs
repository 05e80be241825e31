// Assertions the JS suites share.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Awaits `promise`, which must reject; returns what it rejected with. With `type`, that must be
 * an instance of it (and a real `Error`).
 */
export async function rejection(promise, type) {
  const err = await promise.then(() => assert.fail("expected the call to reject"), (e) => e);
  if (type) {
    assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
    assert.ok(err instanceof Error);
  }
  return err;
}

/**
 * The package's wasm a child process started with wasm-compiled.mjs compiled, each named by the
 * package file with the same bytes (a path relative to `pkgDir`, e.g. `web/hopr/tokenops_bg.wasm`),
 * in the order compiled. A wasm that is no file of the package is the runtime's own (Node's
 * `fetch` compiles its HTTP parser, llhttp) and is left out.
 */
export function compiledWasm(stderr, pkgDir) {
  const line = /^wasm-compiled: (.*)$/m.exec(stderr);
  assert.ok(line, `the child wrote no wasm-compiled line; its stderr: ${stderr}`);
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(join(pkgDir, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith(".wasm")) files.set(createHash("sha256").update(readFileSync(join(pkgDir, path))).digest("hex"), path);
    }
  };
  walk("");
  return JSON.parse(line[1]).filter((hash) => files.has(hash)).map((hash) => files.get(hash));
}
