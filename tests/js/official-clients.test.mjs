// The official clients against the sandbox: the services' own client libraries, code nobody here
// wrote, run every token operation against a private sandbox and check each result end to end (a
// created token can be read, listed, updated, revoked, deleted). @hoprnet/hopr-sdk,
// @authlete/typescript-sdk (API v3) and @knetik/knetikcloud-sdk come from bench/ (installed by
// scripts/setup.sh); Authlete's Python library (`authlete` on PyPI, API v2 and v3) runs from the
// venv build/python. Where an official client itself is wrong, the defect is listed in
// CLIENT_DEFECTS with its evidence and asserted to still show, so the list stays true.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { startSandbox } from "./sandbox.mjs";
import { rejection } from "./assertions.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const requireFromBench = createRequire(join(root, "bench/package.json"));
const sdk = (spec) => import(pathToFileURL(requireFromBench.resolve(spec)).href);

/**
 * Where an official client disagrees with the service it was written for, each as `[client,
 * what it does, evidence]`. Each is shown by a test below; README "Official clients" repeats them.
 */
export const CLIENT_DEFECTS = [
  ["@hoprnet/hopr-sdk 2.1.9", "getToken rejects (ZodError) a token whose capabilities carry no `limits`", "its TokenCapability schema has `limits: z.array(...).min(1)` (required); the node's OpenAPI document requires only `endpoint`, and the node answers capabilities without limits"],
  ["@hoprnet/hopr-sdk 2.1.9", "deleteToken of an unknown id throws SyntaxError instead of an API error", "it calls `response.json()` on every non-204 answer; the node answers 404 with an empty body (specs README)"],
];

let sandbox;
let url;
before(async () => {
  sandbox = await startSandbox();
  url = sandbox.url;
});
after(() => sandbox?.stop());


describe("@hoprnet/hopr-sdk", () => {
  let api;
  before(async () => {
    api = await sdk("@hoprnet/hopr-sdk/api");
  });

  test("create, read, delete a scoped token end to end", async () => {
    const capabilities = [{ endpoint: "tokensGetToken", limits: [{ type: "calls", conditions: { max: 5 } }] }];
    const before = Math.floor(Date.now() / 1000);
    const { token } = await api.createToken({ apiEndpoint: url, apiToken: "hopr-admin-token", capabilities, lifetime: 600, description: "official sdk" });
    assert.match(token, /^\S{16,}$/);

    const mine = await api.getToken({ apiEndpoint: url, apiToken: token });
    assert.equal(mine.id, token, "on a node a token's id is its value");
    assert.equal(mine.description, "official sdk");
    assert.deepEqual(mine.capabilities.map((c) => [c.endpoint, c.limits.map((l) => [l.type, l.conditions.max])]), [["tokensGetToken", [["calls", 5]]]]);
    assert.ok(mine.valid_until >= before + 600 && mine.valid_until <= Math.ceil(Date.now() / 1000) + 600, `valid_until ${mine.valid_until}`);

    assert.equal(await api.deleteToken({ apiEndpoint: url, apiToken: "hopr-demo-token", id: mine.id }), true);
    const gone = await rejection(api.getToken({ apiEndpoint: url, apiToken: token }));
    assert.equal(gone.status, 401);
  });

  test("a caller without the capability gets the node's 403 as an API error", async () => {
    const e = await rejection(api.createToken({ apiEndpoint: url, apiToken: "hopr-readonly-token", capabilities: [{ endpoint: "tokensGetToken", limits: [{ type: "calls" }] }], lifetime: 60, description: "x" }));
    assert.equal(e.status, 403);
    assert.equal(e.statusText, "UNAUTHORIZED");
  });

  test("listed defect: getToken rejects capabilities without limits", async () => {
    const e = await rejection(api.getToken({ apiEndpoint: url, apiToken: "hopr-demo-token" }));
    assert.equal(e.name, "ZodError");
    assert.deepEqual(e.issues[0].path, ["capabilities", 0, "limits"]);
  });

  test("listed defect: deleteToken of an unknown id throws SyntaxError on the empty 404", async () => {
    const e = await rejection(api.deleteToken({ apiEndpoint: url, apiToken: "hopr-demo-token", id: "no-such-id" }));
    assert.equal(e.name, "SyntaxError");
    assert.equal(await sandbox.count("DELETE", "/api/v3/tokens/no-such-id"), 1);
  });
});

describe("@authlete/typescript-sdk (API v3)", () => {
  const serviceId = "715948317";
  let AuthleteCore;
  let funcs;
  let ops;
  before(async () => {
    ({ AuthleteCore } = await sdk("@authlete/typescript-sdk/core.js"));
    const core = new AuthleteCore({ serverURL: url, bearer: "sandbox-service-token" });
    funcs = {};
    ops = {};
    for (const op of ["Create", "List", "Update", "Revoke", "Delete"]) {
      const fn = (await sdk(`@authlete/typescript-sdk/funcs/tokenManagement${op}.js`))[`tokenManagement${op}`];
      funcs[op.toLowerCase()] = fn;
      ops[op.toLowerCase()] = async (req) => {
        const r = await fn(core, { serviceId, ...req });
        if (!r.ok) throw r.error;
        return r.value;
      };
    }
  });

  const list = (subject) => ops.list({ subject }).then((r) => r.accessTokens ?? []);

  test("create, list, update, revoke, delete end to end", async () => {
    const subject = "official-ts";
    const created = await ops.create({ tokenCreateRequest: { grantType: "AUTHORIZATION_CODE", clientId: 1001, subject, scopes: ["openid"], accessTokenDuration: 600, properties: [{ key: "team", value: "ops" }] } });
    assert.equal(created.action, "OK");
    assert.equal(created.subject, subject);
    assert.deepEqual(created.scopes, ["openid"]);
    assert.equal(created.expiresIn, 600);
    assert.ok(created.accessToken && created.refreshToken);

    const [listed] = await list(subject);
    assert.equal(listed.clientId, 1001);
    assert.equal(listed.accessTokenExpiresAt, created.expiresAt);
    assert.deepEqual(listed.properties, [{ key: "team", value: "ops" }]);
    assert.equal(listed.accessToken, undefined, "list answers carry hashes, never token values");

    // Update: new scopes; the expiry and the properties are left out, so they stay.
    const updated = await ops.update({ tokenUpdateRequest: { accessToken: created.accessToken, scopes: ["openid", "email"] } });
    assert.equal(updated.action, "OK");
    assert.deepEqual(updated.scopes, ["openid", "email"]);
    assert.equal(updated.accessTokenExpiresAt, created.expiresAt);
    assert.deepEqual(updated.properties, [{ key: "team", value: "ops" }]);
    const [after] = await list(subject);
    assert.deepEqual(after.scopes, ["openid", "email"]);

    // A second token to revoke; the first is deleted.
    const second = await ops.create({ tokenCreateRequest: { grantType: "CLIENT_CREDENTIALS", clientId: 1002, scopes: ["email"] } });
    const revoked = await ops.revoke({ tokenRevokeRequest: { accessTokenIdentifier: second.accessToken } });
    assert.equal(revoked.count, 1);
    await ops.delete({ accessTokenIdentifier: created.accessToken });
    assert.deepEqual(await list(subject), []);
  });

  test("a wrong bearer token is an API error with the service's 401", async () => {
    const r = await funcs.list(new AuthleteCore({ serverURL: url, bearer: "wrong" }), { serviceId });
    assert.equal(r.ok, false);
    assert.equal(r.error.statusCode, 401);
  });
});

describe("@knetik/knetikcloud-sdk", () => {
  let ApiClient;
  let AuthTokensApi;
  let client;
  let tokens;
  let oauth;
  before(async () => {
    ({ default: ApiClient } = await sdk("@knetik/knetikcloud-sdk/src/ApiClient.js"));
    ({ default: AuthTokensApi } = await sdk("@knetik/knetikcloud-sdk/src/api/AuthTokensApi.js"));
    const { default: AccessTokenApi } = await sdk("@knetik/knetikcloud-sdk/src/api/Access_TokenApi.js");
    client = new ApiClient();
    client.basePath = url;
    oauth = new AccessTokenApi(client);
    tokens = new AuthTokensApi(client);
  });

  test("OAuth grants, then list, get, delete a user's token end to end", async () => {
    const admin = await oauth.getOAuthToken("client_credentials", "admin-client", { clientSecret: "admin-secret" });
    assert.equal(admin.token_type, "bearer");
    client.authentications.oauth2_client_credentials_grant.accessToken = admin.access_token;

    // A password grant creates the user's token; a refresh grant renews it.
    const user = await oauth.getOAuthToken("password", "web", { username: "alice", password: "alice-pass" });
    const renewed = await oauth.getOAuthToken("refresh_token", "web", { refreshToken: user.refresh_token });
    assert.notEqual(renewed.access_token, user.access_token);

    const page = await tokens.getTokens({ filterUsername: "alice", filterClientId: "web", size: 50, page: 1 });
    assert.ok(page.content.length >= 1);
    assert.ok(page.content.every((t) => t.username === "alice" && t.client_id === "web" && t.token === undefined));
    assert.equal(page.total_elements, page.content.length);

    const one = await tokens.getToken("alice", "web");
    assert.equal(one.username, "alice");
    assert.equal(typeof one.token, "string");

    await tokens.deleteTokens({ username: "alice", clientId: "web" });
    const e = await rejection(tokens.getToken("alice", "web"));
    assert.equal(e.status, 404);
    assert.equal((await tokens.getTokens({ filterUsername: "alice" })).content.length, 0);
  });

  test("pages count from 1 and walk the whole list once", async () => {
    const first = await tokens.getTokens({ size: 2, page: 1, order: "username:ASC" });
    const seen = [];
    for (let p = 1; p <= first.total_pages; p++) {
      seen.push(...(await tokens.getTokens({ size: 2, page: p, order: "username:ASC" })).content.map((t) => `${t.username}/${t.client_id}`));
    }
    assert.equal(seen.length, first.total_elements);
  });

  test("a wrong bearer token is a 401 and a wrong client secret an OAuth error", async () => {
    const other = new ApiClient();
    other.basePath = url;
    other.authentications.oauth2_client_credentials_grant.accessToken = "wrong";
    assert.equal((await rejection(new AuthTokensApi(other).getTokens({}))).status, 401);
    const e = await rejection(oauth.getOAuthToken("client_credentials", "admin-client", { clientSecret: "wrong" }));
    assert.equal(e.status, 401);
    assert.equal(e.response.body.error, "invalid_client");
  });
});

describe("authlete (Python, PyPI)", () => {
  const python = join(root, "build/python/bin/python");
  const script = join(root, "tests/official/authlete_official.py");

  for (const mode of ["v2", "v3"]) {
    test(`API ${mode}: create, list, update, revoke, delete end to end`, async () => {
      await sandbox.reset();
      const r = spawnSync(python, [script, url, mode], { encoding: "utf8", timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      const subject = `official-python-${mode}`;
      const paths = (await sandbox.requests()).map((q) => `${q.method} ${q.path.split("?")[0]}`);
      const prefix = mode === "v3" ? "/api/715948317/auth/token" : "/api/auth/token";
      assert.ok(paths.includes(`POST ${prefix}/create`) && paths.includes(`GET ${prefix}/get/list`), paths.join(", "));

      assert.equal(out.create.action, "OK");
      assert.deepEqual([out.create.subject, out.create.clientId, out.create.expiresIn], [subject, 1001, 600]);
      assert.equal(out.list.totalCount, 1);
      assert.equal(out.list.client.clientId, 1001);
      const [listed] = out.list.accessTokens;
      assert.deepEqual(listed.scopes, ["openid"]);
      assert.equal(listed.accessTokenExpiresAt, out.create.expiresAt);

      // The library sends unset fields as null/0: they must leave the token as it is.
      assert.equal(out.update.action, "OK");
      assert.deepEqual(out.update.scopes, ["openid", "email"]);
      assert.equal(out.update.accessTokenExpiresAt, out.create.expiresAt, "accessTokenExpiresAt 0 leaves the expiry");
      assert.deepEqual(out.update.properties, [{ key: "team", value: "ops", hidden: false }], "properties null leaves them");
      assert.deepEqual(out.listAfterUpdate.accessTokens[0].scopes, ["openid", "email"]);
      assert.equal(out.updateExpiry.accessTokenExpiresAt, 4102444800000);
      assert.deepEqual(out.updateExpiry.scopes, ["openid", "email"], "scopes null leaves them");

      assert.equal(out.createSecond.expiresIn, 86400, "accessTokenDuration 0 is the service's default");
      assert.equal(out.revoke.count, 1);
      assert.equal(out.delete, null);
      assert.deepEqual([out.listAfterDelete.totalCount, out.listAfterDelete.accessTokens], [0, []]);
      assert.equal(out.wrongCredential.error.status, 401);
    });
  }
});
