// README's "Node with startSandbox" recipe, as a node:test suite (the test command runs it):
// a real sandbox on loopback, a session per test, the clock moved instead of waited for.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSandbox } from "tokenops/sandbox";
import { KnetikTokens } from "tokenops";

let sb;
before(async () => (sb = await startSandbox({ knetikTokenTtl: 60 })));
after(() => sb.close());

test("an expired OAuth token is replaced", async (t) => {
  const session = await sb.session(); // this test's own world
  t.after(() => session.close());
  const k = new KnetikTokens({ baseUrl: session.url, ...sb.credentials.knetik.clientCredentials });
  await k.getTokens();
  await session.advanceClock(61_000);
  await k.getTokens(); // 401, new token, repeated: it just works
  await session.fault({ path: "/auth/tokens", status: 503, body: "" });
  await assert.rejects(k.getTokens({}, { retry: false }), { status: 503 });
  assert.equal((await session.requests()).filter((r) => r.path === "/oauth/token").length, 2);
});
