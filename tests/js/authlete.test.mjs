// Authlete token operations end to end, v2 (Basic) and v3 (Bearer), JSON and form bodies, against a
// private sandbox seeded with 1,000 extra tokens (subject `seeded`, client 1002).
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { AuthleteTokens, ApiError } from "tokenops";
import { startSandbox, captureConsole } from "./sandbox.mjs";
import { rejection as rejectionOf } from "./assertions.mjs";

let sandbox;
before(async () => {
  sandbox = await startSandbox(["--seed", "1000"]);
});
after(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

const v2 = (extra = {}) => new AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", ...extra });
const v3 = (extra = {}) => new AuthleteTokens({ baseUrl: sandbox.url, serviceId: "715948317", accessToken: "sandbox-service-token", ...extra });
const listPath = (version) => (version === "v2" ? "/api/auth/token/get/list" : "/api/715948317/auth/token/get/list");
const revokePath = (version) => (version === "v2" ? "/api/auth/token/revoke" : "/api/715948317/auth/token/revoke");

const rejection = (promise) => rejectionOf(promise, ApiError);

for (const [version, make] of [["v2", v2], ["v3", v3]]) {
  for (const contentType of ["json", "form"]) {
    const opts = contentType === "form" ? { contentType: "form" } : undefined;
    test(`${version} ${contentType}: create, list, update, revoke, delete`, async () => {
      const a = make();
      const created = await a.create({ grantType: "PASSWORD", clientId: 1001, subject: "carol", scopes: ["openid", "profile"] }, opts);
      assert.equal(created.action, "OK");
      assert.equal(typeof created.accessToken, "string");
      assert.equal(created.clientId, 1001);
      assert.deepEqual(created.scopes, ["openid", "profile"]);
      assert.equal(created.subject, "carol");

      const list = await a.list({ subject: "carol" });
      assert.equal(list.totalCount, 1);
      assert.equal(list.accessTokens.length, 1);
      assert.equal(list.accessTokens[0].subject, "carol");
      assert.equal(typeof list.accessTokens[0].accessTokenHash, "string");
      assert.ok(!JSON.stringify(list).includes(created.accessToken), "lists carry hashes only");

      const updated = await a.update({ accessToken: created.accessToken, scopes: ["openid"] }, opts);
      assert.equal(updated.action, "OK");
      assert.deepEqual(updated.scopes, ["openid"]);

      const revoked = await a.revoke({ accessTokenIdentifier: created.accessToken }, opts);
      assert.equal(revoked.count, 1);
      assert.equal((await a.list({ subject: "carol" })).totalCount, 0);

      const second = await a.create({ grantType: "CLIENT_CREDENTIALS", clientId: 1002 }, opts);
      const [token] = (await a.list({ clientIdentifier: "demo-batch", start: 1000, end: 1001 })).accessTokens;
      assert.equal(await a.delete(token.accessTokenHash), undefined);
      assert.equal(await a.delete(second.accessToken).catch((e) => e.status), 404, "already deleted by hash");
    });
  }

  test(`${version}: documented error statuses`, async () => {
    const wrong =
      version === "v2"
        ? new AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "nope" })
        : new AuthleteTokens({ baseUrl: sandbox.url, serviceId: "715948317", accessToken: "nope" });
    let err = await rejection(wrong.list());
    assert.equal(err.status, 401);
    assert.equal(err.code, "A001203");
    assert.equal(err.provider, "authlete");

    err = await rejection(make().create({ grantType: "PASSWORD", clientId: 4242, subject: "x" }));
    assert.equal(err.status, 400);
    assert.equal(err.code, "A001204");

    await sandbox.fault({ path: listPath(version), status: 500, body: '{"resultCode":"A001101","resultMessage":"[A001101] internal"}' });
    err = await rejection(make({ retry: false }).list());
    assert.equal(err.status, 500);
    assert.equal(err.code, "A001101");
  });
}

test("403 for an API key without the permission", async () => {
  const ro = new AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-readonly-key", apiSecret: "sandbox-readonly-secret" });
  assert.equal((await ro.list({ subject: "alice" })).totalCount, 3);
  const err = await rejection(ro.revoke({ subject: "alice" }));
  assert.equal(err.status, 403);
  assert.equal(err.code, "A001215");
});

test("update of an unknown token: a 200 with action NOT_FOUND rejects", async () => {
  const err = await rejection(v2().update({ accessToken: "no-such-token", scopes: [] }));
  assert.equal(err.kind, "http");
  assert.equal(err.status, 200);
  assert.equal(err.code, "A135301");
  assert.equal(err.body.action, "NOT_FOUND");
});

test("revoke and revokeAll reject a 200 whose action is not OK, though revoke's documented answer has none", async () => {
  for (const call of [(a) => a.revoke({ subject: "carol" }), (a) => a.revokeAll({ subject: "carol" })]) {
    await sandbox.fault({ path: revokePath("v2"), status: 200, body: JSON.stringify({ resultCode: "A999001", resultMessage: "not allowed", action: "FORBIDDEN", count: 0 }) });
    const err = await rejection(call(v2()));
    assert.equal(err.kind, "http");
    assert.equal(err.status, 200);
    assert.equal(err.code, "A999001");
    assert.equal(err.body.action, "FORBIDDEN");
  }
});

test("v3: the request fields only API v3 documents are sent; a negative expiry leaves the token's", async () => {
  const a = v3();
  const created = await a.create({ grantType: "PASSWORD", clientId: 1001, subject: "carol", sessionId: "session-1" });
  assert.equal(created.action, "OK");
  assert.equal(JSON.parse((await sandbox.requests()).at(-1).body).sessionId, "session-1");
  const expiresAt = Date.now() + 3_600_000;
  const updated = await a.update({ accessToken: created.accessToken, accessTokenExpiresAt: -1, refreshTokenExpiresAt: expiresAt, refreshTokenExpiresAtUpdatedOnScopeUpdate: false, tokenId: "t-1" });
  assert.equal(updated.action, "OK");
  assert.equal(updated.accessTokenExpiresAt, created.expiresAt);
  const sent = JSON.parse((await sandbox.requests()).at(-1).body);
  assert.equal(sent.accessTokenExpiresAt, -1);
  assert.equal(sent.refreshTokenExpiresAt, expiresAt);
  assert.equal(sent.tokenId, "t-1");
});

test("v3: create names its client by clientIdentifier alone, update its token by accessTokenHash alone; v2 requires both values", async () => {
  const created = await v3().create({ grantType: "CLIENT_CREDENTIALS", clientIdentifier: "demo-web" });
  assert.equal(created.action, "OK");
  assert.equal(typeof created.clientId, "number");
  const [listed] = (await v3().list({ clientIdentifier: "demo-web" })).accessTokens;
  const updated = await v3().update({ accessTokenHash: listed.accessTokenHash, scopes: ["email"] }, { contentType: "form" });
  assert.deepEqual(updated.scopes, ["email"]);
  assert.match((await rejection(v2().create({ grantType: "CLIENT_CREDENTIALS", clientIdentifier: "demo-web" }))).message, /`request\.clientId`: is required/);
  assert.match((await rejection(v2().update({ accessTokenHash: listed.accessTokenHash }))).message, /`request\.accessToken`: is required/);
});

test("form bodies refuse fields that cannot travel as a form", async () => {
  const err = await rejection(
    v2().create({ grantType: "PASSWORD", clientId: 1001, subject: "x", properties: [{ key: "k", value: "v" }] }, { contentType: "form" }),
  );
  assert.equal(err.kind, "invalid_argument");
  assert.match(err.message, /properties/);
  assert.equal(await sandbox.count("POST", "/api/auth/token/create"), 0);
});

test("listAll yields 1,000 seeded tokens once each, in order, with 10 requests of 100", async () => {
  const a = v2();
  const seen = [];
  for await (const t of a.listAll({ clientIdentifier: "1002", subject: "seeded", pageSize: 100 })) seen.push(t.accessTokenHash);
  assert.equal(seen.length, 1000);
  assert.equal(new Set(seen).size, 1000);
  const direct = await a.list({ clientIdentifier: "1002", subject: "seeded", start: 0, end: 1000 });
  assert.deepEqual(seen, direct.accessTokens.map((t) => t.accessTokenHash));
  assert.equal(await sandbox.count("GET", "/api/auth/token/get/list"), 11); // 10 pages + the direct check
});

test("breaking out of listAll stops fetching", async () => {
  let n = 0;
  for await (const _ of v3().listAll({ subject: "seeded", pageSize: 5 })) {
    if (++n === 10) break;
  }
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(await sandbox.count("GET", listPath("v3")), 2);
});

test("revokeAll revokes 45 tokens of one subject in 3 calls", async () => {
  const a = v2();
  for (let i = 0; i < 45; i++) await a.create({ grantType: "PASSWORD", clientId: 1001, subject: "dave" });
  const result = await a.revokeAll({ subject: "dave" });
  assert.deepEqual(result, { count: 45 });
  assert.equal(await sandbox.count("POST", revokePath("v2")), 3);
  assert.equal((await a.list({ subject: "dave" })).totalCount, 0);
});

/** Whether this engine has JSON.parse source text access (Node >= 21; not Node 20). */
const sourceTextAccess = (() => {
  let source;
  JSON.parse("1", (_key, value, context) => ((source = context?.source), value));
  return source === "1";
})();

test("a clientId above 2^53 keeps its precision both ways (BigInt)", { skip: !sourceTextAccess && "this engine lacks JSON.parse source text access (see the next test)" }, async () => {
  const big = 9007199254740993n;
  const a = v3();
  const created = await a.create({ grantType: "PASSWORD", clientId: big, subject: "erin" });
  assert.equal(created.clientId, big);
  const list = await a.list({ clientIdentifier: "big-id" });
  assert.equal(list.accessTokens[0].clientId, big);
  assert.equal(list.client.clientId, big);
  assert.equal(typeof list.accessTokens[0].createdAt, "number");
  const [sent] = (await sandbox.requests()).filter((r) => r.path.endsWith("/create"));
  assert.match(sent.body, /"clientId":9007199254740993[,}]/);
});

test("on an engine without source text access (Node 20), a clientId above 2^53 is refused, never rounded", { skip: sourceTextAccess && "this engine reads and writes it exactly (see the test before)" }, async () => {
  const a = v3();
  const refused = await rejection(a.create({ grantType: "PASSWORD", clientId: 9007199254740993n, subject: "erin" }));
  assert.equal(refused.kind, "invalid_argument");
  assert.match(refused.message, /`request\.clientId`: is beyond 2\^53, which this JavaScript engine cannot send exactly/);
  assert.equal(await sandbox.count("POST", "/api/715948317/auth/token/create"), 0);
  const unread = await rejection(a.list({ clientIdentifier: "big-id" }));
  assert.equal(unread.kind, "decode");
  assert.equal(unread.status, 200);
  assert.match(unread.message, /an integer beyond 2\^53 in `clientId`, which this JavaScript engine cannot read exactly/);
  assert.equal((await a.list({ subject: "alice" })).subject, "alice", "the client keeps working");
});

test("JSON.stringify(err) writes a body's int64 beyond 2^53 (a BigInt) instead of throwing", { skip: !sourceTextAccess && "this engine makes no BigInt of an answer (see the tests below)" }, async () => {
  const answer = '{"resultCode":"A001201","resultMessage":"no","action":"BAD_REQUEST","clientId":9007199254740993}';
  const fetch = async () => new Response(answer, { status: 400, headers: { "content-type": "application/json" } });
  const err = await rejection(v3({ fetch, retry: false }).list({ subject: "x" }));
  assert.equal(typeof err.body.clientId, "bigint");
  const written = JSON.parse(JSON.stringify(err), (_, v, ctx) => (ctx?.source && /^\d{16,}$/.test(ctx.source) ? ctx.source : v));
  assert.equal(written.body.clientId, "9007199254740993");
});

test("constructor forms are checked", () => {
  for (const options of [
    { baseUrl: sandbox.url, apiKey: "k" },
    { baseUrl: sandbox.url, serviceId: "715948317" },
    { baseUrl: sandbox.url, apiKey: "k", apiSecret: "s", accessToken: "t" },
    { baseUrl: sandbox.url, serviceId: "", accessToken: "t" },
  ]) {
    assert.throws(() => new AuthleteTokens(options), (e) => e instanceof ApiError && e.kind === "invalid_argument");
  }
});

test("API key, secret and access token never show", async () => {
  const secrets = { key: "ak-SECRET-7731", secret: "as-SECRET-9912", token: "at-SECRET-5520" };
  const errors = [];
  const lines = await captureConsole(async () => {
    const a2 = new AuthleteTokens({ baseUrl: sandbox.url, apiKey: secrets.key, apiSecret: secrets.secret, retry: false });
    const a3 = new AuthleteTokens({ baseUrl: sandbox.url, serviceId: "715948317", accessToken: secrets.token, retry: false });
    for (const c of [a2, a3]) {
      errors.push(await rejection(c.list()));
      errors.push(await rejection(c.revoke({ subject: "alice" })));
      for (const text of [String(c), JSON.stringify(c), inspect(c)]) {
        for (const s of Object.values(secrets)) assert.ok(!text.includes(s), text);
      }
    }
    await sandbox.fault({ path: "/api/auth/token/get/list", status: 502, body: `bad key ${secrets.key}:${secrets.secret}` });
    errors.push(await rejection(a2.list()));
  });
  for (const err of errors) {
    for (const text of [String(err), JSON.stringify(err), inspect(err)]) {
      for (const s of Object.values(secrets)) assert.ok(!text.includes(s), text);
    }
  }
  assert.deepEqual(lines, []);
});
