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
