// Assertions the JS suites share.
import assert from "node:assert/strict";

/**
 * Awaits `promise`, which must reject; returns what it rejected with. With `type`, that must be
 * an instance of it (and a real `Error`).
 */
export async function rejection(promise, type) {
  const err = await promise.then(() => assert.fail("expected the call to reject"), (e) => e);
  if (type) {
    assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
    assert.ok(err instanceof Error);
  }
  return err;
}
