// tokenops/sandbox's browser build in a page: createSandbox, the emulator in the page, reached
// through the clients' `fetch` option; the clock, a session, faults as the page's fetch shows
// them. (The sandbox URL the page is given is not used: nothing leaves the page.)
import { HoprTokens, KnetikTokens } from "tokenops";
import { createSandbox, startSandbox } from "tokenops/sandbox";

export async function run() {
  const out = {};
  const sb = createSandbox({ knetikTokenTtl: 60 });
  const options = { baseUrl: sb.url, fetch: sb.fetch, retry: false };
  const admin = new HoprTokens({ ...options, ...sb.credentials.hopr.superuser });
  const { token } = await admin.createToken({ capabilities: [{ endpoint: "tokensGetToken" }], lifetime: 60 });
  const scoped = new HoprTokens({ ...options, apiToken: token });
  out.before = (await scoped.getToken()).id === token;
  await sb.advanceClock(61_000);
  out.expired = await scoped.getToken().then(() => "ok", (e) => `${e.kind} ${e.status}`);

  const k = new KnetikTokens({ ...options, ...sb.credentials.knetik.clientCredentials });
  await k.getTokens({ size: 1 });
  await sb.advanceClock(61_000);
  out.knetik = (await k.getTokens({ size: 1 })).size;
  out.oauthRequests = (await sb.requests()).filter((r) => r.path === "/oauth/token").length;

  const session = await sb.session();
  out.sessionUrl = session.url.startsWith(`${sb.url}/_sandbox/sessions/`);
  out.sessionIsolated = await new HoprTokens({ ...options, baseUrl: session.url, apiToken: token })
    .getToken()
    .then(() => "ok", (e) => e.status);
  await session.close();

  await sb.fault({ path: "/api/v3/token", drop: true });
  out.drop = await admin.getToken().then(() => "ok", (e) => e.kind);
  await sb.fault({ path: "/api/v3/token", stall: true, status: 200, body: '{"id":"x","capabilities":[]}' });
  out.stall = await new HoprTokens({ ...options, ...sb.credentials.hopr.demo, timeoutMs: 100 }).getToken().then(() => "ok", (e) => e.kind);
  out.startSandbox = await startSandbox().then(() => "started", (e) => e.message);
  return out;
}

/** The assertions on what `run` returned (executed in Node). */
export function check(r, assert) {
  assert.equal(r.before, true);
  assert.equal(r.expired, "http 401");
  assert.equal(r.knetik, 1);
  assert.equal(r.oauthRequests, 2);
  assert.equal(r.sessionUrl, true);
  assert.equal(r.sessionIsolated, 401);
  assert.equal(r.drop, "network");
  assert.equal(r.stall, "timeout");
  assert.match(r.startSandbox, /needs Node/);
}
