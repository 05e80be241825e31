// The fault matrix in Node (the same scenario runs in Chromium through browser.test.mjs), with no
// unhandled rejection and nothing written to the console.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSandbox, captureConsole } from "./sandbox.mjs";
import { run, check } from "../browser/faults.app.mjs";

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

test("every fault gives the right ApiError and the client keeps working", async () => {
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(String(reason));
  process.on("unhandledRejection", onUnhandled);
  let rows;
  const lines = await captureConsole(async () => {
    rows = await run(sandbox.url);
  });
  await new Promise((r) => setTimeout(r, 50));
  process.off("unhandledRejection", onUnhandled);
  check(rows, assert);
  assert.deepEqual(unhandled, []);
  assert.deepEqual(lines, []);
});
