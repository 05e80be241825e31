// The `tokenops` command as each runtime's users start it, against the sandbox: on Node the
// installed bin (what `npx tokenops` runs; its `#!/usr/bin/env node` line finds this Node first
// on PATH), on Deno `deno run -A npm:tokenops` in a project whose package.json depends on it, on
// Bun `bunx --bun tokenops` (on Bun itself) and `bunx tokenops` (Bun honours the shebang: Node
// from PATH). scripts/runtimes.sh runs this file on Node 22/24/26 (`node --test`), Deno (`deno
// test`) and Bun (`bun test`). tests/js/cli.test.mjs covers every subcommand on Node 20.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { delimiter, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox } from "../js/sandbox.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const runtime = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";
const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH}`;

/** How this runtime's users start the command: [label, argv prefix]. */
const LAUNCHERS = {
  node: [["tokenops (npx)", [`${here}node_modules/.bin/tokenops`]]],
  deno: [["deno run -A npm:tokenops", [process.execPath, "run", "-A", "npm:tokenops"]]],
  bun: [
    ["bunx --bun tokenops", [process.execPath, "x", "--bun", "tokenops"]],
    ["bunx tokenops", [process.execPath, "x", "tokenops"]],
  ],
}[runtime];

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

/** Runs the command from this directory; resolves to { code, stdout, stderr }. */
function tokenops([cmd, ...prefix], args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...prefix, ...args], {
      cwd: here,
      env: { ...process.env, PATH, TOKENOPS_HOPR_URL: sandbox.url, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

if (runtime === "node") {
  test("the bin's `env node` finds the Node under test", () => {
    const found = spawnSync("node", ["-p", "process.version"], { env: { ...process.env, PATH }, encoding: "utf8" });
    assert.equal(found.stdout.trim(), process.version);
  });
}

for (const [label, argv] of LAUNCHERS) {
  test(`${label} hopr get: the caller's token as a table and as JSON, the credential never printed`, async () => {
    const table = await tokenops(argv, ["hopr", "get"], { TOKENOPS_HOPR_TOKEN: "hopr-demo-token" });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^id\s+<credential>$/m);
    assert.match(table.stdout, /^description\s+demo token$/m);
    assert.ok(!table.stdout.includes("hopr-demo-token"), table.stdout);
    const json = await tokenops(argv, ["hopr", "get", "--json", "--auth-scheme", "basic"], { TOKENOPS_HOPR_TOKEN: "hopr-demo-token" });
    assert.equal(json.code, 0, json.stderr);
    const mine = JSON.parse(json.stdout);
    assert.equal(mine.id, "<credential>");
    assert.deepEqual(mine.capabilities.map((c) => c.endpoint).sort(), ["tokensCreate", "tokensDelete", "tokensGetToken"]);
  });

  test(`${label} hopr get: a refused token exits 1 with the error on stderr; no credentials exits 2`, async () => {
    const refused = await tokenops(argv, ["hopr", "get"], { TOKENOPS_HOPR_TOKEN: "not-a-token" });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^tokenops: http, status 401/m);
    assert.equal(refused.stdout, "");
    const missing = await tokenops(argv, ["hopr", "get"], { TOKENOPS_HOPR_TOKEN: "" });
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /TOKENOPS_HOPR_TOKEN/);
  });
}
