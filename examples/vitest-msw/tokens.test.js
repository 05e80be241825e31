// A user's test, as a web console team would write it: the code under test (`rotate`, below)
// uses tokenops against HOPR; the test runs it against tokenops/sandbox's in-process emulator,
// first through MSW (which intercepts the global `fetch`; `http.all` hands each request to the
// emulator's `fetch`), then through the client's own `fetch` option. No server, no port, no
// account; a fresh emulator per test; time moved, never waited for.
import { test, expect, beforeAll, afterAll, afterEach } from "vitest";
import { setupServer } from "msw/node";
import { http } from "msw";
import { createSandbox } from "tokenops/sandbox";
import { HoprTokens, ApiError } from "tokenops";

/** The code under test: make a one-minute read-only token for a dashboard and check it works. */
async function rotate(baseUrl, adminToken, extra = {}) {
  const admin = new HoprTokens({ baseUrl, apiToken: adminToken, ...extra });
  const { token } = await admin.createToken({ capabilities: [{ endpoint: "tokensGetToken" }], lifetime: 60, description: "dashboard" });
  const dashboard = new HoprTokens({ baseUrl, apiToken: token, ...extra });
  await dashboard.getToken();
  return dashboard;
}

let sb = createSandbox();
const server = setupServer(http.all(`${sb.url}/*`, ({ request }) => sb.fetch(request)));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  sb = createSandbox(); // the next test starts from the seeded state
});
afterAll(() => server.close());

test("through MSW: the dashboard token works, then expires after its minute", async () => {
  const dashboard = await rotate(sb.url, sb.credentials.hopr.superuser.apiToken);
  expect((await dashboard.getToken()).description).toBe("dashboard");
  await sb.advanceClock(61_000);
  const err = await dashboard.getToken().catch((e) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err.status).toBe(401);
  const sent = (await sb.requests()).map((r) => `${r.method} ${r.path}`);
  expect(sent).toEqual(["POST /api/v3/tokens/", "GET /api/v3/token", "GET /api/v3/token", "GET /api/v3/token"]);
});

test("through the fetch option: a node that is down is reported, and the next call works", async () => {
  await sb.fault({ path: "/api/v3/tokens/", status: 503, body: "" });
  const err = await rotate(sb.url, sb.credentials.hopr.superuser.apiToken, { fetch: sb.fetch }).catch((e) => e);
  expect(err.kind).toBe("http");
  expect(err.status).toBe(503);
  const dashboard = await rotate(sb.url, sb.credentials.hopr.superuser.apiToken, { fetch: sb.fetch });
  expect((await dashboard.getToken()).description).toBe("dashboard");
});
