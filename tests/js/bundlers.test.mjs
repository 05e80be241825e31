// The bundler matrix: Vite (production build and dev server), webpack 5, Rollup 4 and esbuild each
// build tests/bundlers/app (a page importing "tokenops") from the packed package, configured as
// README "Bundlers" says; the page runs in Chromium against the sandbox: one call that works and
// one that fails with an ApiError of status 401.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { launchChromium, runScenario } from "./chromium.mjs";
import { startSandbox } from "./sandbox.mjs";
import { serveStatic } from "./static-server.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = join(root, "build/bundlers");
const { BUNDLERS, build, devServer } = await import(join(root, "tests/bundlers/build.mjs"));

let sandbox;
let browser;
const closers = [];
before(async () => {
  sandbox = await startSandbox();
  browser = await launchChromium();
});
after(async () => {
  for (const close of closers) await close();
  await browser?.close();
  await sandbox?.stop();
});

/** Serves a built folder on a loopback port (as any static host would). */
async function serve(dir) {
  const { origin, close } = await serveStatic({ "/": dir });
  closers.push(close);
  return origin;
}

async function runPage(origin) {
  const { result, problems } = await runScenario(browser, `${origin}/?sandbox=${encodeURIComponent(sandbox.url)}`, { timeout: 60_000 });
  return { result, problems: problems.filter((p) => !/Failed to load resource: .*401/.test(p) && !p.startsWith("console.debug: [vite]")) };
}

function check({ result, problems }) {
  assert.equal(result.ok, true, result.error);
  assert.deepEqual(result.result, { id: "hopr-demo-token", isApiError: true, status: 401, kind: "http" });
  assert.deepEqual(problems, []);
}

for (const name of Object.keys(BUNDLERS)) {
  test(`${name}: a production build of a page importing tokenops runs in Chromium`, async () => {
    const dir = await build(name, out);
    check(await runPage(await serve(dir)));
  });
}

for (const vite of ["vite", "vite7", "vite6"]) {
  test(`${vite}: the dev server serves the page with tokenops working`, async () => {
    const server = await devServer(vite);
    closers.push(server.close);
    check(await runPage(server.url));
  });
}
