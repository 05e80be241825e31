// Retry policy end to end, counted by the sandbox: idempotent calls retry on 503/429/network
// errors up to `retries`, stop at once when the signal aborts during a backoff, and POST calls
// (create, update, revoke, the OAuth token request) never retry unless the call opts in.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { HoprTokens, AuthleteTokens, KnetikTokens, ApiError } from "tokenops";
import { startSandbox } from "./sandbox.mjs";
import { rejection as rejectionOf } from "./assertions.mjs";

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

const fast = { retries: 2, minDelayMs: 1, maxDelayMs: 10 };
const authlete = (retry = fast) => new AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", retry });
const knetik = (retry = fast) => new KnetikTokens({ baseUrl: sandbox.url, clientId: "admin-client", clientSecret: "admin-secret", retry });

const rejection = (promise) => rejectionOf(promise, ApiError);

test("GET and DELETE stop after `retries` extra attempts", async () => {
  const calls = [
    ["GET", "/api/v3/token", () => new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token", retry: fast }).getToken()],
    ["GET", "/api/auth/token/get/list", () => authlete().list()],
    ["DELETE", "/api/auth/token/delete/x", () => authlete().delete("x")],
    ["GET", "/auth/tokens", () => knetik().getTokens()],
  ];
  for (const [method, path, call] of calls) {
    await sandbox.reset();
    await sandbox.fault({ path, status: 503, body: "", count: 10 });
    const err = await rejection(call());
    assert.equal(err.status, 503, path);
    assert.equal(await sandbox.count(method, path), 3, `${method} ${path}: 1 attempt + 2 retries`);
  }
});

test("a fetch option answering Response.error() (MSW's HttpResponse.error()) is a network error, retried like one", async () => {
  let calls = 0;
  const fetch = async () => {
    calls += 1;
    return Response.error();
  };
  const err = await rejection(new HoprTokens({ baseUrl: "https://node.example", apiToken: "t", retry: fast, fetch }).getToken());
  assert.equal(err.kind, "network");
  assert.equal(calls, 3);
});

test("an abort during the backoff stops at once", async () => {
  await sandbox.fault({ path: "/api/auth/token/get/list", status: 503, body: "", retryAfter: "5", count: 10 });
  const controller = new AbortController();
  const started = Date.now();
  const pending = authlete({ retries: 5, minDelayMs: 1000, maxDelayMs: 10_000 }).list({}, { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  const err = await rejection(pending);
  assert.equal(err.kind, "aborted");
  assert.ok(Date.now() - started < 2000, "did not wait out the backoff");
  assert.equal(await sandbox.count("GET", "/api/auth/token/get/list"), 1);
});

test("POST calls do not retry unless the call opts in", async () => {
  const a = authlete();
  const posts = [
    ["/api/auth/token/create", (o) => a.create({ grantType: "CLIENT_CREDENTIALS", clientId: 1002 }, o)],
    ["/api/auth/token/update", (o) => a.update({ accessToken: "x" }, o)],
    ["/api/auth/token/revoke", (o) => a.revoke({ subject: "nobody" }, o)],
  ];
  for (const [path, call] of posts) {
    await sandbox.reset();
    await sandbox.fault({ path, status: 503, body: "", count: 1 });
    const err = await rejection(call());
    assert.equal(err.status, 503);
    assert.equal(await sandbox.count("POST", path), 1, `${path} was not retried`);
    await sandbox.fault({ path, status: 503, body: "", count: 1 });
    await call({ retry: true }).catch((e) => assert.equal(e.status, 200, e.message)); // update answers NOT_FOUND
    assert.equal(await sandbox.count("POST", path), 3, `${path} retried once when asked`);
  }
  await sandbox.reset();
  await sandbox.fault({ path: "/oauth/token", status: 503, body: "", count: 1 });
  const err = await rejection(knetik().getTokens());
  assert.equal(err.operation, "getOAuthToken");
  assert.equal(await sandbox.count("POST", "/oauth/token"), 1);
});

test("the documented defaults: timeoutMs 30000; retry { retries: 2, minDelayMs: 100, maxDelayMs: 5000 }", async () => {
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token" });
  const clients = [
    hopr,
    new AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "sandbox-secret" }),
    new KnetikTokens({ baseUrl: sandbox.url, accessToken: "t" }),
  ];
  for (const client of clients) assert.equal(client.toJSON().timeoutMs, 30_000, String(client));

  // retries 2 and minDelayMs 100: three attempts, the backoffs (jittered between half and all of
  // 100 ms, then of 200 ms) add up to at least 150 ms.
  await sandbox.fault({ path: "/api/v3/token", status: 503, body: "", count: 10 });
  let started = Date.now();
  assert.equal((await rejection(hopr.getToken())).status, 503);
  assert.ok(Date.now() - started >= 150, `waited ${Date.now() - started} ms`);
  assert.equal(await sandbox.count("GET", "/api/v3/token"), 3);

  // maxDelayMs 5000: a Retry-After of 5 s is waited for, one of 6 s is not (the error says it).
  await sandbox.reset();
  await sandbox.fault({ path: "/api/v3/token", status: 503, body: "", retryAfter: "6", count: 10 });
  const err = await rejection(hopr.getToken());
  assert.equal(err.retryAfterMs, 6000);
  assert.equal(await sandbox.count("GET", "/api/v3/token"), 1);
  await sandbox.reset();
  await sandbox.fault({ path: "/api/v3/token", status: 503, body: "", retryAfter: "5" });
  started = Date.now();
  assert.equal((await hopr.getToken()).id, "hopr-demo-token");
  assert.ok(Date.now() - started >= 4900, `waited ${Date.now() - started} ms`);
  assert.equal(await sandbox.count("GET", "/api/v3/token"), 2);
});
