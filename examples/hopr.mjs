// HOPR node API v3 tokens. Run against the sandbox: node examples/hopr.mjs http://127.0.0.1:8787
import { HoprTokens, ApiError } from "tokenops";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:8787";
const hopr = new HoprTokens({ baseUrl, apiToken: "hopr-demo-token" });

const { token } = await hopr.createToken({
  capabilities: [{ endpoint: "tokensGetToken" }],
  lifetime: 3600,
  description: "read-only dashboard",
});
const scoped = new HoprTokens({ baseUrl, apiToken: token, authScheme: "basic" });
const mine = await scoped.getToken();
// On a node, `mine.id` is the token itself (a secret): use it, never print it.
console.log(`created "${mine.description}", valid until ${new Date(mine.valid_until * 1000).toISOString()}`);

await hopr.deleteToken(mine.id);
try {
  await scoped.getToken();
} catch (err) {
  if (!(err instanceof ApiError)) throw err;
  console.log(`after delete: ${err.kind} ${err.status} ${err.code}`); // http 401 UNAUTHORIZED
}
