// HOPR tokens end to end: the built package (ESM entry) against a private sandbox.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { HoprTokens, ApiError } from "tokenops";
import { startSandbox, captureConsole } from "./sandbox.mjs";
import { rejection as rejectionOf } from "./assertions.mjs";

const ADMIN = "hopr-admin-token";
const DEMO = "hopr-demo-token";
const READONLY = "hopr-readonly-token";
const LIMITED = "hopr-limited-token";

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

const client = (apiToken, extra = {}) => new HoprTokens({ ...sandbox.client, apiToken, ...extra });

const rejection = (promise) => rejectionOf(promise, ApiError);

for (const authScheme of ["header", "basic"]) {
  test(`${authScheme}: createToken returns a working token with the requested capabilities`, async () => {
    const hopr = client(DEMO, { authScheme });
    const before = Math.floor(Date.now() / 1000);
    const { token } = await hopr.createToken({
      capabilities: [{ endpoint: "tokensGetToken" }],
      lifetime: 600,
      description: "from the test",
    });
    assert.equal(typeof token, "string");
    const mine = await client(token, { authScheme }).getToken();
    assert.equal(mine.description, "from the test");
    assert.deepEqual(mine.capabilities.map((c) => c.endpoint), ["tokensGetToken"]);
    assert.ok(mine.valid_until >= before + 600 && mine.valid_until <= before + 602, `valid_until ${mine.valid_until}`);
  });

  test(`${authScheme}: getToken returns the caller's token, without valid_until when unlimited`, async () => {
    const mine = await client(DEMO, { authScheme }).getToken();
    assert.equal(mine.id, "hopr-demo-token");
    assert.equal(mine.valid_until, undefined);
    assert.deepEqual(mine.capabilities.map((c) => c.endpoint).sort(), ["tokensCreate", "tokensDelete", "tokensGetToken"]);
  });

  test(`${authScheme}: deleteToken removes a token, which then gets 401`, async () => {
    const { token } = await client(ADMIN, { authScheme }).createToken({ capabilities: [{ endpoint: "tokensGetToken" }] });
    const created = client(token, { authScheme });
    const { id } = await created.getToken();
    assert.equal(await client(DEMO, { authScheme }).deleteToken(id), undefined);
    const err = await rejection(created.getToken());
    assert.equal(err.status, 401);
  });

  test(`${authScheme}: 401 for an unknown token on every operation`, async () => {
    const bad = client("not-a-token", { authScheme });
    for (const call of [() => bad.getToken(), () => bad.deleteToken("demo"), () => bad.createToken({ capabilities: [{ endpoint: "nodePing" }] })]) {
      const err = await rejection(call());
      assert.equal(err.kind, "http");
      assert.equal(err.status, 401);
      assert.equal(err.code, "UNAUTHORIZED");
      assert.equal(err.provider, "hopr");
    }
  });

  test(`${authScheme}: 403 when the token lacks the capability`, async () => {
    const ro = client(READONLY, { authScheme });
    let err = await rejection(ro.deleteToken("demo"));
    assert.equal(err.status, 403);
    assert.equal(err.operation, "tokensDelete");
    err = await rejection(ro.createToken({ capabilities: [{ endpoint: "tokensGetToken" }] }));
    assert.equal(err.status, 403);
    assert.equal(err.code, "UNAUTHORIZED");
    const { token } = await client(ADMIN, { authScheme }).createToken({ capabilities: [{ endpoint: "nodePing" }] });
    err = await rejection(client(token, { authScheme }).getToken());
    assert.equal(err.status, 403);
    assert.equal(err.operation, "tokensGetToken");
  });

  test(`${authScheme}: 404 with an empty body`, async () => {
    let err = await rejection(client(DEMO, { authScheme }).deleteToken("no-such-id"));
    assert.equal(err.status, 404);
    assert.equal(err.body, null);
    assert.equal(err.code, null);
    // The superuser token is not stored, so it has no token record to read.
    err = await rejection(client(ADMIN, { authScheme }).getToken());
    assert.equal(err.status, 404);
    assert.equal(err.message, "HOPR tokensGetToken failed: HTTP 404 Not Found");
  });
}

test("a caller cannot create a token with rights it does not have", async () => {
  const err = await rejection(client(DEMO).createToken({ capabilities: [{ endpoint: "accountWithdraw" }] }));
  assert.equal(err.status, 403);
});

test("400 and 422 bodies of tokensCreate become ApiError codes", async () => {
  const hopr = client(DEMO);
  await sandbox.fault({ path: "/api/v3/tokens/", status: 400, body: '{"status":"INVALID_INPUT"}' });
  let err = await rejection(hopr.createToken({ capabilities: [{ endpoint: "nodePing" }] }));
  assert.equal(err.status, 400);
  assert.equal(err.code, "INVALID_INPUT");
  await sandbox.fault({ path: "/api/v3/tokens/", status: 422, body: '{"status":"UNKNOWN_FAILURE","error":"Full error message."}' });
  err = await rejection(hopr.createToken({ capabilities: [{ endpoint: "nodePing" }] }));
  assert.equal(err.status, 422);
  assert.equal(err.code, "UNKNOWN_FAILURE");
  assert.match(err.message, /Full error message\.$/);
});

test("call limits are counted in `used` and enforced with 403", async () => {
  const limited = client(LIMITED);
  for (let i = 1; i <= 3; i++) {
    const t = await limited.getToken();
    assert.equal(t.capabilities[0].limits[0].conditions.max, 3);
    assert.equal(t.capabilities[0].limits[0].used, i);
  }
  const err = await rejection(limited.getToken());
  assert.equal(err.status, 403);
});

test("invalid arguments are refused before any request", async () => {
  const hopr = client(DEMO);
  const cases = [
    [() => hopr.createToken({ capabilities: [] }), "request.capabilities"],
    [() => hopr.createToken({ capabilities: [{ endpoint: "nope" }] }), "request.capabilities[0].endpoint"],
    [() => hopr.createToken({ capabilities: [{ endpoint: "nodePing" }], lifetime: 0 }), "request.lifetime"],
    [() => hopr.createToken({ capabilities: [{ endpoint: "nodePing" }], lifetime: NaN }), "request.lifetime"],
    [() => hopr.createToken(null), "request"],
    [() => hopr.deleteToken(""), "id"],
    [() => hopr.deleteToken(".."), "id"],
    [() => hopr.deleteToken(42), "id"],
    [() => hopr.getToken({ timeoutMs: -1 }), "options.timeoutMs"],
    [() => hopr.getToken({ signal: "stop" }), "options.signal"],
  ];
  for (const [call, field] of cases) {
    const err = await rejection(call());
    assert.equal(err.kind, "invalid_argument");
    assert.ok(err.message.includes(`\`${field}\``), err.message);
  }
  assert.equal((await sandbox.control("GET", "/_sandbox/stats")).total, 0);
});

test("path segments are percent-encoded as one segment", async () => {
  const hopr = client(DEMO);
  await rejection(hopr.deleteToken("a/b?c#d é"));
  const [req] = (await sandbox.requests()).filter((r) => r.method === "DELETE");
  assert.equal(req.path, "/api/v3/tokens/a%2Fb%3Fc%23d%20%C3%A9");
});

test("an ApiError's stack names the caller's functions, not only the glue", async () => {
  const hopr = client("no-such-token", { retry: false });
  async function callerNamedInTheStack() {
    return await hopr.getToken();
  }
  const err = await rejection(callerNamedInTheStack());
  assert.equal(err.status, 401);
  assert.match(err.stack, /^ApiError: HOPR tokensGetToken failed/);
  assert.match(err.stack, /at async callerNamedInTheStack \(.*hopr\.test\.mjs:\d+:\d+\)/);
});

test("constructor options are checked", () => {
  const bad = [
    [{ baseUrl: "http://example.com", apiToken: "x" }, "insecure_url"],
    [{ baseUrl: "example.com", apiToken: "x" }, "invalid_argument"],
    [{ baseUrl: sandbox.url }, "invalid_argument"],
    [{ baseUrl: sandbox.url, apiToken: "x", authScheme: "digest" }, "invalid_argument"],
    [{ baseUrl: sandbox.url, apiToken: "x", apiTokn: "typo" }, "invalid_argument"],
    [undefined, "invalid_argument"],
  ];
  for (const [options, kind] of bad) {
    assert.throws(() => new HoprTokens(options), (err) => err instanceof ApiError && err.kind === kind);
  }
  assert.doesNotThrow(() => new HoprTokens({ baseUrl: "http://example.com", apiToken: "x", allowInsecureHttp: true }));
});

test("500 concurrent getToken calls on one instance all succeed", async () => {
  const hopr = client(DEMO);
  const results = await Promise.all(Array.from({ length: 500 }, () => hopr.getToken()));
  assert.equal(results.length, 500);
  assert.ok(results.every((t) => t.id === "hopr-demo-token"));
  assert.equal(await sandbox.count("GET", "/api/v3/token"), 500);
});

test("after each kind of failure the same instance keeps working", async () => {
  const hopr = client(DEMO, { retry: false });
  const cases = [
    [{ status: 401, body: '{"status":"UNAUTHORIZED","error":"authentication failed"}' }, {}, { kind: "http", status: 401 }],
    [{ status: 403, body: '{"status":"UNAUTHORIZED","error":"authorization failed"}' }, {}, { kind: "http", status: 403 }],
    [{ delayMs: 3000 }, { timeoutMs: 200 }, { kind: "timeout", status: null }],
    // A server that drops every attempt: browsers and Deno silently repeat a GET once when a
    // reused connection closes unanswered, Bun once per idle pooled connection (the 500 calls
    // above leave many), Node never; the reset below clears what is left.
    [{ drop: true, count: 1000 }, {}, { kind: "network", status: null }],
    [{ truncate: true, status: 200, body: '{"id":"demo","capabilities":[]}' }, {}, { kind: "network", status: null }],
    [{ status: 502, body: "<html><body>Bad gateway</body></html>", contentType: "text/html" }, {}, { kind: "http", status: 502 }],
  ];
  for (const [fault, options, expected] of cases) {
    await sandbox.fault({ path: "/api/v3/token", ...fault });
    const err = await rejection(hopr.getToken(options));
    assert.equal(err.kind, expected.kind, `${JSON.stringify(fault)}: ${err.message}`);
    assert.equal(err.status, expected.status);
    await sandbox.reset();
    const ok = await hopr.getToken();
    assert.equal(ok.id, "hopr-demo-token");
  }
  // Abort while the server is still thinking.
  await sandbox.fault({ path: "/api/v3/token", delayMs: 3000 });
  const controller = new AbortController();
  const pending = hopr.getToken({ signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const err = await rejection(pending);
  assert.equal(err.kind, "aborted");
  assert.equal((await hopr.getToken()).id, "hopr-demo-token");
});

test("a 502 page is reported with its text, not parsed", async () => {
  await sandbox.fault({ path: "/api/v3/token", count: 5, status: 502, body: "<html>Bad gateway</html>", contentType: "text/html" });
  const err = await rejection(client(DEMO, { retry: false }).getToken());
  assert.equal(err.message, "HOPR tokensGetToken failed: HTTP 502 Bad Gateway: the body is not JSON");
  assert.equal(err.body, "<html>Bad gateway</html>");
});

test("an answer that departs from the schema is a decode error naming the field, never its value", async () => {
  await sandbox.fault({ path: "/api/v3/token", status: 200, body: '{"id":"x","capabilities":[{"endpoint":"tokensGetToken","limits":[{"type":"calls","conditions":{"max":"a-secret-value"}}]}]}' });
  const err = await rejection(client(DEMO).getToken());
  assert.equal(err.kind, "decode");
  assert.match(err.message, /: `capabilities\.limits\.conditions\.max`: must be /);
  assert.ok(!err.message.includes("a-secret-value"), err.message);
});

test("GET and DELETE retry on 503 and network errors; POST does not unless asked", async () => {
  const hopr = client(DEMO, { retry: { retries: 3, minDelayMs: 1, maxDelayMs: 20 } });
  await sandbox.fault({ path: "/api/v3/token", count: 2, status: 503, body: "" });
  assert.equal((await hopr.getToken()).id, "hopr-demo-token");
  assert.equal(await sandbox.count("GET", "/api/v3/token"), 3);

  await sandbox.fault({ path: "/api/v3/tokens/x", count: 1, drop: true });
  await rejection(hopr.deleteToken("x")); // retried after the drop, then 404
  assert.equal(await sandbox.count("DELETE", "/api/v3/tokens/x"), 2);

  await sandbox.fault({ path: "/api/v3/tokens/", count: 1, status: 503, body: "" });
  const err = await rejection(hopr.createToken({ capabilities: [{ endpoint: "nodePing" }] }));
  assert.equal(err.status, 503);
  assert.equal(await sandbox.count("POST", "/api/v3/tokens/"), 1);

  await sandbox.reset();
  await sandbox.fault({ path: "/api/v3/tokens/", count: 1, status: 503, body: "" });
  await hopr.createToken({ capabilities: [{ endpoint: "tokensGetToken" }] }, { retry: true });
  assert.equal(await sandbox.count("POST", "/api/v3/tokens/"), 2);
});

test("Retry-After is honoured and reported", async () => {
  const hopr = client(DEMO, { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2000 } });
  await sandbox.fault({ path: "/api/v3/token", count: 1, status: 429, body: "", retryAfter: "1" });
  const started = Date.now();
  assert.equal((await hopr.getToken()).id, "hopr-demo-token");
  assert.ok(Date.now() - started >= 950, "waited for Retry-After");
  // Longer than maxDelayMs: not waited for, surfaced with retryAfterMs.
  await sandbox.fault({ path: "/api/v3/token", count: 1, status: 429, body: "", retryAfter: "30" });
  const err = await rejection(hopr.getToken());
  assert.equal(err.status, 429);
  assert.equal(err.retryAfterMs, 30_000);
});

test("the API token never shows in errors, the client, or the console", async () => {
  const secret = "hopr-SECRET-zz81";
  const errors = [];
  const lines = await captureConsole(async () => {
    const hopr = new HoprTokens({ ...sandbox.client, apiToken: secret, authScheme: "basic", retry: false, timeoutMs: 200 });
    for (const fault of [null, { drop: true }, { delayMs: 1000 }, { status: 502, body: `token ${secret} rejected` }]) {
      if (fault) await sandbox.fault({ path: "/api/v3/token", ...fault });
      errors.push(await rejection(hopr.getToken()));
    }
    errors.push(await rejection(hopr.deleteToken("x")));
    errors.push(await rejection(hopr.createToken({ capabilities: [{ endpoint: "nodePing" }] })));
    const texts = [String(hopr), JSON.stringify(hopr), inspect(hopr)];
    for (const t of texts) assert.ok(!t.includes(secret), t);
  });
  try {
    new HoprTokens({ baseUrl: "http://example.com", apiToken: secret });
  } catch (e) {
    errors.push(e);
  }
  assert.equal(errors.length, 7);
  for (const err of errors) {
    for (const text of [String(err), err.message, JSON.stringify(err), inspect(err), err.stack]) {
      assert.ok(!text.includes(secret), text);
    }
  }
  assert.ok(errors.some((e) => JSON.stringify(e).includes("<redacted>")), "the echoed token was redacted");
  assert.deepEqual(lines, []);
});

test("a redirect is reported, never followed (credentials stay with the origin)", async () => {
  for (const status of [301, 302, 307, 308]) {
    await sandbox.fault({ path: "/api/v3/token", status, body: "" });
    const err = await rejection(client(DEMO, { retry: false }).getToken());
    assert.equal(err.kind, "http");
    assert.equal(err.status, status);
    assert.match(err.message, /redirect .* not followed/);
  }
  assert.equal(await sandbox.count("GET", "/api/v3/token"), 4);
});
