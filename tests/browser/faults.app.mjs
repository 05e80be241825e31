// The fault matrix: every way a server or network can fail, for each provider's representative
// read call, asserting the ApiError and that the same client works right after. Runs in Node
// (tests/js/faults.test.mjs) and in Chromium (as a page scenario) against the sandbox.
import * as tokenops from "tokenops";

/** One representative call per provider the loaded entry has, with the path the sandbox faults. */
export function providers(sandboxUrl) {
  const classes = { hopr: "HoprTokens", authlete: "AuthleteTokens", knetik: "KnetikTokens" };
  return allProviders(sandboxUrl).filter((p) => tokenops[classes[p.name]]);
}

function allProviders(sandboxUrl) {
  return [
    {
      name: "hopr",
      path: "/api/v3/token",
      client: (extra) => new tokenops.HoprTokens({ baseUrl: sandboxUrl, apiToken: "hopr-demo-token", ...extra }),
      call: (c, opts) => c.getToken(opts),
      errorBody: '{"status":"SOMETHING","error":"went wrong"}',
      code: "SOMETHING",
      wrongTypes: '{"id":5,"capabilities":"none"}',
    },
    {
      name: "authlete",
      path: "/api/auth/token/get/list",
      client: (extra) => new tokenops.AuthleteTokens({ baseUrl: sandboxUrl, apiKey: "sandbox-key", apiSecret: "sandbox-secret", ...extra }),
      call: (c, opts) => c.list({ subject: "alice" }, opts),
      errorBody: '{"resultCode":"A000001","resultMessage":"[A000001] went wrong"}',
      code: "A000001",
      wrongTypes: '{"start":"zero","accessTokens":{}}',
    },
    {
      name: "knetik",
      path: "/auth/tokens",
      client: (extra) => new tokenops.KnetikTokens({ baseUrl: sandboxUrl, clientId: "admin-client", clientSecret: "admin-secret", ...extra }),
      call: (c, opts) => c.getTokens({ size: 1 }, opts),
      errorBody: '{"code":1234,"request_id":"r1","result":[{"message":"went wrong"}]}',
      code: "1234",
      wrongTypes: '{"content":"none","total_elements":"many"}',
    },
  ];
}

const httpDate = (secondsFromNow) => new Date(Date.now() + secondsFromNow * 1000).toUTCString();

/** The cases: a fault to script (or a client change) and the error it must give. */
export function cases(p) {
  const list = [
    { name: "connection refused", refused: true, expect: { kind: "network", status: null } },
    // count 5: browsers silently repeat a GET once when a reused connection closes unanswered.
    { name: "dropped before the answer", fault: { drop: true, count: 5 }, expect: { kind: "network", status: null } },
    { name: "dropped in the middle of the body", fault: { truncate: true, status: 200, body: '{"padding":"' + "x".repeat(200) + '"}' }, expect: { kind: "network", status: null } },
    { name: "a body that never finishes", fault: { stall: true, status: 200, body: '{"padding":"' + "x".repeat(200) + '"}' }, options: { timeoutMs: 300 }, expect: { kind: "timeout", status: null } },
    { name: "200 with an empty body", fault: { status: 200, body: "" }, expect: { kind: "decode", status: 200 } },
    { name: "200 with truncated JSON", fault: { status: 200, body: '{"id":"x","capab' }, expect: { kind: "decode", status: 200 } },
    { name: "200 with wrong field types", fault: { status: 200, body: p.wrongTypes }, expect: { kind: "decode", status: 200 } },
    { name: "200 with an HTML page", fault: { status: 200, body: "<!doctype html><p>maintenance</p>", contentType: "text/html" }, expect: { kind: "decode", status: 200 } },
    { name: "200 with a 50 MB body", fault: { status: 200, bodyBytes: 50_000_000 }, options: { timeoutMs: 60_000 }, expect: { kind: "decode", status: 200 } },
  ];
  for (const status of [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504]) {
    list.push({ name: `${status} with the provider's error body`, fault: { status, body: p.errorBody, count: 10 }, expect: { kind: "http", status, code: p.code } });
    list.push({ name: `${status} without a body`, fault: { status, body: "", count: 10 }, expect: { kind: "http", status, code: null } });
  }
  list.push({ name: "429 with Retry-After seconds", fault: { status: 429, body: "", retryAfter: "120", count: 10 }, expect: { kind: "http", status: 429, retryAfterMs: 120_000 } });
  list.push({ name: "429 with Retry-After as an HTTP date", fault: { status: 429, body: "", retryAfter: httpDate(120), count: 10 }, expect: { kind: "http", status: 429, retryAfterMin: 110_000 } });
  return list;
}

async function control(sandboxUrl, path, body) {
  const res = await fetch(sandboxUrl + path, { method: "POST", headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
}

/** Runs the whole matrix; returns one row per provider and case. */
export async function run(sandboxUrl) {
  const rows = [];
  for (const p of providers(sandboxUrl)) {
    const client = p.client({ retry: false });
    await p.call(client); // warm up (and get the Knetik token) before faults
    for (const c of cases(p)) {
      await control(sandboxUrl, "/_sandbox/reset");
      let err = null;
      try {
        if (c.refused) {
          const closed = p.client({ baseUrl: "http://127.0.0.1:9", retry: false });
          await p.call(closed, c.options);
        } else {
          await control(sandboxUrl, "/_sandbox/faults", { path: p.path, ...c.fault });
          await p.call(client, c.options);
        }
      } catch (e) {
        err = e;
      }
      await control(sandboxUrl, "/_sandbox/reset");
      let recovered = false;
      try {
        await p.call(client);
        recovered = true;
      } catch {
        recovered = false;
      }
      rows.push({
        provider: p.name,
        case: c.name,
        expect: c.expect,
        got: err && { isApiError: err instanceof tokenops.ApiError, kind: err.kind, status: err.status, code: err.code, retryAfterMs: err.retryAfterMs, provider: err.provider },
        recovered,
      });
    }
  }
  return rows;
}

/** Asserts every row; `names`: the providers the entry under test has. */
export function check(rows, assert, names = ["hopr", "authlete", "knetik"]) {
  // Every provider ran every case: a class missing from the package fails here (its rows would
  // be absent, or its constructor throws before any row).
  const perProvider = cases(allProviders("http://127.0.0.1:1")[0]).length;
  for (const name of names) {
    assert.equal(rows.filter((r) => r.provider === name).length, perProvider, `rows of ${name}`);
  }
  assert.equal(rows.length, names.length * perProvider);
  for (const r of rows) {
    const where = `${r.provider}: ${r.case}`;
    assert.ok(r.got, `${where}: the call did not fail`);
    assert.equal(r.got.isApiError, true, where);
    assert.equal(r.got.provider, r.provider, where);
    assert.equal(r.got.kind, r.expect.kind, where);
    assert.equal(r.got.status, r.expect.status, where);
    if ("code" in r.expect) assert.equal(r.got.code, r.expect.code, where);
    if ("retryAfterMs" in r.expect) assert.equal(r.got.retryAfterMs, r.expect.retryAfterMs, where);
    if ("retryAfterMin" in r.expect) assert.ok(r.got.retryAfterMs >= r.expect.retryAfterMin, where);
    assert.equal(r.recovered, true, `${where}: the next call failed`);
  }
}
