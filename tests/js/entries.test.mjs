// The per-service entries `tokenops/hopr`, `tokenops/authlete`, `tokenops/knetik` in browsers: each
// loads its own, smaller wasm, from a plain page and from an esbuild bundle, against the sandbox.
// (In Node, Deno and Bun: entries-node.test.mjs, which the runtime matrix runs too.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, copyFile, writeFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { build } from "esbuild";
import { launchChromium, runScenario, withoutFailedLoads } from "./chromium.mjs";
import { startSandbox } from "./sandbox.mjs";
import { serveStatic } from "./static-server.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkgDir = join(root, "tests/node_modules/tokenops");
const ENTRIES = { hopr: "HoprTokens", authlete: "AuthleteTokens", knetik: "KnetikTokens" };

let sandbox;
let browser;
let origin;
let server;
before(async () => {
  sandbox = await startSandbox();
  browser = await launchChromium();
  const dirs = { "/browser/": join(root, "tests/browser"), "/node_modules/": join(root, "tests/node_modules"), "/bundle/": join(root, "build/esbuild-entries") };
  server = await serveStatic(dirs);
  origin = server.origin;
});
after(async () => {
  await server?.close();
  await browser?.close();
  await sandbox?.stop();
});

test("the package ships each wasm once, and a service's browser wasm is smaller than the combined one", async () => {
  const combined = (await stat(join(pkgDir, "web/tokenops_bg.wasm"))).size;
  for (const service of Object.keys(ENTRIES)) {
    const own = (await stat(join(pkgDir, `web/${service}/tokenops_bg.wasm`))).size;
    assert.ok(own < combined, `${service}: ${own} >= ${combined}`);
  }
  await assert.rejects(stat(join(pkgDir, "node/tokenops_bg.wasm")));
  for (const license of ["LICENSE-MIT", "LICENSE-APACHE"]) assert.ok((await stat(join(pkgDir, license))).size > 500);
});

async function runPage(path) {
  const { result, problems, wasm } = await runScenario(browser, `${origin}${path}`);
  return { result, problems: withoutFailedLoads(problems), wasm };
}

for (const service of Object.keys(ENTRIES)) {
  test(`a page on tokenops/${service} loads only its own wasm and runs ${service}.app.mjs`, async () => {
    await sandbox.reset();
    const q = `entry=${service}&app=${service}.app.mjs&sandbox=${encodeURIComponent(sandbox.url)}`;
    const { result, problems, wasm } = await runPage(`/browser/entry.html?${q}`);
    assert.equal(result.ok, true, result.error);
    const { check } = await import(join(root, "tests/browser", `${service}.app.mjs`));
    check(result.result, assert);
    assert.deepEqual(problems, []);
    assert.deepEqual(wasm.map((u) => new URL(u).pathname), [`/node_modules/tokenops/web/${service}/tokenops_bg.wasm`]);
  });

  test(`an esbuild bundle importing tokenops/${service} runs in the browser`, async () => {
    const outdir = join(root, "build/esbuild-entries", service);
    await mkdir(outdir, { recursive: true });
    const entry = join(outdir, "entry.mjs");
    await writeFile(
      entry,
      `import { run } from ${JSON.stringify(join(root, "tests/browser", `${service}.app.mjs`))};
run(new URLSearchParams(location.search).get("sandbox")).then(
  (result) => (window.testResult = { ok: true, result }),
  (error) => (window.testResult = { ok: false, error: String(error) }),
);
`,
    );
    const built = await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "browser",
      minify: true,
      outfile: join(outdir, "bundle.js"),
      absWorkingDir: join(root, "tests"),
      alias: { tokenops: `tokenops/${service}` },
      logLevel: "silent",
    });
    assert.deepEqual(built.errors, []);
    await copyFile(join(pkgDir, `web/${service}/tokenops_bg.wasm`), join(outdir, "tokenops_bg.wasm"));
    await writeFile(join(outdir, "index.html"), '<!doctype html><script type="module" src="./bundle.js"></script>');
    await sandbox.reset();
    const { result, problems } = await runPage(`/bundle/${service}/index.html?sandbox=${encodeURIComponent(sandbox.url)}`);
    assert.equal(result.ok, true, result.error);
    assert.deepEqual(problems, []);
  });
}
