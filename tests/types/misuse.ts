// Misuse the types must catch: tests/js/types.test.mjs expects a compile error on exactly the
// lines marked `expect-error`, and on no other line.
import { HoprTokens, ApiError } from "tokenops";
import type { Token } from "tokenops";

const hopr = new HoprTokens({ baseUrl: "https://n", apiToken: "t" });
void hopr.createToken({ capabilities: [{ endpoint: "tokensCreat" }] }); // expect-error: unknown endpoint
void hopr.createToken({ capabilities: [{ endpoint: "nodePing" }], lifetime: "1h" }); // expect-error: lifetime is a number
void hopr.createToken({ capabilities: [{ endpoint: "nodePing", limts: [] }] }); // expect-error: a misspelt field of a capability
void hopr.createToken({ capabilities: [{ endpoint: "nodePing", limits: [{ type: "calls", used: 0 }] }] }); // expect-error: `used` is reported, never sent
void hopr.deleteToken(42); // expect-error: the id is a string
void hopr.getToken({ timeout: 5 }); // expect-error: unknown call option
void hopr.getToken({ dryRun: 1 }); // expect-error: dryRun is a boolean
void hopr.getToken({ dryRun: true }).then((t: Token) => t.id); // expect-error: a dry run resolves to a DryRun
void new HoprTokens({ baseUrl: "https://n" }); // expect-error: apiToken is required
void new HoprTokens({ baseUrl: "https://n", apiToken: "t", authScheme: "digest" }); // expect-error: unknown scheme
const kind: "http" | "network" = new ApiError({ kind: "timeout", message: "", status: null, code: null, provider: "hopr", operation: "x", body: null, retryAfterMs: null }).kind; // expect-error: kind is wider
void kind;
import { AuthleteTokens, KnetikTokens } from "tokenops";
void new AuthleteTokens({ baseUrl: "https://a", apiKey: "k", apiSecret: "s", accessToken: "t" }); // expect-error: v2 and v3 mixed
void new AuthleteTokens({ baseUrl: "https://a", apiKey: "k", apiSecret: "s" }).create({ grantType: "PASWORD", clientId: 1 }); // expect-error: unknown grant type
void new AuthleteTokens({ baseUrl: "https://a", apiKey: "k", apiSecret: "s" }).list({ tokenStatus: "valid" }); // expect-error: tokenStatus is upper case
void new AuthleteTokens({ baseUrl: "https://a", apiKey: "k", apiSecret: "s" }).create({ grantType: "PASSWORD", clientId: 1, properties: [{ key: "k", vaule: "v" }] }); // expect-error: a misspelt field of a property
void new AuthleteTokens({ baseUrl: "https://a", apiKey: "k", apiSecret: "s" }).update({ accessToken: "a", properties: [{ value: "v" }] }); // expect-error: a property needs its key
void new KnetikTokens({ baseUrl: "https://a", clientId: "c" }); // expect-error: incomplete credentials
void new KnetikTokens({ baseUrl: "https://a", accessToken: "t" }).deleteTokens({}); // expect-error: a filter is required
