// Misuse the types must catch (tests/js/types.test.mjs expects these errors).
import { HoprTokens } from "tokenops";

const hopr = new HoprTokens({ baseUrl: "https://n", apiToken: "t" });
// TS2322: an endpoint name that does not exist.
void hopr.createToken({ capabilities: [{ endpoint: "tokensCreat" }] });
// TS2345: a number where the id string goes.
void hopr.deleteToken(42);
// TS2353: an unknown option.
void hopr.getToken({ timeout: 5 });
