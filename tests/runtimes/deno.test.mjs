// A Deno user's project: this directory's package.json depends on tokenops, and the code imports
// it as `npm:tokenops` (and by its bare name, which Deno resolves through package.json too). Both
// must be the one installed package, and every service must work against the sandbox. Run by
// scripts/runtimes.sh with `deno test` from this directory.
import assert from "node:assert/strict";
import { HoprTokens, AuthleteTokens, KnetikTokens, ApiError } from "npm:tokenops";
import * as bare from "tokenops";
import * as hoprEntry from "npm:tokenops/hopr";
import { startSandbox } from "../js/sandbox.mjs";

Deno.test("npm:tokenops, the bare name and npm:tokenops/hopr are the one installed package", async () => {
  assert.equal(bare.HoprTokens, HoprTokens);
  assert.equal(bare.ApiError, ApiError);
  // tokenops/hopr has its own wasm, so its own HoprTokens; ApiError is the package's one class.
  assert.equal(hoprEntry.ApiError, ApiError);
  assert.deepEqual(Object.keys(hoprEntry).sort(), ["ApiError", "HoprTokens"]);
  const installed = JSON.parse(await Deno.readTextFile(new URL("node_modules/tokenops/package.json", import.meta.url)));
  assert.equal(installed.name, "tokenops");
});

Deno.test("every service works from Deno against the sandbox", async () => {
  const sandbox = await startSandbox();
  try {
    const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token" });
    assert.equal((await hopr.getToken()).id, "hopr-demo-token");

    const authlete = new AuthleteTokens({ baseUrl: sandbox.url, apiKey: "sandbox-key", apiSecret: "sandbox-secret" });
    // A client id above 2^53 goes out and comes back exact, as a BigInt.
    const created = await authlete.create({ grantType: "PASSWORD", clientId: 9007199254740993n, subject: "deno" });
    assert.equal(created.clientId, 9007199254740993n);
    const page = await authlete.list({ clientIdentifier: "big-id" });
    assert.equal(page.accessTokens[0].clientId, 9007199254740993n);

    const knetik = new KnetikTokens({ baseUrl: sandbox.url, clientId: "admin-client", clientSecret: "admin-secret" });
    const one = await knetik.getToken("alice", "web");
    assert.equal(one.username, "alice");

    const err = await new HoprTokens({ baseUrl: sandbox.url, apiToken: "wrong" }).getToken().catch((e) => e);
    assert.ok(err instanceof ApiError && err instanceof Error, String(err));
    assert.equal(err.status, 401);
    assert.equal(err.kind, "http");
  } finally {
    await sandbox.stop();
  }
});

Deno.test("a TypeScript file using the package passes deno check (types.ts)", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["check", "types.ts"],
    cwd: new URL(".", import.meta.url),
  }).output();
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assert.equal(code, 0, text);
});

// README "Runtimes": Deno's fetch itself sends a request again, POST included, when a reused
// keep-alive connection closes without an answer, so there a create can reach the server twice
// although the package never retries a POST (Node and Bun send a POST once).
Deno.test("Deno's fetch re-sends a POST once when a reused connection closes unanswered", async () => {
  const sandbox = await startSandbox();
  try {
    const hopr = new HoprTokens({ baseUrl: sandbox.url, apiToken: "hopr-demo-token", retry: false });
    await hopr.getToken(); // leaves a keep-alive connection to reuse
    await sandbox.fault({ path: "/api/v3/tokens/", drop: true });
    const { token } = await hopr.createToken({ capabilities: [{ endpoint: "tokensGetToken" }] });
    assert.equal(typeof token, "string");
    assert.equal(await sandbox.count("POST", "/api/v3/tokens/"), 2);
  } finally {
    await sandbox.stop();
  }
});
