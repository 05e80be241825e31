// The one JSON codec, the engine's, in every entry: answers are parsed by `JSON.parse` (an integer
// beyond 2^53 read exactly from its source text by a reviver), checked by the Rust model and
// handed on as the engine's object; bodies are written with `JSON.stringify` (such an integer
// through `JSON.rawJSON`). In Node: exact int64 both ways, and on an engine without source text
// access (the reviver's context stubbed away, as on Node 20) a `decode` error naming the field,
// never a rounded number, with the client working afterwards. In Chromium: each per-service
// entry gives exactly what the combined entry gives for every codec-sensitive answer
// (tests/browser/codec.app.mjs), and passes the whole fault matrix.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { launchChromium, runScenario, withoutFailedLoads } from "./chromium.mjs";
import { startSandbox } from "./sandbox.mjs";
import { serveStatic } from "./static-server.mjs";
import * as codec from "../browser/codec.app.mjs";
import * as faults from "../browser/faults.app.mjs";
import { HoprTokens, AuthleteTokens, ApiError } from "tokenops";

const root = fileURLToPath(new URL("../..", import.meta.url));

let sandbox;
let browser;
let server;
before(async () => {
  sandbox = await startSandbox();
  browser = await launchChromium();
  server = await serveStatic({ "/browser/": join(root, "tests/browser"), "/node_modules/": join(root, "tests/node_modules") });
});
after(async () => {
  await server?.close();
  await browser?.close();
  await sandbox?.stop();
});

/** Runs tests/browser/<app> on the browser entry `entry` ("all" for the combined one). */
async function runApp(entry, app) {
  await sandbox.reset();
  const q = `entry=${entry}&app=${app}&sandbox=${encodeURIComponent(sandbox.url)}`;
  const { result, problems } = await runScenario(browser, `${server.origin}/browser/entry.html?${q}`, { timeout: 240_000 });
  assert.equal(result.ok, true, result.error);
  assert.deepEqual(withoutFailedLoads(problems), []);
  return result.result;
}

let combined;
test("the combined entry passes the codec scenario", async () => {
  combined = await runApp("all", "codec.app.mjs");
  codec.check(combined, assert);
});

for (const service of ["hopr", "knetik"]) {
  test(`tokenops/${service} decodes and encodes exactly as the combined entry`, async () => {
    const own = await runApp(service, "codec.app.mjs");
    assert.deepEqual(Object.keys(own), [service]);
    codec.check(own, assert);
    combined ??= await runApp("all", "codec.app.mjs");
    for (const [name, outcome] of Object.entries(combined[service])) assert.deepEqual(own[service][name], outcome, name);
  });

  test(`tokenops/${service} passes the fault matrix in Chromium`, async () => {
    faults.check(await runApp(service, "faults.app.mjs"), assert, [service]);
  });
}

const BIG = 9007199254740993n; // 2^53 + 1: a JS number would read 9007199254740992

/** Runs `f` with an engine that lacks source text access: no reviver context, no JSON.rawJSON. */
async function withoutSourceText(f) {
  const { parse, rawJSON } = JSON;
  JSON.parse = (text, reviver) => (reviver ? parse(text, (key, value) => reviver.call(undefined, key, value)) : parse(text));
  delete JSON.rawJSON;
  try {
    return await f();
  } finally {
    JSON.parse = parse;
    JSON.rawJSON = rawJSON;
  }
}

test("int64 beyond 2^53 is exact through the source-text reviver, in models and in unknown fields", async () => {
  await sandbox.reset();
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token", retry: false });
  await sandbox.fault({ path: "/api/v3/token", status: 200, body: `{"id":"t","capabilities":[],"big":${BIG},"deep":{"n":[-${BIG}]}}` });
  const token = await hopr.getToken();
  assert.equal(token.big, BIG);
  assert.equal(token.deep.n[0], -BIG);
  const authlete = new AuthleteTokens({ baseUrl: sandbox.url, serviceId: "715948317", accessToken: "sandbox-service-token", retry: false });
  const created = await authlete.create({ grantType: "PASSWORD", clientId: BIG, subject: "erin" });
  assert.equal(created.clientId, BIG);
  const [sent] = (await sandbox.requests()).filter((r) => r.path.endsWith("/create"));
  assert.match(sent.body, /"clientId":9007199254740993[,}]/);
  const list = await authlete.list({ clientIdentifier: "big-id" });
  assert.equal(list.client.clientId, BIG);
});

test("an engine without source text access gives a decode error naming the field, and the client keeps working", async () => {
  await sandbox.reset();
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token", retry: false });
  const authlete = new AuthleteTokens({ baseUrl: sandbox.url, serviceId: "715948317", accessToken: "sandbox-service-token", retry: false });
  const body = `{"id":"t","capabilities":[],"owner":{"quota":${BIG}}}`;
  await withoutSourceText(async () => {
    await sandbox.fault({ path: "/api/v3/token", status: 200, body });
    const unread = await hopr.getToken().catch((e) => e);
    assert.ok(unread instanceof ApiError, String(unread));
    assert.equal(unread.kind, "decode");
    assert.equal(unread.status, 200);
    assert.equal(unread.message, "HOPR tokensGetToken failed: HTTP 200 but the body holds an integer beyond 2^53 in `quota`, which this JavaScript engine cannot read exactly (JSON.parse source text access is missing)");
    const listed = await authlete.list({ clientIdentifier: "big-id" }).catch((e) => e);
    assert.equal(listed.kind, "decode");
    assert.match(listed.message, /in `clientId`, which this JavaScript engine cannot read exactly/);
    const refused = await authlete.create({ grantType: "PASSWORD", clientId: BIG, subject: "erin" }).catch((e) => e);
    assert.equal(refused.kind, "invalid_argument");
    assert.match(refused.message, /`request\.clientId`: is beyond 2\^53, which this JavaScript engine cannot send exactly \(JSON\.rawJSON is missing\)/);
    // Answers without such an integer still read on that engine.
    assert.equal((await hopr.getToken()).id, "hopr-demo-token");
  });
  // The same clients, on the full engine again.
  await sandbox.fault({ path: "/api/v3/token", status: 200, body });
  assert.equal((await hopr.getToken()).owner.quota, BIG);
  assert.equal((await authlete.list({ clientIdentifier: "big-id" })).client.clientId, BIG);
});

// (serde-wasm-bindgen reads any iterable as a map of [key, value] pairs, as it did before the
// engine's objects were handed on: an empty array, or one of one-element strings, still reads as
// a model.)
test("an array of values is not taken for a model whose fields are all optional, and a `length` field is kept", async () => {
  await sandbox.reset();
  const authlete = new AuthleteTokens({ baseUrl: sandbox.url, serviceId: "715948317", accessToken: "sandbox-service-token", retry: false });
  const path = "/api/715948317/auth/token/get/list";
  for (const body of ['[{"accessTokens":[]}]', '{"accessTokens":[[1]]}', '{"accessTokens":[{"accessTokenHash":"h"},[1,2]]}', '{"client":[[1,2]]}']) {
    await sandbox.fault({ path, status: 200, body });
    const refused = await authlete.list({ subject: "alice" }).catch((e) => e);
    assert.ok(refused instanceof ApiError, `${body}: ${refused}`);
    assert.equal(refused.kind, "decode", body);
    assert.equal(refused.status, 200, body);
  }
  await sandbox.fault({ path, status: 200, body: '{"length":1,"accessTokens":[{"accessTokenHash":"h","length":3}],"totalCount":1}' });
  const page = await authlete.list({ subject: "alice" });
  assert.deepEqual(page, { length: 1, accessTokens: [{ accessTokenHash: "h", length: 3 }], totalCount: 1 });
});
