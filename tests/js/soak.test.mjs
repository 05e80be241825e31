// A short soak pass (the full one is `node scripts/soak.mjs 100000`): mixed calls with ~5% faults,
// no panic-like failure, every promise settled, wasm memory flat after warm-up.
import { test } from "node:test";
import assert from "node:assert/strict";
import { soak } from "../../scripts/soak.mjs";

test("3,000 mixed calls with injected faults", async () => {
  const r = await soak({ calls: 3000, concurrency: 16, log: () => {} });
  assert.equal(r.otherErrors, 0);
  assert.equal(r.unsettled, 0);
  assert.equal(r.ok + r.apiErrors, r.calls);
  assert.ok(r.apiErrors > 0 && r.faultShare < 0.1, `fault share ${r.faultShare}`);
  assert.equal(r.wasmMemoryAtEnd, r.wasmMemoryAfterWarmup, "wasm memory grew after warm-up");
});
