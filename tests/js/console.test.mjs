// The admin console (www/) in headless Chromium against the sandbox that serves it: every
// provider section is driven through the UI, errors show in the page, credentials stay in their
// password inputs, and screenshots of each section are saved under build/screenshots/.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { startSandbox } from "./sandbox.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const shots = join(root, "build/screenshots");
const CREDENTIALS = ["hopr-demo-token", "sandbox-secret", "sandbox-service-token", "admin-secret", "root-pass"];

let sandbox;
let browser;
let page;
let problems;

before(async () => {
  sandbox = await startSandbox();
  await mkdir(shots, { recursive: true });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.reset();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("dialog", (d) => d.accept());
  await page.goto(sandbox.url + "/");
  await page.waitForSelector("section.provider");
});

const section = (id) => page.locator(`section#${id}`);
const status = (id) => section(id).locator(".status");

async function click(id, action) {
  await section(id).locator(`[data-action="${action}"]`).click();
  await page.waitForFunction((sel) => !document.querySelector(sel)?.disabled, `section#${id} [data-action="${action}"]`);
}

async function screenshots(id) {
  await section(id).screenshot({ path: join(shots, `${id}-desktop.png`) });
  await page.setViewportSize({ width: 375, height: 900 });
  await section(id).screenshot({ path: join(shots, `${id}-375.png`) });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 375 px`);
  await page.setViewportSize({ width: 1440, height: 1000 });
}

test("HOPR: connect, show my token, create, delete", async () => {
  await click("hopr", "hopr-connect");
  assert.match(await status("hopr").textContent(), /Connected: token "demo token", 3 capabilities/);
  // A node's token id is the token itself: the page says so and never shows it.
  assert.equal(await section("hopr").locator('[data-field="id"]').textContent(), "the API token above (hidden)");
  assert.equal(await section("hopr").locator('[data-field="valid_until"]').textContent(), "never");

  // A caller may only hand out capabilities it has, exactly as it has them (no limit here).
  await section("hopr").getByLabel("tokensGetToken", { exact: true }).check();
  await click("hopr", "hopr-create");
  assert.match(await status("hopr").textContent(), /Created a token with 1 capabilities/);
  const newToken = await section("hopr").getByLabel(/New token/).inputValue();
  assert.match(newToken, /^[0-9a-f]{32}$/);

  const toDelete = section("hopr").getByLabel(/Token to delete/);
  assert.equal(await toDelete.getAttribute("type"), "password");
  await toDelete.fill("hopr-readonly-token");
  await click("hopr", "hopr-delete");
  assert.equal(await status("hopr").textContent(), "Deleted the token");
  await screenshots("hopr");
  assert.deepEqual(problems, []);
});

test("Authlete: test connection (v2 and v3), list with paging, create, update, revoke in bulk, delete", async () => {
  const a = section("authlete");
  await click("authlete", "authlete-connect");
  assert.equal(await status("authlete").textContent(), "Connected (v2): 5 token(s) in the service");
  await a.getByLabel("API version").selectOption("v3");
  await click("authlete", "authlete-connect");
  assert.equal(await status("authlete").textContent(), "Connected (v3): 5 token(s) in the service");
  await a.getByLabel("Subject", { exact: true }).first().fill("alice");
  await a.getByLabel("Page size").fill("2");
  await click("authlete", "authlete-list");
  assert.equal(await a.locator('[data-field="range"]').textContent(), "1–2 of 3");
  assert.equal(await a.locator("tbody tr").count(), 2);
  const hash = await a.locator("tbody tr code").first().getAttribute("title");
  assert.ok(hash.length > 20, "full hash on hover");
  await a.getByRole("button", { name: "Next" }).click();
  await page.waitForFunction(() => document.querySelector('#authlete [data-field="range"]')?.textContent === "3–3 of 3");

  await click("authlete", "authlete-create");
  assert.match(await status("authlete").textContent(), /Created a PASSWORD token for alice/);
  const value = await a.getByLabel(/New access token/).inputValue();
  assert.ok(value.length > 20);

  await a.getByLabel("Access token (value or hash)").first().fill(value);
  await a.getByLabel(/New scopes/).fill("email");
  await click("authlete", "authlete-update");
  assert.match(await status("authlete").textContent(), /Updated: scopes email/);

  await a.getByLabel("…or all tokens of subject").fill("bob");
  await click("authlete", "authlete-revoke");
  assert.match(await status("authlete").textContent(), /Revoked 2 token\(s\)/);

  await a.getByLabel("Access token identifier (value or hash)").last().fill(value);
  await click("authlete", "authlete-delete");
  assert.match(await status("authlete").textContent(), /Deleted the token/);
  await screenshots("authlete");
  assert.deepEqual(problems, []);
});

test("Knetik: test connection, list with sort and paging, get one, delete with a counted confirmation", async () => {
  const k = section("knetik");
  await k.getByLabel("Credentials").selectOption("password");
  await click("knetik", "knetik-connect");
  assert.equal(await status("knetik").textContent(), "Connected: 5 token(s) visible");
  await k.getByLabel("Credentials").selectOption("client credentials");
  const dialogs = [];
  page.on("dialog", (d) => dialogs.push(d.message()));
  await k.getByLabel("Sort").selectOption("username:ASC");
  await k.getByLabel("Page size").fill("2");
  await click("knetik", "knetik-list");
  assert.match(await k.locator('[data-field="page"]').textContent(), /^page 1 of 3 · 6 tokens$/);
  await k.getByRole("button", { name: "Next" }).click();
  await page.waitForFunction(() => /^page 2 of 3/.test(document.querySelector('#knetik [data-field="page"]')?.textContent ?? ""));

  await click("knetik", "knetik-get");
  assert.match(await k.getByLabel(/Token of alice on web/).inputValue(), /^[0-9a-f]{32}$/);

  await k.getByLabel("Username").last().fill("jdoe");
  await click("knetik", "knetik-delete");
  assert.deepEqual(dialogs, ["Delete 1 token(s) of user jdoe?"]);
  assert.match(await status("knetik").textContent(), /Deleted 1 token\(s\)/);

  await k.getByLabel("Page size").fill("10");
  await click("knetik", "knetik-list-all");
  assert.equal(await k.locator(".progress").first().textContent(), "5 tokens in all");
  await screenshots("knetik");
  assert.deepEqual(problems, []);
});

test("the whole console at 1440 px", async () => {
  await click("hopr", "hopr-connect");
  await click("authlete", "authlete-list");
  await click("knetik", "knetik-list");
  await page.screenshot({ path: join(shots, "console.png"), fullPage: true });
  assert.equal(await page.locator("section.provider").count(), 3);
  assert.deepEqual(problems, []);
});

test("a sandbox fault shows in the error panel", async () => {
  await sandbox.fault({ path: "/api/v3/token", count: 5, status: 503, body: '{"status":"UNAVAILABLE","error":"node is syncing"}' });
  await click("hopr", "hopr-connect");
  const panel = section("hopr").locator(".error-panel");
  assert.equal(await panel.isVisible(), true);
  assert.equal(await panel.locator('[data-field="kind"]').textContent(), "http");
  assert.equal(await panel.locator('[data-field="status"]').textContent(), "503");
  assert.equal(await panel.locator('[data-field="code"]').textContent(), "UNAVAILABLE");
  assert.equal(
    await panel.locator('[data-field="message"]').textContent(),
    "HOPR tokensGetToken failed: HTTP 503 Service Unavailable (UNAVAILABLE): node is syncing",
  );
});

test("service text shows as text: markup and control characters in a description or an error body are never interpreted", async () => {
  // A token whose creator chose markup that would run script if parsed as HTML, and terminal controls.
  const description = 'evil <img src=x onerror="window.__pwned=1"><b>bold</b>\u001b[31mRED\u001b]0;pwned\u0007\r\nfake\u009b\u202e';
  const res = await fetch(`${sandbox.url}/api/v3/tokens`, {
    method: "POST",
    headers: { "x-auth-token": "hopr-demo-token", "content-type": "application/json" },
    body: JSON.stringify({ capabilities: [{ endpoint: "tokensGetToken" }], description }),
  });
  assert.equal(res.status, 201);
  const { token } = await res.json();
  const hopr = section("hopr");
  await hopr.getByLabel("API token").fill(token);
  await click("hopr", "hopr-connect");
  assert.equal(await hopr.locator('[data-field="description"]').textContent(), description);
  assert.equal(await status("hopr").textContent(), `Connected: token "${description}", 1 capabilities`);

  const code = '<img src=x onerror="window.__pwned=2">A\u001b[2J';
  const body = { status: code, error: "<b>bold</b>\u001b]0;pwned\u0007 bad\u009b" };
  await sandbox.fault({ path: "/api/v3/token", count: 5, status: 400, body: JSON.stringify(body) });
  await click("hopr", "hopr-connect");
  const panel = hopr.locator(".error-panel");
  assert.equal(await panel.locator('[data-field="code"]').textContent(), code);
  assert.equal(
    await panel.locator('[data-field="message"]').textContent(),
    String.raw`HOPR tokensGetToken failed: HTTP 400 Bad Request (<img src=x onerror="window.__pwned=2">A\u001b[2J): <b>bold</b>\u001b]0;pwned\u0007 bad\u009b`,
  );

  await page.waitForTimeout(200); // time for an image that should not exist to fail loading
  assert.equal(await page.locator("section.provider img, section.provider b").count(), 0, "markup from the service became elements");
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "an onerror handler from the service ran");
  assert.deepEqual(problems, []);
});

test("credentials stay in their password inputs", async () => {
  await click("hopr", "hopr-connect");
  const html = await page.content();
  for (const secret of CREDENTIALS) assert.ok(!html.includes(secret), `${secret} appears in the page HTML`);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
  for (const secret of CREDENTIALS) assert.ok(!stored.includes(secret), `${secret} stored or in the URL`);
  const inputs = await page.evaluate(() => [...document.querySelectorAll("input")].filter((i) => i.value.includes("-token") || i.value.includes("secret") || i.value.includes("pass")).map((i) => i.type));
  assert.ok(inputs.length >= 1);
  assert.ok(inputs.every((t) => t === "password"), `credential values outside password inputs: ${inputs}`);
});

test("a failed list leaves no rows of an earlier answer", async () => {
  await click("authlete", "authlete-list");
  assert.ok((await section("authlete").locator("tbody tr").count()) > 0);
  await sandbox.fault({ path: "/api/auth/token/get/list", count: 3, status: 500, body: '{"resultCode":"A1","resultMessage":"down"}' });
  await click("authlete", "authlete-list");
  assert.equal(await section("authlete").locator("tbody tr").count(), 0);
  assert.equal(await section("authlete").locator('[data-field="not-loaded"]').count(), 1);
  await click("knetik", "knetik-list");
  assert.ok((await section("knetik").locator("tbody tr").count()) > 0);
  await sandbox.fault({ path: "/auth/tokens", count: 3, status: 500, body: "{}" });
  await click("knetik", "knetik-list");
  assert.equal(await section("knetik").locator("tbody tr").count(), 0);
});

test("loading the console asks for nothing that is not there (no favicon 404)", async () => {
  const missing = [];
  const fresh = await browser.newPage();
  fresh.on("response", (r) => r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`));
  fresh.on("console", (m) => m.type() === "error" && missing.push(m.text()));
  await fresh.goto(sandbox.url + "/");
  await fresh.waitForSelector("section.provider");
  await fresh.waitForTimeout(300);
  await fresh.close();
  assert.deepEqual(missing, []);
});

test("every input of the console has a label of its own", async () => {
  const labels = await page.evaluate(() => [...document.querySelectorAll("section.provider")].flatMap((s) => [...s.querySelectorAll("label")].map((l) => `${s.id}: ${l.textContent}`)));
  assert.equal(new Set(labels).size, labels.length, `duplicate labels: ${labels.filter((l, i) => labels.indexOf(l) !== i)}`);
});

test("calls from a page on the service's own origin send no cookies", async () => {
  // The console is served by the sandbox, so its calls are same-origin: fetch's default would
  // send the page's cookies. A plain fetch shows the cookie arriving; the clients never send it.
  await page.evaluate(() => (document.cookie = "session=console-cookie; path=/"));
  await page.evaluate(() => fetch("/api/v3/token", { headers: { "x-auth-token": "hopr-demo-token" } }).then((r) => r.status));
  const control = (await sandbox.requests()).at(-1);
  assert.equal(control.headers.cookie, "<redacted>", "the control request carried the cookie");

  await sandbox.reset();
  await page.evaluate(async () => {
    const { HoprTokens, AuthleteTokens, KnetikTokens } = await import("/pkg/web/index.js");
    const baseUrl = location.origin;
    await new HoprTokens({ baseUrl, apiToken: "hopr-demo-token" }).getToken();
    await new AuthleteTokens({ baseUrl, apiKey: "sandbox-key", apiSecret: "sandbox-secret" }).list({ subject: "alice" });
    await new KnetikTokens({ baseUrl, clientId: "admin-client", clientSecret: "admin-secret" }).getTokens({ size: 1 });
  });
  const sent = await sandbox.requests();
  assert.deepEqual(sent.map((r) => r.path), ["/api/v3/token", "/api/auth/token/get/list", "/oauth/token", "/auth/tokens"]);
  for (const r of sent) assert.equal(r.headers.cookie, undefined, `${r.method} ${r.path} sent a cookie`);
});

test("after a failed action, the section's status no longer tells of an earlier success, nor its token view of an earlier token", async () => {
  await click("hopr", "hopr-connect");
  assert.match(await status("hopr").textContent(), /^Connected/);
  assert.equal(await section("hopr").locator('[data-field="description"]').count(), 1);
  await sandbox.fault({ path: "/api/v3/token", count: 3, status: 401, body: '{"status":"UNAUTHORIZED","error":"bad token"}' });
  await click("hopr", "hopr-connect");
  assert.equal(await status("hopr").textContent(), "");
  assert.equal(await section("hopr").locator('[data-field="description"]').count(), 0);
  assert.equal(await section("hopr").locator('[data-field="not-loaded"]').count(), 1);
});

test("Previous and Next page through the list on screen, whatever the filter fields say since", async () => {
  const authlete = section("authlete");
  await authlete.getByLabel("Page size").fill("2");
  await click("authlete", "authlete-list");
  const range = authlete.locator('[data-field="range"]');
  const total = Number((await range.textContent()).split(" of ")[1]);
  assert.ok(total > 4, `${total} tokens`);
  await authlete.getByRole("button", { name: "Next" }).click();
  await page.waitForFunction(() => document.querySelector('section#authlete [data-field="range"]')?.textContent.startsWith("3–4"));
  await authlete.getByLabel("Subject", { exact: true }).fill("nobody-at-all");
  await authlete.getByRole("button", { name: "Next" }).click();
  await page.waitForFunction(() => document.querySelector('section#authlete [data-field="range"]')?.textContent.startsWith("5–"));
  assert.equal(await range.textContent(), `5–${Math.min(6, total)} of ${total}`);
  // "List tokens" takes the fields anew.
  await click("authlete", "authlete-list");
  assert.equal(await range.textContent(), "no tokens");
});

test("keyboard focus stays on the button that ran an action, and on the pager", async () => {
  const button = section("hopr").locator('[data-action="hopr-connect"]');
  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('section#hopr .status')?.textContent.startsWith("Connected"));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), "hopr-connect");
  const authlete = section("authlete");
  await authlete.getByLabel("Page size").fill("2");
  await click("authlete", "authlete-list");
  await authlete.getByRole("button", { name: "Next" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('section#authlete [data-field="range"]')?.textContent.startsWith("3–4"));
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Next");
});

test("a package that cannot load says so on the page", async () => {
  const broken = await browser.newPage();
  await broken.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: "" }));
  await broken.goto(sandbox.url + "/");
  const boot = broken.locator("#boot");
  await broken.waitForFunction(() => document.getElementById("boot")?.getAttribute("role") === "alert");
  assert.match(await boot.textContent(), /could not be loaded/);
  await broken.close();
});
