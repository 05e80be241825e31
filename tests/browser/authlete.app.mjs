// Every Authlete operation from a browser page, v2 and v3, JSON and form bodies.
import { AuthleteTokens, ApiError } from "tokenops";

export async function run(sandboxUrl) {
  const out = { versions: {} };
  const clients = {
    v2: new AuthleteTokens({ baseUrl: sandboxUrl, apiKey: "sandbox-key", apiSecret: "sandbox-secret" }),
    v3: new AuthleteTokens({ baseUrl: sandboxUrl, serviceId: "715948317", accessToken: "sandbox-service-token" }),
  };
  for (const [version, a] of Object.entries(clients)) {
    const r = {};
    const created = await a.create({ grantType: "PASSWORD", clientId: 1001, subject: `web-${version}`, scopes: ["openid"] });
    r.createdAction = created.action;
    const formCreated = await a.create({ grantType: "PASSWORD", clientId: 1001, subject: `web-${version}` }, { contentType: "form" });
    r.listed = (await a.list({ subject: `web-${version}` })).totalCount;
    r.updated = (await a.update({ accessToken: created.accessToken, scopes: ["email"] }, { contentType: "form" })).scopes;
    r.revoked = (await a.revoke({ accessTokenIdentifier: created.accessToken })).count;
    r.deleted = await a.delete(formCreated.accessToken);
    let all = 0;
    for await (const _ of a.listAll({ subject: "alice", pageSize: 2 })) all++;
    r.listAll = all;
    r.revokeAll = (await a.revokeAll({ subject: "bob" })).count;
    out.versions[version] = r;
  }
  try {
    await new AuthleteTokens({ baseUrl: sandboxUrl, apiKey: "sandbox-key", apiSecret: "wrong" }).list();
  } catch (err) {
    out.error = { isApiError: err instanceof ApiError, status: err.status, code: err.code };
  }
  out.big = String((await clients.v3.create({ grantType: "CLIENT_CREDENTIALS", clientId: 9007199254740993n })).clientId);
  return out;
}

export function check(r, assert) {
  for (const version of ["v2", "v3"]) {
    const v = r.versions[version];
    assert.equal(v.createdAction, "OK");
    assert.equal(v.listed, 2);
    assert.deepEqual(v.updated, ["email"]);
    assert.equal(v.revoked, 1);
    assert.equal(v.deleted, undefined);
    assert.equal(v.listAll, 3);
  }
  assert.equal(r.versions.v2.revokeAll, 2);
  assert.equal(r.versions.v3.revokeAll, 0);
  assert.deepEqual(r.error, { isApiError: true, status: 401, code: "A001203" });
  assert.equal(r.big, "9007199254740993");
}
