// What a browser consumer does with the HOPR client; run by page.html (plain <script type="module">
// with an import map) and by the esbuild bundle, in Chromium, against the sandbox.
// Every tests/browser/*.app.mjs exports `run(sandboxUrl)` and `check(result, assert)`.
import { HoprTokens, ApiError } from "tokenops";

export async function run(sandboxUrl) {
  const out = {};
  const hopr = new HoprTokens({ baseUrl: sandboxUrl, apiToken: "hopr-demo-token" });
  const created = await hopr.createToken({ capabilities: [{ endpoint: "tokensGetToken" }], lifetime: 60 });
  const mine = await new HoprTokens({ baseUrl: sandboxUrl, apiToken: created.token, authScheme: "basic" }).getToken();
  out.createdId = mine.id;
  out.capabilities = mine.capabilities.map((c) => c.endpoint);
  await hopr.deleteToken(mine.id);
  try {
    await new HoprTokens({ baseUrl: sandboxUrl, apiToken: "wrong" }).getToken();
  } catch (err) {
    out.error = { isApiError: err instanceof ApiError, isError: err instanceof Error, kind: err.kind, status: err.status, code: err.code };
  }
  const controller = new AbortController();
  controller.abort();
  try {
    await hopr.getToken({ signal: controller.signal });
  } catch (err) {
    out.abortedKind = err.kind;
  }
  out.after = (await hopr.getToken()).id;
  return out;
}

/** The assertions on what `run` returned (executed in Node). */
export function check(r, assert) {
  assert.deepEqual(r.capabilities, ["tokensGetToken"]);
  assert.deepEqual(r.error, { isApiError: true, isError: true, kind: "http", status: 401, code: "UNAUTHORIZED" });
  assert.equal(r.abortedKind, "aborted");
  assert.equal(r.after, "hopr-demo-token");
}
