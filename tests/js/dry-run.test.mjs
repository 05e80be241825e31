// `dryRun: true` on every method of the three clients (the packed package, ESM): the call sends
// nothing (the sandbox logs no request, Knetik asks for no token), resolves to the request, the
// credential shown only as a placeholder, and that request is what the same call without
// `dryRun` puts on the wire (checked on what the sandbox received). Bad arguments are refused as
// the real call refuses them.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { HoprTokens, AuthleteTokens, KnetikTokens, ApiError } from "tokenops";
import { startSandbox } from "./sandbox.mjs";

const SECRETS = ["hopr-demo-token", "sandbox-secret", "sandbox-service-token", "admin-secret", "root-pass"];
const PLACEHOLDER = "<credential>";

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

const hopr = (authScheme = "header") => new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token", authScheme, retry: false });
const v2 = () => new AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", retry: false });
const v3 = () => new AuthleteTokens({ baseUrl: sandbox.url, serviceId: "715948317", accessToken: "sandbox-service-token", retry: false });
const knetik = () => new KnetikTokens({ baseUrl: sandbox.url, clientId: "admin-client", clientSecret: "admin-secret", retry: false });
const knetikPassword = () => new KnetikTokens({ baseUrl: sandbox.url, clientId: "web", username: "root", password: "root-pass", retry: false });

/** Headers that carry the credential, as the sandbox logs them (redacted). */
const CREDENTIAL_HEADERS = ["authorization", "x-auth-token"];

/** Body fields that carry a token, as the sandbox logs them (README "The sandbox"). */
const TOKEN_FIELDS = new Set(["accessToken", "refreshToken", "accessTokenIdentifier"]);

/**
 * A body as the sandbox logs it: the values of token fields `<redacted>`, in a form by name; a
 * JSON body that held one written anew, keys sorted (the bodies here are flat).
 */
function asLogged(body, contentType = "") {
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    const hide = (pair) => (TOKEN_FIELDS.has(decodeURIComponent(pair.split("=")[0])) ? `${pair.split("=")[0]}=<redacted>` : pair);
    return body.split("&").map(hide).join("&");
  }
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    return body;
  }
  const hidden = (key) => TOKEN_FIELDS.has(key) && value[key] !== null;
  if (value === null || typeof value !== "object" || !Object.keys(value).some(hidden)) return body;
  return JSON.stringify(Object.fromEntries(Object.keys(value).sort().map((k) => [k, hidden(k) ? "<redacted>" : value[k]])));
}

async function first(iterator) {
  const items = [];
  for await (const item of iterator) items.push(item);
  return items;
}

/**
 * Each case: a name, the call with `options` as its last argument, and what the credential
 * header must look like in the dry run.
 */
const CASES = [
  ["HOPR createToken (x-auth-token)", (o) => hopr().createToken({ capabilities: [{ endpoint: "tokensGetToken" }], lifetime: 60, description: "a b/ü" }, o), ["x-auth-token", PLACEHOLDER]],
  ["HOPR getToken (basic)", (o) => hopr("basic").getToken(o), ["authorization", `Basic ${PLACEHOLDER}`]],
  ["HOPR deleteToken", (o) => hopr().deleteToken("no such/id", o), ["x-auth-token", PLACEHOLDER]],
  ["Authlete v2 create (JSON)", (o) => v2().create({ grantType: "CLIENT_CREDENTIALS", clientId: 1001, scopes: ["openid", "email"] }, o), ["authorization", `Basic ${PLACEHOLDER}`]],
  ["Authlete v3 create (form)", (o) => v3().create({ grantType: "PASSWORD", clientId: 1001, subject: "carol & co", scopes: ["openid", "email"] }, { ...o, contentType: "form" }), ["authorization", `Bearer ${PLACEHOLDER}`]],
  ["Authlete v2 update", (o) => v2().update({ accessToken: "no-such-token", scopes: ["openid"] }, o), ["authorization", `Basic ${PLACEHOLDER}`]],
  ["Authlete v3 revoke (form)", (o) => v3().revoke({ subject: "nobody here" }, { ...o, contentType: "form" }), ["authorization", `Bearer ${PLACEHOLDER}`]],
  ["Authlete v2 revokeAll", (o) => v2().revokeAll({ subject: "nobody" }, o), ["authorization", `Basic ${PLACEHOLDER}`]],
  ["Authlete v3 delete", (o) => v3().delete("no-such/token", o), ["authorization", `Bearer ${PLACEHOLDER}`]],
  ["Authlete v2 list", (o) => v2().list({ subject: "alice", start: 0, end: 3, tokenStatus: "VALID" }, o), ["authorization", `Basic ${PLACEHOLDER}`]],
  ["Authlete v3 listAll", (o) => (o?.dryRun ? first(v3().listAll({ subject: "alice", pageSize: 2 }, o)).then((r) => r[0]) : v3().listAll({ subject: "alice", pageSize: 2 }, o).next()), ["authorization", `Bearer ${PLACEHOLDER}`]],
  ["Knetik getTokens (client_credentials)", (o) => knetik().getTokens({ filterUsername: "alice", size: 5, page: 1, order: "username:ASC" }, o), ["authorization", `Bearer ${PLACEHOLDER}`]],
  ["Knetik listAll (password)", (o) => (o?.dryRun ? first(knetikPassword().listAll({ filterClientId: "web", pageSize: 3 }, o)).then((r) => r[0]) : knetikPassword().listAll({ filterClientId: "web", pageSize: 3 }, o).next()), ["authorization", `Bearer ${PLACEHOLDER}`]],
  ["Knetik getToken", (o) => knetik().getToken("alice", "web", o), ["authorization", `Bearer ${PLACEHOLDER}`]],
  ["Knetik deleteTokens", (o) => knetik().deleteTokens({ username: "nobody", clientId: "web" }, o), ["authorization", `Bearer ${PLACEHOLDER}`]],
];

for (const [name, call, [credentialHeader, shown]] of CASES) {
  test(`${name}: dryRun sends nothing and resolves to exactly the request the call sends`, async () => {
    const dry = await call({ dryRun: true });
    assert.deepEqual(await sandbox.requests(), [], "a dry run sent a request");

    assert.deepEqual(Object.keys(dry).sort(), dry.body === undefined ? ["headers", "method", "url"] : ["body", "headers", "method", "url"]);
    assert.equal(dry.headers[credentialHeader], shown);
    const shownText = JSON.stringify(dry);
    for (const secret of SECRETS) assert.ok(!shownText.includes(secret), `${name}: the dry run shows a secret`);

    await call({}).catch((e) => assert.ok(e instanceof ApiError, String(e))); // some answers are errors; what was sent is the point
    const log = await sandbox.requests();
    const sent = log.filter((r) => r.path !== "/oauth/token");
    assert.ok(sent.length >= 1, "the real call sent nothing");
    const wire = sent[0]; // the first API request (revokeAll repeats the same one)
    assert.equal(dry.method, wire.method);
    assert.equal(dry.url, `${sandbox.url}${wire.path}${wire.query ? `?${wire.query}` : ""}`);
    assert.equal(asLogged(dry.body ?? "", dry.headers["content-type"]), wire.body);
    for (const [header, value] of Object.entries(dry.headers)) {
      const expected = CREDENTIAL_HEADERS.includes(header) ? "<redacted>" : value;
      assert.equal(wire.headers[header], expected, `header ${header}`);
    }
  });
}

test("a dry run refuses what the call refuses, with the same error, before anything is sent", async () => {
  const pairs = [
    [(o) => hopr().createToken({ capabilities: [{ endpoint: "notAnEndpoint" }] }, o), "request.capabilities[0].endpoint"],
    [(o) => hopr().getToken({ ...o, timeoutMs: 0 }), "options.timeoutMs"],
    [(o) => hopr().deleteToken("..", o), "id"],
    [(o) => v2().create({ grantType: "PASSWORD", clientId: 1, properties: [{ key: "k", value: "v" }] }, { ...o, contentType: "form" }), "request.properties"],
    [(o) => v2().revokeAll({}, o), "request"],
    [(o) => first(v2().listAll({ pageSize: 0 }, o)), "query.pageSize"],
    [(o) => knetik().deleteTokens({}, o), "filter"],
    [(o) => first(knetik().listAll({ order: "nope" }, o)), "query.order"],
  ];
  for (const [call, field] of pairs) {
    const real = await call({}).then(() => assert.fail(`expected ${field} to be refused`), (e) => e);
    const dry = await call({ dryRun: true }).then(() => assert.fail(`expected the dry run to refuse ${field}`), (e) => e);
    assert.ok(dry instanceof ApiError);
    assert.equal(dry.kind, "invalid_argument");
    assert.ok(dry.message.includes(`\`${field}\``), dry.message);
    assert.equal(dry.message, real.message);
  }
  assert.deepEqual(await sandbox.requests(), []);
});

test("dryRun must be a boolean, and false sends as usual", async () => {
  const err = await hopr().getToken({ dryRun: "yes" }).catch((e) => e);
  assert.equal(err.kind, "invalid_argument");
  assert.ok(err.message.includes("`options.dryRun`"), err.message);
  const mine = await hopr().getToken({ dryRun: false });
  assert.equal(mine.id, "hopr-demo-token");
});
