// The built package through require(), as CommonJS consumers load it.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { HoprTokens, ApiError } = require("tokenops");

let sandbox;
before(async () => {
  const { startSandbox } = await import("./sandbox.mjs");
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

test("require('tokenops') gives working classes", async () => {
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token" });
  const token = await hopr.getToken();
  assert.equal(token.id, "hopr-demo-token");
});

test("CJS and ESM entries share one module instance and one ApiError class", async () => {
  const esm = await import("tokenops");
  assert.equal(esm.ApiError, ApiError);
  assert.equal(esm.HoprTokens, HoprTokens);
  const err = await new HoprTokens({ baseUrl: sandbox.url, apiToken: "wrong" }).getToken().catch((e) => e);
  assert.ok(err instanceof ApiError && err instanceof Error);
  assert.equal(err.status, 401);
});
