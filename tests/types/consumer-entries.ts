// A TypeScript consumer of the per-service entries; compiled with --strict.
import { HoprTokens, ApiError } from "tokenops/hopr";
import { AuthleteTokens } from "tokenops/authlete";
import { KnetikTokens, ApiError as KnetikApiError } from "tokenops/knetik";
import type { Token, TokenGetListResponse, PageResource, CallOptions } from "tokenops/hopr";

async function entries(): Promise<void> {
  const options: CallOptions = { timeoutMs: 1000 };
  const token: Token = await new HoprTokens({ baseUrl: "http://127.0.0.1:8787", apiToken: "t" }).getToken(options);
  const list: TokenGetListResponse = await new AuthleteTokens({ baseUrl: "http://127.0.0.1:8787", apiKey: "k", apiSecret: "s" }).list();
  const page: PageResource = await new KnetikTokens({ baseUrl: "http://127.0.0.1:8787", accessToken: "t" }).getTokens();
  console.log(token.id, list.accessTokens.length, page.content.length, ApiError === KnetikApiError);
}

void entries();
