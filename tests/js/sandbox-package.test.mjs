// `tokenops/sandbox` as users get it: startSandbox and createSandbox from the packed package
// (ESM and CJS), the clock driving every expiry of the three services without sleeping,
// sessions in parallel and their bound, bad control calls, faults as each shell shows them, and a
// request log without credentials.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { startSandbox, createSandbox } from "tokenops/sandbox";
import { HoprTokens, AuthleteTokens, KnetikTokens, ApiError } from "tokenops";
import { rejection } from "./assertions.mjs";

const started = [];
async function start(options) {
  const sb = await startSandbox(options);
  started.push(sb);
  return sb;
}
after(() => Promise.all(started.map((sb) => sb.close())));

const DEMO = { "x-auth-token": "hopr-demo-token" };

test("the CommonJS entry gives the same functions", async () => {
  const cjs = createRequire(import.meta.url)("tokenops/sandbox");
  assert.equal(typeof cjs.startSandbox, "function");
  assert.equal(typeof cjs.createSandbox, "function");
  const sb = cjs.createSandbox();
  const res = await sb.fetch(`${sb.url}/api/v3/token`, { headers: DEMO });
  assert.equal(res.status, 200);
});

test("startSandbox listens on a free loopback port; its credentials fit every client", async () => {
  const sb = await start();
  assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const { hopr, authlete, knetik } = sb.credentials;
  assert.equal((await new HoprTokens({ baseUrl: sb.url, ...hopr.demo }).getToken()).id, "hopr-demo-token");
  assert.equal((await new AuthleteTokens({ baseUrl: sb.url, ...authlete.v2 }).list({ subject: "alice" })).totalCount, 3);
  assert.equal((await new AuthleteTokens({ baseUrl: sb.url, ...authlete.v3 }).list({ subject: "bob" })).totalCount, 2);
  assert.equal((await new KnetikTokens({ baseUrl: sb.url, ...knetik.clientCredentials }).getTokens({ filterUsername: "alice" })).total_elements, 1);
  assert.equal((await new KnetikTokens({ baseUrl: sb.url, ...knetik.password }).getToken("alice", "web")).username, "alice");
  assert.throws(() => {
    sb.credentials.hopr.demo.apiToken = "changed";
  }, TypeError);
});

test("bad options are refused, naming the option", async () => {
  for (const [options, name] of [
    [{ port: -1 }, "port"],
    [{ port: 1.5 }, "port"],
    [{ seed: -1 }, "seed"],
    [{ seed: 1e9 }, "seed"],
    [{ knetikTokenTtl: 0 }, "knetikTokenTtl"],
    [{ seed: "3" }, "seed"],
    [{ bogus: 1 }, "bogus"],
    // NaN and the infinities are numbers to typeof, and JSON would make them null.
    [{ seed: Number.NaN }, "seed"],
    [{ seed: Infinity }, "seed"],
    [{ knetikTokenTtl: Number.NaN }, "knetikTokenTtl"],
    [{ knetikTokenTtl: -Infinity }, "knetikTokenTtl"],
    [{ port: Number.NaN }, "port"],
  ]) {
    const err = await rejection(start(options));
    assert.ok(err instanceof Error);
    assert.ok(err.message.includes(name), `${JSON.stringify(options)}: ${err.message}`);
    assert.throws(() => createSandbox(options), (e) => e instanceof Error && e.message.includes(name));
  }
  assert.throws(() => createSandbox({ port: 0 }), /unknown option "port"/);
  const sb = await start();
  for (const [options, name] of [
    [{ seed: Number.NaN }, "seed"],
    [{ knetikTokenTtl: Infinity }, "knetikTokenTtl"],
    [{ seed: -1 }, "seed"],
  ]) {
    for (const parent of [sb, createSandbox()]) {
      const err = await rejection(parent.session(options));
      assert.ok(err instanceof Error);
      assert.ok(err.message.includes(name), `session(${JSON.stringify(options)}): ${err.message}`);
    }
  }
  const taken = Number(new URL(sb.url).port);
  const err = await rejection(startSandbox({ port: taken }));
  assert.match(err.message, /EADDRINUSE/);
});

test("after close, the control methods reject saying the sandbox is closed; a session's close resolves", async () => {
  const sb = await startSandbox();
  const session = await sb.session();
  await sb.close();
  for (const [name, call] of [
    ["now", () => sb.now()],
    ["reset", () => sb.reset()],
    ["advanceClock", () => sb.advanceClock(1)],
    ["fault", () => sb.fault({ path: "/api/v3/token", status: 503 })],
    ["requests", () => sb.requests()],
    ["session", () => sb.session()],
    ["session's now", () => session.now()],
    ["session's reset", () => session.reset()],
  ]) {
    const err = await rejection(call(), Error);
    assert.match(err.message, /sandbox is closed/, `${name}: ${err.message}`);
  }
  // Ending a session twice is fine: the sandbox's close ended it already.
  await session.close();
  await sb.close();
});

test("a bad control call names the field and changes nothing", async () => {
  for (const sb of [await start(), createSandbox()]) {
    const before = await sb.now();
    for (const [call, field] of [
      [() => sb.advanceClock(-5), "advanceMs"],
      [() => sb.advanceClock(Number.NaN), "advanceMs"],
      [() => sb.advanceClock("60"), "advanceMs"],
      [() => sb.advanceClock(1e15), "advanceMs"],
      [() => sb.fault({ path: "/api/v3/token", status: 503, bogus: true }), "bogus"],
      [() => sb.fault({ path: 5, status: 503 }), "path"],
      [() => sb.fault({ path: "/api/v3/token", status: 42 }), "status"],
    ]) {
      const err = await rejection(call());
      assert.ok(err instanceof Error);
      assert.ok(err.message.includes(field), `${call}: ${err.message}`);
    }
    assert.ok((await sb.now()) - before < 60_000, "a refused advanceClock moved the clock");
    // No fault was queued: the next call is answered normally.
    const res = await (sb.fetch ?? fetch)(`${sb.url}/api/v3/token`, { headers: DEMO });
    assert.equal(res.status, 200);
  }
});

test("a body beyond 1 MiB gets 413 from every shell", async () => {
  const big = "x".repeat(1024 * 1024 + 1);
  for (const sb of [await start(), createSandbox()]) {
    const res = await (sb.fetch ?? fetch)(`${sb.url}/api/v3/tokens`, { method: "POST", headers: { ...DEMO, "content-type": "application/json" }, body: big });
    assert.equal(res.status, 413);
  }
});

test("the clock drives HOPR lifetimes: a token expires without sleeping", async () => {
  const sb = createSandbox();
  const admin = new HoprTokens({ baseUrl: sb.url, ...sb.credentials.hopr.superuser, fetch: sb.fetch });
  const { token } = await admin.createToken({ capabilities: [{ endpoint: "tokensGetToken" }], lifetime: 60 });
  const scoped = new HoprTokens({ baseUrl: sb.url, apiToken: token, fetch: sb.fetch });
  const mine = await scoped.getToken();
  assert.equal(mine.valid_until, Math.floor((await sb.now()) / 1000) + 60);
  await sb.advanceClock(59_000);
  assert.equal((await scoped.getToken()).id, token);
  await sb.advanceClock(2_000);
  const err = await rejection(scoped.getToken());
  assert.ok(err instanceof ApiError);
  assert.equal(err.status, 401);
});

test("the clock drives Authlete expiries: VALID becomes INVALID", async () => {
  const sb = createSandbox();
  const a = new AuthleteTokens({ baseUrl: sb.url, ...sb.credentials.authlete.v3, fetch: sb.fetch });
  const made = await a.create({ grantType: "CLIENT_CREDENTIALS", clientId: 1002, accessTokenDuration: 60 });
  const now = await sb.now();
  assert.ok(Math.abs(Number(made.expiresAt) - (now + 60_000)) < 1_000, "expiresAt follows the sandbox clock");
  const valid = () => a.list({ clientIdentifier: "1002", tokenStatus: "VALID" }).then((l) => l.totalCount);
  const invalid = () => a.list({ clientIdentifier: "1002", tokenStatus: "INVALID" }).then((l) => l.totalCount);
  assert.deepEqual([await valid(), await invalid()], [1, 0]);
  await sb.advanceClock(61_000);
  assert.deepEqual([await valid(), await invalid()], [0, 1]);
});

test("the clock drives Knetik OAuth expiry: an expired token gets 401 and the client refreshes", async () => {
  const sb = createSandbox({ knetikTokenTtl: 60 });
  const k = new KnetikTokens({ baseUrl: sb.url, ...sb.credentials.knetik.clientCredentials, fetch: sb.fetch });
  await k.getTokens({ size: 1 });
  await sb.advanceClock(61_000);
  // The client's own clock says the token is fresh; the sandbox's says it expired.
  const page = await k.getTokens({ size: 1 });
  assert.equal(page.size, 1);
  const log = (await sb.requests()).map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(log, ["POST /oauth/token", "GET /auth/tokens", "GET /auth/tokens", "POST /oauth/token", "GET /auth/tokens"]);
});

/** A request to `sb` through node:http, which sends `host` and `path` as given. */
function rawRequest(sb, method, path, headers) {
  const { hostname, port } = new URL(sb.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("a Node sandbox makes a session URL from the Host header only when it is a host[:port], and never fails a request for it", async () => {
  const sb = await start();
  for (const [host, origin] of [
    ["sb.test:8080", "http://sb.test:8080"],
    ["[::1]:9", "http://[::1]:9"],
    ["999.1.1.1", "http://999.1.1.1"],
    ["a@b", sb.url],
    ["x:0", sb.url],
    ["h:99999", sb.url],
    ["a_b", sb.url],
    ["h:8:8", sb.url],
  ]) {
    const made = await rawRequest(sb, "POST", "/_sandbox/sessions", { host });
    assert.equal(made.status, 201, `Host ${host}: ${made.body}`);
    assert.ok(JSON.parse(made.body).url.startsWith(`${origin}/_sandbox/sessions/`), `Host ${host}: ${made.body}`);
    const api = await rawRequest(sb, "GET", "/api/v3/token", { host, ...DEMO });
    assert.equal(api.status, 200, `Host ${host}: ${api.body}`);
  }
  // An absolute-form target's authority (its userinfo dropped) is the origin, as on the std server.
  const absolute = await rawRequest(sb, "POST", "http://user@sb.test:81/_sandbox/sessions", { host: "other.test" });
  assert.equal(absolute.status, 201, absolute.body);
  assert.ok(JSON.parse(absolute.body).url.startsWith("http://sb.test:81/_sandbox/sessions/"), absolute.body);
});

test("sessions in parallel are isolated, and end", async () => {
  const sb = await start();
  const sessions = await Promise.all(Array.from({ length: 8 }, () => sb.session()));
  assert.equal(new Set(sessions.map((s) => s.url)).size, 8);
  const made = await Promise.all(
    sessions.map(async (s, i) => {
      assert.ok(s.url.startsWith(`${sb.url}/_sandbox/sessions/`));
      const admin = new HoprTokens({ baseUrl: s.url, ...sb.credentials.hopr.superuser });
      const { token } = await admin.createToken({ capabilities: [{ endpoint: "tokensGetToken" }], description: `session ${i}` });
      await s.fault({ path: "/api/v3/tokens/", status: 503, body: "" });
      await s.advanceClock(i * 1000);
      return token;
    }),
  );
  for (const [i, s] of sessions.entries()) {
    for (const [j, token] of made.entries()) {
      const res = await fetch(`${s.url}/api/v3/token`, { headers: { "x-auth-token": token } });
      assert.equal(res.status, i === j ? 200 : 401, `session ${i}, token of ${j}`);
    }
    const log = await s.requests();
    assert.deepEqual(log.map((r) => `${r.method} ${r.path}`), ["POST /api/v3/tokens/", ...made.map(() => "GET /api/v3/token")]);
    assert.equal(JSON.parse(log[0].body).description, `session ${i}`);
  }
  // The root world saw none of it.
  assert.deepEqual(await sb.requests(), []);
  for (const token of made) {
    assert.equal((await fetch(`${sb.url}/api/v3/token`, { headers: { "x-auth-token": token } })).status, 401);
  }
  // Each session's fault and clock are its own.
  const clocks = await Promise.all(sessions.map((s) => s.now()));
  assert.ok(clocks[7] - clocks[0] >= 6_000, "the sessions' clocks moved apart");
  const hopr = new HoprTokens({ baseUrl: sessions[0].url, ...sb.credentials.hopr.demo, retry: false });
  assert.equal((await rejection(hopr.createToken({ capabilities: [{ endpoint: "tokensGetToken" }] }))).status, 503);
  await new HoprTokens({ baseUrl: sb.url, ...sb.credentials.hopr.demo }).createToken({ capabilities: [{ endpoint: "tokensGetToken" }] });
  // Ended: its URL answers 404; ending twice is fine.
  await sessions[1].close();
  await sessions[1].close();
  const gone = await rejection(new HoprTokens({ baseUrl: sessions[1].url, ...sb.credentials.hopr.demo }).getToken());
  assert.equal(gone.status, 404);
  await assert.rejects(sessions[1].reset(), /no such session/);
});

test("at most 64 sessions: making one more ends the oldest idle one", async () => {
  const sb = createSandbox();
  const sessions = [];
  for (let i = 0; i < 64; i++) sessions.push(await sb.session());
  // Use every session but the first two, then the first: the second is now the oldest idle one.
  for (const s of sessions.slice(2)) await s.now();
  await sessions[0].now();
  const extra = await sb.session();
  await assert.rejects(sessions[1].now(), /no such session/);
  for (const s of [sessions[0], ...sessions.slice(2), extra]) assert.equal(typeof (await s.now()), "number");
});

test("in process, faults show as fetch shows them", async () => {
  const sb = createSandbox();
  const url = `${sb.url}/api/v3/token`;
  await sb.fault({ path: "/api/v3/token", drop: true });
  await assert.rejects(sb.fetch(url, { headers: DEMO }), TypeError);

  await sb.fault({ path: "/api/v3/token", truncate: true, status: 200, body: '{"id":"x","capabilities":[]}' });
  const cut = await sb.fetch(url, { headers: DEMO });
  assert.equal(cut.status, 200);
  await assert.rejects(cut.text(), TypeError);

  await sb.fault({ path: "/api/v3/token", stall: true, status: 200, body: '{"id":"x","capabilities":[]}' });
  const controller = new AbortController();
  const stalled = await sb.fetch(url, { headers: DEMO, signal: controller.signal });
  const reading = stalled.text();
  let settled = false;
  reading.then(() => (settled = true), () => (settled = true));
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(settled, false, "a stalled body settled before the signal aborted");
  controller.abort();
  await assert.rejects(reading, { name: "AbortError" });

  await sb.fault({ path: "/api/v3/token", delayMs: 60_000 });
  const waiting = new AbortController();
  const delayed = sb.fetch(url, { headers: DEMO, signal: waiting.signal });
  setTimeout(() => waiting.abort(), 20);
  await assert.rejects(delayed, { name: "AbortError" });

  await sb.fault({ path: "/api/v3/token", bodyBytes: 300_000, status: 200 });
  assert.equal((await (await sb.fetch(url)).arrayBuffer()).byteLength, 300_000);

  await sb.fault({ path: "/api/v3/token", status: 503, body: '{"status":"DOWN"}', retryAfter: "2" });
  const down = await sb.fetch(url, { headers: DEMO });
  assert.equal(down.status, 503);
  assert.equal(down.headers.get("retry-after"), "2");
  assert.deepEqual(await down.json(), { status: "DOWN" });
  assert.equal((await sb.fetch(url, { headers: DEMO })).status, 200);
});

test("in process, a stalled body keeps the event loop alive until the signal aborts, as a socket would", async () => {
  // AbortSignal.timeout's timer does not keep a process alive: with nothing else pending, the
  // process must still wait for the abort (a separate process: this one has servers open).
  const script = `
    import { createSandbox } from "tokenops/sandbox";
    const sb = createSandbox();
    await sb.fault({ path: "/api/v3/token", stall: true, status: 200, body: '{"id":"x","capabilities":[]}' });
    const res = await sb.fetch(sb.url + "/api/v3/token", { signal: AbortSignal.timeout(200) });
    const err = await res.text().then(() => "resolved", (e) => e.name);
    console.log("read: " + err);
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf8", timeout: 30_000 });
  assert.equal(child.stdout.trim(), "read: TimeoutError", `status ${child.status}; stderr: ${child.stderr}`);
  assert.equal(child.status, 0);
});

test("a Node sandbox carries out faults on its sockets", async () => {
  const sb = await start();
  const url = `${sb.url}/api/v3/token`;
  await sb.fault({ path: "/api/v3/token", drop: true });
  await assert.rejects(fetch(url, { headers: DEMO }), TypeError);

  await sb.fault({ path: "/api/v3/token", truncate: true, status: 200, body: '{"id":"x","capabilities":[]}' });
  const cut = await fetch(url, { headers: DEMO });
  await assert.rejects(cut.text());

  await sb.fault({ path: "/api/v3/token", stall: true, status: 200, body: '{"id":"x","capabilities":[]}' });
  const controller = new AbortController();
  const stalled = await fetch(url, { headers: DEMO, signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(stalled.text(), { name: "AbortError" });

  await sb.fault({ path: "/api/v3/token", bodyBytes: 300_000, status: 200 });
  assert.equal((await (await fetch(url)).arrayBuffer()).byteLength, 300_000);
  assert.equal((await fetch(url, { headers: DEMO })).status, 200);
});

test("the request log never holds a configured credential", async () => {
  for (const sb of [await start(), createSandbox()]) {
    const opts = { baseUrl: sb.url, ...(sb.fetch ? { fetch: sb.fetch } : {}) };
    await new KnetikTokens({ ...opts, ...sb.credentials.knetik.clientCredentials }).getTokens({ size: 1 });
    await new KnetikTokens({ ...opts, ...sb.credentials.knetik.password }).getTokens({ size: 1 });
    await new AuthleteTokens({ ...opts, ...sb.credentials.authlete.v2 }).list({ subject: "alice" });
    await new HoprTokens({ ...opts, ...sb.credentials.hopr.demo, authScheme: "basic" }).getToken();
    const log = JSON.stringify(await sb.requests());
    for (const secret of ["admin-secret", "root-pass", "sandbox-secret", "hopr-demo-token"]) {
      assert.ok(!log.includes(secret), `${secret} is in the log`);
    }
    assert.match(log, /client_secret=<redacted>/);
    assert.match(log, /password=<redacted>/);
  }
});
