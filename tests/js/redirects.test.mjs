// Redirects are never followed: the sandbox answers 301/302/307/308 with a `Location` on a second
// loopback origin that records everything it receives (and would let a browser through: it
// answers CORS for anything). For every provider and credential form, in Node and in Chromium,
// the call rejects with an ApiError and the other origin receives nothing: no credential, no
// body, not even a preflight. The in-process sandbox's own `fetch`, which follows redirects as
// Node's `fetch` does, sends no credential to that origin and no body after a change to GET.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join, extname } from "node:path";
import { launchChromium } from "./chromium.mjs";
import * as tokenops from "tokenops";
import { createSandbox } from "tokenops/sandbox";
import { startSandbox } from "./sandbox.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const STATUSES = [301, 302, 307, 308];

let sandbox;
let other;
let received = [];
const closers = [];

/** A server that records every request and answers everything, CORS included. */
async function listen(handler) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

before(async () => {
  sandbox = await startSandbox();
  other = await listen((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, {
        "access-control-allow-origin": "*",
        "access-control-allow-headers": "*",
        "access-control-allow-methods": "*",
        "content-type": "application/json",
      });
      res.end("{}");
    });
  });
});
after(async () => {
  for (const close of closers) await close();
  await sandbox?.stop();
});
beforeEach(async () => {
  received = [];
  await sandbox.reset();
});

/**
 * The calls, as source text so that the same list runs in Node and in a page: `[name, path the
 * sandbox redirects, expression using T (the package) and url]`.
 */
const CALLS = [
  ["HOPR getToken (x-auth-token)", "/api/v3/token", `new T.HoprTokens({ baseUrl: url, apiToken: "hopr-demo-token", retry: false }).getToken()`],
  ["HOPR createToken (basic)", "/api/v3/tokens/", `new T.HoprTokens({ baseUrl: url, apiToken: "hopr-demo-token", authScheme: "basic", retry: false }).createToken({ capabilities: [{ endpoint: "tokensGetToken" }] })`],
  ["Authlete v2 list (basic)", "/api/auth/token/get/list", `new T.AuthleteTokens({ baseUrl: url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", retry: false }).list({ subject: "alice" })`],
  ["Authlete v3 revoke (bearer)", "/api/715948317/auth/token/revoke", `new T.AuthleteTokens({ baseUrl: url, serviceId: "715948317", accessToken: "sandbox-service-token", retry: false }).revoke({ subject: "alice" })`],
  ["Knetik getTokens (bearer)", "/auth/tokens", `new T.KnetikTokens({ baseUrl: url, accessToken: "knetik-bearer", retry: false }).getTokens({ size: 1 })`],
  ["Knetik OAuth token request (client secret in the body)", "/oauth/token", `new T.KnetikTokens({ baseUrl: url, clientId: "admin-client", clientSecret: "admin-secret", retry: false }).getTokens({ size: 1 })`],
];

/** Runs one call; resolves to what it rejected with (or `{ resolved: true }`). */
const probe = `async (T, url, expression) => {
  try {
    await eval(expression);
    return { resolved: true };
  } catch (e) {
    return { isApiError: e instanceof T.ApiError, kind: e.kind, status: e.status, message: String(e.message) };
  }
}`;

function checkOutcome(outcome, name, status, where) {
  assert.equal(outcome.resolved, undefined, `${where} ${name} ${status}: the call succeeded`);
  assert.equal(outcome.isApiError, true, `${where} ${name} ${status}: ${outcome.message}`);
  assert.equal(outcome.kind, "http", `${where} ${name} ${status}: ${outcome.message}`);
  assert.deepEqual(received, [], `${where} ${name} ${status}: the other origin received a request`);
}

test("Node: every provider rejects a redirect with its status and sends nothing to the other origin", async () => {
  const run = eval(probe);
  for (const [name, path, expression] of CALLS) {
    for (const status of STATUSES) {
      await sandbox.reset();
      await sandbox.fault({ path, status, body: "", location: `${other}/stolen`, count: 5 });
      const outcome = await run(tokenops, sandbox.url, expression);
      checkOutcome(outcome, name, status, "Node");
      assert.equal(outcome.status, status, `${name}: the error names the redirect`);
      assert.match(outcome.message, new RegExp(`${status}.*not followed`), outcome.message);
    }
  }
});

test("Chromium: every provider rejects a redirect and sends nothing to the other origin", async () => {
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const pkg = join(root, "tests/node_modules/tokenops");
  const origin = await listen(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/") return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>redirects</title>");
    try {
      if (path.includes("..")) throw new Error("no");
      const body = await readFile(join(pkg, path));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    for (const [name, path, expression] of CALLS) {
      for (const status of STATUSES) {
        await sandbox.reset();
        await sandbox.fault({ path, status, body: "", location: `${other}/stolen`, count: 5 });
        const outcome = await page.evaluate(
          async ({ probe, url, expression }) => {
            const T = await import("/web/index.js");
            return (0, eval)(`(${probe})`)(T, url, expression);
          },
          { probe, url: sandbox.url, expression },
        );
        checkOutcome(outcome, name, status, "Chromium");
        // Chromium hides a redirect it was told not to follow (an opaque answer, status 0).
        assert.equal(outcome.status, null, `${name}: ${outcome.message}`);
        assert.match(outcome.message, /redirect, which is not followed/, outcome.message);
      }
    }
  } finally {
    await browser.close();
  }
});

test("in process: sb.fetch follows a redirect as Node's fetch does (no credential to another origin, no body after a change to GET)", async () => {
  const sb = createSandbox();
  const url = `${sb.url}/api/v3/token`;
  const secrets = { authorization: "Bearer sandbox-service-token", cookie: "sid=secret", "proxy-authorization": "Basic cHJveHk6c2VjcmV0" };
  for (const status of STATUSES) {
    received = [];
    await sb.fault({ path: "/api/v3/token", status, body: "", location: `${other}/steal` });
    const res = await sb.fetch(url, { headers: { ...secrets, "x-trace": "t1" } });
    assert.equal(res.status, 200);
    assert.equal(res.redirected, true, `${status}: redirected`);
    assert.equal(res.url, `${other}/steal`);
    assert.equal(received.length, 1);
    for (const name of Object.keys(secrets)) assert.equal(received[0].headers[name], undefined, `${status}: ${name} went to the other origin`);
    assert.equal(received[0].headers["x-trace"], "t1");
  }
  // 303 (any method but HEAD), and 301/302 from POST, become a GET without the body and its headers.
  for (const [status, method] of [[303, "POST"], [303, "PUT"], [302, "POST"], [301, "POST"]]) {
    received = [];
    await sb.fault({ path: "/api/v3/token", status, body: "", location: `${other}/steal` });
    const res = await sb.fetch(url, { method, headers: { "content-type": "application/json", "content-language": "en", "x-trace": "t2" }, body: '{"secret":"s"}' });
    assert.equal(res.redirected, true);
    assert.deepEqual([received[0].method, received[0].body], ["GET", ""], `${status} from ${method}`);
    for (const name of ["content-type", "content-length", "content-language"]) assert.equal(received[0].headers[name], undefined, `${status} from ${method}: ${name}`);
    assert.equal(received[0].headers["x-trace"], "t2");
  }
  // 307 keeps the method and the body.
  received = [];
  await sb.fault({ path: "/api/v3/token", status: 307, body: "", location: `${other}/steal` });
  await sb.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  assert.deepEqual([received[0].method, received[0].body, received[0].headers["content-type"]], ["POST", "{}", "application/json"]);
  // On the same origin the credentials stay, and the answer says it was redirected.
  await sb.fault({ path: "/api/v3/tokens/", status: 302, body: "", location: "/api/v3/token" });
  const same = await sb.fetch(`${sb.url}/api/v3/tokens/`, { headers: { "x-auth-token": "hopr-demo-token" } });
  assert.equal(same.status, 200);
  assert.equal(same.redirected, true);
  assert.equal(same.url, url);
  const manual = await (async () => {
    await sb.fault({ path: "/api/v3/token", status: 302, body: "", location: `${other}/steal` });
    return sb.fetch(url, { redirect: "manual" });
  })();
  assert.equal(manual.status, 302);
  assert.equal(manual.redirected, false);
});
