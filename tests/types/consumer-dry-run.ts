// A TypeScript consumer of `dryRun: true`: each method's overload resolves to a `DryRun`;
// compiled with --strict by tests/js/types.test.mjs.
import { HoprTokens, AuthleteTokens, KnetikTokens } from "tokenops";
import type { DryRun, DryRunOptions, Token } from "tokenops";

async function main(): Promise<void> {
  const hopr = new HoprTokens({ baseUrl: "http://127.0.0.1:8787", apiToken: "t" });
  const created: DryRun = await hopr.createToken({ capabilities: [{ endpoint: "tokensGetToken" }] }, { dryRun: true });
  const mine: DryRun = await hopr.getToken({ dryRun: true, timeoutMs: 5 });
  const gone: DryRun = await hopr.deleteToken("id", { dryRun: true });
  const sent: Token = await hopr.getToken({ dryRun: false });
  const options: DryRunOptions = { dryRun: true };
  const handedOn = (o: { dryRun?: boolean; timeoutMs?: number }) => hopr.getToken(o); // a wrapper's options
  const either: Token | DryRun = await handedOn({ dryRun: Math.random() < 0.5 });
  const method: "GET" | "POST" | "PUT" | "DELETE" = (await hopr.getToken(options)).method;
  const header: string | undefined = created.headers["x-auth-token"];
  const body: string | undefined = created.body;

  const v2 = new AuthleteTokens({ baseUrl: "http://127.0.0.1:8787", apiKey: "k", apiSecret: "s" });
  const runs: DryRun[] = [
    await v2.create({ grantType: "PASSWORD", clientId: 1 }, { dryRun: true, contentType: "form" }),
    await v2.update({ accessToken: "a" }, { dryRun: true }),
    await v2.revoke({ subject: "s" }, { dryRun: true }),
    await v2.revokeAll({ subject: "s" }, { dryRun: true }),
    await v2.delete("a", { dryRun: true }),
    await v2.list({ subject: "s" }, { dryRun: true }),
    await v2.list(undefined, { dryRun: true }),
  ];
  for await (const page of v2.listAll({ pageSize: 5 }, { dryRun: true })) runs.push(page);

  const k = new KnetikTokens({ baseUrl: "http://127.0.0.1:8787", clientId: "c", clientSecret: "s" });
  runs.push(await k.getTokens({ filterUsername: "u" }, { dryRun: true }));
  runs.push(await k.getToken("u", "c", { dryRun: true }));
  runs.push(await k.deleteTokens({ username: "u" }, { dryRun: true }));
  for await (const page of k.listAll(null, { dryRun: true })) runs.push(page);
  console.log(mine.url, either, gone.method, sent.id, method, header, body, runs.length);
}

void main();
