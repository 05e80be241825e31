// A TypeScript consumer of the public API; compiled with --strict by tests/js/types.test.mjs.
import { ApiError, HoprTokens } from "tokenops";
import type { ApiErrorKind, CallOptions, CreateTokenRequest, Token, TokenCapability } from "tokenops";

async function main(): Promise<void> {
  const hopr = new HoprTokens({ baseUrl: "http://127.0.0.1:8787", apiToken: "hopr-demo-token", authScheme: "basic", timeoutMs: 5000, retry: { retries: 1 } });
  const request: CreateTokenRequest = {
    capabilities: [{ endpoint: "tokensGetToken", limits: [{ type: "calls", conditions: { max: 10 } }] }],
    lifetime: 3600,
    description: "typed",
  };
  const created: { token: string } = await hopr.createToken(request);
  const options: CallOptions = { signal: new AbortController().signal, timeoutMs: 100, retry: false };
  const token: Token = await hopr.getToken(options);
  const expires: number | undefined = token.valid_until;
  const caps: TokenCapability[] = token.capabilities;
  const used: number | undefined = caps[0]?.limits?.[0]?.used;
  const newer: string = caps[0]?.endpoint ?? ""; // an answer may name an endpoint a newer node added
  const nothing: void = await hopr.deleteToken(token.id);
  console.log(created.token.length, expires, used, newer, nothing, JSON.stringify(hopr.toJSON().provider));
  try {
    await hopr.getToken();
  } catch (err) {
    if (err instanceof ApiError) {
      const kind: ApiErrorKind = err.kind;
      const status: number | null = err.status;
      const code: string | null = err.code;
      const retryAfter: number | null = err.retryAfterMs;
      console.log(kind, status, code, retryAfter, err.provider, err.operation, err.message);
    }
  }
}

void main();
