// A TypeScript consumer of the Authlete and Knetik clients; compiled with --strict.
import { AuthleteTokens, KnetikTokens, ApiError } from "tokenops";
import type { AccessToken, Int64, TokenCreateResponse, TokenGetListResponse, PageResource, OauthAccessTokenResource } from "tokenops";

async function authlete(): Promise<void> {
  const v2 = new AuthleteTokens({ baseUrl: "http://127.0.0.1:8787", apiKey: "sandbox-key", apiSecret: "sandbox-secret" });
  const v3 = new AuthleteTokens({ baseUrl: "http://127.0.0.1:8787", serviceId: "715948317", accessToken: "sandbox-service-token", timeoutMs: 5000 });
  const created: TokenCreateResponse = await v2.create({ grantType: "PASSWORD", clientId: 9007199254740993n, subject: "alice", scopes: ["openid"] }, { contentType: "form" });
  const id: Int64 | undefined = created.clientId;
  const updated = await v3.update({ accessToken: created.accessToken ?? "", scopes: ["email"] });
  const list: TokenGetListResponse = await v3.list({ subject: "alice", start: 0, end: 10, tokenStatus: "VALID" });
  const first: AccessToken | undefined = list.accessTokens[0];
  for await (const token of v2.listAll({ clientIdentifier: "demo-web", pageSize: 50 })) {
    const hash: string | undefined = token.accessTokenHash;
    void hash;
  }
  const { count } = await v2.revokeAll({ subject: "alice" }, { signal: AbortSignal.timeout(10_000) });
  const revoked: number = (await v2.revoke({ accessTokenIdentifier: "x" })).count;
  await v2.delete("hash-or-value");
  console.log(id, updated.action, first?.subject, count, revoked, v3.toJSON().apiVersion);
}

async function knetik(): Promise<void> {
  const k1 = new KnetikTokens({ baseUrl: "http://127.0.0.1:8787", accessToken: "t" });
  const k2 = new KnetikTokens({ baseUrl: "http://127.0.0.1:8787", clientId: "admin-client", clientSecret: "admin-secret" });
  const k3 = new KnetikTokens({ baseUrl: "http://127.0.0.1:8787", clientId: "web", username: "root", password: "root-pass" });
  const page: PageResource = await k2.getTokens({ filterUsername: "alice", size: 10, page: 1, order: "username:ASC" });
  const all: PageResource = await k3.getTokens();
  for await (const t of k1.listAll({ filterClientId: "web", pageSize: 100 })) console.log(t.username);
  const one: OauthAccessTokenResource = await k2.getToken("alice", "web");
  await k2.deleteTokens({ username: "alice" });
  await k2.deleteTokens({ clientId: "web" }, { timeoutMs: 1000 });
  console.log(page.total_elements, all.content.length, one.token);
  try {
    await k2.getTokens();
  } catch (err) {
    if (err instanceof ApiError && err.provider === "knetik") console.log(err.code);
  }
}

void authlete();
void knetik();
