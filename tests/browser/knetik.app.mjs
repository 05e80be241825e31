// Every Knetik operation from a browser page, with the three credential forms.
import { KnetikTokens, ApiError } from "tokenops";

export async function run(sandboxUrl) {
  const out = {};
  const res = await fetch(`${sandboxUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=admin-client&client_secret=admin-secret",
  });
  const { access_token } = await res.json();
  const clients = {
    accessToken: new KnetikTokens({ baseUrl: sandboxUrl, accessToken: access_token }),
    clientCredentials: new KnetikTokens({ baseUrl: sandboxUrl, clientId: "admin-client", clientSecret: "admin-secret" }),
    password: new KnetikTokens({ baseUrl: sandboxUrl, clientId: "web", username: "root", password: "root-pass" }),
  };
  for (const [name, k] of Object.entries(clients)) {
    const page = await k.getTokens({ filterUsername: "alice", size: 10, page: 1, order: "username:ASC" });
    const one = await k.getToken("alice", "web");
    let all = 0;
    for await (const _ of k.listAll({ filterClientId: "web-app", pageSize: 1 })) all++;
    out[name] = { total: page.total_elements, hasToken: typeof one.token === "string", all };
  }
  out.deleted = await clients.password.deleteTokens({ username: "asmith", clientId: "web-app" });
  try {
    await clients.password.getToken("asmith", "web-app");
  } catch (err) {
    out.error = { isApiError: err instanceof ApiError, status: err.status };
  }
  return out;
}

export function check(r, assert) {
  for (const name of ["accessToken", "clientCredentials", "password"]) {
    assert.deepEqual(r[name], { total: 1, hasToken: true, all: 2 });
  }
  assert.equal(r.deleted, undefined);
  assert.deepEqual(r.error, { isApiError: true, status: 404 });
}
