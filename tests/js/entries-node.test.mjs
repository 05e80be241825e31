// The per-service entries `tokenops/hopr`, `tokenops/authlete`, `tokenops/knetik` outside
// browsers (Node, Deno and Bun resolve the package's "node" condition): each exports its class and
// ApiError only and instantiates only its own wasm (the bytes of its browser wasm, JSON codec
// included); ESM and CommonJS of an entry share one instance, and every entry shares one ApiError
// class. The runtime matrix (scripts/runtimes.sh) runs this file on every runtime;
// entries.test.mjs covers the same entries in browsers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { compiledWasm } from "./assertions.mjs";
import { startSandbox } from "./sandbox.mjs";

// Template specifiers only: Deno resolves a literal `require("x")` ahead of time, with the require
// condition, and then hands that file to `import("x")` too.
const require = createRequire(new URL("../package.json", import.meta.url));
const pkgDir = fileURLToPath(new URL("../node_modules/tokenops", import.meta.url));
const ENTRIES = { hopr: "HoprTokens", authlete: "AuthleteTokens", knetik: "KnetikTokens" };

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

test("each entry exports its class and ApiError, in ESM and CommonJS, sharing one ApiError", async () => {
  const all = await import("tokenops");
  for (const [service, cls] of Object.entries(ENTRIES)) {
    const esm = await import(`tokenops/${service}`);
    assert.deepEqual(Object.keys(esm).sort(), ["ApiError", cls].sort(), service);
    const cjs = require(`tokenops/${service}`);
    assert.deepEqual(Object.keys(cjs).sort(), ["ApiError", cls].sort(), service);
    // One instance of the entry's wasm for both module systems; not the combined entry's.
    assert.equal(esm[cls], cjs[cls], service);
    assert.notEqual(esm[cls], all[cls], service);
    assert.equal(esm.ApiError, all.ApiError);
    assert.equal(cjs.ApiError, all.ApiError);
  }
  const { HoprTokens, ApiError } = await import("tokenops/hopr");
  const err = await new HoprTokens({ baseUrl: sandbox.url, apiToken: "wrong" }).getToken().catch((e) => e);
  assert.ok(err instanceof ApiError && err.status === 401, String(err));
  assert.ok(err instanceof all.ApiError, "one ApiError class for every entry");
});

// A fresh process per entry (this one has loaded them all): how it starts a module on each runtime.
const RUN = globalThis.Deno ? ["run", "-A", "--no-lock"] : [];
for (const service of Object.keys(ENTRIES)) {
  test(`tokenops/${service} instantiates only its own wasm (import and require in a fresh process)`, () => {
    const script = fileURLToPath(new URL("wasm-compiled.mjs", import.meta.url));
    const child = spawnSync(process.execPath, [...RUN, script, `tokenops/${service}`], { encoding: "utf8", timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(compiledWasm(child.stderr, pkgDir), [`web/${service}/tokenops_bg.wasm`]);
  });
}

// Every entry decodes with the engine's JSON.parse (README "int64 values"). Extra fields and
// Knetik's total_elements may hold any int64: exact where the engine has source text access, a
// decode error naming the field where it has not (Node 20).
test("an integer beyond 2^53 in an answer is exact, or a decode error where JSON.parse has no source text (Node 20)", async () => {
  let sourceText = false;
  JSON.parse("1", (_key, value, context) => {
    sourceText = context?.source === "1";
    return value;
  });
  const BIG = "9007199254740993";
  const answering = (body) => async () => new Response(body, { headers: { "content-type": "application/json" } });
  const calls = {
    hopr: ({ HoprTokens }) =>
      new HoprTokens({ baseUrl: sandbox.url, apiToken: "unused-token", fetch: answering(`{"id":"t","capabilities":[],"since":${BIG}}`) })
        .getToken().then((token) => token.since),
    knetik: ({ KnetikTokens }) =>
      new KnetikTokens({ baseUrl: sandbox.url, accessToken: "unused-token", fetch: answering(`{"content":[],"total_elements":${BIG},"number":0}`) })
        .getTokens().then((page) => page.total_elements),
  };
  const all = await import("tokenops");
  const field = { hopr: "since", knetik: "total_elements" };
  for (const [service, call] of Object.entries(calls)) {
    for (const [entry, module] of [["tokenops", all], [`tokenops/${service}`, await import(`tokenops/${service}`)]]) {
      const got = await call(module).catch((e) => e);
      if (sourceText) assert.equal(got, BigInt(BIG), `${entry}, ${service}`);
      else {
        assert.ok(got instanceof all.ApiError && got.kind === "decode", `${entry}, ${service}: ${got}`);
        assert.match(got.message, new RegExp(`beyond 2\\^53 in \`${field[service]}\``), entry);
      }
    }
  }
});
