// The README's examples (examples/*.mjs) run against a fresh sandbox and print what they promise.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { startSandbox } from "./sandbox.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

const expectations = {
  "hopr.mjs": [/^created "read-only dashboard", valid until /m, /^after delete: http 401 UNAUTHORIZED$/m],
  "authlete.mjs": [/^carol has 1 token\(s\)/m, /^alice has 3 token\(s\)$/m, /^revoked 1 token\(s\)$/m, /^big client id: 9007199254740993 \(bigint\)$/m],
  "knetik.mjs": [/^5 token\(s\): /m, /^web-app has 2 token\(s\)$/m, /^alice: http 403 /m],
};

for (const [file, patterns] of Object.entries(expectations)) {
  test(`examples/${file}`, async () => {
    const { stdout } = await run(process.execPath, [`${root}/examples/${file}`, sandbox.url], { timeout: 20_000 });
    for (const p of patterns) assert.match(stdout, p);
  });
}

// README's recipes for testing with the emulator, run as a user runs them (they start their own).
test("examples/sandbox.test.mjs: node:test with startSandbox", async () => {
  // Its own run, as a user's: not a child of this test runner (NODE_TEST_CONTEXT).
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const { stdout } = await run(process.execPath, ["--test", "--test-reporter=tap", `${root}/examples/sandbox.test.mjs`], { cwd: `${root}/examples`, timeout: 60_000, env });
  assert.match(stdout, /^# pass 1$/m);
  assert.match(stdout, /^# fail 0$/m);
});

test("examples/vitest-msw: Vitest + MSW with createSandbox", async () => {
  const dir = `${root}/examples/vitest-msw`;
  const { stdout } = await run(process.execPath, [`${dir}/node_modules/vitest/vitest.mjs`, "run", "--reporter=verbose"], { cwd: dir, timeout: 120_000, env: { ...process.env, CI: "true", NO_COLOR: "1" } });
  assert.match(stdout, /through MSW: the dashboard token works, then expires after its minute/);
  assert.match(stdout, /through the fetch option/);
  assert.match(stdout, /Tests\s+2 passed \(2\)/);
});
