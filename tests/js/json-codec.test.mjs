// The two JSON codecs agree. The `tokenops/hopr` and `tokenops/knetik` browser builds parse and
// write JSON with the engine (JSON.parse / JSON.stringify through serde-wasm-bindgen); the
// combined build links serde_json into the wasm (src/core/json.rs says why). In Chromium, each
// per-service entry must give exactly what the combined entry gives for every codec-sensitive
// answer (tests/browser/codec.app.mjs), and pass the whole fault matrix.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { launchChromium, runScenario, withoutFailedLoads } from "./chromium.mjs";
import { startSandbox } from "./sandbox.mjs";
import { serveStatic } from "./static-server.mjs";
import * as codec from "../browser/codec.app.mjs";
import * as faults from "../browser/faults.app.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

let sandbox;
let browser;
let server;
before(async () => {
  sandbox = await startSandbox();
  browser = await launchChromium();
  server = await serveStatic({ "/browser/": join(root, "tests/browser"), "/node_modules/": join(root, "tests/node_modules") });
});
after(async () => {
  await server?.close();
  await browser?.close();
  await sandbox?.stop();
});

/** Runs tests/browser/<app> on the browser entry `entry` ("all" for the combined one). */
async function runApp(entry, app) {
  await sandbox.reset();
  const q = `entry=${entry}&app=${app}&sandbox=${encodeURIComponent(sandbox.url)}`;
  const { result, problems } = await runScenario(browser, `${server.origin}/browser/entry.html?${q}`, { timeout: 240_000 });
  assert.equal(result.ok, true, result.error);
  assert.deepEqual(withoutFailedLoads(problems), []);
  return result.result;
}

let combined;
test("the combined entry (serde_json in the wasm) passes the codec scenario", async () => {
  combined = await runApp("all", "codec.app.mjs");
  codec.check(combined, assert);
});

for (const service of ["hopr", "knetik"]) {
  test(`tokenops/${service} (the engine's JSON) decodes and encodes exactly as the combined entry`, async () => {
    const own = await runApp(service, "codec.app.mjs");
    assert.deepEqual(Object.keys(own), [service]);
    codec.check(own, assert);
    combined ??= await runApp("all", "codec.app.mjs");
    for (const [name, outcome] of Object.entries(combined[service])) assert.deepEqual(own[service][name], outcome, name);
  });

  test(`tokenops/${service} passes the fault matrix in Chromium`, async () => {
    faults.check(await runApp(service, "faults.app.mjs"), assert, [service]);
  });
}
