// The bad-input matrix: every method gets hostile arguments. Each is either sent correctly
// encoded (checked on what the sandbox received) or refused with invalid_argument naming the
// field, before any request.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import * as tokenops from "tokenops";
import { startSandbox } from "./sandbox.mjs";

const { HoprTokens, ApiError } = tokenops;
let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

const long = "a".repeat(10 * 1024);
/** Strings that must travel as one path segment, with their encoding. */
const segmentValues = [
  [" ", "%20"],
  ["/", "%2F"],
  ["%2F", "%252F"],
  ["?", "%3F"],
  ["#", "%23"],
  ["a/../b", "a%2F..%2Fb"],
  ["é😀", "%C3%A9%F0%9F%98%80"],
  [long, long],
];
/** Values that are not a usable string at all. */
const notStrings = [[""], ["."], [".."], [42], [null], [undefined], [{}], [NaN], [true], ["tok\ud800"], ["\udc00"]];
/** Call options that must be refused, with the field named. */
const badOptions = [
  [{ timeoutMs: NaN }, "options.timeoutMs"],
  [{ timeoutMs: -1 }, "options.timeoutMs"],
  [{ timeoutMs: 1.5 }, "options.timeoutMs"],
  [{ timeoutMs: "5" }, "options.timeoutMs"],
  [{ retry: "yes" }, "options.retry"],
  [{ retry: { retries: -1 } }, "options.retry.retries"],
  [{ signal: {} }, "options.signal"],
  [{ timeout: 5 }, "options.timeout"],
  [JSON.parse('{"__proto__": {"timeoutMs": 1}}'), "options.__proto__"],
  ["fast", "options"],
];

async function refused(promise, field) {
  const err = await promise.then(
    () => assert.fail(`accepted; expected invalid_argument for ${field}`),
    (e) => e,
  );
  assert.ok(err instanceof ApiError, String(err));
  assert.equal(err.kind, "invalid_argument", err.message);
  assert.ok(err.message.includes(`\`${field}`), `${err.message} should name ${field}`);
}

async function requestCount() {
  return (await sandbox.control("GET", "/_sandbox/stats")).total;
}

test("HOPR deleteToken: ids are sent as one encoded segment or refused", async () => {
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token" });
  for (const [value, encoded] of segmentValues) {
    await hopr.deleteToken(value).catch((e) => assert.equal(e.status, 404, e.message));
    const log = await sandbox.requests();
    assert.equal(log.at(-1).path, `/api/v3/tokens/${encoded}`);
  }
  const before = await requestCount();
  for (const [value] of notStrings) await refused(hopr.deleteToken(value), "id");
  assert.equal(await requestCount(), before);
});

test("HOPR createToken: hostile bodies are sent as JSON or refused", async () => {
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-admin-token" });
  const cap = [{ endpoint: "tokensGetToken" }];
  for (const description of [" ", "/../?#", "é😀\u0000", long, "%2F"]) {
    await hopr.createToken({ capabilities: cap, description });
    const body = JSON.parse((await sandbox.requests()).at(-1).body);
    assert.equal(body.description, description);
  }
  const before = await requestCount();
  const bad = [
    [{ capabilities: cap, lifetime: NaN }, "request"],
    [{ capabilities: cap, lifetime: -1 }, "request"],
    [{ capabilities: cap, lifetime: 1.5 }, "request"],
    [{ capabilities: cap, lifetime: "60" }, "request"],
    [{ capabilities: cap, lifetime: 0 }, "request.lifetime"],
    [{ capabilities: cap, description: 5 }, "request"],
    // A lone surrogate: Rust would read U+FFFD, another description.
    [{ capabilities: cap, description: "half \ud83d" }, "request.description"],
    [{ capabilities: null }, "request"],
    [{ capabilities: "tokensGetToken" }, "request"],
    [{ capabilities: [{ endpoint: "../tokensGetToken" }] }, "request.capabilities[0].endpoint"],
    [{ capabilities: cap, extra: true }, "request"],
    [JSON.parse('{"capabilities": [{"endpoint": "tokensGetToken"}], "__proto__": {"admin": true}}'), "request"],
    [{ capabilities: cap, lifetime: 10n ** 30n }, "request"],
    [null, "request"],
    [undefined, "request"],
    ["{}", "request"],
    [[cap], "request"],
  ];
  for (const [request, field] of bad) await refused(hopr.createToken(request), field);
  assert.equal(await requestCount(), before);
  assert.equal(Object.prototype.admin, undefined, "no prototype pollution");
});

test("arguments whose reading throws (a getter, a proxy) or that nest without end are refused, and the client keeps working", async () => {
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token" });
  const cap = { endpoint: "nodePing" };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const bad = [
    [{ get capabilities() { throw new Error("SECRET-1"); } }, "request"],
    [new Proxy({}, { ownKeys() { throw new Error("SECRET-2"); } }), "request"],
    [{ capabilities: new Proxy([cap], { get(t, k) { if (k === "0") throw new Error("SECRET-3"); return Reflect.get(t, k); } }) }, "request.capabilities"],
    [{ capabilities: [revoked.proxy] }, "request.capabilities[0]"],
    [{ capabilities: [{ endpoint: "nodePing", get limits() { throw new Error("SECRET-4"); } }] }, "request.capabilities[0]"],
  ];
  for (const [request, field] of bad) {
    const err = await hopr.createToken(request, { dryRun: true }).then(() => assert.fail("accepted"), (e) => e);
    assert.ok(err instanceof ApiError && err.kind === "invalid_argument", String(err));
    assert.ok(err.message.includes(`\`${field}\`: could not be read`), err.message);
    assert.doesNotMatch(err.message, /SECRET/);
  }
  const throwingSignal = { get signal() { throw new Error("SECRET-5"); } };
  await refused(hopr.getToken(throwingSignal), "options");
  let deep = "end";
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const authlete = new tokenops.AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "sandbox-secret" });
  const err = await authlete
    .create({ grantType: "CLIENT_CREDENTIALS", clientId: 1, authorizationDetails: { elements: [{ type: "t", deep }] } }, { dryRun: true })
    .then(() => assert.fail("accepted"), (e) => e);
  assert.equal(err.kind, "invalid_argument", String(err));
  assert.match(err.message, /`request\.authorizationDetails\.elements\[0\]\.deep(\[0\])+\.\.\.`: is nested too deeply$/);
  assert.equal((await hopr.getToken()).description, "demo token", "the same client still works");
  assert.equal(await requestCount(), 1);
});

test("a proxy or a function where a plain value belongs, and a revoked proxy as the whole argument, are refused without running the caller's code, and the client keeps working", async () => {
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token" });
  const cap = [{ endpoint: "nodePing" }];
  const traps = { getPrototypeOf() { throw new Error("SECRET-1"); }, get() { throw new Error("SECRET-2"); }, ownKeys() { throw new Error("SECRET-3"); } };
  const trappedObject = new Proxy({}, traps);
  const trappedFunction = new Proxy(() => "SECRET-4", traps);
  const revoked = () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; };
  const cases = [
    [() => hopr.createToken(revoked(), { dryRun: true }), "`request`: could not be read"],
    [() => hopr.getToken(revoked()), "`options`: could not be read"],
    [() => hopr.createToken({ capabilities: cap, description: trappedObject }, { dryRun: true }), "`request.description`: must be a string, got an object"],
    [() => hopr.createToken({ capabilities: cap, description: trappedFunction }, { dryRun: true }), "`request.description`: must be a string, got a value of another type"],
    [() => hopr.getToken({ timeoutMs: trappedObject }), "`options.timeoutMs`: must be a whole number of 0 or more, got an object"],
    [() => hopr.getToken({ retry: trappedFunction }), "`options.retry`: must be a boolean or an object, got a value of another type"],
    [() => hopr.getToken({ signal: revoked() }), "`options.signal`: could not be read"],
  ];
  for (const [call, said] of cases) {
    const err = await call().then(() => assert.fail("accepted"), (e) => e);
    assert.ok(err instanceof ApiError && err.kind === "invalid_argument", String(err));
    assert.ok(err.message.includes(said), err.message);
    assert.doesNotMatch(err.message, /SECRET/);
  }
  const ctor = (() => { try { new HoprTokens(revoked()); } catch (e) { return e; } })();
  assert.ok(ctor instanceof ApiError && ctor.message.includes("`options`: could not be read"), String(ctor));
  const authlete = new tokenops.AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "sandbox-secret" });
  const err = await authlete
    .create({ grantType: "CLIENT_CREDENTIALS", clientId: 1, authorizationDetails: { elements: [{ type: "t", extra: trappedFunction }] } }, { dryRun: true })
    .then(() => assert.fail("accepted"), (e) => e);
  assert.equal(err.kind, "invalid_argument", String(err));
  assert.match(err.message, /`request\.authorizationDetails\.elements\[0\]\.extra`: must be any valid JSON value, got a value of another type$/);
  assert.equal((await hopr.getToken()).description, "demo token", "the same client still works");
});

test("HOPR: every method refuses bad call options before sending", async () => {
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token" });
  const calls = [(o) => hopr.getToken(o), (o) => hopr.deleteToken("x", o), (o) => hopr.createToken({ capabilities: [{ endpoint: "nodePing" }] }, o)];
  for (const call of calls) {
    for (const [options, field] of badOptions) await refused(call(options), field);
  }
  assert.equal(await requestCount(), 0);
});

test("constructors refuse hostile options, naming the field", () => {
  const bad = [
    [{ baseUrl: sandbox.url, apiToken: "" }, "options.apiToken"],
    [{ baseUrl: sandbox.url, apiToken: " x" }, "options.apiToken"],
    [{ baseUrl: sandbox.url, apiToken: "a\nb" }, "options.apiToken"],
    [{ baseUrl: sandbox.url, apiToken: "é" }, "options.apiToken"],
    [{ baseUrl: sandbox.url, apiToken: 42 }, "options.apiToken"],
    [{ baseUrl: `${sandbox.url}?x=1`, apiToken: "t" }, "options.baseUrl"],
    [{ baseUrl: "https://user:pw@example.com", apiToken: "t" }, "options.baseUrl"],
    [{ baseUrl: "javascript:alert(1)", apiToken: "t" }, "options.baseUrl"],
    [{ baseUrl: sandbox.url, apiToken: "t", timeoutMs: NaN }, "options.timeoutMs"],
    [{ baseUrl: sandbox.url, apiToken: "t", retry: { maxDelayMs: 1.5 } }, "options.retry.maxDelayMs"],
    [JSON.parse(`{"baseUrl": "${sandbox.url}", "apiToken": "t", "__proto__": {}}`), "options.__proto__"],
  ];
  for (const [options, field] of bad) {
    assert.throws(
      () => new HoprTokens(options),
      (e) => e instanceof ApiError && e.kind === "invalid_argument" && e.message.includes(`\`${field}\``),
      field,
    );
  }
});

const { AuthleteTokens, KnetikTokens } = tokenops;

const authlete = (extra = {}) => new AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", ...extra });
const knetik = (extra = {}) => new KnetikTokens({ baseUrl: sandbox.url, clientId: "admin-client", clientSecret: "admin-secret", ...extra });

test("an option set to undefined is an option not given, as the TypeScript types have it; a base URL with dot segments is refused", async () => {
  const unset = { timeoutMs: undefined, retry: undefined, allowInsecureHttp: undefined, fetch: undefined };
  const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token", authScheme: undefined, ...unset });
  assert.equal(typeof (await hopr.getToken({ timeoutMs: undefined, signal: undefined })).id, "string");
  assert.equal(typeof (await authlete({ serviceId: undefined, ...unset }).list({ subject: undefined })).totalCount, "number");
  assert.ok(Array.isArray((await knetik({ username: undefined, ...unset }).getTokens({ size: undefined })).content));
  for (const [options, field] of [
    [{ baseUrl: sandbox.url, apiToken: undefined }, "apiToken"],
    [{ baseUrl: `${sandbox.url}/hoprd/../admin`, apiToken: "t" }, "options.baseUrl"],
    [{ baseUrl: `${sandbox.url}/%2e/`, apiToken: "t" }, "options.baseUrl"],
  ]) {
    assert.throws(
      () => new HoprTokens(options),
      (e) => e instanceof ApiError && e.kind === "invalid_argument" && e.message.includes(field),
      field,
    );
  }
});


test("Authlete delete and list: values are encoded or refused", async () => {
  const a = authlete();
  for (const [value, encoded] of segmentValues) {
    await a.delete(value).catch((e) => assert.equal(e.status, 404, e.message));
    assert.equal((await sandbox.requests()).at(-1).path, `/api/auth/token/delete/${encoded}`);
  }
  for (const subject of ["a&b=c", "é #?", long]) {
    await a.list({ subject });
    const q = new URLSearchParams((await sandbox.requests()).at(-1).query);
    assert.equal(q.get("subject"), subject);
  }
  const before = await requestCount();
  for (const [value] of notStrings) await refused(a.delete(value), "accessTokenIdentifier");
  const badQueries = [
    [{ start: -1 }, "query.start"],
    [{ start: NaN }, "query.start"],
    [{ start: "1" }, "query.start"],
    [{ start: 1.5 }, "query.start"],
    [{ start: 5, end: 1 }, "query.end"],
    [{ tokenStatus: "valid" }, "query.tokenStatus"],
    [{ subject: "" }, "query.subject"],
    [{ subject: 42 }, "query.subject"],
    [{ subjct: "x" }, "query.subjct"],
    [JSON.parse('{"__proto__": {}}'), "query.__proto__"],
    ["alice", "query"],
  ];
  for (const [query, field] of badQueries) await refused(a.list(query), field);
  // listAll reports bad arguments on the first next(), like every other failure of the iteration.
  await refused(a.listAll({ pageSize: 0 }).next(), "query.pageSize");
  await refused(a.listAll({ start: 0 }).next(), "query.start");
  await refused(a.listAll({}, { timeoutMs: -1 }).next(), "options.timeoutMs");
  const authleteCalls = [
    (o) => a.list({}, o),
    (o) => a.delete("x", o),
    (o) => a.create({ grantType: "PASSWORD", clientId: 1 }, o),
    (o) => a.update({ accessToken: "t" }, o),
    (o) => a.revoke({ subject: "s" }, o),
    (o) => a.revokeAll({ subject: "s" }, o),
    (o) => a.listAll({}, o).next(),
  ];
  for (const call of authleteCalls) {
    for (const [options, field] of badOptions) await refused(call(options), field);
  }
  await refused(a.create({ grantType: "PASSWORD", clientId: 1 }, { contentType: "xml" }), "options.contentType");
  assert.equal(await requestCount(), before);
});

test("Authlete bodies: hostile values are sent as JSON or form, bad ones refused", async () => {
  const a = authlete();
  for (const contentType of ["json", "form"]) {
    for (const subject of ["a&b=c", "é #?/..", long]) {
      await a.create({ grantType: "PASSWORD", clientId: 1001, subject }, { contentType });
      const sent = (await sandbox.requests()).at(-1);
      const body = contentType === "json" ? JSON.parse(sent.body) : Object.fromEntries(new URLSearchParams(sent.body));
      assert.equal(body.subject, subject);
    }
  }
  const before = await requestCount();
  const bad = [
    [{ grantType: "PASSWORD", clientId: NaN }, "request"],
    [{ grantType: "PASSWORD", clientId: -1 }, "request"],
    [{ grantType: "PASSWORD", clientId: 1.5 }, "request"],
    [{ grantType: "PASSWORD", clientId: "1001" }, "request"],
    [{ grantType: "PASSWORD", clientId: 10n ** 30n }, "request"],
    [{ grantType: "password", clientId: 1 }, "request.grantType"],
    [{ clientId: 1 }, "request"],
    [{ grantType: "PASSWORD", clientId: 1, scopes: "openid" }, "request"],
    [{ grantType: "PASSWORD", clientId: 1, subject: "" }, "request.subject"],
    [{ grantType: "PASSWORD", clientId: 1, extra: 1 }, "request"],
    [JSON.parse('{"grantType": "PASSWORD", "clientId": 1, "__proto__": {"x": 1}}'), "request"],
    [null, "request"],
  ];
  for (const [req, field] of bad) await refused(a.create(req), field);
  for (const [req, field] of [[{}, "request"], [{ subject: "" }, "request.subject"], [{ subject: null }, "request"], [{ accessToken: "x" }, "request"]]) {
    await refused(a.revoke(req), field);
    await refused(a.revokeAll(req), field);
  }
  // An int64 beyond its range, and (on API v2) a field of API v3 only; a negative expiry is no
  // error: both documents read it as "leave the expiry as it is".
  await refused(a.create({ grantType: "PASSWORD", clientId: 2n ** 63n }), "request.clientId");
  for (const [req, field] of [[{}, "request"], [{ accessToken: "" }, "request.accessToken"], [{ accessToken: "t", accessTokenExpiresAt: 2n ** 63n }, "request"], [{ accessToken: "t", tokenId: "x" }, "request.tokenId"]]) {
    await refused(a.update(req), field);
  }
  assert.equal(await requestCount(), before);
  assert.equal(Object.prototype.x, undefined);
});

test("Knetik: path segments and queries are encoded or refused", async () => {
  const k = knetik();
  await k.getTokens({ size: 1 }); // fetch the OAuth token first
  for (const [value, encoded] of segmentValues) {
    await k.getToken(value, "web").catch((e) => assert.equal(e.status, 404, e.message));
    assert.equal((await sandbox.requests()).at(-1).path, `/auth/tokens/${encoded}/web`);
    await k.getToken("alice", value).catch((e) => assert.equal(e.status, 404, e.message));
    assert.equal((await sandbox.requests()).at(-1).path, `/auth/tokens/alice/${encoded}`);
  }
  for (const filterUsername of ["a&b=c", "é #?", long]) {
    await k.getTokens({ filterUsername });
    assert.equal(new URLSearchParams((await sandbox.requests()).at(-1).query).get("filter_username"), filterUsername);
  }
  await k.deleteTokens({ username: "a&username=root" }).catch((e) => assert.equal(e.status, 404));
  assert.equal(new URLSearchParams((await sandbox.requests()).at(-1).query).get("username"), "a&username=root");
  const before = await requestCount();
  for (const [value] of notStrings) {
    await refused(k.getToken(value, "web"), "username");
    await refused(k.getToken("alice", value), "clientId");
  }
  const badQueries = [{ size: 0 }, { size: NaN }, { page: 0 }, { page: 1.5 }, { page: "2" }, { order: "username:UP" }, { order: "" }, { filterUsername: 5 }, { filterUsernme: "x" }];
  for (const query of badQueries) {
    const err = await k.getTokens(query).then(() => assert.fail(JSON.stringify(query)), (e) => e);
    assert.equal(err.kind, "invalid_argument", `${JSON.stringify(query)}: ${err.message}`);
  }
  for (const filter of [{}, { username: "" }, { clientId: "" }, { user: "x" }, null, "root"]) {
    const err = await k.deleteTokens(filter).then(() => assert.fail(JSON.stringify(filter)), (e) => e);
    assert.equal(err.kind, "invalid_argument");
  }
  for (const query of [{ pageSize: 0 }, { pageSize: NaN }, { page: 2 }, { size: 5 }, { order: "username:UP" }, { filterUsernme: "x" }, "alice"]) {
    const err = await k.listAll(query).next().then(() => assert.fail(JSON.stringify(query)), (e) => e);
    assert.equal(err.kind, "invalid_argument", `${JSON.stringify(query)}: ${err.message}`);
    assert.ok(err.message.includes("`query"), err.message);
  }
  const knetikCalls = [(o) => k.getTokens({}, o), (o) => k.getToken("a", "b", o), (o) => k.deleteTokens({ username: "a" }, o), (o) => k.listAll({}, o).next()];
  for (const call of knetikCalls) {
    for (const [options, field] of badOptions) await refused(call(options), field);
  }
  assert.equal(await requestCount(), before);
});
