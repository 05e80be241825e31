// Secret audit: for every credential form of every provider, run every operation and every fault
// of the matrix, then scan every error (message, String, JSON, inspect, stack), every stringified
// client, everything printed to the console and every request URL the sandbox logged for the
// credential values.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as tokenops from "tokenops";
import { startSandbox, captureConsole } from "./sandbox.mjs";
import { cases, providers } from "../browser/faults.app.mjs";

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

/** Every credential form: real sandbox credentials (calls succeed) and distinctive wrong ones. */
function forms(url) {
  // Every provider, unconditionally: a class missing from the package fails the audit.
  const { HoprTokens: H, AuthleteTokens: A, KnetikTokens: K } = tokenops;
  return [
    { secrets: ["hopr-demo-token"], make: () => new H({ baseUrl: url, apiToken: "hopr-demo-token", retry: false }), ops: hoprOps },
    { secrets: ["hopr-demo-token"], make: () => new H({ baseUrl: url, apiToken: "hopr-demo-token", authScheme: "basic", retry: false }), ops: hoprOps },
    { secrets: ["hopr-AUDIT-1x"], make: () => new H({ baseUrl: url, apiToken: "hopr-AUDIT-1x", retry: false }), ops: hoprOps },
    { secrets: ["sandbox-key", "sandbox-secret"], make: () => new A({ baseUrl: url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", retry: false }), ops: authleteOps },
    { secrets: ["sandbox-service-token"], make: () => new A({ baseUrl: url, serviceId: "715948317", accessToken: "sandbox-service-token", retry: false }), ops: authleteOps },
    { secrets: ["ak-AUDIT-2x", "as-AUDIT-3x"], make: () => new A({ baseUrl: url, apiKey: "ak-AUDIT-2x", apiSecret: "as-AUDIT-3x", retry: false }), ops: authleteOps },
    { secrets: ["admin-secret"], make: () => new K({ baseUrl: url, clientId: "admin-client", clientSecret: "admin-secret", retry: false }), ops: knetikOps },
    { secrets: ["root-pass"], make: () => new K({ baseUrl: url, clientId: "web", username: "root", password: "root-pass", retry: false }), ops: knetikOps },
    { secrets: ["kt-AUDIT-4x"], make: () => new K({ baseUrl: url, accessToken: "kt-AUDIT-4x", retry: false }), ops: knetikOps },
    { secrets: ["cs-AUDIT-5x"], make: () => new K({ baseUrl: url, clientId: "admin-client", clientSecret: "cs-AUDIT-5x", retry: false }), ops: knetikOps },
  ];
}

const hoprOps = [(c) => c.getToken(), (c) => c.createToken({ capabilities: [{ endpoint: "tokensGetToken" }] }), (c) => c.deleteToken("nope")];
const authleteOps = [
  (c) => c.list({ subject: "alice" }),
  (c) => c.create({ grantType: "PASSWORD", clientId: 1001, subject: "audit" }),
  (c) => c.update({ accessToken: "missing", scopes: [] }),
  (c) => c.revoke({ subject: "nobody" }),
  (c) => c.delete("missing"),
];
const knetikOps = [(c) => c.getTokens({ size: 1 }), (c) => c.getToken("alice", "web"), (c) => c.deleteTokens({ username: "nobody" })];

test("no credential value leaks anywhere", async () => {
  const urls = [];
  // Resets the sandbox after keeping the URLs it logged.
  const reset = async () => {
    for (const r of await sandbox.requests()) urls.push(`${r.path}?${r.query}`);
    await sandbox.reset();
  };
  const texts = [];
  const allSecrets = new Set();
  const lines = await captureConsole(async () => {
    for (const form of forms(sandbox.url)) {
      form.secrets.forEach((s) => allSecrets.add(s));
      await reset(); // no fault left over from the previous form (a client scrubs only its own secrets)
      const client = form.make();
      const record = (e) => texts.push(String(e), e?.message ?? "", JSON.stringify(e), inspect(e), e?.stack ?? "");
      for (const op of form.ops) await op(client).catch(record);
      texts.push(String(client), JSON.stringify(client), inspect(client));
      // Every fault of the matrix on the provider's representative call.
      const p = providers(sandbox.url).find((x) => client instanceof x.client({}).constructor);
      for (const c of cases(p)) {
        if (c.refused || c.fault?.bodyBytes) continue;
        await reset();
        // Servers that echo what they were sent: the body repeats the credentials.
        const echo = c.fault.body === undefined || c.fault.status === undefined ? c.fault : { ...c.fault, body: `${c.fault.body} ${form.secrets.join(" ")}` };
        await sandbox.fault({ path: p.path, ...echo });
        await p.call(client, c.options).catch(record);
      }
    }
    await reset();
  });
  assert.ok(urls.length > 30, `${urls.length} logged URLs`);
  assert.ok(texts.length > 100, `${texts.length} texts scanned`);
  for (const secret of allSecrets) {
    for (const t of [...texts, ...lines, ...urls]) assert.ok(!t.includes(secret), `${secret} leaked in: ${t.slice(0, 300)}`);
  }
});

/** The texts of an error a user may print or send on. */
const errorTexts = (e) => [String(e), e?.message ?? "", JSON.stringify(e), inspect(e, { depth: 8 }), e?.stack ?? "", JSON.stringify(e?.body ?? null)];
const json = (body, status) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

test("a secret echoed in another spelling, as a key, across the body's cut, or named by the caller stays out of errors", async () => {
  const { HoprTokens: H, AuthleteTokens: A, KnetikTokens: K } = tokenops;
  const hoprToken = 'hopr-"ECHO\\1x';
  const cases = [
    // The client's own token as a key of the error body.
    { secret: hoprToken, call: () => new H({ baseUrl: "https://node.example", apiToken: hoprToken, fetch: async (req) => json({ status: "UNAUTHORIZED", details: { [req.headers.get("x-auth-token")]: "revoked" } }, 401) }).getToken() },
    // A text body cut at 1 KiB in the middle of the token, and one quoting it JSON-escaped.
    { secret: "hopr-CUT-2x", call: () => new H({ baseUrl: "https://node.example", apiToken: "hopr-CUT-2x", retry: false, fetch: async (req) => new Response("x".repeat(1016) + req.headers.get("x-auth-token"), { status: 500 }) }).getToken() },
    { secret: hoprToken, call: () => new H({ baseUrl: "https://node.example", apiToken: hoprToken, retry: false, fetch: async (req) => new Response(`upstream: {"token":${JSON.stringify(req.headers.get("x-auth-token"))}}`, { status: 502 }) }).getToken() },
    // A form body quoted, and the Basic pair quoted without its scheme.
    { secret: "s3cr+t/ECHO 3x&=?", call: () => new K({ baseUrl: "https://k.example", clientId: "cid", clientSecret: "s3cr+t/ECHO 3x&=?", retry: false, fetch: async (req) => json({ error: "invalid_request", error_description: `could not parse ${await req.text()}` }, 400) }).getTokens() },
    { secret: Buffer.from("ak-ECHO-4x:as-ECHO-4x").toString("base64"), call: () => new A({ baseUrl: "https://a.example", apiKey: "ak-ECHO-4x", apiSecret: "as-ECHO-4x", fetch: async (req) => json({ resultCode: "A001", resultMessage: `unknown credential ${req.headers.get("authorization").slice(6)}` }, 401) }).list() },
    // Tokens the caller names: a HOPR id (the token) in the path, echoed encoded or thrown by a fetch; Authlete's in a body.
    { secret: "victim/ECHO 5x", call: () => new H({ baseUrl: "https://node.example", apiToken: "t0k", fetch: async (req) => json({ status: "NOT_FOUND", error: `no token at ${new URL(req.url).pathname}` }, 404) }).deleteToken("victim/ECHO 5x") },
    { secret: "victim-ECHO-6x", call: () => new H({ baseUrl: "https://node.example", apiToken: "t0k", retry: false, fetch: async (req) => { throw new TypeError(`fetch failed for ${req.url}`); } }).deleteToken("victim-ECHO-6x") },
    { secret: "victim-ECHO-7x", call: () => new A({ baseUrl: "https://a.example", apiKey: "k", apiSecret: "s", fetch: async (req) => json({ resultCode: "A001", resultMessage: `not found: ${await req.text()}`, action: "NOT_FOUND" }, 200) }).update({ accessToken: "victim-ECHO-7x" }) },
    { secret: "victim-ECHO-8x", call: () => new A({ baseUrl: "https://a.example", apiKey: "k", apiSecret: "s", fetch: async (req) => new Response(`no such token ${req.url}`, { status: 404 }) }).delete("victim-ECHO-8x") },
  ];
  for (const { secret, call } of cases) {
    const e = await call().then(() => assert.fail(`${secret}: resolved`), (e) => e);
    assert.ok(e instanceof tokenops.ApiError, String(e));
    assert.ok(errorTexts(e).some((t) => t.includes("<redact")), `${secret}: nothing was removed from ${e.message} ${JSON.stringify(e.body)}`);
    // No whole secret and no head of one (a cut) in any text; "ECHO" / "CUT" mark every secret.
    const mark = secret.includes("CUT") ? "CUT" : "ECHO";
    for (const t of errorTexts(e)) assert.ok(!t.includes(secret) && !t.includes(mark), `${secret} leaked in: ${t.slice(0, 300)}`);
  }
});

test("a short secret is not read off the client's own words", async () => {
  // "d" is in "failed" and "Unauthorized", and in the server's words.
  const e = await new tokenops.HoprTokens({ baseUrl: "https://node.example", apiToken: "d", fetch: async () => json({ status: "UNAUTHORIZED", error: "bad token d" }, 401) })
    .getToken()
    .then(() => assert.fail("resolved"), (e) => e);
  assert.equal(e.message, "HOPR tokensGetToken failed: HTTP 401 Unauthorized (UNAUTHORIZED): ba<redacted> token <redacted>");
});
