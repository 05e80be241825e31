// An entry gives only its own class as a value: tests/js/types.test.mjs expects a compile error on
// exactly the lines marked `expect-error`.
import { HoprTokens } from "tokenops/hopr";
import { AuthleteTokens } from "tokenops/hopr";
import { KnetikTokens } from "tokenops/authlete";

void new HoprTokens({ baseUrl: "https://n", apiToken: "t" });
void new AuthleteTokens({ baseUrl: "https://a", apiKey: "k", apiSecret: "s" }); // expect-error: not exported by tokenops/hopr
void new KnetikTokens({ baseUrl: "https://a", accessToken: "t" }); // expect-error: not exported by tokenops/authlete
