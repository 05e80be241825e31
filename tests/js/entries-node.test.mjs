// The per-service entries `tokenops/hopr`, `tokenops/authlete`, `tokenops/knetik` outside
// browsers (Node, Deno and Bun resolve the package's "node" condition): each exports its class and
// ApiError only, and ESM and CommonJS share the combined build and its one ApiError class. The
// runtime matrix (scripts/runtimes.sh) runs this file on every runtime; entries.test.mjs covers
// the same entries in browsers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { startSandbox } from "./sandbox.mjs";

const require = createRequire(new URL("../package.json", import.meta.url));
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
    assert.equal(esm[cls], all[cls]);
    assert.equal(cjs.ApiError, all.ApiError);
  }
  const { HoprTokens, ApiError } = await import("tokenops/hopr");
  const err = await new HoprTokens({ baseUrl: sandbox.url, apiToken: "wrong" }).getToken().catch((e) => e);
  assert.ok(err instanceof ApiError && err.status === 401, String(err));
});
