// The admin console (www/) in headless Chromium against the sandbox that serves it: every
// provider section is driven through the UI, errors show in the page, credentials stay in their
// password inputs, and screenshots of each section are saved under build/screenshots/.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { chromium } from "playwright-core";
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
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
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
  assert.match(await status("hopr").textContent(), /Connected: token demo/);
  assert.equal(await section("hopr").locator('[data-field="id"]').textContent(), "demo");
  assert.equal(await section("hopr").locator('[data-field="valid_until"]').textContent(), "never");

  // A caller may only hand out capabilities it has, exactly as it has them (no limit here).
  await section("hopr").getByLabel("tokensGetToken", { exact: true }).check();
  await click("hopr", "hopr-create");
  assert.match(await status("hopr").textContent(), /Created a token with 1 capabilities/);
  const newToken = await section("hopr").getByLabel(/New token/).inputValue();
  assert.match(newToken, /^[0-9a-f]{32}$/);

  await section("hopr").getByLabel("Token id").fill("readonly");
  await click("hopr", "hopr-delete");
  assert.match(await status("hopr").textContent(), /Deleted token readonly/);
  await screenshots("hopr");
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
