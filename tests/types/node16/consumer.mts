// An ESM consumer under `module: node16`: the named exports Node gives.
import { HoprTokens, ApiError } from "tokenops";
import { KnetikTokens } from "tokenops/knetik";
import type { Token } from "tokenops";

const token: Token = await new HoprTokens({ baseUrl: "http://127.0.0.1:8787", apiToken: "t" }).getToken();
console.log(token.id, ApiError.name, KnetikTokens.name);
