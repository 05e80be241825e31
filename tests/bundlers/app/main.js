// A page as a web developer writes it: import the package by its bare name, make a call that
// works and one the sandbox refuses. The test reads window.testResult.
import { HoprTokens, ApiError } from "tokenops";

const sandbox = new URLSearchParams(location.search).get("sandbox");
async function run() {
  const mine = await new HoprTokens({ baseUrl: sandbox, apiToken: "hopr-demo-token" }).getToken();
  const refused = await new HoprTokens({ baseUrl: sandbox, apiToken: "wrong" }).getToken().catch((e) => e);
  return { id: mine.id, isApiError: refused instanceof ApiError, status: refused.status, kind: refused.kind };
}
run().then(
  (result) => (window.testResult = { ok: true, result }),
  (error) => (window.testResult = { ok: false, error: String(error) }),
);
