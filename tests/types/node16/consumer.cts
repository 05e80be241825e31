// A CommonJS consumer under `module: node16`.
import tokenops = require("tokenops");
import hopr = require("tokenops/hopr");

void new tokenops.AuthleteTokens({ baseUrl: "http://127.0.0.1:8787", apiKey: "k", apiSecret: "s" });
void new hopr.HoprTokens({ baseUrl: "http://127.0.0.1:8787", apiToken: "t" });
