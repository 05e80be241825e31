// Knetik auth tokens and OAuth2 end to end: three credential forms, token caching and refresh,
// one shared token request under concurrency, 401 recovery, paging over 1,000 seeded tokens.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { KnetikTokens, ApiError } from "tokenops";
import { startSandbox, captureConsole } from "./sandbox.mjs";
import { rejection as rejectionOf } from "./assertions.mjs";

let sandbox;
before(async () => {
  sandbox = await startSandbox(["--seed", "1000"]);
});
after(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

const admin = (extra = {}) => new KnetikTokens({ ...sandbox.client, clientId: "admin-client", clientSecret: "admin-secret", ...extra });
const root = () => new KnetikTokens({ ...sandbox.client, clientId: "web", username: "root", password: "root-pass" });

const rejection = (promise) => rejectionOf(promise, ApiError);

async function rawToken(url = sandbox.url) {
  const res = await sandbox.fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=admin-client&client_secret=admin-secret",
  });
  return (await res.json()).access_token;
}

const forms = {
  accessToken: async () => new KnetikTokens({ ...sandbox.client, accessToken: await rawToken() }),
  clientCredentials: async () => admin(),
  password: async () => root(),
};

for (const [name, make] of Object.entries(forms)) {
  test(`${name}: getTokens, getToken, deleteTokens`, async () => {
    const k = await make();
    const page = await k.getTokens({ filterUsername: "alice" });
    assert.equal(page.total_elements, 1);
    assert.deepEqual(page.content, [{ client_id: "web", username: "alice" }]);
    assert.equal(page.first, true);
    assert.equal(page.last, true);

    const one = await k.getToken("alice", "web");
    assert.equal(one.username, "alice");
    assert.equal(typeof one.token, "string");

    assert.equal(await k.deleteTokens({ username: "jdoe" }), undefined);
    const err = await rejection(k.getToken("jdoe", "web-app"));
    assert.equal(err.status, 404);
    assert.equal(err.provider, "knetik");
  });
}

test("paging, order and filters", async () => {
  const k = admin();
  const p1 = await k.getTokens({ filterClientId: "web-app", size: 1, page: 1, order: "username:ASC" });
  assert.deepEqual(p1.content.map((t) => t.username), ["asmith"]);
  assert.equal(p1.total_pages, 2);
  const p2 = await k.getTokens({ filterClientId: "web-app", size: 1, page: 2, order: "username:ASC" });
  assert.deepEqual(p2.content.map((t) => t.username), ["jdoe"]);
  assert.equal(p2.last, true);
  for (const order of ["username:SIDEWAYS", "username;ASC", ":ASC"]) {
    const err = await rejection(k.getTokens({ order }));
    assert.equal(err.kind, "invalid_argument");
  }
});

test("deleteTokens without a filter is refused before any request", async () => {
  const k = admin();
  for (const filter of [{}, undefined, { username: "" }]) {
    const err = await rejection(k.deleteTokens(filter));
    assert.equal(err.kind, "invalid_argument");
  }
  assert.equal(await sandbox.count("DELETE", "/auth/tokens"), 0);
});

test("a user without TOKENS_ADMIN gets 403, bad credentials an OAuth error", async () => {
  const alice = new KnetikTokens({ ...sandbox.client, clientId: "web", username: "alice", password: "alice-pass" });
  let err = await rejection(alice.getTokens());
  assert.equal(err.status, 403);
  err = await rejection(admin({ clientSecret: "wrong" }).getTokens());
  assert.equal(err.status, 401);
  assert.equal(err.code, "invalid_client");
  assert.equal(err.operation, "getOAuthToken");
  err = await rejection(new KnetikTokens({ ...sandbox.client, clientId: "web", username: "root", password: "wrong" }).getTokens());
  assert.equal(err.status, 400);
  assert.equal(err.code, "invalid_grant");
});

test("an error of listAll's iterator names the caller in its stack", async () => {
  const alice = new KnetikTokens({ ...sandbox.client, clientId: "web", username: "alice", password: "alice-pass" });
  const err = await rejection((async function iteratingCaller() {
    for await (const token of alice.listAll()) void token;
  })());
  assert.equal(err.status, 403);
  assert.match(err.stack, /at async iteratingCaller/);
});

test("100 concurrent calls on a fresh client make one token request", async () => {
  const k = admin();
  const pages = await Promise.all(Array.from({ length: 100 }, () => k.getTokens({ size: 1 })));
  assert.equal(pages.length, 100);
  assert.equal(await sandbox.count("POST", "/oauth/token"), 1);
});

test("a revoked token is replaced after one 401; a second 401 surfaces", async () => {
  const k = admin();
  await k.getTokens({ size: 1 });
  await root().deleteTokens({ clientId: "admin-client" }); // revokes k's token
  assert.equal((await k.getTokens({ size: 1 })).size, 1);
  assert.equal(await sandbox.count("POST", "/oauth/token"), 3); // k, root, k again

  await sandbox.fault({ path: "/auth/tokens", count: 2, status: 401, body: '{"error":"invalid_token","error_description":"expired"}' });
  const err = await rejection(k.getTokens({ size: 1 }));
  assert.equal(err.status, 401);
  assert.equal(await sandbox.count("POST", "/oauth/token"), 4);
  assert.equal((await k.getTokens({ size: 1 })).size, 1);
});

test("with a 2-second token TTL the client keeps working for 5 seconds", async () => {
  const short = await startSandbox(["--knetik-token-ttl", "2"]);
  try {
    let total = 0;
    for (const k of [
      new KnetikTokens({ ...short.client, clientId: "admin-client", clientSecret: "admin-secret" }),
      new KnetikTokens({ ...short.client, clientId: "web", username: "root", password: "root-pass" }),
    ]) {
      const started = Date.now();
      let calls = 0;
      // Every call succeeds (a failure would throw) while tokens expire every 2 s.
      while (Date.now() - started < 5000) {
        await k.getTokens({ size: 1 });
        calls++;
        await new Promise((r) => setTimeout(r, 200));
      }
      total += calls;
    }
    const stats = await short.control("GET", "/_sandbox/stats");
    assert.ok(stats.requests["POST /oauth/token"] >= 4, "tokens were refreshed");
    // Refreshed before expiry: no call met a 401 and had to be repeated.
    assert.equal(stats.requests["GET /auth/tokens"], total);
  } finally {
    await short.stop();
  }
});

test("listAll over 1,000 seeded tokens with pageSize 100 makes 10 requests", async () => {
  const k = admin();
  const seen = [];
  for await (const t of k.listAll({ filterClientId: "seed-client", pageSize: 100 })) seen.push(t.username);
  assert.equal(seen.length, 1000);
  assert.equal(new Set(seen).size, 1000);
  assert.equal(await sandbox.count("GET", "/auth/tokens"), 10);
  let n = 0;
  for await (const _ of k.listAll({ filterClientId: "seed-client", pageSize: 10 })) if (++n === 15) break;
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(await sandbox.count("GET", "/auth/tokens"), 12);
});

test("secrets never show", async () => {
  const secrets = { secret: "cs-SECRET-4410", password: "pw-SECRET-8812" };
  const errors = [];
  const lines = await captureConsole(async () => {
    const c1 = new KnetikTokens({ ...sandbox.client, clientId: "admin-client", clientSecret: secrets.secret });
    const c2 = new KnetikTokens({ ...sandbox.client, clientId: "web", username: "root", password: secrets.password });
    for (const c of [c1, c2]) {
      errors.push(await rejection(c.getTokens()));
      for (const text of [String(c), JSON.stringify(c), inspect(c)]) {
        for (const s of Object.values(secrets)) assert.ok(!text.includes(s), text);
      }
    }
    await sandbox.fault({ path: "/oauth/token", status: 400, body: `{"error":"invalid_request","error_description":"echo ${secrets.password}"}` });
    errors.push(await rejection(c2.getTokens()));
  });
  for (const err of errors) {
    for (const text of [String(err), JSON.stringify(err), inspect(err)]) {
      for (const s of Object.values(secrets)) assert.ok(!text.includes(s), text);
    }
  }
  assert.deepEqual(lines, []);
});
