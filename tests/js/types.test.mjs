// `tsc --strict` on a consumer file that uses the public types of the installed package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

test("a consumer compiles under tsc --strict, and misuse does not", () => {
  const tsc = `${root}/node_modules/.bin/tsc`;
  const run = (file) => {
    try {
      execFileSync(tsc, ["-p", `${root}/tests/types/${file}`], { encoding: "utf8", stdio: "pipe" });
      return "";
    } catch (e) {
      return `${e.stdout}${e.stderr}` || "failed";
    }
  };
  assert.equal(run("tsconfig.json"), "");
  const misuse = run("tsconfig.misuse.json");
  // Every line of misuse.ts marked @expect-error-line must be reported.
  for (const code of ["TS2322", "TS2345", "TS2353"]) {
    assert.ok(misuse.includes(code), `expected ${code} in:\n${misuse}`);
  }
});
