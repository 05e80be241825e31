// The built package in real Chromium: loaded by a plain <script type="module"> page, and bundled by
// esbuild. Pages come from a separate loopback origin (a small static server started here), so the
// calls to the sandbox are cross-origin, as in a real admin console.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, copyFile, writeFile } from "node:fs/promises";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { build } from "esbuild";
import { launchChromium, runScenario, withoutFailedLoads } from "./chromium.mjs";
import { startSandbox } from "./sandbox.mjs";
import { serveStatic } from "./static-server.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

let sandbox;
let browser;
before(async () => {
  sandbox = await startSandbox();
  browser = await launchChromium();
});
after(async () => {
  for (const s of servers) await s.close();
  await browser?.close();
  await sandbox?.stop();
});

const servers = [];

/** Opens `path` on a static origin serving `dirs`, and waits for the scenario's result. */
async function runPage(path, dirs, query = "") {
  const server = await serveStatic(dirs);
  servers.push(server);
  return runScenario(browser, `${server.origin}${path}?sandbox=${encodeURIComponent(sandbox.url)}${query}`, { reportUnhandledRejections: true });
}

/** Checks a page run with the scenario's own `check`, and that the console stayed clean. */
async function checkResult({ result, problems }, app) {
  assert.equal(result.ok, true, result.error);
  const { check } = await import(join(root, "tests/browser", app));
  check(result.result, assert);
  // Chromium itself logs every failed fetch ("Failed to load resource: ..."); nothing else may
  // reach the console, and no error may go unhandled.
  assert.deepEqual(withoutFailedLoads(problems), []);
}

const apps = readdirSync(join(root, "tests/browser")).filter((f) => f.endsWith(".app.mjs"));
for (const app of apps) {
  test(`a plain <script type=module> page runs ${app} against the sandbox`, async () => {
    await sandbox.reset();
    const page = await runPage(`/browser/page.html`, {
      "/browser/": join(root, "tests/browser"),
      "/node_modules/": join(root, "tests/node_modules"),
    }, `&app=${app}`);
    await checkResult(page, app);
  });
}

test("an esbuild bundle of a consumer runs in the browser", async () => {
  const outdir = join(root, "build/esbuild-consumer");
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, "tests/browser/bundle-entry.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    outfile: join(outdir, "bundle.js"),
    absWorkingDir: join(root, "tests"),
    logLevel: "silent",
  });
  assert.deepEqual(result.errors, []);
  // The wasm travels beside the bundle, where `new URL("tokenops_bg.wasm", import.meta.url)` looks.
  await copyFile(join(root, "tests/node_modules/tokenops/web/tokenops_bg.wasm"), join(outdir, "tokenops_bg.wasm"));
  await writeFile(join(outdir, "index.html"), '<!doctype html><script type="module" src="./bundle.js"></script>');
  await sandbox.reset();
  const page = await runPage("/bundle/index.html", { "/bundle/": outdir });
  await checkResult(page, "hopr.app.mjs");
});
