// A Deno TypeScript user's view of the package: `deno check` of this file (deno.test.mjs runs it)
// must pass, and each @ts-expect-error must be needed, so types that went missing (any) fail too.
import { ApiError, AuthleteTokens, HoprTokens, type Token } from "npm:tokenops";
import { KnetikTokens } from "npm:tokenops/knetik";

const hopr = new HoprTokens({ baseUrl: "http://127.0.0.1:8787", apiToken: "x" });
export const mine: Promise<Token> = hopr.getToken();
// @ts-expect-error getToken resolves to a Token, not a number
export const wrong: number = hopr.getToken();
// @ts-expect-error the Authlete constructor takes one credential form, not a HOPR token
new AuthleteTokens({ baseUrl: "http://127.0.0.1:8787", apiToken: "x" });
export const knetik = new KnetikTokens({ baseUrl: "http://127.0.0.1:8787", accessToken: "x" });
export function kind(e: unknown): string | undefined {
  return e instanceof ApiError ? e.kind : undefined;
}
