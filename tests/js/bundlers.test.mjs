// The bundler matrix: Vite (production build and dev server), webpack 5, Rollup 4 and esbuild each
// build tests/bundlers/app (a page importing "tokenops") from the packed package, configured as
// README "Bundlers" says; the page runs in Chromium against the sandbox: one call that works and
// one that fails with an ApiError of status 401.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { join, extname } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { startSandbox } from "./sandbox.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = join(root, "build/bundlers");
const { BUNDLERS, build, devServer } = await import(join(root, "tests/bundlers/build.mjs"));
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

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
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, "http://x");
    const file = join(dir, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    try {
      if (pathname.includes("..")) throw new Error("no");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

async function runPage(origin) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => problems.push(`console.${m.type()}: ${m.text()}`));
  await page.goto(`${origin}/?sandbox=${encodeURIComponent(sandbox.url)}`);
  await page.waitForFunction(() => window.testResult, null, { timeout: 60_000 });
  const result = await page.evaluate(() => window.testResult);
  await page.close();
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
